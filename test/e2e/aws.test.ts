// The AWS done-when cases through the analyzer protocol (the pack started as the engine starts it): each fails with
// the named check and its hardened twin passes; secret and unknown container definitions; remediation inside the
// JSON string; links that only AnalyzeStack sees (two tenants on one instance, a node group's launch template).
import * as assert from "assert";
import { EngineDiagnostic, PackProcess, StackResource, UNKNOWN, secret, suitePack, urnOf } from "../harness/engine";
import {
    INSTANCE,
    JOB_DEFINITION,
    LAUNCH_TEMPLATE,
    NODE_GROUP,
    TASK_DEFINITION,
    Props,
    eksNodeInstance,
    hardenedContainerDefinition,
    hardenedFargateBatchJob,
    hardenedFargateTask,
    hostRootBatchJob,
    multiTenantEc2Task,
    plainLaunchTemplate,
    privilegedSocketTask,
    twoTenantInstance,
} from "../fixtures/aws";

function checkOf(d: EngineDiagnostic): string | undefined {
    return /\[(\w+)\]/.exec(d.message)?.[1];
}

function mandatory(ds: EngineDiagnostic[]): string[] {
    return ds
        .filter((d) => d.enforcementLevel === "mandatory")
        .map((d) => `${d.policyName}/${checkOf(d)}`)
        .sort();
}

function stackResource(type: string, name: string, properties: Props, dependencies?: string[]): StackResource {
    return { type, name, urn: urnOf(type, name), properties, dependencies };
}

async function analyzeAll(pack: PackProcess, resources: StackResource[]) {
    const resource: EngineDiagnostic[] = [];
    for (const r of resources) resource.push(...(await pack.analyze(r.type, r.name, r.properties, { urn: r.urn })));
    return { resource, stack: await pack.analyzeStack(resources) };
}

describe("AWS over the analyzer protocol", function () {
    this.timeout(60000);
    const pack = suitePack();

    it("a privileged, socket-mounting ECS task on EC2 fails; its Fargate twin passes", async () => {
        assert.deepStrictEqual(mandatory(await pack().analyze(TASK_DEFINITION, "agent", privilegedSocketTask())), [
            "no-privileged-containers/privileged",
            "no-sensitive-host-mounts/sensitiveHostPath",
        ]);
        assert.deepStrictEqual(await pack().analyze(TASK_DEFINITION, "web", hardenedFargateTask()), []);
    });

    it("a Batch job with the host root mounted fails; its Fargate twin passes", async () => {
        assert.deepStrictEqual(mandatory(await pack().analyze(JOB_DEFINITION, "backup", hostRootBatchJob())), [
            "no-sensitive-host-mounts/sensitiveHostPath",
        ]);
        assert.deepStrictEqual(await pack().analyze(JOB_DEFINITION, "backup", hardenedFargateBatchJob()), []);
    });

    it("a multi-tenant ECS task on EC2 fails sandboxedRuntime; on Fargate it passes", async () => {
        assert.deepStrictEqual(mandatory(await pack().analyze(TASK_DEFINITION, "runner", multiTenantEc2Task())), [
            "multi-tenant-isolation/sandboxedRuntime",
        ]);
        const fargate = { ...multiTenantEc2Task(), requiresCompatibilities: ["FARGATE"] };
        assert.deepStrictEqual(await pack().analyze(TASK_DEFINITION, "runner", fargate), []);
    });

    it("an EC2 instance tagged for two tenants fails tenantSharedHost in AnalyzeStack; one tenant passes", async () => {
        const shared = await analyzeAll(pack(), [stackResource(INSTANCE, "shared", twoTenantInstance())]);
        assert.deepStrictEqual(shared.resource, []);
        assert.deepStrictEqual(mandatory(shared.stack), ["multi-tenant-isolation/tenantSharedHost"]);
        assert.strictEqual(shared.stack[0].urn, urnOf(INSTANCE, "shared"));
        const single = { ...twoTenantInstance(), tags: { Name: "r", tenant: "acme" } };
        assert.deepStrictEqual(await analyzeAll(pack(), [stackResource(INSTANCE, "r", single)]), {
            resource: [],
            stack: [],
        });
    });

    it("a container host without IMDSv2 fails instanceMetadata; IMDSv2 with hop limit 1 passes", async () => {
        assert.deepStrictEqual(mandatory(await pack().analyze(INSTANCE, "node", eksNodeInstance(null))), [
            "no-host-credentials/instanceMetadata",
        ]);
        assert.deepStrictEqual(await pack().analyze(INSTANCE, "node", eksNodeInstance()), []);
    });

    it("a launch template becomes a container host through a node group that depends on it (AnalyzeStack)", async () => {
        const lt = stackResource(LAUNCH_TEMPLATE, "nodes", plainLaunchTemplate());
        const ng = stackResource(NODE_GROUP, "ng", { launchTemplate: { id: UNKNOWN, version: UNKNOWN } }, [lt.urn]);
        const run = await analyzeAll(pack(), [lt, ng]);
        assert.deepStrictEqual(run.resource, []);
        assert.deepStrictEqual(
            run.stack.map((d) => [d.policyName, checkOf(d), d.urn]),
            [["no-host-credentials", "instanceMetadata", lt.urn]],
        );
        const hardened = {
            ...lt,
            properties: plainLaunchTemplate({ httpTokens: "required", httpPutResponseHopLimit: 1 }),
        };
        assert.deepStrictEqual((await analyzeAll(pack(), [hardened, ng])).stack, []);
    });

    it("a secret containerDefinitions is judged through the secret and none of its values is printed", async () => {
        const props = privilegedSocketTask();
        props.containerDefinitions = secret(props.containerDefinitions);
        const ds = await pack().analyze(TASK_DEFINITION, "agent", props);
        assert.ok(
            ds.some((d) => checkOf(d) === "privileged" && d.enforcementLevel === "mandatory"),
            JSON.stringify(ds),
        );
        for (const d of ds) {
            assert.ok(!/agent"|true|docker\.sock/.test(d.message.replace(/^[^\n]*\n/, "")), d.message);
        }
        assert.ok(
            ds.some((d) => d.message.includes("containerDefinitions[0].privileged is [secret]")),
            JSON.stringify(ds),
        );
    });

    it("an unknown containerDefinitions is deferred as an advisory note; an unparseable one is a violation", async () => {
        const unknown = { ...privilegedSocketTask(), containerDefinitions: UNKNOWN };
        const deferred = await pack().analyze(TASK_DEFINITION, "agent", unknown);
        assert.ok(
            deferred.length > 0 && deferred.every((d) => d.enforcementLevel === "advisory"),
            JSON.stringify(deferred),
        );
        assert.ok(deferred.some((d) => /\[unknownValues\].*containerDefinitions/.test(d.message)));
        const broken = { ...hardenedFargateTask(), containerDefinitions: "[{" };
        const ds = await pack().analyze(TASK_DEFINITION, "web", broken);
        assert.ok(
            ds.some((d) => d.enforcementLevel === "mandatory" && /cannot interpret/.test(d.message)),
            JSON.stringify(ds),
        );
    });

    it("remediate sets privileged false inside the JSON string and changes nothing else", async () => {
        await pack().configurePack({ "no-privileged-containers": "remediate" });
        try {
            const original = privilegedSocketTask();
            const rs = await pack().remediate(TASK_DEFINITION, "agent", original);
            assert.deepStrictEqual(
                rs.map((r) => r.policyName),
                ["no-privileged-containers"],
            );
            const fixed = rs[0].properties as Props;
            const before = JSON.parse(original.containerDefinitions as string) as Props[];
            assert.deepStrictEqual(JSON.parse(fixed.containerDefinitions as string), [
                { ...before[0], privileged: false },
            ]);
            assert.deepStrictEqual(
                { ...fixed, containerDefinitions: null },
                { ...original, containerDefinitions: null },
            );
        } finally {
            await pack().configurePack({});
        }
    });

    it("remediate fixes what the provider reads when a field is spelled twice (Go decodes keys in any case)", async () => {
        await pack().configurePack({ "no-privileged-containers": "remediate" });
        try {
            // `"privileged": false, "Privileged": true` registers a privileged container: Go's last spelling wins.
            const web = JSON.stringify(hardenedContainerDefinition()).slice(1, -1);
            const original = {
                ...hardenedFargateTask(),
                requiresCompatibilities: ["EC2"],
                containerDefinitions: `[{${web}, "privileged": false, "Privileged": true}]`,
            };
            const rs = await pack().remediate(TASK_DEFINITION, "web", original);
            assert.deepStrictEqual(
                rs.map((r) => r.policyName),
                ["no-privileged-containers"],
            );
            const fixed = rs[0].properties as Props;
            const defs = JSON.parse(fixed.containerDefinitions as string) as Props[];
            // One spelling is left, where the first stood, holding the fix; the rest of the definition is unchanged.
            assert.deepStrictEqual(defs, [{ ...hardenedContainerDefinition(), privileged: false }]);
            const after = await pack().analyze(TASK_DEFINITION, "web", fixed);
            assert.deepStrictEqual(
                after.filter((d) => d.policyName === "no-privileged-containers"),
                [],
            );
        } finally {
            await pack().configurePack({});
        }
    });
});
