// The pack started exactly as the engine starts it, driven over gRPC with the stubs @pulumi/pulumi ships.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { suitePack, secret } from "../harness/engine";
import { DEPLOYMENT, hardenedPodSpec } from "../fixtures/kubernetes";
import { DOCKER_CONTAINER, hardenedContainer } from "../fixtures/docker";

describe("pack over the analyzer protocol", function () {
    this.timeout(60000);
    const pack = suitePack();

    it("lists its policies with levels, descriptions, remediation and config schemas", async () => {
        const info = await pack().getAnalyzerInfo();
        assert.strictEqual(info.name, "isolation-guard");
        assert.strictEqual(
            info.version,
            (JSON.parse(fs.readFileSync(path.join(__dirname, "../../../package.json"), "utf8")) as { version: string })
                .version,
        );
        const names = info.policies.map((p) => p.name);
        for (const n of [
            "no-privileged-containers",
            "drop-capabilities",
            "no-sensitive-host-mounts",
            "no-host-namespaces",
        ])
            assert.ok(names.includes(n), n);
        for (const p of info.policies) {
            assert.ok(p.description.length > 10, p.name);
            assert.ok(p.remediationSteps.length > 10, p.name);
            assert.ok(p.configSchema && "checks" in (p.configSchema as object), p.name);
        }
    });

    it("reports nothing for a hardened Deployment and Docker container", async () => {
        assert.deepStrictEqual(await pack().analyze(DEPLOYMENT.type, "web", DEPLOYMENT.wrap(hardenedPodSpec())), []);
        assert.deepStrictEqual(await pack().analyze(DOCKER_CONTAINER, "web", hardenedContainer()), []);
    });

    it("returns the check IDs for privileged, capabilities, mounts and namespaces", async () => {
        const spec = hardenedPodSpec();
        spec.hostPID = true;
        spec.containers[0].securityContext.privileged = true;
        spec.containers[0].securityContext.capabilities.add = ["SYS_ADMIN"];
        spec.volumes.push({ name: "sock", hostPath: { path: "/var/run/docker.sock" } });
        const ds = await pack().analyze(DEPLOYMENT.type, "web", DEPLOYMENT.wrap(spec));
        const ids = ds.map((d) => /\[(\w+)\]/.exec(d.message)?.[1]).sort();
        assert.deepStrictEqual(ids, ["capabilities_restricted", "hostNamespaces", "privileged", "sensitiveHostPath"]);
        assert.ok(ds.every((d) => d.enforcementLevel === "mandatory"));
        const policies = ds.map((d) => d.policyName).sort();
        assert.deepStrictEqual(policies, [
            "drop-capabilities",
            "no-host-namespaces",
            "no-privileged-containers",
            "no-sensitive-host-mounts",
        ]);
    });

    it("judges Docker containers the same way", async () => {
        const c = hardenedContainer();
        c.privileged = true;
        c.pidMode = "host";
        c.capabilities = { adds: ["cap_sys_admin"] };
        c.volumes.push({ hostPath: "//var/run/docker.sock", containerPath: "/var/run/docker.sock", readOnly: true });
        const ds = await pack().analyze(DOCKER_CONTAINER, "web", c);
        const ids = ds.map((d) => /\[(\w+)\]/.exec(d.message)?.[1]).sort();
        assert.deepStrictEqual(ids, ["capabilities_restricted", "hostNamespaces", "privileged", "sensitiveHostPath"]);
    });

    it("never prints a secret value", async () => {
        const spec = hardenedPodSpec();
        spec.volumes.push({ name: "sock", hostPath: secret({ path: "/var/run/docker.sock" }) });
        const ds = await pack().analyze(DEPLOYMENT.type, "web", DEPLOYMENT.wrap(spec));
        assert.strictEqual(ds.length, 1);
        assert.ok(ds[0].message.includes("[sensitiveHostPath]"), ds[0].message);
        assert.ok(ds[0].message.includes("[secret]"), ds[0].message);
        assert.ok(!ds[0].message.includes("docker.sock"), ds[0].message);
    });
});
