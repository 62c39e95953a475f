/* output.c: see output.h. */
#include "analysis/output.h"

#include <assert.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int bs_out_mkdir(const char *dir, char *err, size_t errlen) {
  char path[4096];
  if (snprintf(path, sizeof path, "%s", dir) >= (int)sizeof path) {
    snprintf(err, errlen, "%s: output path too long", dir);
    return -1;
  }
  for (char *p = path + 1; *p; p++) {
    if (*p != '/')
      continue;
    *p = 0;
    if (mkdir(path, 0777) != 0 && errno != EEXIST) {
      snprintf(err, errlen, "%s: cannot create output directory: %s", path, strerror(errno));
      return -1;
    }
    *p = '/';
  }
  if (mkdir(path, 0777) != 0 && errno != EEXIST) {
    snprintf(err, errlen, "%s: cannot create output directory: %s", path, strerror(errno));
    return -1;
  }
  struct stat st;
  if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode)) {
    snprintf(err, errlen, "%s: not a directory", path);
    return -1;
  }
  return 0;
}

FILE *bs_out_open(bs_outset *s, const char *dir, const char *name, char *err, size_t errlen) {
  if (s->n >= BS_OUT_MAX) {
    snprintf(err, errlen, "too many output files");
    return NULL;
  }
  size_t i = s->n;
  if (snprintf(s->final[i], sizeof s->final[i], "%s/%s", dir, name) >= (int)sizeof s->final[i] ||
      snprintf(s->tmp[i], sizeof s->tmp[i], "%s/.%s.tmp.%ld", dir, name, (long)getpid()) >=
          (int)sizeof s->tmp[i]) {
    snprintf(err, errlen, "%s/%s: output path too long", dir, name);
    return NULL;
  }
  FILE *f = fopen(s->tmp[i], "w");
  if (!f) {
    snprintf(err, errlen, "%s: cannot write: %s", s->final[i], strerror(errno));
    return NULL;
  }
  s->f[i] = f;
  s->n++;
  return f;
}

void bs_out_abort(bs_outset *s) {
  for (size_t i = 0; i < s->n; i++) {
    if (s->f[i])
      fclose(s->f[i]);
    s->f[i] = NULL;
    unlink(s->tmp[i]);
  }
  s->n = 0;
}

/* Fault injection for the tests (tests/test_bad_inputs.c): with
 * BIJSIM_FAULT_WRITE=NAME in the environment, committing output file NAME
 * ("*": every file) fails as if the disk were full, after its data went to
 * the temporary file. A real full disk cannot be staged without mount
 * rights; this exercises the same clean-up path. */
static int fault_injected(const char *final) {
  const char *want = getenv("BIJSIM_FAULT_WRITE");
  if (!want || !*want)
    return 0;
  const char *base = strrchr(final, '/');
  base = base ? base + 1 : final;
  return strcmp(want, "*") == 0 || strcmp(want, base) == 0;
}

int bs_out_commit(bs_outset *s, char *err, size_t errlen) {
  for (size_t i = 0; i < s->n; i++) {
    FILE *f = s->f[i];
    errno = 0;
    int bad = ferror(f) || fflush(f) != 0;
    int e = errno;
    if (fclose(f) != 0 && !bad) {
      bad = 1;
      e = errno;
    }
    s->f[i] = NULL;
    if (!bad && fault_injected(s->final[i])) {
      bad = 1;
      e = ENOSPC;
    }
    if (bad) {
      snprintf(err, errlen, "%s: write failed: %s", s->final[i], strerror(e ? e : EIO));
      bs_out_abort(s);
      return -1;
    }
  }
  for (size_t i = 0; i < s->n; i++) {
    if (rename(s->tmp[i], s->final[i]) != 0) {
      snprintf(err, errlen, "%s: cannot rename into place: %s", s->final[i], strerror(errno));
      /* the files renamed already would be a partial set: remove them too */
      for (size_t k = 0; k < i; k++)
        unlink(s->final[k]);
      bs_out_abort(s);
      return -1;
    }
  }
  s->n = 0;
  return 0;
}

void bs_out_num(FILE *f, double v, const char *nan_token) {
  if (isnan(v) || isinf(v))
    fputs(nan_token, f);
  else if (v == floor(v) && fabs(v) < 1e15)
    fprintf(f, "%.0f", v);
  else
    fprintf(f, "%.10g", v);
}

int bs_out_digits(double v) {
  char tmp[40];
  int prec = 1;
  for (; prec < 17; prec++) {
    snprintf(tmp, sizeof tmp, "%.*g", prec, v);
    if (strtod(tmp, NULL) == v)
      break;
  }
  return prec;
}

double bs_out_rounded(double v, int decimals) {
  char tmp[400];
  snprintf(tmp, sizeof tmp, "%.*f", decimals, v);
  return strtod(tmp, NULL);
}

/* The most digits any real in v needs (at least 1). */
static int json_digits(json_t *v) {
  int d = 1;
  if (json_is_real(v) && isfinite(json_real_value(v)))
    d = bs_out_digits(json_real_value(v));
  size_t i;
  const char *key;
  json_t *c;
  if (json_is_array(v))
    json_array_foreach(v, i, c) {
      int k = json_digits(c);
      d = k > d ? k : d;
    }
  if (json_is_object(v))
    json_object_foreach(v, key, c) {
      int k = json_digits(c);
      d = k > d ? k : d;
    }
  return d;
}

int bs_out_json(FILE *f, const json_t *doc) {
  /* jansson has one precision per dump; a real written with more digits than
   * it needs still reads back the same */
  size_t flags = JSON_INDENT(2) | JSON_REAL_PRECISION(json_digits((json_t *)doc));
  if (json_dumpf(doc, f, flags) != 0)
    return -1;
  fputc('\n', f);
  return 0;
}

json_t *bs_out_json_text(const char *s) {
  json_t *j = json_string(s);
  if (j)
    return j;
  char *ascii = strdup(s);
  if (!ascii)
    return NULL;
  for (char *c = ascii; *c; c++)
    if ((unsigned char)*c >= 0x80)
      *c = '?';
  j = json_string(ascii);
  free(ascii);
  return j;
}

static_assert(sizeof(json_int_t) == sizeof(int64_t), "jansson's integers are 64-bit");

json_t *bs_out_json_u64(uint64_t v) {
  if (v <= (uint64_t)INT64_MAX)
    return json_integer((json_int_t)v);
  char digits[24];
  snprintf(digits, sizeof digits, "%llu", (unsigned long long)v);
  return json_string(digits);
}
