/* lang.c: see lang.h. The tables are generated from the lists of
 * analysis/catalogue.h; the Dutch indicator rows are composed from their
 * parts the way analysis/indicators.c composes the English ones. */
#include "analysis/lang.h"

#include <string.h>

const char *const bs_lang_names[BS_LANG_N] = {"en", "nl"};

int bs_lang_index(const char *name) {
  for (int i = 0; i < BS_LANG_N; i++)
    if (name && !strcmp(name, bs_lang_names[i]))
      return i;
  return -1;
}

/* ---------------------------------------------------------------- messages */

static const char *const messages[BS_MSG_N][BS_LANG_N] = {
#define M(id, en, nl) {en, nl},
    BS_MSG_LIST(M)
#undef M
};
static const char *const message_names[BS_MSG_N] = {
#define M(id, en, nl) #id,
    BS_MSG_LIST(M)
#undef M
};

const char *bs_msg(bs_lang lang, bs_msg_id id) {
  if ((int)id < 0 || id >= BS_MSG_N)
    return "";
  return messages[id][lang == BS_LANG_NL ? BS_LANG_NL : BS_LANG_EN];
}

const char *bs_msg_name(bs_msg_id id) {
  return (int)id >= 0 && id < BS_MSG_N ? message_names[id] : "";
}

void bs_msg_write(FILE *f, const char *text, const char *const *args, size_t nargs,
                  void (*put)(FILE *f, const char *s)) {
  for (const char *p = text; *p; p++) {
    if (p[0] == '{' && p[1] >= '1' && p[1] <= '9' && p[2] == '}' && (size_t)(p[1] - '1') < nargs) {
      const char *a = args[p[1] - '1'];
      if (put)
        put(f, a ? a : "");
      else
        fputs(a ? a : "", f);
      p += 2;
      continue;
    }
    fputc(*p, f);
  }
}

char *bs_msg_format(char *buf, size_t len, const char *text, const char *const *args,
                    size_t nargs) {
  size_t o = 0;
  if (!len)
    return buf;
  for (const char *p = text; *p && o + 1 < len; p++) {
    if (p[0] == '{' && p[1] >= '1' && p[1] <= '9' && p[2] == '}' && (size_t)(p[1] - '1') < nargs) {
      for (const char *a = args[p[1] - '1']; a && *a && o + 1 < len; a++)
        buf[o++] = *a;
      p += 2;
      continue;
    }
    buf[o++] = *p;
  }
  buf[o] = 0;
  return buf;
}

unsigned bs_msg_placeholders(const char *text) {
  unsigned mask = 0;
  for (const char *p = text; *p; p++)
    if (p[0] == '{' && p[1] >= '1' && p[1] <= '9' && p[2] == '}')
      mask |= 1u << (p[1] - '1');
  return mask;
}

/* ------------------------------------------------------------------- terms */

typedef struct term_row {
  bs_term_kind kind;
  const char *name, *nl;
} term_row;

static const term_row terms[] = {
#define T(kind, name, nl) {BS_TERM_##kind, name, nl},
    BS_NL_TERM_LIST(T)
#undef T
#define R(name, label, chart, left, clause)                                                        \
  {BS_TERM_ROUTE, name, label}, {BS_TERM_ROUTE_CHART, name, chart},
        BS_NL_ROUTE_LIST(R)
#undef R
};
enum { N_TERMS = sizeof terms / sizeof terms[0] };

static const char *term_nl(bs_term_kind kind, const char *name) {
  for (size_t i = 0; name && i < N_TERMS; i++)
    if (terms[i].kind == kind && !strcmp(terms[i].name, name))
      return terms[i].nl;
  return NULL;
}

const char *bs_term(bs_lang lang, bs_term_kind kind, const char *name, const char *english) {
  if (lang != BS_LANG_NL)
    return english;
  const char *nl = term_nl(kind, name);
  return nl ? nl : english;
}

int bs_term_known(bs_term_kind kind, const char *name) { return term_nl(kind, name) != NULL; }

/* -------------------------------------------------------------- indicators */

typedef struct nl_ind {
  const char *name, *label, *definition;
} nl_ind;

#define COHORT_TRUE(id, label, term, def) {#id "_true", label term, def},
#define COHORT_REGISTERED(id, label, term, def)                                                    \
  {#id "_registered", label BS_NL_REGISTERED_LABEL, def BS_NL_REGISTERED_NOTE},
#define OUTFLOW_ROW(h, months, words, name, label, chart, left, clause)                            \
  {"outflow_" name "_" #h, left " binnen " months,                                                 \
   "Aandeel van het cohort dat binnen " words " " clause "."},
#define OUTFLOW_ROWS(name, label, chart, left, clause)                                             \
  BS_NL_HORIZON_LIST(OUTFLOW_ROW, name, label, chart, left, clause)
#define WHOLE(name, label, def) {#name, label, def},
static const nl_ind nl_inds[] = {BS_NL_COHORT_LIST(COHORT_TRUE) BS_NL_COHORT_LIST(COHORT_REGISTERED)
                                     BS_NL_ROUTE_LIST(OUTFLOW_ROWS) BS_NL_INDICATOR_LIST(WHOLE)};
#undef COHORT_TRUE
#undef COHORT_REGISTERED
#undef OUTFLOW_ROW
#undef OUTFLOW_ROWS
#undef WHOLE
enum { N_NL_INDS = sizeof nl_inds / sizeof nl_inds[0] };

static const nl_ind *nl_ind_of(const char *name) {
  for (size_t i = 0; name && i < N_NL_INDS; i++)
    if (!strcmp(nl_inds[i].name, name))
      return &nl_inds[i];
  return NULL;
}

const char *bs_ind_label(bs_lang lang, const bs_indicator_def *d) {
  const nl_ind *n = lang == BS_LANG_NL ? nl_ind_of(d->name) : NULL;
  return n ? n->label : d->label;
}

const char *bs_ind_definition(bs_lang lang, const bs_indicator_def *d) {
  const nl_ind *n = lang == BS_LANG_NL ? nl_ind_of(d->name) : NULL;
  return n ? n->definition : d->definition;
}

int bs_ind_translated(const char *name) { return nl_ind_of(name) != NULL; }

const char *bs_ind_translated_name(size_t i, size_t *n) {
  if (n)
    *n = N_NL_INDS;
  return i < N_NL_INDS ? nl_inds[i].name : NULL;
}
