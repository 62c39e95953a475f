/* ctx.c: the simulation context: clock, handlers and the run loop.
 *
 * Everything a run needs lives in one sim_ctx, so several replications can
 * run side by side in one process (one context per thread).
 */
#include "sim/calendar_heap.h"
#include "sim/sim.h"

#include <assert.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#define CTX_CALENDAR_CAP 1024
#define CTX_POOL_CAP 256
#define CTX_PURGE_MIN 65536 /* no purge below this many pending events (purge_departed) */
/* Records in use from which sim_run prefetches the next event's record
 * (prefetch_next): below it they fit in a core's L2 cache (1 MiB on the
 * machines of docs/performance.md) with room to spare, and a prefetch only
 * adds instructions. */
#define CTX_PREFETCH_BYTES ((size_t)256 << 10)

#if defined(__GNUC__) || defined(__clang__)
#define CTX_COLD __attribute__((noinline, cold))
#define CTX_NOINLINE __attribute__((noinline))
#else
#define CTX_COLD
#define CTX_NOINLINE
#endif

_Static_assert((SIM_MAX_EVENT_TYPES & (SIM_MAX_EVENT_TYPES - 1)) == 0,
               "sim_run masks event types with SIM_MAX_EVENT_TYPES - 1");

int sim_ctx_init(sim_ctx *ctx, size_t entity_size, uint64_t seed, uint64_t replication) {
  assert(ctx);
  memset(ctx, 0, sizeof *ctx);
  ctx->seed = seed;
  ctx->replication = replication;
  ctx->purge_at = CTX_PURGE_MIN / 4;
  ctx->prefetch_from = CTX_PREFETCH_BYTES / (entity_size ? entity_size : 1);
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
             "sim_ctx_set_calendar_tier: out of memory (the calendar is unchanged)");
  return rc;
}

/* sim_schedule's error messages, out of line: sim_schedule itself runs for
 * nearly every event and only tests. */
CTX_COLD static int schedule_rejected(sim_ctx *ctx, double t, uint32_t type, uint32_t entity) {
  if (!(t >= ctx->now) || !isfinite(t)) /* also catches NaN */
    snprintf(ctx->err, sizeof ctx->err,
             "sim_schedule: event type %u for entity %u at t=%.17g: time must be finite "
             "and not before now (t=%.17g)",
             type, entity, t, ctx->now);
  else if (type >= SIM_MAX_EVENT_TYPES)
    snprintf(ctx->err, sizeof ctx->err,
             "sim_schedule: event type %u out of range (at most %d types)", type,
             SIM_MAX_EVENT_TYPES);
  else
    snprintf(ctx->err, sizeof ctx->err,
             "sim_schedule: event type %u at t=%.17g for entity %u, which is not in use", type, t,
             entity);
  return SIM_EINVAL;
}

static int schedule_nomem(sim_ctx *ctx, int rc) {
  if (rc != SIM_OK)
    snprintf(ctx->err, sizeof ctx->err,
             "sim_schedule: out of memory growing the calendar past %zu events", ctx->cal.size);
  return rc;
}

/* The calendar's out-of-line pushes, with sim_schedule's message on failure;
 * sim_schedule tail-calls them, so that its own path calls nothing and saves
 * no registers (noinline: inlined, they would bring the saves back). An
 * event into the tier is the common case of a large model (most events are
 * due on a later day), hence not cold. */
CTX_NOINLINE static int schedule_tier(sim_ctx *ctx, double t, uint32_t type, uint32_t entity,
                                      uint32_t data, uint32_t gen, int64_t b) {
  return schedule_nomem(ctx, cal_push_tier(&ctx->cal, t, entity, gen, type, data, b));
}

CTX_COLD static int schedule_slow(sim_ctx *ctx, double t, uint32_t type, uint32_t entity,
                                  uint32_t data, uint32_t gen) {
  return schedule_nomem(ctx, cal_push_slow(&ctx->cal, t, entity, gen, type, data));
}

/* sim_schedule's checks (see there); *gen is the entity's generation. */
SIM_ALWAYS_INLINE int schedule_valid(const sim_ctx *ctx, double t, uint32_t type, uint32_t entity,
                                     uint32_t *gen) {
  const int used = entity < ctx->pool.used;
  uint32_t g = ctx->pool.gen[used ? entity : 0];
  g = used ? g : 0;
  *gen = g;
  return (t >= ctx->now) & (fabs(t) <= DBL_MAX) & (type < SIM_MAX_EVENT_TYPES) &
         ((entity == SIM_NO_ENTITY) | (int)(g & 1u));
}

int sim_schedule(sim_ctx *ctx, double t, uint32_t type, uint32_t entity, uint32_t data) {
  assert(ctx);
  /* The tests of schedule_rejected's messages, in one branch: t >= now (not
   * NaN), t finite, the type in range, the entity (if any) in use. Without a
   * branch on whether there is an entity: in a model whose events alternate
   * between entity and entity-free ones at random (the M/M/1's departures and
   * arrivals) that branch is mispredicted half the time. SIM_NO_ENTITY is
   * never < used (slots are < UINT32_MAX), and gen[0] always exists (the
   * pool starts with 16 slots): a harmless load. */
  uint32_t gen;
  if (!schedule_valid(ctx, t, type, entity, &gen))
    return schedule_rejected(ctx, t, type, entity);
  int64_t b = 0;
  switch (cal_push_where(&ctx->cal, t, &b)) {
  case CAL_TO_HEAP:
    cal_heap_push(&ctx->cal, t, entity, gen, type, data);
    return SIM_OK;
  case CAL_TO_TIER:
    return schedule_tier(ctx, t, type, entity, data, gen, b);
  default:
    return schedule_slow(ctx, t, type, entity, data, gen);
  }
}

uint64_t sim_ctx_reserve(sim_ctx *ctx) {
  assert(ctx);
  return sim_calendar_reserve(&ctx->cal);
}

int sim_schedule_reserved(sim_ctx *ctx, double t, uint32_t type, uint32_t entity, uint32_t data,
                          uint64_t seq) {
  assert(ctx);
  uint32_t gen;
  if (!schedule_valid(ctx, t, type, entity, &gen))
    return schedule_rejected(ctx, t, type, entity);
  if (seq >= ctx->cal.next_seq) {
    snprintf(ctx->err, sizeof ctx->err,
             "sim_schedule_reserved: seq %llu was never reserved (next seq %llu)",
             (unsigned long long)seq, (unsigned long long)ctx->cal.next_seq);
    return SIM_EINVAL;
  }
  const sim_event e = {
      .time = t, .seq = seq, .entity = entity, .gen = gen, .type = type, .data = data};
  return schedule_nomem(ctx, sim_calendar_push_reserved(&ctx->cal, &e));
}

/* The run is bound by memory latency: a national run keeps hundreds of
 * megabytes of entity records, and each event's handler starts with a
 * dependent load of its entity's generation and record (a cache miss, some
 * 250 ns on the machines of docs/performance.md). The next event is known as
 * soon as the current one is popped, so its generation and record are
 * fetched while the current handler runs; so are those of the root's four
 * children in the 4-ary heap, one of which is the event after it (a miss
 * takes longer than one handler: on national_5y, prefetching the records of
 * heap[1..4] as well ran 1.09x faster than the next event's alone, of
 * heap[1..8] 1.09x, of heap[1..20] 1.01x, of the earliest child only 1.04x;
 * docs/performance.md). Most of those lines are in cache by then and cost
 * only the instruction. A handler may schedule an earlier event; then the
 * prefetch was only wasted, never wrong. Inlined (sim_pool_prefetch says why
 * it must be). */
SIM_ALWAYS_INLINE void prefetch_next(const sim_ctx *ctx) {
  if (ctx->pool.used < ctx->prefetch_from) /* the records fit in cache */
    return;
  const sim_event *n = sim_calendar_peek(&ctx->cal);
  if (n)
    sim_pool_prefetch(&ctx->pool, n->entity);
  if (ctx->cal.hsize >= 5)
    for (int k = 1; k <= 4; k++)
      sim_pool_prefetch(&ctx->pool, ctx->cal.heap[k].entity);
}

/* An entity's pending events stay in the calendar after it leaves, until
 * their day comes and sim_run drops them as stale. Events far ahead (a
 * birthday, a violation at a low rate) can wait for years: at national
 * scale they were a third of the calendar, and the calendar's memory grew
 * with the horizon. So once a quarter of the live entities' number has been
 * released since the last purge (and the calendar is not small), the events
 * of entities that left are dropped in one pass (sim_calendar_retain_live keeps
 * the order of the rest, so the run is the same event for event). A pass
 * costs O(pending) and comes after O(live) departures, each of which had
 * its events pushed: O(1) per event. */
static void purge_departed(sim_ctx *ctx) {
  if (ctx->cal.size >= CTX_PURGE_MIN)
    ctx->events_purged += sim_calendar_retain_live(&ctx->cal, &ctx->pool);
  size_t quarter = ctx->pool.live / 4;
  ctx->purge_at = ctx->pool.releases + (quarter > CTX_PURGE_MIN / 4 ? quarter : CTX_PURGE_MIN / 4);
}

/* The ends of sim_run other than SIM_OK and SIM_ESTOP, out of line. */
CTX_COLD static int run_no_handler(sim_ctx *ctx, const sim_event *ev) {
  snprintf(ctx->err, sizeof ctx->err, "sim_run: no handler for event type %u (entity %u, t=%.17g)",
           ev->type, ev->entity, ev->time);
  return SIM_EINVAL;
}

CTX_COLD static int run_over_budget(sim_ctx *ctx, const sim_event *ev) {
  snprintf(ctx->err, sizeof ctx->err,
           "sim_run: more than %llu events by t=%.17g, the most this run may take",
           (unsigned long long)ctx->max_events, ev->time);
  return SIM_EINVAL;
}

CTX_COLD static int run_calendar_nomem(sim_ctx *ctx) {
  snprintf(ctx->err, sizeof ctx->err,
           "sim_run: out of memory moving %zu far-future events into the calendar's heap",
           sim_calendar_size(&ctx->cal));
  return SIM_ENOMEM;
}

CTX_COLD static int run_handler_failed(sim_ctx *ctx, const sim_event *ev, int rc) {
  if (ctx->err[0] == '\0' || rc > 0)
    snprintf(ctx->err, sizeof ctx->err,
             "sim_run: handler for event type %u (entity %u, t=%.17g) failed with code %d",
             ev->type, ev->entity, ev->time, rc);
  return rc < 0 ? rc : SIM_EHANDLER;
}

/* sim_run's sift-down after a pop that leaves two or more events in the heap,
 * out of line: inlined, its many registers made the loop keep ctx and the
 * event on the stack, reloaded several times per event. The price is the
 * call and its register saves on every pop of a large heap (about 24
 * instructions; docs/performance.md, "The engine's M/M/1, round 2"). */
CTX_NOINLINE static void run_sift_down(sim_event *h, size_t n) { cal_heap_sift_root(h, n); }

int sim_run(sim_ctx *ctx, double until) {
  assert(ctx);
  if (isnan(until)) {
    snprintf(ctx->err, sizeof ctx->err, "sim_run: end time is NaN");
    return SIM_EINVAL;
  }
  sim_calendar *cal = &ctx->cal;
  sim_event ev;
  const uint64_t last = ctx->max_events - 1; /* read once (sim.h); 0 -> no limit */
again:
  while (cal->hsize) {
    /* The earliest event is heap[0] (sim_calendar_peek). Its time is kept in
     * a register for ctx->now: the clock is on every event's dependency chain
     * (now -> the handler's now + delay -> the push -> the next pop), and
     * reading it back from ev would add a store-to-load round trip. */
    const sim_event *top = &cal->heap[0];
    const double t = top->time;
    if (!(t <= until))
      break;
    if (ctx->pool.releases >= ctx->purge_at) {
      purge_departed(ctx);
      continue; /* the earliest event may have been dropped */
    }
    /* The fields the loop tests, read from the heap beside the copy into ev
     * (not back from it, for the same reason as t). */
    const uint32_t entity = top->entity, gen = top->gen, type = top->type;
    const size_t n = cal_pop_take(cal, &ev);
    if (n)
      run_sift_down(cal->heap, n);
    prefetch_next(ctx);
    if (sim_pool_stale(&ctx->pool, entity, gen)) {
      ctx->events_stale++;
      continue;
    }
    ctx->now = t; /* == ev.time */
    /* type is checked by sim_schedule; events pushed on ctx->cal directly are
     * not. The masked load is in bounds whatever the type. A missing handler,
     * a type out of range and an event past the budget (events_processed >=
     * max_events, unless max_events is 0: no limit) are tested in one branch
     * (bench_engine --mm1, eight alternating runs: fastest rounds 1.56-1.62x,
     * median 1.58x, against 1.59-1.62x, median 1.60x, with two branches). */
    sim_handler h = ctx->handlers[type & (SIM_MAX_EVENT_TYPES - 1)];
    const uint64_t done = ctx->events_processed;
    const int no_handler = (h == NULL) | (type >= SIM_MAX_EVENT_TYPES);
    if (no_handler | (done > last))
      return no_handler ? run_no_handler(ctx, &ev) : run_over_budget(ctx, &ev);
    ctx->events_processed = done + 1;
    if (ctx->err[0]) /* a load, not a store, on every event */
      ctx->err[0] = '\0';
    int rc = h(ctx, &ev, ctx->handler_user[type]);
    if (rc == SIM_OK)
      continue;
    if (rc == SIM_ESTOP)
      return SIM_ESTOP;
    return run_handler_failed(ctx, &ev, rc);
  }
  if (cal->hsize == 0 && cal->size > 0) { /* the tier could not refill the heap */
    if (cal_refill(cal) != SIM_OK)
      return run_calendar_nomem(ctx);
    goto again;
  }
  if (isfinite(until) && until > ctx->now)
    ctx->now = until;
  return SIM_OK;
}
