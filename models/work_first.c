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

int bs_wf_start(bs_world *w, uint32_t slot) {
  bs_client *c = bs_client_at(w, slot);
  const bs_wf_params *wf = &w->p.work_first;
  gsl_rng *r = bs_rng(w, c, BS_RNG_WORK_FIRST);
  double u_det = gsl_rng_uniform(r);
  double d_det = bs_delay_draw(r, &wf->deterrence_delay);
  double d_diag = gsl_rng_uniform(r) * wf->diagnosis_max_days;
  c->done |= BS_DONE_WORK_FIRST;
  int rc = bs_set_programme(w, slot, BS_PROG_WORK_FIRST);
  if (rc != SIM_OK)
    return rc;
  w->c.wf_started++;
  if (c->cohort >= 0)
    w->cohort[c->cohort].flags |= BS_REC_WORK_FIRST;
  bs_trace(w, c, "work-first", "placed at once by the production house (20 h work + 12 h search)");
  if (u_det < wf->p_deterred)
    return schedule_step(w, slot, c, w->ctx.now + d_det, WF_DETERRED);
  return schedule_step(w, slot, c, w->ctx.now + d_diag, WF_DIAGNOSED);
}

int bs_wf_event(bs_world *w, uint32_t slot, bs_client *c) {
  const bs_wf_params *wf = &w->p.work_first;
  switch (c->prog_step) {
  case WF_DETERRED:
    w->c.wf_deterred++;
    bs_trace(w, c, "work-first", "deterred by the work obligation: leaves bijstand");
    return bs_leave(w, slot, BS_ROUTE_WITHDRAWAL);
  case WF_DIAGNOSED:
    bs_trace(w, c, "work-first", "diagnosis done; work placement (werkstage) of up to %.0f days",
             wf->placement_max_days);
    return schedule_step(w, slot, c, c->t_prog_start + wf->diagnosis_max_days +
                                         wf->placement_max_days, WF_PLACEMENT_END);
  default: {
    double u = gsl_rng_uniform(bs_rng(w, c, BS_RNG_WORK_FIRST));
    if (u < wf->p_followup_subsidised) {
      w->c.wf_followup_subsidised++;
      bs_trace(w, c, "work-first", "placement ends without a job: follow-up in subsidised work");
      w->c.subsidy_spend += w->p.trajectory.opstap_subsidy;
      return bs_leave(w, slot, BS_ROUTE_SUBSIDISED_WORK);
    }
    w->c.wf_followup_traj++;
    bs_trace(w, c, "work-first", "placement ends without a job: follow-up trajectory");
    int rc = bs_set_programme(w, slot, BS_PROG_NONE);
    if (rc != SIM_OK)
      return rc;
    return bs_cm_request(w, slot);
  }
  }
}

static int prog_event(sim_ctx *ctx, const sim_event *ev, void *user) {
  (void)ctx;
  bs_world *w = user;
  bs_client *c = bs_client_at(w, ev->entity);
  if (ev->data != c->prog_token || c->state != BS_ST_BENEFIT)
    return SIM_OK; /* superseded */
  switch (c->programme) {
  case BS_PROG_WORK_FIRST:
    return bs_wf_event(w, ev->entity, c);
  case BS_PROG_TRAJECTORY:
    return bs_traj_event(w, ev->entity, c);
  case BS_PROG_ACTIVATION:
    return bs_act_event(w, ev->entity, c);
  default:
    return SIM_OK;
  }
}

/* The programme-step event is shared by the three programmes; it is
 * registered here, the first of them. */
int bs_wf_register(bs_world *w) { return sim_ctx_on(&w->ctx, BS_EV_PROG, prog_event, w); }
