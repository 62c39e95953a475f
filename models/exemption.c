/* exemption.c: exemptions from work obligations. Categorical: 65+, single
 * parent with a child under 5, 57.5+. Individual: medical, for far clients
 * with medical problems. The administration may lag the truth: a true
 * exemption may be missing in the benefit system (shows as obligated), and
 * an obligated client may be registered exempt (003 ch.5, annex 3).
 * Also the dates that matter for a client on benefit: the 57.5th birthday
 * (categorical exemption), the 65th (old-age pension: leaves by the age
 * route) and one year on benefit (the cohort's long-term mark). */
#include "models/world.h"

#include <gsl/gsl_rng.h>

static int truly_exempt(const bs_world *w, const bs_client *c, double age) {
  const bs_params *p = &w->p;
  if (p->exemption.categorical && (age >= 57.5 || c->household == BS_HH_SINGLE_PARENT))
    return 1;
  return c->distance > p->clients.far_threshold && (c->problems & BS_PROB_MEDICAL) &&
         c->u_exempt < p->clients.p_individual_exemption_far;
}

void bs_exemption_update(bs_world *w, bs_client *c, double t) {
  double age = c->age_years + (t - c->t_apply) / 365.25;
  int was = c->exempt;
  c->exempt = (uint8_t)truly_exempt(w, c, age);
  /* the administration: one draw per update, a stale or wrong flag */
  double u;
  bs_draw(c, BS_RNG_ADMIN, &u, 1);
  if (c->exempt)
    c->exempt_reg = u >= w->p.exemption.p_registration_stale;
  else
    c->exempt_reg = u < w->p.exemption.p_stale_registered_exempt;
  if (c->exempt != was || t == c->t_start)
    bs_trace(w, c, "exemption", "%s%s",
             c->exempt ? "exempt from work obligations (vrijstelling)"
                       : "obliged to work or prepare for work (arbeidsplicht)",
             c->exempt == c->exempt_reg ? "" : "; the administration has it wrong");
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
    rec->exempt_reg_365 = c->exempt_reg;
  }
  bs_trace(w, c, "exemption", "one year on benefit: long-term (langdurig)");
  /* duration dependence starts after one year */
  return bs_outflow_reschedule(w, ev->entity);
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

static int exemption_init(bs_world *w) {
  int rc = sim_ctx_on(&w->ctx, BS_EV_MARK365, cohort_mark, w);
  if (rc == SIM_OK)
    rc = sim_ctx_on(&w->ctx, BS_EV_AGE, age_event, w);
  return rc;
}

/* On admission: the exemption now, and the dates that will change it. */
static int exemption_admit(bs_world *w, uint32_t slot) {
  bs_client *c = bs_client_at(w, slot);
  int rc;
  bs_exemption_update(w, c, w->ctx.now);
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
};

int bs_exempt_at(const bs_world *w, const bs_client *c, double t) {
  return truly_exempt(w, c, c->age_years + (t - c->t_apply) / 365.25);
}
