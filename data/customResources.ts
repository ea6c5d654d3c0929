// The table of well-known pod-carrying custom resources: per API group and kind, where the pods are. Plain data (no
// functions, no imports) so it sits at the bottom layer, can be read and reviewed on its own, and every row says where
// its field names were checked: the upstream project, the API version(s), the file or page read, and the release.
// When a project renames a field, the row's `source` is where to look first.
//
// A kind is read one of two ways:
// - `templates` / `podSpecs`: paths to PodTemplateSpecs (metadata + spec) or PodSpecs the Kubernetes reader reads as
//   they stand. `*` is every list element or map value; `*Suffix` every map key ending in Suffix.
// - `reader` (with `at`): pods assembled from parts (an Argo template plus workflow-level settings, a Tekton step
//   merged with its stepTemplate, a Spark driver). The key names a reader in adapters/crd/table.ts, which maps each
//   key to its function; keeping functions out of this file is what lets it be data.
// Any apiVersion of the group is read: the paths below hold for every served version listed in the row's source.

/** The assembling readers adapters/crd provides, by key. */
export type CustomResourceReaderKey =
    | "argoWorkflowSpec"
    | "tektonTask"
    | "tektonTaskRun"
    | "tektonPipeline"
    | "tektonPipelineRun"
    | "sparkApplication"
    | "containerPod"
    | "rayCluster"
    | "strimziTemplate"
    | "cnpgCluster"
    | "actionsRunner"
    | "actionsRunnerSet"
    | "crossplaneControllerConfig";

/** How to read one kind: paths to pod templates / pod specs, or an assembling reader and where it starts. */
export interface CustomResourceKind {
    /** Paths to PodTemplateSpecs (metadata + spec). */
    readonly templates?: readonly string[];
    /** Paths to PodSpecs (no metadata of their own). */
    readonly podSpecs?: readonly string[];
    /** An assembling reader (adapters/crd/table.ts), for pods assembled from parts. */
    readonly reader?: CustomResourceReaderKey;
    /** Where `reader` starts, e.g. `spec` or `spec.workflowSpec`; `spec` when unset. */
    readonly at?: string;
}

/** One row: kinds of one API group from one upstream project, and where their field names were checked. */
export interface CustomResourceRow {
    readonly group: string;
    readonly kinds: Readonly<Record<string, CustomResourceKind>>;
    /** `<owner>/<repo> <API version(s)>: <file or doc read> (<release>)`. */
    readonly source: string;
}

/** Every training job kind of the training operator keeps its pods under `spec.<framework>ReplicaSpecs.<role>`. */
const REPLICA_SPECS: CustomResourceKind = { templates: ["spec.*ReplicaSpecs.*.template"] };

/**
 * In lookup order. A group may have several rows (Argo Rollouts and Argo Workflows share `argoproj.io`); a kind appears
 * in one row only (test/adapters/crd-table-sources.test.ts).
 */
export const CUSTOM_RESOURCE_TABLE: readonly CustomResourceRow[] = [
    {
        group: "argoproj.io",
        kinds: { Rollout: { templates: ["spec.template"] } },
        source: "argoproj/argo-rollouts v1alpha1: pkg/apis/rollouts/v1alpha1/types.go (v1.7)",
    },
    {
        group: "argoproj.io",
        kinds: {
            Workflow: { reader: "argoWorkflowSpec", at: "spec" },
            WorkflowTemplate: { reader: "argoWorkflowSpec", at: "spec" },
            ClusterWorkflowTemplate: { reader: "argoWorkflowSpec", at: "spec" },
            CronWorkflow: { reader: "argoWorkflowSpec", at: "spec.workflowSpec" },
            // The sidecar container an executor plugin adds to the agent pod of every workflow that uses it.
            ExecutorPlugin: { reader: "containerPod", at: "spec.sidecar.container" },
        },
        source:
            "argoproj/argo-workflows v1alpha1: docs/fields.md, pkg/apis/workflow/v1alpha1/workflow_types.go, " +
            "cron_workflow_types.go, docs/executor_plugins.md (ExecutorPlugin: spec.sidecar.container) (v3.5, v3.6)",
    },
    {
        group: "serving.knative.dev",
        kinds: {
            Service: { templates: ["spec.template"] },
            Configuration: { templates: ["spec.template"] },
            Revision: { podSpecs: ["spec"] },
        },
        source:
            "knative/serving v1: pkg/apis/serving/v1/service_types.go, configuration_types.go, revision_types.go " +
            "(v1.15)",
    },
    {
        group: "keda.sh",
        kinds: { ScaledJob: { templates: ["spec.jobTargetRef.template"] } },
        source: "kedacore/keda v1alpha1: apis/keda/v1alpha1/scaledjob_types.go (v2.15)",
    },
    {
        group: "apps.kruise.io",
        kinds: {
            CloneSet: { templates: ["spec.template"] },
            StatefulSet: { templates: ["spec.template"] },
            DaemonSet: { templates: ["spec.template"] },
            BroadcastJob: { templates: ["spec.template"] },
            // EphemeralJob: ephemeral containers it injects into the pods it selects (EphemeralContainerTemplateSpec).
            EphemeralJob: { podSpecs: ["spec.template"] },
            // SidecarSet: containers and init containers (SidecarContainer embeds Container) and volumes it injects.
            SidecarSet: { podSpecs: ["spec"] },
            AdvancedCronJob: {
                templates: [
                    "spec.template.jobTemplate.spec.template",
                    "spec.template.broadcastJobTemplate.spec.template",
                ],
            },
            // One workload template per kind it can run in each subset (the pods of every subset).
            UnitedDeployment: {
                templates: [
                    "spec.template.statefulSetTemplate.spec.template",
                    "spec.template.advancedStatefulSetTemplate.spec.template",
                    "spec.template.cloneSetTemplate.spec.template",
                    "spec.template.deploymentTemplate.spec.template",
                ],
            },
        },
        source:
            "openkruise/kruise v1alpha1, v1beta1: apis/apps/v1alpha1/cloneset_types.go, daemonset_types.go, " +
            "broadcastjob_types.go, advancedcronjob_types.go, ephemeraljob_types.go, sidecarset_types.go, " +
            "uniteddeployment_types.go, " +
            "apis/apps/v1beta1/statefulset_types.go (v1.7)",
    },
    {
        group: "kubeflow.org",
        kinds: {
            PyTorchJob: REPLICA_SPECS,
            TFJob: REPLICA_SPECS,
            MPIJob: REPLICA_SPECS,
            XGBoostJob: REPLICA_SPECS,
            PaddleJob: REPLICA_SPECS,
            JAXJob: REPLICA_SPECS,
            MXJob: REPLICA_SPECS,
        },
        source:
            "kubeflow/training-operator v1: pkg/apis/kubeflow.org/v1/*_types.go (v1.8; JAXJob, jax_types.go, " +
            "came in v1.9, kubeflow/trainer#2163; the repository is now kubeflow/trainer); MPIJob also " +
            "kubeflow/mpi-operator v2beta1: pkg/apis/kubeflow/v2beta1/types.go",
    },
    {
        group: "ray.io",
        kinds: {
            // A RayJob and a RayService embed a RayClusterSpec: the head and worker groups sit one level down. The head
            // pod is read by its reader: with in-tree autoscaling, KubeRay adds the autoscaler (`autoscalerOptions`) to it.
            RayCluster: { templates: ["spec.workerGroupSpecs.*.template"], reader: "rayCluster", at: "spec" },
            RayJob: {
                templates: ["spec.rayClusterSpec.workerGroupSpecs.*.template", "spec.submitterPodTemplate"],
                reader: "rayCluster",
                at: "spec.rayClusterSpec",
            },
            RayService: {
                templates: ["spec.rayClusterConfig.workerGroupSpecs.*.template"],
                reader: "rayCluster",
                at: "spec.rayClusterConfig",
            },
            // A RayCronJob's jobTemplate is a RayJobSpec (KubeRay v1.6 and later).
            RayCronJob: {
                templates: [
                    "spec.jobTemplate.rayClusterSpec.workerGroupSpecs.*.template",
                    "spec.jobTemplate.submitterPodTemplate",
                ],
                reader: "rayCluster",
                at: "spec.jobTemplate.rayClusterSpec",
            },
        },
        source:
            "ray-project/kuberay v1: ray-operator/apis/ray/v1/raycluster_types.go, rayjob_types.go, " +
            "rayservice_types.go (AutoscalerOptions), raycronjob_types.go (v1.6), " +
            "ray-operator/controllers/ray/common/pod.go (autoscaler sidecar) " +
            "(v1.2)",
    },
    {
        group: "tekton.dev",
        kinds: {
            Task: { reader: "tektonTask", at: "spec" },
            ClusterTask: { reader: "tektonTask", at: "spec" },
            TaskRun: { reader: "tektonTaskRun", at: "spec" },
            Pipeline: { reader: "tektonPipeline", at: "spec" },
            PipelineRun: { reader: "tektonPipelineRun", at: "spec" },
            // A StepAction's spec is the step's container (image, command, script, securityContext, volumeMounts).
            StepAction: { reader: "containerPod", at: "spec" },
        },
        source:
            "tektoncd/pipeline v1, v1beta1, v1alpha1: pkg/apis/pipeline/v1/{task,taskrun,pipeline,pipelinerun}_types.go, " +
            "pkg/apis/pipeline/v1beta1/ (ClusterTask: cluster_task_types.go), pkg/apis/pipeline/pod/template.go, " +
            "pkg/apis/pipeline/v1alpha1/stepaction_types.go (v0.59), v1beta1/stepaction_types.go (v0.60); " +
            "ClusterTask was removed in v1.0 and is still read for older clusters",
    },
    {
        group: "sparkoperator.k8s.io",
        kinds: {
            SparkApplication: { reader: "sparkApplication", at: "spec" },
            ScheduledSparkApplication: { reader: "sparkApplication", at: "spec.template" },
        },
        source:
            "kubeflow/spark-operator v1beta2: api/v1beta2/sparkapplication_types.go, " +
            "scheduledsparkapplication_types.go (v2.1)",
    },
    {
        group: "batch.volcano.sh",
        kinds: { Job: { templates: ["spec.tasks.*.template"] } },
        source: "volcano-sh/apis v1alpha1: pkg/apis/batch/v1alpha1/job.go (Volcano v1.10)",
    },

    // --- Operators that supply the image ---------------------------------------------------------------------------
    // The operator builds the pod and its containers; the custom resource only adds to them (a container with a name
    // and a securityContext but no image is a strategic-merge patch of the operator's container of that name, and is
    // judged as written). What the operator defaults is not assumed: only what the resource says is judged.
    {
        group: "monitoring.coreos.com",
        // `spec` carries PodSpec fields under their PodSpec names (containers, initContainers, volumes, hostNetwork,
        // securityContext: a PodSecurityContext), so it is read as a PodSpec where it stands.
        kinds: {
            Prometheus: { podSpecs: ["spec"] },
            PrometheusAgent: { podSpecs: ["spec"] },
            Alertmanager: { podSpecs: ["spec"] },
            ThanosRuler: { podSpecs: ["spec"] },
        },
        source:
            "prometheus-operator/prometheus-operator v1, v1alpha1: pkg/apis/monitoring/v1/prometheus_types.go " +
            "(CommonPrometheusFields), alertmanager_types.go, thanos_types.go, " +
            "pkg/apis/monitoring/v1alpha1/prometheusagent_types.go (v0.76)",
    },
    {
        group: "elasticsearch.k8s.elastic.co",
        kinds: { Elasticsearch: { templates: ["spec.nodeSets.*.podTemplate"] } },
        source: "elastic/cloud-on-k8s v1: pkg/apis/elasticsearch/v1/elasticsearch_types.go (NodeSet.PodTemplate) (v2.14)",
    },
    {
        group: "kibana.k8s.elastic.co",
        kinds: { Kibana: { templates: ["spec.podTemplate"] } },
        source: "elastic/cloud-on-k8s v1: pkg/apis/kibana/v1/kibana_types.go (v2.14)",
    },
    {
        group: "apm.k8s.elastic.co",
        kinds: { ApmServer: { templates: ["spec.podTemplate"] } },
        source: "elastic/cloud-on-k8s v1: pkg/apis/apm/v1/apmserver_types.go (v2.14)",
    },
    {
        group: "enterprisesearch.k8s.elastic.co",
        kinds: { EnterpriseSearch: { templates: ["spec.podTemplate"] } },
        source: "elastic/cloud-on-k8s v1: pkg/apis/enterprisesearch/v1/enterprisesearch_types.go (v2.14)",
    },
    {
        group: "logstash.k8s.elastic.co",
        kinds: { Logstash: { templates: ["spec.podTemplate"] } },
        source: "elastic/cloud-on-k8s v1alpha1: pkg/apis/logstash/v1alpha1/logstash_types.go (v2.14)",
    },
    {
        group: "maps.k8s.elastic.co",
        kinds: { ElasticMapsServer: { templates: ["spec.podTemplate"] } },
        source: "elastic/cloud-on-k8s v1alpha1: pkg/apis/maps/v1alpha1/maps_types.go (v2.14)",
    },
    {
        group: "beat.k8s.elastic.co",
        kinds: { Beat: { templates: ["spec.daemonSet.podTemplate", "spec.deployment.podTemplate"] } },
        source: "elastic/cloud-on-k8s v1beta1: pkg/apis/beat/v1beta1/beat_types.go (DaemonSetSpec, DeploymentSpec) (v2.14)",
    },
    {
        group: "agent.k8s.elastic.co",
        kinds: {
            Agent: {
                templates: [
                    "spec.daemonSet.podTemplate",
                    "spec.deployment.podTemplate",
                    "spec.statefulSet.podTemplate",
                ],
            },
        },
        source: "elastic/cloud-on-k8s v1alpha1: pkg/apis/agent/v1alpha1/agent_types.go (v2.14)",
    },
    {
        group: "autoops.k8s.elastic.co",
        kinds: { AutoOpsAgentPolicy: { templates: ["spec.podTemplate"] } },
        source: "elastic/cloud-on-k8s v1alpha1: pkg/apis/autoops/v1alpha1/autoopsagentpolicy_types.go (v3.3)",
    },
    {
        group: "packageregistry.k8s.elastic.co",
        kinds: { PackageRegistry: { templates: ["spec.podTemplate"] } },
        source: "elastic/cloud-on-k8s v1alpha1: pkg/apis/packageregistry/v1alpha1/epr_types.go (v3.3)",
    },
    {
        group: "kafka.strimzi.io",
        // Strimzi's own PodTemplate (`template.pod`: securityContext, volumes, hostUsers from 1.0 …) and ContainerTemplates
        // (`template.kafkaContainer` …: securityContext, volumeMounts, env) of each component; a Kafka has one
        // template per component (`spec.kafka.template`, `spec.zookeeper.template`, `spec.entityOperator.template` …).
        kinds: {
            Kafka: { reader: "strimziTemplate", at: "spec.*.template" },
            KafkaNodePool: { reader: "strimziTemplate", at: "spec.template" },
            KafkaConnect: { reader: "strimziTemplate", at: "spec.template" },
            KafkaMirrorMaker2: { reader: "strimziTemplate", at: "spec.template" },
            KafkaBridge: { reader: "strimziTemplate", at: "spec.template" },
            KafkaMirrorMaker: { reader: "strimziTemplate", at: "spec.template" },
        },
        source:
            "strimzi/strimzi-kafka-operator v1beta2, v1: api/src/main/java/io/strimzi/api/kafka/model/kafka/" +
            "KafkaClusterTemplate.java, common/template/PodTemplate.java, ContainerTemplate.java, " +
            "AdditionalVolume.java, connect/KafkaConnectTemplate.java (v0.45; PodTemplate.hostUsers and the v1 API from " +
            "1.0, same paths)",
    },
    {
        group: "postgresql.cnpg.io",
        // A Cluster names no pod template: `spec.podSecurityContext` is the instance pods' securityContext and
        // `spec.securityContext` the one of every container in them (postgres and the bootstrap init container).
        kinds: { Cluster: { reader: "cnpgCluster", at: "spec" }, Pooler: { templates: ["spec.template"] } },
        source:
            "cloudnative-pg/cloudnative-pg v1: api/v1/cluster_types.go (ClusterSpec.PodSecurityContext, " +
            "SecurityContext: both new in v1.28), pooler_types.go (PoolerSpec.Template) (v1.28)",
    },
    {
        group: "pkg.crossplane.io",
        kinds: {
            DeploymentRuntimeConfig: { templates: ["spec.deploymentTemplate.spec.template"] },
            // The deprecated ControllerConfig (v1alpha1, removed in Crossplane v2): pod and container settings of the
            // package's runtime Deployment as flat fields (podSecurityContext, securityContext, volumes, volumeMounts,
            // runtimeClassName …).
            ControllerConfig: { reader: "crossplaneControllerConfig", at: "spec" },
        },
        source:
            "crossplane/crossplane v1beta1, v1alpha1: apis/pkg/v1beta1/deployment_runtime_config_types.go (v1.17), " +
            "apis/pkg/v1alpha1/config.go (ControllerConfigSpec, v1.20)",
    },
    {
        group: "actions.summerwind.dev",
        // RunnerSpec = RunnerConfig + RunnerPodSpec, inline. `dockerEnabled` (unset: true) runs a privileged `docker`
        // sidecar, `dockerdWithinRunnerContainer: true` a privileged `runner` container instead
        // (controllers/actions.summerwind.net/runner_controller.go, newRunnerPodWithContainerMode).
        kinds: {
            Runner: { reader: "actionsRunner", at: "spec" },
            RunnerDeployment: { reader: "actionsRunner", at: "spec.template.spec" },
            RunnerReplicaSet: { reader: "actionsRunner", at: "spec.template.spec" },
            RunnerSet: { reader: "actionsRunnerSet", at: "spec" },
        },
        source:
            "actions/actions-runner-controller v1alpha1: apis/actions.summerwind.net/v1alpha1/runner_types.go, " +
            "runnerdeployment_types.go, runnerreplicaset_types.go, runnerset_types.go, " +
            "controllers/actions.summerwind.net/runner_controller.go (v0.27)",
    },
    {
        group: "actions.github.com",
        // EphemeralRunnerSpec embeds a PodTemplateSpec inline: its `metadata` and `spec` sit beside the runner fields.
        kinds: {
            // The runners' template, and the listener pod's (`listenerTemplate`).
            AutoscalingRunnerSet: { templates: ["spec.template", "spec.listenerTemplate"] },
            EphemeralRunnerSet: { templates: ["spec.ephemeralRunnerSpec"] },
            EphemeralRunner: { templates: ["spec"] },
            AutoscalingListener: { templates: ["spec.template"] },
        },
        source:
            "actions/actions-runner-controller v1alpha1: apis/actions.github.com/v1alpha1/" +
            "autoscalingrunnerset_types.go, ephemeralrunnerset_types.go, ephemeralrunner_types.go, " +
            "autoscalinglistener_types.go (gha-runner-scale-set v0.9)",
    },
];
