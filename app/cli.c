/* cli.c: see cli.h. */
#include "app/cli.h"

#include "analysis/compare.h"
#include "analysis/lang.h"
#include "analysis/limits.h"
#include "analysis/output.h"
#include "analysis/report.h"
#include "analysis/tables.h"
#include "analysis/targets.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void cli_print_clean(FILE *f, const char *s) {
  char clean[4 * ERRLEN];
  bs_out_clean_text(clean, sizeof clean, s);
  fputs(clean, f);
  fputc('\n', f);
}

static void print_message(const char *fmt, va_list ap) {
  char msg[4 * ERRLEN];
  int n = snprintf(msg, sizeof msg, "bijsim: ");
  vsnprintf(msg + n, sizeof msg - (size_t)n, fmt, ap);
  cli_print_clean(stderr, msg);
}

void cli_error(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  print_message(fmt, ap);
  va_end(ap);
}

void cli_note(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  print_message(fmt, ap);
  va_end(ap);
}

/* Default thread count: the online processors (1..64). */
static int cli_default_threads(void) {
  long n = sysconf(_SC_NPROCESSORS_ONLN);
  if (n < 1)
    n = 1;
  if (n > 64)
    n = 64;
  return (int)n;
}

/* The progress line is shown only on a terminal and without --quiet. */
static int cli_progress(const cli_opts *o) { return !o->quiet && isatty(STDERR_FILENO); }

static int parse_u64(const char *s, const char *flag, uint64_t *v) {
  char *end;
  errno = 0;
  unsigned long long x = strtoull(s, &end, 10);
  if (errno || *end || !*s || s[0] == '-' || s[0] == '+' || s[0] == ' ') {
    cli_error("%s expects a non-negative whole number, got '%s'", flag, s);
    return -1;
  }
  *v = x;
  return 0;
}

typedef struct flag_def {
  const char *name;
  unsigned bit;
  int takes_value;
} flag_def;

static const flag_def flags[] = {{"--seed", OPT_SEED, 1},
                                 {"--replications", OPT_REPLICATIONS, 1},
                                 {"--threads", OPT_THREADS, 1},
                                 {"--out", OPT_OUT, 1},
                                 {"--quiet", OPT_QUIET, 0},
                                 {"-q", OPT_QUIET, 0},
                                 {"--client", OPT_CLIENT, 1},
                                 {"--replication", OPT_REPLICATION, 1},
                                 {"--format", OPT_FORMAT, 1},
                                 {"--report", OPT_REPORT, 0},
                                 {"--instrument", OPT_INSTRUMENT, 1},
                                 {"--param", OPT_PARAM, 1},
                                 {"--sets", OPT_SETS, 1},
                                 {"--design", OPT_DESIGN, 1},
                                 {"--sample", OPT_SAMPLE, 1},
                                 {"--indicator", OPT_INDICATOR, 1},
                                 {"--method", OPT_METHOD, 1},
                                 {"--lang", OPT_LANG, 1},
                                 {"--precision", OPT_PRECISION, 1},
                                 {"--max-replications", OPT_MAX_REPLICATIONS, 1}};

static int set_flag(const char *cmd, const flag_def *d, const char *val, cli_opts *o) {
  uint64_t v;
  switch (d->bit) {
  case OPT_SEED:
    return parse_u64(val, d->name, &o->seed);
  case OPT_REPLICATIONS:
    if (parse_u64(val, d->name, &v) != 0)
      return -1;
    if (v < 1 || v > 1000000) {
      cli_error("--replications must be between 1 and 1000000, got %s", val);
      return -1;
    }
    o->replications = (size_t)v;
    o->replications_set = 1;
    return 0;
  case OPT_THREADS:
    if (parse_u64(val, d->name, &v) != 0)
      return -1;
    if (v < 1 || v > 256) {
      cli_error("--threads must be between 1 and 256, got %s", val);
      return -1;
    }
    o->threads = (int)v;
    return 0;
  case OPT_CLIENT:
    if (parse_u64(val, d->name, &v) != 0)
      return -1;
    if (v > UINT32_MAX - 1) {
      cli_error("--client is too large: %s", val);
      return -1;
    }
    o->client = (long)v;
    return 0;
  case OPT_REPLICATION:
    if (parse_u64(val, d->name, &v) != 0)
      return -1;
    o->replication = (size_t)v;
    return 0;
  case OPT_OUT:
    if (!*val) {
      cli_error("--out needs a directory");
      return -1;
    }
    o->out = val;
    return 0;
  case OPT_FORMAT:
    if (!strcmp(val, "json"))
      o->json = 1;
    else if (strcmp(val, "text")) {
      cli_error("--format is text or json, not '%s'", val);
      return -1;
    }
    return 0;
  case OPT_INSTRUMENT:
    o->instrument = val;
    return 0;
  case OPT_PARAM:
    if (o->nparam == CLI_MAX_PARAMS) {
      cli_error("%s: at most %d --param options", cmd, CLI_MAX_PARAMS);
      return -1;
    }
    o->param[o->nparam++] = val;
    return 0;
  case OPT_SETS:
    if (parse_u64(val, d->name, &v) != 0)
      return -1;
    if (v < 2 || v > 1000000) {
      cli_error("--sets must be between 2 and 1000000, got %s", val);
      return -1;
    }
    o->sets = (size_t)v;
    o->sets_set = 1;
    return 0;
  case OPT_DESIGN:
  case OPT_METHOD:
    if (d->bit == OPT_DESIGN ? strcmp(val, "lhs") && strcmp(val, "sobol")
                             : strcmp(val, "morris") && strcmp(val, "sobol")) {
      cli_error("%s is %s, not '%s'", d->name,
                d->bit == OPT_DESIGN ? "lhs or sobol" : "morris or sobol", val);
      return -1;
    }
    *(d->bit == OPT_DESIGN ? &o->design : &o->method) = val;
    return 0;
  case OPT_SAMPLE:
  case OPT_INDICATOR:
    if (!*val) {
      cli_error("%s needs a value", d->name);
      return -1;
    }
    *(d->bit == OPT_SAMPLE ? &o->sample : &o->indicator) = val;
    return 0;
  case OPT_LANG:
    if ((o->lang = bs_lang_index(val)) < 0) {
      cli_error("--lang is en or nl, not '%s'", val);
      return -1;
    }
    return 0;
  case OPT_PRECISION:
    if (o->nprecision == CLI_MAX_PARAMS) {
      cli_error("%s: at most %d --precision options", cmd, CLI_MAX_PARAMS);
      return -1;
    }
    o->precision[o->nprecision++] = val;
    return 0;
  case OPT_MAX_REPLICATIONS:
    if (parse_u64(val, d->name, &v) != 0)
      return -1;
    if (v < 2 || v > 1000000) {
      cli_error("--max-replications must be between 2 and 1000000, got %s", val);
      return -1;
    }
    o->max_replications = (size_t)v;
    return 0;
  case OPT_QUIET:
    o->quiet = 1;
    return 0;
  case OPT_REPORT:
    o->report = 1;
    return 0;
  }
  return -1;
}

int cli_parse(const char *cmd, int argc, char **argv, unsigned allowed, cli_opts *o) {
  memset(o, 0, sizeof *o);
  o->seed = 1;
  o->replications = 1;
  o->threads = cli_default_threads();
  o->client = -1;
  o->lang = -1;
  for (int i = 0; i < argc; i++) {
    const char *a = argv[i];
    if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
      o->help = 1;
      continue;
    }
    /* --flag=value is accepted too */
    const char *eq = strncmp(a, "--", 2) == 0 ? strchr(a, '=') : NULL;
    size_t alen = eq ? (size_t)(eq - a) : strlen(a);
    const flag_def *d = NULL;
    for (size_t k = 0; k < sizeof flags / sizeof flags[0]; k++)
      if (strlen(flags[k].name) == alen && strncmp(flags[k].name, a, alen) == 0)
        d = &flags[k];
    if (d) {
      if (!(allowed & d->bit)) {
        cli_error("%s does not take %.*s (see 'bijsim %s --help')", cmd, (int)alen, a, cmd);
        return -1;
      }
      const char *val = NULL;
      if (d->takes_value) {
        if (eq)
          val = eq + 1;
        else if (i + 1 < argc)
          val = argv[++i];
        else {
          cli_error("%s needs a value", d->name);
          return -1;
        }
      } else if (eq) {
        cli_error("%s takes no value", d->name);
        return -1;
      }
      if (set_flag(cmd, d, val, o) != 0)
        return -1;
    } else if (a[0] == '-' && a[1]) {
      cli_error("unknown option '%s' for %s (see 'bijsim %s --help')", a, cmd, cmd);
      return -1;
    } else if (o->npos < CLI_MAX_POS) {
      o->pos[o->npos++] = a;
    } else {
      cli_error("too many arguments (at most %d)", CLI_MAX_POS);
      return -1;
    }
  }
  return 0;
}

int cli_begin(const char *cmd, int argc, char **argv, unsigned allowed, void (*usage)(FILE *),
              cli_opts *o) {
  if (cli_parse(cmd, argc, argv, allowed, o) != 0)
    return 2;
  if (o->help) {
    usage(stdout);
    return 0;
  }
  return CLI_GO_ON;
}

int cli_load(const char *path, bs_params *p) {
  char err[ERRLEN];
  if (bs_params_load(path, p, err, sizeof err) != 0 || bs_targets_check(p, err, sizeof err) != 0 ||
      bs_check_scenario(path, p, err, sizeof err) != 0) {
    cli_print_clean(stderr, err);
    return -1;
  }
  return 0;
}

int cli_load_run(const char *path, bs_scenario_run *r) {
  if (cli_load(path, &r->params) != 0)
    return -1;
  snprintf(r->label, sizeof r->label, "%s", r->params.run.name);
  snprintf(r->file, sizeof r->file, "%s", path);
  return 0;
}

bs_outdir *cli_out_begin(const cli_opts *o, const char *fmt, ...) {
  char buf[BS_OUT_PATH];
  const char *dir = o->out;
  if (!dir) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    dir = buf;
  }
  char err[ERRLEN];
  bs_outdir *d = malloc(sizeof *d);
  if (!d || bs_outdir_begin(d, dir, err, sizeof err) != 0) {
    cli_error("%s", d ? err : "out of memory");
    free(d);
    return NULL;
  }
  return d;
}

void cli_out_end(bs_outdir *d) {
  if (d)
    bs_outdir_end(d);
  free(d);
}

int cli_out_commit(bs_outdir *d, const cli_opts *o) {
  char err[ERRLEN];
  int rc = 0;
  if (o->report && d->stage[0])
    rc = bs_report_build(d->stage, d, o->lang, err, sizeof err);
  if (rc == 0)
    rc = bs_outdir_commit(d, err, sizeof err);
  if (rc != 0)
    cli_error("%s", err);
  return rc;
}

void cli_report_note(const bs_outdir *d, const cli_opts *o) {
  if (o->report && !o->quiet)
    cli_note("wrote %s/report.html", d->shown);
}

bs_run_opts cli_run_opts(const cli_opts *o, const char *label) {
  return (bs_run_opts){.seed = o->seed,
                       .replications = o->replications,
                       .threads = o->threads,
                       .progress = cli_progress(o),
                       .label = label};
}

/* The resolved parameters as a JSON value: bs_params_json's text (reals with
 * 17 digits, so nothing is lost) read back. */
static json_t *params_json(const bs_params *p) {
  long n = bs_params_json(p, NULL, 0);
  char *buf = n >= 0 ? malloc((size_t)n + 1) : NULL;
  json_t *v = NULL;
  if (buf && bs_params_json(p, buf, (size_t)n + 1) == n)
    v = json_loadb(buf, (size_t)n, 0, NULL);
  free(buf);
  return v;
}

/* Writes run.json for `command` (run/compare/effect/sweep) describing the
 * scenario runs; the members of the object `extra` (may be NULL) are added as
 * further members, in their order. Returns 0 or -1 (out of memory). */
static int cli_write_run_json(FILE *f, const char *command, const cli_opts *o,
                              const bs_scenario_run *runs, size_t n, double wall_seconds,
                              const json_t *extra) {
  uint64_t events = 0;
  for (size_t i = 0; i < n; i++)
    events += runs[i].res.events;
  size_t R = n ? runs[0].res.replications : 0;
  /* run: the layout of the first version (the scenario first, the command
   * after the parameters), kept for existing readers */
  int first_layout = !strcmp(command, "run") && n == 1;
  json_t *doc = json_object();
  int bad = 0;
  if (first_layout) {
    bad |= json_object_set_new(doc, "scenario", bs_out_json_text(runs[0].label));
    bad |= json_object_set_new(doc, "file", bs_out_json_text(runs[0].file));
  } else {
    bad |= json_object_set_new(doc, "command", bs_out_json_text(command));
  }
  bad |= json_object_set_new(doc, "version", json_string(BIJSIM_VERSION));
  bad |= json_object_set_new(doc, "seed", bs_out_json_u64(o->seed));
  bad |= json_object_set_new(doc, "replications", json_integer((json_int_t)R));
  bad |= json_object_set_new(doc, "threads", json_integer(o->threads));
  bad |= json_object_set_new(doc, "wall_seconds", json_real(bs_out_rounded(wall_seconds, 3)));
  bad |= json_object_set_new(doc, "events_processed", bs_out_json_u64(events));
  if (first_layout) {
    bad |= json_object_set_new(doc, "parameters", params_json(&runs[0].params));
    bad |= json_object_set_new(doc, "command", json_string("run"));
  }
  if (extra)
    bad |= json_object_update(doc, (json_t *)extra);
  if (!first_layout) {
    json_t *scenarios = json_array();
    bad |= json_object_set_new(doc, "scenarios", scenarios);
    for (size_t i = 0; i < n && !bad; i++)
      bad |= json_array_append_new(
          scenarios,
          json_pack("{s:o, s:o, s:o}", "scenario", bs_out_json_text(runs[i].label), "file",
                    bs_out_json_text(runs[i].file), "parameters", params_json(&runs[i].params)));
  }
  if (!bad)
    bad = bs_out_json(f, doc);
  json_decref(doc);
  return bad ? -1 : 0;
}

int cli_finish_outputs(bs_outset *set, FILE *js, const char *command, const cli_opts *o,
                       const bs_scenario_run *runs, size_t n, double wall_seconds,
                       const json_t *extra) {
  char err[ERRLEN];
  if (cli_write_run_json(js, command, o, runs, n, wall_seconds, extra) != 0)
    snprintf(err, sizeof err, "out of memory writing run.json");
  else if (bs_out_commit(set, err, sizeof err) == 0)
    return 0;
  bs_out_abort(set);
  cli_error("%s", err);
  return -1;
}

static const char *const file_names[] = {[CLI_FILE_INDICATORS] = "indicators.csv",
                                         [CLI_FILE_SUMMARY] = "summary.csv",
                                         [CLI_FILE_COMPARE] = "compare.csv",
                                         [CLI_FILE_SURVIVAL] = "survival.csv",
                                         [CLI_FILE_FLOW] = "flow.csv",
                                         [CLI_FILE_STOCK] = "stock.csv",
                                         [CLI_FILE_STOCK_SUMMARY] = "stock_summary.csv"};

int cli_write_outputs(bs_outdir *dir, const cli_opts *o, const cli_outputs *w) {
  char err[ERRLEN];
  bs_outset set = {0};
  FILE *f[BS_OUT_MAX];
  if (w->nfiles >= BS_OUT_MAX) {
    snprintf(err, sizeof err, "too many output files");
    goto fail;
  }
  for (size_t i = 0; i < w->nfiles; i++) {
    const char *name = w->files[i] == CLI_FILE_OWN ? w->own_name : file_names[w->files[i]];
    if (!(f[i] = bs_out_open(&set, dir, name, err, sizeof err)))
      goto fail;
  }
  FILE *tg = NULL; /* targets.csv, when a scenario declares observed figures */
  if (bs_targets_any(w->tables, w->ntables) &&
      !(tg = bs_out_open(&set, dir, "targets.csv", err, sizeof err)))
    goto fail;
  FILE *js = bs_out_open(&set, dir, "run.json", err, sizeof err);
  if (!js)
    goto fail;
  if (w->text_name) {
    FILE *tf = bs_out_open(&set, dir, w->text_name, err, sizeof err);
    if (!tf)
      goto fail;
    fputs(w->text_body ? w->text_body : "", tf);
  }
  if (tg)
    bs_write_targets(tg, w->tables, w->ntables);
  for (size_t i = 0; i < w->nfiles; i++) {
    const bs_scenario_run *t = w->tables;
    size_t n = w->ntables;
    switch (w->files[i]) {
    case CLI_FILE_OWN:
      w->own_write(f[i], w->own_ctx);
      break;
    case CLI_FILE_INDICATORS:
      bs_write_indicators(f[i], t, n, o->seed);
      break;
    case CLI_FILE_SUMMARY:
      bs_write_summary(f[i], t, n);
      break;
    case CLI_FILE_COMPARE:
      bs_write_compare(f[i], t, n);
      break;
    case CLI_FILE_SURVIVAL:
      if (bs_write_survival(f[i], t, n, err, sizeof err) != 0)
        goto fail;
      break;
    case CLI_FILE_FLOW:
      bs_write_flow(f[i], t, n);
      break;
    case CLI_FILE_STOCK:
      bs_write_stock(f[i], t, n);
      break;
    case CLI_FILE_STOCK_SUMMARY:
      bs_write_stock_summary(f[i], t, n);
      break;
    }
  }
  if (cli_finish_outputs(&set, js, w->command, o, w->runs, w->nruns, w->wall_seconds, w->extra))
    return -1;
  return cli_out_commit(dir, o);
fail:
  bs_out_abort(&set);
  cli_error("%s", err);
  return -1;
}

int cli_report(const char *dir, int quiet, int lang) {
  char err[ERRLEN];
  if (bs_report_write(dir, lang, err, sizeof err) != 0) {
    cli_error("%s", err);
    return 1;
  }
  if (!quiet)
    cli_note("wrote %s/report.html", dir);
  return 0;
}
