/* stats.c: see stats.h. Sums run in replication order, so the result
 * depends only on the values (never on the thread that produced them). The
 * t quantile comes from GSL (gsl_cdf_tdist_Pinv). */
#include "analysis/stats.h"

#include <gsl/gsl_cdf.h>
#include <math.h>

double bs_t_quantile(double level, double df) {
  return gsl_cdf_tdist_Pinv(1.0 - (1.0 - level) / 2.0, df);
}

/* Two passes: the mean, then the sum of squared deviations (the same
 * formula as gsl_stats_sd_m), over b[k] or the pair differences b[k] - a[k]. */
static void summarise_any(const double *a, const double *b, size_t n, size_t stride,
                          bs_summary *o) {
  double sum = 0;
  size_t m = 0;
  for (size_t k = 0; k < n; k++) {
    double v = a ? b[k * stride] - a[k * stride] : b[k * stride];
    if (isnan(v))
      continue;
    sum += v;
    m++;
  }
  o->n = m;
  o->mean = m ? sum / (double)m : NAN;
  o->sd = o->ci_low = o->ci_high = NAN;
  if (m < 2)
    return;
  double ss = 0;
  for (size_t k = 0; k < n; k++) {
    double v = a ? b[k * stride] - a[k * stride] : b[k * stride];
    if (!isnan(v))
      ss += (v - o->mean) * (v - o->mean);
  }
  o->sd = sqrt(ss / (double)(m - 1));
  double half = bs_t_quantile(BS_CI_LEVEL, (double)(m - 1)) * o->sd / sqrt((double)m);
  o->ci_low = o->mean - half;
  o->ci_high = o->mean + half;
}

void bs_summarise(const double *x, size_t n, size_t stride, bs_summary *out) {
  summarise_any(NULL, x, n, stride ? stride : 1, out);
}

void bs_summarise_diff(const double *a, const double *b, size_t n, size_t stride, bs_summary *out) {
  summarise_any(a, b, n, stride ? stride : 1, out);
}

double bs_variance(const double *x, size_t n, size_t stride) {
  bs_summary s;
  bs_summarise(x, n, stride, &s);
  return s.sd * s.sd;
}

int bs_ci_excludes_zero(const bs_summary *s) {
  return isfinite(s->ci_low) && isfinite(s->ci_high) && (s->ci_low > 0 || s->ci_high < 0);
}

void bs_summary_clip(bs_summary *s, double lo, double hi) {
  if (s->ci_low < lo)
    s->ci_low = lo;
  if (s->ci_high > hi)
    s->ci_high = hi;
}
