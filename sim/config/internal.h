/* internal.h: what the loader (load.c) and the binder (schema.c) of the
 * config library share; not part of the public API (config.h). */
#ifndef BIJSIM_CONFIG_INTERNAL_H
#define BIJSIM_CONFIG_INTERNAL_H

#include "sim/config.h"

#include <stdarg.h>
#include <stddef.h>

#if defined(__GNUC__)
#define CFGI_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define CFGI_PRINTF(f, a)
#endif

/* Writes "FILE:LINE:COL: message" (or "FILE: message" when line is 0) into
 * err and returns -1. */
int cfgi_vfail_at(char *err, size_t errlen, const char *file, int line, int col, const char *fmt,
                  va_list ap);
CFGI_PRINTF(6, 7)
int cfgi_fail_at(char *err, size_t errlen, const char *file, int line, int col, const char *fmt,
                 ...);

/* Copies text written by the user for a message into buf: at most ~60
 * bytes, control characters as '?', so that a message always stays on one
 * readable line. Returns buf. */
#define CFGI_SHOWN_SIZE 72
const char *cfgi_shown(const char *s, char buf[CFGI_SHOWN_SIZE]);

/* "a mapping", "a sequence" or "a scalar". */
const char *cfgi_kind_name(const cfg_node *n);

#endif
