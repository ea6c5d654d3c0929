// An organization's own policy pack that composes isolation-guard's policies with one policy of its own.
import { PolicyPack, ResourceValidationPolicy } from "@pulumi/policy";
import { isolationGuardPolicies } from "isolation-guard";

/** The organization's own rule: every Kubernetes Deployment names its owning team in an `owner` label. */
const requireOwnerLabel: ResourceValidationPolicy = {
    name: "require-owner-label",
    description: "Kubernetes Deployments carry an `owner` label naming the team that runs them.",
    enforcementLevel: "mandatory",
    validateResource: (args, reportViolation) => {
        if (args.type !== "kubernetes:apps/v1:Deployment") return;
        const labels: Record<string, unknown> = args.props.metadata?.labels ?? {};
        if (typeof labels.owner !== "string" || labels.owner === "")
            reportViolation(`Deployment "${args.name}" has no owner label`);
    },
};

new PolicyPack("org-policies", { policies: [...isolationGuardPolicies(), requireOwnerLabel] });
