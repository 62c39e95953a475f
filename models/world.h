/* world.h: the state of one simulated municipality in one replication, and
 * the interface between the chain stages. Each stage (one file in models/)
 * registers its event handlers and exposes the few entry points the other
 * stages call. Stages never print; they update counters and records. */
#ifndef BIJSIM_WORLD_H
#define BIJSIM_WORLD_H

#include "models/client.h"
#include "models/params.h"
#include "sim/sim.h"

#include <stdint.h>
#include <stdio.h>

typedef enum {
  BS_EV_ARRIVAL,     /* inflow: next application (no entity) */
  BS_EV_RETURN,      /* inflow: a former client applies again (data = person id) */
  BS_EV_GATE,        /* gatekeeping: next intake step */
  BS_EV_PHASE,       /* cwi: Kwint done / phase-1 mediation ends */
  BS_EV_EXIT,        /* outflow: competing-risk exit (data = token) */
  BS_EV_AGE,         /* outflow/exemption: birthday that matters (57.5, 65) */
  BS_EV_PROG,        /* work-first / trajectory / activation step (data = token) */
  BS_EV_CM_DAY,      /* case management: a working day of consultant capacity */
  BS_EV_VIOLATION,   /* sanctions: a duty is violated */
  BS_EV_SIGNAL,      /* sanctions: a detected violation reaches the deciding consultant */
  BS_EV_SANCTION_END,/* sanctions: maatregel / suspension ends */
  BS_EV_MARK365,     /* cohort: one year after inflow, record status */
  BS_EV_STOCK,       /* bookkeeping: record stocks */
  BS_EV_EVAL,        /* trajectory: provider evaluation */
  BS_EV_CM_RETRY,    /* case management: a slipped action comes back */
  BS_EV_N
} bs_event_type;


/* The fate of one member of the indicator cohort (inflow in the window). */
typedef struct bs_cohort_rec {
  uint32_t id;
  uint8_t phase;       /* assigned kansmeter phase */
  uint8_t far;         /* distance above clients.far_threshold */
  uint8_t route;       /* bs_route when left */
  uint8_t on_365;      /* still on benefit 365 days after inflow (Y) */
  uint8_t exempt_365;  /* truly exempt at day 365 */
  uint8_t exempt_reg_365; /* registered exempt at day 365 */
  uint8_t flags;       /* BS_REC_* instruments the client took part in */
  double distance;
  double t_in;         /* benefit start */
  double t_out;        /* day left, or INFINITY if still on at the horizon */
  double t_offer;      /* first trajectory offer, or INFINITY */
  double t_offer_reg;  /* day the first offer entered the administration, or INFINITY */
} bs_cohort_rec;

enum {
  BS_REC_WORK_FIRST = 1u << 0,
  BS_REC_TRAJECTORY = 1u << 1,
  BS_REC_ACTIVATION = 1u << 2,
  BS_REC_SANCTIONED = 1u << 3,
  BS_REC_HOME_VISIT = 1u << 4
};

typedef struct bs_stock_point {
  double day;
  uint64_t applicants, on_benefit, cum_entered, cum_left, cum_admitted;
} bs_stock_point;

typedef struct bs_counters {
  uint64_t applications, admitted, gate_exits, entered;
  uint64_t left[BS_ROUTE_N];
  uint64_t gate[BS_GATE_N]; /* applications that ended at the gate, by outcome */
  uint64_t gate_kwint;
  uint64_t phase_assigned[5], phase1_referred;
  uint64_t wf_started, wf_deterred, wf_work, wf_followup_traj, wf_followup_subsidised;
  uint64_t traj_offered, traj_started, traj_ended[BS_PAY_N], traj_registered, traj_reports,
      traj_no_shows, providers_dropped;
  uint64_t act_started, act_improved, act_volunteer, act_work, act_stopped, act_referred;
  uint64_t violations[BS_DUTY_N], detected, signals_lost, slipped;
  uint64_t sanctions[BS_SANC_N];
  uint64_t reinflow;
  double sanction_amount;   /* benefit withheld by maatregelen, EUR */
  double recovered;         /* fraud damage + interest + admin cost to recover, EUR */
  double benefit_spend;     /* inkomensdeel */
  double traj_spend[BS_PAY_N];
  double wf_spend, act_spend, subsidy_spend, funded_employment_spend, intake_spend,
      consultant_spend;
  /* consultant queue */
  double cm_capacity_used, cm_capacity_total; /* actions */
  double cm_wait_sum;
  uint64_t cm_wait_n;
  double caseload_sum;
  uint64_t caseload_n;
} bs_counters;

/* A pending case-management action (trajectory offer decision). */
typedef struct bs_cm_item {
  double key; /* priority: smaller first */
  uint64_t seq;
  double t_request;
  uint32_t slot, gen;
} bs_cm_item;

/* Receives one event of the traced client: day, spell, stage and the
 * sentence (English, with the Dutch term in brackets). */
typedef void (*bs_trace_sink)(void *user, double day, unsigned spell, const char *stage,
                              const char *event);

typedef struct bs_world {
  sim_ctx ctx;
  bs_params p;
  uint64_t seed, replication;
  uint32_t next_id; /* next person id */
  uint64_t stock[BS_ST_N];
  bs_counters c;
  /* cohort records */
  bs_cohort_rec *cohort;
  size_t cohort_n, cohort_cap;
  /* stock time series */
  bs_stock_point *stocks;
  size_t stocks_n, stocks_cap;
  /* case management queue (binary heap on (key, seq)) */
  bs_cm_item *cmq;
  size_t cmq_n, cmq_cap;
  uint64_t cmq_seq;
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
  /* climate: cumulative integral at each breakpoint */
  double climate_cum[BS_MAX_CURVE];
  /* pending returns of former clients: who, which spell, at what age
   * (slots reused through a free list, so memory follows the pending ones) */
  struct bs_return {
    uint32_t id;
    uint16_t spell;
    double age_years;
  } *returns;
  uint32_t *returns_free;
  size_t returns_n, returns_cap, returns_nfree;
  /* global streams */
  sim_stream rng_inflow;
  /* trace: when trace_sink is set, every event of client `trace_id` is
   * handed to it (the caller formats it: text or JSON, in app/) */
  bs_trace_sink trace_sink;
  void *trace_user;
  uint32_t trace_id;
  uint64_t trace_lines; /* events handed to the sink so far */
  /* instrument switched off for a counterfactual run (BS_INSTR_*), or 0 */
  int disabled_instrument;
} bs_world;



/* world.c: life cycle */
int bs_world_init(bs_world *w, const bs_params *p, uint64_t seed, uint64_t replication);
int bs_world_run(bs_world *w);
void bs_world_free(bs_world *w);
static inline bs_client *bs_client_at(bs_world *w, uint32_t slot) {
  return (bs_client *)sim_pool_get(&w->ctx.pool, slot);
}
/* Bound gsl_rng for one of a client's streams. */
gsl_rng *bs_rng(bs_world *w, bs_client *c, bs_rng_purpose purpose);
/* A gamma delay with the given mean and cv (fixed when cv == 0). */
double bs_delay_draw(gsl_rng *r, const bs_delay *d);
/* Schedules an event for a client; errors go to ctx.err. */
int bs_at(bs_world *w, double t, bs_event_type type, uint32_t slot, uint32_t data);
/* A line in the client trace (no-op unless this client is traced). */
void bs_trace(bs_world *w, const bs_client *c, const char *stage, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* Accounts the benefit paid to a client up to day t. */
void bs_pay_benefit(bs_world *w, bs_client *c, double t);
double bs_benefit_per_day(const bs_world *w, const bs_client *c);

/* inflow.c */
int bs_inflow_start(bs_world *w);
int bs_inflow_register(bs_world *w);
/* Creates a client for person `id` (spell `spell`), draws its traits, and
 * starts gatekeeping (or puts it straight on benefit for the initial stock). */
int bs_inflow_new_client(bs_world *w, uint32_t id, uint16_t spell, int initial_stock,
                         uint32_t *slot_out);
/* Called when a client leaves: maybe schedules the person's return. */
int bs_inflow_maybe_return(bs_world *w, bs_client *c, bs_route route);

/* gatekeeping.c */
int bs_gate_register(bs_world *w);
int bs_gate_start(bs_world *w, uint32_t slot);
/* Puts an applicant on benefit (eligibility granted). initial_stock: a
 * client of the stock at day 0 (no cohort, no gatekeeping). */
int bs_gate_admit(bs_world *w, uint32_t slot, int initial_stock);

/* cwi_phase.c */
int bs_cwi_register(bs_world *w);
/* Assigns the kansmeter phase at the work intake; returns extra delay (Kwint). */
double bs_cwi_assign(bs_world *w, bs_client *c);
/* After eligibility: phase 1 goes to CWI mediation, others to the municipality. */
int bs_cwi_on_benefit(bs_world *w, uint32_t slot);
int bs_phase_true(const bs_params *p, double distance);

/* exemption.c */
int bs_exemption_register(bs_world *w);
/* Sets the true and registered exemption flags from the client's situation. */
void bs_exemption_update(bs_world *w, bs_client *c, double t);

/* case_management.c */
int bs_cm_register(bs_world *w);
/* The client is handed to the municipality: queue for diagnosis/offer. */
int bs_cm_request(bs_world *w, uint32_t slot);
/* Decides what to do with a client after a programme ends or on arrival at
 * the municipality: activation, queue for an offer, or nothing. */
int bs_cm_route(bs_world *w, uint32_t slot);
/* Integral: did the action slip through? Separate: lost/delayed signal. */
int bs_cm_signal(bs_world *w, bs_client *c, double *delay);
double bs_cm_capacity_factor(const bs_world *w);

/* work_first.c */
int bs_wf_register(bs_world *w);
int bs_wf_start(bs_world *w, uint32_t slot);
int bs_wf_event(bs_world *w, uint32_t slot, bs_client *c);

/* trajectory.c */
int bs_traj_register(bs_world *w);
int bs_traj_start(bs_world *w, uint32_t slot);
int bs_traj_event(bs_world *w, uint32_t slot, bs_client *c);
/* Payment of a finished trajectory: price * share of its class. */
double bs_traj_payment(const bs_traj_params *tp, double price, int pay_class);
int bs_traj_choose_provider(bs_world *w, bs_client *c);
/* Pays the provider when a client leaves during a trajectory. */
void bs_traj_on_leave(bs_world *w, bs_client *c, bs_route route);
/* End-of-trajectory outcome probabilities. */
double bs_traj_p_success(const bs_world *w, const bs_client *c);

/* social_activation.c */
int bs_act_register(bs_world *w);
int bs_act_eligible(const bs_world *w, const bs_client *c);
int bs_act_start(bs_world *w, uint32_t slot);
int bs_act_event(bs_world *w, uint32_t slot, bs_client *c);

/* sanctions.c */
int bs_sanction_register(bs_world *w);
int bs_sanction_start(bs_world *w, uint32_t slot);
/* A provider reports a no-show: a re-integration violation found. */
int bs_sanction_report(bs_world *w, uint32_t slot);
/* maatregel as a share of the benefit for the client's current situation */
double bs_maatregel_pct(const bs_world *w, const bs_client *c);

/* outflow.c */
int bs_outflow_register(bs_world *w);
/* (Re)draws the time of the next competing-risk exit from now, using the
 * client's current hazards. Call after anything that changes them. */
int bs_outflow_reschedule(bs_world *w, uint32_t slot);
/* Removes a client: pays benefit to date, records the route, frees the slot. */
int bs_leave(bs_world *w, uint32_t slot, bs_route route);
/* Regular-work hazard per day for this client now. */
double bs_job_hazard(const bs_world *w, const bs_client *c, double t);
double bs_climate_at(const bs_world *w, double t);
/* Sets the programme and rescales the job hazard accordingly. */
int bs_set_programme(bs_world *w, uint32_t slot, bs_programme prog);

#endif
