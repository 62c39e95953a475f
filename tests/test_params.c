/* test_params.c: `bijsim params` against the schema (models/params.c):
 * - the text reference lists every key of the schema (a list's entries as
 *   PATH[].KEY) with its type and bounds as binding enforces them, the
 *   baseline's value and its comment's source, the lever notes (the caseload
 *   is consultants_fte, not caseload_norm), the plausible ranges;
 * - every lever note names a key of the schema;
 * - docs/parameters.md is exactly what `bijsim params --markdown` prints;
 * - `--json-schema` is valid JSON (a draft-07 schema) with every key, its
 *   type, bounds, names and "additionalProperties": false; the shipped
 *   scenarios validate against it, and files with an unknown key, a value
 *   out of bounds, a wrong type or a missing required key do not
 *   (tests/scripts/validate_schema.py, with Python's jsonschema);
 * - bad options are one-line usage errors. */
#include "models/params.h"
#include "sim/config.h"
#include "test_cli_util.h"

#include <criterion/criterion.h>
#include <jansson.h>
#include <math.h>

static char *params_out(const char *args) {
  char *out = NULL, *err = NULL;
  int rc = run_bijsim(args, &out, &err);
  cr_assert_eq(rc, 0, "bijsim %s: %s", args, err ? err : "");
  cr_assert(err && !*err, "%s", err);
  free(err);
  return out;
}

typedef struct {
  const char *text; /* bijsim params */
  json_t *schema;   /* bijsim params --json-schema */
  size_t keys;
} check_ctx;

/* The JSON Schema node of a dotted path (a list's entries: "[]"). */
static const json_t *schema_node(const json_t *schema, const char *path) {
  char buf[512];
  snprintf(buf, sizeof buf, "%s", path);
  const json_t *node = schema;
  for (char *seg = strtok(buf, "."); seg && node; seg = strtok(NULL, ".")) {
    size_t n = strlen(seg);
    int list = n > 2 && !strcmp(seg + n - 2, "[]");
    if (list)
      seg[n - 2] = '\0';
    node = json_object_get(json_object_get(node, "properties"), seg);
    if (list)
      node = json_object_get(node, "items");
  }
  return node;
}

static void check_key(check_ctx *c, const char *path, const cfg_field *f) {
  c->keys++;
  /* the text lists it on a line of its own, its type on the next */
  char want[600];
  /* a top-level section is a heading "== KEY: help" */
  if (!strchr(path, '.') && f->type == CFG_T_SECTION)
    snprintf(want, sizeof want, "\n== %s: ", path);
  else
    snprintf(want, sizeof want, "\n%s\n    ", path);
  const char *at = strstr(c->text, want);
  cr_expect(at, "bijsim params does not list %s", path);
  const json_t *node = schema_node(c->schema, path);
  cr_assert(node, "the JSON Schema has no %s", path);
  static const char *const types[] = {
      [CFG_T_BOOL] = "boolean",   [CFG_T_INT] = "integer",     [CFG_T_REAL] = "number",
      [CFG_T_PROB] = "number",    [CFG_T_DURATION] = "number", [CFG_T_STRING] = "string",
      [CFG_T_ENUM] = "string",    [CFG_T_SHARES] = "object",   [CFG_T_CURVE] = "array",
      [CFG_T_SECTION] = "object", [CFG_T_TABLE] = "array",     [CFG_T_DISTS] = "object"};
  cr_expect_str_eq(json_string_value(json_object_get(node, "type")), types[f->type], "%s", path);
  if (f->help)
    cr_expect(json_string_value(json_object_get(node, "description")) &&
                  !strncmp(json_string_value(json_object_get(node, "description")), f->help,
                           strlen(f->help)),
              "%s: the description is the schema's help", path);
  double lo, hi;
  if (f->type != CFG_T_CURVE && cfg_bounds(f, &lo, &hi)) {
    /* the bounds binding enforces; with "0: off", the range inside anyOf */
    const json_t *range = node;
    if ((f->flags & CFG_F_ZERO_OFF) && lo > 0) {
      const json_t *any = json_object_get(node, "anyOf");
      cr_assert_eq(json_array_size(any), 2, "%s: 0 or the range", path);
      cr_expect_eq(json_number_value(json_object_get(json_array_get(any, 0), "const")), 0);
      range = json_array_get(any, 1);
    }
    if (isfinite(lo))
      cr_expect_eq(json_number_value(json_object_get(range, "minimum")), lo, "%s", path);
    if (isfinite(hi))
      cr_expect_eq(json_number_value(json_object_get(range, "maximum")), hi, "%s", path);
    /* and the text shows them: "[lo, hi]" (probabilities: "in [0, 1]") */
    if (at && f->type != CFG_T_PROB && isfinite(hi)) {
      char b[64];
      snprintf(b, sizeof b, "%.15g]", hi);
      if (fabs(hi) < 1e7)
        cr_expect(strstr(at, b) && strstr(at, b) < strstr(at + 1, "\n    ") + 200,
                  "%s: bounds '%s' not shown", path, b);
    }
  }
  if (f->type == CFG_T_ENUM)
    for (size_t i = 0; f->names[i]; i++)
      cr_expect_str_eq(json_string_value(json_array_get(json_object_get(node, "enum"), i)),
                       f->names[i], "%s", path);
  if (f->type == CFG_T_SECTION || f->type == CFG_T_SHARES)
    cr_expect(json_is_false(json_object_get(node, "additionalProperties")),
              "%s: unknown keys are refused", path);
}

static void walk(check_ctx *c, const cfg_field *schema, size_t n, const char *prefix) {
  for (size_t i = 0; i < n; i++) {
    char path[512];
    snprintf(path, sizeof path, "%s%s%s", prefix, *prefix ? "." : "", schema[i].key);
    check_key(c, path, &schema[i]);
    if (schema[i].type == CFG_T_SECTION)
      walk(c, schema[i].sub, schema[i].nsub, path);
    if (schema[i].type == CFG_T_TABLE) {
      char sub[520];
      snprintf(sub, sizeof sub, "%s[]", path);
      walk(c, schema[i].sub, schema[i].nsub, sub);
    }
  }
}

Test(params, every_schema_key_in_the_reference_and_the_json_schema) {
  check_ctx c = {params_out("params"), NULL, 0};
  char *js = params_out("params --json-schema");
  json_error_t e;
  c.schema = json_loads(js, 0, &e);
  cr_assert(c.schema, "--json-schema is not JSON: %d:%d: %s", e.line, e.column, e.text);
  cr_assert_str_eq(json_string_value(json_object_get(c.schema, "$schema")),
                   "http://json-schema.org/draft-07/schema#");
  cr_assert(json_is_false(json_object_get(c.schema, "additionalProperties")));
  size_t n;
  const cfg_field *schema = bs_params_schema(&n);
  walk(&c, schema, n, "");
  cr_assert_gt(c.keys, 250, "%zu keys", c.keys);
  /* the uncertainty section offers every number parameter's path */
  const json_t *u = json_object_get(
      json_object_get(json_object_get(c.schema, "properties"), "uncertainty"), "properties");
  cr_expect(json_object_get(u, "case_management.consultants_fte"));
  cr_expect(json_object_get(u, "behaviour.jobs.hours_min"));
  cr_expect_null(json_object_get(u, "run.name"), "not a number");
  json_decref(c.schema);
  free(js);
  free((char *)c.text);
}

/* The issue's example, the baseline's values and sources, the ranges. */
Test(params, levers_values_and_sources) {
  char *out = params_out("params");
  const char *cf = strstr(out, "\ncase_management.consultants_fte\n");
  cr_assert(cf);
  cr_expect(!strncmp(strstr(cf, "    lever: "), "    lever: the caseload", 23), "%.400s", cf);
  cr_expect(strstr(cf, "default 0; baseline.yaml 30\n"), "%.600s", cf);
  cr_expect(strstr(cf, "source: assumption: stock 3000 / caseload 100 (003 §3.3: 70-120)\n"));
  cr_expect(strstr(cf, "plausible range (uncertainty:): uniform 25 to 43 (stock 3000 at caseloads "
                       "70-120 (003 §3.3))"));
  const char *cn = strstr(out, "\ncase_management.caseload_norm\n");
  cr_assert(cn);
  cr_expect(strstr(cn, "lever: not the caseload itself") < strstr(cn + 1, "\ncase_management."));
  /* a delay's keys share the comment of the line they are written on */
  const char *rd = strstr(out, "\ninflow.reinflow_delay.cv\n");
  cr_assert(rd);
  cr_expect(strstr(rd, "source: assumption: about half a year (003 §5.3.1: no timing)"));
  cr_expect(strstr(out, "\nrun.horizon_days\n    days, [1, 36525]; required\n"));
  cr_expect(strstr(out, "\ntrajectory.providers[].price\n    number, EUR, [0, 1e+07]; required"));
  cr_expect(strstr(out, "\ntrajectory.offer_order\n    one of fifo, creaming, furthest_first\n"));
  free(out);
  /* every lever note is about a key that exists */
  const char *lever, *path;
  char *js = params_out("params --json-schema");
  json_t *doc = json_loads(js, 0, NULL);
  for (size_t i = 0; (path = bs_params_lever_at(i, &lever)); i++) {
    const json_t *node = schema_node(doc, path);
    cr_expect(node, "lever note for unknown key %s", path);
    const char *d = json_string_value(json_object_get(node, "description"));
    cr_expect(d && strstr(d, lever), "%s: the note is in the description", path);
  }
  json_decref(doc);
  free(js);
}

Test(docs, parameters_md_is_generated_from_the_schema) {
  char *out = params_out("params --markdown");
  char *doc = slurp(BIJSIM_SOURCE_DIR "/docs/parameters.md", NULL);
  cr_assert(doc, "docs/parameters.md is missing");
  if (strcmp(out, doc)) {
    int line = 1;
    for (size_t i = 0; out[i] && out[i] == doc[i]; i++)
      line += out[i] == '\n';
    cr_expect_fail("docs/parameters.md differs from 'bijsim params --markdown' from line %d: run "
                   "build/bijsim params --markdown > docs/parameters.md",
                   line);
  }
  cr_expect(strstr(doc, "| `case_management.consultants_fte` |"));
  free(out);
  free(doc);
}

static void write_file(const char *path, const char *text) {
  FILE *f = fopen(path, "w");
  cr_assert_not_null(f, "%s", path);
  fputs(text, f);
  cr_assert_eq(fclose(f), 0);
}

/* What an editor with the schema accepts: every shipped scenario and test
 * scenario; what it flags: the mistakes the loader refuses. */
Test(params, scenarios_validate_against_the_json_schema, .timeout = 120) {
  char dir[64], cmd[8192], schema[128];
  tmpdir_make(dir, sizeof dir);
  snprintf(schema, sizeof schema, "%s/schema.json", dir);
  snprintf(cmd, sizeof cmd, "'%s' params --json-schema > '%s'", BIJSIM_BINARY, schema);
  cr_assert_eq(system(cmd), 0);
  /* a python3 with jsonschema and PyYAML: the one on PATH, else Debian's
   * (scripts/bootstrap.sh installs python3-jsonschema, python3-yaml) */
  const char *py = "\"$(for p in python3 /usr/bin/python3; do \"$p\" -c 'import jsonschema, "
                   "yaml' 2>/dev/null && { echo \"$p\"; break; }; done)\" " BIJSIM_SOURCE_DIR
                   "/tests/scripts/validate_schema.py";
  snprintf(cmd, sizeof cmd,
           "cd '%s' && %s '%s' scenarios/*.yaml tests/data/analysis/*.yaml "
           "bench/*.yaml > '%s/valid.txt' 2>&1",
           BIJSIM_SOURCE_DIR, py, schema, dir);
  int st = system(cmd);
  char path[256];
  snprintf(path, sizeof path, "%s/valid.txt", dir);
  char *log = slurp(path, NULL);
  cr_assert(WIFEXITED(st) && WEXITSTATUS(st) == 0, "%s", log);
  cr_assert(strstr(log, " valid, 0 invalid"), "%s", log);
  free(log);
  static const char *const bad[] = {
      "extends: baseline.yaml\ncase_management: {consultants_ftee: 3}\n", /* unknown key */
      "extends: baseline.yaml\ngatekeeping: {p_ineligible: 1.5}\n",       /* out of [0, 1] */
      "extends: baseline.yaml\ncwi: {kwint: 2}\n",                        /* not a boolean */
      "extends: baseline.yaml\ntrajectory: {offer_order: creamy}\n",      /* no such name */
      "extends: baseline.yaml\nrun: {stock_report_interval_days: 0.5}\n", /* neither 0 nor >= 1 */
      "extends: baseline.yaml\nuncertainty: {run.name: {dist: uniform, low: 0, high: 1}}\n",
      "run: {name: x, horizon_days: 800}\n",                /* no inflow */
      "extends: baseline.yaml\nrun: {name: 'has space'}\n", /* not a name */
  };
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    snprintf(path, sizeof path, "%s/bad%zu.yaml", dir, i);
    write_file(path, bad[i]);
    snprintf(cmd, sizeof cmd, "%s '%s' '%s' >/dev/null 2>&1", py, schema, path);
    st = system(cmd);
    cr_expect(WIFEXITED(st) && WEXITSTATUS(st) == 1, "accepted: %s", bad[i]);
    /* and bijsim refuses each too (baseline.yaml: the shipped one) */
    char args[512];
    snprintf(args, sizeof args, "validate '%s'", path);
    cr_expect_eq(run_bijsim(args, NULL, NULL), 1, "bijsim accepts: %s", bad[i]);
  }
  tmpdir_remove(dir);
}

Test(params, bad_options) {
  char *err = NULL;
  cr_assert_eq(run_bijsim("params --mardown", NULL, &err), 2);
  cr_assert(strstr(err, "params takes --markdown or --json-schema, not '--mardown'"), "%s", err);
  cr_assert_eq(count_lines(err), 1);
  free(err);
  char *out = NULL;
  cr_assert_eq(run_bijsim("params --help", &out, NULL), 0);
  cr_assert(!strncmp(out, "usage: bijsim params", 20));
  free(out);
}
