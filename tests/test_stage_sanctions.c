/* test_stage_sanctions.c: pins down sanctions and enforcement
 * (models/sanctions.c, the maatregel rules in models/params.c).
 *
 * - The maatregel share follows the trajectory's ladder: aimed at paid work
 *   (and work-first) maatregel_paid_work_pct, which the schema keeps within
 *   80-100%; care trajectories and activation maatregel_care_pct, within
 *   0-20%; no programme maatregel_no_traj_pct. The baseline lies in range.
 * - A maatregel withholds pct x benefit per day x maatregel_days and lasts
 *   maatregel_days, which the schema keeps <= 31 (one month): 32 is
 *   rejected by bs_params_set and by loading a scenario file.
 * - Administrative violation: the benefit is suspended with a repair
 *   period; not repaired -> admin_end exit repair_days after the suspension,
 *   and the suspended benefit is not paid; repaired -> benefit resumes.
 * - Information fraud: without damage as administrative; with damage and
 *   the benefit stopped -> fraud_stop exit, no maatregel, recovery of
 *   damage x (1 + interest) + admin cost; with damage and the benefit
 *   continued -> maatregel and recovery.
 * - Hoogwaardig handhaven multiplies the violation rate by
 *   hh_compliance_effect and detection by hh_detection_boost.
 * Statistical checks: fixed seeds, 4 standard errors from the sample size.
 */
#include "test_stage_util.h"

Test(sanctions, baseline_maatregel_values_lie_in_the_legal_ranges) {
  bs_params p;
  load_baseline(&p);
  const bs_sanction_params *s = &p.sanctions;
  cr_expect(s->maatregel_paid_work_pct >= 0.8 && s->maatregel_paid_work_pct <= 1.0, "paid work: %g",
            s->maatregel_paid_work_pct);
  cr_expect(s->maatregel_care_pct >= 0 && s->maatregel_care_pct <= 0.2, "care: %g",
            s->maatregel_care_pct);
  cr_expect(s->maatregel_days > 0 && s->maatregel_days <= 31, "days: %g", s->maatregel_days);
}

static int set(bs_params *p, const char *key, const char *value, char *err, size_t n) {
  return bs_params_set(p, key, value, err, n);
}

Test(sanctions, schema_keeps_maatregel_within_one_month) {
  bs_params p;
  load_baseline(&p);
  char err[512] = "";
  cr_expect_eq(set(&p, "sanctions.maatregel_days", "31", err, sizeof err), 0, "%s", err);
  cr_expect_float_eq(p.sanctions.maatregel_days, 31, 1e-12);
  cr_expect_eq(set(&p, "sanctions.maatregel_days", "32", err, sizeof err), -1);
  cr_expect(strstr(err, "maatregel_days") != NULL, "message names the key: %s", err);
  cr_expect_float_eq(p.sanctions.maatregel_days, 31, 1e-12, "value unchanged on error");
}

Test(sanctions, scenario_file_with_a_32_day_maatregel_is_rejected) {
  bs_params p;
  char err[512] = "";
  cr_expect_eq(bs_params_load(STAGE_FIX("maatregel_32_days.yaml"), &p, err, sizeof err), -1);
  cr_expect(strstr(err, "maatregel_days") != NULL, "message names the key: %s", err);
  cr_expect(strstr(err, "maatregel_32_days.yaml") != NULL, "message names the file: %s", err);
}

Test(sanctions, schema_keeps_maatregel_shares_in_their_ranges) {
  bs_params p;
  load_baseline(&p);
  char err[512] = "";
  cr_expect_eq(set(&p, "sanctions.maatregel_paid_work_pct", "0.8", err, sizeof err), 0, "%s", err);
  cr_expect_eq(set(&p, "sanctions.maatregel_paid_work_pct", "1.0", err, sizeof err), 0, "%s", err);
  cr_expect_eq(set(&p, "sanctions.maatregel_paid_work_pct", "0.79", err, sizeof err), -1);
  cr_expect(strstr(err, "maatregel_paid_work_pct") != NULL, "%s", err);
  cr_expect_eq(set(&p, "sanctions.maatregel_paid_work_pct", "1.01", err, sizeof err), -1);
  cr_expect_eq(set(&p, "sanctions.maatregel_care_pct", "0.0", err, sizeof err), 0, "%s", err);
  cr_expect_eq(set(&p, "sanctions.maatregel_care_pct", "0.2", err, sizeof err), 0, "%s", err);
  cr_expect_eq(set(&p, "sanctions.maatregel_care_pct", "0.21", err, sizeof err), -1);
  cr_expect(strstr(err, "maatregel_care_pct") != NULL, "%s", err);
}

/* Trajectories start at once and last long; sanctions come only from the
 * test (no spontaneous violations); integral, nothing slips. */
static void sanc_params(bs_params *p) {
  long_trajectory_params(p);
  p->case_management.model = BS_CM_INTEGRAL;
  p->case_management.p_slip = 0;
  p->sanctions.maatregel_paid_work_pct = 0.9;
  p->sanctions.maatregel_care_pct = 0.1;
  p->sanctions.maatregel_no_traj_pct = 0.2;
  p->sanctions.maatregel_days = 30;
  p->sanctions.compliance_gain_after_sanction = 0;
  p->sanctions.hoogwaardig_handhaven = 0;
  p->money.benefit_month[BS_HH_SINGLE] = 850;
}

static person client_at(bs_world *w, double distance, int phase) {
  person h = make_person(w, distance, 30);
  pc(w, h)->phase = (uint8_t)phase;
  admit(w, h);
  return h;
}

Test(sanctions, maatregel_share_by_programme) {
  bs_params p;
  sanc_params(&p);
  p.activation.enabled = 1;
  p.activation.min_distance = 1.5;
  p.work_first.enabled = 0;
  bs_world w;
  world_init(&w, &p, 111);
  person paid = client_at(&w, 0.0, 2);
  person care = client_at(&w, 1.0, 4);
  person act = client_at(&w, 2.0, 4);
  start_cm(&w);
  run_until(&w, 1);
  cr_assert_eq(pc(&w, paid)->programme, BS_PROG_TRAJECTORY);
  cr_assert_eq(pc(&w, care)->programme, BS_PROG_TRAJECTORY);
  cr_assert_eq(pc(&w, act)->programme, BS_PROG_ACTIVATION);
  cr_expect(pc(&w, paid)->traj_aim_paid);
  cr_expect_not(pc(&w, care)->traj_aim_paid);
  expect_near(bs_maatregel_pct(&w, pc(&w, paid)), 0.9, 1e-12, "trajectory aimed at paid work");
  expect_near(bs_maatregel_pct(&w, pc(&w, care)), 0.1, 1e-12, "care trajectory");
  expect_near(bs_maatregel_pct(&w, pc(&w, act)), 0.1, 1e-12, "social activation");
  /* work-first counts as aimed at paid work; no programme: its own share */
  bs_client *c = pc(&w, paid);
  c->programme = BS_PROG_WORK_FIRST;
  expect_near(bs_maatregel_pct(&w, c), 0.9, 1e-12, "work-first");
  c->programme = BS_PROG_NONE;
  expect_near(bs_maatregel_pct(&w, c), 0.2, 1e-12, "no programme");
  c->programme = BS_PROG_TRAJECTORY;
  bs_world_free(&w);
}

/* the uniforms of a reported violation's signal (loss, delay) */
static const double signal_u[2] = {0.5, 0.5};

/* A provider reports a no-show on day 10: the maatregel for this client. */
static void maatregel_case(double distance, int phase, double pct_expected, uint64_t seed) {
  bs_params p;
  sanc_params(&p);
  bs_world w;
  world_init(&w, &p, seed);
  person h = client_at(&w, distance, phase);
  start_cm(&w);
  run_until(&w, 10);
  cr_assert_eq(pc(&w, h)->programme, BS_PROG_TRAJECTORY);
  cr_assert_eq(bs_report_violation(&w, h.slot, BS_DUTY_REINTEGRATION, signal_u), SIM_OK, "%s",
               w.ctx.err);
  run_until(&w, 10.5);
  double per_day = 850 * 12 / 365.25;
  cr_assert_eq(w.c.sanctions[BS_SANC_MAATREGEL], 1);
  cr_expect(pc(&w, h)->sanctioned);
  run_until(&w, 39.99);
  cr_expect(pc(&w, h)->sanctioned, "still running on day 39.99");
  run_until(&w, 40.01);
  cr_expect_not(pc(&w, h)->sanctioned, "ended after 30 days");
  /* withheld day by day: the whole month once the month is paid */
  bs_pay_benefit(&w, pc(&w, h), 45);
  expect_near(w.c.sanction_amount, pct_expected * per_day * 30, 1e-9, "pct x benefit x days");
  bs_world_free(&w);
}

Test(sanctions, paid_work_maatregel_amount_and_duration) { maatregel_case(0.0, 2, 0.9, 112); }

Test(sanctions, care_trajectory_maatregel_amount) { maatregel_case(1.0, 4, 0.1, 113); }

Test(sanctions, maatregel_is_withheld_from_the_benefit_spend) {
  bs_params p;
  sanc_params(&p);
  p.run.horizon_days = 100;
  bs_world w;
  world_init(&w, &p, 114);
  person h = client_at(&w, 0.0, 2);
  start_cm(&w);
  run_until(&w, 10);
  cr_assert_eq(bs_report_violation(&w, h.slot, BS_DUTY_REINTEGRATION, signal_u), SIM_OK);
  run_until(&w, 100);
  bs_pay_benefit(&w, pc(&w, h), 100);
  double per_day = 850 * 12 / 365.25;
  expect_near(w.c.benefit_spend, 100 * per_day - 0.9 * per_day * 30, 1e-6, "benefit spend");
  bs_world_free(&w);
}

/* Violations of the given duties, certainly detected (file matching). */
static void violation_params(bs_params *p, double share_reint, double share_admin) {
  sanc_params(p);
  p->trajectory.enabled = 0;
  p->sanctions.share_reintegration = share_reint;
  p->sanctions.share_administrative = share_admin;
  p->sanctions.p_detect_file_match = 1;
  p->sanctions.p_detect_risk_profile = 0;
  p->sanctions.p_detect_signal = 0;
  p->sanctions.repair_days = 14;
  p->sanctions.damage_mean = 2000;
  p->sanctions.recovery_interest = 0.1;
  p->sanctions.recovery_admin_cost = 250;
}

static person violate_on_day_10(bs_world *w) {
  person h = client_at(w, 0.0, 2);
  cr_assert_eq(bs_at(w, 10, BS_EV_VIOLATION, h.slot, 0), SIM_OK);
  return h;
}

Test(sanctions, administrative_not_repaired_ends_benefit_after_repair_days) {
  bs_params p;
  violation_params(&p, 0, 1);
  p.sanctions.p_repaired = 0;
  bs_world w;
  world_init(&w, &p, 115);
  person h = violate_on_day_10(&w);
  trace_buf t;
  trace_on(&w, &t, h.id);
  run_until(&w, 200);
  cr_expect_eq(w.c.violations[BS_DUTY_ADMINISTRATIVE], 1);
  cr_expect_eq(w.c.sanctions[BS_SANC_SUSPENSION], 1);
  cr_assert_eq(w.c.left[BS_ROUTE_ADMIN_END], 1);
  double suspended = trace_day(&t, "benefit suspended");
  cr_assert(suspended >= 10 && suspended <= 40.05, "detected within a month: %.1f", suspended);
  double t_out = w.cohort[0].t_out;
  cr_expect_eq(w.cohort[0].route, BS_ROUTE_ADMIN_END);
  expect_near(t_out - suspended, 14, 0.051, "ended repair_days after the suspension");
  /* the suspended benefit is not paid: paid up to the suspension only */
  double per_day = 850 * 12 / 365.25;
  expect_near(w.c.benefit_spend, (t_out - 14) * per_day, 1e-6, "benefit paid");
  trace_off(&w, &t);
  bs_world_free(&w);
}

Test(sanctions, administrative_repaired_benefit_resumes) {
  bs_params p;
  violation_params(&p, 0, 1);
  p.sanctions.p_repaired = 1;
  bs_world w;
  world_init(&w, &p, 116);
  person h = violate_on_day_10(&w);
  run_until(&w, 200);
  cr_expect_eq(w.c.sanctions[BS_SANC_SUSPENSION], 1);
  cr_expect_eq(total_left(&w), 0);
  cr_expect(alive(&w, h));
  cr_expect_not(pc(&w, h)->suspended, "repaired: no longer suspended");
  bs_pay_benefit(&w, pc(&w, h), 200);
  expect_near(w.c.benefit_spend, 200 * 850 * 12 / 365.25, 1e-6, "benefit paid in full");
  bs_world_free(&w);
}

Test(sanctions, nulfraude_is_treated_as_administrative) {
  bs_params p;
  violation_params(&p, 0, 0);
  p.sanctions.p_fraud_damage = 0;
  p.sanctions.p_repaired = 1;
  bs_world w;
  world_init(&w, &p, 117);
  violate_on_day_10(&w);
  run_until(&w, 200);
  cr_expect_eq(w.c.violations[BS_DUTY_INFORMATION], 1);
  cr_expect_eq(w.c.sanctions[BS_SANC_SUSPENSION], 1);
  cr_expect_eq(w.c.sanctions[BS_SANC_RECOVERY], 0);
  cr_expect_eq(w.c.sanctions[BS_SANC_MAATREGEL], 0);
  bs_world_free(&w);
}

/* Fraud with damage: recovered amount for given interest and admin cost. */
static double fraud(double interest, double admin, double damage_mean, int stop, bs_world *out) {
  bs_params p;
  violation_params(&p, 0, 0);
  p.sanctions.p_fraud_damage = 1;
  p.sanctions.p_fraud_stop = stop;
  p.sanctions.recovery_interest = interest;
  p.sanctions.recovery_admin_cost = admin;
  p.sanctions.damage_mean = damage_mean;
  world_init(out, &p, 118);
  violate_on_day_10(out);
  run_until(out, 200);
  cr_expect_eq(out->c.sanctions[BS_SANC_RECOVERY], 1);
  return out->c.recovered;
}

Test(sanctions, fraud_with_damage_and_stop_recovers_damage_interest_and_admin) {
  bs_world w;
  double damage = fraud(0, 0, 2000, 1, &w); /* recovered = the damage itself */
  cr_expect_gt(damage, 0);
  cr_expect_eq(w.c.left[BS_ROUTE_FRAUD_STOP], 1);
  cr_expect_eq(w.c.sanctions[BS_SANC_MAATREGEL], 0, "stopped: no maatregel");
  cr_expect_eq(w.cohort[0].route, BS_ROUTE_FRAUD_STOP);
  bs_world_free(&w);
  /* the same client, the same damage (common random numbers) */
  double total = fraud(0.1, 250, 2000, 1, &w);
  expect_near(total, damage * 1.1 + 250, 1e-9, "damage x (1 + interest) + admin cost");
  cr_expect_eq(w.c.left[BS_ROUTE_FRAUD_STOP], 1);
  bs_world_free(&w);
  /* no damage: only the admin cost */
  expect_near(fraud(0.1, 250, 0, 1, &w), 250, 1e-9, "zero damage");
  bs_world_free(&w);
}

Test(sanctions, fraud_with_damage_benefit_continued_gets_maatregel_and_recovery) {
  bs_world w;
  double total = fraud(0.1, 250, 2000, 0, &w);
  cr_expect_gt(total, 250);
  cr_expect_eq(total_left(&w), 0, "benefit continued");
  cr_expect_eq(w.c.sanctions[BS_SANC_MAATREGEL], 1);
  bs_world_free(&w);
}

/* Violations in a stock of clients on benefit all year, none leaving. */
static void hh_run(int hh, uint64_t *violations, uint64_t *detected, double *expected) {
  bs_params p;
  quiet_params(&p);
  p.inflow.initial_stock = 2000;
  p.inflow.initial_stock_mean_duration_days = 100; /* nobody near 65 */
  p.run.horizon_days = 365;
  p.sanctions.violations_per_year = 4;
  p.sanctions.share_reintegration = 0;
  p.sanctions.share_administrative = 1;
  p.sanctions.p_detect_file_match = 0.5;
  p.sanctions.p_detect_risk_profile = 0;
  p.sanctions.p_detect_signal = 0;
  p.sanctions.p_repaired = 1;
  p.sanctions.compliance_gain_after_sanction = 0;
  p.sanctions.hoogwaardig_handhaven = hh;
  p.sanctions.hh_compliance_effect = 0.7;
  p.sanctions.hh_detection_boost = 1.3;
  bs_world w;
  world_init(&w, &p, 119);
  world_run(&w);
  cr_assert_eq(total_left(&w), 0);
  double noncompliance = 0;
  for (uint32_t s = 0; s < w.ctx.pool.used; s++)
    noncompliance += 1 - bs_client_at(&w, s)->compliance;
  *expected = noncompliance * 4 / 365.25 * 365 * (hh ? 0.7 : 1);
  *violations = w.c.violations[BS_DUTY_ADMINISTRATIVE];
  *detected = w.c.detected;
  bs_world_free(&w);
}

Test(sanctions, hoogwaardig_handhaven_lowers_violations_and_raises_detection) {
  uint64_t v_off, d_off, v_hh, d_hh;
  double e_off, e_hh;
  hh_run(0, &v_off, &d_off, &e_off);
  hh_run(1, &v_hh, &d_hh, &e_hh);
  expect_count(v_off, e_off, "violations, normal enforcement");
  expect_count(v_hh, e_hh, "violations, hoogwaardig handhaven");
  cr_expect_lt(v_hh, v_off);
  expect_share(d_off, v_off, 0.5, "detected, normal enforcement");
  expect_share(d_hh, v_hh, 0.65, "detected, hoogwaardig handhaven");
}

/* A client who leaves ten days into a maatregel is cut for those ten days
 * only: the benefit is withheld day by day, not for the month up front. */
Test(sanctions, maatregel_is_withheld_only_while_on_benefit) {
  bs_params p;
  sanc_params(&p);
  p.run.horizon_days = 100;
  bs_world w;
  world_init(&w, &p, 115);
  person h = client_at(&w, 0.0, 2);
  start_cm(&w);
  run_until(&w, 10);
  cr_assert_eq(bs_report_violation(&w, h.slot, BS_DUTY_REINTEGRATION, signal_u), SIM_OK);
  run_until(&w, 20);
  cr_assert(pc(&w, h)->sanctioned);
  cr_assert_eq(bs_leave(&w, h.slot, BS_ROUTE_MOVING), SIM_OK, "%s", w.ctx.err);
  double per_day = 850 * 12 / 365.25;
  expect_near(w.c.sanction_amount, 0.9 * per_day * 10, 1e-6, "ten days withheld");
  expect_near(w.c.benefit_spend, 20 * per_day - 0.9 * per_day * 10, 1e-6, "benefit paid");
  bs_world_free(&w);
}
