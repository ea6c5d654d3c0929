// Custom resources through the two other ways in: the pack over the analyzer protocol (as `pulumi preview` runs it)
// and the `scan` CLI over manifests. Every well-known family, violating and hardened, both ways.
import * as assert from "assert";
import * as yaml from "js-yaml";
import { scan, ScanFinding } from "../../cli/scan";
import { suitePack } from "../harness/engine";
import { CR_INSTANCES, template } from "../fixtures/customResources";
import { manifestDir } from "../cli/manifests";

function checkOf(message: string): string | undefined {
    return /^\[(\w+)\]/m.exec(message)?.[1];
}

describe("custom resources over the analyzer protocol", function () {
    this.timeout(120000);
    const pack = suitePack();

    it("every family: the violating instance fails at the CR's path, the hardened one passes", async () => {
        for (const inst of CR_INSTANCES) {
            assert.deepStrictEqual(await pack().analyze(inst.type, "cr", inst.props(false)), [], inst.name);
            const ds = await pack().analyze(inst.type, "cr", inst.props(true));
            const hit = ds.find((d) => checkOf(d.message) === inst.fault.check);
            assert.ok(hit, `${inst.name}: ${ds.map((d) => d.message).join("\n")}`);
            assert.strictEqual(hit.enforcementLevel, "mandatory", inst.name);
            assert.ok(hit.message.includes(`${inst.fault.path} is `), hit.message);
        }
    });

    it("accepts customResourcePodSpecs at Configure and reads the configured paths", async () => {
        const t = template();
        t.spec.containers[0].securityContext.privileged = true;
        t.spec.hostPID = true;
        const props = { metadata: { name: "r" }, spec: { stages: { build: { deep: { deeper: { pod: t } } } } } };
        const type = "kubernetes:ci.example.com/v1:Runner";
        // Within the fallback's bound anyway: found without config.
        assert.ok((await pack().analyze(type, "r", props)).some((d) => checkOf(d.message) === "privileged"));
        await pack().configurePack({
            "no-privileged-containers": {
                customResourcePodSpecs: [{ apiGroup: "ci.example.com", kind: "Runner", paths: ["spec.elsewhere"] }],
            },
        });
        try {
            // The configured path replaces the search for that kind: nothing there, nothing found by that policy.
            const ds = await pack().analyze(type, "r", props);
            assert.ok(!ds.some((d) => checkOf(d.message) === "privileged"), ds.map((d) => d.message).join("\n"));
            assert.ok(
                ds.some((d) => checkOf(d.message) === "hostNamespaces"),
                "other policies still search",
            );
        } finally {
            await pack().configurePack({});
        }
    });

    it("refuses a misspelt customResourcePodSpecs entry at Configure", async () => {
        await assert.rejects(
            pack().configurePack({
                "no-privileged-containers": {
                    customResourcePodSpecs: [{ apiGroup: "x.io", kind: "K", path: ["spec"] }],
                },
            }),
        );
        await pack().configurePack({});
    });
});

describe("custom resources through scan", () => {
    it("maps each manifest's apiVersion/kind to the CR's type and judges it like the pack", () => {
        const files: Record<string, string> = {};
        CR_INSTANCES.forEach((inst, i) => {
            files[`bad/${i}.yaml`] = yaml.dump(inst.props(true));
            files[`good/${i}.yaml`] = yaml.dump(inst.props(false));
        });
        files["good/certificate.yaml"] = yaml.dump({
            apiVersion: "cert-manager.io/v1",
            kind: "Certificate",
            metadata: { name: "tls" },
            spec: { secretName: "tls", dnsNames: ["a.example.com"] },
        });
        const dir = manifestDir(files);
        let out = "";
        let err = "";
        const code = scan(["--format", "json", dir], { stdout: (s) => (out += s), stderr: (s) => (err += s) });
        assert.strictEqual(code, 1, err);
        const findings: ScanFinding[] = JSON.parse(out);
        assert.deepStrictEqual(
            findings.filter((f) => f.file.includes("/good/")),
            [],
        );
        CR_INSTANCES.forEach((inst, i) => {
            const mine = findings.filter((f) => f.file.endsWith(`bad/${i}.yaml`));
            const hit = mine.find((f) => f.check === inst.fault.check);
            assert.ok(hit, `${inst.name}: ${JSON.stringify(mine)}`);
            assert.strictEqual(hit.kind, inst.type.split(":")[2]);
            assert.ok(hit.message.includes(`${inst.fault.path} is `), hit.message);
        });
    });
});
