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
  fputs("usage: bijsim effect SCENARIO --instrument NAME [--replications R] [--seed S]\n"
        "                      [--threads T] [--out DIR] [--report] [--quiet]\n"
        "\n"
        "NAME is one of: work_first, trajectory, activation, sanctions, home_visits.\n"
        "Runs SCENARIO R times (default 20) as it is, and again with the instrument switched\n"
        "off for the same clients (same seed and replications: common random numbers).\n"
        "Participants are the cohort clients who took part in the instrument in the first\n"
        "run. Per replication:\n"
        "  gross          share of participants who left benefit within 12 months\n"
        "  counterfactual share of the same persons who left within 12 months without it\n"
        "  net effect     gross - counterfactual\n"
        "  deadweight     counterfactual / gross (outflow that would have happened anyway)\n"
        "each with a 95% interval over replications; also for leaving to work, by assigned\n"
        "kansmeter phase, by distance band (near/far), and for the whole cohort.\n"
        "Writes DIR/effect.csv, DIR/summary.csv, DIR/compare.csv, DIR/survival.csv,\n"
        "DIR/flow.csv (both runs) and DIR/run.json; DIR/report.html with --report.\n"
        "DIR defaults to out/NAME-effect-INSTRUMENT.\n",
        f);
}

int cmd_effect(int argc, char **argv) {
  cli_opts o;
  if (cli_parse("effect", argc, argv,
                OPT_SEED | OPT_REPLICATIONS | OPT_THREADS | OPT_OUT | OPT_QUIET | OPT_REPORT |
                    OPT_INSTRUMENT,
                &o) != 0)
    return 2;
  if (o.help) {
    usage(stdout);
    return 0;
  }
  if (o.npos != 1 || !o.instrument) {
    cli_error(o.npos != 1 ? "effect needs one scenario file (see 'bijsim effect --help')"
                          : "effect needs --instrument NAME (work_first, trajectory, activation, "
                            "sanctions or home_visits)");
    return 2;
  }
  int instr = bs_instrument_index(o.instrument);
  if (instr < 0) {
    cli_error("unknown instrument '%s': use work_first, trajectory, activation, sanctions or "
              "home_visits",
              o.instrument);
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
  bs_outset set = {0};
  if (cli_load(o.pos[0], &runs[0].params) != 0)
    goto done;
  runs[1].params = runs[0].params;
  snprintf(runs[0].label, sizeof runs[0].label, "%s", runs[0].params.run.name);
  snprintf(runs[1].label, sizeof runs[1].label, "%.60s_without_%s", runs[0].params.run.name,
           o.instrument);
  snprintf(runs[0].file, sizeof runs[0].file, "%s", o.pos[0]);
  snprintf(runs[1].file, sizeof runs[1].file, "%s", o.pos[0]);
  char dirbuf[4096];
  const char *dir = o.out;
  if (!dir) {
    snprintf(dirbuf, sizeof dirbuf, "out/%s-effect-%s", runs[0].label, o.instrument);
    dir = dirbuf;
  }
  if (bs_out_mkdir(dir, err, sizeof err) != 0) {
    cli_error("%s", err);
    goto done;
  }
  for (; ran < 2; ran++) {
    bs_run_opts ro = {.seed = o.seed,
                      .replications = o.replications,
                      .threads = o.threads,
                      .progress = cli_progress(&o),
                      .label = runs[ran].label,
                      .disabled_instrument = ran == 1 ? instr : BS_INSTR_NONE};
    if (bs_scenario_execute(&runs[ran], &ro, err, sizeof err) != 0) {
      cli_error("%s", err);
      goto done;
    }
  }
  bs_effect e;
  if (bs_effect_compute(&runs[0].res, &runs[1].res, instr, &e, err, sizeof err) != 0) {
    cli_error("%s", err);
    goto done;
  }
  FILE *fe = bs_out_open(&set, dir, "effect.csv", err, sizeof err);
  FILE *fs = fe ? bs_out_open(&set, dir, "summary.csv", err, sizeof err) : NULL;
  FILE *fc = fs ? bs_out_open(&set, dir, "compare.csv", err, sizeof err) : NULL;
  FILE *fv = fc ? bs_out_open(&set, dir, "survival.csv", err, sizeof err) : NULL;
  FILE *ff = fv ? bs_out_open(&set, dir, "flow.csv", err, sizeof err) : NULL;
  FILE *js = ff ? bs_out_open(&set, dir, "run.json", err, sizeof err) : NULL;
  if (!js)
    goto fail;
  /* the tables list the run without the instrument first, so that the paired
   * differences in compare.csv read "with - without" */
  bs_scenario_run *order = malloc(2 * sizeof *order);
  if (!order) {
    snprintf(err, sizeof err, "out of memory");
    goto fail;
  }
  order[0] = runs[1];
  order[1] = runs[0];
  bs_effect_write(fe, runs[0].label, &e);
  bs_write_summary(fs, order, 2);
  bs_write_compare(fc, order, 2);
  bs_write_flow(ff, order, 2);
  int src = bs_write_survival(fv, order, 2, err, sizeof err);
  free(order);
  if (src != 0)
    goto fail;
  char extra[256];
  snprintf(extra, sizeof extra, ",\n  \"instrument\": \"%s\"", bs_instrument_names[instr]);
  if (cli_write_run_json(js, "effect", &o, runs, 2,
                         runs[0].res.wall_seconds + runs[1].res.wall_seconds, extra) != 0) {
    snprintf(err, sizeof err, "out of memory writing run.json");
    goto fail;
  }
  if (bs_out_commit(&set, err, sizeof err) != 0) {
    cli_error("%s", err);
    goto done;
  }
  if (!o.quiet) {
    const bs_summary *p = &e.q[0][0][BS_EFF_PARTICIPANTS];
    fprintf(stderr, "bijsim: %s: %.1f participants per replication; wrote %s/effect.csv\n",
            o.instrument, p->mean, dir);
    if (!(p->mean > 0))
      fprintf(stderr, "bijsim: note: no cohort client took part in %s; is it switched on in %s?\n",
              o.instrument, o.pos[0]);
  }
  rc = o.report ? cli_report(dir, o.quiet) : 0;
  goto done;
fail:
  bs_out_abort(&set);
  cli_error("%s", err);
done:
  for (size_t i = 0; i < ran; i++)
    bs_scenario_free(&runs[i]);
  free(runs);
  return rc;
}
