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

typedef struct bs_run_opts {
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
} bs_run_opts;

/* Returns 0, or -1 with a message in err. */
int bs_run_replications(const bs_params *p, const bs_run_opts *o, bs_run_result *out, char *err,
                        size_t errlen);
void bs_run_result_free(bs_run_result *r);

#endif
