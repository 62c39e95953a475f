/* indicator_table.h: the indicators of indicators.csv, one row each, with
 * everything that belongs to an indicator written next to it: its CSV name,
 * English label, unit, display format (BS_FMT_*), whether a higher value is
 * better or worse for the municipality (or neither), a one-line definition
 * and the expression that computes it. A name can therefore never be
 * detached from its value, and the report, docs/indicators.md (generated
 * from these rows: `bijsim indicators --markdown`) and the CSV files read
 * the same row.
 *
 * The CSV order is the order of the rows: the cohort items as simulated
 * (NAME_true), the same as registered (NAME_registered), the outflow shares
 * per route (models/domain.h) and horizon, then the whole-run indicators.
 * To add an indicator: add a row to one of the lists below. The lists are
 * X-macros expanded in analysis/indicators.c, where the expressions are
 * evaluated; the names an expression may use are listed with its list.
 * Definitions are plain text (backticks for a name) and appear in the report
 * and the documentation. */
#ifndef BIJSIM_INDICATOR_TABLE_H
#define BIJSIM_INDICATOR_TABLE_H

/* --------------------------------------------------------------- cohort items
 * The seed's chapter-5 counts and ratios (003 ch.5, annex 3), each computed
 * twice: true and as registered. The label of NAME_true is `label term`, that
 * of NAME_registered `label`, as registered.
 * ITEM(id, label, term, unit, format, better, definition, expression), with
 * ITEM rather than X as the parameter because X is a row id here. The
 * expression reads `k`, the cohort counts (bs_cohort_counts *), and may use
 * ratio(a, b) (NaN when b is 0). */
#define BS_COHORT_ITEM_LIST(ITEM)                                                                  \
  ITEM(X, "Cohort inflow", " (X)", COUNT, NUM, NEUTRAL,                                            \
       "Clients who started benefit in the cohort window (half a year).", k->X)                    \
  ITEM(Y, "Long-term clients", " (Y)", COUNT, NUM, NEUTRAL,                                        \
       "Of X, still on benefit 365 days after their own start (long-term, langdurig).", k->Y)      \
  ITEM(Z, "Long-term clients with work obligations", " (Z)", COUNT, NUM, NEUTRAL,                  \
       "Of Y, with work obligations (arbeidsplichtig, not exempt) on day 365.", k->Z)              \
  ITEM(A, "Obligated clients with an offer", " (A)", COUNT, NUM, NEUTRAL,                          \
       "Of Z, with a first offer within 365 days of their start: any instrument that counts as "   \
       "one "                                                                                      \
       "(a trajectory, social activation, a work-first placement; 003 §6.2).",                     \
       k->A)                                                                                       \
  ITEM(B, "Obligated clients without an offer", " (B)", COUNT, NUM, NEUTRAL,                       \
       "Of Z, without an offer within the first year (Z - A).", k->B)                              \
  ITEM(C, "Exempt clients with an offer", " (C)", COUNT, NUM, NEUTRAL,                             \
       "Of Y, exempt on day 365 and with an offer within the first year.", k->C)                   \
  ITEM(                                                                                            \
      A1, "Left, with an offer", " (A.1)", COUNT, NUM, NEUTRAL,                                    \
      "Of A, those who left after day 365 and no later than one year after the end of the cohort " \
      "window (30 June 2003 for the 2002 cohort: the seed could see outflow only up to that "      \
      "date, "                                                                                     \
      "so the window is shorter for late entrants, exactly as in the seed).",                      \
      k->A1)                                                                                       \
  ITEM(B1, "Left, without an offer", " (B.1)", COUNT, NUM, NEUTRAL,                                \
       "Of B, those who left in the same period as A.1.", k->B1)                                   \
  ITEM(A1_2, "Left, with an offer, half a year later", " (A.1 at the second date)", COUNT, NUM,    \
       NEUTRAL,                                                                                    \
       "As A.1, counted half a year later (31 December 2003 for the 2002 cohort; 003 annex 3, "    \
       "Gemeente 1: 10 by 30 June 2003, 25 half a year later); not a number when the horizon "     \
       "ends before that date.",                                                                   \
       k->A1_2)                                                                                    \
  ITEM(B1_2, "Left, without an offer, half a year later", " (B.1 at the second date)", COUNT, NUM, \
       NEUTRAL, "As B.1, counted at the date of A.1 at the second date.", k->B1_2)                 \
  ITEM(late_offers, "Obligated clients with a first offer after a year", " (late offers)", COUNT,  \
       NUM, NEUTRAL,                                                                               \
       "Of Z, those whose first offer came only after day 365 of their spell (003 annex 3, "       \
       "Gemeente 1: 'nog een kwart krijgt na meer dan een jaar een traject').",                    \
       k->L)                                                                                       \
  ITEM(late_offer_ratio, "Late-offer ratio", " (late offers / Z)", SHARE, PCT, NEUTRAL,            \
       "Of Z, the share whose first offer came only after day 365 (late offers / Z).",             \
       ratio(k->L, k->Z))                                                                          \
  ITEM(complianceratio, "Compliance ratio", " (complianceratio)", SHARE, PCT, HIGHER,              \
       "Share of the cohort that left within a year or got a trajectory offer in year one "        \
       "((X - Y + A + C) / X).",                                                                   \
       ratio(k->X - k->Y + k->A + k->C, k->X))                                                     \
  ITEM(langdurigheidsratio, "Long-term share", " (langdurigheidsratio)", SHARE, PCT, LOWER,        \
       "Share of the cohort still on benefit 12 months after inflow (Y / X). Lower is better.",    \
       ratio(k->Y, k->X))                                                                          \
  ITEM(sluitingsratio, "Closing ratio", " (sluitingsratio)", SHARE, PCT, HIGHER,                   \
       "Long-term clients with work obligations who had a trajectory offer within their first "    \
       "year (A / Z): the 'sluitende aanpak'.",                                                    \
       ratio(k->A, k->Z))                                                                          \
  ITEM(niet_sluitingsratio, "Non-closing ratio", " (niet-sluitingsratio)", SHARE, PCT, LOWER,      \
       "Long-term clients with work obligations without an offer in their first year (B / Z).",    \
       ratio(k->B, k->Z))                                                                          \
  ITEM(uitstroomratio_met_traject, "Outflow with a trajectory", "", SHARE, PCT, HIGHER,            \
       "Of the long-term clients with an offer (A), the share that left in the first half of "     \
       "year two (A.1 / A).",                                                                      \
       ratio(k->A1, k->A))                                                                         \
  ITEM(uitstroomratio_zonder_traject, "Outflow without a trajectory", "", SHARE, PCT, HIGHER,      \
       "The same for long-term clients without an offer (B.1 / B).", ratio(k->B1, k->B))

/* Appended to the definition of every NAME_registered. */
#define BS_COHORT_REGISTERED_NOTE                                                                  \
  " As registered: from the simulated administration, with its registration delays, lost "         \
  "entries and stale exemption flags."

/* ------------------------------------------------------------ outflow horizons
 * outflow_ROUTE_H for every route of BS_ROUTE_LIST (models/domain.h) and
 * every horizon H: the share of X that left by ROUTE within that many days of
 * their start. Its label is "<outflow label> within <months>", its definition
 * "Share of the cohort that <outflow clause> within <words>."
 * X(H, days, months, words, ...): the trailing arguments are passed through. */
#define BS_OUTFLOW_HORIZON_LIST(X, ...)                                                            \
  X(6m, 182.625, "6 months", "half a year", __VA_ARGS__)                                           \
  X(12m, 365.25, "12 months", "a year", __VA_ARGS__)                                               \
  X(24m, 730.5, "24 months", "two years", __VA_ARGS__)

/* -------------------------------------------------------------------- whole run
 * All clients, the whole horizon.
 * X(name, label, unit, format, better, definition, expression): the
 * expression reads `c`, the replication's counters (bs_counters *), and `x`,
 * the context (bs_ind_ctx *: x->w the world, x->offer_days, x->offers and
 * x->offers_in_time over the cohort), and may use ratio(a, b) and the sums
 * gate_left(c), violations(c) and werkdeel(c). Every value is converted to
 * double. */
#define BS_WHOLE_RUN_LIST(X)                                                                       \
  X(applications, "Applications", COUNT, NUM, NEUTRAL, "Applications (first and repeat).",         \
    c->applications)                                                                               \
  X(admitted, "Benefit starts", COUNT, NUM, NEUTRAL,                                               \
    "Benefit starts, including the initial stock.", c->admitted)                                   \
  X(gate_withdrawn, "Ended at the gate", COUNT, NUM, NEUTRAL,                                      \
    "Applications that ended in gatekeeping (discouraged, withdrew after the municipal intake, "   \
    "home visit, work-first at the gate, ineligible).",                                            \
    gate_left(c))                                                                                  \
  X(gate_mediated, "Mediated to work at the gate", COUNT, NUM, HIGHER,                             \
    "Promising applicants mediated straight to work at the gate.", c->gate[BS_GATE_MEDIATED])      \
  X(kwint_count, "Qualifying intakes (Kwint)", COUNT, NUM, NEUTRAL,                                \
    "Qualifying intakes (Kwint) held.", c->gate_kwint)                                             \
  X(phase1_referred, "Phase 1 referred to the municipality", COUNT, NUM, NEUTRAL,                  \
    "Phase-1 clients referred to the municipality as phase 2 after CWI mediation.",                \
    c->phase1_referred)                                                                            \
  X(stock_on_benefit_end, "On benefit at the end", COUNT, NUM, LOWER,                              \
    "Clients on benefit on the last simulated day.", x->w->stock[BS_ST_BENEFIT])                   \
  X(reinflow, "Repeat applications", COUNT, NUM, LOWER,                                            \
    "Repeat applications of former clients ('in and out').", c->reinflow)                          \
  X(time_to_first_offer_mean_days, "Time to the first trajectory offer", DAYS, DAYS, LOWER,        \
    "Mean days from benefit start to the first offer, among those who got one.",                   \
    ratio(x->offer_days, x->offers))                                                               \
  X(offer_within_deadline_share, "Offers within the deadline", SHARE, PCT, HIGHER,                 \
    "Of the cohort clients with an offer, the share with the offer within "                        \
    "`trajectory.sluitend_deadline_days`.",                                                        \
    ratio(x->offers_in_time, x->offers))                                                           \
  X(outflow_year2_share, "Long-term clients who left in year two", SHARE, PCT, HIGHER,             \
    "Of Y, the share that left benefit in the second year of their spell (003 §5.2.1: 'ten "      \
    "minste twintig procent'); not a number when the horizon ends before the cohort's year two.",  \
    year2_share(x))                                                                                \
  X(exempt_categorical_365, "Long-term clients with a categorical exemption", COUNT, NUM, NEUTRAL, \
    "Of Y, exempt on day 365 on a categorical ground (65+, a young child, 57.5+).",                \
    x->exempt_categorical)                                                                         \
  X(exempt_individual_365, "Long-term clients with an individual exemption", COUNT, NUM, NEUTRAL,  \
    "Of Y, exempt on day 365 on individual (medical) grounds ('overig').", x->exempt_individual)   \
  X(wf_started, "Work-first placements", COUNT, NUM, NEUTRAL, "Work-first placements started.",    \
    c->wf_started)                                                                                 \
  X(wf_deterred, "Deterred by work-first", COUNT, NUM, NEUTRAL,                                    \
    "Work-first clients who left benefit, deterred by the work obligation.", c->wf_deterred)       \
  X(wf_to_work, "Work-first to regular work", COUNT, NUM, HIGHER,                                  \
    "Work-first clients who found regular work during the placement.", c->wf_work)                 \
  X(traj_started, "Trajectories started", COUNT, NUM, NEUTRAL,                                     \
    "Re-integration trajectories started.", c->traj_started)                                       \
  X(traj_registered_share, "Trajectories registered", SHARE, PCT, HIGHER,                          \
    "Share of the trajectories started that were ever registered (invoerdiscipline).",             \
    ratio((double)c->traj_registered, (double)c->traj_started))                                    \
  X(traj_ended_effort, "Trajectories ended: effort without outflow", COUNT, NUM, NEUTRAL,          \
    "Finished trajectories paid for effort without outflow.", c->traj_ended[BS_PAY_EFFORT])        \
  X(traj_ended_subsidised, "Trajectories ended: subsidised work", COUNT, NUM, HIGHER,              \
    "Finished trajectories with outflow to subsidised work.", c->traj_ended[BS_PAY_SUBSIDISED])    \
  X(traj_ended_regular, "Trajectories ended: regular job", COUNT, NUM, HIGHER,                     \
    "Finished trajectories with outflow to a regular job.", c->traj_ended[BS_PAY_REGULAR])         \
  X(traj_no_shows, "No-shows reported", COUNT, NUM, LOWER, "No-shows reported by providers.",      \
    c->traj_no_shows)                                                                              \
  X(providers_dropped, "Providers dropped", COUNT, NUM, NEUTRAL,                                   \
    "Providers dropped at evaluation.", c->providers_dropped)                                      \
  X(act_started, "Social activation started", COUNT, NUM, NEUTRAL,                                 \
    "Social activation trajectories started.", c->act_started)                                     \
  X(act_improved_share, "Activation: climbed the ladder", SHARE, PCT, HIGHER,                      \
    "Share of the activation clients who climbed at least one participation-ladder rung.",         \
    ratio((double)c->act_improved, (double)c->act_started))                                        \
  X(act_volunteer, "Activation: structural volunteer work", COUNT, NUM, HIGHER,                    \
    "Activation clients in structural volunteer work (the volunteer rung or higher) when their "   \
    "activation ended.",                                                                           \
    c->act_volunteer)                                                                              \
  X(act_volunteer_share, "Activation: share in structural volunteer work", SHARE, PCT, HIGHER,     \
    "Share of the activation clients in structural volunteer work when it ended (001: 8 of 206).", \
    ratio((double)c->act_volunteer, (double)c->act_started))                                       \
  X(act_to_work, "Activation: found work", COUNT, NUM, HIGHER,                                     \
    "Activation clients who left for a regular job during their activation, by any route.",        \
    c->act_work)                                                                                   \
  X(act_to_work_share, "Activation: share to work", SHARE, PCT, HIGHER,                            \
    "Share of the activation clients who left for a regular job during it (001: 3 of 206).",       \
    ratio((double)c->act_work, (double)c->act_started))                                            \
  X(act_stopped, "Activation stopped", COUNT, NUM, LOWER,                                          \
    "Activation clients who stopped (absence).", c->act_stopped)                                   \
  X(violations, "Duty violations", COUNT, NUM, LOWER,                                              \
    "Violations of a duty (re-integration, administrative, information).", violations(c))          \
  X(violations_detected, "Violations detected", COUNT, NUM, NEUTRAL,                               \
    "Violations that were detected.", c->detected)                                                 \
  X(signals_lost, "Signals lost", COUNT, NUM, LOWER,                                               \
    "Detected violations whose signal was lost between separate consultants.", c->signals_lost)    \
  X(actions_slipped, "Actions slipped through", COUNT, NUM, LOWER,                                 \
    "Actions that slipped through (integral case management).", c->slipped)                        \
  X(sanctions_maatregel, "Sanctions imposed (maatregelen)", COUNT, NUM, NEUTRAL,                   \
    "Benefit reductions over the whole simulated period.", c->sanctions[BS_SANC_MAATREGEL])        \
  X(sanctions_suspension, "Suspensions", COUNT, NUM, NEUTRAL,                                      \
    "Benefit suspensions with a repair period.", c->sanctions[BS_SANC_SUSPENSION])                 \
  X(sanctions_recovery, "Fraud recoveries", COUNT, NUM, NEUTRAL, "Recoveries of fraud damage.",    \
    c->sanctions[BS_SANC_RECOVERY])                                                                \
  X(sanction_amount_eur, "Benefit withheld by maatregelen", EUR, EUR, NEUTRAL,                     \
    "Benefit withheld by maatregelen.", c->sanction_amount)                                        \
  X(recovered_fraud_eur, "Fraud damage recovered", EUR, EUR, NEUTRAL,                              \
    "Fraud damage plus interest and admin cost collected (the claims x the collection rate).",     \
    c->recovered)                                                                                  \
  X(recovery_claimed_eur, "Fraud recovery claimed", EUR, EUR, NEUTRAL,                             \
    "Fraud damage plus interest and admin cost claimed back (recovered = claimed x the "           \
    "collection rate).",                                                                           \
    c->recovery_claimed)                                                                           \
  X(fraud_damage_eur, "Fraud damage", EUR, EUR, LOWER,                                             \
    "Damage of information fraud, found or not (accrues while undetected).", c->fraud_damage)      \
  X(fraud_damage_undetected_eur, "Fraud damage never found", EUR, EUR, LOWER,                      \
    "Of the fraud damage, the part never detected.", c->fraud_damage_undetected)                   \
  X(consultant_utilisation, "Consultant utilisation", SHARE, PCT, NEUTRAL,                         \
    "Offer decisions made as a share of the consultant capacity offered.",                         \
    ratio(c->cm_capacity_used, c->cm_capacity_total))                                              \
  X(consultant_mean_wait_days, "Wait for a consultant", DAYS, DAYS, LOWER,                         \
    "Mean days a request for a diagnosis or offer waited for a consultant.",                       \
    ratio(c->cm_wait_sum, (double)c->cm_wait_n))                                                   \
  X(consultant_mean_caseload, "Caseload", PER_FTE, NUM, NEUTRAL,                                   \
    "Mean clients on benefit per re-integration FTE.",                                             \
    ratio(c->caseload_sum, (double)c->caseload_n))                                                 \
  X(benefit_spend_eur, "Benefit spend", EUR, EUR, LOWER,                                           \
    "Benefit paid, less maatregelen (the inkomensdeel).", c->benefit_spend)                        \
  X(traj_spend_effort_eur, "Trajectory payments: effort", EUR, EUR, NEUTRAL,                       \
    "Trajectory payments for effort without outflow (no cure, less pay).",                         \
    c->traj_spend[BS_PAY_EFFORT])                                                                  \
  X(traj_spend_subsidised_eur, "Trajectory payments: subsidised work", EUR, EUR, NEUTRAL,          \
    "Trajectory payments for outflow to subsidised work.", c->traj_spend[BS_PAY_SUBSIDISED])       \
  X(traj_spend_regular_eur, "Trajectory payments: regular job", EUR, EUR, NEUTRAL,                 \
    "Trajectory payments for outflow to a regular job.", c->traj_spend[BS_PAY_REGULAR])            \
  X(work_first_spend_eur, "Work-first spending", EUR, EUR, NEUTRAL,                                \
    "Work-first placements and aftercare (work budget).", c->wf_spend)                             \
  X(activation_spend_eur, "Social activation spending", EUR, EUR, NEUTRAL,                         \
    "Social activation steps (work budget).", c->act_spend)                                        \
  X(subsidy_spend_eur, "Wage subsidies", EUR, EUR, NEUTRAL,                                        \
    "Subsidies for subsidised work, e.g. the opstapbaan one-off (work budget).", c->subsidy_spend) \
  X(funded_employment_spend_eur, "Funded jobs (verloning)", EUR, EUR, NEUTRAL,                     \
    "Paid employment funded from the work budget (verloningstraject).",                            \
    c->funded_employment_spend)                                                                    \
  X(intake_spend_eur, "Intake cost", EUR, EUR, NEUTRAL, "Intake and home-visit costs.",            \
    c->intake_spend)                                                                               \
  X(consultant_spend_eur, "Consultant cost", EUR, EUR, LOWER,                                      \
    "Cost of the consultants (FTE) over the period (paid from the municipality's own funds).",     \
    c->consultant_spend)                                                                           \
  X(inkomensdeel_eur, "Benefit paid (inkomensdeel)", EUR, EUR, LOWER,                              \
    "Benefit payments over the whole simulated period.", c->benefit_spend)                         \
  X(werkdeel_eur, "Re-integration spending (werkdeel)", EUR, EUR, NEUTRAL,                         \
    "Trajectories, work-first, activation, subsidies and funded jobs over the period.",            \
    werkdeel(c))                                                                                   \
  X(budget_total_eur, "Total spending (inkomensdeel + werkdeel + consultants)", EUR, EUR, LOWER,   \
    "Benefit paid (inkomensdeel), re-integration spending (werkdeel) and the consultants' cost "   \
    "over the period: what a policy costs the municipality's budgets in all.",                     \
    c->benefit_spend + werkdeel(c) + c->consultant_spend)                                          \
  X(traj_parked, "Trajectories parked by the provider", COUNT, NUM, LOWER,                         \
    "Trajectories whose provider parked the client (expected payment below its cost).",            \
    c->traj_parked)                                                                                \
  X(traj_parked_share, "Share of trajectories parked", SHARE, PCT, LOWER,                          \
    "Parked trajectories as a share of all trajectories started.",                                 \
    ratio((double)c->traj_parked, (double)c->traj_started))                                        \
  X(provider_reports_parked, "Reports showing a parked client", COUNT, NUM, LOWER,                 \
    "Quarterly provider reports that showed no support given.", c->prov_reports_parked)            \
  X(provider_intake_stops, "Provider intake stops", COUNT, NUM, NEUTRAL,                           \
    "Intake stops the municipality imposed on providers for parking.", c->prov_intake_stops)       \
  X(workload_utilisation, "Consultant hours used", SHARE, PCT, NEUTRAL,                            \
    "Hours spent on tasks as a share of the consultant hours (workload model).",                   \
    ratio(c->wl_hours_used, c->wl_hours_avail))                                                    \
  X(workload_eligibility_share, "Hours on eligibility work", SHARE, PCT, NEUTRAL,                  \
    "Share of the hours spent on intake, income checks, sanctions and re-examination.",            \
    ratio(c->wl_done[BS_TASK_INTAKE] + c->wl_done[BS_TASK_INCOME_CHECK] +                          \
              c->wl_done[BS_TASK_SANCTION] + c->wl_done[BS_TASK_REEXAM],                           \
          c->wl_hours_used))                                                                       \
  X(workload_contacts_done, "Contact moments realised", SHARE, PCT, HIGHER,                        \
    "Hours of contact moments done as a share of those due (workload model).",                     \
    task_share(c, BS_TASK_CONTACT))                                                                \
  X(workload_reexam_done, "Re-examinations realised", SHARE, PCT, HIGHER,                          \
    "Hours of periodic re-examination done as a share of those due (workload model).",             \
    task_share(c, BS_TASK_REEXAM))                                                                 \
  X(workload_mean_fte, "Consultant FTE (workload model)", COUNT, NUM, NEUTRAL,                     \
    "Mean FTE of both roles in the workload model (without it: case_management.consultants_fte).", \
    c->wl_days > 0 ? c->wl_fte_sum / (double)c->wl_days : x->w->p.case_management.consultants_fte) \
  X(places_queued_work_first, "Waited for a work-first place", COUNT, NUM, LOWER,                  \
    "Clients who found every work-first placement taken.", c->place_queued[BS_PLACE_WORK_FIRST])   \
  X(places_queued_subsidised, "Waited for a subsidised job", COUNT, NUM, LOWER,                    \
    "Clients who found every subsidised job (ID/WIW, opstapbaan) taken.",                          \
    c->place_queued[BS_PLACE_SUBSIDISED])                                                          \
  X(places_queued_funded, "Waited for a funded job", COUNT, NUM, LOWER,                            \
    "Clients who found every funded job (verloning) taken.", c->place_queued[BS_PLACE_FUNDED])     \
  X(covenant_placements, "Covenant placements", COUNT, NUM, HIGHER,                                \
    "Clients placed with an employer of a covenant.", c->place_filled[BS_PLACE_COVENANT])          \
  X(places_mean_wait_days, "Wait for a place", DAYS, DAYS, LOWER,                                  \
    "Mean days a client served from a queue for a place waited.",                                  \
    ratio(c->place_wait_sum, (double)c->place_wait_n))                                             \
  X(inkomensdeel_surplus_y1_eur, "Inkomensdeel surplus, year 1", EUR, EUR, HIGHER,                 \
    "Allocation less benefit paid in calendar year 1 (negative: deficit).", budget_year(x, 0, 0))  \
  X(inkomensdeel_surplus_y2_eur, "Inkomensdeel surplus, year 2", EUR, EUR, HIGHER,                 \
    "Allocation less benefit paid in calendar year 2.", budget_year(x, 1, 0))                      \
  X(inkomensdeel_surplus_y3_eur, "Inkomensdeel surplus, year 3", EUR, EUR, HIGHER,                 \
    "Allocation less benefit paid in calendar year 3.", budget_year(x, 2, 0))                      \
  X(werkdeel_y1_eur, "Werkdeel spent, year 1", EUR, EUR, NEUTRAL,                                  \
    "Work-budget spending in calendar year 1.", budget_year(x, 0, 1))                              \
  X(werkdeel_y2_eur, "Werkdeel spent, year 2", EUR, EUR, NEUTRAL,                                  \
    "Work-budget spending in calendar year 2.", budget_year(x, 1, 1))                              \
  X(werkdeel_y3_eur, "Werkdeel spent, year 3", EUR, EUR, NEUTRAL,                                  \
    "Work-budget spending in calendar year 3.", budget_year(x, 2, 1))                              \
  X(budget_refused_funded, "Funded jobs refused (werkdeel)", COUNT, NUM, NEUTRAL,                  \
    "Funded-job outflows turned into opstapbanen because the werkdeel was spent.",                 \
    c->budget_refused[BS_CUT_FUNDED])                                                              \
  X(avdt_subsidy_eur, "AvdT subsidy", EUR, EUR, HIGHER,                                            \
    "Subsidy per realised trajectory up to the agreed number (Agenda voor de Toekomst).",          \
    c->avdt_subsidy)

/* ------------------------------------------------------------ parts of totals
 * Indicators that are a part (or a copy) of another: X(part, whole). The
 * report's key findings lead with the total of the budgets and rank the
 * largest differences among the indicators that are not part of it, so a
 * total is not listed again through its parts. */
#define BS_INDICATOR_PART_LIST(X)                                                                  \
  X(inkomensdeel_eur, budget_total_eur)                                                            \
  X(werkdeel_eur, budget_total_eur)                                                                \
  X(consultant_spend_eur, budget_total_eur)                                                        \
  X(benefit_spend_eur, inkomensdeel_eur)                                                           \
  X(inkomensdeel_surplus_y1_eur, inkomensdeel_eur)                                                 \
  X(inkomensdeel_surplus_y2_eur, inkomensdeel_eur)                                                 \
  X(inkomensdeel_surplus_y3_eur, inkomensdeel_eur)                                                 \
  X(werkdeel_y1_eur, werkdeel_eur)                                                                 \
  X(werkdeel_y2_eur, werkdeel_eur)                                                                 \
  X(werkdeel_y3_eur, werkdeel_eur)                                                                 \
  X(traj_spend_effort_eur, werkdeel_eur)                                                           \
  X(traj_spend_subsidised_eur, werkdeel_eur)                                                       \
  X(traj_spend_regular_eur, werkdeel_eur)                                                          \
  X(work_first_spend_eur, werkdeel_eur)                                                            \
  X(activation_spend_eur, werkdeel_eur)                                                            \
  X(subsidy_spend_eur, werkdeel_eur)                                                               \
  X(funded_employment_spend_eur, werkdeel_eur)

#endif
