/* limits.c: see limits.h. */
#include "analysis/limits.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <unistd.h>

uint64_t bs_estimate_peak_clients(const bs_params *p) {
  double years = (p->run.horizon_days + p->run.warmup_days) / 365.25;
  double inflow = p->inflow.applications_per_year * (years < 1 ? years : 1);
  double n = (double)(p->inflow.initial_stock > 0 ? p->inflow.initial_stock : 0) + inflow;
  return n >= 1.8e19 ? UINT64_MAX : (uint64_t)n;
}

/* Person ids the run hands out: initial stock + expected applications over
 * the horizon (ids are 32 bits). */
static double bs_estimate_persons(const bs_params *p) {
  return (double)(p->inflow.initial_stock > 0 ? p->inflow.initial_stock : 0) +
         p->inflow.applications_per_year * (p->run.horizon_days + p->run.warmup_days) / 365.25;
}

uint64_t bs_estimate_memory(const bs_params *p) {
  uint64_t n = bs_estimate_peak_clients(p);
  if (n > (UINT64_MAX - BS_BYTES_BASE) / BS_BYTES_PER_CLIENT)
    return UINT64_MAX;
  return BS_BYTES_BASE + n * BS_BYTES_PER_CLIENT;
}

/* A limit in a one-number file (cgroup); "max" or unreadable = none. */
static uint64_t read_limit_file(const char *path) {
  FILE *f = fopen(path, "r");
  if (!f)
    return UINT64_MAX;
  char buf[64] = "";
  char *ok = fgets(buf, sizeof buf, f);
  fclose(f);
  if (!ok)
    return UINT64_MAX;
  char *end;
  unsigned long long v = strtoull(buf, &end, 10);
  if (end == buf)
    return UINT64_MAX; /* "max" */
  return v;
}

static void consider(uint64_t *best, const char **source, uint64_t v, const char *name) {
  if (v < *best) {
    *best = v;
    *source = name;
  }
}

uint64_t bs_memory_available(const char **source) {
  uint64_t best = UINT64_MAX;
  const char *src = "no limit found";
  long pages = sysconf(_SC_PHYS_PAGES), page = sysconf(_SC_PAGESIZE);
  if (pages > 0 && page > 0)
    consider(&best, &src, (uint64_t)pages * (uint64_t)page, "physical memory");
  /* cgroup v2, then v1 (a container's limit is below the machine's memory) */
  consider(&best, &src, read_limit_file("/sys/fs/cgroup/memory.max"), "cgroup memory.max");
  consider(&best, &src, read_limit_file("/sys/fs/cgroup/memory/memory.limit_in_bytes"),
           "cgroup memory limit");
  struct rlimit rl;
  if (getrlimit(RLIMIT_AS, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY)
    consider(&best, &src, (uint64_t)rl.rlim_cur, "ulimit -v");
  if (getrlimit(RLIMIT_DATA, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY)
    consider(&best, &src, (uint64_t)rl.rlim_cur, "ulimit -d");
  const char *cap = getenv("BIJSIM_MEMORY_LIMIT_MB");
  if (cap && *cap) {
    char *end;
    unsigned long long mb = strtoull(cap, &end, 10);
    if (*end == '\0' && mb > 0 && mb < (UINT64_MAX >> 20))
      consider(&best, &src, (uint64_t)mb << 20, "BIJSIM_MEMORY_LIMIT_MB");
  }
  if (source)
    *source = src;
  return best;
}

static double gib(uint64_t b) { return (double)b / (double)(1u << 30); }

int bs_check_memory_parallel(const bs_params *p, int parallel, char *err, size_t errlen) {
  if (parallel < 1)
    parallel = 1;
  double persons = bs_estimate_persons(p);
  if (!(persons < (double)UINT32_MAX)) {
    snprintf(err, errlen,
             "scenario '%s': about %.3g clients over the horizon, more than the 4294967295 "
             "person ids of a run; shorten run.horizon_days or lower "
             "inflow.applications_per_year",
             p->run.name, persons);
    return -1;
  }
  uint64_t one = bs_estimate_memory(p);
  uint64_t need = one > UINT64_MAX / (uint64_t)parallel ? UINT64_MAX : one * (uint64_t)parallel;
  const char *source;
  uint64_t avail = bs_memory_available(&source);
  if (need <= avail)
    return 0;
  uint64_t clients = bs_estimate_peak_clients(p);
  char per[96] = "";
  if (parallel > 1)
    snprintf(per, sizeof per, " for %d replications at once", parallel);
  snprintf(err, errlen,
           "scenario '%s' needs about %.1f GiB%s (%" PRIu64
           " clients at once: inflow.initial_stock + a year of inflow.applications_per_year), "
           "more than the %.1f GiB available (%s); lower those numbers%s",
           p->run.name, gib(need), per, clients, gib(avail), source,
           parallel > 1 ? " or use fewer --threads" : "");
  return -1;
}

int bs_check_memory(const bs_params *p, char *err, size_t errlen) {
  return bs_check_memory_parallel(p, 1, err, errlen);
}
