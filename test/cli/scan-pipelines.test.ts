// `scan` in CI pipelines: manifests on standard input (`helm template … | isolation-guard scan -`), the start line of
// each offending resource, SARIF 2.1.0 validated against the SARIF schema, JUnit XML parsed as XML.
import * as assert from "assert";
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import * as yaml from "js-yaml";
import { scan } from "../../cli/scan";
import { PACK_DIR } from "../harness/engine";
import { deployment, json, manifestDir, pod } from "./manifests";
import { sarifValidator } from "./sarif";

const SCAN_JS = path.join(PACK_DIR, "dist", "cli", "scan.js");

function run(args: string[], stdin?: string): { code: number; out: string; err: string } {
    let out = "";
    let err = "";
    const code = scan(args, {
        stdout: (s) => (out += s),
        stderr: (s) => (err += s),
        stdin: () => {
            if (stdin === undefined) throw new Error("stdin read unexpectedly");
            return stdin;
        },
    });
    return { code, out, err };
}

/** A `helm template`-style stream: comments, `---` separators, a Service, a privileged Deployment, a List. */
function helmStream(): string {
    const privileged = deployment("web", (s) => (s.containers[0].securityContext.privileged = true));
    const hostPidPod = pod("agent", (s) => Object.assign(s, { hostPID: true }));
    const list = { apiVersion: "v1", kind: "List", items: [pod("ok"), hostPidPod] };
    return [
        "---",
        "# Source: chart/templates/service.yaml",
        yaml.dump({ apiVersion: "v1", kind: "Service", metadata: { name: "web" }, spec: { ports: [{ port: 80 }] } }),
        "---",
        "# Source: chart/templates/deployment.yaml",
        yaml.dump(privileged),
        "---",
        yaml.dump(list),
    ].join("\n");
}

/** The 1-based line of the first line of `text` that matches `re` at or after `from`. */
function lineOf(text: string, re: RegExp, from = 1): number {
    const lines = text.split("\n");
    for (let i = from - 1; i < lines.length; i++) if (re.test(lines[i])) return i + 1;
    throw new Error(`no line matches ${re}`);
}

type SarifLog = {
    runs: Array<{
        tool: { driver: { rules: Array<{ id: string; shortDescription: { text: string }; help: { text: string } }> } };
        results: Array<{
            ruleId: string;
            ruleIndex: number;
            level: string;
            message: { text: string };
            locations: Array<{
                physicalLocation: {
                    artifactLocation: { uri: string; uriBaseId?: string };
                    region: { startLine: number };
                };
            }>;
        }>;
    }>;
};

describe("isolation-guard scan in pipelines", () => {
    it("reads multi-document YAML from standard input with -, naming it <stdin> with each resource's line", () => {
        const stream = helmStream();
        const r = run(["--format", "json", "-"], stream);
        assert.strictEqual(r.code, 1, r.err);
        const findings = JSON.parse(r.out) as Array<{ file: string; line: number; name: string; check: string }>;
        const web = findings.find((f) => f.name === "web" && f.check === "privileged");
        const agent = findings.find((f) => f.name === "agent" && f.check === "hostNamespaces");
        assert.ok(web && agent, r.out);
        assert.strictEqual(web.file, "<stdin>");
        // The Deployment's document starts at its first key, after the `# Source:` comment.
        assert.strictEqual(web.line, lineOf(stream, /^apiVersion: apps\/v1$/));
        // A List item starts at its own `- apiVersion` line, the second Pod of the list.
        const listStart = lineOf(stream, /^kind: List$/);
        const firstItem = lineOf(stream, /^ {2}- apiVersion: v1$/, listStart);
        assert.strictEqual(agent.line, lineOf(stream, /^ {2}- apiVersion: v1$/, firstItem + 1));
        assert.ok(findings.every((f) => f.name !== "ok"));
    });

    it("pipes through the installed bin: `cat … | isolation-guard scan -` exits by the findings", () => {
        const bad = spawnSync(process.execPath, [SCAN_JS, "scan", "-"], { input: helmStream(), encoding: "utf8" });
        assert.strictEqual(bad.status, 1, bad.stderr);
        assert.match(bad.stdout, /^<stdin>:\d+: Deployment "web": mandatory no-privileged-containers: \[privileged\]/m);
        const good = spawnSync(process.execPath, [SCAN_JS, "scan", "-"], {
            input: yaml.dump(deployment("fine")),
            encoding: "utf8",
        });
        assert.strictEqual(good.status, 0, good.stderr);
        const garbage = spawnSync(process.execPath, [SCAN_JS, "scan", "-"], { input: "a: [", encoding: "utf8" });
        assert.strictEqual(garbage.status, 2);
        assert.match(garbage.stderr, /cannot read <stdin>: not valid YAML or JSON/);
    });

    it("mixes stdin and files, and refuses - given twice", () => {
        const dir = manifestDir({ "rootful.yaml": json(pod("rootful", (s) => (s.securityContext.runAsUser = 0))) });
        const r = run(
            [dir, "-"],
            yaml.dump(deployment("web", (s) => (s.containers[0].securityContext.privileged = true))),
        );
        assert.strictEqual(r.code, 1, r.err);
        assert.match(r.out, /rootful\.yaml:\d+: Pod "rootful": advisory/);
        assert.match(r.out, /^<stdin>:1: Deployment "web": mandatory/m);
        assert.match(r.out, /2 file\(s\), 2 resource\(s\) judged/);
        assert.strictEqual(run(["-", "-"], "").code, 2);
    });

    it("gives each resource of a multi-document file its own start line in text output", () => {
        const text = [
            yaml.dump(deployment("a")),
            "---",
            "",
            yaml.dump(deployment("b", (s) => (s.containers[0].securityContext.privileged = true))),
        ].join("\n");
        const dir = manifestDir({ "two.yaml": text });
        const r = run([dir]);
        assert.strictEqual(r.code, 1, r.err);
        const want = `${path.join(dir, "two.yaml")}:${lineOf(text, /^---$/) + 2}: Deployment "b": mandatory`;
        assert.ok(r.out.includes(want), `${want}\n${r.out}`);
    });

    describe("--format sarif", () => {
        const validate = sarifValidator();

        it("the validator refuses a log that breaks the schema", () => {
            assert.notDeepStrictEqual(validate({ version: "2.1.0", runs: [{ results: [] }] }), []);
            assert.notDeepStrictEqual(validate({ version: "2.0.0", runs: [] }), []);
        });

        it("validates against the SARIF 2.1.0 schema: one rule per check, results at the resource's line", () => {
            const stream = helmStream();
            const r = run(["--format", "sarif", "-"], stream);
            assert.strictEqual(r.code, 1, r.err);
            const log = JSON.parse(r.out) as SarifLog;
            assert.deepStrictEqual(validate(log), []);
            const [sarifRun] = log.runs;
            const rules = sarifRun.tool.driver.rules;
            assert.strictEqual(new Set(rules.map((x) => x.id)).size, rules.length, "one rule per check ID");
            const privileged = rules.find((x) => x.id === "privileged");
            assert.ok(privileged, JSON.stringify(rules.map((x) => x.id)));
            assert.match(privileged.shortDescription.text, /privileged/i);
            assert.ok(privileged.help.text.length > 20, "remediation text from the policy");
            const web = sarifRun.results.find((x) => x.ruleId === "privileged");
            assert.ok(web);
            assert.strictEqual(rules[web.ruleIndex].id, "privileged");
            assert.strictEqual(web.level, "error");
            assert.match(web.message.text, /Deployment "web"/);
            const loc = web.locations[0].physicalLocation;
            assert.strictEqual(loc.region.startLine, lineOf(stream, /^apiVersion: apps\/v1$/));
            assert.strictEqual(loc.artifactLocation.uri, "%3Cstdin%3E");
        });

        it("names files by URI relative to the working directory, levels by enforcement level", () => {
            const dir = manifestDir({
                "deploy/app.yaml": json(deployment("priv", (s) => (s.containers[0].securityContext.privileged = true))),
                "deploy/root.yaml": json(pod("rootful", (s) => (s.securityContext.runAsUser = 0))),
            });
            const rel = path.relative(process.cwd(), dir);
            const r = run(["--format", "sarif", rel]);
            const log = JSON.parse(r.out) as SarifLog;
            assert.deepStrictEqual(validate(log), []);
            const byRule = new Map(log.runs[0].results.map((x) => [x.ruleId, x]));
            const priv = byRule.get("privileged")!;
            const rootful = byRule.get("runAsUser")!;
            assert.strictEqual(priv.locations[0].physicalLocation.artifactLocation.uri, `${rel}/deploy/app.yaml`);
            assert.strictEqual(priv.locations[0].physicalLocation.artifactLocation.uriBaseId, "%SRCROOT%");
            assert.strictEqual(priv.locations[0].physicalLocation.region.startLine, 1);
            assert.deepStrictEqual([priv.level, rootful.level], ["error", "warning"]);
            const advisoryOnly = run(["--format", "sarif", "--preset", "advisory", rel]);
            assert.strictEqual(advisoryOnly.code, 0);
            assert.deepStrictEqual(validate(JSON.parse(advisoryOnly.out)), []);
        });

        it("is valid with no findings", () => {
            const r = run(["--format", "sarif", manifestDir({ "ok.yaml": json(deployment("ok")) })]);
            assert.strictEqual(r.code, 0);
            const log = JSON.parse(r.out) as SarifLog;
            assert.deepStrictEqual(validate(log), []);
            assert.deepStrictEqual(log.runs[0].results, []);
        });
    });

    describe("--format junit", () => {
        const parser = new XMLParser({
            ignoreAttributes: false,
            attributeNamePrefix: "",
            isArray: (n) => n === "testsuite" || n === "testcase",
        });

        type Case = {
            name: string;
            classname: string;
            line: string;
            failure?: { "#text": string; type: string };
            "system-out"?: string;
        };
        type Suite = { name: string; tests: string; failures: string; testcase: Case[] };

        it("one testsuite per file, one testcase per resource, failures for mandatory findings", () => {
            const dir = manifestDir({
                "app.yaml": [
                    yaml.dump({ apiVersion: "v1", kind: "Service", metadata: { name: "svc" } }),
                    "---",
                    yaml.dump(deployment("priv", (s) => (s.containers[0].securityContext.privileged = true))),
                ].join("\n"),
                "root.yaml": json(pod("rootful", (s) => (s.securityContext.runAsUser = 0))),
            });
            const r = run(["--format", "junit", dir]);
            assert.strictEqual(r.code, 1, r.err);
            assert.strictEqual(XMLValidator.validate(r.out), true);
            const doc = parser.parse(r.out) as { testsuites: { tests: string; failures: string; testsuite: Suite[] } };
            const suites = doc.testsuites.testsuite;
            assert.deepStrictEqual(
                suites.map((s) => [path.basename(s.name), s.tests, s.failures]),
                [
                    ["app.yaml", "2", "1"],
                    ["root.yaml", "1", "0"],
                ],
            );
            assert.deepStrictEqual([doc.testsuites.tests, doc.testsuites.failures], ["3", "1"]);
            const [svc, priv] = suites[0].testcase;
            assert.strictEqual(svc.name, 'Service "svc"');
            assert.strictEqual(svc.failure, undefined);
            assert.strictEqual(priv.name, 'Deployment "priv"');
            assert.strictEqual(priv.failure?.type, "mandatory");
            assert.match(priv.failure?.["#text"] ?? "", /\[privileged\] Deployment "priv"/);
            assert.strictEqual(
                priv.line,
                String(lineOf(fs.readFileSync(path.join(dir, "app.yaml"), "utf8"), /^kind: Deployment$/) - 1),
            );
            const rootful = suites[1].testcase[0];
            assert.strictEqual(rootful.failure, undefined);
            assert.match(rootful["system-out"] ?? "", /advisory run-as-non-root: \[runAsUser\]/);
        });

        it("escapes markup in names and messages", () => {
            const r = run(
                ["--format", "junit", "-"],
                yaml.dump(deployment("a&b<c>", (s) => (s.containers[0].securityContext.privileged = true))),
            );
            assert.strictEqual(XMLValidator.validate(r.out), true, r.out);
            const doc = parser.parse(r.out) as { testsuites: { testsuite: Suite[] } };
            assert.strictEqual(doc.testsuites.testsuite[0].testcase[0].name, 'Deployment "a&b<c>"');
        });
    });

    it("keeps --format values checked: an unknown format exits 2 naming the choices", () => {
        const r = run(["--format", "xml", manifestDir({ "ok.yaml": json(deployment("ok")) })]);
        assert.strictEqual(r.code, 2);
        assert.match(r.err, /--format must be one of text, json, sarif, junit/);
    });

    it("the bin writes SARIF that validates, from a file argument", () => {
        const dir = manifestDir({ "ok.yaml": json(deployment("ok")) });
        const out = execFileSync(process.execPath, [SCAN_JS, "scan", "--format", "sarif", dir], { encoding: "utf8" });
        assert.deepStrictEqual(sarifValidator()(JSON.parse(out)), []);
    });
});
