// Reports configured exemptions that matched nothing in the stack, so stale waivers get removed instead of
// silently outliving the workload they were granted for. A stack policy: it runs once per preview/update, after
// every resource was analyzed, and reads what the resource policies recorded (engine/exemptions.ts ExemptionUsage).
import { StackValidationPolicy } from "@pulumi/policy";
import { renderUnusedExemption } from "../engine/exemptions";
import { exemptionUsage, report } from "../engine/policy";
import { CheckDoc, checkEnabled, checksOnlySchema } from "./docs-metadata";

export const unusedExemptionsChecks: CheckDoc[] = [
    {
        id: "unusedExemption",
        description: "An exemption in a policy's config that matched no finding of any resource in the stack.",
        defaultOn: true,
        remediation: false,
    },
];

export const unusedExemptions: StackValidationPolicy = {
    name: "unused-exemptions",
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
        if (!checkEnabled(args.getConfig(), unusedExemptionsChecks[0])) return;
        // Always a note: a stale waiver is housekeeping, and `all: mandatory` must not turn it into a failed deploy.
        for (const u of exemptionUsage.unused())
            report(reportViolation, { message: renderUnusedExemption(u), advisory: true });
    },
};
