// PSA `hostPathVolumes` (baseline, all versions): no hostPath volumes at all. Off by default (sensitiveHostPath is
// the pack's default rule); the PSS presets switch it on. Docker bind mounts are its equivalent.
import { Check, Finding } from "../engine/types";

export const hostPathVolumes: Check = {
    id: "hostPathVolumes",
    description: "Workloads must not use hostPath volumes (Docker: bind mounts) at all.",
    reads: ["hostPath", "volumes"],
    run(w) {
        const out: Finding[] = [];
        for (const v of w.volumes) {
            if (v.device || !(v.types.includes("hostPath") || v.types.includes("bind") || v.types.includes("hostDisk")))
                continue;
            out.push({
                check: "hostPathVolumes",
                container: v.container ? w.containers.find((c) => c.name === v.container) : undefined,
                problem: `must not use host path volume${v.name ? ` "${v.name}"` : ""}`,
                field: v.path,
                value: v.hostPath,
                fix: "use a persistent volume claim, ConfigMap, Secret or emptyDir instead",
            });
        }
        return out;
    },
};
