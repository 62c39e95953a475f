/* test_uncertainty.c: `bijsim uncertainty` end to end (analysis/uncertainty.h,
 * app/cmd_uncertainty.c):
 * - a set run from a sample file is exactly `bijsim run` with those values
 *   (set 0 uses replications 0..R-1, as run does);
 * - a scenario compared with itself differs by exactly zero in every set,
 *   and its same-sign share is NA;
 * - the summary is the summary of the per-set file (mean, quantiles, share);
 * - a parameter the variants set differently is held (NA in
 *   parameter_sets.csv, "held": true and "held_because" in run.json);
 * - the output is byte-identical whatever the thread count;
 * - refusals: no ranges and no sample, sobol with too many parameters, a
 *   sample column that is not a number. */
#include "analysis/csv.h"
#include "analysis/gsa.h"
#include "test_cli_util.h"

#include <criterion/criterion.h>
#include <math.h>

#define SMALL "tests/data/analysis/small.yaml"
#define VARIANT "tests/data/analysis/small_variant.yaml"

static bs_csv load(const char *dir, const char *name) {
  char path[512], err[512];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  bs_csv t;
  cr_assert_eq(bs_csv_load(path, &t, err, sizeof err), 0, "%s", err);
  return t;
}

/* Row of (scenario, indicator) in a CSV with those columns, or -1. */
static long row_of(const bs_csv *t, const char *key_col, const char *key, const char *scen) {
  long ck = bs_csv_col(t, key_col), cs = bs_csv_col(t, "scenario");
  for (size_t r = 0; r < t->nrow; r++)
    if (!strcmp(bs_csv_get(t, r, ck), key) && (!scen || !strcmp(bs_csv_get(t, r, cs), scen)))
      return (long)r;
  return -1;
}

static void write_file(const char *path, const char *text) {
  FILE *f = fopen(path, "w");
  cr_assert(f);
  fputs(text, f);
  fclose(f);
}

Test(uncertainty, a_sample_set_is_a_run_with_those_values, .timeout = 120) {
  char dir[64], cmd[1024], sample[128];
  tmpdir_make(dir, sizeof dir);
  snprintf(sample, sizeof sample, "%s/sample.csv", dir);
  write_file(sample, "particle,trajectory.lock_in,outflow.job_rate_per_year\n0,0.4,0.5\n"
                     "1,0.8,0.7\n");
  snprintf(cmd, sizeof cmd, "uncertainty %s --sample %s --replications 3 --seed 4 --out %s/u -q",
           SMALL, sample, dir);
  cr_assert_eq(run_bijsim(cmd, NULL, NULL), 0);
  /* the same values by hand */
  char scen[128];
  snprintf(scen, sizeof scen, "%s/set0.yaml", dir);
  char text[512];
  snprintf(text, sizeof text,
           "extends: %s/" SMALL "\ntrajectory: {lock_in: 0.4}\noutflow: {job_rate_per_year: 0.5}\n",
           BIJSIM_SOURCE_DIR);
  write_file(scen, text);
  snprintf(cmd, sizeof cmd, "run %s --replications 3 --seed 4 --out %s/r -q", scen, dir);
  cr_assert_eq(run_bijsim(cmd, NULL, NULL), 0);
  char ud[128], rd[128];
  snprintf(ud, sizeof ud, "%s/u", dir);
  snprintf(rd, sizeof rd, "%s/r", dir);
  bs_csv per = load(ud, "uncertainty_sets.csv"), sum = load(rd, "summary.csv"),
         ps = load(ud, "parameter_sets.csv");
  cr_assert_eq(ps.nrow, 2);
  cr_expect_float_eq(bs_csv_num(&ps, 1, bs_csv_col(&ps, "trajectory.lock_in")), 0.8, 1e-12);
  long cm = bs_csv_col(&per, "mean"), cset = bs_csv_col(&per, "set"),
       ci = bs_csv_col(&per, "indicator");
  size_t compared = 0;
  for (size_t r = 0; r < per.nrow; r++) {
    if (strcmp(bs_csv_get(&per, r, cset), "0"))
      continue;
    long k = row_of(&sum, "indicator", bs_csv_get(&per, r, ci), NULL);
    cr_assert_geq(k, 0, "%s not in summary.csv", bs_csv_get(&per, r, ci));
    cr_expect_str_eq(bs_csv_get(&per, r, cm), bs_csv_get(&sum, (size_t)k, bs_csv_col(&sum, "mean")),
                     "%s", bs_csv_get(&per, r, ci));
    compared++;
  }
  cr_assert_gt(compared, 50);
  bs_csv_free(&per);
  bs_csv_free(&sum);
  bs_csv_free(&ps);
  tmpdir_remove(dir);
}

Test(uncertainty, itself_differs_by_zero_and_summary_matches_sets, .timeout = 120) {
  char dir[64], cmd[1024], ud[128];
  tmpdir_make(dir, sizeof dir);
  snprintf(ud, sizeof ud, "%s/u", dir);
  snprintf(cmd, sizeof cmd, "uncertainty %s %s --sets 6 --replications 2 --out %s -q", SMALL, SMALL,
           ud);
  cr_assert_eq(run_bijsim(cmd, NULL, NULL), 0);
  bs_csv per = load(ud, "uncertainty_sets.csv"), sum = load(ud, "uncertainty.csv");
  long cd = bs_csv_col(&per, "diff_mean"), cs = bs_csv_col(&per, "scenario");
  for (size_t r = 0; r < per.nrow; r++)
    if (!strcmp(bs_csv_get(&per, r, cs), "small_2")) {
      double d = bs_csv_num(&per, r, cd);
      cr_assert(isnan(d) || d == 0, "row %zu: difference %g from itself", r, d);
    }
  long k = row_of(&sum, "indicator", "langdurigheidsratio_true", "small_2");
  cr_assert_geq(k, 0);
  cr_expect_str_eq(bs_csv_get(&sum, (size_t)k, bs_csv_col(&sum, "same_sign_share")), "NA");
  /* the base row's mean, low and high are those of its six per-set means */
  k = row_of(&sum, "indicator", "langdurigheidsratio_true", "small");
  double m[6];
  size_t n = 0;
  long ci = bs_csv_col(&per, "indicator");
  for (size_t r = 0; r < per.nrow; r++)
    if (!strcmp(bs_csv_get(&per, r, cs), "small") &&
        !strcmp(bs_csv_get(&per, r, ci), "langdurigheidsratio_true"))
      m[n++] = bs_csv_num(&per, r, bs_csv_col(&per, "mean"));
  cr_assert_eq(n, 6);
  double mean = 0;
  for (size_t i = 0; i < n; i++)
    mean += m[i] / 6;
  cr_expect_float_eq(bs_csv_num(&sum, (size_t)k, bs_csv_col(&sum, "mean")), mean, 1e-9);
  cr_expect_float_eq(bs_csv_num(&sum, (size_t)k, bs_csv_col(&sum, "low")), bs_quantile(m, n, 0.025),
                     1e-9);
  cr_expect_float_eq(bs_csv_num(&sum, (size_t)k, bs_csv_col(&sum, "high")),
                     bs_quantile(m, n, 0.975), 1e-9);
  cr_expect_eq((size_t)bs_csv_num(&sum, (size_t)k, bs_csv_col(&sum, "sets")), 6);
  /* the sets differ: the ranges were drawn */
  cr_expect(m[0] != m[1] || m[1] != m[2]);
  bs_csv_free(&per);
  bs_csv_free(&sum);
  tmpdir_remove(dir);
}

Test(uncertainty, variants_keep_their_own_policy_values_and_threads_do_not_matter, .timeout = 180) {
  char dir[64], cmd[1024], scen[128];
  tmpdir_make(dir, sizeof dir);
  /* a variant that sets an uncertain parameter (p_signal_loss) differently */
  snprintf(scen, sizeof scen, "%s/lossy.yaml", dir);
  char text[512];
  snprintf(text, sizeof text,
           "extends: %s/" SMALL "\nrun: {name: lossy}\ncase_management: {model: separate, "
           "p_signal_loss: 0.3}\n",
           BIJSIM_SOURCE_DIR);
  write_file(scen, text);
  const char *threads[] = {"1", "2"};
  for (int t = 0; t < 2; t++) {
    snprintf(cmd, sizeof cmd,
             "uncertainty %s %s --sets 4 --replications 2 --threads %s --out %s/t%s -q", SMALL,
             scen, threads[t], dir, threads[t]);
    cr_assert_eq(run_bijsim(cmd, NULL, NULL), 0);
  }
  const char *files[] = {"uncertainty.csv", "uncertainty_sets.csv", "parameter_sets.csv"};
  for (int f = 0; f < 3; f++) {
    char a[256], b[256];
    snprintf(a, sizeof a, "%s/t1/%s", dir, files[f]);
    snprintf(b, sizeof b, "%s/t2/%s", dir, files[f]);
    char *ta = slurp(a, NULL), *tb = slurp(b, NULL);
    cr_assert(ta && tb);
    cr_expect_str_eq(ta, tb, "%s differs between 1 and 2 threads", files[f]);
    free(ta);
    free(tb);
  }
  char d1[128];
  snprintf(d1, sizeof d1, "%s/t1", dir);
  bs_csv ps = load(d1, "parameter_sets.csv");
  long c = bs_csv_col(&ps, "case_management.p_signal_loss");
  cr_assert_geq(c, 0);
  cr_expect_str_eq(bs_csv_get(&ps, 0, c), "NA");
  cr_expect_str_neq(bs_csv_get(&ps, 0, bs_csv_col(&ps, "case_management.p_slip")), "NA");
  bs_csv_free(&ps);
  char path[256];
  snprintf(path, sizeof path, "%s/t1/run.json", dir);
  char *js = slurp(path, NULL);
  cr_assert(js);
  const char *policy = strstr(js, "\"path\": \"case_management.p_signal_loss\"");
  cr_expect(policy && strstr(policy, "\"held\": ") == strstr(policy, "\"held\": true") &&
                strstr(policy, "\"held_because\": \"policy: the scenarios differ in it\""),
            "%s", js);
  /* small.yaml's stock of 300 lies outside the baseline's range 2000-4000 */
  const char *stock = strstr(js, "\"path\": \"inflow.initial_stock\"");
  cr_expect(stock &&
            strstr(stock, "\"held_because\": \"the scenario's value is outside the range\""));
  cr_expect_eq(count_str(js, "\"held_because\": \"policy"), 1);
  /* a boolean, never the text "no" (JSON readers take it as logical) */
  cr_expect_eq(count_str(js, "\"held\": true"), count_str(js, "\"held_because\""));
  cr_expect_gt(count_str(js, "\"held\": false"), 0);
  cr_expect_eq(count_str(js, "\"held\": \""), 0);
  free(js);
  tmpdir_remove(dir);
}

Test(uncertainty, refusals) {
  char *err = NULL;
  char dir[64], cmd[512], sample[128];
  tmpdir_make(dir, sizeof dir);
  snprintf(sample, sizeof sample, "%s/bare.yaml", dir);
  write_file(sample, "run: {name: bare, horizon_days: 730}\ninflow: {applications_per_year: 10}\n");
  snprintf(cmd, sizeof cmd, "uncertainty %s -q --out %s/o", sample, dir);
  cr_expect_eq(run_bijsim(cmd, NULL, &err), 1);
  cr_expect(err && strstr(err, "has no 'uncertainty:' section"), "%s", err);
  free(err);
  cr_expect_eq(run_bijsim("uncertainty " SMALL " --design sobol -q", NULL, &err), 2);
  cr_expect(err && strstr(err, "--design sobol takes at most 40 parameters"), "%s", err);
  free(err);
  snprintf(sample, sizeof sample, "%s/s.csv", dir);
  write_file(sample, "trajectory.lock_in\n0.4\nmuch\n");
  snprintf(cmd, sizeof cmd, "uncertainty %s --sample %s --out %s/o -q", SMALL, sample, dir);
  cr_expect_eq(run_bijsim(cmd, NULL, &err), 1);
  cr_expect(err && strstr(err, "s.csv:3: column trajectory.lock_in: 'much' is not a number"), "%s",
            err);
  free(err);
  write_file(sample, "trajectory.lock_inn\n0.4\n0.5\n");
  cr_expect_eq(run_bijsim(cmd, NULL, &err), 1);
  cr_expect(err && strstr(err, "parameter 'trajectory.lock_inn' is not a key of scenario 'small'"),
            "%s", err);
  free(err);
  snprintf(cmd, sizeof cmd, "%s/o", dir);
  cr_expect_lt(dir_entries(cmd), 1, "output left behind");
  tmpdir_remove(dir);
}
