/* test_scenarios.c: the shipped scenario files and the indicator list as documents.
 * - scenarios/baseline.yaml lists every parameter of the schema (each
 *   section's every key), so that a reader sees all defaults in one place;
 * - every parameter line there carries a comment naming where its value
 *   comes from: a seed document (000-004), "calibrated" (docs/calibration.md),
 *   "literature: <reference>", "assumption" or "model setting";
 * - every other scenario extends the baseline;
 * - every indicator is defined in docs/indicators.md. */
#include "analysis/scenario.h"
#include "models/params.h"
#include "sim/config.h"
#include "test_cli_util.h"

#include <criterion/criterion.h>
#include <ctype.h>
#include <glob.h>
#include <jansson.h>
#include <string.h>

#define BASELINE BIJSIM_SOURCE_DIR "/scenarios/baseline.yaml"

/* The text of section `sec` in a YAML file: from "\nsec:" to the next line
 * that starts at column 0 with a letter. */
static char *section_text(const char *yaml, const char *sec) {
  char pat[96];
  snprintf(pat, sizeof pat, "\n%s:", sec);
  const char *p = strstr(yaml, pat);
  if (!p)
    return NULL;
  p++;
  const char *e = strchr(p, '\n');
  while (e && e[1] && !isalpha((unsigned char)e[1]))
    e = strchr(e + 1, '\n');
  size_t n = e ? (size_t)(e - p) : strlen(p);
  char *out = malloc(n + 1);
  cr_assert(out);
  memcpy(out, p, n);
  out[n] = 0;
  return out;
}

Test(scenarios, baseline_lists_every_parameter) {
  bs_params p;
  char err[512];
  cr_assert_eq(bs_params_load(BASELINE, &p, err, sizeof err), 0, "%s", err);
  long n = bs_params_json(&p, NULL, 0);
  cr_assert_gt(n, 0);
  char *json = malloc((size_t)n + 1);
  cr_assert(json);
  bs_params_json(&p, json, (size_t)n + 1);
  json_error_t jerr;
  json_t *doc = json_loadb(json, (size_t)n, 0, &jerr);
  cr_assert(doc, "parameters:%d:%d: %s", jerr.line, jerr.column, jerr.text);
  char *yaml = slurp(BASELINE, NULL);
  cr_assert(yaml);
  /* every key of every section (the schema, as bs_params_json writes it) */
  const char *name, *key;
  json_t *sec, *value;
  json_object_foreach(doc, name, sec) {
    if (!json_is_object(sec))
      continue;
    char *text = section_text(yaml, name);
    cr_assert(text, "baseline.yaml has no section %s", name);
    json_object_foreach(sec, key, value) {
      char pat[96];
      snprintf(pat, sizeof pat, "\n  %s:", key);
      cr_expect(strstr(text, pat), "baseline.yaml does not list %s.%s", name, key);
    }
    free(text);
  }
  free(yaml);
  json_decref(doc);
  free(json);
}

static int names_source(const char *comment) {
  static const char *const marks[] = {"000",        "001",           "002",
                                      "003",        "004",           "calibrated",
                                      "assumption", "model setting", "literature:"};
  for (size_t i = 0; i < sizeof marks / sizeof marks[0]; i++)
    if (strstr(comment, marks[i]))
      return 1;
  return 0;
}

Test(scenarios, baseline_names_the_source_of_every_default) {
  char *yaml = slurp(BASELINE, NULL);
  cr_assert(yaml);
  int line = 0, params = 0;
  for (char *s = yaml, *e; *s; s = e ? e + 1 : s + strlen(s)) {
    e = strchr(s, '\n');
    if (e)
      *e = 0;
    line++;
    /* a parameter: two spaces, a key, a colon */
    const char *k = s;
    if (strncmp(k, "  ", 2) != 0 || !islower((unsigned char)k[2]))
      continue;
    k += 2;
    while (islower((unsigned char)*k) || isdigit((unsigned char)*k) || *k == '_')
      k++;
    if (*k != ':')
      continue;
    params++;
    const char *hash = strchr(s, '#');
    cr_expect(hash && names_source(hash),
              "baseline.yaml:%d: '%s' has no comment naming its source (a seed 000-004, "
              "calibrated, assumption or model setting)",
              line, s);
  }
  cr_assert_gt(params, 100, "only %d parameter lines found", params);
  free(yaml);
}

/* Finds `path` among the bound plausible ranges, or NULL. */
static const cfg_dist *range_of(const bs_params *p, const char *path) {
  for (size_t i = 0; i < p->uncertainty_n; i++)
    if (!strcmp(p->uncertainty[i].path, path))
      return &p->uncertainty[i];
  return NULL;
}

/* Every parameter whose source is an assumption or the literature has a
 * plausible range in `uncertainty:` (a delay by its mean), and every range
 * holds the baseline's own value. */
Test(scenarios, baseline_gives_a_range_for_every_assumption) {
  bs_params p;
  char err[512];
  cr_assert_eq(bs_params_load(BASELINE, &p, err, sizeof err), 0, "%s", err);
  cr_assert_gt(p.uncertainty_n, 50);
  char *yaml = slurp(BASELINE, NULL);
  cr_assert(yaml);
  char section[64] = "";
  int line = 0, checked = 0;
  for (char *s = yaml, *e; *s; s = e ? e + 1 : s + strlen(s)) {
    e = strchr(s, '\n');
    if (e)
      *e = 0;
    line++;
    if (islower((unsigned char)s[0])) {
      size_t k = strcspn(s, ":");
      snprintf(section, sizeof section, "%.*s", (int)k, s);
      continue;
    }
    const char *hash = strchr(s, '#');
    if (strncmp(s, "  ", 2) != 0 || !islower((unsigned char)s[2]) || !hash ||
        (!strstr(hash, "assumption") && !strstr(hash, "literature")))
      continue;
    size_t k = strspn(s + 2, "abcdefghijklmnopqrstuvwxyz0123456789_");
    if (s[2 + k] != ':')
      continue;
    char path[160];
    int delay = strstr(s + 2 + k, "{mean_days:") != NULL;
    snprintf(path, sizeof path, "%s.%.*s%s", section, (int)k, s + 2, delay ? ".mean_days" : "");
    cr_expect(range_of(&p, path),
              "baseline.yaml:%d: %s is an assumption without a range in "
              "'uncertainty:'",
              line, path);
    checked++;
  }
  cr_assert_gt(checked, 50);
  for (size_t i = 0; i < p.uncertainty_n; i++) {
    const cfg_dist *d = &p.uncertainty[i];
    double v;
    if (d->type == CFG_T_INT) {
      long l;
      memcpy(&l, (const char *)&p + d->offset, sizeof l);
      v = (double)l;
    } else {
      memcpy(&v, (const char *)&p + d->offset, sizeof v);
    }
    cr_expect(v >= d->low && v <= d->high,
              "%s: the baseline value %g is outside its range [%g, %g]", d->where, v, d->low,
              d->high);
  }
  free(yaml);
}

/* The file a scenario extends ("" when none), from its `extends:` line. */
static void extends_of(const char *text, char *out, size_t len) {
  const char *e = !strncmp(text, "extends: ", 9) ? text : strstr(text, "\nextends: ");
  out[0] = 0;
  if (!e)
    return;
  e += e[0] == '\n' ? 10 : 9;
  size_t n = strcspn(e, " #\n");
  snprintf(out, len, "%.*s", (int)(n < len ? n : len - 1), e);
}

/* Every scenario extends baseline.yaml, directly or through another shipped
 * scenario that does (a fitted scenario extends the one it was fitted from,
 * e.g. gemeente3_2002_fitted.yaml -> gemeente3_2002.yaml -> baseline.yaml). */
Test(scenarios, every_variant_extends_the_baseline) {
  glob_t g;
  cr_assert_eq(glob(BIJSIM_SOURCE_DIR "/scenarios/*.yaml", 0, NULL, &g), 0);
  cr_assert_gt(g.gl_pathc, 10);
  for (size_t i = 0; i < g.gl_pathc; i++) {
    if (strstr(g.gl_pathv[i], "/baseline.yaml"))
      continue;
    char path[1024], base[256];
    snprintf(path, sizeof path, "%s", g.gl_pathv[i]);
    int steps = 0;
    for (;;) {
      char *text = slurp(path, NULL);
      cr_assert(text, "%s", path);
      extends_of(text, base, sizeof base);
      free(text);
      if (!strcmp(base, "baseline.yaml") || !*base || strchr(base, '/') || ++steps > 3)
        break;
      snprintf(path, sizeof path, "%s/scenarios/%s", BIJSIM_SOURCE_DIR, base);
    }
    cr_expect_str_eq(base, "baseline.yaml",
                     "%s does not extend baseline.yaml (directly or "
                     "through a scenario next to it)",
                     g.gl_pathv[i]);
  }
  globfree(&g);
}

/* Every indicator (indicators.csv and the derived ones in summary.csv) is
 * defined in docs/indicators.md: by its name in backticks, or by its stem
 * (NAME for NAME_true / NAME_registered; ROUTE for outflow_ROUTE_6m/12m/24m). */
Test(docs, every_indicator_is_defined_in_indicators_md) {
  char *doc = slurp(BIJSIM_SOURCE_DIR "/docs/indicators.md", NULL);
  cr_assert(doc);
  size_t n = bs_ext_count();
  cr_assert_gt(n, 50);
  for (size_t i = 0; i < n; i++) {
    char name[128], pat[140];
    snprintf(name, sizeof name, "%s", bs_ext_name(i));
    size_t len = strlen(name);
    if (len > 5 && !strcmp(name + len - 5, "_true"))
      name[len - 5] = 0;
    else if (len > 11 && !strcmp(name + len - 11, "_registered"))
      name[len - 11] = 0;
    else if (!strncmp(name, "outflow_", 8)) {
      char *u = strrchr(name, '_');
      if (u && (!strcmp(u, "_6m") || !strcmp(u, "_12m") || !strcmp(u, "_24m"))) {
        *u = 0;
        memmove(name, name + 8, strlen(name + 8) + 1);
      }
    }
    snprintf(pat, sizeof pat, "`%s`", name);
    cr_expect(strstr(doc, pat), "indicator %s is not defined in docs/indicators.md (looked for %s)",
              bs_ext_name(i), pat);
  }
  free(doc);
}
