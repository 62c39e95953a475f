/* test_stage_trajectory.c: pins down re-integration trajectories
 * (models/trajectory.c).
 *
 * - No cure, less pay: bs_traj_payment pays price x regular_share for a
 *   regular job, x subsidised_share for subsidised work, x effort_share for
 *   effort only; in a run a trajectory ending in a regular job pays 100% of
 *   the provider's price, subsidised work / funded employment the subsidised
 *   share, no outflow the effort share (0.7 and a strict 0.4), and a client
 *   leaving during the trajectory for another reason the effort share.
 * - Lock-in: the job hazard during a trajectory is lock_in times the hazard
 *   after it.
 * - Quarterly reports every report_interval_days until the end.
 * - Registration: completeness p_registered (statistical); an offer whose
 *   registration comes after its half-year period's close plus
 *   reporting_lag_days is lost for the monitor.
 * - Provider evaluation: a provider whose success share is below
 *   drop_below_success is dropped, gets no new clients; the others stay.
 * Statistical checks: fixed seeds, 4 standard errors from the sample size.
 */
#include "test_stage_util.h"

#define PRICE 4000.0

/* One provider, offers at once, fixed duration, no re-offer. */
static void traj_params(bs_params *p) {
  quiet_params(p);
  one_provider(p, PRICE);
  p->trajectory.contracted_per_year = 0;
  p->trajectory.p_success_base = 0;
  p->trajectory.success_distance_slope = 0;
  p->trajectory.p_registered = 1;
  p->trajectory.registration_delay = (bs_delay){0, 0};
}

/* An obligated phase-2 client on benefit at day 0, queued for an offer. */
static person traj_client(bs_world *w) {
  person h = make_person(w, 0.0, 30);
  pc(w, h)->phase = 2;
  admit(w, h);
  cr_assert(pc(w, h)->waiting_offer);
  return h;
}

Test(trajectory, payment_unit) {
  bs_traj_params tp = {0};
  tp.effort_share = 0.7;
  tp.subsidised_share = 0.9;
  tp.regular_share = 1.0;
  expect_near(bs_traj_payment(&tp, 4000, BS_PAY_REGULAR), 4000, 1e-9, "regular job");
  expect_near(bs_traj_payment(&tp, 4000, BS_PAY_SUBSIDISED), 3600, 1e-9, "subsidised");
  expect_near(bs_traj_payment(&tp, 4000, BS_PAY_EFFORT), 2800, 1e-9, "effort");
  tp.effort_share = 0.4;
  expect_near(bs_traj_payment(&tp, 4000, BS_PAY_EFFORT), 1600, 1e-9, "effort, strict 40%");
  expect_near(bs_traj_payment(&tp, 0, BS_PAY_REGULAR), 0, 1e-9, "free trajectory");
}

/* One client through one trajectory; returns the spend per class. */
static void one_trajectory(bs_params *p, uint64_t seed, double spend[BS_PAY_N],
                           uint64_t ended[BS_PAY_N], uint64_t left[BS_ROUTE_N]) {
  bs_world w;
  world_init(&w, p, seed);
  person h = traj_client(&w);
  start_cm(&w);
  run_until(&w, 50);
  cr_assert_eq(pc(&w, h)->programme, BS_PROG_TRAJECTORY);
  run_until(&w, 200);
  for (int k = 0; k < BS_PAY_N; k++) {
    spend[k] = w.c.traj_spend[k];
    ended[k] = w.c.traj_ended[k];
  }
  for (int r = 0; r < BS_ROUTE_N; r++)
    left[r] = w.c.left[r];
  bs_world_free(&w);
}

Test(trajectory, regular_job_pays_the_full_price) {
  bs_params p;
  traj_params(&p);
  p.trajectory.p_success_base = 1; /* always a regular job at the end */
  double s[BS_PAY_N];
  uint64_t e[BS_PAY_N], l[BS_ROUTE_N];
  one_trajectory(&p, 81, s, e, l);
  cr_expect_eq(l[BS_ROUTE_REGULAR_WORK], 1);
  cr_expect_eq(e[BS_PAY_REGULAR], 1);
  expect_near(s[BS_PAY_REGULAR], PRICE, 1e-9, "100% of the price");
  expect_near(s[BS_PAY_EFFORT] + s[BS_PAY_SUBSIDISED], 0, 1e-9, "nothing else");
}

Test(trajectory, subsidised_work_pays_the_subsidised_share) {
  bs_params p;
  traj_params(&p);
  p.trajectory.p_subsidised = 1;
  p.trajectory.p_funded_employment = 0;
  double s[BS_PAY_N];
  uint64_t e[BS_PAY_N], l[BS_ROUTE_N];
  one_trajectory(&p, 82, s, e, l);
  cr_expect_eq(l[BS_ROUTE_SUBSIDISED_WORK], 1);
  cr_expect_eq(e[BS_PAY_SUBSIDISED], 1);
  expect_near(s[BS_PAY_SUBSIDISED], 0.9 * PRICE, 1e-9, "90% of the price");
}

Test(trajectory, funded_employment_pays_the_subsidised_share) {
  bs_params p;
  traj_params(&p);
  p.trajectory.p_subsidised = 1;
  p.trajectory.p_funded_employment = 1;
  p.trajectory.subsidised_share = 0.85;
  double s[BS_PAY_N];
  uint64_t e[BS_PAY_N], l[BS_ROUTE_N];
  one_trajectory(&p, 83, s, e, l);
  cr_expect_eq(l[BS_ROUTE_FUNDED_EMPLOYMENT], 1);
  expect_near(s[BS_PAY_SUBSIDISED], 0.85 * PRICE, 1e-9, "subsidised share");
}

Test(trajectory, effort_only_pays_the_effort_share_70_and_40) {
  double shares[2] = {0.7, 0.4};
  for (int k = 0; k < 2; k++) {
    bs_params p;
    traj_params(&p);
    p.trajectory.effort_share = shares[k];
    double s[BS_PAY_N];
    uint64_t e[BS_PAY_N], l[BS_ROUTE_N];
    one_trajectory(&p, 84, s, e, l);
    uint64_t left = 0;
    for (int r = 0; r < BS_ROUTE_N; r++)
      left += l[r];
    cr_expect_eq(left, 0, "no outflow");
    cr_expect_eq(e[BS_PAY_EFFORT], 1);
    expect_near(s[BS_PAY_EFFORT], shares[k] * PRICE, 1e-9, "effort share of the price");
    expect_near(s[BS_PAY_REGULAR] + s[BS_PAY_SUBSIDISED], 0, 1e-9, "nothing else");
  }
}

Test(trajectory, leaving_for_other_income_during_it_pays_effort) {
  bs_params p;
  traj_params(&p);
  p.trajectory.duration = (bs_delay){1000, 0};
  p.outflow.other_income_per_year = 20;
  double s[BS_PAY_N];
  uint64_t e[BS_PAY_N], l[BS_ROUTE_N];
  bs_world w;
  world_init(&w, &p, 85);
  traj_client(&w);
  start_cm(&w);
  run_until(&w, 1000);
  for (int k = 0; k < BS_PAY_N; k++) {
    s[k] = w.c.traj_spend[k];
    e[k] = w.c.traj_ended[k];
  }
  for (int r = 0; r < BS_ROUTE_N; r++)
    l[r] = w.c.left[r];
  cr_expect_eq(l[BS_ROUTE_OTHER_INCOME], 1);
  cr_expect_eq(e[BS_PAY_EFFORT], 1);
  expect_near(s[BS_PAY_EFFORT], 0.7 * PRICE, 1e-9, "effort share");
  bs_world_free(&w);
}

Test(trajectory, regular_job_found_during_it_pays_the_full_price) {
  bs_params p;
  traj_params(&p);
  p.trajectory.duration = (bs_delay){1000, 0};
  p.trajectory.lock_in = 1;
  p.outflow.job_rate_per_year = 20;
  p.outflow.job_distance_slope = 0;
  bs_world w;
  world_init(&w, &p, 86);
  traj_client(&w);
  start_cm(&w);
  run_until(&w, 1000);
  cr_expect_eq(w.c.left[BS_ROUTE_REGULAR_WORK], 1);
  cr_expect_eq(w.c.traj_ended[BS_PAY_REGULAR], 1);
  expect_near(w.c.traj_spend[BS_PAY_REGULAR], PRICE, 1e-9, "100% of the price");
  bs_world_free(&w);
}

Test(trajectory, lock_in_multiplies_the_job_hazard) {
  bs_params p;
  traj_params(&p);
  p.trajectory.lock_in = 0.5;
  p.outflow.job_rate_per_year = 1e-9; /* a hazard to compare, practically no exit */
  bs_world w;
  world_init(&w, &p, 87);
  person h = traj_client(&w);
  double before = bs_job_hazard(&w, pc(&w, h), 0);
  start_cm(&w);
  run_until(&w, 50);
  cr_assert_eq(pc(&w, h)->programme, BS_PROG_TRAJECTORY);
  double during = bs_job_hazard(&w, pc(&w, h), w.ctx.now);
  run_until(&w, 150);
  cr_assert_eq(pc(&w, h)->programme, BS_PROG_NONE);
  double after = bs_job_hazard(&w, pc(&w, h), w.ctx.now);
  expect_near(during / after, 0.5, 1e-12, "lock-in");
  expect_near(before / after, 1.0, 1e-12, "no lock-in outside a trajectory");
  bs_world_free(&w);
}

Test(trajectory, quarterly_reports_until_the_end) {
  bs_params p;
  traj_params(&p);
  p.trajectory.duration = (bs_delay){300, 0};
  p.trajectory.report_interval_days = 91;
  p.trajectory.p_no_show = 0;
  bs_world w;
  world_init(&w, &p, 88);
  person h = traj_client(&w);
  trace_buf t;
  trace_on(&w, &t, h.id);
  start_cm(&w);
  run_until(&w, 400);
  cr_expect_eq(w.c.traj_reports, 3);
  cr_expect_eq(trace_count(&t, "quarterly progress report"), 3);
  cr_expect_float_eq(trace_day_nth(&t, "quarterly progress report", 0), 91.0, 1e-9);
  cr_expect_float_eq(trace_day_nth(&t, "quarterly progress report", 1), 182.0, 1e-9);
  cr_expect_float_eq(trace_day_nth(&t, "quarterly progress report", 2), 273.0, 1e-9);
  cr_expect_float_eq(trace_day(&t, "ends without outflow"), 300.0, 1e-9);
  trace_off(&w, &t);
  bs_world_free(&w);
}

Test(trajectory, registration_completeness_share) {
  bs_params p;
  traj_params(&p);
  p.trajectory.p_registered = 0.45;
  bs_world w;
  world_init(&w, &p, 89);
  int n = 4000;
  for (int i = 0; i < n; i++)
    traj_client(&w);
  start_cm(&w);
  run_until(&w, 10);
  cr_assert_eq(w.c.traj_started, (uint64_t)n);
  expect_share(w.c.traj_registered, n, 0.45, "registered trajectories");
  /* the cohort records: registered ones (delay 0, in time) carry the day */
  uint64_t reg = 0;
  for (size_t i = 0; i < w.cohort_n; i++) {
    cr_expect(isfinite(w.cohort[i].t_offer));
    reg += isfinite(w.cohort[i].t_offer_reg);
  }
  cr_expect_eq(reg, w.c.traj_registered);
  bs_world_free(&w);
}

/* The registered offer day of one client offered on day `offer_day`, with
 * a fixed registration delay; INFINITY when lost. */
static double registered_day(double offer_day, double reg_delay, double lag) {
  bs_params p;
  traj_params(&p);
  p.trajectory.offer_after_days = offer_day;
  p.trajectory.registration_delay = (bs_delay){reg_delay, 0};
  p.trajectory.reporting_lag_days = lag;
  bs_world w;
  world_init(&w, &p, 90);
  person h = make_person(&w, 0.0, 30);
  pc(&w, h)->phase = 2;
  admit(&w, h);
  start_cm(&w);
  run_until(&w, offer_day + 1);
  cr_assert_eq(w.cohort_n, 1);
  expect_near(w.cohort[0].t_offer, offer_day, 1e-9, "offer day");
  double t = w.cohort[0].t_offer_reg;
  bs_world_free(&w);
  return t;
}

Test(trajectory, late_registration_is_lost_for_the_monitor) {
  /* half-year periods close on day 182.625; entries count until close + lag */
  double close = 365.25 / 2;
  expect_near(registered_day(0, 200, 61), 200, 1e-9, "in time");
  cr_expect(isinf(registered_day(0, close + 61 + 1, 61)), "after close + lag: lost");
  expect_near(registered_day(0, close + 61 - 1, 61), close + 61 - 1, 1e-9, "just in time");
  expect_near(registered_day(100, 140, 61), 240, 1e-9, "offer day 100, in time");
  cr_expect(isinf(registered_day(100, 150, 61)), "offer day 100, registered day 250: lost");
  /* an offer in the second period has the second close */
  expect_near(registered_day(200, 200, 61), 400, 1e-9, "offer day 200, second period");
}

Test(trajectory, provider_with_low_success_is_dropped_at_evaluation) {
  bs_params p;
  traj_params(&p);
  bs_traj_params *tp = &p.trajectory;
  tp->providers_n = 2;
  snprintf(tp->providers[0].name, sizeof tp->providers[0].name, "bad");
  tp->providers[0].quality = 0; /* never a job */
  tp->providers[0].price = 3000;
  snprintf(tp->providers[1].name, sizeof tp->providers[1].name, "good");
  tp->providers[1].quality = 1;
  tp->providers[1].price = 3000;
  tp->p_success_base = 0.5;
  tp->evaluation_interval_days = 365;
  tp->drop_below_success = 0.08;
  p.run.horizon_days = 1000;
  bs_world w;
  world_init(&w, &p, 91);
  for (int i = 0; i < 200; i++)
    traj_client(&w);
  start_cm(&w);
  cr_assert_eq(sim_schedule(&w.ctx, 365, BS_EV_EVAL, SIM_NO_ENTITY, 0), SIM_OK);
  run_until(&w, 364);
  cr_assert_gt(w.prov_ended[0], 20);
  cr_assert_gt(w.prov_ended[1], 20);
  cr_expect_eq(w.prov_success[0], 0);
  cr_expect_eq(w.c.providers_dropped, 0);
  run_until(&w, 366);
  cr_expect_eq(w.prov_dropped[0], 1, "provider 'bad' dropped");
  cr_expect_eq(w.prov_dropped[1], 0, "provider 'good' kept");
  cr_expect_eq(w.c.providers_dropped, 1);
  /* new clients all go to the provider that is left */
  person hs[50];
  for (int i = 0; i < 50; i++)
    hs[i] = traj_client(&w);
  run_until(&w, 370);
  for (int i = 0; i < 50; i++) {
    cr_assert_eq(pc(&w, hs[i])->programme, BS_PROG_TRAJECTORY);
    cr_expect_eq(pc(&w, hs[i])->provider, 1);
  }
  bs_world_free(&w);
}
