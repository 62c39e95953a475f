/* test_output.c: pins down the JSON writer of analysis/output.c that run.json
 * and trace --format json go through:
 * - every real reads back as exactly the same double, written with the fewest
 *   digits that do so for the whole document (0.1 stays 0.1);
 * - text that is not valid UTF-8 keeps its ASCII and has '?' for the rest;
 * - a seed above jansson's integer range is kept exactly, as its digits. */
#include "analysis/output.h"

#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

/* doc as bs_out_json writes it (a malloc'd string). */
static char *written(const json_t *doc) {
  char *text = NULL;
  size_t len = 0;
  FILE *f = open_memstream(&text, &len);
  cr_assert(f);
  cr_assert_eq(bs_out_json(f, doc), 0);
  fclose(f);
  return text;
}

Test(output, digits) {
  cr_assert_eq(bs_out_digits(0.1), 1);
  cr_assert_eq(bs_out_digits(182.5), 4);
  cr_assert_eq(bs_out_digits(0.1 + 0.2), 17);
  cr_assert_eq(bs_out_digits(1.0 / 3), 16);
  cr_assert_eq(bs_out_digits(5e-324), 1);
  cr_assert_eq(bs_out_rounded(98.599999, 2), 98.6);
}

Test(output, json_reals_shortest_and_exact) {
  json_t *doc = json_pack("{s:f, s:[f, f], s:i}", "a", 0.1, "b", 0.25, 182.5, "n", 3);
  char *text = written(doc);
  cr_assert(strstr(text, "\"a\": 0.1,"), "%s", text);
  cr_assert(strstr(text, "182.5"), "%s", text);
  cr_assert_eq(text[strlen(text) - 1], '\n');
  free(text);
  /* one real that needs 17 digits: all are written with 17, all read back */
  static const double hard[] = {0.1 + 0.2, 1.0 / 3, 5e-324, 1.7976931348623157e308, -0.0, 1e-7};
  for (size_t i = 0; i < sizeof hard / sizeof hard[0]; i++)
    json_array_append_new(json_object_get(doc, "b"), json_real(hard[i]));
  text = written(doc);
  json_t *back = json_loads(text, 0, NULL);
  cr_assert(back, "%s", text);
  cr_assert(json_equal(doc, back), "%s", text);
  json_t *b = json_object_get(back, "b");
  for (size_t i = 0; i < sizeof hard / sizeof hard[0]; i++) {
    double got = json_real_value(json_array_get(b, i + 2));
    cr_assert(!memcmp(&got, &hard[i], sizeof got), "%.17g read back as %.17g", hard[i], got);
  }
  json_decref(back);
  json_decref(doc);
  free(text);
}

Test(output, json_text_and_u64) {
  json_t *s = bs_out_json_text("caf\xc3\xa9 \"q\"\t");
  cr_assert_str_eq(json_string_value(s), "caf\xc3\xa9 \"q\"\t");
  json_decref(s);
  s = bs_out_json_text("bad\xff end \xc3"); /* a stray byte, a character cut short */
  cr_assert_str_eq(json_string_value(s), "bad? end ?");
  json_decref(s);
  json_t *n = bs_out_json_u64(INT64_MAX);
  cr_assert(json_is_integer(n) && json_integer_value(n) == INT64_MAX);
  json_decref(n);
  n = bs_out_json_u64(UINT64_MAX);
  cr_assert_str_eq(json_string_value(n), "18446744073709551615");
  json_decref(n);
}
