/* test_records.c: pins down the microdata of --records (spells.csv and, with
 * --records events, events.csv) through the real binary:
 *  - the rows agree with the indicators of the same replications: benefit
 *    starts, the stock at the horizon, the cohort (X, Y and the long-term
 *    share), the outflow by route of flow.csv, the instruments' starts; the
 *    events agree with the counters (violations, maatregelen, suspensions,
 *    lost signals, benefit starts);
 *  - a spell that started in the burn-in is in, with a negative start;
 *  - the same bytes whatever the thread count, and the same indicators with
 *    or without --records (microdata change no result);
 *  - the columns: one per instrument of the domain list, booleans as
 *    true/false, missing values as NA, every row as long as the header;
 *  - compare and effect write one block of rows per scenario run.
 * The counts come from the run itself: no number is written down here. */
#include "analysis/csv.h"
#include "models/world.h"
#include "test_cli_util.h"

#include <criterion/criterion.h>
#include <math.h>

#define SMALL "tests/data/analysis/small.yaml"
#define SMALL_WF "tests/data/analysis/small_wf.yaml"
#define SMALL_WARM "tests/data/analysis/small_warm.yaml"
#define R 3

typedef struct outset {
  char dir[64];
  bs_csv spells, events, ind, flow;
} outset;

static void load(const char *dir, const char *name, bs_csv *t) {
  char path[256], err[512];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  cr_assert_eq(bs_csv_load(path, t, err, sizeof err), 0, "%s: %s", path, err);
}

/* Runs `bijsim CMD --out DIR ARGS` into a fresh directory and loads the files. */
static void run_into(outset *o, const char *cmd, const char *args, int events) {
  memset(o, 0, sizeof *o);
  tmpdir_make(o->dir, sizeof o->dir);
  cr_assert(o->dir[0]);
  char full[1024], *err = NULL;
  snprintf(full, sizeof full, "%s --out %s/out --quiet %s", cmd, o->dir, args);
  cr_assert_eq(run_bijsim(full, NULL, &err), 0, "bijsim %s: %s", full, err ? err : "");
  free(err);
  char out[128];
  snprintf(out, sizeof out, "%s/out", o->dir);
  load(out, "spells.csv", &o->spells);
  if (events)
    load(out, "events.csv", &o->events);
  if (!strcmp(cmd, "run") || !strcmp(cmd, "compare")) {
    load(out, "indicators.csv", &o->ind);
    load(out, "flow.csv", &o->flow);
  }
}

static void outset_free(outset *o) {
  bs_csv_free(&o->spells);
  bs_csv_free(&o->events);
  bs_csv_free(&o->ind);
  bs_csv_free(&o->flow);
  tmpdir_remove(o->dir);
}

static long col(const bs_csv *t, const char *name) {
  long c = bs_csv_col(t, name);
  cr_assert_geq(c, 0, "no column %s", name);
  return c;
}

/* indicators.csv: the value of an indicator in replication k. */
static double indicator(const bs_csv *t, size_t k, const char *name) {
  long cr = col(t, "replication"), ci = col(t, "indicator"), cv = col(t, "value");
  for (size_t r = 0; r < t->nrow; r++)
    if ((size_t)bs_csv_num(t, r, cr) == k && !strcmp(bs_csv_get(t, r, ci), name))
      return bs_csv_num(t, r, cv);
  cr_assert_fail("no %s for replication %zu", name, k);
  return NAN;
}

static int is_true(const bs_csv *t, size_t r, const char *name) {
  const char *v = bs_csv_get(t, r, col(t, name));
  cr_assert(!strcmp(v, "true") || !strcmp(v, "false"), "%s = '%s' is not a boolean", name, v);
  return !strcmp(v, "true");
}

/* What spells.csv says about replication k. */
typedef struct spell_counts {
  double starts, censored, cohort, long_term, took_wf, took_act;
  double route[BS_ROUTE_N];
} spell_counts;

static spell_counts count_spells(const bs_csv *t, size_t k, int stock_counts_as_start) {
  spell_counts n = {0};
  long cr = col(t, "replication"), cs = col(t, "start_day"), ce = col(t, "end_day"),
       cro = col(t, "route");
  for (size_t r = 0; r < t->nrow; r++) {
    if ((size_t)bs_csv_num(t, r, cr) != k)
      continue;
    double start = bs_csv_num(t, r, cs), end = bs_csv_num(t, r, ce);
    int censored = is_true(t, r, "censored"), stock = is_true(t, r, "initial_stock");
    cr_assert(isfinite(start) && isfinite(end) && end >= start && end >= 0, "row %zu", r);
    n.starts += start >= 0 || (stock_counts_as_start && stock);
    n.censored += censored;
    if (is_true(t, r, "cohort")) {
      n.cohort++;
      n.long_term += censored || end - start > 365;
    }
    n.took_wf += is_true(t, r, "took_work_first");
    n.took_act += is_true(t, r, "took_activation");
    const char *route = bs_csv_get(t, r, cro);
    if (censored) {
      cr_assert_str_eq(route, "NA");
    } else {
      int ri = bs_domain_index(bs_route_names, BS_ROUTE_N, route);
      cr_assert_geq(ri, 0, "route '%s'", route);
      n.route[ri]++;
    }
  }
  return n;
}

/* flow.csv: the mean over replications of a flow item. */
static double flow_mean(const bs_csv *t, const char *stage, const char *item) {
  long cs = col(t, "stage"), ci = col(t, "item"), cm = col(t, "count_mean");
  for (size_t r = 0; r < t->nrow; r++)
    if (!strcmp(bs_csv_get(t, r, cs), stage) && !strcmp(bs_csv_get(t, r, ci), item))
      return bs_csv_num(t, r, cm);
  cr_assert_fail("no flow item %s/%s", stage, item);
  return NAN;
}

static void spells_agree_with_indicators(const char *scenario, int warm) {
  char args[256];
  snprintf(args, sizeof args, "%s --replications %d --threads 2", scenario, R);
  outset o;
  run_into(&o, "run", args, 0);
  double routes[BS_ROUTE_N] = {0};
  for (size_t k = 0; k < R; k++) {
    spell_counts n = count_spells(&o.spells, k, !warm);
    cr_expect_eq(n.starts, indicator(&o.ind, k, "admitted"), "replication %zu: benefit starts", k);
    cr_expect_eq(n.censored, indicator(&o.ind, k, "stock_on_benefit_end"), "replication %zu", k);
    cr_expect_eq(n.cohort, indicator(&o.ind, k, "X_true"), "replication %zu: the cohort", k);
    cr_expect_eq(n.long_term, indicator(&o.ind, k, "Y_true"), "replication %zu: long-term", k);
    cr_expect_float_eq(n.long_term / n.cohort, indicator(&o.ind, k, "langdurigheidsratio_true"),
                       1e-9, "replication %zu", k);
    if (!warm) { /* every start of an instrument is in a spell of the results */
      cr_expect_eq(n.took_wf, indicator(&o.ind, k, "wf_started"), "replication %zu", k);
      cr_expect_eq(n.took_act, indicator(&o.ind, k, "act_started"), "replication %zu", k);
    }
    for (int r = 0; r < BS_ROUTE_N; r++)
      routes[r] += n.route[r];
  }
  /* the outflow from benefit by route, as flow.csv has it (mean of R) */
  for (int r = 0; r < BS_ROUTE_N; r++)
    cr_expect_float_eq(routes[r] / R, flow_mean(&o.flow, "outflow", bs_route_names[r]), 1e-6,
                       "outflow by %s", bs_route_names[r]);
  if (warm) { /* spells begun in the burn-in are in, with a negative start */
    long cs = col(&o.spells, "start_day");
    size_t before = 0;
    for (size_t r = 0; r < o.spells.nrow; r++)
      before += bs_csv_num(&o.spells, r, cs) < 0;
    cr_expect_gt(before, 100, "spells from the burn-in");
  }
  outset_free(&o);
}

Test(records, spells_agree_with_the_indicators, .timeout = 120) {
  spells_agree_with_indicators(SMALL_WF " --records", 0);
}

Test(records, spells_agree_with_the_indicators_after_a_burn_in, .timeout = 120) {
  spells_agree_with_indicators(SMALL_WARM " --records", 1);
}

/* The number of events with a code in replication k. */
static double count_code(const bs_csv *t, size_t k, const char *code) {
  long cr = col(t, "replication"), cc = col(t, "code");
  double n = 0;
  for (size_t r = 0; r < t->nrow; r++)
    n += (size_t)bs_csv_num(t, r, cr) == k && !strcmp(bs_csv_get(t, r, cc), code);
  return n;
}

Test(records, events_agree_with_the_counters, .timeout = 120) {
  outset o;
  run_into(&o, "run", SMALL_WARM " --records events --replications 2 --threads 2", 1);
  long cd = col(&o.events, "day"), cc = col(&o.events, "code"), cs = col(&o.events, "stage");
  for (size_t r = 0; r < o.events.nrow; r++) {
    cr_assert_geq(bs_csv_num(&o.events, r, cd), 0, "an event of the burn-in: row %zu", r);
    int code = bs_trace_code_index(bs_csv_get(&o.events, r, cc));
    cr_assert_geq(code, 0, "unknown code '%s'", bs_csv_get(&o.events, r, cc));
    cr_assert_str_eq(bs_csv_get(&o.events, r, cs), bs_trace_stage_names[bs_trace_stage_of[code]]);
  }
  for (size_t k = 0; k < 2; k++) {
    cr_expect_eq(count_code(&o.events, k, "violation"), indicator(&o.ind, k, "violations"));
    cr_expect_eq(count_code(&o.events, k, "maatregel"),
                 indicator(&o.ind, k, "sanctions_maatregel"));
    cr_expect_eq(count_code(&o.events, k, "suspended"),
                 indicator(&o.ind, k, "sanctions_suspension"));
    cr_expect_eq(count_code(&o.events, k, "admitted"), indicator(&o.ind, k, "admitted"));
    /* a returner's application is "reapply" followed by the "apply" of every one */
    cr_expect_eq(count_code(&o.events, k, "apply"), indicator(&o.ind, k, "applications"));
    cr_expect_eq(count_code(&o.events, k, "reapply"), indicator(&o.ind, k, "reinflow"));
    /* every benefit spell that ended is one exit event of its person */
    spell_counts n = count_spells(&o.spells, k, 0);
    for (int r = 0; r < BS_ROUTE_N; r++) {
      char code[64];
      snprintf(code, sizeof code, "leave_%s", bs_route_names[r]);
      cr_expect_geq(count_code(&o.events, k, code), n.route[r], "%s", code);
    }
  }
  outset_free(&o);
}

Test(records, lost_signals_are_events, .timeout = 120) {
  outset o;
  run_into(&o, "run",
           "tests/data/analysis/small_separate.yaml --records events --replications 2 --threads 1",
           1);
  for (size_t k = 0; k < 2; k++) {
    double lost = count_code(&o.events, k, "signal_lost");
    cr_expect_eq(lost, indicator(&o.ind, k, "signals_lost"));
    cr_expect_gt(lost, 0, "separate case management loses signals");
  }
  outset_free(&o);
}

Test(records, the_same_bytes_whatever_the_thread_count, .timeout = 180) {
  outset a, b, c;
  run_into(&a, "run", SMALL " --records events --replications 4 --threads 1", 1);
  run_into(&b, "run", SMALL " --records events --replications 4 --threads 3", 1);
  run_into(&c, "run", SMALL " --replications 4 --threads 2 --records", 0);
  static const char *const files[] = {"spells.csv", "events.csv", "indicators.csv"};
  for (size_t i = 0; i < 3; i++) {
    char pa[128], pb[128], pc[128];
    snprintf(pa, sizeof pa, "%s/out/%s", a.dir, files[i]);
    snprintf(pb, sizeof pb, "%s/out/%s", b.dir, files[i]);
    snprintf(pc, sizeof pc, "%s/out/%s", c.dir, files[i]);
    size_t la = 0, lb = 0;
    char *xa = slurp(pa, &la), *xb = slurp(pb, &lb);
    cr_assert(xa && xb && la > 100);
    cr_expect(la == lb && !memcmp(xa, xb, la), "%s differs between 1 and 3 threads", files[i]);
    if (i != 1) { /* events on or off: the same spells and indicators */
      size_t lc;
      char *xc = slurp(pc, &lc);
      cr_expect(xc && la == lc && !memcmp(xa, xc, la), "%s differs with events", files[i]);
      free(xc);
    }
    free(xa);
    free(xb);
  }
  outset_free(&a);
  outset_free(&b);
  outset_free(&c);
}

Test(records, microdata_change_no_result_and_are_off_by_default, .timeout = 120) {
  char d[64], args[256];
  tmpdir_make(d, sizeof d);
  snprintf(args, sizeof args, "run " SMALL " --replications 2 --quiet --out %s/plain", d);
  cr_assert_eq(run_bijsim(args, NULL, NULL), 0);
  snprintf(args, sizeof args, "run " SMALL " --replications 2 --quiet --events --out %s/rec", d);
  cr_assert_eq(run_bijsim(args, NULL, NULL), 0);
  char p[128];
  snprintf(p, sizeof p, "%s/plain/spells.csv", d);
  cr_expect_neq(access(p, F_OK), 0, "no spells.csv without --records");
  snprintf(p, sizeof p, "%s/plain/events.csv", d);
  cr_expect_neq(access(p, F_OK), 0);
  static const char *const same[] = {"indicators.csv", "summary.csv", "survival.csv", "flow.csv"};
  for (size_t i = 0; i < sizeof same / sizeof same[0]; i++) {
    char pa[128], pb[128];
    snprintf(pa, sizeof pa, "%s/plain/%s", d, same[i]);
    snprintf(pb, sizeof pb, "%s/rec/%s", d, same[i]);
    size_t la = 0, lb = 0;
    char *a = slurp(pa, &la), *b = slurp(pb, &lb);
    cr_expect(a && b && la == lb && !memcmp(a, b, la), "%s changed with --records", same[i]);
    free(a);
    free(b);
  }
  tmpdir_remove(d);
}

Test(records, columns_are_tidy, .timeout = 60) {
  outset o;
  run_into(&o, "run", SMALL " --records --replications 1", 0);
  const bs_csv *t = &o.spells;
  /* one column per instrument of the domain list, after the fixed ones */
  long first = col(t, "initial_stock") + 1;
  cr_assert_eq(t->ncol, (size_t)first + BS_INSTR_N - 1);
  for (int i = BS_INSTR_NONE + 1; i < BS_INSTR_N; i++) {
    char name[64];
    snprintf(name, sizeof name, "took_%s", bs_instrument_names[i]);
    cr_expect_eq(col(t, name), first + i - 1, "%s", name);
  }
  static const char *const numeric[] = {"replication", "person",  "spell",
                                        "start_day",   "end_day", "distance"};
  for (size_t r = 0; r < t->nrow; r++) {
    /* a short row would be padded with "" by the reader */
    cr_assert_str_neq(bs_csv_get(t, r, (long)t->ncol - 1), "", "row %zu is short", r);
    for (size_t c = 0; c < sizeof numeric / sizeof numeric[0]; c++)
      cr_assert(isfinite(bs_csv_num(t, r, col(t, numeric[c]))), "row %zu: %s", r, numeric[c]);
    const char *ph = bs_csv_get(t, r, col(t, "phase"));
    cr_assert(!strcmp(ph, "NA") || (ph[0] >= '1' && ph[0] <= '4' && !ph[1]), "phase '%s'", ph);
    const char *band = bs_csv_get(t, r, col(t, "distance_band"));
    cr_assert(!strcmp(band, "near") || !strcmp(band, "far"));
    for (long c = col(t, "censored"); c < (long)t->ncol; c++)
      if (c == col(t, "censored") || c >= col(t, "exempt"))
        cr_assert(!strcmp(bs_csv_get(t, r, c), "true") || !strcmp(bs_csv_get(t, r, c), "false"),
                  "row %zu col %ld: '%s'", r, c, bs_csv_get(t, r, c));
  }
  outset_free(&o);
}

/* The labels of the scenario column, in order of first appearance. */
static size_t labels(const bs_csv *t, const char **out, size_t max) {
  long cs = col(t, "scenario");
  size_t n = 0;
  for (size_t r = 0; r < t->nrow; r++) {
    const char *s = bs_csv_get(t, r, cs);
    if (n == 0 || strcmp(out[n - 1], s)) {
      cr_assert_lt(n, max);
      for (size_t i = 0; i < n; i++)
        cr_assert_str_neq(out[i], s, "the rows of %s are not in one block", s);
      out[n++] = s;
    }
  }
  return n;
}

Test(records, compare_and_effect_write_a_block_per_scenario, .timeout = 180) {
  outset o;
  run_into(&o, "compare",
           SMALL " tests/data/analysis/small_variant.yaml --replications 2 --records events", 1);
  const char *l[4];
  cr_assert_eq(labels(&o.spells, l, 4), 2);
  cr_expect_str_eq(l[0], "small");
  cr_expect_str_eq(l[1], "small_variant");
  cr_assert_eq(labels(&o.events, l, 4), 2);
  /* common random numbers: the same persons start the same first spells */
  spell_counts a = count_spells(&o.spells, 0, 1);
  cr_expect_gt(a.starts, 300);
  outset_free(&o);
  run_into(&o, "effect", SMALL_WF " --instrument work_first --replications 2 --records", 0);
  cr_assert_eq(labels(&o.spells, l, 4), 2);
  cr_expect_str_eq(l[0], "small_wf");
  cr_expect_str_eq(l[1], "small_wf_without_work_first");
  /* without the instrument nobody takes it */
  long cw = col(&o.spells, "took_work_first"), cs = col(&o.spells, "scenario");
  size_t with = 0;
  for (size_t r = 0; r < o.spells.nrow; r++) {
    int on = !strcmp(bs_csv_get(&o.spells, r, cw), "true");
    if (!strcmp(bs_csv_get(&o.spells, r, cs), "small_wf_without_work_first"))
      cr_assert(!on, "row %zu took work-first without it", r);
    else
      with += on;
  }
  cr_expect_gt(with, 10);
  outset_free(&o);
}

Test(records, a_bad_value_is_an_error) {
  char *err = NULL;
  cr_assert_eq(run_bijsim("run " SMALL " --records=everything", NULL, &err), 2);
  cr_assert(err && strstr(err, "--records is spells or events, not 'everything'"), "%s", err);
  free(err);
  cr_assert_eq(run_bijsim("sweep " SMALL " --param trajectory.lock_in=0.5 --records", NULL, &err),
               2);
  cr_assert(err && strstr(err, "does not take --records"), "%s", err);
  free(err);
}
