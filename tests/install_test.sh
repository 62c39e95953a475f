#!/usr/bin/env bash
# install_test.sh BUILD: `cmake --install BUILD` into a temporary prefix, then
# the installed binary as a user would have it: --version and -V show the
# version and commit; it runs an installed scenario; a scenario in a folder
# of the user's own with `extends: baseline.yaml` finds the installed
# baseline (not the source tree's); `params` reads the installed baseline;
# the man page (from --help) describes every command; bash completion
# completes commands and options. Registered in ctest (CMakeLists.txt).
set -euo pipefail
build=$(cd "$1" && pwd)
tmp=$(mktemp -d /tmp/bijsim_install_XXXXXX)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "install_test: $*" >&2; exit 1; }
prefix=$tmp/prefix
cmake --install "$build" --prefix "$prefix" >"$tmp/install.log" || { cat "$tmp/install.log"; fail "cmake --install failed"; }
bin=$prefix/bin/bijsim
share=$prefix/share/bijsim/scenarios
[ -x "$bin" ] || fail "no $bin"
[ -f "$share/baseline.yaml" ] || fail "no $share/baseline.yaml"
n_src=$(ls scenarios/*.yaml | wc -l)
n_inst=$(ls "$share"/*.yaml | wc -l)
[ "$n_src" -eq "$n_inst" ] || fail "$n_inst scenarios installed, $n_src shipped"

v=$("$bin" --version)
[[ $v =~ ^bijsim\ [0-9]+\.[0-9]+\.[0-9]+\ \(commit\ ([0-9a-f]{12}(-dirty)?|unknown)\)$ ]] || fail "--version: $v"
[ "$("$bin" -V)" = "$v" ] || fail "-V differs from --version"

# the installed binary on an installed scenario, from another folder
cd "$tmp"
"$bin" run "$share/integral.yaml" --out "$tmp/o1" -q || fail "run of the installed integral.yaml"
[ -s "$tmp/o1/indicators.csv" ] || fail "no indicators.csv"
grep -q "\"path\": \"$share/baseline.yaml\"" "$tmp/o1/run.json" || fail "run.json does not name the installed baseline"

# a user's own folder: extends: baseline.yaml is the installed one
mkdir "$tmp/mine"
printf 'extends: baseline.yaml\ncase_management: {consultants_fte: 40}\n' >"$tmp/mine/more_staff.yaml"
out=$("$bin" validate "$tmp/mine/more_staff.yaml") || fail "validate more_staff.yaml"
[ "$out" = "$tmp/mine/more_staff.yaml: ok (scenario 'more_staff')" ] || fail "validate: $out"
(cd "$tmp/mine" && "$bin" run more_staff.yaml -q) || fail "run more_staff.yaml"
grep -q "\"path\": \"$share/baseline.yaml\"" "$tmp/mine/out/more_staff/run.json" || fail "the user's variant did not extend the installed baseline"

# params reads the installed baseline
"$bin" params >"$tmp/params.txt" || fail "params"
head -3 "$tmp/params.txt" | grep -qF "$share/baseline.yaml" || fail "params does not read the installed baseline"
[ -s "$prefix/share/bijsim/bijsim.schema.json" ] || fail "no installed JSON Schema"
cmp -s <("$bin" params --json-schema) "$prefix/share/bijsim/bijsim.schema.json" || fail "installed JSON Schema differs"

# the man page: made from --help, every command in it
man=$prefix/share/man/man1/bijsim.1
[ -s "$man" ] || fail "no man page $man (help2man missing? scripts/bootstrap.sh installs it)"
grep -q '^\.SH NAME' "$man" || fail "man page without NAME"
for cmd in $("$bin" --help | awk '/^commands:/ {c = 1; next} c && /^  [a-z]/ {print $1} c && /^$/ {exit}'); do
  grep -q "^\.SS $cmd\$" "$man" || fail "the man page lacks the command $cmd"
done
grep -q 'usage: bijsim compare' "$man" || fail "the man page lacks compare's --help"
grep -q 'BIJSIM_PATH' "$man" || fail "the man page lacks BIJSIM_PATH"

# bash completion, against the installed binary
comp=$prefix/share/bash-completion/completions/bijsim
[ -f "$comp" ] || fail "no bash completion"
got=$(PATH=$prefix/bin:$PATH bash -c '
  source "$1"
  COMP_WORDS=(bijsim ru); COMP_CWORD=1; _bijsim; echo "${COMPREPLY[*]}"
  COMP_WORDS=(bijsim run --rep); COMP_CWORD=2; _bijsim; echo "${COMPREPLY[*]}"
  COMP_WORDS=(bijsim trace x --form); COMP_CWORD=3; _bijsim; echo "${COMPREPLY[*]}"
  COMP_WORDS=(bijsim trace x --format ""); COMP_CWORD=4; _bijsim; echo "${COMPREPLY[*]}"
' _ "$comp")
expected=$'run\n--replications --report\n--format\ntext json'
[ "$got" = "$expected" ] || fail "completion gave: $got"
echo "install_test: ok ($prefix: binary, $n_inst scenarios, man page, JSON Schema, bash completion)"
