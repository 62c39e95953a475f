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

int bs_gate_start(bs_world *w, uint32_t slot) {
  bs_client *c = bs_client_at(w, slot);
  c->state = BS_ST_APPLICANT;
  w->stock[BS_ST_APPLICANT]++;
  bs_trace(w, c, "inflow", "applies for bijstand (age %.1f, distance %.2f, ladder rung %u)",
           c->age_years, c->distance, (unsigned)c->ladder);
  double d = bs_delay_draw(bs_rng(w, c, BS_RNG_GATE), &w->p.gatekeeping.claim_intake_delay);
  return bs_at(w, w->ctx.now + d, BS_EV_GATE, slot, STEP_CLAIM_INTAKE);
}

static int claim_intake(bs_world *w, uint32_t slot, bs_client *c) {
  const bs_gate_params *g = &w->p.gatekeeping;
  gsl_rng *r = bs_rng(w, c, BS_RNG_GATE);
  /* a fixed number of draws whatever is switched on (common random numbers) */
  double u_disc = gsl_rng_uniform(r), u_visit = gsl_rng_uniform(r), u_wf = gsl_rng_uniform(r),
         u_muni = gsl_rng_uniform(r);
  double d = bs_delay_draw(r, &g->work_intake_delay);
  int municipal = g->claim_intake == BS_INTAKE_MUNICIPALITY;
  w->c.intake_spend += g->intake_cost;
  bs_trace(w, c, "gatekeeping", "claim intake (uitkeringsintake) by %s",
           municipal ? "the municipality" : "CWI");
  if (g->discouragement && u_disc < g->p_discouraged) {
    w->c.gate[BS_GATE_DISCOURAGED]++;
    bs_trace(w, c, "gatekeeping", "discouraged, withdraws the application");
    return bs_leave(w, slot, BS_ROUTE_WITHDRAWAL);
  }
  if (g->home_visits && w->disabled_instrument != BS_INSTR_HOME_VISITS) {
    w->c.intake_spend += g->home_visit_cost;
    c->home_visited = 1; /* copied into the cohort record at admission */
    if (u_visit < g->p_home_visit_denied) {
      w->c.gate[BS_GATE_HOME_VISIT_DENIED]++;
      bs_trace(w, c, "gatekeeping", "home visit (huisbezoek): application withdrawn or denied");
      return bs_leave(w, slot, BS_ROUTE_WITHDRAWAL);
    }
    bs_trace(w, c, "gatekeeping", "home visit (huisbezoek): no objection");
  }
  if (g->work_first_gate && w->disabled_instrument != BS_INSTR_WORK_FIRST &&
      u_wf < g->p_work_first_withdraw) {
    w->c.gate[BS_GATE_WORK_FIRST_WITHDRAWN]++;
    bs_trace(w, c, "gatekeeping", "told to work for the benefit (work-first at the gate): withdraws");
    return bs_leave(w, slot, BS_ROUTE_WITHDRAWAL);
  }
  if (municipal && u_muni < g->municipal_intake_extra_withdrawal) {
    w->c.gate[BS_GATE_MUNICIPAL_WITHDRAWN]++;
    bs_trace(w, c, "gatekeeping", "withdraws after the municipal claim intake");
    return bs_leave(w, slot, BS_ROUTE_WITHDRAWAL);
  }
  return bs_at(w, w->ctx.now + d, BS_EV_GATE, slot, STEP_WORK_INTAKE);
}

static int work_intake(bs_world *w, uint32_t slot, bs_client *c) {
  const bs_gate_params *g = &w->p.gatekeeping;
  double kwint_delay = bs_cwi_assign(w, c);
  gsl_rng *r = bs_rng(w, c, BS_RNG_GATE);
  double u_med = gsl_rng_uniform(r);
  double d = bs_delay_draw(r, &g->decision_delay);
  if (g->direct_mediation && c->phase == 1 && u_med < g->p_direct_mediation) {
    w->c.gate[BS_GATE_MEDIATED]++;
    bs_trace(w, c, "gatekeeping", "promising: mediated directly to a temp agency, finds work");
    return bs_leave(w, slot, BS_ROUTE_REGULAR_WORK);
  }
  return bs_at(w, w->ctx.now + kwint_delay + d, BS_EV_GATE, slot, STEP_DECISION);
}

static int decision(bs_world *w, uint32_t slot, bs_client *c) {
  double u = gsl_rng_uniform(bs_rng(w, c, BS_RNG_GATE));
  if (u < w->p.gatekeeping.p_ineligible) {
    w->c.gate[BS_GATE_INELIGIBLE]++;
    bs_trace(w, c, "gatekeeping", "no right to benefit (recht op uitkering): denied");
    return bs_leave(w, slot, BS_ROUTE_WITHDRAWAL);
  }
  return bs_gate_admit(w, slot, 0);
}

static int cohort_add(bs_world *w, bs_client *c) {
  if (w->cohort_n == w->cohort_cap) {
    size_t cap = w->cohort_cap ? w->cohort_cap * 2 : 256;
    bs_cohort_rec *n = realloc(w->cohort, cap * sizeof *n);
    if (!n) {
      snprintf(w->ctx.err, sizeof w->ctx.err, "out of memory (cohort records)");
      return SIM_ENOMEM;
    }
    w->cohort = n;
    w->cohort_cap = cap;
  }
  c->cohort = (int32_t)w->cohort_n;
  w->cohort[w->cohort_n++] = (bs_cohort_rec){
      .id = c->id,
      .phase = c->phase,
      .far = c->distance > w->p.clients.far_threshold,
      .route = BS_ROUTE_N,
      .distance = c->distance,
      .t_in = c->t_start,
      .t_out = INFINITY,
      .t_offer = INFINITY,
      .t_offer_reg = INFINITY,
      .flags = c->home_visited ? BS_REC_HOME_VISIT : 0,
  };
  return SIM_OK;
}

int bs_gate_admit(bs_world *w, uint32_t slot, int initial_stock) {
  bs_client *c = bs_client_at(w, slot);
  int rc;
  if (!initial_stock)
    w->stock[BS_ST_APPLICANT]--;
  c->state = BS_ST_BENEFIT;
  w->stock[BS_ST_BENEFIT]++;
  w->c.admitted++;
  c->t_start = initial_stock ? c->t_apply : w->ctx.now;
  c->t_benefit_paid_until = w->ctx.now;
  const bs_run_params *run = &w->p.run;
  if (!initial_stock && c->t_start >= run->cohort_start_day &&
      c->t_start < run->cohort_start_day + run->cohort_length_days &&
      (rc = cohort_add(w, c)) != SIM_OK)
    return rc;
  bs_trace(w, c, "gatekeeping", "eligible: on benefit (bijstand), %.0f EUR a month",
           w->p.money.benefit_month[c->household]);
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
  if ((rc = bs_sanction_start(w, slot)) != SIM_OK)
    return rc;
  if ((rc = bs_outflow_reschedule(w, slot)) != SIM_OK)
    return rc;
  return bs_cwi_on_benefit(w, slot);
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

int bs_gate_register(bs_world *w) { return sim_ctx_on(&w->ctx, BS_EV_GATE, gate_event, w); }
