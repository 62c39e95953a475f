/* cmd_report.c: `bijsim report DIR`: the HTML report from the files that
 * run/compare/effect/sweep wrote in DIR. */
#include "app/cli.h"

static void usage(FILE *f) {
  fputs("usage: bijsim report DIR [--sensitivity SDIR ...] [--quiet]\n"
        "\n"
        "Reads the output files in DIR (run.json and whichever of summary.csv, compare.csv,\n"
        "survival.csv, flow.csv, effect.csv and sweep.csv are there) and writes\n"
        "DIR/report.html: one self-contained page (no network, no scripts, no external fonts)\n"
        "with the scenarios and their key parameters, a table of indicators with 95%\n"
        "intervals, bar charts with error bars, survival curves, the inflow-to-outflow flow,\n"
        "paired differences, net effects and sweep charts, each with a short explanation.\n"
        "Open it in any browser; print it to PDF from there.\n"
        "--sensitivity SDIR (up to 8 times): SDIR is the output of 'bijsim sensitivity'; each\n"
        "key finding whose indicator and scenarios match one (the difference B - A of its\n"
        "run, or A's level) lists the three parameters with the largest total Sobol' index\n"
        "(or Morris mu*) and the source of their values (assumption, literature, seed), and\n"
        "a section shows each result's five largest.\n",
        f);
}

int cmd_report(int argc, char **argv) {
  cli_opts o;
  int st = cli_begin("report", argc, argv, OPT_QUIET | OPT_SENSITIVITY, usage, &o);
  if (st != CLI_GO_ON)
    return st;
  if (o.npos != 1) {
    cli_error("report needs one output directory (see 'bijsim report --help')");
    return 2;
  }
  return cli_report(o.pos[0], &o);
}
