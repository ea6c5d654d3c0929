// Task-level settings of an ECS task definition (and of the Batch and awsx shapes that share them): host namespace
// modes, task volumes that reach the host, and `memberOf` placement constraints that confine a task to one tenant's
// instances.
import { HostAttribute, Volume, Workload } from "../../model/workload";
import { Reader, isPlainObject } from "../../model/read";
import { localDriverAccess, readHostMode } from "../shared/dockerShaped";
import { AttributePins, both, memberOfPins } from "./memberOf";

/**
 * The host attributes an ECS `memberOf` expression pins to one value each (`attribute:tenant == a`, `in [a]`, `a or
 * a`), in the order the expression names them: the grammar is ECS's cluster query language (./memberOf.ts); an
 * attribute it may leave at two values, or at any (`!=`, a regex, a negation), is no pin.
 */
export function memberOfAttributes(expression: string, path: string): HostAttribute[] {
    return singleValues(memberOfPins(expression) ?? new Map(), () => path);
}

function singleValues(pins: AttributePins, pathOf: (name: string) => string): HostAttribute[] {
    const out: HostAttribute[] = [];
    for (const [name, values] of pins)
        if (values.size === 1) out.push({ name, value: [...values][0], path: pathOf(name) });
    return out;
}

/**
 * `memberOf` placement constraints: ECS places a task only on hosts that satisfy every one, so their pins combine (an
 * attribute two constraints pin keeps the values both allow). Each pin is named at the first constraint that set it.
 */
export function readPlacementConstraints(r: Reader, props: unknown, key: string, path: string, w: Workload): void {
    let pins: AttributePins = new Map();
    const firstAt = new Map<string, string>();
    (r.list(props, key, { path, field: "runtime" }) ?? []).forEach((c, i) => {
        const cp = `${path}[${i}]`;
        const kind = r.str(c, "type", { path: `${cp}.type`, field: "runtime" });
        const expression = r.str(c, "expression", { path: `${cp}.expression`, field: "runtime" });
        if (kind?.trim().toLowerCase() !== "memberof" || expression === undefined) return;
        const these = memberOfPins(expression);
        if (these === undefined) return;
        for (const name of these.keys()) if (!firstAt.has(name)) firstAt.set(name, `${cp}.expression`);
        pins = both(pins, these);
    });
    const attrs = singleValues(pins, (name) => firstAt.get(name) ?? path);
    if (attrs.length) w.hostAttributes = [...(w.hostAttributes ?? []), ...attrs];
}

/**
 * Task-level volumes: the provider's `hostPath` string, the API's `host.sourcePath`, and a local-driver Docker volume
 * that is a bind mount in disguise (`driverOpts {o: bind, device: /path}`).
 */
function readTaskVolumes(r: Reader, props: unknown, key: string, path: string, w: Workload): void {
    (r.list(props, key, { path, field: "volumes" }) ?? []).forEach((v, i) => {
        const vp = `${path}[${i}]`;
        if (!isPlainObject(v)) return r.malformed({ path: vp, field: "volumes" }, v);
        const name = r.str(v, "name", { path: `${vp}.name`, field: "volumes" }) ?? "";
        const vol: Volume = { name, types: ["volume"], readOnly: true, path: vp };
        const hostPath = r.str(v, "hostPath", { path: `${vp}.hostPath`, field: "hostPath" });
        const host = r.obj(v, "host", { path: `${vp}.host`, field: "hostPath" });
        const sourcePath = r.str(host, "sourcePath", { path: `${vp}.host.sourcePath`, field: "hostPath" });
        const docker = r.obj(v, "dockerVolumeConfiguration", {
            path: `${vp}.dockerVolumeConfiguration`,
            field: "hostPath",
        });
        const driverOpts = r.strMap(docker, "driverOpts", {
            path: `${vp}.dockerVolumeConfiguration.driverOpts`,
            field: "hostPath",
        });
        const driver = r.str(docker, "driver", { path: `${vp}.dockerVolumeConfiguration.driver`, field: "hostPath" });
        if (hostPath !== undefined) {
            Object.assign(vol, { types: ["hostPath"], hostPath, path: `${vp}.hostPath` });
        } else if (sourcePath !== undefined) {
            Object.assign(vol, { types: ["hostPath"], hostPath: sourcePath, path: `${vp}.host.sourcePath` });
        } else if (docker !== undefined) {
            // The ECS agent hands these options to the Docker volume driver as they stand: the local driver's binds,
            // block devices and overlays reach the host as they do on Docker (data/dockerStorage.ts).
            const reached = localDriverAccess(r, driver, driverOpts, name, {
                path: `${vp}.dockerVolumeConfiguration.driverOpts`,
                field: "hostPath",
            });
            // The task's mounts decide read-only (settleVolumeReadOnly), as for the volume itself.
            if (reached.length) {
                w.volumes.push(...reached.map((v) => ({ ...v, readOnly: true })));
                return;
            }
        }
        w.volumes.push(vol);
    });
}

/** Task-definition settings shared by aws:ecs TaskDefinition and the awsx task definition args. */
export function readTaskSettings(r: Reader, props: unknown, prefix: string, w: Workload): void {
    const p = (k: string) => (prefix ? `${prefix}.${k}` : k);
    readHostMode(r, props, "pidMode", p("pidMode"), "pid", w.hostNamespaces);
    readHostMode(r, props, "ipcMode", p("ipcMode"), "ipc", w.hostNamespaces);
    readHostMode(r, props, "networkMode", p("networkMode"), "network", w.hostNamespaces);
    readTaskVolumes(r, props, "volumes", p("volumes"), w);
    readPlacementConstraints(r, props, "placementConstraints", p("placementConstraints"), w);
}
