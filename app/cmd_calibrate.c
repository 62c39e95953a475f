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
        "the scenario's 'targets:' (all but those under 'calibrate: exclude:') by approximate\n"
        "Bayesian computation (ABC-SMC): generation 0 draws 'calibrate: population' particles\n"
        "from the priors, each later generation keeps particles whose distance to the targets\n"
        "is below the 'quantile' of the previous distances, but never below the final\n"
        "'tolerance'. Distance 'range' (the default): the worst target's distance from the\n"
        "middle of its range in half ranges, so a tolerance of 1 means every target inside\n"
        "its range. The run stops when a full generation is at the final tolerance, or after\n"
        "'generations'. R replications per particle in generation 0 (default 'calibrate:\n"
        "replications'), then as many as keep the Monte Carlo error of every target within\n"
        "'noise' x the tolerance, up to 'max_replications'; within a generation every particle\n"
        "simulates the same persons. The final particles are run once more on fresh\n"
        "replications (the check). Writes DIR/posterior.csv (the final particles with\n"
        "weights), DIR/posterior_sample.csv (resampled to equal weights: 'bijsim uncertainty\n"
        "--sample'), DIR/posterior_summary.csv, DIR/fit.csv (per target, with the check),\n"
        "DIR/generations.csv (tolerance, replications, acceptance rate, effective sample\n"
        "size), DIR/fitted.yaml (extends SCENARIO with the posterior means) and DIR/run.json;\n"
        "DIR/report.html with --report. DIR defaults to out/NAME-calibrate.\n"
        "\n"
        "example: bijsim calibrate bench/gemeente3_calibrate.yaml --report\n",
        f);
}

typedef struct cal_ctx {
  experiment *e;
  const size_t *ind; /* analysis indicator of each target */
  size_t nt;
  bs_unc_point *pts; /* one per particle of a batch (population) */
  size_t *first;
  size_t npts;
  const cli_opts *o;
  size_t evaluated, replications; /* particles simulated, replications run */
} cal_ctx;

/* A batch of particles through exp_run (so across MPI ranks too); every
 * particle runs replications first_rep .. first_rep + reps - 1. */
static int simulate(void *vctx, const double *theta, size_t n, size_t first_rep, size_t reps,
                    double *sims, double *sds, char *err, size_t errlen) {
  cal_ctx *c = vctx;
  if (n > c->npts) {
    snprintf(err, errlen, "internal error: a batch of %zu particles", n);
    return -1;
  }
  for (size_t i = 0; i < n; i++)
    c->first[i] = first_rep;
  c->e->job.ro.replications = reps;
  char what[96];
  snprintf(what, sizeof what, "replications %zu-%zu, particle", first_rep, first_rep + reps - 1);
  if (exp_run(c->e, theta, c->first, n, c->pts, c->o, what) != 0) {
    snprintf(err, errlen, "replications %zu-%zu failed", first_rep, first_rep + reps - 1);
    return -1;
  }
  for (size_t i = 0; i < n; i++)
    for (size_t t = 0; t < c->nt; t++) {
      sims[i * c->nt + t] = c->pts[i].mean[c->ind[t]];
      /* mcvar is the variance of the mean, sd^2 / reps (NaN for one replication) */
      sds[i * c->nt + t] = sqrt(c->pts[i].mcvar[c->ind[t]] * (double)reps);
    }
  c->evaluated += n;
  c->replications += n * reps;
  return 0;
}

/* A line per generation on stderr (unless --quiet): long runs show where
 * they are. */
static void progress(void *vctx, size_t g, const bs_abc_generation *G) {
  const cal_ctx *c = vctx;
  if (c->o->quiet || rank_id() != 0)
    return;
  fprintf(stderr,
          "bijsim: generation %zu: tolerance %.4g, %zu replications per particle, %zu of %zu "
          "accepted (%zu screened out), ESS %.1f, %.0f%% with every target in range\n",
          g, G->tolerance, G->replications, G->accepted, G->proposed, G->screened, G->ess,
          100 * G->in_range);
}

typedef struct cal_out {
  const experiment *e;
  const bs_params *p;
  const bs_abc_result *res;
  const size_t *sample; /* resampled particle indices (population) */
  size_t nsample;
  const int *fitted; /* per target */
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

/* The entry of `calibrate: exclude:` naming the target, or -1. */
static long excluded_at(const bs_params *p, const char *indicator) {
  for (size_t i = 0; i < p->calibrate.exclude_n; i++)
    if (!strcmp(p->calibrate.exclude[i].indicator, indicator))
      return (long)i;
  return -1;
}

/* The reason a target is not fitted, or "". */
static const char *exclusion(const bs_params *p, const char *indicator) {
  long i = excluded_at(p, indicator);
  return i < 0 ? "" : p->calibrate.exclude[i].reason;
}

/* Weighted share of the particles whose value of target t (in sims) lies in
 * its range. */
static double share_in(const bs_abc_result *r, const double *sims, size_t t, const bs_target *tg) {
  double in = 0;
  for (size_t i = 0; i < r->n; i++) {
    double s = sims[i * r->nt + t];
    in += s >= tg->low && s <= tg->high ? r->weight[i] : 0;
  }
  return in;
}

static void write_fit(FILE *f, const cal_out *c) {
  const bs_abc_result *r = c->res;
  fputs("indicator,observed,low,high,mean,q05,q95,share_in_range,fitted,check_mean,"
        "check_share_in_range,not_fitted_because\n",
        f);
  for (size_t t = 0; t < r->nt; t++) {
    const bs_target *tg = &c->p->targets[t];
    bs_csv_field(f, tg->indicator);
    const double v[] = {tg->observed,
                        tg->low,
                        tg->high,
                        weighted_mean(r->sims + t, r->nt, r->weight, r->n),
                        bs_weighted_quantile(r->sims + t, r->nt, r->weight, r->n, 0.05),
                        bs_weighted_quantile(r->sims + t, r->nt, r->weight, r->n, 0.95),
                        share_in(r, r->sims, t, tg),
                        c->fitted[t],
                        weighted_mean(r->check_sims + t, r->nt, r->weight, r->n),
                        share_in(r, r->check_sims, t, tg)};
    for (size_t q = 0; q < sizeof v / sizeof v[0]; q++) {
      fputc(',', f);
      bs_out_num(f, v[q], "NA");
    }
    fputc(',', f);
    bs_csv_field(f, exclusion(c->p, tg->indicator));
    fputc('\n', f);
  }
}

static void write_generations(FILE *f, const bs_abc_result *r) {
  fputs("generation,tolerance,replications,first_replication,reevaluated,proposed,screened_out,"
        "accepted,acceptance_rate,ess,share_in_range\n",
        f);
  for (size_t g = 0; g < r->ngen; g++) {
    const bs_abc_generation *G = &r->gen[g];
    fprintf(f, "%zu,", g);
    bs_out_num(f, isfinite(G->tolerance) ? G->tolerance : NAN, "NA");
    fprintf(f, ",%zu,%zu,%zu,%zu,%zu,%zu,", G->replications, G->first_replication, G->reevaluated,
            G->proposed, G->screened, G->accepted);
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
  int fitted[BS_MAX_TARGETS];
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
    fitted[t] = excluded_at(p, p->targets[t].indicator) < 0;
  }
  cc.e = &e;
  cc.ind = ind;
  cc.nt = p->targets_n;
  cc.o = &o;
  bs_abc_setup su = {.priors = e.pars,
                     .d = e.npar,
                     .observed = observed,
                     .low = low,
                     .high = high,
                     .fitted = fitted,
                     .nt = p->targets_n,
                     .distance = cp->distance == BS_CAL_DIST_RMS ? BS_ABC_RMS : BS_ABC_RANGE,
                     .crn =
                         cp->crn == BS_CAL_CRN_GENERATION ? BS_ABC_CRN_GENERATION : BS_ABC_CRN_RUN,
                     .final_tolerance = cp->tolerance,
                     .population = (size_t)cp->population,
                     .generations = (size_t)cp->generations,
                     .quantile = cp->quantile,
                     .target_share = cp->target_share,
                     .max_batches = (size_t)cp->max_batches,
                     .replications = o.replications,
                     .max_replications = (size_t)cp->max_replications,
                     .noise = cp->noise,
                     .seed = o.seed,
                     .sim = simulate,
                     .ctx = &cc,
                     .on_generation = progress};
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
  cal_out co = {&e, p, &res, sample, su.population, fitted};
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
  json_t *params = exp_params_json(&e), *excluded = json_array();
  for (size_t i = 0; excluded && i < cp->exclude_n; i++)
    if (json_array_append_new(excluded,
                              json_pack("{s:o, s:o}", "indicator",
                                        bs_out_json_text(cp->exclude[i].indicator), "reason",
                                        bs_out_json_text(cp->exclude[i].reason)))) {
      json_decref(excluded);
      excluded = NULL;
    }
  static const char *const dist_names[] = {"range", "rms"};
  static const char *const crn_names[] = {"run", "generation"};
  extra =
      params && excluded
          ? json_pack("{s:{s:I, s:I, s:I, s:I, s:f, s:s, s:s, s:f, s:f, s:f, s:b, s:I, "
                      "s:I, s:I, s:{s:I, s:I, s:f}, s:o, s:o}}",
                      "calibrate", "population", (json_int_t)su.population, "generations_run",
                      (json_int_t)res.ngen, "replications_per_particle", (json_int_t)o.replications,
                      "max_replications", (json_int_t)su.max_replications, "noise", su.noise,
                      "distance", dist_names[su.distance], "common_random_numbers",
                      crn_names[su.crn], "tolerance", su.final_tolerance, "quantile", su.quantile,
                      "target_share", su.target_share, "converged", res.converged,
                      "simulated_particles", (json_int_t)cc.evaluated, "simulated_replications",
                      (json_int_t)cc.replications, "final_particles", (json_int_t)res.n, "check",
                      "replications", (json_int_t)res.check_replications, "first_replication",
                      (json_int_t)res.check_first, "share_in_range", res.check_in_range,
                      "excluded_targets", excluded, "parameters", params)
          : NULL;
  if (!extra) {
    json_decref(params);
    json_decref(excluded);
  }
  if (exp_finish(&e, dir, &set, f[6], "calibrate", &o, NULL, 0, extra) != 0)
    goto done;
  if (!o.quiet) {
    fprintf(stderr,
            "bijsim: wrote %s/posterior.csv, posterior_sample.csv, posterior_summary.csv, fit.csv, "
            "generations.csv, fitted.yaml and run.json (%zu generations, %zu particles, %zu "
            "replications simulated)\n",
            dir->shown, res.ngen, cc.evaluated, cc.replications);
    const bs_abc_generation *last = &res.gen[res.ngen - 1];
    if (su.final_tolerance > 0 && res.converged)
      fprintf(stderr, "bijsim: converged: generation %zu is full at the final tolerance %g\n",
              res.ngen - 1, su.final_tolerance);
    else if (su.final_tolerance > 0)
      fprintf(stderr,
              "bijsim: NOT converged: the last generation's tolerance is %g (final tolerance "
              "%g)\n",
              last->tolerance, su.final_tolerance);
    fprintf(stderr,
            "bijsim: check on fresh replications %zu-%zu: %.0f%% of the posterior has every "
            "fitted target in its range\n",
            res.check_first, res.check_first + res.check_replications - 1,
            100 * res.check_in_range);
  }
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
