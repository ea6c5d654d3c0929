// Docker adapter: `docker:index/container:Container` and `docker:index/service:Service` (swarm task spec) onto the
// workload model, and `docker:index/volume:Volume` when its local driver binds a host path (storage-only). Field names are the Pulumi Docker provider's (v4/v5 schema).
import {
    Container,
    ContainerSecurity,
    HostNamespaceSetting,
    Volume,
    VolumeMount,
    Workload,
} from "../../model/workload";
import { At, JsonObject, Reader, isPlainObject } from "../../model/read";
import { newWorkload } from "../shared/common";
import { PlatformAdapter } from "../adapter";
import { dockerDialect } from "./dialect";
import { DOCKER_CONTAINER, DOCKER_SERVICE, DOCKER_VOLUME } from "./types";
import { dockerStackLinks } from "./stack";

export * from "./types";
export { DEFAULT_DOCKER_HOST, dockerVolumeBind } from "./stack";

export function dockerWorkloads(type: string, resourceName: string, props: JsonObject): Workload[] {
    if (type === DOCKER_CONTAINER) return [containerWorkload(type, resourceName, props)];
    if (type === DOCKER_SERVICE) return [serviceWorkload(type, resourceName, props)];
    if (type === DOCKER_VOLUME) return [volumeWorkload(type, resourceName, props)];
    return [];
}

/** The host path a `local`-driver volume binds (`o=bind` or `rbind` with a `device`), else undefined. */
function localBindDevice(driver: string | undefined, opts: Record<string, string>): string | undefined {
    if (driver !== undefined && driver.trim() !== "" && driver.trim().toLowerCase() !== "local") return undefined;
    const o = (opts["o"] ?? "").split(",").map((x) => x.trim().toLowerCase());
    return (o.includes("bind") || o.includes("rbind")) && opts["device"] !== undefined ? opts["device"] : undefined;
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

/**
 * Interprets Docker `--security-opt` strings. Docker accepts both `key=value` and the legacy `key:value`.
 * `label=disable` runs the process as SELinux type spc_t (unconfined), which is how it enters the model.
 */
export function applySecurityOpts(
    r: Reader,
    opts: string[] | undefined,
    path: string,
    container: string,
    s: ContainerSecurity,
): void {
    (opts ?? []).forEach((raw, i) => {
        const at = `${path}[${i}]`;
        const opt = raw.trim();
        const m = /^([a-zA-Z-]+)\s*[=:]\s*(.*)$/.exec(opt);
        const key = (m ? m[1] : opt).toLowerCase();
        const value = m ? m[2].trim() : "";
        switch (key) {
            case "no-new-privileges":
                if (value === "" || value.toLowerCase() === "true") s.allowPrivilegeEscalation = false;
                else if (value.toLowerCase() === "false") s.allowPrivilegeEscalation = true;
                else r.malformed({ path: at, field: "allowPrivilegeEscalation", container }, raw);
                break;
            case "seccomp":
                s.seccompProfile =
                    value.toLowerCase() === "unconfined"
                        ? { type: "Unconfined", path: at }
                        : { type: "Localhost", localhostProfile: value, path: at };
                break;
            case "apparmor":
                s.appArmorProfile =
                    value.toLowerCase() === "unconfined"
                        ? { type: "Unconfined", path: at }
                        : { type: "Localhost", localhostProfile: value, path: at };
                break;
            case "label": {
                s.seLinuxOptions = s.seLinuxOptions ?? { path: at };
                const lm = /^(user|role|type|level)\s*:\s*(.*)$/i.exec(value);
                if (value.toLowerCase() === "disable") s.seLinuxOptions.type = "spc_t";
                else if (lm) s.seLinuxOptions[lm[1].toLowerCase() as "user" | "role" | "type" | "level"] = lm[2];
                break;
            }
        }
    });
}

/** A `mounts[]` entry (container or swarm): bind mounts, and local-driver volumes that are binds in disguise. */
function readMount(r: Reader, m: unknown, mp: string, container: string, mounts: VolumeMount[]): Volume {
    const type = (r.str(m, "type", { path: `${mp}.type`, field: "volumes", container }) ?? "").toLowerCase();
    const source = r.str(m, "source", { path: `${mp}.source`, field: "hostPath", container });
    const readOnly = r.bool(m, "readOnly", { path: `${mp}.readOnly`, field: "hostPath", container }) === true;
    const bind = r.obj(m, "bindOptions", { path: `${mp}.bindOptions`, field: "mountPropagation", container });
    const propagation = r.str(bind, "propagation", {
        path: `${mp}.bindOptions.propagation`,
        field: "mountPropagation",
        container,
    });
    const vol: Volume = { name: source ?? "", types: [type || "unknown"], readOnly, container, path: `${mp}.source` };
    const target = r.str(m, "target", { path: `${mp}.target`, field: "volumes", container });
    mounts.push({
        volume: vol.name,
        mountPath: target,
        readOnly,
        mountPropagation: propagation,
        path: `${mp}.bindOptions.propagation`,
        sourcePath: `${mp}.source`,
    });
    if (type === "bind") {
        vol.hostPath = source;
    } else if (type === "volume") {
        // `local` driver with `o=bind` and `device=/path` mounts a host path exactly like a bind mount.
        const vo = r.obj(m, "volumeOptions", { path: `${mp}.volumeOptions`, field: "hostPath", container });
        const dopts = r.strMap(vo, "driverOptions", {
            path: `${mp}.volumeOptions.driverOptions`,
            field: "hostPath",
            container,
        });
        const driver = r.str(vo, "driverName", {
            path: `${mp}.volumeOptions.driverName`,
            field: "hostPath",
            container,
        });
        const device = localBindDevice(driver, dopts);
        if (device !== undefined) {
            vol.hostPath = device;
            vol.types = ["bind"];
            vol.path = `${mp}.volumeOptions.driverOptions.device`;
        }
    }
    return vol;
}

function hostMode(
    r: Reader,
    obj: unknown,
    key: string,
    ns: HostNamespaceSetting["namespace"],
    out: HostNamespaceSetting[],
): void {
    const v = r.str(obj, key, { path: key, field: "hostNamespaces" });
    if (v !== undefined && v.trim().toLowerCase() === "host") out.push({ namespace: ns, path: key, value: v });
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
            capAdd: "capabilities.adds",
            capDrop: "capabilities.drops",
        },
    };
    security.privileged = r.bool(props, "privileged", { path: "privileged", field: "privileged", container: name });
    const caps = r.obj(props, "capabilities", { path: "capabilities", field: "capabilities", container: name });
    security.capAdd = r.strList(caps, "adds", { path: "capabilities.adds", field: "capabilities", container: name });
    security.capDrop = r.strList(caps, "drops", { path: "capabilities.drops", field: "capabilities", container: name });
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
        hostMode(r, props, key, ns, w.hostNamespaces);
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
    const sysctls = r.strMap(props, "sysctls", { path: "sysctls", field: "sysctls" });
    for (const k of Object.keys(sysctls))
        w.sysctls.push({ name: k, path: `sysctls.${k}`, value: sysctls[k], valuePath: `sysctls.${k}` });

    const container: Container = {
        name,
        role: "container",
        image: r.str(props, "image", { path: "image", field: "other", container: name }),
        path: "",
        security,
        ports: [],
        hostReferences: [],
        mounts,
        user: r.str(props, "user", { path: "user", field: "runAsUser", container: name }),
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
        const p = `taskSpec.networksAdvanceds[${i}].name`;
        const net = r.str(n, "name", { path: p, field: "hostNamespaces" });
        if (net !== undefined && net.trim().toLowerCase() === "host")
            w.hostNamespaces.push({ namespace: "network", path: p, value: net });
    });

    const cname = name;
    const base = "taskSpec.containerSpec";
    const security: ContainerSecurity = {
        path: base,
        paths: { privileged: "", allowPrivilegeEscalation: "", capAdd: `${base}.capAdds`, capDrop: `${base}.capDrops` },
    };
    security.capAdd = r.strList(cs, "capAdds", { path: `${base}.capAdds`, field: "capabilities", container: cname });
    security.capDrop = r.strList(cs, "capDrops", { path: `${base}.capDrops`, field: "capabilities", container: cname });
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
    const sysctls = r.strMap(cs, "sysctl", { path: `${base}.sysctl`, field: "sysctls" });
    for (const k of Object.keys(sysctls))
        w.sysctls.push({ name: k, path: `${base}.sysctl.${k}`, value: sysctls[k], valuePath: `${base}.sysctl.${k}` });

    w.containers.push({
        name: cname,
        role: "container",
        image: r.str(cs, "image", { path: `${base}.image`, field: "other", container: cname }),
        path: base,
        security,
        ports: [],
        hostReferences: [],
        mounts,
        user: r.str(cs, "user", { path: `${base}.user`, field: "runAsUser", container: cname }),
    });
    return w;
}

/**
 * Docker-shaped host devices (`[{hostPath, containerPath, permissions}]`, as Docker's API and ECS's
 * `linuxParameters.devices` write them) at `path` in `owner`: each is a host path passed into the container.
 */
export function readHostDevices(r: Reader, owner: unknown, path: string, container: string, w: Workload): void {
    (r.list(owner, "devices", { path, field: "devices", container }) ?? []).forEach((d, i) => {
        const at: At = { path: `${path}[${i}].hostPath`, field: "devices", container };
        const hostPath = r.str(d, "hostPath", at);
        if (hostPath !== undefined)
            w.volumes.push({
                name: hostPath,
                types: ["device"],
                hostPath,
                readOnly: false,
                device: true,
                container,
                path: at.path,
            });
    });
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
