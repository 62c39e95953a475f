#!/usr/bin/env bash
# Fuzzes the scenario loader + validator (tests/fuzz/fuzz_scenario.c) with
# libFuzzer for a bounded time.
#
# Usage: ./scripts/fuzz.sh [SECONDS]        (default 60)
#        ./scripts/fuzz.sh --replay FILE... (run the harness once on each file)
#
# Needs clang with the libFuzzer runtime (Debian: clang + libclang-rt-14-dev).
# Without them it prints a "fuzz: SKIP ..." line and exits 0, so the test
# script can call it unconditionally. A crash makes it exit non-zero and leaves
# the input as build-fuzz/crash-*; fix the loader, then copy the input into
# tests/fuzz/regressions/ so the normal test suite replays it.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

CC_FUZZ=${CC_FUZZ:-clang}
if ! command -v "$CC_FUZZ" >/dev/null 2>&1; then
  echo "fuzz: SKIP (no $CC_FUZZ; install clang and libclang-rt-14-dev to fuzz the loader)"
  exit 0
fi
probe=$(mktemp -d)
trap 'rm -rf "$probe"' EXIT
printf 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n){(void)d;(void)n;return 0;}\n' \
  >"$probe/p.c"
if ! "$CC_FUZZ" -fsanitize=fuzzer "$probe/p.c" -o "$probe/p" >/dev/null 2>&1; then
  echo "fuzz: SKIP ($CC_FUZZ has no libFuzzer runtime; install libclang-rt-14-dev)"
  exit 0
fi

out=build-fuzz
mkdir -p "$out"
bin="$out/fuzz_scenario"
# Only the loader and the schema: no engine, no models' stages.
"$CC_FUZZ" -std=c17 -g -O1 -fno-omit-frame-pointer \
  -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
  -D_POSIX_C_SOURCE=200809L -I. $(pkg-config --cflags yaml-0.1 jansson) \
  tests/fuzz/fuzz_scenario.c sim/config/*.c models/params.c \
  $(pkg-config --libs yaml-0.1 jansson) -lm -o "$bin"

# `extends:` in a memory buffer resolves against the current directory. Run in
# a scratch directory laid out so that the seeds' extends paths resolve:
# "baseline.yaml" (scenarios/) and "../../scenarios/baseline.yaml"
# (tests/bad_scenarios/).
work=$(mktemp -d)
trap 'rm -rf "$probe" "$work"' EXIT
mkdir -p "$work/a/b"
ln -s "$root/scenarios" "$work/scenarios"
for f in "$root"/scenarios/*.yaml; do ln -s "$f" "$work/a/b/"; done

if [ "${1:-}" = "--replay" ]; then
  shift
  files=()
  for f in "$@"; do files+=("$(cd "$(dirname "$f")" && pwd)/$(basename "$f")"); done
  (cd "$work/a/b" && "$root/$bin" -runs=1 "${files[@]}" </dev/null)
  exit $?
fi

seconds=${1:-60}
corpus="$out/corpus"
mkdir -p "$corpus"
cp -f scenarios/*.yaml tests/bad_scenarios/* tests/fuzz/regressions/* "$corpus/" 2>/dev/null || true
# The 5 MB bad input is useless as a seed (libFuzzer caps inputs anyway).
find "$corpus" -type f -size +64k -delete
echo "fuzz: running $bin for ${seconds}s (corpus $corpus, $(ls "$corpus" | wc -l) seeds)"
set +e
(cd "$work/a/b" && ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 \
  "$root/$bin" -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
  -dict="$root/tests/fuzz/yaml.dict" -artifact_prefix="$root/$out/" -print_final_stats=1 \
  "$root/$corpus" </dev/null >"$root/$out/fuzz.log" 2>&1)
rc=$?
set -e
tail -n 12 "$out/fuzz.log"
if [ $rc -ne 0 ]; then
  echo "fuzz: FAILED (exit $rc); see $out/fuzz.log and $out/crash-* / leak-* / timeout-*" >&2
  exit 1
fi
echo "fuzz: ok, no crash in ${seconds}s"
