#!/bin/sh
# interval_spread.sh SCENARIO INDICATOR LOW HIGH [SEEDS] [REPLICATIONS]
#
# How often does the 95% interval of INDICATOR, from a run of REPLICATIONS
# (default 50) replications, lie inside [LOW, HIGH]? Runs the scenario with
# seeds 1..SEEDS (default 200) and prints one line per seed (seed, mean,
# ci_low, ci_high, inside yes/no) and a last line with the count.
# Used in docs/calibration.md for the cohort indicators of Gemeente 3.
set -eu
[ $# -ge 4 ] || { sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }
scenario=$1 indicator=$2 low=$3 high=$4 seeds=${5:-200} reps=${6:-50}
here=$(cd "$(dirname "$0")/.." && pwd)
bin=${BIJSIM:-$here/build/bijsim}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
s=1
while [ "$s" -le "$seeds" ]; do
  "$bin" run "$scenario" --replications "$reps" --seed "$s" --out "$tmp/out" --quiet
  awk -F, -v s="$s" -v ind="$indicator" -v lo="$low" -v hi="$high" \
    '$2 == ind { printf "%d %.4f %.4f %.4f %s\n", s, $3, $6, $7, ($6 >= lo && $7 <= hi) ? "yes" : "no" }' \
    "$tmp/out/summary.csv"
  rm -rf "$tmp/out"
  s=$((s + 1))
done | awk -v ind="$indicator" -v lo="$low" -v hi="$high" -v r="$reps" \
  '{ print; n++; if ($5 == "yes") k++ } END { printf "%s: %d of %d runs of %d replications have their 95%% interval inside [%s, %s]\n", ind, k, n, r, lo, hi }'
