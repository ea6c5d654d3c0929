// Renders findings as PSA-style messages: `[checkId] <resource>, <container> <problem>: <field> is <value>; <fix>`.
import { containerSubject, Workload } from "../model/workload";
import { Finding } from "./types";
import { dialectOf } from "./dialect";

/** Values that arrived as secrets; rendered as `[secret]` wherever they appear. */
export type SecretValues = ReadonlySet<string>;
export const NO_SECRETS: SecretValues = new Set();

const MAX_VALUE_CHARS = 200;
/** Problem and fix texts embed user values (capability names, ports); bounded so no input makes a huge message. */
const MAX_TEXT_CHARS = 1000;
/** A list value shows this many elements, then how many more. */
const MAX_LIST_ITEMS = 10;

/** Stands for a value the engine marked unknown at preview. */
export const UNKNOWN_VALUE = Symbol("unknown at preview");

/** Sanitizes user-controlled text for a one-line message: no control characters, bounded length. */
export function clean(s: string, max: number = MAX_VALUE_CHARS): string {
    // eslint-disable-next-line no-control-regex
    const t = s.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, "?");
    return t.length > max ? `${t.slice(0, max)}…` : t;
}

const redactors = new WeakMap<SecretValues, RegExp>();

/** Replaces every secret value that appears as a token of free text (names, problem and fix texts) by `[secret]`. */
export function redact(text: string, secrets: SecretValues): string {
    if (!secrets.size) return text;
    let re = redactors.get(secrets);
    if (!re) {
        const alts = [...secrets]
            .filter((x) => x !== "")
            .sort((a, b) => b.length - a.length)
            .map((x) => x.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
        re = alts.length ? new RegExp(`(?<![A-Za-z0-9_])(?:${alts.join("|")})(?![A-Za-z0-9_])`, "g") : /(?!)/g;
        redactors.set(secrets, re);
    }
    return text.replace(re, "[secret]");
}

export function renderValue(v: unknown, secrets: SecretValues, depth = 0): string {
    if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") {
        if (secrets.has(String(v))) return "[secret]";
        return typeof v === "string" ? JSON.stringify(clean(v)) : String(v);
    }
    if (Array.isArray(v)) {
        // Bounded in width and depth: a malformed value may be a huge or deeply nested list.
        if (depth >= 3) return v.length ? "[…]" : "[]";
        const shown = v.slice(0, MAX_LIST_ITEMS).map((e) => renderValue(e, secrets, depth + 1));
        if (v.length > MAX_LIST_ITEMS) shown.push(`… ${v.length - MAX_LIST_ITEMS} more`);
        return `[${shown.join(", ")}]`;
    }
    if (v === null) return "null";
    if (v === undefined) return "unset";
    if (v === UNKNOWN_VALUE) return "unknown at preview";
    return "an object";
}

export function resourceSubject(w: Workload): string {
    return `${w.kind} "${clean(w.name)}"`;
}

/** The message shape every finding shares: `[check] <who> <problem>: <field> is <value>; <fix>`, secret-safe. */
/** User text for a message: secrets redacted before clean() truncates, so no prefix of a secret survives the cut. */
export function safeText(s: string, secrets: SecretValues, max?: number): string {
    return clean(redact(s, secrets), max);
}

/** The message shape every finding shares: `[check] <who> <problem>: <field> is <value>; <fix>`. `who` is already safe. */
export function renderMessage(
    check: string,
    who: string,
    f: Pick<Finding, "problem" | "field" | "value" | "fix">,
    secrets: SecretValues,
): string {
    const where = f.field ? `: ${clean(f.field)} is ${renderValue(f.value, secrets)}` : "";
    return `[${check}] ${who} ${safeText(f.problem, secrets, MAX_TEXT_CHARS)}${where}; ${safeText(f.fix, secrets, MAX_TEXT_CHARS)}`;
}

export function renderFinding(w: Workload, f: Finding, secrets: SecretValues): string {
    // A Docker container or service is its one container: naming it twice says nothing more.
    const container =
        f.container && !dialectOf(w).containerIsResource ? `, ${safeText(containerSubject(f.container), secrets)}` : "";
    return renderMessage(f.check, `${w.kind} "${safeText(w.name, secrets)}"${container}`, f, secrets);
}
