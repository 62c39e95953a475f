/* domain.h: every list of the bijstand domain, each defined once.
 *
 * Each list is an X-macro: one row per member, with everything that belongs
 * to the member written next to it (enum, CSV name, report labels, trace
 * sentence). The enums, the name and label arrays and their lengths are all
 * generated from the row list, so a member can never lose its label or be
 * listed twice in different orders. To add a member: add one row here; the
 * compiler and tests/test_domain.c check the rest. The analysis side (CSV,
 * report, effect, docs/indicators.md) reads these arrays, never retypes them.
 */
#ifndef BIJSIM_DOMAIN_H
#define BIJSIM_DOMAIN_H

/* ---------------------------------------------------------------- routes
 * Why a client left. X(ENUM, name, label, chart label, trace sentence,
 * outflow label, outflow clause): the last two name the outflow indicators
 * (analysis/indicator_table.h): "<outflow label> within 12 months" and
 * "Share of the cohort that <outflow clause> within a year." */
#define BS_ROUTE_LIST(X)                                                                           \
  X(REGULAR_WORK, "regular_work", "regular work", "regular\nwork",                                 \
    "leaves bijstand for a regular job", "Left for regular work",                                  \
    "left benefit for a regular job")                                                              \
  X(SUBSIDISED_WORK, "subsidised_work", "subsidised work", "subsidised\nwork",                     \
    "leaves bijstand for subsidised work (gesubsidieerde arbeid)", "Left for subsidised work",     \
    "left for a subsidised job (e.g. opstapbaan)")                                                 \
  X(FUNDED_EMPLOYMENT, "funded_employment", "funded job (verloning)", "funded job\n(verloning)",   \
    "leaves bijstand for a job funded from the work budget (verloningstraject)",                   \
    "Left for a funded job (verloning)",                                                           \
    "left for paid employment still funded from the work budget (verloningstraject)")              \
  X(OTHER_INCOME, "other_income", "other income", "other\nincome",                                 \
    "leaves bijstand: other income (partner, other benefit)", "Left for other income",             \
    "left for other income (a partner's income, another benefit)")                                 \
  X(MOVING, "moving", "moved away", "moved\naway", "leaves bijstand: moves away", "Moved away",    \
    "moved to another municipality")                                                               \
  X(AGE, "age", "age 65 (AOW)", "age 65\n(AOW)", "leaves bijstand: old-age pension (AOW)",         \
    "Reached 65 (AOW)", "turned 65 and moved to the old-age pension (AOW)")                        \
  X(FRAUD_STOP, "fraud_stop", "fraud stop", "fraud\nstop",                                         \
    "leaves bijstand: benefit stopped for fraud", "Benefit stopped for fraud",                     \
    "had the benefit stopped because of fraud with damage")                                        \
  X(WITHDRAWAL, "withdrawal", "withdrew / stopped", "withdrew\n/ stopped",                         \
    "leaves: application withdrawn or benefit stopped (withdrawal)", "Withdrew or stopped",        \
    "withdrew (after discouragement, a home visit or work-first) or was denied")                   \
  X(ADMIN_END, "admin_end", "benefit ended (admin)", "benefit\nended",                             \
    "leaves bijstand: benefit ended, duty not repaired (beeindiging)", "Benefit ended (admin)",    \
    "had the benefit ended for an administrative duty not repaired in time")

typedef enum {
#define X(e, ...) BS_ROUTE_##e,
  BS_ROUTE_LIST(X)
#undef X
      BS_ROUTE_N
} bs_route;

/* ----------------------------------------------------------- instruments
 * What `effect --instrument` can switch off for a counterfactual run.
 * X(ENUM, name, label) */
#define BS_INSTRUMENT_LIST(X)                                                                      \
  X(WORK_FIRST, "work_first", "work-first")                                                        \
  X(TRAJECTORY, "trajectory", "re-integration trajectories")                                       \
  X(ACTIVATION, "activation", "social activation")                                                 \
  X(SANCTIONS, "sanctions", "sanctions")                                                           \
  X(HOME_VISITS, "home_visits", "home visits")

enum {
  BS_INSTR_NONE,
#define X(e, name, label) BS_INSTR_##e,
  BS_INSTRUMENT_LIST(X)
#undef X
      BS_INSTR_N
};

/* ----------------------------------------------------------- programmes
 * What a client on benefit is doing (at most one at a time). The behaviour
 * of each programme is its ops, `bs_prog_<id>` (a bs_programme_ops defined
 * in the programme's own file); the programme table in chain.c and the
 * declarations in world.h are generated from this list.
 * X(ENUM, id, name, label) */
#define BS_PROGRAMME_LIST(X)                                                                       \
  X(NONE, none, "none", "no programme")                                                            \
  X(CWI, cwi, "cwi", "CWI mediation (phase 1)")                                                    \
  X(WORK_FIRST, work_first, "work_first", "work-first")                                            \
  X(TRAJECTORY, trajectory, "trajectory", "re-integration trajectory")                             \
  X(ACTIVATION, activation, "activation", "social activation")

typedef enum {
#define X(e, id, name, label) BS_PROG_##e,
  BS_PROGRAMME_LIST(X)
#undef X
      BS_PROG_N
} bs_programme;

/* --------------------------------------------------------- gate outcomes
 * Ways an application ends at the gate without benefit (flow.csv stage
 * 'gate'). X(ENUM, name, label) */
#define BS_GATE_LIST(X)                                                                            \
  X(DISCOURAGED, "discouraged", "discouraged")                                                     \
  X(MUNICIPAL_WITHDRAWN, "withdrew_after_municipal_intake", "withdrew after municipal intake")     \
  X(HOME_VISIT_DENIED, "home_visit_denied", "home visit: denied")                                  \
  X(WORK_FIRST_WITHDRAWN, "work_first_gate_withdrew", "work-first gate: withdrew")                 \
  X(INELIGIBLE, "no_right_to_benefit", "no right to benefit")                                      \
  X(MEDIATED, "mediated_to_work", "mediated to work")

typedef enum {
#define X(e, name, label) BS_GATE_##e,
  BS_GATE_LIST(X)
#undef X
      BS_GATE_N
} bs_gate_outcome;

/* ------------------------------------------------ trajectory payment classes
 * 'No cure, less pay': the share of the price a provider gets by outcome.
 * X(ENUM, name, label) */
#define BS_PAY_LIST(X)                                                                             \
  X(EFFORT, "effort", "effort without outflow")                                                    \
  X(SUBSIDISED, "subsidised", "outflow to subsidised work")                                        \
  X(REGULAR, "regular", "outflow to a regular job")

enum {
#define X(e, name, label) BS_PAY_##e,
  BS_PAY_LIST(X)
#undef X
      BS_PAY_N
};

/* -------------------------------------------------------- sanction kinds
 * X(ENUM, name, label) */
#define BS_SANCTION_LIST(X)                                                                        \
  X(MAATREGEL, "maatregel", "maatregel (benefit cut)")                                             \
  X(SUSPENSION, "suspension", "suspension (repair period)")                                        \
  X(RECOVERY, "recovery", "recovery of fraud damage")

enum {
#define X(e, name, label) BS_SANC_##e,
  BS_SANCTION_LIST(X)
#undef X
      BS_SANC_N
};

/* ------------------------------------------------------- violated duties
 * X(ENUM, name, label) */
#define BS_DUTY_LIST(X)                                                                            \
  X(REINTEGRATION, "reintegration", "re-integration duty")                                         \
  X(ADMINISTRATIVE, "administrative", "administrative duty")                                       \
  X(INFORMATION, "information", "duty to inform (fraud)")

enum {
#define X(e, name, label) BS_DUTY_##e,
  BS_DUTY_LIST(X)
#undef X
      BS_DUTY_N
};

/* The generated arrays (models/domain.c): index = the enum value. */
extern const char *const bs_route_names[BS_ROUTE_N];
extern const char *const bs_route_labels[BS_ROUTE_N];
extern const char *const bs_route_chart_labels[BS_ROUTE_N];
extern const char *const bs_route_sentences[BS_ROUTE_N];
/* index 0 is "none" (BS_INSTR_NONE) */
extern const char *const bs_instrument_names[BS_INSTR_N];
extern const char *const bs_instrument_labels[BS_INSTR_N];
extern const char *const bs_programme_names[BS_PROG_N];
extern const char *const bs_programme_labels[BS_PROG_N];
extern const char *const bs_gate_names[BS_GATE_N];
extern const char *const bs_gate_labels[BS_GATE_N];
extern const char *const bs_pay_names[BS_PAY_N];
extern const char *const bs_pay_labels[BS_PAY_N];
extern const char *const bs_sanction_names[BS_SANC_N];
extern const char *const bs_sanction_labels[BS_SANC_N];
extern const char *const bs_duty_names[BS_DUTY_N];
extern const char *const bs_duty_labels[BS_DUTY_N];

/* Index of a name in one of the lists above, or -1. */
int bs_domain_index(const char *const *names, int n, const char *name);

#endif
