/* gsa.h: designs on the unit hypercube and the estimators of global
 * sensitivity analysis, independent of the model (tests/test_gsa.c checks
 * them on the Ishigami and Sobol' G functions, whose indices are known).
 *
 * A design is an n x d matrix, row-major, of points in [0,1)^d; a point is
 * mapped to parameter values through each parameter's distribution
 * (bs_dist_value). Every function is deterministic given its seed.
 */
#ifndef BIJSIM_GSA_H
#define BIJSIM_GSA_H

#include "sim/config_dist.h"

#include <stddef.h>
#include <stdint.h>

/* The value of parameter d at quantile u in [0,1] of its distribution
 * (uniform, triangular, log-uniform, beta on [low, high]); an integer
 * parameter is rounded to the nearest whole number. */
double bs_dist_value(const cfg_dist *d, double u);

/* Latin hypercube: each column has one point in each of the n strata
 * [k/n, (k+1)/n), at a uniform position within it, the strata in a random
 * order per column. Returns 0, or -1 when out of memory. */
int bs_design_lhs(size_t n, size_t d, uint64_t seed, double *u);

/* The first n points of the Sobol' sequence in d <= 40 dimensions (GSL's
 * gsl_qrng_sobol), the point 0 skipped. Returns 0, or -1 when d is out of
 * range or out of memory. */
#define BS_SOBOL_MAX_DIM 40
int bs_design_sobol(size_t n, size_t d, double *u);

/* Saltelli's design for first-order and total indices: n*(d+2) rows of d
 * columns, in blocks of n rows: A, B, then AB_1 ... AB_d (A with column i
 * taken from B). A and B are the two halves of a 2d-dimensional Sobol'
 * sequence when 2d <= 40, else two independent Latin hypercubes (seeded). */
size_t bs_saltelli_rows(size_t n, size_t d);
int bs_saltelli_design(size_t n, size_t d, uint64_t seed, double *x);

/* An estimate with its bootstrap percentile interval. */
typedef struct bs_gsa_est {
  double est, lo, hi;
} bs_gsa_est;

/* From the model outputs y (in the row order of bs_saltelli_design):
 * first-order indices by Saltelli et al. (2010),
 *   S_i = mean_j(f_B[j] (f_ABi[j] - f_A[j])) / V,
 * total indices by Jansen (1999),
 *   ST_i = mean_j((f_A[j] - f_ABi[j])^2) / 2 / V,
 * V the variance of f_A and f_B pooled. Intervals: `level` (e.g. 0.95)
 * percentile intervals over nboot bootstrap resamples of the n rows (the
 * same rows for A, B and every AB_i). A NaN output anywhere, or V = 0,
 * gives NaN estimates. Returns 0, or -1 when out of memory. */
int bs_sobol_indices(const double *y, size_t n, size_t d, size_t nboot, uint64_t seed, double level,
                     bs_gsa_est *s1, bs_gsa_est *st);

/* Morris's elementary-effects design: r trajectories of d+1 points each
 * ((d+1)*r rows), on a grid of `levels` levels (even, >= 2) with step
 * delta = levels / (2 (levels - 1)); each trajectory starts at a random grid
 * point and moves one factor at a time, in a random order, by +delta (or
 * -delta where +delta would leave [0,1]). */
int bs_morris_design(size_t r, size_t d, int levels, uint64_t seed, double *x);

/* Elementary effects EE = (y_after - y_before) / (x_after - x_before) on the
 * unit-cube scale, per factor over the r trajectories: mu (mean), mu_star
 * (mean of |EE|, Campolongo et al. 2007) with a bootstrap interval over the
 * trajectories, and sigma (sd). NaN outputs are skipped. Returns 0 or -1. */
typedef struct bs_morris_est {
  double mu, sigma;
  bs_gsa_est mu_star;
} bs_morris_est;
int bs_morris_effects(const double *x, const double *y, size_t r, size_t d, size_t nboot,
                      uint64_t seed, double level, bs_morris_est *out);

/* Sample quantile (linear interpolation between order statistics, R's type
 * 7) of the non-NaN values of x[0..n); sorts a copy. NaN when none. */
double bs_quantile(const double *x, size_t n, double p);

#endif
