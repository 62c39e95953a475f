/* cmd_params.c: `bijsim params`: the parameter reference, generated from the
 * scenario schema (models/params.c: every key's type, bounds, unit, meaning
 * and what it is the setting for) and the shipped scenarios/baseline.yaml
 * (its value of each key and the comment naming the value's source);
 * `--markdown` is docs/parameters.md, `--json-schema` a JSON Schema of a
 * scenario file for editors (docs/scenarios.md). */
#include "analysis/csv.h"
#include "analysis/output.h"
#include "app/cli.h"
#include "models/params.h"
#include "sim/config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static void usage(FILE *f) {
  fputs("usage: bijsim params [--markdown | --json-schema]\n"
        "\n"
        "Prints every key of a scenario file: its type, unit and bounds, its default (the\n"
        "value when no file sets it), the value in the shipped baseline.yaml with the\n"
        "source its comment gives, what it means and, where the name alone misleads,\n"
        "what it is the setting for. Keys are dotted paths (case_management.consultants_fte);\n"
        "a list's entries are PATH[].KEY.\n"
        "  --markdown     the same as Markdown tables: docs/parameters.md is\n"
        "                   bijsim params --markdown > docs/parameters.md\n"
        "  --json-schema  a JSON Schema (draft-07) of a scenario file, for editors: with the\n"
        "                 YAML language server, '# yaml-language-server: $schema=FILE' in a\n"
        "                 scenario completes keys and checks values (docs/scenarios.md)\n",
        f);
}

/* ---------------------------------------------- baseline.yaml's comments */

/* path -> the comment on its line ("# ..."), and whether its value was
 * written inline ({...} or [...]: its keys share the comment). Read line by
 * line: block mappings by indentation, as baseline.yaml is written. */
typedef struct comments {
  json_t *text;    /* path -> comment */
  json_t *inline_; /* path -> true */
} comments;

static void read_comments(const char *text, comments *c) {
  struct {
    int indent;
    char key[128];
  } stack[16];
  size_t depth = 0;
  for (const char *line = text; *line;) {
    const char *eol = strchr(line, '\n');
    size_t len = eol ? (size_t)(eol - line) : strlen(line);
    int indent = 0;
    while ((size_t)indent < len && line[indent] == ' ')
      indent++;
    const char *k = line + indent;
    size_t klen = strspn(k, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.");
    if (klen > 0 && klen < 128 && (size_t)indent + klen < len && k[klen] == ':') {
      while (depth > 0 && stack[depth - 1].indent >= indent)
        depth--;
      char path[512] = "";
      for (size_t i = 0; i < depth; i++)
        snprintf(path + strlen(path), sizeof path - strlen(path), "%s.", stack[i].key);
      snprintf(path + strlen(path), sizeof path - strlen(path), "%.*s", (int)klen, k);
      const char *v = k + klen + 1, *end = line + len;
      while (v < end && *v == ' ')
        v++;
      /* the comment: the first " #" (baseline.yaml quotes no '#') */
      const char *hash = NULL;
      for (const char *q = v; q < end && !hash; q++)
        if (*q == '#' && (q == v || q[-1] == ' '))
          hash = q;
      if (hash) {
        const char *t = hash + 1;
        while (t < end && *t == ' ')
          t++;
        json_object_set_new(c->text, path, json_stringn(t, (size_t)(end - t)));
      }
      if (v < end && (*v == '{' || *v == '['))
        json_object_set_new(c->inline_, path, json_true());
      if ((v == end || v == hash) && depth < 16) { /* a section: its keys follow */
        stack[depth].indent = indent;
        snprintf(stack[depth].key, sizeof stack[depth].key, "%.*s", (int)klen, k);
        depth++;
      }
    }
    line = eol ? eol + 1 : line + len;
  }
}

/* The source of path: its own comment, else that of the key it was written
 * inline in ({mean_days: ..., cv: ...}), or NULL. */
static const char *source_of(const comments *c, const char *path) {
  const char *own = json_string_value(json_object_get(c->text, path));
  if (own)
    return own;
  char parent[512];
  snprintf(parent, sizeof parent, "%s", path);
  char *dot;
  while ((dot = strrchr(parent, '.'))) {
    *dot = '\0';
    if (json_is_true(json_object_get(c->inline_, parent)))
      return json_string_value(json_object_get(c->text, parent));
  }
  return NULL;
}

/* ---------------------------------------------------------- one entry */

typedef struct ref {
  FILE *f;
  int markdown;
  json_t *defaults, *baseline; /* cfg_build_json of the two structs */
  comments com;
  const bs_params *base; /* the baseline, for its plausible ranges */
  int section_open;      /* markdown: a table is open */
} ref;

/* The value at a dotted path ("a.b[].c" has none: a list's entries) in a
 * JSON object, or NULL. */
static const json_t *at_path(const json_t *o, const char *path) {
  char buf[512];
  snprintf(buf, sizeof buf, "%s", path);
  if (strstr(buf, "[]"))
    return NULL;
  for (char *seg = strtok(buf, "."); seg && o; seg = strtok(NULL, "."))
    o = json_object_get(o, seg);
  return o;
}

/* A value as short text: a string as is, a list of mappings as its count,
 * anything else as compact JSON. */
static void value_text(const json_t *v, char *buf, size_t len) {
  if (!v) {
    snprintf(buf, len, "-");
    return;
  }
  if (json_is_string(v)) {
    snprintf(buf, len, "%s", json_string_value(v));
    return;
  }
  if (json_is_array(v) && json_array_size(v) && json_is_object(json_array_get(v, 0))) {
    snprintf(buf, len, "%zu entries", json_array_size(v));
    return;
  }
  char *t = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY | JSON_REAL_PRECISION(10));
  snprintf(buf, len, "%s", t ? t : "?");
  free(t);
}

static void number_text(double v, char *buf, size_t len) {
  if (v == floor(v) && fabs(v) < 1e7)
    snprintf(buf, len, "%.0f", v);
  else
    snprintf(buf, len, "%g", v);
}

/* "probability in [0, 1]", "days, 0 (off) or [1, 36525]", ... */
static void type_text(const cfg_field *f, char *buf, size_t len) {
  static const char *const names[] = {
      [CFG_T_BOOL] = "true or false", [CFG_T_INT] = "integer",      [CFG_T_REAL] = "number",
      [CFG_T_PROB] = "probability",   [CFG_T_DURATION] = "days",    [CFG_T_STRING] = "text",
      [CFG_T_ENUM] = "one of",        [CFG_T_SHARES] = "shares of", [CFG_T_CURVE] = "curve",
      [CFG_T_SECTION] = "section",    [CFG_T_TABLE] = "list",       [CFG_T_DISTS] = "ranges"};
  size_t pos = (size_t)snprintf(buf, len, "%s", names[f->type]);
  if (f->unit && pos < len)
    pos += (size_t)snprintf(buf + pos, len - pos, ", %s", f->unit);
  if ((f->type == CFG_T_ENUM || f->type == CFG_T_SHARES) && f->names)
    for (size_t i = 0; f->names[i] && pos < len; i++)
      pos += (size_t)snprintf(buf + pos, len - pos, "%s%s", i ? ", " : " ", f->names[i]);
  if (f->type == CFG_T_SHARES && pos < len)
    pos += (size_t)snprintf(buf + pos, len - pos, " (summing to 1)");
  if (f->type == CFG_T_STRING && (f->flags & CFG_F_NAME) && pos < len)
    pos += (size_t)snprintf(buf + pos, len - pos, " (a name: letters, digits, _ - .)");
  if (f->type == CFG_T_CURVE && pos < len)
    pos += (size_t)snprintf(buf + pos, len - pos, " [[day, value], ...], at most %zu points",
                            f->max_elems);
  if (f->type == CFG_T_TABLE && pos < len)
    pos += (size_t)snprintf(buf + pos, len - pos, " of at most %zu entries", f->max_elems);
  if (f->type == CFG_T_DISTS && pos < len)
    pos += (size_t)snprintf(buf + pos, len - pos,
                            ": PATH: {dist: uniform|triangular|log_uniform|beta, low, high, ...}");
  double lo, hi;
  if (cfg_bounds(f, &lo, &hi) && f->type != CFG_T_PROB && pos < len) {
    char a[32], b[32];
    number_text(lo, a, sizeof a);
    number_text(hi, b, sizeof b);
    const char *what = f->type == CFG_T_CURVE ? " (values)" : "";
    if (!isfinite(hi))
      pos += (size_t)snprintf(buf + pos, len - pos, ", at least %s%s", a, what);
    else
      pos +=
          (size_t)snprintf(buf + pos, len - pos, ", %s[%s, %s]%s",
                           (f->flags & CFG_F_ZERO_OFF) && lo > 0 ? "0 (off) or " : "", a, b, what);
  } else if (f->type == CFG_T_PROB && pos < len) {
    pos += (size_t)snprintf(buf + pos, len - pos, " in [0, 1]");
  }
  if (f->required && pos < len)
    snprintf(buf + pos, len - pos, "; required");
}

/* The plausible range baseline.yaml's `uncertainty:` gives path, as text. */
static int range_text(const bs_params *p, const comments *c, const char *path, char *buf,
                      size_t len) {
  static const char *const kinds[] = CFG_DIST_NAMES;
  for (size_t i = 0; i < p->uncertainty_n; i++) {
    const cfg_dist *d = &p->uncertainty[i];
    if (strcmp(d->path, path))
      continue;
    char lo[32], hi[32];
    number_text(d->low, lo, sizeof lo);
    number_text(d->high, hi, sizeof hi);
    char key[600];
    snprintf(key, sizeof key, "uncertainty.%s", path);
    const char *why = json_string_value(json_object_get(c->text, key));
    snprintf(buf, len, "%s %s to %s%s%s%s", kinds[d->kind], lo, hi, why ? " (" : "", why ? why : "",
             why ? ")" : "");
    return 1;
  }
  return 0;
}

/* Markdown table cell text: '|' escaped, on one line. */
static void cell(FILE *f, const char *s) {
  for (; s && *s; s++) {
    if (*s == '|')
      fputs("\\|", f);
    else if (*s == '\n')
      fputc(' ', f);
    else
      fputc(*s, f);
  }
}

static void entry(ref *r, const char *path, const cfg_field *f) {
  char type[512], def[256], base[256], range[512];
  type_text(f, type, sizeof type);
  /* a value to show: not a section, not the ranges, not a list's entry */
  int leafish = f->type != CFG_T_SECTION && f->type != CFG_T_DISTS && !strstr(path, "[]");
  value_text(leafish ? at_path(r->defaults, path) : NULL, def, sizeof def);
  value_text(leafish ? at_path(r->baseline, path) : NULL, base, sizeof base);
  if (f->type == CFG_T_STRING && !*def)
    snprintf(def, sizeof def, "\"\"");
  const char *src = source_of(&r->com, path);
  const char *lever = bs_params_lever(path);
  int has_range = range_text(r->base, &r->com, path, range, sizeof range);
  if (r->markdown) {
    fputs("| `", r->f);
    cell(r->f, path);
    fputs("` | ", r->f);
    cell(r->f, type);
    fputs(" | ", r->f);
    if (leafish) {
      fputc('`', r->f);
      cell(r->f, def);
      fputs("` | `", r->f);
      cell(r->f, base);
      fputc('`', r->f);
    } else {
      fputs(" | ", r->f);
    }
    fputs(" | ", r->f);
    cell(r->f, f->help);
    if (lever) {
      fputs(". **Lever:** ", r->f);
      cell(r->f, lever);
    }
    fputs(" | ", r->f);
    cell(r->f, src ? src : "");
    if (has_range) {
      fputs(src ? ". " : "", r->f);
      fputs("Plausible range: ", r->f);
      cell(r->f, range);
    }
    fputs(" |\n", r->f);
    return;
  }
  fprintf(r->f, "%s\n    %s\n", path, type);
  if (f->help)
    fprintf(r->f, "    %s\n", f->help);
  if (lever)
    fprintf(r->f, "    lever: %s\n", lever);
  if (leafish)
    fprintf(r->f, "    default %s; baseline.yaml %s\n", def, base);
  if (src)
    fprintf(r->f, "    source: %s\n", src);
  if (has_range)
    fprintf(r->f, "    plausible range (uncertainty:): %s\n", range);
}

static void walk(ref *r, const cfg_field *schema, size_t n, const char *prefix, int depth) {
  for (size_t i = 0; i < n; i++) {
    const cfg_field *f = &schema[i];
    char path[512];
    snprintf(path, sizeof path, "%s%s%s", prefix, *prefix ? "." : "", f->key);
    if (depth == 0 && f->type == CFG_T_SECTION) {
      if (r->markdown)
        fprintf(r->f,
                "\n## `%s`: %s\n\n| Key | Type, unit, bounds | Default | baseline.yaml | "
                "Meaning | Source (baseline.yaml) |\n|---|---|---|---|---|---|\n",
                f->key, f->help);
      else
        fprintf(r->f, "\n== %s: %s\n", f->key, f->help);
      if (bs_params_lever(path))
        entry(r, path, f);
      walk(r, f->sub, f->nsub, path, depth + 1);
      continue;
    }
    if (depth == 0 && r->markdown)
      fprintf(r->f,
              "\n## `%s`: %s\n\n| Key | Type, unit, bounds | Default | baseline.yaml | "
              "Meaning | Source (baseline.yaml) |\n|---|---|---|---|---|---|\n",
              f->key, f->help);
    else if (depth == 0)
      fprintf(r->f, "\n== %s: %s\n", f->key, f->help);
    entry(r, path, f);
    if (f->type == CFG_T_SECTION)
      walk(r, f->sub, f->nsub, path, depth + 1);
    if (f->type == CFG_T_TABLE) {
      char sub[520];
      snprintf(sub, sizeof sub, "%s[]", path);
      walk(r, f->sub, f->nsub, sub, depth + 1);
    }
  }
}

/* ---------------------------------------------------------- JSON Schema */

/* The lever notes join the descriptions. */
static void add_levers(json_t *doc) {
  const char *lever;
  for (size_t i = 0; bs_params_lever_at(i, &lever); i++) {
    char buf[512];
    snprintf(buf, sizeof buf, "%s", bs_params_lever_at(i, &lever));
    json_t *node = doc;
    for (char *seg = strtok(buf, "."); seg && node; seg = strtok(NULL, "."))
      node = json_object_get(json_object_get(node, "properties"), seg);
    const char *d = json_string_value(json_object_get(node, "description"));
    if (!node || !d)
      continue;
    size_t len = strlen(d) + strlen(lever) + 16;
    char *text = malloc(len);
    if (!text)
      continue;
    snprintf(text, len, "%s. Lever: %s", d, lever);
    json_object_set_new(node, "description", json_string(text));
    free(text);
  }
}

static json_t *default_value(const cfg_field *f, const void *base) {
  return cfg_field_json(f, base);
}

static int write_json_schema(void) {
  static bs_params defaults;
  bs_params_defaults(&defaults);
  size_t n;
  const cfg_field *schema = bs_params_schema(&n);
  json_t *doc = cfg_json_schema(schema, n, "bijsim scenario", default_value, &defaults);
  if (!doc) {
    cli_error("params: out of memory building the JSON Schema");
    return 1;
  }
  add_levers(doc);
  int rc = bs_out_json(stdout, doc) == 0 && fflush(stdout) == 0 ? 0 : 1;
  json_decref(doc);
  if (rc)
    cli_error("params: cannot write to standard output");
  return rc;
}

int cmd_params(int argc, char **argv) {
  int markdown = 0, schema_out = 0;
  for (int i = 0; i < argc; i++) {
    if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
      usage(stdout);
      return 0;
    }
    if (!strcmp(argv[i], "--markdown"))
      markdown = 1;
    else if (!strcmp(argv[i], "--json-schema"))
      schema_out = 1;
    else {
      cli_error("params takes --markdown or --json-schema, not '%s' (see 'bijsim params --help')",
                argv[i]);
      return 2;
    }
  }
  if (markdown && schema_out) {
    cli_error("params: --markdown or --json-schema, not both");
    return 2;
  }
  if (schema_out)
    return write_json_schema();
  char dir[BS_OUT_PATH], path[BS_OUT_PATH + 32], err[ERRLEN];
  if (!cli_shipped_scenarios(dir, sizeof dir)) {
    cli_error("params: the shipped scenarios (baseline.yaml) are not installed next to the "
              "binary (PREFIX/share/bijsim/scenarios)");
    return 1;
  }
  snprintf(path, sizeof path, "%s/baseline.yaml", dir);
  static bs_params defaults, baseline;
  bs_params_defaults(&defaults);
  char *text = NULL;
  size_t len = 0;
  if (bs_params_load(path, &baseline, err, sizeof err) != 0 ||
      bs_read_file(path, &text, &len, err, sizeof err) != 0) {
    cli_error("params: %s", err);
    return 1;
  }
  size_t n;
  const cfg_field *schema = bs_params_schema(&n);
  ref r = {.f = stdout,
           .markdown = markdown,
           .defaults = cfg_build_json(schema, n, &defaults),
           .baseline = cfg_build_json(schema, n, &baseline),
           .com = {json_object(), json_object()},
           .base = &baseline};
  int rc = 1;
  if (!r.defaults || !r.baseline || !r.com.text || !r.com.inline_) {
    cli_error("params: out of memory");
    goto done;
  }
  read_comments(text, &r.com);
  if (markdown)
    fputs("# Parameters\n\n"
          "Every key of a scenario file. Generated by `bijsim params --markdown` from the\n"
          "schema (`models/params.c`) and `scenarios/baseline.yaml`; do not edit (a test\n"
          "checks that this file is what the command prints).\n\n"
          "- **Type, unit, bounds**: what `validate` accepts; durations are in days, money\n"
          "  in EUR, rates per year.\n"
          "- **Default**: the value when no file sets the key (instruments off).\n"
          "  **baseline.yaml**: the shipped baseline's value, which variants extend.\n"
          "- **Meaning**, with the **lever** where the name alone misleads: which key to\n"
          "  change for what (e.g. the caseload is `case_management.consultants_fte`).\n"
          "- **Source**: the comment baseline.yaml gives the value (seed 000-004,\n"
          "  assumption, calibrated, model setting; see docs/calibration.md), and the\n"
          "  plausible range its `uncertainty:` section gives (docs/analysis.md).\n",
          stdout);
  else
    printf("Parameters of a scenario file (dotted keys; a list's entries PATH[].KEY), from the\n"
           "schema and %s. 'bijsim params --markdown' is docs/parameters.md.\n",
           path);
  walk(&r, schema, n, "", 0);
  rc = fflush(stdout) == 0 && !ferror(stdout) ? 0 : 1;
  if (rc)
    cli_error("params: cannot write to standard output");
done:
  free(text);
  json_decref(r.defaults);
  json_decref(r.baseline);
  json_decref(r.com.text);
  json_decref(r.com.inline_);
  return rc;
}
