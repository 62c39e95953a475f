/* engine.c: throughput of the discrete-event engine.
 *
 * 1. M/M/1 through the whole engine (sim_run, handlers, entity pool, streams,
 *    sim_schedule): one arrival and one departure event per customer, rho =
 *    0.8; and the same model written by hand without the engine (two next-
 *    event times and a FIFO of arrival times, the same streams and draws),
 *    so that the engine's overhead per event is the difference (issue 14:
 *    within 1.6x of the hand-coded model).
 * 2. The classic hold model on the bare calendar: 1000 pending events, each
 *    step pops the earliest and pushes it back at time + Exp(1). Increments
 *    come from a precomputed table so that the heap, not log(), is measured.
 * 3. The same hold model with 2 million pending events (a national-scale
 *    calendar), once on the plain heap and once with the far-future tier
 *    (sim_calendar_set_tier, bucket width HOLD_BIG_WIDTH: about 10000 events
 *    per bucket, chosen by measurement), for a quarter as many events.
 *
 * Usage: bench_engine [events] [--json] [--mm1]   (default 2e7 events for each
 * part; --mm1: only the two M/M/1 runs, e.g. under perf or callgrind, then
 * events / MM1_ROUND alternating rounds of MM1_ROUND events each and the
 * fastest round of each: a round fits in a time slice, so on a shared machine
 * the fastest ones ran undisturbed)
 */
#include "sim/sim.h"

#include <gsl/gsl_randist.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#define MM1_LAMBDA 0.8
#define MM1_MU 1.0
#define HOLD_PENDING 1000
#define HOLD_BIG_PENDING 2000000
#define HOLD_BIG_WIDTH 0.005 /* tier bucket width there: ~10000 events per bucket */
#define HOLD_BIG_SHARE 4     /* the big hold runs do events / 4 steps (the plain heap is slow) */
#define HOLD_TABLE 65536     /* power of two */
#define MM1_ROUND 100000     /* --mm1: events per short round (a few ms: one time slice) */

enum { EV_ARRIVAL, EV_DEPARTURE };
enum { PURPOSE_ARRIVALS, PURPOSE_SERVICE };

typedef struct customer {
  double arrived;
} customer;

/* A FIFO of waiting customers' slots (ring buffer, grows by doubling). */
typedef struct mm1 {
  uint32_t *ring;
  size_t cap, head, len;
  int busy;
  uint64_t limit; /* stop after this many events */
  uint64_t served;
  double sojourn_sum;
  sim_stream arrivals, service;
} mm1;

static double now_seconds(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static double peak_rss_mib(void) {
  struct rusage ru;
  if (getrusage(RUSAGE_SELF, &ru) != 0)
    return NAN;
  return (double)ru.ru_maxrss / 1024.0; /* Linux: KiB */
}

static int ring_push(sim_ctx *ctx, mm1 *q, uint32_t slot) {
  if (q->len == q->cap) {
    size_t cap = q->cap ? 2 * q->cap : 64;
    uint32_t *ring = malloc(cap * sizeof *ring);
    if (!ring) {
      snprintf(ctx->err, sizeof ctx->err, "bench: out of memory growing the queue");
      return SIM_ENOMEM;
    }
    for (size_t i = 0; i < q->len; i++)
      ring[i] = q->ring[(q->head + i) & (q->cap - 1)];
    free(q->ring);
    q->ring = ring;
    q->cap = cap;
    q->head = 0;
  }
  q->ring[(q->head + q->len++) & (q->cap - 1)] = slot; /* cap is a power of two */
  return SIM_OK;
}

static uint32_t ring_pop(mm1 *q) {
  uint32_t slot = q->ring[q->head];
  q->head = (q->head + 1) & (q->cap - 1);
  q->len--;
  return slot;
}

static int start_service(sim_ctx *ctx, mm1 *q, uint32_t slot) {
  q->busy = 1;
  double s = sim_stream_exponential(&q->service, 1.0 / MM1_MU);
  return sim_schedule(ctx, ctx->now + s, EV_DEPARTURE, slot, 0);
}

static int on_arrival(sim_ctx *ctx, const sim_event *ev, void *user) {
  (void)ev;
  mm1 *q = user;
  if (ctx->events_processed >= q->limit)
    return SIM_ESTOP;
  uint32_t slot;
  if (sim_pool_alloc(&ctx->pool, &slot) != SIM_OK) {
    snprintf(ctx->err, sizeof ctx->err, "bench: out of memory allocating a customer");
    return SIM_ENOMEM;
  }
  ((customer *)sim_pool_get(&ctx->pool, slot))->arrived = ctx->now;
  double gap = sim_stream_exponential(&q->arrivals, 1.0 / MM1_LAMBDA);
  int rc = sim_schedule(ctx, ctx->now + gap, EV_ARRIVAL, SIM_NO_ENTITY, 0);
  if (rc != SIM_OK)
    return rc;
  return q->busy ? ring_push(ctx, q, slot) : start_service(ctx, q, slot);
}

static int on_departure(sim_ctx *ctx, const sim_event *ev, void *user) {
  mm1 *q = user;
  if (ctx->events_processed >= q->limit)
    return SIM_ESTOP;
  const customer *c = sim_pool_get(&ctx->pool, ev->entity);
  q->sojourn_sum += ctx->now - c->arrived;
  q->served++;
  sim_pool_release(&ctx->pool, ev->entity);
  q->busy = 0;
  return q->len ? start_service(ctx, q, ring_pop(q)) : SIM_OK;
}

typedef struct result {
  uint64_t events;
  double seconds;
  double check; /* a figure that can be compared with theory */
} result;

/* noinline: under callgrind each M/M/1 run is one function with an inclusive count. */
__attribute__((noinline)) static int bench_mm1(uint64_t events, result *out, char *err,
                                               size_t errlen) {
  sim_ctx *ctx = malloc(sizeof *ctx);
  if (!ctx) {
    snprintf(err, errlen, "out of memory allocating the context");
    return SIM_ENOMEM;
  }
  mm1 q = {.limit = events};
  int rc = sim_ctx_init(ctx, sizeof(customer), 2024, 0);
  if (rc == SIM_OK) {
    sim_stream_init(&q.arrivals, ctx->seed, ctx->replication, SIM_NO_ENTITY, PURPOSE_ARRIVALS);
    sim_stream_init(&q.service, ctx->seed, ctx->replication, SIM_NO_ENTITY, PURPOSE_SERVICE);
    if ((rc = sim_ctx_on(ctx, EV_ARRIVAL, on_arrival, &q)) == SIM_OK &&
        (rc = sim_ctx_on(ctx, EV_DEPARTURE, on_departure, &q)) == SIM_OK &&
        (rc = sim_schedule(ctx, 0.0, EV_ARRIVAL, SIM_NO_ENTITY, 0)) == SIM_OK) {
      double t0 = now_seconds();
      rc = sim_run(ctx, INFINITY);
      out->seconds = now_seconds() - t0;
      if (rc == SIM_ESTOP)
        rc = SIM_OK;
    }
  }
  if (rc != SIM_OK)
    snprintf(err, errlen, "%s", ctx->err);
  out->events = ctx->events_processed;
  out->check = q.served ? q.sojourn_sum / (double)q.served : NAN;
  free(q.ring);
  sim_ctx_free(ctx);
  free(ctx);
  return rc;
}

/* The same M/M/1 by hand: the next arrival and the next departure are two
 * numbers, the waiting customers' arrival times a ring buffer; the same two
 * streams and the same draws in the same order, so the two runs follow the
 * same sample path (their mean sojourns agree to rounding). */
__attribute__((noinline)) static int bench_mm1_hand(uint64_t events, result *out, char *err,
                                                    size_t errlen) {
  size_t cap = 64, head = 0, len = 0;
  double *ring = malloc(cap * sizeof *ring);
  if (!ring) {
    snprintf(err, errlen, "out of memory allocating the queue");
    return SIM_ENOMEM;
  }
  sim_stream arrivals, service;
  sim_stream_init(&arrivals, 2024, 0, SIM_NO_ENTITY, PURPOSE_ARRIVALS);
  sim_stream_init(&service, 2024, 0, SIM_NO_ENTITY, PURPOSE_SERVICE);
  double t_arrival = 0.0, t_departure = INFINITY, in_service = 0.0, sojourn = 0.0;
  uint64_t served = 0, n = 0;
  int busy = 0;
  double t0 = now_seconds();
  for (; n < events; n++) {
    if (t_arrival <= t_departure) { /* ties: the arrival first, as it was scheduled first */
      double now = t_arrival;
      t_arrival = now + sim_stream_exponential(&arrivals, 1.0 / MM1_LAMBDA);
      if (!busy) {
        busy = 1;
        in_service = now;
        t_departure = now + sim_stream_exponential(&service, 1.0 / MM1_MU);
      } else {
        if (len == cap) {
          double *bigger = malloc(2 * cap * sizeof *bigger);
          if (!bigger) {
            free(ring);
            snprintf(err, errlen, "out of memory growing the queue");
            return SIM_ENOMEM;
          }
          for (size_t i = 0; i < len; i++)
            bigger[i] = ring[(head + i) & (cap - 1)];
          free(ring);
          ring = bigger;
          cap *= 2;
          head = 0;
        }
        ring[(head + len++) & (cap - 1)] = now;
      }
    } else {
      double now = t_departure;
      sojourn += now - in_service;
      served++;
      if (len) {
        in_service = ring[head];
        head = (head + 1) & (cap - 1);
        len--;
        t_departure = now + sim_stream_exponential(&service, 1.0 / MM1_MU);
      } else {
        busy = 0;
        t_departure = INFINITY;
      }
    }
  }
  out->seconds = now_seconds() - t0;
  out->events = n;
  out->check = served ? sojourn / (double)served : NAN;
  free(ring);
  return SIM_OK;
}

/* The hold model with `pending` events; tier_width 0 = plain heap. */
static int bench_hold(uint64_t events, uint32_t pending, double tier_width, result *out, char *err,
                      size_t errlen) {
  double *incr = malloc(HOLD_TABLE * sizeof *incr);
  sim_calendar cal;
  if (!incr || sim_calendar_init(&cal, pending) != SIM_OK) {
    free(incr);
    snprintf(err, errlen, "out of memory setting up the hold model");
    return SIM_ENOMEM;
  }
  if (sim_calendar_set_tier(&cal, tier_width) != SIM_OK) {
    snprintf(err, errlen, "cannot set the calendar tier to width %g", tier_width);
    sim_calendar_free(&cal);
    free(incr);
    return SIM_ENOMEM;
  }
  sim_stream s;
  sim_stream_init(&s, 2024, 0, SIM_NO_ENTITY, 2);
  for (size_t i = 0; i < HOLD_TABLE; i++)
    incr[i] = -log(sim_stream_uniform(&s));
  for (uint32_t i = 0; i < pending; i++) {
    /* initial times: spread like the steady state (Exp(1) ahead of 0) */
    sim_event ev = {
        .time = i < HOLD_TABLE ? incr[i] : -log(sim_stream_uniform(&s)), .entity = i, .type = 0};
    if (sim_calendar_push(&cal, &ev) != SIM_OK) {
      snprintf(err, errlen, "out of memory filling the calendar");
      sim_calendar_free(&cal);
      free(incr);
      return SIM_ENOMEM;
    }
  }
  double t0 = now_seconds();
  sim_event ev;
  int rc = SIM_OK;
  for (uint64_t i = 0; i < events; i++) {
    sim_calendar_pop(&cal, &ev);
    ev.time += incr[i & (HOLD_TABLE - 1)];
    if ((rc = sim_calendar_push(&cal, &ev)) != SIM_OK) {
      snprintf(err, errlen, "out of memory in the hold loop");
      break;
    }
  }
  out->seconds = now_seconds() - t0;
  out->events = events;
  out->check = sim_calendar_peek(&cal)->time; /* simulated clock reached, ~events/pending */
  sim_calendar_free(&cal);
  free(incr);
  return rc;
}

int main(int argc, char **argv) {
  uint64_t events = 20000000;
  int json = 0, mm1_only = 0;
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--json") == 0) {
      json = 1;
    } else if (strcmp(argv[i], "--mm1") == 0) {
      mm1_only = 1;
    } else {
      char *end;
      double v = strtod(argv[i], &end);
      if (*end != '\0' || !(v >= 1 && v <= 1e15)) {
        fprintf(stderr, "usage: %s [events] [--json] [--mm1]\n", argv[0]);
        return 2;
      }
      events = (uint64_t)v;
    }
  }
  char err[512] = "";
  result mm, hand, hold, big_plain, big_tier;
  const uint64_t big_events = events / HOLD_BIG_SHARE ? events / HOLD_BIG_SHARE : 1;
  if (bench_mm1(events, &mm, err, sizeof err) != SIM_OK ||
      bench_mm1_hand(events, &hand, err, sizeof err) != SIM_OK) {
    fprintf(stderr, "bench_engine: %s\n", err);
    return 1;
  }
  if (mm1_only) {
    printf("M/M/1 through sim_run %.1f ns per event, by hand %.1f ns: %.2fx\n",
           1e9 * mm.seconds / (double)mm.events, 1e9 * hand.seconds / (double)hand.events,
           (mm.seconds / (double)mm.events) / (hand.seconds / (double)hand.events));
    /* The same in short rounds, alternating, keeping each one's fastest
     * round: on a shared machine a round that was not interrupted is the
     * nearest to an idle core's time, for both in the same minute. */
    const uint64_t round_events = events < MM1_ROUND ? events : MM1_ROUND;
    const uint64_t rounds = events / round_events;
    double best_mm = INFINITY, best_hand = INFINITY;
    for (uint64_t r = 0; r < rounds; r++) {
      if (bench_mm1(round_events, &mm, err, sizeof err) != SIM_OK ||
          bench_mm1_hand(round_events, &hand, err, sizeof err) != SIM_OK) {
        fprintf(stderr, "bench_engine: %s\n", err);
        return 1;
      }
      best_mm = fmin(best_mm, mm.seconds / (double)mm.events);
      best_hand = fmin(best_hand, hand.seconds / (double)hand.events);
    }
    printf("  fastest of %llu alternating rounds of %llu events: %.1f vs %.1f ns: %.2fx\n",
           (unsigned long long)rounds, (unsigned long long)round_events, 1e9 * best_mm,
           1e9 * best_hand, best_mm / best_hand);
    return 0;
  }
  if (bench_hold(events, HOLD_PENDING, 0.0, &hold, err, sizeof err) != SIM_OK ||
      bench_hold(big_events, HOLD_BIG_PENDING, 0.0, &big_plain, err, sizeof err) != SIM_OK ||
      bench_hold(big_events, HOLD_BIG_PENDING, HOLD_BIG_WIDTH, &big_tier, err, sizeof err) !=
          SIM_OK) {
    fprintf(stderr, "bench_engine: %s\n", err);
    return 1;
  }
  if (big_plain.check != big_tier.check) { /* the same pops in the same order: the same clock */
    fprintf(stderr, "bench_engine: the tiered calendar ended at t=%.17g, the plain heap at %.17g\n",
            big_tier.check, big_plain.check);
    return 1;
  }
  double rss = peak_rss_mib();
  double mm_rate = (double)mm.events / mm.seconds;
  double hand_rate = (double)hand.events / hand.seconds;
  double hold_rate = (double)hold.events / hold.seconds;
  double big_plain_rate = (double)big_plain.events / big_plain.seconds;
  double big_tier_rate = (double)big_tier.events / big_tier.seconds;
  if (json) {
    printf("{\"bench\": \"engine\", \"events\": %llu,\n"
           " \"mm1\": {\"events\": %llu, \"seconds\": %.6f, \"events_per_s\": %.0f, "
           "\"mean_sojourn\": %.6f, \"mean_sojourn_theory\": %.6f},\n"
           " \"mm1_by_hand\": {\"events\": %llu, \"seconds\": %.6f, \"events_per_s\": %.0f, "
           "\"mean_sojourn\": %.6f, \"engine_over_hand\": %.3f},\n"
           " \"hold\": {\"pending\": %d, \"events\": %llu, \"seconds\": %.6f, "
           "\"events_per_s\": %.0f},\n"
           " \"hold_big_plain\": {\"pending\": %d, \"events\": %llu, \"seconds\": %.6f, "
           "\"events_per_s\": %.0f},\n"
           " \"hold_big_tier\": {\"pending\": %d, \"tier_width\": %g, \"events\": %llu, "
           "\"seconds\": %.6f, \"events_per_s\": %.0f},\n"
           " \"peak_rss_mib\": %.2f}\n",
           (unsigned long long)events, (unsigned long long)mm.events, mm.seconds, mm_rate, mm.check,
           1.0 / (MM1_MU - MM1_LAMBDA), (unsigned long long)hand.events, hand.seconds, hand_rate,
           hand.check, hand_rate / mm_rate, HOLD_PENDING, (unsigned long long)hold.events,
           hold.seconds, hold_rate, HOLD_BIG_PENDING, (unsigned long long)big_plain.events,
           big_plain.seconds, big_plain_rate, HOLD_BIG_PENDING, HOLD_BIG_WIDTH,
           (unsigned long long)big_tier.events, big_tier.seconds, big_tier_rate, rss);
  } else {
    printf("M/M/1 (rho=%.2f) through sim_run\n", MM1_LAMBDA / MM1_MU);
    printf("  events processed : %llu\n", (unsigned long long)mm.events);
    printf("  wall seconds     : %.3f\n", mm.seconds);
    printf("  events/s         : %.3g\n", mm_rate);
    printf("  mean sojourn     : %.4f (theory %.4f)\n", mm.check, 1.0 / (MM1_MU - MM1_LAMBDA));
    printf("M/M/1, the same model by hand (no engine)\n");
    printf("  events processed : %llu\n", (unsigned long long)hand.events);
    printf("  wall seconds     : %.3f\n", hand.seconds);
    printf("  events/s         : %.3g\n", hand_rate);
    printf("  mean sojourn     : %.4f (the engine's run: %.4f)\n", hand.check, mm.check);
    printf("  engine / by hand : %.2fx the time per event (%.1f vs %.1f ns; target <= 1.6x)\n",
           hand_rate / mm_rate, 1e9 / mm_rate, 1e9 / hand_rate);
    printf("hold model on the calendar (%d pending, one pop + one push per event)\n", HOLD_PENDING);
    printf("  events processed : %llu\n", (unsigned long long)hold.events);
    printf("  wall seconds     : %.3f\n", hold.seconds);
    printf("  events/s         : %.3g\n", hold_rate);
    printf("hold model, %d pending, plain heap\n", HOLD_BIG_PENDING);
    printf("  events processed : %llu\n", (unsigned long long)big_plain.events);
    printf("  wall seconds     : %.3f\n", big_plain.seconds);
    printf("  events/s         : %.3g\n", big_plain_rate);
    printf("hold model, %d pending, far-future tier (bucket width %g)\n", HOLD_BIG_PENDING,
           HOLD_BIG_WIDTH);
    printf("  events processed : %llu\n", (unsigned long long)big_tier.events);
    printf("  wall seconds     : %.3f\n", big_tier.seconds);
    printf("  events/s         : %.3g\n", big_tier_rate);
    printf("  speed-up         : %.2fx (same pops, same final clock)\n",
           big_tier_rate / big_plain_rate);
    printf("peak RSS           : %.2f MiB\n", rss);
  }
  return 0;
}
