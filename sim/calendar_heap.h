/* calendar_heap.h: the calendar's hot paths, inline, for sim/calendar.c and
 * sim/ctx.c only (not part of the engine's API: the rest of the project uses
 * sim_calendar_push / sim_calendar_pop / sim_schedule / sim_run).
 *
 * sim_run pops and sim_schedule pushes once per event; on a small model (the
 * M/M/1 of bench/engine.c) the two calls, their register saves and the event
 * copies through memory were a quarter of the engine's instructions. With the
 * heap's fast paths here both are inlined into the run loop and into
 * sim_schedule; everything that involves the far-future tier's buckets stays
 * out of line in calendar.c (cal_push_tier, cal_push_slow, cal_refill).
 *
 * Order of times, and why the code below looks the way it does.
 *
 * Semantically the order is (time, seq). To be fast the sifts compare the
 * IEEE-754 bit patterns of the times as signed 64-bit integers: for two times
 * that are not both negative this gives the same answer as comparing the
 * doubles, and integer compares become conditional moves where double
 * compares become unpredictable branches (on the hold model with 1000
 * pending events: about 11 million events/s with branches, over 30 million
 * without). Equal times need the seq tie-break and two negative
 * times compare the wrong way round as integers; both are detected and sent
 * to the careful path: in the pop's sift, a tournament on (key, seq) pairs
 * that is exact and also free of branches (cal_best_of_4), elsewhere
 * cal_before().
 *
 * cal_before() maps the bits to an order-preserving unsigned key (sign bit
 * set for a positive double, all bits flipped for a negative one). push()
 * turns -0.0 into +0.0 so that equal times always have equal bits; the key
 * also gives NaN a fixed place (after +inf, or before -inf when its sign bit
 * is set), keeping the heap consistent even though sim_schedule rejects NaN.
 */
#ifndef BIJSIM_CALENDAR_HEAP_H
#define BIJSIM_CALENDAR_HEAP_H

#include "sim/sim.h"

#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* The push and pop fast paths are SIM_ALWAYS_INLINE (sim/sim.h). */

#define CAL_RESPLIT 32                 /* see cal_resplit in calendar.c */
#define CAL_IDX_TOP (INT64_C(1) << 62) /* bucket of +inf, +NaN and t / W >= 2^62 */
#define CAL_IDX_BOT (-CAL_IDX_TOP)     /* bucket of -inf, -NaN and t / W < -2^62 */

static inline int64_t cal_bits(double t) {
  int64_t v;
  memcpy(&v, &t, sizeof v);
  return v;
}

static inline uint64_t cal_key(double t) {
  uint64_t u;
  memcpy(&u, &t, sizeof u);
  uint64_t neg = 0 - (u >> 63); /* all ones for a negative double */
  return u ^ (neg | UINT64_C(0x8000000000000000));
}

/* (time, seq) order. seq is unique within a calendar, so this is total. */
static inline int cal_before(const sim_event *a, const sim_event *b) {
  uint64_t ka = cal_key(a->time), kb = cal_key(b->time);
  return ka < kb || (ka == kb && a->seq < b->seq);
}

/* The event at byte offset `off` of the heap array (see cal_heap_pop). */
static inline sim_event *cal_at(sim_event *h, size_t off) {
  return (sim_event *)(void *)((char *)h + off);
}

/* Index of the earliest of the children first .. min(first + 4, n) - 1. */
static inline size_t cal_min_child(const sim_event *h, size_t first, size_t n) {
  size_t end = first + 4 < n ? first + 4 : n;
  size_t best = first;
  for (size_t k = first + 1; k < end; k++)
    if (cal_before(&h[k], &h[best]))
      best = k;
  return best;
}

/* Byte offset of the earliest of the four events at byte offsets first ..
 * first + 3E, in the exact (time, seq) order: a tournament on (key, seq)
 * pairs written as ?: on plain values, so that compilers emit conditional
 * moves, not branches. Exact for ties and negative times alike: in a large
 * model many events share a time (a day's events at the same instant), and
 * a tie used to send the whole level down a branchy careful path. */
static inline size_t cal_best_of_4(const sim_event *h, size_t first) {
  enum { E = sizeof(sim_event) };
  const sim_event *k = (const sim_event *)(const void *)((const char *)h + first);
  const uint64_t a0 = cal_key(k[0].time), a1 = cal_key(k[1].time);
  const uint64_t a2 = cal_key(k[2].time), a3 = cal_key(k[3].time);
  const int l01 = (a1 < a0) | ((a1 == a0) & (k[1].seq < k[0].seq)); /* 1 before 0 */
  const int l23 = (a3 < a2) | ((a3 == a2) & (k[3].seq < k[2].seq)); /* 3 before 2 */
  const uint64_t m01 = l01 ? a1 : a0, q01 = l01 ? k[1].seq : k[0].seq;
  const uint64_t m23 = l23 ? a3 : a2, q23 = l23 ? k[3].seq : k[2].seq;
  const size_t o01 = l01 ? first + E : first, o23 = l23 ? first + 3 * E : first + 2 * E;
  const int l = (m23 < m01) | ((m23 == m01) & (q23 < q01));
  return l ? o23 : o01;
}

/* Bucket of time t for 1 / W = inv: floor(t * inv), clamped to
 * [CAL_IDX_BOT, CAL_IDX_TOP]; NaNs go to the end their sign bit gives them in
 * cal_key. Non-decreasing in the (cal_key) order of t. */
static inline int64_t cal_bucket(double inv, double t) {
  double q = t * inv;
  if (q >= -0x1p62 && q < 0x1p62) {
    int64_t b = (int64_t)q; /* truncates toward zero */
    return b - ((double)b > q);
  }
  if (isnan(q))
    return signbit(t) ? CAL_IDX_BOT : CAL_IDX_TOP;
  return q > 0 ? CAL_IDX_TOP : CAL_IDX_BOT;
}

/* Stores a new event into the heap array as two 16-byte stores. A struct
 * built from its fields is written field by field (six stores of 4 and 8
 * bytes), and the pop and the sifts copy events 16 bytes at a time: a wide
 * load of data still in the store buffer from several narrow stores cannot
 * be forwarded and waits until they reach the cache. In a small model (the
 * M/M/1 of bench/engine.c) an event is popped a few dozen instructions after
 * its push, so nearly every pop waited like that. */
#if (defined(__GNUC__) || defined(__clang__)) && defined(__BYTE_ORDER__) &&                        \
    __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
typedef uint64_t cal_u64x2 __attribute__((vector_size(16)));
_Static_assert(sizeof(sim_event) == 32 && offsetof(sim_event, seq) == 8 &&
                   offsetof(sim_event, entity) == 16 && offsetof(sim_event, gen) == 20 &&
                   offsetof(sim_event, type) == 24 && offsetof(sim_event, data) == 28,
               "cal_halves_of assumes sim_event's layout");
/* The event's two halves, built before the sift so that its fields need no
 * registers during it (sim_schedule then saves none). */
typedef struct cal_halves {
  cal_u64x2 lo, hi;
} cal_halves;
static inline cal_halves cal_halves_of(const sim_event *e) {
  return (cal_halves){
      {(uint64_t)cal_bits(e->time), e->seq},
      {(uint64_t)e->entity | (uint64_t)e->gen << 32, (uint64_t)e->type | (uint64_t)e->data << 32}};
}
static inline void cal_store_halves(sim_event *dst, cal_halves v) {
  memcpy(dst, &v.lo, sizeof v.lo);
  memcpy((char *)dst + sizeof v.lo, &v.hi, sizeof v.hi);
}
#else
typedef sim_event cal_halves;
static inline cal_halves cal_halves_of(const sim_event *e) { return *e; }
static inline void cal_store_halves(sim_event *dst, cal_halves v) { *dst = v; }
#endif

/* Inserts e (time already normalised) into the heap h[0 .. i-1], leaving i + 1
 * events. Sift up: move parents down into the hole until e fits. e has the
 * largest seq in the heap, so on equal times it stays below its parent:
 * comparing times alone is exact here. */
static inline void cal_heap_insert(sim_event *h, size_t i, const sim_event *e) {
  const cal_halves v = cal_halves_of(e);
  const int64_t bits = cal_bits(e->time);
  if (bits >= 0) { /* bits compare right unless both times are negative */
    while (i > 0) {
      size_t parent = (i - 1) >> 2;
      if (!(bits < cal_bits(h[parent].time)))
        break;
      h[i] = h[parent];
      i = parent;
    }
  } else {
    const uint64_t key = cal_key(e->time);
    while (i > 0) {
      size_t parent = (i - 1) >> 2;
      if (!(key < cal_key(h[parent].time)))
        break;
      h[i] = h[parent];
      i = parent;
    }
  }
  cal_store_halves(&h[i], v);
}

/* Where a push goes (cal_push_where): straight into the heap, into the
 * tier (bucket *b at or past tier_next, or the heap holds only top events),
 * or the slow way (the heap array is full, a resplit is due, or the event
 * is of the current bucket while its later sub-buckets are staged). */
enum { CAL_TO_HEAP, CAL_TO_TIER, CAL_TO_SLOW };

SIM_ALWAYS_INLINE int cal_push_where(const sim_calendar *c, double time, int64_t *b) {
  if (c->tier) {
    *b = cal_bucket(c->tier_inv, time + 0.0);
    if (*b >= c->tier_next || c->top_only)
      return CAL_TO_TIER;
    if (*b + 1 < c->tier_next ? c->hsize <= CAL_RESPLIT : c->sub_left > 0)
      return CAL_TO_SLOW;
  }
  return c->hsize < c->cap ? CAL_TO_HEAP : CAL_TO_SLOW;
}

/* Inserts an event into the heap, which has room (hsize < cap), with the
 * next seq. */
SIM_ALWAYS_INLINE void cal_heap_push(sim_calendar *c, double time, uint32_t entity, uint32_t gen,
                                     uint32_t type, uint32_t data) {
  const sim_event e = {.time = time + 0.0, /* -0.0 -> +0.0; every other value is unchanged */
                       .seq = c->next_seq++,
                       .entity = entity,
                       .gen = gen,
                       .type = type,
                       .data = data};
  cal_heap_insert(c->heap, c->hsize++, &e);
  c->size++;
}

/* The pushes out of line (calendar.c), on the event's fields so that callers
 * can tail-call them: into the tier (bucket b, from cal_push_where), and the
 * slow way (growing the heap array, a resplit). SIM_OK or SIM_ENOMEM; the
 * event's seq is c->next_seq - 1 after SIM_OK. */
int cal_push_tier(sim_calendar *c, double time, uint32_t entity, uint32_t gen, uint32_t type,
                  uint32_t data, int64_t b);
int cal_push_slow(sim_calendar *c, double time, uint32_t entity, uint32_t gen, uint32_t type,
                  uint32_t data);
/* The heap ran dry while events are pending: move the current bucket's
 * next staged sub-bucket, or else the tier's earliest non-empty bucket, into
 * it (calendar.c). SIM_ENOMEM only when moving the far
 * list into the window cannot reserve its memory: nothing moves, the heap
 * stays empty (hsize == 0 < size) and a later pop, push or sim_run tries
 * again; cal_pop leaves that to them. */
int cal_refill(sim_calendar *c);

/* sim_calendar_push on the event's fields. */
SIM_ALWAYS_INLINE int cal_push(sim_calendar *c, double time, uint32_t entity, uint32_t gen,
                               uint32_t type, uint32_t data) {
  int64_t b = 0;
  switch (cal_push_where(c, time, &b)) {
  case CAL_TO_HEAP:
    cal_heap_push(c, time, entity, gen, type, data);
    return SIM_OK;
  case CAL_TO_TIER:
    return cal_push_tier(c, time, entity, gen, type, data, b);
  default:
    return cal_push_slow(c, time, entity, gen, type, data);
  }
}

/* The first part of sim_calendar_pop on a calendar that is not empty
 * (c->hsize > 0): takes the root into *out and returns the number n of
 * events left in the heap if they need a sift-down (n >= 2, the root's place
 * still to fill: cal_heap_sift_root), else 0 (done). */
SIM_ALWAYS_INLINE size_t cal_pop_take(sim_calendar *c, sim_event *out) {
  sim_event *h = c->heap;
  *out = h[0];
  c->size--;
  size_t n = --c->hsize;
  if (n > 1)
    return n;
  if (n == 1) /* the one event left is the root (small models: no sift) */
    h[0] = h[1];
  else if (c->size > 0) /* the heap ran dry: fill it from the tier */
    cal_refill(c);
  return 0;
}

/* The second part: the last of the heap's n + 1 events, h[n], fills the
 * hole left at the root. */
SIM_ALWAYS_INLINE void cal_heap_sift_root(sim_event *h, size_t n) {
  /* The walk keeps byte offsets rather than indices (the children of the
   * event at offset o start at 4 * o + E, E = sizeof(sim_event)), which takes
   * the index-to-address arithmetic off the chain of dependent loads. */
  enum { E = sizeof(sim_event) };
  const sim_event last = h[n];
  const int64_t last_bits = cal_bits(last.time);
  const uint64_t lk = cal_key(last.time), ls = last.seq;
  const size_t end = n * E;
  size_t hole = 0, first, best;
  while ((first = 4 * hole + E) + 3 * E < end) {
    /* Four children: a tournament on the time bits, written as ?: on plain
     * values so that compilers emit conditional moves, not branches. */
    const sim_event *k = cal_at(h, first);
    int64_t k0 = cal_bits(k[0].time), k1 = cal_bits(k[1].time);
    int64_t k2 = cal_bits(k[2].time), k3 = cal_bits(k[3].time);
    int64_t m01 = k1 < k0 ? k1 : k0, m23 = k3 < k2 ? k3 : k2;
    size_t o01 = k1 < k0 ? first + E : first, o23 = k3 < k2 ? first + 3 * E : first + 2 * E;
    int64_t m = m23 < m01 ? m23 : m01;
    size_t om = m23 < m01 ? o23 : o01;
    if (((k0 | k1 | k2 | k3) < 0) | (k0 == k1) | (k2 == k3) | (m01 == m23) | (m == last_bits)) {
      /* a tie or a negative time: the exact tournament on (key, seq), also
       * without branches (in a large model most levels have ties: a day's
       * events share their time) */
      best = cal_best_of_4(h, first);
      const sim_event *b = cal_at(h, best);
      const uint64_t bk = cal_key(b->time);
      if (!((bk < lk) | ((bk == lk) & (b->seq < ls))))
        goto done;
    } else {
      if (!(m < last_bits)) /* right even if last.time < 0: m >= 0 here */
        goto done;
      best = om;
    }
    *cal_at(h, hole) = *cal_at(h, best);
    hole = best;
  }
  if (first < end) { /* one to three children, all leaves */
    best = cal_min_child(h, first / E, n) * E;
    if (cal_before(cal_at(h, best), &last)) {
      *cal_at(h, hole) = *cal_at(h, best);
      hole = best;
    }
  }
done:
  *cal_at(h, hole) = last;
}

/* sim_calendar_pop on a calendar that is not empty (c->hsize > 0). */
SIM_ALWAYS_INLINE void cal_pop(sim_calendar *c, sim_event *out) {
  const size_t n = cal_pop_take(c, out);
  if (n)
    cal_heap_sift_root(c->heap, n);
}

#endif
