// The JSON schema Pulumi validates a policy's config against (and renders as a form in Pulumi Cloud): the properties
// every policy accepts, the exemption properties, then the policy's own. Defaults come from engine/defaults.ts.
import type { PolicyConfigSchema } from "@pulumi/policy";
import type { PolicyConfigJSONSchema } from "@pulumi/policy/schema";
import type { PolicyDefinition } from "./types";
import { DEFAULT_COMMON_CONFIG } from "./defaults";
import { exemptionConfigSchema } from "./exemptionConfig";
import { PSS_VERSION_PATTERN } from "./pssVersion";
import { NEWEST_KNOWN_PSS_VERSION } from "./pssTables";

/** The JSON schema Pulumi validates this policy's config against (and renders as a form in Pulumi Cloud). */
export function configSchemaOf(def: PolicyDefinition): PolicyConfigSchema {
    const checkProps: Record<string, PolicyConfigJSONSchema> = {};
    for (const c of [...def.checks, ...(def.stackChecks ?? [])]) {
        checkProps[c.id] = { type: "boolean", default: def.defaultChecks.includes(c.id), description: c.description };
    }
    return {
        properties: {
            checks: {
                type: "object",
                description: "Switch individual checks on or off by check ID.",
                properties: checkProps,
                additionalProperties: false,
                default: {},
            },
            pssVersion: {
                type: "string",
                pattern: PSS_VERSION_PATTERN,
                default: DEFAULT_COMMON_CONFIG.pssVersion,
                description: `Pod Security Standards version whose rules the checks follow ("latest" or "v1.N"; a newer version than the pack knows judges as the newest it knows, v1.${NEWEST_KNOWN_PSS_VERSION}).`,
            },
            unknownValues: {
                type: "string",
                enum: ["defer", "fail-closed"],
                default: DEFAULT_COMMON_CONFIG.unknownValues,
                description:
                    'A security field unknown at preview: "defer" judges it at update and notes it as advisory; "fail-closed" treats it as a violation.',
            },
            malformedValues: {
                type: "string",
                enum: ["fail-closed", "advisory", "ignore"],
                default: DEFAULT_COMMON_CONFIG.malformedValues,
                description:
                    'A security field the policy cannot interpret (wrong type, e.g. privileged: "true"): "fail-closed" reports a violation in place of the check\'s verdict on that container; "advisory" reports it as advisory and judges the rest; "ignore" treats the value as unset.',
            },
            customResourcePodSpecs: {
                type: "array",
                default: [],
                description:
                    "Where custom resources of your own CRDs keep their pod specs, for those the built-in table and the structural search do not find: " +
                    "per API group and kind, paths to a pod template (metadata + spec) or a pod spec, `*` for every list element or map value " +
                    '(e.g. {"apiGroup": "ci.example.com", "kind": "Runner", "paths": ["spec.jobs.*.template"]}). ' +
                    "Replaces the table and the search for that kind. Each policy reads its own list: give the same list to every policy.",
                items: {
                    type: "object",
                    additionalProperties: false,
                    required: ["apiGroup", "kind", "paths"],
                    properties: {
                        apiGroup: { type: "string", minLength: 1, description: "API group, e.g. ci.example.com." },
                        kind: { type: "string", minLength: 1, description: "Kind, e.g. Runner." },
                        paths: {
                            type: "array",
                            minItems: 1,
                            items: { type: "string", minLength: 1, pattern: "^[A-Za-z0-9_*-]+(\\.[A-Za-z0-9_*-]+)*$" },
                            description: "Field paths from the resource's root, e.g. spec.jobs.*.template.",
                        },
                    },
                },
            },
            ...exemptionConfigSchema(def),
            ...def.config,
        },
    };
}
