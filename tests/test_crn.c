/* test_crn.c: pins down common random numbers across policy variants.
 *
 * A person's traits (age, household, distance, problems, compliance, fraud
 * propensity, individual-exemption draw, ladder rung) come from the
 * person's own stream keyed on (seed, replication, person id), so:
 * - person 7 has identical traits with integral or separate case
 *   management, with or without work-first, with Kwint abolished, and when
 *   twice as many applicants arrive (doubled applications_per_year: person 7
 *   arrives on another day, as the same person);
 * - every person id present in the cohorts of two variants has the same
 *   distance in both;
 * - a different seed gives a different person 7;
 * - a client record's streams (one key, a draw count per purpose) are the
 *   streams keyed on (seed, replication, id, purpose + 16 x spell).
 */
#include "test_stage_util.h"

#include <stdint.h>

#define PERSON 7

typedef struct {
  char line[256]; /* the trace line "applies for bijstand (traits)" */
  double day;     /* the day person 7 applied */
  uint32_t n_rec;
  uint32_t ids[4096];
  double dist[4096];
} crn_run;

static void small_world(bs_params *p) {
  load_baseline(p);
  p->run.warmup_days = 0;      /* person ids and counters from day 0 */
  p->inflow.initial_stock = 0; /* ids count applicants only */
  p->inflow.applications_per_year = 400;
  p->run.horizon_days = 400;
  p->run.cohort_start_day = 0;
  p->run.cohort_length_days = 365;
}

static void run_variant(const bs_params *p, uint64_t seed, crn_run *out) {
  bs_world w;
  world_init(&w, p, seed);
  trace_buf t;
  trace_on(&w, &t, PERSON);
  world_run(&w);
  fflush(t.f);
  memset(out, 0, sizeof *out);
  out->day = -1;
  const char *s = t.buf ? strstr(t.buf, "applies for bijstand") : NULL;
  cr_assert_not_null(s, "person %d applied", PERSON);
  const char *eol = strchr(s, '\n');
  snprintf(out->line, sizeof out->line, "%.*s", (int)(eol ? eol - s : (long)strlen(s)), s);
  out->day = trace_day(&t, "applies for bijstand");
  cr_assert_lt(w.cohort_n, 4096);
  for (size_t i = 0; i < w.cohort_n; i++) {
    out->ids[out->n_rec] = w.cohort[i].id;
    out->dist[out->n_rec] = w.cohort[i].distance;
    out->n_rec++;
  }
  trace_off(&w, &t);
  bs_world_free(&w);
}

/* Every id in both runs' cohorts has the same distance; returns the count. */
static int same_distances(const crn_run *a, const crn_run *b) {
  int common = 0;
  for (uint32_t i = 0; i < a->n_rec; i++)
    for (uint32_t j = 0; j < b->n_rec; j++)
      if (a->ids[i] == b->ids[j]) {
        common++;
        cr_expect_eq(a->dist[i], b->dist[j], "person %u: distance %.17g vs %.17g", a->ids[i],
                     a->dist[i], b->dist[j]);
        break;
      }
  return common;
}

static crn_run base_run, var_run; /* large: not on the stack */

static void compare_with_base(bs_params *variant, const char *what, int expect_other_day) {
  bs_params p;
  small_world(&p);
  run_variant(&p, 2024, &base_run);
  run_variant(variant, 2024, &var_run);
  cr_expect_str_eq(var_run.line, base_run.line, "%s: person %d differs", what, PERSON);
  if (expect_other_day)
    cr_expect_neq(var_run.day, base_run.day, "%s: person %d arrives on another day", what, PERSON);
  int common = same_distances(&base_run, &var_run);
  cr_expect_gt(common, 50, "%s: %d persons in both cohorts", what, common);
}

Test(crn, person_7_same_with_integral_or_separate) {
  bs_params p;
  small_world(&p);
  p.case_management.model = BS_CM_SEPARATE;
  compare_with_base(&p, "separate", 0);
}

Test(crn, person_7_same_with_or_without_work_first) {
  bs_params p;
  small_world(&p);
  p.work_first.enabled = 1;
  p.gatekeeping.work_first_gate = 1;
  compare_with_base(&p, "work-first", 0);
}

Test(crn, person_7_same_without_kwint) {
  bs_params p;
  small_world(&p);
  p.cwi.kwint = 0;
  compare_with_base(&p, "no Kwint", 0);
}

Test(crn, person_7_same_when_twice_as_many_apply) {
  bs_params p;
  small_world(&p);
  p.inflow.applications_per_year *= 2;
  compare_with_base(&p, "applications doubled", 1);
}

/* The traits of person `id` created directly in a world with these params. */
static bs_client traits_of(const bs_params *p, uint64_t seed, uint32_t id) {
  bs_world w;
  world_init(&w, p, seed);
  uint32_t slot;
  cr_assert_eq(bs_inflow_new_client(&w, id, 0, 0, &slot), SIM_OK);
  bs_client c = *bs_client_at(&w, slot);
  bs_world_free(&w);
  return c;
}

static void expect_same_traits(const bs_client *a, const bs_client *b, const char *what) {
  cr_expect_eq(a->age_band, b->age_band, "%s: age band", what);
  cr_expect_eq(a->age_years, b->age_years, "%s: age", what);
  cr_expect_eq(a->household, b->household, "%s: household", what);
  cr_expect_eq(a->distance, b->distance, "%s: distance", what);
  cr_expect_eq(a->problems, b->problems, "%s: problems", what);
  cr_expect_eq(a->ladder, b->ladder, "%s: ladder", what);
  cr_expect_eq(a->compliance, b->compliance, "%s: compliance", what);
  /* recomputed from the TRAITS stream (not kept in the record) */
  cr_expect_eq(bs_trait_u(a, BS_TRAIT_U_FRAUD), bs_trait_u(b, BS_TRAIT_U_FRAUD),
               "%s: fraud propensity's uniform", what);
  cr_expect_eq(bs_u_exempt(a), bs_u_exempt(b), "%s: exemption draw", what);
}

Test(crn, traits_do_not_depend_on_policy_parameters) {
  bs_params base, v;
  load_baseline(&base);
  base.run.warmup_days = 0;
  bs_client a = traits_of(&base, 99, PERSON);
  v = base;
  v.case_management.model = BS_CM_SEPARATE;
  bs_client b = traits_of(&v, 99, PERSON);
  expect_same_traits(&a, &b, "separate");
  v = base;
  v.work_first.enabled = 1;
  v.trajectory.offer_order = BS_ORDER_CREAMING;
  v.sanctions.hoogwaardig_handhaven = 1;
  v.inflow.applications_per_year *= 2;
  v.inflow.initial_stock = 0;
  b = traits_of(&v, 99, PERSON);
  expect_same_traits(&a, &b, "many policies changed");
  /* another seed: another person */
  b = traits_of(&base, 100, PERSON);
  cr_expect_neq(a.distance, b.distance, "a different seed gives a different person");
}

/* The streams a client record keeps as one key and 16 draw counts are the
 * streams (seed, replication, person id, purpose + 16 x spell), TRAITS with
 * spell 0 in every spell: the keys the records held as 16 stream states
 * before, so the draws are the same. Checked for a first and a later spell,
 * through bs_draw, bs_uniform and bs_rng, continuing where each left off. */
Test(crn, client_streams_are_the_keyed_streams) {
  bs_params p;
  quiet_params(&p);
  bs_world w;
  world_init(&w, &p, 11);
  for (uint16_t spell = 0; spell < 3; spell += 2) {
    uint32_t slot;
    cr_assert_eq(bs_inflow_new_client(&w, 40 + spell, spell, 0, &slot), SIM_OK, "%s", w.ctx.err);
    bs_client *c = bs_client_at(&w, slot);
    for (int k = 0; k < BS_RNG_N; k++) {
      uint64_t purpose = k == BS_RNG_TRAITS ? 0 : (uint64_t)k + 16u * spell;
      sim_stream ref;
      sim_stream_init(&ref, 11, 0, c->id, purpose);
      /* skip what bs_inflow_new_client already drew (traits, the spell's block) */
      for (sim_draws i = 0; i < c->rng_draws[k]; i++)
        (void)sim_stream_next(&ref);
      if (k == BS_RNG_SPELL) /* one draw taken: ref.state is the first draw's state */
        cr_assert(bs_returner_offer_u(c) == sim_u01(sim_hash64(ref.state)),
                  "the returner's uniform is the spell's first draw");
      double u[3];
      bs_draw(c, (bs_rng_purpose)k, u, 3);
      for (int i = 0; i < 3; i++)
        cr_assert(u[i] == sim_stream_uniform(&ref), "spell %u purpose %d draw %d", spell, k, i);
      /* a block read out of order and in part is bs_draw's block (bs_take) */
      bs_block b = bs_take(c, (bs_rng_purpose)k, 5);
      double block[5];
      for (int i = 0; i < 5; i++)
        block[i] = sim_stream_uniform(&ref);
      cr_assert(bs_block_u(b, 3) == block[3] && bs_block_u(b, 0) == block[0] &&
                    bs_block_u(b, 4) == block[4],
                "spell %u purpose %d: bs_block_u", spell, k);
      cr_assert_eq(sim_stream_state_at(bs_stream_key(c, (bs_rng_purpose)k), c->rng_draws[k]),
                   ref.state, "bs_take moves the count on by the whole block");
      cr_assert(bs_uniform(c, (bs_rng_purpose)k) == sim_stream_uniform(&ref), "bs_uniform");
      cr_assert(gsl_rng_uniform(bs_rng(&w, c, (bs_rng_purpose)k)) == sim_stream_uniform(&ref),
                "bs_rng");
      cr_assert_eq(sim_stream_state_at(bs_stream_key(c, (bs_rng_purpose)k), c->rng_draws[k]),
                   ref.state, "the count is the draws taken");
    }
    cr_assert_eq(c->rng_overflow, 0);
  }
  bs_world_free(&w);
}

/* bs_take flags a block that takes a count past SIM_DRAWS_MAX, as bs_draw does. */
Test(crn, a_block_cannot_wrap_the_count) {
  bs_client c = {.rng_key = 12345};
  c.rng_draws[BS_RNG_GATE] = SIM_DRAWS_MAX - 3;
  (void)bs_take(&c, BS_RNG_GATE, 3);
  cr_assert_eq(c.rng_overflow, 0, "up to the last count");
  cr_assert_eq(c.rng_draws[BS_RNG_GATE], SIM_DRAWS_MAX);
  (void)bs_take(&c, BS_RNG_GATE, 1);
  cr_assert_eq(c.rng_overflow, 1, "past it");
}
