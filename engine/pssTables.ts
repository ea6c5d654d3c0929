// Pod Security Standards data that changes with the PSS version, as tables keyed by the version (minor number) that
// introduced each entry. Transcribed from kubernetes/pod-security-admission `policy/check_*.go`; when a new
// Kubernetes minor widens an allow-list, add one row here and nothing else changes.
import { BASELINE_ALLOWED_CAPABILITIES, normalizeCapability } from "./capabilities";
import { PssVersion } from "./types";
import { CapabilitySpelling } from "../model/dialect";

/** Entries added at a version; an allow-list at version V is the union of every row with `since <= V`. */
export type VersionedList = ReadonlyArray<{ since: PssVersion; values: readonly string[] }>;

const allowedCache = new WeakMap<VersionedList, Map<PssVersion, ReadonlySet<string>>>();

/** Memoized per table and version: checks ask once per container, and building the set dominated evaluation. */
export function allowedAt(table: VersionedList, version: PssVersion): ReadonlySet<string> {
    let byVersion = allowedCache.get(table);
    if (!byVersion) allowedCache.set(table, (byVersion = new Map()));
    let set = byVersion.get(version);
    if (!set)
        byVersion.set(
            version,
            (set = new Set(table.filter((row) => row.since <= version).flatMap((row) => row.values))),
        );
    return set;
}

/** sysctls (baseline): the namespaced, node-isolated "safe" set. */
export const SAFE_SYSCTLS: VersionedList = [
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
    { since: 27, values: ["net.ipv4.ip_local_reserved_ports"] },
    {
        since: 29,
        values: [
            "net.ipv4.tcp_keepalive_time",
            "net.ipv4.tcp_fin_timeout",
            "net.ipv4.tcp_keepalive_intvl",
            "net.ipv4.tcp_keepalive_probes",
        ],
    },
    { since: 32, values: ["net.ipv4.tcp_rmem", "net.ipv4.tcp_wmem"] },
    { since: 37, values: ["net.ipv4.tcp_slow_start_after_idle", "net.ipv4.tcp_notsent_lowat"] },
];

/** seLinuxOptions (baseline): SELinux types a pod or container may set ("" = unset). */
export const SELINUX_TYPES: VersionedList = [
    { since: 0, values: ["", "container_t", "container_init_t", "container_kvm_t"] },
    { since: 31, values: ["container_engine_t"] },
];

/** restrictedVolumes (restricted): inline volume sources a pod may use. */
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

/** capabilities_baseline: what a container may add (the container runtime's default set less NET_RAW). Exact names. */
export const BASELINE_CAPABILITIES: VersionedList = [{ since: 0, values: BASELINE_ALLOWED_CAPABILITIES }];

/**
 * Whether capabilities_baseline lets a container add `name`, spelt as the workload's dialect spells it: Kubernetes names
 * compare exactly, as PSA does (admission rejects `chown`); Docker accepts any spelling, so its names are normalized
 * first.
 */
export function baselineAllowsCapability(spelling: CapabilitySpelling, version: PssVersion, name: string): boolean {
    return allowedAt(BASELINE_CAPABILITIES, version).has(spelling === "normalized" ? normalizeCapability(name) : name);
}

/** seccompProfile and appArmorProfile: profile types allowed in the securityContext fields. */
export const ALLOWED_PROFILE_TYPES: ReadonlySet<string> = new Set(["RuntimeDefault", "Localhost"]);

/** Versions from which a behaviour of a check changes. */
export const PSS_CHANGES = {
    /** seccomp moved from alpha annotations (read up to v1.18) to securityContext.seccompProfile (read from v1.19). */
    seccompFields: 19,
    /** Pods with `spec.os.name: windows` are exempt from the Linux-only restricted checks. */
    windowsExempt: 25,
    /** `hostUsers: false` (a user namespace) relaxes procMount, runAsNonRoot and runAsUser. */
    userNamespaceRelaxes: 35,
} as const;

/** Pre-1.19 seccomp annotations and the values PSA accepts in them. */
export const SECCOMP_POD_ANNOTATION = "seccomp.security.alpha.kubernetes.io/pod";
export const SECCOMP_CONTAINER_ANNOTATION_PREFIX = "container.seccomp.security.alpha.kubernetes.io/";
export function allowedSeccompAnnotation(v: string): boolean {
    return v === "runtime/default" || v === "docker/default" || v.startsWith("localhost/");
}

/** Deprecated AppArmor annotations (checked at every version, alongside the appArmorProfile fields). */
export const APPARMOR_ANNOTATION_PREFIX = "container.apparmor.security.beta.kubernetes.io/";
export function allowedAppArmorAnnotation(v: string): boolean {
    return v === "" || v === "runtime/default" || v.startsWith("localhost/");
}
