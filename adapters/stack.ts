// Resources of a whole stack → the stack model (model/stack.ts), in one pass: workloads through the per-resource
// adapters (and their cache), plus what each platform's resources say about others (each adapter's stack links:
// Namespaces and RuntimeClasses, Docker daemons and volumes, EKS Fargate profiles and node groups).
import { ClusterContext, namespaceKey, NamespaceInfo, StackModel, StackResource } from "../model/stack";
import { applySandboxNodePools, resolveRuntimeHandlers } from "./kubernetes/stack";
import { applyFargateSelectors } from "./aws/stack";
import { Reader } from "../model/read";
import { Workload } from "../model/workload";
import { PlatformAdapter, StackLinks } from "./adapter";
import { ADAPTERS, adapterFor } from "./registry";
import { workloadsOf } from "./index";
import { providerNamespaceOf } from "./shared/namespace";

export function stackModelOf(resources: readonly StackResource[]): StackModel {
    const model: StackModel = {
        workloads: [],
        runtimeClasses: [],
        namespaces: [],
        resources,
    };
    const unresolved: Array<{ index: number; dependencies: string[] }> = [];
    // One set of links per adapter and per pass; made only for adapters whose resources the stack has.
    const links = new Map<PlatformAdapter, StackLinks | undefined>();
    const linksOf = (a: PlatformAdapter | undefined): StackLinks | undefined => {
        if (!a) return undefined;
        if (!links.has(a)) links.set(a, a.stackLinks?.());
        return links.get(a);
    };
    for (const res of resources) {
        const adapter = adapterFor(res.type);
        const link = linksOf(adapter);
        if (link?.consume?.(res, model)) continue;
        if (!adapter) continue;
        const onCluster = kubernetesProviderOf(res);
        for (const mapped of workloadsOf(res.type, res.name, res.props)) {
            // A Kubernetes object is in its provider's cluster, and without metadata.namespace in the provider's default
            // namespace: a copy, since workloads are shared with the per-resource cache (what Analyze saw).
            const workload = onCluster ? placedOnCluster(mapped, onCluster) : mapped;
            // `namespace: ns.metadata.name` of a Namespace not created yet is unknown at preview; the dependency says which.
            if (
                workload.issues.some((i) => i.kind === "unknown" && i.path.endsWith("metadata.namespace")) ||
                (onCluster?.namespace === UNKNOWN_NAMESPACE && workload.namespace === undefined)
            ) {
                unresolved.push({ index: model.workloads.length, dependencies: res.dependencies ?? [] });
            }
            const sw = {
                urn: res.urn,
                workload,
                providerUrn: res.provider?.urn,
                providerNamespace: providerNamespaceOf(res.provider),
            };
            link?.place?.(res, sw);
            model.workloads.push(sw);
        }
    }
    const namespaceByUrn = new Map<string, NamespaceInfo>(model.namespaces.map((ns) => [ns.urn, ns]));
    for (const { index, dependencies } of unresolved) {
        const sw = model.workloads[index];
        const namespaces = dependencies
            .map((urn) => namespaceByUrn.get(urn))
            .filter((ns): ns is NamespaceInfo => ns !== undefined);
        // Only an unambiguous link: a copy, since workloads are shared with the per-resource cache.
        if (namespaces.length === 1) {
            model.workloads[index] = { ...sw, workload: { ...sw.workload, namespace: namespaces[0].name } };
            continue;
        }
        // Several, or none named: it may be in any of them (of its cluster), never silently in `default`.
        const candidates = namespaces.length
            ? namespaces
            : model.namespaces.filter((ns) => sameCluster(ns.providerUrn, sw.workload.cluster));
        if (candidates.length) model.workloads[index] = { ...sw, namespaceCandidates: candidates };
    }
    // Registry order: the AWS links (Fargate profiles select pods by namespace) run after the namespaces are linked.
    for (const a of ADAPTERS) links.get(a)?.finish?.(model);
    return model;
}

/** Two provider URNs name the same cluster, or one is unknown (a scan of manifests has none): then it may be. */
export function sameCluster(a: string | undefined, b: string | undefined): boolean {
    return a === undefined || b === undefined || a === b;
}

/**
 * (cluster, Namespace name) → labels (model/stack.ts namespaceKey); a Namespace and its …Patch twins merge (patches
 * add labels). Same-named Namespaces of two clusters stay apart. A Namespace declared without a provider may be any
 * cluster's and a workload without one may be in any cluster: their keys merge every same-named Namespace they may be.
 */
export function namespaceLabelsOf(stack: StackModel): Map<string, Readonly<Record<string, string>>> {
    const out = new Map<string, Record<string, string>>();
    const add = (key: string, labels: Record<string, string>) => out.set(key, { ...(out.get(key) ?? {}), ...labels });
    for (const ns of stack.namespaces) {
        add(namespaceKey(ns.providerUrn, ns.name), ns.labels);
        if (ns.providerUrn !== undefined) add(namespaceKey(undefined, ns.name), ns.labels);
    }
    const clusters = new Set<string>();
    for (const sw of stack.workloads) if (sw.workload.cluster !== undefined) clusters.add(sw.workload.cluster);
    for (const ns of stack.namespaces) if (ns.providerUrn !== undefined) clusters.add(ns.providerUrn);
    for (const ns of stack.namespaces) {
        if (ns.providerUrn !== undefined) continue;
        for (const cluster of clusters) add(namespaceKey(cluster, ns.name), ns.labels);
    }
    return out;
}

/** The Kubernetes provider a resource is created with: its cluster, and its default namespace (`namespace` input). */
interface ClusterPlacement {
    cluster: string;
    /** Unset: the cluster's (`default`); UNKNOWN_NAMESPACE when unknown at preview. */
    namespace?: string;
}

const KUBERNETES_PROVIDER = "pulumi:providers:kubernetes";
/** A provider `namespace` unknown at preview: the workloads it places without a namespace of their own are unresolved. */
const UNKNOWN_NAMESPACE = "\u0000unknown";

function kubernetesProviderOf(res: StackResource): ClusterPlacement | undefined {
    if (res.provider?.type !== KUBERNETES_PROVIDER) return undefined;
    const r = new Reader();
    const namespace = r.str(res.provider.props, "namespace", { path: "namespace", field: "labels" });
    if (r.issues.some((i) => i.kind === "unknown")) return { cluster: res.provider.urn, namespace: UNKNOWN_NAMESPACE };
    // The provider ignores an empty namespace (and one it cannot read): the cluster's default applies.
    const trimmed = r.issues.length ? undefined : namespace?.trim();
    return { cluster: res.provider.urn, namespace: trimmed ? trimmed : undefined };
}

function placedOnCluster(w: Workload, at: ClusterPlacement): Workload {
    const inherits = w.namespace === undefined && at.namespace !== undefined && at.namespace !== UNKNOWN_NAMESPACE;
    // An unknown metadata.namespace is not absent: the provider's default does not apply to it.
    const ownUnknown = w.issues.some((i) => i.kind === "unknown" && i.path.endsWith("metadata.namespace"));
    return { ...w, cluster: at.cluster, namespace: inherits && !ownUnknown ? at.namespace : w.namespace };
}

/**
 * The stack model with what the policy config's cluster context declares about the clusters (defined in another
 * stack) applied through the same links as the stack's own resources: RuntimeClass handlers, Fargate selectors,
 * sandbox node pools. A copy; the model itself is shared by every policy's stack pass.
 */
export function withClusterContext(model: StackModel, context: ClusterContext): StackModel {
    const empty =
        !Object.keys(context.runtimeClasses).length &&
        !context.fargateSelectors.length &&
        !context.sandboxNodePools.length;
    if (empty) return model;
    const out: StackModel = { ...model, workloads: [...model.workloads] };
    resolveRuntimeHandlers(out, context.runtimeClasses);
    applyFargateSelectors(out, context.fargateSelectors);
    applySandboxNodePools(out, context.sandboxNodePools);
    return out;
}
