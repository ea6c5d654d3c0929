#!/usr/bin/env bash
# `npm run test:all`: provide every piece the suites can use, then run every suite and the mutation gate.
#
# `npm test` skips what is not on the machine (the real Pulumi CLI, the YAML language host and Kubernetes provider,
# runc/runsc/busybox, the PSA corpus) and never builds anything. This script provides them first: the CLI and plugins
# built from the Go module proxy into .cache/ (10-15 min the first time on 2 cores, reused later), the OCI runtimes
# from apt when root, the PSA corpus into the Go module cache. Then `npm test` with REAL_PREVIEW_REQUIRED=1, so a
# suite whose piece is still missing fails instead of skipping; then scripts/mutation-ci.sh. The last line is mocha's
# summary, "mocha: N passed, N failed, N skipped", which CI reads.
#
# Without a Go toolchain nothing can be built: the script says so and runs `npm test` without REAL_PREVIEW_REQUIRED,
# so those suites skip (as .ci/run always did).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

say() { printf '[test:all] %s\n' "$*"; }

# with_progress <what> <command…>: runs a long, mostly silent command (a Go build prints nothing for minutes) with a
# line every 30 s, so a cold run visibly progresses; returns the command's status.
with_progress() {
  local what="$1" start status ticker
  shift
  start=$(date +%s)
  # The ticker's stdout is /dev/null: its `sleep` outlives `kill` by up to 30 s and would hold open a `$(…)` pipe the
  # caller is reading, delaying the step by that much.
  (
    while sleep 30; do say "still $what ($(($(date +%s) - start)) s)" >&2; done
  ) >/dev/null &
  ticker=$!
  set +e
  "$@"
  status=$?
  set -e
  kill "$ticker" 2>/dev/null || true
  wait "$ticker" 2>/dev/null || true
  say "$what: done in $(($(date +%s) - start)) s (exit $status)" >&2
  return "$status"
}

have_go=1
command -v go >/dev/null 2>&1 || have_go=0

echo "== pulumi CLI"
if cli="$(with_progress "building/locating the pulumi CLI" bash scripts/pulumi-cli.sh | tail -n 1)" && [ -x "$cli" ]; then
  export PULUMI_CLI="$cli"
  echo "PULUMI_CLI=$PULUMI_CLI"
else
  echo "pulumi CLI unavailable; the suites that run it will report it"
fi

# `isolation-guard verify` and its tests start containers: runc, runsc (gVisor) and a static busybox, from Debian.
# Installed only when missing, and only as root; otherwise those tests say why they skip.
echo "== OCI runtimes (runc, runsc, busybox-static)"
missing=()
command -v runc >/dev/null 2>&1 || [ -x /usr/sbin/runc ] || missing+=(runc)
command -v runsc >/dev/null 2>&1 || missing+=(runsc)
if command -v dpkg >/dev/null 2>&1; then
  dpkg -s busybox-static >/dev/null 2>&1 || missing+=(busybox-static)
elif ! [ -x /bin/busybox ]; then
  missing+=(busybox-static)
fi
if [ "${#missing[@]}" -eq 0 ]; then
  echo "present"
elif [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "not root or no apt-get: cannot install ${missing[*]}; the verify tests will skip and say so"
else
  say "apt-get install ${missing[*]}"
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"; } ||
    echo "apt-get could not install ${missing[*]}; the verify tests will skip and say so"
fi

echo "== pulumi plugins (pulumi-language-yaml, pulumi-resource-kubernetes)"
set +e
plugins="$(with_progress "building/locating the pulumi plugins" bash scripts/plugins.sh)"
plugins_status=$?
set -e
if [ "$plugins_status" = 0 ]; then
  PULUMI_LANGUAGE_YAML="$(sed -n 1p <<<"$plugins")"
  PULUMI_RESOURCE_KUBERNETES="$(sed -n 2p <<<"$plugins")"
  export PULUMI_LANGUAGE_YAML PULUMI_RESOURCE_KUBERNETES
  echo "PULUMI_LANGUAGE_YAML=$PULUMI_LANGUAGE_YAML"
  echo "PULUMI_RESOURCE_KUBERNETES=$PULUMI_RESOURCE_KUBERNETES"
elif [ "$plugins_status" = 3 ]; then
  echo "no Go toolchain: the real-preview suite will be skipped"
else
  echo "building the plugins failed (exit $plugins_status)"
  exit "$plugins_status"
fi

echo "== PSA corpus (k8s.io/pod-security-admission test/testdata)"
set +e
bash scripts/psa-corpus.sh
corpus_status=$?
set -e
if [ "$corpus_status" = 3 ]; then
  echo "no Go toolchain: the conformance suite will be skipped"
elif [ "$corpus_status" != 0 ]; then
  echo "downloading the PSA corpus failed (exit $corpus_status)"
  exit "$corpus_status"
fi

# With Go everything above was provided, so a suite that still lacks a piece is a failure, not a skip.
if [ "$have_go" = 1 ]; then export REAL_PREVIEW_REQUIRED=1; fi

echo "== npm test${REAL_PREVIEW_REQUIRED:+ (REAL_PREVIEW_REQUIRED=1)}"
log="$(mktemp)"
set +e
npm test 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# The gRPC and composition suites again on Node 24 with the newest @pulumi/pulumi and @pulumi/policy (README,
# "Requirements"). Its mocha summary is counted in the closing line too.
echo "== Node 24 with the newest @pulumi packages (scripts/node24.sh)"
if [ "$status" -eq 0 ]; then
  set +e
  bash scripts/node24.sh 2>&1 | tee -a "$log"
  node24_status=${PIPESTATUS[0]}
  set -e
  [ "$node24_status" -eq 0 ] || status=1
else
  echo "skipped: npm test failed"
fi

# Mutation testing of checks/, engine/ and adapters/, incremental against the recorded report (docs/testing.md).
echo "== mutation (incremental)"
if [ "$status" -eq 0 ]; then
  # The mutation run skips every suite that starts a process; REAL_PREVIEW_REQUIRED is for the run above only.
  env -u REAL_PREVIEW_REQUIRED bash scripts/mutation-ci.sh || status=1
else
  echo "skipped: npm test failed"
fi
# mocha's summary as the plain closing line CI reads ("N passed, N failed, N skipped").
# Every mocha summary of the log (npm test's, then Node 24's) summed.
count() { grep -Eo "^ +[0-9]+ $1" "$log" | awk '{ n += $1 } END { print n + 0 }'; }
echo "mocha: $(count passing) passed, $(count failing) failed, $(count pending) skipped"
rm -f "$log"
exit "$status"
