/* csv.h: the small CSV dialect of bijsim's output files (RFC 4180: comma
 * separated, a header row, fields quoted only when they contain a comma, a
 * quote or a line break). A writer for fields and a reader that loads a whole
 * file into memory, so the report can be made after the fact from the files
 * of an output directory. */
#ifndef BIJSIM_CSV_H
#define BIJSIM_CSV_H

#include <stddef.h>
#include <stdio.h>

/* Writes one field, quoted when needed; text a spreadsheet would run as a
 * formula (starting with = + - @) gets a leading "'" (see csv.c). */
void bs_csv_field(FILE *f, const char *s);

typedef struct bs_csv {
  size_t ncol;       /* columns in the header */
  size_t nrow;       /* data rows (header excluded) */
  const char **cell; /* (nrow + 1) x ncol, row 0 is the header; short rows padded with "" */
  char *buf;         /* storage of every cell */
} bs_csv;

/* Loads PATH (a leading "'" of a cell is dropped: bs_csv_field's guard).
 * Returns 0, 1 when the file does not exist (out zeroed), or -1 with a
 * message naming the file and line. */
int bs_csv_load(const char *path, bs_csv *out, char *err, size_t errlen);
void bs_csv_free(bs_csv *t);
/* Column index of a header name, or -1. */
long bs_csv_col(const bs_csv *t, const char *name);
/* Cell of data row r (0-based) and column c; "" when c < 0. */
const char *bs_csv_get(const bs_csv *t, size_t r, long c);
/* The cell as a number; NaN for "", "NA" or text that is not a number. */
double bs_csv_num(const bs_csv *t, size_t r, long c);

/* Reads a whole file into a NUL-terminated buffer. Returns 0, 1 when it does
 * not exist, -1 on another error (message in err). */
int bs_read_file(const char *path, char **data, size_t *len, char *err, size_t errlen);

#endif
