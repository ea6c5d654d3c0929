// Host path reasoning shared by the mount checks: normalization that defeats spelling tricks, and the default
// list of host paths whose exposure hands a container the host.

export const DEFAULT_SENSITIVE_HOST_PATHS: string[] = [
    "/",
    "/bin",
    "/boot",
    "/dev",
    "/etc",
    "/lib",
    "/lib64",
    "/proc",
    "/root",
    "/run",
    "/sbin",
    "/sys",
    "/usr",
    "/var/run",
    "/var/lib/docker",
    "/var/lib/containerd",
    "/var/lib/containers",
    "/var/lib/kubelet",
    "/etc/kubernetes",
];

/**
 * Host files that hand a container nothing when mounted read-only, so `sensitiveHostPath` lets read-only mounts of
 * exactly these through although they lie under /etc or /usr. Chosen from what real programs mount (compose files,
 * Helm charts, homelab stacks, control-plane static pods). An entry matches that path exactly after normalization;
 * `/**` at the end also matches everything beneath it. A read-write mount, or a mount of a parent directory, is still
 * judged as before.
 */
export const DEFAULT_HARMLESS_READ_ONLY_FILES: string[] = [
    // The host's time zone, so container logs use local time: compiled tz data (or a symlink to it); no secrets, and
    // read-only it cannot change the host's clock or zone.
    "/etc/localtime",
    // Debian/Ubuntu's one-line time zone name ("Europe/Berlin"); read by the same programs.
    "/etc/timezone",
    // The tz database itself (what /etc/localtime points into): public data shipped by the tzdata package.
    "/usr/share/zoneinfo/**",
    // Public CA certificates for TLS trust (kube-apiserver and controller-manager static pods, many charts): public by
    // definition; private keys live in /etc/ssl/private, which is not matched.
    "/etc/ssl/certs/**",
];

/** Whether a normalized host path is one of `entries` (exact, or beneath an entry ending in `/**`). */
export function isListedFile(path: string, entries: readonly string[]): boolean {
    for (const raw of entries) {
        const tree = raw.endsWith("/**");
        const entry = normalizeHostPath(tree ? raw.slice(0, -3) : raw);
        // `/` is never harmless: a tree entry of `/**` would let everything through.
        if (entry === "/") continue;
        if (path === entry || (tree && path.startsWith(entry + "/"))) return true;
    }
    return false;
}

/** A socket with one of these names controls a container runtime (and so the host) wherever it lives. */
export const RUNTIME_SOCKET_NAMES: ReadonlySet<string> = new Set([
    "docker.sock",
    "containerd.sock",
    "crio.sock",
    "cri-dockerd.sock",
    "podman.sock",
    "dockershim.sock",
    "cri-containerd.sock",
    "frakti.sock",
    "rktlet.sock",
    "kata.sock",
    "buildkitd.sock",
]);

/**
 * Normalizes a host path lexically: collapses `//`, resolves `.` and `..` (never above `/`), drops a trailing `/`,
 * folds Windows separators. A relative path is anchored at `/` (Docker and the kubelet resolve it from there or reject it).
 */
export function normalizeHostPath(p: string): string {
    const parts: string[] = [];
    for (const seg of p.replace(/\\/g, "/").split("/")) {
        if (seg === "" || seg === ".") continue;
        if (seg === "..") parts.pop();
        else parts.push(seg);
    }
    return "/" + parts.join("/");
}

/** Segment-wise: `/var` is under `/` and an ancestor of `/var/run`, but `/var/runner` is not under `/var/run`. */
export function isUnderOrEqual(path: string, prefix: string): boolean {
    if (prefix === "/") return true;
    return path === prefix || path.startsWith(prefix + "/");
}

export type SensitiveMatch =
    { kind: "equal" | "under" | "ancestor"; sensitive: string } | { kind: "socket"; sensitive: string };

/** Why a normalized path is sensitive, or undefined. Exact and "under" matches win over "ancestor". */
export function sensitiveMatch(path: string, sensitive: readonly string[]): SensitiveMatch | undefined {
    const last = path.split("/").pop() ?? "";
    if (RUNTIME_SOCKET_NAMES.has(last.toLowerCase())) return { kind: "socket", sensitive: last };
    let ancestor: string | undefined;
    for (const raw of sensitive) {
        const s = normalizeHostPath(raw);
        if (path === s) return { kind: "equal", sensitive: s };
        if (isUnderOrEqual(path, s) && s !== "/") return { kind: "under", sensitive: s };
        if (isUnderOrEqual(s, path) && ancestor === undefined) ancestor = s;
    }
    // `/` is sensitive in itself (equal) but being "under /" is every path; only ancestors of listed paths count.
    return ancestor !== undefined ? { kind: "ancestor", sensitive: ancestor } : undefined;
}
