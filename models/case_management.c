/* case_management.c: the municipality's consultants. Two models (003 §3.3):
 * integral (one klantmanager for income and re-integration: sees the whole
 * situation, raising trajectory success for clients with problems, but an
 * action may slip through) and separate (income and re-integration
 * consultants: signals between them may be lost or delayed).
 * Consultants are a finite resource: offer decisions wait in a queue served
 * each working day with a capacity of FTE x actions per FTE-day, reduced when
 * the caseload exceeds the norm and during a reorganisation. The queue order
 * is the offer policy (fifo, creaming, furthest_first); new clients close to
 * the sluitende-aanpak deadline go first. */
#include "models/world.h"

#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdlib.h>

/* ---- the priority queue: binary heap on (key, seq) */
static int item_less(const bs_cm_item *a, const bs_cm_item *b) {
  return a->key < b->key || (a->key == b->key && a->seq < b->seq);
}

static int heap_push(bs_world *w, bs_cm_item it) {
  if (w->cmq_n == w->cmq_cap) {
    size_t cap = w->cmq_cap ? w->cmq_cap * 2 : 256;
    bs_cm_item *n = realloc(w->cmq, cap * sizeof *n);
    if (!n)
      return SIM_ENOMEM;
    w->cmq = n;
    w->cmq_cap = cap;
  }
  size_t i = w->cmq_n++;
  while (i > 0) {
    size_t parent = (i - 1) / 2;
    if (!item_less(&it, &w->cmq[parent]))
      break;
    w->cmq[i] = w->cmq[parent];
    i = parent;
  }
  w->cmq[i] = it;
  return SIM_OK;
}

static bs_cm_item heap_pop(bs_world *w) {
  bs_cm_item top = w->cmq[0];
  bs_cm_item last = w->cmq[--w->cmq_n];
  size_t i = 0, n = w->cmq_n;
  for (;;) {
    size_t l = 2 * i + 1;
    if (l >= n)
      break;
    size_t m = (l + 1 < n && item_less(&w->cmq[l + 1], &w->cmq[l])) ? l + 1 : l;
    if (!item_less(&w->cmq[m], &last))
      break;
    w->cmq[i] = w->cmq[m];
    i = m;
  }
  if (n > 0)
    w->cmq[i] = last;
  /* The day-0 stock fills the queue once (140 000 national requests, then
   * about 17 000): give the room back as it drains. A failed shrink keeps
   * the array. */
  if (w->cmq_cap >= 65536 && n < w->cmq_cap / 8) {
    bs_cm_item *q = realloc(w->cmq, w->cmq_cap / 2 * sizeof *q);
    if (q) {
      w->cmq = q;
      w->cmq_cap /= 2;
    }
  }
  return top;
}

static int fifo_push(bs_world *w, bs_cm_item it) {
  if (bs_fifo_room(&w->cmf, &w->cmf_head, w->cmf_n, &w->cmf_cap) != SIM_OK)
    return SIM_ENOMEM;
  w->cmf[w->cmf_head + w->cmf_n++] = it;
  return SIM_OK;
}

static bs_client *item_client(bs_world *w, const bs_cm_item *it) {
  if (!sim_pool_alive(&w->ctx.pool, it->slot, it->gen))
    return NULL;
  bs_client *c = bs_client_at(w, it->slot);
  if (!c->waiting_offer || c->cm_seq != (uint32_t)it->seq)
    return NULL;
  return c;
}

int bs_cm_request(bs_world *w, uint32_t slot) {
  bs_client *c = bs_client_at(w, slot);
  const bs_traj_params *tp = &w->p.trajectory;
  if (!bs_programme_available(w, BS_PROG_TRAJECTORY) || c->waiting_offer)
    return SIM_OK;
  double earliest = c->t_start + tp->offer_after_days;
  if (earliest > w->ctx.now) { /* too early in the spell: come back then */
    bs_trace_offer_later(w, c, tp->offer_after_days);
    return bs_at(w, earliest, BS_EV_CM_RETRY, slot, 0);
  }
  double key;
  switch (tp->offer_order) {
  case BS_ORDER_CREAMING:
    key = c->assessed; /* the diagnosis's view, not the truth */
    break;
  case BS_ORDER_FURTHEST_FIRST:
    key = -c->assessed;
    break;
  default:
    key = c->t_start;
  }
  bs_cm_item it = {.key = key,
                   .seq = ++w->cmq_seq,
                   .t_request = w->ctx.now,
                   .slot = slot,
                   .gen = sim_pool_gen(&w->ctx.pool, slot)};
  c->waiting_offer = 1;
  c->cm_seq = (uint32_t)it.seq;
  int rc = heap_push(w, it);
  if (rc == SIM_OK && tp->sluitend_deadline_days > 0 && c->t_start >= 0)
    rc = fifo_push(w, it);
  if (rc != SIM_OK) {
    snprintf(w->ctx.err, sizeof w->ctx.err, "out of memory (case-management queue)");
    return rc;
  }
  bs_trace_offer_queued(w, c, w->cmq_n);
  return SIM_OK;
}

/* The programme with the given router rank for this client, or NULL. */
static const bs_programme_ops *ranked(int exempt, int rank) {
  for (int p = 0; p < BS_PROG_N; p++) {
    const bs_programme_ops *ops = bs_programme_of((bs_programme)p);
    if ((exempt ? ops->rank_exempt : ops->rank_obligated) == rank)
      return ops;
  }
  return NULL;
}

/* The router: the first programme in the rank order (work-first, social
 * activation, a trajectory offer for an obligated client; an offer with
 * p_offer_exempt, then activation, for an exempt one) that is switched on
 * and will take this client. */
int bs_cm_route(bs_world *w, uint32_t slot, bs_handback why) {
  bs_client *c = bs_client_at(w, slot);
  if (why == BS_BACK_NONE)
    return SIM_OK;
  if (why == BS_BACK_OFFER)
    return bs_programme_of(BS_PROG_TRAJECTORY)->enter(w, slot);
  double u;
  bs_draw(c, BS_RNG_ROUTING, &u, 1);
  /* de facto exempt: not called in; queued for an offer already: it stays */
  if (c->state != BS_ST_BENEFIT || c->de_facto || c->waiting_offer)
    return SIM_OK;
  int rc = bs_place_covenant_join(w, slot);
  if (rc != SIM_OK)
    return rc;
  const int e = c->exempt != 0;
  for (int k = 0; k < w->route_order_n[e]; k++) {
    const bs_programme_ops *ops = w->route_order[e][k];
    if (!bs_programme_available(w, ops->id))
      continue;
    if (!ops->eligible || ops->eligible(w, c, u))
      return ops->enter(w, slot);
  }
  return SIM_OK;
}

int bs_cm_signal(bs_world *w, bs_client *c, const double uu[2], double *delay) {
  (void)c;
  const bs_cm_params *cm = &w->p.case_management;
  double u = uu[0];
  *delay = 0;
  /* the delay only counts for a signal that passes between consultants;
   * otherwise its uniform is drawn but the inverse is not computed */
  if (cm->model == BS_CM_INTEGRAL) {
    bs_delay_at_unused(w, uu[1], &cm->signal_delay);
    if (u < cm->p_slip) {
      w->c.slipped++;
      return 0;
    }
    return 1;
  }
  if (u < cm->p_signal_loss) {
    bs_delay_at_unused(w, uu[1], &cm->signal_delay);
    w->c.signals_lost++;
    return 0;
  }
  *delay = bs_delay_at(w, uu[1], &cm->signal_delay);
  return 1;
}

double bs_cm_capacity_factor(const bs_world *w) {
  const bs_cm_params *cm = &w->p.case_management;
  double f = 1;
  if (cm->consultants_fte > 0) {
    double caseload = (double)w->stock[BS_ST_BENEFIT] / cm->consultants_fte;
    if (caseload > cm->caseload_norm)
      f = cm->caseload_norm / caseload;
  }
  if (cm->reorganisation && w->ctx.now >= cm->reorg_day &&
      w->ctx.now < cm->reorg_day + cm->reorg_duration_days)
    f *= cm->reorg_output_factor;
  return f;
}

static int contract_room(bs_world *w) {
  double per_year = w->p.trajectory.offer_cap_per_year;
  double year_start = floor((w->ctx.now - w->t0) / 365.25) * 365.25;
  if (year_start != w->contract_year_start) {
    w->contract_year_start = year_start;
    w->contract_used = 0;
  }
  return (per_year <= 0 || w->contract_used < per_year) && bs_budget_allows(w, BS_CUT_TRAJECTORY);
}

static int serve(bs_world *w, const bs_cm_item *it, bs_client *c) {
  c->waiting_offer = 0;
  /* the client entered a programme by another path meanwhile (a place came
   * free, a re-assessment): the request lapses */
  if (c->programme != BS_PROG_NONE && c->programme != BS_PROG_CWI)
    return SIM_OK;
  double wait = w->ctx.now - it->t_request;
  w->c.cm_wait_sum += wait;
  w->c.cm_wait_n++;
  const bs_cm_params *cm = &w->p.case_management;
  double u;
  bs_draw(c, BS_RNG_SLIP, &u, 1);
  if (cm->model == BS_CM_INTEGRAL && u < cm->p_slip) {
    w->c.slipped++;
    bs_trace_offer_slips(w, c);
    return bs_at(w, w->ctx.now + cm->slip_delay_days, BS_EV_CM_RETRY, it->slot, 0);
  }
  const char *why = bs_workload_wait_reason(w, it->t_request);
  if (why && wait >= 1)
    bs_trace_offer_waited(w, c, wait, why);
  /* AvdT (000): a subsidy per realised trajectory up to the agreed number */
  if (w->contract_used < w->p.trajectory.contracted_per_year)
    w->c.avdt_subsidy += w->p.trajectory.avdt_subsidy_per_trajectory;
  w->contract_used++;
  return bs_traj_start(w, it->slot);
}

static int cm_day(sim_ctx *ctx, const sim_event *ev, void *user) {
  (void)ev;
  bs_world *w = user;
  const bs_cm_params *cm = &w->p.case_management;
  const bs_traj_params *tp = &w->p.trajectory;
  double daily = cm->consultants_fte * cm->actions_per_fte_day * 5.0 / 7.0;
  double f = bs_cm_capacity_factor(w);
  double cap = daily * f;
  int rc = SIM_OK;
  bs_budget_day(w);
  if ((rc = bs_places_day(w)) != SIM_OK)
    return rc;
  if (w->p.workload.enabled) /* the hours per task decide */
    daily = cap = bs_workload_day(w);
  w->cm_credit += cap;
  if (w->cm_credit > 2 * daily + 1) /* unused capacity does not pile up */
    w->cm_credit = 2 * daily + 1;
  w->c.cm_capacity_total += cap;
  if (cm->consultants_fte > 0) {
    w->c.caseload_sum += (double)w->stock[BS_ST_BENEFIT] / cm->consultants_fte;
    w->c.caseload_n++;
  }
  while (w->cm_credit >= 1 && rc == SIM_OK && contract_room(w)) {
    bs_cm_item it;
    bs_client *c = NULL;
    /* new clients near the sluitende-aanpak deadline first */
    while (w->cmf_n > 0) {
      bs_cm_item *head = &w->cmf[w->cmf_head];
      bs_client *hc = item_client(w, head);
      if (!hc) {
        w->cmf_head++;
        w->cmf_n--;
        continue;
      }
      if (ctx->now - hc->t_start >= tp->sluitend_deadline_days - tp->sluitend_lead_days) {
        it = *head;
        c = hc;
        w->cmf_head++;
        w->cmf_n--;
      }
      break;
    }
    if (!c) {
      while (w->cmq_n > 0 && !c) {
        it = heap_pop(w);
        /* the next candidate is the new root: its record (a cache miss at
         * national scale) comes in while this one is checked and served */
        if (w->cmq_n > 0)
          sim_pool_prefetch(&w->ctx.pool, w->cmq[0].slot);
        c = item_client(w, &it);
      }
    }
    if (!c)
      break;
    w->cm_credit -= 1;
    w->c.cm_capacity_used += 1;
    rc = serve(w, &it, c);
  }
  if (w->cmf_n == 0)
    w->cmf_head = 0;
  if (rc != SIM_OK)
    return rc;
  if (ctx->now + 1 <= w->t_end)
    return sim_schedule(ctx, ctx->now + 1, BS_EV_CM_DAY, SIM_NO_ENTITY, 0);
  return SIM_OK;
}

static int cm_retry(sim_ctx *ctx, const sim_event *ev, void *user) {
  (void)ctx;
  bs_world *w = user;
  bs_client *c = bs_client_at(w, ev->entity);
  if (c->state != BS_ST_BENEFIT || c->programme != BS_PROG_NONE)
    return SIM_OK;
  return bs_cm_request(w, ev->entity);
}

static int cm_init(bs_world *w) {
  /* the router's order, by rank, of the programmes it can enter */
  for (int e = 0; e < 2; e++) {
    w->route_order_n[e] = 0;
    for (int rank = 1; rank < BS_PROG_N; rank++) {
      const bs_programme_ops *ops = ranked(e, rank);
      if (ops && ops->enter)
        w->route_order[e][w->route_order_n[e]++] = ops;
    }
  }
  int rc = sim_ctx_on(&w->ctx, BS_EV_CM_DAY, cm_day, w);
  if (rc == SIM_OK)
    rc = sim_ctx_on(&w->ctx, BS_EV_CM_RETRY, cm_retry, w);
  return rc;
}

static int cm_start(bs_world *w) {
  return sim_schedule(&w->ctx, 0, BS_EV_CM_DAY, SIM_NO_ENTITY, 0);
}

/* Consultant cost over the horizon: separate case management adds income
 * consultants for the mean stock at their own caseload. */
static void cm_finish(bs_world *w) {
  const bs_cm_params *cm = &w->p.case_management;
  double years = w->p.run.horizon_days / 365.25; /* the reported period */
  double fte = cm->consultants_fte;
  if (bs_workload_mean_fte(w) >= 0) /* the workload model's staff, both roles */
    fte = bs_workload_mean_fte(w);
  else if (cm->model == BS_CM_SEPARATE && w->c.caseload_n > 0) {
    double mean_stock = w->c.caseload_sum / (double)w->c.caseload_n * cm->consultants_fte;
    fte += mean_stock / cm->income_caseload;
  }
  w->c.consultant_spend = fte * cm->fte_cost_per_year * years;
}

static void cm_free(bs_world *w) {
  free(w->cmq);
  free(w->cmf);
  w->cmq = NULL;
  w->cmf = NULL;
}

const bs_stage bs_stage_case_management = {
    .name = "case management",
    .init = cm_init,
    .start = cm_start,
    .on_signal = bs_cm_signal,
    .finish = cm_finish,
    .free = cm_free,
};
