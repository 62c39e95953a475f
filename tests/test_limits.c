/* test_limits.c: scenarios too big for memory are refused before the run.
 *
 * Pins down analysis/limits.c: the estimate grows with the initial stock and
 * the inflow, the limit honours BIJSIM_MEMORY_LIMIT_MB, parallel replications
 * multiply the need, more clients than 32-bit person ids are refused, the
 * shipped scenarios and the national benchmark pass, and the message is one
 * line that names the scenario, the estimate, the limit and what to change.
 * The estimate is checked against a real replication: the baseline's peak of
 * live clients stays below the estimated peak.
 */
#include "analysis/limits.h"
#include "analysis/runner.h"
#include "models/params.h"
#include "models/world.h"

#include <criterion/criterion.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void load(const char *rel, bs_params *p) {
  char path[4096], err[1024];
  snprintf(path, sizeof path, "%s/%s", BIJSIM_SOURCE_DIR, rel);
  cr_assert_eq(bs_params_load(path, p, err, sizeof err), 0, "%s", err);
}

static void assert_one_line(const char *err) {
  cr_assert(err[0] != '\0');
  cr_assert_null(strchr(err, '\n'), "message has a newline: %s", err);
}

Test(limits, shipped_scenarios_fit) {
  unsetenv("BIJSIM_MEMORY_LIMIT_MB");
  bs_params p;
  char err[1024];
  load("scenarios/baseline.yaml", &p);
  cr_assert_eq(bs_check_memory(&p, err, sizeof err), 0, "%s", err);
  cr_assert_eq(bs_check_memory_parallel(&p, 2, err, sizeof err), 0, "%s", err);
  load("bench/national.yaml", &p);
  cr_assert_eq(bs_check_memory(&p, err, sizeof err), 0, "%s", err);
}

Test(limits, estimate_grows_with_stock_and_inflow) {
  bs_params p;
  load("scenarios/baseline.yaml", &p);
  uint64_t base = bs_estimate_memory(&p);
  p.inflow.initial_stock *= 10;
  uint64_t more_stock = bs_estimate_memory(&p);
  p.inflow.applications_per_year *= 10;
  uint64_t more_inflow = bs_estimate_memory(&p);
  cr_assert_gt(more_stock, base);
  cr_assert_gt(more_inflow, more_stock);
  cr_assert_eq(bs_estimate_peak_clients(&p), 30000u + 19000u);
}

/* Two billion clients (and the schema's own maximum stock with a huge
 * inflow) cannot be held on any machine this runs on. */
Test(limits, two_billion_clients_refused) {
  unsetenv("BIJSIM_MEMORY_LIMIT_MB");
  bs_params p;
  char err[1024];
  load("scenarios/baseline.yaml", &p);
  p.inflow.initial_stock = 2000000000L;
  cr_assert_eq(bs_check_memory(&p, err, sizeof err), -1);
  assert_one_line(err);
  cr_assert_not_null(strstr(err, "scenario 'baseline' needs about"), "%s", err);
  cr_assert_not_null(strstr(err, "GiB"), "%s", err);
  cr_assert_not_null(strstr(err, "inflow.initial_stock"), "%s", err);
  load("tests/bad_scenarios/memory_bomb.yaml", &p);
  cr_assert_eq(bs_check_memory(&p, err, sizeof err), -1);
}

Test(limits, user_cap_is_honoured) {
  bs_params p;
  char err[1024];
  load("scenarios/baseline.yaml", &p);
  setenv("BIJSIM_MEMORY_LIMIT_MB", "1", 1);
  const char *src = NULL;
  cr_assert_eq(bs_memory_available(&src), 1u << 20);
  cr_assert_str_eq(src, "BIJSIM_MEMORY_LIMIT_MB");
  cr_assert_eq(bs_check_memory(&p, err, sizeof err), -1);
  assert_one_line(err);
  cr_assert_not_null(strstr(err, "BIJSIM_MEMORY_LIMIT_MB"), "%s", err);
  setenv("BIJSIM_MEMORY_LIMIT_MB", "junk", 1); /* ignored, not zero */
  cr_assert_eq(bs_check_memory(&p, err, sizeof err), 0, "%s", err);
  unsetenv("BIJSIM_MEMORY_LIMIT_MB");
}

Test(limits, parallel_replications_multiply) {
  bs_params p;
  char err[1024], cap[32];
  load("scenarios/baseline.yaml", &p);
  uint64_t one = bs_estimate_memory(&p);
  snprintf(cap, sizeof cap, "%llu", (unsigned long long)((one * 3 / 2) >> 20) + 1);
  setenv("BIJSIM_MEMORY_LIMIT_MB", cap, 1);
  cr_assert_eq(bs_check_memory_parallel(&p, 1, err, sizeof err), 0, "%s", err);
  cr_assert_eq(bs_check_memory_parallel(&p, 4, err, sizeof err), -1);
  cr_assert_not_null(strstr(err, "4 replications at once"), "%s", err);
  cr_assert_not_null(strstr(err, "--threads"), "%s", err);
  unsetenv("BIJSIM_MEMORY_LIMIT_MB");
}

Test(limits, person_ids_run_out) {
  bs_params p;
  char err[1024];
  load("scenarios/baseline.yaml", &p);
  p.inflow.initial_stock = 0;
  p.inflow.applications_per_year = 1e6;
  p.run.horizon_days = 365.25 * 5000; /* 5e9 applications */
  cr_assert_eq(bs_check_memory(&p, err, sizeof err), -1);
  assert_one_line(err);
  cr_assert_not_null(strstr(err, "person ids"), "%s", err);
}

/* The runner refuses before it allocates: the error comes back at once. */
Test(limits, runner_refuses_before_running) {
  bs_params p;
  char err[1024];
  load("tests/bad_scenarios/memory_bomb.yaml", &p);
  bs_run_opts o = {.seed = 1, .replications = 1, .threads = 1};
  bs_run_result res;
  cr_assert_eq(bs_run_replications(&p, &o, &res, err, sizeof err), -1);
  cr_assert_not_null(strstr(err, "needs about"), "%s", err);
  cr_assert_null(res.values);
}

/* The estimated peak is not below the peak a replication really reaches. */
Test(limits, estimate_covers_a_real_run, .timeout = 60) {
  bs_params p;
  load("scenarios/baseline.yaml", &p);
  bs_world *w = malloc(sizeof *w);
  cr_assert_not_null(w);
  cr_assert_eq(bs_world_init(w, &p, 7, 0), SIM_OK);
  cr_assert_eq(bs_world_run(w), SIM_OK, "%s", w->ctx.err);
  size_t peak = w->ctx.pool.max_live;
  bs_world_free(w);
  free(w);
  cr_assert_leq(peak, bs_estimate_peak_clients(&p), "peak %zu, estimate %llu", peak,
                (unsigned long long)bs_estimate_peak_clients(&p));
}

/* Through the binary: a one-line message, exit 1, nothing written. */
Test(limits, cli_reports_and_writes_nothing, .timeout = 60) {
  char cmd[4096];
  snprintf(cmd, sizeof cmd,
           "d=$(mktemp -d) && BIJSIM_MEMORY_LIMIT_MB=1 '%s' run '%s/scenarios/baseline.yaml' "
           "--out \"$d/out\" --quiet 2>\"$d/err\"; rc=$?; n=$(ls -A \"$d/out\" 2>/dev/null | wc "
           "-l); l=$(wc -l <\"$d/err\"); grep -q 'needs about' \"$d/err\"; g=$?; rm -rf \"$d\"; "
           "[ $rc -eq 1 ] && [ $n -eq 0 ] && [ $l -eq 1 ] && [ $g -eq 0 ]",
           BIJSIM_BINARY, BIJSIM_SOURCE_DIR);
  cr_assert_eq(system(cmd), 0);
}

/* ------------------------------------------------------------ events */

/* Events of one replication of p (seed 3). */
static uint64_t run_events(const bs_params *p) {
  bs_world *w = malloc(sizeof *w);
  cr_assert_not_null(w);
  cr_assert_eq(bs_world_init(w, p, 3, 0), SIM_OK);
  cr_assert_eq(bs_world_run(w), SIM_OK, "%s", w->ctx.err);
  uint64_t n = w->ctx.events_processed;
  bs_world_free(w);
  free(w);
  return n;
}

/* The estimate is at least the events of a replication, and at most
 * `ratio` times them. */
static void check_estimate(const char *what, const bs_params *p, double ratio) {
  bs_estimate e;
  bs_estimate_run(p, &e);
  uint64_t n = run_events(p);
  cr_assert_geq(e.events, (double)n, "%s: estimate %.3g below %llu events", what, e.events,
                (unsigned long long)n);
  cr_assert_leq(e.events, ratio * (double)n, "%s: estimate %.3g, %llu events", what, e.events,
                (unsigned long long)n);
}

/* The estimate is an upper estimate of the events a replication processes,
 * for the shipped scenarios and for extreme settings within the bounds
 * (each stream pushed: violations at one a day, every offer slipping, every
 * trajectory re-offered at once, every leaver back at once, reports every
 * day, a stock point a day), and not absurdly far above it. */
Test(limits, event_estimate_is_above_the_events, .timeout = 300) {
  static const char *const files[] = {
      "scenarios/baseline.yaml", "scenarios/work_first.yaml", "scenarios/separate.yaml",
      "scenarios/strict_enforcement.yaml", "tests/data/analysis/small.yaml"};
  for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
    bs_params p;
    load(files[i], &p);
    check_estimate(files[i], &p, 30);
  }
  for (int k = 0; k < 6; k++) {
    bs_params p;
    load("tests/data/analysis/small.yaml", &p);
    p.run.horizon_days = 365;
    p.run.cohort_length_days = 180;
    const char *what[] = {"violations", "slips", "re-offers", "re-inflow", "reports", "stock"};
    switch (k) {
    case 0:
      p.sanctions.violations_per_year = 365;
      p.sanctions.hoogwaardig_handhaven = 1;
      p.sanctions.hh_compliance_effect = 10;
      break;
    case 1:
      p.case_management.p_slip = 1;
      p.case_management.slip_delay_days = 0;
      break;
    case 2:
      p.trajectory.p_reoffer = 1;
      p.trajectory.duration = (bs_delay){0, 0};
      p.trajectory.offer_after_days = 0;
      break;
    case 3:
      p.inflow.p_reinflow = 1;
      p.inflow.reinflow_delay = (bs_delay){1, 0};
      p.gatekeeping.claim_intake_delay = p.gatekeeping.work_intake_delay =
          p.gatekeeping.decision_delay = (bs_delay){0, 0};
      p.outflow.job_rate_per_year = 1000;
      break;
    case 4:
      p.trajectory.report_interval_days = 1;
      p.trajectory.p_no_show = 1;
      break;
    default:
      p.run.stock_report_interval_days = 1;
    }
    check_estimate(what[k], &p, INFINITY);
  }
}

Test(limits, event_limit_names_the_stream_and_its_key) {
  bs_params p;
  char err[1024];
  load("scenarios/baseline.yaml", &p);
  p.sanctions.violations_per_year = 365;
  p.sanctions.hoogwaardig_handhaven = 1;
  p.sanctions.hh_compliance_effect = 10;
  bs_estimate e;
  bs_estimate_run(&p, &e);
  cr_assert_str_eq(e.key, "sanctions.violations_per_year");
  char limit[32];
  snprintf(limit, sizeof limit, "%.0f", e.events / 2);
  setenv("BIJSIM_EVENT_LIMIT", limit, 1);
  const char *key = NULL;
  cr_assert_eq(bs_check_run(&p, 1, 1, &key, err, sizeof err), -1);
  assert_one_line(err);
  cr_assert_str_eq(key, "sanctions.violations_per_year");
  cr_assert(strstr(err, "events per replication") && strstr(err, "most are violations"), "%s", err);
  snprintf(limit, sizeof limit, "%.0f", e.events * 2);
  setenv("BIJSIM_EVENT_LIMIT", limit, 1);
  cr_assert_eq(bs_check_run(&p, 1, 1, &key, err, sizeof err), 0, "%s", err);
  unsetenv("BIJSIM_EVENT_LIMIT");
}

/* validate points at where the key to change is written: in the file
 * asked for, or in the base file it extends. */
Test(limits, validate_gives_the_position, .timeout = 60) {
  char dir[] = "/tmp/bijsim-limits-XXXXXX", path[256], cmd[8192];
  cr_assert_not_null(mkdtemp(dir));
  snprintf(path, sizeof path, "%s/s.yaml", dir);
  FILE *f = fopen(path, "w");
  cr_assert_not_null(f);
  fprintf(f,
          "extends: %s/tests/data/analysis/small.yaml\nsanctions:\n  hoogwaardig_handhaven: "
          "true\n  hh_compliance_effect: 10\n  violations_per_year: 365\n",
          BIJSIM_SOURCE_DIR);
  fclose(f);
  snprintf(cmd, sizeof cmd,
           "BIJSIM_EVENT_LIMIT=100000 '%s' validate '%s' 2>&1 | grep -q '^%s:5:3: key "
           ".sanctions.violations_per_year.: scenario .s. would take about .* events per "
           "replication, more than the limit of 1e+05 (BIJSIM_EVENT_LIMIT); most are violations'",
           BIJSIM_BINARY, path, path);
  cr_assert_eq(system(cmd), 0, "%s", cmd);
  /* inherited: the small scenario's reports, written in the baseline */
  snprintf(cmd, sizeof cmd,
           "BIJSIM_EVENT_LIMIT=1000 '%s' validate '%s/tests/data/analysis/small.yaml' 2>&1 | "
           "grep -q '/scenarios/baseline.yaml:[0-9]*:3: key .trajectory.report_interval_days.:'",
           BIJSIM_BINARY, BIJSIM_SOURCE_DIR);
  cr_assert_eq(system(cmd), 0, "%s", cmd);
  unlink(path);
  rmdir(dir);
}

/* The engine stops a runaway replication at its event budget. */
Test(limits, runaway_replication_is_stopped) {
  bs_params p;
  load("tests/data/analysis/small.yaml", &p);
  bs_world *w = malloc(sizeof *w);
  cr_assert_not_null(w);
  cr_assert_eq(bs_world_init(w, &p, 3, 0), SIM_OK);
  w->ctx.max_events = 1000;
  cr_assert_neq(bs_world_run(w), SIM_OK);
  cr_assert(strstr(w->ctx.err, "more than 1000 events"), "%s", w->ctx.err);
  cr_assert_eq(w->ctx.events_processed, 1000);
  bs_world_free(w);
  free(w);
  cr_assert_gt(bs_event_budget(&p), 10 * run_events(&p), "the budget is far above a real run");
}

/* What the result keeps of every replication (cohort records, stock series,
 * indicators) counts too: many replications of a small scenario. */
Test(limits, kept_records_of_many_replications) {
  bs_params p;
  char err[1024];
  load("scenarios/baseline.yaml", &p);
  bs_estimate e;
  bs_estimate_run(&p, &e);
  cr_assert_gt(e.kept, 1000 * sizeof(bs_cohort_rec), "the baseline cohort has ~1000 members");
  setenv("BIJSIM_MEMORY_LIMIT_MB", "100", 1);
  cr_assert_eq(bs_check_run(&p, 10, 1, NULL, err, sizeof err), 0, "%s", err);
  cr_assert_eq(bs_check_run(&p, 100000, 1, NULL, err, sizeof err), -1);
  assert_one_line(err);
  cr_assert(strstr(err, "for 100000 replications") && strstr(err, "--replications"), "%s", err);
  unsetenv("BIJSIM_MEMORY_LIMIT_MB");
}
