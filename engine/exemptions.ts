// Exemptions: narrow, time-boxed, visible waivers of a policy's findings.
//
// Where they live: in each policy's own config (`exemptions`), because that is all the engine hands a policy —
// `args.getConfig()` returns only that policy's properties, and the pack config's `all` key carries an enforcement
// level only (pulumi/pulumi pkg/resource/analyzer/config.go, applyConfig). A list in one dedicated policy could not
// be read by the others, least of all during Remediate, which runs before any analysis. Per-policy lists work
// unchanged in `--policy-pack-config` files, in Pulumi Cloud policy groups and in the scan CLI.
//
// Applied inside evaluate(), so the pack and the scan CLI waive identically. A waived finding is never dropped: it
// becomes an advisory note naming the exemption. An expired exemption stops applying and says so in the violation.
import { matchesGlob } from "./glob";
import type { PolicyConfigJSONSchema } from "@pulumi/policy/schema";
import { isPlainObject } from "../model/read";
import { Workload } from "../model/workload";
import type { Diagnostic, PolicyConfig, PolicyDefinition } from "./types";
import { clean } from "./format";
import { imageHasPrefix } from "./images";
import { dialectOf } from "./dialect";

/** What an exemption selects; every field given must match. Globs: `*` any run of characters, `?` one character. */
export interface ExemptionMatch {
    /** Glob over the Pulumi URN. */
    urn?: string;
    /** Glob over the Pulumi resource name or the workload's own name (metadata.name, Docker name). */
    name?: string;
    /** Glob over the Pulumi type token, e.g. `kubernetes:apps/v1:*`. */
    type?: string;
    /** Glob over the Kubernetes namespace (only matches resources that set one). */
    namespace?: string;
    /** Glob over the container name; pod-level findings never match a container selector. */
    container?: string;
    /** Image prefix, registry-normalized (`nginx` = `docker.io/library/nginx`); pod-level findings need every container to match. */
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

/** Who the findings are about, beyond the workload model: the engine's URN and resource name. */
export interface ExemptionContext {
    urn?: string;
    resourceName?: string;
    /** The clock expiries are judged against; now when absent. */
    now?: Date;
    /** Records which exemptions matched, for the stack-wide unused-exemption report. */
    usage?: ExemptionUsage;
}

/** In-code exemption keys: Kubernetes annotations on the resource itself, Docker container labels. */
export const IN_CODE_EXEMPTION = {
    checks: "isolation-guard.io/exempt",
    reason: "isolation-guard.io/exempt-reason",
    expires: "isolation-guard.io/exempt-expires",
    owner: "isolation-guard.io/exempt-owner",
} as const;

interface ActiveExemption extends Omit<Exemption, "id"> {
    /** How messages name it, quoted or descriptive. */
    label: string;
    /** Position in the policy's config list; undefined for in-code exemptions. */
    index?: number;
}

const ISO_DATE = "^\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:\\d{2}))?$";
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
                            namespace: glob("Glob over the Kubernetes namespace."),
                            container: glob("Glob over the container name."),
                            image: glob(
                                "Image prefix, registry-normalized: nginx equals docker.io/library/nginx; ghcr.io/acme/ covers that registry path.",
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
                            "ISO date (valid through that day, UTC) or date-time after which the violation returns.",
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

/** The instant after which an exemption no longer applies; NaN for an unreadable date (treated as expired). */
export function expiryOf(expires: string): number {
    if (!new RegExp(ISO_DATE).test(expires)) return Number.NaN;
    return /^\d{4}-\d{2}-\d{2}$/.test(expires) ? Date.parse(`${expires}T00:00:00Z`) + DAY_MS : Date.parse(expires);
}

function isExpired(e: ActiveExemption, now: Date): boolean {
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

function ownValue(map: Readonly<Record<string, string>>, key: string): string | undefined {
    return Object.prototype.hasOwnProperty.call(map, key) ? map[key] : undefined;
}

/** An exemption written on the resource (annotations; Docker: labels), or why one there is ignored. */
function inCodeExemption(w: Workload, allowed: boolean): { exemption?: ActiveExemption; ignored?: string } {
    const carrierName = dialectOf(w).exemptionsIn;
    const carrier = w[carrierName];
    const where = carrierName === "labels" ? "label" : "annotation";
    const ids = ownValue(carrier, IN_CODE_EXEMPTION.checks);
    if (ids === undefined) return {};
    if (!allowed)
        return {
            ignored: `its ${where} ${IN_CODE_EXEMPTION.checks} is ignored: allowInCodeExemptions is off in the pack config`,
        };
    const reason = ownValue(carrier, IN_CODE_EXEMPTION.reason);
    const expires = ownValue(carrier, IN_CODE_EXEMPTION.expires);
    if (!reason || !expires) {
        return {
            ignored: `its ${where} ${IN_CODE_EXEMPTION.checks} is ignored: it needs ${IN_CODE_EXEMPTION.reason} and ${IN_CODE_EXEMPTION.expires}`,
        };
    }
    const names = ids
        .split(",")
        .map((s) => s.trim())
        .filter((s) => s !== "");
    // One list names checks and policies alike; matching treats each name as either.
    return {
        exemption: {
            label: `${where} ${IN_CODE_EXEMPTION.checks}`,
            checks: names,
            policies: names,
            match: {},
            reason,
            expires,
            owner: ownValue(carrier, IN_CODE_EXEMPTION.owner),
        },
    };
}

/** What a finding is about, as far as exemptions can select it. */
interface Subject {
    check: string;
    /** Absent for stack-check findings about a non-workload resource (a RuntimeClass, a Docker host). */
    workload?: Workload;
    container?: string;
    urn?: string;
    resourceName?: string;
    type?: string;
}

function matches(e: ActiveExemption, s: Subject, policy: string): boolean {
    if (!(e.checks?.includes(s.check) || e.policies?.includes(policy))) return false;
    const m = e.match;
    const w = s.workload;
    if (m.urn !== undefined && !(s.urn !== undefined && matchesGlob(s.urn, m.urn))) return false;
    if (
        m.name !== undefined &&
        !(
            (s.resourceName !== undefined && matchesGlob(s.resourceName, m.name)) ||
            (w !== undefined && matchesGlob(w.name, m.name))
        )
    )
        return false;
    if (m.type !== undefined && !(s.type !== undefined && matchesGlob(s.type, m.type))) return false;
    if (m.namespace !== undefined && !(w?.namespace !== undefined && matchesGlob(w.namespace, m.namespace)))
        return false;
    if (m.container !== undefined && !(s.container !== undefined && matchesGlob(s.container, m.container)))
        return false;
    if (m.image !== undefined) {
        const prefix = m.image;
        const containers = w
            ? s.container !== undefined
                ? w.containers.filter((c) => c.name === s.container)
                : w.containers
            : [];
        if (!containers.length || !containers.every((c) => c.image !== undefined && imageHasPrefix(c.image, prefix)))
            return false;
    }
    return true;
}

function describe(e: ActiveExemption): string {
    const owner = e.owner ? `; owner: ${clean(e.owner)}` : "";
    return `(reason: ${clean(e.reason)}${owner}; expires ${clean(e.expires)})`;
}

interface Waivable {
    message: string;
    advisory: boolean;
    exemption?: string;
}

/** The verdict on one violation: waived (a note naming the exemption), or kept with any expiry or in-code remarks. */
function judgeViolation<T extends Waivable>(
    d: T,
    candidates: ActiveExemption[],
    now: Date,
    ignoredInCode: string | undefined,
): T {
    const active = candidates.find((e) => !isExpired(e, now));
    if (active)
        return {
            ...d,
            advisory: true,
            exemption: active.label,
            message: `${d.message} — waived by exemption ${active.label} ${describe(active)}`,
        };
    const notes = candidates.map(
        (e) => `exemption ${e.label} expired on ${clean(e.expires)} and no longer applies; renew or remove it`,
    );
    if (ignoredInCode) notes.push(ignoredInCode);
    return notes.length ? { ...d, message: `${d.message} — ${notes.join("; ")}` } : d;
}

/**
 * Turns each violation an unexpired exemption matches into an advisory note naming it; a violation matched only by
 * expired exemptions stays, saying they expired. Notes and advisory findings pass through untouched.
 */
export function applyExemptions(
    def: PolicyDefinition,
    diagnostics: Diagnostic[],
    config: PolicyConfig,
    at: ExemptionContext = {},
): Diagnostic[] {
    const configured = configuredExemptions(def, config);
    at.usage?.observe(def.name, config.exemptions, configured);
    const allowInCode = config.allowInCodeExemptions === true;
    const now = at.now ?? new Date();
    const inCode = new Map<Workload, ReturnType<typeof inCodeExemption>>();
    return diagnostics.map((d) => {
        if (d.advisory) return d;
        let own = inCode.get(d.workload);
        if (!own) inCode.set(d.workload, (own = inCodeExemption(d.workload, allowInCode)));
        const subject: Subject = {
            check: d.check,
            workload: d.workload,
            container: d.container,
            urn: at.urn,
            resourceName: at.resourceName,
            type: d.workload.type,
        };
        const candidates = [...configured, ...(own.exemption ? [own.exemption] : [])].filter((e) =>
            matches(e, subject, def.name),
        );
        for (const e of candidates) if (e.index !== undefined) at.usage?.matched(def.name, e.index);
        return judgeViolation(d, candidates, now, own.exemption ? undefined : own.ignored);
    });
}

/** A stack-level diagnostic (engine/stack.ts): about the resource at `urn`, with its workload when it has one. */
export interface StackWaivable extends Waivable {
    check: string;
    urn: string;
    workload?: Workload;
    container?: string;
}

/** `urn:pulumi:<stack>::<project>::<parent$…$type>::<name>` → type and name; undefined parts when malformed. */
export function urnParts(urn: string): { type?: string; name?: string } {
    const parts = urn.split("::");
    if (parts.length < 4) return {};
    const qualified = parts[2];
    return { type: qualified.slice(qualified.lastIndexOf("$") + 1), name: parts.slice(3).join("::") };
}

/**
 * applyExemptions for stack findings. Diagnostics that carry a workload came from evaluate(), which already applied
 * the exemptions; the rest (stack checks) are matched by URN, name, type and check here. In-code exemptions belong to
 * one resource's own findings and are not consulted.
 */
export function applyStackExemptions<T extends StackWaivable>(
    def: PolicyDefinition,
    diagnostics: T[],
    config: PolicyConfig,
    at: Pick<ExemptionContext, "now" | "usage"> = {},
): T[] {
    const configured = configuredExemptions(def, config);
    at.usage?.observe(def.name, config.exemptions, configured);
    const now = at.now ?? new Date();
    return diagnostics.map((d) => {
        if (d.advisory || d.workload) return d;
        const { type, name } = urnParts(d.urn);
        const candidates = configured.filter((e) =>
            matches(e, { check: d.check, container: d.container, urn: d.urn, resourceName: name, type }, def.name),
        );
        for (const e of candidates) if (e.index !== undefined) at.usage?.matched(def.name, e.index);
        return judgeViolation(d, candidates, now, undefined);
    });
}

/** One configured exemption nothing matched during a run. */
export interface UnusedExemption {
    policy: string;
    label: string;
    reason: string;
    expires: string;
    expired: boolean;
}

/**
 * Which configured exemptions matched anything, across every resource a run analyzed. The pack keeps one per
 * process (the engine starts the pack once per preview/update); a changed list starts over.
 */
export class ExemptionUsage {
    private readonly byPolicy = new Map<string, { key: string; entries: ActiveExemption[]; matched: Set<number> }>();

    observe(policy: string, raw: unknown, entries: ActiveExemption[]): void {
        const key = JSON.stringify(raw ?? []);
        const seen = this.byPolicy.get(policy);
        if (seen && seen.key === key) return;
        this.byPolicy.set(policy, { key, entries, matched: new Set() });
    }

    matched(policy: string, index: number): void {
        this.byPolicy.get(policy)?.matched.add(index);
    }

    unused(now: Date = new Date()): UnusedExemption[] {
        const out: UnusedExemption[] = [];
        for (const [policy, { entries, matched }] of this.byPolicy) {
            for (const e of entries) {
                if (e.index !== undefined && !matched.has(e.index)) {
                    out.push({
                        policy,
                        label: e.label,
                        reason: e.reason,
                        expires: e.expires,
                        expired: isExpired(e, now),
                    });
                }
            }
        }
        return out;
    }
}

export function renderUnusedExemption(u: UnusedExemption): string {
    const expired = u.expired ? ` and expired on ${clean(u.expires)}` : "";
    return `[unusedExemption] exemption ${u.label} of policy ${u.policy} matches nothing in this stack${expired}; remove it from the pack config (reason given: ${clean(u.reason)})`;
}
