/* trajectory.c: re-integration trajectories bought from providers (003
 * §3.2). Payment 'no cure, less pay': effort_share of the price for effort
 * without outflow, subsidised_share for outflow to subsidised work,
 * regular_share for a regular job. Success depends on the client's distance,
 * the provider's quality and (integral case management) problems seen and
 * handled first. Lock-in: the job hazard is multiplied by lock_in during the
 * trajectory. Providers report quarterly (no-shows feed sanctions). Each
 * offer is registered with a delay and a completeness rate; registrations
 * later than the reporting deadline never reach the monitor (MOSA). */
#include "models/world.h"

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_rng.h>
#include <math.h>

enum { TR_REPORT = 1, TR_END };

double bs_traj_payment(const bs_traj_params *tp, double price, int pay_class) {
  switch (pay_class) {
  case BS_PAY_REGULAR:
    return price * tp->regular_share;
  case BS_PAY_SUBSIDISED:
    return price * tp->subsidised_share;
  default:
    return price * tp->effort_share;
  }
}

/* May provider i take this client: not dropped, no intake stop, and (mode
 * 1) a specialist in the client's phase or (mode 2) a generalist. */
static int candidate(const bs_world *w, size_t i, const bs_client *c, int mode) {
  const bs_provider *pr = &w->p.trajectory.providers[i];
  if (w->prov_dropped[i] || (mode > 0 && w->prov_stopped[i]))
    return 0;
  if (mode == 1)
    return pr->target_phase == c->phase;
  if (mode == 2)
    return pr->target_phase == 0;
  return 1;
}

/* Uniformly among the specialists in the client's phase, else among the
 * generalists, else among all providers not dropped (003 §3.2: a provider
 * may specialise in a target group; one under an intake stop takes none). */
static int choose_provider(bs_world *w, bs_client *c) {
  const bs_traj_params *tp = &w->p.trajectory;
  double u;
  bs_draw(c, BS_RNG_TRAJECTORY, &u, 1);
  for (int mode = 1; mode >= 0; mode = mode == 1 ? 2 : mode == 2 ? 0 : -1) {
    int n = 0;
    for (size_t i = 0; i < tp->providers_n; i++)
      n += candidate(w, i, c, mode);
    if (n == 0)
      continue;
    int k = (int)(u * n);
    for (size_t i = 0; i < tp->providers_n; i++) {
      if (!candidate(w, i, c, mode))
        continue;
      if (k-- == 0)
        return (int)i;
    }
  }
  return 0;
}

static double p_success(const bs_world *w, const bs_client *c) {
  const bs_traj_params *tp = &w->p.trajectory;
  double p0 = tp->p_success_base;
  if (p0 <= 0)
    return 0;
  if (p0 >= 1)
    p0 = 1 - 1e-9;
  double logit = w->traj_logit_base - tp->success_distance_slope * c->distance;
  double p = 1 / (1 + exp(-logit));
  p *= tp->providers_n ? tp->providers[c->provider].quality : 1;
  if (w->p.case_management.model == BS_CM_INTEGRAL && c->problems)
    p *= w->p.case_management.integral_success_boost;
  if (c->parked)
    p *= w->p.provider_behaviour.parked_success_factor;
  p *= bs_climate_pow(w, w->ctx.now, w->p.labour_market.trajectory_elasticity);
  return p > 1 ? 1 : p;
}

/* The provider's expected payment for a client whose chance of a regular
 * job it estimates at `chance`: price x the shares of 'no cure, less pay'. */
double bs_provider_expected_payment(const bs_traj_params *tp, double price, double chance) {
  double rest = (1 - chance) * (tp->p_subsidised * tp->subsidised_share +
                                (1 - tp->p_subsidised) * tp->effort_share);
  return price * (chance * tp->regular_share + rest);
}

/* The provider decides its effort (003 §3.2: some providers parked clients):
 * full effort when the expected payment covers its cost, else it parks the
 * client. Its estimate is the client's chance with a logit error (u). */
static void provider_decides(bs_world *w, bs_client *c, double u) {
  const bs_provider_behaviour_params *pb = &w->p.provider_behaviour;
  const bs_traj_params *tp = &w->p.trajectory;
  c->parked = 0;
  if (!pb->enabled || !tp->providers_n)
    return;
  double p = p_success(w, c);
  if (p <= 0 || p >= 1)
    p = p <= 0 ? 1e-9 : 1 - 1e-9;
  double uu = u > 1e-12 ? (u < 1 - 1e-12 ? u : 1 - 1e-12) : 1e-12;
  double z = pb->estimate_sd > 0 ? pb->estimate_sd * gsl_cdf_ugaussian_Pinv(uu) : 0;
  double est = 1 / (1 + exp(-(log(p / (1 - p)) + z)));
  double price = tp->providers[c->provider].price;
  double pay = bs_provider_expected_payment(tp, price, est), cost = pb->cost_share * price;
  if (pay < cost) {
    c->parked = 1;
    w->c.traj_parked++;
    bs_trace_traj_parked(w, c, pay, cost);
  } else {
    bs_trace_traj_worked(w, c, pay, cost);
  }
}

/* The share of a provider's reports that showed a parked client, once it
 * has enough reports to judge (else 0). */
static double parked_share(const bs_world *w, size_t i) {
  uint32_t n = w->prov_reports[i];
  return n >= (uint32_t)w->p.provider_behaviour.min_reports && n > 0
             ? (double)w->prov_parked_reports[i] / n
             : 0;
}

/* A quarterly report: a parked client's shows that it got no support with
 * p_report_shows_parking (003 §3.2); the municipality stops the provider's
 * intake when the share of such reports passes intake_stop_share. */
static void report_parking(bs_world *w, bs_client *c, double u) {
  const bs_provider_behaviour_params *pb = &w->p.provider_behaviour;
  if (!pb->enabled || !w->p.trajectory.providers_n)
    return;
  size_t i = c->provider;
  w->prov_reports[i]++;
  if (c->parked && u < pb->p_report_shows_parking) {
    w->prov_parked_reports[i]++;
    w->c.prov_reports_parked++;
    bs_trace_traj_report_parked(w, c);
  }
  if (pb->intake_stop_share > 0 && !w->prov_stopped[i] &&
      parked_share(w, i) > pb->intake_stop_share) {
    w->prov_stopped[i] = 1;
    w->c.prov_intake_stops++;
  }
}

static int next_step(bs_world *w, uint32_t slot, bs_client *c) {
  double next = w->ctx.now + w->p.trajectory.report_interval_days;
  c->prog_step = TR_REPORT;
  if (w->p.trajectory.report_interval_days <= 0 || next >= c->t_prog_end) {
    c->prog_step = TR_END;
    next = c->t_prog_end;
  }
  return bs_at(w, next, BS_EV_PROG, slot, c->prog_token);
}

int bs_traj_start(bs_world *w, uint32_t slot) {
  bs_client *c = bs_client_at(w, slot);
  const bs_traj_params *tp = &w->p.trajectory;
  gsl_rng *r = bs_rng(w, c, BS_RNG_TRAJECTORY);
  double dur = bs_delay_draw(r, &tp->duration);
  double u_prov; /* the provider's block: its estimate of the chance */
  bs_draw(c, BS_RNG_PROVIDER, &u_prov, 1);
  w->c.traj_started++;
  c->provider = (uint8_t)choose_provider(w, c);
  bs_budget_commit(w, tp->providers_n ? tp->providers[c->provider].price : 0);
  c->had_trajectory = 1;
  c->traj_aim_paid = c->phase <= 3 && !c->exempt;
  if (bs_offer_made(w, c, tp->p_registered, 0))
    w->c.traj_registered++;
  w->prov_started[c->provider]++;
  int rc = bs_set_programme(w, slot, BS_PROG_TRAJECTORY);
  if (rc != SIM_OK)
    return rc;
  (c->traj_aim_paid ? bs_trace_traj_offered_paid : bs_trace_traj_offered_care)(
      w, c, tp->providers_n ? tp->providers[c->provider].name : "-", dur);
  provider_decides(w, c, u_prov);
  /* the end is fixed now; reports come every interval until then */
  c->t_prog_end = w->ctx.now + dur;
  return next_step(w, slot, c);
}

/* A client leaving during a trajectory: the provider is paid by outcome. */
static void pay(bs_world *w, bs_client *c, int pay_class) {
  const bs_traj_params *tp = &w->p.trajectory;
  double price = tp->providers_n ? tp->providers[c->provider].price : 0;
  w->c.traj_spend[pay_class] += bs_traj_payment(tp, price, pay_class);
  w->c.traj_ended[pay_class]++;
  w->prov_ended[c->provider]++;
  if (pay_class != BS_PAY_EFFORT)
    w->prov_success[c->provider]++;
}

static void traj_end(bs_world *w, bs_client *c, int left, bs_route route) {
  if (!left)
    return;                           /* the trajectory's own end pays (traj_step) */
  if (route == BS_ROUTE_REGULAR_WORK) /* 100% only for a job of 6 months at 20 h (003 §3.2) */
    pay(w, c, bs_job_qualifies(w, c) ? BS_PAY_REGULAR : BS_PAY_EFFORT);
  else if (route == BS_ROUTE_SUBSIDISED_WORK || route == BS_ROUTE_FUNDED_EMPLOYMENT)
    pay(w, c, BS_PAY_SUBSIDISED);
  else
    pay(w, c, BS_PAY_EFFORT);
}

static int traj_step(bs_world *w, uint32_t slot, bs_client *c) {
  const bs_traj_params *tp = &w->p.trajectory;
  if (c->prog_step == TR_REPORT) {
    /* the report's block: no-show, and the signal's loss and delay */
    const bs_block u = bs_take(c, BS_RNG_TRAJECTORY, 3);
    double u_shows;
    bs_draw(c, BS_RNG_PROVIDER, &u_shows, 1);
    w->c.traj_reports++;
    report_parking(w, c, u_shows);
    if (bs_block_u(u, 0) < bs_no_show_p(w, c)) {
      w->c.traj_no_shows++;
      bs_trace_traj_no_show(w, c);
      const double u_signal[2] = {bs_block_u(u, 1), bs_block_u(u, 2)};
      int rc = bs_report_violation(w, slot, BS_DUTY_REINTEGRATION, u_signal);
      if (rc != SIM_OK)
        return rc;
      if (bs_client_at(w, slot)->state != BS_ST_BENEFIT)
        return SIM_OK;
    } else {
      bs_trace_traj_on_track(w, c);
    }
    return next_step(w, slot, c);
  }
  /* the end of the trajectory: outcome */
  const bs_block u = bs_take(c, BS_RNG_TRAJECTORY, 4); /* success, subsidised, funded, re-offer */
  double u_succ = bs_block_u(u, 0);
  double p_succ = p_success(w, c);
  if (u_succ < p_succ) {
    bs_trace_traj_job(w, c);
    return bs_leave(w, slot, BS_ROUTE_REGULAR_WORK);
  }
  if (bs_block_u(u, 1) < tp->p_subsidised) {
    const double u_fund = bs_block_u(u, 2);
    int funded = u_fund < tp->p_funded_employment && bs_budget_allows(w, BS_CUT_FUNDED);
    int kind = funded ? BS_PLACE_FUNDED : BS_PLACE_SUBSIDISED;
    if (u_fund < tp->p_funded_employment && !funded)
      w->c.budget_refused[BS_CUT_FUNDED]++;
    if (bs_place_full(w, kind)) { /* the provider found work; the place is lacking */
      pay(w, c, BS_PAY_SUBSIDISED);
      int rc = bs_set_programme(w, slot, BS_PROG_NONE);
      return rc != SIM_OK ? rc : bs_place_queue(w, slot, kind);
    }
    int rc = bs_place_take(w, kind);
    if (rc != SIM_OK)
      return rc;
    if (funded) {
      bs_budget_commit(w, 12 * w->p.money.benefit_month[c->household]);
      bs_trace_traj_funded(w, c);
      w->c.funded_employment_spend += 12 * w->p.money.benefit_month[c->household];
      return bs_leave(w, slot, BS_ROUTE_FUNDED_EMPLOYMENT);
    }
    bs_trace_traj_subsidised(w, c);
    w->c.subsidy_spend += tp->opstap_subsidy;
    return bs_leave(w, slot, BS_ROUTE_SUBSIDISED_WORK);
  }
  pay(w, c, BS_PAY_EFFORT);
  bs_trace_traj_effort(w, c, tp->effort_share * 100);
  bs_after_programme(w, c, BS_PROG_TRAJECTORY);
  int rc = bs_set_programme(w, slot, BS_PROG_NONE);
  if (rc != SIM_OK)
    return rc;
  /* the provider recommends another offer, or not; the router decides */
  return bs_cm_route(w, slot, bs_block_u(u, 3) < tp->p_reoffer ? BS_BACK_OFFER : BS_BACK_NONE);
}

/* Provider evaluation: a provider whose success share is below the bar is
 * dropped (never the last one). */
static void retender(bs_world *w);

static int evaluate(sim_ctx *ctx, const sim_event *ev, void *user) {
  bs_world *w = user;
  const bs_traj_params *tp = &w->p.trajectory;
  const bs_provider_behaviour_params *pb = &w->p.provider_behaviour;
  if (ev->data == 1) { /* the end of a contract */
    retender(w);
    double next = ctx->now + pb->contract_days;
    if (next <= w->t_end)
      return sim_schedule(ctx, next, BS_EV_EVAL, SIM_NO_ENTITY, 1);
    return SIM_OK;
  }
  size_t active = 0;
  for (size_t i = 0; i < tp->providers_n; i++)
    active += !w->prov_dropped[i];
  for (size_t i = 0; i < tp->providers_n && active > 1; i++) {
    uint32_t ended = w->prov_ended[i];
    if (w->prov_dropped[i] || ended < 20)
      continue;
    int parks =
        pb->enabled && pb->drop_parked_share > 0 && parked_share(w, i) > pb->drop_parked_share;
    if ((double)w->prov_success[i] / ended < tp->drop_below_success || parks) {
      w->prov_dropped[i] = 1;
      w->c.providers_dropped++;
      active--;
    }
  }
  double next = ctx->now + tp->evaluation_interval_days;
  if (next <= w->t_end)
    return sim_schedule(ctx, next, BS_EV_EVAL, SIM_NO_ENTITY, 0);
  return SIM_OK;
}

static int traj_init(bs_world *w) {
  /* p_success's logit of the base chance (p0 as p_success clamps it) */
  double p0 = w->p.trajectory.p_success_base;
  if (p0 >= 1)
    p0 = 1 - 1e-9;
  w->traj_logit_base = p0 > 0 ? log(p0 / (1 - p0)) : 0;
  return sim_ctx_on(&w->ctx, BS_EV_EVAL, evaluate, w);
}

/* Re-tendering at the end of a contract (003 §3.2: about five providers):
 * intake stops and drops are lifted and the books start afresh. */
static void retender(bs_world *w) {
  const bs_traj_params *tp = &w->p.trajectory;
  for (size_t i = 0; i < tp->providers_n; i++) {
    w->prov_dropped[i] = w->prov_stopped[i] = 0;
    w->prov_started[i] = w->prov_ended[i] = w->prov_success[i] = 0;
    w->prov_reports[i] = w->prov_parked_reports[i] = 0;
  }
  w->c.prov_retenders++;
}

static int traj_first_evaluation(bs_world *w) {
  const bs_traj_params *tp = &w->p.trajectory;
  const bs_provider_behaviour_params *pb = &w->p.provider_behaviour;
  int rc = SIM_OK;
  if (tp->enabled && tp->evaluation_interval_days > 0)
    rc = sim_schedule(&w->ctx, tp->evaluation_interval_days, BS_EV_EVAL, SIM_NO_ENTITY, 0);
  if (rc == SIM_OK && tp->enabled && pb->enabled && pb->contract_days > 0 &&
      pb->contract_days <= w->t_end)
    rc = sim_schedule(&w->ctx, pb->contract_days, BS_EV_EVAL, SIM_NO_ENTITY, 1);
  return rc;
}

static int traj_enabled(const bs_world *w) { return w->p.trajectory.enabled; }

/* An exempt client is offered a trajectory with p_offer_exempt. */
static int traj_eligible(const bs_world *w, const bs_client *c, double u) {
  /* a returner is not offered a trajectory again by rule (003 §5.3.1) */
  if (c->spell > 0 && bs_returner_offer_u(c) >= w->p.behaviour.reinflow.p_offer_returner)
    return 0;
  return !c->exempt || u < w->p.trajectory.p_offer_exempt;
}

static double traj_job_mult(const bs_world *w, const bs_client *c) {
  (void)c;
  return w->p.trajectory.lock_in;
}

static bs_rung traj_rung(const bs_world *w, const bs_client *c) {
  (void)w;
  return c->traj_aim_paid ? BS_RUNG_PAID_WORK : BS_RUNG_CARE;
}

const bs_programme_ops bs_prog_trajectory = {
    .id = BS_PROG_TRAJECTORY,
    .instrument = BS_INSTR_TRAJECTORY,
    .record_flag = BS_REC_TRAJECTORY,
    .reintegration_duty = 1,
    .provider_detects = 1,
    .rank_obligated = 3,
    .rank_exempt = 1,
    .enabled = traj_enabled,
    .eligible = traj_eligible,
    .enter = bs_cm_request, /* an offer waits for a consultant's decision */
    .job_mult = traj_job_mult,
    .rung = traj_rung,
    .step = traj_step,
    .on_end = traj_end,
};

const bs_stage bs_stage_trajectory = {
    .name = "trajectory",
    .init = traj_init,
    .start = traj_first_evaluation,
};
