/* gatekeeping.c: the poortwachter (gatekeeper) function. An application goes
 * through the claim intake (by CWI or the municipality), the work intake
 * (with the kansmeter phase, cwi_phase.c) and the eligibility decision, each
 * after a delay. Switchable instruments may make applicants withdraw:
 * discouragement, home visits, work-first at the gate; promising applicants
 * may be mediated straight to a temp agency. */
#include "models/world.h"

#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdlib.h>

enum { STEP_CLAIM_INTAKE = 1, STEP_WORK_INTAKE, STEP_DECISION };

static int gate_start(bs_world *w, uint32_t slot) {
  bs_client *c = bs_client_at(w, slot);
  c->state = BS_ST_APPLICANT;
  w->stock[BS_ST_APPLICANT]++;
  bs_trace_apply(w, c, c->age_years, c->distance, c->ladder);
  double d = bs_delay_draw(bs_rng(w, c, BS_RNG_GATE), &w->p.gatekeeping.claim_intake_delay);
  return bs_at(w, w->ctx.now + d, BS_EV_GATE, slot, STEP_CLAIM_INTAKE);
}

static int claim_intake(bs_world *w, uint32_t slot, bs_client *c) {
  const bs_gate_params *g = &w->p.gatekeeping;
  /* a fixed number of draws whatever is switched on (common random numbers):
   * 0 discouraged, 1 home visit, 2 work-first, 3 the municipality's extra */
  const bs_block u = bs_take(c, BS_RNG_GATE, 4);
  double d = bs_delay_draw(bs_rng(w, c, BS_RNG_GATE), &g->work_intake_delay);
  int municipal = g->claim_intake == BS_INTAKE_MUNICIPALITY;
  w->c.intake_spend += g->intake_cost;
  (municipal ? bs_trace_claim_intake_municipality : bs_trace_claim_intake_cwi)(w, c);
  if (g->discouragement && bs_block_u(u, 0) < g->p_discouraged) {
    w->c.gate[BS_GATE_DISCOURAGED]++;
    bs_trace_discouraged(w, c);
    return bs_leave(w, slot, BS_ROUTE_WITHDRAWAL);
  }
  if (g->home_visits && w->disabled_instrument != BS_INSTR_HOME_VISITS) {
    w->c.intake_spend += g->home_visit_cost;
    c->home_visited = 1; /* copied into the cohort record at admission */
    c->taken |= 1u << BS_INSTR_HOME_VISITS;
    /* an unreported partner or undeclared work (fraud propensity) makes a
     * denial likelier (behaviour.deterrence) */
    if (bs_block_u(u, 1) < bs_fraud_selective(w, c, g->p_home_visit_denied,
                                              w->p.behaviour.deterrence.home_visit_fraud_slope)) {
      w->c.gate[BS_GATE_HOME_VISIT_DENIED]++;
      bs_trace_home_visit_denied(w, c);
      return bs_leave(w, slot, BS_ROUTE_WITHDRAWAL);
    }
    bs_trace_home_visit_ok(w, c);
  }
  if (g->work_first_gate && w->disabled_instrument != BS_INSTR_WORK_FIRST &&
      bs_block_u(u, 2) < bs_deterrence_p(w, c, g->p_work_first_withdraw)) {
    w->c.gate[BS_GATE_WORK_FIRST_WITHDRAWN]++;
    bs_trace_work_first_gate(w, c);
    return bs_leave(w, slot, BS_ROUTE_WITHDRAWAL);
  }
  if (municipal && bs_block_u(u, 3) < g->municipal_intake_extra_withdrawal) {
    w->c.gate[BS_GATE_MUNICIPAL_WITHDRAWN]++;
    bs_trace_municipal_withdrew(w, c);
    return bs_leave(w, slot, BS_ROUTE_WITHDRAWAL);
  }
  return bs_at(w, w->ctx.now + d, BS_EV_GATE, slot, STEP_WORK_INTAKE);
}

static int work_intake(bs_world *w, uint32_t slot, bs_client *c) {
  const bs_gate_params *g = &w->p.gatekeeping;
  double kwint_delay = bs_work_intake(w, c); /* the kansmeter (cwi_phase.c) */
  double u_med;
  bs_draw(c, BS_RNG_GATE, &u_med, 1);
  double d = bs_delay_draw(bs_rng(w, c, BS_RNG_GATE), &g->decision_delay);
  double p_med = g->p_direct_mediation *
                 bs_climate_pow(w, w->ctx.now, w->p.labour_market.mediation_elasticity);
  if (g->direct_mediation && c->phase == 1 && u_med < p_med) {
    w->c.gate[BS_GATE_MEDIATED]++;
    bs_trace_mediated(w, c);
    return bs_leave(w, slot, BS_ROUTE_REGULAR_WORK);
  }
  return bs_at(w, w->ctx.now + kwint_delay + d, BS_EV_GATE, slot, STEP_DECISION);
}

static int decision(bs_world *w, uint32_t slot, bs_client *c) {
  double u;
  bs_draw(c, BS_RNG_GATE, &u, 1);
  if (u < w->p.gatekeeping.p_ineligible) {
    w->c.gate[BS_GATE_INELIGIBLE]++;
    bs_trace_ineligible(w, c);
    return bs_leave(w, slot, BS_ROUTE_WITHDRAWAL);
  }
  return bs_admit(w, slot, 0);
}

static int gate_event(sim_ctx *ctx, const sim_event *ev, void *user) {
  (void)ctx;
  bs_world *w = user;
  bs_client *c = bs_client_at(w, ev->entity);
  switch (ev->data) {
  case STEP_CLAIM_INTAKE:
    return claim_intake(w, ev->entity, c);
  case STEP_WORK_INTAKE:
    return work_intake(w, ev->entity, c);
  default:
    return decision(w, ev->entity, c);
  }
}

static int gate_init(bs_world *w) { return sim_ctx_on(&w->ctx, BS_EV_GATE, gate_event, w); }

const bs_stage bs_stage_gatekeeping = {
    .name = "gatekeeping",
    .init = gate_init,
    .on_apply = gate_start,
};
