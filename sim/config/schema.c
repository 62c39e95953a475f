/* schema.c: binding the tree onto a plain C struct (config.h, second half),
 * the did-you-mean suggestions its messages use, and the way back: the bound
 * struct as a JSON object (jansson), walking the same schema.
 *
 * Binding walks the caller's schema and the tree together. Unknown keys,
 * wrong kinds, unparsable or out-of-range values and missing required keys all
 * fail with "FILE:LINE:COL: ..." and the dotted key path. Nothing here knows
 * what a parameter means. There is no global mutable state.
 */
#include "sim/config.h"
#include "sim/config/internal.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define CFG_SHARES_TOLERANCE 1e-6

/* ------------------------------------------------------------ suggestions */

int cfg_edit_distance(const char *a, const char *b) {
  if (!a)
    a = "";
  if (!b)
    b = "";
  size_t la = strlen(a), lb = strlen(b);
  if (lb > la) { /* keep the row as short as possible */
    const char *t = a;
    a = b;
    b = t;
    size_t tl = la;
    la = lb;
    lb = tl;
  }
  if (la >= INT_MAX)
    return INT_MAX;
  int small[65];
  int *row = lb < 65 ? small : malloc((lb + 1) * sizeof *row);
  if (!row)
    return INT_MAX; /* "very far": callers only compare against small bounds */
  for (size_t j = 0; j <= lb; j++)
    row[j] = (int)j;
  for (size_t i = 1; i <= la; i++) {
    int diag = row[0];
    row[0] = (int)i;
    for (size_t j = 1; j <= lb; j++) {
      int up = row[j];
      int best = diag + (a[i - 1] != b[j - 1]);
      if (up + 1 < best)
        best = up + 1;
      if (row[j - 1] + 1 < best)
        best = row[j - 1] + 1;
      row[j] = best;
      diag = up;
    }
  }
  int d = row[lb];
  if (row != small)
    free(row);
  return d;
}

void cfg_suggest_consider(cfg_suggestion *s, const char *key, const char *cand) {
  size_t lk = strlen(key), lc = strlen(cand);
  if ((lk > lc ? lk - lc : lc - lk) <= 2) { /* else the distance is > 2 anyway */
    int d = cfg_edit_distance(key, cand);
    if (d < s->dist) {
      s->dist = d;
      s->closest = cand;
    }
  }
  if (!s->prefix && lk > 0 && lc > 0 && strncmp(key, cand, lk < lc ? lk : lc) == 0)
    s->prefix = cand;
}

const char *cfg_suggest_text(const cfg_suggestion *s, char *buf, size_t size) {
  const char *pick = s->dist <= 2 ? s->closest : s->prefix;
  if (!pick)
    return "";
  snprintf(buf, size, " (did you mean '%s'?)", pick);
  return buf;
}

/* ------------------------------------------------------------ binding */

typedef struct {
  const cfg_doc *doc;
  char *err;
  size_t errlen;
  char path[256]; /* dotted path of the key being bound */
  size_t plen;
  int partial;           /* overlay: absent keys are never missing */
  const cfg_field *root; /* the schema given to cfg_bind (parameter paths of DISTS) */
  size_t nroot;
} bind_ctx;

static size_t path_push(bind_ctx *bc, const char *key, size_t index, int is_index) {
  size_t old = bc->plen;
  size_t room = sizeof bc->path - old;
  int k = is_index ? snprintf(bc->path + old, room, "[%zu]", index)
                   : snprintf(bc->path + old, room, "%s%s", old ? "." : "", key);
  size_t len = old + (k > 0 ? (size_t)k : 0);
  bc->plen = len < sizeof bc->path ? len : sizeof bc->path - 1;
  return old;
}

static void path_pop(bind_ctx *bc, size_t old) {
  bc->plen = old;
  bc->path[old] = '\0';
}

/* "FILE:L:C: key 'a.b': message" at the value of n. */
CFGI_PRINTF(3, 4)
static int fail_key(bind_ctx *bc, const cfg_node *n, const char *fmt, ...) {
  char msg[512];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  return cfgi_fail_at(bc->err, bc->errlen, n->file, n->line, n->col, "key '%s': %s", bc->path, msg);
}

static int schema_error(bind_ctx *bc, const char *what) {
  return cfgi_fail_at(bc->err, bc->errlen, "schema", 0, 0, "field '%s': %s", bc->path, what);
}

/* Text of a plain scalar where a number or a boolean is expected, or NULL
 * with an error naming what was found. Quoted text is a string, not a number. */
static const char *plain_text(bind_ctx *bc, const cfg_node *n, const char *expected) {
  char buf[CFGI_SHOWN_SIZE];
  if (n->kind != CFG_SCALAR)
    fail_key(bc, n, "expected %s, found %s", expected, cfgi_kind_name(n));
  else if (n->quoted)
    fail_key(bc, n, "expected %s, found the quoted text \"%s\" (quotes make it a string)", expected,
             cfgi_shown(n->value, buf));
  else if (n->value[0] == '\0')
    fail_key(bc, n, "expected %s, found an empty value", expected);
  else
    return n->value;
  return NULL;
}

/* nan, inf, infinity and YAML's .nan / .inf, any case and sign */
static int names_non_finite(const char *s) {
  if (*s == '+' || *s == '-')
    s++;
  if (*s == '.')
    s++;
  return strncasecmp(s, "nan", 3) == 0 || strncasecmp(s, "inf", 3) == 0;
}

int cfg_is_decimal(const char *s) {
  s += *s == '+' || *s == '-';
  size_t whole = strspn(s, "0123456789");
  s += whole;
  size_t frac = 0;
  if (*s == '.') {
    frac = strspn(s + 1, "0123456789");
    s += 1 + frac;
  }
  if (whole + frac == 0)
    return 0;
  if (*s == 'e' || *s == 'E') {
    s++;
    s += *s == '+' || *s == '-';
    size_t exp = strspn(s, "0123456789");
    if (exp == 0)
      return 0;
    s += exp;
  }
  return *s == '\0';
}

static int read_real(bind_ctx *bc, const cfg_node *n, double *out) {
  char buf[CFGI_SHOWN_SIZE];
  const char *s = plain_text(bc, n, "a number");
  if (!s)
    return -1;
  if (names_non_finite(s))
    return fail_key(bc, n, "'%s' is not a finite number", cfgi_shown(s, buf));
  const char *digits = s + (*s == '+' || *s == '-');
  if (!cfg_is_decimal(s) && digits[0] == '0' && (digits[1] == 'x' || digits[1] == 'X'))
    return fail_key(bc, n, "expected a decimal number, found the hexadecimal '%s'",
                    cfgi_shown(s, buf));
  if (!cfg_is_decimal(s))
    return fail_key(bc, n, "expected a number, found '%s'", cfgi_shown(s, buf));
  errno = 0;
  double v = strtod(s, NULL);
  if (!isfinite(v))
    return fail_key(bc, n, "number %s is out of range (not finite)", cfgi_shown(s, buf));
  *out = v;
  return 0;
}

static int read_int(bind_ctx *bc, const cfg_node *n, long *out) {
  char buf[CFGI_SHOWN_SIZE];
  const char *s = plain_text(bc, n, "an integer");
  if (!s)
    return -1;
  const char *digits = s + (*s == '+' || *s == '-');
  if (*digits == '\0' || strspn(digits, "0123456789") != strlen(digits))
    return fail_key(bc, n, "expected an integer, found '%s'", cfgi_shown(s, buf));
  errno = 0;
  long v = strtol(s, NULL, 10);
  if (errno == ERANGE)
    return fail_key(bc, n, "integer %s overflows (range %ld to %ld)", cfgi_shown(s, buf), LONG_MIN,
                    LONG_MAX);
  *out = v;
  return 0;
}

/* Outside [min, max] (when the field has bounds: min <= max), and not a 0
 * that turns the field off. */
static int out_of_bounds(const cfg_field *f, double v) {
  if ((f->flags & CFG_F_ZERO_OFF) && v == 0)
    return 0;
  return f->min <= f->max && (v < f->min || v > f->max);
}

static const char *zero_note(const cfg_field *f) {
  return (f->flags & CFG_F_ZERO_OFF) ? " (or 0: off)" : "";
}

/* A name for CFG_F_NAME: [A-Za-z0-9_.-]+, not starting with '.'. */
static int is_name(const char *s) {
  static const char ok[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.";
  return s[0] && s[0] != '.' && strspn(s, ok) == strlen(s);
}

static void put_double(char *base, size_t off, double v) { memcpy(base + off, &v, sizeof v); }
static void put_int(char *base, size_t off, int v) { memcpy(base + off, &v, sizeof v); }
static void put_size(char *base, size_t off, size_t v) { memcpy(base + off, &v, sizeof v); }
static double get_double(const char *base, size_t off) {
  double v;
  memcpy(&v, base + off, sizeof v);
  return v;
}
static int get_int(const char *base, size_t off) {
  int v;
  memcpy(&v, base + off, sizeof v);
  return v;
}
static long get_long(const char *base, size_t off) {
  long v;
  memcpy(&v, base + off, sizeof v);
  return v;
}
static size_t get_size(const char *base, size_t off) {
  size_t v;
  memcpy(&v, base + off, sizeof v);
  return v;
}

static size_t count_names(const char *const *names) {
  size_t n = 0;
  while (names[n])
    n++;
  return n;
}

static int bind_map(bind_ctx *bc, const cfg_field *schema, size_t nschema, const cfg_node *map,
                    char *base, int top);

static int bind_bool(bind_ctx *bc, const cfg_node *n, char *base, size_t off) {
  static const char *const yes[] = {"true", "yes", "on"}, *const no[] = {"false", "no", "off"};
  char buf[CFGI_SHOWN_SIZE];
  const char *s = plain_text(bc, n, "true or false");
  if (!s)
    return -1;
  for (size_t i = 0; i < 3; i++) {
    if (strcasecmp(s, yes[i]) == 0) {
      put_int(base, off, 1);
      return 0;
    }
    if (strcasecmp(s, no[i]) == 0) {
      put_int(base, off, 0);
      return 0;
    }
  }
  return fail_key(bc, n, "expected true or false, found '%s'", cfgi_shown(s, buf));
}

static int bind_enum(bind_ctx *bc, const cfg_field *f, const cfg_node *n, char *base) {
  char buf[CFGI_SHOWN_SIZE], hint[128], allowed[256];
  if (!f->names)
    return schema_error(bc, "enum without names");
  if (n->kind != CFG_SCALAR)
    return fail_key(bc, n, "expected one of the names, found %s", cfgi_kind_name(n));
  cfg_suggestion sg = CFG_SUGGESTION_INIT;
  size_t pos = 0;
  allowed[0] = '\0';
  for (size_t i = 0; f->names[i]; i++) {
    if (strcmp(n->value, f->names[i]) == 0) {
      put_int(base, f->offset, (int)i);
      return 0;
    }
    cfg_suggest_consider(&sg, n->value, f->names[i]);
    if (pos < sizeof allowed) {
      int k = snprintf(allowed + pos, sizeof allowed - pos, "%s%s", i ? ", " : "", f->names[i]);
      pos += k > 0 ? (size_t)k : 0;
    }
  }
  return fail_key(bc, n, "unknown value '%s'; allowed: %s%s", cfgi_shown(n->value, buf), allowed,
                  cfg_suggest_text(&sg, hint, sizeof hint));
}

static int bind_shares(bind_ctx *bc, const cfg_field *f, const cfg_node *n, char *base) {
  char buf[CFGI_SHOWN_SIZE], hint[128];
  if (!f->names)
    return schema_error(bc, "shares without names");
  if (n->kind != CFG_MAP)
    return fail_key(bc, n, "expected a mapping of name: share, found %s", cfgi_kind_name(n));
  for (size_t i = 0; i < n->n; i++) {
    const cfg_node *item = n->items[i];
    cfg_suggestion sg = CFG_SUGGESTION_INIT;
    size_t j = 0;
    for (; f->names[j] && strcmp(f->names[j], item->key) != 0; j++)
      cfg_suggest_consider(&sg, item->key, f->names[j]);
    if (!f->names[j])
      return cfgi_fail_at(bc->err, bc->errlen, item->file, item->key_line, item->key_col,
                          "unknown name '%s' in shares '%s'%s", cfgi_shown(item->key, buf),
                          bc->path, cfg_suggest_text(&sg, hint, sizeof hint));
  }
  double sum = 0;
  for (size_t j = 0; f->names[j]; j++) {
    const cfg_node *v = cfg_get(n, f->names[j]);
    if (!v)
      return cfgi_fail_at(bc->err, bc->errlen, n->file, n->line, n->col,
                          "missing share '%s' in '%s' (every name needs a share)", f->names[j],
                          bc->path);
    size_t old = path_push(bc, f->names[j], 0, 0);
    double share;
    int rc = read_real(bc, v, &share);
    if (rc == 0 && (share < 0 || share > 1))
      rc = fail_key(bc, v, "share %s is outside [0, 1]", cfgi_shown(v->value, buf));
    path_pop(bc, old);
    if (rc)
      return rc;
    put_double(base, f->offset + j * sizeof(double), share);
    sum += share;
  }
  if (fabs(sum - 1) > CFG_SHARES_TOLERANCE)
    return cfgi_fail_at(bc->err, bc->errlen, n->file, n->line, n->col,
                        "shares in '%s' sum to %.10g, not 1", bc->path, sum);
  return 0;
}

static int bind_curve(bind_ctx *bc, const cfg_field *f, const cfg_node *n, char *base) {
  char buf[CFGI_SHOWN_SIZE];
  if (n->kind != CFG_SEQ)
    return fail_key(bc, n, "expected a sequence of [x, y] points, found %s", cfgi_kind_name(n));
  if (n->n > f->max_elems)
    return fail_key(bc, n, "curve has %zu points, at most %zu are allowed", n->n, f->max_elems);
  double prev_x = 0;
  for (size_t i = 0; i < n->n; i++) {
    const cfg_node *pt = n->items[i];
    size_t old = path_push(bc, NULL, i, 1);
    double x = 0, y = 0;
    int rc = 0;
    if (pt->kind != CFG_SEQ || pt->n != 2)
      rc = pt->kind == CFG_SEQ
               ? fail_key(bc, pt, "expected a point [x, y], found a sequence of %zu items", pt->n)
               : fail_key(bc, pt, "expected a point [x, y], found %s", cfgi_kind_name(pt));
    if (rc == 0)
      rc = read_real(bc, pt->items[0], &x);
    if (rc == 0 && x < 0)
      rc = fail_key(bc, pt->items[0], "negative x %s", cfgi_shown(pt->items[0]->value, buf));
    if (rc == 0 && i > 0 && !(x > prev_x))
      rc = fail_key(bc, pt->items[0], "x %s is not greater than the previous x %.10g",
                    cfgi_shown(pt->items[0]->value, buf), prev_x);
    if (rc == 0)
      rc = read_real(bc, pt->items[1], &y);
    if (rc == 0 && f->min <= f->max && (y < f->min || y > f->max))
      rc = fail_key(bc, pt->items[1], "y %s is outside [%g, %g]",
                    cfgi_shown(pt->items[1]->value, buf), f->min, f->max);
    path_pop(bc, old);
    if (rc)
      return rc;
    put_double(base, f->offset + (2 * i) * sizeof(double), x);
    put_double(base, f->offset + (2 * i + 1) * sizeof(double), y);
    prev_x = x;
  }
  put_size(base, f->count_offset, n->n);
  return 0;
}

/* Each element i is bound onto the caller's element i as it is: keys absent
 * from an element keep whatever the caller put there beforehand. */
static int bind_table(bind_ctx *bc, const cfg_field *f, const cfg_node *n, char *base) {
  if (f->elem_size == 0 || !f->sub)
    return schema_error(bc, "table without element size or sub-schema");
  if (n->kind != CFG_SEQ)
    return fail_key(bc, n, "expected a sequence of mappings, found %s", cfgi_kind_name(n));
  if (n->n > f->max_elems)
    return fail_key(bc, n, "table has %zu entries, at most %zu are allowed", n->n, f->max_elems);
  for (size_t i = 0; i < n->n; i++) {
    size_t old = path_push(bc, NULL, i, 1);
    int rc =
        n->items[i]->kind == CFG_MAP
            ? bind_map(bc, f->sub, f->nsub, n->items[i], base + f->offset + i * f->elem_size, 0)
            : fail_key(bc, n->items[i], "expected a mapping, found %s",
                       cfgi_kind_name(n->items[i]));
    path_pop(bc, old);
    if (rc)
      return rc;
  }
  put_size(base, f->count_offset, n->n);
  return 0;
}

/* ------------------------------------------------------------ distributions */

static int is_number_type(int t) {
  return t == CFG_T_INT || t == CFG_T_REAL || t == CFG_T_PROB || t == CFG_T_DURATION;
}

/* The bounds binding enforces on a number field: [lo, hi]. */
static void number_bounds(const cfg_field *f, double *lo, double *hi) {
  *lo = -HUGE_VAL;
  *hi = HUGE_VAL;
  if (f->type == CFG_T_PROB) {
    *lo = 0;
    *hi = 1;
  } else if (f->type == CFG_T_DURATION) {
    *lo = 0;
    if (f->max > 0)
      *hi = f->max;
  } else if (f->min <= f->max) {
    *lo = f->min;
    *hi = f->max;
  }
}

/* Calls visit(path, field, offset, ctx) for every field of the schema that
 * is not a section (a table is one leaf), with its dotted path. */
typedef void (*leaf_visit)(const char *path, const cfg_field *f, size_t offset, void *ctx);
static void visit_numbers(const cfg_field *schema, size_t n, const char *prefix, size_t base,
                          leaf_visit visit, void *ctx) {
  for (size_t i = 0; i < n; i++) {
    char path[256];
    snprintf(path, sizeof path, "%s%s%s", prefix, *prefix ? "." : "", schema[i].key);
    if (schema[i].type == CFG_T_SECTION && !schema[i].no_json)
      visit_numbers(schema[i].sub, schema[i].nsub, path, base + schema[i].offset, visit, ctx);
    else
      visit(path, &schema[i], base + schema[i].offset, ctx);
  }
}

typedef struct {
  const char *want;
  const cfg_field *found;
  const cfg_field *not_number; /* the path names a field that is not a number */
  size_t offset;
  int suggest;       /* look for the closest path too (only once `want` is known to be missing) */
  char closest[256]; /* the suggestion's text (paths are built on the fly) */
  int closest_dist;
} path_lookup;

static void lookup_visit(const char *path, const cfg_field *f, size_t offset, void *ctx) {
  path_lookup *pl = ctx;
  if (!is_number_type(f->type)) {
    if (strcmp(path, pl->want) == 0)
      pl->not_number = f;
    return;
  }
  if (strcmp(path, pl->want) == 0) {
    pl->found = f;
    pl->offset = offset;
    return;
  }
  if (!pl->suggest)
    return;
  cfg_suggestion one = CFG_SUGGESTION_INIT;
  cfg_suggest_consider(&one, pl->want, path);
  if (one.closest && one.dist < pl->closest_dist) {
    pl->closest_dist = one.dist;
    snprintf(pl->closest, sizeof pl->closest, "%s", path);
  }
}

/* One entry `path: {dist: ..., low: ..., high: ...}` onto d. */
static int bind_dist(bind_ctx *bc, const cfg_node *item, cfg_dist *d) {
  static const char *const kinds[] = CFG_DIST_NAMES;
  static const char *const keys[] = {"dist", "low", "high", "mode", "alpha", "beta", NULL};
  char buf[CFGI_SHOWN_SIZE], hint[320];
  path_lookup pl = {.want = item->key, .closest_dist = INT_MAX};
  visit_numbers(bc->root, bc->nroot, "", 0, lookup_visit, &pl);
  if (!pl.found && !pl.not_number) { /* again, for the did-you-mean (the edit distances are dear) */
    pl.suggest = 1;
    visit_numbers(bc->root, bc->nroot, "", 0, lookup_visit, &pl);
  }
  if (pl.not_number)
    return cfgi_fail_at(bc->err, bc->errlen, item->file, item->key_line, item->key_col,
                        "key '%s': parameter '%s' is not a number (only numbers can carry a range)",
                        bc->path, cfgi_shown(item->key, buf));
  if (!pl.found) {
    if (pl.closest_dist <= 2)
      snprintf(hint, sizeof hint, " (did you mean '%s'?)", pl.closest);
    else
      snprintf(hint, sizeof hint, " (a dotted path of a number, e.g. 'trajectory.lock_in')");
    return cfgi_fail_at(bc->err, bc->errlen, item->file, item->key_line, item->key_col,
                        "key '%s': unknown parameter '%s'%s", bc->path, cfgi_shown(item->key, buf),
                        hint);
  }
  if (strlen(item->key) >= sizeof d->path)
    return fail_key(bc, item, "parameter path is too long");
  if (item->kind != CFG_MAP)
    return fail_key(bc, item, "expected a mapping {dist: ..., low: ..., high: ...}, found %s",
                    cfgi_kind_name(item));
  for (size_t i = 0; i < item->n; i++) {
    const cfg_node *k = item->items[i];
    cfg_suggestion sg = CFG_SUGGESTION_INIT;
    size_t j = 0;
    for (; keys[j] && strcmp(keys[j], k->key) != 0; j++)
      cfg_suggest_consider(&sg, k->key, keys[j]);
    if (!keys[j])
      return cfgi_fail_at(bc->err, bc->errlen, k->file, k->key_line, k->key_col,
                          "unknown key '%s' in '%s'%s", cfgi_shown(k->key, buf), bc->path,
                          *cfg_suggest_text(&sg, hint, sizeof hint)
                              ? hint
                              : " (valid keys here: dist, low, high, mode, alpha, beta)");
  }
  memset(d, 0, sizeof *d);
  snprintf(d->path, sizeof d->path, "%s", item->key);
  snprintf(d->where, sizeof d->where, "%s:%d:%d", item->file, item->key_line, item->key_col);
  d->type = pl.found->type;
  d->offset = pl.offset;
  const cfg_field kind_field = {.key = "dist", .type = CFG_T_ENUM, .names = kinds};
  const char *need[] = {"dist", "low", "high", NULL, NULL};
  const cfg_node *dn = cfg_get(item, "dist");
  int rc = 0;
  size_t old = path_push(bc, "dist", 0, 0);
  if (!dn)
    rc = cfgi_fail_at(bc->err, bc->errlen, item->file, item->line, item->col,
                      "missing required key '%s' (uniform, triangular, log_uniform or beta)",
                      bc->path);
  else
    rc = bind_enum(bc, &kind_field, dn, (char *)&d->kind);
  path_pop(bc, old);
  if (rc)
    return rc;
  if (d->kind == CFG_DIST_TRIANGULAR)
    need[3] = "mode";
  if (d->kind == CFG_DIST_BETA) {
    need[3] = "alpha";
    need[4] = "beta";
  }
  double *slot[] = {NULL, &d->low, &d->high, &d->mode, &d->alpha, &d->beta};
  for (size_t j = 1; keys[j]; j++) {
    const cfg_node *v = cfg_get(item, keys[j]);
    int needed = 0;
    for (size_t q = 0; q < 5; q++)
      needed |= need[q] && strcmp(need[q], keys[j]) == 0;
    old = path_push(bc, keys[j], 0, 0);
    if (!v && needed)
      rc = cfgi_fail_at(bc->err, bc->errlen, item->file, item->line, item->col,
                        "missing required key '%s' (dist %s)", bc->path, kinds[d->kind]);
    else if (v && !needed)
      rc = fail_key(bc, v, "not used by dist %s", kinds[d->kind]);
    else if (v)
      rc = read_real(bc, v, slot[j]);
    path_pop(bc, old);
    if (rc)
      return rc;
  }
  double lo, hi;
  number_bounds(pl.found, &lo, &hi);
  const cfg_node *hn = cfg_get(item, "high"), *ln = cfg_get(item, "low");
  old = path_push(bc, "low", 0, 0);
  if (d->low < lo)
    rc = fail_key(bc, ln, "%g is below the parameter's lower bound %g", d->low, lo);
  else if (d->kind == CFG_DIST_LOG_UNIFORM && !(d->low > 0))
    rc = fail_key(bc, ln, "log_uniform needs low > 0, found %g", d->low);
  path_pop(bc, old);
  old = path_push(bc, "high", 0, 0);
  if (rc == 0 && d->high > hi)
    rc = fail_key(bc, hn, "%g is above the parameter's upper bound %g", d->high, hi);
  else if (rc == 0 && !(d->high > d->low))
    rc = fail_key(bc, hn, "%g is not above low (%g)", d->high, d->low);
  path_pop(bc, old);
  if (rc == 0 && d->kind == CFG_DIST_TRIANGULAR && !(d->mode >= d->low && d->mode <= d->high)) {
    old = path_push(bc, "mode", 0, 0);
    rc = fail_key(bc, cfg_get(item, "mode"), "%g is outside [low, high] = [%g, %g]", d->mode,
                  d->low, d->high);
    path_pop(bc, old);
  }
  if (rc == 0 && d->kind == CFG_DIST_BETA)
    for (size_t j = 4; j < 6 && rc == 0; j++)
      if (!(*slot[j] > 0 && *slot[j] <= 1e6)) {
        old = path_push(bc, keys[j], 0, 0);
        rc = fail_key(bc, cfg_get(item, keys[j]), "%g is outside (0, 1e6]", *slot[j]);
        path_pop(bc, old);
      }
  return rc;
}

static int bind_dists(bind_ctx *bc, const cfg_field *f, const cfg_node *n, char *base) {
  if (!bc->root || f->elem_size != sizeof(cfg_dist))
    return schema_error(bc, "distributions without a root schema or with a wrong element size");
  if (n->kind != CFG_MAP)
    return fail_key(bc, n, "expected a mapping of parameter path: {dist: ...}, found %s",
                    cfgi_kind_name(n));
  if (n->n > f->max_elems)
    return fail_key(bc, n, "%zu parameters, at most %zu are allowed", n->n, f->max_elems);
  for (size_t i = 0; i < n->n; i++) {
    size_t old = path_push(bc, n->items[i]->key, 0, 0);
    cfg_dist d;
    int rc = bind_dist(bc, n->items[i], &d);
    path_pop(bc, old);
    if (rc)
      return rc;
    memcpy(base + f->offset + i * sizeof d, &d, sizeof d);
  }
  put_size(base, f->count_offset, n->n);
  return 0;
}

static int bind_field(bind_ctx *bc, const cfg_field *f, const cfg_node *n, char *base) {
  char buf[CFGI_SHOWN_SIZE];
  double v = 0;
  long l = 0;
  switch (f->type) {
  case CFG_T_BOOL:
    return bind_bool(bc, n, base, f->offset);
  case CFG_T_INT:
    if (read_int(bc, n, &l))
      return -1;
    if (f->min <= f->max && ((double)l < f->min || (double)l > f->max))
      return fail_key(bc, n, "value %s is outside [%.15g, %.15g]", cfgi_shown(n->value, buf),
                      f->min, f->max);
    memcpy(base + f->offset, &l, sizeof l);
    return 0;
  case CFG_T_REAL:
    if (read_real(bc, n, &v))
      return -1;
    if (out_of_bounds(f, v))
      return fail_key(bc, n, "value %s is outside [%g, %g]%s", cfgi_shown(n->value, buf), f->min,
                      f->max, zero_note(f));
    put_double(base, f->offset, v);
    return 0;
  case CFG_T_PROB:
    if (read_real(bc, n, &v))
      return -1;
    if (v < 0 || v > 1)
      return fail_key(bc, n, "probability %s is outside [0, 1]", cfgi_shown(n->value, buf));
    put_double(base, f->offset, v);
    return 0;
  case CFG_T_DURATION:
    if (read_real(bc, n, &v))
      return -1;
    if (v < 0)
      return fail_key(bc, n, "negative duration %s (days must be >= 0)", cfgi_shown(n->value, buf));
    if (f->max > 0 && v > f->max)
      return fail_key(bc, n, "duration %s exceeds the maximum of %g days",
                      cfgi_shown(n->value, buf), f->max);
    if (v < f->min && !((f->flags & CFG_F_ZERO_OFF) && v == 0))
      return fail_key(bc, n, "duration %s is below the minimum of %g day%s%s",
                      cfgi_shown(n->value, buf), f->min, f->min == 1 ? "" : "s", zero_note(f));
    put_double(base, f->offset, v);
    return 0;
  case CFG_T_STRING: {
    if (f->elem_size == 0)
      return schema_error(bc, "string without buffer size");
    if (n->kind != CFG_SCALAR)
      return fail_key(bc, n, "expected text, found %s", cfgi_kind_name(n));
    size_t len = strlen(n->value);
    if (len >= f->elem_size)
      return fail_key(bc, n, "text of %zu bytes is too long (at most %zu)", len, f->elem_size - 1);
    if ((f->flags & CFG_F_NAME) && !is_name(n->value))
      return fail_key(bc, n,
                      "'%s' is not a name: use letters, digits, '_', '-' and '.', not starting "
                      "with '.' (it names the output directory)",
                      cfgi_shown(n->value, buf));
    memcpy(base + f->offset, n->value, len + 1);
    return 0;
  }
  case CFG_T_ENUM:
    return bind_enum(bc, f, n, base);
  case CFG_T_SHARES:
    return bind_shares(bc, f, n, base);
  case CFG_T_CURVE:
    return bind_curve(bc, f, n, base);
  case CFG_T_SECTION:
    if (n->kind != CFG_MAP)
      return fail_key(bc, n, "expected a mapping, found %s", cfgi_kind_name(n));
    return bind_map(bc, f->sub, f->nsub, n, base + f->offset, 0);
  case CFG_T_TABLE:
    return bind_table(bc, f, n, base);
  case CFG_T_DISTS:
    return bind_dists(bc, f, n, base);
  }
  return schema_error(bc, "unknown field type");
}

/* Position for "missing required key" errors: the enclosing mapping, or line 1
 * of the file asked for at the top level. */
static int fail_missing(bind_ctx *bc, const cfg_node *map, int top) {
  if (top)
    return cfgi_fail_at(bc->err, bc->errlen, bc->doc->nfiles ? bc->doc->files[0] : "scenario", 1, 1,
                        "missing required key '%s'", bc->path);
  return cfgi_fail_at(bc->err, bc->errlen, map->file, map->line, map->col,
                      "missing required key '%s'", bc->path);
}

/* A field absent from the tree keeps its default, unless it (or, for an
 * absent section, anything inside it) is required. */
static int check_absent(bind_ctx *bc, const cfg_field *f, const cfg_node *map, int top) {
  if (bc->partial)
    return 0;
  if (f->required)
    return fail_missing(bc, map, top);
  if (f->type != CFG_T_SECTION)
    return 0;
  for (size_t i = 0; i < f->nsub; i++) {
    size_t old = path_push(bc, f->sub[i].key, 0, 0);
    int rc = check_absent(bc, &f->sub[i], map, top);
    path_pop(bc, old);
    if (rc)
      return rc;
  }
  return 0;
}

/* Without a close match, the suggestion lists the keys that are valid in
 * this mapping (as many as fit), so a user still sees what to write. */
static const char *suggest_keys(const cfg_field *schema, size_t nschema, char *buf, size_t size) {
  size_t off = (size_t)snprintf(buf, size, " (valid keys here: ");
  for (size_t f = 0; f < nschema && off < size; f++) {
    const char *sep = f + 1 < nschema ? ", " : ")";
    size_t need = strlen(schema[f].key) + strlen(sep);
    if (off + need + 6 >= size) { /* keep room for ", ...)" */
      snprintf(buf + off, size - off, "...)");
      return buf;
    }
    off += (size_t)snprintf(buf + off, size - off, "%s%s", schema[f].key, sep);
  }
  return nschema ? buf : "";
}

static int bind_map(bind_ctx *bc, const cfg_field *schema, size_t nschema, const cfg_node *map,
                    char *base, int top) {
  char buf[CFGI_SHOWN_SIZE], hint[400];
  for (size_t i = 0; i < map->n; i++) {
    const cfg_node *item = map->items[i];
    cfg_suggestion sg = CFG_SUGGESTION_INIT;
    size_t f = 0;
    for (; f < nschema && strcmp(schema[f].key, item->key) != 0; f++)
      cfg_suggest_consider(&sg, item->key, schema[f].key);
    if (f < nschema)
      continue;
    if (!*cfg_suggest_text(&sg, hint, sizeof hint))
      suggest_keys(schema, nschema, hint, sizeof hint);
    if (bc->plen == 0)
      return cfgi_fail_at(bc->err, bc->errlen, item->file, item->key_line, item->key_col,
                          "unknown key '%s'%s", cfgi_shown(item->key, buf), hint);
    return cfgi_fail_at(bc->err, bc->errlen, item->file, item->key_line, item->key_col,
                        "unknown key '%s' in '%s'%s", cfgi_shown(item->key, buf), bc->path, hint);
  }
  for (size_t f = 0; f < nschema; f++) {
    const cfg_node *v = cfg_get(map, schema[f].key);
    size_t old = path_push(bc, schema[f].key, 0, 0);
    int rc = v ? bind_field(bc, &schema[f], v, base) : check_absent(bc, &schema[f], map, top);
    path_pop(bc, old);
    if (rc)
      return rc;
  }
  return 0;
}

int cfg_bind(const cfg_doc *doc, const cfg_field *schema, size_t nschema, void *out, char *err,
             size_t errlen) {
  if (!doc || !doc->root || doc->root->kind != CFG_MAP || (!schema && nschema) || !out)
    return cfgi_fail_at(err, errlen, "cfg_bind", 0, 0, "invalid arguments (no loaded document?)");
  bind_ctx bc = {.doc = doc, .err = err, .errlen = errlen, .root = schema, .nroot = nschema};
  return bind_map(&bc, schema, nschema, doc->root, out, 1);
}

int cfg_bind_overlay(const cfg_doc *doc, const cfg_field *schema, size_t nschema, void *out,
                     char *err, size_t errlen) {
  if (!doc || !doc->root || doc->root->kind != CFG_MAP || (!schema && nschema) || !out)
    return cfgi_fail_at(err, errlen, "cfg_bind", 0, 0, "invalid arguments (no loaded document?)");
  bind_ctx bc = {
      .doc = doc, .err = err, .errlen = errlen, .partial = 1, .root = schema, .nroot = nschema};
  return bind_map(&bc, schema, nschema, doc->root, out, 1);
}

/* ------------------------------------------------------------ JSON */

/* A double as JSON: a whole number below 1e17 as an integer (730, not
 * 730.0: what run.json has always held), any other finite value as a real,
 * NaN and infinity as null (JSON has neither). -0.0 stays a real so that its
 * sign survives the round trip. */
static json_t *json_double(double v) {
  if (!isfinite(v))
    return json_null();
  if (v == floor(v) && fabs(v) < 1e17 && !(v == 0 && signbit(v)))
    return json_integer((json_int_t)v);
  return json_real(v);
}

static json_t *object_json(const cfg_field *schema, size_t nschema, const char *base);

static json_t *shares_json(const cfg_field *f, const char *base) {
  json_t *o = f->names ? json_object() : NULL;
  for (size_t j = 0; o && f->names[j]; j++)
    if (json_object_set_new(o, f->names[j],
                            json_double(get_double(base, f->offset + j * sizeof(double))))) {
      json_decref(o);
      o = NULL;
    }
  return o;
}

/* A curve's points [[x, y], ...] or a table's elements [{...}, ...]. */
static json_t *array_json(const cfg_field *f, const char *base) {
  size_t n = get_size(base, f->count_offset);
  json_t *a = n <= f->max_elems ? json_array() : NULL;
  for (size_t j = 0; a && j < n; j++) {
    json_t *item =
        f->type == CFG_T_TABLE
            ? object_json(f->sub, f->nsub, base + f->offset + j * f->elem_size)
            : json_pack("[oo]", json_double(get_double(base, f->offset + 2 * j * sizeof(double))),
                        json_double(get_double(base, f->offset + (2 * j + 1) * sizeof(double))));
    if (json_array_append_new(a, item)) {
      json_decref(a);
      a = NULL;
    }
  }
  return a;
}

/* NULL when the struct holds what binding never stores (an enum index out of
 * range, more elements than the capacity) or when out of memory. */
static json_t *field_json(const cfg_field *f, const char *base) {
  switch (f->type) {
  case CFG_T_BOOL:
    return json_boolean(get_int(base, f->offset));
  case CFG_T_INT:
    return json_integer(get_long(base, f->offset));
  case CFG_T_REAL:
  case CFG_T_PROB:
  case CFG_T_DURATION:
    return json_double(get_double(base, f->offset));
  case CFG_T_STRING:
    return json_stringn(base + f->offset, strnlen(base + f->offset, f->elem_size));
  case CFG_T_ENUM: {
    int v = get_int(base, f->offset);
    if (!f->names || v < 0 || (size_t)v >= count_names(f->names))
      return NULL;
    return json_string(f->names[v]);
  }
  case CFG_T_SHARES:
    return shares_json(f, base);
  case CFG_T_CURVE:
  case CFG_T_TABLE:
    return array_json(f, base);
  case CFG_T_SECTION:
    return object_json(f->sub, f->nsub, base + f->offset);
  case CFG_T_DISTS:
    break; /* never written: object_json skips it */
  }
  return NULL;
}

static json_t *object_json(const cfg_field *schema, size_t nschema, const char *base) {
  json_t *o = json_object();
  for (size_t i = 0; o && i < nschema; i++)
    if (schema[i].no_json || schema[i].type == CFG_T_DISTS)
      continue;
    else if (json_object_set_new(o, schema[i].key, field_json(&schema[i], base))) {
      json_decref(o);
      o = NULL;
    }
  return o;
}

json_t *cfg_field_json(const cfg_field *f, const void *base) {
  if (f->type == CFG_T_DISTS)
    return NULL;
  return field_json(f, base);
}

json_t *cfg_build_json(const cfg_field *schema, size_t nschema, const void *in) {
  if ((!schema && nschema) || !in)
    return NULL;
  return object_json(schema, nschema, in);
}

long cfg_to_json(const cfg_field *schema, size_t nschema, const void *in, char *buf, size_t len) {
  if (!buf && len)
    return -1;
  json_t *o = cfg_build_json(schema, nschema, in);
  char *text = o ? json_dumps(o, JSON_COMPACT | JSON_REAL_PRECISION(17)) : NULL;
  json_decref(o);
  if (!text)
    return -1;
  size_t n = strlen(text);
  if (len > 0) {
    size_t k = n < len - 1 ? n : len - 1;
    memcpy(buf, text, k);
    buf[k] = '\0';
  }
  free(text);
  return n > LONG_MAX ? -1 : (long)n;
}
