// The user-visible cases of issue 10 (host storage, managed sandboxes, sysctl values, harmless read-only files) as a
// security engineer would meet them: through the engine path (the pack over the analyzer protocol, Analyze then
// AnalyzeStack) and through `isolation-guard scan` on manifests.
import * as assert from "assert";
import * as path from "path";
import { EngineDiagnostic, PackProcess, StackResource, urnOf } from "../harness/engine";
import { DEPLOYMENT, POD, hardenedPodSpec, Obj } from "../fixtures/kubernetes";
import { DOCKER_CONTAINER, hardenedContainer } from "../fixtures/docker";
import { scan, ScanFinding } from "../../cli/scan";
import { json, manifestDir } from "../cli/manifests";

const PV = "kubernetes:core/v1:PersistentVolume";
const DOCKER_VOLUME = "docker:index/volume:Volume";
const RUNTIME_CLASS = "kubernetes:node.k8s.io/v1:RuntimeClass";
const CR8ESCAPE = "1+kernel.core_pattern=|/var/lib/containers/storage/overlay/x/merged/malicious.sh #";

const hostPathPv = (name: string, hostPathPath: string) => ({
    apiVersion: "v1",
    kind: "PersistentVolume",
    metadata: { name },
    spec: { capacity: { storage: "1Gi" }, accessModes: ["ReadWriteOnce"], hostPath: { path: hostPathPath } },
});

function aksTenantDeployment(runtimeClassName: string): Obj {
    const spec = hardenedPodSpec();
    spec.runtimeClassName = runtimeClassName;
    const d = DEPLOYMENT.wrap(spec, { labels: { tenancy: "multi-tenant" } });
    d.metadata = { name: "tenant-app", namespace: "tenants", labels: { tenancy: "multi-tenant" } };
    return d;
}

function cr8escapePod(): Obj {
    const spec = hardenedPodSpec();
    spec.securityContext.sysctls = [{ name: "kernel.shm_rmid_forced", value: CR8ESCAPE }];
    return POD.wrap(spec);
}

function localtimePod(readOnly: boolean): Obj {
    const spec = hardenedPodSpec();
    spec.volumes.push({ name: "tz", hostPath: { path: "/etc/localtime", type: "File" } });
    spec.containers[0].volumeMounts.push({ name: "tz", mountPath: "/etc/localtime", readOnly });
    return POD.wrap(spec);
}

function localtimeContainer(readOnly: boolean): Obj {
    const c = hardenedContainer();
    c.volumes = [...c.volumes, { hostPath: "/etc/localtime", containerPath: "/etc/localtime", readOnly }];
    return c;
}

const resource = (type: string, name: string, properties: Obj): StackResource => ({
    type,
    name,
    urn: urnOf(type, name),
    properties,
});

const mandatory = (ds: EngineDiagnostic[]) => ds.filter((d) => d.enforcementLevel === "mandatory");
const checks = (ds: EngineDiagnostic[]) => ds.map((d) => /^\[(\w+)\]/m.exec(d.message.split("\n").pop() ?? "")?.[1]);

describe("issue 10 blind spots over the analyzer protocol", function () {
    this.timeout(60000);
    let pack: PackProcess;
    before(async () => {
        pack = await PackProcess.start();
        await pack.configureStack();
        await pack.configurePack({});
    });
    after(async () => pack && pack.stop());

    it("a PersistentVolume with hostPath /var/run fails preview (mandatory sensitiveHostPath)", async () => {
        const ds = mandatory(await pack.analyze(PV, "runtime-dir", hostPathPv("runtime-dir", "/var/run")));
        assert.deepStrictEqual(checks(ds), ["sensitiveHostPath"]);
        assert.strictEqual(ds[0].policyName, "no-sensitive-host-mounts");
        assert.ok(ds[0].message.includes('spec.hostPath.path is "/var/run"'), ds[0].message);
    });

    it("a docker.Volume binding /var/run fails where defined and, in AnalyzeStack, on the container that mounts it", async () => {
        const volume = resource(DOCKER_VOLUME, "sock", {
            name: "sock",
            driver: "local",
            driverOpts: { type: "none", o: "bind", device: "/var/run" },
        });
        const c = hardenedContainer();
        c.name = "agent";
        c.mounts = [{ type: "volume", source: "sock", target: "/var/run" }];
        const container = resource(DOCKER_CONTAINER, "agent", c);
        const { resource: perResource, stack } = await pack.analyzeAll([volume, container]);
        assert.deepStrictEqual(
            mandatory(perResource).map((d) => [d.urn || volume.urn, checks([d])[0]]),
            [[volume.urn, "sensitiveHostPath"]],
        );
        const onContainer = mandatory(stack).filter((d) => d.urn === container.urn);
        assert.strictEqual(onContainer.length, 1, JSON.stringify(stack));
        assert.ok(
            onContainer[0].message.includes('through Volume "sock": mounts[0].source is "sock"'),
            onContainer[0].message,
        );
    });

    it("a multi-tenant Deployment on AKS's kata-mshv-vm-isolation passes; so does its RuntimeClass with handler kata", async () => {
        const d = resource(DEPLOYMENT.type, "tenant-app", aksTenantDeployment("kata-mshv-vm-isolation"));
        const rc = resource(RUNTIME_CLASS, "kata-mshv-vm-isolation", {
            apiVersion: "node.k8s.io/v1",
            kind: "RuntimeClass",
            metadata: { name: "kata-mshv-vm-isolation" },
            handler: "kata",
        });
        const { resource: perResource, stack } = await pack.analyzeAll([rc, d]);
        assert.deepStrictEqual(mandatory([...perResource, ...stack]), []);
        // The handler stays the truth: the same class name running runc is reported.
        const lying = resource(RUNTIME_CLASS, "kata-mshv-vm-isolation", { ...rc.properties, handler: "runc" });
        const again = await pack.analyzeAll([lying, d]);
        assert.deepStrictEqual(checks(mandatory(again.stack)), ["sandboxRuntimeClass"]);
    });

    it("a name that only resembles a sandbox (kata-off) is rejected", async () => {
        // Judged in AnalyzeStack since issue 23 (a RuntimeClass of the stack could give the name a sandbox handler).
        const { resource: r, stack } = await pack.analyzeAll([
            resource(DEPLOYMENT.type, "tenant-app", aksTenantDeployment("kata-off")),
        ]);
        assert.deepStrictEqual(checks(mandatory([...r, ...stack])), ["sandboxedRuntime"]);
    });

    it("a safe-listed sysctl whose value smuggles kernel.core_pattern (CVE-2022-0811) fails preview", async () => {
        const ds = mandatory(await pack.analyze(POD.type, "cr8escape", cr8escapePod()));
        assert.deepStrictEqual(checks(ds), ["sysctls"]);
        assert.ok(ds[0].message.includes("CVE-2022-0811"), ds[0].message);
    });

    it("a read-only /etc/localtime is no finding (Kubernetes and Docker); a writable one still is", async () => {
        assert.deepStrictEqual(await pack.analyze(POD.type, "tz", localtimePod(true)), []);
        assert.deepStrictEqual(await pack.analyze(DOCKER_CONTAINER, "tz", localtimeContainer(true)), []);
        assert.deepStrictEqual(checks(mandatory(await pack.analyze(POD.type, "tz", localtimePod(false)))), [
            "sensitiveHostPath",
        ]);
        assert.deepStrictEqual(
            checks(mandatory(await pack.analyze(DOCKER_CONTAINER, "tz", localtimeContainer(false)))),
            ["sensitiveHostPath"],
        );
    });
});

describe("issue 10 blind spots through isolation-guard scan", () => {
    it("reports the PV, the sysctl and a writable localtime; leaves the AKS tenant, its RuntimeClass and a read-only localtime alone", () => {
        const withName = (o: Obj, name: string) => ({ ...o, metadata: { ...o.metadata, name } });
        const dir = manifestDir({
            "storage.yaml": json(hostPathPv("runtime-dir", "/var/run")),
            "tenant.yaml": [
                json(aksTenantDeployment("kata-mshv-vm-isolation")),
                json({
                    apiVersion: "node.k8s.io/v1",
                    kind: "RuntimeClass",
                    metadata: { name: "kata-mshv-vm-isolation" },
                    handler: "kata",
                }),
            ].join("\n---\n"),
            "pods.yaml": [
                json(withName(cr8escapePod(), "cr8escape")),
                json(withName(localtimePod(true), "tz-readonly")),
                json(withName(localtimePod(false), "tz-writable")),
            ].join("\n---\n"),
        });
        let out = "";
        const code = scan(["--format", "json", dir], { stdout: (s) => (out += s), stderr: () => undefined });
        assert.strictEqual(code, 1);
        const findings: ScanFinding[] = JSON.parse(out);
        assert.deepStrictEqual(
            findings
                .filter((f) => f.enforcementLevel === "mandatory")
                .map((f) => `${path.basename(f.file)} ${f.kind}/${f.name} ${f.check}`)
                .sort(),
            [
                "pods.yaml Pod/cr8escape sysctls",
                "pods.yaml Pod/tz-writable sensitiveHostPath",
                "storage.yaml PersistentVolume/runtime-dir sensitiveHostPath",
            ],
        );
    });
});
