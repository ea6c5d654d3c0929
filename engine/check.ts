// What a check is: a small pure function over the workload model with a stable ID.
import { Container, FieldKey, Platform, Workload } from "../model/workload";

/** PSS version as its minor number (v1.25 → 25); `latest` is +Infinity so `version >= N` always holds. */
export type PssVersion = number;
export const LATEST: PssVersion = Number.POSITIVE_INFINITY;

export interface AllowedHostPath {
    pathPrefix: string;
    /** When true, the prefix is allowed only if every mount of it is read-only. */
    readOnly?: boolean;
}

/** Every knob a check may read. Each policy fills in the ones its config schema exposes; the rest stay default. */
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
}

export interface Finding {
    check: string;
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
    id: string;
    /** One line for docs and Pulumi Cloud. */
    description: string;
    /** Model fields the check reads: unknown or malformed values there are routed to this check. */
    reads: FieldKey[];
    /** Platforms the check applies to; all when omitted. */
    platforms?: Platform[];
    /** Check IDs this one supersedes when both are enabled (restricted twins of baseline checks). */
    replaces?: string[];
    run(w: Workload, o: CheckOptions): Finding[];
}
