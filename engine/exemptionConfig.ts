// Exemptions as configured: their shape, the two config properties' schema, their expiry, and the policy's list read
// defensively (engine/exemptions.ts applies them; engine/exemptionUsage.ts records which matched).
import type { PolicyConfigJSONSchema } from "@pulumi/policy/schema";
import { isPlainObject } from "../model/read";
import type { PolicyConfig, PolicyDefinition } from "./types";
import { clean } from "./format";

/** What an exemption selects; every field given must match. Globs: `*` any run of characters, `?` one character. */
export interface ExemptionMatch {
    /** Glob over the Pulumi URN. */
    urn?: string;
    /** Glob over the Pulumi resource name or the workload's own name (metadata.name, Docker name). */
    name?: string;
    /** Glob over the Pulumi type token, e.g. `kubernetes:apps/v1:*`. */
    type?: string;
    /**
     * Glob over the Kubernetes namespace the object is created in: its own, else (namespaced kinds) its provider's,
     * else `default`; nothing when that cannot be told (unknown at preview, cluster-scoped, not Kubernetes).
     */
    namespace?: string;
    /** Glob over the container name; pod-level findings never match a container selector. */
    container?: string;
    /**
     * Glob over the image, registry-normalized (`nginx` = `docker.io/library/nginx`), matching the whole reference or
     * the reference cut before a path component, tag or digest (engine/glob.ts matchesImageGlob); pod-level findings
     * need every container to match.
     */
    image?: string;
}

export interface Exemption {
    /** Shown in every note and message; defaults to `<policy> exemptions[i]`. */
    id?: string;
    /** Check IDs waived. Exactly one of checks / policies. */
    checks?: string[];
    /** Policy names waived as a whole (in a policy's own list: that policy). */
    policies?: string[];
    match: ExemptionMatch;
    reason: string;
    /** ISO date (`2026-12-31`, valid through that day UTC) or date-time after which the exemption no longer applies. */
    expires: string;
    owner?: string;
}

/** In-code exemption keys: Kubernetes annotations on the resource itself, Docker container labels. */
export const IN_CODE_EXEMPTION = {
    checks: "isolation-guard.io/exempt",
    reason: "isolation-guard.io/exempt-reason",
    expires: "isolation-guard.io/exempt-expires",
    owner: "isolation-guard.io/exempt-owner",
} as const;

export interface ActiveExemption extends Omit<Exemption, "id"> {
    /** How messages name it, quoted or descriptive. */
    label: string;
    /** Position in the policy's config list; undefined for in-code exemptions. */
    index?: number;
}

// Only dates that exist: JavaScript's Date rolls `2099-02-30` over to March 2 and the engine's schema check cannot
// compare, so the calendar is in the pattern itself (Gregorian leap years: every 4th year, but of the centuries only
// every 400th), and the clock too (hours 00-23, minutes and seconds 00-59: `24:00` would roll over as well). One
// pattern serves the engine's schema check (Go's RE2: no look-arounds or back-references) and expiryOf below.
const DAY_31 = "(0[1-9]|[12]\\d|3[01])";
const DAY_30 = "(0[1-9]|[12]\\d|30)";
const DAY_28 = "(0[1-9]|1\\d|2[0-8])";
const LEAP_YEAR = "(\\d\\d(0[48]|[2468][048]|[13579][26])|([02468][048]|[13579][26])00)";
const CALENDAR_DATE = `(\\d{4}-(0[13578]|1[02])-${DAY_31}|\\d{4}-(0[469]|11)-${DAY_30}|\\d{4}-02-${DAY_28}|${LEAP_YEAR}-02-29)`;
const CLOCK = "([01]\\d|2[0-3]):[0-5]\\d";
export const ISO_DATE = `^${CALENDAR_DATE}(T${CLOCK}(:[0-5]\\d(\\.\\d+)?)?(Z|[+-]${CLOCK}))?$`;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Config schema of the two exemption properties, for configSchemaOf. */
export function exemptionConfigSchema(def: PolicyDefinition): Record<string, PolicyConfigJSONSchema> {
    const checkIds = [...def.checks, ...(def.stackChecks ?? [])].map((c) => c.id);
    const glob = (what: string): PolicyConfigJSONSchema => ({ type: "string", minLength: 1, description: what });
    return {
        exemptions: {
            type: "array",
            default: [],
            description:
                "Time-boxed waivers of this policy's findings. A waived finding is reported as an advisory note naming the exemption; " +
                "after `expires` the violation returns, and an exemption that matches nothing in a stack is reported by unused-exemptions.",
            items: {
                type: "object",
                additionalProperties: false,
                required: ["match", "reason", "expires"],
                properties: {
                    id: {
                        type: "string",
                        minLength: 1,
                        description: "Name shown in notes and messages, e.g. a ticket ID.",
                    },
                    checks: {
                        type: "array",
                        minItems: 1,
                        items: { type: "string", enum: checkIds },
                        description: "Check IDs waived (give checks or policies, not both).",
                    },
                    policies: {
                        type: "array",
                        minItems: 1,
                        items: { type: "string", enum: [def.name] },
                        description: "This policy's name, to waive all of its checks.",
                    },
                    match: {
                        type: "object",
                        minProperties: 1,
                        additionalProperties: false,
                        description:
                            "What is exempt; every field given must match. Globs: `*` any characters, `?` one character.",
                        properties: {
                            urn: glob("Glob over the Pulumi URN."),
                            name: glob(
                                "Glob over the Pulumi resource name or the workload's name (metadata.name, Docker name).",
                            ),
                            type: glob("Glob over the Pulumi type, e.g. kubernetes:apps/v1:*."),
                            namespace: glob(
                                "Glob over the Kubernetes namespace; an object that sets none is in its provider's namespace, else default.",
                            ),
                            container: glob("Glob over the container name."),
                            image: glob(
                                "Glob over the image, registry-normalized (nginx equals docker.io/library/nginx), matching the whole reference or up to a path component, tag or digest: nginx covers nginx:1.27, quay.io/prometheus/* and ghcr.io/acme/ everything under them.",
                            ),
                        },
                    },
                    reason: {
                        type: "string",
                        minLength: 1,
                        description: "Why the risk is accepted; shown with every waived finding.",
                    },
                    expires: {
                        type: "string",
                        pattern: ISO_DATE,
                        description:
                            "ISO date (valid through that day, UTC) or date-time with a zone, after which the violation returns; it must exist in the calendar (2099-02-30 is refused).",
                    },
                    owner: { type: "string", description: "Who answers for the exemption." },
                },
                // JSON schema draft 4 (the engine's validator): exactly one of checks / policies.
                oneOf: [{ required: ["checks"] }, { required: ["policies"] }],
            } as PolicyConfigJSONSchema,
        },
        allowInCodeExemptions: {
            type: "boolean",
            default: false,
            description:
                `Honor exemptions written on the resource itself (annotation or Docker label ${IN_CODE_EXEMPTION.checks} with check IDs, ` +
                `plus ${IN_CODE_EXEMPTION.reason} and ${IN_CODE_EXEMPTION.expires}). Off: whoever writes a resource should not exempt it.`,
        },
    };
}

/**
 * The instant after which an exemption no longer applies; NaN for an unreadable date, or one that is not in the
 * calendar (`2099-02-30`, `2025-13-01`): such an exemption is malformed and waives nothing.
 */
export function expiryOf(expires: string): number {
    if (!new RegExp(ISO_DATE).test(expires)) return Number.NaN;
    return /^\d{4}-\d{2}-\d{2}$/.test(expires) ? Date.parse(`${expires}T00:00:00Z`) + DAY_MS : Date.parse(expires);
}

export function isExpired(e: ActiveExemption, now: Date): boolean {
    const at = expiryOf(e.expires);
    return Number.isNaN(at) || now.getTime() >= at;
}

function stringList(v: unknown): string[] | undefined {
    return Array.isArray(v) && v.length > 0 && v.every((s) => typeof s === "string") ? v : undefined;
}

/** The policy's configured exemptions. Entries the engine would have rejected (the scan CLI reads files as given) waive nothing. */
export function configuredExemptions(def: PolicyDefinition, config: PolicyConfig): ActiveExemption[] {
    const list = Array.isArray(config.exemptions) ? config.exemptions : [];
    const out: ActiveExemption[] = [];
    list.forEach((e: unknown, index) => {
        if (!isPlainObject(e) || !isPlainObject(e.match) || Object.keys(e.match).length === 0) return;
        if (typeof e.reason !== "string" || e.reason === "" || typeof e.expires !== "string") return;
        const checks = stringList(e.checks);
        const policies = stringList(e.policies);
        // As the schema: a list that is given must be a non-empty list of strings, and exactly one is given.
        if ((e.checks !== undefined && !checks) || (e.policies !== undefined && !policies)) return;
        if ((checks === undefined) === (policies === undefined)) return;
        const match: ExemptionMatch = {};
        for (const k of ["urn", "name", "type", "namespace", "container", "image"] as const) {
            const v = e.match[k];
            if (typeof v === "string") match[k] = v;
            else if (v !== undefined) return;
        }
        const id = typeof e.id === "string" && e.id !== "" ? e.id : undefined;
        out.push({
            label: id ? `"${clean(id)}"` : `${def.name} exemptions[${index}]`,
            checks,
            policies,
            match,
            reason: e.reason,
            expires: e.expires,
            owner: typeof e.owner === "string" && e.owner !== "" ? e.owner : undefined,
            index,
        });
    });
    return out;
}
