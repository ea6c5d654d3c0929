// The one exit-code contract of every command (docs/cli.md, "Exit codes"): 0 nothing blocking; 1 blocking findings
// (scan: mandatory or remediate; verify: a contradiction); 2 bad usage or unreadable input. Help and --version exit 0.
// Run through the bin as CI runs it, so the codes are the process's.
import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { XMLParser } from "fast-xml-parser";
import { docsMain } from "../../cli/docs";
import { PACK_DIR } from "../harness/engine";
import { json, manifestDir, pod } from "./manifests";

const MAIN_JS = path.join(PACK_DIR, "dist", "cli", "main.js");

function bin(args: string[], input = ""): { code: number | null; out: string; err: string } {
    const r = spawnSync(process.execPath, [MAIN_JS, ...args], { input, encoding: "utf8" });
    return { code: r.status, out: r.stdout, err: r.stderr };
}

describe("exit codes of every command", function () {
    this.timeout(60000);
    const privileged = pod("priv", (s) => (s.containers[0].securityContext.privileged = true));
    const dir = manifestDir({
        "clean.yaml": json(pod("clean")),
        "rootful.yaml": json(pod("rootful", (s) => (s.securityContext.runAsUser = 0))),
        "priv.yaml": json(privileged),
        "remediate.json": json({ all: "advisory", "no-privileged-containers": "remediate" }),
    });
    const at = (f: string) => path.join(dir, f);

    it("top level: --help and --version 0; no command or an unknown one 2", () => {
        assert.strictEqual(bin(["--help"]).code, 0);
        assert.strictEqual(bin(["--version"]).code, 0);
        assert.strictEqual(bin([]).code, 2);
        assert.strictEqual(bin(["frobnicate"]).code, 2);
    });

    it("scan: 0 clean or advisory only; 1 mandatory; 2 bad usage, unreadable input; 0 for --help", () => {
        const cases: Array<[string[], number]> = [
            [["scan", at("clean.yaml")], 0],
            [["scan", at("rootful.yaml")], 0],
            [["scan", at("priv.yaml")], 1],
            [["scan", "--help"], 0],
            [["scan", "--frobnicate", at("clean.yaml")], 2],
            [["scan", "--format", "xml", at("clean.yaml")], 2],
            [["scan", "--preset", "nope", at("clean.yaml")], 2],
            [["scan", "--config", at("absent.json"), at("clean.yaml")], 2],
            [["scan", at("absent.yaml")], 2],
            [["scan"], 2],
        ];
        for (const [args, code] of cases) assert.strictEqual(bin(args).code, code, args.join(" "));
        // Unreadable input wins over findings: the verdict is incomplete.
        assert.strictEqual(bin(["scan", at("priv.yaml"), at("absent.yaml")]).code, 2);
    });

    it("scan: a finding at level remediate blocks (exit 1, SARIF error, JUnit failure): nothing rewrites a manifest", () => {
        const args = ["scan", "--config", at("remediate.json"), at("priv.yaml")];
        const text = bin(args);
        assert.strictEqual(text.code, 1, text.err);
        assert.match(text.out, /: remediate no-privileged-containers: \[privileged\]/);
        assert.match(text.out, /judged: 1 blocking \(0 mandatory, 1 remediate\), \d+ advisory finding\(s\)/);
        const sarif = JSON.parse(bin([...args, "--format", "sarif"]).out) as {
            runs: Array<{ results: Array<{ ruleId: string; level: string }> }>;
        };
        assert.strictEqual(sarif.runs[0].results.find((r) => r.ruleId === "privileged")?.level, "error");
        const junit = bin([...args, "--format", "junit"]);
        assert.strictEqual(junit.code, 1);
        const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "" }).parse(junit.out) as {
            testsuites: { failures: string; testsuite: { testcase: { failure: { type: string; message: string } } } };
        };
        assert.strictEqual(doc.testsuites.failures, "1");
        assert.deepStrictEqual(doc.testsuites.testsuite.testcase.failure.type, "remediate");
        assert.strictEqual(doc.testsuites.testsuite.testcase.failure.message, "1 blocking finding(s)");
    });

    it("verify: 0 for --help; 2 for bad usage and for input it cannot run (not root, or unreadable)", () => {
        assert.strictEqual(bin(["verify", "--help"]).code, 0);
        assert.strictEqual(bin(["verify", "--frobnicate", at("clean.yaml")]).code, 2);
        assert.strictEqual(bin(["verify", "--pss-version", "v2", at("clean.yaml")]).code, 2);
        assert.strictEqual(bin(["verify"]).code, 2);
        // As root with the runtimes this is the unreadable path; elsewhere verify refuses before reading: 2 either way.
        const absent = bin(["verify", at("absent.yaml")]);
        assert.strictEqual(absent.code, 2, absent.err);
        assert.ok(fs.existsSync(MAIN_JS));
    });
});

describe("exit codes of the docs generator (npm run docs)", () => {
    it("--help 0 without writing; an argument 2; no argument writes every reference and exits 0", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "isolation-guard-docs-"));
        // docs/configuration.md lists the presets of the checkout it documents.
        fs.cpSync(path.join(__dirname, "..", "..", "..", "presets"), path.join(dir, "presets"), { recursive: true });
        const out: string[] = [];
        const err: string[] = [];
        assert.strictEqual(
            docsMain(
                ["--help"],
                dir,
                (s) => out.push(s),
                (s) => err.push(s),
            ),
            0,
        );
        assert.match(out.join(""), /^usage: node dist\/cli\/docs\.js/);
        assert.deepStrictEqual(fs.readdirSync(dir), ["presets"]);
        assert.strictEqual(
            docsMain(
                ["--frobnicate"],
                dir,
                (s) => out.push(s),
                (s) => err.push(s),
            ),
            2,
        );
        assert.match(err.join(""), /unexpected argument "--frobnicate"/);
        assert.deepStrictEqual(fs.readdirSync(dir), ["presets"]);
        assert.strictEqual(
            docsMain(
                [],
                dir,
                (s) => out.push(s),
                (s) => err.push(s),
            ),
            0,
        );
        assert.deepStrictEqual(fs.readdirSync(path.join(dir, "docs")).sort(), [
            "configuration.md",
            "policies.md",
            "resource-types.md",
        ]);
    });
});
