// Workload model → OCI runtime spec, one per container: the isolation settings the container would get from its
// platform's runtime (containerd's CRI plugin for Kubernetes, Docker's daemon for Docker), so that running the spec
// measures what the configuration really grants. Reads only the normalized model, so every platform the pack reads
// gets the same treatment. Host paths are never bound: see standins.ts.
import * as fs from "fs";
import * as path from "path";
import { normalizeCapability, RUNTIME_DEFAULT_CAPABILITIES } from "../engine/capabilities";
import { Container, HostNamespace, SecuritySettings, Workload } from "../model/workload";
import { CAPABILITY_NAMES, hostCapabilities } from "./capabilities";
import { OciDevice, OciMount, OciSpec } from "./oci";
import { defaultSeccompProfile } from "./seccomp";
import { isBindMount, StandInRoot } from "./standins";

/** Paths containerd and Docker mask or make read-only in /proc and /sys unless privileged or procMount: Unmasked. */
export const DEFAULT_MASKED_PATHS = [
    "/proc/acpi",
    "/proc/asound",
    "/proc/kcore",
    "/proc/keys",
    "/proc/latency_stats",
    "/proc/timer_list",
    "/proc/timer_stats",
    "/proc/sched_debug",
    "/proc/scsi",
    "/sys/firmware",
    "/sys/devices/virtual/powercap",
];
export const DEFAULT_READONLY_PATHS = ["/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger"];

/** Sysctls a container may set in its own namespaces (the kernel refuses the rest outside the host). */
const NAMESPACED_SYSCTL = /^(net\.|kernel\.(shm|msg|sem)|fs\.mqueue\.)/;

/** Where the probe and its helper links live in the root filesystem. */
export const PROBE_PATH = "/probe";

export interface StandInMount {
    hostPath: string;
    destination: string;
    readOnly: boolean;
}

export interface SpecContext {
    standIns: StandInRoot;
    /** The host's device nodes: what a privileged container gets (read lazily, only when one is privileged). */
    hostDevices(): OciDevice[];
}

/** The spec for one container, or why its platform would not start it. */
export interface ContainerPlan {
    spec?: OciSpec;
    /** Set when the platform refuses to start the container (e.g. runAsNonRoot with a root user). */
    refused?: string;
    standIns: StandInMount[];
    /** Settings that could not be reproduced faithfully; printed by `verify` as notes. */
    notes: string[];
}

/** Container settings override pod settings (Kubernetes); Docker has only container settings. */
function effective<K extends "runAsUser" | "runAsNonRoot" | "seccompProfile">(
    w: Workload,
    c: Container,
    key: K,
): SecuritySettings[K] {
    return c.security[key] ?? w.pod[key];
}

const KNOWN = new Set(CAPABILITY_NAMES);

/**
 * The bounding set as the platform computes it. containerd (CRI): add ALL → every capability; drop ALL → none; then
 * the individual adds, then the individual drops. Docker (moby TweakCapabilities): add ALL → every capability but the
 * drops; drop ALL → only the adds; else the defaults less the drops, plus the adds (an add wins over a drop).
 */
export function capabilitySet(w: Workload, c: Container, notes: string[]): string[] {
    const all = hostCapabilities();
    if (c.security.privileged === true) return all;
    const norm = (xs: string[] | undefined) => (xs ?? []).map(normalizeCapability);
    const add = norm(c.security.capAdd);
    const drop = norm(c.security.capDrop);
    for (const name of [...add, ...drop])
        if (name !== "ALL" && !KNOWN.has(name)) notes.push(`unknown capability ${JSON.stringify(name)} ignored`);
    const known = (xs: string[]) => xs.filter((x) => x !== "ALL" && all.includes(x));
    let set: Set<string>;
    if (w.platform === "docker") {
        if (add.includes("ALL")) set = new Set(all.filter((x) => !drop.includes(x)));
        else if (drop.includes("ALL")) set = new Set(known(add));
        else set = new Set([...RUNTIME_DEFAULT_CAPABILITIES.filter((x) => !drop.includes(x)), ...known(add)]);
    } else {
        set = new Set(RUNTIME_DEFAULT_CAPABILITIES);
        if (add.includes("ALL")) set = new Set(all);
        if (drop.includes("ALL")) set.clear();
        for (const x of known(add)) set.add(x);
        for (const x of known(drop)) set.delete(x);
    }
    return all.filter((x) => set.has(x));
}

/**
 * no_new_privs: Kubernetes sets it only for an explicit allowPrivilegeEscalation: false, Docker only for the
 * no-new-privileges security option (the model maps both onto allowPrivilegeEscalation). Kubernetes treats a
 * privileged or CAP_SYS_ADMIN container as escalating whatever the field says (its API rejects false there, see
 * processUser); Docker puts the option into the spec as it is.
 */
export function noNewPrivileges(w: Workload, c: Container, caps: readonly string[]): boolean {
    if (w.platform !== "docker" && (c.security.privileged === true || caps.includes("SYS_ADMIN"))) return false;
    return c.security.allowPrivilegeEscalation === false;
}

/** The user the process runs as, or why the platform refuses to start it. The probe image's own user is root. */
export function processUser(w: Workload, c: Container): { uid: number; gid: number } | { refused: string } {
    let uid: number | undefined;
    let gid = 0;
    if (w.platform === "docker") {
        const user = c.user?.trim();
        if (user) {
            const [u, g] = user.split(":", 2);
            const num = (s: string) => (/^\d+$/.test(s) ? Number(s) : s === "root" ? 0 : undefined);
            uid = num(u);
            if (uid === undefined) return { refused: `user ${JSON.stringify(u)} does not exist in the image` };
            if (g !== undefined) {
                const n = num(g);
                if (n === undefined) return { refused: `group ${JSON.stringify(g)} does not exist in the image` };
                gid = n;
            }
        }
    } else {
        // API validation: allowPrivilegeEscalation: false contradicts privileged and an added CAP_SYS_ADMIN.
        if (c.security.allowPrivilegeEscalation === false) {
            const adds = (c.security.capAdd ?? []).map(normalizeCapability);
            if (c.security.privileged === true || adds.includes("SYS_ADMIN") || adds.includes("ALL"))
                return {
                    refused: `the API server rejects allowPrivilegeEscalation: false with ${c.security.privileged === true ? "privileged: true" : "CAP_SYS_ADMIN"}`,
                };
        }
        uid = effective(w, c, "runAsUser");
        // The kubelet refuses to start a runAsNonRoot container that would run as root (CreateContainerConfigError).
        if (effective(w, c, "runAsNonRoot") === true && (uid === undefined || uid === 0))
            return {
                refused:
                    uid === undefined
                        ? "runAsNonRoot is set and the image runs as root: the kubelet refuses to start it"
                        : "runAsNonRoot is set with runAsUser 0: the kubelet refuses to start it",
            };
    }
    return { uid: uid ?? 0, gid };
}

/** Namespaces the container shares with the host: as the model lists them, plus what the platform implies. */
export function sharedNamespaces(w: Workload): Set<HostNamespace> {
    const shared = new Set(w.hostNamespaces.map((h) => h.namespace));
    // A Kubernetes pod on the host network also gets the host's UTS namespace (its hostname).
    if (w.platform !== "docker" && shared.has("network")) shared.add("uts");
    // Without a user namespace the container is in the host's; Kubernetes creates one only for hostUsers: false.
    if (w.platform === "docker" || w.hostUsers !== false) shared.add("user");
    return shared;
}

/** Mounts every container gets from runc/containerd, less what a privileged container gets read-write. */
function baseMounts(privileged: boolean, sharesNet: boolean, sharesUser: boolean): OciMount[] {
    const mounts: OciMount[] = [
        { destination: "/proc", type: "proc", source: "proc" },
        {
            destination: "/dev",
            type: "tmpfs",
            source: "tmpfs",
            options: ["nosuid", "strictatime", "mode=755", "size=65536k"],
        },
        {
            destination: "/dev/pts",
            type: "devpts",
            source: "devpts",
            options: [
                "nosuid",
                "noexec",
                "newinstance",
                "ptmxmode=0666",
                "mode=0620",
                ...(sharesUser ? ["gid=5"] : []),
            ],
        },
        {
            destination: "/dev/shm",
            type: "tmpfs",
            source: "shm",
            options: ["nosuid", "noexec", "nodev", "mode=1777", "size=65536k"],
        },
        { destination: "/dev/mqueue", type: "mqueue", source: "mqueue", options: ["nosuid", "noexec", "nodev"] },
    ];
    // sysfs belongs to the network namespace; with the host's network it cannot be mounted afresh unprivileged.
    if (!sharesNet)
        mounts.push({
            destination: "/sys",
            type: "sysfs",
            source: "sysfs",
            options: ["nosuid", "noexec", "nodev", privileged ? "rw" : "ro"],
        });
    return mounts;
}

/** Volumes and mounts: tmpfs for what the runtime creates, stand-ins for anything on the host. */
function volumeMounts(w: Workload, c: Container, ctx: SpecContext, plan: ContainerPlan): OciMount[] {
    const out: OciMount[] = [];
    const standIn = (hostPath: string, destination: string, readOnly: boolean) => {
        const source = ctx.standIns.create(hostPath);
        plan.standIns.push({ hostPath, destination, readOnly });
        out.push({ destination, type: "bind", source, options: ["rbind", "nosuid", "nodev", readOnly ? "ro" : "rw"] });
    };
    const tmpfs = (destination: string, readOnly: boolean) =>
        out.push({ destination, type: "tmpfs", source: "tmpfs", options: ["nosuid", "nodev", readOnly ? "ro" : "rw"] });
    if (w.platform === "docker") {
        // Docker ties volumes to the container; the container path of a `volumes` bind is not in the model.
        w.volumes
            .filter((v) => v.container === undefined || v.container === c.name)
            .forEach((v, i) => {
                const m = c.mounts.find((x) => x.volume === v.name && x.mountPath);
                const destination = m?.mountPath ?? `/standins/${i}`;
                const hostPath = v.hostPath ?? v.name;
                if (v.device || v.types.includes("bind")) standIn(hostPath, destination, v.readOnly);
                else tmpfs(destination, v.readOnly);
            });
        return out;
    }
    for (const m of c.mounts) {
        const v = w.volumes.find((x) => x.name === m.volume);
        if (!v || !m.mountPath) continue;
        if (v.types.includes("hostPath")) standIn(v.hostPath ?? "", m.mountPath, m.readOnly === true);
        else {
            if (!v.types.includes("emptyDir"))
                plan.notes.push(`volume "${v.name}" (${v.types.join(", ")}) is an empty tmpfs`);
            tmpfs(m.mountPath, m.readOnly === true);
        }
    }
    return out;
}

function sysctls(w: Workload, notes: string[]): Record<string, string> | undefined {
    if (!w.sysctls.length) return undefined;
    const out: Record<string, string> = {};
    for (const s of w.sysctls) {
        if (!NAMESPACED_SYSCTL.test(s.name)) {
            notes.push(`sysctl ${s.name} is not namespaced: the runtime refuses it; left out`);
            continue;
        }
        // The model keeps names, not values: the container gets the verifier's current value in its own namespace.
        try {
            out[s.name] = fs.readFileSync(path.join("/proc/sys", ...s.name.split(".")), "utf8").trim();
        } catch {
            notes.push(`sysctl ${s.name} is unknown to this kernel; left out`);
        }
    }
    return out;
}

/** Builds the spec for container `c` of workload `w`; stand-ins are created under ctx.standIns. */
export function buildSpec(w: Workload, c: Container, ctx: SpecContext): ContainerPlan {
    const plan: ContainerPlan = { standIns: [], notes: [] };
    const user = processUser(w, c);
    if ("refused" in user) {
        plan.refused = user.refused;
        return plan;
    }
    const privileged = c.security.privileged === true;
    const caps = capabilitySet(w, c, plan.notes);
    // The OCI spec spells capabilities with the CAP_ prefix (runc ignores, runsc rejects, anything else).
    const bounding = caps.map((x) => `CAP_${x}`);
    const shared = sharedNamespaces(w);
    const namespaces = (["pid", "ipc", "uts", "network", "cgroup", "user"] as const)
        .filter((n) => !shared.has(n))
        .map((n): { type: string } => ({ type: n }));
    namespaces.push({ type: "mount" });
    const seccompType = effective(w, c, "seccompProfile")?.type;
    // Kubernetes' default is Unconfined (unless the kubelet's SeccompDefault is on); Docker's is its default profile.
    const confined =
        !privileged &&
        (seccompType === "RuntimeDefault" ||
            seccompType === "Localhost" ||
            (seccompType === undefined && w.platform === "docker"));
    if (seccompType === "Localhost" && !privileged)
        plan.notes.push("Localhost seccomp profile: the node's file is not here; the default profile stands in");
    const unmasked = privileged || c.security.procMount === "Unmasked";
    const spec: OciSpec = {
        ociVersion: "1.0.2",
        process: {
            terminal: false,
            user,
            args: ["/bin/sh", PROBE_PATH],
            env: ["PATH=/bin"],
            cwd: "/",
            capabilities: {
                bounding,
                // runc applies these after switching user: a non-root process starts without effective capabilities.
                effective: user.uid === 0 ? bounding : [],
                permitted: user.uid === 0 ? bounding : [],
                inheritable: [],
            },
            rlimits: [{ type: "RLIMIT_NOFILE", hard: 1024, soft: 1024 }],
            noNewPrivileges: noNewPrivileges(w, c, caps),
        },
        root: { path: "rootfs", readonly: c.security.readOnlyRootFilesystem === true },
        mounts: [
            ...baseMounts(privileged, shared.has("network"), shared.has("user")),
            ...volumeMounts(w, c, ctx, plan),
        ],
        linux: {
            namespaces,
            resources: { devices: [{ allow: privileged, access: "rwm" }] },
            maskedPaths: unmasked ? [] : DEFAULT_MASKED_PATHS,
            readonlyPaths: unmasked ? [] : DEFAULT_READONLY_PATHS,
        },
    };
    if (!shared.has("uts")) spec.hostname = "probe";
    if (!shared.has("user")) {
        // hostUsers: false: the container's root is an unprivileged ID range on the host.
        spec.linux.uidMappings = [{ containerID: 0, hostID: 100000, size: 65536 }];
        spec.linux.gidMappings = [{ containerID: 0, hostID: 100000, size: 65536 }];
    }
    if (privileged) spec.linux.devices = ctx.hostDevices();
    if (confined) spec.linux.seccomp = defaultSeccompProfile();
    const sc = sysctls(w, plan.notes);
    if (sc && Object.keys(sc).length) spec.linux.sysctl = sc;
    assertOnlyStandIns(spec, ctx.standIns);
    plan.spec = spec;
    return plan;
}

/** The guard: a spec whose bind mounts have any source outside the stand-in root is refused, whoever built it. */
export function assertOnlyStandIns(spec: OciSpec, standIns: StandInRoot): void {
    for (const m of spec.mounts) if (isBindMount(m)) standIns.assertInside(m.source);
}

/** Every char and block device under /dev (as containerd's WithDevices walks it for a privileged container). */
export function readHostDevices(dir = "/dev"): OciDevice[] {
    const out: OciDevice[] = [];
    const skip = new Set(["/dev/pts", "/dev/shm", "/dev/mqueue", "/dev/fd"]);
    const walk = (d: string) => {
        let entries: fs.Dirent[];
        try {
            entries = fs.readdirSync(d, { withFileTypes: true });
        } catch {
            return;
        }
        for (const e of entries) {
            const p = path.join(d, e.name);
            if (skip.has(p)) continue;
            if (e.isDirectory()) walk(p);
            else if (e.isCharacterDevice() || e.isBlockDevice()) {
                const st = fs.statSync(p, { bigint: true });
                const rdev = st.rdev;
                const major = Number(((rdev >> BigInt(8)) & BigInt(0xfff)) | ((rdev >> BigInt(32)) & ~BigInt(0xfff)));
                const minor = Number((rdev & BigInt(0xff)) | ((rdev >> BigInt(12)) & ~BigInt(0xff)));
                out.push({
                    path: p,
                    type: e.isCharacterDevice() ? "c" : "b",
                    major,
                    minor,
                    fileMode: Number(st.mode & BigInt(0o777)),
                    uid: Number(st.uid),
                    gid: Number(st.gid),
                });
            }
        }
    };
    walk(dir);
    return out;
}
