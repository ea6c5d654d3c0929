// Every policy object the pack registers, with what docs/policies.md says about each. index.ts serves these; the
// docs generator and the metadata tests read them without starting a pack.
import { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { resourcePolicy } from "../engine/policy";
import { CheckDoc } from "./docs-metadata";
import { resourcePolicies } from ".";
import { opaqueHelmReleases, opaqueHelmReleasesChecks } from "./opaque-helm-releases";
import { unusedExemptionsPolicy, unusedExemptionsChecks } from "./unused-exemptions";
import { PackRunState } from "../engine/runState";
import { DEFINITION_CHECK_IDS, validateRegistry } from "../engine/registry";
import { PACK_CHECK_IDS } from "../engine/types";
import { policyMetadata } from "./metadata";

export type PackPolicy = ResourceValidationPolicy | StackValidationPolicy;

export interface PolicyEntry {
    policy: PackPolicy;
    checks: CheckDoc[];
}

/**
 * The pack's policies, sharing one pack run's state (which exemptions matched; which unknowns were noted): each call
 * builds a pack of its own, so two packs in one process never see each other's records.
 */
export function packPolicies(run: PackRunState = new PackRunState()): PolicyEntry[] {
    const entries: PolicyEntry[] = [
        ...resourcePolicies.map((def) => ({
            policy: resourcePolicy(def, run),
            checks: [...def.checks, ...(def.stackChecks ?? [])].map((c) => ({
                id: c.id,
                description: c.description,
                defaultOn: def.defaultChecks.includes(c.id),
                remediation: "remediate" in c && c.remediate !== undefined,
            })),
        })),
        { policy: opaqueHelmReleases, checks: opaqueHelmReleasesChecks },
        { policy: unusedExemptionsPolicy(run), checks: unusedExemptionsChecks },
    ];
    // The definitions were validated at load (policies/index.ts); here the pack's own policies join them: one ID, one
    // check, pack-wide.
    validateRegistry(
        entries.map((e) => ({
            name: e.policy.name,
            checks: e.checks,
            defaultChecks: e.checks.filter((c) => c.defaultOn).map((c) => c.id),
        })),
        [...DEFINITION_CHECK_IDS, ...PACK_CHECK_IDS],
    );
    // What Pulumi Cloud shows of each policy: its framework, docs address and tags follow from the checks it registers.
    for (const e of entries)
        Object.assign(
            e.policy,
            policyMetadata(
                e.policy.name,
                e.policy.displayName ?? e.policy.name,
                e.checks.map((c) => c.id),
            ),
        );
    return entries;
}
