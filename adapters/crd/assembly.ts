// Pods assembled from parts. Some custom resources never write a whole PodSpec: an Argo template's container plus
// workflow-level volumes and security context, a Tekton step merged with its stepTemplate, a Spark driver. They are
// assembled into one PodSpec here, read by the same Kubernetes reader as any pod (so every check sees one shape), and
// every field path the reader records is mapped back to the custom resource field it came from, so findings and
// remediations point at what the user wrote.
import { Workload } from "../../model/workload";
import { JsonObject, Reader, isPlainObject, own, unwrapSecret } from "../../model/read";
import { readPodSpec } from "../shared/podSpec";

/** Marks paths inside an assembled PodSpec; never the start of a real field path (those start with a field name). */
export const ASSEMBLED = "\u00a7";

/**
 * A PodSpec assembled from the parts of a custom resource, with where each part really lives. Read by the Kubernetes
 * reader at the path `§`; then every path it recorded (`§.containers[1].securityContext.privileged`) is mapped to the
 * CR's own field by the longest registered prefix (`spec.templates[0].sidecars[0]` + `.securityContext.privileged`).
 */
export class Assembly {
    readonly spec: JsonObject = {};
    private readonly where = new Map<string, string>();

    constructor(base: string) {
        this.where.set(ASSEMBLED, base);
    }

    /** A pod-level field from `realPath`. */
    set(field: string, value: unknown, realPath: string): void {
        if (value === undefined) return;
        this.spec[field] = value;
        this.where.set(`${ASSEMBLED}.${field}`, realPath);
    }

    /** Where the pod's securityContext is read from, or would be written. */
    podSecurityContextAt(realPath: string): void {
        this.where.set(`${ASSEMBLED}.securityContext`, realPath);
    }

    /** Appends list elements (volumes, containers) that live at `realPath(i)`; returns their assembled indices. */
    append(list: string, items: readonly unknown[], realPath: (i: number) => string): number[] {
        const arr = (this.spec[list] ??= []) as unknown[];
        return items.map((item, i) => {
            arr.push(item);
            this.where.set(`${ASSEMBLED}.${list}[${arr.length - 1}]`, realPath(i));
            return arr.length - 1;
        });
    }

    /** Maps a finer path inside an assembled element (a securityContext field taken from a stepTemplate). */
    alias(assembledPath: string, realPath: string): void {
        this.where.set(assembledPath, realPath);
    }

    private realPath(p: string): string {
        for (let i = p.length; i > 0; i--) {
            if (i < p.length && p[i] !== "." && p[i] !== "[") continue;
            const real = this.where.get(p.slice(0, i));
            if (real !== undefined) return real + p.slice(i);
        }
        return p;
    }

    /** Reads the assembled PodSpec into `w` (recording into `r`, its reader) and maps every path back to the CR. */
    read(w: Workload, r: Reader): void {
        readPodSpec(r, this.spec, ASSEMBLED, w);
        this.remap(w, "");
    }

    /** Rewrites path-bearing strings (keys ending in `path`/`Path`, the entries of `paths`) of the model, in place. */
    private remap(node: unknown, parentKey: string): void {
        if (Array.isArray(node)) {
            for (const e of node) this.remap(e, parentKey);
            return;
        }
        if (!isPlainObject(node)) return;
        for (const k of Object.keys(node)) {
            if (SKIP_REMAP.has(k)) continue;
            const v = node[k];
            if (typeof v === "string") {
                if (v.startsWith(ASSEMBLED) && (parentKey === "paths" || /path$/i.test(k))) node[k] = this.realPath(v);
            } else if (typeof v === "object" && v !== null) {
                this.remap(v, k);
            }
        }
    }
}

/** User data in the model: never a path. */
const SKIP_REMAP: ReadonlySet<string> = new Set(["labels", "annotations", "podLabels", "podAnnotations", "value"]);

/**
 * Deep-merges `over` onto `base` the way a strategic merge patch does for securityContext: objects merge key by key,
 * anything else is replaced. Keys taken from `base` alone are aliased to `basePath` in the assembly.
 */
export function mergeWithDefaults(
    a: Assembly,
    base: JsonObject | undefined,
    over: JsonObject | undefined,
    assembledPath: string,
    basePath: string,
): JsonObject | undefined {
    if (!base) return over;
    const out: JsonObject = { ...(over ?? {}) };
    for (const k of Object.keys(base)) {
        const b = unwrapSecret(base[k]);
        const o = over ? unwrapSecret(own(over, k)) : undefined;
        if (o === undefined || o === null) {
            out[k] = base[k];
            a.alias(`${assembledPath}.${k}`, `${basePath}.${k}`);
        } else if (isPlainObject(b) && isPlainObject(o)) {
            out[k] = mergeWithDefaults(a, b, o, `${assembledPath}.${k}`, `${basePath}.${k}`);
        }
    }
    return out;
}

/** A list field as plain elements (unknown and malformed recorded). */
export function listOf(r: Reader, obj: unknown, key: string, path: string): unknown[] {
    return r.list(obj, key, { path, field: "all" }) ?? [];
}
