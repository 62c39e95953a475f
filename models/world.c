/* world.c: one municipality in one replication: set-up, the run, shared
 * helpers (client streams, delays, benefit accounting, tracing). */
#include "models/world.h"

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

gsl_rng *bs_rng(bs_world *w, bs_client *c, bs_rng_purpose purpose) {
  return sim_rng_bind(&w->ctx.rng, &c->rng[purpose]);
}

double bs_delay_draw(gsl_rng *r, const bs_delay *d) {
  /* A fixed or zero delay still takes one draw, so that a stream's later
   * values do not depend on whether a delay is random in this variant. A
   * random delay uses GSL's gamma sampler (Marsaglia-Tsang): a variable
   * number of uniforms, but the same number for the same parameters, so two
   * variants with the same delay parameters stay aligned. (Inversion with
   * gsl_cdf_gamma_Pinv was a third of a national run's time.) */
  if (d->mean_days <= 0 || d->cv <= 0) {
    (void)gsl_rng_uniform_pos(r);
    return d->mean_days > 0 ? d->mean_days : 0;
  }
  double shape = 1.0 / (d->cv * d->cv);
  double scale = d->mean_days / shape;
  return gsl_ran_gamma(r, shape, scale);
}

int bs_at(bs_world *w, double t, bs_event_type type, uint32_t slot, uint32_t data) {
  /* events past the horizon never fire: keeping them out keeps the calendar small */
  if (t > w->p.run.horizon_days)
    return SIM_OK;
  return sim_schedule(&w->ctx, t, (uint32_t)type, slot, data);
}

double bs_benefit_per_day(const bs_world *w, const bs_client *c) {
  return w->p.money.benefit_month[c->household] * 12.0 / 365.25;
}

void bs_pay_benefit(bs_world *w, bs_client *c, double t) {
  if (c->state != BS_ST_BENEFIT || t <= c->t_benefit_paid_until)
    return;
  w->c.benefit_spend += (t - c->t_benefit_paid_until) * bs_benefit_per_day(w, c);
  c->t_benefit_paid_until = t;
}

void bs_trace(bs_world *w, const bs_client *c, const char *stage, const char *fmt, ...) {
  if (!w->trace_sink || c->id != w->trace_id)
    return;
  char msg[512];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  w->trace_sink(w->trace_user, w->ctx.now, c->spell, stage, msg);
  w->trace_lines++;
}

static int stock_handler(sim_ctx *ctx, const sim_event *ev, void *user) {
  (void)ev;
  bs_world *w = user;
  if (w->stocks_n == w->stocks_cap) {
    size_t cap = w->stocks_cap ? w->stocks_cap * 2 : 64;
    bs_stock_point *s = realloc(w->stocks, cap * sizeof *s);
    if (!s) {
      snprintf(ctx->err, sizeof ctx->err, "out of memory (stock series)");
      return SIM_ENOMEM;
    }
    w->stocks = s;
    w->stocks_cap = cap;
  }
  uint64_t left = 0;
  for (int r = 0; r < BS_ROUTE_N; r++)
    left += w->c.left[r];
  w->stocks[w->stocks_n++] = (bs_stock_point){ctx->now, w->stock[BS_ST_APPLICANT],
                                              w->stock[BS_ST_BENEFIT], w->c.entered, left,
                                              w->c.admitted};
  double next = ctx->now + w->p.run.stock_report_interval_days;
  if (w->p.run.stock_report_interval_days > 0 && next <= w->p.run.horizon_days)
    return sim_schedule(ctx, next, BS_EV_STOCK, SIM_NO_ENTITY, 0);
  return SIM_OK;
}

int bs_world_init(bs_world *w, const bs_params *p, uint64_t seed, uint64_t replication) {
  memset(w, 0, sizeof *w);
  w->p = *p;
  w->seed = seed;
  w->replication = replication;
  if (sim_ctx_init(&w->ctx, sizeof(bs_client), seed, replication) != SIM_OK)
    return SIM_ENOMEM;
  /* far-future calendar tier of one day: the same event order, a calendar
   * that stays small when clients have exits scheduled years ahead */
  (void)sim_ctx_set_calendar_tier(&w->ctx, 1.0);
  sim_stream_init(&w->rng_inflow, seed, replication, UINT64_MAX, 0);
  /* cumulative climate integral at each breakpoint */
  const bs_inflow_params *in = &p->inflow;
  for (size_t i = 1; i < in->climate_n; i++)
    w->climate_cum[i] =
        w->climate_cum[i - 1] + in->climate[i - 1][1] * (in->climate[i][0] - in->climate[i - 1][0]);
  int rc = SIM_OK;
  if ((rc = sim_ctx_on(&w->ctx, BS_EV_STOCK, stock_handler, w)) != SIM_OK ||
      (rc = bs_inflow_register(w)) != SIM_OK || (rc = bs_gate_register(w)) != SIM_OK ||
      (rc = bs_cwi_register(w)) != SIM_OK || (rc = bs_exemption_register(w)) != SIM_OK ||
      (rc = bs_cm_register(w)) != SIM_OK || (rc = bs_wf_register(w)) != SIM_OK ||
      (rc = bs_traj_register(w)) != SIM_OK || (rc = bs_act_register(w)) != SIM_OK ||
      (rc = bs_sanction_register(w)) != SIM_OK || (rc = bs_outflow_register(w)) != SIM_OK) {
    bs_world_free(w);
    return rc;
  }
  return SIM_OK;
}

int bs_world_run(bs_world *w) {
  int rc;
  if ((rc = bs_inflow_start(w)) != SIM_OK)
    return rc;
  if (w->p.run.stock_report_interval_days > 0 &&
      (rc = sim_schedule(&w->ctx, 0, BS_EV_STOCK, SIM_NO_ENTITY, 0)) != SIM_OK)
    return rc;
  if ((rc = sim_schedule(&w->ctx, 0, BS_EV_CM_DAY, SIM_NO_ENTITY, 0)) != SIM_OK)
    return rc;
  if (w->p.trajectory.enabled && w->p.trajectory.evaluation_interval_days > 0 &&
      (rc = sim_schedule(&w->ctx, w->p.trajectory.evaluation_interval_days, BS_EV_EVAL,
                         SIM_NO_ENTITY, 0)) != SIM_OK)
    return rc;
  rc = sim_run(&w->ctx, w->p.run.horizon_days);
  if (rc < 0)
    return rc;
  /* close the books at the horizon: benefit paid to date for everyone still on */
  sim_pool *pool = &w->ctx.pool;
  for (uint32_t s = 0; s < pool->used; s++) {
    if (!(pool->gen[s] & 1u))
      continue;
    bs_client *c = bs_client_at(w, s);
    bs_pay_benefit(w, c, w->p.run.horizon_days);
  }
  /* consultant cost over the horizon */
  const bs_cm_params *cm = &w->p.case_management;
  double years = w->p.run.horizon_days / 365.25;
  double fte = cm->consultants_fte;
  if (cm->model == BS_CM_SEPARATE && w->c.caseload_n > 0) {
    double mean_stock = w->c.caseload_sum / (double)w->c.caseload_n * cm->consultants_fte;
    fte += mean_stock / cm->income_caseload;
  }
  w->c.consultant_spend = fte * cm->fte_cost_per_year * years;
  return SIM_OK;
}

void bs_world_free(bs_world *w) {
  sim_ctx_free(&w->ctx);
  free(w->cohort);
  free(w->stocks);
  free(w->cmq);
  free(w->cmf);
  free(w->returns);
  free(w->returns_free);
  w->returns = NULL;
  w->returns_free = NULL;
  w->cmf = NULL;
  w->cohort = NULL;
  w->stocks = NULL;
  w->cmq = NULL;
}
