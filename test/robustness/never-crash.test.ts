// Never crash, never pass what cannot be read: property tests over every policy and every supported resource type.
// Case counts are printed at the end; FC_SEED=<n> reproduces a run, FC_SCALE=<x> scales every run count.
import * as assert from "assert";
import fc from "fast-check";
import { toWorkloads } from "../../adapters";
import { evaluate, PSS_VERSIONS } from "../../engine/evaluate";
import { Diagnostic, PolicyConfig, PolicyDefinition } from "../../engine/types";
import { NO_SECRETS } from "../../engine/format";
import { resourcePolicies } from "../../policies";
import {
    Case,
    hostileValue,
    mutatedResource,
    randomResource,
    SECRET_SIG,
    SECRET_SIG_KEY,
    setOwn,
    TYPES,
} from "./generators";
import { carrier, hardenedPodSpec, Obj } from "../fixtures/kubernetes";
import { DOCKER_CONTAINER, hardenedContainer } from "../fixtures/docker";

const SCALE = Number(process.env.FC_SCALE ?? 1);
const SEED = process.env.FC_SEED === undefined ? undefined : Number(process.env.FC_SEED);
const runs = (n: number) => Math.max(1, Math.round(n * SCALE));
// Counterexamples may hold 50,000-element lists: report them cut short.
const params = <T>(numRuns: number): fc.Parameters<T> => ({
    numRuns,
    seed: SEED,
    reporter: (details) => {
        if (details.failed) throw new Error((fc.defaultReportMessage(details) ?? "property failed").slice(0, 4000));
    },
});

let cases = 0;
const counts: string[] = [];

const MAX_MESSAGE = 8192;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

interface RandomConfig {
    unknownValues: "defer" | "fail-closed";
    malformedValues: "fail-closed" | "advisory" | "ignore";
    pssVersion: string;
    allOn: boolean;
}
const randomConfig: fc.Arbitrary<RandomConfig> = fc.record({
    unknownValues: fc.constantFrom("defer", "fail-closed"),
    malformedValues: fc.constantFrom("fail-closed", "advisory", "ignore"),
    pssVersion: fc.constantFrom(...PSS_VERSIONS),
    allOn: fc.boolean(),
});

function policyConfig(def: PolicyDefinition, c: RandomConfig): PolicyConfig {
    const checks = c.allOn ? Object.fromEntries(def.checks.map((k) => [k.id, true])) : undefined;
    return { unknownValues: c.unknownValues, malformedValues: c.malformedValues, pssVersion: c.pssVersion, checks };
}

/** Runs every policy exactly as the pack does (one mapping, shared noted set); asserts what must hold for any input. */
function judgeAll(k: Case, c: RandomConfig): Diagnostic[] {
    cases++;
    const workloads = toWorkloads(k.type, "res", k.props);
    const noted = new Set<string>();
    const out = resourcePolicies.flatMap((def) => evaluate(def, workloads, policyConfig(def, c), NO_SECRETS, noted));
    for (const d of out) {
        assert.strictEqual(typeof d.message, "string");
        assert.ok(!CONTROL.test(d.message), `control character in message: ${JSON.stringify(d.message.slice(0, 300))}`);
        assert.ok(d.message.length <= MAX_MESSAGE, `message of ${d.message.length} characters`);
        assert.ok(/^\[[\w-]+\] /.test(d.message), d.message.slice(0, 200));
    }
    assert.strictEqual(
        Object.prototype.hasOwnProperty.call(Object.prototype, "privileged"),
        false,
        "Object.prototype polluted",
    );
    return out;
}

function record(name: string, n: number): void {
    counts.push(`${name}: ${n}`);
}

describe("robustness: no input crashes a policy (fast-check)", function () {
    this.timeout(10 * 60 * 1000);
    const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();

    after(() => {
        assert.deepStrictEqual(
            Object.getOwnPropertyNames(Object.prototype).sort(),
            prototypeKeys,
            "Object.prototype changed",
        );
        console.log(
            `      generated cases: ${counts.join(", ")}; total ${cases} over ${resourcePolicies.length} policies and ${TYPES.length} resource types`,
        );
    });

    it("real resources of every type with hostile mutations", () => {
        const n = runs(40000);
        fc.assert(
            fc.property(mutatedResource, randomConfig, (k, c) => void judgeAll(k, c)),
            params(n),
        );
        record("mutated", n);
    });

    it("wholly random objects as every type", () => {
        const n = runs(40000);
        fc.assert(
            fc.property(randomResource, randomConfig, (k, c) => void judgeAll(k, c)),
            params(n),
        );
        record("random", n);
    });

    it("the same inputs after the wire's JSON round trip (own __proto__ keys as JSON.parse makes them)", () => {
        const n = runs(5000);
        fc.assert(
            fc.property(
                mutatedResource,
                randomConfig,
                (k, c) => void judgeAll({ type: k.type, props: JSON.parse(JSON.stringify(k.props)) }, c),
            ),
            params(n),
        );
        record("wire-form", n);
    });

    // A malformed security field is no proof of safety: with the default config, any value at these fields other than
    // a safe one (false / absent / null) or an unknown (deferred with a note) yields a violation of the owning policy.
    const fields: Array<{
        name: string;
        policy: string;
        type: string;
        put(v: unknown): Obj;
        safe(v: unknown): boolean;
    }> = [
        {
            name: "privileged",
            policy: "no-privileged-containers",
            type: "kubernetes:apps/v1:Deployment",
            put: (v) => withContainerSc("privileged", v),
            safe: (v) => v === false,
        },
        {
            name: "allowPrivilegeEscalation",
            policy: "no-privileged-containers",
            type: "kubernetes:apps/v1:Deployment",
            put: (v) => withContainerSc("allowPrivilegeEscalation", v),
            safe: (v) => v === false,
        },
        {
            name: "capabilities",
            policy: "drop-capabilities",
            type: "kubernetes:apps/v1:Deployment",
            put: (v) => withContainerSc("capabilities", v),
            safe: (v) => typeof v === "object" && v !== null && Array.isArray((v as Obj).drop),
        },
        {
            name: "capabilities.add",
            policy: "drop-capabilities",
            type: "kubernetes:apps/v1:Deployment",
            put: (v) => withContainerSc("capabilities", { drop: ["ALL"], add: v }),
            safe: (v) => Array.isArray(v) && v.every((e) => e === "NET_BIND_SERVICE"),
        },
        {
            name: "hostPath.path",
            policy: "no-sensitive-host-mounts",
            type: "kubernetes:apps/v1:Deployment",
            put: (v) => withVolume({ name: "h", hostPath: { path: v } }),
            safe: () => false,
        },
        {
            name: "hostNetwork",
            policy: "no-host-namespaces",
            type: "kubernetes:apps/v1:Deployment",
            put: (v) => withSpec("hostNetwork", v),
            safe: (v) => v === false,
        },
        {
            name: "hostPort",
            policy: "no-host-namespaces",
            type: "kubernetes:apps/v1:Deployment",
            put: (v) => withPort(v),
            safe: (v) => v === 0,
        },
        {
            name: "docker privileged",
            policy: "no-privileged-containers",
            type: DOCKER_CONTAINER,
            put: (v) => ({ ...hardenedContainer(), privileged: v }),
            safe: (v) => v === false,
        },
        {
            name: "docker capabilities.adds",
            policy: "drop-capabilities",
            type: DOCKER_CONTAINER,
            put: (v) => ({ ...hardenedContainer(), capabilities: { drops: ["ALL"], adds: v } }),
            safe: (v) => Array.isArray(v) && v.every((e) => e === "NET_BIND_SERVICE"),
        },
    ];
    const isSafeAbsent = (v: unknown) => v === null || v === undefined;
    // Secrets are seen through: judge the value inside.
    const unwrap = (v: unknown): unknown => {
        while (typeof v === "object" && v !== null && (v as Obj)[SECRET_SIG_KEY] === SECRET_SIG) v = (v as Obj).value;
        return v;
    };
    const isUnknownish = (ds: Diagnostic[]) => ds.some((d) => d.check === "unknownValues");

    it("a security field of the wrong shape is reported, never passed silently", () => {
        const n = runs(20000);
        const arb = fc.tuple(fc.constantFrom(...fields), hostileValue);
        fc.assert(
            fc.property(arb, ([f, v]) => {
                const c: RandomConfig = {
                    unknownValues: "defer",
                    malformedValues: "fail-closed",
                    pssVersion: "latest",
                    allOn: false,
                };
                const ds = judgeAll({ type: f.type, props: f.put(v) }, c);
                const u = unwrap(v);
                if (f.safe(u) || isSafeAbsent(u) || (f.name === "hostPath.path" && typeof u === "string")) return;
                const own = ds.filter((d) => d.policy === f.policy);
                assert.ok(
                    own.some((d) => !d.advisory) || isUnknownish(ds),
                    `${f.name}=${JSON.stringify(v)?.slice(0, 200)} passed: ${JSON.stringify(ds.map((d) => d.message))}`,
                );
            }),
            params(n),
        );
        record("wrong-shape soundness", n);
    });

    it("huge lists and deep nesting at every container field stay fast and bounded", () => {
        const n = runs(40);
        const shapes = fc.constantFrom<(size: number) => unknown>(
            (size) => new Array(size).fill("SYS_ADMIN"),
            (size) => Array.from({ length: size }, (_, i) => `CAP_${i}`),
            (size) => Array.from({ length: size }, (_, i) => ({ name: `v${i}`, hostPath: { path: `/var/run/x${i}` } })),
            (size) => {
                let v: unknown = true;
                for (let i = 0; i < size; i++) v = [v];
                return v;
            },
            (size) => {
                let v: unknown = { privileged: true };
                for (let i = 0; i < size; i++) v = { securityContext: v };
                return v;
            },
        );
        const spots = fc.constantFrom("privileged", "capabilities.add", "capabilities.drop", "volumes", "containers");
        fc.assert(
            fc.property(shapes, spots, fc.integer({ min: 1000, max: 10000 }), (shape, spot, size) => {
                const spec = hardenedPodSpec();
                const v = shape(size);
                if (spot === "privileged") spec.containers[0].securityContext.privileged = v;
                else if (spot === "capabilities.add") spec.containers[0].securityContext.capabilities.add = v;
                else if (spot === "capabilities.drop") spec.containers[0].securityContext.capabilities.drop = v;
                else if (spot === "volumes") spec.volumes = v;
                else spec.containers = v;
                const start = process.hrtime.bigint();
                judgeAll(
                    {
                        type: "kubernetes:apps/v1:Deployment",
                        props: carrier("kubernetes:apps/v1:Deployment").wrap(spec),
                    },
                    { unknownValues: "defer", malformedValues: "fail-closed", pssVersion: "latest", allOn: true },
                );
                const ms = Number(process.hrtime.bigint() - start) / 1e6;
                // Linear at worst: a quadratic step would blow this budget by orders of magnitude at these sizes.
                assert.ok(ms < 500 + size * 0.5, `${spot} of size ${size} took ${ms.toFixed(0)} ms`);
            }),
            params(n),
        );
        record("huge/deep", n);
    });

    it("has generated at least 100,000 cases", function () {
        if (SCALE < 1) this.skip();
        assert.ok(cases >= 100000, `${cases}`);
    });
});

function withSpec(key: string, v: unknown): Obj {
    const spec = hardenedPodSpec();
    setOwn(spec, key, v);
    return carrier("kubernetes:apps/v1:Deployment").wrap(spec);
}

function withContainerSc(key: string, v: unknown): Obj {
    const spec = hardenedPodSpec();
    setOwn(spec.containers[0].securityContext, key, v);
    return carrier("kubernetes:apps/v1:Deployment").wrap(spec);
}

function withVolume(vol: Obj): Obj {
    const spec = hardenedPodSpec();
    spec.volumes.push(vol);
    return carrier("kubernetes:apps/v1:Deployment").wrap(spec);
}

function withPort(v: unknown): Obj {
    const spec = hardenedPodSpec();
    spec.containers[0].ports = [{ containerPort: 8080, hostPort: v }];
    return carrier("kubernetes:apps/v1:Deployment").wrap(spec);
}
