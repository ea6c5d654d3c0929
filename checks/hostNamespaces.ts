// PSA `hostNamespaces` (baseline, all versions): sharing the host's PID, IPC or network namespace lets a container
// see and signal host processes, read host IPC, or sniff host traffic. Docker adds user and cgroup namespaces.
import { Check } from "../engine/types";
import { dialectOf } from "../engine/dialect";

export const hostNamespaces: Check = {
    id: "hostNamespaces",
    description: "Workloads must not share the host's PID, IPC, network (Docker also user, cgroup) namespaces.",
    reads: ["hostNamespaces"],
    run(w) {
        if (!w.hostNamespaces.length) return [];
        const first = w.hostNamespaces[0];
        const all = w.hostNamespaces.map((h) => `${h.path}=${h.value}${h.via ? ` (through ${h.via})` : ""}`).join(", ");
        return [
            {
                check: "hostNamespaces",
                problem: `must not share host namespaces (${all})`,
                field: first.path,
                value: first.value,
                fix: dialectOf(w).hostNamespaceFix,
            },
        ];
    },
};
