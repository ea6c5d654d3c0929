import * as assert from "assert";
import { execFile } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { kubernetesTypeToken, scan, ScanFinding } from "../../cli/scan";
import { PACK_DIR } from "../harness/engine";
import { deployment, json, manifestDir, mixedManifests, pod } from "./manifests";

const SCAN_JS = path.join(PACK_DIR, "dist", "cli", "scan.js");

function run(args: string[]): { code: number; out: string; err: string } {
    let out = "";
    let err = "";
    const code = scan(args, { stdout: (s) => (out += s), stderr: (s) => (err += s) });
    return { code, out, err };
}

describe("isolation-guard scan", () => {
    it("maps manifest apiVersion and kind to Pulumi type tokens", () => {
        assert.strictEqual(kubernetesTypeToken("apps/v1", "Deployment"), "kubernetes:apps/v1:Deployment");
        assert.strictEqual(kubernetesTypeToken("v1", "Pod"), "kubernetes:core/v1:Pod");
        assert.strictEqual(kubernetesTypeToken("batch/v1", "CronJob"), "kubernetes:batch/v1:CronJob");
    });

    it("judges a directory recursively: multi-document YAML, JSON, List and typed lists; prints JSON findings", () => {
        const dir = mixedManifests();
        const r = run(["--format", "json", dir]);
        assert.strictEqual(r.code, 1, r.err);
        const findings: ScanFinding[] = JSON.parse(r.out);
        const summary = findings
            .map(
                (f) => `${path.relative(dir, f.file)} ${f.kind}/${f.name} ${f.policy} ${f.check} ${f.enforcementLevel}`,
            )
            .sort();
        assert.deepStrictEqual(summary, [
            "app.yaml Deployment/priv no-privileged-containers privileged mandatory",
            "nested/deeper/pod.json Pod/netpod no-host-namespaces hostNamespaces mandatory",
            "nested/list.yml DaemonSet/agent no-host-namespaces hostNamespaces mandatory",
            "nested/podlist.yaml Pod/listed no-host-namespaces hostNamespaces mandatory",
            "nested/probe.yaml Pod/probe no-host-namespaces hostProbesAndHostLifecycle mandatory",
            "nested/rootful.yaml Pod/rootful run-as-non-root runAsUser advisory",
        ]);
        const priv = findings.find((f) => f.name === "priv")!;
        assert.deepStrictEqual(Object.keys(priv).sort(), [
            "check",
            "enforcementLevel",
            "file",
            "kind",
            "line",
            "message",
            "name",
            "policy",
        ]);
        assert.ok(
            priv.message.startsWith(
                '[privileged] Deployment "priv", container "app" must not run privileged: spec.template.spec.containers[0].securityContext.privileged is true',
            ),
            priv.message,
        );
    });

    it("exits 0 with advisory findings only, and prints text by default", () => {
        const dir = manifestDir({ "rootful.yaml": json(pod("rootful", (s) => (s.securityContext.runAsUser = 0))) });
        const r = run([dir]);
        assert.strictEqual(r.code, 0, r.err);
        assert.match(r.out, /rootful\.yaml:1: Pod "rootful": advisory run-as-non-root: \[runAsUser\]/);
        assert.match(
            r.out,
            /1 file\(s\), 1 resource\(s\) judged: 0 blocking \(0 mandatory, 0 remediate\), 1 advisory finding\(s\)/,
        );
    });

    it("exits 0 and prints [] for clean manifests", () => {
        const r = run(["--format=json", manifestDir({ "ok.yaml": json(deployment("ok")) })]);
        assert.deepStrictEqual([r.code, JSON.parse(r.out)], [0, []]);
    });

    it("exits 2 naming the file and the reason for unreadable input, after judging the rest", () => {
        const dir = manifestDir({
            "bad.yaml": "kind: Pod\n  metadata: [unclosed\n",
            "priv.yaml": json(pod("priv", (s) => (s.containers[0].securityContext.privileged = true))),
        });
        const missing = path.join(dir, "missing.yaml");
        const r = run(["--format", "json", dir, missing]);
        assert.strictEqual(r.code, 2);
        assert.match(
            r.err,
            new RegExp(
                `cannot read ${path.join(dir, "bad.yaml").replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: not valid YAML or JSON`,
            ),
        );
        assert.match(r.err, /missing\.yaml: no such file or directory/);
        assert.deepStrictEqual(
            JSON.parse(r.out).map((f: ScanFinding) => f.check),
            ["privileged"],
        );
    });

    it("applies presets, --config files and --pss-version with the pack's config handling", () => {
        const dir = manifestDir({
            "probe.yaml": json(
                pod("probe", (s) => (s.containers[0].livenessProbe = { httpGet: { host: "10.0.0.1", port: 80 } })),
            ),
            "rootful.yaml": json(pod("rootful", (s) => (s.securityContext.runAsUser = 0))),
        });
        const checks = (args: string[]) =>
            JSON.parse(run(["--format", "json", ...args, dir]).out)
                .map((f: ScanFinding) => `${f.check}:${f.enforcementLevel}`)
                .sort();
        assert.deepStrictEqual(checks(["--preset", "pss-baseline"]), ["hostProbesAndHostLifecycle:mandatory"]);
        assert.deepStrictEqual(checks(["--preset", "pss-restricted"]), [
            "hostProbesAndHostLifecycle:mandatory",
            "runAsUser:mandatory",
        ]);
        assert.deepStrictEqual(checks(["--preset", "pss-restricted", "--pss-version", "v1.33"]), [
            "runAsUser:mandatory",
        ]);
        assert.strictEqual(run(["--preset", "pss-restricted", dir]).code, 1);
        const config = path.join(dir, "..", `${path.basename(dir)}-config.json`);
        fs.writeFileSync(
            config,
            json({ "run-as-non-root": "mandatory", "no-host-namespaces": { enforcementLevel: "advisory" } }),
        );
        assert.deepStrictEqual(checks(["--config", config]), [
            "hostProbesAndHostLifecycle:advisory",
            "runAsUser:mandatory",
        ]);
        fs.writeFileSync(config, json({ "no-host-namespaces": { enforcementLevel: "disabled" } }));
        assert.deepStrictEqual(checks(["--config", config]), ["runAsUser:advisory"]);
    });

    it("exits 2 on a bad config, preset, version or option", () => {
        const dir = manifestDir({ "ok.yaml": json(pod("ok")) });
        const bad = path.join(dir, "bad-config.json");
        fs.writeFileSync(bad, json({ "kernel-hardening": { checks: { noSuchCheck: true } } }));
        for (const args of [
            ["--config", bad],
            ["--preset", "pss-nonsense"],
            ["--preset", "../package"],
            ["--pss-version", "v2.0"],
            ["--format", "xml"],
            ["--frobnicate"],
            [],
        ]) {
            const r = run([...args, ...(args.length ? [dir] : [])]);
            assert.strictEqual(r.code, 2, `${args.join(" ")}: ${r.err}`);
            assert.ok(r.err.length > 0, args.join(" "));
        }
        assert.match(
            run(["--config", bad, dir]).err,
            /kernel-hardening: checks: Additional property noSuchCheck is not allowed/,
        );
    });

    it("refuses a misspelt policy property, as the pack refuses it at Configure", () => {
        const dir = manifestDir({ "ok.yaml": json(pod("ok")) });
        const typo = path.join(dir, "typo.json");
        fs.writeFileSync(typo, json({ "drop-capabilities": { allowedCapabilites: ["SYS_ADMIN"] } }));
        const r = run(["--config", typo, dir]);
        assert.strictEqual(r.code, 2, r.err);
        assert.match(
            r.err,
            /policy "drop-capabilities" has no config property "allowedCapabilites" \(it accepts: .*allowedCapabilities/,
        );
    });

    it("ships as the package's isolation-guard bin with a node shebang", () => {
        const pkg = JSON.parse(fs.readFileSync(path.join(PACK_DIR, "package.json"), "utf8"));
        // cli/main.js dispatches `scan` to cli/scan.js (and `verify` to verify/cli.js).
        assert.strictEqual(pkg.bin["isolation-guard"], "dist/cli/main.js");
        assert.ok(
            fs.readFileSync(path.join(path.dirname(SCAN_JS), "main.js"), "utf8").startsWith("#!/usr/bin/env node\n"),
        );
        assert.ok(fs.readFileSync(SCAN_JS, "utf8").startsWith("#!/usr/bin/env node\n"));
    });

    it("runs as a process with the documented exit codes", async () => {
        const dir = mixedManifests();
        const exec = (args: string[]) =>
            new Promise<{ code: number; stdout: string }>((resolve) =>
                execFile(process.execPath, [SCAN_JS, ...args], (e, stdout) =>
                    resolve({ code: e ? Number(e.code) : 0, stdout }),
                ),
            );
        const r = await exec(["scan", "--format", "json", dir]);
        assert.strictEqual(r.code, 1);
        assert.strictEqual(JSON.parse(r.stdout).length, 6);
        assert.strictEqual((await exec(["scan", path.join(dir, "nested", "rootful.yaml")])).code, 0);
        assert.strictEqual((await exec(["scan", path.join(dir, "absent")])).code, 2);
        assert.strictEqual((await exec(["frobnicate"])).code, 2);
    });

    it("loads neither @pulumi/policy's runtime nor gRPC, so it starts fast", async () => {
        const probe = `require(${JSON.stringify(SCAN_JS)}); console.log(JSON.stringify(Object.keys(require.cache).filter((k) => /@pulumi[\\\\/]policy|@pulumi[\\\\/]pulumi|grpc/.test(k))))`;
        const loaded = await new Promise<string>((resolve, reject) =>
            execFile(process.execPath, ["-e", probe], (e, stdout) => (e ? reject(e) : resolve(stdout))),
        );
        assert.deepStrictEqual(JSON.parse(loaded), []);
    });
});

describe("isolation-guard scan: stack-wide checks", () => {
    it("judges the manifests together as a program, e.g. a Pod made multi-tenant by its Namespace's label", () => {
        const ns = {
            apiVersion: "v1",
            kind: "Namespace",
            metadata: { name: "tenants", labels: { tenancy: "multi-tenant" } },
        };
        const p = { ...pod("guest"), metadata: { name: "guest", namespace: "tenants" } };
        const together = JSON.parse(
            run(["--format", "json", manifestDir({ "all.yaml": [json(ns), json(p)].join("\n---\n") })]).out,
        ) as ScanFinding[];
        assert.ok(
            together.some((f) => f.policy === "multi-tenant-isolation" && f.name === "guest"),
            JSON.stringify(together),
        );
        const alone = JSON.parse(run(["--format", "json", manifestDir({ "pod.yaml": json(p) })]).out) as ScanFinding[];
        assert.deepStrictEqual(
            alone.filter((f) => f.policy === "multi-tenant-isolation"),
            [],
        );
    });
});
