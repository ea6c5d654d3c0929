// `unknownValues` over the real protocol: the pack started as the engine starts it, values unknown at preview sent as
// the engine encodes them (the sentinel strings of plugin.Unknown*Value), every check of every policy in both modes.
import * as assert from "assert";
import { PackProcess, EngineDiagnostic, PolicyPackConfigFile, urnOf } from "../harness/engine";
import { DEPLOYMENT, hardenedPodSpec, Obj } from "../fixtures/kubernetes";
import { DOCKER_CONTAINER, hardenedContainer } from "../fixtures/docker";
import { resourcePolicies } from "../../policies";
import { FieldKey } from "../../model/workload";
import { INSTANCE, eksNodeInstance } from "../fixtures/aws";

/** The engine's sentinels (sdk/go/common/resource/plugin/rpc.go). */
export const U = {
    bool: "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7",
    number: "3eeb2bf0-c639-47a8-9e75-3b44932eb421",
    string: "04da6b54-80e4-46f7-96ec-b56ff0331ba9",
    array: "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2",
    object: "dd056dcd-154b-4c76-9bd3-c8f88648b5ff",
};

const S = "spec.template.spec";
const C0 = `${S}.containers[0]`;
const SC = `${C0}.securityContext`;
const MULTI_TENANT = { labels: { tenancy: "multi-tenant", tenant: "a" } };

interface UnknownCase {
    type: string;
    /** The field path the note or violation must name. */
    path: string;
    props(): Obj;
}

function deployment(edit: (spec: Obj) => void): () => Obj {
    return () => {
        const spec = hardenedPodSpec();
        edit(spec);
        return DEPLOYMENT.wrap(spec, MULTI_TENANT);
    };
}

/** For each field a check can read: a hardened resource with that field unknown, and where it is. */
const CASES: Partial<Record<FieldKey, UnknownCase>> = {
    privileged: {
        type: DEPLOYMENT.type,
        path: `${SC}.privileged`,
        props: deployment((s) => (s.containers[0].securityContext.privileged = U.bool)),
    },
    allowPrivilegeEscalation: {
        type: DEPLOYMENT.type,
        path: `${SC}.allowPrivilegeEscalation`,
        props: deployment((s) => (s.containers[0].securityContext.allowPrivilegeEscalation = U.bool)),
    },
    windowsHostProcess: {
        type: DEPLOYMENT.type,
        path: `${SC}.windowsOptions.hostProcess`,
        props: deployment((s) => (s.containers[0].securityContext.windowsOptions = { hostProcess: U.bool })),
    },
    capabilities: {
        type: DEPLOYMENT.type,
        path: `${SC}.capabilities.add`,
        props: deployment((s) => (s.containers[0].securityContext.capabilities.add = U.array)),
    },
    volumes: { type: DEPLOYMENT.type, path: `${S}.volumes`, props: deployment((s) => (s.volumes = U.array)) },
    hostPath: {
        type: DEPLOYMENT.type,
        path: `${S}.volumes[2].hostPath.path`,
        props: deployment((s) => s.volumes.push({ name: "h", hostPath: { path: U.string } })),
    },
    mountPropagation: {
        type: DEPLOYMENT.type,
        path: `${C0}.volumeMounts[0].mountPropagation`,
        props: deployment((s) => (s.containers[0].volumeMounts[0].mountPropagation = U.string)),
    },
    devices: {
        type: DOCKER_CONTAINER,
        path: "devices[0].hostPath",
        props: () => ({ ...hardenedContainer(), devices: [{ hostPath: U.string, containerPath: "/dev/x" }] }),
    },
    hostNamespaces: { type: DEPLOYMENT.type, path: `${S}.hostPID`, props: deployment((s) => (s.hostPID = U.bool)) },
    hostPorts: {
        type: DEPLOYMENT.type,
        path: `${C0}.ports[0].hostPort`,
        props: deployment((s) => (s.containers[0].ports[0].hostPort = U.number)),
    },
    probes: {
        type: DEPLOYMENT.type,
        path: `${C0}.livenessProbe.httpGet.host`,
        props: deployment((s) => (s.containers[0].livenessProbe = { httpGet: { host: U.string, port: 8080 } })),
    },
    runtime: {
        type: DEPLOYMENT.type,
        path: `${S}.runtimeClassName`,
        props: deployment((s) => (s.runtimeClassName = U.string)),
    },
    seccomp: {
        type: DEPLOYMENT.type,
        path: `${SC}.seccompProfile.type`,
        props: deployment((s) => (s.containers[0].securityContext.seccompProfile.type = U.string)),
    },
    appArmor: {
        type: DEPLOYMENT.type,
        path: `${SC}.appArmorProfile.type`,
        props: deployment((s) => (s.containers[0].securityContext.appArmorProfile = { type: U.string })),
    },
    seLinux: {
        type: DEPLOYMENT.type,
        path: `${SC}.seLinuxOptions.type`,
        props: deployment((s) => (s.containers[0].securityContext.seLinuxOptions = { type: U.string })),
    },
    procMount: {
        type: DEPLOYMENT.type,
        path: `${SC}.procMount`,
        props: deployment((s) => (s.containers[0].securityContext.procMount = U.string)),
    },
    sysctls: {
        type: DEPLOYMENT.type,
        path: `${S}.securityContext.sysctls[0].name`,
        props: deployment((s) => (s.securityContext.sysctls = [{ name: U.string, value: "1" }])),
    },
    runAsNonRoot: {
        type: DEPLOYMENT.type,
        path: `${SC}.runAsNonRoot`,
        props: deployment((s) => (s.containers[0].securityContext.runAsNonRoot = U.bool)),
    },
    runAsUser: {
        type: DEPLOYMENT.type,
        path: `${SC}.runAsUser`,
        props: deployment((s) => (s.containers[0].securityContext.runAsUser = U.number)),
    },
    hostUsers: { type: DEPLOYMENT.type, path: `${S}.hostUsers`, props: deployment((s) => (s.hostUsers = U.bool)) },
    os: { type: DEPLOYMENT.type, path: `${S}.os.name`, props: deployment((s) => (s.os = { name: U.string })) },
    instanceMetadata: {
        type: INSTANCE,
        path: "metadataOptions.httpTokens",
        props: () => eksNodeInstance({ httpTokens: U.string, httpPutResponseHopLimit: 1 }),
    },
};

/** Each check with the field to make unknown: the first one it reads that has a case ("os" and "hostUsers" last). */
const targets = resourcePolicies.flatMap((p) =>
    p.checks.map((c) => {
        const reads = [...c.reads].sort(
            (a, b) => Number(a === "os" || a === "hostUsers") - Number(b === "os" || b === "hostUsers"),
        );
        const field = reads.find((f) => CASES[f] !== undefined);
        return { policy: p.name, check: c.id, field, c: field ? CASES[field] : undefined };
    }),
);

/** Only `check` of `policy` on, every other policy disabled. */
function only(policy: string, check: string, unknownValues: "defer" | "fail-closed"): PolicyPackConfigFile {
    const file: PolicyPackConfigFile = {};
    for (const p of resourcePolicies) {
        file[p.name] =
            p.name === policy
                ? { unknownValues, checks: Object.fromEntries(p.checks.map((c) => [c.id, c.id === check])) }
                : "disabled";
    }
    return file;
}

const summary = (ds: EngineDiagnostic[]) => JSON.stringify(ds.map((d) => `${d.enforcementLevel} ${d.message}`));
const levelOf = (policy: string) => resourcePolicies.find((p) => p.name === policy)?.enforcementLevel;
/** The pack's own line: @pulumi/policy puts the policy description before a mandatory message. */
const line = (d: EngineDiagnostic) => d.message.slice(d.message.lastIndexOf("\n") + 1);

/**
 * Analyze, then AnalyzeStack over the resource alone: a check other resources of the stack decide (a pod's sandbox:
 * a RuntimeClass, a Fargate profile) is judged there since issue 23, every other one in Analyze.
 */
async function analyzedWithStack(pack: PackProcess, type: string, props: Record<string, unknown>) {
    const urn = urnOf(type, "web");
    return [
        ...(await pack.analyze(type, "web", props, { urn })),
        ...(await pack.analyzeStack([{ type, name: "web", urn, properties: props }])),
    ];
}

describe("unknownValues over the analyzer protocol (engine-encoded unknowns)", function () {
    this.timeout(120000);
    let pack: PackProcess;
    before(async () => {
        pack = await PackProcess.start();
        await pack.configureStack({}, { dryRun: true });
    });
    after(async () => pack && pack.stop());

    it("has an unknown-value case for every resource check", () => {
        const missing = targets.filter((t) => !t.c).map((t) => `${t.policy}/${t.check}`);
        assert.deepStrictEqual(missing, []);
    });

    for (const t of targets) {
        if (!t.c) continue;
        const c = t.c;
        it(`${t.policy}/${t.check}: defer notes ${t.field} once, advisory, and reports nothing else`, async () => {
            await pack.configurePack(only(t.policy, t.check, "defer"));
            const ds = await analyzedWithStack(pack, c.type, c.props());
            assert.strictEqual(ds.length, 1, summary(ds));
            assert.strictEqual(ds[0].enforcementLevel, "advisory", summary(ds));
            assert.ok(line(ds[0]).startsWith("[unknownValues] "), summary(ds));
            assert.ok(line(ds[0]).includes(c.path), `${c.path} not named: ${summary(ds)}`);
        });
        it(`${t.policy}/${t.check}: fail-closed reports ${t.field} as a violation`, async () => {
            await pack.configurePack(only(t.policy, t.check, "fail-closed"));
            const ds = await analyzedWithStack(pack, c.type, c.props());
            assert.ok(ds.length >= 1, summary(ds));
            for (const d of ds) {
                // A violation at the policy's own level, not an advisory note.
                assert.strictEqual(d.enforcementLevel, levelOf(t.policy), summary(ds));
                assert.ok(line(d).startsWith(`[${t.check}] `), summary(ds));
            }
            assert.ok(
                ds.some(
                    (d) =>
                        line(d).includes(`${c.path} is unknown at preview`) &&
                        line(d).includes("cannot be judged at preview"),
                ),
                summary(ds),
            );
        });
    }

    describe("with every policy at its defaults", () => {
        before(async () => {
            await pack.configurePack({});
        });

        it("notes a whole container list unknown once for the resource, however many policies read it", async () => {
            const spec = hardenedPodSpec();
            spec.containers = U.array;
            const ds = await pack.analyze(DEPLOYMENT.type, "web", DEPLOYMENT.wrap(spec));
            assert.strictEqual(ds.length, 1, summary(ds));
            assert.ok(line(ds[0]).includes(`${S}.containers`) && ds[0].enforcementLevel === "advisory", summary(ds));
        });

        it("notes an unknown securityContext once and still judges the other containers", async () => {
            const spec = hardenedPodSpec();
            spec.containers[0].securityContext = U.object;
            spec.initContainers[0].securityContext.privileged = true;
            const ds = await pack.analyze(DEPLOYMENT.type, "web", DEPLOYMENT.wrap(spec));
            const notes = ds.filter((d) => line(d).startsWith("[unknownValues]"));
            assert.strictEqual(notes.length, 1, summary(ds));
            assert.ok(line(notes[0]).includes(`${SC}`), summary(ds));
            assert.ok(
                ds.some(
                    (d) =>
                        d.enforcementLevel === "mandatory" &&
                        line(d).startsWith("[privileged]") &&
                        line(d).includes("initContainers[0]"),
                ),
                summary(ds),
            );
        });

        it("an unknown element of a list is noted, the known elements judged", async () => {
            const spec = hardenedPodSpec();
            spec.containers[0].securityContext.capabilities.add = [U.string, "SYS_ADMIN"];
            const ds = await pack.analyze(DEPLOYMENT.type, "web", DEPLOYMENT.wrap(spec));
            // The container's capability verdict waits for the unknown element; the note names it.
            assert.ok(
                ds.some((d) => line(d).startsWith("[unknownValues]") && line(d).includes(`${SC}.capabilities.add[0]`)),
                summary(ds),
            );
        });

        it("two unknown fields read by different policies: each named once, every note advisory, nothing else", async () => {
            const spec = hardenedPodSpec();
            spec.containers[0].securityContext.privileged = U.bool;
            spec.hostNetwork = U.bool;
            const ds = await pack.analyze(DEPLOYMENT.type, "web", DEPLOYMENT.wrap(spec));
            assert.ok(
                ds.every((d) => d.enforcementLevel === "advisory" && line(d).startsWith("[unknownValues]")),
                summary(ds),
            );
            const text = ds.map(line).join("\n");
            for (const p of [`${SC}.privileged`, `${S}.hostNetwork`])
                assert.strictEqual(text.split(p).length - 1, 1, `${p}: ${summary(ds)}`);
        });

        it("every sentinel kind is recognized, not read as a value", async () => {
            for (const sentinel of Object.values(U)) {
                const spec = hardenedPodSpec();
                spec.containers[0].securityContext.privileged = sentinel;
                const ds = await pack.analyze(DEPLOYMENT.type, "web", DEPLOYMENT.wrap(spec));
                assert.strictEqual(ds.length, 1, `${sentinel}: ${summary(ds)}`);
                assert.ok(line(ds[0]).startsWith("[unknownValues]") && !line(ds[0]).includes(sentinel), summary(ds));
            }
        });

        it("fail-closed on the whole pack turns the same unknown into violations of every policy that reads it", async () => {
            const file: PolicyPackConfigFile = Object.fromEntries(
                resourcePolicies.map((p) => [p.name, { unknownValues: "fail-closed" }]),
            );
            await pack.configurePack(file);
            const spec = hardenedPodSpec();
            spec.containers = U.array;
            const ds = await pack.analyze(DEPLOYMENT.type, "web", DEPLOYMENT.wrap(spec));
            assert.ok(ds.length >= 3, summary(ds));
            assert.ok(
                ds.every(
                    (d) =>
                        d.enforcementLevel === levelOf(d.policyName) && line(d).includes("cannot be judged at preview"),
                ),
                summary(ds),
            );
            assert.ok(
                ds.every((d) => !line(d).startsWith("[unknownValues]")),
                summary(ds),
            );
            await pack.configurePack({});
        });
    });
});
