/* places.c: limited places, as capacities with queues. Work-first
 * placements (003 box 2.1: enough placements are essential), subsidised
 * jobs (ID/WIW places free at day 0 and never refilled, 003 §4.3; then
 * opstapbanen, with a monthly wage subsidy that falls to zero over the
 * contract and the one-off, 003 box 4.1), funded employment (004's
 * verloningstraject) and employer placements from covenants (003 §4.2). A
 * client who finds every place taken waits in the queue of that kind, on
 * benefit, and is served first-come first-served when a place frees (each
 * day). Also the organisations' stage: its state at day 0, the budgets'
 * books at the horizon, its memory. */
#include "models/world.h"

#include <math.h>
#include <stdlib.h>

static const char *const place_labels[BS_PLACE_N] = {"a work-first placement", "a subsidised job",
                                                     "a funded job (verloning)",
                                                     "a covenant employer's job"};

/* occupied places of a kind with an end day: drops those that ended */
static size_t occupied(bs_world *w, int kind) {
  size_t k = 0;
  for (size_t i = 0; i < w->place_n[kind]; i++)
    if (w->place_end[kind][i] > w->ctx.now)
      w->place_end[kind][k++] = w->place_end[kind][i];
  w->place_n[kind] = k;
  return k;
}

int bs_place_full(const bs_world *w, int kind) {
  const bs_places_params *pl = &w->p.places;
  if (!pl->enabled)
    return 0;
  bs_world *mw = (bs_world *)w; /* pruning ended places changes no result */
  switch (kind) {
  case BS_PLACE_WORK_FIRST:
    return w->wf_occupied >= pl->work_first_places;
  case BS_PLACE_SUBSIDISED:
    return w->idwiw_left <= 0 && occupied(mw, kind) >= (size_t)pl->opstap_places;
  case BS_PLACE_FUNDED:
    return occupied(mw, kind) >= (size_t)pl->funded_places;
  default:
    return 1; /* covenant places come as credit (bs_places_day) */
  }
}

/* A client who left stays in the queue until the head reaches it (a queue
 * served a few places a year grew with the horizon: 35 MiB over a national
 * 20 years). So when the array is full, the items of clients who left (their
 * slot's generation moved on: they never match again) are dropped first,
 * keeping the order of the others; head_client would have skipped them, so
 * every client is served as before. The trace's queue length stays the
 * uncompacted one: `added - first`. The array grows when packing leaves it
 * more than half full, so each pass frees room for as many adds. */
static int fifo_add(bs_world *w, bs_fifo *f, bs_cm_item it) {
  if (f->head + f->n == f->cap) {
    size_t k = 0;
    for (size_t i = 0; i < f->n; i++) {
      const bs_cm_item *x = &f->q[f->head + i];
      if (sim_pool_alive(&w->ctx.pool, x->slot, x->gen))
        f->q[k++] = *x;
    }
    f->head = 0;
    f->n = k;
    if (k > f->cap / 2 || f->cap == 0) {
      size_t cap = f->cap ? 2 * f->cap : 256;
      bs_cm_item *q = cap > SIZE_MAX / sizeof *q ? NULL : realloc(f->q, cap * sizeof *q);
      if (!q)
        return SIM_ENOMEM;
      f->q = q;
      f->cap = cap;
    }
  }
  it.seq = f->added++;
  f->q[f->head + f->n++] = it;
  return SIM_OK;
}

static int enqueue(bs_world *w, uint32_t slot, int kind) {
  bs_client *c = bs_client_at(w, slot);
  bs_cm_item it = {.t_request = w->ctx.now, .slot = slot, .gen = sim_pool_gen(&w->ctx.pool, slot)};
  if (fifo_add(w, &w->place_q[kind], it) != SIM_OK) {
    snprintf(w->ctx.err, sizeof w->ctx.err, "out of memory (queue for places)");
    return SIM_ENOMEM;
  }
  c->place_wait = (uint8_t)(kind + 1);
  w->c.place_queued[kind]++;
  return SIM_OK;
}

int bs_place_queue(bs_world *w, uint32_t slot, int kind) {
  int rc = enqueue(w, slot, kind);
  if (rc == SIM_OK)
    bs_trace_place_wait(w, bs_client_at(w, slot), place_labels[kind],
                        (size_t)(w->place_q[kind].added - w->place_q[kind].first));
  return rc;
}

int bs_place_covenant_join(bs_world *w, uint32_t slot) {
  const bs_places_params *pl = &w->p.places;
  bs_client *c = bs_client_at(w, slot);
  if (!pl->enabled || pl->covenant_places_per_year <= 0 || c->exempt || c->place_wait ||
      c->phase > pl->covenant_max_phase)
    return SIM_OK;
  return enqueue(w, slot, BS_PLACE_COVENANT);
}

static int push_end(bs_world *w, int kind, double end) {
  if (w->place_n[kind] == w->place_cap[kind]) {
    size_t cap = w->place_cap[kind] ? w->place_cap[kind] * 2 : 64;
    double *e = realloc(w->place_end[kind], cap * sizeof *e);
    if (!e)
      return SIM_ENOMEM;
    w->place_end[kind] = e;
    w->place_cap[kind] = cap;
  }
  w->place_end[kind][w->place_n[kind]++] = end;
  return SIM_OK;
}

int bs_place_take(bs_world *w, int kind) {
  const bs_places_params *pl = &w->p.places;
  if (!pl->enabled)
    return SIM_OK;
  w->c.place_filled[kind]++;
  switch (kind) {
  case BS_PLACE_WORK_FIRST:
    w->wf_occupied++;
    return SIM_OK;
  case BS_PLACE_SUBSIDISED:
    if (w->idwiw_left > 0) {
      w->idwiw_left--;
      return SIM_OK;
    }
    if (push_end(w, kind, w->ctx.now + pl->opstap_days) != SIM_OK)
      break;
    /* an opstapbaan: the wage subsidy falls linearly to 0 over the months */
    double months = floor(pl->opstap_days / (365.25 / 12));
    for (double m = 0; m < months; m++)
      w->c.subsidy_spend += pl->opstap_wage_subsidy_month * (1 - m / months);
    return SIM_OK;
  case BS_PLACE_FUNDED:
    if (push_end(w, kind, w->ctx.now + pl->funded_days) != SIM_OK)
      break;
    return SIM_OK;
  default:
    return SIM_OK;
  }
  snprintf(w->ctx.err, sizeof w->ctx.err, "out of memory (occupied places)");
  return SIM_ENOMEM;
}

void bs_place_release(bs_world *w, int kind) {
  if (w->p.places.enabled && kind == BS_PLACE_WORK_FIRST && w->wf_occupied > 0)
    w->wf_occupied--;
}

/* the head of a queue: a client still waiting for this kind, or NULL */
static bs_client *head_client(bs_world *w, int kind, bs_cm_item *it) {
  bs_fifo *f = &w->place_q[kind];
  while (f->n > 0) {
    *it = f->q[f->head];
    if (sim_pool_alive(&w->ctx.pool, it->slot, it->gen)) {
      bs_client *c = bs_client_at(w, it->slot);
      if (c->state == BS_ST_BENEFIT && c->place_wait == kind + 1) {
        f->first = it->seq; /* the items before it were dropped or skipped */
        return c;
      }
    }
    f->head++;
    f->n--;
    f->first = it->seq + 1;
  }
  f->head = 0;
  f->first = f->added;
  return NULL;
}

static void pop(bs_world *w, int kind, bs_client *c, const bs_cm_item *it) {
  bs_fifo *f = &w->place_q[kind];
  f->head++;
  f->n--;
  f->first = it->seq + 1;
  c->place_wait = 0;
  w->c.place_wait_sum += w->ctx.now - it->t_request;
  w->c.place_wait_n++;
}

static int serve_one(bs_world *w, int kind, bs_client *c, uint32_t slot) {
  const bs_traj_params *tp = &w->p.trajectory;
  int rc;
  switch (kind) {
  case BS_PLACE_WORK_FIRST:
    if (c->programme != BS_PROG_NONE)
      return SIM_OK;
    return bs_programme_of(BS_PROG_WORK_FIRST)->enter(w, slot);
  case BS_PLACE_SUBSIDISED:
    if ((rc = bs_place_take(w, kind)) != SIM_OK)
      return rc;
    bs_trace_place_subsidised(w, c);
    w->c.subsidy_spend += tp->opstap_subsidy;
    return bs_leave(w, slot, BS_ROUTE_SUBSIDISED_WORK);
  case BS_PLACE_FUNDED:
    if ((rc = bs_place_take(w, kind)) != SIM_OK)
      return rc;
    bs_budget_commit(w, 12 * w->p.money.benefit_month[c->household]);
    bs_trace_place_funded(w, c);
    w->c.funded_employment_spend += 12 * w->p.money.benefit_month[c->household];
    return bs_leave(w, slot, BS_ROUTE_FUNDED_EMPLOYMENT);
  default:
    w->c.place_filled[kind]++;
    bs_trace_place_covenant(w, c);
    return bs_leave(w, slot, BS_ROUTE_REGULAR_WORK);
  }
}

int bs_places_day(bs_world *w) {
  const bs_places_params *pl = &w->p.places;
  if (!pl->enabled)
    return SIM_OK;
  w->covenant_credit += pl->covenant_places_per_year / 365.25;
  if (w->covenant_credit > 1 + pl->covenant_places_per_year / 365.25)
    w->covenant_credit = 1 + pl->covenant_places_per_year / 365.25; /* no pile-up */
  for (int kind = 0; kind < BS_PLACE_N; kind++) {
    for (;;) {
      if (kind == BS_PLACE_COVENANT ? w->covenant_credit < 1 : bs_place_full(w, kind))
        break;
      bs_cm_item it;
      bs_client *c = head_client(w, kind, &it);
      if (!c)
        break;
      pop(w, kind, c, &it);
      if (kind == BS_PLACE_COVENANT)
        w->covenant_credit -= 1;
      int rc = serve_one(w, kind, c, it.slot);
      if (rc != SIM_OK)
        return rc;
    }
  }
  return SIM_OK;
}

static int orgs_init(bs_world *w) {
  w->wl_squeeze_task = -1;
  w->wl_squeeze_day = -INFINITY;
  w->wl_contact_ratio = 1;
  w->idwiw_left = w->p.places.idwiw_places;
  return SIM_OK;
}

void bs_places_free(bs_world *w) {
  for (int k = 0; k < BS_PLACE_N; k++) {
    free(w->place_q[k].q);
    free(w->place_end[k]);
    w->place_q[k].q = NULL;
    w->place_end[k] = NULL;
  }
}

const bs_stage bs_stage_organisations = {
    .name = "organisations",
    .init = orgs_init,
    .finish = bs_budget_finish,
    .free = bs_places_free,
};
