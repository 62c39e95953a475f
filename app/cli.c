/* cli.c: see cli.h. */
#define _XOPEN_SOURCE 700 /* realpath */
#include "app/cli.h"

#include "analysis/compare.h"
#include "analysis/lang.h"
#include "analysis/limits.h"
#include "analysis/output.h"
#include "analysis/report.h"
#include "analysis/sha256.h"
#include "analysis/tables.h"
#include "analysis/targets.h"
#include "sim/config.h"

#include "app/ranks.h"
#include "bijsim_commit.h" /* BIJSIM_COMMIT (cmake/version.cmake) */

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

void cli_print_clean(FILE *f, const char *s) {
  char clean[4 * ERRLEN];
  bs_out_clean_text(clean, sizeof clean, s);
  fputs(clean, f);
  fputc('\n', f);
}

/* Only rank 0 of an MPI job prints: every rank that runs a command has the
 * same inputs, so the same message. */
static void print_message(const char *fmt, va_list ap) {
  if (rank_id() != 0)
    return;
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

/* takes_value: 0 none, 1 one (the next argument or after '='), 2 an
 * optional one of a fixed set (after '=', or the next argument when it is
 * one of them: --records events) */
typedef struct flag_def {
  const char *name;
  unsigned bit;
  int takes_value;
} flag_def;

static const char *const records_values[] = {"spells", "events", NULL};

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
                                 {"--records", OPT_RECORDS, 2},
                                 {"--events", OPT_RECORDS, 0},
                                 {"--find", OPT_FIND, 1},
                                 {"--list", OPT_LIST, 0},
                                 {"--compare", OPT_COMPARE, 0},
                                 {"--html", OPT_FORMAT, 0},
                                 {"--sensitivity", OPT_SENSITIVITY, 1},

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
    if (!val) /* --html */
      o->format = CLI_FORMAT_HTML;
    else if (!strcmp(val, "json"))
      o->format = CLI_FORMAT_JSON;
    else if (!strcmp(val, "html"))
      o->format = CLI_FORMAT_HTML;
    else if (!strcmp(val, "text"))
      o->format = CLI_FORMAT_TEXT;
    else {
      cli_error("--format is text, json or html, not '%s'", val);
      return -1;
    }
    return 0;
  case OPT_RECORDS:
    if (!val) /* --records alone: spells; --events: spells and events */
      o->records = !strcmp(d->name, "--events") ? CLI_RECORDS_EVENTS
                                                : (o->records ? o->records : CLI_RECORDS_SPELLS);
    else if (!strcmp(val, "events"))
      o->records = CLI_RECORDS_EVENTS;
    else if (!strcmp(val, "spells"))
      o->records = o->records ? o->records : CLI_RECORDS_SPELLS;
    else {
      cli_error("--records is spells or events, not '%s'", val);
      return -1;
    }
    return 0;
  case OPT_FIND:
    if (!*val) {
      cli_error("--find needs a property");
      return -1;
    }
    o->find = val;
    return 0;
  case OPT_LIST:
    o->list = 1;
    return 0;
  case OPT_COMPARE:
    o->compare = 1;
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
  case OPT_SENSITIVITY:
    if (o->nsens == BS_REPORT_MAX_SENS) {
      cli_error("%s: at most %d --sensitivity options", cmd, BS_REPORT_MAX_SENS);
      return -1;
    }
    if (!*val) {
      cli_error("--sensitivity needs a directory (the output of 'bijsim sensitivity')");
      return -1;
    }
    o->sens[o->nsens++] = val;
    o->report = 1;
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

/* " (did you mean '--x'?)" for a mistyped option: the closest option the
 * command takes (the loader's suggestion rule, sim/config.h), or "". */
static const char *suggest_flag(const char *a, size_t alen, unsigned allowed, char *buf,
                                size_t size) {
  char name[64];
  snprintf(name, sizeof name, "%.*s", (int)alen, a);
  cfg_suggestion sg = CFG_SUGGESTION_INIT;
  cfg_suggest_consider(&sg, name, "--help");
  for (size_t k = 0; k < sizeof flags / sizeof flags[0]; k++)
    if ((allowed & flags[k].bit) && flags[k].name[1] == '-')
      cfg_suggest_consider(&sg, name, flags[k].name);
  /* "--rep": an option it begins is a better guess than one two edits away
   * ("--help"); a prefix only for a real word ("--rep", not "-") */
  if (sg.prefix && sg.dist >= 2 && alen >= 4) {
    snprintf(buf, size, " (did you mean '%s'?)", sg.prefix);
    return buf;
  }
  if (sg.dist > 2 && alen < 4)
    return "";
  return cfg_suggest_text(&sg, buf, size);
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
      if (d->takes_value == 2) {
        if (eq)
          val = eq + 1;
        else if (i + 1 < argc)
          for (size_t k = 0; records_values[k]; k++)
            if (!strcmp(argv[i + 1], records_values[k])) {
              val = argv[++i];
              break;
            }
      } else if (d->takes_value) {
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
      char hint[128];
      cli_error("unknown option '%.*s' for %s%s (see 'bijsim %s --help')", (int)alen, a, cmd,
                suggest_flag(a, alen, allowed, hint, sizeof hint), cmd);
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
  /* before anything runs: a --sensitivity result the report cannot read */
  for (size_t i = 0; i < o->nsens; i++) {
    char err[ERRLEN];
    if (bs_report_check_sensitivity(o->sens[i], err, sizeof err) != 0) {
      cli_error("%s", err);
      return 2;
    }
  }
  return CLI_GO_ON;
}

const char *cli_shipped_scenarios(char *buf, size_t len) {
  struct stat st;
  /* installed: PREFIX/bin/bijsim next to PREFIX/share/bijsim/scenarios */
  char exe[BS_OUT_PATH];
  ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
  if (n > 0) {
    exe[n] = '\0';
    char *slash = strrchr(exe, '/');
    if (slash) {
      *slash = '\0';
      char dir[BS_OUT_PATH + 64], real[PATH_MAX];
      snprintf(dir, sizeof dir, "%s/../%s", exe, BIJSIM_INSTALL_SCENARIOS);
      if (stat(dir, &st) == 0 && S_ISDIR(st.st_mode) && realpath(dir, real) && strlen(real) < len) {
        snprintf(buf, len, "%s", real);
        return buf;
      }
    }
  }
  /* a build of the source tree */
  int k = snprintf(buf, len, "%s", BIJSIM_SOURCE_SCENARIOS);
  if (k > 0 && (size_t)k < len && stat(buf, &st) == 0 && S_ISDIR(st.st_mode))
    return buf;
  return NULL;
}

void cli_search_init(cli_search *s) {
  s->n = 0;
  if (cli_shipped_scenarios(s->shipped, sizeof s->shipped))
    s->dir[s->n++] = s->shipped;
  const char *env = getenv("BIJSIM_PATH");
  snprintf(s->env, sizeof s->env, "%s", env ? env : "");
  for (char *tok = s->env; *tok && s->n < CLI_MAX_SEARCH;) {
    char *colon = strchr(tok, ':');
    if (colon)
      *colon = '\0';
    if (*tok)
      s->dir[s->n++] = tok;
    if (!colon)
      break;
    tok = colon + 1;
  }
}

int cli_load(const char *path, bs_params *p) { return cli_load_files(path, p, NULL); }

/* A run.json names its scenarios' resolved parameters: "x.json" is read as
 * one (docs/analysis.md, "Re-running a run.json"). */
static int is_recorded(const char *path) {
  size_t n = strlen(path);
  return n > 5 && !strcmp(path + n - 5, ".json");
}

/* The parameters recorded in a run.json (read as YAML, whose flow syntax
 * JSON is, so messages point at its lines), when it holds one scenario. */
static int load_recorded(const char *path, bs_params *p, bs_files *files, char *err,
                         size_t errlen) {
  cfg_doc doc;
  if (cfg_load(path, &doc, err, errlen) != 0)
    return -1;
  int rc = -1;
  const cfg_node *sc = cfg_get(doc.root, "scenarios");
  const cfg_node *par = sc && sc->kind == CFG_SEQ && sc->n == 1 && sc->items[0]->kind == CFG_MAP
                            ? cfg_get(sc->items[0], "parameters")
                            : NULL;
  if (!sc || sc->kind != CFG_SEQ || sc->n == 0) {
    snprintf(err, errlen,
             "%s: not a run.json of bijsim with recorded scenarios (no 'scenarios' list; a "
             "scenario file is YAML)",
             path);
  } else if (sc->n > 1) {
    int k =
        snprintf(err, errlen, "%s:%d:%d: holds %zu scenarios (", path, sc->line, sc->col, sc->n);
    for (size_t i = 0; i < sc->n && k > 0 && (size_t)k < errlen; i++) {
      const cfg_node *nm = sc->items[i]->kind == CFG_MAP ? cfg_get(sc->items[i], "scenario") : NULL;
      k += snprintf(err + k, errlen - (size_t)k, "%s%s", i ? ", " : "",
                    nm && nm->value ? nm->value : "?");
    }
    if (k > 0 && (size_t)k < errlen)
      snprintf(err + k, errlen - (size_t)k, "); a scenario is re-run from the run.json of one");
  } else if (!par || par->kind != CFG_MAP) {
    snprintf(err, errlen, "%s:%d:%d: the scenario has no 'parameters' mapping", path,
             sc->items[0]->line, sc->items[0]->col);
  } else {
    rc = bs_params_bind_node(&doc, par, p, err, errlen);
  }
  if (rc == 0 && files)
    bs_files_take(files, &doc);
  cfg_free(&doc);
  return rc;
}

int cli_load_files(const char *path, bs_params *p, bs_files *files) {
  char err[ERRLEN];
  cli_search sp;
  cli_search_init(&sp);
  if (files)
    *files = (bs_files){0};
  int rc = is_recorded(path) ? load_recorded(path, p, files, err, sizeof err)
                             : bs_params_load_search(path, sp.dir, sp.n, p, files, err, sizeof err);
  if (rc != 0 || bs_targets_check(p, err, sizeof err) != 0 ||
      bs_check_scenario(path, p, err, sizeof err) != 0) {
    bs_files_free(files);
    if (rank_id() == 0)
      cli_print_clean(stderr, err);
    return -1;
  }
  return 0;
}

int cli_load_run(const char *path, bs_scenario_run *r) {
  bs_files files;
  if (cli_load_files(path, &r->params, &files) != 0)
    return -1;
  snprintf(r->label, sizeof r->label, "%s", r->params.run.name);
  snprintf(r->file, sizeof r->file, "%s", path);
  r->nfiles = 0;
  int rc = 0;
  for (size_t i = 0; i < files.n && i < BS_SCENARIO_MAX_FILES && rc == 0; i++) {
    bs_scenario_file *f = &r->files[r->nfiles++];
    char err[ERRLEN];
    snprintf(f->path, sizeof f->path, "%s", files.path[i]);
    if ((rc = bs_sha256_file(files.path[i], f->sha256, err, sizeof err)) != 0)
      cli_error("%s", err);
  }
  bs_files_free(&files);
  return rc;
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
    rc = bs_report_build(d->stage, d, o->sens, o->nsens, o->lang, err, sizeof err);
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
                       .label = label,
                       .share = rank_replications()};
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

/* The invocation run.json records: set once by main (cli_set_invocation). */
static struct {
  int argc;
  char **argv;
  time_t started;
} invocation;

void cli_set_invocation(int argc, char **argv) {
  invocation.argc = argc;
  invocation.argv = argv;
  invocation.started = time(NULL);
}

/* {"system", "release", "machine"} of uname(2), or null. */
static json_t *platform_json(void) {
  struct utsname u;
  if (uname(&u) != 0)
    return json_null();
  return json_pack("{s:o, s:o, s:o}", "system", bs_out_json_text(u.sysname), "release",
                   bs_out_json_text(u.release), "machine", bs_out_json_text(u.machine));
}

static json_t *argv_json(void) {
  json_t *a = json_array();
  for (int i = 0; a && i < invocation.argc; i++)
    if (json_array_append_new(a, bs_out_json_text(invocation.argv[i]))) {
      json_decref(a);
      a = NULL;
    }
  return a;
}

/* The start time as ISO 8601 in UTC ("2026-11-01T09:30:00Z"). */
static json_t *started_json(void) {
  struct tm tm;
  char buf[32];
  time_t t = invocation.started ? invocation.started : time(NULL);
  if (!gmtime_r(&t, &tm) || !strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm))
    return json_null();
  return json_string(buf);
}

/* [{"path", "sha256"}, ...]: the files a scenario was read from. */
static json_t *files_json(const bs_scenario_run *r) {
  json_t *a = json_array();
  for (size_t i = 0; a && i < r->nfiles; i++)
    if (json_array_append_new(a, json_pack("{s:o, s:s}", "path", bs_out_json_text(r->files[i].path),
                                           "sha256", r->files[i].sha256))) {
      json_decref(a);
      a = NULL;
    }
  return a;
}

/* Writes run.json for `command` describing the scenario runs, in one layout
 * for every command (docs/analysis.md, "run.json"): what ran (command,
 * version, commit, argv, start time, platform), how (seed, replications,
 * threads, wall time, events), the members of the object `extra` (may be
 * NULL) in their order, then every scenario with its files' digests and its
 * resolved parameters. Returns 0 or -1 (out of memory). */
static int cli_write_run_json(FILE *f, const char *command, const cli_opts *o,
                              const bs_scenario_run *runs, size_t n, double wall_seconds,
                              const json_t *extra) {
  uint64_t events = 0;
  for (size_t i = 0; i < n; i++)
    events += runs[i].res.events;
  size_t R = n ? runs[0].res.replications : 0;
  json_t *doc = json_object();
  int bad = !doc;
  bad |= json_object_set_new(doc, "command", bs_out_json_text(command));
  bad |= json_object_set_new(doc, "version", json_string(BIJSIM_VERSION));
  bad |= json_object_set_new(doc, "commit", json_string(BIJSIM_COMMIT));
  bad |= json_object_set_new(doc, "argv", argv_json());
  bad |= json_object_set_new(doc, "started_utc", started_json());
  bad |= json_object_set_new(doc, "platform", platform_json());
  bad |= json_object_set_new(doc, "seed", bs_out_json_u64(o->seed));
  bad |= json_object_set_new(doc, "replications", json_integer((json_int_t)R));
  bad |= json_object_set_new(doc, "threads", json_integer(o->threads));
  bad |= json_object_set_new(doc, "wall_seconds", json_real(bs_out_rounded(wall_seconds, 3)));
  bad |= json_object_set_new(doc, "events_processed", bs_out_json_u64(events));
  if (extra && !bad)
    bad |= json_object_update(doc, (json_t *)extra);
  json_t *scenarios = json_array();
  bad |= json_object_set_new(doc, "scenarios", scenarios);
  for (size_t i = 0; i < n && !bad; i++)
    bad |= json_array_append_new(
        scenarios, json_pack("{s:o, s:o, s:o, s:o}", "scenario", bs_out_json_text(runs[i].label),
                             "file", bs_out_json_text(runs[i].file), "files", files_json(&runs[i]),
                             "parameters", params_json(&runs[i].params)));
  /* a write error (a full disk) is the set's to report, with its errno, when
   * it is committed; only a failure without one is out of memory */
  if (!bad)
    bad = bs_out_json(f, doc) != 0 && !ferror(f);
  json_decref(doc);
  return bad ? -1 : 0;
}

int cli_finish_outputs(bs_outset *set, FILE *js, const char *command, const cli_opts *o,
                       const bs_scenario_run *runs, size_t n, double wall_seconds,
                       const json_t *extra) {
  char err[ERRLEN];
  /* a failed write (a full disk) is reported by the commit, with its errno */
  if (cli_write_run_json(js, command, o, runs, n, wall_seconds, extra) != 0 && !ferror(js))
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

int cli_records_begin(cli_records *r, bs_outdir *d, const cli_opts *o) {
  char err[ERRLEN];
  memset(r, 0, sizeof *r);
  if (o->records == CLI_RECORDS_NONE)
    return 0;
  FILE *sp = bs_out_open(&r->set, d, "spells.csv", err, sizeof err);
  FILE *ev = sp && o->records == CLI_RECORDS_EVENTS
                 ? bs_out_open(&r->set, d, "events.csv", err, sizeof err)
                 : NULL;
  if (!sp || (o->records == CLI_RECORDS_EVENTS && !ev) ||
      bs_records_open(&r->rec, sp, ev, err, sizeof err) != 0) {
    bs_out_abort(&r->set);
    cli_error("%s", err);
    return -1;
  }
  r->on = 1;
  return 0;
}

int cli_records_for(cli_records *r, bs_run_opts *ro, const char *label) {
  char err[ERRLEN];
  if (!r->on)
    return 0;
  if (bs_records_run(&r->rec, label, ro->replications, err, sizeof err) != 0) {
    cli_error("%s", err);
    return -1;
  }
  ro->records = &r->rec;
  return 0;
}

int cli_records_finish(cli_records *r) {
  char err[ERRLEN];
  if (!r->on)
    return 0;
  bs_records_close(&r->rec);
  r->on = 0;
  if (bs_out_commit(&r->set, err, sizeof err) != 0) {
    cli_error("%s", err);
    return -1;
  }
  return 0;
}

void cli_records_end(cli_records *r) {
  if (!r->on)
    return;
  bs_records_close(&r->rec);
  bs_out_abort(&r->set);
  r->on = 0;
}

const char *cli_records_note(const cli_opts *o) {
  return o->records == CLI_RECORDS_EVENTS   ? ",spells,events"
         : o->records == CLI_RECORDS_SPELLS ? ",spells"
                                            : "";
}

int cli_report(const char *dir, const cli_opts *o) {
  char err[ERRLEN];
  if (bs_report_write(dir, o->sens, o->nsens, o->lang, err, sizeof err) != 0) {
    cli_error("%s", err);
    return 1;
  }
  if (!o->quiet)
    cli_note("wrote %s/report.html", dir);
  return 0;
}
