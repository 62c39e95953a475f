#!/usr/bin/env bash
# Regenerates tests/data/golden/neutral.csv: the mean of every indicator of
# every shipped scenario (2 replications, seed 3) with the neutral settings of
# tests/data/neutral/NAME.txt. Run it only when a deliberate change of the
# model's results lands (a defect fixed), and say why in that commit;
# tests/test_neutral.c compares against it.
set -euo pipefail
cd "$(dirname "$0")/.."
cmake --build build -j "$(nproc)" --target test_neutral >/dev/null
BIJSIM_WRITE_GOLDEN=1 build/test_neutral --jobs 1 >/dev/null
echo "golden: wrote tests/data/golden/neutral.csv ($(wc -l <tests/data/golden/neutral.csv) lines)"
