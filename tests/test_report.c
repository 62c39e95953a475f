/* test_report.c: pins down the HTML report and the readers it is built on:
 * - the CSV reader (quoting, CRLF, short rows); a malformed run.json is
 *   refused with FILE:LINE:COL (jansson reads it);
 * - `--report` / `bijsim report` write one self-contained report.html (no
 *   scripts, no network, no external fonts) with the sections and inline SVG
 *   charts for run, compare, effect and sweep output; making it again after
 *   the fact gives the same bytes;
 * - a sensitivity result given with --sensitivity: the key finding it was
 *   run for lists the parameters with the largest total index, with the
 *   source of their values; a directory that is not one is refused before
 *   anything runs;
 * - headless Chromium renders it: the SVG charts are in the DOM and nothing
 *   errors in the console (skipped when /usr/bin/chromium is not installed). */
#include "analysis/csv.h"
#include "analysis/report.h"
#include "analysis/scenario.h"
#include "test_cli_util.h"

#include <criterion/criterion.h>
#include <math.h>

#define SMALL "tests/data/analysis/small.yaml"
#define CHROMIUM "/usr/bin/chromium"

static void write_file(const char *path, const char *text) {
  cr_assert_eq(write_text(path, text), 0, "cannot write %s", path);
}

Test(report, csv_reader) {
  char dir[64], path[128], err[256];
  tmpdir_make(dir, sizeof dir);
  snprintf(path, sizeof path, "%s/t.csv", dir);
  write_file(path, "a,b,c\r\n1,\"x, \"\"y\"\"\",3\r\n4,5\n\n");
  bs_csv t;
  cr_assert_eq(bs_csv_load(path, &t, err, sizeof err), 0, "%s", err);
  cr_assert_eq(t.ncol, 3);
  cr_assert_eq(t.nrow, 2, "the blank last line is not a row");
  cr_assert_str_eq(bs_csv_get(&t, 0, bs_csv_col(&t, "b")), "x, \"y\"");
  cr_assert_eq(bs_csv_num(&t, 0, 2), 3);
  cr_assert_str_eq(bs_csv_get(&t, 1, 2), "", "a short row is padded");
  cr_assert(isnan(bs_csv_num(&t, 1, 2)));
  cr_assert_eq(bs_csv_col(&t, "zz"), -1);
  bs_csv_free(&t);
  snprintf(path, sizeof path, "%s/missing.csv", dir);
  cr_assert_eq(bs_csv_load(path, &t, err, sizeof err), 1, "absent file");
  snprintf(path, sizeof path, "%s/bad.csv", dir);
  write_file(path, "a\n\"open");
  cr_assert_eq(bs_csv_load(path, &t, err, sizeof err), -1);
  cr_assert(strstr(err, "bad.csv:2: unterminated"), "%s", err);
  tmpdir_remove(dir);
}

Test(report, malformed_run_json) {
  char dir[64], path[128], err[256];
  tmpdir_make(dir, sizeof dir);
  snprintf(path, sizeof path, "%s/run.json", dir);
  write_file(path, "{\n  \"a\": [1, 2,\n}");
  cr_assert_eq(bs_report_write(dir, NULL, 0, err, sizeof err), -1);
  char want[160];
  snprintf(want, sizeof want, "%s/run.json:3:1: ", dir);
  cr_assert(!strncmp(err, want, strlen(want)), "%s", err);
  cr_assert_null(strchr(err, '\n'), "%s", err);
  write_file(path, "[1]");
  cr_assert_eq(bs_report_write(dir, NULL, 0, err, sizeof err), -1);
  cr_assert(strstr(err, "run.json: not a JSON object"), "%s", err);
  tmpdir_remove(dir);
}

/* Runs a command that writes DIR/report.html and returns the report. */
static char *make(const char *args_fmt, char *dir, size_t dirlen) {
  char args[1024];
  tmpdir_make(dir, dirlen);
  snprintf(args, sizeof args, args_fmt, dir);
  char *err = NULL;
  cr_assert_eq(run_bijsim(args, NULL, &err), 0, "%s: %s", args, err);
  free(err);
  char path[256];
  snprintf(path, sizeof path, "%s/report.html", dir);
  char *html = slurp(path, NULL);
  cr_assert(html, "no report.html for %s", args);
  return html;
}

static void self_contained(const char *html) {
  cr_assert(!strncmp(html, "<!DOCTYPE html>", 15));
  cr_assert(strstr(html, "</html>"));
  static const char *const forbidden[] = {
      "<script", "http://", "https://", "src=", "url(", "@import", "<link", "@font-face"};
  for (size_t k = 0; k < sizeof forbidden / sizeof forbidden[0]; k++)
    cr_assert_null(strstr(html, forbidden[k]), "the report contains '%s'", forbidden[k]);
}

Test(report, run_report, .timeout = 60) {
  char dir[64];
  char *html = make("run " SMALL " --replications 3 --out %s --report -q", dir, sizeof dir);
  self_contained(html);
  static const char *const want[] = {"id=\"findings\"",
                                     "id=\"scenarios\"",
                                     "id=\"indicators\"",
                                     "id=\"charts\"",
                                     "id=\"survival\"",
                                     "id=\"flow\"",
                                     "Long-term share (langdurigheidsratio)",
                                     "Kaplan-Meier",
                                     "95% interval"};
  for (size_t k = 0; k < sizeof want / sizeof want[0]; k++)
    cr_assert(strstr(html, want[k]), "missing %s", want[k]);
  cr_assert_geq(count_str(html, "<svg"), 6);
  cr_assert_null(strstr(html, "id=\"differences\""), "no comparison in a single run");
  /* made again after the fact: the same bytes */
  char args[256], path[256];
  snprintf(args, sizeof args, "report %s -q", dir);
  cr_assert_eq(run_bijsim(args, NULL, NULL), 0);
  snprintf(path, sizeof path, "%s/report.html", dir);
  char *again = slurp(path, NULL);
  cr_assert_str_eq(html, again);
  free(again);
  free(html);
  tmpdir_remove(dir);
}

Test(report, compare_effect_and_sweep_sections, .timeout = 120) {
  char dir[64];
  char *html = make("compare " SMALL " tests/data/analysis/small_variant.yaml --replications 3 "
                    "--out %s --report -q",
                    dir, sizeof dir);
  self_contained(html);
  cr_assert(strstr(html, "id=\"differences\""));
  cr_assert(strstr(html, "Every parameter that differs from small"));
  cr_assert(strstr(html, "trajectory.lock_in"), "the differing parameter is listed");
  /* only Monte Carlo intervals are known: no claim about the assumptions */
  cr_assert_null(strstr(html, "real difference"));
  cr_assert_null(strstr(html, "real effect"));
  cr_assert_null(strstr(html, "robust to the stated assumptions"));
  cr_assert_null(strstr(html, "plausible parameter sets"));
  cr_assert(strstr(html, "distinguishable from simulation noise") || strstr(html, "within chance"));
  cr_assert(strstr(html, "covers simulation noise only"));
  free(html);
  tmpdir_remove(dir);
  html = make("effect tests/data/analysis/small_wf.yaml --instrument work_first --replications "
              "3 --out %s --report -q",
              dir, sizeof dir);
  self_contained(html);
  cr_assert(strstr(html, "id=\"effect\""));
  cr_assert(strstr(html, "Net effect of work-first"));
  free(html);
  tmpdir_remove(dir);
  html = make("sweep " SMALL " --param trajectory.lock_in=0.4,0.8 --replications 2 --out %s "
              "--report -q",
              dir, sizeof dir);
  self_contained(html);
  cr_assert(strstr(html, "id=\"sweep\""));
  cr_assert_geq(count_str(html, "<svg"), 4);
  free(html);
  tmpdir_remove(dir);
}

/* An uncertainty run says, per difference, in how many plausible parameter
 * sets it holds and whether that makes it robust to the stated assumptions;
 * a sensitivity run shows its bar chart. */
Test(report, uncertainty_and_sensitivity_sections, .timeout = 180) {
  char dir[64];
  char *html = make("uncertainty " SMALL " tests/data/analysis/small_variant.yaml --sets 5 "
                    "--replications 2 --out %s --report -q",
                    dir, sizeof dir);
  self_contained(html);
  cr_assert(strstr(html, "id=\"uncertainty\""));
  cr_assert(strstr(html, "% of plausible parameter sets"));
  cr_assert(strstr(html, "robust to the stated assumptions") ||
            strstr(html, "depends on the assumptions"));
  cr_assert_null(strstr(html, "real difference"));
  free(html);
  tmpdir_remove(dir);
  html = make("sensitivity " SMALL " --method morris --sets 2 --replications 1 --out %s --report "
              "-q",
              dir, sizeof dir);
  self_contained(html);
  cr_assert(strstr(html, "id=\"sensitivity\""));
  cr_assert(strstr(html, "Sensitivity of langdurigheidsratio_true of small"));
  cr_assert_geq(count_str(html, "<svg"), 1);
  cr_assert(strstr(html, "Its value, as the scenario says"), "the sources of the parameters");
  cr_assert(strstr(html, "<td>assumption</td>"));
  cr_assert(strstr(html, " pp</td>"), "Morris mu* of a share in percentage points");
  free(html);
  tmpdir_remove(dir);
}

/* The parameter of sensitivity.csv with the largest ST, and the second. */
static void top_two(const char *path, char *first, char *second, size_t len) {
  bs_csv t;
  char err[512];
  cr_assert_eq(bs_csv_load(path, &t, err, sizeof err), 0, "%s", err);
  long cp = bs_csv_col(&t, "parameter"), ci = bs_csv_col(&t, "index"),
       ce = bs_csv_col(&t, "estimate");
  double b1 = -1, b2 = -1;
  for (size_t k = 0; k < t.nrow; k++) {
    double e = bs_csv_num(&t, k, ce);
    if (strcmp(bs_csv_get(&t, k, ci), "ST") || !(e > 0))
      continue;
    if (e > b1) {
      b2 = b1;
      snprintf(second, len, "%s", first);
      b1 = e;
      snprintf(first, len, "%s", bs_csv_get(&t, k, cp));
    } else if (e > b2) {
      b2 = e;
      snprintf(second, len, "%s", bs_csv_get(&t, k, cp));
    }
  }
  cr_assert_gt(b2, 0, "two parameters with an effect");
  bs_csv_free(&t);
}

/* The <li> of the key finding that starts with `start`, as a copy. */
static char *finding(const char *html, const char *start) {
  const char *a = strstr(html, start);
  cr_assert(a, "no finding '%s'", start);
  const char *b = strstr(a, "</li>");
  cr_assert(b);
  return strndup(a, (size_t)(b - a));
}

Test(report, findings_list_the_assumptions_they_depend_on, .timeout = 300) {
  char dir[64], args[1024], path[256], first[128] = "", second[128] = "";
  tmpdir_make(dir, sizeof dir);
  snprintf(args, sizeof args,
           "sensitivity " SMALL " tests/data/analysis/small_variant.yaml --method sobol --sets 4 "
           "--replications 1 --indicator outflow_regular_work_12m --out %s/s -q",
           dir);
  char *err = NULL;
  cr_assert_eq(run_bijsim(args, NULL, &err), 0, "%s", err);
  free(err);
  snprintf(path, sizeof path, "%s/s/sensitivity.csv", dir);
  top_two(path, first, second, sizeof first);
  /* the sensitivity run records where each value comes from */
  snprintf(path, sizeof path, "%s/s/run.json", dir);
  char *js = slurp(path, NULL);
  cr_assert(js);
  cr_expect(strstr(js, "\"path\": \"clients.p_debts\""), "p_debts is varied");
  cr_expect(strstr(js, "\"source\": \"assumption\""));
  cr_expect(strstr(js, "\"source_at\": \"tests/data/analysis/small.yaml:5\""),
            "the stock small.yaml overrides");
  free(js);
  /* compare --sensitivity: the report (implied) with the finding it matches */
  snprintf(args, sizeof args,
           "compare " SMALL " tests/data/analysis/small_variant.yaml --replications 3 --out %s/c "
           "--sensitivity %s/s -q",
           dir, dir);
  cr_assert_eq(run_bijsim(args, NULL, &err), 0, "%s", err);
  free(err);
  snprintf(path, sizeof path, "%s/c/report.html", dir);
  char *html = slurp(path, NULL);
  cr_assert(html, "--sensitivity makes the report");
  cr_assert(strstr(html, "id=\"assumptions\""));
  char start[256], want[512];
  snprintf(start, sizeof start, "<li><strong>small_variant</strong> vs small, %s:",
           bs_ext_find("outflow_regular_work_12m")->label);
  char *li = finding(html, start);
  snprintf(want, sizeof want, "Depends most on <code>%s</code> (ST ", first);
  cr_expect(strstr(li, want), "the largest ST first: %s in %s", first, li);
  snprintf(want, sizeof want, "<code>%s</code> (ST ", second);
  char *at1 = strstr(li, first), *at2 = strstr(li, want);
  cr_expect(at1 && at2 && at1 < at2, "the second largest next: %s", li);
  cr_expect(strstr(li, "assumption") || strstr(li, "seed") || strstr(li, "literature") ||
                strstr(li, "not stated"),
            "with the kind of source: %s", li);
  free(li);
  snprintf(start, sizeof start, "<li><strong>small_variant</strong> vs small, %s:",
           bs_ext_find("langdurigheidsratio_true")->label);
  li = finding(html, start);
  cr_expect_null(strstr(li, "Depends most on"), "no sensitivity run for this one");
  free(li);
  /* bijsim report DIR --sensitivity: the same page; without it, no such list */
  snprintf(args, sizeof args, "report %s/c --sensitivity %s/s -q", dir, dir);
  cr_assert_eq(run_bijsim(args, NULL, NULL), 0);
  char *again = slurp(path, NULL);
  cr_expect_str_eq(again, html);
  free(again);
  snprintf(args, sizeof args, "report %s/c -q", dir);
  cr_assert_eq(run_bijsim(args, NULL, NULL), 0);
  again = slurp(path, NULL);
  cr_expect_null(strstr(again, "Depends most on"));
  cr_expect_null(strstr(again, "id=\"assumptions\""));
  free(again);
  /* not a sensitivity output: refused, naming it, before anything runs */
  snprintf(args, sizeof args,
           "compare " SMALL " tests/data/analysis/small_variant.yaml --out %s/c2 "
           "--sensitivity %s/c -q",
           dir, dir);
  cr_expect_eq(run_bijsim(args, NULL, &err), 2);
  snprintf(want, sizeof want, "--sensitivity %s/c: not the output of 'bijsim sensitivity'", dir);
  cr_expect(err && strstr(err, want), "%s", err);
  free(err);
  snprintf(path, sizeof path, "%s/c2", dir);
  cr_expect_eq(dir_entries(path), -1, "nothing was written");
  snprintf(args, sizeof args, "report %s/c --sensitivity %s/nowhere -q", dir, dir);
  cr_expect_eq(run_bijsim(args, NULL, NULL), 2);
  free(html);
  tmpdir_remove(dir);
}

/* Renders DIR/report.html in headless Chromium; returns the DOM, the
 * console log in *log. */
static char *render(const char *dir, char **log) {
  char profile[64], cmd[2048], dom[256], errf[256];
  tmpdir_make(profile, sizeof profile);
  snprintf(dom, sizeof dom, "%s/dom.html", profile);
  snprintf(errf, sizeof errf, "%s/stderr.txt", profile);
  snprintf(cmd, sizeof cmd,
           "timeout 120 " CHROMIUM " --headless --no-sandbox --disable-gpu "
           "--disable-background-networking --disable-component-update --disable-sync "
           "--no-first-run --user-data-dir='%s/profile' --enable-logging=stderr --v=0 "
           "--dump-dom 'file://%s/report.html' >'%s' 2>'%s'",
           profile, dir, dom, errf);
  int st = system(cmd);
  cr_assert(st != -1 && WIFEXITED(st) && WEXITSTATUS(st) == 0, "chromium failed (%d)", st);
  char *out = slurp(dom, NULL);
  *log = slurp(errf, NULL);
  tmpdir_remove(profile);
  return out;
}

Test(report, renders_in_headless_chromium, .timeout = 300) {
  if (access(CHROMIUM, X_OK) != 0)
    cr_skip_test("headless Chromium is not installed (%s; Debian package 'chromium'): the "
                 "report is not rendered",
                 CHROMIUM);
  char dir[64];
  char *html = make("compare " SMALL " tests/data/analysis/small_variant.yaml --replications 3 "
                    "--out %s --report -q",
                    dir, sizeof dir);
  char *log = NULL;
  char *dom = render(dir, &log);
  cr_assert(dom && log);
  size_t svgs = count_str(html, "<svg");
  cr_assert_geq(svgs, 8, "the compare report has its charts");
  cr_assert_eq(count_str(dom, "<svg"), svgs, "every chart is in the rendered DOM");
  cr_assert_geq(count_str(dom, "<rect"), 20, "the bars are drawn");
  cr_assert(strstr(dom, "<path"), "the curves are drawn");
  cr_assert_null(strstr(log, "Uncaught"), "a script error:\n%s", log);
  cr_assert_null(strstr(log, "ERROR:CONSOLE"), "a console error:\n%s", log);
  cr_assert_null(strstr(log, ":CONSOLE"), "console output:\n%s", log);
  free(dom);
  free(log);
  free(html);
  tmpdir_remove(dir);
}
