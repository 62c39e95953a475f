/* test_compare.c: pins down the paired comparison of variants
 * (analysis/compare.h, `bijsim compare`):
 * - common random numbers make the variance of the paired differences far
 *   smaller than var(base) + var(variant) of independent runs, so the paired
 *   interval is narrower than an unpaired one;
 * - a scenario compared with itself differs by exactly zero everywhere;
 * - compare.csv has the documented columns, one row per indicator and scenario. */
#include "analysis/compare.h"
#include "analysis/indicators.h"
#include "analysis/stats.h"
#include "test_cli_util.h"
#include "test_run_util.h"

#include <criterion/criterion.h>
#include <math.h>

#define SMALL "tests/data/analysis/small.yaml"
#define VARIANT "tests/data/analysis/small_variant.yaml"

static double column_var(const bs_scenario_run *s, long i) {
  return bs_variance(s->ext + i, s->res.replications, s->next);
}

Test(compare, pairing_reduces_variance, .timeout = 120) {
  enum { R = 16 };
  bs_scenario_run *s = calloc(3, sizeof *s);
  cr_assert(s);
  execute(SMALL, 7, R, &s[0]);   /* base */
  execute(VARIANT, 7, R, &s[1]); /* variant, same persons (CRN) */
  execute(VARIANT, 8, R, &s[2]); /* variant, independent seed */
  const char *inds[] = {"langdurigheidsratio_true", "outflow_regular_work_12m"};
  for (size_t k = 0; k < 2; k++) {
    long i = bs_ext_index(inds[k]);
    cr_assert_geq(i, 0);
    bs_summary paired, unpaired;
    bs_compare_diff(&s[0], &s[1], (size_t)i, &paired);
    bs_compare_diff(&s[0], &s[2], (size_t)i, &unpaired);
    double var_paired = paired.sd * paired.sd;
    double var_indep = column_var(&s[0], i) + column_var(&s[2], i);
    cr_log_info("%s: var paired %.3g, var(base) + var(variant, independent) %.3g; CI half-width "
                "paired %.3g, unpaired %.3g",
                inds[k], var_paired, var_indep, (paired.ci_high - paired.ci_low) / 2,
                (unpaired.ci_high - unpaired.ci_low) / 2);
    /* Common random numbers share most of the noise: the paired variance is
     * a small fraction of the independent one (measured ~5-15%; the bound
     * leaves room for the sampling error of variances from 16 runs). */
    cr_assert_lt(var_paired, 0.5 * var_indep, "%s: pairing did not reduce the variance", inds[k]);
    cr_assert_lt(paired.ci_high - paired.ci_low, unpaired.ci_high - unpaired.ci_low,
                 "%s: the paired interval is not narrower", inds[k]);
  }
  for (int k = 0; k < 3; k++)
    bs_scenario_free(&s[k]);
  free(s);
}

Test(compare, unique_labels) {
  bs_scenario_run *s = calloc(4, sizeof *s);
  cr_assert(s);
  const char *names[] = {"a", "a", "b", "a"};
  for (int k = 0; k < 4; k++)
    snprintf(s[k].label, sizeof s[k].label, "%s", names[k]);
  bs_scenario_unique_labels(s, 4);
  cr_assert_str_eq(s[0].label, "a");
  cr_assert_str_eq(s[1].label, "a_2");
  cr_assert_str_eq(s[2].label, "b");
  cr_assert_str_eq(s[3].label, "a_3");
  free(s);
}

Test(compare, scenario_against_itself_is_exactly_zero, .timeout = 120) {
  char dir[64], args[512], path[256];
  tmpdir_make(dir, sizeof dir);
  snprintf(args, sizeof args, "compare %s %s --replications 4 --threads 2 --out %s --quiet", SMALL,
           SMALL, dir);
  char *err = NULL;
  cr_assert_eq(run_bijsim(args, NULL, &err), 0, "compare failed: %s", err);
  free(err);
  snprintf(path, sizeof path, "%s/compare.csv", dir);
  char *csv = slurp(path, NULL);
  cr_assert(csv, "no compare.csv");
  const char *header = "indicator,scenario,mean,ci_low,ci_high,diff_mean,diff_ci_low,"
                       "diff_ci_high,excludes_zero,diff_sd,pairs\n";
  cr_assert(!strncmp(csv, header, strlen(header)), "header: %.120s", csv);
  size_t rows = 0, variant_rows = 0;
  for (char *line = strchr(csv, '\n') + 1; *line; line = strchr(line, '\n') + 1) {
    char scen[64], dm[64], ex[16];
    field(line, 1, scen, sizeof scen);
    field(line, 5, dm, sizeof dm);
    field(line, 8, ex, sizeof ex);
    rows++;
    if (!strcmp(scen, "small_2")) { /* the same file twice: the second gets a suffix */
      variant_rows++;
      cr_assert(!strcmp(dm, "0") || !strcmp(dm, "NA"), "diff %s in: %.80s", dm, line);
      cr_assert(!strcmp(ex, "false") || !strcmp(ex, "NA"), "a zero difference excludes zero: %.80s",
                line);
    } else {
      cr_assert_str_eq(scen, "small");
      cr_assert_str_eq(dm, "NA", "the base has no difference");
    }
  }
  cr_assert_eq(variant_rows, bs_ext_count());
  cr_assert_eq(rows, 2 * bs_ext_count());
  free(csv);
  static const char *files[] = {"summary.csv", "indicators.csv", "survival.csv", "flow.csv",
                                "run.json"};
  for (size_t k = 0; k < sizeof files / sizeof files[0]; k++) {
    snprintf(path, sizeof path, "%s/%s", dir, files[k]);
    cr_assert_eq(access(path, R_OK), 0, "missing %s", files[k]);
  }
  tmpdir_remove(dir);
}

Test(compare, variant_difference_is_found, .timeout = 120) {
  char dir[64], args[512], path[256];
  tmpdir_make(dir, sizeof dir);
  snprintf(args, sizeof args, "compare %s %s --replications 8 --out %s --quiet", SMALL, VARIANT,
           dir);
  cr_assert_eq(run_bijsim(args, NULL, NULL), 0);
  snprintf(path, sizeof path, "%s/compare.csv", dir);
  char *csv = slurp(path, NULL);
  cr_assert(csv);
  /* stronger lock-in keeps people on benefit longer: the long-term share rises */
  char *row = strstr(csv, "\nlangdurigheidsratio_true,small_variant,");
  cr_assert(row, "no variant row");
  char dm[64], ex[16];
  field(row + 1, 5, dm, sizeof dm);
  field(row + 1, 8, ex, sizeof ex);
  cr_assert_gt(atof(dm), 0, "lock-in 0.3 should raise the long-term share, diff %s", dm);
  cr_assert_str_eq(ex, "true", "a boolean as true/false (read as logical by R and pandas)");
  free(csv);
  tmpdir_remove(dir);
}
