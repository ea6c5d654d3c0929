import * as assert from "assert";
import { CARRIERS, PATCH_CARRIERS, POD, hardenedPodSpec } from "../fixtures/kubernetes";
import { DOCKER_CONTAINER, DOCKER_SERVICE, hardenedContainer, hardenedService } from "../fixtures/docker";
import { judge, PackConfig } from "../helpers";

const only = (ds: ReturnType<typeof judge>) => ds.filter((d) => d.check === "sensitiveHostPath");

function withHostPath(path: string, readOnly = false) {
    const spec = hardenedPodSpec();
    spec.volumes.push({ name: "host", hostPath: { path } });
    spec.containers[0].volumeMounts.push({ name: "host", mountPath: "/host", readOnly });
    return spec;
}

const podIds = (path: string, config: PackConfig = {}, readOnly = false) =>
    only(judge(POD.type, POD.wrap(withHostPath(path, readOnly)), config)).length;

describe("check sensitiveHostPath", () => {
    for (const carrier of [...CARRIERS, ...PATCH_CARRIERS]) {
        it(`${carrier.type}: rejects the docker socket`, () => {
            const ds = only(judge(carrier.type, carrier.wrap(withHostPath("/var/run/docker.sock"))));
            assert.strictEqual(ds.length, 1);
            assert.ok(
                ds[0].message.includes(`${carrier.specPath}.volumes[2].hostPath.path is "/var/run/docker.sock"`),
                ds[0].message,
            );
        });
    }

    it("catches paths that dodge an exact-match list", () => {
        for (const p of [
            "//var/run/docker.sock",
            "/var/run/",
            "/var/../var/run/docker.sock",
            "/",
            "/var/./run",
            "/var",
            "/etc/",
            "/proc/1/root",
            "\\var\\run",
            "/opt/../etc/shadow",
        ]) {
            assert.strictEqual(podIds(p), 1, p);
        }
    });

    it("catches runtime sockets wherever they live", () => {
        for (const p of [
            "/data/docker.sock",
            "/home/u/.local/containerd.sock",
            "/srv/crio.sock",
            "/x/cri-dockerd.sock",
            "/run/user/1000/podman/podman.sock",
            "/opt/DOCKER.SOCK",
        ]) {
            assert.strictEqual(podIds(p), 1, p);
        }
    });

    it("leaves unrelated host paths alone, segment-wise", () => {
        for (const p of ["/data", "/var/log/app", "/var/runner", "/srv/www", "/var/lib/dockerx", "/etcetera"])
            assert.strictEqual(podIds(p), 0, p);
    });

    it("does not accept read-only as safe", () => {
        assert.strictEqual(podIds("/var/run/docker.sock", {}, true), 1);
        assert.strictEqual(podIds("/etc", {}, true), 1);
    });

    it("takes extra sensitive paths from config", () => {
        assert.strictEqual(podIds("/srv/secrets/key"), 0);
        assert.strictEqual(
            podIds("/srv/secrets/key", { "no-sensitive-host-mounts": { sensitiveHostPaths: ["/srv/secrets"] } }),
            1,
        );
    });

    it("honours allowedHostPaths prefixes, read-only when required, never for sockets", () => {
        const allow = (readOnly: boolean): PackConfig => ({
            "no-sensitive-host-mounts": { allowedHostPaths: [{ pathPrefix: "/etc/ssl", readOnly }] },
        });
        assert.strictEqual(podIds("/etc/ssl/certs", allow(false)), 0);
        assert.strictEqual(podIds("/etc/sslx", allow(false)), 1);
        assert.strictEqual(podIds("/etc/ssl/certs", allow(true)), 1);
        assert.strictEqual(podIds("/etc/ssl/certs", allow(true), true), 0);
        const sock: PackConfig = { "no-sensitive-host-mounts": { allowedHostPaths: [{ pathPrefix: "/var/run" }] } };
        assert.strictEqual(podIds("/var/run/docker.sock", sock), 1);
    });

    it("reports each offending volume once", () => {
        const spec = withHostPath("/etc");
        spec.volumes.push({ name: "sock", hostPath: { path: "/run/containerd/containerd.sock" } });
        assert.strictEqual(only(judge(POD.type, POD.wrap(spec))).length, 2);
    });

    it("rejects Docker bind mounts, volumes[].hostPath and local-driver binds", () => {
        const a = hardenedContainer();
        a.volumes.push({ hostPath: "/var/run/docker.sock", containerPath: "/var/run/docker.sock", readOnly: true });
        assert.strictEqual(only(judge(DOCKER_CONTAINER, a)).length, 1);
        const b = hardenedContainer();
        b.mounts.push({ type: "bind", source: "/", target: "/host" });
        assert.match(
            only(judge(DOCKER_CONTAINER, b))[0].message,
            /\[sensitiveHostPath\] Container "web" must not mount a sensitive host path: mounts\[1\].source is "\/"/,
        );
        const c = hardenedContainer();
        c.mounts.push({
            type: "volume",
            target: "/host",
            volumeOptions: {
                driverName: "local",
                driverOptions: { type: "none", o: "bind", device: "/var/lib/kubelet" },
            },
        });
        assert.strictEqual(only(judge(DOCKER_CONTAINER, c)).length, 1);
    });

    it("rejects swarm service bind mounts", () => {
        const s = hardenedService();
        s.taskSpec.containerSpec.mounts.push({
            type: "bind",
            source: "/var/run/docker.sock",
            target: "/var/run/docker.sock",
        });
        assert.strictEqual(only(judge(DOCKER_SERVICE, s)).length, 1);
    });
});
