// Issue 22 over the analyzer protocol: each host path class the first sensitive list missed fails preview as a
// mandatory sensitiveHostPath finding on every platform that mounts host paths (Kubernetes hostPath, Docker bind,
// ECS and Batch host volumes), and its near miss passes. The in-process twins are
// test/checks/sensitiveHostPath-node-escapes.test.ts.
import * as assert from "assert";
import { EngineDiagnostic, suitePack } from "../harness/engine";
import { HOST_MOUNT_CARRIERS } from "../fixtures/hostMounts";

/** One path per class: [the escape, the path]. */
const CLASSES: Array<[string, string]> = [
    ["CNI plugin binaries the kubelet runs as root", "/opt/cni/bin"],
    ["GKE's node binaries", "/home/kubernetes/bin"],
    ["k3s/RKE2 state and server token", "/var/lib/rancher"],
    ["MicroK8s state and credentials", "/var/snap/microk8s"],
    ["etcd's data", "/var/lib/etcd"],
    ["a cron spool", "/var/spool/cron"],
    ["the kubelet's pod logs (symlink escape)", "/var/log"],
    ["a user's home", "/home/alice"],
    ["SSH keys outside /home", "/var/lib/git/.ssh"],
    ["the LXD socket", "/var/snap/lxd/common/lxd/unix.socket"],
    ["MicroK8s's containerd socket", "/var/snap/microk8s/common/run/containerd.sock"],
    ["a Windows drive root", "C:\\"],
    ["dockerd's Windows named pipe", "\\\\.\\PIPE\\docker_engine"],
    ["containerd's Windows named pipe", "//./pipe/containerd-containerd"],
];

const ofCheck = (ds: EngineDiagnostic[], check: string) =>
    ds.filter((d) => d.message.includes(`[${check}]`) && d.enforcementLevel === "mandatory");

describe("issue 22 host path classes over the analyzer protocol", function () {
    this.timeout(60000);
    const pack = suitePack();

    for (const carrier of HOST_MOUNT_CARRIERS) {
        for (const [escape, path] of CLASSES) {
            it(`${carrier.name}: ${JSON.stringify(path)} fails preview (${escape})`, async () => {
                const ds = ofCheck(
                    await pack().analyze(carrier.type, "res", carrier.props(path, true)),
                    "sensitiveHostPath",
                );
                assert.strictEqual(ds.length, 1, ds.map((d) => d.message).join(" | "));
                assert.strictEqual(ds[0].policyName, "no-sensitive-host-mounts");
            });
        }
        it(`${carrier.name}: near misses pass (/var/log/app, /srv/unix.socket, D:\\data, an app's pipe)`, async () => {
            for (const path of ["/var/log/app", "/srv/unix.socket", "D:\\data", "\\\\.\\pipe\\my-app"]) {
                const ds = ofCheck(
                    await pack().analyze(carrier.type, "res", carrier.props(path, false)),
                    "sensitiveHostPath",
                );
                assert.deepStrictEqual(ds, [], path);
            }
        });
    }
});
