/* cmd_report.c: `bijsim report DIR`: the HTML report from the files that
 * run/compare/effect/sweep wrote in DIR. */
#include "app/cli.h"

static void usage(FILE *f) {
  fputs("usage: bijsim report DIR [--lang en|nl] [--sensitivity SDIR ...] [--quiet]\n"
        "\n"
        "Reads the output files in DIR (run.json and whichever of summary.csv, compare.csv,\n"
        "survival.csv, stock_summary.csv, flow.csv, effect.csv, sweep.csv and targets.csv\n"
        "are there) and writes DIR/report.html: one self-contained page (no network, no\n"
        "scripts, no external fonts). Key findings first: for a comparison the net effect on\n"
        "the budgets, then the largest differences past the scenario's thresholds of\n"
        "practical relevance (its report: section), each marked better or worse for the\n"
        "municipality; then the scenarios and their key parameters, indicators with 95%\n"
        "intervals, bar charts with error bars, survival curves with the number at risk,\n"
        "the caseload over time, the inflow-to-outflow flow, paired differences, net\n"
        "effects and sweep charts, each with a short explanation.\n"
        "Open it in any browser; print it to PDF from there (A4).\n"
        "--lang nl writes it in Dutch (labels, sentences, number format 1.234,5);\n"
        "the default is the base scenario's run.lang (en when it sets none).\n"
        "--sensitivity SDIR (up to 8 times): SDIR is the output of 'bijsim sensitivity'; each\n"
        "key finding whose indicator and scenarios match one (the difference B - A of its\n"
        "run, or A's level) lists the three parameters with the largest total Sobol' index\n"
        "(or Morris mu*) and the source of their values (assumption, literature, seed), and\n"
        "a section shows each result's five largest.\n",
        f);
}

int cmd_report(int argc, char **argv) {
  cli_opts o;
  int st = cli_begin("report", argc, argv, OPT_QUIET | OPT_SENSITIVITY | OPT_LANG, usage, &o);
  if (st != CLI_GO_ON)
    return st;
  if (o.npos != 1) {
    cli_error("report needs one output directory (see 'bijsim report --help')");
    return 2;
  }
  return cli_report(o.pos[0], &o);
}
