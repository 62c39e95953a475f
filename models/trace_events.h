/* trace_events.h: every sentence of the client trace, in one place.
 *
 * `bijsim trace` (text, JSON, HTML) and `--records events` (events.csv) show
 * what happened to a client as a list of events. Each event is one row
 * below: its code (the stable name tools and events.csv use), the stage of
 * the chain it belongs to, and its English sentence: a printf format with
 * the named, typed arguments that follow it. The models call the generated
 * bs_trace_<id>(w, c, args...) (models/world.h), so the compiler checks
 * each format against its argument types. A translation is a table with a
 * format per code that takes the same conversions in the same order (the
 * sink receives the code, the English format and the arguments, see
 * bs_trace_event); the Dutch table is BS_NL_TRACE_LIST in
 * analysis/catalogue.h. Nothing else in the models holds trace text. A client's
 * exit adds one more event, `leave_ROUTE`, whose sentence is the route's
 * trace sentence (models/domain.h, BS_ROUTE_LIST).
 *
 * Rows: X(ENUM, id, STAGE, format, (, TYPE name, ...), (, name, ...)): the
 * code is the id as written; the two lists (each starting with a comma,
 * empty for none) are the parameters and the arguments. Arguments of type
 * `const char *` are names from the scenario (a provider) or labels of the
 * domain lists (a duty, a place, a task), which a translation translates
 * with their list. */
#ifndef BIJSIM_TRACE_EVENTS_H
#define BIJSIM_TRACE_EVENTS_H

/* The stages an event belongs to: X(ENUM, name, label); the label is the
 * column of the text trace. */
#define BS_TRACE_STAGE_LIST(X)                                                                     \
  X(INFLOW, "inflow", "inflow")                                                                    \
  X(GATEKEEPING, "gatekeeping", "gatekeeping")                                                     \
  X(CWI, "cwi", "cwi")                                                                             \
  X(EXEMPTION, "exemption", "exemption")                                                           \
  X(DIAGNOSIS, "diagnosis", "diagnosis")                                                           \
  X(CASE_MANAGEMENT, "case_management", "case management")                                         \
  X(WORK_FIRST, "work_first", "work-first")                                                        \
  X(TRAJECTORY, "trajectory", "trajectory")                                                        \
  X(ACTIVATION, "activation", "social activation")                                                 \
  X(PLACES, "places", "places")                                                                    \
  X(SANCTIONS, "sanctions", "sanctions")                                                           \
  X(OUTFLOW, "outflow", "outflow")

#define BS_TRACE_LIST(X)                                                                           \
  /* inflow and gatekeeping */                                                                     \
  X(APPLY, apply, INFLOW, "applies for bijstand (age %.1f, distance %.2f, ladder rung %u)",        \
    (, double age, double distance, unsigned rung), (, age, distance, rung))                       \
  X(REAPPLY, reapply, INFLOW, "applies again (re-inflow, spell %u)", (, unsigned spell),           \
    (, spell))                                                                                     \
  X(CLAIM_INTAKE_CWI, claim_intake_cwi, GATEKEEPING, "claim intake (uitkeringsintake) by CWI", (), \
    ())                                                                                            \
  X(CLAIM_INTAKE_MUNICIPALITY, claim_intake_municipality, GATEKEEPING,                             \
    "claim intake (uitkeringsintake) by the municipality", (), ())                                 \
  X(DISCOURAGED, discouraged, GATEKEEPING, "discouraged, withdraws the application", (), ())       \
  X(HOME_VISIT_DENIED, home_visit_denied, GATEKEEPING,                                             \
    "home visit (huisbezoek): application withdrawn or denied", (), ())                            \
  X(HOME_VISIT_OK, home_visit_ok, GATEKEEPING, "home visit (huisbezoek): no objection", (), ())    \
  X(WORK_FIRST_GATE, work_first_gate, GATEKEEPING,                                                 \
    "told to work for the benefit (work-first at the gate): withdraws", (), ())                    \
  X(MUNICIPAL_WITHDREW, municipal_withdrew, GATEKEEPING,                                           \
    "withdraws after the municipal claim intake", (), ())                                          \
  X(MEDIATED, mediated, GATEKEEPING, "promising: mediated directly to a temp agency, finds work",  \
    (), ())                                                                                        \
  X(INELIGIBLE, ineligible, GATEKEEPING, "no right to benefit (recht op uitkering): denied", (),   \
    ())                                                                                            \
  X(ADMITTED, admitted, GATEKEEPING, "eligible: on benefit (bijstand), %.0f EUR a month",          \
    (, double eur), (, eur))                                                                       \
  X(IN_STOCK, in_stock, GATEKEEPING,                                                               \
    "on benefit (bijstand) since day %.0f (the initial stock), %.0f EUR a month",                  \
    (, double since, double eur), (, since, eur))                                                  \
  /* CWI: the work intake, the kansmeter and phase 1 */                                            \
  X(WORK_INTAKE, work_intake, CWI, "work intake (werkintake): kansmeter phase %d", (, int phase),  \
    (, phase))                                                                                     \
  X(KWINT_CORRECTS, kwint_corrects, CWI, "qualifying intake (Kwint) corrects the phase to %d",     \
    (, int phase), (, phase))                                                                      \
  X(KWINT_CONFIRMS, kwint_confirms, CWI, "qualifying intake (Kwint) confirms phase %d",            \
    (, int phase), (, phase))                                                                      \
  X(CWI_MEDIATION, cwi_mediation, CWI, "phase 1: CWI mediates to work for up to %.0f days",        \
    (, double days), (, days))                                                                     \
  X(REFERRED, referred, CWI, "phase %u -> referred to the municipality", (, unsigned phase),       \
    (, phase))                                                                                     \
  X(CWI_MEDIATION_ENDS, cwi_mediation_ends, CWI,                                                   \
    "no job after CWI mediation: referred to the municipality as phase 2", (), ())                 \
  /* exemptions and the dates that matter */                                                       \
  X(EXEMPT, exempt, EXEMPTION, "exempt from work obligations (vrijstelling)", (), ())              \
  X(EXEMPT_MISREGISTERED, exempt_misregistered, EXEMPTION,                                         \
    "exempt from work obligations (vrijstelling); the administration has it wrong", (), ())        \
  X(OBLIGED, obliged, EXEMPTION, "obliged to work or prepare for work (arbeidsplicht)", (), ())    \
  X(OBLIGED_MISREGISTERED, obliged_misregistered, EXEMPTION,                                       \
    "obliged to work or prepare for work (arbeidsplicht); the administration has it wrong", (),    \
    ())                                                                                            \
  X(DE_FACTO, de_facto, EXEMPTION, "de facto exempt: registered as obligated, never called in",    \
    (), ())                                                                                        \
  X(DE_FACTO_ENDS, de_facto_ends, EXEMPTION, "called in again: the de facto exemption ends", (),   \
    ())                                                                                            \
  X(EXEMPTION_ENDS, exemption_ends, EXEMPTION, "called in again: the individual exemption ends",   \
    (), ())                                                                                        \
  X(EXEMPTION_STAYS, exemption_stays, EXEMPTION, "called in again: the exemption stays", (), ())   \
  X(LONG_TERM, long_term, EXEMPTION, "one year on benefit: long-term (langdurig)", (), ())         \
  /* the diagnosis */                                                                              \
  X(DIAGNOSIS_STARTS, diagnosis_starts, DIAGNOSIS,                                                 \
    "diagnosis at the municipality, done in %.0f days", (, double days), (, days))                 \
  X(DIAGNOSIS_QUEUED, diagnosis_queued, DIAGNOSIS,                                                 \
    "waits for a diagnosis: today's diagnoses are taken", (), ())                                  \
  X(DIAGNOSIS_WAITS_KWINT, diagnosis_waits_kwint, DIAGNOSIS,                                       \
    "waits for the Kwint to finish (in %.0f days)", (, double days), (, days))                     \
  X(DIAGNOSED, diagnosed, DIAGNOSIS, "diagnosis (by the municipality): assessed distance %.2f",    \
    (, double distance), (, distance))                                                             \
  X(DIAGNOSED_INDEPENDENT, diagnosed_independent, DIAGNOSIS,                                       \
    "diagnosis (independent): assessed distance %.2f", (, double distance), (, distance))          \
  /* case management: the offer of a trajectory */                                                 \
  X(OFFER_LATER, offer_later, CASE_MANAGEMENT,                                                     \
    "a trajectory offer is considered after %.0f days on benefit", (, double days), (, days))      \
  X(OFFER_QUEUED, offer_queued, CASE_MANAGEMENT, "waits for a trajectory offer (queue of %zu)",    \
    (, size_t queue), (, queue))                                                                   \
  X(OFFER_SLIPS, offer_slips, CASE_MANAGEMENT,                                                     \
    "the offer slips through (many tasks); retried later", (), ())                                 \
  X(OFFER_WAITED, offer_waited, CASE_MANAGEMENT,                                                   \
    "waited %.0f days for the offer: consultant time went first to %s work",                       \
    (, double days, const char *task), (, days, task))                                             \
  /* work-first */                                                                                 \
  X(WF_PLACED, wf_placed, WORK_FIRST,                                                              \
    "placed at once by the production house (20 h work + 12 h search)", (), ())                    \
  X(WF_DETERRED, wf_deterred, WORK_FIRST, "deterred by the work obligation", (), ())               \
  X(WF_PLACEMENT, wf_placement, WORK_FIRST,                                                        \
    "diagnosis done; work placement (werkstage) of up to %.0f days", (, double days), (, days))    \
  X(WF_SUBSIDISED, wf_subsidised, WORK_FIRST,                                                      \
    "placement ends without a job: follow-up in subsidised work", (), ())                          \
  X(WF_TRAJECTORY, wf_trajectory, WORK_FIRST,                                                      \
    "placement ends without a job: follow-up trajectory", (), ())                                  \
  X(WF_AFTERCARE, wf_aftercare, WORK_FIRST, "%.0f days of aftercare (nazorg)", (, double days),    \
    (, days))                                                                                      \
  X(WF_AFTER, wf_after, WORK_FIRST,                                                                \
    "after the programme: job search x%.2f for the rest of the "                                   \
    "spell",                                                                                       \
    (, double mult), (, mult))                                                                     \
  /* trajectories at providers */                                                                  \
  X(TRAJ_OFFERED_PAID, traj_offered_paid, TRAJECTORY,                                              \
    "offered a re-integration trajectory (traject) at %s, aimed at paid work, %.0f days",          \
    (, const char *provider, double days), (, provider, days))                                     \
  X(TRAJ_OFFERED_CARE, traj_offered_care, TRAJECTORY,                                              \
    "offered a re-integration trajectory (traject) at %s, care-oriented, %.0f days",               \
    (, const char *provider, double days), (, provider, days))                                     \
  X(TRAJ_PARKED, traj_parked, TRAJECTORY,                                                          \
    "the provider parks the client: expected payment %.0f EUR is below its cost %.0f EUR",         \
    (, double pay, double cost), (, pay, cost))                                                    \
  X(TRAJ_WORKED, traj_worked, TRAJECTORY,                                                          \
    "the provider works with the client: expected payment %.0f EUR covers its cost %.0f EUR",      \
    (, double pay, double cost), (, pay, cost))                                                    \
  X(TRAJ_REPORT_PARKED, traj_report_parked, TRAJECTORY,                                            \
    "quarterly report: no support given (the client is parked)", (), ())                           \
  X(TRAJ_NO_SHOW, traj_no_show, TRAJECTORY, "quarterly report: the client did not show up", (),    \
    ())                                                                                            \
  X(TRAJ_ON_TRACK, traj_on_track, TRAJECTORY, "quarterly progress report: on track", (), ())       \
  X(TRAJ_JOB, traj_job, TRAJECTORY,                                                                \
    "ends with a regular job (>= 6 months, >= 20 h/week): 100%% class", (), ())                    \
  X(TRAJ_FUNDED, traj_funded, TRAJECTORY,                                                          \
    "ends in employment funded from the work budget (verloning)", (), ())                          \
  X(TRAJ_SUBSIDISED, traj_subsidised, TRAJECTORY, "ends in subsidised work (opstapbaan)", (), ())  \
  X(TRAJ_EFFORT, traj_effort, TRAJECTORY,                                                          \
    "ends without outflow: provider paid for effort (%.0f%%)", (, double pct), (, pct))            \
  X(TRAJ_AFTER, traj_after, TRAJECTORY,                                                            \
    "after the programme: job search x%.2f for the rest of the spell", (, double mult), (, mult))  \
  /* social activation */                                                                          \
  X(ACT_STARTS, act_starts, ACTIVATION,                                                            \
    "diagnosis: social activation (sociale activering) from ladder rung %u", (, unsigned rung),    \
    (, rung))                                                                                      \
  X(ACT_PROGRESS, act_progress, ACTIVATION, "progress: participation ladder rung %u",              \
    (, unsigned rung), (, rung))                                                                   \
  X(ACT_RELAPSE, act_relapse, ACTIVATION, "relapse: ladder rung %u", (, unsigned rung), (, rung))  \
  X(ACT_NO_PROGRESS, act_no_progress, ACTIVATION, "review: no progress", (), ())                   \
  X(ACT_DISTANCE, act_distance, ACTIVATION, "distance to the labour market now %.2f",              \
    (, double distance), (, distance))                                                             \
  X(ACT_READY, act_ready, ACTIVATION, "ready for work: referred to a trajectory (ladder rung %u)", \
    (, unsigned rung), (, rung))                                                                   \
  X(ACT_STOPS, act_stops, ACTIVATION, "stops (absence) (ladder rung %u)", (, unsigned rung),       \
    (, rung))                                                                                      \
  X(ACT_COMPLETED, act_completed, ACTIVATION, "activation trajectory completed (ladder rung %u)",  \
    (, unsigned rung), (, rung))                                                                   \
  X(ACT_VOLUNTEER, act_volunteer, ACTIVATION, "structural volunteer work", (), ())                 \
  X(ACT_WORK, act_work, ACTIVATION, "finds paid work", (), ())                                     \
  /* limited places */                                                                             \
  X(PLACE_WAIT, place_wait, PLACES, "every place is taken: waits for %s (queue of %zu)",           \
    (, const char *place, size_t queue), (, place, queue))                                         \
  X(PLACE_SUBSIDISED, place_subsidised, PLACES,                                                    \
    "a subsidised job is free: starts in subsidised work (opstapbaan)", (), ())                    \
  X(PLACE_FUNDED, place_funded, PLACES,                                                            \
    "a funded job is free: employment funded from the work budget", (), ())                        \
  X(PLACE_COVENANT, place_covenant, PLACES,                                                        \
    "placed with an employer of a covenant (convenant): regular job", (), ())                      \
  /* duties, violations and sanctions: every sanction names the violation                          \
   * (numbered within the spell) it answers */                                                     \
  X(ENFORCED, enforced, SANCTIONS,                                                                 \
    "obligations enforced (hoogwaardig handhaven): job search x%.2f", (, double mult), (, mult))   \
  X(THREAT, threat, SANCTIONS, "job search checked under the threat of a maatregel (x%.2f)",       \
    (, double mult), (, mult))                                                                     \
  X(VIOLATION, violation, SANCTIONS, "violation %u: breaks the %s",                                \
    (, unsigned n, const char *duty), (, n, duty))                                                 \
  X(DETECTED, detected, SANCTIONS,                                                                 \
    "violation %u detected: the deciding consultant has the signal in %.0f days",                  \
    (, unsigned n, double days), (, n, days))                                                      \
  X(SIGNAL_LOST, signal_lost, SANCTIONS,                                                           \
    "violation %u detected, but the signal is lost between consultants", (, unsigned n), (, n))    \
  X(ACTION_SLIPS, action_slips, SANCTIONS,                                                         \
    "violation %u detected, but the klantmanager lets it slip (many tasks)", (, unsigned n),       \
    (, n))                                                                                         \
  X(MAATREGEL, maatregel, SANCTIONS,                                                               \
    "maatregel for violation %u (%s): %.0f%% of the benefit for %.0f days (up to %.0f EUR)",       \
    (, unsigned n, const char *duty, double pct, double days, double eur),                         \
    (, n, duty, pct, days, eur))                                                                   \
  X(SANCTION_EFFECT, sanction_effect, SANCTIONS,                                                   \
    "after the maatregel for violation %u: job search x%.2f for %.0f days",                        \
    (, unsigned n, double mult, double days), (, n, mult, days))                                   \
  X(SUSPENDED, suspended, SANCTIONS,                                                               \
    "benefit suspended for violation %u (%s): %.0f days to repair (hersteltermijn)",               \
    (, unsigned n, const char *duty, double days), (, n, duty, days))                              \
  X(REPAIRED, repaired, SANCTIONS, "violation %u repaired in time: benefit resumes",               \
    (, unsigned n), (, n))                                                                         \
  X(NOT_REPAIRED, not_repaired, SANCTIONS, "violation %u not repaired: benefit ended",             \
    (, unsigned n), (, n))                                                                         \
  X(FRAUD_STOPPED, fraud_stopped, SANCTIONS,                                                       \
    "violation %u is fraud with damage: benefit stopped, damage recovered", (, unsigned n), (, n)) \
  X(FRAUD_RECOVERED, fraud_recovered, SANCTIONS,                                                   \
    "violation %u is fraud with damage: damage recovered", (, unsigned n), (, n))                  \
  /* outflow: the job a work exit starts (the exit itself is leave_ROUTE) */                       \
  X(JOB, job, OUTFLOW, "a job of %.0f hours a week for %.0f days", (, double hours, double days),  \
    (, hours, days))

#endif
