// Applies one policy (a group of checks plus config) to workloads. Shared by the pack and the `scan` CLI, so both
// judge identically. Pure: no engine types here.
import type { PolicyConfigSchema } from "@pulumi/policy";
import type { PolicyConfigJSONSchema } from "@pulumi/policy/schema";
import { FieldIssue, Workload } from "../model/workload";
import {
    Check,
    CheckOptions,
    CommonConfig,
    Diagnostic,
    EvaluationContext,
    Finding,
    LATEST,
    MalformedValues,
    PolicyConfig,
    PolicyDefinition,
    PssVersion,
    UnknownValues,
} from "./types";
import { DEFAULT_SENSITIVE_HOST_PATHS, DEFAULT_HARMLESS_READ_ONLY_FILES } from "./hostpaths";
import {
    DEFAULT_MULTI_TENANT_SELECTOR,
    DEFAULT_SANDBOX_HANDLERS,
    DEFAULT_SANDBOX_RUNTIME_CLASSES,
    DEFAULT_SANDBOX_RUNTIMES,
    DEFAULT_TENANT_KEYS,
    markedMultiTenant,
    unknownTenancyMarker,
} from "./tenancy";
import { clean, renderFinding, resourceSubject, SecretValues, UNKNOWN_VALUE } from "./format";
import { applyExemptions, ExemptionContext, exemptionConfigSchema } from "./exemptions";

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

export const DEFAULT_OPTIONS: Readonly<CheckOptions> = {
    pssVersion: LATEST,
    allowedCapabilities: ["NET_BIND_SERVICE"],
    allowPrivilegeEscalation: "forbid-true",
    sensitiveHostPaths: DEFAULT_SENSITIVE_HOST_PATHS,
    allowedHostPaths: [],
    harmlessReadOnlyFiles: DEFAULT_HARMLESS_READ_ONLY_FILES,
    activeChecks: new Set(),
    vmDevicePassthrough: "advisory",
    multiTenantSelector: DEFAULT_MULTI_TENANT_SELECTOR,
    tenantKeys: DEFAULT_TENANT_KEYS,
    sandboxRuntimeClasses: DEFAULT_SANDBOX_RUNTIME_CLASSES,
    sandboxRuntimes: DEFAULT_SANDBOX_RUNTIMES,
    sandboxHandlers: DEFAULT_SANDBOX_HANDLERS,
    stackTags: {},
    namespaceLabels: new Map(),
    imdsHopLimit: 1,
    stackContainerHosts: new Set(),
};

export const PSS_VERSIONS: readonly string[] = ["latest", ...Array.from({ length: 38 }, (_, i) => `v1.${i}`)];

export function parsePssVersion(v: string | undefined): PssVersion {
    if (v === undefined || v === "latest") return LATEST;
    const m = /^v1\.(\d+)$/.exec(v);
    if (!m) throw new Error(`pssVersion must be "latest" or "v1.N", got ${JSON.stringify(v)}`);
    return Number(m[1]);
}

/** The JSON schema Pulumi validates this policy's config against (and renders as a form in Pulumi Cloud). */
export function configSchemaOf(def: PolicyDefinition): PolicyConfigSchema {
    const checkProps: Record<string, PolicyConfigJSONSchema> = {};
    for (const c of [...def.checks, ...(def.stackChecks ?? [])]) {
        checkProps[c.id] = { type: "boolean", default: def.defaultChecks.includes(c.id), description: c.description };
    }
    return {
        properties: {
            checks: {
                type: "object",
                description: "Switch individual checks on or off by check ID.",
                properties: checkProps,
                additionalProperties: false,
                default: {},
            },
            pssVersion: {
                type: "string",
                enum: [...PSS_VERSIONS],
                default: "latest",
                description: 'Pod Security Standards version whose rules the checks follow ("latest" or "v1.N").',
            },
            unknownValues: {
                type: "string",
                enum: ["defer", "fail-closed"],
                default: "defer",
                description:
                    'A security field unknown at preview: "defer" judges it at update and notes it as advisory; "fail-closed" treats it as a violation.',
            },
            malformedValues: {
                type: "string",
                enum: ["fail-closed", "advisory", "ignore"],
                default: "fail-closed",
                description:
                    'A security field the policy cannot interpret (wrong type, e.g. privileged: "true"): "fail-closed" reports a violation in place of the check\'s verdict on that container; "advisory" reports it as advisory and judges the rest; "ignore" treats the value as unset.',
            },
            customResourcePodSpecs: {
                type: "array",
                default: [],
                description:
                    "Where custom resources of your own CRDs keep their pod specs, for those the built-in table and the structural search do not find: " +
                    "per API group and kind, paths to a pod template (metadata + spec) or a pod spec, `*` for every list element or map value " +
                    '(e.g. {"apiGroup": "ci.example.com", "kind": "Runner", "paths": ["spec.jobs.*.template"]}). ' +
                    "Replaces the table and the search for that kind. Each policy reads its own list: give the same list to every policy.",
                items: {
                    type: "object",
                    additionalProperties: false,
                    required: ["apiGroup", "kind", "paths"],
                    properties: {
                        apiGroup: { type: "string", minLength: 1, description: "API group, e.g. ci.example.com." },
                        kind: { type: "string", minLength: 1, description: "Kind, e.g. Runner." },
                        paths: {
                            type: "array",
                            minItems: 1,
                            items: { type: "string", minLength: 1, pattern: "^[A-Za-z0-9_*-]+(\\.[A-Za-z0-9_*-]+)*$" },
                            description: "Field paths from the resource's root, e.g. spec.jobs.*.template.",
                        },
                    },
                },
            },
            ...exemptionConfigSchema(def),
            ...def.config,
        },
    };
}

/** Whether config (or, where it is silent, the policy's default) switches a check on. */
export function switchedOn(def: PolicyDefinition, config: CommonConfig, id: string): boolean {
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

export function optionsFor(def: PolicyDefinition, config: PolicyConfig): CheckOptions {
    const activeChecks = new Set(checksInForce(def, config).map((c) => c.id));
    return { ...DEFAULT_OPTIONS, pssVersion: parsePssVersion(config.pssVersion), activeChecks, ...def.options(config) };
}

interface Plan {
    checks: Check[];
    options: CheckOptions;
}
/** Enabled checks and options depend only on (policy, config): derive them once per config object. */
const plans = new WeakMap<PolicyConfig, WeakMap<PolicyDefinition, Plan>>();

function planFor(def: PolicyDefinition, config: PolicyConfig): Plan {
    let byDef = plans.get(config);
    if (!byDef) plans.set(config, (byDef = new WeakMap()));
    let plan = byDef.get(def);
    if (!plan) byDef.set(def, (plan = { checks: enabledChecks(def, config), options: optionsFor(def, config) }));
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
function undecidedByTenancy(check: Check, w: Workload, o: CheckOptions): FieldIssue | undefined {
    const marker = unknownTenancyMarker(w, o);
    if (!marker) return undefined;
    const marked = markedMultiTenant(w, o);
    return check.appliesTo?.(marked, o) && check.run(marked, o).length ? marker : undefined;
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
export function evaluate(
    def: PolicyDefinition,
    workloads: Workload[],
    config: PolicyConfig,
    secrets: SecretValues,
    noted?: Set<string>,
    context: EvaluationContext = {},
    exemptionContext: ExemptionContext = {},
): Diagnostic[] {
    const plan = planFor(def, config);
    const checks = plan.checks;
    const options: CheckOptions =
        context.stackTags || context.namespaceLabels || context.stackContainerHosts
            ? { ...plan.options, ...context }
            : plan.options;
    const unknownMode: UnknownValues = config.unknownValues ?? "defer";
    const malformedMode: MalformedValues = config.malformedValues ?? "fail-closed";
    const out: Diagnostic[] = [];
    for (const w of workloads) {
        const deferred: FieldIssue[] = [];
        for (const check of checks) {
            if (check.platforms && !check.platforms.includes(w.platform)) continue;
            if (check.appliesTo && !check.appliesTo(w, options)) {
                const marker = undecidedByTenancy(check, w, options);
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
            for (const f of check.run(w, options)) {
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
                check: "unknownValues",
                message: `[unknownValues] ${resourceSubject(w)} has values unknown at preview; they will be judged at update: ${paths.map((p) => clean(p)).join(", ")}`,
                advisory: true,
                workload: w,
            });
        }
    }
    return applyExemptions(def, out, config, exemptionContext);
}
