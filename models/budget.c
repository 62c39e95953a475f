/* budget.c: the municipality's two budgets under the WWB (003 §6.4). The
 * inkomensdeel is an allocation: benefit paid below it is a surplus the
 * municipality keeps, above it a deficit it bears. The werkdeel is a
 * ceiling on the year's commitments of trajectories, social activation,
 * work-first and funded employment: the instrument the scenario names as
 * first to go gets no new starts once the commitments reach first_cut_share
 * of the ceiling, the others none once they reach the ceiling; a new
 * calendar year opens a new budget. Both are booked per calendar year. The
 * AvdT subsidy per realised trajectory (000) is reported with them. */
#include "models/world.h"

#include <math.h>

double bs_werkdeel_spend(const bs_counters *c) {
  double s = c->traj_spend[0];
  for (int k = 1; k < BS_PAY_N; k++)
    s += c->traj_spend[k];
  return s + c->wf_spend + c->act_spend + c->subsidy_spend + c->funded_employment_spend;
}

int bs_budget_allows(const bs_world *w, int item) {
  const bs_budget_params *b = &w->p.budget;
  if (!b->enabled || b->werkdeel_per_year <= 0)
    return 1;
  double share = item == b->first_to_go ? b->first_cut_share : 1;
  return w->budget_commit < share * b->werkdeel_per_year;
}

void bs_budget_commit(bs_world *w, double eur) {
  if (w->p.budget.enabled)
    w->budget_commit += eur;
}

/* closes the books of the year being booked, up to now */
static void close_year(bs_world *w) {
  int y = w->budget_year;
  double benefit = w->c.benefit_spend, werk = bs_werkdeel_spend(&w->c);
  if (y >= 0 && y < BS_BUDGET_YEARS) {
    w->c.budget_benefit_year[y] = benefit - w->budget_benefit_mark;
    w->c.budget_werkdeel_year[y] = werk - w->budget_werkdeel_mark;
  }
  w->budget_benefit_mark = benefit;
  w->budget_werkdeel_mark = werk;
}

void bs_budget_day(bs_world *w) {
  if (!w->p.budget.enabled)
    return;
  int year = (int)floor((w->ctx.now - w->t0) / 365.25); /* the results' years */
  if (year == w->budget_year)
    return;
  /* the benefit paid to date, so that it falls in the year it was paid */
  sim_pool *pool = &w->ctx.pool;
  for (uint32_t s = 0; s < pool->used; s++)
    if (pool->gen[s] & 1u)
      bs_pay_benefit(w, bs_client_at(w, s), w->ctx.now);
  close_year(w);
  w->budget_year = year;
  w->budget_commit = 0;
}

void bs_budget_finish(bs_world *w) {
  if (w->p.budget.enabled)
    close_year(w); /* the records paid the benefit up to the horizon */
}
