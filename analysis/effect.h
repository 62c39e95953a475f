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

/* The outcomes. X(ENUM, name in effect.csv, label) */
#define BS_EFF_OUTCOME_LIST(X)                                                                     \
  X(LEFT_BENEFIT, "left_benefit_12m", "left benefit within 12 months")                             \
  X(WORK, "work_12m", "left for work within 12 months")                                            \
  X(WORK_24M, "work_24m", "left for work within 24 months")                                        \
  X(WORK_36M, "work_36m", "left for work within 36 months")

/* The groups. X(ENUM, name in effect.csv, label, chart label) */
#define BS_EFF_GROUP_LIST(X)                                                                       \
  X(PARTICIPANTS, "participants", "all participants", "all\nparticipants")                         \
  X(PHASE_1, "phase_1", "phase 1", "phase 1")                                                      \
  X(PHASE_2, "phase_2", "phase 2", "phase 2")                                                      \
  X(PHASE_3, "phase_3", "phase 3", "phase 3")                                                      \
  X(PHASE_4, "phase_4", "phase 4", "phase 4")                                                      \
  X(NEAR, "near", "near the market", "near the\nmarket")                                           \
  X(FAR, "far", "far from the market", "far from\nthe market")                                     \
  X(WHOLE_COHORT, "whole_cohort", "whole cohort", "whole\ncohort")

enum {
#define X(e, ...) BS_EFF_O_##e,
  BS_EFF_OUTCOME_LIST(X)
#undef X
      BS_EFF_OUTCOMES
};
enum {
#define X(e, ...) BS_EFF_G_##e,
  BS_EFF_GROUP_LIST(X)
#undef X
      BS_EFF_GROUPS
};
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
extern const char *const bs_effect_outcome_labels[BS_EFF_OUTCOMES];
extern const char *const bs_effect_group_names[BS_EFF_GROUPS];
extern const char *const bs_effect_group_labels[BS_EFF_GROUPS];
extern const char *const bs_effect_group_chart_labels[BS_EFF_GROUPS];

typedef struct bs_effect {
  int instrument; /* BS_INSTR_* */
  size_t replications;
  bs_summary q[BS_EFF_OUTCOMES][BS_EFF_GROUPS][BS_EFF_Q];
} bs_effect;

/* The BS_REC_* flag of an instrument (0 for none). */
unsigned bs_instrument_flag(int instrument);
/* BS_INSTR_* of a name ("work_first" ...), or -1. */
int bs_instrument_index(const char *name);
/* The instrument names joined by ", ", with `last` before the last one
 * ("work_first, ..., sanctions or home_visits"); returns buf. */
const char *bs_instrument_choices(char *buf, size_t len, const char *last);

/* The months after the benefit start within which an outcome counts. */
int bs_effect_outcome_months(int outcome);
/* The horizon (days) that observes every cohort client for the longest
 * outcome window (`effect` extends a shorter one). */
double bs_effect_horizon(const bs_params *p);

/* A channel of an instrument's effect: the settings that switch that
 * channel alone off (the neutral values of its parameters). `effect` runs
 * the scenario once more per channel, with common random numbers; the
 * channel's effect is with - with that channel off (channels.csv). */
typedef struct bs_effect_channel {
  const char *name;
  const char *label;
  const char *settings[8]; /* "path=value", NULL-terminated */
} bs_effect_channel;
/* The channels of an instrument (*n of them; 0 for none). */
const bs_effect_channel *bs_effect_channels(int instrument, size_t *n);
/* channels.csv rows of one channel: scenario,instrument,channel,outcome,
 * group,participants,net,net_ci_low,net_ci_high,share_of_total (the
 * channel's net / the instrument's net, whole cohort and per group). With
 * header when `header`. */
void bs_effect_channel_write(FILE *f, const char *scenario, const bs_effect *total,
                             const char *channel, const bs_effect *e, int header);

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
