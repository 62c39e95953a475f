/* message.c: the "FILE:LINE:COL: message" helpers that the loader
 * (load.c) and the binder (schema.c) share; see internal.h. */
#include "sim/config/internal.h"

#include <stdio.h>
#include <string.h>

int cfgi_vfail_at(char *err, size_t errlen, const char *file, int line, int col, const char *fmt,
                  va_list ap) {
  if (!err || errlen == 0)
    return -1;
  int k = line > 0 ? snprintf(err, errlen, "%s:%d:%d: ", file, line, col)
                   : snprintf(err, errlen, "%s: ", file);
  if (k >= 0 && (size_t)k < errlen)
    vsnprintf(err + k, errlen - (size_t)k, fmt, ap);
  return -1;
}

int cfgi_fail_at(char *err, size_t errlen, const char *file, int line, int col, const char *fmt,
                 ...) {
  va_list ap;
  va_start(ap, fmt);
  cfgi_vfail_at(err, errlen, file, line, col, fmt, ap);
  va_end(ap);
  return -1;
}

const char *cfgi_shown(const char *s, char buf[CFGI_SHOWN_SIZE]) {
  size_t i = 0;
  for (; s[i] && i < CFGI_SHOWN_SIZE - 4; i++)
    buf[i] = ((unsigned char)s[i] < 0x20 || s[i] == 0x7f) ? '?' : s[i];
  if (s[i]) {
    /* back off to a UTF-8 character boundary before the ellipsis */
    while (i > 0 && ((unsigned char)buf[i] & 0xc0) == 0x80)
      i--;
    memcpy(buf + i, "...", 3);
    i += 3;
  }
  buf[i] = '\0';
  return buf;
}

const char *cfgi_kind_name(const cfg_node *n) {
  switch (n->kind) {
  case CFG_MAP:
    return "a mapping";
  case CFG_SEQ:
    return "a sequence";
  default:
    return "a scalar";
  }
}
