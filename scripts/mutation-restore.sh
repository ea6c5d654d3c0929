#!/usr/bin/env bash
# Restores the recorded mutation report Stryker's `--incremental` reads (stryker.config.mjs's incrementalFile) from the
# committed reports/mutation/stryker-incremental.json.gz. The plain .json is git-ignored: committed as text it added
# ~20 MB to the history at every recording, gzipped about 1 MB. It is always overwritten, so every run starts from the
# committed recording (a previous local run's results are not carried over: `npm run mutation:record` re-tests them).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
gz=reports/mutation/stryker-incremental.json.gz
json=reports/mutation/stryker-incremental.json
if [ ! -f "$gz" ]; then
  echo "no recorded mutation report ($gz): Stryker will test every mutant"
  rm -f "$json"
  exit 0
fi
# Through a temporary file, so an interrupted gunzip cannot leave a truncated report that Stryker would fail to parse.
gunzip -c "$gz" >"$json.tmp"
mv "$json.tmp" "$json"
