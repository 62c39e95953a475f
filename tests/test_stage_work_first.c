/* test_stage_work_first.c: pins down work-first (models/work_first.c).
 *
 * - Obligated clients start work-first at benefit start (exempt clients do
 *   not); the job hazard is multiplied by placement_job_boost meanwhile.
 * - Diagnosis within diagnosis_max_days (42); the placement ends exactly
 *   diagnosis_max_days + placement_max_days after the start.
 * - Deterrence: p_deterred of the clients leave after deterrence_delay, as a
 *   withdrawal.
 * - Regular work during work-first: 3 months (aftercare_days) of aftercare
 *   cost on top of the daily cost of the days spent in work-first.
 * - Without work at the end: a subsidised job (opstap subsidy) at
 *   p_followup_subsidised, otherwise the client queues for a follow-up
 *   trajectory.
 * Statistical checks: fixed seeds, 4 standard errors from the sample size.
 */
#include "test_stage_util.h"

static void wf_params(bs_params *p) {
  quiet_params(p);
  p->work_first.enabled = 1;
  p->work_first.p_deterred = 0;
  p->work_first.deterrence_delay = (bs_delay){14, 0};
  p->work_first.diagnosis_max_days = 42;
  p->work_first.placement_max_days = 140;
  p->work_first.aftercare_days = 91;
  p->work_first.placement_job_boost = 1.8;
  p->work_first.p_followup_subsidised = 0;
  p->work_first.cost_per_day = 25;
  p->trajectory.enabled = 1;
  p->trajectory.offer_after_days = 0;
  p->trajectory.sluitend_deadline_days = 0;
}

/* An obligated phase-2 client on benefit at day 0. */
static person wf_client(bs_world *w) {
  person h = make_person(w, 0.0, 30);
  pc(w, h)->phase = 2;
  admit(w, h);
  return h;
}

Test(work_first, obligated_clients_start_exempt_do_not) {
  bs_params p;
  wf_params(&p);
  p.exemption.categorical = 1;
  p.work_first.placement_job_boost = 1.8;
  bs_world w;
  world_init(&w, &p, 71);
  person a = wf_client(&w);
  cr_expect_eq(pc(&w, a)->programme, BS_PROG_WORK_FIRST);
  expect_near(pc(&w, a)->job_mult, 1.8, 1e-12, "placement job boost");
  person b = make_person(&w, 0.0, 30);
  pc(&w, b)->household = BS_HH_SINGLE_PARENT; /* categorically exempt */
  admit(&w, b);
  cr_expect_eq(pc(&w, b)->exempt, 1);
  cr_expect_neq(pc(&w, b)->programme, BS_PROG_WORK_FIRST);
  cr_expect_eq(w.c.wf_started, 1);
  bs_world_free(&w);
}

Test(work_first, diagnosis_within_42_days_placement_ends_on_day_182) {
  bs_params p;
  wf_params(&p);
  /* one world per traced client: the diagnosis day of 30 clients */
  double max_diag = 0;
  for (int k = 0; k < 30; k++) {
    bs_world w;
    world_init(&w, &p, 72);
    person h = {0};
    for (int i = 0; i <= k; i++)
      h = wf_client(&w);
    trace_buf t;
    trace_on(&w, &t, h.id);
    run_until(&w, 400);
    double diag = trace_day(&t, "diagnosis done");
    cr_expect(diag >= 0 && diag <= 42.0, "client %d: diagnosis on day %.1f", k, diag);
    if (diag > max_diag)
      max_diag = diag;
    cr_expect_float_eq(trace_day(&t, "placement ends without a job"), 42 + 140.0, 1e-9);
    trace_off(&w, &t);
    bs_world_free(&w);
  }
  cr_expect_gt(max_diag, 0, "diagnosis days are drawn, not all on day 0");
}

Test(work_first, placement_ends_for_everyone_on_day_182_and_costs_per_day) {
  bs_params p;
  wf_params(&p);
  bs_world w;
  world_init(&w, &p, 73);
  int n = 500;
  for (int i = 0; i < n; i++)
    wf_client(&w);
  cr_expect_eq(w.c.wf_started, (uint64_t)n);
  run_until(&w, 181.99);
  cr_expect_eq(w.c.wf_followup_traj + w.c.wf_followup_subsidised, 0);
  run_until(&w, 182);
  cr_expect_eq(w.c.wf_followup_traj, (uint64_t)n);
  expect_near(w.c.wf_spend, n * 182.0 * 25.0, 1e-6, "work-first spend");
  bs_world_free(&w);
}

Test(work_first, deterred_clients_withdraw_at_the_share) {
  bs_params p;
  wf_params(&p);
  p.work_first.p_deterred = 0.25;
  p.work_first.deterrence_delay = (bs_delay){14, 0};
  bs_world w;
  world_init(&w, &p, 74);
  int n = 4000;
  for (int i = 0; i < n; i++)
    wf_client(&w);
  run_until(&w, 13.99);
  cr_expect_eq(w.c.wf_deterred, 0, "nobody leaves before the deterrence delay");
  run_until(&w, 14);
  expect_share(w.c.wf_deterred, n, 0.25, "deterred");
  cr_expect_eq(w.c.left[BS_ROUTE_WITHDRAWAL], w.c.wf_deterred);
  cr_expect_eq(total_left(&w), w.c.wf_deterred);
  bs_world_free(&w);
}

Test(work_first, regular_work_adds_three_months_aftercare_cost) {
  bs_params p;
  wf_params(&p);
  p.outflow.job_rate_per_year = 50; /* finds work within days */
  p.outflow.job_distance_slope = 0;
  bs_world w;
  world_init(&w, &p, 75);
  wf_client(&w);
  run_until(&w, 182);
  cr_assert_eq(w.c.left[BS_ROUTE_REGULAR_WORK], 1);
  cr_expect_eq(w.c.wf_work, 1);
  cr_assert_eq(w.cohort_n, 1);
  double t_out = w.cohort[0].t_out;
  cr_assert(t_out > 0 && t_out < 182);
  expect_near(w.c.wf_spend, t_out * 25 + 91 * 25.0, 1e-6, "days in work-first + aftercare");
  bs_world_free(&w);
}

Test(work_first, no_aftercare_cost_without_regular_work) {
  bs_params p;
  wf_params(&p);
  p.outflow.other_income_per_year = 50; /* leaves within days, not to work */
  bs_world w;
  world_init(&w, &p, 76);
  wf_client(&w);
  run_until(&w, 182);
  cr_assert_eq(w.c.left[BS_ROUTE_OTHER_INCOME], 1);
  cr_expect_eq(w.c.wf_work, 0);
  expect_near(w.c.wf_spend, w.cohort[0].t_out * 25, 1e-6, "days in work-first only");
  bs_world_free(&w);
}

Test(work_first, followup_subsidised_job_or_trajectory) {
  bs_params p;
  wf_params(&p);
  p.work_first.p_followup_subsidised = 0.3;
  p.trajectory.opstap_subsidy = 5000;
  p.case_management.consultants_fte = 1000; /* capacity for all on one day */
  p.case_management.actions_per_fte_day = 10;
  bs_world w;
  world_init(&w, &p, 77);
  int n = 3000;
  person *hs = malloc((size_t)n * sizeof *hs);
  for (int i = 0; i < n; i++)
    hs[i] = wf_client(&w);
  run_until(&w, 182);
  cr_expect_eq(w.c.wf_followup_subsidised + w.c.wf_followup_traj, (uint64_t)n);
  expect_share(w.c.wf_followup_subsidised, n, 0.3, "follow-up subsidised");
  cr_expect_eq(w.c.left[BS_ROUTE_SUBSIDISED_WORK], w.c.wf_followup_subsidised);
  expect_near(w.c.subsidy_spend, (double)w.c.wf_followup_subsidised * 5000, 1e-6, "subsidy");
  /* the others queue for a follow-up trajectory */
  uint64_t queued = 0;
  for (int i = 0; i < n; i++)
    if (alive(&w, hs[i])) {
      bs_client *c = pc(&w, hs[i]);
      cr_expect_eq(c->programme, BS_PROG_NONE);
      queued += c->waiting_offer;
    }
  cr_expect_eq(queued, w.c.wf_followup_traj);
  /* and get one when the consultants start working */
  start_cm(&w);
  run_until(&w, 190);
  cr_expect_eq(w.c.traj_started, w.c.wf_followup_traj);
  free(hs);
  bs_world_free(&w);
}

Test(work_first, switched_off_no_work_first) {
  bs_params p;
  wf_params(&p);
  p.work_first.enabled = 0;
  bs_world w;
  world_init(&w, &p, 78);
  person h = wf_client(&w);
  cr_expect_neq(pc(&w, h)->programme, BS_PROG_WORK_FIRST);
  cr_expect_eq(w.c.wf_started, 0);
  bs_world_free(&w);
}
