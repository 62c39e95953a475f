/* records.c: see records.h. */
#include "analysis/records.h"

#include "analysis/csv.h"
#include "analysis/output.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

struct bs_records_rep {
  const char *label;
  size_t replication;
  FILE *ev; /* the replication's events.csv rows */
  char *ev_buf;
  size_t ev_len;
};

static const char *boolean(int v) { return v ? "true" : "false"; }

static void spells_header(FILE *f) {
  fputs("scenario,replication,person,spell,start_day,end_day,censored,route,phase,distance,"
        "distance_band,household,exempt,exempt_registered,cohort,initial_stock",
        f);
  for (int i = BS_INSTR_NONE + 1; i < BS_INSTR_N; i++)
    fprintf(f, ",took_%s", bs_instrument_names[i]);
  fputc('\n', f);
}

static void events_header(FILE *f) {
  fputs("scenario,replication,person,spell,day,stage,code,details\n", f);
}

int bs_records_open(bs_records *r, FILE *spells, FILE *events, char *err, size_t errlen) {
  memset(r, 0, sizeof *r);
  if (pthread_mutex_init(&r->lock, NULL) != 0) {
    snprintf(err, errlen, "cannot create a mutex");
    return -1;
  }
  r->lock_ready = 1;
  r->spells = spells;
  r->events = events;
  spells_header(spells);
  if (events)
    events_header(events);
  return 0;
}

/* Frees the buffers of the current run that were never written. */
static void drop_pending(bs_records *r) {
  for (size_t k = 0; k < r->nrep; k++) {
    free(r->spell_text ? r->spell_text[k] : NULL);
    free(r->event_text ? r->event_text[k] : NULL);
  }
  free(r->spell_text);
  free(r->event_text);
  free(r->spell_len);
  free(r->event_len);
  r->spell_text = r->event_text = NULL;
  r->spell_len = r->event_len = NULL;
  r->nrep = r->next = 0;
}

int bs_records_run(bs_records *r, const char *label, size_t nrep, char *err, size_t errlen) {
  drop_pending(r);
  r->label = label;
  r->spell_text = calloc(nrep ? nrep : 1, sizeof *r->spell_text);
  r->event_text = calloc(nrep ? nrep : 1, sizeof *r->event_text);
  r->spell_len = calloc(nrep ? nrep : 1, sizeof *r->spell_len);
  r->event_len = calloc(nrep ? nrep : 1, sizeof *r->event_len);
  if (!r->spell_text || !r->event_text || !r->spell_len || !r->event_len) {
    drop_pending(r);
    snprintf(err, errlen, "out of memory (records)");
    return -1;
  }
  r->nrep = nrep;
  return 0;
}

void bs_records_close(bs_records *r) {
  drop_pending(r);
  if (r->lock_ready)
    pthread_mutex_destroy(&r->lock);
  r->lock_ready = 0;
}

/* The trace sink of a replication with --records events: one row per
 * event in the results' period. */
static void event_row(void *user, const bs_trace_event *e) {
  bs_records_rep *rep = user;
  if (e->day < 0)
    return; /* the burn-in is left out, as from every result */
  FILE *f = rep->ev;
  bs_csv_field(f, rep->label);
  fprintf(f, ",%zu,%u,%u,", rep->replication, e->client->id, (unsigned)e->client->spell);
  bs_out_num(f, e->day, "NA");
  fprintf(f, ",%s,%s,", bs_trace_stage_names[e->stage], bs_trace_codes[e->code]);
  bs_csv_field(f, e->text);
  fputc('\n', f);
}

int bs_records_rep_begin(bs_records *r, bs_world *w, size_t replication, bs_records_rep **out,
                         char *err, size_t errlen) {
  bs_records_rep *rep = calloc(1, sizeof *rep);
  if (!rep) {
    snprintf(err, errlen, "out of memory (records)");
    return -1;
  }
  rep->label = r->label;
  rep->replication = replication;
  if (r->events) {
    rep->ev = open_memstream(&rep->ev_buf, &rep->ev_len);
    if (!rep->ev) {
      free(rep);
      snprintf(err, errlen, "out of memory (events)");
      return -1;
    }
    w->trace_sink = event_row;
    w->trace_user = rep;
    w->trace_id = BS_TRACE_ALL;
  }
  w->keep_spells = 1;
  *out = rep;
  return 0;
}

void bs_records_rep_abort(bs_records_rep *rep) {
  if (!rep)
    return;
  if (rep->ev)
    fclose(rep->ev);
  free(rep->ev_buf);
  free(rep);
}

/* The replication's spells.csv rows: the spells on benefit at some time
 * from day 0 on, in the order they started. */
static void spell_rows(FILE *f, const bs_world *w, const bs_records_rep *rep) {
  double horizon = w->p.run.horizon_days;
  for (size_t i = 0; i < w->spells_n; i++) {
    const bs_spell_rec *s = &w->spells[i];
    int censored = !isfinite(s->t_end);
    if (!censored && s->t_end < 0)
      continue; /* over before the results start */
    bs_csv_field(f, rep->label);
    fprintf(f, ",%zu,%u,%u,", rep->replication, s->id, (unsigned)s->spell);
    bs_out_num(f, s->t_start, "NA");
    fputc(',', f);
    bs_out_num(f, censored ? horizon : s->t_end, "NA");
    fprintf(f, ",%s,%s,", boolean(censored), censored ? "NA" : bs_route_names[s->route]);
    if (s->phase)
      fprintf(f, "%u,", (unsigned)s->phase);
    else
      fputs("NA,", f);
    bs_out_num(f, s->distance, "NA");
    fprintf(f, ",%s,%s,%s,%s,%s,%s", s->far ? "far" : "near", bs_household_names[s->household],
            boolean(s->exempt), boolean(s->exempt_registered), boolean(s->cohort),
            boolean(s->stock));
    for (int k = BS_INSTR_NONE + 1; k < BS_INSTR_N; k++)
      fprintf(f, ",%s", boolean(s->taken & (1u << k)));
    fputc('\n', f);
  }
}

int bs_records_rep_end(bs_records *r, bs_world *w, size_t k, bs_records_rep *rep, char *err,
                       size_t errlen) {
  char *sp = NULL;
  size_t sp_len = 0;
  FILE *f = open_memstream(&sp, &sp_len);
  int bad = !f;
  if (f) {
    spell_rows(f, w, rep);
    bad |= fclose(f) != 0;
  }
  if (rep->ev) {
    bad |= fclose(rep->ev) != 0;
    rep->ev = NULL;
  }
  if (bad || (r->events && !rep->ev_buf)) {
    snprintf(err, errlen, "out of memory (records of replication %zu)", rep->replication);
    free(sp);
    bs_records_rep_abort(rep);
    return -1;
  }
  /* written in replication order: this one and any finished after it */
  pthread_mutex_lock(&r->lock);
  r->spell_text[k] = sp;
  r->spell_len[k] = sp_len;
  r->event_text[k] = rep->ev_buf;
  r->event_len[k] = rep->ev_len;
  while (r->next < r->nrep && r->spell_text[r->next]) {
    size_t n = r->next++;
    fwrite(r->spell_text[n], 1, r->spell_len[n], r->spells);
    if (r->events && r->event_text[n])
      fwrite(r->event_text[n], 1, r->event_len[n], r->events);
    free(r->spell_text[n]);
    free(r->event_text[n]);
    r->spell_text[n] = r->event_text[n] = NULL;
  }
  pthread_mutex_unlock(&r->lock);
  free(rep);
  return 0;
}
