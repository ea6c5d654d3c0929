// Turns a PolicyDefinition into the @pulumi/policy object the engine calls. The only place that knows the engine API.
import { ReportViolation, ResourceValidationPolicy, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import { workloadsOf } from "../adapters";
import { adapterFor } from "../adapters/registry";
import { providerNamespaceOf } from "../adapters/shared/namespace";
import { StackResource } from "../model/stack";
import { runsOnStack } from "./evaluate";
import { configSchemaOf } from "./configSchema";
import type { Diagnostic, PolicyConfig, PolicyDefinition } from "./types";
import { rawProps, secretsOf } from "./hooks";
import { safeText, SecretValues } from "./format";
import { StackDiagnostic } from "./stack";
import { hasRemediation, remediateInputs } from "./remediation";
import { judgeResource, judgeStack } from "./pipeline";
import { PackRunState } from "./runState";

/** The object form of reportViolation (supported by @pulumi/policy's server, absent from its typings). */
interface ViolationInfo {
    message: string;
    enforcementLevel?: "advisory";
    /** The resource at fault (stack policies); the object form takes it here, not as the second argument. */
    urn?: string;
}

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

/** AnalyzeStack's resources as the stack model reads them, with every secret value among their inputs. */
interface StackInputs {
    resources: StackResource[];
    secrets: Set<string>;
    /** Which stack this is (its URNs), so a run judges each policy's stack pass over it once. */
    fingerprint: string;
}

function stackInputsOf(args: Pick<StackValidationArgs, "resources">): StackInputs {
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
        const parent = r.parent?.urn;
        return { urn: r.urn, type: r.type, name: r.name, props, provider, dependencies, ...(parent ? { parent } : {}) };
    });
    // The stack is known by its resources' URNs; JSON encodes the list unambiguously, whatever a name contains.
    return { resources, secrets, fingerprint: JSON.stringify(resources.map((r) => r.urn)) };
}

function stackDiagnostics(
    def: PolicyDefinition,
    config: PolicyConfig,
    inputs: StackInputs,
    stackTags: Record<string, string>,
    run: PackRunState,
): StackDiagnostic[] {
    const judged = judgeStack(inputs.resources, [{ def, config }], {
        secrets: inputs.secrets,
        stackTags,
        exemptions: { usage: run.exemptionUsage },
        // validateResource left these to the stack pass (below, `deferToStack`).
        deferredToStack: true,
    });
    run.stackPassDone(def.name, inputs.fingerprint);
    return judged.map((j) => j.diagnostic);
}

/**
 * Completes the run's exemption usage for this stack before unused-exemptions reads it: the stack pass of every policy
 * the engine has not yet asked about this stack runs now (its findings are its own to report, later), so the verdict
 * does not depend on the order the engine calls stack policies in.
 */
export function completeExemptionUsage(
    run: PackRunState,
    args: Pick<StackValidationArgs, "resources" | "stackTags">,
): void {
    const inputs = stackInputsOf(args);
    run.completeStackPasses(inputs.fingerprint, (def, config) =>
        stackDiagnostics(def, config, inputs, tagsOf(args.stackTags), run),
    );
}

/**
 * A policy object; with stack checks it also has validateStack, which the engine runs under the same name. `run` is
 * the pack run's state, shared by the policies of one pack (policies/pack.ts); a policy built alone gets its own.
 */
export function resourcePolicy(
    def: PolicyDefinition,
    run: PackRunState = new PackRunState(),
): ResourceValidationPolicy & Partial<Pick<StackValidationPolicy, "validateStack">> {
    const onStack = runsOnStack(def);
    const policy: ResourceValidationPolicy & Partial<Pick<StackValidationPolicy, "validateStack">> = {
        name: def.name,
        displayName: def.displayName,
        description: def.description,
        enforcementLevel: def.enforcementLevel,
        severity: def.severity,
        remediationSteps: def.remediationSteps,
        configSchema: configSchemaOf(def),
        validateResource: (args, reportViolation) => {
            // A resource no adapter reads runs no container and hosts none: Pulumi Cloud counts it as not applicable
            // rather than compliant. (A composing pack's older @pulumi/policy may lack the call; then it passes, as
            // before.)
            if (!adapterFor(args.type) && typeof args.notApplicable === "function")
                args.notApplicable(`${def.name} judges containers, pods and their hosts; it reads no ${args.type}`);
            const raw = rawProps(args.props);
            let diagnostics: Diagnostic[];
            try {
                const config = args.getConfig<PolicyConfig>();
                if (onStack) run.rememberConfig(def, config);
                const judged = judgeResource({ type: args.type, name: args.name, props: raw }, [{ def, config }], {
                    secrets: secretsOf(raw),
                    noted: run.notedFor(raw),
                    // A policy with a stack pass leaves to it the verdicts other resources of the stack decide:
                    // the engine calls validateStack with every resource once they are all registered.
                    context: { stackTags: tagsOf(args.stackTags), deferToStack: onStack },
                    exemptions: {
                        urn: args.urn,
                        resourceName: args.name,
                        usage: run.exemptionUsage,
                        providerNamespace: providerNamespaceOf(args.provider),
                    },
                    mapWorkloads: workloadsOf,
                });
                diagnostics = judged.map((j) => j.diagnostic);
            } catch (e) {
                reportViolation(internalError(def, "resource", e, secretsOf(raw)));
                return;
            }
            for (const d of diagnostics) report(reportViolation, d);
        },
    };
    if (hasRemediation(def)) policy.remediateResource = (args) => remediateInputs(def, args);
    if (onStack) {
        policy.validateStack = (args, reportViolation) => {
            const inputs = stackInputsOf(args);
            let diagnostics: StackDiagnostic[];
            try {
                const config = args.getConfig<PolicyConfig>();
                run.rememberConfig(def, config);
                diagnostics = stackDiagnostics(def, config, inputs, tagsOf(args.stackTags), run);
            } catch (e) {
                reportViolation(internalError(def, "stack", e, inputs.secrets));
                return;
            }
            for (const d of diagnostics) report(reportViolation, d, d.urn);
        };
    }
    return policy;
}
