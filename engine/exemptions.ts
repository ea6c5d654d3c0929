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
// This file matches and applies them; engine/exemptionConfig.ts reads them from config (and gives their schema),
// engine/exemptionUsage.ts records which matched during a run.
import { matchesGlob, matchesImageGlob } from "./glob";
import { Workload } from "../model/workload";
import type { Diagnostic, PolicyConfig, PolicyDefinition } from "./types";
import { clean } from "./format";
import { ActiveExemption, configuredExemptions, expiryOf, IN_CODE_EXEMPTION, isExpired } from "./exemptionConfig";
import type { ExemptionUsage } from "./exemptionUsage";
import { dialectOf } from "./dialect";
import { workloadNamespaceOf } from "../adapters/shared/namespace";

// The configured side and the usage record live in their own files; re-exported so importers keep one module.
export {
    configuredExemptions,
    exemptionConfigSchema,
    expiryOf,
    IN_CODE_EXEMPTION,
    type Exemption,
    type ExemptionMatch,
} from "./exemptionConfig";
export {
    ExemptionUsage,
    renderBroadExemption,
    renderUnusedExemption,
    type BroadExemption,
    type UnusedExemption,
} from "./exemptionUsage";

/** Who the findings are about, beyond the workload model: the engine's URN and resource name. */
export interface ExemptionContext {
    urn?: string;
    resourceName?: string;
    /** The clock expiries are judged against; now when absent. */
    now?: Date;
    /** Records which exemptions matched, for the stack-wide unused-exemption report. */
    usage?: ExemptionUsage;
    /**
     * The namespace the resource's Kubernetes provider puts objects that set none in (adapters/shared/namespace.ts
     * providerNamespaceOf): a string; null when the provider sets one the pack cannot read; absent when none is known,
     * and then a namespaced object that sets none is in `default`.
     */
    providerNamespace?: string | null;
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
    providerNamespace?: string | null;
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
    if (m.namespace !== undefined) {
        // Where Kubernetes puts the object: an unset namespace is the provider's, else `default` (namespaced kinds).
        const namespace = w && workloadNamespaceOf(w, s.providerNamespace);
        if (namespace === undefined || !matchesGlob(namespace, m.namespace)) return false;
    }
    if (m.container !== undefined && !(s.container !== undefined && matchesGlob(s.container, m.container)))
        return false;
    if (m.image !== undefined) {
        const pattern = m.image;
        const containers = w
            ? s.container !== undefined
                ? w.containers.filter((c) => c.name === s.container)
                : w.containers
            : [];
        if (!containers.length || !containers.every((c) => c.image !== undefined && matchesImageGlob(c.image, pattern)))
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

/** Which resource the configured exemption that waives this violation (the first unexpired one) waived. */
function recordWaiver(
    usage: ExemptionUsage | undefined,
    policy: string,
    candidates: ActiveExemption[],
    now: Date,
    resource: string,
): void {
    const active = candidates.find((e) => !isExpired(e, now));
    if (active?.index !== undefined) usage?.waived(policy, active.index, resource);
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
    const notes = candidates.map((e) =>
        // Not a date in the calendar (2099-02-30): malformed, never read as the day JavaScript's Date rolls it to.
        Number.isNaN(expiryOf(e.expires))
            ? `exemption ${e.label} has expires ${JSON.stringify(clean(e.expires))}, which is not a real ISO date or date-time, so it waives nothing; correct it`
            : `exemption ${e.label} expired on ${clean(e.expires)} and no longer applies; renew or remove it`,
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
            providerNamespace: at.providerNamespace,
        };
        const candidates = [...configured, ...(own.exemption ? [own.exemption] : [])].filter((e) =>
            matches(e, subject, def.name),
        );
        for (const e of candidates) if (e.index !== undefined) at.usage?.matched(def.name, e.index);
        recordWaiver(at.usage, def.name, candidates, now, at.urn ?? d.workload.name);
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
        recordWaiver(at.usage, def.name, candidates, now, d.urn);
        return judgeViolation(d, candidates, now, undefined);
    });
}
