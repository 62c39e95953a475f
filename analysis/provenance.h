/* provenance.h: where a parameter's value comes from. The scenario files
 * name the source of every value in the comment on its line (baseline.yaml:
 * "assumption: ...", "literature: ...", a seed "003 §2.2", "calibrated",
 * "model setting"; tests/test_scenarios.c checks that every default has
 * one); this finds that line in a scenario's extends chain, for the reports
 * that say which assumptions a result depends on. */
#ifndef BIJSIM_PROVENANCE_H
#define BIJSIM_PROVENANCE_H

#include "sim/config.h"

#include <stddef.h>

typedef struct bs_sources {
  cfg_doc doc; /* the scenario as loaded, with the position of every value */
} bs_sources;

typedef struct bs_param_source {
  char comment[256]; /* the comment's text ("" when the line has none) */
  char where[320];   /* "FILE:LINE" of the value ("" when no file sets it: the default) */
} bs_param_source;

/* Loads scenario `file` (and what it extends). 0, or -1 with a message. */
int bs_sources_load(bs_sources *s, const char *file, char *err, size_t errlen);
void bs_sources_free(bs_sources *s);
/* The source of dotted parameter `path` (a delay's mean as
 * "inflow.reinflow_delay.mean_days"). */
void bs_sources_find(const bs_sources *s, const char *path, bs_param_source *out);

/* The kinds of source, in the order bs_source_kind tries them: the first
 * four are marks a comment names; "seed" is a comment naming one of the
 * seeds 000-004; "not stated" is none of these. (The report writes them in
 * the reader's language: BS_TERM_SOURCE in analysis/catalogue.h.) */
#define BS_SOURCE_KIND_LIST(X)                                                                     \
  X(LITERATURE, "literature")                                                                      \
  X(ASSUMPTION, "assumption")                                                                      \
  X(CALIBRATED, "calibrated")                                                                      \
  X(MODEL_SETTING, "model setting")                                                                \
  X(SEED, "seed")                                                                                  \
  X(NOT_STATED, "not stated")
typedef enum {
#define X(e, name) BS_SOURCE_##e,
  BS_SOURCE_KIND_LIST(X)
#undef X
      BS_SOURCE_N
} bs_source_kind_id;
extern const char *const bs_source_kinds[BS_SOURCE_N];

/* The kind of source a comment names, one of bs_source_kinds. A comment
 * naming a seed for the direction and an assumption for the size is an
 * assumption. */
const char *bs_source_kind(const char *comment);

#endif
