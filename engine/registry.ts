// The check registry's invariants, checked when the pack loads (as kubernetes/pod-security-admission validates its
// check registry at start-up, policy/registry.go): a bad definition fails loudly at once, naming the offender, instead
// of judging with a check nobody can switch, exempt or find.
// - every check ID is unique across the pack (config `checks`, exemptions and messages name checks by ID alone);
// - a policy's `defaultChecks` and a check's `replaces` name checks of that same policy;
// - every registered ID (engine/types.ts CHECK_IDS, STACK_CHECK_IDS, and the pack's own) belongs to exactly one
//   policy, and every check a policy has is registered;
// - no check is introduced at a PSS version newer than the PSS tables know (it could never be judged by name).
import { NEWEST_KNOWN_PSS_VERSION } from "./pssTables";
import { CHECK_IDS, PolicyDefinition, STACK_CHECK_IDS } from "./types";

/** What the registry needs to know of a policy; PolicyDefinitions and the pack's plain policies both give it. */
export interface RegisteredPolicy {
    name: string;
    checks: ReadonlyArray<{ id: string; replaces?: readonly string[]; since?: number }>;
    /** IDs that run unless config switches them off. */
    defaultChecks: readonly string[];
}

export class CheckRegistryError extends Error {
    constructor(message: string) {
        super(`isolation-guard check registry: ${message}`);
        this.name = "CheckRegistryError";
    }
}

/** A PolicyDefinition's checks, resource and stack, as the registry sees them. */
export function registeredPolicyOf(def: PolicyDefinition): RegisteredPolicy {
    return { name: def.name, checks: [...def.checks, ...(def.stackChecks ?? [])], defaultChecks: def.defaultChecks };
}

/** Every ID the PolicyDefinitions register: resource and stack checks. */
export const DEFINITION_CHECK_IDS: readonly string[] = [...CHECK_IDS, ...STACK_CHECK_IDS];

/** Throws a CheckRegistryError naming the first violation; returns quietly when the registry holds. */
export function validateRegistry(policies: readonly RegisteredPolicy[], registeredIds: readonly string[]): void {
    const owner = new Map<string, string>();
    for (const p of policies) {
        const own = new Set<string>();
        for (const c of p.checks) {
            const first = owner.get(c.id);
            if (first !== undefined)
                throw new CheckRegistryError(
                    first === p.name
                        ? `check "${c.id}" is registered twice by policy "${p.name}"`
                        : `check "${c.id}" is registered by two policies, "${first}" and "${p.name}"`,
                );
            owner.set(c.id, p.name);
            own.add(c.id);
        }
        for (const id of p.defaultChecks) {
            if (!own.has(id))
                throw new CheckRegistryError(
                    `policy "${p.name}" lists "${id}" in defaultChecks, which is not one of its checks`,
                );
        }
        for (const c of p.checks) {
            for (const id of c.replaces ?? []) {
                if (!own.has(id))
                    throw new CheckRegistryError(
                        `check "${c.id}" of policy "${p.name}" replaces "${id}", which is not one of that policy's checks`,
                    );
                if (id === c.id) throw new CheckRegistryError(`check "${c.id}" of policy "${p.name}" replaces itself`);
            }
            if (c.since !== undefined && c.since > NEWEST_KNOWN_PSS_VERSION)
                throw new CheckRegistryError(
                    `check "${c.id}" of policy "${p.name}" is introduced at v1.${c.since}, newer than the PSS tables know (v1.${NEWEST_KNOWN_PSS_VERSION})`,
                );
        }
    }
    const registered = new Set<string>();
    for (const id of registeredIds) {
        if (registered.has(id)) throw new CheckRegistryError(`check ID "${id}" is listed twice in the registry`);
        registered.add(id);
        if (!owner.has(id)) throw new CheckRegistryError(`check ID "${id}" is registered but no policy has it`);
    }
    for (const [id, policy] of owner) {
        if (!registered.has(id))
            throw new CheckRegistryError(`check "${id}" of policy "${policy}" is not a registered check ID`);
    }
}
