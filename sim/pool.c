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
#if defined(__linux__) && !defined(_GNU_SOURCE)
#define _GNU_SOURCE /* madvise's MADV_HUGEPAGE, mremap's MREMAP_FIXED */
#endif
#include "sim/sim.h"

#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#if defined(__linux__)
#include <sys/mman.h>
#include <unistd.h>
#endif

#define POOL_MIN_CAP 16
/* Transparent huge pages are 2 MiB on x86-64 and arm64 (4 KiB base pages). */
#define POOL_HUGE_PAGE ((size_t)2 << 20)
/* Slot indices are uint32_t and UINT32_MAX means "no entity". */
#define POOL_MAX_SLOTS ((size_t)UINT32_MAX)

/* The bytes of the records of `cap` slots; at least one, as realloc(ptr, 0)
 * is implementation-defined. */
static size_t pool_item_bytes(const sim_pool *p, size_t cap) {
  return p->item_size ? cap * p->item_size : 1;
}

#if defined(__linux__) && defined(MADV_HUGEPAGE) && defined(MREMAP_FIXED)
/* A large pool is read at random (each event's record), so with 4 KiB pages
 * nearly every record costs a TLB miss on top of its cache miss: on Linux
 * the records, once they reach 2 MiB, are a mapping of their own that
 * starts on a 2 MiB boundary and asks for transparent huge pages (where
 * the kernel grants them on request, Linux's "madvise" mode). The mapping
 * is advised as a whole (a part would split it into two areas, which
 * mremap cannot move as one); its
 * last, partial 2 MiB stays in small pages, as a huge page must lie inside
 * the mapping. The mapping grows by mremap onto a new 2 MiB boundary, which
 * moves the huge pages as they are. Through malloc and realloc (now the
 * portable path and pools below 2 MiB) the records started 16 bytes past a 4 KiB page, a
 * growth moved them to wherever mremap found room and split their huge
 * pages into small ones (a replication whose clients outgrew the stock's
 * reservation ran without huge pages: docs/performance.md, "Two threads
 * (2026-12-04)"), and half the 224-byte records spanned five cache lines
 * instead of four.
 * The advice is a hint: its failure changes nothing but speed. */
#define POOL_MAPPED 1

/* Rounds n up to a multiple of the base page (0 when it would overflow, or
 * the page size is unknown or above 2 MiB). */
static size_t pool_round(size_t n) {
  long pg = sysconf(_SC_PAGESIZE);
  if (pg <= 0 || (size_t)pg > POOL_HUGE_PAGE)
    return 0;
  size_t page = (size_t)pg;
  return n > SIZE_MAX - page ? 0 : (n + page - 1) / page * page;
}

/* A fresh mapping of `bytes` (a multiple of the page) that starts on a
 * 2 MiB boundary; NULL when the address space has no room. */
static unsigned char *pool_map_aligned(size_t bytes) {
  if (bytes > SIZE_MAX - POOL_HUGE_PAGE)
    return NULL;
  size_t span = bytes + POOL_HUGE_PAGE;
  unsigned char *raw = mmap(NULL, span, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (raw == MAP_FAILED)
    return NULL;
  uintptr_t lo = ((uintptr_t)raw + POOL_HUGE_PAGE - 1) & ~(uintptr_t)(POOL_HUGE_PAGE - 1);
  unsigned char *start = (unsigned char *)lo;
  size_t head = (size_t)(start - raw), tail = span - head - bytes;
  if (head)
    (void)munmap(raw, head);
  if (tail)
    (void)munmap(start + bytes, tail);
  return start;
}

/* Gives the records room for `bytes` (> 0): a new mapping, or the one of
 * *mapped bytes at *items moved (page tables and all) onto a new 2 MiB
 * boundary and grown. On failure *items and *mapped are unchanged. */
static int pool_map_items(unsigned char **items, size_t *mapped, size_t bytes) {
  size_t want = pool_round(bytes);
  if (!want)
    return SIM_ENOMEM;
  if (!*items || want > *mapped) {
    unsigned char *at = pool_map_aligned(want);
    if (!at)
      return SIM_ENOMEM;
    if (*items && mremap(*items, *mapped, want, MREMAP_MAYMOVE | MREMAP_FIXED, at) == MAP_FAILED) {
      (void)munmap(at, want);
      return SIM_ENOMEM;
    }
    *items = at;
    *mapped = want;
  }
  /* the whole mapping, so that it stays one area for the next mremap */
  (void)madvise(*items, *mapped, MADV_HUGEPAGE);
  return SIM_OK;
}

/* The bytes mapped at p->items, 0 when they are malloc's: the records are
 * mapped from the first capacity of 2 MiB or more on (capacities only grow),
 * and each mapping is pool_round of its capacity's bytes. No field of its
 * own: a field more in sim_pool moved sim_ctx's hot fields and cost the
 * M/M/1 of bench/engine.c about 4 %. */
static size_t pool_mapped_bytes(const sim_pool *p) {
  size_t bytes = pool_item_bytes(p, p->cap);
  return p->items && bytes >= POOL_HUGE_PAGE ? pool_round(bytes) : 0;
}

static void pool_unmap_items(unsigned char *items, size_t mapped) { (void)munmap(items, mapped); }
#else
#define POOL_MAPPED 0
static size_t pool_mapped_bytes(const sim_pool *p) {
  (void)p;
  return 0;
}
static void pool_unmap_items(unsigned char *items, size_t mapped) {
  (void)items;
  (void)mapped;
}
#endif

/* Grows all three arrays to `cap` slots. The pool's fields change only when
 * every reallocation succeeded, so on failure it is still consistent. */
static int pool_grow_to(sim_pool *p, size_t cap) {
  if (cap > POOL_MAX_SLOTS || (p->item_size && cap > SIZE_MAX / p->item_size) ||
      cap > SIZE_MAX / sizeof(uint32_t))
    return SIM_ENOMEM;
  size_t item_bytes = pool_item_bytes(p, cap);
#if POOL_MAPPED
  /* records below one huge page stay in malloc's memory (a mapping of their
   * own gains nothing there); the first growth past it moves them into one */
  if (item_bytes >= POOL_HUGE_PAGE) {
    size_t mapped = pool_mapped_bytes(p);
    if (p->items && !mapped) {
      unsigned char *fresh = NULL;
      if (pool_map_items(&fresh, &mapped, item_bytes) != SIM_OK)
        return SIM_ENOMEM;
      memcpy(fresh, p->items, pool_item_bytes(p, p->cap));
      free(p->items);
      p->items = fresh;
    } else if (pool_map_items(&p->items, &mapped, item_bytes) != SIM_OK) {
      return SIM_ENOMEM;
    }
  } else
#endif
  {
    unsigned char *items = realloc(p->items, item_bytes);
    if (!items)
      return SIM_ENOMEM;
    p->items = items;
  }
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
  size_t mapped = pool_mapped_bytes(p);
  if (mapped)
    pool_unmap_items(p->items, mapped);
  else
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
