/* indicators.h: turns one replication's records and counters into named
 * indicators: the seed's chapter-5 cohort indicators (true and as
 * registered), outflow by route, offers, sanctions, consultants and money.
 * Definitions: docs/indicators.md. */
#ifndef BIJSIM_INDICATORS_H
#define BIJSIM_INDICATORS_H

#include "models/world.h"

#include <stddef.h>

/* The number of indicators and their names (fixed order). */
size_t bs_indicator_count(void);
const char *bs_indicator_name(size_t i);
/* Index of a name, or -1. */
long bs_indicator_index(const char *name);
/* Fills values[bs_indicator_count()]. Ratios with a zero denominator are NaN. */
void bs_indicators_compute(const bs_world *w, double *values);

/* The chapter-5 cohort counts, exposed for tests. */
typedef struct bs_cohort_counts {
  double X, Y, Z, A, B, C, A1, B1;
} bs_cohort_counts;
void bs_cohort_count(const bs_world *w, int registered, bs_cohort_counts *out);

#endif
