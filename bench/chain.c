/* chain.c: throughput and memory of the whole bijstand chain at national scale.
 *
 * 1. National runs (bench/national_5y.yaml, bench/national.yaml,
 *    bench/national_20y.yaml: 400 000 clients at day 0, 150 000 applications
 *    a year, 5, 10 and 20 years; bench/national_4x_5y.yaml: four times the
 *    population over 5 years, for the cost per event as the population
 *    grows), one
 *    replication each on one core, each in a child process of its own so
 *    that getrusage's peak RSS belongs to that run alone. Reports wall time,
 *    events/s, clients/s (clients who entered: the stock plus every
 *    application), the peak number of clients alive at once, and peak RSS.
 *    Memory should follow the active clients, not the horizon: the 10- and
 *    20-year runs should peak near the 5-year one.
 * 2. Parallel replications: the same R replications (default 8 of
 *    scenarios/baseline.yaml) with 1 thread and with 2 threads through
 *    bs_run_replications, in N rounds (default 3, at most 64) that alternate which runs
 *    first; reports each round's speed-up and their median.
 *
 * Usage: bench_chain [--national-only | --parallel-only] [--replications R]
 *                    [--rounds N] [--parallel-scenario FILE] [--events]
 *                    [--tier DAYS] [SCENARIO...]
 * --events adds, per event type, the events handled and those waiting in
 * the calendar halfway (and how many of those were stale); for explaining
 * the figures, not for timing them. --tier DAYS turns on the engine's
 * far-future calendar tier (sim_ctx_set_calendar_tier) with that bucket width
 * for the national runs, to measure what it would gain in the chain.
 * Run from the repository root (scripts/bench.sh does). Not a test: it
 * measures, it does not judge; the targets are discussed in
 * docs/performance.md.
 */
#include "analysis/limits.h"
#include "analysis/runner.h"
#include "models/params.h"
#include "models/world.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define BENCH_SEED 42

typedef struct chain_result {
  int ok;
  char err[512];
  double wall;           /* seconds, bs_world_run only */
  double setup;          /* seconds, bs_world_init */
  uint64_t events;       /* events handled */
  uint64_t stale;        /* events dropped: their client had left */
  uint64_t clients;      /* clients who entered (stock + applications) */
  uint64_t peak_live;    /* clients alive at once, at the peak */
  uint64_t calendar_cap; /* calendar capacity at the end (events, heap and tier) */
  uint64_t pool_bytes;   /* the entity pool's records at the end (capacity x record size) */
  uint64_t pool_used;    /* slots ever handed out */
  uint64_t item_size;    /* bytes per client record */
  uint64_t estimate;     /* bs_estimate_memory, bytes */
  double rss_mib;        /* peak resident set of the child */
  double horizon;
} chain_result;

static double now_seconds(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static double peak_rss_mib(void) {
  struct rusage ru;
  if (getrusage(RUSAGE_SELF, &ru) != 0)
    return -1;
  return (double)ru.ru_maxrss / 1024.0; /* Linux: KiB */
}

/* --events: per event type, how many were handled and how many sat in the
 * calendar halfway through the run. A counting trampoline is put in front of
 * each handler (the engine passes handler_user[type] back to the handler),
 * so neither the engine nor the models change. */
#define ev_names bs_event_names

typedef struct ev_probe {
  sim_handler handler;
  void *user;
  uint64_t handled;
  uint64_t pending_mid; /* in the calendar at the halfway sample */
  uint64_t stale_mid;   /* of those, for a client who has left */
} ev_probe;

static ev_probe probes[SIM_MAX_EVENT_TYPES];
static double probe_mid;
static int probe_sampled;
static size_t probe_max_pending; /* the most events in the calendar (heap and tier) ... */
static double probe_max_day;     /* ... on this day */

/* Counts one pending event (through sim_calendar_retain, which visits the
 * heap and every bucket of the tier, keeping everything). */
static int sample_event(const sim_event *e, void *user) {
  const sim_ctx *ctx = user;
  if (e->type < SIM_MAX_EVENT_TYPES) {
    probes[e->type].pending_mid++;
    if (e->entity != SIM_NO_ENTITY && !sim_pool_alive(&ctx->pool, e->entity, e->gen))
      probes[e->type].stale_mid++;
  }
  return 1;
}

static void sample_calendar(sim_ctx *ctx) {
  (void)sim_calendar_retain(&ctx->cal, sample_event, ctx);
}

static size_t probe_max_cap; /* the largest calendar capacity seen (sampled) */

static int probe_handler(sim_ctx *ctx, const sim_event *ev, void *user) {
  ev_probe *pr = user;
  pr->handled++;
  if (ctx->cal.size > probe_max_pending) {
    probe_max_pending = ctx->cal.size;
    probe_max_day = ctx->now;
  }
  if ((ctx->events_processed & 4095) == 0) {
    size_t cap = sim_calendar_capacity(&ctx->cal);
    if (cap > probe_max_cap)
      probe_max_cap = cap;
  }
  if (!probe_sampled && ctx->now >= probe_mid) {
    probe_sampled = 1;
    sample_calendar(ctx);
  }
  return pr->handler(ctx, ev, pr->user);
}

static void probe_install(sim_ctx *ctx, double horizon) {
  memset(probes, 0, sizeof probes);
  probe_mid = horizon / 2;
  probe_sampled = 0;
  probe_max_pending = 0;
  probe_max_cap = 0;
  probe_max_day = 0;
  for (uint32_t t = 0; t < SIM_MAX_EVENT_TYPES; t++) {
    if (!ctx->handlers[t])
      continue;
    probes[t].handler = ctx->handlers[t];
    probes[t].user = ctx->handler_user[t];
    ctx->handlers[t] = probe_handler;
    ctx->handler_user[t] = &probes[t];
  }
}

static void probe_print(const bs_counters *c) {
  uint64_t left = 0;
  for (int r = 0; r < BS_ROUTE_N; r++)
    left += c->left[r];
  printf("  %-13s %12s %14s %14s\n", "event type", "handled", "pending@mid", "stale@mid");
  for (int t = 0; t < BS_EV_N; t++)
    printf("  %-13s %12llu %14llu %14llu\n", ev_names[t], (unsigned long long)probes[t].handled,
           (unsigned long long)probes[t].pending_mid, (unsigned long long)probes[t].stale_mid);
  printf("  (exit events handled %llu for %llu clients who left: the rest were superseded by a "
         "later reschedule and did nothing)\n",
         (unsigned long long)probes[BS_EV_EXIT].handled, (unsigned long long)left);
  printf("  most events pending %zu, on day %.0f of the run (burn-in included)\n",
         probe_max_pending, probe_max_day);
  printf("  largest calendar capacity %zu events (%.1f MiB; sampled every 4096 events)\n",
         probe_max_cap, (double)probe_max_cap * sizeof(sim_event) / 1048576.0);
}

static int with_probes;
static double tier_width; /* --tier W: the engine's far-future calendar tier */

/* One replication of the scenario in this process. */
static void run_chain(const char *path, chain_result *r) {
  memset(r, 0, sizeof *r);
  bs_params p;
  if (bs_params_load(path, &p, r->err, sizeof r->err) != 0)
    return;
  if (bs_check_memory(&p, r->err, sizeof r->err) != 0)
    return;
  r->estimate = bs_estimate_memory(&p);
  r->horizon = p.run.horizon_days;
  bs_world *w = malloc(sizeof *w);
  double t0 = now_seconds();
  if (!w || bs_world_init(w, &p, BENCH_SEED, 0) != SIM_OK) {
    snprintf(r->err, sizeof r->err, "out of memory setting up the world");
    free(w);
    return;
  }
  if (tier_width > 0 && sim_ctx_set_calendar_tier(&w->ctx, tier_width) != SIM_OK) {
    snprintf(r->err, sizeof r->err, "%.400s", w->ctx.err);
    bs_world_free(w);
    free(w);
    return;
  }
  if (with_probes)
    probe_install(&w->ctx, p.run.horizon_days);
  double t1 = now_seconds();
  int rc = bs_world_run(w);
  double t2 = now_seconds();
  if (rc != SIM_OK) {
    snprintf(r->err, sizeof r->err, "run failed: %.400s", w->ctx.err);
  } else {
    r->ok = 1;
    r->setup = t1 - t0;
    r->wall = t2 - t1;
    r->events = w->ctx.events_processed;
    r->stale = w->ctx.events_stale;
    r->clients = w->c.entered;
    r->peak_live = w->ctx.pool.max_live;
    r->calendar_cap = sim_calendar_capacity(&w->ctx.cal);
    r->pool_bytes = w->ctx.pool.cap * w->ctx.pool.item_size;
    r->pool_used = w->ctx.pool.used;
    r->item_size = w->ctx.pool.item_size;
    if (with_probes)
      probe_print(&w->c);
  }
  bs_world_free(w);
  free(w);
  r->rss_mib = peak_rss_mib();
}

/* run_chain in a child process, so that peak RSS is this run's alone. */
static void run_chain_isolated(const char *path, chain_result *r) {
  int fd[2];
  memset(r, 0, sizeof *r);
  if (pipe(fd) != 0) {
    snprintf(r->err, sizeof r->err, "pipe: %s", strerror(errno));
    return;
  }
  fflush(NULL);
  pid_t pid = fork();
  if (pid < 0) {
    snprintf(r->err, sizeof r->err, "fork: %s", strerror(errno));
    close(fd[0]);
    close(fd[1]);
    return;
  }
  if (pid == 0) {
    close(fd[0]);
    chain_result cr;
    run_chain(path, &cr);
    fflush(stdout);
    ssize_t n = write(fd[1], &cr, sizeof cr);
    _exit(n == (ssize_t)sizeof cr ? 0 : 1);
  }
  close(fd[1]);
  size_t got = 0;
  while (got < sizeof *r) {
    ssize_t n = read(fd[0], (char *)r + got, sizeof *r - got);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0)
      break;
    got += (size_t)n;
  }
  close(fd[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  if (got != sizeof *r) {
    memset(r, 0, sizeof *r);
    snprintf(r->err, sizeof r->err, "benchmark child died (status %d)", status);
  }
}

static void print_chain(const char *path, const chain_result *r) {
  if (!r->ok) {
    printf("%s: FAILED: %s\n", path, r->err);
    return;
  }
  printf("%s: %.0f days, one replication, one core%s\n"
         "  wall %.2f s (+ %.2f s set-up), %llu events = %.0f events/s (%.0f ns per event), %llu "
         "clients entered = %.0f clients/s\n"
         "  peak live clients %llu, peak RSS %.1f MiB (%.0f bytes per peak client; the memory "
         "check estimated %.0f MiB)\n"
         "  calendar capacity at the end %llu events (%.1f MiB); stale events dropped %llu\n"
         "  client records: %llu slots used, %llu bytes each, pool %.1f MiB\n",
         path, r->horizon, tier_width > 0 ? ", calendar tier on" : "", r->wall, r->setup,
         (unsigned long long)r->events, (double)r->events / r->wall,
         1e9 * r->wall / (double)(r->events ? r->events : 1), (unsigned long long)r->clients,
         (double)r->clients / r->wall, (unsigned long long)r->peak_live, r->rss_mib,
         r->rss_mib * 1048576.0 / (double)(r->peak_live ? r->peak_live : 1),
         (double)r->estimate / 1048576.0, (unsigned long long)r->calendar_cap,
         (double)r->calendar_cap * sizeof(sim_event) / 1048576.0, (unsigned long long)r->stale,
         (unsigned long long)r->pool_used, (unsigned long long)r->item_size,
         (double)r->pool_bytes / 1048576.0);
}

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

/* One timed bs_run_replications of reps replications on `threads` threads:
 * its wall time in *wall and its events in *events; 0, or -1 (printed). */
static int time_replications(const bs_params *p, size_t reps, int threads, double *wall,
                             uint64_t *events) {
  char err[1024];
  bs_run_opts o = {.seed = BENCH_SEED, .replications = reps, .threads = threads};
  bs_run_result res;
  if (bs_run_replications(p, &o, &res, err, sizeof err) != 0) {
    fprintf(stderr, "bench_chain: %s\n", err);
    return -1;
  }
  *wall = res.wall_seconds;
  *events = res.events;
  bs_run_result_free(&res);
  return 0;
}

/* `rounds` rounds, each a run on 1 thread and one on 2 (in turn the first:
 * the machine's state drifts within a round too); the speed-up is the
 * median of the rounds' ratios, as one pair of runs varies by several per
 * cent on these machines. */
static int run_parallel(const char *path, size_t reps, size_t rounds) {
  bs_params p;
  char err[1024];
  if (bs_params_load(path, &p, err, sizeof err) != 0) {
    fprintf(stderr, "bench_chain: %s\n", err);
    return -1;
  }
  double ratio[64];
  if (rounds > sizeof ratio / sizeof ratio[0])
    rounds = sizeof ratio / sizeof ratio[0];
  for (size_t r = 0; r < rounds; r++) {
    double wall[3] = {0, 0, 0};
    uint64_t events = 0;
    for (int i = 0; i < 2; i++) {
      int threads = (int)((i + r) % 2) + 1;
      if (time_replications(&p, reps, threads, &wall[threads], &events) != 0)
        return -1;
      printf("parallel  %-26s %zu replications  %d thread%s  %7.2f s  %9.0f ev/s\n", path, reps,
             threads, threads > 1 ? "s" : " ", wall[threads], (double)events / wall[threads]);
    }
    ratio[r] = wall[1] / wall[2];
    printf("parallel  round %zu of %zu: 2 threads vs 1 %.2fx\n", r + 1, rounds, ratio[r]);
  }
  qsort(ratio, rounds, sizeof ratio[0], cmp_double);
  double median = rounds % 2 ? ratio[rounds / 2] : (ratio[rounds / 2 - 1] + ratio[rounds / 2]) / 2;
  printf("parallel  speed-up 2 threads vs 1: %.2fx, the median of %zu rounds (%.2f-%.2fx) "
         "(target >= 1.9x)\n",
         median, rounds, ratio[0], ratio[rounds - 1]);
  return 0;
}

int main(int argc, char **argv) {
  int national = 1, parallel = 1;
  size_t reps = 8, rounds = 3;
  const char *par_path = "scenarios/baseline.yaml";
  const char *paths[16];
  size_t npaths = 0;
  for (int i = 1; i < argc; i++) {
    if (!strcmp(argv[i], "--national-only")) {
      parallel = 0;
    } else if (!strcmp(argv[i], "--tier") && i + 1 < argc) {
      tier_width = strtod(argv[++i], NULL);
    } else if (!strcmp(argv[i], "--events")) {
      with_probes = 1; /* slows the run a little: not for timing */
    } else if (!strcmp(argv[i], "--parallel-only")) {
      national = 0;
    } else if (!strcmp(argv[i], "--replications") && i + 1 < argc) {
      reps = (size_t)strtoul(argv[++i], NULL, 10);
      if (reps < 1)
        reps = 1;
    } else if (!strcmp(argv[i], "--rounds") && i + 1 < argc) {
      rounds = (size_t)strtoul(argv[++i], NULL, 10);
      if (rounds < 1)
        rounds = 1;
    } else if (!strcmp(argv[i], "--parallel-scenario") && i + 1 < argc) {
      par_path = argv[++i];
    } else if (argv[i][0] != '-' && npaths < 16) {
      paths[npaths++] = argv[i];
    } else {
      fprintf(stderr,
              "usage: %s [--national-only | --parallel-only] [--replications R]\n"
              "       [--rounds N] [--parallel-scenario FILE] [--events] [--tier DAYS]\n"
              "       [SCENARIO...]\n",
              argv[0]);
      return 2;
    }
  }
  if (npaths == 0) {
    paths[npaths++] = "bench/national_5y.yaml";
    paths[npaths++] = "bench/national.yaml";
    paths[npaths++] = "bench/national_20y.yaml";
    paths[npaths++] = "bench/national_4x_5y.yaml";
  }
  int failed = 0;
  if (national) {
    for (size_t i = 0; i < npaths; i++) {
      chain_result r;
      run_chain_isolated(paths[i], &r);
      print_chain(paths[i], &r);
      failed |= !r.ok;
    }
  }
  if (parallel && run_parallel(par_path, reps, rounds) != 0)
    failed = 1;
  return failed ? 1 : 0;
}
