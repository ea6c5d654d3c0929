// Docker adapter: `docker:index/container:Container` and `docker:index/service:Service` (swarm task spec) onto the
// workload model, and `docker:index/volume:Volume` when its local driver reaches the host (storage-only). Field names
// are the Pulumi Docker provider's (v4/v5 schema); what each value does is the Docker engine's (issue 22).
import { Container, ContainerSecurity, VolumeMount, Workload } from "../../model/workload";
import { At, JsonObject, Reader, isPlainObject } from "../../model/read";
import { newWorkload } from "../shared/common";
import { DOCKER_CAPABILITIES, SWARM_CAPABILITIES, capabilityPath, readCapabilities } from "../shared/capabilities";
import {
    applySecurityOpts,
    gpuRequest,
    localDriverAccess,
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
export { DEFAULT_DOCKER_HOST } from "./stack";

/** A namespace mode naming another container: `container:<name or ID>`, as the daemon parses it (any padding). */
const CONTAINER_MODE = /^\s*container\s*:\s*(\S.*?)\s*$/i;

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
    // Whoever mounts the volume may write through it: judged read-write, whatever its own options say.
    for (const v of localDriverAccess(r, driver, opts, name, { path: "driverOpts", field: "hostPath" }))
        w.volumes.push({ ...v, readOnly: false });
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
        const mode = readHostMode(r, props, key, key, ns, w.hostNamespaces);
        // `container:<name>` joins that container's namespace, the host's if it has the host's (Docker run reference,
        // "--pid", "--ipc", "--network"; user and cgroup modes take no container): the stack pass decides, and until
        // then it is a note, not a pass.
        const joined = mode === undefined || ns === "user" || ns === "cgroup" ? null : CONTAINER_MODE.exec(mode);
        if (joined) {
            const join = { namespace: ns, container: joined[1], path: key, value: joined.input };
            w.namespaceJoins = [...(w.namespaceJoins ?? []), join];
            r.issues.push({
                kind: "unknown",
                field: "hostNamespaces",
                path: key,
                container: name,
                deferredTo: "stack",
            });
        }
    }
    const runtime = r.str(props, "runtime", { path: "runtime", field: "runtime" });
    if (runtime !== undefined) w.runtime = { value: runtime, path: "runtime" };

    const mounts: VolumeMount[] = [];
    const volumesFrom: NonNullable<Container["volumesFrom"]> = [];
    (r.list(props, "volumes", { path: "volumes", field: "volumes", container: name }) ?? []).forEach((v, i) => {
        const vp = `volumes[${i}]`;
        const at = (key: string): At => ({ path: `${vp}.${key}`, field: "hostPath", container: name });
        const readOnly = r.bool(v, "readOnly", at("readOnly")) === true;
        // volumes-from: the daemon copies every mount of that container (terraform-provider-docker
        // `volumeSetToDockerVolumes` sends it as HostConfig.VolumesFrom), which the stack pass resolves.
        const fromContainer = r.str(v, "fromContainer", at("fromContainer"));
        if (fromContainer !== undefined && fromContainer.trim() !== "") {
            volumesFrom.push({ container: fromContainer.trim(), path: `${vp}.fromContainer` });
            r.issues.push({ kind: "unknown", ...at("fromContainer"), deferredTo: "stack" });
            return;
        }
        // The provider sends `volumeName`, or `hostPath` when that is empty, as the bind source `<source>:<path>`; the
        // daemon bind-mounts a source that is an absolute path and mounts any other as a named volume.
        const volumeName = r.str(v, "volumeName", at("volumeName"));
        const hostPath = r.str(v, "hostPath", at("hostPath"));
        const [source, key] =
            volumeName !== undefined && volumeName !== "" ? [volumeName, "volumeName"] : [hostPath, "hostPath"];
        if (source === undefined) return;
        // A relative `hostPath` is still judged as a host path (normalized from `/`): the provider refuses it.
        if (key === "volumeName" && !source.startsWith("/")) {
            // A named volume: not a host path by itself, but the stack may define it as a bind (adapters/stack.ts).
            mounts.push({ volume: source, readOnly, path: vp, sourcePath: `${vp}.${key}` });
            return;
        }
        w.volumes.push({
            name: source,
            types: ["bind"],
            hostPath: source,
            readOnly,
            container: name,
            path: `${vp}.${key}`,
            ...(key === "volumeName" ? { how: "volume-name-path" as const } : {}),
        });
    });
    (r.list(props, "mounts", { path: "mounts", field: "volumes", container: name }) ?? []).forEach((m, i) => {
        w.volumes.push(...readMount(r, m, `mounts[${i}]`, name, mounts));
    });
    readHostDevices(r, props, "devices", name, w);
    // `--gpus` (`all`, a count, `device=…`): the daemon turns it into a device request the NVIDIA toolkit serves.
    const gpus = r.str(props, "gpus", { path: "gpus", field: "devices", container: name });
    if (gpus !== undefined && gpus.trim() !== "") w.volumes.push(gpuRequest(gpus, "gpus", name));
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
    if (volumesFrom.length) container.volumesFrom = volumesFrom;
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
        w.volumes.push(...readMount(r, m, `${base}.mounts[${i}]`, cname, mounts));
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
            types: "`docker:index/container:Container`, `docker:index/service:Service` (swarm task spec); `docker:index/volume:Volume` whose `local` driver reaches the host (`driverOpts`: a bind, a block device, overlay directories), judged where defined and, in AnalyzeStack, on each container or service of the same Docker host that mounts it by name; in AnalyzeStack also volumes-from (`volumes[].fromContainer`) and `container:<name>` namespace modes, resolved to the container they name",
        },
        {
            platform: "Docker stack context",
            types: "the Docker provider's `host`: containers of one daemon share its kernel and its volumes",
        },
    ],
};
