/* config_dist.h: the distributions of the config library's CFG_T_DISTS
 * fields (config.h), in a header of their own so that a struct holding them
 * (models/params.h) needs neither jansson nor <limits.h>. */
#ifndef BIJSIM_CONFIG_DIST_H
#define BIJSIM_CONFIG_DIST_H

#include <stddef.h>

/* A distribution of plausible values of one numeric parameter (an
 * `uncertainty:` or `calibrate:` entry). In YAML:
 *   trajectory.lock_in: {dist: uniform, low: 0.5, high: 0.9}
 *   p: {dist: triangular, low: a, high: b, mode: m}
 *   p: {dist: log_uniform, low: a, high: b}          (0 < a)
 *   p: {dist: beta, low: a, high: b, alpha: x, beta: y}  (scaled to [a, b])
 * The path names a number (int, real, probability or duration) of the schema
 * given to cfg_bind, outside tables; [low, high] must lie within that key's
 * own bounds and low < high. */
typedef enum {
  CFG_DIST_UNIFORM,
  CFG_DIST_TRIANGULAR,
  CFG_DIST_LOG_UNIFORM,
  CFG_DIST_BETA
} cfg_dist_kind;
#define CFG_DIST_NAMES                                                                             \
  { "uniform", "triangular", "log_uniform", "beta", NULL }

typedef struct cfg_dist {
  char path[96];
  int kind; /* cfg_dist_kind */
  double low, high;
  double mode;        /* triangular */
  double alpha, beta; /* beta */
  int type;           /* cfg_type of the parameter (INT, REAL, PROB, DURATION) */
  size_t offset;      /* of the parameter in the struct bound at the top */
  char where[160];    /* "file:line:col" of the path as written */
} cfg_dist;

#endif
