/* test_safe_text.c: text from a scenario or the command line cannot act on
 * the places it is shown.
 * - CSV: a cell a spreadsheet would run as a formula (text starting with =,
 *   +, - or @) is written with a leading "'"; numbers (-0.5) are not, and
 *   the reader gives every text back as it was (so the report is unchanged);
 * - terminal: names from the scenario (providers in a trace) and paths in
 *   messages reach stdout/stderr with control characters as '?', so an
 *   escape sequence cannot clear the screen or retitle the window.
 * (run.name itself is a name, checked by the loader: tests/bad_scenarios/name_*.) */
#include "analysis/csv.h"
#include "test_cli_util.h"

#include <criterion/criterion.h>

#define SMALL BIJSIM_SOURCE_DIR "/tests/data/analysis/small.yaml"

static void write_file(const char *path, const char *text) {
  FILE *f = fopen(path, "w");
  cr_assert(f);
  fputs(text, f);
  cr_assert_eq(fclose(f), 0);
}

Test(safe_text, formula_cells_are_written_as_text) {
  static const struct {
    const char *cell, *written;
  } cases[] = {
      {"=1+1", "'=1+1"},       {"+cmd", "'+cmd"}, {"-cmd", "'-cmd"}, {"@SUM(A1)", "'@SUM(A1)"},
      {"'quoted", "''quoted"}, {"-0.5", "-0.5"},  {"+3e2", "+3e2"},  {"plain", "plain"},
      {"=a,b", "\"'=a,b\""},   {"\tx", "'\tx"},
  };
  char tmp[64], path[128], err[256];
  tmpdir_make(tmp, sizeof tmp);
  snprintf(path, sizeof path, "%s/t.csv", tmp);
  enum { N = sizeof cases / sizeof cases[0] };
  FILE *f = fopen(path, "w");
  cr_assert(f);
  fputs("cell\n", f);
  for (size_t i = 0; i < N; i++) {
    char line[64];
    FILE *m = fmemopen(line, sizeof line, "w");
    bs_csv_field(m, cases[i].cell);
    fclose(m);
    cr_assert_str_eq(line, cases[i].written, "%s", cases[i].cell);
    bs_csv_field(f, cases[i].cell);
    fputc('\n', f);
  }
  cr_assert_eq(fclose(f), 0);
  bs_csv t;
  cr_assert_eq(bs_csv_load(path, &t, err, sizeof err), 0, "%s", err);
  cr_assert_eq(t.nrow, N);
  for (size_t i = 0; i < N; i++)
    cr_assert_str_eq(bs_csv_get(&t, i, 0), cases[i].cell, "read back");
  bs_csv_free(&t);
  tmpdir_remove(tmp);
}

/* A scenario named "-cmd" with a target whose source is a formula: the CSV
 * files carry them as text, the report shows them as written. */
Test(safe_text, scenario_text_in_csv_files, .timeout = 60) {
  char tmp[64], path[128], out[128], args[512], text[1024];
  tmpdir_make(tmp, sizeof tmp);
  snprintf(path, sizeof path, "%s/s.yaml", tmp);
  snprintf(out, sizeof out, "%s/out", tmp);
  snprintf(text, sizeof text,
           "extends: %s\nrun: {name: -cmd}\ntargets:\n"
           "  - {indicator: langdurigheidsratio_true, observed: 0.5, low: 0.4, high: 0.6,\n"
           "     source: \"=HYPERLINK(1)\"}\n",
           SMALL);
  write_file(path, text);
  snprintf(args, sizeof args, "run %s --out %s --replications 2 --report -q", path, out);
  char *err = NULL;
  cr_assert_eq(run_bijsim(args, NULL, &err), 0, "%s", err);
  free(err);
  char file[256];
  snprintf(file, sizeof file, "%s/targets.csv", out);
  char *csv = slurp(file, NULL);
  cr_assert(csv);
  cr_assert(strstr(csv, "\n'-cmd,langdurigheidsratio_true,"), "%s", csv);
  cr_assert(strstr(csv, ",'=HYPERLINK(1)\n"), "%s", csv);
  free(csv);
  snprintf(file, sizeof file, "%s/summary.csv", out);
  csv = slurp(file, NULL);
  cr_assert(csv && strstr(csv, "\n'-cmd,"));
  cr_assert_null(strstr(csv, "\n-cmd,"), "an unguarded cell");
  free(csv);
  snprintf(file, sizeof file, "%s/report.html", out);
  char *html = slurp(file, NULL);
  cr_assert(html);
  cr_assert(strstr(html, "=HYPERLINK(1)"), "the report shows the source as written");
  cr_assert_null(strstr(html, "'=HYPERLINK"), "the guard leaked into the report");
  free(html);
  tmpdir_remove(tmp);
}

/* A provider named with escape sequences (set the window title, red text):
 * the trace shows the name with '?' for the control characters. */
Test(safe_text, trace_output_has_no_control_characters, .timeout = 120) {
  char tmp[64], path[128], args[512], text[1024];
  tmpdir_make(tmp, sizeof tmp);
  snprintf(path, sizeof path, "%s/s.yaml", tmp);
  snprintf(text, sizeof text,
           "extends: %s\ntrajectory:\n  providers:\n"
           "    - {name: \"\\e]0;pwned\\a\\e[31mred\", quality: 1, price: 1000}\n",
           SMALL);
  write_file(path, text);
  int offered = 0;
  for (int client = 300; client < 360 && !offered; client++) {
    snprintf(args, sizeof args, "trace %s --client %d", path, client);
    char *out = NULL;
    cr_assert_eq(run_bijsim(args, &out, NULL), 0, "%s", args);
    for (const char *c = out; *c; c++)
      cr_assert(*c == '\n' || (unsigned char)*c >= 0x20, "control character 0x%02x in: %s",
                (unsigned)(unsigned char)*c, out);
    offered = strstr(out, "at ?]0;pwned??[31mred") != NULL;
    free(out);
  }
  cr_assert(offered, "no client got a trajectory offer (the name never shown)");
  tmpdir_remove(tmp);
}

/* A path with an escape sequence in a message. */
Test(safe_text, messages_have_no_control_characters) {
  char *err = NULL;
  cr_assert_eq(run_bijsim("validate \"$(printf '/tmp/no\\033[2Jsuch.yaml')\"", NULL, &err), 1);
  cr_assert(err);
  cr_assert(strstr(err, "/tmp/no?[2Jsuch.yaml"), "%s", err);
  cr_assert_null(strchr(err, '\033'), "%s", err);
  free(err);
  cr_assert_eq(run_bijsim("run " SMALL " --out \"$(printf '/proc/x\\033[2J')\" -q", NULL, &err), 1);
  cr_assert(err);
  cr_assert_null(strchr(err, '\033'), "%s", err);
  free(err);
}
