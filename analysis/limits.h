/* limits.h: refuse, before anything is allocated, a scenario that cannot run.
 *
 * Without these checks a scenario asking for tens of millions of clients is
 * not refused: Linux overcommits, so malloc succeeds and the process is later
 * killed by the OOM killer, with no message; and one whose intervals, rates
 * or re-inflow make billions of events runs for days. The checks estimate,
 * from the parameters, the person ids a run hands out, the events one
 * replication processes (every stream: clients' spells, violations,
 * trajectory reports and offers, activation steps, and the per-day and
 * per-interval streams of case management, the stock series and the
 * provider evaluations) and the memory (live clients at the peak, plus what
 * the result keeps of every replication: cohort records, the stock series,
 * the indicators), and compare them with the limits. */
#ifndef BIJSIM_LIMITS_H
#define BIJSIM_LIMITS_H

#include "models/params.h"

#include <stddef.h>
#include <stdint.h>

/* Bytes one live client costs at the peak: its pool record and slot
 * bookkeeping, its pending events, growth slack of the doubling arrays,
 * a cohort record. Measured: see docs/performance.md. */
#define BS_BYTES_PER_CLIENT 512u
/* Fixed cost of a replication (world struct, calendar, series) and of the
 * process itself. */
#define BS_BYTES_BASE (16u << 20)
/* Events of one replication above which a scenario is refused: about 75
 * minutes at the 2.2 M events/s measured on the national benchmark
 * (docs/performance.md). BIJSIM_EVENT_LIMIT=N sets another limit. */
#define BS_EVENT_LIMIT 1e10

/* Clients alive at the peak, estimated from below: the whole initial stock
 * plus one year of applications (most of a year's inflow is still on benefit
 * or in gatekeeping a year later). */
uint64_t bs_estimate_peak_clients(const bs_params *p);
/* Estimated peak bytes of one replication. */
uint64_t bs_estimate_memory(const bs_params *p);

/* What one replication of a scenario will take, from its parameters. The
 * event count is an upper estimate of the expected count (each stream is
 * bounded from above: a spell lasts at most the horizon, a geometric number
 * of repeats is capped by what time allows). */
typedef struct bs_estimate {
  double persons;     /* person ids handed out */
  double spells;      /* benefit applications (first ones and re-inflow) */
  double events;      /* events of one replication */
  const char *key;    /* the parameter behind the largest event stream */
  const char *stream; /* that stream, in words */
  uint64_t kept;      /* bytes the result keeps per replication */
} bs_estimate;
void bs_estimate_run(const bs_params *p, bs_estimate *e);
/* The most events a replication may process before it is stopped as a
 * runaway (sim_ctx.max_events): well above the estimate, so that reaching
 * it means the estimate missed a stream (a bug). */
uint64_t bs_event_budget(const bs_params *p);
/* The event limit in force (BIJSIM_EVENT_LIMIT or BS_EVENT_LIMIT). */
double bs_event_limit(void);

/* Bytes this process may use: the least of physical memory, the cgroup
 * memory limit, RLIMIT_AS / RLIMIT_DATA and BIJSIM_MEMORY_LIMIT_MB (a cap
 * set by the user, in MiB). *source (may be NULL) names the binding one. */
uint64_t bs_memory_available(const char **source);

/* 0 if `replications` replications of p, `parallel` of them at once, fit:
 * person ids, memory, events. Else -1 with a one-line message naming the
 * scenario, the estimate, the limit and what to change; *key (may be NULL)
 * is set to the parameter to change. */
int bs_check_run(const bs_params *p, size_t replications, int parallel, const char **key, char *err,
                 size_t errlen);
/* bs_check_run for one replication; on failure the message starts with
 * "FILE:LINE:COL: " where the parameter to change is written in the scenario
 * `path` (or its extends chain): what `validate` reports. */
int bs_check_scenario(const char *path, const bs_params *p, char *err, size_t errlen);
/* bs_check_run for one replication / `parallel` at once (no position). */
int bs_check_memory(const bs_params *p, char *err, size_t errlen);
int bs_check_memory_parallel(const bs_params *p, int parallel, char *err, size_t errlen);

#endif
