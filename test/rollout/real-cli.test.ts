// The rollout story through the real Pulumi engine (`pulumi policy analyze --file <state> --policy-pack .`, which
// configures and starts the pack as `pulumi preview` does): presets and `all`, exemptions validated by the engine's
// own JSON-schema validator, the unused-exemption stack note, Helm v3 Releases. Skipped, with the reason printed,
// when no CLI can be had (see test/harness/cli.ts).
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { AnalyzeRun, policyAnalyze, policyEvents, PulumiCli, suiteCli } from "../harness/cli";
import { CapturedResource, REPO_ROOT } from "../harness/program";
import { toDeployment } from "../harness/state";
import { DEPLOYMENT, hardenedPodSpec } from "../fixtures/kubernetes";

const PROJECT = "rollout";
const STACK_URN = `urn:pulumi:dev::${PROJECT}::pulumi:pulumi:Stack::${PROJECT}-dev`;
const RELEASE = "kubernetes:helm.sh/v3:Release";

function resource(type: string, name: string, properties: Record<string, unknown>): CapturedResource {
    return {
        type,
        name,
        urn: `urn:pulumi:dev::${PROJECT}::${type}::${name}`,
        parent: STACK_URN,
        custom: true,
        properties,
    };
}

/** A privileged Deployment, a hardened one and a Helm v3 Release. */
function stackResources(): CapturedResource[] {
    const spec = hardenedPodSpec();
    spec.containers[0].securityContext.privileged = true;
    return [
        { type: "pulumi:pulumi:Stack", name: `${PROJECT}-dev`, urn: STACK_URN, custom: false, properties: {} },
        resource(DEPLOYMENT.type, "web", DEPLOYMENT.wrap(spec)),
        resource(DEPLOYMENT.type, "api", DEPLOYMENT.wrap(hardenedPodSpec())),
        resource(RELEASE, "ingress", { chart: "ingress-nginx", name: "ingress" }),
    ];
}

describe("rollout through the real pulumi CLI", function () {
    this.timeout(300000);
    let cli: PulumiCli;
    let tmp: string;
    let state: string;

    suiteCli("isolation-guard-rollout-", (c, t) => {
        cli = c;
        tmp = t;
        state = path.join(tmp, "state.json");
        fs.writeFileSync(state, JSON.stringify(toDeployment(stackResources()), null, 2));
    });

    async function analyze(config?: unknown): Promise<AnalyzeRun> {
        let file: string | undefined;
        if (typeof config === "string") file = path.join(REPO_ROOT, "presets", `${config}.json`);
        else if (config !== undefined)
            fs.writeFileSync(
                (file = path.join(tmp, `config-${Date.now()}-${Math.random()}.json`)),
                JSON.stringify(config),
            );
        return policyAnalyze(cli, state, REPO_ROOT, file, ["--json"]);
    }

    it("default config fails; presets/advisory.json reports the same findings as advisory and passes", async () => {
        const strict = await analyze();
        assert.strictEqual(strict.exitCode, 1, strict.stderr);
        const mandatory = policyEvents(strict).filter((e) => e.enforcementLevel === "mandatory");
        assert.deepStrictEqual(
            mandatory.map((e) => e.policyName),
            ["no-privileged-containers"],
        );
        const advisory = await analyze("advisory");
        assert.strictEqual(advisory.exitCode, 0, advisory.stderr);
        const events = policyEvents(advisory);
        assert.ok(events.length >= 2 && events.every((e) => e.enforcementLevel === "advisory"), advisory.stdout);
        assert.ok(events.some((e) => e.policyName === "no-privileged-containers" && /\[privileged\]/.test(e.message)));
    });

    it("an exemption passes the engine's validation and turns the violation into a named note; expired, it fails again", async () => {
        const config = (expires: string) => ({
            "no-privileged-containers": {
                exemptions: [
                    {
                        id: "OPS-7",
                        checks: ["privileged"],
                        match: { name: "web", image: "nginx" },
                        reason: "debug",
                        expires,
                    },
                ],
            },
        });
        const waived = await analyze(config("2999-12-31"));
        assert.strictEqual(waived.exitCode, 0, waived.stderr);
        const note = policyEvents(waived).find((e) => e.policyName === "no-privileged-containers");
        assert.ok(
            note && note.enforcementLevel === "advisory" && note.message.includes('waived by exemption "OPS-7"'),
            waived.stdout,
        );
        const expired = await analyze(config("2000-01-01"));
        assert.strictEqual(expired.exitCode, 1, expired.stderr);
        assert.ok(
            policyEvents(expired).some(
                (e) =>
                    e.enforcementLevel === "mandatory" && e.message.includes('exemption "OPS-7" expired on 2000-01-01'),
            ),
        );
    });

    it("the engine refuses malformed exemptions and drops anything but the level from `all`", async () => {
        const entry = { checks: ["privileged"], match: { name: "web" }, reason: "r", expires: "2999-12-31" };
        const cases: Array<[unknown, RegExp]> = [
            [{ ...entry, reason: undefined }, /reason is required/],
            [{ ...entry, expires: "next week" }, /expires: Does not match pattern/],
            [{ ...entry, match: {} }, /match: Must have at least 1 properties/],
            [{ ...entry, policies: ["no-privileged-containers"] }, /Must validate one and only one schema/],
        ];
        for (const [bad, message] of cases) {
            const run = await analyze({ "no-privileged-containers": { exemptions: [bad] } });
            assert.notStrictEqual(run.exitCode, 0, JSON.stringify(bad));
            assert.match(run.stderr, message);
        }
        const viaAll = await analyze({ all: { enforcementLevel: "mandatory", exemptions: [entry] } });
        assert.strictEqual(viaAll.exitCode, 1, viaAll.stderr);
        assert.ok(!viaAll.stdout.includes("waived by exemption"));
    });

    it("notes an exemption that matches nothing in the stack, and a Helm v3 Release as opaque", async () => {
        const run = await analyze({
            "no-privileged-containers": {
                exemptions: [
                    {
                        id: "gone",
                        checks: ["privileged"],
                        match: { name: "legacy-*" },
                        reason: "retired agent",
                        expires: "2999-12-31",
                    },
                ],
            },
        });
        const events = policyEvents(run);
        const unused = events.filter((e) => e.policyName === "unused-exemptions");
        assert.strictEqual(unused.length, 1, run.stdout);
        assert.strictEqual(unused[0].enforcementLevel, "advisory");
        assert.match(
            unused[0].message,
            /\[unusedExemption\] exemption "gone" of policy no-privileged-containers matches nothing in this stack/,
        );
        const helm = events.filter((e) => e.policyName === "opaque-helm-releases");
        assert.deepStrictEqual(
            helm.map((e) => [e.resourceUrn, e.enforcementLevel]),
            [[`urn:pulumi:dev::${PROJECT}::${RELEASE}::ingress`, "advisory"]],
        );
        assert.match(helm[0].message, /kubernetes\.helm\.v4\.Chart/);
    });
});
