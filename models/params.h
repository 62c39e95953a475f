/* params.h: every scenario parameter of the bijstand chain, as one plain
 * struct. Parsed once from YAML (models/params.c holds the schema); the
 * stages read this struct, never the YAML tree. Domain defaults live in
 * scenarios/baseline.yaml (with the seed they come from), not here: the C
 * defaults are neutral (instrument off, zero effect).
 *
 * Units: time in days, money in EUR, hazards in events per year (converted to
 * per day by the stages), probabilities in [0,1].
 */
#ifndef BIJSIM_PARAMS_H
#define BIJSIM_PARAMS_H

#include "sim/config_dist.h"

#include <stddef.h>

#define BS_MAX_CURVE 64
#define BS_MAX_PROVIDERS 16
#define BS_MAX_TARGETS 16

enum {
  BS_AGE_YOUNG,
  BS_AGE_MID,
  BS_AGE_OLDER,
  BS_AGE_SENIOR,
  BS_AGE_N
}; /* <23, 23-57.5, 57.5-65, 65+ */
enum { BS_HH_SINGLE, BS_HH_COUPLE, BS_HH_SINGLE_PARENT, BS_HH_N };
enum { BS_CM_INTEGRAL, BS_CM_SEPARATE };
enum { BS_ORDER_FIFO, BS_ORDER_CREAMING, BS_ORDER_FURTHEST_FIRST };
enum { BS_INTAKE_CWI, BS_INTAKE_MUNICIPALITY };

typedef struct bs_delay {
  double mean_days; /* gamma-distributed delay with this mean ... */
  double cv;        /* ... and coefficient of variation (0 = fixed) */
} bs_delay;

typedef struct bs_run_params {
  char name[64];
  double horizon_days;
  double cohort_start_day; /* the cohort window: inflow in [start, start+length) */
  double cohort_length_days;
  double stock_report_interval_days; /* stocks are recorded at this interval */
} bs_run_params;

typedef struct bs_client_params {
  double age_shares[BS_AGE_N];
  double household_shares[BS_HH_N];
  double distance_mean; /* latent distance to the labour market, normal */
  double distance_sd;
  double far_threshold;        /* distance above which a client is 'far' */
  double p_medical_or_psy_far; /* far clients: medical or psychosocial problems */
  double p_both_far;           /* far clients: both, on top */
  double p_problem_near;       /* near clients: any of those problems */
  double p_debts;
  double p_language;
  double compliance_alpha, compliance_beta; /* beta-distributed compliance */
  double fraud_propensity_mean;             /* exponential */
  double p_individual_exemption_far;        /* medical exemption, far clients */
} bs_client_params;

typedef struct bs_inflow_params {
  double applications_per_year;
  double climate[BS_MAX_CURVE][2]; /* (day, factor) piecewise constant */
  size_t climate_n;
  long initial_stock;
  double initial_stock_far_share;          /* the stock is mostly far from the market */
  double initial_stock_mean_duration_days; /* time already on benefit at day 0 */
  double p_reinflow;                       /* share of leavers to work that return */
  bs_delay reinflow_delay;
} bs_inflow_params;

typedef struct bs_gate_params {
  int claim_intake; /* cwi or municipality */
  bs_delay claim_intake_delay;
  bs_delay work_intake_delay;
  bs_delay decision_delay;
  double municipal_intake_extra_withdrawal; /* municipality's own intake deters more */
  double p_ineligible;
  int discouragement;
  double p_discouraged;
  int home_visits;
  double p_home_visit_denied;
  double home_visit_cost;
  double intake_cost;
  int direct_mediation;
  double p_direct_mediation; /* of promising (near) applicants, placed via temp agency */
  int work_first_gate;
  double p_work_first_withdraw;
} bs_gate_params;

typedef struct bs_cwi_params {
  double cut_12, cut_23, cut_34; /* distance cut points between phases 1|2|3|4 */
  double misclass_rate;          /* chance the assigned phase is one off */
  double phase1_bias;            /* chance a phase-2 client is put in phase 1 */
  double phase1_max_days;        /* CWI mediation, then referral as phase 2 */
  double phase1_job_boost;       /* job hazard multiplier during CWI mediation */
  int kwint;
  double p_kwint; /* share whose work intake gives too little grip */
  bs_delay kwint_delay;
} bs_cwi_params;

typedef struct bs_exemption_params {
  int categorical;                  /* 65+, young child, 57.5+ exempt */
  double p_registration_stale;      /* a true exemption missing in the administration */
  double p_stale_registered_exempt; /* registered exempt, though obligated */
} bs_exemption_params;

typedef struct bs_cm_params {
  int model; /* integral or separate */
  double consultants_fte;
  double caseload_norm;       /* clients per FTE before service slows */
  double actions_per_fte_day; /* diagnoses/offers one FTE can do per day */
  double p_slip;              /* integral: an action slips through */
  double slip_delay_days;
  double integral_success_boost; /* integral: multiplier on trajectory success for clients with
                                    problems */
  double p_signal_loss;          /* separate: signal lost between consultants */
  bs_delay signal_delay;
  double income_caseload; /* separate: income consultant caseload (cost) */
  double fte_cost_per_year;
  int reorganisation;
  double reorg_day;
  double reorg_duration_days;
  double reorg_output_factor; /* capacity multiplier during reorganisation */
} bs_cm_params;

typedef struct bs_wf_params {
  int enabled;
  double p_deterred; /* leave within the first weeks when told to work */
  bs_delay deterrence_delay;
  double diagnosis_max_days;    /* 6 weeks */
  double placement_max_days;    /* 20 weeks */
  double aftercare_days;        /* 3 months after regular work */
  double placement_job_boost;   /* job hazard multiplier during the placement */
  double p_followup_subsidised; /* at the end without work: subsidised job, else trajectory */
  double cost_per_day;
} bs_wf_params;

typedef struct bs_provider {
  char name[32];
  double quality; /* multiplier on success */
  double price;   /* EUR per trajectory */
} bs_provider;

/* An observed figure (e.g. a seed's cohort ratio) with the range a result
 * is judged against; `where` is the file:line:col of its indicator key. */
typedef struct bs_target {
  char indicator[64];
  double observed;
  double low, high;
  char source[128];
  char where[160];
} bs_target;

typedef struct bs_traj_params {
  int enabled;
  bs_provider providers[BS_MAX_PROVIDERS];
  size_t providers_n;
  double effort_share;           /* no cure, less pay: paid for effort without outflow */
  double subsidised_share;       /* paid for outflow to subsidised work */
  double regular_share;          /* paid for a regular job >= 6 months */
  double sluitend_deadline_days; /* every new client an offer within this (0: no target) */
  double sluitend_lead_days;     /* new clients this close to the deadline go first */
  double offer_after_days;       /* earliest day of a spell an offer is considered */
  int offer_order;
  double contracted_per_year; /* 0 = unlimited */
  bs_delay duration;
  double lock_in;                /* job hazard multiplier during a trajectory */
  double p_success_base;         /* regular job at the end, for distance 0 */
  double success_distance_slope; /* logit slope per unit distance */
  double p_subsidised;           /* subsidised work at the end, if no regular job */
  double p_funded_employment;    /* of subsidised: paid employment funded by the work budget */
  double p_offer_exempt;         /* voluntary offer for exempt clients */
  double p_reoffer;              /* after a failed trajectory, another offer */
  double report_interval_days;   /* quarterly progress reports */
  double p_registered;           /* completeness of registration (invoerdiscipline) */
  bs_delay registration_delay;
  double reporting_lag_days;       /* registrations later than period end + lag are lost */
  double opstap_subsidy;           /* one-off for a subsidised (opstap) job */
  double p_no_show;                /* reported by the provider */
  double evaluation_interval_days; /* providers evaluated; worst dropped */
  double drop_below_success;       /* drop a provider whose success share is below */
} bs_traj_params;

typedef struct bs_act_params {
  int enabled;
  double min_distance;                  /* offered to clients at least this far */
  double step_days;                     /* between progress reviews */
  double temporise_factor;              /* >1 slows steps down */
  double p_progress, p_relapse, p_stop; /* per step; the rest: no change */
  double p_work_per_step;               /* rare outflow to work */
  /* long: the loader's CFG_T_INT stores a long */
  long volunteer_rung; /* rung reached = structural volunteer work */
  long max_steps;
  long refer_rung; /* at this rung: referred to a work trajectory */
} bs_act_params;

typedef struct bs_sanction_params {
  double violations_per_year; /* for compliance 0; scaled by (1 - compliance) */
  double share_reintegration, share_administrative; /* rest: information */
  double p_fraud_damage;      /* information violation with financial damage */
  double p_fraud_stop;        /* with damage: benefit stopped (recovery) */
  double p_detect_file_match; /* monthly Inlichtingenbureau matching */
  double p_detect_risk_profile;
  double p_detect_signal;
  double p_detect_provider;       /* no-shows reported by the provider */
  double maatregel_care_pct;      /* care/activation trajectory */
  double maatregel_paid_work_pct; /* trajectory aimed at paid work */
  double maatregel_no_traj_pct;
  double maatregel_days; /* at most one month */
  double repair_days;    /* administrative: suspension to repair */
  double p_repaired;
  double damage_mean;       /* EUR */
  double recovery_interest; /* share on top of the damage */
  double recovery_admin_cost;
  double compliance_gain_after_sanction; /* share of non-compliance removed */
  int hoogwaardig_handhaven;
  double hh_compliance_effect; /* violation rate multiplier */
  double hh_detection_boost;   /* multiplier on detection probabilities */
} bs_sanction_params;

typedef struct bs_outflow_params {
  double job_rate_per_year;  /* regular work hazard at distance 0 */
  double job_distance_slope; /* log hazard per unit distance */
  double exempt_job_factor;
  double other_income_per_year;
  double moving_per_year;
  double withdrawal_per_year;
  double duration_dependence; /* hazard multiplier after one year on benefit */
} bs_outflow_params;

typedef struct bs_money_params {
  double benefit_month[BS_HH_N];
  double activation_cost_per_step;
} bs_money_params;

#define BS_MAX_UNCERTAIN 96
#define BS_MAX_CALIBRATE 16

/* `calibrate:`: the parameters to fit with their priors, and the ABC-SMC
 * settings (analysis/calibrate.h). */
typedef struct bs_calibrate_params {
  cfg_dist priors[BS_MAX_CALIBRATE];
  size_t priors_n;
  long population;     /* particles per generation */
  long generations;    /* at most this many */
  long replications;   /* per particle */
  double quantile;     /* next tolerance: this quantile of the accepted distances */
  double target_share; /* stop when every target is in range for this share of particles */
} bs_calibrate_params;

typedef struct bs_params {
  bs_run_params run;
  bs_client_params clients;
  bs_inflow_params inflow;
  bs_gate_params gatekeeping;
  bs_cwi_params cwi;
  bs_exemption_params exemption;
  bs_cm_params case_management;
  bs_wf_params work_first;
  bs_traj_params trajectory;
  bs_act_params activation;
  bs_sanction_params sanctions;
  bs_outflow_params outflow;
  bs_money_params money;
  /* Observed figures to hold the results against (validation only; the
   * model never reads them): analysis/targets.h. */
  bs_target targets[BS_MAX_TARGETS];
  size_t targets_n;
  /* Analysis settings (never read by the model, not in run.json's
   * parameters): plausible ranges (`uncertainty:`, analysis/uncertainty.h)
   * and what `calibrate` fits (`calibrate:`, analysis/calibrate.h). */
  cfg_dist uncertainty[BS_MAX_UNCERTAIN];
  size_t uncertainty_n;
  bs_calibrate_params calibrate;
} bs_params;

/* Loads and validates a scenario file (with extends). Returns 0 or -1 with a
 * message naming file, line and key in err. */
int bs_params_load(const char *path, bs_params *p, char *err, size_t errlen);
/* Same, from a memory buffer of len bytes; `name` stands for the file in
 * messages and `extends` is resolved relative to the current directory
 * (used by the fuzzer, tests/fuzz/fuzz_scenario.c). */
int bs_params_load_string(const char *name, const char *text, size_t len, bs_params *p, char *err,
                          size_t errlen);
/* Resolved parameters as JSON (snprintf semantics). */
long bs_params_json(const bs_params *p, char *buf, size_t len);
/* Sets one parameter by dotted path (e.g. "trajectory.lock_in") from text,
 * with the same validation as the file (used by sweeps). */
int bs_params_set(bs_params *p, const char *path, const char *value, char *err, size_t errlen);

#endif
