/* test_stage_exemption.c: pins down exemptions from work obligations
 * (models/exemption.c).
 *
 * - Categorical (when switched on): 57.5+ (so also 65+) and single parents
 *   (child under 5) are exempt; switched off, they are not.
 * - Individual: far clients (distance above far_threshold) with a medical
 *   problem, at p_individual_exemption_far; near clients or far clients
 *   without a medical problem never.
 * - The administration: a true exemption is missing from the register at
 *   p_registration_stale, an obligated client is registered exempt at
 *   p_stale_registered_exempt (statistical).
 * - Turning 57.5 during the spell makes the client exempt on that day, and
 *   the exempt job-hazard factor applies from then on.
 * - The cohort record stores the true and registered flags at day 365.
 * Statistical checks: fixed seeds, 4 standard errors from the sample size.
 */
#include "test_stage_util.h"

/* Exemption of a hand-made person evaluated now. The person's uniform for
 * the individual exemption is a trait recomputed from the TRAITS stream
 * (bs_u_exempt), not a field to set: the person taken is the next one whose
 * uniform is on the same side of p_individual_exemption_far as u_exempt. */
static int exempt_now(bs_world *w, double age, int household, double distance, uint8_t problems,
                      double u_exempt) {
  double p = w->p.clients.p_individual_exemption_far;
  person h;
  int tries = 0;
  do {
    h = make_person(w, distance, age);
    cr_assert_lt(++tries, 1000, "a person with the uniform on the side of %g", u_exempt);
  } while ((bs_u_exempt(pc(w, h)) < p) != (u_exempt < p));
  bs_client *c = pc(w, h);
  c->household = (uint8_t)household;
  c->problems = problems;
  c->t_apply = c->t_start = w->ctx.now;
  bs_exemption_update(w, c, w->ctx.now);
  return c->exempt;
}

Test(exemption, categorical_age_and_single_parent) {
  bs_params p;
  quiet_params(&p);
  p.exemption.categorical = 1;
  p.clients.far_threshold = 0;
  p.clients.p_individual_exemption_far = 0;
  bs_world w;
  world_init(&w, &p, 41);
  cr_expect_eq(exempt_now(&w, 57.5, BS_HH_SINGLE, -1, 0, 0.5), 1, "57.5 exactly");
  cr_expect_eq(exempt_now(&w, 60.0, BS_HH_COUPLE, -1, 0, 0.5), 1, "57.5-65");
  cr_expect_eq(exempt_now(&w, 66.0, BS_HH_SINGLE, -1, 0, 0.5), 1, "65+");
  cr_expect_eq(exempt_now(&w, 57.4, BS_HH_SINGLE, -1, 0, 0.5), 0, "just under 57.5");
  cr_expect_eq(exempt_now(&w, 30.0, BS_HH_SINGLE_PARENT, -1, 0, 0.5), 1, "single parent");
  cr_expect_eq(exempt_now(&w, 30.0, BS_HH_COUPLE, -1, 0, 0.5), 0, "couple, 30");
  cr_expect_eq(exempt_now(&w, 20.0, BS_HH_SINGLE, 2, BS_PROB_PSYCHOSOCIAL, 0.0), 0,
               "far, psychosocial only");
  bs_world_free(&w);
}

Test(exemption, categorical_switched_off) {
  bs_params p;
  quiet_params(&p);
  p.exemption.categorical = 0;
  p.clients.far_threshold = 0;
  p.clients.p_individual_exemption_far = 0;
  bs_world w;
  world_init(&w, &p, 42);
  cr_expect_eq(exempt_now(&w, 66.0, BS_HH_SINGLE, -1, 0, 0.5), 0);
  cr_expect_eq(exempt_now(&w, 60.0, BS_HH_SINGLE, -1, 0, 0.5), 0);
  cr_expect_eq(exempt_now(&w, 30.0, BS_HH_SINGLE_PARENT, -1, 0, 0.5), 0);
  bs_world_free(&w);
}

Test(exemption, individual_for_far_clients_with_medical_problems) {
  bs_params p;
  quiet_params(&p);
  p.exemption.categorical = 0;
  p.clients.far_threshold = 0;
  p.clients.p_individual_exemption_far = 0.3;
  bs_world w;
  world_init(&w, &p, 43);
  cr_expect_eq(exempt_now(&w, 30, BS_HH_SINGLE, 1.0, BS_PROB_MEDICAL, 0.29), 1, "far, medical");
  cr_expect_eq(exempt_now(&w, 30, BS_HH_SINGLE, 1.0, BS_PROB_MEDICAL | BS_PROB_DEBTS, 0.1), 1,
               "far, medical and debts");
  cr_expect_eq(exempt_now(&w, 30, BS_HH_SINGLE, 1.0, BS_PROB_MEDICAL, 0.31), 0,
               "far, medical, not granted");
  cr_expect_eq(exempt_now(&w, 30, BS_HH_SINGLE, 1.0, BS_PROB_DEBTS, 0.0), 0, "far, no medical");
  cr_expect_eq(exempt_now(&w, 30, BS_HH_SINGLE, -1.0, BS_PROB_MEDICAL, 0.0), 0, "near, medical");
  bs_world_free(&w);
}

Test(exemption, individual_share_among_far_medical_clients) {
  bs_params p;
  quiet_params(&p);
  p.exemption.categorical = 0;
  p.clients.far_threshold = 0;
  p.clients.distance_mean = 0;
  p.clients.distance_sd = 1;
  p.clients.p_medical_or_psy_far = 0.7;
  p.clients.p_both_far = 0.1;
  p.clients.p_individual_exemption_far = 0.3;
  bs_world w;
  world_init(&w, &p, 44);
  int n = 0, ex = 0;
  for (int i = 0; i < 20000; i++) {
    person h = new_person(&w); /* traits as drawn: distance, problems, u_exempt */
    bs_client *c = pc(&w, h);
    c->t_start = c->t_apply;
    bs_exemption_update(&w, c, w.ctx.now);
    if (c->distance > 0 && (c->problems & BS_PROB_MEDICAL)) {
      n++;
      ex += c->exempt;
    } else {
      cr_assert_eq(c->exempt, 0);
    }
  }
  expect_share(ex, n, 0.3, "individual exemption, far + medical");
  bs_world_free(&w);
}

Test(exemption, registered_flag_is_stale_at_the_configured_rate) {
  bs_params p;
  quiet_params(&p);
  p.exemption.categorical = 1;
  p.exemption.p_registration_stale = 0.25;
  p.exemption.p_stale_registered_exempt = 0.03;
  bs_world w;
  world_init(&w, &p, 45);
  int n_ex = 0, ex_missing = 0, n_ob = 0, ob_reg_exempt = 0;
  for (int i = 0; i < 10000; i++) {
    int single_parent = i % 2;
    person h = make_person(&w, -1, 30);
    bs_client *c = pc(&w, h);
    c->household = single_parent ? BS_HH_SINGLE_PARENT : BS_HH_SINGLE;
    c->t_start = c->t_apply;
    bs_exemption_update(&w, c, w.ctx.now);
    cr_assert_eq(c->exempt, single_parent);
    if (c->exempt) {
      n_ex++;
      ex_missing += !c->exempt_reg;
    } else {
      n_ob++;
      ob_reg_exempt += c->exempt_reg;
    }
  }
  expect_share(ex_missing, n_ex, 0.25, "exempt, missing in the register");
  expect_share(ob_reg_exempt, n_ob, 0.03, "obligated, registered exempt");
  bs_world_free(&w);
}

Test(exemption, turning_57_5_during_the_spell_makes_exempt) {
  bs_params p;
  quiet_params(&p);
  p.exemption.categorical = 1;
  p.outflow.job_rate_per_year = 1e-9; /* a hazard to compare, practically no exit */
  p.outflow.exempt_job_factor = 0.3;
  bs_world w;
  world_init(&w, &p, 46);
  person h = make_person(&w, -1.0, 57.3);
  trace_buf t;
  trace_on(&w, &t, h.id);
  admit(&w, h);
  bs_client *c = pc(&w, h);
  cr_expect_eq(c->exempt, 0, "57.3 at benefit start: obligated");
  double h_before = bs_job_hazard(&w, c, w.ctx.now);
  double t575 = 0.2 * 365.25;
  run_until(&w, t575 - 0.01);
  cr_expect_eq(pc(&w, h)->exempt, 0);
  run_until(&w, t575 + 0.01);
  c = pc(&w, h);
  cr_expect_eq(c->exempt, 1, "exempt once 57.5");
  cr_expect_float_eq(trace_day(&t, "(vrijstelling)"), t575, 0.051);
  expect_near(bs_job_hazard(&w, c, w.ctx.now) / h_before, 0.3, 1e-12, "exempt job factor");
  trace_off(&w, &t);
  bs_world_free(&w);
}

Test(exemption, cohort_record_keeps_true_and_registered_flags_at_365) {
  bs_params p;
  quiet_params(&p);
  p.exemption.categorical = 1;
  p.exemption.p_registration_stale = 1; /* the register never has it */
  bs_world w;
  world_init(&w, &p, 47);
  person a = make_person(&w, -1.0, 30);
  pc(&w, a)->household = BS_HH_SINGLE_PARENT;
  admit(&w, a);
  person b = make_person(&w, -1.0, 30);
  admit(&w, b);
  run_until(&w, 366);
  cr_assert_eq(w.cohort_n, 2);
  cr_expect_eq(w.cohort[0].on_365, 1);
  cr_expect_eq(w.cohort[0].exempt_365, 1);
  cr_expect_eq(w.cohort[0].exempt_reg_365, 0);
  cr_expect_eq(w.cohort[1].on_365, 1);
  cr_expect_eq(w.cohort[1].exempt_365, 0);
  cr_expect_eq(w.cohort[1].exempt_reg_365, 0);
  bs_world_free(&w);
}

/* The dated marks of a spell (one year on benefit, the 57.5th and the 65th
 * birthday) wait in the calendar one at a time: each is pushed, with the
 * seq reserved for it at admission, when the one before it is handled. */
typedef struct {
  uint32_t slot;
  int n;
  double time;
} marks_probe;

static int count_marks(const sim_event *e, void *user) {
  marks_probe *m = user;
  if (e->entity == m->slot && (e->type == BS_EV_AGE || e->type == BS_EV_MARK365)) {
    m->n++;
    m->time = e->time;
  }
  return 1; /* keeps every event */
}

static marks_probe pending_marks(bs_world *w, person h) {
  marks_probe m = {.slot = h.slot, .n = 0, .time = NAN};
  (void)sim_calendar_retain(&w->ctx.cal, count_marks, &m);
  return m;
}

Test(exemption, dated_marks_wait_in_the_calendar_one_at_a_time) {
  bs_params p;
  quiet_params(&p);
  p.exemption.categorical = 1;
  p.outflow.job_rate_per_year = 1e-9; /* practically no exit but by age */
  p.run.horizon_days = 8000;
  bs_world w;
  world_init(&w, &p, 48);
  person h = make_person(&w, -1.0, 50.0);
  admit(&w, h);
  const double t575 = 7.5 * 365.25, t65 = 15 * 365.25;
  marks_probe m = pending_marks(&w, h);
  cr_assert_eq(m.n, 1, "after admission: %d marks pending", m.n);
  cr_assert_float_eq(m.time, 365.0, 1e-9, "the one-year mark first");
  run_until(&w, 366);
  m = pending_marks(&w, h);
  cr_assert_eq(m.n, 1, "after day 365: %d marks pending", m.n);
  cr_assert_float_eq(m.time, t575, 1e-9, "then the 57.5th birthday");
  cr_expect_eq(pc(&w, h)->exempt, 0);
  run_until(&w, t575 + 1);
  m = pending_marks(&w, h);
  cr_assert_eq(m.n, 1);
  cr_assert_float_eq(m.time, t65, 1e-9, "then the 65th");
  cr_expect_eq(pc(&w, h)->exempt, 1, "exempt from 57.5");
  run_until(&w, t65 - 1);
  cr_assert(alive(&w, h));
  run_until(&w, t65 + 1);
  cr_assert(!alive(&w, h), "left by the age route on the 65th birthday");
  bs_world_free(&w);
}
