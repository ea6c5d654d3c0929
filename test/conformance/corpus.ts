// Where the upstream PSA fixture corpus lives: `test/testdata/` of the Go module k8s.io/pod-security-admission at the
// version test/conformance/go.mod requires (the one place it is pinned; go.sum beside it pins its hash), read from the
// Go module cache. The module proxy serves it, so the repository does not carry a copy.
//
// The path is computed, not asked of `go`: a test run with the module in the cache starts no process (the mutation
// run replaces child_process with a skip, and the conformance tests must still judge mutants there). When it is not in
// the cache, a `before` hook of the conformance suite downloads it with `go mod download` (a few seconds; in the
// mutation run that hook is skipped with the suite), or skips the suite naming `bash scripts/psa-corpus.sh`.
// The hook is attached from here so pss.test.ts stays unchanged: a changed test file would invalidate every recorded
// mutation result its tests killed.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PACK_DIR } from "../harness/engine";
import { missingOnce, skipSuite } from "../harness/requirements";

export const PSA_MODULE = "k8s.io/pod-security-admission";
export const PSA_GO_MOD_DIR = path.join(PACK_DIR, "test", "conformance");
export const PSA_VERSION = pinnedVersion(fs.readFileSync(path.join(PSA_GO_MOD_DIR, "go.mod"), "utf8"));

/** `test/testdata` of the pinned module in the module cache; re-pointed to what `go` reports if it downloads it. */
export let CORPUS_DIR = path.join(
    goModCache(),
    `${escapeModulePath(PSA_MODULE)}@${escapeModulePath(PSA_VERSION)}`,
    "test",
    "testdata",
);

const PROVIDE_CORPUS = "bash scripts/psa-corpus.sh";
/** The suites that cannot run without the corpus (scan-vs-pack.test.ts only adds a slice of it when present). */
const CORPUS_SUITE_FILES = [path.join(__dirname, "pss.test.js")];

function pinnedVersion(goMod: string): string {
    const m = goMod.match(/^require\s+k8s\.io\/pod-security-admission\s+(v\S+)\s*$/m);
    if (!m) throw new Error(`test/conformance/go.mod does not require ${PSA_MODULE} on a line of its own`);
    return m[1];
}

/** The module cache as `go env GOMODCACHE` reports it: $GOMODCACHE, else the first $GOPATH entry's pkg/mod. */
function goModCache(): string {
    const fromGoEnvFile = goEnvFile();
    const modCache = process.env.GOMODCACHE || fromGoEnvFile.GOMODCACHE;
    if (modCache) return modCache;
    const goPath = (process.env.GOPATH || fromGoEnvFile.GOPATH || "").split(path.delimiter).find((p) => p);
    return path.join(goPath ?? path.join(os.homedir(), "go"), "pkg", "mod");
}

/** Settings written by `go env -w` (the file `go env GOENV` names), which the environment overrides. */
function goEnvFile(): Record<string, string> {
    const file =
        process.env.GOENV || path.join(process.env.XDG_CONFIG_HOME || path.join(os.homedir(), ".config"), "go", "env");
    try {
        return Object.fromEntries(
            fs
                .readFileSync(file, "utf8")
                .split("\n")
                .map((l) => l.match(/^\s*([A-Z0-9_]+)=(.*)$/))
                .filter((m): m is RegExpMatchArray => m !== null)
                .map((m) => [m[1], m[2].trim()]),
        );
    } catch {
        return {};
    }
}

/** The module cache's case encoding: an upper-case letter is stored as `!` and its lower case. */
function escapeModulePath(p: string): string {
    return p.replace(/[A-Z]/g, (c) => `!${c.toLowerCase()}`);
}

/** Downloads the pinned module (or skips the suite saying how to get it); a `before` hook of a corpus suite. */
function downloadCorpus(this: Mocha.Context): void {
    this.timeout(5 * 60000);
    console.log(`      [corpus] ${PSA_MODULE}@${PSA_VERSION} is not in the Go module cache; go mod download …`);
    const started = Date.now();
    const run = spawnSync("go", ["mod", "download", "-json", PSA_MODULE], {
        cwd: PSA_GO_MOD_DIR,
        encoding: "utf8",
        stdio: ["ignore", "pipe", "pipe"],
    });
    const dir = run.status === 0 ? (JSON.parse(run.stdout) as { Dir?: string }).Dir : undefined;
    if (!dir) {
        const why = run.error
            ? `no Go toolchain on PATH (${run.error.message})`
            : `go mod download failed: ${`${run.stderr}${run.stdout}`.trim().split("\n").pop()}`;
        skipSuite(this, missingOnce("PSA corpus", `the PSA corpus cannot be had: ${why}`, PROVIDE_CORPUS));
    }
    CORPUS_DIR = path.join(dir, "test", "testdata");
    console.log(`      [corpus] downloaded in ${((Date.now() - started) / 1000).toFixed(1)} s: ${CORPUS_DIR}`);
}

// Only under mocha (bench and demo code may import this file too). A root hook, because the conformance suite does
// not exist yet when its file imports this one; it gives that suite the download hook only when the corpus is missing.
if (typeof before === "function") {
    before(function attachCorpusDownload() {
        if (fs.existsSync(CORPUS_DIR)) return;
        const root = this.test?.parent;
        for (const suite of root?.suites ?? [])
            if (suite.file && CORPUS_SUITE_FILES.includes(path.resolve(suite.file)))
                suite.beforeAll("the PSA corpus from the Go module proxy", downloadCorpus);
    });
}
