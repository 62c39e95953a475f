/* world.c: the helpers every stage uses (client streams, delays,
 * scheduling, benefit accounting, tracing) and the chain's transitions
 * (apply, admit, leave, change programme), which call the stages' hooks and
 * the programmes' ops from the tables in chain.c. */
#include "models/world.h"

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

const char *const bs_event_names[BS_EV_N] = {
#define X(e, name) name,
    BS_EVENT_LIST(X)
#undef X
};

double bs_delay_draw(gsl_rng *r, const bs_delay *d) {
  /* A fixed or zero delay still takes one draw, so that a stream's later
   * values do not depend on whether a delay is random in this variant. A
   * random delay uses GSL's gamma sampler (Marsaglia-Tsang): a variable
   * number of uniforms, but the same number for the same parameters, so two
   * variants with the same delay parameters stay aligned. (Inversion with
   * gsl_cdf_gamma_Pinv was a third of a national run's time.) */
  if (d->mean_days <= 0 || d->cv <= 0) {
    (void)gsl_rng_uniform_pos(r);
    return d->mean_days > 0 ? d->mean_days : 0;
  }
  double shape = 1.0 / (d->cv * d->cv);
  double scale = d->mean_days / shape;
  return gsl_ran_gamma(r, shape, scale);
}

/* bs_delay_at inverts the gamma distribution function for a given uniform.
 * gsl_cdf_gamma_Pinv is exact but slow (a root search over the incomplete
 * gamma function: at national scale it was a quarter of the instructions).
 * So after BS_QTAB_AFTER exact inversions of one shape in a run, the
 * quantile function Q(u; shape, 1) is tabulated at BS_QTAB_N + 1 points of
 * u in [BS_QTAB_LO, 1 - BS_QTAB_LO] with its slope 1 / pdf(Q), and
 * interpolated by cubic Hermite; the tails stay exact. The table is checked
 * against the exact inverse halfway between every two points when it is
 * built and is only used if its relative error stays below
 * BS_QTAB_TOLERANCE there (else that shape stays exact). Runs with fewer
 * inversions (every test scenario of the municipality) are exact as
 * before; large runs get delays that agree with the exact ones to about
 * 1e-10 relative (gamma shapes 1 and 4, the baseline's; measured with
 * N = 4096: at most 1.9e-10): the same distribution, realised numbers that can differ
 * in the last digits. The scale multiplies: Q(u; k, s) = s Q(u; k, 1). */
#define BS_QTAB_AFTER 20000
#define BS_QTAB_LO (1.0 / 64)
#define BS_QTAB_TOLERANCE 1e-9

static double qtab_u(size_t i) { return BS_QTAB_LO + (1 - 2 * BS_QTAB_LO) * (double)i / BS_QTAB_N; }

static double qtab_eval(const bs_qtab *t, double u) {
  const double h = (1 - 2 * BS_QTAB_LO) / BS_QTAB_N;
  double x = (u - BS_QTAB_LO) / h;
  size_t i = (size_t)x;
  if (i >= BS_QTAB_N)
    i = BS_QTAB_N - 1;
  double s = x - (double)i, s2 = s * s, s3 = s2 * s;
  const struct bs_qtab_point *a = &t->pt[i], *b = &t->pt[i + 1];
  return (2 * s3 - 3 * s2 + 1) * a->q + (s3 - 2 * s2 + s) * h * a->dq + (-2 * s3 + 3 * s2) * b->q +
         (s3 - s2) * h * b->dq;
}

static void qtab_build(bs_qtab *t) {
  t->state = -1;
  t->pt = malloc((BS_QTAB_N + 1) * sizeof *t->pt);
  if (!t->pt)
    return; /* out of memory: the shape stays exact */
  for (size_t i = 0; i <= BS_QTAB_N; i++) {
    double u = qtab_u(i);
    double q = gsl_cdf_gamma_Pinv(u, t->shape, 1);
    double pdf = gsl_ran_gamma_pdf(q, t->shape, 1);
    if (!(pdf > 0) || !isfinite(q))
      return;
    t->pt[i] = (struct bs_qtab_point){q, 1 / pdf};
  }
  for (size_t i = 0; i < BS_QTAB_N; i++) {
    double u = 0.5 * (qtab_u(i) + qtab_u(i + 1));
    double exact = gsl_cdf_gamma_Pinv(u, t->shape, 1);
    if (!(fabs(qtab_eval(t, u) - exact) <= BS_QTAB_TOLERANCE * exact))
      return;
  }
  t->state = 1;
}

void bs_qtab_free(bs_world *w) {
  for (size_t i = 0; i < w->qtab_n; i++) {
    free(w->qtab[i].pt);
  }
  w->qtab_n = 0;
}

/* The table of `shape` for the uniform u, or NULL (u in a tail, or no room
 * for another shape): counts an exact inversion of the shape towards its
 * table, and builds the table after BS_QTAB_AFTER of them. */
static bs_qtab *qtab_for(bs_world *w, double shape, double u) {
  if (!(u > BS_QTAB_LO && u < 1 - BS_QTAB_LO))
    return NULL;
  bs_qtab *t = NULL;
  for (size_t i = 0; i < w->qtab_n && !t; i++)
    if (w->qtab[i].shape == shape)
      t = &w->qtab[i];
  if (!t && w->qtab_n < BS_QTAB_MAX) {
    t = &w->qtab[w->qtab_n++];
    *t = (bs_qtab){.shape = shape};
  }
  if (t && t->state == 0 && ++t->exact_calls > BS_QTAB_AFTER)
    qtab_build(t);
  return t;
}

double bs_delay_at(bs_world *w, double u, const bs_delay *d) {
  if (d->mean_days <= 0 || d->cv <= 0)
    return d->mean_days > 0 ? d->mean_days : 0;
  double shape = 1.0 / (d->cv * d->cv);
  double scale = d->mean_days / shape;
  const bs_qtab *t = qtab_for(w, shape, u);
  if (t && t->state == 1)
    return scale * qtab_eval(t, u);
  return gsl_cdf_gamma_Pinv(u, shape, scale);
}

void bs_delay_at_unused(bs_world *w, double u, const bs_delay *d) {
  if (d->mean_days > 0 && d->cv > 0)
    (void)qtab_for(w, 1.0 / (d->cv * d->cv), u);
}

int bs_at(bs_world *w, double t, bs_event_type type, uint32_t slot, uint32_t data) {
  /* events past the horizon never fire: keeping them out keeps the calendar small */
  if (t > w->t_end)
    return SIM_OK;
  return sim_schedule(&w->ctx, t, (uint32_t)type, slot, data);
}

double bs_benefit_per_day(const bs_world *w, const bs_client *c) {
  return w->p.money.benefit_month[c->household] * 12.0 / 365.25;
}

void bs_pay_benefit(bs_world *w, bs_client *c, double t) {
  if (c->state != BS_ST_BENEFIT || t <= c->t_benefit_paid_until)
    return;
  double per_day = bs_benefit_per_day(w, c);
  double from = c->t_benefit_paid_until;
  /* a running maatregel withholds its share of the days it covers */
  double t_end = bs_t_maatregel_end(w, c);
  double cut_days = (t < t_end ? t : t_end) - from;
  double withheld = cut_days > 0 ? cut_days * per_day * c->maatregel_pct : 0;
  w->c.benefit_spend += (t - from) * per_day - withheld;
  w->c.sanction_amount += withheld;
  c->t_benefit_paid_until = t;
}

const char *const bs_trace_stage_names[BS_TS_N] = {
#define X(e, name, label) name,
    BS_TRACE_STAGE_LIST(X)
#undef X
};
const char *const bs_trace_stage_labels[BS_TS_N] = {
#define X(e, name, label) label,
    BS_TRACE_STAGE_LIST(X)
#undef X
};
const char *const bs_trace_codes[BS_TR_N] = {
#define X(e, id, ...) #id,
    BS_TRACE_LIST(X)
#undef X
#define X(e, name, ...) "leave_" name,
        BS_ROUTE_LIST(X)
#undef X
};
const char *const bs_trace_formats[BS_TR_N] = {
#define X(e, id, stage, fmt, ...) fmt,
    BS_TRACE_LIST(X)
#undef X
#define X(e, name, label, chart, sentence, ...) sentence,
        BS_ROUTE_LIST(X)
#undef X
};
const unsigned char bs_trace_stage_of[BS_TR_N] = {
#define X(e, id, stage, ...) BS_TS_##stage,
    BS_TRACE_LIST(X)
#undef X
#define X(e, ...) BS_TS_OUTFLOW,
        BS_ROUTE_LIST(X)
#undef X
};

int bs_trace_code_index(const char *name) { return bs_domain_index(bs_trace_codes, BS_TR_N, name); }

static void trace_emitv(bs_world *w, const bs_client *c, int code, const char *fmt, va_list ap) {
  char msg[512];
  va_list text_ap;
  va_copy(text_ap, ap);
  vsnprintf(msg, sizeof msg, fmt, text_ap);
  va_end(text_ap);
  bs_trace_event e = {.day = w->ctx.now - w->t0,
                      .client = c,
                      .fraud_propensity = bs_fraud_propensity(w, c),
                      .code = code,
                      .stage = bs_trace_stage_of[code],
                      .text = msg,
                      .format = bs_trace_formats[code]};
  va_list sink_ap;
  va_copy(sink_ap, ap);
  e.args = &sink_ap;
  w->trace_sink(w->trace_user, &e);
  va_end(sink_ap);
  w->trace_lines++;
}

void bs_trace_emit(bs_world *w, const bs_client *c, int code, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  trace_emitv(w, c, code, fmt, ap);
  va_end(ap);
}

/* The exit's sentence is its format: a route sentence holds no conversion
 * (tests/test_domain.c), so it is its own text. */
static void trace_leave_at(bs_world *w, const bs_client *c, int code, ...) {
  va_list ap;
  va_start(ap, code);
  trace_emitv(w, c, code, bs_trace_formats[code], ap);
  va_end(ap);
}

void bs_trace_leave(bs_world *w, const bs_client *c, bs_route route) {
  if (bs_traced(w, c))
    trace_leave_at(w, c, BS_TR_LEAVE + (int)route);
}

/* The true kansmeter phase of a latent distance (the cwi cuts). */
int bs_phase_true(const bs_params *p, double distance) {
  if (distance < p->cwi.cut_12)
    return 1;
  if (distance < p->cwi.cut_23)
    return 2;
  if (distance < p->cwi.cut_34)
    return 3;
  return 4;
}

/* The monitor's half-year reporting periods close on days 182.5, 365, ...;
 * an entry must be in by the close plus the lag. */
static double reporting_deadline(double t, double lag) {
  double period = 365.25 / 2;
  return (floor(t / period) + 1) * period + lag;
}

int bs_offer_made(bs_world *w, bs_client *c, double p_registered, int kind) {
  const bs_traj_params *tp = &w->p.trajectory;
  /* a once-a-spell offer kind draws from a one-off stream of its own, so
   * that switching it on or off shifts no other registration draw */
  sim_stream own;
  gsl_rng *ra;
  if (kind > 0) {
    sim_stream_init(&own, w->seed, w->replication, c->id,
                    (1ull << 40) | ((uint64_t)kind << 20) | c->spell);
    ra = sim_rng_bind(&w->ctx.rng, &own);
  } else {
    ra = bs_rng(w, c, BS_RNG_REGISTER);
  }
  double u_reg = gsl_rng_uniform(ra);
  double d_reg = bs_delay_draw(ra, &tp->registration_delay);
  int first = !c->offered;
  c->offered = 1;
  if (c->cohort >= 0) {
    bs_cohort_rec *rec = &w->cohort[c->cohort];
    if (first)
      rec->t_offer = w->ctx.now;
    /* the administration knows of an offer once one is registered in time
     * (the first offer may have been lost, a later one not) */
    double t_reg = w->ctx.now + d_reg;
    if (!isfinite(rec->t_offer_reg) && u_reg < p_registered &&
        t_reg <= w->t0 + reporting_deadline(w->ctx.now - w->t0, tp->reporting_lag_days))
      rec->t_offer_reg = t_reg;
  }
  return u_reg < p_registered;
}

int bs_grow(void **p, size_t *cap, size_t n, size_t size, size_t first) {
  if (n < *cap)
    return SIM_OK;
  size_t c = *cap ? *cap * 2 : first;
  void *q = realloc(*p, c * size);
  if (!q)
    return SIM_ENOMEM;
  *p = q;
  *cap = c;
  return SIM_OK;
}

int bs_fifo_room(bs_cm_item **q, size_t *head, size_t n, size_t *cap) {
  if (*head + n < *cap)
    return SIM_OK;
  if (*head > 0 && *head >= n) { /* compact */
    for (size_t i = 0; i < n; i++)
      (*q)[i] = (*q)[*head + i];
    *head = 0;
    return SIM_OK;
  }
  size_t c = *cap ? *cap * 2 : 256;
  bs_cm_item *g = realloc(*q, c * sizeof *g);
  if (!g)
    return SIM_ENOMEM;
  *q = g;
  *cap = c;
  return SIM_OK;
}

int bs_internal_error(bs_world *w, const char *file, int line, const char *what) {
  const char *base = strrchr(file, '/'); /* __FILE__ may be an absolute path */
  snprintf(w->ctx.err, sizeof w->ctx.err, "internal error at models/%s:%d: %s (day %.2f)",
           base ? base + 1 : file, line, what, w->ctx.now);
  return SIM_EINVAL;
}

/* ------------------------------------------------------------ programmes */

int bs_programme_available(const bs_world *w, bs_programme p) {
  const bs_programme_ops *ops = bs_programme_of(p);
  if (ops->enabled && !ops->enabled(w))
    return 0;
  return ops->instrument == BS_INSTR_NONE || w->disabled_instrument != ops->instrument;
}

int bs_set_programme(bs_world *w, uint32_t slot, bs_programme prog) {
  bs_client *c = bs_client_at(w, slot);
  BS_ENSURE(w, c->state == BS_ST_BENEFIT, "a programme for a client not on benefit");
  const bs_programme_ops *old = bs_programme_of(c->programme), *ops = bs_programme_of(prog);
  if (old->on_end)
    old->on_end(w, c, 0, BS_ROUTE_N);
  c->prog_token++;
  c->programme = (uint8_t)prog;
  c->t_prog_start = w->ctx.now;
  c->done |= ops->done_flag;
  if (ops->instrument != BS_INSTR_NONE)
    c->taken |= (uint8_t)(1u << ops->instrument);
  if (ops->record_flag && c->cohort >= 0)
    w->cohort[c->cohort].flags |= ops->record_flag;
  c->job_mult = ops->job_mult ? ops->job_mult(w, c) : 1;
  double threat = bs_threat_mult(w, c);
  if (threat != 1 && prog != BS_PROG_NONE)
    bs_trace_threat(w, c, threat);
  return bs_outflow_reschedule(w, slot);
}

int bs_programme_step(sim_ctx *ctx, const sim_event *ev, void *user) {
  (void)ctx;
  bs_world *w = user;
  bs_client *c = bs_client_at(w, ev->entity);
  if (ev->data != c->prog_token || c->state != BS_ST_BENEFIT)
    return SIM_OK; /* superseded */
  const bs_programme_ops *ops = bs_programme_of(c->programme);
  BS_ENSURE(w, ops->step != NULL, "a programme step for a client in no programme");
  return ops->step(w, ev->entity, c);
}

/* ----------------------------------------------------------- transitions */

int bs_apply(bs_world *w, uint32_t slot) {
  const bs_stage *s = w->hooks.apply;
  return s ? s->on_apply(w, slot) : SIM_OK;
}

double bs_work_intake(bs_world *w, bs_client *c) {
  const bs_stage *s = w->hooks.work_intake;
  return s ? s->on_work_intake(w, c) : 0;
}

int bs_refer(bs_world *w, uint32_t slot) {
  const bs_stage *s = w->hooks.refer;
  return s ? s->on_refer(w, slot) : bs_cm_route(w, slot, BS_BACK_ROUTE);
}

int bs_report_violation(bs_world *w, uint32_t slot, int duty, const double u[2]) {
  const bs_stage *s = w->hooks.report;
  return s ? s->on_report(w, slot, duty, u) : SIM_OK;
}

int bs_pass_signal(bs_world *w, bs_client *c, const double u[2], double *delay) {
  const bs_stage *s = w->hooks.signal;
  *delay = 0;
  return s ? s->on_signal(w, c, u, delay) : 1;
}

static int cohort_add(bs_world *w, bs_client *c) {
  if (bs_grow((void **)&w->cohort, &w->cohort_cap, w->cohort_n, sizeof *w->cohort, 256) != SIM_OK) {
    snprintf(w->ctx.err, sizeof w->ctx.err, "out of memory (cohort records)");
    return SIM_ENOMEM;
  }
  c->cohort = (int32_t)w->cohort_n;
  w->cohort[w->cohort_n++] = (bs_cohort_rec){
      .id = c->id,
      .phase = c->phase,
      .far = c->distance > w->p.clients.far_threshold,
      .route = BS_ROUTE_N,
      .distance = c->distance,
      .t_in = c->t_start,
      .t_out = INFINITY,
      .t_out_reg = INFINITY,
      .t_offer = INFINITY,
      .t_offer_reg = INFINITY,
      .flags = c->home_visited ? BS_REC_HOME_VISIT : 0,
  };
  return SIM_OK;
}

int bs_admit(bs_world *w, uint32_t slot, int initial_stock) {
  bs_client *c = bs_client_at(w, slot);
  int rc;
  if (!initial_stock) {
    BS_ENSURE(w, c->state == BS_ST_APPLICANT && w->stock[BS_ST_APPLICANT] > 0,
              "admission of a client who did not apply");
    w->stock[BS_ST_APPLICANT]--;
  }
  c->state = BS_ST_BENEFIT;
  w->stock[BS_ST_BENEFIT]++;
  w->c.admitted++;
  c->t_start = initial_stock ? c->t_apply : w->ctx.now;
  c->t_benefit_paid_until = w->ctx.now;
  const bs_run_params *run = &w->p.run;
  if (!initial_stock && c->t_start - w->t0 >= run->cohort_start_day &&
      c->t_start - w->t0 < run->cohort_start_day + run->cohort_length_days &&
      (rc = cohort_add(w, c)) != SIM_OK)
    return rc;
  if (initial_stock)
    bs_trace_in_stock(w, c, c->t_start - w->t0, w->p.money.benefit_month[c->household]);
  else
    bs_trace_admitted(w, c, w->p.money.benefit_month[c->household]);
  for (size_t i = 0; i < w->hooks.admit_n; i++) {
    if ((rc = w->hooks.admit[i]->on_admit(w, slot)) != SIM_OK)
      return rc;
    /* a stage may end the spell at once (e.g. deterrence): stop then */
    if (!sim_pool_alive(&w->ctx.pool, slot, sim_pool_gen(&w->ctx.pool, slot)) ||
        bs_client_at(w, slot)->state != BS_ST_BENEFIT)
      return SIM_OK;
  }
  return SIM_OK;
}

int bs_leave(bs_world *w, uint32_t slot, bs_route route) {
  bs_client *c = bs_client_at(w, slot);
  BS_ENSURE(w, c->state == BS_ST_APPLICANT || c->state == BS_ST_BENEFIT,
            "a client leaves who is not there (leaving twice?)");
  BS_ENSURE(w, (unsigned)route < BS_ROUTE_N, "a leave without a route");
  BS_ENSURE(w, w->stock[c->state] > 0, "a stock would go negative");
  bs_pay_benefit(w, c, w->ctx.now);
  bs_job_start(w, c, route); /* before on_end: a trajectory's class follows the job */
  const bs_programme_ops *ops = bs_programme_of(c->programme);
  if (ops->on_end)
    ops->on_end(w, c, 1, route);
  if (c->state == BS_ST_APPLICANT)
    w->c.gate_exits++;
  w->stock[c->state]--;
  w->c.left[route]++;
  if (c->cohort >= 0) {
    w->cohort[c->cohort].t_out = w->ctx.now;
    w->cohort[c->cohort].route = (uint8_t)route;
  }
  bs_trace_leave(w, c, route);
  int rc = SIM_OK;
  for (size_t i = 0; i < w->hooks.leave_n && rc == SIM_OK; i++)
    rc = w->hooks.leave[i]->on_leave(w, c, route);
  if (rc == SIM_OK)
    BS_ENSURE(w, !c->rng_overflow, BS_RNG_OVERFLOW_MSG);
  c->state = BS_ST_LEFT;
  sim_pool_release(&w->ctx.pool, slot);
  return rc;
}
