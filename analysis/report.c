/* report.c: see report.h. The page is built section by section; a section
 * whose input file is absent is left out. Every chart has a heading that
 * says what it shows in plain words, its unit, and a short explanation of
 * how to read it. Every text comes from the catalogue (analysis/catalogue.h)
 * in the report's language; the numbers in the language's format.
 *
 * Tables are written through tbl_*: each cell carries its column's heading
 * (data-label), so that a wide table stacks into one block per row on a
 * narrow screen and on paper instead of being cut off (the print style
 * sheet is A4). */
#include "analysis/report.h"

#include "analysis/csv.h"
#include "analysis/effect.h"
#include "analysis/lang.h"
#include "analysis/output.h"
#include "analysis/scenario.h"
#include "analysis/svg.h"
#include "analysis/uncertainty.h"

#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

enum { MAX_SCEN = 32, MAX_COLS = 24 };

/* A sensitivity result (`bijsim sensitivity`'s run.json and sensitivity.csv):
 * the report's own, or one given with --sensitivity DIR. */
typedef struct sens_in {
  const char *dir;
  const json_t *run;
  const bs_csv *t;
  const char *indicator;
  const char *a, *b; /* the scenarios: the output is b - a, or a's level (b NULL) */
  int morris;        /* the index that ranks: mu_star (Morris), else ST */
  json_t *own_run;   /* loaded here: freed with the report */
  bs_csv own_t;
} sens_in;

typedef struct rep {
  FILE *f;
  bs_lang lang;
  json_t *run; /* run.json */
  const char *command;
  size_t nscen;
  const char *scen[MAX_SCEN];     /* labels, in the order of summary.csv */
  const json_t *params[MAX_SCEN]; /* the scenario's parameters in run.json */
  const char *files[MAX_SCEN];
  bs_report_params set; /* the base scenario's report: section */
  bs_csv summary, compare, survival, flow, effect, sweep, targets, unc, sens, post, fit, gens,
      stock;
  int has_summary, has_compare, has_survival, has_flow, has_effect, has_sweep, has_targets, has_unc,
      has_sens, has_post, has_fit, has_gens, has_stock;
  sens_in sin[BS_REPORT_MAX_SENS]; /* --sensitivity DIR ... */
  size_t nsin;
  /* the table being written: its column headings (each cell's data-label) */
  char th[MAX_COLS][200];
  size_t nth, col;
} rep;

#define P(s) fputs(s, r->f)
#define T(id) bs_msg(r->lang, BS_MSG_##id)

static void esc(const rep *r, const char *s) { bs_html_escape(r->f, s); }

/* The number of arguments before the NULL that ends `args` (at most 9). */
static size_t nargs(const char *const *args) {
  size_t n = 0;
  while (n < 9 && args[n])
    n++;
  return n;
}

/* Message `id` with {1}.. filled by the text arguments (HTML-escaped). Use
 * SAY(id, arg, ...). */
static void say(rep *r, bs_msg_id id, const char *const *args) {
  bs_msg_write(r->f, bs_msg(r->lang, id), args, nargs(args), bs_html_escape);
}
#define SAY(id, ...) say(r, BS_MSG_##id, (const char *const[]){__VA_ARGS__, NULL})

/* The same into a buffer (text, not escaped): FORMAT(buf, id, arg, ...). */
static char *format(rep *r, char *buf, size_t len, bs_msg_id id, const char *const *args) {
  return bs_msg_format(buf, len, bs_msg(r->lang, id), args, nargs(args));
}
#define FORMAT(buf, id, ...)                                                                       \
  format(r, buf, sizeof buf, BS_MSG_##id, (const char *const[]){__VA_ARGS__, NULL})

/* ------------------------------------------------------------ indicators */

/* The label, format and definition of an indicator come from its row of
 * the indicator table (analysis/indicator_table.h, derived ones in
 * scenario.c). The report's own lists name indicators the table has; a name
 * read from a CSV file that the table lacks (an older output) is shown as
 * it is, as a number. */
static bs_indicator_def info_of(const char *name) {
  const bs_indicator_def *d = bs_ext_find(name);
  if (d)
    return *d;
  return (bs_indicator_def){.name = name, .label = name, .fmt = BS_FMT_NUM, .definition = ""};
}

/* An indicator the report names itself: a missing one is a bug here. */
static bs_indicator_def known(const char *name) {
  assert(bs_ext_find(name) && "the report names an indicator the table lacks");
  return info_of(name);
}

static const char *label(const rep *r, const bs_indicator_def *d) {
  return bs_ind_label(r->lang, d);
}

static const char *definition(const rep *r, const bs_indicator_def *d) {
  return bs_ind_definition(r->lang, d);
}

/* "Median benefit spell (days)": the label with the unit it is shown in. */
static const char *label_unit(rep *r, const bs_indicator_def *d, char *buf, size_t len) {
  const char *u = NULL;
  switch (d->unit) {
  case BS_UNIT_SHARE:
    u = "%";
    break;
  case BS_UNIT_DAYS:
    u = T(unit_days_word);
    break;
  case BS_UNIT_EUR:
    u = "EUR";
    break;
  case BS_UNIT_PER_FTE:
    u = bs_term(r->lang, BS_TERM_UNIT, bs_unit_names[d->unit], bs_unit_names[d->unit]);
    break;
  default:
    break;
  }
  if (u)
    snprintf(buf, len, "%s (%s)", label(r, d), u);
  else
    snprintf(buf, len, "%s", label(r, d));
  return buf;
}

/* The format of a difference: shares in percentage points. */
static bs_fmt diff_fmt(bs_fmt f) { return f == BS_FMT_PCT ? BS_FMT_PP : f; }

/* The key-indicator table, in this order. */
static const char *const key_inds[] = {"langdurigheidsratio_true",
                                       "complianceratio_true",
                                       "sluitingsratio_true",
                                       "uitstroomratio_met_traject_true",
                                       "uitstroomratio_zonder_traject_true",
                                       "outflow_regular_work_12m",
                                       "outflow_subsidised_work_12m",
                                       "median_spell_days",
                                       "time_to_first_offer_mean_days",
                                       "consultant_mean_wait_days",
                                       "X_true",
                                       "stock_on_benefit_end",
                                       "sanctions_maatregel",
                                       "budget_total_eur",
                                       "inkomensdeel_eur",
                                       "werkdeel_eur",
                                       "consultant_spend_eur"};
enum { N_KEY = sizeof key_inds / sizeof key_inds[0] };

/* The main indicators: the sweep's charts and findings, the uncertainty's. */
static const char *const main_inds[] = {"langdurigheidsratio_true",
                                        "outflow_regular_work_12m",
                                        "sluitingsratio_true",
                                        "median_spell_days",
                                        "budget_total_eur",
                                        "inkomensdeel_eur",
                                        "werkdeel_eur"};
enum { N_MAIN_INDS = sizeof main_inds / sizeof main_inds[0] };

/* The headline of a comparison: the net effect on the budgets. */
#define HEADLINE "budget_total_eur"

/* ----------------------------------------------------------- file access */

static int summary_get(const rep *r, const char *scen, const char *ind, double *m, double *lo,
                       double *hi) {
  *m = *lo = *hi = NAN;
  if (!r->has_summary)
    return -1;
  long cs = bs_csv_col(&r->summary, "scenario"), ci = bs_csv_col(&r->summary, "indicator");
  long cm = bs_csv_col(&r->summary, "mean"), cl = bs_csv_col(&r->summary, "ci_low"),
       ch = bs_csv_col(&r->summary, "ci_high");
  for (size_t k = 0; k < r->summary.nrow; k++)
    if (strcmp(bs_csv_get(&r->summary, k, ci), ind) == 0 &&
        strcmp(bs_csv_get(&r->summary, k, cs), scen) == 0) {
      *m = bs_csv_num(&r->summary, k, cm);
      *lo = bs_csv_num(&r->summary, k, cl);
      *hi = bs_csv_num(&r->summary, k, ch);
      return 0;
    }
  return -1;
}

/* The row of (indicator, scenario) in compare.csv, or -1. */
static long compare_row(const rep *r, const char *scen, const char *ind) {
  if (!r->has_compare)
    return -1;
  const bs_csv *t = &r->compare;
  long cs = bs_csv_col(t, "scenario"), ci = bs_csv_col(t, "indicator");
  for (size_t k = 0; k < t->nrow; k++)
    if (strcmp(bs_csv_get(t, k, ci), ind) == 0 && strcmp(bs_csv_get(t, k, cs), scen) == 0)
      return (long)k;
  return -1;
}

static double compare_num(const rep *r, long k, const char *col) {
  return k < 0 ? NAN : bs_csv_num(&r->compare, (size_t)k, bs_csv_col(&r->compare, col));
}

static int compare_get(const rep *r, const char *scen, const char *ind, double *m, double *lo,
                       double *hi) {
  long k = compare_row(r, scen, ind);
  *m = compare_num(r, k, "diff_mean");
  *lo = compare_num(r, k, "diff_ci_low");
  *hi = compare_num(r, k, "diff_ci_high");
  return k < 0 ? -1 : 0;
}

static double flow_get(const rep *r, const char *scen, const char *stage, const char *item) {
  const bs_csv *t = &r->flow;
  long cs = bs_csv_col(t, "scenario"), cst = bs_csv_col(t, "stage"), ci = bs_csv_col(t, "item"),
       cv = bs_csv_col(t, "count_mean");
  for (size_t k = 0; k < t->nrow; k++)
    if (strcmp(bs_csv_get(t, k, cs), scen) == 0 && strcmp(bs_csv_get(t, k, cst), stage) == 0 &&
        strcmp(bs_csv_get(t, k, ci), item) == 0)
      return bs_csv_num(t, k, cv);
  return NAN;
}

/* A node of the flow diagram: a flow.csv item (0 when absent) and its label. */
static bs_flow_node flow_node(const rep *r, const char *scen, const char *stage, const char *item,
                              const char *lbl, int work) {
  double v = flow_get(r, scen, stage, item);
  return (bs_flow_node){lbl, isfinite(v) ? v : 0, work};
}

/* The member at a dotted path of names ("run.horizon_days"), or NULL. */
static const json_t *json_at(const json_t *v, const char *path) {
  char seg[128];
  while (v && *path) {
    const char *dot = strchr(path, '.');
    size_t n = dot ? (size_t)(dot - path) : strlen(path);
    if (n >= sizeof seg)
      return NULL;
    memcpy(seg, path, n);
    seg[n] = 0;
    v = json_object_get(v, seg);
    path += n + (dot ? 1 : 0);
  }
  return v;
}

/* A value as the report shows it: a number as bijsim writes it (a whole
 * number in full, else the fewest digits that read back the same), a string
 * unquoted, true, false, null, an array as [a, b], an object as {...}. */
static const char *value_text(const json_t *v, char *buf, size_t len) {
  if (!len)
    return buf;
  buf[0] = 0;
  if (!v)
    return buf;
  double x = json_is_real(v) ? json_real_value(v) : 0;
  size_t off = 0, i;
  const json_t *c;
  switch (json_typeof(v)) {
  case JSON_NULL:
    snprintf(buf, len, "null");
    break;
  case JSON_TRUE:
  case JSON_FALSE:
    snprintf(buf, len, "%s", json_is_true(v) ? "true" : "false");
    break;
  case JSON_INTEGER:
    snprintf(buf, len, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
    break;
  case JSON_REAL:
    if (x == floor(x) && fabs(x) < 1e17)
      snprintf(buf, len, "%.0f", x);
    else
      snprintf(buf, len, "%.*g", bs_out_digits(x), x);
    break;
  case JSON_STRING:
    snprintf(buf, len, "%s", json_string_value(v));
    break;
  case JSON_ARRAY:
    off += (size_t)snprintf(buf, len, "[");
    json_array_foreach(v, i, c) {
      if (off >= len)
        break;
      char sub[256];
      value_text(c, sub, sizeof sub);
      off += (size_t)snprintf(buf + off, len - off, "%s%s", i ? ", " : "", sub);
    }
    if (off < len)
      snprintf(buf + off, len - off, "]");
    break;
  case JSON_OBJECT:
    snprintf(buf, len, "{...}");
    break;
  }
  return buf;
}

/* The instrument of an effect run, in words. */
static const char *instrument_words(const rep *r) {
  const char *n = json_string_value(json_object_get(r->run, "instrument"));
  n = n ? n : "";
  int i = bs_instrument_index(n);
  return i > 0 ? bs_term(r->lang, BS_TERM_INSTRUMENT, n, bs_instrument_labels[i]) : n;
}

static double param_num(const rep *r, size_t s, const char *path) {
  const json_t *v = json_at(r->params[s], path);
  return json_is_number(v) ? json_number_value(v) : NAN;
}

static double run_num(const rep *r, const char *path) {
  const json_t *v = json_at(r->run, path);
  return json_is_number(v) ? json_number_value(v) : NAN;
}

/* ----------------------------------------------------------------- values */

/* A value as text (the report's language and number format). */
static const char *vtext(const rep *r, char *buf, size_t len, double v, bs_fmt fmt, int sign) {
  return bs_fmt_value(buf, len, v, fmt, sign, r->lang);
}

static void fmtv(const rep *r, double v, bs_fmt fmt, int sign) {
  char b[64];
  esc(r, vtext(r, b, sizeof b, v, fmt, sign));
}

/* "52 to 56%": an interval with the unit written once (money on the scale
 * of ref, so both ends and the value beside them read alike). */
static const char *interval_text(rep *r, char *buf, size_t len, double lo, double hi, bs_fmt fmt,
                                 int sign, double ref) {
  char a[64], b[64];
  if (!isfinite(ref))
    ref = fmax(fabs(lo), fabs(hi));
  bs_fmt_value_ref(a, sizeof a, lo, fmt, sign, r->lang, ref);
  bs_fmt_value_ref(b, sizeof b, hi, fmt, sign, r->lang, ref);
  /* money keeps its "m" at both ends: "€14.4 m to €15.3 m" */
  const char *units[] = {"%", T(unit_pp), T(unit_days)};
  for (size_t u = 0; u < sizeof units / sizeof units[0]; u++) {
    size_t na = strlen(a), nb = strlen(b), nu = strlen(units[u]);
    if (nu && na > nu && nb > nu && !strcmp(a + na - nu, units[u]) &&
        !strcmp(b + nb - nu, units[u])) {
      a[na - nu] = 0;
      break;
    }
  }
  const char *args[] = {a, b};
  return bs_msg_format(buf, len, T(range_to), args, 2);
}

static void interval(rep *r, double lo, double hi, bs_fmt fmt, int sign, double ref) {
  char b[160];
  esc(r, interval_text(r, b, sizeof b, lo, hi, fmt, sign, ref));
}

static double ref3(double m, double lo, double hi) {
  double a = isfinite(m) ? fabs(m) : 0;
  if (isfinite(lo))
    a = fmax(a, fabs(lo));
  if (isfinite(hi))
    a = fmax(a, fabs(hi));
  return a;
}

/* A value with its interval below it (or a dash), on one scale. */
static void value_ci(rep *r, double m, double lo, double hi, bs_fmt fmt, int sign) {
  char b[64];
  double ref = ref3(m, lo, hi);
  esc(r, bs_fmt_value_ref(b, sizeof b, m, fmt, sign, r->lang, ref));
  P("<br><span class=\"ci\">");
  if (isfinite(lo) && isfinite(hi))
    interval(r, lo, hi, fmt, sign, ref);
  else
    P("&ndash;");
  P("</span>");
}

/* ----------------------------------------------------------------- tables */

/* Opens a table with these column headings (plain text); the first is the
 * row's label, `num[c]` right-aligns column c. A table of six columns or
 * more stacks on narrow screens and on paper. */
static void tbl_open(rep *r, const char *const *heads, const int *num, size_t n) {
  r->nth = n < MAX_COLS ? n : MAX_COLS;
  for (size_t c = 0; c < r->nth; c++)
    snprintf(r->th[c], sizeof r->th[c], "%s", heads[c] ? heads[c] : "");
  P(r->nth >= 6 ? "<table class=\"stack\"><thead><tr>" : "<table><thead><tr>");
  for (size_t c = 0; c < r->nth; c++) {
    P(num && num[c] ? "<th class=\"num\">" : "<th>");
    esc(r, r->th[c]);
    P("</th>");
  }
  P("</tr></thead><tbody>\n");
}

static void tbl_row(rep *r, const char *cls) {
  r->col = 0;
  if (cls) {
    P("<tr class=\"");
    P(cls);
    P("\">");
  } else {
    P("<tr>");
  }
}

/* Opens the next cell of the row. */
static void tbl_cell(rep *r, int num) {
  size_t c = r->col < r->nth ? r->col : r->nth - 1;
  P(num ? "<td class=\"num\" data-label=\"" : "<td data-label=\"");
  esc(r, r->th[c]);
  P("\">");
  r->col++;
}

static void tbl_text(rep *r, const char *s, int num) {
  tbl_cell(r, num);
  esc(r, s);
  P("</td>");
}

static void tbl_end_row(rep *r) { P("</tr>\n"); }
static void tbl_close(rep *r) { P("</tbody></table>\n"); }

/* ------------------------------------------------------- differences */

/* What a paired difference means for the municipality. */
typedef enum {
  V_BETTER,    /* distinguishable, relevant, in the better direction */
  V_WORSE,     /* ... in the worse direction */
  V_DIFFERENT, /* distinguishable and relevant; the indicator has no direction */
  V_SMALL,     /* distinguishable, below the practical-relevance threshold */
  V_CHANCE,    /* the interval contains zero */
  V_NONE       /* no interval (one replication) or no value */
} verdict;

static const char *const verdict_class[] = {"better", "worse",  "different",
                                            "small",  "chance", "none"};

typedef struct diff {
  bs_indicator_def d;
  double base, var; /* the two means */
  double m, lo, hi; /* the paired difference and its interval */
  double threshold; /* the practical-relevance threshold, in the indicator's unit */
  double size;      /* |m| / threshold: how far past the threshold */
  verdict v;
} diff;

/* The smallest difference that matters for indicator d (the report:
 * section; counts relative to the larger of the two means). */
static double threshold_of(const rep *r, const bs_indicator_def *d, double base, double var) {
  switch (d->unit) {
  case BS_UNIT_SHARE:
    return r->set.min_relevant_share;
  case BS_UNIT_DAYS:
    return r->set.min_relevant_days;
  case BS_UNIT_EUR:
    return r->set.min_relevant_eur;
  default: {
    double a = fmax(isfinite(base) ? fabs(base) : 0, isfinite(var) ? fabs(var) : 0);
    return r->set.min_relevant_relative * a;
  }
  }
}

static verdict judge(const rep *r, diff *x) {
  (void)r;
  if (!isfinite(x->m) || !isfinite(x->lo) || !isfinite(x->hi))
    return V_NONE;
  if (!(x->lo > 0 || x->hi < 0))
    return V_CHANCE;
  if (!(x->size >= 1))
    return V_SMALL;
  if (x->d.better == BS_BETTER_NEUTRAL)
    return V_DIFFERENT;
  int up = x->m > 0;
  return (x->d.better == BS_BETTER_HIGHER) == up ? V_BETTER : V_WORSE;
}

/* The difference of indicator `name` between variant `scen` and the base. */
static int diff_of(const rep *r, const char *scen, const char *name, diff *x) {
  memset(x, 0, sizeof *x);
  x->d = info_of(name);
  long k = compare_row(r, scen, name), kb = compare_row(r, r->scen[0], name);
  if (k < 0)
    return -1;
  x->var = compare_num(r, k, "mean");
  x->base = compare_num(r, kb, "mean");
  x->m = compare_num(r, k, "diff_mean");
  x->lo = compare_num(r, k, "diff_ci_low");
  x->hi = compare_num(r, k, "diff_ci_high");
  x->threshold = threshold_of(r, &x->d, x->base, x->var);
  x->size = x->threshold > 0 ? fabs(x->m) / x->threshold : fabs(x->m) > 0 ? INFINITY : 0;
  if (!isfinite(x->m))
    x->size = 0;
  x->v = judge(r, x);
  return 0;
}

/* A badge with the verdict in words (colour alone never carries it). */
static void badge(rep *r, verdict v, int short_words) {
  static const bs_msg_id words[][2] = {{BS_MSG_verdict_better, BS_MSG_verdict_better_short},
                                       {BS_MSG_verdict_worse, BS_MSG_verdict_worse_short},
                                       {BS_MSG_verdict_different, BS_MSG_verdict_different_short},
                                       {BS_MSG_verdict_small, BS_MSG_verdict_small_short},
                                       {BS_MSG_verdict_chance, BS_MSG_verdict_chance_short},
                                       {BS_MSG_verdict_none, BS_MSG_verdict_none}};
  P("<span class=\"badge ");
  P(verdict_class[v]);
  P("\">");
  P(bs_msg(r->lang, words[v][short_words ? 1 : 0]));
  P("</span>");
}

/* "+0.58 pp (53% → 54%; 95% interval +0.40 to +0.75 pp; distinguishable
 * from simulation noise)". */
static void diff_sentence(rep *r, const diff *x) {
  char m[64], a[64], b[64], ci[160];
  bs_fmt f = x->d.fmt, df = diff_fmt(f);
  double ref = ref3(x->m, x->lo, x->hi);
  bs_fmt_value_ref(m, sizeof m, x->m, df, 1, r->lang, ref);
  double ref2 = ref3(x->base, x->var, NAN);
  bs_fmt_value_ref(a, sizeof a, x->base, f, 0, r->lang, ref2);
  bs_fmt_value_ref(b, sizeof b, x->var, f, 0, r->lang, ref2);
  P("<strong>");
  esc(r, m);
  P("</strong> (");
  SAY(from_to, a, b);
  if (isfinite(x->lo) && isfinite(x->hi)) {
    interval_text(r, ci, sizeof ci, x->lo, x->hi, df, 1, ref);
    P("; ");
    SAY(ci95, ci);
    P("; ");
    P(x->v == V_CHANCE ? T(within_chance) : T(distinguishable));
  }
  P(")");
}

/* ----------------------------------------------------------------- style */

static void css(const rep *r) {
  P("<style>\n"
    ":root{--ink:#1d2733;--muted:#5b6b7b;--line:#dde3ea;--bg:#f5f7f9;--accent:#0072B2}\n"
    "*{box-sizing:border-box}\n"
    "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,'Helvetica Neue',Arial,"
    "sans-serif;color:var(--ink);background:var(--bg);margin:0;line-height:1.5;font-size:16px}\n"
    "main{max-width:1100px;margin:0 auto;padding:28px 20px 64px}\n"
    "header h1{font-size:1.75rem;margin:0 0 .2em;line-height:1.25}\n"
    "header .meta{color:var(--muted);font-size:.95rem;margin:0}\n"
    "section{background:#fff;border:1px solid var(--line);border-radius:10px;"
    "padding:20px 24px;margin:20px 0}\n"
    "h2{font-size:1.3rem;margin:0 0 .4em}h3{font-size:1.05rem;margin:1.2em 0 .3em}\n"
    "p.explain,figcaption{color:var(--muted);font-size:.93rem;margin:.3em 0 .8em}\n"
    "table{border-collapse:collapse;width:100%;font-size:.92rem;margin:.4em 0}\n"
    "th,td{padding:6px 8px;border-bottom:1px solid var(--line);text-align:left;"
    "vertical-align:top;overflow-wrap:break-word}\n"
    "th{font-weight:600;background:#f9fafb}\n"
    "td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}\n"
    "td.num{white-space:nowrap}td code,th{overflow-wrap:anywhere;white-space:normal}\n"
    ".ci{color:var(--muted);font-size:.86em}.about{color:var(--muted);font-size:.84rem;"
    "font-weight:400}\n"
    ".badge{display:inline-block;padding:0 8px;border-radius:10px;font-size:.8rem;"
    "white-space:nowrap;border:1px solid transparent}\n"
    ".better{background:#dcebf7;color:#004f80;border-color:#9cc5e3}"
    ".worse{background:#fbe3d4;color:#8a3300;border-color:#eeb08a}\n"
    ".different{background:#eef1f4;color:#1d2733;border-color:#c9d2db}"
    ".small{background:#f6f7f8;color:#5b6b7b}.chance{background:#fff;color:#5b6b7b;"
    "border-color:#cfd6dd}.none{color:#5b6b7b}\n"
    ".yes{background:#dcebf7;color:#004f80}.no{background:#eef1f4;color:#5b6b7b}\n"
    ".diff td{background:#fffbe6}\n"
    ".warn{background:#fff4e5;border:1px solid #f0c27a;border-radius:8px;padding:10px 14px;"
    "margin:12px 0}\n"
    "svg.chart{width:100%;height:auto;display:block;margin:6px 0 4px}\n"
    "svg text{font-family:system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;"
    "font-size:12px;fill:#1d2733}\n"
    "svg .tick{font-size:11px;fill:#5b6b7b}svg .grid{stroke:#e8ecf0}"
    "svg .zero,svg .axis{stroke:#7d8a97}\n"
    "svg .err{stroke:#1d2733;stroke-width:1.4;fill:none}svg .val{font-size:10.5px}\n"
    "svg .cat{font-size:11.5px}svg .axl{font-size:11.5px;fill:#5b6b7b}svg .lg{font-size:11.5px}\n"
    "svg .ref{stroke:#5b6b7b;stroke-dasharray:5 4}svg .reflbl{font-size:11px;fill:#5b6b7b}\n"
    "svg .sep{stroke:#eef1f4}svg .fl{font-size:11.5px}svg .fv{fill:#5b6b7b}\n"
    "figure{margin:0 0 12px}\n"
    ".findings{background:#eef6fb;border-color:#cfe3f1}.findings li{margin:.35em 0}\n"
    ".depends{color:var(--muted);font-size:.9rem}\n"
    ".findings li.headline{font-size:1.05rem}\n"
    "nav.toc{font-size:.92rem;margin:10px 0 0;display:flex;flex-wrap:wrap;gap:2px 14px}"
    "nav.toc a{color:var(--accent);text-decoration:none;white-space:nowrap}\n"
    "details{margin:.6em 0}details summary{cursor:pointer;color:var(--accent)}\n"
    ".grid2{display:grid;grid-template-columns:1fr 1fr;gap:8px 18px}\n"
    ".grid2>figure{min-width:0}\n"
    /* wide tables stack: one block per row, each cell with its heading */
    "@media (max-width:760px){.grid2{grid-template-columns:1fr}main{padding:16px 8px 40px}"
    "section{padding:14px 12px}}\n"
    "@media (max-width:760px),print{table.stack thead{display:none}"
    "table.stack,table.stack tbody,table.stack tr,table.stack td{display:block;width:100%}"
    "table.stack tr{border-bottom:2px solid var(--line);padding:4px 0;break-inside:avoid}"
    "table.stack td{border:none;padding:2px 6px;text-align:right;white-space:normal}"
    "table.stack td::after{content:'';display:block;clear:both}"
    "table.stack td::before{content:attr(data-label);font-weight:600;color:var(--muted);"
    "text-align:left;float:left;width:45%;padding-right:8px}"
    "table.stack td:first-child{display:block;text-align:left;font-weight:600}"
    "table.stack td:first-child::before{content:none}}\n"
    /* paper: A4, no page left nearly blank by a section kept in one piece */
    "@page{size:A4;margin:14mm 12mm}\n"
    "@media print{body{background:#fff;font-size:10pt}main{max-width:none;padding:0}"
    "section{border:none;border-radius:0;padding:0;margin:0 0 6mm;break-inside:auto}"
    "h2,h3{break-after:avoid}figure,tr,li,.warn{break-inside:avoid}"
    "svg.chart{max-height:120mm}.findings{background:#fff}nav.toc{display:none}"
    "details>summary{color:var(--ink)}}\n"
    "</style>\n");
}

/* Opens <section id="ID"> with its heading, then `open`, the text of
 * `then`, `close` (an explanation, or a figure's heading). */
static void section_head(rep *r, const char *id, bs_msg_id title, const char *open, bs_msg_id then,
                         const char *close) {
  P("<section id=\"");
  P(id);
  P("\"><h2>");
  P(bs_msg(r->lang, title));
  P("</h2>\n");
  P(open);
  P(bs_msg(r->lang, then));
  P(close);
}

static void section_explain(rep *r, const char *id, bs_msg_id title, bs_msg_id explain) {
  section_head(r, id, title, "<p class=\"explain\">", explain, "</p>\n");
}

static void section_figure(rep *r, const char *id, bs_msg_id title, bs_msg_id figure) {
  section_head(r, id, title, "<figure><h3>", figure, "</h3>\n");
}

/* ------------------------------------------------------------- sections */

static const char *base(const rep *r) { return r->nscen ? r->scen[0] : ""; }

static void header(rep *r) {
  const json_t *root = r->run;
  char a[64], b[64], c[64], d[64], e[64];
  P("<header><h1>");
  if (!strcmp(r->command, "compare")) {
    P(T(title_compare));
    for (size_t s = 0; s < r->nscen; s++) {
      if (s)
        P(s + 1 == r->nscen ? T(title_vs) : ", ");
      esc(r, r->scen[s]);
    }
  } else if (!strcmp(r->command, "effect")) {
    SAY(title_effect, instrument_words(r), r->nscen > 1 ? r->scen[1] : base(r));
  } else if (!strcmp(r->command, "sweep")) {
    SAY(title_sweep, base(r));
  } else {
    SAY(title_run, base(r));
  }
  P("</h1><p class=\"meta\">");
  SAY(meta_version, value_text(json_object_get(root, "version"), a, sizeof a),
      value_text(json_object_get(root, "seed"), b, sizeof b),
      value_text(json_object_get(root, "replications"), c, sizeof c));
  double h = r->nscen ? param_num(r, 0, "run.horizon_days") : NAN;
  if (isfinite(h)) {
    snprintf(a, sizeof a, "%.0f", h);
    vtext(r, b, sizeof b, h / 365.25, BS_FMT_NUM, 0);
    P(" &middot; ");
    SAY(meta_period, a, b);
  }
  double cs = r->nscen ? param_num(r, 0, "run.cohort_start_day") : NAN;
  double cl = r->nscen ? param_num(r, 0, "run.cohort_length_days") : NAN;
  if (isfinite(cs) && isfinite(cl)) {
    snprintf(d, sizeof d, "%.0f", cs);
    snprintf(e, sizeof e, "%.0f", cs + cl);
    P(" &middot; ");
    SAY(meta_cohort, d, e);
  }
  P("</p>\n<nav class=\"toc\">");
  struct {
    int on;
    const char *id;
    bs_msg_id text;
  } toc[] = {{1, "findings", BS_MSG_toc_findings},
             {1, "scenarios", BS_MSG_toc_scenarios},
             {r->has_summary, "indicators", BS_MSG_toc_indicators},
             {r->has_summary, "charts", BS_MSG_toc_charts},
             {r->has_compare && r->nscen > 1, "differences", BS_MSG_toc_differences},
             {r->has_effect, "effect", BS_MSG_toc_effect},
             {r->has_survival, "survival", BS_MSG_toc_survival},
             {r->has_stock, "caseload", BS_MSG_toc_caseload},
             {r->has_flow, "flow", BS_MSG_toc_flow},
             {r->has_sweep, "sweep", BS_MSG_toc_sweep},
             {r->nsin > 0, "assumptions", BS_MSG_toc_assumptions},
             {1, "method", BS_MSG_toc_method}};
  for (size_t i = 0; i < sizeof toc / sizeof toc[0]; i++)
    if (toc[i].on) {
      P("<a href=\"#");
      P(toc[i].id);
      P("\">");
      P(bs_msg(r->lang, toc[i].text));
      P("</a>");
    }
  P("</nav></header>\n");
}

static void finding_value(rep *r, const char *scen, const char *ind) {
  double m, lo, hi;
  bs_indicator_def in = known(ind);
  summary_get(r, scen, ind, &m, &lo, &hi);
  P("<strong>");
  fmtv(r, m, in.fmt, 0);
  P("</strong>");
  if (isfinite(lo) && isfinite(hi)) {
    char ci[160];
    interval_text(r, ci, sizeof ci, lo, hi, in.fmt, 0, ref3(m, lo, hi));
    P(" (");
    SAY(ci95, ci);
    P(")");
  }
}

/* "at least 1 pp for shares, 7 days for durations, €100,000 for money and
 * 5% of the larger value for counts" */
/* A setting as written: the fewest decimals that show it (1 pp, 7 days). */
static const char *setting_text(const rep *r, char *buf, size_t len, double v, bs_fmt fmt) {
  double shown = fmt == BS_FMT_PCT || fmt == BS_FMT_PP ? v * 100 : v;
  if (fmt != BS_FMT_EUR && shown == round(shown)) {
    char n[48];
    vtext(r, n, sizeof n, shown, BS_FMT_NUM, 0);
    snprintf(buf, len, "%s%s", n,
             fmt == BS_FMT_PCT    ? "%"
             : fmt == BS_FMT_PP   ? T(unit_pp)
             : fmt == BS_FMT_DAYS ? T(unit_days)
                                  : "");
    return buf;
  }
  return vtext(r, buf, len, v, fmt, 0);
}

static void thresholds_note(rep *r, int colours) {
  char a[64], b[64], c[64], d[64];
  setting_text(r, a, sizeof a, r->set.min_relevant_share, BS_FMT_PP);
  setting_text(r, b, sizeof b, r->set.min_relevant_days, BS_FMT_DAYS);
  setting_text(r, c, sizeof c, r->set.min_relevant_eur, BS_FMT_EUR);
  setting_text(r, d, sizeof d, r->set.min_relevant_relative, BS_FMT_PCT);
  P("<p class=\"explain\">");
  SAY(thresholds, a, b, c, d);
  if (colours) {
    P(" ");
    P(T(colours_note));
  }
  P("</p>\n");
}

/* The precision run.json records (compare --precision), or NULL. */
static const json_t *precision_of(const rep *r) {
  const json_t *p = json_object_get(r->run, "precision");
  return json_is_object(p) ? p : NULL;
}

/* One variant's findings: the net budget effect first, then the largest
 * differences by how far they pass the practical-relevance threshold. */
static void depends_on(rep *r, const char *ind, const char *scen);
static const sens_in *sens_for(const rep *r, const char *ind, const char *scen);

static void compare_findings_of(rep *r, size_t s, int *headline_chance) {
  const char *sc = r->scen[s];
  P("<h3>");
  SAY(variant_vs_base, sc, base(r));
  P("</h3><ul>\n");
  diff h;
  int have_headline = diff_of(r, sc, HEADLINE, &h) == 0 && isfinite(h.m);
  if (have_headline) {
    P("<li class=\"headline\">");
    badge(r, h.v, 0);
    P(" ");
    SAY(headline_budget, label(r, &h.d));
    P(" ");
    diff_sentence(r, &h);
    P(". ");
    /* its direct parts */
    int first = 1;
#define PART(part, whole)                                                                          \
  if (!strcmp(#whole, HEADLINE)) {                                                                 \
    diff p;                                                                                        \
    if (diff_of(r, sc, #part, &p) == 0) {                                                          \
      char v[64];                                                                                  \
      bs_fmt_value_ref(v, sizeof v, p.m, diff_fmt(p.d.fmt), 1, r->lang, ref3(h.m, h.lo, h.hi));    \
      if (first)                                                                                   \
        P(T(of_which));                                                                            \
      P(first ? " " : ", ");                                                                       \
      esc(r, label(r, &p.d));                                                                      \
      P(" ");                                                                                      \
      esc(r, v);                                                                                   \
      first = 0;                                                                                   \
    }                                                                                              \
  }
    BS_INDICATOR_PART_LIST(PART)
#undef PART
    if (!first)
      P(".");
    depends_on(r, HEADLINE, sc);
    P("</li>\n");
    if (h.v == V_CHANCE)
      *headline_chance = 1;
  }
  /* the largest differences, not counting the headline's parts */
  size_t n = bs_ext_count();
  diff *all = calloc(n, sizeof *all);
  size_t *order = calloc(n, sizeof *order);
  size_t nd = 0, small = 0, chance = 0, listed = 0;
  if (!all || !order) {
    free(all);
    free(order);
    P("</ul>\n");
    return;
  }
  for (size_t i = 0; i < n; i++) {
    const char *name = bs_ext_name(i);
    if (have_headline && bs_indicator_within(name, HEADLINE))
      continue;
    diff x;
    if (diff_of(r, sc, name, &x) != 0 || x.v == V_NONE)
      continue;
    small += x.v == V_SMALL;
    chance += x.v == V_CHANCE;
    if (x.v == V_SMALL || x.v == V_CHANCE)
      continue;
    /* a copy of one already kept (the same quantity twice) counts once */
    int copy = 0;
    for (size_t j = 0; j < nd && !copy; j++)
      copy = all[j].m == x.m && all[j].lo == x.lo && all[j].hi == x.hi && all[j].d.unit == x.d.unit;
    if (copy)
      continue;
    all[nd] = x;
    /* insertion by size, largest first; ties keep the table's order */
    size_t pos = nd;
    while (pos > 0 && all[order[pos - 1]].size < x.size) {
      order[pos] = order[pos - 1];
      pos--;
    }
    order[pos] = nd++;
  }
  for (size_t q = 0; q < nd && (long)q < r->set.key_findings; q++) {
    const diff *x = &all[order[q]];
    P("<li>");
    badge(r, x->v, 0);
    P(" <strong>");
    esc(r, label(r, &x->d));
    P("</strong>: ");
    diff_sentence(r, x);
    depends_on(r, x->d.name, sc);
    P("</li>\n");
    listed++;
  }
  if (!listed)
    P("<li>"), P(T(no_relevant_difference)), P("</li>\n");
  /* a difference a --sensitivity run screened is shown whatever its size:
   * someone asked which assumptions it depends on */
  for (size_t i = 0; i < r->nsin; i++) {
    const sens_in *si = &r->sin[i];
    if (!si->indicator || sens_for(r, si->indicator, sc) != si)
      continue;
    int shown = have_headline && !strcmp(si->indicator, HEADLINE);
    for (size_t q = 0; q < listed && !shown; q++)
      shown = !strcmp(all[order[q]].d.name, si->indicator);
    diff x;
    if (shown || diff_of(r, sc, si->indicator, &x) != 0)
      continue;
    P("<li>");
    badge(r, x.v, 0);
    P(" <strong>");
    esc(r, label(r, &x.d));
    P("</strong>: ");
    diff_sentence(r, &x);
    depends_on(r, si->indicator, sc);
    P("</li>\n");
  }
  char a[32], b[32], c[32];
  snprintf(a, sizeof a, "%zu", nd - listed);
  snprintf(b, sizeof b, "%zu", small);
  snprintf(c, sizeof c, "%zu", chance);
  P("<li class=\"rest\">");
  SAY(findings_rest, a, b, c);
  P("</li>\n</ul>\n");
  free(all);
  free(order);
}

static void uncertainty_findings(rep *r);
static void depends_on(rep *r, const char *ind, const char *scen);

/* The sweep's findings: per parameter and main indicator, the span of the
 * means over the values, the largest first. */
static void sweep_findings(rep *r);

static void warnings(rep *r, int headline_chance) {
  const json_t *reps = json_object_get(r->run, "replications");
  char a[32];
  if (json_is_number(reps) && json_number_value(reps) < 2 && r->has_summary) {
    P("<p class=\"warn\">");
    P(T(warn_one_replication));
    P("</p>\n");
  }
  const json_t *pr = precision_of(r);
  if (pr && json_is_false(json_object_get(pr, "reached"))) {
    snprintf(a, sizeof a, "%.0f", run_num(r, "replications"));
    P("<p class=\"warn\">");
    SAY(warn_precision_not_reached, a);
    P("</p>\n");
  }
  if (headline_chance) {
    snprintf(a, sizeof a, "%.0f", run_num(r, "replications"));
    char cmd[96];
    snprintf(cmd, sizeof cmd, "--precision " HEADLINE "=%.0f", r->set.min_relevant_eur / 2);
    P("<p class=\"warn\">");
    SAY(warn_headline_chance, a, cmd);
    P("</p>\n");
  }
}

static void findings(rep *r) {
  P("<section id=\"findings\" class=\"findings\"><h2>");
  P(T(findings));
  P("</h2>\n");
  int headline_chance = 0;
  if (!strcmp(r->command, "effect") && r->has_effect) {
    P("<ul>\n");
    const bs_csv *t = &r->effect;
    long co = bs_csv_col(t, "outcome"), cg = bs_csv_col(t, "group");
    for (size_t k = 0; k < t->nrow; k++) {
      if (strcmp(bs_csv_get(t, k, co), bs_effect_outcome_names[BS_EFF_O_LEFT_BENEFIT]) ||
          strcmp(bs_csv_get(t, k, cg), bs_effect_group_names[BS_EFF_G_PARTICIPANTS]))
        continue;
      double part = bs_csv_num(t, k, bs_csv_col(t, "participants"));
      double g = bs_csv_num(t, k, bs_csv_col(t, "gross"));
      double c = bs_csv_num(t, k, bs_csv_col(t, "counterfactual"));
      double n = bs_csv_num(t, k, bs_csv_col(t, "net"));
      double nl = bs_csv_num(t, k, bs_csv_col(t, "net_ci_low"));
      double nh = bs_csv_num(t, k, bs_csv_col(t, "net_ci_high"));
      double d = bs_csv_num(t, k, bs_csv_col(t, "deadweight"));
      char a[64], b[64], ci[160];
      P("<li>");
      SAY(effect_participants, vtext(r, a, sizeof a, part, BS_FMT_NUM, 0));
      P("</li>");
      if (!(part > 0)) {
        P("<li>");
        P(T(effect_nobody));
        P("</li>\n");
        continue;
      }
      P("<li>");
      SAY(effect_gross, vtext(r, a, sizeof a, g, BS_FMT_PCT, 0),
          vtext(r, b, sizeof b, c, BS_FMT_PCT, 0));
      P("</li><li>");
      SAY(effect_net, vtext(r, a, sizeof a, n, BS_FMT_PP, 1));
      if (isfinite(nl) && isfinite(nh)) {
        P(" (");
        SAY(ci95, interval_text(r, ci, sizeof ci, nl, nh, BS_FMT_PP, 1, NAN));
        P("): ");
        P(nl > 0 || nh < 0 ? T(distinguishable) : T(not_distinguishable_from_zero));
      }
      P(".</li><li>");
      SAY(effect_deadweight, vtext(r, a, sizeof a, d, BS_FMT_PCT, 0));
      P("</li>\n");
    }
    P("</ul>\n");
  } else if (r->has_compare && r->nscen > 1) {
    for (size_t s = 1; s < r->nscen; s++)
      compare_findings_of(r, s, &headline_chance);
    thresholds_note(r, 1);
  } else if (r->has_sweep) {
    sweep_findings(r);
  } else if (r->has_summary) {
    P("<ul>\n");
    for (size_t s = 0; s < r->nscen; s++) {
      const char *sc = r->scen[s];
      P("<li>");
      if (r->nscen > 1) {
        esc(r, sc);
        P(": ");
      }
      P(T(run_finding_1a));
      finding_value(r, sc, "langdurigheidsratio_true");
      P(T(run_finding_1b));
      P("</li><li>");
      finding_value(r, sc, "outflow_regular_work_12m");
      P(T(run_finding_2a));
      finding_value(r, sc, "median_spell_days");
      P(".</li><li>");
      finding_value(r, sc, "sluitingsratio_true");
      P(T(run_finding_3a));
      finding_value(r, sc, "sluitingsratio_registered");
      P(".</li><li>");
      P(T(run_finding_4a));
      finding_value(r, sc, HEADLINE);
      P(".</li>\n");
    }
    P("</ul>\n");
  }
  if (r->has_unc) {
    P("<ul>\n");
    uncertainty_findings(r);
    P("</ul>\n");
  }
  warnings(r, headline_chance);
  P("</section>\n");
}

typedef struct key_param {
  const char *path;
  bs_msg_id label;
} key_param;
static const key_param key_params[] = {
    {"run.horizon_days", BS_MSG_kp_horizon},
    {"inflow.applications_per_year", BS_MSG_kp_applications},
    {"inflow.initial_stock", BS_MSG_kp_stock},
    {"gatekeeping.claim_intake", BS_MSG_kp_claim_intake},
    {"cwi.kwint", BS_MSG_kp_kwint},
    {"gatekeeping.home_visits", BS_MSG_kp_home_visits},
    {"gatekeeping.work_first_gate", BS_MSG_kp_wf_gate},
    {"case_management.model", BS_MSG_kp_cm_model},
    {"case_management.consultants_fte", BS_MSG_kp_fte},
    {"work_first.enabled", BS_MSG_kp_work_first},
    {"trajectory.enabled", BS_MSG_kp_trajectory},
    {"trajectory.offer_order", BS_MSG_kp_offer_order},
    {"trajectory.effort_share", BS_MSG_kp_effort_share},
    {"activation.enabled", BS_MSG_kp_activation},
    {"sanctions.hoogwaardig_handhaven", BS_MSG_kp_hh},
    {"outflow.job_rate_per_year", BS_MSG_kp_job_rate},
};
enum { N_KEY_PARAMS = sizeof key_params / sizeof key_params[0] };

/* A parameter in words: the report's own label for a key parameter, the
 * catalogue's, else the schema's description (English); the path itself
 * when there is none. */
static const char *param_words(const rep *r, const char *path, char *buf, size_t len) {
  const char *w = NULL;
  for (size_t k = 0; k < N_KEY_PARAMS && !w; k++)
    if (!strcmp(key_params[k].path, path))
      w = bs_msg(r->lang, key_params[k].label);
  if (!w) {
    const char *help = bs_params_help(path);
    w = bs_term(r->lang, BS_TERM_PARAM, path, help ? help : path);
  }
  snprintf(buf, len, "%s", w);
  if (buf[0] >= 'a' && buf[0] <= 'z' && w != path) /* a description starts a sentence */
    buf[0] = (char)(buf[0] - 'a' + 'A');
  return buf;
}

/* Flattened leaves of a parameters object: "a.b.c" = text. */
typedef struct leaf {
  char path[160];
  char text[200];
} leaf;

static size_t flatten(const json_t *v, const char *prefix, leaf *out, size_t n, size_t cap) {
  if (!v)
    return n;
  if (json_is_object(v)) {
    const char *key;
    const json_t *c;
    json_object_foreach((json_t *)v, key, c) {
      char p[160];
      snprintf(p, sizeof p, "%s%s%s", prefix, *prefix ? "." : "", key);
      n = flatten(c, p, out, n, cap);
    }
    return n;
  }
  if (n < cap) {
    snprintf(out[n].path, sizeof out[n].path, "%s", prefix);
    value_text(v, out[n].text, sizeof out[n].text);
    n++;
  }
  return n;
}

/* Headings: a first one, then one per scenario (from `from`). */
static void scenario_heads(rep *r, const char *first, size_t from) {
  const char *heads[MAX_SCEN + 1];
  int num[MAX_SCEN + 1] = {0};
  size_t n = 0;
  heads[n++] = first;
  for (size_t s = from; s < r->nscen && n < MAX_COLS; s++) {
    num[n] = 1;
    heads[n++] = r->scen[s];
  }
  tbl_open(r, heads, num, n);
}

static void scenarios_section(rep *r) {
  char b[256];
  section_explain(r, "scenarios", BS_MSG_scenarios, BS_MSG_scenarios_explain);
  scenario_heads(r, T(parameter), 0);
  tbl_row(r, NULL);
  tbl_text(r, T(scenario_file), 0);
  for (size_t s = 0; s < r->nscen; s++) {
    tbl_cell(r, 1);
    P("<code>");
    esc(r, r->files[s] ? r->files[s] : "");
    P("</code></td>");
  }
  tbl_end_row(r);
  for (size_t k = 0; k < N_KEY_PARAMS; k++) {
    int differs = 0;
    char first[256] = "";
    for (size_t s = 0; s < r->nscen; s++) {
      value_text(json_at(r->params[s], key_params[k].path), b, sizeof b);
      if (s == 0)
        snprintf(first, sizeof first, "%s", b);
      else if (strcmp(first, b))
        differs = 1;
    }
    tbl_row(r, differs ? "diff" : NULL);
    tbl_text(r, bs_msg(r->lang, key_params[k].label), 0);
    for (size_t s = 0; s < r->nscen; s++)
      tbl_text(r, value_text(json_at(r->params[s], key_params[k].path), b, sizeof b), 1);
    tbl_end_row(r);
  }
  tbl_close(r);
  if (!strcmp(r->command, "effect")) {
    P("<p class=\"explain\">");
    SAY(effect_same_file, base(r), instrument_words(r));
    P("</p>\n");
  } else if (r->nscen > 1 && r->params[0]) {
    /* every parameter that differs from the base */
    enum { CAP = 800 };
    leaf *a = malloc(CAP * sizeof *a);
    if (a) {
      size_t na = flatten(r->params[0], "", a, 0, CAP);
      P("<h3>");
      SAY(every_param_differs, base(r));
      P("</h3>\n");
      scenario_heads(r, T(parameter), 0);
      size_t shown = 0;
      for (size_t i = 0; i < na; i++) {
        if (!strcmp(a[i].path, "run.name"))
          continue;
        int differs = 0;
        for (size_t s = 1; s < r->nscen && !differs; s++) {
          value_text(json_at(r->params[s], a[i].path), b, sizeof b);
          differs = strcmp(b, a[i].text) != 0;
        }
        if (!differs)
          continue;
        shown++;
        tbl_row(r, NULL);
        tbl_cell(r, 0);
        P("<code>");
        esc(r, a[i].path);
        P("</code></td>");
        tbl_text(r, a[i].text, 1);
        for (size_t s = 1; s < r->nscen; s++)
          tbl_text(r, value_text(json_at(r->params[s], a[i].path), b, sizeof b), 1);
        tbl_end_row(r);
      }
      if (!shown) {
        tbl_row(r, NULL);
        tbl_text(r, T(no_param_differs), 0);
        tbl_end_row(r);
      }
      tbl_close(r);
    }
    free(a);
  }
  P("</section>\n");
}

static void indicators_section(rep *r) {
  P("<section id=\"indicators\"><h2>");
  P(T(indicators));
  P("</h2>\n<p class=\"explain\">");
  P(T(indicators_explain));
  int diffs = r->has_compare && r->nscen > 1;
  if (diffs) {
    P(" ");
    P(T(indicators_explain_diff));
  }
  const json_t *reps = json_object_get(r->run, "replications");
  if (json_is_number(reps) && json_number_value(reps) < 2) {
    P(" <strong>");
    P(T(only_one_replication));
    P("</strong>");
  }
  P("</p>\n");
  const char *heads[MAX_COLS];
  int num[MAX_COLS] = {0};
  char dh[MAX_SCEN][200];
  size_t nh = 0;
  heads[nh++] = T(indicator);
  for (size_t s = 0; s < r->nscen && nh < MAX_COLS; s++) {
    num[nh] = 1;
    heads[nh++] = r->scen[s];
  }
  if (diffs)
    for (size_t s = 1; s < r->nscen && nh < MAX_COLS; s++) {
      snprintf(dh[s], sizeof dh[s], "%s \xe2\x88\x92 %s", r->scen[s], base(r));
      num[nh] = 1;
      heads[nh++] = dh[s];
    }
  tbl_open(r, heads, num, nh);
  for (size_t i = 0; i < N_KEY; i++) {
    bs_indicator_def d = known(key_inds[i]);
    tbl_row(r, NULL);
    tbl_cell(r, 0);
    P("<strong>");
    esc(r, label(r, &d));
    P("</strong><br><span class=\"about\">");
    esc(r, definition(r, &d));
    P("</span></td>");
    for (size_t s = 0; s < r->nscen; s++) {
      double m, lo, hi;
      summary_get(r, r->scen[s], d.name, &m, &lo, &hi);
      tbl_cell(r, 1);
      value_ci(r, m, lo, hi, d.fmt, 0);
      P("</td>");
    }
    if (diffs)
      for (size_t s = 1; s < r->nscen; s++) {
        diff x;
        tbl_cell(r, 1);
        if (diff_of(r, r->scen[s], d.name, &x) == 0) {
          fmtv(r, x.m, diff_fmt(d.fmt), 1);
          if (x.v != V_NONE) {
            P("<br>");
            badge(r, x.v, 1);
          }
        }
        P("</td>");
      }
    tbl_end_row(r);
  }
  tbl_close(r);
  P("<details><summary>");
  P(T(all_indicators));
  P("</summary>\n");
  const char *sh[] = {T(scenario), T(indicator), T(mean), "n"};
  static const int snum[] = {0, 0, 1, 1};
  tbl_open(r, sh, snum, 4);
  const bs_csv *t = &r->summary;
  long cs = bs_csv_col(t, "scenario"), ci = bs_csv_col(t, "indicator"), cm = bs_csv_col(t, "mean"),
       cl = bs_csv_col(t, "ci_low"), ch = bs_csv_col(t, "ci_high"), cn = bs_csv_col(t, "n");
  for (size_t k = 0; k < t->nrow; k++) {
    bs_indicator_def in = info_of(bs_csv_get(t, k, ci));
    tbl_row(r, NULL);
    tbl_text(r, bs_csv_get(t, k, cs), 0);
    tbl_cell(r, 0);
    esc(r, label(r, &in));
    P("<br><code>");
    esc(r, bs_csv_get(t, k, ci));
    P("</code></td>");
    tbl_cell(r, 1);
    value_ci(r, bs_csv_num(t, k, cm), bs_csv_num(t, k, cl), bs_csv_num(t, k, ch), in.fmt, 0);
    P("</td>");
    tbl_text(r, bs_csv_get(t, k, cn), 1);
    tbl_end_row(r);
  }
  tbl_close(r);
  P("</details></section>\n");
}

/* Observed figures (targets.csv): what the scenario is held against. */
static void targets_section(rep *r) {
  if (!r->has_targets)
    return;
  section_explain(r, "targets", BS_MSG_targets, BS_MSG_targets_explain);
  const char *heads[] = {T(indicator),    T(scenario),   T(observed_range),
                         T(simulated_ci), T(verdict_hd), T(source)};
  static const int num[] = {0, 0, 1, 1, 0, 0};
  tbl_open(r, heads, num, 6);
  const bs_csv *t = &r->targets;
  long cs = bs_csv_col(t, "scenario"), ci = bs_csv_col(t, "indicator"),
       co = bs_csv_col(t, "observed"), clo = bs_csv_col(t, "low"), chi = bs_csv_col(t, "high"),
       cm = bs_csv_col(t, "mean"), cl = bs_csv_col(t, "ci_low"), ch = bs_csv_col(t, "ci_high"),
       cv = bs_csv_col(t, "verdict"), csrc = bs_csv_col(t, "source");
  for (size_t k = 0; k < t->nrow; k++) {
    bs_indicator_def in = info_of(bs_csv_get(t, k, ci));
    tbl_row(r, NULL);
    tbl_cell(r, 0);
    if (strcmp(label(r, &in), bs_csv_get(t, k, ci)) != 0) {
      esc(r, label(r, &in));
      P("<br>");
    }
    P("<code>");
    esc(r, bs_csv_get(t, k, ci));
    P("</code></td>");
    tbl_text(r, bs_csv_get(t, k, cs), 0);
    tbl_cell(r, 1);
    value_ci(r, bs_csv_num(t, k, co), bs_csv_num(t, k, clo), bs_csv_num(t, k, chi), in.fmt, 0);
    P("</td>");
    tbl_cell(r, 1);
    value_ci(r, bs_csv_num(t, k, cm), bs_csv_num(t, k, cl), bs_csv_num(t, k, ch), in.fmt, 0);
    P("</td>");
    const char *v = bs_csv_get(t, k, cv);
    tbl_cell(r, 0);
    if (!strcmp(v, "interval_inside"))
      P("<span class=\"badge yes\">"), P(T(target_inside)), P("</span>");
    else if (!strcmp(v, "mean_inside"))
      P("<span class=\"badge\">"), P(T(target_mean_inside)), P("</span>");
    else if (!strcmp(v, "outside"))
      P("<span class=\"badge no\">"), P(T(target_outside)), P("</span>");
    else
      P("&ndash;");
    P("</td>");
    tbl_text(r, bs_csv_get(t, k, csrc), 0);
    tbl_end_row(r);
  }
  tbl_close(r);
  P("</section>\n");
}

/* A bar chart of ncat categories x nser series with its axis from 0, in the
 * report's language. */
static bs_bar_chart bar_chart(const rep *r, const char *title, const char *y_label, bs_fmt fmt,
                              size_t ncat, size_t nser, const char *const *cats,
                              const char *const *sers, const double *m, const double *lo,
                              const double *hi) {
  return (bs_bar_chart){.title = title,
                        .y_label = y_label,
                        .fmt = fmt,
                        .ncat = ncat,
                        .nser = nser,
                        .cat_labels = cats,
                        .ser_labels = sers,
                        .mean = m,
                        .lo = lo,
                        .hi = hi,
                        .zero_based = 1,
                        .lang = r->lang};
}

/* A grouped bar chart of indicators (categories) x scenarios (series). */
static void bars_of(rep *r, const char *title, const char *y_label, bs_fmt fmt,
                    const char *const *inds, const char *const *labels, size_t n,
                    const char *const *scen, size_t nscen) {
  enum { MAXC = 16 };
  double m[MAXC * MAX_SCEN], lo[MAXC * MAX_SCEN], hi[MAXC * MAX_SCEN];
  if (n > MAXC)
    n = MAXC;
  int any = 0;
  for (size_t k = 0; k < n; k++)
    for (size_t s = 0; s < nscen; s++) {
      size_t i = k * nscen + s;
      summary_get(r, scen[s], inds[k], &m[i], &lo[i], &hi[i]);
      any |= isfinite(m[i]);
    }
  if (!any)
    return;
  bs_bar_chart c = bar_chart(r, title, y_label, fmt, n, nscen, labels, scen, m, lo, hi);
  bs_svg_bars(r->f, &c);
}

static void charts_section(rep *r) {
  P("<section id=\"charts\"><h2>");
  P(T(charts));
  P("</h2>\n");
  size_t ns = r->nscen;
  /* the cohort ratios charted, each with its chart label; the first four
   * also true versus registered */
  static const struct {
    int item;
    bs_msg_id chart;
  } ratios[] = {{BS_COHORT_complianceratio, BS_MSG_chart_compliance},
                {BS_COHORT_langdurigheidsratio, BS_MSG_chart_longterm},
                {BS_COHORT_sluitingsratio, BS_MSG_chart_closing},
                {BS_COHORT_uitstroomratio_met_traject, BS_MSG_chart_out_with},
                {BS_COHORT_uitstroomratio_zonder_traject, BS_MSG_chart_out_without}};
  enum { NRATIO = sizeof ratios / sizeof ratios[0], NTR = 4 };
  const char *ratio_inds[2][NRATIO], *ratio_labels[NRATIO];
  for (size_t k = 0; k < NRATIO; k++) {
    for (int reg = 0; reg < 2; reg++)
      ratio_inds[reg][k] = bs_indicator_name(bs_indicator_cohort_index(ratios[k].item, reg));
    ratio_labels[k] = bs_msg(r->lang, ratios[k].chart);
  }
  P("<figure><h3>");
  P(T(chart_cohort_title));
  P("</h3>\n");
  bars_of(r, T(chart_cohort_svg), T(share_of_clients), BS_FMT_PCT, ratio_inds[0], ratio_labels,
          NRATIO, r->scen, ns);
  P("<figcaption>");
  P(T(chart_cohort_caption));
  P("</figcaption></figure>\n");

  /* true vs registered for the first scenario */
  {
    double m[2 * NTR], lo[2 * NTR], hi[2 * NTR];
    int any = 0;
    for (size_t k = 0; k < NTR; k++)
      for (int s = 0; s < 2; s++) {
        summary_get(r, base(r), ratio_inds[s][k], &m[k * 2 + s], &lo[k * 2 + s], &hi[k * 2 + s]);
        any |= isfinite(m[k * 2 + s]);
      }
    if (any) {
      const char *ser[] = {T(series_true), T(series_registered)};
      char title[200];
      FORMAT(title, chart_registered_svg, base(r));
      bs_bar_chart c = bar_chart(r, title, T(share_of_clients), BS_FMT_PCT, NTR, 2, ratio_labels,
                                 ser, m, lo, hi);
      c.colour_offset = 4;
      P("<figure><h3>");
      SAY(chart_registered_title, base(r));
      P("</h3>\n");
      bs_svg_bars(r->f, &c);
      P("<figcaption>");
      P(T(chart_registered_caption));
      P("</figcaption></figure>\n");
    }
  }

  const char *route_inds[BS_ROUTE_N], *route_labels[BS_ROUTE_N];
  for (int k = 0; k < BS_ROUTE_N; k++) {
    route_inds[k] = bs_indicator_name(bs_indicator_outflow_index(k, BS_OUTFLOW_12m));
    route_labels[k] =
        bs_term(r->lang, BS_TERM_ROUTE_CHART, bs_route_names[k], bs_route_chart_labels[k]);
  }
  P("<figure><h3>");
  P(T(chart_routes_title));
  P("</h3>\n");
  bars_of(r, T(chart_routes_svg), T(share_of_cohort), BS_FMT_PCT, route_inds, route_labels,
          BS_ROUTE_N, r->scen, ns);
  P("<figcaption>");
  P(T(chart_routes_caption));
  P("</figcaption></figure>\n");

  static const struct {
    const char *ind;
    bs_msg_id chart;
  } money_rows[] = {{"inkomensdeel_eur", BS_MSG_chart_money_benefit},
                    {"werkdeel_eur", BS_MSG_chart_money_werkdeel},
                    {"consultant_spend_eur", BS_MSG_chart_money_consultants},
                    {HEADLINE, BS_MSG_chart_money_total}};
  enum { NMONEY = sizeof money_rows / sizeof money_rows[0] };
  const char *money_inds[NMONEY], *money_labels[NMONEY];
  for (size_t k = 0; k < NMONEY; k++) {
    money_inds[k] = known(money_rows[k].ind).name;
    money_labels[k] = bs_msg(r->lang, money_rows[k].chart);
  }
  P("<figure><h3>");
  P(T(chart_money_title));
  P("</h3>\n");
  bars_of(r, T(chart_money_svg), T(eur_over_period), BS_FMT_EUR, money_inds, money_labels, NMONEY,
          r->scen, ns);
  P("<figcaption>");
  P(T(chart_money_caption));
  P("</figcaption></figure>\n");
  P("</section>\n");
}

static void differences_section(rep *r) {
  if (!(r->has_compare && r->nscen > 1))
    return;
  P("<section id=\"differences\"><h2>");
  SAY(differences, base(r));
  P("</h2>\n<p class=\"explain\">");
  P(T(differences_explain));
  P("</p>\n");
  const char *const *sers = r->scen + 1;
  size_t nser = r->nscen - 1;
  static const char *const groups[3][7] = {
      {"langdurigheidsratio_true", "complianceratio_true", "sluitingsratio_true",
       "uitstroomratio_met_traject_true", "outflow_regular_work_12m", "outflow_subsidised_work_12m",
       NULL},
      {"median_spell_days", "time_to_first_offer_mean_days", "consultant_mean_wait_days", NULL,
       NULL, NULL, NULL},
      {HEADLINE, "inkomensdeel_eur", "werkdeel_eur", "consultant_spend_eur", NULL, NULL, NULL}};
  static const bs_msg_id heads[3] = {BS_MSG_forest_shares, BS_MSG_forest_days, BS_MSG_forest_money};
  static const bs_fmt fmts[3] = {BS_FMT_PP, BS_FMT_DAYS, BS_FMT_EUR};
  for (int g = 0; g < 3; g++) {
    bs_forest_row rows[7 * MAX_SCEN];
    size_t n = 0;
    for (int i = 0; i < 7 && groups[g][i]; i++)
      for (size_t s = 0; s < nser; s++) {
        double m, lo, hi;
        compare_get(r, sers[s], groups[g][i], &m, &lo, &hi);
        bs_indicator_def in = known(groups[g][i]);
        rows[n++] = (bs_forest_row){label(r, &in), s, m, lo, hi};
      }
    P("<figure><h3>");
    P(bs_msg(r->lang, heads[g]));
    P("</h3>\n");
    bs_svg_forest(r->f, r->lang, bs_msg(r->lang, heads[g]), T(forest_axis), fmts[g], rows, n, sers,
                  nser);
    P("</figure>\n");
  }
  P("<details><summary>");
  P(T(all_differences));
  P("</summary>\n");
  const char *th[] = {T(indicator), T(scenario), T(mean_only), T(difference), T(verdict_hd)};
  static const int num[] = {0, 0, 1, 1, 0};
  tbl_open(r, th, num, 5);
  const bs_csv *t = &r->compare;
  long ci = bs_csv_col(t, "indicator"), cs = bs_csv_col(t, "scenario");
  for (size_t k = 0; k < t->nrow; k++) {
    if (!strcmp(bs_csv_get(t, k, cs), base(r)))
      continue;
    diff x;
    if (diff_of(r, bs_csv_get(t, k, cs), bs_csv_get(t, k, ci), &x) != 0)
      continue;
    tbl_row(r, NULL);
    tbl_cell(r, 0);
    esc(r, label(r, &x.d));
    P("<br><code>");
    esc(r, bs_csv_get(t, k, ci));
    P("</code></td>");
    tbl_text(r, bs_csv_get(t, k, cs), 0);
    tbl_cell(r, 1);
    fmtv(r, x.var, x.d.fmt, 0);
    P("</td>");
    tbl_cell(r, 1);
    value_ci(r, x.m, x.lo, x.hi, diff_fmt(x.d.fmt), 1);
    P("</td>");
    tbl_cell(r, 0);
    badge(r, x.v, 1);
    P("</td>");
    tbl_end_row(r);
  }
  tbl_close(r);
  P("</details></section>\n");
}

static void effect_section(rep *r) {
  if (!r->has_effect)
    return;
  const bs_csv *t = &r->effect;
  P("<section id=\"effect\"><h2>");
  SAY(effect_title, instrument_words(r));
  P("</h2>\n<p class=\"explain\">");
  P(T(effect_explain));
  P("</p>\n");
  long co = bs_csv_col(t, "outcome"), cg = bs_csv_col(t, "group");
  enum { NG = BS_EFF_GROUPS };
  const char *group_labels[NG], *group_charts[NG];
  for (int g = 0; g < NG; g++) {
    group_labels[g] =
        bs_term(r->lang, BS_TERM_GROUP, bs_effect_group_names[g], bs_effect_group_labels[g]);
    group_charts[g] = bs_term(r->lang, BS_TERM_GROUP_CHART, bs_effect_group_names[g],
                              bs_effect_group_chart_labels[g]);
  }
  for (int o = 0; o < BS_EFF_OUTCOMES; o++) {
    double m[2 * NG], lo[2 * NG], hi[2 * NG];
    int any = 0;
    bs_forest_row rows[NG];
    const char *outcome =
        bs_term(r->lang, BS_TERM_OUTCOME, bs_effect_outcome_names[o], bs_effect_outcome_labels[o]);
    for (int g = 0; g < NG; g++) {
      m[g * 2] = m[g * 2 + 1] = lo[g * 2] = lo[g * 2 + 1] = hi[g * 2] = hi[g * 2 + 1] = NAN;
      /* the forest plot wants single-line labels */
      rows[g] = (bs_forest_row){group_labels[g], 0, NAN, NAN, NAN};
      for (size_t k = 0; k < t->nrow; k++) {
        if (strcmp(bs_csv_get(t, k, co), bs_effect_outcome_names[o]) ||
            strcmp(bs_csv_get(t, k, cg), bs_effect_group_names[g]))
          continue;
        m[g * 2] = bs_csv_num(t, k, bs_csv_col(t, "gross"));
        lo[g * 2] = bs_csv_num(t, k, bs_csv_col(t, "gross_ci_low"));
        hi[g * 2] = bs_csv_num(t, k, bs_csv_col(t, "gross_ci_high"));
        m[g * 2 + 1] = bs_csv_num(t, k, bs_csv_col(t, "counterfactual"));
        lo[g * 2 + 1] = bs_csv_num(t, k, bs_csv_col(t, "counterfactual_ci_low"));
        hi[g * 2 + 1] = bs_csv_num(t, k, bs_csv_col(t, "counterfactual_ci_high"));
        rows[g].mean = bs_csv_num(t, k, bs_csv_col(t, "net"));
        rows[g].lo = bs_csv_num(t, k, bs_csv_col(t, "net_ci_low"));
        rows[g].hi = bs_csv_num(t, k, bs_csv_col(t, "net_ci_high"));
        any |= isfinite(m[g * 2]);
      }
    }
    if (!any) {
      if (o == 0) {
        P("<p><strong>");
        P(T(effect_nobody_section));
        P("</strong></p>\n");
      }
      continue;
    }
    const char *ser[] = {T(effect_series_with), T(effect_series_without)};
    P("<figure><h3>");
    SAY(effect_share_title, outcome);
    P("</h3>\n");
    bs_bar_chart c =
        bar_chart(r, outcome, T(share_of_group), BS_FMT_PCT, NG, 2, group_charts, ser, m, lo, hi);
    c.colour_offset = 2;
    bs_svg_bars(r->f, &c);
    P("</figure>\n<figure><h3>");
    SAY(effect_net_title, outcome);
    P("</h3>\n");
    const char *nser[] = {T(effect_series_net)};
    bs_svg_forest(r->f, r->lang, T(effect_net_svg), T(effect_net_axis), BS_FMT_PP, rows, NG, nser,
                  1);
    P("<figcaption>");
    P(T(effect_caption));
    P("</figcaption></figure>\n");
  }
  const char *th[] = {T(effect_outcome),      T(effect_group),      T(effect_participants_hd),
                      T(effect_gross_hd),     T(effect_without_hd), T(effect_net_hd),
                      T(effect_deadweight_hd)};
  static const int num[] = {0, 0, 1, 1, 1, 1, 1};
  tbl_open(r, th, num, 7);
  for (size_t k = 0; k < t->nrow; k++) {
    const char *on = bs_csv_get(t, k, co), *gn = bs_csv_get(t, k, cg);
    int oi = bs_domain_index(bs_effect_outcome_names, BS_EFF_OUTCOMES, on);
    int gi = bs_domain_index(bs_effect_group_names, BS_EFF_GROUPS, gn);
    tbl_row(r, NULL);
    tbl_text(r, oi >= 0 ? bs_term(r->lang, BS_TERM_OUTCOME, on, bs_effect_outcome_labels[oi]) : on,
             0);
    tbl_text(r, gi >= 0 ? group_labels[gi] : gn, 0);
    tbl_cell(r, 1);
    fmtv(r, bs_csv_num(t, k, bs_csv_col(t, "participants")), BS_FMT_NUM, 0);
    P("</td>");
    tbl_cell(r, 1);
    fmtv(r, bs_csv_num(t, k, bs_csv_col(t, "gross")), BS_FMT_PCT, 0);
    P("</td>");
    tbl_cell(r, 1);
    fmtv(r, bs_csv_num(t, k, bs_csv_col(t, "counterfactual")), BS_FMT_PCT, 0);
    P("</td>");
    tbl_cell(r, 1);
    value_ci(r, bs_csv_num(t, k, bs_csv_col(t, "net")),
             bs_csv_num(t, k, bs_csv_col(t, "net_ci_low")),
             bs_csv_num(t, k, bs_csv_col(t, "net_ci_high")), BS_FMT_PP, 1);
    P("</td>");
    tbl_cell(r, 1);
    fmtv(r, bs_csv_num(t, k, bs_csv_col(t, "deadweight")), BS_FMT_PCT, 0);
    P("</td>");
    tbl_end_row(r);
  }
  tbl_close(r);
  P("</section>\n");
}

/* A line chart of nser series with free axes (NaN ranges, no reference
 * line), in the report's language; set the rest after. */
static bs_line_chart line_chart(const rep *r, const char *title, const char *x_label,
                                const char *y_label, bs_fmt y_fmt, size_t nser,
                                const bs_series *series) {
  return (bs_line_chart){.title = title,
                         .x_label = x_label,
                         .y_label = y_label,
                         .x_fmt = BS_FMT_NUM,
                         .y_fmt = y_fmt,
                         .nser = nser,
                         .series = series,
                         .y_min = NAN,
                         .y_max = NAN,
                         .x_min = NAN,
                         .x_max = NAN,
                         .hline = NAN,
                         .lang = r->lang};
}

/* One scenario's Kaplan-Meier curve from survival.csv: the points (with day
 * 0 first), the number at risk at each, and where the curve stops (the
 * first day fewer than report.survival_min_at_risk spells were at risk). */
typedef struct km_curve {
  double *x, *y, *risk;
  size_t n;
  double median, cut;
  int has_cut;
} km_curve;

static void km_read(const rep *r, const char *scen, double *x, double *y, double *risk,
                    km_curve *c) {
  const bs_csv *t = &r->survival;
  long cs = bs_csv_col(t, "scenario"), cd = bs_csv_col(t, "day"), cv = bs_csv_col(t, "survival"),
       ca = bs_csv_col(t, "at_risk");
  *c = (km_curve){x, y, risk, 0, NAN, NAN, 0};
  double min_risk = (double)r->set.survival_min_at_risk;
  size_t n = 0;
  for (size_t k = 0; k < t->nrow; k++) {
    if (strcmp(bs_csv_get(t, k, cs), scen))
      continue;
    double d = bs_csv_num(t, k, cd), v = bs_csv_num(t, k, cv), a = bs_csv_num(t, k, ca);
    if (!isfinite(d) || !isfinite(v))
      continue;
    if (n == 0 && d > 0) { /* the curve starts at 1 on day 0, with all at risk */
      x[n] = 0;
      y[n] = 1;
      risk[n++] = a;
    }
    x[n] = d;
    y[n] = v;
    risk[n++] = a;
    if (!c->has_cut && isfinite(a) && a < min_risk) {
      c->has_cut = 1;
      c->cut = d;
    }
    if (!isfinite(c->median) && v <= 0.5 && !(c->has_cut && d >= c->cut))
      c->median = d;
  }
  c->n = n;
}

/* S(t): the curve's value at day t (NaN past the cut-off). */
static double km_at(const km_curve *c, double t) {
  if (c->has_cut && t >= c->cut)
    return NAN;
  double v = NAN;
  for (size_t i = 0; i < c->n && c->x[i] <= t; i++)
    v = c->y[i];
  return v;
}

static void survival_section(rep *r) {
  if (!r->has_survival)
    return;
  const bs_csv *t = &r->survival;
  bs_series ser[MAX_SCEN];
  km_curve kc[MAX_SCEN];
  size_t cap = t->nrow + MAX_SCEN;
  double *xs = malloc(cap * sizeof *xs), *ys = malloc(cap * sizeof *ys),
         *rs = malloc(cap * sizeof *rs);
  size_t ns = 0, off = 0;
  if (!xs || !ys || !rs) {
    free(xs);
    free(ys);
    free(rs);
    return;
  }
  int any_cut = 0;
  for (size_t s = 0; s < r->nscen && s < MAX_SCEN; s++) {
    km_read(r, r->scen[s], xs + off, ys + off, rs + off, &kc[ns]);
    ser[ns] = (bs_series){.label = r->scen[s],
                          .x = kc[ns].x,
                          .y = kc[ns].y,
                          .n = kc[ns].n,
                          .step = 1,
                          .at_risk = kc[ns].risk,
                          .has_end = kc[ns].has_cut,
                          .x_end = kc[ns].cut};
    any_cut |= kc[ns].has_cut;
    off += kc[ns].n;
    ns++;
  }
  double h = r->nscen ? param_num(r, 0, "run.horizon_days") : NAN;
  section_figure(r, "survival", BS_MSG_survival, BS_MSG_survival_title);
  bs_line_chart c =
      line_chart(r, T(survival_svg), T(survival_x), T(survival_y), BS_FMT_PCT, ns, ser);
  c.y_min = 0;
  c.y_max = 1;
  c.x_min = isfinite(h) ? 0 : NAN;
  c.x_max = isfinite(h) ? h : NAN;
  c.hline = 0.5;
  c.hline_label = T(survival_median_line);
  c.risk_label = T(number_at_risk);
  bs_svg_lines(r->f, &c);
  char a[32], b[32];
  snprintf(a, sizeof a, "%ld", r->set.survival_min_at_risk);
  snprintf(b, sizeof b, "%.0f", run_num(r, "replications"));
  P("<figcaption>");
  P(T(survival_caption));
  P(" ");
  SAY(survival_risk_caption, a, b);
  P("</figcaption></figure>\n");
  const char *th[] = {T(scenario), T(median_pooled), T(still_after_1y), T(still_after_2y),
                      T(curve_stops)};
  static const int num[] = {0, 1, 1, 1, 1};
  tbl_open(r, th, num, 5);
  for (size_t s = 0; s < ns; s++) {
    double y1 = km_at(&kc[s], 365), y2 = km_at(&kc[s], 730);
    if (isfinite(h) && h < 730)
      y2 = NAN;
    tbl_row(r, NULL);
    tbl_text(r, ser[s].label, 0);
    tbl_cell(r, 1);
    if (isfinite(kc[s].median))
      fmtv(r, kc[s].median, BS_FMT_DAYS, 0);
    else
      P(T(not_reached));
    P("</td>");
    tbl_cell(r, 1);
    fmtv(r, y1, BS_FMT_PCT, 0);
    P("</td>");
    tbl_cell(r, 1);
    fmtv(r, y2, BS_FMT_PCT, 0);
    P("</td>");
    tbl_cell(r, 1);
    if (kc[s].has_cut) {
      char d[64];
      SAY(day_n, vtext(r, d, sizeof d, kc[s].cut, BS_FMT_NUM, 0));
    } else {
      P("&ndash;");
    }
    P("</td>");
    tbl_end_row(r);
  }
  tbl_close(r);
  (void)any_cut;
  P("</section>\n");
  free(xs);
  free(ys);
  free(rs);
}

/* The caseload over time, from stock_summary.csv: clients on benefit. */
static void caseload_section(rep *r) {
  if (!r->has_stock)
    return;
  const bs_csv *t = &r->stock;
  long cs = bs_csv_col(t, "scenario"), cst = bs_csv_col(t, "stock"), cd = bs_csv_col(t, "day"),
       cm = bs_csv_col(t, "mean"), cl = bs_csv_col(t, "ci_low"), ch = bs_csv_col(t, "ci_high");
  size_t cap = t->nrow + 1;
  double *buf = malloc(4 * cap * sizeof *buf);
  if (!buf)
    return;
  double *x = buf, *y = buf + cap, *lo = buf + 2 * cap, *hi = buf + 3 * cap;
  bs_series ser[MAX_SCEN];
  size_t ns = 0, off = 0;
  for (size_t s = 0; s < r->nscen && s < MAX_SCEN; s++) {
    size_t n = 0;
    for (size_t k = 0; k < t->nrow; k++)
      if (!strcmp(bs_csv_get(t, k, cs), r->scen[s]) &&
          !strcmp(bs_csv_get(t, k, cst), "on_benefit")) {
        x[off + n] = bs_csv_num(t, k, cd);
        y[off + n] = bs_csv_num(t, k, cm);
        lo[off + n] = bs_csv_num(t, k, cl);
        hi[off + n] = bs_csv_num(t, k, ch);
        n++;
      }
    if (!n)
      continue;
    ser[ns++] = (bs_series){
        .label = r->scen[s], .x = x + off, .y = y + off, .lo = lo + off, .hi = hi + off, .n = n};
    off += n;
  }
  if (ns) {
    section_figure(r, "caseload", BS_MSG_caseload, BS_MSG_caseload_title);
    bs_line_chart c =
        line_chart(r, T(caseload_svg), T(survival_x_days), T(caseload_y), BS_FMT_NUM, ns, ser);
    bs_svg_lines(r->f, &c);
    P("<figcaption>");
    P(T(caseload_caption));
    P("</figcaption></figure></section>\n");
  }
  free(buf);
}

static void flow_section(rep *r) {
  if (!r->has_flow)
    return;
  section_explain(r, "flow", BS_MSG_flow, BS_MSG_flow_explain);
  size_t shown = 0;
  for (size_t s = 0; s < r->nscen && shown < 6; s++) {
    const char *sc = r->scen[s];
    double apps = flow_get(r, sc, "inflow", "applications");
    if (!isfinite(apps))
      continue;
    shown++;
    /* the gate's outcomes, those still in intake, and the admitted last */
    enum { NGATE = BS_GATE_N + 2, NOUT = BS_ROUTE_N + 1 };
    bs_flow_node gate[NGATE], out[NOUT];
    for (int i = 0; i < BS_GATE_N; i++)
      gate[i] = flow_node(r, sc, "gate", bs_gate_names[i],
                          bs_term(r->lang, BS_TERM_GATE, bs_gate_names[i], bs_gate_labels[i]), 0);
    gate[BS_GATE_N] = flow_node(r, sc, "gate", "in_intake_at_horizon", T(flow_in_intake), 0);
    gate[BS_GATE_N + 1] = flow_node(r, sc, "gate", "admitted", T(flow_admitted), 0);
    double initial = flow_get(r, sc, "inflow", "initial_stock");
    double onb = gate[NGATE - 1].value + (isfinite(initial) ? initial : 0); /* admitted */
    for (int i = 0; i < BS_ROUTE_N; i++)
      out[i] = flow_node(r, sc, "outflow", bs_route_names[i],
                         bs_term(r->lang, BS_TERM_ROUTE, bs_route_names[i], bs_route_labels[i]),
                         BS_ROUTE_IS_WORK(i));
    out[BS_ROUTE_N] = flow_node(r, sc, "end", "on_benefit_at_horizon", T(flow_still_on), 0);
    char title[200];
    FORMAT(title, flow_svg, sc);
    bs_flow_diagram d = {title,
                         {T(flow_applications), apps, 0},
                         gate,
                         NGATE,
                         {T(flow_initial), isfinite(initial) ? initial : 0, 0},
                         {T(flow_on_benefit), onb, 0},
                         out,
                         NOUT};
    P("<figure><h3>");
    SAY(flow_title, sc);
    P("</h3>\n");
    bs_svg_flow(r->f, r->lang, &d);
    char ph[4][32], p[4][32];
    for (int k = 0; k < 4; k++) {
      char item[16];
      snprintf(item, sizeof item, "phase_%d", k + 1);
      vtext(r, ph[k], sizeof ph[k], flow_get(r, sc, "phase", item), BS_FMT_NUM, 0);
    }
    vtext(r, p[0], sizeof p[0],
          flow_get(r, sc, "programme", bs_programme_names[BS_PROG_WORK_FIRST]), BS_FMT_NUM, 0);
    vtext(r, p[1], sizeof p[1],
          flow_get(r, sc, "programme", bs_programme_names[BS_PROG_TRAJECTORY]), BS_FMT_NUM, 0);
    vtext(r, p[2], sizeof p[2],
          flow_get(r, sc, "programme", bs_programme_names[BS_PROG_ACTIVATION]), BS_FMT_NUM, 0);
    vtext(r, p[3], sizeof p[3], flow_get(r, sc, "programme", "sanction"), BS_FMT_NUM, 0);
    P("<figcaption>");
    SAY(flow_caption, ph[0], ph[1], ph[2], ph[3], p[0], p[1], p[2], p[3]);
    P("</figcaption></figure>\n");
  }
  P("</section>\n");
}

/* ------------------------------------------------------------------ sweep */

enum { MAXV = 64 };

/* A swept parameter: its values in order, and whether all are numbers. */
typedef struct sweep_param {
  const char *param;
  const char *vals[MAXV];
  double num[MAXV];
  size_t nv;
  int numeric;
  size_t first_row;
} sweep_param;

/* The parameters of sweep_summary.csv in order of appearance (at most cap). */
static size_t sweep_params(const rep *r, sweep_param *sp, size_t cap) {
  const bs_csv *t = &r->sweep;
  /* label: the value as given; value: the same as a number (NA when it is none) */
  long cp = bs_csv_col(t, "param"), cl = bs_csv_col(t, "label"), cv = bs_csv_col(t, "value");
  size_t n = 0;
  for (size_t k = 0; k < t->nrow && n < cap; k++) {
    const char *param = bs_csv_get(t, k, cp);
    int seen = 0;
    for (size_t j = 0; j < n && !seen; j++)
      seen = !strcmp(sp[j].param, param);
    if (seen)
      continue;
    sweep_param *p = &sp[n++];
    p->param = param;
    p->nv = 0;
    p->numeric = 1;
    p->first_row = k;
    for (size_t j = k; j < t->nrow; j++) {
      if (strcmp(bs_csv_get(t, j, cp), param))
        continue;
      const char *v = bs_csv_get(t, j, cl);
      int dup = 0;
      for (size_t q = 0; q < p->nv; q++)
        dup |= !strcmp(p->vals[q], v);
      if (dup || p->nv >= MAXV)
        continue;
      p->vals[p->nv] = v;
      p->num[p->nv] = bs_csv_num(t, j, cv);
      p->numeric &= isfinite(p->num[p->nv]);
      p->nv++;
    }
  }
  return n;
}

/* A point of the sweep: indicator `ind` at value q of parameter p, its mean
 * and interval, and its paired difference from the parameter's first point
 * (NaN at the first point itself). */
typedef struct sweep_value {
  double m, lo, hi, d, dlo, dhi;
} sweep_value;

static sweep_value sweep_point(const rep *r, const sweep_param *p, size_t q, const char *ind) {
  const bs_csv *t = &r->sweep;
  long cp = bs_csv_col(t, "param"), cv = bs_csv_col(t, "label"), ci = bs_csv_col(t, "indicator");
  sweep_value v = {NAN, NAN, NAN, NAN, NAN, NAN};
  for (size_t j = p->first_row; j < t->nrow; j++)
    if (!strcmp(bs_csv_get(t, j, cp), p->param) && !strcmp(bs_csv_get(t, j, cv), p->vals[q]) &&
        !strcmp(bs_csv_get(t, j, ci), ind)) {
      v.m = bs_csv_num(t, j, bs_csv_col(t, "mean"));
      v.lo = bs_csv_num(t, j, bs_csv_col(t, "ci_low"));
      v.hi = bs_csv_num(t, j, bs_csv_col(t, "ci_high"));
      v.d = bs_csv_num(t, j, bs_csv_col(t, "diff_mean"));
      v.dlo = bs_csv_num(t, j, bs_csv_col(t, "diff_ci_low"));
      v.dhi = bs_csv_num(t, j, bs_csv_col(t, "diff_ci_high"));
      break;
    }
  return v;
}

/* The sweep's findings: per parameter and main indicator, the point whose
 * paired difference from the parameter's first point (the reference) is
 * largest against its practical-relevance threshold; the largest first. */
static void sweep_findings(rep *r) {
  enum { MAXP = 16 };
  sweep_param sp[MAXP];
  size_t np = sweep_params(r, sp, MAXP);
  typedef struct move {
    size_t p, i, q;
    double size;
    diff x;
  } move;
  move moves[MAXP * N_MAIN_INDS];
  size_t nm = 0;
  for (size_t p = 0; p < np; p++)
    for (size_t i = 0; i < N_MAIN_INDS; i++) {
      bs_indicator_def d = known(main_inds[i]);
      if (strcmp(d.name, HEADLINE) && bs_indicator_within(d.name, HEADLINE))
        continue; /* the total is listed, not again through its parts */
      sweep_value first = sweep_point(r, &sp[p], 0, d.name);
      move best = {.p = p, .i = i, .q = 0, .size = -1};
      for (size_t q = 1; q < sp[p].nv; q++) {
        sweep_value v = sweep_point(r, &sp[p], q, d.name);
        if (!isfinite(v.d))
          continue;
        diff x = {.d = d, .base = first.m, .var = v.m, .m = v.d, .lo = v.dlo, .hi = v.dhi};
        x.threshold = threshold_of(r, &d, first.m, v.m);
        x.size = x.threshold > 0 ? fabs(x.m) / x.threshold : fabs(x.m) > 0 ? INFINITY : 0;
        x.v = judge(r, &x);
        if (x.size > best.size)
          best = (move){p, i, q, x.size, x};
      }
      if (best.size >= 0)
        moves[nm++] = best;
    }
  /* largest first */
  for (size_t a = 1; a < nm; a++)
    for (size_t b = a; b > 0 && moves[b - 1].size < moves[b].size; b--) {
      move tmp = moves[b];
      moves[b] = moves[b - 1];
      moves[b - 1] = tmp;
    }
  P("<ul>\n");
  size_t listed = 0;
  for (size_t k = 0; k < nm && (long)listed < r->set.key_findings; k++) {
    const move *x = &moves[k];
    if (x->x.v != V_BETTER && x->x.v != V_WORSE && x->x.v != V_DIFFERENT)
      continue;
    const sweep_param *p = &sp[x->p];
    char pw[200];
    P("<li>");
    badge(r, x->x.v, 0);
    P(" ");
    SAY(sweep_finding, param_words(r, p->param, pw, sizeof pw), p->param, label(r, &x->x.d),
        p->vals[0], p->vals[x->q]);
    P(" ");
    diff_sentence(r, &x->x);
    P("</li>\n");
    listed++;
  }
  if (!listed) {
    P("<li>");
    P(T(sweep_nothing_relevant));
    P("</li>\n");
  }
  P("</ul>\n");
  thresholds_note(r, 1);
}

static void sweep_section(rep *r) {
  if (!r->has_sweep)
    return;
  section_explain(r, "sweep", BS_MSG_sweep, BS_MSG_sweep_explain);
  enum { MAXP = 16 };
  sweep_param sp[MAXP];
  size_t np = sweep_params(r, sp, MAXP);
  for (size_t pi = 0; pi < np; pi++) {
    const sweep_param *p = &sp[pi];
    char pw[200];
    P("<h3>");
    esc(r, param_words(r, p->param, pw, sizeof pw));
    P(" <code>");
    esc(r, p->param);
    P("</code></h3>\n<p class=\"explain\">");
    P(p->numeric ? T(sweep_numeric) : T(sweep_categorical));
    P("</p>\n<div class=\"grid2\">\n");
    for (size_t i = 0; i < N_MAIN_INDS; i++) {
      double x[MAXV], y[MAXV], lo[MAXV], hi[MAXV];
      int any = 0;
      bs_indicator_def d = known(main_inds[i]);
      for (size_t q = 0; q < p->nv; q++) {
        x[q] = p->numeric ? p->num[q] : (double)q;
        sweep_value v = sweep_point(r, p, q, d.name);
        y[q] = v.m;
        lo[q] = v.lo;
        hi[q] = v.hi;
        any |= isfinite(y[q]);
      }
      if (!any)
        continue;
      char title[400], lu[256];
      label_unit(r, &d, lu, sizeof lu);
      FORMAT(title, sweep_chart_svg, lu, p->param);
      P("<figure><figcaption><strong>");
      esc(r, lu);
      P("</strong></figcaption>\n");
      if (p->numeric) {
        bs_series se = {.label = label(r, &d), .x = x, .y = y, .lo = lo, .hi = hi, .n = p->nv};
        bs_line_chart c = line_chart(r, title, p->param, NULL, d.fmt, 1, &se);
        c.width = 380;
        c.height = 220;
        bs_svg_lines(r->f, &c);
      } else {
        /* categories: a bar per value, no line between them */
        const char *ser[] = {label(r, &d)};
        bs_bar_chart c = bar_chart(r, title, NULL, d.fmt, p->nv, 1, p->vals, ser, y, lo, hi);
        c.width = 380;
        bs_svg_bars(r->f, &c);
      }
      P("</figure>\n");
    }
    P("</div>\n");
  }
  P("</section>\n");
}

/* ------------------------------------------------------------ uncertainty */

/* The row of (indicator, scenario) in uncertainty.csv, or -1. */
static long unc_row(const rep *r, const char *ind, const char *scen) {
  const bs_csv *t = &r->unc;
  long ci = bs_csv_col(t, "indicator"), cs = bs_csv_col(t, "scenario");
  for (size_t k = 0; k < t->nrow; k++)
    if (!strcmp(bs_csv_get(t, k, ci), ind) && !strcmp(bs_csv_get(t, k, cs), scen))
      return (long)k;
  return -1;
}

static double unc_num(const rep *r, long k, const char *col) {
  return k < 0 ? NAN : bs_csv_num(&r->unc, (size_t)k, bs_csv_col(&r->unc, col));
}

/* "holds in 94% of plausible parameter sets: robust to the stated
 * assumptions" or "... : depends on the assumptions". */
static void unc_verdict(rep *r, double share) {
  if (!isfinite(share)) {
    P("<span class=\"badge no\">");
    P(T(unc_no_difference));
    P("</span>");
    return;
  }
  char b[32];
  snprintf(b, sizeof b, "%.0f%%", 100 * share);
  P(share >= BS_UNC_ROBUST_SHARE ? "<span class=\"badge yes\">" : "<span class=\"badge no\">");
  SAY(unc_holds, b);
  P(share >= BS_UNC_ROBUST_SHARE ? T(unc_robust) : T(unc_depends));
  P("</span>");
}

static void uncertainty_findings(rep *r) {
  const json_t *u = json_object_get(r->run, "uncertainty");
  json_int_t sets = json_integer_value(json_object_get(u, "sets"));
  for (size_t s = 1; s < r->nscen; s++)
    for (size_t i = 0; i < N_MAIN_INDS; i++) {
      long k = unc_row(r, main_inds[i], r->scen[s]);
      double m = unc_num(r, k, "diff_mean");
      if (!isfinite(m))
        continue;
      bs_indicator_def in = known(main_inds[i]);
      bs_fmt df = diff_fmt(in.fmt);
      char a[64], b[32], ci[160];
      double lo = unc_num(r, k, "diff_low"), hi = unc_num(r, k, "diff_high");
      double ref = ref3(m, lo, hi);
      bs_fmt_value_ref(a, sizeof a, m, df, 1, r->lang, ref);
      vtext(r, b, sizeof b, (double)sets, BS_FMT_NUM, 0);
      interval_text(r, ci, sizeof ci, lo, hi, df, 1, ref);
      P("<li>");
      SAY(unc_finding, r->scen[s], base(r), label(r, &in), a, b, ci);
      P(" ");
      unc_verdict(r, unc_num(r, k, "same_sign_share"));
      depends_on(r, main_inds[i], r->scen[s]);
      P("</li>\n");
    }
}

static void uncertainty_section(rep *r) {
  if (!r->has_unc)
    return;
  section_explain(r, "uncertainty", BS_MSG_unc, BS_MSG_unc_explain);
  const char *th[] = {T(indicator), T(scenario), T(unc_mean_range), T(unc_diff_range),
                      T(unc_across)};
  static const int num[] = {0, 0, 1, 1, 0};
  tbl_open(r, th, num, 5);
  for (size_t i = 0; i < N_MAIN_INDS; i++)
    for (size_t s = 0; s < r->nscen; s++) {
      long k = unc_row(r, main_inds[i], r->scen[s]);
      if (k < 0)
        continue;
      bs_indicator_def in = known(main_inds[i]);
      tbl_row(r, NULL);
      tbl_text(r, label(r, &in), 0);
      tbl_text(r, r->scen[s], 0);
      tbl_cell(r, 1);
      value_ci(r, unc_num(r, k, "mean"), unc_num(r, k, "low"), unc_num(r, k, "high"), in.fmt, 0);
      P("</td>");
      tbl_cell(r, 1);
      if (s > 0)
        value_ci(r, unc_num(r, k, "diff_mean"), unc_num(r, k, "diff_low"),
                 unc_num(r, k, "diff_high"), diff_fmt(in.fmt), 1);
      P("</td>");
      tbl_cell(r, 0);
      if (s > 0)
        unc_verdict(r, unc_num(r, k, "same_sign_share"));
      P("</td>");
      tbl_end_row(r);
    }
  tbl_close(r);
  P("<p class=\"explain\">");
  P(T(unc_files));
  P("</p></section>\n");
}

/* ------------------------------------------------------------ sensitivity */

/* The rows of t with index `index`, largest estimate first (a NaN, e.g. a
 * held parameter, is left out; so is an estimate <= 0 with positive_only),
 * at most max of them into order. Returns their number. */
static size_t sens_top(const bs_csv *t, const char *index, int positive_only, size_t *order,
                       size_t max) {
  long cx = bs_csv_col(t, "index"), ce = bs_csv_col(t, "estimate");
  size_t n = 0;
  for (size_t k = 0; k < t->nrow; k++) {
    double e = bs_csv_num(t, k, ce);
    if (strcmp(bs_csv_get(t, k, cx), index) || isnan(e) || (positive_only && !(e > 0)))
      continue;
    size_t pos = n;
    while (pos > 0 && !(bs_csv_num(t, order[pos - 1], ce) >= e))
      pos--;
    if (pos >= max)
      continue;
    if (n < max)
      n++;
    memmove(order + pos + 1, order + pos, (n - 1 - pos) * sizeof *order);
    order[pos] = k;
  }
  return n;
}

static const char *sens_index(const sens_in *si) { return si->morris ? "mu_star" : "ST"; }

/* ST is a share of variance; mu* is in the output's unit (a share's in
 * percentage points). */
static bs_fmt sens_fmt(int morris, const char *indicator) {
  if (!morris || !indicator)
    return BS_FMT_NUM;
  bs_fmt f = info_of(indicator).fmt;
  return f == BS_FMT_PCT ? BS_FMT_PP : f;
}

/* The parameter `path` in the sensitivity run's run.json: its source (the
 * comment beside its value in the scenario) and the kind of source. */
static void sens_source(const sens_in *si, const char *path, const char **comment,
                        const char **kind) {
  *comment = *kind = NULL;
  const json_t *pars = json_object_get(json_object_get(si->run, "sensitivity"), "parameters");
  size_t i;
  const json_t *p;
  json_array_foreach(pars, i, p) {
    const char *pp = json_string_value(json_object_get(p, "path"));
    if (pp && !strcmp(pp, path)) {
      *comment = json_string_value(json_object_get(p, "source"));
      *kind = json_string_value(json_object_get(p, "source_kind"));
    }
  }
}

/* The kind of a source (analysis/provenance.h) in the report's language. */
static const char *source_kind_text(const rep *r, const char *kind) {
  return bs_term(r->lang, BS_TERM_SOURCE, kind, kind);
}

/* "<code>PATH</code> (ST 0.24, assumption)" */
static void sens_mention(rep *r, const sens_in *si, size_t row) {
  const bs_csv *t = si->t;
  const char *path = bs_csv_get(t, row, bs_csv_col(t, "parameter"));
  const char *comment, *kind;
  sens_source(si, path, &comment, &kind);
  P("<code>");
  esc(r, path);
  P("</code> (");
  P(si->morris ? T(dep_mu) : T(dep_st));
  fmtv(r, bs_csv_num(t, row, bs_csv_col(t, "estimate")), sens_fmt(si->morris, si->indicator), 0);
  P(T(list_comma));
  esc(r, kind ? source_kind_text(r, kind) : T(dep_unrecorded));
  P(")");
}

/* The sensitivity result given for the difference scen - base of ind (or,
 * in a report of one scenario, its level), or NULL. */
static const sens_in *sens_for(const rep *r, const char *ind, const char *scen) {
  int is_diff = r->nscen > 1 && strcmp(scen, base(r)) != 0;
  for (size_t i = 0; i < r->nsin; i++) {
    const sens_in *si = &r->sin[i];
    if (!si->indicator || strcmp(si->indicator, ind) || !si->a)
      continue;
    if (is_diff ? si->b && !strcmp(si->a, base(r)) && !strcmp(si->b, scen)
                : !si->b && !strcmp(si->a, scen))
      return si;
  }
  return NULL;
}

/* In a key finding: the three assumptions the result depends on most. */
static void depends_on(rep *r, const char *ind, const char *scen) {
  const sens_in *si = sens_for(r, ind, scen);
  if (!si)
    return;
  size_t order[3], n = sens_top(si->t, sens_index(si), 1, order, 3);
  P("<br><span class=\"depends\">");
  if (n == 0) {
    P(T(dep_none));
  } else {
    P(T(dep_most));
    for (size_t q = 0; q < n; q++) {
      P(q == 0 ? "" : q + 1 == n ? T(list_and) : T(list_comma));
      sens_mention(r, si, order[q]);
    }
  }
  P(" (<a href=\"#assumptions\">");
  P(T(dep_link));
  P("</a>)</span>");
}

/* A table of the max parameters that matter most, with their index, its
 * interval and the source of their value. */
static void sens_table(rep *r, const sens_in *si, size_t max) {
  enum { MAXT = 32 };
  size_t order[MAXT], n = sens_top(si->t, sens_index(si), 0, order, max < MAXT ? max : MAXT);
  const bs_csv *t = si->t;
  long cp = bs_csv_col(t, "parameter"), ce = bs_csv_col(t, "estimate"),
       cl = bs_csv_col(t, "ci_low"), ch = bs_csv_col(t, "ci_high");
  P("<div class=\"scroll\"><table><tr><th>");
  P(T(dep_th_param));
  P("</th><th class=\"num\">");
  P(si->morris ? T(dep_th_mu) : T(dep_th_st));
  P("</th><th>");
  P(T(dep_th_source));
  P("</th><th>");
  P(T(dep_th_value));
  P("</th></tr>\n");
  for (size_t q = 0; q < n; q++) {
    const char *path = bs_csv_get(t, order[q], cp), *comment, *kind;
    sens_source(si, path, &comment, &kind);
    P("<tr><td><code>");
    esc(r, path);
    P("</code></td><td class=\"num\">");
    value_ci(r, bs_csv_num(t, order[q], ce), bs_csv_num(t, order[q], cl),
             bs_csv_num(t, order[q], ch), sens_fmt(si->morris, si->indicator), 0);
    P("</td><td>");
    esc(r, kind ? source_kind_text(r, kind) : T(dep_not_recorded));
    P("</td><td>");
    esc(r, comment && *comment ? comment : "");
    P("</td></tr>\n");
  }
  P("</table></div>\n");
}

static void sensitivity_section(rep *r) {
  if (!r->has_sens)
    return;
  const bs_csv *t = &r->sens;
  long cp = bs_csv_col(t, "parameter"), cx = bs_csv_col(t, "index"), ce = bs_csv_col(t, "estimate"),
       cl = bs_csv_col(t, "ci_low"), ch = bs_csv_col(t, "ci_high");
  const json_t *sj = json_object_get(r->run, "sensitivity");
  const char *method = json_string_value(json_object_get(sj, "method"));
  const char *what = json_string_value(json_object_get(sj, "output"));
  int morris = method && !strcmp(method, "morris");
  const char *main_index = morris ? "mu_star" : "ST";
  P("<section id=\"sensitivity\"><h2>");
  P(T(sens));
  P("</h2>\n<p class=\"explain\">");
  P(morris ? T(sens_morris) : T(sens_sobol));
  P(" ");
  P(T(sens_bars));
  P("</p>\n");
  enum { MAXB = 15 };
  size_t order[MAXB], n = sens_top(t, main_index, 0, order, MAXB);
  const char *labels[MAXB];
  double m[2 * MAXB], lo[2 * MAXB], hi[2 * MAXB];
  size_t nser = morris ? 1 : 2;
  for (size_t q = 0; q < n; q++) {
    labels[q] = bs_csv_get(t, order[q], cp);
    for (size_t s = 0; s < nser; s++) {
      const char *want = morris ? "mu_star" : s == 0 ? "S1" : "ST";
      m[q * nser + s] = lo[q * nser + s] = hi[q * nser + s] = NAN;
      for (size_t k = 0; k < t->nrow; k++)
        if (!strcmp(bs_csv_get(t, k, cp), labels[q]) && !strcmp(bs_csv_get(t, k, cx), want)) {
          m[q * nser + s] = bs_csv_num(t, k, ce);
          lo[q * nser + s] = bs_csv_num(t, k, cl);
          hi[q * nser + s] = bs_csv_num(t, k, ch);
        }
    }
  }
  const char *sobol_sers[] = {T(sens_s1), T(sens_st)};
  const char *morris_sers[] = {"mu*"};
  char title[300];
  FORMAT(title, sens_title, what ? what : T(sens_the_output));
  bs_bar_chart c = bar_chart(r, title, morris ? T(sens_mu_axis) : T(sens_share_axis), BS_FMT_NUM, n,
                             nser, labels, morris ? morris_sers : sobol_sers, m, lo, hi);
  P("<figure><figcaption><strong>");
  esc(r, title);
  P("</strong></figcaption>\n");
  if (n)
    bs_svg_bars(r->f, &c);
  P("</figure>\n");
  /* the same parameters with where their values come from */
  sens_in own = {.run = r->run,
                 .t = t,
                 .morris = morris,
                 .indicator = json_string_value(json_object_get(sj, "indicator"))};
  sens_table(r, &own, MAXB);
  P("<p class=\"explain\">");
  P(T(sens_files));
  P("</p></section>\n");
}

/* The sensitivity results given with --sensitivity: per result the
 * parameters that matter most and their sources, and which key finding it
 * belongs to. */
static void assumptions_section(rep *r) {
  if (!r->nsin)
    return;
  P("<section id=\"assumptions\"><h2>");
  P(T(assum));
  P("</h2>\n<p class=\"explain\">");
  P(T(assum_explain));
  P("</p>\n");
  for (size_t i = 0; i < r->nsin; i++) {
    const sens_in *si = &r->sin[i];
    const char *out =
        json_string_value(json_object_get(json_object_get(si->run, "sensitivity"), "output"));
    P("<h3>");
    esc(r, out ? out : si->indicator ? si->indicator : "?");
    P("</h3>\n<p class=\"explain\">");
    P(si->morris ? T(assum_morris) : T(assum_sobol));
    P(T(assum_from));
    P("<code>");
    esc(r, si->dir);
    P("</code>");
    int headline = 0;
    for (size_t s = 0; s < r->nscen && !headline; s++)
      for (size_t k = 0; k < N_MAIN_INDS && !headline; k++)
        headline = sens_for(r, main_inds[k], r->scen[s]) == si;
    P(headline ? T(assum_key) : T(assum_not_key));
    P("</p>\n");
    sens_table(r, si, 5);
  }
  P("</section>\n");
}

/* Reads `bijsim sensitivity`'s output in dir into si. 0, or -1 with a
 * message. */
static int load_sens(const char *dir, sens_in *si, char *err, size_t errlen) {
  memset(si, 0, sizeof *si);
  si->dir = dir;
  char path[4200];
  snprintf(path, sizeof path, "%s/run.json", dir);
  char *text;
  size_t len;
  int rc = bs_read_file(path, &text, &len, err, errlen);
  if (rc < 0)
    return -1;
  if (rc == 0) {
    json_error_t jerr;
    si->own_run = json_loadb(text, len, 0, &jerr);
    free(text);
    if (!si->own_run) {
      snprintf(err, errlen, "%s:%d:%d: %s", path, jerr.line, jerr.column, jerr.text);
      return -1;
    }
  }
  const json_t *sj = json_object_get(si->own_run, "sensitivity");
  snprintf(path, sizeof path, "%s/sensitivity.csv", dir);
  rc = sj ? bs_csv_load(path, &si->own_t, err, errlen) : 1;
  if (rc < 0)
    return -1;
  if (rc == 1 || si->own_t.nrow == 0 || bs_csv_col(&si->own_t, "parameter") < 0 ||
      bs_csv_col(&si->own_t, "index") < 0 || bs_csv_col(&si->own_t, "estimate") < 0) {
    snprintf(err, errlen,
             "--sensitivity %s: not the output of 'bijsim sensitivity' (it needs its run.json "
             "and sensitivity.csv)",
             dir);
    return -1;
  }
  si->run = si->own_run;
  si->t = &si->own_t;
  si->indicator = json_string_value(json_object_get(sj, "indicator"));
  const char *method = json_string_value(json_object_get(sj, "method"));
  si->morris = method && !strcmp(method, "morris");
  const json_t *sc = json_object_get(si->run, "scenarios");
  si->a = json_string_value(json_object_get(json_array_get(sc, 0), "scenario"));
  si->b = json_array_size(sc) > 1
              ? json_string_value(json_object_get(json_array_get(sc, 1), "scenario"))
              : NULL;
  return 0;
}

static void free_sens(sens_in *si) {
  json_decref(si->own_run);
  bs_csv_free(&si->own_t);
  memset(si, 0, sizeof *si);
}

int bs_report_check_sensitivity(const char *dir, char *err, size_t errlen) {
  sens_in si;
  int rc = load_sens(dir, &si, err, errlen);
  free_sens(&si);
  return rc;
}

/* ------------------------------------------------------------ calibration */

/* A table of the named columns of t (numbers formatted with fmt[c]). */
static void csv_table(rep *r, const bs_csv *t, const char *const *cols, const char *const *heads,
                      const bs_fmt *fmts, size_t ncols) {
  int num[MAX_COLS];
  for (size_t c = 0; c < ncols && c < MAX_COLS; c++)
    num[c] = c > 0;
  tbl_open(r, heads, num, ncols);
  for (size_t k = 0; k < t->nrow; k++) {
    tbl_row(r, NULL);
    for (size_t c = 0; c < ncols; c++) {
      long col = bs_csv_col(t, cols[c]);
      tbl_cell(r, c > 0);
      if (c == 0) {
        P("<code>");
        esc(r, bs_csv_get(t, k, col));
        P("</code>");
      } else {
        fmtv(r, bs_csv_num(t, k, col), fmts[c], 0);
      }
      P("</td>");
    }
    tbl_end_row(r);
  }
  tbl_close(r);
}

static void calibration_section(rep *r) {
  if (!r->has_post)
    return;
  section_explain(r, "calibration", BS_MSG_cal, BS_MSG_cal_explain);
  const bs_csv *t = &r->post;
  enum { MAXP = 32 };
  bs_forest_row rows[MAXP];
  size_t n = 0;
  long cp = bs_csv_col(t, "parameter"), cl = bs_csv_col(t, "prior_low"),
       chh = bs_csv_col(t, "prior_high"), cm = bs_csv_col(t, "mean"), c5 = bs_csv_col(t, "q05"),
       c95 = bs_csv_col(t, "q95");
  for (size_t k = 0; k < t->nrow && n < MAXP; k++) {
    double lo = bs_csv_num(t, k, cl), w = bs_csv_num(t, k, chh) - lo;
    rows[n++] = (bs_forest_row){bs_csv_get(t, k, cp), 0, (bs_csv_num(t, k, cm) - lo) / w,
                                (bs_csv_num(t, k, c5) - lo) / w, (bs_csv_num(t, k, c95) - lo) / w};
  }
  const char *ser[] = {T(cal_posterior)};
  P("<figure><h3>");
  P(T(cal_marginals));
  P("</h3>\n");
  bs_svg_forest(r->f, r->lang, T(cal_marginals), T(cal_axis), BS_FMT_NUM, rows, n, ser, 1);
  P("</figure>\n");
  static const char *const pc[] = {"parameter", "prior_low", "prior_high", "mean",
                                   "q05",       "q50",       "q95"};
  const char *ph[] = {T(parameter), T(cal_prior_from), T(cal_to), T(cal_post_mean),
                      "5%",         T(cal_median),     "95%"};
  static const bs_fmt pf[] = {BS_FMT_NUM, BS_FMT_NUM, BS_FMT_NUM, BS_FMT_NUM,
                              BS_FMT_NUM, BS_FMT_NUM, BS_FMT_NUM};
  csv_table(r, t, pc, ph, pf, 7);
  if (r->has_fit) {
    P("<h3>");
    P(T(cal_fit));
    P("</h3>\n<p class=\"explain\">");
    P(T(cal_fit_explain));
    P("</p>\n");
    static const char *const fc[] = {"indicator",  "observed",
                                     "low",        "high",
                                     "mean",       "q05",
                                     "q95",        "share_in_range",
                                     "check_mean", "check_share_in_range",
                                     "fitted"};
    const char *fh[] = {
        T(cal_target), T(observed), T(cal_range_from), T(cal_to),    T(cal_simulated),
        "5%",          "95%",       T(cal_in_range),   T(cal_check), T(cal_in_range_check),
        T(cal_fitted)};
    static const bs_fmt ff[] = {BS_FMT_NUM, BS_FMT_NUM, BS_FMT_NUM, BS_FMT_NUM,
                                BS_FMT_NUM, BS_FMT_NUM, BS_FMT_NUM, BS_FMT_PCT,
                                BS_FMT_NUM, BS_FMT_PCT, BS_FMT_NUM};
    csv_table(r, &r->fit, fc, fh, ff, 11);
  }
  if (r->has_gens) {
    P("<h3>");
    P(T(cal_generations));
    P("</h3>\n<p class=\"explain\">");
    P(T(cal_generations_explain));
    P("</p>\n");
    static const char *const gc[] = {"generation",      "tolerance", "replications",  "proposed",
                                     "acceptance_rate", "ess",       "share_in_range"};
    const char *gh[] = {T(cal_generation),  T(cal_tolerance), T(cal_replications),
                        T(cal_proposed),    T(cal_accepted),  "ESS",
                        T(cal_all_in_range)};
    static const bs_fmt gf[] = {BS_FMT_NUM, BS_FMT_NUM, BS_FMT_NUM, BS_FMT_NUM,
                                BS_FMT_PCT, BS_FMT_NUM, BS_FMT_PCT};
    csv_table(r, &r->gens, gc, gh, gf, 7);
  }
  P("</section>\n");
}

static void method_section(rep *r) {
  P("<section id=\"method\"><h2>");
  P(T(method));
  P("</h2>\n<ul>\n");
  static const bs_msg_id items[] = {BS_MSG_method_replications, BS_MSG_method_paired,
                                    BS_MSG_method_relevance,    BS_MSG_method_cohort,
                                    BS_MSG_method_survival,     BS_MSG_method_effect,
                                    BS_MSG_method_files};
  for (size_t i = 0; i < sizeof items / sizeof items[0]; i++) {
    P("<li>");
    P(bs_msg(r->lang, items[i]));
    P("</li>\n");
  }
  const json_t *pr = precision_of(r);
  if (pr) {
    char a[32], b[32], c[32];
    snprintf(a, sizeof a, "%.0f", json_number_value(json_object_get(pr, "batch")));
    snprintf(b, sizeof b, "%.0f", json_number_value(json_object_get(pr, "max_replications")));
    snprintf(c, sizeof c, "%.0f", run_num(r, "replications"));
    P("<li>");
    SAY(method_precision, a, b, c);
    const json_t *targets = json_object_get(pr, "indicators");
    size_t i;
    const json_t *v;
    json_array_foreach(targets, i, v) {
      const char *name = json_string_value(json_object_get(v, "indicator"));
      bs_indicator_def d = info_of(name ? name : "");
      bs_fmt df = diff_fmt(d.fmt);
      char w[64], got[64];
      vtext(r, w, sizeof w, json_number_value(json_object_get(v, "half_width")), df, 0);
      vtext(r, got, sizeof got, json_number_value(json_object_get(v, "achieved")), df, 0);
      P(i ? "; " : " ");
      SAY(method_precision_item, label(r, &d), w, got);
    }
    P(".</li>\n");
  }
  P("</ul></section>\n");
}

/* ------------------------------------------------------------------ load */

static int load_csv(const char *dir, const char *name, bs_csv *t, int *has, char *err,
                    size_t errlen) {
  char path[4200];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  int rc = bs_csv_load(path, t, err, errlen);
  if (rc < 0)
    return -1;
  *has = rc == 0 && t->nrow > 0;
  return 0;
}

static void collect_scenarios(rep *r) {
  const json_t *root = r->run;
  const json_t *arr = json_object_get(root, "scenarios");
  size_t i;
  const json_t *c;
  /* labels: from summary.csv (its order), else from run.json */
  if (r->has_summary) {
    long cs = bs_csv_col(&r->summary, "scenario");
    for (size_t k = 0; k < r->summary.nrow && r->nscen < MAX_SCEN; k++) {
      const char *s = bs_csv_get(&r->summary, k, cs);
      int seen = 0;
      for (size_t j = 0; j < r->nscen && !seen; j++)
        seen = !strcmp(r->scen[j], s);
      if (!seen)
        r->scen[r->nscen++] = s;
    }
  }
  if (r->nscen == 0) {
    if (arr)
      json_array_foreach(arr, i, c) {
        if (r->nscen == MAX_SCEN)
          break;
        const char *nm = json_string_value(json_object_get(c, "scenario"));
        r->scen[r->nscen++] = nm ? nm : "?";
      }
    else {
      const char *nm = json_string_value(json_object_get(root, "scenario"));
      r->scen[r->nscen++] = nm ? nm : "?";
    }
  }
  for (size_t s = 0; s < r->nscen; s++) {
    r->params[s] = NULL;
    r->files[s] = NULL;
    if (arr) {
      json_array_foreach(arr, i, c) {
        const char *nm = json_string_value(json_object_get(c, "scenario"));
        if (nm && !strcmp(nm, r->scen[s])) {
          r->params[s] = json_object_get(c, "parameters");
          r->files[s] = json_string_value(json_object_get(c, "file"));
        }
      }
      if (!r->params[s] && json_array_size(arr)) { /* e.g. sweep: the base scenario */
        r->params[s] = json_object_get(json_array_get(arr, 0), "parameters");
        r->files[s] = json_string_value(json_object_get(json_array_get(arr, 0), "file"));
      }
    } else {
      r->params[s] = json_object_get(root, "parameters");
      r->files[s] = json_string_value(json_object_get(root, "file"));
    }
  }
}

/* The report: settings of the base scenario as run.json records them; the
 * schema's defaults for what an older run.json lacks. */
static void collect_settings(rep *r) {
  bs_report_defaults(&r->set);
  const json_t *s = r->nscen ? json_object_get(r->params[0], "report") : NULL;
  const json_t *v;
  if ((v = json_object_get(s, "min_relevant_share")) && json_is_number(v))
    r->set.min_relevant_share = json_number_value(v);
  if ((v = json_object_get(s, "min_relevant_days")) && json_is_number(v))
    r->set.min_relevant_days = json_number_value(v);
  if ((v = json_object_get(s, "min_relevant_eur")) && json_is_number(v))
    r->set.min_relevant_eur = json_number_value(v);
  if ((v = json_object_get(s, "min_relevant_relative")) && json_is_number(v))
    r->set.min_relevant_relative = json_number_value(v);
  if ((v = json_object_get(s, "key_findings")) && json_is_number(v))
    r->set.key_findings = (long)json_number_value(v);
  if ((v = json_object_get(s, "survival_min_at_risk")) && json_is_number(v))
    r->set.survival_min_at_risk = (long)json_number_value(v);
}

/* The language: `lang` when it is one, else the base scenario's run.lang. */
static bs_lang pick_lang(const rep *r, int lang) {
  if (lang >= 0 && lang < BS_LANG_N)
    return (bs_lang)lang;
  const json_t *v = r->nscen ? json_at(r->params[0], "run.lang") : NULL;
  int l = bs_lang_index(json_string_value(v));
  return l >= 0 ? (bs_lang)l : BS_LANG_EN;
}

static void free_rep(rep *r) {
  for (size_t i = 0; i < r->nsin; i++)
    free_sens(&r->sin[i]);
  json_decref(r->run);
  bs_csv_free(&r->summary);
  bs_csv_free(&r->compare);
  bs_csv_free(&r->survival);
  bs_csv_free(&r->flow);
  bs_csv_free(&r->effect);
  bs_csv_free(&r->sweep);
  bs_csv_free(&r->targets);
  bs_csv_free(&r->unc);
  bs_csv_free(&r->sens);
  bs_csv_free(&r->post);
  bs_csv_free(&r->fit);
  bs_csv_free(&r->gens);
  bs_csv_free(&r->stock);
}

static void not_an_output_directory(const char *dir, char *err, size_t errlen) {
  snprintf(err, errlen,
           "%s: no run.json: not a bijsim output directory (make one with "
           "'bijsim run', 'compare', 'effect' or 'sweep')",
           dir);
}

int bs_report_build(const char *dir, bs_outdir *out, const char *const *sens, size_t nsens,
                    int lang, char *err, size_t errlen) {
  rep *r = calloc(1, sizeof *r);
  if (!r) {
    snprintf(err, errlen, "out of memory");
    return -1;
  }
  if (nsens > BS_REPORT_MAX_SENS) {
    snprintf(err, errlen, "at most %d --sensitivity results", BS_REPORT_MAX_SENS);
    free(r);
    return -1;
  }
  for (; r->nsin < nsens; r->nsin++)
    if (load_sens(sens[r->nsin], &r->sin[r->nsin], err, errlen) != 0) {
      free_sens(&r->sin[r->nsin]);
      free_rep(r);
      free(r);
      return -1;
    }
  char path[4200];
  snprintf(path, sizeof path, "%s/run.json", dir);
  char *text;
  size_t len;
  int rc = bs_read_file(path, &text, &len, err, errlen);
  if (rc == 1)
    not_an_output_directory(dir, err, errlen);
  if (rc != 0) {
    free(r);
    return -1;
  }
  json_error_t jerr;
  r->run = json_loadb(text, len, 0, &jerr);
  free(text);
  if (!r->run) {
    snprintf(err, errlen, "%s:%d:%d: %s", path, jerr.line, jerr.column, jerr.text);
    free(r);
    return -1;
  }
  if (!json_is_object(r->run)) {
    snprintf(err, errlen, "%s: not a JSON object", path);
    free_rep(r);
    free(r);
    return -1;
  }
  const char *cmd = json_string_value(json_object_get(r->run, "command"));
  r->command = cmd ? cmd : "run";
  if (load_csv(dir, "summary.csv", &r->summary, &r->has_summary, err, errlen) != 0 ||
      load_csv(dir, "compare.csv", &r->compare, &r->has_compare, err, errlen) != 0 ||
      load_csv(dir, "survival.csv", &r->survival, &r->has_survival, err, errlen) != 0 ||
      load_csv(dir, "flow.csv", &r->flow, &r->has_flow, err, errlen) != 0 ||
      load_csv(dir, "effect.csv", &r->effect, &r->has_effect, err, errlen) != 0 ||
      load_csv(dir, "sweep_summary.csv", &r->sweep, &r->has_sweep, err, errlen) != 0 ||
      load_csv(dir, "targets.csv", &r->targets, &r->has_targets, err, errlen) != 0 ||
      load_csv(dir, "stock_summary.csv", &r->stock, &r->has_stock, err, errlen) != 0 ||
      load_csv(dir, "uncertainty.csv", &r->unc, &r->has_unc, err, errlen) != 0 ||
      load_csv(dir, "sensitivity.csv", &r->sens, &r->has_sens, err, errlen) != 0 ||
      load_csv(dir, "posterior_summary.csv", &r->post, &r->has_post, err, errlen) != 0 ||
      load_csv(dir, "fit.csv", &r->fit, &r->has_fit, err, errlen) != 0 ||
      load_csv(dir, "generations.csv", &r->gens, &r->has_gens, err, errlen) != 0) {
    free_rep(r);
    free(r);
    return -1;
  }
  collect_scenarios(r);
  collect_settings(r);
  r->lang = pick_lang(r, lang);
  bs_outset set = {0};
  r->f = bs_out_open(&set, out, "report.html", err, errlen);
  if (!r->f) {
    free_rep(r);
    free(r);
    return -1;
  }
  P("<!DOCTYPE html>\n<html lang=\"");
  P(bs_lang_names[r->lang]);
  P("\">\n<head>\n<meta charset=\"utf-8\">\n"
    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
  SAY(page_title, r->command, base(r));
  P("</title>\n");
  css(r);
  P("</head>\n<body>\n<main>\n");
  header(r);
  findings(r);
  scenarios_section(r);
  if (r->has_summary) {
    indicators_section(r);
    targets_section(r);
    charts_section(r);
  }
  differences_section(r);
  effect_section(r);
  survival_section(r);
  caseload_section(r);
  flow_section(r);
  sweep_section(r);
  uncertainty_section(r);
  sensitivity_section(r);
  assumptions_section(r);
  calibration_section(r);
  method_section(r);
  P("</main>\n</body>\n</html>\n");
  rc = bs_out_commit(&set, err, errlen);
  free_rep(r);
  free(r);
  return rc;
}

int bs_report_write(const char *dir, const char *const *sens, size_t nsens, int lang, char *err,
                    size_t errlen) {
  struct stat st;
  if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
    not_an_output_directory(dir, err, errlen);
    return -1;
  }
  bs_outdir *d = malloc(sizeof *d);
  if (!d) {
    snprintf(err, errlen, "out of memory");
    return -1;
  }
  int rc = bs_outdir_begin_add(d, dir, err, errlen);
  if (rc == 0)
    rc = bs_report_build(dir, d, sens, nsens, lang, err, errlen);
  if (rc == 0)
    rc = bs_outdir_add(d, err, errlen);
  bs_outdir_end(d);
  free(d);
  return rc;
}
