/* gsa.c: see gsa.h. */
#include "analysis/gsa.h"

#include "sim/config.h"

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_qrng.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

double bs_dist_value(const cfg_dist *d, double u) {
  if (u < 0)
    u = 0;
  if (u > 1)
    u = 1;
  double a = d->low, b = d->high, v = a;
  switch (d->kind) {
  case CFG_DIST_UNIFORM:
    v = a + u * (b - a);
    break;
  case CFG_DIST_TRIANGULAR: {
    double c = d->mode, fc = (c - a) / (b - a);
    v = u < fc ? a + sqrt(u * (b - a) * (c - a)) : b - sqrt((1 - u) * (b - a) * (b - c));
    break;
  }
  case CFG_DIST_LOG_UNIFORM:
    v = exp(log(a) + u * (log(b) - log(a)));
    break;
  case CFG_DIST_BETA:
    v = a + (b - a) * gsl_cdf_beta_Pinv(u, d->alpha, d->beta);
    break;
  default:
    break;
  }
  if (v < a)
    v = a;
  if (v > b)
    v = b;
  if (d->type == CFG_T_INT)
    v = floor(v + 0.5);
  return v;
}

/* malloc of n doubles (at least one, so that n = 0 is not a failure). */
static double *doubles(size_t n) { return malloc((n ? n : 1) * sizeof(double)); }

static gsl_rng *rng_new(uint64_t seed) {
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  if (r)
    gsl_rng_set(r, (unsigned long)(seed ^ (seed >> 32)));
  return r;
}

int bs_design_lhs(size_t n, size_t d, uint64_t seed, double *u) {
  gsl_rng *r = rng_new(seed);
  size_t *perm = malloc((n ? n : 1) * sizeof *perm);
  if (!r || !perm) {
    gsl_rng_free(r);
    free(perm);
    return -1;
  }
  for (size_t j = 0; j < d; j++) {
    for (size_t i = 0; i < n; i++)
      perm[i] = i;
    gsl_ran_shuffle(r, perm, n, sizeof *perm);
    for (size_t i = 0; i < n; i++)
      u[i * d + j] = ((double)perm[i] + gsl_rng_uniform(r)) / (double)n;
  }
  gsl_rng_free(r);
  free(perm);
  return 0;
}

int bs_design_sobol(size_t n, size_t d, double *u) {
  if (d == 0 || d > BS_SOBOL_MAX_DIM)
    return -1;
  gsl_qrng *q = gsl_qrng_alloc(gsl_qrng_sobol, (unsigned)d);
  if (!q)
    return -1;
  double skip[BS_SOBOL_MAX_DIM];
  gsl_qrng_get(q, skip); /* the point 0 */
  for (size_t i = 0; i < n; i++)
    gsl_qrng_get(q, u + i * d);
  gsl_qrng_free(q);
  return 0;
}

size_t bs_saltelli_rows(size_t n, size_t d) { return n * (d + 2); }

int bs_saltelli_design(size_t n, size_t d, uint64_t seed, double *x) {
  double *ab = doubles(n * 2 * d);
  if (!ab)
    return -1;
  int rc;
  if (2 * d <= BS_SOBOL_MAX_DIM) {
    rc = bs_design_sobol(n, 2 * d, ab);
  } else { /* two hypercubes side by side */
    double *tmp = doubles(n * d);
    rc = tmp ? 0 : -1;
    for (int half = 0; half < 2 && rc == 0; half++) {
      rc = bs_design_lhs(n, d, seed + (uint64_t)half * 0x9e3779b97f4a7c15u, tmp);
      for (size_t i = 0; rc == 0 && i < n; i++)
        memcpy(ab + i * 2 * d + (size_t)half * d, tmp + i * d, d * sizeof *tmp);
    }
    free(tmp);
  }
  if (rc == 0)
    for (size_t i = 0; i < n; i++) {
      const double *a = ab + i * 2 * d, *b = a + d;
      memcpy(x + i * d, a, d * sizeof *a);
      memcpy(x + (n + i) * d, b, d * sizeof *b);
      for (size_t k = 0; k < d; k++) {
        double *row = x + ((2 + k) * n + i) * d;
        memcpy(row, a, d * sizeof *a);
        row[k] = b[k];
      }
    }
  free(ab);
  return rc;
}

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

double bs_quantile(const double *x, size_t n, double p) {
  double *c = malloc((n ? n : 1) * sizeof *c);
  if (!c)
    return NAN;
  size_t m = 0;
  for (size_t i = 0; i < n; i++)
    if (!isnan(x[i]))
      c[m++] = x[i];
  double q = NAN;
  if (m > 0) {
    qsort(c, m, sizeof *c, cmp_double);
    double h = (double)(m - 1) * p;
    size_t lo = (size_t)floor(h);
    size_t hi = lo + 1 < m ? lo + 1 : lo;
    q = c[lo] + (h - (double)lo) * (c[hi] - c[lo]);
  }
  free(c);
  return q;
}

/* S1 and ST of every factor from the rows idx[0..n) of the blocks. */
static void sobol_once(const double *y, size_t n, size_t d, const size_t *idx, double *s1,
                       double *st) {
  const double *fa = y, *fb = y + n;
  double sum = 0, sum2 = 0;
  for (size_t j = 0; j < n; j++) {
    double a = fa[idx[j]], b = fb[idx[j]];
    sum += a + b;
    sum2 += a * a + b * b;
  }
  double m = sum / (2.0 * (double)n);
  double v = sum2 / (2.0 * (double)n) - m * m;
  for (size_t k = 0; k < d; k++) {
    const double *fab = y + (2 + k) * n;
    double num1 = 0, numt = 0;
    for (size_t j = 0; j < n; j++) {
      double a = fa[idx[j]], b = fb[idx[j]], c = fab[idx[j]];
      num1 += b * (c - a);
      numt += (a - c) * (a - c);
    }
    s1[k] = v > 0 ? num1 / (double)n / v : NAN;
    st[k] = v > 0 ? numt / (2.0 * (double)n) / v : NAN;
  }
}

int bs_sobol_indices(const double *y, size_t n, size_t d, size_t nboot, uint64_t seed, double level,
                     bs_gsa_est *s1, bs_gsa_est *st) {
  size_t *idx = malloc((n ? n : 1) * sizeof *idx);
  double *e1 = malloc((d ? d : 1) * sizeof *e1), *et = malloc((d ? d : 1) * sizeof *et);
  double *b1 = doubles(nboot * d);
  double *bt = doubles(nboot * d);
  double *col = malloc((nboot ? nboot : 1) * sizeof *col);
  gsl_rng *r = rng_new(seed);
  int rc = idx && e1 && et && b1 && bt && col && r ? 0 : -1;
  int bad = 0;
  for (size_t j = 0; rc == 0 && j < bs_saltelli_rows(n, d); j++)
    bad |= !isfinite(y[j]);
  if (rc == 0) {
    for (size_t j = 0; j < n; j++)
      idx[j] = j;
    sobol_once(y, n, d, idx, e1, et);
    for (size_t b = 0; b < nboot; b++) {
      for (size_t j = 0; j < n; j++)
        idx[j] = gsl_rng_uniform_int(r, n);
      sobol_once(y, n, d, idx, b1 + b * d, bt + b * d);
    }
    double alpha = (1 - level) / 2;
    for (size_t k = 0; k < d; k++) {
      s1[k].est = bad ? NAN : e1[k];
      st[k].est = bad ? NAN : et[k];
      for (size_t b = 0; b < nboot; b++)
        col[b] = b1[b * d + k];
      s1[k].lo = bad ? NAN : bs_quantile(col, nboot, alpha);
      s1[k].hi = bad ? NAN : bs_quantile(col, nboot, 1 - alpha);
      for (size_t b = 0; b < nboot; b++)
        col[b] = bt[b * d + k];
      st[k].lo = bad ? NAN : bs_quantile(col, nboot, alpha);
      st[k].hi = bad ? NAN : bs_quantile(col, nboot, 1 - alpha);
    }
  }
  free(idx);
  free(e1);
  free(et);
  free(b1);
  free(bt);
  free(col);
  gsl_rng_free(r);
  return rc;
}

int bs_morris_design(size_t r, size_t d, int levels, uint64_t seed, double *x) {
  if (levels < 2 || levels % 2)
    return -1;
  gsl_rng *g = rng_new(seed);
  size_t *order = malloc((d ? d : 1) * sizeof *order);
  if (!g || !order) {
    gsl_rng_free(g);
    free(order);
    return -1;
  }
  double delta = (double)levels / (2.0 * (levels - 1));
  for (size_t t = 0; t < r; t++) {
    double *p = x + t * (d + 1) * d;
    for (size_t k = 0; k < d; k++)
      p[k] = (double)gsl_rng_uniform_int(g, (unsigned long)levels) / (levels - 1);
    for (size_t k = 0; k < d; k++)
      order[k] = k;
    gsl_ran_shuffle(g, order, d, sizeof *order);
    for (size_t s = 0; s < d; s++) {
      double *next = p + (s + 1) * d;
      memcpy(next, p + s * d, d * sizeof *p);
      size_t k = order[s];
      next[k] += next[k] + delta <= 1 + 1e-12 ? delta : -delta;
    }
  }
  gsl_rng_free(g);
  free(order);
  return 0;
}

int bs_morris_effects(const double *x, const double *y, size_t r, size_t d, size_t nboot,
                      uint64_t seed, double level, bs_morris_est *out) {
  double *ee = doubles(r * d); /* r x d */
  double *boot = malloc((nboot ? nboot : 1) * sizeof *boot);
  gsl_rng *g = rng_new(seed);
  int rc = ee && boot && g ? 0 : -1;
  for (size_t t = 0; rc == 0 && t < r; t++) {
    for (size_t k = 0; k < d; k++)
      ee[t * d + k] = NAN;
    const double *p = x + t * (d + 1) * d, *f = y + t * (d + 1);
    for (size_t s = 0; s < d; s++)
      for (size_t k = 0; k < d; k++) {
        double dx = p[(s + 1) * d + k] - p[s * d + k];
        if (dx != 0)
          ee[t * d + k] = (f[s + 1] - f[s]) / dx;
      }
  }
  for (size_t k = 0; rc == 0 && k < d; k++) {
    double s = 0, sa = 0, s2 = 0;
    size_t m = 0;
    for (size_t t = 0; t < r; t++) {
      double e = ee[t * d + k];
      if (isnan(e))
        continue;
      s += e;
      sa += fabs(e);
      m++;
    }
    out[k].mu = m ? s / (double)m : NAN;
    out[k].mu_star.est = m ? sa / (double)m : NAN;
    for (size_t t = 0; t < r; t++) {
      double e = ee[t * d + k];
      if (!isnan(e))
        s2 += (e - out[k].mu) * (e - out[k].mu);
    }
    out[k].sigma = m > 1 ? sqrt(s2 / (double)(m - 1)) : NAN;
    for (size_t b = 0; b < nboot; b++) {
      double acc = 0;
      size_t q = 0;
      for (size_t t = 0; t < r; t++) {
        double e = ee[gsl_rng_uniform_int(g, r) * d + k];
        if (!isnan(e)) {
          acc += fabs(e);
          q++;
        }
      }
      boot[b] = q ? acc / (double)q : NAN;
    }
    double alpha = (1 - level) / 2;
    out[k].mu_star.lo = bs_quantile(boot, nboot, alpha);
    out[k].mu_star.hi = bs_quantile(boot, nboot, 1 - alpha);
  }
  free(ee);
  free(boot);
  gsl_rng_free(g);
  return rc;
}
