// Custom-resource adapter: pod templates inside custom resources (`k8s.apiextensions.CustomResource`, or a manifest's
// apiVersion/kind in `scan`). Admission controllers judge the Pods a controller creates; a preview only ever sees the
// custom resource, so the pod specs inside it are read here and judged as pods, with findings at the CR's own paths.
//
// Three sources, most specific first:
// 1. config `customResourcePodSpecs` (config.ts): explicit paths for an API group and kind (each policy's own list);
// 2. the table of well-known pod-carrying CRDs (data/customResources.ts, indexed in table.ts), any apiVersion of the
//    group; each row names the upstream API types or CRD schema its field names were checked against;
// 3. a structural fallback for other custom resources (structural.ts): a pod-spec-shaped object (containers with an
//    `image` or security settings, a host namespace, a hostPath volume, a pod where operators keep one) anywhere under
//    `spec`, within a bounded depth and node count.
// A core Kubernetes group (`apps`, `batch`, `networking.k8s.io` …) is never routed here (routing.ts), and a custom
// resource with no pod spec (a cert-manager Certificate) yields nothing.
//
// Pod specs the Kubernetes reader (adapters/kubernetes readPodSpec) can read as they stand go to it directly
// (paths.ts resolves the paths, pods.ts reads what they reach). Pods a CR assembles from parts (an Argo template's
// container plus workflow-level volumes and security context, a Tekton step merged with its stepTemplate, a Spark
// driver) are assembled into one PodSpec first (assembly.ts; argo.ts, tekton.ts, spark.ts), read by the same reader,
// and every field path it records is mapped back to the CR field it came from.
//
// This file keeps the adapter object and the entry point; the rest of the folder is imported from here only, and
// what tests and the engine import from `adapters/crd` is re-exported below.
import { Workload } from "../../model/workload";
import { JsonObject, Reader, isPlainObject, own, unwrapSecret } from "../../model/read";
import { join } from "../shared/common";
import { parseKubernetesType } from "../shared/kubernetesType";
import { CustomResourcePodSpecs, PlatformAdapter } from "../adapter";
import { isCustomResourceType } from "./routing";
import { ResourceContext } from "./context";
import { resolve } from "./paths";
import { readAt } from "./pods";
import { readStructurally } from "./structural";
import { KindSpec, wellKnown } from "./table";
import { kubernetesDialect } from "../shared/dialect";

export { isCustomResourceType } from "./routing";
export { customResourcePodSpecsOf } from "./config";
export type { CustomResourcePodSpecs } from "./config";
export { wellKnownKinds } from "./table";

/** Maps a custom resource to one workload per pod it describes; none when it describes no pod. */
export function customResourceWorkloads(
    type: string,
    resourceName: string,
    props: JsonObject,
    explicit?: readonly CustomResourcePodSpecs[],
): Workload[] {
    const t = parseKubernetesType(type);
    if (!t) return [];
    const configured = explicit?.filter((e) => e.apiGroup === t.group && e.kind === t.kind);
    const known = configured?.length ? undefined : wellKnown(t.group, t.kind);
    const one = (name: string, item: JsonObject, prefix: string): Workload[] => {
        const ctx = new ResourceContext(type, t, name, item, prefix);
        const root = prefix.replace(/\.$/, "");
        ctx.embedded = (obj, at) => readEmbedded(ctx, obj, at);
        if (configured?.length) {
            for (const e of configured) for (const p of e.paths) readAt(ctx, item, root, p, "detect");
        } else if (known) {
            readKnown(ctx, known, item, root);
        } else {
            readStructurally(ctx, item, root);
        }
        return ctx.finish(join(root, "spec"));
    };
    if (!t.isList) return one(resourceName, props, "");
    const r = new Reader();
    // Indexed, so an item after one unknown at preview keeps its own name and path.
    const items = r.indexed(props, "items", { path: "items", field: "all" }) ?? [];
    const out = items.flatMap(([i, item]) =>
        one(`${resourceName}[${i}]`, isPlainObject(item) ? item : {}, `items[${i}].`),
    );
    // Items unknown at preview or malformed: every pod of the list carries them (a blank one when there is none).
    if (r.issues.length && out.length === 0)
        out.push(new ResourceContext(type, t, resourceName, {}, "").blank("spec", r.issues));
    else for (const w of out) w.issues.push(...r.issues);
    return out;
}

/** Reads one item of a kind the table names: its template and pod-spec paths, then its assembling reader. */
function readKnown(ctx: ResourceContext, known: KindSpec, item: JsonObject, root: string): void {
    for (const p of known.templates) readAt(ctx, item, root, p, "template");
    for (const p of known.podSpecs) readAt(ctx, item, root, p, "podSpec");
    if (known.read) {
        for (const [node, path] of resolve(ctx.r, item, root, known.at))
            if (isPlainObject(node)) known.read(ctx, node, path);
    }
}

/**
 * An object created by a field of the resource (an Argo `resource` template's manifest), read at `root` by its own
 * apiVersion and kind: the table's way when it names the kind, else the structural fallback (which finds the pod of
 * a Pod, a Deployment or a CronJob by shape as well).
 */
function readEmbedded(ctx: ResourceContext, obj: JsonObject, root: string): void {
    const apiVersion = unwrapSecret(own(obj, "apiVersion"));
    const kind = unwrapSecret(own(obj, "kind"));
    const group = typeof apiVersion === "string" && apiVersion.includes("/") ? apiVersion.split("/")[0] : "core";
    const known = typeof kind === "string" ? wellKnown(group, kind) : undefined;
    if (known) readKnown(ctx, known, obj, root);
    else readStructurally(ctx, obj, root);
}

export const customResourceAdapter: PlatformAdapter = {
    name: "crd",
    packages: ["kubernetes"],
    reads: isCustomResourceType,
    workloads: customResourceWorkloads,
    dialects: [kubernetesDialect],
    docs: [
        {
            platform: "Custom resources (pod templates)",
            types: "`k8s.apiextensions.CustomResource` (and `…Patch`, `…List`), any apiVersion of the group: Argo Rollouts `Rollout`; Argo Workflows `Workflow`, `CronWorkflow`, `WorkflowTemplate`, `ClusterWorkflowTemplate` (each template's `container`, `script`, `containerSet`, `initContainers`, `sidecars`, templates written `inline` in steps and DAG tasks; workflow and template `volumes`, `securityContext`, `templateDefaults` merged into every template, `hostNetwork`, `podSpecPatch` as an object or JSON/YAML text, unknown when it is a parameter expression; a `resource` template's `manifest` judged as the object it creates), `ExecutorPlugin` (`spec.sidecar.container`); Knative Serving `Service`, `Configuration`, `Revision`; KEDA `ScaledJob`; OpenKruise `CloneSet`, `StatefulSet`, `DaemonSet`, `BroadcastJob`, `AdvancedCronJob`, `UnitedDeployment` (each subset workload template), `EphemeralJob` (`spec.template.ephemeralContainers`), `SidecarSet` (`containers`, `initContainers`, `volumes`); Kubeflow `PyTorchJob`, `TFJob`, `MPIJob`, `XGBoostJob`, `PaddleJob`, `JAXJob`, `MXJob` (`spec.*ReplicaSpecs.*.template`); KubeRay `RayCluster`, `RayJob`, `RayService`, `RayCronJob` (head and worker groups, the autoscaler sidecar at `autoscalerOptions` with in-tree autoscaling, nested cluster specs, the submitter pod); Tekton `Task`, `ClusterTask`, `TaskRun`, `Pipeline`, `PipelineRun` (steps merged with `stepTemplate`, sidecars, volumes, run `podTemplate`s, pipelines in pipelines; a step that `ref`s a StepAction is the StepAction's), `StepAction` (`spec` is the container); Spark operator `SparkApplication`, `ScheduledSparkApplication` (driver and executor pods, each with its pod template's pod-level settings and the application volumes it mounts); Volcano `Job`. Operators that supply the image, judged for what the resource writes of their pods (containers without an `image` are patches of the operator's, judged as written): Prometheus operator `Prometheus`, `PrometheusAgent`, `Alertmanager`, `ThanosRuler` (`spec` as a PodSpec: `containers`, `initContainers`, `volumes`, `hostNetwork`, `securityContext`); ECK `Elasticsearch` (`spec.nodeSets[].podTemplate`), `Kibana`, `ApmServer`, `EnterpriseSearch`, `Logstash`, `ElasticMapsServer` (`spec.podTemplate`), `Beat`, `Agent` (`spec.daemonSet`/`deployment`/`statefulSet.podTemplate`), `AutoOpsAgentPolicy`, `PackageRegistry` (`spec.podTemplate`); Strimzi `Kafka`, `KafkaNodePool`, `KafkaConnect`, `KafkaMirrorMaker2`, `KafkaBridge`, `KafkaMirrorMaker` (each component's `template.pod` and `template.*Container`; KafkaConnect's `buildPod`); CloudNativePG `Cluster` (`spec.podSecurityContext`, `spec.securityContext`), `Pooler`; Crossplane `DeploymentRuntimeConfig`, `ControllerConfig` (its flat pod fields: `podSecurityContext`, `volumes`, `runtimeClassName`; `securityContext` and `volumeMounts` of the package runtime container); actions-runner-controller `Runner`, `RunnerDeployment`, `RunnerReplicaSet`, `RunnerSet` (`dockerEnabled`, unset or true, and `dockerdWithinRunnerContainer` are privileged containers at the flag's path, as the controller sets them: the runner's own `privileged` is overwritten, a docker sidecar with a securityContext of its own keeps it, a pod `seLinuxOptions` drops both), `AutoscalingRunnerSet` (runners' `template` and `listenerTemplate`), `AutoscalingListener`, `EphemeralRunnerSet`, `EphemeralRunner`. Any other custom resource: a pod-spec-shaped object under `spec`, at most 10 levels deep (a container list with a container that has an `image`, or a `name` and a `securityContext`; a host namespace true or unknown; a `hostPath` volume; any PodSpec field in a `podSpec`, a `podTemplate.spec` or a `template.pod`); config `customResourcePodSpecs` names further paths. One workload per pod, findings at the CR's own field paths (`spec.workerGroupSpecs[0].template.spec.containers[0]…`)",
        },
    ],
};
