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

int bs_run_result_alloc(bs_run_result *out, size_t replications, int keep_records) {
  memset(out, 0, sizeof *out);
  out->replications = replications;
  out->nind = bs_indicator_count();
  size_t R = replications ? replications : 1;
  out->values = calloc(R * out->nind, sizeof *out->values);
  if (keep_records) {
    out->cohorts = calloc(R, sizeof *out->cohorts);
    out->cohort_n = calloc(R, sizeof *out->cohort_n);
    out->counters = calloc(R, sizeof *out->counters);
    out->stocks = calloc(R, sizeof *out->stocks);
    out->stocks_n = calloc(R, sizeof *out->stocks_n);
  }
  if (!out->values || (keep_records && (!out->cohorts || !out->cohort_n || !out->counters ||
                                        !out->stocks || !out->stocks_n))) {
    bs_run_result_free(out);
    return -1;
  }
  return 0;
}

/* The packed layout: a header of PACK_HEAD 64-bit words (magic, rows,
 * indicators, records kept, events), the values, then with records per row
 * its counters, cohort and stock counts, and all cohorts and stocks. The
 * same program on every rank: the structs are copied as they are. */
enum { PACK_HEAD = 5 };
#define PACK_MAGIC 0x62736d7270616b31ull /* "bsmrpak1" */

static size_t pack_size(const bs_run_result *r) {
  size_t n = PACK_HEAD * sizeof(uint64_t) + r->replications * r->nind * sizeof(double);
  if (r->cohorts) {
    n += r->replications * (sizeof(bs_counters) + 2 * sizeof(uint64_t));
    for (size_t k = 0; k < r->replications; k++)
      n += r->cohort_n[k] * sizeof(bs_cohort_rec) + r->stocks_n[k] * sizeof(bs_stock_point);
  }
  return n;
}

static void put(unsigned char **at, const void *src, size_t n) {
  if (n)
    memcpy(*at, src, n);
  *at += n;
}

int bs_run_result_pack(const bs_run_result *r, void **buf, size_t *len) {
  size_t n = pack_size(r);
  unsigned char *b = malloc(n), *at = b;
  if (!b)
    return -1;
  uint64_t head[PACK_HEAD] = {PACK_MAGIC, r->replications, r->nind, r->cohorts != NULL, r->events};
  put(&at, head, sizeof head);
  put(&at, r->values, r->replications * r->nind * sizeof(double));
  if (r->cohorts) {
    put(&at, r->counters, r->replications * sizeof(bs_counters));
    for (size_t k = 0; k < r->replications; k++) {
      uint64_t c[2] = {r->cohort_n[k], r->stocks_n[k]};
      put(&at, c, sizeof c);
    }
    for (size_t k = 0; k < r->replications; k++)
      put(&at, r->cohorts[k], r->cohort_n[k] * sizeof(bs_cohort_rec));
    for (size_t k = 0; k < r->replications; k++)
      put(&at, r->stocks[k], r->stocks_n[k] * sizeof(bs_stock_point));
  }
  *buf = b;
  *len = n;
  return 0;
}

/* A copy of n bytes at src (NULL for none) into *out: 0, or -1 (out of memory). */
static int copy_out(const unsigned char *src, size_t n, void **out) {
  *out = NULL;
  if (n == 0)
    return 0;
  *out = malloc(n);
  if (!*out)
    return -1;
  memcpy(*out, src, n);
  return 0;
}

/* Checks that rows at..at+rows fit dst and that dst keeps records if they come. */
static int fits(const bs_run_result *dst, size_t at, size_t rows, size_t nind, int records,
                char *err, size_t errlen) {
  if (at > dst->replications || rows > dst->replications - at || nind != dst->nind ||
      (records && !dst->cohorts)) {
    snprintf(err, errlen,
             "internal error: %zu replications with %zu indicators%s do not fit rows %zu.. of a "
             "result of %zu with %zu%s",
             rows, nind, records ? " and records" : "", at, dst->replications, dst->nind,
             dst->cohorts ? "" : " and no records");
    return -1;
  }
  return 0;
}

int bs_run_result_unpack(bs_run_result *dst, size_t at, const void *buf, size_t len, char *err,
                         size_t errlen) {
  const unsigned char *p = buf, *end = p + len;
  uint64_t head[PACK_HEAD] = {0};
  if (len >= sizeof head)
    memcpy(head, p, sizeof head);
  if (head[0] != PACK_MAGIC) {
    snprintf(err, errlen, "internal error: a malformed replication result (%zu bytes)", len);
    return -1;
  }
  p += sizeof head;
  size_t rows = (size_t)head[1], nind = (size_t)head[2];
  int records = head[3] != 0;
  /* rows and nind fit dst, which is allocated: the sizes below do not overflow */
  if (fits(dst, at, rows, nind, records, err, errlen) != 0)
    return -1;
  size_t nval = rows * nind * sizeof(double);
  size_t fixed = nval + (records ? rows * (sizeof(bs_counters) + 2 * sizeof(uint64_t)) : 0);
  size_t rest = (size_t)(end - p) >= fixed ? (size_t)(end - p) - fixed : SIZE_MAX;
  const unsigned char *vals = p, *ctr = p + nval, *cnt = ctr + rows * sizeof(bs_counters);
  for (size_t k = 0; records && rest != SIZE_MAX && k < rows; k++) {
    uint64_t c[2];
    memcpy(c, cnt + k * sizeof c, sizeof c);
    if (c[0] > rest / sizeof(bs_cohort_rec) ||
        c[1] > (rest - c[0] * sizeof(bs_cohort_rec)) / sizeof(bs_stock_point))
      rest = SIZE_MAX;
    else
      rest -= (size_t)c[0] * sizeof(bs_cohort_rec) + (size_t)c[1] * sizeof(bs_stock_point);
  }
  if (rest != 0) {
    snprintf(err, errlen, "internal error: a replication result of %zu bytes has the wrong length",
             len);
    return -1;
  }
  memcpy(dst->values + at * nind, vals, nval);
  const unsigned char *cohorts = cnt + rows * 2 * sizeof(uint64_t), *stocks = cohorts;
  for (size_t k = 0; records && k < rows; k++) {
    uint64_t c[2];
    memcpy(c, cnt + k * sizeof c, sizeof c);
    stocks += c[0] * sizeof(bs_cohort_rec);
  }
  for (size_t k = 0; records && k < rows; k++) {
    size_t row = at + k;
    uint64_t c[2];
    memcpy(c, cnt + k * sizeof c, sizeof c);
    size_t nc = (size_t)c[0] * sizeof(bs_cohort_rec), ns = (size_t)c[1] * sizeof(bs_stock_point);
    free(dst->cohorts[row]);
    free(dst->stocks[row]);
    dst->cohort_n[row] = dst->stocks_n[row] = 0;
    dst->stocks[row] = NULL;
    if (copy_out(cohorts, nc, (void **)&dst->cohorts[row]) != 0 ||
        copy_out(stocks, ns, (void **)&dst->stocks[row]) != 0) {
      snprintf(err, errlen, "out of memory");
      return -1;
    }
    memcpy(&dst->counters[row], ctr + k * sizeof(bs_counters), sizeof(bs_counters));
    dst->cohort_n[row] = (size_t)c[0];
    dst->stocks_n[row] = (size_t)c[1];
    cohorts += nc;
    stocks += ns;
  }
  dst->events += head[4];
  return 0;
}

int bs_run_result_move(bs_run_result *dst, size_t at, bs_run_result *src, char *err,
                       size_t errlen) {
  size_t rows = src->replications;
  if (fits(dst, at, rows, src->nind, src->cohorts != NULL, err, errlen) != 0)
    return -1;
  if (rows)
    memcpy(dst->values + at * dst->nind, src->values, rows * src->nind * sizeof(double));
  for (size_t k = 0; src->cohorts && k < rows; k++) {
    size_t row = at + k;
    free(dst->cohorts[row]);
    free(dst->stocks[row]);
    dst->cohorts[row] = src->cohorts[k];
    dst->cohort_n[row] = src->cohort_n[k];
    dst->stocks[row] = src->stocks[k];
    dst->stocks_n[row] = src->stocks_n[k];
    dst->counters[row] = src->counters[k];
    src->cohorts[k] = NULL;
    src->stocks[k] = NULL;
  }
  dst->events += src->events;
  bs_run_result_free(src);
  return 0;
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
  if (bs_run_result_alloc(out, o->replications, o->keep_records) != 0) {
    snprintf(err, errlen, "out of memory");
    return -1;
  }
  /* --records keeps every spell in this process's records: those runs stay
   * on this process's threads (the other ranks wait) */
  if (o->share && !o->records) {
    double t0 = now_seconds();
    if (o->share(p, o, out, err, errlen) != 0) {
      bs_run_result_free(out);
      return -1;
    }
    out->wall_seconds = now_seconds() - t0;
    return 0;
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
