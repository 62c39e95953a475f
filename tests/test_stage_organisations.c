/* test_stage_organisations.c: pins down the organisations' rules
 * (models/trajectory.c provider behaviour, models/workload.c,
 * models/places.c, models/budget.c, the labour market in models/inflow.c).
 *
 * - A provider at a 40% effort share parks a client whose expected payment
 *   (price x shares x its estimate of the chance) is below its cost, and not
 *   one whose expected payment is above it; at 70% it parks neither. A
 *   parked client's chance is multiplied by parked_success_factor; its
 *   quarterly reports show the parking with p_report_shows_parking.
 * - Separate case management with the same FTE budget as integral has the
 *   hours the FTE imply and the workload the task times imply: income checks
 *   and re-examinations from the stock, intakes from the admissions, all on
 *   the income consultants' share of the hours; what does not fit is the
 *   re-examination (the last eligibility task).
 * - A full subsidised-job stock (ID/WIW places used, no refill; no free
 *   opstapbaan) sends the next client to the queue, not to a job; a place
 *   that frees (an opstapbaan's contract ends) serves the queue.
 * - A place queue drops the clients who left when its array is full: it
 *   holds about the clients still waiting, not everyone who ever joined;
 *   the trace's queue length is the one of a queue never compacted, and
 *   the next place goes to the longest-waiting client still there.
 * - A werkdeel exhausted in month m stops new activation starts from month m
 *   under 'activation first to go'; a new year opens a new budget.
 * - Inflow follows the climate with its own elasticity.
 * Statistical checks: fixed seeds, 4 standard errors from the sample size.
 */
#include "test_stage_util.h"

#define PRICE 4000.0

/* One provider, offers at once, fixed duration, providers decide. */
static void provider_params(bs_params *p, double effort_share) {
  quiet_params(p);
  one_provider(p, PRICE);
  p->trajectory.effort_share = effort_share;
  p->trajectory.p_success_base = 0.08;
  p->trajectory.success_distance_slope = 0.6;
  bs_provider_behaviour_params *pb = &p->provider_behaviour;
  pb->enabled = 1;
  pb->cost_share = 0.5;
  pb->estimate_sd = 0; /* the provider knows the chance */
  pb->parked_success_factor = 0.5;
  pb->p_report_shows_parking = 0;
  pb->intake_stop_share = 0;
  pb->drop_parked_share = 0;
  pb->contract_days = 0;
  pb->min_reports = 20;
}

/* The chance of a regular job at distance d under provider_params. */
static double chance_at(const bs_params *p, double d) {
  double p0 = p->trajectory.p_success_base;
  double logit = log(p0 / (1 - p0)) - p->trajectory.success_distance_slope * d;
  return 1 / (1 + exp(-logit));
}

/* An obligated client at distance d, on benefit, queued for an offer. */
static person offer_client(bs_world *w, double d) {
  person h = make_person(w, d, 30);
  pc(w, h)->phase = 2;
  admit(w, h);
  cr_assert(pc(w, h)->waiting_offer);
  return h;
}

Test(organisations, provider_at_40_parks_below_its_cost_not_above) {
  bs_params p;
  provider_params(&p, 0.4);
  /* far: chance ~0.03, expected payment 4000 x (0.4 + 0.6 x 0.03) < 2000 =
   * the cost; near: chance ~0.35, expected payment > 2000 */
  double far = 2.0, near = -3.0;
  double pay_far = bs_provider_expected_payment(&p.trajectory, PRICE, chance_at(&p, far));
  double pay_near = bs_provider_expected_payment(&p.trajectory, PRICE, chance_at(&p, near));
  double cost = p.provider_behaviour.cost_share * PRICE;
  cr_assert_lt(pay_far, cost, "the far client's expected payment %.0f is below the cost", pay_far);
  cr_assert_gt(pay_near, cost, "the near client's expected payment %.0f is above it", pay_near);
  expect_near(pay_far, PRICE * (chance_at(&p, far) + (1 - chance_at(&p, far)) * 0.4), 1e-9,
              "price x shares x chance");
  bs_world w;
  world_init(&w, &p, 301);
  person a = offer_client(&w, far), b = offer_client(&w, near);
  start_cm(&w);
  run_until(&w, 10);
  cr_assert_eq(pc(&w, a)->programme, BS_PROG_TRAJECTORY);
  cr_assert_eq(pc(&w, b)->programme, BS_PROG_TRAJECTORY);
  cr_expect(pc(&w, a)->parked, "below its cost: parked");
  cr_expect(!pc(&w, b)->parked, "above its cost: full effort");
  cr_expect_eq(w.c.traj_parked, 1);
  bs_world_free(&w);

  /* the same clients under the 70% contract: both covered, neither parked */
  provider_params(&p, 0.7);
  world_init(&w, &p, 301);
  a = offer_client(&w, far);
  b = offer_client(&w, near);
  start_cm(&w);
  run_until(&w, 10);
  cr_expect(!pc(&w, a)->parked && !pc(&w, b)->parked, "70%%: the effort share covers the cost");
  cr_expect_eq(w.c.traj_parked, 0);
  bs_world_free(&w);
}

/* A parked client's chance times parked_success_factor; reports show it. */
Test(organisations, parking_lowers_the_chance_and_shows_in_reports) {
  bs_params p;
  provider_params(&p, 0.4);
  p.trajectory.p_success_base = 0.5;
  p.trajectory.success_distance_slope = 0;
  p.trajectory.report_interval_days = 30; /* reports on days 30, 60, 90; end on 100 */
  p.provider_behaviour.cost_share = 1;    /* nothing covers it: everyone parked */
  p.provider_behaviour.parked_success_factor = 0.4;
  p.provider_behaviour.p_report_shows_parking = 1;
  enum { N = 2000 };
  bs_world w;
  world_init(&w, &p, 302);
  for (int i = 0; i < N; i++)
    offer_client(&w, 0);
  start_cm(&w);
  run_until(&w, 150);
  cr_expect_eq(w.c.traj_parked, N);
  cr_expect_eq(w.c.prov_reports_parked, 3 * N, "three reports each, all showing no support");
  expect_share(w.c.left[BS_ROUTE_REGULAR_WORK], N, 0.5 * 0.4, "regular job when parked");
  bs_world_free(&w);
}

/* ---------------------------------------------------------------- workload */

static void workload_params(bs_params *p, int model) {
  quiet_params(p);
  p->case_management.model = model;
  p->case_management.consultants_fte = 10;
  bs_workload_params *wl = &p->workload;
  wl->enabled = 1;
  wl->staffing = BS_STAFF_BUDGET;
  wl->income_fte_share = 0.4;
  wl->hours_per_fte_year = 1300;
  for (int t = 0; t < BS_TASK_N; t++)
    wl->task_hours[t] = 0;
  wl->task_hours[BS_TASK_INTAKE] = 0.002;
  wl->task_hours[BS_TASK_INCOME_CHECK] = 0.25;
  wl->task_hours[BS_TASK_REEXAM] = 1;
  wl->task_hours[BS_TASK_CONTACT] = 1;
  wl->reexam_interval_days = 91;
  wl->contact_interval_days = 91;
  wl->reorg_eligibility_factor = 1;
}

Test(organisations, separate_at_equal_budget_has_the_workload_of_the_task_times) {
  enum { N = 1000, DAYS = 30 };
  double avail[2], demand[2][BS_TASK_N], done[2][BS_TASK_N];
  for (int m = 0; m < 2; m++) {
    bs_params p;
    workload_params(&p, m ? BS_CM_SEPARATE : BS_CM_INTEGRAL);
    bs_world w;
    world_init(&w, &p, 303);
    for (int i = 0; i < N; i++)
      admit(&w, make_person(&w, 0, 30));
    start_cm(&w);
    run_until(&w, DAYS - 0.5); /* the working days 0 .. DAYS-1 */
    double fte[2];
    bs_workload_fte(&w, fte);
    expect_near(fte[0] + fte[1], 10, 1e-9, "the same FTE budget");
    avail[m] = w.c.wl_hours_avail;
    for (int t = 0; t < BS_TASK_N; t++) {
      demand[m][t] = w.c.wl_demand[t];
      done[m][t] = w.c.wl_done[t];
    }
    bs_world_free(&w);
  }
  double per_day = 10 * 1300 / 365.25, month = 365.25 / 12;
  expect_near(avail[1], DAYS * per_day, 1e-6, "separate: the hours of 10 FTE");
  expect_near(avail[0], avail[1], 1e-9, "integral: the same hours");
  /* the workload the task times imply, the same in both models */
  expect_near(demand[1][BS_TASK_INTAKE], N * 0.002, 1e-6, "an intake per admission");
  expect_near(demand[1][BS_TASK_INCOME_CHECK], DAYS * N * 0.25 / month, 1e-6, "income checks");
  expect_near(demand[1][BS_TASK_REEXAM], DAYS * N * 1.0 / 91, 1e-6, "re-examinations");
  expect_near(demand[1][BS_TASK_CONTACT], DAYS * N * 1.0 / 91, 1e-6, "contact moments");
  for (int t = 0; t < BS_TASK_N; t++)
    expect_near(demand[0][t], demand[1][t], 1e-6, "integral: the same task times");
  /* separate: the income consultants' 4 FTE do intake, income checks and
   * then what is left of re-examination; the re-integration consultants' 6
   * FTE the contacts */
  double income = DAYS * 0.4 * per_day;
  double elig = done[1][BS_TASK_INTAKE] + done[1][BS_TASK_INCOME_CHECK] + done[1][BS_TASK_REEXAM];
  expect_near(elig, income, 1e-6, "the income consultants' hours are used up");
  expect_near(done[1][BS_TASK_INCOME_CHECK], demand[1][BS_TASK_INCOME_CHECK], 1e-6,
              "income checks come before re-examination");
  cr_expect_lt(done[1][BS_TASK_REEXAM], demand[1][BS_TASK_REEXAM], "re-examination squeezed");
  expect_near(done[1][BS_TASK_CONTACT], demand[1][BS_TASK_CONTACT], 1e-6,
              "contacts fit the re-integration consultants' hours");
  /* integral: one pool of 10 FTE, enough for every eligibility task */
  expect_near(done[0][BS_TASK_REEXAM], demand[0][BS_TASK_REEXAM], 1e-6,
              "integral: re-examination fits the pooled hours");
}

/* ------------------------------------------------------------------ places */

static void places_params(bs_params *p) {
  provider_params(p, 0.7);
  p->provider_behaviour.enabled = 0;
  p->trajectory.p_success_base = 0;
  p->trajectory.p_subsidised = 1; /* every trajectory ends in subsidised work */
  p->trajectory.p_funded_employment = 0;
  bs_places_params *pl = &p->places;
  pl->enabled = 1;
  pl->idwiw_places = 1;
  pl->opstap_places = 0;
  pl->opstap_days = 50;
  pl->opstap_wage_subsidy_month = 0;
  pl->covenant_places_per_year = 0;
}

/* 20 000 clients join the subsidised-job queue (no place free) in rounds of
 * 1000 and all but the last of each round leave: the array stays near the
 * clients still waiting (20), where it held every one who ever joined. */
Test(organisations, place_queue_drops_clients_who_left) {
  enum { ROUNDS = 20, PER = 1000 };
  bs_params p;
  places_params(&p);
  p.places.idwiw_places = 0; /* every subsidised place taken */
  bs_world w;
  world_init(&w, &p, 305);
  const bs_fifo *f = &w.place_q[BS_PLACE_SUBSIDISED];
  person stay[ROUNDS];
  trace_buf t;
  for (int r = 0; r < ROUNDS; r++) {
    person h[PER];
    for (int i = 0; i < PER; i++) {
      h[i] = make_person(&w, 1.0, 30);
      admit(&w, h[i]);
      if (r == ROUNDS - 1 && i == PER - 1)
        trace_on(&w, &t, h[i].id);
      cr_assert_eq(bs_place_queue(&w, h[i].slot, BS_PLACE_SUBSIDISED), SIM_OK, "%s", w.ctx.err);
    }
    for (int i = 0; i < PER - 1; i++)
      cr_assert_eq(bs_leave(&w, h[i].slot, BS_ROUTE_MOVING), SIM_OK, "%s", w.ctx.err);
    stay[r] = h[PER - 1];
  }
  cr_expect_eq(f->added, (uint64_t)ROUNDS * PER);
  cr_expect_leq(f->cap, (size_t)4 * PER, "the array holds %zu items for %zu waiting", f->cap, f->n);
  cr_expect_geq(f->n, (size_t)ROUNDS, "every client still waiting is in the queue");
  /* the last to join saw the queue every one who joined makes (none served) */
  char want[64];
  snprintf(want, sizeof want, "(queue of %d)", ROUNDS * PER);
  cr_expect_eq(trace_count(&t, want), 1, "the trace gives the uncompacted length");
  trace_off(&w, &t);
  /* a place frees: the first who joined and is still there gets it */
  w.p.places.opstap_places = 1;
  cr_assert_eq(bs_places_day(&w), SIM_OK, "%s", w.ctx.err);
  cr_expect(!alive(&w, stay[0]), "the longest-waiting client still there is served");
  for (int r = 1; r < ROUNDS; r++)
    cr_expect(alive(&w, stay[r]));
  cr_expect_eq(w.c.left[BS_ROUTE_SUBSIDISED_WORK], 1);
  bs_world_free(&w);
}

Test(organisations, full_subsidised_stock_queues_the_next_client) {
  bs_params p;
  places_params(&p);
  bs_world w;
  world_init(&w, &p, 304);
  person a = offer_client(&w, 0), b = offer_client(&w, 0);
  trace_buf t;
  trace_on(&w, &t, b.id);
  start_cm(&w);
  run_until(&w, 101);
  cr_expect(!alive(&w, a), "the first takes the one ID/WIW place");
  cr_expect_eq(w.c.left[BS_ROUTE_SUBSIDISED_WORK], 1);
  cr_assert(alive(&w, b), "the second does not get a job");
  cr_expect_eq(pc(&w, b)->state, BS_ST_BENEFIT);
  cr_expect_eq(pc(&w, b)->place_wait, BS_PLACE_SUBSIDISED + 1, "it waits in the queue");
  cr_expect_eq(w.c.place_queued[BS_PLACE_SUBSIDISED], 1);
  cr_expect_geq(trace_day(&t, "every place is taken: waits for a subsidised job"), 100);
  run_until(&w, 400);
  cr_expect(alive(&w, b), "ID/WIW places are not refilled");
  trace_off(&w, &t);
  bs_world_free(&w);

  /* one opstapbaan of 50 days instead: the second gets it when it frees */
  p.places.idwiw_places = 0;
  p.places.opstap_places = 1;
  world_init(&w, &p, 304);
  a = offer_client(&w, 0);
  b = offer_client(&w, 0);
  start_cm(&w);
  run_until(&w, 149);
  cr_expect(alive(&w, b), "the opstapbaan is taken until day 150");
  run_until(&w, 152);
  cr_expect(!alive(&w, b), "served when the contract ends");
  cr_expect_eq(w.c.left[BS_ROUTE_SUBSIDISED_WORK], 2);
  bs_world_free(&w);
}

/* ------------------------------------------------------------------ budget */

Test(organisations, werkdeel_exhausted_stops_activation_from_that_month) {
  bs_params p;
  quiet_params(&p);
  p.activation.enabled = 1;
  p.activation.min_distance = 0;
  p.activation.step_days = 91;
  p.activation.max_steps = 6;
  p.activation.p_progress = p.activation.p_relapse = p.activation.p_stop = 0;
  p.activation.p_work_per_step = 0;
  p.money.activation_cost_per_step = 100; /* a start commits 600 */
  p.budget.enabled = 1;
  p.budget.werkdeel_per_year = 6000; /* ten starts */
  p.budget.first_to_go = BS_CUT_ACTIVATION;
  p.budget.first_cut_share = 1;
  bs_world w;
  world_init(&w, &p, 305);
  start_cm(&w);
  /* a far client every three days from day 0: the tenth start (day 27, in
   * month 1) exhausts the werkdeel */
  double first_refused = -1;
  for (int i = 0; i < 30; i++) {
    run_until(&w, 3.0 * i + 0.5);
    uint64_t before = w.c.act_started;
    admit(&w, make_person(&w, 1.0, 30));
    if (w.c.act_started == before && first_refused < 0)
      first_refused = w.ctx.now;
  }
  cr_expect_eq(w.c.act_started, 10, "ten starts fit the ceiling");
  expect_near(w.budget_commit, 6000, 1e-9, "the werkdeel is committed");
  cr_expect(first_refused >= 27 && first_refused < 31, "refused from the month it ran out (%g)",
            first_refused);
  /* a new calendar year: a new budget */
  run_until(&w, 366.5);
  admit(&w, make_person(&w, 1.0, 30));
  cr_expect_eq(w.c.act_started, 11, "the next year's budget pays a start");
  bs_world_free(&w);
}

/* ------------------------------------------------------------ labour market */

static uint64_t applications_by(double horizon, double elasticity) {
  bs_params p;
  quiet_params(&p);
  p.run.horizon_days = horizon;
  p.run.cohort_length_days = 0;
  p.inflow.applications_per_year = 3652.5; /* 10 a day */
  p.inflow.climate_n = 2;
  p.inflow.climate[1][0] = 100;
  p.inflow.climate[1][1] = 0.5;
  p.labour_market.inflow_elasticity = elasticity;
  p.gatekeeping.p_ineligible = 1; /* applicants leave at once */
  bs_world w;
  world_init(&w, &p, 306);
  world_run(&w);
  uint64_t n = w.c.applications;
  bs_world_free(&w);
  return n;
}

Test(organisations, inflow_follows_the_climate_with_its_elasticity) {
  uint64_t before = applications_by(100, 1), all = applications_by(200, 1);
  expect_count(before, 1000, "before the shock: the base rate");
  expect_count(all - before, 100 * 10 * pow(0.5, -1.0), "after it: x climate^-1");
  uint64_t flat = applications_by(200, 0) - applications_by(100, 0);
  expect_count(flat, 1000, "elasticity 0: the climate leaves inflow alone");
}
