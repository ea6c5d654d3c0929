// `scan` and the pack must agree: the same manifests judged by the CLI (in-process, its JSON output) and by the pack
// started as the engine starts it, configured through the engine's config reconciliation and asked over gRPC.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { manifestFiles, readManifests, scan, ScanFinding, PRESETS_DIR } from "../../cli/scan";
import { PackProcess } from "../harness/engine";
import { resourcePolicies } from "../../policies";
import { CORPUS_DIR } from "../conformance/corpus";
import { mixedManifests } from "./manifests";

function scanJson(args: string[]): ScanFinding[] {
    let out = "";
    scan(["--format", "json", ...args], { stdout: (s) => (out += s), stderr: () => undefined });
    return JSON.parse(out);
}

/** @pulumi/policy prefixes each violation with its policy's description and a newline; scan prints the finding only. */
function withoutDescription(policy: string, message: string): string {
    const prefix = `${resourcePolicies.find((p) => p.name === policy)?.description}\n`;
    return message.startsWith(prefix) ? message.slice(prefix.length) : message;
}

describe("scan agrees with the pack over gRPC", function () {
    this.timeout(120000);
    const dirs = [mixedManifests()];
    // A slice of the PSA corpus when present: every check's failing pods at the newest version.
    const corpusSlice = path.join(CORPUS_DIR, "restricted", "v1.37", "fail");
    if (fs.existsSync(corpusSlice)) dirs.push(corpusSlice);

    for (const presetName of [undefined, "pss-baseline", "pss-restricted"]) {
        it(`gives the same verdicts with ${presetName ?? "the default config"}`, async () => {
            const pack = await PackProcess.start();
            try {
                await pack.configureStack();
                const config = presetName
                    ? JSON.parse(fs.readFileSync(path.join(PRESETS_DIR, `${presetName}.json`), "utf8"))
                    : {};
                // A preset must name every policy the pack serves (stack-only ones too), or that policy judges beyond PSA.
                if (presetName)
                    for (const p of (await pack.getAnalyzerInfo()).policies)
                        assert.ok(p.name in config, `${presetName} does not name ${p.name}`);
                await pack.configurePack(config);
                let compared = 0;
                for (const dir of dirs) {
                    const fromScan = scanJson([...(presetName ? ["--preset", presetName] : []), dir]);
                    for (const m of manifestFiles([dir]).flatMap((f) => readManifests(f))) {
                        const viaPack = (await pack.analyze(m.type, m.name, m.props))
                            .map(
                                (d) =>
                                    `${d.policyName} ${d.enforcementLevel} ${withoutDescription(d.policyName, d.message)}`,
                            )
                            .sort();
                        const viaScan = fromScan
                            .filter((f) => f.file === m.file && f.name === m.name)
                            .map((f) => `${f.policy} ${f.enforcementLevel} ${f.message}`)
                            .sort();
                        assert.deepStrictEqual(viaScan, viaPack, `${m.file} ${m.kind}/${m.name}`);
                        compared += viaPack.length;
                    }
                }
                assert.ok(compared > 5, `only ${compared} diagnostics compared`);
            } finally {
                await pack.stop();
            }
        });
    }
});
