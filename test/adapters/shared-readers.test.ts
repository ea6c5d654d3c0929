// adapters/shared/: the readers several platforms share. The capability reader table runs over every platform's key
// names (where the lists sit, what they are called, the paths messages name); the Docker-shaped readers over the
// shapes Docker, ECS and Batch agree on; node-pool labels over the precedence GKE and AKS pools share. Each row is
// also checked end to end through the platform's adapter, so a platform that stopped using the shared reader, or
// spelled its keys differently, fails here.
import * as assert from "assert";
import { toWorkloads } from "../../adapters";
import {
    ADD_DROP_CAPABILITIES,
    CapabilityKeys,
    DOCKER_CAPABILITIES,
    KUBERNETES_CAPABILITIES,
    SWARM_CAPABILITIES,
    capabilityPath,
    readCapabilities,
} from "../../adapters/shared/capabilities";
import { bindDevice, localBindDevice, readHostMode } from "../../adapters/shared/dockerShaped";
import { nodePoolLabels, volumeSources } from "../../adapters/shared/common";
import { JsonObject, Reader } from "../../model/read";
import { ContainerSecurity, HostNamespaceSetting, Workload } from "../../model/workload";

const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

interface PlatformCapabilities {
    platform: string;
    keys: CapabilityKeys;
    /** Where the container's settings start, as the platform's adapter names it. */
    ownerPath: string;
    /** The adapter's resource with `settings` (the container's settings object) at `ownerPath`. */
    resource(settings: JsonObject): { type: string; props: JsonObject };
}

const PLATFORMS: PlatformCapabilities[] = [
    {
        platform: "kubernetes",
        keys: KUBERNETES_CAPABILITIES,
        ownerPath: "spec.containers[0].securityContext",
        resource: (sc) => ({
            type: "kubernetes:core/v1:Pod",
            props: { spec: { containers: [{ name: "c", image: "i", securityContext: sc }] } },
        }),
    },
    {
        platform: "aws (ECS)",
        keys: ADD_DROP_CAPABILITIES,
        ownerPath: "containerDefinitions[0].linuxParameters",
        resource: (lp) => ({
            type: "aws:ecs/taskDefinition:TaskDefinition",
            props: { family: "t", containerDefinitions: JSON.stringify([{ name: "c", linuxParameters: lp }]) },
        }),
    },
    {
        platform: "azure (ACI)",
        keys: ADD_DROP_CAPABILITIES,
        ownerPath: "containers[0].securityContext",
        resource: (sc) => ({
            type: "azure-native:containerinstance:ContainerGroup",
            props: { containers: [{ name: "c", image: "i", securityContext: sc }] },
        }),
    },
    {
        platform: "docker (container)",
        keys: DOCKER_CAPABILITIES,
        ownerPath: "",
        resource: (props) => ({ type: "docker:index/container:Container", props: { name: "c", ...props } }),
    },
    {
        platform: "docker (swarm service)",
        keys: SWARM_CAPABILITIES,
        ownerPath: "taskSpec.containerSpec",
        resource: (cs) => ({
            type: "docker:index/service:Service",
            props: { name: "c", taskSpec: { containerSpec: { image: "i", ...cs } } },
        }),
    },
];

/** The settings object that puts `add` and `drop` (raw values) where the platform's keys say. */
function settingsWith(keys: CapabilityKeys, add: unknown, drop: unknown): JsonObject {
    const lists = { [keys.add]: add, [keys.drop]: drop };
    return keys.object === undefined ? lists : { [keys.object]: lists };
}

function read(keys: CapabilityKeys, owner: unknown, ownerPath: string): { s: ContainerSecurity; r: Reader } {
    const r = new Reader();
    const s: ContainerSecurity = {
        path: ownerPath,
        paths: { privileged: "", allowPrivilegeEscalation: "", capAdd: "", capDrop: "" },
    };
    readCapabilities(r, owner, ownerPath, keys, "c", s);
    return { s, r };
}

function onlyContainer(type: string, props: JsonObject): Workload {
    const ws = toWorkloads(type, "res", props);
    assert.strictEqual(ws.length, 1);
    assert.strictEqual(ws[0].containers.length, 1);
    return ws[0];
}

describe("shared capability reader, over every platform's keys", () => {
    for (const p of PLATFORMS) {
        describe(p.platform, () => {
            const addPath = capabilityPath(p.ownerPath, p.keys, "add");
            const dropPath = capabilityPath(p.ownerPath, p.keys, "drop");

            it("reads both lists as written, and names their paths", () => {
                const { s, r } = read(p.keys, settingsWith(p.keys, ["SYS_ADMIN"], ["ALL"]), p.ownerPath);
                assert.deepStrictEqual(s.capAdd, ["SYS_ADMIN"]);
                assert.deepStrictEqual(s.capDrop, ["ALL"]);
                assert.deepStrictEqual(r.issues, []);
                const holder = p.keys.object === undefined ? "" : `${p.keys.object}.`;
                const at = p.ownerPath ? `${p.ownerPath}.${holder}` : holder;
                assert.strictEqual(addPath, `${at}${p.keys.add}`);
                assert.strictEqual(dropPath, `${at}${p.keys.drop}`);
            });

            it("records an unknown list and a malformed element under `capabilities`, at the element's path", () => {
                const { s, r } = read(p.keys, settingsWith(p.keys, UNKNOWN, ["NET_RAW", 7]), p.ownerPath);
                assert.strictEqual(s.capAdd, undefined);
                assert.deepStrictEqual(s.capDrop, ["NET_RAW"]);
                assert.deepStrictEqual(r.issues, [
                    { kind: "unknown", field: "capabilities", path: addPath, container: "c" },
                    { kind: "malformed", field: "capabilities", path: `${dropPath}[1]`, container: "c", value: 7 },
                ]);
            });

            if (p.keys.object !== undefined) {
                const holderPath = p.ownerPath ? `${p.ownerPath}.${p.keys.object}` : p.keys.object;
                it("records a holder that is not an object, and reads no list from it", () => {
                    const { s, r } = read(p.keys, { [p.keys.object!]: "SYS_ADMIN" }, p.ownerPath);
                    assert.strictEqual(s.capAdd, undefined);
                    assert.strictEqual(s.capDrop, undefined);
                    assert.deepStrictEqual(r.issues, [
                        {
                            kind: "malformed",
                            field: "capabilities",
                            path: holderPath,
                            container: "c",
                            value: "SYS_ADMIN",
                        },
                    ]);
                });
            }

            it(
                p.keys.onlyWithObject
                    ? "leaves both lists absent without a holder"
                    : "sets both lists, undefined, without any",
                () => {
                    const { s } = read(p.keys, {}, p.ownerPath);
                    assert.strictEqual("capAdd" in s, !p.keys.onlyWithObject);
                    assert.strictEqual("capDrop" in s, !p.keys.onlyWithObject);
                },
            );

            it("is what the platform's adapter reads, at the paths it names", () => {
                const { type, props } = p.resource(settingsWith(p.keys, ["SYS_ADMIN"], [UNKNOWN, "ALL"]));
                const w = onlyContainer(type, props);
                const security = w.containers[0].security;
                assert.deepStrictEqual(security.capAdd, ["SYS_ADMIN"]);
                assert.deepStrictEqual(security.capDrop, ["ALL"]);
                assert.strictEqual(security.paths.capAdd, addPath);
                assert.strictEqual(security.paths.capDrop, dropPath);
                assert.deepStrictEqual(
                    w.issues.filter((i) => i.field === "capabilities").map((i) => [i.kind, i.path]),
                    [["unknown", `${dropPath}[0]`]],
                );
            });
        });
    }

    it("Batch containers, which have no capability setting, name no capability path", () => {
        const w = toWorkloads("aws:batch/jobDefinition:JobDefinition", "job", {
            containerProperties: JSON.stringify({ linuxParameters: { capabilities: { add: ["SYS_ADMIN"] } } }),
        })[0];
        assert.deepStrictEqual(w.containers[0].security.paths, {
            privileged: "containerProperties.privileged",
            allowPrivilegeEscalation: "containerProperties.dockerSecurityOptions",
            capAdd: "",
            capDrop: "",
        });
    });
});

describe("shared Docker-shaped readers", () => {
    it("a volume's driver options bind a host path with o=bind or rbind and a device, for the local driver only", () => {
        assert.strictEqual(bindDevice({ o: "bind", device: "/srv" }), "/srv");
        assert.strictEqual(bindDevice({ o: " RBIND , ro", device: "/srv" }), "/srv");
        assert.strictEqual(bindDevice({ o: "bind" }), undefined);
        assert.strictEqual(bindDevice({ o: "ro", device: "/srv" }), undefined);
        assert.strictEqual(bindDevice({ device: "/srv" }), undefined);
        for (const driver of [undefined, "", " Local "])
            assert.strictEqual(localBindDevice(driver, { o: "bind", device: "/srv" }), "/srv", String(driver));
        assert.strictEqual(localBindDevice("nfs", { o: "bind", device: "/srv" }), undefined);
    });

    it("ECS task volumes and Docker volumes agree on which driver options bind", () => {
        const opts = { type: "none", o: "bind", device: "/var/run" };
        const ecs = toWorkloads("aws:ecs/taskDefinition:TaskDefinition", "t", {
            family: "t",
            volumes: [{ name: "v", dockerVolumeConfiguration: { driverOpts: opts } }],
        })[0];
        const docker = toWorkloads("docker:index/volume:Volume", "v", { name: "v", driverOpts: opts })[0];
        assert.deepStrictEqual(
            [ecs.volumes[0].types, ecs.volumes[0].hostPath, docker.volumes[0].types, docker.volumes[0].hostPath],
            [["bind"], "/var/run", ["bind"], "/var/run"],
        );
    });

    it("a namespace mode of `host`, in any case and padding, shares the host's namespace", () => {
        const r = new Reader();
        const out: HostNamespaceSetting[] = [];
        readHostMode(r, { pidMode: " HOST " }, "pidMode", "x.pidMode", "pid", out);
        readHostMode(r, { ipcMode: "private" }, "ipcMode", "x.ipcMode", "ipc", out);
        readHostMode(r, { networkMode: UNKNOWN }, "networkMode", "x.networkMode", "network", out);
        assert.deepStrictEqual(out, [{ namespace: "pid", path: "x.pidMode", value: " HOST " }]);
        assert.deepStrictEqual(r.issues, [
            { kind: "unknown", field: "hostNamespaces", path: "x.networkMode", container: undefined },
        ]);
    });
});

describe("shared node-pool labels and volume sources", () => {
    it("node labels win over the pool's own labels, which win over the cluster's", () => {
        const labels = nodePoolLabels(
            { tenant: "cluster", team: "a" },
            { tenant: "pool", env: "prod" },
            { tenant: "node" },
        );
        assert.deepStrictEqual({ ...labels }, { tenant: "node", team: "a", env: "prod" });
        assert.strictEqual(Object.getPrototypeOf(labels), null);
    });

    it("GKE and AKS pools apply the same precedence", () => {
        const gke = toWorkloads("gcp:container/nodePool:NodePool", "p", {
            nodeConfig: { resourceLabels: { tenant: "vm", a: "1" }, labels: { tenant: "node" } },
        })[0];
        const aks = toWorkloads("azure-native:containerservice:AgentPool", "p", {
            tags: { tenant: "tag", a: "1" },
            nodeLabels: { tenant: "node" },
        })[0];
        assert.deepStrictEqual({ ...gke.labels }, { tenant: "node", a: "1" });
        assert.deepStrictEqual({ ...aks.labels }, { tenant: "node", a: "1" });
    });

    it("a volume's sources are its keys but its name, unset ones left out", () => {
        assert.deepStrictEqual(volumeSources({ name: "v", hostPath: { path: "/" }, emptyDir: null, x: undefined }), [
            "hostPath",
        ]);
    });
});
