/* runner.h: replications of one scenario, in parallel threads, each with its
 * own (seed, replication) streams; results stored by replication index so
 * the output does not depend on the thread count. */
#ifndef BIJSIM_RUNNER_H
#define BIJSIM_RUNNER_H

#include "models/world.h"

#include <stddef.h>
#include <stdint.h>

typedef struct bs_run_result {
  size_t replications;
  size_t nind;
  double *values;  /* replications x nind, row-major */
  uint64_t events; /* events processed, all replications */
  double wall_seconds;
  /* optional per-replication extras */
  bs_cohort_rec **cohorts; /* copy of each replication's cohort records */
  size_t *cohort_n;
  bs_counters *counters;
  bs_stock_point **stocks;
  size_t *stocks_n;
} bs_run_result;

typedef struct bs_run_opts bs_run_opts;

/* Shares the replications of one call out to other processes (the ranks of
 * an MPI job: app/ranks.c) instead of running them on this process's
 * threads. Called with out allocated (bs_run_result_alloc, o->replications
 * rows); fills every row, events included, as the threads would. 0, or -1
 * with a message. */
typedef int (*bs_run_share_fn)(const bs_params *p, const bs_run_opts *o, bs_run_result *out,
                               char *err, size_t errlen);

struct bs_run_opts {
  uint64_t seed;
  size_t replications;
  size_t first_replication;
  int threads;
  int keep_records; /* fill cohorts/counters/stocks */
  int disabled_instrument;
  int progress;       /* progress line on stderr (only after ~2 s) */
  const char *label;  /* name in the progress line; NULL: the scenario name */
  size_t max_clients; /* 0 = no limit */
  /* --records: every replication's spells (and events) go here, in
   * replication order (analysis/records.h); NULL: none kept */
  struct bs_records *records;
  bs_run_share_fn share; /* NULL: this process's threads */
};

/* Returns 0, or -1 with a message in err. */
int bs_run_replications(const bs_params *p, const bs_run_opts *o, bs_run_result *out, char *err,
                        size_t errlen);
void bs_run_result_free(bs_run_result *r);

/* out with `replications` zeroed rows (and empty records when keep_records);
 * 0, or -1 (out of memory) with out empty. */
int bs_run_result_alloc(bs_run_result *out, size_t replications, int keep_records);

/* A replication's result depends only on (seed, index), so the rows of a run
 * can be made in blocks anywhere and put together (bs_run_opts.share):
 * pack writes all of r (rows, records, events) into one malloc'd buffer;
 * unpack puts such a buffer's rows into dst at rows at.. and adds its
 * events; move does the same from a result in memory, taking its records
 * (src is left empty). pack: 0 or -1 (out of memory); unpack and move: 0 or
 * -1 with a message (a malformed buffer, rows past the end of dst, records
 * where dst keeps none). */
int bs_run_result_pack(const bs_run_result *r, void **buf, size_t *len);
int bs_run_result_unpack(bs_run_result *dst, size_t at, const void *buf, size_t len, char *err,
                         size_t errlen);
int bs_run_result_move(bs_run_result *dst, size_t at, bs_run_result *src, char *err, size_t errlen);

#endif
