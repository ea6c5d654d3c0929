// Pack start-to-ready: this pack against a one-policy pack started the same way (the engine's command line through
// @pulumi/pulumi's run-policy-pack). "Ready" is the port line on stdout (the engine connects then); "info" is the
// first GetAnalyzerInfo answer (the engine's first call). Runs alternate between the packs. Target: within 1.5×.
// Usage: node dist/bench/startup.js [runs=15]
import * as fs from "fs";
import { PackProcess, PACK_DIR } from "../test/harness/engine";
import { ms, onePolicyPack, record, stats } from "./common";

async function once(dir: string): Promise<{ ready: number; info: number }> {
    const start = process.hrtime.bigint();
    const pack = await PackProcess.start(dir);
    const ready = ms(start);
    await pack.getAnalyzerInfo();
    const info = ms(start);
    await pack.stop();
    return { ready, info };
}

async function main(): Promise<void> {
    const runs = Number(process.argv[2] ?? 15);
    const one = onePolicyPack();
    const ours: Array<{ ready: number; info: number }> = [];
    const base: Array<{ ready: number; info: number }> = [];
    try {
        await once(PACK_DIR); // warm the file-system cache for both
        await once(one);
        for (let i = 0; i < runs; i++) {
            ours.push(await once(PACK_DIR));
            base.push(await once(one));
        }
    } finally {
        fs.rmSync(one, { recursive: true, force: true });
    }
    const o = stats(ours.map((x) => x.info));
    const b = stats(base.map((x) => x.info));
    record("startup", {
        runs,
        isolationGuard: { readyMs: stats(ours.map((x) => x.ready)), infoMs: o },
        onePolicyPack: { readyMs: stats(base.map((x) => x.ready)), infoMs: b },
        ratioMedian: +(o.median / b.median).toFixed(3),
        target: "ratio <= 1.5",
    });
}

main().catch((e) => {
    console.error(e);
    process.exit(1);
});
