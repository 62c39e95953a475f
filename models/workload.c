/* workload.c: a workload model of case management (003 §3.3.3). The
 * consultants' time is hours: FTE x productive hours a year, per role.
 * Integral: one klantmanager does every task; separate: income consultants
 * do the eligibility tasks (intake, monthly income checks, sanction
 * decisions, periodic re-examination) and re-integration consultants the
 * rest (the signal hand-over, diagnosis, steering a trajectory, offer
 * decisions, contact moments). Each working day a role's hours go to its
 * tasks in the order of BS_TASK_LIST: eligibility work first (003 §6.3).
 * Event tasks (intake, sanction decisions, hand-overs, diagnoses) wait in a
 * backlog; periodic tasks that find no time are missed; offer decisions are
 * the case-management queue, served with the hours left for them. Contact
 * moments (and re-examinations) realised feed detection by signals (003
 * §2.4). A reorganisation lowers the hours (reorg_output_factor) and makes
 * eligibility tasks take longer (reorg_eligibility_factor, 003 §6.3). */
#include "models/world.h"

#include <math.h>

static const char *const task_names[BS_TASK_N] = {
#define X(e, name, role) name,
    BS_TASK_LIST(X)
#undef X
};
static const int task_role[BS_TASK_N] = {
#define X(e, name, role) role,
    BS_TASK_LIST(X)
#undef X
};

static int reorganising(const bs_world *w) {
  const bs_cm_params *cm = &w->p.case_management;
  return cm->reorganisation && w->ctx.now >= cm->reorg_day &&
         w->ctx.now < cm->reorg_day + cm->reorg_duration_days;
}

void bs_workload_fte(const bs_world *w, double fte[2]) {
  const bs_workload_params *wl = &w->p.workload;
  const bs_cm_params *cm = &w->p.case_management;
  double stock = (double)w->stock[BS_ST_BENEFIT];
  int separate = cm->model == BS_CM_SEPARATE;
  if (wl->staffing == BS_STAFF_NORMS) {
    fte[0] = stock / (separate ? wl->norm_separate : wl->norm_integral);
    fte[1] = separate ? stock / wl->norm_separate : 0;
  } else {
    fte[0] = separate ? cm->consultants_fte * wl->income_fte_share : cm->consultants_fte;
    fte[1] = separate ? cm->consultants_fte - fte[0] : 0;
  }
}

void bs_workload_add(bs_world *w, int task, double count) {
  if (w->p.workload.enabled && task >= 0 && task < BS_TASK_N) {
    double h = count * w->p.workload.task_hours[task];
    w->wl_backlog[task] += h;
    w->c.wl_demand[task] += h;
  }
}

double bs_workload_contact_ratio(const bs_world *w) {
  return w->p.workload.enabled ? w->wl_contact_ratio : 1;
}

double bs_workload_mean_fte(const bs_world *w) {
  if (!w->p.workload.enabled || w->c.wl_days == 0)
    return -1;
  return w->c.wl_fte_sum / (double)w->c.wl_days;
}

const char *bs_workload_wait_reason(const bs_world *w, double t_request) {
  if (!w->p.workload.enabled || w->wl_squeeze_day < t_request || w->wl_squeeze_task < 0)
    return NULL;
  return task_names[w->wl_squeeze_task];
}

/* the new event tasks since yesterday, from the counters */
static void event_tasks(bs_world *w) {
  uint64_t sanctions = 0;
  for (int k = 0; k < BS_SANC_N; k++)
    sanctions += w->c.sanctions[k];
  uint64_t handovers = w->p.case_management.model == BS_CM_SEPARATE
                           ? w->c.detected - w->c.signals_lost
                           : w->wl_seen_handovers;
  bs_workload_add(w, BS_TASK_INTAKE, (double)(w->c.admitted - w->wl_seen_admitted));
  bs_workload_add(w, BS_TASK_SANCTION, (double)(sanctions - w->wl_seen_sanctions));
  bs_workload_add(w, BS_TASK_HANDOVER, (double)(handovers - w->wl_seen_handovers));
  w->wl_seen_admitted = w->c.admitted;
  w->wl_seen_sanctions = sanctions;
  w->wl_seen_handovers = handovers;
}

double bs_workload_day(bs_world *w) {
  const bs_workload_params *wl = &w->p.workload;
  const bs_cm_params *cm = &w->p.case_management;
  event_tasks(w);
  double fte[2];
  bs_workload_fte(w, fte);
  int separate = cm->model == BS_CM_SEPARATE;
  double per_fte_day = wl->hours_per_fte_year / 365.25;
  double f = reorganising(w) ? cm->reorg_output_factor : 1;
  double avail[2] = {fte[0] * per_fte_day * f, fte[1] * per_fte_day * f};
  w->c.wl_hours_avail += avail[0] + avail[1];
  w->c.wl_fte_sum += fte[0] + fte[1];
  w->c.wl_days++;
  double elig = reorganising(w) ? wl->reorg_eligibility_factor : 1;
  double stock = (double)w->stock[BS_ST_BENEFIT];
  uint64_t ended = 0;
  for (int k = 0; k < BS_PAY_N; k++)
    ended += w->c.traj_ended[k];
  double in_traj = w->wl_traj_base + (double)w->c.traj_started - (double)ended;
  const double month = 365.25 / 12;
  /* today's hours due per task: periodic ones from the stock, event ones
   * from the backlog, offers for the queue */
  double due[BS_TASK_N] = {0};
  for (int t = 0; t < BS_TASK_N; t++)
    due[t] = w->wl_backlog[t];
  due[BS_TASK_INCOME_CHECK] = stock * wl->task_hours[BS_TASK_INCOME_CHECK] / month;
  due[BS_TASK_REEXAM] = wl->reexam_interval_days > 0
                            ? stock * wl->task_hours[BS_TASK_REEXAM] / wl->reexam_interval_days
                            : 0;
  due[BS_TASK_STEERING] = in_traj * wl->task_hours[BS_TASK_STEERING] / month;
  due[BS_TASK_CONTACT] = wl->contact_interval_days > 0
                             ? stock * wl->task_hours[BS_TASK_CONTACT] / wl->contact_interval_days
                             : 0;
  due[BS_TASK_OFFER] = (double)w->cmq_n * wl->task_hours[BS_TASK_OFFER];
  for (int t = 0; t < BS_TASK_N; t++)
    if (task_role[t] == 0)
      due[t] *= elig;
  double done[BS_TASK_N] = {0};
  int biggest[2] = {-1, -1};
  for (int t = 0; t < BS_TASK_N; t++) {
    int pool = separate ? task_role[t] : 0;
    done[t] = due[t] < avail[pool] ? due[t] : avail[pool];
    avail[pool] -= done[t];
    if (t != BS_TASK_OFFER && t < BS_TASK_OFFER && done[t] > 0 &&
        (biggest[pool] < 0 || done[t] > done[biggest[pool]]))
      biggest[pool] = t;
  }
  for (int t = 0; t < BS_TASK_N; t++) {
    if (t == BS_TASK_INTAKE || t == BS_TASK_SANCTION || t == BS_TASK_HANDOVER ||
        t == BS_TASK_DIAGNOSIS)
      w->wl_backlog[t] -= done[t];
    else
      w->c.wl_demand[t] += due[t]; /* event tasks were counted when added */
    w->c.wl_done[t] += done[t];
    w->c.wl_hours_used += done[t];
  }
  double contact_due = due[BS_TASK_CONTACT] + due[BS_TASK_REEXAM];
  w->wl_contact_ratio =
      contact_due > 0 ? (done[BS_TASK_CONTACT] + done[BS_TASK_REEXAM]) / contact_due : 1;
  if (done[BS_TASK_OFFER] < due[BS_TASK_OFFER]) {
    w->wl_squeeze_day = w->ctx.now;
    w->wl_squeeze_task = biggest[separate ? 1 : 0];
  }
  double h = wl->task_hours[BS_TASK_OFFER] * (task_role[BS_TASK_OFFER] == 0 ? elig : 1);
  return h > 0 ? done[BS_TASK_OFFER] / h : (double)w->cmq_n;
}
