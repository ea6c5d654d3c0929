// What the Docker adapter makes of each value it reads (docker.Container, docker.Service, docker.Volume): the
// normalized workload model, and the verdict a dangerous value gets (check ID and the field the finding names) next
// to its safe twin. The field-by-field routing of malformed and unknown values is in docker-fields.test.ts.
import * as assert from "assert";
import { toWorkloads } from "../../adapters";
import { Workload } from "../../model/workload";
import { PackConfig, judge, judgeStack } from "../helpers";
import { DOCKER_CONTAINER, DOCKER_SERVICE, hardenedContainer, hardenedService } from "../fixtures/docker";
import { Obj } from "../fixtures/kubernetes";

const DOCKER_VOLUME = "docker:index/volume:Volume";
const MULTI_TENANT = [{ label: "tenancy", value: "multi-tenant" }];

function model(type: string, props: Obj): Workload {
    const ws = toWorkloads(type, "res", props);
    assert.strictEqual(ws.length, 1);
    return ws[0];
}

/** The hardened container without its named volume and mount, plus `extra`. */
function bare(extra: Obj = {}): Obj {
    return { ...hardenedContainer(), mounts: undefined, volumes: undefined, ...extra };
}

const containerModel = (extra: Obj) => model(DOCKER_CONTAINER, bare(extra));

function serviceWith(edit: (containerSpec: Obj, service: Obj) => void): Obj {
    const s = hardenedService();
    edit(s.taskSpec.containerSpec, s);
    return s;
}

/** "<check>: <message>" of each violation (advisories left out). */
function violations(type: string, props: Obj, config: PackConfig = {}): string[] {
    return judge(type, props, config)
        .filter((d) => !d.advisory)
        .map((d) => d.message);
}

function only(type: string, props: Obj, check: string, config: PackConfig = {}): string[] {
    return judge(type, props, config)
        .filter((d) => !d.advisory && d.check === check)
        .map((d) => d.message);
}

describe("Docker adapter: the model it builds and the verdicts that follow", () => {
    describe("resource types", () => {
        it("maps a Container, a Service and a Volume to one workload each, and other docker types to none", () => {
            assert.strictEqual(model(DOCKER_CONTAINER, hardenedContainer()).kind, "Container");
            assert.strictEqual(model(DOCKER_SERVICE, hardenedService()).kind, "Service");
            assert.strictEqual(model(DOCKER_VOLUME, { name: "data" }).kind, "Volume");
            for (const type of [
                "docker:index/network:Network",
                "docker:index/image:Image",
                "docker:index/plugin:Plugin",
            ])
                assert.deepStrictEqual(toWorkloads(type, "res", { name: "x", driver: "local" }), [], type);
        });

        it("the resource name stands in for a missing or unreadable name", () => {
            assert.strictEqual(model(DOCKER_CONTAINER, { ...hardenedContainer(), name: undefined }).name, "res");
            assert.strictEqual(model(DOCKER_SERVICE, { ...hardenedService(), name: 7 }).name, "res");
            assert.strictEqual(model(DOCKER_VOLUME, {}).name, "res");
        });
    });

    describe("docker.Container", () => {
        it("a hardened container: the whole model", () => {
            const w = containerModel({});
            assert.strictEqual(w.platform, "docker");
            assert.strictEqual(w.isolation, "container");
            assert.strictEqual(w.specPath, "");
            assert.strictEqual(w.pod.path, "");
            assert.deepStrictEqual({ ...w.labels }, { app: "web" });
            assert.strictEqual(w.podLabels, w.labels);
            assert.deepStrictEqual(w.volumes, []);
            assert.deepStrictEqual(w.hostNamespaces, []);
            assert.deepStrictEqual(w.sysctls, []);
            assert.strictEqual(w.runtime, undefined);
            assert.deepStrictEqual(w.containers, [
                {
                    name: "web",
                    role: "container",
                    image: "nginx:1.27",
                    path: "",
                    security: {
                        path: "",
                        paths: {
                            privileged: "privileged",
                            allowPrivilegeEscalation: "securityOpts",
                            capAdd: "capabilities.adds",
                            capDrop: "capabilities.drops",
                        },
                        privileged: undefined,
                        capAdd: ["NET_BIND_SERVICE"],
                        capDrop: ["ALL"],
                        readOnlyRootFilesystem: true,
                        allowPrivilegeEscalation: false,
                    },
                    ports: [],
                    hostReferences: [],
                    mounts: [],
                    user: "1000:1000",
                },
            ]);
        });

        it("labels: entries missing a name or a value are skipped", () => {
            const w = containerModel({
                labels: [{ label: "a", value: "1" }, { label: "b" }, { value: "2" }, "c", { label: "d", value: "" }],
            });
            assert.deepStrictEqual({ ...w.labels }, { a: "1", d: "" });
        });

        it("labels carry in-code exemptions, and the multi-tenant marking", () => {
            const c = {
                ...hardenedContainer(),
                privileged: true,
                labels: [
                    { label: "isolation-guard.io/exempt", value: "privileged" },
                    { label: "isolation-guard.io/exempt-reason", value: "dind runner" },
                    { label: "isolation-guard.io/exempt-expires", value: "2999-12-31" },
                ],
            };
            assert.deepStrictEqual(only(DOCKER_CONTAINER, c, "privileged").length, 1);
            assert.deepStrictEqual(
                only(DOCKER_CONTAINER, c, "privileged", {
                    "no-privileged-containers": { allowInCodeExemptions: true },
                }),
                [],
            );
            assert.deepStrictEqual(
                judge(DOCKER_CONTAINER, { ...hardenedContainer(), labels: MULTI_TENANT }).map((d) => d.check),
                ["sandboxedRuntime"],
            );
        });

        it("privileged and capabilities are read where Docker writes them", () => {
            assert.deepStrictEqual(only(DOCKER_CONTAINER, { ...hardenedContainer(), privileged: true }, "privileged"), [
                '[privileged] Container "web" must not run privileged: privileged is true; remove privileged or set it to false; add only the capabilities it needs',
            ]);
            assert.deepStrictEqual(
                only(DOCKER_CONTAINER, { ...hardenedContainer(), privileged: false }, "privileged"),
                [],
            );
            const msgs = only(
                DOCKER_CONTAINER,
                { ...hardenedContainer(), capabilities: { adds: ["SYS_ADMIN"], drops: ["NET_RAW"] } },
                "capabilities_restricted",
            );
            assert.strictEqual(msgs.length, 1);
            assert.ok(msgs[0].includes('capabilities.adds is ["SYS_ADMIN"]'), msgs[0]);
        });

        describe("security options", () => {
            const cases: Array<[string[], Obj]> = [
                [["no-new-privileges"], { allowPrivilegeEscalation: false }],
                [["no-new-privileges:true"], { allowPrivilegeEscalation: false }],
                [["no-new-privileges=TRUE"], { allowPrivilegeEscalation: false }],
                [[" no-new-privileges "], { allowPrivilegeEscalation: false }],
                [["no-new-privileges = true"], { allowPrivilegeEscalation: false }],
                [["no-new-privileges=false"], { allowPrivilegeEscalation: true }],
                [["NO-NEW-PRIVILEGES:FALSE"], { allowPrivilegeEscalation: true }],
                [["no-new-privileges=maybe"], { allowPrivilegeEscalation: undefined }],
                [["seccomp=unconfined"], { seccompProfile: { type: "Unconfined", path: "securityOpts[0]" } }],
                [["seccomp:UNCONFINED"], { seccompProfile: { type: "Unconfined", path: "securityOpts[0]" } }],
                [
                    ["seccomp=/etc/docker/seccomp.json"],
                    {
                        seccompProfile: {
                            type: "Localhost",
                            localhostProfile: "/etc/docker/seccomp.json",
                            path: "securityOpts[0]",
                        },
                    },
                ],
                [["apparmor=unconfined"], { appArmorProfile: { type: "Unconfined", path: "securityOpts[0]" } }],
                [["APPARMOR:Unconfined"], { appArmorProfile: { type: "Unconfined", path: "securityOpts[0]" } }],
                [
                    ["apparmor=docker-default"],
                    {
                        appArmorProfile: {
                            type: "Localhost",
                            localhostProfile: "docker-default",
                            path: "securityOpts[0]",
                        },
                    },
                ],
                [["label=disable"], { seLinuxOptions: { path: "securityOpts[0]", type: "spc_t" } }],
                [["label:DISABLE"], { seLinuxOptions: { path: "securityOpts[0]", type: "spc_t" } }],
                [["label=type:spc_t"], { seLinuxOptions: { path: "securityOpts[0]", type: "spc_t" } }],
                [["label=type : spc_t"], { seLinuxOptions: { path: "securityOpts[0]", type: "spc_t" } }],
                [["label=USER:system_u"], { seLinuxOptions: { path: "securityOpts[0]", user: "system_u" } }],
                [["label=role:system_r"], { seLinuxOptions: { path: "securityOpts[0]", role: "system_r" } }],
                [["label=level:s0:c100,c200"], { seLinuxOptions: { path: "securityOpts[0]", level: "s0:c100,c200" } }],
                [
                    ["label=type:container_t", "label=level:s0"],
                    { seLinuxOptions: { path: "securityOpts[0]", type: "container_t", level: "s0" } },
                ],
                // Not one of the four label keys, or not a key at the start: nothing is read.
                [["label=nested"], { seLinuxOptions: { path: "securityOpts[0]" } }],
                [["label=xtype:spc_t"], { seLinuxOptions: { path: "securityOpts[0]" } }],
                [["x.seccomp=unconfined"], {}],
                [["apparmor=unconfined\nprofile"], {}],
                [["label=type:spc_t\nx"], {}],
                [["systempaths=unconfined"], {}],
            ];
            const KEYS = ["allowPrivilegeEscalation", "seccompProfile", "appArmorProfile", "seLinuxOptions"] as const;
            for (const [opts, expected] of cases) {
                it(`${JSON.stringify(opts)} → ${JSON.stringify(expected)}`, () => {
                    const s = containerModel({ securityOpts: opts }).containers[0].security;
                    const got: Obj = {};
                    for (const k of KEYS) if (s[k] !== undefined) got[k] = s[k];
                    const want: Obj = {};
                    for (const k of KEYS) if (expected[k] !== undefined) want[k] = expected[k];
                    assert.deepStrictEqual(got, want);
                });
            }

            it("each option is named by its position in the findings", () => {
                const msgs = violations(DOCKER_CONTAINER, {
                    ...hardenedContainer(),
                    securityOpts: [
                        "no-new-privileges",
                        "seccomp=unconfined",
                        "apparmor:Unconfined",
                        "label=type:spc_t",
                    ],
                });
                assert.deepStrictEqual(msgs, [
                    '[seccompProfile_baseline] Container "web" must not set an unconfined or unknown seccomp profile: securityOpts[1] is "Unconfined"; remove seccomp=unconfined from securityOpts',
                    '[appArmorProfile] Container "web" must not run without AppArmor confinement: securityOpts[2] is "Unconfined"; remove apparmor=unconfined from securityOpts',
                    '[seLinuxOptions] Container "web" must not set a forbidden SELinux type: securityOpts[3] is "spc_t"; remove label=disable from securityOpts',
                ]);
            });

            it("no-new-privileges=false is an explicit allow; a value that is neither true nor false is malformed", () => {
                assert.deepStrictEqual(
                    violations(DOCKER_CONTAINER, { ...hardenedContainer(), securityOpts: ["no-new-privileges=false"] }),
                    [
                        '[allowPrivilegeEscalation] Container "web" must not allow privilege escalation: securityOpts is "no-new-privileges:false"; add "no-new-privileges:true" to securityOpts',
                    ],
                );
                const props = {
                    ...hardenedContainer(),
                    securityOpts: ["seccomp=default.json", "no-new-privileges=maybe"],
                };
                assert.deepStrictEqual(model(DOCKER_CONTAINER, props).issues, [
                    {
                        kind: "malformed",
                        field: "allowPrivilegeEscalation",
                        path: "securityOpts[1]",
                        container: "web",
                        value: "no-new-privileges=maybe",
                    },
                ]);
                assert.deepStrictEqual(violations(DOCKER_CONTAINER, props), [
                    '[allowPrivilegeEscalation] Container "web" has a value the policy cannot interpret, which is treated as a violation: securityOpts[1] is "no-new-privileges=maybe"; set it to a value of the documented type',
                ]);
            });

            it("an unrecognized label option is ignored without error", () => {
                assert.deepStrictEqual(
                    judge(DOCKER_CONTAINER, {
                        ...hardenedContainer(),
                        securityOpts: ["no-new-privileges", "label=nested"],
                    }),
                    [],
                );
            });
        });

        describe("host namespaces", () => {
            for (const [key, namespace] of [
                ["pidMode", "pid"],
                ["ipcMode", "ipc"],
                ["networkMode", "network"],
                ["usernsMode", "user"],
                ["cgroupnsMode", "cgroup"],
            ] as const) {
                it(`${key}: "host" in any case and spacing shares the ${namespace} namespace; other modes do not`, () => {
                    for (const value of ["host", " HOST ", "Host"]) {
                        assert.deepStrictEqual(containerModel({ [key]: value }).hostNamespaces, [
                            { namespace, path: key, value },
                        ]);
                        const msgs = only(DOCKER_CONTAINER, { ...hardenedContainer(), [key]: value }, "hostNamespaces");
                        assert.strictEqual(msgs.length, 1);
                        assert.ok(msgs[0].includes(`: ${key} is ${JSON.stringify(value)};`), msgs[0]);
                    }
                    for (const value of ["private", "container:other", "", "hosts"])
                        assert.deepStrictEqual(containerModel({ [key]: value }).hostNamespaces, [], value);
                });
            }
        });

        it("runtime: named where it is written; a multi-tenant container on runc fails, on runsc passes", () => {
            assert.deepStrictEqual(containerModel({ runtime: "runc" }).runtime, { value: "runc", path: "runtime" });
            const msgs = only(
                DOCKER_CONTAINER,
                { ...hardenedContainer(), labels: MULTI_TENANT, runtime: "runc" },
                "sandboxedRuntime",
            );
            assert.strictEqual(msgs.length, 1);
            assert.ok(msgs[0].includes('must run in a sandboxed runtime: runtime is "runc"; set runtime to'), msgs[0]);
            assert.deepStrictEqual(
                judge(DOCKER_CONTAINER, { ...hardenedContainer(), labels: MULTI_TENANT, runtime: "runsc" }),
                [],
            );
        });

        describe("volumes", () => {
            it("a host path is a bind volume of the container, named by its path", () => {
                const w = containerModel({ volumes: [{ hostPath: "/srv/data", containerPath: "/d", readOnly: true }] });
                assert.deepStrictEqual(w.volumes, [
                    {
                        name: "/srv/data",
                        types: ["bind"],
                        hostPath: "/srv/data",
                        readOnly: true,
                        container: "web",
                        path: "volumes[0].hostPath",
                    },
                ]);
                assert.deepStrictEqual(w.containers[0].mounts, []);
                assert.strictEqual(
                    containerModel({ volumes: [{ hostPath: "/srv/data", readOnly: "yes" }] }).volumes[0].readOnly,
                    false,
                );
                assert.deepStrictEqual(
                    only(
                        DOCKER_CONTAINER,
                        {
                            ...hardenedContainer(),
                            volumes: [{ hostPath: "/var/run/docker.sock", containerPath: "/s" }],
                        },
                        "sensitiveHostPath",
                    ),
                    [
                        '[sensitiveHostPath] Container "web" must not mount a container runtime socket: volumes[0].hostPath is "/var/run/docker.sock"; use a named Docker volume or a tmpfs mount instead; read-only does not make it safe',
                    ],
                );
            });

            it("a named volume is a mount by name (resolved in the stack); an entry with neither is nothing", () => {
                const w = containerModel({
                    volumes: [
                        { volumeName: "cache", containerPath: "/c", readOnly: true },
                        { containerPath: "/tmp" },
                        { volumeName: "data" },
                    ],
                });
                assert.deepStrictEqual(w.volumes, []);
                assert.deepStrictEqual(w.containers[0].mounts, [
                    { volume: "cache", readOnly: true, path: "volumes[0]", sourcePath: "volumes[0].volumeName" },
                    { volume: "data", readOnly: false, path: "volumes[2]", sourcePath: "volumes[2].volumeName" },
                ]);
            });
        });

        describe("mounts", () => {
            it("a bind mount: its source is a host path, its propagation is read", () => {
                const w = containerModel({
                    mounts: [
                        {
                            type: "BIND",
                            source: "/srv/data",
                            target: "/d",
                            readOnly: true,
                            bindOptions: { propagation: "rshared" },
                        },
                    ],
                });
                assert.deepStrictEqual(w.volumes, [
                    {
                        name: "/srv/data",
                        types: ["bind"],
                        hostPath: "/srv/data",
                        readOnly: true,
                        container: "web",
                        path: "mounts[0].source",
                    },
                ]);
                assert.deepStrictEqual(w.containers[0].mounts, [
                    {
                        volume: "/srv/data",
                        mountPath: "/d",
                        readOnly: true,
                        mountPropagation: "rshared",
                        path: "mounts[0].bindOptions.propagation",
                        sourcePath: "mounts[0].source",
                    },
                ]);
                assert.deepStrictEqual(
                    only(
                        DOCKER_CONTAINER,
                        {
                            ...hardenedContainer(),
                            mounts: [
                                {
                                    type: "bind",
                                    source: "/srv/data",
                                    target: "/d",
                                    bindOptions: { propagation: "rshared" },
                                },
                            ],
                        },
                        "mountPropagation",
                    ),
                    [
                        '[mountPropagation] Container "web" must not propagate mounts to the host: mounts[0].bindOptions.propagation is "rshared"; use private or rprivate propagation',
                    ],
                );
            });

            it("a named volume, a tmpfs and an untyped mount are no host path", () => {
                const w = containerModel({
                    mounts: [
                        { type: "volume", source: "cache", target: "/c" },
                        {
                            type: "tmpfs",
                            target: "/t",
                            volumeOptions: { driverName: "local", driverOptions: { o: "bind", device: "/etc" } },
                        },
                        { target: "/u" },
                    ],
                });
                assert.deepStrictEqual(
                    w.volumes.map((v) => [v.name, v.types, v.hostPath, v.readOnly, v.path]),
                    [
                        ["cache", ["volume"], undefined, false, "mounts[0].source"],
                        ["", ["tmpfs"], undefined, false, "mounts[1].source"],
                        ["", ["unknown"], undefined, false, "mounts[2].source"],
                    ],
                );
                assert.deepStrictEqual(
                    w.containers[0].mounts.map((m) => [m.volume, m.mountPath, m.sourcePath]),
                    [
                        ["cache", "/c", "mounts[0].source"],
                        ["", "/t", "mounts[1].source"],
                        ["", "/u", "mounts[2].source"],
                    ],
                );
            });

            it("a volume mount whose local driver binds a host path is that host path", () => {
                const mount = {
                    type: "volume",
                    source: "etc",
                    target: "/e",
                    readOnly: true,
                    volumeOptions: { driverName: "local", driverOptions: { type: "none", o: "bind", device: "/etc" } },
                };
                const w = containerModel({ mounts: [mount] });
                assert.deepStrictEqual(w.volumes, [
                    {
                        name: "etc",
                        types: ["bind"],
                        hostPath: "/etc",
                        readOnly: true,
                        container: "web",
                        path: "mounts[0].volumeOptions.driverOptions.device",
                        how: "local-driver-bind",
                    },
                ]);
                assert.deepStrictEqual(
                    only(DOCKER_CONTAINER, { ...hardenedContainer(), mounts: [mount] }, "sensitiveHostPath"),
                    [
                        '[sensitiveHostPath] Container "web" must not mount a sensitive host path: mounts[0].volumeOptions.driverOptions.device is "/etc"; use a named Docker volume or a tmpfs mount instead; read-only does not make it safe',
                    ],
                );
            });
        });

        it("devices: each host path is a device volume; an entry without one is nothing", () => {
            const w = containerModel({
                devices: [{ containerPath: "/dev/x" }, { hostPath: "/dev/fuse", containerPath: "/dev/fuse" }],
            });
            assert.deepStrictEqual(w.volumes, [
                {
                    name: "/dev/fuse",
                    types: ["device"],
                    hostPath: "/dev/fuse",
                    readOnly: false,
                    device: true,
                    container: "web",
                    path: "devices[1].hostPath",
                },
            ]);
            assert.deepStrictEqual(
                judge(DOCKER_CONTAINER, { ...hardenedContainer(), devices: [{ containerPath: "/dev/x" }] }),
                [],
            );
            assert.deepStrictEqual(
                only(DOCKER_CONTAINER, { ...hardenedContainer(), devices: [{ hostPath: "/dev/fuse" }] }, "hostDevices"),
                [
                    '[hostDevices] Container "web" must not pass through a host device: devices[0].hostPath is "/dev/fuse"; remove the device; use a device plugin or a dedicated VM for hardware access',
                ],
            );
        });

        it("sysctls: each one named by its key", () => {
            const w = containerModel({ sysctls: { "net.ipv4.tcp_syncookies": "1", "kernel.msgmax": "65536" } });
            assert.deepStrictEqual(w.sysctls, [
                {
                    name: "net.ipv4.tcp_syncookies",
                    path: "sysctls.net.ipv4.tcp_syncookies",
                    value: "1",
                    valuePath: "sysctls.net.ipv4.tcp_syncookies",
                },
                {
                    name: "kernel.msgmax",
                    path: "sysctls.kernel.msgmax",
                    value: "65536",
                    valuePath: "sysctls.kernel.msgmax",
                },
            ]);
        });

        it("user: root is reported at user", () => {
            assert.deepStrictEqual(only(DOCKER_CONTAINER, { ...hardenedContainer(), user: "0:0" }, "runAsUser"), [
                '[runAsUser] Container "web" must not run as root: user is "0:0"; set user to a non-root UID, e.g. "1000:1000"',
            ]);
        });
    });

    describe("docker.Service", () => {
        it("a hardened service: the whole model", () => {
            const w = model(
                DOCKER_SERVICE,
                serviceWith((c) => delete c.mounts),
            );
            assert.strictEqual(w.kind, "Service");
            assert.strictEqual(w.specPath, "");
            assert.deepStrictEqual({ ...w.labels }, { app: "web" });
            assert.deepStrictEqual({ ...w.podLabels }, {});
            assert.deepStrictEqual(w.volumes, []);
            assert.deepStrictEqual(w.hostNamespaces, []);
            assert.deepStrictEqual(w.sysctls, []);
            assert.strictEqual(w.runtime, undefined);
            assert.deepStrictEqual(w.containers, [
                {
                    name: "web",
                    role: "container",
                    image: "nginx:1.27",
                    path: "taskSpec.containerSpec",
                    security: {
                        path: "taskSpec.containerSpec",
                        paths: {
                            privileged: "",
                            allowPrivilegeEscalation: "",
                            capAdd: "taskSpec.containerSpec.capAdds",
                            capDrop: "taskSpec.containerSpec.capDrops",
                        },
                        capAdd: ["NET_BIND_SERVICE"],
                        capDrop: ["ALL"],
                        readOnlyRootFilesystem: undefined,
                    },
                    ports: [],
                    hostReferences: [],
                    mounts: [],
                    user: "1000",
                },
            ]);
            assert.strictEqual(
                model(
                    DOCKER_SERVICE,
                    serviceWith((c) => (c.readOnly = true)),
                ).containers[0].security.readOnlyRootFilesystem,
                true,
            );
        });

        it("without mounts, privileges or labels it passes every check", () => {
            assert.deepStrictEqual(
                judge(
                    DOCKER_SERVICE,
                    serviceWith((c) => delete c.mounts),
                ),
                [],
            );
        });

        it("its container spec's labels are the template's; its own labels the service's", () => {
            const w = model(
                DOCKER_SERVICE,
                serviceWith((c) => (c.labels = [{ label: "tenant", value: "a" }, { label: "skip" }])),
            );
            assert.deepStrictEqual({ ...w.podLabels }, { tenant: "a" });
            assert.deepStrictEqual({ ...w.labels }, { app: "web" });
        });

        it("swarm has no privileged or no-new-privileges setting: nothing to require", () => {
            assert.deepStrictEqual(
                judge(DOCKER_SERVICE, hardenedService(), {
                    "no-privileged-containers": { allowPrivilegeEscalation: "require-false" },
                }),
                [],
            );
            // …while a container under the same config must say no-new-privileges.
            assert.deepStrictEqual(
                only(DOCKER_CONTAINER, { ...hardenedContainer(), securityOpts: [] }, "allowPrivilegeEscalation", {
                    "no-privileged-containers": { allowPrivilegeEscalation: "require-false" },
                }).length,
                1,
            );
        });

        it("runtime: read at taskSpec.runtime", () => {
            const s = (runtime: string) => {
                const p = hardenedService();
                p.labels = MULTI_TENANT;
                p.taskSpec.runtime = runtime;
                return p;
            };
            assert.deepStrictEqual(model(DOCKER_SERVICE, s("runc")).runtime, {
                value: "runc",
                path: "taskSpec.runtime",
            });
            const msgs = only(DOCKER_SERVICE, s("runc"), "sandboxedRuntime");
            assert.strictEqual(msgs.length, 1);
            assert.ok(
                msgs[0].includes('must run in a sandboxed runtime: taskSpec.runtime is "runc"; set runtime to'),
                msgs[0],
            );
            assert.deepStrictEqual(judge(DOCKER_SERVICE, s("runsc")), []);
        });

        it('the swarm network named "host" shares the host network; other networks do not', () => {
            const s = (networks: unknown[]) => {
                const p = hardenedService();
                p.taskSpec.networksAdvanceds = networks;
                return p;
            };
            assert.deepStrictEqual(
                model(DOCKER_SERVICE, s([{ name: "frontend" }, { name: " HOST " }])).hostNamespaces,
                [{ namespace: "network", path: "taskSpec.networksAdvanceds[1].name", value: " HOST " }],
            );
            assert.deepStrictEqual(only(DOCKER_SERVICE, s([{ name: "host" }]), "hostNamespaces"), [
                '[hostNamespaces] Service "web" must not share host namespaces (taskSpec.networksAdvanceds[0].name=host): taskSpec.networksAdvanceds[0].name is "host"; remove the host mode settings',
            ]);
            assert.deepStrictEqual(
                judge(DOCKER_SERVICE, s([{ name: "frontend" }, { aliases: ["x"] }, { name: "hosts" }])),
                [],
            );
        });

        it("capabilities are read at capAdds and capDrops", () => {
            const msgs = only(
                DOCKER_SERVICE,
                serviceWith((c) => (c.capAdds = ["SYS_ADMIN"])),
                "capabilities_restricted",
            );
            assert.strictEqual(msgs.length, 1);
            assert.ok(msgs[0].includes('taskSpec.containerSpec.capAdds is ["SYS_ADMIN"]'), msgs[0]);
            const drops = only(
                DOCKER_SERVICE,
                serviceWith((c) => (c.capDrops = ["NET_RAW"])),
                "capabilities_restricted",
            );
            assert.strictEqual(drops.length, 1);
            assert.ok(drops[0].includes("taskSpec.containerSpec.capDrops"), drops[0]);
        });

        describe("SELinux context", () => {
            const sel = (ctx: unknown) => serviceWith((c) => (c.privileges = { seLinuxContext: ctx }));
            it("disable: true runs unconfined (spc_t), reported at the context", () => {
                assert.deepStrictEqual(
                    model(DOCKER_SERVICE, sel({ disable: true })).containers[0].security.seLinuxOptions,
                    {
                        path: "taskSpec.containerSpec.privileges.seLinuxContext",
                        type: "spc_t",
                    },
                );
                assert.deepStrictEqual(only(DOCKER_SERVICE, sel({ disable: true }), "seLinuxOptions"), [
                    '[seLinuxOptions] Service "web" must not set a forbidden SELinux type: taskSpec.containerSpec.privileges.seLinuxContext is "spc_t"; remove label=disable from seLinuxContext',
                ]);
            });

            it("type, user, role and level are read as written", () => {
                assert.deepStrictEqual(
                    model(
                        DOCKER_SERVICE,
                        sel({
                            disable: false,
                            type: "container_t",
                            user: "system_u",
                            role: "system_r",
                            level: "s0:c1",
                        }),
                    ).containers[0].security.seLinuxOptions,
                    {
                        path: "taskSpec.containerSpec.privileges.seLinuxContext",
                        type: "container_t",
                        user: "system_u",
                        role: "system_r",
                        level: "s0:c1",
                    },
                );
                assert.deepStrictEqual(judge(DOCKER_SERVICE, sel({ type: "container_t" })), []);
                assert.strictEqual(only(DOCKER_SERVICE, sel({ type: "spc_t" }), "seLinuxOptions").length, 1);
            });

            it("no privileges, or privileges without a context, set nothing", () => {
                assert.strictEqual(
                    model(DOCKER_SERVICE, hardenedService()).containers[0].security.seLinuxOptions,
                    undefined,
                );
                assert.strictEqual(
                    model(
                        DOCKER_SERVICE,
                        serviceWith((c) => (c.privileges = { credentialSpec: {} })),
                    ).containers[0].security.seLinuxOptions,
                    undefined,
                );
                assert.deepStrictEqual(model(DOCKER_SERVICE, sel({})).containers[0].security.seLinuxOptions, {
                    path: "taskSpec.containerSpec.privileges.seLinuxContext",
                });
            });
        });

        it("mounts: read like a container's, at the container spec's paths", () => {
            const s = serviceWith((c) => (c.mounts = [{ type: "bind", source: "/var/run/docker.sock", target: "/s" }]));
            assert.deepStrictEqual(model(DOCKER_SERVICE, s).volumes, [
                {
                    name: "/var/run/docker.sock",
                    types: ["bind"],
                    hostPath: "/var/run/docker.sock",
                    readOnly: false,
                    container: "web",
                    path: "taskSpec.containerSpec.mounts[0].source",
                },
            ]);
            assert.deepStrictEqual(only(DOCKER_SERVICE, s, "sensitiveHostPath"), [
                '[sensitiveHostPath] Service "web" must not mount a container runtime socket: taskSpec.containerSpec.mounts[0].source is "/var/run/docker.sock"; use a named Docker volume or a tmpfs mount instead; read-only does not make it safe',
            ]);
        });

        it("sysctls are read at containerSpec.sysctl", () => {
            assert.deepStrictEqual(
                model(
                    DOCKER_SERVICE,
                    serviceWith((c) => (c.sysctl = { "kernel.msgmax": "65536" })),
                ).sysctls,
                [
                    {
                        name: "kernel.msgmax",
                        path: "taskSpec.containerSpec.sysctl.kernel.msgmax",
                        value: "65536",
                        valuePath: "taskSpec.containerSpec.sysctl.kernel.msgmax",
                    },
                ],
            );
        });

        it("user: root is reported at the container spec's user", () => {
            assert.deepStrictEqual(
                only(
                    DOCKER_SERVICE,
                    serviceWith((c) => (c.user = "root")),
                    "runAsUser",
                ),
                [
                    '[runAsUser] Service "web" must not run as root: taskSpec.containerSpec.user is "root"; set user to a non-root UID, e.g. "1000:1000"',
                ],
            );
        });
    });

    describe("docker.Volume", () => {
        it("a local bind: a storage-only workload with the bound host path", () => {
            const w = model(DOCKER_VOLUME, {
                name: "sock",
                driver: "local",
                driverOpts: { type: "none", o: "bind", device: "/var/run" },
                labels: [{ label: "team", value: "a" }],
            });
            assert.strictEqual(w.storageOnly, true);
            assert.strictEqual(w.name, "sock");
            assert.deepStrictEqual({ ...w.labels }, { team: "a" });
            assert.strictEqual(w.podLabels, w.labels);
            assert.deepStrictEqual(w.volumes, [
                {
                    name: "sock",
                    types: ["bind"],
                    hostPath: "/var/run",
                    readOnly: false,
                    path: "driverOpts.device",
                    how: "local-driver-bind",
                },
            ]);
            assert.deepStrictEqual(w.containers, []);
        });

        // [driver, o, device, binds?]
        const cases: Array<[string | undefined, string | undefined, string | undefined, boolean]> = [
            [undefined, "bind", "/etc", true],
            ["", "bind", "/etc", true],
            ["  ", "bind", "/etc", true],
            ["local", "bind", "/etc", true],
            [" Local ", "bind", "/etc", true],
            ["LOCAL", "bind", "/etc", true],
            ["local", "rbind", "/etc", true],
            ["local", "ro,bind", "/etc", true],
            ["local", "nodev, RBIND ", "/etc", true],
            ["nfs", "bind", "/etc", false],
            ["local", undefined, "/etc", false],
            ["local", "", "/etc", false],
            ["local", "addr=10.0.0.1,rw", "/etc", false],
            ["local", "bindx", "/etc", false],
            ["local", "bind", undefined, false],
        ];
        for (const [driver, o, device, binds] of cases) {
            it(`driver ${JSON.stringify(driver)}, o=${JSON.stringify(o)}, device=${JSON.stringify(device)}: ${binds ? "binds /etc" : "binds nothing"}`, () => {
                const driverOpts: Obj = { type: "none" };
                if (o !== undefined) driverOpts.o = o;
                if (device !== undefined) driverOpts.device = device;
                const v = model(DOCKER_VOLUME, { name: "v", driver, driverOpts }).volumes;
                assert.deepStrictEqual(
                    v.map((x) => x.hostPath),
                    binds ? ["/etc"] : [],
                );
                assert.strictEqual(violations(DOCKER_VOLUME, { name: "v", driver, driverOpts }).length, binds ? 1 : 0);
                // The same options on a container's volume mount.
                const m = containerModel({
                    mounts: [
                        {
                            type: "volume",
                            source: "v",
                            target: "/v",
                            volumeOptions: { driverName: driver, driverOptions: driverOpts },
                        },
                    ],
                }).volumes;
                assert.deepStrictEqual(
                    m.map((x) => x.hostPath),
                    binds ? ["/etc"] : [undefined],
                );
            });
        }

        // Issue 22 turned this round: the volume is the host's disk, a host device (it was passed as "no bind").
        it("a block device formatted and mounted by the local driver is no bind, but a host device", () => {
            assert.deepStrictEqual(
                judge(DOCKER_VOLUME, { name: "disk", driverOpts: { type: "ext4", device: "/dev/sdb1" } }).map(
                    (d) => d.check,
                ),
                ["hostDevices"],
            );
        });

        it("its labels carry in-code exemptions for its own finding", () => {
            const props = {
                name: "sock",
                driverOpts: { type: "none", o: "bind", device: "/var/run" },
                labels: [
                    { label: "isolation-guard.io/exempt", value: "sensitiveHostPath" },
                    { label: "isolation-guard.io/exempt-reason", value: "node agent" },
                    { label: "isolation-guard.io/exempt-expires", value: "2999-12-31" },
                ],
            };
            assert.strictEqual(violations(DOCKER_VOLUME, props).length, 1);
            assert.deepStrictEqual(
                violations(DOCKER_VOLUME, props, { "no-sensitive-host-mounts": { allowInCodeExemptions: true } }),
                [],
            );
        });
    });

    describe("in the stack", () => {
        it("a Volume that binds nothing, mounted by name, is no finding (and no error)", () => {
            const c = { ...hardenedContainer(), mounts: [{ type: "volume", source: "data", target: "/d" }] };
            const { resource, stack } = judgeStack([
                { type: DOCKER_VOLUME, name: "data", props: { name: "data" } },
                { type: DOCKER_CONTAINER, name: "app", props: c },
            ]);
            assert.deepStrictEqual([...resource, ...stack], []);
        });

        it("only a Volume defines a named volume: a container's own bind does not, whatever its name", () => {
            const binder = {
                ...hardenedContainer(),
                name: "sock",
                volumes: [{ hostPath: "/var/run", containerPath: "/r", readOnly: true }],
            };
            const user = {
                ...hardenedContainer(),
                name: "app",
                volumes: [{ volumeName: "sock", containerPath: "/s" }],
            };
            const { stack } = judgeStack([
                { type: DOCKER_CONTAINER, name: "sock", props: binder },
                { type: DOCKER_CONTAINER, name: "app", props: user },
            ]);
            assert.deepStrictEqual(stack, []);
        });
    });
});
