/* calibrate.h: approximate Bayesian computation by sequential Monte Carlo
 * (ABC-SMC, the population Monte Carlo of Beaumont et al. 2009), independent
 * of the model: the caller supplies the priors (cfg_dist) and a function
 * that simulates the targets for a batch of parameter vectors.
 *
 * Distance of a simulation s to the observed targets: the root mean square
 * of the standardised deviations (s_t - observed_t) / scale_t, scale_t half
 * the width of target t's range [low, high]; "in range" means low <= s_t <=
 * high for every target.
 *
 * Generation 0 draws `population` particles from the priors (a Latin
 * hypercube through the quantile functions) and accepts them all. Generation
 * g >= 1 sets the tolerance to the `quantile` of the previous generation's
 * distances, and proposes batches of `population` particles: one drawn from
 * the previous generation by weight, moved by a Gaussian kernel with twice
 * the weighted variance of each parameter (a proposal outside the prior's
 * support is drawn again), simulated, accepted when its distance is at most
 * the tolerance, in proposal order, until `population` are accepted or
 * `max_batches` batches are spent. Weights: prior density / the kernel
 * mixture density of the previous generation. The run stops after
 * `generations`, or as soon as a generation's weighted share of particles
 * with every target in range reaches `target_share`.
 *
 * Deterministic given the seed; the simulator is called with the generation
 * number so that it can use the same random numbers for every particle of a
 * generation (common random numbers: the distance is then a smooth function
 * of the parameters within a generation). */
#ifndef BIJSIM_CALIBRATE_H
#define BIJSIM_CALIBRATE_H

#include "sim/config_dist.h"

#include <stddef.h>
#include <stdint.h>

/* Simulates the nt targets of n particles theta (n x d) in generation g into
 * sims (n x nt). Returns 0, or -1 with a message. */
typedef int (*bs_abc_sim)(void *ctx, const double *theta, size_t n, size_t generation, double *sims,
                          char *err, size_t errlen);

typedef struct bs_abc_setup {
  const cfg_dist *priors;
  size_t d;
  const double *observed, *low, *high; /* nt each */
  size_t nt;
  size_t population;
  size_t generations;
  double quantile;
  double target_share;
  size_t max_batches; /* per generation */
  uint64_t seed;
  bs_abc_sim sim;
  void *ctx;
} bs_abc_setup;

typedef struct bs_abc_generation {
  double tolerance; /* +inf for generation 0 */
  size_t proposed, accepted;
  double acceptance_rate;
  double ess;      /* (sum w)^2 / sum w^2 */
  double in_range; /* weighted share of particles with every target in range */
} bs_abc_generation;

typedef struct bs_abc_result {
  size_t ngen;
  bs_abc_generation *gen; /* ngen */
  size_t n, d, nt;        /* the final population */
  double *theta;          /* n x d */
  double *weight;         /* n, summing to 1 */
  double *distance;       /* n */
  double *sims;           /* n x nt */
} bs_abc_result;

/* Runs ABC-SMC. 0, or -1 with a message (the simulator's, or out of memory). */
int bs_abc_run(const bs_abc_setup *s, bs_abc_result *out, char *err, size_t errlen);
void bs_abc_result_free(bs_abc_result *r);

/* The standardised distance of one simulation, and whether every target is in
 * its range. */
double bs_abc_distance(const bs_abc_setup *s, const double *sim, int *in_range);

/* Prior density of d at x (0 outside [low, high]). */
double bs_dist_density(const cfg_dist *d, double x);

/* Weighted quantile of x[k*stride] with weights w[k] (summing to any positive
 * total): the smallest x whose cumulative weight reaches p. */
double bs_weighted_quantile(const double *x, size_t stride, const double *w, size_t n, double p);

/* Systematic resampling: m indices into 0..n-1 drawn in proportion to w, in
 * increasing order, from one uniform u in [0,1). */
void bs_resample_systematic(const double *w, size_t n, size_t m, double u, size_t *out);

#endif
