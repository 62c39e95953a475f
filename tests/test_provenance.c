/* test_provenance.c: where a parameter's value comes from (analysis/
 * provenance.h), which the reports use to say what kind of source an
 * assumption the results depend on has:
 * - the comment on the line that sets the value, found through the extends
 *   chain (a value the extending file overrides is the extending file's,
 *   with its own comment or none), a delay's mean on its flow mapping's line;
 * - a '#' inside a quoted value is not a comment;
 * - the kind of source a comment names, an assumption before a seed that
 *   gives only the direction. */
#include "analysis/provenance.h"
#include "test_cli_util.h"

#include <criterion/criterion.h>

static bs_sources load(const char *file) {
  bs_sources s;
  char err[512];
  cr_assert_eq(bs_sources_load(&s, file, err, sizeof err), 0, "%s", err);
  return s;
}

static int ends_with(const char *s, const char *tail) {
  size_t n = strlen(s), k = strlen(tail);
  return n >= k && !strcmp(s + n - k, tail);
}

/* "baseline.yaml:N", N the first line of scenarios/baseline.yaml that starts
 * (after its indent) with `key` (so the test follows edits of the file) */
static const char *baseline_line(const char *key, char *buf, size_t len) {
  FILE *f = fopen("scenarios/baseline.yaml", "r");
  cr_assert_not_null(f);
  char line[1024];
  int n = 0;
  buf[0] = '\0';
  while (fgets(line, sizeof line, f)) {
    n++;
    const char *t = line + strspn(line, " ");
    if (!strncmp(t, key, strlen(key))) {
      snprintf(buf, len, "baseline.yaml:%d", n);
      break;
    }
  }
  fclose(f);
  cr_assert_neq(buf[0], '\0', "no line starts with %s", key);
  return buf;
}

Test(provenance, the_comment_beside_the_value_through_extends) {
  char at[64];
  bs_sources s = load("tests/data/analysis/small.yaml");
  bs_param_source ps;
  bs_sources_find(&s, "clients.p_debts", &ps);
  cr_expect_str_eq(ps.comment, "assumption");
  cr_expect(ends_with(ps.where, baseline_line("p_debts:", at, sizeof at)), "%s", ps.where);
  bs_sources_find(&s, "inflow.reinflow_delay.mean_days", &ps);
  cr_expect_str_eq(ps.comment, "assumption: about half a year (003 §5.3.1: no timing)");
  cr_expect(ends_with(ps.where, baseline_line("reinflow_delay:", at, sizeof at)), "%s", ps.where);
  /* small.yaml overrides the stock on a line without a comment */
  bs_sources_find(&s, "inflow.initial_stock", &ps);
  cr_expect_str_eq(ps.comment, "");
  cr_expect_str_eq(ps.where, "tests/data/analysis/small.yaml:5");
  bs_sources_find(&s, "no.such.key", &ps);
  cr_expect_str_eq(ps.where, "");
  bs_sources_free(&s);
}

Test(provenance, a_hash_in_quotes_is_not_a_comment) {
  char dir[64], path[128];
  tmpdir_make(dir, sizeof dir);
  snprintf(path, sizeof path, "%s/s.yaml", dir);
  cr_assert_eq(write_text(path, "run:\n  name: 'a #1 run'   #  model setting: the name \n"
                                "  seed_note: \"x#y\"\n"),
               0);
  bs_sources s = load(path);
  bs_param_source ps;
  bs_sources_find(&s, "run.name", &ps);
  cr_expect_str_eq(ps.comment, "model setting: the name");
  bs_sources_find(&s, "run.seed_note", &ps);
  cr_expect_str_eq(ps.comment, "");
  bs_sources_free(&s);
  tmpdir_remove(dir);
}

Test(provenance, kinds_of_source) {
  cr_expect_str_eq(bs_source_kind("assumption: mid-size municipality"), "assumption");
  cr_expect_str_eq(bs_source_kind("seed 003 §2.1 (direction only): an own intake screens more "
                                  "strictly; assumption on the size; range 0-0.15"),
                   "assumption");
  cr_expect_str_eq(bs_source_kind("literature: Card, Kluve and Weber (2018)"), "literature");
  cr_expect_str_eq(bs_source_kind("calibrated to Gemeente 3 (002 table 5.2)"), "calibrated");
  cr_expect_str_eq(bs_source_kind("003 §2.2: most decide within 8 weeks"), "seed");
  cr_expect_str_eq(bs_source_kind("seed 001"), "seed");
  cr_expect_str_eq(bs_source_kind("model setting"), "model setting");
  cr_expect_str_eq(bs_source_kind("the 2003 figure"), "not stated");
  cr_expect_str_eq(bs_source_kind(""), "not stated");
}
