// Workload Identity Federation for GKE, as a cluster declares it (`workloadIdentityConfig.workloadPool`, field names as
// in @pulumi/gcp 9.37.0). Once a cluster has a workload pool, the node pools created in it run the GKE metadata server
// unless their own `workloadMetadataConfig.mode` says otherwise (Google Cloud, "Use Workload Identity Federation for
// GKE": https://cloud.google.com/kubernetes-engine/docs/how-to/workload-identity, "Enable Workload Identity Federation
// for GKE on clusters and node pools"). Pools that existed before the cluster enabled it keep GCE_METADATA until
// updated: a stack only shows inputs, so a pool the program leaves unset is judged as a new pool would run.
import { JsonObject, Reader } from "../../model/read";

/** What GKE runs on a cluster's pools that leave `workloadMetadataConfig.mode` unset. */
export const GKE_METADATA = "GKE_METADATA";

/** Whether the cluster enables Workload Identity: a non-empty workload pool; `unknown` when that is unknown at preview. */
export function clusterWorkloadIdentity(props: JsonObject): "enabled" | "disabled" | "unknown" {
    const r = new Reader();
    const config = r.obj(props, "workloadIdentityConfig", {
        path: "workloadIdentityConfig",
        field: "instanceMetadata",
    });
    const pool = r.str(config, "workloadPool", {
        path: "workloadIdentityConfig.workloadPool",
        field: "instanceMetadata",
    });
    if (r.issues.some((i) => i.kind === "unknown")) return "unknown";
    return pool !== undefined && pool.trim() !== "" ? "enabled" : "disabled";
}

/** The path messages name for a cluster's Workload Identity setting. */
export const WORKLOAD_POOL_PATH = "workloadIdentityConfig.workloadPool";
