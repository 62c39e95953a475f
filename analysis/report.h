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

/* The sensitivity results one report takes (--sensitivity DIR). */
#define BS_REPORT_MAX_SENS 8

/* The report's language: `lang` is a bs_lang (analysis/lang.h), or -1 for
 * the base scenario's run.lang as run.json records it (English when absent).
 * sens[0..nsens) are output directories of `bijsim sensitivity`: a key
 * finding whose indicator and scenarios match one lists the parameters it
 * depends on most, with their sources, and a section shows each. */

/* Reads the set in DIR and writes DIR/report.html, replacing the one there
 * in one step (DIR is locked against other writers meanwhile). 0, or -1
 * with a message (missing run.json, unreadable or malformed file, a sens
 * directory that is not a sensitivity output, write failure; no partial
 * report.html is left). */
int bs_report_write(const char *dir, const char *const *sens, size_t nsens, int lang, char *err,
                    size_t errlen);
/* Reads the set in directory `dir` and writes report.html into the set
 * being written in `out` (for run/compare/effect/sweep --report, where dir
 * is out's private directory). 0, or -1 with a message. */
int bs_report_build(const char *dir, bs_outdir *out, const char *const *sens, size_t nsens,
                    int lang, char *err, size_t errlen);
/* Checks that dir holds a sensitivity output the report can read (before a
 * command spends its time simulating). 0, or -1 with a message. */
int bs_report_check_sensitivity(const char *dir, char *err, size_t errlen);

#endif
