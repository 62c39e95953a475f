/* test_trace.c: pins down `bijsim trace` (the client journey for training):
 * the same client, scenario and seed always tell the same story, byte for
 * byte (text and JSON); the story names the chain's stages with the Dutch
 * terms (kansmeter phase, uitkeringsintake ...); the JSON form is valid JSON
 * with one object per event, also when the scenario and provider names hold a
 * tab, quotes, a backslash or non-ASCII letters (they read back as written);
 * a missing --client is a one-line error; with --lang nl the day, the
 * stages and the event sentences are in Dutch (every stage has its term and
 * every trace code its Dutch format, with the English format's conversions,
 * in the catalogue), while JSON keeps the English sentences. */
#include "analysis/lang.h"
#include "test_cli_util.h"

#include "models/date.h"
#include "models/world.h"

#include <criterion/criterion.h>
#include <jansson.h>
#include <math.h>
#include <stdarg.h>
#include <string.h>

#define SMALL "tests/data/analysis/small.yaml"
#define AWKWARD "tests/data/analysis/awkward.yaml"
/* an applicant (ids 0-299 are the initial stock) who reaches the work intake */
#define CLIENT "302"

Test(trace, same_client_same_story, .timeout = 60) {
  char *a = NULL, *b = NULL, *c = NULL;
  cr_assert_eq(run_bijsim("trace " SMALL " --client " CLIENT " --seed 3", &a, NULL), 0);
  cr_assert_eq(run_bijsim("trace " SMALL " --client " CLIENT " --seed 3", &b, NULL), 0);
  cr_assert(a && b);
  cr_assert_str_eq(a, b, "two runs told different stories");
  cr_assert_gt(count_lines(a), 4, "a short story: %s", a);
  /* another seed is another world: another story for the same number */
  cr_assert_eq(run_bijsim("trace " SMALL " --client " CLIENT " --seed 4", &c, NULL), 0);
  cr_assert_str_neq(a, c);
  free(a);
  free(b);
  free(c);
}

Test(trace, story_uses_the_domain_terms, .timeout = 60) {
  char *out = NULL;
  cr_assert_eq(run_bijsim("trace " SMALL " --client " CLIENT, &out, NULL), 0);
  cr_assert(strstr(out, "client " CLIENT ", scenario 'small', seed 1, replication 0"), "%s", out);
  cr_assert(strstr(out, "kansmeter phase"), "no kansmeter phase in:\n%s", out);
  cr_assert(strstr(out, "work intake (werkintake)"), "%s", out);
  cr_assert(strstr(out, "claim intake (uitkeringsintake)"), "%s", out);
  cr_assert(strstr(out, "on benefit (bijstand)"), "%s", out);
  /* the client's traits, then every event line starts with the day */
  const char *line = strchr(out, '\n') + 1;
  cr_assert(!strncmp(line, "  spell 0: age ", 15), "no traits line: %.80s", line);
  for (line = strchr(line, '\n') + 1; *line; line = strchr(line, '\n') + 1)
    cr_assert(!strncmp(line, "day ", 4), "line without a day: %.60s", line);
  free(out);
}

Test(trace, json_is_valid_and_deterministic, .timeout = 60) {
  char *a = NULL, *b = NULL;
  cr_assert_eq(run_bijsim("trace " SMALL " --client " CLIENT " --format json", &a, NULL), 0);
  cr_assert_eq(run_bijsim("trace " SMALL " --client " CLIENT " --format json", &b, NULL), 0);
  cr_assert_str_eq(a, b);
  json_error_t jerr;
  json_t *doc = json_loads(a, 0, &jerr);
  cr_assert(doc, "trace:%d:%d: %s\n%s", jerr.line, jerr.column, jerr.text, a);
  json_t *ev = json_object_get(doc, "events");
  cr_assert(json_is_array(ev) && json_array_size(ev) > 4);
  cr_assert_eq(json_integer_value(json_object_get(doc, "client")), 302);
  int kansmeter = 0;
  size_t i;
  json_t *e;
  json_array_foreach(ev, i, e) {
    cr_assert(json_is_real(json_object_get(e, "day")) && json_object_get(e, "stage") &&
              json_object_get(e, "event"));
    kansmeter |= strstr(json_string_value(json_object_get(e, "event")), "kansmeter phase") != NULL;
  }
  cr_assert(kansmeter);
  json_decref(doc);
  free(a);
  free(b);
}

Test(trace, json_with_awkward_names, .timeout = 120) {
  static const char *const providers[] = {"tab\there", "quote\" and \\ backslash",
                                          "Súdwest-Fryslân"};
  enum { NPROV = sizeof providers / sizeof providers[0] };
  int seen[NPROV] = {0}, all = 0;
  /* applicants (ids from 300) until each provider has made an offer */
  for (int client = 300; client < 340 && !all; client++) {
    char args[256], *out = NULL;
    snprintf(args, sizeof args, "trace " AWKWARD " --client %d --format json", client);
    cr_assert_eq(run_bijsim(args, &out, NULL), 0, "%s", args);
    json_error_t jerr;
    json_t *doc = json_loads(out, 0, &jerr);
    cr_assert(doc, "client %d: %d:%d: %s\n%s", client, jerr.line, jerr.column, jerr.text, out);
    cr_assert_str_eq(json_string_value(json_object_get(doc, "scenario")), "awkward-name_1.0");
    size_t i;
    json_t *e;
    json_array_foreach(json_object_get(doc, "events"), i, e) {
      const char *text = json_string_value(json_object_get(e, "event"));
      cr_assert(text);
      for (int k = 0; k < NPROV; k++)
        seen[k] |= strstr(text, providers[k]) != NULL;
    }
    all = 1;
    for (int k = 0; k < NPROV; k++)
      all &= seen[k];
    json_decref(doc);
    free(out);
  }
  for (int k = 0; k < NPROV; k++)
    cr_assert(seen[k], "no offer at provider '%s' in the traces", providers[k]);
}

Test(trace, missing_client_is_an_error) {
  char *err = NULL;
  cr_assert_eq(run_bijsim("trace " SMALL, NULL, &err), 2);
  cr_assert(err && strstr(err, "--client"), "%s", err);
  cr_assert_eq(count_lines(err), 1, "%s", err);
  free(err);
}

/* ------------------------------------------------------------ the trainers' tools
 * The finders, the list, the side-by-side view, dates, codes and traits, the
 * classroom page. No client number is written down here: the engine's draws
 * may change, so each test finds its client through the tool and then checks
 * the property in the client's own trace. */

#define BASELINE "scenarios/baseline.yaml"

/* Runs bijsim with args and parses stdout as JSON (asserting it exits 0). */
static json_t *run_json(const char *args) {
  char *out = NULL, *err = NULL;
  int rc = run_bijsim(args, &out, &err);
  cr_assert_eq(rc, 0, "bijsim %s: exit %d: %s", args, rc, err ? err : "");
  json_error_t jerr;
  json_t *doc = json_loads(out ? out : "", 0, &jerr);
  cr_assert(doc, "bijsim %s: %d:%d: %s", args, jerr.line, jerr.column, jerr.text);
  free(out);
  free(err);
  return doc;
}

/* Does the events array hold an event with one of the codes? */
static int has_code(const json_t *events, const char *const *codes) {
  size_t i;
  json_t *e;
  json_array_foreach(events, i, e) {
    const char *c = json_string_value(json_object_get(e, "code"));
    for (const char *const *k = codes; *k; k++)
      if (c && !strcmp(c, *k))
        return 1;
  }
  return 0;
}

/* What each property means, in codes: written out here from the issue's
 * definitions, independently of app/cmd_trace.c's table. */
static const struct {
  const char *property, *scenario;
  const char *codes[5];
} properties[] = {
    {"sanctioned", BASELINE, {"maatregel", "suspended", "fraud_stopped", "fraud_recovered", NULL}},
    {"work_first", "scenarios/work_first.yaml", {"wf_placed", NULL}},
    {"activation", BASELINE, {"act_starts", NULL}},
    {"signal_lost", "scenarios/separate.yaml", {"signal_lost", NULL}},
    {"long_term", BASELINE, {"long_term", NULL}},
    {"fraud", BASELINE, {"fraud_stopped", "fraud_recovered", NULL}},
};

Test(trace_find, each_finder_returns_the_first_client_with_the_property, .timeout = 240) {
  for (size_t k = 0; k < sizeof properties / sizeof properties[0]; k++) {
    char args[512];
    snprintf(args, sizeof args, "trace %s --find %s --seed 3 --format json", properties[k].scenario,
             properties[k].property);
    json_t *doc = run_json(args);
    long client = (long)json_integer_value(json_object_get(doc, "client"));
    cr_assert_str_eq(json_string_value(json_object_get(doc, "found")), properties[k].property);
    cr_assert(has_code(json_object_get(doc, "events"), properties[k].codes),
              "--find %s gave client %ld, whose trace does not show it", properties[k].property,
              client);
    /* the same story as --client N */
    snprintf(args, sizeof args, "trace %s --client %ld --seed 3 --format json",
             properties[k].scenario, client);
    json_t *same = run_json(args);
    cr_assert(json_equal(json_object_get(doc, "events"), json_object_get(same, "events")));
    /* the first in id order: no client before it shows the property */
    snprintf(args, sizeof args, "trace %s --list --seed 3 --format json", properties[k].scenario);
    json_t *list = run_json(args);
    size_t i;
    json_t *c;
    json_array_foreach(json_object_get(list, "clients"), i, c) {
      long id = (long)json_integer_value(json_object_get(c, "client"));
      if (id > client)
        break;
      int has = 0;
      size_t j;
      json_t *p;
      json_array_foreach(json_object_get(c, "properties"), j, p) has |=
          !strcmp(json_string_value(p), properties[k].property);
      cr_assert_eq(has, id == client, "%s: client %ld %s the property (found: %ld)",
                   properties[k].property, id, has ? "has" : "lacks", client);
    }
    /* ... and one before it really lacks it (its own trace) */
    if (client > 0) {
      snprintf(args, sizeof args, "trace %s --client %ld --seed 3 --format json",
               properties[k].scenario, client - 1);
      json_t *before = run_json(args);
      cr_assert(!has_code(json_object_get(before, "events"), properties[k].codes),
                "%s: client %ld has it, yet %ld was found", properties[k].property, client - 1,
                client);
      json_decref(before);
    }
    json_decref(list);
    json_decref(same);
    json_decref(doc);
  }
}

Test(trace_find, unknown_property_or_none_found_is_an_error, .timeout = 60) {
  char *out = NULL, *err = NULL;
  cr_assert_eq(run_bijsim("trace " BASELINE " --find sanctionned", &out, &err), 2);
  cr_assert(err && strstr(err, "unknown property 'sanctionned'") && strstr(err, "signal_lost"),
            "%s", err);
  cr_assert_str_empty(out);
  free(out);
  free(err);
  /* integral case management loses no signal */
  cr_assert_eq(run_bijsim("trace scenarios/integral.yaml --find signal_lost", &out, &err), 1);
  cr_assert(err && strstr(err, "no client"), "%s", err);
  cr_assert_str_empty(out);
  free(out);
  free(err);
}

Test(trace_list, one_line_per_client_and_the_last_one_is_the_limit, .timeout = 60) {
  char *out = NULL;
  cr_assert_eq(run_bijsim("trace " SMALL " --list", &out, NULL), 0);
  unsigned persons = 0;
  cr_assert_eq(sscanf(out, "%u clients", &persons), 1, "%.100s", out);
  cr_assert_gt(persons, 300, "the stock alone is 300");
  /* a title, a header, then one line per client, numbered 0 .. persons-1 */
  cr_assert_eq(count_lines(out), persons + 2);
  const char *line = strchr(strchr(out, '\n') + 1, '\n') + 1;
  for (unsigned id = 0; id < persons; id++) {
    unsigned n;
    cr_assert_eq(sscanf(line, "%u", &n), 1);
    cr_assert_eq(n, id);
    cr_assert(!strncmp(line + 9, id < 300 ? "stock" : "applicant", id < 300 ? 5 : 9), "%.60s",
              line);
    line = strchr(line, '\n') + 1;
  }
  free(out);
  /* the last client traces; the one after is an error with nothing on stdout */
  char args[256], *err = NULL;
  snprintf(args, sizeof args, "trace " SMALL " --client %u", persons - 1);
  cr_assert_eq(run_bijsim(args, &out, NULL), 0);
  cr_assert_gt(count_lines(out), 3);
  free(out);
  snprintf(args, sizeof args, "trace " SMALL " --client %u", persons);
  cr_assert_eq(run_bijsim(args, &out, &err), 2);
  cr_assert_str_empty(out);
  char expect[128];
  snprintf(expect, sizeof expect, "--client %u: scenario 'small' has clients 0 to %u", persons,
           persons - 1);
  cr_assert(err && strstr(err, expect), "%s", err);
  cr_assert_eq(count_lines(err), 1, "%s", err);
  free(out);
  free(err);
}

Test(trace_compare, the_same_person_side_by_side, .timeout = 120) {
  json_t *doc = run_json("trace --compare scenarios/integral.yaml scenarios/separate.yaml --find "
                         "signal_lost --format json");
  long client = (long)json_integer_value(json_object_get(doc, "client"));
  json_t *sc = json_object_get(doc, "scenarios");
  cr_assert_eq(json_array_size(sc), 2);
  json_t *a = json_array_get(sc, 0), *b = json_array_get(sc, 1);
  cr_assert_str_eq(json_string_value(json_object_get(a, "scenario")), "integral");
  cr_assert_str_eq(json_string_value(json_object_get(b, "scenario")), "separate");
  static const char *const lost[] = {"signal_lost", NULL};
  cr_assert(has_code(json_object_get(b, "events"), lost), "separate loses client %ld's signal",
            client);
  cr_assert(!has_code(json_object_get(a, "events"), lost), "integral loses no signal");
  /* the same person: the same traits and the same first event */
  cr_assert(json_equal(
      json_object_get(a, "spells") ? json_array_get(json_object_get(a, "spells"), 0) : NULL,
      json_array_get(json_object_get(b, "spells"), 0)));
  cr_assert(json_equal(json_array_get(json_object_get(a, "events"), 0),
                       json_array_get(json_object_get(b, "events"), 0)));
  json_decref(doc);
  /* as text: two columns, the lost signal on the right */
  char args[256], *out = NULL;
  snprintf(args, sizeof args,
           "trace --compare scenarios/integral.yaml scenarios/separate.yaml --client %ld", client);
  cr_assert_eq(run_bijsim(args, &out, NULL), 0);
  const char *hit = strstr(out, "the signal is lost");
  cr_assert(hit, "%s", out);
  const char *bol = hit;
  while (bol > out && bol[-1] != '\n')
    bol--;
  const char *bar = strstr(bol, " | ");
  cr_assert(bar && bar < hit, "the lost signal is in the right-hand column:\n%s", out);
  cr_assert(strstr(out, "scenario 'integral' (left) and 'separate' (right)"), "%s", out);
  free(out);
}

Test(trace_dates, calendar_dates_from_the_start_date, .timeout = 60) {
  long d;
  cr_assert_eq(bs_date_parse("1970-01-01", &d), 0);
  cr_assert_eq(d, 0);
  cr_assert_eq(bs_date_parse("2002-01-01", &d), 0);
  cr_assert_eq(d, 11688); /* 32 years, 8 of them leap years */
  cr_assert_eq(bs_date_parse("2000-02-29", &d), 0);
  cr_assert_neq(bs_date_parse("2001-02-29", &d), 0);
  cr_assert_neq(bs_date_parse("1900-02-29", &d), 0);
  cr_assert_neq(bs_date_parse("2002-13-01", &d), 0);
  cr_assert_neq(bs_date_parse("2002-1-01", &d), 0);
  /* every day of four centuries reads back */
  for (long day = -200000; day < 200000; day += 7) {
    char s[11];
    long back;
    bs_date_format(day, s);
    cr_assert_eq(bs_date_parse(s, &back), 0, "%ld -> %s", day, s);
    cr_assert_eq(back, day, "%ld -> %s -> %ld", day, s, back);
  }
  /* the trace: day 0 is the baseline's 1 January 2002; day -730 of the
   * burn-in (the initial stock's admission) is 2 January 2000 */
  char *out = NULL;
  cr_assert_eq(run_bijsim("trace " BASELINE " --client 0", &out, NULL), 0);
  cr_assert(strstr(out, "(day 0 is 2002-01-01)"), "%s", out);
  cr_assert(strstr(out, "\nday  -730.0  2000-01-02  gatekeeping"), "%s", out);
  cr_assert(strstr(out, "\nday  1096.0  2005-01-01  horizon"), "%s", out);
  free(out);
  /* JSON: each event's date is day 0 + floor(day) */
  json_t *doc = run_json("trace " BASELINE " --find long_term --format json");
  cr_assert_str_eq(json_string_value(json_object_get(doc, "start_date")), "2002-01-01");
  size_t i;
  json_t *e;
  json_array_foreach(json_object_get(doc, "events"), i, e) {
    double day = json_real_value(json_object_get(e, "day"));
    char want[11];
    bs_date_format(11688 + (long)floor(day), want);
    cr_assert_str_eq(json_string_value(json_object_get(e, "date")), want, "day %.2f", day);
  }
  json_decref(doc);
}

Test(trace_codes, json_events_carry_codes_and_the_client_traits, .timeout = 60) {
  json_t *doc = run_json("trace " SMALL " --client " CLIENT " --format json");
  size_t i;
  json_t *e;
  json_array_foreach(json_object_get(doc, "events"), i, e) {
    const char *code = json_string_value(json_object_get(e, "code"));
    cr_assert(code && bs_trace_code_index(code) >= 0, "unknown code %s", code ? code : "(none)");
    int k = bs_trace_code_index(code);
    cr_assert_str_eq(json_string_value(json_object_get(e, "stage")),
                     bs_trace_stage_names[bs_trace_stage_of[k]]);
  }
  /* the traits of the first spell, as the application's sentence tells them */
  json_t *sp = json_array_get(json_object_get(doc, "spells"), 0);
  cr_assert(sp);
  json_t *first = json_array_get(json_object_get(doc, "events"), 0);
  cr_assert_str_eq(json_string_value(json_object_get(first, "code")), "apply");
  char want[128];
  snprintf(want, sizeof want, "applies for bijstand (age %.1f, distance %.2f, ladder rung %lld)",
           json_real_value(json_object_get(sp, "age_years")),
           json_real_value(json_object_get(sp, "distance")),
           json_integer_value(json_object_get(sp, "ladder_rung")));
  cr_assert_str_eq(json_string_value(json_object_get(first, "event")), want);
  static const char *const traits[] = {"age_band",     "household",  "distance_band",
                                       "problems",     "compliance", "fraud_propensity",
                                       "initial_stock"};
  for (size_t k = 0; k < sizeof traits / sizeof traits[0]; k++)
    cr_assert(json_object_get(sp, traits[k]), "no trait %s", traits[k]);
  cr_assert(json_is_false(json_object_get(sp, "initial_stock")));
  json_decref(doc);
}

/* Every sanction names the violation it answers, and that violation came
 * before it in the same spell; no spell has two exit lines. */
static void check_story(const json_t *events, const char *who) {
  enum { MAXV = 256 };
  long seen_spell[MAXV];
  for (int k = 0; k < MAXV; k++)
    seen_spell[k] = -1;
  long left_spell = -1;
  size_t i;
  json_t *e;
  json_array_foreach(events, i, e) {
    const char *code = json_string_value(json_object_get(e, "code"));
    const char *text = json_string_value(json_object_get(e, "event"));
    const char *stage = json_string_value(json_object_get(e, "stage"));
    long spell = (long)json_integer_value(json_object_get(e, "spell"));
    unsigned n;
    cr_assert(left_spell != spell, "%s: an event after the exit of spell %ld: %s", who, spell,
              text);
    if (!strcmp(code, "violation")) {
      cr_assert_eq(sscanf(text, "violation %u:", &n), 1, "%s", text);
      if (n < MAXV)
        seen_spell[n] = spell;
    } else if (!strcmp(stage, "sanctions") && strstr(code, "threat") == NULL &&
               strcmp(code, "enforced")) {
      const char *v = strstr(text, "violation ");
      cr_assert(v && sscanf(v, "violation %u", &n) == 1, "%s: %s names no violation", who, text);
      cr_assert(n < MAXV && seen_spell[n] == spell,
                "%s: %s answers violation %u, not seen in spell %ld", who, text, n, spell);
    }
    /* the exit is one line: no other outflow line but the job a work exit starts */
    if (!strcmp(stage, "outflow"))
      cr_assert(!strncmp(code, "leave_", 6) || !strcmp(code, "job"), "%s: %s (%s)", who, text,
                code);
    if (!strncmp(code, "leave_", 6))
      left_spell = spell;
  }
}

Test(trace_sanctions, every_sanction_says_which_violation_it_answers, .timeout = 180) {
  json_t *list = run_json("trace " BASELINE " --list --format json");
  int checked = 0, sanctioned = 0;
  size_t i;
  json_t *c;
  json_array_foreach(json_object_get(list, "clients"), i, c) {
    if (checked >= 40)
      break;
    const char *p = NULL;
    size_t j;
    json_t *v;
    int interesting = 0;
    json_array_foreach(json_object_get(c, "properties"), j, v) {
      p = json_string_value(v);
      interesting |= !strcmp(p, "sanctioned") || !strcmp(p, "fraud");
    }
    if (!interesting && checked % 4)
      continue;
    char args[256], who[64];
    long id = (long)json_integer_value(json_object_get(c, "client"));
    snprintf(args, sizeof args, "trace " BASELINE " --client %ld --format json", id);
    snprintf(who, sizeof who, "client %ld", id);
    json_t *doc = run_json(args);
    check_story(json_object_get(doc, "events"), who);
    json_decref(doc);
    checked++;
    sanctioned += interesting;
  }
  cr_assert_gt(sanctioned, 10, "only %d sanctioned clients checked", sanctioned);
  json_decref(list);
}

Test(trace_html, a_self_contained_page_for_a_classroom, .timeout = 60) {
  char *out = NULL;
  cr_assert_eq(run_bijsim("trace " BASELINE " --find sanctioned --html", &out, NULL), 0);
  cr_assert(!strncmp(out, "<!DOCTYPE html>", 15), "%.40s", out);
  cr_assert(strstr(out, "</html>\n"));
  cr_assert_null(strstr(out, "<script"), "no scripts");
  cr_assert_null(strstr(out, "src="), "no external files");
  cr_assert_null(strstr(out, "href="), "no external files");
  cr_assert(strstr(out, "@media print"), "a print layout");
  cr_assert(strstr(out, "maatregel") || strstr(out, "suspended"), "the sanction is on the page");
  /* one table row per event, plus the header */
  json_t *doc = run_json("trace " BASELINE " --find sanctioned --format json");
  size_t rows = 0;
  for (const char *p = out; (p = strstr(p, "<tr>")); p++)
    rows++;
  cr_assert_eq(rows, json_array_size(json_object_get(doc, "events")) + 1);
  json_decref(doc);
  free(out);
  /* --compare as a page too */
  cr_assert_eq(run_bijsim("trace --compare scenarios/integral.yaml scenarios/separate.yaml --find "
                          "signal_lost --format html",
                          &out, NULL),
               0);
  cr_assert(strstr(out, "<th>integral</th><th>separate</th>"), "%.400s", out);
  cr_assert(strstr(out, "the signal is lost between consultants"));
  free(out);
}

/* ------------------------------------------------------------ in Dutch */

/* Every stage the trace shows has its Dutch term in the catalogue. */
Test(trace_lang, every_stage_has_its_dutch_term) {
  for (int st = 0; st < BS_TS_N; st++)
    cr_expect(bs_term_known(BS_TERM_STAGE, bs_trace_stage_names[st]),
              "stage '%s' has no Dutch term in analysis/catalogue.h", bs_trace_stage_names[st]);
  cr_expect(bs_term_known(BS_TERM_STAGE, "horizon"));
}

/* With --lang nl (or run.lang: nl) the story is Dutch: the header, "dag"
 * for "day", the stage column, the event's sentence, the closing line; the
 * day and the date are as in English. */
Test(trace_lang, the_story_s_labels_in_dutch, .timeout = 120) {
  static const char *const clients[] = {"3", "302", "310", "340"};
  for (size_t k = 0; k < sizeof clients / sizeof clients[0]; k++) {
    char args[256], *en = NULL, *nl = NULL;
    snprintf(args, sizeof args, "trace " SMALL " --client %s", clients[k]);
    cr_assert_eq(run_bijsim(args, &en, NULL), 0);
    snprintf(args, sizeof args, "trace " SMALL " --client %s --lang nl", clients[k]);
    cr_assert_eq(run_bijsim(args, &nl, NULL), 0);
    cr_assert_eq(count_lines(en), count_lines(nl));
    cr_assert(!strncmp(nl, "cliënt ", 8) && strstr(nl, "replicatie 0"), "%.80s", nl);
    size_t events = 0;
    for (const char *a = en, *b = nl; *a && *b; a = strchr(a, '\n') + 1, b = strchr(b, '\n') + 1) {
      size_t la = (size_t)(strchr(a, '\n') - a), lb = (size_t)(strchr(b, '\n') - b);
      if (strncmp(a, "day ", 4))
        continue;
      events++;
      cr_assert(!strncmp(b, "dag ", 4), "%.*s", (int)lb, b);
      /* "day %7.1f  [date  ]%-18s event": the stage column after the date */
      size_t at = 13 + (a[17] == '-' && a[20] == '-' ? 12 : 0);
      char stage[19];
      snprintf(stage, sizeof stage, "%.18s", a + at);
      for (char *e = stage + strlen(stage); e > stage && e[-1] == ' ';)
        *--e = 0;
      int st = -1;
      for (int s = 0; s < BS_TS_N && st < 0; s++)
        if (!strcmp(bs_trace_stage_labels[s], stage))
          st = s;
      const char *name = st >= 0 ? bs_trace_stage_names[st] : stage;
      cr_assert(st >= 0 || !strcmp(stage, "horizon"), "no stage '%s' in: %.*s", stage, (int)la, a);
      char want[64];
      snprintf(want, sizeof want, "%-18s ", bs_term(BS_LANG_NL, BS_TERM_STAGE, name, stage));
      cr_expect(!strncmp(a + 3, b + 3, at - 3), "the day and date: %.*s / %.*s", (int)la, a,
                (int)lb, b);
      cr_expect(!strncmp(b + at, want, strlen(want)), "the stage: %.*s", (int)lb, b);
      if (st >= 0) /* the sentence is the Dutch one (every code's differs, see below) */
        cr_expect(la - at - 19 != lb - at - 19 || strncmp(a + at + 19, b + at + 19, la - at - 19),
                  "the event is still English: %.*s / %.*s", (int)la, a, (int)lb, b);
      else
        cr_expect(strstr(b, "einde van de gesimuleerde periode (horizon)"), "%.*s", (int)lb, b);
    }
    cr_assert_gt(events, 3);
    free(en);
    free(nl);
  }
}

/* Every trace code (the rows of models/trace_events.h and leave_ROUTE) has
 * its Dutch format in the catalogue, with exactly the English format's printf
 * conversions in the same order, and the catalogue translates no other code. */
Test(trace_lang, every_code_has_its_dutch_format_with_the_same_conversions) {
  for (int code = 0; code < BS_TR_N; code++) {
    const char *en = bs_trace_formats[code], *nl = bs_trace_format_nl(bs_trace_codes[code]);
    cr_expect(nl && *nl, "trace code '%s' has no Dutch format in analysis/catalogue.h",
              bs_trace_codes[code]);
    if (!nl)
      continue;
    char ce[128], cn[128];
    int ne = bs_printf_conversions(en, ce, sizeof ce),
        nn = bs_printf_conversions(nl, cn, sizeof cn);
    cr_expect_geq(ne, 0, "%s: the English format '%s' has an unknown conversion",
                  bs_trace_codes[code], en);
    cr_expect_eq(ne, nn, "%s: %d conversions in English, %d in Dutch", bs_trace_codes[code], ne,
                 nn);
    cr_expect_str_eq(ce, cn, "%s: the conversions '%s' (English) and '%s' (Dutch) differ",
                     bs_trace_codes[code], ce, cn);
    cr_expect(strcmp(en, nl), "%s: the Dutch format is the English one", bs_trace_codes[code]);
  }
  size_t n = 0;
  bs_trace_nl_code(0, &n);
  cr_expect_eq(n, (size_t)BS_TR_N, "the catalogue translates %zu codes, the trace has %d", n,
               (int)BS_TR_N);
  for (size_t i = 0; i < n; i++)
    cr_expect_geq(bs_trace_code_index(bs_trace_nl_code(i, NULL)), 0,
                  "the catalogue translates '%s', which is no trace code",
                  bs_trace_nl_code(i, NULL));
  /* the parser itself */
  char c[64];
  cr_expect_eq(bs_printf_conversions("a %.1f b %zu %% %s x%.2f %u", c, sizeof c), 5);
  cr_expect_str_eq(c, "%.1f %zu %s %.2f %u");
  cr_expect_eq(bs_printf_conversions("100%% done", c, sizeof c), 0);
  cr_expect_eq(bs_printf_conversions("bad %q", c, sizeof c), -1);
}

static char *vformat(bs_lang lang, char *buf, size_t len, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  bs_trace_vformat(lang, buf, len, fmt, ap);
  va_end(ap);
  return buf;
}

/* Dutch sentences take the decimal comma and the Dutch labels of the
 * domain lists; English is what printf writes. */
Test(trace_lang, dutch_sentences_have_the_decimal_comma_and_dutch_labels) {
  char b[128];
  const char *f = "%.1f %.0f%% %s (%zu, %u, %d) %s";
  cr_expect_str_eq(vformat(BS_LANG_EN, b, sizeof b, f, 52.25, 70.0, "administrative duty",
                           (size_t)12, 3u, -4, "provider_e"),
                   "52.2 70% administrative duty (12, 3, -4) provider_e");
  cr_expect_str_eq(vformat(BS_LANG_NL, b, sizeof b, f, 52.25, 70.0, "administrative duty",
                           (size_t)12, 3u, -4, "provider_e"),
                   "52,2 70% administratieve plicht (12, 3, -4) provider_e");
  cr_expect_str_eq(vformat(BS_LANG_NL, b, 6, "%.2f EUR", 1234.5), "1234,");
}

/* The whole trace of a baseline client in Dutch holds no English event
 * sentence, and its JSON keeps the English (tools read it). */
Test(trace_lang, the_baseline_story_in_dutch, .timeout = 120) {
  char *nl = NULL, *json = NULL;
  cr_assert_eq(run_bijsim("trace scenarios/baseline.yaml --client 3102 --lang nl", &nl, NULL), 0);
  static const char *const english[] = {"applies for bijstand",
                                        "claim intake",
                                        "work intake",
                                        "on benefit (bijstand)",
                                        "EUR a month",
                                        "leaves bijstand",
                                        "referred to the municipality",
                                        "diagnosis at the",
                                        "violation ",
                                        "quarterly",
                                        /* the traits line */
                                        "distance to the labour market",
                                        "participation ladder rung",
                                        "compliance "};
  for (size_t i = 0; i < sizeof english / sizeof english[0]; i++)
    cr_expect(!strstr(nl, english[i]), "English '%s' in the Dutch trace:\n%s", english[i], nl);
  static const char *const dutch[] = {"vraagt bijstand aan (leeftijd ", "uitkeringsintake door",
                                      "werkintake: kansmeter fase ", "EUR per maand",
                                      "verlaat de bijstand", "afstand tot de arbeidsmarkt 0,",
                                      "van de participatieladder, problemen: "};
  for (size_t i = 0; i < sizeof dutch / sizeof dutch[0]; i++)
    cr_expect(strstr(nl, dutch[i]), "no '%s' in the Dutch trace:\n%s", dutch[i], nl);
  /* the decimal comma in the sentences: "leeftijd 52,2, afstand 0,40" */
  const char *age = strstr(nl, "(leeftijd ");
  cr_assert(age);
  age += strlen("(leeftijd ");
  while (*age >= '0' && *age <= '9')
    age++;
  cr_expect(*age == ',' && age[1] >= '0' && age[1] <= '9', "%.30s", age);
  cr_assert_eq(run_bijsim("trace scenarios/baseline.yaml --client 3102 --lang nl --format json",
                          &json, NULL),
               0);
  cr_expect(strstr(json, "applies for bijstand") && !strstr(json, "vraagt bijstand"), "%.300s",
            json);
  free(nl);
  free(json);
}

/* Every household and problem name and distance band of the traits line has
 * its Dutch term in the catalogue. */
Test(trace_lang, every_trait_has_its_dutch_term) {
  for (int k = 0; bs_household_names[k]; k++)
    cr_expect(bs_term_known(BS_TERM_TRAIT, bs_household_names[k]), "%s", bs_household_names[k]);
  for (int k = 0; k < BS_PROB_N; k++)
    cr_expect(bs_term_known(BS_TERM_TRAIT, bs_problem_names[k]), "%s", bs_problem_names[k]);
  static const char *const other[] = {"none", "far", "near"};
  for (size_t k = 0; k < 3; k++)
    cr_expect(bs_term_known(BS_TERM_TRAIT, other[k]), "%s", other[k]);
}
