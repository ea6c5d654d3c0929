import { CheckOptions } from "../engine/types";
import { PolicyDefinition } from "../engine/types";
import { DEFAULT_CHECK_OPTIONS } from "../engine/defaults";
import { isPlainObject } from "../model/read";
import { sandboxedRuntime } from "../checks/sandboxedRuntime";
import { sandboxRuntimeClass } from "../checks/sandboxRuntimeClass";
import { tenantSharedHost } from "../checks/tenantSharedHost";
import { tenantHostPath } from "../checks/tenantHostPath";

function stringList(v: unknown): string[] | undefined {
    return Array.isArray(v) && v.every((e) => typeof e === "string") ? v : undefined;
}

const stringArray = (description: string, defaults: string[]) => ({
    type: "array" as const,
    items: { type: "string" as const },
    default: defaults,
    description,
});

export const multiTenantIsolation: PolicyDefinition = {
    name: "multi-tenant-isolation",
    description:
        "Multi-tenant workloads must run in a sandboxed runtime (gVisor, Kata) or a VM, one kernel per tenant.",
    enforcementLevel: "mandatory",
    severity: "critical",
    remediationSteps:
        "Give multi-tenant pods a sandbox RuntimeClass (runtimeClassName: gvisor, kata-vm-isolation, kata-qemu …, whose " +
        "handler is runsc, kata-qemu …), give multi-tenant Docker containers a sandbox runtime (runtime: runsc or kata-runtime), or run each " +
        "tenant in its own KubeVirt VM. Host multi-tenant GKE pods on GKE Sandbox node pools (sandboxConfig.type: GVISOR) " +
        "and AKS pods on Kata node pools (workloadRuntime: KataVmIsolation). Never put two tenants' unsandboxed " +
        "containers on one Docker host, nor two tenants in one VM. Mount no host path into a multi-tenant workload: " +
        "use volumes, ConfigMaps, Secrets or emptyDir (only the time zone, CA certificates and os-release, read-only).",
    checks: [sandboxedRuntime, tenantHostPath],
    stackChecks: [sandboxRuntimeClass, tenantSharedHost],
    defaultChecks: ["sandboxedRuntime", "tenantHostPath", "sandboxRuntimeClass", "tenantSharedHost"],
    config: {
        multiTenantSelector: {
            type: "object",
            description:
                "A workload is multi-tenant when one of these keys, as a label or annotation of the workload, its pod or VM template or its Namespace, or as a stack tag, has one of these values (case-insensitive).",
            properties: {
                keys: { type: "array", items: { type: "string" }, description: "Label, annotation or stack tag keys." },
                values: { type: "array", items: { type: "string" }, description: "Values that mean multi-tenant." },
            },
            additionalProperties: false,
            default: DEFAULT_CHECK_OPTIONS.multiTenantSelector,
        },
        tenantKeys: stringArray(
            "Label, annotation or stack tag keys whose value names the tenant (tenantSharedHost); an annotation may list several, comma-separated.",
            DEFAULT_CHECK_OPTIONS.tenantKeys,
        ),
        sandboxRuntimeClasses: stringArray(
            "Kubernetes RuntimeClass names that run pods in a sandbox, matched exactly (sandboxedRuntime); the defaults are those GKE Sandbox, AKS Pod Sandboxing, gVisor and Kata Containers document (docs/multi-tenancy.md). runc, crun, youki, sysbox-runc never count. A GKE Sandbox node pool counts as gvisor, an AKS Kata pool as kata-vm-isolation (preview: kata-mshv-vm-isolation).",
            DEFAULT_CHECK_OPTIONS.sandboxRuntimeClasses,
        ),
        sandboxRuntimes: stringArray(
            "Docker runtime names that run containers in a sandbox, matched exactly (sandboxedRuntime, tenantSharedHost). runc, crun, youki, sysbox-runc never count.",
            DEFAULT_CHECK_OPTIONS.sandboxRuntimes,
        ),
        sandboxHandlers: stringArray(
            "RuntimeClass handlers that start a sandbox (sandboxRuntimeClass); the defaults are exact names, entries may be globs: * any characters, ? one character. runc, crun, youki, sysbox-runc never count.",
            DEFAULT_CHECK_OPTIONS.sandboxHandlers,
        ),
    },
    options: (c) => {
        const o: Partial<CheckOptions> = {};
        if (isPlainObject(c.multiTenantSelector)) {
            o.multiTenantSelector = {
                keys: stringList(c.multiTenantSelector.keys) ?? DEFAULT_CHECK_OPTIONS.multiTenantSelector.keys,
                values: stringList(c.multiTenantSelector.values) ?? DEFAULT_CHECK_OPTIONS.multiTenantSelector.values,
            };
        }
        const lists = ["tenantKeys", "sandboxRuntimeClasses", "sandboxRuntimes", "sandboxHandlers"] as const;
        for (const k of lists) {
            const v = stringList(c[k]);
            if (v) o[k] = v;
        }
        return o;
    },
};
