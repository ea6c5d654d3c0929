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
 * How the composing pack gets isolation-guard and @pulumi/policy:
 * - `npm`: installed from the registry, npm dedupes: one @pulumi/policy, shared (node_modules/@pulumi is the repo's).
 * - `file`: `"isolation-guard": "file:../.."`, as the example's package.json says: npm links the library's folder, which
 *   keeps its own node_modules, while the pack installs its own @pulumi/policy and @grpc/grpc-js (real copies here).
 *   The pack's PolicyPack and server come from its copy, the library's modules resolve the library's copy.
 * - `tarball`: `npm pack` of this repository unpacked as node_modules/isolation-guard (what `npm install
 *   isolation-guard-0.1.0.tgz` does): no node_modules of its own, so it resolves the pack's copies.
 */
type Layout = "npm" | "file" | "tarball";
const LAYOUTS: readonly Layout[] = ["npm", "file", "tarball"];
const REPO_NODE_MODULES = path.join(REPO_ROOT, "node_modules");
/** What the `file` layout installs as the pack's own copies rather than links to the repository's. */
const OWN_COPIES = new Set(["@pulumi/policy", "@grpc/grpc-js"]);

/** Every package of the repository's node_modules linked into `nm` (a flat install), but `own` copied for real. */
function linkPackages(nm: string, own: ReadonlySet<string>): void {
    for (const entry of fs.readdirSync(REPO_NODE_MODULES)) {
        if (entry === ".bin" || entry.startsWith(".") || entry === "isolation-guard") continue;
        const from = path.join(REPO_NODE_MODULES, entry);
        if (entry.startsWith("@") && [...own].some((p) => p.startsWith(`${entry}/`))) {
            fs.mkdirSync(path.join(nm, entry));
            for (const pkg of fs.readdirSync(from)) {
                const name = `${entry}/${pkg}`;
                if (own.has(name))
                    fs.cpSync(path.join(from, pkg), path.join(nm, name), { recursive: true, dereference: true });
                else fs.symlinkSync(path.join(from, pkg), path.join(nm, name), "dir");
            }
        } else {
            fs.symlinkSync(from, path.join(nm, entry), "dir");
        }
    }
}

/** `npm pack` of this repository (its built dist/), unpacked to `dest`; cached per test run. */
let packed: string | undefined;
function unpackTarball(dest: string): void {
    if (!packed) {
        const out = fs.mkdtempSync(path.join(os.tmpdir(), "isolation-guard-tarball-"));
        const pack = spawnSync("npm", ["pack", "--ignore-scripts", "--silent", "--pack-destination", out, REPO_ROOT], {
            encoding: "utf8",
            timeout: 120000,
        });
        assert.strictEqual(pack.status, 0, pack.stderr);
        packed = path.join(out, pack.stdout.trim().split("\n").pop()!);
    }
    fs.mkdirSync(dest, { recursive: true });
    const untar = spawnSync("tar", ["-xzf", packed, "-C", dest, "--strip-components=1"], { encoding: "utf8" });
    assert.strictEqual(untar.status, 0, untar.stderr);
}

/**
 * The example as an organization's project would hold it after `npm install` and `tsc`: its PulumiPolicy.yaml and
 * package.json (@pulumi/policy reads the pack's version from it), the compiled program, and node_modules as `layout`
 * says.
 */
function installComposedPack(layout: Layout = "npm"): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `isolation-guard-composed-${layout}-`));
    fs.copyFileSync(path.join(EXAMPLE_DIR, "PulumiPolicy.yaml"), path.join(dir, "PulumiPolicy.yaml"));
    const pkg = JSON.parse(fs.readFileSync(path.join(EXAMPLE_DIR, "package.json"), "utf8")) as Record<string, unknown>;
    fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ ...pkg, version: "1.0.0", main: "index.js" }));
    fs.copyFileSync(COMPILED_EXAMPLE, path.join(dir, "index.js"));
    const nm = path.join(dir, "node_modules");
    fs.mkdirSync(nm);
    switch (layout) {
        case "npm":
            fs.symlinkSync(REPO_ROOT, path.join(nm, "isolation-guard"), "dir");
            fs.symlinkSync(path.join(REPO_NODE_MODULES, "@pulumi"), path.join(nm, "@pulumi"), "dir");
            break;
        case "file":
            fs.symlinkSync(REPO_ROOT, path.join(nm, "isolation-guard"), "dir");
            linkPackages(nm, OWN_COPIES);
            break;
        case "tarball":
            linkPackages(nm, new Set());
            unpackTarball(path.join(nm, "isolation-guard"));
            break;
    }
    return dir;
}

/** The real directory of the @pulumi/policy that `from` resolves. */
function policyCopyFrom(from: string): string {
    return fs.realpathSync(path.dirname(require.resolve("@pulumi/policy/package.json", { paths: [from] })));
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

for (const layout of LAYOUTS)
    describe(`a composed pack (${layout}): isolation-guard's policies in an organization's own PolicyPack`, function () {
        this.timeout(180000);
        let pack: PackProcess;
        let dir: string;

        before(async () => {
            dir = installComposedPack(layout);
            pack = await PackProcess.start(dir);
            await pack.configureStack();
        });
        after(async () => {
            await pack?.stop();
            if (dir) fs.rmSync(dir, { recursive: true, force: true });
        });

        it(`loads ${layout === "file" ? "two @pulumi/policy copies, the pack's and the library's" : "one @pulumi/policy, shared"}`, () => {
            const packCopy = policyCopyFrom(dir);
            const libraryCopy = policyCopyFrom(fs.realpathSync(path.join(dir, "node_modules", "isolation-guard")));
            if (layout === "file") assert.notStrictEqual(packCopy, libraryCopy);
            else assert.strictEqual(packCopy, libraryCopy);
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
            const privileged = byPolicy(ds, "no-privileged-containers").filter((d) =>
                d.message.includes("[privileged]"),
            );
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
            assert.ok(
                privileged.message.includes("[secret]") && !privileged.message.includes(name),
                privileged.message,
            );
        });
    });

describe("a composed pack whose @pulumi/policy has no seam for isolation-guard", function () {
    this.timeout(60000);
    it("refuses to start, naming the copy and why, instead of printing secrets or accepting a misspelt property", () => {
        const dir = installComposedPack("file");
        try {
            // A @pulumi/policy whose internals moved: its deserialize module no longer has deserializeProperties.
            const deserialize = path.join(dir, "node_modules", "@pulumi", "policy", "deserialize.js");
            fs.writeFileSync(deserialize, "exports.somethingElse = () => ({});\n");
            const run = spawnSync(process.execPath, [path.join(dir, "index.js")], {
                cwd: dir,
                encoding: "utf8",
                timeout: 30000,
            });
            assert.notStrictEqual(run.status, 0, run.stdout);
            assert.match(run.stderr, /isolation-guard cannot attach to @pulumi\/policy v?1\.21\.0 at /);
            assert.ok(
                run.stderr.includes(fs.realpathSync(path.join(dir, "node_modules", "@pulumi", "policy"))),
                run.stderr,
            );
            assert.match(
                run.stderr,
                /refuses to start\. Depend on a @pulumi\/policy version isolation-guard supports \(>=1\.21\.0 <2\.0\.0\)/,
            );
            // No gRPC server was started: nothing printed a port.
            assert.strictEqual(run.stdout, "");
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
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
