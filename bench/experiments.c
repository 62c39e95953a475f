/* experiments.c: the speed targets of issue 15, measured on the bijsim binary
 * next to this program (build-bench/bijsim; an MPI build in build-mpi/):
 *
 * 1. `uncertainty integral separate` over 200 parameter sets x 10
 *    replications (target: under 3 minutes on the 2 cores here);
 * 2. how its cost grows with the number of sets and of replications: wall and
 *    CPU seconds (this process's children) per simulated client-year, a
 *    client-year being a year on benefit of one client (the stock series of
 *    one replication of each scenario at its default values, integrated);
 * 3. `calibrate bench/gemeente3_calibrate.yaml` (8 parameters, 12 of the
 *    scenario's 15 targets fitted, 3 excluded with their reasons; target:
 *    under 10 minutes to a tolerance where every fitted target is within its
 *    observed range), with its generations and each target's fit;
 * 4. with build-mpi/bijsim and mpirun, one thread per rank: `uncertainty
 *    integral separate` (50 sets x 10 replications) and `run baseline` (200
 *    replications) at 1, 2 and 4 ranks (4 oversubscribed on 2 cores), with
 *    the default build's single process on 1 and 2 threads beside them, and
 *    the load average before each line.
 *
 * Usage: bench_experiments [--quick] [--mpi]  (from the repository root;
 * --quick: 20 sets, no calibration, for a smoke test; --mpi: part 4 only).
 * Not a test: it measures. */
#include "analysis/scenario.h"
#include "models/params.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static char bin[4096], mpibin[4096];

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

static double children_cpu(void) {
  struct rusage ru;
  getrusage(RUSAGE_CHILDREN, &ru);
  return (double)ru.ru_utime.tv_sec + ru.ru_utime.tv_usec * 1e-6 + (double)ru.ru_stime.tv_sec +
         ru.ru_stime.tv_usec * 1e-6;
}

/* Runs the shell command; returns its wall seconds (and CPU seconds), or -1. */
static double timed(const char *cmd, double *cpu) {
  double c0 = children_cpu(), t0 = now();
  int st = system(cmd);
  double t = now() - t0;
  *cpu = children_cpu() - c0;
  if (st == -1 || !WIFEXITED(st) || WEXITSTATUS(st) != 0) {
    fprintf(stderr, "bench: failed: %s\n", cmd);
    return -1;
  }
  return t;
}

/* Client-years on benefit in one replication of a scenario (seed 1, index 0). */
static double client_years(const char *path) {
  bs_scenario_run *s = calloc(1, sizeof *s);
  char err[1024];
  double y = -1;
  if (s && bs_params_load(path, &s->params, err, sizeof err) == 0) {
    bs_run_opts o = {.seed = 1, .replications = 1, .threads = 1};
    if (bs_scenario_execute(s, &o, err, sizeof err) == 0) {
      const bs_stock_point *p = s->res.stocks[0];
      size_t n = s->res.stocks_n[0];
      y = 0;
      for (size_t k = 0; k + 1 < n; k++)
        y += (double)p[k].on_benefit * (p[k + 1].day - p[k].day) / 365.25;
      bs_scenario_free(s);
    }
  }
  if (y < 0)
    fprintf(stderr, "bench: %s: %s\n", path, err);
  free(s);
  return y;
}

/* The 1-minute load average (other work on the machine), or -1. */
static double load_average(void) {
  FILE *f = fopen("/proc/loadavg", "r");
  double l = -1;
  if (f) {
    if (fscanf(f, "%lf", &l) != 1)
      l = -1;
    fclose(f);
  }
  return l;
}

/* Times `bijsim ARGS` (after launcher) and prints one line: wall and CPU
 * seconds in all, and per client-year of the `years` it simulates. */
static void timed_line(const char *launcher, const char *b, const char *args, double years,
                       const char *label) {
  char cmd[8192];
  snprintf(cmd, sizeof cmd, "%s%s %s -q", launcher, b, args);
  double load = load_average(), cpu, t = timed(cmd, &cpu);
  if (t < 0)
    return;
  printf("%-34s %s: %8.1f s wall, %8.1f s CPU; %.3g client-years, %.2f us wall and %.2f us CPU "
         "per client-year (load average %.1f before)\n",
         label, args, t, cpu, years, t / years * 1e6, cpu / years * 1e6, load);
  fflush(stdout);
}

static void unc_line(const char *launcher, const char *b, int sets, int reps, double cy,
                     const char *label, const char *more) {
  char args[1024];
  snprintf(args, sizeof args,
           "uncertainty scenarios/integral.yaml scenarios/separate.yaml --sets %d "
           "--replications %d%s --out /tmp/bench_experiments_unc",
           sets, reps, more);
  timed_line(launcher, b, args, 2 * cy * sets * reps, label); /* two scenarios */
}

static void run_line(const char *launcher, const char *b, int reps, double cy, const char *label,
                     const char *more) {
  char args[1024];
  snprintf(args, sizeof args,
           "run scenarios/baseline.yaml --replications %d%s --out /tmp/bench_experiments_run", reps,
           more);
  timed_line(launcher, b, args, cy * reps, label);
}

int main(int argc, char **argv) {
  int quick = 0, mpi_only = 0;
  for (int i = 1; i < argc; i++) {
    quick |= !strcmp(argv[i], "--quick");
    mpi_only |= !strcmp(argv[i], "--mpi");
  }
  const char *slash = strrchr(argv[0], '/');
  int dl = slash ? (int)(slash - argv[0]) : 1;
  snprintf(bin, sizeof bin, "%.*s/bijsim", dl, slash ? argv[0] : ".");
  snprintf(mpibin, sizeof mpibin, "build-mpi/bijsim");
  double cy =
      (client_years("scenarios/integral.yaml") + client_years("scenarios/separate.yaml")) / 2;
  if (cy <= 0)
    return 1;
  printf("client-years on benefit per replication (integral, separate, mean): %.0f\n", cy);
  int big = quick ? 20 : 200;
  if (!mpi_only)
    unc_line("", bin, big, 10, cy, "1. target (< 180 s):", "");
  if (!quick && !mpi_only) {
    int sets[] = {25, 50, 100};
    for (int i = 0; i < 3; i++)
      unc_line("", bin, sets[i], 10, cy, "2. growth with sets:", "");
    int reps[] = {5, 20};
    for (int i = 0; i < 2; i++)
      unc_line("", bin, 25, reps[i], cy, "2. growth with reps:", "");
    char cmd[8192];
    snprintf(cmd, sizeof cmd,
             "%s calibrate bench/gemeente3_calibrate.yaml --out /tmp/bench_experiments_cal -q",
             bin);
    double cpu, t = timed(cmd, &cpu);
    if (t >= 0) {
      printf("3. calibrate gemeente 3 (< 600 s): %.1f s wall, %.1f s CPU\n", t, cpu);
      fflush(stdout);
      if (system("cat /tmp/bench_experiments_cal/generations.csv "
                 "/tmp/bench_experiments_cal/fit.csv") != 0)
        fprintf(stderr, "bench: no calibration output\n");
    }
  }
  if (access(mpibin, X_OK) == 0 && system("command -v mpirun >/dev/null 2>&1") == 0) {
    const char *root =
        getuid() == 0 ? "OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 " : "";
    double cyb = client_years("scenarios/baseline.yaml");
    int sets = quick ? 10 : 50, reps = quick ? 40 : 200;
    printf("client-years on benefit per replication of baseline: %.0f\n", cyb);
    unc_line("", bin, sets, 10, cy, "4. one process, 1 thread:", " --threads 1");
    unc_line("", bin, sets, 10, cy, "4. one process, 2 threads:", " --threads 2");
    int ranks[] = {1, 2, 4};
    for (int i = 0; i < 3; i++) {
      char launcher[256], label[64];
      snprintf(launcher, sizeof launcher, "%smpirun --oversubscribe -np %d ", root, ranks[i]);
      snprintf(label, sizeof label, "4. MPI, %d rank%s x 1 thread:", ranks[i],
               ranks[i] > 1 ? "s" : "");
      unc_line(launcher, mpibin, sets, 10, cy, label, " --threads 1");
    }
    if (cyb > 0) {
      run_line("", bin, reps, cyb, "4. one process, 1 thread:", " --threads 1");
      run_line("", bin, reps, cyb, "4. one process, 2 threads:", " --threads 2");
      for (int i = 0; i < 3; i++) {
        char launcher[256], label[64];
        snprintf(launcher, sizeof launcher, "%smpirun --oversubscribe -np %d ", root, ranks[i]);
        snprintf(label, sizeof label, "4. MPI, %d rank%s x 1 thread:", ranks[i],
                 ranks[i] > 1 ? "s" : "");
        run_line(launcher, mpibin, reps, cyb, label, " --threads 1");
      }
    }
  } else {
    printf("4. MPI: skipped (no build-mpi/bijsim or no mpirun: ./scripts/bootstrap.sh --mpi)\n");
  }
  return 0;
}
