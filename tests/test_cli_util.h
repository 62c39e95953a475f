/* test_cli_util.h: helpers for tests that run the built bijsim binary
 * (BIJSIM_BINARY, defined by CMake) from the repository root and look at its
 * exit status, output and files. */
#ifndef BIJSIM_TEST_CLI_UTIL_H
#define BIJSIM_TEST_CLI_UTIL_H

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

/* A fresh temporary directory (under /tmp); the path is written to buf. */
static inline void tmpdir_make(char *buf, size_t len) {
  snprintf(buf, len, "/tmp/bijsim_test_XXXXXX");
  if (!mkdtemp(buf))
    buf[0] = 0;
}

/* Removes a directory tree made by a test. */
static inline void tmpdir_remove(const char *dir) {
  if (!dir || strncmp(dir, "/tmp/bijsim_test_", 17) != 0)
    return;
  char cmd[4200];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
  if (system(cmd) != 0)
    fprintf(stderr, "could not remove %s\n", dir);
}

/* Writes text to path (replacing it). */
static inline int write_text(const char *path, const char *text) {
  FILE *f = fopen(path, "w");
  if (!f)
    return -1;
  int bad = fputs(text, f) < 0;
  return fclose(f) != 0 || bad ? -1 : 0;
}

/* Reads a whole file (NULL if it does not exist); *len gets its length. */
static inline char *slurp(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f)
    return NULL;
  size_t cap = 1 << 16, n = 0;
  char *b = malloc(cap);
  while (b) {
    n += fread(b + n, 1, cap - n - 1, f);
    if (feof(f) || ferror(f))
      break;
    char *nb = realloc(b, cap * 2);
    if (!nb) {
      free(b);
      b = NULL;
      break;
    }
    b = nb;
    cap *= 2;
  }
  fclose(f);
  if (b)
    b[n] = 0;
  if (len)
    *len = n;
  return b;
}

/* Runs `BIJSIM_BINARY ARGS` with stdout and stderr captured into
 * malloc'd strings (may be NULL to discard). Returns the exit status, or -1. */
static inline int run_bijsim(const char *args, char **out, char **err) {
  char dir[64];
  tmpdir_make(dir, sizeof dir);
  char cmd[8192], po[128], pe[128];
  snprintf(po, sizeof po, "%s/out", dir);
  snprintf(pe, sizeof pe, "%s/err", dir);
  snprintf(cmd, sizeof cmd, "'%s' %s >'%s' 2>'%s' </dev/null", BIJSIM_BINARY, args, po, pe);
  int st = system(cmd);
  if (out)
    *out = slurp(po, NULL);
  if (err)
    *err = slurp(pe, NULL);
  tmpdir_remove(dir);
  return st == -1 ? -1 : WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* Number of entries in a directory other than . and .. (-1 if it is absent). */
static inline int dir_entries(const char *dir) {
  DIR *d = opendir(dir);
  if (!d)
    return -1;
  int n = 0;
  struct dirent *e;
  while ((e = readdir(d)))
    if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
      n++;
  closedir(d);
  return n;
}

/* Number of lines of a text. */
static inline size_t count_lines(const char *s) {
  size_t n = 0;
  for (; s && *s; s++)
    n += *s == '\n';
  return n;
}

/* Field `col` (0-based) of a CSV line without quoted fields before it, into
 * out ("" when the line has fewer fields). Returns 1 when the field exists
 * and fits in out, else 0. */
static inline int field(const char *line, int col, char *out, size_t len) {
  for (int c = 0; c < col && line; c++) {
    line = strchr(line, ',');
    if (line)
      line++;
  }
  size_t n = line ? strcspn(line, ",\n") : 0;
  snprintf(out, len, "%.*s", (int)n, line ? line : "");
  return line && n < len;
}

/* Occurrences of needle in s. */
static inline size_t count_str(const char *s, const char *needle) {
  size_t n = 0, k = strlen(needle);
  for (const char *p = s; p && (p = strstr(p, needle)); p += k)
    n++;
  return n;
}

#endif
