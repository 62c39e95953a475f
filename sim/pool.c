/* pool.c: fixed-size entity records addressed by slot index.
 *
 * A slot's generation is odd while it is in use and even while it is free;
 * both alloc and release bump it. An event remembers the generation it was
 * scheduled under, so once its entity is released (or the slot is reused by a
 * new entity) the event no longer matches and is dropped in O(1), without
 * searching the calendar.
 *
 * Free slots are reused last-in first-out (the most recently touched record is
 * the one most likely still in cache). Slots are never handed back to the
 * allocator; `used` is the high-water mark of slots ever handed out.
 */
#if defined(__linux__) && !defined(_DEFAULT_SOURCE)
#define _DEFAULT_SOURCE /* madvise's MADV_HUGEPAGE */
#endif
#include "sim/sim.h"

#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#if defined(__linux__)
#include <sys/mman.h>
#endif

#define POOL_MIN_CAP 16
/* Transparent huge pages are 2 MiB on x86-64 and arm64 (4 KiB base pages). */
#define POOL_HUGE_PAGE ((uintptr_t)2 << 20)
/* Slot indices are uint32_t and UINT32_MAX means "no entity". */
#define POOL_MAX_SLOTS ((size_t)UINT32_MAX)

/* A large pool is read at random (each event's record), so with 4 KiB pages
 * nearly every record costs a TLB miss on top of its cache miss: the records
 * ask for transparent huge pages (where the kernel grants them on request,
 * Linux's "madvise" mode). Only the whole 2 MiB pages inside the block are
 * advised; pages already touched stay as they are, which is why
 * sim_pool_reserve, called before the records are written, matters. A hint:
 * its failure changes nothing but speed. */
static void pool_advise_huge(unsigned char *items, size_t bytes) {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  uintptr_t lo = ((uintptr_t)items + POOL_HUGE_PAGE - 1) & ~(POOL_HUGE_PAGE - 1);
  uintptr_t hi = ((uintptr_t)items + bytes) & ~(POOL_HUGE_PAGE - 1);
  if (hi > lo)
    (void)madvise((void *)lo, hi - lo, MADV_HUGEPAGE);
#else
  (void)items;
  (void)bytes;
#endif
}

/* Grows all three arrays to `cap` slots. The pool's fields change only when
 * every reallocation succeeded, so on failure it is still consistent. */
static int pool_grow_to(sim_pool *p, size_t cap) {
  if (cap > POOL_MAX_SLOTS || (p->item_size && cap > SIZE_MAX / p->item_size) ||
      cap > SIZE_MAX / sizeof(uint32_t))
    return SIM_ENOMEM;
  /* realloc(ptr, 0) is implementation-defined: keep at least one byte. */
  size_t item_bytes = p->item_size ? cap * p->item_size : 1;
  unsigned char *items = realloc(p->items, item_bytes);
  if (!items)
    return SIM_ENOMEM;
  p->items = items;
  pool_advise_huge(items, item_bytes);
  uint32_t *gen = realloc(p->gen, cap * sizeof(uint32_t));
  if (!gen)
    return SIM_ENOMEM;
  p->gen = gen;
  uint32_t *free_list = realloc(p->free_list, cap * sizeof(uint32_t));
  if (!free_list)
    return SIM_ENOMEM;
  p->free_list = free_list;
  /* Slots beyond `used` have never been handed out: generation 0 (free). */
  memset(p->gen + p->cap, 0, (cap - p->cap) * sizeof(uint32_t));
  p->cap = cap;
  return SIM_OK;
}

/* memset(item, 0, n), inline for records of 8 to 16 bytes (two overlapping
 * 8-byte stores): for a small record the call of memset was about two fifths
 * of an allocation's instructions. */
static inline void pool_zero(unsigned char *item, size_t n) {
  static const uint64_t zero = 0;
  if (n >= sizeof zero && n <= 2 * sizeof zero) {
    memcpy(item, &zero, sizeof zero);
    memcpy(item + n - sizeof zero, &zero, sizeof zero);
  } else {
    memset(item, 0, n);
  }
}

int sim_pool_init(sim_pool *p, size_t item_size, size_t initial_cap) {
  assert(p);
  memset(p, 0, sizeof *p);
  p->item_size = item_size;
  int rc = pool_grow_to(p, initial_cap < POOL_MIN_CAP ? POOL_MIN_CAP : initial_cap);
  if (rc != SIM_OK)
    sim_pool_free(p);
  return rc;
}

void sim_pool_free(sim_pool *p) {
  if (!p)
    return;
  free(p->items);
  free(p->gen);
  free(p->free_list);
  memset(p, 0, sizeof *p);
}

int sim_pool_reserve(sim_pool *p, size_t n) {
  assert(p);
  if (n <= p->cap)
    return SIM_OK;
  return pool_grow_to(p, n);
}

int sim_pool_alloc(sim_pool *p, uint32_t *slot) {
  assert(p && slot);
  if (p->limit && p->live >= p->limit)
    return SIM_ENOMEM;
  uint32_t s;
  if (p->nfree > 0) {
    s = p->free_list[--p->nfree];
  } else {
    if (p->used == p->cap) {
      if (p->cap >= POOL_MAX_SLOTS)
        return SIM_ENOMEM;
      size_t cap = p->cap > POOL_MAX_SLOTS / 2 ? POOL_MAX_SLOTS : 2 * p->cap;
      if (cap < POOL_MIN_CAP)
        cap = POOL_MIN_CAP;
      if (pool_grow_to(p, cap) != SIM_OK)
        return SIM_ENOMEM;
    }
    s = (uint32_t)p->used++;
  }
  assert((p->gen[s] & 1u) == 0);
  p->gen[s]++; /* even -> odd: in use */
  pool_zero(sim_pool_get(p, s), p->item_size);
  if (++p->live > p->max_live)
    p->max_live = p->live;
  *slot = s;
  return SIM_OK;
}

void sim_pool_release(sim_pool *p, uint32_t slot) {
  assert(p && slot < p->used && (p->gen[slot] & 1u));
  if (slot >= p->used || !(p->gen[slot] & 1u))
    return;       /* double release: ignore rather than corrupt the free list */
  p->gen[slot]++; /* odd -> even: free; stale events no longer match */
  p->releases++;
  p->free_list[p->nfree++] = slot;
  p->live--;
}
