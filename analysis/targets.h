/* targets.h: observed figures a scenario declares under `targets:` (e.g. the
 * seed's cohort ratios for Gemeente 3) held against the simulated results.
 * For each target the mean and 95% interval over replications are compared
 * with the target's range [low, high]; targets.csv and the report show the
 * verdict. Targets are validation only: the model never reads them. */
#ifndef BIJSIM_TARGETS_H
#define BIJSIM_TARGETS_H

#include "analysis/scenario.h"
#include "analysis/stats.h"

#include <stdio.h>

/* Every target names a known analysis indicator (bs_ext_index). Returns 0,
 * or -1 with "file:line:col: key 'targets[i].indicator': unknown indicator
 * 'x' (did you mean 'y'?)" in err. */
int bs_targets_check(const bs_params *p, char *err, size_t errlen);

/* 1 when any of the runs declares a target. */
int bs_targets_any(const bs_scenario_run *runs, size_t n);

typedef enum {
  BS_TARGET_INSIDE,      /* the whole 95% interval lies in [low, high] */
  BS_TARGET_MEAN_INSIDE, /* the mean does, the interval reaches outside */
  BS_TARGET_OUTSIDE,     /* the mean lies outside */
  BS_TARGET_UNDEFINED    /* no value (NA in every replication) */
} bs_target_verdict;

/* The verdict for a summary against [low, high] (an interval that is NaN,
 * with one replication, is judged by the mean alone). */
bs_target_verdict bs_target_judge(const bs_summary *s, double low, double high);
const char *bs_target_verdict_name(bs_target_verdict v);

/* targets.csv: scenario,indicator,observed,low,high,mean,ci_low,ci_high,
 * verdict,source; one row per target of each run, in declaration order. */
void bs_write_targets(FILE *f, const bs_scenario_run *runs, size_t n);

#endif
