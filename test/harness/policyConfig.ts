// Policy pack config handled the way the Pulumi engine handles it before it calls Configure
// (pkg/resource/analyzer/config.go in pulumi/pulumi v3.274.1):
//   1. parse the --policy-pack-config file: each policy maps to an enforcement level string or an object whose
//      optional `enforcementLevel` is lifted out (version 2 files nest the policies under "policies");
//   2. start from each policy's schema defaults (top-level `default` of each property) and its own level;
//   3. apply "all" (levels only), then each policy's entry, shallow-merging its properties;
//   4. validate every policy's properties with gojsonschema against {type: object, properties, required} and refuse
//      the whole pack with `validating policy config for "<pack>": <policy>: <field>: <error>; ...` (sorted).
// Note what the engine does NOT check: a top-level property the schema does not list (the wire schema carries no
// `additionalProperties`), so an unknown top-level key reaches the pack; a nested object's own
// `additionalProperties: false` (e.g. `checks`) is enforced.

export type Level = "advisory" | "mandatory" | "remediate" | "disabled";
const LEVELS: readonly string[] = ["advisory", "mandatory", "remediate", "disabled"];

export type JsonSchema = {
    type?: string | string[];
    enum?: unknown[];
    properties?: Record<string, JsonSchema>;
    additionalProperties?: boolean | JsonSchema;
    items?: JsonSchema;
    required?: string[];
    default?: unknown;
    description?: string;
    minimum?: number;
    maximum?: number;
    minItems?: number;
    maxItems?: number;
    uniqueItems?: boolean;
};

/** What the engine knows about one policy from GetAnalyzerInfo. */
export interface PolicySchemaInfo {
    name: string;
    enforcementLevel: Level;
    configSchema?: Record<string, JsonSchema>;
    configRequired?: string[];
}

/** One policy's reconciled config, as sent in ConfigureAnalyzerRequest. */
export interface PolicyConfigEntry {
    /** Unset only for an entry naming no policy of the pack (the engine passes those through too). */
    enforcementLevel?: Level;
    properties?: Record<string, unknown>;
}

/** A --policy-pack-config file's content (unversioned form, or version 2 with `policies`). */
export type PolicyPackConfigFile = Record<string, unknown>;

export class PolicyConfigError extends Error {}

function isObject(v: unknown): v is Record<string, unknown> {
    return typeof v === "object" && v !== null && !Array.isArray(v);
}

function extractLevel(policy: string, props: Record<string, unknown>): Level | undefined {
    if (!("enforcementLevel" in props)) return undefined;
    const el = props.enforcementLevel;
    delete props.enforcementLevel;
    if (typeof el !== "string")
        throw new PolicyConfigError(
            `parsing enforcement level for "${policy}": ${String(el)} is not a valid enforcement level; must be a string`,
        );
    if (!LEVELS.includes(el))
        throw new PolicyConfigError(
            `parsing enforcement level for "${policy}": "${el}" is not a valid enforcement level`,
        );
    return el as Level;
}

/** Step 1: the file's per-policy entries (empty entries dropped, as the engine does). */
export function parsePolicyPackConfig(file: PolicyPackConfigFile): Map<string, Partial<PolicyConfigEntry>> {
    let policies: Record<string, unknown> = { ...file };
    if (typeof file.version === "number") {
        if (file.version !== 2) throw new PolicyConfigError(`"version" must be 2`);
        policies = isObject(file.policies) ? { ...file.policies } : {};
    } else {
        delete policies.environments;
    }
    const out = new Map<string, Partial<PolicyConfigEntry>>();
    for (const [name, v] of Object.entries(policies)) {
        let level: Level | undefined;
        let properties: Record<string, unknown> | undefined;
        if (typeof v === "string") {
            if (!LEVELS.includes(v))
                throw new PolicyConfigError(
                    `parsing enforcement level for "${name}": "${v}" is not a valid enforcement level`,
                );
            level = v as Level;
        } else if (isObject(v)) {
            const props = structuredClone(v);
            level = extractLevel(name, props);
            if (Object.keys(props).length) properties = props;
        } else {
            throw new PolicyConfigError(
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

function matchesType(v: unknown, t: string): boolean {
    const actual = typeName(v);
    return actual === t || (t === "number" && actual === "integer");
}

function fieldName(path: string): string {
    return path === "" ? "(root)" : path;
}

/** gojsonschema's messages (`<field>: <description>`, the `(root): ` prefix trimmed) for the keywords packs use. */
export function validateSchema(schema: JsonSchema, value: unknown, path = ""): string[] {
    const errors: string[] = [];
    const field = fieldName(path);
    const at = (msg: string) => errors.push(path === "" ? msg : `${field}: ${msg}`);
    const child = (k: string | number) => (path === "" ? String(k) : `${path}.${k}`);
    if (schema.type !== undefined) {
        const types = Array.isArray(schema.type) ? schema.type : [schema.type];
        if (!types.some((t) => matchesType(value, t))) {
            at(`Invalid type. Expected: ${types.join("/")}, given: ${typeName(value)}`);
            return errors;
        }
    }
    if (schema.enum && !schema.enum.some((e) => JSON.stringify(e) === JSON.stringify(value))) {
        at(`${field} must be one of the following: ${schema.enum.map((e) => JSON.stringify(e)).join(", ")}`);
    }
    if (isObject(value)) {
        for (const r of schema.required ?? []) if (!(r in value)) at(`${r} is required`);
        for (const [k, v] of Object.entries(value)) {
            const propSchema = schema.properties?.[k];
            if (propSchema) errors.push(...validateSchema(propSchema, v, child(k)));
            else if (schema.additionalProperties === false) at(`Additional property ${k} is not allowed`);
            else if (isObject(schema.additionalProperties))
                errors.push(...validateSchema(schema.additionalProperties, v, child(k)));
        }
    }
    if (Array.isArray(value)) {
        if (schema.minItems !== undefined && value.length < schema.minItems)
            at(`Array must have at least ${schema.minItems} items`);
        if (schema.maxItems !== undefined && value.length > schema.maxItems)
            at(`Array must have at most ${schema.maxItems} items`);
        if (schema.items) value.forEach((e, i) => errors.push(...validateSchema(schema.items!, e, child(i))));
    }
    if (typeof value === "number") {
        if (schema.minimum !== undefined && value < schema.minimum)
            at(`Must be greater than or equal to ${schema.minimum}`);
        if (schema.maximum !== undefined && value > schema.maximum)
            at(`Must be less than or equal to ${schema.maximum}`);
    }
    return errors;
}

/** Steps 2–4: every policy's final config, or the engine's refusal. */
export function reconcilePolicyPackConfig(
    packName: string,
    policies: PolicySchemaInfo[],
    file: PolicyPackConfigFile = {},
    initialConfig: Map<string, Partial<PolicyConfigEntry>> = new Map(),
): Map<string, PolicyConfigEntry> {
    const result = new Map<string, PolicyConfigEntry>();
    for (const p of policies) {
        let properties: Record<string, unknown> | undefined;
        for (const [k, s] of Object.entries(p.configSchema ?? {})) {
            if ("default" in s) (properties ??= {})[k] = structuredClone(s.default);
        }
        result.set(p.name, { enforcementLevel: p.enforcementLevel, properties });
    }
    // The pack's own initial config first, then the file's.
    for (const given of [initialConfig, parsePolicyPackConfig(file)]) {
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
        throw new PolicyConfigError(`validating policy config for "${packName}": ${errors.sort().join("; ")}`);
    return result;
}
