// A tenancy marker unknown at preview (a label computed from another resource's output) must not pass a workload that
// would fail once the marker turns out to say multi-tenant: the check is deferred with a note naming the marker, or,
// with unknownValues fail-closed, reported. Markers that cannot change the tenancy (another label key, a workload
// that would pass anyway) change nothing.
import * as assert from "assert";
import { multiTenantEc2Task } from "../fixtures/aws";
import { hardenedContainer } from "../fixtures/docker";
import { NODE_POOL, nodePool } from "../fixtures/gcp";
import { hardenedPodSpec } from "../fixtures/kubernetes";
import { UNKNOWN } from "../harness/engine";
import { judge, judgeStack, PackConfig, stackUrn, StackInput } from "../helpers";
import { toWorkloads } from "../../adapters";
import { evaluate } from "../../engine/evaluate";
import { NO_SECRETS } from "../../engine/format";
import { resourcePolicies } from "../../policies";

const POLICY = "multi-tenant-isolation";
const DEPLOYMENT = "kubernetes:apps/v1:Deployment";
const NS = "kubernetes:core/v1:Namespace";
const DOCKER = "docker:index/container:Container";

type Obj = Record<string, unknown>;

function deployment(
    opts: { labels?: unknown; podLabels?: unknown; namespace?: string; runtimeClassName?: string } = {},
): Obj {
    const spec: Obj = { ...hardenedPodSpec() };
    if (opts.runtimeClassName) spec.runtimeClassName = opts.runtimeClassName;
    const metadata: Obj = { name: "job" };
    if (opts.labels !== undefined) metadata.labels = opts.labels;
    if (opts.namespace !== undefined) metadata.namespace = opts.namespace;
    const template: Obj = { spec };
    if (opts.podLabels !== undefined) template.metadata = { labels: opts.podLabels };
    return { metadata, spec: { template } };
}

/** The multi-tenant policy's diagnostics for one resource, as check ID, level and message. */
function multiTenant(type: string, props: Obj, config: PackConfig = {}) {
    return judge(type, props, config)
        .filter((d) => d.policy === POLICY)
        .map((d) => ({ check: d.check, advisory: d.advisory, message: d.message }));
}

/**
 * The multi-tenant policy alone: `judge` notes each unknown field once per resource across policies, so a whole
 * unknown template would be noted by whichever policy reads it first.
 */
function multiTenantAlone(type: string, props: Obj) {
    const def = resourcePolicies.find((p) => p.name === POLICY);
    assert.ok(def);
    return evaluate(def, toWorkloads(type, "res", props), {}, NO_SECRETS, new Set()).map((d) => ({
        check: d.check,
        advisory: d.advisory,
        message: d.message,
    }));
}

const note = (subject: string, path: string) => ({
    check: "unknownValues",
    advisory: true,
    message: `[unknownValues] ${subject} has values unknown at preview; they will be judged at update: ${path}`,
});

describe("tenancy markers unknown at preview", () => {
    describe("the resource's own labels, annotations and tags (Analyze)", () => {
        const cases: Array<[string, Obj, string]> = [
            ["the tenancy label's value", deployment({ labels: { tenancy: UNKNOWN } }), "metadata.labels.tenancy"],
            ["the whole label map", deployment({ labels: UNKNOWN }), "metadata.labels"],
            [
                "the pod template's tenancy label",
                deployment({ podLabels: { app: "job", tenancy: UNKNOWN } }),
                "spec.template.metadata.labels.tenancy",
            ],
            [
                "the tenancy annotation",
                { ...deployment(), metadata: { name: "job", annotations: { tenancy: UNKNOWN } } },
                "metadata.annotations.tenancy",
            ],
        ];
        for (const [what, props, path] of cases) {
            it(`${what} unknown: sandboxedRuntime is deferred with a note, not passed`, () => {
                assert.deepStrictEqual(multiTenant(DEPLOYMENT, props), [note('Deployment "job"', path)]);
            });
        }

        it("the same workload with the marker known: multi-tenant fails, anything else passes (the control)", () => {
            assert.deepStrictEqual(
                multiTenant(DEPLOYMENT, deployment({ labels: { tenancy: "multi-tenant" } })).map((d) => d.check),
                ["sandboxedRuntime"],
            );
            assert.deepStrictEqual(multiTenant(DEPLOYMENT, deployment({ labels: { tenancy: "single" } })), []);
            assert.deepStrictEqual(multiTenant(DEPLOYMENT, deployment()), []);
        });

        it("an unknown label whose key is not a tenancy key, or a workload already sandboxed, changes nothing", () => {
            assert.deepStrictEqual(multiTenant(DEPLOYMENT, deployment({ labels: { team: UNKNOWN } })), []);
            assert.deepStrictEqual(
                multiTenant(DEPLOYMENT, deployment({ labels: { tenancy: UNKNOWN }, runtimeClassName: "gvisor" })),
                [],
            );
        });

        it("follows the configured selector's keys", () => {
            const config: PackConfig = {
                [POLICY]: { multiTenantSelector: { keys: ["example.com/isolation"], values: ["untrusted"] } },
            };
            assert.deepStrictEqual(
                multiTenant(DEPLOYMENT, deployment({ labels: { "example.com/isolation": UNKNOWN } }), config),
                [note('Deployment "job"', "metadata.labels.example.com/isolation")],
            );
            assert.deepStrictEqual(multiTenant(DEPLOYMENT, deployment({ labels: { tenancy: UNKNOWN } }), config), []);
        });

        it("unknownValues fail-closed reports the check as a violation instead", () => {
            const ds = multiTenant(DEPLOYMENT, deployment({ labels: { tenancy: UNKNOWN } }), {
                [POLICY]: { unknownValues: "fail-closed" },
            });
            assert.deepStrictEqual(
                ds.map((d) => [d.check, d.advisory]),
                [["sandboxedRuntime", false]],
            );
            assert.ok(ds[0].message.includes("may be multi-tenant"), ds[0].message);
            assert.ok(ds[0].message.includes("metadata.labels.tenancy"), ds[0].message);
        });

        it("a GKE node pool's node label and an ECS task definition's tag are markers too", () => {
            assert.deepStrictEqual(multiTenant(NODE_POOL, nodePool({ labels: { tenancy: UNKNOWN } })), [
                note('NodePool "tenants"', "nodeConfig.labels.tenancy"),
            ]);
            assert.deepStrictEqual(
                multiTenant(NODE_POOL, nodePool({ labels: { tenancy: "multi-tenant" } })).map((d) => d.check),
                ["sandboxedRuntime"],
            );
            const TASK = "aws:ecs/taskDefinition:TaskDefinition";
            assert.deepStrictEqual(multiTenant(TASK, { ...multiTenantEc2Task(), tags: { tenancy: UNKNOWN } }), [
                note('TaskDefinition "tenant-runner"', "tags.tenancy"),
            ]);
            assert.deepStrictEqual(
                multiTenant(TASK, multiTenantEc2Task()).map((d) => d.check),
                ["sandboxedRuntime"],
            );
            // On Fargate each task is its own microVM: a tenancy marker cannot make it fail, so nothing is deferred.
            assert.deepStrictEqual(
                multiTenant(TASK, {
                    ...multiTenantEc2Task(),
                    requiresCompatibilities: ["FARGATE"],
                    tags: { tenancy: UNKNOWN },
                }),
                [],
            );
        });

        it("a whole unknown template or metadata is a marker; a malformed label is not (nothing can be made of it)", () => {
            assert.deepStrictEqual(
                multiTenantAlone(DEPLOYMENT, { metadata: { name: "job" }, spec: { template: UNKNOWN } }),
                [note('Deployment "job"', "spec.template")],
            );
            assert.deepStrictEqual(
                multiTenant(DEPLOYMENT, { ...deployment(), metadata: UNKNOWN }).map((d) => d.message.split(": ").pop()),
                ["metadata"],
            );
            assert.deepStrictEqual(
                multiTenant(DEPLOYMENT, {
                    metadata: { name: "job" },
                    spec: { template: { metadata: UNKNOWN, spec: hardenedPodSpec() } },
                }),
                [note('Deployment "job"', "spec.template.metadata")],
            );
            assert.deepStrictEqual(multiTenant(DEPLOYMENT, deployment({ labels: { tenancy: 7 } })), []);
        });

        it("a check that would not apply even to a multi-tenant workload is not deferred", () => {
            // instanceMetadata judges container hosts only; this instance is none, whatever its tenancy, so its IMDSv1
            // is no finding and the unknown tag no reason for a note.
            const instance = {
                ami: "ami-0abcdef1234567890",
                instanceType: "m7g.large",
                tags: { Name: "web", tenancy: UNKNOWN },
                metadataOptions: { httpTokens: "optional" },
            };
            assert.deepStrictEqual(
                judge("aws:ec2/instance:Instance", instance).filter((d) => d.check === "unknownValues"),
                [],
            );
        });

        it("a Docker container's label list with an unknown value is a marker too", () => {
            const c = { ...hardenedContainer(), labels: [{ label: "tenancy", value: UNKNOWN }] };
            assert.deepStrictEqual(multiTenant(DOCKER, c), [note('Container "web"', "labels[0]")]);
            const known = { ...hardenedContainer(), labels: [{ label: "tenancy", value: "multi-tenant" }] };
            assert.deepStrictEqual(
                multiTenant(DOCKER, known).map((d) => d.check),
                ["sandboxedRuntime"],
            );
        });
    });

    describe("a Namespace's labels (AnalyzeStack)", () => {
        const namespace = (labels: unknown): StackInput => ({
            type: NS,
            name: "tenants",
            props: { metadata: { name: "tenants", labels } },
        });
        const workload = (namespace: string, runtimeClassName?: string): StackInput => ({
            type: DEPLOYMENT,
            name: "job",
            props: deployment({ namespace, runtimeClassName }),
        });
        const stackOf = (inputs: StackInput[], config: PackConfig = {}) =>
            judgeStack(inputs, config)
                .stack.filter((d) => d.policy === POLICY)
                .map((d) => ({ check: d.check, advisory: d.advisory, message: d.message, urn: d.urn }));

        for (const [what, labels, path] of [
            ["unknown", UNKNOWN, 'Namespace "tenants" metadata.labels'],
            ["with an unknown tenancy label", { tenancy: UNKNOWN }, 'Namespace "tenants" metadata.labels.tenancy'],
        ] as const) {
            it(`labels ${what}: a workload in it is deferred with a note naming the Namespace's label`, () => {
                assert.deepStrictEqual(stackOf([namespace(labels), workload("tenants")]), [
                    { ...note('Deployment "job"', path), urn: stackUrn(DEPLOYMENT, "job") },
                ]);
            });
        }

        it("known labels: multi-tenant fails in the stack pass, others pass (the control)", () => {
            assert.deepStrictEqual(
                stackOf([namespace({ tenancy: "multi-tenant" }), workload("tenants")]).map((d) => d.check),
                ["sandboxedRuntime"],
            );
            assert.deepStrictEqual(stackOf([namespace({ team: "a" }), workload("tenants")]), []);
        });

        it("a workload in another Namespace, or one already sandboxed, is not deferred", () => {
            assert.deepStrictEqual(stackOf([namespace(UNKNOWN), workload("ops")]), []);
            assert.deepStrictEqual(stackOf([namespace(UNKNOWN), workload("tenants", "gvisor")]), []);
        });

        it("an unknown label of another key on the Namespace changes nothing", () => {
            assert.deepStrictEqual(stackOf([namespace({ team: UNKNOWN }), workload("tenants")]), []);
        });

        it("unknownValues fail-closed reports sandboxedRuntime on the workload instead", () => {
            const ds = stackOf([namespace(UNKNOWN), workload("tenants")], {
                [POLICY]: { unknownValues: "fail-closed" },
            });
            assert.deepStrictEqual(
                ds.map((d) => [d.check, d.advisory, d.urn]),
                [["sandboxedRuntime", false, stackUrn(DEPLOYMENT, "job")]],
            );
            assert.ok(ds[0].message.includes("may be multi-tenant"), ds[0].message);
            assert.ok(ds[0].message.includes('Namespace "tenants" metadata.labels'), ds[0].message);
        });

        it("the Namespace named default holds workloads without a namespace, and only Kubernetes ones", () => {
            const defaultNs: StackInput = {
                type: NS,
                name: "default",
                props: { metadata: { name: "default", labels: UNKNOWN } },
            };
            const noNamespace: StackInput = { type: DEPLOYMENT, name: "job", props: deployment() };
            assert.deepStrictEqual(
                stackOf([defaultNs, noNamespace]).map((d) => d.message),
                [note('Deployment "job"', 'Namespace "default" metadata.labels').message],
            );
            const container: StackInput = { type: DOCKER, name: "web", props: hardenedContainer() };
            assert.deepStrictEqual(stackOf([defaultNs, container]), []);
        });

        it("a Namespace known multi-tenant by one resource and unknown by another: one finding, no note", () => {
            const patch: StackInput = {
                type: "kubernetes:core/v1:NamespacePatch",
                name: "tenants-patch",
                props: { metadata: { name: "tenants", labels: UNKNOWN } },
            };
            assert.deepStrictEqual(
                stackOf([namespace({ tenancy: "multi-tenant" }), patch, workload("tenants")]).map((d) => d.check),
                ["sandboxedRuntime"],
            );
        });

        it("a workload multi-tenant by its own label is reported once (by AnalyzeStack), with no note", () => {
            const own: StackInput = {
                type: DEPLOYMENT,
                name: "job",
                props: deployment({ namespace: "tenants", labels: { tenancy: "multi-tenant" } }),
            };
            const { resource, stack } = judgeStack([namespace(UNKNOWN), own]);
            // Issue 23: a pod's sandbox is judged in AnalyzeStack, where a RuntimeClass or Fargate profile may give it.
            assert.deepStrictEqual(
                resource.filter((d) => d.policy === POLICY),
                [],
            );
            assert.deepStrictEqual(
                stack.filter((d) => d.policy === POLICY).map((d) => d.check),
                ["sandboxedRuntime"],
            );
        });
    });
});
