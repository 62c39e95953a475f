/* experiment.c: see experiment.h. */
#include "app/experiment.h"

#include "analysis/csv.h"
#include "analysis/gsa.h"
#include "analysis/output.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#ifdef BIJSIM_MPI
#include <mpi.h>
#endif

int exp_rank(void) {
#ifdef BIJSIM_MPI
  int init = 0, rank = 0;
  MPI_Initialized(&init);
  if (init)
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  return rank;
#else
  return 0;
#endif
}

#ifdef BIJSIM_MPI
static int exp_size(void) {
  int init = 0, size = 1;
  MPI_Initialized(&init);
  if (init)
    MPI_Comm_size(MPI_COMM_WORLD, &size);
  return size;
}
#endif

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
  char err[ERRLEN];
  if (bs_unc_prepare(&e->job, err, sizeof err) != 0) {
    cli_error("%s", err);
    return -1;
  }
  for (size_t j = 0; j < e->npar && !o->quiet && exp_rank() == 0; j++)
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

/* One process: the points in order. */
static int run_serial(const experiment *e, const double *vals, const size_t *first_rep,
                      size_t npoints, bs_unc_point *pts, int progress, const char *what) {
  char err[ERRLEN];
  for (size_t k = 0; k < npoints; k++) {
    if (progress)
      fprintf(stderr, "\rbijsim: %s %zu/%zu", what, k + 1, npoints);
    if (bs_unc_eval(&e->job, vals + k * e->npar, first_rep[k], &pts[k], err, sizeof err) != 0) {
      if (progress)
        fputc('\n', stderr);
      cli_error("%s %zu: %s", what, k, err);
      return -1;
    }
  }
  if (progress)
    fputc('\n', stderr);
  return 0;
}

#ifdef BIJSIM_MPI
enum { TAG_TASK = 1, TAG_HEAD, TAG_DATA, TAG_ERR };

/* Rank 0 hands out point indices one at a time to the other ranks as they
 * finish (dynamic: a slow point does not hold up the rest) and collects the
 * results; then every rank receives every result, so that all ranks go on
 * identically (calibrate's next generation depends on them) and the output
 * cannot depend on which rank ran which point. */
static int run_mpi(const experiment *e, const double *vals, const size_t *first_rep, size_t npoints,
                   bs_unc_point *pts, int progress, const char *what) {
  int rank = exp_rank(), size = exp_size();
  size_t n = 4 * e->nruns * e->job.next; /* mean, mcvar, dmean, dmcvar */
  int failed = 0;
  char err[2 * ERRLEN] = "";
  if (rank == 0) {
    size_t next = 0, done = 0;
    int active = 0;
    for (int w = 1; w < size; w++) {
      long task = next < npoints ? (long)next++ : -1;
      MPI_Send(&task, 1, MPI_LONG, w, TAG_TASK, MPI_COMM_WORLD);
      active += task >= 0;
    }
    while (active > 0) {
      double head[4]; /* point, ok, events, wall */
      MPI_Status st;
      MPI_Recv(head, 4, MPI_DOUBLE, MPI_ANY_SOURCE, TAG_HEAD, MPI_COMM_WORLD, &st);
      size_t k = (size_t)head[0];
      if (head[1] != 0) {
        MPI_Recv(pts[k].mean, (int)n, MPI_DOUBLE, st.MPI_SOURCE, TAG_DATA, MPI_COMM_WORLD,
                 MPI_STATUS_IGNORE);
        pts[k].events = (uint64_t)head[2];
        pts[k].wall_seconds = head[3];
      } else {
        char msg[ERRLEN];
        MPI_Recv(msg, ERRLEN, MPI_CHAR, st.MPI_SOURCE, TAG_ERR, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
        if (!failed)
          snprintf(err, sizeof err, "%s %zu: %s", what, k, msg);
        failed = 1;
      }
      if (progress)
        fprintf(stderr, "\rbijsim: %s %zu/%zu (%d ranks)", what, ++done, npoints, size);
      long task = next < npoints && !failed ? (long)next++ : -1;
      MPI_Send(&task, 1, MPI_LONG, st.MPI_SOURCE, TAG_TASK, MPI_COMM_WORLD);
      active -= task < 0;
    }
    if (progress)
      fputc('\n', stderr);
  } else {
    for (;;) {
      long task;
      MPI_Recv(&task, 1, MPI_LONG, 0, TAG_TASK, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
      if (task < 0)
        break;
      size_t k = (size_t)task;
      char msg[ERRLEN] = "";
      int ok =
          bs_unc_eval(&e->job, vals + k * e->npar, first_rep[k], &pts[k], msg, sizeof msg) == 0;
      double head[4] = {(double)k, ok, (double)pts[k].events, pts[k].wall_seconds};
      MPI_Send(head, 4, MPI_DOUBLE, 0, TAG_HEAD, MPI_COMM_WORLD);
      if (ok)
        MPI_Send(pts[k].mean, (int)n, MPI_DOUBLE, 0, TAG_DATA, MPI_COMM_WORLD);
      else
        MPI_Send(msg, ERRLEN, MPI_CHAR, 0, TAG_ERR, MPI_COMM_WORLD);
    }
  }
  MPI_Bcast(&failed, 1, MPI_INT, 0, MPI_COMM_WORLD);
  if (failed) {
    if (rank == 0)
      cli_error("%s", err);
    return -1;
  }
  for (size_t k = 0; k < npoints; k++) {
    double ew[2] = {(double)pts[k].events, pts[k].wall_seconds};
    MPI_Bcast(pts[k].mean, (int)n, MPI_DOUBLE, 0, MPI_COMM_WORLD);
    MPI_Bcast(ew, 2, MPI_DOUBLE, 0, MPI_COMM_WORLD);
    pts[k].events = (uint64_t)ew[0];
    pts[k].wall_seconds = ew[1];
  }
  return 0;
}
#endif

int exp_run(const experiment *e, const double *vals, const size_t *first_rep, size_t npoints,
            bs_unc_point *pts, const cli_opts *o, const char *what) {
  int progress = !o->quiet && isatty(STDERR_FILENO) && exp_rank() == 0;
#ifdef BIJSIM_MPI
  if (exp_size() > 1)
    return run_mpi(e, vals, first_rep, npoints, pts, progress, what);
#endif
  return run_serial(e, vals, first_rep, npoints, pts, progress, what);
}

json_t *exp_params_json(const experiment *e) {
  static const char *const kinds[] = CFG_DIST_NAMES;
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
    if (bad || json_array_append_new(a, p)) {
      json_decref(a);
      a = NULL;
    }
  }
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
  if (exp_rank() != 0) { /* writes nothing: an empty, unlocked directory */
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
  return exp_rank() != 0;
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
