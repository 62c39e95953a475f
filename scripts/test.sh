#!/usr/bin/env bash
# Runs every test: the normal -O2 build, the ASan+UBSan build (with
# LeakSanitizer), bounded libFuzzer runs of the scenario loader and of the
# path from a mutated scenario to a run, and a valgrind memcheck of small
# runs. See docs/reliability.md.
#   BIJSIM_FUZZ_SECONDS      loader fuzzing time (default 60; 0 skips it)
#   BIJSIM_FUZZ_RUN_SECONDS  run fuzzing time (default 60; 0 skips it)
set -euo pipefail
cd "$(dirname "$0")/.."

# Sums Criterion's per-program synthesis lines of a ctest run's log.
criterion_totals() {
  grep -ho 'Synthesis: Tested: [0-9]* | Passing: [0-9]* | Failing: [0-9]* | Crashing: [0-9]*' \
    "$1/Testing/Temporary/LastTest.log" |
    awk '{p += $6; f += $9 + $12} END {printf "%d %d\n", p, f}'
}
./scripts/bootstrap.sh
ctest --test-dir build --output-on-failure -j 2
./scripts/bootstrap.sh --sanitize
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir build-asan --output-on-failure -j 2

# Fuzz the scenario loader, then runs of mutated scenarios, for a bounded
# time each (skips itself without clang).
fuzz_seconds=${BIJSIM_FUZZ_SECONDS:-60}
if [ "$fuzz_seconds" -gt 0 ]; then
  ./scripts/fuzz.sh "$fuzz_seconds"
else
  echo "fuzz: SKIP (BIJSIM_FUZZ_SECONDS=0)"
fi
fuzz_run_seconds=${BIJSIM_FUZZ_RUN_SECONDS:-60}
if [ "$fuzz_run_seconds" -gt 0 ]; then
  ./scripts/fuzz.sh --run "$fuzz_run_seconds"
else
  echo "fuzz --run: SKIP (BIJSIM_FUZZ_RUN_SECONDS=0)"
fi

# valgrind memcheck: no leak and no invalid access in a small run, a
# two-thread run and an error path (the -O2 build, as shipped).
if command -v valgrind >/dev/null 2>&1; then
  vg=(valgrind -q --leak-check=full --show-leak-kinds=all --errors-for-leak-kinds=all
    --error-exitcode=99)
  vdir=$(mktemp -d)
  trap 'rm -rf "$vdir"' EXIT
  "${vg[@]}" build/bijsim run scenarios/baseline.yaml --out "$vdir/a" --quiet
  "${vg[@]}" build/bijsim run scenarios/baseline.yaml --out "$vdir/b" --quiet \
    --replications 2 --threads 2
  set +e
  "${vg[@]}" build/bijsim validate tests/bad_scenarios/duplicate_key.yaml 2>/dev/null
  rc=$?
  set -e
  if [ $rc -ne 1 ]; then
    echo "valgrind: the error path exited $rc (99 = memcheck found errors)" >&2
    exit 1
  fi
  echo "valgrind: ok (no leaks, no memory errors)"
else
  echo "valgrind: SKIP (valgrind not installed; apt-get install valgrind)"
fi

# MPI: every command that simulates, across 3 ranks (more ranks than cores:
# --oversubscribe), writes the same bytes as a single process of the default
# build; the MPI runs use other thread counts (blocks of 1 and 2
# replications). bootstrap --mpi installs Open MPI and builds build-mpi/;
# the test is skipped only when Open MPI is not installed and cannot be.
have_mpi() { command -v mpirun >/dev/null 2>&1 && command -v mpicc >/dev/null 2>&1; }
have_mpi || ./scripts/bootstrap.sh --mpi >/dev/null 2>&1 || true
if have_mpi; then
  ./scripts/bootstrap.sh --mpi >/dev/null
  mdir=$(mktemp -d)
  mpi=(mpirun --oversubscribe -np 3)
  [ "$(id -u)" -eq 0 ] && mpi=(env OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 "${mpi[@]}")
  small=tests/data/analysis/small.yaml
  variant=tests/data/analysis/small_variant.yaml
  mpi_check() { # NAME THREADS FILES... -- ARGS... (THREADS: the MPI run's --threads, or -)
    local name=$1 threads=$2 files=() f extra=()
    shift 2
    while [ "$1" != "--" ]; do files+=("$1"); shift; done
    shift
    [ "$threads" != - ] && extra=(--threads "$threads")
    build/bijsim "$@" --out "$mdir/$name-1" -q
    "${mpi[@]}" build-mpi/bijsim "$@" "${extra[@]}" --out "$mdir/$name-3" -q
    for f in "${files[@]}"; do
      cmp "$mdir/$name-1/$f" "$mdir/$name-3/$f" || { echo "mpi: $name/$f differs" >&2; exit 1; }
    done
  }
  mpi_check run 1 indicators.csv summary.csv survival.csv flow.csv -- \
    run "$small" --replications 7
  mpi_check compare 2 compare.csv summary.csv indicators.csv survival.csv flow.csv -- \
    compare "$small" "$variant" --replications 5
  mpi_check effect 1 effect.csv summary.csv compare.csv survival.csv flow.csv channels.csv -- \
    effect "$small" --instrument trajectory --replications 3
  mpi_check sweep 2 sweep.csv -- sweep "$small" --param trajectory.lock_in=0.4,0.8 --replications 3
  mpi_check uncertainty - uncertainty.csv uncertainty_sets.csv parameter_sets.csv -- \
    uncertainty "$small" "$variant" --sets 6 --replications 2
  mpi_check sensitivity - sensitivity.csv sensitivity_points.csv -- \
    sensitivity "$small" --method morris --sets 2 --replications 1
  mpi_check calibrate - posterior.csv posterior_sample.csv fit.csv generations.csv fitted.yaml -- \
    calibrate tests/data/analysis/small_cal.yaml
  rm -rf "$mdir"
  echo "mpi: ok (3 ranks give the bytes of one process: run, compare, effect, sweep, uncertainty, sensitivity, calibrate)"
else
  echo "mpi: SKIP (Open MPI is not installed and could not be installed: ./scripts/bootstrap.sh --mpi)"
fi

# One closing line for the whole run: Criterion test cases in both builds.
read -r p1 f1 < <(criterion_totals build)
read -r p2 f2 < <(criterion_totals build-asan)
echo "criterion (-O2 and ASan+UBSan builds): $((p1 + p2)) passed, $((f1 + f2)) failed"
