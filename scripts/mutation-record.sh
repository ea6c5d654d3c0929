#!/usr/bin/env bash
# Records the mutation report CI's gate starts from (docs/testing.md): builds, runs Stryker incrementally over
# stryker.config.mjs's globs (re-testing what changed since the last recording; extra arguments go to Stryker, e.g.
# --force to re-test everything), then rewrites reports/mutation/stryker-incremental.json without indentation or
# per-mutant stack traces. Stryker writes it indented, with one line per covering test of each mutant: over 60 MB for
# the whole code, about a third of that without; the incremental reuse needs the coverage, not the formatting or the
# traces.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
npm run build --silent
npx stryker run --incremental "$@"
node -e '
const fs = require("fs");
const file = "reports/mutation/stryker-incremental.json";
const report = JSON.parse(fs.readFileSync(file, "utf8"));
for (const f of Object.values(report.files)) for (const m of f.mutants) delete m.statusReason;
fs.writeFileSync(file, JSON.stringify(report));'
