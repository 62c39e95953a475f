/* params.c: the scenario schema. One table row per YAML key: where it goes
 * in bs_params, its type and bounds. Validation and error messages are the
 * generic loader's (sim/config.c). */
#include "models/params.h"

#include "models/date.h"
#include "sim/config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* min > max means "no bounds" for the generic loader */
#define FU(st, k, t, field, req, mn, mx, u, h_)                                                    \
  {                                                                                                \
    .key = k, .type = t, .offset = offsetof(st, field), .required = req, .min = mn, .max = mx,     \
    .help = h_, .unit = u                                                                          \
  }
#define F(st, k, t, field, req, mn, mx, h_) FU(st, k, t, field, req, mn, mx, NULL, h_)
/* Every duration is at most a century and every interval at least a day:
 * with the horizon that bounds how many events a delay or an interval can
 * give (docs/reliability.md: a run's event count is finite and estimable). */
#define BS_MAX_DAYS 36525.0
#define PROB(st, k, field, h_) F(st, k, CFG_T_PROB, field, 0, 1, 0, h_)
#define DUR(st, k, field, h_) F(st, k, CFG_T_DURATION, field, 0, 0, BS_MAX_DAYS, h_)
/* an interval of a repeated event, 0: the event is off */
#define INTERVAL(st, k, field, h_)                                                                 \
  {                                                                                                \
    .key = k, .type = CFG_T_DURATION, .offset = offsetof(st, field), .min = 1, .max = BS_MAX_DAYS, \
    .flags = CFG_F_ZERO_OFF, .help = h_                                                            \
  }
#define REAL(st, k, field, mn, mx, h_) F(st, k, CFG_T_REAL, field, 0, mn, mx, h_)
#define RATE(st, k, field, h_) FU(st, k, CFG_T_REAL, field, 0, 0, 1e9, "per year", h_)
#define MONEY(st, k, field, h_) FU(st, k, CFG_T_REAL, field, 0, 0, 1e12, "EUR", h_)
#define BOOL(st, k, field, h_) F(st, k, CFG_T_BOOL, field, 0, 1, 0, h_)
#define ENUM(st, k, field, nm, h_)                                                                 \
  { .key = k, .type = CFG_T_ENUM, .offset = offsetof(st, field), .names = nm, .help = h_ }
#define SHARES(st, k, field, nm, h_)                                                               \
  { .key = k, .type = CFG_T_SHARES, .offset = offsetof(st, field), .names = nm, .help = h_ }
#define SECTION(st, k, field, subtab, h_)                                                          \
  {                                                                                                \
    .key = k, .type = CFG_T_SECTION, .offset = offsetof(st, field), .sub = subtab,                 \
    .nsub = sizeof(subtab) / sizeof(subtab[0]), .help = h_                                         \
  }
#define DELAY(st, k, field, h_) SECTION(st, k, field, delay_schema, h_)
/* a char array field */
#define STR(st, k, field, req, h_)                                                                 \
  {                                                                                                \
    .key = k, .type = CFG_T_STRING, .offset = offsetof(st, field), .required = req,                \
    .elem_size = sizeof(((st *)0)->field), .help = h_                                              \
  }
/* a sequence of mappings into an array field with its count field */
#define TABLE(st, k, field, count, subtab, elem, maxn, h_)                                         \
  {                                                                                                \
    .key = k, .type = CFG_T_TABLE, .offset = offsetof(st, field), .sub = subtab,                   \
    .nsub = sizeof(subtab) / sizeof(subtab[0]), .elem_size = sizeof(elem), .max_elems = maxn,      \
    .count_offset = offsetof(st, count), .help = h_                                                \
  }

/* [day, factor] pairs into a double[BS_MAX_CURVE][2] with its count */
#define CURVE(st, k, field, count, h_)                                                             \
  {                                                                                                \
    .key = k, .type = CFG_T_CURVE, .offset = offsetof(st, field), .min = 0, .max = 100,            \
    .max_elems = BS_MAX_CURVE, .count_offset = offsetof(st, count), .help = h_                     \
  }

static const cfg_field delay_schema[] = {
    DUR(bs_delay, "mean_days", mean_days, "mean delay in days"),
    /* GSL's inverse gamma CDF (signal delays) gives NaN for a cv of 2.56
     * and more, and now and then for 0.05 and less (docs/reliability.md) */
    {.key = "cv",
     .type = CFG_T_REAL,
     .offset = offsetof(bs_delay, cv),
     .min = 0.1,
     .max = 2.5,
     .flags = CFG_F_ZERO_OFF,
     .help = "coefficient of variation (0 = fixed delay)"},
};

static const char *const age_names[] = {"young", "mid", "older", "senior", NULL};
static const char *const hh_names[] = {"single", "couple", "single_parent", NULL};
const char *const *const bs_age_band_names = age_names;
const char *const *const bs_household_names = hh_names;
static const char *const cm_names[] = {"integral", "separate", NULL};
static const char *const order_names[] = {"fifo", "creaming", "furthest_first", NULL};
static const char *const intake_names[] = {"cwi", "municipality", NULL};
static const char *const lang_names[] = {"en", "nl", NULL};

#define S bs_run_params
static const cfg_field run_schema[] = {
    {.key = "name",
     .type = CFG_T_STRING,
     .offset = offsetof(S, name),
     .required = 1,
     .elem_size = sizeof(((S *)0)->name),
     .flags = CFG_F_NAME,
     .help = "scenario name (and of its default output directory)"},
    F(S, "horizon_days", CFG_T_DURATION, horizon_days, 1, 1, BS_MAX_DAYS, "simulated days"),
    DUR(S, "cohort_start_day", cohort_start_day, "first day of the cohort window"),
    DUR(S, "cohort_length_days", cohort_length_days, "length of the cohort window"),
    INTERVAL(S, "stock_report_interval_days", stock_report_interval_days,
             "interval of the stock time series"),
    DUR(S, "warmup_days", warmup_days,
        "days simulated before day 0 (a burn-in the results leave out)"),
    STR(S, "start_date", start_date, 0,
        "calendar date of day 0 (YYYY-MM-DD): the trace shows dates from it"),
    ENUM(S, "lang", lang, lang_names,
         "language of the report and the trace: en or nl (--lang overrides it)"),
};
#undef S
#define S bs_client_params
static const cfg_field client_schema[] = {
    SHARES(S, "age_shares", age_shares, age_names, "age bands <23, 23-57.5, 57.5-65, 65+"),
    SHARES(S, "household_shares", household_shares, hh_names, "household types"),
    REAL(S, "distance_mean", distance_mean, -10, 10, "latent distance, mean"),
    REAL(S, "distance_sd", distance_sd, 0, 10, "latent distance, sd"),
    REAL(S, "far_threshold", far_threshold, -10, 10, "distance above which a client is far"),
    PROB(S, "p_medical_or_psy_far", p_medical_or_psy_far, "far: medical or psychosocial"),
    PROB(S, "p_both_far", p_both_far, "far: both problems"),
    PROB(S, "p_problem_near", p_problem_near, "near: a problem"),
    PROB(S, "p_debts", p_debts, "debts"),
    PROB(S, "p_language", p_language, "language problem"),
    REAL(S, "compliance_alpha", compliance_alpha, 0.01, 1000, "compliance ~ Beta(a, b)"),
    REAL(S, "compliance_beta", compliance_beta, 0.01, 1000, "compliance ~ Beta(a, b)"),
    REAL(S, "fraud_propensity_mean", fraud_propensity_mean, 0, 100, "fraud propensity mean"),
    PROB(S, "p_individual_exemption_far", p_individual_exemption_far,
         "far clients: individual (medical) exemption"),
};
#undef S
#define S bs_inflow_params
static const cfg_field inflow_schema[] = {
    FU(S, "applications_per_year", CFG_T_REAL, applications_per_year, 1, 0, 1e8, "per year",
       "Poisson rate of applications"),
    CURVE(S, "climate", climate, climate_n,
          "labour-market climate: [day, factor] pairs, piecewise constant"),
    F(S, "initial_stock", CFG_T_INT, initial_stock, 0, 0, 5e7, "clients on benefit at day 0"),
    PROB(S, "initial_stock_far_share", initial_stock_far_share, "stock share far from market"),
    DUR(S, "initial_stock_mean_duration_days", initial_stock_mean_duration_days,
        "mean time the stock has been on benefit at day 0"),
    PROB(S, "p_reinflow", p_reinflow, "share of leavers who come back"),
    CURVE(S, "curve", curve, curve_n,
          "factor on applications: [day, factor] pairs, piecewise constant"),
    DELAY(S, "reinflow_delay", reinflow_delay, "time until a leaver comes back"),
};
#undef S
#define S bs_gate_params
static const cfg_field gate_schema[] = {
    ENUM(S, "claim_intake", claim_intake, intake_names, "who does the claim intake"),
    DELAY(S, "claim_intake_delay", claim_intake_delay, "application -> claim intake"),
    DELAY(S, "work_intake_delay", work_intake_delay, "claim intake -> work intake"),
    DELAY(S, "decision_delay", decision_delay, "work intake -> eligibility decision"),
    PROB(S, "municipal_intake_extra_withdrawal", municipal_intake_extra_withdrawal,
         "extra withdrawal when the municipality does the claim intake"),
    PROB(S, "p_ineligible", p_ineligible, "application denied: no right to benefit"),
    BOOL(S, "discouragement", discouragement, "discourage applicants"),
    PROB(S, "p_discouraged", p_discouraged, "share withdrawing when discouraged"),
    BOOL(S, "home_visits", home_visits, "home visit at application"),
    PROB(S, "p_home_visit_denied", p_home_visit_denied, "share withdrawn/denied after visit"),
    MONEY(S, "home_visit_cost", home_visit_cost, "EUR per home visit"),
    MONEY(S, "intake_cost", intake_cost, "EUR per intake"),
    BOOL(S, "direct_mediation", direct_mediation, "promising applicants to temp agencies"),
    PROB(S, "p_direct_mediation", p_direct_mediation, "share of near applicants placed"),
    BOOL(S, "work_first_gate", work_first_gate, "told at the gate they must work"),
    PROB(S, "p_work_first_withdraw", p_work_first_withdraw, "share withdrawing"),
};
#undef S
#define S bs_cwi_params
static const cfg_field cwi_schema[] = {
    REAL(S, "cut_12", cut_12, -10, 10, "distance cut between kansmeter phase 1 and 2"),
    REAL(S, "cut_23", cut_23, -10, 10, "distance cut between phase 2 and 3"),
    REAL(S, "cut_34", cut_34, -10, 10, "distance cut between phase 3 and 4"),
    PROB(S, "misclass_rate", misclass_rate, "assigned phase one off"),
    PROB(S, "phase1_bias", phase1_bias, "phase-2 client put in phase 1"),
    DUR(S, "phase1_max_days", phase1_max_days, "CWI mediation of phase 1, then referral"),
    REAL(S, "phase1_job_boost", phase1_job_boost, 0, 100, "job hazard multiplier at CWI"),
    BOOL(S, "kwint", kwint, "qualifying intake (Kwint) exists"),
    PROB(S, "p_kwint", p_kwint, "share needing a Kwint"),
    DELAY(S, "kwint_delay", kwint_delay, "delay added by the Kwint"),
    BOOL(S, "kwint_before_decision", kwint_before_decision,
         "the Kwint delays the benefit decision (else the first re-integration step)"),
};
#undef S
#define S bs_exemption_params
static const cfg_field exemption_schema[] = {
    BOOL(S, "categorical", categorical, "65+, young child, 57.5+ exempt"),
    PROB(S, "p_registration_stale", p_registration_stale,
         "a true exemption not in the administration"),
    PROB(S, "p_stale_registered_exempt", p_stale_registered_exempt,
         "an obligated client registered as exempt"),
    DELAY(S, "catch_up_delay", catch_up_delay,
          "late administrative handling: a stale entry is corrected after this (mean 0: never)"),
    REAL(S, "exit_registration_shift_days", exit_registration_shift_days, -365, 365,
         "the benefit register's end date: mean shift from the true end, days"),
    REAL(S, "exit_registration_sd_days", exit_registration_sd_days, 0, 365,
         "the benefit register's end date: spread around the true end, days"),
    F(S, "de_facto_min_phase", CFG_T_INT, de_facto_min_phase, 0, 1, 4,
      "de facto exemptions from this kansmeter phase on"),
    PROB(S, "p_de_facto", p_de_facto,
         "an obligated client (from de_facto_min_phase) is de facto exempt: never activated"),
    INTERVAL(S, "reassessment_interval_days", reassessment_interval_days,
             "individual and de facto exemptions called in again every this many days (0: never)"),
    PROB(S, "p_reassessment_lifts", p_reassessment_lifts,
         "a re-assessment ends an individual exemption"),
};
#undef S
#define S bs_diag_params
static const cfg_field diag_schema[] = {
    DELAY(S, "delay", delay, "referral to the municipality (after a Kwint) -> diagnosis done"),
    REAL(S, "per_day", per_day, 0, 1e6, "diagnoses that can start a day (0: unlimited)"),
    REAL(S, "error_sd", error_sd, 0, 10, "error (sd) of the distance the diagnosis assesses"),
    BOOL(S, "independent", independent, "an independent diagnosis"),
    REAL(S, "independent_error_sd", independent_error_sd, 0, 10,
         "error (sd) of an independent diagnosis"),
};
#undef S
#define S bs_cm_params
static const cfg_field cm_schema[] = {
    ENUM(S, "model", model, cm_names, "integral or separate case management"),
    FU(S, "consultants_fte", CFG_T_REAL, consultants_fte, 0, 0, 1e6, "FTE",
       "re-integration consultants (FTE)"),
    REAL(S, "caseload_norm", caseload_norm, 1, 1e5, "clients per FTE before service slows"),
    REAL(S, "actions_per_fte_day", actions_per_fte_day, 0, 1000, "diagnoses/offers per FTE-day"),
    PROB(S, "p_slip", p_slip, "integral: an action slips through"),
    DUR(S, "slip_delay_days", slip_delay_days, "delay of a slipped action"),
    REAL(S, "integral_success_boost", integral_success_boost, 0, 10,
         "integral: success multiplier for clients with problems"),
    PROB(S, "p_signal_loss", p_signal_loss, "separate: signal lost between consultants"),
    DELAY(S, "signal_delay", signal_delay, "separate: signal passing delay"),
    REAL(S, "income_caseload", income_caseload, 1, 1e5, "separate: income consultant caseload"),
    MONEY(S, "fte_cost_per_year", fte_cost_per_year, "EUR per FTE per year"),
    BOOL(S, "reorganisation", reorganisation, "a reorganisation of case management"),
    DUR(S, "reorg_day", reorg_day, "day the reorganisation starts"),
    DUR(S, "reorg_duration_days", reorg_duration_days, "how long output is lower"),
    PROB(S, "reorg_output_factor", reorg_output_factor, "capacity multiplier meanwhile"),
};
#undef S
#define S bs_wf_params
static const cfg_field wf_schema[] = {
    BOOL(S, "enabled", enabled, "work-first from eligibility"),
    PROB(S, "p_deterred", p_deterred, "leave when told to work"),
    DELAY(S, "deterrence_delay", deterrence_delay, "when deterred clients leave"),
    DUR(S, "diagnosis_max_days", diagnosis_max_days, "diagnosis within"),
    DUR(S, "placement_max_days", placement_max_days, "work placement at most"),
    DUR(S, "aftercare_days", aftercare_days, "aftercare after regular work"),
    REAL(S, "placement_job_boost", placement_job_boost, 0, 100, "job hazard multiplier"),
    PROB(S, "p_followup_subsidised", p_followup_subsidised, "follow-up: subsidised job"),
    MONEY(S, "cost_per_day", cost_per_day, "EUR per client-day in work-first"),
    BOOL(S, "counts_as_offer", counts_as_offer, "a placement counts as an offer (A, C)"),
    PROB(S, "p_registered", p_registered, "a placement as offer reaches the monitor"),
};
#undef S
#define S bs_provider
static const cfg_field provider_schema[] = {
    STR(S, "name", name, 1, "provider name"),
    F(S, "quality", CFG_T_REAL, quality, 1, 0, 10, "success multiplier"),
    FU(S, "price", CFG_T_REAL, price, 1, 0, 1e7, "EUR", "EUR per trajectory"),
    F(S, "target_phase", CFG_T_INT, target_phase, 0, 0, 4, "specialises in this phase (0: all)"),
};
#undef S
#define S bs_traj_params
static const cfg_field traj_schema[] = {
    BOOL(S, "enabled", enabled, "trajectories are bought"),
    TABLE(S, "providers", providers, providers_n, provider_schema, bs_provider, BS_MAX_PROVIDERS,
          "re-integration providers"),
    PROB(S, "effort_share", effort_share, "no cure less pay: share paid for effort"),
    PROB(S, "subsidised_share", subsidised_share, "share paid for subsidised work"),
    PROB(S, "regular_share", regular_share, "share paid for a regular job"),
    DUR(S, "sluitend_deadline_days", sluitend_deadline_days, "offer within (sluitende aanpak)"),
    DUR(S, "sluitend_lead_days", sluitend_lead_days, "prioritise offers this close to it"),
    DUR(S, "offer_after_days", offer_after_days, "earliest spell day for an offer"),
    ENUM(S, "offer_order", offer_order, order_names, "fifo, creaming or furthest_first"),
    RATE(S, "contracted_per_year", contracted_per_year, "AvdT target: trajectories per year"),
    RATE(S, "offer_cap_per_year", offer_cap_per_year, "ceiling on offers per year (0: none)"),
    MONEY(S, "avdt_subsidy_per_trajectory", avdt_subsidy_per_trajectory,
          "AvdT subsidy per realised trajectory up to the target"),
    DELAY(S, "duration", duration, "trajectory length"),
    REAL(S, "lock_in", lock_in, 0, 10, "job hazard multiplier during a trajectory"),
    PROB(S, "p_success_base", p_success_base, "regular job at the end, distance 0"),
    REAL(S, "success_distance_slope", success_distance_slope, -20, 20, "logit slope"),
    PROB(S, "p_subsidised", p_subsidised, "subsidised work at the end"),
    PROB(S, "p_funded_employment", p_funded_employment, "of subsidised: funded employment"),
    PROB(S, "p_offer_exempt", p_offer_exempt, "voluntary offer to exempt clients"),
    PROB(S, "p_reoffer", p_reoffer, "another offer after a failed trajectory"),
    INTERVAL(S, "report_interval_days", report_interval_days, "provider progress reports"),
    PROB(S, "p_registered", p_registered, "registration completeness"),
    DELAY(S, "registration_delay", registration_delay, "registration delay"),
    DUR(S, "reporting_lag_days", reporting_lag_days, "late registrations are lost after"),
    MONEY(S, "opstap_subsidy", opstap_subsidy, "one-off for a subsidised job"),
    PROB(S, "p_no_show", p_no_show, "no-show per report"),
    INTERVAL(S, "evaluation_interval_days", evaluation_interval_days,
             "provider evaluation (0: none)"),
    PROB(S, "drop_below_success", drop_below_success, "drop providers below this success"),
};
#undef S
#define S bs_act_params
static const cfg_field act_schema[] = {
    BOOL(S, "enabled", enabled, "social activation"),
    REAL(S, "min_distance", min_distance, -10, 10, "offered from this distance"),
    F(S, "step_days", CFG_T_DURATION, step_days, 0, 0.01, BS_MAX_DAYS, "days between reviews"),
    REAL(S, "temporise_factor", temporise_factor, 1, 100, "slows steps down"),
    PROB(S, "p_progress", p_progress, "per step: one rung up"),
    PROB(S, "p_relapse", p_relapse, "per step: one rung down"),
    PROB(S, "p_stop", p_stop, "per step: stops"),
    PROB(S, "p_work_per_step", p_work_per_step, "per step: outflow to work"),
    F(S, "volunteer_rung", CFG_T_INT, volunteer_rung, 0, 1, 6, "structural volunteer work"),
    F(S, "max_steps", CFG_T_INT, max_steps, 0, 1, 250, "steps at most"),
    F(S, "refer_rung", CFG_T_INT, refer_rung, 0, 1, 7, "referred to a work trajectory"),
    BOOL(S, "counts_as_offer", counts_as_offer, "an activation start counts as an offer (A, C)"),
    PROB(S, "p_registered", p_registered, "an activation offer reaches the monitor"),
    REAL(S, "job_mult", job_mult, 0, 10, "multiplier on the job hazard during activation"),
    F(S, "volunteer_min_reviews", CFG_T_INT, volunteer_min_reviews, 0, 0, 1000,
      "reviews at the volunteer rung that make it structural"),
};
#undef S
#define S bs_sanction_params
static const cfg_field sanction_schema[] = {
    FU(S, "violations_per_year", CFG_T_REAL, violations_per_year, 0, 0, 365, "per year",
       "at compliance 0 (at most one a day)"),
    PROB(S, "share_reintegration", share_reintegration, "re-integration duty"),
    PROB(S, "share_administrative", share_administrative, "administrative duty"),
    PROB(S, "p_fraud_damage", p_fraud_damage, "information violation with damage"),
    PROB(S, "p_fraud_stop", p_fraud_stop, "with damage: benefit stopped"),
    PROB(S, "p_detect_file_match", p_detect_file_match, "monthly file matching"),
    PROB(S, "p_detect_risk_profile", p_detect_risk_profile, "risk profiles"),
    PROB(S, "p_detect_signal", p_detect_signal, "signals"),
    PROB(S, "p_detect_provider", p_detect_provider, "provider reports"),
    /* the law's ranges (003 box 2.4): care 0-20%, aimed at paid work 80-100% */
    REAL(S, "maatregel_care_pct", maatregel_care_pct, 0, 0.2,
         "care trajectory: share of benefit, 0-20%"),
    REAL(S, "maatregel_paid_work_pct", maatregel_paid_work_pct, 0.8, 1,
         "paid-work trajectory: share of benefit, 80-100%"),
    PROB(S, "maatregel_no_traj_pct", maatregel_no_traj_pct, "no trajectory"),
    F(S, "maatregel_days", CFG_T_DURATION, maatregel_days, 0, 0, 31, "duration, <= 1 month"),
    DUR(S, "repair_days", repair_days, "administrative: repair period"),
    PROB(S, "p_repaired", p_repaired, "repaired in time"),
    MONEY(S, "damage_mean", damage_mean, "EUR damage"),
    REAL(S, "recovery_interest", recovery_interest, 0, 10, "share on top"),
    MONEY(S, "recovery_admin_cost", recovery_admin_cost, "EUR admin cost"),
    PROB(S, "compliance_gain_after_sanction", compliance_gain_after_sanction,
         "share of non-compliance removed by a sanction"),
    BOOL(S, "hoogwaardig_handhaven", hoogwaardig_handhaven, "high-quality enforcement"),
    REAL(S, "hh_compliance_effect", hh_compliance_effect, 0, 10, "violation rate multiplier"),
    REAL(S, "hh_detection_boost", hh_detection_boost, 0, 10, "detection multiplier"),
};
#undef S
#define S bs_outflow_params
static const cfg_field outflow_schema[] = {
    RATE(S, "job_rate_per_year", job_rate_per_year, "regular work hazard at distance 0"),
    REAL(S, "job_distance_slope", job_distance_slope, -20, 20, "log hazard per distance unit"),
    REAL(S, "exempt_job_factor", exempt_job_factor, 0, 10, "multiplier for exempt clients"),
    RATE(S, "other_income_per_year", other_income_per_year, "partner, other benefit"),
    RATE(S, "moving_per_year", moving_per_year, "moving away"),
    RATE(S, "withdrawal_per_year", withdrawal_per_year, "withdrawal"),
    REAL(S, "duration_dependence", duration_dependence, 0, 10, "multiplier after one year"),
};
#undef S
/* benefit_month is a double[BS_HH_N]: a section whose keys sit at index offsets */
static const cfg_field benefit_schema[] = {
    {.key = "single",
     .type = CFG_T_REAL,
     .offset = BS_HH_SINGLE * sizeof(double),
     .min = 0,
     .max = 1e6,
     .help = "EUR per month, single"},
    {.key = "couple",
     .type = CFG_T_REAL,
     .offset = BS_HH_COUPLE * sizeof(double),
     .min = 0,
     .max = 1e6,
     .help = "EUR per month, couple"},
    {.key = "single_parent",
     .type = CFG_T_REAL,
     .offset = BS_HH_SINGLE_PARENT * sizeof(double),
     .min = 0,
     .max = 1e6,
     .help = "EUR per month, single parent"},
};
#define S bs_money_params
static const cfg_field money_schema[] = {
    SECTION(S, "benefit_month", benefit_month, benefit_schema, "benefit by household"),
    MONEY(S, "activation_cost_per_step", activation_cost_per_step, "EUR per activation step"),
};
#undef S
/* ------------------------------------------- clients respond to policy */
#define S bs_threat_params
static const cfg_field threat_schema[] = {
    REAL(S, "work_first_mult", work_first_mult, 0, 10, "job search: work-first's checked search"),
    REAL(S, "trajectory_mult", trajectory_mult, 0, 10, "job search: under a trajectory plan"),
    REAL(S, "cwi_check_mult", cwi_check_mult, 0, 10, "job search: CWI checks phase 1"),
    BOOL(S, "cwi_search_duty", cwi_search_duty, "phase 1 has a job-search duty at CWI"),
    REAL(S, "hh_mult", hh_mult, 0, 10, "job search: hoogwaardig handhaven"),
};
#undef S
#define S bs_sanction_effect_params
static const cfg_field sanction_effect_schema[] = {
    REAL(S, "job_mult", job_mult, 0, 10, "job hazard multiplier after a maatregel"),
    DUR(S, "days", days, "days the raised hazard lasts"),
    BOOL(S, "escalate", escalate, "escalating maatregel for repeat violations"),
    REAL(S, "escalation_factor", escalation_factor, 1, 10, "share multiplier per earlier one"),
};
#undef S
#define S bs_deterrence_params
static const cfg_field deterrence_schema[] = {
    BOOL(S, "exempt_never_deterred", exempt_never_deterred, "no deterrence of the exempt"),
    REAL(S, "near_slope", near_slope, 0, 5, "deterrence by nearness to the market"),
    REAL(S, "fraud_slope", fraud_slope, 0, 0.95, "deterrence by fraud propensity"),
    REAL(S, "home_visit_fraud_slope", home_visit_fraud_slope, 0, 0.95,
         "home-visit denial by fraud propensity"),
    REAL(S, "risk_profile_fraud_slope", risk_profile_fraud_slope, 0, 0.95,
         "risk-profile detection by fraud propensity"),
    REAL(S, "fraud_damage_slope", fraud_damage_slope, 0, 0.95, "fraud damage by fraud propensity"),
};
#undef S
#define S bs_enforcement_params
static const cfg_field enforcement_schema[] = {
    BOOL(S, "counterfactual_violations", counterfactual_violations,
         "no enforcement: violations and fraud go on undetected"),
    MONEY(S, "damage_per_month", damage_per_month, "EUR fraud damage a month undetected"),
    PROB(S, "collection_rate", collection_rate, "share of a recovery claim collected"),
    PROB(S, "no_show_compliance", no_show_compliance, "weight of compliance in no-shows"),
};
#undef S
#define S bs_after_effect_params
static const cfg_field after_effect_schema[] = {
    REAL(S, "trajectory_near", trajectory_near, 0, 10, "after a trajectory, near clients"),
    REAL(S, "trajectory_far", trajectory_far, 0, 10, "after a trajectory, far clients"),
    REAL(S, "work_first_near", work_first_near, 0, 10, "after work-first, near clients"),
    REAL(S, "work_first_far", work_first_far, 0, 10, "after work-first, far clients"),
    REAL(S, "activation_distance_per_rung", activation_distance_per_rung, 0, 5,
         "distance change per ladder rung"),
};
#undef S
#define S bs_job_params
static const cfg_field job_schema[] = {
    BOOL(S, "enabled", enabled, "an exit to work starts a job spell"),
    REAL(S, "hours_min", hours_min, 0, 80, "hours a week, lowest"),
    REAL(S, "hours_max", hours_max, 0, 80, "hours a week, highest"),
    DELAY(S, "duration", duration, "job length at distance 0"),
    REAL(S, "duration_distance_slope", duration_distance_slope, -5, 5,
         "log job length per distance unit"),
    PROB(S, "p_return", p_return, "a job ends: applies again"),
    REAL(S, "return_duration_slope", return_duration_slope, 0, 10,
         "log return chance per year of the job"),
    DELAY(S, "return_delay", return_delay, "job end -> new application"),
    DUR(S, "regular_min_days", regular_min_days, "trajectory 100% class: job days at least"),
    REAL(S, "regular_min_hours", regular_min_hours, 0, 80, "trajectory 100% class: hours at least"),
};
#undef S
/* route_factor is a double[BS_ROUTE_N]: one key per exit route */
static const cfg_field route_factor_schema[] = {
#define X(e, name, ...)                                                                            \
  {.key = name,                                                                                    \
   .type = CFG_T_REAL,                                                                             \
   .offset = BS_ROUTE_##e * sizeof(double),                                                        \
   .min = 0,                                                                                       \
   .max = 100,                                                                                     \
   .help = "p_reinflow multiplier after this exit route"},
    BS_ROUTE_LIST(X)
#undef X
};
#define S bs_reinflow_params
static const cfg_field reinflow_schema[] = {
    SECTION(S, "route_factor", route_factor, route_factor_schema, "by exit route"),
    PROB(S, "p_offer_returner", p_offer_returner, "a returner is considered for an offer"),
};
#undef S
#define S bs_behaviour_params
static const cfg_field behaviour_schema[] = {
    SECTION(S, "threat", threat, threat_schema, "threat effect of monitoring"),
    SECTION(S, "sanction_effect", sanction_effect, sanction_effect_schema,
            "effect of a maatregel once imposed"),
    SECTION(S, "deterrence", deterrence, deterrence_schema, "selective deterrence"),
    SECTION(S, "enforcement", enforcement, enforcement_schema, "enforcement counterfactual"),
    SECTION(S, "after_effect", after_effect, after_effect_schema, "after a programme"),
    SECTION(S, "jobs", jobs, job_schema, "job spells after an exit to work"),
    SECTION(S, "reinflow", reinflow, reinflow_schema, "re-inflow by exit route"),
};
#undef S
static const char *const staffing_names[] = {"budget", "norms", NULL};
static const char *const cut_names[] = {"none",       "activation",        "trajectory",
                                        "work_first", "funded_employment", NULL};
#define S bs_provider_behaviour_params
static const cfg_field provider_behaviour_schema[] = {
    BOOL(S, "enabled", enabled, "providers choose effort per client"),
    PROB(S, "cost_share", cost_share, "cost of full effort, share of the price"),
    PROB(S, "parked_success_factor", parked_success_factor, "chance multiplier when parked"),
    REAL(S, "estimate_sd", estimate_sd, 0, 10, "sd of the provider's estimate (logit)"),
    PROB(S, "p_report_shows_parking", p_report_shows_parking, "a report shows a parked client"),
    PROB(S, "intake_stop_share", intake_stop_share, "parked share for an intake stop (0: never)"),
    PROB(S, "drop_parked_share", drop_parked_share, "parked share for a drop (0: never)"),
    INTERVAL(S, "contract_days", contract_days, "contract length, then re-tendering (0: never)"),
    F(S, "min_reports", CFG_T_INT, min_reports, 0, 1, 100000, "reports before judging"),
};
#undef S
static const cfg_field task_hours_schema[] = {
#define X(e, name, role)                                                                           \
  {.key = name,                                                                                    \
   .type = CFG_T_REAL,                                                                             \
   .offset = BS_TASK_##e * sizeof(double),                                                         \
   .min = 0,                                                                                       \
   .max = 1000,                                                                                    \
   .help = "hours per " name},
    BS_TASK_LIST(X)
#undef X
};
#define S bs_workload_params
static const cfg_field workload_schema[] = {
    BOOL(S, "enabled", enabled, "case-management capacity in hours per task"),
    ENUM(S, "staffing", staffing, staffing_names, "budget (consultants_fte) or norms"),
    REAL(S, "norm_integral", norm_integral, 1, 1e5, "clients per klantmanager"),
    REAL(S, "norm_separate", norm_separate, 1, 1e5, "clients per consultant of each role"),
    PROB(S, "income_fte_share", income_fte_share, "separate: share of income consultants"),
    REAL(S, "hours_per_fte_year", hours_per_fte_year, 0, 8760, "productive hours per FTE"),
    SECTION(S, "task_hours", task_hours, task_hours_schema, "hours per task"),
    INTERVAL(S, "reexam_interval_days", reexam_interval_days, "periodic re-examination (0: none)"),
    INTERVAL(S, "contact_interval_days", contact_interval_days, "contact moments (0: none)"),
    REAL(S, "reorg_eligibility_factor", reorg_eligibility_factor, 0, 10,
         "reorganisation: eligibility task times multiplied"),
};
#undef S
#define S bs_places_params
static const cfg_field places_schema[] = {
    BOOL(S, "enabled", enabled, "limited places with queues"),
    F(S, "work_first_places", CFG_T_INT, work_first_places, 0, 0, 1e7, "concurrent (0: any)"),
    F(S, "idwiw_places", CFG_T_INT, idwiw_places, 0, 0, 1e7, "ID/WIW places free at day 0"),
    F(S, "opstap_places", CFG_T_INT, opstap_places, 0, 0, 1e7, "concurrent opstapbanen"),
    DUR(S, "opstap_days", opstap_days, "opstapbaan contract"),
    MONEY(S, "opstap_wage_subsidy_month", opstap_wage_subsidy_month, "first month's subsidy"),
    F(S, "funded_places", CFG_T_INT, funded_places, 0, 0, 1e7, "concurrent funded jobs"),
    DUR(S, "funded_days", funded_days, "a funded job's length"),
    RATE(S, "covenant_places_per_year", covenant_places_per_year, "employer placements"),
    F(S, "covenant_max_phase", CFG_T_INT, covenant_max_phase, 0, 1, 4, "clients up to phase"),
};
#undef S
#define S bs_budget_params
static const cfg_field budget_schema[] = {
    BOOL(S, "enabled", enabled, "inkomensdeel and werkdeel budgets"),
    MONEY(S, "inkomensdeel_per_year", inkomensdeel_per_year, "income budget allocation"),
    MONEY(S, "werkdeel_per_year", werkdeel_per_year, "work budget ceiling (0: none)"),
    ENUM(S, "first_to_go", first_to_go, cut_names, "instrument cut first"),
    PROB(S, "first_cut_share", first_cut_share, "it stops at this share of the ceiling"),
};
#undef S
#define S bs_labour_params
static const cfg_field labour_schema[] = {
    REAL(S, "inflow_elasticity", inflow_elasticity, -10, 10, "applications x climate^-e"),
    REAL(S, "mediation_elasticity", mediation_elasticity, -10, 10, "mediation x climate^e"),
    REAL(S, "trajectory_elasticity", trajectory_elasticity, -10, 10, "success x climate^e"),
};
#undef S
#define S bs_report_params
static const cfg_field report_schema[] = {
    REAL(S, "min_relevant_share", min_relevant_share, 0, 1,
         "smallest difference of a share that matters (0.01 = 1 percentage point)"),
    REAL(S, "min_relevant_days", min_relevant_days, 0, BS_MAX_DAYS,
         "smallest difference of a duration that matters (days)"),
    MONEY(S, "min_relevant_eur", min_relevant_eur,
          "smallest difference of money that matters (EUR)"),
    REAL(S, "min_relevant_relative", min_relevant_relative, 0, 10,
         "smallest difference of a count that matters, as a share of the larger mean"),
    F(S, "key_findings", CFG_T_INT, key_findings, 0, 1, 50,
      "largest differences the key findings list per variant"),
    F(S, "survival_min_at_risk", CFG_T_INT, survival_min_at_risk, 0, 1, 1e9,
      "survival curves stop where fewer spells are at risk (all replications)"),
};
#undef S
#define S bs_target
static const cfg_field target_schema[] = {
    STR(S, "indicator", indicator, 1, "indicator name (docs/indicators.md)"),
    F(S, "observed", CFG_T_REAL, observed, 1, 1, 0, "the observed value"),
    F(S, "low", CFG_T_REAL, low, 1, 1, 0, "lower end of the range judged against"),
    F(S, "high", CFG_T_REAL, high, 1, 1, 0, "upper end of the range judged against"),
    STR(S, "source", source, 0, "where the figure comes from"),
};
#undef S
#define S bs_calibrate_exclude
static const cfg_field calibrate_exclude_schema[] = {
    STR(S, "indicator", indicator, 1, "one of the scenario's targets"),
    STR(S, "reason", reason, 1, "why it is not fitted"),
};
#undef S
static const char *const cal_distance_names[] = {"range", "rms", NULL};
static const char *const cal_crn_names[] = {"run", "generation", NULL};
#define S bs_calibrate_params
static const cfg_field calibrate_schema[] = {
    {.key = "parameters",
     .type = CFG_T_DISTS,
     .offset = offsetof(S, priors),
     .elem_size = sizeof(cfg_dist),
     .max_elems = BS_MAX_CALIBRATE,
     .count_offset = offsetof(S, priors_n),
     .help = "parameters to fit, each with its prior"},
    F(S, "population", CFG_T_INT, population, 0, 10, 100000, "particles per generation"),
    F(S, "generations", CFG_T_INT, generations, 0, 1, 100, "generations at most"),
    F(S, "replications", CFG_T_INT, replications, 0, 1, 1000,
      "replications per particle in generation 0, and at least"),
    F(S, "max_replications", CFG_T_INT, max_replications, 0, 0, 10000,
      "replications per particle at most (0: always 'replications')"),
    REAL(S, "noise", noise, 0.01, 10,
         "Monte Carlo standard error allowed, x the tolerance x the half range"),
    F(S, "quantile", CFG_T_REAL, quantile, 0, 0.05, 0.95, "next tolerance: quantile of distances"),
    REAL(S, "tolerance", tolerance, 0, 1e6,
         "final tolerance (range distance: 1 = every target in its range; 0: none)"),
    PROB(S, "target_share", target_share,
         "without a final tolerance: stop when this share of particles fits every target"),
    F(S, "max_batches", CFG_T_INT, max_batches, 0, 1, 1000, "proposal batches per generation"),
    ENUM(S, "distance", distance, cal_distance_names,
         "range (the worst target, 1 = at its range's edge) or rms"),
    ENUM(S, "common_random_numbers", crn, cal_crn_names,
         "run (every generation simulates the same persons) or generation (new ones each)"),
    TABLE(S, "exclude", exclude, exclude_n, calibrate_exclude_schema, bs_calibrate_exclude,
          BS_MAX_TARGETS, "targets reported but not fitted, each with its reason"),
};
#undef S
#define S bs_params
static const cfg_field top_schema[] = {
    SECTION(S, "run", run, run_schema, "run length and cohort window"),
    SECTION(S, "clients", clients, client_schema, "client traits"),
    SECTION(S, "inflow", inflow, inflow_schema, "applications and re-inflow"),
    SECTION(S, "gatekeeping", gatekeeping, gate_schema, "poortwachter instruments"),
    SECTION(S, "cwi", cwi, cwi_schema, "CWI phase assignment (kansmeter), Kwint"),
    SECTION(S, "exemption", exemption, exemption_schema, "exemptions from work obligations"),
    SECTION(S, "diagnosis", diagnosis, diag_schema, "the municipality's diagnosis"),
    SECTION(S, "case_management", case_management, cm_schema, "integral or separate"),
    SECTION(S, "work_first", work_first, wf_schema, "work-first"),
    SECTION(S, "trajectory", trajectory, traj_schema, "re-integration trajectories"),
    SECTION(S, "activation", activation, act_schema, "social activation"),
    SECTION(S, "sanctions", sanctions, sanction_schema, "sanctions and enforcement"),
    SECTION(S, "outflow", outflow, outflow_schema, "outflow hazards"),
    SECTION(S, "money", money, money_schema, "benefit amounts and costs"),
    SECTION(S, "behaviour", behaviour, behaviour_schema, "clients respond to policy"),
    SECTION(S, "provider_behaviour", provider_behaviour, provider_behaviour_schema,
            "providers choose effort under their contract"),
    SECTION(S, "workload", workload, workload_schema, "workload model of case management"),
    SECTION(S, "places", places, places_schema, "limited places with queues"),
    SECTION(S, "budget", budget, budget_schema, "inkomensdeel and werkdeel"),
    SECTION(S, "labour_market", labour_market, labour_schema, "climate beyond the job hazard"),
    SECTION(S, "report", report, report_schema, "how the report reads the results"),
    TABLE(S, "targets", targets, targets_n, target_schema, bs_target, BS_MAX_TARGETS,
          "observed figures to compare the results with (validation)"),
    {.key = "uncertainty",
     .type = CFG_T_DISTS,
     .offset = offsetof(S, uncertainty),
     .elem_size = sizeof(cfg_dist),
     .max_elems = BS_MAX_UNCERTAIN,
     .count_offset = offsetof(S, uncertainty_n),
     .help = "plausible ranges of parameters (bijsim uncertainty, sensitivity)"},
    {.key = "calibrate",
     .type = CFG_T_SECTION,
     .offset = offsetof(S, calibrate),
     .sub = calibrate_schema,
     .nsub = sizeof calibrate_schema / sizeof calibrate_schema[0],
     .no_json = 1,
     .help = "what bijsim calibrate fits, and how"},
};
#undef S
#define NTOP (sizeof(top_schema) / sizeof(top_schema[0]))

void bs_report_defaults(bs_report_params *r) {
  r->min_relevant_share = 0.01;
  r->min_relevant_days = 7;
  r->min_relevant_eur = 100000;
  r->min_relevant_relative = 0.05;
  r->key_findings = 5;
  r->survival_min_at_risk = 20;
}

/* Neutral defaults (instruments off), before the scenario file is bound. */
static void bs_params_default(bs_params *p) {
  memset(p, 0, sizeof *p);
  p->run.horizon_days = 365;
  p->run.cohort_length_days = 182;
  p->run.stock_report_interval_days = 30;
  p->clients.age_shares[BS_AGE_MID] = 1;
  p->clients.household_shares[BS_HH_SINGLE] = 1;
  p->clients.distance_sd = 1;
  p->clients.far_threshold = 1e9;
  p->clients.compliance_alpha = 1;
  p->clients.compliance_beta = 1;
  p->inflow.climate[0][0] = 0;
  p->inflow.climate[0][1] = 1;
  p->inflow.climate_n = 1;
  p->inflow.curve[0][1] = 1;
  p->inflow.curve_n = 1;
  p->provider_behaviour.parked_success_factor = 1;
  p->workload.norm_integral = 100;
  p->workload.norm_separate = 250;
  p->workload.reorg_eligibility_factor = 1;
  p->places.covenant_max_phase = 2;
  p->budget.first_cut_share = 1;
  p->cwi.cut_12 = -1e9; /* everyone phase 2 by default */
  p->cwi.cut_23 = 1e9;
  p->cwi.cut_34 = 1e9;
  p->case_management.caseload_norm = 100;
  p->case_management.income_caseload = 200;
  p->case_management.integral_success_boost = 1;
  p->case_management.reorg_output_factor = 1;
  p->work_first.placement_job_boost = 1;
  p->trajectory.effort_share = 0.7;
  p->trajectory.subsidised_share = 0.9;
  p->trajectory.regular_share = 1.0;
  p->trajectory.lock_in = 1;
  p->trajectory.report_interval_days = 91;
  p->trajectory.p_registered = 1;
  p->activation.step_days = 91;
  p->activation.temporise_factor = 1;
  p->activation.volunteer_rung = 4;
  p->exemption.de_facto_min_phase = 4;
  p->activation.max_steps = 8;
  p->activation.refer_rung = 7; /* never */
  p->sanctions.maatregel_days = 31;
  p->sanctions.hh_compliance_effect = 1;
  p->sanctions.hh_detection_boost = 1;
  p->outflow.exempt_job_factor = 1;
  p->outflow.duration_dependence = 1;
  bs_report_defaults(&p->report);
  p->calibrate.population = 200;
  p->calibrate.generations = 8;
  p->calibrate.replications = 1;
  p->calibrate.quantile = 0.5;
  p->calibrate.target_share = 0.9;
  p->calibrate.noise = 0.5;
  p->calibrate.tolerance = 1;
  p->calibrate.max_batches = 10;
  p->calibrate.distance = BS_CAL_DIST_RANGE;
  p->calibrate.crn = BS_CAL_CRN_RUN;
  bs_behaviour_neutral(&p->behaviour);
}

void bs_behaviour_neutral(bs_behaviour_params *b) {
  memset(b, 0, sizeof *b);
  b->threat.work_first_mult = b->threat.trajectory_mult = b->threat.cwi_check_mult = 1;
  b->threat.hh_mult = 1;
  b->sanction_effect.job_mult = 1;
  b->sanction_effect.escalation_factor = 1;
  b->enforcement.collection_rate = 1;
  b->after_effect.trajectory_near = b->after_effect.trajectory_far = 1;
  b->after_effect.work_first_near = b->after_effect.work_first_far = 1;
  for (int r = 0; r < BS_ROUTE_N; r++)
    b->reinflow.route_factor[r] = r == BS_ROUTE_AGE || r == BS_ROUTE_MOVING ? 0 : 1;
  b->reinflow.p_offer_returner = 1;
}

/* Where a dotted key was written (its key position), for the messages of
 * cross-field rules; falls back to line 1 of the scenario file. */
static void key_position(const cfg_doc *doc, const char *dotted, const char *fallback, char *where,
                         size_t len) {
  const cfg_node *n = doc ? cfg_find(doc->root, dotted) : NULL;
  if (n && n->key_line > 0)
    snprintf(where, len, "%s:%d:%d", n->file, n->key_line, n->key_col);
  else
    snprintf(where, len, "%s:1:1", doc && doc->nfiles ? doc->files[0] : fallback);
}

/* file:line:col of key `key` of the i-th entry of the sequence at the dotted
 * path `seq_path` (e.g. "targets"). */
static void entry_position(const cfg_doc *doc, const char *seq_path, size_t i, const char *key,
                           const char *fallback, char *where, size_t len) {
  const cfg_node *seq = doc && doc->root ? cfg_find(doc->root, seq_path) : NULL;
  const cfg_node *item = seq && seq->kind == CFG_SEQ && i < seq->n ? seq->items[i] : NULL;
  const cfg_node *n = item && item->kind == CFG_MAP ? cfg_get(item, key) : NULL;
  if (n && n->key_line > 0)
    snprintf(where, len, "%s:%d:%d", n->file, n->key_line, n->key_col);
  else
    key_position(doc, seq_path, fallback, where, len);
}

static void target_position(const cfg_doc *doc, size_t i, const char *key, const char *fallback,
                            char *where, size_t len) {
  entry_position(doc, "targets", i, key, fallback, where, len);
}

/* Cross-field rules the per-key schema cannot express. Each message points
 * at the last-named key as written in the scenario (or its base file). */
static int check_params(const bs_params *p, const cfg_doc *doc, const char *path, char *err,
                        size_t errlen) {
  char at[4200];
  long day0;
  if (p->run.start_date[0] && bs_date_parse(p->run.start_date, &day0) != 0) {
    key_position(doc, "run.start_date", path, at, sizeof at);
    snprintf(err, errlen, "%s: key 'run.start_date': '%s' is not a date YYYY-MM-DD", at,
             p->run.start_date);
    return -1;
  }
  const bs_sanction_params *s = &p->sanctions;
  if (s->share_reintegration + s->share_administrative > 1 + 1e-9) {
    key_position(doc, "sanctions.share_administrative", path, at, sizeof at);
    snprintf(err, errlen,
             "%s: key 'sanctions.share_reintegration' + 'sanctions.share_administrative' "
             "= %g exceeds 1",
             at, s->share_reintegration + s->share_administrative);
    return -1;
  }
  if (!(p->cwi.cut_12 <= p->cwi.cut_23 && p->cwi.cut_23 <= p->cwi.cut_34)) {
    key_position(doc, "cwi.cut_23", path, at, sizeof at);
    snprintf(err, errlen, "%s: keys 'cwi.cut_12' <= 'cwi.cut_23' <= 'cwi.cut_34' must hold", at);
    return -1;
  }
  const bs_act_params *a = &p->activation;
  if (a->p_progress + a->p_relapse + a->p_stop + a->p_work_per_step > 1 + 1e-9) {
    key_position(doc, "activation", path, at, sizeof at);
    snprintf(err, errlen,
             "%s: key 'activation': p_progress + p_relapse + p_stop + p_work_per_step "
             "exceeds 1",
             at);
    return -1;
  }
  if (p->trajectory.enabled && p->trajectory.providers_n == 0) {
    key_position(doc, "trajectory.providers", path, at, sizeof at);
    snprintf(err, errlen, "%s: key 'trajectory.providers': trajectories enabled but no provider",
             at);
    return -1;
  }
  /* the last cohort member's day 365 (and the A.1/B.1 date, the end of the
   * window plus a year) must lie within the horizon, else the cohort
   * indicators would count members as 'not long-term' who were never
   * followed for a year (docs/indicators.md) */
  double followed = p->run.cohort_start_day + p->run.cohort_length_days + 365;
  if (followed > p->run.horizon_days) {
    key_position(doc, "run.horizon_days", path, at, sizeof at);
    snprintf(err, errlen,
             "%s: key 'run.horizon_days': the cohort is followed for a year after its window "
             "(run.cohort_start_day + run.cohort_length_days + 365 = %g), which ends after the "
             "horizon (%g)",
             at, followed, p->run.horizon_days);
    return -1;
  }
  const bs_job_params *jb = &p->behaviour.jobs;
  if (jb->hours_min > jb->hours_max) {
    key_position(doc, "behaviour.jobs.hours_max", path, at, sizeof at);
    snprintf(err, errlen, "%s: key 'behaviour.jobs.hours_max' (%g) is below hours_min (%g)", at,
             jb->hours_max, jb->hours_min);
    return -1;
  }
  for (size_t i = 0; i < p->targets_n; i++) {
    const bs_target *t = &p->targets[i];
    if (!(t->low <= t->high)) {
      target_position(doc, i, "high", path, at, sizeof at);
      snprintf(err, errlen, "%s: key 'targets[%zu].high': %g is below low (%g)", at, i, t->high,
               t->low);
      return -1;
    }
  }
  const bs_calibrate_params *cp = &p->calibrate;
  for (size_t i = 0; i < cp->exclude_n; i++) {
    size_t k = 0;
    while (k < p->targets_n && strcmp(p->targets[k].indicator, cp->exclude[i].indicator))
      k++;
    if (k == p->targets_n) {
      entry_position(doc, "calibrate.exclude", i, "indicator", path, at, sizeof at);
      snprintf(err, errlen,
               "%s: key 'calibrate.exclude[%zu].indicator': '%s' is not one of the scenario's "
               "targets",
               at, i, cp->exclude[i].indicator);
      return -1;
    }
  }
  if (p->targets_n > 0 && cp->exclude_n >= p->targets_n) {
    size_t left = 0;
    for (size_t k = 0; k < p->targets_n; k++) {
      size_t i = 0;
      while (i < cp->exclude_n && strcmp(p->targets[k].indicator, cp->exclude[i].indicator))
        i++;
      left += i == cp->exclude_n;
    }
    if (left == 0) {
      key_position(doc, "calibrate.exclude", path, at, sizeof at);
      snprintf(err, errlen,
               "%s: key 'calibrate.exclude': every target is excluded, none is left "
               "to fit",
               at);
      return -1;
    }
  }
  return 0;
}

/* Remembers where each target's indicator is written, for later messages
 * (the indicator names are checked by the analysis, analysis/targets.h). */
static void target_positions(bs_params *p, const cfg_doc *doc, const char *path) {
  for (size_t i = 0; i < p->targets_n; i++)
    target_position(doc, i, "indicator", path, p->targets[i].where, sizeof p->targets[i].where);
  for (size_t i = 0; i < p->calibrate.exclude_n; i++)
    entry_position(doc, "calibrate.exclude", i, "indicator", path, p->calibrate.exclude[i].where,
                   sizeof p->calibrate.exclude[i].where);
}

/* A variant that does not set run.name itself (it inherits its base's) is
 * named after its file: "my_variant.yaml" -> "my_variant", with what a name
 * may not hold (config.h, CFG_F_NAME) as '_'. */
static void name_after_file(bs_params *p, const cfg_doc *doc, const char *path) {
  const cfg_node *n = cfg_find(doc->root, "run.name");
  if (!n || !doc->nfiles || n->file == doc->files[0])
    return;
  const char *base = strrchr(path, '/');
  base = base ? base + 1 : path;
  size_t len = strlen(base);
  const char *dot = strrchr(base, '.');
  if (dot && dot != base)
    len = (size_t)(dot - base);
  if (len == 0)
    return;
  if (len >= sizeof p->run.name)
    len = sizeof p->run.name - 1;
  for (size_t i = 0; i < len; i++) {
    char c = base[i];
    int ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
             c == '_' || c == '-' || (c == '.' && i > 0);
    p->run.name[i] = ok ? c : '_';
  }
  p->run.name[len] = '\0';
}

/* Binds doc (root: the scenario's mapping) onto p and checks it; `path`
 * names the scenario in messages without a position. */
static int bind_scenario(const cfg_doc *doc, const char *path, bs_params *p, char *err,
                         size_t errlen) {
  bs_params_default(p);
  int rc = cfg_bind(doc, top_schema, NTOP, p, err, errlen);
  if (rc == 0)
    rc = check_params(p, doc, path, err, errlen);
  if (rc == 0)
    target_positions(p, doc, path);
  return rc != 0 ? -1 : 0;
}

int bs_params_load(const char *path, bs_params *p, char *err, size_t errlen) {
  return bs_params_load_search(path, NULL, 0, p, NULL, err, errlen);
}

int bs_params_load_search(const char *path, const char *const *search, size_t nsearch, bs_params *p,
                          bs_files *files, char *err, size_t errlen) {
  cfg_doc doc;
  if (files)
    *files = (bs_files){0};
  bs_params_default(p);
  if (cfg_load_search(path, search, nsearch, &doc, err, errlen) != 0)
    return -1;
  int rc = bind_scenario(&doc, path, p, err, errlen);
  if (rc == 0)
    name_after_file(p, &doc, path);
  if (rc == 0 && files)
    bs_files_take(files, &doc);
  cfg_free(&doc);
  return rc;
}

void bs_files_take(bs_files *files, cfg_doc *doc) {
  files->path = doc->files;
  files->n = doc->nfiles;
  doc->files = NULL;
  doc->nfiles = 0;
}

void bs_files_free(bs_files *f) {
  for (size_t i = 0; f && i < f->n; i++)
    free(f->path[i]);
  if (f) {
    free(f->path);
    *f = (bs_files){0};
  }
}

int bs_params_bind_node(const cfg_doc *doc, const cfg_node *root, bs_params *p, char *err,
                        size_t errlen) {
  cfg_doc sub = *doc;
  sub.root = (cfg_node *)root;
  return bind_scenario(&sub, doc->nfiles ? doc->files[0] : "<scenario>", p, err, errlen);
}

int bs_params_load_string(const char *name, const char *text, size_t len, bs_params *p, char *err,
                          size_t errlen) {
  cfg_doc doc;
  bs_params_default(p);
  if (cfg_load_string(name, text, len, &doc, err, errlen) != 0)
    return -1;
  int rc = cfg_bind(&doc, top_schema, NTOP, p, err, errlen);
  if (rc == 0)
    rc = check_params(p, &doc, name ? name : "<string>", err, errlen);
  if (rc == 0)
    target_positions(p, &doc, name ? name : "<string>");
  cfg_free(&doc);
  return rc != 0 ? -1 : 0;
}

long bs_params_json(const bs_params *p, char *buf, size_t len) {
  return cfg_to_json(top_schema, NTOP, p, buf, len);
}

const char *bs_params_help(const char *path) {
  const cfg_field *tab = top_schema;
  size_t n = NTOP;
  while (path && *path) {
    const char *dot = strchr(path, '.');
    size_t len = dot ? (size_t)(dot - path) : strlen(path);
    const cfg_field *hit = NULL;
    for (size_t i = 0; i < n && !hit; i++)
      if (strlen(tab[i].key) == len && !strncmp(tab[i].key, path, len))
        hit = &tab[i];
    if (!hit)
      return NULL;
    if (!dot)
      return hit->help;
    if (hit->type != CFG_T_SECTION)
      return NULL;
    tab = hit->sub;
    n = hit->nsub;
    path = dot + 1;
  }
  return NULL;
}

/* The document bs_params_set builds is no file the user wrote: its messages
 * lose their "NAME:LINE:COL: " (the caller names the option). */
#define SET_NAME "<set>"
static void drop_position(char *err, const char *name) {
  size_t n = strlen(name);
  if (strncmp(err, name, n) != 0 || err[n] != ':')
    return;
  const char *rest = strstr(err + n, ": ");
  if (rest)
    memmove(err, rest + 2, strlen(rest + 2) + 1);
}

int bs_params_set(bs_params *p, const char *path, const char *value, char *err, size_t errlen) {
  /* Build a tiny YAML document "a:\n  b:\n    c: value" and bind it on top. */
  char yaml[1024];
  size_t off = 0;
  int depth = 0;
  const char *seg = path;
  while (seg && *seg) {
    const char *dot = strchr(seg, '.');
    size_t n = dot ? (size_t)(dot - seg) : strlen(seg);
    int w = snprintf(yaml + off, sizeof yaml - off, "%*s%.*s:%s", depth * 2, "", (int)n, seg,
                     dot ? "\n" : " ");
    if (w < 0 || (size_t)w >= sizeof yaml - off) {
      snprintf(err, errlen, "parameter path '%s' is too long", path);
      return -1;
    }
    off += (size_t)w;
    depth++;
    seg = dot ? dot + 1 : NULL;
  }
  int w = snprintf(yaml + off, sizeof yaml - off, "%s\n", value);
  if (w < 0 || (size_t)w >= sizeof yaml - off) {
    snprintf(err, errlen, "parameter value for '%s' is too long", path);
    return -1;
  }
  cfg_doc doc;
  int rc = cfg_load_string(SET_NAME, yaml, strlen(yaml), &doc, err, errlen);
  if (rc == 0) {
    rc = cfg_bind_overlay(&doc, top_schema, NTOP, p, err, errlen);
    if (rc == 0)
      rc = check_params(p, &doc, SET_NAME, err, errlen);
    cfg_free(&doc);
  }
  if (rc != 0)
    drop_position(err, SET_NAME);
  return rc != 0 ? -1 : 0;
}

/* ------------------------------------------------ the parameter reference */

const cfg_field *bs_params_schema(size_t *n) {
  *n = NTOP;
  return top_schema;
}

void bs_params_defaults(bs_params *p) { bs_params_default(p); }

/* What a key is (or is not) the setting for, where the name alone misleads
 * or another key is the one to change (bijsim params, docs/parameters.md). */
static const struct {
  const char *path, *lever;
} notes[] = {
    {"run.horizon_days", "how long the results follow the clients: the cohort needs its window "
                         "plus a year (run.cohort_start_day + run.cohort_length_days + 365)"},
    {"run.warmup_days", "a burn-in before day 0, left out of every result (docs/model.md, \"The "
                        "start\"); the horizon does not include it"},
    {"run.cohort_length_days", "which applicants form the cohort of the cohort indicators (A.1, "
                               "B.1, the langdurigheidsratio): those starting in this window"},
    {"clients.far_threshold", "who counts as far from the labour market for the client traits "
                              "(problems, exemptions); the kansmeter's phases are cwi.cut_*"},
    {"inflow.applications_per_year",
     "the inflow of applicants; fewer become benefit starts (gatekeeping's withdrawals and "
     "denials); over time: inflow.curve; with the labour market: labour_market.inflow_elasticity"},
    {"inflow.initial_stock", "the stock on benefit when the simulation starts (before the "
                             "burn-in of run.warmup_days): the stock at day 0 follows from it"},
    {"inflow.climate", "the labour market: it scales the job hazard (and inflow, mediation and "
                       "trajectory success through labour_market.*); more or fewer applications "
                       "alone: inflow.curve"},
    {"inflow.curve", "a factor on applications alone; the labour market is inflow.climate"},
    {"inflow.p_reinflow", "the base share of leavers who return; per exit route it is multiplied "
                          "by behaviour.reinflow.route_factor"},
    {"gatekeeping.claim_intake", "who does the claim intake; how much stricter an own intake is: "
                                 "municipal_intake_extra_withdrawal"},
    {"gatekeeping.discouragement", "the switch; its size is p_discouraged"},
    {"gatekeeping.home_visits", "the switch; its size is p_home_visit_denied, its cost "
                                "home_visit_cost"},
    {"gatekeeping.direct_mediation", "the switch; its size is p_direct_mediation"},
    {"gatekeeping.work_first_gate", "the message at the gate only (withdrawals: "
                                    "p_work_first_withdraw); the programme is work_first.enabled"},
    {"cwi.cut_12", "where the kansmeter puts its phase boundaries on the latent distance; the "
                   "share in each phase follows from the cuts and clients.distance_mean/_sd"},
    {"cwi.cut_23", "as cwi.cut_12: a boundary on the latent distance, not a share"},
    {"cwi.cut_34", "as cwi.cut_12: a boundary on the latent distance, not a share"},
    {"exemption.p_registration_stale",
     "what the administration records (the central figures), not who is really exempt"},
    {"exemption.p_de_facto", "obligated clients never activated (de facto exempt): fewer "
                             "offers, and a different central ratio than the true one"},
    {"case_management.model", "the policy choice; what separate costs is p_signal_loss and "
                              "signal_delay, what integral costs is p_slip"},
    {"case_management.consultants_fte",
     "the caseload: clients per consultant = the benefit stock / consultants_fte; with "
     "actions_per_fte_day the offers a day. To change the caseload, change this, not "
     "caseload_norm"},
    {"case_management.caseload_norm",
     "not the caseload itself: the caseload above which service slows (capacity x norm / "
     "caseload); the caseload is set by consultants_fte"},
    {"case_management.actions_per_fte_day",
     "the productivity behind the offers a day (consultants_fte x actions_per_fte_day x 5/7); "
     "calibrated to the sluitingsratio"},
    {"case_management.income_caseload",
     "separate only: the income consultants' FTE (for the cost) is the stock / income_caseload; "
     "the re-integration caseload is consultants_fte"},
    {"case_management.reorganisation", "the switch; when and how much: reorg_day, "
                                       "reorg_duration_days, reorg_output_factor"},
    {"work_first.enabled", "the programme; the message at the gate is "
                           "gatekeeping.work_first_gate, its capacity places.work_first_places"},
    {"work_first.p_registered", "what the central monitor sees of the placements as offers, not "
                                "how many take place"},
    {"trajectory.providers", "price and quality per provider; what is paid follows "
                             "effort_share, subsidised_share and regular_share"},
    {"trajectory.sluitend_deadline_days",
     "the deadline the sluitende aanpak is measured against (the sluitingsratio); offers near it "
     "go first from sluitend_lead_days before"},
    {"trajectory.offer_order", "who goes first in the offer queue (creaming: the nearest to work "
                               "first; furthest_first: the furthest)"},
    {"trajectory.contracted_per_year",
     "the AvdT target: it counts for the subsidy (avdt_subsidy_per_trajectory), it does not "
     "limit offers; a ceiling is offer_cap_per_year"},
    {"trajectory.offer_cap_per_year", "the ceiling on offers (0: none); the agreement's target "
                                      "is contracted_per_year"},
    {"trajectory.lock_in", "job search during a trajectory (1: unchanged; below 1: "
                           "'uitzitten'); the trajectory's own result is p_success_base"},
    {"trajectory.p_success_base", "the trajectory's own result at distance 0; each provider's "
                                  "quality multiplies it"},
    {"trajectory.p_registered", "what the central monitor sees of the trajectories (the central "
                                "ratios), not how many clients get one"},
    {"activation.min_distance", "who is offered social activation: clients assessed at least "
                                "this far from the labour market"},
    {"activation.p_registered", "what the central monitor sees of activation offers, not how "
                                "many start"},
    {"sanctions.violations_per_year", "the rate at compliance 0; clients' compliance "
                                      "(clients.compliance_alpha, _beta) lowers it"},
    {"sanctions.hoogwaardig_handhaven", "the switch; its effects are hh_compliance_effect, "
                                        "hh_detection_boost and behaviour.threat.hh_mult"},
    {"outflow.job_rate_per_year", "the regular-work hazard at distance 0, the main setting of "
                                  "outflow; instruments multiply it"},
    {"money.benefit_month", "what a month of benefit costs (the inkomensdeel's spending), per "
                            "household type"},
    {"workload.enabled", "on: consultant time is counted in hours per task and role "
                         "(docs/model.md, Workload)"},
    {"workload.staffing",
     "budget: the FTE is case_management.consultants_fte (compare at an equal budget); norms: "
     "each role's FTE is the stock / norm_integral or norm_separate"},
    {"places.enabled", "on: the instruments have limited places with queues (the *_places "
                       "keys); off: as many as needed"},
    {"budget.inkomensdeel_per_year", "the income budget set against the benefit paid (the "
                                     "municipality's surplus or deficit); it limits nothing"},
    {"budget.werkdeel_per_year", "the ceiling on re-integration spending (0: none): first_to_go "
                                 "stops at first_cut_share of it, the rest at the ceiling"},
};

const char *bs_params_lever(const char *path) {
  for (size_t i = 0; i < sizeof notes / sizeof notes[0]; i++)
    if (!strcmp(notes[i].path, path))
      return notes[i].lever;
  return NULL;
}

const char *bs_params_lever_at(size_t i, const char **lever) {
  if (i >= sizeof notes / sizeof notes[0])
    return NULL;
  *lever = notes[i].lever;
  return notes[i].path;
}
