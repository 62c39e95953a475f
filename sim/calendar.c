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
 * Memory. The heap array holds the heap part only (with a tier: the current
 * bucket and what is pushed into it), not every pending event. The window's
 * buckets and the far list are lists of fixed blocks of CAL_BLK events from
 * one free list (cal_list): a list holds its events and less than one block
 * more (plus, after a resplit, one partial block per bucket spliced into the
 * far list), and the blocks of a drained bucket serve the next bucket or the
 * far list. Far events of a type below CAL_PT whose seq fits 32 bits are
 * stored packed, 24 bytes each, in one far list per type (the type is the
 * list's); the others, and buckets spliced in by a resplit, in an unpacked
 * far list. (The far list was one doubling array: while the window drained
 * over the years between two rebases, its freed blocks stayed in the malloc
 * heap and the far array grew beside them, so the peak memory held both.)
 * Refilling copies the bucket's blocks into the heap array, which always has
 * room for any bucket (cal_window_add and cal_rebase reserve it), so
 * refilling from the window never allocates. A rebase (moving the far list
 * into the window) reserves its blocks and heap room first and then cannot
 * fail; when that reservation fails nothing moves, the heap stays empty
 * while events are pending (hsize == 0 < size), cal_refill returns
 * SIM_ENOMEM, and the next pop, push or sim_run tries again (sim_run reports
 * SIM_ENOMEM if it still fails).
 *
 * Sub-buckets. A national run's day bucket holds about 5 000 events; heaped
 * whole (160 KiB of events) every pop's sift walks ~6 levels through L2. So
 * a refill of a bucket b of at least CAL_SUB_MIN events stages it instead:
 * a counting sort on the sub-bucket k = floor(t * (CAL_SUB / W)) - CAL_SUB *
 * b (clamped to 0 .. CAL_SUB - 1; non-decreasing in t within b, like the
 * bucket itself) copies its events, grouped by k, to the end of the heap
 * array (which has room for any bucket), and the heap takes only the first
 * non-empty sub-bucket; each time it runs dry it takes the next one
 * (cal_sub_advance: a move within the array, no allocation). While events
 * are staged (c->sub_left > 0) the heap's room c->cap ends where the staged
 * region begins (cal_region; cal_reserve moves the region along when the
 * array grows, and the window's room check counts the whole array), and a
 * push into the current bucket b goes into the heap if its sub-bucket is
 * already there, else into late[k], a block list beside sub-bucket k,
 * unsorted, which joins the heap with k. So every heap event is earlier
 * than every staged or late event, which are earlier than every tier event,
 * and the order stays exactly (time, seq). A resplit is not done while
 * events are staged (it would have to hand them back to the window: its
 * pushes go into the heap, which is still exact); sim_calendar_retain
 * compacts the staged region and the late lists; cal_flatten moves them
 * into the heap.
 *
 * Reserved seqs (sim_calendar_reserve, sim_calendar_push_reserved): an
 * event may be pushed later with a seq taken earlier. Its place in the
 * (time, seq) order is the same as if it had been pushed then; only the
 * heap's sift-up must then compare seqs too (cal_heap_insert_exact), since
 * the event need not have the largest seq. Buckets are unsorted and every
 * move into the heap heapifies on (time, seq), so nothing else changes.
 */
#include "sim/calendar_heap.h"
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

/* ------------------------------------------------------------ the heap */

/* Plain sift-down of h[i] in a heap of n events (used to heapify). */
static void cal_sift_down(sim_event *h, size_t n, size_t i) {
  const sim_event e = h[i];
  size_t first;
  while ((first = 4 * i + 1) < n) {
    size_t best = first + 3 < n ? cal_best_of_4(h, first * sizeof(sim_event)) / sizeof(sim_event)
                                : cal_min_child(h, first, n);
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
#define CAL_BLK 128         /* events per block of a bucket or of the far list (4 KiB) */
#define CAL_FREE_MAX 512    /* the most blocks kept for reuse (2 MiB) */
#define CAL_SHRINK_MIN 8192 /* heap capacity (events) from which refill may shrink it */

#define CAL_SUB 256     /* sub-buckets of a bucket, a power of two (see the top) */
#define CAL_SUB_MIN 256 /* events from which a bucket is staged in sub-buckets */
/* buckets |b| < CAL_SUB_MAX can be staged: b * CAL_SUB and t * (CAL_SUB / W)
 * stay below 2^60 */
#define CAL_SUB_MAX (CAL_IDX_TOP / (4 * CAL_SUB))

typedef struct cal_vec {
  sim_event *ev;
  size_t n, cap;
} cal_vec;

/* A window bucket, and the far list, is a list of fixed-size blocks taken
 * from and returned to the tier's list of free blocks. Events are added to
 * the first block, `head`; the others are full, except after a resplit has
 * spliced a bucket's blocks into the far list (no copy), which leaves at
 * most one partial block per spliced bucket. */
/* A far event of a type below CAL_PT whose seq fits 32 bits, packed: the
 * type is its list's (one far list per type), so 24 bytes instead of 32. */
typedef struct cal_pev {
  double time;
  uint32_t seq, entity, gen, data;
} cal_pev;

#define CAL_PT 64 /* event types with a packed far list */
#define CAL_PBLK (CAL_BLK * sizeof(sim_event) / sizeof(cal_pev)) /* packed events per block */

typedef struct cal_blk {
  struct cal_blk *next;
  size_t n;
  union {
    sim_event ev[CAL_BLK];
    cal_pev pev[CAL_PBLK]; /* in a packed far list */
  };
} cal_blk;

/* hn is the head block's n, kept here as well: a push into a bucket then
 * reads only the list (the window's lists are 32 KiB, in cache), not the
 * head block, whose header is usually not in cache (4 MiB of head blocks in
 * a national run: that load was most of cal_window_add's time). */
typedef struct cal_list {
  cal_blk *head;
  size_t n;      /* events */
  size_t blocks; /* blocks */
  size_t hn;     /* events in head (== head->n; 0 without a head) */
} cal_list;

struct sim_cal_tier {
  int64_t base;            /* the window holds buckets base .. base + CAL_NB - 1 */
  size_t nwin;             /* events in the window's buckets */
  int64_t far_min;         /* earliest far bucket, when far_n > 0 */
  size_t far_n;            /* far events: buckets base + CAL_NB .. CAL_IDX_TOP - 1, unsorted, */
  cal_list pfar[CAL_PT];   /* ... packed, one list per type, */
  cal_list far;            /* ... and the others (see cal_packable) */
  cal_vec top;             /* bucket CAL_IDX_TOP, unsorted */
  uint64_t used[CAL_NW];   /* bit per non-empty window slot */
  cal_blk *free;           /* blocks for reuse */
  size_t nfree;            /* ... how many */
  size_t nblocks;          /* blocks in the buckets and the far list */
  cal_list bucket[CAL_NB]; /* bucket b lives in slot b mod CAL_NB */
  /* the current bucket's sub-buckets (see "Sub-buckets" at the top), while
   * c->sub_left > 0: */
  double sub_inv;              /* CAL_SUB / W */
  int64_t sub_base;            /* CAL_SUB * the current bucket */
  size_t sub_next;             /* first sub-bucket not yet moved into the heap */
  size_t sub_off[CAL_SUB + 1]; /* staged sub-bucket k: sorted places sub_off[k] .. sub_off[k+1]-1 */
  cal_list late[CAL_SUB];      /* pushes into sub-bucket k >= sub_next after the staging */
};

/* Staged events not yet in the heap: they lie at heap[c->cap .. c->cap +
 * cal_region(c) - 1], the end of the heap array, behind the heap's room. */
static inline size_t cal_region(const sim_calendar *c) {
  const struct sim_cal_tier *T = c->tier;
  return c->sub_left ? T->sub_off[CAL_SUB] - T->sub_off[T->sub_next] : 0;
}

/* Grows the heap's room (c->cap) to at least `want` events; the staged
 * region moves along to the new end of the array. */
static int cal_reserve(sim_calendar *c, size_t want) {
  const size_t r = c->tier ? cal_region(c) : 0;
  if (r == 0)
    return cal_events_reserve(&c->heap, &c->cap, want);
  if (want <= c->cap)
    return SIM_OK;
  size_t all = c->cap + r;
  if (want > SIZE_MAX - r || cal_events_reserve(&c->heap, &all, want + r) != SIM_OK)
    return SIM_ENOMEM;
  memmove(c->heap + all - r, c->heap + c->cap, r * sizeof(sim_event));
  c->cap = all - r;
  return SIM_OK;
}

/* Makes the whole heap array (heap room and staged region) hold at least
 * `want` events: room for a window bucket, which a refill copies into it. */
static inline int cal_reserve_bucket(sim_calendar *c, size_t want) {
  const size_t r = cal_region(c);
  return want <= c->cap + r ? SIM_OK : cal_reserve(c, want - r);
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

/* Makes sure the free list holds at least `want` blocks. */
static int cal_blocks_reserve(struct sim_cal_tier *T, size_t want) {
  while (T->nfree < want) {
    cal_blk *k = malloc(sizeof *k);
    if (!k)
      return SIM_ENOMEM;
    k->next = T->free;
    T->free = k;
    T->nfree++;
  }
  return SIM_OK;
}

/* Returns a drained bucket's blocks to the free list (beyond CAL_FREE_MAX
 * free blocks, to the allocator). */
static void cal_list_release(struct sim_cal_tier *T, cal_list *l) {
  cal_blk *k = l->head;
  while (k) {
    cal_blk *next = k->next;
    if (T->nfree < CAL_FREE_MAX) {
      k->next = T->free;
      T->free = k;
      T->nfree++;
    } else {
      free(k);
    }
    k = next;
  }
  T->nblocks -= l->blocks;
  l->head = NULL;
  l->n = l->blocks = l->hn = 0;
}

/* Takes a block from the free list (which the caller has made non-empty)
 * as the list's new, empty head block. */
static inline cal_blk *cal_list_new_head(struct sim_cal_tier *T, cal_list *l) {
  assert(T->free);
  cal_blk *f = T->free;
  T->free = f->next;
  T->nfree--;
  f->next = l->head;
  f->n = 0;
  l->head = f;
  l->hn = 0;
  l->blocks++;
  T->nblocks++;
  return f;
}

/* The place of one more event in the list, which the caller fills in; a new
 * block comes from the free list, which the caller has made non-empty if the
 * head block is full (cal_list_new_blocks). */
static inline sim_event *cal_list_next(struct sim_cal_tier *T, cal_list *l) {
  cal_blk *k = l->head;
  if (!k || l->hn == CAL_BLK)
    k = cal_list_new_head(T, l);
  sim_event *d = &k->ev[l->hn];
  k->n = ++l->hn;
  l->n++;
  return d;
}

/* Appends e to the list (as cal_list_next). */
static inline void cal_list_add(struct sim_cal_tier *T, cal_list *l, const sim_event *e) {
  *cal_list_next(T, l) = *e;
}

/* Blocks that adding `more` events to l would take from the free list. */
static inline size_t cal_list_new_blocks(const cal_list *l, size_t more) {
  size_t room = l->head ? CAL_BLK - l->hn : 0;
  return more <= room ? 0 : (more - room + CAL_BLK - 1) / CAL_BLK;
}

/* Copies the list's events to dst (which has room for l->n). */
static void cal_list_copy(const cal_list *l, sim_event *dst) {
  for (const cal_blk *k = l->head; k; k = k->next) {
    memcpy(dst, k->ev, k->n * sizeof(sim_event));
    dst += k->n;
  }
}

/* The window's count and bitmap after an event went into slot s's bucket. */
static inline void cal_window_mark(struct sim_cal_tier *T, size_t s) {
  T->used[s >> 6] |= UINT64_C(1) << (s & 63);
  T->nwin++;
}

/* Appends e to window bucket b, whose room (a free block if needed, and a
 * heap array that can take the bucket) the caller has made sure of. */
static inline void cal_window_put(struct sim_cal_tier *T, int64_t b, const sim_event *e) {
  size_t s = cal_slot(b);
  cal_list_add(T, &T->bucket[s], e);
  cal_window_mark(T, s);
}

/* Makes room for one more event in window bucket l: a free block if its
 * head is full, and a heap array that can take the bucket (refilling copies
 * a bucket into it and must not fail). */
static inline int cal_window_room(sim_calendar *c, const cal_list *l) {
  if (l->n + 1 > c->cap && cal_reserve_bucket(c, l->n + 1) != SIM_OK)
    return SIM_ENOMEM;
  if (cal_list_new_blocks(l, 1) && cal_blocks_reserve(c->tier, 1) != SIM_OK)
    return SIM_ENOMEM;
  return SIM_OK;
}

/* Appends e to window bucket b. */
static int cal_window_add(sim_calendar *c, int64_t b, const sim_event *e) {
  if (cal_window_room(c, &c->tier->bucket[cal_slot(b)]) != SIM_OK)
    return SIM_ENOMEM;
  cal_window_put(c->tier, b, e);
  return SIM_OK;
}

/* Far events are packed (cal_pev) when their type and seq allow it. */
static inline int cal_packable(const sim_event *e) {
  return e->type < CAL_PT && e->seq <= UINT32_MAX;
}

static inline sim_event cal_unpack(const cal_pev *p, uint32_t type) {
  return (sim_event){.time = p->time,
                     .seq = p->seq,
                     .entity = p->entity,
                     .gen = p->gen,
                     .type = type,
                     .data = p->data};
}

/* Whether putting e into the far list takes a new block. */
static inline int cal_far_new_block(const struct sim_cal_tier *T, const sim_event *e) {
  if (!cal_packable(e))
    return cal_list_new_blocks(&T->far, 1) > 0;
  const cal_list *l = &T->pfar[e->type];
  return !l->head || l->hn == CAL_PBLK;
}

/* Appends e (bucket b, past the window) to the far lists, whose free block
 * (if cal_far_new_block) the caller has made sure of. */
static inline void cal_far_put(struct sim_cal_tier *T, int64_t b, const sim_event *e) {
  if (cal_packable(e)) {
    cal_list *l = &T->pfar[e->type];
    cal_blk *k = l->head;
    if (!k || l->hn == CAL_PBLK)
      k = cal_list_new_head(T, l);
    k->pev[l->hn] = (cal_pev){.time = e->time,
                              .seq = (uint32_t)e->seq,
                              .entity = e->entity,
                              .gen = e->gen,
                              .data = e->data};
    k->n = ++l->hn;
    l->n++;
  } else {
    cal_list_add(T, &T->far, e);
  }
  if (T->far_n++ == 0 || b < T->far_min)
    T->far_min = b;
}

/* Appends e (bucket b, past the window) to the far lists. */
static int cal_far_add(struct sim_cal_tier *T, int64_t b, const sim_event *e) {
  if (cal_far_new_block(T, e) && cal_blocks_reserve(T, 1) != SIM_OK)
    return SIM_ENOMEM;
  cal_far_put(T, b, e);
  return SIM_OK;
}

/* The far lists in one order (the unpacked list, then the packed ones by
 * type): list i of CAL_PT + 1, its type for packed ones. */
static inline cal_list *cal_far_list(struct sim_cal_tier *T, size_t i) {
  return i == 0 ? &T->far : &T->pfar[i - 1];
}

/* Event j of block k of a list of kind i (as in cal_far_list), unpacked. */
static inline sim_event cal_far_at(const cal_blk *k, size_t i, size_t j) {
  return i == 0 ? k->ev[j] : cal_unpack(&k->pev[j], (uint32_t)(i - 1));
}

/* Moves the blocks of src to the front of dst, behind dst's head (which
 * keeps taking new events), without copying; src is left empty. */
static void cal_list_splice(cal_list *dst, cal_list *src) {
  if (!src->head)
    return;
  cal_blk *tail = src->head;
  while (tail->next)
    tail = tail->next;
  if (dst->head) {
    tail->next = dst->head->next;
    dst->head->next = src->head;
  } else {
    dst->head = src->head;
    dst->hn = src->hn;
  }
  dst->n += src->n;
  dst->blocks += src->blocks;
  src->head = NULL;
  src->n = src->blocks = src->hn = 0;
}

/* Gives blocks beyond CAL_FREE_MAX on the free list back to the allocator. */
static void cal_free_trim(struct sim_cal_tier *T) {
  while (T->nfree > CAL_FREE_MAX) {
    cal_blk *k = T->free;
    T->free = k->next;
    T->nfree--;
    free(k);
  }
}

/* Appends the n events of v to the heap array after its hsize events. */
static void cal_heap_append(sim_calendar *c, const cal_vec *v) {
  if (v->n) {
    memcpy(c->heap + c->hsize, v->ev, v->n * sizeof(sim_event));
    c->hsize += v->n;
  }
}

/* Moves every tier event into the heap and frees the tier: a plain heap
 * again. The caller has reserved the heap array for every pending event
 * (c->cap >= c->size). */
static void cal_flatten(sim_calendar *c) {
  struct sim_cal_tier *T = c->tier;
  if (!T)
    return;
  assert(c->cap >= c->size);
  if (c->sub_left) { /* the staged region (behind the heap room) and the late pushes */
    const size_t r = cal_region(c);
    memmove(c->heap + c->hsize, c->heap + c->cap, r * sizeof(sim_event));
    c->hsize += r;
    c->cap += r;
    for (size_t k = T->sub_next; k < CAL_SUB; k++) {
      cal_list_copy(&T->late[k], c->heap + c->hsize);
      c->hsize += T->late[k].n;
      cal_list_release(T, &T->late[k]);
    }
    c->sub_left = 0;
  }
  for (size_t s = 0; s < CAL_NB; s++) {
    cal_list_copy(&T->bucket[s], c->heap + c->hsize);
    c->hsize += T->bucket[s].n;
    cal_list_release(T, &T->bucket[s]);
  }
  for (size_t i = 0; i <= CAL_PT; i++) {
    cal_list *l = cal_far_list(T, i);
    for (const cal_blk *k = l->head; k; k = k->next)
      for (size_t j = 0; j < k->n; j++)
        c->heap[c->hsize++] = cal_far_at(k, i, j);
    cal_list_release(T, l);
  }
  T->far_n = 0;
  while (T->free) {
    cal_blk *next = T->free->next;
    free(T->free);
    T->free = next;
  }
  cal_heap_append(c, &T->top);
  cal_vec_free(&T->top);
  free(T);
  c->tier = NULL;
  c->tier_width = 0.0;
  c->tier_inv = 0.0;
  c->tier_next = 0;
  c->top_only = 0;
  assert(c->hsize == c->size);
  cal_heapify(c->heap, c->hsize);
}

/* The heap is empty: it takes v's array with its events, and v takes the
 * heap's empty array. Nothing is copied or allocated. */
static void cal_heap_take(sim_calendar *c, cal_vec *v) {
  assert(c->hsize == 0);
  sim_event *ev = c->heap;
  size_t cap = c->cap;
  c->heap = v->ev;
  c->cap = v->cap;
  c->hsize = v->n;
  v->ev = ev;
  v->cap = cap;
  v->n = 0;
}

/* The window is empty: move it to start at the earliest far bucket and move
 * the far events that now fall inside it into their buckets. Everything it
 * needs is reserved first (so on SIM_ENOMEM nothing has moved): the heap
 * room for the largest new bucket, and the free blocks the move takes. The
 * far lists' blocks go back to the free list one by one as they are read,
 * so the moved events take the blocks they leave; a first pass, in the same
 * order as the move, counts the blocks taken and given back, and the
 * largest excess is reserved (packed events take more room once unpacked
 * into the window, so it is not a fixed bound). */
static int cal_rebase(sim_calendar *c) {
  struct sim_cal_tier *T = c->tier;
  const int64_t base = T->far_min;
  size_t count[CAL_NB] = {0};    /* far events per window slot */
  size_t kept[CAL_PT + 1] = {0}; /* far events staying, per far list */
  size_t taken = 0, given = 0, excess = 0, most = 0;
  for (size_t i = 0; i <= CAL_PT; i++)
    for (const cal_blk *k = cal_far_list(T, i)->head; k; k = k->next) {
      for (size_t j = 0; j < k->n; j++) {
        sim_event e = cal_far_at(k, i, j);
        int64_t b = cal_bucket(c->tier_inv, e.time);
        size_t *fill, room;
        if (b - base < CAL_NB) {
          fill = &count[cal_slot(b)];
          room = CAL_BLK;
        } else if (cal_packable(&e)) {
          fill = &kept[e.type + 1];
          room = CAL_PBLK;
        } else {
          fill = &kept[0];
          room = CAL_BLK;
        }
        if ((*fill)++ % room == 0 && ++taken > given + excess)
          excess = taken - given;
      }
      given++;
    }
  for (size_t s = 0; s < CAL_NB; s++)
    if (count[s] > most)
      most = count[s];
  if (cal_blocks_reserve(T, excess) != SIM_OK || (most > c->cap && cal_reserve(c, most) != SIM_OK))
    return SIM_ENOMEM;
  T->base = c->tier_next = base;
  cal_list old[CAL_PT + 1];
  for (size_t i = 0; i <= CAL_PT; i++) {
    cal_list *l = cal_far_list(T, i);
    old[i] = *l;
    T->nblocks -= l->blocks; /* counted again as blocks are taken */
    *l = (cal_list){0};
  }
  T->far_n = 0;
  for (size_t i = 0; i <= CAL_PT; i++) {
    cal_blk *k = old[i].head;
    while (k) {
      for (size_t j = 0; j < k->n; j++) {
        sim_event e = cal_far_at(k, i, j);
        int64_t b = cal_bucket(c->tier_inv, e.time);
        if (b - base < CAL_NB)
          cal_window_put(T, b, &e);
        else
          cal_far_put(T, b, &e);
      }
      cal_blk *next = k->next;
      k->next = T->free; /* read: its events are placed */
      T->free = k;
      T->nfree++;
      k = next;
    }
  }
  cal_free_trim(T);
  return SIM_OK;
}

/* The heap is empty: give back the heap array's room beyond the largest
 * window bucket plus a half (room for any bucket is all refilling needs). A
 * day with many events (a national run's day 91 holds 127 000) left the
 * array at that size for the rest of the run. A failed shrink keeps the old
 * array. */
CAL_COLD static void cal_heap_fit(sim_calendar *c) {
  const struct sim_cal_tier *T = c->tier;
  size_t most = 0;
  for (size_t s = 0; s < CAL_NB; s++)
    if (T->bucket[s].n > most)
      most = T->bucket[s].n;
  size_t want = most + most / 2 < CAL_MIN_CAP ? CAL_MIN_CAP : most + most / 2;
  if (want >= c->cap / 2)
    return;
  sim_event *h = realloc(c->heap, want * sizeof(sim_event));
  if (h) {
    c->heap = h;
    c->cap = want;
  }
}

/* Sub-bucket of time t in the current bucket (see the top): monotone in t
 * within the bucket. t is finite and in a bucket |b| < CAL_SUB_MAX, so
 * t * sub_inv is well inside the int64 range (cal_bucket without its
 * clamps). */
SIM_ALWAYS_INLINE size_t cal_sub_of(const struct sim_cal_tier *T, double t) {
  const double q = t * T->sub_inv;
  int64_t f = (int64_t)q; /* truncates toward zero */
  f -= (double)f > q;
  const int64_t k = f - T->sub_base;
  return k < 0 ? 0 : k >= CAL_SUB ? CAL_SUB - 1 : (size_t)k;
}

/* The heap is empty: move the next non-empty sub-bucket (its staged events
 * and its later pushes) into it. c->sub_left > 0. Allocates nothing: the
 * staged events move within the array, and the heap room (c->cap) holds
 * any sub-bucket's later pushes (cal_sub_put keeps it so). */
static void cal_sub_advance(sim_calendar *c) {
  struct sim_cal_tier *T = c->tier;
  assert(c->hsize == 0 && c->sub_left > 0);
  size_t k = T->sub_next;
  while (T->sub_off[k + 1] == T->sub_off[k] && T->late[k].n == 0)
    k++;
  assert(k < CAL_SUB);
  const size_t n = T->sub_off[k + 1] - T->sub_off[k]; /* at the region's start, heap[c->cap] */
  memmove(c->heap, c->heap + c->cap, n * sizeof(sim_event));
  c->cap += n;
  cal_list *l = &T->late[k];
  assert(c->cap >= n + l->n);
  cal_list_copy(l, c->heap + n);
  c->hsize = n + l->n;
  cal_list_release(T, l);
  c->sub_left -= c->hsize;
  T->sub_next = k + 1;
  cal_heapify(c->heap, c->hsize);
}

/* The heap is empty and window bucket l (bucket b) is next: sort its events
 * by sub-bucket (a counting sort, two passes over its blocks) into the end
 * of the heap array, which holds any bucket, and move the first sub-bucket
 * into the heap. */
static void cal_stage(sim_calendar *c, const cal_list *l, int64_t b) {
  struct sim_cal_tier *T = c->tier;
  size_t pos[CAL_SUB] = {0};
  T->sub_base = b * CAL_SUB;
  for (const cal_blk *k = l->head; k; k = k->next)
    for (size_t j = 0; j < k->n; j++)
      pos[cal_sub_of(T, k->ev[j].time)]++;
  size_t at = 0;
  for (size_t i = 0; i < CAL_SUB; i++) {
    T->sub_off[i] = at;
    at += pos[i];
    pos[i] = T->sub_off[i];
  }
  T->sub_off[CAL_SUB] = at;
  assert(at == l->n && c->cap >= at);
  sim_event *dst = c->heap + c->cap - at;
  for (const cal_blk *k = l->head; k; k = k->next)
    for (size_t j = 0; j < k->n; j++)
      dst[pos[cal_sub_of(T, k->ev[j].time)]++] = k->ev[j];
  c->cap -= at;
  T->sub_next = 0;
  c->sub_left = at;
  cal_sub_advance(c);
}

/* Whether bucket b, of n events, is staged in sub-buckets. */
static inline int cal_stageable(const sim_calendar *c, int64_t b, size_t n) {
  return n >= CAL_SUB_MIN && b > -CAL_SUB_MAX && b < CAL_SUB_MAX && isfinite(c->tier->sub_inv);
}

/* The heap is empty: with sub-buckets pending, the next one moves into it.
 * Else the tier is not empty: move the tier's earliest non-empty
 * bucket into the heap (a copy of its blocks into the heap array, which has
 * room for it), so the heap array is only ever as large as the heap part of
 * the calendar (a bucket and the events pushed into it since), not as large
 * as every pending event. SIM_ENOMEM only when the window is empty and the
 * rebase cannot reserve what it needs: then nothing has moved and the heap
 * is still empty (see the memory note at the top). */
CAL_COLD int cal_refill(sim_calendar *c) {
  struct sim_cal_tier *T = c->tier;
  assert(T && c->hsize == 0 && c->size > 0);
  if (c->sub_left) {
    cal_sub_advance(c);
    return SIM_OK;
  }
  if (T->nwin == 0) {
    if (T->far_n == 0) {         /* only the top bucket is left */
      cal_heap_take(c, &T->top); /* top keeps the heap's array for when finite times come */
      c->top_only = 1;
      T->base = c->tier_next = CAL_IDX_TOP + 1;
      cal_heapify(c->heap, c->hsize);
      return SIM_OK;
    }
    if (cal_rebase(c) != SIM_OK)
      return SIM_ENOMEM;
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
  cal_list *l = &T->bucket[s];
  assert(c->cap >= l->n); /* cal_window_add and cal_rebase keep it so */
  if (c->cap >= CAL_SHRINK_MIN && c->cap / 4 > l->n)
    cal_heap_fit(c);
  T->nwin -= l->n;
  T->used[w] &= ~(UINT64_C(1) << (s & 63));
  c->tier_next = b + 1;
  if (cal_stageable(c, b, l->n)) {
    cal_stage(c, l, b);
  } else {
    cal_list_copy(l, c->heap);
    c->hsize = l->n;
    cal_heapify(c->heap, c->hsize);
  }
  cal_list_release(T, l);
  return SIM_OK;
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
  /* reserve everything first, so that nothing can fail half-way (the
   * moved buckets' blocks are spliced into the far list, not copied) */
  const size_t hn = c->hsize;
  size_t most = 0;
  for (size_t i = 0; i < hn; i++) {
    int64_t b = cal_bucket(inv, c->heap[i].time);
    if (b < nb)
      continue;
    if (b == CAL_IDX_TOP && cal_vec_reserve(&T->top, T->top.n + hn) != SIM_OK)
      return;
    if (b != CAL_IDX_TOP && b - base < CAL_NB && T->bucket[cal_slot(b)].n + hn > most)
      most = T->bucket[cal_slot(b)].n + hn;
  }
  /* each moved event may start a block (in a bucket or the far list); the
   * heap array keeps room for a bucket */
  if (cal_blocks_reserve(T, 2 * hn + 1) != SIM_OK ||
      (most > c->cap && cal_reserve(c, most) != SIM_OK))
    return;
  /* move */
  for (int64_t d = lo; d < hi && nmove > 0; d++) {
    size_t s = cal_slot(d);
    cal_list *v = &T->bucket[s];
    if (!(T->used[s >> 6] >> (s & 63) & 1))
      continue;
    if (T->far_n == 0 || d < T->far_min)
      T->far_min = d;
    T->far_n += v->n;
    T->nwin -= v->n;
    nmove -= v->n;
    cal_list_splice(&T->far, v); /* unpacked; a rebase may pack them */
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
      (void)cal_window_add(c, b, e); /* reserved above: cannot fail */
    } else {
      cal_far_put(T, b, e); /* reserved above */
    }
  }
  c->hsize = k;
  cal_heapify(c->heap, k);
}

/* Sift up for an event of any seq (a reserved one, sim_calendar_push_reserved):
 * the exact (time, seq) order, since e need not have the largest seq. */
static void cal_heap_insert_exact(sim_event *h, size_t i, const sim_event *e) {
  while (i > 0) {
    size_t parent = (i - 1) >> 2;
    if (!cal_before(e, &h[parent]))
      break;
    h[i] = h[parent];
    i = parent;
  }
  h[i] = *e;
}

/* Puts e (time normalised, seq set) of the current bucket (tier_next - 1)
 * while its later sub-buckets are staged (c->sub_left > 0): into the heap if
 * its sub-bucket is already there, else beside its sub-bucket (late[k]).
 * `fresh` as for cal_tier_put. The heap room keeps space for late[k] (the
 * staged events of k take the room they leave). SIM_OK or SIM_ENOMEM
 * (nothing changed). */
static int cal_sub_put(sim_calendar *c, sim_event *e, int fresh) {
  struct sim_cal_tier *T = c->tier;
  const size_t k = cal_sub_of(T, e->time);
  if (k < T->sub_next) {
    if (c->hsize == c->cap && cal_reserve(c, c->hsize + 1) != SIM_OK)
      return SIM_ENOMEM;
    if (fresh)
      cal_heap_insert(c->heap, c->hsize++, e);
    else
      cal_heap_insert_exact(c->heap, c->hsize++, e);
  } else {
    cal_list *l = &T->late[k];
    if (l->n + 1 > c->cap && cal_reserve(c, l->n + 1) != SIM_OK)
      return SIM_ENOMEM;
    if (cal_list_new_blocks(l, 1) && cal_blocks_reserve(T, 1) != SIM_OK)
      return SIM_ENOMEM;
    cal_list_add(T, l, e);
    c->sub_left++;
  }
  c->next_seq += (uint64_t)fresh;
  c->size++;
  if (c->hsize == 0)
    cal_sub_advance(c);
  return SIM_OK;
}

/* Puts e (time normalised, seq set) into the tier: its bucket b is at or
 * past tier_next, or the heap holds only top events. `fresh`: e.seq is
 * c->next_seq, taken only on success; else e.seq was reserved earlier. */
static int cal_tier_put(sim_calendar *c, sim_event *e, int64_t b, int fresh) {
  struct sim_cal_tier *T = c->tier;
  if (c->top_only) {
    if (b == CAL_IDX_TOP) { /* joins the other top events in the heap */
      if (c->hsize == c->cap && cal_reserve(c, c->hsize + 1) != SIM_OK)
        return SIM_ENOMEM;
      if (fresh) {
        c->next_seq++;
        cal_heap_insert(c->heap, c->hsize++, e);
      } else {
        cal_heap_insert_exact(c->heap, c->hsize++, e);
      }
      c->size++;
      return SIM_OK;
    }
    /* A finite time after the calendar ran down to its top events: put those
     * back into `top` (it takes the heap's array, and the heap top's empty
     * one) and start the tier afresh, rather than send every later event
     * into the heap. */
    assert(T->top.n == 0);
    cal_vec heap = {.ev = c->heap, .n = c->hsize, .cap = c->cap};
    c->heap = T->top.ev;
    c->cap = T->top.cap;
    c->hsize = 0;
    T->top = heap;
    c->top_only = 0;
    T->base = c->tier_next = CAL_IDX_BOT;
  }
  int rc;
  if (b == CAL_IDX_TOP) {
    rc = cal_vec_push(&T->top, e);
  } else if (b - T->base < CAL_NB) {
    rc = cal_window_add(c, b, e);
  } else {
    rc = cal_far_add(T, b, e);
  }
  if (rc == SIM_OK) {
    c->next_seq += (uint64_t)fresh;
    c->size++;
  }
  if (c->hsize == 0 && c->size > 0)
    (void)cal_refill(c); /* on SIM_ENOMEM the next pop or push tries again */
  return rc;
}

/* A pushed event with the next seq (taken by the caller on success). */
static inline sim_event cal_fresh(const sim_calendar *c, double time, uint32_t entity, uint32_t gen,
                                  uint32_t type, uint32_t data) {
  return (sim_event){.time = time + 0.0, /* -0.0 -> +0.0 */
                     .seq = c->next_seq,
                     .entity = entity,
                     .gen = gen,
                     .type = type,
                     .data = data};
}

/* Push for an event that does not go straight into the heap: its bucket b is
 * at or past tier_next, or the heap holds only top events.
 *
 * The common case, a bucket in the window, writes the event's fields into
 * the bucket's block straight from the arguments. Through a sim_event built
 * on the stack (as cal_tier_put takes it), its copy read 16-byte halves of
 * the fields just stored 4 and 8 bytes at a time: a store-forwarding stall
 * on each half, where perf put about four fifths of cal_window_add's
 * samples (9 % of a national run's). */
int cal_push_tier(sim_calendar *c, double time, uint32_t entity, uint32_t gen, uint32_t type,
                  uint32_t data, int64_t b) {
  struct sim_cal_tier *T = c->tier;
  if (!c->top_only && b != CAL_IDX_TOP && b - T->base < CAL_NB) {
    const size_t s = cal_slot(b);
    cal_list *l = &T->bucket[s];
    if (cal_window_room(c, l) != SIM_OK)
      return SIM_ENOMEM;
    sim_event *d = cal_list_next(T, l);
    d->time = time + 0.0; /* -0.0 -> +0.0, as cal_fresh */
    d->seq = c->next_seq++;
    d->entity = entity;
    d->gen = gen;
    d->type = type;
    d->data = data;
    cal_window_mark(T, s);
    c->size++;
    if (c->hsize == 0)
      (void)cal_refill(c); /* on SIM_ENOMEM the next pop or push tries again */
    return SIM_OK;
  }
  sim_event e = cal_fresh(c, time, entity, gen, type, data);
  return cal_tier_put(c, &e, b, 1);
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
      for (cal_blk *k = T->bucket[s].head, *next; k; k = next) {
        next = k->next;
        free(k);
      }
    for (size_t i = 0; i <= CAL_PT; i++)
      for (cal_blk *k = cal_far_list(T, i)->head, *next; k; k = next) {
        next = k->next;
        free(k);
      }
    for (size_t i = 0; i < CAL_SUB; i++)
      for (cal_blk *k = T->late[i].head, *next; k; k = next) {
        next = k->next;
        free(k);
      }
    for (cal_blk *k = T->free, *next; k; k = next) {
      next = k->next;
      free(k);
    }
    free(T->top.ev);
    free(T);
  }
  free(c->heap);
  memset(c, 0, sizeof *c);
}

/* Keeps the events of v for which keep() holds, in their order; returns how
 * many were dropped. */
SIM_ALWAYS_INLINE size_t cal_vec_retain(cal_vec *v, sim_calendar_keep_fn keep, void *user) {
  size_t k = 0;
  for (size_t i = 0; i < v->n; i++) {
    v->ev[k] = v->ev[i]; /* see cal_list_retain */
    k += keep(&v->ev[i], user) != 0;
  }
  size_t dropped = v->n - k;
  v->n = k;
  return dropped;
}

/* The end of a list's compaction (cal_list_retain): the
 * kept events were written into the first blocks, up to w (holding wn; the
 * blocks-th block). The blocks after w are released, and the partial block w
 * becomes the head, the only block with room (new events go there). Returns
 * the number of events dropped. */
static size_t cal_list_retain_end(struct sim_cal_tier *T, cal_list *l, cal_blk *w, size_t wn,
                                  size_t kept, size_t blocks) {
  size_t dropped = l->n - kept;
  if (!w)
    return dropped; /* an empty list */
  cal_blk *rest = w->next;
  w->n = wn;
  w->next = NULL;
  cal_list tail = {.head = rest, .n = 0, .blocks = l->blocks - blocks};
  cal_list_release(T, &tail);
  l->blocks = blocks;
  l->n = kept;
  if (kept == 0) {
    cal_list_release(T, l);
    return dropped;
  }
  if (w != l->head) {
    cal_blk *prev = l->head;
    while (prev->next != w)
      prev = prev->next;
    prev->next = NULL;
    w->next = l->head;
    l->head = w;
  }
  l->hn = wn;
  return dropped;
}

/* Compacts list l, keeping the events for which keep() holds, in their
 * order: the kept events are packed into the first blocks, the emptied ones
 * released. i is the list's kind as in cal_far_list: 0 for whole events (a
 * window bucket, a late list, the unpacked far list), t + 1 for the packed
 * far list of type t. */
SIM_ALWAYS_INLINE size_t cal_list_retain(struct sim_cal_tier *T, cal_list *l, size_t i,
                                         sim_calendar_keep_fn keep, void *user) {
  const size_t per_block = i ? CAL_PBLK : CAL_BLK;
  cal_blk *w = l->head; /* writing into w's event wn */
  size_t wn = 0, kept = 0, blocks = l->head ? 1 : 0;
  /* Each event is copied to the write position, which then moves on if it
   * is kept: no branch on keep(), whose answer a purge cannot predict (the
   * departed entities' events are spread at random), so that the loads of
   * successive keep() calls (an entity's generation, a cache miss) overlap.
   * The write position never passes the read position; it moves to the next
   * block only for an event that is kept (the same blocks as a branch would
   * keep). */
  for (cal_blk *k = l->head; k; k = k->next)
    for (size_t j = 0; j < k->n; j++) {
      const sim_event e = cal_far_at(k, i, j);
      const size_t kp = keep(&e, user) != 0;
      if (wn == per_block) {
        if (!kp)
          continue;
        w->n = wn;
        w = w->next;
        wn = 0;
        blocks++;
      }
      if (i)
        w->pev[wn] = k->pev[j];
      else
        w->ev[wn] = k->ev[j];
      wn += kp;
      kept += kp;
    }
  return cal_list_retain_end(T, l, w, wn, kept, blocks);
}

/* sim_calendar_retain for the staged sub-buckets and their late pushes:
 * each staged sub-bucket is compacted toward the array's end (the region
 * stays flush with it; the heap room takes what is dropped). */
SIM_ALWAYS_INLINE size_t cal_sub_retain(sim_calendar *c, sim_calendar_keep_fn keep, void *user) {
  struct sim_cal_tier *T = c->tier;
  if (!c->sub_left)
    return 0;
  size_t dropped = 0;
  for (size_t k = T->sub_next; k < CAL_SUB; k++)
    dropped += cal_list_retain(T, &T->late[k], 0, keep, user);
  const size_t start = T->sub_off[T->sub_next];
  sim_event *r = c->heap + c->cap; /* sorted place p is r[p - start] */
  size_t w = T->sub_off[CAL_SUB];  /* writing below w */
  for (size_t k = CAL_SUB; k-- > T->sub_next;) {
    const size_t lo = T->sub_off[k], hi = T->sub_off[k + 1];
    T->sub_off[k + 1] = w;
    for (size_t i = hi; i-- > lo;)
      if (keep(&r[i - start], user)) {
        w--;
        r[w - start] = r[i - start];
      }
  }
  const size_t staged_dropped = w - start;
  T->sub_off[T->sub_next] = w;
  c->cap += staged_dropped;
  dropped += staged_dropped;
  c->sub_left -= dropped;
  return dropped;
}

/* Drops events in place: every bucket and list is compacted and the heap
 * re-heapified. Nothing moves between the heap and the tier, so the
 * invariant (heap buckets before tier_next, tier buckets from it) still
 * holds, and the remaining events leave in the same (time, seq) order as
 * they would have. Allocates nothing. Inlined into its two callers below,
 * so that a keep function known there is inlined into the walks. */
SIM_ALWAYS_INLINE size_t cal_retain(sim_calendar *c, sim_calendar_keep_fn keep, void *user) {
  size_t dropped = 0;
  struct sim_cal_tier *T = c->tier;
  if (T) {
    for (size_t w = 0; w < CAL_NW; w++) {
      for (uint64_t m = T->used[w]; m; m &= m - 1) {
        size_t s = (w << 6) | (size_t)__builtin_ctzll(m);
        size_t d = cal_list_retain(T, &T->bucket[s], 0, keep, user);
        T->nwin -= d;
        dropped += d;
        if (T->bucket[s].n == 0)
          T->used[w] &= ~(UINT64_C(1) << (s & 63));
      }
    }
    if (T->far_n) {
      for (size_t i = 0; i <= CAL_PT; i++)
        dropped += cal_list_retain(T, cal_far_list(T, i), i, keep, user);
      int64_t min = CAL_IDX_TOP;
      size_t n = 0;
      for (size_t i = 0; i <= CAL_PT; i++) {
        const cal_list *l = cal_far_list(T, i);
        n += l->n;
        for (const cal_blk *k = l->head; k; k = k->next)
          for (size_t j = 0; j < k->n; j++) {
            int64_t b = cal_bucket(c->tier_inv, cal_far_at(k, i, j).time);
            if (b < min)
              min = b;
          }
      }
      T->far_n = n;
      T->far_min = min;
    }
    dropped += cal_vec_retain(&T->top, keep, user);
    dropped += cal_sub_retain(c, keep, user);
  }
  size_t k = 0;
  for (size_t i = 0; i < c->hsize; i++) {
    c->heap[k] = c->heap[i]; /* see cal_list_retain */
    k += keep(&c->heap[i], user) != 0;
  }
  dropped += c->hsize - k;
  c->hsize = k;
  c->size -= dropped;
  cal_heapify(c->heap, c->hsize);
  if (c->hsize == 0 && c->size > 0)
    (void)cal_refill(c); /* on SIM_ENOMEM the next pop or push tries again */
  return dropped;
}

size_t sim_calendar_retain(sim_calendar *c, sim_calendar_keep_fn keep, void *user) {
  assert(c && keep);
  return cal_retain(c, keep, user);
}

SIM_ALWAYS_INLINE int cal_keep_live(const sim_event *ev, void *pool) {
  /* without branches (sim_pool_stale): whether a pending event is stale
   * cannot be predicted, and a mispredicted branch behind each generation's
   * load (a cache miss) kept the loads of successive events from
   * overlapping */
  return !sim_pool_stale(pool, ev->entity, ev->gen);
}

size_t sim_calendar_retain_live(sim_calendar *c, const sim_pool *pool) {
  assert(c && pool);
  return cal_retain(c, cal_keep_live, (void *)pool);
}

size_t sim_calendar_size(const sim_calendar *c) {
  assert(c);
  return c->size;
}

size_t sim_calendar_capacity(const sim_calendar *c) {
  assert(c);
  size_t cap = c->cap;
  const struct sim_cal_tier *T = c->tier;
  if (T) {
    cap += cal_region(c);
    cap += (T->nblocks + T->nfree) * CAL_BLK;
    cap += T->top.cap;
  }
  return cap;
}

int sim_calendar_set_tier(sim_calendar *c, double width) {
  assert(c);
  if (!(width >= 0.0) || !isfinite(width) || (width > 0.0 && !isfinite(1.0 / width)))
    return SIM_EINVAL;
  /* Everything that can fail comes first, so that on SIM_ENOMEM nothing has
   * changed: the new tier, and a heap array for every pending event (the
   * old tier's events move into the heap). */
  struct sim_cal_tier *T = NULL;
  if (width > 0.0 && !(T = calloc(1, sizeof *T)))
    return SIM_ENOMEM;
  if (c->tier && c->cap < c->size && cal_reserve(c, c->size) != SIM_OK) {
    free(T);
    return SIM_ENOMEM;
  }
  cal_flatten(c);
  if (!T)
    return SIM_OK;
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
  T->base = next;
  T->sub_inv = inv * CAL_SUB;
  c->top_only = all_top;
  c->tier = T;
  c->tier_width = width;
  c->tier_inv = inv;
  c->tier_next = next;
  return SIM_OK;
}

CAL_COLD int cal_push_slow(sim_calendar *c, double time, uint32_t entity, uint32_t gen,
                           uint32_t type, uint32_t data) {
  if (c->tier) {
    int64_t b = cal_bucket(c->tier_inv, time + 0.0);
    if (b >= c->tier_next || c->top_only)
      return cal_push_tier(c, time, entity, gen, type, data, b);
    if (c->sub_left && b + 1 == c->tier_next) {
      sim_event e = cal_fresh(c, time, entity, gen, type, data);
      return cal_sub_put(c, &e, 1);
    }
    if (b + 1 < c->tier_next && c->hsize <= CAL_RESPLIT && !c->sub_left)
      cal_resplit(c, b + 1);
  }
  if (c->hsize == c->cap && cal_reserve(c, c->hsize + 1) != SIM_OK)
    return SIM_ENOMEM;
  cal_heap_push(c, time, entity, gen, type, data);
  return SIM_OK;
}

int sim_calendar_push(sim_calendar *c, sim_event *ev) {
  assert(c && ev);
  int rc = cal_push(c, ev->time, ev->entity, ev->gen, ev->type, ev->data);
  if (rc == SIM_OK)
    ev->seq = c->next_seq - 1; /* every successful push takes the next seq */
  return rc;
}

uint64_t sim_calendar_reserve(sim_calendar *c) {
  assert(c);
  return c->next_seq++;
}

int sim_calendar_push_reserved(sim_calendar *c, const sim_event *ev) {
  assert(c && ev && ev->seq < c->next_seq);
  sim_event e = *ev;
  e.time += 0.0; /* -0.0 -> +0.0 */
  if (c->tier) {
    int64_t b = cal_bucket(c->tier_inv, e.time);
    if (b >= c->tier_next || c->top_only)
      return cal_tier_put(c, &e, b, 0);
    if (c->sub_left && b + 1 == c->tier_next)
      return cal_sub_put(c, &e, 0);
    if (b + 1 < c->tier_next && c->hsize <= CAL_RESPLIT && !c->sub_left)
      cal_resplit(c, b + 1);
  }
  if (c->hsize == c->cap && cal_reserve(c, c->hsize + 1) != SIM_OK)
    return SIM_ENOMEM;
  cal_heap_insert_exact(c->heap, c->hsize++, &e);
  c->size++;
  return SIM_OK;
}

int sim_calendar_pop(sim_calendar *c, sim_event *out) {
  assert(c && out);
  if (c->hsize == 0 && (c->size == 0 || cal_refill(c) != SIM_OK))
    return 0;
  cal_pop(c, out);
  return 1;
}
