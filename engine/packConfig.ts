// Pulumi's `--policy-pack-config` handling for callers outside the engine (the `scan` CLI, conformance tests), so they
// configure policies exactly as `pulumi preview` does: per policy an enforcement level (string form or
// `enforcementLevel`) and properties validated against the policy's config schema, with schema defaults filled in.
import type { EnforcementLevel } from "@pulumi/policy";
import type { PolicyConfigJSONSchema, PolicyConfigJSONSchemaDefinition } from "@pulumi/policy/schema";
import { isPlainObject } from "../model/read";
import { unknownConfigProperties } from "./configGuard";
import { configSchemaOf } from "./evaluate";
import type { PolicyConfig, PolicyDefinition } from "./types";

const LEVELS: readonly EnforcementLevel[] = ["advisory", "mandatory", "remediate", "disabled"];

export interface ResolvedPolicy {
    def: PolicyDefinition;
    enforcementLevel: EnforcementLevel;
    /** Properties as the policy's getConfig() returns them: validated, defaults filled. */
    config: PolicyConfig;
}

export class PackConfigError extends Error {}

function typeOf(v: unknown): string {
    if (v === null) return "null";
    if (Array.isArray(v)) return "array";
    if (typeof v === "number" && Number.isInteger(v)) return "integer";
    return typeof v;
}

/** Validates `value` against the JSON-schema subset policy config schemas use; returns the problems found. */
export function validateAgainstSchema(
    value: unknown,
    schema: PolicyConfigJSONSchemaDefinition,
    path: string,
): string[] {
    if (schema === true) return [];
    if (schema === false) return [`${path} is not allowed`];
    const s: PolicyConfigJSONSchema = schema;
    const errors: string[] = [];
    if (s.type !== undefined) {
        const types = Array.isArray(s.type) ? s.type : [s.type];
        const t = typeOf(value);
        if (!types.some((x) => x === t || (x === "number" && t === "integer")))
            return [`${path} must be ${types.join(" or ")}, got ${t}`];
    }
    if (s.enum && !s.enum.some((e) => JSON.stringify(e) === JSON.stringify(value)))
        errors.push(`${path} must be one of ${s.enum.map((e) => JSON.stringify(e)).join(", ")}`);
    if (Array.isArray(value) && s.items !== undefined && !Array.isArray(s.items)) {
        const items = s.items;
        value.forEach((e, i) => errors.push(...validateAgainstSchema(e, items, `${path}[${i}]`)));
    }
    if (isPlainObject(value)) {
        for (const r of s.required ?? []) if (!(r in value)) errors.push(`${path}.${r} is required`);
        for (const [k, v] of Object.entries(value)) {
            const ps = s.properties?.[k];
            if (ps !== undefined) errors.push(...validateAgainstSchema(v, ps, `${path}.${k}`));
            else if (s.additionalProperties !== undefined)
                errors.push(...validateAgainstSchema(v, s.additionalProperties, `${path}.${k}`));
        }
    }
    return errors;
}

/**
 * Resolves a pack config (the `--policy-pack-config` JSON object) for the given policies as the Pulumi engine does
 * (pkg/resource/analyzer/config.go): schema defaults and the policy's own level first, then `all` (levels only), then
 * each policy's entry, shallow-merged; version 2 files nest the policies under `policies`. Like the engine, entries for
 * unknown policies are let through; properties a policy does not have are refused, as the pack refuses them at
 * Configure (engine/configGuard.ts). Throws PackConfigError naming every problem.
 */
export function resolvePackConfig(
    defs: readonly PolicyDefinition[],
    file: unknown,
    overrides: Partial<PolicyConfig> = {},
): ResolvedPolicy[] {
    if (!isPlainObject(file))
        throw new PackConfigError("the policy pack config must be a JSON object keyed by policy name");
    let raw: Record<string, unknown> = { ...file };
    if (typeof file.version === "number") {
        if (file.version !== 2) throw new PackConfigError('invalid policy pack config: "version" must be 2');
        raw = isPlainObject(file.policies) ? file.policies : {};
    } else {
        delete raw.environments;
    }
    const errors: string[] = [];
    const allLevel =
        typeof raw.all === "string" ? raw.all : isPlainObject(raw.all) ? raw.all.enforcementLevel : undefined;
    if (allLevel !== undefined && !LEVELS.includes(allLevel as EnforcementLevel))
        errors.push(`all: enforcementLevel must be one of ${LEVELS.join(", ")}`);
    const resolved = defs.map((def): ResolvedPolicy => {
        const entry = raw[def.name];
        let level: unknown =
            allLevel !== undefined && LEVELS.includes(allLevel as EnforcementLevel) ? allLevel : def.enforcementLevel;
        let props: Record<string, unknown> = {};
        if (typeof entry === "string") level = entry;
        else if (isPlainObject(entry)) {
            const { enforcementLevel, ...rest } = entry;
            if (enforcementLevel !== undefined) level = enforcementLevel;
            props = rest;
        } else if (entry !== undefined) errors.push(`${def.name} must be an enforcement level or an object`);
        if (!LEVELS.includes(level as EnforcementLevel))
            errors.push(`${def.name}.enforcementLevel must be one of ${LEVELS.join(", ")}`);
        const schema = configSchemaOf(def);
        errors.push(
            ...unknownConfigProperties(new Map([[def.name, Object.keys(schema.properties)]]), [[def.name, props]]),
        );
        const config: PolicyConfig = {};
        for (const [k, ps] of Object.entries(schema.properties)) {
            if (k in props) continue;
            if (typeof ps === "object" && ps.default !== undefined) config[k] = JSON.parse(JSON.stringify(ps.default));
        }
        Object.assign(config, props, overrides);
        errors.push(
            ...validateAgainstSchema(
                config,
                { type: "object", properties: schema.properties, required: schema.required },
                def.name,
            ),
        );
        return { def, enforcementLevel: level as EnforcementLevel, config };
    });
    if (errors.length) throw new PackConfigError(`invalid policy pack config: ${errors.join("; ")}`);
    return resolved;
}
