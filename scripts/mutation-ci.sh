#!/usr/bin/env bash
# CI's mutation gate (docs/testing.md). It mutates what `npm run mutation` mutates (stryker.config.mjs's globs: all of
# checks/, engine/, adapters/, data/) starting from the recorded report (committed gzipped as
# reports/mutation/stryker-incremental.json.gz, restored to the .json Stryker reads by scripts/mutation-restore.sh), so
# Stryker re-tests only the mutants whose code or covering tests changed since that report (a new file: all of its
# mutants) and reuses the rest. Every surviving mutant must then be listed in test/mutation/accepted-survivors.json as
# equivalent or message-only. Exit 1 names the unlisted ones.
#
# The recorded report covers every file, so the gate costs what changed, not the codebase (about 7,700 mutants: more
# than an hour from scratch on a 2-core machine). Record it again after changing tests (npm run mutation:record), or CI
# re-tests each static survivor with the whole suite.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# The budget leaves CI's 90-minute limit room for npm ci, the Go builds and npm test (about 7 minutes with a warm Go
# cache in CI's run of 2026-12-06, at most about 25 from cold: the CLI alone builds in ~14); past it, fail loudly.
budget="${MUTATION_CI_BUDGET:-60m}"
recorded=reports/mutation/stryker-incremental.json
echo "mutating checks/, engine/, adapters/, data/ from $recorded (budget $budget)"

rm -f reports/mutation/mutation.json
# Always from the committed recording, never from a local run's leftover .json.
bash scripts/mutation-restore.sh || {
  echo "FAILED: cannot restore $recorded from $recorded.gz"
  exit 1
}
# The files the recorded report judged, read before Stryker overwrites it with this run's results.
judged="$(mktemp)"
node -e 'process.stdout.write(Object.keys(require("./'"$recorded"'").files).join("\n"))' >"$judged" || {
  echo "FAILED: cannot read $recorded"
  exit 1
}
start=$SECONDS
# Stryker diffs the recorded tests against the compiled ones in dist/test (stryker.config.mjs says why): build first,
# so the diff sees the tests as they are now.
npm run build --silent || {
  echo "FAILED: npm run build"
  exit 1
}
log="$(mktemp)"
# timeout signals Stryker's whole process group (its test-runner workers too); -k kills what ignores SIGTERM.
timeout -k 60 "$budget" npx stryker run --incremental 2>&1 | tee "$log"
stryker=${PIPESTATUS[0]}
echo "stryker exited $stryker after $((SECONDS - start))s"
# How much of the recorded report was reused: the figure that keeps this gate inside CI's time limit.
grep -Eo "[0-9]+ of [0-9]+ mutant result\(s\) are reused" "$log" || echo "no recorded result was reused"
rm -f "$log"
if [ "$stryker" -eq 124 ] || [ "$stryker" -eq 137 ]; then
  echo "FAILED: the incremental mutation run exceeded its ${budget} budget. Record the report locally"
  echo "(npm run mutation:record) and commit"
  echo "reports/mutation/stryker-incremental.json.gz, so CI re-tests only what changes after it"
  exit 1
fi
if [ ! -f reports/mutation/mutation.json ]; then
  echo "FAILED: no mutation report: Stryker did not finish"
  exit 1
fi
# A file the recorded report judged and that still exists must be judged again: none may drop out silently.
node -e '
const fs = require("fs");
const recorded = fs.readFileSync(process.argv[1], "utf8").split("\n").filter((f) => f && fs.existsSync(f));
const report = require("./reports/mutation/mutation.json");
const missing = recorded.filter((f) => !Object.prototype.hasOwnProperty.call(report.files, f));
if (missing.length) {
    console.log(`FAILED: the report does not cover ${missing.join(" ")}`);
    process.exit(1);
}' "$judged" || exit 1
rm -f "$judged"
node scripts/mutation-survivors.mjs reports/mutation/mutation.json test/mutation/accepted-survivors.json --broad
survivors=$?
# Stryker exits non-zero when the score falls below thresholds.break (stryker.config.mjs).
[ "$stryker" -eq 0 ] && [ "$survivors" -eq 0 ]
