#!/usr/bin/env bash
# Fuzzes with libFuzzer for a bounded time: the scenario loader + validator
# (tests/fuzz/fuzz_scenario.c), or with --run the path from a mutated,
# validated baseline to a short run and its output files
# (tests/fuzz/fuzz_run.c).
#
# Usage: ./scripts/fuzz.sh [--run] [SECONDS]        (default 60)
#        ./scripts/fuzz.sh [--run] --replay FILE... (run the harness once on each file)
#
# Needs clang with the libFuzzer runtime (Debian: clang + libclang-rt-14-dev).
# Without them it prints a "fuzz: SKIP ..." line and exits 0, so the test
# script can call it unconditionally. A crash makes it exit non-zero and leaves
# the input as build-fuzz/crash-* (or timeout-*: a run past the time budget);
# fix the code, then copy the input into tests/fuzz/regressions/ (loader), or
# for --run write the PATH=VALUE lines the harness printed into a file in
# tests/fuzz/run_regressions/, so that the normal test suite replays it.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
harness=scenario
if [ "${1:-}" = "--run" ]; then
  harness=run
  shift
fi

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
bin="$out/fuzz_$harness"
flags=(-std=c17 -g -O1 -fno-omit-frame-pointer -fsanitize=fuzzer,address,undefined
  -fno-sanitize-recover=all -D_POSIX_C_SOURCE=200809L -I.)
if [ "$harness" = scenario ]; then
  # Only the loader and the schema: no engine, no models' stages.
  "$CC_FUZZ" "${flags[@]}" $(pkg-config --cflags yaml-0.1 jansson) \
    tests/fuzz/fuzz_scenario.c sim/config/*.c models/params.c models/date.c \
    $(pkg-config --libs yaml-0.1 jansson) -lm -o "$bin"
else
  # Everything a run uses: engine, loader, stages, analysis (not app/).
  "$CC_FUZZ" "${flags[@]}" $(pkg-config --cflags gsl yaml-0.1 jansson) \
    tests/fuzz/fuzz_run.c sim/*.c sim/config/*.c models/*.c analysis/*.c \
    $(pkg-config --libs gsl yaml-0.1 jansson) -lpthread -lm -o "$bin"
fi

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
if [ "$harness" = scenario ]; then
  corpus="$out/corpus"
  mkdir -p "$corpus"
  cp -f scenarios/*.yaml tests/bad_scenarios/* tests/fuzz/regressions/* "$corpus/" 2>/dev/null || true
  # The 5 MB bad input is useless as a seed (libFuzzer caps inputs anyway).
  find "$corpus" -type f -size +64k -delete
  # a hang is 10 s of one input
  opts=(-max_len=65536 -timeout=10 -dict="$root/tests/fuzz/yaml.dict")
else
  corpus="$out/corpus-run"
  mkdir -p "$corpus"
  # seeds of eight mutations each, so that combinations come early; fixed
  # bytes and a fixed libFuzzer seed, so that a clean checkout (CI) tries
  # the same inputs first every time (BIJSIM_FUZZ_RANDOM=1: fresh ones)
  if [ -z "$(ls -A "$corpus")" ]; then
    for i in $(seq 1 64); do
      if [ -n "${BIJSIM_FUZZ_RANDOM:-}" ]; then
        head -c 32 /dev/urandom >"$corpus/seed-$i"
      else
        # 32 bytes of a linear congruential sequence started from i
        x=$((i * 2654435761 % 2147483648)) bytes=""
        for _ in $(seq 1 32); do
          x=$(((x * 1103515245 + 12345) % 2147483648))
          bytes+=$(printf '\\%03o' $(((x >> 16) & 255)))
        done
        printf "$bytes" >"$corpus/seed-$i"
      fi
    done
  fi
  # eight mutations of four bytes; a hang is a run past 30 s (what passes
  # the checks runs in well under a second, under the sanitizers)
  opts=(-max_len=32 -len_control=0 -timeout=30)
  [ -n "${BIJSIM_FUZZ_RANDOM:-}" ] || opts+=(-seed=1)
fi
log="$out/fuzz_$harness.log"
echo "fuzz: running $bin for ${seconds}s (corpus $corpus, $(ls "$corpus" | wc -l) seeds)"
set +e
(cd "$work/a/b" && ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 \
  "$root/$bin" -max_total_time="$seconds" -rss_limit_mb=2048 "${opts[@]}" \
  -artifact_prefix="$root/$out/" -print_final_stats=1 \
  "$root/$corpus" </dev/null >"$root/$log" 2>&1)
rc=$?
set -e
tail -n 12 "$log"
if [ $rc -ne 0 ]; then
  echo "fuzz: FAILED (exit $rc); see $log and $out/crash-* / leak-* / timeout-*" >&2
  exit 1
fi
echo "fuzz: ok ($harness), no crash in ${seconds}s"
