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
  const bs_block u = bs_take(c, BS_RNG_ADMIN, 2); /* stale, catch-up delay */
  int changed = c->exempt != was || t == c->t_start;
  if (changed) {
    int stale =
        bs_block_u(u, 0) < (c->exempt ? ep->p_registration_stale : ep->p_stale_registered_exempt);
    c->exempt_reg = (uint8_t)(stale ? !c->exempt : c->exempt);
    c->t_reg_fix = INFINITY;
    if (stale && ep->catch_up_delay.mean_days > 0)
      c->t_reg_fix = t + bs_delay_at(w, bs_block_u(u, 1), &ep->catch_up_delay);
    if (c->exempt == c->exempt_reg)
      (c->exempt ? bs_trace_exempt : bs_trace_obliged)(w, c);
    else
      (c->exempt ? bs_trace_exempt_misregistered : bs_trace_obliged_misregistered)(w, c);
  }
}

/* The dated marks of a spell: one year on benefit (BS_EV_MARK365), the 57.5th
 * and the 65th birthday (BS_EV_AGE). Each was pushed at admission, in that
 * order, most of them years ahead, and most were then thrown away unhandled
 * (the client left first): at national scale a fifth of the calendar. Now
 * only the first of them is pushed; each later one takes the seq right after
 * its predecessor's (sim_ctx_reserve at admission) and is pushed with it
 * (sim_schedule_reserved) when the predecessor is handled, which is before
 * its own time (it is not earlier than its predecessor's). So it leaves at
 * exactly the place in the (time, seq) order it had when it was pushed at
 * admission; and when the predecessor is dropped as stale (the client left),
 * so would it have been. The bits of ev->data say which mark comes next. */
enum {
  MARK_KIND = 3,    /* BS_EV_AGE: which birthday */
  MARK_AGE575 = 1,  /* the 57.5th */
  MARK_AGE65 = 2,   /* the 65th */
  MARK_NEXT575 = 4, /* the 57.5th follows (seq + 1), and with MARK_NEXT65 the 65th after it */
  MARK_NEXT65 = 8   /* the 65th follows (seq + 1, after the 57.5th with MARK_NEXT575) */
};

static double birthday(const bs_client *c, double age) {
  return c->t_apply + (age - c->age_years) * 365.25;
}

/* Pushes the mark that follows ev (see above), if any. */
static int next_mark(bs_world *w, const bs_client *c, const sim_event *ev) {
  if (ev->data & MARK_NEXT575)
    return sim_schedule_reserved(&w->ctx, birthday(c, 57.5), BS_EV_AGE, ev->entity,
                                 MARK_AGE575 | (ev->data & MARK_NEXT65), ev->seq + 1);
  if (ev->data & MARK_NEXT65)
    return sim_schedule_reserved(&w->ctx, birthday(c, 65), BS_EV_AGE, ev->entity, MARK_AGE65,
                                 ev->seq + 1);
  return SIM_OK;
}

static int cohort_mark(sim_ctx *ctx, const sim_event *ev, void *user) {
  (void)ctx;
  bs_world *w = user;
  bs_client *c = bs_client_at(w, ev->entity);
  int rc = next_mark(w, c, ev);
  if (rc != SIM_OK || c->state != BS_ST_BENEFIT)
    return rc;
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
  int rc = next_mark(w, c, ev);
  if (rc != SIM_OK || c->state != BS_ST_BENEFIT)
    return rc;
  if ((ev->data & MARK_KIND) == MARK_AGE65)
    return bs_leave(w, ev->entity, BS_ROUTE_AGE);
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
  /* one year after inflow: cohort status, and duration dependence starts;
   * birthdays that matter: 57.5 (categorical exemption) and 65 (pension;
   * clients already 65+ at inflow stay, exempt, with an incomplete pension).
   * Pushed as before (mark, 57.5, 65, each if after now and not past the
   * horizon: bs_at), except that a mark not before the one pushed or
   * reserved just before it only reserves its seq (see next_mark). */
  const double t365 = c->t_start + 365, t575 = birthday(c, 57.5), t65 = birthday(c, 65);
  const double now = w->ctx.now, end = w->t_end;
  const int at365 = t365 > now && t365 <= end, at575 = t575 > now && t575 <= end;
  const int at65 = t65 > now && t65 <= end; /* t65 > t575: at65 implies at575 or t575 <= now */
  if (at365) {
    uint32_t d = 0; /* the marks that follow this one */
    if (at575 && t575 >= t365)
      d = MARK_NEXT575 | (at65 ? MARK_NEXT65 : 0);
    else if (!at575 && at65 && t65 >= t365)
      d = MARK_NEXT65;
    if ((rc = sim_schedule(&w->ctx, t365, BS_EV_MARK365, slot, d)) != SIM_OK)
      return rc;
    if (d) { /* reserved: the seqs right after the mark's */
      (void)sim_ctx_reserve(&w->ctx);
      if (d == (MARK_NEXT575 | MARK_NEXT65))
        (void)sim_ctx_reserve(&w->ctx);
      return SIM_OK;
    }
  }
  if (at575) {
    if ((rc = sim_schedule(&w->ctx, t575, BS_EV_AGE, slot,
                           MARK_AGE575 | (at65 ? MARK_NEXT65 : 0))) != SIM_OK)
      return rc;
    if (at65)
      (void)sim_ctx_reserve(&w->ctx);
    return SIM_OK;
  }
  if (at65 && (rc = sim_schedule(&w->ctx, t65, BS_EV_AGE, slot, MARK_AGE65)) != SIM_OK)
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
