/* indicators.h: turns one replication's records and counters into named
 * indicators: the seed's chapter-5 cohort indicators (true and as
 * registered), outflow by route, offers, sanctions, consultants and money.
 * Every indicator is one row of analysis/indicator_table.h (name, label,
 * unit, format, definition and the expression computing it); the functions
 * here read that table. docs/indicators.md is generated from it. */
#ifndef BIJSIM_INDICATORS_H
#define BIJSIM_INDICATORS_H

#include "analysis/fmt.h"
#include "analysis/indicator_table.h"
#include "models/world.h"

#include <stddef.h>

/* What an indicator measures in. X(ENUM, name) */
#define BS_UNIT_LIST(X)                                                                            \
  X(COUNT, "count")                                                                                \
  X(SHARE, "share")                                                                                \
  X(DAYS, "days")                                                                                  \
  X(EUR, "EUR")                                                                                    \
  X(PER_FTE, "clients per FTE")

typedef enum {
#define X(e, name) BS_UNIT_##e,
  BS_UNIT_LIST(X)
#undef X
      BS_UNIT_N
} bs_unit;
extern const char *const bs_unit_names[BS_UNIT_N];

/* Which way is better for the municipality, where the domain says so. */
typedef enum { BS_BETTER_NEUTRAL, BS_BETTER_HIGHER, BS_BETTER_LOWER } bs_better;

/* The routes that are work: regular, subsidised or funded employment. */
#define BS_ROUTE_IS_WORK(r)                                                                        \
  ((r) == BS_ROUTE_REGULAR_WORK || (r) == BS_ROUTE_SUBSIDISED_WORK ||                              \
   (r) == BS_ROUTE_FUNDED_EMPLOYMENT)

/* The cohort items (BS_COHORT_<id>) and outflow horizons (BS_OUTFLOW_<H>). */
enum {
#define ITEM(id, ...) BS_COHORT_##id,
  BS_COHORT_ITEM_LIST(ITEM)
#undef ITEM
      BS_COHORT_N
};
enum {
#define X(h, ...) BS_OUTFLOW_##h,
  BS_OUTFLOW_HORIZON_LIST(X, 0)
#undef X
      BS_OUTFLOW_N
};

/* Where each part of the table starts, in CSV order: NAME_true,
 * NAME_registered, outflow_ROUTE_H (route by route), the whole run. */
enum {
  BS_IND_FIRST_TRUE = 0,
  BS_IND_FIRST_REGISTERED = BS_COHORT_N,
  BS_IND_FIRST_OUTFLOW = 2 * BS_COHORT_N,
  BS_IND_FIRST_WHOLE_RUN = BS_IND_FIRST_OUTFLOW + BS_ROUTE_N * BS_OUTFLOW_N
};

/* The context an indicator's expression reads (indicators.c). */
struct bs_ind_ctx;

/* One row of the indicator table. */
typedef struct bs_indicator_def {
  const char *name;  /* in indicators.csv and summary.csv */
  const char *label; /* English, for the report */
  bs_unit unit;
  bs_fmt fmt; /* how the report shows a value */
  bs_better better;
  const char *definition; /* one sentence (backticks around names) */
  /* the value of a replication; NULL for the derived indicators, which
   * analysis/scenario.c computes from the cohort records */
  double (*value)(const struct bs_ind_ctx *x, int arg);
  int arg;
} bs_indicator_def;

/* The number of indicators, their rows and names (fixed order). */
size_t bs_indicator_count(void);
const bs_indicator_def *bs_indicator(size_t i);
const char *bs_indicator_name(size_t i);
/* Index of a name, or -1. */
long bs_indicator_index(const char *name);
/* Index of NAME_true (registered 0) or NAME_registered of a cohort item. */
size_t bs_indicator_cohort_index(int item, int registered);
/* Index of outflow_ROUTE_H. */
size_t bs_indicator_outflow_index(int route, int horizon);
/* The total an indicator is a part (or a copy) of (BS_INDICATOR_PART_LIST),
 * or NULL. */
const char *bs_indicator_whole(const char *name);
/* 1 when `name` is `total` or a part of it, directly or through other parts. */
int bs_indicator_within(const char *name, const char *total);
/* Fills values[bs_indicator_count()]. Ratios with a zero denominator are NaN. */
void bs_indicators_compute(const bs_world *w, double *values);

/* The chapter-5 cohort counts, exposed for tests. */
typedef struct bs_cohort_counts {
  double X, Y, Z, A, B, C, A1, B1;
  double A1_2, B1_2; /* A.1, B.1 half a year later (NaN past the horizon) */
  double L;          /* of Z, with a first offer only after day 365 */
} bs_cohort_counts;

#endif
