// What Docker resources of a stack say about others: which daemon each container runs on (its provider's `host`), and
// the host directory a `docker.Volume` binds, which every container of the same daemon that mounts it by name reaches.
import { Reader } from "../../model/read";
import { StackModel, StackResource, StackWorkload } from "../../model/stack";
import { Volume, Workload } from "../../model/workload";
import { StackLinks } from "../adapter";
import { DOCKER_VOLUME } from "./types";

/** What the Docker provider talks to when `host` is unset (and DOCKER_HOST, which it reads, is per process). */
export const DEFAULT_DOCKER_HOST = "unix:///var/run/docker.sock";

/** The daemon a Docker resource runs on: its provider's `host`, or the provider URN when that is unknown at preview. */
function dockerHostOf(provider: StackResource["provider"]): string {
    if (!provider) return DEFAULT_DOCKER_HOST;
    const r = new Reader();
    const host = r.str(provider.props, "host", { path: "host", field: "runtime" });
    if (r.issues.length) return provider.urn;
    const h = (host ?? "").trim().replace(/\/+$/, "");
    return h === "" ? DEFAULT_DOCKER_HOST : h;
}

/**
 * A container that mounts by name a `docker.Volume` of the same daemon whose local driver binds a host path mounts
 * that host path: record it on the container's stack workload, read-only only if the container mounts it read-only.
 */
function resolveDockerVolumes(model: StackModel): void {
    const binds = new Map<string, string>();
    for (const sw of model.workloads) {
        const hostPath = dockerVolumeBind(sw.workload);
        if (hostPath !== undefined) binds.set(`${sw.dockerHost}\u0000${sw.workload.name}`, hostPath);
    }
    if (!binds.size) return;
    for (const sw of model.workloads) {
        const w = sw.workload;
        if (w.platform !== "docker" || w.storageOnly) continue;
        const found: Volume[] = [];
        for (const c of w.containers) {
            for (const m of c.mounts) {
                const hostPath = binds.get(`${sw.dockerHost}\u0000${m.volume}`);
                // A bind mount's source is already a host path (judged in Analyze), not a volume name.
                if (hostPath === undefined || m.sourcePath === undefined) continue;
                if (w.volumes.some((v) => v.name === m.volume && v.hostPath !== undefined)) continue;
                found.push({
                    name: m.volume,
                    types: ["bind"],
                    hostPath,
                    readOnly: m.readOnly === true,
                    container: c.name,
                    path: m.sourcePath,
                    via: `Volume "${m.volume}"`,
                });
            }
        }
        if (found.length) sw.stackVolumes = found;
    }
}

/** What a `docker.Volume` contributes to the stack: the host path it binds, if any (see volumeWorkload). */
export function dockerVolumeBind(w: Workload): string | undefined {
    return w.type === DOCKER_VOLUME ? w.volumes[0]?.hostPath : undefined;
}
export function dockerStackLinks(): StackLinks {
    return {
        place: (res: StackResource, sw: StackWorkload) => {
            sw.dockerHost = dockerHostOf(res.provider);
        },
        finish: resolveDockerVolumes,
    };
}
