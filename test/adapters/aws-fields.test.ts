// Every field the AWS adapter reads, pinned one row at a time (the mutation run's work list for adapters/aws.ts): set
// dangerously, each is reported under its check ID at its exact path (inside the JSON documents too); set safely, it
// passes; unknown at preview, it is deferred naming its path; of the wrong shape, it is a violation naming its path.
import { EC2_IMDS_HOP_LIMIT, EC2_IMDS_HTTP_TOKENS } from "../../data/platformDefaults";
import * as assert from "assert";
import { toWorkloads } from "../../adapters";
import { fargateProfileSelectors, memberOfAttributes } from "../../adapters/aws";
import { Workload } from "../../model/workload";
import { judge, judgeStack } from "../helpers";
import { hardenedPodSpec } from "../fixtures/kubernetes";
import {
    FARGATE_PROFILE,
    INSTANCE,
    JOB_DEFINITION,
    LAUNCH_TEMPLATE,
    Props,
    TASK_DEFINITION,
    ECS_SERVICE,
    hardenedContainerDefinition,
} from "../fixtures/aws";
import { UNKNOWN } from "../harness/engine";

const AWSX_FARGATE_SERVICE = "awsx:ecs:FargateService";
const AWSX_EC2_SERVICE = "awsx:ecs:EC2Service";
const AWSX_FARGATE_TASK_DEFINITION = "awsx:ecs:FargateTaskDefinition";
const AWSX_EC2_TASK_DEFINITION = "awsx:ecs:EC2TaskDefinition";

const MULTI_TENANT = { tenancy: "multi-tenant" };
/** Multi-tenant and of tenant acme: a memberOf pin proves isolation only to the workload's own tenant. */
const ACME_MULTI_TENANT = { ...MULTI_TENANT, tenant: "acme" };

/**
 * What the pack reports, one line per diagnostic: `check(container) path` for a finding (the path its message names:
 * `…: <path> is <value>; …`), `advisory …` for an advisory one, `note p1, p2` for the unknown-values note.
 */
function seen(type: string, props: Props, config = {}): string[] {
    return judge(type, props, config)
        .map((d) => {
            if (d.check === "unknownValues") return `note ${d.message.slice(d.message.lastIndexOf(": ") + 2)}`;
            const path = /: (\S+) is /.exec(d.message)?.[1] ?? "-";
            return `${d.advisory ? "advisory " : ""}${d.check}${d.container ? `(${d.container})` : ""} ${path}`;
        })
        .sort();
}

function workload(type: string, props: Props): Workload {
    const ws = toWorkloads(type, "res", props);
    assert.strictEqual(ws.length, 1, `${type}: ${ws.length} workloads`);
    return ws[0];
}

/** An ECS task definition on EC2 with the given container definitions (hardened unless given) and task fields. */
function task(extra: Props = {}, containers: Props[] = [hardenedContainerDefinition()]): Props {
    return {
        family: "t",
        requiresCompatibilities: ["EC2"],
        containerDefinitions: JSON.stringify(containers),
        ...extra,
    };
}

/** A task definition that fails sandboxedRuntime (multi-tenant on EC2) unless something confines it. */
function tenantTask(extra: Props = {}): Props {
    return task({ tags: ACME_MULTI_TENANT, ...extra });
}

describe("AWS adapter, field by field", () => {
    describe("memberOf expressions", () => {
        const tenant = (value: string) => [{ name: "tenant", value, path: "p" }];
        const rows: Array<[string, Array<{ name: string; value: string; path: string }>]> = [
            ["attribute:tenant == acme", tenant("acme")],
            ["attribute:tenant==acme", tenant("acme")],
            ["attribute:tenant = acme", tenant("acme")],
            ["attribute:tenant == 'acme'", tenant("acme")],
            ['attribute:tenant == "acme"', tenant("acme")],
            ["(attribute:tenant == acme)", tenant("acme")],
            ["( attribute:tenant == acme )", tenant("acme")],
            ["(attribute:tenant == acme) ", tenant("acme")],
            ["  attribute:tenant == acme", tenant("acme")],
            [
                "attribute:team == door and attribute:tenant == acme",
                [
                    { name: "team", value: "door", path: "p" },
                    { name: "tenant", value: "acme", path: "p" },
                ],
            ],
            [
                "attribute:tenant == acme AND attribute:os == oracle",
                [
                    { name: "tenant", value: "acme", path: "p" },
                    { name: "os", value: "oracle", path: "p" },
                ],
            ],
            [
                "attribute:tenant == acme && attribute:ecs.os-type == linux",
                [
                    { name: "tenant", value: "acme", path: "p" },
                    { name: "ecs.os-type", value: "linux", path: "p" },
                ],
            ],
            // A clause that is no attribute comparison pins nothing, and the others still do.
            ["attribute:tenant == acme and runningTasksCount == 0", tenant("acme")],
            // Not anchored at either end: text before or after the comparison makes it no comparison.
            ["xattribute:tenant == acme", []],
            ["tenant attribute:tenant == acme", []],
            ["attribute:tenant == acme extra", []],
            ["attribute:tenant == acme)x", []],
            // An alternative with another value: the task may land on another tenant's hosts.
            ["attribute:tenant == acme and attribute:x == b or attribute:tenant == c", []],
            ["attribute:tenant == acme and attribute:x == b OR attribute:tenant == c", []],
            ["attribute:tenant == acme and attribute:x == b || attribute:tenant == c", []],
            // A negation of another attribute narrows the hosts further; the tenant pin holds (changed: these pinned
            // nothing when any negation anywhere voided the expression).
            ["attribute:tenant == acme and attribute:x != b", tenant("acme")],
            ["attribute:tenant == acme and not(attribute:x == b)", tenant("acme")],
            ["attribute:tenant == acme and NOT attribute:x == b", tenant("acme")],
        ];
        for (const [expression, expected] of rows) {
            it(`${JSON.stringify(expression)} pins ${expected.map((a) => `${a.name}=${a.value}`).join(", ") || "nothing"}`, () => {
                assert.deepStrictEqual(memberOfAttributes(expression, "p"), expected);
            });
        }
    });

    describe("placement constraints", () => {
        const pinned = { type: "memberOf", expression: "attribute:tenant == acme" };
        const rows: Array<[string, Props, string[]]> = [
            ["none", {}, ["sandboxedRuntime requiresCompatibilities"]],
            ["memberOf on the tenant attribute", { placementConstraints: [pinned] }, []],
            ["a spaced, capitalized type", { placementConstraints: [{ ...pinned, type: " MemberOf " }] }, []],
            ["a pin after another constraint", { placementConstraints: [{ type: "distinctInstance" }, pinned] }, []],
            [
                "distinctInstance with a tenant expression",
                { placementConstraints: [{ type: "distinctInstance", expression: pinned.expression }] },
                ["sandboxedRuntime requiresCompatibilities"],
            ],
            [
                "a constraint without a type",
                { placementConstraints: [{ expression: pinned.expression }] },
                ["sandboxedRuntime requiresCompatibilities"],
            ],
            [
                "memberOf without an expression",
                { placementConstraints: [{ type: "memberOf" }] },
                ["sandboxedRuntime requiresCompatibilities"],
            ],
            [
                "memberOf on another attribute",
                { placementConstraints: [{ type: "memberOf", expression: "attribute:zone == a" }] },
                ["sandboxedRuntime requiresCompatibilities"],
            ],
            ["a malformed list", { placementConstraints: "oops" }, ["sandboxedRuntime placementConstraints"]],
            [
                "a malformed type next to a pin",
                { placementConstraints: [pinned, { type: 7 }] },
                ["sandboxedRuntime placementConstraints[1].type"],
            ],
            [
                "a malformed expression next to a pin",
                { placementConstraints: [pinned, { type: "memberOf", expression: 7 }] },
                ["sandboxedRuntime placementConstraints[1].expression"],
            ],
            ["an unknown list", { placementConstraints: UNKNOWN }, ["note placementConstraints"]],
            [
                "an unknown type",
                { placementConstraints: [{ ...pinned, type: UNKNOWN }] },
                ["note placementConstraints[0].type"],
            ],
            [
                "an unknown expression",
                { placementConstraints: [{ type: "memberOf", expression: UNKNOWN }] },
                ["note placementConstraints[0].expression"],
            ],
        ];
        for (const [label, extra, expected] of rows) {
            it(`a multi-tenant EC2 task definition, ${label}`, () => {
                assert.deepStrictEqual(seen(TASK_DEFINITION, tenantTask(extra)), expected);
            });
        }

        it("pins are kept in order, each at its expression's path, across constraints", () => {
            const w = workload(
                TASK_DEFINITION,
                task({
                    placementConstraints: [
                        { type: "memberOf", expression: "attribute:zone == a" },
                        { type: "distinctInstance" },
                        { type: "memberOf", expression: "attribute:tenant == acme" },
                    ],
                }),
            );
            assert.deepStrictEqual(w.hostAttributes, [
                { name: "zone", value: "a", path: "placementConstraints[0].expression" },
                { name: "tenant", value: "acme", path: "placementConstraints[2].expression" },
            ]);
            assert.strictEqual(workload(TASK_DEFINITION, task()).hostAttributes, undefined);
            assert.strictEqual(
                workload(TASK_DEFINITION, task({ placementConstraints: [{ type: "memberOf", expression: "x" }] }))
                    .hostAttributes,
                undefined,
            );
        });

        it("an ECS service and an awsx EC2 service read their own placementConstraints", () => {
            const svc = { name: "api", tags: ACME_MULTI_TENANT, launchType: "EC2" };
            assert.deepStrictEqual(seen(ECS_SERVICE, svc), ["sandboxedRuntime launchType"]);
            assert.deepStrictEqual(seen(ECS_SERVICE, { ...svc, placementConstraints: [pinned] }), []);
            assert.deepStrictEqual(seen(ECS_SERVICE, { ...svc, placementConstraints: [{ type: 7 }] }), [
                "sandboxedRuntime placementConstraints[0].type",
            ]);
            const awsx = { tags: ACME_MULTI_TENANT, taskDefinitionArgs: { container: hardenedContainerDefinition() } };
            assert.deepStrictEqual(seen(AWSX_EC2_SERVICE, awsx), ["sandboxedRuntime -"]);
            assert.deepStrictEqual(seen(AWSX_EC2_SERVICE, { ...awsx, placementConstraints: [pinned] }), []);
            assert.deepStrictEqual(
                seen(AWSX_EC2_SERVICE, {
                    ...awsx,
                    taskDefinitionArgs: { ...awsx.taskDefinitionArgs, placementConstraints: [pinned] },
                }),
                [],
            );
            assert.deepStrictEqual(seen(AWSX_EC2_SERVICE, { ...awsx, placementConstraints: [{ type: 7 }] }), [
                "sandboxedRuntime placementConstraints[0].type",
            ]);
        });
    });

    describe("task settings on every carrier (ECS task, awsx, Batch container, node and ECS task properties)", () => {
        // Each carrier with the given task-level settings, and the path prefix its findings name.
        const carriers: Array<[string, string, (settings: Props) => Props, string]> = [
            ["ECS task definition", TASK_DEFINITION, (s) => task(s), ""],
            [
                "awsx EC2 task definition",
                AWSX_EC2_TASK_DEFINITION,
                (s) => ({ container: hardenedContainerDefinition(), ...s }),
                "",
            ],
            [
                "awsx EC2 service",
                AWSX_EC2_SERVICE,
                (s) => ({ taskDefinitionArgs: { container: hardenedContainerDefinition(), ...s } }),
                "taskDefinitionArgs.",
            ],
            [
                "Batch container job",
                JOB_DEFINITION,
                (s) => ({ containerProperties: JSON.stringify({ image: "x", user: "1000", ...s }) }),
                "containerProperties.",
            ],
            [
                "Batch multi-node job",
                JOB_DEFINITION,
                (s) => ({
                    nodeProperties: JSON.stringify({
                        nodeRangeProperties: [
                            { container: { image: "x", user: "1000" } },
                            { container: { image: "x", user: "1000", ...s } },
                        ],
                    }),
                }),
                "nodeProperties.nodeRangeProperties[1].container.",
            ],
            [
                "Batch ECS job",
                JOB_DEFINITION,
                (s) => ({
                    ecsProperties: JSON.stringify({
                        taskProperties: [
                            { containers: [{ image: "x", user: "1000" }] },
                            { containers: [{ image: "x", user: "1000" }], ...s },
                        ],
                    }),
                }),
                "ecsProperties.taskProperties[1].",
            ],
        ];
        const rows: Array<[string, Props, (p: string) => string[]]> = [
            ["safe modes", { pidMode: "task", ipcMode: "none", networkMode: "awsvpc" }, () => []],
            ["pidMode host", { pidMode: "host" }, (p) => [`hostNamespaces ${p}pidMode`]],
            ["ipcMode host, spaced and capitalized", { ipcMode: " HOST " }, (p) => [`hostNamespaces ${p}ipcMode`]],
            ["networkMode host", { networkMode: "host" }, (p) => [`hostNamespaces ${p}networkMode`]],
            ["a malformed pidMode", { pidMode: 7 }, (p) => [`hostNamespaces ${p}pidMode`]],
            ["a malformed ipcMode", { ipcMode: 7 }, (p) => [`hostNamespaces ${p}ipcMode`]],
            ["a malformed networkMode", { networkMode: 7 }, (p) => [`hostNamespaces ${p}networkMode`]],
            ["an unknown networkMode", { networkMode: UNKNOWN }, (p) => [`note ${p}networkMode`]],
            [
                "a host-path volume",
                { volumes: [{ name: "v", hostPath: "/etc" }] },
                (p) => [`sensitiveHostPath ${p}volumes[0].hostPath`],
            ],
            [
                "an API-shaped host volume",
                { volumes: [{ name: "v", host: { sourcePath: "/etc" } }] },
                (p) => [`sensitiveHostPath ${p}volumes[0].host.sourcePath`],
            ],
            ["a malformed volume list", { volumes: "x" }, (p) => [`sensitiveHostPath ${p}volumes`]],
            ["an unknown volume list", { volumes: UNKNOWN }, (p) => [`note ${p}volumes`]],
            ["a placement constraint of the wrong shape", { placementConstraints: [{ type: 7 }] }, () => []],
        ];
        for (const [carrier, type, build, prefix] of carriers) {
            for (const [label, settings, expected] of rows) {
                it(`${carrier}: ${label}`, () => {
                    assert.deepStrictEqual(seen(type, build(settings)), expected(prefix));
                });
            }
        }

        it("host modes are recorded with their namespace, path and value as written", () => {
            const w = workload(TASK_DEFINITION, task({ pidMode: "host", ipcMode: " Host", networkMode: "HOST" }));
            assert.deepStrictEqual(w.hostNamespaces, [
                { namespace: "pid", path: "pidMode", value: "host" },
                { namespace: "ipc", path: "ipcMode", value: " Host" },
                { namespace: "network", path: "networkMode", value: "HOST" },
            ]);
        });
    });

    describe("task volumes", () => {
        const mounted = (readOnly?: boolean) => ({
            ...hardenedContainerDefinition(),
            mountPoints: [{ sourceVolume: "v", containerPath: "/v", ...(readOnly === undefined ? {} : { readOnly }) }],
        });
        const vtask = (volume: unknown, container: Props = mounted()) => task({ volumes: [volume] }, [container]);
        const bind = (driverOpts: unknown) => ({
            name: "v",
            dockerVolumeConfiguration: { driver: "local", driverOpts },
        });
        const rows: Array<[string, unknown, string[]]> = [
            ["a named volume", { name: "v" }, []],
            ["hostPath", { name: "v", hostPath: "/etc" }, ["sensitiveHostPath volumes[0].hostPath"]],
            [
                "host.sourcePath",
                { name: "v", host: { sourcePath: "/etc" } },
                ["sensitiveHostPath volumes[0].host.sourcePath"],
            ],
            [
                "hostPath wins over host.sourcePath",
                { name: "v", hostPath: "/etc", host: { sourcePath: "/srv" } },
                ["sensitiveHostPath volumes[0].hostPath"],
            ],
            [
                "a bind Docker volume",
                bind({ type: "none", o: "bind", device: "/etc" }),
                ["sensitiveHostPath volumes[0].dockerVolumeConfiguration.driverOpts.device"],
            ],
            [
                "an rbind Docker volume among other options, spaced and capitalized",
                bind({ o: "ro, RBIND ", device: "/etc" }),
                ["sensitiveHostPath volumes[0].dockerVolumeConfiguration.driverOpts.device"],
            ],
            ["a bind Docker volume without a device", bind({ o: "bind" }), []],
            // Issue 22: options the local driver cannot mount as written are no proof the host stays out: a note.
            [
                "a Docker volume with a device but no bind",
                bind({ o: "nobind", device: "/etc" }),
                ["note volumes[0].dockerVolumeConfiguration.driverOpts.device"],
            ],
            ["a Docker volume with no options", bind(undefined), []],
            ["a volume that is no object", "v", ["sensitiveHostPath volumes[0]"]],
            ["a malformed name", { name: 7, hostPath: "/srv" }, ["sensitiveHostPath volumes[0].name"]],
            ["a malformed hostPath", { name: "v", hostPath: 7 }, ["sensitiveHostPath volumes[0].hostPath"]],
            ["a malformed host", { name: "v", host: "/etc" }, ["sensitiveHostPath volumes[0].host"]],
            [
                "a malformed sourcePath",
                { name: "v", host: { sourcePath: 7 } },
                ["sensitiveHostPath volumes[0].host.sourcePath"],
            ],
            [
                "a malformed Docker volume configuration",
                { name: "v", dockerVolumeConfiguration: "bind" },
                ["sensitiveHostPath volumes[0].dockerVolumeConfiguration"],
            ],
            [
                "malformed driver options",
                bind("o=bind"),
                ["sensitiveHostPath volumes[0].dockerVolumeConfiguration.driverOpts"],
            ],
            [
                "a malformed driver option",
                bind({ o: 7, device: "/etc" }),
                ["sensitiveHostPath volumes[0].dockerVolumeConfiguration.driverOpts.o"],
            ],
            ["an unknown hostPath", { name: "v", hostPath: UNKNOWN }, ["note volumes[0].hostPath"]],
            [
                "an unknown sourcePath",
                { name: "v", host: { sourcePath: UNKNOWN } },
                ["note volumes[0].host.sourcePath"],
            ],
            [
                "an unknown Docker volume configuration",
                { name: "v", dockerVolumeConfiguration: UNKNOWN },
                ["note volumes[0].dockerVolumeConfiguration"],
            ],
        ];
        for (const [label, volume, expected] of rows) {
            it(`a task volume: ${label}`, () => {
                assert.deepStrictEqual(seen(TASK_DEFINITION, vtask(volume)), expected);
            });
        }

        it("a harmless host file passes only when every mount of it is read-only", () => {
            const tz = { name: "v", hostPath: "/etc/localtime" };
            assert.deepStrictEqual(seen(TASK_DEFINITION, vtask(tz, mounted(true))), []);
            assert.deepStrictEqual(seen(TASK_DEFINITION, vtask(tz, mounted(false))), [
                "sensitiveHostPath volumes[0].hostPath",
            ]);
            assert.deepStrictEqual(seen(TASK_DEFINITION, vtask(tz, mounted())), [
                "sensitiveHostPath volumes[0].hostPath",
            ]);
            const twoMounts = {
                ...hardenedContainerDefinition(),
                mountPoints: [
                    { sourceVolume: "v", containerPath: "/a", readOnly: true },
                    { sourceVolume: "v", containerPath: "/b" },
                ],
            };
            assert.deepStrictEqual(seen(TASK_DEFINITION, vtask(tz, twoMounts)), [
                "sensitiveHostPath volumes[0].hostPath",
            ]);
            const other = {
                ...hardenedContainerDefinition("other"),
                mountPoints: [{ sourceVolume: "w", containerPath: "/w" }],
            };
            assert.deepStrictEqual(seen(TASK_DEFINITION, task({ volumes: [tz] }, [mounted(true), other])), []);
            // A volume no container mounts is read-only: nothing writes through it.
            assert.deepStrictEqual(seen(TASK_DEFINITION, task({ volumes: [tz] })), []);
            const badRo = { ...hardenedContainerDefinition(), mountPoints: [{ sourceVolume: "v", readOnly: "yes" }] };
            // A malformed readOnly is reported at its path, for the container that has it; the mount counts as writable.
            assert.deepStrictEqual(seen(TASK_DEFINITION, vtask(tz, badRo)), [
                "sensitiveHostPath volumes[0].hostPath",
                "sensitiveHostPath(web) containerDefinitions[0].mountPoints[0].readOnly",
            ]);
        });

        it("each volume is recorded by name, type and path; unnamed volumes are named empty", () => {
            const w = workload(
                TASK_DEFINITION,
                task(
                    {
                        volumes: [
                            { name: "a" },
                            { hostPath: "/srv" },
                            { name: "c", host: { sourcePath: "/data" } },
                            bind({ o: "bind", device: "/opt" }),
                        ],
                    },
                    [mounted(true)],
                ),
            );
            assert.deepStrictEqual(w.volumes, [
                { name: "a", types: ["volume"], readOnly: true, path: "volumes[0]" },
                { name: "", types: ["hostPath"], readOnly: true, path: "volumes[1].hostPath", hostPath: "/srv" },
                {
                    name: "c",
                    types: ["hostPath"],
                    readOnly: true,
                    path: "volumes[2].host.sourcePath",
                    hostPath: "/data",
                },
                {
                    name: "v",
                    types: ["bind"],
                    readOnly: true,
                    path: "volumes[3].dockerVolumeConfiguration.driverOpts.device",
                    hostPath: "/opt",
                    how: "local-driver-bind",
                },
            ]);
            assert.deepStrictEqual(w.containers[0].mounts, [
                { volume: "v", mountPath: "/v", readOnly: true, path: "containerDefinitions[0].mountPoints[0]" },
            ]);
            const bare = workload(TASK_DEFINITION, task());
            assert.deepStrictEqual([bare.volumes, bare.containers[0].mounts], [[], []]);
        });
    });

    describe("container definitions", () => {
        // Each carrier with one container (hardened, plus the given fields), the container's path and its name.
        const carriers: Array<[string, string, (c: Props) => Props, string, string]> = [
            ["ECS task definition", TASK_DEFINITION, (c) => task({}, [c]), "containerDefinitions[0]", "web"],
            [
                "awsx EC2 task definition, single container",
                AWSX_EC2_TASK_DEFINITION,
                (c) => ({ container: c }),
                "container",
                "web",
            ],
            [
                "awsx EC2 service, containers by key",
                AWSX_EC2_SERVICE,
                (c) => ({ taskDefinitionArgs: { containers: { web: { ...c, name: "ignored" } } } }),
                "taskDefinitionArgs.containers.web",
                "web",
            ],
        ];
        const caps = (c: Props) => ({ linuxParameters: { capabilities: c } });
        const rows: Array<[string, Props, (cp: string, n: string) => string[]]> = [
            ["hardened", {}, () => []],
            ["privileged", { privileged: true }, (cp, n) => [`privileged(${n}) ${cp}.privileged`]],
            ["privileged false", { privileged: false }, () => []],
            ["a malformed privileged", { privileged: "yes" }, (cp, n) => [`privileged(${n}) ${cp}.privileged`]],
            ["an unknown privileged", { privileged: UNKNOWN }, (cp) => [`note ${cp}.privileged`]],
            [
                "an added capability",
                caps({ add: ["SYS_ADMIN"], drop: ["ALL"] }),
                (cp, n) => [`capabilities_restricted(${n}) ${cp}.linuxParameters.capabilities.add`],
            ],
            [
                "a malformed added capability",
                caps({ add: [7], drop: ["ALL"] }),
                (cp, n) => [`capabilities_restricted(${n}) ${cp}.linuxParameters.capabilities.add[0]`],
            ],
            [
                "no dropped capabilities",
                caps({}),
                (cp, n) => [`capabilities_restricted(${n}) ${cp}.linuxParameters.capabilities.drop`],
            ],
            [
                "a malformed drop list",
                caps({ drop: "ALL" }),
                (cp, n) => [`capabilities_restricted(${n}) ${cp}.linuxParameters.capabilities.drop`],
            ],
            ["an unknown drop list", caps({ drop: UNKNOWN }), (cp) => [`note ${cp}.linuxParameters.capabilities.drop`]],
            [
                "malformed capabilities",
                { linuxParameters: { capabilities: "x" } },
                (cp, n) => [`capabilities_restricted(${n}) ${cp}.linuxParameters.capabilities`],
            ],
            [
                "a host device",
                { linuxParameters: { capabilities: { drop: ["ALL"] }, devices: [{ hostPath: "/dev/fuse" }] } },
                (cp, n) => [`hostDevices(${n}) ${cp}.linuxParameters.devices[0].hostPath`],
            ],
            [
                "an unconfined AppArmor security option",
                { dockerSecurityOptions: ["apparmor:unconfined"] },
                (cp, n) => [`appArmorProfile(${n}) ${cp}.dockerSecurityOptions[0]`],
            ],
            [
                "malformed security options",
                { dockerSecurityOptions: "x" },
                (cp, n) => [`allowPrivilegeEscalation(${n}) ${cp}.dockerSecurityOptions`],
            ],
            [
                "a malformed security option",
                { dockerSecurityOptions: [7] },
                (cp, n) => [`allowPrivilegeEscalation(${n}) ${cp}.dockerSecurityOptions[0]`],
            ],
            [
                // Issue 22: a namespaced sysctl (net.*) is safe on ECS; one the kernel keeps for the host is not.
                "a safe and an unsafe sysctl",
                { systemControls: [{ namespace: "net.core.somaxconn" }, { namespace: "vm.swappiness" }] },
                (cp) => [`sysctls ${cp}.systemControls[1].namespace`],
            ],
            ["malformed systemControls", { systemControls: "x" }, (cp, n) => [`sysctls(${n}) ${cp}.systemControls`]],
            [
                "a malformed sysctl name",
                { systemControls: [{ namespace: 7 }] },
                (cp, n) => [`sysctls(${n}) ${cp}.systemControls[0].namespace`],
            ],
            [
                "an unknown sysctl name",
                { systemControls: [{ namespace: UNKNOWN }] },
                (cp) => [`note ${cp}.systemControls[0].namespace`],
            ],
            ["malformed mountPoints", { mountPoints: "x" }, (cp, n) => [`sensitiveHostPath(${n}) ${cp}.mountPoints`]],
            [
                "a malformed sourceVolume",
                { mountPoints: [{ sourceVolume: 7 }] },
                (cp, n) => [`sensitiveHostPath(${n}) ${cp}.mountPoints[0].sourceVolume`],
            ],
            [
                "a malformed containerPath",
                { mountPoints: [{ containerPath: 7 }] },
                (cp, n) => [`sensitiveHostPath(${n}) ${cp}.mountPoints[0].containerPath`],
            ],
            ["user root", { user: "root" }, (cp, n) => [`runAsUser(${n}) ${cp}.user`]],
            ["user 0:0", { user: "0:0" }, (cp, n) => [`runAsUser(${n}) ${cp}.user`]],
            ["user unset", { user: undefined }, (cp, n) => [`runAsNonRoot(${n}) ${cp}.user`]],
            [
                "a malformed user",
                { user: 7 },
                (cp, n) => [`runAsNonRoot(${n}) ${cp}.user`, `runAsUser(${n}) ${cp}.user`],
            ],
            ["an unknown user", { user: UNKNOWN }, (cp) => [`note ${cp}.user`]],
            ["a malformed image (read for messages only)", { image: 7 }, () => []],
            ["a malformed readonlyRootFilesystem (judged by no check)", { readonlyRootFilesystem: "yes" }, () => []],
        ];
        for (const [carrier, type, build, cp, name] of carriers) {
            for (const [label, fields, expected] of rows) {
                it(`${carrier}: ${label}`, () => {
                    assert.deepStrictEqual(
                        seen(type, build({ ...hardenedContainerDefinition(), ...fields })),
                        expected(cp, name),
                    );
                });
            }
        }

        it("malformed linuxParameters is a violation of every check that reads a container", () => {
            const ds = seen(TASK_DEFINITION, task({}, [{ ...hardenedContainerDefinition(), linuxParameters: "x" }]));
            for (const check of ["privileged", "capabilities_restricted", "hostDevices", "runAsUser", "sysctls"])
                assert.ok(ds.includes(`${check}(web) containerDefinitions[0].linuxParameters`), ds.join("\n"));
            assert.ok(
                ds.every((d) => d.endsWith(" containerDefinitions[0].linuxParameters")),
                ds.join("\n"),
            );
        });

        it("a container without a readable name is named by its place", () => {
            const privileged = { ...hardenedContainerDefinition(), name: 7, privileged: true };
            assert.deepStrictEqual(seen(TASK_DEFINITION, task({}, [hardenedContainerDefinition(), privileged])), [
                "privileged(#1) containerDefinitions[1].privileged",
            ]);
            const unnamed: Props = { ...hardenedContainerDefinition(), privileged: true };
            delete unnamed.name;
            assert.deepStrictEqual(seen(AWSX_EC2_TASK_DEFINITION, { container: unnamed }), [
                "privileged(container) container.privileged",
            ]);
            assert.deepStrictEqual(seen(JOB_DEFINITION, { containerProperties: JSON.stringify(unnamed) }), [
                "privileged(job) containerProperties.privileged",
            ]);
            assert.deepStrictEqual(
                seen(JOB_DEFINITION, {
                    nodeProperties: JSON.stringify({
                        nodeRangeProperties: [{ container: hardenedContainerDefinition() }, { container: unnamed }],
                    }),
                }),
                ["privileged(node1) nodeProperties.nodeRangeProperties[1].container.privileged"],
            );
            assert.deepStrictEqual(
                seen(JOB_DEFINITION, { containerProperties: JSON.stringify({ ...unnamed, name: "n" }) }),
                ["privileged(n) containerProperties.privileged"],
            );
        });

        it("Batch containers have no capabilities setting: adding one is not judged, ECS's is", () => {
            const add = { ...hardenedContainerDefinition(), linuxParameters: { capabilities: { add: ["SYS_ADMIN"] } } };
            assert.deepStrictEqual(seen(JOB_DEFINITION, { containerProperties: JSON.stringify(add) }), []);
            assert.deepStrictEqual(
                seen(JOB_DEFINITION, { ecsProperties: JSON.stringify({ taskProperties: [{ containers: [add] }] }) }),
                [],
            );
            assert.deepStrictEqual(
                seen(JOB_DEFINITION, { nodeProperties: JSON.stringify({ nodeRangeProperties: [{ container: add }] }) }),
                [],
            );
            assert.deepStrictEqual(seen(TASK_DEFINITION, task({}, [add])), [
                "capabilities_restricted(web) containerDefinitions[0].linuxParameters.capabilities.add",
            ]);
            const w = workload(JOB_DEFINITION, { containerProperties: JSON.stringify(add) });
            assert.deepStrictEqual(w.containers[0].security.paths, {
                privileged: "containerProperties.privileged",
                allowPrivilegeEscalation: "containerProperties.dockerSecurityOptions",
                capAdd: "",
                capDrop: "",
            });
        });

        it("a container definition that is no object is a violation at its path", () => {
            const ds = seen(TASK_DEFINITION, task({}, [hardenedContainerDefinition(), "web" as unknown as Props]));
            assert.ok(ds.includes("privileged containerDefinitions[1]"), ds.join("\n"));
            assert.ok(
                ds.every((d) => d.endsWith(" containerDefinitions[1]")),
                ds.join("\n"),
            );
        });

        it("the model: every container field at its path", () => {
            const w = workload(
                TASK_DEFINITION,
                task({}, [
                    {
                        ...hardenedContainerDefinition(),
                        privileged: false,
                        linuxParameters: { capabilities: { add: ["NET_BIND_SERVICE"], drop: ["ALL"] } },
                        dockerSecurityOptions: ["no-new-privileges"],
                    },
                ]),
            );
            const c = w.containers[0];
            assert.deepStrictEqual(
                [c.name, c.role, c.image, c.path, c.user, c.ports, c.hostReferences],
                ["web", "container", "public.ecr.aws/nginx/nginx:1.27", "containerDefinitions[0]", "1000:1000", [], []],
            );
            assert.deepStrictEqual(
                [
                    c.security.path,
                    c.security.privileged,
                    c.security.readOnlyRootFilesystem,
                    c.security.capAdd,
                    c.security.capDrop,
                    c.security.allowPrivilegeEscalation,
                ],
                ["containerDefinitions[0]", false, true, ["NET_BIND_SERVICE"], ["ALL"], false],
            );
            assert.deepStrictEqual(c.security.paths, {
                privileged: "containerDefinitions[0].privileged",
                allowPrivilegeEscalation: "containerDefinitions[0].dockerSecurityOptions",
                capAdd: "containerDefinitions[0].linuxParameters.capabilities.add",
                capDrop: "containerDefinitions[0].linuxParameters.capabilities.drop",
            });
            assert.deepStrictEqual(
                [w.platform, w.isPatch, w.specPath, w.pod, w.dockerConfigured, w.kind, w.name],
                ["aws", false, "", { path: "" }, true, "TaskDefinition", "t"],
            );
        });
    });

    describe("ECS task definitions and services: Fargate or EC2", () => {
        const ECS_FIX =
            'run it on Fargate (requiresCompatibilities ["FARGATE"], launchType FARGATE), where each task gets its own microVM, or confine it to one tenant\'s EC2 instances with a memberOf placement constraint on the tenant attribute (expression "attribute:tenant == <tenant>")';
        const sandbox = (subject: string, at: string) =>
            `[sandboxedRuntime] ${subject} is multi-tenant (label tenancy=multi-tenant) and must run in a sandboxed runtime: ${at}; ${ECS_FIX}`;
        const malformed = (subject: string, at: string) =>
            `[sandboxedRuntime] ${subject} has a value the policy cannot interpret, which is treated as a violation: ${at}; set it to a value of the documented type`;
        const messages = (type: string, props: Props) => judge(type, props).map((d) => d.message);

        const taskRows: Array<[string, Props, string[]]> = [
            ["no requiresCompatibilities", {}, [sandbox('TaskDefinition "t"', "requiresCompatibilities is unset")]],
            [
                "EC2 and EXTERNAL",
                { requiresCompatibilities: ["EC2", "EXTERNAL"] },
                [sandbox('TaskDefinition "t"', 'requiresCompatibilities is "EC2,EXTERNAL"')],
            ],
            [
                "an empty list",
                { requiresCompatibilities: [] },
                [sandbox('TaskDefinition "t"', 'requiresCompatibilities is ""')],
            ],
            [
                "FARGATE and EC2",
                { requiresCompatibilities: ["FARGATE", "EC2"] },
                [sandbox('TaskDefinition "t"', 'requiresCompatibilities is "FARGATE,EC2"')],
            ],
            ["FARGATE only", { requiresCompatibilities: ["FARGATE"] }, []],
            ["FARGATE only, spaced", { requiresCompatibilities: [" FARGATE "] }, []],
            [
                "a malformed requiresCompatibilities",
                { requiresCompatibilities: "FARGATE" },
                [malformed('TaskDefinition "t"', 'requiresCompatibilities is "FARGATE"')],
            ],
            [
                "a malformed family: named by the resource",
                { family: 7 },
                [sandbox('TaskDefinition "res"', "requiresCompatibilities is unset")],
            ],
        ];
        for (const [label, extra, expected] of taskRows) {
            it(`a multi-tenant task definition, ${label}`, () => {
                const props: Props = {
                    family: "t",
                    tags: MULTI_TENANT,
                    containerDefinitions: JSON.stringify([hardenedContainerDefinition()]),
                    ...extra,
                };
                assert.deepStrictEqual(messages(TASK_DEFINITION, props), expected);
            });
        }

        it("the task definition's model: VM only on Fargate alone, the compatibilities as its runtime", () => {
            const w = workload(
                TASK_DEFINITION,
                task({ requiresCompatibilities: ["EC2", "FARGATE"], tags: { team: "a" } }),
            );
            assert.deepStrictEqual(
                [w.isolation, w.runtime, w.kind, w.name, { ...w.labels }, w.sandboxHint],
                [
                    "container",
                    { value: "EC2,FARGATE", path: "requiresCompatibilities" },
                    "TaskDefinition",
                    "t",
                    { team: "a" },
                    { field: "requiresCompatibilities", fix: ECS_FIX },
                ],
            );
            assert.strictEqual(
                workload(TASK_DEFINITION, { family: "t", requiresCompatibilities: ["FARGATE"] }).isolation,
                "vm",
            );
            assert.strictEqual(workload(TASK_DEFINITION, { family: "t" }).runtime, undefined);
        });

        const docRows: Array<[string, unknown, string[]]> = [
            ["null", null, []],
            ["a number", 7, ["privileged containerDefinitions"]],
            ["unparseable", "nope", ["privileged containerDefinitions"]],
            ["an object, not a list", '{"name": "web", "privileged": true}', ["privileged containerDefinitions"]],
            ["unknown", UNKNOWN, ["note containerDefinitions"]],
        ];
        for (const [label, doc, expected] of docRows) {
            it(`containerDefinitions ${label}`, () => {
                const ds = seen(TASK_DEFINITION, { family: "t", containerDefinitions: doc }, {});
                assert.deepStrictEqual(
                    ds.filter((d) => d.startsWith("privileged") || d.startsWith("note")),
                    expected,
                );
                if (doc === null) assert.deepStrictEqual(ds, []);
                else
                    assert.ok(
                        ds.every((d) => d.endsWith(" containerDefinitions")),
                        ds.join("\n"),
                    );
            });
        }

        const serviceRows: Array<[string, Props, string[]]> = [
            ["no launch type", {}, [sandbox('Service "api"', "launchType is unset")]],
            ["launch type EC2", { launchType: "EC2" }, [sandbox('Service "api"', 'launchType is "EC2"')]],
            ["launch type FARGATE", { launchType: "FARGATE" }, []],
            ["launch type FARGATE_SPOT, spaced", { launchType: " FARGATE_SPOT " }, []],
            [
                "launch type fargate, lower case",
                { launchType: "fargate" },
                [sandbox('Service "api"', 'launchType is "fargate"')],
            ],
            [
                "launch type EC2 wins over a Fargate capacity provider",
                { launchType: "EC2", capacityProviderStrategies: [{ capacityProvider: "FARGATE" }] },
                [sandbox('Service "api"', 'launchType is "EC2"')],
            ],
            [
                "launch type FARGATE wins over an EC2 capacity provider",
                { launchType: "FARGATE", capacityProviderStrategies: [{ capacityProvider: "ec2-cp" }] },
                [],
            ],
            [
                "Fargate capacity providers only",
                {
                    capacityProviderStrategies: [
                        { capacityProvider: "FARGATE" },
                        { capacityProvider: " FARGATE_SPOT " },
                    ],
                },
                [],
            ],
            [
                "a Fargate and an EC2 capacity provider",
                { capacityProviderStrategies: [{ capacityProvider: "FARGATE" }, { capacityProvider: "cp" }] },
                [sandbox('Service "api"', 'capacityProviderStrategies[0].capacityProvider is "FARGATE,cp"')],
            ],
            [
                "a strategy without a provider next to a Fargate one",
                { capacityProviderStrategies: [{ weight: 1 }, { capacityProvider: "FARGATE" }] },
                [],
            ],
            ["no strategies", { capacityProviderStrategies: [] }, [sandbox('Service "api"', "launchType is unset")]],
            [
                "a malformed capacity provider",
                { capacityProviderStrategies: [{ capacityProvider: "cp" }, { capacityProvider: 7 }] },
                [malformed('Service "api"', "capacityProviderStrategies[1].capacityProvider is 7")],
            ],
            [
                "malformed strategies",
                { capacityProviderStrategies: "x" },
                [malformed('Service "api"', 'capacityProviderStrategies is "x"')],
            ],
            ["a malformed launch type", { launchType: 7 }, [malformed('Service "api"', "launchType is 7")]],
            ["a malformed name: named by the resource", { name: 7 }, [sandbox('Service "res"', "launchType is unset")]],
        ];
        for (const [label, extra, expected] of serviceRows) {
            it(`a multi-tenant service, ${label}`, () => {
                assert.deepStrictEqual(messages(ECS_SERVICE, { name: "api", tags: MULTI_TENANT, ...extra }), expected);
            });
        }

        it("unknown launch types and capacity providers are deferred at their paths", () => {
            const svc = { name: "api", tags: MULTI_TENANT };
            assert.deepStrictEqual(seen(ECS_SERVICE, { ...svc, launchType: UNKNOWN }), ["note launchType"]);
            assert.deepStrictEqual(
                seen(ECS_SERVICE, { ...svc, capacityProviderStrategies: [{ capacityProvider: UNKNOWN }] }),
                ["note capacityProviderStrategies[0].capacityProvider"],
            );
        });

        it("the service's model", () => {
            const w = workload(ECS_SERVICE, { name: "api", tags: { team: "a" }, launchType: "FARGATE" });
            assert.deepStrictEqual(
                [w.isolation, w.runtime, w.kind, w.name, { ...w.labels }, w.dockerConfigured, w.sandboxHint],
                [
                    "vm",
                    { value: "FARGATE", path: "launchType" },
                    "Service",
                    "api",
                    { team: "a" },
                    true,
                    { field: "launchType", fix: ECS_FIX },
                ],
            );
            const cp = workload(ECS_SERVICE, { capacityProviderStrategies: [{ capacityProvider: "FARGATE" }] });
            assert.deepStrictEqual(
                [cp.isolation, cp.runtime, cp.sandboxHint?.field],
                [
                    "vm",
                    { value: "FARGATE", path: "capacityProviderStrategies[0].capacityProvider" },
                    "capacityProviderStrategies[0].capacityProvider",
                ],
            );
            assert.deepStrictEqual(workload(ECS_SERVICE, {}).runtime, undefined);
        });
    });

    describe("awsx ECS components", () => {
        const AWSX_FIX =
            "use awsx.ecs.FargateService (each task in its own microVM), or confine the tasks to one tenant's instances with a memberOf placement constraint on the tenant attribute";
        const messages = (type: string, props: Props) => judge(type, props).map((d) => d.message);
        const web = hardenedContainerDefinition();

        it("a service's tenancy: its own tags, or its task definition's tags (the tasks' labels)", () => {
            assert.deepStrictEqual(
                messages(AWSX_EC2_SERVICE, { name: "svc", tags: MULTI_TENANT, taskDefinitionArgs: { container: web } }),
                [
                    `[sandboxedRuntime] EC2Service "svc" is multi-tenant (label tenancy=multi-tenant) and must run in a sandboxed runtime; ${AWSX_FIX}`,
                ],
            );
            assert.deepStrictEqual(
                messages(AWSX_EC2_SERVICE, { taskDefinitionArgs: { tags: MULTI_TENANT, container: web } }),
                [
                    `[sandboxedRuntime] EC2Service "res" is multi-tenant (pod template label tenancy=multi-tenant) and must run in a sandboxed runtime; ${AWSX_FIX}`,
                ],
            );
            assert.deepStrictEqual(
                messages(AWSX_FARGATE_SERVICE, { taskDefinitionArgs: { tags: MULTI_TENANT, container: web } }),
                [],
            );
            const w = workload(AWSX_EC2_SERVICE, {
                tags: { team: "a" },
                taskDefinitionArgs: { tags: { tenant: "acme" } },
            });
            assert.deepStrictEqual([{ ...w.labels }, { ...w.podLabels }], [{ team: "a" }, { tenant: "acme" }]);
        });

        it("a task definition component's tenancy is its own tags; it has no taskDefinitionArgs", () => {
            assert.deepStrictEqual(messages(AWSX_EC2_TASK_DEFINITION, { tags: MULTI_TENANT, container: web }), [
                `[sandboxedRuntime] EC2TaskDefinition "res" is multi-tenant (label tenancy=multi-tenant) and must run in a sandboxed runtime; ${AWSX_FIX}`,
            ]);
            assert.deepStrictEqual(messages(AWSX_FARGATE_TASK_DEFINITION, { tags: MULTI_TENANT, container: web }), []);
            const privileged = { container: { ...web, privileged: true } };
            assert.deepStrictEqual(seen(AWSX_EC2_TASK_DEFINITION, { taskDefinitionArgs: privileged }), []);
            assert.deepStrictEqual(seen(AWSX_EC2_SERVICE, privileged), []);
            assert.deepStrictEqual(seen(AWSX_EC2_SERVICE, { taskDefinitionArgs: privileged }), [
                "privileged(web) taskDefinitionArgs.container.privileged",
            ]);
        });

        it("the single container and every keyed container are read, each named by its key", () => {
            const args = {
                container: { ...web, name: "main", privileged: true },
                containers: { a: { ...web, name: "x", privileged: true }, b: web, c: { ...web, user: "root" } },
            };
            assert.deepStrictEqual(seen(AWSX_EC2_TASK_DEFINITION, args), [
                "privileged(a) containers.a.privileged",
                "privileged(main) container.privileged",
                "runAsUser(c) containers.c.user",
            ]);
            const w = workload(AWSX_EC2_TASK_DEFINITION, args);
            assert.deepStrictEqual(
                w.containers.map((c) => [c.name, c.path]),
                [
                    ["main", "container"],
                    ["a", "containers.a"],
                    ["b", "containers.b"],
                    ["c", "containers.c"],
                ],
            );
            assert.deepStrictEqual(
                [w.kind, w.name, w.isolation, w.dockerConfigured, w.sandboxHint],
                ["EC2TaskDefinition", "res", "container", true, { field: "", fix: AWSX_FIX }],
            );
            assert.deepStrictEqual(workload(AWSX_FARGATE_SERVICE, { name: "n" }).name, "n");
            assert.deepStrictEqual(workload(AWSX_FARGATE_SERVICE, { name: 7 }).name, "res");
        });

        const malformedRows: Array<[string, string, Props, string]> = [
            ["taskDefinitionArgs", AWSX_EC2_SERVICE, { taskDefinitionArgs: "x" }, "taskDefinitionArgs"],
            ["container", AWSX_EC2_SERVICE, { taskDefinitionArgs: { container: "x" } }, "taskDefinitionArgs.container"],
            [
                "containers",
                AWSX_EC2_SERVICE,
                { taskDefinitionArgs: { containers: "x" } },
                "taskDefinitionArgs.containers",
            ],
            [
                "a keyed container",
                AWSX_EC2_SERVICE,
                { taskDefinitionArgs: { containers: { a: "x" } } },
                "taskDefinitionArgs.containers.a",
            ],
            ["container of a task definition", AWSX_EC2_TASK_DEFINITION, { container: "x" }, "container"],
            [
                "a keyed container of a task definition",
                AWSX_EC2_TASK_DEFINITION,
                { containers: { a: 7 } },
                "containers.a",
            ],
        ];
        for (const [label, type, props, path] of malformedRows) {
            it(`a malformed ${label} is a violation of every check at ${path}`, () => {
                const ds = seen(type, props);
                assert.ok(ds.includes(`privileged ${path}`), ds.join("\n"));
                assert.ok(
                    ds.every((d) => d.endsWith(` ${path}`)),
                    ds.join("\n"),
                );
            });
        }

        it("an unknown container is deferred at its path", () => {
            assert.deepStrictEqual(seen(AWSX_EC2_SERVICE, { taskDefinitionArgs: { container: UNKNOWN } }), [
                "note taskDefinitionArgs.container",
            ]);
            assert.deepStrictEqual(seen(AWSX_EC2_SERVICE, { taskDefinitionArgs: { containers: { a: UNKNOWN } } }), [
                "note taskDefinitionArgs.containers.a",
            ]);
        });
    });

    describe("Batch job definitions", () => {
        const BATCH_FIX =
            'run it on Fargate (platformCapabilities ["FARGATE"]), where each job gets its own microVM, or on a compute environment whose instances serve one tenant';
        const EKS_FIX =
            "run the job on a Batch compute environment whose EKS nodes serve one tenant, or on Fargate (containerProperties with platformCapabilities FARGATE)";
        const sandbox = (subject: string, at: string, fix = BATCH_FIX, via = "label") =>
            `[sandboxedRuntime] ${subject} is multi-tenant (${via} tenancy=multi-tenant) and must run in a sandboxed runtime: ${at}; ${fix}`;
        const messages = (props: Props) => judge(JOB_DEFINITION, props).map((d) => d.message);
        const job = (extra: Props) => ({
            name: "j",
            tags: MULTI_TENANT,
            containerProperties: JSON.stringify({ image: "x", user: "1000" }),
            ...extra,
        });
        const rows: Array<[string, Props, string[]]> = [
            ["no platform capabilities", {}, [sandbox('JobDefinition "j"', "platformCapabilities is unset")]],
            ["FARGATE", { platformCapabilities: ["FARGATE"] }, []],
            ["FARGATE, spaced", { platformCapabilities: [" FARGATE "] }, []],
            [
                "an empty list",
                { platformCapabilities: [] },
                [sandbox('JobDefinition "j"', 'platformCapabilities is ""')],
            ],
            [
                "EC2 and FARGATE",
                { platformCapabilities: ["EC2", "FARGATE"] },
                [sandbox('JobDefinition "j"', 'platformCapabilities is "EC2,FARGATE"')],
            ],
            [
                "malformed platform capabilities",
                { platformCapabilities: "FARGATE" },
                [
                    '[sandboxedRuntime] JobDefinition "j" has a value the policy cannot interpret, which is treated as a violation: platformCapabilities is "FARGATE"; set it to a value of the documented type',
                ],
            ],
            [
                "a malformed name: named by the resource",
                { name: 7 },
                [sandbox('JobDefinition "res"', "platformCapabilities is unset")],
            ],
            [
                "no job properties at all: still judged",
                { containerProperties: undefined },
                [sandbox('JobDefinition "j"', "platformCapabilities is unset")],
            ],
        ];
        for (const [label, extra, expected] of rows) {
            it(`a multi-tenant job, ${label}`, () => {
                assert.deepStrictEqual(messages(job(extra)), expected);
            });
        }

        // A Batch pod is on the host network unless it says otherwise (data/platformDefaults.ts).
        const pod = () => ({ ...hardenedPodSpec(), hostNetwork: false }) as Props;

        it("an EKS job is a pod: labelled in its pod metadata, at eksProperties.podProperties", () => {
            const labelled = { podProperties: { ...pod(), metadata: { labels: MULTI_TENANT } } };
            assert.deepStrictEqual(messages({ name: "k", eksProperties: labelled }), [
                sandbox('JobDefinition "k"', "eksProperties.podProperties is unset", EKS_FIX, "pod template label"),
            ]);
            assert.deepStrictEqual(messages({ name: "k", eksProperties: JSON.stringify(labelled) }), [
                sandbox('JobDefinition "k"', "eksProperties.podProperties is unset", EKS_FIX, "pod template label"),
            ]);
            assert.deepStrictEqual(
                messages({ name: "k", tags: MULTI_TENANT, eksProperties: { podProperties: pod() } }),
                [sandbox('JobDefinition "k"', "eksProperties.podProperties is unset", EKS_FIX)],
            );
            assert.deepStrictEqual(
                seen(JOB_DEFINITION, { eksProperties: { podProperties: { ...pod(), hostPID: true } } }),
                ["hostNamespaces eksProperties.podProperties.hostPID"],
            );
            const w = workload(JOB_DEFINITION, {
                name: "k",
                eksProperties: { podProperties: { ...pod(), metadata: { labels: { app: "a" } } } },
            });
            assert.deepStrictEqual(
                [w.kind, w.name, w.isolation, w.specPath, { ...w.podLabels }, w.dockerConfigured, w.sandboxHint?.field],
                [
                    "JobDefinition",
                    "k",
                    "container",
                    "eksProperties.podProperties",
                    { app: "a" },
                    undefined,
                    "eksProperties.podProperties",
                ],
            );
        });

        it("an EKS job with container properties too is judged as both; null properties are absent", () => {
            const both = toWorkloads(JOB_DEFINITION, "j", {
                eksProperties: { podProperties: pod() },
                containerProperties: JSON.stringify({ image: "x", user: "1000" }),
            });
            assert.deepStrictEqual(
                both.map((w) => [w.specPath, w.containers.map((c) => c.path)]),
                [
                    [
                        "eksProperties.podProperties",
                        ["eksProperties.podProperties.containers[0]", "eksProperties.podProperties.initContainers[0]"],
                    ],
                    ["", ["containerProperties"]],
                ],
            );
            for (const key of ["containerProperties", "nodeProperties", "ecsProperties"])
                assert.strictEqual(
                    toWorkloads(JOB_DEFINITION, "j", { eksProperties: { podProperties: pod() }, [key]: "{}" }).length,
                    2,
                    key,
                );
            assert.strictEqual(
                toWorkloads(JOB_DEFINITION, "j", { eksProperties: { podProperties: pod() }, containerProperties: null })
                    .length,
                1,
            );
            const none = toWorkloads(JOB_DEFINITION, "j", { eksProperties: null });
            assert.deepStrictEqual(
                none.map((w) => [w.specPath, w.dockerConfigured]),
                [["", true]],
            );
        });

        const malformedRows: Array<[string, Props, string]> = [
            ["eksProperties", { eksProperties: "nope" }, "eksProperties"],
            ["podProperties", { eksProperties: { podProperties: "x" } }, "eksProperties.podProperties"],
            ["containerProperties", { containerProperties: "nope" }, "containerProperties"],
            ["containerProperties (a list)", { containerProperties: "[]" }, "containerProperties"],
            ["nodeProperties", { nodeProperties: "nope" }, "nodeProperties"],
            [
                "nodeRangeProperties",
                { nodeProperties: '{"nodeRangeProperties": 7}' },
                "nodeProperties.nodeRangeProperties",
            ],
            [
                "a node's container",
                { nodeProperties: '{"nodeRangeProperties": [{"container": 7}]}' },
                "nodeProperties.nodeRangeProperties[0].container",
            ],
            ["ecsProperties", { ecsProperties: "nope" }, "ecsProperties"],
            ["taskProperties", { ecsProperties: '{"taskProperties": 7}' }, "ecsProperties.taskProperties"],
            [
                "a task's containers",
                { ecsProperties: '{"taskProperties": [{"containers": 7}]}' },
                "ecsProperties.taskProperties[0].containers",
            ],
        ];
        for (const [label, props, path] of malformedRows) {
            it(`a malformed ${label} is a violation of every check at ${path}`, () => {
                const ds = seen(JOB_DEFINITION, { name: "j", ...props });
                assert.ok(ds.includes(`privileged ${path}`), ds.join("\n"));
                assert.ok(
                    ds.every((d) => d.endsWith(` ${path}`)),
                    ds.join("\n"),
                );
            });
        }

        it("a node range without a container is skipped; unknown documents are deferred", () => {
            assert.deepStrictEqual(
                seen(JOB_DEFINITION, { nodeProperties: '{"nodeRangeProperties": [{"targetNodes": "0:"}]}' }),
                [],
            );
            for (const key of ["containerProperties", "nodeProperties", "ecsProperties", "eksProperties"])
                assert.deepStrictEqual(seen(JOB_DEFINITION, { [key]: UNKNOWN }), [`note ${key}`], key);
        });

        it("the model of a container job", () => {
            const w = workload(JOB_DEFINITION, {
                name: "j",
                tags: { team: "a" },
                platformCapabilities: ["EC2"],
                containerProperties: JSON.stringify({ image: "x", user: "1000" }),
            });
            assert.deepStrictEqual(
                [w.kind, w.name, w.isolation, { ...w.labels }, w.runtime, w.dockerConfigured, w.sandboxHint],
                [
                    "JobDefinition",
                    "j",
                    "container",
                    { team: "a" },
                    { value: "EC2", path: "platformCapabilities" },
                    true,
                    { field: "platformCapabilities", fix: BATCH_FIX },
                ],
            );
            assert.strictEqual(workload(JOB_DEFINITION, { containerProperties: "{}" }).runtime, undefined);
        });
    });

    describe("EC2 instances and launch templates", () => {
        const IMDS_V1 =
            "hosts containers and leaves httpTokens unset, so the AMI's registered default decides whether IMDSv1 answers (older AMIs leave it on); IMDSv1 hands the instance role's credentials to any container: metadataOptions.httpTokens is unset; set metadataOptions.httpTokens to \"required\" (IMDSv2) and metadataOptions.httpPutResponseHopLimit to 1";
        const isHost = (type: string, props: Props) => workload(type, props).containerHost;
        const b64 = (text: string) => Buffer.from(text).toString("base64");

        const tagRows: Array<[string, boolean]> = [
            ["kubernetes.io/cluster/prod", true],
            ["eks:cluster-name", true],
            ["eks:nodegroup-name", true],
            ["AmazonECSManaged", true],
            ["kubernetes.io/cluster/", false],
            ["kubernetesxio/cluster/prod", false],
            ["kubernetes.io/clusters", false],
            ["xeks:cluster-name", false],
            ["eks:cluster-names", false],
            ["AmazonECSManagedx", false],
            ["Name", false],
        ];
        for (const [key, host] of tagRows) {
            it(`tag ${JSON.stringify(key)} ${host ? "marks" : "does not mark"} a container host (instance tags, launch template instance tags)`, () => {
                assert.strictEqual(isHost(INSTANCE, { tags: { [key]: "x" } }), host);
                assert.strictEqual(
                    isHost(LAUNCH_TEMPLATE, {
                        tagSpecifications: [{ resourceType: "instance", tags: { [key]: "x" } }],
                    }),
                    host,
                );
                assert.deepStrictEqual(
                    seen(INSTANCE, { tags: { [key]: "x" } }),
                    host ? ["instanceMetadata metadataOptions.httpTokens"] : [],
                );
            });
        }

        const userDataRows: Array<[string, string, boolean]> = [
            ["the ECS agent's cluster", "#!/bin/bash\necho ECS_CLUSTER=prod >> /etc/ecs/ecs.config", true],
            ["ECS_CLUSTER=", "ECS_CLUSTER=prod", true],
            ["the ECS agent's config file", "cat x > /etc/ecs/ecs.config", true],
            ["the EKS bootstrap script", "/etc/eks/bootstrap.sh prod", true],
            ["nodeadm's NodeConfig", "apiVersion: node.eks.aws/v1alpha1", true],
            ["no marker", "#!/bin/bash\necho hello", false],
            ["ECS_CLUSTER without =", "ECS_CLUSTER prod", false],
            ["a look-alike config file", "/etc/ecs/ecsxconfig", false],
            ["a look-alike bootstrap", "/etc/eks/bootstrapxsh", false],
            ["a look-alike NodeConfig", "nodexeks.aws", false],
        ];
        for (const [label, text, host] of userDataRows) {
            it(`user data: ${label} ${host ? "marks" : "does not mark"} a container host, plain or base64`, () => {
                assert.strictEqual(isHost(INSTANCE, { userData: text }), host);
                assert.strictEqual(isHost(LAUNCH_TEMPLATE, { userData: b64(text) }), host);
                assert.strictEqual(isHost(INSTANCE, { userDataBase64: b64(text) }), host);
            });
        }

        it("base64 user data is decoded only when it is all base64 (line breaks allowed)", () => {
            const marker = b64("ECS_CLUSTER=prod\n");
            assert.strictEqual(isHost(LAUNCH_TEMPLATE, { userData: marker.replace(/(.{8})/g, "$1\n") }), true);
            assert.strictEqual(isHost(LAUNCH_TEMPLATE, { userData: `#${marker}` }), false);
            assert.strictEqual(isHost(LAUNCH_TEMPLATE, { userData: `${marker}#` }), false);
            assert.strictEqual(isHost(LAUNCH_TEMPLATE, { userData: "" }), false);
            assert.strictEqual(isHost(LAUNCH_TEMPLATE, {}), false);
        });

        it("a container host must set metadataOptions; each option is read at its path", () => {
            const host = { tags: { "eks:cluster-name": "prod" } };
            assert.deepStrictEqual(
                judge(INSTANCE, host).map((d) => d.message),
                [`[instanceMetadata] Instance "res" ${IMDS_V1}`],
            );
            const good = { httpTokens: "required", httpPutResponseHopLimit: 1 };
            assert.deepStrictEqual(seen(INSTANCE, { ...host, metadataOptions: good }), []);
            const rows: Array<[Props | string, string[]]> = [
                [{ ...good, httpTokens: "optional" }, ["instanceMetadata metadataOptions.httpTokens"]],
                [{ ...good, httpPutResponseHopLimit: 2 }, ["instanceMetadata metadataOptions.httpPutResponseHopLimit"]],
                [{ httpEndpoint: "disabled" }, []],
                ["x", ["instanceMetadata metadataOptions"]],
                [{ ...good, httpTokens: 7 }, ["instanceMetadata metadataOptions.httpTokens"]],
                [
                    { ...good, httpPutResponseHopLimit: "1" },
                    ["instanceMetadata metadataOptions.httpPutResponseHopLimit"],
                ],
                [{ ...good, httpEndpoint: 7 }, ["instanceMetadata metadataOptions.httpEndpoint"]],
                [{ ...good, httpTokens: UNKNOWN }, ["note metadataOptions.httpTokens"]],
                [{ httpEndpoint: UNKNOWN }, ["note metadataOptions.httpEndpoint"]],
            ];
            for (const [metadataOptions, expected] of rows)
                assert.deepStrictEqual(
                    seen(INSTANCE, { ...host, metadataOptions }),
                    expected,
                    JSON.stringify(metadataOptions),
                );
            assert.deepStrictEqual(
                workload(LAUNCH_TEMPLATE, {
                    metadataOptions: { httpTokens: "required", httpPutResponseHopLimit: 2, httpEndpoint: "enabled" },
                }).hostMetadata,
                {
                    path: "metadataOptions",
                    httpTokens: "required",
                    httpPutResponseHopLimit: 2,
                    httpEndpoint: "enabled",
                    unsetMeans: {
                        httpTokens: EC2_IMDS_HTTP_TOKENS.behaviour,
                        httpPutResponseHopLimit: EC2_IMDS_HOP_LIMIT.behaviour,
                    },
                },
            );
        });

        it("names: a launch template's name, else the Name tag, else the resource's name; an instance has no name input", () => {
            const name = (type: string, props: Props) => workload(type, props).name;
            assert.strictEqual(name(LAUNCH_TEMPLATE, { name: "lt", tags: { Name: "n" } }), "lt");
            assert.strictEqual(name(LAUNCH_TEMPLATE, { tags: { Name: "n" } }), "n");
            assert.strictEqual(name(LAUNCH_TEMPLATE, { name: 7 }), "res");
            assert.strictEqual(name(INSTANCE, { name: "x", tags: { Name: "n" } }), "n");
            assert.strictEqual(name(INSTANCE, { name: "x" }), "res");
            const lt = workload(LAUNCH_TEMPLATE, {});
            const vm = workload(INSTANCE, {});
            assert.deepStrictEqual(
                [lt.kind, lt.isolation, lt.platform, vm.kind, vm.isolation, vm.dockerConfigured],
                ["LaunchTemplate", "vm", "aws", "Instance", "vm", undefined],
            );
            assert.deepStrictEqual(
                judge(LAUNCH_TEMPLATE, { tags: { Name: "n" }, userData: "ECS_CLUSTER=prod" }).map((d) => d.message),
                [`[instanceMetadata] LaunchTemplate "n" ${IMDS_V1}`],
            );
        });

        it("a launch template's instance tags (not other resources' tags) are its instances' labels", () => {
            const lt = workload(LAUNCH_TEMPLATE, {
                tags: { team: "infra" },
                tagSpecifications: [
                    { resourceType: "instance", tags: { tenant: "acme" } },
                    { resourceType: "volume", tags: { tenant: "x", "eks:cluster-name": "prod" } },
                    { tags: { owner: "o" } },
                ],
            });
            assert.deepStrictEqual(
                [{ ...lt.labels }, { ...lt.podLabels }, lt.containerHost],
                [{ team: "infra" }, { tenant: "acme", owner: "o" }, false],
            );
            const untagged = workload(LAUNCH_TEMPLATE, {
                tags: { tenant: "acme" },
                tagSpecifications: [{ resourceType: "volume", tags: { a: "b" } }],
            });
            assert.deepStrictEqual({ ...untagged.podLabels }, { tenant: "acme" });
            const instance = workload(INSTANCE, {
                tags: { tenant: "acme" },
                tagSpecifications: [{ tags: { tenant: "other" } }],
            });
            assert.deepStrictEqual({ ...instance.podLabels }, { tenant: "acme" });
            const stack = judgeStack([
                { type: LAUNCH_TEMPLATE, name: "lt", props: { tagSpecifications: [{ tags: { tenant: "a,b" } }] } },
            ]);
            assert.deepStrictEqual(
                stack.stack.map((d) => d.check),
                ["tenantSharedHost"],
            );
        });
    });

    describe("EKS Fargate profiles", () => {
        const selectors = (props: Props) =>
            fargateProfileSelectors(FARGATE_PROFILE, props).map((s) => ({
                namespace: s.namespace,
                labels: { ...s.labels },
            }));
        it("reads each selector's namespace and labels", () => {
            assert.deepStrictEqual(
                selectors({ selectors: [{ namespace: "a" }, { namespace: "b", labels: { x: "y" } }] }),
                [
                    { namespace: "a", labels: {} },
                    { namespace: "b", labels: { x: "y" } },
                ],
            );
            assert.deepStrictEqual(selectors({ selectors: [{ labels: { x: "y" } }, { namespace: "b" }] }), [
                { namespace: "b", labels: {} },
            ]);
            assert.deepStrictEqual(fargateProfileSelectors(INSTANCE, { selectors: [{ namespace: "a" }] }), []);
        });
        it("an unknown or malformed selector proves nothing: no selector at all is taken", () => {
            for (const props of [
                { selectors: [{ namespace: "a" }, { namespace: UNKNOWN }] },
                { selectors: [{ namespace: UNKNOWN }, { namespace: "a" }] },
                { selectors: [{ namespace: "a" }, { namespace: 7 }] },
                { selectors: [{ namespace: "a", labels: { x: UNKNOWN } }] },
                { selectors: [{ namespace: "a" }, { namespace: "b", labels: "x" }] },
                { selectors: "x" },
                { selectors: [UNKNOWN, { namespace: "a" }] },
            ])
                assert.deepStrictEqual(selectors(props), [], JSON.stringify(props));
        });
    });

    describe("values judged by no check, unknown at preview", () => {
        // Names, images, tags and user data are read for messages, tenancy and host detection; unknown, they are
        // recorded at their path like every other unknown, which AnalyzeStack reads (a Namespace not created yet).
        const container = (fields: Props) => task({}, [{ ...hardenedContainerDefinition(), ...fields }]);
        const rows: Array<[string, string, Props]> = [
            ["a task's family", TASK_DEFINITION, task({ family: UNKNOWN })],
            ["a task's tags", TASK_DEFINITION, task({ tags: UNKNOWN })],
            ["a container's name", TASK_DEFINITION, container({ name: UNKNOWN })],
            ["a container's image", TASK_DEFINITION, container({ image: UNKNOWN })],
            ["a container's readonlyRootFilesystem", TASK_DEFINITION, container({ readonlyRootFilesystem: UNKNOWN })],
            ["a volume's name", TASK_DEFINITION, task({ volumes: [{ name: UNKNOWN }] })],
            ["a service's name", ECS_SERVICE, { name: UNKNOWN }],
            ["a service's tags", ECS_SERVICE, { tags: UNKNOWN }],
            ["an awsx service's name", AWSX_EC2_SERVICE, { name: UNKNOWN }],
            ["an awsx service's tags", AWSX_EC2_SERVICE, { tags: UNKNOWN }],
            ["an awsx service's task tags", AWSX_EC2_SERVICE, { taskDefinitionArgs: { tags: UNKNOWN } }],
            ["a job's name", JOB_DEFINITION, { name: UNKNOWN }],
            ["a job's tags", JOB_DEFINITION, { tags: UNKNOWN }],
            [
                "an EKS job's pod metadata",
                JOB_DEFINITION,
                { eksProperties: { podProperties: { hostNetwork: false, metadata: UNKNOWN } } },
            ],
            [
                "an EKS job's pod labels",
                JOB_DEFINITION,
                { eksProperties: { podProperties: { hostNetwork: false, metadata: { labels: UNKNOWN } } } },
            ],
            ["an instance's tags", INSTANCE, { tags: UNKNOWN }],
            ["an instance's user data", INSTANCE, { userData: UNKNOWN }],
            ["an instance's base64 user data", INSTANCE, { userDataBase64: UNKNOWN }],
            ["a launch template's name", LAUNCH_TEMPLATE, { name: UNKNOWN }],
            ["a launch template's tag specifications", LAUNCH_TEMPLATE, { tagSpecifications: UNKNOWN }],
            [
                "a tag specification's resource type",
                LAUNCH_TEMPLATE,
                { tagSpecifications: [{ resourceType: UNKNOWN }] },
            ],
            ["a tag specification's tags", LAUNCH_TEMPLATE, { tagSpecifications: [{ tags: UNKNOWN }] }],
        ];
        for (const [label, type, props] of rows) {
            it(`${label}: recorded at a path, and the stack is judged`, () => {
                const issues = workload(type, props).issues.filter((i) => i.kind === "unknown");
                assert.strictEqual(issues.length, 1, JSON.stringify(issues));
                assert.strictEqual(typeof issues[0].path, "string");
                const judged = judgeStack([{ type, name: "r", props }]);
                assert.deepStrictEqual(
                    judged.resource.filter((d) => !d.advisory),
                    [],
                );
            });
        }
    });

    describe("isolation: a Fargate task, service or job is a VM, so two tenants on it share it", () => {
        const twoTenants = { tenant: "acme,globex" };
        const rows: Array<[string, string, Props, boolean]> = [
            ["a Fargate task definition", TASK_DEFINITION, { requiresCompatibilities: ["FARGATE"] }, true],
            ["an EC2 task definition", TASK_DEFINITION, { requiresCompatibilities: ["EC2"] }, false],
            ["a Fargate service", ECS_SERVICE, { launchType: "FARGATE" }, true],
            ["an EC2 service", ECS_SERVICE, { launchType: "EC2" }, false],
            ["a Fargate job", JOB_DEFINITION, { platformCapabilities: ["FARGATE"], containerProperties: "{}" }, true],
            ["an EC2 job", JOB_DEFINITION, { platformCapabilities: ["EC2"], containerProperties: "{}" }, false],
            ["an EKS job", JOB_DEFINITION, { eksProperties: { podProperties: {} } }, false],
            ["an awsx FargateService", AWSX_FARGATE_SERVICE, {}, true],
            ["an awsx EC2Service", AWSX_EC2_SERVICE, {}, false],
            ["an awsx FargateTaskDefinition", AWSX_FARGATE_TASK_DEFINITION, {}, true],
            ["an awsx EC2TaskDefinition", AWSX_EC2_TASK_DEFINITION, {}, false],
            ["an EC2 instance", INSTANCE, {}, true],
            ["a launch template", LAUNCH_TEMPLATE, {}, true],
        ];
        for (const [label, type, props, vm] of rows) {
            it(`${label} is ${vm ? "a VM" : "containers on a shared kernel"}`, () => {
                const tagged = { ...props, tags: twoTenants };
                assert.strictEqual(workload(type, tagged).isolation, vm ? "vm" : "container");
                assert.deepStrictEqual(
                    judgeStack([{ type, name: "r", props: tagged }]).stack.map((d) => d.check),
                    vm ? ["tenantSharedHost"] : [],
                );
            });
        }
    });

    describe("model details", () => {
        it("a bind Docker volume without a device stays a plain volume", () => {
            const w = workload(
                TASK_DEFINITION,
                task({ volumes: [{ name: "v", dockerVolumeConfiguration: { driverOpts: { o: "bind" } } }] }),
            );
            assert.deepStrictEqual(w.volumes, [{ name: "v", types: ["volume"], readOnly: true, path: "volumes[0]" }]);
        });

        it("a mount without a sourceVolume counts against an unnamed volume: writable, never assumed read-only", () => {
            const c = { ...hardenedContainerDefinition(), mountPoints: [{ containerPath: "/tz" }] };
            const props = task({ volumes: [{ hostPath: "/etc/localtime" }] }, [c]);
            assert.deepStrictEqual(workload(TASK_DEFINITION, props).containers[0].mounts[0].volume, "");
            assert.deepStrictEqual(seen(TASK_DEFINITION, props), ["sensitiveHostPath volumes[0].hostPath"]);
        });

        it("an awsx task definition reads its placement constraints once", () => {
            const pinned = { type: "memberOf", expression: "attribute:tenant == acme" };
            for (const type of [AWSX_EC2_TASK_DEFINITION, AWSX_FARGATE_TASK_DEFINITION]) {
                const w = workload(type, { placementConstraints: [pinned] });
                assert.deepStrictEqual(w.hostAttributes, [
                    { name: "tenant", value: "acme", path: "placementConstraints[0].expression" },
                ]);
                assert.strictEqual(w.podLabels, w.labels, type);
            }
        });

        it("an EKS job without podProperties has no pod spec", () => {
            const w = workload(JOB_DEFINITION, { eksProperties: {} });
            assert.deepStrictEqual([w.specPath, w.pod, w.containers], ["", { path: "" }, []]);
        });
    });

    describe("an unknown or malformed entry next to FARGATE proves no Fargate (it may be EC2)", () => {
        const tenantJob = (platformCapabilities: unknown[]) => ({
            name: "j",
            tags: MULTI_TENANT,
            platformCapabilities,
            containerProperties: JSON.stringify({ image: "x", user: "1000" }),
        });
        const svc = (extra: Props) => ({ name: "s", tags: MULTI_TENANT, ...extra });
        const rows: Array<[string, string, Props, string[]]> = [
            [
                "task compatibilities, unknown",
                TASK_DEFINITION,
                tenantTask({ requiresCompatibilities: ["FARGATE", UNKNOWN] }),
                ["note requiresCompatibilities[1]"],
            ],
            [
                "task compatibilities, malformed",
                TASK_DEFINITION,
                tenantTask({ requiresCompatibilities: ["FARGATE", 7] }),
                ["sandboxedRuntime requiresCompatibilities[1]"],
            ],
            [
                "a capacity provider, unknown",
                ECS_SERVICE,
                svc({ capacityProviderStrategies: [{ capacityProvider: "FARGATE" }, { capacityProvider: UNKNOWN }] }),
                ["note capacityProviderStrategies[1].capacityProvider"],
            ],
            [
                "a capacity provider, malformed",
                ECS_SERVICE,
                svc({ capacityProviderStrategies: [{ capacityProvider: "FARGATE" }, { capacityProvider: 7 }] }),
                ["sandboxedRuntime capacityProviderStrategies[1].capacityProvider"],
            ],
            [
                "an unknown launch type next to Fargate providers",
                ECS_SERVICE,
                svc({ launchType: UNKNOWN, capacityProviderStrategies: [{ capacityProvider: "FARGATE" }] }),
                ["note launchType"],
            ],
            [
                "Batch platform capabilities, unknown",
                JOB_DEFINITION,
                tenantJob(["FARGATE", UNKNOWN]),
                ["note platformCapabilities[1]"],
            ],
            [
                "Batch platform capabilities, malformed",
                JOB_DEFINITION,
                tenantJob(["FARGATE", 7]),
                ["sandboxedRuntime platformCapabilities[1]"],
            ],
        ];
        for (const [label, type, props, expected] of rows) {
            it(`${label}: not a VM, so a multi-tenant one is not passed`, () => {
                assert.strictEqual(workload(type, props).isolation, "container");
                assert.deepStrictEqual(seen(type, props), expected);
            });
        }
    });
});
