// Azure adapter (the azure-native provider, any API-version module: `azure-native:containerinstance:ContainerGroup`
// and `azure-native:containerinstance/v20230501:ContainerGroup` alike; field names checked against the
// @pulumi/azure-native 3.28.0 schema, whose SDK inputs are the flattened ARM properties):
// - Container Instances groups: each group runs in its own utility VM (isolation "vm"), but its containers can still
//   ask for privileges inside it: each container's and init container's `securityContext` (privileged,
//   allowPrivilegeEscalation, capabilities add/drop, runAsUser, seccompProfile) is judged like a Kubernetes one.
// - AKS node pools, standalone (`containerservice:AgentPool`) or in a cluster (`ManagedCluster.agentPoolProfiles[]`):
//   a container host with no containers of its own, sandboxed when `workloadRuntime` is Kata (pod sandboxing:
//   KataVmIsolation, or its preview name KataMshvVmIsolation); its node labels and tags are tenancy markers.
// - Virtual machines (`compute:VirtualMachine`) and scale sets (`compute:VirtualMachineScaleSet`, each of whose VMs
//   carries its tags): one tenant each (tenantSharedHost); tags are their markers, names compared in any case.
import { Container, ContainerSecurity, Volume, VolumeMount, Workload } from "../../model/workload";
import { At, JsonObject, Reader, isPlainObject } from "../../model/read";
import { newWorkload, nodePoolLabels, volumeSources } from "../shared/common";
import { ADD_DROP_CAPABILITIES, capabilityPath, readCapabilities } from "../shared/capabilities";
import { readInlineProfile } from "../shared/seccompProfile";
import { PlatformAdapter } from "../adapter";
import { azureDialect } from "./dialect";

const AZURE_TYPE = /^azure-native:(containerinstance|containerservice|compute)(?:\/v[0-9a-z]+)?:([A-Za-z]+)$/;

type AzureKind = "ContainerGroup" | "AgentPool" | "ManagedCluster" | "VirtualMachine" | "VirtualMachineScaleSet";

const KINDS: ReadonlyMap<string, AzureKind> = new Map([
    ["containerinstance:ContainerGroup", "ContainerGroup"],
    ["containerservice:AgentPool", "AgentPool"],
    ["containerservice:ManagedCluster", "ManagedCluster"],
    ["compute:VirtualMachine", "VirtualMachine"],
    ["compute:VirtualMachineScaleSet", "VirtualMachineScaleSet"],
]);

/** The resource kind of an azure-native type token, whatever its API version; undefined for kinds not read. */
export function azureKind(type: string): AzureKind | undefined {
    const m = AZURE_TYPE.exec(type);
    return m ? KINDS.get(`${m[1]}:${m[2]}`) : undefined;
}

/**
 * AKS `workloadRuntime` values that run every pod of the pool that asks for it in a Kata VM, lower-cased, to the
 * RuntimeClass AKS installs for them: the pool counts as a sandbox when that RuntimeClass is one the policy counts as
 * a sandbox (`sandboxRuntimeClasses`).
 */
const AKS_SANDBOX_RUNTIME_CLASSES: ReadonlyMap<string, string> = new Map([
    ["katavmisolation", "kata-vm-isolation"],
    ["katamshvvmisolation", "kata-mshv-vm-isolation"],
]);

// The pool's sandbox setting is the dialect's answer (./dialect.ts); adapters/index.ts still offers it.
export { azureSandboxSetting } from "./dialect";

export function azureWorkloads(type: string, resourceName: string, props: JsonObject): Workload[] {
    switch (azureKind(type)) {
        case "ContainerGroup":
            return [containerGroupWorkload(type, resourceName, props)];
        case "AgentPool":
            return [agentPoolStandalone(type, resourceName, props)];
        case "ManagedCluster":
            return clusterAgentPools(type, resourceName, props);
        case "VirtualMachine":
            return [virtualMachineWorkload(type, resourceName, props, "vmName", "VirtualMachine")];
        case "VirtualMachineScaleSet":
            // Every VM of the scale set carries its tags: judged as one VM, as an EC2 launch template is.
            return [virtualMachineWorkload(type, resourceName, props, "vmScaleSetName", "VirtualMachineScaleSet")];
        default:
            return [];
    }
}

function tagsOf(r: Reader, obj: unknown, path: string): Record<string, string> {
    const key = path.split(".").pop() ?? path;
    return r.strMap(obj, key, { path, field: "labels" });
}

/** One node pool (profile) at `base` ("" for a standalone AgentPool); `inherited` are the cluster's tags. */
function agentPoolWorkload(
    r: Reader,
    type: string,
    name: string,
    pool: unknown,
    base: string,
    inherited: Record<string, string>,
): Workload {
    const at = (k: string) => (base ? `${base}.${k}` : k);
    const tags = tagsOf(r, pool, at("tags"));
    const nodeLabels = tagsOf(r, pool, at("nodeLabels"));
    const labels = nodePoolLabels(inherited, tags, nodeLabels);
    const w = newWorkload(
        {
            platform: "azure",
            isolation: "container",
            type,
            kind: "AgentPool",
            name,
            isPatch: false,
            specPath: base,
            labels,
        },
        r,
    );
    const path = at("workloadRuntime");
    const runtime = r.str(pool, "workloadRuntime", { path, field: "runtime" });
    if (runtime !== undefined)
        w.runtime = { value: AKS_SANDBOX_RUNTIME_CLASSES.get(runtime.trim().toLowerCase()) ?? runtime, path };
    const os = r.str(pool, "osType", { path: at("osType"), field: "os" });
    if (os !== undefined) w.osName = os.toLowerCase();
    return w;
}

function agentPoolStandalone(type: string, resourceName: string, props: JsonObject): Workload {
    const r = new Reader();
    const name = r.str(props, "agentPoolName", { path: "agentPoolName", field: "other" }) ?? resourceName;
    return agentPoolWorkload(r, type, name, props, "", Object.create(null));
}

function clusterAgentPools(type: string, resourceName: string, props: JsonObject): Workload[] {
    const head = new Reader();
    const cluster = head.str(props, "resourceName", { path: "resourceName", field: "other" }) ?? resourceName;
    const clusterTags = tagsOf(head, props, "tags");
    const profiles = head.list(props, "agentPoolProfiles", { path: "agentPoolProfiles", field: "all" }) ?? [];
    const out = profiles.map((p, i) => {
        const r = new Reader();
        const base = `agentPoolProfiles[${i}]`;
        if (!isPlainObject(p)) r.malformed({ path: base, field: "all" }, p);
        const poolName = r.str(p, "name", { path: `${base}.name`, field: "other" }) ?? base;
        return agentPoolWorkload(r, type, `${cluster}/${poolName}`, p, base, clusterTags);
    });
    if (head.issues.length) {
        if (!out.length)
            out.push(
                newWorkload(
                    {
                        platform: "azure",
                        isolation: "container",
                        type,
                        kind: "ManagedCluster",
                        name: cluster,
                        isPatch: false,
                        specPath: "",
                    },
                    new Reader(),
                ),
            );
        for (const w of out) w.issues.push(...head.issues);
    }
    return out;
}

function virtualMachineWorkload(
    type: string,
    resourceName: string,
    props: JsonObject,
    nameKey: string,
    kind: AzureKind,
): Workload {
    const r = new Reader();
    const name = r.str(props, nameKey, { path: nameKey, field: "other" }) ?? resourceName;
    const labels = tagsOf(r, props, "tags");
    return newWorkload(
        {
            platform: "azure",
            isolation: "vm",
            type,
            kind,
            name,
            isPatch: false,
            specPath: "",
            labels,
        },
        r,
    );
}

/** A container group: its own VM, whose containers' security contexts still matter inside it. */
function containerGroupWorkload(type: string, resourceName: string, props: JsonObject): Workload {
    const r = new Reader();
    const name = r.str(props, "containerGroupName", { path: "containerGroupName", field: "other" }) ?? resourceName;
    const labels = tagsOf(r, props, "tags");
    const w = newWorkload(
        {
            platform: "azure",
            isolation: "vm",
            type,
            kind: "ContainerGroup",
            name,
            isPatch: false,
            specPath: "",
            labels,
        },
        r,
    );
    const os = r.str(props, "osType", { path: "osType", field: "os" });
    if (os !== undefined) w.osName = os.toLowerCase();

    const mounted = new Map<string, boolean>();
    for (const [list, role] of [
        ["initContainers", "initContainer"],
        ["containers", "container"],
    ] as const) {
        (r.list(props, list, { path: list, field: "all" }) ?? []).forEach((c, i) => {
            const container = readContainer(r, c, `${list}[${i}]`, role, mounted);
            if (container) w.containers.push(container);
        });
    }
    (r.list(props, "volumes", { path: "volumes", field: "volumes" }) ?? []).forEach((v, i) => {
        const vp = `volumes[${i}]`;
        if (!isPlainObject(v)) return r.malformed({ path: vp, field: "volumes" }, v);
        const vname = r.str(v, "name", { path: `${vp}.name`, field: "volumes" }) ?? "";
        // ACI volumes are Azure Files shares, emptyDir, gitRepo and secrets: none reaches the host's file system.
        const vol: Volume = { name: vname, types: volumeSources(v), readOnly: mounted.get(vname) !== false, path: vp };
        w.volumes.push(vol);
    });
    return w;
}

function readContainer(
    r: Reader,
    c: unknown,
    cp: string,
    role: Container["role"],
    mounted: Map<string, boolean>,
): Container | undefined {
    if (!isPlainObject(c)) {
        r.malformed({ path: cp, field: "all" }, c);
        return undefined;
    }
    const name = r.str(c, "name", { path: `${cp}.name`, field: "other" }) ?? cp;
    const sp = `${cp}.securityContext`;
    const at = (k: string, field: At["field"]): At => ({ path: `${sp}.${k}`, field, container: name });
    const sc = r.obj(c, "securityContext", { path: sp, field: "all", container: name });
    const security: ContainerSecurity = {
        path: sp,
        paths: {
            privileged: `${sp}.privileged`,
            allowPrivilegeEscalation: `${sp}.allowPrivilegeEscalation`,
            capAdd: capabilityPath(sp, ADD_DROP_CAPABILITIES, "add"),
            capDrop: capabilityPath(sp, ADD_DROP_CAPABILITIES, "drop"),
        },
    };
    security.privileged = r.bool(sc, "privileged", at("privileged", "privileged"));
    security.allowPrivilegeEscalation = r.bool(
        sc,
        "allowPrivilegeEscalation",
        at("allowPrivilegeEscalation", "allowPrivilegeEscalation"),
    );
    readCapabilities(r, sc, sp, ADD_DROP_CAPABILITIES, name, security);
    security.runAsUser = r.num(sc, "runAsUser", at("runAsUser", "runAsUser"));
    // The seccomp profile the group brings along, as "a base64 encoded string containing the contents of the JSON in
    // the seccomp profile" (ACI's SecurityContextDefinition.seccompProfile, REST API 2023-05-01 and later): a profile
    // of the user's own (PSA's Localhost), judged by its defaultAction like Docker's inline profiles. Text that is not
    // base64, or not a profile, is malformed: the pack cannot tell what it allows.
    const seccompAt = at("seccompProfile", "seccomp");
    const seccomp = r.str(sc, "seccompProfile", seccompAt);
    if (seccomp !== undefined) {
        const json = fromBase64(seccomp);
        if (json === undefined) r.malformed(seccompAt, seccomp);
        else security.seccompProfile = readInlineProfile(r, json, seccompAt);
    }

    const mounts: VolumeMount[] = [];
    (r.list(c, "volumeMounts", { path: `${cp}.volumeMounts`, field: "volumes", container: name }) ?? []).forEach(
        (m, i) => {
            const mp = `${cp}.volumeMounts[${i}]`;
            const volume = r.str(m, "name", { path: `${mp}.name`, field: "volumes", container: name }) ?? "";
            const readOnly = r.bool(m, "readOnly", { path: `${mp}.readOnly`, field: "volumes", container: name });
            mounts.push({
                volume,
                mountPath: r.str(m, "mountPath", { path: `${mp}.mountPath`, field: "volumes", container: name }),
                readOnly,
                path: mp,
            });
            mounted.set(volume, (mounted.get(volume) ?? true) && readOnly === true);
        },
    );
    const ports = (r.list(c, "ports", { path: `${cp}.ports`, field: "hostPorts", container: name }) ?? []).map(
        (p, i) => ({
            containerPort: r.num(p, "port", { path: `${cp}.ports[${i}].port`, field: "hostPorts", container: name }),
            path: `${cp}.ports[${i}]`,
        }),
    );
    return {
        name,
        role,
        image: r.str(c, "image", { path: `${cp}.image`, field: "other", container: name }),
        path: cp,
        security,
        ports,
        hostReferences: [],
        mounts,
    };
}

export const azureAdapter: PlatformAdapter = {
    name: "azure",
    packages: ["azure-native"],
    reads: (type) => azureKind(type) !== undefined,
    workloads: azureWorkloads,
    dialects: [azureDialect],
    docs: [
        {
            platform: "Azure (`azure-native`, any API version module)",
            types: "`containerinstance:ContainerGroup` (a VM per group; each container's and init container's `securityContext`: `privileged`, `allowPrivilegeEscalation`, `capabilities.add`/`drop`, `runAsUser`, `seccompProfile`; `tags`); `containerservice:AgentPool` and `ManagedCluster.agentPoolProfiles[]` (`workloadRuntime: KataVmIsolation` or `KataMshvVmIsolation` is a sandbox pool; `nodeLabels`, `tags`, cluster `tags`); `compute:VirtualMachine` and `compute:VirtualMachineScaleSet` (a VM, or each VM of the scale set: `tags`, whose names Azure compares in any case). Field names as in @pulumi/azure-native 3.28.0",
        },
    ],
};

/** Strict base64 (RFC 4648, padded as Azure's SDKs write it) decoded as UTF-8; undefined for any other text. */
function fromBase64(text: string): string | undefined {
    const compact = text.replace(/\s+/g, "");
    if (compact.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(compact)) return undefined;
    return Buffer.from(compact, "base64").toString("utf8");
}
