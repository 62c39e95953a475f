/* exemption.c: exemptions from work obligations. Categorical: 65+, single
 * parent with a child under 5, 57.5+. Individual: medical, for far clients
 * with medical problems. The administration may lag the truth: a true
 * exemption may be missing in the benefit system (shows as obligated), and
 * an obligated client may be registered exempt (003 ch.5, annex 3).
 * Also the dates that matter for a client on benefit: the 57.5th birthday
 * (categorical exemption), the 65th (old-age pension: leaves by the age
 * route) and one year on benefit (the cohort's long-term mark). */
#include "models/world.h"

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_rng.h>
#include <math.h>

/* The ground of the true exemption (BS_EXEMPT_*), or BS_EXEMPT_NONE. */
static int exemption_ground(const bs_world *w, const bs_client *c, double age) {
  const bs_params *p = &w->p;
  if (p->exemption.categorical && (age >= 57.5 || c->household == BS_HH_SINGLE_PARENT))
    return BS_EXEMPT_CATEGORICAL;
  if (!c->exempt_lifted && c->distance > p->clients.far_threshold &&
      (c->problems & BS_PROB_MEDICAL) && bs_u_exempt(c) < p->clients.p_individual_exemption_far)
    return BS_EXEMPT_INDIVIDUAL;
  return BS_EXEMPT_NONE;
}

static int truly_exempt(const bs_world *w, const bs_client *c, double age) {
  return exemption_ground(w, c, age) != BS_EXEMPT_NONE;
}

int bs_exemption_registered(const bs_client *c, double t) {
  return t >= c->t_reg_fix ? c->exempt : c->exempt_reg;
}

/* The register follows a change of the true status (and the status at
 * admission): at once, or, with p_registration_stale (an exemption) or
 * p_stale_registered_exempt (an obligation), not yet: 'late administrative
 * handling' (003 §5.3.1), corrected after catch_up_delay. One block of draws
 * per update, used only when the status changes, so the register is not
 * redrawn while nothing changes. */
void bs_exemption_update(bs_world *w, bs_client *c, double t) {
  const bs_exemption_params *ep = &w->p.exemption;
  double age = c->age_years + (t - c->t_apply) / 365.25;
  int was = c->exempt;
  c->exempt = (uint8_t)truly_exempt(w, c, age);
  double u[2];
  bs_draw(c, BS_RNG_ADMIN, u, 2);
  int changed = c->exempt != was || t == c->t_start;
  if (changed) {
    int stale = u[0] < (c->exempt ? ep->p_registration_stale : ep->p_stale_registered_exempt);
    c->exempt_reg = (uint8_t)(stale ? !c->exempt : c->exempt);
    c->t_reg_fix = INFINITY;
    if (stale && ep->catch_up_delay.mean_days > 0)
      c->t_reg_fix = t + bs_delay_at(w, u[1], &ep->catch_up_delay);
    if (c->exempt == c->exempt_reg)
      (c->exempt ? bs_trace_exempt : bs_trace_obliged)(w, c);
    else
      (c->exempt ? bs_trace_exempt_misregistered : bs_trace_obliged_misregistered)(w, c);
  }
}

static int cohort_mark(sim_ctx *ctx, const sim_event *ev, void *user) {
  (void)ctx;
  bs_world *w = user;
  bs_client *c = bs_client_at(w, ev->entity);
  if (c->state != BS_ST_BENEFIT)
    return SIM_OK;
  if (c->cohort >= 0) {
    bs_cohort_rec *rec = &w->cohort[c->cohort];
    rec->on_365 = 1;
    rec->exempt_365 = c->exempt;
    rec->exempt_reg_365 = (uint8_t)bs_exemption_registered(c, ctx->now);
    rec->exempt_kind_365 =
        (uint8_t)exemption_ground(w, c, c->age_years + (ctx->now - c->t_apply) / 365.25);
  }
  bs_trace_long_term(w, c);
  /* duration dependence starts after one year */
  return bs_outflow_reschedule(w, ev->entity);
}

static int age_event(sim_ctx *ctx, const sim_event *ev, void *user) {
  bs_world *w = user;
  bs_client *c = bs_client_at(w, ev->entity);
  if (c->state != BS_ST_BENEFIT)
    return SIM_OK;
  if (ev->data == 2) {
    return bs_leave(w, ev->entity, BS_ROUTE_AGE);
  }
  bs_exemption_update(w, c, ctx->now); /* 57.5: categorical exemption */
  return bs_outflow_reschedule(w, ev->entity);
}

/* The benefit register records the end of a cohort member's benefit with a
 * date error (exit_registration_*): the registered Y differs from the true
 * one (003 table 5.2: central and local Y differ both ways). The register's
 * exemption flag at day 365 of one who left before is the one it has then. */
static int exemption_leave(bs_world *w, bs_client *c, bs_route route) {
  (void)route;
  double u;
  bs_draw(c, BS_RNG_ADMIN, &u, 1);
  if (c->cohort < 0 || c->state != BS_ST_BENEFIT)
    return SIM_OK;
  const bs_exemption_params *ep = &w->p.exemption;
  bs_cohort_rec *rec = &w->cohort[c->cohort];
  double shift =
      ep->exit_registration_shift_days +
      (ep->exit_registration_sd_days > 0 ? gsl_cdf_gaussian_Pinv(u, ep->exit_registration_sd_days)
                                         : 0);
  rec->t_out_reg = fmax(rec->t_in, w->ctx.now + shift);
  if (!rec->on_365)
    rec->exempt_reg_365 = (uint8_t)bs_exemption_registered(c, rec->t_in + 365);
  return SIM_OK;
}

static int reassess(sim_ctx *ctx, const sim_event *ev, void *user);

static int exemption_init(bs_world *w) {
  int rc = sim_ctx_on(&w->ctx, BS_EV_MARK365, cohort_mark, w);
  if (rc == SIM_OK)
    rc = sim_ctx_on(&w->ctx, BS_EV_AGE, age_event, w);
  if (rc == SIM_OK)
    rc = sim_ctx_on(&w->ctx, BS_EV_REASSESS, reassess, w);
  return rc;
}

/* Whether the client's exemption is called in again: an individual one or
 * a de facto one (categorical grounds are facts, not judgements). */
static int reassessable(const bs_world *w, const bs_client *c) {
  double age = c->age_years + (w->ctx.now - c->t_apply) / 365.25;
  return c->de_facto || exemption_ground(w, c, age) == BS_EXEMPT_INDIVIDUAL;
}

/* 003 §3.2 and §6.3: calling people with an exemption in again works. A
 * de facto exempt client is then activated after all; an individual
 * exemption ends with p_reassessment_lifts. Either way the client goes to
 * the router; otherwise the next call comes after the interval. */
static int reassess(sim_ctx *ctx, const sim_event *ev, void *user) {
  bs_world *w = user;
  bs_client *c = bs_client_at(w, ev->entity);
  if (c->state != BS_ST_BENEFIT || !reassessable(w, c))
    return SIM_OK;
  if (c->programme != BS_PROG_NONE || c->waiting_offer) /* busy: call again later */
    return bs_at(w, ctx->now + w->p.exemption.reassessment_interval_days, BS_EV_REASSESS,
                 ev->entity, 0);
  double u;
  bs_draw(c, BS_RNG_ADMIN, &u, 1);
  const bs_exemption_params *ep = &w->p.exemption;
  if (c->de_facto) {
    c->de_facto = 0;
    bs_trace_de_facto_ends(w, c);
    return bs_cm_route(w, ev->entity, BS_BACK_ROUTE);
  }
  if (u < ep->p_reassessment_lifts) {
    c->exempt_lifted = 1;
    bs_exemption_update(w, c, ctx->now);
    int rc = bs_outflow_reschedule(w, ev->entity);
    if (rc != SIM_OK)
      return rc;
    bs_trace_exemption_ends(w, c);
    return bs_cm_route(w, ev->entity, BS_BACK_ROUTE);
  }
  bs_trace_exemption_stays(w, c);
  return bs_at(w, ctx->now + ep->reassessment_interval_days, BS_EV_REASSESS, ev->entity, 0);
}

/* On admission: the exemption now, and the dates that will change it. */
static int exemption_admit(bs_world *w, uint32_t slot) {
  bs_client *c = bs_client_at(w, slot);
  const bs_exemption_params *ep = &w->p.exemption;
  int rc;
  bs_exemption_update(w, c, w->ctx.now);
  /* 003 §5.3.1: 'de facto vrijstellingen': registered as obligated, but no
   * work is made of activating them (clients the kansmeter puts far: from
   * de_facto_min_phase on) */
  double u_df;
  bs_draw(c, BS_RNG_ADMIN, &u_df, 1);
  c->de_facto = !c->exempt && c->phase >= ep->de_facto_min_phase && u_df < ep->p_de_facto;
  if (c->de_facto)
    bs_trace_de_facto(w, c);
  if (ep->reassessment_interval_days > 0 && reassessable(w, c) &&
      (rc = bs_at(w, w->ctx.now + ep->reassessment_interval_days, BS_EV_REASSESS, slot, 0)) !=
          SIM_OK)
    return rc;
  /* one year after inflow: cohort status, and duration dependence starts */
  double t365 = c->t_start + 365;
  if (t365 > w->ctx.now && (rc = bs_at(w, t365, BS_EV_MARK365, slot, 0)) != SIM_OK)
    return rc;
  /* birthdays that matter: 57.5 (categorical exemption) and 65 (pension) */
  double t575 = c->t_apply + (57.5 - c->age_years) * 365.25;
  double t65 = c->t_apply + (65 - c->age_years) * 365.25;
  if (t575 > w->ctx.now && (rc = bs_at(w, t575, BS_EV_AGE, slot, 1)) != SIM_OK)
    return rc;
  /* clients already 65+ at inflow stay (incomplete pension), exempt */
  if (t65 > w->ctx.now && (rc = bs_at(w, t65, BS_EV_AGE, slot, 2)) != SIM_OK)
    return rc;
  return SIM_OK;
}

const bs_stage bs_stage_exemption = {
    .name = "exemption",
    .init = exemption_init,
    .on_admit = exemption_admit,
    .on_leave = exemption_leave,
};

int bs_exempt_at(const bs_world *w, const bs_client *c, double t) {
  return truly_exempt(w, c, c->age_years + (t - c->t_apply) / 365.25);
}
