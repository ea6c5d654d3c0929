// scan reads YAML as the API server does (sigs.k8s.io/yaml over go-yaml v2): YAML 1.1 scalars (`yes`/`no`, `on`/`off`,
// `y`/`n` are booleans, `0777` is octal) and a duplicated key's last value, with a warning. Each manifest here got a
// wrong verdict when scan read YAML 1.2 with js-yaml's defaults: "yes" and "no" were malformed strings (blocking
// findings PSA never gives), and a duplicated key dropped every object of its file (exit 2, no verdict).
import * as assert from "assert";
import { XMLParser } from "fast-xml-parser";
import { scan, ScanFinding } from "../../cli/scan";
import { resolveScalar } from "../../cli/yaml";
import { sarifValidator } from "./sarif";

function run(args: string[], stdin: string): { code: number; out: string; err: string } {
    let out = "";
    let err = "";
    const code = scan(args, { stdout: (s) => (out += s), stderr: (s) => (err += s), stdin: () => stdin });
    return { code, out, err };
}
const findings = (args: string[], stdin: string) =>
    JSON.parse(run(["--format", "json", ...args, "-"], stdin).out) as ScanFinding[];

/** A restricted-compliant Pod whose booleans are spelt `spelling.yes` / `spelling.no`. */
const hardenedPod = (yes: string, no: string) => `apiVersion: v1
kind: Pod
metadata:
  name: hardened
spec:
  securityContext:
    runAsNonRoot: ${yes}
    seccompProfile:
      type: RuntimeDefault
  containers:
    - name: app
      image: registry.example/app:1
      securityContext:
        allowPrivilegeEscalation: ${no}
        privileged: ${no}
        capabilities:
          drop: [ALL]
`;

describe("scan reads YAML as the API server does", () => {
    it("resolves plain scalars as go-yaml v2's resolve.go does", () => {
        const table: Array<[string, null | boolean | number | undefined]> = [
            ...["y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"].map(
                (s) => [s, true] as [string, boolean],
            ),
            ...["n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"].map(
                (s) => [s, false] as [string, boolean],
            ),
            ["", null],
            ["~", null],
            ["null", null],
            ["NULL", null],
            ["0777", 0o777],
            ["0o17", 15],
            ["0x1F", 31],
            ["0b101", 5],
            ["1_000", 1000],
            ["-12", -12],
            ["+3", 3],
            ["08", 8],
            ["1.5", 1.5],
            [".5", 0.5],
            ["1e3", 1000],
            // Strings: YAML 1.1 words go-yaml v2 does not list, timestamps (kept as text for untyped targets), overflow.
            ["yEs", undefined],
            ["yesterday", undefined],
            ["Y1", undefined],
            ["2024-01-01", undefined],
            ["1e400", undefined],
            ["0x", undefined],
        ];
        for (const [s, want] of table) assert.strictEqual(resolveScalar(s), want, JSON.stringify(s));
    });

    for (const [yes, no] of [
        ["yes", "no"],
        ["on", "off"],
        ["y", "n"],
        ["Yes", "No"],
        ["ON", "OFF"],
    ])
        it(`a pod with runAsNonRoot: ${yes}, allowPrivilegeEscalation: ${no} passes pss-restricted, as it passes PSA`, () => {
            const r = run(["--format", "json", "--preset", "pss-restricted", "-"], hardenedPod(yes, no));
            assert.deepStrictEqual([r.code, JSON.parse(r.out)], [0, []], r.err);
        });

    it("privileged: yes and hostNetwork: on are true, judged as true (not as a malformed value)", () => {
        const manifest = hardenedPod("true", "false")
            .replace("privileged: false", "privileged: yes")
            .replace("spec:\n", "spec:\n  hostNetwork: on\n");
        const got = findings(["--preset", "pss-restricted"], manifest)
            .map((f) => `${f.check}: ${f.message}`)
            .sort();
        assert.strictEqual(got.length, 2, got.join("\n"));
        assert.match(got[0], /^hostNamespaces: .*spec\.hostNetwork is true/);
        assert.match(got[1], /^privileged: .*securityContext\.privileged is true/);
        assert.ok(
            got.every((m) => !/cannot interpret/.test(m)),
            got.join("\n"),
        );
    });

    it('keeps quoted words strings: runAsNonRoot: "yes" is still malformed, as the API server refuses it', () => {
        const got = findings(["--preset", "pss-restricted"], hardenedPod('"yes"', "false"));
        assert.ok(
            got.some((f) => f.check === "runAsNonRoot" && /cannot interpret/.test(f.message)),
            JSON.stringify(got),
        );
    });

    describe("a duplicated key: the last value wins, with a warning", () => {
        const daemonSet = (first: string, last: string) => `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  template:
    spec:
      containers:
        - name: agent
          image: registry.example/agent:1
          securityContext:
            privileged: ${first}
            allowPrivilegeEscalation: false
            privileged: ${last}
            capabilities: { drop: [ALL], drop: [NET_RAW] }
`;

        it("judges the file instead of dropping it: false then true is privileged", () => {
            const r = run(["--format", "json", "-"], daemonSet("false", "true"));
            assert.strictEqual(r.code, 1, r.err);
            const got = JSON.parse(r.out) as ScanFinding[];
            assert.ok(
                got.some((f) => f.check === "privileged" && f.name === "agent" && f.line === 1),
                r.out,
            );
            assert.match(
                r.err,
                /^isolation-guard scan: warning: <stdin>:14: duplicated key "privileged": its last value is read, as kubectl and Helm read it; remove the other$/m,
            );
            assert.match(r.err, /^isolation-guard scan: warning: <stdin>:15: duplicated key "drop"/m);
            // drop: [NET_RAW] wins over drop: [ALL], as it does for the API server.
            assert.ok(
                got.some((f) => f.check === "capabilities_restricted"),
                r.out,
            );
        });

        it("keeps each object's start line in a multi-document stream with a duplicate before it", () => {
            const service = "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  name: web2\n";
            const stream = `${service}---\n${daemonSet("false", "true")}`;
            const got = findings([], stream);
            const agent = got.find((f) => f.check === "privileged");
            assert.strictEqual(agent?.line, 7, JSON.stringify(got));
            assert.strictEqual(agent?.name, "agent");
        });

        it("true then false is not privileged (and the DaemonSet is judged)", () => {
            const got = findings([], daemonSet("true", "false"));
            assert.ok(!got.some((f) => f.check === "privileged"), JSON.stringify(got));
            assert.ok(
                got.some((f) => f.name === "agent" && f.check === "capabilities_restricted"),
                JSON.stringify(got),
            );
        });

        it("the warnings are SARIF notifications at their lines, and the JUnit suite's system-err", () => {
            const sarif = JSON.parse(run(["--format", "sarif", "-"], daemonSet("false", "true")).out) as {
                runs: Array<{
                    invocations: Array<{
                        executionSuccessful: boolean;
                        toolExecutionNotifications: Array<{
                            level: string;
                            locations: Array<{ physicalLocation: { region: { startLine: number } } }>;
                        }>;
                    }>;
                }>;
            };
            assert.deepStrictEqual(sarifValidator()(sarif), []);
            const [inv] = sarif.runs[0].invocations;
            assert.strictEqual(inv.executionSuccessful, true);
            assert.deepStrictEqual(
                inv.toolExecutionNotifications.map((n) => [n.level, n.locations[0].physicalLocation.region.startLine]),
                [
                    ["warning", 14],
                    ["warning", 15],
                ],
            );
            const junit = new XMLParser().parse(run(["--format", "junit", "-"], daemonSet("false", "true")).out) as {
                testsuites: { testsuite: { "system-err": string } };
            };
            assert.match(junit.testsuites.testsuite["system-err"], /<stdin>:14: warning: duplicated key "privileged"/);
        });
    });
});
