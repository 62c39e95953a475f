/* experiment.h: what the commands that run variants under many parameter
 * sets share (uncertainty, sensitivity): loading the variants, the varied
 * parameters (a scenario's `uncertainty:` section or a sample file), running
 * the points, and run.json's description of them. */
#ifndef BIJSIM_EXPERIMENT_H
#define BIJSIM_EXPERIMENT_H

#include "analysis/uncertainty.h"
#include "app/cli.h"
#include "app/ranks.h"

#include <jansson.h>

typedef struct experiment {
  bs_scenario_run *runs; /* the variants as loaded */
  size_t nruns;
  cfg_dist *pars; /* the varied parameters */
  size_t npar;
  int *held;
  double *sample; /* --sample: nsample x npar values, else NULL */
  size_t nsample;
  bs_unc_job job;
} experiment;

/* Loads o->pos[0..npos) as the variants and the parameters: those of the
 * sample file o->sample (columns whose header is a parameter path), or else
 * the first scenario's `uncertainty:` section (calibrate_priors 0) or its
 * `calibrate: parameters:` (1); prepares the job. Prints the problem and
 * returns -1 on failure (exp_free is still to be called). */
int exp_load(experiment *e, const cli_opts *o, int calibrate_priors);
void exp_free(experiment *e);

/* n points for the job, or NULL when out of memory (printed). */
bs_unc_point *exp_points_alloc(const experiment *e, size_t n);
void exp_points_free(bs_unc_point *pts, size_t n);

/* The output directory on rank 0 (--out, else out/NAME-SUFFIX), taken for a
 * new set (cli_out_begin), and an empty one on the other ranks, which write
 * nothing; NULL on failure (printed). Release it with cli_out_end. */
bs_outdir *exp_out_dir(const experiment *e, const cli_opts *o, const char *suffix);

/* Maps unit-cube points u (n x npar) through the parameters' distributions
 * into vals (n x npar). */
void exp_values(const experiment *e, const double *u, size_t n, double *vals);

/* exp_out_dir (into buf), then exp_run of the n points: 0 when this rank is
 * to write the files into *dir, 1 when it is done (another MPI rank writes),
 * -1 on failure (printed). */
int exp_execute(const experiment *e, const cli_opts *o, const char *suffix, bs_outdir **dir,
                const double *vals, const size_t *first_rep, size_t n, bs_unc_point *pts,
                const char *what);

/* A CSV of points: header `key[,output],PATH...`, then per point k
 * `k[,output[k]],values` (a held parameter NA). output may be NULL. */
void exp_write_points(FILE *f, const experiment *e, const char *key, const double *vals, size_t n,
                      const double *output);

/* Evaluates npoints points (vals: npoints x npar); point k uses the
 * replications first_rep[k] .. + R - 1. pts[k] must be allocated. Shows a
 * progress line unless quiet. Across the ranks of an MPI job through
 * rank_share: handed out dynamically, every rank ends with every result.
 * Prints the problem (rank 0) and returns -1 on failure. */
int exp_run(const experiment *e, const double *vals, const size_t *first_rep, size_t npoints,
            bs_unc_point *pts, const cli_opts *o, const char *what);

/* [{path, dist, low, high[, mode][, alpha, beta], held, where, source, source_kind,
 * source_at}, ...]: source is the comment beside the value in the first scenario's files
 * (analysis/provenance.h), source_at its FILE:LINE. */
json_t *exp_params_json(const experiment *e);

/* Writes run.json to js for `command` (the variants with R = o->replications
 * per point, the events and simulation seconds of pts[0..n), and the members
 * of `extra`: NULL means it could not be built, out of memory), then commits
 * the set and moves it into place in dir (with report.html under --report).
 * Prints the problem and returns -1 on failure (dir keeps its old set). */
int exp_finish(experiment *e, bs_outdir *dir, bs_outset *set, FILE *js, const char *command,
               const cli_opts *o, const bs_unc_point *pts, size_t n, const json_t *extra);

#endif
