// The example harness on programs outside examples/ (issue 10 part 6): capture waits for components' late children,
// a missing mock names what the mocks cannot do and what to use instead, and `npm run demo -- DIR` judges any
// Pulumi TypeScript program directory.
import * as assert from "assert";
import { execFile } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { promisify } from "util";
import { captureProgram, REPO_ROOT } from "../harness/program";
import { judgeResources } from "../harness/judge";

function programDir(files: Record<string, string>): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "isolation-guard-program-"));
    for (const [rel, content] of Object.entries(files)) fs.writeFileSync(path.join(dir, rel), content);
    return dir;
}

const privilegedDeployment = (name: string) => `---
apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}, namespace: cert-manager}
spec:
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec:
      containers:
        - name: ${name}
          image: quay.io/jetstack/${name}:v1.16.0
          securityContext: {privileged: true}
`;

// A component whose children register only after the program's main body has returned, as a ConfigFile's do once
// its manifest is read (here: after a timer, so it is late whatever the runtime's own scheduling).
const LATE_COMPONENT = `import * as pulumi from "@pulumi/pulumi";
class LateManifest extends pulumi.ComponentResource {
    constructor(name: string) {
        super("test:index:LateManifest", name, {});
        new Promise((resolve) => setTimeout(resolve, 300)).then(() => {
            for (const n of ["controller", "webhook", "cainjector"])
                new pulumi.CustomResource(
                    "kubernetes:apps/v1:Deployment",
                    \`\${name}-\${n}\`,
                    {
                        apiVersion: "apps/v1",
                        kind: "Deployment",
                        metadata: { name: n },
                        spec: { template: { spec: { containers: [{ name: n, image: "x", securityContext: { privileged: true } }] } } },
                    },
                    { parent: this },
                );
        });
    }
}
new LateManifest("cert-manager");
`;

describe("the example harness on any program directory", function () {
    this.timeout(120000);

    it("waits for children a component registers after the program body returns", async () => {
        const dir = programDir({ "Pulumi.yaml": "name: late\nruntime: nodejs\n", "index.ts": LATE_COMPONENT });
        const { resources } = await captureProgram(dir);
        assert.deepStrictEqual(
            resources.map((r) => `${r.type}::${r.name}`),
            [
                "pulumi:pulumi:Stack::late-dev",
                "test:index:LateManifest::cert-manager",
                "kubernetes:apps/v1:Deployment::cert-manager-controller",
                "kubernetes:apps/v1:Deployment::cert-manager-webhook",
                "kubernetes:apps/v1:Deployment::cert-manager-cainjector",
            ],
        );
        const verdict = await judgeResources("late", "late", resources);
        assert.strictEqual(
            verdict.diagnostics.filter((d) => d.level === "mandatory" && d.message.includes("[privileged]")).length,
            3,
            JSON.stringify(verdict.diagnostics),
        );
    });

    it("judges a k8s.yaml.ConfigFile program in full (three Deployments from a manifest file)", async () => {
        const dir = programDir({
            "Pulumi.yaml": "name: cert-manager\nruntime: nodejs\ndescription: cert-manager from its manifest\n",
            "index.ts": `import * as k8s from "@pulumi/kubernetes";\nnew k8s.yaml.ConfigFile("cert-manager", { file: "cert-manager.yaml" });\n`,
            "cert-manager.yaml": ["cert-manager", "cert-manager-webhook", "cert-manager-cainjector"]
                .map(privilegedDeployment)
                .join(""),
        });
        const { resources } = await captureProgram(dir);
        const deployments = resources.filter((r) => r.type === "kubernetes:apps/v1:Deployment");
        assert.strictEqual(deployments.length, 3, JSON.stringify(resources.map((r) => r.type)));
        const verdict = await judgeResources("cert-manager", "cert-manager", resources);
        assert.strictEqual(verdict.diagnostics.filter((d) => d.message.includes("[privileged]")).length, 3);
    });

    it("a k8s.helm.v3.Chart program fails with a message naming what the mocks cannot do and what to use instead", async () => {
        const dir = programDir({
            "Pulumi.yaml": "name: chart\nruntime: nodejs\n",
            "index.ts": `import * as k8s from "@pulumi/kubernetes";\nnew k8s.helm.v3.Chart("ingress", { chart: "ingress-nginx", fetchOpts: { repo: "https://kubernetes.github.io/ingress-nginx" } });\n`,
        });
        await assert.rejects(captureProgram(dir), (e: Error) => {
            assert.match(e.message, /kubernetes:helm:template, which the harness's mocks cannot answer/);
            assert.match(e.message, /helm template/);
            assert.match(e.message, /isolation-guard scan/);
            return true;
        });
    });

    it("names the components a provider builds remotely (helm.v4.Chart, yaml/v2), whose children mocks never see", async () => {
        const dir = programDir({
            "Pulumi.yaml": "name: remote\nruntime: nodejs\n",
            "index.ts": `import * as k8s from "@pulumi/kubernetes";\nnew k8s.helm.v4.Chart("ingress", { chart: "oci://registry.example/ingress" });\nnew k8s.yaml.v2.ConfigFile("cm", { file: "cm.yaml" });\n`,
        });
        const { remoteComponents } = await captureProgram(dir);
        assert.deepStrictEqual([...(remoteComponents ?? [])].sort(), [
            "kubernetes:helm.sh/v4:Chart::ingress",
            "kubernetes:yaml/v2:ConfigFile::cm",
        ]);
    });

    it("refuses a directory that is not a Pulumi project, saying why", async () => {
        const dir = programDir({ "index.ts": "export {};\n" });
        await assert.rejects(captureProgram(dir), /has no Pulumi\.yaml/);
    });

    it("npm run demo -- DIR judges a TypeScript program outside examples/", async () => {
        const dir = programDir({
            "Pulumi.yaml": "name: my-infra\nruntime: nodejs\ndescription: my own program\n",
            "index.ts": `import * as docker from "@pulumi/docker";\nnew docker.Container("agent", { image: "portainer/agent:2.21.0", volumes: [{ hostPath: "/var/run/docker.sock", containerPath: "/var/run/docker.sock" }, { hostPath: "/etc/localtime", containerPath: "/etc/localtime", readOnly: true }] });\n`,
        });
        // Mandatory findings: the demo exits 1 (its exit code follows the verdict), so execFile rejects with the output.
        const { stdout, code } = (await promisify(execFile)(
            process.execPath,
            [path.join(REPO_ROOT, "dist", "test", "harness", "demo.js"), dir],
            { cwd: REPO_ROOT, env: { ...process.env, NO_COLOR: "1", PULUMI_CLI: "" } },
        ).then(
            (ok) => ({ ...ok, code: 0 }),
            (e: { stdout: string; code: number }) => e,
        )) as { stdout: string; code: number };
        assert.strictEqual(code, 1);
        assert.match(stdout, /my own program/);
        assert.match(stdout, /Container: agent/);
        assert.match(stdout, /\[sensitiveHostPath\] Container "agent" must not mount a container runtime socket/);
        // The read-only /etc/localtime beside it is not reported.
        assert.ok(!stdout.includes('"/etc/localtime"'), stdout);
        assert.match(stdout, /preview fails: 2 mandatory violation\(s\)/);
        assert.ok(stdout.includes(dir), stdout);
    });
});
