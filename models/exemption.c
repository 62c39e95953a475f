/* exemption.c: exemptions from work obligations. Categorical: 65+, single
 * parent with a child under 5, 57.5+. Individual: medical, for far clients
 * with medical problems. The administration may lag the truth: a true
 * exemption may be missing in the benefit system (shows as obligated), and
 * an obligated client may be registered exempt (003 ch.5, annex 3). */
#include "models/world.h"

#include <gsl/gsl_rng.h>

static int truly_exempt(const bs_world *w, const bs_client *c, double age) {
  const bs_params *p = &w->p;
  if (p->exemption.categorical &&
      (age >= 57.5 || c->household == BS_HH_SINGLE_PARENT))
    return 1;
  return c->distance > p->clients.far_threshold && (c->problems & BS_PROB_MEDICAL) &&
         c->u_exempt < p->clients.p_individual_exemption_far;
}

void bs_exemption_update(bs_world *w, bs_client *c, double t) {
  double age = c->age_years + (t - c->t_apply) / 365.25;
  int was = c->exempt;
  c->exempt = (uint8_t)truly_exempt(w, c, age);
  /* the administration: one draw per update, a stale or wrong flag */
  gsl_rng *r = bs_rng(w, c, BS_RNG_ADMIN);
  double u = gsl_rng_uniform(r);
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

int bs_exemption_register(bs_world *w) {
  return sim_ctx_on(&w->ctx, BS_EV_MARK365, cohort_mark, w);
}
