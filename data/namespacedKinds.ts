// Which of the Kubernetes kinds the pack reads as workloads live in a Namespace. Data only: this folder imports nothing
// of the project outside data/. Read by engine/exemptions.ts: a namespaced object that leaves metadata.namespace
// unset is created in the provider's namespace or, when none is configured, in `default`; a cluster-scoped object
// (a PersistentVolume, an Argo ClusterWorkflowTemplate) is in no namespace at all. Kinds not listed here (a custom
// resource configured by the user, whose CRD may say either) are treated as in no known namespace.

/** One API group's namespaced workload kinds, and where their scope is stated. The core group is `core`, as in type tokens. */
export interface NamespacedKindsRow {
    readonly group: string;
    readonly kinds: readonly string[];
    readonly source: string;
}

export const NAMESPACED_WORKLOAD_KINDS: readonly NamespacedKindsRow[] = [
    {
        group: "core",
        kinds: ["Pod", "PodTemplate", "ReplicationController"],
        source: "Kubernetes API reference v1.31, Workload Resources (`kubectl api-resources --namespaced=true`)",
    },
    {
        group: "apps",
        kinds: ["Deployment", "ReplicaSet", "StatefulSet", "DaemonSet"],
        source: "Kubernetes API reference v1.31, Workload Resources (`kubectl api-resources --namespaced=true`)",
    },
    {
        group: "batch",
        kinds: ["Job", "CronJob"],
        source: "Kubernetes API reference v1.31, Workload Resources (`kubectl api-resources --namespaced=true`)",
    },
    {
        group: "kubevirt.io",
        kinds: ["VirtualMachine", "VirtualMachineInstance", "VirtualMachineInstanceReplicaSet"],
        source: "kubevirt/kubevirt: pkg/virt-operator/resource/generate/components/crds.go (scope: Namespaced), v1.3",
    },
    {
        group: "pool.kubevirt.io",
        kinds: ["VirtualMachinePool"],
        source: "kubevirt/kubevirt: pkg/virt-operator/resource/generate/components/crds.go (scope: Namespaced), v1.3",
    },
    {
        group: "argoproj.io",
        // ClusterWorkflowTemplate is cluster-scoped.
        kinds: ["Rollout", "Workflow", "WorkflowTemplate", "CronWorkflow"],
        source: "argoproj/argo-rollouts manifests/crds/rollout-crd.yaml (v1.7); argoproj/argo-workflows manifests/base/crds/minimal (v3.5)",
    },
    {
        group: "serving.knative.dev",
        kinds: ["Service", "Configuration", "Revision"],
        source: "knative/serving config/core/300-resources/*.yaml (scope: Namespaced), v1.15",
    },
    {
        group: "keda.sh",
        kinds: ["ScaledJob"],
        source: "kedacore/keda config/crd/bases/keda.sh_scaledjobs.yaml (scope: Namespaced), v2.15",
    },
    {
        group: "apps.kruise.io",
        kinds: ["CloneSet", "StatefulSet", "DaemonSet", "AdvancedCronJob", "BroadcastJob"],
        source: "openkruise/kruise config/crd/bases/apps.kruise.io_*.yaml (scope: Namespaced), v1.7",
    },
    {
        group: "kubeflow.org",
        kinds: ["PyTorchJob", "TFJob", "MPIJob", "XGBoostJob", "PaddleJob", "JAXJob", "MXJob"],
        source: "kubeflow/training-operator manifests/base/crds (scope: Namespaced), v1.8",
    },
    {
        group: "ray.io",
        kinds: ["RayCluster", "RayJob", "RayService"],
        source: "ray-project/kuberay ray-operator/config/crd/bases (scope: Namespaced), v1.2",
    },
    {
        group: "tekton.dev",
        // ClusterTask is cluster-scoped.
        kinds: ["Task", "TaskRun", "Pipeline", "PipelineRun"],
        source: "tektoncd/pipeline config/300-crds/*.yaml (scope: Namespaced), v0.59",
    },
    {
        group: "sparkoperator.k8s.io",
        kinds: ["SparkApplication", "ScheduledSparkApplication"],
        source: "kubeflow/spark-operator config/crd/bases (scope: Namespaced), v2.1",
    },
    {
        group: "batch.volcano.sh",
        kinds: ["Job"],
        source: "volcano-sh/volcano config/crd/volcano/bases/batch.volcano.sh_jobs.yaml (scope: Namespaced), v1.10",
    },
];
