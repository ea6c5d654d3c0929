// `isolation-guard audit` over exported stack state: it reads the export as the engine hands resources to the pack
// (secrets, providers, pending deletions), finds what the pack started as the engine starts it finds, and writes an
// exemptions config the pack accepts and under which the same stacks pass. The real-CLI half (state made by
// `pulumi up`, compared with `pulumi preview`) is test/realpreview/audit-real.test.ts.
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { audit, AuditIo, checkExpiry, parseStackExport, REASON_TO_FILL_IN, stackOfUrn } from "../../cli/audit";
import { resolvePackConfig } from "../../cli/packConfig";
import { resourcePolicies } from "../../policies";
import { captureExample, CapturedProgram } from "../harness/program";
import { toDeployment } from "../harness/state";
import { PackProcess } from "../harness/engine";

const SIG = "4dabf18193072939515e22adb298388d";
const SECRET = "1b47061264138c4ac30d75fd1eb44270";
const NOW = new Date("2026-12-06T12:00:00Z");

interface Run {
    code: number;
    stdout: string;
    stderr: string;
}

function run(args: string[], stdin?: string): Run {
    let stdout = "";
    let stderr = "";
    const io: AuditIo = {
        stdout: (s) => (stdout += s),
        stderr: (s) => (stderr += s),
        stdin: stdin === undefined ? undefined : () => stdin,
        now: () => NOW,
    };
    const code = audit(args, io);
    return { code, stdout, stderr };
}

interface JsonAudit {
    totals: { wouldBlock: number; blockingStacks: number; judged: number; advisoryToday: number };
    stacks: {
        stack: string;
        resources: number;
        encryptedSecrets: number;
        policies: { policy: string; wouldBlock: number; advisoryToday: number; blockingToday: number }[];
        wouldBlock: {
            urn: string;
            policy: string;
            check: string;
            enforcementLevel: string;
            message: string;
            line: number;
        }[];
        today: { urn: string; policy: string; enforcementLevel: string; message: string }[];
    }[];
}

function json(args: string[]): JsonAudit {
    const r = run(["--format", "json", "--quiet", ...args]);
    assert.ok(r.code === 0 || r.code === 1, `exit ${r.code}: ${r.stderr}`);
    return JSON.parse(r.stdout) as JsonAudit;
}

const urn = (type: string, name: string, stack = "prod", project = "shop") =>
    `urn:pulumi:${stack}::${project}::${type}::${name}`;

function pod(name: string, spec: Record<string, unknown>, namespace?: string) {
    return {
        apiVersion: "v1",
        kind: "Pod",
        metadata: { name, ...(namespace ? { namespace } : {}) },
        spec,
    };
}

const PRIVILEGED = { containers: [{ name: "c", image: "nginx", securityContext: { privileged: true } }] };

function exportText(resources: unknown[]): string {
    return JSON.stringify({ version: 3, deployment: { manifest: { time: "t" }, resources } }, null, 4);
}

describe("audit: reading `pulumi stack export`", () => {
    let dir: string;
    before(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "ig-audit-"))));
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("names the stack project/stack from its URNs, each resource by the URN's last segment, at its line", () => {
        const text = exportText([
            { urn: urn("pulumi:pulumi:Stack", "shop-prod"), custom: false, type: "pulumi:pulumi:Stack" },
            {
                urn: urn("kubernetes:core/v1:Pod", "web"),
                custom: true,
                type: "kubernetes:core/v1:Pod",
                inputs: pod("web", PRIVILEGED),
            },
        ]);
        const s = parseStackExport("x.json", text);
        assert.strictEqual(s.stack, "shop/prod");
        assert.deepStrictEqual(
            s.resources.map((r) => [r.name, r.type]),
            [
                ["shop-prod", "pulumi:pulumi:Stack"],
                ["web", "kubernetes:core/v1:Pod"],
            ],
        );
        const lines = text.split("\n");
        assert.ok(lines[s.resources[1].line - 1].includes(`"urn": "${urn("kubernetes:core/v1:Pod", "web")}"`));
        assert.strictEqual(stackOfUrn("not a urn"), undefined);
    });

    it("sees through a secret exported with --show-secrets and prints it as [secret]", () => {
        const file = path.join(dir, "secret.json");
        const spec = {
            containers: [{ name: "c", image: "nginx", securityContext: { privileged: true } }],
            volumes: [{ name: "v", hostPath: { path: "/var/run/docker.sock" } }],
        };
        // The hostPath is a secret: the finding must still be made, and the path must not be printed.
        spec.volumes[0].hostPath = {
            path: { [SIG]: SECRET, plaintext: JSON.stringify("/var/run/docker.sock") },
        } as unknown as { path: string };
        const inputs = pod("web", spec);
        fs.writeFileSync(
            file,
            exportText([
                { urn: urn("kubernetes:core/v1:Pod", "web"), custom: true, type: "kubernetes:core/v1:Pod", inputs },
            ]),
        );
        const out = json([file]);
        const mounts = out.stacks[0].wouldBlock.filter((f) => f.policy === "no-sensitive-host-mounts");
        assert.strictEqual(mounts.length, 1, JSON.stringify(out.stacks[0].wouldBlock));
        assert.ok(mounts[0].message.includes("[secret]"), mounts[0].message);
        assert.ok(!mounts[0].message.includes("docker.sock"), mounts[0].message);
        assert.strictEqual(out.stacks[0].encryptedSecrets, 0);
    });

    it("reads a secret exported encrypted as unknown (deferred with a note; fail-closed blocks) and counts it", () => {
        const file = path.join(dir, "encrypted.json");
        const inputs = pod("web", {
            containers: [
                { name: "c", image: "nginx", securityContext: { privileged: { [SIG]: SECRET, ciphertext: "v1:abc" } } },
            ],
        });
        fs.writeFileSync(
            file,
            exportText([
                { urn: urn("kubernetes:core/v1:Pod", "web"), custom: true, type: "kubernetes:core/v1:Pod", inputs },
            ]),
        );
        const deferred = json([file]);
        assert.strictEqual(deferred.stacks[0].encryptedSecrets, 1);
        assert.strictEqual(
            deferred.stacks[0].wouldBlock.filter((f) => f.policy === "no-privileged-containers").length,
            0,
        );
        assert.ok(
            deferred.stacks[0].today.some(
                (f) => f.policy === "no-privileged-containers" && /privileged/.test(f.message),
            ),
            "the unknown is noted",
        );
        const text = run([file]);
        assert.ok(text.stdout.includes("1 secret value(s) exported encrypted"), text.stdout);
        const cfg = path.join(dir, "fail-closed.json");
        fs.writeFileSync(
            cfg,
            JSON.stringify({
                "no-privileged-containers": { enforcementLevel: "mandatory", unknownValues: "fail-closed" },
            }),
        );
        const closed = json(["--config", cfg, file]);
        assert.strictEqual(
            closed.stacks[0].wouldBlock.filter((f) => f.policy === "no-privileged-containers").length,
            1,
        );
    });

    it("skips a resource pending deletion, as a preview of the program would", () => {
        const file = path.join(dir, "deleted.json");
        fs.writeFileSync(
            file,
            exportText([
                {
                    urn: urn("kubernetes:core/v1:Pod", "old"),
                    custom: true,
                    delete: true,
                    type: "kubernetes:core/v1:Pod",
                    inputs: pod("old", PRIVILEGED),
                },
                {
                    urn: urn("kubernetes:core/v1:Pod", "new"),
                    custom: true,
                    type: "kubernetes:core/v1:Pod",
                    inputs: pod("new", PRIVILEGED),
                },
            ]),
        );
        const out = json([file]);
        assert.deepStrictEqual(
            [...new Set(out.stacks[0].wouldBlock.map((f) => f.urn))],
            [urn("kubernetes:core/v1:Pod", "new")],
        );
        assert.strictEqual(out.stacks[0].resources, 1);
    });

    it("places an object without a namespace in its provider's namespace (exemptions by namespace match it)", () => {
        const provider = urn("pulumi:providers:kubernetes", "tenants");
        const file = path.join(dir, "provider.json");
        fs.writeFileSync(
            file,
            exportText([
                {
                    urn: provider,
                    custom: true,
                    id: "p1",
                    type: "pulumi:providers:kubernetes",
                    inputs: { namespace: "monitoring" },
                },
                {
                    urn: urn("kubernetes:core/v1:Pod", "agent"),
                    custom: true,
                    type: "kubernetes:core/v1:Pod",
                    provider: `${provider}::p1`,
                    inputs: pod("agent", PRIVILEGED),
                },
            ]),
        );
        const exemption = (namespace: string) => ({
            "no-privileged-containers": {
                enforcementLevel: "mandatory",
                exemptions: [
                    { checks: ["privileged"], match: { namespace }, reason: "node agent", expires: "2099-01-01" },
                ],
            },
        });
        const cfg = path.join(dir, "ns.json");
        fs.writeFileSync(cfg, JSON.stringify(exemption("monitoring")));
        assert.strictEqual(
            json(["--config", cfg, file]).stacks[0].wouldBlock.filter((f) => f.check === "privileged").length,
            0,
        );
        fs.writeFileSync(cfg, JSON.stringify(exemption("default")));
        assert.strictEqual(
            json(["--config", cfg, file]).stacks[0].wouldBlock.filter((f) => f.check === "privileged").length,
            1,
        );
    });

    it("refuses what is not an export (exit 2, named) and still judges the other files", () => {
        const bad = path.join(dir, "bad");
        fs.mkdirSync(bad);
        fs.writeFileSync(path.join(bad, "a.json"), JSON.stringify({ apiVersion: "v1" }));
        fs.writeFileSync(path.join(bad, "b.json"), "{not json");
        fs.writeFileSync(
            path.join(bad, "c.json"),
            exportText([
                {
                    urn: urn("kubernetes:core/v1:Pod", "web"),
                    custom: true,
                    type: "kubernetes:core/v1:Pod",
                    inputs: pod("web", PRIVILEGED),
                },
            ]),
        );
        fs.writeFileSync(path.join(bad, "notes.txt"), "not read: not .json");
        const r = run([bad]);
        assert.strictEqual(r.code, 2);
        assert.match(r.stderr, /a\.json: not a `pulumi stack export` file/);
        assert.match(r.stderr, /b\.json: not valid JSON/);
        assert.doesNotMatch(r.stderr, /notes\.txt/);
        assert.match(
            r.stdout,
            /1 stack\(s\), 1 resource\(s\) judged: 2 finding\(s\) on 1 resource\(s\) in 1 stack\(s\) would block under preset default; 3 advisory/,
        );
        const missing = run([path.join(dir, "nope.json")]);
        assert.strictEqual(missing.code, 2);
        assert.match(missing.stderr, /nope\.json: no such file or directory/);
    });

    it("reads one export from standard input", () => {
        const r = run(
            ["--format", "json", "-"],
            exportText([
                {
                    urn: urn("kubernetes:core/v1:Pod", "web"),
                    custom: true,
                    type: "kubernetes:core/v1:Pod",
                    inputs: pod("web", PRIVILEGED),
                },
            ]),
        );
        assert.strictEqual(r.code, 1, r.stderr);
        assert.strictEqual((JSON.parse(r.stdout) as JsonAudit).stacks[0].stack, "shop/prod");
    });
});

describe("audit: the command line", () => {
    let dir: string;
    let file: string;
    before(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "ig-audit-cli-"));
        file = path.join(dir, "one.json");
        fs.writeFileSync(
            file,
            exportText([
                {
                    urn: urn("kubernetes:core/v1:Pod", "web"),
                    custom: true,
                    type: "kubernetes:core/v1:Pod",
                    inputs: pod("web", PRIVILEGED),
                },
            ]),
        );
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("--help prints the usage on stdout with exit 0", () => {
        const r = run(["--help"]);
        assert.strictEqual(r.code, 0);
        assert.match(r.stdout, /^usage: isolation-guard audit/);
        assert.match(r.stdout, /--exemptions-out FILE/);
    });

    for (const [args, message] of [
        [[], /no PATH given/],
        [["--expires", "2027-02-30", "x"], /--expires must be a calendar date/],
        [["--expires", "2026-12-05", "x"], /already past/],
        [
            ["--current-preset", "advisory", "--current-config", "c.json", "x"],
            /either --current-preset or --current-config/,
        ],
        [["--preset", "nope", "x"], /unknown preset "nope"/],
        [["--format", "html", "x"], /--format must be one of text, markdown, json, sarif/],
        [["--owner"], /--owner needs a value/],
    ] as [string[], RegExp][]) {
        it(`exit 2 for ${JSON.stringify(args)}`, () => {
            const r = run(args);
            assert.strictEqual(r.code, 2);
            assert.match(r.stderr, message);
        });
    }

    it("checkExpiry accepts today and a real date", () => {
        assert.strictEqual(checkExpiry("2026-12-06", NOW), "2026-12-06");
        assert.strictEqual(checkExpiry("2028-02-29", NOW), "2028-02-29");
        assert.throws(() => checkExpiry("2027-2-1", NOW), /calendar date/);
    });

    it("exit 1 when something would block under the target, 0 when the target only advises", () => {
        assert.strictEqual(run([file]).code, 1);
        assert.strictEqual(run(["--preset", "advisory", file]).code, 0);
    });

    it("counts per policy what would block under the target and what is advisory or blocking today", () => {
        const out = json(["--current-preset", "default", file]);
        const p = out.stacks[0].policies.find((t) => t.policy === "no-privileged-containers");
        assert.deepStrictEqual(p, {
            policy: "no-privileged-containers",
            wouldBlock: 1,
            advisoryToday: 0,
            blockingToday: 1,
        });
        const advisory = json([file]).stacks[0].policies.find((t) => t.policy === "no-privileged-containers");
        assert.deepStrictEqual(advisory, {
            policy: "no-privileged-containers",
            wouldBlock: 1,
            advisoryToday: 1,
            blockingToday: 0,
        });
    });

    it("text: a table row per stack and policy, each blocking finding, the totals; markdown the same as tables", () => {
        const text = run([file]).stdout;
        assert.match(text, /^STACK\s+POLICY\s+WOULD BLOCK\s+ADVISORY TODAY$/m);
        assert.match(text, /^shop\/prod\s+no-privileged-containers\s+1\s+1$/m);
        assert.match(
            text,
            /^shop\/prod: kubernetes:core\/v1:Pod "web": mandatory no-privileged-containers: \[privileged\]/m,
        );
        assert.match(
            text,
            /1 stack\(s\), 1 resource\(s\) judged: \d+ finding\(s\) on 1 resource\(s\) in 1 stack\(s\) would block under preset default/,
        );
        const md = run(["--format", "markdown", file]).stdout;
        assert.match(md, /^\| shop\/prod \| no-privileged-containers \| 1 \| 1 \|$/m);
        assert.match(md, /^### shop\/prod$/m);
        const clean = path.join(dir, "clean.json");
        fs.writeFileSync(
            clean,
            exportText([
                {
                    urn: urn("kubernetes:core/v1:ConfigMap", "c", "dev", "site"),
                    custom: true,
                    type: "kubernetes:core/v1:ConfigMap",
                    inputs: {},
                },
            ]),
        );
        assert.match(run(["--quiet", clean, file]).stdout, /^site\/dev\s+\(no findings\)\s+0\s+0$/m);
        assert.match(
            run(["--quiet", "--format", "markdown", clean]).stdout,
            /^\| site\/dev \| \(no findings\) \| 0 \| 0 \|$/m,
        );
    });

    it("sarif: findings under the target, at the resource's line in the export", () => {
        const r = run(["--format", "sarif", file]);
        const sarif = JSON.parse(r.stdout) as {
            version: string;
            runs: {
                results: {
                    level: string;
                    ruleId: string;
                    message: { text: string };
                    locations: {
                        physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } };
                    }[];
                }[];
            }[];
        };
        assert.strictEqual(sarif.version, "2.1.0");
        const privileged = sarif.runs[0].results.find((x) => x.message.text.includes("[privileged]"));
        assert.ok(privileged);
        assert.strictEqual(privileged.level, "error");
        const loc = privileged.locations[0].physicalLocation;
        assert.ok(loc.artifactLocation.uri.endsWith("one.json"));
        const line = fs.readFileSync(file, "utf8").split("\n")[loc.region.startLine - 1];
        assert.ok(line.includes('"urn": "urn:pulumi:prod::shop::kubernetes:core/v1:Pod::web"'), line);
        assert.ok(privileged.message.text.includes("urn:pulumi:prod::shop"), "names the resource's URN");
    });

    it("progress on standard error for more than one stack, none with --quiet", () => {
        const two = path.join(dir, "two");
        fs.mkdirSync(two);
        fs.copyFileSync(file, path.join(two, "a.json"));
        fs.copyFileSync(file, path.join(two, "b.json"));
        assert.match(run([two]).stderr, /isolation-guard audit: 2\/2 stack\(s\) judged in/);
        assert.doesNotMatch(run(["--quiet", two]).stderr, /judged in/);
        assert.doesNotMatch(run([file]).stderr, /judged in/);
    });
});

describe("audit: exemptions the pack accepts, under which the stacks pass", function () {
    this.timeout(120000);
    let dir: string;
    before(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "ig-audit-ex-"))));
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    function write(name: string, resources: unknown[]): string {
        const f = path.join(dir, name);
        fs.writeFileSync(f, exportText(resources));
        return f;
    }

    it("writes the target config plus one exemption per blocking resource and policy, its checks, by URN", () => {
        const a = write("a.json", [
            {
                urn: urn("kubernetes:core/v1:Pod", "web"),
                custom: true,
                type: "kubernetes:core/v1:Pod",
                inputs: pod("web", {
                    containers: [
                        {
                            name: "c",
                            image: "nginx",
                            securityContext: { privileged: true, capabilities: { add: ["SYS_ADMIN"] } },
                        },
                    ],
                }),
            },
            {
                urn: urn("kubernetes:core/v1:Pod", "ok"),
                custom: true,
                type: "kubernetes:core/v1:Pod",
                inputs: pod("ok", {
                    containers: [
                        {
                            name: "c",
                            image: "nginx",
                            securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } },
                        },
                    ],
                }),
            },
        ]);
        const out = path.join(dir, "exempt.json");
        const r = run(["--exemptions-out", out, "--owner", "platform@example.com", a]);
        assert.strictEqual(r.code, 1);
        assert.match(r.stderr, /wrote .*exempt\.json with 2 new exemption\(s\)/);
        const config = JSON.parse(fs.readFileSync(out, "utf8")) as Record<
            string,
            { enforcementLevel: string; exemptions: Record<string, unknown>[] }
        >;
        // The default preset's own entries are kept.
        const preset = JSON.parse(
            fs.readFileSync(path.join(__dirname, "..", "..", "..", "presets", "default.json"), "utf8"),
        ) as Record<string, unknown>;
        for (const k of Object.keys(preset)) assert.ok(k in config, k);
        assert.deepStrictEqual(config["no-privileged-containers"].exemptions, [
            {
                id: "audit:shop/prod:web",
                checks: ["privileged"],
                match: { urn: urn("kubernetes:core/v1:Pod", "web") },
                reason: REASON_TO_FILL_IN,
                owner: "platform@example.com",
                expires: "2027-03-06",
            },
        ]);
        assert.deepStrictEqual(
            config["drop-capabilities"].exemptions.map((e) => e.checks),
            [["capabilities_restricted"]],
        );
        assert.strictEqual(config["drop-capabilities"].enforcementLevel, "mandatory");
        // Accepted as is, and the stack passes under it.
        resolvePackConfig(resourcePolicies, config);
        assert.strictEqual(run(["--config", out, a]).code, 0);
    });

    it("keeps a config's existing exemptions and its `all` level, and the --expires given", () => {
        const a = write("b.json", [
            {
                urn: urn("kubernetes:core/v1:Pod", "web"),
                custom: true,
                type: "kubernetes:core/v1:Pod",
                inputs: pod("web", PRIVILEGED),
            },
        ]);
        const existing = {
            checks: ["privileged"],
            match: { name: "legacy-*" },
            reason: "legacy",
            expires: "2027-01-01",
        };
        const target = path.join(dir, "target.json");
        fs.writeFileSync(
            target,
            JSON.stringify({
                all: "mandatory",
                "no-privileged-containers": { enforcementLevel: "mandatory", exemptions: [existing] },
            }),
        );
        const out = path.join(dir, "exempt2.json");
        assert.strictEqual(run(["--config", target, "--exemptions-out", out, "--expires", "2027-01-31", a]).code, 1);
        const config = JSON.parse(fs.readFileSync(out, "utf8")) as Record<string, unknown>;
        assert.strictEqual(config.all, "mandatory");
        const ex = (config["no-privileged-containers"] as { exemptions: Record<string, unknown>[] }).exemptions;
        assert.deepStrictEqual(ex[0], existing);
        assert.strictEqual(ex[1].expires, "2027-01-31");
        assert.strictEqual(ex[1].owner, "TO FILL IN");
        assert.strictEqual(run(["--config", out, a]).code, 0);
    });

    // The captured examples, as `pulumi stack export` would hold them after `pulumi up`: the audit must find what the
    // pack, started as the engine starts it, finds for the same resources (Analyze per resource, then AnalyzeStack);
    // and with the exemptions the audit writes, the pack must report nothing mandatory.
    const EXAMPLES = [
        "k8s-insecure-daemonset",
        "multi-tenant-bad",
        "docker-bad",
        "docker-host-access",
        "aws-ecs",
        "k8s-hardened-app",
    ];
    let programs: CapturedProgram[];
    let files: string[];
    before(async () => {
        programs = await Promise.all(EXAMPLES.map((e) => captureExample(e)));
        files = programs.map((p, i) => {
            const f = path.join(dir, `${EXAMPLES[i]}.json`);
            fs.writeFileSync(f, JSON.stringify(toDeployment(p.resources), null, 4));
            return f;
        });
    });

    function packFindings(
        description: (policy: string) => string,
        diags: { policyName: string; message: string; enforcementLevel: string; urn: string }[],
        urnOf: string,
    ) {
        return diags.map((d) => {
            const prefix = `${description(d.policyName)}\n`;
            const message = d.message.startsWith(prefix) ? d.message.slice(prefix.length) : d.message;
            return `${d.urn || urnOf} ${d.policyName} ${d.enforcementLevel} ${message}`;
        });
    }

    it("finds per stack what the pack over gRPC finds for the same resources", async () => {
        const description = (policy: string) => resourcePolicies.find((p) => p.name === policy)?.description ?? "";
        const out = json(["--current-preset", "default", ...files]);
        let compared = 0;
        for (const [i, program] of programs.entries()) {
            const pack = await PackProcess.start();
            try {
                await pack.configureStack();
                await pack.configurePack({});
                const viaPack: string[] = [];
                for (const r of program.resources) {
                    const diags = await pack.analyze(r.type, r.name, r.properties, {
                        urn: r.urn,
                        parent: r.parent,
                        provider: r.provider,
                    });
                    viaPack.push(...packFindings(description, diags, r.urn));
                }
                viaPack.push(...packFindings(description, await pack.analyzeStack(program.resources), ""));
                const stack = out.stacks.find((s) => s.stack === `${program.project}/dev`);
                assert.ok(
                    stack,
                    `${EXAMPLES[i]}: no stack ${program.project}/dev in ${out.stacks.map((s) => s.stack).join(", ")}`,
                );
                const viaAudit = stack.today.map((f) => `${f.urn} ${f.policy} ${f.enforcementLevel} ${f.message}`);
                assert.deepStrictEqual(viaAudit.sort(), viaPack.sort(), EXAMPLES[i]);
                compared += viaPack.length;
            } finally {
                await pack.stop();
            }
        }
        assert.ok(compared > 20, `only ${compared} findings compared`);
    });

    it("writes exemptions under which the pack over gRPC reports nothing mandatory for those stacks", async () => {
        const out = path.join(dir, "examples-exempt.json");
        const r = run(["--quiet", "--exemptions-out", out, ...files]);
        assert.strictEqual(r.code, 1, r.stderr);
        const config = JSON.parse(fs.readFileSync(out, "utf8")) as Record<string, unknown>;
        let mandatoryBefore = 0;
        for (const withConfig of [{}, config]) {
            const pack = await PackProcess.start();
            try {
                await pack.configureStack();
                await pack.configurePack(withConfig);
                let mandatory = 0;
                for (const program of programs) {
                    for (const res of program.resources) {
                        const diags = await pack.analyze(res.type, res.name, res.properties, {
                            urn: res.urn,
                            parent: res.parent,
                            provider: res.provider,
                        });
                        mandatory += diags.filter((d) => d.enforcementLevel === "mandatory").length;
                    }
                    mandatory += (await pack.analyzeStack(program.resources)).filter(
                        (d) => d.enforcementLevel === "mandatory",
                    ).length;
                }
                if (withConfig === config) assert.strictEqual(mandatory, 0);
                else mandatoryBefore = mandatory;
            } finally {
                await pack.stop();
            }
        }
        assert.ok(mandatoryBefore > 10, `only ${mandatoryBefore} mandatory findings before the exemptions`);
        assert.strictEqual(run(["--quiet", "--config", out, ...files]).code, 0);
    });
});
