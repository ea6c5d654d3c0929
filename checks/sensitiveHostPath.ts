// `sensitiveHostPath`: a host path that equals, lies under, or contains a sensitive path (mounting /var exposes
// /var/run/docker.sock), or any container-runtime socket wherever it lives. Paths are normalized first, so
// `//var/run/`, `/var/../var/run/docker.sock` are caught. Read-only does not help: a read-only socket still
// controls the runtime. `allowedHostPaths` exempts segment-wise prefixes, optionally only when mounted read-only.
import { Check, Finding } from "../engine/types";
import { isUnderOrEqual, normalizeHostPath, sensitiveMatch } from "../engine/hostpaths";

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
                problem: `must not mount ${why}`,
                field: v.path,
                value: v.hostPath,
                fix: "use a volume, ConfigMap, Secret or emptyDir instead; read-only does not make it safe",
            });
        }
        return out;
    },
};
