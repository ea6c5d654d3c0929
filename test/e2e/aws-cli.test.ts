// The AWS done-when cases through the real Pulumi engine (`pulumi policy analyze --file <state> --policy-pack .`):
// a stack of the failing resources fails with exactly the named checks, and a stack of their hardened twins passes.
// Skipped, with the reason printed, when no CLI can be had (see test/harness/cli.ts).
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { AnalyzeRun, policyAnalyze, policyEvents, PulumiCli, suiteCli } from "../harness/cli";
import { CapturedResource, REPO_ROOT } from "../harness/program";
import { toDeployment } from "../harness/state";
import {
    INSTANCE,
    JOB_DEFINITION,
    LAUNCH_TEMPLATE,
    NODE_GROUP,
    TASK_DEFINITION,
    Props,
    eksNodeInstance,
    hardenedFargateBatchJob,
    hardenedFargateTask,
    hostRootBatchJob,
    multiTenantEc2Task,
    plainLaunchTemplate,
    privilegedSocketTask,
    twoTenantInstance,
} from "../fixtures/aws";

const PROJECT = "aws";
const STACK_URN = `urn:pulumi:dev::${PROJECT}::pulumi:pulumi:Stack::${PROJECT}-dev`;

function urn(type: string, name: string): string {
    return `urn:pulumi:dev::${PROJECT}::${type}::${name}`;
}

function resource(type: string, name: string, properties: Props, dependencies?: string[]): CapturedResource {
    return { type, name, urn: urn(type, name), parent: STACK_URN, custom: true, properties, dependencies };
}

function stack(resources: CapturedResource[]): CapturedResource[] {
    return [
        { type: "pulumi:pulumi:Stack", name: `${PROJECT}-dev`, urn: STACK_URN, custom: false, properties: {} },
        ...resources,
    ];
}

/** `policy/check resource-name` of every mandatory violation, sorted. */
/**
 * An EKS node group on the stack's launch template: its `launchTemplate.id` is the template's, unknown until the
 * template exists (the engine's placeholder), and it depends on the template. Without `launchTemplate` the group would
 * run on EKS's default template, whatever it depends on (issue 22, platform defaults).
 */
function nodeGroupUsing(): Props {
    return { clusterName: "prod", launchTemplate: { id: "04da6b54-80e4-46f7-96ec-b56ff0331ba9", version: "$Latest" } };
}

function violations(run: AnalyzeRun): string[] {
    return policyEvents(run)
        .filter((e) => e.enforcementLevel === "mandatory")
        .map((e) => `${e.policyName}/${/\[(\w+)\]/.exec(e.message)?.[1]} ${e.resourceUrn?.split("::").pop()}`)
        .sort();
}

describe("AWS through the real pulumi CLI", function () {
    this.timeout(300000);
    let cli: PulumiCli;
    let tmp: string;

    suiteCli("isolation-guard-aws-", (c, t) => {
        cli = c;
        tmp = t;
    });

    async function analyze(name: string, resources: CapturedResource[]): Promise<AnalyzeRun> {
        const state = path.join(tmp, `${name}.json`);
        fs.writeFileSync(state, JSON.stringify(toDeployment(stack(resources)), null, 2));
        return policyAnalyze(cli, state, REPO_ROOT, undefined, ["--json"]);
    }

    it("fails the privileged socket-mounting ECS task, the host-root Batch job, the multi-tenant EC2 task, the two-tenant instance and an IMDSv1 node", async () => {
        const lt = resource(LAUNCH_TEMPLATE, "nodes", plainLaunchTemplate());
        const run = await analyze("bad", [
            resource(TASK_DEFINITION, "agent", privilegedSocketTask()),
            resource(JOB_DEFINITION, "backup", hostRootBatchJob()),
            resource(TASK_DEFINITION, "runner", multiTenantEc2Task()),
            resource(INSTANCE, "shared", twoTenantInstance()),
            resource(INSTANCE, "node", eksNodeInstance(null)),
            lt,
            resource(NODE_GROUP, "ng", nodeGroupUsing(), [lt.urn]),
        ]);
        assert.strictEqual(run.exitCode, 1, run.stderr);
        assert.deepStrictEqual(violations(run), [
            "multi-tenant-isolation/sandboxedRuntime runner",
            "multi-tenant-isolation/tenantSharedHost shared",
            "no-host-credentials/instanceMetadata node",
            "no-host-credentials/instanceMetadata nodes",
            "no-privileged-containers/privileged agent",
            "no-sensitive-host-mounts/sensitiveHostPath agent",
            "no-sensitive-host-mounts/sensitiveHostPath backup",
        ]);
        const privileged = policyEvents(run).find((e) => /\[privileged\]/.test(e.message));
        assert.match(privileged?.message ?? "", /containerDefinitions\[0\]\.privileged is true/);
    });

    it("passes their hardened twins: Fargate task and job, one tenant per instance, IMDSv2 with hop limit 1", async () => {
        const imdsv2 = { httpTokens: "required", httpPutResponseHopLimit: 1 };
        const lt = resource(LAUNCH_TEMPLATE, "nodes", plainLaunchTemplate(imdsv2));
        const run = await analyze("good", [
            resource(TASK_DEFINITION, "agent", hardenedFargateTask()),
            resource(JOB_DEFINITION, "backup", hardenedFargateBatchJob()),
            resource(TASK_DEFINITION, "runner", { ...multiTenantEc2Task(), requiresCompatibilities: ["FARGATE"] }),
            resource(INSTANCE, "shared", { ...twoTenantInstance(), tags: { Name: "acme-runner", tenant: "acme" } }),
            resource(INSTANCE, "node", eksNodeInstance()),
            lt,
            resource(NODE_GROUP, "ng", nodeGroupUsing(), [lt.urn]),
        ]);
        assert.strictEqual(run.exitCode, 0, `${run.stdout}\n${run.stderr}`);
        assert.deepStrictEqual(violations(run), []);
    });
});
