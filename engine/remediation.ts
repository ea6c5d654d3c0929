// Remediation: under the `remediate` enforcement level, a policy applies the safe fixes its checks know to the
// resource inputs instead of failing. Each check that has a safe fix carries a small `remediate` function
// (engine/types.ts); this file gives those functions one way to edit inputs that changes nothing else:
// - edits go to the exact field path the adapter recorded, in place, so unrelated fields and list orders stay as
//   they were;
// - a value the engine sent as a secret (a `Secret` wrapper on this path) stays wrapped: edits go inside it;
// - nothing is edited through a value unknown at preview.
// Findings an exemption waived are not fixed: the exemption says the team accepts the setting as it is.
import { isPlainObject, isUnknown, JsonObject } from "../model/read";
import { optionsFor } from "./evaluate";
import type { CheckOptions, Diagnostic, InputEditor, PolicyConfig, PolicyDefinition } from "./types";
import { rawProps } from "./hooks";
import { providerNamespaceOf } from "../adapters/shared/namespace";
import { foldKey } from "../adapters/shared/goKeys";
import { judgeResource } from "./pipeline";

type Segment = string | number;

export function parsePath(path: string): Segment[] {
    const out: Segment[] = [];
    for (const part of path.split(".")) {
        const m = /^([^[\]]*)((?:\[\d+\])*)$/.exec(part);
        if (!m) throw new Error(`unsupported field path ${JSON.stringify(path)}`);
        if (m[1] !== "") out.push(m[1]);
        for (const idx of m[2].match(/\d+/g) ?? []) out.push(Number(idx));
    }
    return out;
}

/** A @pulumi/policy `Secret` (Remediate deserializes secrets into these): a class instance holding `value`. */
interface SecretBox {
    value: unknown;
}

function isSecretBox(v: unknown): v is SecretBox {
    return (
        isPlainObject(v) &&
        v.constructor !== undefined &&
        v.constructor.name === "Secret" &&
        Object.prototype.hasOwnProperty.call(v, "value")
    );
}

function reveal(v: unknown): unknown {
    return isSecretBox(v) ? reveal(v.value) : v;
}

function ownChild(container: unknown, key: Segment): unknown {
    if (typeof key === "number") return Array.isArray(container) && key < container.length ? container[key] : undefined;
    return isPlainObject(container) && Object.prototype.hasOwnProperty.call(container, key)
        ? container[key]
        : undefined;
}

/** A JSON document held in a string (ECS `containerDefinitions`), or undefined when the string is not one. */
export function jsonDocument(v: unknown): unknown {
    if (typeof v !== "string" || !/^\s*[[{]/.test(v)) return undefined;
    try {
        return JSON.parse(v) as unknown;
    } catch {
        return undefined;
    }
}

/** Serializes an edited document the way it was written: compact, or indented as its first indented line. */
function reserialize(doc: unknown, original: string): string {
    const indent = /\n([ \t]+)\S/.exec(original);
    return indent ? JSON.stringify(doc, null, indent[1]) : JSON.stringify(doc);
}

function getIn(root: unknown, segs: Segment[]): unknown {
    let cur: unknown = root;
    let goDecoded = false;
    for (let i = 0; i < segs.length; i++) {
        const holder = reveal(cur);
        // A path that continues into a string continues into the JSON document it holds, read as its consumer reads it.
        if (typeof holder === "string") goDecoded = true;
        const container = typeof holder === "string" ? jsonDocument(holder) : holder;
        const seg = segs[i];
        cur = reveal(goDecoded && typeof seg === "string" ? goChild(container, seg) : ownChild(container, seg));
        if (cur === undefined || isUnknown(cur)) return undefined;
    }
    return cur;
}

/** Field `key` of `holder` as Go decodes it: every spelling, in order, merged (see foldSpellings). */
function goChild(holder: unknown, key: string): unknown {
    if (!isPlainObject(holder)) return undefined;
    const fold = foldKey(key);
    let out: unknown = undefined;
    // goMerge(undefined, v) is v: the first spelling as it stands.
    for (const k of Object.keys(holder)) if (foldKey(k) === fold) out = goMerge(out, holder[k]);
    return out;
}

/**
 * Sets `key` as an own property: a JSON document may hold a `__proto__` key, which an assignment would turn into the
 * object's prototype instead of writing back.
 */
function ownKey(obj: JsonObject, key: string, value: unknown): void {
    Object.defineProperty(obj, key, { value, writable: true, enumerable: true, configurable: true });
}

/**
 * Go's reading of two spellings of one field (`a` first, then `b`): objects merge, a nested field written in both is
 * merged alike, anything else is replaced by the later one (null included).
 */
function goMerge(a: unknown, b: unknown): unknown {
    if (!isPlainObject(a) || !isPlainObject(b)) return b;
    const out: JsonObject = { ...a };
    for (const k of Object.keys(b)) {
        const same = Object.keys(out).find((x) => foldKey(x) === foldKey(k));
        ownKey(out, same ?? k, same === undefined ? b[k] : goMerge(out[same], b[k]));
    }
    return out;
}

/**
 * A JSON document held in a string is decoded by its consumer with Go's encoding/json (the AWS provider for ECS
 * container definitions and Batch properties, Argo for podSpecPatch): a key matches its field in any case, the last
 * spelling wins and objects written twice merge. So `"privileged": false, "Privileged": true` is privileged, and an
 * edit of `privileged` alone would change nothing the consumer reads. Before the editor goes through or writes `key`
 * in such a document, its spellings in `holder` become one, under `key`, holding what the consumer would read, where
 * the first spelling stood.
 */
function foldSpellings(holder: JsonObject, key: string): void {
    const fold = foldKey(key);
    const entries = Object.entries(holder);
    const spelled = entries.filter(([k]) => foldKey(k) === fold);
    if (spelled.length < 2 && (spelled.length === 0 || spelled[0][0] === key)) return;
    const merged = goChild(holder, key);
    for (const [k] of entries) delete holder[k];
    let placed = false;
    for (const [k, v] of entries) {
        if (foldKey(k) !== fold) ownKey(holder, k, v);
        else if (!placed) {
            ownKey(holder, key, merged);
            placed = true;
        }
    }
}

/** Writes `value` at `segs` under `root`; `goDecoded`: `root` is (inside) a JSON document held in a string. */
function setIn(root: unknown, segs: Segment[], value: unknown, goDecoded = false): boolean {
    let cur: unknown = root;
    for (let i = 0; i < segs.length - 1; i++) {
        const holder = reveal(cur);
        const seg = segs[i];
        if (goDecoded && typeof seg === "string" && isPlainObject(holder)) foldSpellings(holder, seg);
        let next = ownChild(holder, seg);
        if (next === undefined || next === null) {
            // Only objects are created on the way; a missing list element is no place to write.
            if (typeof seg === "number" || !isPlainObject(holder) || typeof segs[i + 1] === "number") return false;
            next = {};
            holder[seg] = next;
        }
        const revealed = reveal(next);
        if (typeof revealed === "string" && !isUnknown(revealed)) {
            // Edit inside the JSON document and write it back as a string in the same slot (a secret stays one).
            const doc = jsonDocument(revealed);
            if (doc === undefined || !setIn(doc, segs.slice(i + 1), value, true)) return false;
            return setIn(holder, [seg], reserialize(doc, revealed), goDecoded);
        }
        if (isUnknown(revealed) || typeof revealed !== "object") return false;
        cur = next;
    }
    const holder = reveal(cur);
    const last = segs[segs.length - 1];
    if (typeof last === "number" ? !Array.isArray(holder) || last >= holder.length : !isPlainObject(holder))
        return false;
    if (goDecoded && typeof last === "string") foldSpellings(holder as JsonObject, last);
    const slot = holder as Record<Segment, unknown>;
    const current = slot[last];
    // Keep a replaced secret secret.
    if (isSecretBox(current)) current.value = value;
    else slot[last] = value;
    return true;
}

/**
 * Reads and writes by field path. A path may run into a string that holds a JSON document (ECS containerDefinitions,
 * Batch containerProperties): the edit goes inside the document, which is written back re-serialized, nothing else
 * in it changed.
 */
export function inputEditor(props: JsonObject): InputEditor {
    return {
        get: (path) => getIn(props, parsePath(path)),
        set: (path, value) => setIn(props, parsePath(path), value),
    };
}

/**
 * Applies the remediations of the checks behind the violations in `diagnostics` (advisory and waived ones are left
 * alone). Returns whether anything changed.
 */
export function remediate(
    def: PolicyDefinition,
    diagnostics: Diagnostic[],
    edit: InputEditor,
    options: CheckOptions,
): boolean {
    let changed = false;
    const done = new Set<string>();
    for (const d of diagnostics) {
        if (d.advisory) continue;
        const check = def.checks.find((c) => c.id === d.check);
        if (!check?.remediate) continue;
        const container =
            d.container === undefined ? undefined : d.workload.containers.find((c) => c.name === d.container);
        const key = `${check.id}\u0000${container?.path ?? d.workload.specPath}`;
        if (done.has(key)) continue;
        done.add(key);
        if (check.remediate(d.workload, container, edit, options)) changed = true;
    }
    return changed;
}

/** Whether a policy has any safe fix to apply (docs, and Pulumi Cloud's remediate level). */
export function hasRemediation(def: PolicyDefinition): boolean {
    return def.checks.some((c) => c.remediate !== undefined);
}

/** What the engine's Remediate hands a policy (the subset used; @pulumi/policy's ResourceRemediationArgs fits). */
export interface RemediationRequest {
    type: string;
    name: string;
    urn: string;
    props: Record<string, unknown>;
    stackTags?: ReadonlyMap<string, string>;
    /** The resource's provider, for where an object that sets no namespace goes (exemptions by namespace). */
    provider?: { type: string; props: Record<string, unknown> };
    getConfig<T extends object>(): T;
}

/**
 * A policy's remediateResource: judges the inputs as Analyze would (exemptions included), applies the fixes in place
 * and returns the inputs when something changed, else undefined (no remediation reported).
 */
export function remediateInputs(def: PolicyDefinition, args: RemediationRequest): JsonObject | undefined {
    // Remediate wraps the inputs in two proxies (unknown-checking over secret-preserving); edit the plain object
    // beneath, whose secrets are `Secret` instances the engine re-marks as secrets when it serializes the result.
    let inputs: JsonObject = args.props;
    for (let unwrapped = rawProps(inputs); unwrapped !== inputs; unwrapped = rawProps(inputs)) inputs = unwrapped;
    const config = args.getConfig<PolicyConfig>();
    const stackTags = args.stackTags ? Object.fromEntries(args.stackTags.entries()) : {};
    // Mapped afresh (not the pack's per-request cache): the fixes edit these very inputs.
    const judged = judgeResource({ type: args.type, name: args.name, props: inputs }, [{ def, config }], {
        context: { stackTags },
        exemptions: { urn: args.urn, resourceName: args.name, providerNamespace: providerNamespaceOf(args.provider) },
    });
    const diagnostics = judged.map((j) => j.diagnostic);
    return remediate(def, diagnostics, inputEditor(inputs), optionsFor(def, config)) ? inputs : undefined;
}
