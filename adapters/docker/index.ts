// Docker adapter: `docker:index/container:Container` and `docker:index/service:Service` (swarm task spec) onto the
// workload model, and `docker:index/volume:Volume` when its local driver binds a host path (storage-only). Field names are the Pulumi Docker provider's (v4/v5 schema).
import { Container, ContainerSecurity, VolumeMount, Workload } from "../../model/workload";
import { At, JsonObject, Reader, isPlainObject } from "../../model/read";
import { newWorkload } from "../shared/common";
import { DOCKER_CAPABILITIES, SWARM_CAPABILITIES, capabilityPath, readCapabilities } from "../shared/capabilities";
import {
    applySecurityOpts,
    localBindDevice,
    readHostDevices,
    readHostMode,
    readMount,
    readSysctlMap,
    readUser,
} from "../shared/dockerShaped";
import { PlatformAdapter } from "../adapter";
import { dockerDialect } from "./dialect";
import { DOCKER_CONTAINER, DOCKER_SERVICE, DOCKER_VOLUME } from "./types";
import { dockerStackLinks } from "./stack";

export * from "./types";
export { DEFAULT_DOCKER_HOST, dockerVolumeBind } from "./stack";

// A container's and a swarm service's capability paths are fixed: computed once rather than per resource.
const CONTAINER_CAP_ADD = capabilityPath("", DOCKER_CAPABILITIES, "add");
const CONTAINER_CAP_DROP = capabilityPath("", DOCKER_CAPABILITIES, "drop");
const SWARM_CAP_ADD = capabilityPath("taskSpec.containerSpec", SWARM_CAPABILITIES, "add");
const SWARM_CAP_DROP = capabilityPath("taskSpec.containerSpec", SWARM_CAPABILITIES, "drop");

export function dockerWorkloads(type: string, resourceName: string, props: JsonObject): Workload[] {
    if (type === DOCKER_CONTAINER) return [containerWorkload(type, resourceName, props)];
    if (type === DOCKER_SERVICE) return [serviceWorkload(type, resourceName, props)];
    if (type === DOCKER_VOLUME) return [volumeWorkload(type, resourceName, props)];
    return [];
}

/**
 * `docker.Volume`: with the `local` driver and `type=none,o=bind,device=/path` options it is a bind mount of a host
 * path under a volume's name. Judged here, as a storage-only workload; the containers of the stack that mount it by
 * name are judged in AnalyzeStack (adapters/stack.ts resolves the name).
 */
function volumeWorkload(type: string, resourceName: string, props: JsonObject): Workload {
    const r = new Reader();
    const name = r.str(props, "name", { path: "name", field: "other" }) ?? resourceName;
    const w = emptyWorkload(type, "Volume", name, r);
    w.storageOnly = true;
    w.labels = readLabels(r, props, "labels", "labels");
    w.podLabels = w.labels;
    const driver = r.str(props, "driver", { path: "driver", field: "hostPath" });
    const opts = r.strMap(props, "driverOpts", { path: "driverOpts", field: "hostPath" });
    const device = localBindDevice(driver, opts);
    if (device !== undefined)
        w.volumes.push({ name, types: ["bind"], hostPath: device, readOnly: false, path: "driverOpts.device" });
    return w;
}

function emptyWorkload(type: string, kind: string, name: string, r: Reader): Workload {
    return newWorkload(
        { platform: "docker", isolation: "container", type, kind, name, isPatch: false, specPath: "" },
        r,
    );
}

/** Docker labels are a list of {label, value}. */
function readLabels(r: Reader, obj: unknown, key: string, path: string): Record<string, string> {
    const out: Record<string, string> = Object.create(null);
    (r.list(obj, key, { path, field: "labels" }) ?? []).forEach((l, i) => {
        const at: At = { path: `${path}[${i}]`, field: "labels" };
        const label = r.str(l, "label", at);
        const value = r.str(l, "value", at);
        if (label !== undefined && value !== undefined) out[label] = value;
    });
    return out;
}

function containerWorkload(type: string, resourceName: string, props: JsonObject): Workload {
    const r = new Reader();
    const name = r.str(props, "name", { path: "name", field: "other" }) ?? resourceName;
    const w = emptyWorkload(type, "Container", name, r);
    w.labels = readLabels(r, props, "labels", "labels");
    w.podLabels = w.labels;

    const security: ContainerSecurity = {
        path: "",
        paths: {
            privileged: "privileged",
            allowPrivilegeEscalation: "securityOpts",
            capAdd: CONTAINER_CAP_ADD,
            capDrop: CONTAINER_CAP_DROP,
        },
    };
    security.privileged = r.bool(props, "privileged", { path: "privileged", field: "privileged", container: name });
    readCapabilities(r, props, "", DOCKER_CAPABILITIES, name, security);
    security.readOnlyRootFilesystem = r.bool(props, "readOnly", { path: "readOnly", field: "other", container: name });
    applySecurityOpts(
        r,
        r.strList(props, "securityOpts", { path: "securityOpts", field: "all", container: name }),
        "securityOpts",
        name,
        security,
    );

    for (const [key, ns] of [
        ["pidMode", "pid"],
        ["ipcMode", "ipc"],
        ["networkMode", "network"],
        ["usernsMode", "user"],
        ["cgroupnsMode", "cgroup"],
    ] as const) {
        readHostMode(r, props, key, key, ns, w.hostNamespaces);
    }
    const runtime = r.str(props, "runtime", { path: "runtime", field: "runtime" });
    if (runtime !== undefined) w.runtime = { value: runtime, path: "runtime" };

    const mounts: VolumeMount[] = [];
    (r.list(props, "volumes", { path: "volumes", field: "volumes", container: name }) ?? []).forEach((v, i) => {
        const vp = `volumes[${i}]`;
        const hostPath = r.str(v, "hostPath", { path: `${vp}.hostPath`, field: "hostPath", container: name });
        const readOnly = r.bool(v, "readOnly", { path: `${vp}.readOnly`, field: "hostPath", container: name }) === true;
        if (hostPath === undefined) {
            // A named volume: not a host path by itself, but the stack may define it as a bind (adapters/stack.ts).
            const volumeName = r.str(v, "volumeName", { path: `${vp}.volumeName`, field: "hostPath", container: name });
            if (volumeName !== undefined)
                mounts.push({ volume: volumeName, readOnly, path: vp, sourcePath: `${vp}.volumeName` });
            return;
        }
        w.volumes.push({
            name: hostPath,
            types: ["bind"],
            hostPath,
            readOnly,
            container: name,
            path: `${vp}.hostPath`,
        });
    });
    (r.list(props, "mounts", { path: "mounts", field: "volumes", container: name }) ?? []).forEach((m, i) => {
        w.volumes.push(readMount(r, m, `mounts[${i}]`, name, mounts));
    });
    readHostDevices(r, props, "devices", name, w);
    readSysctlMap(r, props, "sysctls", "sysctls", w);

    const container: Container = {
        name,
        role: "container",
        image: r.str(props, "image", { path: "image", field: "other", container: name }),
        path: "",
        security,
        ports: [],
        hostReferences: [],
        mounts,
        user: readUser(r, props, "", name),
    };
    w.containers.push(container);
    return w;
}

function serviceWorkload(type: string, resourceName: string, props: JsonObject): Workload {
    const r = new Reader();
    const name = r.str(props, "name", { path: "name", field: "other" }) ?? resourceName;
    const w = emptyWorkload(type, "Service", name, r);
    w.labels = readLabels(r, props, "labels", "labels");
    const taskSpec = r.obj(props, "taskSpec", { path: "taskSpec", field: "all" });
    const cs = r.obj(taskSpec, "containerSpec", { path: "taskSpec.containerSpec", field: "all" });
    w.podLabels = readLabels(r, cs, "labels", "taskSpec.containerSpec.labels");
    const runtime = r.str(taskSpec, "runtime", { path: "taskSpec.runtime", field: "runtime" });
    if (runtime !== undefined) w.runtime = { value: runtime, path: "taskSpec.runtime" };

    // Attaching a task to the swarm network named "host" shares the host's network namespace.
    (
        r.list(taskSpec, "networksAdvanceds", { path: "taskSpec.networksAdvanceds", field: "hostNamespaces" }) ?? []
    ).forEach((n, i) => {
        readHostMode(r, n, "name", `taskSpec.networksAdvanceds[${i}].name`, "network", w.hostNamespaces);
    });

    const cname = name;
    const base = "taskSpec.containerSpec";
    const security: ContainerSecurity = {
        path: base,
        paths: {
            privileged: "",
            allowPrivilegeEscalation: "",
            capAdd: SWARM_CAP_ADD,
            capDrop: SWARM_CAP_DROP,
        },
    };
    readCapabilities(r, cs, base, SWARM_CAPABILITIES, cname, security);
    security.readOnlyRootFilesystem = r.bool(cs, "readOnly", {
        path: `${base}.readOnly`,
        field: "other",
        container: cname,
    });
    const priv = r.obj(cs, "privileges", { path: `${base}.privileges`, field: "seLinux", container: cname });
    const sel = r.obj(priv, "seLinuxContext", {
        path: `${base}.privileges.seLinuxContext`,
        field: "seLinux",
        container: cname,
    });
    if (sel) {
        const sp = `${base}.privileges.seLinuxContext`;
        security.seLinuxOptions = { path: sp };
        if (r.bool(sel, "disable", { path: `${sp}.disable`, field: "seLinux", container: cname }) === true)
            security.seLinuxOptions.type = "spc_t";
        for (const k of ["type", "user", "role", "level"] as const) {
            const v = r.str(sel, k, { path: `${sp}.${k}`, field: "seLinux", container: cname });
            if (v !== undefined) security.seLinuxOptions[k] = v;
        }
    }
    const mounts: VolumeMount[] = [];
    (r.list(cs, "mounts", { path: `${base}.mounts`, field: "volumes", container: cname }) ?? []).forEach((m, i) => {
        if (!isPlainObject(m))
            return r.malformed({ path: `${base}.mounts[${i}]`, field: "volumes", container: cname }, m);
        w.volumes.push(readMount(r, m, `${base}.mounts[${i}]`, cname, mounts));
    });
    readSysctlMap(r, cs, "sysctl", `${base}.sysctl`, w);

    w.containers.push({
        name: cname,
        role: "container",
        image: r.str(cs, "image", { path: `${base}.image`, field: "other", container: cname }),
        path: base,
        security,
        ports: [],
        hostReferences: [],
        mounts,
        user: readUser(r, cs, base, cname),
    });
    return w;
}

export const dockerAdapter: PlatformAdapter = {
    name: "docker",
    packages: ["docker"],
    reads: (type) => type === DOCKER_CONTAINER || type === DOCKER_SERVICE || type === DOCKER_VOLUME,
    workloads: dockerWorkloads,
    stackLinks: dockerStackLinks,
    dialects: [dockerDialect],
    docs: [
        {
            platform: "Docker",
            types: "`docker:index/container:Container`, `docker:index/service:Service` (swarm task spec); `docker:index/volume:Volume` whose `local` driver binds a host path (`driverOpts` `o: bind`, `device`), judged where defined and, in AnalyzeStack, on each container or service of the same Docker host that mounts it by name",
        },
        {
            platform: "Docker stack context",
            types: "the Docker provider's `host`: containers of one daemon share its kernel and its volumes",
        },
    ],
};
