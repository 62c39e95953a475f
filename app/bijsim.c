/* bijsim: the command-line interface. Wires scenario -> engine -> models ->
 * analysis -> output files. Only app/ prints and exits. This file has main,
 * `run` and `validate`; app/cmd_*.c the other commands. */
#include "analysis/limits.h"
#include "analysis/output.h"
#include "analysis/runner.h"
#include "analysis/scenario.h"
#include "analysis/tables.h"
#include "app/cli.h"
#include "app/ranks.h"
#include "models/params.h"
#include "models/world.h"

#include "bijsim_commit.h" /* BIJSIM_COMMIT: generated at build time (cmake/version.cmake) */

#include <gsl/gsl_errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void usage_main(FILE *f) {
  fputs("bijsim " BIJSIM_VERSION
        " - discrete-event simulation of the Dutch social-assistance (bijstand) chain\n"
        "\n"
        "usage: bijsim COMMAND [options]\n"
        "\n"
        "commands:\n"
        "  run SCENARIO              simulate a scenario R times: indicators, summary with\n"
        "                            95% intervals, survival curve, flow counts\n"
        "  compare BASE VARIANT...   paired comparison of policy variants (common random numbers)\n"
        "  effect SCENARIO           net effect and deadweight of one instrument\n"
        "  sweep SCENARIO            one-at-a-time parameter sweep\n"
        "  uncertainty A [B ...]     the variants under many plausible parameter sets\n"
        "  sensitivity A [B]         Morris / Sobol' sensitivity to the assumptions\n"
        "  calibrate SCENARIO        fit parameters to the scenario's targets (ABC-SMC)\n"
        "  report DIR                write DIR/report.html from the output files in DIR\n"
        "  trace SCENARIO            follow one synthetic client through the chain\n"
        "  validate SCENARIO         check a scenario file and exit\n"
        "\n"
        "  params                    the parameter reference (--markdown, --json-schema)\n"
        "\n"
        "options:\n"
        "  -h, --help                this overview\n"
        "  -V, --version             the version and the git commit of the build\n"
        "\n"
        "'bijsim COMMAND --help' describes each command; docs/analysis.md has examples.\n"
        "A scenario's 'extends:' is looked up in its own folder, then in the shipped\n"
        "scenarios, then in the folders of BIJSIM_PATH (colon-separated).\n",
        f);
}

static void usage_run(FILE *f) {
  fputs(
      "usage: bijsim run SCENARIO [--seed N] [--replications R] [--threads T] [--out DIR]\n"
      "                            [--report] [--lang en|nl] [--quiet] [--records [events]]\n"
      "\n"
      "Simulates SCENARIO (a YAML file, docs/scenarios.md, or the run.json of an earlier\n"
      "run: its recorded parameters) R times (default 1), each\n"
      "replication with its own random streams derived from the seed (default 1), on T\n"
      "threads (default: the number of processors), and writes:\n"
      "  DIR/indicators.csv  scenario,replication,seed,indicator,value (one row per replication)\n"
      "  DIR/summary.csv     scenario,indicator,mean,sd,n,ci_low,ci_high (95% Student-t\n"
      "                      interval over replications; needs R >= 2)\n"
      "  DIR/survival.csv    Kaplan-Meier survival of the cohort's benefit spells\n"
      "  DIR/flow.csv        clients per stage of the chain (mean over replications)\n"
      "  DIR/stock.csv       every replication's stock series: clients on benefit, applicants,\n"
      "                      cumulative entries, exits and admissions, every\n"
      "                      run.stock_report_interval_days\n"
      "  DIR/stock_summary.csv  the same per day: mean, sd, n and 95% interval\n"
      "  DIR/targets.csv     when the scenario declares targets: observed figures next to\n"
      "                      the simulated mean and interval, with a verdict\n"
      "  DIR/run.json        what ran (argv, version and commit, start time, platform, the\n"
      "                      SHA-256 of each scenario file), seed, wall time, events and the\n"
      "                      resolved parameters: 'bijsim run DIR/run.json' re-runs it\n"
      "  DIR/report.html     with --report: the readable report (see 'bijsim report'), in\n"
      "                      Dutch with --lang nl (default: the scenario's run.lang)\n"
      "  DIR/spells.csv      with --records: one row per benefit spell (replication, person,\n"
      "                      start and end day or censored, exit route, phase, distance band,\n"
      "                      household, exemption, instruments taken)\n"
      "  DIR/events.csv      with --records events (or --events): one row per event of every\n"
      "                      client (replication, person, day, stage, event code, details)\n"
      "DIR defaults to out/NAME. The same scenario and seed give byte-identical CSV files,\n"
      "whatever T. DIR is replaced as a whole: the files are written into a private\n"
      "directory next to it and moved into place in one step, so DIR holds either its\n"
      "previous set or the whole new one, also after an error or Ctrl-C; a second bijsim\n"
      "writing DIR is refused. A progress line appears on stderr for runs longer than\n"
      "about 2 s when stderr is a terminal (--quiet turns it and the summary off).\n",
      f);
}

static void usage_validate(FILE *f) {
  fputs("usage: bijsim validate SCENARIO\n"
        "\n"
        "Loads SCENARIO (with its extends chain) and checks every key, type and range,\n"
        "and that one replication fits in memory and in the event limit (what 'run' would\n"
        "refuse). Prints 'ok' and exits 0, or prints FILE:LINE:COL: the problem, and exits 1.\n",
        f);
}

static int cmd_validate(int argc, char **argv) {
  cli_opts o;
  int st = cli_begin("validate", argc, argv, 0, usage_validate, &o);
  if (st != CLI_GO_ON)
    return st;
  if (o.npos != 1) {
    cli_error(o.npos ? "validate takes one scenario file"
                     : "validate needs a scenario file "
                       "(see 'bijsim validate --help')");
    return 2;
  }
  bs_params p;
  if (cli_load(o.pos[0], &p) != 0)
    return 1;
  char line[4200];
  snprintf(line, sizeof line, "%s: ok (scenario '%s')", o.pos[0], p.run.name);
  cli_print_clean(stdout, line);
  return 0;
}

static int cmd_run(int argc, char **argv) {
  cli_opts o;
  int st = cli_begin("run", argc, argv, OPT_ANALYSIS_RECORDS, usage_run, &o);
  if (st != CLI_GO_ON)
    return st;
  if (o.npos != 1) {
    cli_error(o.npos ? "run takes one scenario file (to compare several: bijsim compare)"
                     : "run needs a scenario file (see 'bijsim run --help')");
    return 2;
  }
  bs_scenario_run *s = calloc(1, sizeof *s);
  if (!s) {
    cli_error("out of memory");
    return 1;
  }
  if (cli_load_run(o.pos[0], s) != 0) {
    free(s);
    return 1;
  }
  bs_outdir *d = cli_out_begin(&o, "out/%s", s->params.run.name);
  if (!d) {
    free(s);
    return 1;
  }
  char err[ERRLEN];
  bs_run_opts ro = cli_run_opts(&o, NULL);
  int rc = 1;
  cli_records rec;
  if (cli_records_begin(&rec, d, &o) != 0 || cli_records_for(&rec, &ro, s->label) != 0)
    goto done;
  if (bs_scenario_execute(s, &ro, err, sizeof err) != 0) {
    cli_error("%s", err);
    goto done;
  }
  if (cli_records_finish(&rec) != 0) {
    bs_scenario_free(s);
    goto done;
  }
  static const cli_file files[] = {CLI_FILE_INDICATORS, CLI_FILE_SUMMARY, CLI_FILE_SURVIVAL,
                                   CLI_FILE_FLOW,       CLI_FILE_STOCK,   CLI_FILE_STOCK_SUMMARY};
  cli_outputs w = {.command = "run",
                   .files = files,
                   .nfiles = sizeof files / sizeof files[0],
                   .tables = s,
                   .ntables = 1,
                   .runs = s,
                   .nruns = 1,
                   .wall_seconds = s->res.wall_seconds};
  if (cli_write_outputs(d, &o, &w) == 0) {
    if (!o.quiet)
      cli_note("wrote %s/{indicators,summary,survival,flow,stock,stock_summary%s%s}.csv and "
               "run.json",
               d->shown, s->params.targets_n ? ",targets" : "", cli_records_note(&o));
    cli_report_note(d, &o);
    rc = 0;
  }
  bs_scenario_free(s);
done:
  cli_records_end(&rec);
  cli_out_end(d);
  free(s);
  return rc;
}

static const struct {
  const char *name;
  int (*fn)(int, char **);
  int every_rank; /* in an MPI job every rank runs it (rank_share of its points) */
} cmds[] = {{"run", cmd_run, 0},
            {"validate", cmd_validate, 0},
            {"trace", cmd_trace, 0},
            {"compare", cmd_compare, 0},
            {"effect", cmd_effect, 0},
            {"sweep", cmd_sweep, 0},
            {"report", cmd_report, 0},
            {"indicators", cmd_indicators, 0},
            {"params", cmd_params, 0},
            {"uncertainty", cmd_uncertainty, 1},
            {"sensitivity", cmd_sensitivity, 1},
            {"calibrate", cmd_calibrate, 1}};

static int dispatch(int argc, char **argv);

/* With the MPI build (BIJSIM_MPI): uncertainty, sensitivity and calibrate
 * run on every rank and share their points out; every other command runs
 * on rank 0, whose replications the other ranks compute meanwhile
 * (rank_serve) until it is done. Only rank 0 writes. A process started
 * without mpirun is a job of one rank. */
int main(int argc, char **argv) {
  rank_begin(&argc, &argv);
  int every = 0;
  for (size_t i = 0; argc > 1 && i < sizeof cmds / sizeof cmds[0]; i++)
    every |= !strcmp(argv[1], cmds[i].name) && cmds[i].every_rank;
  int rc;
  if (every || rank_id() == 0) {
    rc = dispatch(argc, argv);
    if (!every)
      rank_release();
  } else {
    rc = rank_serve();
  }
  rank_end();
  return rc;
}

static int dispatch(int argc, char **argv) {
  if (argc < 2) {
    usage_main(stderr);
    return 2;
  }
  /* GSL's default handler aborts the process; errors are returned instead */
  gsl_set_error_handler_off();
  const char *cmd = argv[1];
  if (!strcmp(cmd, "--help") || !strcmp(cmd, "-h") || !strcmp(cmd, "help")) {
    usage_main(stdout);
    return 0;
  }
  if (!strcmp(cmd, "--version") || !strcmp(cmd, "-V") || !strcmp(cmd, "version")) {
    puts("bijsim " BIJSIM_VERSION " (commit " BIJSIM_COMMIT ")");
    return 0;
  }
  cli_set_invocation(argc, argv);
  for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++)
    if (!strcmp(cmd, cmds[i].name)) {
      /* SIGINT/SIGTERM/SIGHUP: the output set being written is removed */
      if (bs_out_signals_start() != 0) {
        cli_error("cannot set up signal handling");
        return 1;
      }
      int rc = cmds[i].fn(argc - 2, argv + 2);
      bs_out_signals_stop();
      return rc;
    }
  cli_error("unknown command '%s' (see 'bijsim --help')", cmd);
  return 2;
}
