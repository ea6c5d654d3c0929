// The KubeVirt adapter (adapters/kubevirt.ts) field by field: template labels and annotations down to the VMI, every
// field read (a value of the wrong shape → an issue with the field key that routes it and the exact path), disks that
// make a hostDisk read-only, volume source types, and passed-through devices.
import * as assert from "assert";
import { kubevirtWorkloads } from "../../adapters/kubevirt";
import { FieldIssue, Workload } from "../../model/workload";
import { Obj } from "../fixtures/kubernetes";
import { VIRTUAL_MACHINE, VM_CARRIERS, cleanVmiSpec } from "../fixtures/multitenancy";
import { checkIds } from "../helpers";

const VMI = VM_CARRIERS[1];
const POOL = VM_CARRIERS[3];
const SP = VIRTUAL_MACHINE.specPath;
const DEV = `${SP}.domain.devices`;

function issueLines(issues: FieldIssue[]): string[] {
    return issues.map((i) => [i.kind, i.field, i.path, ...(i.container === undefined ? [] : [i.container])].join(" "));
}

function vm(edit: (s: Obj) => void, type = VIRTUAL_MACHINE.type, wrap = VIRTUAL_MACHINE.wrap): Workload {
    const spec = cleanVmiSpec();
    edit(spec);
    const ws = kubevirtWorkloads(type, "vm", wrap(spec));
    assert.strictEqual(ws.length, 1);
    return ws[0];
}

describe("KubeVirt adapter: types", () => {
    for (const type of ["kubernetes:apps/v1:Deployment", "kubernetes:example.com/v1:VirtualMachine", "kubernetes:bad"])
        it(`${type} is no VM`, () =>
            assert.deepStrictEqual(kubevirtWorkloads(type, "vm", VIRTUAL_MACHINE.wrap(cleanVmiSpec())), []));

    it("names the items of a …List and prefixes their paths", () => {
        const ws = kubevirtWorkloads("kubernetes:kubevirt.io/v1:VirtualMachineList", "vms", {
            items: [VIRTUAL_MACHINE.wrap(cleanVmiSpec()), { spec: { template: { spec: { hostPID: "x" } } } }],
        });
        assert.deepStrictEqual(
            ws.map((w) => [w.name, w.specPath, issueLines(w.issues)]),
            [
                ["vm", "items[0].spec.template.spec", []],
                [
                    "vms[1]",
                    "items[1].spec.template.spec",
                    ["malformed hostNamespaces items[1].spec.template.spec.hostPID"],
                ],
            ],
        );
    });
});

describe("KubeVirt adapter: labels and annotations", () => {
    it("a VM's pod labels are its VMI template's, not its own", () => {
        const w = kubevirtWorkloads(
            VIRTUAL_MACHINE.type,
            "vm",
            VIRTUAL_MACHINE.wrap(
                cleanVmiSpec(),
                { labels: { owner: "vm" }, annotations: { note: "vm" } },
                { labels: { tier: "db" }, annotations: { a: "1" } },
            ),
        )[0];
        assert.deepStrictEqual({ ...w.labels }, { owner: "vm" });
        assert.deepStrictEqual({ ...w.podLabels }, { app: "vm", tier: "db" });
        assert.deepStrictEqual({ ...w.annotations }, { note: "vm" });
        assert.deepStrictEqual({ ...w.podAnnotations }, { a: "1" });
    });

    it("a pool merges its VM template's labels and annotations with the VMI template's, inner ones winning", () => {
        const props = POOL.wrap(cleanVmiSpec(), { labels: { owner: "pool" } });
        props.spec.virtualMachineTemplate.metadata = {
            labels: { app: "vm", tier: "outer", vmOnly: "1" },
            annotations: { x: "outer", vmOnly: "1" },
        };
        props.spec.virtualMachineTemplate.spec.template.metadata = {
            labels: { tier: "inner" },
            annotations: { x: "inner" },
        };
        const [w] = kubevirtWorkloads(POOL.type, "pool", props);
        assert.deepStrictEqual({ ...w.podLabels }, { app: "vm", tier: "inner", vmOnly: "1" });
        assert.deepStrictEqual({ ...w.podAnnotations }, { x: "inner", vmOnly: "1" });
        assert.deepStrictEqual({ ...w.labels }, { owner: "pool" });
    });

    it("a VMI's own metadata is its pod metadata", () => {
        const [w] = kubevirtWorkloads(VMI.type, "vm", VMI.wrap(cleanVmiSpec(), {}, { labels: { tier: "db" } }));
        assert.strictEqual(w.podLabels.tier, "db");
    });
});

/** One row per field the adapter reads on a VirtualMachine: a value of the wrong shape → exactly this issue. */
const FIELDS: Array<[string, (s: Obj) => void, string]> = [
    ["domain", (s) => (s.domain = "x"), `malformed all ${SP}.domain`],
    ["domain.devices", (s) => (s.domain.devices = 1), `malformed devices ${DEV}`],
    ["devices.disks", (s) => (s.domain.devices.disks = "x"), `malformed volumes ${DEV}.disks`],
    ["disks[].name", (s) => (s.domain.devices.disks[1].name = 1), `malformed volumes ${DEV}.disks[1].name`],
    ...(["disk", "lun", "cdrom"] as const).flatMap((key): Array<[string, (s: Obj) => void, string]> => [
        [
            `disks[].${key}`,
            (s) => (s.domain.devices.disks[0] = { name: "root", [key]: "x" }),
            `malformed hostPath ${DEV}.disks[0].${key}`,
        ],
        [
            `disks[].${key}.readonly`,
            (s) => (s.domain.devices.disks[0] = { name: "root", [key]: { readonly: "yes" } }),
            `malformed hostPath ${DEV}.disks[0].${key}.readonly`,
        ],
    ]),
    ...(["hostDevices", "gpus"] as const).flatMap((list): Array<[string, (s: Obj) => void, string]> => [
        [list, (s) => (s.domain.devices[list] = {}), `malformed devices ${DEV}.${list}`],
        [
            `${list}[].deviceName`,
            (s) => (s.domain.devices[list] = [{ name: "d", deviceName: 1 }]),
            `malformed devices ${DEV}.${list}[0].deviceName`,
        ],
        [
            `${list}[].name`,
            (s) => (s.domain.devices[list] = [{ name: 1, deviceName: "x.com/y" }]),
            `malformed devices ${DEV}.${list}[0].name`,
        ],
    ]),
    ["volumes", (s) => (s.volumes = "x"), `malformed volumes ${SP}.volumes`],
    ["volumes[] not an object", (s) => (s.volumes = [1]), `malformed volumes ${SP}.volumes[0]`],
    ["volumes[].name", (s) => (s.volumes[0].name = 1), `malformed volumes ${SP}.volumes[0].name`],
    [
        "volumes[].hostDisk",
        (s) => (s.volumes[0] = { name: "root", hostDisk: "/" }),
        `malformed hostPath ${SP}.volumes[0].hostDisk`,
    ],
    [
        "volumes[].hostDisk.path",
        (s) => (s.volumes[0] = { name: "root", hostDisk: { path: 1 } }),
        `malformed hostPath ${SP}.volumes[0].hostDisk.path`,
    ],
    ["pod-level hostIPC", (s) => (s.hostIPC = 1), `malformed hostNamespaces ${SP}.hostIPC`],
    // A disk without a name can make no volume read-only: its flags are not read.
    ["a nameless disk's flags", (s) => (s.domain.devices.disks[0] = { disk: { readonly: "yes" } }), ""],
];

describe("KubeVirt adapter: every field read, a malformed value → its field key and path", () => {
    it("a clean VM has no issues", () => assert.deepStrictEqual(vm(() => undefined).issues, []));
    for (const [name, edit, issue] of FIELDS)
        it(`${name} → ${issue || "no issue"}`, () =>
            assert.deepStrictEqual(issueLines(vm(edit).issues), issue ? [issue] : []));

    for (const [where, edit] of [
        ["template", (p: Obj) => (p.spec.template = "x")],
        ["template.metadata", (p: Obj) => (p.spec.template.metadata = 1)],
        ["template.metadata.labels", (p: Obj) => (p.spec.template.metadata = { labels: 1 })],
        ["template.metadata.annotations", (p: Obj) => (p.spec.template.metadata = { annotations: 1 })],
    ] as const)
        it(`spec.${where} → its issue`, () => {
            const props = VIRTUAL_MACHINE.wrap(cleanVmiSpec());
            edit(props);
            const field = where === "template" ? "all" : "labels";
            assert.deepStrictEqual(issueLines(kubevirtWorkloads(VIRTUAL_MACHINE.type, "vm", props)[0].issues), [
                `malformed ${field} spec.${where}`,
            ]);
        });
});

describe("KubeVirt adapter: disks, volumes and devices", () => {
    const HOST = (disk: Obj) => (s: Obj) => {
        s.domain.devices.disks.push({ name: "host", ...disk });
        s.volumes.push({ name: "host", hostDisk: { path: "/etc/localtime", type: "Disk" } });
    };
    // Whether the hostDisk is read-only decides whether a harmless host file passes sensitiveHostPath.
    const DISKS: Array<[string, Obj, boolean]> = [
        ["disk.readonly: true", { disk: { readonly: true } }, true],
        ["disk.readonly: false", { disk: { readonly: false } }, false],
        ["disk without readonly", { disk: { bus: "virtio" } }, false],
        ["lun.readonly: true", { lun: { readonly: true } }, true],
        ["lun without readonly", { lun: {} }, false],
        ["cdrom", { cdrom: { bus: "sata" } }, true],
        ["cdrom.readonly: false", { cdrom: { readonly: false } }, false],
        ["cdrom.readonly: true", { cdrom: { readonly: true } }, true],
        ["disk.readonly: false, lun.readonly: true", { disk: { readonly: false }, lun: { readonly: true } }, true],
    ];
    for (const [name, disk, readOnly] of DISKS)
        it(`${name}: the hostDisk is ${readOnly ? "read-only" : "writable"}`, () => {
            const w = vm(HOST(disk));
            assert.deepStrictEqual(
                w.volumes.map((v) => [v.name, v.readOnly]),
                [
                    ["root", false],
                    ["cloudinit", false],
                    ["host", readOnly],
                ],
            );
            const spec = cleanVmiSpec();
            HOST(disk)(spec);
            assert.deepStrictEqual(
                checkIds(VIRTUAL_MACHINE.type, VIRTUAL_MACHINE.wrap(spec)),
                readOnly ? [] : ["sensitiveHostPath"],
            );
        });

    it("a volume's types are its set source keys (not name, not null or undefined); only a hostDisk has a host path", () => {
        const w = vm((s) => {
            s.volumes = [
                { name: "a", containerDisk: { image: "x" }, hostDisk: null, emptyDisk: undefined },
                { name: "b", hostDisk: { path: "/data/b.img" } },
                { emptyDisk: { capacity: "1Gi" } },
            ];
        });
        assert.deepStrictEqual(w.volumes, [
            { name: "a", types: ["containerDisk"], readOnly: false, path: `${SP}.volumes[0]` },
            {
                name: "b",
                types: ["hostDisk"],
                hostPath: "/data/b.img",
                readOnly: false,
                path: `${SP}.volumes[1].hostDisk.path`,
            },
            { name: "", types: ["emptyDisk"], readOnly: false, path: `${SP}.volumes[2]` },
        ]);
    });

    it("passes host devices and GPUs through as writable devices, named by name, else by device name", () => {
        const w = vm((s) => {
            s.volumes = [];
            s.domain.devices.hostDevices = [
                { name: "nic", deviceName: "intel.com/sriov" },
                { deviceName: "x.com/fpga" },
            ];
            s.domain.devices.gpus = [{ name: "gpu" }, {}];
        });
        assert.deepStrictEqual(w.volumes, [
            {
                name: "nic",
                types: ["hostDevice"],
                hostPath: "intel.com/sriov",
                readOnly: false,
                device: true,
                path: `${DEV}.hostDevices[0].deviceName`,
            },
            {
                name: "x.com/fpga",
                types: ["hostDevice"],
                hostPath: "x.com/fpga",
                readOnly: false,
                device: true,
                path: `${DEV}.hostDevices[1].deviceName`,
            },
            {
                name: "gpu",
                types: ["gpu"],
                hostPath: undefined,
                readOnly: false,
                device: true,
                path: `${DEV}.gpus[0].deviceName`,
            },
            {
                name: "",
                types: ["gpu"],
                hostPath: undefined,
                readOnly: false,
                device: true,
                path: `${DEV}.gpus[1].deviceName`,
            },
        ]);
    });
});
