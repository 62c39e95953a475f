/* test_stage_cwi.c: pins down the CWI phase assignment (models/cwi_phase.c).
 *
 * - The true kansmeter phase follows from the latent distance and the three
 *   cut points (a distance equal to a cut point falls in the higher phase).
 * - Misclassification: the assigned phase is one off the true phase at
 *   misclass_rate, for every true phase (at the ends towards the only
 *   neighbour), never more than one off.
 * - Phase-1 bias: a phase-2 client is put in phase 1 at phase1_bias; other
 *   phases are untouched by the bias.
 * - Phase 1 is mediated by CWI (job hazard times phase1_job_boost); a
 *   phase-1 client with no job is referred to the municipality as phase 2
 *   exactly phase1_max_days (183) after benefit start. Phases 2-4 go to the
 *   municipality at once.
 * - Kwint: the qualifying intake adds its delay and corrects the phase to
 *   the true one; with the Kwint abolished (no_kwint) no delay and no
 *   correction; the Kwint happens at the configured share.
 * Statistical checks: fixed seeds, 4 standard errors from the sample size.
 */
#include "test_stage_util.h"

#define N_CLIENTS 20000

Test(cwi, true_phase_from_the_cut_points) {
  bs_params p;
  quiet_params(&p);
  p.cwi.cut_12 = -0.8;
  p.cwi.cut_23 = 0.0;
  p.cwi.cut_34 = 0.8;
  cr_expect_eq(bs_phase_true(&p, -3.0), 1);
  cr_expect_eq(bs_phase_true(&p, -0.81), 1);
  cr_expect_eq(bs_phase_true(&p, -0.8), 2);
  cr_expect_eq(bs_phase_true(&p, -0.01), 2);
  cr_expect_eq(bs_phase_true(&p, 0.0), 3);
  cr_expect_eq(bs_phase_true(&p, 0.79), 3);
  cr_expect_eq(bs_phase_true(&p, 0.8), 4);
  cr_expect_eq(bs_phase_true(&p, 5.0), 4);
}

/* Assigns phases to N clients with their own drawn distances; counts by
 * (true, assigned). */
static void assign_many(const bs_params *p_in, uint64_t seed, uint64_t counts[5][5]) {
  bs_params p = *p_in; /* standard normal distances, cut points at -0.8, 0, 0.8 */
  p.clients.distance_mean = 0;
  p.clients.distance_sd = 1;
  p.cwi.cut_12 = -0.8;
  p.cwi.cut_23 = 0;
  p.cwi.cut_34 = 0.8;
  bs_world w;
  world_init(&w, &p, seed);
  memset(counts, 0, 25 * sizeof counts[0][0]);
  for (int i = 0; i < N_CLIENTS; i++) {
    person h = new_person(&w);
    bs_client *c = pc(&w, h);
    double extra = bs_cwi_assign(&w, c);
    cr_assert_eq(extra, 0.0); /* no Kwint here */
    cr_assert(c->phase >= 1 && c->phase <= 4);
    cr_assert_eq(c->phase_true, bs_phase_true(&w.p, c->distance));
    counts[c->phase_true][c->phase]++;
  }
  uint64_t total = 0;
  for (int k = 1; k <= 4; k++)
    total += w.c.phase_assigned[k];
  cr_expect_eq(total, N_CLIENTS);
  bs_world_free(&w);
}

Test(cwi, misclassification_is_one_off_at_the_rate_for_every_phase) {
  bs_params p;
  quiet_params(&p);
  p.cwi.misclass_rate = 0.2;
  p.cwi.phase1_bias = 0;
  uint64_t n[5][5];
  assign_many(&p, 31, n);
  uint64_t off = 0, all = 0;
  for (int t = 1; t <= 4; t++) {
    uint64_t row = 0, row_off = 0;
    for (int a = 1; a <= 4; a++) {
      row += n[t][a];
      if (a != t)
        row_off += n[t][a];
      if (abs(a - t) > 1)
        cr_expect_eq(n[t][a], 0, "true phase %d assigned %d: more than one off", t, a);
    }
    char what[64];
    snprintf(what, sizeof what, "misclassified, true phase %d", t);
    expect_share(row_off, row, 0.2, what);
    off += row_off;
    all += row;
  }
  expect_share(off, all, 0.2, "misclassified, all phases");
  /* in the middle phases, up and down are equally likely */
  uint64_t down = n[2][1] + n[3][2], up = n[2][3] + n[3][4];
  expect_share(down, down + up, 0.5, "misclassified downwards, phases 2-3");
}

Test(cwi, no_misclassification_no_bias_gives_the_true_phase) {
  bs_params p;
  quiet_params(&p);
  uint64_t n[5][5];
  assign_many(&p, 32, n);
  for (int t = 1; t <= 4; t++)
    for (int a = 1; a <= 4; a++)
      if (a != t)
        cr_expect_eq(n[t][a], 0, "true %d assigned %d", t, a);
}

Test(cwi, phase1_bias_moves_phase2_to_phase1_at_the_share) {
  bs_params p;
  quiet_params(&p);
  p.cwi.misclass_rate = 0;
  p.cwi.phase1_bias = 0.3;
  uint64_t n[5][5];
  assign_many(&p, 33, n);
  uint64_t row2 = n[2][1] + n[2][2] + n[2][3] + n[2][4];
  expect_share(n[2][1], row2, 0.3, "true phase 2 put in phase 1");
  cr_expect_eq(n[2][3] + n[2][4], 0);
  for (int t = 1; t <= 4; t++)
    for (int a = 1; a <= 4; a++)
      if (t != 2 && a != t)
        cr_expect_eq(n[t][a], 0, "bias moved true phase %d to %d", t, a);
}

/* Gate delays 0 (benefit starts on the application day), no exits at all. */
static void phase_params(bs_params *p) {
  quiet_params(p);
  p->cwi.phase1_max_days = 183;
  p->cwi.phase1_job_boost = 1.3;
}

Test(cwi, phase1_without_job_is_referred_on_day_183_as_phase2) {
  bs_params p;
  phase_params(&p);
  bs_world w;
  world_init(&w, &p, 34);
  person h = make_person(&w, -2.0, 30); /* clearly phase 1 */
  trace_buf t;
  trace_on(&w, &t, h.id);
  apply(&w, h);
  run_until(&w, 182.99);
  bs_client *c = pc(&w, h);
  cr_assert_eq(c->state, BS_ST_BENEFIT);
  cr_expect_float_eq(c->t_start, 0.0, 1e-12);
  cr_expect_eq(c->phase, 1);
  cr_expect_eq(c->programme, BS_PROG_CWI);
  cr_expect_float_eq(c->job_mult, 1.3, 1e-12, "CWI mediation boosts the job hazard");
  cr_expect_eq(w.c.phase1_referred, 0);
  run_until(&w, 400);
  c = pc(&w, h);
  cr_assert(alive(&w, h));
  cr_expect_eq(c->phase, 2);
  cr_expect_eq(c->programme, BS_PROG_NONE);
  cr_expect_float_eq(c->job_mult, 1.0, 1e-12);
  cr_expect_eq(w.c.phase1_referred, 1);
  cr_expect_float_eq(trace_day(&t, "referred to the municipality as phase 2"), 183.0, 1e-9);
  /* the cohort record follows the referral */
  cr_assert_eq(w.cohort_n, 1);
  cr_expect_eq(w.cohort[0].phase, 2);
  trace_off(&w, &t);
  bs_world_free(&w);
}

Test(cwi, phase1_referral_counts_from_benefit_start) {
  bs_params p;
  phase_params(&p);
  p.gatekeeping.decision_delay = (bs_delay){30, 0};
  bs_world w;
  world_init(&w, &p, 35);
  person h = make_person(&w, -2.0, 30);
  trace_buf t;
  trace_on(&w, &t, h.id);
  apply(&w, h);
  run_until(&w, 400);
  cr_expect_float_eq(pc(&w, h)->t_start, 30.0, 1e-12);
  cr_expect_float_eq(trace_day(&t, "referred to the municipality as phase 2"), 30 + 183.0, 1e-9);
  trace_off(&w, &t);
  bs_world_free(&w);
}

Test(cwi, phases_2_to_4_go_to_the_municipality_at_once) {
  bs_params p;
  phase_params(&p);
  bs_world w;
  world_init(&w, &p, 36);
  double dist[3] = {-0.5, 0.5, 2.0};
  for (int k = 0; k < 3; k++) {
    person h = make_person(&w, dist[k], 30);
    trace_buf t;
    trace_on(&w, &t, h.id);
    apply(&w, h);
    run_until(&w, w.ctx.now + 1);
    cr_expect_eq(pc(&w, h)->phase, k + 2);
    cr_expect_neq(pc(&w, h)->programme, BS_PROG_CWI);
    char needle[64];
    snprintf(needle, sizeof needle, "phase %d -> referred to the municipality", k + 2);
    cr_expect_float_eq(trace_day(&t, needle), pc(&w, h)->t_start, 0.051, "%s", needle);
    trace_off(&w, &t);
  }
  cr_expect_eq(w.c.phase1_referred, 0);
  bs_world_free(&w);
}

Test(cwi, kwint_adds_delay_and_corrects_the_phase) {
  bs_params p;
  quiet_params(&p);
  p.cwi.kwint_before_decision = 1; /* where the delay shows in t_start */
  p.cwi.misclass_rate = 1;         /* the work intake always gets it wrong */
  p.cwi.kwint = 1;
  p.cwi.p_kwint = 1;
  p.cwi.kwint_delay = (bs_delay){21, 0};
  bs_world w;
  world_init(&w, &p, 37);
  person h = make_person(&w, 0.4, 30); /* true phase 3 */
  apply(&w, h);
  run_until(&w, 100);
  bs_client *c = pc(&w, h);
  cr_expect_eq(c->phase_true, 3);
  cr_expect_eq(c->phase, 3, "the Kwint corrects the phase");
  cr_expect_float_eq(c->t_start, 21.0, 1e-12, "the Kwint adds its delay");
  cr_expect_eq(w.c.gate_kwint, 1);
  bs_world_free(&w);
}

Test(cwi, no_kwint_no_delay_no_correction) {
  bs_params p;
  quiet_params(&p);
  p.cwi.misclass_rate = 1;
  p.cwi.kwint = 0; /* abolished */
  p.cwi.p_kwint = 1;
  p.cwi.kwint_delay = (bs_delay){21, 0};
  bs_world w;
  world_init(&w, &p, 38);
  person h = make_person(&w, 0.4, 30);
  apply(&w, h);
  run_until(&w, 100);
  bs_client *c = pc(&w, h);
  cr_expect_eq(c->phase_true, 3);
  cr_expect(c->phase == 2 || c->phase == 1 || c->phase == 4, "stays misclassified");
  cr_expect_neq(c->phase, 3);
  cr_expect_float_eq(c->t_start, 0.0, 1e-12, "no Kwint delay");
  cr_expect_eq(w.c.gate_kwint, 0);
  bs_world_free(&w);
}

Test(cwi, kwint_happens_at_the_configured_share) {
  bs_params p;
  quiet_params(&p);
  p.cwi.kwint = 1;
  p.cwi.p_kwint = 0.3;
  p.cwi.kwint_delay = (bs_delay){21, 0.5};
  p.cwi.kwint_before_decision = 1; /* the delay is returned to the gate */
  bs_world w;
  world_init(&w, &p, 39);
  int n = 5000, with_delay = 0;
  for (int i = 0; i < n; i++) {
    person h = new_person(&w);
    double d = bs_cwi_assign(&w, pc(&w, h));
    with_delay += d > 0;
  }
  expect_share(w.c.gate_kwint, n, 0.3, "Kwint");
  cr_expect_eq((uint64_t)with_delay, w.c.gate_kwint);
  bs_world_free(&w);
}
