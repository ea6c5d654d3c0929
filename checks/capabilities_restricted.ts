// PSA `capabilities_restricted` (restricted, v1.22+): drop ALL, add back only what is allowed (PSS: NET_BIND_SERVICE;
// here the `allowedCapabilities` config). Windows pods are exempt from v1.25. Docker keeps 14 capabilities unless
// they are dropped, so the same rule applies there. Adding ALL is always a violation.
// Replaces capabilities_baseline: when that twin is in force too (PSS presets), adds it forbids are reported once,
// under its ID, this check reports the rest, and Kubernetes names compare exactly as in PSA.
import { Check, Finding } from "../engine/types";
import { normalizeCapability } from "../engine/capabilities";
import { PSS_CHANGES } from "../engine/pssTables";
import { baselineForbiddenAdds, capabilities_baseline } from "./capabilities_baseline";
import { fixCapabilitiesRestricted } from "./fixes";
import { dialectOf } from "../engine/dialect";

export const capabilities_restricted: Check = {
    id: "capabilities_restricted",
    description: "Containers must drop ALL capabilities and add back only allowedCapabilities.",
    reads: ["capabilities", "os"],
    replaces: ["capabilities_baseline"],
    since: 22,
    remediate: fixCapabilitiesRestricted,
    run(w, o, ctx) {
        const twin = ctx.activeChecks.has(capabilities_baseline.id);
        const out: Finding[] = twin ? capabilities_baseline.run(w, o, ctx) : [];
        if (o.pssVersion >= PSS_CHANGES.windowsExempt && w.osName === "windows") return out;
        const allowed = new Set(o.allowedCapabilities.map(normalizeCapability));
        // Alongside the twin (PSS presets) names compare as the dialect's admission compares them: PSA rejects
        // `drop: ["all"]` though the runtime would accept it.
        const exact = twin && dialectOf(w).capabilitySpelling.dropAll === "exact";
        for (const c of w.containers) {
            const { capAdd, capDrop } = c.security;
            const { capAdd: addPath, capDrop: dropPath } = c.security.paths;
            if (!dropPath) continue; // the platform has no capabilities setting (AWS Batch): nothing to ask of it
            const dropKey = dropPath.split(".").pop();
            const reported = new Set(twin ? baselineForbiddenAdds(w, c, o.pssVersion) : []);
            // A patch that does not touch the drop list leaves it as it was.
            const dropsAll =
                (capDrop ?? []).some((d) => (exact ? d : normalizeCapability(d)) === "ALL") ||
                (capDrop === undefined && w.isPatch);
            const badAdds = [
                ...new Set(
                    (capAdd ?? []).filter(
                        (a) =>
                            !reported.has(a) &&
                            (!allowed.has(normalizeCapability(a)) || normalizeCapability(a) === "ALL"),
                    ),
                ),
            ];
            if (badAdds.length) {
                out.push({
                    check: "capabilities_restricted",
                    container: c,
                    problem: `must not add ${badAdds.join(", ")}${dropsAll ? "" : " and must drop ALL"}`,
                    field: addPath,
                    value: capAdd,
                    fix: `remove ${badAdds.map((a) => JSON.stringify(a)).join(", ")} from ${addPath.split(".").pop()} (allowed: ${[...allowed].join(", ") || "none"})${dropsAll ? "" : `; add "ALL" to ${dropKey}`}`,
                });
            } else if (!dropsAll) {
                out.push({
                    check: "capabilities_restricted",
                    container: c,
                    problem: "must drop ALL",
                    field: dropPath,
                    value: capDrop,
                    fix: `add "ALL" to ${dropKey}`,
                });
            }
        }
        return out;
    },
};
