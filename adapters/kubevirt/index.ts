// KubeVirt adapter: VirtualMachine, VirtualMachineInstance, VirtualMachineInstanceReplicaSet (kubevirt.io) and
// VirtualMachinePool (pool.kubevirt.io), any version, with their …Patch and …List variants, as declared through
// `k8s.apiextensions.CustomResource`. A VM is its own kernel, so it enters the model with `isolation: "vm"`; what can
// still reach the host is mapped onto the existing model: `hostDisk` volumes as host paths, PCI host devices and GPUs
// as passed-through devices, and the pod-level fields a VMI spec shares with a PodSpec.
import { Volume, Workload } from "../../model/workload";
import { JsonObject, Reader, isPlainObject } from "../../model/read";
import { join, newWorkload, perItem, readObjectMeta } from "../shared/common";
import { KubernetesType, parseKubernetesType } from "../shared/kubernetesType";
import { readPodSpec } from "../shared/podSpec";
import { PlatformAdapter } from "../adapter";
import { kubevirtDialect } from "./dialect";

interface VmKind {
    group: string;
    /** Templates from the resource down to the VMI (each has metadata + spec); empty for a VMI itself. */
    templates: ReadonlyArray<readonly string[]>;
}

const VM_KINDS: Readonly<Record<string, VmKind>> = {
    VirtualMachine: { group: "kubevirt.io", templates: [["spec", "template"]] },
    VirtualMachineInstance: { group: "kubevirt.io", templates: [] },
    VirtualMachineInstanceReplicaSet: { group: "kubevirt.io", templates: [["spec", "template"]] },
    VirtualMachinePool: {
        group: "pool.kubevirt.io",
        templates: [
            ["spec", "virtualMachineTemplate"],
            ["spec", "template"],
        ],
    },
};

function vmKind(t: KubernetesType): VmKind | undefined {
    const k = Object.prototype.hasOwnProperty.call(VM_KINDS, t.kind) ? VM_KINDS[t.kind] : undefined;
    return k && k.group === t.group ? k : undefined;
}

export function isKubeVirtType(type: string): boolean {
    const t = parseKubernetesType(type);
    return t !== undefined && vmKind(t) !== undefined;
}

export function kubevirtWorkloads(type: string, resourceName: string, props: JsonObject): Workload[] {
    const t = parseKubernetesType(type);
    const kind = t && vmKind(t);
    if (!t || !kind) return [];
    return perItem(t.isList, resourceName, props, (name, item, prefix) =>
        vmWorkload(type, t, kind, name, item, prefix),
    );
}

function vmWorkload(
    type: string,
    t: KubernetesType,
    kind: VmKind,
    resourceName: string,
    props: JsonObject,
    prefix: string,
): Workload {
    const r = new Reader();
    const meta = readObjectMeta(r, props, prefix);
    const { labels, annotations } = meta;

    // Walk down the templates; the VMI template's labels are what the running VM carries (the pool's VM template
    // labels in between are merged in, inner ones winning).
    let node: unknown = props;
    let path = prefix.replace(/\.$/, "");
    let podLabels = labels;
    let podAnnotations = annotations;
    for (const template of kind.templates) {
        for (const seg of template) {
            path = join(path, seg);
            node = r.obj(node, seg, { path, field: "all" });
        }
        const meta = r.obj(node, "metadata", { path: join(path, "metadata"), field: "labels" });
        podLabels = {
            ...(podLabels === labels ? {} : podLabels),
            ...r.strMap(meta, "labels", { path: join(path, "metadata.labels"), field: "labels" }),
        };
        podAnnotations = {
            ...(podAnnotations === annotations ? {} : podAnnotations),
            ...r.strMap(meta, "annotations", { path: join(path, "metadata.annotations"), field: "labels" }),
        };
    }
    const specPath = join(path, "spec");
    const spec = r.obj(node, "spec", { path: specPath, field: "all" });

    const w = newWorkload(
        {
            platform: "kubevirt",
            isolation: "vm",
            type,
            kind: t.kind,
            name: meta.name ?? resourceName,
            namespace: meta.namespace,
            isPatch: t.isPatch,
            labels,
            annotations,
            podLabels,
            podAnnotations,
            specPath,
        },
        r,
    );
    if (!spec) return w;

    // Pod-level fields a VMI spec shares with a PodSpec; its volumes have their own shape, read below.
    const podLevel: JsonObject = {};
    for (const k of Object.keys(spec)) if (k !== "volumes") podLevel[k] = spec[k];
    readPodSpec(r, podLevel, specPath, w);

    const domain = r.obj(spec, "domain", { path: `${specPath}.domain`, field: "all" });
    const devicesPath = `${specPath}.domain.devices`;
    const devices = r.obj(domain, "devices", { path: devicesPath, field: "devices" });
    const readOnlyDisks = readOnlyDiskNames(r, devices, devicesPath);
    readVolumes(r, spec, specPath, readOnlyDisks, w.volumes);
    for (const [list, type] of [
        ["hostDevices", "hostDevice"],
        ["gpus", "gpu"],
    ] as const) {
        (r.list(devices, list, { path: `${devicesPath}.${list}`, field: "devices" }) ?? []).forEach((d, i) => {
            const dp = `${devicesPath}.${list}[${i}]`;
            const deviceName = r.str(d, "deviceName", { path: `${dp}.deviceName`, field: "devices" });
            const name = r.str(d, "name", { path: `${dp}.name`, field: "devices" });
            w.volumes.push({
                name: name ?? deviceName ?? "",
                types: [type],
                hostPath: deviceName,
                readOnly: false,
                device: true,
                path: `${dp}.deviceName`,
            });
        });
    }
    return w;
}

/** Disks the VM sees read-only: `disk.readonly`, `lun.readonly`, or a CD-ROM (read-only unless it says otherwise). */
function readOnlyDiskNames(r: Reader, devices: JsonObject | undefined, devicesPath: string): Set<string> {
    const out = new Set<string>();
    (r.list(devices, "disks", { path: `${devicesPath}.disks`, field: "volumes" }) ?? []).forEach((d, i) => {
        const dp = `${devicesPath}.disks[${i}]`;
        const name = r.str(d, "name", { path: `${dp}.name`, field: "volumes" });
        if (name === undefined) return;
        const flag = (key: string) =>
            r.bool(r.obj(d, key, { path: `${dp}.${key}`, field: "hostPath" }), "readonly", {
                path: `${dp}.${key}.readonly`,
                field: "hostPath",
            });
        const cdrom = r.obj(d, "cdrom", { path: `${dp}.cdrom`, field: "hostPath" });
        if (flag("disk") === true || flag("lun") === true || (cdrom !== undefined && flag("cdrom") !== false))
            out.add(name);
    });
    return out;
}

function readVolumes(r: Reader, spec: JsonObject, specPath: string, readOnlyDisks: Set<string>, out: Volume[]): void {
    (r.list(spec, "volumes", { path: `${specPath}.volumes`, field: "volumes" }) ?? []).forEach((v, i) => {
        const vp = `${specPath}.volumes[${i}]`;
        if (!isPlainObject(v)) return r.malformed({ path: vp, field: "volumes" }, v);
        const name = r.str(v, "name", { path: `${vp}.name`, field: "volumes" }) ?? "";
        const types = Object.keys(v).filter((k) => k !== "name" && v[k] !== null && v[k] !== undefined);
        const vol: Volume = { name, types, readOnly: readOnlyDisks.has(name), path: vp };
        if (types.includes("hostDisk")) {
            const hd = r.obj(v, "hostDisk", { path: `${vp}.hostDisk`, field: "hostPath" });
            vol.hostPath = r.str(hd, "path", { path: `${vp}.hostDisk.path`, field: "hostPath" });
            vol.path = `${vp}.hostDisk.path`;
        }
        out.push(vol);
    });
}

export const kubevirtAdapter: PlatformAdapter = {
    name: "kubevirt",
    packages: ["kubernetes"],
    reads: isKubeVirtType,
    workloads: kubevirtWorkloads,
    dialects: [kubevirtDialect],
    docs: [
        {
            platform: "KubeVirt",
            types: "`VirtualMachine`, `VirtualMachineInstance`, `VirtualMachineInstanceReplicaSet` (kubevirt.io), `VirtualMachinePool` (pool.kubevirt.io), any version: VM workloads",
        },
    ],
};
