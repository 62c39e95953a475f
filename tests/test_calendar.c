/* test_calendar.c: the event calendar and the run loop of sim_ctx.
 *
 * Pins down: events leave the calendar in (time, seq) order, the same order
 * qsort gives, for random times, negative times, heavy ties and signed zeros;
 * ties leave in insertion order; the heap grows far past its initial
 * capacity; peek and pop on an empty calendar; a long random mix of pushes
 * and pops agrees with a naive reference queue. For sim_ctx: events of a
 * released entity are dropped (and counted) while a new occupant of the same
 * slot gets exactly its own events; scheduling in the past, at NaN or
 * infinity, for an out-of-range type or for an entity not in use is rejected
 * with a message; an event type without a handler stops the run with
 * SIM_EINVAL; SIM_ESTOP and handler errors end the run and are returned; the
 * clock is advanced to `until`.
 */
#include "sim/sim.h"

#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------ helpers */

static int event_cmp(const void *pa, const void *pb) {
  const sim_event *a = pa, *b = pb;
  if (a->time < b->time)
    return -1;
  if (a->time > b->time)
    return 1;
  return (a->seq > b->seq) - (a->seq < b->seq);
}

/* (time, seq) order, the calendar's contract. */
static int before(const sim_event *a, const sim_event *b) {
  return a->time < b->time || (a->time == b->time && a->seq < b->seq);
}

static void check_heap_invariant(const sim_calendar *c) {
  for (size_t i = 1; i < c->size; i++)
    cr_assert(!before(&c->heap[i], &c->heap[(i - 1) / 4]), "heap order broken at %zu", i);
}

/* Pushes n events with times from draw(), pops them all and compares the
 * popped sequence with qsort on (time, seq). */
static void check_against_qsort(size_t n, double (*draw)(sim_stream *), uint64_t purpose) {
  sim_calendar c;
  cr_assert_eq(sim_calendar_init(&c, 64), SIM_OK);
  sim_stream s;
  sim_stream_init(&s, 20240501, 0, 0, purpose);
  sim_event *ref = malloc(n * sizeof *ref);
  cr_assert_not_null(ref);
  for (size_t i = 0; i < n; i++) {
    sim_event ev = {.time = draw(&s), .entity = SIM_NO_ENTITY, .data = (uint32_t)i};
    cr_assert_eq(sim_calendar_push(&c, &ev), SIM_OK);
    cr_assert_eq(ev.seq, i, "push assigns seq in insertion order");
    ref[i] = ev;
  }
  check_heap_invariant(&c);
  qsort(ref, n, sizeof *ref, event_cmp);
  sim_event out;
  for (size_t i = 0; i < n; i++) {
    cr_assert_eq(sim_calendar_pop(&c, &out), 1);
    cr_assert(out.time == ref[i].time && out.seq == ref[i].seq && out.data == ref[i].data,
              "pop %zu: got (%g, %llu), want (%g, %llu)", i, out.time, (unsigned long long)out.seq,
              ref[i].time, (unsigned long long)ref[i].seq);
  }
  cr_assert_eq(sim_calendar_pop(&c, &out), 0);
  free(ref);
  sim_calendar_free(&c);
}

static double draw_exp(sim_stream *s) { return -10.0 * log(sim_stream_uniform(s)); }
static double draw_signed(sim_stream *s) { return 200.0 * (sim_stream_uniform(s) - 0.5); }
static double draw_integer_day(sim_stream *s) {
  return floor(30.0 * sim_stream_uniform(s)); /* 30 distinct times: heavy ties */
}
static double draw_signed_ties(sim_stream *s) {
  return floor(10.0 * sim_stream_uniform(s)) - 5.0; /* ties, negatives, zero */
}

/* ------------------------------------------------------------ calendar */

Test(calendar, random_times_pop_in_qsort_order) { check_against_qsort(20000, draw_exp, 0); }

Test(calendar, negative_times_pop_in_qsort_order) { check_against_qsort(20000, draw_signed, 1); }

Test(calendar, heavy_ties_pop_in_qsort_order) {
  check_against_qsort(20000, draw_integer_day, 2);
  check_against_qsort(20000, draw_signed_ties, 3);
}

Test(calendar, ties_leave_in_insertion_order) {
  sim_calendar c;
  cr_assert_eq(sim_calendar_init(&c, 8), SIM_OK);
  /* 500 events at t=5 interleaved with events at other times */
  for (uint32_t i = 0; i < 1000; i++) {
    sim_event ev = {.time = (i % 2) ? 5.0 : (double)(i % 7) + 2.5, .data = i};
    cr_assert_eq(sim_calendar_push(&c, &ev), SIM_OK);
  }
  sim_event out;
  uint32_t prev_data = 0;
  int seen = 0;
  double prev_time = -INFINITY;
  while (sim_calendar_pop(&c, &out)) {
    cr_assert(out.time >= prev_time);
    if (out.time == 5.0) {
      if (seen)
        cr_assert_gt(out.data, prev_data, "ties must leave in insertion order");
      prev_data = out.data;
      seen++;
    }
    prev_time = out.time;
  }
  cr_assert_eq(seen, 500);
  sim_calendar_free(&c);
}

Test(calendar, signed_zeros_are_a_tie) {
  sim_calendar c;
  cr_assert_eq(sim_calendar_init(&c, 4), SIM_OK);
  const double times[] = {-0.0, 0.0, -0.0, 1.0, 0.0, -1.0};
  for (uint32_t i = 0; i < 6; i++) {
    sim_event ev = {.time = times[i], .data = i};
    cr_assert_eq(sim_calendar_push(&c, &ev), SIM_OK);
  }
  const uint32_t want[] = {5, 0, 1, 2, 4, 3}; /* -1, then the zeros by seq, then 1 */
  sim_event out;
  for (int i = 0; i < 6; i++) {
    cr_assert_eq(sim_calendar_pop(&c, &out), 1);
    cr_assert_eq(out.data, want[i], "pop %d: got data %u, want %u", i, out.data, want[i]);
  }
  sim_calendar_free(&c);
}

Test(calendar, grows_past_initial_capacity) {
  sim_calendar c;
  cr_assert_eq(sim_calendar_init(&c, 4), SIM_OK);
  const size_t n = 100000;
  sim_stream s;
  sim_stream_init(&s, 7, 0, 0, 0);
  for (size_t i = 0; i < n; i++) {
    sim_event ev = {.time = sim_stream_uniform(&s), .data = (uint32_t)i};
    cr_assert_eq(sim_calendar_push(&c, &ev), SIM_OK);
  }
  cr_assert_eq(c.size, n);
  cr_assert_geq(c.cap, n);
  check_heap_invariant(&c);
  sim_event out, prev = {.time = -1.0};
  size_t popped = 0;
  while (sim_calendar_pop(&c, &out)) {
    cr_assert(!before(&out, &prev), "out of order at pop %zu", popped);
    prev = out;
    popped++;
  }
  cr_assert_eq(popped, n);
  sim_calendar_free(&c);
}

Test(calendar, zero_initial_capacity) {
  sim_calendar c;
  cr_assert_eq(sim_calendar_init(&c, 0), SIM_OK);
  sim_event ev = {.time = 1.0};
  cr_assert_eq(sim_calendar_push(&c, &ev), SIM_OK);
  cr_assert_eq(c.size, 1);
  sim_calendar_free(&c);
  cr_assert_null(c.heap);
  sim_calendar_free(&c); /* safe twice */
}

Test(calendar, peek_and_empty_pop) {
  sim_calendar c;
  cr_assert_eq(sim_calendar_init(&c, 16), SIM_OK);
  sim_event out = {.time = 42.0, .data = 7};
  cr_assert_null(sim_calendar_peek(&c));
  cr_assert_eq(sim_calendar_pop(&c, &out), 0);
  cr_assert(out.time == 42.0 && out.data == 7, "an empty pop leaves *out alone");

  const double times[] = {3.0, 1.0, 2.0};
  for (uint32_t i = 0; i < 3; i++) {
    sim_event ev = {.time = times[i], .data = i};
    cr_assert_eq(sim_calendar_push(&c, &ev), SIM_OK);
  }
  const sim_event *top = sim_calendar_peek(&c);
  cr_assert_not_null(top);
  cr_assert(top->time == 1.0 && top->data == 1);
  cr_assert_eq(c.size, 3, "peek does not remove");
  cr_assert_eq(sim_calendar_pop(&c, &out), 1);
  cr_assert(out.time == 1.0 && out.data == 1);
  cr_assert(sim_calendar_peek(&c)->time == 2.0);
  sim_calendar_free(&c);
}

/* A naive reference: an unsorted array scanned for the minimum. */
Test(calendar, random_push_pop_mix_matches_reference) {
  sim_calendar c;
  cr_assert_eq(sim_calendar_init(&c, 2), SIM_OK);
  sim_event *ref = malloc(20000 * sizeof *ref);
  cr_assert_not_null(ref);
  size_t nref = 0;
  sim_stream s;
  sim_stream_init(&s, 99, 0, 0, 0);
  double now = 0.0;
  for (int op = 0; op < 40000; op++) {
    uint64_t r = sim_stream_next(&s);
    if ((r & 3) != 0 || nref == 0) { /* push, 3 times in 4 */
      double dt = (r & 4) ? floor(4.0 * sim_stream_uniform(&s)) : sim_stream_uniform(&s);
      sim_event ev = {.time = now + dt, .data = (uint32_t)op};
      cr_assert_eq(sim_calendar_push(&c, &ev), SIM_OK);
      ref[nref++] = ev;
    } else {
      size_t m = 0;
      for (size_t k = 1; k < nref; k++)
        if (before(&ref[k], &ref[m]))
          m = k;
      sim_event out;
      cr_assert_eq(sim_calendar_pop(&c, &out), 1);
      cr_assert(out.seq == ref[m].seq, "op %d: popped seq %llu, reference %llu", op,
                (unsigned long long)out.seq, (unsigned long long)ref[m].seq);
      now = out.time;
      ref[m] = ref[--nref];
    }
    cr_assert_eq(c.size, nref);
  }
  check_heap_invariant(&c);
  free(ref);
  sim_calendar_free(&c);
}

/* ------------------------------------------------------------ sim_ctx */

enum { EV_TICK, EV_OTHER, EV_UNHANDLED = 5 };

typedef struct log_entry {
  double time;
  uint32_t entity, data;
} log_entry;

typedef struct recorder {
  log_entry log[64];
  int n;
  int stop_at;    /* return SIM_ESTOP on this call number (1-based), 0 = never */
  int fail_at;    /* return SIM_EHANDLER on this call number, 0 = never */
  int fill_err;   /* when failing, write a message into ctx->err */
  int release_at; /* on this call, release the event's entity */
} recorder;

static int record(sim_ctx *ctx, const sim_event *ev, void *user) {
  recorder *r = user;
  cr_assert_lt(r->n, 64);
  r->log[r->n++] = (log_entry){ev->time, ev->entity, ev->data};
  cr_assert(ctx->now == ev->time, "the clock is the event's time during its handler");
  if (r->release_at == r->n)
    sim_pool_release(&ctx->pool, ev->entity);
  if (r->stop_at == r->n)
    return SIM_ESTOP;
  if (r->fail_at == r->n) {
    if (r->fill_err)
      snprintf(ctx->err, sizeof ctx->err, "test handler: failing on purpose");
    return SIM_EHANDLER;
  }
  return SIM_OK;
}

static sim_ctx *new_ctx(recorder *r) {
  sim_ctx *ctx = malloc(sizeof *ctx);
  cr_assert_not_null(ctx);
  cr_assert_eq(sim_ctx_init(ctx, 16, 1, 0), SIM_OK);
  cr_assert_eq(sim_ctx_on(ctx, EV_TICK, record, r), SIM_OK);
  cr_assert_eq(sim_ctx_on(ctx, EV_OTHER, record, r), SIM_OK);
  return ctx;
}

static void del_ctx(sim_ctx *ctx) {
  sim_ctx_free(ctx);
  free(ctx);
}

Test(ctx, released_entity_events_are_dropped_and_slot_reuse_is_safe) {
  recorder r = {0};
  sim_ctx *ctx = new_ctx(&r);
  uint32_t a, b;
  cr_assert_eq(sim_pool_alloc(&ctx->pool, &a), SIM_OK);
  for (uint32_t k = 1; k <= 3; k++)
    cr_assert_eq(sim_schedule(ctx, (double)k, EV_TICK, a, 100 + k), SIM_OK);
  sim_pool_release(&ctx->pool, a);
  cr_assert_eq(sim_pool_alloc(&ctx->pool, &b), SIM_OK);
  cr_assert_eq(b, a, "LIFO reuse: the new entity gets the same slot");
  cr_assert_eq(sim_schedule(ctx, 2.5, EV_TICK, b, 200), SIM_OK);
  cr_assert_eq(sim_schedule(ctx, 2.0, EV_OTHER, SIM_NO_ENTITY, 300), SIM_OK);

  cr_assert_eq(sim_run(ctx, INFINITY), SIM_OK);
  cr_assert_eq(r.n, 2);
  cr_assert(r.log[0].time == 2.0 && r.log[0].data == 300);
  cr_assert(r.log[1].time == 2.5 && r.log[1].entity == b && r.log[1].data == 200);
  cr_assert_eq(ctx->events_stale, 3);
  cr_assert_eq(ctx->events_processed, 2);
  del_ctx(ctx);
}

Test(ctx, release_inside_a_handler_cancels_later_events) {
  recorder r = {.release_at = 1};
  sim_ctx *ctx = new_ctx(&r);
  uint32_t a;
  cr_assert_eq(sim_pool_alloc(&ctx->pool, &a), SIM_OK);
  cr_assert_eq(sim_schedule(ctx, 1.0, EV_TICK, a, 1), SIM_OK);
  cr_assert_eq(sim_schedule(ctx, 2.0, EV_TICK, a, 2), SIM_OK);
  cr_assert_eq(sim_schedule(ctx, 3.0, EV_OTHER, a, 3), SIM_OK);
  cr_assert_eq(sim_run(ctx, 10.0), SIM_OK);
  cr_assert_eq(r.n, 1);
  cr_assert_eq(r.log[0].data, 1);
  cr_assert_eq(ctx->events_stale, 2);
  cr_assert_eq(ctx->events_processed, 1);
  cr_assert(ctx->now == 10.0, "now advances to until");
  del_ctx(ctx);
}

Test(ctx, scheduling_errors_are_rejected_with_a_message) {
  recorder r = {0};
  sim_ctx *ctx = new_ctx(&r);
  cr_assert_eq(sim_run(ctx, 10.0), SIM_OK);
  cr_assert(ctx->now == 10.0, "an empty run still advances the clock to until");

  cr_assert_eq(sim_schedule(ctx, 5.0, EV_TICK, SIM_NO_ENTITY, 0), SIM_EINVAL);
  cr_assert_not_null(strstr(ctx->err, "not before now"), "message: %s", ctx->err);
  ctx->err[0] = '\0';
  cr_assert_eq(sim_schedule(ctx, NAN, EV_TICK, SIM_NO_ENTITY, 0), SIM_EINVAL);
  cr_assert_neq(ctx->err[0], '\0');
  cr_assert_eq(sim_schedule(ctx, INFINITY, EV_TICK, SIM_NO_ENTITY, 0), SIM_EINVAL);
  cr_assert_eq(sim_schedule(ctx, 11.0, SIM_MAX_EVENT_TYPES, SIM_NO_ENTITY, 0), SIM_EINVAL);
  cr_assert_not_null(strstr(ctx->err, "out of range"), "message: %s", ctx->err);
  cr_assert_eq(sim_schedule(ctx, 11.0, EV_TICK, 0, 0), SIM_EINVAL, "slot 0 was never allocated");
  cr_assert_not_null(strstr(ctx->err, "not in use"), "message: %s", ctx->err);
  uint32_t a;
  cr_assert_eq(sim_pool_alloc(&ctx->pool, &a), SIM_OK);
  sim_pool_release(&ctx->pool, a);
  cr_assert_eq(sim_schedule(ctx, 11.0, EV_TICK, a, 0), SIM_EINVAL, "a released entity");
  cr_assert_eq(sim_ctx_on(ctx, SIM_MAX_EVENT_TYPES, record, &r), SIM_EINVAL);
  cr_assert_eq(ctx->cal.size, 0, "nothing was scheduled");

  cr_assert_eq(sim_schedule(ctx, 10.0, EV_TICK, SIM_NO_ENTITY, 0), SIM_OK, "t == now is fine");
  cr_assert_eq(sim_run(ctx, 10.0), SIM_OK, "events at exactly until run");
  cr_assert_eq(r.n, 1);
  del_ctx(ctx);
}

Test(ctx, event_without_handler_is_an_error) {
  recorder r = {0};
  sim_ctx *ctx = new_ctx(&r);
  cr_assert_eq(sim_schedule(ctx, 1.0, EV_TICK, SIM_NO_ENTITY, 0), SIM_OK);
  cr_assert_eq(sim_schedule(ctx, 2.0, EV_UNHANDLED, SIM_NO_ENTITY, 0), SIM_OK);
  cr_assert_eq(sim_schedule(ctx, 3.0, EV_TICK, SIM_NO_ENTITY, 0), SIM_OK);
  cr_assert_eq(sim_run(ctx, INFINITY), SIM_EINVAL);
  cr_assert_not_null(strstr(ctx->err, "no handler for event type 5"), "message: %s", ctx->err);
  cr_assert_eq(r.n, 1, "the run stopped at the unknown event");
  del_ctx(ctx);
}

Test(ctx, estop_ends_the_run_and_a_new_run_resumes) {
  recorder r = {.stop_at = 2};
  sim_ctx *ctx = new_ctx(&r);
  for (uint32_t k = 1; k <= 4; k++)
    cr_assert_eq(sim_schedule(ctx, (double)k, EV_TICK, SIM_NO_ENTITY, k), SIM_OK);
  cr_assert_eq(sim_run(ctx, 100.0), SIM_ESTOP);
  cr_assert(ctx->now == 2.0, "the clock stays at the stopping event");
  cr_assert_eq(ctx->cal.size, 2);
  cr_assert_eq(ctx->events_processed, 2);
  cr_assert_eq(sim_run(ctx, 3.5), SIM_OK);
  cr_assert_eq(r.n, 3);
  cr_assert(ctx->now == 3.5);
  cr_assert_eq(sim_run(ctx, INFINITY), SIM_OK);
  cr_assert_eq(r.n, 4);
  cr_assert(ctx->now == 4.0, "with until = inf the clock stays at the last event");
  del_ctx(ctx);
}

Test(ctx, handler_error_is_returned_with_a_message) {
  recorder r = {.fail_at = 1};
  sim_ctx *ctx = new_ctx(&r);
  cr_assert_eq(sim_schedule(ctx, 1.0, EV_TICK, SIM_NO_ENTITY, 0), SIM_OK);
  cr_assert_eq(sim_schedule(ctx, 2.0, EV_TICK, SIM_NO_ENTITY, 0), SIM_OK);
  cr_assert_eq(sim_run(ctx, INFINITY), SIM_EHANDLER);
  cr_assert_not_null(strstr(ctx->err, "failed with code"), "generic message: %s", ctx->err);
  cr_assert_eq(r.n, 1);

  r.fail_at = 2;
  r.fill_err = 1;
  cr_assert_eq(sim_run(ctx, INFINITY), SIM_EHANDLER);
  cr_assert_str_eq(ctx->err, "test handler: failing on purpose",
                   "the handler's own message is kept");
  del_ctx(ctx);
}

Test(ctx, run_rejects_nan_until) {
  recorder r = {0};
  sim_ctx *ctx = new_ctx(&r);
  cr_assert_eq(sim_run(ctx, NAN), SIM_EINVAL);
  del_ctx(ctx);
}
