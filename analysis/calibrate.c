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

double bs_abc_half_range(const bs_abc_setup *s, size_t t) {
  double h = (s->high[t] - s->low[t]) / 2;
  if (!(h > 0))
    h = fabs(s->observed[t]) > 0 ? 0.01 * fabs(s->observed[t]) : 1;
  return h;
}

double bs_abc_distance(const bs_abc_setup *s, const double *sim, int *in_range) {
  double acc = 0;
  size_t k = 0;
  int in = 1;
  for (size_t t = 0; t < s->nt; t++) {
    if (s->fitted && !s->fitted[t])
      continue;
    double h = bs_abc_half_range(s, t);
    in &= sim[t] >= s->low[t] && sim[t] <= s->high[t];
    if (s->distance == BS_ABC_RMS) {
      double z = (sim[t] - s->observed[t]) / h;
      acc += z * z;
    } else {
      double z = fabs(sim[t] - (s->low[t] + s->high[t]) / 2) / h;
      acc = isnan(z) ? NAN : (z > acc ? z : acc);
    }
    k++;
  }
  if (in_range)
    *in_range = in;
  double dist = s->distance == BS_ABC_RMS ? sqrt(acc / (double)(k ? k : 1)) : acc;
  return isnan(dist) ? HUGE_VAL : dist;
}

size_t bs_abc_replications(const bs_abc_setup *s, const double *var, double tol, size_t prev) {
  size_t r = prev > s->replications ? prev : s->replications;
  if (s->max_replications <= s->replications)
    return s->replications;
  for (size_t t = 0; t < s->nt; t++) {
    if ((s->fitted && !s->fitted[t]) || !(var[t] >= 0))
      continue;
    double se = s->noise * tol * bs_abc_half_range(s, t); /* the standard error allowed */
    if (!(se > 0) || !isfinite(se))
      continue;
    double need = ceil(var[t] / (se * se));
    if (!(need <= (double)s->max_replications))
      return s->max_replications;
    if ((size_t)need > r)
      r = (size_t)need;
  }
  return r < s->max_replications ? r : s->max_replications;
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
  free(r->check_sims);
  memset(r, 0, sizeof *r);
}

/* One population: n particles (w holds log weights until normalised). */
typedef struct pop {
  size_t n;
  double *theta, *w, *dist, *sims, *sds;
  int *in;
} pop;

static int pop_alloc(pop *p, size_t n, size_t d, size_t nt) {
  size_t m = n * (nt ? nt : 1);
  p->n = 0;
  p->theta = malloc(n * d * sizeof *p->theta);
  p->w = malloc(n * sizeof *p->w);
  p->dist = malloc(n * sizeof *p->dist);
  p->sims = malloc(m * sizeof *p->sims);
  p->sds = malloc(m * sizeof *p->sds);
  p->in = malloc(n * sizeof *p->in);
  return p->theta && p->w && p->dist && p->sims && p->sds && p->in ? 0 : -1;
}

static void pop_free(pop *p) {
  free(p->theta);
  free(p->w);
  free(p->dist);
  free(p->sims);
  free(p->sds);
  free(p->in);
  memset(p, 0, sizeof *p);
}

/* Log weights to weights summing to 1. */
static void normalise_log(double *w, size_t n) {
  double mx = -HUGE_VAL, t = 0;
  for (size_t k = 0; k < n; k++)
    mx = w[k] > mx ? w[k] : mx;
  for (size_t k = 0; k < n; k++) {
    w[k] = isfinite(mx) ? exp(w[k] - mx) : 1;
    t += w[k];
  }
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

/* Cholesky factor L (lower, row-major) of the symmetric d x d matrix a: 0,
 * or -1 when a is not positive definite. */
static int cholesky(const double *a, size_t d, double *L) {
  memset(L, 0, d * d * sizeof *L);
  for (size_t i = 0; i < d; i++)
    for (size_t j = 0; j <= i; j++) {
      double v = a[i * d + j];
      for (size_t k = 0; k < j; k++)
        v -= L[i * d + k] * L[j * d + k];
      if (i == j) {
        if (!(v > 0))
          return -1;
        L[i * d + i] = sqrt(v);
      } else {
        L[i * d + j] = v / L[j * d + j];
      }
    }
  return 0;
}

/* The kernels, one per particle j of the previous population: the
 * Cholesky factor L + j*d*d of its covariance, and log sqrt(det). */
typedef struct kernels {
  double *L, *logdet;
} kernels;

/* Floors the variances of cov at (1e-6 x each prior range)^2 and factors it
 * into L: 0, or -1 when not positive definite. */
static int factor_floored(const bs_abc_setup *s, double *cov, double *L) {
  size_t d = s->d;
  for (size_t k = 0; k < d; k++) {
    double fl = 1e-6 * (s->priors[k].high - s->priors[k].low);
    cov[k * d + k] = cov[k * d + k] > fl * fl ? cov[k * d + k] : fl * fl;
  }
  return cholesky(cov, d, L);
}

static double log_sqrt_det(const double *L, size_t d) {
  double ld = 0;
  for (size_t k = 0; k < d; k++)
    ld += log(L[k * d + k]);
  return ld;
}

/* The kernels for a generation (cov, mean, G: workspaces of d x d, d and
 * d x d): twice the weighted covariance of prev's parameters for every
 * particle (Beaumont et al. 2009; multivariate: Filippi et al. 2013),
 * diagonal when that is not positive definite. (Narrower kernels, such as
 * the optimal local covariance of Filippi et al. or Silverman's bandwidth,
 * were tried on Gemeente 3: with 8 parameters the weights degenerate, an
 * effective sample size of 1-10 of 100; docs/analysis.md.) */
static void make_kernels(const bs_abc_setup *s, const pop *prev, double *cov, double *mean,
                         double *G, kernels *K) {
  size_t d = s->d, dd = d * d;
  for (size_t k = 0; k < d; k++) {
    mean[k] = 0;
    for (size_t j = 0; j < prev->n; j++)
      mean[k] += prev->w[j] * prev->theta[j * d + k];
  }
  for (size_t a = 0; a < d; a++)
    for (size_t b = 0; b <= a; b++) {
      double v = 0;
      for (size_t j = 0; j < prev->n; j++)
        v += prev->w[j] * (prev->theta[j * d + a] - mean[a]) * (prev->theta[j * d + b] - mean[b]);
      cov[a * d + b] = cov[b * d + a] = 2 * v;
    }
  if (factor_floored(s, cov, G) != 0) {
    memset(G, 0, dd * sizeof *G);
    for (size_t k = 0; k < d; k++)
      G[k * d + k] = sqrt(cov[k * d + k]);
  }
  double gld = log_sqrt_det(G, d);
  for (size_t j = 0; j < prev->n; j++) {
    memcpy(K->L + j * dd, G, dd * sizeof *G);
    K->logdet[j] = gld;
  }
}

/* Proposes n particles into cand from the previous population with the
 * kernels K (z: a workspace of d). -1 when no proposal inside the prior's
 * support is found. */
static int propose(const bs_abc_setup *s, const pop *prev, const kernels *K, gsl_rng *r, size_t n,
                   double *z, double *cand) {
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
      for (size_t k = 0; k < d; k++)
        z[k] = gsl_ran_ugaussian(r);
      const double *L = K->L + j * d * d;
      ok = 1;
      for (size_t k = 0; k < d; k++) {
        double x = prev->theta[j * d + k];
        for (size_t l = 0; l <= k; l++)
          x += L[k * d + l] * z[l];
        cand[i * d + k] = x;
        ok &= bs_dist_density(&s->priors[k], x) > 0;
      }
    }
    if (!ok)
      return -1;
  }
  return 0;
}

/* Log weight of a new particle x: log prior - log sum_j w_j K_j(x | theta_j)
 * (the kernels' common constant (2 pi)^(d/2) left out). y: a workspace of d. */
static double new_log_weight(const bs_abc_setup *s, const pop *prev, const kernels *K,
                             const double *x, double *y) {
  size_t d = s->d;
  double lp = 0;
  for (size_t k = 0; k < d; k++)
    lp += log(bs_dist_density(&s->priors[k], x[k]));
  double lmax = -HUGE_VAL, mix = 0;
  for (int pass = 0; pass < 2; pass++)
    for (size_t j = 0; j < prev->n; j++) {
      const double *L = K->L + j * d * d;
      double q = 0; /* |L_j^-1 (x - theta_j)|^2 */
      for (size_t k = 0; k < d; k++) {
        double v = x[k] - prev->theta[j * d + k];
        for (size_t l = 0; l < k; l++)
          v -= L[k * d + l] * y[l];
        y[k] = v / L[k * d + k];
        q += y[k] * y[k];
      }
      double lk = -0.5 * q - K->logdet[j];
      if (pass == 0)
        lmax = lk > lmax ? lk : lmax;
      else
        mix += prev->w[j] * exp(lk - lmax);
    }
  return mix > 0 ? lp - log(mix) - lmax : -HUGE_VAL;
}

/* Pooled per-replication variance of each target over p's weighted
 * particles (NaN when no particle has one). */
static void pooled_variance(const pop *p, size_t nt, double *var) {
  for (size_t t = 0; t < nt; t++) {
    double v = 0, w = 0;
    for (size_t i = 0; i < p->n; i++) {
      double sd = p->sds[i * nt + t];
      if (isfinite(sd)) {
        v += p->w[i] * sd * sd;
        w += p->w[i];
      }
    }
    var[t] = w > 0 ? v / w : NAN;
  }
}

/* Means and sds (nt each) of ra replications (ma, sa) and of rb more (mb,
 * sb) into those of all ra + rb (m, sd; may alias ma, sa). An sd of one
 * replication is unknown (NaN) and adds nothing. */
static void combine(size_t ra, const double *ma, const double *sa, size_t rb, const double *mb,
                    const double *sb, size_t nt, double *m, double *sd) {
  double R = (double)(ra + rb);
  for (size_t t = 0; t < nt; t++) {
    double a = ma[t], b = mb[t];
    double ss = (ra > 1 ? (double)(ra - 1) * sa[t] * sa[t] : 0) +
                (rb > 1 ? (double)(rb - 1) * sb[t] * sb[t] : 0) +
                (double)ra * (double)rb / R * (a - b) * (a - b);
    m[t] = ((double)ra * a + (double)rb * b) / R;
    sd[t] = R > 1 ? sqrt(ss / (R - 1)) : NAN;
  }
}

/* Stage 1 of a proposal's replications: a quarter of them (at least
 * `replications`); all of them when that is not fewer. */
static size_t screen_reps(const bs_abc_setup *s, size_t reps) {
  size_t r1 = (reps + 3) / 4;
  r1 = r1 > s->replications ? r1 : s->replications;
  return r1 < reps ? r1 : reps;
}

/* Whether a stage-1 simulation (means over r1 replications) can still come
 * within tolerance tol: its distance with every target moved towards its aim
 * by BS_ABC_SCREEN_Z standard errors sqrt(var_t / r1) (a target whose
 * variance is unknown moved all the way) is at most tol. */
static int screen_pass(const bs_abc_setup *s, const double *sim, const double *var, size_t r1,
                       double tol) {
  double acc = 0;
  size_t k = 0;
  for (size_t t = 0; t < s->nt; t++) {
    if (s->fitted && !s->fitted[t])
      continue;
    double h = bs_abc_half_range(s, t);
    double aim = s->distance == BS_ABC_RMS ? s->observed[t] : (s->low[t] + s->high[t]) / 2;
    double z = fabs(sim[t] - aim) / h;
    if (isnan(z))
      return 0;
    double margin = var[t] >= 0 ? BS_ABC_SCREEN_Z * sqrt(var[t] / (double)r1) / h : HUGE_VAL;
    z = z > margin ? z - margin : 0;
    if (s->distance == BS_ABC_RMS)
      acc += z * z;
    else
      acc = z > acc ? z : acc;
    k++;
  }
  double dist = s->distance == BS_ABC_RMS ? sqrt(acc / (double)(k ? k : 1)) : acc;
  return dist <= tol;
}

int bs_abc_run(const bs_abc_setup *s, bs_abc_result *out, char *err, size_t errlen) {
  memset(out, 0, sizeof *out);
  size_t n = s->population, d = s->d, nt = s->nt, m = n * (nt ? nt : 1);
  pop cur = {0}, prev = {0};
  double *cand = malloc(n * d * sizeof *cand), *csims = malloc(m * sizeof *csims);
  double *csds = malloc(m * sizeof *csds), *u = malloc(n * d * sizeof *u);
  double *cand2 = malloc(n * d * sizeof *cand2), *c2sims = malloc(m * sizeof *c2sims);
  double *c2sds = malloc(m * sizeof *c2sds);
  size_t *idx = malloc(n * sizeof *idx);
  unsigned char *alive = malloc(n * sizeof *alive);
  double *gfac = malloc(d * d * sizeof *gfac), *cov = malloc(d * d * sizeof *cov);
  kernels K = {malloc(n * d * d * sizeof *K.L), malloc(n * sizeof *K.logdet)};
  double *work = malloc(2 * d * sizeof *work), *var = malloc((nt ? nt : 1) * sizeof *var);
  out->gen = calloc(s->generations + 1, sizeof *out->gen);
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  int rc = -1;
  if (!cand || !csims || !csds || !u || !cand2 || !c2sims || !c2sds || !idx || !alive || !gfac ||
      !K.L || !K.logdet || !cov || !work || !var || !out->gen || !r || pop_alloc(&cur, n, d, nt) ||
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
  size_t reps = s->replications ? s->replications : 1, first = 0;
  size_t cur_reps = reps, prev_reps = reps; /* the replications behind cur's and prev's sims */
  size_t used = reps;                       /* replications 0 .. used - 1 have been run */
  if (s->sim(s->ctx, cur.theta, n, first, reps, cur.sims, cur.sds, err, errlen) != 0)
    goto done;
  cur.n = n;
  for (size_t i = 0; i < n; i++) {
    cur.w[i] = 1.0 / (double)n;
    cur.dist[i] = bs_abc_distance(s, cur.sims + i * nt, &cur.in[i]);
  }
  out->gen[0] = (bs_abc_generation){.tolerance = HUGE_VAL, .replications = reps, .proposed = n};
  summarise_gen(&cur, &out->gen[0]);
  first += reps;
  out->ngen = 1;
  if (s->on_generation)
    s->on_generation(s->ctx, 0, &out->gen[0]);
  for (size_t g = 1; g < s->generations && !out->converged &&
                     (s->final_tolerance > 0 || out->gen[g - 1].in_range < s->target_share);
       g++) {
    pop t = prev;
    prev = cur;
    prev_reps = cur_reps;
    cur = t;
    cur.n = 0;
    bs_abc_generation *G = &out->gen[g];
    /* the replications for the tolerance the last distances suggest */
    double tol = bs_weighted_quantile(prev.dist, 1, prev.w, prev.n, s->quantile);
    if (s->final_tolerance > 0 && !(tol > s->final_tolerance))
      tol = s->final_tolerance;
    pooled_variance(&prev, nt, var);
    reps = bs_abc_replications(s, var, tol, reps);
    if (s->crn == BS_ABC_CRN_RUN) {
      first = 0;
      if (reps > prev_reps) { /* the previous particles on the replications added */
        if (s->sim(s->ctx, prev.theta, prev.n, prev_reps, reps - prev_reps, csims, csds, err,
                   errlen) != 0)
          goto done;
        for (size_t i = 0; i < prev.n; i++) {
          combine(prev_reps, prev.sims + i * nt, prev.sds + i * nt, reps - prev_reps,
                  csims + i * nt, csds + i * nt, nt, prev.sims + i * nt, prev.sds + i * nt);
          prev.dist[i] = bs_abc_distance(s, prev.sims + i * nt, &prev.in[i]);
        }
        G->reevaluated = prev.n;
        prev_reps = reps;
        used = reps > used ? reps : used;
        pooled_variance(&prev, nt, var);
      }
    }
    G->tolerance = bs_weighted_quantile(prev.dist, 1, prev.w, prev.n, s->quantile);
    int at_final = s->final_tolerance > 0 && !(G->tolerance > s->final_tolerance);
    if (at_final)
      G->tolerance = s->final_tolerance;
    G->replications = reps;
    G->first_replication = first;
    size_t r1 = screen_reps(s, reps);
    make_kernels(s, &prev, cov, work, gfac, &K);
    for (size_t b = 0; b < s->max_batches && cur.n < n; b++) {
      if (propose(s, &prev, &K, r, n, work, cand) != 0) {
        snprintf(err, errlen, "generation %zu: no proposal inside the priors' support", g);
        goto done;
      }
      if (s->sim(s->ctx, cand, n, first, r1, csims, csds, err, errlen) != 0)
        goto done;
      memset(alive, 1, n);
      if (r1 < reps) { /* stage 2 only for those that can still come within the tolerance */
        size_t k = 0;
        for (size_t i = 0; i < n; i++) {
          alive[i] = (unsigned char)screen_pass(s, csims + i * nt, var, r1, G->tolerance);
          if (alive[i]) {
            memcpy(cand2 + k * d, cand + i * d, d * sizeof *cand);
            idx[k++] = i;
          }
        }
        if (k > 0 &&
            s->sim(s->ctx, cand2, k, first + r1, reps - r1, c2sims, c2sds, err, errlen) != 0)
          goto done;
        for (size_t j = 0; j < k; j++) {
          size_t i = idx[j];
          combine(r1, csims + i * nt, csds + i * nt, reps - r1, c2sims + j * nt, c2sds + j * nt, nt,
                  csims + i * nt, csds + i * nt);
        }
      }
      for (size_t i = 0; i < n && cur.n < n; i++) {
        G->proposed++;
        if (!alive[i]) {
          G->screened++;
          continue;
        }
        int in;
        double dist = bs_abc_distance(s, csims + i * nt, &in);
        if (!(dist <= G->tolerance))
          continue;
        size_t a = cur.n++;
        memcpy(cur.theta + a * d, cand + i * d, d * sizeof *cand);
        memcpy(cur.sims + a * nt, csims + i * nt, nt * sizeof *csims);
        memcpy(cur.sds + a * nt, csds + i * nt, nt * sizeof *csds);
        cur.dist[a] = dist;
        cur.in[a] = in;
        cur.w[a] = new_log_weight(s, &prev, &K, cand + i * d, work);
      }
    }
    first += reps;
    used = first > used ? first : used;
    out->ngen = g + 1;
    if (cur.n < 2) { /* the tolerance could not be met: keep the previous generation */
      G->accepted = cur.n;
      G->acceptance_rate = G->proposed ? (double)cur.n / (double)G->proposed : NAN;
      G->ess = NAN;
      G->in_range = NAN;
      if (s->on_generation)
        s->on_generation(s->ctx, g, G);
      t = prev;
      prev = cur;
      cur = t;
      cur_reps = prev_reps;
      break;
    }
    normalise_log(cur.w, cur.n);
    summarise_gen(&cur, G);
    cur_reps = reps;
    out->converged = at_final && cur.n == n;
    if (s->on_generation)
      s->on_generation(s->ctx, g, G);
  }
  /* the check: the final particles on fresh replications */
  out->check_replications = BS_ABC_CHECK_FACTOR * cur_reps;
  out->check_first = first = used;
  out->check_sims = malloc(cur.n * (nt ? nt : 1) * sizeof *out->check_sims);
  if (!out->check_sims) {
    snprintf(err, errlen, "out of memory");
    goto done;
  }
  if (s->sim(s->ctx, cur.theta, cur.n, first, out->check_replications, out->check_sims, csds, err,
             errlen) != 0)
    goto done;
  out->check_in_range = 0;
  for (size_t i = 0; i < cur.n; i++) {
    int in;
    bs_abc_distance(s, out->check_sims + i * nt, &in);
    out->check_in_range += in ? cur.w[i] : 0;
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
  free(csds);
  free(u);
  free(cand2);
  free(c2sims);
  free(c2sds);
  free(idx);
  free(alive);
  free(gfac);
  free(K.L);
  free(K.logdet);
  free(cov);
  free(work);
  free(var);
  gsl_rng_free(r);
  if (rc != 0)
    bs_abc_result_free(out);
  return rc;
}
