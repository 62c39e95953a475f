/* fuzz_scenario.c: libFuzzer harness for the scenario loader and validator.
 *
 * Feeds arbitrary bytes through the same path as `bijsim validate`: libyaml
 * parsing into the position-tagged tree (sim/config/), `extends` resolution,
 * binding onto bs_params with the real schema and the cross-field checks
 * (models/params.c), and on success the resolved-parameter JSON that run.json
 * embeds (which must read back with jansson). The loader must return either 0 or -1 with a one-line
 * message; it must never crash, leak, read out of bounds or hit undefined behaviour.
 *
 * Built and run by scripts/fuzz.sh (clang -fsanitize=fuzzer,address,undefined).
 * Crashes it finds go into tests/fuzz/regressions/, which
 * tests/test_fuzz_regressions.c replays in the normal test suite.
 */
#include "models/params.h"

#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static bs_params p;
  char err[1024];
  err[0] = '\0';
  int rc = bs_params_load_string("fuzz.yaml", (const char *)data, size, &p, err, sizeof err);
  if (rc != 0 && rc != -1)
    abort(); /* only 0 or -1 are defined */
  if (rc != 0) {
    /* an error always says something, on one line */
    if (err[0] == '\0' || strchr(err, '\n') != NULL)
      abort();
    return 0;
  }
  long n = bs_params_json(&p, NULL, 0);
  if (n < 0)
    abort(); /* a bound struct must always serialise */
  char *buf = malloc((size_t)n + 1);
  if (buf) {
    if (bs_params_json(&p, buf, (size_t)n + 1) != n || strlen(buf) != (size_t)n)
      abort();
    /* valid JSON, which jansson reads back and writes again the same */
    json_t *v = json_loadb(buf, (size_t)n, 0, NULL);
    if (!v)
      abort();
    char *again = json_dumps(v, JSON_COMPACT | JSON_REAL_PRECISION(17));
    if (again && strcmp(again, buf) != 0)
      abort();
    free(again);
    json_decref(v);
    free(buf);
  }
  return 0;
}
