/* provenance.c: see provenance.h. */
#include "analysis/provenance.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

int bs_sources_load(bs_sources *s, const char *file, char *err, size_t errlen) {
  memset(s, 0, sizeof *s);
  return cfg_load(file, &s->doc, err, errlen) == 0 ? 0 : -1;
}

void bs_sources_free(bs_sources *s) { cfg_free(&s->doc); }

/* The comment of a YAML line: from the first '#' outside quotes that starts
 * the line or follows a blank, without the '#' and the blanks around it. */
static void comment_of(const char *line, char *out, size_t len) {
  char quote = 0;
  out[0] = 0;
  for (const char *c = line; *c; c++) {
    if (quote) {
      quote = *c == quote ? 0 : quote;
      continue;
    }
    if (*c == '\'' || *c == '"') {
      quote = *c;
    } else if (*c == '#' && (c == line || isspace((unsigned char)c[-1]))) {
      c++;
      while (isspace((unsigned char)*c))
        c++;
      size_t n = strcspn(c, "\r\n");
      while (n > 0 && isspace((unsigned char)c[n - 1]))
        n--;
      snprintf(out, len, "%.*s", (int)n, c);
      return;
    }
  }
}

void bs_sources_find(const bs_sources *s, const char *path, bs_param_source *out) {
  out->comment[0] = out->where[0] = 0;
  const cfg_node *n = s->doc.root ? cfg_find(s->doc.root, path) : NULL;
  if (!n || !n->file || n->line < 1)
    return;
  snprintf(out->where, sizeof out->where, "%.300s:%d", n->file, n->line);
  FILE *f = fopen(n->file, "r");
  if (!f)
    return;
  char line[4096];
  for (int k = 1; fgets(line, sizeof line, f); k++) {
    int whole = strchr(line, '\n') != NULL;
    if (k == n->line) {
      comment_of(line, out->comment, sizeof out->comment);
      break;
    }
    while (!whole && fgets(line, sizeof line, f)) /* the rest of a long line */
      whole = strchr(line, '\n') != NULL;
  }
  fclose(f);
}

/* A seed is named by its number 000-004 (e.g. "003 §2.2", "seed 001"). */
static int names_seed(const char *c) {
  for (const char *p = c; (p = strstr(p, "00")); p++)
    if (p[2] >= '0' && p[2] <= '4' && (p == c || !isdigit((unsigned char)p[-1])) &&
        !isdigit((unsigned char)p[3]))
      return 1;
  return 0;
}

const char *const bs_source_kinds[BS_SOURCE_N] = {
#define X(e, name) name,
    BS_SOURCE_KIND_LIST(X)
#undef X
};

const char *bs_source_kind(const char *comment) {
  for (size_t i = 0; i < BS_SOURCE_SEED; i++) /* the marks */
    if (strstr(comment, bs_source_kinds[i]))
      return bs_source_kinds[i];
  return bs_source_kinds[names_seed(comment) ? BS_SOURCE_SEED : BS_SOURCE_NOT_STATED];
}
