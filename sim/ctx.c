/* ctx.c: the simulation context: clock, handlers and the run loop.
 *
 * Everything a run needs lives in one sim_ctx, so several replications can
 * run side by side in one process (one context per thread).
 */
#include "sim/sim.h"

#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#define CTX_CALENDAR_CAP 1024
#define CTX_POOL_CAP 256
#define CTX_PURGE_MIN 65536 /* no purge below this many pending events (purge_departed) */

int sim_ctx_init(sim_ctx *ctx, size_t entity_size, uint64_t seed, uint64_t replication) {
  assert(ctx);
  memset(ctx, 0, sizeof *ctx);
  ctx->seed = seed;
  ctx->replication = replication;
  ctx->purge_at = CTX_PURGE_MIN / 4;
  if (sim_calendar_init(&ctx->cal, CTX_CALENDAR_CAP) != SIM_OK ||
      sim_pool_init(&ctx->pool, entity_size, CTX_POOL_CAP) != SIM_OK ||
      sim_rng_init(&ctx->rng) != SIM_OK) {
    sim_ctx_free(ctx); /* each part's free is safe on a zeroed struct */
    snprintf(ctx->err, sizeof ctx->err, "sim_ctx_init: out of memory (entity size %zu bytes)",
             entity_size);
    return SIM_ENOMEM;
  }
  return SIM_OK;
}

void sim_ctx_free(sim_ctx *ctx) {
  if (!ctx)
    return;
  sim_calendar_free(&ctx->cal);
  sim_pool_free(&ctx->pool);
  sim_rng_free(&ctx->rng);
}

int sim_ctx_on(sim_ctx *ctx, uint32_t type, sim_handler h, void *user) {
  assert(ctx);
  if (type >= SIM_MAX_EVENT_TYPES) {
    snprintf(ctx->err, sizeof ctx->err, "sim_ctx_on: event type %u out of range (at most %d types)",
             type, SIM_MAX_EVENT_TYPES);
    return SIM_EINVAL;
  }
  ctx->handlers[type] = h;
  ctx->handler_user[type] = user;
  return SIM_OK;
}

int sim_ctx_set_calendar_tier(sim_ctx *ctx, double width) {
  assert(ctx);
  int rc = sim_calendar_set_tier(&ctx->cal, width);
  if (rc == SIM_EINVAL)
    snprintf(ctx->err, sizeof ctx->err,
             "sim_ctx_set_calendar_tier: bucket width %.17g must be finite and >= 0", width);
  else if (rc != SIM_OK)
    snprintf(ctx->err, sizeof ctx->err,
             "sim_ctx_set_calendar_tier: out of memory (the calendar stays a plain heap)");
  return rc;
}

int sim_schedule(sim_ctx *ctx, double t, uint32_t type, uint32_t entity, uint32_t data) {
  assert(ctx);
  if (!(t >= ctx->now) || !isfinite(t)) { /* also catches NaN */
    snprintf(ctx->err, sizeof ctx->err,
             "sim_schedule: event type %u for entity %u at t=%.17g: time must be finite "
             "and not before now (t=%.17g)",
             type, entity, t, ctx->now);
    return SIM_EINVAL;
  }
  if (type >= SIM_MAX_EVENT_TYPES) {
    snprintf(ctx->err, sizeof ctx->err,
             "sim_schedule: event type %u out of range (at most %d types)", type,
             SIM_MAX_EVENT_TYPES);
    return SIM_EINVAL;
  }
  uint32_t gen = 0;
  if (entity != SIM_NO_ENTITY) {
    if (entity >= ctx->pool.used || !(ctx->pool.gen[entity] & 1u)) {
      snprintf(ctx->err, sizeof ctx->err,
               "sim_schedule: event type %u at t=%.17g for entity %u, which is not in use", type, t,
               entity);
      return SIM_EINVAL;
    }
    gen = ctx->pool.gen[entity];
  }
  sim_event ev = {.time = t, .entity = entity, .gen = gen, .type = type, .data = data};
  if (sim_calendar_push(&ctx->cal, &ev) != SIM_OK) {
    snprintf(ctx->err, sizeof ctx->err,
             "sim_schedule: out of memory growing the calendar past %zu events", ctx->cal.size);
    return SIM_ENOMEM;
  }
  return SIM_OK;
}

/* The run is bound by memory latency: a national run keeps hundreds of
 * megabytes of entity records, and each event's handler starts with a
 * dependent load of its entity's generation and record (a cache miss, some
 * 250 ns on the machines of docs/performance.md). The next event is known as
 * soon as the current one is popped, so its generation and record are
 * fetched while the current handler runs. A handler may schedule an earlier
 * event; then the prefetch was only wasted, never wrong. */
static inline void prefetch_next(const sim_ctx *ctx) {
  const sim_event *n = sim_calendar_peek(&ctx->cal);
  if (!n || n->entity >= ctx->pool.used || ctx->pool.item_size == 0)
    return;
  __builtin_prefetch(&ctx->pool.gen[n->entity]);
  const unsigned char *item = sim_pool_get(&ctx->pool, n->entity);
  for (size_t off = 0; off < ctx->pool.item_size; off += 64)
    __builtin_prefetch(item + off);
  __builtin_prefetch(item + ctx->pool.item_size - 1);
}

/* An entity's pending events stay in the calendar after it leaves, until
 * their day comes and sim_run drops them as stale. Events far ahead (a
 * birthday, a violation at a low rate) can wait for years: at national
 * scale they were a third of the calendar, and the calendar's memory grew
 * with the horizon. So once a quarter of the live entities' number has been
 * released since the last purge (and the calendar is not small), the events
 * of entities that left are dropped in one pass (sim_calendar_retain keeps
 * the order of the rest, so the run is the same event for event). A pass
 * costs O(pending) and comes after O(live) departures, each of which had
 * its events pushed: O(1) per event. */
static int entity_alive(const sim_event *ev, void *user) {
  const sim_pool *pool = user;
  return ev->entity == SIM_NO_ENTITY || sim_pool_alive(pool, ev->entity, ev->gen);
}

static void purge_departed(sim_ctx *ctx) {
  if (ctx->cal.size >= CTX_PURGE_MIN)
    ctx->events_purged += sim_calendar_retain(&ctx->cal, entity_alive, &ctx->pool);
  size_t quarter = ctx->pool.live / 4;
  ctx->purge_at = ctx->pool.releases + (quarter > CTX_PURGE_MIN / 4 ? quarter : CTX_PURGE_MIN / 4);
}

int sim_run(sim_ctx *ctx, double until) {
  assert(ctx);
  if (isnan(until)) {
    snprintf(ctx->err, sizeof ctx->err, "sim_run: end time is NaN");
    return SIM_EINVAL;
  }
  const sim_event *next;
  sim_event ev;
  while ((next = sim_calendar_peek(&ctx->cal)) && next->time <= until) {
    if (ctx->pool.releases >= ctx->purge_at) {
      purge_departed(ctx);
      continue; /* the earliest event may have been dropped */
    }
    sim_calendar_pop(&ctx->cal, &ev);
    prefetch_next(ctx);
    if (ev.entity != SIM_NO_ENTITY && !sim_pool_alive(&ctx->pool, ev.entity, ev.gen)) {
      ctx->events_stale++; /* the entity left (or its slot was reused) */
      continue;
    }
    ctx->now = ev.time;
    /* type is checked by sim_schedule; events pushed on ctx->cal directly are not */
    sim_handler h = ev.type < SIM_MAX_EVENT_TYPES ? ctx->handlers[ev.type] : NULL;
    if (!h) {
      snprintf(ctx->err, sizeof ctx->err,
               "sim_run: no handler for event type %u (entity %u, t=%.17g)", ev.type, ev.entity,
               ev.time);
      return SIM_EINVAL;
    }
    if (ctx->max_events && ctx->events_processed >= ctx->max_events) {
      snprintf(ctx->err, sizeof ctx->err,
               "sim_run: more than %llu events by t=%.17g, the most this run may take",
               (unsigned long long)ctx->max_events, ev.time);
      return SIM_EINVAL;
    }
    ctx->events_processed++;
    ctx->err[0] = '\0';
    int rc = h(ctx, &ev, ctx->handler_user[ev.type]);
    if (rc == SIM_OK)
      continue;
    if (rc == SIM_ESTOP)
      return SIM_ESTOP;
    if (ctx->err[0] == '\0' || rc > 0)
      snprintf(ctx->err, sizeof ctx->err,
               "sim_run: handler for event type %u (entity %u, t=%.17g) failed with code %d",
               ev.type, ev.entity, ev.time, rc);
    return rc < 0 ? rc : SIM_EHANDLER;
  }
  if (isfinite(until) && until > ctx->now)
    ctx->now = until;
  return SIM_OK;
}
