// Host path tables: which host paths hand a container the host when mounted, which host files are harmless when
// mounted read-only, and which socket names control a container runtime. Data only: this folder imports nothing of
// the project outside data/. The matching logic is engine/hostpaths.ts.

/**
 * Host paths that must not be mounted into a container (config `sensitiveHostPaths` adds to them).
 * Sources, by group:
 * - system directories: CIS Docker Benchmark v1.6.0, 5.5 "Ensure sensitive host system directories are not mounted
 *   on containers" (/, /boot, /dev, /etc, /lib, /proc, /sys, /usr), plus /bin, /sbin, /lib64, /root and /run, which
 *   hold the same binaries, libraries, root's home and runtime state on current distributions (FHS 3.0);
 * - runtime state and sockets: /var/run, /var/lib/docker, /var/lib/containerd, /var/lib/containers (CRI-O, Podman)
 *   and /var/lib/kubelet, /etc/kubernetes (kubelet credentials and static pods), as the Kubernetes docs warn
 *   (https://kubernetes.io/docs/concepts/storage/volumes/#hostpath, "Warning") and Gatekeeper's host-filesystem
 *   library examples list.
 */
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
 * judged as before. Source per row: the comment above it (what the file is and why reading it hands nothing over).
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

/**
 * A socket with one of these names controls a container runtime (and so the host) wherever it lives.
 * Sources: the default socket of each runtime's documentation (Docker dockerd, containerd, CRI-O, cri-dockerd,
 * Podman, the kubelet's dockershim, cri-containerd, frakti, rktlet, Kata, BuildKit).
 */
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
