/* test_gsa.c: the designs and estimators of analysis/gsa.h on functions
 * whose sensitivity indices are known in closed form, before they are
 * applied to bijsim:
 * - Ishigami (a = 7, b = 0.1) and Sobol' G (a = 0, 1, 4.5, 9, 99, 99, 99,
 *   99): the analytic first-order and total indices lie inside the bootstrap
 *   intervals of the Saltelli 2010 / Jansen estimators, and the intervals
 *   are narrower than 0.25 (a quarter of the range of an index: the check
 *   is not vacuous). Every check of a function
 *   runs at the per-check level 1 - 0.05 / m (Bonferroni over its m
 *   indices), so that the whole family holds with 95% probability under the
 *   bootstrap's own assumption; the seeds are fixed.
 * - Morris on a linear function: every elementary effect is the slope, so
 *   mu* = |c_i| and sigma = 0 exactly; on G the ranking of mu* follows a_i.
 * - Latin hypercube: one point per stratum per column; the distributions'
 *   quantile functions at known points. */
#include "analysis/gsa.h"
#include "sim/config.h"

#include <criterion/criterion.h>
#include <math.h>
#include <stdlib.h>

#define PI 3.14159265358979323846

static double ishigami(const double *u) {
  double x1 = -PI + 2 * PI * u[0], x2 = -PI + 2 * PI * u[1], x3 = -PI + 2 * PI * u[2];
  return sin(x1) + 7 * sin(x2) * sin(x2) + 0.1 * pow(x3, 4) * sin(x1);
}

static const double g_a[] = {0, 1, 4.5, 9, 99, 99, 99, 99};
#define G_D (sizeof g_a / sizeof g_a[0])
/* 21 factors: more than the Sobol' sequence's 40 / 2, so A and B are Latin
 * hypercubes */
static const double g21_a[] = {0,  1,  9,  99, 99, 99, 99, 99, 99, 99, 99,
                               99, 99, 99, 99, 99, 99, 99, 99, 99, 99};
#define G21_D (sizeof g21_a / sizeof g21_a[0])

static double g_of(const double *a, size_t d, const double *u) {
  double p = 1;
  for (size_t i = 0; i < d; i++)
    p *= (fabs(4 * u[i] - 2) + a[i]) / (1 + a[i]);
  return p;
}
static double sobol_g(const double *u) { return g_of(g_a, G_D, u); }
static double sobol_g21(const double *u) { return g_of(g21_a, G21_D, u); }

/* The analytic indices of G with coefficients a. */
static void g_truth(const double *a, size_t d, double *s1, double *st) {
  double vi[32], prod = 1;
  for (size_t i = 0; i < d; i++) {
    vi[i] = 1.0 / (3 * (1 + a[i]) * (1 + a[i]));
    prod *= 1 + vi[i];
  }
  for (size_t i = 0; i < d; i++) {
    s1[i] = vi[i] / (prod - 1);
    st[i] = vi[i] * prod / (1 + vi[i]) / (prod - 1);
  }
}

/* Runs the Saltelli design for f and returns the indices. */
static void indices_of(double (*f)(const double *), size_t n, size_t d, double level,
                       bs_gsa_est *s1, bs_gsa_est *st) {
  size_t rows = bs_saltelli_rows(n, d);
  double *x = malloc(rows * d * sizeof *x), *y = malloc(rows * sizeof *y);
  cr_assert(x && y);
  cr_assert_eq(bs_saltelli_design(n, d, 11, x), 0);
  for (size_t j = 0; j < rows; j++)
    y[j] = f(x + j * d);
  cr_assert_eq(bs_sobol_indices(y, n, d, 1000, 12, level, s1, st), 0);
  free(x);
  free(y);
}

static void expect_inside(const char *what, size_t i, const bs_gsa_est *e, double truth,
                          double max_width) {
  cr_expect(e->lo <= truth && truth <= e->hi, "%s[%zu]: true %.4f outside [%.4f, %.4f] (est %.4f)",
            what, i, truth, e->lo, e->hi, e->est);
  cr_expect(e->hi - e->lo < max_width, "%s[%zu]: interval [%.4f, %.4f] is wider than %.2f", what, i,
            e->lo, e->hi, max_width);
}

Test(gsa, ishigami_indices_within_bootstrap_intervals) {
  /* analytic: V = a^2/8 + b pi^4/5 + b^2 pi^8/18 + 1/2 */
  double a = 7, b = 0.1, pi4 = pow(PI, 4), pi8 = pow(PI, 8);
  double v1 = 0.5 * pow(1 + b * pi4 / 5, 2), v2 = a * a / 8;
  double v13 = pi8 * b * b * (1.0 / 18 - 1.0 / 50);
  double v = v1 + v2 + v13;
  double s1_true[3] = {v1 / v, v2 / v, 0}, st_true[3] = {(v1 + v13) / v, v2 / v, v13 / v};
  bs_gsa_est s1[3], st[3];
  indices_of(ishigami, 4096, 3, 1 - 0.05 / 6, s1, st);
  for (size_t i = 0; i < 3; i++) {
    expect_inside("ishigami S1", i, &s1[i], s1_true[i], 0.25);
    expect_inside("ishigami ST", i, &st[i], st_true[i], 0.25);
  }
}

Test(gsa, sobol_g_indices_within_bootstrap_intervals) {
  double t1[G_D], tt[G_D];
  g_truth(g_a, G_D, t1, tt);
  bs_gsa_est s1[G_D], st[G_D];
  indices_of(sobol_g, 4096, G_D, 1 - 0.05 / (2 * G_D), s1, st);
  for (size_t i = 0; i < G_D; i++) {
    expect_inside("G S1", i, &s1[i], t1[i], 0.25);
    expect_inside("G ST", i, &st[i], tt[i], 0.25);
  }
  /* the estimates rank the factors as a_i does */
  cr_expect(st[0].est > st[1].est && st[1].est > st[2].est && st[2].est > st[3].est &&
            st[3].est > st[4].est);
}

Test(gsa, sobol_g_with_21_factors_on_latin_hypercubes) {
  double t1[G21_D], tt[G21_D];
  g_truth(g21_a, G21_D, t1, tt);
  bs_gsa_est s1[G21_D], st[G21_D];
  indices_of(sobol_g21, 4096, G21_D, 1 - 0.05 / (2 * G21_D), s1, st);
  for (size_t i = 0; i < G21_D; i++) {
    expect_inside("G21 S1", i, &s1[i], t1[i], 0.25);
    expect_inside("G21 ST", i, &st[i], tt[i], 0.25);
  }
}

static double linear(const double *u) { return 3 * u[0] - 2 * u[1] + 0.5 * u[2] + 0 * u[3]; }

Test(gsa, morris_on_a_linear_function_gives_the_slopes) {
  size_t r = 20, d = 4;
  double *x = malloc(r * (d + 1) * d * sizeof *x), *y = malloc(r * (d + 1) * sizeof *y);
  cr_assert(x && y);
  cr_assert_eq(bs_morris_design(r, d, 4, 3, x), 0);
  for (size_t j = 0; j < r * (d + 1); j++) {
    for (size_t k = 0; k < d; k++)
      cr_assert(x[j * d + k] >= 0 && x[j * d + k] <= 1 + 1e-12);
    y[j] = linear(x + j * d);
  }
  bs_morris_est e[4];
  cr_assert_eq(bs_morris_effects(x, y, r, d, 200, 4, 0.95, e), 0);
  double c[4] = {3, -2, 0.5, 0};
  for (size_t k = 0; k < d; k++) {
    cr_expect(fabs(e[k].mu - c[k]) < 1e-9, "mu[%zu] = %g, slope %g", k, e[k].mu, c[k]);
    cr_expect(fabs(e[k].mu_star.est - fabs(c[k])) < 1e-9);
    cr_expect(e[k].sigma < 1e-9);
  }
  free(x);
  free(y);
}

Test(gsa, morris_ranks_the_g_function_factors) {
  size_t r = 50, d = G_D;
  double *x = malloc(r * (d + 1) * d * sizeof *x), *y = malloc(r * (d + 1) * sizeof *y);
  cr_assert(x && y);
  cr_assert_eq(bs_morris_design(r, d, 4, 5, x), 0);
  for (size_t j = 0; j < r * (d + 1); j++)
    y[j] = sobol_g(x + j * d);
  bs_morris_est e[G_D];
  cr_assert_eq(bs_morris_effects(x, y, r, d, 200, 6, 0.95, e), 0);
  cr_expect(e[0].mu_star.est > e[1].mu_star.est && e[1].mu_star.est > e[2].mu_star.est &&
            e[2].mu_star.est > e[3].mu_star.est);
  for (size_t k = 4; k < d; k++)
    cr_expect(e[k].mu_star.est < e[3].mu_star.est, "unimportant factor %zu: mu* %g", k,
              e[k].mu_star.est);
  for (size_t k = 0; k < d; k++)
    cr_expect(e[k].mu_star.lo <= e[k].mu_star.est && e[k].mu_star.est <= e[k].mu_star.hi);
  free(x);
  free(y);
}

Test(gsa, latin_hypercube_has_one_point_per_stratum) {
  size_t n = 37, d = 5;
  double u[37 * 5];
  cr_assert_eq(bs_design_lhs(n, d, 9, u), 0);
  for (size_t k = 0; k < d; k++) {
    int seen[37] = {0};
    for (size_t i = 0; i < n; i++) {
      double v = u[i * d + k];
      cr_assert(v >= 0 && v < 1);
      seen[(size_t)(v * (double)n)]++;
    }
    for (size_t s = 0; s < n; s++)
      cr_expect_eq(seen[s], 1, "column %zu stratum %zu has %d points", k, s, seen[s]);
  }
}

Test(gsa, sobol_points_are_well_spread) {
  size_t n = 1024, d = 3;
  double *u = malloc(n * d * sizeof *u);
  cr_assert(u);
  cr_assert_eq(bs_design_sobol(n, d, u), 0);
  cr_expect_neq(bs_design_sobol(4, BS_SOBOL_MAX_DIM + 1, u), 0);
  /* the mean of every column is within 1/n of 1/2 (a net in base 2) */
  for (size_t k = 0; k < d; k++) {
    double m = 0;
    for (size_t i = 0; i < n; i++)
      m += u[i * d + k];
    m /= (double)n;
    cr_expect(fabs(m - 0.5) < 1.0 / (double)n, "column %zu mean %g", k, m);
  }
  free(u);
}

Test(gsa, distributions_map_quantiles_to_values) {
  cfg_dist d = {.kind = CFG_DIST_UNIFORM, .low = 2, .high = 4, .type = CFG_T_REAL};
  cr_expect_float_eq(bs_dist_value(&d, 0.25), 2.5, 1e-12);
  d.kind = CFG_DIST_LOG_UNIFORM;
  d.low = 1;
  d.high = 100;
  cr_expect_float_eq(bs_dist_value(&d, 0.5), 10, 1e-9);
  d.kind = CFG_DIST_TRIANGULAR;
  d.low = 0;
  d.high = 1;
  d.mode = 0.25;
  cr_expect_float_eq(bs_dist_value(&d, 0.25), 0.25, 1e-12); /* F(mode) = (c - a) / (b - a) */
  d.kind = CFG_DIST_BETA;
  d.low = 10;
  d.high = 20;
  d.alpha = 2;
  d.beta = 2;
  cr_expect_float_eq(bs_dist_value(&d, 0.5), 15, 1e-9); /* symmetric */
  d.kind = CFG_DIST_UNIFORM;
  d.type = CFG_T_INT;
  d.low = 4;
  d.high = 8;
  cr_expect_float_eq(bs_dist_value(&d, 0.6), 6, 1e-12); /* 6.4 rounded */
  cr_expect_float_eq(bs_dist_value(&d, 1.0), 8, 1e-12);
}
