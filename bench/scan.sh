#!/usr/bin/env bash
# `isolation-guard scan` against kube-score, Polaris and checkov over the same N generated manifests (one YAML file
# each), in one run: whole-process wall time and peak RSS from /usr/bin/time -v. Targets: >= 10x faster than
# checkov, no slower than kube-score. Results: stdout and bench/results/scan.jsonl.
# Usage: npm run build && bash bench/scan.sh [N=10000]   (SKIP_CHECKOV=1 to leave checkov out)
set -euo pipefail
N="${1:-10000}"
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
mapfile -t peers < <(bash bench/peers.sh)
# peers[1] (Polaris) is empty when no polaris binary was provided: see bench/peers.sh.
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
dir="$work/manifests"
node dist/bench/gen-manifests.js "$dir" "$N" >&2

results=()
measure() { # name, command...
  local name="$1"; shift
  local out="$work/$name.time"
  local start end
  start=$(date +%s.%N)
  /usr/bin/time -v -o "$out" "$@" > "$work/$name.stdout" 2> "$work/$name.stderr" || true
  end=$(date +%s.%N)
  local wall rss
  wall=$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.2f", e - s }')
  rss=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$out")
  local code; code=$(awk -F': ' '/Exit status/ { print $2 }' "$out")
  printf '%-18s %8ss %8s MiB  exit %s\n' "$name" "$wall" "$((rss / 1024))" "$code" >&2
  results+=("\"$name\": {\"seconds\": $wall, \"peakRssKiB\": $rss, \"exit\": $code}")
}

measure isolation-guard node dist/cli/scan.js scan --preset pss-restricted "$dir"
measure kube-score "${peers[0]}" score --output-format ci "$dir"/*.yaml
if [ -n "${peers[1]}" ]; then measure polaris "${peers[1]}" audit --audit-path "$dir" --format score; fi
if [ "${SKIP_CHECKOV:-0}" != 1 ]; then
  # No outbound calls: skip the guideline download and the mapping fetch.
  BC_SKIP_MAPPING=TRUE measure checkov "${peers[2]}" -d "$dir" --framework kubernetes --quiet --compact --skip-download -o json
fi

mkdir -p bench/results
machine="$(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), load $(cut -d' ' -f1-3 /proc/loadavg), node $(node -v)"
line="{\"bench\": \"scan\", \"at\": \"$(date -u +%FT%TZ)\", \"files\": $N, \"machine\": \"$machine\", $(IFS=,; echo "${results[*]}")}"
echo "$line" >> bench/results/scan.jsonl
echo "$line"
