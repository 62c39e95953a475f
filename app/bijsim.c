/* bijsim: the command-line interface. Wires scenario -> engine -> models ->
 * analysis -> output files. Only app/ prints and exits. This file has main,
 * `run`, `validate` and `trace`; app/cmd_*.c the analysis commands. */
#include "analysis/lang.h"
#include "analysis/limits.h"
#include "analysis/output.h"
#include "analysis/runner.h"
#include "analysis/scenario.h"
#include "analysis/tables.h"
#include "app/cli.h"
#include "models/params.h"
#include "models/world.h"

#include <gsl/gsl_errno.h>
#ifdef BIJSIM_MPI
#include <mpi.h>
#endif
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
        "'bijsim COMMAND --help' describes each command; docs/analysis.md has examples.\n",
        f);
}

static void usage_run(FILE *f) {
  fputs(
      "usage: bijsim run SCENARIO [--seed N] [--replications R] [--threads T] [--out DIR]\n"
      "                            [--report] [--lang en|nl] [--quiet]\n"
      "\n"
      "Simulates SCENARIO (a YAML file; see docs/scenarios.md) R times (default 1), each\n"
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
      "  DIR/run.json        scenario, resolved parameters, seed, version, wall time, events\n"
      "  DIR/report.html     with --report: the readable report (see 'bijsim report'), in\n"
      "                      Dutch with --lang nl (default: the scenario's run.lang)\n"
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

static void usage_trace(FILE *f) {
  fputs(
      "usage: bijsim trace SCENARIO --client N [--seed S] [--replication R] [--format text|json]\n"
      "                            [--lang en|nl]\n"
      "\n"
      "Prints the journey of synthetic client N through the chain as a timeline: day,\n"
      "stage, event and reason, in English with the Dutch policy term in brackets, e.g.\n"
      "  day    98.6  cwi                work intake (werkintake): kansmeter phase 4\n"
      "N counts from 0: the initial stock first (0 .. initial_stock-1), then applicants in\n"
      "order of arrival. Seed (default 1) and replication (default 0) pick the simulated\n"
      "world. The same client, scenario, seed and replication always give the same story.\n"
      "--format json prints {scenario, seed, replication, client, events: [{day, spell,\n"
      "stage, event}]} for tools.\n"
      "--lang nl writes the day and the stages in Dutch (the events stay in English with\n"
      "their Dutch terms; JSON keeps the stage codes); the default is the scenario's run.lang.\n",
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
  int st = cli_begin("run", argc, argv, OPT_ANALYSIS, usage_run, &o);
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
  if (bs_scenario_execute(s, &ro, err, sizeof err) != 0) {
    cli_error("%s", err);
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
      cli_note("wrote %s/{indicators,summary,survival,flow,stock,stock_summary%s}.csv and run.json",
               d->shown, s->params.targets_n ? ",targets" : "");
    cli_report_note(d, &o);
    rc = 0;
  }
  bs_scenario_free(s);
done:
  cli_out_end(d);
  free(s);
  return rc;
}

/* The trace sinks: one line of text per event, or one JSON object per event
 * in `events` (written at the end). */
typedef struct trace_out {
  FILE *f;
  uint64_t n;
  json_t *events;
  int out_of_memory;
  bs_lang lang; /* the text's labels (the day, the stage); JSON keeps the codes */
} trace_out;

static void trace_text(void *user, double day, uint32_t id, unsigned spell, const char *stage,
                       const char *event) {
  (void)id;
  (void)spell;
  trace_out *t = user;
  /* the event text holds names from the scenario (providers) */
  char clean[600];
  bs_out_clean_text(clean, sizeof clean, event);
  fprintf(t->f, "%s %7.1f  %-18s %s\n", bs_msg(t->lang, BS_MSG_trace_day), day,
          bs_term(t->lang, BS_TERM_STAGE, stage, stage), clean);
  t->n++;
}

static void trace_json(void *user, double day, uint32_t id, unsigned spell, const char *stage,
                       const char *event) {
  (void)id;
  trace_out *t = user;
  /* the day as the text trace shows it: two decimals */
  json_t *e =
      json_pack("{s:f, s:I, s:o, s:o}", "day", bs_out_rounded(day, 2), "spell", (json_int_t)spell,
                "stage", bs_out_json_text(stage), "event", bs_out_json_text(event));
  if (json_array_append_new(t->events, e))
    t->out_of_memory = 1;
  t->n++;
}

static int cmd_trace(int argc, char **argv) {
  cli_opts o;
  int st =
      cli_begin("trace", argc, argv,
                OPT_SEED | OPT_CLIENT | OPT_REPLICATION | OPT_FORMAT | OPT_LANG, usage_trace, &o);
  if (st != CLI_GO_ON)
    return st;
  if (o.npos != 1 || o.client < 0) {
    cli_error(o.npos != 1 ? "trace needs one scenario file (see 'bijsim trace --help')"
                          : "trace needs --client N (see 'bijsim trace --help')");
    return 2;
  }
  bs_params p;
  if (cli_load(o.pos[0], &p) != 0)
    return 1;
  bs_world *w = malloc(sizeof *w);
  if (!w || bs_world_init(w, &p, o.seed, o.replication) != SIM_OK) {
    free(w);
    cli_error("out of memory setting up the simulation");
    return 1;
  }
  w->ctx.max_events = bs_event_budget(&p);
  bs_lang lang = (bs_lang)(o.lang >= 0 ? o.lang : p.run.lang);
  trace_out tout = {stdout, 0, o.json ? json_array() : NULL, 0, lang};
  w->trace_sink = o.json ? trace_json : trace_text;
  w->trace_user = &tout;
  w->trace_id = (uint32_t)o.client;
  if (!o.json) {
    char a[32], c[32], d[32];
    snprintf(a, sizeof a, "%ld", o.client);
    snprintf(c, sizeof c, "%llu", (unsigned long long)o.seed);
    snprintf(d, sizeof d, "%zu", o.replication);
    const char *args[] = {a, p.run.name, c, d};
    bs_msg_write(stdout, bs_msg(lang, BS_MSG_trace_head), args, 4, NULL);
    if (o.client < p.inflow.initial_stock)
      fputs(bs_msg(lang, BS_MSG_trace_initial_stock), stdout);
    fputc('\n', stdout);
  }
  int rc = bs_world_run(w);
  if (rc == SIM_OK && !o.json) {
    if (tout.n == 0) {
      char a[32], b[32];
      snprintf(a, sizeof a, "%ld", o.client);
      snprintf(b, sizeof b, "%.0f", p.run.horizon_days);
      const char *args[] = {a, b};
      bs_msg_write(stdout, bs_msg(lang, BS_MSG_trace_never), args, 2, NULL);
      fputc('\n', stdout);
    } else {
      printf("%s %7.1f  %-18s %s\n", bs_msg(lang, BS_MSG_trace_day), p.run.horizon_days,
             bs_term(lang, BS_TERM_STAGE, "horizon", "horizon"), bs_msg(lang, BS_MSG_trace_end));
    }
  }
  int written = 1;
  if (o.json) {
    json_t *doc =
        json_pack("{s:o, s:o, s:I, s:I, s:O}", "scenario", bs_out_json_text(p.run.name), "seed",
                  bs_out_json_u64(o.seed), "replication", (json_int_t)o.replication, "client",
                  (json_int_t)o.client, "events", tout.events);
    written = doc && !tout.out_of_memory && bs_out_json(stdout, doc) == 0;
    if (!written)
      cli_error("out of memory writing the trace");
    json_decref(doc);
    json_decref(tout.events);
  }
  if (rc != SIM_OK)
    cli_error("%s", w->ctx.err);
  bs_world_free(w);
  free(w);
  return rc == SIM_OK && written ? 0 : 1;
}

static int dispatch(int argc, char **argv);

/* With the MPI build (BIJSIM_MPI), every rank runs the same command; the
 * experiment commands share their points out (app/experiment.c) and only
 * rank 0 writes. A process started without mpirun is a job of one rank. */
int main(int argc, char **argv) {
#ifdef BIJSIM_MPI
  MPI_Init(&argc, &argv);
  int rc = dispatch(argc, argv);
  MPI_Finalize();
  return rc;
#else
  return dispatch(argc, argv);
#endif
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
  if (!strcmp(cmd, "--version")) {
    puts("bijsim " BIJSIM_VERSION);
    return 0;
  }
  static const struct {
    const char *name;
    int (*fn)(int, char **);
  } cmds[] = {{"run", cmd_run},
              {"validate", cmd_validate},
              {"trace", cmd_trace},
              {"compare", cmd_compare},
              {"effect", cmd_effect},
              {"sweep", cmd_sweep},
              {"report", cmd_report},
              {"indicators", cmd_indicators},
              {"uncertainty", cmd_uncertainty},
              {"sensitivity", cmd_sensitivity},
              {"calibrate", cmd_calibrate}};
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
