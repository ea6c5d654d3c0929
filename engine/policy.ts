// Turns a PolicyDefinition into the @pulumi/policy object the engine calls. The only place that knows the engine API.
import { ReportViolation, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { workloadsOf } from "../adapters";
import { customResourcePodSpecsOf } from "../adapters/crd";
import { stackModelOf } from "../adapters/stack";
import { StackResource } from "../model/stack";
import { configSchemaOf, evaluate, runsOnStack } from "./evaluate";
import type { Diagnostic, PolicyConfig, PolicyDefinition } from "./types";
import { rawProps, secretsOf } from "./hooks";
import { safeText, SecretValues } from "./format";
import { evaluateStack, StackDiagnostic } from "./stack";
import { ExemptionUsage } from "./exemptions";
import { hasRemediation, remediateInputs } from "./remediation";

/** Which configured exemptions matched in this run, for the unused-exemptions stack policy (policies/unused-exemptions.ts). */
export const exemptionUsage = new ExemptionUsage();

/** The object form of reportViolation (supported by @pulumi/policy's server, absent from its typings). */
interface ViolationInfo {
    message: string;
    enforcementLevel?: "advisory";
    /** The resource at fault (stack policies); the object form takes it here, not as the second argument. */
    urn?: string;
}

/** Unknown fields already noted for a resource, so a preview shows each once however many policies defer on it. */
const notedUnknowns = new WeakMap<object, Set<string>>();

export function report(
    reportViolation: ReportViolation,
    d: Pick<Diagnostic, "message" | "advisory">,
    urn?: string,
): void {
    if (d.advisory) {
        const info: ViolationInfo = { message: d.message, enforcementLevel: "advisory", urn };
        (reportViolation as unknown as (info: ViolationInfo, urn?: string) => void)(info, urn);
    } else {
        reportViolation(d.message, urn);
    }
}

/**
 * Never fail a preview with a stack trace, and never pass what could not be judged. The error text may quote inputs:
 * one line, bounded, secrets redacted.
 */
function internalError(def: PolicyDefinition, what: "resource" | "stack", e: unknown, secrets: SecretValues): string {
    return `[internal] ${def.name} could not evaluate this ${what} (${safeText(e instanceof Error ? e.message : String(e), secrets)}); treated as a violation`;
}

/** The stack tags as a plain record (the engine hands a frozen map). */
function tagsOf(tags: ReadonlyMap<string, string> | undefined): Record<string, string> {
    return tags ? Object.fromEntries(tags.entries()) : {};
}

/** A policy object; with stack checks it also has validateStack, which the engine runs under the same name. */
export function resourcePolicy(
    def: PolicyDefinition,
): ResourceValidationPolicy & Partial<Pick<StackValidationPolicy, "validateStack">> {
    const policy: ResourceValidationPolicy & Partial<Pick<StackValidationPolicy, "validateStack">> = {
        name: def.name,
        description: def.description,
        enforcementLevel: def.enforcementLevel,
        severity: def.severity,
        remediationSteps: def.remediationSteps,
        configSchema: configSchemaOf(def),
        validateResource: (args, reportViolation) => {
            const raw = rawProps(args.props);
            let diagnostics: Diagnostic[];
            try {
                const config = args.getConfig<PolicyConfig>();
                const podSpecs = customResourcePodSpecsOf(config.customResourcePodSpecs);
                const workloads = workloadsOf(args.type, args.name, raw, podSpecs);
                if (!workloads.length) return;
                let noted = notedUnknowns.get(raw);
                if (!noted) notedUnknowns.set(raw, (noted = new Set()));
                diagnostics = evaluate(
                    def,
                    workloads,
                    config,
                    secretsOf(raw),
                    noted,
                    { stackTags: tagsOf(args.stackTags) },
                    {
                        urn: args.urn,
                        resourceName: args.name,
                        usage: exemptionUsage,
                    },
                );
            } catch (e) {
                reportViolation(internalError(def, "resource", e, secretsOf(raw)));
                return;
            }
            for (const d of diagnostics) report(reportViolation, d);
        },
    };
    if (hasRemediation(def)) policy.remediateResource = (args) => remediateInputs(def, args);
    if (runsOnStack(def)) {
        policy.validateStack = (args, reportViolation) => {
            const secrets = new Set<string>();
            const resources: StackResource[] = args.resources.map((r) => {
                const props = rawProps(r.props);
                for (const s of secretsOf(props)) secrets.add(s);
                const provider = r.provider && {
                    urn: r.provider.urn,
                    type: r.provider.type,
                    props: rawProps(r.provider.props),
                };
                const dependencies = (r.propertyDependencies["metadata"] ?? r.dependencies).map((d) => d.urn);
                return { urn: r.urn, type: r.type, name: r.name, props, provider, dependencies };
            });
            let diagnostics: StackDiagnostic[];
            try {
                diagnostics = evaluateStack(
                    def,
                    stackModelOf(resources),
                    args.getConfig<PolicyConfig>(),
                    secrets,
                    tagsOf(args.stackTags),
                    { usage: exemptionUsage },
                );
            } catch (e) {
                reportViolation(internalError(def, "stack", e, secrets));
                return;
            }
            for (const d of diagnostics) report(reportViolation, d, d.urn);
        };
    }
    return policy;
}
