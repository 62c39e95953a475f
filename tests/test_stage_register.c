/* test_stage_register.c: pins down the register's view and the exemption
 * rules added for seed fidelity (003 §5.3.1, §3.2, §6.3, table 5.2), and the
 * burn-in:
 * - a stale exemption flag is corrected after catch_up_delay, not before;
 * - the register's flag is not redrawn while the true status stays the same;
 * - the register's end of benefit is the true end plus the shift;
 * - a de facto exempt client is never routed, until a re-assessment calls
 *   the client in; a re-assessment ends an individual exemption with
 *   p_reassessment_lifts;
 * - with a burn-in the counters count from t0 only (a Poisson count within 4
 *   standard errors) and the stock series starts on the results' day 0. */
#include "test_stage_util.h"

Test(register, a_stale_flag_is_corrected_after_the_catch_up_delay) {
  bs_params p;
  quiet_params(&p);
  p.exemption.categorical = 1;
  p.exemption.p_registration_stale = 1;
  p.exemption.catch_up_delay = (bs_delay){100, 0};
  bs_world w;
  world_init(&w, &p, 301);
  person h = make_person(&w, -1, 30);
  pc(&w, h)->household = BS_HH_SINGLE_PARENT;
  admit(&w, h);
  bs_client *c = pc(&w, h);
  cr_assert_eq(c->exempt, 1);
  cr_expect_eq(bs_exemption_registered(c, 99.9), 0, "not yet in the register");
  cr_expect_eq(bs_exemption_registered(c, 100.1), 1, "caught up after 100 days");
  bs_world_free(&w);
}

Test(register, the_flag_is_not_redrawn_while_nothing_changes) {
  bs_params p;
  quiet_params(&p);
  p.exemption.categorical = 1;
  p.exemption.p_registration_stale = 0.5;
  bs_world w;
  world_init(&w, &p, 302);
  int n = 0, kept = 0;
  for (int i = 0; i < 200; i++) {
    person h = make_person(&w, -1, 30);
    pc(&w, h)->household = BS_HH_SINGLE_PARENT;
    admit(&w, h);
    bs_client *c = pc(&w, h);
    int first = c->exempt_reg;
    for (int k = 1; k <= 5; k++)
      bs_exemption_update(&w, c, 10.0 * k);
    n++;
    kept += c->exempt_reg == first;
  }
  cr_expect_eq(kept, n, "the register's flag changed without a change of status");
  bs_world_free(&w);
}

Test(register, the_end_of_benefit_is_registered_with_the_shift) {
  bs_params p;
  quiet_params(&p);
  p.exemption.exit_registration_shift_days = 30;
  p.exemption.exit_registration_sd_days = 0;
  p.run.warmup_days = 0;
  bs_world w;
  world_init(&w, &p, 303);
  person h = make_person(&w, -1, 30);
  admit(&w, h);
  run_until(&w, 200);
  cr_assert_eq(bs_leave(&w, h.slot, BS_ROUTE_OTHER_INCOME), SIM_OK, "%s", w.ctx.err);
  cr_assert_eq(w.cohort_n, 1);
  expect_near(w.cohort[0].t_out, 200, 1e-12, "true end");
  expect_near(w.cohort[0].t_out_reg, 230, 1e-12, "registered end");
  bs_world_free(&w);
}

static void activation_on(bs_params *p) {
  p->activation.enabled = 1;
  p->activation.min_distance = 0.5;
  p->trajectory.enabled = 0;
}

Test(register, a_de_facto_exempt_client_waits_for_a_reassessment) {
  bs_params p;
  quiet_params(&p);
  activation_on(&p);
  p.exemption.p_de_facto = 1;
  p.exemption.de_facto_min_phase = 3;
  p.exemption.reassessment_interval_days = 100;
  bs_world w;
  world_init(&w, &p, 304);
  person h = make_person(&w, 1.2, 30); /* phase 4, far: activation if routed */
  admit(&w, h);
  cr_expect(pc(&w, h)->de_facto);
  run_until(&w, 99.9);
  cr_expect_eq(pc(&w, h)->programme, BS_PROG_NONE, "de facto: never called in");
  run_until(&w, 100.1);
  cr_expect_eq(pc(&w, h)->programme, BS_PROG_ACTIVATION, "called in again: activated");
  cr_expect_not(pc(&w, h)->de_facto);
  bs_world_free(&w);
}

Test(register, a_reassessment_ends_an_individual_exemption) {
  bs_params p;
  quiet_params(&p); /* no programme takes the client: it waits for the call */
  p.clients.p_individual_exemption_far = 1;
  p.exemption.reassessment_interval_days = 50;
  p.exemption.p_reassessment_lifts = 1;
  bs_world w;
  world_init(&w, &p, 305);
  person h = make_person(&w, 1.2, 30);
  pc(&w, h)->problems = BS_PROB_MEDICAL;
  admit(&w, h);
  cr_assert_eq(pc(&w, h)->exempt, 1, "individually exempt");
  run_until(&w, 49.9);
  cr_expect_eq(pc(&w, h)->exempt, 1, "still exempt before the call");
  run_until(&w, 50.1);
  cr_expect_eq(pc(&w, h)->exempt, 0, "the exemption ended at the call");
  bs_world_free(&w);
}

Test(register, the_burn_in_is_left_out_of_the_counts) {
  bs_params p;
  quiet_params(&p);
  p.inflow.applications_per_year = 365.25; /* one a day */
  p.run.warmup_days = 300;
  p.run.horizon_days = 400;
  p.run.cohort_length_days = 30;
  p.run.stock_report_interval_days = 10;
  bs_world w;
  world_init(&w, &p, 306);
  world_run(&w);
  /* 400 expected after the burn-in, 700 without it: 4 SE = 4 sqrt(400) */
  cr_expect(fabs((double)w.c.applications - 400) <= 4 * 20, "applications %llu",
            (unsigned long long)w.c.applications);
  cr_assert_gt(w.stocks_n, 0);
  expect_near(w.stocks[0].day, 0, 1e-12, "the stock series starts on day 0 of the results");
  for (size_t i = 0; i < w.cohort_n; i++)
    cr_expect(w.cohort[i].t_in >= 0 && w.cohort[i].t_in < 30, "cohort start %g", w.cohort[i].t_in);
  bs_world_free(&w);
}
