/* sim.h: the generic discrete-event engine of bijsim.
 *
 * Clock in days (double), an event calendar (4-ary heap keyed on
 * (time, insertion sequence) so ties are deterministic, with an optional
 * bucketed tier for far-future events), an entity pool with
 * slot reuse and generation counters (cheap cancellation of a departed
 * entity's pending events), and counter-free random streams derived from
 * (master seed, replication, entity, purpose).
 *
 * The engine knows nothing of bijstand. There is no global mutable state:
 * everything lives in a sim_ctx passed around explicitly.
 */
#ifndef BIJSIM_SIM_H
#define BIJSIM_SIM_H

#include <gsl/gsl_rng.h>
#include <math.h>
#include <stddef.h>
#include <stdint.h>

#define SIM_NO_ENTITY UINT32_MAX

/* Inlined into the caller whatever the compiler's size heuristics say: the
 * calendar's push and pop fast paths, sim_schedule's checks, and the
 * prefetch helpers (which must be inlined to exist at all: see
 * sim_pool_prefetch). */
#if defined(__GNUC__) || defined(__clang__)
#define SIM_ALWAYS_INLINE static inline __attribute__((always_inline))
#else
#define SIM_ALWAYS_INLINE static inline
#endif

/* Return codes used across the project. */
enum {
  SIM_OK = 0,
  SIM_ENOMEM = -1,   /* an allocation failed */
  SIM_EINVAL = -2,   /* bad argument */
  SIM_EHANDLER = -3, /* an event handler reported an error */
  SIM_ESTOP = 1      /* run stopped early on request (not an error) */
};

/* ---------------------------------------------------------------- events */

typedef struct sim_event {
  double time;     /* day the event fires */
  uint64_t seq;    /* insertion sequence: breaks ties deterministically */
  uint32_t entity; /* entity slot, or SIM_NO_ENTITY */
  uint32_t gen;    /* entity generation at scheduling time */
  uint32_t type;   /* handler index */
  uint32_t data;   /* free payload for the handler (e.g. a timer token) */
} sim_event;

/* The calendar is a 4-ary min-heap, optionally with a far-future tier in
 * front of it (sim_calendar_set_tier). With a tier of width W, event times map
 * to buckets b = floor(t / W); the heap holds every event whose bucket is
 * before `tier_next` and the tier keeps the later ones unsorted per bucket,
 * moving the next non-empty bucket into the heap when the heap runs dry. The
 * pop order is exactly (time, seq) either way; the tier only keeps the heap
 * small when many events are pending far ahead. The fields are read-only
 * outside calendar.c. */
struct sim_cal_tier; /* buckets of the far-future tier, private to calendar.c */

typedef struct sim_calendar {
  sim_event *heap; /* 4-ary min-heap on (time, seq) */
  size_t size;     /* pending events in all: heap + tier (see sim_calendar_size) */
  size_t cap;      /* capacity of the heap array (>= hsize; with a tier, not >= size) */
  uint64_t next_seq;
  size_t hsize;              /* events in the heap; 0 only when the calendar is empty, or
                                the tier ran out of memory (see sim_calendar_pop) */
  double tier_width;         /* bucket width W in days, 0 = plain heap */
  double tier_inv;           /* 1 / W */
  int64_t tier_next;         /* first bucket not yet moved into the heap */
  int top_only;              /* the heap holds nothing but the tier's top events (+inf, ...) */
  size_t sub_left;           /* events of the current bucket's later sub-buckets, not yet in the
                                heap (sim/calendar.c, "Sub-buckets") */
  struct sim_cal_tier *tier; /* NULL for a plain heap */
} sim_calendar;

int sim_calendar_init(sim_calendar *c, size_t initial_cap);
/* Frees the heap, the tier and every pending event; safe on a zeroed or freed calendar. */
void sim_calendar_free(sim_calendar *c);
/* Inserts a copy of *ev after assigning ev->seq. Returns SIM_OK or SIM_ENOMEM
 * (then nothing was inserted and no seq was used). */
int sim_calendar_push(sim_calendar *c, sim_event *ev);
/* Reserved seqs, for events known now but pushed later (a date years ahead
 * that matters only if an earlier event of the same entity comes first):
 * sim_calendar_reserve takes the next seq without pushing anything, and
 * sim_calendar_push_reserved pushes ev with ev->seq, a seq reserved earlier
 * and not pushed yet. Such an event leaves exactly where it would have left
 * had it been pushed when its seq was reserved, as long as it is pushed
 * before that: while the calendar's earliest event is not after it in
 * (time, seq) order. SIM_OK or SIM_ENOMEM. */
uint64_t sim_calendar_reserve(sim_calendar *c);
int sim_calendar_push_reserved(sim_calendar *c, const sim_event *ev);
/* Removes the earliest event into *out. Returns 1 if one was removed, 0 if
 * none could be: the calendar is empty, or (with a tier only) events are
 * pending (sim_calendar_size() > 0) but moving the far ones into the heap
 * ran out of memory; each later pop tries again. */
int sim_calendar_pop(sim_calendar *c, sim_event *out);
/* Earliest event without removing it, or NULL when empty (inline: sim_run
 * reads it twice per event). */
static inline const sim_event *sim_calendar_peek(const sim_calendar *c) {
  return c->hsize ? &c->heap[0] : NULL;
}
/* Drops the pending events for which keep(ev, user) returns 0; the others
 * leave in the same order as before. Allocates nothing; returns the number
 * dropped. (sim_run uses it to drop the events of entities that left.) */
typedef int (*sim_calendar_keep_fn)(const sim_event *ev, void *user);
size_t sim_calendar_retain(sim_calendar *c, sim_calendar_keep_fn keep, void *user);
/* Number of pending events (heap and tier). */
size_t sim_calendar_size(const sim_calendar *c);
/* Events the calendar's arrays have room for, heap and tier together (its
 * memory is this times sizeof(sim_event), plus the tier's fixed part). */
size_t sim_calendar_capacity(const sim_calendar *c);
/* Sets the far-future tier: width > 0 (days per bucket) turns it on, 0 turns
 * it off (a plain heap, the default). Best called while the calendar is
 * empty: events already pending stay in the heap (valid, in order, just not
 * sped up). The pop order never depends on the tier or its width, only the
 * speed does: pick a width whose buckets hold a few thousand events, e.g.
 * 1 day for the national bijstand run (~5000 events a day, 2 million
 * pending). With a few thousand pending events or fewer the plain heap is
 * as fast. Returns SIM_OK, SIM_EINVAL (width negative, NaN, infinite or so
 * small that 1 / width overflows) or SIM_ENOMEM (nothing changed). Should the
 * tier later fail to allocate while pop() moves far events into the window's
 * buckets, nothing moves and pop returns 0 with events pending (sim_run then
 * returns SIM_ENOMEM). With a tier, the heap array (cap) holds
 * only the heap part (hsize), so the calendar stores each event once. */
int sim_calendar_set_tier(sim_calendar *c, double width);

/* ------------------------------------------------------------ entity pool */

/* A pool of fixed-size records addressed by slot index. Freed slots are
 * reused (LIFO); every free bumps the slot's generation so events scheduled
 * for the previous occupant are recognised as stale. Records move when the
 * pool grows: keep slot indices, not pointers, across sim_pool_alloc calls. */
typedef struct sim_pool {
  unsigned char *items; /* cap * item_size bytes */
  uint32_t *gen;        /* generation per slot; odd = in use, even = free */
  uint32_t *free_list;  /* stack of free slots */
  size_t item_size;
  size_t cap;
  size_t nfree;
  size_t used;       /* slots ever handed out (high-water mark) */
  size_t live;       /* slots currently in use */
  size_t max_live;   /* peak of live */
  uint64_t releases; /* slots released so far */
  size_t limit;      /* 0 = unlimited; else sim_pool_alloc fails past this many live */
} sim_pool;

int sim_pool_init(sim_pool *p, size_t item_size, size_t initial_cap);
void sim_pool_free(sim_pool *p);
/* Makes room for n slots at once (nothing changes if there is room): for a
 * caller that knows how many entities will soon be live, so that the records
 * are not moved by the growth and a large pool gets huge pages from the
 * start. SIM_OK or SIM_ENOMEM (the pool unchanged). */
int sim_pool_reserve(sim_pool *p, size_t n);
/* Allocates a zeroed slot; *slot receives its index. SIM_OK or SIM_ENOMEM. */
int sim_pool_alloc(sim_pool *p, uint32_t *slot);
void sim_pool_release(sim_pool *p, uint32_t slot);
static inline void *sim_pool_get(const sim_pool *p, uint32_t slot) {
  return p->items + (size_t)slot * p->item_size;
}
static inline uint32_t sim_pool_gen(const sim_pool *p, uint32_t slot) { return p->gen[slot]; }
static inline int sim_pool_alive(const sim_pool *p, uint32_t slot, uint32_t gen) {
  return slot < p->used && p->gen[slot] == gen && (gen & 1u);
}
/* Whether an event of `entity` scheduled under generation `gen` is stale:
 * the entity left (or its slot was reused). Nonzero iff, for a slot in use,
 * it is not alive with this generation (sim_pool_alive); else iff the event
 * has an entity at all (entity + 1 wraps to 0 for SIM_NO_ENTITY only, which
 * is never < used). The generations are compared without a branch (the
 * test for a slot in use is one, predictable: most events have an entity),
 * in fewer instructions than sim_pool_alive behind a test for an entity (a
 * mask in place of that branch cost the M/M/1 of bench/engine.c 13
 * instructions per event). gen[0] always exists (the pool starts with 16
 * slots). sim_run drops stale events at their pop and, in a purge, with
 * sim_calendar_retain_live. */
SIM_ALWAYS_INLINE uint32_t sim_pool_stale(const sim_pool *pool, uint32_t entity, uint32_t gen) {
  const int used = entity < pool->used;
  const uint32_t g = pool->gen[used ? entity : 0];
  return used ? (g ^ gen) | (~gen & 1u) : entity + 1u;
}
/* sim_calendar_retain keeping the events that are not stale
 * (sim_pool_stale) for `pool`, with that test inlined into the walk instead
 * of a call of a keep function per pending event. */
size_t sim_calendar_retain_live(sim_calendar *c, const sim_pool *pool);
/* Starts fetching a slot's generation and every cache line of its record, for
 * code that will soon read them (sim_run prefetches the next event's entity;
 * a model may prefetch the next of its own queue). Only a hint: nothing is
 * read, and a slot at or past the pool's use is ignored. always_inline is not
 * about speed: a function made only of prefetches is "pure" to GCC (they are
 * not side effects), and a call of a pure function returning void is dead
 * code, so GCC 12 at -O2 dropped every prefetch of an out-of-line version. */
SIM_ALWAYS_INLINE void sim_pool_prefetch(const sim_pool *p, uint32_t slot) {
  if (slot >= p->used || p->item_size == 0)
    return;
  __builtin_prefetch(&p->gen[slot]);
  const unsigned char *item = (const unsigned char *)sim_pool_get(p, slot);
  for (size_t off = 0; off < p->item_size; off += 64)
    __builtin_prefetch(item + off);
  __builtin_prefetch(item + p->item_size - 1);
}

/* --------------------------------------------------------- random streams */

/* A stream is 8 bytes of SplitMix64 state: small enough to keep several per
 * entity. The key of a stream is a hash of (seed, replication, entity id,
 * purpose), so a stream's values depend only on those four numbers: adding
 * entities or changing policy does not change another entity's draws
 * (common random numbers). SplitMix64 passes BigCrush; see docs/model.md. */
typedef struct sim_stream {
  uint64_t state;
} sim_stream;

#define SIM_SPLITMIX_GAMMA 0x9e3779b97f4a7c15u

/* The SplitMix64 finaliser (Stafford's Mix13): a bijection on 64 bits.
 * This and the draws below are inline: they are on every event's path. */
static inline uint64_t sim_hash64(uint64_t x) {
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9u;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebu;
  return x ^ (x >> 31);
}
/* Mixes the four key parts into a well-spread stream key. */
uint64_t sim_stream_key(uint64_t seed, uint64_t replication, uint64_t entity, uint64_t purpose);
/* The same in two steps, for an entity with many streams:
 * sim_stream_key(s, r, e, p) == sim_stream_key_purpose(sim_stream_key_entity(s, r, e), p);
 * a stream's state starts at its key (sim_stream_init). */
uint64_t sim_stream_key_entity(uint64_t seed, uint64_t replication, uint64_t entity);
#define SIM_KEY_PURPOSE 0x082efa98ec4e6c89u
/* inline: with a constant purpose the inner hash is a constant */
static inline uint64_t sim_stream_key_purpose(uint64_t entity_key, uint64_t purpose) {
  return sim_hash64(entity_key ^ sim_hash64(purpose + SIM_KEY_PURPOSE));
}
void sim_stream_init(sim_stream *s, uint64_t seed, uint64_t replication, uint64_t entity,
                     uint64_t purpose);
static inline uint64_t sim_stream_next(sim_stream *s) {
  s->state += SIM_SPLITMIX_GAMMA;
  return sim_hash64(s->state);
}
/* Uniform on the open interval (0,1): the top 52 bits, centred in their
 * cell, (k + 0.5) / 2^52 for k in [0, 2^52). Every value is exact in a
 * double, so the result is never 0 and never 1. (With 53 bits, k + 0.5 is
 * not representable for k >= 2^52 and rounds up to 2^53 for the largest k,
 * which would return exactly 1.0.) */
static inline double sim_u01(uint64_t x) { return ((double)(x >> 12) + 0.5) * 0x1.0p-52; }
static inline double sim_stream_uniform(sim_stream *s) { return sim_u01(sim_stream_next(s)); }
/* Exponential with the given mean, by inversion on one uniform: -mean log(u)
 * (one log; gsl_ran_exponential's -mean log1p(-u) is the same distribution
 * but slower, and goes through the facade). */
static inline double sim_stream_exponential(sim_stream *s, double mean) {
  return -mean * log(sim_stream_uniform(s));
}

/* Counted streams. After n draws a stream's state is key + n * GAMMA, so a
 * stream can also be kept as its key (or what it is recomputed from) and the
 * number of draws taken: draw n (from 1) is sim_hash64(key + n * GAMMA), the
 * same value as the n-th sim_stream_next from state `key`. An entity with
 * many streams then keeps one entity key and a 16-bit count per purpose
 * (2 bytes instead of 8) and derives a purpose's key when it draws. A count
 * never wraps silently: the draw that takes it past SIM_DRAWS_MAX sets
 * *overflow (sticky, for the owner to check), and the draws after it are
 * not the stream's any more. */
#define SIM_SPLITMIX_GAMMA_INV 0xf1de83e19937733du /* GAMMA * GAMMA_INV == 1 mod 2^64 */
typedef uint16_t sim_draws;
#define SIM_DRAWS_MAX UINT16_MAX

/* A counted stream being drawn from: its state, and where its count is kept. */
typedef struct sim_counted {
  uint64_t state;    /* key + count * GAMMA */
  sim_draws *count;  /* draws taken so far, advanced by each draw */
  uint8_t *overflow; /* set to 1 when a draw takes count past SIM_DRAWS_MAX */
} sim_counted;

/* The state of the stream of `key` after n draws, and back: the draws a
 * state is from its key. */
static inline uint64_t sim_stream_state_at(uint64_t key, uint64_t n) {
  return key + n * SIM_SPLITMIX_GAMMA;
}
static inline uint64_t sim_stream_draws_of(uint64_t key, uint64_t state) {
  return (state - key) * SIM_SPLITMIX_GAMMA_INV;
}
/* The counted stream of `key` with *count draws taken. */
static inline sim_counted sim_counted_at(uint64_t key, sim_draws *count, uint8_t *overflow) {
  return (sim_counted){sim_stream_state_at(key, *count), count, overflow};
}
static inline uint64_t sim_counted_next(sim_counted *s) {
  s->state += SIM_SPLITMIX_GAMMA;
  if (++*s->count == 0) /* wrapped: this draw is still the stream's, the count not */
    *s->overflow = 1;
  return sim_hash64(s->state);
}
/* The uniform of sim_stream_uniform, for a counted stream. */
static inline double sim_counted_uniform(sim_counted *s) { return sim_u01(sim_counted_next(s)); }
/* Takes a block of n draws from the stream of `key` at once: the count moves
 * on by n (setting *overflow if that takes it past SIM_DRAWS_MAX) and the
 * state before the block is returned. Uniform i of the block (i < n) is
 * sim_counted_block_u(state, i), the same as the (i + 1)-th of n calls of
 * sim_counted_uniform, computed only when it is needed. */
static inline uint64_t sim_counted_take(uint64_t key, sim_draws *count, uint8_t *overflow, int n) {
  const uint32_t c0 = *count, c1 = c0 + (uint32_t)n;
  if (c1 > SIM_DRAWS_MAX)
    *overflow = 1;
  *count = (sim_draws)c1;
  return sim_stream_state_at(key, c0);
}
static inline double sim_counted_block_u(uint64_t state, unsigned i) {
  return sim_u01(sim_hash64(state + (uint64_t)(i + 1u) * SIM_SPLITMIX_GAMMA));
}
/* n uniforms at once from the stream of `key`: the same as n calls of
 * sim_counted_uniform, with one update of the count. */
static inline void sim_counted_uniforms(uint64_t key, sim_draws *count, uint8_t *overflow,
                                        double *u, int n) {
  const uint64_t st = sim_counted_take(key, count, overflow, n);
  for (int i = 0; i < n; i++)
    u[i] = sim_counted_block_u(st, (unsigned)i);
}

/* A gsl_rng facade over sim_stream, so gsl_ran_* can draw from any stream
 * without allocating per entity: sim_rng_bind points the facade at a stream
 * and returns it. The returned gsl_rng is valid until the next bind on the
 * same facade or sim_rng_free. */
typedef struct sim_rng {
  gsl_rng *r;
  void *own_state; /* the state GSL allocated, restored before freeing */
  gsl_rng *rc;     /* the facade for counted streams; its state is a sim_counted */
} sim_rng;

extern const gsl_rng_type *sim_rng_splitmix;         /* read-only type descriptor */
extern const gsl_rng_type *sim_rng_splitmix_counted; /* the same draws, from a sim_counted */
int sim_rng_init(sim_rng *f);
void sim_rng_free(sim_rng *f);
gsl_rng *sim_rng_bind(sim_rng *f, sim_stream *s);
/* Binds the counted facade to the stream of `key` with its count in *count
 * (advanced by every draw; *overflow as for sim_counted_next). Valid until
 * the next sim_rng_bind_counted on the same facade, and only while count and
 * overflow stay where they are. */
static inline gsl_rng *sim_rng_bind_counted(sim_rng *f, uint64_t key, sim_draws *count,
                                            uint8_t *overflow) {
  *(sim_counted *)f->rc->state = sim_counted_at(key, count, overflow);
  return f->rc;
}

/* -------------------------------------------------------------- context */

struct sim_ctx;
/* An event handler. Returns SIM_OK, SIM_ESTOP to end the run, or a negative
 * error code (the handler fills ctx->err). */
typedef int (*sim_handler)(struct sim_ctx *ctx, const sim_event *ev, void *user);

#define SIM_MAX_EVENT_TYPES 64

typedef struct sim_ctx {
  double now;
  sim_calendar cal;
  sim_pool pool;
  sim_rng rng; /* facade for gsl_ran_* draws */
  uint64_t seed;
  uint64_t replication;
  uint64_t events_processed;
  uint64_t events_stale;  /* popped but dropped: entity gone */
  uint64_t events_purged; /* dropped from the calendar before their time: entity gone */
  uint64_t purge_at;      /* sim_run purges those once the pool has released this many slots */
  uint64_t max_events;    /* sim_run fails past this many events processed; 0 = no limit
                           * (read when sim_run starts) */
  size_t prefetch_from;   /* sim_run prefetches the next event's record once the pool has
                           * this many slots in use (set by sim_ctx_init) */
  sim_handler handlers[SIM_MAX_EVENT_TYPES];
  void *handler_user[SIM_MAX_EVENT_TYPES];
  char err[512];
} sim_ctx;

int sim_ctx_init(sim_ctx *ctx, size_t entity_size, uint64_t seed, uint64_t replication);
void sim_ctx_free(sim_ctx *ctx);
int sim_ctx_on(sim_ctx *ctx, uint32_t type, sim_handler h, void *user);
/* sim_calendar_set_tier on the context's calendar (width 0 = plain heap);
 * on failure ctx->err says why. */
int sim_ctx_set_calendar_tier(sim_ctx *ctx, double width);
/* Schedules an event at absolute time t (>= now). For an entity event the
 * entity's current generation is recorded; if the entity is released before
 * t the event is dropped. */
int sim_schedule(sim_ctx *ctx, double t, uint32_t type, uint32_t entity, uint32_t data);
/* sim_schedule with a seq reserved earlier (sim_ctx_reserve, i.e.
 * sim_calendar_reserve on ctx->cal): the event takes the place in the order
 * it would have had if scheduled when the seq was reserved. Same checks and
 * errors as sim_schedule; t must also not be before the event being handled
 * (t >= now) and the seq must not have been pushed yet. */
uint64_t sim_ctx_reserve(sim_ctx *ctx);
int sim_schedule_reserved(sim_ctx *ctx, double t, uint32_t type, uint32_t entity, uint32_t data,
                          uint64_t seq);
/* Runs events in (time, seq) order while their time <= until. Returns SIM_OK
 * when the calendar is empty or the next event lies past `until` (now is then
 * set to `until`), SIM_ESTOP if a handler asked to stop, or a negative code. */
int sim_run(sim_ctx *ctx, double until);

#endif
