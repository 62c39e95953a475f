/* test_stage_case_management.c: pins down case management
 * (models/case_management.c).
 *
 * - Consultants are a finite resource: offers are made at
 *   consultants_fte x actions_per_fte_day x 5/7 per day, so the mean wait for
 *   an offer is set by the capacity: few consultants (or a caseload over the
 *   norm, which scales capacity by norm / caseload) make clients wait longer.
 * - The queue order: fifo (first come first served), creaming (most
 *   employable = lowest distance first), furthest_first (highest first);
 *   new clients within sluitend_lead_days of the sluitende-aanpak deadline
 *   go before the order.
 * - offer_cap_per_year caps the trajectory starts per contract year; the
 *   AvdT target contracted_per_year does not, and earns the subsidy per
 *   realised trajectory up to it.
 * - integral: an action slips through at p_slip (counted as slipped, never
 *   as a lost signal); separate: a signal between the two consultants is
 *   lost at p_signal_loss (counted as lost, never slipped) and otherwise
 *   arrives after signal_delay.
 * - A reorganisation multiplies capacity by reorg_output_factor inside its
 *   window and nowhere else.
 * Statistical checks: fixed seeds, 4 standard errors from the sample size.
 */
#include "test_stage_util.h"

/* Trajectories on, offers at once, no deadline channel, no end in sight:
 * a client waits in the queue until served, then stays in the trajectory. */
/* The day of a client's first trajectory offer in this spell, from its
 * cohort record (the client record keeps only that there was one), or
 * INFINITY: the test's clients enter the cohort (admitted in its window). */
static double first_offer_day(bs_world *w, person h) {
  const bs_client *c = pc(w, h);
  cr_assert_geq(c->cohort, 0, "client %u is in the cohort", h.id);
  return w->cohort[c->cohort].t_offer;
}

static void cm_params(bs_params *p) {
  quiet_params(p);
  p->trajectory.enabled = 1;
  p->trajectory.offer_after_days = 0;
  p->trajectory.sluitend_deadline_days = 0;
  p->trajectory.offer_order = BS_ORDER_FIFO;
  p->trajectory.contracted_per_year = 0;
  p->trajectory.duration = (bs_delay){5000, 0};
  p->trajectory.report_interval_days = 0;
  p->case_management.model = BS_CM_INTEGRAL;
  p->case_management.p_slip = 0;
  p->case_management.caseload_norm = 1e5;
}

/* n clients on benefit at day 0, phase 2, obligated; returns their handles. */
static person *admit_many(bs_world *w, int n) {
  person *hs = malloc((size_t)n * sizeof *hs);
  cr_assert_not_null(hs);
  for (int i = 0; i < n; i++) {
    hs[i] = new_person(w);
    bs_client *c = pc(w, hs[i]);
    c->phase = c->phase_true = 2;
    admit(w, hs[i]);
    cr_assert(pc(w, hs[i])->waiting_offer, "client %d is not queued", i);
  }
  return hs;
}

/* Mean wait for an offer with the given capacity. */
static double mean_wait(double fte, double actions, double norm, int n, double *expected) {
  bs_params p;
  cm_params(&p);
  p.case_management.consultants_fte = fte;
  p.case_management.actions_per_fte_day = actions;
  p.case_management.caseload_norm = norm;
  bs_world w;
  world_init(&w, &p, 51);
  person *hs = admit_many(&w, n);
  start_cm(&w);
  run_until(&w, 2000);
  cr_expect_eq(w.c.cm_wait_n, (uint64_t)n, "everyone is served");
  cr_expect_eq(w.c.traj_started, (uint64_t)n);
  /* the k-th client (1-based) is served on the first day d with
   * floor((d + 1) * c) >= k, c the daily capacity */
  double f = norm < (double)n / fte ? norm / ((double)n / fte) : 1;
  double c = fte * actions * 5.0 / 7.0 * f;
  double sum = 0;
  for (int k = 1; k <= n; k++)
    sum += ceil(k / c) - 1;
  *expected = sum / n;
  double m = w.c.cm_wait_sum / (double)w.c.cm_wait_n;
  free(hs);
  bs_world_free(&w);
  return m;
}

Test(case_management, few_consultants_make_clients_wait_longer) {
  double e_many, e_few;
  double many = mean_wait(30, 0.45, 1e5, 300, &e_many);
  double few = mean_wait(3, 0.45, 1e5, 300, &e_few);
  expect_near(many, e_many, 1.0, "mean wait, 30 FTE");
  expect_near(few, e_few, 1.0, "mean wait, 3 FTE");
  cr_expect_gt(few, 5 * many, "3 FTE: mean wait %.1f days, 30 FTE: %.1f days", few, many);
}

Test(case_management, caseload_over_the_norm_slows_offers) {
  double e_under, e_over;
  /* 300 clients on 10 FTE: caseload 30 per FTE */
  double under = mean_wait(10, 0.2, 100, 300, &e_under);
  double over = mean_wait(10, 0.2, 10, 300, &e_over);
  expect_near(under, e_under, 1.0, "caseload under the norm");
  expect_near(over, e_over, 1.0, "caseload 3x the norm");
  cr_expect_gt(over, 2 * under, "over the norm: %.1f days, under: %.1f days", over, under);
}

Test(case_management, capacity_factor_is_norm_over_caseload) {
  bs_params p;
  cm_params(&p);
  p.case_management.consultants_fte = 10;
  p.case_management.caseload_norm = 100;
  bs_world w;
  world_init(&w, &p, 52);
  w.stock[BS_ST_BENEFIT] = 500; /* caseload 50 */
  expect_near(bs_cm_capacity_factor(&w), 1.0, 1e-12, "under the norm");
  w.stock[BS_ST_BENEFIT] = 1000; /* exactly the norm */
  expect_near(bs_cm_capacity_factor(&w), 1.0, 1e-12, "at the norm");
  w.stock[BS_ST_BENEFIT] = 4000; /* caseload 400 */
  expect_near(bs_cm_capacity_factor(&w), 0.25, 1e-12, "four times the norm");
  w.stock[BS_ST_BENEFIT] = 0;
  bs_world_free(&w);
}

/* Serves n queued clients at about one a day; returns the clients in the
 * order they got their offer. */
static void served_order(int order, int n, uint64_t seed, double *dist_out, int *index_out) {
  bs_params p;
  cm_params(&p);
  p.trajectory.offer_order = order;
  p.case_management.consultants_fte = 1;
  p.case_management.actions_per_fte_day = 1.4; /* 1.4 x 5/7 = one offer a day */
  bs_world w;
  world_init(&w, &p, seed);
  person *hs = admit_many(&w, n);
  start_cm(&w);
  run_until(&w, 3.0 * n);
  cr_assert_eq(w.c.traj_started, (uint64_t)n);
  /* sort by offer day (selection sort: n is small) */
  int *idx = malloc((size_t)n * sizeof *idx);
  for (int i = 0; i < n; i++)
    idx[i] = i;
  for (int i = 0; i < n; i++)
    for (int j = i + 1; j < n; j++)
      if (first_offer_day(&w, hs[idx[j]]) < first_offer_day(&w, hs[idx[i]])) {
        int tmp = idx[i];
        idx[i] = idx[j];
        idx[j] = tmp;
      }
  for (int i = 0; i < n; i++) {
    index_out[i] = idx[i];
    dist_out[i] = pc(&w, hs[idx[i]])->distance;
    if (i > 0)
      cr_expect_gt(first_offer_day(&w, hs[idx[i]]), first_offer_day(&w, hs[idx[i - 1]]),
                   "one offer a day: no two on the same day");
  }
  free(idx);
  free(hs);
  bs_world_free(&w);
}

#define N_ORDER 40

Test(case_management, fifo_serves_in_order_of_arrival) {
  double d[N_ORDER];
  int idx[N_ORDER];
  served_order(BS_ORDER_FIFO, N_ORDER, 53, d, idx);
  for (int i = 0; i < N_ORDER; i++)
    cr_expect_eq(idx[i], i, "offer %d went to client %d", i, idx[i]);
  /* the distances are not sorted: the order is not by distance */
  int sorted = 1;
  for (int i = 1; i < N_ORDER; i++)
    sorted &= d[i] >= d[i - 1];
  cr_expect_not(sorted);
}

Test(case_management, fifo_orders_by_arrival_across_days) {
  bs_params p;
  cm_params(&p);
  p.case_management.consultants_fte = 1;
  p.case_management.actions_per_fte_day = 1.4;
  bs_world w;
  world_init(&w, &p, 54);
  person hs[10];
  for (int i = 0; i < 10; i++) { /* one a day, nobody served yet */
    run_until(&w, i);
    hs[i] = new_person(&w);
    pc(&w, hs[i])->phase = 2;
    admit(&w, hs[i]);
  }
  start_cm(&w); /* the office opens on day 9 */
  run_until(&w, 100);
  for (int i = 1; i < 10; i++)
    cr_expect_gt(first_offer_day(&w, hs[i]), first_offer_day(&w, hs[i - 1]));
  bs_world_free(&w);
}

Test(case_management, creaming_serves_lowest_distance_first) {
  double d[N_ORDER];
  int idx[N_ORDER];
  served_order(BS_ORDER_CREAMING, N_ORDER, 55, d, idx);
  for (int i = 1; i < N_ORDER; i++)
    cr_expect_leq(d[i - 1], d[i], "offer %d: distance %.3f before %.3f", i, d[i - 1], d[i]);
}

Test(case_management, furthest_first_serves_highest_distance_first) {
  double d[N_ORDER];
  int idx[N_ORDER];
  served_order(BS_ORDER_FURTHEST_FIRST, N_ORDER, 56, d, idx);
  for (int i = 1; i < N_ORDER; i++)
    cr_expect_geq(d[i - 1], d[i], "offer %d: distance %.3f before %.3f", i, d[i - 1], d[i]);
}

/* The queue's array gives its room back as a large queue drains (heap_pop
 * halves it while it is at least 65 536 items and less than an eighth
 * full), and the order survives the moves: 70 000 clients queued at day 0
 * (a national stock's size), served about 2 000 a day by creaming; every
 * client offered on one day is at most as far from work as every client
 * offered on a later day, and the drained queue's array is back at 32 768
 * items. */
Test(case_management, large_queue_gives_its_room_back_and_keeps_the_order) {
  enum { N = 70000 };
  bs_params p;
  cm_params(&p);
  p.trajectory.offer_order = BS_ORDER_CREAMING;
  p.case_management.consultants_fte = 2000;
  p.case_management.actions_per_fte_day = 1.4; /* 2 000 offers a day */
  bs_world w;
  world_init(&w, &p, 57);
  person *hs = admit_many(&w, N);
  cr_assert_eq(w.cmq_n, (size_t)N);
  cr_assert_geq(w.cmq_cap, (size_t)N);
  start_cm(&w);
  run_until(&w, 60);
  cr_assert_eq(w.c.traj_started, (uint64_t)N, "everyone is served");
  cr_assert_eq(w.cmq_n, 0);
  cr_expect_eq(w.cmq_cap, (size_t)32768, "the drained queue's array: %zu items", w.cmq_cap);
  /* the farthest client offered on each day, the nearest on each day */
  enum { DAYS = 64 };
  double most[DAYS], least[DAYS];
  for (int d = 0; d < DAYS; d++) {
    most[d] = -INFINITY;
    least[d] = INFINITY;
  }
  for (int i = 0; i < N; i++) {
    double day = first_offer_day(&w, hs[i]);
    cr_assert(day >= 0 && day < DAYS, "client %d offered on day %g", i, day);
    int d = (int)day;
    double dist = pc(&w, hs[i])->assessed;
    most[d] = dist > most[d] ? dist : most[d];
    least[d] = dist < least[d] ? dist : least[d];
  }
  int prev = -1, days = 0;
  for (int d = 0; d < DAYS; d++) {
    if (least[d] == INFINITY)
      continue;
    days++;
    if (prev >= 0)
      cr_expect_leq(most[prev], least[d], "day %d's farthest %.4f after day %d's nearest %.4f",
                    prev, most[prev], d, least[d]);
    prev = d;
  }
  cr_expect_geq(days, 30, "offers spread over %d days", days);
  free(hs);
  bs_world_free(&w);
}

Test(case_management, offer_cap_per_year_caps_trajectory_starts) {
  bs_params p;
  cm_params(&p);
  p.case_management.consultants_fte = 30;
  p.case_management.actions_per_fte_day = 1;
  p.trajectory.offer_cap_per_year = 10;
  bs_world w;
  world_init(&w, &p, 57);
  person *hs = admit_many(&w, 60);
  start_cm(&w);
  run_until(&w, 365);
  cr_expect_eq(w.c.traj_started, 10, "contract year 1");
  run_until(&w, 730);
  cr_expect_eq(w.c.traj_started, 20, "contract years 1-2");
  run_until(&w, 800);
  cr_expect_eq(w.c.traj_started, 30, "into contract year 3");
  free(hs);
  bs_world_free(&w);
}

/* AvdT (000): the agreed number is a target, not a ceiling: everyone is
 * served, and the subsidy is paid per realised trajectory up to it. */
Test(case_management, avdt_target_is_not_a_ceiling) {
  bs_params p;
  cm_params(&p);
  p.case_management.consultants_fte = 30;
  p.case_management.actions_per_fte_day = 1;
  p.trajectory.contracted_per_year = 10;
  p.trajectory.avdt_subsidy_per_trajectory = 1000;
  bs_world w;
  world_init(&w, &p, 57);
  person *hs = admit_many(&w, 60);
  start_cm(&w);
  run_until(&w, 365);
  cr_expect_eq(w.c.traj_started, 60, "the target does not cap");
  expect_near(w.c.avdt_subsidy, 10 * 1000.0, 1e-9, "subsidy up to the target");
  free(hs);
  bs_world_free(&w);
}

Test(case_management, no_contract_cap_serves_everyone) {
  bs_params p;
  cm_params(&p);
  p.case_management.consultants_fte = 30;
  p.case_management.actions_per_fte_day = 1;
  p.trajectory.contracted_per_year = 0;
  bs_world w;
  world_init(&w, &p, 58);
  person *hs = admit_many(&w, 60);
  start_cm(&w);
  run_until(&w, 365);
  cr_expect_eq(w.c.traj_started, 60);
  free(hs);
  bs_world_free(&w);
}

/* Violations that are always administrative and always detected, never
 * ending the benefit: every violation becomes a signal to pass. */
static void signal_params(bs_params *p, int model) {
  quiet_params(p);
  p->case_management.model = model;
  p->sanctions.violations_per_year = 20;
  p->sanctions.share_reintegration = 0;
  p->sanctions.share_administrative = 1;
  p->sanctions.p_detect_file_match = 1;
  p->sanctions.p_repaired = 1;
  p->sanctions.compliance_gain_after_sanction = 0;
  p->sanctions.hoogwaardig_handhaven = 0;
  p->inflow.initial_stock = 1000;
  p->run.horizon_days = 365;
}

Test(case_management, integral_slips_at_p_slip_and_loses_no_signal) {
  bs_params p;
  signal_params(&p, BS_CM_INTEGRAL);
  p.case_management.p_slip = 0.2;
  p.case_management.p_signal_loss = 0.5; /* not used by integral */
  bs_world w;
  world_init(&w, &p, 59);
  world_run(&w);
  cr_assert_gt(w.c.detected, 1000);
  cr_expect_eq(w.c.signals_lost, 0);
  /* no offers in this world: every slip is a slipped signal */
  cr_expect_eq(w.c.cm_wait_n, 0);
  expect_share(w.c.slipped, w.c.detected, 0.2, "slipped signals");
  bs_world_free(&w);
}

Test(case_management, separate_loses_signals_at_p_signal_loss_and_never_slips) {
  bs_params p;
  signal_params(&p, BS_CM_SEPARATE);
  p.case_management.p_slip = 0.5; /* not used by separate */
  p.case_management.p_signal_loss = 0.3;
  bs_world w;
  world_init(&w, &p, 60);
  world_run(&w);
  cr_assert_gt(w.c.detected, 1000);
  cr_expect_eq(w.c.slipped, 0);
  expect_share(w.c.signals_lost, w.c.detected, 0.3, "lost signals");
  bs_world_free(&w);
}

Test(case_management, integral_offers_slip_at_p_slip) {
  bs_params p;
  cm_params(&p);
  p.case_management.model = BS_CM_INTEGRAL;
  p.case_management.p_slip = 0.25;
  p.case_management.slip_delay_days = 30;
  p.case_management.consultants_fte = 5000; /* everyone decided on day 0 */
  p.case_management.actions_per_fte_day = 1;
  bs_world w;
  world_init(&w, &p, 61);
  person *hs = admit_many(&w, 3000);
  start_cm(&w);
  run_until(&w, 0.5);
  uint64_t first = w.c.cm_wait_n;
  cr_assert_eq(first, 3000);
  expect_share(w.c.slipped, first, 0.25, "slipped offers");
  cr_expect_eq(w.c.traj_started, first - w.c.slipped);
  cr_expect_eq(w.c.signals_lost, 0);
  free(hs);
  bs_world_free(&w);
}

Test(case_management, separate_offers_never_slip) {
  bs_params p;
  cm_params(&p);
  p.case_management.model = BS_CM_SEPARATE;
  p.case_management.p_slip = 0.25;
  p.case_management.consultants_fte = 5000;
  p.case_management.actions_per_fte_day = 1;
  bs_world w;
  world_init(&w, &p, 62);
  person *hs = admit_many(&w, 1000);
  start_cm(&w);
  run_until(&w, 0.5);
  cr_expect_eq(w.c.slipped, 0);
  cr_expect_eq(w.c.traj_started, 1000);
  free(hs);
  bs_world_free(&w);
}

Test(case_management, signal_passing_delay_only_when_separate) {
  bs_params p;
  quiet_params(&p);
  p.case_management.p_slip = 0;
  p.case_management.p_signal_loss = 0;
  p.case_management.signal_delay = (bs_delay){14, 0};
  const double u2[2] = {0.5, 0.5}; /* the signal's uniforms: loss, delay */
  bs_world w;
  p.case_management.model = BS_CM_SEPARATE;
  world_init(&w, &p, 63);
  person h = new_person(&w);
  double delay = -1;
  cr_expect_eq(bs_cm_signal(&w, pc(&w, h), u2, &delay), 1);
  expect_near(delay, 14, 1e-12, "separate: signal delay");
  bs_world_free(&w);
  p.case_management.model = BS_CM_INTEGRAL;
  world_init(&w, &p, 63);
  h = new_person(&w);
  delay = -1;
  cr_expect_eq(bs_cm_signal(&w, pc(&w, h), u2, &delay), 1);
  expect_near(delay, 0, 1e-12, "integral: no passing delay");
  bs_world_free(&w);
}

Test(case_management, reorganisation_lowers_capacity_in_its_window) {
  bs_params p;
  cm_params(&p);
  p.case_management.consultants_fte = 10;
  p.case_management.actions_per_fte_day = 0.7;
  p.case_management.reorganisation = 1;
  p.case_management.reorg_day = 100;
  p.case_management.reorg_duration_days = 50;
  p.case_management.reorg_output_factor = 0.6;
  p.run.horizon_days = 300;
  bs_world w;
  world_init(&w, &p, 64);
  double days[] = {0, 99.5, 100, 120, 149.9, 150, 299};
  double want[] = {1, 1, 0.6, 0.6, 0.6, 1, 1};
  for (size_t i = 0; i < sizeof days / sizeof days[0]; i++) {
    w.ctx.now = days[i];
    expect_near(bs_cm_capacity_factor(&w), want[i], 1e-12, "capacity factor");
  }
  w.ctx.now = 0;
  world_run(&w);
  /* working days 0..300: 50 of them (100..149) in the window */
  double daily = 10 * 0.7 * 5.0 / 7.0;
  expect_near(w.c.cm_capacity_total, daily * (251 + 50 * 0.6), 1e-6, "capacity over the run");
  bs_world_free(&w);
}

/* Creaming with one offer a day: a far client admitted first waits behind
 * 150 near ones, unless the sluitende-aanpak deadline puts it first. */
static double far_client_offer_day(double deadline, double lead) {
  bs_params p;
  cm_params(&p);
  p.trajectory.offer_order = BS_ORDER_CREAMING;
  p.trajectory.sluitend_deadline_days = deadline;
  p.trajectory.sluitend_lead_days = lead;
  p.case_management.consultants_fte = 1;
  p.case_management.actions_per_fte_day = 1.4;
  bs_world w;
  world_init(&w, &p, 65);
  person far = make_person(&w, 3.0, 30);
  pc(&w, far)->phase = 2;
  admit(&w, far);
  for (int i = 0; i < 150; i++) {
    person h = make_person(&w, -1.0 + i * 1e-3, 30);
    pc(&w, h)->phase = 2;
    admit(&w, h);
  }
  start_cm(&w);
  run_until(&w, 300);
  double t = first_offer_day(&w, far);
  cr_assert(t < INFINITY, "the far client is offered a trajectory");
  bs_world_free(&w);
  return t;
}

Test(case_management, sluitende_aanpak_deadline_goes_before_the_offer_order) {
  double without = far_client_offer_day(0, 0);
  double with = far_client_offer_day(100, 20);
  cr_expect_geq(without, 149, "creaming: the far client last (day %.0f)", without);
  expect_near(with, 80, 1.0, "deadline 100, lead 20: offered by day 80");
}
