/* test_sensitivity.c: `bijsim sensitivity` end to end (the estimators
 * themselves are checked on known functions in tests/test_gsa.c):
 * - clients.fraud_propensity_mean is drawn for every client but no rule reads
 *   it yet (docs/model.md): with every point simulating the same persons its
 *   elementary effects and its Sobol' indices are exactly zero, while other
 *   parameters have effects;
 * - a parameter held (its scenario value outside its range) has NA indices;
 * - one row per parameter and index; the same bytes with 1 and 2 threads;
 * - an unknown indicator is refused. */
#include "analysis/csv.h"
#include "test_cli_util.h"

#include <criterion/criterion.h>
#include <math.h>

#define SMALL "tests/data/analysis/small.yaml"

static double index_of(const bs_csv *t, const char *param, const char *index) {
  long cp = bs_csv_col(t, "parameter"), ci = bs_csv_col(t, "index"), ce = bs_csv_col(t, "estimate");
  for (size_t r = 0; r < t->nrow; r++)
    if (!strcmp(bs_csv_get(t, r, cp), param) && !strcmp(bs_csv_get(t, r, ci), index))
      return bs_csv_num(t, r, ce);
  cr_assert_fail("no row %s %s", param, index);
  return NAN;
}

static bs_csv run_sens(const char *dir, const char *name, const char *args) {
  char cmd[1024], path[512], err[512];
  snprintf(cmd, sizeof cmd, "sensitivity %s --out %s/%s -q", args, dir, name);
  char *e = NULL;
  cr_assert_eq(run_bijsim(cmd, NULL, &e), 0, "%s", e);
  free(e);
  snprintf(path, sizeof path, "%s/%s/sensitivity.csv", dir, name);
  bs_csv t;
  cr_assert_eq(bs_csv_load(path, &t, err, sizeof err), 0, "%s", err);
  return t;
}

Test(sensitivity, morris_finds_the_unread_parameter_inert, .timeout = 240) {
  char dir[64];
  tmpdir_make(dir, sizeof dir);
  bs_csv t = run_sens(dir, "m1", SMALL " --method morris --sets 2 --replications 1 --threads 1");
  cr_assert_gt(t.nrow, 150);
  cr_expect_eq(t.nrow % 3, 0);
  cr_expect_eq(index_of(&t, "clients.fraud_propensity_mean", "mu_star"), 0);
  cr_expect(isnan(index_of(&t, "inflow.initial_stock", "mu_star")));
  cr_expect_gt(index_of(&t, "outflow.job_distance_slope", "mu_star"), 0);
  bs_csv_free(&t);
  t = run_sens(dir, "m2", SMALL " --method morris --sets 2 --replications 1 --threads 2");
  bs_csv_free(&t);
  char a[256], b[256];
  snprintf(a, sizeof a, "%s/m1/sensitivity.csv", dir);
  snprintf(b, sizeof b, "%s/m2/sensitivity.csv", dir);
  char *ta = slurp(a, NULL), *tb = slurp(b, NULL);
  cr_assert(ta && tb);
  cr_expect_str_eq(ta, tb);
  free(ta);
  free(tb);
  tmpdir_remove(dir);
}

Test(sensitivity, sobol_indices_of_a_difference, .timeout = 240) {
  char dir[64];
  tmpdir_make(dir, sizeof dir);
  bs_csv t = run_sens(dir, "s",
                      SMALL " tests/data/analysis/small_variant.yaml --method sobol "
                            "--sets 4 --replications 1 --indicator "
                            "outflow_regular_work_12m");
  cr_assert_gt(t.nrow, 100);
  cr_expect_eq(t.nrow % 2, 0);
  cr_expect_eq(index_of(&t, "clients.fraud_propensity_mean", "ST"), 0);
  cr_expect_eq(index_of(&t, "clients.fraud_propensity_mean", "S1"), 0);
  /* trajectory.lock_in is the variants' difference: held, its indices NA */
  long cp = bs_csv_col(&t, "parameter"), ce = bs_csv_col(&t, "estimate");
  int held = 0;
  for (size_t r = 0; r < t.nrow; r++)
    if (!strcmp(bs_csv_get(&t, r, cp), "trajectory.lock_in")) {
      held++;
      cr_expect(isnan(bs_csv_num(&t, r, ce)), "lock_in is held: no index");
    }
  cr_expect_eq(held, 2, "lock_in listed as held (S1, ST)");
  bs_csv_free(&t);
  char path[256];
  snprintf(path, sizeof path, "%s/s/run.json", dir);
  char *js = slurp(path, NULL);
  cr_assert(js);
  cr_expect(strstr(js, "\"output\": \"outflow_regular_work_12m: small_variant - small\""), "%s",
            js);
  free(js);
  tmpdir_remove(dir);
}

Test(sensitivity, unknown_indicator) {
  char *err = NULL;
  cr_expect_eq(run_bijsim("sensitivity " SMALL " --indicator nonsense -q", NULL, &err), 2);
  cr_expect(err && strstr(err, "unknown indicator 'nonsense'"), "%s", err);
  free(err);
}
