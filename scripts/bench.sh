#!/usr/bin/env bash
# Runs every benchmark (bench/*.c, each built as build-bench/bench_NAME) from
# a Release (-O2) build, on the machine as it is: run it when the machine is
# otherwise idle. Figures and their meaning: docs/performance.md.
# Usage: ./scripts/bench.sh [--quick]   (--quick: smaller runs, for a smoke test)
set -euo pipefail
cd "$(dirname "$0")/.."
quick=0
[ "${1:-}" = "--quick" ] && quick=1
cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release -DBIJSIM_TESTS=OFF >/dev/null
cmake --build build-bench -j "$(nproc)" >/dev/null
echo "bench: $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet 2>/dev/null || echo '+dirty'), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(date -u +%Y-%m-%dT%H:%MZ)"
for b in build-bench/bench_*; do
  [ -x "$b" ] || continue
  name=$(basename "$b")
  echo "== $name"
  case "$name" in
  bench_engine) if [ $quick = 1 ]; then "$b" 2000000; else "$b"; fi ;;
  bench_chain)
    if [ $quick = 1 ]; then "$b" bench/national_5y.yaml --replications 4; else "$b"; fi ;;
  bench_experiments) if [ $quick = 1 ]; then "$b" --quick; else "$b"; fi ;;
  *) "$b" ;;
  esac
done
