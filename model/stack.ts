// The normalized view of a whole stack, for checks that relate resources to each other (a workload and the
// RuntimeClass it names, two tenants on one Docker host, a Pod and its Namespace). Built by adapters/stack.ts from
// AnalyzeStack's resources or from the scan CLI's program; stack checks read only this.
import { JsonObject } from "./read";
import { FieldIssue, HostNamespaceSetting, Volume, Workload } from "./workload";

/** One resource as the engine (or the scan CLI) hands it over: inputs/outputs plus its provider. */
export interface StackResource {
    urn: string;
    type: string;
    name: string;
    props: JsonObject;
    provider?: { urn: string; type: string; props: JsonObject };
    /** URNs its `metadata` depends on (else all its dependencies): links a workload to a Namespace whose name is unknown at preview. */
    dependencies?: string[];
    /** Its parent's URN (a component's child: a launch template pulumi-eks builds). */
    parent?: string;
}

export interface StackWorkload {
    urn: string;
    workload: Workload;
    /** Provider URN, when known: a RuntimeClass only serves workloads of the same cluster. */
    providerUrn?: string;
    /** Kubernetes: the provider's namespace for objects that set none (string), unreadable (null), or none known. */
    providerNamespace?: string | null;
    /** Docker: which daemon runs it (the provider's `host`, normalized; the provider URN when unknown). */
    dockerHost?: string;
    /**
     * The Namespaces of the stack (of its cluster) it may be in, when its `metadata.namespace` (or its provider's
     * default namespace) is unknown at preview and its dependencies do not single one out: the stack pass treats
     * their labels as possibly its own (engine/stack.ts), never as `default`'s.
     */
    namespaceCandidates?: NamespaceInfo[];
    /**
     * Host paths it mounts through other resources of the stack (a container mounting by name a Docker volume that
     * binds a host directory); not part of `workload`, which is what Analyze saw.
     */
    stackVolumes?: Volume[];
    /** Host namespaces it joins through another container of the stack (`pidMode: container:<name>`). */
    stackHostNamespaces?: HostNamespaceSetting[];
    /**
     * What the stack could not resolve for it (a volumes-from or namespace source not in the stack, a volume whose
     * driver options are not understood): unknown, never a pass.
     */
    stackIssues?: FieldIssue[];
}

export interface RuntimeClassInfo {
    urn: string;
    name: string;
    /** The handler as written; undefined when absent or not readable (see issues). */
    handler?: string;
    providerUrn?: string;
    /** Unknown or malformed handler/name. */
    issues: FieldIssue[];
}

export interface NamespaceInfo {
    urn: string;
    name: string;
    /** Its provider's URN: the cluster it is created in (undefined: any, as in a scan of manifests). */
    providerUrn?: string;
    labels: Record<string, string>;
    /** Unknown or malformed name or labels: a label unknown at preview may yet mark the Namespace multi-tenant. */
    issues?: FieldIssue[];
}

export interface StackModel {
    workloads: StackWorkload[];
    runtimeClasses: RuntimeClassInfo[];
    namespaces: NamespaceInfo[];
    /**
     * Every resource of the stack as handed over (providers included), for links that follow their types, parents and
     * dependencies (which EKS cluster a Kubernetes provider or a Fargate profile belongs to); indexed only by a link
     * that needs it.
     */
    resources?: readonly StackResource[];
    /** Machines (EC2 instances, launch templates) an EKS node group or ECS capacity provider of the stack runs containers on. */
    containerHosts?: ReadonlySet<Workload>;
}

/** The key of a Namespace among a stack's: its cluster (provider URN; "" for none) and its name. */
export function namespaceKey(cluster: string | undefined, name: string): string {
    return `${cluster ?? ""}\u0000${name}`;
}

/**
 * What a platform team declares about the clusters application stacks deploy into, when those clusters are defined in
 * another stack (policy config `clusterContext`): evidence the stack pass uses exactly as it uses the same resources
 * declared in the stack.
 */
export interface ClusterContext {
    /** RuntimeClass name → CRI handler, as installed on the clusters. */
    runtimeClasses: Readonly<Record<string, string>>;
    /** EKS Fargate profile selectors: pods of a matching namespace (wildcards `*`, `?`) and labels run in microVMs. */
    fargateSelectors: ReadonlyArray<{ namespace: string; labels: Readonly<Record<string, string>> }>;
    /** Node pools that run every pod in a sandbox (GKE Sandbox, Kata pools), by the node labels pods select them by. */
    sandboxNodePools: ReadonlyArray<{ labels: Readonly<Record<string, string>> }>;
}

export const NO_CLUSTER_CONTEXT: ClusterContext = { runtimeClasses: {}, fargateSelectors: [], sandboxNodePools: [] };
