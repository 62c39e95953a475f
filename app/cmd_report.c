/* cmd_report.c: `bijsim report DIR`: the HTML report from the files that
 * run/compare/effect/sweep wrote in DIR. */
#include "app/cli.h"

static void usage(FILE *f) {
  fputs("usage: bijsim report DIR [--lang en|nl] [--quiet]\n"
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
        "the default is the base scenario's run.lang (en when it sets none).\n",
        f);
}

int cmd_report(int argc, char **argv) {
  cli_opts o;
  if (cli_parse("report", argc, argv, OPT_QUIET | OPT_LANG, &o) != 0)
    return 2;
  if (o.help) {
    usage(stdout);
    return 0;
  }
  if (o.npos != 1) {
    cli_error("report needs one output directory (see 'bijsim report --help')");
    return 2;
  }
  return cli_report(o.pos[0], o.quiet, o.lang);
}
