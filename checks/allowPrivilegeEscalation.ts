// PSA `allowPrivilegeEscalation` (restricted): setuid binaries and file capabilities must not raise privileges.
// Default (`forbid-true`): only an explicit `true` fails. `require-false` (PSS restricted): it must be explicitly
// false; Windows pods are exempt from v1.25. Docker: `no-new-privileges` in securityOpts is the explicit false.
import { Check, Finding } from "../engine/types";
import { dialectOf } from "../engine/dialect";
import { PSS_CHANGES } from "../engine/pssTables";
import { fixAllowPrivilegeEscalation } from "./fixes";

export const allowPrivilegeEscalation: Check = {
    id: "allowPrivilegeEscalation",
    description:
        "Containers must not allow privilege escalation (explicit true; with require-false, anything but explicit false).",
    reads: ["allowPrivilegeEscalation", "os"],
    since: 8,
    remediate: fixAllowPrivilegeEscalation,
    run(w, o) {
        const out: Finding[] = [];
        const requireFalse = o.allowPrivilegeEscalation === "require-false";
        if (requireFalse && o.pssVersion >= PSS_CHANGES.windowsExempt && w.osName === "windows") return out;
        const options = dialectOf(w).securityOptions;
        for (const c of w.containers) {
            const v = c.security.allowPrivilegeEscalation;
            const field = c.security.paths.allowPrivilegeEscalation;
            if (!field) continue; // the platform has no such setting (swarm services)
            const fix = options
                ? options.escalationFix(field)
                : "set securityContext.allowPrivilegeEscalation to false";
            if (v === true) {
                out.push({
                    check: "allowPrivilegeEscalation",
                    container: c,
                    problem: "must not allow privilege escalation",
                    field,
                    value: options ? options.escalationAllowed : true,
                    fix,
                });
            } else if (v === undefined && requireFalse && !w.isPatch) {
                out.push({
                    check: "allowPrivilegeEscalation",
                    container: c,
                    problem: "must disallow privilege escalation explicitly",
                    field,
                    value: undefined,
                    fix,
                });
            }
        }
        return out;
    },
};
