// `isolation-guard audit` over a fleet: N exported stacks (default 1,000) of M resources each (default 50; mixed
// Kubernetes carriers, Docker containers and services, ConfigMaps and Services, plus the stack and a provider), written
// as `pulumi stack export` files, then one `audit` process over the folder with --exemptions-out. Reports wall time
// and the process's peak resident memory (getrusage's maxRSS), and fails if the run is over the issue-24 target
// (60 s) or its peak memory over 512 MiB. Usage: node dist/bench/audit.js [STACKS=1000] [RESOURCES=50]
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { spawnSync } from "child_process";
import { mixedResources, record, REPO } from "./common";

const SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
const TARGET_SECONDS = 60;
const MEMORY_LIMIT_MIB = 512;

function writeFleet(dir: string, stacks: number, perStack: number): number {
    let bytes = 0;
    for (let s = 0; s < stacks; s++) {
        const stack = `s${String(s).padStart(4, "0")}`;
        const project = `team${s % 17}`;
        const urn = (type: string, name: string) => `urn:pulumi:${stack}::${project}::${type}::${name}`;
        const provider = urn("pulumi:providers:kubernetes", "k8s");
        const resources: unknown[] = [
            { urn: urn("pulumi:pulumi:Stack", `${project}-${stack}`), custom: false, type: "pulumi:pulumi:Stack" },
            {
                urn: provider,
                custom: true,
                id: "p",
                type: "pulumi:providers:kubernetes",
                inputs: { namespace: "apps", kubeconfig: { [SIG_KEY]: SECRET_SIG, plaintext: '"apiVersion: v1"' } },
                outputs: {},
            },
        ];
        for (const r of mixedResources(perStack - 2, s + 1)) {
            resources.push({
                urn: urn(r.type, r.name),
                custom: true,
                id: `${r.name}-id`,
                type: r.type,
                inputs: r.props,
                outputs: r.props,
                provider: `${provider}::p`,
            });
        }
        const text = JSON.stringify(
            { version: 3, deployment: { manifest: { time: "2026-12-06T00:00:00Z" }, resources } },
            null,
            4,
        );
        bytes += text.length;
        fs.writeFileSync(path.join(dir, `${project}-${stack}.json`), text);
    }
    return bytes;
}

function main(): void {
    const stacks = Number(process.argv[2] ?? 1000);
    const perStack = Number(process.argv[3] ?? 50);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ig-audit-bench-"));
    try {
        const bytes = writeFleet(dir, stacks, perStack);
        const exemptions = path.join(dir, "exemptions.out");
        // The process reports its own peak memory after audit returns (maxRSS is in KiB).
        const child = `const { main } = require(${JSON.stringify(path.join(REPO, "dist", "cli", "main.js"))});
main(process.argv.slice(1), { stdout: () => {}, stderr: () => {} }).then((code) => {
    process.stderr.write(JSON.stringify({ code, maxRssKiB: process.resourceUsage().maxRSS }) + "\\n");
});`;
        const start = process.hrtime.bigint();
        const run = spawnSync(
            process.execPath,
            ["-e", child, "audit", "--quiet", "--format", "json", "--exemptions-out", exemptions, dir],
            { encoding: "utf8", maxBuffer: 1 << 20 },
        );
        const seconds = Number(process.hrtime.bigint() - start) / 1e9;
        const last = run.stderr.trim().split("\n").pop() ?? "";
        let result: { code: number; maxRssKiB: number };
        try {
            result = JSON.parse(last) as { code: number; maxRssKiB: number };
        } catch {
            throw new Error(`audit did not finish: exit ${run.status}\n${run.stderr}`);
        }
        const exempted = (fs.readFileSync(exemptions, "utf8").match(/"urn": /g) ?? []).length;
        const peakMiB = result.maxRssKiB / 1024;
        record("audit", {
            stacks,
            resourcesPerStack: perStack,
            exportMiB: +(bytes / 2 ** 20).toFixed(1),
            seconds: +seconds.toFixed(2),
            stacksPerSecond: Math.round(stacks / seconds),
            peakRssMiB: +peakMiB.toFixed(0),
            exitCode: result.code,
            exemptionsWritten: exempted,
        });
        if (result.code !== 1) throw new Error(`expected exit 1 (the fleet has blocking findings), got ${result.code}`);
        if (seconds > TARGET_SECONDS) throw new Error(`${seconds.toFixed(1)} s is over the ${TARGET_SECONDS} s target`);
        if (peakMiB > MEMORY_LIMIT_MIB)
            throw new Error(`peak ${peakMiB.toFixed(0)} MiB is over ${MEMORY_LIMIT_MIB} MiB`);
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}

main();
