/* test_compare.c: pins down the paired comparison of variants
 * (analysis/compare.h, `bijsim compare`):
 * - common random numbers make the variance of the paired differences far
 *   smaller than var(base) + var(variant) of independent runs, so the paired
 *   interval is narrower than an unpaired one;
 * - a scenario compared with itself differs by exactly zero everywhere;
 * - compare.csv has the documented columns, one row per indicator and scenario;
 * - --precision adds batches of replications until the paired interval is
 *   as narrow as asked: it stops at the first batch that reaches it, gives
 *   the bytes of a plain run with as many replications whatever --threads,
 *   stops at --max-replications when the width cannot be reached (and the
 *   report warns), and refuses a bad request before anything runs;
 * - scenarios extended by more replications equal one run of them all. */
#include "analysis/compare.h"
#include "analysis/indicators.h"
#include "analysis/stats.h"
#include "test_cli_util.h"
#include "test_run_util.h"

#include <criterion/criterion.h>
#include <jansson.h>
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

/* ---------------------------------------------------------------- precision */

/* The file DIR/NAME (asserted to exist). */
static char *file_of(const char *dir, const char *name) {
  char path[256];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  char *text = slurp(path, NULL);
  cr_assert(text, "no %s", path);
  return text;
}

/* The half-width of the paired interval of IND for the variant in compare.csv. */
static double half_width(const char *csv, const char *ind, const char *scen) {
  char key[160], lo[64], hi[64];
  snprintf(key, sizeof key, "\n%s,%s,", ind, scen);
  const char *row = strstr(csv, key);
  cr_assert(row, "no row %s", key + 1);
  field(row + 1, 6, lo, sizeof lo);
  field(row + 1, 7, hi, sizeof hi);
  return (atof(hi) - atof(lo)) / 2;
}

static json_t *run_json(const char *dir) {
  char *text = file_of(dir, "run.json");
  json_t *doc = json_loads(text, 0, NULL);
  free(text);
  cr_assert(doc);
  return doc;
}

Test(compare, precision_stops_at_the_first_batch_that_is_narrow_enough, .timeout = 300) {
  char dir[64], plain[64], less[64], threads[64], args[600];
  const double w = 0.012; /* half-width asked: 1.2 percentage points */
  tmpdir_make(dir, sizeof dir);
  snprintf(args, sizeof args,
           "compare %s %s --replications 4 --precision langdurigheidsratio_true=%g "
           "--max-replications 80 --threads 1 --out %s -q",
           SMALL, VARIANT, w, dir);
  cr_assert_eq(run_bijsim(args, NULL, NULL), 0, "%s", args);
  json_t *doc = run_json(dir);
  size_t R = (size_t)json_integer_value(json_object_get(doc, "replications"));
  json_t *pr = json_object_get(doc, "precision");
  cr_assert(json_is_true(json_object_get(pr, "reached")));
  cr_assert_eq(json_integer_value(json_object_get(pr, "batch")), 4);
  cr_assert_eq(json_integer_value(json_object_get(pr, "max_replications")), 80);
  cr_assert_eq(R % 4, 0, "batches of 4, got %zu", R);
  cr_assert_gt(R, 4, "the first batch was enough: the test asks too little (%zu)", R);
  cr_assert_lt(R, 80);
  char *csv = file_of(dir, "compare.csv");
  double got = half_width(csv, "langdurigheidsratio_true", "small_variant");
  cr_assert_leq(got, w);
  json_t *ind = json_array_get(json_object_get(pr, "indicators"), 0);
  cr_assert_str_eq(json_string_value(json_object_get(ind, "indicator")),
                   "langdurigheidsratio_true");
  cr_assert_float_eq(json_real_value(json_object_get(ind, "achieved")), got, 1e-9);
  json_decref(doc);
  /* one batch fewer was not narrow enough */
  tmpdir_make(less, sizeof less);
  snprintf(args, sizeof args, "compare %s %s --replications %zu --out %s -q", SMALL, VARIANT, R - 4,
           less);
  cr_assert_eq(run_bijsim(args, NULL, NULL), 0);
  char *csv_less = file_of(less, "compare.csv");
  cr_assert_gt(half_width(csv_less, "langdurigheidsratio_true", "small_variant"), w);
  /* the same bytes as a plain run with R replications, and on 2 threads */
  tmpdir_make(plain, sizeof plain);
  snprintf(args, sizeof args, "compare %s %s --replications %zu --out %s -q", SMALL, VARIANT, R,
           plain);
  cr_assert_eq(run_bijsim(args, NULL, NULL), 0);
  tmpdir_make(threads, sizeof threads);
  snprintf(args, sizeof args,
           "compare %s %s --replications 4 --precision langdurigheidsratio_true=%g "
           "--max-replications 80 --threads 2 --out %s -q",
           SMALL, VARIANT, w, threads);
  cr_assert_eq(run_bijsim(args, NULL, NULL), 0);
  static const char *const files[] = {"compare.csv", "summary.csv", "indicators.csv",
                                      "survival.csv", "stock.csv"};
  for (size_t k = 0; k < sizeof files / sizeof files[0]; k++) {
    char *a = file_of(dir, files[k]), *b = file_of(plain, files[k]),
         *c = file_of(threads, files[k]);
    cr_expect_str_eq(a, b, "%s differs from a plain run of %zu replications", files[k], R);
    cr_expect_str_eq(a, c, "%s differs between 1 and 2 threads", files[k]);
    free(a);
    free(b);
    free(c);
  }
  free(csv);
  free(csv_less);
  tmpdir_remove(dir);
  tmpdir_remove(less);
  tmpdir_remove(plain);
  tmpdir_remove(threads);
}

Test(compare, precision_out_of_reach_stops_at_the_maximum_and_warns, .timeout = 120) {
  char dir[64], args[600];
  tmpdir_make(dir, sizeof dir);
  snprintf(
      args, sizeof args,
      "compare %s %s --replications 3 --precision sluitingsratio_true=1e-6,median_spell_days=500 "
      "--max-replications 7 --out %s --report",
      SMALL, VARIANT, dir);
  char *err = NULL;
  cr_assert_eq(run_bijsim(args, NULL, &err), 0, "%s", err);
  cr_assert(strstr(err, "precision not reached within 7 replications: sluitingsratio_true"), "%s",
            err);
  cr_assert_null(strstr(err, "median_spell_days half-width"), "that one was reached: %s", err);
  free(err);
  json_t *doc = run_json(dir);
  cr_assert_eq(json_integer_value(json_object_get(doc, "replications")), 7, "3 + 3 + 1");
  cr_assert(json_is_false(json_object_get(json_object_get(doc, "precision"), "reached")));
  json_decref(doc);
  char *html = file_of(dir, "report.html");
  cr_assert(strstr(html, "The requested precision was not reached"));
  cr_assert(strstr(html, "Replications were added in batches of 3 (at most 7)"));
  free(html);
  tmpdir_remove(dir);
}

Test(compare, bad_precision_is_refused_before_anything_runs) {
  static const struct {
    const char *opts, *want;
  } cases[] = {
      {"--precision langdurigheids_ratio_true=0.01",
       "unknown indicator 'langdurigheids_ratio_true' (did you mean 'langdurigheidsratio_true'?)"},
      {"--precision langdurigheidsratio_true=0", "the half-width must be a positive number"},
      {"--precision langdurigheidsratio_true=abc", "the half-width must be a positive number"},
      {"--precision langdurigheidsratio_true", "expects INDICATOR=HALF_WIDTH"},
      {"--max-replications 50", "--max-replications goes with --precision"},
      {"--replications 20 --precision X_true=1 --max-replications 10",
       "--max-replications 10 is below --replications 20"},
      {"--precision X_true=1 --records", "--precision does not go with --records"},
  };
  for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
    char dir[64], out[128], args[600];
    tmpdir_make(dir, sizeof dir);
    snprintf(out, sizeof out, "%s/out", dir);
    snprintf(args, sizeof args, "compare %s %s %s --out %s", SMALL, VARIANT, cases[k].opts, out);
    char *err = NULL;
    cr_expect_eq(run_bijsim(args, NULL, &err), 2, "%s", cases[k].opts);
    cr_expect(err && strstr(err, cases[k].want), "%s: %s", cases[k].opts, err);
    cr_expect_eq(count_lines(err), 1, "one line: %s", err);
    cr_expect_eq(dir_entries(out), -1, "%s: nothing written", cases[k].opts);
    free(err);
    tmpdir_remove(dir);
  }
}

/* The function --precision rests on: R + more replications in two steps are
 * one run of R + more, record for record. */
Test(compare, extended_runs_equal_one_run, .timeout = 120) {
  bs_scenario_run *s = calloc(2, sizeof *s);
  cr_assert(s);
  execute(SMALL, 5, 3, &s[0]);
  execute(SMALL, 5, 5, &s[1]);
  bs_run_opts o = {.seed = 5, .replications = 2, .threads = 2};
  char err[256];
  cr_assert_eq(bs_scenario_extend(&s[0], &o, 2, err, sizeof err), 0, "%s", err);
  cr_assert_eq(s[0].res.replications, 5);
  cr_assert_eq(memcmp(s[0].ext, s[1].ext, 5 * s[0].next * sizeof *s[0].ext), 0);
  cr_assert_eq(memcmp(s[0].res.values, s[1].res.values, 5 * s[0].res.nind * sizeof(double)), 0);
  for (size_t k = 0; k < 5; k++) {
    cr_assert_eq(s[0].res.cohort_n[k], s[1].res.cohort_n[k]);
    cr_assert_eq(memcmp(s[0].res.cohorts[k], s[1].res.cohorts[k],
                        s[0].res.cohort_n[k] * sizeof(bs_cohort_rec)),
                 0, "replication %zu's cohort", k);
    cr_assert_eq(s[0].res.stocks_n[k], s[1].res.stocks_n[k]);
  }
  bs_scenario_free(&s[0]);
  bs_scenario_free(&s[1]);
  free(s);
}
