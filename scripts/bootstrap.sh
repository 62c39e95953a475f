#!/usr/bin/env bash
# Installs what is missing (Debian, non-interactive) and builds bijsim into build/.
# Usage: ./scripts/bootstrap.sh [--sanitize]
set -euo pipefail
cd "$(dirname "$0")/.."
# chromium: the report test renders report.html headless; valgrind: the leak check;
# clang + libclang-rt-14-dev: the libFuzzer harness of the scenario loader
pkgs=(build-essential cmake pkg-config libgsl-dev libyaml-dev libjansson-dev libcriterion-dev chromium valgrind clang libclang-rt-14-dev)
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
if [ "${1:-}" = "--sanitize" ]; then
  builddir=build-asan
  extra=(-DBIJSIM_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug)
fi
cmake -S . -B "$builddir" -DCMAKE_BUILD_TYPE=Release "${extra[@]}" >/dev/null
cmake --build "$builddir" -j "$(nproc)"
