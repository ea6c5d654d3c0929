// PSA `runAsNonRoot` (restricted, all versions): runAsNonRoot must be true on the pod or on every container; from
// v1.35 a user namespace (`hostUsers: false`) maps root to an unprivileged host user and is allowed. Docker has no
// such flag: a container without `user` runs as the image's user, which is root unless the image says otherwise.
// Azure Container Instances neither: a container there must name a non-zero runAsUser.
import { Check, Finding } from "../engine/types";
import { Container, SecuritySettings } from "../model/workload";
import { dialectOf } from "../engine/dialect";
import { userNamespaceRelaxes } from "./procMount";

export const runAsNonRoot: Check = {
    id: "runAsNonRoot",
    description:
        "Pods or all their containers must set runAsNonRoot: true (Docker: set user), unless in a user namespace (v1.35+).",
    reads: ["runAsNonRoot", "runAsUser", "hostUsers"],
    run(w, o, ctx) {
        const out: Finding[] = [];
        const user = dialectOf(w).user;
        if (user === "docker-user") {
            for (const c of w.containers) {
                if (c.user !== undefined && c.user.trim() !== "") continue;
                out.push({
                    check: "runAsNonRoot",
                    container: c,
                    problem: "must run as a non-root user",
                    field: c.path ? `${c.path}.user` : "user",
                    value: undefined,
                    fix: 'set user to a non-root UID, e.g. "1000:1000"',
                });
            }
            return out;
        }
        if (user === "run-as-user") {
            // Container Instances have runAsUser but no runAsNonRoot flag: a non-zero runAsUser is the proof. UID 0
            // is runAsUser's finding when that check is in force.
            for (const c of w.containers) {
                const uid = c.security.runAsUser;
                if ((uid !== undefined && uid !== 0) || (uid === 0 && ctx.activeChecks.has("runAsUser"))) continue;
                out.push({
                    check: "runAsNonRoot",
                    container: c,
                    problem: "must run as non-root",
                    field: `${c.security.path}.runAsUser`,
                    value: uid,
                    fix: "set securityContext.runAsUser to a non-zero UID, with an image built to run as that user",
                });
            }
            return out;
        }
        if (userNamespaceRelaxes(w, o.pssVersion)) return out;
        const explicitFalse = (s: SecuritySettings, container: Container | undefined) => {
            if (s.runAsNonRoot === false)
                out.push({
                    check: "runAsNonRoot",
                    container,
                    problem: "must not set runAsNonRoot to false",
                    field: `${s.path}.runAsNonRoot`,
                    value: false,
                    fix: "set runAsNonRoot to true",
                });
        };
        explicitFalse(w.pod, undefined);
        for (const c of w.containers) explicitFalse(c.security, c);
        if (w.pod.runAsNonRoot === true || w.isPatch) return out;
        for (const c of w.containers) {
            if (c.security.runAsNonRoot !== undefined) continue;
            out.push({
                check: "runAsNonRoot",
                container: c,
                problem: "must run as non-root",
                field: `${c.security.path}.runAsNonRoot`,
                value: undefined,
                fix: "set securityContext.runAsNonRoot to true on the pod or the container",
            });
        }
        return out;
    },
};
