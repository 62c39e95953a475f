/* test_cli.c: pins down the command-line behaviour of the analysis commands:
 * - output is byte-identical whatever the thread count (indicators.csv,
 *   summary.csv, survival.csv, flow.csv, stock.csv, stock_summary.csv);
 * - summary.csv agrees with indicators.csv (mean over replications);
 * - run.json is valid JSON with its keys in the one layout of every command,
 *   and its parameters read back (jansson) as exactly the bound struct:
 *   names with a tab, quotes and a backslash, and every double; it records
 *   argv, version and commit, the start time (UTC), the platform and the
 *   SHA-256 of every scenario file read; `run DIR/run.json` re-runs the
 *   recorded scenario with byte-identical tables;
 * - every subcommand has --help; errors are one line with a non-zero exit;
 * - no partial output files on failure;
 * - no progress line when stderr is not a terminal. */
#include "analysis/scenario.h"
#include "test_cli_util.h"

#include <criterion/criterion.h>
#include <jansson.h>
#include <math.h>
#include <time.h>

#define SMALL "tests/data/analysis/small.yaml"
#define AWKWARD "tests/data/analysis/awkward.yaml"

static const char *const tables[] = {"indicators.csv", "summary.csv", "survival.csv",
                                     "flow.csv",       "stock.csv",   "stock_summary.csv"};

static char *file_in(const char *dir, const char *name) {
  char path[512];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  return slurp(path, NULL);
}

Test(cli, thread_count_does_not_change_output, .timeout = 120) {
  char d1[64], d2[64], d3[64], args[512];
  tmpdir_make(d1, sizeof d1);
  tmpdir_make(d2, sizeof d2);
  tmpdir_make(d3, sizeof d3);
  const char *dirs[3] = {d1, d2, d3};
  const int threads[3] = {1, 2, 3};
  for (int k = 0; k < 3; k++) {
    snprintf(args, sizeof args, "run %s --replications 6 --seed 11 --threads %d --out %s -q", SMALL,
             threads[k], dirs[k]);
    cr_assert_eq(run_bijsim(args, NULL, NULL), 0, "%s", args);
  }
  for (size_t f = 0; f < sizeof tables / sizeof tables[0]; f++) {
    char *a = file_in(d1, tables[f]);
    cr_assert(a, "missing %s", tables[f]);
    for (int k = 1; k < 3; k++) {
      char *b = file_in(dirs[k], tables[f]);
      cr_assert(b, "missing %s", tables[f]);
      cr_assert_str_eq(a, b, "%s differs between --threads 1 and --threads %d", tables[f],
                       threads[k]);
      free(b);
    }
    free(a);
  }
  for (int k = 0; k < 3; k++)
    tmpdir_remove(dirs[k]);
}

Test(cli, summary_agrees_with_indicators, .timeout = 60) {
  char dir[64], args[512];
  tmpdir_make(dir, sizeof dir);
  snprintf(args, sizeof args, "run %s --replications 4 --out %s -q", SMALL, dir);
  cr_assert_eq(run_bijsim(args, NULL, NULL), 0);
  char *ind = file_in(dir, "indicators.csv"), *sum = file_in(dir, "summary.csv");
  cr_assert(ind && sum);
  cr_assert(!strncmp(sum, "scenario,indicator,mean,sd,n,ci_low,ci_high\n", 44), "%.60s", sum);
  cr_assert_eq(count_lines(sum), 1 + bs_ext_count());
  /* X_true: the mean of the four replications' values */
  double total = 0;
  int n = 0;
  for (const char *p = ind; (p = strstr(p, ",X_true,")); p++) {
    total += atof(p + 8);
    n++;
  }
  cr_assert_eq(n, 4);
  const char *row = strstr(sum, "\nsmall,X_true,");
  cr_assert(row);
  cr_assert_float_eq(atof(row + 14), total / 4, 1e-9);
  cr_assert(strstr(sum, "\nsmall,median_spell_days,"), "the derived indicator is summarised");
  /* run.json: valid, with the command and the resolved parameters */
  char *js = file_in(dir, "run.json");
  json_error_t jerr;
  json_t *doc = json_loads(js, 0, &jerr);
  cr_assert(doc, "run.json:%d:%d: %s", jerr.line, jerr.column, jerr.text);
  cr_assert_str_eq(json_string_value(json_object_get(doc, "command")), "run");
  const json_t *sc = json_array_get(json_object_get(doc, "scenarios"), 0);
  cr_assert_str_eq(json_string_value(json_object_get(sc, "scenario")), "small");
  json_t *run = json_object_get(json_object_get(sc, "parameters"), "run");
  cr_assert_eq(json_integer_value(json_object_get(run, "horizon_days")), 730);
  json_decref(doc);
  free(js);
  free(ind);
  free(sum);
  tmpdir_remove(dir);
}

static json_t *member(const json_t *obj, const char *section, const char *key) {
  return json_object_get(json_object_get(obj, section), key);
}

Test(cli, run_json_parameters_round_trip, .timeout = 60) {
  char dir[64], args[512], err[1024];
  tmpdir_make(dir, sizeof dir);
  snprintf(args, sizeof args, "run %s --out %s -q", AWKWARD, dir);
  cr_assert_eq(run_bijsim(args, NULL, NULL), 0, "%s", args);
  char *js = file_in(dir, "run.json");
  cr_assert(js);
  json_error_t jerr;
  json_t *doc = json_loads(js, 0, &jerr);
  cr_assert(doc, "run.json:%d:%d: %s", jerr.line, jerr.column, jerr.text);
  /* one layout for every command (docs/analysis.md, "run.json") */
  static const char *const order[] = {
      "command", "version",      "commit",  "argv",         "started_utc",      "platform",
      "seed",    "replications", "threads", "wall_seconds", "events_processed", "scenarios"};
  size_t k = 0;
  const char *key;
  json_t *v;
  json_object_foreach(doc, key, v) {
    cr_assert(k < sizeof order / sizeof order[0] && !strcmp(key, order[k]), "key %zu is %s", k,
              key);
    k++;
  }
  cr_assert_eq(k, sizeof order / sizeof order[0]);

  static bs_params p, q;
  cr_assert_eq(bs_params_load(AWKWARD, &p, err, sizeof err), 0, "%s", err);
  const json_t *sc = json_array_get(json_object_get(doc, "scenarios"), 0);
  cr_assert_eq(json_array_size(json_object_get(doc, "scenarios")), 1);
  const json_t *par = json_object_get(sc, "parameters");
  cr_assert_str_eq(json_string_value(json_object_get(sc, "scenario")), p.run.name);
  cr_assert_str_eq(json_string_value(member(par, "run", "name")), p.run.name);
  cr_assert_eq(json_real_value(member(par, "trajectory", "lock_in")), p.trajectory.lock_in);
  cr_assert_eq(json_real_value(member(par, "clients", "distance_sd")), p.clients.distance_sd);
  cr_assert_eq(json_real_value(member(par, "inflow", "applications_per_year")),
               p.inflow.applications_per_year);
  const json_t *prov = member(par, "trajectory", "providers");
  cr_assert_eq(json_array_size(prov), p.trajectory.providers_n);
  for (size_t i = 0; i < p.trajectory.providers_n; i++) {
    const bs_provider *b = &p.trajectory.providers[i];
    const json_t *e = json_array_get(prov, i);
    cr_assert_str_eq(json_string_value(json_object_get(e, "name")), b->name);
    cr_assert_eq(json_number_value(json_object_get(e, "quality")), b->quality);
    cr_assert_eq(json_number_value(json_object_get(e, "price")), b->price);
  }
  /* every double: the parameters bound again (JSON is YAML flow syntax) are
   * the same struct, which serialises to the same text (17 digits) */
  char *text = json_dumps(par, JSON_COMPACT | JSON_REAL_PRECISION(17));
  cr_assert(text);
  cr_assert_eq(bs_params_load_string("run.json", text, strlen(text), &q, err, sizeof err), 0, "%s",
               err);
  char a[65536], b[65536];
  long na = bs_params_json(&p, a, sizeof a), nb = bs_params_json(&q, b, sizeof b);
  cr_assert(na > 0 && (size_t)na < sizeof a && na == nb);
  cr_assert_str_eq(a, b);
  free(text);
  json_decref(doc);
  free(js);
  tmpdir_remove(dir);
}

Test(cli, every_command_has_help) {
  static const char *const cmds[] = {"run",    "compare", "effect",  "sweep",
                                     "report", "trace",   "validate"};
  for (size_t k = 0; k < sizeof cmds / sizeof cmds[0]; k++) {
    char args[64], want[64];
    snprintf(args, sizeof args, "%s --help", cmds[k]);
    snprintf(want, sizeof want, "usage: bijsim %s", cmds[k]);
    char *out = NULL, *err = NULL;
    cr_assert_eq(run_bijsim(args, &out, &err), 0, "%s", args);
    cr_assert(out && !strncmp(out, want, strlen(want)), "%s: %.80s", args, out);
    cr_assert_str_empty(err);
    free(out);
    free(err);
  }
  char *out = NULL;
  cr_assert_eq(run_bijsim("--help", &out, NULL), 0);
  for (size_t k = 0; k < sizeof cmds / sizeof cmds[0]; k++)
    cr_assert(strstr(out, cmds[k]), "the overview lists %s", cmds[k]);
  free(out);
}

/* A failing command prints exactly one line on stderr and exits with `rc`. */
static void one_line_error(const char *args, int rc, const char *needle) {
  char *out = NULL, *err = NULL;
  cr_assert_eq(run_bijsim(args, &out, &err), rc, "%s: %s", args, err);
  cr_assert(err && strstr(err, needle), "%s: expected '%s' in: %s", args, needle, err);
  cr_assert_eq(count_lines(err), 1, "%s: more than one line: %s", args, err);
  cr_assert_str_empty(out);
  free(out);
  free(err);
}

Test(cli, errors_are_one_line) {
  one_line_error("run " SMALL " --bogus", 2, "unknown option '--bogus'");
  one_line_error("run " SMALL " --instrument work_first", 2, "run does not take --instrument");
  one_line_error("run " SMALL " --replications 0", 2, "--replications");
  one_line_error("run " SMALL " --threads x", 2, "--threads expects");
  one_line_error("run", 2, "run needs a scenario file");
  one_line_error("compare " SMALL, 2, "at least one variant");
  one_line_error("sweep " SMALL, 2, "--param");
  one_line_error("sweep " SMALL " --param trajectory.lock_in", 2, "PATH=V1,V2");
  one_line_error("run tests/data/analysis/no_such_file.yaml", 1, "no_such_file.yaml");
  one_line_error("report /tmp/bijsim_test_no_such_dir", 1, "no run.json");
  one_line_error("frobnicate", 2, "unknown command 'frobnicate'");
}

/* A mistyped option gets the loader's did-you-mean (sim/config.h), among the
 * options of that command; a --param error names the option and the key, and
 * no position in a document the user never wrote. */
Test(cli, mistyped_options_get_a_suggestion) {
  one_line_error("run " SMALL " --replicatons 3", 2,
                 "unknown option '--replicatons' for run (did you mean '--replications'?)");
  one_line_error("run " SMALL " --threds=2", 2,
                 "unknown option '--threds' for run (did you mean "
                 "'--threads'?)");
  one_line_error("run " SMALL " --rep 2", 2, "(did you mean '--replications'?)");
  one_line_error("compare " SMALL " " SMALL " --qiet", 2, "(did you mean '--quiet'?)");
  /* only the command's own options: trace takes --client, run does not */
  one_line_error("trace " SMALL " --clent 3", 2, "(did you mean '--client'?)");
  char *err = NULL;
  cr_assert_eq(run_bijsim("run " SMALL " --clent 3", NULL, &err), 2);
  cr_assert_null(strstr(err, "--client"), "%s", err);
  free(err);
  one_line_error("sweep " SMALL " --param trajectory.lock_inn=0.5", 2,
                 "bijsim: --param trajectory.lock_inn=0.5: unknown key 'lock_inn' in 'trajectory' "
                 "(did you mean 'lock_in'?)");
  one_line_error("sweep " SMALL " --param trajectory.lock_in=abc", 2,
                 "bijsim: --param trajectory.lock_in=abc: key 'trajectory.lock_in': expected a "
                 "number, found 'abc'");
  err = NULL;
  cr_assert_eq(run_bijsim("sweep " SMALL " --param cwi.cut_12=5", NULL, &err), 2);
  cr_assert(strstr(err, "--param cwi.cut_12=5: keys 'cwi.cut_12'"), "%s", err);
  cr_assert_null(strstr(err, "--param:"), "a made-up position: %s", err);
  free(err);
}

Test(cli, bad_sweep_value_writes_nothing) {
  char dir[64], args[512];
  tmpdir_make(dir, sizeof dir);
  char sub[128];
  snprintf(sub, sizeof sub, "%s/out", dir);
  snprintf(args, sizeof args, "sweep %s --param trajectory.lock_in=0.5,-3 --out %s", SMALL, sub);
  char *err = NULL;
  cr_assert_eq(run_bijsim(args, NULL, &err), 2);
  cr_assert(strstr(err, "trajectory.lock_in=-3"), "%s", err);
  cr_assert_eq(count_lines(err), 1, "%s", err);
  cr_assert_eq(dir_entries(sub), -1, "the output directory was not even created");
  free(err);
  tmpdir_remove(dir);
}

/* A value with a line break would add other keys to the YAML it becomes
 * (here run.horizon_days): refused, nothing run or written. */
Test(cli, sweep_value_with_a_newline_is_refused) {
  char dir[64], args[512];
  tmpdir_make(dir, sizeof dir);
  char sub[128];
  snprintf(sub, sizeof sub, "%s/out", dir);
  snprintf(args, sizeof args,
           "sweep %s --param \"$(printf 'trajectory.lock_in=0.5\\nrun:\\n  horizon_days: 10')\" "
           "--out %s",
           SMALL, sub);
  char *err = NULL;
  cr_assert_eq(run_bijsim(args, NULL, &err), 2, "%s", err);
  cr_assert(strstr(err, "control characters"), "%s", err);
  cr_assert_eq(count_lines(err), 1, "%s", err);
  cr_assert_eq(dir_entries(sub), -1, "the output directory was created");
  free(err);
  tmpdir_remove(dir);
}

Test(cli, failure_leaves_no_partial_output, .timeout = 60) {
  /* summary.csv cannot be put in place (a directory has its name): the run
   * fails at the end and none of its files may be left behind */
  char dir[64], args[512], path[256];
  tmpdir_make(dir, sizeof dir);
  snprintf(path, sizeof path, "%s/summary.csv", dir);
  cr_assert_eq(mkdir(path, 0700), 0);
  snprintf(args, sizeof args, "run %s --replications 2 --out %s --report", SMALL, dir);
  char *err = NULL;
  cr_assert_eq(run_bijsim(args, NULL, &err), 1);
  cr_assert(strstr(err, "summary.csv"), "the message names the file: %s", err);
  cr_assert_eq(count_lines(err), 1, "%s", err);
  cr_assert_eq(dir_entries(dir), 1, "only the blocking directory is left");
  free(err);
  tmpdir_remove(dir);
}

Test(cli, no_progress_line_without_a_terminal, .timeout = 60) {
  char dir[64], args[512];
  tmpdir_make(dir, sizeof dir);
  snprintf(args, sizeof args, "run %s --replications 3 --out %s", SMALL, dir);
  char *err = NULL;
  cr_assert_eq(run_bijsim(args, NULL, &err), 0);
  cr_assert_null(strchr(err, '\r'), "a progress line on a pipe: %s", err);
  cr_assert_null(strstr(err, "replication 1/"), "%s", err);
  cr_assert_eq(count_lines(err), 1, "just the 'wrote' line: %s", err);
  free(err);
  snprintf(args, sizeof args, "run %s --replications 3 --out %s --quiet", SMALL, dir);
  cr_assert_eq(run_bijsim(args, NULL, &err), 0);
  cr_assert_str_empty(err, "--quiet prints nothing: %s", err);
  free(err);
  tmpdir_remove(dir);
}

/* count_mean of (stage, item) in flow.csv text, NAN if absent. */
static double flow_value(const char *csv, const char *stage, const char *item) {
  char key[128];
  snprintf(key, sizeof key, ",%s,%s,", stage, item);
  const char *p = strstr(csv, key);
  return p ? atof(p + strlen(key)) : NAN;
}

Test(cli, flow_counts_are_conserved, .timeout = 60) {
  /* everyone on benefit (initial stock + admitted) either left by a route or
   * is still on benefit at the end; the gate's items add up to the
   * applications */
  static const char *const scen[] = {SMALL, "tests/data/analysis/small_wf.yaml"};
  for (int s = 0; s < 2; s++) {
    char dir[64], args[512];
    tmpdir_make(dir, sizeof dir);
    snprintf(args, sizeof args, "run %s --replications 3 --out %s -q", scen[s], dir);
    cr_assert_eq(run_bijsim(args, NULL, NULL), 0);
    char *csv = file_in(dir, "flow.csv");
    cr_assert(csv);
    double in = flow_value(csv, "inflow", "initial_stock") + flow_value(csv, "gate", "admitted");
    double out = flow_value(csv, "end", "on_benefit_at_horizon");
    static const char *const routes[] = {"regular_work", "subsidised_work", "funded_employment",
                                         "other_income", "moving",          "age",
                                         "fraud_stop",   "withdrawal",      "admin_end"};
    for (int r = 0; r < 9; r++)
      out += flow_value(csv, "outflow", routes[r]);
    cr_assert(isfinite(in) && isfinite(out));
    cr_assert_float_eq(in, out, 1e-6 * in, "%s: %g on benefit, %g left or still on", scen[s], in,
                       out);
    double gate = 0;
    static const char *const items[] = {"discouraged",
                                        "withdrew_after_municipal_intake",
                                        "home_visit_denied",
                                        "work_first_gate_withdrew",
                                        "no_right_to_benefit",
                                        "mediated_to_work",
                                        "admitted",
                                        "in_intake_at_horizon"};
    for (int k = 0; k < 8; k++)
      gate += flow_value(csv, "gate", items[k]);
    cr_assert_float_eq(gate, flow_value(csv, "inflow", "applications"), 1e-6 * gate);
    free(csv);
    tmpdir_remove(dir);
  }
}

/* run.json's provenance: argv as given, the build's version and commit (as
 * --version prints them), an ISO 8601 UTC start time within the test's
 * minute, the platform, and each scenario file of the extends chain with the
 * SHA-256 that sha256sum gives. */
Test(cli, run_json_provenance, .timeout = 60) {
  char dir[64], args[512];
  tmpdir_make(dir, sizeof dir);
  time_t before = time(NULL);
  snprintf(args, sizeof args, "run %s --out %s -q --seed 4", SMALL, dir);
  cr_assert_eq(run_bijsim(args, NULL, NULL), 0, "%s", args);
  time_t after = time(NULL);
  char *js = file_in(dir, "run.json");
  json_error_t jerr;
  json_t *doc = json_loads(js, 0, &jerr);
  cr_assert(doc, "run.json:%d: %s", jerr.line, jerr.text);
  const json_t *argv = json_object_get(doc, "argv");
  cr_assert_eq(json_array_size(argv), 8);
  cr_assert_str_eq(json_string_value(json_array_get(argv, 0)), BIJSIM_BINARY);
  cr_assert_str_eq(json_string_value(json_array_get(argv, 2)), SMALL);
  cr_assert_str_eq(json_string_value(json_array_get(argv, 7)), "4");
  char *version = NULL;
  cr_assert_eq(run_bijsim("--version", &version, NULL), 0);
  char want[256];
  snprintf(want, sizeof want, "bijsim %s (commit %s)\n",
           json_string_value(json_object_get(doc, "version")),
           json_string_value(json_object_get(doc, "commit")));
  cr_assert_str_eq(version, want);
  const char *commit = json_string_value(json_object_get(doc, "commit"));
  cr_assert(commit && (strlen(commit) >= 12 || !strcmp(commit, "unknown")), "%s", commit);
  free(version);
  const char *t = json_string_value(json_object_get(doc, "started_utc"));
  cr_assert(t && strlen(t) == 20 && t[19] == 'Z', "%s", t ? t : "(none)");
  char lo[32], hi[32]; /* ISO 8601 text sorts as time does */
  struct tm tm;
  strftime(lo, sizeof lo, "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&before, &tm));
  strftime(hi, sizeof hi, "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&after, &tm));
  cr_assert(strcmp(lo, t) <= 0 && strcmp(t, hi) <= 0, "%s not within [%s, %s]", t, lo, hi);
  const json_t *plat = json_object_get(doc, "platform");
  cr_assert_str_eq(json_string_value(json_object_get(plat, "system")), "Linux");
  cr_assert(json_string_length(json_object_get(plat, "machine")) > 0);
  const json_t *files =
      json_object_get(json_array_get(json_object_get(doc, "scenarios"), 0), "files");
  cr_assert_eq(json_array_size(files), 2, "small.yaml and the baseline it extends");
  for (size_t i = 0; i < 2; i++) {
    const char *path = json_string_value(json_object_get(json_array_get(files, i), "path"));
    const char *sha = json_string_value(json_object_get(json_array_get(files, i), "sha256"));
    char cmd[1200], sum[80] = "";
    snprintf(cmd, sizeof cmd, "sha256sum '%s'", path);
    FILE *p = popen(cmd, "r");
    cr_assert(p && fscanf(p, "%64s", sum) == 1);
    pclose(p);
    cr_assert_str_eq(sha, sum, "%s", path);
  }
  cr_assert(strstr(json_string_value(json_object_get(json_array_get(files, 1), "path")),
                   "scenarios/baseline.yaml"));
  json_decref(doc);
  free(js);
  tmpdir_remove(dir);
}

/* `bijsim run DIR/run.json` re-runs the scenario from the parameters
 * recorded there: with the same seed and replications the tables are
 * byte-identical (here for a variant of a variant, so that extends and
 * overrides are all in the recorded parameters). A run.json of several
 * scenarios, or a JSON file that is none, is refused in one line. */
Test(cli, run_json_reruns_the_scenario, .timeout = 120) {
  char d1[64], d2[64], d3[64], args[512];
  tmpdir_make(d1, sizeof d1);
  tmpdir_make(d2, sizeof d2);
  tmpdir_make(d3, sizeof d3);
  snprintf(args, sizeof args,
           "run tests/data/analysis/small_variant.yaml --replications 3 "
           "--seed 13 --out %s -q",
           d1);
  cr_assert_eq(run_bijsim(args, NULL, NULL), 0, "%s", args);
  snprintf(args, sizeof args, "run %s/run.json --replications 3 --seed 13 --out %s -q", d1, d2);
  char *err = NULL;
  cr_assert_eq(run_bijsim(args, NULL, &err), 0, "%s: %s", args, err);
  free(err);
  for (size_t f = 0; f < sizeof tables / sizeof tables[0]; f++) {
    char *a = file_in(d1, tables[f]), *b = file_in(d2, tables[f]);
    cr_assert(a && b, "missing %s", tables[f]);
    cr_assert_str_eq(a, b, "%s differs after the re-run from run.json", tables[f]);
    free(a);
    free(b);
  }
  /* the second run.json records the same parameters */
  json_t *j1 = json_load_file(strcat(strcpy(args, d1), "/run.json"), 0, NULL);
  json_t *j2 = json_load_file(strcat(strcpy(args, d2), "/run.json"), 0, NULL);
  cr_assert(j1 && j2);
  cr_assert(json_equal(
      json_object_get(json_array_get(json_object_get(j1, "scenarios"), 0), "parameters"),
      json_object_get(json_array_get(json_object_get(j2, "scenarios"), 0), "parameters")));
  json_decref(j1);
  json_decref(j2);
  snprintf(args, sizeof args, "compare %s %s --replications 2 --out %s -q", SMALL,
           "tests/data/analysis/small_variant.yaml", d3);
  cr_assert_eq(run_bijsim(args, NULL, NULL), 0, "%s", args);
  snprintf(args, sizeof args, "run %s/run.json --out %s/again -q", d3, d3);
  one_line_error(args, 1, "holds 2 scenarios (small, small_variant)");
  one_line_error("run tests/data/golden/../../../README.md.json", 1, "README.md.json");
  tmpdir_remove(d1);
  tmpdir_remove(d2);
  tmpdir_remove(d3);
}
