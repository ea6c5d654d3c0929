// What a check needs to say or know that depends on how a platform writes its settings: a dialect. Each adapter
// implements the dialects its workloads speak (adapters/<platform>/dialect.ts); engine/dialect.ts finds a workload's
// (dialectOf). Checks ask the dialect, so they judge one model and never learn a platform's field names or branch
// on a platform. Types only: the answers live with the adapters that know them.
import { DialectName, FieldKey, Platform, Workload } from "./workload";

/** Docker-style security options: settings written as strings in an option list, not as securityContext fields. */
export interface SecurityOptionWording {
    /** The option that disallows privilege escalation, spelt as the platform's documentation spells it. */
    noNewPrivileges: string;
    /** The option value that stands for an explicit "allow escalation" in a finding. */
    escalationAllowed: string;
    /** The option list with escalation disallowed: an explicit "allow" turned round in place, else the option added. */
    disallowEscalation(options: readonly string[]): string[];
    /** How to disallow escalation, for the option list at `path` (`containerDefinitions[0].dockerSecurityOptions`). */
    escalationFix(path: string): string;
    /** How to remove an unconfined seccomp profile, AppArmor profile or SELinux label read from the option at `path`. */
    unconfinedSeccompFix(path: string): string;
    unconfinedAppArmorFix(path: string): string;
    disabledLabelFix(path: string): string;
    /** How to remove `systempaths=unconfined` read from the option at `path`. */
    unconfinedSystemPathsFix(path: string): string;
}

/** How a capability name is compared with a list: as written (PSA rejects `chown`) or normalized (`chown`: `CHOWN`). */
export type CapabilitySpelling = "exact" | "normalized";

/** Where a workload states that it runs as non-root. */
export type UserSetting =
    | "docker-user" // a Docker `user` string ("1000:1000", "root")
    | "run-as-user" // a securityContext runAsUser without a runAsNonRoot flag (Azure Container Instances)
    | "security-context"; // runAsNonRoot and runAsUser, as PSA reads them

/** The config list whose names count as a sandbox for the workload's `runtime`. */
export type SandboxNameList = "sandboxRuntimes" | "sandboxRuntimeClasses";

/** How a multi-tenant workload without a sandbox is to be fixed, in the platform's terms. */
export interface SandboxAdvice {
    /** What the workload must be, completing "is multi-tenant (…) and must …". */
    must: string;
    field: string;
    fix: string;
}

/** Which instance metadata service a container host exposes. */
export type MetadataService = "gke-metadata-server" | "aws-imds";

/** PSA settings that exist only in a pod spec a kubelet runs (not in every pod-shaped spec a cloud embeds). */
export interface PsaSettings {
    /** Probes and lifecycle handlers with `host` (hostProbesAndHostLifecycle). */
    hostProbes: boolean;
    /** securityContext.procMount (procMount, procMount_restricted). */
    procMount: boolean;
    /** windowsOptions.hostProcess (windowsHostProcess). */
    windowsHostProcess: boolean;
    /** Pod volume source types that restrictedVolumes allows or forbids. */
    restrictedVolumeTypes: boolean;
    /** The alpha seccomp annotations PSA reads up to v1.18. */
    seccompAnnotations: boolean;
    /** The deprecated AppArmor annotations, which reach AppArmor only through a kubelet. */
    appArmorAnnotations: boolean;
}

export interface Dialect {
    readonly name: DialectName;
    readonly platform: Platform;
    /** Present when security settings are Docker-style option strings; absent: securityContext fields. */
    readonly securityOptions?: SecurityOptionWording;
    readonly user: UserSetting;
    /** Spelling of capability names against the baseline list, and of `ALL` in a drop list beside it (PSS presets). */
    readonly capabilitySpelling: { baseline: CapabilitySpelling; dropAll: CapabilitySpelling };
    /** Where a mount's propagation is written (from the mount's path) and how to make it private. */
    readonly mountPropagation: { field(mountPath: string): string; fix: string };
    /** How to stop sharing host namespaces. */
    readonly hostNamespaceFix: string;
    /** A host device passed to a VM (VFIO, IOMMU-fenced) rather than to a container, and how to remove it. */
    readonly hostDevices: { vmPassthrough: boolean; fix: string };
    readonly metadataService: MetadataService;
    readonly psa: PsaSettings;
    /**
     * Whether the runtime unmasks /proc on a security option (Docker's `systempaths=unconfined`), which the procMount
     * checks judge as `procMount: Unmasked` even where no kubelet reads procMount.
     */
    readonly unmaskedProcOption: boolean;
    /**
     * How sysctls are judged: against the PSS safe list a kubelet enforces (`pss-safe-list`), or by what the runtime
     * accepts (`runtime-namespaces`: Docker and ECS hand them to runc, which takes only namespaced sysctls, so one
     * reaches the host only when its namespace is the host's).
     */
    readonly sysctls: "pss-safe-list" | "runtime-namespaces";
    /**
     * Whether seccompProfile_restricted asks for a profile where none is set. Docker applies its default profile when
     * none is named; Container Instances name no RuntimeDefault (only a whole profile of one's own).
     */
    readonly requiresSeccompProfile: boolean;
    /** Whether the remediate level can write a securityContext.seccompProfile object on a container. */
    readonly seccompProfileWritable: boolean;
    /** Config list naming the sandboxes the workload's runtime may be. */
    readonly sandboxNames: SandboxNameList;
    /**
     * Where the workload gets its sandbox and how; `examples` lists some of the sandbox names in force (from
     * `sandboxNames`), for dialects whose fix names one.
     */
    sandbox(w: Workload, examples: string): SandboxAdvice;
    /** Whether workloads share a container daemon the stack names (a Docker host), so tenants meet on it. */
    readonly sharesDaemonHost: boolean;
    /** Whether the workload lives in a Kubernetes Namespace (and inherits its labels). */
    readonly namespaced: boolean;
    /**
     * Model fields whose effective value other resources of the stack decide for every workload of this dialect (a
     * pod's runtime: the handler of a RuntimeClass declared in the stack, an EKS Fargate profile that selects it).
     * Checks reading them are judged in the stack pass, not per resource (engine/tenancy.ts decidedByStack).
     */
    readonly stackDecides?: readonly FieldKey[];
    /** What the workload's template labels are called in tenancy messages: `pod template`, `container spec`. */
    templateLabels(w: Workload): string;
    /** The resource is its one container (a Docker container or service): messages name it once, not twice. */
    readonly containerIsResource: boolean;
    /** Which of the resource's own maps carries an in-code exemption. */
    readonly exemptionsIn: "labels" | "annotations";
    /**
     * How the platform compares the keys of the workload's own markers (tags, labels): `exact`, or `ignore-case` where
     * the platform treats `Tenant` and `tenant` as one key (Azure tag names), so a marker matches in any case.
     */
    readonly markerKeys?: "exact" | "ignore-case";
    /**
     * What to use instead of a host path, in the storage the platform offers, completing "use … instead": for a
     * sensitive host path (any storage that is not the host's will do) and for any host path at all.
     */
    readonly hostPathInstead: { sensitive: string; any: string };
}
