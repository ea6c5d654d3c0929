// A/B of `npm run bench`'s in-repo figures against a baseline checkout, in one run: each round runs every benchmark on
// the baseline, then on this checkout, so machine drift and load hit both alike (this machine is shared; absolute
// figures move ±30% run to run, the per-round ratios much less). Both checkouts must be built (`npm run build`).
// Figures: analyze (Analyze calls/s over gRPC, 1 and 16 in flight), pss (in-process specs/s), startup (pack ready to
// first GetAnalyzerInfo, ms), scan (whole-process wall seconds of `isolation-guard scan` over generated manifests).
// Usage: node dist/bench/ab.js <baseline checkout> [rounds=3]
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { REPO, record, stats } from "./common";

type Figures = Record<string, number>;

/** The last line a benchmark appended to its results file in `checkout`. */
function lastResult(checkout: string, name: string): Record<string, unknown> {
    const lines = fs
        .readFileSync(path.join(checkout, "bench", "results", `${name}.jsonl`), "utf8")
        .trim()
        .split("\n");
    return JSON.parse(lines[lines.length - 1]) as Record<string, unknown>;
}

function runNode(checkout: string, script: string, args: string[]): void {
    execFileSync(process.execPath, [path.join(checkout, "dist", "bench", script), ...args], {
        cwd: checkout,
        stdio: ["ignore", "ignore", "inherit"],
    });
}

function num(v: unknown, ...keys: string[]): number {
    let x: unknown = v;
    for (const k of keys) x = (x as Record<string, unknown>)[k];
    return Number(x);
}

function figures(checkout: string, manifests: string): Figures {
    runNode(checkout, "analyze.js", ["3000"]);
    const a = lastResult(checkout, "analyze");
    runNode(checkout, "pss.js", ["50000"]);
    const p = lastResult(checkout, "pss");
    runNode(checkout, "startup.js", ["5"]);
    const s = lastResult(checkout, "startup");
    const start = process.hrtime.bigint();
    spawnSync(process.execPath, [path.join(checkout, "dist", "cli", "main.js"), "scan", manifests], {
        cwd: checkout,
        stdio: "ignore",
    });
    const scanSeconds = Number(process.hrtime.bigint() - start) / 1e9;
    return {
        analyzeCallsPerSec1: num(a, "isolationGuard", "inFlight1", "callsPerSec"),
        analyzeCallsPerSec16: num(a, "isolationGuard", "inFlight16", "callsPerSec"),
        pssSpecsPerSec: num(p, "specsPerSec"),
        startupInfoMsMedian: num(s, "isolationGuard", "infoMs", "median"),
        scanSeconds: +scanSeconds.toFixed(2),
    };
}

function main(): void {
    const baseline = path.resolve(process.argv[2] ?? "");
    const rounds = Number(process.argv[3] ?? 3);
    if (!process.argv[2] || !fs.existsSync(path.join(baseline, "dist", "bench", "pss.js"))) {
        console.error("usage: node dist/bench/ab.js <built baseline checkout> [rounds=3]");
        process.exit(2);
    }
    const manifests = fs.mkdtempSync(path.join(os.tmpdir(), "ab-manifests-"));
    execFileSync(process.execPath, [path.join(REPO, "dist", "bench", "gen-manifests.js"), manifests, "2000"], {
        stdio: "ignore",
    });
    const a: Figures[] = [];
    const b: Figures[] = [];
    const loads: number[] = [];
    try {
        for (let i = 0; i < rounds; i++) {
            loads.push(os.loadavg()[0]);
            a.push(figures(baseline, manifests));
            b.push(figures(REPO, manifests));
            console.error(
                `round ${i + 1}/${rounds}: baseline ${JSON.stringify(a[i])}\n             this     ${JSON.stringify(b[i])}`,
            );
        }
    } finally {
        fs.rmSync(manifests, { recursive: true, force: true });
    }
    const summary: Record<string, { baseline: number; current: number; ratioMedian: number }> = {};
    for (const key of Object.keys(a[0])) {
        summary[key] = {
            baseline: stats(a.map((f) => f[key])).median,
            current: stats(b.map((f) => f[key])).median,
            // current / baseline, round by round: > 1 is faster for rates, slower for times.
            ratioMedian: +stats(a.map((f, i) => b[i][key] / f[key])).median.toFixed(3),
        };
    }
    record("ab", { baseline, rounds, load1: loads, summary });
}

main();
