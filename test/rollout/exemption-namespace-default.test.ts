// `match.namespace` selects the namespace Kubernetes creates the object in (issue 22, part 8): an object of a
// namespaced kind that leaves metadata.namespace unset is in its provider's namespace when the provider sets one, else
// in `default`. Nothing is guessed: a namespace unknown at preview, a provider namespace the pack cannot read, a
// cluster-scoped kind and a kind of unknown scope are in no namespace an exemption can select. In-process (the
// namespace rule, evaluate, the stack pass) and over the analyzer protocol (the provider the engine sends).
import * as assert from "assert";
import { toWorkloads } from "../../adapters";
import { providerNamespaceOf, workloadNamespaceOf } from "../../adapters/shared/namespace";
import { NAMESPACED_WORKLOAD_KINDS } from "../../data/namespacedKinds";
import { evaluate } from "../../engine/evaluate";
import { ExemptionContext } from "../../engine/exemptions";
import { NO_SECRETS } from "../../engine/format";
import { judgeStack } from "../../engine/pipeline";
import { Diagnostic } from "../../engine/types";
import { Workload } from "../../model/workload";
import { resourcePolicies } from "../../policies";
import { resourcePolicy } from "../../engine/policy";
import { remediateInputs } from "../../engine/remediation";
import type { ReportViolation, ResourceValidationArgs } from "@pulumi/policy";
import { suitePack, urnOf } from "../harness/engine";
import { DEPLOYMENT, privilegedDeployment } from "../fixtures/kubernetes";
import { DOCKER_CONTAINER, hardenedContainer } from "../fixtures/docker";

const NOW = new Date("2026-06-15T12:00:00Z");
const POLICY = resourcePolicies.find((p) => p.name === "no-privileged-containers")!;
const K8S_PROVIDER = "pulumi:providers:kubernetes";
const exemption = (namespace: string) => ({
    id: "NS-1",
    checks: ["privileged"],
    match: { namespace },
    reason: "node agent",
    expires: "2099-12-31",
});

function deployment(namespace?: unknown): Record<string, unknown> {
    const d = privilegedDeployment();
    if (namespace !== undefined) d.metadata.namespace = namespace;
    return d;
}

function waived(type: string, props: Record<string, unknown>, namespace: string, at: ExemptionContext = {}): boolean {
    const ds: Diagnostic[] = evaluate(
        POLICY,
        toWorkloads(type, "agent", props),
        { exemptions: [exemption(namespace)] },
        NO_SECRETS,
        new Set(),
        {},
        { now: NOW, ...at },
    );
    assert.ok(ds.length > 0);
    return ds.every((d) => d.advisory);
}

/** Every kind the pack reads as a namespaced workload, by type token. */
const NAMESPACED = [
    "kubernetes:core/v1:Pod",
    "kubernetes:core/v1:PodTemplate",
    "kubernetes:core/v1:ReplicationController",
    "kubernetes:apps/v1:Deployment",
    "kubernetes:apps/v1:ReplicaSet",
    "kubernetes:apps/v1:StatefulSet",
    "kubernetes:apps/v1:DaemonSet",
    "kubernetes:apps/v1:DeploymentPatch",
    "kubernetes:batch/v1:Job",
    "kubernetes:batch/v1:CronJob",
    "kubernetes:kubevirt.io/v1:VirtualMachine",
    "kubernetes:kubevirt.io/v1:VirtualMachineInstance",
    "kubernetes:kubevirt.io/v1:VirtualMachineInstanceReplicaSet",
    "kubernetes:pool.kubevirt.io/v1alpha1:VirtualMachinePool",
    "kubernetes:argoproj.io/v1alpha1:Rollout",
    "kubernetes:argoproj.io/v1alpha1:Workflow",
    "kubernetes:argoproj.io/v1alpha1:WorkflowTemplate",
    "kubernetes:argoproj.io/v1alpha1:CronWorkflow",
    "kubernetes:serving.knative.dev/v1:Service",
    "kubernetes:serving.knative.dev/v1:Configuration",
    "kubernetes:serving.knative.dev/v1:Revision",
    "kubernetes:keda.sh/v1alpha1:ScaledJob",
    "kubernetes:apps.kruise.io/v1alpha1:CloneSet",
    "kubernetes:apps.kruise.io/v1beta1:StatefulSet",
    "kubernetes:apps.kruise.io/v1alpha1:DaemonSet",
    "kubernetes:apps.kruise.io/v1alpha1:AdvancedCronJob",
    "kubernetes:apps.kruise.io/v1alpha1:BroadcastJob",
    "kubernetes:kubeflow.org/v1:PyTorchJob",
    "kubernetes:kubeflow.org/v1:TFJob",
    "kubernetes:kubeflow.org/v2beta1:MPIJob",
    "kubernetes:kubeflow.org/v1:XGBoostJob",
    "kubernetes:kubeflow.org/v1:PaddleJob",
    "kubernetes:kubeflow.org/v1:JAXJob",
    "kubernetes:kubeflow.org/v1:MXJob",
    "kubernetes:ray.io/v1:RayCluster",
    "kubernetes:ray.io/v1:RayJob",
    "kubernetes:ray.io/v1:RayService",
    "kubernetes:tekton.dev/v1:Task",
    "kubernetes:tekton.dev/v1:TaskRun",
    "kubernetes:tekton.dev/v1:Pipeline",
    "kubernetes:tekton.dev/v1:PipelineRun",
    "kubernetes:sparkoperator.k8s.io/v1beta2:SparkApplication",
    "kubernetes:sparkoperator.k8s.io/v1beta2:ScheduledSparkApplication",
    "kubernetes:batch.volcano.sh/v1alpha1:Job",
];
/** Cluster-scoped kinds, kinds of unknown scope, and what is not Kubernetes at all: never in `default`. */
const IN_NO_NAMESPACE = [
    "kubernetes:core/v1:PersistentVolume",
    "kubernetes:argoproj.io/v1alpha1:ClusterWorkflowTemplate",
    "kubernetes:tekton.dev/v1beta1:ClusterTask",
    "kubernetes:example.com/v1:Widget",
    "kubernetes:apps/v1:Widget",
    "kubernetes:kubevirt.io/v1:Deployment",
    DOCKER_CONTAINER,
    "aws:ecs/taskDefinition:TaskDefinition",
];

const bare = (type: string, extra: Partial<Workload> = {}) => ({ type, issues: [], ...extra }) as unknown as Workload;

describe("the namespace a Kubernetes object is created in (adapters/shared/namespace.ts)", () => {
    for (const type of NAMESPACED)
        it(`${type}: unset → the provider's namespace, else default`, () => {
            assert.strictEqual(workloadNamespaceOf(bare(type), undefined), "default");
            assert.strictEqual(workloadNamespaceOf(bare(type), "team-a"), "team-a");
            assert.strictEqual(workloadNamespaceOf(bare(type), null), undefined);
            assert.strictEqual(workloadNamespaceOf(bare(type, { namespace: "ops" }), "team-a"), "ops");
        });
    for (const type of IN_NO_NAMESPACE)
        it(`${type}: unset → in no namespace`, () => {
            assert.strictEqual(workloadNamespaceOf(bare(type), undefined), undefined);
            assert.strictEqual(workloadNamespaceOf(bare(type), "team-a"), undefined);
        });

    it("a namespace unknown at preview or malformed is no namespace, whatever the provider says", () => {
        for (const kind of ["unknown", "malformed"] as const) {
            const w = bare(DEPLOYMENT.type, {
                issues: [{ kind, field: "labels", path: "metadata.namespace" }],
            });
            assert.strictEqual(workloadNamespaceOf(w, undefined), undefined);
            assert.strictEqual(workloadNamespaceOf(w, "team-a"), undefined);
        }
        // An item of a …List carries its namespace at items[i].metadata.namespace.
        const item = bare(DEPLOYMENT.type, {
            issues: [{ kind: "unknown", field: "labels", path: "items[1].metadata.namespace" }],
        });
        assert.strictEqual(workloadNamespaceOf(item, undefined), undefined);
        const other = bare(DEPLOYMENT.type, { issues: [{ kind: "unknown", field: "labels", path: "metadata.name" }] });
        assert.strictEqual(workloadNamespaceOf(other, undefined), "default");
    });

    it("every row of the table names its source", () => {
        for (const row of NAMESPACED_WORKLOAD_KINDS) assert.ok(row.source.length > 20, row.group);
    });

    it("the provider's namespace: its `namespace` input, null when unreadable, nothing for other providers", () => {
        const p = (props: Record<string, unknown>, type = K8S_PROVIDER) => providerNamespaceOf({ type, props });
        assert.strictEqual(p({ namespace: "team-a" }), "team-a");
        assert.strictEqual(p({}), undefined);
        assert.strictEqual(p({ namespace: "" }), undefined);
        assert.strictEqual(p({ namespace: null }), undefined);
        assert.strictEqual(p({ namespace: "04da6b54-80e4-46f7-96ec-b56ff0331ba9" }), null);
        assert.strictEqual(p({ namespace: 7 }), null);
        assert.strictEqual(p({ namespace: "team-a" }, "pulumi:providers:docker"), undefined);
        assert.strictEqual(providerNamespaceOf(undefined), undefined);
    });
});

describe("match.namespace selects where Kubernetes puts the object", () => {
    it("default waives an object that sets no namespace, and not one in another namespace", () => {
        assert.ok(waived(DEPLOYMENT.type, deployment(), "default"));
        assert.ok(waived(DEPLOYMENT.type, deployment(), "def*"));
        assert.ok(waived(DEPLOYMENT.type, deployment("default"), "default"));
        assert.ok(!waived(DEPLOYMENT.type, deployment("monitoring"), "default"));
        assert.ok(waived(DEPLOYMENT.type, deployment("monitoring"), "monitoring"));
        assert.ok(!waived(DEPLOYMENT.type, deployment(), "monitoring"));
    });

    it("with a provider namespace the unset object is there, not in default; unreadable, nowhere", () => {
        assert.ok(!waived(DEPLOYMENT.type, deployment(), "default", { providerNamespace: "team-a" }));
        assert.ok(waived(DEPLOYMENT.type, deployment(), "team-a", { providerNamespace: "team-a" }));
        assert.ok(waived(DEPLOYMENT.type, deployment("ops"), "ops", { providerNamespace: "team-a" }));
        assert.ok(!waived(DEPLOYMENT.type, deployment(), "*", { providerNamespace: null }));
    });

    it("a namespace unknown at preview is selected by nothing, not even *", () => {
        assert.ok(!waived(DEPLOYMENT.type, deployment("04da6b54-80e4-46f7-96ec-b56ff0331ba9"), "*"));
    });

    it("a Docker container is in no namespace", () => {
        assert.ok(!waived(DOCKER_CONTAINER, { ...hardenedContainer(), privileged: true }, "default"));
    });

    it("the stack pass selects by the provider namespace the stack model carries", () => {
        // A Namespace "default" labelled multi-tenant makes sandboxedRuntime newly apply to a Deployment that sets no
        // namespace in the stack pass, which applies the exemptions again (tenancy reads an unset namespace as
        // `default`, engine/tenancy.ts). The exemption follows the provider the stack model carries.
        const mt = resourcePolicies.find((p) => p.name === "multi-tenant-isolation")!;
        const provider = (props: Record<string, unknown>) => ({
            urn: "urn:pulumi:dev::test::pulumi:providers:kubernetes::k",
            type: K8S_PROVIDER,
            props,
        });
        // Both namespaces are multi-tenant: with the provider's default namespace the Deployment is in team-a (the
        // stack pass reads the provider's namespace too), still judged, but no longer waived.
        const namespace = (name: string) => ({
            urn: urnOf("kubernetes:core/v1:Namespace", name),
            type: "kubernetes:core/v1:Namespace",
            name,
            props: { metadata: { name, labels: { tenancy: "multi-tenant" } } },
        });
        const resources = (providerProps: Record<string, unknown>) => [
            namespace("default"),
            namespace("team-a"),
            {
                urn: urnOf(DEPLOYMENT.type, "agent"),
                type: DEPLOYMENT.type,
                name: "agent",
                props: deployment(),
                provider: provider(providerProps),
            },
        ];
        const config = { exemptions: [{ ...exemption("default"), checks: ["sandboxedRuntime"] }] };
        const judged = (providerProps: Record<string, unknown>) =>
            judgeStack(resources(providerProps), [{ def: mt, config }], { exemptions: { now: NOW } })
                .map((j) => j.diagnostic)
                .filter((d) => d.check === "sandboxedRuntime");
        const inDefault = judged({});
        assert.ok(inDefault.length > 0 && inDefault.every((d) => d.advisory), JSON.stringify(inDefault));
        assert.ok(inDefault[0].message.includes('waived by exemption "NS-1"'));
        const elsewhere = judged({ namespace: "team-a" });
        assert.ok(elsewhere.length > 0 && elsewhere.every((d) => !d.advisory), JSON.stringify(elsewhere));
    });
});

describe("the provider namespace reaches the exemptions from Analyze and Remediate (in-process)", () => {
    const provider = (props: Record<string, unknown>) => ({
        type: K8S_PROVIDER,
        name: "k8s",
        urn: "urn:pulumi:dev::test::pulumi:providers:kubernetes::k8s",
        props,
    });
    const config = { exemptions: [exemption("default")] };

    it("Analyze: waived under a provider without a namespace, kept under one with namespace team-a", () => {
        const analyze = (providerProps: Record<string, unknown>) => {
            const reports: Array<{ message: string }> = [];
            const args = {
                type: DEPLOYMENT.type,
                name: "agent",
                urn: urnOf(DEPLOYMENT.type, "agent"),
                props: deployment(),
                provider: provider(providerProps),
                getConfig: () => config,
                stackTags: new Map<string, string>(),
            } as unknown as ResourceValidationArgs;
            const validate = resourcePolicy(POLICY).validateResource as (
                a: ResourceValidationArgs,
                r: ReportViolation,
            ) => void;
            validate(args, ((m: string | { message: string }) =>
                reports.push(typeof m === "string" ? { message: m } : m)) as ReportViolation);
            return reports.map((r) => r.message);
        };
        const plain = analyze({});
        assert.strictEqual(plain.length, 1);
        assert.match(plain[0], /waived by exemption "NS-1"/);
        const elsewhere = analyze({ namespace: "team-a" });
        assert.strictEqual(elsewhere.length, 1);
        assert.doesNotMatch(elsewhere[0], /waived/);
    });

    it("Remediate: a waived finding is not fixed; under a provider namespace the exemption does not apply, so it is", () => {
        const remediate = (providerProps: Record<string, unknown>) =>
            remediateInputs(POLICY, {
                type: DEPLOYMENT.type,
                name: "agent",
                urn: urnOf(DEPLOYMENT.type, "agent"),
                props: deployment(),
                provider: provider(providerProps),
                getConfig: <T extends object>() => config as unknown as T,
            });
        assert.strictEqual(remediate({}), undefined);
        assert.ok(remediate({ namespace: "team-a" }) !== undefined);
    });
});

describe("match.namespace: default over the analyzer protocol", function () {
    this.timeout(60000);
    const pack = suitePack();
    const provider = (props: Record<string, unknown>) => ({
        type: K8S_PROVIDER,
        name: "k8s",
        urn: "urn:pulumi:dev::test::pulumi:providers:kubernetes::k8s",
        properties: props,
    });
    const analyze = async (props: Record<string, unknown>, providerProps?: Record<string, unknown>) =>
        (
            await pack().analyze(DEPLOYMENT.type, "agent", props, {
                urn: urnOf(DEPLOYMENT.type, "agent"),
                provider: providerProps ? provider(providerProps) : undefined,
            })
        ).filter((d) => d.policyName === "no-privileged-containers");

    it("waives a Deployment that sets no namespace, unless its provider puts it elsewhere", async () => {
        await pack().configurePack({ "no-privileged-containers": { exemptions: [exemption("default")] } });
        const plain = await analyze(deployment(), {});
        assert.strictEqual(plain.length, 1);
        assert.strictEqual(plain[0].enforcementLevel, "advisory");
        assert.match(plain[0].message, /waived by exemption "NS-1"/);
        assert.strictEqual((await analyze(deployment(), { namespace: "team-a" }))[0].enforcementLevel, "mandatory");
        assert.strictEqual((await analyze(deployment("monitoring"), {}))[0].enforcementLevel, "mandatory");
        await pack().configurePack({ "no-privileged-containers": { exemptions: [exemption("team-a")] } });
        assert.strictEqual((await analyze(deployment(), { namespace: "team-a" }))[0].enforcementLevel, "advisory");
    });
});
