#!/usr/bin/env bash
# CI's mutation gate (docs/testing.md): Stryker re-tests only the mutants whose code or covering tests changed since
# the recorded report (reports/mutation/stryker-incremental.json), reuses the rest, then every surviving mutant must be
# listed in test/mutation/accepted-survivors.json as equivalent or message-only. Exit 1 names the unlisted ones.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

start=$SECONDS
npx stryker run --incremental
stryker=$?
echo "stryker exited $stryker after $((SECONDS - start))s"
if [ ! -f reports/mutation/mutation.json ]; then
  echo "no mutation report: Stryker did not finish"
  exit 1
fi
node scripts/mutation-survivors.mjs
survivors=$?
# Stryker exits non-zero when the score falls below thresholds.break (stryker.config.json).
[ "$stryker" -eq 0 ] && [ "$survivors" -eq 0 ]
