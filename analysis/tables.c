/* tables.c: see tables.h. */
#include "analysis/tables.h"

#include "analysis/compare.h"
#include "analysis/csv.h"
#include "analysis/indicators.h"
#include "analysis/km.h"
#include "analysis/output.h"
#include "analysis/stats.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void bs_write_num(FILE *f, double v) { bs_out_num(f, v, "NA"); }

void bs_write_mean_ci(FILE *f, const bs_summary *s) {
  bs_write_num(f, s->mean);
  fputc(',', f);
  bs_write_num(f, s->ci_low);
  fputc(',', f);
  bs_write_num(f, s->ci_high);
}

void bs_write_indicators(FILE *f, const bs_scenario_run *runs, size_t n, uint64_t seed) {
  fputs("scenario,replication,seed,indicator,value\n", f);
  for (size_t s = 0; s < n; s++) {
    const bs_run_result *r = &runs[s].res;
    for (size_t k = 0; k < r->replications; k++)
      for (size_t i = 0; i < r->nind; i++) {
        bs_csv_field(f, runs[s].label);
        fprintf(f, ",%zu,%llu,%s,", k, (unsigned long long)seed, bs_indicator_name(i));
        bs_write_num(f, r->values[k * r->nind + i]);
        fputc('\n', f);
      }
  }
}

/* "mean,sd,n,ci_low,ci_high" of a summary (no separator before or after). */
static void write_mean_sd_n_ci(FILE *f, const bs_summary *s) {
  bs_write_num(f, s->mean);
  fputc(',', f);
  bs_write_num(f, s->sd);
  fprintf(f, ",%zu,", s->n);
  bs_write_num(f, s->ci_low);
  fputc(',', f);
  bs_write_num(f, s->ci_high);
}

void bs_write_summary(FILE *f, const bs_scenario_run *runs, size_t n) {
  fputs("scenario,indicator,mean,sd,n,ci_low,ci_high\n", f);
  for (size_t s = 0; s < n; s++) {
    const bs_scenario_run *r = &runs[s];
    for (size_t i = 0; i < r->next; i++) {
      bs_summary sm;
      bs_ext_summarise(r, i, &sm);
      bs_csv_field(f, r->label);
      fprintf(f, ",%s,", bs_ext_name(i));
      write_mean_sd_n_ci(f, &sm);
      fputc('\n', f);
    }
  }
}

int bs_write_survival(FILE *f, const bs_scenario_run *runs, size_t n, char *err, size_t errlen) {
  fputs("scenario,day,at_risk,events,censored,survival,se,ci_low,ci_high\n", f);
  for (size_t s = 0; s < n; s++) {
    const bs_scenario_run *r = &runs[s];
    bs_km km;
    if (bs_km_cohorts(r->res.cohorts, r->res.cohort_n, r->res.replications,
                      r->params.run.horizon_days, &km, err, errlen) != 0)
      return -1;
    for (size_t i = 0; i < km.n; i++) {
      const bs_km_row *row = &km.rows[i];
      bs_csv_field(f, r->label);
      fprintf(f, ",%.0f,%zu,%zu,%zu,%.6f", row->time, row->at_risk, row->events, row->censored,
              row->survival);
      const double extra[3] = {row->se, row->ci_low, row->ci_high};
      for (int k = 0; k < 3; k++)
        if (isfinite(extra[k]))
          fprintf(f, ",%.6f", extra[k]);
        else
          fputs(",NA", f);
      fputc('\n', f);
    }
    bs_km_free(&km);
  }
  return 0;
}

/* The stock series of bs_stock_point, by their names in stock.csv. */
#define STOCK_SERIES(X)                                                                            \
  X("applicants", applicants)                                                                      \
  X("on_benefit", on_benefit)                                                                      \
  X("entered_cum", cum_entered)                                                                    \
  X("left_cum", cum_left)                                                                          \
  X("admitted_cum", cum_admitted)

static double stock_value(const bs_stock_point *p, int series) {
  int k = 0;
#define X(name, field)                                                                             \
  if (series == k++)                                                                               \
    return (double)p->field;
  STOCK_SERIES(X)
#undef X
  return NAN;
}

static const char *const stock_names[] = {
#define X(name, field) name,
    STOCK_SERIES(X)
#undef X
};
enum { N_STOCK = sizeof stock_names / sizeof stock_names[0] };

void bs_write_stock(FILE *f, const bs_scenario_run *runs, size_t n) {
  fputs("scenario,replication,day,stock,value\n", f);
  for (size_t s = 0; s < n; s++) {
    const bs_run_result *r = &runs[s].res;
    for (size_t k = 0; r->stocks && k < r->replications; k++)
      for (size_t i = 0; i < r->stocks_n[k]; i++)
        for (int q = 0; q < N_STOCK; q++) {
          bs_csv_field(f, runs[s].label);
          fprintf(f, ",%zu,", k);
          bs_write_num(f, r->stocks[k][i].day);
          fprintf(f, ",%s,", stock_names[q]);
          bs_write_num(f, stock_value(&r->stocks[k][i], q));
          fputc('\n', f);
        }
  }
}

void bs_write_stock_summary(FILE *f, const bs_scenario_run *runs, size_t n) {
  fputs("scenario,stock,day,mean,sd,n,ci_low,ci_high\n", f);
  for (size_t s = 0; s < n; s++) {
    const bs_run_result *r = &runs[s].res;
    size_t R = r->replications, points = 0;
    /* every replication reports on the same days; a shorter series (none
     * ever is) would leave its missing points out of the summary */
    for (size_t k = 0; r->stocks && k < R; k++)
      points = r->stocks_n[k] > points ? r->stocks_n[k] : points;
    double *v = malloc((R ? R : 1) * sizeof *v);
    if (!v)
      return;
    for (int q = 0; q < N_STOCK; q++)
      for (size_t i = 0; i < points; i++) {
        double day = NAN;
        for (size_t k = 0; k < R; k++) {
          v[k] = i < r->stocks_n[k] ? stock_value(&r->stocks[k][i], q) : NAN;
          if (i < r->stocks_n[k] && !isfinite(day))
            day = r->stocks[k][i].day;
        }
        bs_summary sm;
        bs_summarise(v, R, 1, &sm);
        bs_summary_clip(&sm, 0, INFINITY);
        bs_csv_field(f, runs[s].label);
        fprintf(f, ",%s,", stock_names[q]);
        bs_write_num(f, day);
        fputc(',', f);
        write_mean_sd_n_ci(f, &sm);
        fputc('\n', f);
      }
    free(v);
  }
}

static double sub0(double a, double b) { return a > b ? a - b : 0; }

/* Fills items (at most BS_FLOW_MAX); returns their number. */
static size_t bs_flow_items(const bs_params *p, const bs_counters *c, double stock_end,
                            bs_flow_item *it) {
  size_t n = 0;
  double initial = (double)p->inflow.initial_stock;
  double admitted_new = sub0((double)c->admitted, initial);
  double gate_withdrawn = sub0((double)c->gate_exits, (double)c->gate[BS_GATE_MEDIATED]);
#define ADD(st, name, v) it[n++] = (bs_flow_item){st, name, (double)(v)}
  ADD("inflow", "initial_stock", initial);
  ADD("inflow", "applications", c->applications);
  for (int g = 0; g < BS_GATE_N; g++)
    ADD("gate", bs_gate_names[g], c->gate[g]);
  ADD("gate", "admitted", admitted_new);
  ADD("gate", "in_intake_at_horizon",
      sub0((double)c->applications, (double)c->gate_exits + admitted_new));
  for (int ph = 1; ph <= 4; ph++) {
    static const char *const names[] = {"", "phase_1", "phase_2", "phase_3", "phase_4"};
    ADD("phase", names[ph], c->phase_assigned[ph]);
  }
  ADD("programme", bs_programme_names[BS_PROG_WORK_FIRST], c->wf_started);
  ADD("programme", bs_programme_names[BS_PROG_TRAJECTORY], c->traj_started);
  ADD("programme", bs_programme_names[BS_PROG_ACTIVATION], c->act_started);
  uint64_t sanctions = 0;
  for (int k = 0; k < BS_SANC_N; k++)
    sanctions += c->sanctions[k];
  ADD("programme", "sanction", sanctions);
  /* leavers from benefit by route: the gate's exits are not benefit outflow */
  for (int r = 0; r < BS_ROUTE_N; r++) {
    double v = (double)c->left[r];
    if (r == BS_ROUTE_WITHDRAWAL)
      v = sub0(v, gate_withdrawn);
    if (r == BS_ROUTE_REGULAR_WORK)
      v = sub0(v, (double)c->gate[BS_GATE_MEDIATED]);
    ADD("outflow", bs_route_names[r], v);
  }
  ADD("end", "on_benefit_at_horizon", stock_end);
#undef ADD
  return n;
}

void bs_write_flow(FILE *f, const bs_scenario_run *runs, size_t n) {
  fputs("scenario,stage,item,count_mean\n", f);
  long end_idx = bs_indicator_index("stock_on_benefit_end");
  for (size_t s = 0; s < n; s++) {
    const bs_scenario_run *r = &runs[s];
    size_t R = r->res.replications;
    bs_flow_item items[BS_FLOW_MAX], one[BS_FLOW_MAX];
    size_t m = 0;
    for (size_t k = 0; k < R; k++) {
      double end = end_idx >= 0 ? r->res.values[k * r->res.nind + (size_t)end_idx] : NAN;
      m = bs_flow_items(&r->params, &r->res.counters[k], end, one);
      for (size_t i = 0; i < m; i++) {
        if (k == 0)
          items[i] = one[i];
        else
          items[i].count += one[i].count;
      }
    }
    for (size_t i = 0; i < m; i++) {
      bs_csv_field(f, r->label);
      fprintf(f, ",%s,%s,", items[i].stage, items[i].item);
      bs_write_num(f, items[i].count / (double)R);
      fputc('\n', f);
    }
  }
}

void bs_write_sweep_headers(FILE *rows, FILE *summary) {
  fputs("param,point,label,value,replication,indicator,estimate,diff\n", rows);
  fputs("param,point,label,value,indicator,mean,ci_low,ci_high,sd,n,diff_mean,diff_ci_low,"
        "diff_ci_high,diff_sd,excludes_zero\n",
        summary);
}

/* A swept value as a number: the whole text read as one, else NaN. */
static double sweep_number(const char *label) {
  char *end;
  double v = strtod(label, &end);
  return end != label && *end == 0 && isfinite(v) ? v : NAN;
}

/* "param,point,label,value," */
static void sweep_point_fields(FILE *f, const char *param, size_t point, const char *label) {
  bs_csv_field(f, param);
  fprintf(f, ",%zu,", point);
  bs_csv_field(f, label);
  fputc(',', f);
  bs_write_num(f, sweep_number(label));
  fputc(',', f);
}

void bs_write_sweep_point(FILE *rows, FILE *summary, const char *param, size_t point,
                          const char *label, const bs_scenario_run *run,
                          const bs_scenario_run *ref) {
  size_t R = run->res.replications;
  for (size_t k = 0; k < R; k++)
    for (size_t i = 0; i < run->next; i++) {
      double v = run->ext[k * run->next + i];
      sweep_point_fields(rows, param, point, label);
      fprintf(rows, "%zu,%s,", k, bs_ext_name(i));
      bs_write_num(rows, v);
      fputc(',', rows);
      bs_write_num(rows, ref && k < ref->res.replications ? v - ref->ext[k * ref->next + i] : NAN);
      fputc('\n', rows);
    }
  for (size_t i = 0; i < run->next; i++) {
    bs_summary sm;
    bs_ext_summarise(run, i, &sm);
    sweep_point_fields(summary, param, point, label);
    fprintf(summary, "%s,", bs_ext_name(i));
    bs_write_mean_ci(summary, &sm);
    fputc(',', summary);
    bs_write_num(summary, sm.sd);
    fprintf(summary, ",%zu,", sm.n);
    if (!ref) {
      fputs("NA,NA,NA,NA,NA\n", summary);
      continue;
    }
    bs_summary d;
    bs_compare_diff(ref, run, i, &d);
    bs_write_mean_ci(summary, &d);
    fputc(',', summary);
    bs_write_num(summary, d.sd);
    fprintf(summary, ",%s\n", d.n < 2 ? "NA" : bs_ci_excludes_zero(&d) ? "true" : "false");
  }
}
