// The types engine/ shares with checks/ and policies/: what a check is, sees and finds; what a policy is; what an
// evaluation reports. Only types (and the LATEST version constant and the check ID registry) live here and this file imports nothing from
// engine/, so every other engine file can depend on it and the arrows inside engine/ run one way.
import type { EnforcementLevel, Severity } from "@pulumi/policy";
import type { PolicyConfigJSONSchema } from "@pulumi/policy/schema";
import type { Container, FieldKey, Platform, Workload } from "../model/workload";
import type { ClusterContext, StackModel } from "../model/stack";

/** PSS version as its minor number (v1.25 → 25); `latest` is +Infinity so `version >= N` always holds. */
export type PssVersion = number;
export const LATEST: PssVersion = Number.POSITIVE_INFINITY;

export interface AllowedHostPath {
    pathPrefix: string;
    /** When true, the prefix is allowed only if every mount of it is read-only. */
    readOnly?: boolean;
}

/**
 * The stable IDs of the resource checks, printed in brackets and used in config and exemptions (PSA's IDs where PSA
 * has the check). The registry: policies/index.ts validates at load that each belongs to exactly one policy
 * (engine/registry.ts).
 */
export const CHECK_IDS = [
    "privileged",
    "windowsHostProcess",
    "allowPrivilegeEscalation",
    "capabilities_restricted",
    "capabilities_baseline",
    "sensitiveHostPath",
    "hostDevices",
    "mountPropagation",
    "restrictedVolumes",
    "hostPathVolumes",
    "hostNamespaces",
    "hostPorts",
    "hostProbesAndHostLifecycle",
    "sandboxedRuntime",
    "seccompProfile_restricted",
    "seccompProfile_baseline",
    "appArmorProfile",
    "seLinuxOptions",
    "procMount_restricted",
    "procMount",
    "sysctls",
    "runAsNonRoot",
    "runAsUser",
    "instanceMetadata",
    "tenantHostPath",
] as const;
export type CheckId = (typeof CHECK_IDS)[number];

/** The stable IDs of the stack checks (run over the whole stack in AnalyzeStack). */
export const STACK_CHECK_IDS = ["sandboxRuntimeClass", "tenantSharedHost"] as const;
export type StackCheckId = (typeof STACK_CHECK_IDS)[number];

/**
 * The checks of the pack's policies that are not PolicyDefinitions (policies/opaque-helm-releases.ts,
 * policies/unused-exemptions.ts); policies/pack.ts registers them with the rest.
 */
export const PACK_CHECK_IDS = ["helmRelease", "unusedExemption", "broadExemption"] as const;
export type PackCheckId = (typeof PACK_CHECK_IDS)[number];

/** Any check a PolicyDefinition registers: what `defaultChecks` and config `checks` name. */
export type PolicyCheckId = CheckId | StackCheckId;

/**
 * IDs diagnostics carry that name no check but the rule that produced them: `unknownValues` notes (a value unknown at
 * preview, deferred). Exemptions and config `checks` never name these.
 */
export const RULE_IDS = ["unknownValues"] as const;
export type RuleId = (typeof RULE_IDS)[number];

/**
 * Every knob a check may read: config, and only config. Each policy fills in the ones its config schema exposes; the
 * rest keep their default (engine/defaults.ts, where each is defined once).
 */
export interface CheckOptions {
    pssVersion: PssVersion;
    /** Capabilities a container may add (drop-capabilities, restricted rule). */
    allowedCapabilities: string[];
    /** `forbid-true`: only an explicit `true` is a violation; `require-false`: PSS restricted, must be explicit false. */
    allowPrivilegeEscalation: "forbid-true" | "require-false";
    /** Host paths that must not be mounted (the defaults plus config `sensitiveHostPaths`). */
    sensitiveHostPaths: string[];
    /** Host path prefixes exempt from sensitiveHostPath (Gatekeeper host-filesystem semantics). */
    allowedHostPaths: AllowedHostPath[];
    /** Host files sensitiveHostPath accepts when mounted read-only (exact paths; `/**` suffix for a tree). */
    harmlessReadOnlyFiles: string[];
    /** Whether KubeVirt PCI/GPU passthrough fails (`mandatory`) or is only noted (`advisory`) under hostDevices. */
    vmDevicePassthrough: "advisory" | "mandatory";
    /** Which labels, annotations or stack tags mark a workload multi-tenant (see engine/tenancy.ts). */
    multiTenantSelector: TenancySelector;
    /** Label, annotation or stack tag keys whose value names the tenant. */
    tenantKeys: string[];
    /** Kubernetes RuntimeClass names that are sandboxes. */
    sandboxRuntimeClasses: string[];
    /** Docker OCI runtime names that are sandboxes. */
    sandboxRuntimes: string[];
    /** RuntimeClass handlers that are sandboxes: exact names by default, globs allowed in config. */
    sandboxHandlers: string[];
    /** Highest IMDSv2 hop limit a container host may set (instanceMetadata). */
    imdsHopLimit: number;
    /** What a platform team declares about clusters defined in other stacks (read by the stack pass, not checks). */
    clusterContext: ClusterContext;
}

/** Context, not config: what a check sees besides its options, set by the engine for each evaluation. */
export interface EvaluationContext {
    /**
     * IDs of the checks in force in this evaluation (switched on and defined at pssVersion), replaced ones included.
     * A restricted check that replaces its baseline twin reports the twin's faults under the twin's ID when the twin
     * is in force, so the PSS presets name each fault by the lowest level that forbids it.
     */
    activeChecks: ReadonlySet<CheckId>;
    /** The stack's tags (Pulumi Cloud), seen by resource and stack checks alike. */
    stackTags: Readonly<Record<string, string>>;
    /** Labels of the Namespaces declared in the same stack (only known in AnalyzeStack). */
    namespaceLabels: ReadonlyMap<string, Readonly<Record<string, string>>>;
    /** Machines another resource of the stack makes container hosts (only known in AnalyzeStack). */
    stackContainerHosts: ReadonlySet<Workload>;
}

/** What a caller of evaluate() knows beyond one resource's inputs: stack tags, and in AnalyzeStack the stack's facts. */
export type StackContext = Partial<Pick<EvaluationContext, "stackTags" | "namespaceLabels" | "stackContainerHosts">> & {
    /**
     * The caller judges the whole stack afterwards (the pack's AnalyzeStack, the scan CLI's stack pass), which decides
     * the checks other resources of the stack can overturn (engine/tenancy.ts decidedByStack): they are left to it.
     * Absent: everything is judged here, as a caller that never sees the stack must.
     */
    deferToStack?: boolean;
};

export interface Finding {
    check: CheckId;
    /** The container at fault; undefined for pod-level faults. */
    container?: Container;
    /** What is wrong, e.g. `must drop ALL`. */
    problem: string;
    /** The offending field path (relative to the resource inputs); "" when the fault is an absence with no path. */
    field: string;
    /** The offending value as written; rendered secret-aware. Omitted when the field is absent. */
    value?: unknown;
    /** How to fix it, imperative. */
    fix: string;
    /** Overrides the policy's level for this finding (e.g. an advisory-only check). */
    advisory?: boolean;
}

export interface Check {
    /** Stable ID, printed in brackets and used in config and exemptions. PSA check IDs where PSA has the check. */
    id: CheckId;
    /** One line for docs and Pulumi Cloud. */
    description: string;
    /** Model fields the check reads: unknown or malformed values there are routed to this check. */
    reads: FieldKey[];
    /** Platforms the check applies to; all when omitted. */
    platforms?: Platform[];
    /** Check IDs this one supersedes when both are enabled (restricted twins of baseline checks). */
    replaces?: CheckId[];
    /** The PSS version (minor) that introduced the check; before it the check does not run. Absent: v1.0. */
    since?: PssVersion;
    /**
     * Whether the check concerns this workload at all (e.g. only multi-tenant ones). When false, unknown values it
     * reads are not noted either. Absent: every workload.
     */
    appliesTo?(w: Workload, o: CheckOptions, ctx: EvaluationContext): boolean;
    run(w: Workload, o: CheckOptions, ctx: EvaluationContext): Finding[];
    /**
     * The safe fix for this check's finding on `container` (undefined: a pod-level finding), applied under the
     * `remediate` level through `edit` (engine/remediation.ts). Sets only the offending fields; returns whether it
     * changed anything. Absent when no fix is safe (a hostPath, a host namespace): those stay violations.
     */
    remediate?(w: Workload, container: Container | undefined, edit: InputEditor, o: CheckOptions): boolean;
}

/** A finding about one resource of the stack, found by looking at several resources together. */
export interface StackFinding {
    check: StackCheckId;
    /** The resource reported. */
    urn: string;
    /** The resource as messages name it, e.g. `RuntimeClass "gvisor"`. */
    subject: string;
    problem: string;
    field: string;
    value?: unknown;
    fix: string;
    advisory?: boolean;
    /** The deciding value is unknown at preview: routed by the `unknownValues` rule instead of reported as is. */
    unknown?: boolean;
}

/** A check over the whole stack (AnalyzeStack, or every resource of a program in the scan CLI). Pure, stable ID. */
export interface StackCheck {
    id: StackCheckId;
    description: string;
    run(stack: StackModel, o: CheckOptions, ctx: EvaluationContext): StackFinding[];
}

/** A workload is multi-tenant when any of `keys` (label, annotation or stack tag) has one of `values`. */
export interface TenancySelector {
    keys: string[];
    /** Compared trimmed and case-insensitively: `Multi-Tenant` is no less multi-tenant. */
    values: string[];
}

/** Reads and writes resource inputs by the field paths adapters record (`spec.containers[0].securityContext.privileged`). */
export interface InputEditor {
    /** The value at `path` with secrets seen through; undefined when absent or unknown. */
    get(path: string): unknown;
    /** Sets the value at `path`, creating missing objects on the way; false (and no change) if the way is blocked. */
    set(path: string, value: unknown): boolean;
}

export type UnknownValues = "defer" | "fail-closed";
/** A security field of the wrong shape: a violation (default), an advisory note, or treated as unset. */
export type MalformedValues = "fail-closed" | "advisory" | "ignore";

/** Config every policy accepts besides its own knobs. */
export interface CommonConfig {
    /** Per-check switches; a check not named keeps its default. */
    checks?: Partial<Record<PolicyCheckId, boolean>>;
    pssVersion?: string;
    unknownValues?: UnknownValues;
    malformedValues?: MalformedValues;
}

export type PolicyConfig = CommonConfig & Record<string, unknown>;

export interface PolicyDefinition {
    name: string;
    /** How Pulumi Cloud titles the policy (policies/metadata.ts adds the framework, docs address and tags). */
    displayName: string;
    description: string;
    enforcementLevel: EnforcementLevel;
    severity: Severity;
    remediationSteps: string;
    checks: Check[];
    /** IDs of the checks that run unless config switches them off. */
    defaultChecks: PolicyCheckId[];
    /** The policy's own config properties (JSON schema, each with a description and a default). */
    config: Record<string, PolicyConfigJSONSchema>;
    /** Maps the policy's config onto check options. */
    options(config: PolicyConfig): Partial<CheckOptions>;
    /** Checks over the whole stack, run in AnalyzeStack (engine/stack.ts); switched by `checks` like the others. */
    stackChecks?: StackCheck[];
    /**
     * Its resource checks also run in AnalyzeStack over what only the stack reveals (host paths a container reaches
     * through a Docker volume defined elsewhere in the stack), even without stack checks of its own.
     */
    stackAware?: boolean;
}

export interface Diagnostic {
    policy: string;
    /**
     * The check (CheckId) or rule (RuleId) that produced it. Typed `string` on this output side so callers and tests
     * may compare it with any text; the producers are typed.
     */
    check: string;
    message: string;
    /** True when this finding is advisory whatever the policy's level (notes, advisory-only checks). */
    advisory: boolean;
    workload: Workload;
    container?: string;
    /** Set when an exemption waived this finding (then advisory): how the exemption is named. */
    exemption?: string;
}
