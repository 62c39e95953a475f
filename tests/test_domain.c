/* test_domain.c: pins down that every list of names agrees with what it names:
 * - each domain list (models/domain.h) and each analysis list (effect
 *   outcomes and groups, units) has a non-empty name and labels for every
 *   member, and no name twice;
 * - the indicator table: unique CSV-safe names, a label and a definition for
 *   each, a display format that fits the unit, and the cohort and outflow
 *   indices pointing at the rows their names say;
 * - each indicator has the value of its own counter: a hand-built world with
 *   a distinct value per counter and per cohort count, checked against an
 *   oracle written here independently (by name), so a value inserted one row
 *   off, or two rows swapped, fails;
 * - docs/indicators.md is exactly what `bijsim indicators --markdown` prints;
 * - every instrument has a name that round-trips and its own record flag. */
#include "analysis/effect.h"
#include "analysis/indicator_doc.h"
#include "analysis/indicators.h"
#include "analysis/scenario.h"
#include "models/world.h"
#include "test_cli_util.h"

#include <criterion/criterion.h>
#include <math.h>

/* ------------------------------------------------------------ name lists */

typedef struct name_list {
  const char *what;
  const char *const *names;
  const char *const *labels[3]; /* NULL-terminated: the label arrays */
  int n;
} name_list;

static const name_list lists[] = {
    {"route",
     bs_route_names,
     {bs_route_labels, bs_route_chart_labels, bs_route_sentences},
     BS_ROUTE_N},
    {"instrument", bs_instrument_names, {bs_instrument_labels}, BS_INSTR_N},
    {"programme", bs_programme_names, {bs_programme_labels}, BS_PROG_N},
    {"gate outcome", bs_gate_names, {bs_gate_labels}, BS_GATE_N},
    {"payment class", bs_pay_names, {bs_pay_labels}, BS_PAY_N},
    {"sanction kind", bs_sanction_names, {bs_sanction_labels}, BS_SANC_N},
    {"duty", bs_duty_names, {bs_duty_labels}, BS_DUTY_N},
    {"effect outcome", bs_effect_outcome_names, {bs_effect_outcome_labels}, BS_EFF_OUTCOMES},
    {"effect group",
     bs_effect_group_names,
     {bs_effect_group_labels, bs_effect_group_chart_labels},
     BS_EFF_GROUPS},
    {"unit", bs_unit_names, {NULL}, BS_UNIT_N},
};

Test(domain, every_list_has_a_unique_name_and_labels_for_each_member) {
  for (size_t l = 0; l < sizeof lists / sizeof lists[0]; l++) {
    const name_list *L = &lists[l];
    cr_expect_gt(L->n, 1, "%s list: %d members", L->what, L->n);
    for (int i = 0; i < L->n; i++) {
      cr_assert(L->names[i] && *L->names[i], "%s %d has no name", L->what, i);
      for (int k = 0; k < 3 && L->labels[k]; k++)
        cr_expect(L->labels[k][i] && *L->labels[k][i], "%s '%s' lacks label %d", L->what,
                  L->names[i], k);
      for (int j = 0; j < i; j++)
        cr_expect(strcmp(L->names[i], L->names[j]), "%s '%s' is listed twice", L->what,
                  L->names[i]);
      cr_expect_eq(bs_domain_index(L->names, L->n, L->names[i]), i, "%s '%s' is found at %d",
                   L->what, L->names[i], i);
    }
  }
}

/* ------------------------------------------------------- indicator table */

static int csv_safe(const char *s) {
  for (; *s; s++)
    if (!(*s == '_' || (*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
          (*s >= '0' && *s <= '9')))
      return 0;
  return 1;
}

Test(indicator_table, rows_are_complete_and_unique) {
  static const bs_fmt fmt_of_unit[BS_UNIT_N] = {[BS_UNIT_COUNT] = BS_FMT_NUM,
                                                [BS_UNIT_SHARE] = BS_FMT_PCT,
                                                [BS_UNIT_DAYS] = BS_FMT_DAYS,
                                                [BS_UNIT_EUR] = BS_FMT_EUR,
                                                [BS_UNIT_PER_FTE] = BS_FMT_NUM};
  size_t n = bs_ext_count();
  cr_assert_gt(n, bs_indicator_count());
  cr_assert_null(bs_ext_def(n));
  cr_assert_null(bs_indicator(bs_indicator_count()));
  for (size_t i = 0; i < n; i++) {
    const bs_indicator_def *d = bs_ext_def(i);
    cr_assert(d && d->name && csv_safe(d->name), "row %zu: name '%s'", i, d ? d->name : "");
    cr_expect(d->label && *d->label, "%s has no label", d->name);
    size_t dl = d->definition ? strlen(d->definition) : 0;
    cr_expect(dl > 10 && d->definition[dl - 1] == '.', "%s: definition '%s'", d->name,
              d->definition);
    cr_expect(d->unit >= 0 && d->unit < BS_UNIT_N, "%s: unit %d", d->name, (int)d->unit);
    cr_expect_eq(d->fmt, fmt_of_unit[d->unit], "%s: format %d for unit %s", d->name, (int)d->fmt,
                 bs_unit_names[d->unit]);
    cr_expect_eq(d->value != NULL, i < bs_indicator_count(), "%s: expression", d->name);
    cr_expect_eq(bs_ext_index(d->name), (long)i, "%s is listed twice", d->name);
    cr_expect_eq(bs_ext_find(d->name), d);
    for (size_t j = 0; j < i; j++)
      cr_expect(strcmp(d->label, bs_ext_def(j)->label), "%s and %s share the label '%s'", d->name,
                bs_ext_def(j)->name, d->label);
  }
  cr_expect_eq(bs_indicator_index("no_such_indicator"), -1);
  cr_expect_null(bs_ext_find("no_such_indicator"));
}

Test(indicator_table, cohort_and_outflow_indices_point_at_their_names) {
  for (int k = 0; k < BS_COHORT_N; k++) {
    const char *t = bs_indicator_name(bs_indicator_cohort_index(k, 0));
    const char *g = bs_indicator_name(bs_indicator_cohort_index(k, 1));
    size_t st = strlen(t) - strlen("_true");
    cr_assert(!strcmp(t + st, "_true"), "%s", t);
    cr_expect(!strncmp(t, g, st) && !strcmp(g + st, "_registered"), "%s / %s", t, g);
  }
  static const char *const horizons[BS_OUTFLOW_N] = {"6m", "12m", "24m"};
  for (int r = 0; r < BS_ROUTE_N; r++)
    for (int h = 0; h < BS_OUTFLOW_N; h++) {
      char want[96];
      snprintf(want, sizeof want, "outflow_%s_%s", bs_route_names[r], horizons[h]);
      cr_expect_str_eq(bs_indicator_name(bs_indicator_outflow_index(r, h)), want);
    }
  cr_expect_str_eq(bs_indicator_name(BS_IND_FIRST_WHOLE_RUN), "applications");
}

/* Every part and total of BS_INDICATOR_PART_LIST is an indicator with the
 * total's unit, no chain of parts comes back to where it started, and a
 * part's value is never larger than its total's (a part is a part). */
Test(indicator_table, parts_name_indicators_of_their_total) {
#define PART(part, whole) {#part, #whole},
  static const char *const parts[][2] = {BS_INDICATOR_PART_LIST(PART)};
#undef PART
  size_t n = sizeof parts / sizeof parts[0];
  cr_assert_gt(n, 3);
  for (size_t i = 0; i < n; i++) {
    const bs_indicator_def *p = bs_ext_find(parts[i][0]), *w = bs_ext_find(parts[i][1]);
    cr_assert(p && w, "%s -> %s: not an indicator", parts[i][0], parts[i][1]);
    cr_expect_eq(p->unit, w->unit, "%s and its total %s differ in unit", p->name, w->name);
    cr_expect_str_eq(bs_indicator_whole(p->name), w->name);
    size_t steps = 0;
    for (const char *c = p->name; c && steps <= n; c = bs_indicator_whole(c))
      steps++;
    cr_expect_leq(steps, n, "the parts of %s form a cycle", p->name);
    cr_expect(bs_indicator_within(p->name, w->name));
  }
  cr_expect(bs_indicator_within("benefit_spend_eur", "budget_total_eur"), "through inkomensdeel");
  cr_expect(bs_indicator_within("budget_total_eur", "budget_total_eur"));
  cr_expect_not(bs_indicator_within("signals_lost", "budget_total_eur"));
  cr_expect_null(bs_indicator_whole("budget_total_eur"));
}

/* --------------------------------------------- values belong to their names */

/* A cohort record kind: flags as simulated and as registered, and how many. */
typedef struct kind {
  int on_365, exempt, exempt_reg;
  double t_offer, t_offer_reg, t_out;
  int mult;
  int ground; /* BS_EXEMPT_* of a true exemption */
} kind;

enum { WINDOW = 100, DEADLINE = 180 }; /* A1/B1 count outflow up to day 465, A1_2/B1_2 to 647.6 */
#define NEVER INFINITY
static const kind kinds[] = {
    /* on   ex  exreg  offer   offer_reg  out     mult */
    {0, 0, 0, NEVER, NEVER, 100, 1, BS_EXEMPT_NONE},           /* left in year one */
    {1, 0, 0, 50, NEVER, 400, 2, BS_EXEMPT_NONE},              /* offer not registered, left */
    {1, 1, 0, 100, 110, NEVER, 4, BS_EXEMPT_INDIVIDUAL},       /* exempt, on paper not */
    {1, 0, 0, NEVER, NEVER, 600, 8, BS_EXEMPT_NONE},           /* no offer, left late */
    {1, 1, 1, NEVER, NEVER, NEVER, 16, BS_EXEMPT_CATEGORICAL}, /* exempt, no offer */
    {1, 0, 0, 150, 160, 400, 32, BS_EXEMPT_NONE},              /* offer, left */
    {1, 0, 0, NEVER, NEVER, 420, 64, BS_EXEMPT_NONE},          /* no offer, left */
    {1, 0, 0, 300, 310, 700, 128, BS_EXEMPT_NONE},             /* offer, left late */
    {1, 1, 1, 200, 210, NEVER, 256, BS_EXEMPT_CATEGORICAL},    /* exempt with an offer */
    {1, 0, 0, 500, 510, NEVER, 512, BS_EXEMPT_NONE},           /* a first offer after a year */
    {1, 0, 0, 600, NEVER, NEVER, 2048, BS_EXEMPT_NONE},        /* a late offer, not registered */
    {1, 0, 0, 200, 220, 550, 1024, BS_EXEMPT_NONE}, /* offer, left before the second date */
};
enum { NKIND = sizeof kinds / sizeof kinds[0] };

/* Route r: (r+1) leave within 6 months, 10(r+1) more within 12, 100(r+1)
 * more within 24 (on day 700: long-term); the route shares are then all
 * different. */
static int route_leavers(int r, int horizon) {
  static const int cum[3] = {1, 11, 111};
  return cum[horizon] * (r + 1);
}

/* The chapter-5 counts of the kinds, from the definitions in domain.md; the
 * route leavers left in year one (X only). */
static void oracle_counts(int reg, bs_cohort_counts *k) {
  memset(k, 0, sizeof *k);
  for (int r = 0; r < BS_ROUTE_N; r++) {
    k->X += route_leavers(r, 2);
    /* those who left on day 700 were long-term: obligated, no offer, left
     * after the A.1/B.1 date */
    double late = route_leavers(r, 2) - route_leavers(r, 1);
    k->Y += late;
    k->Z += late;
    k->B += late;
  }
  for (int i = 0; i < NKIND; i++) {
    const kind *q = &kinds[i];
    double m = q->mult;
    int exempt = reg ? q->exempt_reg : q->exempt;
    int offered = (reg ? q->t_offer_reg : q->t_offer) <= 365;
    int left = q->t_out <= WINDOW + 365, left2 = q->t_out <= WINDOW + 365 + 365.25 / 2;
    k->X += m;
    if (!q->on_365)
      continue;
    k->Y += m;
    if (exempt) {
      k->C += offered * m;
      continue;
    }
    k->Z += m;
    k->A += offered * m;
    k->B += !offered * m;
    k->A1 += (offered && left) * m;
    k->B1 += (!offered && left) * m;
    k->A1_2 += (offered && left2) * m;
    k->B1_2 += (!offered && left2) * m;
    k->L += (!offered && isfinite(reg ? q->t_offer_reg : q->t_offer)) * m;
  }
}

typedef struct expect_row {
  const char *name;
  double value;
} expect_row;

static bs_world w; /* large: static, and zeroed */

/* The indicators that are one counter each, with the counter: each gets its
 * own value, 1000 + its row here (counts) or 2000.5 + its row (money). */
typedef struct plain_count {
  const char *name;
  uint64_t *counter;
} plain_count;
typedef struct plain_money {
  const char *name;
  double *counter;
} plain_money;

static const plain_count plain_counts[] = {
    {"applications", &w.c.applications},
    {"admitted", &w.c.admitted},
    {"gate_mediated", &w.c.gate[BS_GATE_MEDIATED]},
    {"kwint_count", &w.c.gate_kwint},
    {"phase1_referred", &w.c.phase1_referred},
    {"stock_on_benefit_end", &w.stock[BS_ST_BENEFIT]},
    {"reinflow", &w.c.reinflow},
    {"wf_started", &w.c.wf_started},
    {"wf_deterred", &w.c.wf_deterred},
    {"wf_to_work", &w.c.wf_work},
    {"traj_started", &w.c.traj_started},
    {"traj_ended_effort", &w.c.traj_ended[BS_PAY_EFFORT]},
    {"traj_ended_subsidised", &w.c.traj_ended[BS_PAY_SUBSIDISED]},
    {"traj_ended_regular", &w.c.traj_ended[BS_PAY_REGULAR]},
    {"traj_no_shows", &w.c.traj_no_shows},
    {"providers_dropped", &w.c.providers_dropped},
    {"act_started", &w.c.act_started},
    {"act_volunteer", &w.c.act_volunteer},
    {"act_to_work", &w.c.act_work},
    {"act_stopped", &w.c.act_stopped},
    {"violations_detected", &w.c.detected},
    {"signals_lost", &w.c.signals_lost},
    {"actions_slipped", &w.c.slipped},
    {"sanctions_maatregel", &w.c.sanctions[BS_SANC_MAATREGEL]},
    {"sanctions_suspension", &w.c.sanctions[BS_SANC_SUSPENSION]},
    {"sanctions_recovery", &w.c.sanctions[BS_SANC_RECOVERY]},
    {"traj_parked", &w.c.traj_parked},
    {"provider_reports_parked", &w.c.prov_reports_parked},
    {"provider_intake_stops", &w.c.prov_intake_stops},
    {"places_queued_work_first", &w.c.place_queued[BS_PLACE_WORK_FIRST]},
    {"places_queued_subsidised", &w.c.place_queued[BS_PLACE_SUBSIDISED]},
    {"places_queued_funded", &w.c.place_queued[BS_PLACE_FUNDED]},
    {"covenant_placements", &w.c.place_filled[BS_PLACE_COVENANT]},
    {"budget_refused_funded", &w.c.budget_refused[BS_CUT_FUNDED]},
};
static const plain_money plain_money_rows[] = {
    {"sanction_amount_eur", &w.c.sanction_amount},
    {"recovered_fraud_eur", &w.c.recovered},
    {"recovery_claimed_eur", &w.c.recovery_claimed},
    {"fraud_damage_eur", &w.c.fraud_damage},
    {"fraud_damage_undetected_eur", &w.c.fraud_damage_undetected},
    {"benefit_spend_eur", &w.c.benefit_spend},
    {"traj_spend_effort_eur", &w.c.traj_spend[BS_PAY_EFFORT]},
    {"traj_spend_subsidised_eur", &w.c.traj_spend[BS_PAY_SUBSIDISED]},
    {"traj_spend_regular_eur", &w.c.traj_spend[BS_PAY_REGULAR]},
    {"work_first_spend_eur", &w.c.wf_spend},
    {"activation_spend_eur", &w.c.act_spend},
    {"subsidy_spend_eur", &w.c.subsidy_spend},
    {"funded_employment_spend_eur", &w.c.funded_employment_spend},
    {"intake_spend_eur", &w.c.intake_spend},
    {"consultant_spend_eur", &w.c.consultant_spend},
    {"avdt_subsidy_eur", &w.c.avdt_subsidy},
};

/* The counters of the ratios and sums, each its own value too. */
static void set_other_counters(bs_counters *c) {
  for (int g = 0; g < BS_GATE_N; g++)
    if (g != BS_GATE_MEDIATED)
      c->gate[g] = 11 + (uint64_t)g;
  c->traj_registered = 505;
  c->act_improved = 254;
  for (int d = 0; d < BS_DUTY_N; d++)
    c->violations[d] = 100u << d;
  c->cm_capacity_used = 15;
  c->cm_capacity_total = 120;
  c->cm_wait_sum = 300;
  c->cm_wait_n = 100;
  c->caseload_sum = 500;
  c->caseload_n = 10;
  c->wl_hours_used = 60;
  c->wl_hours_avail = 80;
  for (int t = 0; t < BS_TASK_N; t++) {
    c->wl_done[t] = 1 + t;
    c->wl_demand[t] = 20 + t;
  }
  c->wl_fte_sum = 900;
  c->wl_days = 30;
  c->place_wait_sum = 700;
  c->place_wait_n = 7;
  for (int y = 0; y < BS_BUDGET_YEARS; y++) {
    c->budget_benefit_year[y] = 100 + y;
    c->budget_werkdeel_year[y] = 10 + y;
  }
}

static size_t build_world(bs_cohort_rec *recs) {
  memset(&w, 0, sizeof w);
  w.p.run.cohort_start_day = 0;
  w.p.run.cohort_length_days = WINDOW;
  w.p.run.horizon_days = 2000; /* past the second A.1/B.1 date */
  w.p.trajectory.sluitend_deadline_days = DEADLINE;
  w.p.run.horizon_days = 1096;
  w.p.budget.enabled = 1;
  w.p.budget.inkomensdeel_per_year = 1000;
  size_t n = 0;
  for (int i = 0; i < NKIND; i++)
    for (int m = 0; m < kinds[i].mult; m++)
      recs[n++] = (bs_cohort_rec){.on_365 = (uint8_t)kinds[i].on_365,
                                  .exempt_365 = (uint8_t)kinds[i].exempt,
                                  .exempt_reg_365 = (uint8_t)kinds[i].exempt_reg,
                                  .exempt_kind_365 = (uint8_t)kinds[i].ground,
                                  .route = BS_ROUTE_N,
                                  .t_in = 0,
                                  .t_out = kinds[i].t_out,
                                  .t_out_reg = kinds[i].t_out,
                                  .t_offer = kinds[i].t_offer,
                                  .t_offer_reg = kinds[i].t_offer_reg};
  static const double days[3] = {100, 300, 700};
  for (int r = 0; r < BS_ROUTE_N; r++)
    for (int h = 0; h < 3; h++)
      for (int m = h ? route_leavers(r, h - 1) : 0; m < route_leavers(r, h); m++)
        recs[n++] = (bs_cohort_rec){.on_365 = h == 2,
                                    .route = (uint8_t)r,
                                    .t_in = 0,
                                    .t_out = days[h],
                                    .t_out_reg = days[h],
                                    .t_offer = NEVER,
                                    .t_offer_reg = NEVER};
  w.cohort = recs;
  w.cohort_n = n;
  for (size_t i = 0; i < sizeof plain_counts / sizeof plain_counts[0]; i++)
    *plain_counts[i].counter = 1000 + i;
  for (size_t i = 0; i < sizeof plain_money_rows / sizeof plain_money_rows[0]; i++)
    *plain_money_rows[i].counter = 2000.5 + (double)i;
  set_other_counters(&w.c);
  return n;
}

static size_t add(expect_row *e, size_t n, const char *name, double v) {
  e[n].name = name;
  e[n].value = v;
  return n + 1;
}

Test(indicators, each_value_belongs_to_its_name) {
  size_t nrec = 0;
  for (int i = 0; i < NKIND; i++)
    nrec += (size_t)kinds[i].mult;
  nrec += (size_t)route_leavers(BS_ROUTE_N - 1, 2) * BS_ROUTE_N;
  bs_cohort_rec *recs = calloc(nrec, sizeof *recs);
  cr_assert(recs);
  size_t ncoh = build_world(recs);
  cr_assert_leq(ncoh, nrec);
  size_t N = bs_indicator_count();
  double *v = malloc(N * sizeof *v);
  cr_assert(v);
  bs_indicators_compute(&w, v);

  expect_row e[256];
  size_t n = 0;
  static char names[2][BS_COHORT_N][64], route_names[BS_ROUTE_N][3][64];
  static const char *const items[BS_COHORT_N] = {"X",
                                                 "Y",
                                                 "Z",
                                                 "A",
                                                 "B",
                                                 "C",
                                                 "A1",
                                                 "B1",
                                                 "A1_2",
                                                 "B1_2",
                                                 "late_offers",
                                                 "late_offer_ratio",
                                                 "complianceratio",
                                                 "langdurigheidsratio",
                                                 "sluitingsratio",
                                                 "niet_sluitingsratio",
                                                 "uitstroomratio_met_traject",
                                                 "uitstroomratio_zonder_traject"};
  for (int reg = 0; reg < 2; reg++) {
    bs_cohort_counts k;
    oracle_counts(reg, &k);
    double vals[BS_COHORT_N] = {k.X,
                                k.Y,
                                k.Z,
                                k.A,
                                k.B,
                                k.C,
                                k.A1,
                                k.B1,
                                k.A1_2,
                                k.B1_2,
                                k.L,
                                k.L / k.Z,
                                (k.X - k.Y + k.A + k.C) / k.X,
                                k.Y / k.X,
                                k.A / k.Z,
                                k.B / k.Z,
                                k.A1 / k.A,
                                k.B1 / k.B};
    for (int i = 0; i < BS_COHORT_N; i++) {
      snprintf(names[reg][i], sizeof names[reg][i], "%s_%s", items[i], reg ? "registered" : "true");
      n = add(e, n, names[reg][i], vals[i]);
    }
  }
  static const char *const hz[3] = {"6m", "12m", "24m"};
  for (int r = 0; r < BS_ROUTE_N; r++)
    for (int h = 0; h < 3; h++) {
      snprintf(route_names[r][h], sizeof route_names[r][h], "outflow_%s_%s", bs_route_names[r],
               hz[h]);
      n = add(e, n, route_names[r][h], route_leavers(r, h) / (double)ncoh);
    }
  double offers = 0, offer_days = 0, in_time = 0;
  for (int i = 0; i < NKIND; i++)
    if (isfinite(kinds[i].t_offer)) {
      offers += kinds[i].mult;
      offer_days += kinds[i].mult * kinds[i].t_offer;
      in_time += kinds[i].mult * (kinds[i].t_offer <= DEADLINE);
    }
  const bs_counters *c = &w.c;
  double werkdeel = c->traj_spend[0] + c->traj_spend[1] + c->traj_spend[2] + c->wf_spend +
                    c->act_spend + c->subsidy_spend + c->funded_employment_spend;
  for (size_t i = 0; i < sizeof plain_counts / sizeof plain_counts[0]; i++)
    n = add(e, n, plain_counts[i].name, (double)*plain_counts[i].counter);
  for (size_t i = 0; i < sizeof plain_money_rows / sizeof plain_money_rows[0]; i++)
    n = add(e, n, plain_money_rows[i].name, *plain_money_rows[i].counter);
  n = add(e, n, "gate_withdrawn", 11 + 12 + 13 + 14 + 15); /* every outcome but mediation */
  double y2_base = 0, y2_left = 0;                         /* of the long-term, left in year two */
  for (int i = 0; i < NKIND; i++)
    if (kinds[i].on_365 && kinds[i].t_out > 365) {
      y2_base += kinds[i].mult;
      y2_left += kinds[i].mult * (kinds[i].t_out <= 730.5);
    }
  for (int r = 0; r < BS_ROUTE_N; r++) { /* those who left on day 700 */
    y2_base += route_leavers(r, 2) - route_leavers(r, 1);
    y2_left += route_leavers(r, 2) - route_leavers(r, 1);
  }
  n = add(e, n, "outflow_year2_share", y2_left / y2_base);
  n = add(e, n, "exempt_categorical_365", 16 + 256);
  n = add(e, n, "exempt_individual_365", 4);
  n = add(e, n, "time_to_first_offer_mean_days", offer_days / offers);
  n = add(e, n, "offer_within_deadline_share", in_time / offers);
  n = add(e, n, "traj_registered_share", 505.0 / (double)c->traj_started);
  n = add(e, n, "act_improved_share", 254.0 / (double)c->act_started);
  n = add(e, n, "act_volunteer_share", (double)c->act_volunteer / (double)c->act_started);
  n = add(e, n, "act_to_work_share", (double)c->act_work / (double)c->act_started);
  n = add(e, n, "violations", 100 + 200 + 400);
  n = add(e, n, "consultant_utilisation", 15.0 / 120);
  n = add(e, n, "consultant_mean_wait_days", 300.0 / 100);
  n = add(e, n, "consultant_mean_caseload", 500.0 / 10);
  n = add(e, n, "inkomensdeel_eur", c->benefit_spend);
  n = add(e, n, "werkdeel_eur", werkdeel);
  n = add(e, n, "budget_total_eur", c->benefit_spend + werkdeel + c->consultant_spend);
  n = add(e, n, "traj_parked_share", (double)c->traj_parked / (double)c->traj_started);
  n = add(e, n, "workload_utilisation", 60.0 / 80);
  n = add(e, n, "workload_eligibility_share", (1 + 2 + 3 + 4) / 60.0);
  n = add(e, n, "workload_contacts_done", (1.0 + BS_TASK_CONTACT) / (20.0 + BS_TASK_CONTACT));
  n = add(e, n, "workload_reexam_done", (1.0 + BS_TASK_REEXAM) / (20.0 + BS_TASK_REEXAM));
  n = add(e, n, "workload_mean_fte", 900.0 / 30);
  n = add(e, n, "places_mean_wait_days", 700.0 / 7);
  static const char *const surplus[3] = {
      "inkomensdeel_surplus_y1_eur", "inkomensdeel_surplus_y2_eur", "inkomensdeel_surplus_y3_eur"};
  static const char *const werk[3] = {"werkdeel_y1_eur", "werkdeel_y2_eur", "werkdeel_y3_eur"};
  for (int y = 0; y < 3; y++) {
    n = add(e, n, surplus[y], 1000.0 - (100 + y));
    n = add(e, n, werk[y], 10.0 + y);
  }

  cr_assert_eq(n, N,
               "the oracle has %zu values for %zu indicators: give a new indicator its "
               "expected value here",
               n, N);
  for (size_t i = 0; i < n; i++) {
    long at = bs_indicator_index(e[i].name);
    cr_assert_geq(at, 0, "indicator %s is missing", e[i].name);
    cr_expect(fabs(v[at] - e[i].value) <= 1e-12 * fabs(e[i].value),
              "%s = %.10g, want %.10g (its own counter)", e[i].name, v[at], e[i].value);
  }
  /* the oracle's values are all different, except where two indicators are
   * the same quantity by definition, so no swap or shift goes unseen */
  for (size_t i = 0; i < n; i++)
    for (size_t j = 0; j < i; j++) {
      int same_by_definition =
          (!strcmp(e[i].name, "inkomensdeel_eur") && !strcmp(e[j].name, "benefit_spend_eur")) ||
          (!strcmp(e[i].name, "X_registered") && !strcmp(e[j].name, "X_true")) ||
          (!strcmp(e[i].name, "Y_registered") && !strcmp(e[j].name, "Y_true")) ||
          (!strcmp(e[i].name, "langdurigheidsratio_registered") &&
           !strcmp(e[j].name, "langdurigheidsratio_true"));
      cr_expect(same_by_definition || e[i].value != e[j].value, "%s and %s are both %g", e[i].name,
                e[j].name, e[i].value);
    }
  free(v);
  free(recs);
}

/* ------------------------------------------------------------------ docs */

Test(docs, indicators_md_is_generated_from_the_table) {
  char *doc = slurp(BIJSIM_SOURCE_DIR "/docs/indicators.md", NULL);
  cr_assert(doc);
  char *gen = NULL;
  size_t len = 0;
  FILE *f = open_memstream(&gen, &len);
  cr_assert(f);
  cr_assert_eq(bs_indicator_doc_write(f), 0);
  fclose(f);
  if (strcmp(doc, gen) != 0) {
    int line = 1;
    size_t i = 0;
    for (; doc[i] && doc[i] == gen[i]; i++)
      line += doc[i] == '\n';
    cr_expect_fail("docs/indicators.md differs from the indicator table from line %d: run "
                   "build/bijsim indicators --markdown > docs/indicators.md",
                   line);
  }
  free(gen);
  free(doc);
}

Test(docs, indicators_command_prints_the_page) {
  char *out = NULL, *err = NULL;
  cr_assert_eq(run_bijsim("indicators --markdown", &out, &err), 0, "%s", err);
  char *doc = slurp(BIJSIM_SOURCE_DIR "/docs/indicators.md", NULL);
  cr_assert(doc && out);
  cr_expect_str_eq(out, doc);
  free(out);
  free(err);
  free(doc);
  cr_expect_eq(run_bijsim("indicators", NULL, NULL), 2, "no --markdown: usage error");
}

/* ------------------------------------------------------------ instruments */

Test(domain, instruments_round_trip_and_have_their_own_flag) {
  unsigned seen = 0;
  for (int i = BS_INSTR_NONE + 1; i < BS_INSTR_N; i++) {
    cr_expect_eq(bs_instrument_index(bs_instrument_names[i]), i, "%s", bs_instrument_names[i]);
    unsigned f = bs_instrument_flag(i);
    cr_expect(f && !(f & seen), "%s: flag %#x", bs_instrument_names[i], f);
    seen |= f;
  }
  cr_expect_eq(bs_instrument_index("none"), -1);
  cr_expect_eq(bs_instrument_index("nothing"), -1);
  cr_expect_eq(bs_instrument_flag(BS_INSTR_NONE), 0);
  char b[256], last[64];
  bs_instrument_choices(b, sizeof b, " or ");
  for (int i = BS_INSTR_NONE + 1; i < BS_INSTR_N; i++)
    cr_expect(strstr(b, bs_instrument_names[i]), "%s lacks %s", b, bs_instrument_names[i]);
  snprintf(last, sizeof last, " or %s", bs_instrument_names[BS_INSTR_N - 1]);
  cr_expect(strlen(b) > strlen(last) && !strcmp(b + strlen(b) - strlen(last), last), "%s", b);
  cr_expect_null(strstr(b, "none"));
}

/* ------------------------------------------------------------ trace events */

/* The conversions of a printf format, as a string of their letters. */
static void conversions(const char *fmt, char *out, size_t len) {
  size_t n = 0;
  for (const char *p = fmt; *p; p++) {
    if (*p != '%')
      continue;
    p++;
    if (*p == '%')
      continue;
    while (*p && !strchr("diuxXfeEgGcsp", *p))
      p++;
    if (*p && n + 1 < len)
      out[n++] = *p;
  }
  out[n] = 0;
}

Test(domain, trace_codes_are_unique_and_every_exit_has_one) {
  for (int i = 0; i < BS_TR_N; i++) {
    cr_assert(bs_trace_codes[i] && *bs_trace_codes[i] && bs_trace_formats[i]);
    cr_assert_lt(bs_trace_stage_of[i], BS_TS_N, "%s", bs_trace_codes[i]);
    cr_expect_eq(bs_trace_code_index(bs_trace_codes[i]), i, "%s is listed twice",
                 bs_trace_codes[i]);
    for (const char *c = bs_trace_codes[i]; *c; c++)
      cr_expect((*c >= 'a' && *c <= 'z') || *c == '_', "code %s: lower case and _ only",
                bs_trace_codes[i]);
  }
  for (int r = 0; r < BS_ROUTE_N; r++) {
    char want[64], conv[16];
    snprintf(want, sizeof want, "leave_%s", bs_route_names[r]);
    cr_expect_eq(bs_trace_code_index(want), BS_TR_LEAVE + r, "%s", want);
    cr_expect_str_eq(bs_trace_formats[BS_TR_LEAVE + r], bs_route_sentences[r]);
    cr_expect_eq(bs_trace_stage_of[BS_TR_LEAVE + r], BS_TS_OUTFLOW);
    /* an exit's sentence is its own format: no conversion in it */
    conversions(bs_route_sentences[r], conv, sizeof conv);
    cr_expect_str_empty(conv, "route %s: %s", bs_route_names[r], bs_route_sentences[r]);
  }
  cr_expect_eq(bs_trace_code_index("no_such_event"), -1);
}
