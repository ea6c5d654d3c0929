// `mountPropagation`: Bidirectional (Kubernetes) or shared/rshared (Docker) propagation lets mounts made inside the
// container appear on the host, which is a path to host mount-namespace manipulation.
import { Check, Finding } from "../engine/types";
import { dialectOf } from "../engine/dialect";

const HOST_PROPAGATING = new Set(["bidirectional", "shared", "rshared"]);

export const mountPropagation: Check = {
    id: "mountPropagation",
    description: "Mounts must not propagate back to the host (Bidirectional, shared, rshared).",
    reads: ["mountPropagation"],
    run(w) {
        const out: Finding[] = [];
        const propagation = dialectOf(w).mountPropagation;
        for (const c of w.containers) {
            const bad = c.mounts.find(
                (m) =>
                    m.mountPropagation !== undefined && HOST_PROPAGATING.has(m.mountPropagation.trim().toLowerCase()),
            );
            if (!bad) continue;
            out.push({
                check: "mountPropagation",
                container: c,
                problem: "must not propagate mounts to the host",
                field: propagation.field(bad.path),
                value: bad.mountPropagation,
                fix: propagation.fix,
            });
        }
        return out;
    },
};
