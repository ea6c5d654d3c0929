// Every field the Docker adapter reads (docker.Container, docker.Service's task spec, docker.Volume), one row each:
// a value of the wrong type is recorded at its exact path and routed to the checks that read that field, so the
// violation names the field; the same field unknown at preview is deferred with a note naming it (or, for fields no
// check judges, silently), and never breaks the stack analysis. A field the adapter stops reading, or reads under
// another name or another field key, fails its row.
import * as assert from "assert";
import { toWorkloads } from "../../adapters";
import { FieldKey } from "../../model/workload";
import { judge, judgeStack } from "../helpers";
import { DOCKER_CONTAINER, DOCKER_SERVICE, hardenedContainer, hardenedService } from "../fixtures/docker";
import { Obj } from "../fixtures/kubernetes";

const DOCKER_VOLUME = "docker:index/volume:Volume";
/** The engine's encoding of an unknown string at preview. */
const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const MULTI_TENANT = [{ label: "tenancy", value: "multi-tenant" }];

/** Checks that judge a field other than the one a row breaks: a whole-spec ("all") issue reaches them too. */
const UNRELATED = ["privileged", "allowPrivilegeEscalation", "sensitiveHostPath", "seLinuxOptions", "runAsUser"];

interface Row {
    what: string;
    type: string;
    /** The resource's inputs with `bad` at the field under test. */
    props: (bad: unknown) => Obj;
    field: FieldKey;
    path: string;
    container?: string;
    /** Check IDs that report the malformed value; "all" for a whole-spec read (every check, see UNRELATED). */
    checks: string[] | "all";
    /** A tenancy marker: unknown at preview, it may yet make the container multi-tenant, so sandboxedRuntime defers. */
    tenancyMarker?: true;
}

function container(extra: (bad: unknown) => Obj): (bad: unknown) => Obj {
    return (bad) => ({ ...hardenedContainer(), ...extra(bad) });
}

function service(edit: (s: Obj, bad: unknown) => void): (bad: unknown) => Obj {
    return (bad) => {
        const s = hardenedService();
        edit(s, bad);
        return s;
    };
}

function volume(extra: (bad: unknown) => Obj): (bad: unknown) => Obj {
    return (bad) => ({ name: "data", ...extra(bad) });
}

const C = DOCKER_CONTAINER;
const S = DOCKER_SERVICE;
const V = DOCKER_VOLUME;
const cs = (s: Obj): Obj => s.taskSpec.containerSpec;
const web = "web";

const ROWS: Row[] = [
    // docker.Container
    { what: "name", type: C, props: container((b) => ({ name: b })), field: "other", path: "name", checks: [] },
    {
        what: "labels",
        type: C,
        props: container((b) => ({ labels: b })),
        field: "labels",
        path: "labels",
        checks: [],
        tenancyMarker: true,
    },
    {
        what: "a label's name",
        type: C,
        props: container((b) => ({ labels: [{ label: b, value: "x" }] })),
        field: "labels",
        path: "labels[0]",
        checks: [],
        tenancyMarker: true,
    },
    {
        what: "a label's value",
        type: C,
        props: container((b) => ({
            labels: [
                { label: "a", value: "x" },
                { label: "b", value: b },
            ],
        })),
        field: "labels",
        path: "labels[1]",
        checks: [],
        tenancyMarker: true,
    },
    {
        what: "privileged",
        type: C,
        props: container((b) => ({ privileged: b })),
        field: "privileged",
        path: "privileged",
        container: web,
        checks: ["privileged"],
    },
    {
        what: "capabilities",
        type: C,
        props: container((b) => ({ capabilities: b })),
        field: "capabilities",
        path: "capabilities",
        container: web,
        checks: ["capabilities_restricted"],
    },
    {
        what: "capabilities.adds",
        type: C,
        props: container((b) => ({ capabilities: { drops: ["ALL"], adds: b } })),
        field: "capabilities",
        path: "capabilities.adds",
        container: web,
        checks: ["capabilities_restricted"],
    },
    {
        what: "capabilities.drops",
        type: C,
        props: container((b) => ({ capabilities: { drops: b } })),
        field: "capabilities",
        path: "capabilities.drops",
        container: web,
        checks: ["capabilities_restricted"],
    },
    {
        what: "readOnly",
        type: C,
        props: container((b) => ({ readOnly: b })),
        field: "other",
        path: "readOnly",
        container: web,
        checks: [],
    },
    {
        what: "securityOpts",
        type: C,
        props: container((b) => ({ securityOpts: b })),
        field: "all",
        path: "securityOpts",
        container: web,
        checks: "all",
    },
    {
        what: "a securityOpts entry",
        type: C,
        props: container((b) => ({ securityOpts: ["no-new-privileges", b] })),
        field: "all",
        path: "securityOpts[1]",
        container: web,
        checks: "all",
    },
    ...(["pidMode", "ipcMode", "networkMode", "usernsMode", "cgroupnsMode"] as const).map((key): Row => ({
        what: key,
        type: C,
        props: container((b) => ({ [key]: b })),
        field: "hostNamespaces",
        path: key,
        checks: ["hostNamespaces"],
    })),
    {
        what: "runtime (multi-tenant)",
        type: C,
        props: container((b) => ({ labels: MULTI_TENANT, runtime: b })),
        field: "runtime",
        path: "runtime",
        checks: ["sandboxedRuntime"],
    },
    {
        what: "volumes",
        type: C,
        props: container((b) => ({ volumes: b })),
        field: "volumes",
        path: "volumes",
        container: web,
        checks: ["sensitiveHostPath"],
    },
    {
        what: "volumes[].hostPath",
        type: C,
        props: container((b) => ({ volumes: [{ volumeName: "v" }, { hostPath: b, containerPath: "/x" }] })),
        field: "hostPath",
        path: "volumes[1].hostPath",
        container: web,
        checks: ["sensitiveHostPath"],
    },
    {
        what: "volumes[].readOnly",
        type: C,
        props: container((b) => ({ volumes: [{ hostPath: "/srv/data", containerPath: "/x", readOnly: b }] })),
        field: "hostPath",
        path: "volumes[0].readOnly",
        container: web,
        checks: ["sensitiveHostPath"],
    },
    {
        what: "volumes[].volumeName",
        type: C,
        props: container((b) => ({ volumes: [{ volumeName: b, containerPath: "/x" }] })),
        field: "hostPath",
        path: "volumes[0].volumeName",
        container: web,
        checks: ["sensitiveHostPath"],
    },
    {
        what: "mounts",
        type: C,
        props: container((b) => ({ mounts: b })),
        field: "volumes",
        path: "mounts",
        container: web,
        checks: ["sensitiveHostPath"],
    },
    {
        what: "mounts[].type",
        type: C,
        props: container((b) => ({ mounts: [{ type: b, source: "cache", target: "/c" }] })),
        field: "volumes",
        path: "mounts[0].type",
        container: web,
        checks: ["sensitiveHostPath"],
    },
    {
        what: "mounts[].source",
        type: C,
        props: container((b) => ({ mounts: [{ type: "bind", source: b, target: "/c" }] })),
        field: "hostPath",
        path: "mounts[0].source",
        container: web,
        checks: ["sensitiveHostPath"],
    },
    {
        what: "mounts[].readOnly",
        type: C,
        props: container((b) => ({ mounts: [{ type: "volume", source: "cache", target: "/c", readOnly: b }] })),
        field: "hostPath",
        path: "mounts[0].readOnly",
        container: web,
        checks: ["sensitiveHostPath"],
    },
    {
        what: "mounts[].target",
        type: C,
        props: container((b) => ({ mounts: [{ type: "volume", source: "cache", target: b }] })),
        field: "volumes",
        path: "mounts[0].target",
        container: web,
        checks: ["sensitiveHostPath"],
    },
    {
        what: "mounts[].bindOptions",
        type: C,
        props: container((b) => ({ mounts: [{ type: "bind", source: "/srv/data", target: "/d", bindOptions: b }] })),
        field: "mountPropagation",
        path: "mounts[0].bindOptions",
        container: web,
        checks: ["mountPropagation"],
    },
    {
        what: "mounts[].bindOptions.propagation",
        type: C,
        props: container((b) => ({
            mounts: [{ type: "bind", source: "/srv/data", target: "/d", bindOptions: { propagation: b } }],
        })),
        field: "mountPropagation",
        path: "mounts[0].bindOptions.propagation",
        container: web,
        checks: ["mountPropagation"],
    },
    {
        what: "mounts[].volumeOptions",
        type: C,
        props: container((b) => ({ mounts: [{ type: "volume", source: "cache", target: "/c", volumeOptions: b }] })),
        field: "hostPath",
        path: "mounts[0].volumeOptions",
        container: web,
        checks: ["sensitiveHostPath"],
    },
    {
        what: "mounts[].volumeOptions.driverOptions",
        type: C,
        props: container((b) => ({
            mounts: [{ type: "volume", source: "cache", target: "/c", volumeOptions: { driverOptions: b } }],
        })),
        field: "hostPath",
        path: "mounts[0].volumeOptions.driverOptions",
        container: web,
        checks: ["sensitiveHostPath"],
    },
    {
        what: "mounts[].volumeOptions.driverOptions.device",
        type: C,
        props: container((b) => ({
            mounts: [
                {
                    type: "volume",
                    source: "cache",
                    target: "/c",
                    volumeOptions: { driverOptions: { o: "bind", device: b } },
                },
            ],
        })),
        field: "hostPath",
        path: "mounts[0].volumeOptions.driverOptions.device",
        container: web,
        checks: ["sensitiveHostPath"],
    },
    {
        what: "mounts[].volumeOptions.driverName",
        type: C,
        props: container((b) => ({
            mounts: [{ type: "volume", source: "cache", target: "/c", volumeOptions: { driverName: b } }],
        })),
        field: "hostPath",
        path: "mounts[0].volumeOptions.driverName",
        container: web,
        checks: ["sensitiveHostPath"],
    },
    {
        what: "devices",
        type: C,
        props: container((b) => ({ devices: b })),
        field: "devices",
        path: "devices",
        container: web,
        checks: ["hostDevices"],
    },
    {
        what: "devices[].hostPath",
        type: C,
        props: container((b) => ({ devices: [{ hostPath: b, containerPath: "/dev/x" }] })),
        field: "devices",
        path: "devices[0].hostPath",
        container: web,
        checks: ["hostDevices"],
    },
    {
        what: "sysctls",
        type: C,
        props: container((b) => ({ sysctls: b })),
        field: "sysctls",
        path: "sysctls",
        checks: ["sysctls"],
    },
    {
        what: "a sysctls value",
        type: C,
        props: container((b) => ({ sysctls: { "net.ipv4.tcp_syncookies": b } })),
        field: "sysctls",
        path: "sysctls.net.ipv4.tcp_syncookies",
        checks: ["sysctls"],
    },
    {
        what: "image",
        type: C,
        props: container((b) => ({ image: b })),
        field: "other",
        path: "image",
        container: web,
        checks: [],
    },
    {
        what: "user",
        type: C,
        props: container((b) => ({ user: b })),
        field: "runAsUser",
        path: "user",
        container: web,
        checks: ["runAsNonRoot", "runAsUser"],
    },

    // docker.Service
    { what: "name", type: S, props: service((s, b) => (s.name = b)), field: "other", path: "name", checks: [] },
    {
        what: "labels",
        type: S,
        props: service((s, b) => (s.labels = b)),
        field: "labels",
        path: "labels",
        checks: [],
        tenancyMarker: true,
    },
    {
        what: "taskSpec",
        type: S,
        props: service((s, b) => (s.taskSpec = b)),
        field: "all",
        path: "taskSpec",
        checks: "all",
    },
    {
        what: "taskSpec.containerSpec",
        type: S,
        props: service((s, b) => (s.taskSpec.containerSpec = b)),
        field: "all",
        path: "taskSpec.containerSpec",
        checks: "all",
    },
    {
        what: "taskSpec.containerSpec.labels",
        type: S,
        props: service((s, b) => (cs(s).labels = [{ label: "a", value: b }])),
        field: "labels",
        path: "taskSpec.containerSpec.labels[0]",
        checks: [],
        tenancyMarker: true,
    },
    {
        what: "taskSpec.runtime (multi-tenant)",
        type: S,
        props: service((s, b) => {
            s.labels = MULTI_TENANT;
            s.taskSpec.runtime = b;
        }),
        field: "runtime",
        path: "taskSpec.runtime",
        checks: ["sandboxedRuntime"],
    },
    {
        what: "taskSpec.networksAdvanceds",
        type: S,
        props: service((s, b) => (s.taskSpec.networksAdvanceds = b)),
        field: "hostNamespaces",
        path: "taskSpec.networksAdvanceds",
        checks: ["hostNamespaces"],
    },
    {
        what: "taskSpec.networksAdvanceds[].name",
        type: S,
        props: service((s, b) => (s.taskSpec.networksAdvanceds = [{ name: "frontend" }, { name: b }])),
        field: "hostNamespaces",
        path: "taskSpec.networksAdvanceds[1].name",
        checks: ["hostNamespaces"],
    },
    {
        what: "capAdds",
        type: S,
        props: service((s, b) => (cs(s).capAdds = b)),
        field: "capabilities",
        path: "taskSpec.containerSpec.capAdds",
        container: web,
        checks: ["capabilities_restricted"],
    },
    {
        what: "capDrops",
        type: S,
        props: service((s, b) => (cs(s).capDrops = b)),
        field: "capabilities",
        path: "taskSpec.containerSpec.capDrops",
        container: web,
        checks: ["capabilities_restricted"],
    },
    {
        what: "containerSpec.readOnly",
        type: S,
        props: service((s, b) => (cs(s).readOnly = b)),
        field: "other",
        path: "taskSpec.containerSpec.readOnly",
        container: web,
        checks: [],
    },
    {
        what: "privileges",
        type: S,
        props: service((s, b) => (cs(s).privileges = b)),
        field: "seLinux",
        path: "taskSpec.containerSpec.privileges",
        container: web,
        checks: ["seLinuxOptions"],
    },
    {
        what: "privileges.seLinuxContext",
        type: S,
        props: service((s, b) => (cs(s).privileges = { seLinuxContext: b })),
        field: "seLinux",
        path: "taskSpec.containerSpec.privileges.seLinuxContext",
        container: web,
        checks: ["seLinuxOptions"],
    },
    ...(["disable", "type", "user", "role", "level"] as const).map((key): Row => ({
        what: `privileges.seLinuxContext.${key}`,
        type: S,
        props: service((s, b) => (cs(s).privileges = { seLinuxContext: { [key]: b } })),
        field: "seLinux",
        path: `taskSpec.containerSpec.privileges.seLinuxContext.${key}`,
        container: web,
        checks: ["seLinuxOptions"],
    })),
    {
        what: "containerSpec.mounts",
        type: S,
        props: service((s, b) => (cs(s).mounts = b)),
        field: "volumes",
        path: "taskSpec.containerSpec.mounts",
        container: web,
        checks: ["sensitiveHostPath"],
    },
    {
        what: "a containerSpec.mounts entry",
        type: S,
        props: service((s, b) => (cs(s).mounts = [{ type: "volume", source: "cache", target: "/c" }, b])),
        field: "volumes",
        path: "taskSpec.containerSpec.mounts[1]",
        container: web,
        checks: ["sensitiveHostPath"],
    },
    {
        what: "containerSpec.mounts[].source",
        type: S,
        props: service((s, b) => (cs(s).mounts = [{ type: "bind", source: b, target: "/c" }])),
        field: "hostPath",
        path: "taskSpec.containerSpec.mounts[0].source",
        container: web,
        checks: ["sensitiveHostPath"],
    },
    {
        what: "containerSpec.sysctl",
        type: S,
        props: service((s, b) => (cs(s).sysctl = b)),
        field: "sysctls",
        path: "taskSpec.containerSpec.sysctl",
        checks: ["sysctls"],
    },
    {
        what: "a containerSpec.sysctl value",
        type: S,
        props: service((s, b) => (cs(s).sysctl = { "net.ipv4.tcp_syncookies": b })),
        field: "sysctls",
        path: "taskSpec.containerSpec.sysctl.net.ipv4.tcp_syncookies",
        checks: ["sysctls"],
    },
    {
        what: "containerSpec.image",
        type: S,
        props: service((s, b) => (cs(s).image = b)),
        field: "other",
        path: "taskSpec.containerSpec.image",
        container: web,
        checks: [],
    },
    {
        what: "containerSpec.user",
        type: S,
        props: service((s, b) => (cs(s).user = b)),
        field: "runAsUser",
        path: "taskSpec.containerSpec.user",
        container: web,
        checks: ["runAsNonRoot", "runAsUser"],
    },

    // docker.Volume
    { what: "name", type: V, props: volume((b) => ({ name: b })), field: "other", path: "name", checks: [] },
    { what: "labels", type: V, props: volume((b) => ({ labels: b })), field: "labels", path: "labels", checks: [] },
    {
        what: "driver",
        type: V,
        props: volume((b) => ({ driver: b })),
        field: "hostPath",
        path: "driver",
        checks: ["sensitiveHostPath"],
    },
    {
        what: "driverOpts",
        type: V,
        props: volume((b) => ({ driverOpts: b })),
        field: "hostPath",
        path: "driverOpts",
        checks: ["sensitiveHostPath"],
    },
    {
        what: "driverOpts.device",
        type: V,
        props: volume((b) => ({ driver: "local", driverOpts: { type: "none", o: "bind", device: b } })),
        field: "hostPath",
        path: "driverOpts.device",
        checks: ["sensitiveHostPath"],
    },
];

function kindOf(type: string): string {
    return type === C ? "Container" : type === S ? "Service" : "Volume";
}

describe("Docker adapter: every field it reads, at its path and routed to its checks", () => {
    it("the fixtures the rows start from are clean (no issue, no finding)", () => {
        for (const [type, props] of [
            [C, hardenedContainer()],
            [S, hardenedService()],
            [V, { name: "data" }],
        ] as const) {
            assert.deepStrictEqual(toWorkloads(type, "res", props)[0].issues, [], type);
            assert.deepStrictEqual(judge(type, props), [], type);
        }
    });

    describe("a value of the wrong type", () => {
        for (const row of ROWS) {
            it(`${kindOf(row.type)} ${row.what}: recorded at ${row.path}, reported by ${JSON.stringify(row.checks)}`, () => {
                const props = row.props(7);
                const [w] = toWorkloads(row.type, "res", props);
                assert.deepStrictEqual(w.issues, [
                    { kind: "malformed", field: row.field, path: row.path, container: row.container, value: 7 },
                ]);
                const ds = judge(row.type, props).filter((d) => !d.advisory);
                if (row.checks === "all") {
                    for (const id of UNRELATED)
                        assert.ok(
                            ds.some((d) => d.check === id),
                            `${id} missing: ${ds.map((d) => d.message).join("\n")}`,
                        );
                } else {
                    assert.deepStrictEqual(
                        ds.map((d) => d.check),
                        row.checks,
                        ds.map((d) => d.message).join("\n"),
                    );
                }
                for (const d of ds.filter((x) => x.message.includes("cannot interpret")))
                    assert.ok(d.message.includes(`: ${row.path} is 7;`), d.message);
                if (row.checks === "all" || row.checks.length)
                    assert.ok(
                        ds.some((d) =>
                            d.message.includes(`cannot interpret, which is treated as a violation: ${row.path} is 7;`),
                        ),
                        ds.map((d) => d.message).join("\n"),
                    );
            });
        }
    });

    describe("a value unknown at preview", () => {
        for (const row of ROWS) {
            it(`${kindOf(row.type)} ${row.what}: deferred at ${row.path}, and the stack analysis still runs`, () => {
                const props = row.props(UNKNOWN);
                const [w] = toWorkloads(row.type, "res", props);
                assert.deepStrictEqual(w.issues, [
                    { kind: "unknown", field: row.field, path: row.path, container: row.container },
                ]);
                const ds = judge(row.type, props);
                if (row.checks === "all" || row.checks.length || row.tenancyMarker) {
                    assert.deepStrictEqual(
                        ds.map((d) => [d.check, d.advisory]),
                        [["unknownValues", true]],
                        ds.map((d) => d.message).join("\n"),
                    );
                    assert.ok(ds[0].message.endsWith(`will be judged at update: ${row.path}`), ds[0].message);
                } else {
                    // A field no check judges (names, a volume's labels, image, readOnly): nothing to defer.
                    assert.deepStrictEqual(ds, []);
                }
                // The stack model reads every resource's issues (a namespace unknown at preview is resolved there): it
                // must not trip over them, and one resource alone gives no stack finding.
                assert.deepStrictEqual(judgeStack([{ type: row.type, name: "res", props }]).stack, []);
            });
        }
    });
});
