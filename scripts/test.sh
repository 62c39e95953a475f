#!/usr/bin/env bash
# Runs every test: the normal -O2 build, then the ASan+UBSan build.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/bootstrap.sh
ctest --test-dir build --output-on-failure -j 2
./scripts/bootstrap.sh --sanitize
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
  ctest --test-dir build-asan --output-on-failure -j 2
