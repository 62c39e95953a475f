/* compare.h: paired comparison of policy variants. All scenarios of a set run
 * with the same seed and replication indices, so replication k of every
 * variant simulates the same persons with the same traits and luck (common
 * random numbers). The difference variant - base is then taken per
 * replication and its mean gets a Student-t interval over replications; the
 * shared noise cancels, so the interval is much narrower than one built from
 * independent runs. */
#ifndef BIJSIM_COMPARE_H
#define BIJSIM_COMPARE_H

#include "analysis/scenario.h"
#include "analysis/stats.h"

#include <stdio.h>

/* Paired difference runs[v] - runs[0] of analysis indicator i. The runs must
 * have the same number of replications (the pairs are replication k with k). */
void bs_compare_diff(const bs_scenario_run *base, const bs_scenario_run *variant, size_t i,
                     bs_summary *out);

/* compare.csv: indicator,scenario,mean,ci_low,ci_high,diff_mean,diff_ci_low,
 * diff_ci_high,excludes_zero,diff_sd,pairs. runs[0] is the base (its diff
 * columns are NA); rows grouped by indicator, scenarios in the given order. */
void bs_write_compare(FILE *f, const bs_scenario_run *runs, size_t n);

#endif
