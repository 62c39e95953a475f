/* report.h: the HTML report. Reads the files that run / compare / effect /
 * sweep wrote in an output directory (run.json, and whichever of
 * summary.csv, compare.csv, survival.csv, flow.csv, effect.csv, sweep.csv
 * exist) and writes DIR/report.html: one self-contained page for policy
 * makers (no scripts, no network, no external fonts; charts are inline SVG
 * from svg.h). Because it only reads files, it can be made after the fact. */
#ifndef BIJSIM_REPORT_H
#define BIJSIM_REPORT_H

#include <stddef.h>

/* 0, or -1 with a message (missing run.json, unreadable or malformed file,
 * write failure; no partial report.html is left). */
int bs_report_write(const char *dir, char *err, size_t errlen);

#endif
