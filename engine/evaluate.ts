// Applies one policy (a group of checks plus config) to workloads. Shared by the pack and the `scan` CLI, so both
// judge identically (through engine/pipeline.ts). Pure: no engine types here.
import { FieldIssue, Workload } from "../model/workload";
import {
    Check,
    CheckId,
    CheckOptions,
    CommonConfig,
    Diagnostic,
    EvaluationContext,
    Finding,
    MalformedValues,
    PolicyCheckId,
    PolicyConfig,
    PolicyDefinition,
    RuleId,
    StackContext,
    UnknownValues,
} from "./types";
import { DEFAULT_CHECK_OPTIONS, DEFAULT_COMMON_CONFIG } from "./defaults";
import { parsePssVersion } from "./pssVersion";
import { decidedByStack, markedMultiTenant, unknownTenancyMarker } from "./tenancy";
import { clean, NO_SECRETS, renderFinding, resourceSubject, SecretValues, UNKNOWN_VALUE } from "./format";
import { applyExemptions, ExemptionContext } from "./exemptions";

/**
 * Whether the policy has anything to do in AnalyzeStack (the pack's validateStack, the scan CLI's stack pass): stack
 * checks, resource checks that also judge what only the stack reveals (`stackAware`), or resource checks whose
 * applicability the stack can change (`appliesTo`: a Namespace's labels, a node group that makes a machine a
 * container host).
 */
export function runsOnStack(def: PolicyDefinition): boolean {
    return (
        (def.stackChecks?.length ?? 0) > 0 ||
        def.stackAware === true ||
        def.checks.some((c) => c.appliesTo !== undefined)
    );
}

// Kept where the tests import them from (engine/defaults.ts, engine/pssVersion.ts, engine/configSchema.ts own them).
/** The check options no config changed (engine/defaults.ts DEFAULT_CHECK_OPTIONS). */
export { DEFAULT_CHECK_OPTIONS as DEFAULT_OPTIONS } from "./defaults";
export { parsePssVersion, PSS_VERSIONS } from "./pssVersion";
export { configSchemaOf } from "./configSchema";

/** Whether config (or, where it is silent, the policy's default) switches a check on. */
export function switchedOn(def: PolicyDefinition, config: CommonConfig, id: PolicyCheckId): boolean {
    return config.checks?.[id] ?? def.defaultChecks.includes(id);
}

/** Checks switched on by config (or default) that exist at the configured PSS version, before replacement. */
export function checksInForce(def: PolicyDefinition, config: CommonConfig): Check[] {
    const version = parsePssVersion(config.pssVersion);
    return def.checks.filter((c) => switchedOn(def, config, c.id) && version >= (c.since ?? 0));
}

/** The checks to run: those in force less the ones a check in force replaces (its restricted twin runs them). */
export function enabledChecks(def: PolicyDefinition, config: CommonConfig): Check[] {
    const on = checksInForce(def, config);
    const replaced = new Set(on.flatMap((c) => c.replaces ?? []));
    return on.filter((c) => !replaced.has(c.id));
}

/** The check options a policy's config sets, the rest at their defaults (engine/defaults.ts). Config only. */
export function optionsFor(def: PolicyDefinition, config: PolicyConfig): CheckOptions {
    return { ...DEFAULT_CHECK_OPTIONS, pssVersion: parsePssVersion(config.pssVersion), ...def.options(config) };
}

/** IDs of the checks in force under this config, replaced twins included (EvaluationContext.activeChecks). */
export function activeChecksOf(def: PolicyDefinition, config: PolicyConfig): ReadonlySet<CheckId> {
    return new Set(checksInForce(def, config).map((c) => c.id));
}

/** The rule that notes values unknown at preview (a diagnostic's pseudo check ID). */
const UNKNOWN_VALUES: RuleId = "unknownValues";

const NO_STACK_TAGS: Readonly<Record<string, string>> = {};
const NO_NAMESPACES: EvaluationContext["namespaceLabels"] = new Map();
const NO_CONTAINER_HOSTS: EvaluationContext["stackContainerHosts"] = new Set();

/** The context checks see: the checks in force, and what the caller knows of the stack (nothing, when absent). */
export function evaluationContext(activeChecks: ReadonlySet<CheckId>, stack: StackContext = {}): EvaluationContext {
    return {
        activeChecks,
        stackTags: stack.stackTags ?? NO_STACK_TAGS,
        namespaceLabels: stack.namespaceLabels ?? NO_NAMESPACES,
        stackContainerHosts: stack.stackContainerHosts ?? NO_CONTAINER_HOSTS,
    };
}

interface Plan {
    checks: Check[];
    options: CheckOptions;
    /** The context when the caller knows nothing of the stack: one object, so per-context memos (tenancy) hit. */
    context: EvaluationContext;
}
/** Enabled checks, options and context depend only on (policy, config): derive them once per config object. */
const plans = new WeakMap<PolicyConfig, WeakMap<PolicyDefinition, Plan>>();

function planFor(def: PolicyDefinition, config: PolicyConfig): Plan {
    let byDef = plans.get(config);
    if (!byDef) plans.set(config, (byDef = new WeakMap()));
    let plan = byDef.get(def);
    if (!plan)
        byDef.set(
            def,
            (plan = {
                checks: enabledChecks(def, config),
                options: optionsFor(def, config),
                context: evaluationContext(activeChecksOf(def, config)),
            }),
        );
    return plan;
}

function issueKey(container: string | undefined): string {
    return container ?? "";
}

/** A check's finding about a workload, as the policy reports it. */
function diagnosticOf(def: PolicyDefinition, w: Workload, f: Finding, secrets: SecretValues): Diagnostic {
    return {
        policy: def.name,
        check: f.check,
        message: renderFinding(w, f, secrets),
        advisory: f.advisory === true,
        workload: w,
        container: f.container?.name,
    };
}

/**
 * A check that applies only to some workloads (multi-tenant ones) and not to this one, whose tenancy marker is unknown
 * at preview: that marker, when marking the workload multi-tenant would make the check apply and report something.
 * Skipping the check would pass the workload on the strength of a value nobody knows yet.
 */
function undecidedByTenancy(
    check: Check,
    w: Workload,
    o: CheckOptions,
    ctx: EvaluationContext,
): FieldIssue | undefined {
    const marker = unknownTenancyMarker(w, o);
    if (!marker) return undefined;
    const marked = markedMultiTenant(w, o);
    return check.appliesTo?.(marked, o, ctx) && check.run(marked, o, ctx).length ? marker : undefined;
}

/** What evaluate() judges: one policy's config over a resource's workloads. */
export interface EvaluateRequest {
    policy: PolicyDefinition;
    workloads: readonly Workload[];
    config: PolicyConfig;
    /** Secret values the messages must not print; none when absent. */
    secrets?: SecretValues;
    /**
     * Unknown fields already noted for this resource (`<workload>\0<path>`), shared across the policies that judge it
     * so a preview notes each once; every unknown is noted when absent.
     */
    noted?: Set<string>;
    /** What the caller knows of the stack: stack tags, and in AnalyzeStack its Namespaces and container hosts. */
    context?: StackContext;
    /** The resource's URN and name, the clock and the usage record, for exemptions. */
    exemptions?: ExemptionContext;
}

/**
 * Runs the policy's enabled checks over each workload, then applies the unknown/malformed rules:
 * - a finding about a container (or pod) whose relevant field is unknown is held back; `defer` notes the unknown
 *   field once per resource, `fail-closed` reports it as the violation instead;
 * - a relevant malformed value is reported as a violation that says it could not be interpreted (a value the pack
 *   cannot read is no proof of safety), in place of the check's own finding for that container (`malformedValues`:
 *   `advisory` notes it and keeps the check's findings; `ignore` treats it as unset).
 * One diagnostic per check, container and field.
 * Exemptions from the policy's config (and, if allowed, the resource's own) apply last (engine/exemptions.ts).
 */
export function evaluate(request: EvaluateRequest): Diagnostic[];
/**
 * @deprecated The positional form, kept for the tests that call it (a changed test file re-runs its mutants); new
 * code passes an EvaluateRequest.
 */
export function evaluate(
    def: PolicyDefinition,
    workloads: readonly Workload[],
    config: PolicyConfig,
    secrets: SecretValues,
    noted?: Set<string>,
    context?: StackContext,
    exemptionContext?: ExemptionContext,
): Diagnostic[];
export function evaluate(
    request: EvaluateRequest | PolicyDefinition,
    workloads?: readonly Workload[],
    config?: PolicyConfig,
    secrets?: SecretValues,
    noted?: Set<string>,
    context?: StackContext,
    exemptionContext?: ExemptionContext,
): Diagnostic[] {
    return "policy" in request
        ? evaluateRequest(request)
        : evaluateRequest({
              policy: request,
              workloads: workloads ?? [],
              config: config ?? {},
              secrets,
              noted,
              context,
              exemptions: exemptionContext,
          });
}

function evaluateRequest(request: EvaluateRequest): Diagnostic[] {
    const { policy: def, workloads, config, noted } = request;
    const secrets = request.secrets ?? NO_SECRETS;
    const stack = request.context;
    const plan = planFor(def, config);
    const checks = plan.checks;
    const options = plan.options;
    const ctx: EvaluationContext =
        stack && (stack.stackTags || stack.namespaceLabels || stack.stackContainerHosts)
            ? evaluationContext(plan.context.activeChecks, stack)
            : plan.context;
    const unknownMode: UnknownValues = config.unknownValues ?? DEFAULT_COMMON_CONFIG.unknownValues;
    const malformedMode: MalformedValues = config.malformedValues ?? DEFAULT_COMMON_CONFIG.malformedValues;
    // Only a policy with a stack pass can leave anything to it.
    const deferring = stack?.deferToStack === true && runsOnStack(def);
    const out: Diagnostic[] = [];
    for (const w of workloads) {
        const deferred: FieldIssue[] = [];
        for (const check of checks) {
            if (check.platforms && !check.platforms.includes(w.platform)) continue;
            // Left to the stack pass, which sees the resources that decide it (not reported here, nor noted).
            if (deferring && decidedByStack(w, check)) continue;
            if (check.appliesTo && !check.appliesTo(w, options, ctx)) {
                const marker = undecidedByTenancy(check, w, options, ctx);
                if (!marker) continue;
                if (unknownMode === "fail-closed") {
                    const f: Finding = {
                        check: check.id,
                        problem:
                            "may be multi-tenant: a tenancy marker cannot be judged at preview (unknownValues: fail-closed)",
                        field: marker.path,
                        value: UNKNOWN_VALUE,
                        fix: 'make the tenancy labels known at preview, or set unknownValues to "defer"',
                    };
                    out.push(diagnosticOf(def, w, f, secrets));
                } else deferred.push(marker);
                continue;
            }
            const relevant = w.issues.filter((i) => i.field === "all" || check.reads.includes(i.field));
            const unknownAt = new Map<string, FieldIssue>();
            const malformedAt = new Map<string, FieldIssue>();
            for (const i of relevant) {
                // The stack pass judges it (resolved, or a plain unknown there): noted here, holding nothing back.
                if (i.deferredTo === "stack") {
                    deferred.push(i);
                    continue;
                }
                if (i.kind === "malformed" && malformedMode === "ignore") continue;
                const m = i.kind === "unknown" ? unknownAt : malformedAt;
                if (!m.has(issueKey(i.container))) m.set(issueKey(i.container), i);
            }
            const podUnknown = unknownAt.get("");
            const findings: Finding[] = [];
            const seen = new Set<string>();
            const push = (f: Finding) => {
                const key = `${f.check}\u0000${issueKey(f.container?.name)}\u0000${f.field}`;
                if (seen.has(key)) return;
                seen.add(key);
                findings.push(f);
            };
            for (const [key, issue] of malformedAt) {
                push({
                    check: check.id,
                    container: w.containers.find((c) => c.name === key),
                    problem:
                        malformedMode === "advisory"
                            ? "has a value the policy cannot interpret"
                            : "has a value the policy cannot interpret, which is treated as a violation",
                    field: issue.path,
                    value: issue.value,
                    fix: "set it to a value of the documented type",
                    advisory: malformedMode === "advisory",
                });
            }
            for (const f of check.run(w, options, ctx)) {
                const key = issueKey(f.container?.name);
                if (podUnknown || unknownAt.has(key) || (malformedMode === "fail-closed" && malformedAt.has(key)))
                    continue;
                push(f);
            }
            if (unknownAt.size) {
                if (unknownMode === "fail-closed") {
                    for (const [key, issue] of unknownAt) {
                        push({
                            check: check.id,
                            container: w.containers.find((c) => c.name === key),
                            problem: "cannot be judged at preview (unknownValues: fail-closed)",
                            field: issue.path,
                            value: UNKNOWN_VALUE,
                            fix: 'make the value known at preview, or set unknownValues to "defer"',
                        });
                    }
                } else {
                    deferred.push(...unknownAt.values());
                }
            }
            for (const f of findings) out.push(diagnosticOf(def, w, f, secrets));
        }
        const paths = [...new Set(deferred.map((i) => i.path))].filter((p) => !noted?.has(`${w.name}\u0000${p}`));
        if (paths.length) {
            paths.forEach((p) => noted?.add(`${w.name}\u0000${p}`));
            out.push({
                policy: def.name,
                check: UNKNOWN_VALUES,
                message: `[unknownValues] ${resourceSubject(w)} has values unknown at preview; they will be judged at update: ${paths.map((p) => clean(p)).join(", ")}`,
                advisory: true,
                workload: w,
            });
        }
    }
    return applyExemptions(def, out, config, request.exemptions);
}
