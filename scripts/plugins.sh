#!/usr/bin/env bash
# Build the two Pulumi plugins the real-preview tests need and print their absolute paths (one per line on stdout,
# in the order asked for; the default is both: language host first, then provider).
#
#   pulumi-language-yaml        github.com/pulumi/pulumi-yaml v1.25.0
#   pulumi-resource-kubernetes  github.com/pulumi/pulumi-kubernetes/provider/v4 (the proxy's only version, a
#                               pseudo-version of the v4.25.0 sources), reporting itself as 4.25.0
#
# Why these and why from source:
#   `pulumi preview --policy-pack` needs a language host for the program and the providers it uses. Our machines
#   reach only package registries: plugin downloads (GitHub releases, get.pulumi.com) are out of reach. The real
#   Node.js and Go language hosts are not served by the Go module proxy, but the YAML language host is, and so is the
#   Kubernetes provider, so the real-preview programs are Pulumi YAML programs using the Kubernetes provider (with
#   renderYamlToDirectory, so no cluster is needed). The policy pack itself still starts through the Node.js
#   stand-in in scripts/language-host/.
#
# Usage: bash scripts/plugins.sh [yaml] [kubernetes]
#
# Behaviour (same shape as scripts/pulumi-cli.sh):
#   - Builds into <repo>/.cache/pulumi-plugins/<plugin>/<version>/bin/ (.cache/ is git-ignored) and reuses a
#     finished build on later runs (a stamp file records the pinned version it was built from).
#   - Concurrent callers: one builds, the others wait on a per-plugin lock and then reuse the result.
#   - Build output goes to stderr and to <plugin>/<version>/build.log.
#   - PULUMI_PLUGINS_REUSE_ONLY=1: only print finished builds; exit 4 naming the first plugin not built (the tests use
#     this, so a test run never starts a minutes-long build).
#   - No Go toolchain: says so and exits 3, so callers (.ci/run, the tests) can skip with that message.
#   - Cold: the YAML host takes ~35 s, the Kubernetes provider ~5.5 min on 2 idle cores (a ~300 MB binary), many
#     times that on a loaded machine; warm (Go build cache filled) ~7 s and ~30 s. GOPATH/GOCACHE stay at their
#     defaults so reruns share them.
#
# Env: PULUMI_PLUGINS_CACHE (cache dir), PULUMI_YAML_VERSION, PULUMI_KUBERNETES_PROVIDER_VERSION,
#      PULUMI_KUBERNETES_VERSION (the release the provider reports and whose SDK module it is built against).
set -euo pipefail

PULUMI_YAML_VERSION="${PULUMI_YAML_VERSION:-v1.25.0}"
PULUMI_KUBERNETES_PROVIDER_VERSION="${PULUMI_KUBERNETES_PROVIDER_VERSION:-v4.0.0-20260115033456-f47bc2d6f199}"
PULUMI_KUBERNETES_VERSION="${PULUMI_KUBERNETES_VERSION:-4.25.0}"
PULUMI_KUBERNETES_VERSION="${PULUMI_KUBERNETES_VERSION#v}"

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cache_root="${PULUMI_PLUGINS_CACHE:-$repo_root/.cache/pulumi-plugins}"

log() { printf '[plugins] %s\n' "$*" >&2; }

# not_built <name> <bin>: in reuse-only mode, says which plugin is missing and stops.
not_built() {
  if [ "${PULUMI_PLUGINS_REUSE_ONLY:-0}" = 1 ]; then
    log "$1 is not built yet (no $2); run: bash scripts/plugins.sh"
    exit 4
  fi
}

if [ "${PULUMI_PLUGINS_REUSE_ONLY:-0}" != 1 ] && ! command -v go >/dev/null 2>&1; then
  log "skipped: no Go toolchain on PATH, so pulumi-language-yaml and pulumi-resource-kubernetes cannot be built"
  exit 3
fi

export GOFLAGS="-mod=mod -buildvcs=false"
export GOTOOLCHAIN="${GOTOOLCHAIN:-auto}"

# reuse <bin> <stamp> <pin>: true when a finished build of exactly <pin> is in place.
reuse() { [ -x "$1" ] && [ -f "$2" ] && [ "$(cat "$2")" = "$3" ]; }

build_yaml() {
  local dir="$cache_root/pulumi-language-yaml/$PULUMI_YAML_VERSION"
  local bin="$dir/bin/pulumi-language-yaml" stamp="$dir/bin/.built" pin="$PULUMI_YAML_VERSION"
  if reuse "$bin" "$stamp" "$pin"; then log "reusing $bin"; printf '%s\n' "$bin"; return; fi
  not_built pulumi-language-yaml "$bin"
  mkdir -p "$dir/bin"
  exec 8>"$dir/.lock"
  if command -v flock >/dev/null 2>&1; then flock 8; fi
  if reuse "$bin" "$stamp" "$pin"; then log "reusing $bin"; exec 8>&-; printf '%s\n' "$bin"; return; fi
  local logf="$dir/build.log" start
  : >"$logf"
  log "building pulumi-language-yaml $pin from the Go module proxy (log: $logf)"
  start=$(date +%s)
  (
    # pulumi-yaml's go.mod has no replace directives, so a plain `go install pkg@version` works.
    export GOBIN="$dir/bin.tmp"
    # `go install pkg@version` ignores the current module, and -mod=mod is not allowed with it.
    export GOFLAGS="-buildvcs=false"
    set -x
    go install -trimpath \
      -ldflags "-s -w -X github.com/pulumi/pulumi-yaml/pkg/version.Version=${pin#v}" \
      "github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml@$pin"
  ) > >(tee -a "$logf" >&2) 2>&1 || { log "build failed; see $logf"; exit 1; }
  mv -f "$dir/bin.tmp/pulumi-language-yaml" "$bin"
  rmdir "$dir/bin.tmp" 2>/dev/null || true
  printf '%s\n' "$pin" >"$stamp"
  log "built $bin in $(($(date +%s) - start))s"
  exec 8>&-
  printf '%s\n' "$bin"
}

build_kubernetes() {
  local dir="$cache_root/pulumi-resource-kubernetes/v$PULUMI_KUBERNETES_VERSION"
  local bin="$dir/bin/pulumi-resource-kubernetes" stamp="$dir/bin/.built"
  local pin="$PULUMI_KUBERNETES_PROVIDER_VERSION sdk/v4@v$PULUMI_KUBERNETES_VERSION"
  local mod="github.com/pulumi/pulumi-kubernetes/provider/v4"
  if reuse "$bin" "$stamp" "$pin"; then log "reusing $bin"; printf '%s\n' "$bin"; return; fi
  not_built pulumi-resource-kubernetes "$bin"
  mkdir -p "$dir/bin"
  exec 9>"$dir/.lock"
  if command -v flock >/dev/null 2>&1; then flock 9; fi
  if reuse "$bin" "$stamp" "$pin"; then log "reusing $bin"; exec 9>&-; printf '%s\n' "$bin"; return; fi
  local logf="$dir/build.log" start
  : >"$logf"
  log "building pulumi-resource-kubernetes $PULUMI_KUBERNETES_VERSION ($mod@$PULUMI_KUBERNETES_PROVIDER_VERSION) from the Go module proxy (log: $logf)"
  start=$(date +%s)
  (
    set -x
    # `go install mod@version` refuses a module whose go.mod has replace directives, so we build inside a
    # writable copy of the module's source as the main module.
    moddir="$(go mod download -json "$mod@$PULUMI_KUBERNETES_PROVIDER_VERSION" |
      sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
    [ -d "$moddir" ]
    rm -rf "$dir/src"
    cp -R "$moddir" "$dir/src"
    chmod -R u+w "$dir/src"
    cd "$dir/src"
    # Snag 1: go.mod says `replace github.com/pulumi/pulumi-kubernetes/sdk/v4 => ../sdk`. That path is the SDK's
    # folder in the pulumi-kubernetes repository and is not part of the provider's module zip, so the build cannot
    # resolve it. Drop the replace and take the SDK module of the same release from the proxy instead.
    go mod edit -dropreplace=github.com/pulumi/pulumi-kubernetes/sdk/v4
    go get "github.com/pulumi/pulumi-kubernetes/sdk/v4@v$PULUMI_KUBERNETES_VERSION"
    # Snag 2: cmd/pulumi-resource-kubernetes embeds schema-embed.json and terraform-mapping-embed.json (//go:embed),
    # which the release build generates and the module zip leaves out. The package's own generate.go writes them
    # from schema.json/terraform-mapping.json (stamping the schema with VERSION), so run it before building.
    (cd cmd/pulumi-resource-kubernetes && VERSION="$PULUMI_KUBERNETES_VERSION" go run ./generate.go)
    # The version the provider reports (and the engine matches against the program's requirement) comes from
    # the linker, as in the release build.
    go build -trimpath -o "$bin.tmp" \
      -ldflags "-s -w -X $mod/pkg/version.Version=$PULUMI_KUBERNETES_VERSION" \
      ./cmd/pulumi-resource-kubernetes
  ) > >(tee -a "$logf" >&2) 2>&1 || { log "build failed; see $logf"; exit 1; }
  mv -f "$bin.tmp" "$bin"
  # The copied source is ~tens of MB and only needed while building.
  rm -rf "$dir/src"
  printf '%s\n' "$pin" >"$stamp"
  log "built $bin in $(($(date +%s) - start))s"
  exec 9>&-
  printf '%s\n' "$bin"
}

targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(yaml kubernetes)
for t in "${targets[@]}"; do
  case "$t" in
    yaml) build_yaml ;;
    kubernetes) build_kubernetes ;;
    *) log "unknown plugin '$t' (expected: yaml, kubernetes)"; exit 2 ;;
  esac
done
