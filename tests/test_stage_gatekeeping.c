/* test_stage_gatekeeping.c: pins down the poortwachter stage (models/gatekeeping.c).
 *
 * - Delays per step: claim intake after claim_intake_delay, work intake
 *   after work_intake_delay more, the eligibility decision after
 *   decision_delay more (plus a Kwint when there is one); fixed delays give
 *   exact days, random ones the configured mean.
 * - Discouragement, home visits and work-first at the gate make applicants
 *   withdraw only when switched on, and then at the configured share.
 * - Direct mediation to a temp agency only for applicants assigned phase 1.
 * - The ineligible share is denied at the decision.
 * - Costs: intake_cost per claim intake, home_visit_cost per home visit.
 * Statistical checks: fixed seeds, 4 standard errors from the sample size.
 */
#include "test_stage_util.h"

#define N_APPL 4000

/* N applicants at day 0, run to `until`. */
static void run_applicants(bs_world *w, const bs_params *p, uint64_t seed, int n, double until) {
  world_init(w, p, seed);
  for (int i = 0; i < n; i++)
    apply(w, new_person(w));
  run_until(w, until);
}

Test(gatekeeping, fixed_delays_give_exact_days_per_step) {
  bs_params p;
  quiet_params(&p);
  p.gatekeeping.claim_intake_delay = (bs_delay){5, 0};
  p.gatekeeping.work_intake_delay = (bs_delay){7, 0};
  p.gatekeeping.decision_delay = (bs_delay){21, 0};
  bs_world w;
  world_init(&w, &p, 11);
  person h = make_person(&w, 0.3, 30);
  trace_buf t;
  trace_on(&w, &t, h.id);
  apply(&w, h);
  cr_assert_eq(pc(&w, h)->state, BS_ST_APPLICANT);
  cr_assert_eq(w.stock[BS_ST_APPLICANT], 1);
  run_until(&w, 100);
  cr_expect_float_eq(trace_day(&t, "claim intake (uitkeringsintake)"), 5.0, 1e-9);
  cr_expect_float_eq(trace_day(&t, "work intake (werkintake)"), 12.0, 1e-9);
  cr_expect_float_eq(trace_day(&t, "eligible: on benefit"), 33.0, 1e-9);
  cr_assert(alive(&w, h));
  cr_expect_eq(pc(&w, h)->state, BS_ST_BENEFIT);
  cr_expect_float_eq(pc(&w, h)->t_start, 33.0, 1e-9);
  cr_expect_eq(w.stock[BS_ST_APPLICANT], 0);
  cr_expect_eq(w.stock[BS_ST_BENEFIT], 1);
  trace_off(&w, &t);
  bs_world_free(&w);
}

/* The old placement, kept as a setting: the Kwint before the decision. */
Test(gatekeeping, kwint_before_the_decision_when_so_set) {
  bs_params p;
  quiet_params(&p);
  p.cwi.kwint_before_decision = 1;
  p.gatekeeping.claim_intake_delay = (bs_delay){5, 0};
  p.gatekeeping.work_intake_delay = (bs_delay){7, 0};
  p.gatekeeping.decision_delay = (bs_delay){21, 0};
  p.cwi.kwint = 1;
  p.cwi.p_kwint = 1;
  p.cwi.kwint_delay = (bs_delay){14, 0};
  bs_world w;
  world_init(&w, &p, 12);
  person h = make_person(&w, 0.3, 30);
  trace_buf t;
  trace_on(&w, &t, h.id);
  apply(&w, h);
  run_until(&w, 100);
  cr_expect_float_eq(trace_day(&t, "qualifying intake (Kwint)"), 12.0, 1e-9);
  cr_expect_float_eq(pc(&w, h)->t_start, 5 + 7 + 14 + 21.0, 1e-9);
  trace_off(&w, &t);
  bs_world_free(&w);
}

/* 003 §2.2: the Kwint does not hold up the benefit decision; it delays the
 * first re-integration step, the municipality's diagnosis (diagnosis.c). */
Test(gatekeeping, kwint_delays_the_diagnosis_not_the_decision) {
  bs_params p;
  quiet_params(&p);
  p.cwi.kwint_before_decision = 0;
  p.gatekeeping.claim_intake_delay = (bs_delay){5, 0};
  p.gatekeeping.work_intake_delay = (bs_delay){7, 0};
  p.gatekeeping.decision_delay = (bs_delay){21, 0};
  p.cwi.kwint = 1;
  p.cwi.p_kwint = 1;
  p.cwi.kwint_delay = (bs_delay){30, 0};
  p.diagnosis.delay = (bs_delay){10, 0};
  bs_world w;
  world_init(&w, &p, 12);
  person h = make_person(&w, 0.3, 30);
  trace_buf t;
  trace_on(&w, &t, h.id);
  apply(&w, h);
  run_until(&w, 100);
  cr_expect_float_eq(pc(&w, h)->t_start, 5 + 7 + 21.0, 1e-9, "the decision does not wait");
  cr_expect_float_eq(trace_day(&t, "waits for the Kwint"), 33.0, 1e-9);
  /* the Kwint ends on day 12 + 30 = 42; the diagnosis takes 10 days more */
  cr_expect_float_eq(trace_day(&t, "diagnosis at the municipality"), 42.0, 1e-9);
  cr_expect_float_eq(trace_day(&t, "assessed distance"), 52.0, 1e-9);
  trace_off(&w, &t);
  bs_world_free(&w);
}

Test(gatekeeping, random_delays_have_the_configured_mean) {
  bs_params p;
  quiet_params(&p);
  p.gatekeeping.claim_intake_delay = (bs_delay){5, 0.5};
  p.gatekeeping.work_intake_delay = (bs_delay){7, 0.5};
  p.gatekeeping.decision_delay = (bs_delay){21, 0.3};
  bs_world w;
  world_init(&w, &p, 13);
  person *hs = malloc(N_APPL * sizeof *hs);
  for (int i = 0; i < N_APPL; i++) {
    hs[i] = new_person(&w);
    apply(&w, hs[i]);
  }
  run_until(&w, 1000);
  double sum = 0;
  int n = 0;
  for (int i = 0; i < N_APPL; i++) {
    cr_assert(alive(&w, hs[i]));
    bs_client *c = pc(&w, hs[i]);
    cr_assert_eq(c->state, BS_ST_BENEFIT);
    cr_assert_geq(c->t_start, 0);
    sum += c->t_start - c->t_apply;
    n++;
  }
  /* sum of independent gamma delays: variance = sum of (cv * mean)^2 */
  double sd = sqrt(pow(5 * 0.5, 2) + pow(7 * 0.5, 2) + pow(21 * 0.3, 2));
  expect_mean(sum / n, 5 + 7 + 21.0, sd, n, "application -> benefit start");
  free(hs);
  bs_world_free(&w);
}

Test(gatekeeping, instruments_off_nobody_withdraws) {
  bs_params p;
  quiet_params(&p);
  /* shares set, instruments switched off */
  p.gatekeeping.p_discouraged = 0.5;
  p.gatekeeping.p_home_visit_denied = 0.5;
  p.gatekeeping.p_work_first_withdraw = 0.5;
  p.gatekeeping.p_direct_mediation = 0.5;
  bs_world w;
  run_applicants(&w, &p, 21, N_APPL, 10);
  cr_expect_eq(w.c.gate[BS_GATE_DISCOURAGED], 0);
  cr_expect_eq(w.c.gate[BS_GATE_HOME_VISIT_DENIED], 0);
  cr_expect_eq(w.c.gate[BS_GATE_WORK_FIRST_WITHDRAWN], 0);
  cr_expect_eq(w.c.gate[BS_GATE_MEDIATED], 0);
  cr_expect_eq(w.c.gate[BS_GATE_INELIGIBLE], 0);
  cr_expect_eq(total_left(&w), 0);
  cr_expect_eq(w.stock[BS_ST_BENEFIT], N_APPL);
  /* only the intake cost: no home visits */
  expect_near(w.c.intake_spend, N_APPL * p.gatekeeping.intake_cost, 1e-6, "intake spend");
  bs_world_free(&w);
}

Test(gatekeeping, discouragement_withdraws_the_configured_share) {
  bs_params p;
  quiet_params(&p);
  p.gatekeeping.discouragement = 1;
  p.gatekeeping.p_discouraged = 0.2;
  bs_world w;
  run_applicants(&w, &p, 22, N_APPL, 10);
  expect_share(w.c.gate[BS_GATE_DISCOURAGED], N_APPL, 0.2, "discouraged");
  cr_expect_eq(w.c.left[BS_ROUTE_WITHDRAWAL], w.c.gate[BS_GATE_DISCOURAGED]);
  cr_expect_eq(w.c.gate_exits, w.c.gate[BS_GATE_DISCOURAGED]);
  cr_expect_eq(w.stock[BS_ST_BENEFIT], N_APPL - w.c.gate[BS_GATE_DISCOURAGED]);
  bs_world_free(&w);
}

Test(gatekeeping, home_visits_deny_the_configured_share_and_cost) {
  bs_params p;
  quiet_params(&p);
  p.gatekeeping.home_visits = 1;
  p.gatekeeping.p_home_visit_denied = 0.15;
  p.gatekeeping.intake_cost = 250;
  p.gatekeeping.home_visit_cost = 150;
  bs_world w;
  run_applicants(&w, &p, 23, N_APPL, 10);
  expect_share(w.c.gate[BS_GATE_HOME_VISIT_DENIED], N_APPL, 0.15, "home visit denied");
  cr_expect_eq(w.c.left[BS_ROUTE_WITHDRAWAL], w.c.gate[BS_GATE_HOME_VISIT_DENIED]);
  /* every applicant had a claim intake and a home visit */
  expect_near(w.c.intake_spend, N_APPL * (250.0 + 150.0), 1e-6, "intake + home visit spend");
  bs_world_free(&w);
}

Test(gatekeeping, home_visit_only_for_those_not_discouraged) {
  bs_params p;
  quiet_params(&p);
  p.gatekeeping.discouragement = 1;
  p.gatekeeping.p_discouraged = 0.3;
  p.gatekeeping.home_visits = 1;
  p.gatekeeping.p_home_visit_denied = 0.2;
  p.gatekeeping.intake_cost = 100;
  p.gatekeeping.home_visit_cost = 40;
  bs_world w;
  run_applicants(&w, &p, 24, N_APPL, 10);
  uint64_t visited = N_APPL - w.c.gate[BS_GATE_DISCOURAGED];
  expect_near(w.c.intake_spend, N_APPL * 100.0 + (double)visited * 40.0, 1e-6, "spend");
  expect_share(w.c.gate[BS_GATE_HOME_VISIT_DENIED], visited, 0.2, "denied of visited");
  bs_world_free(&w);
}

Test(gatekeeping, work_first_at_the_gate_withdraws_the_configured_share) {
  bs_params p;
  quiet_params(&p);
  p.gatekeeping.work_first_gate = 1;
  p.gatekeeping.p_work_first_withdraw = 0.12;
  bs_world w;
  run_applicants(&w, &p, 25, N_APPL, 10);
  expect_share(w.c.gate[BS_GATE_WORK_FIRST_WITHDRAWN], N_APPL, 0.12, "work-first withdrawn");
  cr_expect_eq(w.c.left[BS_ROUTE_WITHDRAWAL], w.c.gate[BS_GATE_WORK_FIRST_WITHDRAWN]);
  cr_expect_eq(w.c.gate[BS_GATE_DISCOURAGED], 0);
  bs_world_free(&w);
}

Test(gatekeeping, municipal_claim_intake_adds_its_withdrawal) {
  bs_params p;
  quiet_params(&p);
  p.gatekeeping.claim_intake = BS_INTAKE_MUNICIPALITY;
  p.gatekeeping.municipal_intake_extra_withdrawal = 0.1;
  bs_world w;
  run_applicants(&w, &p, 26, N_APPL, 10);
  expect_share(w.c.left[BS_ROUTE_WITHDRAWAL], N_APPL, 0.1, "municipal intake withdrawn");
  bs_world_free(&w);
}

Test(gatekeeping, direct_mediation_places_assigned_phase1_at_the_share) {
  bs_params p;
  quiet_params(&p);
  p.gatekeeping.direct_mediation = 1;
  p.gatekeeping.p_direct_mediation = 0.25;
  /* every applicant is assigned phase 1 */
  p.cwi.cut_12 = p.cwi.cut_23 = p.cwi.cut_34 = 100;
  bs_world w;
  run_applicants(&w, &p, 27, N_APPL, 10);
  cr_expect_eq(w.c.phase_assigned[1], N_APPL);
  expect_share(w.c.gate[BS_GATE_MEDIATED], N_APPL, 0.25, "mediated");
  cr_expect_eq(w.c.left[BS_ROUTE_REGULAR_WORK], w.c.gate[BS_GATE_MEDIATED]);
  cr_expect_eq(w.c.admitted, N_APPL - w.c.gate[BS_GATE_MEDIATED]);
  bs_world_free(&w);
}

Test(gatekeeping, direct_mediation_never_for_phases_2_to_4) {
  bs_params p;
  quiet_params(&p);
  p.gatekeeping.direct_mediation = 1;
  p.gatekeeping.p_direct_mediation = 1;
  /* nobody is phase 1: phases 2-4 by distance, no bias towards phase 1 */
  p.cwi.cut_12 = -100;
  p.cwi.cut_23 = 0;
  p.cwi.cut_34 = 0.8;
  p.cwi.misclass_rate = 0;
  p.cwi.phase1_bias = 0;
  bs_world w;
  run_applicants(&w, &p, 28, N_APPL, 10);
  cr_expect_eq(w.c.phase_assigned[1], 0);
  cr_expect_eq(w.c.gate[BS_GATE_MEDIATED], 0);
  cr_expect_eq(w.c.admitted, N_APPL);
  bs_world_free(&w);
}

Test(gatekeeping, ineligible_share_is_denied_at_the_decision) {
  bs_params p;
  quiet_params(&p);
  p.gatekeeping.p_ineligible = 0.1;
  p.gatekeeping.decision_delay = (bs_delay){21, 0};
  bs_world w;
  run_applicants(&w, &p, 29, N_APPL, 20);
  /* nothing is decided before the decision day */
  cr_expect_eq(w.c.gate[BS_GATE_INELIGIBLE], 0);
  cr_expect_eq(w.stock[BS_ST_APPLICANT], N_APPL);
  run_until(&w, 21);
  expect_share(w.c.gate[BS_GATE_INELIGIBLE], N_APPL, 0.1, "ineligible");
  cr_expect_eq(w.c.left[BS_ROUTE_WITHDRAWAL], w.c.gate[BS_GATE_INELIGIBLE]);
  cr_expect_eq(w.c.admitted + w.c.gate[BS_GATE_INELIGIBLE], N_APPL);
  cr_expect_eq(w.stock[BS_ST_APPLICANT], 0);
  bs_world_free(&w);
}
