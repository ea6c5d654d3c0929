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
}

export interface StackWorkload {
    urn: string;
    workload: Workload;
    /** Provider URN, when known: a RuntimeClass only serves workloads of the same cluster. */
    providerUrn?: string;
    /** Docker: which daemon runs it (the provider's `host`, normalized; the provider URN when unknown). */
    dockerHost?: string;
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
    labels: Record<string, string>;
    /** Unknown or malformed name or labels: a label unknown at preview may yet mark the Namespace multi-tenant. */
    issues?: FieldIssue[];
}

export interface StackModel {
    workloads: StackWorkload[];
    runtimeClasses: RuntimeClassInfo[];
    namespaces: NamespaceInfo[];
    /** Machines (EC2 instances, launch templates) an EKS node group or ECS capacity provider of the stack runs containers on. */
    containerHosts?: ReadonlySet<Workload>;
}
