/* json_schema.c: a schema table (config.h) as a JSON Schema (draft-07) of
 * the files it binds, for editors (the YAML language server completes keys
 * and checks values with it), and the walk over a schema that reference
 * documentation is generated from. Generic: the meaning of a key is the
 * caller's help text. There is no global mutable state. */
#include "sim/config.h"
#include "sim/config/internal.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

void cfg_walk(const cfg_field *schema, size_t n, cfg_walk_fn fn, void *ctx) {
  char path[256] = "";
  /* an explicit stack of (schema, n, index, path length): sections nest */
  struct {
    const cfg_field *s;
    size_t n, i, plen;
  } st[16];
  size_t depth = 0;
  st[0].s = schema;
  st[0].n = n;
  st[0].i = 0;
  st[0].plen = 0;
  for (;;) {
    if (st[depth].i == st[depth].n) {
      if (depth == 0)
        return;
      depth--;
      path[st[depth].plen] = '\0';
      continue;
    }
    const cfg_field *f = &st[depth].s[st[depth].i++];
    size_t plen = st[depth].plen;
    snprintf(path + plen, sizeof path - plen, "%s%s", plen ? "." : "", f->key);
    fn(path, f, (int)depth, ctx);
    if (f->type == CFG_T_SECTION && f->sub && depth + 1 < sizeof st / sizeof st[0]) {
      depth++;
      st[depth].s = f->sub;
      st[depth].n = f->nsub;
      st[depth].i = 0;
      st[depth].plen = strlen(path);
    } else {
      path[plen] = '\0';
    }
  }
}

int cfg_bounds(const cfg_field *f, double *lo, double *hi) {
  *lo = -HUGE_VAL;
  *hi = HUGE_VAL;
  switch (f->type) {
  case CFG_T_PROB:
    *lo = 0;
    *hi = 1;
    return 1;
  case CFG_T_DURATION:
    *lo = f->min > 0 ? f->min : 0;
    if (f->max > 0)
      *hi = f->max;
    return 1;
  case CFG_T_INT:
  case CFG_T_REAL:
  case CFG_T_CURVE:
    if (f->min <= f->max) {
      *lo = f->min;
      *hi = f->max;
      return 1;
    }
    return 0;
  default:
    return 0;
  }
}

/* Sets o[key] = v (a new reference); 1 on failure. */
static int put(json_t *o, const char *key, json_t *v) {
  return json_object_set_new(o, key, v) != 0;
}

/* A number: finite reals as reals, whole ones as integers. */
static json_t *num(double v) {
  if (v == floor(v) && fabs(v) < 1e15)
    return json_integer((json_int_t)v);
  return json_real(v);
}

/* {"type": number|integer, minimum, maximum}, with "or 0 (off)" as anyOf. */
static json_t *number_schema(const cfg_field *f, const char *type) {
  double lo, hi;
  json_t *o = json_object();
  int bad = !o || put(o, "type", json_string(type));
  if (cfg_bounds(f, &lo, &hi)) {
    json_t *range = (f->flags & CFG_F_ZERO_OFF) && lo > 0 ? json_object() : o;
    bad |= !range;
    if (isfinite(lo))
      bad |= put(range, "minimum", num(lo));
    if (isfinite(hi))
      bad |= put(range, "maximum", num(hi));
    if (range != o)
      bad |= put(o, "anyOf", json_pack("[{s:i}, o]", "const", 0, range));
  }
  if (bad) {
    json_decref(o);
    return NULL;
  }
  return o;
}

static json_t *field_schema(const cfg_field *f, const cfg_field *root, size_t nroot,
                            json_t *(*value)(const cfg_field *, const void *), const void *base);

/* {"type": "object", "properties": ..., "additionalProperties": false} of a
 * mapping bound with schema (the required keys when `required` is set). */
static json_t *object_schema(const cfg_field *schema, size_t n, const cfg_field *root, size_t nroot,
                             int required, json_t *(*value)(const cfg_field *, const void *),
                             const void *base) {
  json_t *o = json_object(), *props = json_object(), *req = json_array();
  int bad = !o || !props || !req;
  for (size_t i = 0; i < n && !bad; i++) {
    const void *at = base ? (const char *)base + schema[i].offset : NULL;
    bad |= put(
        props, schema[i].key,
        field_schema(&schema[i], root, nroot, value, schema[i].type == CFG_T_SECTION ? at : base));
    if (required && schema[i].required)
      bad |= json_array_append_new(req, json_string(schema[i].key)) != 0;
  }
  bad |= put(o, "type", json_string("object"));
  bad |= put(o, "properties", props);
  props = NULL;
  if (json_array_size(req))
    bad |= put(o, "required", req);
  else
    json_decref(req);
  req = NULL;
  bad |= put(o, "additionalProperties", json_false());
  json_decref(props);
  json_decref(req);
  if (bad) {
    json_decref(o);
    return NULL;
  }
  return o;
}

typedef struct {
  json_t *props;
  const char *prefix;
  int bad;
} dists_ctx;

static int is_number(const cfg_field *f) {
  return f->type == CFG_T_INT || f->type == CFG_T_REAL || f->type == CFG_T_PROB ||
         f->type == CFG_T_DURATION;
}

static void dist_path(const char *path, const cfg_field *f, int depth, void *ctx) {
  (void)depth;
  dists_ctx *dc = ctx;
  if (!is_number(f) || dc->bad)
    return;
  char full[320];
  snprintf(full, sizeof full, "%s%s%s", dc->prefix, *dc->prefix ? "." : "", path);
  json_t *ref = json_pack("{s:s, s:s}", "$ref", "#/definitions/distribution", "description",
                          f->help ? f->help : "");
  dc->bad |= !ref || put(dc->props, full, ref);
}

/* A mapping of the dotted paths of the number parameters (those binding
 * accepts: outside the sections left out of the JSON) to distributions. */
static json_t *dists_schema(const cfg_field *root, size_t nroot) {
  dists_ctx dc = {json_object(), "", 0};
  if (!dc.props)
    return NULL;
  for (size_t i = 0; i < nroot; i++) {
    if (root[i].type == CFG_T_SECTION && !root[i].no_json) {
      dc.prefix = root[i].key;
      cfg_walk(root[i].sub, root[i].nsub, dist_path, &dc);
    } else if (root[i].type != CFG_T_SECTION) {
      dc.prefix = "";
      dist_path(root[i].key, &root[i], 0, &dc);
    }
  }
  json_t *o = json_pack("{s:s, s:o, s:b}", "type", "object", "properties", dc.props,
                        "additionalProperties", 0);
  if (dc.bad || !o) {
    json_decref(o);
    return NULL;
  }
  return o;
}

static json_t *field_schema(const cfg_field *f, const cfg_field *root, size_t nroot,
                            json_t *(*value)(const cfg_field *, const void *), const void *base) {
  json_t *o = NULL;
  switch (f->type) {
  case CFG_T_BOOL:
    o = json_pack("{s:s}", "type", "boolean");
    break;
  case CFG_T_INT:
    o = number_schema(f, "integer");
    break;
  case CFG_T_REAL:
  case CFG_T_PROB:
  case CFG_T_DURATION:
    o = number_schema(f, "number");
    break;
  case CFG_T_STRING:
    o = json_pack("{s:s, s:I}", "type", "string", "maxLength",
                  (json_int_t)(f->elem_size ? f->elem_size - 1 : 0));
    if (o && (f->flags & CFG_F_NAME) &&
        put(o, "pattern", json_string("^[A-Za-z0-9_-][A-Za-z0-9_.-]*$"))) {
      json_decref(o);
      o = NULL;
    }
    break;
  case CFG_T_ENUM: {
    json_t *names = json_array();
    for (size_t i = 0; names && f->names && f->names[i]; i++)
      if (json_array_append_new(names, json_string(f->names[i]))) {
        json_decref(names);
        names = NULL;
      }
    o = names ? json_pack("{s:s, s:o}", "type", "string", "enum", names) : NULL;
    break;
  }
  case CFG_T_SHARES: {
    json_t *props = json_object(), *req = json_array();
    int bad = !props || !req;
    for (size_t i = 0; !bad && f->names && f->names[i]; i++) {
      bad |= put(props, f->names[i],
                 json_pack("{s:s, s:i, s:i}", "type", "number", "minimum", 0, "maximum", 1));
      bad |= json_array_append_new(req, json_string(f->names[i])) != 0;
    }
    o = bad ? NULL
            : json_pack("{s:s, s:o, s:o, s:b}", "type", "object", "properties", props, "required",
                        req, "additionalProperties", 0);
    if (bad) {
      json_decref(props);
      json_decref(req);
    }
    break;
  }
  case CFG_T_CURVE: {
    json_t *y = number_schema(f, "number");
    json_t *point = y ? json_pack("{s:s, s:[{s:s, s:i}, o], s:i, s:i}", "type", "array", "items",
                                  "type", "number", "minimum", 0, y, "minItems", 2, "maxItems", 2)
                      : NULL;
    o = point ? json_pack("{s:s, s:o, s:I}", "type", "array", "items", point, "maxItems",
                          (json_int_t)f->max_elems)
              : NULL;
    break;
  }
  case CFG_T_SECTION:
    o = object_schema(f->sub, f->nsub, root, nroot, 0, value, base);
    break;
  case CFG_T_TABLE: {
    /* a table replaces its base's as a whole: its elements' required keys
     * are required in every file */
    json_t *item = object_schema(f->sub, f->nsub, root, nroot, 1, NULL, NULL);
    o = item ? json_pack("{s:s, s:o, s:I}", "type", "array", "items", item, "maxItems",
                         (json_int_t)f->max_elems)
             : NULL;
    break;
  }
  case CFG_T_DISTS:
    o = dists_schema(root, nroot);
    break;
  }
  if (o && f->help && put(o, "description", json_string(f->help))) {
    json_decref(o);
    return NULL;
  }
  if (o && value && base && f->type != CFG_T_SECTION && f->type != CFG_T_DISTS) {
    json_t *v = value(f, base);
    double lo, hi;
    /* a neutral default outside the bounds (e.g. 1e9: "never") is no value
     * an editor should offer */
    if (v && json_is_number(v) && cfg_bounds(f, &lo, &hi) &&
        (json_number_value(v) < lo || json_number_value(v) > hi) &&
        !((f->flags & CFG_F_ZERO_OFF) && json_number_value(v) == 0)) {
      json_decref(v);
      v = NULL;
    }
    if (v && put(o, "default", v)) {
      json_decref(o);
      return NULL;
    }
  }
  return o;
}

/* {"required": [...], "properties": {section: {...}}} of what a complete
 * file must hold, or NULL when nothing in schema is required. */
static json_t *required_schema(const cfg_field *schema, size_t n, int *bad) {
  json_t *req = json_array(), *props = json_object();
  *bad |= !req || !props;
  for (size_t i = 0; i < n && !*bad; i++) {
    json_t *sub = schema[i].type == CFG_T_SECTION
                      ? required_schema(schema[i].sub, schema[i].nsub, bad)
                      : NULL;
    if (sub)
      *bad |= put(props, schema[i].key, sub);
    if (schema[i].required || sub)
      *bad |= json_array_append_new(req, json_string(schema[i].key)) != 0;
  }
  json_t *o = NULL;
  if (!*bad && json_array_size(req)) {
    o = json_pack("{s:O, s:O}", "required", req, "properties", props);
    *bad |= !o;
  }
  json_decref(req);
  json_decref(props);
  return o;
}

json_t *cfg_json_schema(const cfg_field *schema, size_t n, const char *title,
                        json_t *(*value)(const cfg_field *f, const void *base),
                        const void *defaults) {
  json_t *body = object_schema(schema, n, schema, n, 0, value, defaults);
  json_t *doc = json_pack("{s:s, s:s}", "$schema", "http://json-schema.org/draft-07/schema#",
                          "title", title ? title : "configuration");
  int bad = !body || !doc || json_object_update(doc, body);
  json_decref(body);
  if (bad) {
    json_decref(doc);
    return NULL;
  }
  json_t *props = json_object_get(doc, "properties");
  bad |= put(props, "extends",
             json_pack("{s:s, s:s}", "type", "string", "description",
                       "the file this one changes (its folder, then the search path)"));
  /* a file that extends another needs none of the required keys itself */
  json_t *need = required_schema(schema, n, &bad);
  if (need)
    bad |= put(doc, "if", json_pack("{s:[s]}", "required", "extends")) || put(doc, "else", need);
  static const char *const kinds[] = CFG_DIST_NAMES;
  json_t *names = json_array();
  for (size_t i = 0; names && kinds[i]; i++)
    bad |= json_array_append_new(names, json_string(kinds[i])) != 0;
  json_t *dist = json_pack(
      "{s:s, s:{s:{s:s, s:o}, s:{s:s}, s:{s:s}, s:{s:s}, s:{s:s, s:i}, s:{s:s, s:i}}, s:[s,s,s], "
      "s:b, s:[{s:{s:{s:{s:s}}}, s:{s:[s]}}, {s:{s:{s:{s:s}}}, s:{s:[s,s]}}]}",
      "type", "object", "properties", "dist", "type", "string", "enum", names, "low", "type",
      "number", "high", "type", "number", "mode", "type", "number", "alpha", "type", "number",
      "exclusiveMinimum", 0, "beta", "type", "number", "exclusiveMinimum", 0, "required", "dist",
      "low", "high", "additionalProperties", 0, "allOf", "if", "properties", "dist", "const",
      "triangular", "then", "required", "mode", "if", "properties", "dist", "const", "beta", "then",
      "required", "alpha", "beta");
  bad |= !dist || put(doc, "definitions", json_pack("{s:o}", "distribution", dist));
  if (bad) {
    json_decref(doc);
    return NULL;
  }
  return doc;
}
