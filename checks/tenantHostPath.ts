// `tenantHostPath`: a multi-tenant workload mounts no host path at all, except a read-only mount of one of the
// harmless files (the time zone, public CA bundles, os-release: `harmlessReadOnlyFiles`). PSS baseline already
// forbids every hostPath (hostPathVolumes); the sensitive list (sensitiveHostPath) is a floor for workloads the
// operator owns. A tenant has no business on the node's disk: a directory harmless today (/data) is shared with every
// other tenant scheduled on that node, each reading what the others wrote, and a node path the sensitive list misses
// is one escape away. A sandbox (gVisor, Kata) or a VM does not help: the host path is passed through into it.
// Devices are hostDevices' to judge.
import { Check, Finding } from "../engine/types";
import { isListedFile, normalizeHostPath } from "../engine/hostpaths";
import { tenancyOf } from "../engine/tenancy";
import { HOST_PATH_TYPES } from "./hostPathVolumes";

export const tenantHostPath: Check = {
    id: "tenantHostPath",
    description:
        "Multi-tenant workloads must not mount host paths (Docker: bind mounts), except harmless files read-only.",
    reads: ["hostPath", "volumes"],
    appliesTo: (w, o, ctx) => tenancyOf(w, o, ctx).multiTenant,
    run(w, o, ctx) {
        const tenancy = tenancyOf(w, o, ctx);
        if (!tenancy.multiTenant) return [];
        const out: Finding[] = [];
        for (const v of w.volumes) {
            if (v.device || !v.types.some((t) => HOST_PATH_TYPES.has(t))) continue;
            // A path the adapter could not read is an issue of its own (deferred or reported); an absent one is
            // judged as the host path it is.
            const harmless =
                v.readOnly &&
                v.hostPath !== undefined &&
                isListedFile(normalizeHostPath(v.hostPath), o.harmlessReadOnlyFiles);
            if (harmless) continue;
            out.push({
                check: "tenantHostPath",
                container: v.container ? w.containers.find((c) => c.name === v.container) : undefined,
                problem: `is multi-tenant (${tenancy.via}) and must not mount a host path${v.via ? ` (through ${v.via})` : ""}`,
                field: v.path,
                value: v.via ? v.name : v.hostPath,
                fix: "use a persistent volume claim, ConfigMap, Secret or emptyDir; only the time zone, public CA certificates and os-release may be mounted from the host, read-only",
            });
        }
        return out;
    },
};
