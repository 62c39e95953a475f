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

/* ------------------------------------------------------------------- trace */

typedef struct nl_trace {
  const char *code, *nl;
} nl_trace;

static const nl_trace trace_rows[] = {
#define TR(code, nl) {#code, nl},
    BS_NL_TRACE_LIST(TR)
#undef TR
};
enum { N_TRACE = sizeof trace_rows / sizeof trace_rows[0] };

static const char *const trace_args[][2] = {
#define A(en, nl) {en, nl},
    BS_NL_TRACE_ARG_LIST(A)
#undef A
};
enum { N_TRACE_ARGS = sizeof trace_args / sizeof trace_args[0] };

const char *bs_trace_format_nl(const char *code) {
  for (size_t i = 0; code && i < N_TRACE; i++)
    if (!strcmp(trace_rows[i].code, code))
      return trace_rows[i].nl;
  return NULL;
}

const char *bs_trace_nl_code(size_t i, size_t *n) {
  if (n)
    *n = N_TRACE;
  return i < N_TRACE ? trace_rows[i].code : NULL;
}

static const char *trace_arg(bs_lang lang, const char *s) {
  if (lang != BS_LANG_NL || !s)
    return s;
  for (size_t i = 0; i < N_TRACE_ARGS; i++)
    if (!strcmp(trace_args[i][0], s))
      return trace_args[i][1];
  return s;
}

/* One conversion at fmt ('%' not "%%"): its length into *n, its kind in
 * *conv and *mod ('z', 'l' for l, 'L' for ll or L, 'h' for h or hh, 0) and
 * the modifier's length in *mlen; -1 when it is none of those. */
static int conversion_at(const char *fmt, size_t *n, char *conv, char *mod, size_t *mlen) {
  size_t i = 1;
  while (fmt[i] && strchr("-+ #0", fmt[i]))
    i++;
  while (fmt[i] >= '0' && fmt[i] <= '9')
    i++;
  if (fmt[i] == '.') {
    i++;
    while (fmt[i] >= '0' && fmt[i] <= '9')
      i++;
  }
  *mod = 0;
  size_t mod_at = i;
  if (fmt[i] == 'z' || fmt[i] == 'h' || fmt[i] == 'L') {
    *mod = fmt[i++];
    if (*mod == 'h' && fmt[i] == 'h')
      i++;
  } else if (fmt[i] == 'l') {
    *mod = 'l';
    if (fmt[++i] == 'l') {
      *mod = 'L';
      i++;
    }
  }
  *mlen = i - mod_at;
  if (!fmt[i] || !strchr("diuxXofFeEgGsc", fmt[i]))
    return -1;
  *conv = fmt[i];
  *n = i + 1;
  return 0;
}

int bs_printf_conversions(const char *fmt, char *buf, size_t len) {
  size_t o = 0;
  int count = 0;
  if (len)
    buf[0] = 0;
  for (const char *p = fmt; *p; p++) {
    if (*p != '%')
      continue;
    if (p[1] == '%') {
      p++;
      continue;
    }
    size_t n, mlen;
    char conv, mod;
    if (conversion_at(p, &n, &conv, &mod, &mlen))
      return -1;
    int w = snprintf(buf + o, o < len ? len - o : 0, "%s%.*s", count ? " " : "", (int)n, p);
    o += w > 0 ? (size_t)w : 0;
    count++;
    p += n - 1;
  }
  return count;
}

char *bs_trace_vformat(bs_lang lang, char *buf, size_t len, const char *fmt, va_list ap) {
  size_t o = 0;
  const char *mark = bs_msg(lang, BS_MSG_decimal_mark);
  if (!len)
    return buf;
  for (const char *p = fmt; *p; p++) {
    char one[256];
    const char *piece = one;
    one[0] = 0;
    if (*p != '%' || p[1] == '%') {
      one[0] = *p;
      one[1] = 0;
      p += *p == '%';
    } else {
      size_t n, mlen;
      char conv, mod, spec[32];
      if (conversion_at(p, &n, &conv, &mod, &mlen) || n + 3 >= sizeof spec) {
        piece = p; /* not ours to format: the rest as it is */
        p += strlen(p) - 1;
      } else {
        memcpy(spec, p, n);
        spec[n] = 0;
        p += n - 1;
        if (strchr("di", conv)) {
          long long v = mod == 'z'   ? (long long)va_arg(ap, size_t)
                        : mod == 'l' ? va_arg(ap, long)
                        : mod == 'L' ? va_arg(ap, long long)
                                     : va_arg(ap, int);
          /* printed as long long: the modifier becomes ll */
          snprintf(spec + n - 1 - mlen, 4, "ll%c", conv);
          snprintf(one, sizeof one, spec, v);
        } else if (strchr("uxXo", conv)) {
          unsigned long long v = mod == 'z'   ? (unsigned long long)va_arg(ap, size_t)
                                 : mod == 'l' ? va_arg(ap, unsigned long)
                                 : mod == 'L' ? va_arg(ap, unsigned long long)
                                              : va_arg(ap, unsigned);
          snprintf(spec + n - 1 - mlen, 4, "ll%c", conv);
          snprintf(one, sizeof one, spec, v);
        } else if (conv == 's') {
          snprintf(one, sizeof one, spec, trace_arg(lang, va_arg(ap, const char *)));
        } else if (conv == 'c') {
          snprintf(one, sizeof one, spec, va_arg(ap, int));
        } else {
          /* a floating value: the decimal mark of the language */
          if (mod == 'L')
            snprintf(one, sizeof one, spec, va_arg(ap, long double));
          else
            snprintf(one, sizeof one, spec, va_arg(ap, double));
          char *dot = strchr(one, '.');
          if (dot && strcmp(mark, ".") && strlen(mark) == 1)
            *dot = mark[0];
        }
      }
    }
    int w = snprintf(buf + o, len - o, "%s", piece);
    o += w > 0 ? (size_t)w : 0;
    if (o >= len) {
      o = len - 1;
      break;
    }
  }
  buf[o] = 0;
  return buf;
}
