/* test_conservation.c: pins down the conservation of clients.
 *
 * Every client who entered (initial stock, applications, returns) is at the
 * end in exactly one state: still applying, on benefit, or left by exactly
 * one route:
 *   entered == applicants + on_benefit + sum over routes of left,
 *   entered == initial stock + applications,
 *   admitted == on_benefit + (left - left at the gate),
 * every live client is an applicant or on benefit and the stocks count them,
 * and at every reported date (every stock_report_interval_days from day 0)
 * the stocks equal cumulative inflow minus cumulative outflow. Cohort
 * records are consistent (a leave day iff a route). Checked for the
 * baseline and variants built from it (work-first, separate case
 * management, strict enforcement, an economic-shock climate, heavy
 * re-inflow, every gate instrument, a reorganisation, creaming with a
 * contract cap), and for every scenario file shipped in scenarios/, each
 * scaled down to a small municipality.
 */
#include "test_stage_util.h"

#include <glob.h>

static void small(bs_params *p) {
  p->inflow.initial_stock = 400;
  p->inflow.applications_per_year = 500;
}

static void check_conservation(const bs_params *p, uint64_t seed, const char *what) {
  bs_world w;
  world_init(&w, p, seed);
  world_run(&w);
  uint64_t left = total_left(&w);
  uint64_t app = w.stock[BS_ST_APPLICANT], ben = w.stock[BS_ST_BENEFIT];
  cr_expect_gt(left, 0, "%s: somebody left", what);
  cr_expect_eq(w.c.entered, app + ben + left,
               "%s: entered %lu != applicants %lu + on benefit %lu + left %lu", what,
               (unsigned long)w.c.entered, (unsigned long)app, (unsigned long)ben,
               (unsigned long)left);
  cr_expect_eq(w.c.entered, (uint64_t)p->inflow.initial_stock + w.c.applications,
               "%s: entered = initial stock + applications", what);
  cr_expect_leq(w.c.reinflow, w.c.applications, "%s", what);
  cr_expect_eq(w.c.admitted, ben + (left - w.c.gate_exits),
               "%s: admitted = on benefit + left after admission", what);
  /* exactly one state per live client */
  uint64_t n_app = 0, n_ben = 0, other = 0;
  for (uint32_t s = 0; s < w.ctx.pool.used; s++) {
    if (!(w.ctx.pool.gen[s] & 1u))
      continue;
    int st = bs_client_at(&w, s)->state;
    n_app += st == BS_ST_APPLICANT;
    n_ben += st == BS_ST_BENEFIT;
    other += st != BS_ST_APPLICANT && st != BS_ST_BENEFIT;
  }
  cr_expect_eq(other, 0, "%s: live clients in no state", what);
  cr_expect_eq(n_app, app, "%s: applicants", what);
  cr_expect_eq(n_ben, ben, "%s: on benefit", what);
  cr_expect_eq((uint64_t)w.ctx.pool.live, app + ben, "%s: live clients", what);
  /* the stock series: every reported date */
  double step = p->run.stock_report_interval_days;
  size_t want = (size_t)floor(p->run.horizon_days / step) + 1;
  cr_expect_eq(w.stocks_n, want, "%s: %zu stock points, expected %zu", what, w.stocks_n, want);
  for (size_t i = 0; i < w.stocks_n; i++) {
    const bs_stock_point *s = &w.stocks[i];
    expect_near(s->day, (double)i * step, 1e-9, "stock point day");
    cr_expect_eq(s->cum_entered - s->cum_left, s->applicants + s->on_benefit,
                 "%s: day %.0f: entered %lu - left %lu != applicants %lu + on benefit %lu", what,
                 s->day, (unsigned long)s->cum_entered, (unsigned long)s->cum_left,
                 (unsigned long)s->applicants, (unsigned long)s->on_benefit);
    if (i > 0) {
      cr_expect_geq(s->cum_entered, w.stocks[i - 1].cum_entered, "%s", what);
      cr_expect_geq(s->cum_left, w.stocks[i - 1].cum_left, "%s", what);
    }
  }
  /* cohort records: a leave day exactly when a route */
  for (size_t i = 0; i < w.cohort_n; i++) {
    const bs_cohort_rec *r = &w.cohort[i];
    int gone = isfinite(r->t_out);
    cr_expect_eq(gone, r->route < BS_ROUTE_N, "%s: cohort record %zu", what, i);
    if (gone)
      cr_expect_geq(r->t_out, r->t_in, "%s", what);
    if (r->on_365)
      cr_expect(!gone || r->t_out >= r->t_in + 365, "%s: on at 365 but left before", what);
  }
  bs_world_free(&w);
}

static void baseline_small(bs_params *p) {
  load_baseline(p);
  p->run.warmup_days = 0; /* person ids and counters from day 0 */
  small(p);
}

static void set(bs_params *p, const char *key, const char *value) {
  char err[512];
  cr_assert_eq(bs_params_set(p, key, value, err, sizeof err), 0, "%s=%s: %s", key, value, err);
}

Test(conservation, baseline) {
  bs_params p;
  baseline_small(&p);
  check_conservation(&p, 1, "baseline");
  check_conservation(&p, 2, "baseline, seed 2");
}

Test(conservation, work_first) {
  bs_params p;
  baseline_small(&p);
  set(&p, "work_first.enabled", "true");
  set(&p, "gatekeeping.work_first_gate", "true");
  check_conservation(&p, 3, "work-first");
}

Test(conservation, separate) {
  bs_params p;
  baseline_small(&p);
  set(&p, "case_management.model", "separate");
  check_conservation(&p, 4, "separate");
}

Test(conservation, strict_sanctions) {
  bs_params p;
  baseline_small(&p);
  set(&p, "sanctions.hoogwaardig_handhaven", "true");
  set(&p, "sanctions.maatregel_paid_work_pct", "1.0");
  set(&p, "sanctions.violations_per_year", "8");
  set(&p, "sanctions.p_repaired", "0.3");
  set(&p, "sanctions.p_fraud_stop", "0.8");
  check_conservation(&p, 5, "strict sanctions");
}

Test(conservation, economic_shock_climate) {
  bs_params p;
  baseline_small(&p);
  set(&p, "inflow.climate", "[[0, 1.0], [365, 0.3], [730, 0.8]]");
  check_conservation(&p, 6, "economic shock");
}

Test(conservation, heavy_reinflow_and_gate_instruments) {
  bs_params p;
  baseline_small(&p);
  set(&p, "inflow.p_reinflow", "0.8");
  set(&p, "inflow.reinflow_delay", "{mean_days: 10, cv: 1.0}");
  set(&p, "gatekeeping.discouragement", "true");
  set(&p, "gatekeeping.home_visits", "true");
  set(&p, "gatekeeping.direct_mediation", "true");
  set(&p, "gatekeeping.claim_intake", "municipality");
  check_conservation(&p, 7, "re-inflow and gate instruments");
}

Test(conservation, reorganisation_creaming_contract_cap) {
  bs_params p;
  baseline_small(&p);
  set(&p, "case_management.reorganisation", "true");
  set(&p, "trajectory.offer_order", "creaming");
  set(&p, "trajectory.contracted_per_year", "50");
  set(&p, "cwi.kwint", "false");
  check_conservation(&p, 8, "reorganisation, creaming, contract cap");
}

Test(conservation, every_shipped_scenario) {
  glob_t g;
  int rc = glob(BIJSIM_SOURCE_DIR "/scenarios/*.yaml", 0, NULL, &g);
  cr_assert_eq(rc, 0, "no scenario files found");
  cr_assert_gt(g.gl_pathc, 0);
  for (size_t i = 0; i < g.gl_pathc; i++) {
    bs_params p;
    char err[512];
    int lrc = bs_params_load(g.gl_pathv[i], &p, err, sizeof err);
    cr_expect_eq(lrc, 0, "%s: %s", g.gl_pathv[i], err);
    if (lrc != 0)
      continue;
    /* a small municipality with the scenario's shape; the books from day 0
     * (a burn-in restarts the counters, not the stocks) */
    p.run.warmup_days = 0;
    double scale = p.inflow.initial_stock > 400 ? 400.0 / (double)p.inflow.initial_stock : 1;
    p.inflow.initial_stock = (long)(p.inflow.initial_stock * scale);
    if (p.inflow.applications_per_year > 500)
      p.inflow.applications_per_year = 500;
    check_conservation(&p, 9 + i, g.gl_pathv[i]);
  }
  globfree(&g);
}
