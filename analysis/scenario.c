/* scenario.c: see scenario.h. */
#include "analysis/scenario.h"

#include "analysis/indicators.h"
#include "analysis/km.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The derived indicators: rows like those of the indicator table, each with
 * its value from the Kaplan-Meier estimate of one replication's cohort. */
typedef struct derived_def {
  bs_indicator_def def;
  double (*of_km)(const bs_km *km);
} derived_def;

static const derived_def derived[] = {
    {{.name = "median_spell_days",
      .label = "Median benefit spell",
      .unit = BS_UNIT_DAYS,
      .fmt = BS_FMT_DAYS,
      .better = BS_BETTER_LOWER,
      .definition = "Half of the cohort's benefit spells ended within this many days "
                    "(Kaplan-Meier; n/a when more than half still run at the horizon)."},
     bs_km_median},
};
enum { N_DERIVED = sizeof(derived) / sizeof(derived[0]) };

size_t bs_ext_count(void) { return bs_indicator_count() + N_DERIVED; }

const bs_indicator_def *bs_ext_def(size_t i) {
  size_t n = bs_indicator_count();
  if (i < n)
    return bs_indicator(i);
  if (i < n + N_DERIVED)
    return &derived[i - n].def;
  return NULL;
}

const char *bs_ext_name(size_t i) {
  const bs_indicator_def *d = bs_ext_def(i);
  return d ? d->name : NULL;
}

long bs_ext_index(const char *name) {
  for (size_t i = 0; i < bs_ext_count(); i++)
    if (strcmp(bs_ext_name(i), name) == 0)
      return (long)i;
  return -1;
}

const bs_indicator_def *bs_ext_find(const char *name) {
  long i = bs_ext_index(name);
  return i < 0 ? NULL : bs_ext_def((size_t)i);
}

void bs_ext_summarise(const bs_scenario_run *s, size_t i, bs_summary *out) {
  bs_summarise(s->ext + i, s->res.replications, s->next, out);
  const bs_indicator_def *d = bs_ext_def(i);
  if (d && d->unit == BS_UNIT_SHARE)
    bs_summary_clip(out, 0, 1);
}

/* The derived indicators of replication k. */
static int derive(const bs_scenario_run *s, size_t k, double *out, char *err, size_t errlen) {
  bs_km km;
  if (bs_km_cohorts(&s->res.cohorts[k], &s->res.cohort_n[k], 1, s->params.run.horizon_days, &km,
                    err, errlen) != 0)
    return -1;
  for (size_t i = 0; i < N_DERIVED; i++)
    out[i] = derived[i].of_km(&km);
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

/* Grows *p (n elements of size sz) to n + more, copying `add` behind. */
static int append(void **p, size_t n, const void *add, size_t more, size_t sz) {
  void *q = realloc(*p, (n + more ? n + more : 1) * sz);
  if (!q)
    return -1;
  memcpy((char *)q + n * sz, add, more * sz);
  *p = q;
  return 0;
}

int bs_scenario_extend(bs_scenario_run *s, const bs_run_opts *o, size_t more, char *err,
                       size_t errlen) {
  bs_scenario_run *add = calloc(1, sizeof *add);
  if (!add) {
    snprintf(err, errlen, "out of memory");
    return -1;
  }
  add->params = s->params;
  bs_run_opts ro = *o;
  size_t R = s->res.replications;
  ro.first_replication = o->first_replication + R;
  ro.replications = more;
  if (bs_scenario_execute(add, &ro, err, errlen) != 0) {
    free(add);
    return -1;
  }
  bs_run_result *a = &s->res, *b = &add->res;
  /* the per-replication arrays grow first; the records move only when all
   * of them have (the pointers are then owned by s) */
  int bad =
      append((void **)&a->values, R * a->nind, b->values, more * b->nind, sizeof *a->values) ||
      append((void **)&s->ext, R * s->next, add->ext, more * add->next, sizeof *s->ext) ||
      append((void **)&a->cohorts, R, b->cohorts, more, sizeof *a->cohorts) ||
      append((void **)&a->cohort_n, R, b->cohort_n, more, sizeof *a->cohort_n) ||
      append((void **)&a->counters, R, b->counters, more, sizeof *a->counters) ||
      append((void **)&a->stocks, R, b->stocks, more, sizeof *a->stocks) ||
      append((void **)&a->stocks_n, R, b->stocks_n, more, sizeof *a->stocks_n);
  if (bad) {
    /* s keeps its first R replications; the arrays that grew are only longer */
    snprintf(err, errlen, "out of memory (%zu replications)", R + more);
    bs_scenario_free(add);
    free(add);
    return -1;
  }
  a->replications = R + more;
  a->events += b->events;
  a->wall_seconds += b->wall_seconds;
  /* the records now belong to s */
  for (size_t k = 0; k < more; k++)
    b->cohorts[k] = NULL, b->stocks[k] = NULL;
  bs_scenario_free(add);
  free(add);
  return 0;
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
