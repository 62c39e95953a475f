/* calibrate.c: see calibrate.h. */
#include "analysis/calibrate.h"

#include "analysis/gsa.h"

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

double bs_dist_density(const cfg_dist *d, double x) {
  double a = d->low, b = d->high;
  if (!(x >= a && x <= b) || !(b > a))
    return 0;
  switch (d->kind) {
  case CFG_DIST_UNIFORM:
    return 1 / (b - a);
  case CFG_DIST_TRIANGULAR: {
    double c = d->mode;
    if (x < c)
      return 2 * (x - a) / ((b - a) * (c - a));
    if (x > c)
      return 2 * (b - x) / ((b - a) * (b - c));
    return 2 / (b - a);
  }
  case CFG_DIST_LOG_UNIFORM:
    return 1 / (x * log(b / a));
  case CFG_DIST_BETA:
    return gsl_ran_beta_pdf((x - a) / (b - a), d->alpha, d->beta) / (b - a);
  default:
    return 0;
  }
}

double bs_abc_distance(const bs_abc_setup *s, const double *sim, int *in_range) {
  double ss = 0;
  int in = 1;
  for (size_t t = 0; t < s->nt; t++) {
    double scale = (s->high[t] - s->low[t]) / 2;
    if (!(scale > 0))
      scale = fabs(s->observed[t]) > 0 ? 0.01 * fabs(s->observed[t]) : 1;
    double z = (sim[t] - s->observed[t]) / scale;
    ss += z * z;
    in &= sim[t] >= s->low[t] && sim[t] <= s->high[t];
  }
  if (in_range)
    *in_range = in;
  double dist = sqrt(ss / (double)(s->nt ? s->nt : 1));
  return isnan(dist) ? HUGE_VAL : dist;
}

typedef struct wx {
  double x, w;
} wx;

static int cmp_wx(const void *a, const void *b) {
  double x = ((const wx *)a)->x, y = ((const wx *)b)->x;
  return (x > y) - (x < y);
}

double bs_weighted_quantile(const double *x, size_t stride, const double *w, size_t n, double p) {
  wx *v = malloc((n ? n : 1) * sizeof *v);
  if (!v || n == 0) {
    free(v);
    return NAN;
  }
  double tot = 0;
  for (size_t k = 0; k < n; k++) {
    v[k] = (wx){x[k * stride], w[k]};
    tot += w[k];
  }
  qsort(v, n, sizeof *v, cmp_wx);
  double acc = 0, q = v[n - 1].x;
  for (size_t k = 0; k < n; k++) {
    acc += v[k].w;
    if (acc >= p * tot * (1 - 1e-12)) {
      q = v[k].x;
      break;
    }
  }
  free(v);
  return q;
}

void bs_resample_systematic(const double *w, size_t n, size_t m, double u, size_t *out) {
  double tot = 0;
  for (size_t k = 0; k < n; k++)
    tot += w[k];
  double acc = w[0] / tot;
  size_t k = 0;
  for (size_t i = 0; i < m; i++) {
    double target = (u + (double)i) / (double)m;
    while (target > acc && k + 1 < n)
      acc += w[++k] / tot;
    out[i] = k;
  }
}

void bs_abc_result_free(bs_abc_result *r) {
  free(r->gen);
  free(r->theta);
  free(r->weight);
  free(r->distance);
  free(r->sims);
  memset(r, 0, sizeof *r);
}

/* One population: n particles. */
typedef struct pop {
  size_t n;
  double *theta, *w, *dist, *sims;
  int *in;
} pop;

static int pop_alloc(pop *p, size_t n, size_t d, size_t nt) {
  p->n = 0;
  p->theta = malloc(n * d * sizeof *p->theta);
  p->w = malloc(n * sizeof *p->w);
  p->dist = malloc(n * sizeof *p->dist);
  p->sims = malloc(n * (nt ? nt : 1) * sizeof *p->sims);
  p->in = malloc(n * sizeof *p->in);
  return p->theta && p->w && p->dist && p->sims && p->in ? 0 : -1;
}

static void pop_free(pop *p) {
  free(p->theta);
  free(p->w);
  free(p->dist);
  free(p->sims);
  free(p->in);
  memset(p, 0, sizeof *p);
}

static void normalise(double *w, size_t n) {
  double t = 0;
  for (size_t k = 0; k < n; k++)
    t += w[k];
  for (size_t k = 0; k < n; k++)
    w[k] = t > 0 ? w[k] / t : 1.0 / (double)n;
}

static void summarise_gen(const pop *p, bs_abc_generation *g) {
  double s = 0, s2 = 0, in = 0;
  for (size_t k = 0; k < p->n; k++) {
    s += p->w[k];
    s2 += p->w[k] * p->w[k];
    in += p->in[k] ? p->w[k] : 0;
  }
  g->ess = s2 > 0 ? s * s / s2 : 0;
  g->in_range = s > 0 ? in / s : 0;
  g->accepted = p->n;
  g->acceptance_rate = g->proposed ? (double)g->accepted / (double)g->proposed : NAN;
}

/* Proposes n particles into cand from the previous population with kernel
 * sds sd. -1 when no proposal inside the prior's support is found. */
static int propose(const bs_abc_setup *s, const pop *prev, const double *sd, gsl_rng *r, size_t n,
                   double *cand) {
  size_t d = s->d;
  for (size_t i = 0; i < n; i++) {
    int ok = 0;
    for (int tries = 0; tries < 100000 && !ok; tries++) {
      double u = gsl_rng_uniform(r), acc = 0;
      size_t j = 0;
      for (; j + 1 < prev->n; j++) {
        acc += prev->w[j];
        if (u < acc)
          break;
      }
      ok = 1;
      for (size_t k = 0; k < d; k++) {
        double x = prev->theta[j * d + k] + sd[k] * gsl_ran_ugaussian(r);
        cand[i * d + k] = x;
        ok &= bs_dist_density(&s->priors[k], x) > 0;
      }
    }
    if (!ok)
      return -1;
  }
  return 0;
}

/* Weight of a new particle x: prior / sum_j w_j K(x | theta_j). */
static double new_weight(const bs_abc_setup *s, const pop *prev, const double *sd,
                         const double *x) {
  double prior = 1;
  for (size_t k = 0; k < s->d; k++)
    prior *= bs_dist_density(&s->priors[k], x[k]);
  double mix = 0;
  for (size_t j = 0; j < prev->n; j++) {
    double lk = 0;
    for (size_t k = 0; k < s->d; k++) {
      double z = (x[k] - prev->theta[j * s->d + k]) / sd[k];
      lk += -0.5 * z * z - log(sd[k]);
    }
    mix += prev->w[j] * exp(lk);
  }
  return mix > 0 ? prior / mix : 0;
}

int bs_abc_run(const bs_abc_setup *s, bs_abc_result *out, char *err, size_t errlen) {
  memset(out, 0, sizeof *out);
  size_t n = s->population, d = s->d, nt = s->nt;
  pop cur = {0}, prev = {0};
  double *cand = malloc(n * d * sizeof *cand), *csims = malloc(n * (nt ? nt : 1) * sizeof *csims);
  double *u = malloc(n * d * sizeof *u), *sd = malloc(d * sizeof *sd);
  out->gen = calloc(s->generations + 1, sizeof *out->gen);
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  int rc = -1;
  if (!cand || !csims || !u || !sd || !out->gen || !r || pop_alloc(&cur, n, d, nt) ||
      pop_alloc(&prev, n, d, nt)) {
    snprintf(err, errlen, "out of memory");
    goto done;
  }
  gsl_rng_set(r, (unsigned long)(s->seed ^ (s->seed >> 32)));
  /* generation 0: the priors */
  if (bs_design_lhs(n, d, s->seed, u) != 0) {
    snprintf(err, errlen, "out of memory");
    goto done;
  }
  for (size_t i = 0; i < n; i++)
    for (size_t k = 0; k < d; k++)
      cur.theta[i * d + k] = bs_dist_value(&s->priors[k], u[i * d + k]);
  if (s->sim(s->ctx, cur.theta, n, 0, cur.sims, err, errlen) != 0)
    goto done;
  cur.n = n;
  for (size_t i = 0; i < n; i++) {
    cur.w[i] = 1.0 / (double)n;
    cur.dist[i] = bs_abc_distance(s, cur.sims + i * nt, &cur.in[i]);
  }
  out->gen[0].tolerance = HUGE_VAL;
  out->gen[0].proposed = n;
  summarise_gen(&cur, &out->gen[0]);
  out->ngen = 1;
  for (size_t g = 1; g < s->generations && out->gen[g - 1].in_range < s->target_share; g++) {
    pop t = prev;
    prev = cur;
    cur = t;
    cur.n = 0;
    bs_abc_generation *G = &out->gen[g];
    G->tolerance = bs_weighted_quantile(prev.dist, 1, prev.w, prev.n, s->quantile);
    for (size_t k = 0; k < d; k++) { /* twice the weighted variance (Beaumont et al. 2009) */
      double m = 0, v = 0;
      for (size_t j = 0; j < prev.n; j++)
        m += prev.w[j] * prev.theta[j * d + k];
      for (size_t j = 0; j < prev.n; j++)
        v += prev.w[j] * (prev.theta[j * d + k] - m) * (prev.theta[j * d + k] - m);
      double floor_sd = 1e-6 * (s->priors[k].high - s->priors[k].low);
      sd[k] = sqrt(2 * v) > floor_sd ? sqrt(2 * v) : floor_sd;
    }
    for (size_t b = 0; b < s->max_batches && cur.n < n; b++) {
      if (propose(s, &prev, sd, r, n, cand) != 0) {
        snprintf(err, errlen, "generation %zu: no proposal inside the priors' support", g);
        goto done;
      }
      if (s->sim(s->ctx, cand, n, g, csims, err, errlen) != 0)
        goto done;
      for (size_t i = 0; i < n && cur.n < n; i++) {
        G->proposed++;
        int in;
        double dist = bs_abc_distance(s, csims + i * nt, &in);
        if (!(dist <= G->tolerance))
          continue;
        size_t a = cur.n++;
        memcpy(cur.theta + a * d, cand + i * d, d * sizeof *cand);
        memcpy(cur.sims + a * nt, csims + i * nt, nt * sizeof *csims);
        cur.dist[a] = dist;
        cur.in[a] = in;
        cur.w[a] = new_weight(s, &prev, sd, cand + i * d);
      }
    }
    if (cur.n < 2) { /* the tolerance could not be met: keep the previous generation */
      G->accepted = cur.n;
      G->acceptance_rate = G->proposed ? (double)cur.n / (double)G->proposed : NAN;
      G->ess = NAN;
      G->in_range = NAN;
      out->ngen = g + 1;
      t = prev;
      prev = cur;
      cur = t;
      break;
    }
    normalise(cur.w, cur.n);
    summarise_gen(&cur, G);
    out->ngen = g + 1;
  }
  out->n = cur.n;
  out->d = d;
  out->nt = nt;
  out->theta = cur.theta;
  out->weight = cur.w;
  out->distance = cur.dist;
  out->sims = cur.sims;
  cur.theta = cur.w = cur.dist = cur.sims = NULL;
  rc = 0;
done:
  pop_free(&cur);
  pop_free(&prev);
  free(cand);
  free(csims);
  free(u);
  free(sd);
  gsl_rng_free(r);
  if (rc != 0)
    bs_abc_result_free(out);
  return rc;
}
