// `sandboxedRuntime`: a multi-tenant workload runs other tenants' code, and every container on a node shares its
// kernel, so a container is no boundary between tenants. It must run in a sandbox (gVisor, Kata: a RuntimeClass on
// Kubernetes, `runtime` on Docker) or be a VM (KubeVirt; an ECS task or Batch job on Fargate, each in its own microVM),
// which satisfies the check by construction. On a cloud scheduler, a placement constraint that pins it to one tenant's
// hosts (ECS memberOf on the tenant attribute) is a VM boundary too: the hosts are that tenant's VMs.
import { Check, Finding } from "../engine/check";
import { isSandboxed, tenancyOf } from "../engine/tenancy";

export const sandboxedRuntime: Check = {
    id: "sandboxedRuntime",
    description: "Multi-tenant workloads must run in a sandboxed runtime (gVisor, Kata) or a VM.",
    reads: ["runtime"],
    appliesTo: (w, o) => w.isolation === "container" && tenancyOf(w, o).multiTenant,
    run(w, o) {
        if (w.isolation === "vm" || isSandboxed(w, o)) return [];
        const tenancy = tenancyOf(w, o);
        if (!tenancy.multiTenant) return [];
        // A patch that does not touch the runtime leaves the live one in place: nothing to judge.
        if (w.isPatch && !w.runtime) return [];
        const docker = w.platform === "docker";
        const field =
            w.runtime?.path ??
            w.sandboxHint?.field ??
            (docker ? (w.kind === "Service" ? "taskSpec.runtime" : "runtime") : `${w.specPath}.runtimeClassName`);
        const finding: Finding = {
            check: "sandboxedRuntime",
            problem: `is multi-tenant (${tenancy.via}) and must run in a sandboxed runtime`,
            field,
            value: w.runtime?.value,
            fix: w.sandboxHint
                ? w.sandboxHint.fix
                : docker
                  ? `set runtime to a sandbox runtime (${o.sandboxRuntimes.join(", ")}), or run each tenant in its own VM`
                  : `set runtimeClassName to a sandbox RuntimeClass (${o.sandboxRuntimeClasses.join(", ")}), or run the tenant in a KubeVirt VM`,
        };
        return [finding];
    },
};
