/* test_stage_inflow.c: pins down the inflow stage (models/inflow.c).
 *
 * - Applications arrive as a Poisson process: the count over the horizon is
 *   within 4 standard errors of rate x horizon (in each half, too); a rate
 *   of 0 gives none.
 * - The initial stock is on benefit at day 0 without gatekeeping, already
 *   the municipality's (no CWI phase-1 mediation).
 * - Re-inflow: a leaver returns at p_reinflow (statistical), after
 *   reinflow_delay, as the same person (same id and traits) in a new spell
 *   through gatekeeping again (a person of the initial stock keeps the
 *   stock's traits); leavers by moving away or by age never return.
 * - Traits not kept in the record (the fraud propensity, the individual
 *   exemption's uniform) are recomputed from the person's TRAITS block: the
 *   block's recomputed uniforms give the kept traits (age, distance) exactly,
 *   so the recomputation reads the block draw_traits drew; the recomputed
 *   propensity has the mean of its exponential and the uniform that of U(0,1).
 * Statistical checks: fixed seeds, 4 standard errors from the sample size.
 */
#include "test_stage_util.h"

#include <gsl/gsl_cdf.h>

Test(inflow, poisson_arrival_count) {
  bs_params p;
  quiet_params(&p);
  p.inflow.applications_per_year = 1500;
  p.run.horizon_days = 730;
  bs_world w;
  world_init(&w, &p, 131);
  world_run(&w);
  expect_count(w.c.applications, 1500 * 730 / 365.25, "applications over two years");
  cr_expect_eq(w.c.entered, w.c.applications);
  cr_expect_eq(w.c.reinflow, 0);
  /* a part of the horizon is a Poisson count too: up to the stock point
   * nearest before day 365 */
  const bs_stock_point *mid = NULL;
  for (size_t i = 0; i < w.stocks_n; i++)
    if (w.stocks[i].day <= 365)
      mid = &w.stocks[i];
  cr_assert_not_null(mid);
  expect_count(mid->cum_entered, 1500 * mid->day / 365.25, "applications in the first year");
  bs_world_free(&w);
}

Test(inflow, several_seeds_poisson_count) {
  bs_params p;
  quiet_params(&p);
  p.inflow.applications_per_year = 300;
  p.run.horizon_days = 365.25;
  uint64_t total = 0;
  for (uint64_t seed = 1; seed <= 20; seed++) {
    bs_world w;
    world_init(&w, &p, 1000 + seed);
    world_run(&w);
    total += w.c.applications;
    bs_world_free(&w);
  }
  expect_count(total, 20 * 300.0, "applications in 20 replications");
}

Test(inflow, no_rate_no_applications) {
  bs_params p;
  quiet_params(&p);
  p.inflow.applications_per_year = 0;
  bs_world w;
  world_init(&w, &p, 132);
  world_run(&w);
  cr_expect_eq(w.c.applications, 0);
  cr_expect_eq(w.c.entered, 0);
  bs_world_free(&w);
}

Test(inflow, initial_stock_is_on_benefit_at_day_0_without_gatekeeping) {
  bs_params p;
  quiet_params(&p);
  p.inflow.initial_stock = 500;
  p.cwi.phase1_max_days = 183;
  bs_world w;
  world_init(&w, &p, 133);
  world_run(&w);
  cr_expect_eq(w.c.entered, 500);
  cr_expect_eq(w.c.applications, 0);
  cr_expect_eq(w.c.admitted, 500);
  cr_expect_eq(w.stock[BS_ST_BENEFIT] + w.c.left[BS_ROUTE_AGE], 500, "only birthdays end it");
  cr_expect_eq(w.cohort_n, 0, "the stock is not in the inflow cohort");
  cr_expect_eq(w.c.phase1_referred, 0, "no CWI mediation for the stock");
  cr_assert_gt(w.stocks_n, 0);
  cr_expect_eq(w.stocks[0].on_benefit, 500);
  for (uint32_t s = 0; s < w.ctx.pool.used; s++) {
    bs_client *c = bs_client_at(&w, s);
    cr_expect_leq(c->t_start, 0, "the stock has been on benefit for a while");
    cr_expect_neq(c->programme, BS_PROG_CWI);
  }
  bs_world_free(&w);
}

Test(inflow, reinflow_share_of_leavers) {
  bs_params p;
  quiet_params(&p);
  p.inflow.applications_per_year = 3000;
  p.run.horizon_days = 365;
  p.gatekeeping.p_ineligible = 0.4; /* many leave at the gate */
  p.outflow.withdrawal_per_year = 1;
  p.outflow.moving_per_year = 1;
  p.inflow.p_reinflow = 0.3;
  p.inflow.reinflow_delay = (bs_delay){0, 0}; /* returns at once: always within the run */
  bs_world w;
  world_init(&w, &p, 134);
  world_run(&w);
  uint64_t can_return = total_left(&w) - w.c.left[BS_ROUTE_MOVING] - w.c.left[BS_ROUTE_AGE];
  cr_assert_gt(w.c.left[BS_ROUTE_MOVING], 0);
  expect_share(w.c.reinflow, can_return, 0.3, "leavers who return");
  cr_expect_eq(w.c.applications, w.c.entered, "a return is an application");
  bs_world_free(&w);
}

Test(inflow, moving_away_and_age_never_return) {
  bs_params p;
  quiet_params(&p);
  p.inflow.p_reinflow = 1;
  p.inflow.reinflow_delay = (bs_delay){0, 0};
  p.outflow.moving_per_year = 10;
  bs_world w;
  world_init(&w, &p, 135);
  for (int i = 0; i < 200; i++) {
    person h = make_person(&w, 0.0, i < 100 ? 30 : 64.9);
    pc(&w, h)->phase = 2;
    admit(&w, h);
  }
  run_until(&w, 1000);
  cr_expect_eq(total_left(&w), 200);
  cr_expect_eq(w.c.left[BS_ROUTE_MOVING] + w.c.left[BS_ROUTE_AGE], 200);
  cr_expect_gt(w.c.left[BS_ROUTE_AGE], 0);
  cr_expect_eq(w.c.reinflow, 0);
  bs_world_free(&w);
}

/* The trace line "applies for bijstand (traits)" without the day. */
static int nth_application_line(trace_buf *t, int nth, char *out, size_t n) {
  fflush(t->f);
  const char *s = t->buf;
  while (s && (s = strstr(s, "applies for bijstand"))) {
    if (nth-- == 0) {
      const char *eol = strchr(s, '\n');
      size_t len = eol ? (size_t)(eol - s) : strlen(s);
      snprintf(out, n, "%.*s", (int)len, s);
      return 1;
    }
    s++;
  }
  return 0;
}

Test(inflow, a_returner_is_the_same_person_in_a_new_spell) {
  bs_params p;
  quiet_params(&p);
  p.inflow.p_reinflow = 1;
  p.inflow.reinflow_delay = (bs_delay){10, 0};
  bs_world w;
  world_init(&w, &p, 136);
  person h = new_person(&w); /* traits as drawn */
  bs_client before = *pc(&w, h);
  trace_buf t;
  trace_on(&w, &t, h.id);
  apply(&w, h);
  run_until(&w, 5);
  cr_assert_eq(bs_leave(&w, h.slot, BS_ROUTE_WITHDRAWAL), SIM_OK);
  cr_expect_not(alive(&w, h));
  run_until(&w, 14.99);
  cr_expect_eq(w.c.reinflow, 0);
  run_until(&w, 15.5);
  cr_expect_eq(w.c.reinflow, 1);
  cr_expect_float_eq(trace_day(&t, "applies again (re-inflow, spell 1)"), 15.0, 1e-9);
  /* the same person: same id, same traits, spell 1, through gatekeeping */
  const bs_client *again = NULL;
  for (uint32_t s = 0; s < w.ctx.pool.used; s++)
    if ((w.ctx.pool.gen[s] & 1u) && bs_client_at(&w, s)->id == h.id)
      again = bs_client_at(&w, s);
  cr_assert_not_null(again);
  cr_expect_eq(again->spell, 1);
  cr_expect_eq(again->distance, before.distance);
  /* older by the 15 days between the applications */
  cr_expect_float_eq(again->age_years, before.age_years + (15.0 - before.t_apply) / 365.25, 1e-9);
  cr_expect_eq(again->household, before.household);
  cr_expect_eq(again->problems, before.problems);
  cr_expect_eq(again->compliance, before.compliance);
  cr_expect_eq(bs_fraud_propensity(&w, again), bs_fraud_propensity(&w, &before));
  cr_expect_float_eq(again->t_apply, 15.0, 1e-9);
  /* the trace shows the same distance and rung (the age line moves on) */
  char l0[256], l1[256];
  cr_assert(nth_application_line(&t, 0, l0, sizeof l0));
  cr_assert(nth_application_line(&t, 1, l1, sizeof l1));
  cr_expect_str_eq(strstr(l0, "distance"), strstr(l1, "distance"));
  trace_off(&w, &t);
  bs_world_free(&w);
}

Test(inflow, a_returner_from_the_initial_stock_keeps_its_traits) {
  bs_params p;
  quiet_params(&p);
  p.inflow.initial_stock = 400;
  p.inflow.initial_stock_far_share = 0.9; /* the stock differs from the inflow */
  p.inflow.p_reinflow = 1;
  p.inflow.reinflow_delay = (bs_delay){5, 0};
  p.outflow.other_income_per_year = 3;
  p.run.horizon_days = 200;
  bs_world w;
  world_init(&w, &p, 137);
  cr_assert_eq(bs_stage_inflow.start(&w), SIM_OK, "%s", w.ctx.err);
  double *dist = malloc(400 * sizeof *dist);
  double *age = malloc(400 * sizeof *age);
  double *tap = malloc(400 * sizeof *tap);
  for (uint32_t s = 0; s < w.ctx.pool.used; s++) {
    bs_client *c = bs_client_at(&w, s);
    cr_assert_lt(c->id, 400);
    dist[c->id] = c->distance;
    age[c->id] = c->age_years;
    tap[c->id] = c->t_apply;
  }
  run_until(&w, 200);
  int returned = 0;
  for (uint32_t s = 0; s < w.ctx.pool.used; s++) {
    if (!(w.ctx.pool.gen[s] & 1u))
      continue;
    bs_client *c = bs_client_at(&w, s);
    if (c->spell == 0)
      continue;
    returned++;
    cr_expect_eq(c->distance, dist[c->id], "person %u, spell %u: distance %.6f, was %.6f", c->id,
                 (unsigned)c->spell, c->distance, dist[c->id]);
    /* the same person, older by the time between the two applications */
    double expected_age = age[c->id] + (c->t_apply - tap[c->id]) / 365.25;
    cr_expect_float_eq(c->age_years, expected_age, 1e-9, "person %u: age %.6f, expected %.6f",
                       c->id, c->age_years, expected_age);
  }
  cr_expect_gt(returned, 50);
  free(dist);
  free(age);
  free(tap);
  bs_world_free(&w);
}

Test(inflow, recomputed_traits_are_the_drawn_block) {
  bs_params p;
  load_baseline(&p);
  p.clients.fraud_propensity_mean = 0.2;
  bs_world w;
  world_init(&w, &p, 137);
  static const double lo[BS_AGE_N] = {18, 23, 57.5, 65}, hi[BS_AGE_N] = {23, 57.5, 65, 75};
  enum { N = 20000 };
  double sum_fraud = 0, sum_u = 0;
  for (int i = 0; i < N; i++) {
    person h = new_person(&w);
    const bs_client *c = pc(&w, h);
    cr_assert_geq(c->rng_draws[BS_RNG_TRAITS], 12, "the block of 12 and the beta's draws");
    /* the kept traits from the recomputed block: u[1] the age, u[3] the distance */
    cr_assert_eq(c->age_years,
                 lo[c->age_band] + bs_trait_u(c, 1) * (hi[c->age_band] - lo[c->age_band]),
                 "age from u[1] (person %d)", i);
    cr_assert_eq(c->distance,
                 p.clients.distance_mean +
                     p.clients.distance_sd * gsl_cdf_ugaussian_Pinv(bs_trait_u(c, 3)),
                 "distance from u[3] (person %d)", i);
    double f = bs_fraud_propensity(&w, c);
    cr_assert_eq(f, -log(bs_trait_u(c, BS_TRAIT_U_FRAUD)) * 0.2);
    sum_fraud += f;
    sum_u += bs_u_exempt(c);
    /* the person's own: a stable copy of the record gives the same */
    bs_client copy = *c;
    cr_assert_eq(bs_u_exempt(&copy), bs_u_exempt(c));
  }
  expect_mean(sum_fraud / N, 0.2, 0.2, N, "fraud propensity: exponential, mean 0.2");
  expect_mean(sum_u / N, 0.5, sqrt(1.0 / 12), N, "the exemption's uniform: U(0,1)");
  bs_world_free(&w);
}
