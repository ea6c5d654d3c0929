// PSA `seccompProfile_restricted` (restricted, v1.19+): every container must run under RuntimeDefault or Localhost,
// set on the container or inherited from the pod. Windows pods are exempt from v1.25. Docker applies its default
// profile when none is named, so only an explicit unconfined profile fails there (Azure Container Instances alike).
// Replaces seccompProfile_baseline and reports its findings when it is in force. An explicit Unconfined breaks both
// the baseline prohibition and this requirement, and PSA's own fixtures name it under both IDs, so both report it.
import { Check, Finding } from "../engine/types";
import { ALLOWED_PROFILE_TYPES, PSS_CHANGES } from "../engine/pssTables";
import { forbiddenSeccompFindings, seccompProfile_baseline } from "./seccompProfile_baseline";
import { fixSeccompRuntimeDefault } from "./fixes";
import { dialectOf } from "../engine/dialect";

export const seccompProfile_restricted: Check = {
    id: "seccompProfile_restricted",
    description: "Pods or all their containers must set seccompProfile RuntimeDefault or Localhost.",
    reads: ["seccomp", "os"],
    replaces: ["seccompProfile_baseline"],
    since: 19,
    remediate: fixSeccompRuntimeDefault,
    run(w, o, ctx) {
        const out: Finding[] = ctx.activeChecks.has(seccompProfile_baseline.id)
            ? seccompProfile_baseline.run(w, o, ctx)
            : [];
        if (o.pssVersion >= PSS_CHANGES.windowsExempt && w.osName === "windows") return out;
        const explicit = forbiddenSeccompFindings("seccompProfile_restricted", w);
        out.push(...explicit);
        // Only a missing profile is left to judge; Docker and patches leave it to the runtime default or as it was.
        // Container Instances name no RuntimeDefault either (only a whole profile of one's own), so neither can be asked.
        if (!dialectOf(w).requiresSeccompProfile || w.isPatch) return out;
        const podType = w.pod.seccompProfile?.type;
        if (podType !== undefined && ALLOWED_PROFILE_TYPES.has(podType)) return out;
        for (const c of w.containers) {
            if (c.security.seccompProfile) continue;
            out.push({
                check: "seccompProfile_restricted",
                container: c,
                problem: "must set a seccomp profile (on the container or the pod)",
                field: `${c.security.path}.seccompProfile.type`,
                value: undefined,
                fix: 'set securityContext.seccompProfile.type to "RuntimeDefault" (pod or container) or "Localhost"',
            });
        }
        return out;
    },
};
