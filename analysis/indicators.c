/* indicators.c: see indicators.h. */
#include "analysis/indicators.h"

#include <math.h>
#include <string.h>


static const double route_months_days[3] = {182.625, 365.25, 730.5};

enum { COHORT_ITEMS = 14 };

static const char *const other_names[] = {
    "applications", "admitted", "gate_withdrawn", "gate_mediated", "kwint_count",
    "phase1_referred", "stock_on_benefit_end", "reinflow",
    "time_to_first_offer_mean_days", "offer_within_deadline_share",
    "wf_started", "wf_deterred", "wf_to_work",
    "traj_started", "traj_registered_share", "traj_ended_effort", "traj_ended_subsidised",
    "traj_ended_regular", "traj_no_shows", "providers_dropped",
    "act_started", "act_improved_share", "act_volunteer", "act_to_work", "act_stopped",
    "violations", "violations_detected", "signals_lost", "actions_slipped",
    "sanctions_maatregel", "sanctions_suspension", "sanctions_recovery", "sanction_amount_eur",
    "recovered_fraud_eur",
    "consultant_utilisation", "consultant_mean_wait_days", "consultant_mean_caseload",
    "benefit_spend_eur", "traj_spend_effort_eur", "traj_spend_subsidised_eur",
    "traj_spend_regular_eur", "work_first_spend_eur", "activation_spend_eur",
    "subsidy_spend_eur", "funded_employment_spend_eur", "intake_spend_eur",
    "consultant_spend_eur", "inkomensdeel_eur", "werkdeel_eur"};
enum { OTHER_N = sizeof(other_names) / sizeof(other_names[0]) };

enum { N_COHORT = 2 * COHORT_ITEMS, N_ROUTE = 3 * BS_ROUTE_N };

size_t bs_indicator_count(void) { return N_COHORT + N_ROUTE + OTHER_N; }

#define COHORT_LIST(suf)                                                                       \
  "X_" suf, "Y_" suf, "Z_" suf, "A_" suf, "B_" suf, "C_" suf, "A1_" suf, "B1_" suf,              \
      "complianceratio_" suf, "langdurigheidsratio_" suf, "sluitingsratio_" suf,                 \
      "niet_sluitingsratio_" suf, "uitstroomratio_met_traject_" suf,                             \
      "uitstroomratio_zonder_traject_" suf
static const char *const cohort_full[N_COHORT] = {COHORT_LIST("true"), COHORT_LIST("registered")};
/* same order as bs_route_names */
#define ROUTE3(r) "outflow_" r "_6m", "outflow_" r "_12m", "outflow_" r "_24m"
static const char *const route_full[N_ROUTE] = {
    ROUTE3("regular_work"), ROUTE3("subsidised_work"), ROUTE3("funded_employment"),
    ROUTE3("other_income"), ROUTE3("moving"),          ROUTE3("age"),
    ROUTE3("fraud_stop"),   ROUTE3("withdrawal"),      ROUTE3("admin_end")};

const char *bs_indicator_name(size_t i) {
  if (i < N_COHORT)
    return cohort_full[i];
  if (i < N_COHORT + N_ROUTE)
    return route_full[i - N_COHORT];
  if (i < bs_indicator_count())
    return other_names[i - N_COHORT - N_ROUTE];
  return NULL;
}

long bs_indicator_index(const char *name) {
  for (size_t i = 0; i < bs_indicator_count(); i++)
    if (strcmp(bs_indicator_name(i), name) == 0)
      return (long)i;
  return -1;
}

void bs_cohort_count(const bs_world *w, int registered, bs_cohort_counts *o) {
  memset(o, 0, sizeof *o);
  /* A.1 and B.1 count outflow up to one calendar date, as the seed did (003
   * ch.5: outflow known up to 30 June 2003 for the inflow of Jan-Jun 2002):
   * the end of the cohort window plus one year. */
  double measured_until = w->p.run.cohort_start_day + w->p.run.cohort_length_days + 365;
  for (size_t i = 0; i < w->cohort_n; i++) {
    const bs_cohort_rec *r = &w->cohort[i];
    o->X++;
    if (!r->on_365)
      continue;
    o->Y++;
    int exempt = registered ? r->exempt_reg_365 : r->exempt_365;
    double t_offer = registered ? r->t_offer_reg : r->t_offer;
    int offered = t_offer - r->t_in <= 365;
    int left_h1 = r->t_out <= measured_until;
    if (exempt) {
      if (offered)
        o->C++;
      continue;
    }
    o->Z++;
    if (offered) {
      o->A++;
      o->A1 += left_h1;
    } else {
      o->B++;
      o->B1 += left_h1;
    }
  }
}

static double ratio(double a, double b) { return b > 0 ? a / b : NAN; }

void bs_indicators_compute(const bs_world *w, double *v) {
  for (int reg = 0; reg < 2; reg++) {
    bs_cohort_counts k;
    bs_cohort_count(w, reg, &k);
    double *o = v + reg * COHORT_ITEMS;
    double vals[COHORT_ITEMS] = {k.X,
                                 k.Y,
                                 k.Z,
                                 k.A,
                                 k.B,
                                 k.C,
                                 k.A1,
                                 k.B1,
                                 ratio(k.X - k.Y + k.A + k.C, k.X),
                                 ratio(k.Y, k.X),
                                 ratio(k.A, k.Z),
                                 ratio(k.B, k.Z),
                                 ratio(k.A1, k.A),
                                 ratio(k.B1, k.B)};
    memcpy(o, vals, sizeof vals);
  }
  /* outflow by route within 6/12/24 months, as a share of the cohort */
  double *ro = v + N_COHORT;
  memset(ro, 0, N_ROUTE * sizeof *ro);
  double offer_sum = 0, offer_n = 0, within = 0;
  for (size_t i = 0; i < w->cohort_n; i++) {
    const bs_cohort_rec *r = &w->cohort[i];
    if (r->route < BS_ROUTE_N)
      for (int m = 0; m < 3; m++)
        if (r->t_out - r->t_in <= route_months_days[m])
          ro[r->route * 3 + m] += 1;
    if (isfinite(r->t_offer)) {
      offer_sum += r->t_offer - r->t_in;
      offer_n++;
      within += r->t_offer - r->t_in <= w->p.trajectory.sluitend_deadline_days;
    }
  }
  for (int k = 0; k < N_ROUTE; k++)
    ro[k] = ratio(ro[k], (double)w->cohort_n);

  const bs_counters *c = &w->c;
  uint64_t left_gate = c->gate[BS_GATE_DISCOURAGED] + c->gate[BS_GATE_MUNICIPAL_WITHDRAWN] +
                       c->gate[BS_GATE_HOME_VISIT_DENIED] + c->gate[BS_GATE_INELIGIBLE] +
                       c->gate[BS_GATE_WORK_FIRST_WITHDRAWN];
  double viol = (double)(c->violations[0] + c->violations[1] + c->violations[2]);
  double werkdeel = c->traj_spend[0] + c->traj_spend[1] + c->traj_spend[2] + c->wf_spend +
                    c->act_spend + c->subsidy_spend + c->funded_employment_spend;
  double others[OTHER_N] = {
      (double)c->applications,
      (double)c->admitted,
      (double)left_gate,
      (double)c->gate[BS_GATE_MEDIATED],
      (double)c->gate_kwint,
      (double)c->phase1_referred,
      (double)w->stock[BS_ST_BENEFIT],
      (double)c->reinflow,
      ratio(offer_sum, offer_n),
      ratio(within, offer_n),
      (double)c->wf_started,
      (double)c->wf_deterred,
      (double)c->wf_work,
      (double)c->traj_started,
      ratio((double)c->traj_registered, (double)c->traj_started),
      (double)c->traj_ended[BS_PAY_EFFORT],
      (double)c->traj_ended[BS_PAY_SUBSIDISED],
      (double)c->traj_ended[BS_PAY_REGULAR],
      (double)c->traj_no_shows,
      (double)c->providers_dropped,
      (double)c->act_started,
      ratio((double)c->act_improved, (double)c->act_started),
      (double)c->act_volunteer,
      (double)c->act_work,
      (double)c->act_stopped,
      viol,
      (double)c->detected,
      (double)c->signals_lost,
      (double)c->slipped,
      (double)c->sanctions[BS_SANC_MAATREGEL],
      (double)c->sanctions[BS_SANC_SUSPENSION],
      (double)c->sanctions[BS_SANC_RECOVERY],
      c->sanction_amount,
      c->recovered,
      ratio(c->cm_capacity_used, c->cm_capacity_total),
      ratio(c->cm_wait_sum, (double)c->cm_wait_n),
      ratio(c->caseload_sum, (double)c->caseload_n),
      c->benefit_spend,
      c->traj_spend[BS_PAY_EFFORT],
      c->traj_spend[BS_PAY_SUBSIDISED],
      c->traj_spend[BS_PAY_REGULAR],
      c->wf_spend,
      c->act_spend,
      c->subsidy_spend,
      c->funded_employment_spend,
      c->intake_spend,
      c->consultant_spend,
      c->benefit_spend,
      werkdeel};
  memcpy(v + N_COHORT + N_ROUTE, others, sizeof others);
}
