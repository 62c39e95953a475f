/* test_crn_instruments.c: pins down that switching an instrument on or off
 * never shifts the random draws of a client it does not touch (common
 * random numbers made visible: every decision draws its declared block of
 * uniforms from its own stream, docs/model.md "Random numbers").
 *
 * For each instrument (work-first, trajectories, social activation,
 * sanctions, home visits) one small municipality runs twice with the same
 * seed: as it is, and with the instrument switched off as `effect` does.
 * Every client's whole trace is captured. A client whose trace with the
 * instrument on never mentions it was not touched by it; such a client must
 * have a byte-identical trace in the run without it. Shared resources are
 * made slack (consultant capacity far above demand, no contract ceiling, no
 * provider evaluation), so that the only coupling left between clients
 * would be the random numbers (the queue length a sentence mentions is
 * left out for the same reason). The test also checks that it is not vacuous:
 * each instrument touches some clients and leaves many untouched.
 */
#include "test_stage_util.h"

#include <stdint.h>

enum { MAX_PERSONS = 4096 };

typedef struct {
  char *text[MAX_PERSONS]; /* each person's trace, all spells */
  size_t len[MAX_PERSONS], cap[MAX_PERSONS];
} traces;

static void collect(void *user, const bs_trace_event *e) {
  traces *t = user;
  uint32_t id = e->client->id;
  unsigned spell = e->client->spell;
  double day = e->day;
  const char *stage = bs_trace_stage_labels[e->stage], *event = e->text;
  cr_assert_lt(id, MAX_PERSONS);
  char line[768];
  /* the queue length in a sentence is other clients' business: left out */
  const char *q = strstr(event, " (queue of ");
  int n = snprintf(line, sizeof line, "%u %.9g %s: %.*s\n", spell, day, stage,
                   q ? (int)(q - event) : (int)strlen(event), event);
  cr_assert(n > 0 && (size_t)n < sizeof line);
  if (t->len[id] + (size_t)n + 1 > t->cap[id]) {
    size_t cap = (t->cap[id] + (size_t)n + 1) * 2;
    char *p = realloc(t->text[id], cap);
    cr_assert_not_null(p);
    t->text[id] = p;
    t->cap[id] = cap;
  }
  memcpy(t->text[id] + t->len[id], line, (size_t)n + 1);
  t->len[id] += (size_t)n;
}

static void traces_free(traces *t) {
  for (size_t i = 0; i < MAX_PERSONS; i++)
    free(t->text[i]);
}

/* The baseline with every instrument on and every shared resource slack. */
static void all_on(bs_params *p) {
  load_baseline(p);
  p->run.warmup_days = 0; /* person ids and counters from day 0 */
  p->inflow.initial_stock = 400;
  p->inflow.applications_per_year = 900;
  p->run.horizon_days = 730;
  p->gatekeeping.home_visits = 1;
  p->work_first.enabled = 1;
  p->trajectory.enabled = 1;
  p->activation.enabled = 1;
  p->case_management.consultants_fte = 1000;
  p->case_management.caseload_norm = 1e9;
  p->case_management.reorganisation = 0;
  p->trajectory.contracted_per_year = 0;
  p->trajectory.evaluation_interval_days = 0;
  p->trajectory.offer_cap_per_year = 0;
  /* the organisations' shared resources slack too: no workload hours, no
   * limited places, no werkdeel ceiling, no intake stops or re-tendering
   * (providers still decide their effort, from their own stream) */
  p->workload.enabled = 0;
  p->places.enabled = 0;
  p->budget.werkdeel_per_year = 0;
  p->provider_behaviour.intake_stop_share = 0;
  p->provider_behaviour.drop_parked_share = 0;
  p->provider_behaviour.contract_days = 0;
}

static void run_traced(const bs_params *p, int disabled, traces *t) {
  memset(t, 0, sizeof *t);
  bs_world w;
  world_init(&w, p, 4242);
  w.disabled_instrument = disabled;
  w.trace_sink = collect;
  w.trace_user = t;
  w.trace_id = BS_TRACE_ALL;
  world_run(&w);
  cr_assert_lt(w.next_id, MAX_PERSONS);
  bs_world_free(&w);
}

static int mentions(const char *text, const char *const *markers) {
  for (; *markers; markers++)
    if (text && strstr(text, *markers))
      return 1;
  return 0;
}

static void untouched_clients_keep_their_story(int instrument, const char *const *markers) {
  bs_params p;
  all_on(&p);
  traces *on = calloc(1, sizeof *on), *off = calloc(1, sizeof *off);
  cr_assert(on && off);
  run_traced(&p, BS_INSTR_NONE, on);
  run_traced(&p, instrument, off);
  size_t touched = 0, compared = 0;
  for (uint32_t id = 0; id < MAX_PERSONS; id++) {
    if (!on->text[id] && !off->text[id])
      continue;
    if (mentions(on->text[id], markers)) {
      touched++;
      continue;
    }
    compared++;
    cr_assert_str_eq(
        on->text[id] ? on->text[id] : "", off->text[id] ? off->text[id] : "",
        "%s: client %u was not touched, yet its story changed:\n%s\n--- without it:\n%s",
        bs_instrument_names[instrument], id, on->text[id], off->text[id]);
  }
  cr_expect_gt(touched, 20, "%s touched only %zu clients", bs_instrument_names[instrument],
               touched);
  cr_expect_gt(compared, 200, "%s left only %zu clients untouched", bs_instrument_names[instrument],
               compared);
  traces_free(on);
  traces_free(off);
  free(on);
  free(off);
}

Test(crn_instruments, work_first) {
  static const char *const m[] = {"work-first", NULL};
  untouched_clients_keep_their_story(BS_INSTR_WORK_FIRST, m);
}

Test(crn_instruments, trajectory) {
  static const char *const m[] = {"trajector", "offer", NULL};
  untouched_clients_keep_their_story(BS_INSTR_TRAJECTORY, m);
}

Test(crn_instruments, activation) {
  static const char *const m[] = {"activation", NULL};
  untouched_clients_keep_their_story(BS_INSTR_ACTIVATION, m);
}

Test(crn_instruments, sanctions) {
  static const char *const m[] = {"sanctions", NULL};
  untouched_clients_keep_their_story(BS_INSTR_SANCTIONS, m);
}

Test(crn_instruments, home_visits) {
  static const char *const m[] = {"home visit", NULL};
  untouched_clients_keep_their_story(BS_INSTR_HOME_VISITS, m);
}
