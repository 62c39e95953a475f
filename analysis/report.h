/* report.h: the HTML report. Reads the files that run / compare / effect /
 * sweep wrote in an output directory (run.json, and whichever of
 * summary.csv, compare.csv, survival.csv, flow.csv, effect.csv, sweep.csv
 * exist) and writes DIR/report.html: one self-contained page for policy
 * makers (no scripts, no network, no external fonts; charts are inline SVG
 * from svg.h). Because it only reads files, it can be made after the fact. */
#ifndef BIJSIM_REPORT_H
#define BIJSIM_REPORT_H

#include "analysis/output.h"

#include <stddef.h>

/* The report's language: `lang` is a bs_lang (analysis/lang.h), or -1 for
 * the base scenario's run.lang as run.json records it (English when absent). */

/* Reads the set in DIR and writes DIR/report.html, replacing the one there
 * in one step (DIR is locked against other writers meanwhile). 0, or -1
 * with a message (missing run.json, unreadable or malformed file, write
 * failure; no partial report.html is left). */
int bs_report_write(const char *dir, int lang, char *err, size_t errlen);
/* Reads the set in directory `dir` and writes report.html into the set
 * being written in `out` (for run/compare/effect/sweep --report, where dir
 * is out's private directory). 0, or -1 with a message. */
int bs_report_build(const char *dir, bs_outdir *out, int lang, char *err, size_t errlen);

#endif
