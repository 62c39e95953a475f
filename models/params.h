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

#include "models/domain.h"
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
/* The names of the age bands and household types (as in the scenario's
 * clients.age_shares and household_shares), index = BS_AGE_* / BS_HH_*. */
extern const char *const *const bs_age_band_names;
extern const char *const *const bs_household_names;
enum { BS_CM_INTEGRAL, BS_CM_SEPARATE };
enum { BS_ORDER_FIFO, BS_ORDER_CREAMING, BS_ORDER_FURTHEST_FIRST };
enum { BS_INTAKE_CWI, BS_INTAKE_MUNICIPALITY };
/* run.lang (the order of analysis/lang.h's bs_lang) */
enum { BS_RUN_LANG_EN, BS_RUN_LANG_NL };

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
  double warmup_days;                /* simulated before day 0, left out of every result */
  char start_date[16];               /* the calendar date of day 0, YYYY-MM-DD ("": days only) */
  int lang;                          /* BS_LANG_*: the language of the report and the trace */
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
  double p_reinflow;                       /* share of leavers who return (x route factor) */
  double curve[BS_MAX_CURVE][2];           /* (day, factor) on applications, piecewise constant */
  size_t curve_n;
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
  int kwint_before_decision; /* the Kwint delays the benefit decision (else the diagnosis) */
} bs_cwi_params;

/* The municipality's diagnosis of a client referred to it (003 §2.2). */
typedef struct bs_diag_params {
  bs_delay delay;  /* referral (after a Kwint) -> diagnosis done */
  double per_day;  /* diagnoses that can start a day (0: unlimited) */
  double error_sd; /* error of the assessed distance */
  int independent; /* an independent diagnosis (domain.md 2.7) */
  double independent_error_sd;
} bs_diag_params;

typedef struct bs_exemption_params {
  int categorical;                     /* 65+, young child, 57.5+ exempt */
  double p_registration_stale;         /* a change of exemption not yet handled by the register */
  double p_stale_registered_exempt;    /* registered exempt, though obligated */
  bs_delay catch_up_delay;             /* a stale entry is corrected after this (mean 0: never) */
  double exit_registration_shift_days; /* the register's end of benefit: mean shift */
  double exit_registration_sd_days;    /* ... and its spread (0: the true date) */
  double p_de_facto;                   /* an obligated client this far is never called in */
  long de_facto_min_phase;             /* ... from this kansmeter phase on */
  double reassessment_interval_days;   /* exemptions called in again (0: never) */
  double p_reassessment_lifts;         /* an individual exemption ends at a re-assessment */
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
  int counts_as_offer; /* a work-first placement is an offer (A, C of 003 ch.5) */
  double p_registered; /* ... that the monitor registers */
} bs_wf_params;

typedef struct bs_provider {
  char name[32];
  double quality;    /* multiplier on success */
  double price;      /* EUR per trajectory */
  long target_phase; /* specialises in clients of this kansmeter phase (0: all) */
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
  double contracted_per_year;         /* AvdT target: trajectories agreed per year (0 = none) */
  double offer_cap_per_year;          /* ceiling on offers per calendar year (0 = unlimited) */
  double avdt_subsidy_per_trajectory; /* EUR per realised trajectory up to the target */
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
  long volunteer_rung;        /* rung reached = structural volunteer work */
  long volunteer_min_reviews; /* ... when held for this many reviews */
  long max_steps;
  long refer_rung;     /* at this rung: referred to a work trajectory */
  double job_mult;     /* multiplier on the job hazard during activation */
  int counts_as_offer; /* an activation start is an offer (A, C of 003 ch.5) */
  double p_registered; /* ... that the monitor registers */
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

/* Clients respond to policy (docs/model.md "Behaviour"): each block has a
 * neutral setting (multipliers 1, slopes 0, switches off) under which the
 * model behaves as before the block existed (tests/data/neutral/behaviour.txt). */
typedef struct bs_threat_params {
  /* job-search intensity of an obligated client under a monitoring regime:
   * multipliers on the regular-work hazard (they compound) */
  double work_first_mult; /* work-first's 12 h/week of checked job search */
  double trajectory_mult; /* the trajectory plan (trajectplan) */
  double cwi_check_mult;  /* CWI checks a phase-1 client's job search */
  int cwi_search_duty;    /* that check is a duty that can be violated */
  double hh_mult;         /* hoogwaardig handhaven, every obligated client */
} bs_threat_params;

typedef struct bs_sanction_effect_params {
  double job_mult;          /* regular-work hazard multiplier after a maatregel ... */
  double days;              /* ... for this many days from the day it is imposed */
  int escalate;             /* repeat violations: a higher maatregel */
  double escalation_factor; /* share multiplied by this per earlier maatregel (<= 100%) */
} bs_sanction_effect_params;

typedef struct bs_deterrence_params {
  int exempt_never_deterred;       /* who would be exempt is not deterred by a work obligation */
  double near_slope;               /* log deterrence odds per unit distance nearer the market */
  double fraud_slope;              /* log deterrence per unit of fraud propensity / its mean - 1 */
  double home_visit_fraud_slope;   /* the same for a home visit's denial */
  double risk_profile_fraud_slope; /* the same for detection by risk profiles */
  double fraud_damage_slope;       /* the same for an information violation's damage */
} bs_deterrence_params;

typedef struct bs_enforcement_params {
  int counterfactual_violations; /* without enforcement, violations and fraud go on */
  double damage_per_month;       /* fraud damage accrues while undetected (0: a lump) */
  double collection_rate;        /* share of a recovery claim collected */
  double no_show_compliance;     /* weight of the client's compliance in no-shows */
} bs_enforcement_params;

typedef struct bs_after_effect_params {
  /* regular-work hazard multipliers for the rest of the spell once a
   * programme has ended, near / far from the market */
  double trajectory_near, trajectory_far;
  double work_first_near, work_first_far;
  double activation_distance_per_rung; /* a rung up lowers distance, a relapse raises it */
} bs_after_effect_params;

typedef struct bs_job_params {
  int enabled;                    /* an exit to work starts a job spell */
  double hours_min;               /* hours a week, uniform between ... */
  double hours_max;               /* ... these */
  bs_delay duration;              /* job length at distance 0 */
  double duration_distance_slope; /* log job length per unit distance */
  double p_return;                /* a job ends: the client applies again */
  double return_duration_slope;   /* log return chance per year of the job */
  bs_delay return_delay;          /* job end -> new application */
  double regular_min_days;        /* trajectory 100% class: a job of at least ... */
  double regular_min_hours;       /* ... at at least these hours */
} bs_job_params;

typedef struct bs_reinflow_params {
  double route_factor[BS_ROUTE_N]; /* p_reinflow multiplier by exit route */
  double p_offer_returner;         /* the router considers a returner for an offer */
} bs_reinflow_params;

typedef struct bs_behaviour_params {
  bs_threat_params threat;
  bs_sanction_effect_params sanction_effect;
  bs_deterrence_params deterrence;
  bs_enforcement_params enforcement;
  bs_after_effect_params after_effect;
  bs_job_params jobs;
  bs_reinflow_params reinflow;
} bs_behaviour_params;
/* ---- organisations respond to policy (docs/model.md "Organisations") */

/* Providers choose their effort per client under the contract. */
typedef struct bs_provider_behaviour_params {
  int enabled;                   /* off: full effort for everyone */
  double cost_share;             /* its cost of full effort as a share of its price */
  double parked_success_factor;  /* multiplier on the chance of a parked client */
  double estimate_sd;            /* sd of the provider's estimate of the chance (logit) */
  double p_report_shows_parking; /* a quarterly report of a parked client shows no support */
  double intake_stop_share;      /* reports showing this share parked: intake stop (0: never) */
  double drop_parked_share;      /* dropped at the evaluation above this share (0: never) */
  double contract_days;          /* re-tendering: stops and drops lifted, books reset (0: never) */
  long min_reports;              /* reports before the municipality judges a provider */
} bs_provider_behaviour_params;

enum { BS_STAFF_BUDGET, BS_STAFF_NORMS };
/* Case-management tasks: X(ENUM, name, role): role 0 income (eligibility), 1
 * re-integration; in priority order (eligibility work first, 003 §6.3). */
#define BS_TASK_LIST(X)                                                                            \
  X(INTAKE, "intake", 0)                                                                           \
  X(INCOME_CHECK, "income_check", 0)                                                               \
  X(SANCTION, "sanction", 0)                                                                       \
  X(REEXAM, "reexamination", 0)                                                                    \
  X(HANDOVER, "handover", 1)                                                                       \
  X(DIAGNOSIS, "diagnosis", 1)                                                                     \
  X(STEERING, "steering", 1)                                                                       \
  X(OFFER, "offer", 1)                                                                             \
  X(CONTACT, "contact", 1)
enum {
#define X(e, name, role) BS_TASK_##e,
  BS_TASK_LIST(X)
#undef X
      BS_TASK_N
};

/* A workload model of case management: hours per task and role. */
typedef struct bs_workload_params {
  int enabled;                     /* off: offers at actions_per_fte_day, as before */
  int staffing;                    /* budget: consultants_fte in all; norms: stock / norm */
  double norm_integral;            /* clients per klantmanager */
  double norm_separate;            /* clients per consultant of each role */
  double income_fte_share;         /* separate at a fixed budget: share of income consultants */
  double hours_per_fte_year;       /* productive hours */
  double task_hours[BS_TASK_N];    /* hours per task (per month for checks and steering) */
  double reexam_interval_days;     /* periodic re-examination (heronderzoek) */
  double contact_interval_days;    /* contact moments with an obligated client */
  double reorg_eligibility_factor; /* a reorganisation: eligibility tasks take longer */
} bs_workload_params;

enum { BS_CUT_NONE, BS_CUT_ACTIVATION, BS_CUT_TRAJECTORY, BS_CUT_WORK_FIRST, BS_CUT_FUNDED };
/* Limited places: capacities with queues (0: unlimited). */
typedef struct bs_places_params {
  int enabled;
  long work_first_places;           /* concurrent work-first placements */
  long idwiw_places;                /* ID/WIW places free at day 0; never refilled */
  long opstap_places;               /* concurrent opstapbanen */
  double opstap_days;               /* an opstapbaan's contract */
  double opstap_wage_subsidy_month; /* first month's wage subsidy, falling to 0 */
  long funded_places;               /* concurrent funded jobs (verloning) */
  double funded_days;               /* a funded job's length */
  double covenant_places_per_year;  /* employer placements from covenants */
  long covenant_max_phase;          /* covenant employers take clients up to this phase */
} bs_places_params;

/* Budgets: the inkomensdeel allocation and the werkdeel ceiling. */
typedef struct bs_budget_params {
  int enabled;
  double inkomensdeel_per_year; /* allocation: surplus kept, deficit borne */
  double werkdeel_per_year;     /* ceiling on commitments of the work budget (0: none) */
  int first_to_go;              /* the instrument cut first */
  double first_cut_share;       /* it stops at this share of the ceiling; the rest at 1 */
} bs_budget_params;

/* The labour market beyond the job hazard. */
typedef struct bs_labour_params {
  double inflow_elasticity;     /* applications x climate^-e */
  double mediation_elasticity;  /* CWI mediation boost and direct mediation x climate^e */
  double trajectory_elasticity; /* trajectory success x climate^e */
} bs_labour_params;
/* `report:`: how the report reads the results (never read by the model). */
typedef struct bs_report_params {
  /* the smallest difference that matters, per kind of indicator: shares (as
   * a share: 0.01 = 1 percentage point), durations (days), money (EUR), and
   * counts and ratios relative to the larger of the two means */
  double min_relevant_share;
  double min_relevant_days;
  double min_relevant_eur;
  double min_relevant_relative;
  long key_findings;         /* largest differences listed per variant */
  long survival_min_at_risk; /* a survival curve stops below this many spells at risk */
} bs_report_params;
#define BS_MAX_UNCERTAIN 256
#define BS_MAX_CALIBRATE 16

/* A target `calibrate` reports but does not fit, with the reason; `where`
 * is the file:line:col of its indicator key. */
typedef struct bs_calibrate_exclude {
  char indicator[64];
  char reason[256];
  char where[160];
} bs_calibrate_exclude;

/* How `calibrate` measures the distance to the targets, and which persons
 * its generations simulate (analysis/calibrate.h). */
typedef enum { BS_CAL_DIST_RANGE, BS_CAL_DIST_RMS } bs_calibrate_distance;
typedef enum { BS_CAL_CRN_RUN, BS_CAL_CRN_GENERATION } bs_calibrate_crn;

/* `calibrate:`: the parameters to fit with their priors, and the ABC-SMC
 * settings (analysis/calibrate.h). */
typedef struct bs_calibrate_params {
  cfg_dist priors[BS_MAX_CALIBRATE];
  size_t priors_n;
  long population;       /* particles per generation */
  long generations;      /* at most this many */
  long replications;     /* per particle in generation 0, and at least */
  long max_replications; /* at most (0: always `replications`) */
  double noise;          /* standard error allowed, x tolerance x half range */
  double quantile;       /* next tolerance: this quantile of the accepted distances */
  double tolerance;      /* the final tolerance (0: none, stop on target_share) */
  double target_share;   /* without a final tolerance: stop when this share fits every target */
  long max_batches;      /* proposal batches per generation at most */
  int distance;          /* bs_calibrate_distance */
  int crn;               /* bs_calibrate_crn */
  bs_calibrate_exclude exclude[BS_MAX_TARGETS];
  size_t exclude_n;
} bs_calibrate_params;

typedef struct bs_params {
  bs_run_params run;
  bs_client_params clients;
  bs_inflow_params inflow;
  bs_gate_params gatekeeping;
  bs_cwi_params cwi;
  bs_exemption_params exemption;
  bs_diag_params diagnosis;
  bs_cm_params case_management;
  bs_wf_params work_first;
  bs_traj_params trajectory;
  bs_act_params activation;
  bs_sanction_params sanctions;
  bs_outflow_params outflow;
  bs_money_params money;
  bs_behaviour_params behaviour;
  bs_provider_behaviour_params provider_behaviour;
  bs_workload_params workload;
  bs_places_params places;
  bs_budget_params budget;
  bs_labour_params labour_market;
  bs_report_params report;
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

/* The behaviour blocks at their neutral setting (the model as before them). */
void bs_behaviour_neutral(bs_behaviour_params *b);
/* Loads and validates a scenario file (with extends). Returns 0 or -1 with a
 * message naming file, line and key in err. */
int bs_params_load(const char *path, bs_params *p, char *err, size_t errlen);
/* The files a scenario was read from: the one asked for first, then its
 * extends chain (malloc'd; bs_files_free). */
typedef struct bs_files {
  char **path;
  size_t n;
} bs_files;
void bs_files_free(bs_files *f);
/* Takes a loaded doc's list of the files read into *files (the doc keeps
 * none). */
struct cfg_doc;
void bs_files_take(bs_files *files, struct cfg_doc *doc);
/* bs_params_load with a search path for `extends:` (cfg_load_search: the
 * extending file's folder first, then search[0..nsearch)); files, when not
 * NULL, gets the files read. A scenario that does not set run.name itself
 * (it inherits its base's) is named after its file (its name without the
 * extension); bs_params_load does the same. */
int bs_params_load_search(const char *path, const char *const *search, size_t nsearch, bs_params *p,
                          bs_files *files, char *err, size_t errlen);
/* Binds `root`, a mapping inside a loaded doc (e.g. the parameters recorded
 * in a run.json), as a whole scenario: defaults, then the keys, then the
 * checks across keys. Messages point into the doc's files. */
struct cfg_doc;
struct cfg_node;
int bs_params_bind_node(const struct cfg_doc *doc, const struct cfg_node *root, bs_params *p,
                        char *err, size_t errlen);
/* Same, from a memory buffer of len bytes; `name` stands for the file in
 * messages and `extends` is resolved relative to the current directory
 * (used by the fuzzer, tests/fuzz/fuzz_scenario.c). */
int bs_params_load_string(const char *name, const char *text, size_t len, bs_params *p, char *err,
                          size_t errlen);
/* The scenario schema (the table binding follows) and its neutral defaults
 * (every instrument off: what a key that no file sets holds). */
struct cfg_field;
const struct cfg_field *bs_params_schema(size_t *n);
void bs_params_defaults(bs_params *p);
/* What the key at a dotted path is (or is not) the setting for, or NULL
 * (docs/parameters.md); bs_params_lever_at walks the notes (NULL past the
 * end). */
const char *bs_params_lever(const char *path);
const char *bs_params_lever_at(size_t i, const char **lever);
/* Resolved parameters as JSON (snprintf semantics). */
long bs_params_json(const bs_params *p, char *buf, size_t len);
/* The schema's description of a parameter by dotted path
 * ("trajectory.lock_in"), or NULL when the path names none. */
const char *bs_params_help(const char *path);
/* The report: settings a scenario gets when it sets none. */
void bs_report_defaults(bs_report_params *r);
/* Sets one parameter by dotted path (e.g. "trajectory.lock_in") from text,
 * with the same validation as the file (used by sweeps). A message names
 * the key but no file position (the caller names the option it came from). */
int bs_params_set(bs_params *p, const char *path, const char *value, char *err, size_t errlen);

#endif
