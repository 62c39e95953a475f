/* tables.h: the tidy CSV tables written for a set of scenario runs (one for
 * `run`, several for `compare`). Columns are documented in docs/analysis.md.
 * Every function writes in replication order only, so the bytes do not depend
 * on the number of threads. */
#ifndef BIJSIM_TABLES_H
#define BIJSIM_TABLES_H

#include "analysis/scenario.h"
#include "analysis/stats.h"

#include <stdint.h>
#include <stdio.h>

/* indicators.csv: scenario,replication,seed,indicator,value (model indicators). */
void bs_write_indicators(FILE *f, const bs_scenario_run *runs, size_t n, uint64_t seed);
/* summary.csv: scenario,indicator,mean,sd,n,ci_low,ci_high (analysis indicators). */
void bs_write_summary(FILE *f, const bs_scenario_run *runs, size_t n);
/* survival.csv: scenario,day,at_risk,events,censored,survival,se,ci_low,ci_high
 * (Kaplan-Meier of the cohort's benefit spells, replications pooled, with
 * Greenwood's standard error and the 95% log-log interval). */
int bs_write_survival(FILE *f, const bs_scenario_run *runs, size_t n, char *err, size_t errlen);
/* flow.csv: scenario,stage,item,count_mean: clients per stage of the chain
 * (whole run, mean over replications). */
void bs_write_flow(FILE *f, const bs_scenario_run *runs, size_t n);

/* stock.csv: scenario,replication,day,stock,value: every replication's
 * stock series (every run.stock_report_interval_days from day 0): stock is
 * applicants (in the application process), on_benefit, and since day 0 the
 * cumulative entered_cum (new clients), left_cum (leavers by any route, the
 * gate's withdrawals included) and admitted_cum (benefit starts). */
void bs_write_stock(FILE *f, const bs_scenario_run *runs, size_t n);
/* stock_summary.csv: scenario,stock,day,mean,sd,n,ci_low,ci_high: the same
 * series summarised over the replications at each day (95% t-interval,
 * kept at 0 or above). */
void bs_write_stock_summary(FILE *f, const bs_scenario_run *runs, size_t n);

/* The flow items of one replication, in the order written. */
typedef struct bs_flow_item {
  const char *stage;
  const char *item;
  double count;
} bs_flow_item;
enum { BS_FLOW_MAX = 40 };

/* Writes a number as bs_out_num does, with NA for NaN. */
void bs_write_num(FILE *f, double v);
/* Writes "mean,ci_low,ci_high" of a summary (no separator before or after). */
void bs_write_mean_ci(FILE *f, const bs_summary *s);

/* The sweep's tables (analysis indicators), one block of rows per point
 * (a value of a swept parameter): the value as given (label) and as a
 * number (value; NA when it is not one, e.g. integral or true).
 * sweep.csv, every replication:
 *   param,point,label,value,replication,indicator,estimate,diff
 * sweep_summary.csv, over the replications:
 *   param,point,label,value,indicator,mean,ci_low,ci_high,sd,n,
 *   diff_mean,diff_ci_low,diff_ci_high,diff_sd,excludes_zero
 * diff is the paired difference from the parameter's first point (point 0,
 * the reference) in the same replication (common random numbers); NA at the
 * reference. */
void bs_write_sweep_headers(FILE *rows, FILE *summary);
/* ref: the run of point 0 of the same parameter (NULL when run is it). */
void bs_write_sweep_point(FILE *rows, FILE *summary, const char *param, size_t point,
                          const char *label, const bs_scenario_run *run,
                          const bs_scenario_run *ref);
#endif
