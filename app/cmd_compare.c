/* cmd_compare.c: `bijsim compare BASE VARIANT...`: every scenario runs with
 * the same seed and replication indices (common random numbers), then the
 * tables and the paired differences variant - base are written. */
#include "analysis/compare.h"
#include "analysis/output.h"
#include "analysis/tables.h"
#include "app/cli.h"
#include "sim/config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Without --max-replications, --precision stops at this many. */
#define DEFAULT_MAX_REPLICATIONS 200

static void usage(FILE *f) {
  fputs("usage: bijsim compare BASE.yaml VARIANT.yaml [VARIANT.yaml ...] [--replications R]\n"
        "                       [--precision IND=HALF_WIDTH[,IND=...]] [--max-replications N]\n"
        "                       [--seed S] [--threads T] [--out DIR] [--report] [--lang en|nl]\n"
        "                       [--sensitivity SDIR ...] [--quiet] [--records [events]]\n"
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
        "  DIR/stock.csv       every replication's stock series (on benefit, applicants,\n"
        "                      cumulative entries, exits, admissions), per scenario\n"
        "  DIR/stock_summary.csv  the stock series' mean and 95% interval per day\n"
        "  DIR/targets.csv     observed figures the scenarios declare (targets), judged\n"
        "  DIR/run.json        seed, replications, every scenario's resolved parameters\n"
        "  DIR/report.html     with --report (--sensitivity SDIR: a 'bijsim sensitivity'\n"
        "                      output; the findings it matches list the parameters they\n"
        "                      depend on most, with their sources; implies --report)\n"
        "  DIR/spells.csv      with --records: one row per benefit spell, per scenario and\n"
        "                      replication (docs/analysis.md); --records events (or --events)\n"
        "                      adds DIR/events.csv, one row per event of every client\n"
        "DIR defaults to out/compare-BASE. Scenarios with the same run.name get a suffix\n"
        "(_2, _3 ...) in the output.\n"
        "\n"
        "--precision IND=W (e.g. sluitingsratio_true=0.01, a share: 1 percentage point)\n"
        "starts with R replications and adds R more at a time until the paired 95% interval\n"
        "of every variant's difference in IND is at most +/- W wide (every IND listed, in\n"
        "its own unit), or --max-replications N is reached (default 200). The stopping\n"
        "point depends only on the seed and R, so the output is the same as a plain run\n"
        "with that many replications, whatever --threads. run.json records it under\n"
        "\"precision\"; the report warns when the precision was not reached.\n"
        "--lang nl writes report.html in Dutch (default: the base scenario's run.lang).\n",
        f);
}

/* A --precision target: the indicator and the half-width asked for. */
typedef struct precision_target {
  long ind;
  const char *name;
  double half_width;
  double achieved; /* the largest half-width over the variants, last batch */
} precision_target;
enum { MAX_TARGETS = 64 };

/* Parses every --precision IND=W[,IND=W...]. 0, or 2 (a usage error, printed). */
static int parse_precision(const cli_opts *o, precision_target *t, size_t *n, char *buf,
                           size_t buflen) {
  *n = 0;
  size_t off = 0;
  for (size_t i = 0; i < o->nprecision; i++) {
    size_t len = strlen(o->precision[i]);
    if (off + len + 1 > buflen) {
      cli_error("--precision: the list is too long");
      return 2;
    }
    char *spec = memcpy(buf + off, o->precision[i], len + 1);
    off += len + 1;
    for (char *tok = spec, *next; tok; tok = next) {
      next = strchr(tok, ',');
      if (next)
        *next++ = 0;
      char *eq = strchr(tok, '=');
      if (!eq || eq == tok || !eq[1]) {
        cli_error("--precision expects INDICATOR=HALF_WIDTH, got '%s'", tok);
        return 2;
      }
      *eq = 0;
      long ind = bs_ext_index(tok);
      if (ind < 0) {
        cfg_suggestion sg = CFG_SUGGESTION_INIT;
        for (size_t k = 0; k < bs_ext_count(); k++)
          cfg_suggest_consider(&sg, tok, bs_ext_name(k));
        char hint[128];
        if (!*cfg_suggest_text(&sg, hint, sizeof hint))
          snprintf(hint, sizeof hint, " (the names are in docs/indicators.md)");
        cli_error("--precision: unknown indicator '%s'%s", tok, hint);
        return 2;
      }
      char *end;
      double w = strtod(eq + 1, &end);
      if (*end || !(w > 0) || !isfinite(w)) {
        cli_error("--precision %s: the half-width must be a positive number, got '%s'", tok,
                  eq + 1);
        return 2;
      }
      if (*n == MAX_TARGETS) {
        cli_error("--precision: at most %d indicators", MAX_TARGETS);
        return 2;
      }
      t[(*n)++] = (precision_target){ind, bs_ext_name((size_t)ind), w, NAN};
    }
  }
  return 0;
}

/* Every target's largest paired half-width over the variants; 1 when all
 * are within what was asked (a half-width that is not a number, e.g. of an
 * indicator undefined in every replication, is never within). */
static int precision_reached(const bs_scenario_run *runs, size_t n, precision_target *t,
                             size_t nt) {
  int ok = 1;
  for (size_t i = 0; i < nt; i++) {
    double worst = -INFINITY;
    for (size_t v = 1; v < n; v++) {
      bs_summary d;
      bs_compare_diff(&runs[0], &runs[v], (size_t)t[i].ind, &d);
      double half = (d.ci_high - d.ci_low) / 2;
      worst = isfinite(half) ? fmax(worst, half) : NAN;
      if (!isfinite(worst))
        break;
    }
    t[i].achieved = worst;
    ok &= isfinite(worst) && worst <= t[i].half_width;
  }
  return ok;
}

/* run.json's "precision": what was asked and what was reached. */
static json_t *precision_json(const precision_target *t, size_t nt, size_t batch, size_t max,
                              int reached) {
  json_t *list = json_array();
  for (size_t i = 0; list && i < nt; i++)
    if (json_array_append_new(
            list, json_pack("{s:s, s:f, s:o}", "indicator", t[i].name, "half_width",
                            t[i].half_width, "achieved",
                            isfinite(t[i].achieved) ? json_real(t[i].achieved) : json_null()))) {
      json_decref(list);
      list = NULL;
    }
  if (!list)
    return NULL;
  return json_pack("{s:{s:I, s:I, s:b, s:o}}", "precision", "batch", (json_int_t)batch,
                   "max_replications", (json_int_t)max, "reached", reached, "indicators", list);
}

int cmd_compare(int argc, char **argv) {
  cli_opts o;
  int st = cli_begin("compare", argc, argv,
                     OPT_ANALYSIS_RECORDS | OPT_PRECISION | OPT_MAX_REPLICATIONS | OPT_SENSITIVITY,
                     usage, &o);
  if (st != CLI_GO_ON)
    return st;
  if (o.npos < 2) {
    cli_error("compare needs a base scenario and at least one variant (see 'bijsim compare "
              "--help')");
    return 2;
  }
  if (!o.replications_set)
    o.replications = 20;
  precision_target targets[MAX_TARGETS];
  size_t ntargets = 0;
  char specs[4096];
  if (parse_precision(&o, targets, &ntargets, specs, sizeof specs) != 0)
    return 2;
  if (o.max_replications && !ntargets) {
    cli_error("--max-replications goes with --precision (see 'bijsim compare --help')");
    return 2;
  }
  if (ntargets && o.records != CLI_RECORDS_NONE) {
    /* the records are written while the scenarios run, one after the other;
     * batches would interleave them */
    cli_error("--precision does not go with --records (run the number of replications it "
              "reached with --records instead)");
    return 2;
  }
  size_t max_reps = o.max_replications ? o.max_replications : DEFAULT_MAX_REPLICATIONS;
  if (ntargets && max_reps < o.replications) {
    cli_error("--max-replications %zu is below --replications %zu", max_reps, o.replications);
    return 2;
  }
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
  json_t *extra = NULL;
  int reached = 0;
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
  /* --precision: batches of R more until the intervals are narrow enough */
  while (ntargets) {
    size_t R = runs[0].res.replications;
    reached = precision_reached(runs, n, targets, ntargets);
    if (reached || R >= max_reps)
      break;
    size_t more = o.replications < max_reps - R ? o.replications : max_reps - R;
    for (size_t i = 0; i < n; i++) {
      bs_run_opts ro = cli_run_opts(&o, runs[i].label);
      double before = runs[i].res.wall_seconds;
      if (bs_scenario_extend(&runs[i], &ro, more, err, sizeof err) != 0) {
        cli_error("%s: %s", runs[i].file, err);
        goto done;
      }
      wall += runs[i].res.wall_seconds - before;
    }
  }
  if (ntargets) {
    if (!(extra = precision_json(targets, ntargets, o.replications, max_reps, reached))) {
      cli_error("out of memory");
      goto done;
    }
    if (!o.quiet) {
      if (reached)
        cli_note("precision reached with %zu replications", runs[0].res.replications);
      else
        for (size_t i = 0; i < ntargets; i++)
          if (!(targets[i].achieved <= targets[i].half_width))
            cli_note("precision not reached within %zu replications: %s half-width %.4g > %.4g",
                     runs[0].res.replications, targets[i].name, targets[i].achieved,
                     targets[i].half_width);
    }
  }
  if (cli_records_finish(&rec) != 0)
    goto done;
  static const cli_file files[] = {CLI_FILE_COMPARE,      CLI_FILE_SUMMARY, CLI_FILE_INDICATORS,
                                   CLI_FILE_SURVIVAL,     CLI_FILE_FLOW,    CLI_FILE_STOCK,
                                   CLI_FILE_STOCK_SUMMARY};
  cli_outputs w = {.command = "compare",
                   .files = files,
                   .nfiles = sizeof files / sizeof files[0],
                   .tables = runs,
                   .ntables = n,
                   .runs = runs,
                   .nruns = n,
                   .wall_seconds = wall,
                   .extra = extra};
  if (cli_write_outputs(dir, &o, &w) != 0)
    goto done;
  if (!o.quiet)
    cli_note("compared %zu scenarios, %zu paired replications: wrote %s/compare.csv", n,
             runs[0].res.replications, dir->shown);
  cli_report_note(dir, &o);
  rc = 0;
done:
  json_decref(extra);
  cli_records_end(&rec);
  cli_out_end(dir);
  for (size_t i = 0; i < ran; i++)
    bs_scenario_free(&runs[i]);
  free(runs);
  return rc;
}
