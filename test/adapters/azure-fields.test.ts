// Pins for the Azure adapter found by mutation testing, one row per field it reads: where the value lands in the
// workload model, the issue a malformed or unknown value leaves (kind, the field that decides which checks see it,
// the path a finding names, the container), and the verdict where the field decides one.
import * as assert from "assert";
import { sandboxSettingOf, toWorkloads } from "../../adapters";
import { azureKind } from "../../adapters/azure";
import { Container, Workload } from "../../model/workload";
import { checkIds, judge, judgeStack } from "../helpers";
import { UNKNOWN } from "../harness/engine";

const ACI = "azure-native:containerinstance:ContainerGroup";
const AGENT_POOL = "azure-native:containerservice:AgentPool";
const AKS = "azure-native:containerservice:ManagedCluster";
const VM = "azure-native:compute:VirtualMachine";
const MULTI_TENANT = { tenancy: "multi-tenant" };

type Props = Record<string, unknown>;
type Issue = [kind: string, field: string, path: string, container?: string];

function issuesOf(w: Workload): Issue[] {
    return w.issues.map((i): Issue =>
        i.container === undefined ? [i.kind, i.field, i.path] : [i.kind, i.field, i.path, i.container],
    );
}

function one(type: string, props: Props, name = "res"): Workload {
    const ws = toWorkloads(type, name, props);
    assert.strictEqual(ws.length, 1, JSON.stringify(ws.map((w) => w.name)));
    return ws[0];
}

function plain(m: Record<string, string> | undefined): Record<string, string> {
    return { ...m };
}

/** A container group with one container "web" whose own fields are `c`. */
function group(c: Props, extra: Props = {}): Props {
    return { containerGroupName: "grp", containers: [{ name: "web", image: "x", ...c }], ...extra };
}

function sc(securityContext: unknown): Props {
    return group({ securityContext });
}

describe("Azure adapter (pinned)", () => {
    describe("type tokens: the five kinds, any API version, nothing else", () => {
        const rows: Array<[string, string | undefined]> = [
            [ACI, "ContainerGroup"],
            ["azure-native:containerinstance/v20230501:ContainerGroup", "ContainerGroup"],
            [AGENT_POOL, "AgentPool"],
            ["azure-native:containerservice/v20240901preview:AgentPool", "AgentPool"],
            [AKS, "ManagedCluster"],
            [VM, "VirtualMachine"],
            ["azure-native:compute/v20240301:VirtualMachine", "VirtualMachine"],
            ["azure-native:compute:VirtualMachine2", undefined],
            ["azure-native:compute:VirtualMachine/x", undefined],
            // Read since scale sets are judged for tenants as VMs are (was: not read).
            ["azure-native:compute:VirtualMachineScaleSet", "VirtualMachineScaleSet"],
            ["azure-native:compute:VirtualMachineScaleSetVM", undefined],
            ["azure-native:network:azure-native:compute:VirtualMachine", undefined],
            ["x-azure-native:compute:VirtualMachine", undefined],
            ["azure-native:compute/2024:VirtualMachine", undefined],
        ];
        for (const [type, kind] of rows) {
            it(`${type} → ${kind ?? "not read"}`, () => {
                assert.strictEqual(azureKind(type), kind);
                const ws = toWorkloads(type, "r", kind === "ManagedCluster" ? { agentPoolProfiles: [{}] } : {});
                assert.deepStrictEqual(
                    ws.map((w) => w.kind),
                    kind ? [kind === "ManagedCluster" ? "AgentPool" : kind] : [],
                );
            });
        }
    });

    describe("every field a malformed value can hide in leaves an issue naming its field and path", () => {
        // [what, type, props, workload names, issues of each workload]
        const rows: Array<[string, string, Props, string[], Issue[]]> = [
            ["pool name", AGENT_POOL, { agentPoolName: 7 }, ["res"], [["malformed", "other", "agentPoolName"]]],
            ["pool tags", AGENT_POOL, { agentPoolName: "p", tags: 7 }, ["p"], [["malformed", "labels", "tags"]]],
            [
                "pool tag value",
                AGENT_POOL,
                { agentPoolName: "p", tags: { tenant: 7 } },
                ["p"],
                [["malformed", "labels", "tags.tenant"]],
            ],
            [
                "pool node labels",
                AGENT_POOL,
                { agentPoolName: "p", nodeLabels: 7 },
                ["p"],
                [["malformed", "labels", "nodeLabels"]],
            ],
            [
                "pool workloadRuntime",
                AGENT_POOL,
                { agentPoolName: "p", workloadRuntime: 7 },
                ["p"],
                [["malformed", "runtime", "workloadRuntime"]],
            ],
            ["pool osType", AGENT_POOL, { agentPoolName: "p", osType: 7 }, ["p"], [["malformed", "os", "osType"]]],
            [
                "cluster name (on every pool)",
                AKS,
                { resourceName: 7, agentPoolProfiles: [{ name: "a" }, { name: "b" }] },
                ["res/a", "res/b"],
                [["malformed", "other", "resourceName"]],
            ],
            [
                "cluster tags",
                AKS,
                { resourceName: "aks", tags: 7, agentPoolProfiles: [{ name: "a" }] },
                ["aks/a"],
                [["malformed", "labels", "tags"]],
            ],
            [
                "cluster profile list",
                AKS,
                { resourceName: "aks", agentPoolProfiles: 7 },
                ["aks"],
                [["malformed", "all", "agentPoolProfiles"]],
            ],
            [
                "cluster profile",
                AKS,
                { resourceName: "aks", agentPoolProfiles: ["system"] },
                ["aks/agentPoolProfiles[0]"],
                [["malformed", "all", "agentPoolProfiles[0]"]],
            ],
            [
                "profile name",
                AKS,
                { resourceName: "aks", agentPoolProfiles: [{ name: 7 }] },
                ["aks/agentPoolProfiles[0]"],
                [["malformed", "other", "agentPoolProfiles[0].name"]],
            ],
            [
                "profile tags",
                AKS,
                { resourceName: "aks", agentPoolProfiles: [{ name: "a", tags: 7 }] },
                ["aks/a"],
                [["malformed", "labels", "agentPoolProfiles[0].tags"]],
            ],
            [
                "profile node labels",
                AKS,
                { resourceName: "aks", agentPoolProfiles: [{ name: "a", nodeLabels: { tenancy: 7 } }] },
                ["aks/a"],
                [["malformed", "labels", "agentPoolProfiles[0].nodeLabels.tenancy"]],
            ],
            [
                "profile workloadRuntime",
                AKS,
                { resourceName: "aks", agentPoolProfiles: [{ name: "a", workloadRuntime: UNKNOWN }] },
                ["aks/a"],
                [["unknown", "runtime", "agentPoolProfiles[0].workloadRuntime"]],
            ],
            [
                "profile osType",
                AKS,
                { resourceName: "aks", agentPoolProfiles: [{ name: "a", osType: 7 }] },
                ["aks/a"],
                [["malformed", "os", "agentPoolProfiles[0].osType"]],
            ],
            ["VM name", VM, { vmName: 7 }, ["res"], [["malformed", "other", "vmName"]]],
            ["VM tags", VM, { vmName: "vm", tags: 7 }, ["vm"], [["malformed", "labels", "tags"]]],
            ["group name", ACI, { containerGroupName: 7 }, ["res"], [["malformed", "other", "containerGroupName"]]],
            ["group tags", ACI, { containerGroupName: "g", tags: 7 }, ["g"], [["malformed", "labels", "tags"]]],
            ["group osType", ACI, { containerGroupName: "g", osType: 7 }, ["g"], [["malformed", "os", "osType"]]],
            [
                "group containers",
                ACI,
                { containerGroupName: "g", containers: 7 },
                ["g"],
                [["malformed", "all", "containers"]],
            ],
            [
                "group init containers",
                ACI,
                { containerGroupName: "g", initContainers: "x" },
                ["g"],
                [["malformed", "all", "initContainers"]],
            ],
            [
                "a container that is not an object",
                ACI,
                { containerGroupName: "g", containers: ["web"] },
                ["g"],
                [["malformed", "all", "containers[0]"]],
            ],
            [
                "container name",
                ACI,
                { containerGroupName: "g", containers: [{ name: 7 }] },
                ["g"],
                [["malformed", "other", "containers[0].name"]],
            ],
            [
                "container image",
                ACI,
                group({ image: 7 }),
                ["grp"],
                [["malformed", "other", "containers[0].image", "web"]],
            ],
            [
                "securityContext",
                ACI,
                sc("privileged"),
                ["grp"],
                [["malformed", "all", "containers[0].securityContext", "web"]],
            ],
            [
                "privileged",
                ACI,
                sc({ privileged: "true" }),
                ["grp"],
                [["malformed", "privileged", "containers[0].securityContext.privileged", "web"]],
            ],
            [
                "allowPrivilegeEscalation",
                ACI,
                sc({ allowPrivilegeEscalation: "true" }),
                ["grp"],
                [
                    [
                        "malformed",
                        "allowPrivilegeEscalation",
                        "containers[0].securityContext.allowPrivilegeEscalation",
                        "web",
                    ],
                ],
            ],
            [
                "capabilities",
                ACI,
                sc({ capabilities: ["SYS_ADMIN"] }),
                ["grp"],
                [["malformed", "capabilities", "containers[0].securityContext.capabilities", "web"]],
            ],
            [
                "capabilities.add",
                ACI,
                sc({ capabilities: { add: "SYS_ADMIN" } }),
                ["grp"],
                [["malformed", "capabilities", "containers[0].securityContext.capabilities.add", "web"]],
            ],
            [
                "capabilities.drop",
                ACI,
                sc({ capabilities: { drop: "ALL" } }),
                ["grp"],
                [["malformed", "capabilities", "containers[0].securityContext.capabilities.drop", "web"]],
            ],
            [
                "runAsUser",
                ACI,
                sc({ runAsUser: "1000" }),
                ["grp"],
                [["malformed", "runAsUser", "containers[0].securityContext.runAsUser", "web"]],
            ],
            [
                "seccompProfile",
                ACI,
                sc({ seccompProfile: { type: "RuntimeDefault" } }),
                ["grp"],
                [["malformed", "seccomp", "containers[0].securityContext.seccompProfile", "web"]],
            ],
            [
                "volumeMounts",
                ACI,
                group({ volumeMounts: "share" }),
                ["grp"],
                [["malformed", "volumes", "containers[0].volumeMounts", "web"]],
            ],
            [
                "volumeMounts name",
                ACI,
                group({ volumeMounts: [{ name: 7 }] }),
                ["grp"],
                [["malformed", "volumes", "containers[0].volumeMounts[0].name", "web"]],
            ],
            [
                "volumeMounts readOnly",
                ACI,
                group({ volumeMounts: [{ name: "v", readOnly: "yes" }] }),
                ["grp"],
                [["malformed", "volumes", "containers[0].volumeMounts[0].readOnly", "web"]],
            ],
            [
                "volumeMounts mountPath",
                ACI,
                group({ volumeMounts: [{ name: "v", mountPath: 7 }] }),
                ["grp"],
                [["malformed", "volumes", "containers[0].volumeMounts[0].mountPath", "web"]],
            ],
            ["ports", ACI, group({ ports: 80 }), ["grp"], [["malformed", "hostPorts", "containers[0].ports", "web"]]],
            [
                "port",
                ACI,
                group({ ports: [{ port: 80 }, { port: "443" }] }),
                ["grp"],
                [["malformed", "hostPorts", "containers[0].ports[1].port", "web"]],
            ],
            ["volumes", ACI, group({}, { volumes: "share" }), ["grp"], [["malformed", "volumes", "volumes"]]],
            ["a volume", ACI, group({}, { volumes: ["share"] }), ["grp"], [["malformed", "volumes", "volumes[0]"]]],
            [
                "volume name",
                ACI,
                group({}, { volumes: [{ name: 7, emptyDir: {} }] }),
                ["grp"],
                [["malformed", "volumes", "volumes[0].name"]],
            ],
        ];
        for (const [what, type, props, names, issues] of rows) {
            it(what, () => {
                const ws = toWorkloads(type, "res", props);
                assert.deepStrictEqual(
                    ws.map((w) => w.name),
                    names,
                );
                for (const w of ws) assert.deepStrictEqual(issuesOf(w), issues, w.name);
            });
        }
    });

    describe("AKS node pools", () => {
        it("a standalone pool: named by agentPoolName, else the resource name; specPath empty", () => {
            const w = one(AGENT_POOL, { agentPoolName: "tenants", osType: "Linux" }, "res");
            assert.deepStrictEqual(
                [w.platform, w.isolation, w.type, w.kind, w.name, w.isPatch, w.specPath, w.osName],
                ["azure", "container", AGENT_POOL, "AgentPool", "tenants", false, "", "linux"],
            );
            assert.strictEqual(one(AGENT_POOL, {}, "res").name, "res");
            assert.strictEqual(one(AGENT_POOL, {}, "res").osName, undefined);
            assert.strictEqual(one(AGENT_POOL, { osType: "Windows" }).osName, "windows");
        });

        it("Kata written with spaces is still Kata; other runtimes are kept as written", () => {
            const rows: Array<[string, string]> = [
                [" KataVmIsolation ", "kata-vm-isolation"],
                ["KataMshvVmIsolation\n", "kata-mshv-vm-isolation"],
                ["OCIContainer", "OCIContainer"],
            ];
            for (const [workloadRuntime, value] of rows) {
                const props = { agentPoolName: "p", nodeLabels: MULTI_TENANT, workloadRuntime };
                assert.deepStrictEqual(one(AGENT_POOL, props).runtime, { value, path: "workloadRuntime" });
                assert.deepStrictEqual(
                    checkIds(AGENT_POOL, props),
                    value === "OCIContainer" ? ["sandboxedRuntime"] : [],
                );
            }
        });

        it("tags and node labels mark tenancy; node labels win over the pool's tags and the cluster's", () => {
            for (const key of ["tags", "nodeLabels"])
                assert.deepStrictEqual(checkIds(AGENT_POOL, { agentPoolName: "p", [key]: MULTI_TENANT }), [
                    "sandboxedRuntime",
                ]);
            const [w] = toWorkloads(AKS, "aks", {
                tags: { tenant: "cluster", team: "infra" },
                agentPoolProfiles: [{ name: "a", tags: { tenant: "pool", zone: "z" }, nodeLabels: { tenant: "node" } }],
            });
            assert.deepStrictEqual(plain(w.labels), { tenant: "node", team: "infra", zone: "z" });
        });

        it("a pool in a ManagedCluster reads its own tags, labels, runtime and osType at agentPoolProfiles[i]", () => {
            const props = {
                resourceName: "aks",
                agentPoolProfiles: [
                    { name: "system" },
                    { name: "tenants", tags: MULTI_TENANT, osType: "Linux" },
                    { name: "kata", nodeLabels: MULTI_TENANT, workloadRuntime: "KataVmIsolation" },
                ],
            };
            const ws = toWorkloads(AKS, "res", props);
            assert.deepStrictEqual(
                ws.map((w) => [w.kind, w.name, w.specPath, w.runtime, w.osName]),
                [
                    ["AgentPool", "aks/system", "agentPoolProfiles[0]", undefined, undefined],
                    ["AgentPool", "aks/tenants", "agentPoolProfiles[1]", undefined, "linux"],
                    [
                        "AgentPool",
                        "aks/kata",
                        "agentPoolProfiles[2]",
                        { value: "kata-vm-isolation", path: "agentPoolProfiles[2].workloadRuntime" },
                        undefined,
                    ],
                ],
            );
            const ds = judge(AKS, props);
            assert.deepStrictEqual(
                ds.map((d) => d.check),
                ["sandboxedRuntime"],
            );
            assert.ok(ds[0].message.includes('AgentPool "aks/tenants"'), ds[0].message);
            assert.ok(ds[0].message.includes(": agentPoolProfiles[1].workloadRuntime is unset;"), ds[0].message);
            assert.strictEqual(
                toWorkloads(AKS, "res", { agentPoolProfiles: [{}] })[0].name,
                "res/agentPoolProfiles[0]",
            );
        });

        it("a profile that is not an object is reported as uninterpretable on every check, not judged as a bare pool", () => {
            const ds = judge(AKS, { resourceName: "aks", tags: MULTI_TENANT, agentPoolProfiles: ["tenants"] });
            assert.ok(ds.length > 1);
            for (const d of ds)
                assert.ok(
                    d.message.includes(
                        'cannot interpret, which is treated as a violation: agentPoolProfiles[0] is "tenants"',
                    ),
                );
        });

        it("a cluster without profiles maps to nothing, whatever its tags", () => {
            assert.deepStrictEqual(toWorkloads(AKS, "aks", { resourceName: "aks", tags: MULTI_TENANT }), []);
            assert.deepStrictEqual(toWorkloads(AKS, "aks", { tags: MULTI_TENANT, agentPoolProfiles: [] }), []);
        });

        it("a cluster whose profiles are unknown at preview reports them on a ManagedCluster workload", () => {
            const props = { resourceName: "aks", agentPoolProfiles: UNKNOWN };
            const w = one(AKS, props);
            assert.deepStrictEqual(
                [w.platform, w.isolation, w.type, w.kind, w.name, w.isPatch, w.specPath, issuesOf(w)],
                [
                    "azure",
                    "container",
                    AKS,
                    "ManagedCluster",
                    "aks",
                    false,
                    "",
                    [["unknown", "all", "agentPoolProfiles"]],
                ],
            );
            assert.deepStrictEqual(
                judge(AKS, props).map((d) => [d.check, d.advisory, d.message]),
                [
                    [
                        "unknownValues",
                        true,
                        '[unknownValues] ManagedCluster "aks" has values unknown at preview; they will be judged at update: agentPoolProfiles',
                    ],
                ],
            );
        });
    });

    describe("virtual machines", () => {
        it("named by vmName, else the resource name; a VM with its tags", () => {
            const w = one(VM, { vmName: "vm1", tags: { tenant: "acme" } }, "res");
            assert.deepStrictEqual(
                [w.platform, w.isolation, w.type, w.kind, w.name, w.isPatch, w.specPath, plain(w.labels)],
                ["azure", "vm", VM, "VirtualMachine", "vm1", false, "", { tenant: "acme" }],
            );
            assert.strictEqual(one(VM, {}, "res").name, "res");
        });
    });

    describe("Container Instances groups", () => {
        it("the group: named by containerGroupName, else the resource name; its tags; osType lower-cased", () => {
            const w = one(ACI, { containerGroupName: "grp", tags: { tenant: "acme" }, osType: "Linux" }, "res");
            assert.deepStrictEqual(
                [w.platform, w.isolation, w.type, w.kind, w.name, w.isPatch, w.specPath, plain(w.labels), w.osName],
                ["azure", "vm", ACI, "ContainerGroup", "grp", false, "", { tenant: "acme" }, "linux"],
            );
            assert.strictEqual(one(ACI, {}, "res").name, "res");
            assert.strictEqual(one(ACI, {}, "res").osName, undefined);
        });

        it("a Windows group is exempt from capabilities_restricted, as a Windows pod is; a Linux one is not", () => {
            const c = { securityContext: { privileged: false, runAsUser: 1000 } };
            for (const [osType, expected] of [
                ["Windows", []],
                ["windows", []],
                ["Linux", ["capabilities_restricted"]],
                [undefined, ["capabilities_restricted"]],
            ] as const)
                assert.deepStrictEqual(checkIds(ACI, group(c, { osType })), expected, String(osType));
        });

        it("maps a container's fields onto the model, at containers[i] and initContainers[i]", () => {
            const w = one(
                ACI,
                group(
                    {
                        securityContext: {
                            privileged: true,
                            allowPrivilegeEscalation: false,
                            capabilities: { add: ["NET_ADMIN"], drop: ["ALL"] },
                            runAsUser: 1000,
                            seccompProfile: Buffer.from('{"defaultAction":"SCMP_ACT_ERRNO"}').toString("base64"),
                        },
                        ports: [{ port: 80, protocol: "TCP" }],
                        volumeMounts: [{ name: "share", mountPath: "/data", readOnly: true }],
                    },
                    { initContainers: [{ name: "init", image: "i" }] },
                ),
            );
            const sp = "containers[0].securityContext";
            const expected: Container[] = [
                {
                    name: "init",
                    role: "initContainer",
                    image: "i",
                    path: "initContainers[0]",
                    security: {
                        path: "initContainers[0].securityContext",
                        paths: {
                            privileged: "initContainers[0].securityContext.privileged",
                            allowPrivilegeEscalation: "initContainers[0].securityContext.allowPrivilegeEscalation",
                            capAdd: "initContainers[0].securityContext.capabilities.add",
                            capDrop: "initContainers[0].securityContext.capabilities.drop",
                        },
                        privileged: undefined,
                        allowPrivilegeEscalation: undefined,
                        capAdd: undefined,
                        capDrop: undefined,
                        runAsUser: undefined,
                    },
                    ports: [],
                    hostReferences: [],
                    mounts: [],
                },
                {
                    name: "web",
                    role: "container",
                    image: "x",
                    path: "containers[0]",
                    security: {
                        path: sp,
                        paths: {
                            privileged: `${sp}.privileged`,
                            allowPrivilegeEscalation: `${sp}.allowPrivilegeEscalation`,
                            capAdd: `${sp}.capabilities.add`,
                            capDrop: `${sp}.capabilities.drop`,
                        },
                        privileged: true,
                        allowPrivilegeEscalation: false,
                        capAdd: ["NET_ADMIN"],
                        capDrop: ["ALL"],
                        runAsUser: 1000,
                        seccompProfile: {
                            type: "Localhost",
                            localhostProfile: "(inline)",
                            defaultAction: "SCMP_ACT_ERRNO",
                            path: `${sp}.seccompProfile`,
                        },
                    },
                    ports: [{ containerPort: 80, path: "containers[0].ports[0]" }],
                    hostReferences: [],
                    mounts: [
                        { volume: "share", mountPath: "/data", readOnly: true, path: "containers[0].volumeMounts[0]" },
                    ],
                },
            ];
            assert.deepStrictEqual(w.containers, expected);
            assert.deepStrictEqual(w.issues, []);
        });

        it("a container without a name is named by its path", () => {
            const w = one(ACI, { containers: [{ image: "x" }] });
            assert.deepStrictEqual(
                w.containers.map((c) => [c.name, c.path]),
                [["containers[0]", "containers[0]"]],
            );
        });

        it("volumes: their source types, and read-only only when every mount of them is", () => {
            const props = {
                containers: [
                    {
                        name: "a",
                        volumeMounts: [
                            { name: "ro", readOnly: true },
                            { name: "mixed", readOnly: true },
                        ],
                    },
                    {
                        name: "b",
                        volumeMounts: [
                            { name: "mixed", readOnly: false },
                            { name: "rw" },
                            { name: "ro", readOnly: true },
                        ],
                    },
                ],
                volumes: [
                    { name: "ro", azureFile: { shareName: "s" } },
                    { name: "mixed", emptyDir: {}, secret: null },
                    { name: "rw", gitRepo: { repository: "r" }, azureFile: undefined },
                    { name: "unmounted", secret: { k: "dg==" } },
                    { emptyDir: {} },
                ],
            };
            const w = one(ACI, props);
            assert.deepStrictEqual(w.volumes, [
                { name: "ro", types: ["azureFile"], readOnly: true, path: "volumes[0]" },
                { name: "mixed", types: ["emptyDir"], readOnly: false, path: "volumes[1]" },
                { name: "rw", types: ["gitRepo"], readOnly: false, path: "volumes[2]" },
                { name: "unmounted", types: ["secret"], readOnly: true, path: "volumes[3]" },
                { name: "", types: ["emptyDir"], readOnly: true, path: "volumes[4]" },
            ]);
            assert.deepStrictEqual(
                w.containers[1].mounts.map((m) => [m.volume, m.readOnly]),
                [
                    ["mixed", false],
                    ["rw", undefined],
                    ["ro", true],
                ],
            );
        });

        it("a mount without a name mounts the volume without a name", () => {
            const w = one(ACI, {
                containers: [{ name: "a", volumeMounts: [{ mountPath: "/m" }] }],
                volumes: [{ emptyDir: {} }],
            });
            assert.deepStrictEqual(w.containers[0].mounts, [
                { volume: "", mountPath: "/m", readOnly: undefined, path: "containers[0].volumeMounts[0]" },
            ]);
            assert.strictEqual(w.volumes[0].readOnly, false);
        });

        it("an unreadable container list, container or securityContext fails every container check, never passes", () => {
            for (const props of [
                { containerGroupName: "g", containers: "web" },
                { containerGroupName: "g", containers: ["web"] },
                sc("privileged"),
            ]) {
                const ids = checkIds(ACI, props);
                for (const id of ["privileged", "allowPrivilegeEscalation", "capabilities_restricted", "runAsNonRoot"])
                    assert.ok(ids.includes(id), `${JSON.stringify(props)}: ${ids.join(",")}`);
                for (const d of judge(ACI, props)) assert.ok(d.message.includes("cannot interpret"), d.message);
            }
        });

        it("each malformed security field fails its own check as uninterpretable", () => {
            const rows: Array<[Props, string]> = [
                [{ privileged: "true" }, "privileged"],
                [{ allowPrivilegeEscalation: "true" }, "allowPrivilegeEscalation"],
                [{ capabilities: "ALL" }, "capabilities_restricted"],
                [{ runAsUser: "0" }, "runAsUser"],
                [{ seccompProfile: 1 }, "seccompProfile_baseline"],
            ];
            const hardened = {
                privileged: false,
                allowPrivilegeEscalation: false,
                capabilities: { drop: ["ALL"] },
                runAsUser: 1000,
            };
            assert.deepStrictEqual(checkIds(ACI, sc(hardened)), []);
            for (const [bad, check] of rows) {
                const ds = judge(ACI, sc({ ...hardened, ...bad }));
                assert.ok(
                    ds.some((d) => d.check === check && d.message.includes("cannot interpret")),
                    `${check}: ${ds.map((d) => d.message).join("\n")}`,
                );
            }
        });

        it("container ports are not host ports: no hostPorts finding; a malformed port is uninterpretable", () => {
            assert.deepStrictEqual(
                judge(ACI, group({ ports: [{ port: 80 }, { port: 8080 }] })).filter((d) => d.check === "hostPorts"),
                [],
            );
            assert.ok(checkIds(ACI, group({ ports: [{ port: "80" }] })).includes("hostPorts"));
        });

        it("a malformed volume list is uninterpretable for the volume checks", () => {
            assert.ok(checkIds(ACI, group({}, { volumes: "share" })).includes("sensitiveHostPath"));
            assert.ok(checkIds(ACI, group({ volumeMounts: "share" })).includes("sensitiveHostPath"));
        });
    });

    it("only an AKS pool names workloadRuntime as its sandbox setting", () => {
        const fix =
            "set workloadRuntime to KataVmIsolation (AKS pod sandboxing) and give the tenants' pods runtimeClassName kata-vm-isolation, or give each tenant its own node pool";
        assert.deepStrictEqual(sandboxSettingOf(one(AGENT_POOL, {})), { field: "workloadRuntime", fix });
        assert.deepStrictEqual(sandboxSettingOf(one(AKS, { agentPoolProfiles: [{}] })), {
            field: "agentPoolProfiles[0].workloadRuntime",
            fix,
        });
        for (const w of [one(AKS, { agentPoolProfiles: UNKNOWN }), one(ACI, {}), one(VM, {})])
            assert.strictEqual(sandboxSettingOf(w), undefined, w.kind);
    });

    it("one group or VM tagged for two tenants is tenantSharedHost", () => {
        for (const [type, props] of [
            [ACI, { containerGroupName: "g", tags: { tenant: "a,b" } }],
            [VM, { vmName: "g", tags: { tenant: "a, b" } }],
        ] as const) {
            const { stack } = judgeStack([{ type, name: "g", props }]);
            assert.deepStrictEqual(
                stack.map((d) => d.check),
                ["tenantSharedHost"],
            );
        }
    });
});
