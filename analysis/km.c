/* km.c: see km.h. */
#include "analysis/km.h"

#include <gsl/gsl_cdf.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct obs {
  double t;
  unsigned char event;
} obs;

static int obs_cmp(const void *a, const void *b) {
  const obs *x = a, *y = b;
  if (x->t < y->t)
    return -1;
  if (x->t > y->t)
    return 1;
  return (int)y->event - (int)x->event;
}

static int estimate_sorted(obs *o, size_t n, bs_km *out, char *err, size_t errlen) {
  memset(out, 0, sizeof *out);
  out->subjects = n;
  if (n == 0)
    return 0;
  qsort(o, n, sizeof *o, obs_cmp);
  size_t distinct = 1;
  for (size_t i = 1; i < n; i++)
    distinct += o[i].t != o[i - 1].t;
  out->rows = malloc(distinct * sizeof *out->rows);
  if (!out->rows) {
    snprintf(err, errlen, "out of memory (survival table of %zu times)", distinct);
    return -1;
  }
  double s = 1.0, greenwood = 0, z = gsl_cdf_ugaussian_Pinv(0.975);
  size_t i = 0;
  while (i < n) {
    size_t j = i, d = 0;
    while (j < n && o[j].t == o[i].t)
      d += o[j++].event;
    size_t at_risk = n - i;
    s *= 1.0 - (double)d / (double)at_risk;
    greenwood += d == 0        ? 0
                 : d < at_risk ? (double)d / ((double)at_risk * (double)(at_risk - d))
                               : INFINITY;
    bs_km_row row = {.time = o[i].t,
                     .at_risk = at_risk,
                     .events = d,
                     .censored = j - i - d,
                     .survival = s,
                     .se = s > 0 ? s * sqrt(greenwood) : NAN,
                     .ci_low = s,
                     .ci_high = s};
    if (!(s > 0)) {
      row.ci_low = row.ci_high = NAN;
    } else if (greenwood > 0 && s < 1) {
      double w = z * sqrt(greenwood) / fabs(log(s));
      row.ci_low = pow(s, exp(w));
      row.ci_high = pow(s, exp(-w));
    }
    out->rows[out->n++] = row;
    i = j;
  }
  return 0;
}

int bs_km_estimate(const double *time, const unsigned char *event, size_t n, bs_km *out, char *err,
                   size_t errlen) {
  memset(out, 0, sizeof *out);
  obs *o = malloc((n ? n : 1) * sizeof *o);
  if (!o) {
    snprintf(err, errlen, "out of memory (survival of %zu spells)", n);
    return -1;
  }
  for (size_t i = 0; i < n; i++) {
    if (!(time[i] >= 0)) {
      free(o);
      snprintf(err, errlen, "spell %zu has a negative or undefined duration", i);
      return -1;
    }
    o[i] = (obs){time[i], event[i] ? 1 : 0};
  }
  int rc = estimate_sorted(o, n, out, err, errlen);
  free(o);
  return rc;
}

void bs_km_free(bs_km *km) {
  free(km->rows);
  memset(km, 0, sizeof *km);
}

double bs_km_median(const bs_km *km) {
  for (size_t i = 0; i < km->n; i++)
    if (km->rows[i].survival <= 0.5)
      return km->rows[i].time;
  return NAN;
}

double bs_km_at(const bs_km *km, double t) {
  double s = 1.0;
  for (size_t i = 0; i < km->n && km->rows[i].time <= t; i++)
    s = km->rows[i].survival;
  return s;
}

int bs_km_cohorts(bs_cohort_rec *const *cohorts, const size_t *cohort_n, size_t nrep,
                  double horizon_days, bs_km *out, char *err, size_t errlen) {
  memset(out, 0, sizeof *out);
  size_t n = 0;
  for (size_t k = 0; k < nrep; k++)
    n += cohort_n[k];
  obs *o = malloc((n ? n : 1) * sizeof *o);
  if (!o) {
    snprintf(err, errlen, "out of memory (survival of %zu spells)", n);
    return -1;
  }
  size_t m = 0;
  for (size_t k = 0; k < nrep; k++)
    for (size_t i = 0; i < cohort_n[k]; i++) {
      const bs_cohort_rec *r = &cohorts[k][i];
      if (isfinite(r->t_out))
        o[m++] = (obs){fmax(0.0, ceil(r->t_out - r->t_in)), 1};
      else
        o[m++] = (obs){fmax(0.0, floor(horizon_days - r->t_in)), 0};
    }
  int rc = estimate_sorted(o, m, out, err, errlen);
  free(o);
  return rc;
}
