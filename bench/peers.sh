#!/usr/bin/env bash
# Installs the scan benchmark's peer tools into the git-ignored .cache/, idempotently, at pinned versions:
#   kube-score  Go module, from the Go module proxy (go install)
#   Polaris     Go module; the proxy does not serve github.com/fairwindsops/polaris (its v10 tags lack a /v10 module
#               path), so it is built with `go build` from a snapshot of its repository at tag POLARIS_VERSION placed
#               in .cache/polaris-src (the session's fetch tool provided one; git clone works where GitHub is
#               reachable). Its dependencies come from the Go module proxy.
#   checkov     from PyPI into the venv .cache/venv-checkov
# Prints the three binaries' paths. Usage: bash bench/peers.sh
set -euo pipefail
KUBE_SCORE_VERSION="${KUBE_SCORE_VERSION:-v1.20.0}"
POLARIS_VERSION="${POLARIS_VERSION:-v10.2.2}"
CHECKOV_VERSION="${CHECKOV_VERSION:-3.3.30}"

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cache="$repo/.cache"
bin="$cache/bin"
mkdir -p "$bin"
log() { printf '[peers] %s\n' "$*" >&2; }

stamp_ok() { [ -x "$1" ] && [ -f "$1.version" ] && [ "$(cat "$1.version")" = "$2" ]; }

if stamp_ok "$bin/kube-score" "$KUBE_SCORE_VERSION"; then
  log "kube-score $KUBE_SCORE_VERSION present"
else
  log "installing kube-score $KUBE_SCORE_VERSION"
  GOBIN="$bin" GOFLAGS=-buildvcs=false go install "github.com/zegl/kube-score/cmd/kube-score@$KUBE_SCORE_VERSION"
  echo "$KUBE_SCORE_VERSION" > "$bin/kube-score.version"
fi

if stamp_ok "$bin/polaris" "$POLARIS_VERSION"; then
  log "polaris $POLARIS_VERSION present"
else
  src="$cache/polaris-src"
  if [ ! -f "$src/go.mod" ]; then
    if [ -d "${POLARIS_MIRROR:-}" ]; then
      mkdir -p "$src" && git -C "$POLARIS_MIRROR" archive "$POLARIS_VERSION" | tar -x -C "$src"
    else
      git clone --quiet --depth 1 --branch "$POLARIS_VERSION" https://github.com/FairwindsOps/polaris "$src" \
        || { log "no Polaris source: set POLARIS_MIRROR to a git dir holding tag $POLARIS_VERSION"; exit 1; }
    fi
  fi
  log "building polaris $POLARIS_VERSION from $src"
  (cd "$src" && GOFLAGS=-buildvcs=false go build -trimpath -ldflags "-X main.Version=${POLARIS_VERSION#v}" -o "$bin/polaris" .)
  echo "$POLARIS_VERSION" > "$bin/polaris.version"
fi

venv="$cache/venv-checkov"
if [ -x "$venv/bin/checkov" ] && [ "$("$venv/bin/checkov" --version 2>/dev/null)" = "$CHECKOV_VERSION" ]; then
  log "checkov $CHECKOV_VERSION present"
else
  log "installing checkov $CHECKOV_VERSION"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet "checkov==$CHECKOV_VERSION"
fi

printf '%s\n' "$bin/kube-score" "$bin/polaris" "$venv/bin/checkov"
