// Storage that reaches the host (issue 10 part 2): a PersistentVolume whose hostPath or local path is sensitive, and a
// docker.Volume whose local driver binds a host path, judged where they are defined and (the Docker volume) where a
// container of the same stack mounts it by name.
import * as assert from "assert";
import { DOCKER_CONTAINER, DOCKER_SERVICE, hardenedContainer, hardenedService } from "../fixtures/docker";
import { MULTI_TENANT } from "../fixtures/multitenancy";
import { judge, judgeStack, PackConfig, StackInput } from "../helpers";
import { pssIds } from "../checks/pss";

const PV = "kubernetes:core/v1:PersistentVolume";
const DOCKER_VOLUME = "docker:index/volume:Volume";

function pv(source: Record<string, unknown>, labels: Record<string, string> = {}) {
    return {
        apiVersion: "v1",
        kind: "PersistentVolume",
        metadata: { name: "node-data", labels },
        spec: { capacity: { storage: "1Gi" }, accessModes: ["ReadWriteOnce"], ...source },
    };
}

const bindVolume = (name: string, device: string, extra: Record<string, unknown> = {}): StackInput => ({
    type: DOCKER_VOLUME,
    name,
    props: { name, driver: "local", driverOpts: { type: "none", o: "bind", device }, ...extra },
});

const checksOf = (ds: Array<{ check: string }>) => ds.map((d) => d.check).sort();

describe("host storage: PersistentVolumes", () => {
    it("rejects a PersistentVolume whose hostPath is /var/run (every claim bound to it mounts the runtime socket)", () => {
        const ds = judge(PV, pv({ hostPath: { path: "/var/run" } }));
        assert.deepStrictEqual(checksOf(ds), ["sensitiveHostPath"]);
        assert.strictEqual(
            ds[0].message,
            '[sensitiveHostPath] PersistentVolume "node-data" must not expose a sensitive host path to the containers that mount it: spec.hostPath.path is "/var/run"; point it at a directory outside the host\'s system paths, or use a storage driver that is not a host path',
        );
    });

    it("rejects a local PersistentVolume under /var/lib/kubelet and a socket anywhere", () => {
        assert.deepStrictEqual(checksOf(judge(PV, pv({ local: { path: "/var/lib/kubelet/pods" } }))), [
            "sensitiveHostPath",
        ]);
        assert.deepStrictEqual(checksOf(judge(PV, pv({ hostPath: { path: "/srv/x/containerd.sock" } }))), [
            "sensitiveHostPath",
        ]);
    });

    it("accepts a PersistentVolume on a data directory, on NFS or CSI, and a multi-tenant one that is no host path", () => {
        assert.deepStrictEqual(judge(PV, pv({ hostPath: { path: "/srv/data" } })), []);
        assert.deepStrictEqual(judge(PV, pv({ local: { path: "/mnt/disks/ssd1" } })), []);
        assert.deepStrictEqual(judge(PV, pv({ nfs: { server: "nfs", path: "/var/run" } })), []);
        assert.deepStrictEqual(judge(PV, pv({ csi: { driver: "x", volumeHandle: "y" } })), []);
        // Storage runs nothing: no runtime to sandbox, even in a multi-tenant stack.
        assert.deepStrictEqual(judge(PV, pv({ nfs: { server: "nfs", path: "/srv" } }, MULTI_TENANT)), []);
        assert.deepStrictEqual(judge(PV, pv({}), {}, "res", MULTI_TENANT), []);
        // But a multi-tenant PersistentVolume on a host path hands the node's disk to the tenant that claims it
        // (issue 22: tenantHostPath), though no pod spec names a hostPath.
        assert.deepStrictEqual(checksOf(judge(PV, pv({ hostPath: { path: "/srv/data" } }, MULTI_TENANT))), [
            "tenantHostPath",
        ]);
    });

    it("judges PersistentVolumePatch and PersistentVolumeList items, naming the item's path", () => {
        assert.deepStrictEqual(checksOf(judge(`${PV}Patch`, pv({ hostPath: { path: "/etc" } }))), [
            "sensitiveHostPath",
        ]);
        const list = { items: [pv({ hostPath: { path: "/srv/ok" } }), pv({ hostPath: { path: "/proc" } })] };
        const ds = judge(`${PV}List`, list);
        assert.strictEqual(ds.length, 1);
        assert.ok(ds[0].message.includes('items[1].spec.hostPath.path is "/proc"'), ds[0].message);
    });

    it("with hostPathVolumes on (PSS baseline), any hostPath or local PersistentVolume is a finding", () => {
        assert.deepStrictEqual(pssIds("baseline", "latest", PV, pv({ hostPath: { path: "/srv/data" } })), [
            "hostPathVolumes",
        ]);
        assert.deepStrictEqual(pssIds("restricted", "latest", PV, pv({ local: { path: "/mnt/disks/ssd1" } })), [
            "hostPathVolumes",
        ]);
        assert.deepStrictEqual(pssIds("restricted", "latest", PV, pv({ csi: { driver: "x", volumeHandle: "y" } })), []);
    });

    it("an unknown hostPath path is deferred, not passed silently", () => {
        const ds = judge(PV, pv({ hostPath: { path: "04da6b54-80e4-46f7-96ec-b56ff0331ba9" } }));
        assert.ok(ds.length >= 1 && ds.every((d) => d.check === "unknownValues" && d.advisory), JSON.stringify(ds));
    });
});

describe("host storage: Docker volumes that bind a host path", () => {
    it("rejects the volume where it is defined", () => {
        const ds = judge(DOCKER_VOLUME, bindVolume("sock", "/var/run").props);
        assert.deepStrictEqual(checksOf(ds), ["sensitiveHostPath"]);
        assert.ok(ds[0].message.includes('Volume "sock" must not expose'), ds[0].message);
        assert.ok(ds[0].message.includes('driverOpts.device is "/var/run"'), ds[0].message);
    });

    it("ignores named volumes that are not binds, and other drivers", () => {
        assert.deepStrictEqual(judge(DOCKER_VOLUME, { name: "data" }), []);
        assert.deepStrictEqual(
            judge(DOCKER_VOLUME, { name: "n", driver: "nfs", driverOpts: { o: "bind", device: "/var/run" } }),
            [],
        );
        assert.deepStrictEqual(judge(DOCKER_VOLUME, bindVolume("data", "/srv/data").props), []);
    });

    function mountingContainer(volume: string, how: "mounts" | "volumes", readOnly = false) {
        const c = hardenedContainer();
        c.name = "app";
        if (how === "mounts") c.mounts = [{ type: "volume", source: volume, target: "/data", readOnly }];
        else c.volumes = [{ volumeName: volume, containerPath: "/data", readOnly }];
        return { type: DOCKER_CONTAINER, name: "app", props: c } satisfies StackInput;
    }

    for (const how of ["mounts", "volumes"] as const) {
        it(`rejects a container that mounts it by name (${how}), in AnalyzeStack, once`, () => {
            const { resource, stack } = judgeStack([bindVolume("sock", "/var/run"), mountingContainer("sock", how)]);
            // Analyze sees the volume's own finding only: the container alone names a volume.
            assert.deepStrictEqual(
                resource.map((d) => `${d.workload.kind} ${d.check}`),
                ["Volume sensitiveHostPath"],
            );
            assert.strictEqual(stack.length, 1, JSON.stringify(stack));
            const field = how === "mounts" ? "mounts[0].source" : "volumes[0].volumeName";
            assert.strictEqual(
                stack[0].message,
                `[sensitiveHostPath] Container "app" must not mount a sensitive host path ("/var/run") through Volume "sock": ${field} is "sock"; use a named Docker volume or a tmpfs mount instead; read-only does not make it safe`,
            );
            assert.ok(stack[0].urn.endsWith("::app"), stack[0].urn);
        });
    }

    it("a swarm service that mounts it by name is caught too", () => {
        const s = hardenedService();
        s.taskSpec.containerSpec.mounts = [{ type: "volume", source: "sock", target: "/s" }];
        const { stack } = judgeStack([
            bindVolume("sock", "/run/docker.sock"),
            { type: DOCKER_SERVICE, name: "svc", props: s },
        ]);
        assert.deepStrictEqual(checksOf(stack), ["sensitiveHostPath"]);
    });

    it("a read-only mount by name of a harmless file passes; of the same volume read-write does not", () => {
        const tz = bindVolume("tz", "/etc/localtime");
        assert.deepStrictEqual(judgeStack([tz, mountingContainer("tz", "mounts", true)]).stack, []);
        assert.strictEqual(judgeStack([tz, mountingContainer("tz", "mounts", false)]).stack.length, 1);
    });

    it("only links volumes of the same Docker host, and leaves unrelated names alone", () => {
        const remote = {
            ...bindVolume("sock", "/var/run"),
            provider: {
                urn: "urn:pulumi:dev::test::pulumi:providers:docker::remote",
                type: "pulumi:providers:docker",
                props: { host: "ssh://other" },
            },
        };
        assert.deepStrictEqual(judgeStack([remote, mountingContainer("sock", "mounts")]).stack, []);
        assert.deepStrictEqual(
            judgeStack([bindVolume("sock", "/var/run"), mountingContainer("other", "mounts")]).stack,
            [],
        );
    });

    it("with hostPathVolumes on (PSS baseline) a container mounting a bind volume by name is reported", () => {
        const config: PackConfig = {
            "no-sensitive-host-mounts": { checks: { hostPathVolumes: true, sensitiveHostPath: false } },
        };
        const { stack } = judgeStack([bindVolume("data", "/srv/data"), mountingContainer("data", "volumes")], config);
        assert.deepStrictEqual(checksOf(stack), ["hostPathVolumes"]);
        assert.ok(stack[0].message.includes('(through Volume "data")'), stack[0].message);
    });
});
