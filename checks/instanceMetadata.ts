// `instanceMetadata`: a machine that runs containers must not hand them its cloud credentials. Every process on a
// cloud VM can ask the instance metadata service for the credentials of the VM's role (AWS IMDS, GCE metadata
// server); a container that reaches it acts as the node — on EKS and ECS that role can pull every image, read every
// node-scoped secret and describe the cluster, which turns one compromised container into a compromise of the node's
// other tenants. On AWS, IMDSv2 (`httpTokens: required`) with a PUT response hop limit of 1 keeps the token from
// crossing the extra network hop into a container's namespace; IMDSv1 (`optional`, AWS's default when unset) answers
// a plain GET from anywhere. On GKE, `GKE_METADATA` (Workload Identity) hides the node's credentials from pods.
// Judged only for container hosts: an EKS/ECS node by its tags or user data, or one an EKS node group or ECS capacity
// provider in the same stack uses (linked in AnalyzeStack); every GKE node pool.
import { Check, Finding } from "../engine/types";
import { dialectOf } from "../engine/dialect";
import { Workload } from "../model/workload";

/** The GKE metadata server: the dialect's, or a pool whose GKE mode is set wherever it was read. */
function gkeMetadata(w: Workload): boolean {
    return dialectOf(w).metadataService === "gke-metadata-server" || w.hostMetadata?.gkeMode !== undefined;
}

export const instanceMetadata: Check = {
    id: "instanceMetadata",
    description:
        "Machines that host containers must not expose cloud credentials to them: AWS IMDSv2 (httpTokens required) with hop limit 1, GKE_METADATA on GKE.",
    reads: ["instanceMetadata"],
    appliesTo: (w, _o, ctx) =>
        w.hostMetadata !== undefined && (gkeMetadata(w) || w.containerHost === true || ctx.stackContainerHosts.has(w)),
    run(w, o) {
        const m = w.hostMetadata;
        if (!m) return [];
        const out: Finding[] = [];
        if (gkeMetadata(w)) {
            if (m.gkeMode?.trim() === "GKE_METADATA") return out;
            out.push({
                check: "instanceMetadata",
                problem:
                    "hosts containers and exposes the node's metadata server (its service account credentials) to them",
                field: `${m.path}.mode`,
                value: m.gkeMode,
                fix: 'set workloadMetadataConfig.mode to "GKE_METADATA" (Workload Identity)',
            });
            return out;
        }
        // No metadata service at all: nothing to hand over.
        if (m.httpEndpoint?.trim().toLowerCase() === "disabled") return out;
        if (m.httpTokens?.trim().toLowerCase() !== "required") {
            out.push({
                check: "instanceMetadata",
                problem:
                    m.httpTokens === undefined
                        ? "hosts containers and leaves IMDSv1 on (AWS's default), which hands the instance role's credentials to any container"
                        : "hosts containers and allows IMDSv1, which hands the instance role's credentials to any container",
                field: `${m.path}.httpTokens`,
                value: m.httpTokens,
                fix: `set ${m.path}.httpTokens to "required" (IMDSv2) and ${m.path}.httpPutResponseHopLimit to ${o.imdsHopLimit}`,
            });
        }
        // Unset is AWS's default of 1.
        const hops = m.httpPutResponseHopLimit;
        if (hops !== undefined && hops > o.imdsHopLimit) {
            out.push({
                check: "instanceMetadata",
                problem: `hosts containers and lets the IMDSv2 token travel ${hops} network hops, into containers`,
                field: `${m.path}.httpPutResponseHopLimit`,
                value: hops,
                fix: `set ${m.path}.httpPutResponseHopLimit to ${o.imdsHopLimit}; give pods and tasks their own role (EKS Pod Identity, IRSA, ECS task roles)`,
            });
        }
        return out;
    },
};
