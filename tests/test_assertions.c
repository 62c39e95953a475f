/* test_assertions.c: pins down that the models refuse impossible states
 * instead of carrying on (BS_ENSURE, kept in release builds: docs/model.md):
 * a client leaving twice, a programme step for a client in no programme, a
 * stock going negative, an admission of someone who did not apply, and a
 * client's stream whose 16-bit draw count wrapped each end the run with
 * "internal error at FILE:LINE" in ctx.err. */
#include "test_stage_util.h"

static void expect_internal(bs_world *w, int rc, const char *what) {
  cr_expect_eq(rc, SIM_EINVAL, "%s: rc %d", what, rc);
  cr_expect(strstr(w->ctx.err, "internal error at models/"), "%s: '%s'", what, w->ctx.err);
}

/* A quiet world with one person on benefit. */
static person one_admitted(bs_world *w, bs_params *p, uint64_t seed) {
  quiet_params(p);
  world_init(w, p, seed);
  person h = new_person(w);
  admit(w, h);
  return h;
}

Test(assertions, a_client_cannot_leave_twice) {
  bs_params p;
  bs_world w;
  person h = one_admitted(&w, &p, 1);
  cr_assert_eq(bs_leave(&w, h.slot, BS_ROUTE_MOVING), SIM_OK, "%s", w.ctx.err);
  cr_expect_eq(w.stock[BS_ST_BENEFIT], 0);
  expect_internal(&w, bs_leave(&w, h.slot, BS_ROUTE_MOVING), "second leave");
  cr_expect_eq(w.c.left[BS_ROUTE_MOVING], 1, "the second leave was not counted");
  bs_world_free(&w);
}

Test(assertions, a_stock_cannot_go_negative) {
  bs_params p;
  bs_world w;
  person h = one_admitted(&w, &p, 2);
  w.stock[BS_ST_BENEFIT] = 0; /* books out of step with the clients */
  expect_internal(&w, bs_leave(&w, h.slot, BS_ROUTE_MOVING), "negative stock");
  bs_world_free(&w);
}

Test(assertions, no_programme_step_without_a_programme) {
  bs_params p;
  bs_world w;
  person h = one_admitted(&w, &p, 3);
  cr_assert_eq(pc(&w, h)->programme, BS_PROG_NONE);
  sim_event ev = {.time = 0, .entity = h.slot, .type = BS_EV_PROG, .data = pc(&w, h)->prog_token};
  expect_internal(&w, bs_programme_step(&w.ctx, &ev, &w), "step in no programme");
  bs_world_free(&w);
}

Test(assertions, no_admission_without_an_application) {
  bs_params p;
  quiet_params(&p);
  bs_world w;
  world_init(&w, &p, 4);
  person h = new_person(&w);
  expect_internal(&w, bs_admit(&w, h.slot, 0), "admission without application");
  bs_world_free(&w);
}

/* A client whose stream's 16-bit draw count ran past its maximum is refused
 * when it leaves, and so is one still there at the end of a run. */
Test(assertions, a_stream_count_cannot_wrap) {
  bs_params p;
  bs_world w;
  person h = one_admitted(&w, &p, 5);
  pc(&w, h)->rng_draws[BS_RNG_EXIT] = SIM_DRAWS_MAX;
  cr_expect_eq(pc(&w, h)->rng_overflow, 0);
  (void)bs_uniform(pc(&w, h), BS_RNG_EXIT);
  cr_expect_eq(pc(&w, h)->rng_overflow, 1, "the wrapping draw is flagged");
  expect_internal(&w, bs_leave(&w, h.slot, BS_ROUTE_MOVING), "leave after a wrapped count");
  bs_world_free(&w);

  person k = one_admitted(&w, &p, 6);
  cr_assert_eq(pc(&w, k)->rng_overflow, 0);
  pc(&w, k)->rng_overflow = 1; /* as if a draw had wrapped it */
  w.t_end = 10;
  expect_internal(&w, bs_world_run(&w), "run end with a wrapped count");
  bs_world_free(&w);
}
