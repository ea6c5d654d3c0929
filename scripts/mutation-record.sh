#!/usr/bin/env bash
# Records the mutation report CI's gate starts from (docs/testing.md): restores the committed recording
# (scripts/mutation-restore.sh), builds, runs Stryker incrementally over stryker.config.mjs's globs (re-testing what
# changed since the last recording; extra arguments go to Stryker, e.g. --force to re-test everything), then rewrites
# reports/mutation/stryker-incremental.json without indentation or per-mutant stack traces and gzips it to
# reports/mutation/stryker-incremental.json.gz, the file to commit. Stryker writes it indented, with one line per
# covering test of each mutant: over 60 MB for the whole code, about a third of that without; the incremental reuse
# needs the coverage, not the formatting or the traces. Gzipped it is about 1 MB, so a recording no longer adds ~20 MB
# to the history.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/mutation-restore.sh
npm run build --silent
npx stryker run --incremental "$@"
node -e '
const fs = require("fs");
const file = "reports/mutation/stryker-incremental.json";
const report = JSON.parse(fs.readFileSync(file, "utf8"));
for (const f of Object.values(report.files)) for (const m of f.mutants) delete m.statusReason;
fs.writeFileSync(file, JSON.stringify(report));'
# -n leaves the name and time out of the header, so the same report always gives the same bytes (no diff in git when
# a recording changed nothing); GNU gzip rather than Node's zlib, whose output can vary with the CPU's instructions.
gzip -n -9 -c reports/mutation/stryker-incremental.json >reports/mutation/stryker-incremental.json.gz.tmp
mv reports/mutation/stryker-incremental.json.gz.tmp reports/mutation/stryker-incremental.json.gz
