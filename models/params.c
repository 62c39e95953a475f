/* params.c: the scenario schema. One table row per YAML key: where it goes
 * in bs_params, its type and bounds. Validation and error messages are the
 * generic loader's (sim/config.c). */
#include "models/params.h"

#include "sim/config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* min > max means "no bounds" for the generic loader */
#define F(st, k, t, field, req, mn, mx, h_)                                                        \
  {                                                                                                \
    .key = k, .type = t, .offset = offsetof(st, field), .required = req, .min = mn, .max = mx,     \
    .help = h_                                                                                     \
  }
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
#define RATE(st, k, field, h_) F(st, k, CFG_T_REAL, field, 0, 0, 1e9, h_)
#define MONEY(st, k, field, h_) F(st, k, CFG_T_REAL, field, 0, 0, 1e12, h_)
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
static const char *const cm_names[] = {"integral", "separate", NULL};
static const char *const order_names[] = {"fifo", "creaming", "furthest_first", NULL};
static const char *const intake_names[] = {"cwi", "municipality", NULL};

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
    F(S, "applications_per_year", CFG_T_REAL, applications_per_year, 1, 0, 1e8,
      "Poisson rate of applications"),
    {.key = "climate",
     .type = CFG_T_CURVE,
     .offset = offsetof(S, climate),
     .min = 0,
     .max = 100,
     .max_elems = BS_MAX_CURVE,
     .count_offset = offsetof(S, climate_n),
     .help = "labour-market climate: [day, factor] pairs, piecewise constant"},
    F(S, "initial_stock", CFG_T_INT, initial_stock, 0, 0, 5e7, "clients on benefit at day 0"),
    PROB(S, "initial_stock_far_share", initial_stock_far_share, "stock share far from market"),
    DUR(S, "initial_stock_mean_duration_days", initial_stock_mean_duration_days,
        "mean time the stock has been on benefit at day 0"),
    PROB(S, "p_reinflow", p_reinflow, "share of leavers who come back"),
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
};
#undef S
#define S bs_exemption_params
static const cfg_field exemption_schema[] = {
    BOOL(S, "categorical", categorical, "65+, young child, 57.5+ exempt"),
    PROB(S, "p_registration_stale", p_registration_stale,
         "a true exemption not in the administration"),
    PROB(S, "p_stale_registered_exempt", p_stale_registered_exempt,
         "an obligated client registered as exempt"),
};
#undef S
#define S bs_cm_params
static const cfg_field cm_schema[] = {
    ENUM(S, "model", model, cm_names, "integral or separate case management"),
    REAL(S, "consultants_fte", consultants_fte, 0, 1e6, "re-integration consultants (FTE)"),
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
};
#undef S
#define S bs_provider
static const cfg_field provider_schema[] = {
    STR(S, "name", name, 1, "provider name"),
    F(S, "quality", CFG_T_REAL, quality, 1, 0, 10, "success multiplier"),
    F(S, "price", CFG_T_REAL, price, 1, 0, 1e7, "EUR per trajectory"),
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
    RATE(S, "contracted_per_year", contracted_per_year, "trajectories bought per year (0: any)"),
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
};
#undef S
#define S bs_sanction_params
static const cfg_field sanction_schema[] = {
    F(S, "violations_per_year", CFG_T_REAL, violations_per_year, 0, 0, 365,
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
#define S bs_target
static const cfg_field target_schema[] = {
    STR(S, "indicator", indicator, 1, "indicator name (docs/indicators.md)"),
    F(S, "observed", CFG_T_REAL, observed, 1, 1, 0, "the observed value"),
    F(S, "low", CFG_T_REAL, low, 1, 1, 0, "lower end of the range judged against"),
    F(S, "high", CFG_T_REAL, high, 1, 1, 0, "upper end of the range judged against"),
    STR(S, "source", source, 0, "where the figure comes from"),
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
    SECTION(S, "case_management", case_management, cm_schema, "integral or separate"),
    SECTION(S, "work_first", work_first, wf_schema, "work-first"),
    SECTION(S, "trajectory", trajectory, traj_schema, "re-integration trajectories"),
    SECTION(S, "activation", activation, act_schema, "social activation"),
    SECTION(S, "sanctions", sanctions, sanction_schema, "sanctions and enforcement"),
    SECTION(S, "outflow", outflow, outflow_schema, "outflow hazards"),
    SECTION(S, "money", money, money_schema, "benefit amounts and costs"),
    TABLE(S, "targets", targets, targets_n, target_schema, bs_target, BS_MAX_TARGETS,
          "observed figures to compare the results with (validation)"),
};
#undef S
#define NTOP (sizeof(top_schema) / sizeof(top_schema[0]))

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
  p->activation.max_steps = 8;
  p->activation.refer_rung = 7; /* never */
  p->sanctions.maatregel_days = 31;
  p->sanctions.hh_compliance_effect = 1;
  p->sanctions.hh_detection_boost = 1;
  p->outflow.exempt_job_factor = 1;
  p->outflow.duration_dependence = 1;
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

/* file:line:col of key `key` of the i-th entry of `targets`. */
static void target_position(const cfg_doc *doc, size_t i, const char *key, const char *fallback,
                            char *where, size_t len) {
  const cfg_node *seq = doc && doc->root ? cfg_get(doc->root, "targets") : NULL;
  const cfg_node *item = seq && seq->kind == CFG_SEQ && i < seq->n ? seq->items[i] : NULL;
  const cfg_node *n = item && item->kind == CFG_MAP ? cfg_get(item, key) : NULL;
  if (n && n->key_line > 0)
    snprintf(where, len, "%s:%d:%d", n->file, n->key_line, n->key_col);
  else
    key_position(doc, "targets", fallback, where, len);
}

/* Cross-field rules the per-key schema cannot express. Each message points
 * at the last-named key as written in the scenario (or its base file). */
static int check_params(const bs_params *p, const cfg_doc *doc, const char *path, char *err,
                        size_t errlen) {
  char at[4200];
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
  if (p->run.cohort_start_day + p->run.cohort_length_days > p->run.horizon_days) {
    key_position(doc, "run.horizon_days", path, at, sizeof at);
    snprintf(err, errlen,
             "%s: key 'run.horizon_days': the cohort window (run.cohort_start_day + "
             "run.cohort_length_days = %g) ends after the horizon (%g)",
             at, p->run.cohort_start_day + p->run.cohort_length_days, p->run.horizon_days);
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
  return 0;
}

/* Remembers where each target's indicator is written, for later messages
 * (the indicator names are checked by the analysis, analysis/targets.h). */
static void target_positions(bs_params *p, const cfg_doc *doc, const char *path) {
  for (size_t i = 0; i < p->targets_n; i++)
    target_position(doc, i, "indicator", path, p->targets[i].where, sizeof p->targets[i].where);
}

int bs_params_load(const char *path, bs_params *p, char *err, size_t errlen) {
  cfg_doc doc;
  bs_params_default(p);
  if (cfg_load(path, &doc, err, errlen) != 0)
    return -1;
  int rc = cfg_bind(&doc, top_schema, NTOP, p, err, errlen);
  if (rc == 0)
    rc = check_params(p, &doc, path, err, errlen);
  if (rc == 0)
    target_positions(p, &doc, path);
  cfg_free(&doc);
  return rc != 0 ? -1 : 0;
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
  if (cfg_load_string("--param", yaml, strlen(yaml), &doc, err, errlen) != 0)
    return -1;
  int rc = cfg_bind_overlay(&doc, top_schema, NTOP, p, err, errlen);
  if (rc == 0)
    rc = check_params(p, &doc, "--param", err, errlen);
  cfg_free(&doc);
  return rc != 0 ? -1 : 0;
}
