// Resources of a whole stack → the stack model (model/stack.ts), in one pass: workloads through the per-resource
// adapters (and their cache), plus what each platform's resources say about others (each adapter's stack links:
// Namespaces and RuntimeClasses, Docker daemons and volumes, EKS Fargate profiles and node groups).
import { NamespaceInfo, StackModel, StackResource } from "../model/stack";
import { PlatformAdapter, StackLinks } from "./adapter";
import { ADAPTERS, adapterFor } from "./registry";
import { workloadsOf } from "./index";
import { providerNamespaceOf } from "./shared/namespace";

export function stackModelOf(resources: readonly StackResource[]): StackModel {
    const model: StackModel = { workloads: [], runtimeClasses: [], namespaces: [] };
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
        for (const workload of workloadsOf(res.type, res.name, res.props)) {
            // `namespace: ns.metadata.name` of a Namespace not created yet is unknown at preview; the dependency says which.
            if (workload.issues.some((i) => i.kind === "unknown" && i.path.endsWith("metadata.namespace"))) {
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
        const namespaces = dependencies
            .map((urn) => namespaceByUrn.get(urn))
            .filter((ns): ns is NamespaceInfo => ns !== undefined);
        // Only an unambiguous link: a copy, since workloads are shared with the per-resource cache.
        if (namespaces.length === 1)
            model.workloads[index] = {
                ...model.workloads[index],
                workload: { ...model.workloads[index].workload, namespace: namespaces[0].name },
            };
    }
    // Registry order: the AWS links (Fargate profiles select pods by namespace) run after the namespaces are linked.
    for (const a of ADAPTERS) links.get(a)?.finish?.(model);
    return model;
}

/** Namespace name → labels; a Namespace and its …Patch twins merge (patches add labels). */
export function namespaceLabelsOf(stack: StackModel): Map<string, Readonly<Record<string, string>>> {
    const out = new Map<string, Record<string, string>>();
    for (const ns of stack.namespaces) out.set(ns.name, { ...(out.get(ns.name) ?? {}), ...ns.labels });
    return out;
}
