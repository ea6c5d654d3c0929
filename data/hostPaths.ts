// Host path tables: which host paths hand a container the host when mounted, which host files are harmless when
// mounted read-only, and which socket names control a container runtime. Data only: this folder imports nothing of
// the project outside data/. The matching logic is engine/hostpaths.ts.

/**
 * Host paths that must not be mounted into a container (config `sensitiveHostPaths` adds to them). A mount is
 * sensitive when it equals, lies under, or contains one of them (engine/hostpaths.ts). Entries inside an earlier
 * entry (/etc/kubernetes inside /etc) change no verdict; they say what the earlier entry protects. Sources, by group,
 * and per row where a row has its own.
 */
export const DEFAULT_SENSITIVE_HOST_PATHS: string[] = [
    // System directories: CIS Docker Benchmark v1.6.0, 5.5 "Ensure sensitive host system directories are not mounted
    // on containers" (/, /boot, /dev, /etc, /lib, /proc, /sys, /usr), plus /bin, /sbin, /lib64, /root and /run, which
    // hold the same binaries, libraries, root's home and runtime state on current distributions (FHS 3.0).
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
    // Runtime state and sockets: /var/run, /var/lib/docker, /var/lib/containerd, /var/lib/containers (CRI-O, Podman)
    // and /var/lib/kubelet, /etc/kubernetes (kubelet credentials and static pods), as the Kubernetes docs warn
    // (https://kubernetes.io/docs/concepts/storage/volumes/#hostpath, "Warning") and Gatekeeper's host-filesystem
    // library examples list.
    "/var/run",
    "/var/lib/docker",
    "/var/lib/containerd",
    "/var/lib/containers",
    "/var/lib/kubelet",
    "/etc/kubernetes",
    // Node agents' executables and config: the kubelet runs the CNI plugin binaries in /opt/cni/bin as root with the
    // config of /etc/cni/net.d (CNI spec, "Section 3: Execution Protocol"; containerd's and CRI-O's default
    // `bin_dir`/`conf_dir`), so a container that writes there runs code as root on the node at the next pod start.
    "/opt/cni/bin",
    "/etc/cni/net.d",
    // GKE (Container-Optimized OS) keeps the CNI binaries and the node's Kubernetes binaries and config under
    // /home/kubernetes (/home/kubernetes/bin is containerd's `bin_dir` there; kubernetes/cluster/gce/gci/configure.sh
    // installs KUBE_HOME=/home/kubernetes).
    "/home/kubernetes/bin",
    "/home/kubernetes",
    // Kubernetes distributions' state: k3s and RKE2 keep their data dir (containerd, the server token, etcd/sqlite
    // datastore, agent credentials) in /var/lib/rancher/{k3s,rke2} and the admin kubeconfig and config in
    // /etc/rancher/{k3s,rke2} (docs.k3s.io "Advanced Options", docs.rke2.io "Server Configuration Reference",
    // `data-dir` default). MicroK8s is a snap: its credentials, args, containerd state and socket live under
    // /var/snap/microk8s (microk8s.io/docs/configuring-services, "$SNAP_DATA" = /var/snap/microk8s/current).
    "/var/lib/rancher",
    "/etc/rancher",
    "/var/snap/microk8s",
    // LXD and Incus state (containers' root file systems, the database, the control socket): /var/snap/lxd/common/lxd
    // for the snap, /var/lib/lxd for the deb, /var/lib/incus (documentation.ubuntu.com/lxd "LXD server
    // configuration", `LXD_DIR`; linuxcontainers.org/incus/docs "Environment", `INCUS_DIR`).
    "/var/snap/lxd",
    "/var/lib/lxd",
    "/var/lib/incus",
    // etcd's data directory: the whole cluster state, Secrets included, unencrypted unless encryption at rest is on
    // (kubeadm's etcd static pod mounts it as hostPath /var/lib/etcd: kubernetes/cmd/kubeadm/app/constants
    // EtcdDataDir; https://kubernetes.io/docs/tasks/administer-cluster/configure-upgrade-etcd/).
    "/var/lib/etcd",
    // Cron spools and tables: a file written there runs as its owner (root for /etc/crontab and /etc/cron.d) at the
    // next minute (cron(8), crontab(5); Debian's and RHEL's cronie read /var/spool/cron/crontabs resp.
    // /var/spool/cron). /etc/cron.{hourly,daily,weekly,monthly} lie under /etc as well.
    "/var/spool/cron",
    "/etc/crontab",
    "/etc/cron.d",
    // Pod log directories: the kubelet serves `kubectl logs` by reading /var/log/pods/... as root and follows
    // symlinks, so a container with /var/log (or these) mounted writable replaces its log file by a link to
    // /etc/shadow or any host file and reads it through the API (Aqua Security, "Kubernetes Pod Escape Using Log
    // Mounts", 2019); /var/log/containers holds the links the kubelet and log agents follow into /var/log/pods
    // (kubernetes.io/docs/concepts/cluster-administration/logging, "Log location"). Read-only they still hand over
    // every pod's logs. /var/log itself is their ancestor and so sensitive; an application's own /var/log/<app> is
    // not. A log shipper that needs them gets an allowedHostPaths entry with readOnly: true.
    "/var/log/pods",
    "/var/log/containers",
    // User homes: SSH keys and authorized_keys, shell start-up files that run at the next login, kubeconfigs and
    // registry credentials (~/.kube, ~/.docker) of whoever uses the node (FHS 3.0 "/home"; /root is above). A `.ssh`
    // directory anywhere (a service account's home under /var/lib or /srv) is caught by SENSITIVE_SEGMENT_NAMES.
    "/home",
    // Windows hosts (paths are case-insensitive and may use either separator; engine/hostpaths.ts folds both). A
    // drive root is the whole volume (the matcher treats every drive root as it treats /); C:\Windows holds the
    // system binaries and the registry hives (System32\config); C:\ProgramData\docker is dockerd's data-root on
    // Windows (docs.docker.com/engine/daemon, "Configure the daemon": `data-root` default) and
    // C:\ProgramData\containerd containerd's root and state (containerd defaults_windows.go, %ProgramData%\containerd);
    // C:\var\lib\kubelet the kubelet's root dir on Windows nodes, C:\k their kubeconfig and binaries (kubernetes.io
    // "Adding Windows worker nodes", sig-windows-tools; AKS Windows nodes).
    "C:\\",
    "C:\\Windows",
    "C:\\ProgramData\\docker",
    "C:\\ProgramData\\containerd",
    "C:\\var\\lib\\kubelet",
    "C:\\k",
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
    // The same public CA bundles where Fedora, RHEL, CentOS, Amazon Linux and SUSE keep them: update-ca-trust(8)
    // writes the extracted bundles to /etc/pki/ca-trust/extracted from the anchors in /etc/pki/ca-trust/source, and
    // /etc/pki/tls/certs holds ca-bundle.crt (links into the former); private keys live in /etc/pki/tls/private,
    // which is not matched.
    "/etc/pki/ca-trust/**",
    "/etc/pki/tls/certs/**",
    // Debian's and Ubuntu's source certificates that update-ca-certificates(8) links into /etc/ssl/certs: public.
    "/usr/share/ca-certificates/**",
    // OS identification (os-release(5)): distribution name and version, read by agents to pick their behaviour;
    // /etc/os-release is usually a link to /usr/lib/os-release. Nothing secret, and read-only nothing to change.
    "/etc/os-release",
    "/usr/lib/os-release",
];

/**
 * Container-runtime control endpoints whose names say nothing by themselves (LXD's `unix.socket`) or that are not
 * files at all (Windows named pipes), matched by their whole path: mounting one is mounting the runtime, so it is
 * never waived by allowedHostPaths. Windows paths compare case-insensitively (engine/hostpaths.ts).
 */
export const RUNTIME_SOCKET_PATHS: string[] = [
    // LXD's API socket: snap and deb installs (documentation.ubuntu.com/lxd, "Access the LXD API"; the `lxd` group is
    // root-equivalent, and so is a container holding the socket).
    "/var/snap/lxd/common/lxd/unix.socket",
    "/var/lib/lxd/unix.socket",
    // Incus, LXD's fork (linuxcontainers.org/incus/docs "Security": access to the socket is root on the host).
    "/var/lib/incus/unix.socket",
    // dockerd on Windows listens on this pipe (docs.docker.com/reference/cli/dockerd, "Daemon socket option":
    // npipe:////./pipe/docker_engine); Docker documents bind-mounting it into Windows containers (`-v
    // \\.\pipe\docker_engine:\\.\pipe\docker_engine`), which hands the container the daemon.
    "\\\\.\\pipe\\docker_engine",
    // containerd on Windows (containerd defaults/defaults_windows.go DefaultAddress; the kubelet's CRI endpoint on
    // Windows nodes, npipe:////./pipe/containerd-containerd).
    "\\\\.\\pipe\\containerd-containerd",
];

/**
 * A directory or file with one of these names is sensitive wherever it lives: a user's SSH keys and
 * authorized_keys (ssh(1) FILES: ~/.ssh), in homes outside /home and /root too (service accounts under /var/lib,
 * git servers under /srv). A key written to authorized_keys is a login on the node.
 */
export const SENSITIVE_SEGMENT_NAMES: ReadonlySet<string> = new Set([".ssh"]);

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
