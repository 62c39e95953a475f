/* test_km.c: pins down the Kaplan-Meier estimate (analysis/km.h) against a
 * hand-computed table with censoring and ties, the median, and the whole-day
 * spells built from cohort records (events rounded up, censoring down). */
#include "analysis/km.h"

#include <criterion/criterion.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <math.h>

/* Ten spells (e = outflow, c = censored):
 *   1e 2c 3e 3e 3c 5e 6c 8e 9c 9c
 * time at risk events censored  S
 *   1     10     1      0     0.9
 *   2      9     0      1     0.9
 *   3      8     2      1     0.9 * 6/8 = 0.675
 *   5      5     1      0     0.675 * 4/5 = 0.54
 *   6      4     0      1     0.54
 *   8      3     1      0     0.54 * 2/3 = 0.36
 *   9      2     0      2     0.36
 * median: the first time with S <= 0.5 is 8. */
Test(km, hand_table_with_censoring) {
  double t[] = {3, 9, 1, 5, 3, 8, 2, 9, 6, 3}; /* shuffled on purpose */
  unsigned char e[] = {1, 0, 1, 1, 0, 1, 0, 0, 0, 1};
  bs_km km;
  char err[256];
  cr_assert_eq(bs_km_estimate(t, e, 10, &km, err, sizeof err), 0, "%s", err);
  static const struct {
    double time;
    size_t at_risk, events, censored;
    double s;
  } want[] = {{1, 10, 1, 0, 0.9}, {2, 9, 0, 1, 0.9},  {3, 8, 2, 1, 0.675}, {5, 5, 1, 0, 0.54},
              {6, 4, 0, 1, 0.54}, {8, 3, 1, 0, 0.36}, {9, 2, 0, 2, 0.36}};
  cr_assert_eq(km.n, 7);
  cr_assert_eq(km.subjects, 10);
  for (size_t i = 0; i < 7; i++) {
    cr_assert_eq(km.rows[i].time, want[i].time, "row %zu", i);
    cr_assert_eq(km.rows[i].at_risk, want[i].at_risk, "row %zu at risk", i);
    cr_assert_eq(km.rows[i].events, want[i].events, "row %zu events", i);
    cr_assert_eq(km.rows[i].censored, want[i].censored, "row %zu censored", i);
    cr_assert_float_eq(km.rows[i].survival, want[i].s, 1e-12, "row %zu S", i);
  }
  cr_assert_eq(bs_km_median(&km), 8.0);
  cr_assert_eq(bs_km_at(&km, 0.5), 1.0);
  cr_assert_float_eq(bs_km_at(&km, 4), 0.675, 1e-12);
  cr_assert_float_eq(bs_km_at(&km, 100), 0.36, 1e-12);
  bs_km_free(&km);
}

/* The same table's Greenwood standard errors, from the sums of
 * d / (n (n - d)): 1/90; + 2/48 at 3; + 1/20 at 5; + 1/6 at 8; and the 95%
 * log-log intervals S^exp(+-1.96 sqrt(sum) / |log S|), computed by hand. */
Test(km, greenwood_standard_errors_and_log_log_intervals) {
  double t[] = {3, 9, 1, 5, 3, 8, 2, 9, 6, 3};
  unsigned char e[] = {1, 0, 1, 1, 0, 1, 0, 0, 0, 1};
  bs_km km;
  char err[256];
  cr_assert_eq(bs_km_estimate(t, e, 10, &km, err, sizeof err), 0, "%s", err);
  static const double sum[7] = {1.0 / 90,
                                1.0 / 90,
                                1.0 / 90 + 2.0 / 48,
                                1.0 / 90 + 2.0 / 48 + 1.0 / 20,
                                1.0 / 90 + 2.0 / 48 + 1.0 / 20,
                                1.0 / 90 + 2.0 / 48 + 1.0 / 20 + 1.0 / 6,
                                1.0 / 90 + 2.0 / 48 + 1.0 / 20 + 1.0 / 6};
  static const double lo[7] = {0.473009271, 0.473009271, 0.290585357, 0.181165338,
                               0.181165338, 0.062941679, 0.062941679};
  static const double hi[7] = {0.985281393, 0.985281393, 0.882496734, 0.800712517,
                               0.800712517, 0.685628389, 0.685628389};
  for (size_t i = 0; i < 7; i++) {
    cr_assert_float_eq(km.rows[i].se, km.rows[i].survival * sqrt(sum[i]), 1e-12, "row %zu", i);
    cr_assert_float_eq(km.rows[i].ci_low, lo[i], 1e-8, "row %zu", i);
    cr_assert_float_eq(km.rows[i].ci_high, hi[i], 1e-8, "row %zu", i);
  }
  bs_km_free(&km);
  /* before the first event: S = 1 exactly, the interval [1, 1]; when the
   * last at risk leaves, S = 0 and neither is defined */
  double t2[] = {1, 2, 2};
  unsigned char e2[] = {0, 1, 1};
  cr_assert_eq(bs_km_estimate(t2, e2, 3, &km, err, sizeof err), 0, "%s", err);
  cr_assert_eq(km.rows[0].se, 0);
  cr_assert_eq(km.rows[0].ci_low, 1);
  cr_assert_eq(km.rows[0].ci_high, 1);
  cr_assert_eq(km.rows[1].survival, 0);
  cr_assert(isnan(km.rows[1].se) && isnan(km.rows[1].ci_low) && isnan(km.rows[1].ci_high));
  bs_km_free(&km);
}

/* Greenwood's standard error is the spread of the estimate: over 2000
 * samples of 200 exponential spells (mean 100) censored uniformly on
 * [0, 300], the standard deviation of S(69.3) (true S = 0.5) matches the
 * mean Greenwood standard error. The sd of 2000 draws has a relative
 * standard error of about 1/sqrt(2 x 1999) = 1.6%; 4 of those is the
 * tolerance. The interval covers the truth in about 95% of the samples
 * (binomial sd sqrt(0.95 x 0.05 / 2000) = 0.49 points; 4 sd). */
Test(km, greenwood_matches_the_sampling_spread) {
  enum { SAMPLES = 2000, N = 200 };
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, 20240611);
  double t[N], sum = 0, sum2 = 0, se_sum = 0, t_half = 100 * log(2.0);
  unsigned char e[N];
  int covered = 0;
  for (int k = 0; k < SAMPLES; k++) {
    for (int i = 0; i < N; i++) {
      double spell = gsl_ran_exponential(r, 100), cens = gsl_rng_uniform(r) * 300;
      t[i] = fmin(spell, cens);
      e[i] = spell <= cens;
    }
    bs_km km;
    char err[256];
    cr_assert_eq(bs_km_estimate(t, e, N, &km, err, sizeof err), 0, "%s", err);
    size_t j = 0;
    while (j + 1 < km.n && km.rows[j + 1].time <= t_half)
      j++;
    double s = km.rows[j].survival;
    sum += s;
    sum2 += s * s;
    se_sum += km.rows[j].se;
    covered += km.rows[j].ci_low <= 0.5 && 0.5 <= km.rows[j].ci_high;
    bs_km_free(&km);
  }
  gsl_rng_free(r);
  double mean = sum / SAMPLES, sd = sqrt((sum2 - SAMPLES * mean * mean) / (SAMPLES - 1));
  double se = se_sum / SAMPLES;
  cr_expect_float_eq(se, sd, 4 * sd / sqrt(2.0 * (SAMPLES - 1)), "Greenwood %.5f, spread %.5f", se,
                     sd);
  double cover = (double)covered / SAMPLES;
  cr_expect_float_eq(cover, 0.95, 4 * sqrt(0.95 * 0.05 / SAMPLES), "coverage %.4f", cover);
}

Test(km, median_not_reached_and_empty) {
  double t[] = {1, 2, 3, 4};
  unsigned char e[] = {1, 0, 0, 0};
  bs_km km;
  char err[256];
  cr_assert_eq(bs_km_estimate(t, e, 4, &km, err, sizeof err), 0);
  cr_assert(isnan(bs_km_median(&km)), "S stays at 0.75");
  bs_km_free(&km);
  cr_assert_eq(bs_km_estimate(NULL, NULL, 0, &km, err, sizeof err), 0);
  cr_assert_eq(km.n, 0);
  cr_assert(isnan(bs_km_median(&km)));
  bs_km_free(&km);
}

Test(km, rejects_negative_durations) {
  double t[] = {1, -2};
  unsigned char e[] = {1, 1};
  bs_km km;
  char err[256] = "";
  cr_assert_eq(bs_km_estimate(t, e, 2, &km, err, sizeof err), -1);
  cr_assert(strstr(err, "spell 1"), "message names the spell: %s", err);
}

Test(km, cohort_spells_in_whole_days) {
  /* replication 0: left after 10.3 days (event on day 11), still on at the
   * horizon 730 after starting on day 100.5 (censored on day 629);
   * replication 1: left after exactly 20 days (day 20), left on the day it
   * started (day 0). Pooled: 4 spells. */
  bs_cohort_rec r0[2] = {{.id = 1, .t_in = 10, .t_out = 20.3},
                         {.id = 2, .t_in = 100.5, .t_out = INFINITY}};
  bs_cohort_rec r1[2] = {{.id = 1, .t_in = 5, .t_out = 25}, {.id = 3, .t_in = 7, .t_out = 7}};
  bs_cohort_rec *cohorts[2] = {r0, r1};
  size_t n[2] = {2, 2};
  bs_km km;
  char err[256];
  cr_assert_eq(bs_km_cohorts(cohorts, n, 2, 730, &km, err, sizeof err), 0, "%s", err);
  cr_assert_eq(km.n, 4);
  cr_assert_eq(km.rows[0].time, 0);
  cr_assert_eq(km.rows[1].time, 11);
  cr_assert_eq(km.rows[2].time, 20);
  cr_assert_eq(km.rows[3].time, 629);
  cr_assert_eq(km.rows[3].censored, 1);
  cr_assert_float_eq(km.rows[2].survival, 0.25, 1e-12); /* 3/4 * 2/3 * 1/2 */
  cr_assert_eq(bs_km_median(&km), 11, "S(11) = 3/4 * 2/3 = 0.5");
  bs_km_free(&km);
}
