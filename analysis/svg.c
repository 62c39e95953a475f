/* svg.c: see svg.h. Coordinates are in viewBox units; the page scales the
 * SVG to its column width. */
#include "analysis/svg.h"

#include <math.h>
#include <string.h>

static const char *const palette[] = {"#0072B2", "#E69F00", "#009E73", "#CC79A7",
                                      "#56B4E9", "#D55E00", "#999999", "#000000"};

/* The i-th colour of the palette (cycles). */
static const char *bs_svg_colour(size_t i) {
  return palette[i % (sizeof palette / sizeof palette[0])];
}

void bs_html_escape(FILE *f, const char *s) {
  for (; s && *s; s++) {
    switch (*s) {
    case '&':
      fputs("&amp;", f);
      break;
    case '<':
      fputs("&lt;", f);
      break;
    case '>':
      fputs("&gt;", f);
      break;
    case '"':
      fputs("&quot;", f);
      break;
    case '\'':
      fputs("&#39;", f);
      break;
    default:
      fputc(*s, f);
    }
  }
}

#define MSG(id) bs_msg(lang, BS_MSG_##id)

/* v with `dec` decimals in the language's number format: the thousands
 * grouped ("1,234.5"; Dutch "1.234,5"); a value that rounds to zero has no
 * sign. `plus` writes a '+' before a positive value. */
static void number(char *buf, size_t len, double v, int dec, int plus, bs_lang lang) {
  double k = pow(10, dec), r = round(v * k) / k;
  if (r == 0)
    r = 0.0;
  char raw[80];
  snprintf(raw, sizeof raw, "%.*f", dec, fabs(r));
  const char *point = strchr(raw, '.');
  size_t nint = point ? (size_t)(point - raw) : strlen(raw), o = 0;
  const char *group = MSG(group_mark), *mark = MSG(decimal_mark);
  if (len == 0)
    return;
#define PUT(c)                                                                                     \
  do {                                                                                             \
    if (o + 1 < len)                                                                               \
      buf[o++] = (c);                                                                              \
  } while (0)
  if (r < 0)
    PUT('-');
  else if (plus && r > 0)
    PUT('+');
  for (size_t i = 0; i < nint; i++) {
    if (i && (nint - i) % 3 == 0)
      for (const char *g = group; *g; g++)
        PUT(*g);
    PUT(raw[i]);
  }
  if (point) {
    for (const char *m = mark; *m; m++)
      PUT(*m);
    for (const char *d = point + 1; *d; d++)
      PUT(*d);
  }
#undef PUT
  buf[o] = 0;
}

/* Decimals for a share shown in percent: 2 below 1%, 1 below 10%, else 0. */
static int pct_decimals(double a) { return a * 100 >= 9.95 ? 0 : a * 100 >= 0.995 ? 1 : 2; }

/* Money: the sign, the currency, the amount; in millions (three significant
 * digits) when |ref| is a million or more, else whole euros. */
static void money(char *buf, size_t len, double v, int sign, bs_lang lang, double ref) {
  char n[64];
  double a = fabs(ref);
  if (a >= 1e6 && v != 0) {
    int dec = a >= 1e8 ? 0 : a >= 1e7 ? 1 : 2;
    number(n, sizeof n, fabs(v) / 1e6, dec, 0, lang);
    double shown_v = round(fabs(v) / 1e6 * pow(10, dec));
    snprintf(buf, len, "%s%s%s%s",
             v < 0 && shown_v > 0           ? "-"
             : sign && v > 0 && shown_v > 0 ? "+"
                                            : "",
             MSG(eur_prefix), n, MSG(eur_million));
  } else {
    number(n, sizeof n, fabs(v), 0, 0, lang);
    double shown_v = round(fabs(v));
    snprintf(buf, len, "%s%s%s",
             v < 0 && shown_v > 0           ? "-"
             : sign && v > 0 && shown_v > 0 ? "+"
                                            : "",
             MSG(eur_prefix), n);
  }
}

const char *bs_fmt_value_ref(char *buf, size_t len, double v, bs_fmt fmt, int sign, bs_lang lang,
                             double ref) {
  if (!isfinite(v)) {
    snprintf(buf, len, "%s", MSG(na));
    return buf;
  }
  double a = fabs(v);
  char n[64];
  switch (fmt) {
  case BS_FMT_PCT:
  case BS_FMT_PP:
    number(n, sizeof n, v * 100, v == 0 ? 0 : pct_decimals(a), sign, lang);
    snprintf(buf, len, "%s%s", n, fmt == BS_FMT_PCT ? "%" : MSG(unit_pp));
    break;
  case BS_FMT_EUR:
    money(buf, len, v, sign, lang, isfinite(ref) ? fmax(fabs(ref), a) : a);
    break;
  case BS_FMT_DAYS:
    number(n, sizeof n, v, a >= 9.95 || v == 0 ? 0 : 1, sign, lang);
    snprintf(buf, len, "%s%s", n, MSG(unit_days));
    break;
  default:
    if (a >= 100 || (a == floor(a) && a < 1e15))
      number(buf, len, v, 0, sign, lang);
    else
      number(buf, len, v, a >= 9.95 ? 1 : 2, sign, lang);
  }
  return buf;
}

const char *bs_fmt_value(char *buf, size_t len, double v, bs_fmt fmt, int sign, bs_lang lang) {
  return bs_fmt_value_ref(buf, len, v, fmt, sign, lang, v);
}

/* Tick label: like bs_fmt_value but with the precision of the step (money
 * in millions on an axis that reaches a million, as the values it marks;
 * `reach` is the largest |value| of the axis). */
static const char *tick_label(char *buf, size_t len, double v, double step, bs_fmt fmt,
                              bs_lang lang, double reach) {
  if (fabs(v) < step * 1e-9)
    v = 0;
  char n[40];
  if (v == 0 && fmt != BS_FMT_PCT && fmt != BS_FMT_PP) {
    snprintf(buf, len, "%s0", fmt == BS_FMT_EUR ? MSG(eur_prefix) : "");
    return buf;
  }
  if (fmt == BS_FMT_PCT || fmt == BS_FMT_PP) {
    int dec = step * 100 >= 1 ? 0 : step * 100 >= 0.1 ? 1 : 2;
    number(n, sizeof n, v * 100, dec, fmt == BS_FMT_PP, lang);
    snprintf(buf, len, "%s%s", n, fmt == BS_FMT_PCT ? "%" : "");
    return buf;
  }
  /* decimals that the step needs: 2.5 -> 1, 0.25 -> 2 */
  double unit = fmt == BS_FMT_EUR && (fabs(step) >= 1e5 || reach >= 1e6) ? 1e6 : 1;
  double st = step / unit;
  int dec = 0;
  while (dec < 4 && fabs(st * pow(10, dec) - round(st * pow(10, dec))) > 1e-6)
    dec++;
  number(n, sizeof n, fabs(v) / unit, dec, 0, lang);
  if (fmt == BS_FMT_EUR)
    snprintf(buf, len, "%s%s%s%s", v < 0 ? "-" : "", MSG(eur_prefix), n,
             unit > 1 ? MSG(eur_million) : "");
  else
    snprintf(buf, len, "%s%s", v < 0 ? "-" : "", n);
  return buf;
}

/* "Nice" axis from lo to hi with about `target` ticks: first tick, step, count. */
static void bs_svg_ticks(double lo, double hi, int target, double *first, double *step, int *n) {
  if (!isfinite(lo) || !isfinite(hi)) {
    lo = 0;
    hi = 1;
  }
  if (hi < lo) {
    double t = lo;
    lo = hi;
    hi = t;
  }
  if (hi - lo < 1e-12) {
    double pad = fabs(hi) > 0 ? fabs(hi) * 0.1 : 1;
    lo -= pad;
    hi += pad;
  }
  double raw = (hi - lo) / (target > 1 ? target : 1);
  double mag = pow(10, floor(log10(raw)));
  double r = raw / mag;
  double s = r <= 1 ? 1 : r <= 2 ? 2 : r <= 2.5 ? 2.5 : r <= 5 ? 5 : 10;
  s *= mag;
  double f = floor(lo / s + 1e-9) * s;
  double l = ceil(hi / s - 1e-9) * s;
  *first = f;
  *step = s;
  *n = (int)llround((l - f) / s) + 1;
}

/* Text with '\n' as line breaks: tspans centred on x. */
static void multiline(FILE *f, double x, double y, const char *anchor, const char *cls,
                      const char *s) {
  fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" class=\"%s\">", x, y, anchor, cls);
  const char *p = s;
  int line = 0;
  while (p) {
    const char *nl = strchr(p, '\n');
    size_t n = nl ? (size_t)(nl - p) : strlen(p);
    char part[256];
    snprintf(part, sizeof part, "%.*s", (int)(n < 255 ? n : 255), p);
    fprintf(f, "<tspan x=\"%.1f\" dy=\"%s\">", x, line ? "1.15em" : "0");
    bs_html_escape(f, part);
    fputs("</tspan>", f);
    line++;
    p = nl ? nl + 1 : NULL;
  }
  fputs("</text>", f);
}

/* A label of at most about `width` characters a line: a long one is broken
 * at the space nearest its middle (two lines at most). */
static void wrap_label(char *buf, size_t len, const char *s, size_t width) {
  snprintf(buf, len, "%s", s);
  size_t n = strlen(buf);
  if (n <= width || strchr(buf, '\n'))
    return;
  size_t best = 0;
  for (size_t i = 1; i + 1 < n; i++)
    if (buf[i] == ' ' && (!best || (i > n / 2 ? i - n / 2 : n / 2 - i) <
                                       (best > n / 2 ? best - n / 2 : n / 2 - best)))
      best = i;
  if (best)
    buf[best] = '\n';
}

static void svg_open(FILE *f, double w, double h, const char *title) {
  fprintf(f,
          "<svg class=\"chart\" viewBox=\"0 0 %.0f %.0f\" width=\"%.0f\" height=\"%.0f\" "
          "role=\"img\" aria-label=\"",
          w, h, w, h);
  bs_html_escape(f, title);
  fputs("\"><title>", f);
  bs_html_escape(f, title);
  fputs("</title>\n", f);
}

static void legend(FILE *f, double x, double y, const char *const *labels, size_t n, double maxw,
                   size_t colour_offset) {
  double cx = x, cy = y;
  for (size_t s = 0; s < n; s++) {
    double w = 24 + 6.5 * (double)strlen(labels[s]);
    if (cx + w > x + maxw && cx > x) {
      cx = x;
      cy += 18;
    }
    fprintf(f, "<rect x=\"%.1f\" y=\"%.1f\" width=\"12\" height=\"12\" rx=\"2\" fill=\"%s\"/>", cx,
            cy - 10, bs_svg_colour(s + colour_offset));
    fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" class=\"lg\">", cx + 17, cy);
    bs_html_escape(f, labels[s]);
    fputs("</text>", f);
    cx += w + 14;
  }
  fputc('\n', f);
}

static double legend_height(const char *const *labels, size_t n, double maxw) {
  double cx = 0, rows = 1;
  for (size_t s = 0; s < n; s++) {
    double w = 24 + 6.5 * (double)strlen(labels[s]);
    if (cx + w > maxw && cx > 0) {
      cx = 0;
      rows++;
    }
    cx += w + 14;
  }
  return rows * 18;
}

static void tooltip(FILE *f, const char *a, const char *b, double m, double lo, double hi,
                    bs_fmt fmt, bs_lang lang) {
  char vm[64], vl[64], vh[64];
  fputs("<title>", f);
  bs_html_escape(f, a);
  if (b && *b) {
    fputs(" \xe2\x80\x94 ", f);
    bs_html_escape(f, b);
  }
  int sign = fmt == BS_FMT_PP;
  double ref = fmax(fabs(m), fmax(isfinite(lo) ? fabs(lo) : 0, isfinite(hi) ? fabs(hi) : 0));
  fprintf(f, ": %s", bs_fmt_value_ref(vm, sizeof vm, m, fmt, sign, lang, ref));
  if (isfinite(lo) && isfinite(hi)) {
    const char *args[] = {bs_fmt_value_ref(vl, sizeof vl, lo, fmt, sign, lang, ref),
                          bs_fmt_value_ref(vh, sizeof vh, hi, fmt, sign, lang, ref)};
    bs_msg_write(f, MSG(tip_interval), args, 2, bs_html_escape);
  }
  fputs("</title>", f);
}

/* ------------------------------------------------------------------ bars */

void bs_svg_bars(FILE *f, const bs_bar_chart *c) {
  const double W = c->width ? c->width : 760, left = 70, right = 16;
  double lg = c->nser > 1 ? legend_height(c->ser_labels, c->nser, W - left - right) + 8 : 0;
  double top = 18 + lg, plot_h = 230;
  int max_lines = 1;
  for (size_t k = 0; k < c->ncat; k++) {
    int lines = 1;
    for (const char *p = c->cat_labels[k]; *p; p++)
      lines += *p == '\n';
    if (lines > max_lines)
      max_lines = lines;
  }
  double bottom = 26 + 14.0 * max_lines;
  double H = top + plot_h + bottom;
  double lo = c->zero_based ? 0 : INFINITY, hi = c->zero_based ? 0 : -INFINITY;
  for (size_t i = 0; i < c->ncat * c->nser; i++) {
    double vals[3] = {c->mean[i], c->lo ? c->lo[i] : NAN, c->hi ? c->hi[i] : NAN};
    for (int k = 0; k < 3; k++)
      if (isfinite(vals[k])) {
        lo = fmin(lo, vals[k]);
        hi = fmax(hi, vals[k]);
      }
  }
  if (!isfinite(lo) || !isfinite(hi)) {
    lo = 0;
    hi = 1;
  }
  double t0, ts;
  int tn;
  bs_svg_ticks(lo, hi, 5, &t0, &ts, &tn);
  double ymin = t0, ymax = t0 + ts * (tn - 1);
  double pw = W - left - right;
#define YPOS(v) (top + plot_h - ((v)-ymin) / (ymax - ymin) * plot_h)
  svg_open(f, W, H, c->title);
  if (c->nser > 1)
    legend(f, left, 14, c->ser_labels, c->nser, pw, c->colour_offset);
  char buf[64];
  for (int t = 0; t < tn; t++) {
    double v = t0 + ts * t, y = YPOS(v);
    fprintf(f, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" class=\"%s\"/>", left,
            W - right, y, y, fabs(v) < ts * 1e-9 ? "zero" : "grid");
    fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\" class=\"tick\">%s</text>", left - 6,
            y + 4,
            tick_label(buf, sizeof buf, v, ts, c->fmt, c->lang, fmax(fabs(ymin), fabs(ymax))));
  }
  if (c->y_label) {
    fprintf(f,
            "<text transform=\"translate(14 %.1f) rotate(-90)\" text-anchor=\"middle\" "
            "class=\"axl\">",
            top + plot_h / 2);
    bs_html_escape(f, c->y_label);
    fputs("</text>", f);
  }
  fputc('\n', f);
  double slot = pw / (double)(c->ncat ? c->ncat : 1);
  double group_w = slot * 0.78;
  double bar_w = group_w / (double)(c->nser ? c->nser : 1);
  double base_y = YPOS(fmax(ymin, fmin(0.0, ymax)));
  for (size_t k = 0; k < c->ncat; k++) {
    double gx = left + slot * (double)k + (slot - group_w) / 2;
    for (size_t s = 0; s < c->nser; s++) {
      size_t i = k * c->nser + s;
      double m = c->mean[i];
      if (!isfinite(m))
        continue;
      double x = gx + bar_w * (double)s + bar_w * 0.08, w = bar_w * 0.84;
      double y = YPOS(m);
      double y0 = fmin(y, base_y), h = fmax(fabs(base_y - y), 0.5);
      double l = c->lo ? c->lo[i] : NAN, u = c->hi ? c->hi[i] : NAN;
      fprintf(f, "<g><rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"/>", x,
              y0, w, h, bs_svg_colour(s + c->colour_offset));
      tooltip(f, c->cat_labels[k], c->nser > 1 ? c->ser_labels[s] : NULL, m, l, u, c->fmt, c->lang);
      fputs("</g>", f);
      double label_y = y - 4;
      if (isfinite(l) && isfinite(u)) {
        double xm = x + w / 2, yl = YPOS(l), yu = YPOS(u), cap = fmin(w * 0.25, 6);
        fprintf(f, "<path d=\"M%.1f %.1fV%.1fM%.1f %.1fH%.1fM%.1f %.1fH%.1f\" class=\"err\"/>", xm,
                yl, yu, xm - cap, yl, xm + cap, xm - cap, yu, xm + cap);
        label_y = fmin(yu, y) - 4;
      }
      if (w >= 34) {
        fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" class=\"val\">%s</text>",
                x + w / 2, m < 0 ? base_y - 4 : label_y,
                bs_fmt_value(buf, sizeof buf, m, c->fmt, 0, c->lang));
      }
    }
    int empty = 1;
    for (size_t s = 0; s < c->nser; s++)
      empty &= !isfinite(c->mean[k * c->nser + s]);
    if (empty) {
      fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" class=\"tick\">",
              left + slot * ((double)k + 0.5), base_y - 6);
      bs_html_escape(f, bs_msg(c->lang, BS_MSG_na));
      fputs("</text>", f);
    }
    multiline(f, left + slot * ((double)k + 0.5), top + plot_h + 18, "middle", "cat",
              c->cat_labels[k]);
    fputc('\n', f);
  }
#undef YPOS
  fputs("</svg>\n", f);
}

/* ----------------------------------------------------------------- lines */

/* The number at risk of series se at time t: at_risk of its first point at
 * or after t (0 past the last). */
static double risk_at(const bs_series *se, double t) {
  for (size_t i = 0; i < se->n; i++)
    if (isfinite(se->x[i]) && se->x[i] >= t - 1e-9)
      return se->at_risk[i];
  return 0;
}

void bs_svg_lines(FILE *f, const bs_line_chart *c) {
  const bs_lang lang = c->lang;
  const double W = c->width ? c->width : 760, left = 70, right = 20;
  const char *labels[16];
  size_t nl = c->nser < 16 ? c->nser : 16;
  for (size_t s = 0; s < nl; s++)
    labels[s] = c->series[s].label;
  int risk = c->risk_label && !c->x_cats;
  for (size_t s = 0; s < c->nser; s++)
    risk &= c->series[s].at_risk != NULL;
  double lg = c->nser > 1 ? legend_height(labels, nl, W - left - right) + 8 : 0;
  double top = 18 + lg, plot_h = (c->height ? c->height : 300) - 18, bottom = 48;
  double risk_h = risk ? 22 + 16.0 * (double)c->nser : 0;
  double H = top + plot_h + bottom + risk_h;
  double xlo = INFINITY, xhi = -INFINITY, ylo = INFINITY, yhi = -INFINITY;
  for (size_t s = 0; s < c->nser; s++) {
    const bs_series *se = &c->series[s];
    for (size_t i = 0; i < se->n; i++) {
      double vals[3] = {se->y[i], se->lo ? se->lo[i] : NAN, se->hi ? se->hi[i] : NAN};
      if (!isfinite(se->x[i]))
        continue;
      xlo = fmin(xlo, se->x[i]);
      xhi = fmax(xhi, se->x[i]);
      for (int k = 0; k < 3; k++)
        if (isfinite(vals[k])) {
          ylo = fmin(ylo, vals[k]);
          yhi = fmax(yhi, vals[k]);
        }
    }
  }
  if (isfinite(c->y_min) && isfinite(c->y_max)) {
    ylo = c->y_min;
    yhi = c->y_max;
  }
  if (isfinite(c->x_min) && isfinite(c->x_max)) {
    xlo = c->x_min;
    xhi = c->x_max;
  }
  if (c->x_cats) {
    xlo = -0.5;
    xhi = (double)c->ncats - 0.5;
  }
  if (!isfinite(xlo) || !isfinite(xhi)) {
    xlo = 0;
    xhi = 1;
  }
  if (!isfinite(ylo) || !isfinite(yhi)) {
    ylo = 0;
    yhi = 1;
  }
  double yt0, yts, xt0 = 0, xts = 1;
  int ytn, xtn = 0;
  bs_svg_ticks(ylo, yhi, 5, &yt0, &yts, &ytn);
  if (isfinite(c->y_min) && isfinite(c->y_max)) {
    /* keep the fixed range exactly */
    yt0 = c->y_min;
    yts = (c->y_max - c->y_min) / 4;
    ytn = 5;
  }
  double ymin = yt0, ymax = yt0 + yts * (ytn - 1);
  if (!c->x_cats) {
    bs_svg_ticks(xlo, xhi, 8, &xt0, &xts, &xtn);
    if (!(isfinite(c->x_min) && isfinite(c->x_max))) {
      xlo = xt0;
      xhi = xt0 + xts * (xtn - 1);
    }
  }
  double pw = W - left - right;
#define XP(v) (left + ((v)-xlo) / (xhi - xlo) * pw)
#define YP(v) (top + plot_h - ((v)-ymin) / (ymax - ymin) * plot_h)
  svg_open(f, W, H, c->title);
  if (c->nser > 1)
    legend(f, left, 14, labels, nl, pw, 0);
  char buf[64];
  for (int t = 0; t < ytn; t++) {
    double v = yt0 + yts * t, y = YP(v);
    fprintf(f, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" class=\"grid\"/>", left,
            W - right, y, y);
    fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\" class=\"tick\">%s</text>", left - 6,
            y + 4,
            tick_label(buf, sizeof buf, v, yts, c->y_fmt, lang, fmax(fabs(ymin), fabs(ymax))));
  }
  if (c->x_cats) {
    for (size_t k = 0; k < c->ncats; k++) {
      double x = XP((double)k);
      fprintf(f, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" class=\"grid\"/>", x, x,
              top, top + plot_h);
      multiline(f, x, top + plot_h + 16, "middle", "tick", c->x_cats[k]);
    }
  } else {
    for (int t = 0; t < xtn; t++) {
      double v = xt0 + xts * t;
      if (v < xlo - 1e-9 || v > xhi + 1e-9)
        continue;
      double x = XP(v);
      fprintf(f, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" class=\"grid\"/>", x, x,
              top, top + plot_h);
      fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" class=\"tick\">%s</text>", x,
              top + plot_h + 16,
              tick_label(buf, sizeof buf, v, xts, c->x_fmt, lang, fmax(fabs(xlo), fabs(xhi))));
    }
  }
  fprintf(f, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" class=\"axis\"/>", left,
          W - right, top + plot_h, top + plot_h);
  if (c->x_label) {
    fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" class=\"axl\">", left + pw / 2,
            top + plot_h + bottom - 8);
    bs_html_escape(f, c->x_label);
    fputs("</text>", f);
  }
  if (c->y_label) {
    fprintf(f,
            "<text transform=\"translate(14 %.1f) rotate(-90)\" text-anchor=\"middle\" "
            "class=\"axl\">",
            top + plot_h / 2);
    bs_html_escape(f, c->y_label);
    fputs("</text>", f);
  }
  if (isfinite(c->hline) && c->hline >= ymin && c->hline <= ymax) {
    double y = YP(c->hline);
    fprintf(f, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" class=\"ref\"/>", left,
            W - right, y, y);
    if (c->hline_label) {
      fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\" class=\"reflbl\">", W - right - 4,
              y - 5);
      bs_html_escape(f, c->hline_label);
      fputs("</text>", f);
    }
  }
  fputc('\n', f);
  for (size_t s = 0; s < c->nser; s++) {
    const bs_series *se = &c->series[s];
    const char *col = bs_svg_colour(s);
    double end = se->has_end ? se->x_end : INFINITY;
    if (se->lo && se->hi && se->n > 0) {
      /* band: along hi forwards, back along lo */
      fprintf(f, "<path fill=\"%s\" fill-opacity=\"0.18\" stroke=\"none\" d=\"", col);
      int pen = 0;
      for (size_t i = 0; i < se->n; i++)
        if (isfinite(se->hi[i]) && isfinite(se->lo[i]) && se->x[i] <= end)
          fprintf(f, "%c%.1f %.1f", pen++ ? 'L' : 'M', XP(se->x[i]), YP(se->hi[i]));
      for (size_t i = se->n; i-- > 0;)
        if (isfinite(se->hi[i]) && isfinite(se->lo[i]) && se->x[i] <= end)
          fprintf(f, "L%.1f %.1f", XP(se->x[i]), YP(se->lo[i]));
      fputs(pen ? "Z\"/>\n" : "\"/>\n", f);
    }
    fprintf(f, "<path fill=\"none\" stroke=\"%s\" stroke-width=\"2.2\" d=\"", col);
    int pen = 0;
    for (size_t i = 0; i < se->n; i++) {
      if (!isfinite(se->y[i]) || !isfinite(se->x[i])) {
        pen = 0;
        continue;
      }
      if (se->x[i] > end)
        break;
      double x = XP(se->x[i]), y = YP(se->y[i]);
      if (se->step && pen)
        fprintf(f, "H%.1fV%.1f", x, y);
      else
        fprintf(f, "%c%.1f %.1f", pen ? 'L' : 'M', x, y);
      pen = 1;
    }
    if (se->step && pen && se->n > 0)
      fprintf(f, "H%.1f", XP(fmin(xhi, end)));
    fputs("\"/>\n", f);
    if (se->has_end && end < xhi && pen) /* where the curve stops */
      fprintf(f,
              "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" "
              "stroke-width=\"2\" class=\"cut\"/>\n",
              XP(end), XP(end), top + plot_h - 6, top + plot_h + 6, col);
    if (se->n <= 30)
      for (size_t i = 0; i < se->n; i++) {
        if (!isfinite(se->y[i]) || se->x[i] > end)
          continue;
        fprintf(f, "<g><circle cx=\"%.1f\" cy=\"%.1f\" r=\"%s\" fill=\"%s\"/>", XP(se->x[i]),
                YP(se->y[i]), se->step ? "0" : "3.5", col);
        char xs[64];
        if (c->x_cats && se->x[i] >= 0 && (size_t)se->x[i] < c->ncats)
          snprintf(xs, sizeof xs, "%s", c->x_cats[(size_t)se->x[i]]);
        else
          bs_fmt_value(xs, sizeof xs, se->x[i], c->x_fmt, 0, lang);
        char head[200];
        const char *args[] = {se->label ? se->label : "", xs};
        bs_msg_format(head, sizeof head, MSG(tip_at), args, 2);
        tooltip(f, head, NULL, se->y[i], se->lo ? se->lo[i] : NAN, se->hi ? se->hi[i] : NAN,
                c->y_fmt, lang);
        fputs("</g>", f);
      }
  }
  if (risk) {
    /* the number at risk at each x tick, a row per series */
    double y0 = top + plot_h + bottom + 12;
    fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" class=\"axl\">", 4.0, y0);
    bs_html_escape(f, c->risk_label);
    fputs("</text>", f);
    for (size_t s = 0; s < c->nser; s++) {
      const bs_series *se = &c->series[s];
      double y = y0 + 16.0 * (double)(s + 1);
      fprintf(f,
              "<g class=\"risk\"><text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\" class=\"tick\" "
              "style=\"fill:%s\">",
              left - 8, y, bs_svg_colour(s));
      char lab[24];
      snprintf(lab, sizeof lab, "%.9s", se->label ? se->label : "");
      bs_html_escape(f, lab);
      fputs("</text>", f);
      for (int t = 0; t < xtn; t++) {
        double v = xt0 + xts * t;
        if (v < xlo - 1e-9 || v > xhi + 1e-9)
          continue;
        /* the first at the axis starts there, the last ends at the plot's end */
        int at_start = XP(v)<left + 1, at_end = XP(v)> W - right - 30;
        fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" class=\"tick\">%s</text>",
                at_start ? XP(v) - 2 : XP(v), y,
                at_start ? "start"
                : at_end ? "end"
                         : "middle",
                bs_fmt_value(buf, sizeof buf, risk_at(se, v), BS_FMT_NUM, 0, lang));
      }
      fputs("</g>\n", f);
    }
  }
#undef XP
#undef YP
  fputs("</svg>\n", f);
}

/* ---------------------------------------------------------------- forest */

void bs_svg_forest(FILE *f, bs_lang lang, const char *title, const char *x_label, bs_fmt fmt,
                   const bs_forest_row *rows, size_t n, const char *const *ser_labels,
                   size_t nser) {
  const double W = 760, left = 250, right = 90, row_h = nser > 1 ? 15 : 20, gap = 10;
  double lg = nser > 1 ? legend_height(ser_labels, nser, W - 20) + 8 : 0;
  double top = 14 + lg;
  /* count label groups */
  size_t groups = 0;
  for (size_t i = 0; i < n; i++)
    if (i == 0 || strcmp(rows[i].label, rows[i - 1].label) != 0)
      groups++;
  double plot_h = (double)n * row_h + (double)groups * gap;
  double H = top + plot_h + 44;
  double lo = 0, hi = 0;
  for (size_t i = 0; i < n; i++) {
    double v[3] = {rows[i].mean, rows[i].lo, rows[i].hi};
    for (int k = 0; k < 3; k++)
      if (isfinite(v[k])) {
        lo = fmin(lo, v[k]);
        hi = fmax(hi, v[k]);
      }
  }
  double t0, ts;
  int tn;
  bs_svg_ticks(lo, hi, 6, &t0, &ts, &tn);
  double xmin = t0, xmax = t0 + ts * (tn - 1), pw = W - left - right;
  double ref = fmax(fabs(lo), fabs(hi)); /* every value on the scale of the largest */
#define XP(v) (left + ((v)-xmin) / (xmax - xmin) * pw)
  svg_open(f, W, H, title);
  if (nser > 1)
    legend(f, 10, 14, ser_labels, nser, W - 20, 0);
  char buf[64];
  for (int t = 0; t < tn; t++) {
    double v = t0 + ts * t, x = XP(v);
    fprintf(f, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" class=\"%s\"/>", x, x, top,
            top + plot_h, fabs(v) < ts * 1e-9 ? "zero" : "grid");
    fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" class=\"tick\">%s</text>", x,
            top + plot_h + 16, tick_label(buf, sizeof buf, v, ts, fmt, lang, ref));
  }
  if (x_label) {
    fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" class=\"axl\">", left + pw / 2,
            H - 8);
    bs_html_escape(f, x_label);
    fputs("</text>", f);
  }
  fputc('\n', f);
  double y = top;
  for (size_t i = 0; i < n; i++) {
    int first = i == 0 || strcmp(rows[i].label, rows[i - 1].label) != 0;
    if (first) {
      y += gap;
      size_t k = i;
      while (k < n && strcmp(rows[k].label, rows[i].label) == 0)
        k++;
      double gy = y + row_h * (double)(k - i) / 2 + 4;
      if (i > 0)
        fprintf(f, "<line x1=\"10\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" class=\"sep\"/>", W - 10,
                y - gap / 2, y - gap / 2);
      char wrapped[256];
      wrap_label(wrapped, sizeof wrapped, rows[i].label, 36);
      multiline(f, left - 10, gy - (strchr(wrapped, '\n') ? 6 : 0), "end", "cat", wrapped);
    }
    double cy = y + row_h / 2;
    const bs_forest_row *r = &rows[i];
    const char *col = bs_svg_colour(r->series);
    fputs("<g>", f);
    if (isfinite(r->lo) && isfinite(r->hi))
      fprintf(f,
              "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" "
              "stroke-width=\"2.4\"/>",
              XP(r->lo), XP(r->hi), cy, cy, col);
    if (isfinite(r->mean)) {
      int excl = isfinite(r->lo) && isfinite(r->hi) && (r->lo > 0 || r->hi < 0);
      fprintf(f,
              "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4.5\" fill=\"%s\" stroke=\"%s\" "
              "stroke-width=\"2\"/>",
              XP(r->mean), cy, excl ? col : "#fff", col);
      fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" class=\"val\" style=\"fill:%s\">%s</text>",
              W - right + 8, cy + 4, nser > 1 ? col : "#1d2733",
              bs_fmt_value_ref(buf, sizeof buf, r->mean, fmt, 1, lang, ref));
    } else {
      fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" class=\"val\">", W - right + 8, cy + 4);
      bs_html_escape(f, MSG(na_no_data));
      fputs("</text>", f);
    }
    tooltip(f, r->label, nser > 1 ? ser_labels[r->series] : NULL, r->mean, r->lo, r->hi, fmt, lang);
    fputs("</g>\n", f);
    y += row_h;
  }
#undef XP
  fputs("</svg>\n", f);
}

/* ------------------------------------------------------------------ flow */

typedef struct fnode {
  double x, y, h;
  double out_off, in_off; /* used part of the node's right / left side */
} fnode;

static void band(FILE *f, bs_lang lang, double x0, double y0, double x1, double y1, double h,
                 const char *col, const char *tip_a, const char *tip_b, double v) {
  double xm = (x0 + x1) / 2;
  fprintf(f,
          "<g><path d=\"M%.1f %.1fC%.1f %.1f %.1f %.1f %.1f %.1fV%.1fC%.1f %.1f %.1f %.1f %.1f "
          "%.1fZ\" fill=\"%s\" fill-opacity=\"0.35\"/>",
          x0, y0, xm, y0, xm, y1, x1, y1, y1 + h, xm, y1 + h, xm, y0 + h, x0, y0 + h, col);
  char t[64];
  fputs("<title>", f);
  bs_html_escape(f, tip_a);
  fputs(" \xe2\x86\x92 ", f);
  bs_html_escape(f, tip_b);
  fprintf(f, ": %s</title></g>\n", bs_fmt_value(t, sizeof t, v, BS_FMT_NUM, 0, lang));
}

/* where: 0 right of the node, 1 left, 2 below */
static void node(FILE *f, bs_lang lang, const fnode *n, const char *col, const char *label,
                 double value, int where) {
  char t[64];
  fprintf(f, "<rect x=\"%.1f\" y=\"%.1f\" width=\"12\" height=\"%.1f\" fill=\"%s\"/>", n->x, n->y,
          fmax(n->h, 1), col);
  double ty = n->y + fmax(n->h, 1) / 2 + 4;
  double tx = where == 1 ? n->x - 5 : where == 2 ? n->x + 6 : n->x + 17;
  if (where == 2)
    ty = n->y + fmax(n->h, 1) + 16;
  fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" class=\"fl\">", tx, ty,
          where == 1   ? "end"
          : where == 2 ? "middle"
                       : "start");
  bs_html_escape(f, label);
  fprintf(f, " <tspan class=\"fv\">%s</tspan></text>\n",
          bs_fmt_value(t, sizeof t, value, BS_FMT_NUM, 0, lang));
}

void bs_svg_flow(FILE *f, bs_lang lang, const bs_flow_diagram *d) {
  enum { MAXN = 32 };
  const double W = 760, top = 30, gap = 6, min_adv = 17;
  const double cx[4] = {125, 265, 425, 545};
  double total1 = d->initial.value;
  for (size_t i = 0; i < d->ngate; i++)
    total1 += d->gate[i].value;
  double total3 = 0;
  for (size_t i = 0; i < d->nout; i++)
    total3 += d->out[i].value;
  double mx = fmax(fmax(d->applications.value, total1), fmax(d->on_benefit.value, total3));
  double scale = mx > 0 ? 300.0 / mx : 0;
  fnode app = {cx[0], top + 14, d->applications.value * scale, 0, 0};
  fnode g[MAXN], ini, ob, o[MAXN];
  size_t ng = d->ngate < MAXN ? d->ngate : MAXN, no = d->nout < MAXN ? d->nout : MAXN;
  double y = top;
  for (size_t i = 0; i < ng; i++) {
    g[i] = (fnode){cx[1], y, d->gate[i].value * scale, 0, 0};
    if (d->gate[i].value > 0 || i + 1 == ng) /* empty exits take no room */
      y += fmax(g[i].h + gap, min_adv);
  }
  ini = (fnode){cx[1], y, d->initial.value * scale, 0, 0};
  double y_end1 = y + fmax(ini.h + gap, min_adv);
  /* "on benefit" centred on the admitted and the initial stock */
  double adm_top = ng ? g[ng - 1].y : top;
  double ob_h = d->on_benefit.value * scale;
  double span = (ini.y + ini.h) - adm_top;
  ob = (fnode){cx[2], adm_top + (span - ob_h) / 2, ob_h, 0, 0};
  if (ob.y < top)
    ob.y = top;
  /* outflow column: centred on "on benefit" when it fits */
  double need = 0;
  for (size_t i = 0; i < no; i++)
    if (d->out[i].value > 0)
      need += fmax(d->out[i].value * scale + gap, min_adv);
  y = fmax(top, ob.y + ob.h / 2 - need / 2);
  for (size_t i = 0; i < no; i++) {
    o[i] = (fnode){cx[3], y, d->out[i].value * scale, 0, 0};
    if (d->out[i].value > 0)
      y += fmax(o[i].h + gap, min_adv);
  }
  double H = fmax(fmax(y_end1, y), ob.y + ob.h + 24) + 10;
  svg_open(f, W, H, d->title);
  const char *c_app = "#56B4E9", *c_exit = "#E69F00", *c_ben = "#0072B2", *c_work = "#009E73",
             *c_other = "#999999";
  /* applications -> gate outcomes */
  for (size_t i = 0; i < ng; i++) {
    if (d->gate[i].value <= 0)
      continue;
    int admitted = i + 1 == ng;
    band(f, lang, app.x + 12, app.y + app.out_off, g[i].x, g[i].y, g[i].h,
         admitted ? c_ben : c_exit, d->applications.label, d->gate[i].label, d->gate[i].value);
    app.out_off += g[i].h;
  }
  /* admitted and initial stock -> on benefit */
  if (ng && d->gate[ng - 1].value > 0) {
    band(f, lang, g[ng - 1].x + 12, g[ng - 1].y, ob.x, ob.y, g[ng - 1].h, c_ben,
         d->gate[ng - 1].label, d->on_benefit.label, d->gate[ng - 1].value);
    ob.in_off += g[ng - 1].h;
  }
  if (d->initial.value > 0)
    band(f, lang, ini.x + 12, ini.y, ob.x, ob.y + ob.in_off, ini.h, c_app, d->initial.label,
         d->on_benefit.label, d->initial.value);
  /* on benefit -> outflow */
  for (size_t i = 0; i < no; i++) {
    if (d->out[i].value <= 0)
      continue;
    int work = d->out[i].work;
    int still = i + 1 == no;
    band(f, lang, ob.x + 12, ob.y + ob.out_off, o[i].x, o[i].y, o[i].h,
         still  ? c_ben
         : work ? c_work
                : c_other,
         d->on_benefit.label, d->out[i].label, d->out[i].value);
    ob.out_off += o[i].h;
  }
  node(f, lang, &app, c_app, d->applications.label, d->applications.value, 1);
  for (size_t i = 0; i < ng; i++)
    if (d->gate[i].value > 0 || i + 1 == ng)
      node(f, lang, &g[i], i + 1 == ng ? c_ben : c_exit, d->gate[i].label, d->gate[i].value, 0);
  node(f, lang, &ini, c_app, d->initial.label, d->initial.value, 1);
  node(f, lang, &ob, c_ben, d->on_benefit.label, d->on_benefit.value, 2);
  for (size_t i = 0; i < no; i++) {
    if (d->out[i].value <= 0)
      continue;
    int work = d->out[i].work;
    node(f, lang, &o[i],
         i + 1 == no ? c_ben
         : work      ? c_work
                     : c_other,
         d->out[i].label, d->out[i].value, 0);
  }
  fputs("</svg>\n", f);
}
