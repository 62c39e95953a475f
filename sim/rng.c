/* rng.c: counter-free random streams (SplitMix64) and two gsl_rng facades,
 * one over a stream's state, one over a counted stream (key + draw count,
 * sim.h), which draws the same numbers.
 *
 * A stream's key is a hash of (seed, replication, entity, purpose) and its
 * state is just that key, advanced by the golden-ratio increment. So a
 * stream's draws depend on those four numbers only: creating or drawing from
 * other streams never shifts them (common random numbers across variants).
 *
 * Two streams overlap only if their keys lie within a run length of each
 * other on the Weyl sequence; with well-spread 64-bit keys the chance is
 * about streams^2 * draws / 2^64, negligible at simulation scale.
 */
#include "sim/sim.h"

#include <assert.h>
#include <stddef.h>
#include <stdint.h>

/* Distinct odd offsets per key part, so that swapping two parts' values
 * (e.g. entity 3 purpose 5 vs entity 5 purpose 3) gives different keys. */
#define KEY_SEED 0x243f6a8885a308d3u
#define KEY_REPLICATION 0x13198a2e03707345u
#define KEY_ENTITY 0xa4093822299f31d1u
/* KEY_PURPOSE is SIM_KEY_PURPOSE (sim.h: sim_stream_key_purpose is inline) */

/* Each part is hashed with its own offset and folded into a running hash
 * that is hashed again. Every step is a bijection in the part it adds, so two
 * keys that differ in exactly one part always differ. */
uint64_t sim_stream_key_entity(uint64_t seed, uint64_t replication, uint64_t entity) {
  uint64_t h = sim_hash64(seed ^ KEY_SEED);
  h = sim_hash64(h ^ sim_hash64(replication + KEY_REPLICATION));
  return sim_hash64(h ^ sim_hash64(entity + KEY_ENTITY));
}

uint64_t sim_stream_key(uint64_t seed, uint64_t replication, uint64_t entity, uint64_t purpose) {
  return sim_stream_key_purpose(sim_stream_key_entity(seed, replication, entity), purpose);
}

void sim_stream_init(sim_stream *s, uint64_t seed, uint64_t replication, uint64_t entity,
                     uint64_t purpose) {
  assert(s);
  s->state = sim_stream_key(seed, replication, entity, purpose);
}

/* ------------------------------------------------------------ gsl facade */

/* gsl_rng_alloc seeds a fresh generator; give the facade's own state a
 * well-defined stream (seed, 0, 0, 0) even though it is normally bound to an
 * entity's stream before use. */
static void splitmix_set(void *state, unsigned long int seed) {
  ((sim_stream *)state)->state = sim_stream_key(seed, 0, 0, 0);
}

/* A gsl_rng type whose state is a STATE advanced by NEXT (a 64-bit draw):
 * get is the top 32 bits, get_double the open-interval uniform (GSL wants
 * [0,1); (0,1) is a subset, and keeps gsl_ran_* transforms such as -log(u)
 * finite). */
#define FACADE_TYPE(var, label, STATE, set_fn, NEXT)                                               \
  static unsigned long int var##_get(void *state) {                                                \
    return (unsigned long int)(NEXT((STATE *)state) >> 32);                                        \
  }                                                                                                \
  static double var##_get_double(void *state) { return sim_u01(NEXT((STATE *)state)); }            \
  static const gsl_rng_type var = {.name = label,                                                  \
                                   .max = 0xffffffffUL,                                            \
                                   .min = 0,                                                       \
                                   .size = sizeof(STATE),                                          \
                                   .set = set_fn,                                                  \
                                   .get = var##_get,                                               \
                                   .get_double = var##_get_double}

FACADE_TYPE(splitmix_type, "bijsim-splitmix64", sim_stream, splitmix_set, sim_stream_next);
const gsl_rng_type *sim_rng_splitmix = &splitmix_type;

/* The counted facade: its state is a sim_counted (the bound stream). */
static void counted_set(void *state, unsigned long int seed) {
  /* a well-defined but unusable binding until sim_rng_bind_counted: no count */
  sim_counted *s = state;
  s->state = sim_stream_key(seed, 0, 0, 0);
  s->count = NULL;
  s->overflow = NULL;
}

FACADE_TYPE(counted_type, "bijsim-splitmix64-counted", sim_counted, counted_set, sim_counted_next);

const gsl_rng_type *sim_rng_splitmix_counted = &counted_type;

/* Note: on allocation failure gsl_rng_alloc also calls the GSL error handler,
 * which aborts unless the application replaced it (for instance with
 * gsl_set_error_handler_off); then SIM_ENOMEM is returned. */
int sim_rng_init(sim_rng *f) {
  assert(f);
  f->rc = NULL;
  f->r = gsl_rng_alloc(sim_rng_splitmix);
  if (!f->r) {
    f->own_state = NULL;
    return SIM_ENOMEM;
  }
  f->own_state = f->r->state;
  f->rc = gsl_rng_alloc(sim_rng_splitmix_counted);
  if (!f->rc) {
    sim_rng_free(f);
    return SIM_ENOMEM;
  }
  return SIM_OK;
}

void sim_rng_free(sim_rng *f) {
  if (!f || !f->r)
    return;
  f->r->state = f->own_state; /* gsl_rng_free frees r->state */
  gsl_rng_free(f->r);
  f->r = NULL;
  f->own_state = NULL;
  if (f->rc)
    gsl_rng_free(f->rc);
  f->rc = NULL;
}

gsl_rng *sim_rng_bind(sim_rng *f, sim_stream *s) {
  assert(f && f->r && s);
  f->r->state = s;
  return f->r;
}
