/* calibrate.h: approximate Bayesian computation by sequential Monte Carlo
 * (ABC-SMC, the population Monte Carlo of Beaumont et al. 2009), independent
 * of the model: the caller supplies the priors (cfg_dist) and a function
 * that simulates the targets for a batch of parameter vectors.
 *
 * Distance of a simulation s to the targets, over the fitted targets only
 * (`fitted`; the others are simulated and reported, never fitted), in units
 * of each target's half range h_t = (high_t - low_t) / 2:
 * - BS_ABC_RANGE (the default): max_t |s_t - mid_t| / h_t, mid_t the middle
 *   of the range, so that a distance of at most 1 is exactly "every fitted
 *   target inside its range";
 * - BS_ABC_RMS: the root mean square of (s_t - observed_t) / h_t (a single
 *   target far out is diluted by the others).
 * A target with an empty range (low = high) uses 1% of |observed| (or 1) as
 * h_t. "In range" means low <= s_t <= high for every fitted target.
 *
 * Generation 0 draws `population` particles from the priors (a Latin
 * hypercube through the quantile functions) and accepts them all. Generation
 * g >= 1 sets the tolerance to the `quantile` of the previous generation's
 * distances, but never below `final_tolerance` (when > 0), and proposes
 * batches of `population` particles: one drawn from the previous generation
 * by weight, moved by a multivariate Gaussian kernel (a proposal outside the
 * prior's support is drawn again), simulated, accepted when its distance is
 * at most the tolerance, in proposal order, until `population` are accepted
 * or `max_batches` batches are spent. Kernel: twice the weighted covariance
 * of the previous particles (Beaumont et al. 2009; Filippi et al. 2013),
 * diagonal when singular.
 * Weights: prior density / the kernel mixture density of the previous
 * generation.
 *
 * Replications: generation 0 runs `replications` per particle. When
 * `max_replications` is above that, generation g runs R_g = the smallest
 * number for which the Monte Carlo standard error of every fitted target's
 * mean, sd_t / sqrt(R_g) (sd_t: the per-replication sd, pooled over the
 * previous generation's weighted particles), is at most `noise` x the
 * tolerance x h_t, never fewer than the generation before, at most
 * `max_replications`.
 *
 * Common random numbers: every particle of generation g (every batch)
 * simulates the same replications first_g .. first_g + R_g - 1, so the
 * distance is a smooth function of the parameters within a generation.
 * BS_ABC_CRN_RUN (the default): first_g = 0, one set of persons for the whole
 * run, so a particle's distance changes between generations only through
 * the replications added (the objective is fixed, as with the fixed draws of
 * the simulated method of moments); BS_ABC_CRN_GENERATION: first_g = R_0 +
 * ... + R_{g-1}, new luck in every generation. With `run`, when R_g is above
 * the previous generation's, the previous particles are first run on the
 * replications added (`reevaluated`), so that the tolerance is the quantile
 * of their distances on the same replications as the new particles'.
 *
 * Screening: when R_g is more than `replications`, a proposal first runs a
 * quarter of its replications (at least `replications`); it is rejected
 * there (`screened`) when even with every target moved BS_ABC_SCREEN_Z
 * standard errors (the pooled sd / sqrt of those replications) towards its
 * aim its distance is above the tolerance; the others run the rest, and
 * their means over all R_g replications decide, exactly as without the
 * screening.
 *
 * Stopping: after `generations`; or once a generation's weighted share of
 * particles with every fitted target in range reaches `target_share`; or once
 * a generation at the final tolerance is full (`converged`); a generation at
 * the final tolerance that is not full is followed by another one at it. If
 * a generation accepts fewer than 2 particles the previous one is kept.
 *
 * Check: the final particles are simulated once more on fresh replications
 * (after every replication any generation ran), BS_ABC_CHECK_FACTOR times
 * as many as the last generation ran, so that the check's own Monte Carlo
 * error is half the fit's; the weighted share with every fitted target in
 * range there is `check_in_range`: how much of the fit survives new luck.
 *
 * Deterministic given the seed: the simulator is told which replications to
 * run, so its results cannot depend on how it spreads the work. */
#ifndef BIJSIM_CALIBRATE_H
#define BIJSIM_CALIBRATE_H

#include "sim/config_dist.h"

#include <stddef.h>
#include <stdint.h>

/* Stage-1 screening margin, in standard errors, and the check's replications
 * as a multiple of the last generation's (see above). */
#define BS_ABC_SCREEN_Z 3.0
#define BS_ABC_CHECK_FACTOR 4

/* Simulates the nt targets of n particles theta (n x d) on replications
 * first_rep .. first_rep + reps - 1 into sims (n x nt, the means over the
 * replications) and sds (n x nt, the per-replication sd; NaN when unknown).
 * Returns 0, or -1 with a message. */
typedef int (*bs_abc_sim)(void *ctx, const double *theta, size_t n, size_t first_rep, size_t reps,
                          double *sims, double *sds, char *err, size_t errlen);

typedef enum { BS_ABC_RANGE, BS_ABC_RMS } bs_abc_distance_kind;
typedef enum { BS_ABC_CRN_RUN, BS_ABC_CRN_GENERATION } bs_abc_crn;

typedef struct bs_abc_generation {
  double tolerance; /* +inf for generation 0 */
  size_t replications, first_replication;
  size_t reevaluated; /* previous particles run on the replications added (crn run) */
  size_t proposed, accepted;
  size_t screened; /* proposals rejected after the first stage of their replications */
  double acceptance_rate;
  double ess;      /* (sum w)^2 / sum w^2 */
  double in_range; /* weighted share of particles with every fitted target in range */
} bs_abc_generation;

typedef struct bs_abc_setup {
  const cfg_dist *priors;
  size_t d;
  const double *observed, *low, *high; /* nt each */
  const int *fitted;                   /* nt: 1 = in the distance; NULL: all */
  size_t nt;
  bs_abc_distance_kind distance;
  bs_abc_crn crn;
  double final_tolerance; /* > 0: the tolerance never falls below it */
  size_t population;
  size_t generations;
  double quantile;
  double target_share;
  size_t max_batches;      /* per generation */
  size_t replications;     /* per particle in generation 0, and at least */
  size_t max_replications; /* at most (<= replications: always replications) */
  double noise;            /* the standard error allowed, x tolerance x half range */
  uint64_t seed;
  bs_abc_sim sim;
  void *ctx;
  /* optional: called with ctx after each generation g (and its summary) */
  void (*on_generation)(void *ctx, size_t g, const bs_abc_generation *gen);
} bs_abc_setup;

typedef struct bs_abc_result {
  size_t ngen;
  bs_abc_generation *gen; /* ngen */
  size_t n, d, nt;        /* the final population */
  double *theta;          /* n x d */
  double *weight;         /* n, summing to 1 */
  double *distance;       /* n */
  double *sims;           /* n x nt */
  int converged;          /* a full generation at the final tolerance */
  size_t check_replications, check_first;
  double *check_sims;    /* n x nt: the final particles on fresh replications */
  double check_in_range; /* weighted share with every fitted target in range there */
} bs_abc_result;

/* Runs ABC-SMC. 0, or -1 with a message (the simulator's, or out of memory). */
int bs_abc_run(const bs_abc_setup *s, bs_abc_result *out, char *err, size_t errlen);
void bs_abc_result_free(bs_abc_result *r);

/* The distance of one simulation, and whether every fitted target is in its
 * range. */
double bs_abc_distance(const bs_abc_setup *s, const double *sim, int *in_range);

/* The half range h_t of target t (see above). */
double bs_abc_half_range(const bs_abc_setup *s, size_t t);

/* Replications for a generation at tolerance tol: pooled per-replication
 * variances var (nt; NaN when unknown), the previous generation's prev. */
size_t bs_abc_replications(const bs_abc_setup *s, const double *var, double tol, size_t prev);

/* Prior density of d at x (0 outside [low, high]). */
double bs_dist_density(const cfg_dist *d, double x);

/* Weighted quantile of x[k*stride] with weights w[k] (summing to any positive
 * total): the smallest x whose cumulative weight reaches p. */
double bs_weighted_quantile(const double *x, size_t stride, const double *w, size_t n, double p);

/* Systematic resampling: m indices into 0..n-1 drawn in proportion to w, in
 * increasing order, from one uniform u in [0,1). */
void bs_resample_systematic(const double *w, size_t n, size_t m, double u, size_t *out);

#endif
