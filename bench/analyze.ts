// Analyze calls per second over real gRPC: 10,000 mixed resources (every Kubernetes carrier, Docker containers and
// services, non-workload resources) sent to this pack and to a pack with one no-op policy, both started as the
// engine starts them. Measured with 1 call in flight (one resource at a time) and with 16 (a parallel preview).
// Targets: >= 2,000 calls/s and within 1.5x of the no-op pack.
// Usage: node dist/bench/analyze.js [resources=10000]
import * as fs from "fs";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import * as analyzerPb from "@pulumi/pulumi/proto/analyzer_pb";
import { PackProcess, PACK_DIR, urnOf } from "../test/harness/engine";
import { mixedResources, ms, onePolicyPack, record, Resource } from "./common";

/**
 * Requests are built before the clock starts and sent as they are: in a real preview the Go engine marshals them,
 * so the client's protobuf work must not be charged to the pack (on 2 cores the client would otherwise be the limit).
 */
function requests(resources: Resource[]): analyzerPb.AnalyzeRequest[] {
    return resources.map((r) => {
        const req = new analyzerPb.AnalyzeRequest();
        req.setType(r.type);
        req.setName(r.name);
        req.setUrn(urnOf(r.type, r.name));
        req.setProperties(Struct.fromJavaScript(JSON.parse(JSON.stringify(r.props))));
        req.setOptions(new analyzerPb.AnalyzerResourceOptions());
        return req;
    });
}

function analyze(pack: PackProcess, req: analyzerPb.AnalyzeRequest): Promise<number> {
    return new Promise((resolve, reject) =>
        pack.client.analyze(req, (err, res) => (err ? reject(err) : resolve(res.getDiagnosticsList().length))),
    );
}

async function run(
    pack: PackProcess,
    reqs: analyzerPb.AnalyzeRequest[],
    inFlight: number,
): Promise<{ callsPerSec: number; diagnostics: number }> {
    let next = 0;
    let diagnostics = 0;
    const start = process.hrtime.bigint();
    const worker = async () => {
        while (next < reqs.length) {
            const n = await analyze(pack, reqs[next++]); // not `+= await`: that reads the sum before awaiting
            diagnostics += n;
        }
    };
    await Promise.all(Array.from({ length: inFlight }, worker));
    return { callsPerSec: Math.round(reqs.length / (ms(start) / 1000)), diagnostics };
}

async function measure(
    dir: string,
    reqs: analyzerPb.AnalyzeRequest[],
): Promise<Record<string, { callsPerSec: number; diagnostics: number }>> {
    const pack = await PackProcess.start(dir);
    try {
        await pack.configureStack({}, { dryRun: true });
        await pack.configurePack({});
        await run(pack, reqs.slice(0, 500), 4); // warm-up: JIT, gRPC channel
        return { inFlight1: await run(pack, reqs, 1), inFlight16: await run(pack, reqs, 16) };
    } finally {
        await pack.stop();
    }
}

async function main(): Promise<void> {
    const n = Number(process.argv[2] ?? 10000);
    const reqs = requests(mixedResources(n));
    const one = onePolicyPack();
    try {
        const ours = await measure(PACK_DIR, reqs);
        const base = await measure(one, reqs);
        record("analyze", {
            resources: n,
            isolationGuard: ours,
            noopPack: base,
            ratio1: +(base.inFlight1.callsPerSec / ours.inFlight1.callsPerSec).toFixed(3),
            ratio16: +(base.inFlight16.callsPerSec / ours.inFlight16.callsPerSec).toFixed(3),
            target: ">= 2000 calls/s, no-op/ours <= 1.5",
        });
    } finally {
        fs.rmSync(one, { recursive: true, force: true });
    }
}

main().catch((e) => {
    console.error(e);
    process.exit(1);
});
