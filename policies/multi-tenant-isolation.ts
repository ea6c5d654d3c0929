import { CheckOptions } from "../engine/types";
import { PolicyDefinition } from "../engine/types";
import { DEFAULT_CHECK_OPTIONS } from "../engine/defaults";
import { isPlainObject } from "../model/read";
import type { ClusterContext } from "../model/stack";
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

const stringMap = (description: string) => ({
    type: "object" as const,
    additionalProperties: { type: "string" as const },
    description,
});

/**
 * The clusters application stacks deploy into, when a platform team's stack defines them: what the stack pass would
 * learn from their RuntimeClasses, EKS Fargate profiles and sandbox node pools if they were in the stack. Every object
 * is closed (additionalProperties: false), so a misspelt property is refused when the config is validated.
 */
const CLUSTER_CONTEXT_SCHEMA = {
    type: "object" as const,
    additionalProperties: false,
    default: {},
    description:
        "The clusters this policy's stacks deploy into, when another stack defines them (docs/multi-tenancy.md): runtimeClasses (RuntimeClass name → handler; the handler decides, as for a RuntimeClass declared in the stack), fargateSelectors (EKS Fargate profile selectors: namespace with * and ? wildcards, and labels), sandboxNodePools (node labels of pools that run every pod in a sandbox; a pod whose nodeSelector holds them is sandboxed).",
    properties: {
        runtimeClasses: stringMap(
            'RuntimeClass name → CRI handler as installed on the clusters, e.g. {"secure": "runsc"}.',
        ),
        fargateSelectors: {
            type: "array" as const,
            description: "EKS Fargate profile selectors of the clusters: the pods they select run each in a microVM.",
            items: {
                type: "object" as const,
                additionalProperties: false,
                required: ["namespace"],
                properties: {
                    namespace: { type: "string" as const, minLength: 1, description: "Namespace; * and ? wildcards." },
                    labels: stringMap("Pod labels the selector requires (values may use * and ?)."),
                },
            },
        },
        sandboxNodePools: {
            type: "array" as const,
            description:
                "Node pools that run every pod in a sandbox (GKE Sandbox, Kata pools), by the node labels pods select them with.",
            items: {
                type: "object" as const,
                additionalProperties: false,
                required: ["labels"],
                properties: {
                    labels: {
                        ...stringMap("Node labels a pod's nodeSelector must hold to run there."),
                        minProperties: 1,
                    },
                },
            },
        },
    },
};

function stringRecord(v: unknown): Record<string, string> | undefined {
    return isPlainObject(v) && Object.values(v).every((e) => typeof e === "string")
        ? (v as Record<string, string>)
        : undefined;
}

/**
 * The cluster context from config, as the schema shapes it (the engine validated it against CLUSTER_CONTEXT_SCHEMA);
 * undefined when absent. What does not have the schema's shape is left out, never guessed.
 */
function clusterContextOf(v: unknown): ClusterContext | undefined {
    if (!isPlainObject(v)) return undefined;
    const selectors = Array.isArray(v.fargateSelectors) ? v.fargateSelectors : [];
    const pools = Array.isArray(v.sandboxNodePools) ? v.sandboxNodePools : [];
    return {
        runtimeClasses: stringRecord(v.runtimeClasses) ?? {},
        fargateSelectors: selectors.flatMap((s) => {
            // Labels that cannot be read would widen the selector: such a selector selects nothing.
            const labels = isPlainObject(s) ? stringRecord(s.labels ?? {}) : undefined;
            return isPlainObject(s) && typeof s.namespace === "string" && labels
                ? [{ namespace: s.namespace, labels }]
                : [];
        }),
        sandboxNodePools: pools.flatMap((p) => {
            const labels = isPlainObject(p) ? stringRecord(p.labels) : undefined;
            return labels && Object.keys(labels).length ? [{ labels }] : [];
        }),
    };
}

export const multiTenantIsolation: PolicyDefinition = {
    name: "multi-tenant-isolation",
    displayName: "Multi-tenant isolation (sandbox or VM)",
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
        clusterContext: CLUSTER_CONTEXT_SCHEMA,
        sandboxHandlers: stringArray(
            "RuntimeClass handlers that start a sandbox (sandboxRuntimeClass); the defaults are exact names, entries may be globs: * any characters, ? one character. runc, crun, youki, sysbox-runc never count.",
            DEFAULT_CHECK_OPTIONS.sandboxHandlers,
        ),
    },
    options: (c) => {
        const o: Partial<CheckOptions> = {};
        const context = clusterContextOf(c.clusterContext);
        if (context) o.clusterContext = context;
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
