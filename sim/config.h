/* config.h: the public API of the config library (bijsim_config; its
 * sources are in sim/config/). Scenario files: YAML (libyaml) -> a
 * position-tagged tree with `extends:` resolved by deep merge (load.c), then
 * bound onto a plain C struct through a schema table that validates types,
 * ranges, shares and unknown keys (schema.c). The engine (bijsim_sim) does
 * not use it and does not link libyaml.
 *
 * Generic: the schema is supplied by the caller (models/params.c); nothing
 * here knows what a parameter means. Errors are returned as codes with a
 * message "FILE:LINE:COL: key 'a.b.c': what is wrong" in the caller's buffer.
 */
#ifndef BIJSIM_CONFIG_H
#define BIJSIM_CONFIG_H

#include "sim/config_dist.h"

#include <jansson.h>
#include <limits.h>
#include <stddef.h>

typedef enum { CFG_SCALAR, CFG_MAP, CFG_SEQ } cfg_kind;

typedef struct cfg_node {
  cfg_kind kind;
  char *key;               /* key when this node is a value in a mapping, else NULL */
  char *value;             /* text of a scalar, else NULL */
  int quoted;              /* scalar was quoted ('...' or "...") */
  const char *file;        /* file the node came from (owned by the cfg_doc) */
  int line, col;           /* 1-based position of the value */
  int key_line, key_col;   /* 1-based position of the key (0 if none) */
  struct cfg_node **items; /* map entries (each with key) or sequence items */
  size_t n;
} cfg_node;

typedef struct cfg_doc {
  cfg_node *root; /* always a CFG_MAP after a successful load */
  char **files;   /* every file read, in order (first = the one asked for) */
  size_t nfiles;
} cfg_doc;

/* Reads `path`; if its top-level mapping has `extends: OTHER.yaml` (resolved
 * relative to the directory of the file that names it; see cfg_load_search
 * for a search path), loads OTHER first
 * and deep-merges this file over it (mappings merge key by key, scalars and
 * sequences replace). The `extends` key itself is removed from the result.
 * Rejects: unreadable/missing file, empty document, YAML syntax errors,
 * top level not a mapping, duplicate keys in one mapping, anchors/aliases
 * (not supported: error), cyclic extends, extends chains deeper than 16.
 * Returns 0 or -1 with a message in err. */
int cfg_load(const char *path, cfg_doc *out, char *err, size_t errlen);
/* Same, with a search path: a relative `extends: NAME` that is not in the
 * extending file's folder is looked up in search[0..nsearch) in order (the
 * first folder that has NAME wins). When none has it, the message (at the
 * `extends:`, FILE:LINE:COL) lists the folders. */
int cfg_load_search(const char *path, const char *const *search, size_t nsearch, cfg_doc *out,
                    char *err, size_t errlen);
/* Same, from a memory buffer; `name` is used as the file name in messages.
 * `extends` is resolved relative to the current directory. */
int cfg_load_string(const char *name, const char *text, size_t len, cfg_doc *out, char *err,
                    size_t errlen);
void cfg_free(cfg_doc *doc);
/* Child of a mapping by key, or NULL. */
const cfg_node *cfg_get(const cfg_node *map, const char *key);
/* The node at a dotted path of keys ("run.horizon_days") under map, or NULL. */
const cfg_node *cfg_find(const cfg_node *map, const char *dotted);

/* ------------------------------------------------------------ schema */

typedef enum {
  CFG_T_BOOL,     /* int: true/false/yes/no/on/off */
  CFG_T_INT,      /* long, within [min,max] */
  CFG_T_REAL,     /* double, finite, within [min,max] */
  CFG_T_PROB,     /* double in [0,1] */
  CFG_T_DURATION, /* double, days, finite and >= 0; at least min when min > 0,
                     at most max when max > 0 */
  CFG_T_STRING,   /* char[elem_size] buffer inline in the struct; with
                     CFG_F_NAME a name (see there) */
  CFG_T_ENUM,     /* int: index into names[] */
  CFG_T_SHARES,   /* double[nnames]: a mapping name->prob; every name required;
                     the values must sum to 1 within 1e-6 */
  CFG_T_CURVE,    /* sequence of [x, y] pairs, x strictly increasing and >= 0;
                     stored as double[max_elems][2] at offset, the count as
                     size_t at count_offset; y within [min,max] */
  CFG_T_SECTION,  /* mapping bound with the sub-schema at the same struct base
                     plus offset */
  CFG_T_TABLE,    /* sequence of mappings, each bound with sub-schema onto
                     element i at offset + i*elem_size; count (size_t) at
                     count_offset; at most max_elems elements */
  CFG_T_DISTS     /* mapping of dotted parameter paths to distributions
                     (cfg_dist): stored as cfg_dist[max_elems] at offset, the
                     count (size_t) at count_offset; see below */
} cfg_type;

/* cfg_dist: sim/config_dist.h */
/* cfg_field.flags */
enum {
  /* REAL / DURATION: 0 is accepted besides [min, max] (0 = off, e.g. "no
   * stock series"); the message says so */
  CFG_F_ZERO_OFF = 1u << 0,
  /* STRING: a short name that is safe as a file name and on a terminal:
   * letters, digits, '_', '-' and '.', not empty, not starting with '.' */
  CFG_F_NAME = 1u << 1
};

typedef struct cfg_field {
  const char *key;
  cfg_type type;
  size_t offset;
  int required;                /* missing -> error */
  double min, max;             /* bounds for INT/REAL/CURVE y (ignored when min > max),
                                  DURATION (see there) */
  unsigned flags;              /* CFG_F_* */
  const char *const *names;    /* ENUM / SHARES names, NULL-terminated */
  const struct cfg_field *sub; /* SECTION / TABLE sub-schema */
  size_t nsub;
  size_t elem_size;    /* TABLE element size; STRING buffer size */
  size_t max_elems;    /* TABLE / CURVE capacity */
  size_t count_offset; /* TABLE / CURVE: where the element count is stored */
  const char *help;    /* one line: what the key means (reference, JSON Schema) */
  const char *unit;    /* optional: its unit ("EUR", "per year"; a DURATION is in
                          days) */
  int no_json;         /* left out of cfg_build_json (settings of an analysis,
                          not parameters of the model); DISTS always are */
} cfg_field;

/* Binds the tree onto *out (which holds defaults already) following the
 * schema. Keys absent from the tree keep their defaults. Errors, each naming
 * file:line:col and the dotted key path:
 *   unknown key (with "did you mean 'x'?" when a schema key is within edit
 *   distance 2, or a prefix), wrong type (e.g. text where a number is
 *   expected, mapping where a scalar is expected), out of range (probability
 *   outside [0,1], negative duration, NaN/inf, integer overflow), shares not
 *   summing to 1, unknown enum value (listing the allowed ones), table/curve
 *   too long, missing required key (names the section's position).
 * Returns 0 or -1 with the first error in err. */
int cfg_bind(const cfg_doc *doc, const cfg_field *schema, size_t nschema, void *out, char *err,
             size_t errlen);

/* As cfg_bind, but for an overlay on an already bound struct (e.g. one
 * parameter set from the command line): absent required keys are fine. */
int cfg_bind_overlay(const cfg_doc *doc, const cfg_field *schema, size_t nschema, void *out,
                     char *err, size_t errlen);

/* The bound struct as a JSON object following the schema: every key, defaults
 * included, in schema order. A whole-number double below 1e17 is a JSON
 * integer, any other finite double a real (exact: write it with
 * JSON_REAL_PRECISION(17) or the shortest precision that reads back the
 * same), NaN and infinity null. Returns a new reference, or NULL when the
 * struct holds what binding never stores (an enum index out of range, more
 * elements than a table's capacity) or when out of memory. */
json_t *cfg_build_json(const cfg_field *schema, size_t nschema, const void *in);

/* Calls fn for every field of the schema in order, depth first (a section,
 * then its keys), with its dotted path and its depth (0 at the top). */
typedef void (*cfg_walk_fn)(const char *path, const cfg_field *f, int depth, void *ctx);
void cfg_walk(const cfg_field *schema, size_t n, cfg_walk_fn fn, void *ctx);

/* The bounds binding enforces on a number field (INT, REAL, PROB, DURATION;
 * a CURVE's y): 1 with [lo, hi] (an infinite end when open), 0 when it has
 * none. A CFG_F_ZERO_OFF field also takes 0. */
int cfg_bounds(const cfg_field *f, double *lo, double *hi);

/* A JSON Schema (draft-07) of the files the schema binds: every key with its
 * type, bounds, allowed names, help as "description", and (when `value` and
 * `defaults` are given) value(f, base) as "default", where base is the
 * struct holding f (defaults, or inside it for a section); unknown keys
 * refused; a top-level "extends"; the required keys only for a file that
 * does not extend another. NULL when out of memory. */
json_t *cfg_json_schema(const cfg_field *schema, size_t n, const char *title,
                        json_t *(*value)(const cfg_field *f, const void *base),
                        const void *defaults);
/* The JSON value of a bound field f of the struct at base (as cfg_build_json
 * writes it), or NULL. */
json_t *cfg_field_json(const cfg_field *f, const void *base);

/* That object as compact JSON text (reals with 17 significant digits) in buf,
 * with snprintf semantics: returns the length of the whole text, or -1 on
 * error. For callers that want text (bs_params_json); cfg_build_json is the
 * one to use for writing JSON files. */
long cfg_to_json(const cfg_field *schema, size_t nschema, const void *in, char *buf, size_t len);

/* s is a decimal number as the loader reads one: [+-] digits [. digits]
 * [e [+-] digits], with a digit before the exponent; not strtod's
 * hexadecimal ("0x1p10"), infinity and nan forms, nor leading blanks. */
int cfg_is_decimal(const char *s);

/* Levenshtein distance (exposed for tests). */
int cfg_edit_distance(const char *a, const char *b);

/* "Did you mean": the candidate closest to a misspelt name (edit distance at
 * most 2), else one that is a prefix of it or has it as a prefix. Used by the
 * loader for keys, enum values and share names, and by callers that check
 * names the schema does not know (e.g. indicator names). */
typedef struct cfg_suggestion {
  const char *closest;
  int dist;
  const char *prefix;
} cfg_suggestion;
#define CFG_SUGGESTION_INIT                                                                        \
  { NULL, INT_MAX, NULL }
void cfg_suggest_consider(cfg_suggestion *s, const char *key, const char *cand);
/* " (did you mean 'x'?)" in buf, or "" when nothing is close. */
const char *cfg_suggest_text(const cfg_suggestion *s, char *buf, size_t size);

#endif
