/* test_sha256.c: the SHA-256 of analysis/sha256.c (run.json's digests of
 * the scenario files) against FIPS 180-4's examples and digests computed
 * independently (Python's hashlib), at the padding's edges (55, 56 and 64
 * bytes: the length fits in the last block or needs one more), fed in one
 * piece and in odd pieces, and of a file against sha256sum. */
#include "analysis/sha256.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void expect(const char *msg, size_t len, const char *want) {
  char hex[65];
  bs_sha256_of(msg, len, hex);
  cr_expect_str_eq(hex, want, "%zu bytes in one piece", len);
  /* the same bytes in pieces of 1, 7 and 63 bytes */
  static const size_t steps[] = {1, 7, 63};
  for (size_t k = 0; k < 3; k++) {
    bs_sha256 s;
    bs_sha256_init(&s);
    for (size_t at = 0; at < len; at += steps[k])
      bs_sha256_update(&s, msg + at, len - at < steps[k] ? len - at : steps[k]);
    bs_sha256_hex(&s, hex);
    cr_expect_str_eq(hex, want, "%zu bytes in pieces of %zu", len, steps[k]);
  }
}

Test(sha256, known_digests) {
  expect("", 0, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  expect("abc", 3, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  expect("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 56,
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  char a[1000000];
  memset(a, 'a', sizeof a);
  expect(a, 55, "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318");
  expect(a, 56, "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a");
  expect(a, 64, "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb");
  expect(a, sizeof a, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
  unsigned char bytes[768];
  for (size_t i = 0; i < sizeof bytes; i++)
    bytes[i] = (unsigned char)i;
  expect((const char *)bytes, sizeof bytes,
         "f3a25aa93aa2fbba28d79260535bbd6a5eb0fc1c24a8b0f04e12b484c1dfe363");
}

Test(sha256, file_agrees_with_sha256sum) {
  const char *path = BIJSIM_SOURCE_DIR "/scenarios/baseline.yaml";
  char hex[65], err[256], cmd[512], want[80] = "";
  cr_assert_eq(bs_sha256_file(path, hex, err, sizeof err), 0, "%s", err);
  snprintf(cmd, sizeof cmd, "sha256sum '%s'", path);
  FILE *p = popen(cmd, "r");
  cr_assert(p);
  cr_assert(fscanf(p, "%64s", want) == 1);
  pclose(p);
  cr_assert_str_eq(hex, want);
  cr_assert_eq(bs_sha256_file("/nonexistent_bijsim_file", hex, err, sizeof err), -1);
  cr_assert(strstr(err, "/nonexistent_bijsim_file: cannot read: No such file"), "%s", err);
}
