/* uncertainty.c: see uncertainty.h. */
#include "analysis/uncertainty.h"

#include "analysis/compare.h"
#include "analysis/gsa.h"
#include "analysis/stats.h"
#include "sim/config.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int bs_unc_set(bs_params *p, const char *path, double v, char *err, size_t errlen) {
  char text[64];
  if (v == floor(v) && fabs(v) < 1e15)
    snprintf(text, sizeof text, "%.0f", v);
  else
    snprintf(text, sizeof text, "%.17g", v);
  return bs_params_set(p, path, text, err, errlen);
}

/* The value of a dotted parameter path as bs_params_json writes it, as text
 * (so that any kind of value compares), or NULL. The caller frees it. */
static char *value_text(const bs_params *p, const char *path) {
  long n = bs_params_json(p, NULL, 0);
  char *buf = n >= 0 ? malloc((size_t)n + 1) : NULL;
  char *out = NULL;
  if (!buf || bs_params_json(p, buf, (size_t)n + 1) != n) {
    free(buf);
    return NULL;
  }
  json_t *root = json_loadb(buf, (size_t)n, 0, NULL);
  free(buf);
  const json_t *v = root;
  char seg[96];
  for (const char *s = path; v && *s;) {
    const char *dot = strchr(s, '.');
    size_t k = dot ? (size_t)(dot - s) : strlen(s);
    snprintf(seg, sizeof seg, "%.*s", (int)k, s);
    v = json_object_get(v, seg);
    s = dot ? dot + 1 : s + k;
  }
  if (v)
    out = json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT | JSON_REAL_PRECISION(17));
  json_decref(root);
  return out;
}

int bs_unc_prepare(bs_unc_job *job, char *err, size_t errlen) {
  job->next = bs_ext_count();
  for (size_t j = 0; j < job->npar; j++) {
    const char *path = job->pars[j].path;
    char *first = value_text(&job->variants[0].params, path);
    if (!first) {
      snprintf(err, errlen, "parameter '%s' is not a key of scenario '%s'", path,
               job->variants[0].label);
      return -1;
    }
    job->held[j] = BS_UNC_VARIED;
    double own = strtod(first, NULL);
    if (job->check_range && !(own >= job->pars[j].low && own <= job->pars[j].high))
      job->held[j] = BS_UNC_HELD_OUTSIDE;
    for (size_t v = 1; v < job->nvar; v++) {
      char *other = value_text(&job->variants[v].params, path);
      if (!other || strcmp(first, other) != 0)
        job->held[j] = BS_UNC_HELD_POLICY;
      free(other);
    }
    free(first);
    /* the parameter can be set on every variant (its whole range is checked
     * by the schema; the cross-key rules at the ends of the range here) */
    const cfg_dist *d = &job->pars[j];
    double ends[2] = {d->low, d->high};
    for (size_t v = 0; v < job->nvar && !job->held[j] && d->high > d->low; v++)
      for (int e = 0; e < 2; e++) {
        bs_params p = job->variants[v].params;
        char msg[512];
        if (bs_unc_set(&p, path, bs_dist_value(d, e), msg, sizeof msg) != 0) {
          snprintf(err, errlen, "%s: the range of '%s' in scenario '%s' (value %g): %s", d->where,
                   path, job->variants[v].label, ends[e], msg);
          return -1;
        }
      }
  }
  return 0;
}

int bs_unc_point_alloc(const bs_unc_job *job, bs_unc_point *pt) {
  size_t n = job->nvar * job->next;
  memset(pt, 0, sizeof *pt);
  pt->mean = malloc(4 * (n ? n : 1) * sizeof *pt->mean);
  if (!pt->mean)
    return -1;
  pt->mcvar = pt->mean + n;
  pt->dmean = pt->mcvar + n;
  pt->dmcvar = pt->dmean + n;
  return 0;
}

void bs_unc_point_free(bs_unc_point *pt) {
  free(pt->mean);
  memset(pt, 0, sizeof *pt);
}

/* Mean and Monte Carlo variance of the mean from a summary. */
static void put_summary(const bs_summary *s, double *m, double *v) {
  *m = s->mean;
  *v = s->n >= 2 ? s->sd * s->sd / (double)s->n : NAN;
}

int bs_unc_eval(const bs_unc_job *job, const double *vals, size_t first_rep, bs_unc_point *pt,
                char *err, size_t errlen) {
  bs_scenario_run *runs = calloc(2, sizeof *runs); /* [0] the first variant, [1] the current */
  if (!runs) {
    snprintf(err, errlen, "out of memory");
    return -1;
  }
  int rc = 0;
  pt->events = 0;
  pt->wall_seconds = 0;
  for (size_t v = 0; v < job->nvar && rc == 0; v++) {
    bs_scenario_run *r = &runs[v == 0 ? 0 : 1];
    r->params = job->variants[v].params;
    snprintf(r->label, sizeof r->label, "%s", job->variants[v].label);
    char msg[768];
    for (size_t j = 0; j < job->npar && rc == 0; j++)
      if (!job->held[j] && bs_unc_set(&r->params, job->pars[j].path, vals[j], msg, sizeof msg)) {
        snprintf(err, errlen, "scenario '%s', %s = %.17g: %s", r->label, job->pars[j].path, vals[j],
                 msg);
        rc = -1;
      }
    bs_run_opts ro = job->ro;
    ro.first_replication = first_rep;
    if (rc == 0 && bs_scenario_execute(r, &ro, err, errlen) != 0)
      rc = -1;
    if (rc != 0)
      break;
    pt->events += r->res.events;
    pt->wall_seconds += r->res.wall_seconds;
    for (size_t i = 0; i < job->next; i++) {
      size_t at = v * job->next + i;
      bs_summary s;
      bs_summarise(r->ext + i, r->res.replications, r->next, &s);
      put_summary(&s, &pt->mean[at], &pt->mcvar[at]);
      pt->dmean[at] = pt->dmcvar[at] = NAN;
      if (v > 0) {
        bs_compare_diff(&runs[0], r, i, &s);
        put_summary(&s, &pt->dmean[at], &pt->dmcvar[at]);
      }
    }
    if (v > 0)
      bs_scenario_free(r);
  }
  bs_scenario_free(&runs[0]);
  bs_scenario_free(&runs[1]);
  free(runs);
  return rc;
}

void bs_unc_summarise(const double *m, const double *v, size_t n, size_t stride,
                      bs_unc_summary *out) {
  double *x = malloc((n ? n : 1) * sizeof *x);
  bs_summary s;
  bs_summarise(m, n, stride, &s);
  out->mean = s.mean;
  out->sd = s.sd;
  out->n = s.n;
  double mc = 0;
  size_t k = 0;
  for (size_t i = 0; i < n; i++)
    if (!isnan(m[i * stride]) && !isnan(v[i * stride])) {
      mc += v[i * stride];
      k++;
    }
  out->mc_sd = k ? sqrt(mc / (double)k) : NAN;
  double pv = out->sd * out->sd - out->mc_sd * out->mc_sd;
  out->param_sd = isnan(pv) ? NAN : sqrt(pv > 0 ? pv : 0);
  out->low = out->high = out->same_sign = NAN;
  if (!x)
    return;
  for (size_t i = 0; i < n; i++)
    x[i] = m[i * stride];
  out->low = bs_quantile(x, n, 0.025);
  out->high = bs_quantile(x, n, 0.975);
  if (s.n > 0 && s.mean != 0 && !isnan(s.mean)) {
    size_t same = 0;
    for (size_t i = 0; i < n; i++)
      same += !isnan(x[i]) && (s.mean > 0 ? x[i] > 0 : x[i] < 0);
    out->same_sign = (double)same / (double)s.n;
  }
  free(x);
}
