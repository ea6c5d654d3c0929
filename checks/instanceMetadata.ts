// `instanceMetadata`: a machine that runs containers must not hand them its cloud credentials. Every process on a
// cloud VM can ask the instance metadata service for the credentials of the VM's role (AWS IMDS, GCE metadata
// server); a container that reaches it acts as the node — on EKS and ECS that role can pull every image, read every
// node-scoped secret and describe the cluster, which turns one compromised container into a compromise of the node's
// other tenants. On AWS, IMDSv2 (`httpTokens: required`) with a PUT response hop limit of 1 keeps the token from
// crossing the extra network hop into a container's namespace; IMDSv1 (`optional`) answers a plain GET from anywhere.
// Unset options are the AMI's registered defaults (AL2023, EKS and Bottlerocket AMIs: tokens required, hop limit 2),
// not a value the stack controls, so a container host must write both. On GKE, `GKE_METADATA` (Workload Identity) hides the node's credentials from pods.
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
        // A machine that can write no settings of its own (an EKS node group without a launch template) is judged
        // on what the platform's default does, as the adapter found it documented.
        if (m.platformDefault) {
            out.push({
                check: "instanceMetadata",
                problem: `hosts containers with the platform's metadata settings: ${m.platformDefault.behaviour}`,
                field: m.platformDefault.field,
                fix: `give it a launch template whose metadataOptions set httpTokens to "required" (IMDSv2) and httpPutResponseHopLimit to ${o.imdsHopLimit}`,
            });
            return out;
        }
        // No metadata service at all: nothing to hand over.
        if (m.httpEndpoint?.trim().toLowerCase() === "disabled") return out;
        const hopFix = `${m.path}.httpPutResponseHopLimit to ${o.imdsHopLimit}`;
        // Settings one input writes together (decidedBy) are reported at that input, with its own fix.
        const at = (name: string, value: string | number | undefined) =>
            m.decidedBy
                ? { field: m.decidedBy.field, value: m.decidedBy.value }
                : { field: `${m.path}.${name}`, value };
        if (m.httpTokens?.trim().toLowerCase() !== "required") {
            // Unset is not a known value: the AMI decides, so the message says what is known, not a guess.
            const unset = m.unsetMeans?.httpTokens;
            out.push({
                check: "instanceMetadata",
                problem:
                    m.httpTokens === undefined
                        ? `hosts containers and leaves httpTokens unset${unset ? `, so ${unset}` : ""}; IMDSv1 hands the instance role's credentials to any container`
                        : "hosts containers and allows IMDSv1, which hands the instance role's credentials to any container",
                ...at("httpTokens", m.httpTokens),
                fix: m.decidedBy?.fix ?? `set ${m.path}.httpTokens to "required" (IMDSv2) and ${hopFix}`,
            });
        }
        const hops = m.httpPutResponseHopLimit;
        // Without IMDSv2 required, the finding above already asks for the hop limit.
        if (hops === undefined && out.length === 0) {
            // An unset hop limit is the AMI's: a container host must write the limit it relies on.
            const unset = m.unsetMeans?.httpPutResponseHopLimit;
            out.push({
                check: "instanceMetadata",
                problem: `hosts containers and leaves the IMDSv2 hop limit unset${unset ? `, so ${unset}` : ""}`,
                field: `${m.path}.httpPutResponseHopLimit`,
                fix: `set ${hopFix}; give pods and tasks their own role (EKS Pod Identity, IRSA, ECS task roles)`,
            });
        } else if (hops !== undefined && hops > o.imdsHopLimit) {
            out.push({
                check: "instanceMetadata",
                problem: `hosts containers and lets the IMDSv2 token travel ${hops} network hops, into containers`,
                ...at("httpPutResponseHopLimit", hops),
                fix:
                    m.decidedBy?.fix ??
                    `set ${hopFix}; give pods and tasks their own role (EKS Pod Identity, IRSA, ECS task roles)`,
            });
        }
        return out;
    },
};
