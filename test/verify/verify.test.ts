// `isolation-guard verify` end to end on this machine: the issue's "done when" cases through the real command
// (in-process and as a child process), on runc and runsc. Needs root, runc, runsc and busybox-static; skips with the
// reason otherwise. The refusals (not root, bad usage) run everywhere.
import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { REPO_ROOT } from "../harness/program";
import { manifestDir } from "../cli/manifests";
import { hostCapabilities } from "../../verify/capabilities";
import { verify, VerifyEntry } from "../../verify/cli";
import { readiness } from "../../verify/verify";

const BIN = path.join(REPO_ROOT, "dist", "cli", "main.js");

async function run(args: string[]): Promise<{ code: number; entries: VerifyEntry[]; stderr: string }> {
    let out = "";
    let err = "";
    const code = await verify(["--format", "json", ...args], { stdout: (s) => (out += s), stderr: (s) => (err += s) });
    return { code, entries: out ? (JSON.parse(out) as VerifyEntry[]) : [], stderr: err };
}

const yaml = (...docs: object[]) => docs.map((d) => JSON.stringify(d)).join("\n---\n");
const pod = (name: string, spec: object, labels: Record<string, string> = {}) => ({
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, labels },
    spec,
});
const container = (securityContext: object = {}, extra: object = {}) => ({
    name: "app",
    image: "registry.example/app:1",
    securityContext,
    ...extra,
});
const runtimeClass = (name: string, handler: string) => ({
    apiVersion: "node.k8s.io/v1",
    kind: "RuntimeClass",
    metadata: { name },
    handler,
});
/** A pod that passes every check of the restricted profile, but for the runtime. */
const hardened = (extra: object = {}) => ({
    securityContext: { runAsNonRoot: true, runAsUser: 1000, seccompProfile: { type: "RuntimeDefault" } },
    containers: [
        container({ allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] }, readOnlyRootFilesystem: true }),
    ],
    ...extra,
});

describe("isolation-guard verify", function () {
    this.timeout(120000);
    const ready = readiness();
    const need = (ctx: Mocha.Context, ...runtimes: Array<"runc" | "runsc">) => {
        const missing = runtimes.filter((r) => !ready.runtimes.has(r));
        if (ready.problem || missing.length) {
            console.log(`      skipped: ${ready.problem ?? `${missing.join(", ")} not installed`}`);
            ctx.skip();
        }
    };

    it("privileged: every capability this host can grant, no seccomp, the host's devices", async function () {
        need(this, "runc");
        const dir = manifestDir({ "p.yaml": yaml(pod("priv", { containers: [container({ privileged: true })] })) });
        const { entries } = await run([dir]);
        assert.strictEqual(entries.length, 1);
        const [e] = entries;
        assert.strictEqual(e.runtime, "runc");
        assert.deepStrictEqual(e.capabilities, hostCapabilities());
        assert.ok(e.capabilities!.includes("SYS_ADMIN") && e.capabilities!.length >= 38, e.capabilities!.join());
        assert.strictEqual(e.seccomp, "none");
        assert.strictEqual(e.noNewPrivileges, false);
        assert.ok(e.devices! > 10, `${e.devices} devices`);
        assert.ok(e.verdict.some((v) => v.check === "privileged" && v.level === "mandatory"));
        assert.deepStrictEqual(e.contradictions, []);
    });

    it('drop ALL + add NET_BIND_SERVICE: exactly ["NET_BIND_SERVICE"], no_new_privs, a seccomp filter', async function () {
        need(this, "runc");
        const spec = hardened({
            containers: [
                container({
                    allowPrivilegeEscalation: false,
                    capabilities: { drop: ["ALL"], add: ["NET_BIND_SERVICE"] },
                }),
            ],
        });
        const dir = manifestDir({ "p.yaml": yaml(pod("nbs", spec)) });
        const { code, entries } = await run(["--preset", "pss-restricted", dir]);
        const [e] = entries;
        assert.deepStrictEqual(e.capabilities, ["NET_BIND_SERVICE"]);
        assert.deepStrictEqual(e.effectiveCapabilities, []); // uid 1000: held in the bounding set only
        assert.strictEqual(e.noNewPrivileges, true);
        assert.strictEqual(e.seccomp, "filter");
        assert.strictEqual(e.runAsUser, 1000);
        assert.deepStrictEqual(e.hostNamespaces, ["user"]);
        assert.deepStrictEqual(e.verdict, []);
        assert.strictEqual(code, 0);
    });

    it("hostPID: pid among the host namespaces; a hostPath shows as a reachable stand-in, never the host's file", async function () {
        need(this, "runc");
        const dir = manifestDir({
            "p.yaml": yaml(
                pod("hostpid", {
                    hostPID: true,
                    volumes: [{ name: "etc", hostPath: { path: "/etc" } }],
                    containers: [
                        container({}, { volumeMounts: [{ name: "etc", mountPath: "/host-etc", readOnly: true }] }),
                    ],
                }),
            ),
        });
        const { entries } = await run([dir]);
        const [e] = entries;
        assert.ok(e.hostNamespaces!.includes("pid"), e.hostNamespaces!.join());
        assert.ok(!e.hostNamespaces!.includes("net"));
        assert.deepStrictEqual(e.hostPathsReachable, ["/etc"]);
        assert.deepStrictEqual(e.hostPathsWritable, []);
        assert.ok(e.verdict.some((v) => v.check === "hostNamespaces"));
        assert.ok(e.verdict.some((v) => v.check === "sensitiveHostPath"));
    });

    it("multi-tenant pod, RuntimeClass handler runsc: runtime runsc, not the host's kernel, exit 0", async function () {
        need(this, "runsc");
        const dir = manifestDir({
            "p.yaml": yaml(
                runtimeClass("gvisor", "runsc"),
                pod("tenant", hardened({ runtimeClassName: "gvisor" }), { tenancy: "multi-tenant" }),
            ),
        });
        const { code, entries, stderr } = await run([dir]);
        assert.strictEqual(entries.length, 1, stderr);
        const [e] = entries;
        assert.strictEqual(e.runtime, "runsc");
        assert.strictEqual(e.sharesHostKernel, false);
        assert.notStrictEqual(e.kernel, fs.readFileSync("/proc/sys/kernel/osrelease", "utf8").trim());
        assert.deepStrictEqual(e.contradictions, []);
        assert.strictEqual(code, 0, stderr);
    });

    it("the same pod with handler runc: shares the host's kernel, exit 1 (also through the installed bin)", async function () {
        need(this, "runc");
        const dir = manifestDir({
            "p.yaml": yaml(
                runtimeClass("gvisor", "runc"),
                pod("tenant", hardened({ runtimeClassName: "gvisor" }), { tenancy: "multi-tenant" }),
            ),
        });
        const { code, entries } = await run([dir]);
        const [e] = entries;
        assert.strictEqual(e.runtime, "runc");
        assert.strictEqual(e.sharesHostKernel, true);
        assert.ok(
            e.verdict.some((v) => v.check === "sandboxRuntimeClass"),
            JSON.stringify(e.verdict),
        );
        // The measurement agrees with the failing verdict: on the host's kernel, and no contradiction.
        assert.match(e.hostKernel.join(), /measured: kernel .*, the host's, under runc/);
        assert.deepStrictEqual(e.contradictions, []);
        assert.strictEqual(code, 1);
        const child = spawnSync(process.execPath, [BIN, "verify", dir], { encoding: "utf8" });
        assert.strictEqual(child.status, 1, child.stderr);
        assert.match(child.stdout, /MULTI-TENANT ON HOST KERNEL: measured: kernel .*, the host's, under runc/);
        assert.doesNotMatch(child.stdout, /CONTRADICTION/);
    });

    it("--runtime-map names the runtime of a RuntimeClass the manifests do not declare; unknown ones are not measured", async function () {
        need(this, "runsc");
        const dir = manifestDir({
            "p.yaml": yaml(pod("mapped", hardened({ runtimeClassName: "sandbox" }), { tenancy: "multi-tenant" })),
        });
        const unmapped = await run([dir]);
        assert.match(unmapped.entries[0].unmeasured ?? "", /--runtime-map sandbox=RUNTIME/);
        // Not measured, but the pack's verdict stands: "sandbox" is no sandbox it knows, so on the host's kernel (1
        // wins over 2). The same pod, not multi-tenant, is only not measured: 2.
        assert.strictEqual(unmapped.entries[0].tenancy, "on the host's kernel");
        assert.strictEqual(unmapped.code, 1);
        const single = manifestDir({ "p.yaml": yaml(pod("mapped", hardened({ runtimeClassName: "sandbox" }))) });
        assert.strictEqual((await run([single])).code, 2);
        const mapped = await run(["--runtime-map", "sandbox=runsc", dir]);
        assert.strictEqual(mapped.entries[0].runtime, "runsc");
        assert.strictEqual(mapped.entries[0].sharesHostKernel, false);
    });

    it("refuses without root, and on bad usage, with exit 2 and a message; scan still runs through the same bin", function () {
        const dir = manifestDir({ "p.yaml": yaml(pod("p", hardened())) });
        const usage = spawnSync(process.execPath, [BIN, "verify", "--runtime-map", "nonsense", dir], {
            encoding: "utf8",
        });
        assert.strictEqual(usage.status, 2);
        assert.match(usage.stderr, /--runtime-map takes NAME=RUNTIME/);
        const scan = spawnSync(process.execPath, [BIN, "scan", "--format", "json", dir], { encoding: "utf8" });
        assert.ok(scan.status === 0 || scan.status === 1, scan.stderr);
        assert.ok(Array.isArray(JSON.parse(scan.stdout)));
        if (process.getuid?.() === 0) {
            // As root: drop to nobody for the refusal, when the tree is readable by it.
            const asNobody = spawnSync(
                "setpriv",
                ["--reuid=65534", "--regid=65534", "--clear-groups", process.execPath, BIN, "verify", dir],
                {
                    encoding: "utf8",
                },
            );
            if (asNobody.error || /Cannot find module|EACCES/.test(asNobody.stderr)) return;
            assert.strictEqual(asNobody.status, 2, asNobody.stderr);
            assert.match(asNobody.stderr, /must run as root/);
        } else {
            const r = spawnSync(process.execPath, [BIN, "verify", dir], { encoding: "utf8" });
            assert.strictEqual(r.status, 2);
            assert.match(r.stderr, /must run as root/);
        }
    });
});
