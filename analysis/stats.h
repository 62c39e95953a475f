/* stats.h: summaries of replicated outputs: mean, standard deviation and a
 * Student-t confidence interval across replications, for one series or for
 * paired differences (common random numbers). NaN values (an indicator with
 * a zero denominator in some replication) are skipped; n counts the rest. */
#ifndef BIJSIM_STATS_H
#define BIJSIM_STATS_H

#include <stddef.h>

#define BS_CI_LEVEL 0.95

typedef struct bs_summary {
  double mean;
  double sd;     /* sample standard deviation (n - 1); NaN when n < 2 */
  size_t n;      /* values that are not NaN */
  double ci_low; /* mean -/+ t(0.975, n-1) * sd / sqrt(n); NaN when n < 2 */
  double ci_high;
} bs_summary;

/* Summarises x[0], x[stride], ..., x[(n-1)*stride]. mean is NaN when no value
 * is left. A zero sd gives the degenerate interval [mean, mean]. */
void bs_summarise(const double *x, size_t n, size_t stride, bs_summary *out);

/* Summarises the paired differences b[k*stride] - a[k*stride]; a pair with a
 * NaN on either side is skipped. */
void bs_summarise_diff(const double *a, const double *b, size_t n, size_t stride, bs_summary *out);

/* Sample variance of the non-NaN values (NaN when fewer than two). */
double bs_variance(const double *x, size_t n, size_t stride);

/* Two-sided Student-t quantile t(1 - (1 - level)/2, df). */
double bs_t_quantile(double level, double df);

/* Keeps the interval within [lo, hi] (a share's in [0, 1]: its t-interval
 * can reach below 0 when most values are 0). */
void bs_summary_clip(bs_summary *s, double lo, double hi);

/* 1 when the interval is finite and does not contain zero. */
int bs_ci_excludes_zero(const bs_summary *s);

#endif
