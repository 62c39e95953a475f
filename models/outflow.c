/* outflow.c: leaving bijstand. Competing risks while on benefit: regular work
 * (hazard falling with distance, scaled by the labour-market climate and by
 * the current programme's multiplier (bs_programme_ops.job_mult: CWI
 * mediation boost, work-first placement boost, trajectory lock-in)), other
 * income, moving away, withdrawal. Other routes come from the stages: age
 * (exemption.c's birthdays), subsidised work and funded employment
 * (trajectory, work-first), fraud stop and admin end (sanctions), withdrawal
 * at the gate. Hazards are piecewise constant between events, so
 * the next exit is drawn exactly by inverting the integrated hazard and is
 * re-drawn whenever a hazard changes. */
#include "models/world.h"

#include <gsl/gsl_rng.h>
#include <math.h>

static size_t climate_segment(const bs_world *w, double t) {
  const bs_inflow_params *in = &w->p.inflow;
  size_t i = 0;
  while (i + 1 < in->climate_n && in->climate[i + 1][0] <= t)
    i++;
  return i;
}

double bs_climate_at(const bs_world *w, double t) {
  if (w->p.inflow.climate_n == 0)
    return 1;
  return w->p.inflow.climate[climate_segment(w, t)][1];
}

double bs_climate_pow(const bs_world *w, double t, double e) {
  if (e == 0 || w->p.inflow.climate_n == 0)
    return 1; /* pow(1, e) == 1 */
  size_t i = climate_segment(w, t);
  for (size_t k = 0; k < sizeof w->climate_pow_e / sizeof w->climate_pow_e[0]; k++)
    if (w->climate_pow_e[k] == e)
      return w->climate_pow[k][i];
  return pow(w->p.inflow.climate[i][1], e);
}

/* The same powers as bs_climate_pow computes, once per replication. */
static void climate_pow_init(bs_world *w) {
  const bs_labour_params *lm = &w->p.labour_market;
  const double e[] = {-lm->inflow_elasticity, lm->mediation_elasticity, lm->trajectory_elasticity};
  for (size_t k = 0; k < sizeof e / sizeof e[0]; k++) {
    w->climate_pow_e[k] = e[k];
    for (size_t i = 0; i < w->p.inflow.climate_n; i++)
      w->climate_pow[k][i] = pow(w->p.inflow.climate[i][1], e[k]);
  }
}

/* Regular-work hazard per day, without the climate factor. */
static double job_base(const bs_world *w, const bs_client *c, double t) {
  const bs_outflow_params *o = &w->p.outflow;
  double h =
      o->job_rate_per_year / 365.25 * exp(-o->job_distance_slope * c->distance) * c->job_mult;
  if (c->exempt)
    h *= o->exempt_job_factor;
  if (t - c->t_start >= 365)
    h *= o->duration_dependence;
  return h * bs_search_mult(w, c, t);
}

double bs_job_hazard(const bs_world *w, const bs_client *c, double t) {
  return job_base(w, c, t) * bs_climate_at(w, t);
}

static double other_hazard(const bs_world *w) {
  const bs_outflow_params *o = &w->p.outflow;
  return (o->other_income_per_year + o->moving_per_year + o->withdrawal_per_year) / 365.25;
}

/* First t > now with integral_now^t (a*climate(s) + b) ds = e, or INFINITY. */
static double invert_hazard(const bs_world *w, double now, double a, double b, double e) {
  const bs_inflow_params *in = &w->p.inflow;
  double t = now;
  size_t i = in->climate_n ? climate_segment(w, now) : 0;
  for (;;) {
    double f = in->climate_n ? in->climate[i][1] : 1;
    double end = (in->climate_n && i + 1 < in->climate_n) ? in->climate[i + 1][0] : INFINITY;
    double rate = a * f + b;
    if (rate > 0 && t + e / rate <= end)
      return t + e / rate;
    if (end == INFINITY)
      return INFINITY;
    e -= rate * (end - t);
    t = end;
    i++;
  }
}

/* A hazard change re-draws the exit time. Most re-draws move it later (a
 * programme's lock-in, the duration dependence), and pushing a new event for
 * each would leave the old one in the calendar, dead, until its day: at
 * national scale that was most of the pending events. So the client keeps
 * one queued exit event: a later exit time is only written down
 * (t_exit_due), and the queued event, when it fires first, moves itself on to
 * that time; only an earlier exit time queues a new event (and the token
 * makes the old one dead). The exit happens at the same time either way. */
int bs_outflow_reschedule(bs_world *w, uint32_t slot) {
  bs_client *c = bs_client_at(w, slot);
  if (c->state != BS_ST_BENEFIT)
    return SIM_OK;
  double e = -log(bs_uniform(c, BS_RNG_EXIT));
  double t = invert_hazard(w, w->ctx.now, job_base(w, c, w->ctx.now), other_hazard(w), e);
  c->t_exit_due = t <= w->t_end ? t : INFINITY;
  if (!(t <= w->t_end) || (c->exit_queued && c->t_exit_queued <= t))
    return SIM_OK;
  c->exit_token++;
  c->exit_queued = 1;
  c->t_exit_queued = t;
  return bs_at(w, t, BS_EV_EXIT, slot, c->exit_token);
}

static int exit_event(sim_ctx *ctx, const sim_event *ev, void *user) {
  bs_world *w = user;
  bs_client *c = bs_client_at(w, ev->entity);
  if (ev->data != c->exit_token || c->state != BS_ST_BENEFIT)
    return SIM_OK;
  c->exit_queued = 0;
  if (c->t_exit_due > ctx->now) { /* re-drawn later since this event was queued */
    if (c->t_exit_due == INFINITY)
      return SIM_OK;
    c->exit_queued = 1;
    c->t_exit_queued = c->t_exit_due;
    return bs_at(w, c->t_exit_due, BS_EV_EXIT, ev->entity, c->exit_token);
  }
  const bs_outflow_params *o = &w->p.outflow;
  double job = bs_job_hazard(w, c, ctx->now);
  double rates[4] = {job, o->other_income_per_year / 365.25, o->moving_per_year / 365.25,
                     o->withdrawal_per_year / 365.25};
  static const bs_route routes[4] = {BS_ROUTE_REGULAR_WORK, BS_ROUTE_OTHER_INCOME, BS_ROUTE_MOVING,
                                     BS_ROUTE_WITHDRAWAL};
  double total = rates[0] + rates[1] + rates[2] + rates[3];
  double u = bs_uniform(c, BS_RNG_ROUTE) * total;
  int k = 0;
  while (k < 3 && u >= rates[k]) {
    u -= rates[k];
    k++;
  }
  return bs_leave(w, ev->entity, routes[k]);
}

static int outflow_init(bs_world *w) {
  climate_pow_init(w);
  return sim_ctx_on(&w->ctx, BS_EV_EXIT, exit_event, w);
}

/* On admission: the exit clock starts. */
static int outflow_admit(bs_world *w, uint32_t slot) { return bs_outflow_reschedule(w, slot); }

const bs_stage bs_stage_outflow = {
    .name = "outflow",
    .init = outflow_init,
    .on_admit = outflow_admit,
};
