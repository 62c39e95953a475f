#!/usr/bin/env bash
# Writes OUT, a help2man include file for the bijsim binary BIN: a
# COMMANDS section with every command's --help, and the ENVIRONMENT and FILES
# sections. CMake runs it when it builds the man page (bijsim.1).
#   scripts/man_commands.sh BIN OUT
set -euo pipefail
bin=$1
exec >"$2"
# roff: a backslash is \e, a line starting with . or ' is protected by \&
roff() { sed -e 's/\\/\\e/g' -e "s/^\\([.']\\)/\\\\\\&\\1/"; }
echo "[COMMANDS]"
for cmd in $("$bin" --help | awk '/^commands:/ {c = 1; next} c && /^  [a-z]/ {print $1} c && /^$/ {exit}'); do
  echo ".SS $cmd"
  echo ".nf"
  "$bin" "$cmd" --help | roff
  echo ".fi"
done
cat <<'TXT'
[ENVIRONMENT]
.TP
.B BIJSIM_PATH
Folders (colon-separated) where a scenario's \fBextends:\fR is looked up after
its own folder and the shipped scenarios.
.TP
.B BIJSIM_EVENT_LIMIT
The most events one replication may take (default 1e10); a scenario estimated
above it is refused.
.TP
.B BIJSIM_MEMORY_LIMIT_MB
The memory a run may use; a scenario estimated above it is refused.
[FILES]
.TP
.I PREFIX/share/bijsim/scenarios/
The shipped scenarios: \fBbaseline.yaml\fR and the policy variants that extend
it; \fBextends: baseline.yaml\fR finds them from any folder.
.TP
.I out/NAME/
The default output directory of a run: CSV tables, \fBrun.json\fR (what ran,
with the SHA-256 of each scenario file and the resolved parameters) and, with
\fB--report\fR, report.html. \fBbijsim run out/NAME/run.json\fR re-runs the
recorded scenario.
TXT
