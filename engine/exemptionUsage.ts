// Which configured exemptions matched anything during a run, for the unused-exemptions stack policy. One per pack
// run (engine/runState.ts), never shared between packs.
import { ActiveExemption, isExpired } from "./exemptionConfig";
import { clean } from "./format";

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
