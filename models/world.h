/* world.h: the state of one simulated municipality in one replication, and
 * the interface between the chain stages.
 *
 * Each stage (one file in models/) exports one bs_stage: its event handlers
 * and the hooks it answers (a client applies, is admitted, leaves, ...).
 * Each programme (CWI mediation, work-first, trajectory, social activation)
 * exports one bs_programme_ops: what it does to the job hazard, its
 * maatregel rung, its step handler, what happens when it ends. The
 * composition root (chain.c) lists both; the shared helpers (world.c) run
 * the transitions every stage uses (bs_apply, bs_admit, bs_leave,
 * bs_set_programme) by calling through those tables, so no stage file calls
 * into another except the domain's own loops (docs/model.md lists them).
 * Stages never print; they update counters and records. */
#ifndef BIJSIM_WORLD_H
#define BIJSIM_WORLD_H

#include "models/client.h"
#include "models/params.h"
#include "models/trace_events.h"
#include "sim/sim.h"

#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>

/* The event types, X(ENUM, name): one handler each. */
#define BS_EVENT_LIST(X)                                                                           \
  X(ARRIVAL, "arrival")           /* inflow: next application (no entity) */                       \
  X(RETURN, "return")             /* inflow: a former client applies again */                      \
  X(GATE, "gate")                 /* gatekeeping: next intake step */                              \
  X(EXIT, "exit")                 /* outflow: competing-risk exit (data = token) */                \
  X(AGE, "age")                   /* exemption: birthday that matters (57.5, 65) */                \
  X(PROG, "prog")                 /* a programme's next step (data = token): ops.step */           \
  X(CM_DAY, "cm_day")             /* case management: a working day of consultant capacity */      \
  X(VIOLATION, "violation")       /* sanctions: a duty is violated */                              \
  X(SIGNAL, "signal")             /* sanctions: a detected violation reaches the consultant */     \
  X(SANCTION_END, "sanction_end") /* sanctions: maatregel / suspension ends */                     \
  X(MARK365, "mark365")           /* exemption: one year after inflow, cohort status */            \
  X(STOCK, "stock")               /* records: stock series */                                      \
  X(EVAL, "eval")                 /* trajectory: provider evaluation */                            \
  X(CM_RETRY, "cm_retry")         /* case management: a slipped action comes back */               \
  X(DIAGNOSIS, "diagnosis")       /* diagnosis: may start (data 0) / is done (data 1) */           \
  X(REASSESS, "reassess")         /* exemption: an exemption is called in again */                 \
  X(WARMUP_END, "warmup_end")     /* records: the burn-in ends, the results start */

typedef enum {
#define X(e, name) BS_EV_##e,
  BS_EVENT_LIST(X)
#undef X
      BS_EV_N
} bs_event_type;
extern const char *const bs_event_names[BS_EV_N];

/* The fate of one member of the indicator cohort (inflow in the window). */
typedef struct bs_cohort_rec {
  uint32_t id;
  uint8_t phase;           /* assigned kansmeter phase */
  uint8_t far;             /* distance above clients.far_threshold */
  uint8_t route;           /* bs_route when left */
  uint8_t on_365;          /* still on benefit 365 days after inflow (Y) */
  uint8_t exempt_365;      /* truly exempt at day 365 */
  uint8_t exempt_reg_365;  /* registered exempt at day 365 */
  uint8_t exempt_kind_365; /* BS_EXEMPT_*: the ground of the true exemption at day 365 */
  uint8_t flags;           /* BS_REC_* instruments the client took part in */
  double distance;
  double t_in;        /* benefit start */
  double t_out;       /* day left, or INFINITY if still on at the horizon */
  double t_out_reg;   /* the day the benefit register has as the end, or INFINITY */
  double t_offer;     /* first trajectory offer, or INFINITY */
  double t_offer_reg; /* day the first offer entered the administration, or INFINITY */
} bs_cohort_rec;

enum {
  BS_REC_WORK_FIRST = 1u << 0,
  BS_REC_TRAJECTORY = 1u << 1,
  BS_REC_ACTIVATION = 1u << 2,
  BS_REC_SANCTIONED = 1u << 3,
  BS_REC_HOME_VISIT = 1u << 4
};

/* One benefit spell (--records: spells.csv), kept only when
 * bs_world.keep_spells is set. Times on the simulation clock until the
 * horizon, then on the results' clock (records_finish). */
typedef struct bs_spell_rec {
  uint32_t id;
  uint16_t spell;
  uint8_t route;     /* bs_route, or BS_ROUTE_N while on benefit (censored at the horizon) */
  uint8_t phase;     /* the assigned kansmeter phase at the end (0: none) */
  uint8_t far;       /* distance at the start above clients.far_threshold */
  uint8_t household; /* BS_HH_* */
  uint8_t exempt;    /* truly exempt at the end */
  uint8_t exempt_registered; /* exempt as the benefit register has it at the end */
  uint8_t taken;             /* 1 << BS_INSTR_*: instruments taken in the spell */
  uint8_t cohort;            /* a member of the indicator cohort */
  uint8_t stock;             /* of the initial stock (on benefit when the simulation starts) */
  double t_start, t_end;     /* t_end: INFINITY while on benefit */
  double distance;           /* latent distance at the start */
} bs_spell_rec;

typedef struct bs_stock_point {
  double day;
  uint64_t applicants, on_benefit, cum_entered, cum_left, cum_admitted;
} bs_stock_point;

/* A pending case-management action (trajectory offer decision). */
typedef struct bs_cm_item {
  double key; /* priority: smaller first */
  uint64_t seq;
  double t_request;
  uint32_t slot, gen;
} bs_cm_item;

/* limited places (places.c) */
enum { BS_PLACE_WORK_FIRST, BS_PLACE_SUBSIDISED, BS_PLACE_FUNDED, BS_PLACE_COVENANT, BS_PLACE_N };
/* calendar years the budgets are reported for (indicators) */
#define BS_BUDGET_YEARS 3

/* a first-in-first-out queue of clients (places.c); an item's seq is its
 * number in the order of joining */
typedef struct bs_fifo {
  bs_cm_item *q;
  size_t head, n, cap;
  uint64_t added; /* items ever added */
  uint64_t first; /* number of the oldest item a queue never compacted would hold */
} bs_fifo;

typedef struct bs_counters {
  uint64_t applications, admitted, gate_exits, entered;
  uint64_t left[BS_ROUTE_N];
  uint64_t gate[BS_GATE_N]; /* applications that ended at the gate, by outcome */
  uint64_t gate_kwint;
  uint64_t phase_assigned[5], phase1_referred;
  uint64_t wf_started, wf_deterred, wf_work, wf_followup_traj, wf_followup_subsidised;
  uint64_t traj_started, traj_ended[BS_PAY_N], traj_registered, traj_reports, traj_no_shows,
      providers_dropped;
  uint64_t act_started, act_improved, act_volunteer, act_work, act_stopped, act_referred;
  uint64_t violations[BS_DUTY_N], detected, signals_lost, slipped;
  uint64_t sanctions[BS_SANC_N];
  uint64_t reinflow;
  double sanction_amount;         /* benefit withheld by maatregelen, EUR */
  double recovered;               /* fraud damage + interest + admin cost to recover, EUR */
  double recovery_claimed;        /* claimed back (recovered = claimed x collection rate) */
  double fraud_damage;            /* damage of fraud, found or not, EUR */
  double fraud_damage_undetected; /* of which never found */
  double benefit_spend;           /* inkomensdeel */
  double traj_spend[BS_PAY_N];
  double wf_spend, act_spend, subsidy_spend, funded_employment_spend, intake_spend,
      consultant_spend;
  /* consultant queue */
  double cm_capacity_used, cm_capacity_total; /* actions */
  double cm_wait_sum;
  uint64_t cm_wait_n;
  double caseload_sum;
  uint64_t caseload_n;
  /* organisations (docs/model.md "Organisations respond to policy") */
  uint64_t traj_parked, prov_reports_parked, prov_intake_stops, prov_retenders;
  double wl_hours_avail, wl_hours_used, wl_fte_sum;
  double wl_demand[BS_TASK_N], wl_done[BS_TASK_N];
  uint64_t wl_days;
  uint64_t place_queued[BS_PLACE_N], place_filled[BS_PLACE_N];
  double place_wait_sum;
  uint64_t place_wait_n;
  double budget_benefit_year[BS_BUDGET_YEARS], budget_werkdeel_year[BS_BUDGET_YEARS];
  uint64_t budget_refused[BS_CUT_FUNDED + 1];
  double avdt_subsidy;
} bs_counters;

/* ------------------------------------------------------------- the trace
 * The events of models/trace_events.h: the stages (BS_TS_*), the codes
 * (BS_TR_*: one per row, then BS_TR_LEAVE + route for the exits) and, by
 * code, its name, stage and English format (models/world.c). */
typedef enum {
#define X(e, name, label) BS_TS_##e,
  BS_TRACE_STAGE_LIST(X)
#undef X
      BS_TS_N
} bs_trace_stage;
enum {
#define X(e, ...) BS_TR_##e,
  BS_TRACE_LIST(X)
#undef X
      BS_TR_LEAVE,
  BS_TR_N = BS_TR_LEAVE + BS_ROUTE_N
};
extern const char *const bs_trace_stage_names[BS_TS_N];
extern const char *const bs_trace_stage_labels[BS_TS_N];
extern const char *const bs_trace_codes[BS_TR_N];
extern const char *const bs_trace_formats[BS_TR_N];
extern const unsigned char bs_trace_stage_of[BS_TR_N];
/* The code of a name in bs_trace_codes, or -1. */
int bs_trace_code_index(const char *name);

/* One event of a traced client, as the sink receives it. */
typedef struct bs_trace_event {
  double day;              /* on the results' clock (day 0 = the end of the burn-in) */
  const bs_client *client; /* id, spell and traits, as they are now */
  double fraud_propensity; /* the client's trait, not kept in the record (bs_fraud_propensity) */
  int code;                /* BS_TR_* */
  int stage;               /* BS_TS_* */
  const char *text;        /* the English sentence */
  /* bs_trace_formats[code] and its arguments (va_copy before use), for a
   * translation that formats the same arguments with its own format */
  const char *format;
  va_list *args;
} bs_trace_event;
/* Receives one event of a traced client. */
typedef void (*bs_trace_sink)(void *user, const bs_trace_event *e);
/* trace_id that traces every client */
#define BS_TRACE_ALL UINT32_MAX

/* A gamma quantile function Q(u; shape, 1) tabulated for bs_delay_at (see
 * there): values and slopes at BS_QTAB_N + 1 points of u, each point's pair
 * side by side, so that an interpolation reads one or two cache lines
 * instead of two to four. */
#define BS_QTAB_N 4096
#define BS_QTAB_MAX 8 /* shapes tabulated per world; further shapes stay exact */
typedef struct bs_qtab {
  double shape;
  uint32_t exact_calls; /* inversions done exactly so far (the table is built after some) */
  int state;            /* 0 not built, 1 built and within tolerance, -1 not usable */
  struct bs_qtab_point {
    double q, dq; /* Q and dQ/du at a grid point */
  } * pt;
} bs_qtab;

#define BS_MAX_STAGES 16 /* room in bs_world.hooks (chain.c checks its table fits) */

typedef struct bs_world {
  sim_ctx ctx;
  bs_params p;
  uint64_t seed, replication;
  /* the clock: day t0 (run.warmup_days) is the results' day 0, the run
   * ends on t_end = t0 + run.horizon_days; everything the results show is
   * on the day - t0 clock */
  double t0, t_end;
  uint32_t next_id; /* next person id */
  uint64_t stock[BS_ST_N];
  bs_counters c;
  /* cohort records */
  bs_cohort_rec *cohort;
  size_t cohort_n, cohort_cap;
  /* spell records (--records), when keep_spells */
  int keep_spells;
  bs_spell_rec *spells;
  size_t spells_n, spells_cap;
  /* per pool slot: the spell record its client opened (chain.c spell_rec_of
   * checks that it is this client's, by id and spell), kept here rather than
   * in every client record since only --records needs it */
  int32_t *spell_rec_of;
  size_t spell_rec_cap;
  /* stock time series */
  bs_stock_point *stocks;
  size_t stocks_n, stocks_cap;
  /* case management queue (binary heap on (key, seq)) */
  bs_cm_item *cmq;
  size_t cmq_n, cmq_cap;
  uint64_t cmq_seq;
  /* clients waiting for a diagnosis when the day's diagnoses are used up */
  bs_cm_item *diagq; /* slot and gen of each waiting client (bs_fifo_room grows it) */
  size_t diagq_head, diagq_n, diagq_cap;
  double diag_day;     /* the day diag_started counts */
  double diag_started; /* diagnoses started on diag_day */
  /* the same requests in arrival order, for the sluitende-aanpak deadline */
  bs_cm_item *cmf;
  size_t cmf_head, cmf_n, cmf_cap;
  double cm_credit;
  double contract_year_start;
  double contract_used;
  /* providers: running success statistics, dropped flags */
  uint32_t prov_started[BS_MAX_PROVIDERS], prov_ended[BS_MAX_PROVIDERS],
      prov_success[BS_MAX_PROVIDERS];
  uint8_t prov_dropped[BS_MAX_PROVIDERS];
  /* provider behaviour: reports seen, reports showing a parked client, intake stops */
  uint32_t prov_reports[BS_MAX_PROVIDERS], prov_parked_reports[BS_MAX_PROVIDERS];
  uint8_t prov_stopped[BS_MAX_PROVIDERS];
  /* workload: backlog of event tasks (hours), contact moments realised today,
   * the task that took the time on the last day offers were short */
  double wl_backlog[BS_TASK_N];
  uint64_t wl_seen_admitted, wl_seen_sanctions, wl_seen_handovers;
  double wl_traj_base; /* clients in a trajectory when the counters restarted (burn-in) */
  double wl_contact_ratio;
  bs_qtab qtab[BS_QTAB_MAX]; /* bs_delay_at's gamma quantiles, by shape */
  size_t qtab_n;
  double wl_squeeze_day;
  int wl_squeeze_task;
  /* places: queues, occupied places (end days), ID/WIW places left, covenant credit */
  bs_fifo place_q[BS_PLACE_N];
  double *place_end[BS_PLACE_N];
  size_t place_n[BS_PLACE_N], place_cap[BS_PLACE_N];
  long wf_occupied, idwiw_left;
  double covenant_credit;
  /* budget: the year being booked, commitments of the werkdeel this year,
   * counters at the start of the year */
  int budget_year;
  double budget_commit, budget_benefit_mark, budget_werkdeel_mark;
  /* climate: cumulative integral at each breakpoint */
  double climate_cum[BS_MAX_CURVE];
  /* the climate of each segment to the power of each labour-market
   * elasticity (the exponents bs_climate_pow is asked for), filled by the
   * outflow stage's init */
  double climate_pow_e[3];
  double climate_pow[3][BS_MAX_CURVE];
  double traj_logit_base; /* trajectory: logit of p_success_base (its init) */
  /* case management: the programmes the router enters, in rank order, for
   * obligated [0] and exempt [1] clients (its init) */
  const struct bs_programme_ops *route_order[2][BS_PROG_N];
  int route_order_n[2];
  /* the stages that answer each hook, in table order (bs_world_init): the
   * first one for a hook only one stage answers, all for on_admit, on_leave */
  struct bs_hooks {
    const struct bs_stage *apply, *work_intake, *refer, *report, *signal;
    const struct bs_stage *admit[BS_MAX_STAGES], *leave[BS_MAX_STAGES];
    size_t admit_n, leave_n;
  } hooks;
  /* pending returns of former clients: who, which spell, at what age
   * (slots reused through a free list, so memory follows the pending ones) */
  struct bs_return {
    uint32_t id;
    uint16_t spell;
    double age_years;
  } * returns;
  uint32_t *returns_free;
  size_t returns_n, returns_cap, returns_nfree;
  /* global streams */
  sim_stream rng_inflow;
  /* the job spell that the client leaving now starts (bs_job_start), read by
   * the on_end and on_leave hooks of the same bs_leave; the client's record
   * is released right after, so it need not hold it */
  struct {
    double days, hours; /* 0: no job spell */
    double t_return;    /* the job ends and the client applies again (or INFINITY) */
  } job;
  /* trace: when trace_sink is set, every event of client `trace_id` is
   * handed to it (the caller formats it: text or JSON, in app/) */
  bs_trace_sink trace_sink;
  void *trace_user;
  uint32_t trace_id;
  uint64_t trace_lines; /* events handed to the sink so far */
  /* instrument switched off for a counterfactual run (BS_INSTR_*), or 0 */
  int disabled_instrument;
} bs_world;

/* ------------------------------------------------------ the programme interface */

/* The maatregel ladder (003 box 2.4): the rung a programme puts the client
 * on; sanctions.c turns it into a share of the benefit. */
typedef enum { BS_RUNG_NO_PLAN, BS_RUNG_CARE, BS_RUNG_PAID_WORK } bs_rung;

/* What a programme that ends recommends; the router (bs_cm_route) decides. */
typedef enum {
  BS_BACK_ROUTE, /* route afresh: work-first, activation or an offer, by the rules */
  BS_BACK_OFFER, /* queue for a trajectory offer */
  BS_BACK_NONE   /* nothing further now */
} bs_handback;

typedef struct bs_programme_ops {
  bs_programme id;
  int instrument;             /* BS_INSTR_* that switches it off (effect), or BS_INSTR_NONE */
  uint8_t done_flag;          /* BS_DONE_* set when it starts (at most once a spell), or 0 */
  uint8_t record_flag;        /* BS_REC_* set in the cohort record when it starts, or 0 */
  uint8_t reintegration_duty; /* it carries a re-integration duty that can be violated */
  uint8_t provider_detects;   /* a violation of that duty can be seen by the provider */
  /* the router's order (1 first, 0 never routed to) for obligated / exempt clients */
  uint8_t rank_obligated, rank_exempt;
  /* switched on in the scenario (NULL: always) */
  int (*enabled)(const bs_world *w);
  /* may the router send this client, given the router's uniform u (NULL: yes) */
  int (*eligible)(const bs_world *w, const bs_client *c, double u);
  /* the router sends the client: start, or queue for it (NULL: not routed) */
  int (*enter)(bs_world *w, uint32_t slot);
  /* multiplier on the regular-work hazard while in it (NULL: 1) */
  double (*job_mult)(const bs_world *w, const bs_client *c);
  /* maatregel rung while in it (NULL: BS_RUNG_NO_PLAN) */
  bs_rung (*rung)(const bs_world *w, const bs_client *c);
  /* its next step (a BS_EV_PROG event with the client's prog_token) */
  int (*step)(bs_world *w, uint32_t slot, bs_client *c);
  /* it ends: the client moved on (left == 0) or left bijstand by `route` */
  void (*on_end)(bs_world *w, bs_client *c, int left, bs_route route);
} bs_programme_ops;

/* The ops of a programme (chain.c's table). */
const bs_programme_ops *bs_programme_of(bs_programme p);
/* Switched on in the scenario and not switched off for a counterfactual. */
int bs_programme_available(const bs_world *w, bs_programme p);

/* ------------------------------------------------------------ the stage table */

typedef struct bs_stage {
  const char *name;
  /* registers the stage's event handlers */
  int (*init)(bs_world *w);
  /* day 0: first events */
  int (*start)(bs_world *w);
  /* a new application (bs_apply) */
  int (*on_apply)(bs_world *w, uint32_t slot);
  /* the work intake: assesses the client, returns extra delay in days */
  double (*on_work_intake)(bs_world *w, bs_client *c);
  /* CWI refers the client to the municipality (bs_refer) */
  int (*on_refer)(bs_world *w, uint32_t slot);
  /* the client is put on benefit (bs_admit), in table order */
  int (*on_admit)(bs_world *w, uint32_t slot);
  /* a provider reports a violation of `duty` (bs_report_violation); u:
   * the signal's two uniforms, drawn with the report */
  int (*on_report)(bs_world *w, uint32_t slot, int duty, const double u[2]);
  /* a detected violation goes to the deciding consultant: 1 if it gets
   * there (after *delay days), 0 if lost (bs_pass_signal); u holds the
   * two uniforms drawn for it with the violation (loss, delay) */
  int (*on_signal)(bs_world *w, bs_client *c, const double u[2], double *delay);
  /* the client leaves bijstand (bs_leave), before the slot is freed */
  int (*on_leave)(bs_world *w, bs_client *c, bs_route route);
  /* the horizon: close the books */
  void (*finish)(bs_world *w);
  void (*free)(bs_world *w);
} bs_stage;

/* the stages, one per file of models/ */
extern const bs_stage bs_stage_inflow, bs_stage_gatekeeping, bs_stage_cwi, bs_stage_exemption,
    bs_stage_diagnosis, bs_stage_case_management, bs_stage_trajectory, bs_stage_sanctions,
    bs_stage_outflow, bs_stage_organisations;
/* the programmes: bs_prog_<id> for every row of BS_PROGRAMME_LIST */
#define X(e, id, name, label) extern const bs_programme_ops bs_prog_##id;
BS_PROGRAMME_LIST(X)
#undef X

/* ------------------------------------------------------- chain.c: life cycle */
int bs_world_init(bs_world *w, const bs_params *p, uint64_t seed, uint64_t replication);
int bs_world_run(bs_world *w);
void bs_world_free(bs_world *w);
/* The stage table in order (bs_admit runs the on_admit hooks in this order). */
const bs_stage *const *bs_stages(size_t *n);

/* ------------------------------------------------------- world.c: helpers */
static inline bs_client *bs_client_at(bs_world *w, uint32_t slot) {
  return (bs_client *)sim_pool_get(&w->ctx.pool, slot);
}
/* The slot of a client's record (the inverse of bs_client_at). */
static inline uint32_t bs_slot_of(const bs_world *w, const bs_client *c) {
  return (uint32_t)(c - (const bs_client *)(const void *)w->ctx.pool.items);
}
/* The key of a client's stream for a purpose: the person's traits stream is
 * the same in every spell, the others are the spell's own. Inline, so that
 * with a constant purpose in a first spell the purpose's half of the key is
 * a constant. */
static inline uint64_t bs_stream_key(const bs_client *c, bs_rng_purpose purpose) {
  if (purpose == BS_RNG_TRAITS || c->spell == 0)
    return sim_stream_key_purpose(c->rng_key, (uint64_t)purpose);
  return sim_stream_key_purpose(c->rng_key, (uint64_t)purpose + 16u * (uint64_t)c->spell);
}
/* Bound gsl_rng for one of a client's streams (valid while the record does
 * not move: not across bs_inflow_new_client). */
static inline gsl_rng *bs_rng(bs_world *w, bs_client *c, bs_rng_purpose purpose) {
  return sim_rng_bind_counted(&w->ctx.rng, bs_stream_key(c, purpose), &c->rng_draws[purpose],
                              &c->rng_overflow);
}
/* A decision's block of n uniforms, drawn up front from one of the client's
 * streams, whatever the decision turns out to need (common random numbers). */
static inline void bs_draw(bs_client *c, bs_rng_purpose purpose, double *u, int n) {
  sim_counted_uniforms(bs_stream_key(c, purpose), &c->rng_draws[purpose], &c->rng_overflow, u, n);
}
/* The same block, with each uniform computed only when it is read
 * (sim_counted_take): bs_block_u(b, i) is bs_draw's u[i], the stream moves
 * on by n at once whatever the decision reads, and the uniforms a decision
 * does not read are not computed. */
typedef struct bs_block {
  uint64_t state; /* the stream's state before the block */
} bs_block;
static inline bs_block bs_take(bs_client *c, bs_rng_purpose purpose, int n) {
  return (bs_block){sim_counted_take(bs_stream_key(c, purpose), &c->rng_draws[purpose],
                                     &c->rng_overflow, n)};
}
static inline double bs_block_u(bs_block b, unsigned i) { return sim_counted_block_u(b.state, i); }
/* What BS_ENSURE reports when a client's rng_overflow is set. */
#define BS_RNG_OVERFLOW_MSG                                                                        \
  "a client drew more than 65535 numbers from one random stream in one spell"
/* A returner is considered for an offer if this is below p_offer_returner:
 * the spell's first block, the first draw of its SPELL stream (taken when
 * the spell starts, recomputed here rather than kept). */
static inline double bs_returner_offer_u(const bs_client *c) {
  return sim_u01(sim_hash64(sim_stream_state_at(bs_stream_key(c, BS_RNG_SPELL), 1)));
}
/* The i-th uniform (0-based) of the block draw_traits (inflow.c) takes
 * first from the TRAITS stream: the same double it drew. */
static inline double bs_trait_u(const bs_client *c, unsigned i) {
  return sim_u01(sim_hash64(sim_stream_state_at(bs_stream_key(c, BS_RNG_TRAITS), i + 1u)));
}
/* Traits recomputed rather than kept in the record (inflow.c draw_traits
 * draws them from these uniforms; test_rng_record checks they agree). */
enum { BS_TRAIT_U_FRAUD = 9, BS_TRAIT_U_EXEMPT = 10 };
/* The uniform for the individual exemption. */
static inline double bs_u_exempt(const bs_client *c) { return bs_trait_u(c, BS_TRAIT_U_EXEMPT); }
/* The fraud propensity: exponential with mean clients.fraud_propensity_mean. */
static inline double bs_fraud_propensity(const bs_world *w, const bs_client *c) {
  return -log(bs_trait_u(c, BS_TRAIT_U_FRAUD)) * w->p.clients.fraud_propensity_mean;
}
/* The end of the last maatregel in this spell (0: none yet). */
static inline double bs_t_maatregel_end(const bs_world *w, const bs_client *c) {
  return c->had_maatregel ? c->t_maatregel + w->p.sanctions.maatregel_days : 0;
}
/* Until when the last maatregel raises job search (-1: no such effect). */
static inline double bs_t_sanction_effect(const bs_world *w, const bs_client *c) {
  const bs_sanction_effect_params *se = &w->p.behaviour.sanction_effect;
  return c->had_maatregel && se->job_mult != 1 && se->days > 0 ? c->t_maatregel + se->days : -1;
}
/* One uniform on (0,1) from a client's stream. */
static inline double bs_uniform(bs_client *c, bs_rng_purpose purpose) {
  double u;
  bs_draw(c, purpose, &u, 1);
  return u;
}
/* A gamma delay with the given mean and cv (fixed when cv == 0): GSL's
 * sampler, which takes a variable number of uniforms (the same for the
 * same parameters), so it comes last in its decision's draws. */
double bs_delay_draw(gsl_rng *r, const bs_delay *d);
/* The same delay from one given uniform (inversion): for a delay that is
 * part of a block drawn whether or not it is needed. */
double bs_delay_at(bs_world *w, double u, const bs_delay *d);
/* What bs_delay_at(w, u, d) does to the world when its value is not used
 * (it counts the inversion towards the shape's table, so the table is
 * built at the same call as when the value is computed), without computing
 * the inverse. */
void bs_delay_at_unused(bs_world *w, double u, const bs_delay *d);
/* Frees bs_delay_at's tables (bs_world_free). */
void bs_qtab_free(bs_world *w);
/* Schedules an event for a client; errors go to ctx.err. */
int bs_at(bs_world *w, double t, bs_event_type type, uint32_t slot, uint32_t data);
/* The client trace: bs_trace_<id>(w, c, args...) for every row of
 * BS_TRACE_LIST hands the event to the sink when this client is traced
 * (and costs one test otherwise); bs_trace_leave the exit by a route. */
static inline int bs_traced(const bs_world *w, const bs_client *c) {
  return w->trace_sink && (c->id == w->trace_id || w->trace_id == BS_TRACE_ALL);
}
void bs_trace_emit(bs_world *w, const bs_client *c, int code, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
void bs_trace_leave(bs_world *w, const bs_client *c, bs_route route);
#define BS_TRACE_UNPAREN(...) __VA_ARGS__
#define X(e, id, stage, fmt, params, args)                                                         \
  static inline void bs_trace_##id(bs_world *w, const bs_client *c BS_TRACE_UNPAREN params) {      \
    if (bs_traced(w, c))                                                                           \
      bs_trace_emit(w, c, BS_TR_##e, fmt BS_TRACE_UNPAREN args);                                   \
  }
BS_TRACE_LIST(X)
#undef X
/* Accounts the benefit paid to a client up to day t. */
void bs_pay_benefit(bs_world *w, bs_client *c, double t);
double bs_benefit_per_day(const bs_world *w, const bs_client *c);
/* An offer in the sense of 003 §6.2 (any instrument: a trajectory, social
 * activation, a work-first placement) is made now: the first one of the
 * spell is the cohort record's t_offer; the monitor learns of it with
 * p_registered, after the registration delay, if in by the reporting
 * deadline (trajectory.registration_delay, reporting_lag_days). `kind`
 * keys a stream of its own for the registration draws (0: the shared
 * REGISTER stream of the trajectory offers). Returns 1 if registered. */
int bs_offer_made(bs_world *w, bs_client *c, double p_registered, int kind);
/* The true kansmeter phase (1-4) of a latent distance. */
int bs_phase_true(const bs_params *p, double distance);
/* Room for item n of the array *p (*cap items of `size` bytes): doubles it
 * (from `first`) when full. SIM_OK, or SIM_ENOMEM with *p untouched. */
int bs_grow(void **p, size_t *cap, size_t n, size_t size, size_t first);
/* Room for one more item at the tail of a first-in-first-out array holding
 * n items from *head: compacts it when the head has moved past n, else
 * grows it (SIM_ENOMEM when it cannot). */
int bs_fifo_room(bs_cm_item **q, size_t *head, size_t n, size_t *cap);
/* An impossible state: fills ctx.err ("internal error at FILE:LINE: what")
 * and returns SIM_EINVAL, which ends the run. See BS_ENSURE. */
int bs_internal_error(bs_world *w, const char *file, int line, const char *what);
/* Checks a state that must hold; kept in release builds (docs/model.md). */
#define BS_ENSURE(w, cond, what)                                                                   \
  do {                                                                                             \
    if (!(cond))                                                                                   \
      return bs_internal_error((w), __FILE__, __LINE__, (what));                                   \
  } while (0)

/* The transitions every stage uses; each runs the stages' hooks. */
/* A new applicant enters gatekeeping (on_apply). */
int bs_apply(bs_world *w, uint32_t slot);
/* Extra delay of the work intake's assessment (on_work_intake). */
double bs_work_intake(bs_world *w, bs_client *c);
/* Puts an applicant on benefit (eligibility granted), or a client of the
 * stock at day 0 (initial_stock: no cohort, no gatekeeping); on_admit. */
int bs_admit(bs_world *w, uint32_t slot, int initial_stock);
/* Removes a client: pays benefit to date, ends its programme, records the
 * route, runs on_leave, frees the slot. */
int bs_leave(bs_world *w, uint32_t slot, bs_route route);
/* Ends the current programme and starts `prog`: the job hazard follows. */
int bs_set_programme(bs_world *w, uint32_t slot, bs_programme prog);
/* The programme step event (BS_EV_PROG), dispatched to the programme's step. */
int bs_programme_step(sim_ctx *ctx, const sim_event *ev, void *user);
/* CWI refers a client to the municipality (on_refer; without a stage
 * that answers, straight to the router). */
int bs_refer(bs_world *w, uint32_t slot);
/* A provider reports a violated duty (on_report). */
int bs_report_violation(bs_world *w, uint32_t slot, int duty, const double u[2]);
/* A detected violation's signal to the deciding consultant (on_signal). */
int bs_pass_signal(bs_world *w, bs_client *c, const double u[2], double *delay);

/* inflow.c */
/* Creates a client for person `id` (spell `spell`) and draws its traits. */
int bs_inflow_new_client(bs_world *w, uint32_t id, uint16_t spell, int initial_stock,
                         uint32_t *slot_out);

/* cwi_phase.c */
/* Assigns the kansmeter phase at the work intake; returns extra delay (Kwint). */
double bs_cwi_assign(bs_world *w, bs_client *c);

/* exemption.c */
/* Sets the true and registered exemption flags from the client's situation. */
void bs_exemption_update(bs_world *w, bs_client *c, double t);
/* The exemption as the register has it on day t. */
int bs_exemption_registered(const bs_client *c, double t);

/* case_management.c: the municipality's router and its offer queue */
/* Decides what a client does next: on arrival at the municipality and when
 * a programme ends (with the programme's recommendation). */
int bs_cm_route(bs_world *w, uint32_t slot, bs_handback why);
/* Queue for a trajectory offer decision (the trajectory's `enter`). */
int bs_cm_request(bs_world *w, uint32_t slot);
/* Integral: did the action slip through? Separate: lost/delayed signal. */
int bs_cm_signal(bs_world *w, bs_client *c, const double u[2], double *delay);
double bs_cm_capacity_factor(const bs_world *w);

/* trajectory.c */
/* An offer decision was made: the trajectory starts at a provider. */
int bs_traj_start(bs_world *w, uint32_t slot);
/* A provider's expected payment for a client with this chance of a job. */
double bs_provider_expected_payment(const bs_traj_params *tp, double price, double chance);
/* Payment of a finished trajectory: price * share of its class. */
double bs_traj_payment(const bs_traj_params *tp, double price, int pay_class);

/* sanctions.c */
/* maatregel as a share of the benefit for the client's current situation */
double bs_maatregel_pct(const bs_world *w, const bs_client *c);

/* ------------------------------------------- organisations (docs/model.md) */
/* workload.c: today's hours per task; returns the offer decisions that fit */
double bs_workload_day(bs_world *w);
/* adds `count` tasks (hours from the task times) to the backlog; e.g. a
 * diagnosis step calls bs_workload_add(w, BS_TASK_DIAGNOSIS, 1) */
void bs_workload_add(bs_world *w, int task, double count);
/* contact moments realised as a share of those due (1 when off) */
double bs_workload_contact_ratio(const bs_world *w);
/* the FTE of each role today: [0] income (or integral), [1] re-integration */
void bs_workload_fte(const bs_world *w, double fte[2]);
/* mean FTE over the run, or -1 when the workload model is off */
double bs_workload_mean_fte(const bs_world *w);
/* why an offer waited (a sentence, or NULL) */
const char *bs_workload_wait_reason(const bs_world *w, double t_request);

/* places.c */
int bs_place_full(const bs_world *w, int kind);
int bs_place_queue(bs_world *w, uint32_t slot, int kind);
/* occupies a place (after bs_place_full said no); books opstap wage subsidies */
int bs_place_take(bs_world *w, int kind);
void bs_place_release(bs_world *w, int kind);
/* the covenant employers' queue: an obligated client near the market joins */
int bs_place_covenant_join(bs_world *w, uint32_t slot);
int bs_places_day(bs_world *w);
void bs_places_free(bs_world *w);

/* budget.c */
/* may a new start of this instrument (BS_CUT_*) be paid from the werkdeel */
int bs_budget_allows(const bs_world *w, int item);
void bs_budget_commit(bs_world *w, double eur);
void bs_budget_day(bs_world *w);
void bs_budget_finish(bs_world *w);
double bs_werkdeel_spend(const bs_counters *c);

/* the climate to a power (1 when e == 0) */
double bs_climate_pow(const bs_world *w, double t, double e);

/* outflow.c */
/* (Re)draws the time of the next competing-risk exit from now, using the
 * client's current hazards. Call after anything that changes them. */
int bs_outflow_reschedule(bs_world *w, uint32_t slot);
/* Regular-work hazard per day for this client now. */
double bs_job_hazard(const bs_world *w, const bs_client *c, double t);
double bs_climate_at(const bs_world *w, double t);

/* exemption.c */
/* Would the client be exempt from work obligations on day t (the truth,
 * whether or not it has been assessed yet, e.g. at the gate)? */
int bs_exempt_at(const bs_world *w, const bs_client *c, double t);

/* behaviour.c: clients respond to policy (behaviour.* parameters) */
/* Job-search intensity on day t: the threat of the monitoring regime, the
 * raised hazard after a maatregel and what ended programmes left behind. */
double bs_search_mult(const bs_world *w, const bs_client *c, double t);
/* The threat multiplier alone, for the client in its current programme. */
double bs_threat_mult(const bs_world *w, const bs_client *c);
/* Enforcement is on (not switched off for a counterfactual). */
int bs_enforced(const bs_world *w);
/* p scaled by exp(slope x (fraud propensity / its mean - 1)), at most 1. */
double bs_fraud_selective(const bs_world *w, const bs_client *c, double p, double slope);
/* The chance p that a work obligation deters this client, given its
 * outside options (nearness to the market, undeclared work); 0 for who
 * would be exempt when behaviour.deterrence.exempt_never_deterred. */
double bs_deterrence_p(const bs_world *w, const bs_client *c, double p);
/* A provider's no-show chance per report for this client's compliance. */
double bs_no_show_p(const bs_world *w, const bs_client *c);
/* Does the client's programme carry a duty that can be violated, and does
 * its provider (or CWI) see a violation? */
int bs_has_duty(const bs_world *w, const bs_client *c);
int bs_duty_seen_by_provider(const bs_world *w, const bs_client *c);
/* A programme completed: its after-effect on the job hazard. */
void bs_after_programme(bs_world *w, bs_client *c, bs_programme prog);
/* Activation moved the client `rungs` up (or down): distance follows. */
int bs_activation_moved(bs_world *w, uint32_t slot, bs_client *c, int rungs);
/* An exit by `route`: a work route starts a job spell (behaviour.jobs). */
void bs_job_start(bs_world *w, bs_client *c, bs_route route);
/* The job spell of the leaving client (during bs_leave, after bs_job_start)
 * qualifies for a trajectory's 100% class (always without job spells). */
int bs_job_qualifies(const bs_world *w, const bs_client *c);
/* Does this route's re-inflow follow the end of a job spell? */
int bs_job_route(const bs_world *w, bs_route route);

#endif
