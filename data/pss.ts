// Pod Security Standards data that changes with the PSS version, as tables keyed by the version (minor number) that
// introduced each entry. Transcribed from kubernetes/pod-security-admission `policy/check_*.go`
// (https://github.com/kubernetes/pod-security-admission/tree/master/policy); when a new Kubernetes minor widens an
// allow-list, add one row here and nothing else changes: the newest PSS version the pack knows is derived from these
// rows (engine/pssTables.ts). Data only: this folder imports nothing of the project outside data/.
import { BASELINE_ALLOWED_CAPABILITIES } from "./capabilities";

/** A PSS version as its minor number (v1.25 → 25). */
export type PssMinor = number;

/** Entries added at a version; an allow-list at version V is the union of every row with `since <= V`. */
export type VersionedList = ReadonlyArray<{ since: PssMinor; values: readonly string[] }>;

/** sysctls (baseline): the namespaced, node-isolated "safe" set. Source: `policy/check_sysctls.go`. */
export const SAFE_SYSCTLS: VersionedList = [
    // sysctls_1_0
    {
        since: 0,
        values: [
            "kernel.shm_rmid_forced",
            "net.ipv4.ip_local_port_range",
            "net.ipv4.tcp_syncookies",
            "net.ipv4.ping_group_range",
            "net.ipv4.ip_unprivileged_port_start",
        ],
    },
    // sysctls_1_27
    { since: 27, values: ["net.ipv4.ip_local_reserved_ports"] },
    // sysctls_1_29
    {
        since: 29,
        values: [
            "net.ipv4.tcp_keepalive_time",
            "net.ipv4.tcp_fin_timeout",
            "net.ipv4.tcp_keepalive_intvl",
            "net.ipv4.tcp_keepalive_probes",
        ],
    },
    // sysctls_1_32
    { since: 32, values: ["net.ipv4.tcp_rmem", "net.ipv4.tcp_wmem"] },
    // sysctls_1_37
    { since: 37, values: ["net.ipv4.tcp_slow_start_after_idle", "net.ipv4.tcp_notsent_lowat"] },
];

/** seLinuxOptions (baseline): SELinux types a pod or container may set ("" = unset). Source: `policy/check_seLinuxOptions.go`. */
export const SELINUX_TYPES: VersionedList = [
    // seLinuxOptions_1_0
    { since: 0, values: ["", "container_t", "container_init_t", "container_kvm_t"] },
    // seLinuxOptions_1_31
    { since: 31, values: ["container_engine_t"] },
];

/** restrictedVolumes (restricted): inline volume sources a pod may use. Source: `policy/check_restrictedVolumes.go`. */
export const RESTRICTED_VOLUME_TYPES: VersionedList = [
    {
        since: 0,
        values: [
            "configMap",
            "csi",
            "downwardAPI",
            "emptyDir",
            "ephemeral",
            "image",
            "persistentVolumeClaim",
            "projected",
            "secret",
        ],
    },
];

/**
 * capabilities_baseline: what a container may add (the container runtime's default set less NET_RAW). Exact names.
 * Source: `policy/check_capabilities_baseline.go` (see data/capabilities.ts).
 */
export const BASELINE_CAPABILITIES: VersionedList = [{ since: 0, values: BASELINE_ALLOWED_CAPABILITIES }];

/**
 * seccompProfile and appArmorProfile: profile types allowed in the securityContext fields.
 * Source: `policy/check_seccompProfile_baseline.go`, `policy/check_appArmorProfile.go`.
 */
export const ALLOWED_PROFILE_TYPES: ReadonlySet<string> = new Set(["RuntimeDefault", "Localhost"]);

/** Versions from which a behaviour of a check changes. */
export const PSS_CHANGES = {
    /** seccomp moved from alpha annotations (read up to v1.18) to securityContext.seccompProfile (read from v1.19). Source: `policy/check_seccompProfile_baseline.go` (withOptions 1.19). */
    seccompFields: 19,
    /** Pods with `spec.os.name: windows` are exempt from the Linux-only restricted checks. Source: `policy/check_*_restricted.go` (1.25). */
    windowsExempt: 25,
    /** `hostUsers: false` (a user namespace) relaxes procMount, runAsNonRoot and runAsUser. Source: `policy/check_procMount.go`, `check_runAsNonRoot.go`, `check_runAsUser.go` (1.35). */
    userNamespaceRelaxes: 35,
} as const;

/** Every versioned table above, from which the newest PSS version the pack knows is derived. */
export const PSS_VERSIONED_TABLES: readonly VersionedList[] = [
    SAFE_SYSCTLS,
    SELINUX_TYPES,
    RESTRICTED_VOLUME_TYPES,
    BASELINE_CAPABILITIES,
];

/** Pre-1.19 seccomp annotations. Source: `policy/check_seccompProfile_baseline.go`. */
export const SECCOMP_POD_ANNOTATION = "seccomp.security.alpha.kubernetes.io/pod";
export const SECCOMP_CONTAINER_ANNOTATION_PREFIX = "container.seccomp.security.alpha.kubernetes.io/";

/** Deprecated AppArmor annotations (checked at every version). Source: `policy/check_appArmorProfile.go`. */
export const APPARMOR_ANNOTATION_PREFIX = "container.apparmor.security.beta.kubernetes.io/";
