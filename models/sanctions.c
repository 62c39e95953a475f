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

enum { SIG_DAMAGE = 1u << 4, SIG_STOP = 1u << 5, SIG_REPAIRS = 1u << 6 };
enum { END_MAATREGEL = 1, END_REPAIRED, END_NOT_REPAIRED };

static double violation_rate(const bs_world *w, const bs_client *c) {
  const bs_sanction_params *s = &w->p.sanctions;
  double rate = s->violations_per_year / 365.25 * (1 - c->compliance);
  if (s->hoogwaardig_handhaven)
    rate *= s->hh_compliance_effect;
  return rate;
}

static int schedule_violation(bs_world *w, uint32_t slot, bs_client *c) {
  if (w->disabled_instrument == BS_INSTR_SANCTIONS)
    return SIM_OK;
  double u = sim_stream_uniform(&c->rng[BS_RNG_SANCTION]);
  double rate = violation_rate(w, c);
  if (rate <= 0)
    return SIM_OK;
  double t = w->ctx.now - log(u) / rate;
  if (!(t <= w->p.run.horizon_days))
    return SIM_OK;
  return bs_at(w, t, BS_EV_VIOLATION, slot, 0);
}

/* On admission: the client's duties start, and with them violations. */
static int sanction_start(bs_world *w, uint32_t slot) {
  return schedule_violation(w, slot, bs_client_at(w, slot));
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
    bs_trace(w, c, "sanctions", "violation detected, but the signal is lost between consultants");
    return SIM_OK;
  }
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
   * shifts a later violation's draws */
  enum { U_DUTY, U_DAMAGE, U_STOP, U_DETECT, U_DELAY, U_LOSS, U_PASS, U_REPAIR, NU };
  double u[NU];
  bs_draw(c, BS_RNG_SANCTION, u, NU);
  double u_duty = u[U_DUTY], u_dmg = u[U_DAMAGE], u_stop = u[U_STOP], u_det = u[U_DETECT],
         u_delay = u[U_DELAY];
  int rc = schedule_violation(w, slot, c);
  if (rc != SIM_OK || c->state != BS_ST_BENEFIT)
    return rc;
  int duty = u_duty < s->share_reintegration                             ? BS_DUTY_REINTEGRATION
             : u_duty < s->share_reintegration + s->share_administrative ? BS_DUTY_ADMINISTRATIVE
                                                                         : BS_DUTY_INFORMATION;
  const bs_programme_ops *prog = bs_programme_of(c->programme);
  if (duty == BS_DUTY_REINTEGRATION && !prog->reintegration_duty)
    return SIM_OK; /* no plan, no re-integration duty to violate */
  w->c.violations[duty]++;
  /* detection: independent channels */
  /* detection takes up to a week; file matching is monthly */
  double miss = 1, delay = u_delay * 7;
  miss *= 1 - boost(w, s->p_detect_risk_profile);
  miss *= 1 - boost(w, s->p_detect_signal) * bs_workload_contact_ratio(w);
  if (duty != BS_DUTY_REINTEGRATION) {
    miss *= 1 - boost(w, s->p_detect_file_match);
    delay = u_delay * 30; /* monthly matching */
  } else if (prog->provider_detects) {
    miss *= 1 - boost(w, s->p_detect_provider);
  }
  if (u_det >= 1 - miss)
    return SIM_OK; /* not detected */
  uint32_t sig = (uint32_t)duty;
  if (duty == BS_DUTY_INFORMATION && u_dmg < s->p_fraud_damage) {
    sig |= SIG_DAMAGE;
    if (u_stop < s->p_fraud_stop)
      sig |= SIG_STOP;
  }
  if (u[U_REPAIR] < s->p_repaired)
    sig |= SIG_REPAIRS; /* should it come to a suspension */
  return pass_signal(w, slot, c, sig, delay, u + U_LOSS);
}

/* A provider reports a violation (a no-show): found at once. */
static int sanction_report(bs_world *w, uint32_t slot, int duty, const double u[2]) {
  bs_client *c = bs_client_at(w, slot);
  if (w->disabled_instrument == BS_INSTR_SANCTIONS)
    return SIM_OK;
  w->c.violations[duty]++;
  return pass_signal(w, slot, c, (uint32_t)duty, 0, u);
}

static void more_compliant(bs_world *w, bs_client *c) {
  c->compliance = 1 - (1 - c->compliance) * (1 - w->p.sanctions.compliance_gain_after_sanction);
  if (c->cohort >= 0)
    w->cohort[c->cohort].flags |= BS_REC_SANCTIONED;
}

static int maatregel(bs_world *w, uint32_t slot, bs_client *c) {
  const bs_sanction_params *s = &w->p.sanctions;
  if (c->sanctioned)
    return SIM_OK; /* one at a time */
  double pct = bs_maatregel_pct(w, c);
  double amount = pct * bs_benefit_per_day(w, c) * s->maatregel_days;
  c->sanctioned = 1;
  w->c.sanctions[BS_SANC_MAATREGEL]++;
  w->c.sanction_amount += amount;
  w->c.benefit_spend -= amount; /* withheld from the benefit */
  more_compliant(w, c);
  bs_trace(w, c, "sanctions", "maatregel: %.0f%% of the benefit for %.0f days (%.0f EUR)",
           pct * 100, s->maatregel_days, amount);
  return bs_at(w, w->ctx.now + s->maatregel_days, BS_EV_SANCTION_END, slot, END_MAATREGEL);
}

static int suspend(bs_world *w, uint32_t slot, bs_client *c, int repairs) {
  const bs_sanction_params *s = &w->p.sanctions;
  if (c->suspended)
    return SIM_OK;
  c->suspended = 1;
  w->c.sanctions[BS_SANC_SUSPENSION]++;
  more_compliant(w, c);
  bs_trace(w, c, "sanctions", "benefit suspended: %.0f days to repair (hersteltermijn)",
           s->repair_days);
  return bs_at(w, w->ctx.now + s->repair_days, BS_EV_SANCTION_END, slot,
               repairs ? END_REPAIRED : END_NOT_REPAIRED);
}

static void recover(bs_world *w, bs_client *c) {
  const bs_sanction_params *s = &w->p.sanctions;
  double damage = gsl_ran_exponential(bs_rng(w, c, BS_RNG_DAMAGE), s->damage_mean);
  double total = damage * (1 + s->recovery_interest) + s->recovery_admin_cost;
  w->c.sanctions[BS_SANC_RECOVERY]++;
  w->c.recovered += total;
}

static int signal_arrives(sim_ctx *ctx, const sim_event *ev, void *user) {
  (void)ctx;
  bs_world *w = user;
  uint32_t slot = ev->entity;
  bs_client *c = bs_client_at(w, slot);
  if (c->state != BS_ST_BENEFIT)
    return SIM_OK;
  int duty = (int)(ev->data & 0xf);
  switch (duty) {
  case BS_DUTY_REINTEGRATION:
    return maatregel(w, slot, c);
  case BS_DUTY_ADMINISTRATIVE:
    return suspend(w, slot, c, (ev->data & SIG_REPAIRS) != 0);
  default:
    if (!(ev->data & SIG_DAMAGE)) /* nulfraude: as administrative */
      return suspend(w, slot, c, (ev->data & SIG_REPAIRS) != 0);
    recover(w, c);
    if (ev->data & SIG_STOP) {
      more_compliant(w, c);
      bs_trace(w, c, "sanctions", "fraud with damage: benefit stopped, damage recovered");
      return bs_leave(w, slot, BS_ROUTE_FRAUD_STOP);
    }
    bs_trace(w, c, "sanctions", "fraud with damage: damage recovered");
    return maatregel(w, slot, c);
  }
}

static int sanction_end(sim_ctx *ctx, const sim_event *ev, void *user) {
  (void)ctx;
  bs_world *w = user;
  bs_client *c = bs_client_at(w, ev->entity);
  if (c->state != BS_ST_BENEFIT)
    return SIM_OK;
  switch (ev->data) {
  case END_MAATREGEL:
    c->sanctioned = 0;
    return SIM_OK;
  case END_REPAIRED:
    c->suspended = 0;
    bs_trace(w, c, "sanctions", "repaired in time: benefit resumes");
    return SIM_OK;
  default:
    /* the benefit was withheld since the suspension and is never paid:
     * account it up to the suspension day only */
    bs_pay_benefit(w, c, w->ctx.now - w->p.sanctions.repair_days);
    if (c->t_benefit_paid_until < w->ctx.now)
      c->t_benefit_paid_until = w->ctx.now;
    bs_trace(w, c, "sanctions", "not repaired: benefit ended");
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
};
