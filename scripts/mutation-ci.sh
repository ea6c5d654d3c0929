#!/usr/bin/env bash
# CI's mutation gate (docs/testing.md). It mutates exactly the files listed in test/mutation/ci-scope.json, which are
# the files the recorded report (reports/mutation/stryker-incremental.json) covers: Stryker re-tests only the mutants
# whose code or covering tests changed since that report and reuses the rest. Every surviving mutant must then be
# listed in test/mutation/accepted-survivors.json as equivalent or message-only. Exit 1 names the unlisted ones.
#
# Why a fixed scope and not stryker.config.mjs's globs: a file the recorded report does not cover would have every one
# of its mutants tested from scratch (all of checks/, engine/, adapters/ is about 4,500 mutants: hours on a 2-core
# machine), far past CI's 90-minute limit. To widen the gate, record a report that covers the new files locally and
# commit it with the longer list.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

scope=test/mutation/ci-scope.json
files="$(node -e 'process.stdout.write(require("./'"$scope"'").files.join(","))')" || {
  echo "cannot read the mutation scope from $scope"
  exit 1
}
# The budget leaves CI's 90-minute limit room for npm ci, the Go builds and npm test; past it, fail loudly.
budget="${MUTATION_CI_BUDGET:-$(node -e 'process.stdout.write(require("./'"$scope"'").budget)')}"
echo "mutating ($scope, budget $budget): ${files//,/ }"

rm -f reports/mutation/mutation.json
start=$SECONDS
# Stryker diffs the recorded tests against the compiled ones in dist/test (stryker.config.mjs says why): build first,
# so the diff sees the tests as they are now.
npm run build --silent || {
  echo "FAILED: npm run build"
  exit 1
}
log="$(mktemp)"
# timeout signals Stryker's whole process group (its test-runner workers too); -k kills what ignores SIGTERM.
timeout -k 60 "$budget" npx stryker run --incremental --mutate "$files" 2>&1 | tee "$log"
stryker=${PIPESTATUS[0]}
echo "stryker exited $stryker after $((SECONDS - start))s"
# How much of the recorded report was reused: the figure that keeps this gate inside CI's time limit.
grep -Eo "[0-9]+ of [0-9]+ mutant result\(s\) are reused" "$log" || echo "no recorded result was reused"
rm -f "$log"
if [ "$stryker" -eq 124 ] || [ "$stryker" -eq 137 ]; then
  echo "FAILED: the incremental mutation run exceeded its ${budget} budget. Record the report locally"
  echo "(npx stryker run --incremental --mutate <the files of $scope>) and commit"
  echo "reports/mutation/stryker-incremental.json, so CI re-tests only what changes after it"
  exit 1
fi
if [ ! -f reports/mutation/mutation.json ]; then
  echo "FAILED: no mutation report: Stryker did not finish"
  exit 1
fi
# The report must cover exactly the scope: a file missing from it was not gated.
node -e '
const want = require("./'"$scope"'").files.slice().sort();
const got = Object.keys(require("./reports/mutation/mutation.json").files).sort();
if (JSON.stringify(want) !== JSON.stringify(got)) {
    console.log(`FAILED: the report covers ${got.join(" ")}, the scope is ${want.join(" ")}`);
    process.exit(1);
}' || exit 1
node scripts/mutation-survivors.mjs --broad
survivors=$?
# Stryker exits non-zero when the score falls below thresholds.break (stryker.config.mjs).
[ "$stryker" -eq 0 ] && [ "$survivors" -eq 0 ]
