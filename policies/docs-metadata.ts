// Checks of the policies that are not PolicyDefinitions (policies/pack.ts): what docs/policies.md says about each,
// and the same per-check `checks` switch every policy of the pack accepts.
import { PolicyConfigSchema } from "@pulumi/policy";
import { isPlainObject } from "../model/read";
import type { PackCheckId, PolicyCheckId } from "../engine/types";

export interface CheckDoc {
    id: PolicyCheckId | PackCheckId;
    description: string;
    /** Runs unless config switches it off. */
    defaultOn: boolean;
    /** Has a safe fix applied under the `remediate` level. */
    remediation: boolean;
}

export function checksOnlySchema(checks: CheckDoc[]): PolicyConfigSchema {
    return {
        properties: {
            checks: {
                type: "object",
                description: "Switch individual checks on or off by check ID.",
                properties: Object.fromEntries(
                    checks.map((c) => [c.id, { type: "boolean", default: c.defaultOn, description: c.description }]),
                ),
                additionalProperties: false,
                default: {},
            },
        },
    };
}

export function checkEnabled(config: Record<string, unknown>, check: CheckDoc): boolean {
    const v = isPlainObject(config.checks) ? config.checks[check.id] : undefined;
    return typeof v === "boolean" ? v : check.defaultOn;
}
