/* test_effect.c: pins down the net effect / deadweight computation
 * (analysis/effect.h, `bijsim effect`):
 * - participants, matching by person id (first spell only, unmatched left
 *   out), gross, counterfactual, net and deadweight on hand-made cohorts;
 * - an instrument that does nothing has an effect of exactly zero: switched
 *   off in the scenario (work-first), or on but without consequence (home
 *   visits that deny no one);
 * - a real instrument has participants. */
#include "analysis/effect.h"
#include "test_cli_util.h"

#include <criterion/criterion.h>
#include <math.h>

#define SMALL "tests/data/analysis/small.yaml"

enum { WF = BS_REC_WORK_FIRST };
#define REC(i, fl, ph, fa, tin, tout, rt)                                                          \
  (bs_cohort_rec) {                                                                                \
    .id = i, .flags = fl, .phase = ph, .far = fa, .t_in = tin, .t_out = tout, .route = rt          \
  }

static const bs_cohort_rec with_recs[] = {
    REC(1, WF, 2, 0, 0, 100, BS_ROUTE_REGULAR_WORK),
    REC(2, WF, 4, 1, 10, INFINITY, BS_ROUTE_N),
    REC(3, 0, 1, 0, 20, 70, BS_ROUTE_OTHER_INCOME),
    REC(4, WF, 3, 1, 30, 230, BS_ROUTE_WITHDRAWAL),
    REC(6, WF, 1, 0, 40, 50, BS_ROUTE_REGULAR_WORK),   /* not in the counterfactual cohort */
    REC(3, WF, 1, 0, 100, 120, BS_ROUTE_REGULAR_WORK), /* person 3's second spell: ignored */
};
static const bs_cohort_rec without_recs[] = {
    REC(1, 0, 2, 0, 0, 400, BS_ROUTE_REGULAR_WORK), REC(2, 0, 4, 1, 10, INFINITY, BS_ROUTE_N),
    REC(3, 0, 1, 0, 20, 70, BS_ROUTE_OTHER_INCOME), REC(4, 0, 3, 1, 30, 130, BS_ROUTE_WITHDRAWAL),
    REC(5, 0, 2, 0, 35, INFINITY, BS_ROUTE_N),
};

Test(effect, hand_made_cohorts) {
  enum { R = 2 };
  bs_cohort_rec *wc[R], *nc[R];
  size_t wn[R], nn[R];
  for (int k = 0; k < R; k++) {
    wc[k] = (bs_cohort_rec *)with_recs;
    nc[k] = (bs_cohort_rec *)without_recs;
    wn[k] = sizeof with_recs / sizeof with_recs[0];
    nn[k] = sizeof without_recs / sizeof without_recs[0];
  }
  bs_run_result with = {.replications = R, .cohorts = wc, .cohort_n = wn};
  bs_run_result without = {.replications = R, .cohorts = nc, .cohort_n = nn};
  bs_effect e;
  char err[256];
  cr_assert_eq(bs_effect_compute(&with, &without, BS_INSTR_WORK_FIRST, &e, err, sizeof err), 0);
  cr_assert_eq(e.replications, R);
  /* outcome 0 = left benefit within 365 days; group 0 = all participants:
   * persons 1, 2, 4, 6; 6 has no counterfactual. Matched 1, 2, 4:
   * gross (1 + 0 + 1)/3, without (0 + 0 + 1)/3, net 1/3, deadweight 1/2. */
  const bs_summary *q = e.q[0][0];
  cr_assert_eq(q[BS_EFF_PARTICIPANTS].mean, 4);
  cr_assert_eq(q[BS_EFF_MATCHED].mean, 3);
  cr_assert_float_eq(q[BS_EFF_GROSS].mean, 2.0 / 3, 1e-12);
  cr_assert_float_eq(q[BS_EFF_CF].mean, 1.0 / 3, 1e-12);
  cr_assert_float_eq(q[BS_EFF_NET].mean, 1.0 / 3, 1e-12);
  cr_assert_float_eq(q[BS_EFF_DW].mean, 0.5, 1e-12);
  cr_assert_eq(q[BS_EFF_NET].ci_low, q[BS_EFF_NET].ci_high, "identical replications: no spread");
  /* outcome 1 = left for work within 365 days: only person 1 (regular work) */
  q = e.q[1][0];
  cr_assert_float_eq(q[BS_EFF_GROSS].mean, 1.0 / 3, 1e-12);
  cr_assert_float_eq(q[BS_EFF_CF].mean, 0, 1e-12);
  cr_assert_float_eq(q[BS_EFF_DW].mean, 0, 1e-12);
  /* phase 2 (group 2): person 1 only; phase 1 (group 1): person 6, unmatched */
  cr_assert_float_eq(e.q[0][2][BS_EFF_NET].mean, 1.0, 1e-12);
  cr_assert_eq(e.q[0][1][BS_EFF_PARTICIPANTS].mean, 1);
  cr_assert_eq(e.q[0][1][BS_EFF_MATCHED].mean, 0);
  cr_assert(isnan(e.q[0][1][BS_EFF_GROSS].mean), "no matched participant: no share");
  /* far (group 6): persons 2 and 4: gross 1/2, without 1/2, net 0, deadweight 1 */
  cr_assert_float_eq(e.q[0][6][BS_EFF_NET].mean, 0, 1e-12);
  cr_assert_float_eq(e.q[0][6][BS_EFF_DW].mean, 1, 1e-12);
  /* whole cohort (group 7), every record: with, 5 of 6 left within a year
   * (all but person 2); without, 2 of 5 (persons 3 and 4) */
  cr_assert_eq(e.q[0][7][BS_EFF_PARTICIPANTS].mean, 6);
  cr_assert_float_eq(e.q[0][7][BS_EFF_GROSS].mean, 5.0 / 6, 1e-12);
  cr_assert_float_eq(e.q[0][7][BS_EFF_CF].mean, 2.0 / 5, 1e-12);
}

Test(effect, instrument_names) {
  cr_assert_eq(bs_instrument_index("work_first"), BS_INSTR_WORK_FIRST);
  cr_assert_eq(bs_instrument_index("home_visits"), BS_INSTR_HOME_VISITS);
  cr_assert_eq(bs_instrument_index("none"), -1);
  cr_assert_eq(bs_instrument_index("magic"), -1);
  cr_assert_eq(bs_instrument_flag(BS_INSTR_SANCTIONS), BS_REC_SANCTIONED);
}

/* The effect.csv row for (outcome, group), copied into row. */
static int effect_row(const char *csv, const char *outcome, const char *group, char *row,
                      size_t len) {
  char key[128];
  snprintf(key, sizeof key, ",%s,%s,", outcome, group);
  const char *p = strstr(csv, key);
  if (!p)
    return -1;
  while (p > csv && p[-1] != '\n')
    p--;
  size_t n = strcspn(p, "\n");
  snprintf(row, len, "%.*s", (int)n, p);
  return 0;
}

/* Column c of a CSV row. */
static void col(const char *row, int c, char *out, size_t len) {
  for (int k = 0; k < c && row; k++) {
    row = strchr(row, ',');
    if (row)
      row++;
  }
  size_t n = row ? strcspn(row, ",") : 0;
  snprintf(out, len, "%.*s", (int)n, row ? row : "");
}

enum { C_PART = 5, C_NET = 13, C_NET_LO = 14, C_NET_HI = 15, C_EXCL = 16 };

static char *run_effect(const char *scenario, const char *instrument, char *dir, size_t dirlen) {
  char args[512], path[256];
  tmpdir_make(dir, dirlen);
  snprintf(args, sizeof args, "effect %s --instrument %s --replications 5 --out %s --quiet",
           scenario, instrument, dir);
  char *err = NULL;
  int rc = run_bijsim(args, NULL, &err);
  cr_assert_eq(rc, 0, "effect failed: %s", err ? err : "");
  free(err);
  snprintf(path, sizeof path, "%s/effect.csv", dir);
  char *csv = slurp(path, NULL);
  cr_assert(csv, "no effect.csv");
  return csv;
}

Test(effect, switched_off_instrument_has_zero_effect, .timeout = 120) {
  char dir[64], row[1024], v[64];
  /* work-first is off in small.yaml: the two runs are the same simulation */
  char *csv = run_effect(SMALL, "work_first", dir, sizeof dir);
  cr_assert_eq(effect_row(csv, "left_benefit_12m", "participants", row, sizeof row), 0);
  col(row, C_PART, v, sizeof v);
  cr_assert_str_eq(v, "0", "nobody takes part in a switched-off instrument");
  for (int o = 0; o < 2; o++) {
    cr_assert_eq(
        effect_row(csv, o ? "work_12m" : "left_benefit_12m", "whole_cohort", row, sizeof row), 0);
    col(row, C_NET, v, sizeof v);
    cr_assert_str_eq(v, "0", "net effect on the cohort: %s", row);
    col(row, C_NET_LO, v, sizeof v);
    cr_assert_str_eq(v, "0", "interval [0, 0]: %s", row);
    col(row, C_NET_HI, v, sizeof v);
    cr_assert_str_eq(v, "0");
    col(row, C_EXCL, v, sizeof v);
    cr_assert_str_eq(v, "false", "zero is inside the interval (a boolean as true/false)");
  }
  free(csv);
  tmpdir_remove(dir);
}

Test(effect, instrument_without_consequence_has_zero_effect, .timeout = 120) {
  /* home visits that deny no one: the visit costs money, but every client's
   * path is the same with and without it (the gate draws its random numbers
   * either way), so every net effect is exactly zero or undefined */
  char dir[64];
  char *csv =
      run_effect("tests/data/analysis/small_null_visits.yaml", "home_visits", dir, sizeof dir);
  size_t rows = 0;
  for (char *line = strchr(csv, '\n') + 1; *line; line = strchr(line, '\n') + 1) {
    char v[64];
    col(line, C_NET, v, sizeof v);
    cr_assert(!strcmp(v, "0") || !strcmp(v, "NA"), "net effect %s in %.120s", v, line);
    rows++;
  }
  cr_assert_eq(rows, BS_EFF_OUTCOMES * BS_EFF_GROUPS);
  free(csv);
  tmpdir_remove(dir);
}

Test(effect, real_instrument_has_participants, .timeout = 120) {
  char dir[64], row[1024], v[64];
  char *csv = run_effect("tests/data/analysis/small_wf.yaml", "work_first", dir, sizeof dir);
  cr_assert_eq(effect_row(csv, "left_benefit_12m", "participants", row, sizeof row), 0);
  col(row, C_PART, v, sizeof v);
  cr_assert_gt(atof(v), 10, "work-first should have participants: %s", row);
  col(row, C_NET, v, sizeof v);
  cr_assert(strcmp(v, "NA"), "a net effect is computed: %s", row);
  col(row, C_EXCL, v, sizeof v);
  cr_assert(!strcmp(v, "true") || !strcmp(v, "false"), "a boolean as true/false: %s", row);
  free(csv);
  static const char *files[] = {"summary.csv", "compare.csv", "survival.csv", "flow.csv",
                                "run.json"};
  for (size_t k = 0; k < sizeof files / sizeof files[0]; k++) {
    char path[256];
    snprintf(path, sizeof path, "%s/%s", dir, files[k]);
    cr_assert_eq(access(path, R_OK), 0, "missing %s", files[k]);
  }
  tmpdir_remove(dir);
}

Test(effect, unknown_instrument_is_one_line_error) {
  char *err = NULL;
  int rc =
      run_bijsim("effect " SMALL " --instrument magic --out /tmp/bijsim_test_never", NULL, &err);
  cr_assert_eq(rc, 2);
  cr_assert(err && strstr(err, "unknown instrument 'magic'"), "%s", err);
  cr_assert_eq(count_lines(err), 1, "one line: %s", err);
  cr_assert_eq(access("/tmp/bijsim_test_never", F_OK), -1, "nothing created");
  free(err);
}
