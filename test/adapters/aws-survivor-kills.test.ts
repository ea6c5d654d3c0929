// Behaviour of the AWS adapter that the recorded mutation run found unpinned: the pulumi-eks components' own reads
// (autoMode, nodeGroupOptions, where malformed tags and names are reported), Batch's EKS pods read with Kubernetes'
// exact field names (not Go's folding), ECS dockerLabels' issues, and which resources the stack pass takes for the
// pulumi-eks components and their hosts.
import * as assert from "assert";
import { toWorkloads } from "../../adapters";
import { judge, judgeStack, stackUrn, StackInput } from "../helpers";
import { UNKNOWN } from "../harness/engine";
import { LAUNCH_TEMPLATE, NODE_GROUP, plainLaunchTemplate } from "../fixtures/aws";

const CLUSTER = "eks:index:Cluster";
const MANAGED = "eks:index:ManagedNodeGroup";
const JOB = "aws:batch/jobDefinition:JobDefinition";
const TASK = "aws:ecs/taskDefinition:TaskDefinition";

const checks = (type: string, props: Record<string, unknown>) =>
    judge(type, props, {}, "res").map((d) => `${d.check}${d.advisory ? " (advisory)" : ""}`);
const issues = (type: string, props: Record<string, unknown>) =>
    toWorkloads(type, "res", props).flatMap((w) => w.issues.map((i) => `${i.kind} ${i.field} ${i.path}`));

describe("pulumi-eks components: what their inputs decide", () => {
    it("a Cluster in EKS Auto Mode builds no node group of its own", () => {
        assert.deepStrictEqual(checks(CLUSTER, { autoMode: { enabled: true } }), []);
        assert.deepStrictEqual(checks(CLUSTER, { autoMode: { enabled: false } }), ["instanceMetadata"]);
    });

    it("a malformed autoMode or nodeGroupOptions is reported at its own field", () => {
        assert.deepStrictEqual(issues(CLUSTER, { autoMode: "on", nodeGroupOptions: "small" }), [
            "malformed instanceMetadata autoMode",
            "malformed instanceMetadata nodeGroupOptions",
        ]);
    });

    it("a Cluster's default node group takes nodeGroupOptions.metadataOptions", () => {
        const metadataOptions = { httpTokens: "required", httpPutResponseHopLimit: 1 };
        assert.deepStrictEqual(checks(CLUSTER, { nodeGroupOptions: { metadataOptions } }), []);
    });

    it("malformed tags and names are reported where they are written, as labels and names", () => {
        assert.deepStrictEqual(issues(CLUSTER, { tags: "x", name: 5 }), [
            "malformed labels tags",
            "malformed other name",
        ]);
        assert.deepStrictEqual(issues(MANAGED, { tags: "x", nodeGroupName: 5 }), [
            "malformed labels tags",
            "malformed other nodeGroupName",
        ]);
    });

    it("a ManagedNodeGroup's enableIMDSv2 unknown at preview is deferred, not judged as IMDSv1", () => {
        assert.deepStrictEqual(checks(MANAGED, { enableIMDSv2: UNKNOWN, amiType: "AL2023_x86_64_STANDARD" }), [
            "unknownValues (advisory)",
        ]);
    });
});

describe("AWS Batch on EKS: the pod is a Kubernetes pod spec (exact field names)", () => {
    const pod = (securityContext: Record<string, unknown>) => ({
        podProperties: {
            hostNetwork: false,
            containers: [
                {
                    name: "c",
                    image: "example.com/job:1",
                    securityContext: {
                        runAsUser: 1000,
                        runAsNonRoot: true,
                        allowPrivilegeEscalation: false,
                        readOnlyRootFilesystem: true,
                        ...securityContext,
                    },
                },
            ],
        },
    });
    const job = (eksProperties: unknown) => ({ type: "container", platformCapabilities: ["EC2"], eksProperties });

    it("`Privileged` is no Kubernetes field: the pod is not privileged, as object or as JSON text", () => {
        assert.deepStrictEqual(checks(JOB, job(pod({ Privileged: true }))), []);
        assert.deepStrictEqual(checks(JOB, job(JSON.stringify(pod({ Privileged: true })))), []);
        assert.deepStrictEqual(checks(JOB, job(pod({ privileged: true }))), ["privileged"]);
    });
});

describe("ECS container definitions: dockerLabels", () => {
    it("malformed dockerLabels are reported at the container's dockerLabels, as labels", () => {
        const props = { family: "f", containerDefinitions: '[{"name":"web","image":"i","dockerLabels":"x"}]' };
        assert.deepStrictEqual(issues(TASK, props), ["malformed labels containerDefinitions[0].dockerLabels"]);
        assert.strictEqual(
            toWorkloads(TASK, "res", props)[0].issues[0].container,
            "web",
            "the issue names its container",
        );
    });
});

describe("the AWS stack links: pulumi-eks components and the hosts they build", () => {
    const host = (name: string, extra: Partial<StackInput> = {}): StackInput => ({
        type: LAUNCH_TEMPLATE,
        name,
        props: plainLaunchTemplate(),
        ...extra,
    });
    const nodeGroupOn = (template: string): StackInput => ({
        type: NODE_GROUP,
        name: `ng-${template}`,
        props: { clusterName: "c", nodeRoleArn: "r", subnetIds: ["s"], scalingConfig: {} },
        dependencies: [stackUrn(LAUNCH_TEMPLATE, template)],
    });
    const metadataFindingsOn = (inputs: StackInput[]) =>
        judgeStack(inputs)
            .stack.filter((d) => d.check === "instanceMetadata")
            .map((d) => d.urn)
            .sort();

    it("a launch template that another AWS resource names as its parent is still judged (it is no pulumi-eks component)", () => {
        const child: StackInput = {
            type: "aws:ec2/instance:Instance",
            name: "child",
            props: { ami: "ami-1", instanceType: "t3.micro" },
            parent: stackUrn(LAUNCH_TEMPLATE, "lt"),
        };
        assert.ok(metadataFindingsOn([host("lt"), nodeGroupOn("lt"), child]).includes(stackUrn(LAUNCH_TEMPLATE, "lt")));
    });

    it("a launch template whose parent is not a pulumi-eks component hosts nothing unless a node group uses it", () => {
        const stray = host("stray", { parent: "urn:pulumi:dev::test::awsx:ec2:Vpc::net" });
        assert.deepStrictEqual(metadataFindingsOn([host("lt"), nodeGroupOn("lt"), stray]), [
            stackUrn(LAUNCH_TEMPLATE, "lt"),
        ]);
    });

    it("a ManagedNodeGroup component without a launch template is judged in the stack pass on EKS's default template", () => {
        assert.deepStrictEqual(metadataFindingsOn([{ type: MANAGED, name: "workers", props: {} }]), [
            stackUrn(MANAGED, "workers"),
        ]);
    });
});

describe("ECS placement constraints: where a host attribute pin is written", () => {
    it("a pin repeated by a later constraint keeps the path of the first that wrote it", () => {
        const props = {
            family: "runner",
            requiresCompatibilities: ["EC2"],
            placementConstraints: [
                { type: "memberOf", expression: "attribute:tenant == acme" },
                { type: "memberOf", expression: "attribute:tenant == acme and attribute:zone == a" },
            ],
            containerDefinitions: "[]",
        };
        const [w] = toWorkloads(TASK, "res", props);
        assert.deepStrictEqual(
            (w.hostAttributes ?? []).map((a) => [a.name, a.value, a.path]),
            [
                ["tenant", "acme", "placementConstraints[0].expression"],
                ["zone", "a", "placementConstraints[1].expression"],
            ],
        );
    });
});
