// What AWS resources of a stack say about others: an EKS Fargate profile runs the Kubernetes pods it selects each in
// its own microVM; an EKS node group, or an ECS capacity provider's auto scaling group, makes the launch templates and
// instances it depends on container hosts.
import { JsonObject, Reader } from "../../model/read";
import { StackModel, StackResource } from "../../model/stack";
import { Workload } from "../../model/workload";
import { StackLinks } from "../adapter";
import { AUTOSCALING_GROUP, ECS_CAPACITY_PROVIDER, EKS_FARGATE_PROFILE, EKS_NODE_GROUP } from "./types";

/** An EKS Fargate profile's selectors: pods of a matching namespace (and labels) run each in its own microVM. */
export interface FargateSelector {
    namespace: string;
    labels: Readonly<Record<string, string>>;
}

export function fargateProfileSelectors(type: string, props: JsonObject): FargateSelector[] {
    if (type !== EKS_FARGATE_PROFILE) return [];
    const r = new Reader();
    const out: FargateSelector[] = [];
    (r.list(props, "selectors", { path: "selectors", field: "runtime" }) ?? []).forEach((s, i) => {
        const namespace = r.str(s, "namespace", { path: `selectors[${i}].namespace`, field: "runtime" });
        // An unknown namespace or label selects nothing that can be proven: no isolation is assumed from it.
        if (namespace === undefined || r.issues.length) return;
        out.push({ namespace, labels: r.strMap(s, "labels", { path: `selectors[${i}].labels`, field: "runtime" }) });
    });
    return r.issues.length ? [] : out;
}

/** EKS Fargate namespace selectors and label values take `*` and `?` wildcards. */
function wildcard(pattern: string, value: string): boolean {
    const re = pattern
        .replace(/[.+^${}()|[\]\\]/g, "\\$&")
        .replace(/\*/g, ".*")
        .replace(/\?/g, ".");
    return new RegExp(`^${re}$`).test(value);
}

function selects(s: FargateSelector, w: Workload): boolean {
    if (!wildcard(s.namespace, w.namespace ?? "default")) return false;
    return Object.keys(s.labels).every(
        (k) => Object.prototype.hasOwnProperty.call(w.podLabels, k) && wildcard(s.labels[k], w.podLabels[k]),
    );
}

/**
 * What AWS resources of a stack say about others: an EKS Fargate profile runs the Kubernetes pods it selects each in
 * its own microVM; an EKS node group, or an ECS capacity provider's auto scaling group, runs containers on the
 * instances of the launch template it uses. References between them are IDs and ARNs, unknown at preview for new
 * resources, so the links follow the engine's dependencies.
 */
class AwsLinks implements StackLinks {
    private readonly fargate: FargateSelector[] = [];
    private readonly hostUsers = new Set<string>();
    private readonly capacityProviderDeps = new Set<string>();
    private readonly groups = new Map<string, string[]>();

    /** Records a linking resource; true when it is nothing else (no workload to map). */
    consume(res: StackResource): boolean {
        switch (res.type) {
            case EKS_FARGATE_PROFILE:
                this.fargate.push(...fargateProfileSelectors(res.type, res.props));
                return true;
            case EKS_NODE_GROUP:
                for (const d of res.dependencies ?? []) this.hostUsers.add(d);
                return true;
            case ECS_CAPACITY_PROVIDER:
                for (const d of res.dependencies ?? []) this.capacityProviderDeps.add(d);
                return true;
            case AUTOSCALING_GROUP:
                this.groups.set(res.urn, res.dependencies ?? []);
                return true;
            default:
                return false;
        }
    }

    finish(model: StackModel): void {
        for (const [urn, deps] of this.groups)
            if (this.capacityProviderDeps.has(urn)) for (const d of deps) this.hostUsers.add(d);
        if (this.hostUsers.size) {
            const hosts = new Set<Workload>();
            for (const sw of model.workloads)
                if (sw.workload.hostMetadata && this.hostUsers.has(sw.urn)) hosts.add(sw.workload);
            if (hosts.size) model.containerHosts = hosts;
        }
        applyFargateSelectors(model, this.fargate);
    }
}

/**
 * Kubernetes pods a Fargate selector selects (the stack's profiles, or those the policy config's cluster context
 * declares) run each in its own microVM: VM-isolated.
 */
export function applyFargateSelectors(model: StackModel, selectors: readonly FargateSelector[]): void {
    if (!selectors.length) return;
    model.workloads = model.workloads.map((sw) => {
        const w = sw.workload;
        if (w.platform !== "kubernetes" || w.isolation !== "container" || w.isPatch) return sw;
        if (!selectors.some((s) => selects(s, w))) return sw;
        // A copy: workloads are shared with the per-resource cache, which must keep what Analyze saw.
        return { ...sw, workload: { ...w, isolation: "vm" } };
    });
}

export function awsStackLinks(): StackLinks {
    return new AwsLinks();
}
