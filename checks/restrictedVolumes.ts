// PSA `restrictedVolumes` (restricted, all versions): inline volumes only of the allowed source types
// (engine/pssTables.ts); a volume with no source is defaulted to emptyDir by the API server. Replaces
// hostPathVolumes and reports its findings when that twin is in force; a hostPath volume breaks both rules, and PSA's
// own fixtures name it under both IDs, so both report it.
import { Check, Finding } from "../engine/types";
import { dialectOf } from "../engine/dialect";
import { allowedAt, RESTRICTED_VOLUME_TYPES } from "../engine/pssTables";
import { hostPathVolumes } from "./hostPathVolumes";

export const restrictedVolumes: Check = {
    id: "restrictedVolumes",
    description:
        "Pods may use only configMap, csi, downwardAPI, emptyDir, ephemeral, image, persistentVolumeClaim, projected and secret volumes.",
    reads: ["volumes", "hostPath"],
    replaces: ["hostPathVolumes"],
    run(w, o, ctx) {
        const out: Finding[] = ctx.activeChecks.has(hostPathVolumes.id) ? hostPathVolumes.run(w, o, ctx) : [];
        // Volume source types are Kubernetes' pod volumes; a PersistentVolume is not one (its claim is).
        if (!dialectOf(w).psa.restrictedVolumeTypes || w.storageOnly) return out;
        const allowed = allowedAt(RESTRICTED_VOLUME_TYPES, o.pssVersion);
        for (const v of w.volumes) {
            if (!v.types.length || v.types.some((t) => allowed.has(t))) continue;
            out.push({
                check: "restrictedVolumes",
                problem: `must not use ${v.types.join("/")} volume${v.name ? ` "${v.name}"` : ""}`,
                field: v.path,
                value: v.hostPath ?? v.types[0],
                fix: `use one of ${[...allowed].join(", ")}`,
            });
        }
        return out;
    },
};
