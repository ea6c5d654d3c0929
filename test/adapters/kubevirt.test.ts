import * as assert from "assert";
import { toWorkloads } from "../../adapters";
import { Obj } from "../fixtures/kubernetes";
import { MULTI_TENANT, VM_CARRIERS, VM_PATCH_CARRIERS, cleanVmiSpec } from "../fixtures/multitenancy";
import { checkIds, judge } from "../helpers";
import { UNKNOWN } from "../harness/engine";

function withHostDisk(path: string): Obj {
    const spec = cleanVmiSpec();
    spec.domain.devices.disks.push({ name: "host", disk: { bus: "virtio" } });
    spec.volumes.push({ name: "host", hostDisk: { path, type: "Disk" } });
    return spec;
}

describe("KubeVirt adapter", () => {
    for (const carrier of [...VM_CARRIERS, ...VM_PATCH_CARRIERS]) {
        describe(carrier.type, () => {
            it("maps to one VM workload with its labels and the VMI template's", () => {
                const [w, ...rest] = toWorkloads(
                    carrier.type,
                    "vm",
                    carrier.wrap(cleanVmiSpec(), { labels: { tenant: "acme" } }, { labels: { tier: "db" } }),
                );
                assert.strictEqual(rest.length, 0);
                assert.strictEqual(w.platform, "kubevirt");
                assert.strictEqual(w.isolation, "vm");
                assert.strictEqual(w.kind, carrier.kind);
                assert.strictEqual(w.isPatch, carrier.type.endsWith("Patch"));
                assert.strictEqual(w.specPath, carrier.specPath);
                assert.strictEqual(w.labels.tenant, "acme");
                assert.strictEqual(w.podLabels.tier, "db");
                assert.deepStrictEqual(w.issues, []);
            });

            it("passes every policy with a clean VMI spec, multi-tenant included", () => {
                assert.deepStrictEqual(
                    checkIds(carrier.type, carrier.wrap(cleanVmiSpec(), { labels: MULTI_TENANT })),
                    [],
                );
            });

            it("done when: rejects a hostDisk at /var/run under sensitiveHostPath (and, multi-tenant, tenantHostPath)", () => {
                const ds = judge(carrier.type, carrier.wrap(withHostDisk("/var/run"), { labels: MULTI_TENANT }));
                assert.deepStrictEqual(
                    ds.map((d) => d.check),
                    ["sensitiveHostPath", "tenantHostPath"],
                );
                assert.strictEqual(ds[0].policy, "no-sensitive-host-mounts");
                assert.strictEqual(ds[0].advisory, false);
                assert.ok(
                    ds[0].message.includes(`${carrier.specPath}.volumes[2].hostDisk.path is "/var/run"`),
                    ds[0].message,
                );
            });

            it("passes a hostDisk outside the sensitive paths, and flags it under hostPathVolumes when enabled", () => {
                const props = carrier.wrap(withHostDisk("/data/vms/acme.img"));
                assert.deepStrictEqual(checkIds(carrier.type, props), []);
                assert.deepStrictEqual(
                    checkIds(carrier.type, props, {
                        "no-sensitive-host-mounts": { checks: { hostPathVolumes: true } },
                    }),
                    ["hostPathVolumes"],
                );
            });

            it("notes PCI host devices and GPUs as advisory hostDevices; rejects them when configured mandatory", () => {
                const spec = cleanVmiSpec();
                spec.domain.devices.hostDevices = [{ name: "nic", deviceName: "intel.com/sriov_net" }];
                spec.domain.devices.gpus = [{ name: "gpu", deviceName: "nvidia.com/GA102GL_A10" }];
                const ds = judge(carrier.type, carrier.wrap(spec));
                assert.deepStrictEqual(
                    ds.map((d) => [d.check, d.advisory]),
                    [
                        ["hostDevices", true],
                        ["hostDevices", true],
                    ],
                );
                assert.ok(
                    ds[0].message.includes(
                        `${carrier.specPath}.domain.devices.hostDevices[0].deviceName is "intel.com/sriov_net"`,
                    ),
                    ds[0].message,
                );
                assert.ok(
                    ds[1].message.includes(
                        `${carrier.specPath}.domain.devices.gpus[0].deviceName is "nvidia.com/GA102GL_A10"`,
                    ),
                    ds[1].message,
                );
                const strict = judge(carrier.type, carrier.wrap(spec), {
                    "no-sensitive-host-mounts": { vmDevicePassthrough: "mandatory" },
                });
                assert.deepStrictEqual(
                    strict.map((d) => [d.check, d.advisory]),
                    [
                        ["hostDevices", false],
                        ["hostDevices", false],
                    ],
                );
            });

            it("judges the pod-level settings a VMI spec shares with a PodSpec", () => {
                const spec = cleanVmiSpec();
                spec.hostNetwork = true;
                assert.deepStrictEqual(checkIds(carrier.type, carrier.wrap(spec)), ["hostNamespaces"]);
            });

            it("defers a hostDisk path unknown at preview", () => {
                const ds = judge(carrier.type, carrier.wrap(withHostDisk(UNKNOWN)));
                assert.deepStrictEqual(
                    ds.map((d) => [d.check, d.advisory]),
                    [["unknownValues", true]],
                );
            });
        });
    }

    it("treats a read-only disk's hostDisk as read-only", () => {
        const spec = withHostDisk("/data/vms/seed.img");
        spec.domain.devices.disks[2] = { name: "host", cdrom: { bus: "sata" } };
        const [w] = toWorkloads(VM_CARRIERS[0].type, "vm", VM_CARRIERS[0].wrap(spec));
        assert.deepStrictEqual(
            w.volumes.map((v) => [v.name, v.readOnly]),
            [
                ["root", false],
                ["cloudinit", false],
                ["host", true],
            ],
        );
    });

    it("maps each item of a …List", () => {
        const items = [VM_CARRIERS[0].wrap(withHostDisk("/etc")), VM_CARRIERS[0].wrap(cleanVmiSpec())];
        const ws = toWorkloads("kubernetes:kubevirt.io/v1:VirtualMachineList", "vms", { items });
        assert.strictEqual(ws.length, 2);
        assert.ok(
            judge("kubernetes:kubevirt.io/v1:VirtualMachineList", { items })[0].message.includes(
                "items[0].spec.template.spec.volumes[2].hostDisk.path",
            ),
        );
    });

    it("accepts any version of the KubeVirt groups, and nothing else", () => {
        assert.strictEqual(
            toWorkloads("kubernetes:kubevirt.io/v1alpha3:VirtualMachine", "vm", VM_CARRIERS[0].wrap(cleanVmiSpec()))[0]
                .isolation,
            "vm",
        );
        assert.strictEqual(
            toWorkloads(
                "kubernetes:pool.kubevirt.io/v1beta1:VirtualMachinePool",
                "vm",
                VM_CARRIERS[3].wrap(cleanVmiSpec()),
            )[0].isolation,
            "vm",
        );
        assert.deepStrictEqual(
            toWorkloads("kubernetes:example.com/v1:VirtualMachine", "vm", VM_CARRIERS[0].wrap(withHostDisk("/"))),
            [],
        );
        assert.deepStrictEqual(
            toWorkloads("kubernetes:kubevirt.io/v1:VirtualMachinePool", "vm", VM_CARRIERS[3].wrap(withHostDisk("/"))),
            [],
        );
    });
});
