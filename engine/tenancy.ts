// Tenancy: whether a workload runs other tenants' code, and which tenant it belongs to. Read from, most specific
// first: the workload's own labels and annotations, its pod (or VM) template's, its Namespace's labels (when that
// Namespace is in the same stack), then the Pulumi stack tags. Pure: the namespace labels and stack tags arrive as
// check options, so the pack and the scan CLI decide alike.
import { FieldIssue, Workload } from "../model/workload";
import { namespaceKey } from "../model/stack";
import type { Check, CheckOptions, EvaluationContext } from "./types";
import { matchesGlob } from "./glob";
import { clean } from "./format";
import { isHostKernelRuntime } from "./sandboxes";
import { dialectOf } from "./dialect";

// The defaults are sourced data (data/tenancy.ts, data/sandboxes.ts); re-exported for the policies that use them.
export { DEFAULT_MULTI_TENANT_SELECTOR, DEFAULT_TENANT_KEYS } from "../data/tenancy";
export { DEFAULT_SANDBOX_HANDLERS, DEFAULT_SANDBOX_RUNTIME_CLASSES, DEFAULT_SANDBOX_RUNTIMES } from "./sandboxes";

/** The config tenancy is read with: which markers mean multi-tenant, which keys name the tenant. */
export type TenancyConfig = Pick<CheckOptions, "multiTenantSelector" | "tenantKeys">;
/** The context tenancy is read in: the stack's tags and, in AnalyzeStack, its Namespaces' labels. */
export type TenancyFacts = Pick<EvaluationContext, "stackTags" | "namespaceLabels">;
/** Config and facts in one object (what verify/ and tests build). */
export type TenancyContext = TenancyConfig & TenancyFacts;

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
    /** The platform compares these keys in any case (Azure tags): `Tenant` is the `tenant` marker. */
    ignoreCase?: boolean;
}

/** Sources grouped by level, most specific first; tenants are taken from the first level that has any. */
function levels(w: Workload, o: Partial<TenancyFacts>): Source[][] {
    const dialect = dialectOf(w);
    const ignoreCase = dialect.markerKeys === "ignore-case";
    const own: Source[] = [
        { what: "label", values: w.labels, ignoreCase },
        { what: "annotation", values: w.annotations, ignoreCase },
    ];
    const template = dialect.templateLabels(w);
    if (w.podLabels !== w.labels) own.push({ what: `${template} label`, values: w.podLabels, ignoreCase });
    if (w.podAnnotations !== w.annotations)
        own.push({ what: `${template} annotation`, values: w.podAnnotations, ignoreCase });
    const out: Source[][] = [own];
    if (livesInNamespace(w)) {
        const ns = w.namespace ?? "default";
        // Namespaces are a cluster's: only the one of the workload's cluster (provider) gives it labels.
        // (A map keyed by bare names, built by hand as tests and callers of tenancyOf do, applies to every cluster.)
        const nsLabels = o.namespaceLabels?.get(namespaceKey(w.cluster, ns)) ?? o.namespaceLabels?.get(ns);
        if (nsLabels) out.push([{ what: `Namespace "${clean(ns)}" label`, values: nsLabels }]);
    }
    out.push([{ what: "stack tag", values: o.stackTags ?? NO_STACK_TAGS }]);
    return out;
}

/** Only Kubernetes objects live in Namespaces; a cloud resource has no namespace to inherit tenancy from. */
export function livesInNamespace(w: Workload): boolean {
    return dialectOf(w).namespaced;
}

function ownValue(map: Readonly<Record<string, string>>, key: string): string | undefined {
    return Object.prototype.hasOwnProperty.call(map, key) ? map[key] : undefined;
}

/** The entries of a source under `key`: the exact key, or every key equal to it in any case when the source says so. */
function entriesOf(s: Source, key: string): Array<[string, string]> {
    if (!s.ignoreCase) {
        const v = ownValue(s.values, key);
        return v === undefined ? [] : [[key, v]];
    }
    const wanted = key.toLowerCase();
    return Object.keys(s.values)
        .filter((k) => k.toLowerCase() === wanted)
        .map((k) => [k, s.values[k]]);
}

const NO_STACK_TAGS: Readonly<Record<string, string>> = {};

// Several checks ask about the same workload under the same options and context (appliesTo, run, stack checks): read
// it once.
const memo = new WeakMap<Workload, WeakMap<TenancyConfig, WeakMap<Partial<TenancyFacts>, Tenancy>>>();

/**
 * Whether the workload is multi-tenant, where that was read, and its tenants. `facts` defaults to what `o` itself
 * carries, so one object holding config and facts (verify/, tests) reads the same; without either, no stack tags and
 * no Namespaces.
 */
export function tenancyOf(
    w: Workload,
    o: TenancyConfig & Partial<TenancyFacts>,
    facts: Partial<TenancyFacts> = o,
): Tenancy {
    let byConfig = memo.get(w);
    if (!byConfig) memo.set(w, (byConfig = new WeakMap()));
    let byFacts = byConfig.get(o);
    if (!byFacts) byConfig.set(o, (byFacts = new WeakMap()));
    let t = byFacts.get(facts);
    if (!t) byFacts.set(facts, (t = readTenancy(w, o, facts)));
    return t;
}

function readTenancy(w: Workload, o: TenancyConfig, facts: Partial<TenancyFacts>): Tenancy {
    const wanted = new Set(o.multiTenantSelector.values.map((v) => v.trim().toLowerCase()));
    let via: string | undefined;
    let tenants: string[] = [];
    for (const level of levels(w, facts)) {
        const found = new Set<string>();
        for (const s of level) {
            for (const key of o.multiTenantSelector.keys) {
                // A value may list several (`a,b`, as labels of two ECS containers join): any one that marks counts.
                for (const [k, v] of entriesOf(s, key))
                    if (via === undefined && v.split(",").some((x) => wanted.has(x.trim().toLowerCase())))
                        via = `${s.what} ${clean(k)}=${clean(v)}`;
            }
            for (const key of o.tenantKeys) {
                // An annotation may list several tenants ("a, b"); label values cannot hold commas.
                for (const [, v] of entriesOf(s, key)) for (const t of v.split(",")) if (t.trim()) found.add(t.trim());
            }
        }
        if (!tenants.length && found.size) tenants = [...found].sort();
    }
    return { multiTenant: via !== undefined, via, tenants };
}

/**
 * True when the workload runs in a VM, names a sandbox runtime (RuntimeClass or Docker runtime), or is confined to
 * its own tenant's hosts by a placement constraint on a tenant attribute (ECS memberOf `attribute:tenant == a` on a
 * workload of tenant a). `facts` are what tenancy is read in (stack tags, Namespaces), as for tenancyOf.
 */
export function isSandboxed(
    w: Workload,
    o: Pick<CheckOptions, "sandboxRuntimeClasses" | "sandboxRuntimes" | "sandboxHandlers"> &
        TenancyConfig &
        Partial<TenancyFacts>,
    facts: Partial<TenancyFacts> = o,
): boolean {
    if (w.isolation === "vm") return true;
    if (pinnedToOwnTenant(w, o, facts)) return true;
    if (!w.runtime) return false;
    const name = w.runtime.value.trim();
    // Exact names only; a runtime that shares the host kernel never counts, whatever config lists.
    if (isHostKernelRuntime(name)) return false;
    if (o[dialectOf(w).sandboxNames].includes(name)) return true;
    // A class of any name runs its pods with the handler the stack (or the cluster context) declares for it.
    return w.runtimeHandler !== undefined && isSandboxHandler(w.runtimeHandler, o);
}

/** A RuntimeClass handler that starts a sandbox: in `sandboxHandlers` (globs allowed), never one on the host kernel. */
export function isSandboxHandler(handler: string, o: Pick<CheckOptions, "sandboxHandlers">): boolean {
    const h = handler.trim();
    return !isHostKernelRuntime(h) && o.sandboxHandlers.some((g) => matchesGlob(h, g));
}

/**
 * Whether other resources of the stack decide this check's verdict on this workload (its dialect's `stackDecides`,
 * or the workload's own): then the stack pass judges it, with the stack's evidence, and the resource pass leaves it.
 */
export function decidedByStack(w: Workload, check: Pick<Check, "reads">): boolean {
    const fields = w.stackDecides ?? dialectOf(w).stackDecides;
    return fields !== undefined && check.reads.some((k) => fields.includes(k));
}

/**
 * A placement pin proves isolation only when it pins the workload to its own tenant: the workload names exactly one
 * tenant, and every pin on a tenant attribute names that tenant. A pin to another tenant's hosts, or on a workload
 * whose tenant is unknown, says nothing about who else runs there.
 */
function pinnedToOwnTenant(w: Workload, o: TenancyConfig, facts: Partial<TenancyFacts>): boolean {
    const pins = (w.hostAttributes ?? []).filter((a) => o.tenantKeys.includes(a.name));
    if (!pins.length) return false;
    const own = tenancyOf(w, o, facts).tenants;
    return own.length === 1 && pins.every((a) => a.value.trim() === own[0]);
}

/** Where a tenancy marker lives in a read path: a label, annotation or tag map (or list), and what follows it. */
const MARKER_HOLDER = /(?:^|\.)(?:labels|annotations|tags|resourceLabels|tagSpecifications|dockerLabels)(.*)/;
/** A whole metadata object (a resource's or a template's): every label and annotation in it. */
const WHOLE_METADATA = /(?:^|\.)metadata$/;

/**
 * The first value unknown at preview that may turn out to mark the workload multi-tenant: a whole unknown template or
 * metadata, label/annotation/tag map or list, or the value of one of the selector's keys. Other unknown labels (a
 * `team` label, the name) cannot change its tenancy.
 */
export function unknownTenancyMarker(
    w: Pick<Workload, "issues">,
    o: Pick<TenancyConfig, "multiTenantSelector">,
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
export function markedMultiTenant(w: Workload, o: Pick<TenancyConfig, "multiTenantSelector">): Workload {
    return { ...w, labels: { ...w.labels, [o.multiTenantSelector.keys[0]]: o.multiTenantSelector.values[0] } };
}

/** Whether labels (a Namespace's) hold one of the selector's markers: what a workload in it would inherit. */
export function marksMultiTenant(
    labels: Readonly<Record<string, string>>,
    o: Pick<TenancyConfig, "multiTenantSelector">,
): boolean {
    const wanted = new Set(o.multiTenantSelector.values.map((v) => v.trim().toLowerCase()));
    return o.multiTenantSelector.keys.some((k) => {
        const v = ownValue(labels, k);
        return v !== undefined && wanted.has(v.trim().toLowerCase());
    });
}
