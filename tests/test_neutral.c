/* test_neutral.c: pins down that every mechanism added to the model has a
 * neutral setting under which the earlier results are reproduced exactly.
 *
 * Each file tests/data/neutral/NAME.txt lists, one `path=value` a line (as for
 * `sweep --param`), the neutral setting of a block of mechanisms. Every
 * shipped scenario is run with all of those settings applied (2
 * replications, seed 3), and the mean of every indicator must equal, to the
 * last printed digit, tests/data/golden/neutral.csv: the results of the
 * model before those mechanisms existed. A deliberate change of the model's
 * results (a defect fixed) regenerates the golden file with
 * scripts/golden.sh, in a commit that says why.
 */
#include "analysis/indicators.h"
#include "test_run_util.h"

#include <dirent.h>
#include <glob.h>
#include <math.h>
#include <stdlib.h>

#ifndef BIJSIM_SOURCE_DIR
#define BIJSIM_SOURCE_DIR "."
#endif
#define GOLDEN BIJSIM_SOURCE_DIR "/tests/data/golden/neutral.csv"

/* Applies every neutral setting to p; returns how many were applied. */
static size_t apply_neutral(bs_params *p) {
  glob_t g;
  size_t applied = 0;
  if (glob(BIJSIM_SOURCE_DIR "/tests/data/neutral/*.txt", 0, NULL, &g) != 0)
    return 0;
  for (size_t i = 0; i < g.gl_pathc; i++) {
    FILE *f = fopen(g.gl_pathv[i], "r");
    cr_assert_not_null(f, "%s", g.gl_pathv[i]);
    char line[512];
    int lineno = 0;
    while (fgets(line, sizeof line, f)) {
      lineno++;
      line[strcspn(line, "\r\n")] = 0;
      if (!line[0] || line[0] == '#')
        continue;
      char *eq = strchr(line, '=');
      cr_assert_not_null(eq, "%s:%d: not path=value", g.gl_pathv[i], lineno);
      *eq = 0;
      char err[512];
      cr_assert_eq(bs_params_set(p, line, eq + 1, err, sizeof err), 0, "%s:%d: %s", g.gl_pathv[i],
                   lineno, err);
      applied++;
    }
    fclose(f);
  }
  globfree(&g);
  return applied;
}

/* The results of every shipped scenario under the neutral settings. */
static char *neutral_results(void) {
  glob_t g;
  cr_assert_eq(glob(BIJSIM_SOURCE_DIR "/scenarios/*.yaml", 0, NULL, &g), 0);
  char *buf = NULL;
  size_t len = 0;
  FILE *out = open_memstream(&buf, &len);
  cr_assert_not_null(out);
  fputs("scenario,indicator,mean\n", out);
  for (size_t i = 0; i < g.gl_pathc; i++) {
    bs_scenario_run *s = calloc(1, sizeof *s);
    cr_assert_not_null(s);
    char err[1024];
    cr_assert_eq(bs_params_load(g.gl_pathv[i], &s->params, err, sizeof err), 0, "%s", err);
    apply_neutral(&s->params);
    snprintf(s->label, sizeof s->label, "%s", s->params.run.name);
    bs_run_opts o = {.seed = 3, .replications = 2, .threads = 2};
    cr_assert_eq(bs_scenario_execute(s, &o, err, sizeof err), 0, "%s", err);
    const char *base = strrchr(g.gl_pathv[i], '/');
    base = base ? base + 1 : g.gl_pathv[i];
    for (size_t k = 0; k < s->res.nind; k++) {
      double sum = 0;
      for (size_t r = 0; r < s->res.replications; r++)
        sum += s->res.values[r * s->res.nind + k];
      fprintf(out, "%s,%s,%.10g\n", base, bs_indicator_name(k), sum / (double)s->res.replications);
    }
    bs_scenario_free(s);
    free(s);
  }
  globfree(&g);
  fclose(out);
  return buf;
}

/* Does the golden file have a line for the key (scenario,indicator,) of line? */
static int in_golden(const char *golden, const char *line) {
  const char *comma = strchr(line, ',');
  comma = comma ? strchr(comma + 1, ',') : NULL;
  if (!comma)
    return 1;
  size_t k = (size_t)(comma - line) + 1;
  for (const char *g = golden; g && *g;) {
    if (!strncmp(g, line, k))
      return 1;
    g = strchr(g, '\n');
    g = g ? g + 1 : NULL;
  }
  return 0;
}

Test(neutral, neutral_settings_reproduce_the_earlier_results, .timeout = 300) {
  char *now = neutral_results();
  if (getenv("BIJSIM_WRITE_GOLDEN")) {
    FILE *f = fopen(GOLDEN, "w");
    cr_assert_not_null(f, "%s", GOLDEN);
    fputs(now, f);
    fclose(f);
  }
  FILE *f = fopen(GOLDEN, "r");
  cr_assert_not_null(f, "%s missing: scripts/golden.sh writes it", GOLDEN);
  char *want = NULL;
  size_t cap = 0;
  ssize_t n = getdelim(&want, &cap, '\0', f);
  fclose(f);
  cr_assert_gt(n, 0);
  /* line by line, so a failure names the scenario and indicator; a
   * (scenario, indicator) the golden file does not have (an indicator or a
   * scenario added since) has no earlier result to reproduce: skipped */
  char *a = now, *b = want;
  while (*a || *b) {
    while (*a && !in_golden(want, a))
      a += strcspn(a, "\n") + (a[strcspn(a, "\n")] == '\n');
    size_t la = strcspn(a, "\n"), lb = strcspn(b, "\n");
    cr_assert(la == lb && !strncmp(a, b, la),
              "with the neutral settings:\n  %.*s\nexpected:\n  %.*s", (int)la, a, (int)lb, b);
    a += la + (a[la] == '\n');
    b += lb + (b[lb] == '\n');
  }
  free(now);
  free(want);
}
