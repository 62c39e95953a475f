/* svg.h: the inline SVG charts of the HTML report, drawn by our own code (no
 * scripts, no external resources): grouped bars with error bars, lines and
 * step curves with interval bands, a forest plot of differences with their
 * intervals, and a flow (Sankey) diagram. Each chart is a <figure>-ready
 * <svg> with a viewBox (it scales to the page width), a <title> for screen
 * readers and <title> tooltips on the marks. Colours: Okabe-Ito, readable by
 * colour-blind readers. */
#ifndef BIJSIM_SVG_H
#define BIJSIM_SVG_H

#include "analysis/fmt.h"
#include "analysis/lang.h"

#include <stddef.h>
#include <stdio.h>

/* Escapes & < > " ' for HTML/SVG text and attributes. */
void bs_html_escape(FILE *f, const char *s);
/* A value as text for a reader, in the language's number format; NaN ->
 * "n/a" ("n.b."). `sign` forces a leading '+'. Money is written one way:
 * whole euros with thousands separators below a million, millions with
 * three significant digits from a million ("€1,234", "€1.27 m"; Dutch
 * "€ 1.234", "€ 1,27 mln"). */
const char *bs_fmt_value(char *buf, size_t len, double v, bs_fmt fmt, int sign, bs_lang lang);
/* The same, with money on the scale of `ref` (the largest of the values
 * shown together, e.g. a mean and its interval), so that they read alike. */
const char *bs_fmt_value_ref(char *buf, size_t len, double v, bs_fmt fmt, int sign, bs_lang lang,
                             double ref);

/* Grouped bars: ncat categories x nser series, values row-major
 * (category-major: mean[c * nser + s]); lo/hi may be NULL (no error bars);
 * NaN values are not drawn. Labels may contain '\n' for a line break. */
typedef struct bs_bar_chart {
  const char *title;
  const char *y_label;
  bs_fmt fmt;
  size_t ncat, nser;
  const char *const *cat_labels;
  const char *const *ser_labels;
  const double *mean, *lo, *hi;
  int zero_based;       /* the axis includes 0 (bars always start at 0) */
  size_t colour_offset; /* series s gets bs_svg_colour(s + colour_offset) */
  bs_lang lang;         /* the number format and the chart's words */
  int width;            /* 0: the default */
} bs_bar_chart;
void bs_svg_bars(FILE *f, const bs_bar_chart *c);

/* Lines: each series has n points (x[i], y[i]); lo/hi (may be NULL) give a
 * shaded band; step draws a right-continuous step function (survival).
 * With x_cats the x axis is categorical: point i sits at position x[i] (an
 * index) and is labelled x_cats[x[i]].
 * at_risk (may be NULL): the number at risk at each point (at_risk[i] from
 * x[i] on); with the chart's risk_label a row per series under the axis
 * gives it at every x tick. With has_end the line stops at x_end (e.g. where
 * too few are left at risk); later points still count for the risk row. */
typedef struct bs_series {
  const char *label;
  const double *x, *y, *lo, *hi;
  size_t n;
  int step;
  const double *at_risk;
  int has_end;
  double x_end;
} bs_series;
typedef struct bs_line_chart {
  const char *title;
  const char *x_label, *y_label;
  bs_fmt x_fmt, y_fmt;
  size_t nser;
  const bs_series *series;
  const char *const *x_cats; /* NULL: numeric x */
  size_t ncats;
  double y_min, y_max; /* both NaN: from the data */
  double x_min, x_max; /* both NaN: from the data */
  double hline;        /* NaN: none; else a dashed reference line (e.g. 0.5) */
  const char *hline_label;
  int width, height;      /* 0: defaults */
  const char *risk_label; /* non-NULL: the number-at-risk rows, under this heading */
  bs_lang lang;
} bs_line_chart;
void bs_svg_lines(FILE *f, const bs_line_chart *c);

/* Forest plot: one row per (label, series) with a point and an interval
 * against a vertical zero line. Rows with the same label are drawn together. */
typedef struct bs_forest_row {
  const char *label;
  size_t series;
  double mean, lo, hi;
} bs_forest_row;
void bs_svg_forest(FILE *f, bs_lang lang, const char *title, const char *x_label, bs_fmt fmt,
                   const bs_forest_row *rows, size_t n, const char *const *ser_labels, size_t nser);

/* Flow diagram in three columns: sources -> a middle node -> sinks, and
 * a first split before it: column 0 has `in` nodes, each either flowing
 * into the middle node (to_middle) or out to a gate exit listed in column 1.
 * Kept general enough for the chain: applications split at the gate, the
 * admitted and the initial stock join "on benefit", which splits into the
 * outflow routes and those still on benefit. */
typedef struct bs_flow_node {
  const char *label;
  double value;
  int work; /* an outflow route that is work (drawn in the work colour) */
} bs_flow_node;
typedef struct bs_flow_diagram {
  const char *title;
  bs_flow_node applications; /* column 0 */
  const bs_flow_node *gate;  /* column 1: the splits of the applications */
  size_t ngate;              /* the last one is the part admitted */
  bs_flow_node initial;      /* column 1: initial stock (joins the admitted) */
  bs_flow_node on_benefit;   /* column 2 */
  const bs_flow_node *out;   /* column 3: outflow routes and 'still on benefit' */
  size_t nout;
} bs_flow_diagram;
void bs_svg_flow(FILE *f, bs_lang lang, const bs_flow_diagram *d);

#endif
