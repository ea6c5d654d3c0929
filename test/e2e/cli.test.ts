// The real `pulumi` CLI judging the example stacks: each example's captured resources are written as a stack state
// file and run through `pulumi policy analyze --file <state> --policy-pack .`, which starts this pack the way
// `pulumi preview --policy-pack .` does (through the Node.js language host). The CLI must report exactly the
// diagnostics of the golden files (same engine path, real engine) and exit non-zero exactly when one is mandatory.
// Skipped, with the reason printed, when no CLI can be had (see test/harness/cli.ts).
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { policyAnalyze, policyEvents, PulumiCli, suiteCli } from "../harness/cli";
import { ExampleVerdict, goldenPath, policyConfigPath } from "../harness/judge";
import { CapturedResource, captureExample, exampleNames, REPO_ROOT } from "../harness/program";
import { toDeployment } from "../harness/state";
import { packSchemaInfos, secret, UNKNOWN } from "../harness/engine";
import { DEPLOYMENT, hardenedPodSpec } from "../fixtures/kubernetes";
import { reconcilePolicyPackConfig } from "../../cli/packConfig";

function key(urn: string, policy: string, level: string, message: string): string {
    return JSON.stringify([urn, policy, level, message]);
}

describe("the real pulumi CLI: pulumi policy analyze --policy-pack .", function () {
    this.timeout(300000);
    let cli: PulumiCli;
    let tmp: string;

    suiteCli("isolation-guard-e2e-", (c, t) => {
        cli = c;
        tmp = t;
    });

    function writeState(name: string, resources: CapturedResource[]): string {
        const file = path.join(tmp, `${name}.state.json`);
        fs.writeFileSync(file, JSON.stringify(toDeployment(resources), null, 2));
        return file;
    }

    function writeConfig(name: string, config: unknown): string {
        const file = path.join(tmp, `${name}.policy-config.json`);
        fs.writeFileSync(file, JSON.stringify(config));
        return file;
    }

    for (const example of exampleNames()) {
        it(`${example}: reports the golden diagnostics and the matching exit code`, async () => {
            const golden = JSON.parse(fs.readFileSync(goldenPath(example), "utf8")) as ExampleVerdict;
            const { resources } = await captureExample(example);
            const run = await policyAnalyze(cli, writeState(example, resources), REPO_ROOT, policyConfigPath(example), [
                "--json",
            ]);
            const events = policyEvents(run);
            assert.ok(
                events.every((e) => e.policyPackName === "isolation-guard"),
                run.stdout,
            );
            const got = events.map((e) => key(e.resourceUrn ?? "", e.policyName, e.enforcementLevel, e.message)).sort();
            const want = [...golden.diagnostics, ...golden.stackDiagnostics]
                .map((d) => key(d.urn, d.policy, d.level, d.message))
                .sort();
            assert.deepStrictEqual(got, want, run.stderr);
            const anyMandatory = want.some((k) => (JSON.parse(k) as string[])[2] === "mandatory");
            assert.strictEqual(run.exitCode, anyMandatory ? 1 : 0, `${run.stderr}\n${run.stdout}`);
            if (anyMandatory) assert.match(run.stderr, /one or more mandatory policy violations were found/);
        });
    }

    it("prints violations grouped per resource with their enforcement level (the preview display)", async () => {
        const { resources } = await captureExample("k8s-insecure-daemonset");
        const run = await policyAnalyze(cli, writeState("display", resources), REPO_ROOT);
        assert.strictEqual(run.exitCode, 1);
        assert.match(run.stdout, /isolation-guard@v0\.1\.0/);
        for (const p of [
            "no-privileged-containers",
            "drop-capabilities",
            "no-sensitive-host-mounts",
            "no-host-namespaces",
        ]) {
            assert.match(
                run.stdout,
                new RegExp(`\\[mandatory\\].*${p}\\s+\\(kubernetes:apps/v1:DaemonSet: node-agent\\)`),
                run.stdout,
            );
        }
    });

    it("refuses bad pack config with the engine's message, the one engine/packConfig.ts (harness and scan) gives", async () => {
        const { resources } = await captureExample("docker-good");
        const state = writeState("bad-config", resources);
        const policies = packSchemaInfos();
        const exemption = { checks: ["privileged"], match: { name: "web" }, reason: "r", expires: "2999-12-31" };
        const cases: Record<string, unknown>[] = [
            { "drop-capabilities": { allowedCapabilities: "SYS_ADMIN" } },
            { "no-privileged-containers": { checks: { privilegd: true } } },
            { "no-host-namespaces": { unknownValues: "maybe" }, "drop-capabilities": { pssVersion: "v2.0" } },
            { "no-privileged-containers": { exemptions: [{ ...exemption, reason: undefined }] } },
            { "no-privileged-containers": { exemptions: [{ ...exemption, expires: "next week", match: {} }] } },
            { "no-privileged-containers": { exemptions: [{ ...exemption, policies: ["no-privileged-containers"] }] } },
            { "no-privileged-containers": { exemptions: [{ ...exemption, checks: undefined }] } },
        ];
        for (const [i, config] of cases.entries()) {
            const file = JSON.parse(JSON.stringify(config)) as Record<string, unknown>;
            let expected = "";
            try {
                reconcilePolicyPackConfig("isolation-guard", policies, file);
            } catch (e) {
                expected = (e as Error).message;
            }
            assert.match(expected, /^validating policy config for "isolation-guard": /, JSON.stringify(file));
            const run = await policyAnalyze(cli, state, REPO_ROOT, writeConfig(`bad-${i}`, file));
            assert.notStrictEqual(run.exitCode, 0, JSON.stringify(file));
            assert.ok(run.stderr.includes(expected), `expected: ${expected}\ngot: ${run.stderr}`);
        }
    });

    describe("unknowns and secrets in state", () => {
        function stateOf(
            name: string,
            spec: ReturnType<typeof hardenedPodSpec>,
            labels?: Record<string, string>,
        ): string {
            const project = "engine-values";
            const stackUrn = `urn:pulumi:dev::${project}::pulumi:pulumi:Stack::${project}-dev`;
            const resources: CapturedResource[] = [
                { type: "pulumi:pulumi:Stack", name: `${project}-dev`, urn: stackUrn, custom: false, properties: {} },
                {
                    type: DEPLOYMENT.type,
                    name: "web",
                    urn: `urn:pulumi:dev::${project}::${DEPLOYMENT.type}::web`,
                    parent: stackUrn,
                    custom: true,
                    properties: DEPLOYMENT.wrap(spec, labels ? { labels } : undefined),
                },
            ];
            return writeState(name, resources);
        }

        it("an unknown privileged: advisory note and exit 0 by default; a violation and exit 1 when fail-closed", async () => {
            const spec = hardenedPodSpec();
            spec.containers[0].securityContext.privileged = UNKNOWN;
            const state = stateOf("unknown", spec);
            const deferred = await policyAnalyze(cli, state, REPO_ROOT, undefined, ["--json"]);
            assert.strictEqual(deferred.exitCode, 0, deferred.stderr);
            const notes = policyEvents(deferred);
            assert.strictEqual(notes.length, 1, deferred.stdout);
            assert.strictEqual(notes[0].enforcementLevel, "advisory");
            assert.ok(notes[0].message.includes("containers[0].securityContext.privileged"), notes[0].message);
            const closed = await policyAnalyze(
                cli,
                state,
                REPO_ROOT,
                writeConfig("fail-closed", { "no-privileged-containers": { unknownValues: "fail-closed" } }),
                ["--json"],
            );
            assert.strictEqual(closed.exitCode, 1, closed.stderr);
            assert.deepStrictEqual(
                policyEvents(closed)
                    .filter((e) => e.enforcementLevel === "mandatory")
                    .map((e) => e.policyName),
                ["no-privileged-containers"],
            );
        });

        it("a secret hostPath: judged, exit 1, value printed as [secret]", async () => {
            const spec = hardenedPodSpec();
            spec.volumes.push({ name: "sock", hostPath: secret({ path: "/var/run/docker.sock" }) });
            const run = await policyAnalyze(cli, stateOf("secret", spec), REPO_ROOT, undefined, ["--json"]);
            assert.strictEqual(run.exitCode, 1, run.stderr);
            const m = policyEvents(run).filter((e) => e.enforcementLevel === "mandatory");
            assert.deepStrictEqual(
                m.map((e) => e.policyName),
                ["no-sensitive-host-mounts"],
            );
            assert.ok(m[0].message.includes("[secret]"), m[0].message);
            assert.ok(!run.stdout.includes("docker.sock"), run.stdout);
        });
    });
});
