// The library entry in use: examples/composed-pack is an organization's pack that registers isolationGuardPolicies()
// next to a policy of its own. Started as the language host starts any pack and judged over the analyzer protocol,
// it must report both its own findings and isolation-guard's, with isolation-guard's config and exemptions honoured.
import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { EngineDiagnostic, PackProcess, secret } from "../harness/engine";
import { REPO_ROOT } from "../harness/program";
import { DEPLOYMENT, hardenedPodSpec } from "../fixtures/kubernetes";
import * as library from "../../lib";

const EXAMPLE_DIR = path.join(REPO_ROOT, "examples", "composed-pack");
const COMPILED_EXAMPLE = path.join(REPO_ROOT, "dist", "examples", "composed-pack", "index.js");

/**
 * The example as an organization's project would hold it after `npm install` and `tsc`: its PulumiPolicy.yaml and
 * package.json (@pulumi/policy reads the pack's version from it), the compiled program, and node_modules with
 * isolation-guard (this repository) and @pulumi/* (the repository's, so one @pulumi/policy copy, as npm would install).
 */
function installComposedPack(): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "isolation-guard-composed-"));
    fs.copyFileSync(path.join(EXAMPLE_DIR, "PulumiPolicy.yaml"), path.join(dir, "PulumiPolicy.yaml"));
    const pkg = JSON.parse(fs.readFileSync(path.join(EXAMPLE_DIR, "package.json"), "utf8")) as Record<string, unknown>;
    fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ ...pkg, version: "1.0.0", main: "index.js" }));
    fs.copyFileSync(COMPILED_EXAMPLE, path.join(dir, "index.js"));
    fs.mkdirSync(path.join(dir, "node_modules"));
    fs.symlinkSync(REPO_ROOT, path.join(dir, "node_modules", "isolation-guard"), "dir");
    fs.symlinkSync(path.join(REPO_ROOT, "node_modules", "@pulumi"), path.join(dir, "node_modules", "@pulumi"), "dir");
    return dir;
}

/** A Deployment (no owner label) with a privileged container that adds SYS_ADMIN; its container name given. */
function violatingDeployment(containerName: unknown = "app"): Record<string, unknown> {
    const spec = hardenedPodSpec();
    spec.containers[0].name = containerName;
    spec.containers[0].securityContext.privileged = true;
    spec.containers[0].securityContext.capabilities.add = ["SYS_ADMIN"];
    return DEPLOYMENT.wrap(spec);
}

function byPolicy(ds: EngineDiagnostic[], policy: string): EngineDiagnostic[] {
    return ds.filter((d) => d.policyName === policy);
}

describe("a composed pack: isolation-guard's policies in an organization's own PolicyPack", function () {
    this.timeout(60000);
    let pack: PackProcess;
    let dir: string;

    before(async () => {
        dir = installComposedPack();
        pack = await PackProcess.start(dir);
        await pack.configureStack();
    });
    after(async () => {
        await pack?.stop();
        if (dir) fs.rmSync(dir, { recursive: true, force: true });
    });

    it("serves the library's policies with their config schemas, and its own", async () => {
        const info = await pack.getAnalyzerInfo();
        assert.strictEqual(info.name, "org-policies");
        const names = info.policies.map((p) => p.name);
        const libraryNames = library.isolationGuardPolicies().map((p) => p.name);
        assert.deepStrictEqual(names, [...libraryNames, "require-owner-label"]);
        const drop = info.policies.find((p) => p.name === "drop-capabilities");
        assert.ok(drop?.configSchema?.allowedCapabilities && drop.configSchema.exemptions, JSON.stringify(drop));
    });

    it("reports the library's findings and the custom policy's for the same resource", async () => {
        await pack.configurePack({});
        const ds = await pack.analyze(DEPLOYMENT.type, "web", violatingDeployment());
        assert.strictEqual(byPolicy(ds, "require-owner-label").length, 1, JSON.stringify(ds));
        assert.strictEqual(byPolicy(ds, "require-owner-label")[0].enforcementLevel, "mandatory");
        const privileged = byPolicy(ds, "no-privileged-containers");
        assert.ok(
            privileged.some((d) => d.message.includes("[privileged]") && d.enforcementLevel === "mandatory"),
            JSON.stringify(ds),
        );
    });

    it("passes config and exemptions to the library's policies", async () => {
        await pack.configurePack({
            "no-privileged-containers": {
                exemptions: [
                    {
                        id: "OPS-7",
                        checks: ["privileged"],
                        match: { name: "web" },
                        reason: "node debugger",
                        expires: "2999-12-31",
                    },
                ],
            },
            "drop-capabilities": "disabled",
            "require-owner-label": "advisory",
        });
        const ds = await pack.analyze(DEPLOYMENT.type, "web", violatingDeployment());
        const privileged = byPolicy(ds, "no-privileged-containers").filter((d) => d.message.includes("[privileged]"));
        assert.ok(privileged.length > 0, JSON.stringify(ds));
        assert.ok(
            privileged.every(
                (d) => d.enforcementLevel === "advisory" && d.message.includes('waived by exemption "OPS-7"'),
            ),
            JSON.stringify(privileged),
        );
        assert.deepStrictEqual(byPolicy(ds, "drop-capabilities"), []);
        assert.strictEqual(byPolicy(ds, "require-owner-label")[0]?.enforcementLevel, "advisory");
    });

    it("refuses a misspelt library config property at Configure, as the isolation-guard pack does", async () => {
        await assert.rejects(
            pack.configurePack({ "drop-capabilities": { allowedCapabilites: ["SYS_ADMIN"] } }),
            /policy "drop-capabilities" has no config property "allowedCapabilites"/,
        );
    });

    it("prints secret values as [secret] in the library's messages (its hooks are installed in the composed pack)", async () => {
        await pack.configurePack({});
        const name = "payments-db-password-holder";
        const ds = await pack.analyze(DEPLOYMENT.type, "web", violatingDeployment(secret(name)));
        const privileged = byPolicy(ds, "no-privileged-containers").find((d) => d.message.includes("[privileged]"));
        assert.ok(privileged, JSON.stringify(ds));
        assert.ok(privileged.message.includes("[secret]") && !privileged.message.includes(name), privileged.message);
    });
});

describe('the library entry (import from "isolation-guard")', () => {
    it("resolves to lib.js, which starts no pack; the pack entry stays package.json main", () => {
        assert.strictEqual(require.resolve("isolation-guard"), path.join(REPO_ROOT, "dist", "lib.js"));
        assert.strictEqual(require.resolve("isolation-guard/pack"), path.join(REPO_ROOT, "dist", "index.js"));
        const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as { main: string };
        assert.strictEqual(pkg.main, "dist/index.js");
        // A PolicyPack would start a gRPC server, print its port and keep the process alive.
        const run = spawnSync(
            process.execPath,
            ["-e", 'const l = require("isolation-guard"); console.log(typeof l.isolationGuardPolicies)'],
            { cwd: REPO_ROOT, encoding: "utf8", timeout: 30000 },
        );
        assert.deepStrictEqual([run.status, run.stdout], [0, "function\n"], run.stderr);
    });

    it("gives the presets as config objects", () => {
        assert.deepStrictEqual(library.presets.advisory, { all: "advisory" });
        assert.strictEqual(
            (library.presets["pss-restricted"]["no-privileged-containers"] as { enforcementLevel: string })
                .enforcementLevel,
            "mandatory",
        );
        assert.deepStrictEqual(Object.keys(library.presets).sort(), [
            "advisory",
            "default",
            "multi-tenant-strict",
            "pss-baseline",
            "pss-restricted",
        ]);
    });
});
