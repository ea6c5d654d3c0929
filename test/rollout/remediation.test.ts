// `remediate` over the analyzer protocol: the engine's Remediate call returns the fixed inputs, which must differ
// from what was sent only in the fields the fixes own; what has no safe fix stays a violation.
import * as assert from "assert";
import { EngineRemediation, suitePack, secret } from "../harness/engine";
import { DEPLOYMENT, hardenedPodSpec, Obj } from "../fixtures/kubernetes";
import { DOCKER_CONTAINER, hardenedContainer } from "../fixtures/docker";

const REMEDIATE_ALL = {
    all: "remediate",
    "kernel-hardening": { enforcementLevel: "remediate", checks: { seccompProfile_restricted: true } },
};

/** The inputs after every remediation, as the engine chains them (each one returns the whole inputs). */
function finalInputs(rs: EngineRemediation[]): Obj | undefined {
    return rs.length ? rs[rs.length - 1].properties : undefined;
}

/** A Deployment breaking every fixable rule, plus unrelated fields a fix must not touch (a secret among them). */
function fixableDeployment(): Obj {
    const spec = hardenedPodSpec();
    delete spec.securityContext.seccompProfile;
    const app = spec.containers[0];
    delete app.securityContext.seccompProfile;
    app.securityContext.privileged = true;
    app.securityContext.allowPrivilegeEscalation = true;
    app.securityContext.capabilities = { add: ["SYS_ADMIN", "NET_BIND_SERVICE", "NET_ADMIN"], drop: ["NET_RAW"] };
    app.args = ["--zeta", "--alpha", "--mid"];
    app.env = [
        { name: "TOKEN", value: secret("s3cr3t-token") },
        { name: "A", value: "1" },
    ];
    spec.containers.push({
        name: "worker",
        image: "ghcr.io/acme/worker:3",
        securityContext: {
            privileged: secret(true),
            runAsNonRoot: true,
            seccompProfile: { type: "RuntimeDefault" },
            capabilities: { drop: ["ALL"] },
            allowPrivilegeEscalation: false,
        },
    });
    spec.tolerations = [
        { key: "b", operator: "Exists" },
        { key: "a", operator: "Exists" },
    ];
    const res = DEPLOYMENT.wrap(spec);
    res.metadata.labels = { z: "1", a: "2" };
    return res;
}

describe("remediation over the analyzer protocol", function () {
    this.timeout(60000);
    const pack = suitePack();

    it("fixes privileged, privilege escalation, capabilities and a missing seccomp profile, and changes nothing else", async () => {
        await pack().configurePack(REMEDIATE_ALL);
        const original = fixableDeployment();
        const rs = await pack().remediate(DEPLOYMENT.type, "web", original);
        assert.deepStrictEqual(
            rs.map((r) => r.policyName),
            ["no-privileged-containers", "drop-capabilities", "kernel-hardening"],
        );
        assert.ok(
            rs.every((r) => r.diagnostic === ""),
            JSON.stringify(rs),
        );

        const expected = structuredClone(original);
        const [app, worker] = expected.spec.template.spec.containers;
        app.securityContext.privileged = false;
        app.securityContext.allowPrivilegeEscalation = false;
        app.securityContext.capabilities = { add: ["NET_BIND_SERVICE"], drop: ["NET_RAW", "ALL"] };
        app.securityContext.seccompProfile = { type: "RuntimeDefault" };
        worker.securityContext.privileged = secret(false);
        expected.spec.template.spec.initContainers[0].securityContext.seccompProfile = { type: "RuntimeDefault" };
        assert.deepStrictEqual(finalInputs(rs), JSON.parse(JSON.stringify(expected)));
        // Byte for byte where nothing was fixed, secrets still in their wire form.
        const after = finalInputs(rs)!;
        assert.strictEqual(
            JSON.stringify(after.spec.template.spec.containers[0].env),
            JSON.stringify(original.spec.template.spec.containers[0].env),
        );
        assert.strictEqual(
            JSON.stringify(after.spec.template.spec.containers[0].args),
            JSON.stringify(["--zeta", "--alpha", "--mid"]),
        );
        assert.strictEqual(
            JSON.stringify(after.spec.template.spec.tolerations),
            JSON.stringify(original.spec.template.spec.tolerations),
        );

        // The engine analyzes the remediated inputs next: nothing left.
        assert.deepStrictEqual(await pack().analyze(DEPLOYMENT.type, "web", after), []);
    });

    it("leaves a hostPath and a host namespace as violations under remediate", async () => {
        await pack().configurePack(REMEDIATE_ALL);
        const res = fixableDeployment();
        res.spec.template.spec.hostPID = true;
        res.spec.template.spec.volumes.push({ name: "sock", hostPath: { path: "/var/run/docker.sock" } });
        const after = finalInputs(await pack().remediate(DEPLOYMENT.type, "web", res))!;
        assert.strictEqual(after.spec.template.spec.hostPID, true);
        assert.deepStrictEqual(after.spec.template.spec.volumes.slice(-1), [
            { name: "sock", hostPath: { path: "/var/run/docker.sock" } },
        ]);
        const ds = await pack().analyze(DEPLOYMENT.type, "web", after);
        assert.deepStrictEqual(
            ds.map((d) => `${d.policyName}:${d.enforcementLevel}:${/\[(\w+)\]/.exec(d.message)?.[1]}`).sort(),
            ["no-host-namespaces:mandatory:hostNamespaces", "no-sensitive-host-mounts:mandatory:sensitiveHostPath"],
        );
    });

    it("remediates nothing for policies not at remediate, for hardened inputs, or for an exempted finding", async () => {
        await pack().configurePack({ "no-privileged-containers": "mandatory" });
        assert.deepStrictEqual(await pack().remediate(DEPLOYMENT.type, "web", fixableDeployment()), []);
        await pack().configurePack(REMEDIATE_ALL);
        assert.deepStrictEqual(await pack().remediate(DEPLOYMENT.type, "web", DEPLOYMENT.wrap(hardenedPodSpec())), []);
        await pack().configurePack({
            "no-privileged-containers": {
                enforcementLevel: "remediate",
                exemptions: [
                    {
                        id: "GPU-1",
                        checks: ["privileged"],
                        match: { container: "app" },
                        reason: "GPU driver installer",
                        expires: "2999-01-01",
                    },
                ],
            },
        });
        const after = finalInputs(await pack().remediate(DEPLOYMENT.type, "web", fixableDeployment()))!;
        const [app, worker] = after.spec.template.spec.containers;
        assert.strictEqual(app.securityContext.privileged, true);
        assert.strictEqual(app.securityContext.allowPrivilegeEscalation, false);
        assert.deepStrictEqual(worker.securityContext.privileged, secret(false));
    });

    it("fixes a Docker container: privileged, no-new-privileges in place, capabilities", async () => {
        await pack().configurePack(REMEDIATE_ALL);
        const c = hardenedContainer();
        c.privileged = true;
        c.securityOpts = ["label=type:container_t", "no-new-privileges:false"];
        c.capabilities = { adds: ["SYS_ADMIN", "net_bind_service"] };
        const after = finalInputs(await pack().remediate(DOCKER_CONTAINER, "web", c))!;
        assert.deepStrictEqual(after, {
            ...c,
            privileged: false,
            securityOpts: ["label=type:container_t", "no-new-privileges:true"],
            capabilities: { adds: ["net_bind_service"], drops: ["ALL"] },
        });
        assert.deepStrictEqual(await pack().analyze(DOCKER_CONTAINER, "web", after), []);
    });
});
