// Google Cloud adapter (the pulumi-gcp provider; field names checked against the @pulumi/gcp 9.37.0 schema):
// - GKE node pools, standalone (`container/nodePool:NodePool`) or declared inside a cluster (`container/cluster:Cluster`
//   `nodePools[]`, and the default pool built from its `nodeConfig`). A pool is where pods share node kernels, so it
//   enters the model as a container host with no containers of its own: GKE Sandbox
//   (`nodeConfig.sandboxConfig.type: GVISOR`, or the deprecated `sandboxType: gvisor`) is its runtime, its node labels
//   and resource labels are tenancy markers, and `workloadMetadataConfig` is its metadata exposure (instanceMetadata).
// - Cloud Run services (v1 and v2) and jobs (v2): every instance runs in its own sandbox (gVisor, or a microVM in the
//   second-generation environment), so they are VM-isolated by construction. They expose no privilege, capability or
//   host setting at all (checked: no securityContext, no host volumes in either API), which leaves tenancy to judge.
// - Compute Engine instances and instance templates: a VM (each VM of the template), one tenant each
//   (tenantSharedHost); labels and metadata are its markers.
import { Workload } from "../../model/workload";
import { JsonObject, Reader } from "../../model/read";
import { newWorkload, nodePoolLabels } from "../shared/common";
import { PlatformAdapter } from "../adapter";
import { gcpDialect } from "./dialect";
import { clusterWorkloadIdentity, GKE_METADATA, WORKLOAD_POOL_PATH } from "./workloadIdentity";
import { gcpStackLinks } from "./stack";

export const GKE_NODE_POOL = "gcp:container/nodePool:NodePool";
export const GKE_CLUSTER = "gcp:container/cluster:Cluster";
export const CLOUD_RUN_SERVICE = "gcp:cloudrun/service:Service";
export const CLOUD_RUN_V2_SERVICE = "gcp:cloudrunv2/service:Service";
export const CLOUD_RUN_V2_JOB = "gcp:cloudrunv2/job:Job";
export const COMPUTE_INSTANCE = "gcp:compute/instance:Instance";
/** Templates of the instances a managed instance group creates: each instance carries the template's labels. */
export const COMPUTE_INSTANCE_TEMPLATE = "gcp:compute/instanceTemplate:InstanceTemplate";
export const COMPUTE_REGION_INSTANCE_TEMPLATE = "gcp:compute/regionInstanceTemplate:RegionInstanceTemplate";

const GCP_TYPES: ReadonlySet<string> = new Set([
    GKE_NODE_POOL,
    GKE_CLUSTER,
    CLOUD_RUN_SERVICE,
    CLOUD_RUN_V2_SERVICE,
    CLOUD_RUN_V2_JOB,
    COMPUTE_INSTANCE,
    COMPUTE_INSTANCE_TEMPLATE,
    COMPUTE_REGION_INSTANCE_TEMPLATE,
]);

/**
 * GKE Sandbox values (`sandboxConfig.type` GVISOR, `sandboxType` gvisor), lower-cased, to the RuntimeClass GKE installs
 * for it: a sandbox pool only schedules pods of that RuntimeClass, so the pool is sandboxed exactly when that
 * RuntimeClass is one the policy counts as a sandbox (`sandboxRuntimeClasses`).
 */
const GKE_SANDBOX_RUNTIME_CLASSES: ReadonlyMap<string, string> = new Map([["gvisor", "gvisor"]]);

// The pool's sandbox setting is the dialect's answer (./dialect.ts); adapters/index.ts still offers it.
export { gcpSandboxSetting } from "./dialect";

export function gcpWorkloads(type: string, resourceName: string, props: JsonObject): Workload[] {
    switch (type) {
        case GKE_NODE_POOL:
            return [nodePoolWorkload(type, resourceName, props)];
        case GKE_CLUSTER:
            return clusterPoolWorkloads(type, resourceName, props);
        case CLOUD_RUN_SERVICE:
            return [cloudRunV1Workload(type, resourceName, props)];
        case CLOUD_RUN_V2_SERVICE:
        case CLOUD_RUN_V2_JOB:
            return [cloudRunV2Workload(type, resourceName, props)];
        case COMPUTE_INSTANCE:
            return [instanceWorkload(type, resourceName, props, "Instance")];
        case COMPUTE_INSTANCE_TEMPLATE:
        case COMPUTE_REGION_INSTANCE_TEMPLATE:
            return [instanceWorkload(type, resourceName, props, "InstanceTemplate")];
        default:
            return [];
    }
}

/** One pool's `nodeConfig` (at `base`) onto a container-host workload; `inherited` are the cluster's resource labels. */
function poolWorkload(
    r: Reader,
    type: string,
    name: string,
    nodeConfig: JsonObject | undefined,
    base: string,
    inherited: Record<string, string>,
): Workload {
    const resourceLabels = r.strMap(nodeConfig, "resourceLabels", { path: `${base}.resourceLabels`, field: "labels" });
    const nodeLabels = r.strMap(nodeConfig, "labels", { path: `${base}.labels`, field: "labels" });
    const labels = nodePoolLabels(inherited, resourceLabels, nodeLabels);
    const w = newWorkload(
        {
            platform: "gcp",
            isolation: "container",
            type,
            kind: "NodePool",
            name,
            isPatch: false,
            specPath: base,
            labels,
        },
        r,
    );
    const sandboxPath = `${base}.sandboxConfig`;
    const sandbox = r.obj(nodeConfig, "sandboxConfig", { path: sandboxPath, field: "runtime" });
    for (const key of ["type", "sandboxType"]) {
        const path = `${sandboxPath}.${key}`;
        const value = r.str(sandbox, key, { path, field: "runtime" });
        if (value === undefined || w.runtime) continue;
        const runtimeClass = GKE_SANDBOX_RUNTIME_CLASSES.get(value.trim().toLowerCase());
        w.runtime = { value: runtimeClass ?? value, path };
    }
    const metadataPath = `${base}.workloadMetadataConfig`;
    const metadata = r.obj(nodeConfig, "workloadMetadataConfig", { path: metadataPath, field: "instanceMetadata" });
    w.hostMetadata = {
        path: metadataPath,
        gkeMode: r.str(metadata, "mode", { path: `${metadataPath}.mode`, field: "instanceMetadata" }),
    };
    return w;
}

function nodePoolWorkload(type: string, resourceName: string, props: JsonObject): Workload {
    const r = new Reader();
    const name = r.str(props, "name", { path: "name", field: "other" }) ?? resourceName;
    const nodeConfig = r.obj(props, "nodeConfig", { path: "nodeConfig", field: "all" });
    const w = poolWorkload(r, type, name, nodeConfig, "nodeConfig", Object.create(null));
    // Unset, the mode is its cluster's default: the GKE metadata server when the cluster enables Workload Identity.
    // The cluster is another resource, so the stack pass decides (./stack.ts).
    if (unsetMode(w)) w.stackDecides = ["instanceMetadata"];
    return w;
}

/** A pool whose `workloadMetadataConfig.mode` is absent (not unknown, not malformed): its cluster's default applies. */
export function unsetMode(w: Workload): boolean {
    return (
        w.hostMetadata !== undefined &&
        w.hostMetadata.gkeMode === undefined &&
        !w.issues.some((i) => i.field === "instanceMetadata" || i.field === "all")
    );
}

/** A cluster's own pools with the mode unset run what the cluster's Workload Identity makes the default. */
function applyClusterDefault(w: Workload, identity: ReturnType<typeof clusterWorkloadIdentity>): void {
    if (!unsetMode(w) || identity === "disabled") return;
    if (identity === "enabled") w.hostMetadata = { ...w.hostMetadata!, gkeMode: GKE_METADATA };
    else w.issues.push({ kind: "unknown", field: "instanceMetadata", path: WORKLOAD_POOL_PATH });
}

/**
 * The pools a Cluster declares: each of `nodePools[]`, or else GKE's default pool ("default-pool", built from the
 * cluster's `nodeConfig`) unless `removeDefaultNodePool` deletes it. An Autopilot cluster has no pools to judge.
 */
function clusterPoolWorkloads(type: string, resourceName: string, props: JsonObject): Workload[] {
    const head = new Reader();
    const cluster = head.str(props, "name", { path: "name", field: "other" }) ?? resourceName;
    const clusterLabels = head.strMap(props, "resourceLabels", { path: "resourceLabels", field: "labels" });
    const autopilot = head.bool(props, "enableAutopilot", { path: "enableAutopilot", field: "other" });
    const removeDefault = head.bool(props, "removeDefaultNodePool", { path: "removeDefaultNodePool", field: "other" });
    const pools = head.list(props, "nodePools", { path: "nodePools", field: "all" });
    const identity = clusterWorkloadIdentity(props);
    const out: Workload[] = [];
    if (autopilot !== true) {
        if (pools && pools.length) {
            pools.forEach((pool, i) => {
                const r = new Reader();
                const base = `nodePools[${i}]`;
                const poolName = r.str(pool, "name", { path: `${base}.name`, field: "other" }) ?? base;
                const nodeConfig = r.obj(pool, "nodeConfig", { path: `${base}.nodeConfig`, field: "all" });
                const w = poolWorkload(
                    r,
                    type,
                    `${cluster}/${poolName}`,
                    nodeConfig,
                    `${base}.nodeConfig`,
                    clusterLabels,
                );
                applyClusterDefault(w, identity);
                out.push(w);
            });
        } else if (removeDefault !== true) {
            const r = new Reader();
            const nodeConfig = r.obj(props, "nodeConfig", { path: "nodeConfig", field: "all" });
            const w = poolWorkload(r, type, `${cluster}/default-pool`, nodeConfig, "nodeConfig", clusterLabels);
            applyClusterDefault(w, identity);
            out.push(w);
        }
    }
    // What could not be read about the cluster itself belongs to every pool it declares (or to one, so it is seen).
    if (head.issues.length) {
        if (!out.length) {
            const w = newWorkload(clusterHeader(type, cluster), new Reader());
            // Pools that could not be read (unknown at preview, malformed) may be container hosts like any: their
            // instance metadata is open, so no-host-credentials judges the cluster too (the issue defers it, or fails
            // it closed), instead of leaving it to the other policies alone.
            if (autopilot !== true && head.issues.some((i) => i.path === "nodePools"))
                w.hostMetadata = { path: "nodePools" };
            out.push(w);
        }
        for (const w of out) w.issues.push(...head.issues);
    }
    return out;
}

function clusterHeader(type: string, name: string) {
    return {
        platform: "gcp" as const,
        isolation: "container" as const,
        type,
        kind: "Cluster",
        name,
        isPatch: false,
        specPath: "",
    };
}

function vmWorkload(
    r: Reader,
    type: string,
    kind: string,
    name: string,
    labels: Record<string, string>,
    annotations: Record<string, string>,
    podLabels?: Record<string, string>,
    podAnnotations?: Record<string, string>,
): Workload {
    return newWorkload(
        {
            platform: "gcp",
            isolation: "vm",
            type,
            kind,
            name,
            isPatch: false,
            specPath: "",
            labels,
            annotations,
            podLabels,
            podAnnotations,
        },
        r,
    );
}

/** Cloud Run v1 (Knative shape): `metadata` of the service and of its revision template carry labels and annotations. */
function cloudRunV1Workload(type: string, resourceName: string, props: JsonObject): Workload {
    const r = new Reader();
    const name = r.str(props, "name", { path: "name", field: "other" }) ?? resourceName;
    const metadata = r.obj(props, "metadata", { path: "metadata", field: "labels" });
    const template = r.obj(props, "template", { path: "template", field: "all" });
    const templateMeta = r.obj(template, "metadata", { path: "template.metadata", field: "labels" });
    return vmWorkload(
        r,
        type,
        "CloudRunService",
        name,
        r.strMap(metadata, "labels", { path: "metadata.labels", field: "labels" }),
        r.strMap(metadata, "annotations", { path: "metadata.annotations", field: "labels" }),
        r.strMap(templateMeta, "labels", { path: "template.metadata.labels", field: "labels" }),
        r.strMap(templateMeta, "annotations", { path: "template.metadata.annotations", field: "labels" }),
    );
}

/** Cloud Run v2 service or job: `labels`/`annotations` on the resource and on its `template`. */
function cloudRunV2Workload(type: string, resourceName: string, props: JsonObject): Workload {
    const r = new Reader();
    const name = r.str(props, "name", { path: "name", field: "other" }) ?? resourceName;
    const template = r.obj(props, "template", { path: "template", field: "all" });
    return vmWorkload(
        r,
        type,
        type === CLOUD_RUN_V2_JOB ? "CloudRunJob" : "CloudRunService",
        name,
        r.strMap(props, "labels", { path: "labels", field: "labels" }),
        r.strMap(props, "annotations", { path: "annotations", field: "labels" }),
        r.strMap(template, "labels", { path: "template.labels", field: "labels" }),
        r.strMap(template, "annotations", { path: "template.annotations", field: "labels" }),
    );
}

/**
 * A Compute Engine VM. Label values cannot hold a comma, so instance `metadata` (free-form key/values) counts as its
 * annotations: `tenant: "acme,globex"` there names two tenants, as a Kubernetes annotation would.
 */
function instanceWorkload(type: string, resourceName: string, props: JsonObject, kind: string): Workload {
    const r = new Reader();
    const name = r.str(props, "name", { path: "name", field: "other" }) ?? resourceName;
    // An instance template's `labels` and `metadata` are those of every instance made from it: judged like one
    // instance (an EC2 launch template alike), so a template labelled for two tenants puts both on each VM.
    return vmWorkload(
        r,
        type,
        kind,
        name,
        r.strMap(props, "labels", { path: "labels", field: "labels" }),
        r.strMap(props, "metadata", { path: "metadata", field: "labels" }),
    );
}

export const gcpAdapter: PlatformAdapter = {
    name: "gcp",
    packages: ["gcp"],
    reads: (type) => GCP_TYPES.has(type),
    workloads: gcpWorkloads,
    stackLinks: gcpStackLinks,
    dialects: [gcpDialect],
    docs: [
        {
            platform: "Google Cloud (`gcp`)",
            types: "`gcp:container/nodePool:NodePool` and the pools of `gcp:container/cluster:Cluster` (`nodePools[]`, or the default pool from `nodeConfig` unless `removeDefaultNodePool`; Autopilot has none): GKE Sandbox (`nodeConfig.sandboxConfig.type: GVISOR`, deprecated `sandboxType: gvisor`), `labels` and `resourceLabels` as tenancy markers, `workloadMetadataConfig.mode`; Cloud Run `gcp:cloudrun/service:Service`, `gcp:cloudrunv2/service:Service`, `gcp:cloudrunv2/job:Job` (sandboxed by construction; labels and annotations); `gcp:compute/instance:Instance`, `gcp:compute/instanceTemplate:InstanceTemplate` and `gcp:compute/regionInstanceTemplate:RegionInstanceTemplate` (a VM, or each VM made from the template: `labels`, `metadata` as tenancy markers). Field names as in @pulumi/gcp 9.37.0",
        },
    ],
};
