/* outflow.c: leaving bijstand. Competing risks while on benefit: regular work
 * (hazard falling with distance, scaled by the labour-market climate and by
 * the current programme: CWI mediation boost, work-first placement boost,
 * trajectory lock-in), other income, moving away, withdrawal; turning 65
 * (pension). Other routes come from the stages: subsidised work and funded
 * employment (trajectory, work-first), fraud stop and admin end (sanctions),
 * withdrawal at the gate. Hazards are piecewise constant between events, so
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

/* Regular-work hazard per day, without the climate factor. */
static double job_base(const bs_world *w, const bs_client *c, double t) {
  const bs_outflow_params *o = &w->p.outflow;
  double h =
      o->job_rate_per_year / 365.25 * exp(-o->job_distance_slope * c->distance) * c->job_mult;
  if (c->exempt)
    h *= o->exempt_job_factor;
  if (t - c->t_start >= 365)
    h *= o->duration_dependence;
  return h;
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

int bs_outflow_reschedule(bs_world *w, uint32_t slot) {
  bs_client *c = bs_client_at(w, slot);
  if (c->state != BS_ST_BENEFIT)
    return SIM_OK;
  c->exit_token++;
  double e = -log(sim_stream_uniform(&c->rng[BS_RNG_EXIT]));
  double t = invert_hazard(w, w->ctx.now, job_base(w, c, w->ctx.now), other_hazard(w), e);
  if (!(t <= w->p.run.horizon_days))
    return SIM_OK;
  return bs_at(w, t, BS_EV_EXIT, slot, c->exit_token);
}

static int exit_event(sim_ctx *ctx, const sim_event *ev, void *user) {
  bs_world *w = user;
  bs_client *c = bs_client_at(w, ev->entity);
  if (ev->data != c->exit_token || c->state != BS_ST_BENEFIT)
    return SIM_OK;
  const bs_outflow_params *o = &w->p.outflow;
  double job = bs_job_hazard(w, c, ctx->now);
  double rates[4] = {job, o->other_income_per_year / 365.25, o->moving_per_year / 365.25,
                     o->withdrawal_per_year / 365.25};
  static const bs_route routes[4] = {BS_ROUTE_REGULAR_WORK, BS_ROUTE_OTHER_INCOME, BS_ROUTE_MOVING,
                                     BS_ROUTE_WITHDRAWAL};
  double total = rates[0] + rates[1] + rates[2] + rates[3];
  double u = sim_stream_uniform(&c->rng[BS_RNG_ROUTE]) * total;
  int k = 0;
  while (k < 3 && u >= rates[k]) {
    u -= rates[k];
    k++;
  }
  static const char *const why[4] = {"finds a regular job", "other income (partner, other benefit)",
                                     "moves away", "withdraws"};
  bs_trace(w, c, "outflow", "%s", why[k]);
  return bs_leave(w, ev->entity, routes[k]);
}

static int age_event(sim_ctx *ctx, const sim_event *ev, void *user) {
  bs_world *w = user;
  bs_client *c = bs_client_at(w, ev->entity);
  if (c->state != BS_ST_BENEFIT)
    return SIM_OK;
  if (ev->data == 2) {
    bs_trace(w, c, "outflow", "turns 65: old-age pension (AOW)");
    return bs_leave(w, ev->entity, BS_ROUTE_AGE);
  }
  bs_exemption_update(w, c, ctx->now); /* 57.5: categorical exemption */
  return bs_outflow_reschedule(w, ev->entity);
}

/* Work-first is paid per client-day: account the days up to now. */
static void pay_work_first_days(bs_world *w, const bs_client *c) {
  w->c.wf_spend += (w->ctx.now - c->t_prog_start) * w->p.work_first.cost_per_day;
}

int bs_set_programme(bs_world *w, uint32_t slot, bs_programme prog) {
  bs_client *c = bs_client_at(w, slot);
  if (c->programme == BS_PROG_WORK_FIRST)
    pay_work_first_days(w, c);
  c->prog_token++;
  c->programme = (uint8_t)prog;
  c->t_prog_start = w->ctx.now;
  switch (prog) {
  case BS_PROG_CWI:
    c->job_mult = w->p.cwi.phase1_job_boost;
    break;
  case BS_PROG_WORK_FIRST:
    c->job_mult = w->p.work_first.placement_job_boost;
    break;
  case BS_PROG_TRAJECTORY:
    c->job_mult = w->p.trajectory.lock_in;
    break;
  default:
    c->job_mult = 1;
  }
  return bs_outflow_reschedule(w, slot);
}

int bs_leave(bs_world *w, uint32_t slot, bs_route route) {
  bs_client *c = bs_client_at(w, slot);
  bs_pay_benefit(w, c, w->ctx.now);
  if (c->programme == BS_PROG_TRAJECTORY)
    bs_traj_on_leave(w, c, route);
  if (c->programme == BS_PROG_WORK_FIRST) {
    pay_work_first_days(w, c);
    if (route == BS_ROUTE_REGULAR_WORK) {
      w->c.wf_work++;
      w->c.wf_spend += w->p.work_first.aftercare_days * w->p.work_first.cost_per_day;
      bs_trace(w, c, "work-first", "%.0f days of aftercare (nazorg)",
               w->p.work_first.aftercare_days);
    }
  }
  if (c->state == BS_ST_APPLICANT)
    w->c.gate_exits++;
  w->stock[c->state]--;
  w->c.left[route]++;
  if (c->cohort >= 0) {
    w->cohort[c->cohort].t_out = w->ctx.now;
    w->cohort[c->cohort].route = (uint8_t)route;
  }
  bs_trace(w, c, "outflow", "%s", bs_route_sentences[route]);
  int rc = bs_inflow_maybe_return(w, c, route);
  sim_pool_release(&w->ctx.pool, slot);
  return rc;
}

int bs_outflow_register(bs_world *w) {
  int rc = sim_ctx_on(&w->ctx, BS_EV_EXIT, exit_event, w);
  if (rc == SIM_OK)
    rc = sim_ctx_on(&w->ctx, BS_EV_AGE, age_event, w);
  return rc;
}
