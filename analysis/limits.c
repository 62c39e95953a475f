/* limits.c: see limits.h. */
#include "analysis/limits.h"

#include "analysis/indicators.h"
#include "analysis/scenario.h"
#include "models/world.h"
#include "sim/config.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

uint64_t bs_estimate_peak_clients(const bs_params *p) {
  double years = (p->run.horizon_days + p->run.warmup_days) / 365.25;
  double inflow = p->inflow.applications_per_year * (years < 1 ? years : 1);
  double n = (double)(p->inflow.initial_stock > 0 ? p->inflow.initial_stock : 0) + inflow;
  return n >= 1.8e19 ? UINT64_MAX : (uint64_t)n;
}

uint64_t bs_estimate_memory(const bs_params *p) {
  uint64_t n = bs_estimate_peak_clients(p);
  if (n > (UINT64_MAX - BS_BYTES_BASE) / BS_BYTES_PER_CLIENT)
    return UINT64_MAX;
  return BS_BYTES_BASE + n * BS_BYTES_PER_CLIENT;
}

/* A limit in a one-number file (cgroup); "max" or unreadable = none. */
static uint64_t read_limit_file(const char *path) {
  FILE *f = fopen(path, "r");
  if (!f)
    return UINT64_MAX;
  char buf[64] = "";
  char *ok = fgets(buf, sizeof buf, f);
  fclose(f);
  if (!ok)
    return UINT64_MAX;
  char *end;
  unsigned long long v = strtoull(buf, &end, 10);
  if (end == buf)
    return UINT64_MAX; /* "max" */
  return v;
}

static void consider(uint64_t *best, const char **source, uint64_t v, const char *name) {
  if (v < *best) {
    *best = v;
    *source = name;
  }
}

uint64_t bs_memory_available(const char **source) {
  uint64_t best = UINT64_MAX;
  const char *src = "no limit found";
  long pages = sysconf(_SC_PHYS_PAGES), page = sysconf(_SC_PAGESIZE);
  if (pages > 0 && page > 0)
    consider(&best, &src, (uint64_t)pages * (uint64_t)page, "physical memory");
  /* cgroup v2, then v1 (a container's limit is below the machine's memory) */
  consider(&best, &src, read_limit_file("/sys/fs/cgroup/memory.max"), "cgroup memory.max");
  consider(&best, &src, read_limit_file("/sys/fs/cgroup/memory/memory.limit_in_bytes"),
           "cgroup memory limit");
  struct rlimit rl;
  if (getrlimit(RLIMIT_AS, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY)
    consider(&best, &src, (uint64_t)rl.rlim_cur, "ulimit -v");
  if (getrlimit(RLIMIT_DATA, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY)
    consider(&best, &src, (uint64_t)rl.rlim_cur, "ulimit -d");
  const char *cap = getenv("BIJSIM_MEMORY_LIMIT_MB");
  if (cap && *cap) {
    char *end;
    unsigned long long mb = strtoull(cap, &end, 10);
    if (*end == '\0' && mb > 0 && mb < (UINT64_MAX >> 20))
      consider(&best, &src, (uint64_t)mb << 20, "BIJSIM_MEMORY_LIMIT_MB");
  }
  if (source)
    *source = src;
  return best;
}

static double gib(uint64_t b) { return (double)b / (double)(1u << 30); }

/* ------------------------------------------------------------ events */

/* Events of one stream of a replication, and the parameter that drives it. */
typedef struct stream {
  double events;
  const char *key;
  const char *what;
} stream;

static double capped(double v, double cap) { return v < cap ? v : cap; }

/* The mean number of repeats when each repeats with probability p, at most
 * cap (what time allows). */
static double repeats(double p, double cap) { return p < 1 ? capped(p / (1 - p), cap) : cap; }

static double delay_mean(const bs_delay *d) { return d->mean_days > 0 ? d->mean_days : 0; }

void bs_estimate_run(const bs_params *p, bs_estimate *e) {
  memset(e, 0, sizeof *e);
  double days = p->run.horizon_days > 0 ? p->run.horizon_days + p->run.warmup_days : 0,
         years = days / 365.25;
  double stock = p->inflow.initial_stock > 0 ? (double)p->inflow.initial_stock : 0;
  double apps = p->inflow.applications_per_year * years;
  e->persons = stock + apps;
  /* spells of a person: a leaver applies again with p_reinflow, after the
   * re-inflow delay and the gate's delays, so at most one spell per such
   * cycle within the horizon; the model stops a person at 65534 spells */
  const bs_gate_params *g = &p->gatekeeping;
  double cycle = delay_mean(&p->inflow.reinflow_delay) + delay_mean(&g->claim_intake_delay) +
                 delay_mean(&g->work_intake_delay) + delay_mean(&g->decision_delay);
  double per_person = 1 + repeats(p->inflow.p_reinflow, cycle > 0 ? days / cycle : INFINITY);
  per_person = capped(per_person, 65535);
  e->spells = e->persons * per_person;

  /* a spell lasts at most the horizon, and on average at most the inverse
   * of the exit hazards everyone has (other income, moving, withdrawal) */
  const bs_outflow_params *o = &p->outflow;
  double other = o->other_income_per_year + o->moving_per_year + o->withdrawal_per_year;
  double spell_years = other > 0 ? capped(years, 1 / other) : years;
  const bs_sanction_params *sa = &p->sanctions;
  const bs_client_params *c = &p->clients;
  double non_compliance = c->compliance_beta / (c->compliance_alpha + c->compliance_beta);
  double violations = sa->violations_per_year *
                      (sa->hoogwaardig_handhaven ? sa->hh_compliance_effect : 1) * non_compliance *
                      spell_years;
  /* trajectories: a consultant serves a client at most once a day; each
   * may be followed by another (p_reoffer), and a client can come to one
   * twice through the router (directly and after activation) */
  const bs_traj_params *tp = &p->trajectory;
  const bs_cm_params *cm = &p->case_management;
  double serves = 0, reports = 0;
  if (tp->enabled && tp->providers_n > 0) {
    double per_spell = 2 * (1 + repeats(tp->p_reoffer, days));
    double slips = cm->model == BS_CM_INTEGRAL ? repeats(cm->p_slip, days) : 0;
    /* each decision (an offer, or one that slips) takes a consultant's
     * action: no more than the consultants' capacity over the horizon */
    double daily = cm->consultants_fte * cm->actions_per_fte_day * 5.0 / 7.0;
    double capacity = daily * (days + 1) + 2 * daily + 1;
    serves = capped(e->spells * per_spell * (1 + slips), capacity);
    reports =
        tp->report_interval_days > 0 ? delay_mean(&tp->duration) / tp->report_interval_days + 1 : 0;
  }
  double activation = p->activation.enabled ? (double)p->activation.max_steps + 2 : 0;
  /* per spell, besides those: the application or return, up to four gate
   * steps, the exit and its re-draws when a hazard changes, two birthdays,
   * the one-year mark, CWI mediation and work-first steps */
  const double per_spell = 16;

  const char *spell_key = per_person > 10 ? "inflow.p_reinflow"
                          : apps > stock  ? "inflow.applications_per_year"
                                          : "inflow.initial_stock";
  const stream streams[] = {
      {e->spells * per_spell, spell_key, "clients' applications and spells"},
      /* a violation, its signal and its sanction's end */
      {e->spells * 3 * violations, "sanctions.violations_per_year", "violations"},
      /* a report, and a no-show's signal and sanction */
      {serves * reports * 4, "trajectory.report_interval_days", "trajectory progress reports"},
      /* a retry when too early, the start, the end, a re-drawn exit */
      {serves * 4, tp->p_reoffer >= cm->p_slip ? "trajectory.p_reoffer" : "case_management.p_slip",
       "trajectory offers"},
      {e->spells * activation, "activation.max_steps", "activation steps"},
      {days + 1, "run.horizon_days", "working days of case management"},
      {p->run.stock_report_interval_days > 0 ? days / p->run.stock_report_interval_days + 1 : 0,
       "run.stock_report_interval_days", "points of the stock series"},
      {tp->enabled && tp->evaluation_interval_days > 0 ? days / tp->evaluation_interval_days + 1
                                                       : 0,
       "trajectory.evaluation_interval_days", "provider evaluations"},
  };
  const stream *big = &streams[0];
  for (size_t i = 0; i < sizeof streams / sizeof streams[0]; i++) {
    e->events += streams[i].events;
    if (streams[i].events > big->events)
      big = &streams[i];
  }
  e->key = big->key;
  e->stream = big->what;

  /* kept per replication: the cohort's records (applications in the cohort
   * window, with their re-inflow), the stock series, the indicators */
  double window = capped(p->run.cohort_length_days, days);
  double cohort = p->inflow.applications_per_year * window / 365.25 * per_person;
  double points =
      p->run.stock_report_interval_days > 0 ? days / p->run.stock_report_interval_days + 1 : 0;
  double kept = cohort * (double)sizeof(bs_cohort_rec) + points * (double)sizeof(bs_stock_point) +
                2.0 * (double)(bs_indicator_count() + bs_ext_count()) * sizeof(double) +
                (double)sizeof(bs_counters);
  e->kept = kept < 1.8e19 ? (uint64_t)kept : UINT64_MAX;
}

double bs_event_limit(void) {
  const char *s = getenv("BIJSIM_EVENT_LIMIT");
  if (s && *s) {
    char *end;
    double v = strtod(s, &end);
    if (*end == '\0' && v >= 1 && isfinite(v))
      return v;
  }
  return BS_EVENT_LIMIT;
}

uint64_t bs_event_budget(const bs_params *p) {
  bs_estimate e;
  bs_estimate_run(p, &e);
  double budget = 16 * e.events + 1e6;
  return budget < 1.8e19 ? (uint64_t)budget : UINT64_MAX;
}

/* ------------------------------------------------------------ checks */

static uint64_t times(uint64_t a, uint64_t b) {
  return b && a > UINT64_MAX / b ? UINT64_MAX : a * b;
}
static uint64_t plus(uint64_t a, uint64_t b) { return a > UINT64_MAX - b ? UINT64_MAX : a + b; }

int bs_check_run(const bs_params *p, size_t replications, int parallel, const char **key, char *err,
                 size_t errlen) {
  const char *dummy;
  if (!key)
    key = &dummy;
  if (parallel < 1)
    parallel = 1;
  if (replications < (size_t)parallel)
    replications = (size_t)parallel;
  bs_estimate e;
  bs_estimate_run(p, &e);
  if (!(e.persons < (double)UINT32_MAX)) {
    *key = "inflow.applications_per_year";
    snprintf(err, errlen,
             "scenario '%s': about %.3g clients over the horizon, more than the 4294967295 "
             "person ids of a run; shorten run.horizon_days or lower "
             "inflow.applications_per_year",
             p->run.name, e.persons);
    return -1;
  }
  uint64_t need =
      plus(times(bs_estimate_memory(p), (uint64_t)parallel), times(e.kept, replications));
  const char *source;
  uint64_t avail = bs_memory_available(&source);
  if (need > avail) {
    uint64_t clients = bs_estimate_peak_clients(p);
    char per[96] = "";
    if (parallel > 1)
      snprintf(per, sizeof per, " for %d replications at once", parallel);
    else if (replications > 1)
      snprintf(per, sizeof per, " for %zu replications", replications);
    *key = p->inflow.initial_stock >= p->inflow.applications_per_year
               ? "inflow.initial_stock"
               : "inflow.applications_per_year";
    snprintf(err, errlen,
             "scenario '%s' needs about %.1f GiB%s (%" PRIu64
             " clients at once: inflow.initial_stock + a year of inflow.applications_per_year), "
             "more than the %.1f GiB available (%s); lower those numbers%s",
             p->run.name, gib(need), per, clients, gib(avail), source,
             parallel > 1       ? " or use fewer --threads"
             : replications > 1 ? " or --replications"
                                : "");
    return -1;
  }
  double limit = bs_event_limit();
  if (!(e.events <= limit)) {
    *key = e.key;
    snprintf(err, errlen,
             "scenario '%s' would take about %.3g events per replication, more than the limit "
             "of %.3g (%s); most are %s: change %s",
             p->run.name, e.events, limit,
             limit == BS_EVENT_LIMIT ? "about 75 minutes at 2.2 M events/s; BIJSIM_EVENT_LIMIT "
                                       "sets another"
                                     : "BIJSIM_EVENT_LIMIT",
             e.stream, e.key);
    return -1;
  }
  return 0;
}

int bs_check_memory(const bs_params *p, char *err, size_t errlen) {
  return bs_check_run(p, 1, 1, NULL, err, errlen);
}

int bs_check_memory_parallel(const bs_params *p, int parallel, char *err, size_t errlen) {
  return bs_check_run(p, 1, parallel, NULL, err, errlen);
}

int bs_check_scenario(const char *path, const bs_params *p, char *err, size_t errlen) {
  const char *key = NULL;
  char msg[1024];
  if (bs_check_run(p, 1, 1, &key, msg, sizeof msg) == 0)
    return 0;
  /* where the parameter to change is written (it may be inherited through
   * extends, or absent: then line 1 of the file asked for) */
  char where[4200];
  snprintf(where, sizeof where, "%s:1:1", path);
  cfg_doc doc;
  char ignored[256];
  if (cfg_load(path, &doc, ignored, sizeof ignored) == 0) {
    const cfg_node *n = cfg_find(doc.root, key);
    if (n && n->key_line > 0)
      snprintf(where, sizeof where, "%s:%d:%d", n->file, n->key_line, n->key_col);
    cfg_free(&doc);
  }
  snprintf(err, errlen, "%s: key '%s': %s", where, key, msg);
  return -1;
}
