// PSA `privileged` (baseline, all versions): a privileged container has every capability and every host device.
import { Check, Finding } from "../engine/types";
import { fixPrivileged } from "./fixes";

export const privileged: Check = {
    id: "privileged",
    description: "Containers must not run privileged (Kubernetes securityContext.privileged, Docker privileged).",
    reads: ["privileged"],
    remediate: fixPrivileged,
    run(w) {
        const out: Finding[] = [];
        for (const c of w.containers) {
            if (c.security.privileged === true) {
                out.push({
                    check: "privileged",
                    container: c,
                    problem: "must not run privileged",
                    field: c.security.paths.privileged,
                    value: true,
                    fix: "remove privileged or set it to false; add only the capabilities it needs",
                });
            }
        }
        return out;
    },
};
