/* test_run_util.h: running a scenario through the analysis library in a
 * test (no binary), shared by the tests that look at replicated results. */
#ifndef BIJSIM_TEST_RUN_UTIL_H
#define BIJSIM_TEST_RUN_UTIL_H

#include "analysis/scenario.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

/* Loads `file` into s and runs R replications from `seed` on two threads
 * (the result does not depend on the thread count). */
static inline void execute(const char *file, uint64_t seed, size_t R, bs_scenario_run *s) {
  char err[1024];
  memset(s, 0, sizeof *s);
  cr_assert_eq(bs_params_load(file, &s->params, err, sizeof err), 0, "%s", err);
  snprintf(s->label, sizeof s->label, "%s", s->params.run.name);
  bs_run_opts o = {.seed = seed, .replications = R, .threads = 2};
  cr_assert_eq(bs_scenario_execute(s, &o, err, sizeof err), 0, "%s", err);
}

#endif
