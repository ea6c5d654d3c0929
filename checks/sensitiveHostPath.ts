// `sensitiveHostPath`: a host path that equals, lies under, or contains a sensitive path (mounting /var exposes
// /var/run/docker.sock), a `.ssh` directory wherever it is, or any container-runtime socket: by name wherever it
// lives, or by its whole path (LXD's unix.socket, Windows named pipes). Paths are normalized first, so `//var/run/`,
// `/var/../var/run/docker.sock`, `c:\WINDOWS\` and `\\.\PIPE\docker_engine` are caught. Read-only does not help: a
// read-only socket still controls the runtime. `allowedHostPaths` exempts segment-wise prefixes, optionally only when
// mounted read-only. The classes and their sources are data/hostPaths.ts.
// A few host files are harmless read-only (`harmlessReadOnlyFiles`: the time zone, public CA bundles, os-release): a
// read-only mount of exactly one of them passes; a writable one, or a mount of its directory, does not.
// PersistentVolumes and Docker volumes expose their path to whoever mounts them and are judged as read-write.
import { Check, Finding } from "../engine/types";
import { isUnderOrEqual, normalizeHostPath, sensitiveMatch, isListedFile } from "../engine/hostpaths";
import { clean } from "../engine/format";
import { dialectOf } from "../engine/dialect";

export const sensitiveHostPath: Check = {
    id: "sensitiveHostPath",
    description: "Workloads must not mount sensitive host paths or container-runtime sockets.",
    reads: ["hostPath", "volumes"],
    run(w, o) {
        const out: Finding[] = [];
        for (const v of w.volumes) {
            if (v.hostPath === undefined || v.device) continue;
            const path = normalizeHostPath(v.hostPath);
            const match = sensitiveMatch(path, o.sensitiveHostPaths);
            if (!match) continue;
            const allowed =
                match.kind !== "socket" &&
                o.allowedHostPaths.some(
                    (a) => isUnderOrEqual(path, normalizeHostPath(a.pathPrefix)) && (!a.readOnly || v.readOnly),
                );
            if (allowed) continue;
            if (match.kind !== "socket" && v.readOnly && isListedFile(path, o.harmlessReadOnlyFiles)) continue;
            const why =
                match.kind === "socket"
                    ? "a container runtime socket"
                    : match.kind === "equal"
                      ? "a sensitive host path"
                      : match.kind === "under"
                        ? `inside sensitive host path ${match.sensitive}`
                        : `an ancestor of sensitive host path ${match.sensitive}`;
            out.push({
                check: "sensitiveHostPath",
                container: v.container ? w.containers.find((c) => c.name === v.container) : undefined,
                problem: w.storageOnly
                    ? `must not expose ${why} to the containers that mount it`
                    : v.via
                      ? `must not mount ${why} (${JSON.stringify(clean(v.hostPath))}) through ${v.via}`
                      : `must not mount ${why}`,
                field: v.path,
                value: v.via ? v.name : v.hostPath,
                fix: w.storageOnly
                    ? "point it at a directory outside the host's system paths, or use a storage driver that is not a host path"
                    : `use ${dialectOf(w).hostPathInstead.sensitive} instead; read-only does not make it safe`,
            });
        }
        return out;
    },
};
