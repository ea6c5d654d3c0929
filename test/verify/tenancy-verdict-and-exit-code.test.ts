// `verify` gives the tenancy verdict for every container, whether or not the probe could start it; its exit code and
// labels follow docs/verify.md (issue 22, part 10). The three reproductions: a multi-tenant pod on the host's kernel
// that the probe could not start (runAsNonRoot, the image's user unknown) passed with exit 0; the docs promise 1;
// and a measurement that agreed with a failing verdict was labelled CONTRADICTION. The rendering and exit code are
// pinned on built results everywhere; the end-to-end cases need root, runc and busybox-static and skip otherwise.
import * as assert from "assert";
import { spawnSync } from "child_process";
import * as path from "path";
import { REPO_ROOT } from "../harness/program";
import { manifestDir } from "../cli/manifests";
import { entryOf, exitCodeOf, renderText, verify, VerifyEntry } from "../../verify/cli";
import { ContainerResult, readiness } from "../../verify/verify";
import { tenancyVerdictOf } from "../../verify/judge";
import type { Boundary } from "../../verify/oracle";
import { Workload } from "../../model/workload";

const BIN = path.join(REPO_ROOT, "dist", "cli", "main.js");

async function run(args: string[]): Promise<{ code: number; entries: VerifyEntry[]; text: string; stderr: string }> {
    let out = "";
    let err = "";
    const io = { stdout: (s: string) => (out += s), stderr: (s: string) => (err += s) };
    const code = await verify(["--format", "json", ...args], io);
    let text = "";
    await verify(args, { stdout: (s) => (text += s), stderr: () => undefined });
    return { code, entries: out ? (JSON.parse(out) as VerifyEntry[]) : [], text, stderr: err };
}

const yaml = (...docs: object[]) => docs.map((d) => JSON.stringify(d)).join("\n---\n");
const runtimeClass = (name: string, handler: string) => ({
    apiVersion: "node.k8s.io/v1",
    kind: "RuntimeClass",
    metadata: { name },
    handler,
});
/** A pod that passes every check of the restricted profile but for the runtime; `user` sets runAsUser. */
const tenantPod = (name: string, runtimeClassName: string | undefined, podSecurity: object, multiTenant = true) => ({
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, labels: multiTenant ? { tenancy: "multi-tenant" } : {} },
    spec: {
        ...(runtimeClassName ? { runtimeClassName } : {}),
        securityContext: { runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" }, ...podSecurity },
        containers: [
            {
                name: "app",
                image: "registry.example/app:1",
                securityContext: {
                    allowPrivilegeEscalation: false,
                    capabilities: { drop: ["ALL"] },
                    readOnlyRootFilesystem: true,
                },
            },
        ],
    },
});

// --- Built results: the rendering and the exit code, on any machine. ---

const boundary = (sharesHostKernel: boolean): Boundary => ({
    runtime: "runc",
    sharesHostKernel,
    capabilities: [],
    effectiveCapabilities: [],
    noNewPrivileges: true,
    seccomp: "filter",
    runAsUser: 1000,
    hostNamespaces: ["user"],
    hostPathsReachable: [],
    hostPathsWritable: [],
    devices: 5,
    kernel: "6.1.0-test",
});

function result(over: Partial<ContainerResult>): ContainerResult {
    return {
        urn: "urn:pulumi:scan::manifests::kubernetes:core/v1:Pod::p",
        workload: { name: "p" } as Workload,
        container: "app",
        runtime: "runc",
        multiTenant: false,
        tenancy: "not multi-tenant",
        verdict: [],
        agreements: [],
        notes: [],
        ...over,
    };
}
const manifest = { file: "p.yaml", kind: "Pod", name: "p" };
const failingSandbox = [
    { policy: "multi-tenant-isolation", check: "sandboxRuntimeClass", level: "mandatory" as const },
];

describe("verify: the tenancy verdict, the labels and the exit code (built results)", () => {
    it("the tenancy verdict is the pack's: not multi-tenant, sandboxed, or on the host's kernel", () => {
        assert.strictEqual(tenancyVerdictOf(false, failingSandbox), "not multi-tenant");
        assert.strictEqual(tenancyVerdictOf(true, []), "sandboxed");
        for (const check of ["sandboxedRuntime", "sandboxRuntimeClass", "tenantSharedHost"])
            assert.strictEqual(
                tenancyVerdictOf(true, [{ policy: "multi-tenant-isolation", check, level: "advisory" }]),
                "on the host's kernel",
                check,
            );
        assert.strictEqual(
            tenancyVerdictOf(true, [{ policy: "no-privileged-containers", check: "privileged", level: "mandatory" }]),
            "sandboxed",
        );
    });

    it("a multi-tenant container the platform would not start still gets its verdict, and exit 1", () => {
        const e = entryOf(
            result({
                multiTenant: true,
                tenancy: "on the host's kernel",
                verdict: failingSandbox,
                refused: "runAsNonRoot is set and the image runs as root: the kubelet refuses to start it",
            }),
            manifest,
        );
        assert.strictEqual(e.tenancy, "on the host's kernel");
        assert.deepStrictEqual(e.hostKernel, ["the pack's verdict: sandboxRuntimeClass failed"]);
        assert.deepStrictEqual(e.contradictions, []);
        assert.strictEqual(exitCodeOf([e]), 1);
        const text = renderText([e]);
        assert.match(text, /\n {2}not started: runAsNonRoot is set/);
        assert.match(text, /\n {2}tenancy: multi-tenant, on the host's kernel\n/);
        assert.match(text, /\n {2}MULTI-TENANT ON HOST KERNEL: the pack's verdict: sandboxRuntimeClass failed\n/);
        assert.doesNotMatch(text, /CONTRADICTION/);
        assert.match(text, /1 multi-tenant on the host's kernel; 0 with a contradiction\n$/);
    });

    it("a measurement that agrees with a failing tenancy verdict is not a contradiction", () => {
        const e = entryOf(
            result({
                multiTenant: true,
                tenancy: "on the host's kernel",
                verdict: failingSandbox,
                boundary: boundary(true),
                agreements: [
                    {
                        check: "sandboxedRuntime",
                        failed: true,
                        outcome: "agree",
                        detail: "kernel 6.1.0-test, the host's",
                    },
                ],
            }),
            manifest,
        );
        assert.deepStrictEqual(e.contradictions, []);
        assert.deepStrictEqual(e.hostKernel, [
            "the pack's verdict: sandboxRuntimeClass failed",
            "measured: kernel 6.1.0-test, the host's, under runc",
        ]);
        assert.strictEqual(exitCodeOf([e]), 1);
        assert.doesNotMatch(renderText([e]), /CONTRADICTION/);
    });

    it("a passing tenancy verdict measured on the host's kernel is both", () => {
        const e = entryOf(
            result({
                multiTenant: true,
                tenancy: "sandboxed",
                boundary: boundary(true),
                agreements: [
                    {
                        check: "sandboxedRuntime",
                        failed: false,
                        outcome: "disagree",
                        detail: "kernel 6.1.0-test, the host's",
                    },
                ],
            }),
            manifest,
        );
        assert.deepStrictEqual(e.contradictions, [
            "sandboxedRuntime passed, but measured kernel 6.1.0-test, the host's",
        ]);
        assert.deepStrictEqual(e.hostKernel, ["measured: kernel 6.1.0-test, the host's, under runc"]);
        const text = renderText([e]);
        assert.match(text, /\n {2}tenancy: multi-tenant, sandboxed\n/);
        assert.match(text, /\n {2}CONTRADICTION: sandboxedRuntime passed, but measured kernel 6\.1\.0-test/);
        assert.strictEqual(exitCodeOf([e]), 1);
    });

    it("exit codes: 0 all well (a refusal included), 2 a container not measured, 1 wins over 2", () => {
        const fine = entryOf(result({ boundary: boundary(true) }), manifest);
        assert.deepStrictEqual(fine.hostKernel, []); // not multi-tenant: the host's kernel is no finding
        assert.match(renderText([fine]), /\n {2}tenancy: not multi-tenant\n/);
        const refused = entryOf(result({ refused: "the API server rejects it" }), manifest);
        const sandboxed = entryOf(
            result({ multiTenant: true, tenancy: "sandboxed", boundary: boundary(false) }),
            manifest,
        );
        assert.deepStrictEqual(sandboxed.hostKernel, []);
        const unmeasured = entryOf(result({ unmeasured: 'runtime "kata" is not available here' }), manifest);
        const hostKernel = entryOf(
            result({ multiTenant: true, tenancy: "on the host's kernel", verdict: failingSandbox, unmeasured: "x" }),
            manifest,
        );
        const contradicted = entryOf(
            result({ agreements: [{ check: "privileged", failed: true, outcome: "disagree", detail: "d" }] }),
            manifest,
        );
        assert.strictEqual(exitCodeOf([fine, refused, sandboxed]), 0);
        assert.strictEqual(exitCodeOf([fine, unmeasured]), 2);
        assert.strictEqual(exitCodeOf([unmeasured, hostKernel]), 1);
        assert.strictEqual(exitCodeOf([unmeasured, contradicted]), 1);
        assert.strictEqual(exitCodeOf([]), 0);
    });
});

// --- End to end, on this machine's runc. ---

describe("verify: the tenancy verdict end to end", function () {
    this.timeout(120000);
    const ready = readiness();
    const need = (ctx: Mocha.Context) => {
        if (ready.problem || !ready.runtimes.has("runc")) {
            console.log(`      skipped: ${ready.problem ?? "runc not installed"}`);
            ctx.skip();
        }
    };

    it("runAsNonRoot without runAsUser on runc: not started, yet multi-tenant on the host's kernel, exit 1", async function () {
        need(this);
        const dir = manifestDir({
            "p.yaml": yaml(runtimeClass("gvisor", "runc"), tenantPod("tenant", "gvisor", {})),
        });
        const { code, entries, text } = await run([dir]);
        assert.strictEqual(entries.length, 1);
        const [e] = entries;
        assert.match(e.refused ?? "", /runAsNonRoot/);
        assert.strictEqual(e.tenancy, "on the host's kernel");
        assert.deepStrictEqual(e.hostKernel, ["the pack's verdict: sandboxRuntimeClass failed"]);
        assert.deepStrictEqual(e.contradictions, []);
        assert.strictEqual(code, 1);
        assert.match(text, /MULTI-TENANT ON HOST KERNEL: the pack's verdict: sandboxRuntimeClass failed/);
        assert.doesNotMatch(text, /CONTRADICTION/);
        const child = spawnSync(process.execPath, [BIN, "verify", dir], { encoding: "utf8" });
        assert.strictEqual(child.status, 1, child.stderr);
    });

    it("handler runc measured on the host's kernel agrees with the failing verdict: no CONTRADICTION, exit 1", async function () {
        need(this);
        const dir = manifestDir({
            "p.yaml": yaml(runtimeClass("gvisor", "runc"), tenantPod("tenant", "gvisor", { runAsUser: 1000 })),
        });
        const { code, entries, text } = await run([dir]);
        const [e] = entries;
        assert.strictEqual(e.sharesHostKernel, true);
        assert.strictEqual(e.tenancy, "on the host's kernel");
        assert.deepStrictEqual(e.contradictions, []);
        assert.strictEqual(e.hostKernel.length, 2, JSON.stringify(e.hostKernel));
        assert.match(e.hostKernel[1], /^measured: kernel .*, the host's, under runc$/);
        assert.strictEqual(code, 1);
        assert.doesNotMatch(text, /CONTRADICTION/);
    });

    it("a class whose handler the pack takes for gVisor, run on runc: the passing verdict is contradicted, exit 1", async function () {
        need(this);
        const dir = manifestDir({
            "p.yaml": yaml(runtimeClass("gvisor", "runsc"), tenantPod("tenant", "gvisor", { runAsUser: 1000 })),
        });
        const { code, entries, text } = await run(["--runtime-map", "runsc=runc", dir]);
        const [e] = entries;
        assert.strictEqual(e.runtime, "runc");
        assert.strictEqual(e.tenancy, "sandboxed");
        assert.match(e.contradictions.join(), /^sandboxedRuntime passed, but measured kernel .*, the host's$/);
        assert.strictEqual(code, 1);
        assert.match(text, /CONTRADICTION: sandboxedRuntime passed/);
    });

    it("a pod that is not multi-tenant: its verdict says so, and the host's kernel is no finding (exit 0)", async function () {
        need(this);
        const dir = manifestDir({ "p.yaml": yaml(tenantPod("single", undefined, { runAsUser: 1000 }, false)) });
        const { code, entries } = await run([dir]);
        assert.strictEqual(entries[0].tenancy, "not multi-tenant");
        assert.deepStrictEqual(entries[0].hostKernel, []);
        assert.strictEqual(code, 0);
    });
});
