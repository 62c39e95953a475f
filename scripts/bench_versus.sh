#!/usr/bin/env bash
# Times the national chain benchmark of this checkout against a build of an
# earlier commit REV in the same run, alternating the two so that a drift in
# the machine's load hits both alike (issue 14 asks for the time as a ratio
# to the code before, since absolute times drift on these machines).
#
# Usage: ./scripts/bench_versus.sh REV [SCENARIO] [RUNS]
#   SCENARIO  default bench/national.yaml (one national replication, 10 years)
#   RUNS      runs of each build, default 4
# Each build runs its own copy of SCENARIO's folder (REV's bench/ files, so
# that a scenario key REV does not know cannot break it). Prints per run the
# wall time, then the medians and their ratio, and the load average before and
# after. The two builds take turns at running first. Run it on an otherwise
# idle machine; use an even RUNS.
set -euo pipefail
cd "$(dirname "$0")/.."
rev=${1:?usage: $0 REV [SCENARIO] [RUNS]}
scen=${2:-bench/national.yaml}
runs=${3:-4}
here=$(pwd)
base=$(mktemp -d /tmp/bijsim-versus.XXXXXX)
cleanup() { git worktree remove --force "$base/src" >/dev/null 2>&1 || true; rm -rf "$base"; }
trap cleanup EXIT
git worktree add --detach "$base/src" "$rev" >/dev/null 2>&1
build() { # src dir -> build dir
  cmake -S "$1" -B "$2" -DCMAKE_BUILD_TYPE=Release -DBIJSIM_TESTS=OFF >/dev/null
  cmake --build "$2" -j "$(nproc)" --target bench_chain >/dev/null
}
build "$here" "$here/build-bench"
build "$base/src" "$base/build"
# one run of a build: "WALL NS_PER_EVENT RSS_MIB" from bench_chain's national lines
one() { # source dir, bench_chain
  (cd "$1" && "$2" --national-only "$scen") | awk '
    /^  wall / {w = $2; s = $0; sub(/ ns per event.*/, "", s); sub(/.*\(/, "", s); n = s}
    /peak RSS/ {for (i = 1; i < NF; i++) if ($i == "RSS") r = $(i+1)}
    END {print w, n, r}'
}
echo "versus: $(git rev-parse --short HEAD) against $(git rev-parse --short "$rev"), $scen, $runs runs each"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
now=() before=()
run_now() {
  read -r t n m < <(one "$here" "$here/build-bench/bench_chain")
  echo "now    run $((k + 1)): $t s wall, $n ns per event, peak RSS $m MiB"
  now+=("$t")
}
run_before() {
  read -r t n m < <(one "$base/src" "$base/build/bench_chain")
  echo "before run $((k + 1)): $t s wall, $n ns per event, peak RSS $m MiB"
  before+=("$t")
}
# The order alternates (now first, then before first, ...): the second run
# of a pair was often faster here (a process that starts just after another
# ended finds its memory freed), which favoured whichever build ran second.
for ((k = 0; k < runs; k++)); do
  if ((k % 2 == 0)); then
    run_now
    run_before
  else
    run_before
    run_now
  fi
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
mn=$(median "${now[@]}") mb=$(median "${before[@]}")
echo "median: now $mn s, before $mb s, before/now $(awk -v a="$mb" -v b="$mn" 'BEGIN {printf "%.2f", a/b}')x"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
