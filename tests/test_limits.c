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

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
