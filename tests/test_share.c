/* test_share.c: the seam through which the replications of run, compare,
 * effect and sweep are shared across the ranks of an MPI job
 * (bs_run_opts.share, app/ranks.c), tested without MPI:
 * - a result packed into bytes and unpacked elsewhere is the same, bit for
 *   bit: indicator values, counters, cohort and stock records, events;
 * - blocks of replications run apart (first_replication) and put together
 *   by pack/unpack and move, in any order, equal one run of them all;
 * - a share function in bs_run_opts that does just that gives
 *   bs_scenario_execute the same analysis indicators as the threads;
 * - a malformed, short or misplaced buffer is refused with a message.
 * The byte comparison of real MPI runs (mpirun -np 3) is in scripts/test.sh. */
#include "analysis/runner.h"
#include "test_run_util.h"

#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#define SMALL "tests/data/analysis/small.yaml"

static void load(bs_params *p) {
  char err[1024];
  cr_assert_eq(bs_params_load(SMALL, p, err, sizeof err), 0, "%s", err);
}

static void run(const bs_params *p, size_t first, size_t R, int records, bs_run_result *out) {
  char err[1024];
  bs_run_opts o = {.seed = 11,
                   .first_replication = first,
                   .replications = R,
                   .threads = 2,
                   .keep_records = records};
  cr_assert_eq(bs_run_replications(p, &o, out, err, sizeof err), 0, "%s", err);
}

/* a and b hold the same rows, records and events (wall time aside). */
static void expect_same(const bs_run_result *a, const bs_run_result *b) {
  cr_assert_eq(a->replications, b->replications);
  cr_assert_eq(a->nind, b->nind);
  cr_expect_eq(a->events, b->events);
  cr_expect_eq(memcmp(a->values, b->values, a->replications * a->nind * sizeof(double)), 0,
               "indicator values differ");
  cr_assert_eq(a->cohorts != NULL, b->cohorts != NULL);
  for (size_t k = 0; a->cohorts && k < a->replications; k++) {
    cr_assert_eq(a->cohort_n[k], b->cohort_n[k], "replication %zu", k);
    cr_assert_eq(a->stocks_n[k], b->stocks_n[k], "replication %zu", k);
    cr_expect_eq(memcmp(a->cohorts[k], b->cohorts[k], a->cohort_n[k] * sizeof(bs_cohort_rec)), 0);
    cr_expect_eq(memcmp(a->stocks[k], b->stocks[k], a->stocks_n[k] * sizeof(bs_stock_point)), 0);
    cr_expect_eq(memcmp(&a->counters[k], &b->counters[k], sizeof(bs_counters)), 0);
  }
}

Test(share, a_packed_result_unpacks_to_the_same_bits) {
  bs_params p;
  load(&p);
  bs_run_result r, back;
  run(&p, 0, 3, 1, &r);
  cr_assert_gt(r.cohort_n[0], 10, "a cohort to carry");
  void *buf;
  size_t len;
  cr_assert_eq(bs_run_result_pack(&r, &buf, &len), 0);
  cr_assert_eq(bs_run_result_alloc(&back, 3, 1), 0);
  char err[512];
  cr_assert_eq(bs_run_result_unpack(&back, 0, buf, len, err, sizeof err), 0, "%s", err);
  expect_same(&r, &back);
  free(buf);
  bs_run_result_free(&back);
  bs_run_result_free(&r);
  /* without records: the values and events only */
  run(&p, 0, 2, 0, &r);
  cr_assert_eq(bs_run_result_pack(&r, &buf, &len), 0);
  cr_assert_eq(bs_run_result_alloc(&back, 2, 0), 0);
  cr_assert_eq(bs_run_result_unpack(&back, 0, buf, len, err, sizeof err), 0, "%s", err);
  expect_same(&r, &back);
  free(buf);
  bs_run_result_free(&back);
  bs_run_result_free(&r);
}

Test(share, blocks_run_apart_and_put_together_equal_one_run, .timeout = 120) {
  bs_params p;
  load(&p);
  bs_run_result whole, got;
  run(&p, 4, 5, 1, &whole); /* replications 4..8 */
  cr_assert_eq(bs_run_result_alloc(&got, 5, 1), 0);
  char err[512];
  /* the last block first, packed; then the first, moved; then the middle, packed */
  const size_t from[] = {4, 0, 2}, n[] = {1, 2, 2};
  for (int b = 0; b < 3; b++) {
    bs_run_result part;
    run(&p, 4 + from[b], n[b], 1, &part);
    if (b == 1) {
      cr_assert_eq(bs_run_result_move(&got, from[b], &part, err, sizeof err), 0, "%s", err);
      cr_expect_null(part.values, "move leaves the source empty");
    } else {
      void *buf;
      size_t len;
      cr_assert_eq(bs_run_result_pack(&part, &buf, &len), 0);
      cr_assert_eq(bs_run_result_unpack(&got, from[b], buf, len, err, sizeof err), 0, "%s", err);
      free(buf);
      bs_run_result_free(&part);
    }
  }
  expect_same(&whole, &got);
  bs_run_result_free(&got);
  bs_run_result_free(&whole);
}

/* A share function as app/ranks.c's, in one process: blocks of two, each
 * through the bytes. */
static int calls;
static int share_in_blocks(const bs_params *p, const bs_run_opts *o, bs_run_result *out, char *err,
                           size_t errlen) {
  calls++;
  for (size_t from = 0; from < o->replications; from += 2) {
    bs_run_opts b = *o;
    b.share = NULL;
    b.first_replication = o->first_replication + from;
    b.replications = o->replications - from < 2 ? o->replications - from : 2;
    bs_run_result part;
    void *buf;
    size_t len;
    if (bs_run_replications(p, &b, &part, err, errlen) != 0)
      return -1;
    int rc = bs_run_result_pack(&part, &buf, &len);
    bs_run_result_free(&part);
    if (rc != 0)
      return -1;
    rc = bs_run_result_unpack(out, from, buf, len, err, errlen);
    free(buf);
    if (rc != 0)
      return -1;
  }
  return 0;
}

Test(share, a_share_function_gives_the_analysis_the_same_numbers, .timeout = 120) {
  bs_scenario_run *a = calloc(2, sizeof *a), *b = a + 1;
  cr_assert(a);
  load(&a->params);
  b->params = a->params;
  char err[1024];
  bs_run_opts o = {.seed = 3, .replications = 5, .threads = 2};
  cr_assert_eq(bs_scenario_execute(a, &o, err, sizeof err), 0, "%s", err);
  o.share = share_in_blocks;
  calls = 0;
  cr_assert_eq(bs_scenario_execute(b, &o, err, sizeof err), 0, "%s", err);
  cr_expect_eq(calls, 1, "the share function ran the replications");
  expect_same(&a->res, &b->res);
  cr_assert_eq(a->next, b->next);
  cr_expect_eq(memcmp(a->ext, b->ext, 5 * a->next * sizeof(double)), 0,
               "the analysis indicators (Kaplan-Meier median) differ");
  bs_scenario_free(a);
  bs_scenario_free(b);
  free(a);
}

Test(share, bad_buffers_are_refused) {
  bs_params p;
  load(&p);
  bs_run_result r, dst, bare;
  run(&p, 0, 2, 1, &r);
  void *buf;
  size_t len;
  cr_assert_eq(bs_run_result_pack(&r, &buf, &len), 0);
  cr_assert_eq(bs_run_result_alloc(&dst, 3, 1), 0);
  cr_assert_eq(bs_run_result_alloc(&bare, 3, 0), 0);
  char err[512] = "";
  /* cut short, one byte too many, the magic word broken */
  cr_expect_eq(bs_run_result_unpack(&dst, 0, buf, len - 1, err, sizeof err), -1);
  cr_expect(strstr(err, "wrong length"), "%s", err);
  unsigned char *longer = malloc(len + 1);
  cr_assert(longer);
  memcpy(longer, buf, len);
  longer[len] = 0;
  cr_expect_eq(bs_run_result_unpack(&dst, 0, longer, len + 1, err, sizeof err), -1);
  longer[0] ^= 1;
  cr_expect_eq(bs_run_result_unpack(&dst, 0, longer, len, err, sizeof err), -1);
  cr_expect(strstr(err, "malformed"), "%s", err);
  cr_expect_eq(bs_run_result_unpack(&dst, 0, buf, 3, err, sizeof err), -1);
  /* rows past the end; records into a result that keeps none */
  cr_expect_eq(bs_run_result_unpack(&dst, 2, buf, len, err, sizeof err), -1);
  cr_expect(strstr(err, "do not fit"), "%s", err);
  cr_expect_eq(bs_run_result_unpack(&bare, 0, buf, len, err, sizeof err), -1);
  cr_expect_eq(bs_run_result_move(&dst, 2, &r, err, sizeof err), -1);
  /* what fits goes in */
  cr_expect_eq(bs_run_result_unpack(&dst, 1, buf, len, err, sizeof err), 0, "%s", err);
  cr_expect_eq(dst.events, r.events);
  free(longer);
  free(buf);
  bs_run_result_free(&bare);
  bs_run_result_free(&dst);
  bs_run_result_free(&r);
}
