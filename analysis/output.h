/* output.h: output files written atomically. Each file is written under a
 * temporary name in the output directory; only when every file of the set
 * has been written and closed without error are they renamed into place. On
 * any failure all temporary files are removed: no partial output. */
#ifndef BIJSIM_OUTPUT_H
#define BIJSIM_OUTPUT_H

#include <stddef.h>
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
/* Writes a double for CSV/JSON: shortest of %.10g; NaN as the given token. */
void bs_out_num(FILE *f, double v, const char *nan_token);
/* Writes a JSON string literal (quoted, escaped). */
void bs_out_json_str(FILE *f, const char *s);

#endif
