#!/usr/bin/env bash
# Download the PSA fixture corpus the conformance tests judge (test/conformance/) and print its directory.
#
# The corpus is test/testdata/ of the Go module k8s.io/pod-security-admission at the version test/conformance/go.mod
# requires (go.sum beside it pins the hash). `go mod download` puts it in the Go module cache, where
# test/conformance/corpus.ts finds it without starting a process. Takes a few seconds; a no-op when it is there.
# Exit 3 when there is no Go toolchain (callers can say so and go on), 1 when the download fails.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
log() { printf '[psa-corpus] %s\n' "$*" >&2; }

if ! command -v go >/dev/null 2>&1; then
  log "skipped: no Go toolchain on PATH, so k8s.io/pod-security-admission cannot be downloaded"
  exit 3
fi

cd "$repo_root/test/conformance"
json="$(go mod download -json k8s.io/pod-security-admission)" || { log "go mod download failed"; exit 1; }
dir="$(sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p' <<<"$json")"
version="$(sed -n 's/^[[:space:]]*"Version": "\(.*\)",$/\1/p' <<<"$json")"
corpus="$dir/test/testdata"
[ -d "$corpus" ] || { log "no test/testdata in $dir"; exit 1; }
log "k8s.io/pod-security-admission@$version: $(find "$corpus" -name '*.yaml' | wc -l) fixtures in $corpus"
printf '%s\n' "$corpus"
