// Why a policy of its own: the instance metadata service is a host resource reachable over the network rather than
// through a mount or a namespace, and what leaks is not the host's kernel but its cloud identity. A container that
// reads the node's credentials escapes its isolation all the same — it acts with the node's role, against the node's
// other tenants and the cluster. Teams roll this out separately from the container checks (it changes nodes, not
// workloads), so it has its own enforcement level and its own knob.
import { PolicyDefinition } from "../engine/types";
import { DEFAULT_CHECK_OPTIONS } from "../engine/defaults";
import { instanceMetadata } from "../checks/instanceMetadata";

export const noHostCredentials: PolicyDefinition = {
    name: "no-host-credentials",
    displayName: "No host credentials (instance metadata)",
    description: "Machines that host containers must not hand their cloud credentials to the containers.",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps:
        "On EC2 instances and launch templates that run containers (EKS nodes, ECS container instances) set " +
        'metadataOptions.httpTokens to "required" and metadataOptions.httpPutResponseHopLimit to 1, and give ' +
        "workloads their own roles (EKS Pod Identity or IRSA, ECS task roles). On GKE node pools set " +
        'nodeConfig.workloadMetadataConfig.mode to "GKE_METADATA" (Workload Identity).',
    checks: [instanceMetadata],
    defaultChecks: ["instanceMetadata"],
    config: {
        imdsHopLimit: {
            type: "integer",
            minimum: 1,
            maximum: 64,
            default: DEFAULT_CHECK_OPTIONS.imdsHopLimit,
            description:
                "Highest IMDSv2 httpPutResponseHopLimit a container host may set (instanceMetadata). 1 keeps the token on the host; 2 lets it reach containers.",
        },
    },
    options: (c) =>
        typeof c.imdsHopLimit === "number" && Number.isInteger(c.imdsHopLimit) ? { imdsHopLimit: c.imdsHopLimit } : {},
};
