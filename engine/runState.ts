// What one pack run (one preview or update: the engine starts the pack once for it) remembers across its policies. One
// per pack, created by policies/pack.ts packPolicies() and handed to every policy it builds, so two packs in one
// process (a composed pack and this one, or tests) never see each other's records, and nothing lives at module level.
import { ExemptionUsage } from "./exemptionUsage";
import type { PolicyConfig, PolicyDefinition } from "./types";

export class PackRunState {
    /** Which configured exemptions matched, for the unused-exemptions stack policy. */
    readonly exemptionUsage = new ExemptionUsage();
    /**
     * Unknown fields already noted per resource inputs object, so a preview notes each once however many policies
     * defer on it (deliberately shared by the pack's policies; keyed weakly, it lives as long as the request).
     */
    readonly notedUnknowns = new WeakMap<object, Set<string>>();
    /** Each stack-running policy's last config (from its Analyze or AnalyzeStack calls), by policy name. */
    private readonly configs = new Map<string, { def: PolicyDefinition; config: PolicyConfig }>();
    /** Stacks each policy's stack pass has already judged (by fingerprint), by policy name. */
    private readonly stackPassesDone = new Map<string, string>();

    /** The noted set for one resource's inputs object. */
    notedFor(inputs: object): Set<string> {
        let noted = this.notedUnknowns.get(inputs);
        if (!noted) this.notedUnknowns.set(inputs, (noted = new Set()));
        return noted;
    }

    /** Remembers the config a policy ran under, for completeStackPasses. */
    rememberConfig(def: PolicyDefinition, config: PolicyConfig): void {
        this.configs.set(def.name, { def, config });
    }

    /** Records that `policy`'s stack pass judged the stack with this fingerprint. */
    stackPassDone(policy: string, stack: string): void {
        this.stackPassesDone.set(policy, stack);
    }

    /**
     * Runs, for every policy seen in this run whose stack pass has not judged this stack yet, that pass (via `pass`),
     * so the exemption usage is complete whatever order the engine calls the stack policies in.
     */
    completeStackPasses(stack: string, pass: (def: PolicyDefinition, config: PolicyConfig) => void): void {
        for (const { def, config } of this.configs.values()) {
            if (this.stackPassesDone.get(def.name) === stack) continue;
            pass(def, config);
            this.stackPassesDone.set(def.name, stack);
        }
    }
}
