/* cwi_phase.c: CWI phase assignment with the kansmeter. Phase 1 = directly
 * employable ... phase 4 = needs much help. The true phase follows from the
 * latent distance; the assigned phase may be one off (misclassification) and
 * CWI tends to put phase-2 clients in phase 1 (bias). When the work intake
 * gives too little grip a Kwint (qualifying intake) follows, adding delay but
 * correcting the phase. Phase 1 stays with CWI for mediation up to
 * phase1_max_days; without outflow by then the client is referred to the
 * municipality as phase 2. Phases 2-4 go to the municipality at once. */
#include "models/world.h"

#include <gsl/gsl_rng.h>

double bs_cwi_assign(bs_world *w, bs_client *c) {
  const bs_cwi_params *k = &w->p.cwi;
  /* misclassified, its direction, the phase-1 bias, the Kwint */
  const bs_block u = bs_take(c, BS_RNG_PHASE, 4);
  double kdelay = bs_delay_draw(bs_rng(w, c, BS_RNG_PHASE), &k->kwint_delay);
  int truth = bs_phase_true(&w->p, c->distance);
  int phase = truth;
  /* one off at misclass_rate for every phase: at the ends towards the only
   * neighbour (a shift off the scale would be clamped back to the truth) */
  if (bs_block_u(u, 0) < k->misclass_rate)
    phase += truth == 1 ? 1 : truth == 4 ? -1 : (bs_block_u(u, 1) < 0.5) ? -1 : 1;
  if (phase < 1)
    phase = 1;
  if (phase > 4)
    phase = 4;
  if (phase == 2 && bs_block_u(u, 2) < k->phase1_bias)
    phase = 1;
  c->phase_true = (uint8_t)truth;
  double extra = 0;
  bs_trace_work_intake(w, c, phase);
  if (k->kwint && bs_block_u(u, 3) < k->p_kwint) {
    w->c.gate_kwint++;
    /* 003 §2.2: the Kwint delays the first re-integration step (the
     * diagnosis, diagnosis.c), not the benefit decision; the old placement
     * before the decision is kept as a setting */
    if (k->kwint_before_decision)
      extra = kdelay;
    else
      c->t_kwint_done = w->ctx.now + kdelay;
    if (phase != truth)
      bs_trace_kwint_corrects(w, c, truth);
    else
      bs_trace_kwint_confirms(w, c, truth);
    phase = truth;
  }
  c->phase = (uint8_t)phase;
  w->c.phase_assigned[phase]++;
  return extra;
}

/* On admission (last of the hooks): phase 1 stays with CWI for mediation,
 * the others go to the municipality's router. */
static int cwi_admit(bs_world *w, uint32_t slot) {
  bs_client *c = bs_client_at(w, slot);
  if (c->phase == 1 && !(c->done & BS_DONE_CWI)) {
    int rc = bs_set_programme(w, slot, BS_PROG_CWI);
    if (rc != SIM_OK)
      return rc;
    bs_trace_cwi_mediation(w, c, w->p.cwi.phase1_max_days);
    double t = c->t_start + w->p.cwi.phase1_max_days;
    return bs_at(w, t > w->ctx.now ? t : w->ctx.now, BS_EV_PROG, slot, c->prog_token);
  }
  bs_trace_referred(w, c, c->phase);
  return bs_refer(w, slot);
}

/* The end of CWI's mediation without a job: phase 2, to the municipality. */
static int phase1_end(bs_world *w, uint32_t slot, bs_client *c) {
  c->phase = 2;
  w->c.phase1_referred++;
  if (c->cohort >= 0)
    w->cohort[c->cohort].phase = 2;
  bs_trace_cwi_mediation_ends(w, c);
  int rc = bs_set_programme(w, slot, BS_PROG_NONE);
  if (rc != SIM_OK)
    return rc;
  return bs_refer(w, slot);
}

static double cwi_job_mult(const bs_world *w, const bs_client *c) {
  (void)c; /* the boost follows the climate at the start of the mediation */
  return w->p.cwi.phase1_job_boost *
         bs_climate_pow(w, w->ctx.now, w->p.labour_market.mediation_elasticity);
}

const bs_programme_ops bs_prog_cwi = {
    .id = BS_PROG_CWI,
    .instrument = BS_INSTR_NONE,
    .done_flag = BS_DONE_CWI,
    .job_mult = cwi_job_mult,
    .step = phase1_end,
};

const bs_stage bs_stage_cwi = {
    .name = "cwi",
    .on_work_intake = bs_cwi_assign,
    .on_admit = cwi_admit,
};
