/* social_activation.c: social activation for clients far from the labour
 * market (001): a sequence of steps (activation placements, courses,
 * support), each reviewed after step_days (longer when temporised). Per step
 * the client climbs a rung of the participation ladder, relapses one, stops,
 * or (rarely) finds work; most make no progress. Reaching volunteer_rung
 * counts as structural volunteer work; reaching refer_rung refers the client
 * to a work-directed trajectory. */
#include "models/world.h"

#include <gsl/gsl_rng.h>

static int act_enabled(const bs_world *w) { return w->p.activation.enabled; }

/* Once a spell, for clients far enough from the labour market. */
static int act_eligible(const bs_world *w, const bs_client *c, double u) {
  (void)u;
  return !(c->done & BS_DONE_ACTIVATION) && c->assessed >= w->p.activation.min_distance &&
         bs_budget_allows(w, BS_CUT_ACTIVATION); /* 003 §6.4: may be the first to go */
}

static int next_review(bs_world *w, uint32_t slot, bs_client *c) {
  const bs_act_params *a = &w->p.activation;
  return bs_at(w, w->ctx.now + a->step_days * a->temporise_factor, BS_EV_PROG, slot, c->prog_token);
}

static int act_start(bs_world *w, uint32_t slot) {
  bs_client *c = bs_client_at(w, slot);
  c->act_steps = 0;
  c->act_held = 0;
  if (c->ladder < w->p.activation.volunteer_rung)
    c->act_flags |= BS_ACTF_BELOW_VOLUNTEER;
  int rc = bs_set_programme(w, slot, BS_PROG_ACTIVATION);
  if (rc != SIM_OK)
    return rc;
  bs_budget_commit(w, (double)w->p.activation.max_steps * w->p.money.activation_cost_per_step);
  w->c.act_started++;
  if (w->p.activation.counts_as_offer) /* 003 §6.2: 'inbegrepen sociale activeringstrajecten' */
    bs_offer_made(w, c, w->p.activation.p_registered, 2);
  bs_trace_act_starts(w, c, c->ladder);
  return next_review(w, slot, c);
}

/* Activation ends; the router decides what follows, given the
 * recommendation. Structural volunteer work (001: 8 of 206) is the ladder
 * rung the client holds when the activation ends, reached during it and
 * held for volunteer_min_reviews reviews: not a rung touched once and lost
 * in a relapse, nor one held already at the start (a client assessed
 * farther than they are). */
static int finish(bs_world *w, uint32_t slot, bs_client *c,
                  void (*say)(bs_world *, const bs_client *, unsigned), bs_handback back) {
  say(w, c, c->ladder); /* why it ends, at which rung */
  if (c->ladder >= w->p.activation.volunteer_rung && (c->act_flags & BS_ACTF_BELOW_VOLUNTEER) &&
      c->act_held >= w->p.activation.volunteer_min_reviews && !(c->act_flags & BS_ACTF_VOLUNTEER)) {
    c->act_flags |= BS_ACTF_VOLUNTEER;
    w->c.act_volunteer++;
    bs_trace_act_volunteer(w, c);
  }
  int rc = bs_set_programme(w, slot, BS_PROG_NONE);
  return rc != SIM_OK ? rc : bs_cm_route(w, slot, back);
}

/* A review at the volunteer rung or higher extends the run of such reviews. */
static void held_review(bs_client *c, const bs_act_params *a) {
  c->act_held = c->ladder >= a->volunteer_rung ? (uint8_t)(c->act_held + 1) : 0;
}

static int act_step(bs_world *w, uint32_t slot, bs_client *c) {
  const bs_act_params *a = &w->p.activation;
  double u;
  bs_draw(c, BS_RNG_ACTIVATION, &u, 1);
  c->act_steps++;
  w->c.act_spend += w->p.money.activation_cost_per_step;
  if (u < a->p_work_per_step) {
    bs_trace_act_work(w, c);
    return bs_leave(w, slot, BS_ROUTE_REGULAR_WORK);
  }
  u -= a->p_work_per_step;
  if (u < a->p_progress) {
    if (c->ladder < 6) {
      c->ladder++;
      int rc = bs_activation_moved(w, slot, c, 1);
      if (rc != SIM_OK)
        return rc;
    }
    if (!(c->act_flags & BS_ACTF_IMPROVED)) {
      c->act_flags |= BS_ACTF_IMPROVED;
      w->c.act_improved++;
    }
    bs_trace_act_progress(w, c, c->ladder);
    if (c->ladder >= a->refer_rung) {
      held_review(c, a);
      w->c.act_referred++;
      return finish(w, slot, c, bs_trace_act_ready, BS_BACK_OFFER);
    }
  } else if ((u -= a->p_progress) < a->p_relapse) {
    if (c->ladder > 1) {
      c->ladder--;
      int rc = bs_activation_moved(w, slot, c, -1);
      if (rc != SIM_OK)
        return rc;
    }
    bs_trace_act_relapse(w, c, c->ladder);
  } else if ((u -= a->p_relapse) < a->p_stop) {
    held_review(c, a);
    w->c.act_stopped++;
    return finish(w, slot, c, bs_trace_act_stops, BS_BACK_NONE);
  } else {
    bs_trace_act_no_progress(w, c);
  }
  held_review(c, a);
  if (c->act_steps >= a->max_steps) {
    /* completed: the municipality routes the client on (for an obligated
     * client, a trajectory offer; activation is not repeated in the spell) */
    return finish(w, slot, c, bs_trace_act_completed, BS_BACK_ROUTE);
  }
  return next_review(w, slot, c);
}

/* Every exit to work of a participant counts as activation's outflow to
 * work (001: 3 of 206), whichever hazard brought it. */
static void act_end(bs_world *w, bs_client *c, int left, bs_route route) {
  (void)c;
  if (left && route == BS_ROUTE_REGULAR_WORK)
    w->c.act_work++;
}

/* The general job hazard while in activation: its own multiplier (001:
 * activation is not aimed at paid work). */
static double act_job_mult(const bs_world *w, const bs_client *c) {
  (void)c;
  return w->p.activation.job_mult;
}

static bs_rung act_rung(const bs_world *w, const bs_client *c) {
  (void)w;
  (void)c;
  return BS_RUNG_CARE;
}

const bs_programme_ops bs_prog_activation = {
    .id = BS_PROG_ACTIVATION,
    .instrument = BS_INSTR_ACTIVATION,
    .done_flag = BS_DONE_ACTIVATION,
    .record_flag = BS_REC_ACTIVATION,
    .reintegration_duty = 1,
    .rank_obligated = 2,
    .rank_exempt = 2,
    .enabled = act_enabled,
    .eligible = act_eligible,
    .enter = act_start,
    .job_mult = act_job_mult,
    .rung = act_rung,
    .step = act_step,
    .on_end = act_end,
};
