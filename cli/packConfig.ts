// Policy pack config handled the way the Pulumi engine handles it before it calls Configure
// (pkg/resource/analyzer/config.go in pulumi/pulumi v3.274.1), so every caller outside the engine configures policies
// exactly as `pulumi preview --policy-pack-config` does and refuses what it refuses, with its words:
//   1. parse the --policy-pack-config file: each policy maps to an enforcement level string or an object whose
//      optional `enforcementLevel` is lifted out (version 2 files nest the policies under "policies");
//   2. start from each policy's schema defaults (top-level `default` of each property) and its own level;
//   3. apply "all" (levels only), then each policy's entry, shallow-merging its properties;
//   4. validate every policy's properties with gojsonschema against {type: object, properties, required} and refuse
//      the whole pack with `validating policy config for "<pack>": <policy>: <field>: <error>; ...` (sorted).
// The engine does NOT refuse a top-level property the schema does not list (the wire schema carries no
// `additionalProperties`); this pack refuses it at Configure (engine/configGuard.ts), and resolvePackConfig() does too.
// Used by the `scan` CLI (resolvePackConfig) and by the test harness, which speaks the engine's part over gRPC
// (reconcilePolicyPackConfig) and compares these messages with the real CLI's.
import type { EnforcementLevel } from "@pulumi/policy";
import type { PolicyConfigJSONSchema, PolicyConfigJSONSchemaDefinition } from "@pulumi/policy/schema";
import { isPlainObject } from "../model/read";
import { unknownConfigProperties } from "../engine/configGuard";
import { configSchemaOf } from "../engine/evaluate";
import type { PolicyConfig, PolicyDefinition } from "../engine/types";

const LEVELS: readonly string[] = ["advisory", "mandatory", "remediate", "disabled"];

/** The JSON-schema keywords config schemas use; `oneOf` is draft 4 (the engine's validator), absent from the type. */
export type JsonSchema = PolicyConfigJSONSchema & { oneOf?: PolicyConfigJSONSchemaDefinition[] };

/** What the engine knows about one policy from GetAnalyzerInfo. */
export interface PolicySchemaInfo {
    name: string;
    enforcementLevel: EnforcementLevel;
    /** The schema's `properties`. */
    configSchema?: Record<string, JsonSchema>;
    /** The schema's `required`. */
    configRequired?: string[];
}

/** One policy's reconciled config, as sent in ConfigureAnalyzerRequest. */
export interface PolicyConfigEntry {
    /** Unset only for an entry naming no policy of the pack (the engine passes those through too). */
    enforcementLevel?: EnforcementLevel;
    properties?: Record<string, unknown>;
}

/** A --policy-pack-config file's content (unversioned form, or version 2 with `policies`). */
export type PolicyPackConfigFile = Record<string, unknown>;

export class PackConfigError extends Error {}

function notALevel(policy: string, value: unknown): PackConfigError {
    return typeof value === "string"
        ? new PackConfigError(`parsing enforcement level for "${policy}": "${value}" is not a valid enforcement level`)
        : new PackConfigError(
              `parsing enforcement level for "${policy}": ${String(value)} is not a valid enforcement level; must be a string`,
          );
}

/** Step 1: the file's per-policy entries (empty entries dropped, as the engine does). */
export function parsePolicyPackConfig(file: unknown): Map<string, PolicyConfigEntry> {
    if (!isPlainObject(file))
        throw new PackConfigError("the policy pack config must be a JSON object keyed by policy name");
    let policies: Record<string, unknown> = { ...file };
    if (typeof file.version === "number") {
        if (file.version !== 2) throw new PackConfigError(`"version" must be 2`);
        policies = isPlainObject(file.policies) ? { ...file.policies } : {};
    } else {
        delete policies.environments;
    }
    const out = new Map<string, PolicyConfigEntry>();
    for (const [name, v] of Object.entries(policies)) {
        let level: EnforcementLevel | undefined;
        let properties: Record<string, unknown> | undefined;
        if (typeof v === "string") {
            if (!LEVELS.includes(v)) throw notALevel(name, v);
            level = v as EnforcementLevel;
        } else if (isPlainObject(v)) {
            const { enforcementLevel, ...props } = structuredClone(v);
            if (enforcementLevel !== undefined || "enforcementLevel" in v) {
                if (typeof enforcementLevel !== "string" || !LEVELS.includes(enforcementLevel))
                    throw notALevel(name, enforcementLevel);
                level = enforcementLevel as EnforcementLevel;
            }
            if (Object.keys(props).length) properties = props;
        } else {
            throw new PackConfigError(
                `parsing "${name}": ${JSON.stringify(v)} is not a valid value; must be a string or object`,
            );
        }
        if (level === undefined && properties === undefined) continue;
        out.set(name, { enforcementLevel: level, properties });
    }
    return out;
}

function typeName(v: unknown): string {
    if (v === null) return "null";
    if (Array.isArray(v)) return "array";
    if (typeof v === "number") return Number.isInteger(v) ? "integer" : "number";
    return typeof v;
}

/**
 * gojsonschema's messages (`<field>: <description>`, the `(root): ` prefix trimmed) for the keywords config schemas
 * use. Fields are dotted, array indexes included (`exemptions.0.reason`).
 */
export function validateSchema(schema: PolicyConfigJSONSchemaDefinition, value: unknown, path = ""): string[] {
    if (schema === true) return [];
    const field = path === "" ? "(root)" : path;
    const errors: string[] = [];
    const at = (msg: string) => errors.push(path === "" ? msg : `${field}: ${msg}`);
    if (schema === false) {
        at("False always fails validation");
        return errors;
    }
    const s: JsonSchema = schema;
    const child = (k: string | number) => (path === "" ? String(k) : `${path}.${k}`);
    if (s.type !== undefined) {
        const types = Array.isArray(s.type) ? s.type : [s.type];
        const actual = typeName(value);
        if (!types.some((t) => t === actual || (t === "number" && actual === "integer"))) {
            at(`Invalid type. Expected: ${types.join("/")}, given: ${actual}`);
            return errors;
        }
    }
    if (s.enum && !s.enum.some((e) => JSON.stringify(e) === JSON.stringify(value)))
        at(`${field} must be one of the following: ${s.enum.map((e) => JSON.stringify(e)).join(", ")}`);
    if (s.oneOf) {
        const results = s.oneOf.map((sub) => validateSchema(sub, value, path));
        const valid = results.filter((r) => r.length === 0).length;
        if (valid !== 1) {
            at("Must validate one and only one schema (oneOf)");
            // With none valid, gojsonschema adds the errors of the closest alternative (the first, on a tie).
            if (valid === 0) errors.push(...results.reduce((best, r) => (r.length < best.length ? r : best)));
        }
    }
    if (isPlainObject(value)) {
        for (const r of s.required ?? []) if (!(r in value)) at(`${r} is required`);
        if (s.minProperties !== undefined && Object.keys(value).length < s.minProperties)
            at(`Must have at least ${s.minProperties} properties`);
        for (const [k, v] of Object.entries(value)) {
            const propSchema = s.properties?.[k];
            if (propSchema !== undefined) errors.push(...validateSchema(propSchema, v, child(k)));
            else if (s.additionalProperties === false) at(`Additional property ${k} is not allowed`);
            else if (s.additionalProperties !== undefined)
                errors.push(...validateSchema(s.additionalProperties, v, child(k)));
        }
    }
    if (Array.isArray(value)) {
        if (s.minItems !== undefined && value.length < s.minItems) at(`Array must have at least ${s.minItems} items`);
        if (s.maxItems !== undefined && value.length > s.maxItems) at(`Array must have at most ${s.maxItems} items`);
        const items = s.items;
        if (items !== undefined && !Array.isArray(items))
            value.forEach((e, i) => errors.push(...validateSchema(items, e, child(i))));
    }
    if (typeof value === "string") {
        // JSON schema counts characters (code points), not UTF-16 units.
        const length = [...value].length;
        if (s.minLength !== undefined && length < s.minLength)
            at(`String length must be greater than or equal to ${s.minLength}`);
        if (s.maxLength !== undefined && length > s.maxLength)
            at(`String length must be less than or equal to ${s.maxLength}`);
        if (s.pattern !== undefined && !new RegExp(s.pattern, "u").test(value))
            at(`Does not match pattern '${s.pattern}'`);
    }
    if (typeof value === "number") {
        if (s.minimum !== undefined && value < s.minimum) at(`Must be greater than or equal to ${s.minimum}`);
        if (s.maximum !== undefined && value > s.maximum) at(`Must be less than or equal to ${s.maximum}`);
    }
    return errors;
}

/**
 * Steps 2–4 over the given layers of entries, later layers winning (the engine's: the pack's initial config, then
 * the file): every policy's final config, or the engine's refusal.
 */
function reconcile(
    packName: string,
    policies: readonly PolicySchemaInfo[],
    layers: ReadonlyArray<ReadonlyMap<string, PolicyConfigEntry>>,
): Map<string, PolicyConfigEntry> {
    const result = new Map<string, PolicyConfigEntry>();
    for (const p of policies) {
        let properties: Record<string, unknown> | undefined;
        for (const [k, s] of Object.entries(p.configSchema ?? {})) {
            if (s.default !== undefined) (properties ??= {})[k] = structuredClone(s.default);
        }
        result.set(p.name, { enforcementLevel: p.enforcementLevel, properties });
    }
    for (const given of layers) {
        const all = given.get("all");
        if (all?.enforcementLevel) for (const entry of result.values()) entry.enforcementLevel = all.enforcementLevel;
        for (const [name, g] of given) {
            const current: PolicyConfigEntry = result.get(name) ?? {};
            if (g.enforcementLevel) current.enforcementLevel = g.enforcementLevel;
            if (g.properties && Object.keys(g.properties).length)
                current.properties = { ...(current.properties ?? {}), ...g.properties };
            result.set(name, current);
        }
    }
    const errors: string[] = [];
    for (const p of policies) {
        if (!p.configSchema) continue;
        const schema: JsonSchema = {
            type: "object",
            properties: p.configSchema,
            required: p.configRequired?.length ? p.configRequired : undefined,
        };
        for (const e of validateSchema(schema, result.get(p.name)?.properties ?? {})) errors.push(`${p.name}: ${e}`);
    }
    if (errors.length)
        throw new PackConfigError(`validating policy config for "${packName}": ${errors.sort().join("; ")}`);
    return result;
}

/** What the engine does for `--policy-pack-config <file>`: the pack's initial config first, then the file's. */
export function reconcilePolicyPackConfig(
    packName: string,
    policies: readonly PolicySchemaInfo[],
    file: unknown = {},
    initialConfig: ReadonlyMap<string, PolicyConfigEntry> = new Map(),
): Map<string, PolicyConfigEntry> {
    return reconcile(packName, policies, [initialConfig, parsePolicyPackConfig(file)]);
}

/** A policy as GetAnalyzerInfo describes it to the engine. */
export function policySchemaInfo(def: PolicyDefinition): PolicySchemaInfo {
    const schema = configSchemaOf(def);
    return {
        name: def.name,
        enforcementLevel: def.enforcementLevel,
        configSchema: schema.properties,
        configRequired: schema.required,
    };
}

export interface ResolvedPolicy {
    def: PolicyDefinition;
    enforcementLevel: EnforcementLevel;
    /** Properties as the policy's getConfig() returns them: validated, defaults filled. */
    config: PolicyConfig;
}

/**
 * Resolves a pack config file for the given policies as `pulumi preview` would (reconcilePolicyPackConfig), then
 * refuses properties a policy does not have, as the pack does at Configure. `overrides` (e.g. `--pss-version`) set
 * properties of every policy after the file, validated like the file's. Throws PackConfigError naming every problem.
 */
export function resolvePackConfig(
    defs: readonly PolicyDefinition[],
    file: unknown,
    overrides: Partial<PolicyConfig> = {},
    packName = "isolation-guard",
): ResolvedPolicy[] {
    const infos = defs.map(policySchemaInfo);
    const layers = [parsePolicyPackConfig(file)];
    if (Object.keys(overrides).length) layers.push(new Map(defs.map((d) => [d.name, { properties: overrides }])));
    const reconciled = reconcile(packName, infos, layers);
    const known = new Map(infos.map((p) => [p.name, Object.keys(p.configSchema ?? {})] as const));
    const unknown = unknownConfigProperties(
        known,
        infos.map((p) => [p.name, reconciled.get(p.name)?.properties ?? {}]),
    );
    if (unknown.length) throw new PackConfigError(`invalid isolation-guard config: ${unknown.join("; ")}`);
    return defs.map((def) => {
        const entry = reconciled.get(def.name)!;
        return { def, enforcementLevel: entry.enforcementLevel!, config: (entry.properties ?? {}) as PolicyConfig };
    });
}
