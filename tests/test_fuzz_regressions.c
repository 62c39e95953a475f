/* test_fuzz_regressions.c: replays the fuzz regression corpus
 * (tests/fuzz/regressions/), and the other inputs the fuzzer starts from
 * (scenarios/, tests/bad_scenarios/), through the scenario loader.
 *
 * Pins down that no input that once crashed the loader, or that the fuzzer
 * starts from, crashes it again: each gives 0, or -1 with a non-empty
 * one-line message; loading from memory and from the file agree; and a
 * loaded scenario serialises to JSON. Under the ASan+UBSan build this also
 * checks for leaks and undefined behaviour on every error path.
 */
#include "models/params.h"

#include <criterion/criterion.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MAX_INPUT (8u << 20)

static char *read_file(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  cr_assert_not_null(f, "cannot open %s", path);
  char *buf = malloc(MAX_INPUT);
  cr_assert_not_null(buf);
  *len = fread(buf, 1, MAX_INPUT, f);
  fclose(f);
  return buf;
}

static void check_result(const char *what, int rc, const char *err) {
  cr_assert(rc == 0 || rc == -1, "%s: return code %d", what, rc);
  if (rc == 0)
    return;
  cr_assert(err[0] != '\0', "%s: error without a message", what);
  cr_assert_null(strchr(err, '\n'), "%s: message is not one line: %s", what, err);
}

/* Replays every regular file of dir (relative to the source tree); returns
 * how many. Memory loads resolve `extends` against the current directory,
 * which is the repository root under ctest; so they are given the file's own
 * directory as cwd here. */
static size_t replay_dir(const char *rel) {
  char dir[4096];
  snprintf(dir, sizeof dir, "%s/%s", BIJSIM_SOURCE_DIR, rel);
  DIR *d = opendir(dir);
  cr_assert_not_null(d, "cannot open %s", dir);
  char cwd[4096];
  cr_assert_not_null(getcwd(cwd, sizeof cwd));
  size_t n = 0;
  struct dirent *e;
  while ((e = readdir(d)) != NULL) {
    if (e->d_name[0] == '.' || !strcmp(e->d_name, "README.md"))
      continue;
    char path[8192];
    snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
    size_t len;
    char *text = read_file(path, &len);
    static bs_params a, b;
    char err_mem[1024] = "", err_file[1024] = "";
    cr_assert_eq(chdir(dir), 0);
    int rc_mem = bs_params_load_string(e->d_name, text, len, &a, err_mem, sizeof err_mem);
    cr_assert_eq(chdir(cwd), 0);
    int rc_file = bs_params_load(path, &b, err_file, sizeof err_file);
    free(text);
    check_result(path, rc_mem, err_mem);
    check_result(path, rc_file, err_file);
    if (len <= 4u << 20) /* the file loader refuses big files; so does memory */
      cr_expect_eq(rc_mem, rc_file, "%s: from memory %d (%s), from the file %d (%s)", path, rc_mem,
                   err_mem, rc_file, err_file);
    if (rc_file == 0) {
      long need = bs_params_json(&b, NULL, 0);
      cr_assert_gt(need, 0, "%s: resolved parameters do not serialise", path);
    }
    n++;
  }
  closedir(d);
  return n;
}

Test(fuzz_regressions, regression_corpus) { cr_assert_gt(replay_dir("tests/fuzz/regressions"), 0); }

Test(fuzz_regressions, bad_scenarios) { cr_assert_geq(replay_dir("tests/bad_scenarios"), 25); }

Test(fuzz_regressions, shipped_scenarios_load) {
  cr_assert_gt(replay_dir("scenarios"), 0);
  bs_params p;
  char err[1024];
  cr_assert_eq(bs_params_load(BIJSIM_SOURCE_DIR "/scenarios/baseline.yaml", &p, err, sizeof err), 0,
               "%s", err);
}
