#!/usr/bin/env bash
# Checks that this working tree gives the same outputs as an earlier commit
# for every shipped scenario: run (indicators, summary, survival, flow,
# targets, report.html), one compare, one effect run per instrument, a sweep
# and traces (text and JSON) of a few clients. CSV, HTML and text files must
# be byte-identical; JSON files (run.json, the JSON traces) are compared by
# content: parsed and written again by Python (independent of the JSON
# library bijsim uses), key order kept, run.json without what differs
# between two builds and runs (wall-clock, version, commit, command, argv,
# start time, platform, the scenario files and their digests), the first
# layout of `run`'s run.json read as the one layout.
#   scripts/same_outputs.sh [REV] [REPLICATIONS]   (default: HEAD, 3)
# Builds REV in a temporary worktree and runs it on REV's own scenario files;
# exits 1 and lists the files that differ.
set -euo pipefail
cd "$(dirname "$0")/.."
rev=${1:-HEAD}
reps=${2:-3}
tmp=$(mktemp -d)
trap 'git worktree remove --force "$tmp/ref" >/dev/null 2>&1 || true; rm -rf "$tmp"' EXIT

git worktree add --detach "$tmp/ref" "$rev" >/dev/null 2>&1
cmake -S "$tmp/ref" -B "$tmp/ref/build" -DCMAKE_BUILD_TYPE=Release -DBIJSIM_TESTS=OFF >/dev/null
cmake --build "$tmp/ref/build" -j "$(nproc)" --target bijsim >/dev/null
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j "$(nproc)" --target bijsim >/dev/null

# Runs the same set of commands with one binary into one folder.
produce() {
  local bin=$1 out=$2 s name
  mkdir -p "$out"
  for s in scenarios/*.yaml; do
    name=$(basename "$s" .yaml)
    "$bin" run "$s" --replications "$reps" --seed 5 --out "$out/run-$name" --quiet --report
    for c in 3 3001 3150; do
      "$bin" trace "$s" --client "$c" --seed 5 >"$out/run-$name/trace-$c.txt"
      "$bin" trace "$s" --client "$c" --seed 5 --format json >"$out/run-$name/trace-$c.json"
    done
  done
  "$bin" compare scenarios/integral.yaml scenarios/separate.yaml scenarios/strict_enforcement.yaml \
    --replications "$reps" --seed 5 --out "$out/compare" --quiet --report
  for i in work_first trajectory activation sanctions home_visits; do
    "$bin" effect scenarios/work_first.yaml --instrument "$i" --replications "$reps" --seed 5 \
      --out "$out/effect-$i" --quiet --report
  done
  "$bin" sweep scenarios/baseline.yaml --param trajectory.lock_in=0.4,0.8 \
    --replications "$reps" --seed 5 --out "$out/sweep" --quiet --report
  # JSON by content; run.json without what legitimately differs between two
  # builds and runs
  find "$out" -name '*.json' -print0 | while IFS= read -r -d '' f; do
    python3 -c '
import json, sys
doc = json.load(open(sys.argv[1]))
if sys.argv[1].endswith("/run.json"):
    if "scenarios" not in doc:  # the first layout of run (before the one layout)
        doc["scenarios"] = [{k: doc.pop(k) for k in ("scenario", "file", "parameters") if k in doc}]
    for key in ("wall_seconds", "version", "command", "commit", "argv", "started_utc", "platform"):
        doc.pop(key, None)
    for s in doc["scenarios"]:  # each tree reads its own scenario files
        s.pop("files", None)
        s.pop("file", None)
print(json.dumps(doc))' "$f" >"$f.cmp" && rm "$f"
  done
}

# each binary reads its own tree's scenario files (a key added since REV,
# e.g. a new section, is not known to REV's binary)
(cd "$tmp/ref" && produce "$tmp/ref/build/bijsim" "$tmp/a")
produce "$PWD/build/bijsim" "$tmp/b"
if diff -r -q "$tmp/a" "$tmp/b"; then
  n=$(find "$tmp/a" -type f | wc -l)
  echo "same_outputs: $n files identical to $rev (CSV, HTML and text byte for byte, JSON by content)"
else
  echo "same_outputs: outputs differ from $rev (above)" >&2
  exit 1
fi
