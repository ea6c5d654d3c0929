// PSA `hostProbesAndHostLifecycle` (baseline, v1.34+): a probe or lifecycle handler with `host` set makes the kubelet
// connect to any address from the node, an SSRF into the node's network (httpGet/tcpSocket `host`; "" is unset).
import { Check, Finding } from "../engine/types";
import { platformsWhere } from "../engine/dialect";

export const hostProbesAndHostLifecycle: Check = {
    id: "hostProbesAndHostLifecycle",
    description: "Probes and lifecycle handlers must not set host (the kubelet would connect there from the node).",
    reads: ["probes"],
    // Only a kubelet acts on it: the engine skips platforms whose dialects lack it before reading anything.
    platforms: platformsWhere((d) => d.psa.hostProbes),
    since: 34,
    run(w) {
        const out: Finding[] = [];
        for (const c of w.containers) {
            const bad = c.hostReferences.filter((h) => h.host !== "");
            if (!bad.length) continue;
            out.push({
                check: "hostProbesAndHostLifecycle",
                container: c,
                problem: `must not set host in probes or lifecycle handlers (${bad.map((h) => JSON.stringify(h.host)).join(", ")})`,
                field: bad[0].path,
                value: bad[0].host,
                fix: "remove host so the kubelet probes the pod's own IP",
            });
        }
        return out;
    },
};
