// Applies one policy's stack-wide part to a whole stack: its stack checks, and the resource checks whose verdict
// changes once the stack is known (a Pod that is multi-tenant only through a Namespace declared in the same stack).
// Pure like evaluate(): the pack's validateStack and the scan CLI both call it.
import { FieldIssue, Workload } from "../model/workload";
import { NamespaceInfo, StackModel } from "../model/stack";
import { namespaceLabelsOf, sameCluster, withClusterContext } from "../adapters/stack";
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
import { decidedByStack, isSandboxed, livesInNamespace, marksMultiTenant, unknownTenancyMarker } from "./tenancy";

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
    /** The resource pass left to this one the checks other resources decide (StackContext.deferToStack). */
    deferredToStack = false,
): StackDiagnostic[] {
    const out: StackDiagnostic[] = [];
    const options = optionsFor(def, config);
    // Clusters of other stacks, as the platform team declares them: evidence like the stack's own resources.
    stack = withClusterContext(stack, options.clusterContext);
    const namespaceLabels = namespaceLabelsOf(stack);
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
    const undecidedNamespaces: Array<{ ns: NamespaceInfo; issue: FieldIssue }> = [];
    for (const ns of stack.namespaces) {
        const marker = unknownTenancyMarker({ issues: ns.issues ?? [] }, options);
        if (marker)
            undecidedNamespaces.push({ ns, issue: { ...marker, path: `Namespace "${ns.name}" ${marker.path}` } });
    }
    /**
     * The unknown a workload inherits from its Namespace: one of its cluster whose labels are unknown at preview, or,
     * when its namespace itself is unknown, any candidate that is multi-tenant or undecided.
     */
    const inheritedUnknown = (sw: StackModel["workloads"][number]): FieldIssue | undefined => {
        const w = sw.workload;
        if (!livesInNamespace(w)) return undefined;
        if (sw.namespaceCandidates) {
            const may = sw.namespaceCandidates.some(
                (ns) => marksMultiTenant(ns.labels, options) || undecidedNamespaces.some((u) => u.ns === ns),
            );
            // Named as the labels of whichever Namespace it turns out to be (a tenancy marker the note names).
            const names = sw.namespaceCandidates.map((ns) => `"${ns.name}"`).join(" or ");
            return may
                ? { kind: "unknown", field: "labels", path: `metadata.namespace (Namespace ${names}) metadata.labels` }
                : undefined;
        }
        const name = w.namespace ?? "default";
        return undecidedNamespaces.find((u) => u.ns.name === name && sameCluster(u.ns.providerUrn, w.cluster))?.issue;
    };
    const noted = new Set<string>();
    for (const sw of stack.workloads) {
        const w = sw.workload;
        const at = {
            ...exemptionContext,
            urn: sw.urn,
            resourceName: urnParts(sw.urn).name,
            providerNamespace: sw.providerNamespace,
        };
        // What the resource pass left to this one is judged here in full, over the workload as the stack resolves it
        // (a RuntimeClass's handler, a Fargate profile, its Namespace), with every unknown it carries.
        const decided = deferredToStack
            ? enabledChecks(def, config).filter(
                  (c) => (!c.platforms || c.platforms.includes(w.platform)) && decidedByStack(w, c),
              )
            : [];
        const inheritedMarker = inheritedUnknown(sw);
        if (decided.length) {
            const only = restrictedTo(def, decided);
            // An unknown handler matters only where the class's name alone does not prove a sandbox.
            const handlerIssue = w.runtimeHandlerIssue && !isSandboxed(w, options) ? [w.runtimeHandlerIssue] : [];
            const added = [...handlerIssue, ...(inheritedMarker ? [inheritedMarker] : [])];
            const workloads = [added.length ? { ...w, issues: [...w.issues, ...added] } : w];
            for (const d of evaluate({ policy: only, workloads, config, secrets, noted, context, exemptions: at }))
                out.push({ ...d, urn: sw.urn });
        }
        const onPlatform = contextual.filter(
            (c) => (!c.platforms || c.platforms.includes(w.platform)) && !decided.includes(c),
        );
        const newly = onPlatform.filter(
            (c) => !c.appliesTo?.(w, options, resourceContext) && c.appliesTo?.(w, options, ctx),
        );
        if (newly.length) {
            const only = restrictedTo(def, newly);
            const request = { policy: only, workloads: [w], config, secrets, noted, context, exemptions: at };
            for (const d of evaluate(request)) out.push({ ...d, urn: sw.urn });
        }
        const inherited = inheritedMarker;
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
            const at = {
                ...exemptionContext,
                urn: sw.urn,
                resourceName: urnParts(sw.urn).name,
                providerNamespace: sw.providerNamespace,
            };
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
