/* sanctions.c: duties and enforcement (003 §2.4, box 2.4). While on benefit
 * a client violates duties at a rate set by non-compliance; each violation is
 * re-integration (only within a programme), administrative or information
 * (fraud). Detection channels: monthly file matching (Inlichtingenbureau),
 * risk profiles, signals, provider reports. A detected violation must reach
 * the deciding consultant (case_management.c: lost or delayed when separate,
 * slipping through when integral). Then:
 *   re-integration -> maatregel: a share of the benefit set by the ladder of
 *     the trajectory (care 0-20% ... paid work 80-100%), at most one month;
 *   administrative -> suspension with a repair period; not repaired -> ended;
 *   information without damage -> as administrative; with damage and the
 *     benefit continued -> maatregel and recovery; benefit stopped for the
 *     fraud -> recovery of damage + interest + admin cost, no maatregel.
 * Hoogwaardig handhaven lowers the violation rate and raises detection; a
 * sanction makes the client more compliant. */
#include "models/world.h"

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <math.h>

/* A signal's data: the duty (bits 0-3), these flags, and from bit 8 on the
 * violation's number in the spell (the trace names it with its sanction);
 * a sanction's end event carries its END_* and the same number. */
enum { SIG_DAMAGE = 1u << 4, SIG_STOP = 1u << 5, SIG_REPAIRS = 1u << 6, SIG_NUMBER_SHIFT = 8 };
enum { END_MAATREGEL = 1, END_REPAIRED, END_NOT_REPAIRED, END_EFFECT };
#define VIOLATION_NUMBER(data) ((unsigned)((data) >> SIG_NUMBER_SHIFT))
#define END_KIND(data) ((data) & ((1u << SIG_NUMBER_SHIFT) - 1))

/* Numbers a violation within the spell (1, 2, ...). */
static unsigned number_violation(bs_client *c) {
  if (c->violations < UINT16_MAX)
    c->violations++;
  return c->violations;
}

static double violation_rate(const bs_world *w, const bs_client *c) {
  const bs_sanction_params *s = &w->p.sanctions;
  double rate = s->violations_per_year / 365.25 * (1 - c->compliance);
  if (s->hoogwaardig_handhaven)
    rate *= s->hh_compliance_effect;
  return rate;
}

static int schedule_violation(bs_world *w, uint32_t slot, bs_client *c) {
  /* without enforcement violations go on (behaviour.enforcement), or,
   * neutral, the client is taken to comply perfectly */
  if (!bs_enforced(w) && !w->p.behaviour.enforcement.counterfactual_violations)
    return SIM_OK;
  double u = bs_uniform(c, BS_RNG_SANCTION);
  double rate = violation_rate(w, c);
  if (rate <= 0)
    return SIM_OK;
  double t = w->ctx.now - log(u) / rate;
  if (!(t <= w->t_end))
    return SIM_OK;
  return bs_at(w, t, BS_EV_VIOLATION, slot, 0);
}

/* On admission: the client's duties start, and with them violations. */
static int sanction_start(bs_world *w, uint32_t slot) {
  bs_client *c = bs_client_at(w, slot);
  double threat = bs_threat_mult(w, c);
  if (threat != 1)
    bs_trace_enforced(w, c, threat);
  return schedule_violation(w, slot, c);
}

double bs_maatregel_pct(const bs_world *w, const bs_client *c) {
  const bs_sanction_params *s = &w->p.sanctions;
  const bs_programme_ops *ops = bs_programme_of(c->programme);
  switch (ops->rung ? ops->rung(w, c) : BS_RUNG_NO_PLAN) {
  case BS_RUNG_PAID_WORK:
    return s->maatregel_paid_work_pct;
  case BS_RUNG_CARE:
    return s->maatregel_care_pct;
  default:
    return s->maatregel_no_traj_pct;
  }
}

static double boost(const bs_world *w, double p) {
  const bs_sanction_params *s = &w->p.sanctions;
  if (s->hoogwaardig_handhaven)
    p *= s->hh_detection_boost;
  return p > 1 ? 1 : p;
}

/* A detected violation goes to the deciding consultant; u: the signal's
 * two uniforms (lost or slipped, delay), drawn with the violation. */
static int pass_signal(bs_world *w, uint32_t slot, bs_client *c, uint32_t sig, double delay,
                       const double u[2]) {
  double passing;
  w->c.detected++;
  if (!bs_pass_signal(w, c, u, &passing)) {
    /* lost between two consultants, or let slip by one (integral) */
    if (w->p.case_management.model == BS_CM_SEPARATE)
      bs_trace_signal_lost(w, c, VIOLATION_NUMBER(sig));
    else
      bs_trace_action_slips(w, c, VIOLATION_NUMBER(sig));
    return SIM_OK;
  }
  bs_trace_detected(w, c, VIOLATION_NUMBER(sig), delay + passing);
  return bs_at(w, w->ctx.now + delay + passing, BS_EV_SIGNAL, slot, sig);
}

static int violation(sim_ctx *ctx, const sim_event *ev, void *user) {
  (void)ctx;
  bs_world *w = user;
  uint32_t slot = ev->entity;
  bs_client *c = bs_client_at(w, slot);
  const bs_sanction_params *s = &w->p.sanctions;
  /* the violation's block: every uniform it may need, drawn whether or not
   * it is detected, so that what a programme changes about detection never
   * shifts a later violation's draws (each computed where it is read) */
  enum { U_DUTY, U_DAMAGE, U_STOP, U_DETECT, U_DELAY, U_LOSS, U_PASS, U_REPAIR, NU };
  const bs_block u = bs_take(c, BS_RNG_SANCTION, NU);
  const double u_duty = bs_block_u(u, U_DUTY);
  int rc = schedule_violation(w, slot, c);
  if (rc != SIM_OK || c->state != BS_ST_BENEFIT)
    return rc;
  int duty = u_duty < s->share_reintegration                             ? BS_DUTY_REINTEGRATION
             : u_duty < s->share_reintegration + s->share_administrative ? BS_DUTY_ADMINISTRATIVE
                                                                         : BS_DUTY_INFORMATION;
  if (duty == BS_DUTY_REINTEGRATION && !bs_has_duty(w, c))
    return SIM_OK; /* no plan, no re-integration duty to violate */
  w->c.violations[duty]++;
  unsigned number = number_violation(c);
  bs_trace_violation(w, c, number, bs_duty_labels[duty]);
  const bs_deterrence_params *dt = &w->p.behaviour.deterrence;
  int damage =
      duty == BS_DUTY_INFORMATION &&
      bs_block_u(u, U_DAMAGE) < bs_fraud_selective(w, c, s->p_fraud_damage, dt->fraud_damage_slope);
  if (damage && w->p.behaviour.enforcement.damage_per_month > 0 && c->t_fraud_start < 0)
    c->t_fraud_start = w->ctx.now; /* the damage accrues until it is found */
  if (!bs_enforced(w))
    return SIM_OK; /* no enforcement: nothing is detected */
  /* detection: independent channels */
  /* detection takes up to a week; file matching is monthly */
  const double u_delay = bs_block_u(u, U_DELAY);
  double miss = 1, delay = u_delay * 7;
  miss *= 1 - boost(w, bs_fraud_selective(w, c, s->p_detect_risk_profile,
                                          dt->risk_profile_fraud_slope));
  miss *= 1 - boost(w, s->p_detect_signal) * bs_workload_contact_ratio(w);
  if (duty != BS_DUTY_REINTEGRATION) {
    miss *= 1 - boost(w, s->p_detect_file_match);
    delay = u_delay * 30; /* monthly matching */
  } else if (bs_duty_seen_by_provider(w, c)) {
    miss *= 1 - boost(w, s->p_detect_provider);
  }
  if (bs_block_u(u, U_DETECT) >= 1 - miss)
    return SIM_OK; /* not detected */
  uint32_t sig = (uint32_t)duty | (uint32_t)number << SIG_NUMBER_SHIFT;
  if (damage) {
    sig |= SIG_DAMAGE;
    if (bs_block_u(u, U_STOP) < s->p_fraud_stop)
      sig |= SIG_STOP;
  }
  if (bs_block_u(u, U_REPAIR) < s->p_repaired)
    sig |= SIG_REPAIRS; /* should it come to a suspension */
  const double u_signal[2] = {bs_block_u(u, U_LOSS), bs_block_u(u, U_PASS)};
  return pass_signal(w, slot, c, sig, delay, u_signal);
}

/* A provider reports a violation (a no-show): found at once. */
static int sanction_report(bs_world *w, uint32_t slot, int duty, const double u[2]) {
  bs_client *c = bs_client_at(w, slot);
  if (!bs_enforced(w)) {
    if (w->p.behaviour.enforcement.counterfactual_violations) {
      w->c.violations[duty]++; /* it happens; nobody acts on it */
      bs_trace_violation(w, c, number_violation(c), bs_duty_labels[duty]);
    }
    return SIM_OK;
  }
  w->c.violations[duty]++;
  unsigned number = number_violation(c);
  bs_trace_violation(w, c, number, bs_duty_labels[duty]);
  return pass_signal(w, slot, c, (uint32_t)duty | (uint32_t)number << SIG_NUMBER_SHIFT, 0, u);
}

static void more_compliant(bs_world *w, bs_client *c) {
  c->compliance = 1 - (1 - c->compliance) * (1 - w->p.sanctions.compliance_gain_after_sanction);
  c->taken |= 1u << BS_INSTR_SANCTIONS;
  if (c->cohort >= 0)
    w->cohort[c->cohort].flags |= BS_REC_SANCTIONED;
}

/* A maatregel for violation `number` of `duty`. */
static int maatregel(bs_world *w, uint32_t slot, bs_client *c, unsigned number, int duty) {
  const bs_sanction_params *s = &w->p.sanctions;
  if (c->sanctioned)
    return SIM_OK; /* one at a time */
  const bs_sanction_effect_params *se = &w->p.behaviour.sanction_effect;
  double pct = bs_maatregel_pct(w, c);
  if (se->escalate) /* repeat violations: a heavier maatregel, at most the whole benefit */
    pct = fmin(1, pct * pow(se->escalation_factor, c->maatregelen));
  c->maatregelen++;
  double amount = pct * bs_benefit_per_day(w, c) * s->maatregel_days;
  /* withheld day by day while the client is on benefit (bs_pay_benefit):
   * one who leaves during the month is not cut for the days after */
  bs_pay_benefit(w, c, w->ctx.now);
  c->sanctioned = 1;
  c->maatregel_pct = pct;
  c->had_maatregel = 1;
  c->t_maatregel = w->ctx.now; /* it ends at bs_t_maatregel_end */
  w->c.sanctions[BS_SANC_MAATREGEL]++;
  more_compliant(w, c);
  bs_trace_maatregel(w, c, number, bs_duty_labels[duty], pct * 100, s->maatregel_days, amount);
  int rc = bs_at(w, w->ctx.now + s->maatregel_days, BS_EV_SANCTION_END, slot, END_MAATREGEL);
  if (rc == SIM_OK && se->job_mult != 1 && se->days > 0) {
    /* the effect once imposed: job search raised from now until now + days */
    /* until now + days: bs_t_sanction_effect */
    bs_trace_sanction_effect(w, c, number, se->job_mult, se->days);
    rc = bs_at(w, bs_t_sanction_effect(w, c), BS_EV_SANCTION_END, slot, END_EFFECT);
    if (rc == SIM_OK)
      rc = bs_outflow_reschedule(w, slot);
  }
  return rc;
}

/* A suspension for violation `number` of `duty`. */
static int suspend(bs_world *w, uint32_t slot, bs_client *c, int repairs, unsigned number,
                   int duty) {
  const bs_sanction_params *s = &w->p.sanctions;
  if (c->suspended)
    return SIM_OK;
  c->suspended = 1;
  w->c.sanctions[BS_SANC_SUSPENSION]++;
  more_compliant(w, c);
  bs_trace_suspended(w, c, number, bs_duty_labels[duty], s->repair_days);
  return bs_at(w, w->ctx.now + s->repair_days, BS_EV_SANCTION_END, slot,
               (repairs ? END_REPAIRED : END_NOT_REPAIRED) | number << SIG_NUMBER_SHIFT);
}

/* Damage accrued by undetected fraud since it started, up to day t. */
static double accrued_damage(const bs_world *w, const bs_client *c, double t) {
  double per_month = w->p.behaviour.enforcement.damage_per_month;
  return c->t_fraud_start < 0 ? 0 : per_month * (t - c->t_fraud_start) * 12 / 365.25;
}

/* Recovery of what was claimed: damage (accrued while undetected, or, with
 * no accrual, a random amount) + interest + admin cost, collected at the
 * collection rate. */
static void recover(bs_world *w, bs_client *c) {
  const bs_sanction_params *s = &w->p.sanctions;
  double damage;
  if (w->p.behaviour.enforcement.damage_per_month > 0) {
    damage = accrued_damage(w, c, w->ctx.now);
    c->t_fraud_start = -1;
  } else {
    damage = gsl_ran_exponential(bs_rng(w, c, BS_RNG_DAMAGE), s->damage_mean);
  }
  double total = damage * (1 + s->recovery_interest) + s->recovery_admin_cost;
  w->c.sanctions[BS_SANC_RECOVERY]++;
  w->c.fraud_damage += damage;
  w->c.recovery_claimed += total;
  w->c.recovered += total * w->p.behaviour.enforcement.collection_rate;
}

/* Fraud never found: its damage is a cost that nobody claims back. */
static void undetected(bs_world *w, bs_client *c, double t) {
  double d = accrued_damage(w, c, t);
  w->c.fraud_damage += d;
  w->c.fraud_damage_undetected += d;
}

static int sanction_leave(bs_world *w, bs_client *c, bs_route route) {
  (void)route;
  undetected(w, c, w->ctx.now);
  return SIM_OK;
}

/* the horizon: fraud still running is damage to date */
static void sanction_finish(bs_world *w) {
  sim_pool *pool = &w->ctx.pool;
  for (uint32_t s = 0; s < pool->used; s++)
    if (pool->gen[s] & 1u)
      undetected(w, bs_client_at(w, s), w->t_end);
}

static int signal_arrives(sim_ctx *ctx, const sim_event *ev, void *user) {
  (void)ctx;
  bs_world *w = user;
  uint32_t slot = ev->entity;
  bs_client *c = bs_client_at(w, slot);
  if (c->state != BS_ST_BENEFIT)
    return SIM_OK;
  int duty = (int)(ev->data & 0xf);
  unsigned number = VIOLATION_NUMBER(ev->data);
  switch (duty) {
  case BS_DUTY_REINTEGRATION:
    return maatregel(w, slot, c, number, duty);
  case BS_DUTY_ADMINISTRATIVE:
    return suspend(w, slot, c, (ev->data & SIG_REPAIRS) != 0, number, duty);
  default:
    if (!(ev->data & SIG_DAMAGE)) /* nulfraude: as administrative */
      return suspend(w, slot, c, (ev->data & SIG_REPAIRS) != 0, number, duty);
    recover(w, c);
    if (ev->data & SIG_STOP) {
      more_compliant(w, c);
      bs_trace_fraud_stopped(w, c, number);
      return bs_leave(w, slot, BS_ROUTE_FRAUD_STOP);
    }
    bs_trace_fraud_recovered(w, c, number);
    return maatregel(w, slot, c, number, duty);
  }
}

static int sanction_end(sim_ctx *ctx, const sim_event *ev, void *user) {
  (void)ctx;
  bs_world *w = user;
  bs_client *c = bs_client_at(w, ev->entity);
  if (c->state != BS_ST_BENEFIT)
    return SIM_OK;
  unsigned number = VIOLATION_NUMBER(ev->data);
  switch (END_KIND(ev->data)) {
  case END_MAATREGEL:
    c->sanctioned = 0;
    return SIM_OK;
  case END_EFFECT: /* the raised job search ends, unless a later maatregel renewed it */
    return w->ctx.now >= bs_t_sanction_effect(w, c) ? bs_outflow_reschedule(w, ev->entity) : SIM_OK;
  case END_REPAIRED:
    c->suspended = 0;
    bs_trace_repaired(w, c, number);
    return SIM_OK;
  default:
    /* the benefit was withheld since the suspension and is never paid:
     * account it up to the suspension day only */
    bs_pay_benefit(w, c, w->ctx.now - w->p.sanctions.repair_days);
    if (c->t_benefit_paid_until < w->ctx.now)
      c->t_benefit_paid_until = w->ctx.now;
    bs_trace_not_repaired(w, c, number);
    return bs_leave(w, ev->entity, BS_ROUTE_ADMIN_END);
  }
}

static int sanction_init(bs_world *w) {
  int rc = sim_ctx_on(&w->ctx, BS_EV_VIOLATION, violation, w);
  if (rc == SIM_OK)
    rc = sim_ctx_on(&w->ctx, BS_EV_SIGNAL, signal_arrives, w);
  if (rc == SIM_OK)
    rc = sim_ctx_on(&w->ctx, BS_EV_SANCTION_END, sanction_end, w);
  return rc;
}

const bs_stage bs_stage_sanctions = {
    .name = "sanctions",
    .init = sanction_init,
    .on_admit = sanction_start,
    .on_report = sanction_report,
    .on_leave = sanction_leave,
    .finish = sanction_finish,
};
