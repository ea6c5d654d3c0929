// ECS and Batch container documents read as the AWS provider decodes them, with Go's encoding/json (./goJson.ts):
// keys match fields case-insensitively and the last match wins; a struct decoded twice merges, a map keeps both sets
// of keys, null clears, a list is replaced. Every expectation below is what Go 1.26 decoded into the SDK's shapes.
import * as assert from "assert";
import { decodeAsGo, foldKey, viewAsGo } from "../../adapters/aws/goJson";
import { toWorkloads } from "../../adapters";
import { judge } from "../helpers";
import {
    AWSX_EC2_SERVICE,
    JOB_DEFINITION,
    TASK_DEFINITION,
    Props,
    hardenedContainerDefinition,
    hardenedFargateTask,
} from "../fixtures/aws";
import { hardenedPodSpec } from "../fixtures/kubernetes";
import { secret } from "../harness/engine";

const plain = (v: unknown) => JSON.parse(JSON.stringify(v)) as unknown;

describe("ECS JSON as Go decodes it", () => {
    describe("the decoder", () => {
        const rows: Array<[string, unknown]> = [
            ['[{"privileged": false, "Privileged": true}]', [{ privileged: true }]],
            ['[{"privileged": true, "Privileged": false, "privileged": true}]', [{ privileged: true }]],
            ['[{"Privileged": true, "privileged": null}]', [{ privileged: null }]],
            [
                '[{"linuxParameters": {"capabilities": {"add": ["SYS_ADMIN"]}}, "LinuxParameters": {"Capabilities": {"drop": ["ALL"]}}}]',
                [{ linuxParameters: { capabilities: { add: ["SYS_ADMIN"], drop: ["ALL"] } } }],
            ],
            [
                '[{"linuxParameters": {"capabilities": {"add": ["A"]}}, "LINUXPARAMETERS": {"capabilities": {"ADD": ["B"]}}}]',
                [{ linuxParameters: { capabilities: { add: ["B"] } } }],
            ],
            [
                '[{"linuxParameters": {"capabilities": {"add": ["A"]}}, "linuxParameters": null}]',
                [{ linuxParameters: null }],
            ],
            [
                '[{"dockerLabels": {"tenant": "a"}, "DockerLabels": {"Tenant": "b", "tenant": "c"}}]',
                [{ dockerLabels: { tenant: "c", Tenant: "b" } }],
            ],
            [
                '[{"dockerSecurityOptions": ["no-new-privileges"], "DockerSecurityOptions": ["label=disable"]}]',
                [{ dockerSecurityOptions: ["label=disable"] }],
            ],
            [
                '[{"mountPoints": [{"sourceVolume": "a", "SourceVolume": "b", "readOnly": true, "READONLY": false}]}]',
                [{ mountPoints: [{ sourceVolume: "b", readOnly: false }] }],
            ],
            [
                '[{"systemControls": [{"NAMESPACE": "kernel.x", "namespace": "net.y"}]}]',
                [{ systemControls: [{ namespace: "net.y" }] }],
            ],
            ['[{"u\u017fer": "root", "\\u0050rivileged": true}]', [{ user: "root", privileged: true }]],
            [
                '[{"linuxParameters": {"devices": [{"hostpath": "/dev/a"}], "DEVICES": [{"HostPath": "/dev/b"}]}}]',
                [{ linuxParameters: { devices: [{ hostPath: "/dev/b" }] } }],
            ],
            ['[{"Name": "x", "name": "y"}]', [{ name: "y" }]],
            [
                '{"unknownField": {"Privileged": true}, "x": [1, -2.5e3, "s", false]}',
                { unknownField: { privileged: true }, x: [1, -2500, "s", false] },
            ],
            ['{"driverOpts": {"O": "bind", "o": "ro"}}', { driverOpts: { O: "bind", o: "ro" } }],
            ["  {}  ", {}],
            ["[]", []],
        ];
        for (const [text, expected] of rows)
            it(`${text} → ${JSON.stringify(expected)}`, () => {
                assert.deepStrictEqual(plain(decodeAsGo(text)), expected);
            });

        for (const bad of [
            "[{",
            '{"a" 1}',
            '{"a":1,}',
            "[1,]",
            "[1 2]",
            "{a:1}",
            "'x'",
            "01",
            "1.",
            "tru",
            "[] x",
            '"\\x"',
            '{"a":1 "b":2}',
            "",
        ])
            it(`rejects ${JSON.stringify(bad)}, as Go does`, () => {
                assert.throws(() => decodeAsGo(bad), SyntaxError);
            });

        it("folds keys as Go does: ASCII case, long s and the Kelvin sign; nothing else", () => {
            assert.strictEqual(foldKey("ReadOnly"), "readonly");
            assert.strictEqual(foldKey("\u017f\u212a"), "sk");
            assert.strictEqual(foldKey("\u0130x"), "\u0130x");
        });

        it("keeps a document's keys free of prototypes: __proto__ is a key like any other", () => {
            const doc = decodeAsGo('{"__proto__": {"privileged": true}}') as Record<string, unknown>;
            assert.ok(Object.prototype.hasOwnProperty.call(doc, "__proto__"));
            assert.strictEqual((doc as { privileged?: unknown }).privileged, undefined);
        });

        it("views an object handed over as a value the same way, keeping secrets secret", () => {
            const view = viewAsGo({
                privileged: false,
                Privileged: secret(true),
                LinuxParameters: { Capabilities: { Add: ["X"] } },
            });
            assert.deepStrictEqual(plain(view), {
                privileged: secret(true),
                linuxParameters: { capabilities: { add: ["X"] } },
            });
            assert.deepStrictEqual(plain(viewAsGo([1, null, undefined])), [1, null, null]);
        });

        it("a secret's content is decoded, folded and merged as its plain value would be, and stays secret", () => {
            // The provider serializes a secret as its plain value: Go folds the keys inside it too.
            assert.deepStrictEqual(plain(viewAsGo({ LinuxParameters: secret({ Capabilities: { Drop: ["ALL"] } }) })), {
                linuxParameters: secret({ capabilities: { drop: ["ALL"] } }),
            });
            // A second spelling after a secret merges into the secret's struct (the result is secret) ...
            assert.deepStrictEqual(
                plain(
                    viewAsGo({
                        linuxParameters: secret({ capabilities: { drop: ["ALL"] } }),
                        LinuxParameters: { devices: [{ hostPath: "/dev/mem" }] },
                    }),
                ),
                { linuxParameters: secret({ capabilities: { drop: ["ALL"] }, devices: [{ hostPath: "/dev/mem" }] }) },
            );
            // ... and a secret after a plain spelling merges into it, not over it.
            assert.deepStrictEqual(
                plain(
                    viewAsGo({
                        linuxParameters: { capabilities: { drop: ["ALL"] } },
                        LinuxParameters: secret({ Capabilities: { Add: ["SYS_ADMIN"] } }),
                    }),
                ),
                { linuxParameters: secret({ capabilities: { drop: ["ALL"], add: ["SYS_ADMIN"] } }) },
            );
            // A scalar after a secret scalar replaces it, as the last match wins.
            assert.deepStrictEqual(plain(viewAsGo({ privileged: secret(true), Privileged: false })), {
                privileged: false,
            });
        });
    });

    describe("every field the adapter reads", () => {
        const ids = (type: string, props: Props) =>
            judge(type, props)
                .filter((d) => !d.advisory)
                .map((d) => d.check)
                .sort();
        const raw = (text: string): Props => ({
            ...hardenedFargateTask(),
            requiresCompatibilities: ["EC2"],
            containerDefinitions: text,
        });
        const base = JSON.stringify(hardenedContainerDefinition()).slice(1, -1);

        it('"privileged": false, "Privileged": true registers a privileged container', () => {
            assert.deepStrictEqual(ids(TASK_DEFINITION, raw(`[{${base}, "privileged": false, "Privileged": true}]`)), [
                "privileged",
            ]);
            assert.deepStrictEqual(
                ids(TASK_DEFINITION, raw(`[{${base}, "Privileged": true, "privileged": false}]`)),
                [],
            );
        });

        it("nested objects follow the rule: capabilities, devices, mount points, security options, sysctls, user", () => {
            const caps = raw(`[{${base}, "LinuxParameters": {"Capabilities": {"Add": ["SYS_ADMIN"]}}}]`);
            // Merged into the base's linuxParameters (drop ALL), as Go merges a struct decoded twice.
            assert.deepStrictEqual(ids(TASK_DEFINITION, caps), ["capabilities_restricted"]);
            const dev = raw(`[{${base}, "linuxparameters": {"DEVICES": [{"HOSTPATH": "/dev/mem"}]}}]`);
            assert.ok(ids(TASK_DEFINITION, dev).includes("hostDevices"), ids(TASK_DEFINITION, dev).join());
            const mount = {
                ...raw(
                    `[{${base}, "MountPoints": [{"SourceVolume": "sock", "ContainerPath": "/s", "readOnly": true, "ReadOnly": false}]}]`,
                ),
                volumes: [{ name: "sock", hostPath: "/var/run/docker.sock" }],
            };
            assert.deepStrictEqual(ids(TASK_DEFINITION, mount), ["sensitiveHostPath"]);
            const label = raw(`[{${base}, "DockerSecurityOptions": ["label=disable"]}]`);
            assert.ok(ids(TASK_DEFINITION, label).includes("seLinuxOptions"), ids(TASK_DEFINITION, label).join());
            const sysctl = raw(`[{${base}, "SystemControls": [{"Namespace": "kernel.core_pattern", "Value": "x"}]}]`);
            assert.ok(ids(TASK_DEFINITION, sysctl).includes("sysctls"), ids(TASK_DEFINITION, sysctl).join());
            const [w] = toWorkloads(
                TASK_DEFINITION,
                "t",
                raw(`[{${base}, "USER": "root", "Name": "x", "IMAGE": "i"}]`),
            );
            assert.deepStrictEqual(
                [w.containers[0].user, w.containers[0].name, w.containers[0].image],
                ["root", "x", "i"],
            );
        });

        it("a second spelling beside a secret struct is read, in either order", () => {
            const handedOver = (first: object, second: object): Props => ({
                ...raw("[]"),
                containerDefinitions: [{ ...hardenedContainerDefinition(), ...first, ...second }],
            });
            const dropAll = { linuxParameters: secret({ capabilities: { drop: ["ALL"] } }) };
            const device = { LinuxParameters: { devices: [{ hostPath: "/dev/mem" }] } };
            assert.deepStrictEqual(ids(TASK_DEFINITION, handedOver(dropAll, device)), ["hostDevices"]);
            const add = { LinuxParameters: secret({ Capabilities: { Add: ["SYS_ADMIN"] } }) };
            const plainDrop = { linuxParameters: { capabilities: { drop: ["ALL"] } } };
            assert.deepStrictEqual(ids(TASK_DEFINITION, handedOver(plainDrop, add)), ["capabilities_restricted"]);
        });

        it("dockerLabels keys stay exact (a Go map): `Tenancy` is not the `tenancy` marker", () => {
            const [w] = toWorkloads(
                TASK_DEFINITION,
                "t",
                raw(`[{${base}, "DockerLabels": {"Tenancy": "multi-tenant"}}]`),
            );
            assert.deepStrictEqual({ ...w.podLabels }, { Tenancy: "multi-tenant" });
            const [v] = toWorkloads(
                TASK_DEFINITION,
                "t",
                raw(`[{${base}, "dockerlabels": {"tenancy": "multi-tenant"}}]`),
            );
            assert.deepStrictEqual({ ...v.podLabels }, { tenancy: "multi-tenant" });
        });

        it("a document handed over unstringified, a Batch job's properties and an awsx container read alike", () => {
            assert.deepStrictEqual(
                ids(TASK_DEFINITION, {
                    ...raw("[]"),
                    containerDefinitions: [{ ...hardenedContainerDefinition(), Privileged: true }],
                }),
                ["privileged"],
            );
            const job = {
                name: "j",
                platformCapabilities: ["EC2"],
                containerProperties: JSON.stringify({ image: "i", user: "1000", privileged: false, PRIVILEGED: true }),
            };
            assert.deepStrictEqual(ids(JOB_DEFINITION, job), ["privileged"]);
            const awsx = { taskDefinitionArgs: { container: { ...hardenedContainerDefinition(), Privileged: true } } };
            assert.deepStrictEqual(ids(AWSX_EC2_SERVICE, awsx), ["privileged"]);
            const many = {
                taskDefinitionArgs: {
                    containers: { web: { ...hardenedContainerDefinition(), Name: "x", Privileged: true } },
                },
            };
            const [w] = toWorkloads(AWSX_EC2_SERVICE, "s", many);
            assert.deepStrictEqual([w.containers[0].name, w.containers[0].security.privileged], ["web", true]);
        });

        it("a Batch EKS pod spec keeps Kubernetes' exact field names", () => {
            const pod = { ...hardenedPodSpec(), hostNetwork: false, HostPID: true };
            assert.deepStrictEqual(
                ids(JOB_DEFINITION, { name: "j", eksProperties: JSON.stringify({ podProperties: pod }) }),
                [],
            );
        });

        it("JSON Go rejects is malformed, reported at containerDefinitions", () => {
            const [w] = toWorkloads(TASK_DEFINITION, "t", raw("[{'privileged': true}]"));
            assert.deepStrictEqual(
                w.issues.map((i) => [i.kind, i.path]),
                [["malformed", "containerDefinitions"]],
            );
        });
    });
});

describe("ECS JSON as Go decodes it: the fields the adapter folds", () => {
    // Every field a reader of the aws adapter asks of these documents, spelled as the API does: written in upper case
    // it still reaches the reader. Maps keep their keys as written.
    const fields = [
        "add",
        "capabilities",
        "container",
        "containerPath",
        "containers",
        "devices",
        "dockerLabels",
        "dockerSecurityOptions",
        "dockerVolumeConfiguration",
        "driver",
        "driverOpts",
        "expression",
        "drop",
        "host",
        "hostPath",
        "image",
        "ipcMode",
        "labels",
        "linuxParameters",
        "mountPoints",
        "name",
        "namespace",
        "networkMode",
        "nodeRangeProperties",
        "options",
        "permissions",
        "pidMode",
        "placementConstraints",
        "privileged",
        "readOnly",
        "readonlyRootFilesystem",
        "resourceRequirements",
        "sourcePath",
        "sourceVolume",
        "systemControls",
        "taskProperties",
        "type",
        "user",
        "value",
        "volumes",
    ];
    for (const field of fields)
        it(`${field.toUpperCase()} is read as ${field}`, () => {
            assert.deepStrictEqual(Object.keys(decodeAsGo(`{"${field.toUpperCase()}": 1}`) as object), [field]);
        });
    for (const map of ["dockerLabels", "driverOpts", "labels", "options"])
        it(`${map} is a map: its keys stay exact and a second object adds to the first`, () => {
            const doc = decodeAsGo(
                `{"${map}": {"K": "1"}, "${map.toUpperCase()}": {"k": "2", "STRUCT": {"NAME": "x"}}}`,
            );
            assert.deepStrictEqual(plain(doc), { [map]: { K: "1", k: "2", STRUCT: { name: "x" } } });
        });
});
