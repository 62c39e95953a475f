/* output.h: output files written atomically. Each file is written under a
 * temporary name in the output directory; only when every file of the set
 * has been written and closed without error are they renamed into place. On
 * any failure all temporary files are removed: no partial output. */
#ifndef BIJSIM_OUTPUT_H
#define BIJSIM_OUTPUT_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define BS_OUT_MAX 16

typedef struct bs_outset {
  size_t n;
  FILE *f[BS_OUT_MAX];
  char tmp[BS_OUT_MAX][4096];
  char final[BS_OUT_MAX][4096];
} bs_outset;

/* Creates dir (and parents) if needed. 0 or -1 with a message. */
int bs_out_mkdir(const char *dir, char *err, size_t errlen);
/* Opens DIR/NAME for writing (under a temporary name). NULL on error. */
FILE *bs_out_open(bs_outset *s, const char *dir, const char *name, char *err, size_t errlen);
/* Closes every file, checks for write errors, renames into place. On error
 * removes all temporary files. 0 or -1 with a message. */
int bs_out_commit(bs_outset *s, char *err, size_t errlen);
/* Closes and removes every temporary file. */
void bs_out_abort(bs_outset *s);
/* Writes a double for CSV: shortest of %.10g; NaN as the given token. */
void bs_out_num(FILE *f, double v, const char *nan_token);
/* The fewest significant digits (1..17) with which %.*g reads back as v. */
int bs_out_digits(double v);
/* v as written with `decimals` decimals (%.*f) and read back. */
double bs_out_rounded(double v, int decimals);

/* JSON files (run.json, trace --format json) are built as jansson values and
 * written by bs_out_json. */
/* Writes doc with a two-space indent and a final newline; every real with
 * the fewest digits that read back exactly the same for all reals in doc
 * (0.1 stays 0.1). Returns 0, or -1 when out of memory. */
int bs_out_json(FILE *f, const json_t *doc);
/* A JSON string of s. Text that is not valid UTF-8 (a path from the command
 * line, a label cut short in the middle of a character) keeps its ASCII and
 * has '?' for every other byte, so that the file stays readable JSON. */
json_t *bs_out_json_text(const char *s);
/* A JSON integer, or for a value above JSON's (jansson's) integer range, a
 * string of its decimal digits, so that a seed is never rounded. */
json_t *bs_out_json_u64(uint64_t v);

#endif
