// Which configured exemptions matched anything during a run, for the unused-exemptions stack policy. One per pack
// run (engine/runState.ts), never shared between packs.
import { ActiveExemption, expiryOf, isExpired } from "./exemptionConfig";
import { clean } from "./format";

/** One configured exemption nothing matched during a run. */
export interface UnusedExemption {
    policy: string;
    label: string;
    reason: string;
    expires: string;
    expired: boolean;
}

/** One configured exemption that selects by name alone and waived findings of more than one resource. */
export interface BroadExemption {
    policy: string;
    label: string;
    name: string;
    /** The resources it waived (URNs), sorted. */
    resources: string[];
}

/**
 * A `match` whose only selectors are name-like: a name is no identity across kinds, namespaces or clusters (a
 * Deployment "agent" and a Pod "agent" in another namespace, or another stack's cluster), and `container` and `image`
 * narrow nothing of that. Once it waives more than one resource it is reported (the pack cannot tell an intended
 * family from an accident).
 */
export function selectsByNameAlone(e: ActiveExemption): boolean {
    const m = e.match;
    return m.name !== undefined && m.type === undefined && m.namespace === undefined && m.urn === undefined;
}

/**
 * Which configured exemptions matched anything, across every resource a run analyzed. The pack keeps one per
 * process (the engine starts the pack once per preview/update); a changed list starts over.
 */
export class ExemptionUsage {
    private readonly byPolicy = new Map<
        string,
        { key: string; entries: ActiveExemption[]; matched: Set<number>; waived: Map<number, Set<string>> }
    >();

    observe(policy: string, raw: unknown, entries: ActiveExemption[]): void {
        const key = JSON.stringify(raw ?? []);
        const seen = this.byPolicy.get(policy);
        if (seen && seen.key === key) return;
        this.byPolicy.set(policy, { key, entries, matched: new Set(), waived: new Map() });
    }

    matched(policy: string, index: number): void {
        this.byPolicy.get(policy)?.matched.add(index);
    }

    /** The exemption at `index` waived a finding of `resource` (its URN, or its name when no URN is known). */
    waived(policy: string, index: number, resource: string): void {
        const seen = this.byPolicy.get(policy);
        if (!seen) return;
        let resources = seen.waived.get(index);
        if (!resources) seen.waived.set(index, (resources = new Set()));
        resources.add(resource);
    }

    /** Exemptions that select by name alone and waived more than one resource. */
    broad(): BroadExemption[] {
        const out: BroadExemption[] = [];
        for (const [policy, { entries, waived }] of this.byPolicy) {
            for (const e of entries) {
                const resources = e.index === undefined ? undefined : waived.get(e.index);
                if (resources && resources.size > 1 && selectsByNameAlone(e))
                    out.push({
                        policy,
                        label: e.label,
                        name: e.match.name as string,
                        resources: [...resources].sort(),
                    });
            }
        }
        return out;
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
    const expired = Number.isNaN(expiryOf(u.expires))
        ? `, and its expires ${JSON.stringify(clean(u.expires))} is not a real date`
        : u.expired
          ? ` and expired on ${clean(u.expires)}`
          : "";
    return `[unusedExemption] exemption ${u.label} of policy ${u.policy} matches nothing in this stack${expired}; remove it from the pack config (reason given: ${clean(u.reason)})`;
}

export function renderBroadExemption(b: BroadExemption): string {
    return (
        `[broadExemption] exemption ${b.label} of policy ${b.policy} selects by name alone (${JSON.stringify(clean(b.name))}: ` +
        `any kind, namespace or cluster) and waived ${b.resources.length} resources: ${b.resources.map((r) => clean(r)).join(", ")}; ` +
        `add type, namespace or urn to its match so it waives only what it was granted for`
    );
}
