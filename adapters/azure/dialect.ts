// The Azure dialect: an AKS agent pool is sandboxed by its `workloadRuntime`. A Container Instances container has a
// securityContext with runAsUser but no runAsNonRoot flag, and names no RuntimeDefault seccomp profile (only a whole
// profile of one's own), so neither can be asked for or written.
import { Dialect } from "../../model/dialect";
import { Workload } from "../../model/workload";
import { podSpecDialect, runtimeClassSandbox, SandboxHint } from "../shared/dialect";

/** Where an AKS pool turns pod sandboxing on, and how, for messages when it is off. */
export function azureSandboxSetting(w: Workload): SandboxHint | undefined {
    if (w.kind !== "AgentPool") return undefined;
    return {
        field: w.runtime?.path ?? (w.specPath ? `${w.specPath}.workloadRuntime` : "workloadRuntime"),
        fix: "set workloadRuntime to KataVmIsolation (AKS pod sandboxing) and give the tenants' pods runtimeClassName kata-vm-isolation, or give each tenant its own node pool",
    };
}

export const azureDialect: Dialect = {
    ...podSpecDialect("azure", "azure"),
    user: "run-as-user",
    // Azure tag names are case-insensitive (https://learn.microsoft.com/azure/azure-resource-manager/management/tag-resources#limitations):
    // `Tenant` on a VM is the `tenant` marker. AKS node labels are Kubernetes labels, read alike: a marker found in
    // another case marks more, never less.
    markerKeys: "ignore-case",
    requiresSeccompProfile: false,
    seccompProfileWritable: false,
    sandbox(w, examples) {
        const pool = azureSandboxSetting(w);
        return pool ? { must: "be a sandbox node pool", ...pool } : runtimeClassSandbox(w, examples);
    },
};
