// Pins found by mutation testing around the stack pass: what a workload inherits from a Namespace whose labels are
// unknown at preview (only the checks that neither Analyze nor the stack's evidence already decide), what the stack
// pass re-judges (nothing Analyze judged with the stack's tags), the pipeline's and the pack glue's deferral to it,
// and the tenancy, host-path, metadata and model rules those verdicts rest on.
import * as assert from "assert";
import type { ReportViolation, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import { resourcePolicy } from "../../engine/policy";
import { PackRunState } from "../../engine/runState";
import { judgeStack as pipelineStack } from "../../engine/pipeline";
import { decidedByStack } from "../../engine/tenancy";
import { normalizeHostPath } from "../../engine/hostpaths";
import { DEFAULT_CHECK_OPTIONS } from "../../engine/defaults";
import { instanceMetadata } from "../../checks/instanceMetadata";
import { newWorkload } from "../../adapters/shared/common";
import { stackModelOf } from "../../adapters/stack";
import { clusterWorkloadIdentity } from "../../adapters/gcp/workloadIdentity";
import { resourcePolicies } from "../../policies";
import { Reader } from "../../model/read";
import { toWorkloads } from "../../adapters";
import { StackResource } from "../../model/stack";
import { HostMetadataSettings, Workload } from "../../model/workload";
import { DEPLOYMENT, POD, Obj, hardenedPodSpec } from "../fixtures/kubernetes";
import { MULTI_TENANT, namespace, runtimeClass } from "../fixtures/multitenancy";
import { NODE_POOL, nodePool } from "../fixtures/gcp";
import { TASK_DEFINITION, hardenedContainerDefinition } from "../fixtures/aws";
import { judge, judgeStack, PackConfig, StackInput, stackUrn } from "../helpers";
import { UNKNOWN } from "../harness/engine";

const POLICY = "multi-tenant-isolation";
const def = resourcePolicies.find((p) => p.name === POLICY)!;
const POD_URN = stackUrn(POD.type, "p");

/** A Pod in `ns` mounting the host's /data, with a gVisor RuntimeClass (sandboxed) and `labels` of its own. */
function hostPathPod(ns: string, labels: Record<string, string> = {}): StackInput {
    const spec = hardenedPodSpec();
    spec.runtimeClassName = "gvisor";
    spec.volumes.push({ name: "data", hostPath: { path: "/data" } });
    spec.containers[0].volumeMounts.push({ name: "data", mountPath: "/data" });
    const props = POD.wrap(spec, { labels });
    props.metadata.namespace = ns;
    return { type: POD.type, name: "p", props };
}

/** A Namespace whose labels are unknown at preview (`Patch`: a NamespacePatch). */
function undecidedNamespace(name: string, patch = false): StackInput {
    const type = `kubernetes:core/v1:Namespace${patch ? "Patch" : ""}`;
    return { type, name: `${name}${patch ? "-patch" : ""}`, props: { metadata: { name, labels: UNKNOWN } } };
}

const GVISOR = runtimeClass("gvisor", "runsc");

type Seen = { check: string; advisory: boolean; urn: string; message: string };

/** The policy's findings of each pass, for the pod. */
function onPod(inputs: StackInput[], config: PackConfig = {}, tags: Record<string, string> = {}) {
    const { resource, stack } = judgeStack(inputs, config, tags);
    return {
        resource: resource.filter((d) => d.policy === POLICY).map((d) => d.check),
        stack: stack
            .filter((d) => d.policy === POLICY && d.urn === POD_URN)
            .map((d): Seen => ({ check: d.check, advisory: d.advisory, urn: d.urn, message: d.message })),
    };
}

describe("stack pass (pinned): a workload in a Namespace whose labels are unknown at preview", () => {
    it("a host path it mounts is noted: the Namespace may yet mark it multi-tenant (tenantHostPath)", () => {
        assert.deepStrictEqual(onPod([GVISOR, undecidedNamespace("apps"), hostPathPod("apps")]), {
            resource: [],
            stack: [
                {
                    check: "unknownValues",
                    advisory: true,
                    urn: POD_URN,
                    message:
                        '[unknownValues] Pod "web" has values unknown at preview; they will be judged at update: Namespace "apps" metadata.labels',
                },
            ],
        });
    });

    it("under fail-closed, that host path is a violation on the pod saying it may be multi-tenant", () => {
        const { stack } = onPod([GVISOR, undecidedNamespace("apps"), hostPathPod("apps")], {
            [POLICY]: { unknownValues: "fail-closed" },
        });
        assert.deepStrictEqual(
            stack.map((d) => [d.check, d.advisory, d.urn]),
            [["tenantHostPath", false, POD_URN]],
        );
        assert.ok(stack[0].message.includes("may be multi-tenant: a tenancy marker cannot be judged at preview"));
        assert.ok(stack[0].message.includes('Namespace "apps" metadata.labels'), stack[0].message);
    });

    it("a pod labelled multi-tenant itself was judged by Analyze: the stack pass adds nothing", () => {
        assert.deepStrictEqual(onPod([GVISOR, undecidedNamespace("apps"), hostPathPod("apps", MULTI_TENANT)]), {
            resource: ["tenantHostPath"],
            stack: [],
        });
    });

    it("a pod multi-tenant through its Namespace, whose patch's labels are unknown: reported once, not noted", () => {
        const inputs = [GVISOR, namespace("apps", MULTI_TENANT), undecidedNamespace("apps", true), hostPathPod("apps")];
        const { resource, stack } = onPod(inputs);
        assert.deepStrictEqual(resource, []);
        assert.deepStrictEqual(
            stack.map((d) => [d.check, d.advisory, d.urn]),
            [["tenantHostPath", false, POD_URN]],
        );
        assert.match(stack[0].message, /is multi-tenant \(Namespace "apps" label tenancy=multi-tenant\)/);
    });
});

describe("stack pass (pinned): what Analyze judged with the stack's tags is not judged again", () => {
    it("a pod multi-tenant by the stack tags, in a stack with a Namespace: tenantHostPath from Analyze only", () => {
        const tags = { tenancy: "multi-tenant" };
        assert.deepStrictEqual(onPod([GVISOR, namespace("other"), hostPathPod("apps")], {}, tags), {
            resource: ["tenantHostPath"],
            stack: [],
        });
    });
});

const resourcesOf = (inputs: StackInput[]): StackResource[] =>
    inputs.map((i) => ({ urn: i.urn ?? stackUrn(i.type, i.name), ...i }));

/** A multi-tenant Pod without a sandbox, alone in its stack. */
function unsandboxedTenantPod(): StackInput {
    const props = POD.wrap(hardenedPodSpec(), { labels: MULTI_TENANT });
    return { type: POD.type, name: "p", props };
}

describe("pipeline judgeStack (pinned): the stack pass judges the deferred checks only when told", () => {
    const run = [{ def, config: {} }];

    it("by default the resource pass judged the pod's sandbox: nothing more", () => {
        assert.deepStrictEqual(pipelineStack(resourcesOf([unsandboxedTenantPod()]), run), []);
    });

    it("with deferredToStack, the pod's missing sandbox is reported on its URN", () => {
        const judged = pipelineStack(resourcesOf([unsandboxedTenantPod()]), run, { deferredToStack: true });
        assert.deepStrictEqual(
            judged.map((j) => [j.diagnostic.check, j.diagnostic.urn, j.diagnostic.advisory]),
            [["sandboxedRuntime", POD_URN, false]],
        );
    });
});

describe("pack glue (pinned): validateStack judges what validateResource left to it", () => {
    type Reported = { message: string; urn?: string };
    const urnOf = (type: string, name: string) => `urn:pulumi:dev::proj::${type}::${name}`;

    function validateStack(
        resources: Array<{ type: string; name: string; props: Obj; parent?: string; dependencies?: string[] }>,
        provider?: Record<string, { type: string; urn: string }>,
    ): Reported[] {
        const seen: Reported[] = [];
        const report = ((m: string | { message: string; urn?: string }, urn?: string) =>
            seen.push(
                typeof m === "string" ? { message: m, urn } : { message: m.message, urn: m.urn },
            )) as ReportViolation;
        const args = {
            resources: resources.map((r) => ({
                type: r.type,
                name: r.name,
                urn: urnOf(r.type, r.name),
                props: r.props,
                ...(r.parent ? { parent: { urn: r.parent } } : {}),
                ...(provider?.[r.name]
                    ? { provider: { ...provider[r.name], name: provider[r.name].urn.split("::").pop(), props: {} } }
                    : {}),
                dependencies: (r.dependencies ?? []).map((urn) => ({ urn })),
                propertyDependencies: {},
            })),
            getConfig: () => ({}),
            stackTags: new Map<string, string>(),
        } as unknown as StackValidationArgs;
        const p = resourcePolicy(def, new PackRunState()) as unknown as StackValidationPolicy;
        void p.validateStack(args, report);
        return seen;
    }

    const tenantDeployment = () => ({
        type: DEPLOYMENT.type,
        name: "web",
        props: DEPLOYMENT.wrap(hardenedPodSpec(), { labels: MULTI_TENANT }),
    });

    it("a multi-tenant Deployment without a sandbox is reported by the stack pass, on its URN", () => {
        const seen = validateStack([tenantDeployment()]);
        assert.deepStrictEqual(
            seen.map((r) => [r.message.split("]")[0], r.urn]),
            [["[sandboxedRuntime", urnOf(DEPLOYMENT.type, "web")]],
        );
    });

    it("a pulumi-eks Cluster's Fargate profile selects the pods of its provider: linked through their parent", () => {
        const EKS = "eks:index:Cluster";
        const CLUSTER = "aws:eks/cluster:Cluster";
        const PROVIDER = "pulumi:providers:kubernetes";
        const component = urnOf(EKS, "platform");
        const child = urnOf(CLUSTER, "platform-eksCluster");
        const resources = [
            { type: EKS, name: "platform", props: {} },
            { type: CLUSTER, name: "platform-eksCluster", props: { roleArn: "r", vpcConfig: {} }, parent: component },
            { type: PROVIDER, name: "platform-provider", props: {}, parent: component },
            {
                type: "aws:eks/fargateProfile:FargateProfile",
                name: "tenants",
                props: {
                    clusterName: "eks",
                    podExecutionRoleArn: "arn:aws:iam::1:role/fp",
                    selectors: [{ namespace: "apps" }],
                },
                dependencies: [child],
            },
            tenantDeployment(),
        ];
        const provider = { web: { type: PROVIDER, urn: urnOf(PROVIDER, "platform-provider") } };
        assert.deepStrictEqual(validateStack(resources, provider), []);
    });
});

describe("stack model (pinned): Namespaces and placement a workload's tenancy is read from", () => {
    const K8S = "pulumi:providers:kubernetes";
    const P = { urn: stackUrn(K8S, "p"), type: K8S, props: {} };
    const appsNamespace = (labels: Record<string, string>, provider?: StackInput["provider"]): StackInput => ({
        ...namespace("apps", labels),
        name: provider ? "apps-on-p" : "apps-anywhere",
        provider,
    });
    const plainPod = (): StackInput => ({ type: POD.type, name: "p", props: POD.wrap(hardenedPodSpec()) });

    it("a workload without a provider may be in a provider's cluster: that cluster's Namespace labels it multi-tenant", () => {
        const inputs = [appsNamespace({ tenancy: "single-tenant" }), appsNamespace(MULTI_TENANT, P), plainPod()];
        const { stack } = onPod(inputs);
        assert.deepStrictEqual(
            stack.map((d) => [d.check, d.urn]),
            [["sandboxedRuntime", POD_URN]],
        );
        assert.match(stack[0].message, /is multi-tenant \(Namespace "apps" label tenancy=multi-tenant\)/);
    });

    it("a metadata.namespace that cannot be read is not an unknown one: the provider's namespace applies", () => {
        const props = DEPLOYMENT.wrap(hardenedPodSpec());
        props.metadata.namespace = 7;
        const provider = { ...P, props: { namespace: "team" } };
        const [sw] = stackModelOf(resourcesOf([{ type: DEPLOYMENT.type, name: "web", props, provider }])).workloads;
        assert.deepStrictEqual([sw.workload.cluster, sw.workload.namespace], [P.urn, "team"]);
        assert.ok(!("namespaceCandidates" in sw));
    });
});

describe("tenancy (pinned)", () => {
    it("a candidate Namespace's marker is matched as tenancy matches it: the selector's values padded, in any case", () => {
        const config: PackConfig = { [POLICY]: { multiTenantSelector: { keys: ["tenancy"], values: [" Shared "] } } };
        const a = namespace("a");
        const mt = namespace("mt", { tenancy: "shared " });
        const props = DEPLOYMENT.wrap(hardenedPodSpec());
        props.metadata.namespace = UNKNOWN;
        const web: StackInput = {
            type: DEPLOYMENT.type,
            name: "web",
            props,
            dependencies: [stackUrn(a.type, "a"), stackUrn(mt.type, "mt")],
        };
        const stack = judgeStack([a, mt, web], config).stack.filter((d) => d.policy === POLICY);
        assert.deepStrictEqual(
            stack.map((d) => [d.check, d.advisory, d.urn, d.message.split(": ").pop()]),
            [
                [
                    "unknownValues",
                    true,
                    stackUrn(DEPLOYMENT.type, "web"),
                    'metadata.namespace (Namespace "a" or "mt") metadata.labels',
                ],
            ],
        );
    });

    it("Azure tag names match the marker key in any case, and no other key marks", () => {
        const AKS_POOL = "azure-native:containerservice:AgentPool";
        const checks = (tags: Record<string, string>) => judge(AKS_POOL, { tags }).map((d) => d.check);
        assert.deepStrictEqual(checks({ Tenancy: "multi-tenant" }), ["sandboxedRuntime"]);
        assert.deepStrictEqual(checks({ environment: "multi-tenant", owner: "multi-tenant" }), []);
    });

    describe("a memberOf pin proves isolation only when every tenant attribute names the workload's tenant", () => {
        const config: PackConfig = { [POLICY]: { tenantKeys: ["tenant", "team"] } };
        const task = (expression: string) => ({
            family: "runner",
            requiresCompatibilities: ["EC2"],
            tags: { ...MULTI_TENANT, tenant: "acme" },
            placementConstraints: [{ type: "memberOf", expression }],
            containerDefinitions: JSON.stringify([hardenedContainerDefinition()]),
        });
        const sandboxFindings = (expression: string) =>
            judge(TASK_DEFINITION, task(expression), config).filter((d) => d.check === "sandboxedRuntime").length;

        it("both tenant attributes pinned to its own tenant: isolated", () => {
            assert.strictEqual(sandboxFindings("attribute:tenant == acme and attribute:team == acme"), 0);
        });

        it("one of them pinned to another tenant: not isolated", () => {
            assert.strictEqual(sandboxFindings("attribute:tenant == acme and attribute:team == globex"), 1);
        });
    });

    it("a check is the stack's to decide when any field it reads is one the stack decides", () => {
        const [pod] = toWorkloads(POD.type, "p", POD.wrap(hardenedPodSpec()));
        assert.strictEqual(decidedByStack(pod, { reads: ["runtime"] }), true);
        assert.strictEqual(decidedByStack(pod, { reads: ["hostPath", "runtime"] }), true);
        assert.strictEqual(decidedByStack(pod, { reads: ["hostPath", "volumes"] }), false);
        assert.strictEqual(decidedByStack(pod, { reads: [] }), false);
    });
});

describe("host paths (pinned): only `\\\\.\\` and `\\\\?\\` open a Windows device path", () => {
    it("`/../pipe/…` and `\\..\\C:\\…` are Linux paths whose `..` stops at the root", () => {
        assert.strictEqual(normalizeHostPath("/../pipe/docker_engine"), "/pipe/docker_engine");
        assert.strictEqual(normalizeHostPath("\\..\\C:\\Windows"), "/C:/Windows");
        assert.strictEqual(normalizeHostPath("\\\\.\\pipe\\docker_engine"), "//./pipe/docker_engine");
    });
});

describe("check instanceMetadata (pinned): a host whose unset settings have no documented meaning", () => {
    function host(hostMetadata: HostMetadataSettings): Workload {
        const w = newWorkload(
            {
                platform: "aws",
                isolation: "vm",
                type: "aws:ec2/instance:Instance",
                kind: "Instance",
                name: "h",
                isPatch: false,
                specPath: "",
            },
            new Reader(),
        );
        w.containerHost = true;
        w.hostMetadata = hostMetadata;
        return w;
    }
    const o = { ...DEFAULT_CHECK_OPTIONS };
    const ctx = { stackContainerHosts: new Set<Workload>() } as unknown as Parameters<typeof instanceMetadata.run>[2];
    const problems = (m: HostMetadataSettings) =>
        instanceMetadata.run(host(m), o, ctx).map((f) => [f.field, f.problem]);

    it("httpTokens unset: the finding says it is unset, and nothing about what unset means", () => {
        assert.deepStrictEqual(problems({ path: "metadataOptions", httpPutResponseHopLimit: 1 }), [
            [
                "metadataOptions.httpTokens",
                "hosts containers and leaves httpTokens unset; IMDSv1 hands the instance role's credentials to any container",
            ],
        ]);
    });

    it("the hop limit unset under IMDSv2: the finding says it is unset, and nothing more", () => {
        assert.deepStrictEqual(problems({ path: "metadataOptions", httpTokens: "required" }), [
            ["metadataOptions.httpPutResponseHopLimit", "hosts containers and leaves the IMDSv2 hop limit unset"],
        ]);
    });
});

describe("GKE Workload Identity (pinned): a workload pool that cannot be read", () => {
    const CLUSTER = "gcp:container/cluster:Cluster";

    it("is not an unknown: Workload Identity is not enabled", () => {
        assert.strictEqual(clusterWorkloadIdentity({ workloadIdentityConfig: { workloadPool: 5 } }), "disabled");
        assert.strictEqual(clusterWorkloadIdentity({ workloadIdentityConfig: "p.svc.id.goog" }), "disabled");
        assert.strictEqual(clusterWorkloadIdentity({ workloadIdentityConfig: { workloadPool: UNKNOWN } }), "unknown");
    });

    it("a pool of that cluster that leaves its mode unset keeps it unset, with no unknown to wait for", () => {
        const cluster: StackResource = {
            urn: stackUrn(CLUSTER, "c"),
            type: CLUSTER,
            name: "c",
            props: {
                location: "europe-west1",
                removeDefaultNodePool: true,
                workloadIdentityConfig: { workloadPool: 5 },
            },
        };
        const pool: StackResource = {
            urn: stackUrn(NODE_POOL, "np"),
            type: NODE_POOL,
            name: "np",
            props: nodePool({}, "np"),
            dependencies: [cluster.urn],
        };
        const [sw] = stackModelOf([cluster, pool]).workloads.filter((w) => w.urn === pool.urn);
        assert.deepStrictEqual(sw.workload.hostMetadata, {
            path: "nodeConfig.workloadMetadataConfig",
            gkeMode: undefined,
        });
        assert.deepStrictEqual(sw.workload.issues, []);
    });
});
