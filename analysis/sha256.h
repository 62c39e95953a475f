/* sha256.h: SHA-256 (FIPS 180-4), for the digests of the scenario files a
 * run read (run.json). Small and self-contained: no library is needed for
 * hashing a few files of at most 4 MiB. */
#ifndef BIJSIM_SHA256_H
#define BIJSIM_SHA256_H

#include <stddef.h>
#include <stdint.h>

typedef struct bs_sha256 {
  uint32_t h[8];
  uint64_t bytes; /* message length so far */
  unsigned char buf[64];
  size_t nbuf;
} bs_sha256;

void bs_sha256_init(bs_sha256 *s);
void bs_sha256_update(bs_sha256 *s, const void *data, size_t len);
/* The digest as 64 lowercase hex digits and a NUL in hex. */
void bs_sha256_hex(bs_sha256 *s, char hex[65]);
/* The digest of a whole buffer. */
void bs_sha256_of(const void *data, size_t len, char hex[65]);
/* The digest of a file's bytes: 0, or -1 with a message (cannot read). */
int bs_sha256_file(const char *path, char hex[65], char *err, size_t errlen);

#endif
