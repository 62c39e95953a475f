/* client.h: one synthetic bijstand client, and the vocabulary shared by the
 * chain stages (states, exit routes, random-stream purposes, event types). */
#ifndef BIJSIM_CLIENT_H
#define BIJSIM_CLIENT_H

#include "models/domain.h"
#include "sim/sim.h"

#include <stdint.h>

/* Where a client is. Every client who entered is in exactly one of these
 * (left clients are counted, not kept). */
typedef enum {
  BS_ST_LEFT = 0,      /* gone (a released slot) */
  BS_ST_APPLICANT = 1, /* in gatekeeping, not yet on benefit */
  BS_ST_BENEFIT,       /* on benefit */
  BS_ST_N
} bs_state;

/* Random-stream purposes: one stream per client per purpose, so that a
 * client's traits and luck in one stage do not depend on what happened in
 * another stage or policy variant (common random numbers). */
typedef enum {
  BS_RNG_TRAITS,
  BS_RNG_GATE,
  BS_RNG_PHASE,
  BS_RNG_EXIT,
  BS_RNG_ROUTE,
  BS_RNG_WORK_FIRST,
  BS_RNG_TRAJECTORY,
  BS_RNG_ACTIVATION,
  BS_RNG_SANCTION,
  BS_RNG_ADMIN,    /* the benefit register's exemption flag */
  BS_RNG_ROUTING,  /* the router's choice of programme */
  BS_RNG_SLIP,     /* an integral klantmanager's offer slipping through */
  BS_RNG_REGISTER, /* an offer's registration in the monitor */
  BS_RNG_DAMAGE,   /* the amount of fraud damage recovered */
  BS_RNG_SPELL,    /* the spell's own luck: a returner's offer (block of 1 when the
                      spell starts), the job it ends in (block of 4 at the end) */
  BS_RNG_PROVIDER, /* a provider's decisions: its estimate of the chance, what a report shows */
  BS_RNG_N
} bs_rng_purpose;
/* spells are keyed as purpose + 16 * spell (inflow.c) */
_Static_assert(BS_RNG_N <= 16, "at most 16 stream purposes");

/* Problem flags: X(ENUM, name); BS_PROB_<ENUM> is bit i of the i-th row. */
#define BS_PROBLEM_LIST(X)                                                                         \
  X(MEDICAL, "medical")                                                                            \
  X(PSYCHOSOCIAL, "psychosocial")                                                                  \
  X(DEBTS, "debts")                                                                                \
  X(LANGUAGE, "language")
enum {
#define X(e, name) BS_PROB_INDEX_##e,
  BS_PROBLEM_LIST(X)
#undef X
      BS_PROB_N
};
enum {
#define X(e, name) BS_PROB_##e = 1u << BS_PROB_INDEX_##e,
  BS_PROBLEM_LIST(X)
#undef X
};
extern const char *const bs_problem_names[BS_PROB_N];

enum { BS_DONE_WORK_FIRST = 1, BS_DONE_ACTIVATION = 2, BS_DONE_CWI = 4, BS_DONE_DIAGNOSIS = 8 };
/* The ground of an exemption from work obligations. */
enum { BS_EXEMPT_NONE, BS_EXEMPT_CATEGORICAL, BS_EXEMPT_INDIVIDUAL };
enum { BS_ACTF_IMPROVED = 1, BS_ACTF_VOLUNTEER = 2, BS_ACTF_BELOW_VOLUNTEER = 4 };

_Static_assert(BS_INSTR_N <= 8, "bs_client.taken holds one bit per instrument");

typedef struct bs_client {
  uint32_t id;       /* person id: stable across variants */
  uint16_t spell;    /* 0 for the first spell, +1 per re-inflow */
  uint8_t state;     /* bs_state */
  uint8_t programme; /* bs_programme */
  /* traits (drawn from the TRAITS stream; the fraud propensity and the
   * uniform for the individual exemption are not kept but recomputed from
   * it: bs_fraud_propensity, bs_u_exempt in world.h) */
  uint8_t age_band;
  uint8_t household;
  uint8_t problems;
  uint8_t ladder;    /* participation ladder rung 1..6 */
  uint32_t cm_seq;   /* sequence of the client's live queue request */
  double age_years;  /* at application */
  double distance;   /* latent distance to the labour market */
  double assessed;   /* the distance as the municipality's diagnosis has it */
  double compliance; /* 0..1 */
  /* chain state */
  double maatregel_pct; /* share of the benefit withheld (sanctioned) ... */
  double t_maatregel;   /* ... since this day (the last maatregel, had_maatregel): it ends
                           and its effect on job search ends a fixed number of days later
                           (bs_t_maatregel_end, bs_t_sanction_effect in world.h) */
  double t_kwint_done;  /* a Kwint at the work intake is done on this day (or 0) */
  double t_reg_fix;     /* the register catches up with the truth on this day */
  double t_apply;       /* day of application */
  double t_start;       /* day benefit started (spell start) */
  /* one programme at a time: work-first reads when it started, a trajectory
   * when it is planned to end (set right after bs_set_programme set the start) */
  union {
    double t_prog_start; /* day the current programme started (work-first) */
    double t_prog_end;   /* planned end of the current trajectory */
  };
  double t_benefit_paid_until; /* benefit accounted up to this day */
  double job_mult;             /* current multiplier on the regular-work hazard */
  double t_exit_queued;        /* the day of the queued exit event (exit_queued) */
  double t_exit_due;           /* the exit time last drawn (INFINITY: past the horizon) */
  /* clients respond to policy (behaviour.c) */
  double after_mult;    /* job hazard multiplier left by programmes that ended */
  double t_fraud_start; /* undetected fraud with damage since (or -1) */
  uint32_t exit_token;  /* token of the queued exit-hazard event */
  uint32_t prog_token;  /* token of the pending programme event */
  int32_t cohort;       /* index into the cohort records, or -1 */
  uint16_t violations;  /* duty violations in this spell (numbers them in the trace) */
  uint8_t phase_true;   /* kansmeter phase from distance, 1..4 */
  uint8_t phase;        /* assigned phase */
  uint8_t provider;     /* current trajectory provider */
  uint8_t act_steps;
  uint8_t act_held;     /* consecutive reviews at the volunteer rung or higher */
  uint8_t prog_step;    /* step within the current programme */
  uint8_t done;         /* BS_DONE_* programmes done in this spell */
  uint8_t act_flags;    /* BS_ACTF_* */
  uint8_t place_wait;   /* waiting for a place: BS_PLACE_* + 1, or 0 */
  uint8_t maatregelen;  /* maatregelen imposed in this spell (escalation; behaviour.c) */
  uint8_t taken;        /* 1 << BS_INSTR_*: the instruments taken in this spell */
  uint8_t rng_overflow; /* a stream's draw count passed SIM_DRAWS_MAX (an error) */
  /* yes/no state, one bit each (assign 0 or 1 only) */
  unsigned exempt : 1;         /* true exemption from work obligations */
  unsigned de_facto : 1;       /* registered obligated, but never called in (003 §5.3.1) */
  unsigned exempt_lifted : 1;  /* an individual exemption ended at a re-assessment */
  unsigned exempt_reg : 1;     /* exemption as the administration has it (until t_reg_fix) */
  unsigned waiting_offer : 1;  /* in the case-management queue */
  unsigned had_trajectory : 1; /* in this spell */
  unsigned offered : 1; /* had a trajectory offer in this spell (the cohort record keeps its day) */
  unsigned sanctioned : 1;    /* maatregel running */
  unsigned had_maatregel : 1; /* a maatregel was imposed in this spell (t_maatregel) */
  unsigned suspended : 1;     /* benefit suspended (repair period) */
  unsigned traj_aim_paid : 1; /* current trajectory aims at paid work */
  unsigned home_visited : 1;  /* had a home visit at this application */
  unsigned parked : 1;        /* the provider parks the client (current trajectory) */
  unsigned exit_queued : 1; /* an exit event with exit_token is in the calendar for t_exit_queued */
  /* the streams, one per purpose, as counted streams (sim.h): the person's
   * key and the draws taken from each purpose's stream in this spell; a
   * purpose's key is sim_stream_key_purpose(rng_key, purpose) for TRAITS and
   * (purpose + 16 * spell) for the others (bs_stream_key) */
  uint64_t rng_key; /* sim_stream_key_entity(seed, replication, id) */
  sim_draws rng_draws[BS_RNG_N];
} bs_client;
/* The record's size is what the pool holds per live client (400 000 in a
 * national run): keep it at or under this ceiling (docs/performance.md). */
_Static_assert(sizeof(bs_client) <= 224, "bs_client grew past 224 bytes");

#endif
