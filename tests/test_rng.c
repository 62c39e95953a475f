/* test_rng.c: random streams and the gsl_rng facade.
 *
 * Pins down: sim_stream_next is SplitMix64 (known answers for state 0); a
 * stream depends on its key only (same key, same sequence) and every key part
 * matters (seed, replication, entity, purpose, and their positions); keys of
 * 100000 entities are distinct; uniforms lie in the open interval (0,1), also
 * at the extreme raw outputs; uniforms pass a chi-square test and two streams
 * are uncorrelated; common random numbers: client 7's traits do not depend on
 * other clients' streams; through the facade gsl_ran_exponential has the right
 * mean, and binding streams alternately continues each one where it left off;
 * a counted stream (key and draw count) gives the state stream's draws, also
 * through its facade, and flags a count that runs past its 16 bits.
 *
 * Statistical tests use fixed seeds; tolerances come from the sampling
 * distribution (chi-square quantile 0.9999, 4 standard errors), not tuning.
 */
#include "sim/sim.h"

#include <criterion/criterion.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define GAMMA 0x9e3779b97f4a7c15u

/* ------------------------------------------------------------ helpers */

/* Inverse of x -> x ^ (x >> k). */
static uint64_t unxorshift(uint64_t y, unsigned k) {
  uint64_t x = y;
  for (unsigned s = k; s < 64; s += k)
    x ^= y >> s;
  return x;
}

/* Inverse of an odd multiplier modulo 2^64 (Newton's iteration). */
static uint64_t inverse_odd(uint64_t a) {
  uint64_t x = a; /* correct to 3 bits */
  for (int i = 0; i < 6; i++)
    x *= 2 - a * x;
  return x;
}

/* Inverse of sim_hash64, to build states that give chosen raw outputs. */
static uint64_t unhash64(uint64_t z) {
  z = unxorshift(z, 31);
  z *= inverse_odd(0x94d049bb133111ebu);
  z = unxorshift(z, 27);
  z *= inverse_odd(0xbf58476d1ce4e5b9u);
  return unxorshift(z, 30);
}

static int same_prefix(sim_stream a, sim_stream b, int n) {
  for (int i = 0; i < n; i++)
    if (sim_stream_next(&a) != sim_stream_next(&b))
      return 0;
  return 1;
}

static sim_stream make(uint64_t seed, uint64_t rep, uint64_t entity, uint64_t purpose) {
  sim_stream s;
  sim_stream_init(&s, seed, rep, entity, purpose);
  return s;
}

static int cmp_u64(const void *a, const void *b) {
  uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
  return (x > y) - (x < y);
}

/* ------------------------------------------------------------ streams */

Test(stream, splitmix64_known_answers) {
  /* Reference values of SplitMix64 (Steele, Lea, Flood 2014; Vigna's
   * splitmix64.c) started from state 0. */
  sim_stream s = {.state = 0};
  cr_assert_eq(sim_stream_next(&s), 0xe220a8397b1dcdafu);
  cr_assert_eq(sim_stream_next(&s), 0x6e789e6aa1b965f4u);
  cr_assert_eq(sim_stream_next(&s), 0x06c45d188009454fu);
  cr_assert_eq(s.state, 3 * GAMMA);
}

Test(stream, hash_inverts) {
  sim_stream s = make(1, 2, 3, 4);
  for (int i = 0; i < 1000; i++) {
    uint64_t x = sim_stream_next(&s);
    cr_assert_eq(unhash64(sim_hash64(x)), x, "the test's inverse is right");
  }
}

Test(stream, same_key_same_sequence) {
  sim_stream a = make(42, 3, 17, 2), b = make(42, 3, 17, 2);
  cr_assert_eq(a.state, sim_stream_key(42, 3, 17, 2), "init sets the state to the key");
  for (int i = 0; i < 1000; i++)
    cr_assert_eq(sim_stream_next(&a), sim_stream_next(&b));
}

Test(stream, two_step_key_is_the_four_part_key) {
  for (uint64_t e = 0; e < 50; e++)
    for (uint64_t p = 0; p < 40; p++)
      cr_assert_eq(sim_stream_key_purpose(sim_stream_key_entity(7, 2, e * 977), p),
                   sim_stream_key(7, 2, e * 977, p));
}

Test(stream, every_key_part_matters) {
  sim_stream base = make(42, 0, 7, 0);
  cr_assert(!same_prefix(base, make(43, 0, 7, 0), 4), "seed");
  cr_assert(!same_prefix(base, make(42, 1, 7, 0), 4), "replication");
  cr_assert(!same_prefix(base, make(42, 0, 8, 0), 4), "entity");
  cr_assert(!same_prefix(base, make(42, 0, 7, 1), 4), "purpose");
  /* the same values in other positions give other streams */
  cr_assert(!same_prefix(make(3, 5, 0, 0), make(5, 3, 0, 0), 4), "seed <-> replication");
  cr_assert(!same_prefix(make(0, 0, 3, 5), make(0, 0, 5, 3), 4), "entity <-> purpose");
  cr_assert(!same_prefix(make(0, 3, 5, 0), make(0, 5, 3, 0), 4), "replication <-> entity");
  cr_assert(!same_prefix(make(0, 0, 0, 0), make(0, 0, 0, 1), 4), "all-zero key");
}

Test(stream, keys_of_many_entities_are_distinct) {
  const size_t n = 100000;
  uint64_t *k = malloc(n * sizeof *k);
  cr_assert_not_null(k);
  for (size_t i = 0; i < n; i++)
    k[i] = sim_stream_key(42, 0, i, 0);
  qsort(k, n, sizeof *k, cmp_u64);
  for (size_t i = 1; i < n; i++)
    cr_assert_neq(k[i], k[i - 1]);
  free(k);
}

Test(stream, uniform_is_in_the_open_interval) {
  /* Build states whose next raw output is the smallest and the largest
   * possible 64-bit value. */
  sim_stream lo = {.state = unhash64(0) - GAMMA};
  sim_stream hi = {.state = unhash64(UINT64_MAX) - GAMMA};
  sim_stream probe = hi;
  cr_assert_eq(sim_stream_next(&probe), UINT64_MAX);
  double ulo = sim_stream_uniform(&lo), uhi = sim_stream_uniform(&hi);
  cr_assert(ulo > 0.0, "smallest uniform %a must be > 0", ulo);
  cr_assert(uhi < 1.0, "largest uniform %a must be < 1", uhi);
  cr_assert(ulo + uhi == 1.0, "the extremes are symmetric");
  sim_stream s = make(1, 0, 0, 0);
  for (int i = 0; i < 100000; i++) {
    double u = sim_stream_uniform(&s);
    cr_assert(u > 0.0 && u < 1.0);
  }
}

Test(stream, chi_square_uniformity) {
  const int bins = 10, n = 100000;
  long count[10] = {0};
  sim_stream s = make(20240501, 0, 0, 0);
  for (int i = 0; i < n; i++)
    count[(int)(sim_stream_uniform(&s) * bins)]++;
  double expected = (double)n / bins, chi2 = 0.0;
  for (int b = 0; b < bins; b++)
    chi2 += (count[b] - expected) * (count[b] - expected) / expected;
  double critical = gsl_cdf_chisq_Pinv(0.9999, bins - 1);
  cr_assert_lt(chi2, critical, "chi2 = %.2f, critical value (p = 1e-4) %.2f", chi2, critical);
}

/* Under independence the sample correlation of n pairs has standard error
 * about 1/sqrt(n). */
static void check_uncorrelated(sim_stream a, sim_stream b, const char *what) {
  const int n = 100000;
  double sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
  for (int i = 0; i < n; i++) {
    double x = sim_stream_uniform(&a), y = sim_stream_uniform(&b);
    sa += x;
    sb += y;
    saa += x * x;
    sbb += y * y;
    sab += x * y;
  }
  double cov = sab / n - (sa / n) * (sb / n);
  double r = cov / sqrt((saa / n - (sa / n) * (sa / n)) * (sbb / n - (sb / n) * (sb / n)));
  cr_assert_lt(fabs(r), 4.0 / sqrt(n), "%s: correlation %.5f beyond 4 SE (%.5f)", what, r,
               4.0 / sqrt(n));
}

Test(stream, streams_are_uncorrelated) {
  check_uncorrelated(make(42, 0, 7, 0), make(42, 0, 8, 0), "neighbouring entities");
  check_uncorrelated(make(42, 0, 7, 0), make(42, 0, 7, 1), "two purposes of one entity");
  check_uncorrelated(make(42, 0, 7, 0), make(42, 1, 7, 0), "two replications");
}

/* Common random numbers: "client 7's traits" are the first 5 draws of stream
 * (seed 42, replication 0, entity 7, purpose 0). They must be the same
 * whether or not 1000 other clients' streams were created and used first. */
Test(stream, client_traits_do_not_depend_on_other_clients) {
  double alone[5], crowded[5];
  sim_stream c7 = make(42, 0, 7, 0);
  for (int i = 0; i < 5; i++)
    alone[i] = sim_stream_uniform(&c7);

  sim_stream *others = malloc(1000 * sizeof *others);
  cr_assert_not_null(others);
  double sink = 0.0;
  for (uint64_t e = 0; e < 1000; e++) {
    others[e] = make(42, 0, 1000 + e, 0);
    for (int i = 0; i < 13; i++)
      sink += sim_stream_uniform(&others[e]);
  }
  sim_stream c7_again = make(42, 0, 7, 0);
  for (int i = 0; i < 5; i++)
    crowded[i] = sim_stream_uniform(&c7_again);
  for (int i = 0; i < 5; i++)
    cr_assert(alone[i] == crowded[i], "trait %d: %.17g vs %.17g", i, alone[i], crowded[i]);
  cr_assert(sink > 0.0);
  free(others);
}

/* ------------------------------------------------------------ gsl facade */

Test(facade, type_descriptor) {
  sim_rng f;
  cr_assert_eq(sim_rng_init(&f), SIM_OK);
  cr_assert_str_eq(gsl_rng_name(f.r), "bijsim-splitmix64");
  cr_assert_eq(gsl_rng_min(f.r), 0);
  cr_assert_eq(gsl_rng_max(f.r), 0xffffffffUL);
  cr_assert_eq(f.r->type, sim_rng_splitmix);
  sim_stream s = make(5, 0, 0, 0), ref = s;
  gsl_rng *r = sim_rng_bind(&f, &s);
  cr_assert_eq(r, f.r);
  for (int i = 0; i < 1000; i++) {
    cr_assert_eq(gsl_rng_get(r), sim_stream_next(&ref) >> 32, "get is the top 32 bits");
    double u = gsl_rng_uniform(r);
    cr_assert(u >= 0.0 && u < 1.0);
    cr_assert(u == sim_stream_uniform(&ref), "get_double is sim_stream_uniform");
  }
  sim_rng_free(&f);
  cr_assert_null(f.r);
  sim_rng_free(&f); /* safe twice */
}

Test(facade, exponential_mean_within_4_se) {
  sim_rng f;
  cr_assert_eq(sim_rng_init(&f), SIM_OK);
  sim_stream s = make(42, 0, SIM_NO_ENTITY, 3);
  const int n = 100000;
  const double mu = 2.5; /* mean; the standard deviation equals the mean */
  double sum = 0.0;
  gsl_rng *r = sim_rng_bind(&f, &s);
  for (int i = 0; i < n; i++)
    sum += gsl_ran_exponential(r, mu);
  double mean = sum / n, se = mu / sqrt(n);
  cr_assert_lt(fabs(mean - mu), 4 * se, "mean %.5f, theory %.5f, 4 SE %.5f", mean, mu, 4 * se);
  sim_rng_free(&f);
}

Test(facade, alternate_binding_continues_each_stream) {
  sim_rng f;
  cr_assert_eq(sim_rng_init(&f), SIM_OK);
  sim_stream a = make(42, 0, 1, 0), b = make(42, 0, 2, 0);
  sim_stream ra = a, rb = b; /* references drawn directly */
  for (int i = 0; i < 500; i++) {
    double ua = gsl_rng_uniform(sim_rng_bind(&f, &a));
    double ub = gsl_rng_uniform(sim_rng_bind(&f, &b));
    cr_assert(ua == sim_stream_uniform(&ra), "stream a, draw %d", i);
    cr_assert(ub == sim_stream_uniform(&rb), "stream b, draw %d", i);
  }
  cr_assert_eq(a.state, ra.state, "the state lives in the stream, not in the facade");
  cr_assert_eq(b.state, rb.state);
  sim_rng_free(&f); /* must free GSL's own state, not the bound stream */
}

/* ------------------------------------------------------- counted streams */

/* A counted stream (key + draw count) gives exactly the draws of the state
 * stream started at the key: the representation clients keep their 16
 * streams in. */
Test(counted, same_draws_as_the_state_stream) {
  cr_assert_eq(GAMMA * SIM_SPLITMIX_GAMMA_INV, 1u, "GAMMA_INV inverts GAMMA mod 2^64");
  for (uint64_t purpose = 0; purpose < 16; purpose++) {
    uint64_t key = sim_stream_key(42, 3, 1234567, purpose + 16 * 2);
    sim_stream s = {key};
    sim_draws count = 0;
    uint8_t overflow = 0;
    sim_counted c = sim_counted_at(key, &count, &overflow);
    for (int i = 1; i <= 3000; i++) {
      if (i % 2)
        cr_assert_eq(sim_counted_next(&c), sim_stream_next(&s), "purpose %llu draw %d",
                     (unsigned long long)purpose, i);
      else
        cr_assert(sim_counted_uniform(&c) == sim_stream_uniform(&s), "uniform, draw %d", i);
      cr_assert_eq(count, (sim_draws)i);
      cr_assert_eq(sim_stream_state_at(key, count), s.state, "state after %d draws", i);
      cr_assert_eq(sim_stream_draws_of(key, s.state), (uint64_t)i, "draws of the state");
    }
    /* blocks of uniforms continue the same stream */
    for (int n = 0; n <= 12; n++) {
      double u[12];
      sim_counted_uniforms(key, &count, &overflow, u, n);
      for (int i = 0; i < n; i++)
        cr_assert(u[i] == sim_stream_uniform(&s), "block of %d, uniform %d", n, i);
      cr_assert_eq(sim_stream_state_at(key, count), s.state, "count after a block of %d", n);
    }
    cr_assert_eq(overflow, 0);
  }
}

/* Through the counted facade, GSL's samplers (a variable number of uniforms)
 * draw the same numbers as through the state facade and advance the count
 * by the draws they took. */
Test(counted, facade_matches_the_state_facade) {
  sim_rng f;
  cr_assert_eq(sim_rng_init(&f), SIM_OK);
  cr_assert_str_eq(gsl_rng_name(f.rc), "bijsim-splitmix64-counted");
  cr_assert_eq(f.rc->type, sim_rng_splitmix_counted);
  cr_assert_eq(gsl_rng_max(f.rc), gsl_rng_max(f.r));
  uint64_t ka = sim_stream_key(7, 0, 11, 4), kb = sim_stream_key(7, 0, 12, 4);
  sim_stream a = {ka}, b = {kb};
  sim_draws na = 0, nb = 0;
  uint8_t overflow = 0;
  for (int i = 0; i < 400; i++) {
    double ga = gsl_ran_gamma(sim_rng_bind(&f, &a), 0.7, 2.0);
    double gc = gsl_ran_gamma(sim_rng_bind_counted(&f, ka, &na, &overflow), 0.7, 2.0);
    cr_assert(ga == gc, "gamma %d: %.17g vs %.17g", i, ga, gc);
    unsigned long xb = gsl_rng_get(sim_rng_bind(&f, &b));
    cr_assert_eq(gsl_rng_get(sim_rng_bind_counted(&f, kb, &nb, &overflow)), xb, "get %d", i);
    cr_assert_eq((uint64_t)na, sim_stream_draws_of(ka, a.state), "count a after %d", i);
    cr_assert_eq((uint64_t)nb, sim_stream_draws_of(kb, b.state), "count b after %d", i);
  }
  cr_assert_gt(na, 400, "the gamma sampler took more than one uniform at times");
  cr_assert_eq(overflow, 0);
  sim_rng_free(&f);
  cr_assert_null(f.rc);
}

/* The draw that takes a count past SIM_DRAWS_MAX is still the stream's
 * (draw 65536) but sets the sticky overflow flag, for the owner to refuse
 * what follows; it does not wrap unnoticed. */
Test(counted, overflow_is_flagged_not_silent) {
  uint64_t key = sim_stream_key(1, 0, 5, 9);
  sim_draws count = SIM_DRAWS_MAX - 1;
  uint8_t overflow = 0;
  sim_counted c = sim_counted_at(key, &count, &overflow);
  sim_stream s = {sim_stream_state_at(key, SIM_DRAWS_MAX - 1)};
  cr_assert_eq(sim_counted_next(&c), sim_stream_next(&s), "draw 65535");
  cr_assert_eq(count, SIM_DRAWS_MAX);
  cr_assert_eq(overflow, 0, "65535 draws fit");
  cr_assert_eq(sim_counted_next(&c), sim_stream_next(&s), "draw 65536");
  cr_assert_eq(overflow, 1, "draw 65536 is flagged");
  (void)sim_counted_next(&c);
  cr_assert_eq(overflow, 1, "the flag stays set");
  /* a block that ends exactly at the maximum fits; one more is flagged */
  double u[3];
  count = SIM_DRAWS_MAX - 3;
  overflow = 0;
  sim_counted_uniforms(key, &count, &overflow, u, 3);
  cr_assert_eq(count, SIM_DRAWS_MAX);
  cr_assert_eq(overflow, 0, "a block up to 65535 fits");
  count = SIM_DRAWS_MAX - 2;
  sim_counted_uniforms(key, &count, &overflow, u, 3);
  cr_assert_eq(overflow, 1, "a block past 65535 is flagged");
  /* the same through the facade */
  sim_rng f;
  cr_assert_eq(sim_rng_init(&f), SIM_OK);
  count = SIM_DRAWS_MAX;
  overflow = 0;
  (void)gsl_rng_uniform(sim_rng_bind_counted(&f, key, &count, &overflow));
  cr_assert_eq(overflow, 1, "the facade flags it too");
  sim_rng_free(&f);
}
