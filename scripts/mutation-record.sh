#!/usr/bin/env bash
# Records the mutation report CI's gate starts from (docs/testing.md): builds, runs Stryker incrementally over the
# files of test/mutation/ci-scope.json plus any files given as arguments (results accumulate in the recorded report),
# then rewrites reports/mutation/stryker-incremental.json without indentation or per-mutant stack traces. Stryker
# writes it indented, with one line per covering test of each mutant: over 30 MB for half the code, about a third of
# that without; the incremental reuse needs the coverage, not the formatting or the traces.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
scope=test/mutation/ci-scope.json
files="$(node -e 'process.stdout.write([...require("./'"$scope"'").files, ...process.argv.slice(1)].join(","))' "$@")"
npm run build --silent
npx stryker run --incremental --mutate "$files"
node -e '
const fs = require("fs");
const file = "reports/mutation/stryker-incremental.json";
const report = JSON.parse(fs.readFileSync(file, "utf8"));
for (const f of Object.values(report.files)) for (const m of f.mutants) delete m.statusReason;
fs.writeFileSync(file, JSON.stringify(report));'
