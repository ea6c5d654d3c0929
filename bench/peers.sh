#!/usr/bin/env bash
# Installs the scan benchmark's peer tools into the git-ignored .cache/, idempotently, at pinned versions:
#   kube-score  Go module, from the Go module proxy (go install)
#   Polaris     not installable from the registries reachable here: the Go module proxy does not serve
#               github.com/fairwindsops/polaris at v10 (its v10 tags lack a /v10 module path). The benchmark uses a
#               `polaris` on PATH or POLARIS_BIN when one is provided (docs/performance.md says how the recorded
#               figure was obtained).
#   checkov     from PyPI into the venv .cache/venv-checkov
# Prints the three binaries' paths. Usage: bash bench/peers.sh
set -euo pipefail
KUBE_SCORE_VERSION="${KUBE_SCORE_VERSION:-v1.20.0}"
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

# Polaris is not installed here: see the header.
polaris="${POLARIS_BIN:-$(command -v polaris || true)}"
[ -n "$polaris" ] || log "polaris: not on PATH and POLARIS_BIN unset; the scan benchmark skips it"

venv="$cache/venv-checkov"
if [ -x "$venv/bin/checkov" ] && [ "$("$venv/bin/checkov" --version 2>/dev/null)" = "$CHECKOV_VERSION" ]; then
  log "checkov $CHECKOV_VERSION present"
else
  log "installing checkov $CHECKOV_VERSION"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet "checkov==$CHECKOV_VERSION"
fi

printf '%s\n' "$bin/kube-score" "${polaris:-}" "$venv/bin/checkov"
