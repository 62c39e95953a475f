/* cmd_compare.c: `bijsim compare BASE VARIANT...`: every scenario runs with
 * the same seed and replication indices (common random numbers), then the
 * tables and the paired differences variant - base are written. */
#include "analysis/compare.h"
#include "analysis/output.h"
#include "analysis/tables.h"
#include "app/cli.h"

#include <stdlib.h>
#include <string.h>

static void usage(FILE *f) {
  fputs("usage: bijsim compare BASE.yaml VARIANT.yaml [VARIANT.yaml ...] [--replications R]\n"
        "                       [--seed S] [--threads T] [--out DIR] [--report]\n"
        "                       [--sensitivity SDIR ...] [--records [events]] [--quiet]\n"
        "\n"
        "Runs the base scenario and each variant R times (default 20) with the same seed and\n"
        "replication indices: replication k simulates the same persons, with the same traits\n"
        "and luck, in every scenario (common random numbers). The difference variant - base\n"
        "is taken per replication, so noise shared by both cancels and the 95% interval of\n"
        "the difference is much narrower than that of two independent runs. Writes:\n"
        "  DIR/compare.csv     indicator,scenario,mean,ci_low,ci_high,diff_mean,diff_ci_low,\n"
        "                      diff_ci_high,excludes_zero,diff_sd,pairs (base rows: diff NA)\n"
        "  DIR/summary.csv     per scenario: indicator,mean,sd,n,ci_low,ci_high\n"
        "  DIR/indicators.csv  every replication's value, per scenario\n"
        "  DIR/survival.csv    Kaplan-Meier survival of benefit spells, per scenario\n"
        "  DIR/flow.csv        clients per stage of the chain, per scenario\n"
        "  DIR/targets.csv     observed figures the scenarios declare (targets), judged\n"
        "  DIR/run.json        seed, replications, every scenario's resolved parameters\n"
        "  DIR/report.html     with --report (--sensitivity SDIR: a 'bijsim sensitivity'\n"
        "                      output; the findings it matches list the parameters they\n"
        "                      depend on most, with their sources; implies --report)\n"
        "  DIR/spells.csv      with --records: one row per benefit spell, per scenario and\n"
        "                      replication (docs/analysis.md); --records events (or --events)\n"
        "                      adds DIR/events.csv, one row per event of every client\n"
        "DIR defaults to out/compare-BASE. Scenarios with the same run.name get a suffix\n"
        "(_2, _3 ...) in the output.\n",
        f);
}

int cmd_compare(int argc, char **argv) {
  cli_opts o;
  int st = cli_begin("compare", argc, argv, OPT_ANALYSIS_RECORDS | OPT_SENSITIVITY, usage, &o);
  if (st != CLI_GO_ON)
    return st;
  if (o.npos < 2) {
    cli_error("compare needs a base scenario and at least one variant (see 'bijsim compare "
              "--help')");
    return 2;
  }
  if (!o.replications_set)
    o.replications = 20;
  size_t n = o.npos;
  bs_scenario_run *runs = calloc(n, sizeof *runs);
  if (!runs) {
    cli_error("out of memory");
    return 1;
  }
  int rc = 1;
  char err[ERRLEN];
  size_t ran = 0;
  bs_outdir *dir = NULL;
  cli_records rec = {0};
  for (size_t i = 0; i < n; i++)
    if (cli_load_run(o.pos[i], &runs[i]) != 0)
      goto done;
  bs_scenario_unique_labels(runs, n);
  if (!(dir = cli_out_begin(&o, "out/compare-%s", runs[0].label)) ||
      cli_records_begin(&rec, dir, &o) != 0)
    goto done;
  double wall = 0;
  for (; ran < n; ran++) {
    bs_run_opts ro = cli_run_opts(&o, runs[ran].label);
    if (cli_records_for(&rec, &ro, runs[ran].label) != 0)
      goto done;
    if (bs_scenario_execute(&runs[ran], &ro, err, sizeof err) != 0) {
      cli_error("%s: %s", runs[ran].file, err);
      goto done;
    }
    wall += runs[ran].res.wall_seconds;
  }
  if (cli_records_finish(&rec) != 0)
    goto done;
  static const cli_file files[] = {CLI_FILE_COMPARE, CLI_FILE_SUMMARY, CLI_FILE_INDICATORS,
                                   CLI_FILE_SURVIVAL, CLI_FILE_FLOW};
  cli_outputs w = {.command = "compare",
                   .files = files,
                   .nfiles = sizeof files / sizeof files[0],
                   .tables = runs,
                   .ntables = n,
                   .runs = runs,
                   .nruns = n,
                   .wall_seconds = wall};
  if (cli_write_outputs(dir, &o, &w) != 0)
    goto done;
  if (!o.quiet)
    cli_note("compared %zu scenarios, %zu paired replications: wrote %s/compare.csv", n,
             o.replications, dir->shown);
  cli_report_note(dir, &o);
  rc = 0;
done:
  cli_records_end(&rec);
  cli_out_end(dir);
  for (size_t i = 0; i < ran; i++)
    bs_scenario_free(&runs[i]);
  free(runs);
  return rc;
}
