/* experiment.c: see experiment.h. */
#include "app/experiment.h"

#include "analysis/csv.h"
#include "analysis/gsa.h"
#include "analysis/output.h"
#include "analysis/provenance.h"
#include "app/ranks.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The parameters and values of a sample file: every column whose header
 * contains a '.' is a parameter path (others, e.g. particle or weight, are
 * ignored); every row a set. */
static int load_sample(experiment *e, const char *path) {
  char err[ERRLEN];
  bs_csv t;
  int rc = bs_csv_load(path, &t, err, sizeof err);
  if (rc == 1)
    snprintf(err, sizeof err, "%s: no such file", path);
  if (rc != 0) {
    cli_error("%s", err);
    return -1;
  }
  size_t cols[BS_MAX_UNCERTAIN], n = 0;
  for (size_t c = 0; c < t.ncol; c++)
    if (strchr(t.cell[c], '.')) { /* row 0 is the header */
      if (n == BS_MAX_UNCERTAIN) {
        cli_error("%s: more than %d parameter columns", path, BS_MAX_UNCERTAIN);
        bs_csv_free(&t);
        return -1;
      }
      cols[n++] = c;
    }
  if (n == 0 || t.nrow < 2) {
    cli_error("%s:1: a sample needs parameter columns (headers such as trajectory.lock_in) and "
              "at least two rows",
              path);
    bs_csv_free(&t);
    return -1;
  }
  e->pars = calloc(n, sizeof *e->pars);
  e->sample = malloc(n * t.nrow * sizeof *e->sample);
  if (!e->pars || !e->sample) {
    cli_error("out of memory");
    bs_csv_free(&t);
    return -1;
  }
  e->npar = n;
  e->nsample = t.nrow;
  for (size_t j = 0; j < n; j++) {
    cfg_dist *d = &e->pars[j];
    snprintf(d->path, sizeof d->path, "%s", t.cell[cols[j]]);
    snprintf(d->where, sizeof d->where, "%s:1:%zu", path, cols[j] + 1);
    d->kind = CFG_DIST_UNIFORM;
    d->low = HUGE_VAL;
    d->high = -HUGE_VAL;
    for (size_t r = 0; r < t.nrow; r++) {
      double v = bs_csv_num(&t, r, (long)cols[j]);
      if (!isfinite(v)) {
        cli_error("%s:%zu: column %s: '%s' is not a number", path, r + 2, d->path,
                  bs_csv_get(&t, r, (long)cols[j]));
        bs_csv_free(&t);
        return -1;
      }
      e->sample[r * n + j] = v;
      d->low = v < d->low ? v : d->low;
      d->high = v > d->high ? v : d->high;
    }
  }
  bs_csv_free(&t);
  return 0;
}

int exp_load(experiment *e, const cli_opts *o, int calibrate_priors) {
  memset(e, 0, sizeof *e);
  e->runs = calloc(o->npos, sizeof *e->runs);
  if (!e->runs) {
    cli_error("out of memory");
    return -1;
  }
  e->nruns = o->npos;
  for (size_t i = 0; i < o->npos; i++)
    if (cli_load_run(o->pos[i], &e->runs[i]) != 0)
      return -1;
  bs_scenario_unique_labels(e->runs, e->nruns);
  if (o->sample) {
    if (load_sample(e, o->sample) != 0)
      return -1;
  } else {
    const bs_params *p = &e->runs[0].params;
    const cfg_dist *src = calibrate_priors ? p->calibrate.priors : p->uncertainty;
    e->npar = calibrate_priors ? p->calibrate.priors_n : p->uncertainty_n;
    if (e->npar == 0) {
      if (calibrate_priors)
        cli_error("%s has no 'calibrate: parameters:' (the parameters to fit, with their "
                  "priors; see docs/analysis.md)",
                  o->pos[0]);
      else
        cli_error("%s has no 'uncertainty:' section (plausible ranges of its parameters; see "
                  "docs/analysis.md) and no --sample was given",
                  o->pos[0]);
      return -1;
    }
    e->pars = malloc(e->npar * sizeof *e->pars);
    if (!e->pars) {
      cli_error("out of memory");
      return -1;
    }
    memcpy(e->pars, src, e->npar * sizeof *e->pars);
  }
  e->held = calloc(e->npar, sizeof *e->held);
  if (!e->held) {
    cli_error("out of memory");
    return -1;
  }
  e->job = (bs_unc_job){.variants = e->runs,
                        .nvar = e->nruns,
                        .pars = e->pars,
                        .npar = e->npar,
                        .held = e->held,
                        .check_range = !o->sample && !calibrate_priors,
                        .ro = cli_run_opts(o, NULL)};
  e->job.ro.progress = 0;
  e->job.ro.share = NULL; /* the points are shared out (exp_run), not their replications */
  char err[ERRLEN];
  if (bs_unc_prepare(&e->job, err, sizeof err) != 0) {
    cli_error("%s", err);
    return -1;
  }
  for (size_t j = 0; j < e->npar && !o->quiet && rank_id() == 0; j++)
    if (e->held[j] == BS_UNC_HELD_OUTSIDE)
      fprintf(stderr,
              "bijsim: note: %s is held at %s's own value, which lies outside its range "
              "(%s)\n",
              e->pars[j].path, e->runs[0].label, e->pars[j].where);
  return 0;
}

void exp_free(experiment *e) {
  free(e->runs);
  free(e->pars);
  free(e->held);
  free(e->sample);
  memset(e, 0, sizeof *e);
}

/* exp_run's points as rank_share's items. */
typedef struct points_ctx {
  const experiment *e;
  const double *vals;
  const size_t *first_rep;
  bs_unc_point *pts;
} points_ctx;

/* A point's result as bytes: its 4 x variants x indicators values (mean,
 * mcvar, dmean, dmcvar: one block), then events and wall seconds. */
static size_t point_values(const experiment *e) { return 4 * e->nruns * e->job.next; }

static int point_pack(void *vc, size_t k, void **buf, size_t *len) {
  const points_ctx *c = vc;
  size_t n = point_values(c->e);
  double *b = malloc((n + 2) * sizeof *b);
  if (!b)
    return -1;
  memcpy(b, c->pts[k].mean, n * sizeof *b);
  b[n] = (double)c->pts[k].events;
  b[n + 1] = c->pts[k].wall_seconds;
  *buf = b;
  *len = (n + 2) * sizeof *b;
  return 0;
}

static int point_store(void *vc, size_t k, const void *buf, size_t len, char *err, size_t errlen) {
  const points_ctx *c = vc;
  size_t n = point_values(c->e);
  if (len != (n + 2) * sizeof(double)) {
    snprintf(err, errlen, "internal error: a point's result of %zu bytes", len);
    return -1;
  }
  const double *b = buf;
  memcpy(c->pts[k].mean, b, n * sizeof *b);
  c->pts[k].events = (uint64_t)b[n];
  c->pts[k].wall_seconds = b[n + 1];
  return 0;
}

static int point_run(void *vc, size_t k, int keep, void **buf, size_t *len, char *err,
                     size_t errlen) {
  const points_ctx *c = vc;
  if (bs_unc_eval(&c->e->job, c->vals + k * c->e->npar, c->first_rep[k], &c->pts[k], err, errlen) !=
      0)
    return -1;
  if (!keep && point_pack(vc, k, buf, len) != 0) {
    snprintf(err, errlen, "out of memory");
    return -1;
  }
  return 0;
}

int exp_run(const experiment *e, const double *vals, const size_t *first_rep, size_t npoints,
            bs_unc_point *pts, const cli_opts *o, const char *what) {
  points_ctx c = {e, vals, first_rep, pts};
  /* every rank gets every result: calibrate's ranks go on to the same next
   * generation, and the output cannot depend on which rank ran which point */
  rank_work w = {.n = npoints,
                 .ctx = &c,
                 .run = point_run,
                 .store = point_store,
                 .pack = point_pack,
                 .item = what,
                 .progress = !o->quiet && isatty(STDERR_FILENO) && rank_id() == 0,
                 .what = what};
  char err[ERRLEN];
  if (rank_share(&w, err, sizeof err) != 0) {
    if (rank_id() == 0)
      cli_error("%s", err);
    return -1;
  }
  return 0;
}

json_t *exp_params_json(const experiment *e) {
  static const char *const kinds[] = CFG_DIST_NAMES;
  /* where each value comes from: the comment on its line in the first
   * scenario's files (they were just loaded; if they cannot be read again,
   * the sources are left out) */
  bs_sources src;
  char err[ERRLEN];
  int have_src = bs_sources_load(&src, e->runs[0].file, err, sizeof err) == 0;
  json_t *a = json_array();
  for (size_t j = 0; a && j < e->npar; j++) {
    const cfg_dist *d = &e->pars[j];
    json_t *p = json_pack("{s:o, s:s, s:f, s:f}", "path", bs_out_json_text(d->path), "dist",
                          e->sample ? "sample" : kinds[d->kind], "low", d->low, "high", d->high);
    int bad = !p;
    if (p && !e->sample && d->kind == CFG_DIST_TRIANGULAR)
      bad |= json_object_set_new(p, "mode", json_real(d->mode));
    if (p && !e->sample && d->kind == CFG_DIST_BETA) {
      bad |= json_object_set_new(p, "alpha", json_real(d->alpha));
      bad |= json_object_set_new(p, "beta", json_real(d->beta));
    }
    if (p) {
      static const char *const why[] = {NULL, "policy: the scenarios differ in it",
                                        "the scenario's value is outside the range"};
      bad |= json_object_set_new(p, "held", json_boolean(e->held[j] != 0));
      if (e->held[j])
        bad |= json_object_set_new(p, "held_because", json_string(why[e->held[j]]));
      bad |= json_object_set_new(p, "where", bs_out_json_text(d->where));
    }
    if (p && have_src) {
      bs_param_source ps;
      bs_sources_find(&src, d->path, &ps);
      bad |= json_object_set_new(p, "source", bs_out_json_text(ps.comment));
      bad |= json_object_set_new(p, "source_kind", json_string(bs_source_kind(ps.comment)));
      bad |= json_object_set_new(p, "source_at", bs_out_json_text(ps.where));
    }
    if (bad || json_array_append_new(a, p)) {
      json_decref(a);
      a = NULL;
    }
  }
  if (have_src)
    bs_sources_free(&src);
  return a;
}

bs_unc_point *exp_points_alloc(const experiment *e, size_t n) {
  bs_unc_point *pts = calloc(n ? n : 1, sizeof *pts);
  for (size_t k = 0; pts && k < n; k++)
    if (bs_unc_point_alloc(&e->job, &pts[k]) != 0) {
      exp_points_free(pts, k);
      pts = NULL;
    }
  if (!pts)
    cli_error("out of memory");
  return pts;
}

void exp_points_free(bs_unc_point *pts, size_t n) {
  for (size_t k = 0; pts && k < n; k++)
    bs_unc_point_free(&pts[k]);
  free(pts);
}

bs_outdir *exp_out_dir(const experiment *e, const cli_opts *o, const char *suffix) {
  if (rank_id() != 0) { /* writes nothing: an empty, unlocked directory */
    bs_outdir *d = calloc(1, sizeof *d);
    if (d)
      d->lock_fd = -1;
    else
      cli_error("out of memory");
    return d;
  }
  return cli_out_begin(o, "out/%s-%s", e->runs[0].params.run.name, suffix);
}

void exp_values(const experiment *e, const double *u, size_t n, double *vals) {
  for (size_t k = 0; k < n; k++)
    for (size_t j = 0; j < e->npar; j++)
      vals[k * e->npar + j] = bs_dist_value(&e->pars[j], u[k * e->npar + j]);
}

int exp_execute(const experiment *e, const cli_opts *o, const char *suffix, bs_outdir **dir,
                const double *vals, const size_t *first_rep, size_t n, bs_unc_point *pts,
                const char *what) {
  *dir = exp_out_dir(e, o, suffix);
  if (!*dir || exp_run(e, vals, first_rep, n, pts, o, what) != 0)
    return -1;
  return rank_id() != 0;
}

void exp_write_points(FILE *f, const experiment *e, const char *key, const double *vals, size_t n,
                      const double *output) {
  fprintf(f, "%s%s", key, output ? ",output" : "");
  for (size_t j = 0; j < e->npar; j++) {
    fputc(',', f);
    bs_csv_field(f, e->pars[j].path);
  }
  fputc('\n', f);
  for (size_t k = 0; k < n; k++) {
    fprintf(f, "%zu", k);
    if (output) {
      fputc(',', f);
      bs_out_num(f, output[k], "NA");
    }
    for (size_t j = 0; j < e->npar; j++) {
      fputc(',', f);
      bs_out_num(f, e->held[j] ? NAN : vals[k * e->npar + j], "NA");
    }
    fputc('\n', f);
  }
}

int exp_finish(experiment *e, bs_outdir *dir, bs_outset *set, FILE *js, const char *command,
               const cli_opts *o, const bs_unc_point *pts, size_t n, const json_t *extra) {
  if (!extra) {
    bs_out_abort(set);
    cli_error("out of memory writing run.json");
    return -1;
  }
  uint64_t events = 0;
  double wall = 0;
  for (size_t k = 0; k < n; k++) {
    events += pts[k].events;
    wall += pts[k].wall_seconds;
  }
  for (size_t v = 0; v < e->nruns; v++)
    e->runs[v].res.replications = o->replications;
  e->runs[0].res.events = events;
  if (cli_finish_outputs(set, js, command, o, e->runs, e->nruns, wall, extra) != 0)
    return -1;
  return cli_out_commit(dir, o);
}
