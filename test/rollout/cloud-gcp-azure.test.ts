// Issue 11's "done when" cases for Google Cloud and Azure, through the two paths the engine takes: the analyzer
// protocol (a pack process started as the language host starts it; Analyze, Remediate, secrets on the wire) and the
// real `pulumi policy analyze` over the example programs' captured stacks (gke-sandbox-pool, aks-kata-pool,
// aci-container-group). Each failing resource must fail with the named check; each hardened twin must pass.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { secret, suitePack, urnOf } from "../harness/engine";
import { policyAnalyze, policyEvents, PulumiCli, suiteCli } from "../harness/cli";
import { CapturedResource, captureExample, REPO_ROOT } from "../harness/program";
import { toDeployment } from "../harness/state";
import { NODE_POOL } from "../fixtures/gcp";

const ACI = "azure-native:containerinstance:ContainerGroup";
const AGENT_POOL = "azure-native:containerservice:AgentPool";

type Props = Record<string, unknown>;

function aciGroup(securityContext: Props, name = "app"): Props {
    return {
        resourceGroupName: "rg",
        containerGroupName: "grp",
        containers: [{ name, image: "example.com/app:1", securityContext }],
    };
}

const HARDENED_ACI = {
    privileged: false,
    allowPrivilegeEscalation: false,
    capabilities: { drop: ["ALL"] },
    runAsUser: 10001,
};

const GKE_WORKLOAD_IDENTITY = { workloadMetadataConfig: { mode: "GKE_METADATA" } };

/** The failing and passing twins of each done-when case. */
const CASES: Array<{ what: string; type: string; bad: Props; good: Props; check: string; policy: string }> = [
    {
        what: "a privileged ACI container",
        type: ACI,
        bad: aciGroup({ ...HARDENED_ACI, privileged: true }),
        good: aciGroup(HARDENED_ACI),
        check: "privileged",
        policy: "no-privileged-containers",
    },
    {
        what: "a multi-tenant GKE pool without GKE Sandbox",
        type: NODE_POOL,
        // Both set Workload Identity (GKE_METADATA), so the bad twin fails on the sandbox alone, not instanceMetadata.
        bad: { name: "p", nodeConfig: { labels: { tenancy: "multi-tenant" }, ...GKE_WORKLOAD_IDENTITY } },
        good: {
            name: "p",
            nodeConfig: {
                labels: { tenancy: "multi-tenant" },
                ...GKE_WORKLOAD_IDENTITY,
                sandboxConfig: { type: "GVISOR" },
            },
        },
        check: "sandboxedRuntime",
        policy: "multi-tenant-isolation",
    },
    {
        what: "a multi-tenant AKS pool without Kata",
        type: AGENT_POOL,
        bad: { agentPoolName: "p", nodeLabels: { tenancy: "multi-tenant" }, workloadRuntime: "OCIContainer" },
        good: { agentPoolName: "p", nodeLabels: { tenancy: "multi-tenant" }, workloadRuntime: "KataVmIsolation" },
        check: "sandboxedRuntime",
        policy: "multi-tenant-isolation",
    },
];

describe("Google Cloud and Azure through the analyzer protocol", function () {
    this.timeout(120000);
    const pack = suitePack();

    for (const c of CASES) {
        it(`done when: ${c.what} fails ${c.check}; its hardened twin passes`, async () => {
            const bad = await pack().analyze(c.type, "bad", c.bad);
            assert.deepStrictEqual(
                bad.map((d) => [d.policyName, d.enforcementLevel, /^\[(\w+)\]/m.exec(d.message.split("\n")[1])?.[1]]),
                [[c.policy, "mandatory", c.check]],
            );
            assert.deepStrictEqual(await pack().analyze(c.type, "good", c.good), []);
        });
    }

    it("never prints a secret: a container name sent as a secret is [secret] in the message", async () => {
        const props = aciGroup({ ...HARDENED_ACI, privileged: true });
        (props.containers as Props[])[0].name = secret("payroll-agent");
        const ds = await pack().analyze(ACI, "grp", props);
        assert.strictEqual(ds.length, 1);
        assert.ok(ds[0].message.includes('container "[secret]" must not run privileged'), ds[0].message);
        assert.ok(!ds[0].message.includes("payroll"), ds[0].message);
    });

    it("remediate: the engine gets the ACI group back with privileged false and nothing else changed", async () => {
        await pack().configurePack({ "no-privileged-containers": "remediate" });
        try {
            const props = aciGroup({ ...HARDENED_ACI, privileged: true });
            const rs = await pack().remediate(ACI, "grp", props, { urn: urnOf(ACI, "grp") });
            assert.deepStrictEqual(
                rs.map((r) => r.policyName),
                ["no-privileged-containers"],
            );
            assert.deepStrictEqual(rs[0].properties, aciGroup(HARDENED_ACI));
        } finally {
            await pack().configurePack({});
        }
    });
});

describe("Google Cloud and Azure examples through the real pulumi CLI", function () {
    this.timeout(300000);
    let cli: PulumiCli;
    let tmp: string;
    suiteCli("isolation-guard-cloud-", (c, t) => {
        cli = c;
        tmp = t;
    });

    /** The checks reported per resource name (mandatory ones), and the exit code, for one example. */
    async function analyzeExample(example: string): Promise<{ exitCode: number; failed: Map<string, string[]> }> {
        const { resources } = await captureExample(example);
        const state = path.join(tmp, `${example}.state.json`);
        fs.writeFileSync(state, JSON.stringify(toDeployment(resources as CapturedResource[])));
        const run = await policyAnalyze(cli, state, REPO_ROOT, undefined, ["--json"]);
        const failed = new Map<string, string[]>();
        for (const e of policyEvents(run)) {
            if (e.enforcementLevel !== "mandatory") continue;
            const name = (e.resourceUrn ?? "").split("::").pop() ?? "";
            const check = /\[(\w+)\]/.exec(e.message)?.[1] ?? "?";
            failed.set(name, [...(failed.get(name) ?? []), check].sort());
        }
        return { exitCode: run.exitCode, failed };
    }

    it("done when: the plain GKE pool fails sandboxedRuntime; the GKE Sandbox pool and the Cloud Run job pass", async () => {
        const { exitCode, failed } = await analyzeExample("gke-sandbox-pool");
        assert.strictEqual(exitCode, 1);
        assert.deepStrictEqual(Object.fromEntries(failed), { shared: ["sandboxedRuntime"] });
    });

    it("done when: the AKS pool without Kata fails sandboxedRuntime; the Kata pool passes", async () => {
        const { exitCode, failed } = await analyzeExample("aks-kata-pool");
        assert.strictEqual(exitCode, 1);
        assert.deepStrictEqual(Object.fromEntries(failed), { shared: ["sandboxedRuntime"] });
    });

    it("done when: the privileged ACI container fails privileged; its hardened twin passes", async () => {
        const { exitCode, failed } = await analyzeExample("aci-container-group");
        assert.strictEqual(exitCode, 1);
        assert.deepStrictEqual(Object.fromEntries(failed), { "log-agent": ["capabilities_restricted", "privileged"] });
    });
});
