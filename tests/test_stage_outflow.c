/* test_stage_outflow.c: pins down the outflow routes (models/outflow.c).
 *
 * - Competing risks: the time to exit is exponential in the sum of the
 *   hazards, and the route of an exit is chosen in proportion to the
 *   hazards (regular work, other income, moving, withdrawal) (statistical).
 * - The job hazard: job_rate x exp(-slope x distance), times the
 *   programme's multiplier, exempt_job_factor when exempt, and
 *   duration_dependence from one year on benefit.
 * - The labour-market climate is a piecewise-constant curve
 *   (bs_climate_at); it scales the job hazard, so in a shock with factor 0
 *   nobody finds work, and exits resume at the old rate after it.
 * - Turning 65 on benefit: exit by the age route on the birthday; 65+ at
 *   inflow stay; nobody in the initial stock has passed 65 on benefit.
 * - Duration dependence: after one year the job-exit rate is multiplied by
 *   duration_dependence (statistical).
 * Statistical checks: fixed seeds, 4 standard errors from the sample size.
 */
#include "test_stage_util.h"

/* n obligated phase-2 clients at distance 0 on benefit at day 0. */
static person *on_benefit(bs_world *w, int n) {
  person *hs = malloc((size_t)n * sizeof *hs);
  cr_assert_not_null(hs);
  for (int i = 0; i < n; i++) {
    hs[i] = make_person(w, 0.0, 30);
    pc(w, hs[i])->phase = 2;
    admit(w, hs[i]);
  }
  return hs;
}

Test(outflow, route_shares_are_proportional_to_the_hazards) {
  bs_params p;
  quiet_params(&p);
  p.outflow.job_rate_per_year = 0.5;
  p.outflow.job_distance_slope = 0;
  p.outflow.other_income_per_year = 0.25;
  p.outflow.moving_per_year = 0.1;
  p.outflow.withdrawal_per_year = 0.15;
  p.outflow.duration_dependence = 1;
  p.run.horizon_days = 365.25 * 20; /* exits are drawn up to the horizon */
  bs_world w;
  world_init(&w, &p, 121);
  int n = 5000;
  person *hs = on_benefit(&w, n);
  run_until(&w, 365.25 * 20); /* total hazard 1 a year: everyone leaves */
  cr_assert_eq(total_left(&w), (uint64_t)n);
  expect_share(w.c.left[BS_ROUTE_REGULAR_WORK], n, 0.5, "regular work");
  expect_share(w.c.left[BS_ROUTE_OTHER_INCOME], n, 0.25, "other income");
  expect_share(w.c.left[BS_ROUTE_MOVING], n, 0.1, "moving");
  expect_share(w.c.left[BS_ROUTE_WITHDRAWAL], n, 0.15, "withdrawal");
  free(hs);
  bs_world_free(&w);
}

Test(outflow, exit_time_is_exponential_in_the_total_hazard) {
  bs_params p;
  quiet_params(&p);
  p.outflow.job_rate_per_year = 0.6;
  p.outflow.job_distance_slope = 0;
  p.outflow.other_income_per_year = 0.4;
  bs_world w;
  world_init(&w, &p, 122);
  int n = 4000;
  person *hs = on_benefit(&w, n);
  run_until(&w, 182);
  /* P(left by day t) = 1 - exp(-total x t) */
  expect_share(total_left(&w), n, 1 - exp(-1.0 * 182 / 365.25), "left by day 182");
  free(hs);
  bs_world_free(&w);
}

Test(outflow, job_hazard_composition) {
  bs_params p;
  quiet_params(&p);
  p.outflow.job_rate_per_year = 0.9;
  p.outflow.job_distance_slope = 0.7;
  p.outflow.exempt_job_factor = 0.3;
  p.outflow.duration_dependence = 0.5;
  p.cwi.phase1_job_boost = 1.3;
  bs_world w;
  world_init(&w, &p, 123);
  person h = make_person(&w, 1.5, 30);
  pc(&w, h)->phase = 2;
  admit(&w, h);
  bs_client *c = pc(&w, h);
  double base = 0.9 / 365.25 * exp(-0.7 * 1.5);
  expect_near(bs_job_hazard(&w, c, 0), base, 1e-15, "rate x exp(-slope x distance)");
  expect_near(bs_job_hazard(&w, c, 364.9), base, 1e-15, "within the first year");
  expect_near(bs_job_hazard(&w, c, 365), base * 0.5, 1e-15, "duration dependence");
  c->exempt = 1;
  expect_near(bs_job_hazard(&w, c, 0), base * 0.3, 1e-15, "exempt");
  c->exempt = 0;
  cr_assert_eq(bs_set_programme(&w, h.slot, BS_PROG_CWI), SIM_OK);
  expect_near(bs_job_hazard(&w, pc(&w, h), 0), base * 1.3, 1e-15, "CWI mediation boost");
  cr_assert_eq(bs_set_programme(&w, h.slot, BS_PROG_NONE), SIM_OK);
  expect_near(bs_job_hazard(&w, pc(&w, h), 0), base, 1e-15, "back to normal");
  bs_world_free(&w);
}

Test(outflow, climate_curve_is_piecewise_constant) {
  bs_params p;
  quiet_params(&p);
  p.inflow.climate_n = 3;
  p.inflow.climate[0][0] = 0;
  p.inflow.climate[0][1] = 1.0;
  p.inflow.climate[1][0] = 100;
  p.inflow.climate[1][1] = 0.5;
  p.inflow.climate[2][0] = 200;
  p.inflow.climate[2][1] = 2.0;
  bs_world w;
  world_init(&w, &p, 124);
  expect_near(bs_climate_at(&w, 0), 1.0, 0, "day 0");
  expect_near(bs_climate_at(&w, 99.99), 1.0, 0, "day 99.99");
  expect_near(bs_climate_at(&w, 100), 0.5, 0, "day 100");
  expect_near(bs_climate_at(&w, 199.99), 0.5, 0, "day 199.99");
  expect_near(bs_climate_at(&w, 200), 2.0, 0, "day 200");
  expect_near(bs_climate_at(&w, 1e5), 2.0, 0, "long after");
  /* it scales the job hazard */
  p.outflow.job_rate_per_year = 0.9;
  p.outflow.job_distance_slope = 0;
  bs_world_free(&w);
  world_init(&w, &p, 124);
  person h = make_person(&w, 0.0, 30);
  pc(&w, h)->phase = 2;
  admit(&w, h);
  bs_client *c = pc(&w, h);
  expect_near(bs_job_hazard(&w, c, 150) / bs_job_hazard(&w, c, 50), 0.5, 1e-12, "shock");
  expect_near(bs_job_hazard(&w, c, 250) / bs_job_hazard(&w, c, 50), 2.0, 1e-12, "boom");
  bs_world_free(&w);
}

Test(outflow, nobody_finds_work_during_a_total_shock) {
  bs_params p;
  quiet_params(&p);
  p.outflow.job_rate_per_year = 2;
  p.outflow.job_distance_slope = 0;
  p.inflow.climate_n = 3;
  p.inflow.climate[0][0] = 0;
  p.inflow.climate[0][1] = 1.0;
  p.inflow.climate[1][0] = 100;
  p.inflow.climate[1][1] = 0.0;
  p.inflow.climate[2][0] = 200;
  p.inflow.climate[2][1] = 1.0;
  bs_world w;
  world_init(&w, &p, 125);
  int n = 3000;
  person *hs = on_benefit(&w, n);
  double r = 2 / 365.25;
  run_until(&w, 100);
  uint64_t before = total_left(&w);
  expect_share(before, n, 1 - exp(-r * 100), "left before the shock");
  run_until(&w, 199.999);
  cr_expect_eq(total_left(&w), before, "no exit during the shock");
  run_until(&w, 300);
  uint64_t stayed = (uint64_t)n - before;
  expect_share(total_left(&w) - before, stayed, 1 - exp(-r * 100), "left after the shock");
  cr_expect_eq(total_left(&w), w.c.left[BS_ROUTE_REGULAR_WORK]);
  free(hs);
  bs_world_free(&w);
}

Test(outflow, a_half_climate_halves_exits) {
  bs_params p;
  quiet_params(&p);
  p.outflow.job_rate_per_year = 2;
  p.outflow.job_distance_slope = 0;
  p.inflow.climate[0][1] = 0.5;
  bs_world w;
  world_init(&w, &p, 126);
  int n = 3000;
  person *hs = on_benefit(&w, n);
  run_until(&w, 100);
  expect_share(total_left(&w), n, 1 - exp(-0.5 * 2 / 365.25 * 100), "left by day 100");
  free(hs);
  bs_world_free(&w);
}

Test(outflow, turning_65_leaves_by_the_age_route) {
  bs_params p;
  quiet_params(&p);
  bs_world w;
  world_init(&w, &p, 127);
  person h = make_person(&w, 0.0, 64.5);
  pc(&w, h)->phase = 2;
  admit(&w, h);
  person old = make_person(&w, 0.0, 66); /* 65+ at inflow: stays */
  pc(&w, old)->phase = 2;
  admit(&w, old);
  run_until(&w, 182);
  cr_expect(alive(&w, h));
  run_until(&w, 1000);
  cr_expect_not(alive(&w, h));
  cr_expect_eq(w.c.left[BS_ROUTE_AGE], 1);
  cr_assert_eq(w.cohort_n, 2);
  cr_expect_eq(w.cohort[0].route, BS_ROUTE_AGE);
  expect_near(w.cohort[0].t_out, 0.5 * 365.25, 1e-6, "the 65th birthday");
  cr_expect(alive(&w, old));
  bs_world_free(&w);
}

Test(outflow, duration_dependence_after_one_year) {
  bs_params p;
  quiet_params(&p);
  p.outflow.job_rate_per_year = 1.5;
  p.outflow.job_distance_slope = 0;
  p.outflow.duration_dependence = 0.25;
  bs_world w;
  world_init(&w, &p, 128);
  int n = 6000;
  person *hs = on_benefit(&w, n);
  double r = 1.5 / 365.25;
  run_until(&w, 365);
  uint64_t first = total_left(&w);
  expect_share(first, n, 1 - exp(-r * 365), "left in the first year");
  run_until(&w, 465);
  uint64_t stayed = (uint64_t)n - first;
  expect_share(total_left(&w) - first, stayed, 1 - exp(-0.25 * r * 100),
               "left in the 100 days after the first year");
  free(hs);
  bs_world_free(&w);
}

Test(outflow, nobody_in_the_initial_stock_turned_65_on_benefit) {
  bs_params p;
  quiet_params(&p);
  /* 57.5-65 and 65+ at application only */
  const double ages[BS_AGE_N] = {0, 0, 0.6, 0.4};
  memcpy(p.clients.age_shares, ages, sizeof ages);
  p.inflow.initial_stock = 3000;
  p.inflow.initial_stock_mean_duration_days = 1500;
  p.run.horizon_days = 365.25 * 8;
  bs_world w;
  world_init(&w, &p, 129);
  cr_assert_eq(bs_stage_inflow.start(&w), SIM_OK, "%s", w.ctx.err);
  uint64_t under65 = 0;
  for (uint32_t s = 0; s < w.ctx.pool.used; s++) {
    bs_client *c = bs_client_at(&w, s);
    cr_assert_leq(c->t_apply, 0);
    if (c->age_years >= 65)
      continue; /* 65+ at application: stays (incomplete pension) */
    under65++;
    double age_now = c->age_years - c->t_apply / 365.25;
    cr_expect_lt(age_now, 65, "person %u: %.2f at application %.0f days ago, %.2f at day 0", c->id,
                 c->age_years, -c->t_apply, age_now);
  }
  cr_assert_gt(under65, 1500);
  /* within 7.5 years all of them turn 65 and leave by the age route */
  run_until(&w, p.run.horizon_days);
  cr_expect_eq(w.c.left[BS_ROUTE_AGE], under65);
  cr_expect_eq(w.stock[BS_ST_BENEFIT], 3000 - under65);
  bs_world_free(&w);
}
