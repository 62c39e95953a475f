/* records.h: microdata (--records). spells.csv has one row per benefit
 * spell that is on benefit at some time in the results' period (day 0 to
 * the horizon; a spell that started in the burn-in has a negative start),
 * events.csv (--records events) one row per event of every client in that
 * period: the events of the client trace (models/trace_events.h), with
 * their codes. Columns: docs/analysis.md.
 *
 * The replications of a scenario run in parallel threads; each writes its
 * rows into a buffer of its own, and the buffers go to the files in
 * replication order (a finished replication waits for the ones before it),
 * so the files are the same bytes whatever the thread count, and at most
 * the replications still running and the finished ones waiting for them are
 * in memory. Without --records nothing of this runs: the models keep no
 * spell records and trace nobody. */
#ifndef BIJSIM_RECORDS_H
#define BIJSIM_RECORDS_H

#include "models/world.h"

#include <pthread.h>
#include <stddef.h>
#include <stdio.h>

typedef struct bs_records {
  FILE *spells;      /* spells.csv */
  FILE *events;      /* events.csv, or NULL: spells only */
  const char *label; /* the scenario column of the run being written */
  /* the replications' buffers waiting for the ones before them */
  pthread_mutex_t lock;
  int lock_ready;
  char **spell_text, **event_text;
  size_t *spell_len, *event_len;
  size_t nrep, next; /* replications of this run; the next one to write */
} bs_records;

/* Sets r up for writing spells (and events, if events != NULL) and writes
 * the header rows. 0, or -1 with a message. */
int bs_records_open(bs_records *r, FILE *spells, FILE *events, char *err, size_t errlen);
/* Starts the run of one scenario (label) with nrep replications. */
int bs_records_run(bs_records *r, const char *label, size_t nrep, char *err, size_t errlen);
void bs_records_close(bs_records *r);

/* For the runner: before replication k (of the current run) simulates,
 * sets w up to keep its records; after it ran, hands them over (they are
 * written once the replications before k are). replication: the index in
 * the output. 0, or -1 with a message (out of memory). */
typedef struct bs_records_rep bs_records_rep;
int bs_records_rep_begin(bs_records *r, bs_world *w, size_t replication, bs_records_rep **rep,
                         char *err, size_t errlen);
int bs_records_rep_end(bs_records *r, bs_world *w, size_t k, bs_records_rep *rep, char *err,
                       size_t errlen);
/* Frees what rep_begin made, when the replication failed. */
void bs_records_rep_abort(bs_records_rep *rep);

#endif
