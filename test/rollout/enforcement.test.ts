// Enforcement levels and presets over the analyzer protocol, configured the way the engine configures a pack
// (schema defaults, then `all`, then each policy; validated), plus exemptions, the unused-exemption stack check and
// opaque Helm releases as the engine sees them.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { PACK_DIR, suitePack, PolicyPackConfigFile, urnOf } from "../harness/engine";
import { DEPLOYMENT, hardenedPodSpec, Obj } from "../fixtures/kubernetes";

function preset(name: string): PolicyPackConfigFile {
    return JSON.parse(fs.readFileSync(path.join(PACK_DIR, "presets", `${name}.json`), "utf8"));
}

/** Privileged, SYS_ADMIN, hostPID and the Docker socket: one finding in each of four policies. */
function violatingDeployment(): Obj {
    const spec = hardenedPodSpec();
    spec.hostPID = true;
    spec.containers[0].securityContext.privileged = true;
    spec.containers[0].securityContext.capabilities.add = ["SYS_ADMIN"];
    spec.volumes.push({ name: "sock", hostPath: { path: "/var/run/docker.sock" } });
    return DEPLOYMENT.wrap(spec);
}

const FAILING_POLICIES = [
    "drop-capabilities",
    "no-host-namespaces",
    "no-privileged-containers",
    "no-sensitive-host-mounts",
];

describe("enforcement levels and presets over the analyzer protocol", function () {
    this.timeout(60000);
    const pack = suitePack();

    const levelsBy = (ds: { policyName: string; enforcementLevel: string }[]) =>
        Object.fromEntries(ds.map((d) => [d.policyName, d.enforcementLevel]));

    it("fails a violating stack with the default config (and with presets/default.json)", async () => {
        for (const config of [{}, preset("default")]) {
            await pack().configurePack(config);
            const ds = await pack().analyze(DEPLOYMENT.type, "web", violatingDeployment());
            assert.deepStrictEqual([...new Set(ds.map((d) => d.policyName))].sort(), FAILING_POLICIES);
            assert.ok(
                ds.every((d) => d.enforcementLevel === "mandatory"),
                JSON.stringify(ds),
            );
        }
    });

    it("presets/advisory.json reports the same findings, advisory only", async () => {
        await pack().configurePack({});
        const mandatory = await pack().analyze(DEPLOYMENT.type, "web", violatingDeployment());
        await pack().configurePack(preset("advisory"));
        const advisory = await pack().analyze(DEPLOYMENT.type, "web", violatingDeployment());
        assert.deepStrictEqual(
            advisory.map((d) => d.message),
            mandatory.map((d) => d.message),
        );
        assert.ok(
            advisory.length >= 4 && advisory.every((d) => d.enforcementLevel === "advisory"),
            JSON.stringify(advisory),
        );
    });

    it("honors `all` and per-policy overrides, the policy's own entry winning", async () => {
        await pack().configurePack({
            all: "advisory",
            "no-privileged-containers": "mandatory",
            "no-host-namespaces": { enforcementLevel: "disabled" },
        });
        const ds = await pack().analyze(DEPLOYMENT.type, "web", violatingDeployment());
        assert.deepStrictEqual(levelsBy(ds), {
            "no-privileged-containers": "mandatory",
            "drop-capabilities": "advisory",
            "no-sensitive-host-mounts": "advisory",
        });
        await pack().configurePack({ all: "disabled", "drop-capabilities": "mandatory" });
        assert.deepStrictEqual(levelsBy(await pack().analyze(DEPLOYMENT.type, "web", violatingDeployment())), {
            "drop-capabilities": "mandatory",
        });
    });

    it("`all` carries levels only: properties under it never reach a policy (as in the engine)", async () => {
        const sent = await pack().configurePack({
            all: { enforcementLevel: "advisory", allowedCapabilities: ["SYS_ADMIN"] },
        });
        assert.deepStrictEqual(sent["drop-capabilities"].properties?.allowedCapabilities, ["NET_BIND_SERVICE"]);
        const ds = await pack().analyze(DEPLOYMENT.type, "web", violatingDeployment());
        assert.ok(ds.some((d) => d.policyName === "drop-capabilities" && d.enforcementLevel === "advisory"));
    });

    it("a policy at `remediate` without a safe fix for a finding reports it as mandatory", async () => {
        await pack().configurePack({ all: "remediate" });
        const ds = await pack().analyze(DEPLOYMENT.type, "web", violatingDeployment());
        const hostMounts = ds.filter(
            (d) => d.policyName === "no-sensitive-host-mounts" || d.policyName === "no-host-namespaces",
        );
        assert.strictEqual(hostMounts.length, 2);
        assert.ok(hostMounts.every((d) => d.enforcementLevel === "mandatory"));
    });

    it("an exemption in the pack config turns the named violation into an advisory note naming it; an expired one does not", async () => {
        const exemption = (expires: string) => ({
            "no-privileged-containers": {
                exemptions: [
                    {
                        id: "OPS-7",
                        checks: ["privileged"],
                        match: { image: "docker.io/library/nginx" },
                        reason: "node debugger",
                        expires,
                    },
                ],
            },
        });
        await pack().configurePack(exemption("2999-12-31"));
        const waived = await pack().analyze(DEPLOYMENT.type, "web", violatingDeployment());
        const notes = waived.filter((d) => d.policyName === "no-privileged-containers");
        assert.strictEqual(notes.length, 1);
        assert.strictEqual(notes[0].enforcementLevel, "advisory");
        assert.match(
            notes[0].message,
            /^\[privileged\] .* waived by exemption "OPS-7" \(reason: node debugger; expires 2999-12-31\)$/,
        );
        assert.ok(
            waived
                .filter((d) => d.policyName !== "no-privileged-containers")
                .every((d) => d.enforcementLevel === "mandatory"),
        );

        await pack().configurePack(exemption("2000-01-01"));
        const expired = (await pack().analyze(DEPLOYMENT.type, "web", violatingDeployment())).filter(
            (d) => d.policyName === "no-privileged-containers",
        );
        assert.strictEqual(expired.length, 1);
        assert.strictEqual(expired[0].enforcementLevel, "mandatory");
        assert.match(expired[0].message, /exemption "OPS-7" expired on 2000-01-01 and no longer applies/);
    });

    it("the engine refuses an exemption without a reason or with an unknown check ID", async () => {
        const entry = { checks: ["privileged"], match: { name: "web" }, expires: "2999-01-01" };
        await assert.rejects(
            pack().configurePack({ "no-privileged-containers": { exemptions: [entry] } }),
            /reason is required/,
        );
        await assert.rejects(
            pack().configurePack({
                "no-privileged-containers": { exemptions: [{ ...entry, reason: "r", checks: ["hostPath"] }] },
            }),
            /must be one of the following/,
        );
    });

    it("reports an exemption that matches nothing in the whole stack, once, as a note even under `all: mandatory`", async () => {
        await pack().configurePack({
            all: "mandatory",
            "no-privileged-containers": {
                exemptions: [
                    { id: "used", checks: ["privileged"], match: { name: "web" }, reason: "r", expires: "2999-01-01" },
                    {
                        id: "stale",
                        checks: ["privileged"],
                        match: { name: "legacy-*" },
                        reason: "legacy agent",
                        expires: "2999-01-01",
                    },
                ],
            },
        });
        const resources = [
            {
                type: DEPLOYMENT.type,
                name: "web",
                urn: urnOf(DEPLOYMENT.type, "web"),
                properties: violatingDeployment(),
            },
            {
                type: DEPLOYMENT.type,
                name: "api",
                urn: urnOf(DEPLOYMENT.type, "api"),
                properties: DEPLOYMENT.wrap(hardenedPodSpec()),
            },
        ];
        const { stack } = await pack().analyzeAll(resources);
        const unused = stack.filter((d) => d.policyName === "unused-exemptions");
        assert.strictEqual(unused.length, 1, JSON.stringify(stack));
        assert.strictEqual(unused[0].enforcementLevel, "advisory");
        assert.match(
            unused[0].message,
            /(^|\n)\[unusedExemption\] exemption "stale" of policy no-privileged-containers matches nothing in this stack/,
        );
    });

    it("reports a Helm v3 Release (any version) as opaque, advisory, pointing to helm.v4.Chart", async () => {
        await pack().configurePack({});
        for (const type of ["kubernetes:helm.sh/v3:Release", "kubernetes:helm.sh/v4:Release"]) {
            const ds = await pack().analyze(type, "ingress", {
                chart: "ingress-nginx",
                name: "ingress",
                values: { controller: { hostNetwork: true } },
            });
            assert.strictEqual(ds.length, 1, type);
            assert.strictEqual(ds[0].policyName, "opaque-helm-releases");
            assert.strictEqual(ds[0].enforcementLevel, "advisory");
            assert.match(
                ds[0].message,
                /(^|\n)\[helmRelease\] Release "ingress" \(chart "ingress-nginx"\) is opaque to policies: .*never reach the policy engine.*kubernetes\.helm\.v4\.Chart/,
            );
        }
        assert.deepStrictEqual(
            await pack().analyze("kubernetes:helm.sh/v4:Chart", "ingress", { chart: "ingress-nginx" }),
            [],
        );
        await pack().configurePack(preset("multi-tenant-strict"));
        const strict = await pack().analyze("kubernetes:helm.sh/v3:Release", "ingress", { chart: "ingress-nginx" });
        assert.deepStrictEqual(
            strict.map((d) => d.enforcementLevel),
            ["mandatory"],
        );
    });
});
