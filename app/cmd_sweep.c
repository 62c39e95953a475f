/* cmd_sweep.c: `bijsim sweep SCENARIO --param PATH=v1,v2,...`: one parameter
 * at a time takes each listed value, the others stay as in the scenario;
 * every point runs with the same seed and replications (common random
 * numbers), so neighbouring points differ by the parameter, not by luck. */
#include "analysis/limits.h"
#include "analysis/output.h"
#include "analysis/tables.h"
#include "app/cli.h"

#include <stdlib.h>
#include <string.h>

#define MAX_VALUES 64

static void usage(FILE *f) {
  fputs(
      "usage: bijsim sweep SCENARIO --param PATH=V1,V2,... [--param PATH=...] [--replications R]\n"
      "                     [--seed S] [--threads T] [--out DIR] [--report] [--lang en|nl]\n"
      "                     [--quiet]\n"
      "\n"
      "One-at-a-time sweep: for each --param, PATH (a dotted scenario key, e.g.\n"
      "trajectory.lock_in or case_management.model) takes each value in turn while every\n"
      "other parameter keeps its scenario value. Values are checked like the scenario file\n"
      "before anything runs. Each point runs R times (default 10) with the same seed, so\n"
      "replication k simulates the same persons at every point (common random numbers) and\n"
      "each point is compared, pair by pair, with the parameter's first value: list the\n"
      "reference (e.g. the scenario's own value) first. Writes:\n"
      "  DIR/sweep.csv          every replication: param,point,label,value,replication,\n"
      "                         indicator,estimate,diff (diff: minus the first point's)\n"
      "  DIR/sweep_summary.csv  param,point,label,value,indicator,mean,ci_low,ci_high,sd,n,\n"
      "                         diff_mean,diff_ci_low,diff_ci_high,diff_sd,excludes_zero\n"
      "  DIR/run.json; DIR/report.html with --report (charts per parameter: a line over\n"
      "                         a number, bars for named settings; the largest changes\n"
      "                         as key findings)\n"
      "label is the value as given, value the same as a number (NA when it is not one).\n"
      "DIR defaults to out/NAME-sweep.\n"
      "\n"
      "example: bijsim sweep scenarios/baseline.yaml --param trajectory.lock_in=0.4,0.6,0.8,1\n",
      f);
}

typedef struct sweep_param {
  char path[128];
  char *values[MAX_VALUES];
  size_t nvalues;
  char buf[1024];
} sweep_param;

/* Splits "PATH=v1,v2" and checks every value on a copy of base. */
static int parse_param(const char *spec, const bs_params *base, sweep_param *sp) {
  /* the value becomes a line of YAML: a line break would add other keys */
  for (const char *c = spec; *c; c++)
    if ((unsigned char)*c < 0x20 || *c == 0x7f) {
      cli_error("--param '%s': control characters (a line break, a tab) are not allowed", spec);
      return -1;
    }
  const char *eq = strchr(spec, '=');
  if (!eq || eq == spec || !eq[1]) {
    cli_error("--param expects PATH=V1,V2,..., got '%s'", spec);
    return -1;
  }
  size_t plen = (size_t)(eq - spec);
  if (plen >= sizeof sp->path || strlen(eq + 1) >= sizeof sp->buf) {
    cli_error("--param '%s' is too long", spec);
    return -1;
  }
  memcpy(sp->path, spec, plen);
  sp->path[plen] = 0;
  snprintf(sp->buf, sizeof sp->buf, "%s", eq + 1);
  sp->nvalues = 0;
  for (char *tok = sp->buf;;) {
    char *comma = strchr(tok, ',');
    if (comma)
      *comma = 0;
    if (!*tok) {
      cli_error("--param %s: empty value in the list", sp->path);
      return -1;
    }
    if (sp->nvalues == MAX_VALUES) {
      cli_error("--param %s: at most %d values", sp->path, MAX_VALUES);
      return -1;
    }
    sp->values[sp->nvalues++] = tok;
    if (!comma)
      break;
    tok = comma + 1;
  }
  for (size_t i = 0; i < sp->nvalues; i++) {
    bs_params p = *base;
    char err[ERRLEN];
    if (bs_params_set(&p, sp->path, sp->values[i], err, sizeof err) != 0 ||
        bs_check_run(&p, 1, 1, NULL, err, sizeof err) != 0) {
      cli_error("--param %s=%s: %s", sp->path, sp->values[i], err);
      return -1;
    }
  }
  return 0;
}

/* {"sweep": [{"param": PATH, "values": [V1, ...]}, ...]}, or NULL when out of
 * memory. */
static json_t *sweep_json(const sweep_param *sp, size_t n) {
  json_t *list = json_array();
  for (size_t i = 0; list && i < n; i++) {
    json_t *values = json_array();
    for (size_t v = 0; values && v < sp[i].nvalues; v++)
      if (json_array_append_new(values, bs_out_json_text(sp[i].values[v]))) {
        json_decref(values);
        values = NULL;
      }
    if (json_array_append_new(list, json_pack("{s:o, s:o}", "param", bs_out_json_text(sp[i].path),
                                              "values", values))) {
      json_decref(list);
      list = NULL;
    }
  }
  return list ? json_pack("{s:o}", "sweep", list) : NULL;
}

int cmd_sweep(int argc, char **argv) {
  cli_opts o;
  int st = cli_begin("sweep", argc, argv, OPT_ANALYSIS | OPT_PARAM, usage, &o);
  if (st != CLI_GO_ON)
    return st;
  if (o.npos != 1 || o.nparam == 0) {
    cli_error(o.npos != 1 ? "sweep needs one scenario file (see 'bijsim sweep --help')"
                          : "sweep needs at least one --param PATH=V1,V2,...");
    return 2;
  }
  if (!o.replications_set)
    o.replications = 10;
  bs_scenario_run *run = calloc(1, sizeof *run);
  bs_scenario_run *ref = calloc(1, sizeof *ref); /* the parameter's first point */
  int have_ref = 0;
  sweep_param *sp = calloc(o.nparam, sizeof *sp);
  int rc = 1;
  char err[ERRLEN];
  bs_outset set = {0};
  json_t *extra = NULL;
  bs_outdir *dir = NULL;
  if (!run || !ref || !sp) {
    cli_error("out of memory");
    goto done;
  }
  bs_params base;
  if (cli_load(o.pos[0], &base) != 0)
    goto done;
  for (size_t i = 0; i < o.nparam; i++)
    if (parse_param(o.param[i], &base, &sp[i]) != 0) {
      rc = 2;
      goto done;
    }
  if (!(dir = cli_out_begin(&o, "out/%s-sweep", base.run.name)))
    goto done;
  FILE *fw = bs_out_open(&set, dir, "sweep.csv", err, sizeof err);
  FILE *fs = fw ? bs_out_open(&set, dir, "sweep_summary.csv", err, sizeof err) : NULL;
  FILE *js = fs ? bs_out_open(&set, dir, "run.json", err, sizeof err) : NULL;
  if (!js)
    goto fail;
  bs_write_sweep_headers(fw, fs);
  double wall = 0;
  uint64_t events = 0;
  for (size_t i = 0; i < o.nparam; i++)
    for (size_t v = 0; v < sp[i].nvalues; v++) {
      run->params = base;
      bs_params_set(&run->params, sp[i].path, sp[i].values[v], err, sizeof err);
      snprintf(run->label, sizeof run->label, "%.40s %.40s=%.10s", base.run.name, sp[i].path,
               sp[i].values[v]);
      bs_run_opts ro = cli_run_opts(&o, run->label);
      if (bs_scenario_execute(run, &ro, err, sizeof err) != 0)
        goto fail;
      bs_write_sweep_point(fw, fs, sp[i].path, v, sp[i].values[v], run, v ? ref : NULL);
      wall += run->res.wall_seconds;
      events += run->res.events;
      if (v == 0) { /* kept as the reference of the parameter's other points */
        if (have_ref)
          bs_scenario_free(ref);
        *ref = *run;
        have_ref = 1;
        memset(run, 0, sizeof *run);
      } else {
        bs_scenario_free(run);
      }
    }
  /* run.json: the base scenario, and the sweep as a further member */
  extra = sweep_json(sp, o.nparam);
  if (!extra) {
    snprintf(err, sizeof err, "out of memory writing run.json");
    goto fail;
  }
  run->params = base;
  snprintf(run->label, sizeof run->label, "%s", base.run.name);
  snprintf(run->file, sizeof run->file, "%s", o.pos[0]);
  run->res.replications = o.replications;
  run->res.events = events;
  if (cli_finish_outputs(&set, js, "sweep", &o, run, 1, wall, extra) != 0 ||
      cli_out_commit(dir, &o) != 0)
    goto done;
  if (!o.quiet)
    cli_note("wrote %s/sweep.csv, sweep_summary.csv and run.json", dir->shown);
  cli_report_note(dir, &o);
  rc = 0;
  goto done;
fail:
  bs_out_abort(&set);
  cli_error("%s", err);
done:
  cli_out_end(dir);
  json_decref(extra);
  if (run)
    bs_scenario_free(run);
  if (have_ref)
    bs_scenario_free(ref);
  free(run);
  free(ref);
  free(sp);
  return rc;
}
