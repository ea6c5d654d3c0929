// Reports configured exemptions that matched nothing in the stack, so stale waivers get removed instead of
// silently outliving the workload they were granted for. A stack policy: it runs once per preview/update, after
// every resource was analyzed, and reads what the pack's policies recorded in the pack run's state (engine/runState.ts),
// which packPolicies() hands it: nothing is shared through module state.
import { StackValidationPolicy } from "@pulumi/policy";
import { renderBroadExemption, renderUnusedExemption } from "../engine/exemptions";
import { completeExemptionUsage, report } from "../engine/policy";
import { PackRunState } from "../engine/runState";
import { CheckDoc, checkEnabled, checksOnlySchema } from "./docs-metadata";

export const unusedExemptionsChecks: CheckDoc[] = [
    {
        id: "unusedExemption",
        description: "An exemption in a policy's config that matched no finding of any resource in the stack.",
        defaultOn: true,
        remediation: false,
    },
    {
        id: "broadExemption",
        description:
            "An exemption whose match selects by name alone (no type, namespace or urn), so it matches any kind, " +
            "namespace or cluster, and that waived findings of more than one resource.",
        defaultOn: true,
        remediation: false,
    },
];

/** The unused-exemptions policy of one pack run: it reports what that run's policies left unused. */
export const unusedExemptionsPolicy = (run: PackRunState): StackValidationPolicy => ({
    name: "unused-exemptions",
    displayName: "Unused exemptions",
    description:
        "Exemptions in the pack config must match something in the stack; stale ones are reported (always as advisory notes) for removal.",
    enforcementLevel: "advisory",
    severity: "low",
    remediationSteps:
        "Remove the exemption from the policy's `exemptions` list in the pack config (or the Pulumi Cloud policy group), " +
        "or narrow its `match` to what it was meant for. Stacks that run only some resources (--target) may report " +
        "exemptions for resources they skipped.",
    configSchema: checksOnlySchema(unusedExemptionsChecks),
    validateStack: (args, reportViolation) => {
        const config = args.getConfig<Record<string, unknown>>();
        const unused = checkEnabled(config, unusedExemptionsChecks[0]);
        const broad = checkEnabled(config, unusedExemptionsChecks[1]);
        if (!unused && !broad) return;
        // The stack passes the engine has not run yet may still use an exemption: run them first.
        completeExemptionUsage(run, args);
        // Always a note: a stale or broad waiver is housekeeping, and `all: mandatory` must not turn it into a
        // failed deploy.
        if (unused)
            for (const u of run.exemptionUsage.unused())
                report(reportViolation, { message: renderUnusedExemption(u), advisory: true });
        if (broad)
            for (const b of run.exemptionUsage.broad())
                report(reportViolation, { message: renderBroadExemption(b), advisory: true });
    },
});
