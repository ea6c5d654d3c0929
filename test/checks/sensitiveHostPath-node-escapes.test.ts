// Host paths the first sensitive list missed (issue 22 part 1), each named by the escape it opens, on every platform
// that mounts host paths: node agents' executables and config (CNI), Kubernetes distributions' state (k3s, RKE2,
// MicroK8s, GKE's /home/kubernetes), etcd's data, cron spools, the kubelet's pod logs, user homes and `.ssh`,
// runtime sockets whose name says nothing (LXD, Incus) or that live in distribution paths, and Windows drive roots,
// system directories and named pipes (case-insensitive). Their near misses pass.
import * as assert from "assert";
import { HOST_MOUNT_CARRIERS } from "../fixtures/hostMounts";
import { judge, PackConfig } from "../helpers";
import { normalizeHostPath, sensitiveMatch, DEFAULT_SENSITIVE_HOST_PATHS } from "../../engine/hostpaths";

/** [the escape, a host path that opens it, what the finding says]. */
export const NODE_ESCAPES: Array<[string, string, RegExp]> = [
    ["a CNI plugin binary the kubelet runs as root", "/opt/cni/bin", /a sensitive host path/],
    ["a CNI plugin binary, one file", "/opt/cni/bin/bridge", /inside sensitive host path \/opt\/cni\/bin/],
    ["the CNI network config the runtime executes", "/etc/cni/net.d", /inside sensitive host path \/etc/],
    ["/opt, which holds the CNI binaries", "/opt", /an ancestor of sensitive host path \/opt\/cni\/bin/],
    ["GKE's node binaries", "/home/kubernetes/bin", /a sensitive host path/],
    ["GKE's node config", "/home/kubernetes/kube-env", /inside sensitive host path \/home\/kubernetes:/],
    ["k3s/RKE2 data (server token, containerd)", "/var/lib/rancher/k3s/server/token", /\/var\/lib\/rancher/],
    ["k3s/RKE2 admin kubeconfig", "/etc/rancher/k3s/k3s.yaml", /inside sensitive host path \/etc/],
    ["MicroK8s credentials", "/var/snap/microk8s/current/credentials", /\/var\/snap\/microk8s/],
    ["etcd's data (every Secret)", "/var/lib/etcd", /a sensitive host path/],
    ["a root crontab", "/var/spool/cron/crontabs/root", /\/var\/spool\/cron/],
    ["RHEL's cron spool", "/var/spool/cron", /a sensitive host path/],
    ["/etc/crontab", "/etc/crontab", /inside sensitive host path \/etc/],
    ["the kubelet's pod logs (symlink escape)", "/var/log/pods", /a sensitive host path/],
    ["/var/log, ancestor of the pod logs", "/var/log", /an ancestor of sensitive host path \/var\/log\/pods/],
    ["the log links the kubelet follows", "/var/log/containers", /a sensitive host path/],
    ["root's home", "/root", /a sensitive host path/],
    ["a user's home", "/home/alice", /inside sensitive host path \/home:/],
    ["a user's SSH keys, tilde-written", "~/.ssh", /a sensitive host path/],
    ["another user's home, tilde-written", "~bob/app", /inside sensitive host path \/home:/],
    ["a service account's .ssh outside /home", "/var/lib/jenkins/.ssh", /a sensitive host path/],
    [
        "authorized_keys in a git server's .ssh",
        "/srv/git/.ssh/authorized_keys",
        /inside sensitive host path \/srv\/git\/\.ssh/,
    ],
    ["the LXD socket (snap)", "/var/snap/lxd/common/lxd/unix.socket", /a container runtime socket/],
    ["the LXD socket (deb)", "/var/lib/lxd/unix.socket", /a container runtime socket/],
    ["the Incus socket", "/var/lib/incus/unix.socket", /a container runtime socket/],
    ["LXD's state", "/var/lib/lxd", /a sensitive host path/],
    ["the Podman socket", "/run/podman/podman.sock", /a container runtime socket/],
    ["the CRI-O socket", "/var/run/crio/crio.sock", /a container runtime socket/],
    ["k3s's containerd socket", "/run/k3s/containerd/containerd.sock", /a container runtime socket/],
    ["MicroK8s's containerd socket", "/var/snap/microk8s/common/run/containerd.sock", /a container runtime socket/],
    ["a Windows drive root", "C:\\", /a sensitive host path/],
    ["a Windows drive root, forward slash", "C:/", /a sensitive host path/],
    ["another drive's root", "d:\\", /a sensitive host path/],
    ["the Windows system directory", "C:\\Windows\\System32\\config", /inside sensitive host path c:\/windows/],
    ["the Windows system directory, other case", "c:\\WINDOWS", /a sensitive host path/],
    ["dockerd's Windows data root", "C:\\ProgramData\\Docker", /a sensitive host path/],
    ["C:\\ProgramData, ancestor of it", "C:\\ProgramData", /an ancestor of sensitive host path c:\/programdata/],
    ["the Windows kubelet's root", "C:\\var\\lib\\kubelet\\pods", /c:\/var\/lib\/kubelet/],
    ["dockerd's named pipe", "\\\\.\\pipe\\docker_engine", /a container runtime socket/],
    ["dockerd's named pipe, other case and slashes", "//./PIPE/Docker_Engine", /a container runtime socket/],
    ["containerd's named pipe", "\\\\.\\pipe\\containerd-containerd", /a container runtime socket/],
    ["a Win32 device path to the system directory", "\\\\?\\C:\\Windows", /a sensitive host path/],
];

/** Near misses: the same neighbourhoods, nothing of the node's. */
export const NODE_NEAR_MISSES = [
    "/opt/app",
    "/opt/cni-tools",
    "/var/log/app",
    "/var/logs",
    "/var/lib/app",
    "/srv/unix.socket",
    "/srv/data/ssh",
    "/homes/x",
    "/var/spool/mail-archive",
    "D:\\data",
    "c:/data/app",
    "\\\\.\\pipe\\my-app",
];

const only = (type: string, props: Record<string, unknown>, config: PackConfig = {}) =>
    judge(type, props, config).filter((d) => d.check === "sensitiveHostPath");

describe("sensitiveHostPath: node agents, distributions, logs, homes, more runtime sockets, Windows", () => {
    for (const carrier of HOST_MOUNT_CARRIERS) {
        describe(carrier.name, () => {
            for (const [escape, path, says] of NODE_ESCAPES) {
                it(`rejects ${JSON.stringify(path)}: ${escape}`, () => {
                    const ds = only(carrier.type, carrier.props(path, false));
                    assert.strictEqual(ds.length, 1, ds.map((d) => d.message).join(" | "));
                    assert.match(ds[0].message, says);
                });
            }
            it("passes their near misses", () => {
                for (const path of NODE_NEAR_MISSES)
                    assert.deepStrictEqual(only(carrier.type, carrier.props(path, false)), [], path);
            });
        });
    }

    it("read-only does not make a socket, a node agent's directory or a home safe", () => {
        for (const path of ["/var/lib/lxd/unix.socket", "/opt/cni/bin", "/home/alice", "\\\\.\\pipe\\docker_engine"])
            for (const carrier of HOST_MOUNT_CARRIERS)
                assert.strictEqual(only(carrier.type, carrier.props(path, true)).length, 1, `${carrier.name} ${path}`);
    });

    it("allowedHostPaths waives a directory read-only (a log shipper) but never a socket or a named pipe", () => {
        const config = (pathPrefix: string): PackConfig => ({
            "no-sensitive-host-mounts": { allowedHostPaths: [{ pathPrefix, readOnly: true }] },
        });
        for (const carrier of HOST_MOUNT_CARRIERS) {
            assert.deepStrictEqual(only(carrier.type, carrier.props("/var/log", true), config("/var/log")), []);
            assert.strictEqual(only(carrier.type, carrier.props("/var/log", false), config("/var/log")).length, 1);
            assert.strictEqual(
                only(carrier.type, carrier.props("/var/lib/lxd/unix.socket", true), config("/var/lib/lxd")).length,
                1,
            );
            assert.strictEqual(
                only(carrier.type, carrier.props("\\\\.\\pipe\\docker_engine", true), config("\\\\.\\pipe")).length,
                1,
            );
        }
    });
});

describe("host path normalization: Windows, device prefixes, tilde", () => {
    const cases: Array<[string, string]> = [
        ["C:\\", "c:/"],
        ["C:/", "c:/"],
        ["C:", "c:/"],
        ["c:Windows", "c:/windows"],
        ["C:\\Windows\\..\\..\\..\\", "c:/"],
        ["C:\\ProgramData\\.\\Docker\\", "c:/programdata/docker"],
        ["\\\\.\\pipe\\Docker_Engine", "//./pipe/docker_engine"],
        ["\\\\.\\pipe\\x\\..\\..\\docker_engine", "//./pipe/docker_engine"],
        ["\\\\?\\C:\\Windows", "c:/windows"],
        ["\\\\.\\C:\\..\\Windows", "c:/windows"],
        ["//./etc", "/etc"],
        ["//./", "/"],
        // `?` is a directory name on Linux: only `.` is a no-op there.
        ["//?/var/run", "/?/var/run"],
        // Neither a pipe nor a drive: read as the Linux path it also is.
        ["\\\\.\\PhysicalDrive0", "/PhysicalDrive0"],
        ["\\\\.\\pipe\\A\\B", "//./pipe/a/b"],
        ["/srv/x:y", "/srv/x:y"],
        ["x:y/z", "x:/y/z"],
        ["//./C:x/y", "/C:x/y"],
        ["a~/b", "/a~/b"],
        ["~", "/root"],
        ["~/.ssh", "/root/.ssh"],
        ["~bob/.ssh", "/home/bob/.ssh"],
        ["/~/x", "/~/x"],
        ["/srv/~x", "/srv/~x"],
        ["/ETC", "/ETC"],
    ];
    for (const [raw, normalized] of cases)
        it(`${JSON.stringify(raw)} → ${normalized}`, () => assert.strictEqual(normalizeHostPath(raw), normalized));

    it("a Linux path keeps its case; a drive root is not under / and / is no ancestor of a Windows path", () => {
        assert.strictEqual(sensitiveMatch("/ETC", DEFAULT_SENSITIVE_HOST_PATHS), undefined);
        assert.strictEqual(sensitiveMatch("c:/data", ["/"]), undefined);
        assert.deepStrictEqual(sensitiveMatch("c:/", ["/"]), { kind: "equal", sensitive: "/" });
        assert.deepStrictEqual(sensitiveMatch("/", ["C:\\"]), { kind: "equal", sensitive: "c:/" });
        assert.deepStrictEqual(sensitiveMatch("c:/x", ["c:/x/y", "/x/y"]), { kind: "ancestor", sensitive: "c:/x/y" });
        assert.strictEqual(sensitiveMatch("/x", ["c:/x/y"]), undefined);
    });

    it("the .ssh rule names the directory, equal or under, and only a whole segment", () => {
        assert.deepStrictEqual(sensitiveMatch("/a/.ssh", []), { kind: "equal", sensitive: "/a/.ssh" });
        assert.deepStrictEqual(sensitiveMatch("/a/.ssh/k", []), { kind: "under", sensitive: "/a/.ssh" });
        assert.strictEqual(sensitiveMatch("/a/.sshx", []), undefined);
        assert.strictEqual(sensitiveMatch("/a/x.ssh", []), undefined);
    });
});
