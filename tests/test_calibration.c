/* test_calibration.c: the calibrated scenarios against the seed's cohort
 * figures (003 ch.5 and annex 3; docs/calibration.md), and the direction of
 * integral vs separate case management shown in the README.
 *
 * Tolerances come from the sample size, never from tuning:
 * - an expected value (mean of R replications) is compared with a target
 *   range: the estimate must lie inside it, and the range must be more than
 *   the estimate's own 4 standard errors wide on the side it is near, or the
 *   check would only test noise (docs/calibration.md, "How the tests check");
 * - a single observed cohort count or ratio (X, Y, Z, A, A/Z) is one draw from the
 *   municipality's own noise, so the simulated mean must lie within 2
 *   per-replication standard deviations of it (the observation inside the
 *   model's 95% band for one cohort);
 * - the variance of the sluitingsratio is compared with the binomial variance
 *   A/Z would have if every obligated client's offer were an independent
 *   draw, within 4 standard errors of a variance ratio (sqrt(2/(R-1))). */
#include "analysis/compare.h"
#include "analysis/scenario.h"
#include "analysis/stats.h"
#include "test_cli_util.h"
#include "test_run_util.h"

#include <criterion/criterion.h>
#include <math.h>

#define SCEN(f) BIJSIM_SOURCE_DIR "/scenarios/" f
#define G3 SCEN("gemeente3_2002.yaml")
#define G1 SCEN("gemeente1_2002.yaml")
#define G2 SCEN("gemeente2_2002.yaml")

static bs_summary summary_of(const bs_scenario_run *s, const char *name) {
  long i = bs_ext_index(name);
  cr_assert_geq(i, 0, "no indicator %s", name);
  bs_summary out;
  bs_summarise(s->ext + i, s->res.replications, s->next, &out);
  return out;
}

static double value_at(const bs_scenario_run *s, size_t rep, const char *name) {
  long i = bs_ext_index(name);
  cr_assert_geq(i, 0, "no indicator %s", name);
  return s->ext[rep * s->next + (size_t)i];
}

/* The expected value of name lies in [lo, hi], by a margin of 4 SE. */
static void expect_in_range(const bs_scenario_run *s, const char *name, double lo, double hi) {
  bs_summary m = summary_of(s, name);
  double se = m.sd / sqrt((double)m.n);
  cr_log_info("%s: %.4f (SE %.4f), target range [%.3f, %.3f]", name, m.mean, se, lo, hi);
  cr_expect(m.mean - 4 * se >= lo && m.mean + 4 * se <= hi,
            "%s: expected value %.4f (SE %.4f) is not inside [%.3f, %.3f] by 4 SE", name, m.mean,
            se, lo, hi);
}

/* One observed cohort count lies within 2 per-replication SD of the mean. */
static void expect_near_observation(const bs_scenario_run *s, const char *name, double observed) {
  bs_summary m = summary_of(s, name);
  cr_log_info("%s: %.4g (sd %.3g), observed %.4g", name, m.mean, m.sd, observed);
  cr_expect(fabs(m.mean - observed) <= 2 * m.sd,
            "%s: simulated %.4g (sd %.3g per cohort) is too far from the observed %.4g", name,
            m.mean, m.sd, observed);
}

/* Why a 50-replication interval of the true sluitingsratio is about as wide
 * as the whole 68-71% range: with Z ~ 70 the ratio is a binomial share, and
 * the model adds no noise of its own on top of that. */
static void expect_binomial_noise(const bs_scenario_run *s) {
  size_t R = s->res.replications;
  bs_summary S = summary_of(s, "sluitingsratio_true");
  double binom = 0; /* E[S(1-S)/Z], the binomial variance given Z */
  size_t n = 0;
  for (size_t r = 0; r < R; r++) {
    double z = value_at(s, r, "Z_true"), a = value_at(s, r, "A_true");
    if (z > 1) {
      double p = a / z;
      binom += p * (1 - p) / (z - 1);
      n++;
    }
  }
  binom /= (double)n;
  double ratio = S.sd * S.sd / binom, se = sqrt(2.0 / (double)(R - 1));
  cr_log_info("var(sluitingsratio) %.5f, binomial %.5f, ratio %.3f (SE %.3f)", S.sd * S.sd, binom,
              ratio, se);
  cr_expect(fabs(ratio - 1) <= 4 * se, "variance ratio %.3f is not 1 within 4 SE (%.3f)", ratio,
            se);
  /* and so the half-width of a 50-replication interval is ~0.016 or more */
  double hw50 = bs_t_quantile(BS_CI_LEVEL, 49) * sqrt(binom) / sqrt(50.0);
  cr_expect_gt(hw50, 0.014, "binomial half-width at 50 replications %.4f", hw50);
}

/* Gemeente 3 (003 table B 3.1): 433 inflow, 233 long-term, 70 obligated, 50
 * with an offer; local range over three municipalities langdurig 49-55%,
 * sluiting 68-71%; the monitor showed 23%. Calibration seed 777, as in
 * docs/calibration.md. One run of 400 replications serves the expected
 * values and the noise check. */
Test(calibration, gemeente3_expected_values_and_binomial_noise, .timeout = 300) {
  enum { R = 400 };
  bs_scenario_run *s = calloc(1, sizeof *s);
  cr_assert(s);
  execute(G3, 777, R, s);
  expect_near_observation(s, "X_true", 433);
  expect_near_observation(s, "Y_true", 233);
  expect_near_observation(s, "Z_true", 70);
  expect_near_observation(s, "A_true", 50);
  expect_in_range(s, "langdurigheidsratio_true", 0.49, 0.55);
  expect_in_range(s, "sluitingsratio_true", 0.68, 0.71);
  /* the administration sees far fewer offers: the monitor's 23% (+/- 5 points) */
  expect_in_range(s, "sluitingsratio_registered", 0.18, 0.28);
  bs_summary reg = summary_of(s, "sluitingsratio_registered");
  bs_summary tru = summary_of(s, "sluitingsratio_true");
  cr_expect_lt(reg.ci_high, tru.ci_low - 0.2, "registered %.3f is not clearly below true %.3f",
               reg.mean, tru.mean);
  expect_binomial_noise(s);
  bs_scenario_free(s);
  free(s);
}

/* The command, exactly as in docs/calibration.md: the interval of the
 * langdurigheidsratio lies inside 49-55% and the registered sluitingsratio is
 * clearly below the true one. */
Test(calibration, gemeente3_the_documented_command, .timeout = 300) {
  char dir[64], args[512], path[256];
  tmpdir_make(dir, sizeof dir);
  snprintf(args, sizeof args, "run %s --replications 50 --out %s --quiet", G3, dir);
  cr_assert_eq(run_bijsim(args, NULL, NULL), 0);
  snprintf(path, sizeof path, "%s/summary.csv", dir);
  char *csv = slurp(path, NULL);
  cr_assert(csv);
  double lo[3], hi[3], mean[3];
  const char *rows[3] = {"\ngemeente3_2002,langdurigheidsratio_true,",
                         "\ngemeente3_2002,sluitingsratio_true,",
                         "\ngemeente3_2002,sluitingsratio_registered,"};
  for (int k = 0; k < 3; k++) {
    char *row = strstr(csv, rows[k]);
    cr_assert(row, "no row %s", rows[k] + 1);
    double sd;
    int n;
    cr_assert_eq(
        sscanf(row + strlen(rows[k]), "%lf,%lf,%d,%lf,%lf", &mean[k], &sd, &n, &lo[k], &hi[k]), 5);
    cr_assert_eq(n, 50);
  }
  cr_expect(lo[0] >= 0.49 && hi[0] <= 0.55, "langdurigheidsratio [%.4f, %.4f]", lo[0], hi[0]);
  cr_expect_lt(hi[2], lo[1] - 0.2, "registered [%.3f, %.3f] vs true [%.3f, %.3f]", lo[2], hi[2],
               lo[1], hi[1]);
  free(csv);
  tmpdir_remove(dir);
}

/* Gemeente 1 (003 annex B 3.1): 872 inflow, 477 long-term, 164 obligated
 * really and 231 on paper, 111 with an offer (68%); monitor 44%. */
Test(calibration, gemeente1_expected_values, .timeout = 300) {
  enum { R = 400 };
  bs_scenario_run *s = calloc(1, sizeof *s);
  cr_assert(s);
  execute(G1, 777, R, s);
  expect_near_observation(s, "X_true", 872);
  expect_near_observation(s, "Y_true", 477);
  expect_near_observation(s, "Z_true", 164);
  expect_near_observation(s, "Z_registered", 231);
  expect_near_observation(s, "A_true", 111);
  expect_in_range(s, "langdurigheidsratio_true", 0.49, 0.55);
  expect_in_range(s, "sluitingsratio_true", 0.68, 0.71);
  /* the monitor's 44% */
  expect_in_range(s, "sluitingsratio_registered", 0.39, 0.49);
  bs_summary zr = summary_of(s, "Z_registered"), zt = summary_of(s, "Z_true");
  cr_expect_gt(zr.ci_low, zt.ci_high, "stale exemption flags: Z on paper > Z really");
  bs_summary reg = summary_of(s, "sluitingsratio_registered");
  bs_summary tru = summary_of(s, "sluitingsratio_true");
  cr_expect_lt(reg.ci_high, tru.ci_low, "registered %.3f not below true %.3f", reg.mean, tru.mean);
  bs_scenario_free(s);
  free(s);
}

/* Gemeente 2 (003 annex B3.2): 218 obligated long-term, 154 with an offer
 * (71%); table 5.2: local langdurig 49%, the monitor's sluiting 42%. */
Test(calibration, gemeente2_expected_values, .timeout = 300) {
  enum { R = 400 };
  bs_scenario_run *s = calloc(1, sizeof *s);
  cr_assert(s);
  execute(G2, 777, R, s);
  expect_near_observation(s, "Z_true", 218);
  expect_near_observation(s, "A_true", 154);
  expect_in_range(s, "langdurigheidsratio_true", 0.49, 0.55);
  expect_in_range(s, "sluitingsratio_true", 0.68, 0.71);
  expect_in_range(s, "sluitingsratio_registered", 0.37, 0.47);
  bs_scenario_free(s);
  free(s);
}

/* The scenarios fitted by `bijsim calibrate` (bench/gemeenteN_calibrate.yaml,
 * posterior means in scenarios/gemeenteN_2002_fitted.yaml; docs/calibration.md):
 * every target the calibration fitted, by the same rules as the hand
 * calibration's above (a ratio's expected value inside its range by 4 SE, an
 * observed count within 2 per-replication sd), at 400 replications on seed
 * 777 (not the calibration's seed 1). The targets the calibration excluded
 * (out of the model's reach) are not held. */
typedef struct {
  const char *name;
  double lo, hi; /* a ratio's range; for a count lo is the observed value, hi NAN */
} fitted_target;

static void expect_fitted(const char *path, const fitted_target *t, size_t n) {
  enum { R = 400 };
  bs_scenario_run *s = calloc(1, sizeof *s);
  cr_assert(s);
  execute(path, 777, R, s);
  for (size_t k = 0; k < n; k++)
    if (isnan(t[k].hi))
      expect_near_observation(s, t[k].name, t[k].lo);
    else
      expect_in_range(s, t[k].name, t[k].lo, t[k].hi);
  bs_scenario_free(s);
  free(s);
}

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

Test(calibration, gemeente3_fitted_every_fitted_target, .timeout = 300) {
  static const fitted_target t[] = {{"langdurigheidsratio_true", 0.49, 0.55},
                                    {"sluitingsratio_true", 0.68, 0.71},
                                    {"complianceratio_registered", 0.53, 0.63},
                                    {"langdurigheidsratio_registered", 0.53, 0.63},
                                    {"sluitingsratio_registered", 0.18, 0.28},
                                    {"X_true", 433, NAN},
                                    {"Y_true", 233, NAN},
                                    {"Z_true", 70, NAN},
                                    {"A_true", 50, NAN},
                                    {"B_true", 20, NAN},
                                    {"exempt_categorical_365", 153, NAN},
                                    {"exempt_individual_365", 10, NAN}};
  expect_fitted(SCEN("gemeente3_2002_fitted.yaml"), t, N_OF(t));
}

Test(calibration, gemeente1_fitted_every_fitted_target, .timeout = 300) {
  static const fitted_target t[] = {{"langdurigheidsratio_true", 0.49, 0.55},
                                    {"sluitingsratio_true", 0.68, 0.71},
                                    {"complianceratio_registered", 0.60, 0.70},
                                    {"langdurigheidsratio_registered", 0.46, 0.56},
                                    {"sluitingsratio_registered", 0.39, 0.49},
                                    {"uitstroomratio_met_traject_registered", 0.08, 0.18},
                                    {"X_true", 872, NAN},
                                    {"Y_true", 477, NAN},
                                    {"Z_true", 164, NAN},
                                    {"Z_registered", 231, NAN},
                                    {"A_true", 111, NAN},
                                    {"late_offers_true", 41, NAN},
                                    {"A1_true", 10, NAN}};
  expect_fitted(SCEN("gemeente1_2002_fitted.yaml"), t, N_OF(t));
}

Test(calibration, gemeente2_fitted_every_fitted_target, .timeout = 300) {
  static const fitted_target t[] = {{"langdurigheidsratio_true", 0.49, 0.55},
                                    {"sluitingsratio_true", 0.68, 0.71},
                                    {"complianceratio_registered", 0.65, 0.75},
                                    {"langdurigheidsratio_registered", 0.44, 0.54},
                                    {"sluitingsratio_registered", 0.37, 0.47},
                                    {"uitstroomratio_met_traject_registered", 0.06, 0.16},
                                    {"uitstroomratio_zonder_traject_registered", 0.08, 0.18},
                                    {"Z_true", 218, NAN},
                                    {"A_true", 154, NAN}};
  expect_fitted(SCEN("gemeente2_2002_fitted.yaml"), t, N_OF(t));
}

/* The README's integral vs separate demonstration, in the domain's direction
 * (003 §3.3): at an equal FTE budget separate case management loses signals
 * between its two consultants (fewer maatregelen) and has more long-term
 * clients; staffed at the seed's caseload norms (003 §3.3.3: integral
 * 70-120, separate 100-400) integral needs more consultant FTE. (The earlier
 * direction 'separate costs more' was an assumption the seed contradicts.)
 * Paired under common random numbers; each paired 95% interval must exclude
 * zero. */
typedef struct {
  const char *name;
  int sign;
} expected_sign;

static void expect_signs(const char *a, const char *b, const expected_sign *expect, size_t n) {
  enum { R = 50 }; /* as in the README */
  bs_scenario_run *s = calloc(2, sizeof *s);
  cr_assert(s);
  execute(a, 1, R, &s[0]);
  execute(b, 1, R, &s[1]);
  for (size_t k = 0; k < n; k++) {
    long i = bs_ext_index(expect[k].name);
    cr_assert_geq(i, 0);
    bs_summary d;
    bs_compare_diff(&s[0], &s[1], (size_t)i, &d);
    cr_log_info("separate - integral, %s: %.4g [%.4g, %.4g]", expect[k].name, d.mean, d.ci_low,
                d.ci_high);
    if (expect[k].sign > 0)
      cr_expect_gt(d.ci_low, 0, "%s: separate - integral [%g, %g] should be > 0", expect[k].name,
                   d.ci_low, d.ci_high);
    else
      cr_expect_lt(d.ci_high, 0, "%s: separate - integral [%g, %g] should be < 0", expect[k].name,
                   d.ci_low, d.ci_high);
  }
  for (int k = 0; k < 2; k++)
    bs_scenario_free(&s[k]);
  free(s);
}

/* 001: of 206 activation trajectories about half improve, 3 flow out to
 * work and 8 reach structural volunteer work. The seed's figure is one
 * sample of 206: the model's expected share (20 replications of the
 * baseline's participants, far more than 206) must lie within 4 binomial
 * standard errors of that sample, sqrt(p (1 - p) / 206). */
static void expect_seed_share(const bs_scenario_run *s, const char *name, double p_seed) {
  bs_summary m = summary_of(s, name);
  double se = sqrt(p_seed * (1 - p_seed) / 206.0);
  cr_log_info("%s: %.4f, seed %.4f (binomial SE %.4f of n = 206)", name, m.mean, p_seed, se);
  cr_expect(fabs(m.mean - p_seed) <= 4 * se, "%s: %.4f is more than 4 SE (%.4f) from 001's %.4f",
            name, m.mean, se, p_seed);
}

Test(calibration, seed001_activation_figures, .timeout = 300) {
  bs_scenario_run *s = calloc(1, sizeof *s);
  cr_assert_not_null(s);
  execute(SCEN("activation_001.yaml"), 901, 20, s);
  expect_seed_share(s, "act_improved_share", 0.5);
  expect_seed_share(s, "act_to_work_share", 3.0 / 206);
  expect_seed_share(s, "act_volunteer_share", 8.0 / 206);
  bs_scenario_free(s);
  free(s);
}

Test(calibration, integral_vs_separate_direction, .timeout = 300) {
  static const expected_sign equal_budget[] = {
      {"signals_lost", +1}, {"sanctions_maatregel", -1}, {"langdurigheidsratio_true", +1}};
  expect_signs(SCEN("integral.yaml"), SCEN("separate.yaml"), equal_budget, 3);
  static const expected_sign norms[] = {{"consultant_spend_eur", -1}, {"signals_lost", +1}};
  expect_signs(SCEN("integral_norms.yaml"), SCEN("separate_norms.yaml"), norms, 2);
}
