/* test_config.c: pins down the scenario loader (sim/config/).
 *
 * - Loading: every rejection (missing/empty file, syntax error, top level not a
 *   mapping, duplicate keys, anchors/aliases, tags, multiple documents, deep
 *   nesting, NUL / invalid UTF-8, oversized files) gives one line
 *   "FILE:LINE:COL: ..." with the exact position, and leaves the doc zeroed.
 * - extends: deep merge (nested keys override one by one, sequences replace),
 *   positions pointing into the file where each value was written, paths
 *   relative to the extending file, cycles, depth limit, missing base.
 * - Binding with a small schema defined here (section, table, curve, shares,
 *   enum, string, bool, int, real, probability, duration): values land in
 *   the struct, and every kind of invalid value fails with the exact
 *   file:line:col and dotted key path, with "did you mean" suggestions.
 * - cfg_build_json / cfg_to_json: content in schema order (whole numbers as
 *   integers), escaping, snprintf semantics, and a JSON -> load -> bind ->
 *   JSON round trip in which every double comes back exactly (JSON is YAML
 *   flow syntax).
 * - cfg_edit_distance values.
 * Fixtures live in tests/data/config/.
 */
#include "sim/config.h"

#include <criterion/criterion.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef BIJSIM_SOURCE_DIR
#define BIJSIM_SOURCE_DIR "."
#endif
#define FIX(name) BIJSIM_SOURCE_DIR "/tests/data/config/" name

/* ------------------------------------------------------------ test schema */

typedef struct {
  char name[16];
  double quality;
  long capacity;
} provider_t;

typedef struct {
  provider_t providers[4];
  size_t nproviders;
  double exit_curve[4][2];
  size_t ncurve;
} trajectory_t;

typedef struct {
  char label[16];
  long seed;
  int mode;
  int enabled;
  double horizon;
  struct {
    double probability;
    double wait_days;
    int strict;
  } gatekeeping;
  struct {
    double rate_per_year;
    double household[3];
  } inflow;
  trajectory_t trajectory;
} params_t;

static const char *const modes[] = {"fast", "slow", "exact", NULL};
static const char *const households[] = {"single", "couple", "family", NULL};

/* min > max means "no bounds" for INT / REAL / CURVE y. */
static const cfg_field provider_fields[] = {
    {.key = "name",
     .type = CFG_T_STRING,
     .offset = offsetof(provider_t, name),
     .required = 1,
     .elem_size = sizeof(((provider_t *)0)->name)},
    {.key = "quality", .type = CFG_T_PROB, .offset = offsetof(provider_t, quality)},
    {.key = "capacity",
     .type = CFG_T_INT,
     .offset = offsetof(provider_t, capacity),
     .min = 0,
     .max = 1000},
};

static const cfg_field gate_fields[] = {
    {.key = "probability",
     .type = CFG_T_PROB,
     .offset = offsetof(params_t, gatekeeping.probability) - offsetof(params_t, gatekeeping)},
    {.key = "wait_days",
     .type = CFG_T_DURATION,
     .offset = offsetof(params_t, gatekeeping.wait_days) - offsetof(params_t, gatekeeping),
     .max = 365},
    {.key = "strict",
     .type = CFG_T_BOOL,
     .offset = offsetof(params_t, gatekeeping.strict) - offsetof(params_t, gatekeeping)},
};

static const cfg_field inflow_fields[] = {
    {.key = "rate_per_year",
     .type = CFG_T_REAL,
     .offset = offsetof(params_t, inflow.rate_per_year) - offsetof(params_t, inflow),
     .required = 1,
     .min = 0,
     .max = 1e6},
    {.key = "household",
     .type = CFG_T_SHARES,
     .offset = offsetof(params_t, inflow.household) - offsetof(params_t, inflow),
     .names = households},
};

static const cfg_field trajectory_fields[] = {
    {.key = "providers",
     .type = CFG_T_TABLE,
     .offset = offsetof(trajectory_t, providers),
     .sub = provider_fields,
     .nsub = 3,
     .elem_size = sizeof(provider_t),
     .max_elems = 4,
     .count_offset = offsetof(trajectory_t, nproviders)},
    {.key = "exit_curve",
     .type = CFG_T_CURVE,
     .offset = offsetof(trajectory_t, exit_curve),
     .min = 0,
     .max = 1,
     .max_elems = 4,
     .count_offset = offsetof(trajectory_t, ncurve)},
};

static const cfg_field schema[] = {
    {.key = "label",
     .type = CFG_T_STRING,
     .offset = offsetof(params_t, label),
     .elem_size = sizeof(((params_t *)0)->label)},
    {.key = "seed", .type = CFG_T_INT, .offset = offsetof(params_t, seed), .min = 1, .max = 0},
    {.key = "mode", .type = CFG_T_ENUM, .offset = offsetof(params_t, mode), .names = modes},
    {.key = "enabled", .type = CFG_T_BOOL, .offset = offsetof(params_t, enabled)},
    {.key = "horizon", .type = CFG_T_DURATION, .offset = offsetof(params_t, horizon)},
    {.key = "gatekeeping",
     .type = CFG_T_SECTION,
     .offset = offsetof(params_t, gatekeeping),
     .sub = gate_fields,
     .nsub = 3},
    {.key = "inflow",
     .type = CFG_T_SECTION,
     .offset = offsetof(params_t, inflow),
     .sub = inflow_fields,
     .nsub = 2},
    {.key = "trajectory",
     .type = CFG_T_SECTION,
     .offset = offsetof(params_t, trajectory),
     .sub = trajectory_fields,
     .nsub = 2},
};
#define NSCHEMA (sizeof schema / sizeof schema[0])

static void defaults(params_t *p) {
  memset(p, 0, sizeof *p);
  strcpy(p->label, "none");
  p->seed = 1;
  p->mode = 0;
  p->enabled = 0;
  p->horizon = 365;
  p->gatekeeping.probability = 0.5;
  p->gatekeeping.wait_days = 14;
  p->inflow.household[0] = 1;
}

static char err[1024];

static int is_zero_doc(const cfg_doc *d) { return !d->root && !d->files && d->nfiles == 0; }

/* Loads a file and expects failure with exactly `msg`. */
static void expect_load_error(const char *path, const char *msg) {
  cfg_doc d;
  memset(&d, 0xab, sizeof d);
  err[0] = '\0';
  cr_assert_eq(cfg_load(path, &d, err, sizeof err), -1, "loading %s should fail", path);
  cr_assert_str_eq(err, msg);
  cr_assert(is_zero_doc(&d), "doc must be zeroed after a failed load");
}

static void expect_string_error(const char *text, size_t len, const char *msg) {
  cfg_doc d;
  memset(&d, 0xab, sizeof d);
  err[0] = '\0';
  cr_assert_eq(cfg_load_string("inline.yaml", text, len, &d, err, sizeof err), -1,
               "loading should fail: %s", text);
  cr_assert_str_eq(err, msg);
  cr_assert(is_zero_doc(&d));
}

/* Loads and binds a file onto defaults; returns cfg_bind's result. */
static int bind_file(const char *path, params_t *p) {
  cfg_doc d;
  defaults(p);
  err[0] = '\0';
  cr_assert_eq(cfg_load(path, &d, err, sizeof err), 0, "load %s: %s", path, err);
  int rc = cfg_bind(&d, schema, NSCHEMA, p, err, sizeof err);
  cfg_free(&d);
  return rc;
}

static int bind_text(const char *text, params_t *p) {
  cfg_doc d;
  defaults(p);
  err[0] = '\0';
  cr_assert_eq(cfg_load_string("inline.yaml", text, strlen(text), &d, err, sizeof err), 0,
               "load: %s", err);
  int rc = cfg_bind(&d, schema, NSCHEMA, p, err, sizeof err);
  cfg_free(&d);
  return rc;
}

static void expect_bind_error(const char *text, const char *msg) {
  params_t p;
  cr_assert_eq(bind_text(text, &p), -1, "binding should fail: %s", text);
  cr_assert_str_eq(err, msg);
}

/* The smallest valid scenario: the one required key. */
#define REQ "inflow:\n  rate_per_year: 100\n"

/* ------------------------------------------------------------ load errors */

Test(config_load, missing_file) {
  expect_load_error(FIX("no_such_file.yaml"),
                    FIX("no_such_file.yaml") ": cannot read: No such file or directory");
}

Test(config_load, directory_is_unreadable) {
  expect_load_error(BIJSIM_SOURCE_DIR "/tests/data/config",
                    BIJSIM_SOURCE_DIR "/tests/data/config: cannot read: Is a directory");
}

Test(config_load, empty_file) {
  expect_load_error(FIX("empty.yaml"), FIX("empty.yaml") ": empty scenario file");
  expect_string_error("", 0, "inline.yaml: empty scenario file");
  expect_string_error("---\n", 4, "inline.yaml: empty scenario file");
}

Test(config_load, syntax_error) {
  expect_load_error(FIX("syntax.yaml"),
                    FIX("syntax.yaml") ":4:5: syntax error: did not find expected ',' or ']' "
                                       "(while parsing a flow sequence at line 3)");
}

Test(config_load, duplicate_key) {
  expect_load_error(FIX("duplicate.yaml"),
                    FIX("duplicate.yaml") ":6:3: duplicate key 'probability' (first at line 4)");
  expect_string_error("a: {b: 1, b: 2}\n", 16,
                      "inline.yaml:1:11: duplicate key 'b' (first at line 1)");
}

Test(config_load, duplicate_key_in_large_mapping) {
  /* past the first growth of the key index */
  char text[4096];
  size_t pos = 0;
  for (int i = 0; i < 100; i++)
    pos += (size_t)snprintf(text + pos, sizeof text - pos, "k%d: %d\n", i, i);
  pos += (size_t)snprintf(text + pos, sizeof text - pos, "k57: 0\n");
  expect_string_error(text, pos, "inline.yaml:101:1: duplicate key 'k57' (first at line 58)");
}

Test(config_load, anchors_and_aliases_refused) {
  expect_load_error(
      FIX("anchors.yaml"),
      FIX("anchors.yaml") ":3:14: anchors and aliases are not supported (found '&gk')");
  expect_string_error("a: 1\nb: *x\n", 11,
                      "inline.yaml:2:4: anchors and aliases are not supported (found '*x')");
  expect_string_error("&k a: 1\n", 8,
                      "inline.yaml:1:1: anchors and aliases are not supported (found '&k')");
}

Test(config_load, tags_refused) {
  expect_string_error("a: !!str 5\n", 11,
                      "inline.yaml:1:4: tags are not supported (found 'tag:yaml.org,2002:str')");
}

Test(config_load, top_level_not_a_mapping) {
  expect_string_error(
      "- a\n- b\n", 8,
      "inline.yaml:1:1: the top level must be a mapping of 'key: value' lines, found a sequence");
  expect_string_error(
      "\n\njust text\n", 12,
      "inline.yaml:3:1: the top level must be a mapping of 'key: value' lines, found a scalar");
}

Test(config_load, non_scalar_key) {
  expect_string_error("a: 1\n[x, y]: 1\n", 15,
                      "inline.yaml:2:1: mapping keys must be plain names, found a sequence");
}

Test(config_load, multiple_documents) {
  expect_string_error("a: 1\n---\nb: 2\n", 14,
                      "inline.yaml:2:1: multiple documents are not supported (one scenario per "
                      "file)");
}

Test(config_load, nul_and_invalid_utf8) {
  expect_string_error("a: b\0c\n", 7, "inline.yaml:1:5: control characters are not allowed (0x00)");
  expect_string_error("a: 1\nb: \xff\n", 9, "inline.yaml:2:4: invalid leading UTF-8 octet (0xFF)");
  expect_string_error("a: \"x\\0y\"\n", 10,
                      "inline.yaml:1:4: NUL characters in text are not supported");
}

Test(config_load, nesting_limit) {
  char text[200];
  size_t pos = 0;
  text[pos++] = 'a';
  text[pos++] = ':';
  text[pos++] = ' ';
  for (int i = 0; i < 70; i++)
    text[pos++] = '[';
  for (int i = 0; i < 70; i++)
    text[pos++] = ']';
  text[pos++] = '\n';
  /* root mapping = level 1, the k-th '[' (column 3 + k) = level k + 1 */
  expect_string_error(text, pos, "inline.yaml:1:67: nesting deeper than 64 levels");

  /* 64 levels are fine */
  pos = 3;
  for (int i = 0; i < 63; i++)
    text[pos++] = '[';
  for (int i = 0; i < 63; i++)
    text[pos++] = ']';
  cfg_doc d;
  cr_assert_eq(cfg_load_string("inline.yaml", text, pos, &d, err, sizeof err), 0, "%s", err);
  cfg_free(&d);
}

Test(config_load, file_larger_than_4mib) {
  char dir[] = "/tmp/bijsim_cfg_XXXXXX";
  cr_assert_not_null(mkdtemp(dir));
  char path[256];
  snprintf(path, sizeof path, "%s/big.yaml", dir);
  size_t n = ((size_t)4 << 20) + 1;
  char *big = malloc(n);
  cr_assert_not_null(big);
  memset(big, '#', n);
  FILE *f = fopen(path, "wb");
  cr_assert_not_null(f);
  cr_assert_eq(fwrite(big, 1, n, f), n);
  fclose(f);
  char msg[300];
  snprintf(msg, sizeof msg, "%s: file is larger than 4 MiB", path);
  expect_load_error(path, msg);
  expect_string_error(big, n, "inline.yaml: file is larger than 4 MiB");
  free(big);
  unlink(path);
  rmdir(dir);
}

/* ------------------------------------------------------------ tree */

Test(config_load, tree_positions_and_files) {
  cfg_doc d;
  cr_assert_eq(cfg_load(FIX("base.yaml"), &d, err, sizeof err), 0, "%s", err);
  cr_assert_eq(d.nfiles, 1);
  cr_assert_str_eq(d.files[0], FIX("base.yaml"));
  cr_assert_eq(d.root->kind, CFG_MAP);
  const cfg_node *gk = cfg_get(d.root, "gatekeeping");
  cr_assert_not_null(gk);
  cr_assert_eq(gk->kind, CFG_MAP);
  cr_assert_eq(gk->key_line, 7);
  cr_assert_eq(gk->key_col, 1);
  const cfg_node *wd = cfg_get(gk, "wait_days");
  cr_assert_not_null(wd);
  cr_assert_str_eq(wd->value, "28");
  cr_assert_eq(wd->line, 9);
  cr_assert_eq(wd->col, 14);
  cr_assert_eq(wd->key_col, 3);
  cr_assert_eq(wd->file, d.files[0]);
  cr_assert_eq(wd->quoted, 0);
  cr_assert_null(cfg_get(gk, "nope"));
  cr_assert_null(cfg_get(wd, "x"));
  const cfg_node *curve = cfg_get(cfg_get(d.root, "trajectory"), "exit_curve");
  cr_assert_eq(curve->kind, CFG_SEQ);
  cr_assert_eq(curve->n, 3);
  cr_assert_null(curve->items[1]->key);
  cr_assert_str_eq(curve->items[1]->items[1]->value, "0.2");
  cfg_free(&d);
  cr_assert(is_zero_doc(&d));
  cfg_free(&d); /* idempotent */
}

Test(config_load, quoted_flag) {
  cfg_doc d;
  cr_assert_eq(cfg_load_string("q.yaml", "a: '1'\nb: \"2\"\nc: 3\n", 19, &d, err, sizeof err), 0);
  cr_assert_eq(cfg_get(d.root, "a")->quoted, 1);
  cr_assert_eq(cfg_get(d.root, "b")->quoted, 1);
  cr_assert_eq(cfg_get(d.root, "c")->quoted, 0);
  cfg_free(&d);
}

/* ------------------------------------------------------------ extends */

Test(config_extends, deep_merge) {
  cfg_doc d;
  cr_assert_eq(cfg_load(FIX("variant.yaml"), &d, err, sizeof err), 0, "%s", err);
  cr_assert_eq(d.nfiles, 2);
  cr_assert_str_eq(d.files[0], FIX("variant.yaml"));
  cr_assert_str_eq(d.files[1], FIX("base.yaml"));
  cr_assert_null(cfg_get(d.root, "extends"), "extends must be removed");

  const cfg_node *gk = cfg_get(d.root, "gatekeeping");
  const cfg_node *prob = cfg_get(gk, "probability");
  cr_assert_str_eq(prob->value, "0.25");
  cr_assert_eq(prob->file, d.files[0]);
  cr_assert_eq(prob->line, 4);
  const cfg_node *wd = cfg_get(gk, "wait_days");
  cr_assert_str_eq(wd->value, "28");
  cr_assert_eq(wd->file, d.files[1]);
  cr_assert_eq(wd->line, 9);
  cr_assert_eq(cfg_get(d.root, "seed")->file, d.files[1]);
  /* the sequence is replaced, not merged */
  const cfg_node *prov = cfg_get(cfg_get(d.root, "trajectory"), "providers");
  cr_assert_eq(prov->n, 1);
  cr_assert_eq(prov->file, d.files[0]);
  /* sibling of the replaced sequence is inherited */
  cr_assert_eq(cfg_get(cfg_get(d.root, "trajectory"), "exit_curve")->file, d.files[1]);

  params_t p;
  defaults(&p);
  cr_assert_eq(cfg_bind(&d, schema, NSCHEMA, &p, err, sizeof err), 0, "%s", err);
  cr_assert_float_eq(p.gatekeeping.probability, 0.25, 1e-15);
  cr_assert_float_eq(p.gatekeeping.wait_days, 28, 1e-15);
  cr_assert_eq(p.gatekeeping.strict, 0);
  cr_assert_eq(p.seed, 42);
  cr_assert_str_eq(p.label, "baseline");
  cr_assert_eq(p.trajectory.nproviders, 1);
  cr_assert_str_eq(p.trajectory.providers[0].name, "gamma");
  cr_assert_eq(p.trajectory.ncurve, 3);
  cfg_free(&d);
}

Test(config_extends, relative_to_subdirectory) {
  cfg_doc d;
  cr_assert_eq(cfg_load(FIX("sub/variant_sub.yaml"), &d, err, sizeof err), 0, "%s", err);
  cr_assert_eq(d.nfiles, 2);
  cr_assert_str_eq(d.files[1], FIX("sub/../base.yaml"));
  cr_assert_str_eq(cfg_get(d.root, "seed")->value, "7");
  cr_assert_eq(cfg_get(d.root, "seed")->file, d.files[0]);
  cr_assert_eq(cfg_get(d.root, "label")->file, d.files[1]);
  cfg_free(&d);
}

Test(config_extends, from_string_is_relative_to_cwd) {
  /* ctest runs the tests from the repository root */
  cr_assert_eq(chdir(BIJSIM_SOURCE_DIR), 0);
  const char *text = "extends: tests/data/config/base.yaml\nseed: 9\n";
  cfg_doc d;
  cr_assert_eq(cfg_load_string("mem.yaml", text, strlen(text), &d, err, sizeof err), 0, "%s", err);
  cr_assert_eq(d.nfiles, 2);
  cr_assert_str_eq(d.files[0], "mem.yaml");
  cr_assert_str_eq(d.files[1], "tests/data/config/base.yaml");
  cr_assert_str_eq(cfg_get(d.root, "seed")->value, "9");
  cr_assert_str_eq(cfg_get(d.root, "mode")->value, "slow");
  cfg_free(&d);
}

Test(config_extends, cycle) {
  /* reported at the `extends` that closes the loop, listing the loop */
  const char *a = FIX("cycle_a.yaml"), *b = FIX("cycle_b.yaml");
  char msg[1024];
  snprintf(msg, sizeof msg, "%s:2:10: extends cycle: %s -> %s -> %s", b, a, b, a);
  expect_load_error(a, msg);
}

Test(config_extends, self_cycle) {
  const char *a = FIX("self_cycle.yaml");
  char msg[1024];
  snprintf(msg, sizeof msg, "%s:2:10: extends cycle: %s -> %s", a, a, a);
  expect_load_error(a, msg);
}

Test(config_extends, missing_base) {
  /* names the extending file and the line of its `extends:` */
  const char *msg = FIX("missing_base.yaml") ":2:10: cannot read extended file '" //
      FIX("does_not_exist.yaml") "': No such file or directory";
  expect_load_error(FIX("missing_base.yaml"), msg);
}

Test(config_extends, not_a_path) {
  expect_string_error("extends: [a.yaml]\n", 18,
                      "inline.yaml:1:10: 'extends' must name a scenario file, found a sequence");
  expect_string_error("extends:\n", 9,
                      "inline.yaml:1:9: 'extends' must name a scenario file, found an empty value");
}

Test(config_extends, error_on_inherited_key_points_into_base) {
  params_t p;
  cr_assert_eq(bind_file(FIX("bad_variant.yaml"), &p), -1);
  cr_assert_str_eq(err, FIX("bad_base.yaml") ":6:14: key 'gatekeeping.wait_days': negative "
                                             "duration -5 (days must be >= 0)");
}

/* f0 extends f1 extends ... f{n}; only f{n} has content. */
static void write_chain(const char *dir, int n) {
  char path[256];
  for (int i = 0; i <= n; i++) {
    snprintf(path, sizeof path, "%s/f%d.yaml", dir, i);
    FILE *f = fopen(path, "w");
    cr_assert_not_null(f);
    if (i < n)
      fprintf(f, "extends: f%d.yaml\n", i + 1);
    else
      fprintf(f, REQ);
    fclose(f);
  }
}

Test(config_extends, depth_limit) {
  char dir[] = "/tmp/bijsim_cfg_XXXXXX";
  cr_assert_not_null(mkdtemp(dir));
  write_chain(dir, 17);
  char path[256], msg[512];
  cfg_doc d;
  /* f1 -> ... -> f17: 16 links, accepted */
  snprintf(path, sizeof path, "%s/f1.yaml", dir);
  cr_assert_eq(cfg_load(path, &d, err, sizeof err), 0, "%s", err);
  cr_assert_eq(d.nfiles, 17);
  cfg_free(&d);
  /* f0 -> ... -> f17: 17 links, refused at the `extends` in f16 */
  snprintf(path, sizeof path, "%s/f0.yaml", dir);
  snprintf(msg, sizeof msg, "%s/f16.yaml:1:10: extends chain deeper than 16 files", dir);
  expect_load_error(path, msg);
  for (int i = 0; i <= 17; i++) {
    snprintf(path, sizeof path, "%s/f%d.yaml", dir, i);
    unlink(path);
  }
  rmdir(dir);
}

/* ------------------------------------------------------------ binding */

Test(config_bind, full_file) {
  params_t p;
  cr_assert_eq(bind_file(FIX("base.yaml"), &p), 0, "%s", err);
  cr_assert_str_eq(p.label, "baseline");
  cr_assert_eq(p.seed, 42);
  cr_assert_eq(p.mode, 1);
  cr_assert_eq(p.enabled, 1);
  cr_assert_float_eq(p.horizon, 3650, 1e-12);
  cr_assert_float_eq(p.gatekeeping.probability, 0.4, 1e-15);
  cr_assert_float_eq(p.gatekeeping.wait_days, 28, 1e-15);
  cr_assert_eq(p.gatekeeping.strict, 0);
  cr_assert_float_eq(p.inflow.rate_per_year, 1200, 1e-12);
  cr_assert_float_eq(p.inflow.household[0], 0.5, 1e-15);
  cr_assert_float_eq(p.inflow.household[1], 0.2, 1e-15);
  cr_assert_float_eq(p.inflow.household[2], 0.3, 1e-15);
  /* table */
  cr_assert_eq(p.trajectory.nproviders, 2);
  cr_assert_str_eq(p.trajectory.providers[0].name, "alpha");
  cr_assert_float_eq(p.trajectory.providers[0].quality, 0.7, 1e-15);
  cr_assert_eq(p.trajectory.providers[0].capacity, 100);
  cr_assert_str_eq(p.trajectory.providers[1].name, "beta");
  cr_assert_eq(p.trajectory.providers[1].capacity, 50);
  /* curve */
  cr_assert_eq(p.trajectory.ncurve, 3);
  cr_assert_float_eq(p.trajectory.exit_curve[0][0], 0, 1e-15);
  cr_assert_float_eq(p.trajectory.exit_curve[1][0], 90, 1e-15);
  cr_assert_float_eq(p.trajectory.exit_curve[1][1], 0.2, 1e-15);
  cr_assert_float_eq(p.trajectory.exit_curve[2][0], 365, 1e-15);
  cr_assert_float_eq(p.trajectory.exit_curve[2][1], 0.6, 1e-15);
}

Test(config_bind, absent_keys_keep_defaults) {
  params_t p;
  cr_assert_eq(bind_text(REQ, &p), 0, "%s", err);
  cr_assert_str_eq(p.label, "none");
  cr_assert_eq(p.seed, 1);
  cr_assert_float_eq(p.gatekeeping.probability, 0.5, 0);
  cr_assert_float_eq(p.gatekeeping.wait_days, 14, 0);
  cr_assert_float_eq(p.inflow.household[0], 1, 0);
  cr_assert_eq(p.trajectory.nproviders, 0);
}

Test(config_bind, bool_forms) {
  const char *yes[] = {"true", "True", "YES", "on"}, *no[] = {"false", "FALSE", "no", "Off"};
  char text[128];
  params_t p;
  for (int i = 0; i < 4; i++) {
    snprintf(text, sizeof text, REQ "enabled: %s\n", yes[i]);
    cr_assert_eq(bind_text(text, &p), 0, "%s", err);
    cr_assert_eq(p.enabled, 1, "%s", yes[i]);
    snprintf(text, sizeof text, REQ "enabled: %s\n", no[i]);
    p.enabled = 1;
    cr_assert_eq(bind_text(text, &p), 0, "%s", err);
    cr_assert_eq(p.enabled, 0, "%s", no[i]);
  }
  expect_bind_error(REQ "enabled: maybe\n",
                    "inline.yaml:3:10: key 'enabled': expected true or false, found 'maybe'");
  expect_bind_error(REQ "enabled: \"true\"\n",
                    "inline.yaml:3:10: key 'enabled': expected true or false, found the quoted "
                    "text \"true\" (quotes make it a string)");
}

Test(config_bind, unknown_key_with_suggestion) {
  params_t p;
  cr_assert_eq(bind_file(FIX("unknown_key.yaml"), &p), -1);
  cr_assert_str_eq(err, FIX("unknown_key.yaml") ":5:3: unknown key 'probabilty' in "
                                                "'gatekeeping' (did you mean 'probability'?)");
}

Test(config_bind, unknown_key_suggestions) {
  /* top level, edit distance 1 */
  expect_bind_error(REQ "sede: 3\n", "inline.yaml:3:1: unknown key 'sede' (did you mean 'seed'?)");
  /* prefix, far in edit distance */
  expect_bind_error(REQ "gatekeeping:\n  prob: 0.1\n",
                    "inline.yaml:4:3: unknown key 'prob' in 'gatekeeping' (did you mean "
                    "'probability'?)");
  /* nothing close: the valid keys of that mapping */
  expect_bind_error(REQ "zzz_unrelated: 1\n",
                    "inline.yaml:3:1: unknown key 'zzz_unrelated' (valid keys here: label, seed, "
                    "mode, enabled, horizon, gatekeeping, inflow, trajectory)");
  /* inside a table element: the path has the index */
  expect_bind_error(REQ "trajectory:\n  providers:\n    - name: a\n    - name: b\n      qualty: "
                        "0.5\n",
                    "inline.yaml:7:7: unknown key 'qualty' in 'trajectory.providers[1]' (did you "
                    "mean 'quality'?)");
}

Test(config_bind, wrong_type) {
  expect_bind_error(REQ "seed: abc\n",
                    "inline.yaml:3:7: key 'seed': expected an integer, found 'abc'");
  expect_bind_error(REQ "seed: 1.5\n",
                    "inline.yaml:3:7: key 'seed': expected an integer, found '1.5'");
  expect_bind_error(REQ "gatekeeping:\n  probability: {a: 1}\n",
                    "inline.yaml:4:16: key 'gatekeeping.probability': expected a number, found a "
                    "mapping");
  expect_bind_error(REQ "gatekeeping:\n  probability: '0.5'\n",
                    "inline.yaml:4:16: key 'gatekeeping.probability': expected a number, found the "
                    "quoted text \"0.5\" (quotes make it a string)");
  expect_bind_error(REQ "gatekeeping:\n  probability:\n",
                    "inline.yaml:4:15: key 'gatekeeping.probability': expected a number, found an "
                    "empty value");
  expect_bind_error(REQ "gatekeeping: [1, 2]\n",
                    "inline.yaml:3:14: key 'gatekeeping': expected a mapping, found a sequence");
  expect_bind_error(REQ "horizon: ten\n",
                    "inline.yaml:3:10: key 'horizon': expected a number, found 'ten'");
  expect_bind_error(REQ "label: [a]\n",
                    "inline.yaml:3:8: key 'label': expected text, found a sequence");
  expect_bind_error(
      REQ "trajectory:\n  providers: {name: a}\n",
      "inline.yaml:4:14: key 'trajectory.providers': expected a sequence of mappings, "
      "found a mapping");
  expect_bind_error(REQ "trajectory:\n  providers:\n    - a\n",
                    "inline.yaml:5:7: key 'trajectory.providers[0]': expected a mapping, found a "
                    "scalar");
}

Test(config_bind, probability_out_of_range) {
  expect_bind_error(
      REQ "gatekeeping:\n  probability: 1.3\n",
      "inline.yaml:4:16: key 'gatekeeping.probability': probability 1.3 is outside [0, "
      "1]");
  expect_bind_error(REQ "gatekeeping:\n  probability: -0.1\n",
                    "inline.yaml:4:16: key 'gatekeeping.probability': probability -0.1 is outside "
                    "[0, 1]");
  params_t p;
  cr_assert_eq(bind_text(REQ "gatekeeping:\n  probability: 1\n", &p), 0, "%s", err);
  cr_assert_eq(bind_text(REQ "gatekeeping:\n  probability: 0\n", &p), 0, "%s", err);
}

Test(config_bind, negative_duration) {
  expect_bind_error(REQ "horizon: -5\n",
                    "inline.yaml:3:10: key 'horizon': negative duration -5 (days must be >= 0)");
  expect_bind_error(REQ "gatekeeping:\n  wait_days: 400\n",
                    "inline.yaml:4:14: key 'gatekeeping.wait_days': duration 400 exceeds the "
                    "maximum of 365 days");
}

Test(config_bind, nan_and_inf) {
  expect_bind_error(REQ "horizon: .nan\n",
                    "inline.yaml:3:10: key 'horizon': '.nan' is not a finite number");
  expect_bind_error(REQ "horizon: NaN\n",
                    "inline.yaml:3:10: key 'horizon': 'NaN' is not a finite number");
  expect_bind_error(REQ "horizon: inf\n",
                    "inline.yaml:3:10: key 'horizon': 'inf' is not a finite number");
  expect_bind_error(REQ "horizon: -.Inf\n",
                    "inline.yaml:3:10: key 'horizon': '-.Inf' is not a finite number");
  expect_bind_error(REQ "horizon: 1e999\n",
                    "inline.yaml:3:10: key 'horizon': number 1e999 is out of range (not finite)");
}

Test(config_bind, integer_overflow_and_range) {
  expect_bind_error(REQ "seed: 99999999999999999999\n",
                    "inline.yaml:3:7: key 'seed': integer 99999999999999999999 overflows (range "
                    "-9223372036854775808 to 9223372036854775807)");
  expect_bind_error(REQ "trajectory:\n  providers:\n    - name: a\n      capacity: 5000\n",
                    "inline.yaml:6:17: key 'trajectory.providers[0].capacity': value 5000 is "
                    "outside [0, 1000]");
  expect_bind_error(REQ "trajectory:\n  providers:\n    - name: a\n      quality: 2\n",
                    "inline.yaml:6:16: key 'trajectory.providers[0].quality': probability 2 is "
                    "outside [0, 1]");
  params_t p;
  cr_assert_eq(bind_text(REQ "seed: -9223372036854775808\n", &p), 0, "%s", err);
  cr_assert_eq(p.seed, -9223372036854775807L - 1);
}

Test(config_bind, real_range) {
  expect_bind_error(
      "inflow:\n  rate_per_year: 2e6\n",
      "inline.yaml:2:18: key 'inflow.rate_per_year': value 2e6 is outside [0, 1e+06]");
}

Test(config_bind, shares) {
  expect_bind_error("inflow:\n  rate_per_year: 1\n  household:\n    single: 0.5\n    couple: "
                    "0.2\n    family: 0.2\n",
                    "inline.yaml:4:5: shares in 'inflow.household' sum to 0.9, not 1");
  expect_bind_error("inflow:\n  rate_per_year: 1\n  household:\n    single: 0.5\n    couple: "
                    "0.5\n",
                    "inline.yaml:4:5: missing share 'family' in 'inflow.household' (every name "
                    "needs a share)");
  expect_bind_error("inflow:\n  rate_per_year: 1\n  household:\n    single: 0.5\n    coupel: "
                    "0.2\n    family: 0.3\n",
                    "inline.yaml:5:5: unknown name 'coupel' in shares 'inflow.household' (did you "
                    "mean 'couple'?)");
  expect_bind_error("inflow:\n  rate_per_year: 1\n  household:\n    single: 1.5\n    couple: "
                    "-0.2\n    family: -0.3\n",
                    "inline.yaml:4:13: key 'inflow.household.single': share 1.5 is outside [0, 1]");
  expect_bind_error("inflow:\n  rate_per_year: 1\n  household: [0.5, 0.5]\n",
                    "inline.yaml:3:14: key 'inflow.household': expected a mapping of name: share, "
                    "found a sequence");
  /* within the tolerance */
  params_t p;
  cr_assert_eq(bind_text("inflow:\n  rate_per_year: 1\n  household: {single: 0.3333333, couple: "
                         "0.3333333, family: 0.3333334}\n",
                         &p),
               0, "%s", err);
  cr_assert_float_eq(p.inflow.household[2], 0.3333334, 1e-15);
}

Test(config_bind, unknown_enum) {
  expect_bind_error(REQ "mode: fsat\n",
                    "inline.yaml:3:7: key 'mode': unknown value 'fsat'; allowed: fast, slow, exact "
                    "(did you mean 'fast'?)");
  expect_bind_error(REQ "mode: whatever\n",
                    "inline.yaml:3:7: key 'mode': unknown value 'whatever'; allowed: fast, slow, "
                    "exact");
  params_t p;
  cr_assert_eq(bind_text(REQ "mode: \"exact\"\n", &p), 0, "%s", err);
  cr_assert_eq(p.mode, 2);
}

Test(config_bind, missing_required_key) {
  /* the whole section is absent: position of the top level (line 1) */
  expect_bind_error("# comment\nseed: 3\n", "inline.yaml:1:1: missing required key "
                                            "'inflow.rate_per_year'");
  /* the section is there without the key: position of that mapping */
  expect_bind_error("seed: 3\ninflow:\n  household: {single: 1, couple: 0, family: 0}\n",
                    "inline.yaml:3:3: missing required key 'inflow.rate_per_year'");
  /* required key in a table element */
  expect_bind_error(REQ "trajectory:\n  providers:\n    - name: a\n    - quality: 0.5\n",
                    "inline.yaml:6:7: missing required key 'trajectory.providers[1].name'");
}

Test(config_bind, string_too_long) {
  expect_bind_error(REQ "label: abcdefghijklmnopqrstuvwxyz\n",
                    "inline.yaml:3:8: key 'label': text of 26 bytes is too long (at most 15)");
  params_t p;
  cr_assert_eq(bind_text(REQ "label: '123456789012345'\n", &p), 0, "%s", err);
  cr_assert_str_eq(p.label, "123456789012345");
}

Test(config_bind, table_too_long) {
  expect_bind_error(REQ "trajectory:\n  providers: [{name: a}, {name: b}, {name: c}, {name: d}, "
                        "{name: e}]\n",
                    "inline.yaml:4:14: key 'trajectory.providers': table has 5 entries, at most 4 "
                    "are allowed");
}

Test(config_bind, curves) {
  expect_bind_error(REQ "trajectory:\n  exit_curve: [[0, 0], [10, 0.1], [5, 0.2]]\n",
                    "inline.yaml:4:36: key 'trajectory.exit_curve[2]': x 5 is not greater than the "
                    "previous x 10");
  expect_bind_error(REQ "trajectory:\n  exit_curve: [[0, 0], [0, 0.1]]\n",
                    "inline.yaml:4:25: key 'trajectory.exit_curve[1]': x 0 is not greater than the "
                    "previous x 0");
  expect_bind_error(REQ "trajectory:\n  exit_curve: [[-1, 0]]\n",
                    "inline.yaml:4:17: key 'trajectory.exit_curve[0]': negative x -1");
  expect_bind_error(REQ "trajectory:\n  exit_curve: [[0, 1.5]]\n",
                    "inline.yaml:4:20: key 'trajectory.exit_curve[0]': y 1.5 is outside [0, 1]");
  expect_bind_error(REQ "trajectory:\n  exit_curve: [[0, 0, 1]]\n",
                    "inline.yaml:4:16: key 'trajectory.exit_curve[0]': expected a point [x, y], "
                    "found a sequence of 3 items");
  expect_bind_error(REQ "trajectory:\n  exit_curve: [5]\n",
                    "inline.yaml:4:16: key 'trajectory.exit_curve[0]': expected a point [x, y], "
                    "found a scalar");
  expect_bind_error(REQ "trajectory:\n  exit_curve: [[0, 0], [1, 0], [2, 0], [3, 0], [4, 0]]\n",
                    "inline.yaml:4:15: key 'trajectory.exit_curve': curve has 5 points, at most 4 "
                    "are allowed");
  params_t p;
  cr_assert_eq(bind_text(REQ "trajectory:\n  exit_curve: []\n", &p), 0, "%s", err);
  cr_assert_eq(p.trajectory.ncurve, 0);
}

Test(config_bind, bad_arguments) {
  params_t p;
  cr_assert_eq(cfg_bind(NULL, schema, NSCHEMA, &p, err, sizeof err), -1);
  cfg_doc empty = {0};
  cr_assert_eq(cfg_bind(&empty, schema, NSCHEMA, &p, err, sizeof err), -1);
  cr_assert_eq(cfg_load(NULL, &empty, err, sizeof err), -1);
}

/* ------------------------------------------------------------ JSON */

/* cfg_build_json's object as compact text with 15 digits: the short decimals
 * of the fixtures as written. */
static char *json_text(const params_t *p) {
  json_t *o = cfg_build_json(schema, NSCHEMA, p);
  cr_assert(o);
  char *text = json_dumps(o, JSON_COMPACT | JSON_REAL_PRECISION(15));
  cr_assert(text);
  json_decref(o);
  return text;
}

Test(config_json, content) {
  params_t p;
  cr_assert_eq(bind_file(FIX("base.yaml"), &p), 0, "%s", err);
  char *buf = json_text(&p);
  const char *start = "{\"label\":\"baseline\",\"seed\":42,\"mode\":\"slow\",\"enabled\":true,";
  cr_assert(!strncmp(buf, start, strlen(start)), "%s", buf);
  cr_assert(strstr(buf, "\"horizon\":3650,"), "%s", buf);
  cr_assert(strstr(buf, "\"gatekeeping\":{\"probability\":0.4,\"wait_days\":28,\"strict\":false}"),
            "%s", buf);
  cr_assert(strstr(buf, "\"household\":{\"single\":0.5,\"couple\":0.2,\"family\":0.3}"), "%s", buf);
  cr_assert(strstr(buf, "\"providers\":[{\"name\":\"alpha\",\"quality\":0.7,\"capacity\":100},"),
            "%s", buf);
  cr_assert(strstr(buf, "\"exit_curve\":[[0,0],[90,0.2],[365,0.6]]"), "%s", buf);
  free(buf);
  /* NaN and infinity (never bound, but a caller may store them) are null;
   * -0.0 keeps its sign */
  p.horizon = NAN;
  p.gatekeeping.wait_days = -0.0;
  json_t *o = cfg_build_json(schema, NSCHEMA, &p);
  cr_assert(json_is_null(json_object_get(o, "horizon")));
  json_t *wait = json_object_get(json_object_get(o, "gatekeeping"), "wait_days");
  cr_assert(json_is_real(wait) && signbit(json_real_value(wait)));
  json_decref(o);
}

Test(config_json, snprintf_semantics_and_escaping) {
  params_t p;
  defaults(&p);
  strcpy(p.label, "a\"b\\c\nd\te\x01");
  char full[2048], small[16];
  long n = cfg_to_json(schema, NSCHEMA, &p, full, sizeof full);
  cr_assert_gt(n, 0);
  cr_assert_eq((size_t)n, strlen(full));
  cr_assert(strstr(full, "\"label\":\"a\\\"b\\\\c\\nd\\te\\u0001\""), "%s", full);
  cr_assert(strstr(full, "\"providers\":[]"), "%s", full);
  cr_assert_eq(cfg_to_json(schema, NSCHEMA, &p, small, sizeof small), n);
  cr_assert_eq(strlen(small), sizeof small - 1);
  cr_assert_eq(strncmp(small, full, sizeof small - 1), 0);
  cr_assert_eq(cfg_to_json(schema, NSCHEMA, &p, NULL, 0), n);
  p.mode = 7; /* not a valid enum index */
  cr_assert_eq(cfg_to_json(schema, NSCHEMA, &p, full, sizeof full), -1);
  cr_assert_null(cfg_build_json(schema, NSCHEMA, &p));
  p.mode = 0;
  p.trajectory.ncurve = 5; /* more points than the capacity */
  cr_assert_null(cfg_build_json(schema, NSCHEMA, &p));
}

Test(config_json, round_trip) {
  /* JSON is YAML flow syntax: the output loads and binds back to itself,
   * every double exactly. */
  params_t p, q;
  cr_assert_eq(bind_file(FIX("variant.yaml"), &p), 0, "%s", err);
  p.gatekeeping.probability = 0.1 + 0.2; /* needs 17 digits */
  p.horizon = 5e-324;                    /* the smallest subnormal */
  p.inflow.rate_per_year = 123456.789012345678;
  p.trajectory.exit_curve[1][1] = 1.0 / 3;
  char a[2048], b[2048];
  long n = cfg_to_json(schema, NSCHEMA, &p, a, sizeof a);
  cr_assert_gt(n, 0);
  cr_assert(strstr(a, "\"probability\":0.30000000000000004"), "%s", a);
  cfg_doc d;
  cr_assert_eq(cfg_load_string("json", a, (size_t)n, &d, err, sizeof err), 0, "%s", err);
  defaults(&q);
  cr_assert_eq(cfg_bind(&d, schema, NSCHEMA, &q, err, sizeof err), 0, "%s", err);
  cfg_free(&d);
  cr_assert_eq(q.gatekeeping.probability, p.gatekeeping.probability);
  cr_assert_eq(q.horizon, p.horizon);
  cr_assert_eq(q.inflow.rate_per_year, p.inflow.rate_per_year);
  cr_assert_eq(q.trajectory.exit_curve[1][1], p.trajectory.exit_curve[1][1]);
  cr_assert_eq(cfg_to_json(schema, NSCHEMA, &q, b, sizeof b), n);
  cr_assert_str_eq(a, b);
  /* and jansson reads back the same values */
  json_t *built = cfg_build_json(schema, NSCHEMA, &p), *read = json_loads(a, 0, NULL);
  cr_assert(built && read);
  cr_assert(json_equal(built, read), "%s", a);
  json_decref(built);
  json_decref(read);
}

/* ------------------------------------------------------------ edit distance */

Test(config_misc, edit_distance) {
  cr_assert_eq(cfg_edit_distance("", ""), 0);
  cr_assert_eq(cfg_edit_distance("abc", ""), 3);
  cr_assert_eq(cfg_edit_distance("", "abc"), 3);
  cr_assert_eq(cfg_edit_distance("seed", "seed"), 0);
  cr_assert_eq(cfg_edit_distance("kitten", "sitting"), 3);
  cr_assert_eq(cfg_edit_distance("flaw", "lawn"), 2);
  cr_assert_eq(cfg_edit_distance("probabilty", "probability"), 1);
  cr_assert_eq(cfg_edit_distance("ab", "ba"), 2); /* plain Levenshtein: no transpositions */
  cr_assert_eq(cfg_edit_distance("sitting", "kitten"), 3);
  char longa[200], longb[200];
  memset(longa, 'a', 150);
  longa[150] = '\0';
  memset(longb, 'a', 148);
  longb[148] = '\0';
  cr_assert_eq(cfg_edit_distance(longa, longb), 2);
}
