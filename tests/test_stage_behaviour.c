/* test_stage_behaviour.c: pins down the rules of the behaviour.* blocks
 * (models/behaviour.c and where the stages call it), each switched on alone
 * on top of quiet_params (which sets them all neutral):
 * - sanction effect: a client sanctioned on day t has the raised job hazard
 *   (x job_mult) until t + days and not after; a second maatregel while it
 *   runs renews it; escalation multiplies the share per earlier maatregel,
 *   at most 100%;
 * - threat: an obligated client's job search x the regime's multiplier in
 *   work-first, a trajectory and CWI, x hh_mult under hoogwaardig handhaven;
 *   an exempt client never; none without enforcement (effect --instrument
 *   sanctions);
 * - selective deterrence: an applicant who would be exempt is never deterred
 *   by a work obligation; nearness and fraud propensity scale the chance;
 * - jobs: the trajectory's 100% class only for a job spell of >= 182 days at
 *   >= 20 hours a week, else the effort class; re-inflow at the job's end;
 * - re-inflow by route: p_reinflow x the route's factor (0: never back);
 * - after-effects: a trajectory that ends without a job leaves its
 *   multiplier (near / far); activation rungs move the distance;
 * - enforcement counterfactual: without enforcement violations go on,
 *   undetected, and fraud damage accrues; recovery is claimed x the
 *   collection rate. */
#include "test_stage_util.h"

static const double signal_u[2] = {0.5, 0.5};

/* A trajectory that starts at once and lasts long; no spontaneous events. */
static void traj_params(bs_params *p) {
  long_trajectory_params(p);
  p->sanctions.compliance_gain_after_sanction = 0;
}

static person in_trajectory(bs_world *w, double distance) {
  person h = make_person(w, distance, 30);
  pc(w, h)->phase = 2;
  admit(w, h);
  return h;
}

Test(behaviour, sanction_effect_lasts_from_t_until_t_plus_days_and_not_after) {
  bs_params p;
  traj_params(&p);
  p.behaviour.sanction_effect.job_mult = 1.8;
  p.behaviour.sanction_effect.days = 100;
  p.outflow.job_rate_per_year = 1e-9; /* a hazard to compare, no exit in practice */
  bs_world w;
  world_init(&w, &p, 201);
  person h = in_trajectory(&w, 0.0);
  start_cm(&w);
  run_until(&w, 10);
  cr_assert_eq(pc(&w, h)->programme, BS_PROG_TRAJECTORY);
  expect_near(bs_search_mult(&w, pc(&w, h), 10), 1, 1e-12, "before the maatregel");
  cr_assert_eq(bs_report_violation(&w, h.slot, BS_DUTY_REINTEGRATION, signal_u), SIM_OK);
  run_until(&w, 10.5);
  cr_assert_eq(w.c.sanctions[BS_SANC_MAATREGEL], 1);
  double t = 10; /* the provider's report reaches the consultant at once */
  expect_near(bs_t_sanction_effect(&w, pc(&w, h)), t + 100, 1e-9, "until t + days");
  expect_near(bs_search_mult(&w, pc(&w, h), t), 1.8, 1e-12, "on day t");
  expect_near(bs_search_mult(&w, pc(&w, h), t + 99.999), 1.8, 1e-12, "just before t + days");
  expect_near(bs_search_mult(&w, pc(&w, h), t + 100), 1, 1e-12, "at t + days: over");
  expect_near(bs_job_hazard(&w, pc(&w, h), t + 50) / bs_job_hazard(&w, pc(&w, h), t + 150), 1.8,
              1e-12, "the job hazard follows");
  bs_world_free(&w);
}

Test(behaviour, escalating_maatregel_for_repeat_violations_capped_at_the_benefit) {
  bs_params p;
  traj_params(&p);
  p.sanctions.maatregel_days = 10;
  p.behaviour.sanction_effect.escalate = 1;
  p.behaviour.sanction_effect.escalation_factor = 1.5;
  p.sanctions.maatregel_care_pct = 0.2;
  bs_world w;
  world_init(&w, &p, 202);
  person h = in_trajectory(&w, 1.0); /* phase 2, distance 1: paid-work aim? set below */
  start_cm(&w);
  run_until(&w, 1);
  pc(&w, h)->traj_aim_paid = 0; /* care: 20% */
  double per_day = bs_benefit_per_day(&w, pc(&w, h)), want = 0;
  double pct[3] = {0.2, 0.3, 0.45};
  for (int k = 0; k < 3; k++) {
    run_until(&w, 1 + 20 * k);
    cr_assert_eq(bs_report_violation(&w, h.slot, BS_DUTY_REINTEGRATION, signal_u), SIM_OK);
    run_until(&w, 1 + 20 * k + 15); /* the 10 days are over: withheld day by day */
    bs_pay_benefit(&w, pc(&w, h), w.ctx.now);
    want += pct[k] * per_day * 10;
    cr_expect(fabs(w.c.sanction_amount - want) < 1e-9, "maatregel %d: %.0f%%", k + 1, pct[k] * 100);
  }
  pc(&w, h)->traj_aim_paid = 1; /* 90% x 1.5^3 would exceed the benefit */
  run_until(&w, 61);
  cr_assert_eq(bs_report_violation(&w, h.slot, BS_DUTY_REINTEGRATION, signal_u), SIM_OK);
  run_until(&w, 75);
  bs_pay_benefit(&w, pc(&w, h), w.ctx.now);
  expect_near(w.c.sanction_amount, want + 1.0 * per_day * 10, 1e-9, "at most 100 percent");
  bs_world_free(&w);
}

Test(behaviour, threat_by_regime_for_the_obligated_only) {
  bs_params p;
  quiet_params(&p);
  bs_threat_params *th = &p.behaviour.threat;
  th->work_first_mult = 1.25;
  th->trajectory_mult = 1.05;
  th->cwi_check_mult = 1.1;
  th->hh_mult = 1.2;
  p.sanctions.hoogwaardig_handhaven = 1;
  bs_world w;
  world_init(&w, &p, 203);
  person h = make_person(&w, 0, 30);
  bs_client *c = pc(&w, h);
  static const struct {
    int prog;
    double mult;
  } cases[] = {{BS_PROG_NONE, 1.2},
               {BS_PROG_WORK_FIRST, 1.2 * 1.25},
               {BS_PROG_TRAJECTORY, 1.2 * 1.05},
               {BS_PROG_CWI, 1.2 * 1.1},
               {BS_PROG_ACTIVATION, 1.2}};
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    c->programme = (uint8_t)cases[i].prog;
    c->exempt = 0;
    cr_expect(fabs(bs_threat_mult(&w, c) - cases[i].mult) < 1e-12, "obligated, programme %d",
              cases[i].prog);
    c->exempt = 1;
    cr_expect(fabs(bs_threat_mult(&w, c) - 1) < 1e-12, "exempt, programme %d", cases[i].prog);
    c->exempt = 0;
    w.disabled_instrument = BS_INSTR_SANCTIONS;
    cr_expect(fabs(bs_threat_mult(&w, c) - 1) < 1e-12, "no enforcement, programme %d",
              cases[i].prog);
    w.disabled_instrument = BS_INSTR_NONE;
  }
  bs_world_free(&w);
}

Test(behaviour, an_applicant_who_would_be_exempt_is_never_deterred) {
  bs_params p;
  quiet_params(&p);
  p.exemption.categorical = 1;
  p.gatekeeping.work_first_gate = 1;
  p.gatekeeping.p_work_first_withdraw = 1; /* everyone else withdraws */
  p.behaviour.deterrence.exempt_never_deterred = 1;
  bs_world w;
  world_init(&w, &p, 204);
  enum { N = 200 };
  person hs[N];
  for (int i = 0; i < N; i++) {
    hs[i] = make_person(&w, 0, i % 2 ? 30 : 60); /* odd 30: obligated; even 60: exempt */
    pc(&w, hs[i])->household = BS_HH_SINGLE;
    apply(&w, hs[i]);
  }
  run_until(&w, 1);
  for (int i = 0; i < N; i++) {
    if (i % 2)
      cr_expect_not(alive(&w, hs[i]) && pc(&w, hs[i])->state != BS_ST_LEFT,
                    "an obligated applicant (%d) is deterred", i);
    else
      cr_expect(alive(&w, hs[i]) && pc(&w, hs[i])->state == BS_ST_BENEFIT,
                "an applicant of 60 (exempt) is not deterred (%d)", i);
  }
  cr_expect_eq(w.c.gate[BS_GATE_WORK_FIRST_WITHDRAWN], N / 2);
  bs_world_free(&w);
}

Test(behaviour, deterrence_follows_nearness_and_fraud_propensity) {
  bs_params p;
  quiet_params(&p);
  p.clients.fraud_propensity_mean = 0.1;
  p.behaviour.deterrence.near_slope = 0.5;
  p.behaviour.deterrence.fraud_slope = 0.4;
  bs_world w;
  world_init(&w, &p, 205);
  /* the propensity is the person's trait, recomputed from the TRAITS stream:
   * as a ratio to the mean it is -log(u); take a person with a high ratio
   * (>= 2) and one with a low one (<= 0.5) */
  person h_hi = {0}, h_lo = {0};
  int got_hi = 0, got_lo = 0;
  double r_hi = 0, r_lo = 0;
  for (int i = 0; i < 200 && !(got_hi && got_lo); i++) {
    person h = make_person(&w, 0, 30);
    bs_client *c = pc(&w, h);
    double r = bs_fraud_propensity(&w, c) / 0.1;
    expect_near(r, -log(bs_trait_u(c, BS_TRAIT_U_FRAUD)), 1e-12, "ratio to the mean");
    if (!got_hi && r >= 2)
      h_hi = h, r_hi = r, got_hi = 1;
    else if (!got_lo && r <= 0.5)
      h_lo = h, r_lo = r, got_lo = 1;
  }
  cr_assert(got_hi && got_lo, "persons with a high and a low propensity");
  bs_client *hi = pc(&w, h_hi), *lo = pc(&w, h_lo); /* no person is added after this */
  hi->distance = -1;
  expect_near(bs_deterrence_p(&w, hi, 0.1), fmin(1, 0.1 * exp(0.5 * 1 + 0.4 * (r_hi - 1))), 1e-12,
              "near, fraud");
  lo->distance = 1;
  expect_near(bs_deterrence_p(&w, lo, 0.1), 0.1 * exp(-0.5 + 0.4 * (r_lo - 1)), 1e-12,
              "far, low propensity");
  cr_expect_lt(bs_deterrence_p(&w, lo, 0.1), 0.1 * exp(-0.5), "below the average's");
  bs_client *c = hi;
  c->distance = -10;
  expect_near(bs_deterrence_p(&w, c, 0.5), 1, 1e-12, "at most 1");
  bs_world_free(&w);
}

/* A trajectory client who leaves for a regular job of `days` at `hours`. */
static int pay_class_for_job(double days, double hours) {
  bs_params p;
  traj_params(&p);
  p.trajectory.providers_n = 1;
  p.trajectory.providers[0].price = 1000;
  p.trajectory.effort_share = 0.7;
  p.trajectory.regular_share = 1.0;
  bs_job_params *j = &p.behaviour.jobs;
  j->enabled = 1;
  j->hours_min = j->hours_max = hours;
  j->duration = (bs_delay){days, 0};
  j->regular_min_days = 182;
  j->regular_min_hours = 20;
  bs_world w;
  world_init(&w, &p, 206);
  person h = in_trajectory(&w, 0);
  start_cm(&w);
  run_until(&w, 5);
  cr_assert_eq(pc(&w, h)->programme, BS_PROG_TRAJECTORY);
  cr_assert_eq(bs_leave(&w, h.slot, BS_ROUTE_REGULAR_WORK), SIM_OK);
  int cls = w.c.traj_ended[BS_PAY_REGULAR] ? BS_PAY_REGULAR : BS_PAY_EFFORT;
  cr_assert_eq(w.c.traj_ended[BS_PAY_REGULAR] + w.c.traj_ended[BS_PAY_EFFORT], 1);
  expect_near(w.c.traj_spend[cls], cls == BS_PAY_REGULAR ? 1000 : 700, 1e-9, "paid by class");
  bs_world_free(&w);
  return cls;
}

Test(behaviour, the_100_percent_class_only_for_182_days_at_20_hours) {
  cr_expect_eq(pay_class_for_job(182, 20), BS_PAY_REGULAR, "182 days at 20 h");
  cr_expect_eq(pay_class_for_job(400, 38), BS_PAY_REGULAR, "400 days at 38 h");
  cr_expect_eq(pay_class_for_job(181.9, 38), BS_PAY_EFFORT, "181.9 days");
  cr_expect_eq(pay_class_for_job(400, 19.9), BS_PAY_EFFORT, "19.9 hours");
}

Test(behaviour, reinflow_follows_the_end_of_the_job) {
  bs_params p;
  quiet_params(&p);
  p.run.horizon_days = 1000;
  bs_job_params *j = &p.behaviour.jobs;
  j->enabled = 1;
  j->hours_min = j->hours_max = 30;
  j->duration = (bs_delay){200, 0};
  j->p_return = 1;
  j->return_delay = (bs_delay){10, 0};
  bs_world w;
  world_init(&w, &p, 207);
  person h = make_person(&w, 0, 30);
  admit(&w, h);
  run_until(&w, 50);
  w.ctx.now = 50;
  cr_assert_eq(bs_leave(&w, h.slot, BS_ROUTE_REGULAR_WORK), SIM_OK);
  run_until(&w, 259.9);
  cr_expect_eq(w.c.reinflow, 0, "not before the job ends + the delay");
  run_until(&w, 260.1);
  cr_expect_eq(w.c.reinflow, 1, "on day 50 + 200 + 10");
  bs_world_free(&w);
}

Test(behaviour, reinflow_by_exit_route) {
  bs_params p;
  quiet_params(&p);
  p.run.horizon_days = 2000;
  p.inflow.p_reinflow = 1;
  p.inflow.reinflow_delay = (bs_delay){10, 0};
  for (int r = 0; r < BS_ROUTE_N; r++)
    p.behaviour.reinflow.route_factor[r] = 1;
  p.behaviour.reinflow.route_factor[BS_ROUTE_OTHER_INCOME] = 0;
  bs_world w;
  world_init(&w, &p, 208);
  person a = make_person(&w, 0, 30), b = make_person(&w, 0, 30);
  admit(&w, a);
  admit(&w, b);
  cr_assert_eq(bs_leave(&w, a.slot, BS_ROUTE_OTHER_INCOME), SIM_OK);
  cr_assert_eq(bs_leave(&w, b.slot, BS_ROUTE_WITHDRAWAL), SIM_OK);
  run_until(&w, 20);
  cr_expect_eq(w.c.reinflow, 1, "factor 0: never back; factor 1: back");
  bs_world_free(&w);
}

Test(behaviour, after_a_trajectory_near_and_far) {
  bs_params p;
  traj_params(&p);
  p.trajectory.duration = (bs_delay){100, 0};
  p.trajectory.p_success_base = 0;
  p.trajectory.p_subsidised = 0;
  p.trajectory.p_reoffer = 0;
  p.behaviour.after_effect.trajectory_near = 1.1;
  p.behaviour.after_effect.trajectory_far = 1.3;
  p.clients.far_threshold = 0;
  bs_world w;
  world_init(&w, &p, 209);
  person near = in_trajectory(&w, -0.5), far = in_trajectory(&w, 0.5);
  start_cm(&w);
  run_until(&w, 50);
  expect_near(pc(&w, near)->after_mult, 1, 1e-12, "during: no after-effect");
  run_until(&w, 150);
  cr_assert_eq(pc(&w, near)->programme, BS_PROG_NONE);
  expect_near(bs_search_mult(&w, pc(&w, near), 150), 1.1, 1e-12, "near, after");
  expect_near(bs_search_mult(&w, pc(&w, far), 150), 1.3, 1e-12, "far, after");
  expect_near(pc(&w, near)->job_mult, 1, 1e-12, "lock-in ended with the trajectory");
  bs_world_free(&w);
}

Test(behaviour, no_enforcement_violations_go_on_and_fraud_damage_accrues) {
  bs_params p;
  quiet_params(&p);
  p.run.horizon_days = 365;
  p.sanctions.violations_per_year = 50;
  p.sanctions.share_reintegration = 0;
  p.sanctions.share_administrative = 0;
  p.sanctions.p_fraud_damage = 1;
  p.clients.compliance_alpha = 0.01; /* compliance near 0 */
  p.clients.compliance_beta = 100;
  p.behaviour.enforcement.counterfactual_violations = 1;
  p.behaviour.enforcement.damage_per_month = 300;
  bs_world w;
  world_init(&w, &p, 210);
  w.disabled_instrument = BS_INSTR_SANCTIONS;
  person h = make_person(&w, 0, 30);
  admit(&w, h);
  world_run(&w);
  cr_expect_gt(w.c.violations[BS_DUTY_INFORMATION], 10, "violations go on");
  cr_expect_eq(w.c.detected, 0, "nothing detected");
  cr_expect_eq(w.c.sanctions[BS_SANC_RECOVERY], 0, "nothing recovered");
  double start = pc(&w, h)->t_fraud_start;
  cr_assert(start >= 0);
  expect_near(w.c.fraud_damage_undetected, 300 * (365 - start) * 12 / 365.25, 1e-6,
              "damage to the horizon");
  bs_world_free(&w);
}

Test(behaviour, recovery_is_claimed_times_the_collection_rate) {
  bs_params p;
  traj_params(&p);
  p.behaviour.enforcement.damage_per_month = 300;
  p.behaviour.enforcement.collection_rate = 0.6;
  p.sanctions.recovery_interest = 0.1;
  p.sanctions.recovery_admin_cost = 250;
  bs_world w;
  world_init(&w, &p, 211);
  person h = in_trajectory(&w, 0);
  start_cm(&w);
  run_until(&w, 1);
  pc(&w, h)->t_fraud_start = 1; /* fraud from day 1 */
  run_until(&w, 61);
  w.ctx.now = 61;
  cr_assert_eq(bs_at(&w, 61, BS_EV_SIGNAL, h.slot, BS_DUTY_INFORMATION | (1u << 4)), SIM_OK);
  run_until(&w, 61.5);
  double damage = 300 * 60 * 12 / 365.25, claimed = damage * 1.1 + 250;
  expect_near(w.c.fraud_damage, damage, 1e-9, "accrued while undetected");
  expect_near(w.c.recovery_claimed, claimed, 1e-9, "claimed");
  expect_near(w.c.recovered, 0.6 * claimed, 1e-9, "collected");
  bs_world_free(&w);
}

Test(behaviour, activation_rungs_move_the_distance) {
  bs_params p;
  quiet_params(&p);
  p.activation.enabled = 1;
  p.activation.min_distance = -10;
  p.activation.p_progress = 1;
  p.activation.p_relapse = p.activation.p_stop = p.activation.p_work_per_step = 0;
  p.activation.max_steps = 2;
  p.activation.refer_rung = 7;
  p.behaviour.after_effect.activation_distance_per_rung = 0.1;
  p.case_management.consultants_fte = 100;
  bs_world w;
  world_init(&w, &p, 212);
  person h = make_person(&w, 1.0, 30);
  pc(&w, h)->phase = 4;
  pc(&w, h)->ladder = 2;
  admit(&w, h);
  start_cm(&w);
  run_until(&w, 200);
  cr_assert_eq(pc(&w, h)->ladder, 4);
  expect_near(pc(&w, h)->distance, 0.8, 1e-12, "two rungs up: 0.2 nearer");
  bs_world_free(&w);
}
