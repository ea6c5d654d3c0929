// PSA `hostPorts` (baseline, all versions): a hostPort binds the node's address, bypassing network policy.
import { Check, Finding } from "../engine/types";

export const hostPorts: Check = {
    id: "hostPorts",
    description: "Containers must not bind host ports (non-zero hostPort).",
    reads: ["hostPorts"],
    run(w) {
        const out: Finding[] = [];
        for (const c of w.containers) {
            const bad = c.ports.filter((p) => p.hostPort !== undefined && p.hostPort !== 0);
            if (!bad.length) continue;
            out.push({
                check: "hostPorts",
                container: c,
                problem: `must not use host ports (${bad.map((p) => p.hostPort).join(", ")})`,
                field: bad[0].path,
                value: bad[0].hostPort,
                fix: "remove hostPort; expose the port through a Service",
            });
        }
        return out;
    },
};
