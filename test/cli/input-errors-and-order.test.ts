// What CI must not read as a pass: unreadable input shows in every format (SARIF toolExecutionNotifications with
// executionSuccessful false, JUnit errors), and input without any Kubernetes object (an empty file, an empty stdin
// from a `helm template` that failed before the pipe, YAML of something else) exits 2 unless --allow-empty. Findings
// and resources come sorted by file, then line.
import * as assert from "assert";
import * as path from "path";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { scan, ScanFinding } from "../../cli/scan";
import { json, manifestDir, pod } from "./manifests";
import { sarifValidator } from "./sarif";

function run(args: string[], stdin?: string): { code: number; out: string; err: string } {
    let out = "";
    let err = "";
    const code = scan(args, { stdout: (s) => (out += s), stderr: (s) => (err += s), stdin: () => stdin ?? "" });
    return { code, out, err };
}

type Notification = {
    level: string;
    message: { text: string };
    locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }>;
};
type Invocation = { executionSuccessful: boolean; toolExecutionNotifications: Notification[] };

describe("scan: input errors in every format, empty input refused, output in file and line order", () => {
    const validate = sarifValidator();
    const privileged = pod("priv", (s) => (s.containers[0].securityContext.privileged = true));

    describe("input without Kubernetes objects exits 2 unless --allow-empty", () => {
        const empties: Array<[string, Record<string, string>, string | undefined]> = [
            ["an empty file", { "empty.yaml": "" }, undefined],
            [
                "a file of comments and separators",
                { "c.yaml": "# Source: chart/templates/x.yaml\n---\n---\n" },
                undefined,
            ],
            [
                "YAML without apiVersion and kind (a values file)",
                { "values.yaml": "replicas: 3\nimage: x\n" },
                undefined,
            ],
            ["a directory with no manifest", { "notes.txt": "hello" }, undefined],
            ["an empty standard input", {}, ""],
        ];
        for (const [what, files, stdin] of empties)
            it(what, () => {
                const dir = manifestDir(files);
                const target =
                    stdin !== undefined
                        ? "-"
                        : Object.keys(files).length === 1 && !files["notes.txt"]
                          ? path.join(dir, Object.keys(files)[0])
                          : dir;
                const refused = run([target], stdin);
                assert.strictEqual(refused.code, 2, refused.err);
                assert.match(
                    refused.err,
                    /no Kubernetes objects \(documents with apiVersion and kind\) in it; --allow-empty accepts that/,
                );
                if (stdin !== undefined)
                    assert.match(refused.err, /cannot read <stdin>: .*did the command piping into it fail\?/);
                assert.match(refused.out, /0 resource\(s\) judged.*; 1 input error\(s\), listed on stderr/);
                const allowed = run(["--allow-empty", target], stdin);
                assert.strictEqual(allowed.code, 0, allowed.err);
                assert.strictEqual(allowed.err, "");
            });

        it("asks each PATH, not each file of a directory: a values.yaml beside manifests is fine", () => {
            const dir = manifestDir({ "values.yaml": "replicas: 3\n", "pod.yaml": json(pod("ok")) });
            assert.strictEqual(run([dir]).code, 0);
            const empty = manifestDir({ "empty.yaml": "" });
            const r = run([dir, path.join(empty, "empty.yaml")]);
            assert.strictEqual(r.code, 2);
            assert.match(r.err, /empty\.yaml: no Kubernetes objects/);
        });
    });

    it("SARIF: each unreadable or empty input is an error notification; the invocation did not succeed", () => {
        const dir = manifestDir({ "bad.yaml": "kind: Pod\n  metadata: [unclosed\n", "priv.yaml": json(privileged) });
        const rel = path.relative(process.cwd(), dir);
        const r = run(["--format", "sarif", rel, path.join(rel, "absent.yaml")]);
        assert.strictEqual(r.code, 2);
        const log = JSON.parse(r.out) as {
            runs: Array<{ invocations: Invocation[]; results: Array<{ ruleId: string }> }>;
        };
        assert.deepStrictEqual(validate(log), []);
        const [inv] = log.runs[0].invocations;
        assert.strictEqual(inv.executionSuccessful, false);
        assert.deepStrictEqual(
            inv.toolExecutionNotifications.map((n) => [n.level, n.locations[0].physicalLocation.artifactLocation.uri]),
            [
                ["error", `${rel}/bad.yaml`],
                ["error", `${rel}/absent.yaml`],
            ],
        );
        assert.match(
            inv.toolExecutionNotifications[0].message.text,
            /^cannot read .*bad\.yaml: not valid YAML or JSON/,
        );
        assert.match(inv.toolExecutionNotifications[1].message.text, /absent\.yaml: no such file or directory$/);
        assert.ok(
            log.runs[0].results.some((x) => x.ruleId === "privileged"),
            "the readable file is still judged",
        );
        const empty = JSON.parse(run(["--format", "sarif", "-"], "").out) as {
            runs: Array<{ invocations: Invocation[] }>;
        };
        assert.deepStrictEqual(validate(empty), []);
        assert.strictEqual(empty.runs[0].invocations[0].executionSuccessful, false);
        assert.match(
            empty.runs[0].invocations[0].toolExecutionNotifications[0].message.text,
            /<stdin>: no Kubernetes objects/,
        );
    });

    it("SARIF: a clean read is a successful invocation without notifications", () => {
        const log = JSON.parse(run(["--format", "sarif", manifestDir({ "ok.yaml": json(pod("ok")) })]).out) as {
            runs: Array<{ invocations: Invocation[] }>;
        };
        assert.deepStrictEqual(validate(log), []);
        assert.deepStrictEqual(log.runs[0].invocations, [
            { executionSuccessful: true, toolExecutionNotifications: [] },
        ]);
    });

    it("JUnit: errors= counts unreadable inputs, each an <error> in a testsuite of its own", () => {
        const dir = manifestDir({ "bad.yaml": "a: [", "priv.yaml": json(privileged) });
        const r = run(["--format", "junit", dir, path.join(dir, "absent.yaml")]);
        assert.strictEqual(r.code, 2);
        assert.strictEqual(XMLValidator.validate(r.out), true, r.out);
        const doc = new XMLParser({
            ignoreAttributes: false,
            attributeNamePrefix: "",
            isArray: (n) => n === "testsuite" || n === "testcase",
        }).parse(r.out) as {
            testsuites: {
                tests: string;
                failures: string;
                errors: string;
                testsuite: Array<{
                    name: string;
                    errors: string;
                    testcase: Array<{ error?: { type: string; "#text": string } }>;
                }>;
            };
        };
        assert.deepStrictEqual([doc.testsuites.tests, doc.testsuites.failures, doc.testsuites.errors], ["3", "1", "2"]);
        const errored = doc.testsuites.testsuite.filter((s) => s.errors === "1");
        assert.deepStrictEqual(
            errored.map((s) => [path.basename(s.name), s.testcase[0].error?.type]),
            [
                ["bad.yaml", "unreadable"],
                ["absent.yaml", "unreadable"],
            ],
        );
        assert.match(errored[0].testcase[0].error?.["#text"] ?? "", /not valid YAML or JSON/);
    });

    it("sorts findings by file, then line, whatever order the PATHs and the stack-wide checks give", () => {
        const ns = {
            apiVersion: "v1",
            kind: "Namespace",
            metadata: { name: "tenants", labels: { tenancy: "multi-tenant" } },
        };
        const guest = { ...pod("guest"), metadata: { name: "guest", namespace: "tenants" } };
        const dir = manifestDir({
            // guest's multi-tenant finding comes from the stack-wide pass, after every per-resource finding.
            "a.yaml": [json(guest), json(ns), json(privileged)].join("\n---\n"),
            "b.yaml": json(pod("rootful", (s) => (s.securityContext.runAsUser = 0))),
        });
        const findings = JSON.parse(
            run(["--format", "json", path.join(dir, "b.yaml"), path.join(dir, "a.yaml")]).out,
        ) as ScanFinding[];
        const order = findings.map((f) => `${path.basename(f.file)}:${String(f.line).padStart(4, "0")}`);
        assert.deepStrictEqual(order, [...order].sort());
        assert.ok(
            findings.some((f) => f.name === "guest" && f.policy === "multi-tenant-isolation"),
            JSON.stringify(findings),
        );
        assert.strictEqual(path.basename(findings[0].file), "a.yaml");
        assert.strictEqual(findings[0].name, "guest");
        const text = run([path.join(dir, "b.yaml"), path.join(dir, "a.yaml")])
            .out.split("\n")
            .filter((l) => l.startsWith("/"));
        assert.deepStrictEqual(
            text.map((l) => l.split(":").slice(0, 2).join(":")),
            findings.map((f) => `${f.file}:${f.line}`),
        );
    });
});
