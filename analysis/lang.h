/* lang.h: the languages of what bijsim writes for readers (the report, and
 * the text trace) and the one catalogue of their texts,
 * analysis/catalogue.h. English is the default and the language of the code:
 * the English text of an indicator or a domain member stays where the
 * member is defined (analysis/indicator_table.h, models/domain.h), and the
 * catalogue adds its Dutch text by name. Every other text a reader sees is a
 * message of the catalogue, in both languages.
 *
 * Messages may hold placeholders {1} .. {9} (bs_msg_write fills them) and
 * HTML markup of their own (the report writes them as they are); a
 * translation has the same placeholders as the English, in any order.
 * tests/test_lang.c checks that every message has both languages with the
 * same placeholders and that every indicator and domain member has its
 * Dutch text. */
#ifndef BIJSIM_LANG_H
#define BIJSIM_LANG_H

#include "analysis/catalogue.h"
#include "analysis/indicators.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

/* In the order of models/params.h's run.lang names. */
typedef enum { BS_LANG_EN, BS_LANG_NL, BS_LANG_N } bs_lang;
extern const char *const bs_lang_names[BS_LANG_N]; /* "en", "nl" */
/* BS_LANG_* of a name, or -1. */
int bs_lang_index(const char *name);

typedef enum {
#define M(id, en, nl) BS_MSG_##id,
  BS_MSG_LIST(M)
#undef M
      BS_MSG_N
} bs_msg_id;

/* The message in a language (never NULL). */
const char *bs_msg(bs_lang lang, bs_msg_id id);
/* The id's name ("findings"), for tests. */
const char *bs_msg_name(bs_msg_id id);

/* Writes `text` to f with {k} replaced by args[k-1] passed through `put`
 * (e.g. an HTML escaper); a placeholder past nargs is written as it is. */
void bs_msg_write(FILE *f, const char *text, const char *const *args, size_t nargs,
                  void (*put)(FILE *f, const char *s));
/* The same into buf (truncated to len - 1 characters, always terminated);
 * returns buf. */
char *bs_msg_format(char *buf, size_t len, const char *text, const char *const *args, size_t nargs);
/* The placeholders a text uses, as a bit mask (bit k-1 for {k}). */
unsigned bs_msg_placeholders(const char *text);

/* The kinds of named terms: a member of a domain list, or another name the
 * reader sees, by the name the code uses for it. */
#define BS_TERM_KIND_LIST(K)                                                                       \
  K(ROUTE, "route label (models/domain.h)")                                                        \
  K(ROUTE_CHART, "route chart label")                                                              \
  K(GATE, "gate outcome (models/domain.h)")                                                        \
  K(INSTRUMENT, "instrument (models/domain.h)")                                                    \
  K(PROGRAMME, "programme (models/domain.h)")                                                      \
  K(OUTCOME, "effect outcome (analysis/effect.h)")                                                 \
  K(GROUP, "effect group (analysis/effect.h)")                                                     \
  K(GROUP_CHART, "effect group chart label")                                                       \
  K(UNIT, "unit (analysis/indicators.h)")                                                          \
  K(PARAM, "scenario parameter, by its dotted path")                                               \
  K(STAGE, "trace stage")                                                                          \
  K(TRAIT, "a client's trait in the trace (household, problem, distance band)")                    \
  K(SOURCE, "the kind of a parameter's source (analysis/provenance.h)")
typedef enum {
#define K(e, what) BS_TERM_##e,
  BS_TERM_KIND_LIST(K)
#undef K
      BS_TERM_N
} bs_term_kind;

/* The text of a named term in a language: `english` for English (and when
 * the catalogue lacks the term), else the catalogue's. */
const char *bs_term(bs_lang lang, bs_term_kind kind, const char *name, const char *english);
/* 1 when the catalogue has a Dutch text for the term. */
int bs_term_known(bs_term_kind kind, const char *name);

/* An indicator's label and definition in a language (the indicator table's
 * English, or the catalogue's Dutch; the English when it has none). */
const char *bs_ind_label(bs_lang lang, const bs_indicator_def *d);
const char *bs_ind_definition(bs_lang lang, const bs_indicator_def *d);
/* 1 when the catalogue has the Dutch label and definition of `name`. */
int bs_ind_translated(const char *name);
/* The names of the indicators the catalogue translates (*n of them), for
 * the test that none is stale. */
const char *bs_ind_translated_name(size_t i, size_t *n);

/* ----------------------------------------------------------------- trace
 * The client trace's sentences (models/trace_events.h) in Dutch: one format
 * per trace code (BS_NL_TRACE_LIST), with the English format's conversions
 * in the same order. */

/* The Dutch format of a trace code ("apply", "leave_moving"), or NULL. */
const char *bs_trace_format_nl(const char *code);
/* The codes the catalogue translates (*n of them), for the test that none
 * is stale. */
const char *bs_trace_nl_code(size_t i, size_t *n);
/* Formats a trace sentence into buf (truncated to len - 1, always
 * terminated) like vsnprintf, in a language: for Dutch, floating values
 * with the catalogue's decimal mark and the `%s` labels of the domain lists
 * (BS_NL_TRACE_ARG_LIST) in Dutch. Returns buf. */
char *bs_trace_vformat(bs_lang lang, char *buf, size_t len, const char *fmt, va_list ap);
/* The printf conversions of a format, each as written ("%.1f"), joined by
 * spaces into buf ("%%" is no conversion); returns how many, or -1 for a
 * malformed or unsupported conversion. */
int bs_printf_conversions(const char *fmt, char *buf, size_t len);

#endif
