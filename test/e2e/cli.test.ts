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
import { secret, UNKNOWN } from "../harness/engine";
import { DEPLOYMENT, hardenedPodSpec } from "../fixtures/kubernetes";

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

    it("refuses bad pack config with the engine's message, the same one the gRPC harness produces", async () => {
        const { resources } = await captureExample("docker-good");
        const state = writeState("bad-config", resources);
        const typeError = await policyAnalyze(
            cli,
            state,
            REPO_ROOT,
            writeConfig("type", { "drop-capabilities": { allowedCapabilities: "SYS_ADMIN" } }),
        );
        assert.notStrictEqual(typeError.exitCode, 0);
        assert.ok(
            typeError.stderr.includes(
                'validating policy config for "isolation-guard": drop-capabilities: allowedCapabilities: Invalid type. Expected: array, given: string',
            ),
            typeError.stderr,
        );
        const unknownCheck = await policyAnalyze(
            cli,
            state,
            REPO_ROOT,
            writeConfig("check", { "no-privileged-containers": { checks: { privilegd: true } } }),
        );
        assert.notStrictEqual(unknownCheck.exitCode, 0);
        assert.ok(
            unknownCheck.stderr.includes(
                "no-privileged-containers: checks: Additional property privilegd is not allowed",
            ),
            unknownCheck.stderr,
        );
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
