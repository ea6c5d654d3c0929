// Applies one policy's stack-wide part to a whole stack: its stack checks, and the resource checks whose verdict
// changes once the stack is known (a Pod that is multi-tenant only through a Namespace declared in the same stack).
// Pure like evaluate(): the pack's validateStack and the scan CLI both call it.
import { FieldIssue, Workload } from "../model/workload";
import { StackModel } from "../model/stack";
import { namespaceLabelsOf } from "../adapters/stack";
import type { EvaluationContext, PolicyConfig, PolicyDefinition, RuleId, StackFinding } from "./types";
import {
    activeChecksOf,
    checksInForce,
    enabledChecks,
    evaluate,
    evaluationContext,
    optionsFor,
    switchedOn,
} from "./evaluate";
import { clean, renderMessage, safeText, SecretValues, UNKNOWN_VALUE } from "./format";
import { applyStackExemptions, ExemptionContext, urnParts } from "./exemptions";
import { livesInNamespace, unknownTenancyMarker } from "./tenancy";

export interface StackDiagnostic {
    policy: string;
    /** A check ID (CheckId, StackCheckId) or rule ID (RuleId); `string` on this output side, as Diagnostic.check. */
    check: string;
    message: string;
    advisory: boolean;
    /** The resource the diagnostic is about. */
    urn: string;
    /** Set for findings of resource checks. */
    workload?: Workload;
    container?: string;
}

const UNKNOWN_VALUES: RuleId = "unknownValues";

export function renderStackFinding(f: StackFinding, secrets: SecretValues): string {
    return renderMessage(f.check, safeText(f.subject, secrets), f, secrets);
}

/** The policy with just these resource checks switched on and no stack checks: for re-running evaluate() on a part. */
function restrictedTo(def: PolicyDefinition, checks: PolicyDefinition["checks"]): PolicyDefinition {
    return { ...def, checks, defaultChecks: checks.map((c) => c.id), stackChecks: [] };
}

export function evaluateStack(
    def: PolicyDefinition,
    stack: StackModel,
    config: PolicyConfig,
    secrets: SecretValues,
    stackTags: Readonly<Record<string, string>>,
    exemptionContext: Pick<ExemptionContext, "now" | "usage"> = {},
): StackDiagnostic[] {
    const out: StackDiagnostic[] = [];
    const namespaceLabels = namespaceLabelsOf(stack);
    const options = optionsFor(def, config);
    const activeChecks = activeChecksOf(def, config);
    // What Analyze saw for each resource, and what the stack adds to it.
    const resourceContext: EvaluationContext = evaluationContext(activeChecks, { stackTags });
    const stackContainerHosts = stack.containerHosts ?? resourceContext.stackContainerHosts;
    const context = { stackTags, namespaceLabels, stackContainerHosts };
    const ctx: EvaluationContext = evaluationContext(activeChecks, context);

    // Resource checks newly applicable through the stack's Namespaces, or through the node groups and capacity
    // providers that make a machine a container host; everything else Analyze already reported.
    const contextual =
        namespaceLabels.size || stackContainerHosts.size ? enabledChecks(def, config).filter((c) => c.appliesTo) : [];
    // A Namespace whose labels are unknown at preview may yet mark its workloads multi-tenant: each workload in it
    // inherits that unknown, and a check it would then newly fail is deferred (or, fail-closed, reported) rather than
    // passed.
    const undecidedNamespaces = new Map<string, FieldIssue>();
    for (const ns of stack.namespaces) {
        const marker = unknownTenancyMarker({ issues: ns.issues ?? [] }, options);
        if (marker && !undecidedNamespaces.has(ns.name))
            undecidedNamespaces.set(ns.name, { ...marker, path: `Namespace "${ns.name}" ${marker.path}` });
    }
    const noted = new Set<string>();
    for (const sw of stack.workloads) {
        const w = sw.workload;
        const at = { ...exemptionContext, urn: sw.urn, resourceName: urnParts(sw.urn).name };
        const onPlatform = contextual.filter((c) => !c.platforms || c.platforms.includes(w.platform));
        const newly = onPlatform.filter(
            (c) => !c.appliesTo?.(w, options, resourceContext) && c.appliesTo?.(w, options, ctx),
        );
        if (newly.length) {
            const only = restrictedTo(def, newly);
            const request = { policy: only, workloads: [w], config, secrets, noted, context, exemptions: at };
            for (const d of evaluate(request)) out.push({ ...d, urn: sw.urn });
        }
        const inherited = livesInNamespace(w) ? undecidedNamespaces.get(w.namespace ?? "default") : undefined;
        if (!inherited) continue;
        const undecided = onPlatform.filter(
            (c) => !c.appliesTo?.(w, options, resourceContext) && !c.appliesTo?.(w, options, ctx),
        );
        if (!undecided.length) continue;
        const only = restrictedTo(def, undecided);
        // Only the Namespace's unknown: the resource's own were noted by Analyze.
        const workloads = [{ ...w, issues: [inherited] }];
        for (const d of evaluate({ policy: only, workloads, config, secrets, noted, context, exemptions: at }))
            out.push({ ...d, urn: sw.urn });
    }

    // Host paths, devices and host namespaces a workload reaches through another resource of the stack (a Docker
    // volume that binds one, a volumes-from source, a container whose namespace it joins): the checks of those fields
    // judge just what the stack adds, which Analyze could not see, and what the stack could not resolve is unknown.
    // Checks in force, replaced twins included, so evaluate() replaces them exactly as Analyze does.
    const hostAccessChecks = checksInForce(def, config).filter((c) =>
        c.reads.some((k) => k === "hostPath" || k === "devices" || k === "hostNamespaces"),
    );
    if (hostAccessChecks.length) {
        for (const sw of stack.workloads) {
            if (!sw.stackVolumes?.length && !sw.stackHostNamespaces?.length && !sw.stackIssues?.length) continue;
            const w = sw.workload;
            const checks = hostAccessChecks.filter((c) => !c.platforms || c.platforms.includes(w.platform));
            if (!checks.length) continue;
            const only = restrictedTo(def, checks);
            // Only what the stack adds, and none of the resource's own read issues: Analyze reported those.
            const through: Workload = {
                ...w,
                volumes: sw.stackVolumes ?? [],
                hostNamespaces: sw.stackHostNamespaces ?? [],
                issues: sw.stackIssues ?? [],
            };
            const at = { ...exemptionContext, urn: sw.urn, resourceName: urnParts(sw.urn).name };
            const request = {
                policy: only,
                workloads: [through],
                config,
                secrets,
                noted,
                context: { stackTags },
                exemptions: at,
            };
            for (const d of evaluate(request)) out.push({ ...d, urn: sw.urn });
        }
    }

    const failClosed = config.unknownValues === "fail-closed";
    const stackChecks = (def.stackChecks ?? []).filter((c) => switchedOn(def, config, c.id));
    for (const check of stackChecks) {
        for (const f of check.run(stack, options, ctx)) {
            if (f.unknown && !failClosed) {
                out.push({
                    policy: def.name,
                    check: UNKNOWN_VALUES,
                    message: `[unknownValues] ${clean(f.subject)} has values unknown at preview; they will be judged at update: ${clean(f.field)}`,
                    advisory: true,
                    urn: f.urn,
                });
                continue;
            }
            const finding = f.unknown
                ? {
                      ...f,
                      problem: `${f.problem}, which cannot be judged at preview (unknownValues: fail-closed)`,
                      value: UNKNOWN_VALUE,
                  }
                : f;
            out.push({
                policy: def.name,
                check: f.check,
                message: renderStackFinding(finding, secrets),
                advisory: f.advisory === true,
                urn: f.urn,
            });
        }
    }
    return applyStackExemptions(def, out, config, exemptionContext);
}
