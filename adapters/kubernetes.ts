// Kubernetes adapter: maps every pod-spec carrier (Pod, PodTemplate, ReplicationController, Deployment, ReplicaSet,
// StatefulSet, DaemonSet, Job, CronJob; every apiVersion; their …Patch and …List variants) onto the workload model,
// and PersistentVolumes (and their …Patch and …List forms) whose source is a node path, as storage-only workloads.
import {
    Container,
    ContainerRole,
    ContainerSecurity,
    HostNamespaceSetting,
    HostReference,
    Port,
    SecuritySettings,
    Volume,
    VolumeMount,
    Workload,
} from "../model/workload";
import { At, JsonObject, Reader, isPlainObject } from "../model/read";
import { join, newWorkload, perItem, readObjectMeta } from "./common";
import { NamespaceInfo, RuntimeClassInfo } from "../model/stack";

/** Where the pod template sits in each carrier kind, as property path segments. */
const POD_SPEC_PATHS: Readonly<Record<string, readonly string[]>> = {
    Pod: [],
    PodTemplate: ["template"],
    ReplicationController: ["spec", "template"],
    Deployment: ["spec", "template"],
    ReplicaSet: ["spec", "template"],
    StatefulSet: ["spec", "template"],
    DaemonSet: ["spec", "template"],
    Job: ["spec", "template"],
    CronJob: ["spec", "jobTemplate", "spec", "template"],
};

/** API groups whose kinds above are real pod carriers (not a CRD that happens to share a kind name). */
const CARRIER_GROUPS = new Set(["core", "apps", "extensions", "batch"]);

export interface KubernetesType {
    group: string;
    version: string;
    kind: string;
    isPatch: boolean;
    isList: boolean;
}

/** Parses `kubernetes:apps/v1:DeploymentPatch` → {group: "apps", version: "v1", kind: "Deployment", isPatch: true}. */
export function parseKubernetesType(type: string): KubernetesType | undefined {
    const m = /^kubernetes:([^:/]+)\/([^:/]+):([A-Za-z0-9]+)$/.exec(type);
    if (!m) return undefined;
    let kind = m[3];
    const isPatch = kind.endsWith("Patch");
    if (isPatch) kind = kind.slice(0, -"Patch".length);
    const isList = !isPatch && kind.endsWith("List");
    if (isList) kind = kind.slice(0, -"List".length);
    return { group: m[1], version: m[2], kind, isPatch, isList };
}

export function isPodCarrier(t: KubernetesType): boolean {
    return CARRIER_GROUPS.has(t.group) && Object.prototype.hasOwnProperty.call(POD_SPEC_PATHS, t.kind);
}

const CONTAINER_LISTS: ReadonlyArray<[string, ContainerRole]> = [
    ["containers", "container"],
    ["initContainers", "initContainer"],
    ["ephemeralContainers", "ephemeralContainer"],
];

const PROBES = ["livenessProbe", "readinessProbe", "startupProbe"];
const LIFECYCLE_HANDLERS = ["postStart", "preStop"];

/**
 * Maps one Kubernetes resource's inputs to workloads: one for a carrier, one per item for a `…List`,
 * none for anything else.
 */
export function kubernetesWorkloads(type: string, resourceName: string, props: JsonObject): Workload[] {
    const t = parseKubernetesType(type);
    if (!t) return [];
    if (isPodCarrier(t))
        return perItem(t.isList, resourceName, props, (name, item, prefix) =>
            podCarrierWorkload(type, t, name, item, prefix),
        );
    if (t.group === "core" && t.kind === "PersistentVolume")
        return perItem(t.isList, resourceName, props, (name, item, prefix) =>
            persistentVolumeWorkload(type, t, name, item, prefix),
        );
    return [];
}

/** PersistentVolume sources that are a directory of the node the pod lands on. */
const NODE_PATH_SOURCES = ["hostPath", "local"] as const;

/**
 * A PersistentVolume whose source is a node path (`hostPath`, `local`): every pod whose claim binds to it mounts that
 * path, so the path is judged where the volume is defined. Read-write unless proven otherwise: the claim and the pod
 * decide the mode, and they may live anywhere.
 */
function persistentVolumeWorkload(
    type: string,
    t: KubernetesType,
    resourceName: string,
    props: JsonObject,
    prefix: string,
): Workload {
    const r = new Reader();
    const meta = readObjectMeta(r, props, prefix);
    const specPath = `${prefix}spec`;
    const spec = r.obj(props, "spec", { path: specPath, field: "volumes" });
    const w = newWorkload(
        {
            platform: "kubernetes",
            isolation: "container",
            type,
            kind: t.kind,
            name: meta.name ?? resourceName,
            isPatch: t.isPatch,
            labels: meta.labels,
            annotations: meta.annotations,
            specPath,
        },
        r,
    );
    w.storageOnly = true;
    for (const source of NODE_PATH_SOURCES) {
        const sp = `${specPath}.${source}`;
        const src = r.obj(spec, source, { path: sp, field: "hostPath" });
        if (!src) continue;
        w.volumes.push({
            name: w.name,
            types: [source],
            hostPath: r.str(src, "path", { path: `${sp}.path`, field: "hostPath" }),
            readOnly: false,
            path: `${sp}.path`,
        });
    }
    return w;
}

function podCarrierWorkload(
    type: string,
    t: KubernetesType,
    resourceName: string,
    props: JsonObject,
    prefix: string,
): Workload {
    const r = new Reader();
    const meta = readObjectMeta(r, props, prefix);

    // Walk to the pod template: metadata + spec.
    let template: unknown = props;
    let path = prefix.replace(/\.$/, "");
    for (const seg of POD_SPEC_PATHS[t.kind]) {
        path = join(path, seg);
        template = r.obj(template, seg, { path, field: "all" });
    }
    const isPod = t.kind === "Pod";
    const podMeta = isPod ? undefined : r.obj(template, "metadata", { path: join(path, "metadata"), field: "labels" });
    const specPath = join(path, "spec");
    const spec = r.obj(template, "spec", { path: specPath, field: "all" });

    const w = newWorkload(
        {
            platform: "kubernetes",
            isolation: "container",
            type,
            kind: t.kind,
            name: meta.name ?? resourceName,
            namespace: meta.namespace,
            isPatch: t.isPatch,
            labels: meta.labels,
            annotations: meta.annotations,
            // A Pod's own metadata is its pod metadata.
            podLabels: isPod
                ? undefined
                : r.strMap(podMeta, "labels", { path: join(path, "metadata.labels"), field: "labels" }),
            podAnnotations: isPod
                ? undefined
                : r.strMap(podMeta, "annotations", { path: join(path, "metadata.annotations"), field: "labels" }),
            specPath,
        },
        r,
    );
    if (spec) readPodSpec(r, spec, specPath, w);
    return w;
}

/** Reads a Kubernetes PodSpec (also used for KubeVirt's pod-level fields). */
export function readPodSpec(r: Reader, spec: JsonObject, specPath: string, w: Workload): void {
    const hostNamespaceFields: ReadonlyArray<[string, HostNamespaceSetting["namespace"]]> = [
        ["hostNetwork", "network"],
        ["hostPID", "pid"],
        ["hostIPC", "ipc"],
    ];
    for (const [field, namespace] of hostNamespaceFields) {
        const p = `${specPath}.${field}`;
        if (r.bool(spec, field, { path: p, field: "hostNamespaces" }) === true)
            w.hostNamespaces.push({ namespace, path: p, value: true });
    }
    w.hostUsers = r.bool(spec, "hostUsers", { path: `${specPath}.hostUsers`, field: "hostUsers" });
    w.osName = r.str(r.obj(spec, "os", { path: `${specPath}.os`, field: "os" }), "name", {
        path: `${specPath}.os.name`,
        field: "os",
    });
    const runtime = r.str(spec, "runtimeClassName", { path: `${specPath}.runtimeClassName`, field: "runtime" });
    if (runtime !== undefined) w.runtime = { value: runtime, path: `${specPath}.runtimeClassName` };

    const scPath = `${specPath}.securityContext`;
    const sc = r.obj(spec, "securityContext", { path: scPath, field: "all" });
    w.pod = readSecuritySettings(r, sc, scPath, undefined);
    const sysctls = r.list(sc, "sysctls", { path: `${scPath}.sysctls`, field: "sysctls" }) ?? [];
    sysctls.forEach((s, i) => {
        const at: At = { path: `${scPath}.sysctls[${i}].name`, field: "sysctls" };
        const name = r.str(s, "name", at);
        const valuePath = `${scPath}.sysctls[${i}].value`;
        const value = r.str(s, "value", { path: valuePath, field: "sysctls" });
        if (name !== undefined) w.sysctls.push({ name, path: at.path, value, valuePath });
    });

    // Volumes: pod-level; read-only-ness is decided by the containers' mounts below.
    const volumes = r.list(spec, "volumes", { path: `${specPath}.volumes`, field: "volumes" }) ?? [];
    volumes.forEach((v, i) => {
        const vp = `${specPath}.volumes[${i}]`;
        if (!isPlainObject(v)) {
            r.malformed({ path: vp, field: "volumes" }, v);
            return;
        }
        const types = Object.keys(v).filter((k) => k !== "name" && v[k] !== null && v[k] !== undefined);
        const vol: Volume = {
            name: r.str(v, "name", { path: `${vp}.name`, field: "volumes" }) ?? "",
            types,
            readOnly: true,
            path: vp,
        };
        if (types.includes("hostPath")) {
            const hp = r.obj(v, "hostPath", { path: `${vp}.hostPath`, field: "hostPath" });
            vol.hostPath = r.str(hp, "path", { path: `${vp}.hostPath.path`, field: "hostPath" });
            vol.path = `${vp}.hostPath.path`;
        }
        w.volumes.push(vol);
    });

    for (const [listName, role] of CONTAINER_LISTS) {
        const lp = `${specPath}.${listName}`;
        const list = r.list(spec, listName, { path: lp, field: "all" }) ?? [];
        list.forEach((c, i) => {
            const cp = `${lp}[${i}]`;
            if (!isPlainObject(c)) {
                r.malformed({ path: cp, field: "all" }, c);
                return;
            }
            w.containers.push(readContainer(r, c, cp, role, i));
        });
    }

    // A hostPath volume is only as read-only as its least restrictive mount. A name may be declared twice (the API
    // rejects it, a preview does not): a writable mount of the name makes every volume of that name writable.
    const writable = new Set<string>();
    for (const c of w.containers) for (const m of c.mounts) if (m.readOnly !== true) writable.add(m.volume);
    for (const v of w.volumes) if (writable.has(v.name)) v.readOnly = false;
}

function readContainer(r: Reader, c: JsonObject, cp: string, role: ContainerRole, index: number): Container {
    const name = r.str(c, "name", { path: `${cp}.name`, field: "other" }) ?? `#${index}`;
    const scPath = `${cp}.securityContext`;
    const sc = r.obj(c, "securityContext", { path: scPath, field: "all", container: name });
    const security: ContainerSecurity = {
        ...readSecuritySettings(r, sc, scPath, name),
        paths: {
            privileged: `${scPath}.privileged`,
            allowPrivilegeEscalation: `${scPath}.allowPrivilegeEscalation`,
            capAdd: `${scPath}.capabilities.add`,
            capDrop: `${scPath}.capabilities.drop`,
        },
    };
    security.privileged = r.bool(sc, "privileged", {
        path: `${scPath}.privileged`,
        field: "privileged",
        container: name,
    });
    security.allowPrivilegeEscalation = r.bool(sc, "allowPrivilegeEscalation", {
        path: `${scPath}.allowPrivilegeEscalation`,
        field: "allowPrivilegeEscalation",
        container: name,
    });
    security.procMount = r.str(sc, "procMount", { path: `${scPath}.procMount`, field: "procMount", container: name });
    security.readOnlyRootFilesystem = r.bool(sc, "readOnlyRootFilesystem", {
        path: `${scPath}.readOnlyRootFilesystem`,
        field: "other",
        container: name,
    });
    const capsAt: At = { path: `${scPath}.capabilities`, field: "capabilities", container: name };
    const caps = r.obj(sc, "capabilities", capsAt);
    if (caps) {
        security.capAdd = r.strList(caps, "add", { ...capsAt, path: `${capsAt.path}.add` });
        security.capDrop = r.strList(caps, "drop", { ...capsAt, path: `${capsAt.path}.drop` });
    }

    const ports: Port[] = [];
    (r.list(c, "ports", { path: `${cp}.ports`, field: "hostPorts", container: name }) ?? []).forEach((p, i) => {
        const pp = `${cp}.ports[${i}]`;
        ports.push({
            hostPort: r.num(p, "hostPort", { path: `${pp}.hostPort`, field: "hostPorts", container: name }),
            containerPort: r.num(p, "containerPort", { path: `${pp}.containerPort`, field: "other", container: name }),
            path: `${pp}.hostPort`,
        });
    });

    const hostReferences: HostReference[] = [];
    const readHandler = (handler: JsonObject | undefined, hp: string) => {
        if (!handler) return; // most containers have few probes and no lifecycle hooks
        for (const action of ["httpGet", "tcpSocket"]) {
            const a = r.obj(handler, action, { path: `${hp}.${action}`, field: "probes", container: name });
            const at: At = { path: `${hp}.${action}.host`, field: "probes", container: name };
            const host = r.str(a, "host", at);
            if (host !== undefined) hostReferences.push({ host, path: at.path });
        }
    };
    for (const probe of PROBES)
        readHandler(r.obj(c, probe, { path: `${cp}.${probe}`, field: "probes", container: name }), `${cp}.${probe}`);
    const lifecycle = r.obj(c, "lifecycle", { path: `${cp}.lifecycle`, field: "probes", container: name });
    if (lifecycle)
        for (const h of LIFECYCLE_HANDLERS)
            readHandler(
                r.obj(lifecycle, h, { path: `${cp}.lifecycle.${h}`, field: "probes", container: name }),
                `${cp}.lifecycle.${h}`,
            );

    const mounts: VolumeMount[] = [];
    (r.list(c, "volumeMounts", { path: `${cp}.volumeMounts`, field: "volumes", container: name }) ?? []).forEach(
        (m, i) => {
            const mp = `${cp}.volumeMounts[${i}]`;
            mounts.push({
                volume: r.str(m, "name", { path: `${mp}.name`, field: "volumes", container: name }) ?? "",
                mountPath: r.str(m, "mountPath", { path: `${mp}.mountPath`, field: "volumes", container: name }),
                readOnly: r.bool(m, "readOnly", { path: `${mp}.readOnly`, field: "hostPath", container: name }),
                mountPropagation: r.str(m, "mountPropagation", {
                    path: `${mp}.mountPropagation`,
                    field: "mountPropagation",
                    container: name,
                }),
                path: mp,
            });
        },
    );

    return {
        name,
        role,
        image: r.str(c, "image", { path: `${cp}.image`, field: "other", container: name }),
        path: cp,
        security,
        ports,
        hostReferences,
        mounts,
    };
}

/** The securityContext fields shared by PodSecurityContext and SecurityContext. */
function readSecuritySettings(
    r: Reader,
    sc: JsonObject | undefined,
    scPath: string,
    container: string | undefined,
): SecuritySettings {
    const s: SecuritySettings = { path: scPath };
    if (!sc) return s;
    s.runAsNonRoot = r.bool(sc, "runAsNonRoot", { path: `${scPath}.runAsNonRoot`, field: "runAsNonRoot", container });
    s.runAsUser = r.num(sc, "runAsUser", { path: `${scPath}.runAsUser`, field: "runAsUser", container });
    const seccompPath = `${scPath}.seccompProfile`;
    const seccomp = r.obj(sc, "seccompProfile", { path: seccompPath, field: "seccomp", container });
    if (seccomp) {
        s.seccompProfile = {
            type: r.str(seccomp, "type", { path: `${seccompPath}.type`, field: "seccomp", container }),
            localhostProfile: r.str(seccomp, "localhostProfile", {
                path: `${seccompPath}.localhostProfile`,
                field: "seccomp",
                container,
            }),
            path: `${seccompPath}.type`,
        };
    }
    const selPath = `${scPath}.seLinuxOptions`;
    const sel = r.obj(sc, "seLinuxOptions", { path: selPath, field: "seLinux", container });
    if (sel) {
        s.seLinuxOptions = { path: selPath };
        for (const k of ["type", "user", "role", "level"] as const)
            s.seLinuxOptions[k] = r.str(sel, k, { path: `${selPath}.${k}`, field: "seLinux", container });
    }
    const aaPath = `${scPath}.appArmorProfile`;
    const aa = r.obj(sc, "appArmorProfile", { path: aaPath, field: "appArmor", container });
    if (aa) {
        s.appArmorProfile = {
            type: r.str(aa, "type", { path: `${aaPath}.type`, field: "appArmor", container }),
            localhostProfile: r.str(aa, "localhostProfile", {
                path: `${aaPath}.localhostProfile`,
                field: "appArmor",
                container,
            }),
            path: `${aaPath}.type`,
        };
    }
    const winPath = `${scPath}.windowsOptions`;
    const win = r.obj(sc, "windowsOptions", { path: winPath, field: "windowsHostProcess", container });
    s.windowsHostProcess = r.bool(win, "hostProcess", {
        path: `${winPath}.hostProcess`,
        field: "windowsHostProcess",
        container,
    });
    return s;
}

/** A Namespace (or NamespacePatch): its name and labels, which give tenancy to the workloads in it. */
export function kubernetesNamespace(
    type: string,
    resourceName: string,
    props: JsonObject,
): Omit<NamespaceInfo, "urn"> | undefined {
    const t = parseKubernetesType(type);
    if (!t || t.group !== "core" || t.kind !== "Namespace" || t.isList) return undefined;
    const r = new Reader();
    const metadata = r.obj(props, "metadata", { path: "metadata", field: "labels" });
    return {
        name: r.str(metadata, "name", { path: "metadata.name", field: "labels" }) ?? resourceName,
        labels: r.strMap(metadata, "labels", { path: "metadata.labels", field: "labels" }),
        issues: r.issues,
    };
}

/** A RuntimeClass (`node.k8s.io`, any version): its name and the CRI handler that really runs its pods. */
export function kubernetesRuntimeClass(
    type: string,
    resourceName: string,
    props: JsonObject,
): Omit<RuntimeClassInfo, "urn" | "providerUrn"> | undefined {
    const t = parseKubernetesType(type);
    if (!t || t.group !== "node.k8s.io" || t.kind !== "RuntimeClass" || t.isList) return undefined;
    const r = new Reader();
    const metadata = r.obj(props, "metadata", { path: "metadata", field: "runtime" });
    const name = r.str(metadata, "name", { path: "metadata.name", field: "runtime" }) ?? resourceName;
    // node.k8s.io/v1alpha1 nests the handler under spec.runtimeHandler.
    const handler =
        t.version === "v1alpha1"
            ? r.str(r.obj(props, "spec", { path: "spec", field: "runtime" }), "runtimeHandler", {
                  path: "spec.runtimeHandler",
                  field: "runtime",
              })
            : r.str(props, "handler", { path: "handler", field: "runtime" });
    // A patch that leaves the handler alone says nothing about it.
    if (t.isPatch && handler === undefined && !r.issues.length) return undefined;
    return { name, handler, issues: r.issues };
}
