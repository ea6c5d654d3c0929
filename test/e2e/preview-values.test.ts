// Preview-time unknowns and secrets, sent as the engine encodes them, through the full engine sequence (defaults
// filled and validated config, Analyze). Documented behaviour (docs/engine-path.md, README): a security field unknown
// at preview is not a violation under the default `unknownValues: defer`, but one advisory note naming the field;
// under `fail-closed` it is a violation. A secret value is judged like any other and printed as `[secret]`.
import * as assert from "assert";
import { EngineDiagnostic, PackProcess, secret, UNKNOWN, urnOf } from "../harness/engine";
import { DEPLOYMENT, hardenedPodSpec, Obj } from "../fixtures/kubernetes";
import { DOCKER_CONTAINER, hardenedContainer } from "../fixtures/docker";

const MULTI_TENANT = { labels: { tenancy: "multi-tenant" } };

function unknownPrivileged(): Obj {
    const spec = hardenedPodSpec();
    spec.containers[0].securityContext.privileged = UNKNOWN;
    return DEPLOYMENT.wrap(spec);
}

/** Analyze, then AnalyzeStack: since issue 23 a pod's sandbox is judged with the stack (RuntimeClasses, Fargate). */
async function withStack(pack: PackProcess, type: string, name: string, props: Obj): Promise<EngineDiagnostic[]> {
    const urn = urnOf(type, name);
    const resource = await pack.analyze(type, name, props, { urn });
    return [...resource, ...(await pack.analyzeStack([{ type, name, urn, properties: props }]))];
}

function unknownRuntimeClass(): Obj {
    const spec = hardenedPodSpec();
    spec.runtimeClassName = UNKNOWN;
    return DEPLOYMENT.wrap(spec, MULTI_TENANT);
}

const mandatory = (ds: EngineDiagnostic[]) => ds.filter((d) => d.enforcementLevel === "mandatory");

describe("preview-time unknowns and secrets over the analyzer protocol", function () {
    this.timeout(60000);

    describe("with the default unknownValues: defer", () => {
        let pack: PackProcess;
        before(async () => {
            pack = await PackProcess.start();
            await pack.configureStack();
            const sent = await pack.configurePack({});
            assert.strictEqual(sent["no-privileged-containers"].properties?.unknownValues, "defer");
        });
        after(async () => pack && pack.stop());

        it("an unknown privileged is no violation, and one advisory note names the field", async () => {
            const ds = await pack.analyze(DEPLOYMENT.type, "web", unknownPrivileged());
            assert.deepStrictEqual(mandatory(ds), []);
            assert.strictEqual(ds.length, 1, JSON.stringify(ds));
            assert.strictEqual(ds[0].enforcementLevel, "advisory");
            assert.match(ds[0].message, /unknown at preview/);
            assert.ok(
                ds[0].message.includes("spec.template.spec.containers[0].securityContext.privileged"),
                ds[0].message,
            );
        });

        it("an unknown runtimeClassName of a multi-tenant workload is no violation, and one note names it", async () => {
            const ds = await withStack(pack, DEPLOYMENT.type, "tenant-app", unknownRuntimeClass());
            assert.deepStrictEqual(mandatory(ds), []);
            assert.strictEqual(ds.length, 1, JSON.stringify(ds));
            assert.strictEqual(ds[0].enforcementLevel, "advisory");
            assert.ok(ds[0].message.includes("spec.template.spec.runtimeClassName"), ds[0].message);
        });

        it("the same multi-tenant workload without a runtimeClassName is a violation (the note is not hiding nothing)", async () => {
            const ds = await withStack(
                pack,
                DEPLOYMENT.type,
                "tenant-app",
                DEPLOYMENT.wrap(hardenedPodSpec(), MULTI_TENANT),
            );
            assert.deepStrictEqual(
                mandatory(ds).map((d) => d.policyName),
                ["multi-tenant-isolation"],
            );
        });

        it("a secret-wrapped hostPath is still judged, and its value never printed", async () => {
            const spec = hardenedPodSpec();
            spec.volumes.push({ name: "sock", hostPath: secret({ path: "/var/run/docker.sock", type: "Socket" }) });
            const ds = await pack.analyze(DEPLOYMENT.type, "web", DEPLOYMENT.wrap(spec));
            const m = mandatory(ds);
            assert.deepStrictEqual(
                m.map((d) => d.policyName),
                ["no-sensitive-host-mounts"],
            );
            assert.ok(m[0].message.includes("[secret]"), m[0].message);
            assert.ok(
                ds.every((d) => !d.message.includes("docker.sock")),
                JSON.stringify(ds),
            );
        });

        it("a secret Docker bind mount source is judged the same way", async () => {
            const c = hardenedContainer();
            c.volumes.push({ hostPath: secret("/var/run/docker.sock"), containerPath: "/var/run/docker.sock" });
            const ds = await pack.analyze(DOCKER_CONTAINER, "web", c);
            assert.deepStrictEqual(
                mandatory(ds).map((d) => d.policyName),
                ["no-sensitive-host-mounts"],
            );
            assert.ok(
                ds.every((d) => !d.message.includes("docker.sock")),
                JSON.stringify(ds),
            );
        });
    });

    describe("with unknownValues: fail-closed", () => {
        let pack: PackProcess;
        before(async () => {
            pack = await PackProcess.start();
            await pack.configureStack();
            await pack.configurePack({
                "no-privileged-containers": { unknownValues: "fail-closed" },
                "multi-tenant-isolation": { unknownValues: "fail-closed" },
            });
        });
        after(async () => pack && pack.stop());

        it("an unknown privileged is a mandatory violation naming the field", async () => {
            const m = mandatory(await pack.analyze(DEPLOYMENT.type, "web", unknownPrivileged()));
            assert.deepStrictEqual(
                m.map((d) => d.policyName),
                ["no-privileged-containers"],
            );
            assert.ok(
                m[0].message.includes("containers[0].securityContext.privileged is unknown at preview"),
                m[0].message,
            );
        });

        it("an unknown runtimeClassName of a multi-tenant workload is a mandatory violation naming the field", async () => {
            const m = mandatory(await withStack(pack, DEPLOYMENT.type, "tenant-app", unknownRuntimeClass()));
            assert.deepStrictEqual(
                m.map((d) => d.policyName),
                ["multi-tenant-isolation"],
            );
            assert.ok(m[0].message.includes("spec.template.spec.runtimeClassName is unknown at preview"), m[0].message);
        });
    });
});
