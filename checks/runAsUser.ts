// PSA `runAsUser` (restricted, v1.23+): runAsUser must not be 0 on the pod or any container; from v1.35 a user
// namespace (`hostUsers: false`) is allowed any value. Docker: `user` root or UID 0 (with or without a group).
import { Check, Finding } from "../engine/types";
import { Container, SecuritySettings } from "../model/workload";
import { dialectOf } from "../engine/dialect";
import { userNamespaceRelaxes } from "./procMount";

const DOCKER_ROOT = /^\s*(root|0+)\s*(:.*)?$/;

export const runAsUser: Check = {
    id: "runAsUser",
    description:
        "Pods and containers must not set runAsUser: 0 (Docker: user root or 0), unless in a user namespace (v1.35+).",
    reads: ["runAsUser", "hostUsers"],
    since: 23,
    run(w, o) {
        const out: Finding[] = [];
        if (dialectOf(w).user === "docker-user") {
            for (const c of w.containers) {
                if (c.user === undefined || !DOCKER_ROOT.test(c.user)) continue;
                out.push({
                    check: "runAsUser",
                    container: c,
                    problem: "must not run as root",
                    field: c.path ? `${c.path}.user` : "user",
                    value: c.user,
                    fix: 'set user to a non-root UID, e.g. "1000:1000"',
                });
            }
            return out;
        }
        if (userNamespaceRelaxes(w, o.pssVersion)) return out;
        const judge = (s: SecuritySettings, container: Container | undefined) => {
            if (s.runAsUser === 0)
                out.push({
                    check: "runAsUser",
                    container,
                    problem: "must not run as root (UID 0)",
                    field: `${s.path}.runAsUser`,
                    value: 0,
                    fix: "set runAsUser to a non-zero UID, or remove it",
                });
        };
        judge(w.pod, undefined);
        for (const c of w.containers) judge(c.security, c);
        return out;
    },
};
