/* test_stage_diagnosis.c: pins down the municipality's diagnosis
 * (models/diagnosis.c) and the offer definition of 003 §6.2:
 * - at most diagnosis.per_day diagnoses start a day, the rest wait in
 *   arrival order for the next days;
 * - the assessed distance errs with sd error_sd (independent_error_sd for an
 *   independent diagnosis), 4 standard errors;
 * - the router routes on the assessed distance: social activation starts
 *   exactly for the clients assessed at least activation.min_distance away,
 *   whatever their true distance;
 * - an activation start or a work-first placement is an offer (the cohort
 *   record's t_offer) when it counts as one, and not otherwise.
 */
#include "test_stage_util.h"

static void diag_params(bs_params *p) {
  quiet_params(p);
  p->diagnosis.delay = (bs_delay){5, 0};
}

Test(diagnosis, at_most_per_day_start_a_day) {
  bs_params p;
  diag_params(&p);
  p.diagnosis.per_day = 2;
  bs_world w;
  person h[5];
  trace_buf t[5];
  /* five clients referred on day 0; the trace follows one client a run */
  for (int i = 0; i < 5; i++) {
    world_init(&w, &p, 71);
    for (int k = 0; k < 5; k++) {
      h[k] = make_person(&w, 0.3, 30);
      if (k == i)
        trace_on(&w, &t[i], h[k].id);
      admit(&w, h[k]);
    }
    run_until(&w, 20);
    double want = i / 2; /* days 0, 0, 1, 1, 2 */
    cr_expect_float_eq(trace_day(&t[i], "assessed distance"), want + 5, 1e-9, "client %d", i);
    trace_off(&w, &t[i]);
    bs_world_free(&w);
  }
}

static void error_sd_is(int independent, double sd, uint64_t seed) {
  bs_params p;
  diag_params(&p);
  p.diagnosis.delay = (bs_delay){0, 0};
  p.diagnosis.error_sd = 0.8;
  p.diagnosis.independent_error_sd = 0.3;
  p.diagnosis.independent = independent;
  bs_world w;
  world_init(&w, &p, seed);
  int n = 4000;
  double ss = 0, sum = 0;
  for (int i = 0; i < n; i++) {
    person h = make_person(&w, 0.3, 30);
    admit(&w, h);
    double e = pc(&w, h)->assessed - pc(&w, h)->distance;
    sum += e;
    ss += e * e;
  }
  double var = ss / n - (sum / n) * (sum / n);
  /* the sample variance of n normal errors has sd sd^2 sqrt(2 / n) */
  double tol = 4 * sd * sd * sqrt(2.0 / n);
  cr_expect(fabs(var - sd * sd) <= tol, "error variance %g, want %g +- %g", var, sd * sd, tol);
  cr_expect(fabs(sum / n) <= 4 * sd / sqrt(n), "mean error %g", sum / n);
  bs_world_free(&w);
}

Test(diagnosis, assessed_distance_errs_by_error_sd) { error_sd_is(0, 0.8, 72); }

Test(diagnosis, independent_diagnosis_errs_less) { error_sd_is(1, 0.3, 73); }

Test(diagnosis, the_router_routes_on_the_assessment) {
  bs_params p;
  diag_params(&p);
  p.diagnosis.delay = (bs_delay){0, 0};
  p.diagnosis.error_sd = 1.0;
  p.activation.enabled = 1;
  p.activation.min_distance = 0.7;
  p.trajectory.enabled = 0;
  bs_world w;
  world_init(&w, &p, 74);
  int started = 0, far_truth_not_started = 0;
  for (int i = 0; i < 400; i++) {
    person h = make_person(&w, 1.0, 30); /* truly far enough for activation */
    admit(&w, h);
    bs_client *c = pc(&w, h);
    int in_act = c->programme == BS_PROG_ACTIVATION;
    cr_assert_eq(in_act, c->assessed >= 0.7, "client %d: assessed %g", i, c->assessed);
    started += in_act;
    far_truth_not_started += !in_act;
  }
  cr_expect_gt(started, 0);
  cr_expect_gt(far_truth_not_started, 0, "some far clients are assessed near: no activation");
  bs_world_free(&w);
}

static double first_offer(int counts) {
  bs_params p;
  diag_params(&p);
  p.diagnosis.delay = (bs_delay){0, 0};
  p.activation.enabled = 1;
  p.activation.min_distance = 0.7;
  p.activation.counts_as_offer = counts;
  p.activation.p_registered = 1;
  p.trajectory.enabled = 0;
  bs_world w;
  world_init(&w, &p, 75);
  person h = make_person(&w, 1.5, 30);
  admit(&w, h);
  run_until(&w, 3);
  cr_assert_eq(pc(&w, h)->programme, BS_PROG_ACTIVATION);
  cr_assert_eq(w.cohort_n, 1);
  double t = w.cohort[0].t_offer;
  bs_world_free(&w);
  return t;
}

Test(diagnosis, an_activation_start_is_an_offer_when_it_counts) {
  cr_expect_float_eq(first_offer(1), 0.0, 1e-12, "activation on day 0 is the first offer");
  cr_expect(isinf(first_offer(0)), "not an offer when it does not count");
}
