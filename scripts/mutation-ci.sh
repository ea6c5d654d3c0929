#!/usr/bin/env bash
# CI's mutation gate (docs/testing.md). It mutates the files listed in test/mutation/ci-scope.json, which the recorded
# report (reports/mutation/stryker-incremental.json) covers: Stryker re-tests only the mutants whose code or covering
# tests changed since that report and reuses the rest. Every surviving mutant in those files must then be listed in
# test/mutation/accepted-survivors.json as equivalent or message-only. Exit 1 names the unlisted ones.
#
# Why a listed scope and not stryker.config.mjs's globs: a file the recorded report does not cover would have every one
# of its mutants tested from scratch (all of checks/, engine/, adapters/ is about 8,000 mutants: more than an hour on
# a 2-core machine), past CI's 90-minute limit for the whole job. To widen the gate, record the new files locally
# (results accumulate in the recorded report) and commit the report with the longer list.
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
  echo "(npm run mutation:record, which mutates the files of $scope) and commit"
  echo "reports/mutation/stryker-incremental.json, so CI re-tests only what changes after it"
  exit 1
fi
if [ ! -f reports/mutation/mutation.json ]; then
  echo "FAILED: no mutation report: Stryker did not finish"
  exit 1
fi
# The report must cover every file of the scope: a file missing from it was not gated. It may hold more: the recorded
# report keeps the results of every file it ever recorded (a file recorded but not yet in the scope, because some of
# its survivors are not listed yet); the gate judges the scope's files only.
gated="$(mktemp)"
node -e '
const want = require("./'"$scope"'").files;
const report = require("./reports/mutation/mutation.json");
const missing = want.filter((f) => !Object.prototype.hasOwnProperty.call(report.files, f));
if (missing.length) {
    console.log(`FAILED: the report does not cover ${missing.join(" ")}`);
    process.exit(1);
}
report.files = Object.fromEntries(want.map((f) => [f, report.files[f]]));
require("fs").writeFileSync(process.argv[1], JSON.stringify(report));' "$gated" || exit 1
node scripts/mutation-survivors.mjs "$gated" test/mutation/accepted-survivors.json --broad
survivors=$?
# Stryker exits non-zero when the score falls below thresholds.break (stryker.config.mjs).
[ "$stryker" -eq 0 ] && [ "$survivors" -eq 0 ]
