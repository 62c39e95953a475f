/* ranks.c: see ranks.h. */
#include "app/ranks.h"

#include "app/cli.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#ifdef BIJSIM_MPI
#include <mpi.h>
#endif

/* ------------------------------------------------------------ the ranks */

void rank_begin(int *argc, char ***argv) {
#ifdef BIJSIM_MPI
  /* Open MPI yields the processor in every progress call when a node has
   * more ranks than cores, which made each MPI_Test take milliseconds and
   * kept rank 0's serving thread runnable; waiting ranks sleep here
   * instead (await), so that is turned off unless the user set it */
  setenv("OMPI_MCA_mpi_yield_when_idle", "0", 0);
  /* FUNNELED: rank 0's compute thread makes no MPI call, the main thread all */
  int provided;
  MPI_Init_thread(argc, argv, MPI_THREAD_FUNNELED, &provided);
#else
  (void)argc;
  (void)argv;
#endif
}

void rank_end(void) {
#ifdef BIJSIM_MPI
  MPI_Finalize();
#endif
}

#ifdef BIJSIM_MPI
/* MPI_Comm_rank or MPI_Comm_size of the job, or `alone` before MPI_Init. */
static int world(int (*get)(MPI_Comm, int *), int alone) {
  int init = 0, v = alone;
  MPI_Initialized(&init);
  if (init)
    get(MPI_COMM_WORLD, &v);
  return v;
}
#endif

int rank_id(void) {
#ifdef BIJSIM_MPI
  return world(MPI_Comm_rank, 0);
#else
  return 0;
#endif
}

int rank_count(void) {
#ifdef BIJSIM_MPI
  return world(MPI_Comm_size, 1);
#else
  return 1;
#endif
}

/* ------------------------------------------------- the items of one share */

/* What rank 0's threads (the main one and the compute thread) share. */
typedef struct share_state {
  const rank_work *w;
  pthread_mutex_t lock;
  size_t next; /* the next item to hand out */
  size_t done; /* units done (progress) */
  int failed;
  char err[ERRLEN];
  int ranks;
} share_state;

/* The next item, or -1 when all are handed out or one failed. */
static long take_item(share_state *s) {
  pthread_mutex_lock(&s->lock);
  long k = !s->failed && s->next < s->w->n ? (long)s->next++ : -1;
  pthread_mutex_unlock(&s->lock);
  return k;
}

/* Item k is done (ok), or failed with msg: the first failure is kept. */
static void item_done(share_state *s, size_t k, int ok, const char *msg) {
  const rank_work *w = s->w;
  pthread_mutex_lock(&s->lock);
  if (!ok && !s->failed) {
    s->failed = 1;
    if (w->item)
      snprintf(s->err, sizeof s->err, "%s %zu: %.900s", w->item, k, msg);
    else
      snprintf(s->err, sizeof s->err, "%.1000s", msg);
  }
  if (ok && w->progress) {
    size_t per = w->per_item ? w->per_item : 1, total = w->per_item ? w->total : w->n;
    size_t units = k + 1 < w->n || k * per >= total ? per : total - k * per;
    s->done += units;
    fprintf(stderr, "\rbijsim: %s %zu/%zu", w->what, s->done, total);
    if (s->ranks > 1)
      fprintf(stderr, " (%d ranks)", s->ranks);
  }
  pthread_mutex_unlock(&s->lock);
}

/* Computes items on this rank, kept, until none is left: rank 0's compute
 * thread, or the whole share with one rank. */
static void *compute_items(void *arg) {
  share_state *s = arg;
  for (long k; (k = take_item(s)) >= 0;) {
    char msg[ERRLEN] = "";
    int ok = s->w->run(s->w->ctx, (size_t)k, 1, NULL, NULL, msg, sizeof msg) == 0;
    item_done(s, (size_t)k, ok, msg);
  }
  return NULL;
}

#ifdef BIJSIM_MPI
enum { TAG_TASK = 1, TAG_HEAD, TAG_DATA };
/* bytes go in messages of at most this size, so that a receiver that is out
 * of memory can still take them (into a buffer of this size on its stack) */
#define CHUNK ((size_t)1 << 18)

/* Waits for r, testing it with sleeps in between that grow from 1 us to
 * 1 ms: Open MPI's blocking calls poll, so a waiting rank would take a core
 * from the ranks that compute. */
static void await(MPI_Request *r, MPI_Status *st) {
  long ns = 1000;
  for (int done = 0;;) {
    MPI_Test(r, &done, st ? st : MPI_STATUS_IGNORE);
    if (done)
      return;
    struct timespec ts = {0, ns};
    nanosleep(&ts, NULL);
    if (ns < 1000000)
      ns *= 2;
  }
}

/* Every transfer is non-blocking and awaited: a blocking send of more than
 * the eager limit would spin until the receiver takes it. */
static void send_bytes(const void *buf, size_t len, int to) {
  for (size_t off = 0; off < len; off += CHUNK) {
    size_t n = len - off < CHUNK ? len - off : CHUNK;
    MPI_Request r;
    MPI_Isend((const char *)buf + off, (int)n, MPI_BYTE, to, TAG_DATA, MPI_COMM_WORLD, &r);
    await(&r, NULL);
  }
}

/* Receives len bytes from rank `from` into buf, or drops them (buf NULL). */
static void recv_bytes(void *buf, size_t len, int from) {
  unsigned char scratch[CHUNK];
  for (size_t off = 0; off < len; off += CHUNK) {
    size_t n = len - off < CHUNK ? len - off : CHUNK;
    MPI_Request r;
    MPI_Irecv(buf ? (char *)buf + off : (char *)scratch, (int)n, MPI_BYTE, from, TAG_DATA,
              MPI_COMM_WORLD, &r);
    await(&r, NULL);
  }
}

/* Rank 0's bytes to every rank (every rank calls it with the same len). */
static void bcast_bytes(void *buf, size_t len) {
  for (size_t off = 0; off < len; off += CHUNK) {
    size_t n = len - off < CHUNK ? len - off : CHUNK;
    MPI_Request r;
    MPI_Ibcast((char *)buf + off, (int)n, MPI_BYTE, 0, MPI_COMM_WORLD, &r);
    await(&r, NULL);
  }
}

static void send_task(long k, int to) {
  int64_t task = k;
  MPI_Request r;
  MPI_Isend(&task, 1, MPI_INT64_T, to, TAG_TASK, MPI_COMM_WORLD, &r);
  await(&r, NULL);
}

/* Rank 0: hands the items out to the other ranks and takes their results,
 * while a thread computes items here. */
static void share_lead(share_state *s) {
  const rank_work *w = s->w;
  int level = MPI_THREAD_SINGLE;
  MPI_Query_thread(&level);
  pthread_t tid;
  int threaded = level >= MPI_THREAD_FUNNELED && pthread_create(&tid, NULL, compute_items, s) == 0;
  int active = 0;
  for (int r = 1; r < s->ranks; r++) {
    long k = take_item(s);
    send_task(k, r);
    active += k >= 0;
  }
  while (active > 0) {
    uint64_t head[3]; /* item, ok, bytes */
    MPI_Status st;
    MPI_Request req;
    MPI_Irecv(head, 3, MPI_UINT64_T, MPI_ANY_SOURCE, TAG_HEAD, MPI_COMM_WORLD, &req);
    await(&req, &st);
    size_t k = (size_t)head[0], len = (size_t)head[2];
    char *buf = malloc(len + 1);
    recv_bytes(buf, len, st.MPI_SOURCE);
    char msg[ERRLEN] = "out of memory";
    int ok = buf && head[1];
    if (buf && !head[1]) {
      buf[len] = 0;
      snprintf(msg, sizeof msg, "%s", buf);
    }
    if (ok)
      ok = w->store(w->ctx, k, buf, len, msg, sizeof msg) == 0;
    free(buf);
    item_done(s, k, ok, msg);
    long next = take_item(s);
    send_task(next, st.MPI_SOURCE);
    active -= next < 0;
  }
  if (threaded)
    pthread_join(tid, NULL);
  else
    compute_items(s); /* nothing left: the other ranks took every item */
}

/* The other ranks: items from rank 0 until it says -1. */
static void share_follow(const rank_work *w) {
  for (;;) {
    int64_t task;
    MPI_Request req;
    MPI_Irecv(&task, 1, MPI_INT64_T, 0, TAG_TASK, MPI_COMM_WORLD, &req);
    await(&req, NULL);
    if (task < 0)
      return;
    size_t k = (size_t)task;
    char msg[ERRLEN] = "";
    void *buf = NULL;
    size_t len = 0;
    int ok = w->run(w->ctx, k, w->pack != NULL, &buf, &len, msg, sizeof msg) == 0;
    if (ok && w->pack && w->pack(w->ctx, k, &buf, &len) != 0) {
      ok = 0;
      snprintf(msg, sizeof msg, "out of memory");
    }
    uint64_t head[3] = {k, (uint64_t)ok, ok ? len : strlen(msg)};
    MPI_Request r;
    MPI_Isend(head, 3, MPI_UINT64_T, 0, TAG_HEAD, MPI_COMM_WORLD, &r);
    await(&r, NULL);
    send_bytes(ok ? buf : msg, (size_t)head[2], 0);
    free(buf);
  }
}

/* Rank 0: every item's bytes one after the other in *all, their lengths in
 * lens. 0, or -1 when out of memory. */
static int pack_all(const rank_work *w, uint64_t *lens, unsigned char **all, uint64_t *total) {
  void **parts = calloc(w->n ? w->n : 1, sizeof *parts);
  int ok = parts != NULL;
  *total = 0;
  for (size_t k = 0; ok && k < w->n; k++) {
    size_t len;
    ok = w->pack(w->ctx, k, &parts[k], &len) == 0;
    lens[k] = ok ? len : 0;
    *total += lens[k];
  }
  *all = ok ? malloc(*total ? *total : 1) : NULL;
  for (size_t k = 0, at = 0; *all && k < w->n; at += lens[k], k++)
    memcpy(*all + at, parts[k], lens[k]);
  for (size_t k = 0; parts && k < w->n; k++)
    free(parts[k]);
  free(parts);
  return *all ? 0 : -1;
}

/* With pack: rank 0's results, all items in one run of bytes, to every rank. */
static void share_results(share_state *s) {
  const rank_work *w = s->w;
  uint64_t *lens = calloc(w->n ? w->n : 1, sizeof *lens), total = 0;
  unsigned char *all = NULL;
  int ok = lens != NULL;
  if (rank_id() == 0)
    ok = ok && pack_all(w, lens, &all, &total) == 0;
  uint64_t hd[2] = {(uint64_t)ok, total};
  bcast_bytes(hd, sizeof hd);
  if (rank_id() != 0 && ok && hd[0])
    ok = (all = malloc(hd[1] ? hd[1] : 1)) != NULL;
  int everyone = ok && hd[0];
  MPI_Request r; /* whether every rank has room */
  MPI_Iallreduce(MPI_IN_PLACE, &everyone, 1, MPI_INT, MPI_MIN, MPI_COMM_WORLD, &r);
  await(&r, NULL);
  if (everyone) {
    bcast_bytes(lens, w->n * sizeof *lens);
    bcast_bytes(all, hd[1]);
    char msg[ERRLEN];
    for (size_t k = 0, at = 0; rank_id() != 0 && k < w->n && !s->failed; at += lens[k], k++)
      if (w->store(w->ctx, k, all + at, lens[k], msg, sizeof msg) != 0) {
        s->failed = 1;
        snprintf(s->err, sizeof s->err, "%s", msg);
      }
  } else {
    s->failed = 1;
    snprintf(s->err, sizeof s->err, "out of memory sharing the results with the other ranks");
  }
  /* one rank's failure is every rank's (they go on in step) */
  int failed = s->failed;
  MPI_Iallreduce(MPI_IN_PLACE, &failed, 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD, &r);
  await(&r, NULL);
  if (failed && !s->failed) {
    s->failed = 1;
    snprintf(s->err, sizeof s->err, "another rank could not take the results");
  }
  free(lens);
  free(all);
}
#endif

int rank_share(const rank_work *w, char *err, size_t errlen) {
  share_state s = {.w = w, .ranks = rank_count()};
  if (pthread_mutex_init(&s.lock, NULL) != 0) {
    snprintf(err, errlen, "cannot create a mutex");
    return -1;
  }
#ifdef BIJSIM_MPI
  if (s.ranks > 1) {
    if (rank_id() == 0)
      share_lead(&s);
    else
      share_follow(w);
    if (w->progress && rank_id() == 0)
      fputc('\n', stderr);
    /* rank 0's verdict (and message) to every rank */
    int32_t failed = s.failed;
    bcast_bytes(&failed, sizeof failed);
    bcast_bytes(s.err, sizeof s.err);
    s.failed = failed;
    if (!s.failed && w->pack)
      share_results(&s);
    pthread_mutex_destroy(&s.lock);
    if (s.failed)
      snprintf(err, errlen, "%s", s.err);
    return s.failed ? -1 : 0;
  }
#endif
  compute_items(&s);
  if (w->progress)
    fputc('\n', stderr);
  pthread_mutex_destroy(&s.lock);
  if (s.failed)
    snprintf(err, errlen, "%s", s.err);
  return s.failed ? -1 : 0;
}

/* ------------------------------------------------ replications in blocks */
#ifdef BIJSIM_MPI

/* One call of bs_run_replications shared out: item k is the block of
 * replications first + k*block .. (at most block of them). */
typedef struct rep_ctx {
  const bs_params *p;
  bs_run_opts o; /* the call's options, without share and progress */
  bs_run_result *out;
  size_t block;
  pthread_mutex_t lock; /* out: rank 0's compute thread and its main thread */
} rep_ctx;

static int rep_run(void *vc, size_t k, int keep, void **buf, size_t *len, char *err,
                   size_t errlen) {
  rep_ctx *c = vc;
  bs_run_opts o = c->o;
  size_t from = k * c->block;
  o.first_replication += from;
  o.replications = c->o.replications - from < c->block ? c->o.replications - from : c->block;
  bs_run_result r;
  if (bs_run_replications(c->p, &o, &r, err, errlen) != 0)
    return -1;
  int rc;
  if (keep) {
    pthread_mutex_lock(&c->lock);
    rc = bs_run_result_move(c->out, from, &r, err, errlen);
    pthread_mutex_unlock(&c->lock);
  } else {
    rc = bs_run_result_pack(&r, buf, len);
    if (rc != 0)
      snprintf(err, errlen, "out of memory");
  }
  bs_run_result_free(&r);
  return rc;
}

static int rep_store(void *vc, size_t k, const void *buf, size_t len, char *err, size_t errlen) {
  rep_ctx *c = vc;
  pthread_mutex_lock(&c->lock);
  int rc = bs_run_result_unpack(c->out, k * c->block, buf, len, err, errlen);
  pthread_mutex_unlock(&c->lock);
  return rc;
}

/* Every rank: the blocks of the call (out NULL on the serving ranks). */
static int rep_share(const bs_params *p, const bs_run_opts *o, bs_run_result *out, char *err,
                     size_t errlen) {
  rep_ctx c = {.p = p, .o = *o, .out = out, .block = o->threads > 1 ? (size_t)o->threads : 1};
  c.o.share = NULL;
  c.o.progress = 0;
  if (pthread_mutex_init(&c.lock, NULL) != 0) {
    snprintf(err, errlen, "cannot create a mutex");
    return -1;
  }
  char what[160];
  snprintf(what, sizeof what, "%.120s: replication", o->label ? o->label : p->run.name);
  size_t R = o->replications;
  rank_work w = {.n = (R + c.block - 1) / c.block,
                 .ctx = &c,
                 .run = rep_run,
                 .store = rep_store,
                 .progress = o->progress && rank_id() == 0,
                 .what = what,
                 .per_item = c.block,
                 .total = R};
  int rc = rank_share(&w, err, errlen);
  pthread_mutex_destroy(&c.lock);
  return rc;
}

/* A call of bs_run_replications as rank 0 announces it to the serving
 * ranks: its options, then the parameters (the same program on every rank:
 * the struct as it is). kind 0: no more calls. */
enum {
  JOB_KIND,
  JOB_SEED,
  JOB_FIRST,
  JOB_REPS,
  JOB_THREADS,
  JOB_RECORDS,
  JOB_DISABLED,
  JOB_MAX,
  JOB_N
};

static int rep_lead(const bs_params *p, const bs_run_opts *o, bs_run_result *out, char *err,
                    size_t errlen) {
  int64_t job[JOB_N] = {[JOB_KIND] = 1,
                        [JOB_SEED] = (int64_t)o->seed,
                        [JOB_FIRST] = (int64_t)o->first_replication,
                        [JOB_REPS] = (int64_t)o->replications,
                        [JOB_THREADS] = o->threads,
                        [JOB_RECORDS] = o->keep_records,
                        [JOB_DISABLED] = o->disabled_instrument,
                        [JOB_MAX] = (int64_t)o->max_clients};
  bcast_bytes(job, sizeof job);
  bcast_bytes((void *)p, sizeof *p);
  return rep_share(p, o, out, err, errlen);
}
#endif

bs_run_share_fn rank_replications(void) {
#ifdef BIJSIM_MPI
  return rank_count() > 1 ? rep_lead : NULL;
#else
  return NULL;
#endif
}

int rank_serve(void) {
#ifdef BIJSIM_MPI
  bs_params *p = malloc(sizeof *p);
  for (;;) {
    int64_t job[JOB_N];
    bcast_bytes(job, sizeof job);
    if (job[JOB_KIND] == 0)
      break;
    if (!p) { /* cannot take part: the job ends */
      fprintf(stderr, "bijsim: rank %d: out of memory\n", rank_id());
      MPI_Abort(MPI_COMM_WORLD, 1);
    }
    bcast_bytes(p, sizeof *p);
    bs_run_opts o = {.seed = (uint64_t)job[JOB_SEED],
                     .first_replication = (size_t)job[JOB_FIRST],
                     .replications = (size_t)job[JOB_REPS],
                     .threads = (int)job[JOB_THREADS],
                     .keep_records = (int)job[JOB_RECORDS],
                     .disabled_instrument = (int)job[JOB_DISABLED],
                     .max_clients = (size_t)job[JOB_MAX]};
    char err[ERRLEN];
    rep_share(p, &o, NULL, err, sizeof err); /* rank 0 reports a failure */
  }
  free(p);
#endif
  return 0;
}

void rank_release(void) {
#ifdef BIJSIM_MPI
  if (rank_count() > 1 && rank_id() == 0) {
    int64_t job[JOB_N] = {[JOB_KIND] = 0};
    bcast_bytes(job, sizeof job);
  }
#endif
}
