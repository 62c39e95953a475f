/* scenario.c: see scenario.h. */
#include "analysis/scenario.h"

#include "analysis/indicators.h"
#include "analysis/km.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char *const derived_names[] = {"median_spell_days"};
enum { N_DERIVED = sizeof(derived_names) / sizeof(derived_names[0]) };

size_t bs_ext_count(void) { return bs_indicator_count() + N_DERIVED; }

const char *bs_ext_name(size_t i) {
  size_t n = bs_indicator_count();
  if (i < n)
    return bs_indicator_name(i);
  if (i < n + N_DERIVED)
    return derived_names[i - n];
  return NULL;
}

long bs_ext_index(const char *name) {
  for (size_t i = 0; i < bs_ext_count(); i++)
    if (strcmp(bs_ext_name(i), name) == 0)
      return (long)i;
  return -1;
}

/* The derived indicators of replication k. */
static int derive(const bs_scenario_run *s, size_t k, double *out, char *err, size_t errlen) {
  bs_km km;
  if (bs_km_cohorts(&s->res.cohorts[k], &s->res.cohort_n[k], 1, s->params.run.horizon_days, &km,
                    err, errlen) != 0)
    return -1;
  out[0] = bs_km_median(&km);
  bs_km_free(&km);
  return 0;
}

int bs_scenario_execute(bs_scenario_run *s, const bs_run_opts *o, char *err, size_t errlen) {
  bs_run_opts ro = *o;
  ro.keep_records = 1;
  s->ext = NULL;
  if (bs_run_replications(&s->params, &ro, &s->res, err, errlen) != 0)
    return -1;
  size_t R = s->res.replications, nind = s->res.nind;
  s->next = bs_ext_count();
  s->ext = malloc((R ? R : 1) * s->next * sizeof *s->ext);
  if (!s->ext) {
    snprintf(err, errlen, "out of memory (indicators of %zu replications)", R);
    bs_run_result_free(&s->res);
    return -1;
  }
  for (size_t k = 0; k < R; k++) {
    double *row = s->ext + k * s->next;
    memcpy(row, s->res.values + k * nind, nind * sizeof *row);
    if (derive(s, k, row + nind, err, errlen) != 0) {
      bs_scenario_free(s);
      return -1;
    }
  }
  return 0;
}

void bs_scenario_free(bs_scenario_run *s) {
  bs_run_result_free(&s->res);
  free(s->ext);
  s->ext = NULL;
}

void bs_scenario_unique_labels(bs_scenario_run *runs, size_t n) {
  for (size_t i = 1; i < n; i++) {
    int clash = 1;
    for (int suffix = 2; clash; suffix++) {
      clash = 0;
      for (size_t j = 0; j < i; j++)
        if (strcmp(runs[i].label, runs[j].label) == 0)
          clash = 1;
      if (!clash)
        break;
      char base[96];
      snprintf(base, sizeof base, "%s", runs[i].label);
      /* strip a suffix added in an earlier round */
      char *us = strrchr(base, '_');
      if (suffix > 2 && us)
        *us = 0;
      snprintf(runs[i].label, sizeof runs[i].label, "%.80s_%d", base, suffix);
    }
  }
}
