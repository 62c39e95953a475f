/* test_fuzz_run_regressions.c: replays tests/fuzz/run_regressions/ through
 * the run fuzzer's own checks (tests/fuzz/fuzz_run.c, included here): each
 * file is a list of PATH=VALUE lines set on scenarios/baseline.yaml, then
 * the scenario gets the short horizon and the run's checks, and what passes
 * runs one replication whose indicators and output tables must hold no
 * inf or nan. A failure aborts (a crash in Criterion's terms) and prints the
 * values. Every file is also asserted to change the baseline (a value the
 * loader refuses would test nothing). */
#include "fuzz/fuzz_run.c"

#include <criterion/criterion.h>
#include <dirent.h>

#define REGRESSIONS BIJSIM_SOURCE_DIR "/tests/fuzz/run_regressions"

static void replay(const char *path) {
  FILE *f = fopen(path, "r");
  cr_assert_not_null(f, "%s", path);
  static bs_params p;
  p = base;
  napplied = 0;
  char line[512];
  size_t kept = n_kept;
  while (fgets(line, sizeof line, f)) {
    line[strcspn(line, "\n")] = 0;
    char *eq = strchr(line, '=');
    if (line[0] == '#' || !eq)
      continue;
    *eq = 0;
    mutate(&p, line, eq + 1);
  }
  fclose(f);
  cr_assert_gt(n_kept, kept, "%s: the loader refused every value", path);
  run_mutated(&p, 1);
}

Test(fuzz_run_regressions, replay, .timeout = 300) {
  setenv("FUZZ_BASELINE", BIJSIM_SOURCE_DIR "/scenarios/baseline.yaml", 1);
  LLVMFuzzerInitialize(NULL, NULL);
  DIR *d = opendir(REGRESSIONS);
  cr_assert_not_null(d);
  size_t n = 0;
  struct dirent *e;
  while ((e = readdir(d)) != NULL) {
    if (e->d_name[0] == '.')
      continue;
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", REGRESSIONS, e->d_name);
    replay(path);
    n++;
  }
  closedir(d);
  cr_assert_geq(n, 3, "the regressions are in %s", REGRESSIONS);
  cr_assert_eq(n_runs, n, "every regression runs (none refused by the checks)");
}
