// Writes N Kubernetes manifests (one YAML file each) for the scan benchmark: every workload kind in current
// apiVersions, hardened or with one fault, deterministic. Usage: node dist/bench/gen-manifests.js DIR [N=10000]
import * as fs from "fs";
import * as path from "path";
import * as yaml from "js-yaml";
import { carrier } from "../test/fixtures/kubernetes";
import { podSpec, rng } from "./common";

const TYPES = [
    "kubernetes:apps/v1:Deployment",
    "kubernetes:core/v1:Pod",
    "kubernetes:batch/v1:CronJob",
    "kubernetes:apps/v1:DaemonSet",
    "kubernetes:apps/v1:StatefulSet",
    "kubernetes:batch/v1:Job",
];

function main(): void {
    const dir = process.argv[2];
    const n = Number(process.argv[3] ?? 10000);
    if (!dir) throw new Error("usage: gen-manifests DIR [N]");
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    const r = rng(11);
    for (let i = 0; i < n; i++) {
        const c = carrier(TYPES[i % TYPES.length]);
        const m = c.wrap(podSpec(r, i));
        m.metadata.name = `w${i}`;
        m.metadata.namespace = "apps";
        if (m.spec?.selector) m.spec.selector.matchLabels = { app: `w${i}` };
        if (m.spec?.template?.metadata) m.spec.template.metadata.labels = { app: `w${i}` };
        if (m.kind === "StatefulSet") m.spec.serviceName = `w${i}`;
        if (m.kind === "Job") m.spec.template.spec.restartPolicy = "Never";
        fs.writeFileSync(path.join(dir, `w${String(i).padStart(5, "0")}.yaml`), yaml.dump(m, { noRefs: true }));
    }
    console.log(`wrote ${n} manifests to ${dir}`);
}

main();
