// Defensive readers over raw resource inputs. Adapters read every field through a Reader so that
// - preview-time unknowns (the engine's sentinel strings) are recorded, not mistaken for values;
// - a value of the wrong shape (`privileged: "true"`, `drop: [null, 7]`) is recorded as malformed, not skipped;
// - only own properties are read, so `__proto__` / `constructor` keys can never reach a check;
// - secrets (wrapped `Secret` objects on the remediation path, or the wire form) are seen through.
import { FieldIssue, FieldKey } from "./workload";

/** The engine encodes every unknown as one of these strings (pulumi `plugin.Unknown*Value`). */
export const UNKNOWN_SENTINELS: ReadonlySet<string> = new Set([
    "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7", // bool
    "3eeb2bf0-c639-47a8-9e75-3b44932eb421", // number
    "04da6b54-80e4-46f7-96ec-b56ff0331ba9", // string
    "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2", // array
    "030794c1-ac77-496b-92df-f27374a8bd58", // asset
    "e48ece36-62e2-4504-bad9-02848725956a", // archive
    "dd056dcd-154b-4c76-9bd3-c8f88648b5ff", // object
]);

/** The engine's wire form of a secret: `{[SPECIAL_SIG_KEY]: SECRET_SIG, value}`. */
export const SPECIAL_SIG_KEY = "4dabf18193072939515e22adb298388d";
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: unknown };

export function isUnknown(v: unknown): boolean {
    return typeof v === "string" && UNKNOWN_SENTINELS.has(v);
}

export function isPlainObject(v: unknown): v is JsonObject {
    return typeof v === "object" && v !== null && !Array.isArray(v);
}

/**
 * An instance of a class named Secret. Read from the prototype, never from the object: inputs may carry an own
 * `constructor: {name: "Secret"}` key (or a wire `__proto__` key that becomes the prototype), and data cannot make a
 * function, so neither can pass for a real Secret and swap the object for its `value`.
 */
function isSecretInstance(v: object): boolean {
    const proto: unknown = Object.getPrototypeOf(v);
    if (proto === null || proto === Object.prototype || !Object.prototype.hasOwnProperty.call(proto, "constructor"))
        return false;
    const ctor: unknown = (proto as { constructor: unknown }).constructor;
    return typeof ctor === "function" && ctor.name === "Secret";
}

/** Unwraps a secret: a `Secret` instance from @pulumi/policy (`{value}`) or the wire form. */
export function unwrapSecret(v: unknown): unknown {
    for (let depth = 0; depth < 8 && isPlainObject(v); depth++) {
        if (isSecretInstance(v) && own(v, "value")) v = v.value;
        else if (own(v, SPECIAL_SIG_KEY) === SECRET_SIG) v = own(v, "value");
        else break;
    }
    return v;
}

/** Own property or undefined; never walks the prototype chain. */
export function own(obj: unknown, key: string): unknown {
    if (typeof obj !== "object" || obj === null) return undefined;
    return Object.prototype.hasOwnProperty.call(obj, key) ? (obj as JsonObject)[key] : undefined;
}

/** Where a read happens: the field path and, for per-container values, the container name. */
export interface At {
    path: string;
    field: FieldKey;
    container?: string;
}

/** Collects unknown and malformed values while an adapter maps one resource. */
export class Reader {
    readonly issues: FieldIssue[] = [];

    unknown(at: At): void {
        this.issues.push({ kind: "unknown", field: at.field, path: at.path, container: at.container });
    }

    malformed(at: At, value: unknown): void {
        this.issues.push({ kind: "malformed", field: at.field, path: at.path, container: at.container, value });
    }

    /** The raw value with secrets unwrapped, or undefined (recording an unknown). */
    private raw(obj: unknown, key: string, at: At): unknown {
        const v = unwrapSecret(own(obj, key));
        if (isUnknown(v)) {
            this.unknown(at);
            return undefined;
        }
        return v;
    }

    bool(obj: unknown, key: string, at: At): boolean | undefined {
        const v = this.raw(obj, key, at);
        if (v === undefined || v === null) return undefined;
        if (typeof v === "boolean") return v;
        this.malformed(at, v);
        return undefined;
    }

    num(obj: unknown, key: string, at: At): number | undefined {
        const v = this.raw(obj, key, at);
        if (v === undefined || v === null) return undefined;
        if (typeof v === "number" && Number.isFinite(v)) return v;
        this.malformed(at, v);
        return undefined;
    }

    str(obj: unknown, key: string, at: At): string | undefined {
        const v = this.raw(obj, key, at);
        if (v === undefined || v === null) return undefined;
        if (typeof v === "string") return v;
        this.malformed(at, v);
        return undefined;
    }

    obj(obj: unknown, key: string, at: At): JsonObject | undefined {
        const v = this.raw(obj, key, at);
        if (v === undefined || v === null) return undefined;
        if (isPlainObject(v)) return v;
        this.malformed(at, v);
        return undefined;
    }

    /** An array's elements (secrets unwrapped, unknown elements recorded and dropped). */
    list(obj: unknown, key: string, at: At): unknown[] | undefined {
        const v = this.array(obj, key, at);
        if (!v) return undefined;
        // A plain loop: list is the adapters' hottest read (containers, ports, mounts, capabilities of every pod).
        const out: unknown[] = [];
        for (let i = 0; i < v.length; i++) {
            const e = unwrapSecret(v[i]);
            if (isUnknown(e)) this.unknown({ ...at, path: `${at.path}[${i}]` });
            else out.push(e);
        }
        return out;
    }

    /**
     * As list, with each element's index in the array: a caller that names elements by position (`items[i]`) must not
     * renumber the ones after an element unknown at preview.
     */
    indexed(obj: unknown, key: string, at: At): Array<[number, unknown]> | undefined {
        const v = this.array(obj, key, at);
        if (!v) return undefined;
        const out: Array<[number, unknown]> = [];
        for (let i = 0; i < v.length; i++) {
            const e = unwrapSecret(v[i]);
            if (isUnknown(e)) this.unknown({ ...at, path: `${at.path}[${i}]` });
            else out.push([i, e]);
        }
        return out;
    }

    /** The array at `key`; undefined when absent, unknown (recorded) or not an array (recorded as malformed). */
    private array(obj: unknown, key: string, at: At): unknown[] | undefined {
        const v = this.raw(obj, key, at);
        if (v === undefined || v === null) return undefined;
        if (Array.isArray(v)) return v;
        this.malformed(at, v);
        return undefined;
    }

    /** A list of strings; non-string elements are recorded as malformed and dropped. */
    strList(obj: unknown, key: string, at: At): string[] | undefined {
        const items = this.list(obj, key, at);
        if (!items) return undefined;
        const out: string[] = [];
        items.forEach((e, i) => {
            if (typeof e === "string") out.push(e);
            else this.malformed({ ...at, path: `${at.path}[${i}]` }, e);
        });
        return out;
    }

    /** A string map (labels, annotations); non-string values are skipped as malformed. */
    strMap(obj: unknown, key: string, at: At): Record<string, string> {
        const m = this.obj(obj, key, at);
        const out: Record<string, string> = Object.create(null);
        if (!m) return out;
        for (const k of Object.keys(m)) {
            const v = unwrapSecret(m[k]);
            if (typeof v === "string" && !isUnknown(v)) out[k] = v;
            else if (isUnknown(v)) this.unknown({ ...at, path: `${at.path}.${k}` });
            else if (v !== null && v !== undefined) this.malformed({ ...at, path: `${at.path}.${k}` }, v);
        }
        return out;
    }
}
