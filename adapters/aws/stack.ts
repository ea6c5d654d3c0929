// What AWS resources of a stack say about others: an EKS Fargate profile runs the Kubernetes pods it selects each in
// its own microVM; an EKS node group, or an ECS capacity provider's auto scaling group, makes the launch templates and
// instances it depends on container hosts.
import { JsonObject, Reader, isUnknown, own, unwrapSecret } from "../../model/read";
import { StackModel, StackResource, StackWorkload } from "../../model/stack";
import { Workload } from "../../model/workload";
import { StackLinks } from "../adapter";
import {
    AUTOSCALING_GROUP,
    EC2_LAUNCH_CONFIGURATION,
    EC2_LAUNCH_TEMPLATE,
    ECS_CAPACITY_PROVIDER,
    EKS_CLUSTER,
    EKS_CLUSTER_COMPONENT,
    EKS_FARGATE_PROFILE,
    EKS_COMPONENT_TYPES,
    EKS_MANAGED_NODE_GROUP_COMPONENT,
    EKS_NODE_GROUP,
} from "./types";

/** An EKS Fargate profile's selectors: pods of a matching namespace (and labels) run each in its own microVM. */
export interface FargateSelector {
    namespace: string;
    labels: Readonly<Record<string, string>>;
    /**
     * The EKS clusters of the stack the profile belongs to (its dependencies on them, or its pulumi-eks parent): it
     * selects only pods whose Kubernetes provider is tied to one of them. Empty for a profile of a cluster outside
     * the stack (a literal `clusterName`) and for the selectors of the policy config's cluster context.
     */
    clusters?: ReadonlySet<string>;
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
    private readonly fargate: Array<{ urn: string; selectors: FargateSelector[] }> = [];
    private readonly hostUsers = new Set<string>();
    private readonly capacityProviderDeps = new Set<string>();
    private readonly groups = new Map<string, string[]>();
    /** Launch template and configuration names and IDs written as literals by node groups and used groups. */
    private readonly hostRefs = new Set<string>();
    /** Auto scaling group names written as literals (in an ARN) by capacity providers. */
    private readonly capacityProviderGroupNames = new Set<string>();
    /** Each auto scaling group's literal name and the launch templates/configurations it names literally. */
    private readonly groupRefs = new Map<string, { name?: string; refs: string[] }>();
    /** Each launch template or configuration workload's literal name and ID. */
    private readonly machineIds = new Map<Workload, string[]>();
    /** The pulumi-eks components of the stack (their URNs), and every URN an AWS resource names as its parent. */
    private readonly eksComponents = new Set<string>();
    private readonly parents = new Set<string>();
    /** Each launch template or configuration workload's parent (a pulumi-eks component builds its nodes' so). */
    private readonly machineParents = new Map<Workload, string>();

    /** Records a linking resource; true when it is nothing else (no workload to map). */
    consume(res: StackResource): boolean {
        if (res.parent) this.parents.add(res.parent);
        if (EKS_COMPONENT_TYPES.has(res.type)) this.eksComponents.add(res.urn);
        switch (res.type) {
            case EKS_FARGATE_PROFILE:
                this.fargate.push({ urn: res.urn, selectors: fargateProfileSelectors(res.type, res.props) });
                return true;
            case EKS_NODE_GROUP:
                for (const d of res.dependencies ?? []) this.hostUsers.add(d);
                for (const ref of templateRefs(res.props)) this.hostRefs.add(ref);
                return true;
            // Its launch template, as for the node group it makes; without one it maps to a host of its own (./eks.ts).
            case EKS_MANAGED_NODE_GROUP_COMPONENT:
                for (const d of res.dependencies ?? []) this.hostUsers.add(d);
                for (const ref of templateRefs(res.props)) this.hostRefs.add(ref);
                return false;
            case ECS_CAPACITY_PROVIDER: {
                for (const d of res.dependencies ?? []) this.capacityProviderDeps.add(d);
                const arn = literal(
                    own(unwrapSecret(own(res.props, "autoScalingGroupProvider")), "autoScalingGroupArn"),
                );
                // arn:aws:autoscaling:<region>:<account>:autoScalingGroup:<uuid>:autoScalingGroupName/<name>
                const named = arn === undefined ? undefined : /:autoScalingGroupName\/(.+)$/.exec(arn)?.[1];
                if (named !== undefined) this.capacityProviderGroupNames.add(named);
                return true;
            }
            case AUTOSCALING_GROUP:
                this.groups.set(res.urn, res.dependencies ?? []);
                this.groupRefs.set(res.urn, {
                    name: literal(own(res.props, "name")),
                    refs: groupTemplateRefs(res.props),
                });
                return true;
            default:
                return false;
        }
    }

    place(res: StackResource, sw: StackWorkload): void {
        if (res.type !== EC2_LAUNCH_TEMPLATE && res.type !== EC2_LAUNCH_CONFIGURATION) return;
        // Only what the resource itself writes: a name the provider generates cannot be referenced as a literal.
        const ids = [literal(own(res.props, "name")), literal(own(res.props, "id"))].filter(
            (v): v is string => v !== undefined,
        );
        this.machineIds.set(sw.workload, ids);
        if (res.parent) this.machineParents.set(sw.workload, res.parent);
    }

    finish(model: StackModel): void {
        // A pulumi-eks component whose children reached the pack (a real preview) is judged through them: its own
        // host, read from its inputs for the mocks' and a first pass's sake, would report the same fault twice.
        const built = [...this.eksComponents].filter((u) => this.parents.has(u));
        if (built.length) model.workloads = model.workloads.filter((sw) => !built.includes(sw.urn));
        for (const [urn, deps] of this.groups) {
            const group = this.groupRefs.get(urn);
            const named = group?.name !== undefined && this.capacityProviderGroupNames.has(group.name);
            if (!this.capacityProviderDeps.has(urn) && !named) continue;
            for (const d of deps) this.hostUsers.add(d);
            for (const ref of group?.refs ?? []) this.hostRefs.add(ref);
        }
        if (this.hostUsers.size || this.hostRefs.size || built.length) {
            const hosts = new Set<Workload>();
            for (const sw of model.workloads) {
                if (!sw.workload.hostMetadata) continue;
                const byLiteral = (this.machineIds.get(sw.workload) ?? []).some((id) => this.hostRefs.has(id));
                // The launch templates and configurations pulumi-eks builds are its nodes'.
                const parent = this.machineParents.get(sw.workload);
                const byComponent = parent !== undefined && this.eksComponents.has(parent);
                if (this.hostUsers.has(sw.urn) || byLiteral || byComponent) hosts.add(sw.workload);
            }
            if (hosts.size) model.containerHosts = hosts;
        }
        // The stack's resources are indexed for the cluster links only when it has Fargate profiles.
        if (!this.fargate.length) return;
        const clustersOf = eksClustersOf(model);
        const selectors = this.fargate.flatMap(({ urn, selectors }) => {
            const clusters = clustersOf(urn);
            return selectors.map((s) => (clusters.size ? { ...s, clusters } : s));
        });
        applyFargateSelectors(model, selectors, clustersOf);
    }
}

/**
 * The EKS clusters of the stack a resource is tied to: those it depends on, and the pulumi-eks Cluster it is a child
 * of (the component's own Kubernetes provider and Fargate profile are). A cluster pulumi-eks builds counts as its
 * component. Only direct links: a Kubernetes provider whose kubeconfig passes through another resource first is tied
 * to none, and a Fargate profile of a stack cluster then selects none of its pods (fail closed).
 */
function eksClustersOf(model: StackModel): (urn: string) => ReadonlySet<string> {
    const resources = new Map((model.resources ?? []).map((r) => [r.urn, r] as const));
    const isCluster = (urn: string) => {
        const t = resources.get(urn)?.type;
        return t === EKS_CLUSTER || t === EKS_CLUSTER_COMPONENT;
    };
    const identity = (urn: string) => {
        const parent = resources.get(urn)?.parent;
        return parent !== undefined && resources.get(parent)?.type === EKS_CLUSTER_COMPONENT ? parent : urn;
    };
    return (urn) => {
        const r = resources.get(urn);
        if (!r) return new Set();
        const linked = [...(r.dependencies ?? []), ...(r.parent !== undefined ? [r.parent] : [])];
        return new Set(linked.filter(isCluster).map(identity));
    };
}

/**
 * Kubernetes pods a Fargate selector selects (the stack's profiles, or those the policy config's cluster context
 * declares) run each in its own microVM: VM-isolated.
 */
export function applyFargateSelectors(
    model: StackModel,
    selectors: readonly FargateSelector[],
    clustersOf: (urn: string) => ReadonlySet<string> = () => new Set(),
): void {
    if (!selectors.length) return;
    model.workloads = model.workloads.map((sw) => {
        const w = sw.workload;
        if (w.platform !== "kubernetes" || w.isolation !== "container" || w.isPatch) return sw;
        // A profile of a stack cluster selects only pods of that cluster: their provider is tied to it.
        const onCluster = sw.providerUrn === undefined ? new Set<string>() : clustersOf(sw.providerUrn);
        const ofItsCluster = (s: FargateSelector) => !s.clusters?.size || [...s.clusters].some((c) => onCluster.has(c));
        if (!selectors.some((s) => ofItsCluster(s) && selects(s, w))) return sw;
        // A copy: workloads are shared with the per-resource cache, which must keep what Analyze saw.
        return { ...sw, workload: { ...w, isolation: "vm" } };
    });
}

/** A string written as a literal: not unknown at preview, not empty. */
function literal(v: unknown): string | undefined {
    const x = unwrapSecret(v);
    return typeof x === "string" && !isUnknown(x) && x.trim() !== "" ? x.trim() : undefined;
}

/** The launch template an EKS node group or auto scaling group names in its `launchTemplate` block (`id`, `name`). */
function templateRefs(props: JsonObject): string[] {
    const lt = unwrapSecret(own(props, "launchTemplate"));
    return [literal(own(lt, "id")), literal(own(lt, "name"))].filter((v): v is string => v !== undefined);
}

/**
 * The launch templates and configuration an auto scaling group names: its `launchTemplate`, the mixed-instances
 * policy's `launchTemplateSpecification` (`launchTemplateId`, `launchTemplateName`), and `launchConfiguration`.
 */
function groupTemplateRefs(props: JsonObject): string[] {
    const mixed = unwrapSecret(own(props, "mixedInstancesPolicy"));
    const spec = unwrapSecret(own(unwrapSecret(own(mixed, "launchTemplate")), "launchTemplateSpecification"));
    return [
        ...templateRefs(props),
        literal(own(spec, "launchTemplateId")),
        literal(own(spec, "launchTemplateName")),
        literal(own(props, "launchConfiguration")),
    ].filter((v): v is string => v !== undefined);
}

export function awsStackLinks(): StackLinks {
    return new AwsLinks();
}
