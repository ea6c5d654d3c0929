#!/usr/bin/env bash
# Print (last line of stdout) the absolute path of a working `pulumi` CLI.
#
# Why this builds from source:
#   The policy tests need `pulumi policy analyze`, i.e. the real Pulumi CLI.
#   Our machines (developers and CI) reach only package registries (Go module
#   proxy, npm, PyPI, Debian): the Pulumi installer and GitHub release
#   downloads are out of reach, and no registry package ships the CLI binary.
#   The CLI itself is a Go module (github.com/pulumi/pulumi/pkg/v3), so we
#   build `github.com/pulumi/pulumi/pkg/v3/cmd/pulumi` from the Go module proxy
#   through a tiny generated wrapper module. pkg/v3's own go.mod has
#   `replace github.com/pulumi/pulumi/sdk/v3 => ../sdk`, which is ignored for
#   a dependency, so the wrapper pins sdk/v3 at the same release and repeats
#   pkg's other replace (clipboard fork).
#
# Behaviour:
#   - `pulumi` on PATH wins if it has `policy analyze` (PULUMI_CLI_FORCE_BUILD=1
#     ignores it).
#   - Otherwise builds into <repo>/.cache/pulumi-cli/<version>/bin/pulumi
#     (.cache/ must be git-ignored) and reuses it on later runs.
#   - Build output goes to stderr and to .cache/pulumi-cli/<version>/build.log.
#   - First build: several minutes on 2 cores and ~1-2 GB of module
#     downloads; GOPATH/GOCACHE stay at their defaults so reruns share them.
#   - PULUMI_CLI_REUSE_ONLY=1: only print a CLI that is already there (PATH or
#     a finished build); exit 4 saying how to get one otherwise. The tests use
#     this, so `npm test` never starts a minutes-long Go build.
#
# Env: PULUMI_CLI_VERSION (default below), PULUMI_CLI_CACHE (cache dir).
set -euo pipefail

PULUMI_CLI_VERSION="${PULUMI_CLI_VERSION:-v3.274.1}"
case "$PULUMI_CLI_VERSION" in v*) ;; *) PULUMI_CLI_VERSION="v$PULUMI_CLI_VERSION" ;; esac

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cache_root="${PULUMI_CLI_CACHE:-$repo_root/.cache/pulumi-cli}"

log() { printf '[pulumi-cli] %s\n' "$*" >&2; }

if [ "${PULUMI_CLI_FORCE_BUILD:-0}" != 1 ] && existing="$(command -v pulumi 2>/dev/null)"; then
  existing="$(cd "$(dirname "$existing")" && pwd)/$(basename "$existing")"
  # Only accept it if it has the subcommand we need (added in v3.25x).
  if "$existing" policy analyze --help >/dev/null 2>&1; then
    log "using pulumi from PATH: $existing"
    printf '%s\n' "$existing"
    exit 0
  fi
  log "pulumi on PATH ($existing) has no 'policy analyze'; building $PULUMI_CLI_VERSION instead"
fi

dir="$cache_root/$PULUMI_CLI_VERSION"
bin="$dir/bin/pulumi"
stamp="$dir/bin/.built"

if [ -x "$bin" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$PULUMI_CLI_VERSION" ]; then
  log "reusing cached build: $bin"
  printf '%s\n' "$bin"
  exit 0
fi

if [ "${PULUMI_CLI_REUSE_ONLY:-0}" = 1 ]; then
  log "no pulumi with 'policy analyze' on PATH and no finished build at $bin; run: bash scripts/pulumi-cli.sh"
  exit 4
fi

command -v go >/dev/null 2>&1 || { log "error: no pulumi on PATH and no Go toolchain to build one"; exit 1; }

mkdir -p "$dir/src" "$dir/bin"
# Concurrent callers: one builds, the others wait on the lock and then reuse.
exec 9>"$dir/.lock"
if command -v flock >/dev/null 2>&1; then flock 9; fi
if [ -x "$bin" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$PULUMI_CLI_VERSION" ]; then
  log "reusing cached build: $bin"
  printf '%s\n' "$bin"
  exit 0
fi

logf="$dir/build.log"
: >"$logf"
log "building pulumi $PULUMI_CLI_VERSION from the Go module proxy (log: $logf)"

src="$dir/src"
cat >"$src/go.mod" <<EOF
module isolationguard.local/pulumi-cli

go 1.26

// Mirrors pkg/v3's own replace (its replace of sdk/v3 => ../sdk only works in
// the pulumi repo; we require sdk/v3 at the same release instead).
replace github.com/atotto/clipboard => github.com/tgummerer/clipboard v0.0.0-20241001131231-d02d263e614e
EOF
cat >"$src/tools.go" <<'EOF'
//go:build tools

// Keeps the CLI's main package (and so all its dependencies) in this module's
// build list; the binary is built with `go build <package path>`.
package tools

import _ "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi"
EOF
rm -f "$src/go.sum"

start=$(date +%s)
(
  cd "$src"
  export GOFLAGS="-mod=mod -buildvcs=false"
  export GOTOOLCHAIN="${GOTOOLCHAIN:-auto}"
  set -x
  go get "github.com/pulumi/pulumi/pkg/v3@$PULUMI_CLI_VERSION" \
         "github.com/pulumi/pulumi/sdk/v3@$PULUMI_CLI_VERSION"
  go build -trimpath -o "$bin.tmp" \
    -ldflags "-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$PULUMI_CLI_VERSION" \
    github.com/pulumi/pulumi/pkg/v3/cmd/pulumi
) > >(tee -a "$logf" >&2) 2>&1 || { log "build failed; see $logf"; exit 1; }

mv -f "$bin.tmp" "$bin"
"$bin" version >/dev/null 2>&1 || { log "built binary does not run: $bin"; exit 1; }
printf '%s\n' "$PULUMI_CLI_VERSION" >"$stamp"
log "built $bin in $(( $(date +%s) - start ))s"
printf '%s\n' "$bin"
