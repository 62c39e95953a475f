/* cmd_calibrate.c: `bijsim calibrate SCENARIO`: fits the parameters of the
 * scenario's `calibrate: parameters:` (with their priors) to its `targets:`
 * by ABC-SMC (analysis/calibrate.h). Every particle of a generation simulates
 * the same persons (replications g*R .. g*R+R-1 in generation g). */
#define _XOPEN_SOURCE 700 /* realpath */
#include "analysis/calibrate.h"
#include "analysis/csv.h"
#include "analysis/output.h"
#include "app/experiment.h"
#include "sim/config.h"

#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void usage(FILE *f) {
  fputs("usage: bijsim calibrate SCENARIO [--replications R] [--seed S] [--threads T] [--out DIR]\n"
        "                        [--report] [--quiet]\n"
        "\n"
        "Fits the parameters listed under 'calibrate: parameters:' (each with its prior) to\n"
        "the scenario's 'targets:' by approximate Bayesian computation (ABC-SMC): generation\n"
        "0 draws 'calibrate: population' particles from the priors, each later generation\n"
        "keeps particles whose standardised distance to the targets is below the 'quantile'\n"
        "of the previous distances, until 'target_share' of the particles have every target\n"
        "in its range or 'generations' are done. R replications per particle (default\n"
        "'calibrate: replications'); within a generation every particle simulates the same\n"
        "persons. Writes DIR/posterior.csv (the final particles with weights),\n"
        "DIR/posterior_sample.csv (resampled to equal weights: 'bijsim uncertainty --sample'),\n"
        "DIR/posterior_summary.csv, DIR/fit.csv (per target), DIR/generations.csv (tolerance,\n"
        "acceptance rate, effective sample size), DIR/fitted.yaml (extends SCENARIO with the\n"
        "posterior means) and DIR/run.json; DIR/report.html with --report. DIR defaults to\n"
        "out/NAME-calibrate.\n"
        "\n"
        "example: bijsim calibrate scenarios/gemeente3_2002.yaml --report\n",
        f);
}

typedef struct cal_ctx {
  const experiment *e;
  const size_t *ind; /* analysis indicator of each target */
  size_t nt;
  size_t R;
  bs_unc_point *pts; /* one per particle of a batch (population) */
  size_t *first;
  size_t npts;
  const cli_opts *o;
  size_t evaluated;
} cal_ctx;

/* A batch of particles through exp_run (so across MPI ranks too); every
 * particle of generation g uses replications g*R .. g*R+R-1. */
static int simulate(void *vctx, const double *theta, size_t n, size_t generation, double *sims,
                    char *err, size_t errlen) {
  cal_ctx *c = vctx;
  if (n > c->npts) {
    snprintf(err, errlen, "internal error: a batch of %zu particles", n);
    return -1;
  }
  for (size_t i = 0; i < n; i++)
    c->first[i] = generation * c->R;
  char what[64];
  snprintf(what, sizeof what, "generation %zu, particle", generation);
  if (exp_run(c->e, theta, c->first, n, c->pts, c->o, what) != 0) {
    snprintf(err, errlen, "generation %zu failed", generation);
    return -1;
  }
  for (size_t i = 0; i < n; i++)
    for (size_t t = 0; t < c->nt; t++)
      sims[i * c->nt + t] = c->pts[i].mean[c->ind[t]];
  c->evaluated += n;
  return 0;
}

typedef struct cal_out {
  const experiment *e;
  const bs_params *p;
  const bs_abc_result *res;
  const size_t *sample; /* resampled particle indices (population) */
  size_t nsample;
} cal_out;

static void write_posterior(FILE *f, const cal_out *c) {
  const bs_abc_result *r = c->res;
  fputs("particle,weight,distance", f);
  for (size_t k = 0; k < r->d; k++) {
    fputc(',', f);
    bs_csv_field(f, c->e->pars[k].path);
  }
  for (size_t t = 0; t < r->nt; t++)
    fprintf(f, ",sim_%s", c->p->targets[t].indicator);
  fputc('\n', f);
  for (size_t i = 0; i < r->n; i++) {
    fprintf(f, "%zu,", i);
    bs_out_num(f, r->weight[i], "NA");
    fputc(',', f);
    bs_out_num(f, r->distance[i], "NA");
    for (size_t k = 0; k < r->d; k++) {
      fputc(',', f);
      bs_out_num(f, r->theta[i * r->d + k], "NA");
    }
    for (size_t t = 0; t < r->nt; t++) {
      fputc(',', f);
      bs_out_num(f, r->sims[i * r->nt + t], "NA");
    }
    fputc('\n', f);
  }
}

static void write_sample(FILE *f, const cal_out *c) {
  const bs_abc_result *r = c->res;
  fputs("draw,particle", f);
  for (size_t k = 0; k < r->d; k++) {
    fputc(',', f);
    bs_csv_field(f, c->e->pars[k].path);
  }
  fputc('\n', f);
  for (size_t i = 0; i < c->nsample; i++) {
    fprintf(f, "%zu,%zu", i, c->sample[i]);
    for (size_t k = 0; k < r->d; k++) {
      fputc(',', f);
      bs_out_num(f, r->theta[c->sample[i] * r->d + k], "NA");
    }
    fputc('\n', f);
  }
}

static double weighted_mean(const double *x, size_t stride, const double *w, size_t n) {
  double m = 0;
  for (size_t i = 0; i < n; i++)
    m += w[i] * x[i * stride];
  return m;
}

static void write_marginals(FILE *f, const cal_out *c) {
  static const char *const kinds[] = CFG_DIST_NAMES;
  const bs_abc_result *r = c->res;
  fputs("parameter,prior,prior_low,prior_high,mean,q05,q50,q95\n", f);
  for (size_t k = 0; k < r->d; k++) {
    const cfg_dist *d = &c->e->pars[k];
    bs_csv_field(f, d->path);
    fprintf(f, ",%s,", kinds[d->kind]);
    const double v[] = {d->low,
                        d->high,
                        weighted_mean(r->theta + k, r->d, r->weight, r->n),
                        bs_weighted_quantile(r->theta + k, r->d, r->weight, r->n, 0.05),
                        bs_weighted_quantile(r->theta + k, r->d, r->weight, r->n, 0.5),
                        bs_weighted_quantile(r->theta + k, r->d, r->weight, r->n, 0.95)};
    for (size_t q = 0; q < sizeof v / sizeof v[0]; q++) {
      if (q)
        fputc(',', f);
      bs_out_num(f, v[q], "NA");
    }
    fputc('\n', f);
  }
}

static void write_fit(FILE *f, const cal_out *c) {
  const bs_abc_result *r = c->res;
  fputs("indicator,observed,low,high,mean,q05,q95,share_in_range\n", f);
  for (size_t t = 0; t < r->nt; t++) {
    const bs_target *tg = &c->p->targets[t];
    double in = 0;
    for (size_t i = 0; i < r->n; i++) {
      double s = r->sims[i * r->nt + t];
      in += s >= tg->low && s <= tg->high ? r->weight[i] : 0;
    }
    bs_csv_field(f, tg->indicator);
    const double v[] = {tg->observed,
                        tg->low,
                        tg->high,
                        weighted_mean(r->sims + t, r->nt, r->weight, r->n),
                        bs_weighted_quantile(r->sims + t, r->nt, r->weight, r->n, 0.05),
                        bs_weighted_quantile(r->sims + t, r->nt, r->weight, r->n, 0.95),
                        in};
    for (size_t q = 0; q < sizeof v / sizeof v[0]; q++) {
      fputc(',', f);
      bs_out_num(f, v[q], "NA");
    }
    fputc('\n', f);
  }
}

static void write_generations(FILE *f, const bs_abc_result *r) {
  fputs("generation,tolerance,proposed,accepted,acceptance_rate,ess,share_in_range\n", f);
  for (size_t g = 0; g < r->ngen; g++) {
    const bs_abc_generation *G = &r->gen[g];
    fprintf(f, "%zu,", g);
    bs_out_num(f, isfinite(G->tolerance) ? G->tolerance : NAN, "NA");
    fprintf(f, ",%zu,%zu,", G->proposed, G->accepted);
    bs_out_num(f, G->acceptance_rate, "NA");
    fputc(',', f);
    bs_out_num(f, G->ess, "NA");
    fputc(',', f);
    bs_out_num(f, G->in_range, "NA");
    fputc('\n', f);
  }
}

/* The path of `target` relative to the output directory (both made
 * absolute; the directory need not exist yet, its parent does). */
static int relative_path(const bs_outdir *od, const char *target, char *out, size_t len) {
  char d[PATH_MAX], t[PATH_MAX], p[PATH_MAX];
  if (!realpath(od->parent, p) || !realpath(target, t))
    return -1;
  if (snprintf(d, sizeof d, "%s/%s", p, od->base) >= (int)sizeof d)
    return -1;
  size_t common = 0;
  for (size_t i = 0; d[i] && d[i] == t[i]; i++)
    if (d[i] == '/')
      common = i;
  if (d[strlen(d)] == 0 && t[strlen(d)] == '/' && !strncmp(d, t, strlen(d)))
    common = strlen(d);
  size_t up = 0;
  for (size_t i = common; d[i]; i++)
    up += d[i] == '/';
  size_t pos = 0;
  out[0] = 0;
  for (size_t i = 0; i < up && pos + 3 < len; i++)
    pos += (size_t)snprintf(out + pos, len - pos, "../");
  snprintf(out + pos, len - pos, "%s", t + common + 1);
  return 0;
}

static int cmp_path(const void *a, const void *b) {
  return strcmp(((const cfg_dist *const *)a)[0]->path, ((const cfg_dist *const *)b)[0]->path);
}

/* fitted.yaml: `extends` the scenario, and the posterior means as nested
 * mappings (paths sorted, so a section's keys are written together). */
static void write_fitted(FILE *f, const cal_out *c, const char *extends) {
  const bs_abc_result *r = c->res;
  fprintf(f, "# Written by bijsim calibrate: the posterior means of the calibrated parameters\n"
             "# (posterior_summary.csv has their 90%% intervals, fit.csv the fit per target).\n"
             "extends: ");
  bs_csv_field(f, extends);
  fprintf(f, "\nrun:\n  name: %s_fitted\n", c->p->run.name);
  const cfg_dist *order[BS_MAX_CALIBRATE];
  for (size_t k = 0; k < r->d; k++)
    order[k] = &c->e->pars[k];
  qsort(order, r->d, sizeof *order, cmp_path);
  const char *prev = "run.name";
  for (size_t q = 0; q < r->d; q++) {
    const char *path = order[q]->path;
    size_t k = (size_t)(order[q] - c->e->pars);
    /* segments shared with the previous path are already open */
    size_t depth = 0, i = 0, shared = 0;
    while (path[i] && prev[i] == path[i]) {
      if (path[i] == '.')
        shared = i + 1;
      i++;
    }
    for (size_t j = 0; j < shared; j++)
      depth += path[j] == '.';
    for (const char *s = path + shared;;) {
      const char *dot = strchr(s, '.');
      size_t len = dot ? (size_t)(dot - s) : strlen(s);
      fprintf(f, "%*s%.*s:", (int)(2 * depth), "", (int)len, s);
      if (!dot)
        break;
      fputc('\n', f);
      depth++;
      s = dot + 1;
    }
    double m = weighted_mean(r->theta + k, r->d, r->weight, r->n);
    if (order[q]->type == CFG_T_INT)
      fprintf(f, " %.0f\n", floor(m + 0.5));
    else
      fprintf(f, " %.10g\n", m);
    prev = path;
  }
}

int cmd_calibrate(int argc, char **argv) {
  cli_opts o;
  int st = cli_begin("calibrate", argc, argv, OPT_ANALYSIS, usage, &o);
  if (st != CLI_GO_ON)
    return st;
  if (o.npos != 1) {
    cli_error("calibrate needs one scenario file (see 'bijsim calibrate --help')");
    return 2;
  }
  experiment e;
  int rc = 1;
  bs_abc_result res = {0};
  size_t *sample = NULL;
  double *observed = NULL;
  size_t ind[BS_MAX_TARGETS];
  bs_outset set = {0};
  bs_outdir *dir = NULL;
  json_t *extra = NULL;
  char err[ERRLEN];
  cal_ctx cc = {0};
  if (exp_load(&e, &o, 1) != 0)
    goto done;
  const bs_params *p = &e.runs[0].params;
  const bs_calibrate_params *cp = &p->calibrate;
  if (p->targets_n == 0) {
    cli_error("%s has no 'targets:' to calibrate against", o.pos[0]);
    goto done;
  }
  if (!o.replications_set)
    o.replications = (size_t)cp->replications;
  e.job.ro.replications = o.replications;
  observed = malloc(3 * p->targets_n * sizeof *observed);
  cc.npts = (size_t)cp->population;
  cc.pts = exp_points_alloc(&e, cc.npts);
  cc.first = malloc(cc.npts * sizeof *cc.first);
  if (!observed || !cc.pts || !cc.first) {
    cli_error("out of memory");
    goto done;
  }
  double *low = observed + p->targets_n, *high = low + p->targets_n;
  for (size_t t = 0; t < p->targets_n; t++) {
    ind[t] = (size_t)bs_ext_index(p->targets[t].indicator); /* checked when loaded */
    observed[t] = p->targets[t].observed;
    low[t] = p->targets[t].low;
    high[t] = p->targets[t].high;
  }
  cc.e = &e;
  cc.ind = ind;
  cc.nt = p->targets_n;
  cc.R = o.replications;
  cc.o = &o;
  bs_abc_setup su = {.priors = e.pars,
                     .d = e.npar,
                     .observed = observed,
                     .low = low,
                     .high = high,
                     .nt = p->targets_n,
                     .population = (size_t)cp->population,
                     .generations = (size_t)cp->generations,
                     .quantile = cp->quantile,
                     .target_share = cp->target_share,
                     .max_batches = 10,
                     .seed = o.seed,
                     .sim = simulate,
                     .ctx = &cc};
  dir = exp_out_dir(&e, &o, "calibrate");
  if (!dir)
    goto done;
  if (bs_abc_run(&su, &res, err, sizeof err) != 0) {
    if (rank_id() == 0)
      cli_error("%s", err);
    goto done;
  }
  if (rank_id() != 0) { /* the other MPI ranks are done */
    rc = 0;
    goto done;
  }
  sample = malloc(su.population * sizeof *sample);
  if (!sample) {
    cli_error("out of memory");
    goto done;
  }
  bs_resample_systematic(res.weight, res.n, su.population, 0.5, sample);
  cal_out co = {&e, p, &res, sample, su.population};
  char extends[PATH_MAX];
  if (relative_path(dir, o.pos[0], extends, sizeof extends) != 0)
    snprintf(extends, sizeof extends, "%s", o.pos[0]);
  const char *names[] = {"posterior.csv", "posterior_sample.csv", "posterior_summary.csv",
                         "fit.csv",       "generations.csv",      "fitted.yaml",
                         "run.json"};
  FILE *f[7];
  for (size_t i = 0; i < 7; i++)
    if (!(f[i] = bs_out_open(&set, dir, names[i], err, sizeof err))) {
      bs_out_abort(&set);
      cli_error("%s", err);
      goto done;
    }
  write_posterior(f[0], &co);
  write_sample(f[1], &co);
  write_marginals(f[2], &co);
  write_fit(f[3], &co);
  write_generations(f[4], &res);
  write_fitted(f[5], &co, extends);
  json_t *params = exp_params_json(&e);
  extra = params ? json_pack("{s:{s:I, s:I, s:I, s:f, s:f, s:I, s:I, s:o}}", "calibrate",
                             "population", (json_int_t)su.population, "generations_run",
                             (json_int_t)res.ngen, "replications_per_particle",
                             (json_int_t)o.replications, "quantile", su.quantile, "target_share",
                             su.target_share, "simulated_particles", (json_int_t)cc.evaluated,
                             "final_particles", (json_int_t)res.n, "parameters", params)
                 : NULL;
  if (exp_finish(&e, dir, &set, f[6], "calibrate", &o, NULL, 0, extra) != 0)
    goto done;
  if (!o.quiet)
    fprintf(stderr,
            "bijsim: wrote %s/posterior.csv, posterior_sample.csv, posterior_summary.csv, fit.csv, "
            "generations.csv, fitted.yaml and run.json (%zu generations, %zu particles "
            "simulated)\n",
            dir->shown, res.ngen, cc.evaluated);
  cli_report_note(dir, &o);
  rc = 0;
done:
  cli_out_end(dir);
  json_decref(extra);
  exp_points_free(cc.pts, cc.pts ? cc.npts : 0);
  free(cc.first);
  bs_abc_result_free(&res);
  free(sample);
  free(observed);
  exp_free(&e);
  return rc;
}
