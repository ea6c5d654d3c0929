// The Google Cloud dialect: a GKE node pool is sandboxed by a setting of its own (GKE Sandbox), and its machines
// expose the GKE metadata server. Cloud Run's containers are pod-shaped but no kubelet of the stack runs them, and
// their securityContext takes no seccompProfile to write.
import { Dialect } from "../../model/dialect";
import { Workload } from "../../model/workload";
import { podSpecDialect, runtimeClassSandbox, SandboxHint } from "../shared/dialect";

/** Where a GKE pool turns GKE Sandbox on, and how, for messages when it is off. */
export function gcpSandboxSetting(w: Workload): SandboxHint | undefined {
    if (w.kind !== "NodePool") return undefined;
    return {
        field: w.runtime?.path ?? `${w.specPath}.sandboxConfig.type`,
        fix: "set nodeConfig.sandboxConfig.type to GVISOR (GKE Sandbox), or give each tenant its own node pool",
    };
}

export const gcpDialect: Dialect = {
    ...podSpecDialect("gcp", "gcp"),
    metadataService: "gke-metadata-server",
    seccompProfileWritable: false,
    sandbox(w, examples) {
        const pool = gcpSandboxSetting(w);
        return pool ? { must: "be a sandbox node pool", ...pool } : runtimeClassSandbox(w, examples);
    },
};
