// `sandboxRuntimeClass` (stack): sandboxedRuntime trusts a RuntimeClass by its name; what runs the pod is the class's
// `handler`. A RuntimeClass called "gvisor" whose handler is `runc` is a plain container runtime under a sandbox's
// name, so when the stack declares a class that a multi-tenant workload names, its handler must be a sandbox.
import { StackCheck, StackFinding } from "../engine/types";
import { resourceSubject } from "../engine/format";
import { matchesGlob } from "../engine/glob";
import { isHostKernelRuntime, someOf } from "../engine/sandboxes";
import { tenancyOf } from "../engine/tenancy";
import { dialectOf } from "../engine/dialect";

export const sandboxRuntimeClass: StackCheck = {
    id: "sandboxRuntimeClass",
    description:
        "A RuntimeClass used by a multi-tenant workload must have a sandbox handler (runsc, kata-qemu, …; runc, crun never count).",
    run(stack, o, ctx) {
        const out: StackFinding[] = [];
        for (const rc of stack.runtimeClasses) {
            const users = stack.workloads.filter(
                (sw) =>
                    sw.workload.runtime?.value === rc.name &&
                    // Only a runtime compared with RuntimeClass names can name this one.
                    dialectOf(sw.workload).sandboxNames === "sandboxRuntimeClasses" &&
                    (sw.providerUrn === undefined ||
                        rc.providerUrn === undefined ||
                        sw.providerUrn === rc.providerUrn) &&
                    tenancyOf(sw.workload, o, ctx).multiTenant,
            );
            if (!users.length) continue;
            const usedBy = users.map((u) => resourceSubject(u.workload)).join(", ");
            const base = {
                check: "sandboxRuntimeClass" as const,
                urn: rc.urn,
                subject: `RuntimeClass "${rc.name}"`,
                field: "handler",
            };
            const issue = rc.issues[0];
            if (issue) {
                out.push({
                    ...base,
                    problem: `is used by multi-tenant ${usedBy}, and its handler ${issue.kind === "unknown" ? "is not known yet" : "cannot be interpreted"}`,
                    field: issue.path,
                    value: issue.value,
                    unknown: issue.kind === "unknown",
                    fix: "set handler to a sandbox handler",
                });
                continue;
            }
            const handler = rc.handler;
            if (
                handler !== undefined &&
                !isHostKernelRuntime(handler) &&
                o.sandboxHandlers.some((g) => matchesGlob(handler, g))
            )
                continue;
            out.push({
                ...base,
                problem: `is used by multi-tenant ${usedBy} but does not start a sandbox`,
                value: rc.handler,
                fix: `set handler to a sandbox handler (${someOf(o.sandboxHandlers)}), or point the workloads at a RuntimeClass that has one`,
            });
        }
        return out;
    },
};
