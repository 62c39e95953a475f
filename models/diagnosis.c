/* diagnosis.c: the municipality's diagnosis of a client CWI refers to it
 * (phase 2-4 at once, phase 1 after CWI's mediation). 003 §2.2: one
 * municipality sees every phase 2-4 client at a provider within 3 days for a
 * diagnosis and a global plan; box 2.1: diagnosis within at most 6 weeks.
 *
 * A Kwint (qualifying intake, cwi_phase.c) started at the work intake must
 * be done first: it delays the first re-integration step, not the benefit
 * decision (003 §2.2: the municipality 'wacht de Kwint niet af'; one
 * abolished it 'vanwege de vertragende werking'). Then the diagnosis takes
 * `diagnosis.delay`; at most `diagnosis.per_day` start a day (0: no limit),
 * the others wait in arrival order. The diagnosis assesses the client's
 * distance to the labour market with an error (`error_sd`, smaller for an
 * independent diagnosis); the router (case_management.c) routes on that
 * assessment, never on the true latent distance. Then the client goes to the
 * router. */
#include "models/world.h"

#include <gsl/gsl_cdf.h>
#include <math.h>
#include <stdlib.h>

enum { DIAG_MAY_START = 0, DIAG_DONE = 1 };

/* The assessed distance: the truth plus the diagnosis's error, from the
 * client's own uniform (drawn whether or not the error is zero). */
static void assess(bs_world *w, bs_client *c, double u) {
  const bs_diag_params *d = &w->p.diagnosis;
  double sd = d->independent ? d->independent_error_sd : d->error_sd;
  c->assessed = c->distance + (sd > 0 ? gsl_cdf_gaussian_Pinv(u, sd) : 0);
}

static int done(bs_world *w, uint32_t slot, bs_client *c) {
  c->done |= BS_DONE_DIAGNOSIS;
  if (w->p.diagnosis.independent)
    bs_trace_diagnosed_independent(w, c, c->assessed);
  else
    bs_trace_diagnosed(w, c, c->assessed);
  return bs_cm_route(w, slot, BS_BACK_ROUTE);
}

/* The diagnosis starts now: its block is the error's uniform and the delay. */
static int start(bs_world *w, uint32_t slot, bs_client *c) {
  const bs_diag_params *d = &w->p.diagnosis;
  double u[2];
  bs_draw(c, BS_RNG_PHASE, u, 2);
  assess(w, c, u[0]);
  double delay = bs_delay_at(w, u[1], &d->delay);
  w->diag_started++;
  if (delay <= 0)
    return done(w, slot, c);
  bs_trace_diagnosis_starts(w, c, delay);
  return bs_at(w, w->ctx.now + delay, BS_EV_DIAGNOSIS, slot, DIAG_DONE);
}

static int queue_push(bs_world *w, uint32_t slot) {
  if (bs_fifo_room(&w->diagq, &w->diagq_head, w->diagq_n, &w->diagq_cap) != SIM_OK) {
    snprintf(w->ctx.err, sizeof w->ctx.err, "out of memory (diagnosis queue)");
    return SIM_ENOMEM;
  }
  w->diagq[w->diagq_head + w->diagq_n++] =
      (bs_cm_item){.slot = slot, .gen = sim_pool_gen(&w->ctx.pool, slot)};
  return SIM_OK;
}

/* Room for one more diagnosis today? */
static int room_today(bs_world *w) {
  double per_day = w->p.diagnosis.per_day;
  double today = floor(w->ctx.now);
  if (today != w->diag_day) {
    w->diag_day = today;
    w->diag_started = 0;
  }
  return per_day <= 0 || w->diag_started < per_day;
}

static int may_start(bs_world *w, uint32_t slot, bs_client *c) {
  if (room_today(w))
    return start(w, slot, c);
  int first = w->diagq_n == 0;
  int rc = queue_push(w, slot);
  bs_trace_diagnosis_queued(w, c);
  /* the queue is served at the start of the next day */
  if (rc == SIM_OK && first)
    rc = bs_at(w, floor(w->ctx.now) + 1, BS_EV_DIAGNOSIS, SIM_NO_ENTITY, DIAG_MAY_START);
  return rc;
}

/* Serves the waiting clients, first come first served, as far as today's
 * room goes; comes back the next day while any wait. */
static int serve_queue(bs_world *w) {
  int rc = SIM_OK;
  while (w->diagq_n > 0 && rc == SIM_OK && room_today(w)) {
    bs_cm_item it = w->diagq[w->diagq_head++];
    w->diagq_n--;
    if (!sim_pool_alive(&w->ctx.pool, it.slot, it.gen))
      continue;
    bs_client *c = bs_client_at(w, it.slot);
    if (c->state == BS_ST_BENEFIT)
      rc = start(w, it.slot, c);
  }
  if (rc == SIM_OK && w->diagq_n > 0)
    rc = sim_schedule(&w->ctx, floor(w->ctx.now) + 1, BS_EV_DIAGNOSIS, SIM_NO_ENTITY,
                      DIAG_MAY_START);
  return rc;
}

static int diagnosis_event(sim_ctx *ctx, const sim_event *ev, void *user) {
  (void)ctx;
  bs_world *w = user;
  if (ev->entity == SIM_NO_ENTITY)
    return serve_queue(w);
  bs_client *c = bs_client_at(w, ev->entity);
  if (c->state != BS_ST_BENEFIT)
    return SIM_OK;
  return ev->data == DIAG_DONE ? done(w, ev->entity, c) : may_start(w, ev->entity, c);
}

/* CWI refers the client: after a running Kwint, the diagnosis. A client of
 * the initial stock is known to the municipality already: assessed at once. */
static int diagnosis_refer(bs_world *w, uint32_t slot) {
  bs_client *c = bs_client_at(w, slot);
  if (c->done & BS_DONE_DIAGNOSIS)
    return bs_cm_route(w, slot, BS_BACK_ROUTE);
  if (c->t_start < 0) { /* the initial stock: the municipality knows it */
    double u[2];
    bs_draw(c, BS_RNG_PHASE, u, 2);
    assess(w, c, u[0]);
    c->done |= BS_DONE_DIAGNOSIS;
    return bs_cm_route(w, slot, BS_BACK_ROUTE);
  }
  if (c->t_kwint_done > w->ctx.now) {
    bs_trace_diagnosis_waits_kwint(w, c, c->t_kwint_done - w->ctx.now);
    return bs_at(w, c->t_kwint_done, BS_EV_DIAGNOSIS, slot, DIAG_MAY_START);
  }
  return may_start(w, slot, c);
}

static int diagnosis_init(bs_world *w) {
  return sim_ctx_on(&w->ctx, BS_EV_DIAGNOSIS, diagnosis_event, w);
}

static void diagnosis_free(bs_world *w) {
  free(w->diagq);
  w->diagq = NULL;
}

const bs_stage bs_stage_diagnosis = {
    .name = "diagnosis",
    .init = diagnosis_init,
    .on_refer = diagnosis_refer,
    .free = diagnosis_free,
};
