/* ranks.h: the ranks of an MPI job (the MPI build, BIJSIM_MPI; without it
 * every process is a job of one rank) and the one way work is shared out
 * among them, for every command that simulates:
 *
 * - uncertainty, sensitivity and calibrate: every rank runs the command; its
 *   points (parameter sets, particles) go through rank_share, which leaves
 *   every result on every rank (calibrate's next generation depends on them);
 * - run, compare, effect and sweep: rank 0 runs the command and every call
 *   of bs_run_replications shares its replications out in blocks through
 *   rank_share (bs_run_opts.share = rank_replications()); the other ranks
 *   only serve those calls (rank_serve) and send their blocks to rank 0.
 *
 * An item's result depends only on its index (its seed and replication
 * indices), never on the rank or thread that computed it, so the output is
 * byte-identical to a single process's whatever the number of ranks and
 * threads. Only rank 0 writes files and prints. */
#ifndef BIJSIM_RANKS_H
#define BIJSIM_RANKS_H

#include "analysis/runner.h"

#include <stddef.h>

/* MPI_Init_thread / MPI_Finalize with the MPI build, else nothing. */
void rank_begin(int *argc, char ***argv);
void rank_end(void);

/* This process's rank (0 without MPI) and the number of ranks (1). */
int rank_id(void);
int rank_count(void);

typedef struct rank_work {
  size_t n; /* items 0 .. n-1 */
  void *ctx;
  /* Computes item k. keep: the result stays in ctx (rank 0's items, and
   * every item when pack is set); else it is returned as malloc'd bytes in
   * *buf, *len for rank 0. Runs in rank 0's compute thread too, at the same
   * time as store of other items. 0, or -1 with a message. */
  int (*run)(void *ctx, size_t k, int keep, void **buf, size_t *len, char *err, size_t errlen);
  /* Puts the bytes of item k, computed by another rank, into ctx. 0 or -1
   * with a message. */
  int (*store)(void *ctx, size_t k, const void *buf, size_t len, char *err, size_t errlen);
  /* Item k's kept result as malloc'd bytes (0, or -1 out of memory): when
   * set, every rank ends with every result; NULL: only rank 0 does. */
  int (*pack)(void *ctx, size_t k, void **buf, size_t *len);
  const char *item; /* "parameter set": errors say "parameter set 4: ..." (NULL: as they are) */
  /* the progress line on stderr: "bijsim: WHAT i/TOTAL", an item counting
   * per_item units (the last one the rest up to total); 0: the items */
  int progress;
  const char *what;
  size_t per_item, total;
} rank_work;

/* Computes items 0..n-1 of w. One rank: one after the other, kept. More:
 * every rank calls it with the same w; rank 0 hands the items out one at a
 * time to the other ranks as they become free (dynamic: a slow item does
 * not hold up the rest), and computes items itself in a thread meanwhile;
 * the other ranks send their results to rank 0 (store), and with pack rank 0
 * sends every result to every rank. Waiting ranks sleep rather than spin.
 * 0, or -1 with the message in err on every rank. */
int rank_share(const rank_work *w, char *err, size_t errlen);

/* bs_run_opts.share for run, compare, effect and sweep: NULL with one rank
 * (the threads of the process), else the rank_share of the replications in
 * blocks of --threads. For rank 0 only. */
bs_run_share_fn rank_replications(void);

/* The ranks other than 0 of run, compare, effect, sweep (and of the
 * commands that do not simulate): compute their share of every call of
 * rank_replications on rank 0 until rank_release. Returns the exit status
 * (0; 1 when out of memory). */
int rank_serve(void);
/* On rank 0 after such a command: lets the serving ranks end. */
void rank_release(void);

#endif
