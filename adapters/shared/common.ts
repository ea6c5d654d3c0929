// Pieces every adapter shares: a blank workload, Kubernetes object metadata, and `…List` expansion.
import { Workload } from "../../model/workload";
import { JsonObject, Reader, isPlainObject } from "../../model/read";

/** The fields that identify a workload; everything else starts empty and is filled by the adapter. */
export type WorkloadHeader = Pick<
    Workload,
    "platform" | "isolation" | "type" | "kind" | "name" | "isPatch" | "specPath"
> &
    Partial<Pick<Workload, "namespace" | "labels" | "annotations" | "podLabels" | "podAnnotations">>;

export function newWorkload(h: WorkloadHeader, r: Reader): Workload {
    const labels = h.labels ?? Object.create(null);
    const annotations = h.annotations ?? Object.create(null);
    // Fields listed one by one (no object spread): this runs once per resource on the hot path.
    return {
        platform: h.platform,
        isolation: h.isolation,
        type: h.type,
        kind: h.kind,
        name: h.name,
        namespace: h.namespace,
        isPatch: h.isPatch,
        labels,
        annotations,
        podLabels: h.podLabels ?? labels,
        podAnnotations: h.podAnnotations ?? annotations,
        specPath: h.specPath,
        hostNamespaces: [],
        pod: { path: h.specPath ? `${h.specPath}.securityContext` : "" },
        sysctls: [],
        containers: [],
        volumes: [],
        issues: r.issues,
    };
}

export function join(prefix: string, seg: string): string {
    return prefix ? `${prefix}.${seg}` : seg;
}

export interface ObjectMeta {
    name?: string;
    namespace?: string;
    labels: Record<string, string>;
    annotations: Record<string, string>;
}

/** `metadata` of a Kubernetes object whose fields start at `prefix` (e.g. "" or "items[3].") */
export function readObjectMeta(r: Reader, props: JsonObject, prefix: string): ObjectMeta {
    const metadata = r.obj(props, "metadata", { path: `${prefix}metadata`, field: "labels" });
    return {
        name: r.str(metadata, "name", { path: `${prefix}metadata.name`, field: "labels" }),
        namespace: r.str(metadata, "namespace", { path: `${prefix}metadata.namespace`, field: "labels" }),
        labels: r.strMap(metadata, "labels", { path: `${prefix}metadata.labels`, field: "labels" }),
        annotations: r.strMap(metadata, "annotations", { path: `${prefix}metadata.annotations`, field: "labels" }),
    };
}

/**
 * A `…List` resource maps to one workload per item (named `<resource>[i]`, `i` its index in `items`, paths prefixed
 * `items[i].`); anything else to one. An unreadable `items`, or an item unknown at preview or malformed, still yields
 * a workload carrying the issue, so it is reported rather than lost.
 */
export function perItem(
    isList: boolean,
    resourceName: string,
    props: JsonObject,
    one: (name: string, props: JsonObject, prefix: string) => Workload,
): Workload[] {
    if (!isList) return [one(resourceName, props, "")];
    const reader = new Reader();
    const items = reader.indexed(props, "items", { path: "items", field: "all" }) ?? [];
    const byIndex: Array<[number, Workload]> = items.map(([i, item]) => {
        const w = one(`${resourceName}[${i}]`, isPlainObject(item) ? item : {}, `items[${i}].`);
        // A string or number where a resource belongs: no pod to read, and no proof of one that is safe.
        if (!isPlainObject(item) && item !== null)
            w.issues.push({ kind: "malformed", field: "all", path: `items[${i}]`, value: item });
        return [i, w];
    });
    // An item unknown at preview is a pod the pack cannot see yet: a blank workload in its place carries the issue,
    // so it is deferred (or, fail-closed, reported) instead of the list passing on its known items. Items unreadable
    // as a whole: one blank workload named by the resource.
    for (const issue of reader.issues) {
        const at = /^items\[(\d+)\]$/.exec(issue.path);
        const w = at ? one(`${resourceName}[${at[1]}]`, {}, `items[${at[1]}].`) : one(resourceName, {}, "");
        w.issues.push(issue);
        byIndex.push([at ? Number(at[1]) : -1, w]);
    }
    return byIndex.sort((a, b) => a[0] - b[0]).map(([, w]) => w);
}

/**
 * The labels that mark a node pool's tenancy, from weakest to strongest: what it inherits (the cluster's), its own
 * tags or resource labels, then its node labels, which win because they are what pods select nodes by.
 */
export function nodePoolLabels(
    inherited: Record<string, string>,
    poolTags: Record<string, string>,
    nodeLabels: Record<string, string>,
): Record<string, string> {
    return Object.assign(Object.create(null), inherited, poolTags, nodeLabels);
}

/** The sources a Kubernetes-shaped volume sets (`hostPath`, `emptyDir`, `azureFile`, …): every key but its name. */
export function volumeSources(v: JsonObject): string[] {
    return Object.keys(v).filter((k) => k !== "name" && v[k] !== null && v[k] !== undefined);
}
