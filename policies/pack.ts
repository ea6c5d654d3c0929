// Every policy object the pack registers, with what docs/policies.md says about each. index.ts serves these; the
// docs generator and the metadata tests read them without starting a pack.
import { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { resourcePolicy } from "../engine/policy";
import { CheckDoc } from "./docs-metadata";
import { resourcePolicies } from ".";
import { opaqueHelmReleases, opaqueHelmReleasesChecks } from "./opaque-helm-releases";
import { unusedExemptions, unusedExemptionsChecks } from "./unused-exemptions";

export type PackPolicy = ResourceValidationPolicy | StackValidationPolicy;

export interface PolicyEntry {
    policy: PackPolicy;
    checks: CheckDoc[];
}

export function packPolicies(): PolicyEntry[] {
    return [
        ...resourcePolicies.map((def) => ({
            policy: resourcePolicy(def),
            checks: [...def.checks, ...(def.stackChecks ?? [])].map((c) => ({
                id: c.id,
                description: c.description,
                defaultOn: def.defaultChecks.includes(c.id),
                remediation: "remediate" in c && c.remediate !== undefined,
            })),
        })),
        { policy: opaqueHelmReleases, checks: opaqueHelmReleasesChecks },
        { policy: unusedExemptions, checks: unusedExemptionsChecks },
    ];
}
