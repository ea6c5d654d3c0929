// `sandboxedRuntime`: a multi-tenant workload runs other tenants' code, and every container on a node shares its
// kernel, so a container is no boundary between tenants. It must run in a sandbox (gVisor, Kata: a RuntimeClass on
// Kubernetes, `runtime` on Docker) or be a VM (KubeVirt; an ECS task or Batch job on Fargate, each in its own microVM),
// which satisfies the check by construction. On a cloud scheduler, a placement constraint that pins it to one tenant's
// hosts (ECS memberOf on the tenant attribute) is a VM boundary too: the hosts are that tenant's VMs.
import { Check, Finding } from "../engine/types";
import { someOf } from "../engine/sandboxes";
import { isSandboxed, tenancyOf } from "../engine/tenancy";
import { dialectOf } from "../engine/dialect";

export const sandboxedRuntime: Check = {
    id: "sandboxedRuntime",
    description: "Multi-tenant workloads must run in a sandboxed runtime (gVisor, Kata) or a VM.",
    reads: ["runtime"],
    // Storage (a PersistentVolume, a Docker volume) runs nothing: no runtime to choose.
    appliesTo: (w, o, ctx) => w.isolation === "container" && !w.storageOnly && tenancyOf(w, o, ctx).multiTenant,
    run(w, o, ctx) {
        if (w.isolation === "vm" || w.storageOnly || isSandboxed(w, o, ctx)) return [];
        const tenancy = tenancyOf(w, o, ctx);
        if (!tenancy.multiTenant) return [];
        // A patch that does not touch the runtime leaves the live one in place: nothing to judge.
        if (w.isPatch && !w.runtime) return [];
        // Where the sandbox is set is the dialect's: a RuntimeClass, a Docker runtime, a cloud node pool's setting (GKE,
        // AKS), a launch type (ECS, Batch).
        const dialect = dialectOf(w);
        const advice = dialect.sandbox(w, someOf(o[dialect.sandboxNames]));
        const finding: Finding = {
            check: "sandboxedRuntime",
            problem: `is multi-tenant (${tenancy.via}) and must ${advice.must}`,
            field: advice.field,
            value: w.runtime?.value,
            fix: advice.fix,
        };
        return [finding];
    },
};
