/* runner.c: see runner.h. */
#include "analysis/runner.h"

#include "analysis/indicators.h"
#include "analysis/limits.h"
#include "analysis/records.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

typedef struct job {
  const bs_params *p;
  const bs_run_opts *o;
  bs_run_result *out;
  pthread_mutex_t lock;
  size_t next;
  size_t done;
  int failed;
  int progress_shown;
  char err[1024];
  double t0;
  uint64_t max_events; /* a runaway replication stops here (bs_event_budget) */
} job;

static double now_seconds(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

static int run_one(job *j, size_t k) {
  const bs_run_opts *o = j->o;
  bs_run_result *out = j->out;
  bs_world *w = malloc(sizeof *w);
  char err[1024] = "";
  if (!w) {
    snprintf(err, sizeof err, "out of memory");
    goto fail;
  }
  if (bs_world_init(w, j->p, o->seed, o->first_replication + k) != SIM_OK) {
    snprintf(err, sizeof err, "out of memory setting up replication %zu", k);
    free(w);
    w = NULL;
    goto fail;
  }
  w->disabled_instrument = o->disabled_instrument;
  w->ctx.pool.limit = o->max_clients;
  w->ctx.max_events = j->max_events;
  bs_records_rep *rep = NULL;
  if (o->records &&
      bs_records_rep_begin(o->records, w, o->first_replication + k, &rep, err, sizeof err) != 0) {
    bs_world_free(w);
    free(w);
    goto fail;
  }
  if (bs_world_run(w) != SIM_OK) {
    snprintf(err, sizeof err, "replication %zu: %.900s", o->first_replication + k, w->ctx.err);
    bs_records_rep_abort(rep);
    bs_world_free(w);
    free(w);
    w = NULL;
    goto fail;
  }
  bs_indicators_compute(w, out->values + k * out->nind);
  if (rep && bs_records_rep_end(o->records, w, k, rep, err, sizeof err) != 0) {
    bs_world_free(w);
    free(w);
    goto fail;
  }
  if (o->keep_records) {
    out->counters[k] = w->c;
    out->cohorts[k] = w->cohort;
    out->cohort_n[k] = w->cohort_n;
    out->stocks[k] = w->stocks;
    out->stocks_n[k] = w->stocks_n;
    w->cohort = NULL; /* ownership moves to the result */
    w->stocks = NULL;
  }
  pthread_mutex_lock(&j->lock);
  out->events += w->ctx.events_processed;
  pthread_mutex_unlock(&j->lock);
  bs_world_free(w);
  free(w);
  return 0;
fail:
  pthread_mutex_lock(&j->lock);
  if (!j->failed) {
    j->failed = 1;
    snprintf(j->err, sizeof j->err, "%.1000s", err);
  }
  pthread_mutex_unlock(&j->lock);
  return -1;
}

static void *worker(void *arg) {
  job *j = arg;
  for (;;) {
    pthread_mutex_lock(&j->lock);
    size_t k = j->next++;
    int stop = j->failed || k >= j->o->replications;
    pthread_mutex_unlock(&j->lock);
    if (stop)
      return NULL;
    if (run_one(j, k) != 0)
      return NULL;
    pthread_mutex_lock(&j->lock);
    size_t done = ++j->done;
    if (j->o->progress) {
      /* only for runs that take a while; the last line is completed after the join */
      double el = now_seconds() - j->t0;
      if (el > 2.0) {
        fprintf(stderr, "\r%s: replication %zu/%zu, %.1f s elapsed, ~%.0f s left   ",
                j->o->label ? j->o->label : j->p->run.name, done, j->o->replications, el,
                el / (double)done * (double)(j->o->replications - done));
        j->progress_shown = 1;
      }
    }
    pthread_mutex_unlock(&j->lock);
  }
}

void bs_run_result_free(bs_run_result *r) {
  if (r->cohorts)
    for (size_t k = 0; k < r->replications; k++)
      free(r->cohorts[k]);
  if (r->stocks)
    for (size_t k = 0; k < r->replications; k++)
      free(r->stocks[k]);
  free(r->values);
  free(r->cohorts);
  free(r->cohort_n);
  free(r->counters);
  free(r->stocks);
  free(r->stocks_n);
  memset(r, 0, sizeof *r);
}

int bs_run_replications(const bs_params *p, const bs_run_opts *o, bs_run_result *out, char *err,
                        size_t errlen) {
  memset(out, 0, sizeof *out);
  /* refuse early what cannot fit, rather than be OOM-killed mid-run */
  size_t parallel = o->threads > 1 ? (size_t)o->threads : 1;
  if (parallel > o->replications)
    parallel = o->replications ? o->replications : 1;
  if (bs_check_run(p, o->replications, (int)parallel, NULL, err, errlen) != 0)
    return -1;
  out->replications = o->replications;
  out->nind = bs_indicator_count();
  size_t R = o->replications ? o->replications : 1;
  out->values = calloc(R * out->nind, sizeof *out->values);
  if (o->keep_records) {
    out->cohorts = calloc(R, sizeof *out->cohorts);
    out->cohort_n = calloc(R, sizeof *out->cohort_n);
    out->counters = calloc(R, sizeof *out->counters);
    out->stocks = calloc(R, sizeof *out->stocks);
    out->stocks_n = calloc(R, sizeof *out->stocks_n);
  }
  if (!out->values || (o->keep_records && (!out->cohorts || !out->cohort_n || !out->counters ||
                                           !out->stocks || !out->stocks_n))) {
    bs_run_result_free(out);
    snprintf(err, errlen, "out of memory");
    return -1;
  }
  job j = {.p = p, .o = o, .out = out, .t0 = now_seconds(), .max_events = bs_event_budget(p)};
  if (pthread_mutex_init(&j.lock, NULL) != 0) {
    bs_run_result_free(out);
    snprintf(err, errlen, "cannot create a mutex");
    return -1;
  }
  int nthreads = o->threads > 0 ? o->threads : 1;
  if ((size_t)nthreads > o->replications)
    nthreads = (int)(o->replications ? o->replications : 1);
  pthread_t tids[256];
  if (nthreads > 256)
    nthreads = 256;
  int started = 0;
  for (int i = 1; i < nthreads; i++) {
    if (pthread_create(&tids[started], NULL, worker, &j) != 0)
      break; /* fewer threads; results are the same */
    started++;
  }
  worker(&j);
  for (int i = 0; i < started; i++)
    pthread_join(tids[i], NULL);
  pthread_mutex_destroy(&j.lock);
  if (j.progress_shown)
    fputc('\n', stderr);
  out->wall_seconds = now_seconds() - j.t0;
  if (j.failed) {
    snprintf(err, errlen, "%.1000s", j.err);
    bs_run_result_free(out);
    return -1;
  }
  return 0;
}
