#!/usr/bin/env bash
# Installs what is missing (Debian, non-interactive) and builds bijsim into build/.
# Usage: ./scripts/bootstrap.sh [--sanitize | --mpi]
#   --sanitize: the ASan+UBSan build in build-asan/
#   --mpi: also Open MPI (openmpi-bin, libopenmpi-dev), and the MPI build of
#          the bijsim binary in build-mpi/ (docs/analysis.md: runs on a cluster)
set -euo pipefail
cd "$(dirname "$0")/.."
# chromium: the report test renders report.html headless (zlib1g-dev: it reads the
# PDF Chromium prints); valgrind: the leak check;
# clang + libclang-rt-14-dev: the libFuzzer harness of the scenario loader;
# help2man: the man page made from --help at build time (cmake --install);
# python3-jsonschema, python3-yaml: the JSON Schema test of the scenarios
# (tests/scripts/validate_schema.py) where python3 has no jsonschema of its own
pkgs=(build-essential cmake pkg-config libgsl-dev libyaml-dev libjansson-dev libcriterion-dev chromium zlib1g-dev valgrind clang libclang-rt-14-dev help2man python3-jsonschema python3-yaml)
[ "${1:-}" = "--mpi" ] && pkgs+=(openmpi-bin libopenmpi-dev)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  echo "bootstrap: installing ${missing[*]}" >&2
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq </dev/null
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" </dev/null
fi
builddir=build
extra=()
target=()
if [ "${1:-}" = "--sanitize" ]; then
  builddir=build-asan
  extra=(-DBIJSIM_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug)
elif [ "${1:-}" = "--mpi" ]; then
  builddir=build-mpi
  extra=(-DBIJSIM_MPI=ON -DBIJSIM_TESTS=OFF)
  target=(--target bijsim)
fi
cmake -S . -B "$builddir" -DCMAKE_BUILD_TYPE=Release "${extra[@]}" >/dev/null
cmake --build "$builddir" -j "$(nproc)" "${target[@]}"
