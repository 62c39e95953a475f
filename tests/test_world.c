/* test_world.c: the chain's shared helpers in models/world.c.
 *
 * bs_delay_at inverts a gamma distribution function for a given uniform.
 * It is exact (gsl_cdf_gamma_Pinv) for the first BS_QTAB_AFTER (20000)
 * inversions of a shape in a run, then a self-checked table takes over
 * (docs/performance.md). Pinned here: the exact phase is bit for bit GSL's
 * inverse; the table phase agrees with it to 1e-9 relative over the whole
 * range, with the tails still exact; the scale multiplies; a fixed or zero
 * delay is its mean; a shape whose table would not meet the tolerance stays
 * exact; a delay whose value is not used (bs_delay_at_unused) counts towards
 * the table as a computed one. */
#include "models/world.h"

#include <criterion/criterion.h>
#include <gsl/gsl_cdf.h>
#include <math.h>
#include <stdlib.h>

static bs_world *new_world(void) {
  bs_world *w = calloc(1, sizeof *w);
  cr_assert_not_null(w);
  return w;
}

static void del_world(bs_world *w) {
  bs_qtab_free(w);
  free(w);
}

/* u on a fine grid over (0, 1), with both tails */
static double grid_u(int i, int n) { return (i + 0.5) / n; }

Test(delay_at, exact_then_tabulated_within_1e_9) {
  bs_world *w = new_world();
  const bs_delay d = {.mean_days = 21, .cv = 0.5}; /* shape 4, scale 5.25 */
  const double shape = 4, scale = 21.0 / 4;
  int calls = 0;
  for (; calls < 20000; calls++) { /* exact phase: identical to GSL */
    double u = grid_u(calls, 20000);
    cr_assert(bs_delay_at(w, u, &d) == gsl_cdf_gamma_Pinv(u, shape, scale), "u=%.17g", u);
  }
  double worst = 0;
  for (int i = 0; i < 200000; i++) {
    double u = grid_u(i, 200000);
    double exact = gsl_cdf_gamma_Pinv(u, shape, scale), got = bs_delay_at(w, u, &d);
    double rel = fabs(got - exact) / exact;
    if (rel > worst)
      worst = rel;
    if (u < 1.0 / 64 || u > 1 - 1.0 / 64)
      cr_assert(got == exact, "the tails stay exact (u=%.17g)", u);
  }
  cr_assert_eq(w->qtab_n, 1);
  cr_assert_eq(w->qtab[0].state, 1, "the table was built and passed its check");
  cr_assert_leq(worst, 1e-9, "the table is off by %.3g relative", worst);
  cr_assert_gt(worst, 0, "the table phase did not use the table");
  del_world(w);
}

Test(delay_at, the_scale_multiplies_and_shapes_have_their_own_tables) {
  bs_world *w = new_world();
  const bs_delay a = {.mean_days = 14, .cv = 0.5}, b = {.mean_days = 540, .cv = 0.5};
  const bs_delay c = {.mean_days = 30, .cv = 1.0};
  for (int i = 0; i < 30000; i++) {
    double u = grid_u(i, 30000);
    double ga = bs_delay_at(w, u, &a), gb = bs_delay_at(w, u, &b), gc = bs_delay_at(w, u, &c);
    double ea = gsl_cdf_gamma_Pinv(u, 4, 3.5), eb = gsl_cdf_gamma_Pinv(u, 4, 135);
    double ec = gsl_cdf_gamma_Pinv(u, 1, 30);
    cr_assert_leq(fabs(ga - ea), 1e-9 * ea);
    cr_assert_leq(fabs(gb - eb), 1e-9 * eb);
    cr_assert_leq(fabs(gc - ec), 1e-9 * ec);
  }
  cr_assert_eq(w->qtab_n, 2, "one table per shape (4 and 1), shared across scales");
  del_world(w);
}

Test(delay_at, fixed_and_zero_delays_and_an_untabulable_shape) {
  bs_world *w = new_world();
  const bs_delay fixed = {.mean_days = 7, .cv = 0}, zero = {.mean_days = 0, .cv = 0.5};
  cr_assert(bs_delay_at(w, 0.3, &fixed) == 7);
  cr_assert(bs_delay_at(w, 0.3, &zero) == 0);
  /* shape 1/4: Q(u) ~ u^4 near the lower end, too curved for the table's
   * tolerance (3e-9 at its worst), so the shape stays exact */
  const bs_delay wild = {.mean_days = 10, .cv = 2};
  for (int i = 0; i < 25000; i++) {
    double u = grid_u(i, 25000);
    cr_assert(bs_delay_at(w, u, &wild) == gsl_cdf_gamma_Pinv(u, 0.25, 40));
  }
  cr_assert_eq(w->qtab[0].state, -1, "the table failed its check and is not used");
  del_world(w);
}

/* bs_delay_at_unused (a delay whose value a decision does not need, e.g. the
 * integral model's signal delay) leaves the world as bs_delay_at would: the
 * shape's table is built at the same call, so every later delay is the
 * same number bit for bit. Every third call here is unused in one world and
 * computed in the other; the tails and a fixed delay are included. */
Test(delay_at, an_unused_delay_counts_as_a_computed_one) {
  bs_world *a = new_world(), *b = new_world();
  const bs_delay d = {.mean_days = 14, .cv = 0.5}, other = {.mean_days = 90, .cv = 1.0};
  const bs_delay fixed = {.mean_days = 5, .cv = 0};
  enum { N = 60000 }; /* each shape past its 20000 exact inversions */
  for (int i = 0; i < N; i++) {
    double u = grid_u((int)((i * 7919L) % N), N); /* both tails, in a scrambled order */
    const bs_delay *di = i % 7 == 0 ? &fixed : i % 2 ? &other : &d;
    double ga = bs_delay_at(a, u, di);
    if (i % 3 == 0) {
      bs_delay_at_unused(b, u, di);
      continue;
    }
    double gb = bs_delay_at(b, u, di);
    cr_assert(ga == gb, "call %d (u=%.17g): %.17g vs %.17g", i, u, ga, gb);
  }
  cr_assert_eq(a->qtab_n, b->qtab_n);
  for (size_t k = 0; k < a->qtab_n; k++) {
    cr_assert(a->qtab[k].shape == b->qtab[k].shape);
    cr_assert_eq(a->qtab[k].state, 1, "the table of shape %g was built", a->qtab[k].shape);
    cr_assert_eq(a->qtab[k].state, b->qtab[k].state);
    cr_assert_eq(a->qtab[k].exact_calls, b->qtab[k].exact_calls);
  }
  del_world(a);
  del_world(b);
}
