/* inflow.c: applications arrive as a Poisson process; each new person gets
 * traits from their own stream; leavers may come back ('in and out'). The
 * initial stock starts on benefit at day 0. */
#include "models/world.h"

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>
#include <math.h>
#include <stdlib.h>

/* Inverse of the standard normal CDF on a given uniform: one uniform per
 * trait keeps the trait stream aligned whatever the parameters. */
static double normal_from(double u, double mean, double sd) {
  return mean + sd * gsl_cdf_ugaussian_Pinv(u);
}

static int pick_share(const double *shares, int n, double u) {
  double acc = 0;
  for (int i = 0; i < n - 1; i++) {
    acc += shares[i];
    if (u < acc)
      return i;
  }
  return n - 1;
}

static const double age_lo[BS_AGE_N] = {18, 23, 57.5, 65};
static const double age_hi[BS_AGE_N] = {23, 57.5, 65, 75};

/* Draws a person's traits. Every person uses the same number of uniforms
 * from the TRAITS stream in the same order (common random numbers). */
static void draw_traits(bs_world *w, bs_client *c, int initial_stock) {
  const bs_client_params *cp = &w->p.clients;
  enum { NU = 12 };
  const bs_block b = bs_take(c, BS_RNG_TRAITS, NU); /* u[i] is bs_block_u(b, i) */
#define u(i) bs_block_u(b, i)
  c->age_band = (uint8_t)pick_share(cp->age_shares, BS_AGE_N, u(0));
  c->age_years = age_lo[c->age_band] + u(1) * (age_hi[c->age_band] - age_lo[c->age_band]);
  c->household = (uint8_t)pick_share(cp->household_shares, BS_HH_N, u(2));
  double ud = u(3);
  if (initial_stock) {
    /* the stock is mostly far from the market: draw from the far or near
     * part of the distance distribution with the stock's far share */
    double pfar =
        1 - gsl_cdf_ugaussian_P((cp->far_threshold - cp->distance_mean) / cp->distance_sd);
    double far_share = w->p.inflow.initial_stock_far_share;
    if (u(11) < far_share)
      ud = (1 - pfar) + ud * pfar;
    else
      ud = ud * (1 - pfar);
    if (ud <= 0)
      ud = 1e-12;
    if (ud >= 1)
      ud = 1 - 1e-12;
  }
  c->distance = normal_from(ud, cp->distance_mean, cp->distance_sd);
  int far = c->distance > cp->far_threshold;
  uint8_t prob = 0;
  const double u4 = u(4);
  if (far) {
    if (u4 < cp->p_both_far)
      prob |= BS_PROB_MEDICAL | BS_PROB_PSYCHOSOCIAL;
    else if (u4 < cp->p_both_far + cp->p_medical_or_psy_far)
      prob |= (u(5) < 0.5) ? BS_PROB_MEDICAL : BS_PROB_PSYCHOSOCIAL;
  } else if (u4 < cp->p_problem_near) {
    prob |= (u(5) < 0.5) ? BS_PROB_MEDICAL : BS_PROB_PSYCHOSOCIAL;
  }
  if (u(6) < cp->p_debts)
    prob |= BS_PROB_DEBTS;
  if (u(7) < cp->p_language)
    prob |= BS_PROB_LANGUAGE;
  c->problems = prob;
  /* compliance last, by GSL's beta sampler: it may take several uniforms,
   * which is harmless after the fixed ones (the same person draws the same).
   * u(8) is not used; u(BS_TRAIT_U_FRAUD) and u(BS_TRAIT_U_EXEMPT) are the
   * fraud propensity and the exemption's uniform: computed when used
   * (bs_fraud_propensity, bs_u_exempt), not kept */
  c->compliance =
      gsl_ran_beta(bs_rng(w, c, BS_RNG_TRAITS), cp->compliance_alpha, cp->compliance_beta);
#undef u
  /* participation ladder from distance: far clients on rungs 1-3 */
  double z = (c->distance - cp->distance_mean) / (cp->distance_sd > 0 ? cp->distance_sd : 1);
  int rung = z > 1.5 ? 1 : z > 0.75 ? 2 : z > 0 ? 3 : z > -0.75 ? 4 : 5;
  c->ladder = (uint8_t)rung;
}

int bs_inflow_new_client(bs_world *w, uint32_t id, uint16_t spell, int initial_stock,
                         uint32_t *slot_out) {
  uint32_t slot;
  if (sim_pool_alloc(&w->ctx.pool, &slot) != SIM_OK) {
    snprintf(w->ctx.err, sizeof w->ctx.err,
             "out of memory: cannot hold more than %zu clients at once", w->ctx.pool.live);
    return SIM_ENOMEM;
  }
  bs_client *c = bs_client_at(w, slot);
  c->id = id;
  c->spell = spell;
  c->cohort = -1;
  c->job_mult = 1;
  c->after_mult = 1;
  c->t_fraud_start = -1;
  /* traits are a property of the person: spell-independent streams */
  c->rng_key = sim_stream_key_entity(w->seed, w->replication, id); /* draws: all 0 */
  draw_traits(w, c, initial_stock);
  c->assessed = c->distance;      /* until a diagnosis assesses it */
  c->rng_draws[BS_RNG_SPELL] = 1; /* the spell's first block: bs_returner_offer_u */
  c->t_apply = w->ctx.now;
  w->c.entered++;
  *slot_out = slot;
  return SIM_OK;
}

/* The factor on applications at day t: the inflow curve times the climate
 * to the power -inflow_elasticity (a worse climate, more applications). */
static double inflow_factor(const bs_world *w, double t) {
  const bs_inflow_params *in = &w->p.inflow;
  size_t i = 0;
  while (i + 1 < in->curve_n && in->curve[i + 1][0] <= t)
    i++;
  double f = in->curve_n ? in->curve[i][1] : 1;
  return f * bs_climate_pow(w, t, -w->p.labour_market.inflow_elasticity);
}

/* The first breakpoint of the curve or the climate after t, or INFINITY. */
static double next_breakpoint(const bs_world *w, double t) {
  const bs_inflow_params *in = &w->p.inflow;
  double next = INFINITY;
  for (size_t i = 0; i < in->curve_n; i++)
    if (in->curve[i][0] > t && in->curve[i][0] < next)
      next = in->curve[i][0];
  if (w->p.labour_market.inflow_elasticity != 0)
    for (size_t i = 0; i < in->climate_n; i++)
      if (in->climate[i][0] > t && in->climate[i][0] < next)
        next = in->climate[i][0];
  return next;
}

static double next_gap(bs_world *w) {
  double rate = w->p.inflow.applications_per_year / 365.25;
  if (rate <= 0)
    return INFINITY;
  double e = -log(sim_stream_uniform(&w->rng_inflow));
  if (w->p.inflow.curve_n <= 1 && w->p.labour_market.inflow_elasticity == 0 &&
      (w->p.inflow.curve_n == 0 || w->p.inflow.curve[0][1] == 1))
    return e / rate; /* a constant rate */
  /* a piecewise constant rate: invert its integral from now */
  double t = w->ctx.now;
  for (;;) {
    double r = rate * inflow_factor(w, t), end = next_breakpoint(w, t);
    if (r > 0 && t + e / r <= end)
      return t + e / r - w->ctx.now;
    if (end == INFINITY)
      return INFINITY;
    e -= r * (end - t);
    t = end;
  }
}

static int schedule_next_arrival(bs_world *w) {
  double t = w->ctx.now + next_gap(w);
  if (!(t <= w->t_end))
    return SIM_OK;
  return sim_schedule(&w->ctx, t, BS_EV_ARRIVAL, SIM_NO_ENTITY, 0);
}

static int arrival(sim_ctx *ctx, const sim_event *ev, void *user) {
  (void)ctx;
  (void)ev;
  bs_world *w = user;
  uint32_t slot;
  int rc = bs_inflow_new_client(w, w->next_id++, 0, 0, &slot);
  if (rc != SIM_OK)
    return rc;
  w->c.applications++;
  if ((rc = bs_apply(w, slot)) != SIM_OK)
    return rc;
  return schedule_next_arrival(w);
}

/* A former client applies again: same person (same traits, older), a new
 * spell. The event's data is the index of the pending return. */
static int person_returns(sim_ctx *ctx, const sim_event *ev, void *user) {
  (void)ctx;
  bs_world *w = user;
  struct bs_return ret = w->returns[ev->data];
  w->returns_free[w->returns_nfree++] = ev->data;
  uint32_t slot;
  /* a person of the initial stock (ids 0 .. initial_stock-1, assigned
   * first) is drawn as a stock person again, else the traits would differ */
  int from_stock = (uint64_t)ret.id < (uint64_t)w->p.inflow.initial_stock;
  int rc = bs_inflow_new_client(w, ret.id, ret.spell, from_stock, &slot);
  if (rc != SIM_OK)
    return rc;
  bs_client *c = bs_client_at(w, slot);
  c->age_years = ret.age_years;
  c->age_band = ret.age_years >= 65     ? BS_AGE_SENIOR
                : ret.age_years >= 57.5 ? BS_AGE_OLDER
                : ret.age_years >= 23   ? BS_AGE_MID
                                        : BS_AGE_YOUNG;
  w->c.applications++;
  w->c.reinflow++;
  bs_trace_reapply(w, c, c->spell);
  return bs_apply(w, slot);
}

static int return_slot(bs_world *w, uint32_t *index) {
  if (w->returns_nfree > 0) {
    *index = w->returns_free[--w->returns_nfree];
    return SIM_OK;
  }
  if (w->returns_n == w->returns_cap) {
    size_t cap = w->returns_cap ? w->returns_cap * 2 : 64;
    struct bs_return *r = realloc(w->returns, cap * sizeof *r);
    if (!r)
      return SIM_ENOMEM;
    w->returns = r;
    uint32_t *f = realloc(w->returns_free, cap * sizeof *f);
    if (!f)
      return SIM_ENOMEM;
    w->returns_free = f;
    w->returns_cap = cap;
  }
  *index = (uint32_t)w->returns_n++;
  return SIM_OK;
}

/* A leaver may come back ('in and out'): with p_reinflow times the exit
 * route's factor after reinflow_delay, or, after a job spell
 * (behaviour.jobs), when the job ends (behaviour.c drew whether). */
static int maybe_return(bs_world *w, bs_client *c, bs_route route) {
  double t;
  if (bs_job_route(w, route)) {
    t = w->job.t_return; /* bs_job_start, earlier in this bs_leave */
  } else {
    double p = w->p.inflow.p_reinflow * w->p.behaviour.reinflow.route_factor[route];
    if (p <= 0)
      return SIM_OK;
    double u;
    bs_draw(c, BS_RNG_ROUTE, &u, 1);
    double d = bs_delay_draw(bs_rng(w, c, BS_RNG_ROUTE), &w->p.inflow.reinflow_delay);
    if (u >= p)
      return SIM_OK;
    t = w->ctx.now + d;
  }
  if (c->spell >= UINT16_MAX - 1)
    return SIM_OK;
  if (!(t <= w->t_end))
    return SIM_OK;
  uint32_t index;
  if (return_slot(w, &index) != SIM_OK) {
    snprintf(w->ctx.err, sizeof w->ctx.err, "out of memory (pending returns)");
    return SIM_ENOMEM;
  }
  w->returns[index] = (struct bs_return){.id = c->id,
                                         .spell = (uint16_t)(c->spell + 1),
                                         .age_years = c->age_years + (t - c->t_apply) / 365.25};
  return sim_schedule(&w->ctx, t, BS_EV_RETURN, SIM_NO_ENTITY, index);
}

static int inflow_start(bs_world *w) {
  int rc;
  /* the stock's records at once (sim_pool_reserve: huge pages, no moves) */
  if (w->p.inflow.initial_stock > 0 &&
      sim_pool_reserve(&w->ctx.pool, (size_t)w->p.inflow.initial_stock) != SIM_OK) {
    snprintf(w->ctx.err, sizeof w->ctx.err, "out of memory (%ld client records)",
             (long)w->p.inflow.initial_stock);
    return SIM_ENOMEM;
  }
  for (long i = 0; i < w->p.inflow.initial_stock; i++) {
    uint32_t slot;
    if ((rc = bs_inflow_new_client(w, w->next_id++, 0, 1, &slot)) != SIM_OK)
      return rc;
    bs_client *c = bs_client_at(w, slot);
    /* the stock has been on benefit for a while already */
    /* exponential time on benefit (one uniform, as gsl_ran_exponential),
     * truncated at the 65th birthday: who turned 65 on benefit has left by
     * the age route and is not in the stock */
    double u;
    bs_draw(c, BS_RNG_GATE, &u, 1); /* the uniform gsl_rng_uniform would give */
    double mean = w->p.inflow.initial_stock_mean_duration_days;
    double to65 = (65 - c->age_years) * 365.25;
    double f = (c->age_years < 65 && mean > 0) ? -expm1(-to65 / mean) : 1;
    c->t_apply = mean * log1p(-u * f);
    c->phase_true = (uint8_t)bs_phase_true(&w->p, c->distance);
    c->phase = c->phase_true;
    c->done |= BS_DONE_CWI; /* the stock is the municipality's already */
    if ((rc = bs_admit(w, slot, 1)) != SIM_OK)
      return rc;
  }
  return schedule_next_arrival(w);
}

static int inflow_init(bs_world *w) {
  int rc = sim_ctx_on(&w->ctx, BS_EV_ARRIVAL, arrival, w);
  if (rc == SIM_OK)
    rc = sim_ctx_on(&w->ctx, BS_EV_RETURN, person_returns, w);
  return rc;
}

static void inflow_free(bs_world *w) {
  free(w->returns);
  free(w->returns_free);
  w->returns = NULL;
  w->returns_free = NULL;
}

const bs_stage bs_stage_inflow = {
    .name = "inflow",
    .init = inflow_init,
    .start = inflow_start,
    .on_leave = maybe_return,
    .free = inflow_free,
};
