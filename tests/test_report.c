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
 *   errors in the console; at 1400 px no table or chart is wider than the
 *   window and none scrolls, at 720 px the wide tables (three scenarios, the
 *   effect table, the targets with their source) stack instead; printed to
 *   PDF it is A4 with no page left nearly blank; a screenshot at 1400 px
 *   (skipped when /usr/bin/chromium is not installed);
 * - a comparison's key findings lead with the net effect on the budgets,
 *   then the largest differences by how far they pass the practical-
 *   relevance threshold (the scenario's report: section), each badge saying
 *   better or worse for the municipality as the indicator table's direction
 *   has it; money is written one way; a headline within chance is warned of;
 * - the report in Dutch (--lang nl, or run.lang): Dutch headings (none of
 *   the English ones left), sentences and number format;
 * - shares' intervals stay within [0, 1]; the survival chart has a
 *   number-at-risk row and stops below report.survival_min_at_risk;
 * - stock.csv and stock_summary.csv hold the caseload series, charted;
 * - a sweep's findings name what moved, a categorical sweep is drawn as
 *   bars, its charts are labelled from the schema and the indicator table
 *   with their units. */
#include "analysis/csv.h"
#include "analysis/lang.h"
#include "analysis/report.h"
#include "analysis/scenario.h"
#include "analysis/stats.h"
#include "test_cli_util.h"

#include <criterion/criterion.h>
#include <jansson.h>
#include <math.h>
#include <zlib.h>

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
  cr_assert_eq(bs_report_write(dir, NULL, 0, -1, err, sizeof err), -1);
  char want[160];
  snprintf(want, sizeof want, "%s/run.json:3:1: ", dir);
  cr_assert(!strncmp(err, want, strlen(want)), "%s", err);
  cr_assert_null(strchr(err, '\n'), "%s", err);
  write_file(path, "[1]");
  cr_assert_eq(bs_report_write(dir, NULL, 0, -1, err, sizeof err), -1);
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
  cr_assert(strstr(html, " pp<br>"), "Morris mu* of a share in percentage points");
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
  /* a screened difference is a key finding whatever its size */
  snprintf(start, sizeof start,
           "<strong>%s</strong>:", bs_ext_find("outflow_regular_work_12m")->label);
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
  /* the other findings were not screened: no such list (the headline here) */
  li = finding(html, "<li class=\"headline\">");
  cr_expect_null(strstr(li, "Depends most on"), "no sensitivity run for this one");
  free(li);
  /* bijsim report DIR --sensitivity: the same page; without it, no such list */
  snprintf(args, sizeof args, "report %s/c --sensitivity %s/s -q", dir, dir);
  cr_assert_eq(run_bijsim(args, NULL, NULL), 0);
  char *again = slurp(path, NULL);
  cr_expect_str_eq(again, html);
  free(again);
  /* in Dutch: the same parts in the catalogue's Dutch, none left in English */
  snprintf(args, sizeof args, "report %s/c --sensitivity %s/s --lang nl -q", dir, dir);
  cr_assert_eq(run_bijsim(args, NULL, NULL), 0);
  again = slurp(path, NULL);
  cr_assert(again);
  snprintf(want, sizeof want, "Hangt het meest af van <code>%s</code> (ST ", first);
  cr_expect(strstr(again, want), "the Dutch finding names %s first", first);
  cr_expect(strstr(again, "Van welke aannames de resultaten afhangen"));
  cr_expect(strstr(again, "<th>Bron</th>"));
  cr_expect(strstr(again, ", aanname)") || strstr(again, ", seed)") ||
                strstr(again, ", literatuur)") || strstr(again, ", niet vermeld)"),
            "the kind of source in Dutch");
  const char *english[] = {"Depends most on", "Which assumptions", "Its value, as the scenario",
                           ", assumption)",   "Total index ST",    "key finding of this report"};
  for (size_t k = 0; k < sizeof english / sizeof english[0]; k++)
    cr_expect_null(strstr(again, english[k]), "English left in the Dutch report: '%s'", english[k]);
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

/* --------------------------------------------------------------- helpers */

#define VARIANT "tests/data/analysis/small_variant.yaml"

/* Writes DIR/NAME: a scenario extending small.yaml with `body`. */
static void small_scenario(const char *dir, const char *name, const char *body, char *path,
                           size_t len) {
  snprintf(path, len, "%s/%s", dir, name);
  FILE *f = fopen(path, "w");
  cr_assert(f);
  fprintf(f, "extends: %s/" SMALL "\n%s", BIJSIM_SOURCE_DIR, body);
  fclose(f);
}

/* Runs `run` of small.yaml with `body` (as DIR/NAME), 2 replications, into
 * DIR/out with --report; returns the report. */
static char *run_small(const char *dir, const char *name, const char *body) {
  char file[160], args[600], path[200];
  small_scenario(dir, name, body, file, sizeof file);
  snprintf(args, sizeof args, "run %s --replications 2 --out %s/out --report -q", file, dir);
  cr_assert_eq(run_bijsim(args, NULL, NULL), 0, "%s", args);
  snprintf(path, sizeof path, "%s/out/report.html", dir);
  char *html = slurp(path, NULL);
  cr_assert(html, "no %s", path);
  return html;
}

/* The text of <section id="ID"> .. </section> (malloc'd), or NULL. */
static char *section_of(const char *html, const char *id) {
  char key[64];
  snprintf(key, sizeof key, "<section id=\"%s\"", id);
  const char *a = strstr(html, key);
  if (!a)
    return NULL;
  const char *b = strstr(a, "</section>");
  size_t n = b ? (size_t)(b - a) : strlen(a);
  char *out = malloc(n + 1);
  cr_assert(out);
  memcpy(out, a, n);
  out[n] = 0;
  return out;
}

/* "a & b" as the report escapes it. */
static void escaped(const char *s, char *out, size_t len) {
  size_t o = 0;
  for (; *s && o + 7 < len; s++) {
    const char *e = *s == '&'    ? "&amp;"
                    : *s == '<'  ? "&lt;"
                    : *s == '>'  ? "&gt;"
                    : *s == '"'  ? "&quot;"
                    : *s == '\'' ? "&#39;"
                                 : NULL;
    if (e)
      o += (size_t)snprintf(out + o, len - o, "%s", e);
    else
      out[o++] = *s;
  }
  out[o] = 0;
}

/* The indicator whose (escaped) label in `lang` is `label`, or NULL. */
static const bs_indicator_def *by_label(const char *label, bs_lang lang) {
  for (size_t i = 0; i < bs_ext_count(); i++) {
    char e[400];
    escaped(bs_ind_label(lang, bs_ext_def(i)), e, sizeof e);
    if (!strcmp(e, label))
      return bs_ext_def(i);
  }
  return NULL;
}

/* Field `col` (0-based) of compare.csv's row (ind, scen), as a number. */
static double compare_value(const char *csv, const char *ind, const char *scen, int col) {
  char key[200], v[64];
  snprintf(key, sizeof key, "\n%s,%s,", ind, scen);
  const char *row = strstr(csv, key);
  cr_assert(row, "no compare.csv row %s,%s", ind, scen);
  field(row + 1, col, v, sizeof v);
  return strcmp(v, "NA") ? atof(v) : NAN;
}

/* Every amount of money in html is written one way: after the euro sign
 * (and, in Dutch, a space) either millions with decimals and " m"/" mln",
 * or whole euros with a thousands mark every three digits; never "k". */
static void money_one_way(const char *html, bs_lang lang) {
  const char *euro = "\xe2\x82\xac";
  char group = lang == BS_LANG_NL ? '.' : ',', mark = lang == BS_LANG_NL ? ',' : '.';
  const char *million = lang == BS_LANG_NL ? " mln" : " m";
  size_t seen = 0;
  for (const char *p = strstr(html, euro); p; p = strstr(p + 3, euro)) {
    const char *q = p + 3;
    if (lang == BS_LANG_NL) {
      cr_assert_eq(*q, ' ', "no space after the euro sign: %.30s", p);
      q++;
    }
    const char *start = q;
    size_t digits = 0, since_group = 0, groups = 0;
    int decimal = 0;
    for (; (*q >= '0' && *q <= '9') || ((*q == group || *q == mark) && q[1] >= '0' && q[1] <= '9');
         q++) {
      if (*q == mark) {
        decimal = 1;
      } else if (*q == group && !decimal) {
        cr_assert(since_group == 3 || (groups == 0 && since_group >= 1 && since_group <= 3),
                  "digits grouped wrongly: %.30s", p);
        since_group = 0;
        groups++;
      } else if (!decimal) {
        digits++;
        since_group++;
      }
    }
    if (q == start)
      continue; /* the euro sign of a heading or an axis unit */
    seen++;
    int in_millions = !strncmp(q, million, strlen(million));
    if (in_millions)
      cr_assert(q[strlen(million)] < 'a' || q[strlen(million)] > 'z', "%.30s", p);
    else
      cr_assert(!decimal && (digits <= 3 || groups > 0) && (groups == 0 || since_group == 3),
                "whole euros with thousands grouped: %.30s", p);
    cr_assert(strncmp(q, " k", 2), "money in thousands: %.30s", p);
  }
  cr_assert_gt(seen, 10, "the report shows money");
}

/* --------------------------------------------------------------- findings */

/* The findings of a comparison: the budget first, then the largest
 * differences by size (|difference| / threshold), each past its threshold,
 * distinguishable, and with the badge of its direction. */
Test(report, compare_findings_lead_with_the_budget_and_rank_by_relevance, .timeout = 120) {
  char dir[64];
  char *html =
      make("compare " SMALL " " VARIANT " --replications 5 --out %s --report -q", dir, sizeof dir);
  char *fs = section_of(html, "findings");
  cr_assert(fs);
  char path[128];
  snprintf(path, sizeof path, "%s/compare.csv", dir);
  char *csv = slurp(path, NULL);
  cr_assert(csv);
  const char *first = strstr(fs, "<li");
  cr_assert(first && !strncmp(first, "<li class=\"headline\">", 21), "%.200s", first);
  cr_assert(strstr(first, "Net effect on the budgets"));
  cr_assert(strstr(first, "Total spending (inkomensdeel + werkdeel + consultants)"));
  cr_assert(strstr(first, "Of which:"));
  /* the headline's verdict: a budget that grows is worse */
  double budget = compare_value(csv, "budget_total_eur", "small_variant", 5);
  double blo = compare_value(csv, "budget_total_eur", "small_variant", 6);
  if (blo > 0)
    cr_assert(strstr(first, "badge worse"), "a larger budget is worse: %.300s", first);
  cr_assert(isfinite(budget));
  double last = INFINITY;
  size_t listed = 0;
  for (const char *li = strstr(first + 1, "<li>"); li; li = strstr(li + 1, "<li>")) {
    const char *st = strstr(li, "</span> <strong>");
    if (!st || st > strstr(li, "</li>"))
      continue;
    st += strlen("</span> <strong>");
    const char *en = strstr(st, "</strong>");
    char lbl[400];
    snprintf(lbl, sizeof lbl, "%.*s", (int)(en - st), st);
    const bs_indicator_def *d = by_label(lbl, BS_LANG_EN);
    cr_assert(d, "no indicator is labelled '%s'", lbl);
    cr_assert_not(bs_indicator_within(d->name, "budget_total_eur"),
                  "%s is part of the headline and listed again", d->name);
    double base = compare_value(csv, d->name, "small", 2);
    double var = compare_value(csv, d->name, "small_variant", 2);
    double m = compare_value(csv, d->name, "small_variant", 5);
    double lo = compare_value(csv, d->name, "small_variant", 6);
    double hi = compare_value(csv, d->name, "small_variant", 7);
    double th = d->unit == BS_UNIT_SHARE  ? 0.01
                : d->unit == BS_UNIT_DAYS ? 7
                : d->unit == BS_UNIT_EUR  ? 100000
                                          : 0.05 * fmax(fabs(base), fabs(var));
    double size = fabs(m) / th;
    cr_assert(lo > 0 || hi < 0, "%s is listed but within chance", d->name);
    cr_assert_geq(size, 1, "%s is listed but below its threshold", d->name);
    cr_assert_leq(size, last * (1 + 1e-9), "%s (size %g) after a smaller one (%g)", d->name, size,
                  last);
    last = size;
    const char *want = d->better == BS_BETTER_NEUTRAL               ? "badge different"
                       : (d->better == BS_BETTER_HIGHER) == (m > 0) ? "badge better"
                                                                    : "badge worse";
    cr_assert(strstr(li, want) && strstr(li, want) < st, "%s (diff %g): want %s in %.200s", d->name,
              m, want, li);
    cr_assert(strstr(li, "distinguishable from simulation noise"));
    listed++;
  }
  cr_assert_geq(listed, 3, "the variant differs in more than the budget");
  cr_assert_leq(listed, 5, "report.key_findings is 5");
  cr_assert(strstr(fs, "Practically relevant here: a difference of at least 1 pp for shares, 7 "
                       "days for durations, \xe2\x82\xac"
                       "100,000 for money and 5%"),
            "the thresholds of the report: section");
  cr_assert(strstr(fs, "Not listed:"));
  /* the indicator table's row of the budget carries its verdict too */
  char *ind = section_of(html, "indicators");
  cr_assert(ind && strstr(ind, "Total spending (inkomensdeel + werkdeel + consultants)"));
  money_one_way(html, BS_LANG_EN);
  free(ind);
  free(fs);
  free(csv);
  free(html);
  tmpdir_remove(dir);
}

/* The thresholds come from the base scenario's report: section: raised
 * high enough, nothing but the headline is called relevant. */
Test(report, practical_relevance_comes_from_the_scenario, .timeout = 120) {
  char dir[64], base[160], args[600];
  tmpdir_make(dir, sizeof dir);
  small_scenario(dir, "lenient.yaml",
                 "report: {min_relevant_share: 0.5, min_relevant_days: 1000, "
                 "min_relevant_eur: 1e9, min_relevant_relative: 10}\n",
                 base, sizeof base);
  snprintf(args, sizeof args, "compare %s " VARIANT " --replications 5 --out %s/out --report -q",
           base, dir);
  cr_assert_eq(run_bijsim(args, NULL, NULL), 0, "%s", args);
  char path[200];
  snprintf(path, sizeof path, "%s/out/report.html", dir);
  char *html = slurp(path, NULL);
  cr_assert(html);
  char *fs = section_of(html, "findings");
  cr_assert(strstr(fs, "badge small\">too small to matter"), "the headline is too small");
  cr_assert(strstr(fs, "No other difference is both distinguishable"), "%s", fs);
  cr_assert(strstr(fs, "at least 50 pp for shares, 1,000 days"));
  cr_assert_null(strstr(fs, "badge worse"));
  cr_assert_null(strstr(fs, "badge better"));
  free(fs);
  free(html);
  tmpdir_remove(dir);
}

/* A comparison whose headline cannot be told from chance says so. */
Test(report, headline_within_chance_is_warned_of, .timeout = 120) {
  char dir[64];
  char *html =
      make("compare " SMALL " " SMALL " --replications 3 --out %s --report -q", dir, sizeof dir);
  char *fs = section_of(html, "findings");
  cr_assert(fs);
  cr_assert(strstr(fs, "The net effect on the budgets is within chance</strong> with 3 "
                       "replications"),
            "%s", fs);
  cr_assert(strstr(fs, "--precision budget_total_eur="));
  cr_assert(strstr(fs, "badge chance\">within chance"));
  free(fs);
  free(html);
  tmpdir_remove(dir);
  html =
      make("compare " SMALL " " VARIANT " --replications 5 --out %s --report -q", dir, sizeof dir);
  cr_assert_null(strstr(html, "is within chance</strong>"), "the variant's budget differs");
  free(html);
  tmpdir_remove(dir);
}

/* ------------------------------------------------------------------ Dutch */

/* The texts of every <TAG ...>..</TAG> in html (markup removed), into a
 * newline-separated list. */
static void texts_of(const char *html, const char *tag, char *out, size_t len) {
  char open[16], close[16];
  snprintf(open, sizeof open, "<%s", tag);
  snprintf(close, sizeof close, "</%s>", tag);
  size_t o = strlen(out);
  for (const char *p = strstr(html, open); p; p = strstr(p + 1, open)) {
    if (p[strlen(open)] != '>' && p[strlen(open)] != ' ')
      continue;
    const char *a = strchr(p, '>'), *b = strstr(p, close);
    if (!a || !b)
      break;
    int in_tag = 0;
    for (const char *c = a + 1; c < b && o + 2 < len; c++) {
      if (*c == '<')
        in_tag = 1;
      else if (*c == '>')
        in_tag = 0;
      else if (!in_tag)
        out[o++] = *c;
    }
    if (o + 1 < len)
      out[o++] = '\n';
    out[o] = 0;
  }
}

/* Is line (of length n) one of the lines of list? */
static int has_line(const char *list, const char *line, size_t n) {
  for (const char *p = list; *p;) {
    const char *e = strchr(p, '\n');
    size_t m = e ? (size_t)(e - p) : strlen(p);
    if (m == n && !strncmp(p, line, n))
      return 1;
    p = e ? e + 1 : p + m;
  }
  return 0;
}

/* The headings of a report: h1-h3, table headings, summaries, the table of
 * contents, badges. */
static char *headings_of(const char *html) {
  size_t len = 1 << 20;
  char *out = calloc(1, len);
  cr_assert(out);
  static const char *const tags[] = {"h1", "h2", "h3", "th", "summary", "a", "figcaption"};
  for (size_t k = 0; k < sizeof tags / sizeof tags[0]; k++)
    texts_of(html, tags[k], out, len);
  return out;
}

Test(report, dutch_report_has_no_english_headings, .timeout = 120) {
  char dir[64], args[256], path[128];
  char *en =
      make("compare " SMALL " " VARIANT " --replications 4 --out %s --report -q", dir, sizeof dir);
  snprintf(args, sizeof args, "report %s --lang nl -q", dir);
  cr_assert_eq(run_bijsim(args, NULL, NULL), 0);
  snprintf(path, sizeof path, "%s/report.html", dir);
  char *nl = slurp(path, NULL);
  cr_assert(nl);
  self_contained(nl);
  cr_assert(strstr(nl, "<html lang=\"nl\">"));
  cr_assert(strstr(nl, "Belangrijkste bevindingen"));
  cr_assert(strstr(nl, "Netto-effect op de budgetten"));
  cr_assert(strstr(nl, "te onderscheiden van simulatieruis"));
  cr_assert(strstr(nl, " %-punt"), "percentage points in Dutch");
  money_one_way(nl, BS_LANG_NL);
  /* every heading the English report has is gone from the Dutch one, but
   * the data (scenario names) and the words both languages share */
  char *he = headings_of(en), *hn = headings_of(nl);
  size_t same = 0;
  for (const char *p = he; *p;) {
    const char *e = strchr(p, '\n');
    size_t n = e ? (size_t)(e - p) : strlen(p);
    int shared = n == 0 || has_line("small\nsmall_variant\nsmall_variant \xe2\x88\x92 small\nn\n"
                                    "95%\n5%\nESS\nmu*\n",
                                    p, n);
    for (int i = 0; i < BS_MSG_N && !shared; i++) {
      const char *m = bs_msg(BS_LANG_EN, (bs_msg_id)i);
      shared = !strcmp(m, bs_msg(BS_LANG_NL, (bs_msg_id)i)) && strlen(m) == n && !strncmp(m, p, n);
    }
    if (!shared) {
      cr_expect_not(has_line(hn, p, n), "an English heading in the Dutch report: '%.*s'", (int)n,
                    p);
      same += has_line(hn, p, n);
    }
    p = e ? e + 1 : p + n;
  }
  cr_assert_eq(same, 0);
  /* every indicator label the Dutch report shows is the Dutch one */
  cr_assert(strstr(nl, "Aandeel langdurig (langdurigheidsratio)"));
  cr_assert_null(strstr(nl, "Long-term share (langdurigheidsratio)"));
  free(he);
  free(hn);
  free(en);
  free(nl);
  tmpdir_remove(dir);
}

/* run.lang chooses the report's language; --lang overrides it. */
Test(report, run_lang_chooses_the_language, .timeout = 120) {
  char dir[64], args[600], path[200];
  tmpdir_make(dir, sizeof dir);
  char *html = run_small(dir, "dutch.yaml", "run: {lang: nl}\n");
  snprintf(path, sizeof path, "%s/out/report.html", dir);
  cr_assert(strstr(html, "<html lang=\"nl\">") && strstr(html, "Scenariorapport"));
  free(html);
  snprintf(args, sizeof args, "report %s/out --lang en -q", dir);
  cr_assert_eq(run_bijsim(args, NULL, NULL), 0);
  html = slurp(path, NULL);
  cr_assert(html && strstr(html, "<html lang=\"en\">") && strstr(html, "Scenario report"));
  free(html);
  char *err = NULL;
  snprintf(args, sizeof args, "report %s/out --lang fr", dir);
  cr_assert_eq(run_bijsim(args, NULL, &err), 2);
  cr_assert(strstr(err, "--lang is en or nl, not 'fr'"), "%s", err);
  free(err);
  tmpdir_remove(dir);
}

/* ------------------------------------------------------ shares, survival */

/* A share's interval never leaves [0, 1] (in summary.csv, and so in the
 * report), also where the t-interval would: a share that is 0 in most
 * replications. */
Test(report, share_intervals_stay_within_0_and_1, .timeout = 120) {
  char dir[64], path[128];
  char *html =
      make("run " SMALL " --replications 3 --seed 2 --out %s --report -q", dir, sizeof dir);
  snprintf(path, sizeof path, "%s/summary.csv", dir);
  bs_csv sum, ind;
  char err[256];
  cr_assert_eq(bs_csv_load(path, &sum, err, sizeof err), 0, "%s", err);
  snprintf(path, sizeof path, "%s/indicators.csv", dir);
  cr_assert_eq(bs_csv_load(path, &ind, err, sizeof err), 0, "%s", err);
  size_t shares = 0, clipped = 0;
  for (size_t k = 0; k < sum.nrow; k++) {
    const bs_indicator_def *d = bs_ext_find(bs_csv_get(&sum, k, bs_csv_col(&sum, "indicator")));
    if (!d || d->unit != BS_UNIT_SHARE)
      continue;
    shares++;
    double lo = bs_csv_num(&sum, k, bs_csv_col(&sum, "ci_low"));
    double hi = bs_csv_num(&sum, k, bs_csv_col(&sum, "ci_high"));
    if (isfinite(lo))
      cr_expect(lo >= 0 && hi <= 1, "%s: %g to %g", d->name, lo, hi);
    /* the unclipped interval from the replications' values */
    double v[3];
    size_t nv = 0;
    for (size_t j = 0; j < ind.nrow && nv < 3; j++)
      if (!strcmp(bs_csv_get(&ind, j, bs_csv_col(&ind, "indicator")), d->name))
        v[nv++] = bs_csv_num(&ind, j, bs_csv_col(&ind, "value"));
    if (nv == 3) {
      bs_summary s;
      bs_summarise(v, 3, 1, &s);
      clipped += s.ci_low < 0 || s.ci_high > 1;
    }
  }
  cr_assert_gt(shares, 20);
  cr_assert_gt(clipped, 0, "no share's t-interval left [0, 1]: the test shows nothing");
  cr_assert_null(strstr(html, ">-0.0"), "a negative share in the report");
  cr_assert_null(strstr(html, " -0.0"), "a negative share in the report");
  bs_csv_free(&sum);
  bs_csv_free(&ind);
  free(html);
  tmpdir_remove(dir);
}

/* The first day in survival.csv's rows of `scen` with fewer than `min` at
 * risk, or -1; and the number at risk of its first row. */
static double first_day_below(const char *dir, double min, double *first_at_risk) {
  char path[300], err[256];
  snprintf(path, sizeof path, "%s/survival.csv", dir);
  bs_csv t;
  cr_assert_eq(bs_csv_load(path, &t, err, sizeof err), 0, "%s", err);
  double day = -1;
  *first_at_risk = bs_csv_num(&t, 0, bs_csv_col(&t, "at_risk"));
  for (size_t k = 0; k < t.nrow && day < 0; k++)
    if (bs_csv_num(&t, k, bs_csv_col(&t, "at_risk")) < min)
      day = bs_csv_num(&t, k, bs_csv_col(&t, "day"));
  bs_csv_free(&t);
  return day;
}

Test(report, survival_has_a_risk_row_and_stops_where_few_are_at_risk, .timeout = 120) {
  char dir[64], path[200];
  tmpdir_make(dir, sizeof dir);
  char *html = run_small(dir, "few.yaml", "report: {survival_min_at_risk: 150}\n");
  snprintf(path, sizeof path, "%s/out", dir);
  double at0, cut = first_day_below(path, 150, &at0);
  cr_assert_gt(cut, 0, "some day has fewer than 150 at risk");
  char *sv = section_of(html, "survival");
  cr_assert(sv);
  cr_assert_eq(count_str(sv, "<g class=\"risk\">"), 1, "one risk row per scenario");
  cr_assert(strstr(sv, "Number at risk (all replications)"));
  char want[96];
  snprintf(want, sizeof want, "class=\"tick\">%.0f</text>", at0); /* all at risk on day 0 */
  if (at0 >= 1000)
    snprintf(want, sizeof want, "class=\"tick\">%.0f,%03.0f</text>", floor(at0 / 1000),
             fmod(at0, 1000));
  cr_assert(strstr(sv, want), "the risk row starts with all %g spells: %s", at0, want);
  cr_assert_eq(count_str(sv, "class=\"cut\""), 1, "the curve stops");
  snprintf(want, sizeof want, "data-label=\"Curve stops\">day %.0f<", cut);
  cr_assert(strstr(sv, want), "%s", want);
  cr_assert(strstr(sv, "fewer than 150 are left"));
  free(sv);
  free(html);
  /* with a minimum of 1 it runs to the end */
  html = run_small(dir, "all.yaml", "report: {survival_min_at_risk: 1}\n");
  cr_assert_null(strstr(html, "class=\"cut\""));
  free(html);
  tmpdir_remove(dir);
}

/* -------------------------------------------------------------- caseload */

Test(report, stock_series_are_written_and_charted, .timeout = 120) {
  char dir[64], path[128], err[256];
  char *html = make("run " SMALL " --replications 3 --out %s --report -q", dir, sizeof dir);
  snprintf(path, sizeof path, "%s/stock.csv", dir);
  bs_csv t, s;
  cr_assert_eq(bs_csv_load(path, &t, err, sizeof err), 0, "%s", err);
  snprintf(path, sizeof path, "%s/stock_summary.csv", dir);
  cr_assert_eq(bs_csv_load(path, &s, err, sizeof err), 0, "%s", err);
  cr_assert_eq(t.ncol, 5);
  cr_assert_str_eq(bs_csv_get(&t, 0, -1), "");
  static const char *const names[] = {"applicants", "on_benefit", "entered_cum", "left_cum",
                                      "admitted_cum"};
  /* small.yaml: 730 days, a point every 30 days from day 0: 25 points */
  cr_assert_eq(t.nrow, 3u * 25 * 5, "%zu rows", t.nrow);
  cr_assert_eq(s.nrow, 25u * 5, "%zu rows", s.nrow);
  long cr = bs_csv_col(&t, "replication"), cd = bs_csv_col(&t, "day"), cs = bs_csv_col(&t, "stock"),
       cv = bs_csv_col(&t, "value");
  cr_assert(cr >= 0 && cd >= 0 && cs >= 0 && cv >= 0 && bs_csv_col(&t, "scenario") == 0);
  double prev_left[3] = {-1, -1, -1};
  for (size_t k = 0; k < t.nrow; k++) {
    size_t rep = (size_t)bs_csv_num(&t, k, cr);
    double day = bs_csv_num(&t, k, cd);
    cr_assert_eq(rep, k / (25 * 5));
    cr_assert_float_eq(day, 30.0 * (double)((k / 5) % 25), 1e-9);
    cr_assert_str_eq(bs_csv_get(&t, k, cs), names[k % 5]);
    if (k % 5 == 3) {
      cr_assert_geq(bs_csv_num(&t, k, cv), prev_left[rep], "left_cum never falls");
      prev_left[rep] = bs_csv_num(&t, k, cv);
    }
  }
  /* the summary's mean is the mean of the replications' values */
  for (size_t k = 0; k < s.nrow; k++) {
    double sum = 0;
    for (size_t rep = 0; rep < 3; rep++)
      sum += bs_csv_num(&t, rep * 125 + (k % 25) * 5 + k / 25, cv);
    cr_assert_str_eq(bs_csv_get(&s, k, bs_csv_col(&s, "stock")), names[k / 25]);
    cr_assert_float_eq(bs_csv_num(&s, k, bs_csv_col(&s, "mean")), sum / 3, 1e-6 * (1 + sum),
                       "row %zu", k);
    cr_assert_geq(bs_csv_num(&s, k, bs_csv_col(&s, "ci_low")), 0);
  }
  char *cl = section_of(html, "caseload");
  cr_assert(cl, "the caseload chart");
  cr_assert_eq(count_str(cl, "<svg"), 1);
  cr_assert(strstr(cl, "Clients on benefit"));
  free(cl);
  bs_csv_free(&t);
  bs_csv_free(&s);
  free(html);
  tmpdir_remove(dir);
}

/* ----------------------------------------------------------------- sweep */

Test(report, sweep_names_what_moved_with_bars_for_categories, .timeout = 180) {
  char dir[64];
  char *html = make("sweep " SMALL " --param trajectory.lock_in=0.3,1 "
                    "--param case_management.model=integral,separate --replications 3 --out %s "
                    "--report -q",
                    dir, sizeof dir);
  char *fs = section_of(html, "findings"), *sw = section_of(html, "sweep");
  cr_assert(fs && sw);
  cr_assert_null(strstr(fs, "The sweep below shows"), "the old placeholder");
  cr_assert(strstr(fs, "(<code>trajectory.lock_in</code>), "), "%s", fs);
  cr_assert(strstr(fs, "Job hazard multiplier during a trajectory"), "the schema's words");
  /* labels with units, from the indicator table and the schema */
  cr_assert(strstr(sw, "Median benefit spell (days)"));
  cr_assert(strstr(sw, "Long-term share (langdurigheidsratio) (%)"));
  cr_assert(strstr(sw, "Job hazard multiplier during a trajectory <code>trajectory.lock_in"));
  cr_assert(strstr(sw, "Case management (integral / separate) <code>case_management.model"));
  /* the numeric one a line, the categorical one bars */
  const char *cat = strstr(sw, "<code>case_management.model</code></h3>");
  cr_assert(cat);
  char *numeric = strndup(sw, (size_t)(cat - sw));
  cr_assert(strstr(numeric, "stroke-width=\"2.2\""), "a line over lock_in");
  cr_assert_null(strstr(cat, "stroke-width=\"2.2\""), "no line between named settings");
  cr_assert_geq(count_str(cat, "<rect"), 2 * 7, "a bar per setting and indicator");
  free(numeric);
  free(fs);
  free(sw);
  free(html);
  tmpdir_remove(dir);
}

/* ------------------------------------------------------------- chromium */

static const char *const chromium_flags =
    "--headless --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --disable-sync --no-first-run --hide-scrollbars";

/* Runs headless Chromium on `page` (a file) with `what` (e.g. --dump-dom,
 * --screenshot=F) at a window of `width` px; stdout into `out` (may be
 * NULL); the console log in *log (may be NULL). */
static void chromium(const char *page, const char *what, int width, const char *out, char **log) {
  char profile[64], cmd[4096], errf[256];
  tmpdir_make(profile, sizeof profile);
  snprintf(errf, sizeof errf, "%s/stderr.txt", profile);
  snprintf(cmd, sizeof cmd,
           "timeout 120 " CHROMIUM " %s --user-data-dir='%s/profile' --enable-logging=stderr "
           "--v=0 --window-size=%d,1000 %s 'file://%s' >'%s' 2>'%s'",
           chromium_flags, profile, width, what, page, out ? out : "/dev/null", errf);
  int st = system(cmd);
  cr_assert(st != -1 && WIFEXITED(st) && WEXITSTATUS(st) == 0, "chromium failed (%d): %s", st, cmd);
  if (log)
    *log = slurp(errf, NULL);
  tmpdir_remove(profile);
}

/* Renders DIR/report.html in headless Chromium; returns the DOM, the
 * console log in *log. */
static char *render(const char *dir, char **log) {
  char page[300], dom[300];
  snprintf(page, sizeof page, "%s/report.html", dir);
  snprintf(dom, sizeof dom, "%s/dom.html", dir);
  chromium(page, "--dump-dom", 1400, dom, log);
  char *out = slurp(dom, NULL);
  remove(dom);
  return out;
}

/* The layout at a window of `width` px, measured by a script added to a
 * copy of the report (the report itself has none): the window's width, the
 * tables and how many of them are stacked (display: block), and every
 * table or chart that reaches past the window or scrolls inside its box. */
static const char *const measure_js =
    "<script>(function(){var vw=document.documentElement.clientWidth,bad=[],stacked=0;"
    "var all=document.querySelectorAll('table, svg.chart');"
    "all.forEach(function(t,i){var r=t.getBoundingClientRect();"
    "if(r.right>vw+0.5||r.left<-0.5)bad.push(t.tagName+' '+i+' spans '+Math.round(r.left)+'..'+"
    "Math.round(r.right)+' of '+vw);"
    "var p=t.parentElement;if(p.scrollWidth>p.clientWidth+1)bad.push(t.tagName+' '+i+"
    "' overflows its box by '+(p.scrollWidth-p.clientWidth));"
    "if(t.tagName=='TABLE'&&getComputedStyle(t).display=='block')stacked++;});"
    "var sw=document.documentElement.scrollWidth;if(sw>vw+1)bad.push('the page scrolls sideways: "
    "'+sw);"
    "var q=document.createElement('pre');q.id='measure';q.textContent=JSON.stringify({vw:vw,"
    "tables:document.querySelectorAll('table').length,stack:document.querySelectorAll("
    "'table.stack').length,stacked:stacked,bad:bad});document.body.appendChild(q);})();"
    "</script>";

typedef struct layout {
  int vw, tables, stack, stacked;
  char bad[2048];
} layout;

static layout measure(const char *dir, int width) {
  char src[300], page[300], dom[300];
  snprintf(src, sizeof src, "%s/report.html", dir);
  snprintf(page, sizeof page, "%s/measure.html", dir);
  snprintf(dom, sizeof dom, "%s/measure.dom", dir);
  char *html = slurp(src, NULL);
  cr_assert(html);
  char *end = strstr(html, "</body>");
  cr_assert(end);
  FILE *f = fopen(page, "w");
  cr_assert(f);
  fprintf(f, "%.*s%s%s", (int)(end - html), html, measure_js, end);
  fclose(f);
  free(html);
  chromium(page, "--dump-dom", width, dom, NULL);
  char *out = slurp(dom, NULL);
  cr_assert(out);
  const char *m = strstr(out, "<pre id=\"measure\">");
  cr_assert(m, "the measuring script did not run");
  json_t *j = json_loads(m + strlen("<pre id=\"measure\">"), JSON_DISABLE_EOF_CHECK, NULL);
  cr_assert(j, "%.200s", m);
  layout l = {(int)json_integer_value(json_object_get(j, "vw")),
              (int)json_integer_value(json_object_get(j, "tables")),
              (int)json_integer_value(json_object_get(j, "stack")),
              (int)json_integer_value(json_object_get(j, "stacked")), ""};
  char *bad = json_dumps(json_object_get(j, "bad"), 0);
  snprintf(l.bad, sizeof l.bad, "%s", bad ? bad : "?");
  free(bad);
  json_decref(j);
  free(out);
  remove(page);
  remove(dom);
  return l;
}

/* ---------------------------------------------------------------- PDF */

/* The pages of a PDF as Chromium writes it (objects with /Type /Page, a
 * /MediaBox and /Contents N 0 R with a Flate stream): each page's box and
 * the number of text runs (Tj, TJ) it shows. */
typedef struct pdf_page {
  double w, h;
  size_t texts;
} pdf_page;

/* The first `n` bytes equal to `what` in [p, end), or NULL. */
static const char *find_bytes(const char *p, const char *end, const char *what, size_t n) {
  for (; p + n <= end; p++)
    if (!memcmp(p, what, n))
      return p;
  return NULL;
}

/* The content of object `num` (its inflated stream), or NULL. */
static char *pdf_stream(const char *pdf, size_t len, long num, size_t *out_len) {
  char key[32];
  int kl = snprintf(key, sizeof key, "\n%ld 0 obj", num);
  const char *o = find_bytes(pdf, pdf + len, key, (size_t)kl);
  const char *st = o ? find_bytes(o, pdf + len, "stream", 6) : NULL;
  if (!st)
    return NULL;
  st += 6;
  if (*st == '\r')
    st++;
  if (*st == '\n')
    st++;
  const char *en = find_bytes(st, pdf + len, "endstream", 9);
  if (!en)
    return NULL;
  size_t cap = 1 << 16;
  char *buf = malloc(cap);
  z_stream z = {0};
  cr_assert(buf && inflateInit(&z) == Z_OK);
  z.next_in = (Bytef *)st;
  z.avail_in = (uInt)(en - st);
  int rc;
  do {
    if (z.total_out + 1024 > cap) {
      cap *= 2;
      buf = realloc(buf, cap);
      cr_assert(buf);
    }
    z.next_out = (Bytef *)buf + z.total_out;
    z.avail_out = (uInt)(cap - z.total_out - 1);
    rc = inflate(&z, Z_NO_FLUSH);
  } while (rc == Z_OK);
  *out_len = z.total_out;
  buf[z.total_out] = 0;
  inflateEnd(&z);
  return buf;
}

static size_t pdf_pages(const char *path, pdf_page *pages, size_t cap) {
  size_t len;
  char *pdf = slurp(path, &len);
  cr_assert(pdf && len > 1000, "no PDF at %s", path);
  cr_assert(!strncmp(pdf, "%PDF-", 5));
  size_t n = 0;
  for (const char *p = pdf; (p = find_bytes(p, pdf + len, "/Type /Page", 11)); p += 11) {
    if (p[11] == 's')
      continue; /* /Pages */
    /* the page's dictionary: back to its "obj", on to its "endobj" */
    const char *start = p, *end = find_bytes(p, pdf + len, "endobj", 6);
    while (start > pdf && memcmp(start, " obj", 4))
      start--;
    cr_assert(end && n < cap);
    char dict[4096];
    snprintf(dict, sizeof dict, "%.*s", (int)(end - start), start);
    const char *mb = strstr(dict, "/MediaBox [");
    const char *ct = strstr(dict, "/Contents ");
    cr_assert(mb && ct, "a page without box or content: %.300s", dict);
    double x0, y0, x1, y1;
    cr_assert_eq(sscanf(mb + 11, "%lf %lf %lf %lf", &x0, &y0, &x1, &y1), 4);
    long obj = strtol(ct + 10, NULL, 10);
    size_t sl = 0;
    char *content = pdf_stream(pdf, len, obj, &sl);
    cr_assert(content, "page %zu's content (object %ld)", n + 1, obj);
    size_t texts = 0;
    for (size_t k = 0; k + 2 <= sl; k++)
      texts += content[k] == 'T' && (content[k + 1] == 'j' || content[k + 1] == 'J') &&
               (k + 2 == sl || content[k + 2] == '\n' || content[k + 2] == ' ');
    free(content);
    pages[n++] = (pdf_page){x1 - x0, y1 - y0, texts};
  }
  free(pdf);
  return n;
}

static int by_texts(const void *a, const void *b) {
  size_t x = *(const size_t *)a, y = *(const size_t *)b;
  return x < y ? -1 : x > y;
}

/* A4 (595 x 842 points) on every page, and no page but the last with fewer
 * than a sixth of the median page's text runs (a page left nearly blank by
 * something that did not fit on it). */
static void printed_a4_without_blank_pages(const char *dir) {
  char page[300], pdf[300], flag[400];
  snprintf(page, sizeof page, "%s/report.html", dir);
  snprintf(pdf, sizeof pdf, "%s/report.pdf", dir);
  snprintf(flag, sizeof flag, "--no-pdf-header-footer --print-to-pdf='%s'", pdf);
  chromium(page, flag, 1400, NULL, NULL);
  enum { CAP = 200 };
  pdf_page *pages = calloc(CAP, sizeof *pages);
  size_t *texts = calloc(CAP, sizeof *texts);
  cr_assert(pages && texts);
  size_t n = pdf_pages(pdf, pages, CAP);
  cr_assert_geq(n, 3, "%zu pages", n);
  for (size_t i = 0; i < n; i++) {
    cr_expect(fabs(pages[i].w - 595.3) < 1.5 && fabs(pages[i].h - 841.9) < 1.5,
              "page %zu is %.1f x %.1f points, not A4", i + 1, pages[i].w, pages[i].h);
    texts[i] = pages[i].texts;
  }
  qsort(texts, n, sizeof *texts, by_texts);
  size_t median = texts[n / 2];
  for (size_t i = 0; i + 1 < n; i++)
    cr_expect_geq(pages[i].texts * 6, median,
                  "page %zu of %zu is nearly blank: %zu text runs, "
                  "the median page %zu",
                  i + 1, n, pages[i].texts, median);
  cr_log_info("%s: %zu A4 pages, median %zu text runs", pdf, n, median);
  free(pages);
  free(texts);
  remove(pdf);
}

/* Width of a PNG (its IHDR). */
static unsigned png_width(const char *path) {
  size_t len;
  unsigned char *b = (unsigned char *)slurp(path, &len);
  cr_assert(b && len > 24 && !memcmp(b + 1, "PNG", 3) && !memcmp(b + 12, "IHDR", 4), "no PNG at %s",
            path);
  unsigned w = (unsigned)b[16] << 24 | (unsigned)b[17] << 16 | (unsigned)b[18] << 8 | b[19];
  free(b);
  return w;
}

Test(report, renders_in_headless_chromium, .timeout = 600) {
  if (access(CHROMIUM, X_OK) != 0)
    cr_skip_test("headless Chromium is not installed (%s; Debian package 'chromium'): the "
                 "report is not rendered",
                 CHROMIUM);
  /* three scenarios, one of them with a target and a long source */
  char dir[64], third[160], args[800];
  tmpdir_make(dir, sizeof dir);
  small_scenario(dir, "targets.yaml",
                 "run: {name: small_with_targets}\n"
                 "targets:\n  - {indicator: langdurigheidsratio_true, observed: 0.5, low: 0.45, "
                 "high: 0.55, source: 'seed 003 annex 3, table B3.2: the long-term share of the "
                 "2002 cohort as the municipality registered it, after correction'}\n",
                 third, sizeof third);
  snprintf(args, sizeof args,
           "compare " SMALL " " VARIANT " %s --replications 3 --out %s/out --report -q", third,
           dir);
  cr_assert_eq(run_bijsim(args, NULL, NULL), 0, "%s", args);
  char out[128], path[200];
  snprintf(out, sizeof out, "%s/out", dir);
  snprintf(path, sizeof path, "%s/report.html", out);
  char *html = slurp(path, NULL);
  cr_assert(html && strstr(html, "id=\"targets\""));
  char *log = NULL;
  char *dom = render(out, &log);
  cr_assert(dom && log);
  size_t svgs = count_str(html, "<svg");
  cr_assert_geq(svgs, 9, "the compare report has its charts");
  cr_assert_eq(count_str(dom, "<svg"), svgs, "every chart is in the rendered DOM");
  cr_assert_geq(count_str(dom, "<rect"), 20, "the bars are drawn");
  cr_assert(strstr(dom, "<path"), "the curves are drawn");
  cr_assert_null(strstr(log, "Uncaught"), "a script error:\n%s", log);
  cr_assert_null(strstr(log, "ERROR:CONSOLE"), "a console error:\n%s", log);
  cr_assert_null(strstr(log, ":CONSOLE"), "console output:\n%s", log);
  /* a wide screen: nothing wider than the window, nothing scrolls */
  layout wide = measure(out, 1400);
  cr_assert_eq(wide.vw, 1400);
  cr_assert_geq(wide.stack, 2, "the wide tables (three scenarios, targets) are marked to stack");
  cr_assert_eq(wide.stacked, 0, "at 1400 px every table is a table");
  cr_assert_str_eq(wide.bad, "[]", "at 1400 px: %s", wide.bad);
  /* narrow (and on paper): the wide tables stack rather than clip */
  layout narrow = measure(out, 720);
  cr_assert_eq(narrow.stacked, narrow.stack, "at 720 px every wide table stacks");
  cr_assert_str_eq(narrow.bad, "[]", "at 720 px: %s", narrow.bad);
  /* a screenshot at 1400 px (kept with BIJSIM_REPORT_SHOTS=DIR) */
  const char *keep = getenv("BIJSIM_REPORT_SHOTS");
  char shot[300], flag[400];
  snprintf(shot, sizeof shot, "%s/report-1400.png", keep && *keep ? keep : out);
  snprintf(flag, sizeof flag, "--screenshot='%s'", shot);
  chromium(path, flag, 1400, NULL, NULL);
  cr_assert_eq(png_width(shot), 1400);
  printed_a4_without_blank_pages(out);
  free(dom);
  free(log);
  free(html);
  /* the effect report's table (seven columns) */
  snprintf(args, sizeof args,
           "effect tests/data/analysis/small_wf.yaml --instrument work_first --replications 3 "
           "--out %s/effect --report -q",
           dir);
  cr_assert_eq(run_bijsim(args, NULL, NULL), 0, "%s", args);
  snprintf(out, sizeof out, "%s/effect", dir);
  layout eff = measure(out, 720);
  cr_assert_geq(eff.stack, 1, "the effect table stacks");
  cr_assert_eq(eff.stacked, eff.stack);
  cr_assert_str_eq(eff.bad, "[]", "the effect report at 720 px: %s", eff.bad);
  eff = measure(out, 1400);
  cr_assert_str_eq(eff.bad, "[]", "the effect report at 1400 px: %s", eff.bad);
  printed_a4_without_blank_pages(out);
  tmpdir_remove(dir);
}
