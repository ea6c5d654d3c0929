// Tenancy: whether a workload runs other tenants' code, and which tenant it belongs to. Read from, most specific
// first: the workload's own labels and annotations, its pod (or VM) template's, its Namespace's labels (when that
// Namespace is in the same stack), then the Pulumi stack tags. Pure: the namespace labels and stack tags arrive as
// check options, so the pack and the scan CLI decide alike.
import { FieldIssue, Workload } from "../model/workload";
import type { CheckOptions, TenancySelector } from "./types";
import { clean } from "./format";
import { isHostKernelRuntime } from "./sandboxes";
import { dialectOf } from "./dialect";

export const DEFAULT_MULTI_TENANT_SELECTOR: TenancySelector = { keys: ["tenancy"], values: ["multi-tenant"] };
export const DEFAULT_TENANT_KEYS: string[] = ["tenant"];
// The sandbox defaults are a sourced data table (engine/sandboxes.ts); re-exported for the policies that use them.
export { DEFAULT_SANDBOX_HANDLERS, DEFAULT_SANDBOX_RUNTIME_CLASSES, DEFAULT_SANDBOX_RUNTIMES } from "./sandboxes";

export type TenancyContext = Pick<CheckOptions, "multiTenantSelector" | "tenantKeys" | "stackTags" | "namespaceLabels">;

export interface Tenancy {
    multiTenant: boolean;
    /** Where the multi-tenant marking was found, for messages, e.g. `Namespace "t1" label tenancy=multi-tenant`. */
    via?: string;
    /** Tenant identifiers from the most specific source that names any; more than one means a shared workload. */
    tenants: string[];
}

interface Source {
    what: string;
    values: Readonly<Record<string, string>>;
}

/** Sources grouped by level, most specific first; tenants are taken from the first level that has any. */
function levels(w: Workload, o: TenancyContext): Source[][] {
    const own: Source[] = [
        { what: "label", values: w.labels },
        { what: "annotation", values: w.annotations },
    ];
    const template = dialectOf(w).templateLabels(w);
    if (w.podLabels !== w.labels) own.push({ what: `${template} label`, values: w.podLabels });
    if (w.podAnnotations !== w.annotations) own.push({ what: `${template} annotation`, values: w.podAnnotations });
    const out: Source[][] = [own];
    if (livesInNamespace(w)) {
        const ns = w.namespace ?? "default";
        const nsLabels = o.namespaceLabels.get(ns);
        if (nsLabels) out.push([{ what: `Namespace "${clean(ns)}" label`, values: nsLabels }]);
    }
    out.push([{ what: "stack tag", values: o.stackTags }]);
    return out;
}

/** Only Kubernetes objects live in Namespaces; a cloud resource has no namespace to inherit tenancy from. */
export function livesInNamespace(w: Workload): boolean {
    return dialectOf(w).namespaced;
}

function ownValue(map: Readonly<Record<string, string>>, key: string): string | undefined {
    return Object.prototype.hasOwnProperty.call(map, key) ? map[key] : undefined;
}

// Several checks ask about the same workload under the same options (appliesTo, run, stack checks): read it once.
const memo = new WeakMap<Workload, WeakMap<TenancyContext, Tenancy>>();

export function tenancyOf(w: Workload, o: TenancyContext): Tenancy {
    let byOptions = memo.get(w);
    if (!byOptions) memo.set(w, (byOptions = new WeakMap()));
    let t = byOptions.get(o);
    if (!t) byOptions.set(o, (t = readTenancy(w, o)));
    return t;
}

function readTenancy(w: Workload, o: TenancyContext): Tenancy {
    const wanted = new Set(o.multiTenantSelector.values.map((v) => v.trim().toLowerCase()));
    let via: string | undefined;
    let tenants: string[] = [];
    for (const level of levels(w, o)) {
        const found = new Set<string>();
        for (const s of level) {
            for (const key of o.multiTenantSelector.keys) {
                const v = ownValue(s.values, key);
                if (via === undefined && v !== undefined && wanted.has(v.trim().toLowerCase()))
                    via = `${s.what} ${clean(key)}=${clean(v)}`;
            }
            for (const key of o.tenantKeys) {
                // An annotation may list several tenants ("a, b"); label values cannot hold commas.
                for (const t of (ownValue(s.values, key) ?? "").split(",")) if (t.trim()) found.add(t.trim());
            }
        }
        if (!tenants.length && found.size) tenants = [...found].sort();
    }
    return { multiTenant: via !== undefined, via, tenants };
}

/**
 * True when the workload runs in a VM, names a sandbox runtime (RuntimeClass or Docker runtime), or is confined to
 * one tenant's hosts by a placement constraint on a tenant attribute (ECS memberOf `attribute:tenant == a`).
 */
export function isSandboxed(
    w: Workload,
    o: Pick<CheckOptions, "sandboxRuntimeClasses" | "sandboxRuntimes" | "tenantKeys">,
): boolean {
    if (w.isolation === "vm") return true;
    if (w.hostAttributes?.some((a) => o.tenantKeys.includes(a.name))) return true;
    if (!w.runtime) return false;
    const name = w.runtime.value.trim();
    // Exact names only; a runtime that shares the host kernel never counts, whatever config lists.
    if (isHostKernelRuntime(name)) return false;
    return o[dialectOf(w).sandboxNames].includes(name);
}

/** Where a tenancy marker lives in a read path: a label, annotation or tag map (or list), and what follows it. */
const MARKER_HOLDER = /(?:^|\.)(?:labels|annotations|tags|resourceLabels|tagSpecifications)(.*)/;
/** A whole metadata object (a resource's or a template's): every label and annotation in it. */
const WHOLE_METADATA = /(?:^|\.)metadata$/;

/**
 * The first value unknown at preview that may turn out to mark the workload multi-tenant: a whole unknown template or
 * metadata, label/annotation/tag map or list, or the value of one of the selector's keys. Other unknown labels (a
 * `team` label, the name) cannot change its tenancy.
 */
export function unknownTenancyMarker(
    w: Pick<Workload, "issues">,
    o: Pick<TenancyContext, "multiTenantSelector">,
): FieldIssue | undefined {
    for (const i of w.issues) {
        if (i.kind !== "unknown") continue;
        if (i.field === "all") return i;
        if (i.field !== "labels") continue;
        if (WHOLE_METADATA.test(i.path)) return i;
        const held = MARKER_HOLDER.exec(i.path);
        if (!held) continue;
        const rest = held[1];
        // The whole map, or an entry of a list (Docker labels, EC2 tag specifications) whose key is not in the path.
        if (rest === "" || rest.startsWith("[")) return i;
        if (o.multiTenantSelector.keys.includes(rest.slice(1))) return i;
    }
    return undefined;
}

/**
 * The workload as it would be if an unknown marker turned out to mark it multi-tenant: any source that matches the
 * selector marks it, so its own label is as good as any. (A selector without keys or values marks nothing, and
 * neither does this.)
 */
export function markedMultiTenant(w: Workload, o: Pick<TenancyContext, "multiTenantSelector">): Workload {
    return { ...w, labels: { ...w.labels, [o.multiTenantSelector.keys[0]]: o.multiTenantSelector.values[0] } };
}
