// Judging a program (issue 24 part 5): `npm run demo -- DIR` as a new user runs it, as a child process. Its exit code
// follows the verdict (0 / 1 / 2), `--format json` is one document, a program that fails to load is one line while
// the others are judged, remediations show what they change, provider function calls are answered from the invoke
// table (test/harness/invokes.ts) with a note for any other, and three public-style AWS programs that look things up
// before creating their containers (test/fixtures/programs/aws-*) are judged in full.
import * as assert from "assert";
import { execFile } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { REPO_ROOT } from "../harness/program";
import type { Finding } from "../harness/demo";

const DEMO = path.join(REPO_ROOT, "dist", "test", "harness", "demo.js");
const FIXTURES = path.join(REPO_ROOT, "test", "fixtures", "programs");

interface Run {
    code: number | null;
    stdout: string;
    stderr: string;
}

function demo(args: string[], env: Record<string, string> = {}): Promise<Run> {
    return new Promise((resolve) => {
        execFile(
            process.execPath,
            [DEMO, ...args],
            { cwd: REPO_ROOT, env: { ...process.env, NO_COLOR: "1", PULUMI_CLI: "", DEBUG: "", ...env } },
            (err, stdout, stderr) =>
                resolve({ code: err ? ((err as { code?: number }).code ?? null) : 0, stdout, stderr }),
        );
    });
}

function programDir(files: Record<string, string>): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "isolation-guard-judge-"));
    for (const [rel, content] of Object.entries(files)) fs.writeFileSync(path.join(dir, rel), content);
    return dir;
}

const HARDENED = `{ image: "nginxinc/nginx-unprivileged:1.27", user: "101:101", readOnly: true, capabilities: { drops: ["ALL"] }, securityOpts: ["no-new-privileges"] }`;

/** No finding at all: exit 0. */
const clean = () =>
    programDir({
        "Pulumi.yaml": "name: clean\nruntime: nodejs\n",
        "index.ts": `import * as docker from "@pulumi/docker";\nnew docker.Container("web", ${HARDENED});\n`,
    });

/** Its only finding is fixed by a remediate policy: blocking (exit 1), as `isolation-guard scan` counts remediate. */
const remediated = () =>
    programDir({
        "Pulumi.yaml": "name: remediated\nruntime: nodejs\ndescription: privileged, under a remediate config\n",
        "index.ts": `import * as docker from "@pulumi/docker";\nnew docker.Container("web", { ...${HARDENED}, privileged: true });\n`,
        "policy-config.json": '{ "no-privileged-containers": "remediate" }\n',
    });

/** Fails while it loads (a TypeError in the program): not judged, exit 2. */
const broken = () =>
    programDir({
        "Pulumi.yaml": "name: broken\nruntime: nodejs\n",
        "index.ts": `const settings: { region?: { name: string } } = {};\nexport const region = settings.region!.name;\n`,
    });

/** Calls a provider function the invoke table does not know and judges what it registers anyway. */
const unknownInvoke = () =>
    programDir({
        "Pulumi.yaml": "name: unknown-invoke\nruntime: nodejs\n",
        "index.ts": `import * as pulumi from "@pulumi/pulumi";
import * as docker from "@pulumi/docker";
const type = pulumi.runtime.invoke("aws:ec2/getInstanceType:getInstanceType", { instanceType: "t3.micro" });
new docker.Container("agent", { image: type.then((t: { id?: string }) => t.id ?? "agent:1.0"), privileged: true });
`,
    });

/** Type only: importing the demo's module for real would run it. */
type JsonFinding = Finding;

interface JsonProgram {
    label: string;
    dir: string;
    verdict: string;
    exitCode: number;
    resources: string[];
    findings: JsonFinding[];
    remediations: { urn: string; type: string; name: string; policy: string; changes: unknown[] }[];
    notes: string[];
    unknownInvokes: string[];
    errors: string[];
}

/** `policy type:name` of each mandatory finding whose message names `check`, sorted. */
const mandatory = (p: JsonProgram) =>
    p.findings
        .filter((f) => f.level === "mandatory")
        .map((f) => `${f.policy} ${f.type}::${f.name} ${/^\[(\w+)\]/m.exec(f.message.split("\n").pop() ?? "")?.[1]}`)
        .sort();

describe("npm run demo -- DIR: judging a program (exit codes, JSON, failures, remediations, invokes)", function () {
    this.timeout(180000);

    describe("--format json on the three AWS programs, a broken one and one calling an unknown invoke", () => {
        let run: Run;
        let doc: { tool: string; exitCode: number; programs: JsonProgram[] };
        const byLabel = (suffix: string) => {
            const p = doc.programs.find((x) => x.label.endsWith(suffix));
            assert.ok(p, `no program ${suffix} in ${doc.programs.map((x) => x.label).join(", ")}`);
            return p;
        };
        let brokenDir: string;
        before(async () => {
            brokenDir = broken();
            run = await demo([
                "--format",
                "json",
                brokenDir,
                ...["aws-ecs-fargate", "aws-ec2-webserver", "aws-awsx-classic"].map((p) => path.join(FIXTURES, p)),
                unknownInvoke(),
            ]);
            doc = JSON.parse(run.stdout) as typeof doc;
        });

        it("is one JSON document: exit code 2 (a program not judged) in it and as the process's, a result per program", () => {
            assert.strictEqual(run.code, 2, run.stderr);
            assert.strictEqual(doc.exitCode, 2);
            assert.strictEqual(doc.programs.length, 5);
            for (const p of doc.programs) {
                assert.deepStrictEqual(
                    Object.keys(p)
                        .filter((k) => k !== "description" && k !== "policyConfig")
                        .sort(),
                    [
                        "dir",
                        "errors",
                        "exitCode",
                        "findings",
                        "label",
                        "notes",
                        "remediations",
                        "resources",
                        "unknownInvokes",
                        "verdict",
                    ],
                );
                for (const f of p.findings)
                    assert.deepStrictEqual(Object.keys(f).sort(), [
                        "level",
                        "message",
                        "name",
                        "policy",
                        "type",
                        "urn",
                    ]);
            }
        });

        it("reports the broken program in one line without a stack trace, and still judges every other one", () => {
            const p = byLabel(path.basename(brokenDir));
            assert.strictEqual(p.verdict, "error");
            assert.strictEqual(p.exitCode, 2);
            assert.deepStrictEqual(p.errors.length, 1);
            assert.match(p.errors[0], /^TypeError: Cannot read properties of undefined \(reading 'name'\)$/);
            const others = doc.programs.filter((x) => x !== p);
            assert.deepStrictEqual(
                others.map((x) => [x.verdict, x.exitCode]),
                others.map(() => ["fail", 1]),
            );
        });

        it("aws-ecs-fargate: after zones, default VPC, subnets, caller, region and a policy document, its Fargate task is judged", () => {
            const p = byLabel("aws-ecs-fargate");
            assert.deepStrictEqual(p.unknownInvokes, []);
            assert.ok(p.resources.includes("aws:ecs/service:Service::app"), p.resources.join(", "));
            assert.ok(p.resources.includes("aws:iam/role:Role::task-exec"), p.resources.join(", "));
            assert.deepStrictEqual(mandatory(p), [
                "drop-capabilities aws:ecs/taskDefinition:TaskDefinition::app capabilities_restricted",
            ]);
            assert.ok(
                p.findings.some((f) => f.policy === "run-as-non-root" && f.level === "advisory"),
                JSON.stringify(p.findings),
            );
        });

        it("aws-ec2-webserver: after the AMI, default VPC and subnet lookups, the instance and its host task are judged", () => {
            const p = byLabel("aws-ec2-webserver");
            assert.deepStrictEqual(p.unknownInvokes, []);
            assert.deepStrictEqual(mandatory(p), [
                "drop-capabilities aws:ecs/taskDefinition:TaskDefinition::node-exporter capabilities_restricted",
                "no-host-credentials aws:ec2/instance:Instance::web-server-www instanceMetadata",
                "no-host-namespaces aws:ecs/taskDefinition:TaskDefinition::node-exporter hostNamespaces",
                "no-sensitive-host-mounts aws:ecs/taskDefinition:TaskDefinition::node-exporter sensitiveHostPath",
            ]);
        });

        it("aws-awsx-classic: after the Output-form lookups (ECS AMI from SSM, partition, zones), the component's children are judged", () => {
            const p = byLabel("aws-awsx-classic");
            assert.deepStrictEqual(p.unknownInvokes, []);
            assert.deepStrictEqual(mandatory(p), [
                "drop-capabilities aws:ecs/taskDefinition:TaskDefinition::runner capabilities_restricted",
                "no-host-credentials aws:ec2/launchTemplate:LaunchTemplate::ci-nodes instanceMetadata",
                "no-privileged-containers aws:ecs/taskDefinition:TaskDefinition::runner privileged",
                "no-sensitive-host-mounts aws:ecs/taskDefinition:TaskDefinition::runner sensitiveHostPath",
            ]);
            // The children carry the classic component's type in their URN, as the engine forms it.
            const runner = p.findings.find((f) => f.policy === "no-privileged-containers");
            assert.match(runner?.urn ?? "", /::awsx:x:ecs:EC2Service\$aws:ecs\/taskDefinition:TaskDefinition::runner$/);
        });

        it("answers an invoke outside the table with a placeholder, judges the program, and notes the token", () => {
            const p = byLabel(doc.programs[4].label);
            assert.deepStrictEqual(p.unknownInvokes, ["aws:ec2/getInstanceType:getInstanceType"]);
            assert.strictEqual(p.notes.length, 1);
            assert.match(p.notes[0], /aws:ec2\/getInstanceType:getInstanceType.*not in the invoke table.*may depend/);
            assert.ok(
                mandatory(p).includes("no-privileged-containers docker:index/container:Container::agent privileged"),
            );
        });
    });

    describe("text (the default)", () => {
        let run: Run;
        /** The program's part of the output: from its label (its absolute path, being outside the repository) on. */
        const blockOf = (dir: string) => {
            const at = run.stdout.indexOf(`\n${dir}`);
            assert.ok(at >= 0, run.stdout);
            return run.stdout.slice(at);
        };
        let remediatedDir: string;
        let classicDir: string;
        before(async () => {
            remediatedDir = remediated();
            // aws-awsx-classic under a remediate config: the fix is inside the containerDefinitions JSON string.
            classicDir = programDir({ "policy-config.json": '{ "no-privileged-containers": "remediate" }\n' });
            for (const f of ["Pulumi.yaml", "index.ts"])
                fs.copyFileSync(path.join(FIXTURES, "aws-awsx-classic", f), path.join(classicDir, f));
            run = await demo([broken(), remediatedDir, unknownInvoke(), classicDir]);
        });

        it("names the broken program's error in one line, no stack trace, and exits 2 after judging the rest", () => {
            assert.strictEqual(run.code, 2);
            assert.match(run.stdout, /could not be judged: TypeError: Cannot read properties of undefined/);
            assert.ok(!/^\s+at /m.test(run.stdout + run.stderr), run.stdout + run.stderr);
            assert.match(run.stdout, /4 stack\(s\), 3 blocking .*, 1 could not be judged \(exit code 2\)/);
        });

        it("shows what the remediate policy rewrites and counts it as blocking", () => {
            const block = blockOf(remediatedDir);
            assert.match(
                block,
                /\[remediate\]\s+no-privileged-containers\s+rewrites the inputs:\n\s+privileged: true → false/,
            );
            assert.match(block, /❌ blocking, 1 remediation\(s\)/);
        });

        it("shows a remediation inside a JSON-string input (ECS containerDefinitions) by its path in the JSON", () => {
            const block = blockOf(classicDir);
            assert.match(
                block,
                /TaskDefinition: runner\n\s+- \[remediate\]\s+no-privileged-containers\s+rewrites the inputs:\n\s+containerDefinitions\[0\]\.privileged: true → false\n/,
            );
            assert.match(block, /❌ preview fails: 3 mandatory violation\(s\), 1 remediation\(s\)/);
        });

        it("prints the unknown-invoke note with the verdict", () => {
            assert.match(
                run.stdout,
                /! the program called aws:ec2\/getInstanceType:getInstanceType, which is not in the invoke table \(test\/harness\/invokes\.ts\)[^\n]*\n\s+❌ preview fails/,
            );
        });

        it("with DEBUG set, prints the stack trace of a program that could not be judged (on stderr)", async () => {
            const debug = await demo([broken()], { DEBUG: "1" });
            assert.strictEqual(debug.code, 2);
            assert.match(debug.stderr, /TypeError[\s\S]*\n\s+at /);
        });
    });

    describe("exit codes", () => {
        it("0 when nothing blocks", async () => {
            const run = await demo([clean()]);
            assert.strictEqual(run.code, 0, run.stdout + run.stderr);
            assert.match(run.stdout, /no violations/);
        });

        it("1 when the only finding is one a remediate policy fixes (JSON: the change, inside the inputs)", async () => {
            const run = await demo(["--format=json", remediated()]);
            assert.strictEqual(run.code, 1, run.stderr);
            const [p] = (JSON.parse(run.stdout) as { programs: JsonProgram[] }).programs;
            assert.strictEqual(p.verdict, "fail");
            assert.deepStrictEqual(p.findings, []);
            assert.deepStrictEqual(p.remediations, [
                {
                    urn: "urn:pulumi:dev::remediated::docker:index/container:Container::web",
                    type: "docker:index/container:Container",
                    name: "web",
                    policy: "no-privileged-containers",
                    changes: [{ path: "privileged", before: true, after: false }],
                },
            ]);
        });

        it("2 on bad usage: an unknown format, an unknown option, a directory that is no program", async () => {
            for (const args of [["--format", "xml"], ["--verbose"], [path.join(os.tmpdir(), "no-such-program")]]) {
                const run = await demo(args);
                assert.strictEqual(run.code, 2, args.join(" "));
                assert.match(run.stderr, /Usage: npm run demo/);
                assert.strictEqual(run.stdout, "");
            }
        });
    });
});
