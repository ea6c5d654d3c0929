// PSA `windowsHostProcess` (baseline, all versions): a HostProcess container runs as a process on the Windows host.
import { Check, Finding } from "../engine/types";
import { platformsWhere } from "../engine/dialect";

export const windowsHostProcess: Check = {
    id: "windowsHostProcess",
    description: "Pods and containers must not run as Windows HostProcess containers.",
    reads: ["windowsHostProcess"],
    // Only a kubelet acts on it: the engine skips platforms whose dialects lack it before reading anything.
    platforms: platformsWhere((d) => d.psa.windowsHostProcess),
    run(w) {
        const out: Finding[] = [];
        const fix = "remove windowsOptions.hostProcess or set it to false";
        if (w.pod.windowsHostProcess === true) {
            out.push({
                check: "windowsHostProcess",
                problem: "must not run as a Windows HostProcess pod",
                field: `${w.pod.path}.windowsOptions.hostProcess`,
                value: true,
                fix,
            });
        }
        for (const c of w.containers) {
            if (c.security.windowsHostProcess === true) {
                out.push({
                    check: "windowsHostProcess",
                    container: c,
                    problem: "must not run as a Windows HostProcess container",
                    field: `${c.security.path}.windowsOptions.hostProcess`,
                    value: true,
                    fix,
                });
            }
        }
        return out;
    },
};
