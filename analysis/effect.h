/* effect.h: net effect and deadweight of one instrument.
 *
 * The scenario runs twice with the same seed and replication indices: as it
 * is ("with") and with the instrument switched off (w->disabled_instrument,
 * "without"). Common random numbers make person id P the same person with
 * the same traits and luck in both runs. Participants are the cohort clients
 * whose record carries the instrument's BS_REC_* flag in the "with" run (first
 * spell in the cohort window only). Per replication and group:
 *   gross          = share of participants with the outcome (with the instrument)
 *   counterfactual = share of the same persons, matched by id in the
 *                    "without" cohort, with the outcome there
 *   net            = gross - counterfactual
 *   deadweight     = counterfactual / gross (the part of the gross outflow
 *                    that would have happened anyway)
 * Participants absent from the "without" cohort (e.g. their benefit started
 * outside the window there) are left out of both shares; `matched` counts
 * the rest. Outcomes: left benefit within 365 days of its start (any route),
 * and left for work within 365 days (regular, subsidised or funded work).
 * Groups: all participants, by assigned kansmeter phase 1-4, by distance band
 * (near/far, clients.far_threshold), and "whole_cohort": every cohort client
 * with vs without (the instrument's effect on the cohort as a whole,
 * including deterrence and people who never took part). Each quantity is
 * averaged over replications with a Student-t 95% interval. */
#ifndef BIJSIM_EFFECT_H
#define BIJSIM_EFFECT_H

#include "analysis/runner.h"
#include "analysis/stats.h"

#include <stdio.h>

enum { BS_EFF_OUTCOMES = 2, BS_EFF_GROUPS = 8 };
enum {
  BS_EFF_PARTICIPANTS,
  BS_EFF_MATCHED,
  BS_EFF_GROSS,
  BS_EFF_CF,
  BS_EFF_NET,
  BS_EFF_DW,
  BS_EFF_Q
};

extern const char *const bs_effect_outcome_names[BS_EFF_OUTCOMES];
extern const char *const bs_effect_group_names[BS_EFF_GROUPS];

typedef struct bs_effect {
  int instrument; /* BS_INSTR_* */
  size_t replications;
  bs_summary q[BS_EFF_OUTCOMES][BS_EFF_GROUPS][BS_EFF_Q];
} bs_effect;

/* The BS_REC_* flag of an instrument (0 for none). */
unsigned bs_instrument_flag(int instrument);
/* BS_INSTR_* of a name ("work_first" ...), or -1. */
int bs_instrument_index(const char *name);

/* Both results need records (keep_records) and the same replications.
 * 0 or -1 (out of memory) with a message. */
int bs_effect_compute(const bs_run_result *with, const bs_run_result *without, int instrument,
                      bs_effect *out, char *err, size_t errlen);

/* effect.csv: scenario,instrument,outcome,group,replications,participants,matched,
 * gross,gross_ci_low,gross_ci_high,counterfactual,counterfactual_ci_low,
 * counterfactual_ci_high,net,net_ci_low,net_ci_high,net_excludes_zero,
 * deadweight,deadweight_ci_low,deadweight_ci_high */
void bs_effect_write(FILE *f, const char *scenario, const bs_effect *e);

#endif
