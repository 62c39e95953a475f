/* behaviour.c: clients respond to policy (docs/model.md "Behaviour"). The
 * rules that several stages share, each read from one block of the
 * behaviour.* parameters, each neutral (multiplier 1, slope 0, switch off)
 * unless the scenario says otherwise:
 *   threat        job-search intensity of an obligated client rises with the
 *                 monitoring regime it is under (work-first's checked job
 *                 search, a trajectory plan, CWI's check of phase 1,
 *                 hoogwaardig handhaven); without enforcement there is no threat;
 *   sanction_effect  a raised job hazard for a period after a maatregel;
 *   deterrence    who is deterred by a work obligation depends on outside
 *                 options (nearness to the market, undeclared work: the fraud
 *                 propensity); the exempt are not deterred;
 *   after_effect  what a completed programme leaves behind;
 *   jobs          an exit to work starts a job spell with hours and a
 *                 length; its end brings the client back with a chance that
 *                 falls with the job's length. */
#include "models/world.h"

#include <math.h>

/* the routes that end in a job */
#define BS_ROUTE_IS_WORK_ROUTE(r)                                                                  \
  ((r) == BS_ROUTE_REGULAR_WORK || (r) == BS_ROUTE_SUBSIDISED_WORK ||                              \
   (r) == BS_ROUTE_FUNDED_EMPLOYMENT)

int bs_enforced(const bs_world *w) { return w->disabled_instrument != BS_INSTR_SANCTIONS; }

double bs_threat_mult(const bs_world *w, const bs_client *c) {
  const bs_threat_params *th = &w->p.behaviour.threat;
  if (c->exempt || !bs_enforced(w))
    return 1;
  double m = w->p.sanctions.hoogwaardig_handhaven ? th->hh_mult : 1;
  switch (c->programme) {
  case BS_PROG_WORK_FIRST:
    return m * th->work_first_mult;
  case BS_PROG_TRAJECTORY:
    return m * th->trajectory_mult;
  case BS_PROG_CWI:
    return m * th->cwi_check_mult;
  default:
    return m;
  }
}

double bs_search_mult(const bs_world *w, const bs_client *c, double t) {
  double m = bs_threat_mult(w, c) * c->after_mult;
  if (t < bs_t_sanction_effect(w, c))
    m *= w->p.behaviour.sanction_effect.job_mult;
  return m;
}

double bs_fraud_selective(const bs_world *w, const bs_client *c, double p, double slope) {
  if (slope == 0)
    return p;
  double mean = w->p.clients.fraud_propensity_mean;
  double ratio = mean > 0 ? bs_fraud_propensity(w, c) / mean : 1;
  double q = p * exp(slope * (ratio - 1));
  return q > 1 ? 1 : q;
}

double bs_deterrence_p(const bs_world *w, const bs_client *c, double p) {
  const bs_deterrence_params *d = &w->p.behaviour.deterrence;
  if (d->exempt_never_deterred && bs_exempt_at(w, c, w->ctx.now))
    return 0;
  if (d->near_slope != 0) {
    p *= exp(d->near_slope * (w->p.clients.distance_mean - c->distance));
    if (p > 1)
      p = 1;
  }
  return bs_fraud_selective(w, c, p, d->fraud_slope);
}

double bs_no_show_p(const bs_world *w, const bs_client *c) {
  double p = w->p.trajectory.p_no_show, k = w->p.behaviour.enforcement.no_show_compliance;
  if (k == 0)
    return p;
  const bs_client_params *cp = &w->p.clients;
  double mean_noncompliance = cp->compliance_beta / (cp->compliance_alpha + cp->compliance_beta);
  double rel = mean_noncompliance > 0 ? (1 - c->compliance) / mean_noncompliance : 1;
  double q = p * (1 - k + k * rel);
  return q > 1 ? 1 : q;
}

int bs_has_duty(const bs_world *w, const bs_client *c) {
  if (bs_programme_of(c->programme)->reintegration_duty)
    return 1;
  return c->programme == BS_PROG_CWI && w->p.behaviour.threat.cwi_search_duty;
}

int bs_duty_seen_by_provider(const bs_world *w, const bs_client *c) {
  if (bs_programme_of(c->programme)->provider_detects)
    return 1;
  return c->programme == BS_PROG_CWI && w->p.behaviour.threat.cwi_search_duty;
}

void bs_after_programme(bs_world *w, bs_client *c, bs_programme prog) {
  const bs_after_effect_params *a = &w->p.behaviour.after_effect;
  int far = c->distance > w->p.clients.far_threshold;
  double m = 1;
  if (prog == BS_PROG_TRAJECTORY)
    m = far ? a->trajectory_far : a->trajectory_near;
  else if (prog == BS_PROG_WORK_FIRST)
    m = far ? a->work_first_far : a->work_first_near;
  if (m == 1)
    return;
  c->after_mult *= m;
  if (prog == BS_PROG_TRAJECTORY)
    bs_trace_traj_after(w, c, m);
  else
    bs_trace_wf_after(w, c, m);
}

int bs_activation_moved(bs_world *w, uint32_t slot, bs_client *c, int rungs) {
  double per = w->p.behaviour.after_effect.activation_distance_per_rung;
  if (per == 0 || rungs == 0)
    return SIM_OK;
  c->distance -= per * rungs;
  bs_trace_act_distance(w, c, c->distance);
  return bs_outflow_reschedule(w, slot);
}

int bs_job_route(const bs_world *w, bs_route route) {
  return w->p.behaviour.jobs.enabled && BS_ROUTE_IS_WORK_ROUTE(route);
}

void bs_job_start(bs_world *w, bs_client *c, bs_route route) {
  const bs_job_params *j = &w->p.behaviour.jobs;
  w->job.days = w->job.hours = 0;
  w->job.t_return = INFINITY;
  if (!bs_job_route(w, route))
    return;
  /* the job's block: hours, length, return, return delay (by inversion) */
  enum { U_HOURS, U_DAYS, U_RETURN, U_DELAY, NU };
  const bs_block u = bs_take(c, BS_RNG_SPELL, NU);
  w->job.hours = j->hours_min + bs_block_u(u, U_HOURS) * (j->hours_max - j->hours_min);
  bs_delay len = j->duration;
  len.mean_days *= exp(-j->duration_distance_slope * c->distance);
  w->job.days = bs_delay_at(w, bs_block_u(u, U_DAYS), &len);
  double p = j->p_return * w->p.behaviour.reinflow.route_factor[route] *
             exp(-j->return_duration_slope * w->job.days / 365.25);
  if (bs_block_u(u, U_RETURN) < p)
    w->job.t_return =
        w->ctx.now + w->job.days + bs_delay_at(w, bs_block_u(u, U_DELAY), &j->return_delay);
  bs_trace_job(w, c, w->job.hours, w->job.days);
}

int bs_job_qualifies(const bs_world *w, const bs_client *c) {
  (void)c; /* the leaving client: its job spell is w->job (bs_job_start) */
  const bs_job_params *j = &w->p.behaviour.jobs;
  if (!j->enabled)
    return 1;
  return w->job.days >= j->regular_min_days && w->job.hours >= j->regular_min_hours;
}
