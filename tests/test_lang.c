/* test_lang.c: pins down the catalogue of reader-facing texts
 * (analysis/catalogue.h, analysis/lang.h):
 * - every message has its English and its Dutch, with the same placeholders;
 * - every indicator (the table's and the derived ones) has a Dutch label and
 *   definition, no Dutch row names an indicator that does not exist, and no
 *   two indicators share a Dutch label;
 * - every member of the domain lists the report shows (routes, gate
 *   outcomes, instruments, programmes, effect outcomes and groups, units)
 *   has its Dutch term;
 * - the number formats: English "1,234.5" and "€1.23 m", Dutch "1.234,5" and
 *   "€ 1,23 mln"; money one way (whole euros below a million, millions from
 *   a million, with the scale of a reference value for values shown
 *   together); placeholders are filled in any order. */
#include "analysis/effect.h"
#include "analysis/lang.h"
#include "analysis/provenance.h"
#include "analysis/scenario.h"
#include "analysis/svg.h"

#include <criterion/criterion.h>
#include <math.h>
#include <string.h>

Test(lang, every_message_has_both_languages_with_the_same_placeholders) {
  cr_assert_gt(BS_MSG_N, 100);
  for (int i = 0; i < BS_MSG_N; i++) {
    const char *en = bs_msg(BS_LANG_EN, (bs_msg_id)i), *nl = bs_msg(BS_LANG_NL, (bs_msg_id)i);
    const char *name = bs_msg_name((bs_msg_id)i);
    cr_assert(name && *name);
    cr_expect(en && *en, "message %s has no English", name);
    cr_expect(nl && *nl, "message %s has no Dutch", name);
    cr_expect_eq(bs_msg_placeholders(en), bs_msg_placeholders(nl),
                 "message %s: the Dutch has other placeholders than the English", name);
    /* a text with a placeholder uses {1} up to its last one */
    unsigned m = bs_msg_placeholders(en);
    cr_expect_eq(m & (m + 1), 0u, "message %s skips a placeholder number", name);
  }
  cr_expect_str_eq(bs_msg(BS_LANG_EN, BS_MSG_findings), "Key findings");
  cr_expect_str_eq(bs_msg(BS_LANG_NL, BS_MSG_findings), "Belangrijkste bevindingen");
  cr_expect_eq(bs_lang_index("nl"), BS_LANG_NL);
  cr_expect_eq(bs_lang_index("de"), -1);
}

Test(lang, placeholders_are_filled_in_any_order) {
  char buf[64];
  const char *args[] = {"a", "b"};
  cr_expect_str_eq(bs_msg_format(buf, sizeof buf, "{2} then {1}, {3}", args, 2), "b then a, {3}");
  cr_expect_str_eq(bs_msg_format(buf, 4, "{1}{2}{1}{2}", args, 2), "aba", "truncated");
  cr_expect_eq(bs_msg_placeholders("{1} {3}"), 5u);
}

Test(lang, every_indicator_has_its_dutch_label_and_definition) {
  size_t n = bs_ext_count();
  for (size_t i = 0; i < n; i++) {
    const bs_indicator_def *d = bs_ext_def(i);
    cr_expect(bs_ind_translated(d->name), "indicator %s has no Dutch row in analysis/catalogue.h",
              d->name);
    const char *l = bs_ind_label(BS_LANG_NL, d), *def = bs_ind_definition(BS_LANG_NL, d);
    cr_expect(l && *l && def && *def, "%s", d->name);
    cr_expect_str_eq(bs_ind_label(BS_LANG_EN, d), d->label);
    for (size_t j = 0; j < i; j++)
      cr_expect(strcmp(l, bs_ind_label(BS_LANG_NL, bs_ext_def(j))), "%s and %s share '%s'", d->name,
                bs_ext_def(j)->name, l);
  }
  size_t nt = 0;
  bs_ind_translated_name(0, &nt);
  cr_expect_eq(nt, n, "the catalogue translates %zu indicators, the table has %zu", nt, n);
  for (size_t i = 0; i < nt; i++)
    cr_expect_geq(bs_ext_index(bs_ind_translated_name(i, NULL)), 0,
                  "the catalogue translates '%s', which is no indicator",
                  bs_ind_translated_name(i, NULL));
  const bs_indicator_def *reg = bs_ext_find("langdurigheidsratio_registered");
  cr_expect_str_eq(bs_ind_label(BS_LANG_NL, reg), "Aandeel langdurig, zoals geregistreerd");
  const bs_indicator_def *out = bs_ext_find("outflow_regular_work_12m");
  cr_expect_str_eq(bs_ind_label(BS_LANG_NL, out),
                   "Uitgestroomd naar regulier werk binnen 12 maanden");
}

static void terms_of(bs_term_kind kind, const char *const *names, int n, int from) {
  for (int i = from; i < n; i++)
    cr_expect(bs_term_known(kind, names[i]), "no Dutch term (kind %d) for '%s'", (int)kind,
              names[i]);
}

Test(lang, every_domain_member_the_report_shows_has_its_dutch_term) {
  terms_of(BS_TERM_ROUTE, bs_route_names, BS_ROUTE_N, 0);
  terms_of(BS_TERM_ROUTE_CHART, bs_route_names, BS_ROUTE_N, 0);
  terms_of(BS_TERM_GATE, bs_gate_names, BS_GATE_N, 0);
  terms_of(BS_TERM_INSTRUMENT, bs_instrument_names, BS_INSTR_N, 1);
  terms_of(BS_TERM_PROGRAMME, bs_programme_names, BS_PROG_N, 0);
  terms_of(BS_TERM_OUTCOME, bs_effect_outcome_names, BS_EFF_OUTCOMES, 0);
  terms_of(BS_TERM_GROUP, bs_effect_group_names, BS_EFF_GROUPS, 0);
  terms_of(BS_TERM_GROUP_CHART, bs_effect_group_names, BS_EFF_GROUPS, 0);
  terms_of(BS_TERM_UNIT, bs_unit_names, BS_UNIT_N, 0);
  terms_of(BS_TERM_SOURCE, bs_source_kinds, BS_SOURCE_N, 0);
  cr_expect_str_eq(bs_term(BS_LANG_NL, BS_TERM_GATE, "no_such", "english"), "english");
  cr_expect_str_eq(bs_term(BS_LANG_EN, BS_TERM_GATE, "discouraged", "discouraged"), "discouraged");
}

static const char *fmt(double v, bs_fmt f, int sign, bs_lang lang) {
  static char buf[64];
  return bs_fmt_value(buf, sizeof buf, v, f, sign, lang);
}

Test(lang, numbers_in_each_language) {
  /* the thousands and the decimal mark */
  cr_expect_str_eq(fmt(1234567, BS_FMT_NUM, 0, BS_LANG_EN), "1,234,567");
  cr_expect_str_eq(fmt(1234567, BS_FMT_NUM, 0, BS_LANG_NL), "1.234.567");
  cr_expect_str_eq(fmt(12.34, BS_FMT_NUM, 0, BS_LANG_NL), "12,3");
  cr_expect_str_eq(fmt(0.0035, BS_FMT_PCT, 0, BS_LANG_NL), "0,35%");
  cr_expect_str_eq(fmt(0.0058, BS_FMT_PP, 1, BS_LANG_EN), "+0.58 pp");
  cr_expect_str_eq(fmt(0.0058, BS_FMT_PP, 1, BS_LANG_NL), "+0,58 %-punt");
  cr_expect_str_eq(fmt(1234.5, BS_FMT_DAYS, 0, BS_LANG_NL), "1.235 dagen");
  cr_expect_str_eq(fmt(NAN, BS_FMT_PCT, 0, BS_LANG_NL), "n.b.");
  /* a value that shows as zero has no sign */
  cr_expect_str_eq(fmt(-0.00001, BS_FMT_PCT, 0, BS_LANG_EN), "0.00%");
  /* money, one way: whole euros below a million, millions from a million */
  cr_expect_str_eq(fmt(2272, BS_FMT_EUR, 1, BS_LANG_EN), "+\xe2\x82\xac"
                                                         "2,272");
  cr_expect_str_eq(fmt(801359, BS_FMT_EUR, 1, BS_LANG_EN), "+\xe2\x82\xac"
                                                           "801,359");
  cr_expect_str_eq(fmt(-2272, BS_FMT_EUR, 0, BS_LANG_EN), "-\xe2\x82\xac"
                                                          "2,272");
  cr_expect_str_eq(fmt(1234567, BS_FMT_EUR, 0, BS_LANG_EN), "\xe2\x82\xac"
                                                            "1.23 m");
  cr_expect_str_eq(fmt(1234567, BS_FMT_EUR, 0, BS_LANG_NL), "\xe2\x82\xac 1,23 mln");
  cr_expect_str_eq(fmt(1234.5e6, BS_FMT_EUR, 0, BS_LANG_NL), "\xe2\x82\xac 1.235 mln");
  cr_expect_str_eq(fmt(2272, BS_FMT_EUR, 0, BS_LANG_NL), "\xe2\x82\xac 2.272");
  char buf[64];
  cr_expect_str_eq(bs_fmt_value_ref(buf, sizeof buf, 950000, BS_FMT_EUR, 0, BS_LANG_EN, 1.2e6),
                   "\xe2\x82\xac"
                   "0.95 m",
                   "on the scale of the value shown beside it");
  cr_expect_str_eq(bs_fmt_value_ref(buf, sizeof buf, 0, BS_FMT_EUR, 0, BS_LANG_EN, 1.2e6),
                   "\xe2\x82\xac"
                   "0");
}
