// PSA `hostPathVolumes` (baseline, all versions): no hostPath volumes at all. Off by default (sensitiveHostPath is
// the pack's default rule); the PSS presets switch it on. Docker bind mounts are its equivalent; so are
// PersistentVolumes with a hostPath or local source and Docker volumes that bind a host path.
import { Check, Finding } from "../engine/types";
import { dialectOf } from "../engine/dialect";

/** Volume types that mount a host path (`local` is a PersistentVolume's node directory: a host path by another name). */
export const HOST_PATH_TYPES: ReadonlySet<string> = new Set(["hostPath", "bind", "hostDisk", "local"]);

export const hostPathVolumes: Check = {
    id: "hostPathVolumes",
    description: "Workloads must not use hostPath volumes (Docker: bind mounts) at all.",
    reads: ["hostPath", "volumes"],
    run(w) {
        const out: Finding[] = [];
        for (const v of w.volumes) {
            if (v.device || !v.types.some((t) => HOST_PATH_TYPES.has(t))) continue;
            out.push({
                check: "hostPathVolumes",
                container: v.container ? w.containers.find((c) => c.name === v.container) : undefined,
                problem: w.storageOnly
                    ? "must not be a host path volume"
                    : `must not use host path volume${v.name ? ` "${v.name}"` : ""}${v.via ? ` (through ${v.via})` : ""}`,
                field: v.path,
                value: v.hostPath,
                fix: `use ${dialectOf(w).hostPathInstead.any} instead`,
            });
        }
        return out;
    },
};
