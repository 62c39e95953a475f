/* svg.h: the inline SVG charts of the HTML report, drawn by our own code (no
 * scripts, no external resources): grouped bars with error bars, lines and
 * step curves with interval bands, a forest plot of differences with their
 * intervals, and a flow (Sankey) diagram. Each chart is a <figure>-ready
 * <svg> with a viewBox (it scales to the page width), a <title> for screen
 * readers and <title> tooltips on the marks. Colours: Okabe-Ito, readable by
 * colour-blind readers. */
#ifndef BIJSIM_SVG_H
#define BIJSIM_SVG_H

#include <stddef.h>
#include <stdio.h>

typedef enum {
  BS_FMT_NUM, /* 1,234 or 12.3 */
  BS_FMT_PCT, /* share 0..1 shown as 54% */
  BS_FMT_PP,  /* difference of shares shown in percentage points: +2.1 pp */
  BS_FMT_EUR, /* EUR 1.2 m */
  BS_FMT_DAYS /* 123 days */
} bs_fmt;

/* Escapes & < > " ' for HTML/SVG text and attributes. */
void bs_html_escape(FILE *f, const char *s);
/* A value as text for a reader; NaN -> "n/a". `sign` forces a leading '+'. */
const char *bs_fmt_value(char *buf, size_t len, double v, bs_fmt fmt, int sign);

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
} bs_bar_chart;
void bs_svg_bars(FILE *f, const bs_bar_chart *c);

/* Lines: each series has n points (x[i], y[i]); lo/hi (may be NULL) give a
 * shaded band; step draws a right-continuous step function (survival).
 * With x_cats the x axis is categorical: point i sits at position x[i] (an
 * index) and is labelled x_cats[x[i]]. */
typedef struct bs_series {
  const char *label;
  const double *x, *y, *lo, *hi;
  size_t n;
  int step;
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
  int width, height; /* 0: defaults */
} bs_line_chart;
void bs_svg_lines(FILE *f, const bs_line_chart *c);

/* Forest plot: one row per (label, series) with a point and an interval
 * against a vertical zero line. Rows with the same label are drawn together. */
typedef struct bs_forest_row {
  const char *label;
  size_t series;
  double mean, lo, hi;
} bs_forest_row;
void bs_svg_forest(FILE *f, const char *title, const char *x_label, bs_fmt fmt,
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
void bs_svg_flow(FILE *f, const bs_flow_diagram *d);

#endif
