/* test_stats.c: pins down the replication summaries (analysis/stats.h):
 * mean, sample sd and the 95% Student-t interval against hand-computed
 * examples, NaN skipping, degenerate cases, strides and paired differences. */
#include "analysis/stats.h"

#include <criterion/criterion.h>
#include <gsl/gsl_statistics_double.h>
#include <math.h>

#define TOL 1e-4

Test(stats, hand_computed_interval) {
  /* x = 2 4 4 4 5 5 7 9: mean 5, sum of squares 32, sd = sqrt(32/7) = 2.138090;
   * t(0.975, 7) = 2.364624 (tables), half-width = 2.364624 * 2.138090 / sqrt(8)
   * = 1.787482, interval [3.212518, 6.787482]. */
  double x[] = {2, 4, 4, 4, 5, 5, 7, 9};
  bs_summary s;
  bs_summarise(x, 8, 1, &s);
  cr_assert_eq(s.n, 8);
  cr_assert_float_eq(s.mean, 5.0, 1e-12);
  cr_assert_float_eq(s.sd, 2.138090, TOL);
  cr_assert_float_eq(s.ci_low, 3.212518, TOL);
  cr_assert_float_eq(s.ci_high, 6.787482, TOL);
  /* the same as GSL's own estimators */
  cr_assert_float_eq(s.mean, gsl_stats_mean(x, 1, 8), 1e-12);
  cr_assert_float_eq(s.sd, gsl_stats_sd(x, 1, 8), 1e-12);
}

Test(stats, t_quantiles_from_tables) {
  cr_assert_float_eq(bs_t_quantile(0.95, 1), 12.7062, TOL);
  cr_assert_float_eq(bs_t_quantile(0.95, 4), 2.7764, TOL);
  cr_assert_float_eq(bs_t_quantile(0.95, 19), 2.0930, TOL);
  cr_assert_float_eq(bs_t_quantile(0.95, 1e6), 1.95996, TOL);
}

Test(stats, nan_values_are_skipped) {
  /* {1, NaN, 3}: n = 2, mean 2, sd sqrt(2), half = t(.975,1) * sqrt(2)/sqrt(2) */
  double x[] = {1, NAN, 3};
  bs_summary s;
  bs_summarise(x, 3, 1, &s);
  cr_assert_eq(s.n, 2);
  cr_assert_float_eq(s.mean, 2.0, 1e-12);
  cr_assert_float_eq(s.sd, sqrt(2.0), 1e-12);
  cr_assert_float_eq(s.ci_low, 2.0 - 12.7062, TOL);
  cr_assert_float_eq(s.ci_high, 2.0 + 12.7062, TOL);
}

Test(stats, degenerate_cases) {
  bs_summary s;
  double one[] = {4.5};
  bs_summarise(one, 1, 1, &s);
  cr_assert_eq(s.n, 1);
  cr_assert_float_eq(s.mean, 4.5, 1e-12);
  cr_assert(isnan(s.sd) && isnan(s.ci_low) && isnan(s.ci_high), "n = 1: no interval");
  double none[] = {NAN, NAN};
  bs_summarise(none, 2, 1, &s);
  cr_assert_eq(s.n, 0);
  cr_assert(isnan(s.mean));
  double flat[] = {3, 3, 3, 3};
  bs_summarise(flat, 4, 1, &s);
  cr_assert_eq(s.sd, 0.0);
  cr_assert_eq(s.ci_low, 3.0, "zero spread gives the interval [mean, mean]");
  cr_assert_eq(s.ci_high, 3.0);
  cr_assert(bs_ci_excludes_zero(&s));
}

Test(stats, stride_walks_a_column) {
  /* a 3 x 2 matrix, column 1 = {10, 20, 30} */
  double m[] = {1, 10, 2, 20, 3, 30};
  bs_summary s;
  bs_summarise(m + 1, 3, 2, &s);
  cr_assert_float_eq(s.mean, 20.0, 1e-12);
  cr_assert_float_eq(s.sd, 10.0, 1e-12);
}

Test(stats, paired_difference) {
  /* b - a = {1, 2, 3}: mean 2, sd 1, half = t(.975,2)/sqrt(3) = 4.302653/1.732051 = 2.484138 */
  double a[] = {1, 2, 3, NAN}, b[] = {2, 4, 6, 8};
  bs_summary d;
  bs_summarise_diff(a, b, 4, 1, &d);
  cr_assert_eq(d.n, 3, "a pair with a NaN side is skipped");
  cr_assert_float_eq(d.mean, 2.0, 1e-12);
  cr_assert_float_eq(d.sd, 1.0, 1e-12);
  cr_assert_float_eq(d.ci_low, 2.0 - 2.484138, TOL);
  cr_assert_float_eq(d.ci_high, 2.0 + 2.484138, TOL);
  cr_assert_not(bs_ci_excludes_zero(&d));
  cr_assert_float_eq(bs_variance(b, 4, 1), gsl_stats_variance(b, 1, 4), 1e-12);
}

Test(stats, excludes_zero) {
  bs_summary s = {.mean = 1, .sd = 1, .n = 5, .ci_low = 0.2, .ci_high = 1.8};
  cr_assert(bs_ci_excludes_zero(&s));
  s.ci_low = -0.1;
  cr_assert_not(bs_ci_excludes_zero(&s));
  s = (bs_summary){.mean = -1, .sd = 1, .n = 5, .ci_low = -1.8, .ci_high = -0.2};
  cr_assert(bs_ci_excludes_zero(&s));
  s.ci_high = NAN;
  cr_assert_not(bs_ci_excludes_zero(&s));
}
