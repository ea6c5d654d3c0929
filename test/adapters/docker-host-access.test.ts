// Issue 22, in process: configurations that reach the Docker host through what the engine does with a field rather
// than what the field is called. Each test names the escape it blocks, next to its safe twin. The same escapes over
// the analyzer protocol: test/e2e/docker-host-access.test.ts.
import * as assert from "assert";
import { toWorkloads } from "../../adapters";
import { stackModelOf } from "../../adapters/stack";
import { Workload } from "../../model/workload";
import { Diagnostic } from "../../engine/types";
import { StackDiagnostic } from "../../engine/stack";
import { PackConfig, StackInput, judge, judgeStack, stackUrn } from "../helpers";
import { DOCKER_CONTAINER, hardenedContainer } from "../fixtures/docker";
import { UNKNOWN } from "../harness/engine";
import { Obj } from "../fixtures/kubernetes";

const DOCKER_VOLUME = "docker:index/volume:Volume";
const TASK_DEFINITION = "aws:ecs/taskDefinition:TaskDefinition";
// The agents below exempt themselves in code, which the policies honour only when config allows it.
const EXEMPTIONS_ON: PackConfig = {
    "no-sensitive-host-mounts": { allowInCodeExemptions: true },
    "no-host-namespaces": { allowInCodeExemptions: true },
};
const ALL_FAIL_CLOSED: PackConfig = {
    "no-sensitive-host-mounts": { allowInCodeExemptions: true, unknownValues: "fail-closed" },
    "no-host-namespaces": { allowInCodeExemptions: true, unknownValues: "fail-closed" },
};

function model(type: string, props: Obj): Workload {
    const ws = toWorkloads(type, "res", props);
    assert.strictEqual(ws.length, 1);
    return ws[0];
}

/** The hardened container without its named volume and mount, plus `extra`. */
function container(name: string, extra: Obj = {}): Obj {
    return { ...hardenedContainer(), name, mounts: undefined, volumes: undefined, ...extra };
}

const exempt = (checks: string): Obj[] => [
    { label: "isolation-guard.io/exempt", value: checks },
    { label: "isolation-guard.io/exempt-reason", value: "node agent" },
    { label: "isolation-guard.io/exempt-expires", value: "2999-12-31" },
];

/** `<check> <field>` of each violation, sorted. */
function violations(ds: Array<Diagnostic | StackDiagnostic>): string[] {
    return ds
        .filter((d) => !d.advisory)
        .map((d) => `${d.check} ${/: ([\w.[\]]+) is /.exec(d.message)?.[1] ?? ""}`.trim())
        .sort();
}

/** Violations of the host access checks only (the ECS fixtures are not otherwise hardened). */
const hostAccess = (ds: Array<Diagnostic | StackDiagnostic>) =>
    violations(ds).filter((v) => /^(hostDevices|sensitiveHostPath|hostPathVolumes|hostNamespaces) /.test(v));

const notes = (ds: Array<Diagnostic | StackDiagnostic>) =>
    ds.filter((d) => d.check === "unknownValues").map((d) => d.message);

const volumeRes = (name: string, driverOpts: Obj, driver = "local"): StackInput => ({
    type: DOCKER_VOLUME,
    name,
    props: { name, driver, driverOpts },
});
const containerRes = (name: string, extra: Obj = {}): StackInput => ({
    type: DOCKER_CONTAINER,
    name,
    props: container(name, extra),
});

/** Only the stack pass's findings about the resource of this name. */
function stackOn(name: string, ds: StackDiagnostic[]): StackDiagnostic[] {
    return ds.filter((d) => d.urn === stackUrn(DOCKER_CONTAINER, name));
}

describe("issue 22: Docker storage as the engine resolves it", () => {
    describe("volumes[].volumeName that is an absolute path (terraform-provider-docker volumeSetToDockerVolumes)", () => {
        it("blocks the escape: volumeName /var/run/docker.sock is bind-mounted by the daemon, a runtime socket", () => {
            const props = container("web", { volumes: [{ volumeName: "/var/run/docker.sock", containerPath: "/s" }] });
            const w = model(DOCKER_CONTAINER, props);
            assert.deepStrictEqual(w.volumes, [
                {
                    name: "/var/run/docker.sock",
                    types: ["bind"],
                    hostPath: "/var/run/docker.sock",
                    readOnly: false,
                    container: "web",
                    path: "volumes[0].volumeName",
                    how: "volume-name-path",
                },
            ]);
            assert.deepStrictEqual(w.containers[0].mounts, []);
            assert.deepStrictEqual(violations(judge(DOCKER_CONTAINER, props)), [
                "sensitiveHostPath volumes[0].volumeName",
            ]);
        });

        it("its twin: a volume name is a named volume, mounted by name and no host path", () => {
            const props = container("web", { volumes: [{ volumeName: "data", containerPath: "/d", readOnly: true }] });
            const w = model(DOCKER_CONTAINER, props);
            assert.deepStrictEqual(w.volumes, []);
            assert.deepStrictEqual(w.containers[0].mounts, [
                { volume: "data", readOnly: true, path: "volumes[0]", sourcePath: "volumes[0].volumeName" },
            ]);
            assert.deepStrictEqual(judge(DOCKER_CONTAINER, props), []);
        });

        it("blocks the escape: volumeName /etc beside a harmless hostPath (the provider sends volumeName)", () => {
            const props = container("web", {
                volumes: [{ volumeName: "/etc", hostPath: "/srv/data", containerPath: "/x" }],
            });
            assert.deepStrictEqual(violations(judge(DOCKER_CONTAINER, props)), [
                "sensitiveHostPath volumes[0].volumeName",
            ]);
            // The hostPath is not what the daemon mounts: a named volume beside a sensitive hostPath mounts the volume.
            const named = container("web", {
                volumes: [{ volumeName: "data", hostPath: "/etc", containerPath: "/x" }],
            });
            assert.deepStrictEqual(model(DOCKER_CONTAINER, named).volumes, []);
            // An empty volumeName leaves the hostPath as the source.
            const empty = container("web", { volumes: [{ volumeName: "", hostPath: "/etc", containerPath: "/x" }] });
            assert.deepStrictEqual(violations(judge(DOCKER_CONTAINER, empty)), [
                "sensitiveHostPath volumes[0].hostPath",
            ]);
            assert.strictEqual(model(DOCKER_CONTAINER, empty).volumes[0].how, undefined);
        });

        it("a read-only absolute volumeName is still a runtime socket; a data directory under PSS baseline is a host path", () => {
            const ro = container("web", {
                volumes: [{ volumeName: "/run/docker.sock", containerPath: "/s", readOnly: true }],
            });
            assert.strictEqual(model(DOCKER_CONTAINER, ro).volumes[0].readOnly, true);
            assert.deepStrictEqual(violations(judge(DOCKER_CONTAINER, ro)), [
                "sensitiveHostPath volumes[0].volumeName",
            ]);
            const data = container("web", { volumes: [{ volumeName: "/srv/data", containerPath: "/d" }] });
            assert.deepStrictEqual(judge(DOCKER_CONTAINER, data), []);
            const baseline = { "no-sensitive-host-mounts": { checks: { hostPathVolumes: true } } };
            assert.deepStrictEqual(violations(judge(DOCKER_CONTAINER, data, baseline)), [
                "hostPathVolumes volumes[0].volumeName",
            ]);
        });
    });

    describe("local-driver volumes (moby volume/local): what their options mount", () => {
        const volumeOf = (driverOpts: Obj, driver?: string) => model(DOCKER_VOLUME, { name: "v", driver, driverOpts });

        for (const [device, type] of [
            ["/dev/sdb1", "ext4"],
            ["/dev/nvme0n1p1", "xfs"],
            ["/dev/xvdf", undefined],
            ["/dev/mapper/vg0-root", "btrfs"],
            ["/srv/disk.img", "ext4"],
        ] as const)
            it(`blocks the escape: ${type ?? "no type"} on ${device} mounts the host's disk (a host device)`, () => {
                const driverOpts: Obj = { device };
                if (type) driverOpts.type = type;
                assert.deepStrictEqual(volumeOf(driverOpts).volumes, [
                    {
                        name: "v",
                        types: ["device"],
                        hostPath: device,
                        readOnly: false,
                        device: true,
                        path: "driverOpts.device",
                        how: "local-driver-device",
                    },
                ]);
                assert.deepStrictEqual(violations(judge(DOCKER_VOLUME, { name: "v", driverOpts })), [
                    "hostDevices driverOpts.device",
                ]);
            });

        it("blocks the escape: an overlay whose upperdir is /etc writes into the host's /etc", () => {
            const driverOpts = {
                type: "overlay",
                device: "overlay",
                o: "lowerdir=/srv/base,upperdir=/etc,workdir=/srv/w",
            };
            const v = volumeOf(driverOpts).volumes;
            assert.deepStrictEqual(
                v.map((x) => [x.hostPath, x.path, x.how]),
                [
                    ["/srv/base", "driverOpts.o", "local-driver-overlay"],
                    ["/etc", "driverOpts.o", "local-driver-overlay"],
                    ["/srv/w", "driverOpts.o", "local-driver-overlay"],
                ],
            );
            assert.deepStrictEqual(violations(judge(DOCKER_VOLUME, { name: "v", driverOpts })), [
                "sensitiveHostPath driverOpts.o",
            ]);
        });

        it("blocks the escape: an overlay whose lowerdirs include /root exposes it; lower layers are read, upper written", () => {
            const o = "LowerDir=/srv/a:/root, upperdir=/srv/u ,workdir=/srv/w,ro";
            const w = model(DOCKER_CONTAINER, {
                ...container("web"),
                mounts: [
                    {
                        type: "volume",
                        source: "ov",
                        target: "/x",
                        volumeOptions: { driverOptions: { type: "overlay", device: "overlay", o } },
                    },
                ],
            });
            assert.deepStrictEqual(
                w.volumes.map((x) => [x.hostPath, x.readOnly, x.container, x.path]),
                [
                    ["/srv/a", true, "web", "mounts[0].volumeOptions.driverOptions.o"],
                    ["/root", true, "web", "mounts[0].volumeOptions.driverOptions.o"],
                    ["/srv/u", true, "web", "mounts[0].volumeOptions.driverOptions.o"],
                    ["/srv/w", true, "web", "mounts[0].volumeOptions.driverOptions.o"],
                ],
            );
            const writable = model(DOCKER_VOLUME, {
                name: "v",
                driverOpts: { type: "overlay", o: "lowerdir=/srv/a,upperdir=/srv/u,workdir=/srv/w" },
            });
            // The volume is judged read-write for whoever mounts it; on a container's mount, the lower layer is read-only.
            assert.deepStrictEqual(
                writable.volumes.map((x) => x.readOnly),
                [false, false, false],
            );
            const inline = model(DOCKER_CONTAINER, {
                ...container("web"),
                mounts: [
                    {
                        type: "volume",
                        source: "ov",
                        target: "/x",
                        volumeOptions: {
                            driverOptions: { type: "overlay", o: "lowerdir=/srv/a,upperdir=/srv/u,workdir=/srv/w" },
                        },
                    },
                ],
            });
            assert.deepStrictEqual(
                inline.volumes.map((x) => x.readOnly),
                [true, false, false],
            );
            const rootMount = {
                type: "volume",
                source: "ov",
                target: "/x",
                volumeOptions: { driverOptions: { type: "overlay", o } },
            };
            assert.deepStrictEqual(violations(judge(DOCKER_CONTAINER, { ...container("web"), mounts: [rootMount] })), [
                "sensitiveHostPath mounts[0].volumeOptions.driverOptions.o",
            ]);
        });

        it("an overlay without directories, tmpfs, NFS and CIFS reach no host path; a bind reads its ro flag", () => {
            assert.deepStrictEqual(volumeOf({ type: "overlay", device: "overlay", o: "index=off" }).volumes, []);
            assert.deepStrictEqual(volumeOf({ type: "tmpfs", device: "tmpfs", o: "size=100m" }).volumes, []);
            assert.deepStrictEqual(volumeOf({ type: "nfs", device: ":/export", o: "addr=10.0.0.1" }).volumes, []);
            assert.deepStrictEqual(volumeOf({ type: "NFS4", device: ":/x", o: "addr=10.0.0.1" }).volumes, []);
            assert.deepStrictEqual(volumeOf({ type: "cifs", device: "//srv/share", o: "addr=srv" }).volumes, []);
            assert.deepStrictEqual(volumeOf({ size: "10G" }).volumes, []);
            assert.deepStrictEqual(volumeOf({}).volumes, []);
            for (const w of [volumeOf({ type: "tmpfs", device: "tmpfs" }), volumeOf({ size: "1G" })])
                assert.deepStrictEqual(w.issues, []);
            const ro = model(DOCKER_CONTAINER, {
                ...container("web"),
                mounts: [
                    {
                        type: "volume",
                        source: "b",
                        target: "/b",
                        volumeOptions: { driverOptions: { type: "none", o: "bind,ro", device: "/srv" } },
                    },
                ],
            });
            assert.deepStrictEqual(
                ro.volumes.map((v) => [v.hostPath, v.readOnly, v.how]),
                [["/srv", true, "local-driver-bind"]],
            );
        });

        // Spelt out here rather than read from data/dockerStorage.ts, so a wrong row in the table fails a test.
        for (const type of [
            "ext2",
            "ext3",
            "ext4",
            "xfs",
            "btrfs",
            "vfat",
            "exfat",
            "ntfs",
            "ntfs3",
            "f2fs",
            "jfs",
        ].concat(["reiserfs", "iso9660", "udf", "squashfs", "erofs", "zfs"]))
            it(`a ${type} file system on a host file (not under /dev) is still the host's storage: a device`, () => {
                const w = volumeOf({ type: type.toUpperCase(), device: "/srv/images/disk.img" });
                assert.deepStrictEqual(
                    w.volumes.map((v) => [v.device, v.hostPath, v.how]),
                    [[true, "/srv/images/disk.img", "local-driver-device"]],
                );
                assert.deepStrictEqual(w.issues, []);
            });

        for (const type of ["tmpfs", "nfs", "nfs4", "cifs", "smb3"])
            it(`${type} reaches storage that is not a host path: nothing, and nothing unknown`, () => {
                const w = volumeOf({ type, device: "srv:/export", o: "addr=10.0.0.1", size: "1G" });
                assert.deepStrictEqual([w.volumes, w.issues], [[], []]);
            });

        it("every option key the local driver takes (type, device, o, size) is understood", () => {
            const w = volumeOf({ type: "tmpfs", device: "tmpfs", o: "size=1m", size: "1m" });
            assert.deepStrictEqual(w.issues, []);
            const bad = volumeOf({ type: "tmpfs", device: "tmpfs", Type: "ext4" });
            assert.deepStrictEqual(
                bad.issues.map((i) => i.path),
                ["driverOpts.Type"],
            );
        });

        it("reads options as the driver splits them: padded values, empty layers, a padded device", () => {
            const w = volumeOf({ type: " Overlay ", o: "lowerdir= /srv/a :: /root ,upperdir=/srv/u,workdir=/srv/w" });
            assert.deepStrictEqual(
                w.volumes.map((v) => v.hostPath),
                ["/srv/a", "/root", "/srv/u", "/srv/w"],
            );
            assert.deepStrictEqual(
                volumeOf({ type: "ext4", device: " /dev/sdc " }).volumes.map((v) => v.hostPath),
                ["/dev/sdc"],
            );
            assert.deepStrictEqual(
                volumeOf({ o: "bind", device: " /etc " }).volumes.map((v) => [v.hostPath, v.how]),
                [["/etc", "local-driver-bind"]],
            );
        });

        it("a volume plugin's options are its own: not read as the local driver's", () => {
            assert.deepStrictEqual(volumeOf({ type: "ext4", device: "/dev/sdb1" }, "rexray").volumes, []);
            assert.deepStrictEqual(volumeOf({ foo: "bar" }, "rexray").issues, []);
        });

        for (const [what, driverOpts, path] of [
            [
                "an option key the driver does not take",
                { type: "tmpfs", device: "tmpfs", mode: "1777" },
                "driverOpts.mode",
            ],
            ["a file system type the pack does not know", { type: "fuse.sshfs", device: "host:/" }, "driverOpts.type"],
            ["type none without a bind", { type: "none", device: "/etc" }, "driverOpts.type"],
            ["a device without a type", { device: "/etc" }, "driverOpts.device"],
        ] as const)
            it(`fails closed on ${what}: unknown, noted by default and a violation under fail-closed`, () => {
                const w = volumeOf(driverOpts);
                assert.deepStrictEqual(w.issues, [{ kind: "unknown", field: "hostPath", path, container: undefined }]);
                const props = { name: "v", driverOpts };
                assert.ok(
                    notes(judge(DOCKER_VOLUME, props)).some((m) => m.includes(path)),
                    JSON.stringify(judge(DOCKER_VOLUME, props)),
                );
                assert.deepStrictEqual(violations(judge(DOCKER_VOLUME, props, ALL_FAIL_CLOSED)), [
                    `sensitiveHostPath ${path}`,
                ]);
            });

        it("an option the reader could not read is not reported twice", () => {
            const w = model(DOCKER_VOLUME, { name: "v", driverOpts: { type: "none", o: "bind", device: 7 } });
            assert.deepStrictEqual(
                w.issues.map((i) => [i.kind, i.path]),
                [["malformed", "driverOpts.device"]],
            );
        });

        it("blocks the escape in ECS: a task volume's local driver mounting /dev/nvme1n1 or an overlay on /var/lib", () => {
            const task = (driverOpts: Obj, driver?: string) => ({
                family: "t",
                containerDefinitions: JSON.stringify([
                    { name: "app", image: "x", mountPoints: [{ sourceVolume: "v", containerPath: "/v" }] },
                ]),
                volumes: [{ name: "v", dockerVolumeConfiguration: { driver, driverOpts, scope: "task" } }],
            });
            const disk = model(TASK_DEFINITION, task({ type: "xfs", device: "/dev/nvme1n1" }));
            assert.deepStrictEqual(
                disk.volumes.map((v) => [v.name, v.device, v.hostPath, v.path, v.how]),
                [
                    [
                        "v",
                        true,
                        "/dev/nvme1n1",
                        "volumes[0].dockerVolumeConfiguration.driverOpts.device",
                        "local-driver-device",
                    ],
                ],
            );
            assert.ok(
                violations(judge(TASK_DEFINITION, task({ type: "xfs", device: "/dev/nvme1n1" }))).includes(
                    "hostDevices volumes[0].dockerVolumeConfiguration.driverOpts.device",
                ),
            );
            const overlay = task({ type: "overlay", o: "lowerdir=/var/lib,upperdir=/srv/u,workdir=/srv/w" });
            assert.ok(
                violations(judge(TASK_DEFINITION, overlay)).includes(
                    "sensitiveHostPath volumes[0].dockerVolumeConfiguration.driverOpts.o",
                ),
            );
            // Mounted writable by the container: every host directory behind it is writable.
            assert.deepStrictEqual(
                model(TASK_DEFINITION, overlay).volumes.map((v) => v.readOnly),
                [false, false, false],
            );
            // Its safe twins: a plugin driver, and a local volume of its own.
            assert.deepStrictEqual(model(TASK_DEFINITION, task({ device: "/dev/sdb" }, "rexray/ebs")).volumes, [
                { name: "v", types: ["volume"], readOnly: false, path: "volumes[0]" },
            ]);
            assert.deepStrictEqual(hostAccess(judge(TASK_DEFINITION, task({}))), []);
        });
    });

    describe("volumes-from (volumes[].fromContainer), resolved in the stack pass", () => {
        const agent = containerRes("agent", {
            volumes: [{ hostPath: "/var/run/docker.sock", containerPath: "/var/run/docker.sock" }],
            labels: exempt("sensitiveHostPath"),
        });
        const thief = (from = "agent") => containerRes("thief", { volumes: [{ fromContainer: from }] });

        it("blocks the escape: a container copying the mounts of an exempted agent that mounts the Docker socket", () => {
            const { resource, stack } = judgeStack([agent, thief()], EXEMPTIONS_ON);
            // The agent's own finding is waived; the thief's only source is the stack pass.
            assert.deepStrictEqual(violations(resource), []);
            const found = stackOn("thief", stack).filter((d) => !d.advisory);
            assert.deepStrictEqual(violations(found), ["sensitiveHostPath volumes[0].fromContainer"]);
            assert.ok(found[0].message.includes('through Container "agent"'), found[0].message);
            const m = stackModelOf([agent, thief()].map((i) => ({ ...i, urn: stackUrn(i.type, i.name) })));
            assert.deepStrictEqual(m.workloads[1].stackVolumes, [
                {
                    name: "agent",
                    types: ["bind"],
                    hostPath: "/var/run/docker.sock",
                    readOnly: false,
                    container: "thief",
                    path: "volumes[0].fromContainer",
                    via: 'Container "agent"',
                    how: "volumes-from",
                },
            ]);
        });

        it("at Analyze it is a note, never a violation, even fail-closed; the container's own mounts are still judged", () => {
            const props = container("thief", {
                volumes: [{ fromContainer: "agent" }, { hostPath: "/etc", containerPath: "/e" }],
            });
            for (const config of [{}, ALL_FAIL_CLOSED]) {
                const ds = judge(DOCKER_CONTAINER, props, config);
                assert.deepStrictEqual(violations(ds), ["sensitiveHostPath volumes[1].hostPath"]);
                assert.ok(
                    notes(ds).some((n) => n.includes("volumes[0].fromContainer")),
                    JSON.stringify(notes(ds)),
                );
            }
            assert.deepStrictEqual(model(DOCKER_CONTAINER, props).containers[0].volumesFrom, [
                { container: "agent", path: "volumes[0].fromContainer" },
            ]);
        });

        it("fails closed on a source not in the stack (or on another daemon): unknown, a violation under fail-closed", () => {
            const elsewhere: StackInput = {
                ...agent,
                provider: {
                    urn: "urn:pulumi:dev::test::pulumi:providers:docker::remote",
                    type: "pulumi:providers:docker",
                    props: { host: "tcp://other:2376" },
                },
            };
            for (const stackOf of [[thief()], [elsewhere, thief()]]) {
                const deferred = judgeStack(stackOf, EXEMPTIONS_ON);
                assert.deepStrictEqual(violations(stackOn("thief", deferred.stack)), []);
                assert.ok(notes(stackOn("thief", deferred.stack)).some((n) => n.includes("volumes[0].fromContainer")));
                const closed = judgeStack(stackOf, ALL_FAIL_CLOSED);
                assert.deepStrictEqual(violations(stackOn("thief", closed.stack)), [
                    "sensitiveHostPath volumes[0].fromContainer",
                ]);
            }
        });

        it("follows chains and named volumes; a source with only named volumes of its own passes", () => {
            const sock = volumeRes("sock", { type: "none", o: "bind", device: "/var/run" });
            const holder = containerRes("holder", { volumes: [{ volumeName: "sock", containerPath: "/r" }] });
            const middle = containerRes("middle", { volumes: [{ fromContainer: "holder" }] });
            const last = containerRes("last", { volumes: [{ fromContainer: "middle" }] });
            const { stack } = judgeStack([sock, holder, middle, last], EXEMPTIONS_ON);
            assert.deepStrictEqual(violations(stackOn("last", stack)), ["sensitiveHostPath volumes[0].fromContainer"]);
            assert.ok(
                stackOn("last", stack)[0].message.includes(
                    'through Container "middle", Container "holder", Volume "sock"',
                ),
                stackOn("last", stack)[0].message,
            );
            const plain = containerRes("plain", { volumes: [{ volumeName: "data", containerPath: "/d" }] });
            const copier = containerRes("copier", { volumes: [{ fromContainer: "plain" }] });
            assert.deepStrictEqual(judgeStack([plain, copier], ALL_FAIL_CLOSED).stack, []);
        });

        it("a block-device volume is a mount and is copied; the source's devices are not", () => {
            const disk = volumeRes("disk", { type: "ext4", device: "/dev/sdb1" });
            const holder = containerRes("holder", {
                volumes: [{ volumeName: "disk", containerPath: "/d" }],
                devices: [{ hostPath: "/dev/kvm", containerPath: "/dev/kvm" }],
                labels: exempt("hostDevices"),
            });
            const copier = containerRes("copier", { volumes: [{ fromContainer: "holder" }] });
            const { stack } = judgeStack([disk, holder, copier], EXEMPTIONS_ON);
            assert.deepStrictEqual(violations(stackOn("copier", stack)), ["hostDevices volumes[0].fromContainer"]);
            assert.ok(
                stackOn("copier", stack)[0].message.includes('"/dev/sdb1"') ||
                    stackOn("copier", stack)[0].message.includes("disk"),
            );
        });

        it("fails closed on a mounted Volume whose driver options are not understood, in the stack pass too", () => {
            const odd = volumeRes("odd", { type: "fuse.sshfs", device: "root@host:/" });
            const user = containerRes("user", { volumes: [{ volumeName: "odd", containerPath: "/o" }] });
            const closed = stackOn("user", judgeStack([odd, user], ALL_FAIL_CLOSED).stack);
            assert.deepStrictEqual(
                closed.map((d) => d.check),
                ["sensitiveHostPath"],
            );
            assert.ok(
                closed[0].message.includes('volumes[0].volumeName (Volume "odd" driverOpts.type)'),
                closed[0].message,
            );
            // A Volume the pack understands adds no unknown.
            const plain = volumeRes("plain", { type: "tmpfs", device: "tmpfs" });
            const mounter = containerRes("mounter", { volumes: [{ volumeName: "plain", containerPath: "/p" }] });
            const m = stackModelOf([plain, mounter].map((i) => ({ ...i, urn: stackUrn(i.type, i.name) })));
            assert.deepStrictEqual([m.workloads[1].stackVolumes, m.workloads[1].stackIssues], [undefined, undefined]);
        });

        it("a mounted Volume's other unknowns (its labels) are no unknown for the container", () => {
            const labelled: StackInput = {
                type: DOCKER_VOLUME,
                name: "data",
                props: { name: "data", labels: UNKNOWN, driverOpts: { type: "tmpfs", device: "tmpfs" } },
            };
            const user = containerRes("user", { volumes: [{ volumeName: "data", containerPath: "/d" }] });
            assert.deepStrictEqual(stackOn("user", judgeStack([labelled, user], ALL_FAIL_CLOSED).stack), []);
        });

        it("a blank fromContainer is no volumes-from: the entry's volume name is judged", () => {
            const blank = container("c", {
                volumes: [{ fromContainer: "  ", volumeName: "/etc", containerPath: "/e" }],
            });
            assert.deepStrictEqual(violations(judge(DOCKER_CONTAINER, blank)), [
                "sensitiveHostPath volumes[0].volumeName",
            ]);
        });

        it("only a container is a volumes-from source: a Volume of that name is not (unknown)", () => {
            const named = volumeRes("agent", { type: "none", o: "bind", device: "/etc" });
            const copier = containerRes("copier", { volumes: [{ fromContainer: "agent" }] });
            const closed = stackOn("copier", judgeStack([named, copier], ALL_FAIL_CLOSED).stack);
            assert.deepStrictEqual(
                closed.map((d) => [d.check, d.message.includes("cannot be judged")]),
                [["sensitiveHostPath", true]],
            );
        });

        it("a padded, empty or unknown fromContainer: the name trimmed, an empty one ignored, an unknown one noted", () => {
            const padded = model(DOCKER_CONTAINER, container("c", { volumes: [{ fromContainer: " agent " }] }));
            assert.deepStrictEqual(padded.containers[0].volumesFrom, [
                { container: "agent", path: "volumes[0].fromContainer" },
            ]);
            const empty = container("c", { volumes: [{ fromContainer: "", volumeName: "/etc", containerPath: "/e" }] });
            assert.deepStrictEqual(violations(judge(DOCKER_CONTAINER, empty)), [
                "sensitiveHostPath volumes[0].volumeName",
            ]);
            assert.strictEqual(model(DOCKER_CONTAINER, empty).containers[0].volumesFrom, undefined);
            const unknown = model(DOCKER_CONTAINER, container("c", { volumes: [{ fromContainer: UNKNOWN }] }));
            assert.deepStrictEqual(unknown.issues, [
                { kind: "unknown", field: "hostPath", path: "volumes[0].fromContainer", container: "c" },
            ]);
        });

        it("copies an inline block-device mount, never the source's devices", () => {
            const devicesOnly = containerRes("holder", {
                devices: [{ hostPath: "/dev/kvm", containerPath: "/dev/kvm" }],
                labels: exempt("hostDevices"),
            });
            const copier = containerRes("copier", { volumes: [{ fromContainer: "holder" }] });
            assert.deepStrictEqual(violations(judgeStack([devicesOnly, copier], ALL_FAIL_CLOSED).stack), []);
            const inlineDisk = containerRes("holder", {
                mounts: [
                    {
                        type: "volume",
                        source: "d",
                        target: "/d",
                        volumeOptions: { driverOptions: { type: "ext4", device: "/dev/sdb1" } },
                    },
                ],
                labels: exempt("hostDevices"),
            });
            assert.deepStrictEqual(
                violations(stackOn("copier", judgeStack([inlineDisk, copier], EXEMPTIONS_ON).stack)),
                ["hostDevices volumes[0].fromContainer"],
            );
        });

        it("a source's other unknowns (its image) and its own resolvable volumes-from are no unknown for the copier", () => {
            const source = containerRes("src", { image: UNKNOWN, volumes: [{ fromContainer: "base" }] });
            const base = containerRes("base", { volumes: [{ volumeName: "data", containerPath: "/d" }] });
            const copier = containerRes("copier", { volumes: [{ fromContainer: "src" }] });
            assert.deepStrictEqual(violations(judgeStack([base, source, copier], ALL_FAIL_CLOSED).stack), []);
        });

        it("what the source cannot prove of its own mounts, the copier cannot either; cycles end", () => {
            const unknownSource = containerRes("src", {
                volumes: [{ hostPath: UNKNOWN, containerPath: "/x" }],
            });
            const copier = containerRes("copier", { volumes: [{ fromContainer: "src" }] });
            const closed = stackOn("copier", judgeStack([unknownSource, copier], ALL_FAIL_CLOSED).stack);
            assert.deepStrictEqual(
                closed.map((d) => d.check),
                ["sensitiveHostPath"],
            );
            assert.ok(closed[0].message.includes('volumes[0].fromContainer (Container "src" volumes[0].hostPath)'));
            const a = containerRes("a", { volumes: [{ fromContainer: "b" }] });
            const b = containerRes("b", { volumes: [{ fromContainer: "a" }] });
            assert.deepStrictEqual(violations(judgeStack([a, b], ALL_FAIL_CLOSED).stack), []);
        });
    });
});

describe("issue 22: namespace inheritance (container:<name> modes), resolved in the stack pass", () => {
    const agent = (mode: Obj = { pidMode: "host" }) =>
        containerRes("agent", { ...mode, labels: exempt("hostNamespaces") });

    for (const [key, namespace] of [
        ["pidMode", "pid"],
        ["ipcMode", "ipc"],
        ["networkMode", "network"],
    ] as const)
        it(`blocks the escape: ${key} container:agent joins the host's ${namespace} namespace of an exempted agent`, () => {
            const joiner = containerRes("joiner", { [key]: "container:agent" });
            const { resource, stack } = judgeStack([agent({ [key]: "host" }), joiner], EXEMPTIONS_ON);
            assert.deepStrictEqual(violations(resource), []);
            const found = stackOn("joiner", stack).filter((d) => !d.advisory);
            assert.deepStrictEqual(
                found.map((d) => d.check),
                ["hostNamespaces"],
            );
            assert.ok(
                found[0].message.includes(`${key}=container:agent (through Container "agent")`),
                found[0].message,
            );
            const m = stackModelOf(
                [agent({ [key]: "host" }), joiner].map((i) => ({ ...i, urn: stackUrn(i.type, i.name) })),
            );
            assert.deepStrictEqual(m.workloads[1].stackHostNamespaces, [
                {
                    namespace,
                    path: key,
                    value: "container:agent",
                    how: "container-namespace",
                    via: 'Container "agent"',
                },
            ]);
            // Its twin: the agent keeps its own namespace.
            assert.deepStrictEqual(judgeStack([agent({}), joiner], ALL_FAIL_CLOSED).stack, []);
        });

    it("another namespace of the agent is not this one's: joining its network when it shares the host's PID passes", () => {
        const joiner = containerRes("joiner", { networkMode: "container:agent" });
        assert.deepStrictEqual(judgeStack([agent({ pidMode: "host" }), joiner], ALL_FAIL_CLOSED).stack, []);
    });

    it("follows a chain of joins; a loop ends", () => {
        const middle = containerRes("middle", { pidMode: "container:agent" });
        const last = containerRes("last", { pidMode: " Container: middle " });
        const { stack } = judgeStack([agent(), middle, last], EXEMPTIONS_ON);
        assert.deepStrictEqual(
            stackOn("last", stack)
                .filter((d) => !d.advisory)
                .map((d) => d.check),
            ["hostNamespaces"],
        );
        const a = containerRes("a", { pidMode: "container:b" });
        const b = containerRes("b", { pidMode: "container:a" });
        assert.deepStrictEqual(violations(judgeStack([a, b], ALL_FAIL_CLOSED).stack), []);
    });

    it("a joined host namespace alone is judged with every host access check on (PSS baseline's hostPathVolumes too)", () => {
        const baseline = {
            ...ALL_FAIL_CLOSED,
            "no-sensitive-host-mounts": {
                ...ALL_FAIL_CLOSED["no-sensitive-host-mounts"],
                checks: { hostPathVolumes: true },
            },
        };
        const joiner = containerRes("joiner", { ipcMode: "container:agent" });
        const { stack } = judgeStack([agent({ ipcMode: "host" }), joiner], baseline);
        assert.deepStrictEqual(
            stackOn("joiner", stack).map((d) => d.check),
            ["hostNamespaces"],
        );
    });

    it("follows only a join of the same namespace, and only an unknown mode of that namespace is unknown", () => {
        const hostPid = containerRes("hostnet", { pidMode: "host" });
        const middle = containerRes("agent", { networkMode: "container:hostnet", image: UNKNOWN, ipcMode: UNKNOWN });
        const joiner = containerRes("joiner", { pidMode: "container:agent" });
        assert.deepStrictEqual(
            violations(stackOn("joiner", judgeStack([hostPid, middle, joiner], ALL_FAIL_CLOSED).stack)),
            [],
        );
        const m = stackModelOf([hostPid, middle, joiner].map((i) => ({ ...i, urn: stackUrn(i.type, i.name) })));
        assert.deepStrictEqual(
            [m.workloads[2].stackHostNamespaces, m.workloads[2].stackIssues],
            [undefined, undefined],
        );
        assert.strictEqual(
            model(DOCKER_CONTAINER, container("x", { cgroupnsMode: "container:agent" })).namespaceJoins,
            undefined,
        );
    });

    it("at Analyze a join is a note, never a violation, even fail-closed; the container's own host modes still fail", () => {
        const props = container("joiner", { pidMode: "container:agent", networkMode: "host" });
        for (const config of [{}, ALL_FAIL_CLOSED]) {
            const ds = judge(DOCKER_CONTAINER, props, config);
            assert.deepStrictEqual(
                ds.filter((d) => !d.advisory).map((d) => d.check),
                ["hostNamespaces"],
            );
            assert.ok(
                notes(ds).some((n) => n.includes("pidMode")),
                JSON.stringify(notes(ds)),
            );
        }
        const w = model(DOCKER_CONTAINER, props);
        assert.deepStrictEqual(w.namespaceJoins, [
            { namespace: "pid", container: "agent", path: "pidMode", value: "container:agent" },
        ]);
        // User and cgroup namespaces take no container.
        assert.strictEqual(
            model(DOCKER_CONTAINER, container("x", { usernsMode: "container:agent" })).namespaceJoins,
            undefined,
        );
    });

    it("fails closed on a container not in the stack, or whose own mode is unknown at preview", () => {
        const joiner = containerRes("joiner", { ipcMode: "container:agent" });
        const unknownAgent = containerRes("agent", { ipcMode: UNKNOWN });
        for (const stackOf of [[joiner], [unknownAgent, joiner]]) {
            const deferred = judgeStack(stackOf, EXEMPTIONS_ON);
            assert.deepStrictEqual(violations(stackOn("joiner", deferred.stack)), []);
            assert.ok(notes(stackOn("joiner", deferred.stack)).some((n) => n.includes("ipcMode")));
            const closed = judgeStack(stackOf, ALL_FAIL_CLOSED);
            assert.deepStrictEqual(
                stackOn("joiner", closed.stack)
                    .filter((d) => !d.advisory)
                    .map((d) => d.check),
                ["hostNamespaces"],
            );
        }
    });
});
