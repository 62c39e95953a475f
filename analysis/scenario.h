/* scenario.h: one scenario simulated for analysis: its parameters, the
 * replications with their cohort records, counters and stock series, and the
 * analysis indicators: the model's named indicators (indicators.h) followed
 * by the ones computed here from the records (the Kaplan-Meier median spell
 * duration). Several scenarios run with the same seed and replication
 * indices share their clients (common random numbers), so their values can
 * be paired replication by replication. */
#ifndef BIJSIM_SCENARIO_H
#define BIJSIM_SCENARIO_H

#include "analysis/indicators.h"
#include "analysis/runner.h"
#include "analysis/stats.h"
#include "models/params.h"

#include <stddef.h>
#include <stdio.h>

/* The files a scenario was read from (the file, then its extends chain: at
 * most 17, sim/config's 16 links) with their SHA-256, for run.json. */
#define BS_SCENARIO_MAX_FILES 17
typedef struct bs_scenario_file {
  char path[1024];
  char sha256[65]; /* 64 hex digits */
} bs_scenario_file;

typedef struct bs_scenario_run {
  char label[96];  /* the scenario's name in output files (unique within a set) */
  char file[1024]; /* the scenario file, or "" */
  bs_scenario_file files[BS_SCENARIO_MAX_FILES];
  size_t nfiles;
  bs_params params;
  bs_run_result res; /* with records (keep_records) */
  size_t next;       /* bs_ext_count() */
  double *ext;       /* res.replications x next, row-major */
} bs_scenario_run;

/* Analysis indicators: the model's, then the derived ones. bs_ext_def and
 * bs_ext_name give NULL past the end, bs_ext_index -1 and bs_ext_find NULL
 * for an unknown name. */
size_t bs_ext_count(void);
const bs_indicator_def *bs_ext_def(size_t i);
const char *bs_ext_name(size_t i);
long bs_ext_index(const char *name);
const bs_indicator_def *bs_ext_find(const char *name);

/* The summary over the replications of analysis indicator i of s: mean,
 * sd and 95% interval, the interval of a share kept within [0, 1]. */
void bs_ext_summarise(const bs_scenario_run *s, size_t i, bs_summary *out);

/* Runs s->params with o (keep_records is forced on) and computes s->ext.
 * s->label and s->file are left as set by the caller. 0 or -1 with a message. */
int bs_scenario_execute(bs_scenario_run *s, const bs_run_opts *o, char *err, size_t errlen);
void bs_scenario_free(bs_scenario_run *s);
/* Runs `more` further replications of s (indices s->res.replications ..,
 * with o's seed and threads) and appends them to s: the same result as
 * running them all at once. 0 or -1 with a message (s is left as it was). */
int bs_scenario_extend(bs_scenario_run *s, const bs_run_opts *o, size_t more, char *err,
                       size_t errlen);

/* Makes runs[i].label unique within runs[0..n): a repeated label gets "_2",
 * "_3" ... in order of appearance. */
void bs_scenario_unique_labels(bs_scenario_run *runs, size_t n);

#endif
