// Shared by the benchmarks: machine notes, timing statistics, the one-policy comparison pack, a mixed resource set.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { execSync } from "child_process";
import { CARRIERS, Obj, hardenedPodSpec } from "../test/fixtures/kubernetes";
import { DOCKER_CONTAINER, DOCKER_SERVICE, hardenedContainer, hardenedService } from "../test/fixtures/docker";

export const REPO = path.resolve(__dirname, "..", "..");

export function machine(): string {
    const cpu = os.cpus()[0]?.model ?? "unknown CPU";
    const load = os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(" ");
    return `${os.cpus().length} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.platform()} ${os.release()}, node ${process.version}, load ${load}`;
}

export function stats(xs: number[]): { median: number; p90: number; min: number; mean: number } {
    const s = [...xs].sort((a, b) => a - b);
    const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))];
    return { median: at(0.5), p90: at(0.9), min: s[0], mean: s.reduce((a, b) => a + b, 0) / s.length };
}

export function ms(start: bigint): number {
    return Number(process.hrtime.bigint() - start) / 1e6;
}

/** Prints a result line and appends it to bench/results/<name>.jsonl (ignored by git). */
export function record(name: string, result: Record<string, unknown>): void {
    const dir = path.join(REPO, "bench", "results");
    fs.mkdirSync(dir, { recursive: true });
    const line = { bench: name, at: new Date().toISOString(), machine: machine(), commit: commit(), ...result };
    fs.appendFileSync(path.join(dir, `${name}.jsonl`), JSON.stringify(line) + "\n");
    console.log(JSON.stringify(line, null, 2));
}

function commit(): string {
    try {
        return execSync("git rev-parse --short HEAD", { cwd: REPO, stdio: ["ignore", "pipe", "ignore"] })
            .toString()
            .trim();
    } catch {
        return "unknown";
    }
}

/**
 * A pack with one no-op policy, laid out like ours (package.json main, PulumiPolicy.yaml) in a temp dir that reuses
 * this repository's node_modules, so both start through the same @pulumi/policy and the same run-policy-pack.
 */
export function onePolicyPack(): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "one-policy-pack-"));
    fs.writeFileSync(
        path.join(dir, "package.json"),
        JSON.stringify({ name: "one-policy", version: "0.0.1", main: "index.js" }),
    );
    fs.writeFileSync(path.join(dir, "PulumiPolicy.yaml"), "runtime: nodejs\nname: one-policy\n");
    fs.symlinkSync(path.join(REPO, "node_modules"), path.join(dir, "node_modules"), "dir");
    fs.writeFileSync(
        path.join(dir, "index.js"),
        `const { PolicyPack } = require("@pulumi/policy");
new PolicyPack("one-policy", { policies: [{ name: "noop", description: "Does nothing.", enforcementLevel: "mandatory", validateResource: () => {} }] });
`,
    );
    return dir;
}

/** Deterministic pseudo-random numbers, so every run judges the same resources. */
export function rng(seed: number): () => number {
    let s = seed >>> 0;
    return () => {
        s = (s + 0x6d2b79f5) >>> 0;
        let t = s;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

/** A pod spec: hardened, or with one of the faults the pack looks for. */
export function podSpec(r: () => number, i: number): Obj {
    const s = hardenedPodSpec();
    s.containers[0].name = `app-${i}`;
    switch (Math.floor(r() * 8)) {
        case 0:
            s.containers[0].securityContext.privileged = true;
            break;
        case 1:
            s.containers[0].securityContext.capabilities.add = ["SYS_ADMIN"];
            break;
        case 2:
            s.volumes.push({ name: "sock", hostPath: { path: "/var/run/docker.sock" } });
            break;
        case 3:
            s.hostNetwork = true;
            break;
        case 4:
            s.containers[0].securityContext.runAsNonRoot = false;
            break;
        case 5:
            delete s.containers[0].securityContext.seccompProfile;
            delete s.securityContext.seccompProfile;
            break;
        default:
            break; // hardened
    }
    return s;
}

export interface Resource {
    type: string;
    name: string;
    props: Obj;
}

/** `n` mixed resources: every Kubernetes carrier, Docker containers and services, and non-workload resources. */
export function mixedResources(n: number, seed = 1): Resource[] {
    const r = rng(seed);
    const out: Resource[] = [];
    for (let i = 0; i < n; i++) {
        const pick = r();
        const name = `r${i}`;
        if (pick < 0.6) {
            const c = CARRIERS[Math.floor(r() * CARRIERS.length)];
            out.push({ type: c.type, name, props: c.wrap(podSpec(r, i)) });
        } else if (pick < 0.75) {
            const c = hardenedContainer();
            if (r() < 0.3) c.privileged = true;
            out.push({ type: DOCKER_CONTAINER, name, props: c });
        } else if (pick < 0.8) {
            out.push({ type: DOCKER_SERVICE, name, props: hardenedService() });
        } else if (pick < 0.9) {
            out.push({
                type: "kubernetes:core/v1:ConfigMap",
                name,
                props: { metadata: { name }, data: { key: "value".repeat(20) } },
            });
        } else {
            out.push({
                type: "kubernetes:core/v1:Service",
                name,
                props: { metadata: { name }, spec: { ports: [{ port: 80 }], selector: { app: name } } },
            });
        }
    }
    return out;
}
