// Resources of a whole stack → the stack model (model/stack.ts), in one pass: workloads through the per-resource
// adapters (and their cache), plus the Namespaces and RuntimeClasses that stack checks relate workloads to.
import { Reader } from "../model/read";
import { NamespaceInfo, RuntimeClassInfo, StackModel, StackResource } from "../model/stack";
import { workloadsOf } from "./index";
import { kubernetesNamespace, kubernetesRuntimeClass } from "./kubernetes";
import { dockerVolumeBind } from "./docker";
import { Volume, Workload } from "../model/workload";
import {
    AUTOSCALING_GROUP,
    ECS_CAPACITY_PROVIDER,
    EKS_FARGATE_PROFILE,
    EKS_NODE_GROUP,
    FargateSelector,
    fargateProfileSelectors,
} from "./aws";

/** What the Docker provider talks to when `host` is unset (and DOCKER_HOST, which it reads, is per process). */
export const DEFAULT_DOCKER_HOST = "unix:///var/run/docker.sock";

/** The daemon a Docker resource runs on: its provider's `host`, or the provider URN when that is unknown at preview. */
function dockerHostOf(provider: StackResource["provider"]): string {
    if (!provider) return DEFAULT_DOCKER_HOST;
    const r = new Reader();
    const host = r.str(provider.props, "host", { path: "host", field: "runtime" });
    if (r.issues.length) return provider.urn;
    const h = (host ?? "").trim().replace(/\/+$/, "");
    return h === "" ? DEFAULT_DOCKER_HOST : h;
}

export function stackModelOf(resources: readonly StackResource[]): StackModel {
    const model: StackModel = { workloads: [], runtimeClasses: [], namespaces: [] };
    const namespaceByUrn = new Map<string, NamespaceInfo>();
    const unresolved: Array<{ index: number; dependencies: string[] }> = [];
    const aws = new AwsLinks();
    for (const res of resources) {
        if (aws.note(res)) continue;
        if (res.type.startsWith("kubernetes:")) {
            const ns = kubernetesNamespace(res.type, res.name, res.props);
            if (ns) {
                const info: NamespaceInfo = { urn: res.urn, ...ns };
                model.namespaces.push(info);
                namespaceByUrn.set(res.urn, info);
                continue;
            }
            const rc = kubernetesRuntimeClass(res.type, res.name, res.props);
            if (rc) {
                model.runtimeClasses.push({
                    urn: res.urn,
                    providerUrn: res.provider?.urn,
                    ...rc,
                } satisfies RuntimeClassInfo);
                continue;
            }
        }
        const dockerHost = res.type.startsWith("docker:") ? dockerHostOf(res.provider) : undefined;
        for (const workload of workloadsOf(res.type, res.name, res.props)) {
            // `namespace: ns.metadata.name` of a Namespace not created yet is unknown at preview; the dependency says which.
            if (workload.issues.some((i) => i.kind === "unknown" && i.path.endsWith("metadata.namespace"))) {
                unresolved.push({ index: model.workloads.length, dependencies: res.dependencies ?? [] });
            }
            model.workloads.push({ urn: res.urn, workload, providerUrn: res.provider?.urn, dockerHost });
        }
    }
    resolveDockerVolumes(model);
    for (const { index, dependencies } of unresolved) {
        const namespaces = dependencies
            .map((urn) => namespaceByUrn.get(urn))
            .filter((ns): ns is NamespaceInfo => ns !== undefined);
        // Only an unambiguous link: a copy, since workloads are shared with the per-resource cache.
        if (namespaces.length === 1)
            model.workloads[index] = {
                ...model.workloads[index],
                workload: { ...model.workloads[index].workload, namespace: namespaces[0].name },
            };
    }
    aws.apply(model);
    return model;
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
class AwsLinks {
    private readonly fargate: FargateSelector[] = [];
    private readonly hostUsers = new Set<string>();
    private readonly capacityProviderDeps = new Set<string>();
    private readonly groups = new Map<string, string[]>();

    /** Records a linking resource; true when it is nothing else (no workload to map). */
    note(res: StackResource): boolean {
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

    apply(model: StackModel): void {
        for (const [urn, deps] of this.groups)
            if (this.capacityProviderDeps.has(urn)) for (const d of deps) this.hostUsers.add(d);
        if (this.hostUsers.size) {
            const hosts = new Set<Workload>();
            for (const sw of model.workloads)
                if (sw.workload.hostMetadata && this.hostUsers.has(sw.urn)) hosts.add(sw.workload);
            if (hosts.size) model.containerHosts = hosts;
        }
        if (!this.fargate.length) return;
        model.workloads = model.workloads.map((sw) => {
            const w = sw.workload;
            if (w.platform !== "kubernetes" || w.isolation !== "container" || w.isPatch) return sw;
            if (!this.fargate.some((s) => selects(s, w))) return sw;
            // A copy: workloads are shared with the per-resource cache, which must keep what Analyze saw.
            return { ...sw, workload: { ...w, isolation: "vm" } };
        });
    }
}

/** Namespace name → labels; a Namespace and its …Patch twins merge (patches add labels). */
export function namespaceLabelsOf(stack: StackModel): Map<string, Readonly<Record<string, string>>> {
    const out = new Map<string, Record<string, string>>();
    for (const ns of stack.namespaces) out.set(ns.name, { ...(out.get(ns.name) ?? {}), ...ns.labels });
    return out;
}

/**
 * A container that mounts by name a `docker.Volume` of the same daemon whose local driver binds a host path mounts
 * that host path: record it on the container's stack workload, read-only only if the container mounts it read-only.
 */
function resolveDockerVolumes(model: StackModel): void {
    const binds = new Map<string, string>();
    for (const sw of model.workloads) {
        const hostPath = dockerVolumeBind(sw.workload);
        if (hostPath !== undefined) binds.set(`${sw.dockerHost}\u0000${sw.workload.name}`, hostPath);
    }
    if (!binds.size) return;
    for (const sw of model.workloads) {
        const w = sw.workload;
        if (w.platform !== "docker" || w.storageOnly) continue;
        const found: Volume[] = [];
        for (const c of w.containers) {
            for (const m of c.mounts) {
                const hostPath = binds.get(`${sw.dockerHost}\u0000${m.volume}`);
                // A bind mount's source is already a host path (judged in Analyze), not a volume name.
                if (hostPath === undefined || m.sourcePath === undefined) continue;
                if (w.volumes.some((v) => v.name === m.volume && v.hostPath !== undefined)) continue;
                found.push({
                    name: m.volume,
                    types: ["bind"],
                    hostPath,
                    readOnly: m.readOnly === true,
                    container: c.name,
                    path: m.sourcePath,
                    via: `Volume "${m.volume}"`,
                });
            }
        }
        if (found.length) sw.stackVolumes = found;
    }
}
