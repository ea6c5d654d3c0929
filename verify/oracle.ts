// The measured boundary of one container, and whether it agrees with the pack's verdicts. Each check with an effect
// the kernel reports makes claims: a failing verdict claims the setting opens the surface it names ("privileged:
// every capability and the host's devices"), a passing one that the surface is closed ("capabilities_restricted:
// nothing beyond the allowed capabilities"). Where a check makes no claim (allowPrivilegeEscalation under
// `forbid-true` passes an unset field, which Kubernetes treats as allowed) none is tested.
import {
    BASELINE_ALLOWED_CAPABILITIES,
    normalizeCapability,
    RUNTIME_DEFAULT_CAPABILITIES,
} from "../engine/capabilities";
import { sensitiveMatch } from "../engine/hostpaths";
import { HostNamespace } from "../model/workload";
import { JudgedContainer, TENANCY_CHECKS } from "./judge";
import { HostFacts, Measurement, NamespaceName, RuntimeName } from "./probe";

/** Namespace names as `verify` prints them (the kernel's names; `net` is the network namespace). */
export type MeasuredNamespace = "pid" | "ipc" | "net" | "uts" | "user" | "cgroup";
const MEASURED: readonly MeasuredNamespace[] = ["pid", "ipc", "net", "uts", "user", "cgroup"];
const MODEL_TO_KERNEL: Record<HostNamespace, MeasuredNamespace> = {
    pid: "pid",
    ipc: "ipc",
    network: "net",
    uts: "uts",
    user: "user",
    cgroup: "cgroup",
};

export interface Boundary {
    runtime: RuntimeName;
    sharesHostKernel: boolean;
    /** The bounding set: every capability a process in the container can hold. */
    capabilities: string[];
    effectiveCapabilities: string[];
    noNewPrivileges: boolean | null;
    seccomp: "none" | "strict" | "filter" | null;
    runAsUser: number;
    hostNamespaces: MeasuredNamespace[];
    hostPathsReachable: string[];
    hostPathsWritable: string[];
    devices: number;
    kernel: string;
}

export function boundaryOf(runtime: RuntimeName, m: Measurement, host: HostFacts): Boundary {
    const seccomp = m.seccompMode === null ? null : ((["none", "strict", "filter"] as const)[m.seccompMode] ?? null);
    return {
        runtime,
        sharesHostKernel: m.kernel === host.kernel && m.bootId === host.bootId,
        capabilities: m.capBnd,
        effectiveCapabilities: m.capEff,
        noNewPrivileges: m.noNewPrivileges,
        seccomp,
        runAsUser: m.uid,
        hostNamespaces: MEASURED.filter((n) => {
            const own = m.namespaces[n as NamespaceName];
            return own !== undefined && own === host.namespaces[n as NamespaceName];
        }),
        hostPathsReachable: [...new Set(m.standIns.map((s) => s.hostPath))].sort(),
        hostPathsWritable: [...new Set(m.standIns.filter((s) => s.writable).map((s) => s.hostPath))].sort(),
        devices: m.devices,
        kernel: m.kernel,
    };
}

/** One check's verdict against the measurement. */
export interface Agreement {
    check: string;
    failed: boolean;
    /**
     * agree: the measurement shows what the verdict claims; disagree: it contradicts it; contained: a failing verdict
     * whose surface the sandbox runtime does not pass through (gVisor's own kernel answers); unobservable: this
     * runtime does not report the property.
     */
    outcome: "agree" | "disagree" | "contained" | "unobservable";
    /** What was claimed and what was measured, for messages. */
    detail: string;
}

/** What a container with no special settings measures under a runtime (its own /dev), for the privileged claim. */
export interface Calibration {
    devices: number;
    /** The capabilities the runtime accepts (all the host's, unless the runtime is older than the kernel). */
    capabilities: string[];
}

const sameSet = (xs: readonly string[], ys: readonly string[]) =>
    xs.length === ys.length && xs.every((x) => ys.includes(x));
const subset = (xs: readonly string[], of: readonly string[]) => xs.every((x) => of.includes(x));

/** Compares every observable check that ran on this container with the boundary measured under `b.runtime`. */
export function agreements(j: JudgedContainer, b: Boundary, calibration: Calibration): Agreement[] {
    const out: Agreement[] = [];
    const sandboxed = b.runtime !== "runc";
    const failed = (...ids: string[]) => j.verdicts.some((v) => ids.includes(v.check));
    const ran = (id: string) => j.inForce.has(id);
    const c = j.container;
    const w = j.workload;
    const judge = (
        check: string,
        isFailed: boolean,
        exposed: boolean | null,
        claimsPass: boolean,
        detail: string,
        claimsFail = true,
    ) => {
        let outcome: Agreement["outcome"];
        if (exposed === null) outcome = "unobservable";
        else if (isFailed) outcome = !claimsFail || exposed ? "agree" : sandboxed ? "contained" : "disagree";
        else outcome = !claimsPass || !exposed ? "agree" : "disagree";
        out.push({ check, failed: isFailed, outcome, detail });
    };

    const allCaps = calibration.capabilities;
    const privilegedSurface =
        sameSet(b.capabilities, allCaps) && b.seccomp !== "filter" && b.devices > calibration.devices;
    if (ran("privileged"))
        judge(
            "privileged",
            failed("privileged"),
            privilegedSurface,
            true,
            `every capability, no seccomp filter and host devices: ${privilegedSurface} (${b.capabilities.length}/${allCaps.length} capabilities, seccomp ${b.seccomp}, ${b.devices} devices vs ${calibration.devices})`,
        );

    // Capabilities of a privileged container are the privileged check's to judge.
    if (c.security.privileged !== true) {
        if (ran("capabilities_restricted")) {
            const allowed = (j.inForce.get("capabilities_restricted")?.allowedCapabilities ?? []).map(
                normalizeCapability,
            );
            const beyond = b.capabilities.filter((x) => !allowed.includes(x));
            judge(
                "capabilities_restricted",
                failed("capabilities_restricted", "capabilities_baseline"),
                beyond.length > 0,
                true,
                `capabilities beyond ${allowed.join(", ") || "none"}: ${beyond.join(", ") || "none"}`,
            );
        } else if (ran("capabilities_baseline")) {
            const isFailed = failed("capabilities_baseline");
            // A failing verdict claims a capability outside the baseline list is held; a passing one that nothing
            // beyond the runtime's defaults is.
            const outside = b.capabilities.filter((x) => !BASELINE_ALLOWED_CAPABILITIES.includes(x));
            const beyondDefaults = b.capabilities.filter((x) => !RUNTIME_DEFAULT_CAPABILITIES.includes(x));
            judge(
                "capabilities_baseline",
                isFailed,
                isFailed ? outside.length > 0 : beyondDefaults.length > 0,
                true,
                `capabilities outside the baseline list: ${outside.join(", ") || "none"}; beyond the runtime defaults: ${beyondDefaults.join(", ") || "none"}`,
            );
        }
    }

    if (ran("allowPrivilegeEscalation")) {
        const requireFalse = j.inForce.get("allowPrivilegeEscalation")?.allowPrivilegeEscalation === "require-false";
        judge(
            "allowPrivilegeEscalation",
            failed("allowPrivilegeEscalation"),
            b.noNewPrivileges === null ? null : !b.noNewPrivileges,
            requireFalse,
            `no_new_privs: ${b.noNewPrivileges ?? "not reported"}`,
        );
    }

    if (ran("hostNamespaces")) {
        const isFailed = failed("hostNamespaces");
        const named = w.hostNamespaces.map((h) => MODEL_TO_KERNEL[h.namespace]);
        // Without a user namespace every container is in the host's; only a named one is the check's claim.
        const judged = MEASURED.filter((n) => n !== "user" || named.includes("user"));
        const shared = b.hostNamespaces.filter((n) => judged.includes(n));
        judge(
            "hostNamespaces",
            isFailed,
            isFailed ? named.length > 0 && subset(named, b.hostNamespaces) : shared.length > 0,
            true,
            `named ${named.join(", ") || "none"}; measured shared: ${b.hostNamespaces.join(", ") || "none"}`,
        );
    }

    for (const id of ["seccompProfile_restricted", "seccompProfile_baseline"]) {
        if (!ran(id)) continue;
        // A privileged container runs without a filter whatever its profile says; the privileged check owns that.
        if (c.security.privileged === true) break;
        const isFailed = failed(id, ...(id === "seccompProfile_restricted" ? ["seccompProfile_baseline"] : []));
        if (sandboxed) {
            // gVisor does not load the spec's seccomp profile: its Sentry serves every syscall itself.
            out.push({
                check: id,
                failed: isFailed,
                outcome: "contained",
                detail: `seccomp: ${b.seccomp} (${b.runtime} replaces the profile)`,
            });
            break;
        }
        judge(
            id,
            isFailed,
            b.seccomp === null ? null : b.seccomp !== "filter",
            // Baseline forbids only an explicit Unconfined: its pass claims nothing.
            id === "seccompProfile_restricted",
            `seccomp: ${b.seccomp ?? "not reported"}`,
        );
        break;
    }

    // runAsNonRoot fails when nothing guarantees a non-root user (a runAsUser alone does not): that claims nothing
    // measurable about this run. Its pass claims the process is not root together with runAsUser, which owns an
    // explicit root user (runAsUser: 0, Docker user "root" or "0" pass runAsNonRoot and fail runAsUser).
    if (ran("runAsNonRoot"))
        judge(
            "runAsNonRoot",
            failed("runAsNonRoot"),
            b.runAsUser === 0,
            !failed("runAsUser"),
            `uid ${b.runAsUser}`,
            false,
        );
    if (ran("runAsUser")) judge("runAsUser", failed("runAsUser"), b.runAsUser === 0, false, `uid ${b.runAsUser}`);

    const hostPathVolumes = w.volumes.filter(
        (v) => (v.container === undefined || v.container === c.name) && v.hostPath !== undefined,
    );
    if (ran("hostPathVolumes"))
        judge(
            "hostPathVolumes",
            failed("hostPathVolumes"),
            b.hostPathsReachable.length > 0,
            true,
            `host paths reachable: ${b.hostPathsReachable.join(", ") || "none"} (${hostPathVolumes.length} declared)`,
        );
    if (ran("sensitiveHostPath")) {
        const o = j.inForce.get("sensitiveHostPath");
        const sensitive = b.hostPathsReachable.filter(
            (p) =>
                sensitiveMatch(p, o?.sensitiveHostPaths ?? []) !== undefined &&
                !(o?.allowedHostPaths ?? []).some(
                    (a) =>
                        (p === a.pathPrefix || p.startsWith(a.pathPrefix.replace(/\/*$/, "/"))) &&
                        (!a.readOnly || !b.hostPathsWritable.includes(p)),
                ),
        );
        judge(
            "sensitiveHostPath",
            failed("sensitiveHostPath"),
            sensitive.length > 0,
            true,
            `sensitive host paths reachable: ${sensitive.join(", ") || "none"}`,
        );
    }

    if (j.multiTenant && (ran("sandboxedRuntime") || ran("sandboxRuntimeClass"))) {
        judge(
            "sandboxedRuntime",
            failed(...TENANCY_CHECKS),
            b.sharesHostKernel,
            true,
            `kernel ${b.kernel}, ${b.sharesHostKernel ? "the host's" : "not the host's"}`,
        );
    }
    return out;
}
