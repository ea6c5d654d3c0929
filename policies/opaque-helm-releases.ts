// Reports Helm v3 Releases, whose rendered pods no policy can see (engine/opaque.ts). Advisory by default; a
// platform that must judge every pod sets it mandatory (presets/multi-tenant-strict.json).
import { ResourceValidationPolicy } from "@pulumi/policy";
import { HELM_RELEASE_CHECK, isHelmRelease, opaqueResourceFinding } from "../engine/opaque";
import { rawProps } from "../engine/hooks";
import { CheckDoc, checkEnabled, checksOnlySchema } from "./docs-metadata";

export const opaqueHelmReleasesChecks: CheckDoc[] = [
    {
        id: HELM_RELEASE_CHECK,
        description:
            "A kubernetes:helm.sh/v3:Release (any version) is reported: its rendered pods never reach the policy engine.",
        defaultOn: true,
        remediation: false,
    },
];

export const opaqueHelmReleases: ResourceValidationPolicy = {
    name: "opaque-helm-releases",
    displayName: "Opaque Helm releases",
    description: "Helm v3 Releases are opaque to policies: the pods they render are never judged.",
    enforcementLevel: "advisory",
    severity: "medium",
    remediationSteps:
        "Deploy the chart with kubernetes.helm.v4.Chart (same chart, repository and values): it renders the chart in the " +
        "program and registers every object as a child resource, so this pack judges its pods. Until then, review the " +
        "chart's rendered manifests (helm template) by hand.",
    configSchema: checksOnlySchema(opaqueHelmReleasesChecks),
    validateResource: (args, reportViolation) => {
        // Only Helm v3 Releases concern this policy: Pulumi Cloud counts the rest as not applicable, not compliant.
        if (!isHelmRelease(args.type) && typeof args.notApplicable === "function")
            args.notApplicable(`opaque-helm-releases concerns Helm v3 Releases only, not ${args.type}`);
        if (!checkEnabled(args.getConfig(), opaqueHelmReleasesChecks[0])) return;
        const message = opaqueResourceFinding(args.type, args.name, rawProps(args.props));
        if (message) reportViolation(message);
    },
};
