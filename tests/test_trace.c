/* test_trace.c: pins down `bijsim trace` (the client journey for training):
 * the same client, scenario and seed always tell the same story, byte for
 * byte (text and JSON); the story names the chain's stages with the Dutch
 * terms (kansmeter phase, uitkeringsintake ...); the JSON form is valid JSON
 * with one object per event, also when the scenario and provider names hold a
 * tab, quotes, a backslash or non-ASCII letters (they read back as written);
 * a missing --client is a one-line error; with --lang nl the day and the
 * stages are in Dutch (every stage has its term in the catalogue). */
#include "analysis/lang.h"
#include "test_cli_util.h"

#include <criterion/criterion.h>
#include <jansson.h>

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
  /* every event line starts with the day */
  for (const char *line = strchr(out, '\n') + 1; *line; line = strchr(line, '\n') + 1)
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

/* The trace's labels in Dutch (--lang nl): the day and every stage a story
 * names has its Dutch term in the catalogue; the events stay as they are. */
Test(trace, labels_in_dutch, .timeout = 120) {
  static const char *const clients[] = {"3", "302", "310", "325", "340", "360"};
  for (size_t k = 0; k < sizeof clients / sizeof clients[0]; k++) {
    char args[256], *en = NULL, *nl = NULL;
    snprintf(args, sizeof args, "trace " SMALL " --client %s", clients[k]);
    cr_assert_eq(run_bijsim(args, &en, NULL), 0);
    snprintf(args, sizeof args, "trace " SMALL " --client %s --lang nl", clients[k]);
    cr_assert_eq(run_bijsim(args, &nl, NULL), 0);
    cr_assert_eq(count_lines(en), count_lines(nl));
    cr_assert(!strncmp(nl, "cliënt ", 8), "%.60s", nl);
    const char *a = strchr(en, '\n') + 1, *b = strchr(nl, '\n') + 1;
    for (; *a && *b; a = strchr(a, '\n') + 1, b = strchr(b, '\n') + 1) {
      char stage[32];
      /* "day %7.1f  %-18s event": the stage is columns 13-30 */
      cr_assert(!strncmp(a, "day ", 4) && !strncmp(b, "dag ", 4), "%.40s / %.40s", a, b);
      snprintf(stage, sizeof stage, "%.18s", a + 13);
      for (char *e = stage + strlen(stage); e > stage && e[-1] == ' ';)
        *--e = 0;
      cr_expect(bs_term_known(BS_TERM_STAGE, stage), "stage '%s' has no Dutch term", stage);
      /* the day and the event are the same in both */
      size_t la = (size_t)(strchr(a, '\n') - a), lb = (size_t)(strchr(b, '\n') - b);
      if (!strcmp(stage, "horizon")) /* the closing line is the trace's own */
        cr_expect(!strncmp(b + 32, "einde van de gesimuleerde periode", 33), "%.*s", (int)lb, b);
      else
        cr_expect(la == lb && !strncmp(a + 4, b + 4, 7) && !strncmp(a + 32, b + 32, la - 32),
                  "%.*s / %.*s", (int)la, a, (int)lb, b);
    }
    free(en);
    free(nl);
  }
}
