/* fuzz_run.c: libFuzzer harness for the path from a validated scenario to a
 * run and its output files.
 *
 * Structured: the input is a list of mutations of scenarios/baseline.yaml,
 * four bytes each (two pick a parameter among every number, switch and name
 * the scenario has, one a kind of value, one a number to build it from).
 * The values are chosen to sit on, inside and outside the schema's bounds:
 * 0, -0, -1, 1, a day, tiny (1e-9, 1e-300), huge (1e9, 1e308, 1e400), the
 * century bound and one past it, the parameter's own value scaled up or down,
 * a hexadecimal float, nan, a path for a name, the other values of an enum
 * (read from the loader's own message). Each goes through bs_params_set, the
 * loader `sweep --param` uses: a value it refuses must be refused with one
 * line; what it accepts is kept.
 *
 * The mutated scenario then gets a short horizon (at most 180 days) and
 * faces the checks a run faces (bs_check_run, with an event limit of 1e6
 * and 1 GiB of memory, so that what passes runs in well under a second).
 * What passes them must run: one replication (bs_scenario_execute, the
 * engine's runaway budget on), after which every indicator must be finite or
 * NaN (NA: a ratio over nothing), every count finite, and the CSV tables as
 * written (indicators, summary, survival, flow, targets) and the parameters
 * as run.json has them must hold no nan or inf. A crash, a sanitizer report,
 * a run that fails, or one that takes longer than libFuzzer's -timeout is a
 * finding.
 *
 * Built and run by scripts/fuzz.sh --run (clang -fsanitize=fuzzer,address,
 * undefined), from a directory where baseline.yaml is the shipped one
 * (FUZZ_BASELINE names another). A finding prints the values it set as
 * PATH=VALUE lines: put them in a file in tests/fuzz/run_regressions/ and
 * tests/test_fuzz_run_regressions.c replays it in the normal suite (through
 * mutate and run_mutated, so it stays valid when parameters are added). */
#include "analysis/indicators.h"
#include "analysis/limits.h"
#include "analysis/scenario.h"
#include "analysis/tables.h"
#include "analysis/targets.h"
#include "models/params.h"

#include <ctype.h>
#include <gsl/gsl_errno.h>
#include <jansson.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_LEAVES 512
#define MAX_CHOICES 8
#define MAX_MUTATIONS 8
#define SHORT_HORIZON 180.0

/* A parameter that can be set on its own: its dotted path, its value in the
 * baseline, and for a name (an enum) the other names it may take. */
typedef struct leaf {
  char path[128];
  char value[64];
  int kind; /* 0 number, 1 switch, 2 text */
  char choices[MAX_CHOICES][48];
  int nchoices;
} leaf;

static bs_params base;
static leaf leaves[MAX_LEAVES];
static size_t nleaves;
/* how many inputs ran, and how many the checks refused (printed at exit) */
static unsigned long n_inputs, n_values, n_kept, n_refused, n_runs;

static void report(void) {
  fprintf(stderr,
          "fuzz_run: %lu inputs, %lu values (%lu kept by the loader), %lu scenarios refused by "
          "the run's checks, %lu runs\n",
          n_inputs, n_values, n_kept, n_refused, n_runs);
}

/* The values set on the baseline for this input, to reproduce a finding:
 * written as "PATH=VALUE" lines, they make a file for
 * tests/fuzz/run_regressions/ (tests/test_fuzz_run_regressions.c). */
static char applied[MAX_MUTATIONS][200];
static size_t napplied;

static void die(const char *what, const char *detail) {
  fprintf(stderr, "fuzz_run: %s: %s\nfuzz_run: the scenario: baseline.yaml with\n", what, detail);
  for (size_t i = 0; i < napplied; i++)
    fprintf(stderr, "%s\n", applied[i]);
  abort();
}

/* A refusal says something, on one line. */
static void check_message(const char *err) {
  if (!err[0] || strchr(err, '\n'))
    die("a refusal without a one-line message", err);
}

/* For a text parameter: the values the loader lists when given a wrong one
 * ("unknown value 'x'; allowed: a, b, c"). */
static void enum_choices(leaf *l) {
  bs_params p = base;
  char err[1024];
  if (bs_params_set(&p, l->path, "fuzz_no_such_value", err, sizeof err) == 0)
    return;
  const char *a = strstr(err, "allowed: ");
  if (!a)
    return;
  a += strlen("allowed: ");
  while (*a && l->nchoices < MAX_CHOICES) {
    size_t n = strcspn(a, ", (");
    if (n == 0 || n >= sizeof l->choices[0])
      break;
    memcpy(l->choices[l->nchoices], a, n);
    l->choices[l->nchoices++][n] = 0;
    a += n;
    if (strncmp(a, ", ", 2) != 0)
      break;
    a += 2;
  }
}

/* Every number, switch and text of the parameters (tables and curves are
 * left as they are: bs_params_set sets one key). */
static void collect(const json_t *v, char *path, size_t len) {
  const char *key;
  json_t *c;
  if (!json_is_object(v))
    return;
  json_object_foreach((json_t *)v, key, c) {
    size_t n = (size_t)snprintf(path + len, 128 - len, "%s%s", len ? "." : "", key);
    if (len + n >= 128)
      continue;
    if (json_is_object(c)) {
      collect(c, path, len + n);
    } else if (nleaves < MAX_LEAVES &&
               (json_is_number(c) || json_is_boolean(c) || json_is_string(c))) {
      leaf *l = &leaves[nleaves++];
      memset(l, 0, sizeof *l);
      snprintf(l->path, sizeof l->path, "%s", path);
      if (json_is_number(c)) {
        snprintf(l->value, sizeof l->value, "%.17g", json_number_value(c));
      } else if (json_is_boolean(c)) {
        l->kind = 1;
        snprintf(l->value, sizeof l->value, "%s", json_is_true(c) ? "true" : "false");
      } else {
        l->kind = 2;
        snprintf(l->value, sizeof l->value, "%s", json_string_value(c));
        enum_choices(l);
      }
    }
    path[len] = 0;
  }
}

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  (void)argc;
  (void)argv;
  char err[1024];
  gsl_set_error_handler_off(); /* as bijsim's main: errors come back as values */
  const char *file = getenv("FUZZ_BASELINE");
  if (!file)
    file = "baseline.yaml";
  if (bs_params_load(file, &base, err, sizeof err) != 0)
    die("cannot load the baseline (FUZZ_BASELINE, or baseline.yaml here)", err);
  setenv("BIJSIM_EVENT_LIMIT", "1000000", 1);
  setenv("BIJSIM_MEMORY_LIMIT_MB", "1024", 1);
  long n = bs_params_json(&base, NULL, 0);
  char *text = n > 0 ? malloc((size_t)n + 1) : NULL;
  json_t *doc = text && bs_params_json(&base, text, (size_t)n + 1) == n
                    ? json_loadb(text, (size_t)n, 0, NULL)
                    : NULL;
  if (!doc)
    die("the baseline's parameters", "not JSON");
  char path[128] = "";
  collect(doc, path, 0);
  json_decref(doc);
  free(text);
  if (nleaves < 50)
    die("too few parameters found", "");
  atexit(report);
  return 0;
}

/* The value of one mutation, as text. */
static void make_value(const leaf *l, unsigned kind, unsigned extra, char *out, size_t size) {
  double v = strtod(l->value, NULL);
  if (l->kind == 1) {
    snprintf(out, size, "%s", (kind & 1) ? "true" : "false");
    return;
  }
  if (l->kind == 2) {
    if (l->nchoices > 0 && kind % 3 != 2)
      snprintf(out, size, "%s", l->choices[extra % (unsigned)l->nchoices]);
    else
      snprintf(out, size, "%s", (extra & 1) ? "../../escaped" : "ok.name-2");
    return;
  }
  static const char *const fixed[] = {"0",    "-0",    "-1",    "1",     "1e-9",  "1e-300",
                                      "1e9",  "1e308", "1e400", "36525", "36526", "365",
                                      "0.01", "10",    "0x1p3", "nan",   "0.5",   "2"};
  enum { NFIXED = sizeof fixed / sizeof fixed[0] };
  if (kind < NFIXED) {
    snprintf(out, size, "%s", fixed[kind]);
    return;
  }
  switch (kind - NFIXED) {
  case 0: /* scaled up */
    snprintf(out, size, "%.17g", v * (1 + extra));
    break;
  case 1: /* scaled down */
    snprintf(out, size, "%.17g", v / (1 + extra));
    break;
  case 2: /* a small whole number */
    snprintf(out, size, "%u", extra);
    break;
  case 3: /* a fraction */
    snprintf(out, size, "%.17g", extra / 255.0);
    break;
  default: /* negated */
    snprintf(out, size, "%.17g", -v);
  }
}

/* A cell of CSV text that reads as nan or inf. */
static void check_cells(const char *what, const char *text) {
  const char *c = text;
  while (*c) {
    size_t n = strcspn(c, ",\n");
    char cell[16];
    if (n < sizeof cell) {
      memcpy(cell, c, n);
      cell[n] = 0;
      const char *s = cell + (cell[0] == '-' || cell[0] == '+');
      if (!strcasecmp(s, "nan") || !strcasecmp(s, "inf") || !strcasecmp(s, "infinity"))
        die(what, text);
    }
    c += n + (c[n] != 0);
  }
}

typedef void (*table_writer)(FILE *f, const bs_scenario_run *r);
static void write_indicators(FILE *f, const bs_scenario_run *r) { bs_write_indicators(f, r, 1, 1); }
static void write_summary(FILE *f, const bs_scenario_run *r) { bs_write_summary(f, r, 1); }
static void write_flow(FILE *f, const bs_scenario_run *r) { bs_write_flow(f, r, 1); }
static void write_targets(FILE *f, const bs_scenario_run *r) { bs_write_targets(f, r, 1); }
static void write_survival(FILE *f, const bs_scenario_run *r) {
  char err[256];
  if (bs_write_survival(f, r, 1, err, sizeof err) != 0)
    die("survival.csv", err);
}

static void check_outputs(const bs_scenario_run *s) {
  for (size_t i = 0; i < s->next; i++) {
    double v = s->ext[i];
    const bs_indicator_def *d = bs_ext_def(i);
    /* A.1 and B.1 at the second date are censored (NaN) when the horizon
     * ends before that date (docs/indicators.md): not a count then */
    const bs_run_params *run = &s->params.run;
    int censored =
        (!strncmp(d->name, "A1_2_", 5) || !strncmp(d->name, "B1_2_", 5)) &&
        run->cohort_start_day + run->cohort_length_days + 365 + 365.25 / 2 > run->horizon_days;
    if (isinf(v) || (d->unit == BS_UNIT_COUNT && !isfinite(v) && !censored))
      die("an indicator that is not finite", d->name);
  }
  static const struct {
    const char *name;
    table_writer write;
  } tables[] = {{"indicators.csv", write_indicators},
                {"summary.csv", write_summary},
                {"survival.csv", write_survival},
                {"flow.csv", write_flow},
                {"targets.csv", write_targets}};
  for (size_t t = 0; t < sizeof tables / sizeof tables[0]; t++) {
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f)
      die("open_memstream", tables[t].name);
    tables[t].write(f, s);
    fclose(f);
    check_cells(tables[t].name, buf);
    free(buf);
  }
  long n = bs_params_json(&s->params, NULL, 0);
  char *json = n > 0 ? malloc((size_t)n + 1) : NULL;
  if (!json || bs_params_json(&s->params, json, (size_t)n + 1) != n)
    die("run.json parameters", "not written");
  /* a non-finite number, not a key that contains the letters (covenant) */
  if (strstr(json, ":nan") || strstr(json, ":-nan") || strstr(json, ":inf") ||
      strstr(json, ":-inf") || strstr(json, "Infinity") || strstr(json, "NaN"))
    die("run.json parameters", json);
  free(json);
}

/* Sets PATH to VALUE on *p if the loader accepts it (one-line refusal
 * otherwise) and remembers it for die(). */
static void mutate(bs_params *p, const char *path, const char *value) {
  static bs_params q;
  char err[1024] = "";
  q = *p;
  n_values++;
  if (bs_params_set(&q, path, value, err, sizeof err) == 0) {
    *p = q;
    n_kept++;
    if (napplied < MAX_MUTATIONS)
      snprintf(applied[napplied++], sizeof applied[0], "%s=%s", path, value);
  } else {
    check_message(err);
  }
}

/* The short run of a mutated scenario, and the checks of what it gives. */
static void run_mutated(bs_params *p, uint64_t seed) {
  char err[1024];
  /* a short run: what passes the checks must end in well under a second */
  if (p->run.horizon_days > SHORT_HORIZON)
    p->run.horizon_days = SHORT_HORIZON;
  if (p->run.warmup_days > SHORT_HORIZON / 3) /* a short burn-in: it is fuzzed too */
    p->run.warmup_days = SHORT_HORIZON / 3;
  if (p->run.cohort_start_day + p->run.cohort_length_days > p->run.horizon_days) {
    p->run.cohort_start_day = 0;
    if (p->run.cohort_length_days > p->run.horizon_days)
      p->run.cohort_length_days = p->run.horizon_days;
  }
  if (bs_targets_check(p, err, sizeof err) != 0 || bs_check_run(p, 1, 1, NULL, err, sizeof err)) {
    check_message(err);
    n_refused++;
    return;
  }
  n_runs++;
  static bs_scenario_run s;
  memset(&s, 0, sizeof s);
  s.params = *p;
  snprintf(s.label, sizeof s.label, "%s", p->run.name);
  bs_run_opts o = {.seed = seed, .replications = 1, .threads = 1};
  if (bs_scenario_execute(&s, &o, err, sizeof err) != 0)
    die("a scenario that passed the checks failed to run", err);
  check_outputs(&s);
  bs_scenario_free(&s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static bs_params p;
  char value[96];
  p = base;
  n_inputs++;
  napplied = 0;
  for (size_t i = 0; i + 4 <= size && i < 4 * MAX_MUTATIONS; i += 4) {
    const leaf *l = &leaves[(data[i] | (unsigned)data[i + 1] << 8) % nleaves];
    make_value(l, data[i + 2] % 23u, data[i + 3], value, sizeof value);
    mutate(&p, l->path, value);
  }
  run_mutated(&p, size ? data[0] + 1u : 1u);
  return 0;
}
