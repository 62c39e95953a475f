/* test_pool.c: the entity pool.
 *
 * Pins down: slots are handed out in order and freed slots are reused last in,
 * first out; every alloc returns a zeroed record, also for a reused slot; the
 * generation is odd while a slot is in use and even while it is free, and
 * every alloc and release bumps it, so sim_pool_alive() rejects a handle from
 * an earlier occupant; growth keeps record contents and generations; the limit
 * makes alloc fail with SIM_ENOMEM and leaves the pool untouched; live and
 * max_live track current and peak occupancy; zero-sized records work;
 * sim_pool_reserve makes room at once (no moves after it); on Linux the
 * records start on a 2 MiB boundary in one mapping advised for huge pages,
 * also after a growth.
 */
#include "sim/sim.h"

#include <criterion/criterion.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

typedef struct rec {
  uint64_t id;
  double x;
  char tag[40];
} rec;

static rec *get(const sim_pool *p, uint32_t slot) { return sim_pool_get(p, slot); }

Test(pool, slots_in_order_and_lifo_reuse) {
  sim_pool p;
  cr_assert_eq(sim_pool_init(&p, sizeof(rec), 4), SIM_OK);
  uint32_t s[4];
  for (uint32_t i = 0; i < 4; i++) {
    cr_assert_eq(sim_pool_alloc(&p, &s[i]), SIM_OK);
    cr_assert_eq(s[i], i, "fresh slots are handed out in order");
  }
  sim_pool_release(&p, s[1]);
  uint32_t t;
  cr_assert_eq(sim_pool_alloc(&p, &t), SIM_OK);
  cr_assert_eq(t, 1);
  sim_pool_release(&p, s[2]);
  sim_pool_release(&p, s[0]);
  cr_assert_eq(sim_pool_alloc(&p, &t), SIM_OK);
  cr_assert_eq(t, 0, "last released, first reused");
  cr_assert_eq(sim_pool_alloc(&p, &t), SIM_OK);
  cr_assert_eq(t, 2);
  cr_assert_eq(sim_pool_alloc(&p, &t), SIM_OK);
  cr_assert_eq(t, 4, "no free slot left: a fresh one");
  cr_assert_eq(p.used, 5);
  sim_pool_free(&p);
}

Test(pool, alloc_returns_zeroed_records) {
  sim_pool p;
  cr_assert_eq(sim_pool_init(&p, sizeof(rec), 2), SIM_OK);
  uint32_t a;
  cr_assert_eq(sim_pool_alloc(&p, &a), SIM_OK);
  rec *r = get(&p, a);
  r->id = 0xdeadbeef;
  r->x = 3.5;
  memset(r->tag, 'z', sizeof r->tag);
  sim_pool_release(&p, a);
  uint32_t b;
  cr_assert_eq(sim_pool_alloc(&p, &b), SIM_OK);
  cr_assert_eq(b, a);
  static const rec zero;
  cr_assert_eq(memcmp(get(&p, b), &zero, sizeof zero), 0, "a reused slot comes back zeroed");
  sim_pool_free(&p);
}

Test(pool, generations_mark_use_and_reject_old_handles) {
  sim_pool p;
  cr_assert_eq(sim_pool_init(&p, sizeof(rec), 2), SIM_OK);
  uint32_t a;
  cr_assert_eq(sim_pool_alloc(&p, &a), SIM_OK);
  uint32_t g1 = sim_pool_gen(&p, a);
  cr_assert_eq(g1 & 1u, 1u, "in use: odd");
  cr_assert(sim_pool_alive(&p, a, g1));
  sim_pool_release(&p, a);
  uint32_t g2 = sim_pool_gen(&p, a);
  cr_assert_eq(g2, g1 + 1);
  cr_assert_eq(g2 & 1u, 0u, "free: even");
  cr_assert(!sim_pool_alive(&p, a, g1), "released: the old handle is dead");
  cr_assert(!sim_pool_alive(&p, a, g2), "an even generation is never alive");
  uint32_t b;
  cr_assert_eq(sim_pool_alloc(&p, &b), SIM_OK);
  cr_assert_eq(b, a);
  uint32_t g3 = sim_pool_gen(&p, b);
  cr_assert_eq(g3, g1 + 2);
  cr_assert(sim_pool_alive(&p, b, g3));
  cr_assert(!sim_pool_alive(&p, b, g1), "the previous occupant's handle stays dead");
  cr_assert(!sim_pool_alive(&p, 7, 1), "a slot never handed out is not alive");
  sim_pool_free(&p);
}

Test(pool, growth_keeps_contents_and_generations) {
  sim_pool p;
  cr_assert_eq(sim_pool_init(&p, sizeof(rec), 1), SIM_OK);
  const uint32_t n = 5000;
  for (uint32_t i = 0; i < n; i++) {
    uint32_t s;
    cr_assert_eq(sim_pool_alloc(&p, &s), SIM_OK);
    cr_assert_eq(s, i);
    get(&p, s)->id = 1000003u * i;
    get(&p, s)->x = i + 0.25;
    if (i % 3 == 0) { /* cycle some slots so their generations differ */
      sim_pool_release(&p, s);
      cr_assert_eq(sim_pool_alloc(&p, &s), SIM_OK);
      cr_assert_eq(s, i);
      get(&p, s)->id = 1000003u * i;
      get(&p, s)->x = i + 0.25;
    }
  }
  cr_assert_geq(p.cap, n);
  for (uint32_t i = 0; i < n; i++) {
    cr_assert_eq(get(&p, i)->id, 1000003u * i, "record %u survived growth", i);
    cr_assert(get(&p, i)->x == i + 0.25);
    cr_assert_eq(sim_pool_gen(&p, i), i % 3 == 0 ? 3u : 1u);
  }
  sim_pool_free(&p);
}

Test(pool, limit_fails_with_enomem_and_changes_nothing) {
  sim_pool p;
  cr_assert_eq(sim_pool_init(&p, sizeof(rec), 2), SIM_OK);
  p.limit = 3;
  uint32_t s[3];
  for (int i = 0; i < 3; i++)
    cr_assert_eq(sim_pool_alloc(&p, &s[i]), SIM_OK);
  sim_pool before = p;
  uint32_t extra = 12345;
  cr_assert_eq(sim_pool_alloc(&p, &extra), SIM_ENOMEM);
  cr_assert_eq(extra, 12345u, "the slot out-parameter is untouched");
  cr_assert_eq(memcmp(&before, &p, sizeof p), 0, "the pool is untouched");
  sim_pool_release(&p, s[1]);
  cr_assert_eq(sim_pool_alloc(&p, &extra), SIM_OK, "room again after a release");
  cr_assert_eq(extra, s[1]);
  cr_assert_eq(sim_pool_alloc(&p, &extra), SIM_ENOMEM);
  sim_pool_free(&p);
}

Test(pool, live_and_max_live) {
  sim_pool p;
  cr_assert_eq(sim_pool_init(&p, sizeof(rec), 0), SIM_OK);
  uint32_t s[5];
  for (int i = 0; i < 5; i++)
    cr_assert_eq(sim_pool_alloc(&p, &s[i]), SIM_OK);
  cr_assert_eq(p.live, 5);
  cr_assert_eq(p.max_live, 5);
  for (int i = 0; i < 3; i++)
    sim_pool_release(&p, s[i]);
  cr_assert_eq(p.live, 2);
  cr_assert_eq(p.max_live, 5);
  cr_assert_eq(p.nfree, 3);
  uint32_t t;
  cr_assert_eq(sim_pool_alloc(&p, &t), SIM_OK);
  cr_assert_eq(p.live, 3);
  cr_assert_eq(p.max_live, 5);
  cr_assert_eq(p.used, 5, "used is the high-water mark of slots handed out");
  sim_pool_free(&p);
  cr_assert_null(p.items);
  sim_pool_free(&p); /* safe twice */
}

Test(pool, zero_sized_records) {
  sim_pool p;
  cr_assert_eq(sim_pool_init(&p, 0, 0), SIM_OK);
  for (uint32_t i = 0; i < 100; i++) {
    uint32_t s;
    cr_assert_eq(sim_pool_alloc(&p, &s), SIM_OK);
    cr_assert_eq(s, i);
  }
  cr_assert_eq(p.live, 100);
  sim_pool_free(&p);
}

/* sim_pool_reserve makes room at once: the records do not move while the
 * reserved slots are handed out (also across a block large enough for huge
 * pages), contents and generations survive it, a smaller reserve changes
 * nothing, and an impossible one fails with SIM_ENOMEM, the pool unchanged. */
Test(pool, reserve_makes_room_without_moves) {
  sim_pool p;
  cr_assert_eq(sim_pool_init(&p, sizeof(rec), 4), SIM_OK);
  uint32_t s;
  cr_assert_eq(sim_pool_alloc(&p, &s), SIM_OK);
  get(&p, s)->id = 77;
  uint32_t gen = sim_pool_gen(&p, s);
  size_t n = (size_t)(5u << 20) / sizeof(rec) + 3; /* over 2 huge pages */
  cr_assert_eq(sim_pool_reserve(&p, n), SIM_OK);
  cr_assert_geq(p.cap, n);
  cr_assert_eq(get(&p, s)->id, 77u);
  cr_assert_eq(sim_pool_gen(&p, s), gen);
  const unsigned char *items = p.items;
  size_t cap = p.cap;
  for (size_t i = 1; i < n; i++) {
    cr_assert_eq(sim_pool_alloc(&p, &s), SIM_OK);
    get(&p, s)->id = i;
  }
  cr_assert_eq(p.items, items, "no move while the reserved slots are handed out");
  cr_assert_eq(p.cap, cap);
  cr_assert_eq(sim_pool_reserve(&p, 10), SIM_OK);
  cr_assert_eq(p.cap, cap, "a smaller reserve changes nothing");
  cr_assert_eq(sim_pool_reserve(&p, SIZE_MAX / 2), SIM_ENOMEM);
  cr_assert_eq(p.cap, cap);
  cr_assert_eq(p.items, items);
  cr_assert_eq(get(&p, 0)->id, 77u);
  cr_assert_eq(get(&p, (uint32_t)(n - 1))->id, n - 1);
  sim_pool_free(&p);
}

#if defined(__linux__)
/* The area of /proc/self/smaps that holds addr: its bounds and whether its
 * VmFlags carry "hg" (advised for transparent huge pages). 0 if found. */
static int smaps_area(const void *addr, uintptr_t *lo, uintptr_t *hi, int *huge) {
  FILE *f = fopen("/proc/self/smaps", "r");
  if (!f)
    return -1;
  char line[512];
  int in = 0, found = -1;
  while (fgets(line, sizeof line, f)) {
    unsigned long a, b;
    if (sscanf(line, "%lx-%lx ", &a, &b) == 2 && strchr(line, '-') < strchr(line, ' ')) {
      in = (uintptr_t)addr >= a && (uintptr_t)addr < b;
      if (in) {
        *lo = a;
        *hi = b;
      }
    } else if (in && !strncmp(line, "VmFlags:", 8)) {
      *huge = strstr(line, " hg") != NULL;
      found = 0;
      break;
    }
  }
  fclose(f);
  return found;
}

typedef struct big_rec {
  uint64_t id;
  unsigned char rest[216];
} big_rec; /* the size of a bijstand client record */

static void assert_one_huge_area(const sim_pool *p, const char *when) {
  uintptr_t lo = 0, hi = 0;
  int huge = 0;
  cr_assert_eq((uintptr_t)p->items % ((uintptr_t)2 << 20), 0,
               "%s: the records start on a 2 MiB boundary", when);
  cr_assert_eq(smaps_area(p->items, &lo, &hi, &huge), 0, "%s: the records are mapped", when);
  cr_assert(huge, "%s: the records' mapping asks for huge pages", when);
  cr_assert_leq(lo, (uintptr_t)p->items);
  cr_assert_geq(hi, (uintptr_t)p->items + p->cap * p->item_size,
                "%s: one area holds all the records (mremap can move it whole)", when);
}

/* A large pool's records start on a 2 MiB boundary in one mapping advised for
 * transparent huge pages, after a reserve that moves them out of malloc's
 * memory and after a growth past it (which used to move them to an address
 * where their huge pages were split), and both keep every record. */
Test(pool, records_stay_on_huge_page_boundaries_across_growth) {
  sim_pool p;
  cr_assert_eq(sim_pool_init(&p, sizeof(big_rec), 4), SIM_OK); /* malloc's, below 2 MiB */
  uint32_t s;
  cr_assert_eq(sim_pool_alloc(&p, &s), SIM_OK);
  ((big_rec *)sim_pool_get(&p, s))->id = 0;
  size_t n = (size_t)(5u << 20) / sizeof(big_rec) + 3; /* over 2 huge pages */
  cr_assert_eq(sim_pool_reserve(&p, n), SIM_OK);
  assert_one_huge_area(&p, "after the reserve");
  size_t cap = p.cap;
  for (size_t i = 1; i <= cap; i++) { /* one past the reservation: a growth */
    cr_assert_eq(sim_pool_alloc(&p, &s), SIM_OK);
    ((big_rec *)sim_pool_get(&p, s))->id = i;
  }
  cr_assert_gt(p.cap, cap);
  assert_one_huge_area(&p, "after the growth");
  for (size_t i = 0; i <= cap; i++)
    cr_assert_eq(((big_rec *)sim_pool_get(&p, (uint32_t)i))->id, i);
  sim_pool_free(&p);
}
#endif
