// The pulumi-eks components that build EKS nodes (eks:index:Cluster, NodeGroup, NodeGroupV2, ManagedNodeGroup): each
// maps to the container host it builds, judged by instanceMetadata on its inputs and on what pulumi-eks writes for
// them (data/pulumiEksDefaults.ts), in the stack pass; when the children pulumi-eks builds are in the stack (a real
// preview), those are judged instead and the component is not, so a fault is reported once.
import * as assert from "assert";
import { judge, judgeStack, stackUrn, StackInput } from "../helpers";
import { toWorkloads } from "../../adapters";
import { UNKNOWN } from "../harness/engine";
import { EKS_NODE_GROUP_METADATA } from "../../data/platformDefaults";
import {
    PULUMI_EKS_ENABLE_IMDSV2,
    PULUMI_EKS_MANAGED_TEMPLATE_ARGS,
    PULUMI_EKS_MANAGED_TEMPLATE_METADATA,
    PULUMI_EKS_SELF_MANAGED_METADATA,
} from "../../data/pulumiEksDefaults";
import { LAUNCH_TEMPLATE, NODE_GROUP, plainLaunchTemplate } from "../fixtures/aws";

const CLUSTER = "eks:index:Cluster";
const NODE_GROUP_V1 = "eks:index:NodeGroup";
const NODE_GROUP_V2 = "eks:index:NodeGroupV2";
const MANAGED = "eks:index:ManagedNodeGroup";
type Props = Record<string, unknown>;

const FIX = `give it a launch template whose metadataOptions set httpTokens to "required" (IMDSv2) and httpPutResponseHopLimit to 1`;
const selfManaged = (kind: string, name: string, field: string) =>
    `[instanceMetadata] ${kind} "${name}" hosts containers with the platform's metadata settings: ${PULUMI_EKS_SELF_MANAGED_METADATA.behaviour}: ${field} is unset; ${FIX}`;
const eksDefault = (name: string) =>
    `[instanceMetadata] ManagedNodeGroup "${name}" hosts containers with the platform's metadata settings: ${EKS_NODE_GROUP_METADATA.behaviour}: launchTemplate is unset; ${FIX}`;
const managedTemplate = (name: string) =>
    `[instanceMetadata] ManagedNodeGroup "${name}" hosts containers with the platform's metadata settings: ${PULUMI_EKS_MANAGED_TEMPLATE_METADATA.behaviour}: enableIMDSv2 is unset; ${FIX}`;

/** Every diagnostic of every policy for the component alone (the resource pass without a stack pass: `scan`). */
function messages(type: string, props: Props, config = {}): string[] {
    return judge(type, props, config, "res").map((d) => d.message);
}

describe("pulumi-eks components: the nodes they build", () => {
    describe("eks:index:NodeGroupV2", () => {
        it("without metadataOptions: the AMI's defaults pulumi-eks leaves, at metadataOptions", () => {
            assert.deepStrictEqual(messages(NODE_GROUP_V2, { instanceType: "t3.large" }), [
                selfManaged("NodeGroupV2", "res", "metadataOptions"),
            ]);
        });

        it("metadataOptions that reach its launch template are judged as written", () => {
            const md = (m: Props) => messages(NODE_GROUP_V2, { metadataOptions: m });
            assert.deepStrictEqual(md({ httpTokens: "required", httpPutResponseHopLimit: 1 }), []);
            assert.deepStrictEqual(md({ httpTokens: "required", httpPutResponseHopLimit: 2 }), [
                '[instanceMetadata] NodeGroupV2 "res" hosts containers and lets the IMDSv2 token travel 2 network hops, into containers: metadataOptions.httpPutResponseHopLimit is 2; set metadataOptions.httpPutResponseHopLimit to 1; give pods and tasks their own role (EKS Pod Identity, IRSA, ECS task roles)',
            ]);
            assert.deepStrictEqual(md({ httpTokens: UNKNOWN, httpPutResponseHopLimit: 1 }), [
                '[unknownValues] NodeGroupV2 "res" has values unknown at preview; they will be judged at update: metadataOptions.httpTokens',
            ]);
        });

        it("an unknown metadataOptions block is deferred, a null one is unset", () => {
            assert.deepStrictEqual(messages(NODE_GROUP_V2, { metadataOptions: UNKNOWN }), [
                '[unknownValues] NodeGroupV2 "res" has values unknown at preview; they will be judged at update: metadataOptions',
            ]);
            assert.deepStrictEqual(messages(NODE_GROUP_V2, { metadataOptions: null }), [
                selfManaged("NodeGroupV2", "res", "metadataOptions"),
            ]);
        });
    });

    describe("eks:index:NodeGroup", () => {
        it("its launch configuration never takes metadata options, whatever the inputs carry", () => {
            const hardened = { metadataOptions: { httpTokens: "required", httpPutResponseHopLimit: 1 } };
            assert.deepStrictEqual(messages(NODE_GROUP_V1, hardened), [
                selfManaged("NodeGroup", "res", "metadataOptions"),
            ]);
            assert.deepStrictEqual(messages(NODE_GROUP_V1, {}), [selfManaged("NodeGroup", "res", "metadataOptions")]);
        });
    });

    describe("eks:index:Cluster", () => {
        it("its default node group: the AMI's defaults at nodeGroupOptions.metadataOptions, under the cluster's name", () => {
            assert.deepStrictEqual(messages(CLUSTER, { name: "prod" }), [
                selfManaged("Cluster", "prod", "nodeGroupOptions.metadataOptions"),
            ]);
            assert.deepStrictEqual(messages(CLUSTER, { nodeGroupOptions: { instanceType: "t3.large" } }), [
                selfManaged("Cluster", "res", "nodeGroupOptions.metadataOptions"),
            ]);
        });

        it("nodeGroupOptions.metadataOptions, when a program passes it, is judged as written", () => {
            const hardened = { metadataOptions: { httpTokens: "required", httpPutResponseHopLimit: 1 } };
            assert.deepStrictEqual(messages(CLUSTER, { nodeGroupOptions: hardened }), []);
            assert.deepStrictEqual(messages(CLUSTER, { nodeGroupOptions: { metadataOptions: {} } }), [
                `[instanceMetadata] Cluster "res" hosts containers and leaves httpTokens unset, so the AMI's registered default decides whether IMDSv1 answers (older AMIs leave it on); IMDSv1 hands the instance role's credentials to any container: nodeGroupOptions.metadataOptions.httpTokens is unset; set nodeGroupOptions.metadataOptions.httpTokens to "required" (IMDSv2) and nodeGroupOptions.metadataOptions.httpPutResponseHopLimit to 1`,
            ]);
        });

        it("no default node group (skipDefaultNodeGroup, fargate, autoMode.enabled): no host; each off: one", () => {
            const hosts = (props: Props) => toWorkloads(CLUSTER, "c", props).length;
            assert.deepStrictEqual(
                [
                    hosts({ skipDefaultNodeGroup: true }),
                    hosts({ fargate: true }),
                    hosts({ fargate: { selectors: [{ namespace: "default" }] } }),
                    hosts({ autoMode: { enabled: true } }),
                ],
                [0, 0, 0, 0],
            );
            assert.deepStrictEqual(
                [
                    hosts({ skipDefaultNodeGroup: false }),
                    hosts({ fargate: false }),
                    hosts({ fargate: null }),
                    hosts({ autoMode: { enabled: false } }),
                    hosts({ autoMode: {} }),
                ],
                [1, 1, 1, 1, 1],
            );
        });

        it("an unknown switch defers the verdict to update, naming it", () => {
            for (const [props, path] of [
                [{ skipDefaultNodeGroup: UNKNOWN }, "skipDefaultNodeGroup"],
                [{ fargate: UNKNOWN }, "fargate"],
                [{ autoMode: { enabled: UNKNOWN } }, "autoMode.enabled"],
            ] as const)
                assert.deepStrictEqual(messages(CLUSTER, props), [
                    `[unknownValues] Cluster "res" has values unknown at preview; they will be judged at update: ${path}`,
                ]);
        });

        it("a malformed switch is reported, not passed", () => {
            assert.deepStrictEqual(messages(CLUSTER, { skipDefaultNodeGroup: "yes" }), [
                '[instanceMetadata] Cluster "res" has a value the policy cannot interpret, which is treated as a violation: skipDefaultNodeGroup is "yes"; set it to a value of the documented type',
            ]);
        });
    });

    describe("eks:index:ManagedNodeGroup", () => {
        it("without a launch template or template arguments: EKS's default launch template, at launchTemplate", () => {
            assert.deepStrictEqual(messages(MANAGED, { nodeGroupName: "workers", launchTemplate: null }), [
                eksDefault("workers"),
            ]);
        });

        it("with a launch template it maps to nothing: the template is judged where it is declared", () => {
            assert.deepStrictEqual(toWorkloads(MANAGED, "ng", { launchTemplate: { id: UNKNOWN } }), []);
            assert.deepStrictEqual(messages(MANAGED, { launchTemplate: { name: "nodes" }, enableIMDSv2: false }), []);
        });

        for (const arg of PULUMI_EKS_MANAGED_TEMPLATE_ARGS.filter((a) => a !== "enableIMDSv2"))
            it(`${arg} makes pulumi-eks build a template without metadataOptions, at enableIMDSv2`, () => {
                assert.deepStrictEqual(messages(MANAGED, { [arg]: UNKNOWN }), [managedTemplate("res")]);
                assert.deepStrictEqual(messages(MANAGED, { [arg]: null }), [eksDefault("res")]);
            });

        it("enableIMDSv2: true writes a hop limit of 2: fails at imdsHopLimit 1, passes at 2", () => {
            assert.deepStrictEqual(messages(MANAGED, { enableIMDSv2: true }), [
                `[instanceMetadata] ManagedNodeGroup "res" hosts containers and lets the IMDSv2 token travel 2 network hops, into containers: enableIMDSv2 is true; ${PULUMI_EKS_ENABLE_IMDSV2.fix}`,
            ]);
            const two = { "no-host-credentials": { imdsHopLimit: 2 } };
            assert.deepStrictEqual(messages(MANAGED, { enableIMDSv2: true }, two), []);
        });

        it("enableIMDSv2: false writes httpTokens optional: IMDSv1, whatever the hop limit allowed", () => {
            const two = { "no-host-credentials": { imdsHopLimit: 2 } };
            assert.deepStrictEqual(messages(MANAGED, { enableIMDSv2: false }, two), [
                `[instanceMetadata] ManagedNodeGroup "res" hosts containers and allows IMDSv1, which hands the instance role's credentials to any container: enableIMDSv2 is false; ${PULUMI_EKS_ENABLE_IMDSV2.fix}`,
            ]);
        });

        it("an unknown enableIMDSv2 is deferred; a malformed one reported", () => {
            assert.deepStrictEqual(messages(MANAGED, { enableIMDSv2: UNKNOWN }), [
                '[unknownValues] ManagedNodeGroup "res" has values unknown at preview; they will be judged at update: enableIMDSv2',
            ]);
            assert.deepStrictEqual(messages(MANAGED, { enableIMDSv2: "true" }), [
                '[instanceMetadata] ManagedNodeGroup "res" has a value the policy cannot interpret, which is treated as a violation: enableIMDSv2 is "true"; set it to a value of the documented type',
            ]);
        });
    });

    describe("the host each maps to", () => {
        it("a VM that hosts containers, named and tagged as the component, left to the stack pass", () => {
            const shape = (type: string, props: Props) =>
                toWorkloads(type, "r", props).map((w) => ({
                    kind: w.kind,
                    name: w.name,
                    isolation: w.isolation,
                    containerHost: w.containerHost,
                    labels: { ...w.labels },
                    stackDecides: w.stackDecides,
                    platform: w.platform,
                    containers: w.containers.length,
                }));
            const host = { isolation: "vm", containerHost: true, stackDecides: ["instanceMetadata"], platform: "aws" };
            assert.deepStrictEqual(shape(CLUSTER, { name: "prod", tags: { tenant: "a" } }), [
                { kind: "Cluster", name: "prod", labels: { tenant: "a" }, containers: 0, ...host },
            ]);
            assert.deepStrictEqual(shape(MANAGED, { nodeGroupName: "w", tags: { tenant: "b" } }), [
                { kind: "ManagedNodeGroup", name: "w", labels: { tenant: "b" }, containers: 0, ...host },
            ]);
            assert.deepStrictEqual(shape(NODE_GROUP_V1, {}), [
                { kind: "NodeGroup", name: "r", labels: {}, containers: 0, ...host },
            ]);
            assert.deepStrictEqual(shape(NODE_GROUP_V2, {}), [
                { kind: "NodeGroupV2", name: "r", labels: {}, containers: 0, ...host },
            ]);
        });

        it("a type of the eks package it does not read maps to nothing", () => {
            assert.deepStrictEqual(toWorkloads("eks:index:VpcCniAddon", "cni", {}), []);
        });
    });
});

describe("data/pulumiEksDefaults.ts", () => {
    it("cites pulumi-eks's source at one commit, file and lines", () => {
        const at =
            "https://github.com/pulumi/pulumi-eks/blob/7bf0c1b179932ce51cb02dfc4f9bd0d7550cb0cd/nodejs/eks/nodes/nodegroup.ts ";
        for (const row of [
            PULUMI_EKS_SELF_MANAGED_METADATA,
            PULUMI_EKS_MANAGED_TEMPLATE_METADATA,
            PULUMI_EKS_ENABLE_IMDSV2,
        ])
            assert.ok(row.source.startsWith(at) && /L\d+-\d+/.test(row.source), row.source);
        assert.deepStrictEqual(
            [PULUMI_EKS_ENABLE_IMDSV2.httpPutResponseHopLimit, PULUMI_EKS_ENABLE_IMDSV2.httpEndpoint],
            [2, "enabled"],
        );
    });
});

describe("pulumi-eks components in a stack: reported once", () => {
    const at = (ds: { check: string; urn: string; message: string }[]) =>
        ds.map((d) => `${d.check} ${d.urn.split("::").slice(2).join("::")}`);
    const ng: StackInput = { type: NODE_GROUP_V2, name: "ng", props: {} };

    it("alone (mocks, a program's first pass): judged in the stack pass, not in Analyze", () => {
        const { resource, stack } = judgeStack([ng]);
        assert.deepStrictEqual(resource, []);
        assert.deepStrictEqual(
            stack.map((d) => d.message),
            [selfManaged("NodeGroupV2", "ng", "metadataOptions")],
        );
        assert.deepStrictEqual(at(stack), [`instanceMetadata ${NODE_GROUP_V2}::ng`]);
    });

    it("with the launch template pulumi-eks builds (a real preview): the template is judged, the component is not", () => {
        const parent = stackUrn(NODE_GROUP_V2, "ng");
        const childUrn = `urn:pulumi:dev::test::${NODE_GROUP_V2}$${LAUNCH_TEMPLATE}::ng-launchTemplate`;
        // No container-host tag or user data of its own: its parent makes it an EKS node's template.
        const child: StackInput = {
            type: LAUNCH_TEMPLATE,
            name: "ng-launchTemplate",
            urn: childUrn,
            parent,
            props: plainLaunchTemplate(),
        };
        const { resource, stack } = judgeStack([ng, child]);
        assert.deepStrictEqual(resource, []);
        assert.deepStrictEqual(at(stack), [`instanceMetadata ${NODE_GROUP_V2}$${LAUNCH_TEMPLATE}::ng-launchTemplate`]);
        // The same template under another parent is no node's: nothing; and the component is judged again.
        const other = { ...child, parent: stackUrn("my:index:Thing", "t") };
        assert.deepStrictEqual(at(judgeStack([ng, other]).stack), [`instanceMetadata ${NODE_GROUP_V2}::ng`]);
    });

    it("a Cluster with its child managed node group resource: the child is judged, once", () => {
        const cluster: StackInput = { type: CLUSTER, name: "c", props: {} };
        const child: StackInput = {
            type: NODE_GROUP,
            name: "c-ng",
            urn: `urn:pulumi:dev::test::${CLUSTER}$${NODE_GROUP}::c-ng`,
            parent: stackUrn(CLUSTER, "c"),
            props: { nodeGroupName: "c-ng" },
        };
        const { resource, stack } = judgeStack([cluster, child]);
        // The child aws:eks/nodeGroup:NodeGroup is judged in Analyze, as ever; the Cluster in neither pass.
        assert.deepStrictEqual(
            resource.map((d) => d.message),
            [
                `[instanceMetadata] NodeGroup "c-ng" hosts containers with the platform's metadata settings: ${EKS_NODE_GROUP_METADATA.behaviour}: launchTemplate is unset; ${FIX}`,
            ],
        );
        assert.deepStrictEqual(stack, []);
    });

    it("a ManagedNodeGroup's launch template, by dependency or by name, is a container host", () => {
        const lt: StackInput = { type: LAUNCH_TEMPLATE, name: "nodes", props: plainLaunchTemplate() };
        const byDep: StackInput = {
            type: MANAGED,
            name: "mng",
            props: { launchTemplate: { id: UNKNOWN, version: "1" } },
            dependencies: [stackUrn(LAUNCH_TEMPLATE, "nodes")],
        };
        assert.deepStrictEqual(at(judgeStack([lt, byDep]).stack), [`instanceMetadata ${LAUNCH_TEMPLATE}::nodes`]);
        const byName: StackInput = { type: MANAGED, name: "mng", props: { launchTemplate: { name: "nodes" } } };
        assert.deepStrictEqual(at(judgeStack([lt, byName]).stack), [`instanceMetadata ${LAUNCH_TEMPLATE}::nodes`]);
        const elsewhere: StackInput = { type: MANAGED, name: "mng", props: { launchTemplate: { name: "other" } } };
        assert.deepStrictEqual(judgeStack([lt, elsewhere]).stack, []);
    });
});
