/* experiment.h: what the commands that run variants under many parameter
 * sets share (uncertainty, sensitivity): loading the variants, the varied
 * parameters (a scenario's `uncertainty:` section or a sample file), running
 * the points, and run.json's description of them. */
#ifndef BIJSIM_EXPERIMENT_H
#define BIJSIM_EXPERIMENT_H

#include "analysis/uncertainty.h"
#include "app/cli.h"

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

/* This process's MPI rank (0 without MPI): only rank 0 writes files. */
int exp_rank(void);

/* Evaluates npoints points (vals: npoints x npar); point k uses the
 * replications first_rep[k] .. + R - 1. pts[k] must be allocated. Shows a
 * progress line unless quiet. With MPI and more than one rank, rank 0 hands
 * the points out to the other ranks dynamically and every rank ends with
 * every result. Prints the problem and returns -1 on failure. */
int exp_run(const experiment *e, const double *vals, const size_t *first_rep, size_t npoints,
            bs_unc_point *pts, const cli_opts *o, const char *what);

/* [{path, dist, low, high[, mode][, alpha, beta], held, where}, ...] */
json_t *exp_params_json(const experiment *e);

/* Total events and simulation seconds of pts[0..n). */
void exp_totals(const bs_unc_point *pts, size_t n, uint64_t *events, double *wall);

#endif
