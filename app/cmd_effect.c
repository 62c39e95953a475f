/* cmd_effect.c: `bijsim effect SCENARIO --instrument NAME`: the scenario with
 * and without one instrument, the same clients (common random numbers),
 * net effect and deadweight among the participants. */
#include "analysis/compare.h"
#include "analysis/effect.h"
#include "analysis/output.h"
#include "analysis/tables.h"
#include "app/cli.h"
#include "models/world.h"

#include <stdlib.h>
#include <string.h>

static void usage(FILE *f) {
  char names[256];
  fprintf(f,
          "usage: bijsim effect SCENARIO --instrument NAME [--replications R] [--seed S]\n"
          "                      [--threads T] [--out DIR] [--report] [--lang en|nl] [--quiet]\n"
          "                      [--records [events]]\n"
          "\n"
          "NAME is one of: %s.\n",
          bs_instrument_choices(names, sizeof names, ", "));
  fputs("Runs SCENARIO R times (default 20) as it is, and again with the instrument switched\n"
        "off for the same clients (same seed and replications: common random numbers).\n"
        "Participants are the cohort clients who took part in the instrument in the first\n"
        "run. Per replication:\n"
        "  gross          share of participants who left benefit within 12, 24 and 36 months\n"
        "  counterfactual share of the same persons who left within those months without it\n"
        "  net effect     gross - counterfactual\n"
        "  deadweight     counterfactual / gross (outflow that would have happened anyway)\n"
        "each with a 95% interval over replications; also for leaving to work, by assigned\n"
        "kansmeter phase, by distance band (near/far), and for the whole cohort.\n"
        "Writes DIR/effect.csv, DIR/summary.csv, DIR/compare.csv, DIR/survival.csv,\n"
        "DIR/flow.csv, DIR/stock.csv, DIR/stock_summary.csv (both runs), DIR/channels.csv\n"
        "(each channel of the instrument switched off alone, where it has channels) and\n"
        "DIR/run.json; DIR/report.html with --report (in Dutch with --lang nl).\n"
        "With --records, DIR/spells.csv (and with --records events, DIR/events.csv) hold\n"
        "the microdata of both runs (docs/analysis.md).\n"
        "The horizon is extended to follow the cohort for 36 months.\n"
        "DIR defaults to out/NAME-effect-INSTRUMENT.\n",
        f);
}

typedef struct effect_file {
  const char *scenario;
  const bs_effect *e;
} effect_file;

static void write_effect(FILE *f, const void *ctx) {
  const effect_file *x = ctx;
  bs_effect_write(f, x->scenario, x->e);
}

/* channels.csv: the instrument's effect channel by channel, each switched
 * off alone (bs_effect_channels), with common random numbers. */
/* channels.csv into f: each channel of the instrument switched off alone,
 * on the same persons (common random numbers). */
static int write_channels(FILE *f, const cli_opts *o, const bs_scenario_run *with, int instr,
                          const bs_effect *total) {
  size_t n;
  const bs_effect_channel *ch = bs_effect_channels(instr, &n);
  char err[ERRLEN];
  bs_scenario_run *off = calloc(1, sizeof *off);
  int rc = off ? 0 : -1;
  for (size_t i = 0; i < n && rc == 0; i++) {
    off->params = with->params;
    snprintf(off->label, sizeof off->label, "%.60s_without_%s", with->label, ch[i].name);
    for (size_t k = 0; ch[i].settings[k] && rc == 0; k++) {
      char key[256];
      const char *eq = strchr(ch[i].settings[k], '=');
      snprintf(key, sizeof key, "%.*s", (int)(eq - ch[i].settings[k]), ch[i].settings[k]);
      rc = bs_params_set(&off->params, key, eq + 1, err, sizeof err);
    }
    bs_run_opts ro = cli_run_opts(o, off->label);
    if (rc == 0)
      rc = bs_scenario_execute(off, &ro, err, sizeof err);
    bs_effect e;
    if (rc == 0)
      rc = bs_effect_compute(&with->res, &off->res, instr, &e, err, sizeof err);
    if (rc == 0)
      bs_effect_channel_write(f, with->label, total, ch[i].name, &e, i == 0);
    bs_scenario_free(off);
    memset(off, 0, sizeof *off);
  }
  if (rc != 0)
    cli_error("%s", off ? err : "out of memory");
  free(off);
  return rc;
}

int cmd_effect(int argc, char **argv) {
  cli_opts o;
  int st = cli_begin("effect", argc, argv, OPT_ANALYSIS_RECORDS | OPT_INSTRUMENT, usage, &o);
  if (st != CLI_GO_ON)
    return st;
  char names[256];
  bs_instrument_choices(names, sizeof names, " or ");
  if (o.npos != 1) {
    cli_error("effect needs one scenario file (see 'bijsim effect --help')");
    return 2;
  }
  if (!o.instrument) {
    cli_error("effect needs --instrument NAME (%s)", names);
    return 2;
  }
  int instr = bs_instrument_index(o.instrument);
  if (instr < 0) {
    cli_error("unknown instrument '%s': use %s", o.instrument, names);
    return 2;
  }
  if (!o.replications_set)
    o.replications = 20;
  bs_scenario_run *runs = calloc(2, sizeof *runs);
  if (!runs) {
    cli_error("out of memory");
    return 1;
  }
  int rc = 1;
  size_t ran = 0;
  char err[ERRLEN];
  bs_scenario_run *order = NULL;
  json_t *extra = NULL;
  char *chan_text = NULL; /* channels.csv, computed before the set is written */
  bs_outdir *dir = NULL;
  cli_records rec = {0};
  if (cli_load_run(o.pos[0], &runs[0]) != 0)
    goto done;
  /* observe every cohort client for the longest outcome window (36 months) */
  double horizon = bs_effect_horizon(&runs[0].params);
  if (horizon > runs[0].params.run.horizon_days) {
    if (!o.quiet)
      fprintf(stderr, "bijsim: effect: horizon extended from %.0f to %.0f days (36 months)\n",
              runs[0].params.run.horizon_days, horizon);
    runs[0].params.run.horizon_days = horizon;
  }
  runs[1].params = runs[0].params;
  snprintf(runs[1].label, sizeof runs[1].label, "%.60s_without_%s", runs[0].params.run.name,
           o.instrument);
  snprintf(runs[1].file, sizeof runs[1].file, "%s", o.pos[0]);
  if (!(dir = cli_out_begin(&o, "out/%s-effect-%s", runs[0].label, o.instrument)) ||
      cli_records_begin(&rec, dir, &o) != 0)
    goto done;
  for (; ran < 2; ran++) {
    bs_run_opts ro = cli_run_opts(&o, runs[ran].label);
    ro.disabled_instrument = ran == 1 ? instr : BS_INSTR_NONE;
    if (cli_records_for(&rec, &ro, runs[ran].label) != 0)
      goto done;
    if (bs_scenario_execute(&runs[ran], &ro, err, sizeof err) != 0) {
      cli_error("%s", err);
      goto done;
    }
  }
  if (cli_records_finish(&rec) != 0)
    goto done;
  bs_effect e;
  if (bs_effect_compute(&runs[0].res, &runs[1].res, instr, &e, err, sizeof err) != 0) {
    cli_error("%s", err);
    goto done;
  }
  /* the tables list the run without the instrument first, so that the paired
   * differences in compare.csv read "with - without" */
  order = malloc(2 * sizeof *order);
  extra = json_pack("{s:s}", "instrument", bs_instrument_names[instr]);
  if (!order || !extra) {
    cli_error("out of memory");
    goto done;
  }
  order[0] = runs[1];
  order[1] = runs[0];
  effect_file ef = {.scenario = runs[0].label, .e = &e};
  static const cli_file files[] = {CLI_FILE_OWN,          CLI_FILE_SUMMARY, CLI_FILE_COMPARE,
                                   CLI_FILE_SURVIVAL,     CLI_FILE_FLOW,    CLI_FILE_STOCK,
                                   CLI_FILE_STOCK_SUMMARY};
  cli_outputs w = {.command = "effect",
                   .files = files,
                   .nfiles = sizeof files / sizeof files[0],
                   .own_name = "effect.csv",
                   .own_write = write_effect,
                   .own_ctx = &ef,
                   .tables = order,
                   .ntables = 2,
                   .runs = runs,
                   .nruns = 2,
                   .wall_seconds = runs[0].res.wall_seconds + runs[1].res.wall_seconds,
                   .extra = extra};
  /* channels.csv: part of the set, computed before the set is written */
  size_t nch;
  bs_effect_channels(instr, &nch);
  if (nch > 0) {
    size_t chan_len = 0;
    FILE *cf = open_memstream(&chan_text, &chan_len);
    if (!cf) {
      cli_error("out of memory");
      goto done;
    }
    int crc = write_channels(cf, &o, &runs[0], instr, &e);
    if (fclose(cf) != 0 || crc != 0)
      goto done;
    w.text_name = "channels.csv";
    w.text_body = chan_text;
  }
  if (cli_write_outputs(dir, &o, &w) != 0)
    goto done;
  if (!o.quiet) {
    const bs_summary *p = &e.q[0][0][BS_EFF_PARTICIPANTS];
    cli_note("%s: %.1f participants per replication; wrote %s/effect.csv", o.instrument, p->mean,
             dir->shown);
    if (!(p->mean > 0))
      cli_note("note: no cohort client took part in %s; is it switched on in %s?", o.instrument,
               o.pos[0]);
  }
  cli_report_note(dir, &o);
  rc = 0;
done:
  cli_records_end(&rec);
  cli_out_end(dir);
  free(chan_text);
  json_decref(extra);
  free(order);
  for (size_t i = 0; i < ran; i++)
    bs_scenario_free(&runs[i]);
  free(runs);
  return rc;
}
