/* test_calendar.c: the event calendar and the run loop of sim_ctx.
 *
 * Pins down: events leave the calendar in (time, seq) order, the same order
 * qsort gives, for random times, negative times, heavy ties and signed zeros;
 * ties leave in insertion order; the heap grows far past its initial
 * capacity; peek and pop on an empty calendar; a long random mix of pushes
 * and pops agrees with a naive reference queue. The far-future tier
 * (sim_calendar_set_tier) gives exactly the plain heap's pop order on the same
 * random operations (ties, pushes between pops, times on bucket boundaries,
 * far beyond the bucket window, huge, +inf and NaN), peek is always the next
 * pop, sizes count heap and tier, the heap array holds the heap part only
 * (not every pending event), the tier's bucket storage stays within the
 * pending events plus a block per bucket (also while the window drains into
 * the far list, which shares its blocks), the heap array gives back the
 * room a large bucket took once that bucket is past, and free releases every pending
 * event (checked under ASan). Reserved seqs: an event pushed later with a
 * seq reserved earlier leaves exactly where it would have left had it been
 * pushed then (ties included), and sim_schedule_reserved checks its
 * arguments. For sim_ctx: events of a
 * released entity are dropped (and counted) while a new occupant of the same
 * slot gets exactly its own events; scheduling in the past, at NaN or
 * infinity, for an out-of-range type or for an entity not in use is rejected
 * with a message; the event budget (max_events) stops a run after exactly
 * that many events; an event type without a handler stops the run with
 * SIM_EINVAL; SIM_ESTOP and handler errors end the run and are returned; the
 * clock is advanced to `until`.
 */
#include "sim/sim.h"

#include <criterion/criterion.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Under ASan, tests can ask LeakSanitizer for a leak check on the spot (the
 * report at exit would not fail a Criterion test). */
#if defined(__SANITIZE_ADDRESS__)
#define HAVE_LSAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define HAVE_LSAN 1
#endif
#endif
#ifdef HAVE_LSAN
#include <sanitizer/lsan_interface.h>
#define EXPECT_NO_LEAKS() cr_assert_eq(__lsan_do_recoverable_leak_check(), 0, "memory leaked")
#else
#define EXPECT_NO_LEAKS() ((void)0)
#endif

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
  for (size_t i = 1; i < c->hsize; i++)
    cr_assert(!before(&c->heap[i], &c->heap[(i - 1) / 4]), "heap order broken at %zu", i);
}

/* Pushes n events with times from draw(), pops them all and compares the
 * popped sequence with qsort on (time, seq). */
static void check_against_qsort_w(size_t n, double (*draw)(sim_stream *), uint64_t purpose,
                                  double width) {
  sim_calendar c;
  cr_assert_eq(sim_calendar_init(&c, 64), SIM_OK);
  cr_assert_eq(sim_calendar_set_tier(&c, width), SIM_OK);
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

/* The same with a plain heap and with far-future tiers of two widths. */
static void check_against_qsort(size_t n, double (*draw)(sim_stream *), uint64_t purpose) {
  check_against_qsort_w(n, draw, purpose, 0.0);
  check_against_qsort_w(n, draw, purpose, 1.0);
  check_against_qsort_w(n, draw, purpose, 0.01);
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

/* ------------------------------------------------------------ far-future tier */

/* Same contents, same order: a plain heap and a tiered calendar fed the same
 * operations must agree on every peek and pop. */
static void expect_same_event(const sim_event *a, const sim_event *b, long op) {
  cr_assert(memcmp(&a->time, &b->time, sizeof a->time) == 0 && a->seq == b->seq &&
                a->data == b->data && a->entity == b->entity,
            "op %ld: plain heap gives (%g, seq %llu), tiered (%g, seq %llu)", op, a->time,
            (unsigned long long)a->seq, b->time, (unsigned long long)b->seq);
}

static void expect_same_state(const sim_calendar *plain, const sim_calendar *tiered, long op) {
  cr_assert_eq(sim_calendar_size(tiered), sim_calendar_size(plain), "op %ld: sizes differ", op);
  cr_assert_eq(tiered->size, plain->size);
  cr_assert_leq(tiered->hsize, tiered->size);
  cr_assert_geq(tiered->cap, tiered->hsize, "op %ld: heap capacity below the heap part", op);
  const sim_event *a = sim_calendar_peek(plain), *b = sim_calendar_peek(tiered);
  cr_assert_eq(a == NULL, b == NULL, "op %ld: one peek is empty, the other not", op);
  if (a)
    expect_same_event(a, b, op);
}

/* A time for the random mixes: ties at now and on bucket boundaries, near,
 * far and very far (many windows ahead) times, huge ones, +inf, NaN, and now
 * and then one in the past or below zero. */
static double draw_mixed_time(sim_stream *s, double now, double width) {
  uint64_t r = sim_stream_next(s);
  double u = sim_stream_uniform(s);
  switch (r % 16) {
  case 0:
    return now; /* tie with the current time */
  case 1:
    return floor(now / width + 1.0 + floor(8.0 * u)) * width; /* exactly on a bucket start */
  case 2:
  case 3:
    return now + floor(20.0 * u); /* integer-day ties */
  case 4:
  case 5:
  case 6:
    return now + u * width; /* same or next bucket */
  case 7:
  case 8:
    return now - 50.0 * width * log(u); /* tens of buckets ahead */
  case 9:
    return now + u * 3000.0 * width; /* up to three windows ahead */
  case 10:
    return now + u * 1e7 * width; /* thousands of windows ahead */
  case 11:
    return (r >> 8) % 4 == 0 ? INFINITY : 1e300 * u; /* the top bucket and its neighbours */
  case 12:
    return (r >> 8) % 8 == 0 ? NAN : now - u * 10.0 * width; /* NaN, or in the past */
  case 13:
    return (r >> 8) % 8 == 0 ? -INFINITY : -u * 100.0 * width; /* below zero */
  default:
    return now + 2.0 * width * u;
  }
}

/* The same seeded random mix of pushes and pops, including pushes between
 * pops, long runs of pops down to an empty calendar, and pops until only the
 * +inf events remain, on a plain heap and on a tiered calendar. */
static void check_tier_equivalence(double width, uint64_t seed, long ops) {
  sim_calendar plain, tiered;
  cr_assert_eq(sim_calendar_init(&plain, 4), SIM_OK);
  cr_assert_eq(sim_calendar_init(&tiered, 4), SIM_OK);
  cr_assert_eq(sim_calendar_set_tier(&tiered, width), SIM_OK);
  cr_assert(tiered.tier_width == width);
  sim_stream s;
  sim_stream_init(&s, seed, 0, 0, 11);
  double now = 0.0;
  int mode = 0; /* 0 mixed, 1 pops only, 2 pushes only */
  long left = 0;
  for (long op = 0; op < ops; op++) {
    if (left-- <= 0) {
      uint64_t r = sim_stream_next(&s);
      mode = (int)(r % 8 == 0) + (int)(r % 8 == 1) * 2;
      left = (long)(r >> 40) % 3000;
    }
    uint64_t r = sim_stream_next(&s);
    int push = mode == 2 || (mode == 0 && (r & 3) != 0);
    if (push) {
      sim_event ev = {.time = draw_mixed_time(&s, now, width),
                      .entity = (uint32_t)(r >> 32),
                      .data = (uint32_t)op};
      sim_event ev2 = ev;
      cr_assert_eq(sim_calendar_push(&plain, &ev), SIM_OK);
      cr_assert_eq(sim_calendar_push(&tiered, &ev2), SIM_OK);
      cr_assert_eq(ev.seq, ev2.seq, "seq is assigned at push, in push order");
    } else {
      const sim_event *p = sim_calendar_peek(&tiered);
      sim_event want = p ? *p : (sim_event){0};
      sim_event a, b;
      int ra = sim_calendar_pop(&plain, &a), rb = sim_calendar_pop(&tiered, &b);
      if (rb)
        expect_same_event(&want, &b, op); /* peek showed the event pop returned */
      cr_assert_eq(ra, rb, "op %ld: pop results differ", op);
      if (ra) {
        expect_same_event(&a, &b, op);
        if (isfinite(a.time))
          now = a.time;
      } else {
        now = 0.0; /* start again from an empty calendar */
      }
    }
    expect_same_state(&plain, &tiered, op);
  }
  check_heap_invariant(&tiered);
  /* drain both completely */
  sim_event a, b;
  long n = 0;
  while (sim_calendar_pop(&plain, &a)) {
    cr_assert_eq(sim_calendar_pop(&tiered, &b), 1);
    expect_same_event(&a, &b, ops + n++);
    expect_same_state(&plain, &tiered, ops + n);
  }
  cr_assert_eq(sim_calendar_pop(&tiered, &b), 0);
  cr_assert_eq(sim_calendar_size(&tiered), 0);
  sim_calendar_free(&plain);
  sim_calendar_free(&tiered);
}

Test(tier, same_pop_order_as_plain_heap_random_mix) {
  check_tier_equivalence(1.0, 1, 300000);
  check_tier_equivalence(30.0, 2, 300000);
  check_tier_equivalence(0.001, 3, 300000);
  check_tier_equivalence(1e6, 4, 100000);
  check_tier_equivalence(0.7, 5, 100000); /* bucket starts that are not exact in binary */
}

/* A hold model (pop one, push it back a random step later) with a large
 * pending set spread over many buckets and beyond the window. */
Test(tier, same_pop_order_as_plain_heap_hold_model) {
  sim_calendar plain, tiered;
  cr_assert_eq(sim_calendar_init(&plain, 16), SIM_OK);
  cr_assert_eq(sim_calendar_init(&tiered, 16), SIM_OK);
  cr_assert_eq(sim_calendar_set_tier(&tiered, 0.5), SIM_OK);
  sim_stream s;
  sim_stream_init(&s, 77, 0, 0, 12);
  for (uint32_t i = 0; i < 20000; i++) {
    double t = floor(-2000.0 * log(sim_stream_uniform(&s))) / 4.0; /* ties, out to ~5 windows */
    sim_event ev = {.time = t, .data = i}, ev2 = ev;
    cr_assert_eq(sim_calendar_push(&plain, &ev), SIM_OK);
    cr_assert_eq(sim_calendar_push(&tiered, &ev2), SIM_OK);
  }
  cr_assert_lt(tiered.hsize, tiered.size / 10, "most events wait in the tier");
  for (long op = 0; op < 200000; op++) {
    sim_event a, b;
    cr_assert_eq(sim_calendar_pop(&plain, &a), 1);
    cr_assert_eq(sim_calendar_pop(&tiered, &b), 1);
    expect_same_event(&a, &b, op);
    double step =
        (op % 5 == 0) ? 3000.0 * sim_stream_uniform(&s) : floor(4.0 * sim_stream_uniform(&s));
    a.time += step;
    b.time += step;
    cr_assert_eq(sim_calendar_push(&plain, &a), SIM_OK);
    cr_assert_eq(sim_calendar_push(&tiered, &b), SIM_OK);
    expect_same_state(&plain, &tiered, op);
    /* the heap array holds the heap part (a bucket or so), not every pending
     * event as the plain heap's must */
    cr_assert_lt(tiered.cap, tiered.size / 4, "op %ld: heap array of %zu events, %zu pending", op,
                 tiered.cap, tiered.size);
  }
  cr_assert_geq(plain.cap, plain.size);
  sim_calendar_free(&plain);
  sim_calendar_free(&tiered);
}

Test(tier, grows_and_counts) {
  sim_calendar c;
  cr_assert_eq(sim_calendar_init(&c, 0), SIM_OK);
  cr_assert_eq(sim_calendar_set_tier(&c, 1.0), SIM_OK);
  const size_t n = 200000;
  sim_stream s;
  sim_stream_init(&s, 8, 0, 0, 0);
  for (size_t i = 0; i < n; i++) {
    sim_event ev = {.time = 5000.0 * sim_stream_uniform(&s), .data = (uint32_t)i};
    cr_assert_eq(sim_calendar_push(&c, &ev), SIM_OK);
    cr_assert_eq(sim_calendar_size(&c), i + 1);
  }
  cr_assert_lt(c.hsize, 1000, "only the first bucket is in the heap");
  cr_assert_geq(sim_calendar_capacity(&c), n, "the arrays, heap and tier, hold every event");
  cr_assert_lt(sim_calendar_capacity(&c), 4 * n, "and not much more");
  /* ~40 events a bucket: the heap array holds a bucket, not the 200 000
   * pending events (it was reserved for all of them until issue 14) */
  cr_assert_leq(c.cap, 1024, "heap array of %zu events for %zu in the heap", c.cap, c.hsize);
  sim_event out, prev = {.time = -1.0};
  size_t popped = 0, max_cap = 0;
  while (sim_calendar_pop(&c, &out)) {
    cr_assert(!before(&out, &prev), "out of order at pop %zu", popped);
    prev = out;
    popped++;
    cr_assert_eq(sim_calendar_size(&c), n - popped);
    cr_assert_geq(c.cap, c.hsize);
    if (c.cap > max_cap)
      max_cap = c.cap;
  }
  cr_assert_leq(max_cap, 1024, "the heap array grew to %zu events", max_cap);
  cr_assert_eq(popped, n);
  cr_assert_null(sim_calendar_peek(&c));
  sim_calendar_free(&c);
}

/* +inf and NaN wait behind every finite time and leave in insertion order;
 * finite events pushed once only they are left still come first. */
Test(tier, infinite_times) {
  sim_calendar c;
  cr_assert_eq(sim_calendar_init(&c, 4), SIM_OK);
  cr_assert_eq(sim_calendar_set_tier(&c, 7.0), SIM_OK);
  sim_event ev = {.time = INFINITY, .data = 0};
  cr_assert_eq(sim_calendar_push(&c, &ev), SIM_OK); /* first ever event: +inf */
  cr_assert(sim_calendar_peek(&c)->time == INFINITY);
  ev = (sim_event){.time = 3.0, .data = 1};
  cr_assert_eq(sim_calendar_push(&c, &ev), SIM_OK);
  ev = (sim_event){.time = INFINITY, .data = 2};
  cr_assert_eq(sim_calendar_push(&c, &ev), SIM_OK);
  ev = (sim_event){.time = 1e300, .data = 3};
  cr_assert_eq(sim_calendar_push(&c, &ev), SIM_OK);
  ev = (sim_event){.time = 100.0, .data = 4};
  cr_assert_eq(sim_calendar_push(&c, &ev), SIM_OK);
  cr_assert_eq(sim_calendar_size(&c), 5);
  sim_event out;
  const uint32_t want1[] = {1, 4, 3, 0};
  for (int i = 0; i < 4; i++) {
    cr_assert_eq(sim_calendar_pop(&c, &out), 1);
    cr_assert_eq(out.data, want1[i], "pop %d: data %u, want %u", i, out.data, want1[i]);
  }
  /* only an +inf event is left; finite times pushed now still come first */
  for (uint32_t k = 0; k < 50; k++) {
    ev = (sim_event){.time = 10.0 + (double)(49 - k) * 100.0, .data = 100 + k};
    cr_assert_eq(sim_calendar_push(&c, &ev), SIM_OK);
  }
  ev = (sim_event){.time = INFINITY, .data = 200};
  cr_assert_eq(sim_calendar_push(&c, &ev), SIM_OK);
  cr_assert_lt(c.hsize, c.size, "the tier is in use again");
  for (uint32_t k = 0; k < 50; k++) {
    cr_assert_eq(sim_calendar_pop(&c, &out), 1);
    cr_assert_eq(out.data, 149 - k);
  }
  cr_assert_eq(sim_calendar_pop(&c, &out), 1);
  cr_assert_eq(out.data, 2, "the +inf events in insertion order");
  cr_assert_eq(sim_calendar_pop(&c, &out), 1);
  cr_assert_eq(out.data, 200);
  cr_assert_eq(sim_calendar_pop(&c, &out), 0);
  sim_calendar_free(&c);
}

/* Pushes times[] on a plain heap and a tiered calendar, then pops both dry,
 * pushing a later event after every third pop; all pops must agree. */
static void check_times_against_plain(const double *times, size_t n, double width, double later) {
  sim_calendar plain, tiered;
  cr_assert_eq(sim_calendar_init(&plain, 4), SIM_OK);
  cr_assert_eq(sim_calendar_init(&tiered, 4), SIM_OK);
  cr_assert_eq(sim_calendar_set_tier(&tiered, width), SIM_OK);
  for (size_t i = 0; i < n; i++) {
    sim_event ev = {.time = times[i], .data = (uint32_t)i}, ev2 = ev;
    cr_assert_eq(sim_calendar_push(&plain, &ev), SIM_OK);
    cr_assert_eq(sim_calendar_push(&tiered, &ev2), SIM_OK);
    expect_same_state(&plain, &tiered, (long)i);
  }
  sim_event a, b;
  long op = 0;
  double prev = -INFINITY;
  while (sim_calendar_pop(&plain, &a)) {
    cr_assert_eq(sim_calendar_pop(&tiered, &b), 1);
    expect_same_event(&a, &b, op);
    if (!isnan(a.time)) {
      cr_assert(a.time >= prev, "times leave in order");
      prev = a.time;
    }
    if (op++ % 3 == 0 && a.time + later < 1e300) {
      sim_event ev = {.time = a.time + later, .data = 1000 + (uint32_t)op}, ev2 = ev;
      cr_assert_eq(sim_calendar_push(&plain, &ev), SIM_OK);
      cr_assert_eq(sim_calendar_push(&tiered, &ev2), SIM_OK);
    }
    expect_same_state(&plain, &tiered, op);
  }
  cr_assert_eq(sim_calendar_pop(&tiered, &b), 0);
  sim_calendar_free(&plain);
  sim_calendar_free(&tiered);
}

/* Times far past the window, up to and beyond the clamp of the bucket index
 * (2^62 buckets): long empty stretches are skipped in one step (stepping
 * bucket by bucket would take ~1e15 steps here) and the order is kept. */
Test(tier, times_far_beyond_the_window) {
  const double times[] = {1e15,
                          5.0,
                          4e18,
                          4.6e18,
                          4.7e18,
                          1e300,
                          1.79e308,
                          1e15 + 1,
                          2e9,
                          -1e300,
                          -5e18,
                          -1e15,
                          0.5,
                          1e15,
                          5e3,
                          INFINITY,
                          -INFINITY,
                          0x1p62,
                          0x1p62 - 1024.0,
                          0x1p62 + 2048.0,
                          -0x1p62,
                          NAN,
                          1e15,
                          2e9 + 0.5,
                          3.0};
  const size_t n = sizeof times / sizeof *times;
  check_times_against_plain(times, n, 1.0, 1e12);
  check_times_against_plain(times, n, 1.0, 0.25);
  check_times_against_plain(times, n, 1e-3, 1e6);
  check_times_against_plain(times, n, 1e200, 1.0); /* everything in a handful of buckets */
}

/* Peek always shows what the next pop returns, whether the heap was just
 * refilled from a bucket, from the far list or from the top bucket. */
Test(tier, peek_is_the_next_pop) {
  sim_calendar c;
  cr_assert_eq(sim_calendar_init(&c, 4), SIM_OK);
  cr_assert_eq(sim_calendar_set_tier(&c, 2.0), SIM_OK);
  sim_stream s;
  sim_stream_init(&s, 5, 0, 0, 13);
  for (uint32_t i = 0; i < 5000; i++) {
    double u = sim_stream_uniform(&s);
    double t = i % 97 == 0 ? INFINITY : i % 5 == 0 ? 1e6 * u : floor(300.0 * u);
    sim_event ev = {.time = t, .data = i};
    cr_assert_eq(sim_calendar_push(&c, &ev), SIM_OK);
  }
  sim_event out;
  size_t left = 5000;
  while (left) {
    const sim_event *p = sim_calendar_peek(&c);
    cr_assert_not_null(p);
    sim_event want = *p;
    cr_assert_eq(sim_calendar_pop(&c, &out), 1);
    cr_assert(out.seq == want.seq && out.data == want.data);
    cr_assert_eq(sim_calendar_size(&c), --left);
    cr_assert_eq(c.hsize == 0, left == 0, "the heap is empty only when the calendar is");
  }
  cr_assert_null(sim_calendar_peek(&c));
  sim_calendar_free(&c);
}

/* Freeing with events pending in every part (heap, window buckets, far list,
 * top bucket) releases everything: run under ASan/LeakSanitizer. */
Test(tier, free_with_pending_events) {
  for (int round = 0; round < 3; round++) {
    sim_calendar c;
    cr_assert_eq(sim_calendar_init(&c, 1), SIM_OK);
    cr_assert_eq(sim_calendar_set_tier(&c, 1.0), SIM_OK);
    for (uint32_t i = 0; i < 20000; i++) {
      double t = i % 4 == 0 ? 1e9 + i : i % 4 == 1 ? INFINITY : (double)(i % 3000) + 0.5;
      sim_event ev = {.time = t, .data = i};
      cr_assert_eq(sim_calendar_push(&c, &ev), SIM_OK);
    }
    sim_event out;
    for (int k = 0; k < round * 7000; k++) /* round 2 reaches the far list */
      cr_assert_eq(sim_calendar_pop(&c, &out), 1);
    cr_assert_eq(sim_calendar_size(&c), 20000u - (unsigned)round * 7000u);
    sim_calendar_free(&c);
    cr_assert_null(c.heap);
    cr_assert_null(c.tier);
    cr_assert_eq(c.size, 0);
    sim_calendar_free(&c); /* safe twice */
  }
  EXPECT_NO_LEAKS();
}

/* A push into an earlier bucket while the heap holds only a few events of
 * later buckets gives those back to the tier (kept: the earlier ones). */
Test(tier, late_push_gives_later_buckets_back_to_the_tier) {
  sim_calendar c, plain;
  cr_assert_eq(sim_calendar_init(&c, 4), SIM_OK);
  cr_assert_eq(sim_calendar_init(&plain, 4), SIM_OK);
  const double times[] = {2.0, 5.0, INFINITY, 5e6, 2.5, 3.0, 2.25, 1.0, 5.5};
  for (size_t i = 0; i < sizeof times / sizeof *times; i++) {
    if (i == 4) { /* the tier starts past the first four, all in the heap */
      cr_assert_eq(sim_calendar_set_tier(&c, 1.0), SIM_OK);
      cr_assert_eq(c.hsize, 4);
    }
    sim_event ev = {.time = times[i], .data = (uint32_t)i}, ev2 = ev;
    cr_assert_eq(sim_calendar_push(&plain, &ev), SIM_OK);
    cr_assert_eq(sim_calendar_push(&c, &ev2), SIM_OK);
    expect_same_state(&plain, &c, (long)i);
  }
  cr_assert_eq(c.hsize, 1, "only t=1 is in the heap");
  cr_assert_eq(sim_calendar_size(&c), 9);
  sim_event a, b;
  long op = 0;
  while (sim_calendar_pop(&plain, &a)) {
    cr_assert_eq(sim_calendar_pop(&c, &b), 1);
    expect_same_event(&a, &b, op++);
    expect_same_state(&plain, &c, op);
  }
  sim_calendar_free(&c);
  sim_calendar_free(&plain);
}

/* Setup code scheduling in descending time order still leaves the heap small. */
Test(tier, descending_pushes_keep_the_heap_small) {
  sim_calendar c;
  cr_assert_eq(sim_calendar_init(&c, 4), SIM_OK);
  cr_assert_eq(sim_calendar_set_tier(&c, 1.0), SIM_OK);
  for (uint32_t i = 0; i < 20000; i++) {
    sim_event ev = {.time = 20000.0 - (double)i * 0.5, .data = i};
    cr_assert_eq(sim_calendar_push(&c, &ev), SIM_OK);
    cr_assert_leq(c.hsize, 2);
  }
  sim_event out;
  for (uint32_t i = 0; i < 20000; i++) {
    cr_assert_eq(sim_calendar_pop(&c, &out), 1);
    cr_assert_eq(out.data, 19999 - i);
  }
  sim_calendar_free(&c);
}

/* Descending pushes move the window back again and again, and the buckets
 * that fall past its end are spliced into the far list of whole events;
 * events of a type without a packed far list (>= 64) far ahead are appended
 * to that list between the splices. Every event comes out in the plain
 * heap's order (an append that missed the spliced head block's count would
 * overwrite or skip a slot). */
Test(tier, far_list_takes_appends_between_splices) {
  sim_calendar c, plain;
  cr_assert_eq(sim_calendar_init(&c, 4), SIM_OK);
  cr_assert_eq(sim_calendar_init(&plain, 4), SIM_OK);
  cr_assert_eq(sim_calendar_set_tier(&c, 1.0), SIM_OK);
  for (uint32_t i = 0; i < 30000; i++) {
    const int far = i >= 3000 && i % 3 == 0; /* after the first splices into an empty list */
    sim_event ev = {.time = far ? 40000.0 + (double)(i % 977) * 1.5 : 20000.0 - (double)i * 0.75,
                    .type = far ? 64 + i % 7 : i % 64,
                    .entity = i,
                    .data = i},
              ev2 = ev;
    cr_assert_eq(sim_calendar_push(&plain, &ev), SIM_OK);
    cr_assert_eq(sim_calendar_push(&c, &ev2), SIM_OK);
  }
  sim_event a, b;
  long op = 0;
  while (sim_calendar_pop(&plain, &a)) {
    cr_assert_eq(sim_calendar_pop(&c, &b), 1);
    expect_same_event(&a, &b, op++);
  }
  cr_assert_eq(sim_calendar_pop(&c, &b), 0);
  sim_calendar_free(&c);
  sim_calendar_free(&plain);
}

Test(tier, set_tier_arguments_and_switching_with_events_pending) {
  sim_calendar c, plain;
  cr_assert_eq(sim_calendar_init(&c, 4), SIM_OK);
  cr_assert_eq(sim_calendar_init(&plain, 4), SIM_OK);
  cr_assert_eq(sim_calendar_set_tier(&c, -1.0), SIM_EINVAL);
  cr_assert_eq(sim_calendar_set_tier(&c, NAN), SIM_EINVAL);
  cr_assert_eq(sim_calendar_set_tier(&c, INFINITY), SIM_EINVAL);
  cr_assert_eq(sim_calendar_set_tier(&c, 1e-320), SIM_EINVAL, "1 / width overflows");
  cr_assert_null(c.tier);
  cr_assert_eq(sim_calendar_set_tier(&c, 0.0), SIM_OK, "a plain heap stays a plain heap");
  cr_assert_null(c.tier);

  sim_stream s;
  sim_stream_init(&s, 6, 0, 0, 14);
  long op = 0;
  /* width schedule: on before any event, changed, off and on again with events pending */
  const double widths[] = {0.0, 3.0, 0.25, 0.0, 50.0, 3.0, 0.0};
  for (size_t phase = 0; phase < sizeof widths / sizeof *widths; phase++) {
    cr_assert_eq(sim_calendar_set_tier(&c, widths[phase]), SIM_OK);
    cr_assert_eq(c.tier != NULL, widths[phase] > 0.0);
    expect_same_state(&plain, &c, op);
    for (int k = 0; k < 3000; k++, op++) {
      double u = sim_stream_uniform(&s);
      if (k % 3 != 2) {
        double t = (double)phase * 100.0 + (k % 2 ? floor(500.0 * u) : 1e5 * u);
        sim_event ev = {.time = t, .data = (uint32_t)op}, ev2 = ev;
        cr_assert_eq(sim_calendar_push(&plain, &ev), SIM_OK);
        cr_assert_eq(sim_calendar_push(&c, &ev2), SIM_OK);
      } else {
        sim_event a, b;
        cr_assert_eq(sim_calendar_pop(&plain, &a), 1);
        cr_assert_eq(sim_calendar_pop(&c, &b), 1);
        expect_same_event(&a, &b, op);
      }
      expect_same_state(&plain, &c, op);
    }
  }
  sim_event a, b;
  while (sim_calendar_pop(&plain, &a)) {
    cr_assert_eq(sim_calendar_pop(&c, &b), 1);
    expect_same_event(&a, &b, op++);
  }
  sim_calendar_free(&c);
  sim_calendar_free(&plain);
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

/* max_events: the run fails once that many events were handled (0 = no
 * limit), with a message; the largest finite time can be scheduled, -inf not. */
Test(ctx, event_budget_stops_the_run_with_a_message) {
  recorder r = {0};
  sim_ctx *ctx = new_ctx(&r);
  ctx->max_events = 3;
  for (int i = 0; i < 5; i++)
    cr_assert_eq(sim_schedule(ctx, (double)i, EV_TICK, SIM_NO_ENTITY, (uint32_t)i), SIM_OK);
  cr_assert_eq(sim_run(ctx, INFINITY), SIM_EINVAL);
  cr_assert_eq(r.n, 3, "exactly max_events handled");
  cr_assert_eq(ctx->events_processed, 3);
  cr_assert_not_null(strstr(ctx->err, "more than 3 events"), "message: %s", ctx->err);
  del_ctx(ctx);

  recorder r2 = {0};
  ctx = new_ctx(&r2);
  cr_assert_eq(ctx->max_events, 0, "no limit by default");
  for (int i = 0; i < 5; i++)
    cr_assert_eq(sim_schedule(ctx, (double)i, EV_TICK, SIM_NO_ENTITY, (uint32_t)i), SIM_OK);
  cr_assert_eq(sim_schedule(ctx, -INFINITY, EV_TICK, SIM_NO_ENTITY, 0), SIM_EINVAL);
  cr_assert_eq(sim_schedule(ctx, DBL_MAX, EV_TICK, SIM_NO_ENTITY, 7), SIM_OK);
  cr_assert_eq(sim_run(ctx, INFINITY), SIM_OK);
  cr_assert_eq(r2.n, 6);
  cr_assert(r2.log[5].time == DBL_MAX && r2.log[5].data == 7);
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

/* sim_run's checks on events pushed on ctx->cal directly (sim_schedule never
 * makes these): the stale test (one branch in sim_run: a slot in use with
 * another or an even generation, a slot past the pool's use, no entity with
 * any generation) and the handler lookup (a type past the table, whose low
 * bits name a handler, is still "no handler"). */
static sim_event direct_event(double t, uint32_t entity, uint32_t gen, uint32_t type,
                              uint32_t data) {
  return (sim_event){.time = t, .entity = entity, .gen = gen, .type = type, .data = data};
}

Test(ctx, events_pushed_directly_are_checked_by_the_run) {
  recorder r = {0};
  sim_ctx *ctx = new_ctx(&r);
  uint32_t a, b;
  cr_assert_eq(sim_pool_alloc(&ctx->pool, &a), SIM_OK); /* gen 1 */
  sim_pool_release(&ctx->pool, a);                      /* gen 2: free */
  cr_assert_eq(sim_pool_alloc(&ctx->pool, &b), SIM_OK); /* the same slot (LIFO), gen 3 */
  cr_assert_eq(b, a);
  cr_assert_eq(sim_pool_gen(&ctx->pool, a), 3);
  uint32_t c;
  cr_assert_eq(sim_pool_alloc(&ctx->pool, &c), SIM_OK); /* gen 1 */
  sim_pool_release(&ctx->pool, c);                      /* gen 2: free */
  sim_event e[] = {
      direct_event(1.0, SIM_NO_ENTITY, 12345, EV_TICK, 1), /* handled: no entity */
      direct_event(2.0, a, 3, EV_TICK, 2),                 /* handled: alive */
      direct_event(3.0, a, 1, EV_TICK, 3),                 /* stale: older generation */
      direct_event(4.0, c, 2, EV_TICK, 4),    /* stale: the free slot's (even) generation */
      direct_event(5.0, 1000, 1, EV_TICK, 5), /* stale: slot never handed out */
      direct_event(6.0, a, 3, EV_OTHER, 6),   /* handled */
  };
  for (size_t i = 0; i < sizeof e / sizeof e[0]; i++)
    cr_assert_eq(sim_calendar_push(&ctx->cal, &e[i]), SIM_OK);
  cr_assert_eq(sim_run(ctx, INFINITY), SIM_OK);
  cr_assert_eq(r.n, 3);
  cr_assert_eq(r.log[0].data, 1);
  cr_assert_eq(r.log[1].data, 2);
  cr_assert_eq(r.log[2].data, 6);
  cr_assert_eq(ctx->events_stale, 3);

  sim_event bad = direct_event(7.0, SIM_NO_ENTITY, 0, SIM_MAX_EVENT_TYPES + EV_TICK, 7);
  cr_assert_eq(sim_calendar_push(&ctx->cal, &bad), SIM_OK);
  cr_assert_eq(sim_run(ctx, INFINITY), SIM_EINVAL);
  cr_assert_not_null(strstr(ctx->err, "no handler for event type 64"), "message: %s", ctx->err);
  cr_assert_eq(r.n, 3, "not handled by the handler of type %d", EV_TICK);
  del_ctx(ctx);
}

/* The handler sees every field of the event as scheduled (the heap stores a
 * pushed event as two 16-byte halves: a field in the wrong place shows here),
 * through a pop with and without a sift. */
typedef struct field_probe {
  int n;
  sim_event seen[8];
} field_probe;

static int probe_fields(sim_ctx *ctx, const sim_event *ev, void *user) {
  (void)ctx;
  field_probe *p = user;
  cr_assert_lt(p->n, 8);
  p->seen[p->n++] = *ev;
  return SIM_OK;
}

Test(ctx, handlers_see_every_field_as_scheduled) {
  field_probe p = {0};
  sim_ctx *ctx = malloc(sizeof *ctx);
  cr_assert_not_null(ctx);
  cr_assert_eq(sim_ctx_init(ctx, 16, 1, 0), SIM_OK);
  cr_assert_eq(sim_ctx_on(ctx, 63, probe_fields, &p), SIM_OK);
  cr_assert_eq(sim_ctx_on(ctx, 1, probe_fields, &p), SIM_OK);
  uint32_t s;
  for (int i = 0; i < 3; i++)
    cr_assert_eq(sim_pool_alloc(&ctx->pool, &s), SIM_OK);
  sim_pool_release(&ctx->pool, s);
  cr_assert_eq(sim_pool_alloc(&ctx->pool, &s), SIM_OK); /* slot 2, gen 3 */
  /* pushed out of order, so that some sift past others */
  const double t[] = {5.5, 0x1p40, 0.25, 3.0, DBL_MAX, 0.0};
  const uint32_t data[] = {0xffffffffu, 0x80000001u, 7, 0, 0x12345678u, 42};
  for (int i = 0; i < 6; i++)
    cr_assert_eq(sim_schedule(ctx, t[i], i % 2 ? 63 : 1, i % 3 ? s : SIM_NO_ENTITY, data[i]),
                 SIM_OK);
  cr_assert_eq(sim_run(ctx, INFINITY), SIM_OK);
  cr_assert_eq(p.n, 6);
  const int order[] = {5, 2, 3, 0, 1, 4}; /* by time */
  for (int k = 0; k < 6; k++) {
    const int i = order[k];
    const sim_event *e = &p.seen[k];
    cr_assert(e->time == t[i], "event %d: time %g", k, e->time);
    cr_assert_eq(e->seq, (uint64_t)i, "event %d: seq", k);
    cr_assert_eq(e->type, i % 2 ? 63u : 1u, "event %d: type", k);
    cr_assert_eq(e->entity, i % 3 ? s : SIM_NO_ENTITY, "event %d: entity", k);
    cr_assert_eq(e->gen, i % 3 ? 3u : 0u, "event %d: gen", k);
    cr_assert_eq(e->data, data[i], "event %d: data", k);
  }
  sim_ctx_free(ctx);
  free(ctx);
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

Test(ctx, calendar_tier_keeps_the_run_identical) {
  recorder plain_r = {0}, tier_r = {0};
  sim_ctx *plain = new_ctx(&plain_r), *tiered = new_ctx(&tier_r);
  cr_assert_eq(sim_ctx_set_calendar_tier(tiered, -3.0), SIM_EINVAL);
  cr_assert_not_null(strstr(tiered->err, "width"), "message: %s", tiered->err);
  cr_assert_eq(sim_ctx_set_calendar_tier(tiered, 0.5), SIM_OK);
  for (uint32_t i = 0; i < 60; i++) {
    double t = (double)((i * 37) % 101) / 3.0 + (i % 7 == 0 ? 1e6 : 0.0);
    cr_assert_eq(sim_schedule(plain, t, i % 2 ? EV_TICK : EV_OTHER, SIM_NO_ENTITY, i), SIM_OK);
    cr_assert_eq(sim_schedule(tiered, t, i % 2 ? EV_TICK : EV_OTHER, SIM_NO_ENTITY, i), SIM_OK);
  }
  cr_assert_eq(sim_calendar_size(&tiered->cal), 60);
  cr_assert_eq(sim_run(plain, 20.0), SIM_OK);
  cr_assert_eq(sim_run(tiered, 20.0), SIM_OK);
  cr_assert_eq(sim_calendar_size(&tiered->cal), sim_calendar_size(&plain->cal));
  cr_assert_eq(sim_run(plain, INFINITY), SIM_OK);
  cr_assert_eq(sim_run(tiered, INFINITY), SIM_OK);
  cr_assert_eq(tier_r.n, 60);
  cr_assert_eq(plain_r.n, 60);
  for (int k = 0; k < 60; k++)
    cr_assert(plain_r.log[k].time == tier_r.log[k].time &&
                  plain_r.log[k].data == tier_r.log[k].data,
              "event %d differs", k);
  del_ctx(plain);
  del_ctx(tiered);
}

/* ------------------------------------------------- dropping pending events */

static int keep_not_multiple_of_3(const sim_event *ev, void *user) {
  (void)user;
  return ev->data % 3 != 0;
}

/* sim_calendar_retain drops exactly the events the predicate rejects and the
 * rest leave in (time, seq) order, on a plain heap and on tiers of two widths,
 * with events in the heap, the window buckets, the far list and the top
 * bucket (draw_mixed_time), and pops and pushes before and after. */
static void check_retain(double width) {
  enum { N = 6000, FIRST_POPS = 1000, LATER = 2000 };
  sim_calendar c;
  cr_assert_eq(sim_calendar_init(&c, 16), SIM_OK);
  cr_assert_eq(sim_calendar_set_tier(&c, width), SIM_OK);
  sim_stream s;
  sim_stream_init(&s, 77, 0, 0, 3);
  sim_event *ref = malloc((N + LATER) * sizeof *ref);
  cr_assert_not_null(ref);
  size_t nref = 0;
  for (uint32_t i = 0; i < N; i++) {
    double t = draw_mixed_time(&s, 0.0, width > 0 ? width : 1.0);
    sim_event ev = {.time = isnan(t) || t < 0 ? 0.0 : t, .entity = SIM_NO_ENTITY, .data = i};
    cr_assert_eq(sim_calendar_push(&c, &ev), SIM_OK);
    ref[nref++] = ev;
  }
  qsort(ref, nref, sizeof *ref, event_cmp);
  sim_event out;
  size_t r = 0;
  for (; r < FIRST_POPS; r++) {
    cr_assert_eq(sim_calendar_pop(&c, &out), 1);
    cr_assert(out.seq == ref[r].seq);
  }
  double now = out.time;
  size_t before_size = sim_calendar_size(&c), expect_dropped = 0;
  for (size_t i = r; i < nref; i++)
    expect_dropped += ref[i].data % 3 == 0;
  cr_assert_eq(sim_calendar_retain(&c, keep_not_multiple_of_3, NULL), expect_dropped);
  cr_assert_eq(sim_calendar_size(&c), before_size - expect_dropped);
  check_heap_invariant(&c);
  size_t k = 0;
  for (size_t i = r; i < nref; i++)
    if (ref[i].data % 3 != 0)
      ref[k++] = ref[i];
  nref = k;
  for (uint32_t i = 0; i < LATER; i++) { /* pushes after the purge, all kept */
    double t = now + fabs(draw_mixed_time(&s, 0.0, width > 0 ? width : 1.0));
    sim_event ev = {.time = isnan(t) ? now : t, .entity = SIM_NO_ENTITY, .data = 3 * i + 1};
    cr_assert_eq(sim_calendar_push(&c, &ev), SIM_OK);
    ref[nref++] = ev;
  }
  qsort(ref, nref, sizeof *ref, event_cmp);
  for (size_t i = 0; i < nref; i++) {
    cr_assert_eq(sim_calendar_pop(&c, &out), 1);
    cr_assert(out.seq == ref[i].seq && out.data == ref[i].data, "pop %zu after the purge", i);
    cr_assert_neq(out.data % 3, 0, "a dropped event came back");
  }
  cr_assert_eq(sim_calendar_pop(&c, &out), 0);
  free(ref);
  sim_calendar_free(&c);
}

Test(calendar, retain_drops_exactly_the_rejected_events_and_keeps_the_order) {
  check_retain(0.0);
  check_retain(1.0);
  check_retain(0.01);
}

/* The keep function that sim_calendar_retain_live must match, written from
 * sim_pool_alive: an event is kept iff it has no entity or its entity is
 * alive with the event's generation. */
static int keep_alive_reference(const sim_event *ev, void *pool) {
  return ev->entity == SIM_NO_ENTITY || sim_pool_alive(pool, ev->entity, ev->gen);
}

/* sim_calendar_retain_live (the purge's walk with the stale test inlined)
 * drops the same events as sim_calendar_retain with keep_alive_reference,
 * and the two calendars then pop the same events in the same order: a pool
 * of 3 000 entities, a third released and a sixth of those reused (a new
 * generation in the same slot), events of every kind of entity (and without
 * one) spread over the heap, the window, the far list and the top bucket. */
static void check_retain_live(double width) {
  enum { ENT = 3000, N = 12000 };
  sim_pool pool;
  cr_assert_eq(sim_pool_init(&pool, 8, 16), SIM_OK);
  uint32_t *slot = malloc(ENT * sizeof *slot), *gen = malloc(ENT * sizeof *gen);
  cr_assert(slot && gen);
  for (uint32_t i = 0; i < ENT; i++) {
    cr_assert_eq(sim_pool_alloc(&pool, &slot[i]), SIM_OK);
    gen[i] = sim_pool_gen(&pool, slot[i]);
  }
  sim_calendar a, b;
  cr_assert_eq(sim_calendar_init(&a, 16), SIM_OK);
  cr_assert_eq(sim_calendar_init(&b, 16), SIM_OK);
  cr_assert_eq(sim_calendar_set_tier(&a, width), SIM_OK);
  cr_assert_eq(sim_calendar_set_tier(&b, width), SIM_OK);
  sim_stream s;
  sim_stream_init(&s, 78, 0, 0, 3);
  for (uint32_t i = 0; i < N; i++) {
    double t = draw_mixed_time(&s, 0.0, width > 0 ? width : 1.0);
    uint32_t who = (uint32_t)(sim_stream_next(&s) % (ENT + 1)); /* ENT: no entity */
    sim_event ev = {.time = isnan(t) || t < 0 ? 0.0 : t,
                    .entity = who < ENT ? slot[who] : SIM_NO_ENTITY,
                    .gen = who < ENT ? gen[who] : 0,
                    .data = i};
    sim_event ev2 = ev;
    cr_assert_eq(sim_calendar_push(&a, &ev), SIM_OK);
    cr_assert_eq(sim_calendar_push(&b, &ev2), SIM_OK);
  }
  sim_event x, y;
  for (int i = 0; i < 500; i++) { /* some events leave the heap first */
    cr_assert_eq(sim_calendar_pop(&a, &x), 1);
    cr_assert_eq(sim_calendar_pop(&b, &y), 1);
  }
  size_t released = 0;
  for (uint32_t i = 0; i < ENT; i += 3) {
    sim_pool_release(&pool, slot[i]);
    released++;
  }
  for (size_t i = 0; i < released / 6; i++) { /* reused slots: a new generation */
    uint32_t r;
    cr_assert_eq(sim_pool_alloc(&pool, &r), SIM_OK);
  }
  size_t before = sim_calendar_size(&a);
  size_t da = sim_calendar_retain_live(&a, &pool);
  size_t db = sim_calendar_retain(&b, keep_alive_reference, &pool);
  cr_assert_eq(da, db);
  cr_assert_gt(da, before / 5, "the purge dropped only %zu of %zu events", da, before);
  cr_assert_eq(sim_calendar_size(&a), sim_calendar_size(&b));
  check_heap_invariant(&a);
  size_t n = 0;
  while (sim_calendar_pop(&a, &x) == 1) {
    cr_assert_eq(sim_calendar_pop(&b, &y), 1);
    cr_assert(x.seq == y.seq && x.data == y.data, "pop %zu after the purge", n);
    cr_assert(keep_alive_reference(&x, &pool), "a stale event was kept");
    n++;
  }
  cr_assert_eq(sim_calendar_pop(&b, &y), 0);
  cr_assert_eq(n, before - da);
  free(slot);
  free(gen);
  sim_calendar_free(&a);
  sim_calendar_free(&b);
  sim_pool_free(&pool);
}

Test(calendar, retain_live_drops_the_stale_events_as_the_keep_function_does) {
  check_retain_live(0.0);
  check_retain_live(1.0);
  check_retain_live(0.01);
}

/* The purge of departed entities' events in sim_run (purge_departed) does not
 * change the run: 100 000 entities, each with an event soon that releases it
 * and two events far ahead that are then stale; the handled events (their
 * order hashed) are the same with the purge on and off, and the purge has
 * dropped stale events before their time. */
typedef struct purge_probe {
  uint64_t hash, handled;
} purge_probe;

static int release_on_first(sim_ctx *ctx, const sim_event *ev, void *user) {
  purge_probe *p = user;
  p->hash = sim_hash64(p->hash ^ (uint64_t)ev->data ^ ((uint64_t)ev->entity << 32));
  p->handled++;
  if (ev->data == 0) {
    sim_pool_release(&ctx->pool, ev->entity);
    uint32_t slot; /* the slot is reused at once: its old events must stay stale */
    if (sim_pool_alloc(&ctx->pool, &slot) != SIM_OK)
      return SIM_ENOMEM;
    return sim_schedule(ctx, ctx->now + 1e4 + (double)(p->handled % 97), EV_TICK, slot, 2);
  }
  return SIM_OK;
}

static void run_purge_case(int purge, purge_probe *p, uint64_t *purged, uint64_t *stale) {
  enum { N = 100000 };
  sim_ctx *ctx = malloc(sizeof *ctx);
  cr_assert_not_null(ctx);
  cr_assert_eq(sim_ctx_init(ctx, 8, 1, 0), SIM_OK);
  cr_assert_eq(sim_ctx_set_calendar_tier(ctx, 1.0), SIM_OK);
  cr_assert_eq(sim_ctx_on(ctx, EV_TICK, release_on_first, p), SIM_OK);
  if (!purge)
    ctx->purge_at = UINT64_MAX;
  for (uint32_t i = 0; i < N; i++) {
    uint32_t slot;
    cr_assert_eq(sim_pool_alloc(&ctx->pool, &slot), SIM_OK);
    double soon = (double)(i % 1000) / 7.0;
    cr_assert_eq(sim_schedule(ctx, soon, EV_TICK, slot, 0), SIM_OK);
    cr_assert_eq(sim_schedule(ctx, 5000.0 + (double)(i % 3001), EV_TICK, slot, 1), SIM_OK);
    cr_assert_eq(sim_schedule(ctx, 2e4 + (double)i, EV_TICK, slot, 1), SIM_OK);
  }
  cr_assert_eq(sim_run(ctx, INFINITY), SIM_OK);
  *purged = ctx->events_purged;
  *stale = ctx->events_stale;
  sim_ctx_free(ctx);
  free(ctx);
}

Test(ctx, purging_departed_entities_events_keeps_the_run_identical) {
  purge_probe on = {0}, off = {0};
  uint64_t purged_on, stale_on, purged_off, stale_off;
  run_purge_case(1, &on, &purged_on, &stale_on);
  run_purge_case(0, &off, &purged_off, &stale_off);
  cr_assert_eq(on.handled, off.handled);
  cr_assert_eq(on.hash, off.hash, "the purge changed which events ran or their order");
  cr_assert_eq(purged_off, 0);
  cr_assert_eq(stale_off, 200000, "every far event of a released entity is stale");
  cr_assert_gt(purged_on, 0, "the purge ran");
  cr_assert_eq(purged_on + stale_on, 200000, "each stale event is dropped once, either way");
}

/* ------------------------------------------------------------ reserved seqs */

/* A hold model where every handled event schedules a chain of two: X after a
 * step and Y after X (often at X's very time, a tie). The reference pushes
 * both at once; the lazy calendar pushes X, only reserves Y's seq (the one
 * after X's), and pushes Y with it when X leaves. Both must give the same
 * events in the same order, seqs included, on the plain heap and on tiers;
 * the lazy one holds exactly the outstanding Ys fewer. */
static void check_reserved_chain(double width, uint64_t purpose, long ops) {
  sim_calendar ref, lazy;
  cr_assert_eq(sim_calendar_init(&ref, 16), SIM_OK);
  cr_assert_eq(sim_calendar_init(&lazy, 16), SIM_OK);
  cr_assert_eq(sim_calendar_set_tier(&ref, width), SIM_OK);
  cr_assert_eq(sim_calendar_set_tier(&lazy, width), SIM_OK);
  const size_t max_seq = 3 * (size_t)ops + 4000;
  double *y_time = malloc(max_seq * sizeof *y_time); /* by X's seq: Y's time, or NaN */
  cr_assert_not_null(y_time);
  for (size_t i = 0; i < max_seq; i++)
    y_time[i] = NAN;
  sim_stream s;
  sim_stream_init(&s, 4242, 0, 0, purpose);
  size_t outstanding = 0, chains = 0;
  for (uint32_t i = 0; i < 2000; i++) { /* a starting set with ties */
    sim_event a = {.time = floor(50.0 * sim_stream_uniform(&s)), .data = i}, b = a;
    cr_assert_eq(sim_calendar_push(&ref, &a), SIM_OK);
    cr_assert_eq(sim_calendar_push(&lazy, &b), SIM_OK);
  }
  for (long op = 0; op < ops; op++) {
    sim_event a, b;
    cr_assert_eq(sim_calendar_pop(&ref, &a), 1);
    cr_assert_eq(sim_calendar_pop(&lazy, &b), 1);
    expect_same_event(&a, &b, op);
    cr_assert(b.time >= a.time - 0.0);
    if (!isnan(y_time[b.seq])) { /* b is an X: its Y goes in now, with the seq after b's */
      sim_event y = {.time = y_time[b.seq], .seq = b.seq + 1, .data = b.data + 1};
      cr_assert_eq(sim_calendar_push_reserved(&lazy, &y), SIM_OK);
      outstanding--;
    }
    double u = sim_stream_uniform(&s);
    double step = u < 0.2 ? floor(400.0 * sim_stream_uniform(&s)) : floor(4.0 * u);
    sim_event x = {.time = a.time + step, .data = (uint32_t)op * 2}, x2 = x;
    cr_assert_eq(sim_calendar_push(&ref, &x), SIM_OK);
    cr_assert_eq(sim_calendar_push(&lazy, &x2), SIM_OK);
    cr_assert_eq(x.seq, x2.seq);
    if (sim_stream_uniform(&s) < 0.5) { /* a chain: Y after X */
      double gap = sim_stream_uniform(&s) < 0.3 ? 0.0 : floor(3000.0 * sim_stream_uniform(&s));
      sim_event y = {.time = x.time + gap, .data = x.data + 1};
      cr_assert_eq(sim_calendar_push(&ref, &y), SIM_OK);
      cr_assert_eq(sim_calendar_reserve(&lazy), x2.seq + 1);
      cr_assert_eq(y.seq, x2.seq + 1);
      cr_assert_lt(x2.seq, max_seq);
      y_time[x2.seq] = y.time;
      outstanding++;
      chains++;
    }
    cr_assert_eq(ref.size - lazy.size, outstanding, "op %ld: the lazy calendar holds %zu, not %zu",
                 op, lazy.size, ref.size - outstanding);
  }
  cr_assert_gt(chains, (size_t)ops / 3);
  cr_assert_gt(outstanding, 100, "some Ys are still held back");
  free(y_time);
  sim_calendar_free(&ref);
  sim_calendar_free(&lazy);
}

Test(reserved, pushed_later_leave_where_pushed_at_once) {
  check_reserved_chain(0.0, 1, 200000);
  check_reserved_chain(1.0, 2, 200000);
  check_reserved_chain(0.25, 3, 100000);
  check_reserved_chain(1000.0, 4, 100000);
}

/* A seq reserved before 40 pushes (at t = 5 and at +inf), pushed last at
 * t = 5: it leaves first, by its older seq, on the plain heap and a tier. */
Test(reserved, ties_sort_by_the_reserved_seq) {
  for (int tiered = 0; tiered < 2; tiered++) {
    sim_calendar c;
    cr_assert_eq(sim_calendar_init(&c, 4), SIM_OK);
    cr_assert_eq(sim_calendar_set_tier(&c, tiered ? 1.0 : 0.0), SIM_OK);
    uint64_t r = sim_calendar_reserve(&c); /* seq 0 */
    cr_assert_eq(r, 0);
    for (uint32_t i = 1; i <= 40; i++) { /* seqs 1..40 at t = 5, and at +inf */
      sim_event e = {.time = i % 2 ? 5.0 : INFINITY, .data = i};
      cr_assert_eq(sim_calendar_push(&c, &e), SIM_OK);
      cr_assert_eq(e.seq, i);
    }
    sim_event late = {.time = 5.0, .seq = r, .data = 0};
    cr_assert_eq(sim_calendar_push_reserved(&c, &late), SIM_OK);
    cr_assert_eq(sim_calendar_size(&c), 41);
    sim_event out;
    uint64_t last_seq = 0;
    for (int k = 0; k < 41; k++) {
      cr_assert_eq(sim_calendar_pop(&c, &out), 1);
      if (k == 0)
        cr_assert(out.seq == 0 && out.time == 5.0, "the reserved seq leaves first among t = 5");
      else if (k != 21) /* within a time, by seq */
        cr_assert_gt(out.seq, last_seq);
      cr_assert(k <= 20 ? out.time == 5.0 : isinf(out.time), "pop %d at %g", k, out.time);
      last_seq = out.seq;
    }
    cr_assert_eq(sim_calendar_pop(&c, &out), 0);
    sim_calendar_free(&c);
  }
}

static int note_seq(sim_ctx *ctx, const sim_event *ev, void *user) {
  (void)ctx;
  uint64_t *log = user;
  log[log[0]++ + 1] = ev->seq;
  return SIM_OK;
}

Test(reserved, schedule_reserved_checks_and_order) {
  sim_ctx *ctx = malloc(sizeof *ctx);
  cr_assert_not_null(ctx);
  cr_assert_eq(sim_ctx_init(ctx, 8, 1, 0), SIM_OK);
  uint64_t log[8] = {0};
  cr_assert_eq(sim_ctx_on(ctx, 0, note_seq, log), SIM_OK);
  cr_assert_eq(sim_schedule(ctx, 2.0, 0, SIM_NO_ENTITY, 0), SIM_OK); /* seq 0 */
  uint64_t r = sim_ctx_reserve(ctx);                                 /* seq 1 */
  cr_assert_eq(sim_schedule(ctx, 2.0, 0, SIM_NO_ENTITY, 0), SIM_OK); /* seq 2 */
  cr_assert_eq(sim_schedule_reserved(ctx, 2.0, 0, SIM_NO_ENTITY, 0, 3), SIM_EINVAL);
  cr_assert(strstr(ctx->err, "never reserved") != NULL, "%s", ctx->err);
  cr_assert_eq(sim_schedule_reserved(ctx, NAN, 0, SIM_NO_ENTITY, 0, r), SIM_EINVAL);
  cr_assert_eq(sim_schedule_reserved(ctx, 2.0, 0, 5, 0, r), SIM_EINVAL, "entity not in use");
  cr_assert_eq(sim_schedule_reserved(ctx, 2.0, 0, SIM_NO_ENTITY, 0, r), SIM_OK);
  cr_assert_eq(sim_run(ctx, INFINITY), SIM_OK);
  cr_assert_eq(log[0], 3);
  cr_assert(log[1] == 0 && log[2] == 1 && log[3] == 2, "ties leave by seq, the reserved one 2nd");
  sim_ctx_free(ctx);
  free(ctx);
}

/* The hold model of the two storage tests below: n events on days
 * [0, days), then ops pops from a plain and a tiered calendar (the same
 * events in the same order), each popped event pushed again `gap` + up to
 * `spread` days on. Every 1000 ops the tier's storage (without the heap
 * array) must stay within the pending events plus `blocks` blocks of 128
 * events; it must hold most events at some point. */
static void hold_storage_bounded(uint32_t n, double days, long ops, double gap, double spread,
                                 size_t blocks, uint64_t seed) {
  enum { BLK = 128 };
  sim_calendar plain, tiered;
  cr_assert_eq(sim_calendar_init(&plain, 16), SIM_OK);
  cr_assert_eq(sim_calendar_init(&tiered, 16), SIM_OK);
  cr_assert_eq(sim_calendar_set_tier(&tiered, 1.0), SIM_OK);
  sim_stream s;
  sim_stream_init(&s, seed, 0, 0, 1);
  for (uint32_t i = 0; i < n; i++) {
    sim_event ev = {.time = days * sim_stream_uniform(&s), .data = i}, ev2 = ev;
    cr_assert_eq(sim_calendar_push(&plain, &ev), SIM_OK);
    cr_assert_eq(sim_calendar_push(&tiered, &ev2), SIM_OK);
  }
  size_t worst = 0;
  for (long op = 0; op < ops; op++) {
    sim_event a, b;
    cr_assert_eq(sim_calendar_pop(&plain, &a), 1);
    cr_assert_eq(sim_calendar_pop(&tiered, &b), 1);
    expect_same_event(&a, &b, op);
    a.time = b.time = b.time + gap + spread * sim_stream_uniform(&s);
    cr_assert_eq(sim_calendar_push(&plain, &a), SIM_OK);
    cr_assert_eq(sim_calendar_push(&tiered, &b), SIM_OK);
    if (op % 1000 == 0) {
      size_t tier_cap = sim_calendar_capacity(&tiered) - tiered.cap; /* without the heap array */
      size_t bound = tiered.size + blocks * (size_t)BLK;
      cr_assert_leq(tier_cap, bound, "op %ld: room for %zu events in the tier, %zu pending", op,
                    tier_cap, tiered.size);
      if (tier_cap > worst)
        worst = tier_cap;
    }
  }
  cr_assert_gt(worst, (size_t)n / 2, "the tier held most events");
  sim_calendar_free(&plain);
  sim_calendar_free(&tiered);
}

/* The tier's window buckets are lists of fixed blocks (128 events in
 * calendar.c, at most 512 free blocks kept): each bucket holds its events and
 * less than one block more, so the tier's storage is bounded by the pending
 * events plus a block per bucket and the free blocks, where doubling arrays
 * held up to twice their events. 300 000 events in 100 one-day buckets, then
 * a hold model that keeps them there: the bound holds throughout, and the
 * order is still the plain heap's. */
Test(tier, bucket_storage_follows_the_pending_events) {
  enum { N = 300000, DAYS = 100, FREE_MAX = 512 };
  /* each pop's event pushed again within the window; a block per bucket */
  hold_storage_bounded(N, DAYS, 2 * N, 0.0, DAYS - 1, DAYS + 1 + FREE_MAX, 99);
}

/* The far list is in the same blocks as the window's buckets. A hold model
 * whose events all move from the window to the far list (each pop pushes its
 * event 1100-1200 days on, past the 1024-day window), then back into the
 * window at a rebase, and again: the window drains while the far list grows.
 * The tier's storage stays within the pending events plus a block per
 * non-empty bucket, one for the far list and the free blocks (the far list as
 * a doubling array held up to twice its events, beside the window's freed
 * blocks), and the order is the plain heap's. */
Test(tier, far_list_storage_follows_the_pending_events) {
  enum { N = 270000, DAYS = 100, FREE_MAX = 512 };
  /* past the window; the events' spread is at most 400 days */
  hold_storage_bounded(N, DAYS, 3 * (long)N, 1100.0, DAYS, 4 * DAYS + 2 + FREE_MAX, 98);
}

/* The heap array takes a whole bucket when it refills, so a day with many
 * events grows it; once that day is past, a refill gives the room back down
 * to the largest bucket still pending plus a half (the array must take any
 * bucket). 100 000 events on day 5, then 1000 a day on days 6 .. 29: after
 * day 5 the array is sized for the 1000, not the 100 000; the order is the
 * plain heap's throughout. */
Test(tier, heap_array_shrinks_after_a_large_bucket) {
  enum { BIG = 100000, DAY = 1000 };
  sim_calendar plain, tiered;
  cr_assert_eq(sim_calendar_init(&plain, 16), SIM_OK);
  cr_assert_eq(sim_calendar_init(&tiered, 16), SIM_OK);
  cr_assert_eq(sim_calendar_set_tier(&tiered, 1.0), SIM_OK);
  sim_stream s;
  sim_stream_init(&s, 97, 0, 0, 1);
  for (uint32_t i = 0; i < BIG + 24 * DAY; i++) {
    double t =
        i < BIG ? 5.0 + sim_stream_uniform(&s) : 6.0 + (i - BIG) / DAY + sim_stream_uniform(&s);
    sim_event ev = {.time = t, .data = i}, ev2 = ev;
    cr_assert_eq(sim_calendar_push(&plain, &ev), SIM_OK);
    cr_assert_eq(sim_calendar_push(&tiered, &ev2), SIM_OK);
  }
  size_t most = 0;
  long op = 0;
  sim_event a, b;
  while (sim_calendar_pop(&plain, &a)) {
    cr_assert_eq(sim_calendar_pop(&tiered, &b), 1);
    expect_same_event(&a, &b, op++);
    if (a.time < 6.0 && tiered.cap > most)
      most = tiered.cap;
    if (a.time >= 7.0)
      cr_assert_leq(tiered.cap, (size_t)2 * DAY, "day %g: heap array for %zu events", a.time,
                    tiered.cap);
  }
  cr_assert_eq(sim_calendar_pop(&tiered, &b), 0);
  cr_assert_geq(most, (size_t)BIG, "day 5 took the array");
  sim_calendar_free(&plain);
  sim_calendar_free(&tiered);
}

/* Far events are packed (24 bytes, one list per type) when their type is
 * below 64 and their seq fits 32 bits, and kept whole otherwise. Types 0-69
 * and seqs that cross 2^32 during the run, events far past the window, a
 * purge: every field of every pop is the plain heap's. */
static int keep_odd_data(const sim_event *ev, void *user) {
  (void)user;
  return ev->data % 7 != 3;
}

Test(tier, packed_and_whole_far_events_keep_every_field) {
  enum { N = 60000 };
  sim_calendar plain, tiered;
  cr_assert_eq(sim_calendar_init(&plain, 16), SIM_OK);
  cr_assert_eq(sim_calendar_init(&tiered, 16), SIM_OK);
  cr_assert_eq(sim_calendar_set_tier(&tiered, 1.0), SIM_OK);
  plain.next_seq = tiered.next_seq = (uint64_t)UINT32_MAX - N; /* crosses 2^32 below */
  sim_stream s;
  sim_stream_init(&s, 96, 0, 0, 1);
  for (uint32_t i = 0; i < N; i++) {
    sim_event ev = {.time = 3000.0 * sim_stream_uniform(&s),
                    .entity = i * 7u,
                    .gen = i ^ 0x5555u,
                    .type = i % 70,
                    .data = i},
              ev2 = ev;
    cr_assert_eq(sim_calendar_push(&plain, &ev), SIM_OK);
    cr_assert_eq(sim_calendar_push(&tiered, &ev2), SIM_OK);
  }
  for (long op = 0; op < 4 * (long)N; op++) {
    if (op == N)
      cr_assert_eq(sim_calendar_retain(&tiered, keep_odd_data, NULL),
                   sim_calendar_retain(&plain, keep_odd_data, NULL));
    sim_event a, b;
    cr_assert_eq(sim_calendar_pop(&plain, &a), 1);
    cr_assert_eq(sim_calendar_pop(&tiered, &b), 1);
    expect_same_event(&a, &b, op);
    cr_assert(a.type == b.type && a.gen == b.gen, "op %ld: type or gen differ", op);
    a.time = b.time = b.time + 2000.0 * sim_stream_uniform(&s);
    cr_assert_eq(sim_calendar_push(&plain, &a), SIM_OK);
    cr_assert_eq(sim_calendar_push(&tiered, &b), SIM_OK);
  }
  cr_assert_gt(plain.next_seq, (uint64_t)UINT32_MAX + N, "seqs past 32 bits were pushed");
  sim_event a, b;
  while (sim_calendar_pop(&plain, &a)) {
    cr_assert_eq(sim_calendar_pop(&tiered, &b), 1);
    expect_same_event(&a, &b, -1);
    cr_assert(a.type == b.type && a.gen == b.gen);
  }
  cr_assert_eq(sim_calendar_pop(&tiered, &b), 0);
  sim_calendar_free(&plain);
  sim_calendar_free(&tiered);
}

/* ------------------------------------------------------------ sub-buckets */

/* Sub-buckets (sim/calendar.c): a bucket of many events is counting-sorted
 * by sub-bucket and the heap holds one sub-bucket at a time; pushes into a
 * later sub-bucket of the current bucket wait beside it. The same operations
 * on a plain heap and on a tiered calendar must agree on every peek and pop:
 * buckets of thousands of events (so that they are staged), times on and
 * next to sub-bucket edges, whole-day ties, negative days, pushes into the
 * current, a later and the next sub-bucket between pops, reserved seqs
 * pushed later, purges (sim_calendar_retain) while sub-buckets are staged,
 * and switching the tier off and on with sub-buckets staged. */
static int keep_data_not_3_mod_7(const sim_event *ev, void *user) {
  (void)user;
  return ev->data % 7 != 3;
}

static double draw_sub_time(sim_stream *s, double now, double width) {
  uint64_t r = sim_stream_next(s);
  double u = sim_stream_uniform(s);
  double day = floor(now / width) * width;
  switch (r % 10) {
  case 0:
    return now; /* a tie with now */
  case 1:
    return day + width * floor(1.0 + 3.0 * u); /* a whole later bucket: ties */
  case 2: { /* on or next to a sub-bucket edge of this bucket or the next */
    double edge = day + width * (floor(64.0 * u) / 32.0);
    int side = (int)((r >> 8) % 3);
    return side == 0 ? edge : side == 1 ? nextafter(edge, INFINITY) : nextafter(edge, -INFINITY);
  }
  case 3:
  case 4:
    return now + width * u / 64.0; /* very likely the current sub-bucket */
  case 5:
  case 6:
    return now + (day + width - now) * u; /* later in this bucket */
  default:
    return now + 3.0 * width * u; /* this bucket or the next few */
  }
}

static void check_sub_buckets(double width, uint64_t seed) {
  sim_calendar plain, tiered;
  cr_assert_eq(sim_calendar_init(&plain, 4), SIM_OK);
  cr_assert_eq(sim_calendar_init(&tiered, 4), SIM_OK);
  cr_assert_eq(sim_calendar_set_tier(&tiered, width), SIM_OK);
  sim_stream s;
  sim_stream_init(&s, seed, 0, 0, 12);
  enum { FILL = 60000, OPS = 400000, MAXRES = 64 };
  /* days -4 .. 7: about 5000 events a bucket, an eighth at whole buckets */
  for (uint32_t i = 0; i < FILL; i++) {
    double u = sim_stream_uniform(&s);
    double t = width * (-4.0 + 12.0 * u);
    if (i % 8 == 0)
      t = width * floor(t / width);
    sim_event a = {.time = t, .data = i}, b = a;
    cr_assert_eq(sim_calendar_push(&plain, &a), SIM_OK);
    cr_assert_eq(sim_calendar_push(&tiered, &b), SIM_OK);
  }
  sim_event res[MAXRES]; /* reserved seqs waiting to be pushed */
  size_t nres = 0, staged_seen = 0, late_seen = 0;
  double now = -4.0 * width;
  for (long op = 0; op < OPS; op++) {
    uint64_t r = sim_stream_next(&s);
    if (op == OPS / 2) { /* the tier off and on again with sub-buckets staged */
      cr_assert_gt(tiered.sub_left, 0);
      cr_assert_eq(sim_calendar_set_tier(&tiered, 0.0), SIM_OK);
      cr_assert_eq(tiered.sub_left, 0);
      cr_assert_eq(sim_calendar_set_tier(&tiered, width), SIM_OK);
    }
    if (op % 20011 == 20010) { /* a purge */
      size_t da = sim_calendar_retain(&plain, keep_data_not_3_mod_7, NULL);
      size_t db = sim_calendar_retain(&tiered, keep_data_not_3_mod_7, NULL);
      cr_assert_eq(da, db, "op %ld: the purges dropped %zu and %zu", op, da, db);
      check_heap_invariant(&tiered);
    } else if ((r & 7) < 3 || sim_calendar_size(&plain) == 0) { /* a push */
      sim_event a = {.time = draw_sub_time(&s, now, width), .data = (uint32_t)(r >> 32)};
      if ((r >> 3) % 16 == 0 && nres < MAXRES) { /* reserve now, push later */
        a.seq = sim_calendar_reserve(&plain);
        cr_assert_eq(sim_calendar_reserve(&tiered), a.seq);
        res[nres++] = a;
        continue;
      }
      sim_event b = a;
      cr_assert_eq(sim_calendar_push(&plain, &a), SIM_OK);
      cr_assert_eq(sim_calendar_push(&tiered, &b), SIM_OK);
      late_seen += tiered.sub_left > 0 && b.time >= now;
    } else if ((r & 7) == 3 && nres > 0) { /* push a reserved seq, at or after now */
      sim_event e = res[--nres];
      if (e.time < now)
        e.time = now;
      cr_assert_eq(sim_calendar_push_reserved(&plain, &e), SIM_OK);
      cr_assert_eq(sim_calendar_push_reserved(&tiered, &e), SIM_OK);
    } else { /* a pop */
      sim_event a, b;
      cr_assert_eq(sim_calendar_pop(&plain, &a), 1);
      cr_assert_eq(sim_calendar_pop(&tiered, &b), 1);
      expect_same_event(&a, &b, op);
      now = a.time;
    }
    staged_seen += tiered.sub_left > 0;
    expect_same_state(&plain, &tiered, op);
  }
  cr_assert_gt(staged_seen, OPS / 4, "sub-buckets were staged during %zu ops only", staged_seen);
  cr_assert_gt(late_seen, 1000);
  while (nres > 0) {
    sim_event e = res[--nres];
    if (e.time < now)
      e.time = now;
    cr_assert_eq(sim_calendar_push_reserved(&plain, &e), SIM_OK);
    cr_assert_eq(sim_calendar_push_reserved(&tiered, &e), SIM_OK);
  }
  sim_event a, b;
  long n = 0;
  while (sim_calendar_pop(&plain, &a)) {
    cr_assert_eq(sim_calendar_pop(&tiered, &b), 1);
    expect_same_event(&a, &b, OPS + n++);
    expect_same_state(&plain, &tiered, OPS + n);
  }
  cr_assert_eq(sim_calendar_pop(&tiered, &b), 0);
  sim_calendar_free(&plain);
  sim_calendar_free(&tiered);
  EXPECT_NO_LEAKS();
}

/* Buckets far from zero, still staged (|b| < 2^52 for 256 sub-buckets):
 * times 2^51 and -2^51 plus halves, eight buckets of ties. */
static double draw_far_halves(sim_stream *s) {
  double u = sim_stream_uniform(s);
  return (u < 0.5 ? 0x1p51 : -0x1p51) + 0.5 * floor(32.0 * u);
}

Test(tier, sub_buckets_far_from_zero) { check_against_qsort(20000, draw_far_halves, 13); }

Test(tier, sub_buckets_keep_the_plain_heap_order) {
  check_sub_buckets(1.0, 21);
  check_sub_buckets(0.7, 22); /* sub-bucket edges that are not exact in binary */
}
