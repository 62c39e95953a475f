/* work_first.c: work-first (003 box 2.1). From eligibility a 'production
 * house' places the client at once (20 h/week work placement plus 12 h/week
 * job search); diagnosis within diagnosis_max_days; a work placement of at
 * most placement_max_days. Regular work during it ends the spell (3 months
 * aftercare, paid from the work budget). Without work at the end: a
 * subsidised job or a follow-up trajectory. Some applicants leave as soon as
 * they are told they must work (deterrence). */
#include "models/world.h"

#include <gsl/gsl_rng.h>

enum { WF_DETERRED = 1, WF_DIAGNOSED, WF_PLACEMENT_END };

static int schedule_step(bs_world *w, uint32_t slot, bs_client *c, double t, int step) {
  c->prog_step = (uint8_t)step;
  return bs_at(w, t, BS_EV_PROG, slot, c->prog_token);
}

static int wf_start(bs_world *w, uint32_t slot) {
  bs_client *c = bs_client_at(w, slot);
  const bs_wf_params *wf = &w->p.work_first;
  if (bs_place_full(w, BS_PLACE_WORK_FIRST)) /* every placement taken (003 box 2.1) */
    return bs_place_queue(w, slot, BS_PLACE_WORK_FIRST);
  double u[2];
  bs_draw(c, BS_RNG_WORK_FIRST, u, 2);
  double u_det = u[0], d_diag = u[1] * wf->diagnosis_max_days;
  double d_det = bs_delay_draw(bs_rng(w, c, BS_RNG_WORK_FIRST), &wf->deterrence_delay);
  int rc = bs_set_programme(w, slot, BS_PROG_WORK_FIRST);
  if (rc != SIM_OK || (rc = bs_place_take(w, BS_PLACE_WORK_FIRST)) != SIM_OK)
    return rc;
  bs_budget_commit(w, (wf->diagnosis_max_days + wf->placement_max_days) * wf->cost_per_day);
  w->c.wf_started++;
  if (wf->counts_as_offer) /* 003 §6.2: every instrument is an offer */
    bs_offer_made(w, c, wf->p_registered, 1);
  bs_trace_wf_placed(w, c);
  if (u_det < bs_deterrence_p(w, c, wf->p_deterred))
    return schedule_step(w, slot, c, w->ctx.now + d_det, WF_DETERRED);
  return schedule_step(w, slot, c, w->ctx.now + d_diag, WF_DIAGNOSED);
}

static int wf_step(bs_world *w, uint32_t slot, bs_client *c) {
  const bs_wf_params *wf = &w->p.work_first;
  switch (c->prog_step) {
  case WF_DETERRED:
    w->c.wf_deterred++;
    bs_trace_wf_deterred(w, c);
    return bs_leave(w, slot, BS_ROUTE_WITHDRAWAL);
  case WF_DIAGNOSED:
    bs_trace_wf_placement(w, c, wf->placement_max_days);
    return schedule_step(w, slot, c,
                         c->t_prog_start + wf->diagnosis_max_days + wf->placement_max_days,
                         WF_PLACEMENT_END);
  default: {
    double u;
    bs_draw(c, BS_RNG_WORK_FIRST, &u, 1);
    if (u < wf->p_followup_subsidised && bs_place_full(w, BS_PLACE_SUBSIDISED)) {
      w->c.wf_followup_subsidised++;
      int rc = bs_set_programme(w, slot, BS_PROG_NONE);
      return rc != SIM_OK ? rc : bs_place_queue(w, slot, BS_PLACE_SUBSIDISED);
    }
    if (u < wf->p_followup_subsidised) {
      int rc = bs_place_take(w, BS_PLACE_SUBSIDISED);
      if (rc != SIM_OK)
        return rc;
      w->c.wf_followup_subsidised++;
      bs_trace_wf_subsidised(w, c);
      w->c.subsidy_spend += w->p.trajectory.opstap_subsidy;
      return bs_leave(w, slot, BS_ROUTE_SUBSIDISED_WORK);
    }
    w->c.wf_followup_traj++;
    bs_trace_wf_trajectory(w, c);
    bs_after_programme(w, c, BS_PROG_WORK_FIRST);
    int rc = bs_set_programme(w, slot, BS_PROG_NONE);
    if (rc != SIM_OK)
      return rc;
    return bs_cm_route(w, slot, BS_BACK_OFFER);
  }
  }
}

/* Work-first is paid per client-day: the days up to now; after a regular
 * job, the aftercare (nazorg) too. */
static void wf_end(bs_world *w, bs_client *c, int left, bs_route route) {
  const bs_wf_params *wf = &w->p.work_first;
  w->c.wf_spend += (w->ctx.now - c->t_prog_start) * wf->cost_per_day;
  bs_place_release(w, BS_PLACE_WORK_FIRST);
  if (left && route == BS_ROUTE_REGULAR_WORK) {
    w->c.wf_work++;
    w->c.wf_spend += wf->aftercare_days * wf->cost_per_day;
    bs_trace_wf_aftercare(w, c, wf->aftercare_days);
  }
}

static int wf_enabled(const bs_world *w) { return w->p.work_first.enabled; }

static int wf_eligible(const bs_world *w, const bs_client *c, double u) {
  (void)u;
  return !(c->done & BS_DONE_WORK_FIRST) && bs_budget_allows(w, BS_CUT_WORK_FIRST);
}

static double wf_job_mult(const bs_world *w, const bs_client *c) {
  (void)c;
  return w->p.work_first.placement_job_boost;
}

static bs_rung wf_rung(const bs_world *w, const bs_client *c) {
  (void)w;
  (void)c;
  return BS_RUNG_PAID_WORK;
}

const bs_programme_ops bs_prog_work_first = {
    .id = BS_PROG_WORK_FIRST,
    .instrument = BS_INSTR_WORK_FIRST,
    .done_flag = BS_DONE_WORK_FIRST,
    .record_flag = BS_REC_WORK_FIRST,
    .reintegration_duty = 1,
    .provider_detects = 1,
    .rank_obligated = 1,
    .enabled = wf_enabled,
    .eligible = wf_eligible,
    .enter = wf_start,
    .job_mult = wf_job_mult,
    .rung = wf_rung,
    .step = wf_step,
    .on_end = wf_end,
};
