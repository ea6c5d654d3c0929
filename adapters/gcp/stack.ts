// What Google Cloud resources of a stack say about others: a GKE cluster that enables Workload Identity makes the GKE
// metadata server the default of the standalone node pools created in it (./workloadIdentity.ts), so a pool that
// leaves `workloadMetadataConfig.mode` unset is judged with its cluster's setting, not as exposing the node's
// credentials.
import { JsonObject, Reader } from "../../model/read";
import { StackModel, StackResource } from "../../model/stack";
import { StackLinks } from "../adapter";
import { clusterWorkloadIdentity, GKE_METADATA, WORKLOAD_POOL_PATH } from "./workloadIdentity";

const GKE_NODE_POOL = "gcp:container/nodePool:NodePool";
const GKE_CLUSTER = "gcp:container/cluster:Cluster";

interface ClusterInfo {
    urn: string;
    name: string;
    identity: ReturnType<typeof clusterWorkloadIdentity>;
}

/** The cluster a pool's `cluster` input names: a name, or an ID `projects/…/locations/…/clusters/<name>`. */
function clusterNameOf(props: JsonObject): string | undefined {
    const r = new Reader();
    const ref = r.str(props, "cluster", { path: "cluster", field: "other" });
    if (ref === undefined || r.issues.length) return undefined;
    return ref.slice(ref.lastIndexOf("/") + 1);
}

class GcpLinks implements StackLinks {
    private readonly clusters: ClusterInfo[] = [];
    /** Standalone pools: the cluster they name (when known) and the resources they depend on. */
    private readonly pools = new Map<string, { cluster?: string; dependencies: string[] }>();

    /** Records clusters and pools; both still map to their pools' workloads (false). */
    consume(res: StackResource): boolean {
        if (res.type === GKE_CLUSTER) {
            const r = new Reader();
            const name = r.str(res.props, "name", { path: "name", field: "other" }) ?? res.name;
            this.clusters.push({ urn: res.urn, name, identity: clusterWorkloadIdentity(res.props) });
        } else if (res.type === GKE_NODE_POOL) {
            this.pools.set(res.urn, { cluster: clusterNameOf(res.props), dependencies: res.dependencies ?? [] });
        }
        return false;
    }

    /**
     * A pool whose mode is its cluster's to say (`stackDecides`), in a cluster of the stack (by dependency, else by
     * name): with Workload Identity on, the GKE metadata server; unknown at preview, unknown. Several clusters that
     * could be its own and disagree decide nothing: the pool keeps its unset mode, which fails.
     */
    finish(model: StackModel): void {
        if (!this.clusters.length || !this.pools.size) return;
        model.workloads = model.workloads.map((sw) => {
            const pool = this.pools.get(sw.urn);
            const w = sw.workload;
            if (!pool || !w.stackDecides?.includes("instanceMetadata") || !w.hostMetadata) return sw;
            const byDependency = this.clusters.filter((c) => pool.dependencies.includes(c.urn));
            const candidates = byDependency.length
                ? byDependency
                : this.clusters.filter((c) => pool.cluster !== undefined && c.name === pool.cluster);
            const identities = new Set(candidates.map((c) => c.identity));
            if (identities.size !== 1) return sw;
            // Copies: workloads are shared with the per-resource cache, which must keep what Analyze saw.
            if (identities.has("enabled"))
                return { ...sw, workload: { ...w, hostMetadata: { ...w.hostMetadata, gkeMode: GKE_METADATA } } };
            if (identities.has("unknown")) {
                const path = `Cluster "${candidates[0].name}" ${WORKLOAD_POOL_PATH}`;
                const issue = { kind: "unknown" as const, field: "instanceMetadata" as const, path };
                return { ...sw, workload: { ...w, issues: [...w.issues, issue] } };
            }
            return sw;
        });
    }
}

export function gcpStackLinks(): StackLinks {
    return new GcpLinks();
}
