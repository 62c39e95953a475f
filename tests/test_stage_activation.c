/* test_stage_activation.c: pins down social activation
 * (models/social_activation.c).
 *
 * - Offered to obligated clients at least min_distance far (others go to
 *   the trajectory queue), once per spell.
 * - Each review (every step_days x temporise_factor) moves the client at
 *   most one rung on the participation ladder (1..6).
 * - Per step: outflow to work at p_work_per_step, else progress / relapse /
 *   stop at p_progress / p_relapse / p_stop (statistical), else no change.
 * - Structural volunteer work is counted once per client, however often the
 *   client crosses volunteer_rung.
 * - Reaching refer_rung refers the client to a work-directed trajectory.
 * - The programme ends after max_steps reviews; every step costs
 *   money.activation_cost_per_step.
 * - temporise_factor stretches the time between reviews.
 * Statistical checks: fixed seeds, 4 standard errors from the sample size.
 */
#include "test_stage_util.h"

static void act_params(bs_params *p) {
  quiet_params(p);
  p->activation.enabled = 1;
  p->activation.min_distance = 1.0;
  p->activation.step_days = 91;
  p->activation.temporise_factor = 1;
  p->activation.p_progress = 0;
  p->activation.p_relapse = 0;
  p->activation.p_stop = 0;
  p->activation.p_work_per_step = 0;
  p->activation.volunteer_rung = 4;
  p->activation.max_steps = 6;
  p->activation.refer_rung = 7; /* never */
  p->money.activation_cost_per_step = 500;
}

/* A far, obligated client on benefit at day 0, starting at `rung`. */
static person act_client(bs_world *w, int rung) {
  person h = make_person(w, 2.0, 30);
  pc(w, h)->ladder = (uint8_t)rung;
  admit(w, h);
  return h;
}

Test(activation, offered_to_far_clients_only) {
  bs_params p;
  act_params(&p);
  p.trajectory.enabled = 1;
  p.trajectory.offer_after_days = 0;
  bs_world w;
  world_init(&w, &p, 101);
  person far = act_client(&w, 2);
  person near = make_person(&w, 0.5, 30);
  admit(&w, near);
  cr_expect_eq(pc(&w, far)->programme, BS_PROG_ACTIVATION);
  cr_expect_neq(pc(&w, near)->programme, BS_PROG_ACTIVATION);
  cr_expect(pc(&w, near)->waiting_offer, "near client queued for a trajectory");
  cr_expect_eq(w.c.act_started, 1);
  bs_world_free(&w);
}

Test(activation, ladder_moves_at_most_one_rung_per_step_volunteer_counted_once) {
  bs_params p;
  act_params(&p);
  p.activation.p_progress = 0.45;
  p.activation.p_relapse = 0.45;
  p.activation.max_steps = 30;
  p.run.horizon_days = 3000; /* the 30 steps end within it */
  bs_world w;
  world_init(&w, &p, 102);
  enum { N = 400, STEPS = 30 };
  person *hs = malloc(N * sizeof *hs);
  int *prev = malloc(N * sizeof *prev), *maxr = malloc(N * sizeof *maxr);
  for (int i = 0; i < N; i++) {
    hs[i] = act_client(&w, 3);
    prev[i] = maxr[i] = 3;
  }
  int moved = 0;
  for (int s = 1; s <= STEPS; s++) {
    run_until(&w, s * 91.0 + 0.5);
    for (int i = 0; i < N; i++) {
      cr_assert(alive(&w, hs[i]));
      int r = pc(&w, hs[i])->ladder;
      cr_assert(r >= 1 && r <= 6);
      cr_assert_leq(abs(r - prev[i]), 1, "client %d: rung %d -> %d in one step", i, prev[i], r);
      moved += r != prev[i];
      prev[i] = r;
      if (r > maxr[i])
        maxr[i] = r;
    }
  }
  cr_expect_gt(moved, N, "the ladder does move");
  /* structural volunteer work: the rung held at the end, reached during the
   * activation (all started on rung 3) and held for volunteer_min_reviews */
  int reached = 0, flagged = 0;
  for (int i = 0; i < N; i++) {
    const bs_client *c = pc(&w, hs[i]);
    int is = (c->act_flags & BS_ACTF_VOLUNTEER) != 0;
    reached += maxr[i] >= 4;
    flagged += is;
    if (is)
      cr_expect(c->ladder >= 4 && c->act_held >= p.activation.volunteer_min_reviews,
                "client %d: rung %d held %d reviews", i, c->ladder, c->act_held);
  }
  cr_expect_eq(w.c.act_volunteer, (uint64_t)flagged, "volunteer work counted once per client");
  cr_expect_gt(flagged, 0);
  cr_expect_lt(flagged, reached, "touching the rung once is not structural");
  free(hs);
  free(prev);
  free(maxr);
  bs_world_free(&w);
}

Test(activation, step_outcome_shares) {
  bs_params p;
  act_params(&p);
  p.activation.p_work_per_step = 0.05;
  p.activation.p_progress = 0.25;
  p.activation.p_relapse = 0.10;
  p.activation.p_stop = 0.15;
  p.activation.max_steps = 1;
  bs_world w;
  world_init(&w, &p, 103);
  enum { N = 6000 };
  person *hs = malloc(N * sizeof *hs);
  for (int i = 0; i < N; i++)
    hs[i] = act_client(&w, 3);
  run_until(&w, 92);
  int up = 0, down = 0, same = 0;
  for (int i = 0; i < N; i++) {
    if (!alive(&w, hs[i]))
      continue;
    int r = pc(&w, hs[i])->ladder;
    up += r == 4;
    down += r == 2;
    same += r == 3;
    cr_expect_eq(pc(&w, hs[i])->programme, BS_PROG_NONE, "one step: done");
  }
  expect_share(w.c.act_work, N, 0.05, "work");
  cr_expect_eq(w.c.left[BS_ROUTE_REGULAR_WORK], w.c.act_work);
  expect_share(up, N, 0.25, "progress");
  cr_expect_eq(w.c.act_improved, (uint64_t)up);
  expect_share(down, N, 0.10, "relapse");
  expect_share(w.c.act_stopped, N, 0.15, "stop");
  expect_share(same, N, 1 - 0.05 - 0.25 - 0.10, "no change (incl. stops)");
  expect_near(w.c.act_spend, N * 500.0, 1e-6, "one step each");
  free(hs);
  bs_world_free(&w);
}

Test(activation, referral_at_refer_rung) {
  bs_params p;
  act_params(&p);
  p.activation.p_progress = 1;
  p.activation.refer_rung = 5;
  p.trajectory.enabled = 1;
  p.trajectory.offer_after_days = 0;
  p.trajectory.sluitend_deadline_days = 0;
  bs_world w;
  world_init(&w, &p, 104);
  person h = act_client(&w, 3);
  trace_buf t;
  trace_on(&w, &t, h.id);
  run_until(&w, 91.5);
  cr_expect_eq(pc(&w, h)->ladder, 4);
  cr_expect_eq(pc(&w, h)->programme, BS_PROG_ACTIVATION);
  cr_expect_eq(w.c.act_referred, 0);
  run_until(&w, 182.5);
  cr_expect_eq(pc(&w, h)->ladder, 5);
  cr_expect_eq(w.c.act_referred, 1);
  cr_expect_eq(pc(&w, h)->programme, BS_PROG_NONE);
  cr_expect(pc(&w, h)->waiting_offer, "referred: queued for a trajectory");
  cr_expect_float_eq(trace_day(&t, "referred to a trajectory"), 182.0, 1e-9);
  trace_off(&w, &t);
  bs_world_free(&w);
}

Test(activation, ends_after_max_steps_and_costs_per_step) {
  bs_params p;
  act_params(&p);
  p.activation.max_steps = 3;
  bs_world w;
  world_init(&w, &p, 105);
  person h = act_client(&w, 2);
  trace_buf t;
  trace_on(&w, &t, h.id);
  run_until(&w, 1000);
  cr_expect_eq(pc(&w, h)->act_steps, 3);
  cr_expect_eq(pc(&w, h)->programme, BS_PROG_NONE);
  cr_expect_eq(trace_count(&t, "review: no progress"), 3);
  cr_expect_float_eq(trace_day(&t, "activation trajectory completed"), 273.0, 1e-9);
  expect_near(w.c.act_spend, 3 * 500.0, 1e-9, "cost of three steps");
  /* once per spell */
  cr_expect_eq(w.c.act_started, 1);
  trace_off(&w, &t);
  bs_world_free(&w);
}

Test(activation, temporising_slows_the_steps) {
  bs_params p;
  act_params(&p);
  p.activation.max_steps = 3;
  p.activation.temporise_factor = 2;
  bs_world w;
  world_init(&w, &p, 106);
  person h = act_client(&w, 2);
  trace_buf t;
  trace_on(&w, &t, h.id);
  run_until(&w, 1000);
  cr_expect_float_eq(trace_day_nth(&t, "review: no progress", 0), 182.0, 1e-9);
  cr_expect_float_eq(trace_day_nth(&t, "review: no progress", 1), 364.0, 1e-9);
  cr_expect_float_eq(trace_day(&t, "activation trajectory completed"), 546.0, 1e-9);
  cr_expect_eq(pc(&w, h)->act_steps, 3);
  trace_off(&w, &t);
  bs_world_free(&w);
}
