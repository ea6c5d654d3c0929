// Reading the Pod Security Standards tables (data/pss.ts) at a version: allow-lists as of a version, the newest
// version the tables know, and the annotation values PSA accepts. The tables themselves are data; re-exported here so
// the checks keep one import for the data and the logic over it.
import { normalizeCapability } from "./capabilities";
import { PssVersion } from "./types";
import { BASELINE_CAPABILITIES, PSS_CHANGES, PSS_VERSIONED_TABLES, VersionedList } from "../data/pss";
import { CapabilitySpelling } from "../model/dialect";

export {
    ALLOWED_PROFILE_TYPES,
    APPARMOR_ANNOTATION_PREFIX,
    BASELINE_CAPABILITIES,
    PSS_CHANGES,
    RESTRICTED_VOLUME_TYPES,
    SAFE_SYSCTLS,
    SECCOMP_CONTAINER_ANNOTATION_PREFIX,
    SECCOMP_POD_ANNOTATION,
    SELINUX_TYPES,
} from "../data/pss";
export type { VersionedList } from "../data/pss";

/**
 * The newest PSS version (minor) the tables know: the latest row of any versioned table or behaviour change. A newer
 * `v1.N` in config judges as this one, as PSA clamps a version newer than its own to `latest`.
 */
export const NEWEST_KNOWN_PSS_VERSION: PssVersion = Math.max(
    ...PSS_VERSIONED_TABLES.flatMap((table) => table.map((row) => row.since)),
    ...Object.values(PSS_CHANGES),
);

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

/**
 * Whether capabilities_baseline lets a container add `name`, spelt as the workload's dialect spells it: Kubernetes names
 * compare exactly, as PSA does (admission rejects `chown`); Docker accepts any spelling, so its names are normalized
 * first.
 */
export function baselineAllowsCapability(spelling: CapabilitySpelling, version: PssVersion, name: string): boolean {
    return allowedAt(BASELINE_CAPABILITIES, version).has(spelling === "normalized" ? normalizeCapability(name) : name);
}

/** Which pre-1.19 seccomp annotation values PSA accepts (`policy/check_seccompProfile_baseline.go`). */
export function allowedSeccompAnnotation(v: string): boolean {
    return v === "runtime/default" || v === "docker/default" || v.startsWith("localhost/");
}

/** Which deprecated AppArmor annotation values PSA accepts (`policy/check_appArmorProfile.go`). */
export function allowedAppArmorAnnotation(v: string): boolean {
    return v === "" || v === "runtime/default" || v.startsWith("localhost/");
}
