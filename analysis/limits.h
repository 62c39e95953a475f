/* limits.h: refuse, before anything is allocated, a scenario that cannot fit.
 *
 * Without this check a scenario asking for tens of millions of clients is
 * not refused: Linux overcommits, so malloc succeeds and the process is later
 * killed by the OOM killer, with no message. The check estimates the peak
 * memory of one replication from the parameters and compares it with what
 * the process may use. */
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

/* Clients alive at the peak, estimated from below: the whole initial stock
 * plus one year of applications (most of a year's inflow is still on benefit
 * or in gatekeeping a year later). */
uint64_t bs_estimate_peak_clients(const bs_params *p);
/* Estimated peak bytes of one replication. */
uint64_t bs_estimate_memory(const bs_params *p);

/* Bytes this process may use: the least of physical memory, the cgroup
 * memory limit, RLIMIT_AS / RLIMIT_DATA and BIJSIM_MEMORY_LIMIT_MB (a cap
 * set by the user, in MiB). *source (may be NULL) names the binding one. */
uint64_t bs_memory_available(const char **source);

/* 0 if one replication of p fits, else -1 with a one-line message naming the
 * scenario, the estimate, the limit and what to change. */
int bs_check_memory(const bs_params *p, char *err, size_t errlen);
/* Same for `parallel` replications running at once (threads). */
int bs_check_memory_parallel(const bs_params *p, int parallel, char *err, size_t errlen);

#endif
