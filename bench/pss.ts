// In-process evaluation of the PSS-restricted preset (presets/pss-restricted.json): pod specs mapped by the adapter
// and judged by every policy the preset enables, as the pack and `scan` do. Target: >= 100,000 pod specs/s.
// Usage: node dist/bench/pss.js [specs=200000]
import * as fs from "fs";
import * as path from "path";
import { toWorkloads } from "../adapters";
import { judgeResource } from "../engine/pipeline";
import { resolvePackConfig } from "../cli/packConfig";
import { resourcePolicies } from "../policies";
import { POD } from "../test/fixtures/kubernetes";
import { ms, podSpec, record, REPO, rng } from "./common";

function main(): void {
    const n = Number(process.argv[2] ?? 200000);
    const preset = JSON.parse(fs.readFileSync(path.join(REPO, "presets", "pss-restricted.json"), "utf8"));
    const policies = resolvePackConfig(resourcePolicies, preset).filter((p) => p.enforcementLevel !== "disabled");
    // 1,000 distinct Pods (hardened or with one fault), judged round-robin; toWorkloads, not the per-request cache.
    const r = rng(3);
    const pods = Array.from({ length: 1000 }, (_, i) => POD.wrap(podSpec(r, i)));
    const judge = (props: Record<string, unknown>) =>
        judgeResource({ type: POD.type, name: "p", props }, policies, { noted: new Set<string>() }).length;
    for (let i = 0; i < 20000; i++) judge(pods[i % pods.length]); // warm-up
    const phases: Record<string, number> = {};
    let t = process.hrtime.bigint();
    for (let i = 0; i < n; i++) toWorkloads(POD.type, "p", pods[i % pods.length]);
    phases.adapterOnlyPerSec = Math.round(n / (ms(t) / 1000));
    t = process.hrtime.bigint();
    let diagnostics = 0;
    for (let i = 0; i < n; i++) diagnostics += judge(pods[i % pods.length]);
    const elapsed = ms(t);
    record("pss", {
        specs: n,
        policies: policies.map((p) => p.def.name),
        specsPerSec: Math.round(n / (elapsed / 1000)),
        microsPerSpec: +((elapsed * 1000) / n).toFixed(2),
        ...phases,
        diagnostics,
        target: ">= 100000 specs/s",
    });
}

main();
