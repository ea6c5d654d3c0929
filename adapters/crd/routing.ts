// Routing: which `kubernetes:` type tokens are custom resources this adapter reads. The router asks for every
// Kubernetes resource of a stack, so the answer comes from the token alone, with a few string operations and no
// allocation for the common case (a core group without a dot: `core`, `apps`, `batch`).

/**
 * Kubernetes' own API groups: never custom resources. Every group without a dot is Kubernetes' own (`core`, `apps`,
 * `batch`, `extensions`, `policy`, `autoscaling`); so are these. Other `*.k8s.io` groups are CRDs (sparkoperator.k8s.io,
 * snapshot.storage.k8s.io, gateway.networking.k8s.io).
 */
const CORE_GROUPS: ReadonlySet<string> = new Set([
    "admissionregistration.k8s.io",
    "apiextensions.k8s.io",
    "apiregistration.k8s.io",
    "apiserverinternal.k8s.io",
    "authentication.k8s.io",
    "authorization.k8s.io",
    "certificates.k8s.io",
    "coordination.k8s.io",
    "discovery.k8s.io",
    "events.k8s.io",
    "flowcontrol.apiserver.k8s.io",
    "internal.apiserver.k8s.io",
    "networking.k8s.io",
    "node.k8s.io",
    "rbac.authorization.k8s.io",
    "resource.k8s.io",
    "scheduling.k8s.io",
    "storage.k8s.io",
    "storagemigration.k8s.io",
    // Not API groups but the Kubernetes provider's own component tokens (`kubernetes:helm.sh/v4:Chart`).
    "helm.sh",
]);

/** Groups another adapter owns (adapters/kubevirt/). */
const OTHER_ADAPTER_GROUPS: ReadonlySet<string> = new Set(["kubevirt.io", "pool.kubevirt.io"]);

/**
 * Whether a type token is a custom resource this adapter reads: `kubernetes:<group>/<version>:<Kind>` with a group that
 * is not Kubernetes' own. Looks only at the token, so routing costs a few string operations per resource.
 */
export function isCustomResourceType(type: string): boolean {
    if (!type.startsWith("kubernetes:")) return false;
    const slash = type.indexOf("/", 11);
    const dot = type.indexOf(".", 11);
    // No dot in the group (`core`, `apps`, `batch` …): decided without building a string.
    if (slash < 0 || dot < 0 || dot > slash) return false;
    const group = type.slice(11, slash);
    return !CORE_GROUPS.has(group) && !OTHER_ADAPTER_GROUPS.has(group);
}
