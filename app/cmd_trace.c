/* cmd_trace.c: `bijsim trace`: one synthetic client's journey through the
 * chain, for training. The models hand every event of the traced client to
 * a sink (models/world.h; the sentences and their codes are the rows of
 * models/trace_events.h); this file collects them and prints them as text
 * (one line per event, with the calendar date from run.start_date), as JSON
 * (codes and the client's traits, for tools) or as a self-contained HTML
 * page (a classroom handout). It also picks an example client with a
 * property (--find), lists every client (--list) and shows one client under
 * two scenarios side by side (--compare): common random numbers make it the
 * same person with the same luck in both, so what differs is the policy. */
#include "analysis/lang.h"
#include "analysis/limits.h"
#include "analysis/output.h"
#include "analysis/svg.h"
#include "app/cli.h"
#include "models/date.h"
#include "models/world.h"

#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------ properties */

/* What --find looks for and --list shows: a client has the property when
 * its trace holds one of the codes (in any spell, burn-in included). */
enum { MAX_CODES = 4 };
static const struct finder {
  const char *name;
  const char *meaning;
  int codes[MAX_CODES]; /* the codes that show it; unused places are 0 (BS_TR_APPLY, never one) */
} finders[] = {
    {"sanctioned",
     "had a sanction: a maatregel, a suspension or a fraud recovery",
     {BS_TR_MAATREGEL, BS_TR_SUSPENDED, BS_TR_FRAUD_STOPPED, BS_TR_FRAUD_RECOVERED}},
    {"work_first", "was placed in work-first", {BS_TR_WF_PLACED}},
    {"activation", "took part in social activation", {BS_TR_ACT_STARTS}},
    {"signal_lost",
     "had a violation whose signal was lost between consultants",
     {BS_TR_SIGNAL_LOST}},
    {"long_term", "was on benefit for a year: long-term (langdurig)", {BS_TR_LONG_TERM}},
    {"fraud",
     "committed fraud with damage that was found",
     {BS_TR_FRAUD_STOPPED, BS_TR_FRAUD_RECOVERED}},
};
enum { NFINDERS = sizeof finders / sizeof finders[0] };

static unsigned code_properties(int code) {
  unsigned bits = 0;
  for (int f = 0; f < NFINDERS; f++)
    for (int k = 0; k < MAX_CODES; k++)
      if (finders[f].codes[k] == code && code != 0)
        bits |= 1u << f;
  return bits;
}

static int finder_index(const char *name) {
  for (int f = 0; f < NFINDERS; f++)
    if (!strcmp(finders[f].name, name))
      return f;
  return -1;
}

static void usage(FILE *f) {
  fputs(
      "usage: bijsim trace SCENARIO (--client N | --find PROPERTY | --list) [--seed S]\n"
      "                    [--replication R] [--format text|json|html] [--html] [--lang en|nl]\n"
      "       bijsim trace --compare A B (--client N | --find PROPERTY) [--seed S] ...\n"
      "\n"
      "Prints the journey of synthetic client N through the chain as a timeline: day,\n"
      "calendar date (day 0 is the scenario's run.start_date), stage and event, in English\n"
      "with the Dutch policy term in brackets, e.g.\n"
      "  day    98.6  2002-04-09  cwi                work intake (werkintake): kansmeter phase 4\n"
      "N counts from 0: the initial stock first (0 .. initial_stock-1), then applicants in\n"
      "order of arrival; a number past the last client is an error. Negative days are the\n"
      "burn-in (run.warmup_days), before the results start. Seed (default 1) and replication\n"
      "(default 0) pick the simulated world. The same client, scenario, seed and replication\n"
      "always give the same story. Every sanction names the violation it answers.\n"
      "  --find PROPERTY  the first client (in id order) with PROPERTY, one of:\n",
      f);
  for (int k = 0; k < NFINDERS; k++)
    fprintf(f, "                     %-12s %s\n", finders[k].name, finders[k].meaning);
  fputs("  --list           one line per client: origin, first day, spells, how it ended and\n"
        "                   its properties\n"
        "  --compare A B    the same client under scenarios A and B side by side (same person,\n"
        "                   same luck: what differs is the policy)\n"
        "  --format json    {scenario, seed, replication, client, start_date, spells: [the\n"
        "                   client's traits per spell], events: [{day, date, spell, stage, code,\n"
        "                   event}]}; the codes are listed in models/trace_events.h\n"
        "  --html           (or --format html) a self-contained web page for a classroom, on\n"
        "                   stdout: bijsim trace ... --html > client.html\n",
        f);
}

/* ------------------------------------------------------------ collecting */

typedef struct tr_event {
  double day;
  int code;
  unsigned spell;
  char *text;  /* the English sentence (JSON, the comparison) */
  char *local; /* the sentence in the story's language, or NULL for English */
} tr_event;

/* The client as drawn when a spell starts (its first event). */
typedef struct tr_traits {
  unsigned spell;
  double day;
  double age, distance, compliance, fraud;
  int age_band, household, stock;
  unsigned ladder, problems;
} tr_traits;

typedef struct story {
  tr_event *ev;
  size_t n, cap;
  tr_traits *sp;
  size_t nsp, capsp;
  bs_lang lang; /* of the `local` sentences */
  int oom;
} story;

static void story_free(story *s) {
  for (size_t i = 0; i < s->n; i++) {
    free(s->ev[i].text);
    free(s->ev[i].local);
  }
  free(s->ev);
  free(s->sp);
  memset(s, 0, sizeof *s);
}

static void story_sink(void *user, const bs_trace_event *e) {
  story *s = user;
  const bs_client *c = e->client;
  if (s->oom)
    return;
  if (s->nsp == 0 || s->sp[s->nsp - 1].spell != c->spell) {
    if (bs_grow((void **)&s->sp, &s->capsp, s->nsp, sizeof *s->sp, 8)) {
      s->oom = 1;
      return;
    }
    s->sp[s->nsp++] = (tr_traits){.spell = c->spell,
                                  .day = e->day,
                                  .age = c->age_years,
                                  .distance = c->distance,
                                  .compliance = c->compliance,
                                  .fraud = e->fraud_propensity,
                                  .age_band = c->age_band,
                                  .household = c->household,
                                  .stock = e->code == BS_TR_IN_STOCK,
                                  .ladder = c->ladder,
                                  .problems = c->problems};
  }
  char *text = strdup(e->text), *local = NULL;
  const char *nl = s->lang == BS_LANG_NL ? bs_trace_format_nl(bs_trace_codes[e->code]) : NULL;
  if (nl) {
    char msg[512];
    va_list ap;
    va_copy(ap, *e->args);
    bs_trace_vformat(s->lang, msg, sizeof msg, nl, ap);
    va_end(ap);
    if (!(local = strdup(msg)))
      s->oom = 1;
  }
  if (s->oom || !text || bs_grow((void **)&s->ev, &s->cap, s->n, sizeof *s->ev, 64)) {
    free(text);
    free(local);
    s->oom = 1;
    return;
  }
  s->ev[s->n++] = (tr_event){e->day, e->code, c->spell, text, local};
}

/* The text trace's language (--lang, else run.lang): the header, the day,
 * the stage column and the closing line come from the catalogue
 * (analysis/catalogue.h), and so do the events' sentences (BS_NL_TRACE_LIST,
 * formatted by bs_trace_vformat from the event's arguments). */
static bs_lang trace_lang(const bs_params *p, const cli_opts *o) {
  return (bs_lang)(o->lang >= 0 ? o->lang : p->run.lang);
}

/* An event's sentence as the text trace writes it: in the story's language. */
static const char *event_text(const tr_event *e) { return e->local ? e->local : e->text; }

/* Every client at once (--find, --list): what each one's trace shows. */
typedef struct tr_client {
  double first_day;
  unsigned spells, events, props;
  int seen, stock, on_benefit, route; /* route: the last exit, or -1 */
} tr_client;

typedef struct census {
  tr_client *c;
  size_t n, cap;
  int oom;
} census;

static void census_sink(void *user, const bs_trace_event *e) {
  census *s = user;
  uint32_t id = e->client->id;
  if (s->oom)
    return;
  if (id >= s->n) {
    size_t need = (size_t)id + 1;
    if (need > s->cap) {
      size_t cap = s->cap ? s->cap : 1024;
      while (cap < need)
        cap *= 2;
      tr_client *q = realloc(s->c, cap * sizeof *q);
      if (!q) {
        s->oom = 1;
        return;
      }
      s->c = q;
      s->cap = cap;
    }
    memset(s->c + s->n, 0, (need - s->n) * sizeof *s->c);
    s->n = need;
  }
  tr_client *t = &s->c[id];
  if (!t->seen) {
    t->seen = 1;
    t->first_day = e->day;
    t->route = -1;
  }
  if (e->client->spell + 1u > t->spells)
    t->spells = e->client->spell + 1u;
  t->events++;
  t->props |= code_properties(e->code);
  if (e->code == BS_TR_IN_STOCK)
    t->stock = 1;
  if (e->code == BS_TR_ADMITTED || e->code == BS_TR_IN_STOCK)
    t->on_benefit = 1;
  if (e->code >= BS_TR_LEAVE) {
    t->on_benefit = 0;
    t->route = e->code - BS_TR_LEAVE;
  }
}

/* Simulates scenario p (seed, replication) with the trace of client `id`
 * (or BS_TRACE_ALL) going to sink; *persons: how many clients there were.
 * Prints the problem and returns 1 on failure. */
static int trace_world(const bs_params *p, const cli_opts *o, uint32_t id, bs_trace_sink sink,
                       void *user, uint32_t *persons) {
  bs_world *w = malloc(sizeof *w);
  if (!w || bs_world_init(w, p, o->seed, o->replication) != SIM_OK) {
    free(w);
    cli_error("out of memory setting up the simulation");
    return 1;
  }
  w->ctx.max_events = bs_event_budget(p);
  w->trace_sink = sink;
  w->trace_user = user;
  w->trace_id = id;
  int rc = bs_world_run(w);
  if (rc != SIM_OK)
    cli_error("%s", w->ctx.err);
  *persons = w->next_id;
  bs_world_free(w);
  free(w);
  return rc == SIM_OK ? 0 : 1;
}

/* ------------------------------------------------------------ dates */

typedef struct calendar {
  int on;
  long day0; /* the day number of day 0 */
} calendar;

static calendar calendar_of(const bs_params *p) {
  calendar k = {0, 0};
  k.on = p->run.start_date[0] && bs_date_parse(p->run.start_date, &k.day0) == 0;
  return k;
}

/* The date of a day ("" without a start date). */
static const char *date_of(const calendar *k, double day, char out[11]) {
  out[0] = 0;
  if (k->on)
    bs_date_format(k->day0 + (long)floor(day), out);
  return out;
}

/* ------------------------------------------------------------ traits */

static const char *distance_band(const bs_params *p, double distance) {
  return distance > p->clients.far_threshold ? "far" : "near";
}

/* "medical, debts" or "none", in the trace's language */
static void problems_text(bs_lang lang, unsigned bits, char *buf, size_t len) {
  size_t n = 0;
  buf[0] = 0;
  for (int k = 0; k < BS_PROB_N; k++)
    if (bits & (1u << k))
      n += (size_t)snprintf(buf + n, n < len ? len - n : 0, "%s%s", n ? ", " : "",
                            bs_term(lang, BS_TERM_TRAIT, bs_problem_names[k], bs_problem_names[k]));
  if (!n)
    snprintf(buf, len, "%s", bs_term(lang, BS_TERM_TRAIT, "none", "none"));
}

/* One number in the language's number format (the catalogue's decimal
 * mark, through the trace's own formatter). */
static void lang_num(bs_lang lang, char *buf, size_t len, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void lang_num(bs_lang lang, char *buf, size_t len, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  bs_trace_vformat(lang, buf, len, fmt, ap);
  va_end(ap);
}

static void traits_text(const bs_params *p, bs_lang lang, const tr_traits *t, char *buf,
                        size_t len) {
  char prob[96], age[32], dist[32], rung[16], comp[32], fraud[32];
  problems_text(lang, t->problems, prob, sizeof prob);
  lang_num(lang, age, sizeof age, "%.1f", t->age);
  lang_num(lang, dist, sizeof dist, "%.2f", t->distance);
  lang_num(lang, comp, sizeof comp, "%.2f", t->compliance);
  lang_num(lang, fraud, sizeof fraud, "%.2f", t->fraud);
  snprintf(rung, sizeof rung, "%u", t->ladder);
  const char *hh = bs_household_names[t->household], *band = distance_band(p, t->distance);
  const char *args[] = {age,  bs_term(lang, BS_TERM_TRAIT, hh, hh),
                        dist, bs_term(lang, BS_TERM_TRAIT, band, band),
                        rung, prob,
                        comp, fraud};
  bs_msg_format(buf, len, bs_msg(lang, BS_MSG_trace_traits), args, 8);
}

static json_t *traits_json(const bs_params *p, const tr_traits *t) {
  json_t *prob = json_array();
  for (int k = 0; prob && k < BS_PROB_N; k++)
    if ((t->problems & (1u << k)) && json_array_append_new(prob, json_string(bs_problem_names[k])))
      break;
  return json_pack("{s:I, s:f, s:b, s:f, s:s, s:s, s:f, s:s, s:I, s:o, s:f, s:f}", "spell",
                   (json_int_t)t->spell, "first_day", bs_out_rounded(t->day, 2), "initial_stock",
                   t->stock, "age_years", bs_out_rounded(t->age, 2), "age_band",
                   bs_age_band_names[t->age_band], "household", bs_household_names[t->household],
                   "distance", bs_out_rounded(t->distance, 3), "distance_band",
                   distance_band(p, t->distance), "ladder_rung", (json_int_t)t->ladder, "problems",
                   prob, "compliance", bs_out_rounded(t->compliance, 3), "fraud_propensity",
                   bs_out_rounded(t->fraud, 3));
}

/* ------------------------------------------------------------ text */

/* One client as text: the header, the traits, one line per event. */

static void print_text(FILE *f, const bs_params *p, const cli_opts *o, long client,
                       const story *s) {
  calendar k = calendar_of(p);
  bs_lang lang = trace_lang(p, o);
  char line[1024], date[11], a[32], b[32], c[32];
  snprintf(a, sizeof a, "%ld", client);
  snprintf(b, sizeof b, "%llu", (unsigned long long)o->seed);
  snprintf(c, sizeof c, "%zu", o->replication);
  const char *args[] = {a, p->run.name, b, c, p->run.start_date};
  bs_msg_format(line, sizeof line, bs_msg(lang, k.on ? BS_MSG_trace_head_date : BS_MSG_trace_head),
                args, 5);
  cli_print_clean(f, line);
  for (size_t i = 0; i < s->nsp; i++) {
    char t[512];
    traits_text(p, lang, &s->sp[i], t, sizeof t);
    fprintf(f, "  %s %u%s: %s\n", bs_msg(lang, BS_MSG_trace_spell), s->sp[i].spell,
            s->sp[i].stock ? bs_msg(lang, BS_MSG_trace_initial_stock) : "", t);
  }
  const char *day = bs_msg(lang, BS_MSG_trace_day);
  for (size_t i = 0; i < s->n; i++) {
    const tr_event *e = &s->ev[i];
    /* the event text holds names from the scenario (providers) */
    char clean[600];
    bs_out_clean_text(clean, sizeof clean, event_text(e));
    int st = bs_trace_stage_of[e->code];
    fprintf(f, "%s %7.1f  %s%s%-18s %s\n", day, e->day, date_of(&k, e->day, date), k.on ? "  " : "",
            bs_term(lang, BS_TERM_STAGE, bs_trace_stage_names[st], bs_trace_stage_labels[st]),
            clean);
  }
  fprintf(f, "%s %7.1f  %s%s%-18s %s\n", day, p->run.horizon_days,
          date_of(&k, p->run.horizon_days, date), k.on ? "  " : "",
          bs_term(lang, BS_TERM_STAGE, "horizon", "horizon"), bs_msg(lang, BS_MSG_trace_end));
}

/* ------------------------------------------------------------ JSON */

static json_t *events_json(const bs_params *p, const story *s) {
  calendar k = calendar_of(p);
  json_t *ev = json_array();
  for (size_t i = 0; ev && i < s->n; i++) {
    const tr_event *e = &s->ev[i];
    char date[11];
    /* the day as the text trace shows it: two decimals */
    json_t *o =
        json_pack("{s:f, s:o, s:I, s:s, s:s, s:o}", "day", bs_out_rounded(e->day, 2), "date",
                  k.on ? json_string(date_of(&k, e->day, date)) : json_null(), "spell",
                  (json_int_t)e->spell, "stage", bs_trace_stage_names[bs_trace_stage_of[e->code]],
                  "code", bs_trace_codes[e->code], "event", bs_out_json_text(e->text));
    if (json_array_append_new(ev, o)) {
      json_decref(ev);
      ev = NULL;
    }
  }
  return ev;
}

static json_t *spells_json(const bs_params *p, const story *s) {
  json_t *a = json_array();
  for (size_t i = 0; a && i < s->nsp; i++)
    if (json_array_append_new(a, traits_json(p, &s->sp[i]))) {
      json_decref(a);
      a = NULL;
    }
  return a;
}

static json_t *start_date_json(const bs_params *p) {
  return p->run.start_date[0] ? json_string(p->run.start_date) : json_null();
}

/* One scenario's story in JSON (in --compare). */
static json_t *story_json(const bs_params *p, const story *s) {
  return json_pack("{s:o, s:o, s:o, s:o}", "scenario", bs_out_json_text(p->run.name), "start_date",
                   start_date_json(p), "spells", spells_json(p, s), "events", events_json(p, s));
}

static int print_json(FILE *f, json_t *doc) {
  int ok = doc && bs_out_json(f, doc) == 0;
  if (!ok)
    cli_error("out of memory writing the trace");
  json_decref(doc);
  return ok ? 0 : 1;
}

/* ------------------------------------------------------------ HTML */

static void html_head(FILE *f, const char *title) {
  fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>",
        f);
  bs_html_escape(f, title);
  fputs("</title>\n<style>\n"
        "body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;margin:2em auto;"
        "max-width:60em;padding:0 1em;color:#222;line-height:1.45}\n"
        "h1{font-size:1.5em}h2{font-size:1.15em;margin-top:1.6em}\n"
        "table{border-collapse:collapse;width:100%}\n"
        "th,td{text-align:left;vertical-align:top;padding:.3em .5em;border-bottom:1px solid #ddd}\n"
        "th{background:#f2f2f2}td.num{text-align:right;white-space:nowrap}\n"
        "td.date{white-space:nowrap}\n"
        ".stage{display:inline-block;border-radius:.3em;padding:0 .4em;color:#fff;"
        "font-size:.85em;white-space:nowrap}\n"
        ".same{color:#777}\n"
        "dl{display:grid;grid-template-columns:max-content auto;gap:.2em 1em}dt{font-weight:600}\n"
        ".note{color:#555;font-size:.9em}\n"
        "@media print{body{margin:0;max-width:none}tr{break-inside:avoid}"
        ".stage{color:#000;border:1px solid #000;background:none!important}}\n"
        "@page{size:A4;margin:15mm}\n",
        f);
  /* a colour per stage: hues spread around the colour wheel */
  for (int s = 0; s < BS_TS_N; s++)
    fprintf(f, ".st-%s{background:hsl(%d,60%%,38%%)}\n", bs_trace_stage_names[s],
            s * 360 / BS_TS_N);
  fputs("</style>\n</head>\n<body>\n", f);
}

static void html_stage(FILE *f, int code) {
  int st = bs_trace_stage_of[code];
  fprintf(f, "<span class=\"stage st-%s\">", bs_trace_stage_names[st]);
  bs_html_escape(f, bs_trace_stage_labels[st]);
  fputs("</span>", f);
}

static void html_traits(FILE *f, const bs_params *p, const story *s) {
  fputs("<dl>\n", f);
  for (size_t i = 0; i < s->nsp; i++) {
    char t[512];
    traits_text(p, BS_LANG_EN, &s->sp[i], t, sizeof t);
    fprintf(f, "<dt>Spell %u%s</dt><dd>", s->sp[i].spell,
            s->sp[i].stock ? " (on benefit when the simulation starts)" : "");
    bs_html_escape(f, t);
    fputs("</dd>\n", f);
  }
  fputs("</dl>\n", f);
}

static void html_how_to_read(FILE *f, const bs_params *p) {
  fputs("<p class=\"note\">Each row is one event in the client's life on and around social "
        "assistance (bijstand). The client is synthetic: drawn by the simulation from the "
        "scenario's figures, not a real person. ",
        f);
  if (p->run.warmup_days > 0)
    fprintf(f,
            "Negative days are the %.0f days simulated before the results start (the "
            "burn-in). ",
            p->run.warmup_days);
  fputs("Dutch policy terms are in brackets.</p>\n", f);
}

/* The end of the introduction, who the client is, how to read the table,
 * and the table's first header cells (date, day). */
static void html_story_start(FILE *f, const bs_params *p, const story *s) {
  fputs("</p>\n<h2>Who</h2>\n", f);
  html_traits(f, p, s);
  fputs("<h2>What happens</h2>\n", f);
  html_how_to_read(f, p);
  fputs("<table>\n<thead><tr>", f);
  if (calendar_of(p).on)
    fputs("<th>Date</th>", f);
  fputs("<th>Day</th>", f);
}

static void print_html(FILE *f, const bs_params *p, const cli_opts *o, long client, const story *s,
                       const char *found) {
  calendar k = calendar_of(p);
  char title[256], date[11];
  snprintf(title, sizeof title, "Client %ld in scenario %s", client, p->run.name);
  html_head(f, title);
  fputs("<h1>", f);
  bs_html_escape(f, title);
  fputs("</h1>\n<p>", f);
  fprintf(f, "Seed %llu, replication %zu", (unsigned long long)o->seed, o->replication);
  if (k.on) {
    fputs("; day 0 is ", f);
    bs_html_escape(f, p->run.start_date);
  }
  if (found) {
    fputs(". Chosen as the first client who ", f);
    bs_html_escape(f, finders[finder_index(found)].meaning);
  }
  fputs(".", f);
  html_story_start(f, p, s);
  fputs("<th>Stage</th><th>Event</th></tr></thead>\n<tbody>\n", f);
  for (size_t i = 0; i < s->n; i++) {
    const tr_event *e = &s->ev[i];
    fputs("<tr>", f);
    if (k.on)
      fprintf(f, "<td class=\"date\">%s</td>", date_of(&k, e->day, date));
    fprintf(f, "<td class=\"num\">%.1f</td><td>", e->day);
    html_stage(f, e->code);
    fputs("</td><td>", f);
    bs_html_escape(f, e->text);
    fputs("</td></tr>\n", f);
  }
  fputs("</tbody>\n</table>\n<p class=\"note\">Written by bijsim " BIJSIM_VERSION
        " (bijsim trace).</p>\n</body>\n</html>\n",
        f);
}

/* ------------------------------------------------------------ one client */

/* Finds the first client with finder f: its number, or -1 (with a message). */
static long find_client(const bs_params *p, const cli_opts *o, int f, long *persons_out) {
  census cs = {0};
  uint32_t persons = 0;
  long found = -1;
  if (trace_world(p, o, BS_TRACE_ALL, census_sink, &cs, &persons) == 0) {
    if (cs.oom)
      cli_error("out of memory finding a client");
    for (size_t i = 0; !cs.oom && i < cs.n && found < 0; i++)
      if (cs.c[i].props & (1u << f))
        found = (long)i;
  }
  free(cs.c);
  *persons_out = persons;
  return found;
}

/* --client past the last one: an error (nothing on stdout). */
static int check_client(const bs_params *p, const cli_opts *o, long client, uint32_t persons) {
  if ((uint64_t)client < persons)
    return 0;
  char line[512];
  snprintf(line, sizeof line,
           "bijsim: --client %ld: scenario '%s' has clients 0 to %ld with seed %llu, "
           "replication %zu (the initial stock and the applicants within the horizon)",
           client, p->run.name, (long)persons - 1, (unsigned long long)o->seed, o->replication);
  cli_print_clean(stderr, line);
  return 2;
}

/* The property's client, announced on stderr (stdout holds the trace alone). */
static int resolve_find(const bs_params *p, const cli_opts *o, long *client) {
  int f = finder_index(o->find);
  long persons;
  *client = find_client(p, o, f, &persons);
  if (*client < 0) {
    if (persons > 0)
      cli_error("--find %s: no client in scenario '%s' %s (seed %llu, replication %zu)", o->find,
                p->run.name, finders[f].meaning, (unsigned long long)o->seed, o->replication);
    return 1;
  }
  if (!o->quiet)
    cli_note("--find %s: client %ld is the first who %s", o->find, *client, finders[f].meaning);
  return 0;
}

static int trace_one(const cli_opts *o) {
  bs_params p;
  if (cli_load(o->pos[0], &p) != 0)
    return 1;
  long client = o->client;
  if (o->find && resolve_find(&p, o, &client) != 0)
    return 1;
  /* the text is in the trace's language; JSON and HTML keep the English */
  story s = {.lang = o->format == CLI_FORMAT_JSON || o->format == CLI_FORMAT_HTML
                         ? BS_LANG_EN
                         : trace_lang(&p, o)};
  uint32_t persons;
  int rc = trace_world(&p, o, (uint32_t)client, story_sink, &s, &persons);
  if (rc == 0 && s.oom) {
    cli_error("out of memory collecting the trace");
    rc = 1;
  }
  if (rc == 0)
    rc = check_client(&p, o, client, persons);
  if (rc == 0) {
    if (o->format == CLI_FORMAT_JSON) {
      rc = print_json(stdout, json_pack("{s:o, s:o, s:I, s:I, s:o, s:o, s:o, s:o}", "scenario",
                                        bs_out_json_text(p.run.name), "seed",
                                        bs_out_json_u64(o->seed), "replication",
                                        (json_int_t)o->replication, "client", (json_int_t)client,
                                        "found", o->find ? json_string(o->find) : json_null(),
                                        "start_date", start_date_json(&p), "spells",
                                        spells_json(&p, &s), "events", events_json(&p, &s)));
    } else if (o->format == CLI_FORMAT_HTML) {
      print_html(stdout, &p, o, client, &s, o->find);
    } else {
      print_text(stdout, &p, o, client, &s);
    }
  }
  story_free(&s);
  return rc;
}

/* ------------------------------------------------------------ --list */

static void properties_text(unsigned props, char *buf, size_t len) {
  size_t n = 0;
  buf[0] = 0;
  for (int f = 0; f < NFINDERS; f++)
    if (props & (1u << f))
      n += (size_t)snprintf(buf + n, n < len ? len - n : 0, "%s%s", n ? "," : "", finders[f].name);
  if (!n)
    snprintf(buf, len, "-");
}

static const char *end_text(const tr_client *t) {
  if (t->on_benefit)
    return "on benefit";
  if (t->route >= 0)
    return bs_route_names[t->route];
  return "applying";
}

static int trace_list(const cli_opts *o) {
  bs_params p;
  if (cli_load(o->pos[0], &p) != 0)
    return 1;
  census cs = {0};
  uint32_t persons;
  int rc = trace_world(&p, o, BS_TRACE_ALL, census_sink, &cs, &persons);
  if (rc == 0 && cs.oom) {
    cli_error("out of memory listing the clients");
    rc = 1;
  }
  calendar k = calendar_of(&p);
  if (rc == 0 && o->format == CLI_FORMAT_JSON) {
    json_t *list = json_array();
    for (size_t i = 0; list && i < cs.n; i++) {
      const tr_client *t = &cs.c[i];
      if (!t->seen)
        continue;
      json_t *props = json_array();
      for (int f = 0; props && f < NFINDERS; f++)
        if ((t->props & (1u << f)) && json_array_append_new(props, json_string(finders[f].name)))
          break;
      if (json_array_append_new(
              list,
              json_pack("{s:I, s:s, s:f, s:I, s:I, s:s, s:o}", "client", (json_int_t)i, "origin",
                        t->stock ? "initial_stock" : "applicant", "first_day",
                        bs_out_rounded(t->first_day, 2), "spells", (json_int_t)t->spells, "events",
                        (json_int_t)t->events, "end", end_text(t), "properties", props))) {
        json_decref(list);
        list = NULL;
      }
    }
    rc =
        print_json(stdout, json_pack("{s:o, s:o, s:I, s:o}", "scenario",
                                     bs_out_json_text(p.run.name), "seed", bs_out_json_u64(o->seed),
                                     "replication", (json_int_t)o->replication, "clients", list));
  } else if (rc == 0) {
    char line[512];
    snprintf(line, sizeof line,
             "%u clients, scenario '%s', seed %llu, replication %zu; properties: see "
             "'bijsim trace --help'",
             persons, p.run.name, (unsigned long long)o->seed, o->replication);
    cli_print_clean(stdout, line);
    printf("%7s  %-9s %8s %s%-10s %6s %6s  %-17s %s\n", "client", "origin", "first", "",
           k.on ? "date" : "", "spells", "events", "end", "properties");
    for (size_t i = 0; i < cs.n; i++) {
      const tr_client *t = &cs.c[i];
      char date[11], props[128];
      if (!t->seen)
        continue;
      properties_text(t->props, props, sizeof props);
      printf("%7zu  %-9s %8.1f %-10s %6u %6u  %-17s %s\n", i, t->stock ? "stock" : "applicant",
             t->first_day, date_of(&k, t->first_day, date), t->spells, t->events, end_text(t),
             props);
    }
  }
  free(cs.c);
  return rc;
}

/* ------------------------------------------------------------ --compare */

/* One row of the side-by-side view: an event of A, of B, or one both share. */
typedef struct pair_row {
  const tr_event *a, *b;
} pair_row;

static int same_event(const tr_event *a, const tr_event *b) {
  return a->code == b->code && fabs(a->day - b->day) < 1e-9 && !strcmp(a->text, b->text);
}

/* The two timelines merged by day: shared events on one row. */
static pair_row *merge_rows(const story *a, const story *b, size_t *n) {
  pair_row *rows = malloc((a->n + b->n + 1) * sizeof *rows);
  size_t i = 0, j = 0, m = 0;
  if (!rows)
    return NULL;
  while (i < a->n || j < b->n) {
    if (i < a->n && j < b->n && same_event(&a->ev[i], &b->ev[j]))
      rows[m++] = (pair_row){&a->ev[i++], &b->ev[j++]};
    else if (j >= b->n || (i < a->n && a->ev[i].day <= b->ev[j].day))
      rows[m++] = (pair_row){&a->ev[i++], NULL};
    else
      rows[m++] = (pair_row){NULL, &b->ev[j++]};
  }
  *n = m;
  return rows;
}

enum { COL = 46 };

/* The next piece of s that fits in COL columns (broken at a space); returns
 * the rest. */
static const char *take_piece(const char *s, char out[COL + 1]) {
  size_t len = strlen(s);
  if (len <= COL) {
    memcpy(out, s, len + 1);
    return s + len;
  }
  size_t cut = COL;
  while (cut > COL / 2 && s[cut] != ' ')
    cut--;
  if (s[cut] != ' ')
    cut = COL;
  memcpy(out, s, cut);
  out[cut] = 0;
  return s + cut + (s[cut] == ' ');
}

/* One row of the side-by-side text: day (or blank), date, the two columns;
 * no trailing blanks. */
static void pair_line(FILE *f, const char *day, const char *date, const char *a, const char *b) {
  char line[256];
  snprintf(line, sizeof line, "%7s  %-10s  %-*s | %s", day, date, (int)COL, a, b);
  size_t n = strlen(line);
  while (n && line[n - 1] == ' ')
    line[--n] = 0;
  fprintf(f, "%s\n", line);
}

static void print_pair_text(FILE *f, const bs_params *pa, const bs_params *pb, const cli_opts *o,
                            long client, const pair_row *rows, size_t n) {
  calendar k = calendar_of(pa);
  char line[1024], date[11];
  snprintf(line, sizeof line,
           "client %ld, seed %llu, replication %zu: scenario '%s' (left) and '%s' (right)%s%s%s",
           client, (unsigned long long)o->seed, o->replication, pa->run.name, pb->run.name,
           k.on ? "; day 0 is " : "", k.on ? pa->run.start_date : "", "");
  cli_print_clean(f, line);
  char ha[COL + 1], hb[COL + 1];
  snprintf(ha, sizeof ha, "%.*s", (int)COL, pa->run.name);
  snprintf(hb, sizeof hb, "%.*s", (int)COL, pb->run.name);
  bs_out_clean_text(ha, sizeof ha, ha);
  bs_out_clean_text(hb, sizeof hb, hb);
  pair_line(f, "day", k.on ? "date" : "", ha, hb);
  for (size_t r = 0; r < n; r++) {
    const tr_event *e = rows[r].a ? rows[r].a : rows[r].b;
    char ca[600] = "", cb[600] = "";
    if (rows[r].a)
      bs_out_clean_text(ca, sizeof ca, rows[r].a->text);
    if (rows[r].b)
      bs_out_clean_text(cb, sizeof cb, rows[r].b->text);
    const char *ra = ca, *rb = cb;
    int first = 1;
    while (first || *ra || *rb) {
      char pa_[COL + 1], pb_[COL + 1];
      ra = take_piece(ra, pa_);
      rb = take_piece(rb, pb_);
      char day[32];
      snprintf(day, sizeof day, "%.1f", e->day);
      pair_line(f, first ? day : "", first ? date_of(&k, e->day, date) : "", pa_, pb_);
      first = 0;
    }
  }
  char day[32];
  snprintf(day, sizeof day, "%.1f", pa->run.horizon_days);
  pair_line(f, day, date_of(&k, pa->run.horizon_days, date), "end of the simulated period",
            "end of the simulated period");
}

static void print_pair_html(FILE *f, const bs_params *pa, const bs_params *pb, const cli_opts *o,
                            long client, const story *sa, const pair_row *rows, size_t n) {
  calendar k = calendar_of(pa);
  char title[256], date[11];
  snprintf(title, sizeof title, "Client %ld in %s and in %s", client, pa->run.name, pb->run.name);
  html_head(f, title);
  fputs("<h1>", f);
  bs_html_escape(f, title);
  fprintf(f,
          "</h1>\n<p>Seed %llu, replication %zu. The same person, with the same traits and "
          "the same luck, lives through both policies (common random numbers): where the rows "
          "differ, the policy made the difference. Events both share span both columns.",
          (unsigned long long)o->seed, o->replication);
  if (k.on) {
    fputs(" Day 0 is ", f);
    bs_html_escape(f, pa->run.start_date);
    fputs(".", f);
  }
  html_story_start(f, pa, sa);
  fputs("<th>", f);
  bs_html_escape(f, pa->run.name);
  fputs("</th><th>", f);
  bs_html_escape(f, pb->run.name);
  fputs("</th></tr></thead>\n<tbody>\n", f);
  for (size_t r = 0; r < n; r++) {
    const tr_event *e = rows[r].a ? rows[r].a : rows[r].b;
    fputs("<tr>", f);
    if (k.on)
      fprintf(f, "<td class=\"date\">%s</td>", date_of(&k, e->day, date));
    fprintf(f, "<td class=\"num\">%.1f</td>", e->day);
    if (rows[r].a && rows[r].b) {
      fputs("<td colspan=\"2\" class=\"same\">", f);
      html_stage(f, e->code);
      fputs(" ", f);
      bs_html_escape(f, e->text);
      fputs("</td>", f);
    } else {
      for (int side = 0; side < 2; side++) {
        const tr_event *x = side ? rows[r].b : rows[r].a;
        fputs("<td>", f);
        if (x) {
          html_stage(f, x->code);
          fputs(" ", f);
          bs_html_escape(f, x->text);
        }
        fputs("</td>", f);
      }
    }
    fputs("</tr>\n", f);
  }
  fputs("</tbody>\n</table>\n<p class=\"note\">Written by bijsim " BIJSIM_VERSION
        " (bijsim trace --compare).</p>\n</body>\n</html>\n",
        f);
}

static int trace_compare(const cli_opts *o) {
  bs_params *p = malloc(2 * sizeof *p);
  story s[2] = {{0}, {0}};
  pair_row *rows = NULL;
  int rc = 1;
  if (!p) {
    cli_error("out of memory");
    return 1;
  }
  if (cli_load(o->pos[0], &p[0]) != 0 || cli_load(o->pos[1], &p[1]) != 0)
    goto done;
  long client = o->client;
  if (o->find) { /* the first client with the property in either scenario */
    long c0, c1;
    int f = finder_index(o->find);
    long persons0, persons1;
    c0 = find_client(&p[0], o, f, &persons0);
    c1 = find_client(&p[1], o, f, &persons1);
    client = c0 < 0 ? c1 : c1 < 0 ? c0 : (c0 < c1 ? c0 : c1);
    if (client < 0) {
      if (persons0 > 0 && persons1 > 0)
        cli_error("--find %s: no client in scenario '%s' or '%s' %s (seed %llu, replication %zu)",
                  o->find, p[0].run.name, p[1].run.name, finders[f].meaning,
                  (unsigned long long)o->seed, o->replication);
      goto done;
    }
    if (!o->quiet)
      cli_note("--find %s: client %ld is the first who %s (in '%s')", o->find, client,
               finders[f].meaning, client == c0 ? p[0].run.name : p[1].run.name);
  }
  for (int k = 0; k < 2; k++) {
    uint32_t persons;
    if (trace_world(&p[k], o, (uint32_t)client, story_sink, &s[k], &persons) != 0)
      goto done;
    if (s[k].oom) {
      cli_error("out of memory collecting the trace");
      goto done;
    }
    if ((rc = check_client(&p[k], o, client, persons)) != 0)
      goto done;
    rc = 1;
  }
  size_t n = 0;
  if (!(rows = merge_rows(&s[0], &s[1], &n))) {
    cli_error("out of memory");
    goto done;
  }
  if (o->format == CLI_FORMAT_JSON) {
    json_t *doc = json_pack("{s:I, s:o, s:I, s:o, s:[o, o]}", "client", (json_int_t)client, "seed",
                            bs_out_json_u64(o->seed), "replication", (json_int_t)o->replication,
                            "found", o->find ? json_string(o->find) : json_null(), "scenarios",
                            story_json(&p[0], &s[0]), story_json(&p[1], &s[1]));
    rc = print_json(stdout, doc);
  } else if (o->format == CLI_FORMAT_HTML) {
    print_pair_html(stdout, &p[0], &p[1], o, client, &s[0], rows, n);
    rc = 0;
  } else {
    print_pair_text(stdout, &p[0], &p[1], o, client, rows, n);
    rc = 0;
  }
done:
  free(rows);
  story_free(&s[0]);
  story_free(&s[1]);
  free(p);
  return rc;
}

/* ------------------------------------------------------------ the command */

int cmd_trace(int argc, char **argv) {
  cli_opts o;
  int st = cli_begin("trace", argc, argv,
                     OPT_SEED | OPT_CLIENT | OPT_REPLICATION | OPT_FORMAT | OPT_FIND | OPT_LIST |
                         OPT_COMPARE | OPT_QUIET | OPT_LANG,
                     usage, &o);
  if (st != CLI_GO_ON)
    return st;
  size_t want = o.compare ? 2 : 1;
  int picks = (o.client >= 0) + (o.find != NULL) + o.list;
  if (o.npos != want) {
    cli_error(o.compare ? "trace --compare needs two scenario files (see 'bijsim trace --help')"
                        : "trace needs one scenario file (see 'bijsim trace --help')");
    return 2;
  }
  if (picks != 1 || (o.compare && o.list)) {
    cli_error(picks == 0 ? "trace needs --client N, --find PROPERTY or --list (see 'bijsim trace "
                           "--help')"
              : o.compare && o.list
                  ? "trace --compare takes --client N or --find PROPERTY, not --list"
                  : "trace takes one of --client, --find and --list");
    return 2;
  }
  if (o.find && finder_index(o.find) < 0) {
    char names[256];
    size_t n = 0;
    for (int k = 0; k < NFINDERS; k++)
      n += (size_t)snprintf(names + n, sizeof names - n, "%s%s", k ? ", " : "", finders[k].name);
    cli_error("--find: unknown property '%s' (one of %s)", o.find, names);
    return 2;
  }
  if (o.list && o.format == CLI_FORMAT_HTML) {
    cli_error("trace --list prints text or json, not html");
    return 2;
  }
  if (o.list)
    return trace_list(&o);
  return o.compare ? trace_compare(&o) : trace_one(&o);
}
