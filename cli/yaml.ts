// Reads manifest YAML as the Kubernetes API server and its clients (kubectl, Helm) read it, not as YAML 1.2: they
// convert YAML to JSON with sigs.k8s.io/yaml, which decodes with its fork of go-yaml v2 (YAML 1.1 scalars) into
// untyped maps, where a duplicated key is set twice and the last value stays. Read as js-yaml's YAML 1.2 default
// schema, `runAsNonRoot: yes` is the string "yes" (a malformed value to the pack: a finding PSA never gives) and a
// duplicated key throws, dropping every object of the file (no verdict at all). Source: go-yaml v2.4.0 resolve.go
// (`resolveMapList`, `resolve`), vendored by Kubernetes as sigs.k8s.io/yaml/goyaml.v2.
import * as yaml from "js-yaml";

/** go-yaml v2's resolve table for plain scalars: YAML 1.1 booleans in three spellings each, nulls, special floats. */
const RESOLVE_MAP: ReadonlyMap<string, null | boolean | number> = new Map<string, null | boolean | number>([
    ...["y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"].map((s) => [s, true] as const),
    ...["n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"].map((s) => [s, false] as const),
    ...["", "~", "null", "Null", "NULL"].map((s) => [s, null] as const),
    ...[".nan", ".NaN", ".NAN"].map((s) => [s, Number.NaN] as const),
    ...[".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"].map((s) => [s, Number.POSITIVE_INFINITY] as const),
    ...["-.inf", "-.Inf", "-.INF"].map((s) => [s, Number.NEGATIVE_INFINITY] as const),
]);

/** go-yaml v2's `yamlStyleFloat`, tried on a scalar that starts with a digit or a sign once it is no integer. */
const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
/** Go's strconv.ParseInt(s, 0, 64) syntax: a sign, then 0x/0o/0b-prefixed, 0-led octal, or decimal digits. */
const GO_INT = /^([-+]?)(?:0[xX]([0-9a-fA-F]+)|0[oO]([0-7]+)|0[bB]([01]+)|0([0-7]+)|([0-9]+))$/;
const INT64_MIN = -(2n ** 63n);
const UINT64_MAX = 2n ** 64n - 1n;

/** What go-yaml v2 resolves a plain scalar to (null, boolean, number), or undefined for a string. */
export function resolveScalar(s: string): null | boolean | number | undefined {
    if (RESOLVE_MAP.has(s)) return RESOLVE_MAP.get(s);
    const first = s.charAt(0);
    if (first === ".") {
        // strconv.ParseFloat of a scalar that starts with a dot; out of range is an error there, so a string here.
        if (!/^\.[0-9]+([eE][-+]?[0-9]+)?$/.test(s)) return undefined;
        const f = Number(s);
        return Number.isFinite(f) ? f : undefined;
    }
    if (!/^[-+0-9]/.test(first)) return undefined;
    // Integers first (underscores dropped, as resolve does): int64, then uint64; then the float pattern.
    const plain = s.replace(/_/g, "");
    const m = GO_INT.exec(plain);
    if (m) {
        const [, sign, hex, oct, bin, legacyOct, dec] = m;
        const digits = hex ? `0x${hex}` : oct ? `0o${oct}` : bin ? `0b${bin}` : legacyOct ? `0o${legacyOct}` : dec;
        const v = sign === "-" ? -BigInt(digits) : BigInt(digits);
        if (v >= INT64_MIN && v <= UINT64_MAX && !(sign === "-" && v > 0n)) return Number(v);
    }
    if (YAML_STYLE_FLOAT.test(plain)) {
        const f = Number(plain);
        return Number.isFinite(f) ? f : undefined;
    }
    return undefined;
}

/** One implicit type per result kind, so js-yaml tags them as YAML would (bool, int or float, null). */
function goYamlType(tag: string, accepts: (v: null | boolean | number | undefined) => boolean): yaml.Type {
    return new yaml.Type(tag, {
        kind: "scalar",
        resolve: (data: string | null) => accepts(resolveScalar(data ?? "")),
        construct: (data: string | null) => resolveScalar(data ?? ""),
    });
}

/**
 * Plain scalars resolved as go-yaml v2 resolves them; quoted ones stay strings. Timestamps stay strings too: go-yaml
 * v2 hands an untyped target the text of a timestamp (decode.go, "for backward compatibility"). `<<` merges maps.
 */
export const API_SERVER_SCHEMA = yaml.FAILSAFE_SCHEMA.extend({
    implicit: [
        goYamlType("tag:yaml.org,2002:null", (v) => v === null),
        goYamlType("tag:yaml.org,2002:bool", (v) => typeof v === "boolean"),
        goYamlType("tag:yaml.org,2002:int", (v) => typeof v === "number" && Number.isInteger(v)),
        goYamlType("tag:yaml.org,2002:float", (v) => typeof v === "number" && !Number.isInteger(v)),
        // js-yaml merges a mapping into the one holding a `<<` key of this tag (its own merge type, redeclared because
        // @types/js-yaml does not export `types`).
        new yaml.Type("tag:yaml.org,2002:merge", { kind: "scalar", resolve: (data: string | null) => data === "<<" }),
    ],
});

/** A key a mapping holds more than once: its text and the 1-based line of the occurrence that wins. */
export interface DuplicateKey {
    key: string;
    line: number;
}

function isDuplicateKeyError(e: unknown): e is yaml.YAMLException {
    return e instanceof yaml.YAMLException && e.reason === "duplicated mapping key";
}

/**
 * Every duplicated key of a text, found by loading strictly, and after each error renaming that occurrence in a
 * scratch copy (a unique prefix inside the key) to find the next. Bounded: a pathological file reports the first 100.
 */
function duplicateKeys(text: string): DuplicateKey[] {
    const out: DuplicateKey[] = [];
    let scratch = text;
    for (let n = 0; n < 100; n++) {
        try {
            yaml.loadAll(scratch, undefined, { schema: API_SERVER_SCHEMA });
            return out;
        } catch (e) {
            if (!isDuplicateKeyError(e)) return out;
            const pos = e.mark.position;
            const key = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^:\n,{}]*?)\s*:/.exec(scratch.slice(pos))?.[1] ?? "";
            out.push({ key: key.replace(/^isolation-guard-dup-\d+-/, ""), line: e.mark.line + 1 });
            const at = scratch[pos] === '"' || scratch[pos] === "'" ? pos + 1 : pos;
            scratch = `${scratch.slice(0, at)}isolation-guard-dup-${n}-${scratch.slice(at)}`;
        }
    }
    return out;
}

/**
 * The documents of a YAML (or JSON) stream as the API server reads them, with the duplicated keys it read last-wins.
 * `listener` is js-yaml's node listener (scan records where each object starts).
 */
export function loadAllAsApiServer(
    text: string,
    listener?: yaml.LoadOptions["listener"],
): { docs: unknown[]; duplicates: DuplicateKey[] } {
    try {
        return { docs: yaml.loadAll(text, undefined, { schema: API_SERVER_SCHEMA, listener }), duplicates: [] };
    } catch (e) {
        if (!isDuplicateKeyError(e)) throw e;
    }
    // js-yaml's `json` option: "duplicate keys in a mapping will override values rather than throwing an error".
    const docs = yaml.loadAll(text, undefined, { schema: API_SERVER_SCHEMA, listener, json: true });
    return { docs, duplicates: duplicateKeys(text) };
}
