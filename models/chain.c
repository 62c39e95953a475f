/* chain.c: the composition root. One municipality in one replication is the
 * stages below, in this order, plus the bookkeeping of the records (stock
 * series, closing the books at the horizon), and the programmes' ops table
 * (generated from BS_PROGRAMME_LIST). Nothing else in models/ knows either list.
 *
 * The order is the order of the hooks: on admission the exemption is set
 * first (and the birthdays and the one-year mark are scheduled), then the
 * violations start, then the exit clock, and last CWI takes the client
 * (phase 1) or hands it to the municipality's router. */
#include "models/world.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------ bookkeeping */

static int stock_handler(sim_ctx *ctx, const sim_event *ev, void *user) {
  (void)ev;
  bs_world *w = user;
  if (bs_grow((void **)&w->stocks, &w->stocks_cap, w->stocks_n, sizeof *w->stocks, 64) != SIM_OK) {
    snprintf(ctx->err, sizeof ctx->err, "out of memory (stock series)");
    return SIM_ENOMEM;
  }
  uint64_t left = 0;
  for (int r = 0; r < BS_ROUTE_N; r++)
    left += w->c.left[r];
  w->stocks[w->stocks_n++] = (bs_stock_point){
      ctx->now - w->t0, w->stock[BS_ST_APPLICANT], w->stock[BS_ST_BENEFIT], w->c.entered, left,
      w->c.admitted};
  double next = ctx->now + w->p.run.stock_report_interval_days;
  if (w->p.run.stock_report_interval_days > 0 && next <= w->t_end)
    return sim_schedule(ctx, next, BS_EV_STOCK, SIM_NO_ENTITY, 0);
  return SIM_OK;
}

/* The burn-in ends (run.warmup_days): the books so far are closed and the
 * counters start afresh, so that no result includes the start from an
 * initial stock routed all at once (docs/model.md, "The start"). */
static int warmup_end(sim_ctx *ctx, const sim_event *ev, void *user) {
  (void)ev;
  bs_world *w = user;
  sim_pool *pool = &ctx->pool;
  for (uint32_t s = 0; s < pool->used; s++)
    if (pool->gen[s] & 1u)
      bs_pay_benefit(w, bs_client_at(w, s), ctx->now);
  double in_traj = 0;
  for (uint32_t s = 0; s < pool->used; s++)
    if ((pool->gen[s] & 1u) && bs_client_at(w, s)->programme == BS_PROG_TRAJECTORY)
      in_traj++;
  memset(&w->c, 0, sizeof w->c);
  /* the workload's and the budget's books start afresh with the counters
   * (workload.c counts events as differences of counters) */
  w->wl_seen_admitted = w->wl_seen_sanctions = w->wl_seen_handovers = 0;
  w->wl_traj_base = in_traj;
  w->budget_benefit_mark = w->budget_werkdeel_mark = 0;
  w->budget_year = 0;
  w->budget_commit = 0;
  return SIM_OK;
}

/* The spell records (keep_spells): one opens on admission, closes when the
 * client leaves or, censored, at the horizon. */
static int spell_open(bs_world *w, uint32_t slot) {
  if (!w->keep_spells)
    return SIM_OK;
  bs_client *c = bs_client_at(w, slot);
  int rc = bs_grow((void **)&w->spells, &w->spells_cap, w->spells_n, sizeof *w->spells, 1024);
  while (rc == SIM_OK && slot >= w->spell_rec_cap) {
    size_t old = w->spell_rec_cap;
    rc = bs_grow((void **)&w->spell_rec_of, &w->spell_rec_cap, slot, sizeof *w->spell_rec_of,
                 1024);
    for (size_t i = old; rc == SIM_OK && i < w->spell_rec_cap; i++)
      w->spell_rec_of[i] = -1; /* no spell record yet */
  }
  if (rc != SIM_OK) {
    snprintf(w->ctx.err, sizeof w->ctx.err, "out of memory (spell records)");
    return SIM_ENOMEM;
  }
  w->spell_rec_of[slot] = (int32_t)w->spells_n;
  w->spells[w->spells_n++] = (bs_spell_rec){
      .id = c->id,
      .spell = c->spell,
      .route = BS_ROUTE_N,
      .far = c->distance > w->p.clients.far_threshold,
      .household = c->household,
      .cohort = c->cohort >= 0,
      .stock = c->spell == 0 && (uint64_t)c->id < (uint64_t)w->p.inflow.initial_stock,
      .t_start = c->t_start,
      .t_end = INFINITY,
      .distance = c->distance,
  };
  return SIM_OK;
}

/* The index of the spell record the client opened, or -1 (none yet in this
 * spell: the slot's entry is of an earlier client, or there is none). */
static int32_t spell_rec_of(const bs_world *w, const bs_client *c) {
  uint32_t slot = bs_slot_of(w, c);
  if (slot >= w->spell_rec_cap)
    return -1;
  int32_t i = w->spell_rec_of[slot];
  if (i < 0 || (size_t)i >= w->spells_n)
    return -1;
  const bs_spell_rec *r = &w->spells[i];
  return r->id == c->id && r->spell == c->spell ? i : -1;
}

/* What spell record i has at the end of the spell (or at the horizon). */
static void spell_close(bs_world *w, const bs_client *c, int32_t i, double t) {
  bs_spell_rec *r = &w->spells[i];
  r->phase = c->phase;
  r->exempt = c->exempt;
  r->exempt_registered = (uint8_t)bs_exemption_registered(c, t);
  r->taken = c->taken;
}

static int spell_leave(bs_world *w, bs_client *c, bs_route route) {
  int32_t i = c->state == BS_ST_BENEFIT ? spell_rec_of(w, c) : -1;
  if (i < 0)
    return SIM_OK;
  spell_close(w, c, i, w->ctx.now);
  w->spells[i].route = (uint8_t)route;
  w->spells[i].t_end = w->ctx.now;
  return SIM_OK;
}

static int records_init(bs_world *w) {
  int rc = sim_ctx_on(&w->ctx, BS_EV_STOCK, stock_handler, w);
  if (rc == SIM_OK)
    rc = sim_ctx_on(&w->ctx, BS_EV_WARMUP_END, warmup_end, w);
  if (rc == SIM_OK) /* the programmes' steps, dispatched through their ops */
    rc = sim_ctx_on(&w->ctx, BS_EV_PROG, bs_programme_step, w);
  return rc;
}

static int records_start(bs_world *w) {
  int rc = SIM_OK;
  if (w->t0 > 0)
    rc = sim_schedule(&w->ctx, w->t0, BS_EV_WARMUP_END, SIM_NO_ENTITY, 0);
  if (rc == SIM_OK && w->p.run.stock_report_interval_days > 0)
    rc = sim_schedule(&w->ctx, w->t0, BS_EV_STOCK, SIM_NO_ENTITY, 0);
  return rc;
}

/* The horizon: benefit paid to date for everyone still on. */
static void records_finish(bs_world *w) {
  sim_pool *pool = &w->ctx.pool;
  for (uint32_t s = 0; s < pool->used; s++) {
    if (!(pool->gen[s] & 1u))
      continue;
    bs_client *c = bs_client_at(w, s);
    bs_pay_benefit(w, c, w->t_end);
    int32_t i = c->state == BS_ST_BENEFIT ? spell_rec_of(w, c) : -1;
    if (i >= 0)
      spell_close(w, c, i, w->t_end);
  }
  for (size_t i = 0; i < w->spells_n; i++) {
    w->spells[i].t_start -= w->t0;
    w->spells[i].t_end -= w->t0;
  }
  /* the cohort records on the results' clock (day 0 = the end of the burn-in) */
  if (w->t0 > 0)
    for (size_t i = 0; i < w->cohort_n; i++) {
      bs_cohort_rec *r = &w->cohort[i];
      r->t_in -= w->t0;
      r->t_out -= w->t0;
      r->t_out_reg -= w->t0;
      r->t_offer -= w->t0;
      r->t_offer_reg -= w->t0;
    }
}

static void records_free(bs_world *w) {
  free(w->cohort);
  free(w->stocks);
  free(w->spells);
  free(w->spell_rec_of);
  w->spell_rec_of = NULL;
  w->spell_rec_cap = 0;
  w->cohort = NULL;
  w->stocks = NULL;
  w->spells = NULL;
}

static const bs_stage records = {
    .name = "records",
    .init = records_init,
    .start = records_start,
    .on_admit = spell_open,
    .on_leave = spell_leave,
    .finish = records_finish,
    .free = records_free,
};

/* ------------------------------------------------------- the programmes */

/* No programme: the client waits, or is seen by the consultant only. */
const bs_programme_ops bs_prog_none = {.id = BS_PROG_NONE, .instrument = BS_INSTR_NONE};

const bs_programme_ops *bs_programme_of(bs_programme p) {
  static const bs_programme_ops *const table[BS_PROG_N] = {
#define X(e, id, name, label) [BS_PROG_##e] = &bs_prog_##id,
      BS_PROGRAMME_LIST(X)
#undef X
  };
  return (unsigned)p < BS_PROG_N ? table[p] : &bs_prog_none;
}

/* ------------------------------------------------------------ the chain */

static const bs_stage *const stages[] = {
    &bs_stage_inflow,
    &records,
    &bs_stage_gatekeeping,
    &bs_stage_exemption,
    &bs_stage_sanctions,
    &bs_stage_outflow,
    &bs_stage_cwi,
    &bs_stage_diagnosis,
    &bs_stage_case_management,
    &bs_stage_trajectory,
    &bs_stage_organisations,
};
enum { N_STAGES = sizeof stages / sizeof stages[0] };
_Static_assert(N_STAGES <= BS_MAX_STAGES, "bs_world.hooks has room for every stage");

/* The hooks' stages, so that a transition calls them without walking the
 * whole table each time (the same stages in the same order). */
static void hooks_init(struct bs_hooks *h) {
  *h = (struct bs_hooks){0};
  for (size_t i = N_STAGES; i-- > 0;) { /* backwards: the first one stays */
    const bs_stage *s = stages[i];
    h->apply = s->on_apply ? s : h->apply;
    h->work_intake = s->on_work_intake ? s : h->work_intake;
    h->refer = s->on_refer ? s : h->refer;
    h->report = s->on_report ? s : h->report;
    h->signal = s->on_signal ? s : h->signal;
  }
  for (size_t i = 0; i < N_STAGES; i++) {
    if (stages[i]->on_admit)
      h->admit[h->admit_n++] = stages[i];
    if (stages[i]->on_leave)
      h->leave[h->leave_n++] = stages[i];
  }
}

const bs_stage *const *bs_stages(size_t *n) {
  *n = N_STAGES;
  return stages;
}

int bs_world_init(bs_world *w, const bs_params *p, uint64_t seed, uint64_t replication) {
  memset(w, 0, sizeof *w);
  w->p = *p;
  w->seed = seed;
  w->replication = replication;
  hooks_init(&w->hooks);
  if (sim_ctx_init(&w->ctx, sizeof(bs_client), seed, replication) != SIM_OK)
    return SIM_ENOMEM;
  /* far-future calendar tier of one day: the same event order, a calendar
   * that stays small when clients have exits scheduled years ahead */
  (void)sim_ctx_set_calendar_tier(&w->ctx, 1.0);
  sim_stream_init(&w->rng_inflow, seed, replication, UINT64_MAX, 0);
  /* the burn-in: the clock runs from 0; the results' day 0 is t0. Absolute
   * days of the scenario (climate breakpoints, the reorganisation) move with
   * it; the climate's first segment covers the burn-in. */
  w->t0 = p->run.warmup_days;
  w->t_end = w->t0 + p->run.horizon_days;
  for (size_t i = 1; i < w->p.inflow.climate_n; i++)
    w->p.inflow.climate[i][0] += w->t0;
  for (size_t i = 1; i < w->p.inflow.curve_n; i++)
    w->p.inflow.curve[i][0] += w->t0;
  w->p.case_management.reorg_day += w->t0;
  /* cumulative climate integral at each breakpoint */
  const bs_inflow_params *in = &w->p.inflow;
  for (size_t i = 1; i < in->climate_n; i++)
    w->climate_cum[i] =
        w->climate_cum[i - 1] + in->climate[i - 1][1] * (in->climate[i][0] - in->climate[i - 1][0]);
  for (size_t i = 0; i < N_STAGES; i++) {
    int rc = stages[i]->init ? stages[i]->init(w) : SIM_OK;
    if (rc != SIM_OK) {
      bs_world_free(w);
      return rc;
    }
  }
  return SIM_OK;
}

int bs_world_run(bs_world *w) {
  int rc;
  for (size_t i = 0; i < N_STAGES; i++)
    if (stages[i]->start && (rc = stages[i]->start(w)) != SIM_OK)
      return rc;
  rc = sim_run(&w->ctx, w->t_end);
  if (rc < 0)
    return rc;
  /* the clients still there: none may have run past a stream's draw count
   * (those who left were checked by bs_leave) */
  for (uint32_t s = 0; s < w->ctx.pool.used; s++)
    if (sim_pool_gen(&w->ctx.pool, s) & 1u)
      BS_ENSURE(w, !bs_client_at(w, s)->rng_overflow, BS_RNG_OVERFLOW_MSG);
  for (size_t i = 0; i < N_STAGES; i++)
    if (stages[i]->finish)
      stages[i]->finish(w);
  return SIM_OK;
}

void bs_world_free(bs_world *w) {
  sim_ctx_free(&w->ctx);
  bs_qtab_free(w);
  for (size_t i = 0; i < N_STAGES; i++)
    if (stages[i]->free)
      stages[i]->free(w);
}
