/* targets.c: observed figures against simulated results (targets.h). */
#include "analysis/targets.h"

#include "analysis/csv.h"
#include "analysis/tables.h"
#include "sim/config.h"

#include <math.h>
#include <string.h>

int bs_targets_check(const bs_params *p, char *err, size_t errlen) {
  for (size_t i = 0; i < p->targets_n; i++) {
    const bs_target *t = &p->targets[i];
    if (bs_ext_index(t->indicator) >= 0)
      continue;
    cfg_suggestion sg = CFG_SUGGESTION_INIT;
    for (size_t k = 0; k < bs_ext_count(); k++)
      cfg_suggest_consider(&sg, t->indicator, bs_ext_name(k));
    char hint[128];
    if (!*cfg_suggest_text(&sg, hint, sizeof hint))
      snprintf(hint, sizeof hint, " (the names are in docs/indicators.md)");
    snprintf(err, errlen, "%s: key 'targets[%zu].indicator': unknown indicator '%s'%s", t->where, i,
             t->indicator, hint);
    return -1;
  }
  return 0;
}

int bs_targets_any(const bs_scenario_run *runs, size_t n) {
  for (size_t s = 0; s < n; s++)
    if (runs[s].params.targets_n > 0)
      return 1;
  return 0;
}

bs_target_verdict bs_target_judge(const bs_summary *s, double low, double high) {
  if (isnan(s->mean))
    return BS_TARGET_UNDEFINED;
  if (s->mean < low || s->mean > high)
    return BS_TARGET_OUTSIDE;
  if (isnan(s->ci_low) || isnan(s->ci_high))
    return BS_TARGET_MEAN_INSIDE;
  return s->ci_low >= low && s->ci_high <= high ? BS_TARGET_INSIDE : BS_TARGET_MEAN_INSIDE;
}

const char *bs_target_verdict_name(bs_target_verdict v) {
  switch (v) {
  case BS_TARGET_INSIDE:
    return "interval_inside";
  case BS_TARGET_MEAN_INSIDE:
    return "mean_inside";
  case BS_TARGET_OUTSIDE:
    return "outside";
  default:
    return "undefined";
  }
}

void bs_write_targets(FILE *f, const bs_scenario_run *runs, size_t n) {
  fputs("scenario,indicator,observed,low,high,mean,ci_low,ci_high,verdict,source\n", f);
  for (size_t s = 0; s < n; s++) {
    const bs_scenario_run *r = &runs[s];
    for (size_t i = 0; i < r->params.targets_n; i++) {
      const bs_target *t = &r->params.targets[i];
      long k = bs_ext_index(t->indicator);
      bs_summary sm = {.mean = NAN, .sd = NAN, .ci_low = NAN, .ci_high = NAN};
      if (k >= 0)
        bs_ext_summarise(r, (size_t)k, &sm);
      bs_csv_field(f, r->label);
      fputc(',', f);
      bs_csv_field(f, t->indicator);
      fputc(',', f);
      bs_write_num(f, t->observed);
      fputc(',', f);
      bs_write_num(f, t->low);
      fputc(',', f);
      bs_write_num(f, t->high);
      fputc(',', f);
      bs_write_mean_ci(f, &sm);
      fprintf(f, ",%s,", bs_target_verdict_name(bs_target_judge(&sm, t->low, t->high)));
      bs_csv_field(f, t->source);
      fputc('\n', f);
    }
  }
}
