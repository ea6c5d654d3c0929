#!/usr/bin/env bash
# CI's mutation gate (docs/testing.md): Stryker re-tests only the mutants whose code or covering tests changed since
# the recorded report (reports/mutation/stryker-incremental.json), reuses the rest, then every surviving mutant must be
# listed in test/mutation/accepted-survivors.json as equivalent or message-only. Exit 1 names the unlisted ones.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# CI's job limit is 90 minutes. With the recorded report current, this takes a few minutes; a change that brings many
# new mutants (a new adapter) can take longer on a loaded 2-core machine: then record the report locally
# (`npm run mutation`, commit reports/mutation/stryker-incremental.json) rather than let CI time out without a verdict.
budget="${MUTATION_CI_BUDGET:-75m}"
start=$SECONDS
timeout -k 60 "$budget" npx stryker run --incremental
stryker=$?
echo "stryker exited $stryker after $((SECONDS - start))s"
if [ "$stryker" -eq 124 ]; then
  echo "the incremental mutation run exceeded its ${budget} budget: run \`npm run mutation\` and commit"
  echo "reports/mutation/stryker-incremental.json, so CI re-tests only what changes after it"
  exit 1
fi
if [ ! -f reports/mutation/mutation.json ]; then
  echo "no mutation report: Stryker did not finish"
  exit 1
fi
node scripts/mutation-survivors.mjs
survivors=$?
# Stryker exits non-zero when the score falls below thresholds.break (stryker.config.json).
[ "$stryker" -eq 0 ] && [ "$survivors" -eq 0 ]
