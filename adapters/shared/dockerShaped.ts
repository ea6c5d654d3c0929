// Readers for Docker-shaped container settings: what Docker's API defines and other platforms took over as they stand
// (the Docker provider's containers and swarm services, ECS container definitions, Batch container properties).
// One reader per shape, parameterised by where the platform puts it, so `--security-opt` strings, device lists and
// local-driver bind volumes mean the same on every platform.
import { ContainerSecurity, HostNamespaceSetting, Volume, VolumeMount, Workload } from "../../model/workload";
import { At, Reader } from "../../model/read";
import { join } from "./common";
import { isInlineProfile, readInlineProfile } from "./seccompProfile";
import {
    BLOCK_FILE_SYSTEMS,
    LOCAL_DRIVER_OPTION_KEYS,
    NON_HOST_FILE_SYSTEMS,
    OVERLAY_DIRECTORY_OPTIONS,
    OVERLAY_FILE_SYSTEM,
} from "../../data/dockerStorage";

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
                // An inline profile is judged by what it allows; one that cannot be read is malformed, not a pass.
                // Docker keeps the last seccomp option, so a later unreadable one replaces an earlier profile.
                if (isInlineProfile(value))
                    s.seccompProfile = readInlineProfile(r, value, { path: at, field: "seccomp", container });
                else
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
            case "systempaths":
                // dockerd: `systempaths=unconfined` empties the masked and read-only paths (/proc/kcore, /proc/sys,
                // /sys/firmware, …), as `procMount: Unmasked` does; any other value is refused.
                if (value.toLowerCase() === "unconfined") {
                    s.procMount = "Unmasked";
                    s.procMountSource = { path: at, value: raw };
                } else r.malformed({ path: at, field: "procMount", container }, raw);
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

/**
 * GPUs a container asks the runtime for (Docker `gpus`, ECS and Batch `resourceRequirements` of type GPU), written
 * `value` at `path`: the NVIDIA container toolkit's hook mounts the host's GPU device nodes and driver libraries into
 * the container, a host device passthrough whose hook ran host-side on the container's files (CVE-2024-0132, a
 * TOCTOU through a crafted image; CVE-2025-23266, "NVIDIAScape", LD_PRELOAD into the privileged createContainer hook).
 * Recorded as a device the checks judge like any other; the value as written names it.
 */
export function gpuRequest(value: string, path: string, container: string): Volume {
    return { name: value, types: ["device"], readOnly: false, device: true, container, path, how: "device-request" };
}

/** ECS and Batch `resourceRequirements` at `path`: each entry of type GPU (any case) is a GPU request. */
export function readGpuRequirements(
    r: Reader,
    owner: unknown,
    key: string,
    path: string,
    container: string,
    w: Workload,
): void {
    (r.list(owner, key, { path, field: "devices", container }) ?? []).forEach((req, i) => {
        const at: At = { path: `${path}[${i}]`, field: "devices", container };
        const type = r.str(req, "type", { ...at, path: `${at.path}.type` });
        if (type?.trim().toUpperCase() !== "GPU") return;
        const value = r.str(req, "value", { ...at, path: `${at.path}.value` }) ?? "";
        w.volumes.push(gpuRequest(value, `${at.path}.value`, container));
    });
}

/**
 * The host path Docker volume driver options bind (`o=bind` or `rbind` with a `device`), else undefined: such a
 * volume mounts a host path exactly like a bind mount.
 */
export function bindDevice(opts: Record<string, string>): string | undefined {
    const o = (opts["o"] ?? "").split(",").map((x) => x.trim().toLowerCase());
    return (o.includes("bind") || o.includes("rbind")) && opts["device"] !== undefined ? opts["device"] : undefined;
}

/** As bindDevice, for a volume whose driver is named: only the `local` driver (the default) reads those options. */
export function localBindDevice(driver: string | undefined, opts: Record<string, string>): string | undefined {
    if (driver !== undefined && driver.trim() !== "" && driver.trim().toLowerCase() !== "local") return undefined;
    return bindDevice(opts);
}

/** Whether a volume driver name is Docker's `local` driver (the default when unset or empty). */
export function isLocalDriver(driver: string | undefined): boolean {
    return driver === undefined || driver.trim() === "" || driver.trim().toLowerCase() === "local";
}

const BLOCK_TYPES: ReadonlySet<string> = new Set(BLOCK_FILE_SYSTEMS.types);
const NON_HOST_TYPES: ReadonlySet<string> = new Set(NON_HOST_FILE_SYSTEMS.types);

/**
 * What of the host a `local`-driver volume's options (`type`, `device`, `o`, read at `at.path`) mount, as the driver
 * does it (data/dockerStorage.ts): a bind of a host directory, a host block device (the host's disk), or the host
 * directories of an overlay. Each is a Volume named `name`, its path the option that says it. Options the pack does
 * not understand are recorded as unknown: a volume the pack cannot read is no proof that it stays off the host.
 * Another driver (a plugin) is not the local driver's options: nothing is read from them.
 */
export function localDriverAccess(
    r: Reader,
    driver: string | undefined,
    opts: Record<string, string>,
    name: string,
    at: At,
): Volume[] {
    if (!isLocalDriver(driver)) return [];
    const unknownOption = (key: string) => r.unknown({ ...at, path: `${at.path}.${key}` });
    for (const key of Object.keys(opts)) if (!LOCAL_DRIVER_OPTION_KEYS.has(key)) unknownOption(key);
    const type = opts["type"]?.trim().toLowerCase();
    const device = opts["device"]?.trim();
    const o = (opts["o"] ?? "").split(",").map((x) => x.trim());
    const flags = new Set(o.map((x) => x.toLowerCase()));
    const readOnly = flags.has("ro");
    const volume = (v: Omit<Volume, "name" | "container">): Volume =>
        at.container === undefined ? { name, ...v } : { name, container: at.container, ...v };
    if ((flags.has("bind") || flags.has("rbind")) && device !== undefined)
        return [
            volume({
                types: ["bind"],
                hostPath: device,
                readOnly,
                path: `${at.path}.device`,
                how: "local-driver-bind",
            }),
        ];
    if (type === OVERLAY_FILE_SYSTEM) {
        const out: Volume[] = [];
        for (const { key, writes } of OVERLAY_DIRECTORY_OPTIONS) {
            const option = o.find((x) => x.toLowerCase().startsWith(`${key}=`));
            // lowerdir stacks several directories: `lowerdir=/a:/b`.
            for (const dir of (option?.slice(key.length + 1) ?? "").split(":").filter((d) => d.trim() !== ""))
                out.push(
                    volume({
                        types: ["bind"],
                        hostPath: dir.trim(),
                        readOnly: readOnly || !writes,
                        path: `${at.path}.o`,
                        how: "local-driver-overlay",
                    }),
                );
        }
        return out;
    }
    if (device !== undefined && (device.startsWith("/dev/") || (type !== undefined && BLOCK_TYPES.has(type))))
        return [
            volume({
                types: ["device"],
                hostPath: device,
                readOnly,
                device: true,
                path: `${at.path}.device`,
                how: "local-driver-device",
            }),
        ];
    // No type and no device: the driver mounts nothing, the volume is a directory of its own under Docker's root.
    if (type === undefined ? device === undefined : NON_HOST_TYPES.has(type)) return [];
    // Unless an option was already unreadable (recorded where it was read), the combination is not one the pack knows.
    if (!r.issues.some((i) => i.path.startsWith(`${at.path}.`))) unknownOption(type === undefined ? "device" : "type");
    return [];
}

/** A `mounts[]` entry (container or swarm): bind mounts, and local-driver volumes that reach the host. */
export function readMount(r: Reader, m: unknown, mp: string, container: string, mounts: VolumeMount[]): Volume[] {
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
        const reached = localDriverAccess(r, driver, dopts, vol.name, {
            path: `${mp}.volumeOptions.driverOptions`,
            field: "hostPath",
            container,
        });
        // The mount's own readOnly covers every host path behind it.
        if (reached.length) return reached.map((v) => ({ ...v, readOnly: v.readOnly || readOnly }));
    }
    return [vol];
}

/**
 * A Docker namespace mode (`pidMode`, `ipcMode`, `networkMode`, …, or a swarm network's `name`) at `path`: the value
 * `host` (any case, padded or not) shares the host's namespace.
 */
export function readHostMode(
    r: Reader,
    owner: unknown,
    key: string,
    path: string,
    namespace: HostNamespaceSetting["namespace"],
    out: HostNamespaceSetting[],
): string | undefined {
    const v = r.str(owner, key, { path, field: "hostNamespaces" });
    if (v !== undefined && v.trim().toLowerCase() === "host") out.push({ namespace, path, value: v });
    return v;
}

/** The `user` a Docker-shaped container runs as (`uid`, `uid:gid` or a name), settings starting at `ownerPath`. */
export function readUser(r: Reader, owner: unknown, ownerPath: string, container: string): string | undefined {
    return r.str(owner, "user", { path: join(ownerPath, "user"), field: "runAsUser", container });
}

/** Sysctls as Docker writes them, a map of name to value at `path` (`sysctls`, swarm `sysctl`). */
export function readSysctlMap(r: Reader, owner: unknown, key: string, path: string, w: Workload): void {
    const sysctls = r.strMap(owner, key, { path, field: "sysctls" });
    for (const k of Object.keys(sysctls))
        w.sysctls.push({ name: k, path: `${path}.${k}`, value: sysctls[k], valuePath: `${path}.${k}` });
}
