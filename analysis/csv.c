/* csv.c: see csv.h. */
#include "analysis/csv.h"

#include "sim/config.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* A cell that a spreadsheet would run as a formula: text starting with '=',
 * '+', '-', '@', a tab or a carriage return (a number such as -0.5 is not
 * one). It is written with a "'" in front, which spreadsheets take as "this
 * is text"; so is a cell that starts with "'" itself, so that the reader,
 * which drops one leading "'", gives back every text as it was. */
static int formula_like(const char *s) {
  if (!s[0] || !strchr("=+-@\t\r'", s[0]))
    return 0;
  return s[0] == '\'' || !cfg_is_decimal(s);
}

void bs_csv_field(FILE *f, const char *s) {
  const char *guard = formula_like(s) ? "'" : "";
  if (!strpbrk(s, ",\"\r\n")) {
    fputs(guard, f);
    fputs(s, f);
    return;
  }
  fputc('"', f);
  fputs(guard, f);
  for (; *s; s++) {
    if (*s == '"')
      fputc('"', f);
    fputc(*s, f);
  }
  fputc('"', f);
}

int bs_read_file(const char *path, char **data, size_t *len, char *err, size_t errlen) {
  *data = NULL;
  *len = 0;
  FILE *f = fopen(path, "rb");
  if (!f) {
    if (errno == ENOENT)
      return 1;
    snprintf(err, errlen, "%s: cannot read: %s", path, strerror(errno));
    return -1;
  }
  size_t cap = 1 << 16, n = 0;
  char *b = malloc(cap);
  while (b) {
    n += fread(b + n, 1, cap - n - 1, f);
    if (ferror(f) || feof(f))
      break;
    char *nb = cap > ((size_t)1 << 40) ? NULL : realloc(b, cap * 2);
    if (!nb) {
      free(b);
      b = NULL;
      break;
    }
    b = nb;
    cap *= 2;
  }
  int bad = !b || ferror(f);
  fclose(f);
  if (bad) {
    free(b);
    snprintf(err, errlen, "%s: %s", path, b ? "read error" : "out of memory reading the file");
    return -1;
  }
  b[n] = 0;
  *data = b;
  *len = n;
  return 0;
}

/* Splits the buffer in place into cells; returns the number of cells and
 * fills rows (row start indices) when non-NULL. Two passes: count, then fill. */
typedef struct parse_state {
  size_t ncells, nrows;
} parse_state;

static int parse(char *b, size_t len, char **cells, size_t *row_of, parse_state *st, char *err,
                 size_t errlen, const char *path) {
  size_t i = 0, line = 1, ncell = 0, nrow = 0;
  char *out = b; /* where the next cell's text goes (only written when cells != NULL) */
  while (i < len) {
    /* one row */
    for (;;) {
      char *start = out;
      if (i < len && b[i] == '"') {
        i++;
        for (;;) {
          if (i >= len) {
            snprintf(err, errlen, "%s:%zu: unterminated quoted field", path, line);
            return -1;
          }
          if (b[i] == '"') {
            if (i + 1 < len && b[i + 1] == '"') {
              if (cells)
                *out = '"';
              out++;
              i += 2;
              continue;
            }
            i++;
            break;
          }
          if (b[i] == '\n')
            line++;
          if (cells)
            *out = b[i];
          out++;
          i++;
        }
      } else {
        while (i < len && b[i] != ',' && b[i] != '\n' && b[i] != '\r') {
          if (cells)
            *out = b[i];
          out++;
          i++;
        }
      }
      if (cells) {
        /* the "'" of a cell written as text (bs_csv_field) */
        cells[ncell] = start + (out > start && start[0] == '\'');
        row_of[ncell] = nrow;
      }
      ncell++;
      char sep = i < len ? b[i] : '\n';
      if (cells)
        *out = 0;
      out++;
      i++;
      if (sep == ',')
        continue;
      if (sep == '\r' && i < len && b[i] == '\n')
        i++;
      line++;
      break;
    }
    nrow++;
  }
  st->ncells = ncell;
  st->nrows = nrow;
  return 0;
}

int bs_csv_load(const char *path, bs_csv *t, char *err, size_t errlen) {
  memset(t, 0, sizeof *t);
  char *b;
  size_t len;
  int rc = bs_read_file(path, &b, &len, err, errlen);
  if (rc != 0)
    return rc;
  parse_state st = {0};
  /* first pass counts cells and rows without writing */
  if (parse(b, len, NULL, NULL, &st, err, errlen, path) != 0) {
    free(b);
    return -1;
  }
  if (st.nrows == 0) {
    free(b);
    snprintf(err, errlen, "%s: empty file (no header row)", path);
    return -1;
  }
  char **cells = malloc((st.ncells ? st.ncells : 1) * sizeof *cells);
  size_t *row_of = malloc((st.ncells ? st.ncells : 1) * sizeof *row_of);
  if (!cells || !row_of) {
    free(cells);
    free(row_of);
    free(b);
    snprintf(err, errlen, "%s: out of memory", path);
    return -1;
  }
  /* second pass splits in place: a cell's text and its terminating NUL never
   * take more room than the source field and its separator */
  parse(b, len, cells, row_of, &st, err, errlen, path);
  size_t ncol = 0;
  while (ncol < st.ncells && row_of[ncol] == 0)
    ncol++;
  size_t nrow = st.nrows - 1;
  size_t ncells = (nrow + 1) * ncol;
  t->cell = calloc(ncells ? ncells : 1, sizeof *t->cell);
  if (!t->cell) {
    free(cells);
    free(row_of);
    free(b);
    snprintf(err, errlen, "%s: out of memory", path);
    return -1;
  }
  for (size_t k = 0; k < (nrow + 1) * ncol; k++)
    t->cell[k] = "";
  size_t col = 0, prev = 0;
  for (size_t k = 0; k < st.ncells; k++) {
    if (row_of[k] != prev) {
      prev = row_of[k];
      col = 0;
    }
    if (col < ncol)
      t->cell[row_of[k] * ncol + col] = cells[k];
    col++;
  }
  free(cells);
  free(row_of);
  t->buf = b;
  t->ncol = ncol;
  t->nrow = nrow;
  /* a trailing empty line is not a row */
  while (t->nrow > 0 && ncol > 0) {
    size_t r = t->nrow;
    int blank = 1;
    for (size_t c = 0; c < ncol; c++)
      if (t->cell[r * ncol + c][0])
        blank = 0;
    if (!blank)
      break;
    t->nrow--;
  }
  return 0;
}

void bs_csv_free(bs_csv *t) {
  free(t->cell);
  free(t->buf);
  memset(t, 0, sizeof *t);
}

long bs_csv_col(const bs_csv *t, const char *name) {
  for (size_t c = 0; c < t->ncol; c++)
    if (strcmp(t->cell[c], name) == 0)
      return (long)c;
  return -1;
}

const char *bs_csv_get(const bs_csv *t, size_t r, long c) {
  if (c < 0 || (size_t)c >= t->ncol || r >= t->nrow)
    return "";
  return t->cell[(r + 1) * t->ncol + (size_t)c];
}

double bs_csv_num(const bs_csv *t, size_t r, long c) {
  const char *s = bs_csv_get(t, r, c);
  if (!*s)
    return NAN;
  char *end;
  double v = strtod(s, &end);
  return *end ? NAN : v;
}
