// What Kubernetes resources tell about others in a stack: a Namespace's labels give tenancy to the workloads in it, a
// RuntimeClass names the CRI handler that really runs the pods that ask for it.
import { JsonObject, Reader } from "../../model/read";
import { NamespaceInfo, RuntimeClassInfo, StackModel, StackResource } from "../../model/stack";
import { FieldIssue } from "../../model/workload";
import { StackLinks } from "../adapter";
import { parseKubernetesType } from "../shared/kubernetesType";

/** A Namespace (or NamespacePatch): its name and labels, which give tenancy to the workloads in it. */
export function kubernetesNamespace(
    type: string,
    resourceName: string,
    props: JsonObject,
): Omit<NamespaceInfo, "urn"> | undefined {
    const t = parseKubernetesType(type);
    if (!t || t.group !== "core" || t.kind !== "Namespace" || t.isList) return undefined;
    const r = new Reader();
    const metadata = r.obj(props, "metadata", { path: "metadata", field: "labels" });
    return {
        name: r.str(metadata, "name", { path: "metadata.name", field: "labels" }) ?? resourceName,
        labels: r.strMap(metadata, "labels", { path: "metadata.labels", field: "labels" }),
        issues: r.issues,
    };
}

/** A RuntimeClass (`node.k8s.io`, any version): its name and the CRI handler that really runs its pods. */
export function kubernetesRuntimeClass(
    type: string,
    resourceName: string,
    props: JsonObject,
): Omit<RuntimeClassInfo, "urn" | "providerUrn"> | undefined {
    const t = parseKubernetesType(type);
    if (!t || t.group !== "node.k8s.io" || t.kind !== "RuntimeClass" || t.isList) return undefined;
    const r = new Reader();
    const metadata = r.obj(props, "metadata", { path: "metadata", field: "runtime" });
    const name = r.str(metadata, "name", { path: "metadata.name", field: "runtime" }) ?? resourceName;
    // node.k8s.io/v1alpha1 nests the handler under spec.runtimeHandler.
    const handler =
        t.version === "v1alpha1"
            ? r.str(r.obj(props, "spec", { path: "spec", field: "runtime" }), "runtimeHandler", {
                  path: "spec.runtimeHandler",
                  field: "runtime",
              })
            : r.str(props, "handler", { path: "handler", field: "runtime" });
    // A patch that leaves the handler alone says nothing about it.
    if (t.isPatch && handler === undefined && !r.issues.length) return undefined;
    return { name, handler, issues: r.issues };
}

const NO_CLASSES: Readonly<Record<string, string>> = {};

/**
 * Pods confined by their nodeSelector to a node pool that runs every pod in a sandbox (declared in the policy config's
 * cluster context by the node labels pods select it with) are sandboxed like those of a sandbox RuntimeClass.
 */
export function applySandboxNodePools(
    model: StackModel,
    pools: ReadonlyArray<{ labels: Readonly<Record<string, string>> }>,
): void {
    const usable = pools.filter((p) => Object.keys(p.labels).length > 0);
    if (!usable.length) return;
    model.workloads = model.workloads.map((sw) => {
        const w = sw.workload;
        const selector = w.nodeSelector;
        if (w.platform !== "kubernetes" || w.isolation !== "container" || !selector) return sw;
        const onPool = usable.some((p) =>
            Object.keys(p.labels).every(
                (k) => Object.prototype.hasOwnProperty.call(selector, k) && selector[k] === p.labels[k],
            ),
        );
        // A copy: workloads are shared with the per-resource cache, which must keep what Analyze saw.
        return onPool ? { ...sw, workload: { ...w, isolation: "vm" } } : sw;
    });
}

/** Namespaces and RuntimeClasses describe other resources: recorded for the stack checks, never workloads themselves. */
export function kubernetesStackLinks(): StackLinks {
    return {
        consume(res: StackResource, model: StackModel): boolean {
            const ns = kubernetesNamespace(res.type, res.name, res.props);
            if (ns) {
                model.namespaces.push({ urn: res.urn, providerUrn: res.provider?.urn, ...ns });
                return true;
            }
            const rc = kubernetesRuntimeClass(res.type, res.name, res.props);
            if (rc) {
                model.runtimeClasses.push({
                    urn: res.urn,
                    providerUrn: res.provider?.urn,
                    ...rc,
                } satisfies RuntimeClassInfo);
                return true;
            }
            return false;
        },
        finish: (model) => resolveRuntimeHandlers(model),
    };
}

/**
 * A pod that names a RuntimeClass the stack declares for its cluster runs with that class's handler, whatever the
 * class is called: record the handler on (a copy of) the workload. Several classes of that name that could serve it
 * (one on its provider, one on none) with different handlers, or a handler unknown at preview, leave it unknown.
 */
export function resolveRuntimeHandlers(
    model: StackModel,
    declared: Readonly<Record<string, string>> = NO_CLASSES,
): void {
    if (!model.runtimeClasses.length && !Object.keys(declared).length) return;
    model.workloads = model.workloads.map((sw) => {
        const w = sw.workload;
        if (w.platform !== "kubernetes" || !w.runtime) return sw;
        const name = w.runtime.value;
        const candidates = model.runtimeClasses.filter(
            (rc) =>
                rc.name === name &&
                (sw.providerUrn === undefined || rc.providerUrn === undefined || rc.providerUrn === sw.providerUrn),
        );
        // A copy each time: workloads are shared with the per-resource cache, which must keep what Analyze saw.
        // None in the stack: the class the policy config's cluster context declares for the clusters, if any.
        if (!candidates.length) {
            const declaredHandler = Object.prototype.hasOwnProperty.call(declared, name) ? declared[name] : undefined;
            return declaredHandler === undefined || w.runtimeHandler !== undefined
                ? sw
                : { ...sw, workload: { ...w, runtimeHandler: declaredHandler } };
        }
        if (candidates.some((rc) => rc.issues.some((i) => i.kind === "unknown"))) {
            const issue: FieldIssue = { kind: "unknown", field: "runtime", path: `RuntimeClass "${name}" handler` };
            return { ...sw, workload: { ...w, runtimeHandlerIssue: issue } };
        }
        const handlers = new Set(candidates.map((rc) => rc.handler));
        const handler = candidates[0]?.handler;
        // No class, classes that disagree, or a handler that cannot be read: the name alone is judged.
        if (handlers.size !== 1 || handler === undefined || candidates.some((rc) => rc.issues.length)) return sw;
        return { ...sw, workload: { ...w, runtimeHandler: handler } };
    });
}
