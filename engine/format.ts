// Renders findings as PSA-style messages: `[checkId] <resource>, <container> <problem>: <field> is <value>; <fix>`.
import { containerSubject, Workload } from "../model/workload";
import { Finding } from "./check";

/** Values that arrived as secrets; rendered as `[secret]` wherever they appear. */
export type SecretValues = ReadonlySet<string>;
export const NO_SECRETS: SecretValues = new Set();

const MAX_VALUE_CHARS = 200;

/** Stands for a value the engine marked unknown at preview. */
export const UNKNOWN_VALUE = Symbol("unknown at preview");

/** Sanitizes user-controlled text for a one-line message: no control characters, bounded length. */
export function clean(s: string): string {
    // eslint-disable-next-line no-control-regex
    const t = s.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, "?");
    return t.length > MAX_VALUE_CHARS ? `${t.slice(0, MAX_VALUE_CHARS)}…` : t;
}

export function renderValue(v: unknown, secrets: SecretValues): string {
    if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") {
        if (secrets.has(String(v))) return "[secret]";
        return typeof v === "string" ? JSON.stringify(clean(v)) : String(v);
    }
    if (Array.isArray(v)) return `[${v.map((e) => renderValue(e, secrets)).join(", ")}]`;
    if (v === null) return "null";
    if (v === undefined) return "unset";
    if (v === UNKNOWN_VALUE) return "unknown at preview";
    return "an object";
}

export function resourceSubject(w: Workload): string {
    return `${w.kind} "${clean(w.name)}"`;
}

export function renderFinding(w: Workload, f: Finding, secrets: SecretValues): string {
    const who = f.container ? `${resourceSubject(w)}, ${clean(containerSubject(f.container))}` : resourceSubject(w);
    const where = f.field ? `: ${clean(f.field)} is ${renderValue(f.value, secrets)}` : "";
    return `[${f.check}] ${who} ${f.problem}${where}; ${f.fix}`;
}
