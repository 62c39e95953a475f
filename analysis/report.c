/* report.c: see report.h. The page is built section by section; a section
 * whose input file is absent is left out. Every chart has a heading that
 * says what it shows in plain words, its unit, and a short explanation of
 * how to read it. */
#include "analysis/report.h"

#include "analysis/csv.h"
#include "analysis/effect.h"
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

enum { MAX_SCEN = 32 };

typedef struct rep {
  FILE *f;
  json_t *run; /* run.json */
  const char *command;
  size_t nscen;
  const char *scen[MAX_SCEN];     /* labels, in the order of summary.csv */
  const json_t *params[MAX_SCEN]; /* the scenario's parameters in run.json */
  const char *files[MAX_SCEN];
  bs_csv summary, compare, survival, flow, effect, sweep, targets, unc, sens, post, fit, gens;
  int has_summary, has_compare, has_survival, has_flow, has_effect, has_sweep, has_targets, has_unc,
      has_sens, has_post, has_fit, has_gens;
} rep;

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
                                       "inkomensdeel_eur",
                                       "werkdeel_eur",
                                       "consultant_spend_eur"};
enum { N_KEY = sizeof key_inds / sizeof key_inds[0] };

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

static int compare_get(const rep *r, const char *scen, const char *ind, double *m, double *lo,
                       double *hi) {
  *m = *lo = *hi = NAN;
  if (!r->has_compare)
    return -1;
  const bs_csv *t = &r->compare;
  long cs = bs_csv_col(t, "scenario"), ci = bs_csv_col(t, "indicator");
  long cm = bs_csv_col(t, "diff_mean"), cl = bs_csv_col(t, "diff_ci_low"),
       ch = bs_csv_col(t, "diff_ci_high");
  for (size_t k = 0; k < t->nrow; k++)
    if (strcmp(bs_csv_get(t, k, ci), ind) == 0 && strcmp(bs_csv_get(t, k, cs), scen) == 0) {
      *m = bs_csv_num(t, k, cm);
      *lo = bs_csv_num(t, k, cl);
      *hi = bs_csv_num(t, k, ch);
      return 0;
    }
  return -1;
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
                              const char *label) {
  double v = flow_get(r, scen, stage, item);
  return (bs_flow_node){label, isfinite(v) ? v : 0};
}

static const json_t *scen_params(const rep *r, size_t s) { return r->params[s]; }

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
  return i > 0 ? bs_instrument_labels[i] : n;
}

static double param_num(const rep *r, size_t s, const char *path) {
  const json_t *v = json_at(scen_params(r, s), path);
  return json_is_number(v) ? json_number_value(v) : NAN;
}

/* ----------------------------------------------------------------- html */

#define P(s) fputs(s, r->f)

static void esc(const rep *r, const char *s) { bs_html_escape(r->f, s); }

static void fmtv(const rep *r, double v, bs_fmt fmt, int sign) {
  char b[64];
  esc(r, bs_fmt_value(b, sizeof b, v, fmt, sign));
}

/* "52 to 56%": an interval with the unit written once. */
static void interval(const rep *r, double lo, double hi, bs_fmt fmt, int sign) {
  char a[64], b[64];
  bs_fmt_value(a, sizeof a, lo, fmt, sign);
  bs_fmt_value(b, sizeof b, hi, fmt, sign);
  static const char *const units[] = {"%", " pp", " days", " m", " k"};
  for (size_t u = 0; u < sizeof units / sizeof units[0]; u++) {
    size_t na = strlen(a), nb = strlen(b), nu = strlen(units[u]);
    if (na > nu && nb > nu && !strcmp(a + na - nu, units[u]) && !strcmp(b + nb - nu, units[u])) {
      a[na - nu] = 0;
      break;
    }
  }
  esc(r, a);
  P(" to ");
  esc(r, b);
}

/* Cells: the value, and its interval (or a dash). */
static void value_cells(const rep *r, double m, double lo, double hi, bs_fmt fmt, int sign) {
  P("<td class=\"num\">");
  fmtv(r, m, fmt, sign);
  P("</td><td class=\"num ci\">");
  if (isfinite(lo) && isfinite(hi))
    interval(r, lo, hi, fmt, sign);
  else
    P("&ndash;");
  P("</td>");
}

static void css(const rep *r) {
  P("<style>\n"
    ":root{--ink:#1d2733;--muted:#5b6b7b;--line:#dde3ea;--bg:#f5f7f9;--accent:#0072B2}\n"
    "*{box-sizing:border-box}\n"
    "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,'Helvetica Neue',Arial,"
    "sans-serif;color:var(--ink);background:var(--bg);margin:0;line-height:1.5;font-size:16px}\n"
    "main{max-width:1000px;margin:0 auto;padding:28px 20px 64px}\n"
    "header h1{font-size:1.75rem;margin:0 0 .2em;line-height:1.25}\n"
    "header .meta{color:var(--muted);font-size:.95rem;margin:0}\n"
    "section{background:#fff;border:1px solid var(--line);border-radius:10px;"
    "padding:20px 24px;margin:20px 0}\n"
    "h2{font-size:1.3rem;margin:0 0 .4em}h3{font-size:1.05rem;margin:1.2em 0 .3em}\n"
    "p.explain,figcaption{color:var(--muted);font-size:.93rem;margin:.3em 0 .8em}\n"
    "table{border-collapse:collapse;width:100%;font-size:.92rem;margin:.4em 0}\n"
    "th,td{padding:6px 8px;border-bottom:1px solid var(--line);text-align:left;"
    "vertical-align:top}\n"
    "th{font-weight:600;background:#f9fafb}\n"
    "td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}\n"
    "td.ci{color:var(--muted)}.about{color:var(--muted);font-size:.84rem;font-weight:400}\n"
    ".wide{overflow-x:auto}\n"
    ".badge{display:inline-block;padding:0 8px;border-radius:10px;font-size:.8rem;"
    "white-space:nowrap}\n"
    ".yes{background:#dff1e7;color:#0b6b3a}.no{background:#eef1f4;color:#5b6b7b}\n"
    ".diff td{background:#fffbe6}\n"
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
    "nav.toc{font-size:.92rem;margin:10px 0 0}nav.toc a{color:var(--accent);"
    "text-decoration:none;margin-right:14px;white-space:nowrap}\n"
    "details{margin:.6em 0}details summary{cursor:pointer;color:var(--accent)}\n"
    ".grid2{display:grid;grid-template-columns:1fr 1fr;gap:8px 18px}\n"
    "@media (max-width:700px){.grid2{grid-template-columns:1fr}}\n"
    "@media print{body{background:#fff}section{break-inside:avoid;border:none;padding:0}"
    "nav.toc{display:none}}\n"
    "</style>\n");
}

/* ------------------------------------------------------------- sections */

static const char *base(const rep *r) { return r->nscen ? r->scen[0] : ""; }

static void header(rep *r) {
  const json_t *root = r->run;
  char b[256];
  P("<header><h1>");
  if (!strcmp(r->command, "compare")) {
    P("Policy comparison: ");
    for (size_t s = 0; s < r->nscen; s++) {
      if (s)
        P(s + 1 == r->nscen ? " vs " : ", ");
      esc(r, r->scen[s]);
    }
  } else if (!strcmp(r->command, "effect")) {
    P("Net effect of ");
    esc(r, instrument_words(r));
    P(" in scenario ");
    esc(r, r->nscen > 1 ? r->scen[1] : base(r));
  } else if (!strcmp(r->command, "sweep")) {
    P("Sensitivity of scenario ");
    esc(r, base(r));
  } else {
    P("Scenario report: ");
    esc(r, base(r));
  }
  P("</h1><p class=\"meta\">bijsim ");
  esc(r, value_text(json_object_get(root, "version"), b, sizeof b));
  P(" &middot; seed ");
  esc(r, value_text(json_object_get(root, "seed"), b, sizeof b));
  P(" &middot; ");
  esc(r, value_text(json_object_get(root, "replications"), b, sizeof b));
  P(" replications per scenario");
  double h = r->nscen ? param_num(r, 0, "run.horizon_days") : NAN;
  if (isfinite(h))
    fprintf(r->f, " &middot; simulated period %.0f days (%.1f years)", h, h / 365.25);
  double cs = r->nscen ? param_num(r, 0, "run.cohort_start_day") : NAN;
  double cl = r->nscen ? param_num(r, 0, "run.cohort_length_days") : NAN;
  if (isfinite(cs) && isfinite(cl))
    fprintf(r->f, " &middot; cohort: benefit starts on days %.0f&ndash;%.0f", cs, cs + cl);
  P("</p>\n<nav class=\"toc\">");
  P("<a href=\"#findings\">Key findings</a><a href=\"#scenarios\">Scenarios</a>");
  if (r->has_summary)
    P("<a href=\"#indicators\">Indicators</a><a href=\"#charts\">Charts</a>");
  if (r->has_compare && r->nscen > 1)
    P("<a href=\"#differences\">Differences</a>");
  if (r->has_effect)
    P("<a href=\"#effect\">Net effect</a>");
  if (r->has_survival)
    P("<a href=\"#survival\">Spell durations</a>");
  if (r->has_flow)
    P("<a href=\"#flow\">Flow</a>");
  if (r->has_sweep)
    P("<a href=\"#sweep\">Sweep</a>");
  P("<a href=\"#method\">Method</a></nav></header>\n");
}

static void finding_value(rep *r, const char *scen, const char *ind) {
  double m, lo, hi;
  bs_indicator_def in = known(ind);
  summary_get(r, scen, ind, &m, &lo, &hi);
  P("<strong>");
  fmtv(r, m, in.fmt, 0);
  P("</strong>");
  if (isfinite(lo) && isfinite(hi)) {
    P(" (95% interval ");
    interval(r, lo, hi, in.fmt, 0);
    P(")");
  }
}

/* The main indicators: the findings of a comparison and the sweep charts. */
static const char *const main_inds[] = {"langdurigheidsratio_true", "outflow_regular_work_12m",
                                        "sluitingsratio_true",      "median_spell_days",
                                        "inkomensdeel_eur",         "werkdeel_eur"};
enum { N_MAIN_INDS = sizeof main_inds / sizeof main_inds[0] };

static void uncertainty_findings(rep *r);

static void findings(rep *r) {
  P("<section id=\"findings\" class=\"findings\"><h2>Key findings</h2><ul>\n");
  if (!strcmp(r->command, "effect") && r->has_effect) {
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
      P("<li>On average <strong>");
      fmtv(r, part, BS_FMT_NUM, 0);
      P("</strong> clients of the cohort took part per replication.</li>");
      if (!(part > 0)) {
        P("<li>Nobody took part, so there is no effect to measure: is the instrument switched "
          "on in this scenario?</li>");
        continue;
      }
      P("<li>Of the participants, <strong>");
      fmtv(r, g, BS_FMT_PCT, 0);
      P("</strong> left benefit within 12 months. Without the instrument the same persons "
        "would have left in <strong>");
      fmtv(r, c, BS_FMT_PCT, 0);
      P("</strong> of cases.</li><li>Net effect: <strong>");
      fmtv(r, n, BS_FMT_PP, 1);
      P("</strong>");
      if (isfinite(nl) && isfinite(nh)) {
        P(" (95% interval ");
        interval(r, nl, nh, BS_FMT_PP, 1);
        P(")");
        P(nl > 0 || nh < 0 ? ": distinguishable from simulation noise."
                           : ": not distinguishable from zero.");
      }
      P("</li><li>Deadweight: <strong>");
      fmtv(r, d, BS_FMT_PCT, 0);
      P("</strong> of the participants' outflow would have happened anyway.</li>\n");
    }
  } else if (r->has_compare && r->nscen > 1) {
    for (size_t s = 1; s < r->nscen; s++)
      for (size_t i = 0; i < N_MAIN_INDS; i++) {
        bs_indicator_def in = known(main_inds[i]);
        double m, lo, hi;
        if (compare_get(r, r->scen[s], main_inds[i], &m, &lo, &hi) != 0 || !isfinite(m))
          continue;
        bs_fmt df = in.fmt == BS_FMT_PCT ? BS_FMT_PP : in.fmt;
        P("<li><strong>");
        esc(r, r->scen[s]);
        P("</strong> vs ");
        esc(r, base(r));
        P(", ");
        esc(r, in.label);
        P(": ");
        fmtv(r, m, df, 1);
        if (isfinite(lo) && isfinite(hi)) {
          P(" (95% interval ");
          interval(r, lo, hi, df, 1);
          P(") ");
          P(lo > 0 || hi < 0
                ? "<span class=\"badge yes\">distinguishable from simulation noise</span>"
                : "<span class=\"badge no\">within chance</span>");
        }
        P("</li>\n");
      }
  } else if (r->has_summary) {
    for (size_t s = 0; s < r->nscen; s++) {
      const char *sc = r->scen[s];
      P("<li>");
      if (r->nscen > 1) {
        esc(r, sc);
        P(": of");
      } else {
        P("Of");
      }
      P(" the clients who started benefit in the cohort window, ");
      finding_value(r, sc, "langdurigheidsratio_true");
      P(" were still on benefit a year later (langdurigheidsratio).</li><li>");
      finding_value(r, sc, "outflow_regular_work_12m");
      P(" left for regular work within 12 months; half of the spells ended within ");
      finding_value(r, sc, "median_spell_days");
      P(".</li><li>");
      finding_value(r, sc, "sluitingsratio_true");
      P(" of the long-term clients with work obligations had a trajectory offer in their first "
        "year; the administration would report ");
      finding_value(r, sc, "sluitingsratio_registered");
      P(".</li>\n");
    }
  }
  if (r->has_unc)
    uncertainty_findings(r);
  if (r->has_sweep)
    P("<li>The sweep below shows how the main indicators move when one parameter changes and "
      "everything else stays the same.</li>\n");
  P("</ul></section>\n");
}

typedef struct key_param {
  const char *path, *label;
} key_param;
static const key_param key_params[] = {
    {"run.horizon_days", "Simulated period (days)"},
    {"inflow.applications_per_year", "Applications per year"},
    {"inflow.initial_stock", "Clients on benefit at the start"},
    {"gatekeeping.claim_intake", "Claim intake (uitkeringsintake) by"},
    {"cwi.kwint", "Qualifying intake (Kwint)"},
    {"gatekeeping.home_visits", "Home visits at application (huisbezoek)"},
    {"gatekeeping.work_first_gate", "Work-first at the gate"},
    {"case_management.model", "Case management (integral / separate)"},
    {"case_management.consultants_fte", "Consultants (FTE)"},
    {"work_first.enabled", "Work-first (production house)"},
    {"trajectory.enabled", "Re-integration trajectories"},
    {"trajectory.offer_order", "Order of trajectory offers"},
    {"trajectory.effort_share", "Paid for effort without outflow (no cure, less pay)"},
    {"activation.enabled", "Social activation (sociale activering)"},
    {"sanctions.hoogwaardig_handhaven", "Strict enforcement (hoogwaardig handhaven)"},
    {"outflow.job_rate_per_year", "Job-finding rate per year (at distance 0)"},
};

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

static void scenarios_section(rep *r) {
  char b[256];
  P("<section id=\"scenarios\"><h2>Scenarios and key parameters</h2>\n"
    "<p class=\"explain\">What was simulated. Every scenario is a YAML file; the values below "
    "are the resolved parameters (after <code>extends</code>) as recorded in run.json.</p>\n"
    "<table><tr><th>Parameter</th>");
  for (size_t s = 0; s < r->nscen; s++) {
    P("<th class=\"num\">");
    esc(r, r->scen[s]);
    P("</th>");
  }
  P("</tr>\n<tr><td>Scenario file</td>");
  for (size_t s = 0; s < r->nscen; s++) {
    P("<td class=\"num\"><code>");
    esc(r, r->files[s] ? r->files[s] : "");
    P("</code></td>");
  }
  P("</tr>\n");
  for (size_t k = 0; k < sizeof key_params / sizeof key_params[0]; k++) {
    int differs = 0;
    char first[256] = "";
    for (size_t s = 0; s < r->nscen; s++) {
      value_text(json_at(r->params[s], key_params[k].path), b, sizeof b);
      if (s == 0)
        snprintf(first, sizeof first, "%s", b);
      else if (strcmp(first, b))
        differs = 1;
    }
    P(differs ? "<tr class=\"diff\"><td>" : "<tr><td>");
    esc(r, key_params[k].label);
    P("</td>");
    for (size_t s = 0; s < r->nscen; s++) {
      P("<td class=\"num\">");
      esc(r, value_text(json_at(r->params[s], key_params[k].path), b, sizeof b));
      P("</td>");
    }
    P("</tr>\n");
  }
  P("</table>\n");
  if (!strcmp(r->command, "effect")) {
    P("<p class=\"explain\">Both runs use the same scenario file; in <strong>");
    esc(r, base(r));
    P("</strong> the instrument (");
    esc(r, instrument_words(r));
    P(") is switched off for the same persons: the counterfactual.</p>\n");
  } else if (r->nscen > 1 && r->params[0]) {
    /* every parameter that differs from the base */
    enum { CAP = 600 };
    leaf *a = malloc(CAP * sizeof *a), *o = malloc(CAP * sizeof *o);
    if (a && o) {
      size_t na = flatten(r->params[0], "", a, 0, CAP);
      P("<h3>Every parameter that differs from ");
      esc(r, base(r));
      P("</h3>\n<table><tr><th>Parameter</th><th class=\"num\">");
      esc(r, base(r));
      P("</th>");
      for (size_t s = 1; s < r->nscen; s++) {
        P("<th class=\"num\">");
        esc(r, r->scen[s]);
        P("</th>");
      }
      P("</tr>\n");
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
        P("<tr><td><code>");
        esc(r, a[i].path);
        P("</code></td><td class=\"num\">");
        esc(r, a[i].text);
        P("</td>");
        for (size_t s = 1; s < r->nscen; s++) {
          P("<td class=\"num\">");
          esc(r, value_text(json_at(r->params[s], a[i].path), b, sizeof b));
          P("</td>");
        }
        P("</tr>\n");
      }
      if (!shown) {
        fprintf(r->f, "<tr><td colspan=\"%zu\">No parameter differs (only the name).</td></tr>\n",
                r->nscen + 1);
      }
      P("</table>\n");
    }
    free(a);
    free(o);
  }
  P("</section>\n");
}

static void indicators_section(rep *r) {
  P("<section id=\"indicators\"><h2>Main indicators</h2>\n<p class=\"explain\">Mean over the "
    "replications, with the 95% interval in which the true model mean lies (Student-t over "
    "replications). Shares are of the cohort that started benefit in the cohort window; money "
    "and counts are over the whole simulated period.");
  if (r->has_compare && r->nscen > 1)
    P(" The difference columns compare each variant with the first scenario on the same "
      "simulated persons (paired).");
  const json_t *reps = json_object_get(r->run, "replications");
  if (json_is_number(reps) && json_number_value(reps) < 2)
    P(" <strong>Only one replication was run, so there are no intervals: use "
      "<code>--replications 10</code> or more.</strong>");
  P("</p>\n<div class=\"wide\"><table><tr><th>Indicator</th>");
  for (size_t s = 0; s < r->nscen; s++) {
    P("<th class=\"num\">");
    esc(r, r->scen[s]);
    P("</th><th class=\"num\">95% interval</th>");
  }
  int diffs = r->has_compare && r->nscen > 1;
  if (diffs)
    for (size_t s = 1; s < r->nscen; s++) {
      P("<th class=\"num\">");
      esc(r, r->scen[s]);
      P(" &minus; ");
      esc(r, base(r));
      P("</th>");
    }
  P("</tr>\n");
  for (size_t i = 0; i < N_KEY; i++) {
    bs_indicator_def d = known(key_inds[i]);
    const bs_indicator_def *in = &d;
    P("<tr><td><strong>");
    esc(r, in->label);
    P("</strong><br><span class=\"about\">");
    esc(r, in->definition);
    P("</span></td>");
    for (size_t s = 0; s < r->nscen; s++) {
      double m, lo, hi;
      summary_get(r, r->scen[s], in->name, &m, &lo, &hi);
      value_cells(r, m, lo, hi, in->fmt, 0);
    }
    if (diffs)
      for (size_t s = 1; s < r->nscen; s++) {
        double m, lo, hi;
        compare_get(r, r->scen[s], in->name, &m, &lo, &hi);
        bs_fmt df = in->fmt == BS_FMT_PCT ? BS_FMT_PP : in->fmt;
        P("<td class=\"num\">");
        fmtv(r, m, df, 1);
        if (isfinite(lo) && isfinite(hi))
          P(lo > 0 || hi < 0 ? " <span class=\"badge yes\">beyond noise</span>"
                             : " <span class=\"badge no\">chance</span>");
        P("</td>");
      }
    P("</tr>\n");
  }
  P("</table></div>\n<details><summary>All indicators (summary.csv)</summary>\n<table><tr>"
    "<th>Scenario</th><th>Indicator</th><th class=\"num\">Mean</th><th class=\"num\">95% "
    "interval</th><th class=\"num\">n</th></tr>\n");
  const bs_csv *t = &r->summary;
  long cs = bs_csv_col(t, "scenario"), ci = bs_csv_col(t, "indicator"), cm = bs_csv_col(t, "mean"),
       cl = bs_csv_col(t, "ci_low"), ch = bs_csv_col(t, "ci_high"), cn = bs_csv_col(t, "n");
  for (size_t k = 0; k < t->nrow; k++) {
    bs_indicator_def in = info_of(bs_csv_get(t, k, ci));
    P("<tr><td>");
    esc(r, bs_csv_get(t, k, cs));
    P("</td><td><code>");
    esc(r, bs_csv_get(t, k, ci));
    P("</code></td>");
    value_cells(r, bs_csv_num(t, k, cm), bs_csv_num(t, k, cl), bs_csv_num(t, k, ch), in.fmt, 0);
    P("<td class=\"num\">");
    esc(r, bs_csv_get(t, k, cn));
    P("</td></tr>\n");
  }
  P("</table></details></section>\n");
}

/* Observed figures (targets.csv): what the scenario is held against. */
static void targets_section(rep *r) {
  if (!r->has_targets)
    return;
  P("<section id=\"targets\"><h2>Against the observed figures</h2>\n<p class=\"explain\">"
    "Figures observed in the real municipality or in the seed reports, as the scenario "
    "declares them under <code>targets</code>, next to the simulated mean and its 95% interval. "
    "<em>Inside</em>: the whole interval lies in the range the figure is judged against. "
    "<em>Mean inside</em>: the mean does, but the interval reaches outside it; with a small "
    "cohort (a few dozen clients) the interval of 50 replications can be as wide as the range "
    "itself, and more replications narrow it. <em>Outside</em>: the mean lies outside the "
    "range.</p>\n<div class=\"wide\"><table><tr><th>Scenario</th><th>Indicator</th>"
    "<th class=\"num\">Observed</th><th class=\"num\">Range</th><th class=\"num\">Simulated"
    "</th><th class=\"num\">95% interval</th><th>Verdict</th><th>Source</th></tr>\n");
  const bs_csv *t = &r->targets;
  long cs = bs_csv_col(t, "scenario"), ci = bs_csv_col(t, "indicator"),
       co = bs_csv_col(t, "observed"), clo = bs_csv_col(t, "low"), chi = bs_csv_col(t, "high"),
       cm = bs_csv_col(t, "mean"), cl = bs_csv_col(t, "ci_low"), ch = bs_csv_col(t, "ci_high"),
       cv = bs_csv_col(t, "verdict"), csrc = bs_csv_col(t, "source");
  for (size_t k = 0; k < t->nrow; k++) {
    bs_indicator_def in = info_of(bs_csv_get(t, k, ci));
    P("<tr><td>");
    esc(r, bs_csv_get(t, k, cs));
    P("</td><td>");
    if (strcmp(in.label, bs_csv_get(t, k, ci)) != 0) {
      esc(r, in.label);
      P("<br>");
    }
    P("<code>");
    esc(r, bs_csv_get(t, k, ci));
    P("</code></td><td class=\"num\">");
    fmtv(r, bs_csv_num(t, k, co), in.fmt, 0);
    P("</td><td class=\"num\">");
    interval(r, bs_csv_num(t, k, clo), bs_csv_num(t, k, chi), in.fmt, 0);
    P("</td>");
    value_cells(r, bs_csv_num(t, k, cm), bs_csv_num(t, k, cl), bs_csv_num(t, k, ch), in.fmt, 0);
    const char *v = bs_csv_get(t, k, cv);
    P("<td>");
    if (!strcmp(v, "interval_inside"))
      P("<span class=\"badge yes\">inside</span>");
    else if (!strcmp(v, "mean_inside"))
      P("<span class=\"badge\">mean inside</span>");
    else if (!strcmp(v, "outside"))
      P("<span class=\"badge no\">outside</span>");
    else
      P("&ndash;");
    P("</td><td>");
    esc(r, bs_csv_get(t, k, csrc));
    P("</td></tr>\n");
  }
  P("</table></div></section>\n");
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
  bs_bar_chart c = {.title = title,
                    .y_label = y_label,
                    .fmt = fmt,
                    .ncat = n,
                    .nser = nscen,
                    .cat_labels = labels,
                    .ser_labels = scen,
                    .mean = m,
                    .lo = lo,
                    .hi = hi,
                    .zero_based = 1};
  bs_svg_bars(r->f, &c);
}

static void charts_section(rep *r) {
  P("<section id=\"charts\"><h2>The chain in numbers</h2>\n");
  size_t ns = r->nscen;
  /* the cohort ratios charted, each with its chart label; the first four
   * also true versus registered */
  static const struct {
    int item;
    const char *chart;
  } ratios[] = {{BS_COHORT_complianceratio, "compliance\n(complianceratio)"},
                {BS_COHORT_langdurigheidsratio, "still on benefit\nafter 12 months"},
                {BS_COHORT_sluitingsratio, "offer within\nyear one (sluiting)"},
                {BS_COHORT_uitstroomratio_met_traject, "outflow with\ntrajectory"},
                {BS_COHORT_uitstroomratio_zonder_traject, "outflow without\ntrajectory"}};
  enum { NRATIO = sizeof ratios / sizeof ratios[0], NTR = 4 };
  const char *ratio_inds[2][NRATIO], *ratio_labels[NRATIO];
  for (size_t k = 0; k < NRATIO; k++) {
    for (int reg = 0; reg < 2; reg++)
      ratio_inds[reg][k] = bs_indicator_name(bs_indicator_cohort_index(ratios[k].item, reg));
    ratio_labels[k] = ratios[k].chart;
  }
  P("<figure><h3>Cohort indicators of the national monitor (share of clients, %)</h3>\n");
  bars_of(r, "Cohort indicators per scenario", "share of clients", BS_FMT_PCT, ratio_inds[0],
          ratio_labels, NRATIO, r->scen, ns);
  P("<figcaption>The five ratios of the seed's chapter 5 for the cohort that started benefit "
    "in the cohort window, as simulated (true). Bars show the mean over replications; the "
    "black whiskers the 95% interval. Lower 'still on benefit' is better; higher compliance "
    "and closing ratios mean more clients were reached.</figcaption></figure>\n");

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
      static const char *const ser[] = {"true (simulated)", "as registered"};
      char title[200];
      snprintf(title, sizeof title, "True versus registered indicators, %s", base(r));
      bs_bar_chart c = {
          title, "share of clients", BS_FMT_PCT, NTR, 2, ratio_labels, ser, m, lo, hi, 1, 4};
      P("<figure><h3>What the administration sees: true versus registered (");
      esc(r, base(r));
      P(", %)</h3>\n");
      bs_svg_bars(r->f, &c);
      P("<figcaption>The same indicators computed from the simulated administration, with "
        "its registration delays, trajectories never entered and stale exemption flags. The "
        "gap is why a national monitor and local records disagree.</figcaption></figure>\n");
    }
  }

  const char *route_inds[BS_ROUTE_N];
  for (int k = 0; k < BS_ROUTE_N; k++)
    route_inds[k] = bs_indicator_name(bs_indicator_outflow_index(k, BS_OUTFLOW_12m));
  P("<figure><h3>Why clients left within 12 months (share of the cohort, %)</h3>\n");
  bars_of(r, "Outflow within 12 months by route", "share of the cohort", BS_FMT_PCT, route_inds,
          bs_route_chart_labels, BS_ROUTE_N, r->scen, ns);
  P("<figcaption>Share of the cohort that left benefit within a year of starting, by the "
    "reason they left. Work routes (regular, subsidised, funded) are what re-integration "
    "aims at.</figcaption></figure>\n");

  static const struct {
    const char *ind, *chart;
  } money[] = {{"inkomensdeel_eur", "benefit paid\n(inkomensdeel)"},
               {"werkdeel_eur", "re-integration\n(werkdeel)"},
               {"consultant_spend_eur", "consultants"}};
  enum { NMONEY = sizeof money / sizeof money[0] };
  const char *money_inds[NMONEY], *money_labels[NMONEY];
  for (size_t k = 0; k < NMONEY; k++) {
    money_inds[k] = known(money[k].ind).name;
    money_labels[k] = money[k].chart;
  }
  P("<figure><h3>Money over the simulated period (EUR)</h3>\n");
  bars_of(r, "Spending per budget", "EUR over the period", BS_FMT_EUR, money_inds, money_labels,
          NMONEY, r->scen, ns);
  P("<figcaption>Under the WWB the municipality keeps what it saves on the income budget "
    "(inkomensdeel) and pays re-integration from the work budget (werkdeel). Totals over the "
    "whole simulated period, all clients.</figcaption></figure>\n");
  P("</section>\n");
}

static void differences_section(rep *r) {
  if (!(r->has_compare && r->nscen > 1))
    return;
  P("<section id=\"differences\"><h2>Paired differences: each variant minus ");
  esc(r, base(r));
  P("</h2>\n<p class=\"explain\">Every scenario simulated the same persons with the same luck "
    "(common random numbers), so the difference is taken replication by replication and most "
    "of the chance variation cancels. A dot with its 95% interval; a <strong>filled</strong> "
    "dot means the interval excludes zero (the difference is distinguishable from simulation "
    "noise), an open dot that the difference cannot be told apart from chance. The interval "
    "covers simulation noise only, under this scenario's parameter values; whether the "
    "difference survives the assumptions is what <code>bijsim uncertainty</code> shows.</p>\n");
  const char *const *sers = r->scen + 1;
  size_t nser = r->nscen - 1;
  static const char *const groups[3][6] = {
      {"langdurigheidsratio_true", "complianceratio_true", "sluitingsratio_true",
       "uitstroomratio_met_traject_true", "outflow_regular_work_12m",
       "outflow_subsidised_work_12m"},
      {"median_spell_days", "time_to_first_offer_mean_days", "consultant_mean_wait_days", NULL,
       NULL, NULL},
      {"inkomensdeel_eur", "werkdeel_eur", "consultant_spend_eur", NULL, NULL, NULL}};
  static const char *const heads[3] = {"Shares of the cohort (percentage points)",
                                       "Durations (days)", "Money over the period (EUR)"};
  static const bs_fmt fmts[3] = {BS_FMT_PP, BS_FMT_DAYS, BS_FMT_EUR};
  for (int g = 0; g < 3; g++) {
    bs_forest_row rows[6 * MAX_SCEN];
    size_t n = 0;
    for (int i = 0; i < 6 && groups[g][i]; i++)
      for (size_t s = 0; s < nser; s++) {
        double m, lo, hi;
        compare_get(r, sers[s], groups[g][i], &m, &lo, &hi);
        bs_indicator_def in = known(groups[g][i]);
        rows[n++] = (bs_forest_row){in.label, s, m, lo, hi};
      }
    P("<figure><h3>");
    esc(r, heads[g]);
    P("</h3>\n");
    bs_svg_forest(r->f, heads[g], "difference from the base scenario", fmts[g], rows, n, sers,
                  nser);
    P("</figure>\n");
  }
  P("<details><summary>All paired differences (compare.csv)</summary>\n<table><tr>"
    "<th>Indicator</th><th>Scenario</th><th class=\"num\">Mean</th><th class=\"num\">"
    "Difference</th><th class=\"num\">95% interval</th><th>Excludes 0</th></tr>\n");
  const bs_csv *t = &r->compare;
  long ci = bs_csv_col(t, "indicator"), cs = bs_csv_col(t, "scenario"), cm = bs_csv_col(t, "mean"),
       dm = bs_csv_col(t, "diff_mean"), dl = bs_csv_col(t, "diff_ci_low"),
       dh = bs_csv_col(t, "diff_ci_high"), ex = bs_csv_col(t, "excludes_zero");
  for (size_t k = 0; k < t->nrow; k++) {
    if (!strcmp(bs_csv_get(t, k, cs), base(r)))
      continue;
    bs_indicator_def in = info_of(bs_csv_get(t, k, ci));
    bs_fmt df = in.fmt == BS_FMT_PCT ? BS_FMT_PP : in.fmt;
    P("<tr><td><code>");
    esc(r, bs_csv_get(t, k, ci));
    P("</code></td><td>");
    esc(r, bs_csv_get(t, k, cs));
    P("</td><td class=\"num\">");
    fmtv(r, bs_csv_num(t, k, cm), in.fmt, 0);
    P("</td>");
    value_cells(r, bs_csv_num(t, k, dm), bs_csv_num(t, k, dl), bs_csv_num(t, k, dh), df, 1);
    P("<td>");
    esc(r, bs_csv_get(t, k, ex));
    P("</td></tr>\n");
  }
  P("</table></details></section>\n");
}

static void effect_section(rep *r) {
  if (!r->has_effect)
    return;
  const bs_csv *t = &r->effect;
  P("<section id=\"effect\"><h2>Net effect and deadweight of ");
  esc(r, instrument_words(r));
  P("</h2>\n<p class=\"explain\">The scenario was simulated twice for the same persons: with "
    "the instrument and with it switched off. <em>Gross</em> is the share of participants who "
    "left benefit within 12 months; <em>without</em> is the share of the very same persons who "
    "left without the instrument; the <em>net effect</em> is the difference, and "
    "<em>deadweight</em> the part of the gross outflow that would have happened anyway "
    "(without / gross). 'Whole cohort' compares every cohort client, participant or not.</p>\n");
  long co = bs_csv_col(t, "outcome"), cg = bs_csv_col(t, "group");
  enum { NG = BS_EFF_GROUPS };
  for (int o = 0; o < BS_EFF_OUTCOMES; o++) {
    double m[2 * NG], lo[2 * NG], hi[2 * NG];
    int any = 0;
    bs_forest_row rows[NG];
    for (int g = 0; g < NG; g++) {
      m[g * 2] = m[g * 2 + 1] = lo[g * 2] = lo[g * 2 + 1] = hi[g * 2] = hi[g * 2 + 1] = NAN;
      /* the forest plot wants single-line labels */
      rows[g] = (bs_forest_row){bs_effect_group_labels[g], 0, NAN, NAN, NAN};
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
      if (o == 0)
        P("<p><strong>No cohort client took part in this instrument</strong>, so its effect "
          "on participants cannot be measured (is it switched on in the scenario?).</p>\n");
      continue;
    }
    static const char *const ser[] = {"with the instrument (gross)", "same persons without it"};
    P("<figure><h3>Share that ");
    esc(r, bs_effect_outcome_labels[o]);
    P(", with and without the instrument (%)</h3>\n");
    bs_bar_chart c = {bs_effect_outcome_labels[o],
                      "share of the group",
                      BS_FMT_PCT,
                      NG,
                      2,
                      bs_effect_group_chart_labels,
                      ser,
                      m,
                      lo,
                      hi,
                      1,
                      2};
    bs_svg_bars(r->f, &c);
    P("</figure>\n<figure><h3>Net effect on the share that ");
    esc(r, bs_effect_outcome_labels[o]);
    P(" (percentage points)</h3>\n");
    static const char *const nser[] = {"net effect"};
    bs_svg_forest(r->f, "Net effect by group", "gross minus without (percentage points)", BS_FMT_PP,
                  rows, NG, nser, 1);
    P("<figcaption>Kansmeter phase as assigned at the CWI work intake (1 = directly employable, "
      "4 = needs much help); near/far: latent distance to the labour market. Filled dots: the "
      "interval excludes zero.</figcaption></figure>\n");
  }
  P("<table><tr><th>Outcome</th><th>Group</th><th class=\"num\">Participants</th>"
    "<th class=\"num\">Gross</th><th class=\"num\">Without</th><th class=\"num\">Net effect"
    "</th><th class=\"num\">95% interval</th><th class=\"num\">Deadweight</th></tr>\n");
  for (size_t k = 0; k < t->nrow; k++) {
    P("<tr><td>");
    esc(r, bs_csv_get(t, k, co));
    P("</td><td>");
    esc(r, bs_csv_get(t, k, cg));
    P("</td><td class=\"num\">");
    fmtv(r, bs_csv_num(t, k, bs_csv_col(t, "participants")), BS_FMT_NUM, 0);
    P("</td><td class=\"num\">");
    fmtv(r, bs_csv_num(t, k, bs_csv_col(t, "gross")), BS_FMT_PCT, 0);
    P("</td><td class=\"num\">");
    fmtv(r, bs_csv_num(t, k, bs_csv_col(t, "counterfactual")), BS_FMT_PCT, 0);
    P("</td>");
    value_cells(r, bs_csv_num(t, k, bs_csv_col(t, "net")),
                bs_csv_num(t, k, bs_csv_col(t, "net_ci_low")),
                bs_csv_num(t, k, bs_csv_col(t, "net_ci_high")), BS_FMT_PP, 1);
    P("<td class=\"num\">");
    fmtv(r, bs_csv_num(t, k, bs_csv_col(t, "deadweight")), BS_FMT_PCT, 0);
    P("</td></tr>\n");
  }
  P("</table></section>\n");
}

static void survival_section(rep *r) {
  if (!r->has_survival)
    return;
  const bs_csv *t = &r->survival;
  long cs = bs_csv_col(t, "scenario"), cd = bs_csv_col(t, "day"), cv = bs_csv_col(t, "survival");
  bs_series ser[MAX_SCEN];
  double *xs = malloc((t->nrow + MAX_SCEN) * sizeof *xs);
  double *ys = malloc((t->nrow + MAX_SCEN) * sizeof *ys);
  double med[MAX_SCEN];
  size_t ns = 0, off = 0;
  if (!xs || !ys) {
    free(xs);
    free(ys);
    return;
  }
  for (size_t s = 0; s < r->nscen && s < MAX_SCEN; s++) {
    ser[ns] = (bs_series){.label = r->scen[s], .x = xs + off, .y = ys + off, .step = 1};
    xs[off] = 0;
    ys[off] = 1;
    size_t n = 1;
    med[ns] = NAN;
    for (size_t k = 0; k < t->nrow; k++) {
      if (strcmp(bs_csv_get(t, k, cs), r->scen[s]))
        continue;
      double d = bs_csv_num(t, k, cd), v = bs_csv_num(t, k, cv);
      if (!isfinite(d) || !isfinite(v))
        continue;
      if (d == 0)
        n = 0; /* the table has day 0 itself */
      xs[off + n] = d;
      ys[off + n] = v;
      n++;
      if (!isfinite(med[ns]) && v <= 0.5)
        med[ns] = d;
    }
    ser[ns].n = n;
    off += n;
    ns++;
  }
  double h = r->nscen ? param_num(r, 0, "run.horizon_days") : NAN;
  P("<section id=\"survival\"><h2>How long benefit spells last</h2>\n<figure><h3>Share of the "
    "cohort still on benefit, by days since benefit started (%)</h3>\n");
  bs_line_chart c = {.title = "Kaplan-Meier survival of benefit spells",
                     .x_label = "days since the start of benefit",
                     .y_label = "still on benefit",
                     .x_fmt = BS_FMT_NUM,
                     .y_fmt = BS_FMT_PCT,
                     .nser = ns,
                     .series = ser,
                     .y_min = 0,
                     .y_max = 1,
                     .x_min = 0,
                     .x_max = isfinite(h) ? h : NAN,
                     .hline = 0.5,
                     .hline_label = "half of the spells ended (median)"};
  if (!isfinite(h))
    c.x_min = NAN;
  bs_svg_lines(r->f, &c);
  P("<figcaption>Kaplan-Meier estimate over all replications: each step down is clients "
    "leaving benefit. Spells still running at the end of the simulated period are counted as "
    "long as they were observed (censored), so late starters do not bias the curve. Where a "
    "curve crosses the dashed line is the median duration.</figcaption></figure>\n"
    "<table><tr><th>Scenario</th><th class=\"num\">Median spell (pooled)</th>"
    "<th class=\"num\">Still on benefit after 1 year</th><th class=\"num\">after 2 years</th>"
    "</tr>\n");
  for (size_t s = 0; s < ns; s++) {
    double y1 = NAN, y2 = NAN;
    for (size_t i = 0; i < ser[s].n; i++) {
      if (ser[s].x[i] <= 365)
        y1 = ser[s].y[i];
      if (ser[s].x[i] <= 730)
        y2 = ser[s].y[i];
    }
    if (isfinite(h) && h < 730)
      y2 = NAN;
    P("<tr><td>");
    esc(r, ser[s].label);
    P("</td><td class=\"num\">");
    if (isfinite(med[s]))
      fmtv(r, med[s], BS_FMT_DAYS, 0);
    else
      P("not reached");
    P("</td><td class=\"num\">");
    fmtv(r, y1, BS_FMT_PCT, 0);
    P("</td><td class=\"num\">");
    fmtv(r, y2, BS_FMT_PCT, 0);
    P("</td></tr>\n");
  }
  P("</table></section>\n");
  free(xs);
  free(ys);
}

static void flow_section(rep *r) {
  if (!r->has_flow)
    return;
  P("<section id=\"flow\"><h2>From application to outflow</h2>\n<p class=\"explain\">Clients "
    "per stage over the whole simulated period (mean over replications). Applications split at "
    "the gate (poortwachter) into those who leave and those admitted; the admitted and the "
    "clients already on benefit at the start make up everyone on benefit, who either left by "
    "one of the routes or are still on benefit at the end. Band widths are proportional to "
    "the number of clients; hover for exact numbers.</p>\n");
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
      gate[i] = flow_node(r, sc, "gate", bs_gate_names[i], bs_gate_labels[i]);
    gate[BS_GATE_N] = flow_node(r, sc, "gate", "in_intake_at_horizon", "still in intake at end");
    gate[BS_GATE_N + 1] = flow_node(r, sc, "gate", "admitted", "admitted");
    double initial = flow_get(r, sc, "inflow", "initial_stock");
    double onb = gate[NGATE - 1].value + (isfinite(initial) ? initial : 0); /* admitted */
    for (int i = 0; i < BS_ROUTE_N; i++)
      out[i] = flow_node(r, sc, "outflow", bs_route_names[i], bs_route_labels[i]);
    out[BS_ROUTE_N] =
        flow_node(r, sc, "end", "on_benefit_at_horizon", "still on benefit at the end");
    char title[200];
    snprintf(title, sizeof title, "Flow of clients through the chain, %s", sc);
    bs_flow_diagram d = {title,
                         {"applications", apps},
                         gate,
                         NGATE,
                         {"on benefit at the start", isfinite(initial) ? initial : 0},
                         {"on benefit during the period", onb},
                         out,
                         NOUT};
    P("<figure><h3>");
    esc(r, sc);
    P(": clients per stage</h3>\n");
    bs_svg_flow(r->f, &d);
    P("<figcaption>Kansmeter phase assigned at the CWI work intake (applicants, before the "
      "eligibility decision) ");
    for (int ph = 1; ph <= 4; ph++) {
      char item[16];
      snprintf(item, sizeof item, "phase_%d", ph);
      fprintf(r->f, "%s%d: ", ph > 1 ? ", " : "", ph);
      fmtv(r, flow_get(r, sc, "phase", item), BS_FMT_NUM, 0);
    }
    P(". Programmes started: work-first ");
    fmtv(r, flow_get(r, sc, "programme", bs_programme_names[BS_PROG_WORK_FIRST]), BS_FMT_NUM, 0);
    P(", trajectories ");
    fmtv(r, flow_get(r, sc, "programme", bs_programme_names[BS_PROG_TRAJECTORY]), BS_FMT_NUM, 0);
    P(", social activation ");
    fmtv(r, flow_get(r, sc, "programme", bs_programme_names[BS_PROG_ACTIVATION]), BS_FMT_NUM, 0);
    P("; sanctions ");
    fmtv(r, flow_get(r, sc, "programme", "sanction"), BS_FMT_NUM, 0);
    P(".</figcaption></figure>\n");
  }
  P("</section>\n");
}

static void sweep_section(rep *r) {
  if (!r->has_sweep)
    return;
  const bs_csv *t = &r->sweep;
  long cp = bs_csv_col(t, "param"), cv = bs_csv_col(t, "value"), ci = bs_csv_col(t, "indicator"),
       cm = bs_csv_col(t, "mean"), cl = bs_csv_col(t, "ci_low"), ch = bs_csv_col(t, "ci_high");
  P("<section id=\"sweep\"><h2>One parameter at a time</h2>\n<p class=\"explain\">Each chart "
    "varies one parameter over the listed values while every other parameter keeps its "
    "scenario value. All points simulate the same persons (same seed), so the line shows the "
    "effect of the parameter, not of chance. The band is the 95% interval of the mean.</p>\n");
  enum { MAXV = 64 };
  for (size_t k = 0; k < t->nrow; k++) {
    const char *param = bs_csv_get(t, k, cp);
    int seen = 0;
    for (size_t j = 0; j < k && !seen; j++)
      seen = !strcmp(bs_csv_get(t, j, cp), param);
    if (seen)
      continue;
    /* the values of this parameter, in order */
    const char *vals[MAXV];
    size_t nv = 0;
    for (size_t j = k; j < t->nrow; j++) {
      if (strcmp(bs_csv_get(t, j, cp), param))
        continue;
      const char *v = bs_csv_get(t, j, cv);
      int dup = 0;
      for (size_t q = 0; q < nv; q++)
        dup |= !strcmp(vals[q], v);
      if (!dup && nv < MAXV)
        vals[nv++] = v;
    }
    P("<h3>Parameter <code>");
    esc(r, param);
    P("</code></h3>\n<div class=\"grid2\">\n");
    for (size_t i = 0; i < N_MAIN_INDS; i++) {
      double x[MAXV], y[MAXV], lo[MAXV], hi[MAXV];
      int any = 0;
      for (size_t q = 0; q < nv; q++) {
        x[q] = (double)q;
        y[q] = lo[q] = hi[q] = NAN;
        for (size_t j = k; j < t->nrow; j++)
          if (!strcmp(bs_csv_get(t, j, cp), param) && !strcmp(bs_csv_get(t, j, cv), vals[q]) &&
              !strcmp(bs_csv_get(t, j, ci), main_inds[i])) {
            y[q] = bs_csv_num(t, j, cm);
            lo[q] = bs_csv_num(t, j, cl);
            hi[q] = bs_csv_num(t, j, ch);
            any |= isfinite(y[q]);
          }
      }
      if (!any)
        continue;
      bs_indicator_def in = known(main_inds[i]);
      bs_series se = {in.label, x, y, lo, hi, nv, 0};
      char title[256];
      snprintf(title, sizeof title, "%s by %s", in.label, param);
      bs_line_chart c = {.title = title,
                         .x_label = param,
                         .y_label = NULL,
                         .x_fmt = BS_FMT_NUM,
                         .y_fmt = in.fmt,
                         .nser = 1,
                         .series = &se,
                         .x_cats = vals,
                         .ncats = nv,
                         .y_min = NAN,
                         .y_max = NAN,
                         .x_min = NAN,
                         .x_max = NAN,
                         .hline = NAN,
                         .width = 380,
                         .height = 220};
      P("<figure><figcaption><strong>");
      esc(r, in.label);
      P("</strong></figcaption>\n");
      bs_svg_lines(r->f, &c);
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
    P("<span class=\"badge no\">no difference in any set</span>");
    return;
  }
  char b[160];
  snprintf(b, sizeof b, "holds in %.0f%% of plausible parameter sets", 100 * share);
  P(share >= BS_UNC_ROBUST_SHARE ? "<span class=\"badge yes\">" : "<span class=\"badge no\">");
  esc(r, b);
  P(share >= BS_UNC_ROBUST_SHARE ? ": robust to the stated assumptions</span>"
                                 : ": depends on the assumptions</span>");
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
      bs_fmt df = in.fmt == BS_FMT_PCT ? BS_FMT_PP : in.fmt;
      P("<li><strong>");
      esc(r, r->scen[s]);
      P("</strong> vs ");
      esc(r, base(r));
      P(", ");
      esc(r, in.label);
      P(": ");
      fmtv(r, m, df, 1);
      P(" on average over ");
      fmtv(r, (double)sets, BS_FMT_NUM, 0);
      P(" parameter sets (95% of sets from ");
      interval(r, unc_num(r, k, "diff_low"), unc_num(r, k, "diff_high"), df, 1);
      P(") ");
      unc_verdict(r, unc_num(r, k, "same_sign_share"));
      P("</li>\n");
    }
}

static void uncertainty_section(rep *r) {
  if (!r->has_unc)
    return;
  P("<section id=\"uncertainty\"><h2>Across plausible parameter sets</h2>\n<p class=\"explain\">"
    "Every scenario was simulated under each parameter set drawn from the plausible ranges of "
    "its assumptions (the <code>uncertainty:</code> section); within a set all scenarios "
    "simulate the same persons. <em>Range</em>: the 2.5% to 97.5% quantiles over the sets of a "
    "set's mean, so it combines the uncertainty of the assumptions with the simulation noise "
    "of one set's replications. A difference <em>holds</em> in a set when it has the sign of "
    "its mean there; from 90% of the sets on it is called robust to the stated assumptions "
    "(only to those: other parameters were held at their scenario values).</p>\n"
    "<div class=\"scroll\"><table><tr><th>Indicator</th><th>Scenario</th><th class=\"num\">"
    "Mean</th><th class=\"num\">Range</th><th class=\"num\">Difference</th><th class=\"num\">"
    "Range</th><th>Across sets</th></tr>\n");
  for (size_t i = 0; i < N_MAIN_INDS; i++)
    for (size_t s = 0; s < r->nscen; s++) {
      long k = unc_row(r, main_inds[i], r->scen[s]);
      if (k < 0)
        continue;
      bs_indicator_def in = known(main_inds[i]);
      bs_fmt df = in.fmt == BS_FMT_PCT ? BS_FMT_PP : in.fmt;
      P("<tr><td>");
      esc(r, in.label);
      P("</td><td>");
      esc(r, r->scen[s]);
      P("</td>");
      value_cells(r, unc_num(r, k, "mean"), unc_num(r, k, "low"), unc_num(r, k, "high"), in.fmt, 0);
      if (s == 0) {
        P("<td></td><td></td><td></td></tr>\n");
        continue;
      }
      value_cells(r, unc_num(r, k, "diff_mean"), unc_num(r, k, "diff_low"),
                  unc_num(r, k, "diff_high"), df, 1);
      P("<td>");
      unc_verdict(r, unc_num(r, k, "same_sign_share"));
      P("</td></tr>\n");
    }
  P("</table></div>\n<p class=\"explain\">All indicators: uncertainty.csv; per set: "
    "uncertainty_sets.csv and parameter_sets.csv.</p></section>\n");
}

/* ------------------------------------------------------------ sensitivity */

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
  P("<section id=\"sensitivity\"><h2>Which assumptions matter</h2>\n<p class=\"explain\">");
  if (morris)
    P("Morris screening: <em>mu*</em> is the mean absolute change of the output when one "
      "parameter moves by about two thirds of its plausible range (on the quantile scale), the "
      "others held; a large mu* marks an assumption the result depends on.");
  else
    P("Sobol' indices: <em>first order</em> (S1) is the share of the output's variance across "
      "the plausible ranges that one parameter causes on its own; <em>total</em> (ST) adds its "
      "interactions. A parameter with ST near 0 does not matter within its range.");
  P(" Bars: the estimate with its 95% bootstrap interval, largest first (at most 15).</p>\n");
  enum { MAXB = 15 };
  size_t order[MAXB], n = 0;
  /* the rows of the main index, largest estimate first */
  for (size_t k = 0; k < t->nrow; k++) {
    if (strcmp(bs_csv_get(t, k, cx), main_index))
      continue;
    double e = bs_csv_num(t, k, ce);
    size_t pos = n;
    while (pos > 0 && !(bs_csv_num(t, order[pos - 1], ce) >= e))
      pos--;
    if (pos >= MAXB)
      continue;
    if (n < MAXB)
      n++;
    memmove(order + pos + 1, order + pos, (n - 1 - pos) * sizeof *order);
    order[pos] = k;
  }
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
  static const char *const sobol_sers[] = {"first order (S1)", "total (ST)"};
  static const char *const morris_sers[] = {"mu*"};
  char title[300];
  snprintf(title, sizeof title, "Sensitivity of %s", what ? what : "the output");
  bs_bar_chart c = {.title = title,
                    .y_label = morris ? "mu* (output units)" : "share of variance",
                    .fmt = BS_FMT_NUM,
                    .ncat = n,
                    .nser = nser,
                    .cat_labels = labels,
                    .ser_labels = morris ? morris_sers : sobol_sers,
                    .mean = m,
                    .lo = lo,
                    .hi = hi,
                    .zero_based = 1};
  P("<figure><figcaption><strong>");
  esc(r, title);
  P("</strong></figcaption>\n");
  if (n)
    bs_svg_bars(r->f, &c);
  P("</figure>\n<p class=\"explain\">Every parameter and index: sensitivity.csv.</p></section>\n");
}

/* ------------------------------------------------------------ calibration */

/* A table of the named columns of t (numbers formatted with fmt[c]). */
static void csv_table(rep *r, const bs_csv *t, const char *const *cols, const char *const *heads,
                      const bs_fmt *fmts, size_t ncols) {
  P("<div class=\"scroll\"><table><tr>");
  for (size_t c = 0; c < ncols; c++) {
    P(c ? "<th class=\"num\">" : "<th>");
    esc(r, heads[c]);
    P("</th>");
  }
  P("</tr>\n");
  for (size_t k = 0; k < t->nrow; k++) {
    P("<tr>");
    for (size_t c = 0; c < ncols; c++) {
      long col = bs_csv_col(t, cols[c]);
      if (c == 0) {
        P("<td><code>");
        esc(r, bs_csv_get(t, k, col));
        P("</code></td>");
      } else {
        P("<td class=\"num\">");
        fmtv(r, bs_csv_num(t, k, col), fmts[c], 0);
        P("</td>");
      }
    }
    P("</tr>\n");
  }
  P("</table></div>\n");
}

static void calibration_section(rep *r) {
  if (!r->has_post)
    return;
  P("<section id=\"calibration\"><h2>Calibration: the parameters fitted to the targets</h2>\n"
    "<p class=\"explain\">Approximate Bayesian computation (ABC-SMC): parameter values drawn "
    "from the priors are kept when the simulated targets lie close to the observed ones, with "
    "a tolerance that shrinks from generation to generation (distance 'range': the worst "
    "target's distance from the middle of its range, in half ranges, so that a tolerance of 1 "
    "means every fitted target inside its range; 'rms': the root mean square of the "
    "deviations from the observed values in half ranges). The chart shows each parameter's "
    "posterior mean and 90% interval as a position in its prior range (0 = the prior's lower "
    "end, 1 = its upper end).</p>\n");
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
  static const char *const ser[] = {"posterior"};
  P("<figure><h3>Marginal posteriors</h3>\n");
  bs_svg_forest(r->f, "Marginal posteriors", "position in the prior range", BS_FMT_NUM, rows, n,
                ser, 1);
  P("</figure>\n");
  static const char *const pc[] = {"parameter", "prior_low", "prior_high", "mean",
                                   "q05",       "q50",       "q95"};
  static const char *const ph[] = {"Parameter", "Prior from", "to", "Posterior mean",
                                   "5%",        "median",     "95%"};
  static const bs_fmt pf[] = {BS_FMT_NUM, BS_FMT_NUM, BS_FMT_NUM, BS_FMT_NUM,
                              BS_FMT_NUM, BS_FMT_NUM, BS_FMT_NUM};
  csv_table(r, t, pc, ph, pf, 7);
  if (r->has_fit) {
    P("<h3>Fit per target</h3>\n<p class=\"explain\">The simulated value over the posterior "
      "particles against the observed figure and its range, the posterior share of particles "
      "inside the range, and the same on fresh replications (the check: how much of the fit "
      "survives new luck). A target with 0 under 'Fitted' is reported, not fitted (fit.csv "
      "gives the reason).</p>\n");
    static const char *const fc[] = {"indicator",  "observed",
                                     "low",        "high",
                                     "mean",       "q05",
                                     "q95",        "share_in_range",
                                     "check_mean", "check_share_in_range",
                                     "fitted"};
    static const char *const fh[] = {
        "Target",   "Observed", "Range from",       "to",    "Simulated", "5%", "95%",
        "In range", "Check",    "In range (check)", "Fitted"};
    static const bs_fmt ff[] = {BS_FMT_NUM, BS_FMT_NUM, BS_FMT_NUM, BS_FMT_NUM,
                                BS_FMT_NUM, BS_FMT_NUM, BS_FMT_NUM, BS_FMT_PCT,
                                BS_FMT_NUM, BS_FMT_PCT, BS_FMT_NUM};
    csv_table(r, &r->fit, fc, fh, ff, 11);
  }
  if (r->has_gens) {
    P("<h3>Generations</h3>\n<p class=\"explain\">Tolerance, replications per particle, "
      "acceptance rate and effective sample size (ESS) of each generation's weighted "
      "particles.</p>\n");
    static const char *const gc[] = {"generation",      "tolerance", "replications",  "proposed",
                                     "acceptance_rate", "ess",       "share_in_range"};
    static const char *const gh[] = {"Generation", "Tolerance", "Replications",        "Proposed",
                                     "Accepted",   "ESS",       "All targets in range"};
    static const bs_fmt gf[] = {BS_FMT_NUM, BS_FMT_NUM, BS_FMT_NUM, BS_FMT_NUM,
                                BS_FMT_PCT, BS_FMT_NUM, BS_FMT_PCT};
    csv_table(r, &r->gens, gc, gh, gf, 7);
  }
  P("</section>\n");
}

static void method_section(rep *r) {
  P("<section id=\"method\"><h2>How to read this report</h2>\n<ul>\n"
    "<li><strong>Replications.</strong> Each scenario is simulated several times with "
    "different random streams. The value shown is the mean; the <em>95% interval</em> is "
    "mean &plusmn; t &middot; sd / &radic;n (Student-t with n&minus;1 degrees of freedom). It "
    "says how precisely the simulation pins down the model's mean, not how certain the model "
    "itself is.</li>\n"
    "<li><strong>Paired comparison.</strong> Replication k of every scenario simulates the "
    "same persons with the same traits and luck (common random numbers). Differences are "
    "taken per replication, so chance that both share cancels; the interval of a difference "
    "is therefore far narrower than the two separate intervals suggest.</li>\n"
    "<li><strong>Cohort.</strong> The chapter-5 indicators follow the clients who started "
    "benefit in a half-year window, as the national monitor did; 'registered' versions come "
    "from the simulated administration with its delays and gaps.</li>\n"
    "<li><strong>Spell durations.</strong> Kaplan-Meier: spells still running at the end are "
    "censored (counted only for as long as they were observed).</li>\n"
    "<li><strong>Net effect.</strong> The same persons re-simulated without the instrument; "
    "net = gross &minus; without; deadweight = without / gross.</li>\n"
    "<li>All numbers come from the CSV files next to this report (summary.csv, compare.csv, "
    "survival.csv, flow.csv, effect.csv, sweep.csv); docs/analysis.md explains every column."
    "</li>\n</ul></section>\n");
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

static void free_rep(rep *r) {
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
}

static void not_an_output_directory(const char *dir, char *err, size_t errlen) {
  snprintf(err, errlen,
           "%s: no run.json: not a bijsim output directory (make one with "
           "'bijsim run', 'compare', 'effect' or 'sweep')",
           dir);
}

int bs_report_build(const char *dir, bs_outdir *out, char *err, size_t errlen) {
  rep *r = calloc(1, sizeof *r);
  if (!r) {
    snprintf(err, errlen, "out of memory");
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
      load_csv(dir, "sweep.csv", &r->sweep, &r->has_sweep, err, errlen) != 0 ||
      load_csv(dir, "targets.csv", &r->targets, &r->has_targets, err, errlen) != 0 ||
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
  bs_outset set = {0};
  r->f = bs_out_open(&set, out, "report.html", err, errlen);
  if (!r->f) {
    free_rep(r);
    free(r);
    return -1;
  }
  P("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
  char b[256];
  snprintf(b, sizeof b, "bijsim %s report: %s", r->command, base(r));
  esc(r, b);
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
  flow_section(r);
  sweep_section(r);
  uncertainty_section(r);
  sensitivity_section(r);
  calibration_section(r);
  method_section(r);
  P("</main>\n</body>\n</html>\n");
  rc = bs_out_commit(&set, err, errlen);
  free_rep(r);
  free(r);
  return rc;
}

int bs_report_write(const char *dir, char *err, size_t errlen) {
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
    rc = bs_report_build(dir, d, err, errlen);
  if (rc == 0)
    rc = bs_outdir_add(d, err, errlen);
  bs_outdir_end(d);
  free(d);
  return rc;
}
