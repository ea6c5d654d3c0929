// Evasion classes: each a family of spellings and placements that must be judged like the plain form.
import * as assert from "assert";
import { checkIds, judge } from "../helpers";
import { CARRIERS, DEPLOYMENT, POD, Obj, carrier, clone, hardenedPodSpec } from "../fixtures/kubernetes";
import { DOCKER_CONTAINER, DOCKER_SERVICE, hardenedContainer, hardenedService } from "../fixtures/docker";

function spec(edit: (s: Obj) => void): Obj {
    const s = hardenedPodSpec();
    edit(s);
    return s;
}
const ids = (type: string, props: Obj) => [...new Set(checkIds(type, props))];

describe("evasion: host path spelling", () => {
    const paths = [
        "//var/run/docker.sock",
        "/var/run/",
        "/var/../var/run/docker.sock",
        "/",
        "/./etc",
        "/etc/",
        "/etc//",
        "///",
        "\\var\\run\\docker.sock",
        "/var/run/./docker.sock",
        "/var/lib/../run/containerd/containerd.sock",
        "/home/user/../../proc",
        "var/run/docker.sock",
        "/var",
        "/VAR/RUN/Docker.Sock",
        "/srv/anything/podman.sock",
        "/var/run/docker.sock/",
        "/run/../..",
    ];
    for (const p of paths) {
        it(`Kubernetes hostPath ${JSON.stringify(p)}`, () => {
            const props = DEPLOYMENT.wrap(spec((s) => s.volumes.push({ name: "h", hostPath: { path: p } })));
            assert.ok(ids(DEPLOYMENT.type, props).includes("sensitiveHostPath"), p);
        });
        it(`Docker bind source and volume hostPath ${JSON.stringify(p)}`, () => {
            const a = { ...hardenedContainer(), mounts: [{ type: "bind", source: p, target: "/x" }] };
            const b = { ...hardenedContainer(), volumes: [{ hostPath: p, containerPath: "/x", readOnly: true }] };
            const c = {
                ...hardenedContainer(),
                mounts: [
                    {
                        type: "volume",
                        source: "v",
                        target: "/x",
                        volumeOptions: { driverOptions: { type: "none", o: "bind", device: p } },
                    },
                ],
            };
            for (const x of [a, b, c])
                assert.ok(
                    ids(DOCKER_CONTAINER, x).includes("sensitiveHostPath"),
                    `${p}: ${JSON.stringify(judge(DOCKER_CONTAINER, x).map((d) => d.message))}`,
                );
        });
    }
    it("a look-alike outside the sensitive set is allowed (no over-match)", () => {
        for (const p of ["/var/runner", "/data/app", "/etcetera", "/srv/docker.sock.bak"]) {
            const props = DEPLOYMENT.wrap(spec((s) => s.volumes.push({ name: "h", hostPath: { path: p } })));
            assert.ok(!ids(DEPLOYMENT.type, props).includes("sensitiveHostPath"), p);
        }
    });
});

describe("evasion: capability spelling", () => {
    const adds = [
        "cap_sys_admin",
        "CAP_SYS_ADMIN",
        " sys_admin",
        "SYS_ADMIN ",
        "Sys_Admin",
        "\tSYS_ADMIN\n",
        "cap_SYS_admin",
    ];
    for (const a of adds) {
        it(`add ${JSON.stringify(a)} is SYS_ADMIN (Kubernetes and Docker)`, () => {
            const k = DEPLOYMENT.wrap(spec((s) => (s.containers[0].securityContext.capabilities.add = [a])));
            assert.ok(ids(DEPLOYMENT.type, k).includes("capabilities_restricted"), a);
            const d = { ...hardenedContainer(), capabilities: { drops: ["ALL"], adds: [a] } };
            assert.ok(ids(DOCKER_CONTAINER, d).includes("capabilities_restricted"), a);
            const base = judge(DEPLOYMENT.type, k, {
                "drop-capabilities": { checks: { capabilities_restricted: false, capabilities_baseline: true } },
            });
            assert.ok(
                base.some((x) => x.check === "capabilities_baseline"),
                a,
            );
        });
    }
    for (const all of ["ALL", "all", " All ", "CAP_ALL", "cap_all"]) {
        it(`add ${JSON.stringify(all)} is always a violation; drop ${JSON.stringify(all)} counts as dropping ALL`, () => {
            const k = DEPLOYMENT.wrap(spec((s) => (s.containers[0].securityContext.capabilities.add = [all])));
            assert.ok(ids(DEPLOYMENT.type, k).includes("capabilities_restricted"), all);
            const allowed = judge(DEPLOYMENT.type, k, {
                "drop-capabilities": { allowedCapabilities: ["ALL", "NET_BIND_SERVICE"] },
            });
            assert.ok(
                allowed.some((x) => x.check === "capabilities_restricted"),
                `${all} allowed by config`,
            );
            const dropped = DEPLOYMENT.wrap(
                spec((s) => (s.containers[0].securityContext.capabilities = { drop: [all] })),
            );
            assert.ok(!ids(DEPLOYMENT.type, dropped).includes("capabilities_restricted"), all);
        });
    }
    it("duplicates and an allowed value beside a forbidden one", () => {
        const k = DEPLOYMENT.wrap(
            spec(
                (s) =>
                    (s.containers[0].securityContext.capabilities.add = [
                        "NET_BIND_SERVICE",
                        "NET_BIND_SERVICE",
                        "net_raw",
                        "NET_RAW",
                    ]),
            ),
        );
        const ds = judge(DEPLOYMENT.type, k).filter((d) => d.check === "capabilities_restricted");
        assert.strictEqual(ds.length, 1);
        assert.ok(ds[0].message.includes("net_raw"), ds[0].message);
    });
    it("dropping ALL in a duplicate-laden list with junk still counts; missing ALL does not", () => {
        const ok = DEPLOYMENT.wrap(
            spec((s) => (s.containers[0].securityContext.capabilities = { drop: ["NET_RAW", "ALL", "ALL"] })),
        );
        assert.ok(!ids(DEPLOYMENT.type, ok).includes("capabilities_restricted"));
        const bad = DEPLOYMENT.wrap(
            spec((s) => (s.containers[0].securityContext.capabilities = { drop: ["NET_RAW", "SYS_ADMIN", "ALLL"] })),
        );
        assert.ok(ids(DEPLOYMENT.type, bad).includes("capabilities_restricted"));
    });
});

describe("evasion: patch resources", () => {
    for (const type of [
        "kubernetes:apps/v1:DeploymentPatch",
        "kubernetes:core/v1:PodPatch",
        "kubernetes:batch/v1:CronJobPatch",
        "kubernetes:apps/v1:DaemonSetPatch",
    ]) {
        const c = carrier(type);
        it(`${type}: a patch that only sets privileged: true is rejected`, () => {
            const props = c.wrap({ containers: [{ name: "app", securityContext: { privileged: true } }] });
            assert.ok(ids(type, props).includes("privileged"));
        });
        it(`${type}: a patch that adds SYS_ADMIN or mounts the runtime socket is rejected`, () => {
            const props = c.wrap({
                containers: [{ name: "app", securityContext: { capabilities: { add: ["SYS_ADMIN"] } } }],
                volumes: [{ name: "s", hostPath: { path: "/run/containerd/containerd.sock" } }],
            });
            const got = ids(type, props);
            assert.ok(got.includes("capabilities_restricted") && got.includes("sensitiveHostPath"), got.join());
        });
        it(`${type}: a patch that turns on hostPID is rejected; one that leaves the spec alone is not`, () => {
            assert.ok(ids(type, c.wrap({ hostPID: true })).includes("hostNamespaces"));
            assert.deepStrictEqual(ids(type, c.wrap({ containers: [{ name: "app", image: "nginx:1.28" }] })), []);
        });
    }
});

describe("evasion: init and ephemeral containers", () => {
    for (const list of ["initContainers", "ephemeralContainers"]) {
        it(`${list}: privileged, capabilities, host ports and mount propagation are judged`, () => {
            const props = POD.wrap(
                spec((s) => {
                    s[list] = [
                        {
                            name: "sneaky",
                            image: "busybox",
                            ports: [{ containerPort: 1, hostPort: 22 }],
                            volumeMounts: [{ name: "cache", mountPath: "/c", mountPropagation: "Bidirectional" }],
                            securityContext: { privileged: true, capabilities: { add: ["SYS_PTRACE"] } },
                        },
                    ];
                }),
            );
            const got = ids(POD.type, props);
            for (const want of ["privileged", "capabilities_restricted", "hostPorts", "mountPropagation"])
                assert.ok(got.includes(want), `${want} in ${got.join()}`);
            assert.ok(judge(POD.type, props).some((d) => d.message.includes(`spec.${list}[0]`)));
        });
    }
});

describe("evasion: CronJob nesting and beta apiVersions", () => {
    const nested = CARRIERS.filter((c) => /CronJob|v1beta|v1alpha|v2alpha/.test(c.type));
    it("covers every beta or CronJob carrier the provider has", () =>
        assert.ok(nested.length >= 9, String(nested.length)));
    for (const c of nested) {
        it(`${c.type}: privileged deep in ${c.specPath} is rejected with the full path`, () => {
            const props = c.wrap(spec((s) => (s.containers[0].securityContext.privileged = true)));
            const ds = judge(c.type, props).filter((d) => d.check === "privileged");
            assert.strictEqual(ds.length, 1);
            assert.ok(ds[0].message.includes(`${c.specPath}.containers[0].securityContext.privileged`), ds[0].message);
        });
    }
    it("a CronJobList item and a PodList item are judged", () => {
        const cron = carrier("kubernetes:batch/v1:CronJob");
        const list = { items: [cron.wrap(hardenedPodSpec()), cron.wrap(spec((s) => (s.hostNetwork = true)))] };
        assert.ok(ids("kubernetes:batch/v1:CronJobList", list).includes("hostNamespaces"));
        const pods = {
            items: [
                POD.wrap(hardenedPodSpec()),
                POD.wrap(spec((s) => (s.containers[0].securityContext.privileged = true))),
            ],
        };
        assert.ok(ids("kubernetes:core/v1:PodList", pods).includes("privileged"));
    });
});

describe("evasion: values hidden in lists with duplicates", () => {
    it("a second container with the same name is judged on its own", () => {
        const props = POD.wrap(
            spec((s) =>
                s.containers.push({
                    ...clone(s.containers[0]),
                    securityContext: { ...clone(s.containers[0].securityContext), privileged: true },
                }),
            ),
        );
        assert.ok(ids(POD.type, props).includes("privileged"));
    });
    it("a volume name used twice (emptyDir, then hostPath) is judged by its source, not its name", () => {
        const props = POD.wrap(spec((s) => s.volumes.push({ name: "cache", hostPath: { path: "/var/lib/kubelet" } })));
        assert.ok(ids(POD.type, props).includes("sensitiveHostPath"));
    });
    it("a read-only-prefix allowance is not bought by a same-named read-only mount", () => {
        const props = POD.wrap(
            spec((s) => {
                s.volumes.push({ name: "logs", hostPath: { path: "/var/log" } }, { name: "logs", emptyDir: {} });
                s.containers[0].volumeMounts.push({ name: "logs", mountPath: "/l", readOnly: true });
                s.initContainers[0].volumeMounts = [{ name: "logs", mountPath: "/l" }];
            }),
        );
        const config = {
            "no-sensitive-host-mounts": {
                sensitiveHostPaths: ["/var/log"],
                allowedHostPaths: [{ pathPrefix: "/var/log", readOnly: true }],
            },
        };
        assert.ok(checkIds(POD.type, props, config).includes("sensitiveHostPath"));
    });
    it("a forbidden capability after many allowed ones, and hostPort after many zero ports", () => {
        const props = POD.wrap(
            spec((s) => {
                s.containers[0].securityContext.capabilities.add = [...new Array(500).fill("NET_BIND_SERVICE"), "BPF"];
                s.containers[0].ports = [
                    ...Array.from({ length: 300 }, (_, i) => ({ containerPort: 1000 + i, hostPort: 0 })),
                    { containerPort: 9, hostPort: 9 },
                ];
            }),
        );
        const got = ids(POD.type, props);
        assert.ok(got.includes("capabilities_restricted") && got.includes("hostPorts"), got.join());
    });
    it("Docker: a bind among many volumes, a device among devices, host mode among networks", () => {
        const c = {
            ...hardenedContainer(),
            mounts: [
                ...Array.from({ length: 50 }, (_, i) => ({ type: "volume", source: `v${i}`, target: `/v${i}` })),
                { type: "BIND", source: "/", target: "/host" },
            ],
        };
        assert.ok(ids(DOCKER_CONTAINER, c).includes("sensitiveHostPath"));
        const svc = hardenedService();
        svc.taskSpec.networksAdvanceds = [{ name: "frontend" }, { name: "frontend" }, { name: " Host " }];
        assert.ok(ids(DOCKER_SERVICE, svc).includes("hostNamespaces"));
    });
});

describe("evasion: tenancy labels with odd case or whitespace (multi-tenant-isolation)", () => {
    const values = [
        "multi-tenant",
        "Multi-Tenant",
        " multi-tenant",
        "multi-tenant ",
        "MULTI-TENANT",
        "\tmulti-tenant\n",
    ];
    for (const v of values) {
        it(`tenancy=${JSON.stringify(v)} on the pod template still requires a sandbox`, () => {
            const props = DEPLOYMENT.wrap(hardenedPodSpec(), { labels: { tenancy: v } });
            assert.ok(ids(DEPLOYMENT.type, props).includes("sandboxedRuntime"), v);
            const sandboxed = DEPLOYMENT.wrap(
                spec((s) => (s.runtimeClassName = "gvisor")),
                { labels: { tenancy: v } },
            );
            assert.ok(!ids(DEPLOYMENT.type, sandboxed).includes("sandboxedRuntime"), v);
        });
        it(`tenancy=${JSON.stringify(v)} on a Docker container requires a sandboxed runtime`, () => {
            const c = { ...hardenedContainer(), labels: [{ label: "tenancy", value: v }] };
            assert.ok(ids(DOCKER_CONTAINER, c).includes("sandboxedRuntime"), v);
        });
    }
    it("a runtime class spelled with odd case or whitespace is not silently trusted as a sandbox", () => {
        for (const rc of ["GVISOR ", " Kata", "runc"]) {
            const props = DEPLOYMENT.wrap(
                spec((s) => (s.runtimeClassName = rc)),
                { labels: { tenancy: "multi-tenant" } },
            );
            const ds = judge(DEPLOYMENT.type, props).filter((d) => d.check === "sandboxedRuntime");
            assert.ok(ds.length >= 1, `${rc} passed as a sandbox`);
        }
    });
});
