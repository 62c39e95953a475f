/* json.h: a small JSON reader (RFC 8259) for bijsim's own run.json files,
 * so that the report can show scenarios and parameters after the fact. The
 * whole document becomes a tree of nodes in one allocation-checked arena. */
#ifndef BIJSIM_JSON_H
#define BIJSIM_JSON_H

#include <stddef.h>

typedef enum {
  BS_JSON_NULL,
  BS_JSON_BOOL,
  BS_JSON_NUM,
  BS_JSON_STR,
  BS_JSON_ARR,
  BS_JSON_OBJ
} bs_json_type;

typedef struct bs_json {
  bs_json_type type;
  double num;            /* NUM; BOOL as 0/1 */
  char *str;             /* STR: the unescaped text; NUM: the literal as written */
  char *key;             /* member name when inside an object, else NULL */
  struct bs_json *child; /* ARR/OBJ: first element */
  struct bs_json *next;  /* next sibling */
  size_t n;              /* ARR/OBJ: number of elements */
} bs_json;

typedef struct bs_json_doc {
  bs_json *root;
  bs_json *nodes;
  size_t nnodes, cap;
  char *text; /* string storage */
} bs_json_doc;

/* Parses text[0..len). Returns 0 or -1 with "NAME:LINE:COL: message". */
int bs_json_parse(const char *name, const char *text, size_t len, bs_json_doc *doc, char *err,
                  size_t errlen);
void bs_json_free(bs_json_doc *doc);
/* Member of an object by name (NULL when absent or not an object). */
const bs_json *bs_json_get(const bs_json *obj, const char *key);
/* Follows a dotted path of member names ("run.horizon_days"). */
const bs_json *bs_json_path(const bs_json *obj, const char *path);
/* Element i of an array, or NULL. */
const bs_json *bs_json_at(const bs_json *arr, size_t i);
/* Writes a scalar or a short array as text (numbers as written, strings
 * unquoted, true/false, [a, b]) into buf. Returns buf. */
const char *bs_json_text(const bs_json *v, char *buf, size_t len);

#endif
