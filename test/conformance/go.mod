// The one place the PSA fixture corpus is pinned. test/conformance/corpus.ts reads the version from this line and
// scripts/psa-corpus.sh downloads it; the corpus is that module's test/testdata/ (no Go code here is built).
module isolationguard.local/psa-corpus

go 1.22

require k8s.io/pod-security-admission v0.37.2
