/* test_stage_util.h: helpers shared by the stage tests (tests/test_stage_*.c,
 * test_conservation.c, test_crn.c). Not a test itself.
 *
 * - quiet_params(): the baseline scenario with everything that happens on
 *   its own switched off (no arrivals, no initial stock, no exit hazards, no
 *   violations, no delays, no instruments, all ages 23-57.5 so that no
 *   birthday matters within a test), so a test switches on exactly
 *   the rule it pins down and sets the parameters that rule depends on.
 * - hand-made clients: new_person() draws a person's traits from its own
 *   stream; admit() puts it on benefit as a positive decision would.
 * - trace capture: the client trace in memory, and the day of a line.
 * - expect_share() / expect_count(): statistical checks with a tolerance of
 *   4 standard errors derived from the sample size (never tuned).
 */
#ifndef BIJSIM_TEST_STAGE_UTIL_H
#define BIJSIM_TEST_STAGE_UTIL_H

#include "models/world.h"

#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef BIJSIM_SOURCE_DIR
#define BIJSIM_SOURCE_DIR "."
#endif
#define BASELINE_YAML BIJSIM_SOURCE_DIR "/scenarios/baseline.yaml"
#define STAGE_FIX(name) BIJSIM_SOURCE_DIR "/tests/data/stages/" name

static inline void load_baseline(bs_params *p) {
  char err[512];
  int rc = bs_params_load(BASELINE_YAML, p, err, sizeof err);
  cr_assert_eq(rc, 0, "loading the baseline failed: %s", err);
}

/* The baseline with nothing happening on its own. */
static inline void quiet_params(bs_params *p) {
  load_baseline(p);
  const bs_delay zero = {0, 0};
  p->run.warmup_days = 0; /* the clock is the results' clock */
  p->inflow.applications_per_year = 0;
  p->inflow.initial_stock = 0;
  p->inflow.p_reinflow = 0;
  /* everyone 23-57.5 at application: no birthday that matters soon */
  for (int a = 0; a < BS_AGE_N; a++)
    p->clients.age_shares[a] = a == BS_AGE_MID;
  p->inflow.climate_n = 1;
  p->inflow.climate[0][0] = 0;
  p->inflow.climate[0][1] = 1;
  bs_gate_params *g = &p->gatekeeping;
  g->claim_intake = BS_INTAKE_CWI;
  g->claim_intake_delay = g->work_intake_delay = g->decision_delay = zero;
  g->p_ineligible = 0;
  g->discouragement = g->home_visits = g->direct_mediation = g->work_first_gate = 0;
  p->cwi.misclass_rate = 0;
  p->cwi.phase1_bias = 0;
  p->cwi.kwint = 0;
  p->exemption.categorical = 0;
  p->exemption.p_registration_stale = 0;
  p->exemption.p_stale_registered_exempt = 0;
  p->exemption.catch_up_delay = zero;
  p->exemption.p_de_facto = 0;
  /* the municipality's diagnosis at once and exact; only trajectories are
   * offers, the earliest 60 days into the spell (a test sets what it pins) */
  p->diagnosis.delay = zero;
  p->diagnosis.error_sd = 0;
  p->diagnosis.per_day = 0;
  p->trajectory.offer_after_days = 60;
  p->work_first.counts_as_offer = 0;
  p->activation.counts_as_offer = 0;
  p->clients.p_individual_exemption_far = 0;
  p->case_management.reorganisation = 0;
  p->case_management.p_slip = 0;
  p->case_management.p_signal_loss = 0;
  p->work_first.enabled = 0;
  p->trajectory.enabled = 0;
  p->trajectory.evaluation_interval_days = 0;
  p->trajectory.p_no_show = 0;
  p->activation.enabled = 0;
  p->sanctions.violations_per_year = 0;
  p->outflow.job_rate_per_year = 0;
  p->outflow.other_income_per_year = 0;
  p->outflow.moving_per_year = 0;
  p->outflow.withdrawal_per_year = 0;
  p->outflow.duration_dependence = 1;
  /* clients do not respond to policy unless a test says so */
  bs_behaviour_neutral(&p->behaviour);
  /* the organisations' mechanisms: off (a test switches one on) */
  p->provider_behaviour.enabled = 0;
  p->workload.enabled = 0;
  p->places.enabled = 0;
  p->budget.enabled = 0;
  p->labour_market = (bs_labour_params){0};
  p->inflow.curve_n = 1;
  p->inflow.curve[0][0] = 0;
  p->inflow.curve[0][1] = 1;
}

/* quiet_params with trajectories that start at once and last 1000 days,
 * no reports, and consultants to spare. */
static inline void long_trajectory_params(bs_params *p) {
  quiet_params(p);
  p->trajectory.enabled = 1;
  p->trajectory.offer_after_days = 0;
  p->trajectory.sluitend_deadline_days = 0;
  p->trajectory.duration = (bs_delay){1000, 0};
  p->trajectory.report_interval_days = 0;
  p->case_management.consultants_fte = 100;
}

/* Trajectories from one provider `only` (quality 1, this price), offered at
 * once with ample consultants, 100 days long, no reports, no re-offer, no
 * subsidised outflow; shares 70/90/100%. */
static inline void one_provider(bs_params *p, double price) {
  p->trajectory.enabled = 1;
  p->trajectory.providers_n = 1;
  snprintf(p->trajectory.providers[0].name, sizeof p->trajectory.providers[0].name, "only");
  p->trajectory.providers[0].quality = 1;
  p->trajectory.providers[0].price = price;
  p->trajectory.providers[0].target_phase = 0;
  p->trajectory.effort_share = 0.7;
  p->trajectory.subsidised_share = 0.9;
  p->trajectory.regular_share = 1.0;
  p->trajectory.offer_after_days = 0;
  p->trajectory.sluitend_deadline_days = 0;
  p->trajectory.duration = (bs_delay){100, 0};
  p->trajectory.report_interval_days = 0;
  p->trajectory.p_subsidised = 0;
  p->trajectory.p_funded_employment = 0;
  p->trajectory.p_reoffer = 0;
  p->case_management.consultants_fte = 1000;
  p->case_management.actions_per_fte_day = 10;
  p->case_management.integral_success_boost = 1;
}

static inline void world_init(bs_world *w, const bs_params *p, uint64_t seed) {
  int rc = bs_world_init(w, p, seed, 0);
  cr_assert_eq(rc, SIM_OK, "bs_world_init failed: %s", w->ctx.err);
}

static inline void run_until(bs_world *w, double until) {
  int rc = sim_run(&w->ctx, until);
  cr_assert_eq(rc, SIM_OK, "sim_run failed: %s", w->ctx.err);
}

static inline void world_run(bs_world *w) {
  int rc = bs_world_run(w);
  cr_assert_eq(rc, SIM_OK, "bs_world_run failed: %s", w->ctx.err);
}

/* A hand-made client: a handle that survives pool growth, plus liveness. */
typedef struct {
  uint32_t slot, gen, id;
} person;

static inline bs_client *pc(bs_world *w, person h) { return bs_client_at(w, h.slot); }
static inline int alive(bs_world *w, person h) {
  return sim_pool_alive(&w->ctx.pool, h.slot, h.gen);
}

/* A new person (the next id), traits drawn from its own stream, in no state
 * yet. The phase follows from the drawn distance. */
static inline person new_person(bs_world *w) {
  person h;
  h.id = w->next_id++;
  int rc = bs_inflow_new_client(w, h.id, 0, 0, &h.slot);
  cr_assert_eq(rc, SIM_OK, "bs_inflow_new_client failed: %s", w->ctx.err);
  h.gen = sim_pool_gen(&w->ctx.pool, h.slot);
  bs_client *c = bs_client_at(w, h.slot);
  c->phase_true = c->phase = (uint8_t)bs_phase_true(&w->p, c->distance);
  return h;
}

/* Overrides the latent distance (and the phase that follows from it). */
static inline void set_distance(bs_world *w, person h, double d) {
  bs_client *c = pc(w, h);
  c->distance = d;
  c->phase_true = c->phase = (uint8_t)bs_phase_true(&w->p, d);
}

/* A person with the given distance and age, single, no problems. */
static inline person make_person(bs_world *w, double distance, double age) {
  person h = new_person(w);
  bs_client *c = pc(w, h);
  c->age_years = age;
  c->age_band = age < 23     ? BS_AGE_YOUNG
                : age < 57.5 ? BS_AGE_MID
                : age < 65   ? BS_AGE_OLDER
                             : BS_AGE_SENIOR;
  c->household = BS_HH_SINGLE;
  c->problems = 0;
  set_distance(w, h, distance);
  return h;
}

/* Applies now (gatekeeping starts). */
static inline void apply(bs_world *w, person h) {
  int rc = bs_apply(w, h.slot);
  cr_assert_eq(rc, SIM_OK, "bs_apply failed: %s", w->ctx.err);
}

/* On benefit now, as after a positive eligibility decision (cohort record,
 * exemption, birthdays, violations, exit hazard, CWI / municipality). */
static inline void admit(bs_world *w, person h) {
  bs_client *c = pc(w, h);
  c->state = BS_ST_APPLICANT;
  w->stock[BS_ST_APPLICANT]++;
  int rc = bs_admit(w, h.slot, 0);
  cr_assert_eq(rc, SIM_OK, "bs_admit failed: %s", w->ctx.err);
}

/* Starts the consultants' working days (bs_world_run does this). */
static inline void start_cm(bs_world *w) {
  int rc = sim_schedule(&w->ctx, w->ctx.now, BS_EV_CM_DAY, SIM_NO_ENTITY, 0);
  cr_assert_eq(rc, SIM_OK, "%s", w->ctx.err);
}

static inline uint64_t total_left(const bs_world *w) {
  uint64_t n = 0;
  for (int r = 0; r < BS_ROUTE_N; r++)
    n += w->c.left[r];
  return n;
}

/* ------------------------------------------------------------------ trace */

typedef struct {
  char *buf;
  size_t len;
  FILE *f;
} trace_buf;

static inline void trace_to_file(void *user, const bs_trace_event *e) {
  fprintf(user, "day %7.1f  %-18s %s\n", e->day, bs_trace_stage_labels[e->stage], e->text);
}

static inline void trace_on(bs_world *w, trace_buf *t, uint32_t id) {
  t->buf = NULL;
  t->len = 0;
  t->f = open_memstream(&t->buf, &t->len);
  cr_assert_not_null(t->f);
  w->trace_sink = trace_to_file;
  w->trace_user = t->f;
  w->trace_id = id;
}

static inline void trace_off(bs_world *w, trace_buf *t) {
  if (t->f)
    fclose(t->f);
  free(t->buf);
  t->f = NULL;
  t->buf = NULL;
  w->trace_sink = NULL;
}

/* Day of the n-th (0-based) trace line containing `needle`, or -1. Lines
 * read "day %7.1f  stage  message". */
static inline double trace_day_nth(trace_buf *t, const char *needle, int nth) {
  fflush(t->f);
  const char *s = t->buf;
  while (s && *s) {
    const char *eol = strchr(s, '\n');
    size_t n = eol ? (size_t)(eol - s) : strlen(s);
    char line[768];
    if (n >= sizeof line)
      n = sizeof line - 1;
    memcpy(line, s, n);
    line[n] = '\0';
    double day;
    if (strstr(line, needle) && sscanf(line, "day %lf", &day) == 1 && nth-- == 0)
      return day;
    s = eol ? eol + 1 : NULL;
  }
  return -1;
}

static inline double trace_day(trace_buf *t, const char *needle) {
  return trace_day_nth(t, needle, 0);
}

/* Number of trace lines containing `needle`. */
static inline int trace_count(trace_buf *t, const char *needle) {
  int n = 0;
  while (trace_day_nth(t, needle, n) >= 0)
    n++;
  return n;
}

/* ------------------------------------------------------------- statistics */

/* A binomial share k/n within 4 standard errors of p (exact when p is 0 or 1). */
#define expect_share(k, n, p, what)                                                                \
  do {                                                                                             \
    double n_ = (double)(n), p_ = (p), k_ = (double)(k);                                           \
    cr_assert_gt(n_, 0, "%s: empty sample", what);                                                 \
    double tol_ = 4 * sqrt(p_ * (1 - p_) / n_);                                                    \
    cr_expect(fabs(k_ / n_ - p_) <= tol_ + 1e-12,                                                  \
              "%s: share %.4f (%.0f of %.0f), expected %.4f +- %.4f (4 SE)", what, k_ / n_, k_,    \
              n_, p_, tol_);                                                                       \
  } while (0)

/* A Poisson count within 4 standard errors of its mean. */
#define expect_count(k, mean, what)                                                                \
  do {                                                                                             \
    double m_ = (mean), k_ = (double)(k);                                                          \
    double tol_ = 4 * sqrt(m_);                                                                    \
    cr_expect(fabs(k_ - m_) <= tol_ + 1e-12, "%s: count %.0f, expected %.1f +- %.1f (4 SE)", what, \
              k_, m_, tol_);                                                                       \
  } while (0)

/* A sample mean within 4 standard errors (sd / sqrt(n)) of mu. */
#define expect_mean(mean, mu, sd, n, what)                                                         \
  do {                                                                                             \
    double tol_ = 4 * (sd) / sqrt((double)(n));                                                    \
    cr_expect(fabs((mean) - (mu)) <= tol_ + 1e-12, "%s: mean %.4f, expected %.4f +- %.4f (4 SE)",  \
              what, (double)(mean), (double)(mu), tol_);                                           \
  } while (0)

#define expect_near(a, b, tol, what)                                                               \
  cr_expect(fabs((double)(a) - (double)(b)) <= (tol), "%s: %.10g, expected %.10g (+- %g)", what,   \
            (double)(a), (double)(b), (double)(tol))

#endif
