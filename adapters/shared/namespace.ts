// The namespace a Kubernetes provider puts an object in when the object sets none, and so the namespace a workload of
// the Kubernetes API (kubernetes, crd and kubevirt adapters; hence shared/) is created in. The provider's `namespace`
// input (pulumi-kubernetes provider config; `kubernetes:namespace` in stack config for the default provider) wins;
// without one the provider leaves metadata.namespace empty and the API server puts the object in `default` — or in
// the namespace of the kubeconfig context, which the pack cannot see (docs/rollout.md, "Exemptions").
import { NAMESPACED_WORKLOAD_KINDS } from "../../data/namespacedKinds";
import { isUnknown } from "../../model/read";
import { Workload } from "../../model/workload";
import { parseKubernetesType } from "./kubernetesType";

export const KUBERNETES_PROVIDER = "pulumi:providers:kubernetes";

/**
 * The provider's namespace: a string when it sets one; null when it sets one the pack cannot read (unknown at
 * preview, not a string); undefined when it sets none or is not a Kubernetes provider.
 */
export function providerNamespaceOf(
    provider: { type: string; props: Readonly<Record<string, unknown>> } | undefined,
): string | null | undefined {
    if (provider?.type !== KUBERNETES_PROVIDER) return undefined;
    const v = provider.props.namespace;
    if (v === undefined || v === null || v === "") return undefined;
    return typeof v === "string" && !isUnknown(v) ? v : null;
}

/**
 * The namespace a Kubernetes workload is created in, as far as the pack can tell: its own metadata.namespace; for a
 * namespaced kind (data/namespacedKinds.ts) that sets none, the provider's namespace, else `default`. Undefined when
 * it cannot be told: metadata.namespace unknown at preview or malformed, the provider's namespace unreadable, a
 * cluster-scoped kind, a kind whose scope the pack does not know, anything not Kubernetes.
 */
export function workloadNamespaceOf(w: Workload, providerNamespace: string | null | undefined): string | undefined {
    if (w.namespace !== undefined) return w.namespace;
    if (w.issues.some((i) => i.path.endsWith("metadata.namespace"))) return undefined;
    const t = parseKubernetesType(w.type);
    if (!t || !NAMESPACED_WORKLOAD_KINDS.some((row) => row.group === t.group && row.kinds.includes(t.kind)))
        return undefined;
    if (providerNamespace === null) return undefined;
    return providerNamespace ?? "default";
}
