// `tenantSharedHost` (stack): one kernel per tenant. Containers of two different tenants on one Docker daemon share
// its kernel, so each must be sandboxed; a container that escapes reaches every other tenant's containers on that
// host. And a VM is a boundary only between tenants: one VM labelled with several tenants is shared by them.
import { StackCheck, StackFinding } from "../engine/types";
import { someOf } from "../engine/sandboxes";
import { clean, resourceSubject } from "../engine/format";
import { isSandboxed, tenancyOf } from "../engine/tenancy";
import { StackWorkload } from "../model/stack";
import { dialectOf } from "../engine/dialect";

function quoted(tenants: string[]): string {
    return tenants.map((t) => `"${clean(t)}"`).join(", ");
}

export const tenantSharedHost: StackCheck = {
    id: "tenantSharedHost",
    description:
        "Containers of different tenants must not share a Docker host without a sandbox runtime; a VM must serve one tenant.",
    run(stack, o, ctx) {
        const out: StackFinding[] = [];
        const byHost = new Map<string, Array<{ sw: StackWorkload; tenants: string[] }>>();
        for (const sw of stack.workloads) {
            const w = sw.workload;
            const tenants = tenancyOf(w, o, ctx).tenants;
            if (w.isolation === "vm" && tenants.length > 1) {
                out.push({
                    check: "tenantSharedHost",
                    urn: sw.urn,
                    subject: resourceSubject(w),
                    problem: `is labelled with more than one tenant (${quoted(tenants)})`,
                    field: "",
                    fix: "run one VM per tenant",
                });
            }
            if (!dialectOf(w).sharesDaemonHost || sw.dockerHost === undefined || !tenants.length) continue;
            const group = byHost.get(sw.dockerHost) ?? [];
            group.push({ sw, tenants });
            byHost.set(sw.dockerHost, group);
        }
        for (const [host, group] of byHost) {
            const all = new Set(group.flatMap((g) => g.tenants));
            if (all.size < 2) continue;
            for (const { sw, tenants } of group) {
                const w = sw.workload;
                if (isSandboxed(w, o, ctx)) continue;
                const others = [...all].filter((t) => !tenants.includes(t)).sort();
                const where = `Docker host ${JSON.stringify(clean(host))}`;
                const runtimeUnknown = w.issues.find((i) => i.kind === "unknown" && i.field === "runtime");
                const examples = someOf(o.sandboxRuntimes);
                out.push({
                    check: "tenantSharedHost",
                    urn: sw.urn,
                    subject: resourceSubject(w),
                    problem: others.length
                        ? `of tenant ${quoted(tenants)} shares ${where} with tenant ${quoted(others)} without a sandbox runtime`
                        : `serves tenants ${quoted(tenants)} on ${where} without a sandbox runtime`,
                    field: runtimeUnknown?.path ?? dialectOf(w).sandbox(w, examples).field,
                    value: w.runtime?.value,
                    unknown: runtimeUnknown !== undefined,
                    fix: `set runtime to a sandbox runtime (${examples}), or give each tenant its own host or VM`,
                });
            }
        }
        return out;
    },
};
