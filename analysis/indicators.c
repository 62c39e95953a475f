/* indicators.c: see indicators.h. The table is generated from the lists in
 * indicator_table.h: each row gets a small function that evaluates its
 * expression in a context filled once per replication. */
#include "analysis/indicators.h"

#include <math.h>
#include <string.h>

#define X(e, name) name,
const char *const bs_unit_names[BS_UNIT_N] = {BS_UNIT_LIST(X)};
#undef X

/* Everything an expression reads: the replication, and what one pass over
 * its cohort records gives. */
typedef struct bs_ind_ctx {
  const bs_world *w;
  const bs_counters *c;
  bs_cohort_counts cohort[2]; /* [0] true, [1] as registered */
  /* share of the cohort that left by route within each horizon */
  double outflow[BS_ROUTE_N][BS_OUTFLOW_N];
  /* cohort clients with an offer: summed days to it, their number, and
   * those within trajectory.sluitend_deadline_days */
  double offer_days, offers, offers_in_time;
  /* long-term (true) exempt clients on day 365, by the ground */
  double exempt_categorical, exempt_individual;
  /* long-term clients, and those of them who left in year two */
  double year2_base, year2_left;
} bs_ind_ctx;

static double ratio(double a, double b) { return b > 0 ? a / b : NAN; }

/* year-two outflow: NaN unless the horizon covers the cohort's year two */
static double year2_share(const bs_ind_ctx *x) {
  const bs_run_params *run = &x->w->p.run;
  if (run->cohort_start_day + run->cohort_length_days + 730.5 > run->horizon_days)
    return NAN;
  return ratio(x->year2_left, x->year2_base);
}

/* The sums the whole-run expressions use. */
static uint64_t gate_left(const bs_counters *c) {
  uint64_t n = 0;
  for (int g = 0; g < BS_GATE_N; g++)
    if (g != BS_GATE_MEDIATED)
      n += c->gate[g];
  return n;
}

static uint64_t violations(const bs_counters *c) {
  uint64_t n = 0;
  for (int d = 0; d < BS_DUTY_N; d++)
    n += c->violations[d];
  return n;
}

static double werkdeel(const bs_counters *c) { return bs_werkdeel_spend(c); }

/* Budget of calendar year y (0-based): the inkomensdeel allocation less the
 * benefit paid, or the werkdeel spent; NaN when the budgets are off or the
 * year is past the horizon. */
static double budget_year(const bs_ind_ctx *x, int y, int werk) {
  const bs_params *p = &x->w->p;
  if (!p->budget.enabled || y * 365.25 >= p->run.horizon_days)
    return NAN;
  return werk ? x->c->budget_werkdeel_year[y]
              : p->budget.inkomensdeel_per_year - x->c->budget_benefit_year[y];
}

static double task_share(const bs_counters *c, int t) {
  return ratio(c->wl_done[t], c->wl_demand[t]);
}

/* The whole-run list has one row per payment class and sanction kind. */
_Static_assert(BS_PAY_N == 3, "a payment class was added: add its traj_ended_ and traj_spend_ "
                              "rows to BS_WHOLE_RUN_LIST");
_Static_assert(BS_SANC_N == 3,
               "a sanction kind was added: add its sanctions_ row to BS_WHOLE_RUN_LIST");

/* ------------------------------------------------ one function per expression */

#define ITEM(id, label, term, unit, fmt, better, def, expr)                                        \
  static double cohort_##id(const bs_ind_ctx *x, int registered) {                                 \
    const bs_cohort_counts *k = &x->cohort[registered];                                            \
    return (expr);                                                                                 \
  }
BS_COHORT_ITEM_LIST(ITEM)
#undef ITEM

static double outflow_share(const bs_ind_ctx *x, int arg) {
  return x->outflow[arg / BS_OUTFLOW_N][arg % BS_OUTFLOW_N];
}

#define ROW(name, label, unit, fmt, better, def, expr)                                             \
  static double whole_##name(const bs_ind_ctx *x, int arg) {                                       \
    const bs_counters *c = x->c;                                                                   \
    (void)c;                                                                                       \
    (void)arg;                                                                                     \
    return (double)(expr);                                                                         \
  }
BS_WHOLE_RUN_LIST(ROW)
#undef ROW

/* ---------------------------------------------------------------- the table */

#define COHORT_TRUE(id_, label_, term_, unit_, fmt_, better_, def_, expr_)                         \
  {.name = #id_ "_true",                                                                           \
   .label = label_ term_,                                                                          \
   .unit = BS_UNIT_##unit_,                                                                        \
   .fmt = BS_FMT_##fmt_,                                                                           \
   .better = BS_BETTER_##better_,                                                                  \
   .definition = def_,                                                                             \
   .value = cohort_##id_,                                                                          \
   .arg = 0},
#define COHORT_REGISTERED(id_, label_, term_, unit_, fmt_, better_, def_, expr_)                   \
  {.name = #id_ "_registered",                                                                     \
   .label = label_ ", as registered",                                                              \
   .unit = BS_UNIT_##unit_,                                                                        \
   .fmt = BS_FMT_##fmt_,                                                                           \
   .better = BS_BETTER_##better_,                                                                  \
   .definition = def_ BS_COHORT_REGISTERED_NOTE,                                                   \
   .value = cohort_##id_,                                                                          \
   .arg = 1},
/* the work routes are what re-integration aims at */
#define OUTFLOW_BETTER(e) (BS_ROUTE_IS_WORK(BS_ROUTE_##e) ? BS_BETTER_HIGHER : BS_BETTER_NEUTRAL)
#define OUTFLOW_ROW(h_, days_, months_, words_, e_, name_, left_, clause_)                         \
  {.name = "outflow_" name_ "_" #h_,                                                               \
   .label = left_ " within " months_,                                                              \
   .unit = BS_UNIT_SHARE,                                                                          \
   .fmt = BS_FMT_PCT,                                                                              \
   .better = OUTFLOW_BETTER(e_),                                                                   \
   .definition = "Share of the cohort that " clause_ " within " words_ ".",                        \
   .value = outflow_share,                                                                         \
   .arg = BS_ROUTE_##e_ * BS_OUTFLOW_N + BS_OUTFLOW_##h_},
#define OUTFLOW_ROWS(e_, name_, label_, chart_, sentence_, left_, clause_)                         \
  BS_OUTFLOW_HORIZON_LIST(OUTFLOW_ROW, e_, name_, left_, clause_)
#define WHOLE_RUN(name_, label_, unit_, fmt_, better_, def_, expr_)                                \
  {.name = #name_,                                                                                 \
   .label = label_,                                                                                \
   .unit = BS_UNIT_##unit_,                                                                        \
   .fmt = BS_FMT_##fmt_,                                                                           \
   .better = BS_BETTER_##better_,                                                                  \
   .definition = def_,                                                                             \
   .value = whole_##name_,                                                                         \
   .arg = 0},

#define COUNT(...) +1

/* in the order of indicators.csv */
static const bs_indicator_def table[] = {
    BS_COHORT_ITEM_LIST(COHORT_TRUE)       /* NAME_true */
    BS_COHORT_ITEM_LIST(COHORT_REGISTERED) /* NAME_registered */
    BS_ROUTE_LIST(OUTFLOW_ROWS)            /* outflow_ROUTE_H, route by route */
    BS_WHOLE_RUN_LIST(WHOLE_RUN)           /* the whole run */
};
enum { N_TABLE = sizeof table / sizeof table[0] };
_Static_assert(N_TABLE == BS_IND_FIRST_WHOLE_RUN + (0 BS_WHOLE_RUN_LIST(COUNT)),
               "the parts of the table start where indicators.h says");

#undef COHORT_TRUE
#undef COHORT_REGISTERED
#undef OUTFLOW_BETTER
#undef OUTFLOW_ROW
#undef OUTFLOW_ROWS
#undef WHOLE_RUN
#undef COUNT

#define H(h, days, ...) days,
static const double horizon_days[BS_OUTFLOW_N] = {BS_OUTFLOW_HORIZON_LIST(H, 0)};
#undef H

size_t bs_indicator_count(void) { return N_TABLE; }

const bs_indicator_def *bs_indicator(size_t i) { return i < N_TABLE ? &table[i] : NULL; }

const char *bs_indicator_name(size_t i) { return i < N_TABLE ? table[i].name : NULL; }

long bs_indicator_index(const char *name) {
  for (size_t i = 0; i < N_TABLE; i++)
    if (strcmp(table[i].name, name) == 0)
      return (long)i;
  return -1;
}

size_t bs_indicator_cohort_index(int item, int registered) {
  return (size_t)((registered ? BS_IND_FIRST_REGISTERED : BS_IND_FIRST_TRUE) + item);
}

size_t bs_indicator_outflow_index(int route, int horizon) {
  return (size_t)(BS_IND_FIRST_OUTFLOW + route * BS_OUTFLOW_N + horizon);
}

#define PART(part, whole) {#part, #whole},
static const char *const parts[][2] = {BS_INDICATOR_PART_LIST(PART)};
#undef PART

const char *bs_indicator_whole(const char *name) {
  for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++)
    if (!strcmp(parts[i][0], name))
      return parts[i][1];
  return NULL;
}

int bs_indicator_within(const char *name, const char *total) {
  /* the list has no cycles (tests/test_domain.c), so the chain ends */
  for (const char *n = name; n; n = bs_indicator_whole(n))
    if (!strcmp(n, total))
      return 1;
  return 0;
}

static void bs_cohort_count(const bs_world *w, int registered, bs_cohort_counts *o) {
  memset(o, 0, sizeof *o);
  /* A.1 and B.1 count outflow up to one calendar date, as the seed did (003
   * ch.5: outflow known up to 30 June 2003 for the inflow of Jan-Jun 2002):
   * the end of the cohort window plus one year; A.1/B.1 at the second date
   * half a year later (annex 3, Gemeente 1). */
  double measured_until = w->p.run.cohort_start_day + w->p.run.cohort_length_days + 365;
  double second_date = measured_until + 365.25 / 2;
  for (size_t i = 0; i < w->cohort_n; i++) {
    const bs_cohort_rec *r = &w->cohort[i];
    o->X++;
    /* long-term: on benefit more than 365 days after the start (leaving on
     * day 365 itself is leaving within the year, as in survival.csv and
     * outflow_*_12m); as registered, by the register's end date */
    double t_out = registered ? r->t_out_reg : r->t_out;
    if (!(t_out - r->t_in > 365) || (!registered && !r->on_365))
      continue;
    o->Y++;
    int exempt = registered ? r->exempt_reg_365 : r->exempt_365;
    double t_offer = registered ? r->t_offer_reg : r->t_offer;
    int offered = t_offer - r->t_in <= 365;
    int left_h1 = t_out <= measured_until, left_h2 = t_out <= second_date;
    if (exempt) {
      if (offered)
        o->C++;
      continue;
    }
    o->Z++;
    if (offered) {
      o->A++;
      o->A1 += left_h1;
      o->A1_2 += left_h2;
    } else {
      o->B++;
      o->B1 += left_h1;
      o->B1_2 += left_h2;
      o->L += isfinite(t_offer);
    }
  }
  if (second_date > w->p.run.horizon_days)
    o->A1_2 = o->B1_2 = NAN;
}

/* One pass over the cohort: outflow by route and horizon, offers. */
static void cohort_pass(const bs_world *w, bs_ind_ctx *x) {
  memset(x->outflow, 0, sizeof x->outflow);
  x->offer_days = x->offers = x->offers_in_time = 0;
  x->exempt_categorical = x->exempt_individual = 0;
  x->year2_base = x->year2_left = 0;
  for (size_t i = 0; i < w->cohort_n; i++) {
    const bs_cohort_rec *r = &w->cohort[i];
    if (r->route < BS_ROUTE_N)
      for (int h = 0; h < BS_OUTFLOW_N; h++)
        if (r->t_out - r->t_in <= horizon_days[h])
          x->outflow[r->route][h] += 1;
    if (r->on_365 && r->t_out - r->t_in > 365) {
      x->year2_base++;
      x->year2_left += r->t_out - r->t_in <= 730.5;
    }
    if (r->on_365 && r->t_out - r->t_in > 365 && r->exempt_365) {
      x->exempt_categorical += r->exempt_kind_365 == BS_EXEMPT_CATEGORICAL;
      x->exempt_individual += r->exempt_kind_365 == BS_EXEMPT_INDIVIDUAL;
    }
    if (isfinite(r->t_offer)) {
      x->offer_days += r->t_offer - r->t_in;
      x->offers++;
      x->offers_in_time += r->t_offer - r->t_in <= w->p.trajectory.sluitend_deadline_days;
    }
  }
  for (int r = 0; r < BS_ROUTE_N; r++)
    for (int h = 0; h < BS_OUTFLOW_N; h++)
      x->outflow[r][h] = ratio(x->outflow[r][h], (double)w->cohort_n);
}

void bs_indicators_compute(const bs_world *w, double *v) {
  bs_ind_ctx x = {.w = w, .c = &w->c};
  bs_cohort_count(w, 0, &x.cohort[0]);
  bs_cohort_count(w, 1, &x.cohort[1]);
  cohort_pass(w, &x);
  for (size_t i = 0; i < N_TABLE; i++)
    v[i] = table[i].value(&x, table[i].arg);
}
