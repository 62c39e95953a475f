/* uncertainty.h: running policy variants under many parameter sets, for
 * `bijsim uncertainty`, `sensitivity` and `calibrate`.
 *
 * A point is one value for each varied parameter. Evaluating it runs every
 * variant with those values (a parameter in which the variants differ is
 * their policy difference and keeps each variant's own value: "held"), all
 * variants with the same seed and replication indices (common random
 * numbers), and returns per variant and analysis indicator the mean over the
 * replications and its Monte Carlo variance (sd^2 / n), and per variant after
 * the first the paired difference variant - first with its Monte Carlo
 * variance. Which replication indices a point uses is the caller's choice:
 * `uncertainty` gives set s the indices s*R .. s*R+R-1 (fresh luck per set,
 * so that the spread across sets includes Monte Carlo noise); `sensitivity`
 * gives every point the same ones (the output is then a smooth function of
 * the parameters); `calibrate` the same ones within a generation.
 */
#ifndef BIJSIM_UNCERTAINTY_H
#define BIJSIM_UNCERTAINTY_H

#include "analysis/scenario.h"
#include "sim/config_dist.h"

#include <stddef.h>
#include <stdint.h>

typedef struct bs_unc_job {
  const bs_scenario_run *variants; /* params, label, file of each variant */
  size_t nvar;
  const cfg_dist *pars; /* the varied parameters (path; the distribution when sampled) */
  size_t npar;
  int *held;       /* npar flags, filled by bs_unc_prepare: BS_UNC_* */
  int check_range; /* hold a parameter whose value in the first variant is outside its
                      [low, high] (ranges inherited by a scenario that moved the value) */
  bs_run_opts ro;  /* seed, replications, threads; first_replication set per point */
  size_t next;     /* bs_ext_count() */
} bs_unc_job;

/* Per point: nvar x next values each (row v is variant v; the difference
 * rows of variant 0 are NaN). */
typedef struct bs_unc_point {
  double *mean, *mcvar, *dmean, *dmcvar;
  uint64_t events;
  double wall_seconds;
} bs_unc_point;

enum {
  BS_UNC_VARIED = 0,
  BS_UNC_HELD_POLICY = 1, /* the variants differ in it: each keeps its own value */
  BS_UNC_HELD_OUTSIDE = 2 /* check_range: the scenario's value is outside the range */
};

/* Checks that every parameter can be set on every variant, and marks the
 * ones that are held. 0 or -1 with a message. */
int bs_unc_prepare(bs_unc_job *job, char *err, size_t errlen);

/* Sets parameter `path` of p to v (an integer parameter as a whole number),
 * with the scenario file's validation. 0 or -1 with a message. */
int bs_unc_set(bs_params *p, const char *path, double v, char *err, size_t errlen);

int bs_unc_point_alloc(const bs_unc_job *job, bs_unc_point *pt);
void bs_unc_point_free(bs_unc_point *pt);

/* Evaluates the point vals[0..npar) with replications first_rep ..
 * first_rep + R - 1. 0 or -1 with a message naming the variant. */
int bs_unc_eval(const bs_unc_job *job, const double *vals, size_t first_rep, bs_unc_point *pt,
                char *err, size_t errlen);

/* Across n sets: values m[k*stride] with Monte Carlo variances v[k*stride]. */
typedef struct bs_unc_summary {
  double mean;      /* mean over the sets */
  double sd;        /* sd over the sets: parameter and Monte Carlo spread together */
  double mc_sd;     /* sqrt(mean Monte Carlo variance of one set's value) */
  double param_sd;  /* sqrt(max(0, sd^2 - mc_sd^2)): the part due to the parameters */
  double low, high; /* 2.5% and 97.5% quantiles over the sets */
  double same_sign; /* share of sets whose value has the sign of the mean (NaN when the mean is
                       0 or NaN) */
  size_t n;         /* sets with a value */
} bs_unc_summary;
void bs_unc_summarise(const double *m, const double *v, size_t n, size_t stride,
                      bs_unc_summary *out);

/* "holds in X% of plausible parameter sets" is said of a difference whose
 * same_sign share is at least this; below it, "depends on the assumptions". */
#define BS_UNC_ROBUST_SHARE 0.9

#endif
