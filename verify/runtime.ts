// Which OCI runtime a workload runs on, from the workload itself: Kubernetes runtimeClassName → the RuntimeClass's
// handler (declared among the same manifests or stack), Docker `runtime`; `--runtime-map NAME=RUNTIME` names the
// runtime for a RuntimeClass, handler or Docker runtime the manifests do not resolve. No runtime named: runc, the
// default handler of containerd and of Docker. ECS tasks and Batch jobs name a launch type or capacity provider (EC2,
// EXTERNAL), not a runtime: the ECS agent starts their containers under Docker, so runc (Fargate is a VM, not measured).
import { StackModel } from "../model/stack";
import { Workload } from "../model/workload";
import { dialectOf } from "../engine/dialect";
import { RuntimeName, RUNTIMES } from "./probe";

export interface RuntimeChoice {
    /** The runtime as the workload names it, resolved (a handler, a runtime name). */
    name: string;
    /** Set when it is one the verifier can run. */
    runtime?: RuntimeName;
    /** Why it cannot be measured, when runtime is unset. */
    unavailable?: string;
}

/** containerd shim names for the same runtimes. */
const SHIMS: Record<string, string> = {
    "io.containerd.runc.v1": "runc",
    "io.containerd.runc.v2": "runc",
    "io.containerd.runsc.v1": "runsc",
};

function choice(name: string): RuntimeChoice {
    const n = SHIMS[name] ?? name;
    return (RUNTIMES as readonly string[]).includes(n)
        ? { name: n, runtime: n as RuntimeName }
        : { name: n, unavailable: `runtime ${JSON.stringify(n)} is not available here (only runc and runsc are)` };
}

export function resolveRuntime(w: Workload, stack: StackModel, map: ReadonlyMap<string, string>): RuntimeChoice {
    if (w.isolation === "vm") return { name: "vm", unavailable: "a virtual machine, not a container" };
    const named = w.runtime?.value.trim();
    if (!named) return choice("runc");
    if (map.has(named)) return choice(map.get(named) as string);
    const dialect = dialectOf(w);
    // A Docker runtime names the OCI runtime itself.
    if (dialect.sandboxNames === "sandboxRuntimes") return choice(named);
    // Docker-shaped definitions of a cloud scheduler (ECS, Batch) name a launch type: the agent runs them under runc.
    if (dialect.securityOptions) return choice("runc");
    const rc = stack.runtimeClasses.find((r) => r.name === named);
    if (!rc || rc.handler === undefined)
        return {
            name: named,
            unavailable: rc
                ? `RuntimeClass "${named}" has no readable handler`
                : `RuntimeClass "${named}" is not among the manifests (give --runtime-map ${named}=RUNTIME)`,
        };
    return choice(map.get(rc.handler) ?? rc.handler);
}
