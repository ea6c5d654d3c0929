// Pins for the Docker stack links (adapters/docker/stack.ts) and the shared Docker-shaped readers
// (adapters/shared/dockerShaped.ts) found by mutation testing: a daemon's identity is parsed only from a whole URL; what
// a container reaches through a volume, a volumes-from source or a joined namespace is unknown only where the source
// is unknown at preview (a value that cannot be read is the source's own violation, not the joiner's unknown), and
// volumes-from copies host paths only; the local driver's options as the driver reads them.
import * as assert from "assert";
import { toWorkloads } from "../../adapters";
import { stackModelOf } from "../../adapters/stack";
import { daemonIdentity } from "../../adapters/docker/stack";
import { localBindDevice } from "../../adapters/shared/dockerShaped";
import { StackResource, StackWorkload } from "../../model/stack";
import { Workload } from "../../model/workload";
import { DOCKER_CONTAINER, hardenedContainer } from "../fixtures/docker";
import { Obj } from "../fixtures/kubernetes";
import { stackUrn } from "../helpers";
import { UNKNOWN } from "../harness/engine";

const DOCKER_VOLUME = "docker:index/volume:Volume";

function res(type: string, name: string, props: Obj): StackResource {
    return { urn: stackUrn(type, name), type, name, props };
}

/** The hardened container named `name`, without its named volume and mount, plus `extra`. */
function container(name: string, extra: Obj = {}): StackResource {
    return res(DOCKER_CONTAINER, name, {
        ...hardenedContainer(),
        name,
        mounts: undefined,
        volumes: undefined,
        ...extra,
    });
}

/** What the stack adds to the container `name`: the stack model's fields, absent ones left out. */
function reached(resources: StackResource[], name: string) {
    const sw = stackModelOf(resources).workloads.find((w) => w.urn === stackUrn(DOCKER_CONTAINER, name));
    assert.ok(sw, name);
    const { stackVolumes, stackHostNamespaces, stackIssues } = sw as StackWorkload;
    return { stackVolumes, stackHostNamespaces, stackIssues };
}

const NOTHING = { stackVolumes: undefined, stackHostNamespaces: undefined, stackIssues: undefined };

function model(type: string, props: Obj): Workload {
    const ws = toWorkloads(type, "res", props);
    assert.strictEqual(ws.length, 1);
    return ws[0];
}

describe("Docker daemon identity (pinned)", () => {
    it("a host that is not one URL (a line break inside) is kept whole, not read up to the break", () => {
        assert.strictEqual(daemonIdentity("tcp://Build.Example.com:2376\nx"), "tcp://Build.Example.com:2376\nx");
        assert.strictEqual(daemonIdentity("tcp://Build.Example.com:2376/"), "tcp://build.example.com:2376");
    });
});

describe("Docker stack links (pinned): unknown only where the source is unknown at preview", () => {
    const mountsVolume = () => container("app", { mounts: [{ type: "volume", source: "data", target: "/data" }] });

    it("a Volume whose driver options cannot be read adds no unknown to the container that mounts it", () => {
        const volume = res(DOCKER_VOLUME, "data", { name: "data", driverOpts: { type: "none", o: "bind", device: 5 } });
        assert.deepStrictEqual(
            model(DOCKER_VOLUME, volume.props).issues.map((i) => [i.kind, i.field, i.path]),
            [["malformed", "hostPath", "driverOpts.device"]],
        );
        assert.deepStrictEqual(reached([volume, mountsVolume()], "app"), NOTHING);
    });

    it("the control: a Volume whose driver option is unknown makes the container's mount unknown", () => {
        const volume = res(DOCKER_VOLUME, "data", {
            name: "data",
            driverOpts: { type: "none", o: "bind", device: UNKNOWN },
        });
        assert.deepStrictEqual(reached([volume, mountsVolume()], "app").stackIssues, [
            {
                kind: "unknown",
                field: "hostPath",
                path: 'mounts[0].source (Volume "data" driverOpts.device)',
                container: "app",
            },
        ]);
    });

    const copying = () => container("app", { volumes: [{ fromContainer: "src", containerPath: "/x" }] });

    it("volumes-from copies the source's host paths only, not its named volumes", () => {
        const src = container("src", {
            mounts: [
                { type: "volume", source: "cache", target: "/cache" },
                { type: "bind", source: "/srv/data", target: "/data" },
            ],
        });
        const { stackVolumes } = reached([src, copying()], "app");
        assert.deepStrictEqual(
            stackVolumes?.map((v) => [v.hostPath, v.how, v.via]),
            [["/srv/data", "volumes-from", 'Container "src"']],
        );
    });

    it("a source mount whose host path cannot be read adds no unknown to the container that copies it", () => {
        const src = container("src", { mounts: [{ type: "bind", source: 5, target: "/data" }] });
        assert.deepStrictEqual(reached([src, copying()], "app"), NOTHING);
        const unknown = container("src", { mounts: [{ type: "bind", source: UNKNOWN, target: "/data" }] });
        assert.deepStrictEqual(reached([unknown, copying()], "app").stackIssues, [
            {
                kind: "unknown",
                field: "hostPath",
                path: 'volumes[0].fromContainer (Container "src" mounts[0].source)',
                container: "app",
            },
        ]);
    });

    it("joining a container whose pidMode cannot be read: not the host's, and no unknown", () => {
        const joiner = container("app", { pidMode: "container:src" });
        assert.deepStrictEqual(reached([container("src", { pidMode: 5 }), joiner], "app"), NOTHING);
        assert.deepStrictEqual(reached([container("src", { pidMode: UNKNOWN }), joiner], "app").stackIssues, [
            { kind: "unknown", field: "hostNamespaces", path: "pidMode", container: "app" },
        ]);
    });
});

describe("Docker local driver options (pinned)", () => {
    it("a blank driver name is the local driver", () => {
        assert.strictEqual(localBindDevice("  ", { o: "bind", device: "/srv" }), "/srv");
    });

    it("an overlay's directories: each a bind of a host path, blank entries skipped", () => {
        const w = model(DOCKER_VOLUME, {
            name: "ov",
            driverOpts: { type: "overlay", o: "lowerdir=/a: :/b,upperdir=/u,workdir=/w" },
        });
        assert.deepStrictEqual(
            w.volumes.map((v) => [v.types, v.hostPath, v.how]),
            [
                [["bind"], "/a", "local-driver-overlay"],
                [["bind"], "/b", "local-driver-overlay"],
                [["bind"], "/u", "local-driver-overlay"],
                [["bind"], "/w", "local-driver-overlay"],
            ],
        );
        assert.deepStrictEqual(w.issues, []);
    });

    it("a combination the pack does not know is unknown, whatever else of the resource is unknown", () => {
        const w = model(DOCKER_VOLUME, { name: "v", labels: UNKNOWN, driverOpts: { device: "srv" } });
        assert.deepStrictEqual(
            w.issues.map((i) => [i.kind, i.field, i.path]),
            [
                ["unknown", "labels", "labels"],
                ["unknown", "hostPath", "driverOpts.device"],
            ],
        );
    });

    it("a mount's local driver option the pack does not know is an unknown host path of that container", () => {
        const w = model(DOCKER_CONTAINER, {
            ...hardenedContainer(),
            mounts: [{ type: "volume", source: "v", target: "/v", volumeOptions: { driverOptions: { foo: "x" } } }],
        });
        assert.deepStrictEqual(w.issues, [
            { kind: "unknown", field: "hostPath", path: "mounts[0].volumeOptions.driverOptions.foo", container: "web" },
        ]);
    });
});
