/* effect.c: see effect.h. */
#include "analysis/effect.h"

#include "analysis/csv.h"
#include "analysis/indicators.h"
#include "analysis/tables.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define YEAR_DAYS 365.0

#define NAME(e, name, ...) name,
#define LABEL(e, name, label, ...) label,
#define CHART(e, name, label, chart) chart,
const char *const bs_effect_outcome_names[BS_EFF_OUTCOMES] = {BS_EFF_OUTCOME_LIST(NAME)};
const char *const bs_effect_outcome_labels[BS_EFF_OUTCOMES] = {BS_EFF_OUTCOME_LIST(LABEL)};
const char *const bs_effect_group_names[BS_EFF_GROUPS] = {BS_EFF_GROUP_LIST(NAME)};
const char *const bs_effect_group_labels[BS_EFF_GROUPS] = {BS_EFF_GROUP_LIST(LABEL)};
const char *const bs_effect_group_chart_labels[BS_EFF_GROUPS] = {BS_EFF_GROUP_LIST(CHART)};
#undef NAME
#undef LABEL
#undef CHART
/* the phase groups are consecutive: phase p is BS_EFF_G_PHASE_1 + p - 1 */
_Static_assert(BS_EFF_G_PHASE_4 - BS_EFF_G_PHASE_1 == 3, "phase groups 1-4 in order");

/* The BS_REC_* flag a participant's cohort record carries. */
static const unsigned instrument_flags[BS_INSTR_N] = {[BS_INSTR_WORK_FIRST] = BS_REC_WORK_FIRST,
                                                      [BS_INSTR_TRAJECTORY] = BS_REC_TRAJECTORY,
                                                      [BS_INSTR_ACTIVATION] = BS_REC_ACTIVATION,
                                                      [BS_INSTR_SANCTIONS] = BS_REC_SANCTIONED,
                                                      [BS_INSTR_HOME_VISITS] = BS_REC_HOME_VISIT};
_Static_assert(BS_INSTR_N == 6, "an instrument was added: give it its BS_REC_* flag above");

unsigned bs_instrument_flag(int instrument) {
  return instrument > BS_INSTR_NONE && instrument < BS_INSTR_N ? instrument_flags[instrument] : 0;
}

int bs_instrument_index(const char *name) {
  int i = bs_domain_index(bs_instrument_names, BS_INSTR_N, name);
  return i > BS_INSTR_NONE ? i : -1;
}

const char *bs_instrument_choices(char *buf, size_t len, const char *last) {
  size_t n = 0;
  buf[0] = 0;
  for (int i = BS_INSTR_NONE + 1; i < BS_INSTR_N && n < len; i++) {
    const char *sep = i == BS_INSTR_NONE + 1 ? "" : i + 1 == BS_INSTR_N ? last : ", ";
    int k = snprintf(buf + n, len - n, "%s%s", sep, bs_instrument_names[i]);
    n += k > 0 ? (size_t)k : 0;
  }
  return buf;
}

int bs_effect_outcome_months(int o) {
  static const int months[BS_EFF_OUTCOMES] = {[BS_EFF_O_LEFT_BENEFIT] = 12,
                                              [BS_EFF_O_WORK] = 12,
                                              [BS_EFF_O_WORK_24M] = 24,
                                              [BS_EFF_O_WORK_36M] = 36};
  return o >= 0 && o < BS_EFF_OUTCOMES ? months[o] : 0;
}

double bs_effect_horizon(const bs_params *p) {
  int longest = 0;
  for (int o = 0; o < BS_EFF_OUTCOMES; o++)
    if (bs_effect_outcome_months(o) > longest)
      longest = bs_effect_outcome_months(o);
  double need = p->run.cohort_start_day + p->run.cohort_length_days + longest / 12.0 * YEAR_DAYS;
  return need > p->run.horizon_days ? need : p->run.horizon_days;
}

static int outcome(const bs_cohort_rec *r, int o) {
  if (!(r->t_out - r->t_in <= bs_effect_outcome_months(o) / 12.0 * YEAR_DAYS))
    return 0;
  if (o == BS_EFF_O_LEFT_BENEFIT)
    return 1;
  return BS_ROUTE_IS_WORK(r->route);
}

typedef struct id_idx {
  uint32_t id;
  uint32_t idx;
} id_idx;

static int id_cmp(const void *a, const void *b) {
  const id_idx *x = a, *y = b;
  if (x->id != y->id)
    return x->id < y->id ? -1 : 1;
  return x->idx < y->idx ? -1 : x->idx > y->idx;
}

/* Sorted (id, first record index) of a cohort; *m distinct ids. */
static id_idx *index_ids(const bs_cohort_rec *c, size_t n, size_t *m) {
  id_idx *v = malloc((n ? n : 1) * sizeof *v);
  if (!v)
    return NULL;
  for (size_t i = 0; i < n; i++)
    v[i] = (id_idx){c[i].id, (uint32_t)i};
  qsort(v, n, sizeof *v, id_cmp);
  size_t k = 0;
  for (size_t i = 0; i < n; i++)
    if (k == 0 || v[k - 1].id != v[i].id)
      v[k++] = v[i];
  *m = k;
  return v;
}

static const id_idx *find_id(const id_idx *v, size_t m, uint32_t id) {
  size_t lo = 0, hi = m;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (v[mid].id < id)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo < m && v[lo].id == id ? &v[lo] : NULL;
}

/* One replication: per outcome and group, the quantities. */
static int one_replication(const bs_cohort_rec *wc, size_t wn, const bs_cohort_rec *nc, size_t nn,
                           unsigned flag, double q[BS_EFF_OUTCOMES][BS_EFF_GROUPS][BS_EFF_Q]) {
  size_t wm, nm;
  id_idx *wi = index_ids(wc, wn, &wm);
  id_idx *ni = wi ? index_ids(nc, nn, &nm) : NULL;
  if (!wi || !ni) {
    free(wi);
    free(ni);
    return -1;
  }
  double part[BS_EFF_GROUPS] = {0}, matched[BS_EFF_GROUPS] = {0};
  double gross[BS_EFF_OUTCOMES][BS_EFF_GROUPS] = {{0}}, cf[BS_EFF_OUTCOMES][BS_EFF_GROUPS] = {{0}};
  for (size_t i = 0; i < wm; i++) {
    const bs_cohort_rec *r = &wc[wi[i].idx];
    if (!(r->flags & flag))
      continue;
    int groups[3] = {BS_EFF_G_PARTICIPANTS, -1, r->far ? BS_EFF_G_FAR : BS_EFF_G_NEAR};
    if (r->phase >= 1 && r->phase <= 4)
      groups[1] = BS_EFF_G_PHASE_1 + r->phase - 1;
    const id_idx *m = find_id(ni, nm, r->id);
    for (int g = 0; g < 3; g++) {
      if (groups[g] < 0)
        continue;
      part[groups[g]]++;
      if (!m)
        continue;
      matched[groups[g]]++;
      for (int o = 0; o < BS_EFF_OUTCOMES; o++) {
        gross[o][groups[g]] += outcome(r, o);
        cf[o][groups[g]] += outcome(&nc[m->idx], o);
      }
    }
  }
  /* the whole cohort, with vs without, unmatched */
  part[BS_EFF_G_WHOLE_COHORT] = (double)wn;
  matched[BS_EFF_G_WHOLE_COHORT] = (double)nn;
  for (int o = 0; o < BS_EFF_OUTCOMES; o++) {
    for (size_t i = 0; i < wn; i++)
      gross[o][BS_EFF_G_WHOLE_COHORT] += outcome(&wc[i], o);
    for (size_t i = 0; i < nn; i++)
      cf[o][BS_EFF_G_WHOLE_COHORT] += outcome(&nc[i], o);
  }
  for (int o = 0; o < BS_EFF_OUTCOMES; o++)
    for (int g = 0; g < BS_EFF_GROUPS; g++) {
      double *x = q[o][g];
      double gd = g == BS_EFF_G_WHOLE_COHORT ? part[g] : matched[g];
      double cd = matched[g];
      x[BS_EFF_PARTICIPANTS] = part[g];
      x[BS_EFF_MATCHED] = matched[g];
      x[BS_EFF_GROSS] = gd > 0 ? gross[o][g] / gd : NAN;
      x[BS_EFF_CF] = cd > 0 ? cf[o][g] / cd : NAN;
      x[BS_EFF_NET] = x[BS_EFF_GROSS] - x[BS_EFF_CF];
      x[BS_EFF_DW] = x[BS_EFF_GROSS] > 0 ? x[BS_EFF_CF] / x[BS_EFF_GROSS] : NAN;
    }
  free(wi);
  free(ni);
  return 0;
}

int bs_effect_compute(const bs_run_result *with, const bs_run_result *without, int instrument,
                      bs_effect *out, char *err, size_t errlen) {
  memset(out, 0, sizeof *out);
  out->instrument = instrument;
  size_t R =
      with->replications < without->replications ? with->replications : without->replications;
  out->replications = R;
  if (!with->cohorts || !without->cohorts) {
    snprintf(err, errlen, "effect: the runs were made without cohort records");
    return -1;
  }
  enum { PER = BS_EFF_OUTCOMES * BS_EFF_GROUPS * BS_EFF_Q };
  double *v = malloc((R ? R : 1) * PER * sizeof *v);
  if (!v) {
    snprintf(err, errlen, "out of memory (effect of %zu replications)", R);
    return -1;
  }
  unsigned flag = bs_instrument_flag(instrument);
  for (size_t k = 0; k < R; k++)
    if (one_replication(with->cohorts[k], with->cohort_n[k], without->cohorts[k],
                        without->cohort_n[k], flag,
                        (double(*)[BS_EFF_GROUPS][BS_EFF_Q])(v + k * PER)) != 0) {
      free(v);
      snprintf(err, errlen, "out of memory (matching the cohorts of replication %zu)", k);
      return -1;
    }
  for (int o = 0; o < BS_EFF_OUTCOMES; o++)
    for (int g = 0; g < BS_EFF_GROUPS; g++)
      for (int x = 0; x < BS_EFF_Q; x++) {
        bs_summarise(v + ((size_t)o * BS_EFF_GROUPS + (size_t)g) * BS_EFF_Q + (size_t)x, R, PER,
                     &out->q[o][g][x]);
        if (x == BS_EFF_GROSS || x == BS_EFF_CF) /* shares */
          bs_summary_clip(&out->q[o][g][x], 0, 1);
      }
  free(v);
  return 0;
}

static void mean_ci(FILE *f, const bs_summary *s) {
  fputc(',', f);
  bs_write_mean_ci(f, s);
}

void bs_effect_write(FILE *f, const char *scenario, const bs_effect *e) {
  fputs("scenario,instrument,outcome,group,replications,participants,matched,gross,gross_ci_low,"
        "gross_ci_high,counterfactual,counterfactual_ci_low,counterfactual_ci_high,net,"
        "net_ci_low,net_ci_high,net_excludes_zero,deadweight,deadweight_ci_low,"
        "deadweight_ci_high\n",
        f);
  for (int o = 0; o < BS_EFF_OUTCOMES; o++)
    for (int g = 0; g < BS_EFF_GROUPS; g++) {
      const bs_summary *q = e->q[o][g];
      bs_csv_field(f, scenario);
      fprintf(f, ",%s,%s,%s,%zu,", bs_instrument_names[e->instrument], bs_effect_outcome_names[o],
              bs_effect_group_names[g], e->replications);
      bs_write_num(f, q[BS_EFF_PARTICIPANTS].mean);
      fputc(',', f);
      bs_write_num(f, q[BS_EFF_MATCHED].mean);
      mean_ci(f, &q[BS_EFF_GROSS]);
      mean_ci(f, &q[BS_EFF_CF]);
      mean_ci(f, &q[BS_EFF_NET]);
      fputs(q[BS_EFF_NET].n < 2                   ? ",NA"
            : bs_ci_excludes_zero(&q[BS_EFF_NET]) ? ",true"
                                                  : ",false",
            f);
      mean_ci(f, &q[BS_EFF_DW]);
      fputc('\n', f);
    }
}

/* ------------------------------------------------------------- channels */

static const bs_effect_channel work_first_channels[] = {
    {"threat", "checked job search (threat)", {"behaviour.threat.work_first_mult=1", NULL}},
    {"deterrence",
     "deterrence (at the gate and at the start)",
     {"work_first.p_deterred=0", "gatekeeping.p_work_first_withdraw=0", NULL}},
    {"placement",
     "placement (job boost, subsidised follow-up)",
     {"work_first.placement_job_boost=1", "work_first.p_followup_subsidised=0", NULL}},
    {"after_effect",
     "after-effect",
     {"behaviour.after_effect.work_first_near=1", "behaviour.after_effect.work_first_far=1", NULL}},
};
static const bs_effect_channel trajectory_channels[] = {
    {"lock_in", "lock-in during the trajectory", {"trajectory.lock_in=1", NULL}},
    {"after_effect",
     "after-effect",
     {"behaviour.after_effect.trajectory_near=1", "behaviour.after_effect.trajectory_far=1", NULL}},
    {"threat", "the trajectory plan (threat)", {"behaviour.threat.trajectory_mult=1", NULL}},
};
static const bs_effect_channel sanction_channels[] = {
    {"deterrent",
     "deterrent (ex-ante threat of monitoring)",
     {"behaviour.threat.work_first_mult=1", "behaviour.threat.trajectory_mult=1",
      "behaviour.threat.cwi_check_mult=1", "behaviour.threat.hh_mult=1", NULL}},
    {"ex_post", "ex-post (after a maatregel)", {"behaviour.sanction_effect.job_mult=1", NULL}},
};
static const bs_effect_channel activation_channels[] = {
    {"distance",
     "ladder progress lowers distance",
     {"behaviour.after_effect.activation_distance_per_rung=0", NULL}},
};

const bs_effect_channel *bs_effect_channels(int instrument, size_t *n) {
#define CH(a) (*n = sizeof a / sizeof a[0], a)
  switch (instrument) {
  case BS_INSTR_WORK_FIRST:
    return CH(work_first_channels);
  case BS_INSTR_TRAJECTORY:
    return CH(trajectory_channels);
  case BS_INSTR_SANCTIONS:
    return CH(sanction_channels);
  case BS_INSTR_ACTIVATION:
    return CH(activation_channels);
  default:
    *n = 0;
    return NULL;
  }
#undef CH
}

void bs_effect_channel_write(FILE *f, const char *scenario, const bs_effect *total,
                             const char *channel, const bs_effect *e, int header) {
  if (header)
    fputs("scenario,instrument,channel,outcome,group,participants,net,net_ci_low,net_ci_high,"
          "share_of_total\n",
          f);
  for (int o = 0; o < BS_EFF_OUTCOMES; o++)
    for (int g = 0; g < BS_EFF_GROUPS; g++) {
      const bs_summary *q = e->q[o][g];
      double all = total->q[o][g][BS_EFF_NET].mean;
      bs_csv_field(f, scenario);
      fprintf(f, ",%s,%s,%s,%s,", bs_instrument_names[e->instrument], channel,
              bs_effect_outcome_names[o], bs_effect_group_names[g]);
      bs_write_num(f, q[BS_EFF_PARTICIPANTS].mean);
      mean_ci(f, &q[BS_EFF_NET]);
      fputc(',', f);
      bs_write_num(f, all != 0 ? q[BS_EFF_NET].mean / all : NAN);
      fputc('\n', f);
    }
}
