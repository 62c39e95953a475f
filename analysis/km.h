/* km.h: Kaplan-Meier estimate of the survival function of benefit spells
 * (time from benefit start to outflow, right-censored at the horizon).
 *
 * S(t) = prod over event times t_i <= t of (1 - d_i / n_i), where d_i is the
 * number of spells ending at t_i and n_i the number still at risk just before
 * t_i (spells ending or censored at or after t_i). At a time with both events
 * and censorings, the censored spells count as at risk (the usual
 * convention: censoring happens just after the events).
 *
 * Its standard error is Greenwood's: se(t) = S(t) sqrt(sum over t_i <= t of
 * d_i / (n_i (n_i - d_i))), and the 95% interval is the log-log one,
 * S^exp(+-1.96 se(t) / (S |log S|)), which stays within [0, 1]. Both are
 * NaN once S is 0 (the sum is infinite); before the first event the
 * interval is [1, 1]. */
#ifndef BIJSIM_KM_H
#define BIJSIM_KM_H

#include "models/world.h"

#include <stddef.h>

typedef struct bs_km_row {
  double time;            /* a distinct observed time (event or censoring) */
  size_t at_risk;         /* n_i */
  size_t events;          /* d_i */
  size_t censored;        /* spells censored at this time */
  double survival;        /* S(time), after this time's events */
  double se;              /* Greenwood's standard error of S(time) */
  double ci_low, ci_high; /* its 95% log-log interval */
} bs_km_row;

typedef struct bs_km {
  bs_km_row *rows; /* one per distinct time, ascending */
  size_t n;
  size_t subjects;
} bs_km;

/* Estimates S from n observed times; event[i] is 1 for an outflow and 0 for
 * a censored spell. Returns 0, or -1 (out of memory, negative or NaN time)
 * with a message. n == 0 gives an empty table. */
int bs_km_estimate(const double *time, const unsigned char *event, size_t n, bs_km *out, char *err,
                   size_t errlen);
void bs_km_free(bs_km *km);
/* Median survival time: the first time at which S <= 0.5; NaN if S stays above. */
double bs_km_median(const bs_km *km);
/* S(t): 1 before the first event time. */
double bs_km_at(const bs_km *km, double t);

/* The cohort's spells of `nrep` replications pooled, in whole days: a spell
 * that ended after d-1 < t_out - t_in <= d days is an event on day d; a spell
 * still running at the horizon (t_out = INFINITY) is censored on day
 * floor(horizon - t_in), the last whole day it was observed. */
int bs_km_cohorts(bs_cohort_rec *const *cohorts, const size_t *cohort_n, size_t nrep,
                  double horizon_days, bs_km *out, char *err, size_t errlen);

#endif
