// The normalized workload model. Every platform adapter (Kubernetes pod-spec carriers, Docker, KubeVirt) maps its
// resources onto these types, so each check is written once against this model and never against a provider shape.
//
// Absent fields stay `undefined`: for a `…Patch` resource "not set" means "not changed", so checks must only judge
// what is present. Field paths (`path`) are relative to the resource's inputs and appear verbatim in messages.

export type Platform = "kubernetes" | "docker" | "kubevirt" | "aws" | "gcp" | "azure";

/**
 * How a workload writes its settings (model/dialect.ts). Most platforms speak one dialect, named after them; AWS
 * speaks two: ECS task and Batch container definitions are Docker-shaped (`ecs`), a Batch-on-EKS pod spec and the EC2
 * machines are not (`aws`).
 */
export type DialectName = Platform | "ecs";

/** What kind of boundary separates this workload from its host. */
export type Isolation = "container" | "vm";

/** Semantic names of the security fields checks read; used to route unknown and malformed values to checks. */
export type FieldKey =
    | "all" // a whole spec or container list could not be read
    | "other" // read for messages or matching (image, names), judged by no check
    | "privileged"
    | "windowsHostProcess"
    | "allowPrivilegeEscalation"
    | "capabilities"
    | "volumes"
    | "hostPath"
    | "mountPropagation"
    | "devices"
    | "hostNamespaces"
    | "hostPorts"
    | "probes"
    | "runtime"
    | "labels"
    | "seccomp"
    | "appArmor"
    | "seLinux"
    | "procMount"
    | "sysctls"
    | "runAsNonRoot"
    | "runAsUser"
    | "os"
    | "hostUsers"
    | "instanceMetadata";

/** A value at `path` that the adapter could not use as-is: unknown at preview, or of the wrong shape. */
export interface FieldIssue {
    kind: "unknown" | "malformed";
    field: FieldKey;
    path: string;
    /** Container name when the value belongs to one container; undefined for pod-level values. */
    container?: string;
    /** The raw value (malformed only); rendered through the secret-aware formatter. */
    value?: unknown;
    /**
     * `stack`: another resource of the stack decides what the value reaches (a `container:<name>` namespace mode, a
     * volumes-from source). Analyze only notes it, whatever `unknownValues` says, and judges everything else; the stack
     * pass resolves it, and an unresolvable one becomes a plain unknown there.
     */
    deferredTo?: "stack";
}

export interface SeccompProfile {
    type?: string;
    localhostProfile?: string;
    /**
     * The `defaultAction` of a profile carried inline (Docker `seccomp=<JSON>`), as written; absent for a profile that
     * is only named. A profile whose default lets calls through is unconfined in all but name.
     */
    defaultAction?: string;
    path: string;
}

export interface SeLinuxOptions {
    type?: string;
    user?: string;
    role?: string;
    level?: string;
    path: string;
}

/** Settings PSA reads at both pod and container level (container values override pod values). */
export interface SecuritySettings {
    runAsNonRoot?: boolean;
    runAsUser?: number;
    seccompProfile?: SeccompProfile;
    seLinuxOptions?: SeLinuxOptions;
    appArmorProfile?: { type?: string; localhostProfile?: string; path: string };
    windowsHostProcess?: boolean;
    /** Field path of the securityContext these came from, e.g. `spec.securityContext`. */
    path: string;
}

export interface ContainerSecurity extends SecuritySettings {
    /** Where each container-level field lives on this platform, for messages and remediation. */
    paths: { privileged: string; allowPrivilegeEscalation: string; capAdd: string; capDrop: string };
    privileged?: boolean;
    allowPrivilegeEscalation?: boolean;
    /** Capability names as written (not normalized: messages echo what the user wrote). */
    capAdd?: string[];
    capDrop?: string[];
    procMount?: string;
    /**
     * Set when procMount comes from a setting that means the same to the runtime though named otherwise (Docker's
     * `systempaths=unconfined` option unmasks /proc and /sys as `procMount: Unmasked` does): where, and as written.
     */
    procMountSource?: { path: string; value: string };
    readOnlyRootFilesystem?: boolean;
}

/** A probe or lifecycle handler that names a `host` (PSA hostProbesAndHostLifecycle). */
export interface HostReference {
    host: string;
    path: string;
}

export interface Port {
    hostPort?: number;
    containerPort?: number;
    path: string;
}

export interface VolumeMount {
    /** The volume's name: a pod volume (Kubernetes) or a named volume or bind source (Docker). */
    volume: string;
    mountPath?: string;
    readOnly?: boolean;
    mountPropagation?: string;
    path: string;
    /** Docker: where the volume's name is written (`mounts[0].source`, `volumes[1].volumeName`). */
    sourcePath?: string;
}

export type ContainerRole = "container" | "initContainer" | "ephemeralContainer";

export interface Container {
    name: string;
    role: ContainerRole;
    image?: string;
    /** Field path of this container, e.g. `spec.template.spec.containers[0]`. */
    path: string;
    security: ContainerSecurity;
    ports: Port[];
    hostReferences: HostReference[];
    mounts: VolumeMount[];
    /** Docker `user` (e.g. "root", "0:0"); Kubernetes uses security.runAsUser. */
    user?: string;
    /** Containers whose every mount this one copies (Docker `volumes[].fromContainer`), resolved in the stack pass. */
    volumesFrom?: Array<{ container: string; path: string }>;
}

/** A pod-level volume (Kubernetes) or a container's bind/volume/device (Docker, KubeVirt). */
export interface Volume {
    name: string;
    /** Volume source types set on this volume, e.g. ["hostPath"] or ["emptyDir"]; Docker: "bind" | "volume" | "tmpfs". */
    types: string[];
    hostPath?: string;
    /** True when every mount of this volume is read-only (or it is not mounted at all). */
    readOnly: boolean;
    /** A host device passed through (Docker `devices`, KubeVirt hostDevices/gpus) rather than a file system. */
    device?: boolean;
    /** Container that mounts it, when the platform ties volumes to one container (Docker). */
    container?: string;
    path: string;
    /**
     * Set when the host path comes from another resource of the stack that this one mounts by name (a Docker volume
     * whose local driver binds a host directory), e.g. `Volume "sock"`; the finding's value is then the volume name.
     */
    via?: string;
    /** How the runtime reaches the host through it, when not simply as written (a bind, a hostPath). */
    how?: HostAccess;
}

/**
 * How a container reaches part of its host when the field that does it does not say so by its name: what the
 * Docker engine (or the NVIDIA toolkit) does with the value, not what the field is called.
 */
export type HostAccess =
    | "volume-name-path" // Docker `volumes[].volumeName` that is an absolute path: the daemon bind-mounts it
    | "local-driver-bind" // a `local`-driver volume with `o=bind` and a host `device`
    | "local-driver-device" // a `local`-driver volume that mounts a host block device: the host's disk
    | "local-driver-overlay" // a `local`-driver overlay whose lowerdir/upperdir/workdir is a host directory
    | "volumes-from" // copied from another container's mounts (Docker volumes-from)
    | "device-request" // GPUs requested from the runtime (Docker `gpus`, ECS GPU resource requirements)
    | "container-namespace"; // joined another container's namespace (`pidMode: container:<name>`)

export type HostNamespace = "network" | "pid" | "ipc" | "user" | "cgroup" | "uts";

export interface HostNamespaceSetting {
    namespace: HostNamespace;
    /** The field as written, e.g. `spec.hostPID` or `pidMode`. */
    path: string;
    /** As written, e.g. true or "host". */
    value: boolean | string;
    /** Set when the host's namespace is reached through another container (`container-namespace`). */
    how?: HostAccess;
    /** The container whose namespace is joined, e.g. `Container "sidecar"`. */
    via?: string;
}

/** A Docker namespace mode that joins another container's namespace (`pidMode: container:<name>`): resolved in the stack. */
export interface NamespaceJoin {
    namespace: HostNamespace;
    /** The container joined, by name as written. */
    container: string;
    path: string;
    value: string;
}

export interface Sysctl {
    name: string;
    /** Field path of the name. */
    path: string;
    /** The value as written, when readable. */
    value?: string;
    valuePath?: string;
}

/** A host attribute a placement constraint requires, as written (`attribute:tenant == a` → tenant, a). */
export interface HostAttribute {
    name: string;
    value: string;
    path: string;
}

/** The option list a Docker-style security option lives in, for fix texts: `securityOpts[2]` → `securityOpts`. */
export function optionList(path: string): string {
    const last = path
        .replace(/\[\d+\]$/, "")
        .split(".")
        .pop();
    return last || path;
}

export interface Workload {
    platform: Platform;
    isolation: Isolation;
    /**
     * The dialect the adapter read it in, when its platform speaks more than one (AWS); absent: the platform's own
     * (engine/dialect.ts dialectOf), so a workload built by hand needs none.
     */
    dialect?: DialectName;
    /** @deprecated Read `dialectOf(w).securityOptions`: ECS and Batch container definitions speak the `ecs` dialect. */
    dockerConfigured?: boolean;
    /** Host attributes a cloud scheduler confines the workload to (ECS memberOf `attribute:tenant == a`). */
    hostAttributes?: HostAttribute[];
    /** A machine that runs other parties' containers (EKS node, ECS container instance): instanceMetadata applies. */
    containerHost?: boolean;
    /** @deprecated Read `dialectOf(w).sandbox(w, …)`: the dialect knows where each platform's sandbox is set. */
    sandboxHint?: { field: string; fix: string };
    /** Pulumi type token, e.g. `kubernetes:apps/v1:Deployment`. */
    type: string;
    /** Short kind for messages: Deployment, Pod, Container, Service, VirtualMachine. */
    kind: string;
    /** metadata.name, Docker `name`, or the Pulumi resource name. */
    name: string;
    namespace?: string;
    /**
     * The Kubernetes cluster the stack places it on: its provider's URN (set by the stack pass). Namespaces are the
     * cluster's, so a Namespace's labels reach only the workloads of the same cluster (model/stack.ts namespaceKey).
     */
    cluster?: string;
    /** A `…Patch` resource: absent fields are "unchanged", not defaults. */
    isPatch: boolean;
    /** Labels and annotations of the resource itself. */
    labels: Record<string, string>;
    annotations: Record<string, string>;
    /** Labels and annotations of the pod template (Kubernetes controllers), else empty. */
    podLabels: Record<string, string>;
    podAnnotations: Record<string, string>;
    /** Where the pod spec lives, e.g. `spec.jobTemplate.spec.template.spec`; "" for Docker. */
    specPath: string;
    /** Kubernetes runtimeClassName or Docker runtime. */
    runtime?: { value: string; path: string };
    /**
     * The CRI handler of the RuntimeClass `runtime` names, when the stack declares that class (or the cluster context
     * config does): what really runs the pods, whatever the class is called. Set only by the stack pass.
     */
    runtimeHandler?: string;
    /**
     * Why that handler cannot be known (a RuntimeClass whose handler is unknown at preview): it decides the verdict
     * only where the name alone is no sandbox, so the stack pass adds it to the issues there (engine/stack.ts).
     */
    runtimeHandlerIssue?: FieldIssue;
    /** A pod's `nodeSelector` (Kubernetes): the node labels it can only run on (a sandbox node pool's, say). */
    nodeSelector?: Record<string, string>;
    /**
     * Model fields whose effective value another resource of the stack decides for this workload (a GKE pool whose
     * metadata mode its cluster's Workload Identity defaults), besides those its dialect names (`stackDecides`).
     */
    stackDecides?: readonly FieldKey[];
    /** Shared host namespaces, only those set (true / "host"). */
    hostNamespaces: HostNamespaceSetting[];
    /** Namespaces joined from other containers (Docker `container:<name>` modes), resolved in the stack pass. */
    namespaceJoins?: NamespaceJoin[];
    /** Explicitly *not* sharing user namespace (`hostUsers: false`); relaxes some PSA checks. */
    hostUsers?: boolean;
    /** spec.os.name ("linux" | "windows"), when set. */
    osName?: string;
    pod: SecuritySettings;
    sysctls: Sysctl[];
    containers: Container[];
    volumes: Volume[];
    /** Values the adapter could not read (unknown at preview or malformed). */
    issues: FieldIssue[];
    /**
     * A resource that only provides storage (a PersistentVolume, a Docker volume): it runs nothing itself, so only the
     * checks about what it exposes of the host apply, not those about processes or runtimes.
     */
    storageOnly?: boolean;
    /** Cloud instance-metadata settings of a machine that hosts containers (instanceMetadata check). */
    hostMetadata?: HostMetadataSettings;
}

export function containerSubject(c: Container | undefined): string {
    if (!c) return "pod";
    const role =
        c.role === "container" ? "container" : c.role === "initContainer" ? "init container" : "ephemeral container";
    return `${role} "${c.name}"`;
}

/** How a cloud machine (EC2 instance or launch template, GKE node pool) exposes its instance metadata service. */
export interface HostMetadataSettings {
    /** Field path of the block, e.g. `metadataOptions` or `nodeConfig.workloadMetadataConfig`. */
    path: string;
    /** AWS IMDS `httpTokens` as written ("required" | "optional"); undefined when unset. */
    httpTokens?: string;
    /** AWS IMDS `httpPutResponseHopLimit`; undefined when unset. */
    httpPutResponseHopLimit?: number;
    /** AWS IMDS `httpEndpoint` ("enabled" | "disabled"); undefined when unset. */
    httpEndpoint?: string;
    /** GKE `workloadMetadataConfig.mode` as written ("GKE_METADATA", "GCE_METADATA", …); undefined when unset. */
    gkeMode?: string;
    /** What the platform does with an AWS IMDS field left unset (data/platformDefaults.ts), quoted by findings. */
    unsetMeans?: { httpTokens?: string; httpPutResponseHopLimit?: string };
    /**
     * The machine takes the platform's metadata settings and can write none of its own (an EKS managed node group
     * without a launch template): where to set them, and what the platform's default does.
     */
    platformDefault?: { field: string; behaviour: string };
    /**
     * The settings are not written as a block but follow from one input that writes them all (pulumi-eks
     * `ManagedNodeGroup.enableIMDSv2`): findings name that input, and how to change what it writes.
     */
    decidedBy?: { field: string; value: boolean; fix: string };
}
