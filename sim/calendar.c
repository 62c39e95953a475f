/* calendar.c: the event calendar, a 4-ary min-heap of sim_event stored inline,
 * optionally behind a far-future tier of unsorted buckets.
 *
 * Ordered on (time, seq). seq comes from a per-calendar counter, so events at
 * the same time leave in insertion order and a run is reproducible bit for bit.
 *
 * Why 4-ary: half the depth of a binary heap, and the four children of a node
 * are adjacent (4 x 32 bytes), so a sift-down level touches about two cache
 * lines. Both sifts move a hole instead of swapping: each level costs one
 * 32-byte copy, and the moving event is written once at the end.
 *
 * The tier (sim_calendar_set_tier, width W > 0). With millions of events
 * pending, most of them months or years ahead, every pop walks a heap of tens
 * of megabytes with a cache miss per level. The tier keeps those events out
 * of the heap: an event goes to bucket b = floor(t * (1 / W)) (which can differ
 * from floor(t / W) by one at a bucket edge: only monotonicity matters), and
 *
 *   - if b < tier_next it goes into the heap, as without a tier;
 *   - else if b lies in the window (base .. base + CAL_NB - 1) it is appended,
 *     unsorted, to that bucket's array (slot b mod CAL_NB, a bitmap marks the
 *     non-empty slots);
 *   - else if b < CAL_IDX_TOP it is appended to the unsorted `far` list;
 *   - else (+inf, positive NaN, t / W >= 2^62) to the unsorted `top` list.
 *
 * When the heap runs empty (only then: see below) the earliest non-empty part
 * of the tier moves into it: the next non-empty window bucket b (a bitmap scan,
 * 64 buckets per word), after which tier_next = b + 1; when the window is
 * empty, the window is moved to start at the earliest far bucket and the far
 * list redistributed (so a long empty stretch costs one step, not one per
 * bucket); when that is empty too, the top list, after which tier_next is past
 * every bucket (until a finite time is pushed again: the top events then go
 * back to the top list). The moved events are heapified in place (Floyd,
 * O(n)). The other way round, a push into an earlier bucket while the heap
 * holds only a few events of later buckets hands those back to the tier and
 * lowers tier_next (cal_resplit), so that the order of the first pushes into
 * an empty calendar cannot leave most events in the heap.
 *
 * Why the order is exactly the heap's. b(t) is non-decreasing in the order of
 * times (a product by 1/W rounds monotonically, floor and the clamps are
 * monotone, and NaNs sit at the ends as in cal_key). Every heap event has a
 * bucket < tier_next and every tier event a bucket >= tier_next, so each heap
 * event is strictly earlier than each tier event, and the heap's minimum is
 * the calendar's minimum as long as the heap is not empty. Hence the tier is
 * only consulted when the heap becomes empty, and peek stays a read of
 * heap[0]. seq is assigned at push, wherever the event goes, so ties leave in
 * insertion order as before. The buckets are compared by index, never by a
 * recomputed bucket start time, so rounding cannot misplace an event.
 *
 * Memory. The heap array is kept at least as large as the number of pending
 * events (push reserves it, where SIM_ENOMEM can be reported), so moving
 * events into the heap never allocates. Moving the far list into the window
 * can allocate bucket arrays; if that fails the calendar flattens everything
 * into the heap and carries on as a plain heap, so pop never fails.
 */
#include "sim/sim.h"

#include <assert.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define CAL_MIN_CAP 16

/* The tier's slow paths stay out of line, keeping push and pop small. */
#if defined(__GNUC__) || defined(__clang__)
#define CAL_COLD __attribute__((noinline, cold))
#else
#define CAL_COLD
#endif

/* Order of times, and why the code below looks the way it does.
 *
 * Semantically the order is (time, seq). To be fast the sifts compare the
 * IEEE-754 bit patterns of the times as signed 64-bit integers: for two times
 * that are not both negative this gives the same answer as comparing the
 * doubles, and integer compares become conditional moves where double
 * compares become unpredictable branches (on the hold model with 1000
 * pending events: about 11 million events/s with branches, over 30 million
 * without). Equal times need the seq tie-break and two negative
 * times compare the wrong way round as integers; both are detected and sent
 * to the careful path, cal_before().
 *
 * cal_before() maps the bits to an order-preserving unsigned key (sign bit
 * set for a positive double, all bits flipped for a negative one). push()
 * turns -0.0 into +0.0 so that equal times always have equal bits; the key
 * also gives NaN a fixed place (after +inf, or before -inf when its sign bit
 * is set), keeping the heap consistent even though sim_schedule rejects NaN. */
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

/* The event at byte offset `off` of the heap array (see sim_calendar_pop). */
static inline sim_event *cal_at(sim_event *h, size_t off) {
  return (sim_event *)(void *)((char *)h + off);
}

/* Index of the earliest of the children first .. min(first + 4, n) - 1. */
static size_t cal_min_child(const sim_event *h, size_t first, size_t n) {
  size_t end = first + 4 < n ? first + 4 : n;
  size_t best = first;
  for (size_t k = first + 1; k < end; k++)
    if (cal_before(&h[k], &h[best]))
      best = k;
  return best;
}

/* Grows the event array *ev of capacity *capp to at least `want` events by
 * doubling (from CAL_MIN_CAP). Serves the heap and the cal_vec arrays. */
static int cal_events_reserve(sim_event **ev, size_t *capp, size_t want) {
  if (want <= *capp)
    return SIM_OK;
  size_t cap = *capp < CAL_MIN_CAP ? CAL_MIN_CAP : *capp;
  while (cap < want) {
    if (cap > SIZE_MAX / 2)
      return SIM_ENOMEM;
    cap *= 2;
  }
  if (cap > SIZE_MAX / sizeof(sim_event))
    return SIM_ENOMEM;
  sim_event *grown = realloc(*ev, cap * sizeof(sim_event));
  if (!grown)
    return SIM_ENOMEM;
  *ev = grown;
  *capp = cap;
  return SIM_OK;
}

/* Grows the heap array to at least `want` events. */
static int cal_reserve(sim_calendar *c, size_t want) {
  return cal_events_reserve(&c->heap, &c->cap, want);
}

/* ------------------------------------------------------------ the heap */

/* Inserts e (time already normalised) into the heap h[0 .. i-1], leaving i + 1
 * events. Sift up: move parents down into the hole until e fits. e has the
 * largest seq in the heap, so on equal times it stays below its parent:
 * comparing times alone is exact here. */
static inline void cal_heap_insert(sim_event *h, size_t i, const sim_event *e) {
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
  h[i] = *e;
}

/* Plain sift-down of h[i] in a heap of n events (used to heapify). */
static void cal_sift_down(sim_event *h, size_t n, size_t i) {
  const sim_event e = h[i];
  size_t first;
  while ((first = 4 * i + 1) < n) {
    size_t best = cal_min_child(h, first, n);
    if (!cal_before(&h[best], &e))
      break;
    h[i] = h[best];
    i = best;
  }
  h[i] = e;
}

/* Floyd's bottom-up heap construction: O(n). */
static void cal_heapify(sim_event *h, size_t n) {
  if (n < 2)
    return;
  for (size_t i = (n - 2) / 4 + 1; i-- > 0;)
    cal_sift_down(h, n, i);
}

/* ------------------------------------------------------------ the tier */

#define CAL_NB 1024 /* buckets in the window; a power of two, a multiple of 64 */
#define CAL_NW (CAL_NB / 64)
#define CAL_KEEP 64    /* a drained bucket keeps its array if it holds at most this many */
#define CAL_RESPLIT 32 /* see cal_resplit */
#define CAL_IDX_TOP (INT64_C(1) << 62) /* bucket of +inf, +NaN and t / W >= 2^62 */
#define CAL_IDX_BOT (-CAL_IDX_TOP)     /* bucket of -inf, -NaN and t / W < -2^62 */

typedef struct cal_vec {
  sim_event *ev;
  size_t n, cap;
} cal_vec;

struct sim_cal_tier {
  int64_t base;           /* the window holds buckets base .. base + CAL_NB - 1 */
  size_t nwin;            /* events in the window's buckets */
  int top_only;           /* the heap holds nothing but CAL_IDX_TOP events taken from `top` */
  int64_t far_min;        /* earliest bucket in `far`, when far.n > 0 */
  cal_vec far;            /* buckets base + CAL_NB .. CAL_IDX_TOP - 1, unsorted */
  cal_vec top;            /* bucket CAL_IDX_TOP, unsorted */
  uint64_t used[CAL_NW];  /* bit per non-empty window slot */
  cal_vec bucket[CAL_NB]; /* bucket b lives in slot b mod CAL_NB */
};

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

static inline size_t cal_slot(int64_t b) { return (size_t)((uint64_t)b & (CAL_NB - 1)); }

/* Makes room for `want` events in v. */
static int cal_vec_reserve(cal_vec *v, size_t want) {
  return cal_events_reserve(&v->ev, &v->cap, want);
}

static inline int cal_vec_push(cal_vec *v, const sim_event *e) {
  if (v->n == v->cap && cal_vec_reserve(v, v->n + 1) != SIM_OK)
    return SIM_ENOMEM;
  v->ev[v->n++] = *e;
  return SIM_OK;
}

static void cal_vec_free(cal_vec *v) {
  free(v->ev);
  v->ev = NULL;
  v->n = v->cap = 0;
}

/* Appends e to window bucket b. */
static int cal_window_add(struct sim_cal_tier *T, int64_t b, const sim_event *e) {
  size_t s = cal_slot(b);
  if (cal_vec_push(&T->bucket[s], e) != SIM_OK)
    return SIM_ENOMEM;
  T->used[s >> 6] |= UINT64_C(1) << (s & 63);
  T->nwin++;
  return SIM_OK;
}

/* Appends the n events of v to the heap array after its hsize events. */
static void cal_heap_append(sim_calendar *c, const cal_vec *v) {
  if (v->n) {
    memcpy(c->heap + c->hsize, v->ev, v->n * sizeof(sim_event));
    c->hsize += v->n;
  }
}

/* Moves every tier event into the heap and frees the tier: a plain heap
 * again. Allocates nothing (cap >= size). */
static void cal_flatten(sim_calendar *c) {
  struct sim_cal_tier *T = c->tier;
  if (!T)
    return;
  for (size_t s = 0; s < CAL_NB; s++) {
    cal_heap_append(c, &T->bucket[s]);
    cal_vec_free(&T->bucket[s]);
  }
  cal_heap_append(c, &T->far);
  cal_heap_append(c, &T->top);
  cal_vec_free(&T->far);
  cal_vec_free(&T->top);
  free(T);
  c->tier = NULL;
  c->tier_width = 0.0;
  c->tier_inv = 0.0;
  c->tier_next = 0;
  assert(c->hsize == c->size);
  cal_heapify(c->heap, c->hsize);
}

/* The window is empty: move it to start at the earliest far bucket and move
 * the far events that now fall inside it into their buckets. On SIM_ENOMEM
 * every event is still in the tier (in a bucket or in `far`). */
static int cal_rebase(sim_calendar *c) {
  struct sim_cal_tier *T = c->tier;
  cal_vec *f = &T->far;
  const int64_t base = T->far_min;
  T->base = c->tier_next = base;
  int64_t min = CAL_IDX_TOP;
  size_t keep = 0;
  for (size_t i = 0; i < f->n; i++) {
    int64_t b = cal_bucket(c->tier_inv, f->ev[i].time);
    if (b - base < CAL_NB) {
      if (cal_window_add(T, b, &f->ev[i]) != SIM_OK) {
        memmove(f->ev + keep, f->ev + i, (f->n - i) * sizeof(sim_event));
        f->n = keep + (f->n - i);
        return SIM_ENOMEM;
      }
    } else {
      f->ev[keep++] = f->ev[i];
      if (b < min)
        min = b;
    }
  }
  f->n = keep;
  T->far_min = min;
  return SIM_OK;
}

/* The heap is empty and the tier is not: move the tier's earliest non-empty
 * bucket into the heap. Never fails (see cal_rebase). */
CAL_COLD static void cal_refill(sim_calendar *c) {
  struct sim_cal_tier *T = c->tier;
  assert(T && c->hsize == 0 && c->size > 0);
  if (T->nwin == 0) {
    if (T->far.n == 0) { /* only the top bucket is left */
      cal_heap_append(c, &T->top);
      T->top.n = 0; /* the array stays: it takes the events back if finite times come */
      T->top_only = 1;
      T->base = c->tier_next = CAL_IDX_TOP + 1;
      cal_heapify(c->heap, c->hsize);
      return;
    }
    if (cal_rebase(c) != SIM_OK) {
      cal_flatten(c);
      return;
    }
  }
  /* The next set bit at or after tier_next's slot, cyclically: the window
   * buckets before tier_next are all empty, so cyclic slot order from there
   * is bucket order. */
  const size_t s0 = cal_slot(c->tier_next);
  size_t w = s0 >> 6;
  uint64_t m = T->used[w] & (~UINT64_C(0) << (s0 & 63));
  while (!m) {
    w = (w + 1) & (CAL_NW - 1);
    m = T->used[w];
  }
  const size_t s = (w << 6) | (size_t)__builtin_ctzll(m);
  const int64_t b = c->tier_next + (int64_t)((s - s0) & (CAL_NB - 1));
  cal_vec *v = &T->bucket[s];
  cal_heap_append(c, v);
  T->nwin -= v->n;
  v->n = 0;
  T->used[w] &= ~(UINT64_C(1) << (s & 63));
  if (v->cap > CAL_KEEP)
    cal_vec_free(v);
  c->tier_next = b + 1;
  cal_heapify(c->heap, c->hsize);
}

/* A push is about to put an event of bucket nb - 1 into the heap while the
 * heap also holds later buckets, but only a few events (at most CAL_RESPLIT).
 * Give those back to the tier and lower tier_next to nb, so that the heap
 * again holds only the earliest buckets. Without this, whatever happened to be
 * pushed first into an empty calendar would set the boundary, and every
 * earlier event pushed afterwards (setup code scheduling in no particular
 * order) would go into the heap. The window is moved back to start at nb if
 * needed; its buckets that then fall past its end go to the far list. Best
 * effort: when memory runs short nothing moves (the event just goes into the
 * heap, which is always correct). Costs O(CAL_RESPLIT + buckets moved). */
CAL_COLD static void cal_resplit(sim_calendar *c, int64_t nb) {
  struct sim_cal_tier *T = c->tier;
  const double inv = c->tier_inv;
  const int64_t base = nb < T->base ? nb : T->base;
  /* window buckets lo .. hi - 1 fall past the end of the moved window */
  const int64_t hi = T->base + CAL_NB;
  const int64_t lo = base + CAL_NB > c->tier_next ? base + CAL_NB : c->tier_next;
  size_t nmove = 0;
  for (int64_t d = lo; d < hi; d++) {
    size_t s = cal_slot(d);
    if (T->used[s >> 6] >> (s & 63) & 1)
      nmove += T->bucket[s].n;
  }
  /* reserve everything first, so that nothing can fail half-way */
  const size_t hn = c->hsize;
  if (nmove + hn > 0 && cal_vec_reserve(&T->far, T->far.n + nmove + hn) != SIM_OK)
    return;
  for (size_t i = 0; i < hn; i++) {
    int64_t b = cal_bucket(inv, c->heap[i].time);
    if (b < nb)
      continue;
    cal_vec *v = b == CAL_IDX_TOP ? &T->top : b - base < CAL_NB ? &T->bucket[cal_slot(b)] : NULL;
    if (v && cal_vec_reserve(v, v->n + hn) != SIM_OK)
      return;
  }
  /* move */
  for (int64_t d = lo; d < hi && nmove > 0; d++) {
    size_t s = cal_slot(d);
    cal_vec *v = &T->bucket[s];
    if (!(T->used[s >> 6] >> (s & 63) & 1))
      continue;
    memcpy(T->far.ev + T->far.n, v->ev, v->n * sizeof(sim_event));
    if (T->far.n == 0 || d < T->far_min)
      T->far_min = d;
    T->far.n += v->n;
    T->nwin -= v->n;
    nmove -= v->n;
    v->n = 0;
    T->used[s >> 6] &= ~(UINT64_C(1) << (s & 63));
  }
  T->base = base;
  c->tier_next = nb;
  size_t k = 0;
  for (size_t i = 0; i < hn; i++) {
    const sim_event *e = &c->heap[i];
    int64_t b = cal_bucket(inv, e->time);
    if (b < nb) {
      c->heap[k++] = *e;
    } else if (b == CAL_IDX_TOP) {
      T->top.ev[T->top.n++] = *e;
    } else if (b - base < CAL_NB) {
      (void)cal_window_add(T, b, e); /* reserved above: cannot fail */
    } else {
      T->far.ev[T->far.n++] = *e;
      if (T->far.n == 1 || b < T->far_min)
        T->far_min = b;
    }
  }
  c->hsize = k;
  cal_heapify(c->heap, k);
}

/* Push for an event that does not go straight into the heap: its bucket b is
 * at or past tier_next, or the heap holds only top events. */
CAL_COLD static int cal_tier_push(sim_calendar *c, sim_event *ev, int64_t b) {
  struct sim_cal_tier *T = c->tier;
  sim_event e = *ev;
  e.time += 0.0; /* -0.0 -> +0.0 */
  if (T->top_only) {
    if (b == CAL_IDX_TOP) { /* joins the other top events in the heap */
      if (cal_vec_reserve(&T->top, c->hsize + 1) != SIM_OK)
        return SIM_ENOMEM;
      e.seq = ev->seq = c->next_seq++;
      cal_heap_insert(c->heap, c->hsize++, &e);
      c->size++;
      return SIM_OK;
    }
    /* A finite time after the calendar ran down to its top events: put those
     * back into `top` (its array is large enough) and start the tier afresh,
     * rather than send every later event into the heap. */
    memcpy(T->top.ev, c->heap, c->hsize * sizeof(sim_event));
    T->top.n = c->hsize;
    c->hsize = 0;
    T->top_only = 0;
    T->base = c->tier_next = CAL_IDX_BOT;
  }
  e.seq = c->next_seq;
  int rc;
  if (b == CAL_IDX_TOP) {
    rc = cal_vec_push(&T->top, &e);
  } else if (b - T->base < CAL_NB) {
    rc = cal_window_add(T, b, &e);
  } else {
    rc = cal_vec_push(&T->far, &e);
    if (rc == SIM_OK && (T->far.n == 1 || b < T->far_min))
      T->far_min = b;
  }
  if (rc == SIM_OK) {
    ev->seq = c->next_seq++;
    c->size++;
  }
  if (c->hsize == 0 && c->size > 0)
    cal_refill(c);
  return rc;
}

/* ------------------------------------------------------------ public */

int sim_calendar_init(sim_calendar *c, size_t initial_cap) {
  assert(c);
  memset(c, 0, sizeof *c);
  return cal_reserve(c, initial_cap);
}

void sim_calendar_free(sim_calendar *c) {
  if (!c)
    return;
  struct sim_cal_tier *T = c->tier;
  if (T) {
    for (size_t s = 0; s < CAL_NB; s++)
      free(T->bucket[s].ev);
    free(T->far.ev);
    free(T->top.ev);
    free(T);
  }
  free(c->heap);
  memset(c, 0, sizeof *c);
}

/* Keeps the events of v for which keep() holds, in their order; returns how
 * many were dropped. */
static size_t cal_vec_retain(cal_vec *v, sim_calendar_keep_fn keep, void *user) {
  size_t k = 0;
  for (size_t i = 0; i < v->n; i++)
    if (keep(&v->ev[i], user))
      v->ev[k++] = v->ev[i];
  size_t dropped = v->n - k;
  v->n = k;
  return dropped;
}

/* Drops events in place: every bucket and list is compacted and the heap
 * re-heapified. Nothing moves between the heap and the tier, so the
 * invariant (heap buckets before tier_next, tier buckets from it) still
 * holds, and the remaining events leave in the same (time, seq) order as
 * they would have. Allocates nothing. */
size_t sim_calendar_retain(sim_calendar *c, sim_calendar_keep_fn keep, void *user) {
  assert(c && keep);
  size_t dropped = 0;
  struct sim_cal_tier *T = c->tier;
  if (T) {
    for (size_t w = 0; w < CAL_NW; w++) {
      for (uint64_t m = T->used[w]; m; m &= m - 1) {
        size_t s = (w << 6) | (size_t)__builtin_ctzll(m);
        size_t d = cal_vec_retain(&T->bucket[s], keep, user);
        T->nwin -= d;
        dropped += d;
        if (T->bucket[s].n == 0)
          T->used[w] &= ~(UINT64_C(1) << (s & 63));
      }
    }
    if (T->far.n) {
      dropped += cal_vec_retain(&T->far, keep, user);
      int64_t min = CAL_IDX_TOP;
      for (size_t i = 0; i < T->far.n; i++) {
        int64_t b = cal_bucket(c->tier_inv, T->far.ev[i].time);
        if (b < min)
          min = b;
      }
      T->far_min = min;
    }
    dropped += cal_vec_retain(&T->top, keep, user);
  }
  size_t k = 0;
  for (size_t i = 0; i < c->hsize; i++)
    if (keep(&c->heap[i], user))
      c->heap[k++] = c->heap[i];
  dropped += c->hsize - k;
  c->hsize = k;
  c->size -= dropped;
  cal_heapify(c->heap, c->hsize);
  if (c->hsize == 0 && c->size > 0)
    cal_refill(c);
  return dropped;
}

size_t sim_calendar_size(const sim_calendar *c) {
  assert(c);
  return c->size;
}

int sim_calendar_set_tier(sim_calendar *c, double width) {
  assert(c);
  if (!(width >= 0.0) || !isfinite(width) || (width > 0.0 && !isfinite(1.0 / width)))
    return SIM_EINVAL;
  cal_flatten(c);
  if (width == 0.0)
    return SIM_OK;
  struct sim_cal_tier *T = calloc(1, sizeof *T);
  if (!T)
    return SIM_ENOMEM;
  /* Events already pending stay in the heap: the tier starts past them all. */
  const double inv = 1.0 / width;
  int64_t next = CAL_IDX_BOT;
  int all_top = c->hsize > 0;
  for (size_t i = 0; i < c->hsize; i++) {
    int64_t b = cal_bucket(inv, c->heap[i].time);
    if (b >= next)
      next = b + 1;
    all_top &= b == CAL_IDX_TOP;
  }
  if (all_top && cal_vec_reserve(&T->top, c->hsize) != SIM_OK) {
    free(T);
    return SIM_ENOMEM;
  }
  T->base = next;
  T->top_only = all_top;
  c->tier = T;
  c->tier_width = width;
  c->tier_inv = inv;
  c->tier_next = next;
  return SIM_OK;
}

int sim_calendar_push(sim_calendar *c, sim_event *ev) {
  assert(c && ev);
  if (c->size == c->cap && cal_reserve(c, c->size + 1) != SIM_OK)
    return SIM_ENOMEM;
  if (c->tier) {
    int64_t b = cal_bucket(c->tier_inv, ev->time + 0.0);
    if (b >= c->tier_next || c->tier->top_only)
      return cal_tier_push(c, ev, b);
    if (b + 1 < c->tier_next && c->hsize <= CAL_RESPLIT)
      cal_resplit(c, b + 1);
  }
  /* e stays in registers here: its address must not escape */
  ev->seq = c->next_seq++;
  sim_event e = *ev;
  e.time += 0.0; /* -0.0 -> +0.0; every other value is unchanged */
  cal_heap_insert(c->heap, c->hsize++, &e);
  c->size++;
  return SIM_OK;
}

int sim_calendar_pop(sim_calendar *c, sim_event *out) {
  assert(c && out);
  if (c->hsize == 0)
    return 0;
  sim_event *h = c->heap;
  *out = h[0];
  c->size--;
  size_t n = --c->hsize;
  if (n == 0) {
    if (c->size > 0) /* the heap ran dry: fill it from the tier */
      cal_refill(c);
    return 1;
  }

  /* Sift down: the last event fills the hole left at the root. The walk
   * keeps byte offsets rather than indices (the children of the event at
   * offset o start at 4 * o + E, E = sizeof(sim_event)), which takes the
   * index-to-address arithmetic off the chain of dependent loads. */
  enum { E = sizeof(sim_event) };
  const sim_event last = h[n];
  const int64_t last_bits = cal_bits(last.time);
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
      best = cal_min_child(h, first / E, n) * E; /* a tie or a negative time */
      if (!cal_before(cal_at(h, best), &last))
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
  return 1;
}

