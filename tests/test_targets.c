/* test_targets.c: observed figures declared under `targets:` in a scenario
 * (analysis/targets.h):
 * - the verdict of a mean and interval against a range, case by case;
 * - `run` writes targets.csv whose numbers are exactly summary.csv's, with
 *   the verdict that follows from them; a scenario without targets writes no
 *   targets.csv; `compare` writes the rows of every scenario;
 * - the report shows them in its own section.
 * (A target naming an unknown indicator, a reversed range or a missing
 * observed value are in the bad-input catalogue, test_bad_inputs.c.) */
#include "analysis/targets.h"
#include "test_cli_util.h"

#include <criterion/criterion.h>
#include <math.h>

#define G3 BIJSIM_SOURCE_DIR "/scenarios/gemeente3_2002.yaml"
#define G1 BIJSIM_SOURCE_DIR "/scenarios/gemeente1_2002.yaml"

static bs_summary sm(double mean, double lo, double hi) {
  return (bs_summary){.mean = mean, .sd = 0, .n = 2, .ci_low = lo, .ci_high = hi};
}

Test(targets, verdicts) {
  bs_summary s;
  s = sm(0.70, 0.69, 0.705);
  cr_expect_eq(bs_target_judge(&s, 0.68, 0.71), BS_TARGET_INSIDE);
  s = sm(0.70, 0.68, 0.71); /* the ends belong to the range */
  cr_expect_eq(bs_target_judge(&s, 0.68, 0.71), BS_TARGET_INSIDE);
  s = sm(0.689, 0.674, 0.704);
  cr_expect_eq(bs_target_judge(&s, 0.68, 0.71), BS_TARGET_MEAN_INSIDE);
  s = sm(0.70, 0.69, 0.72);
  cr_expect_eq(bs_target_judge(&s, 0.68, 0.71), BS_TARGET_MEAN_INSIDE);
  s = sm(0.66, 0.65, 0.67);
  cr_expect_eq(bs_target_judge(&s, 0.68, 0.71), BS_TARGET_OUTSIDE);
  s = sm(0.72, 0.70, 0.74);
  cr_expect_eq(bs_target_judge(&s, 0.68, 0.71), BS_TARGET_OUTSIDE);
  s = sm(0.70, NAN, NAN); /* one replication: the mean alone */
  cr_expect_eq(bs_target_judge(&s, 0.68, 0.71), BS_TARGET_MEAN_INSIDE);
  s = sm(NAN, NAN, NAN);
  cr_expect_eq(bs_target_judge(&s, 0.68, 0.71), BS_TARGET_UNDEFINED);
  cr_expect_str_eq(bs_target_verdict_name(BS_TARGET_INSIDE), "interval_inside");
  cr_expect_str_eq(bs_target_verdict_name(BS_TARGET_MEAN_INSIDE), "mean_inside");
  cr_expect_str_eq(bs_target_verdict_name(BS_TARGET_OUTSIDE), "outside");
}

/* Field k of a CSV line (test_cli_util.h), which must be there. */
static void must_field(const char *line, int k, char *buf, size_t len) {
  cr_assert(field(line, k, buf, len), "line has no field %d (or it is too long)", k);
}

/* The summary.csv line of scenario,indicator. */
static const char *summary_line(const char *summary, const char *scen, const char *ind) {
  char pat[160];
  snprintf(pat, sizeof pat, "\n%s,%s,", scen, ind);
  const char *p = strstr(summary, pat);
  cr_assert(p, "summary.csv has no %s,%s", scen, ind);
  return p + 1;
}

/* Every targets.csv row agrees with summary.csv and has the right verdict;
 * returns the number of rows. */
static size_t check_rows(const char *dir) {
  char path[256];
  snprintf(path, sizeof path, "%s/targets.csv", dir);
  char *tg = slurp(path, NULL);
  cr_assert(tg, "no targets.csv");
  snprintf(path, sizeof path, "%s/summary.csv", dir);
  char *su = slurp(path, NULL);
  cr_assert(su);
  static const char header[] =
      "scenario,indicator,observed,low,high,mean,ci_low,ci_high,verdict,source\n";
  cr_assert(!strncmp(tg, header, sizeof header - 1), "targets.csv header");
  size_t rows = 0;
  for (const char *line = strchr(tg, '\n') + 1; *line; line = strchr(line, '\n') + 1) {
    char scen[64], ind[64], lo[32], hi[32], m[32], cl[32], ch[32], verdict[32], s[32];
    must_field(line, 0, scen, sizeof scen);
    must_field(line, 1, ind, sizeof ind);
    must_field(line, 3, lo, sizeof lo);
    must_field(line, 4, hi, sizeof hi);
    must_field(line, 5, m, sizeof m);
    must_field(line, 6, cl, sizeof cl);
    must_field(line, 7, ch, sizeof ch);
    must_field(line, 8, verdict, sizeof verdict);
    const char *sl = summary_line(su, scen, ind);
    must_field(sl, 2, s, sizeof s);
    cr_expect_str_eq(m, s, "%s %s: mean", scen, ind);
    must_field(sl, 5, s, sizeof s);
    cr_expect_str_eq(cl, s, "%s %s: ci_low", scen, ind);
    must_field(sl, 6, s, sizeof s);
    cr_expect_str_eq(ch, s, "%s %s: ci_high", scen, ind);
    bs_summary x = sm(atof(m), atof(cl), atof(ch));
    cr_expect_str_eq(verdict, bs_target_verdict_name(bs_target_judge(&x, atof(lo), atof(hi))),
                     "%s %s", scen, ind);
    rows++;
  }
  free(su);
  free(tg);
  return rows;
}

Test(targets, run_writes_targets_csv_from_the_summary, .timeout = 120) {
  char dir[64], args[512], path[256];
  tmpdir_make(dir, sizeof dir);
  snprintf(args, sizeof args, "run %s --replications 10 --out %s --quiet", G3, dir);
  cr_assert_eq(run_bijsim(args, NULL, NULL), 0);
  cr_expect_eq(check_rows(dir), 15, "gemeente3_2002 declares 15 targets");
  snprintf(args, sizeof args, "report %s", dir);
  cr_assert_eq(run_bijsim(args, NULL, NULL), 0);
  snprintf(path, sizeof path, "%s/report.html", dir);
  char *html = slurp(path, NULL);
  cr_assert(html);
  cr_expect(strstr(html, "<section id=\"targets\">"), "no targets section in the report");
  cr_expect(strstr(html, "003 table 5.2: local 71%"), "target source not shown");
  free(html);
  tmpdir_remove(dir);
}

Test(targets, no_targets_no_file, .timeout = 120) {
  char dir[64], args[512], path[256];
  tmpdir_make(dir, sizeof dir);
  snprintf(args, sizeof args, "run %s/scenarios/baseline.yaml --out %s --quiet", BIJSIM_SOURCE_DIR,
           dir);
  cr_assert_eq(run_bijsim(args, NULL, NULL), 0);
  snprintf(path, sizeof path, "%s/targets.csv", dir);
  cr_expect_neq(access(path, F_OK), 0, "a scenario without targets wrote targets.csv");
  snprintf(args, sizeof args, "report %s", dir);
  cr_assert_eq(run_bijsim(args, NULL, NULL), 0);
  snprintf(path, sizeof path, "%s/report.html", dir);
  char *html = slurp(path, NULL);
  cr_assert(html);
  cr_expect_null(strstr(html, "<section id=\"targets\">"));
  free(html);
  tmpdir_remove(dir);
}

Test(targets, compare_writes_the_targets_of_every_scenario, .timeout = 120) {
  char dir[64], args[512];
  tmpdir_make(dir, sizeof dir);
  snprintf(args, sizeof args, "compare %s %s --replications 4 --out %s --quiet", G3, G1, dir);
  cr_assert_eq(run_bijsim(args, NULL, NULL), 0);
  cr_expect_eq(check_rows(dir), 15 + 16, "15 and 16 targets");
  tmpdir_remove(dir);
}
