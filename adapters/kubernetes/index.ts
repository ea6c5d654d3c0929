// Kubernetes adapter: maps every pod-spec carrier (Pod, PodTemplate, ReplicationController, Deployment, ReplicaSet,
// StatefulSet, DaemonSet, Job, CronJob; every apiVersion; their …Patch and …List variants) onto the workload model,
// and PersistentVolumes (and their …Patch and …List forms) whose source is a node path, as storage-only workloads.
import { Workload } from "../../model/workload";
import { JsonObject, Reader } from "../../model/read";
import { join, newWorkload, perItem, readObjectMeta } from "../shared/common";
import { readPodSpec } from "../shared/podSpec";
import { KubernetesType, parseKubernetesType } from "../shared/kubernetesType";
import { PlatformAdapter } from "../adapter";
import { kubernetesDialect } from "./dialect";
import { kubernetesStackLinks } from "./stack";

// Kept here for callers that knew them as the Kubernetes adapter's: every Kubernetes-shaped platform reads them.
export { readPodSpec } from "../shared/podSpec";
export { KubernetesType, parseKubernetesType } from "../shared/kubernetesType";
export { kubernetesNamespace, kubernetesRuntimeClass } from "./stack";

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

export function isPodCarrier(t: KubernetesType): boolean {
    return CARRIER_GROUPS.has(t.group) && Object.prototype.hasOwnProperty.call(POD_SPEC_PATHS, t.kind);
}

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

export const kubernetesAdapter: PlatformAdapter = {
    name: "kubernetes",
    packages: ["kubernetes"],
    reads: (type) => type.startsWith("kubernetes:"),
    workloads: kubernetesWorkloads,
    stackLinks: kubernetesStackLinks,
    dialects: [kubernetesDialect],
    docs: [
        {
            platform: "Kubernetes",
            types: "`Pod`, `PodTemplate`, `ReplicationController` (core/v1); `Deployment`, `ReplicaSet`, `StatefulSet`, `DaemonSet` (apps/v1, v1beta1, v1beta2, extensions/v1beta1); `Job`, `CronJob` (batch/v1, v1beta1, v2alpha1) — every container list (`containers`, `initContainers`, `ephemeralContainers`), their `…Patch` variants (a patch that sets a bad field is a violation, one that omits a field is not) and `…List` variants",
        },
        {
            platform: "Kubernetes storage",
            types: "`PersistentVolume` (core/v1, with `…Patch` and `…List`): `spec.hostPath.path` and `spec.local.path`, judged as the host paths every pod bound to it mounts",
        },
        {
            platform: "Kubernetes stack context",
            types: "`Namespace` labels and `RuntimeClass` handlers (node.k8s.io, any version) in the same stack",
        },
    ],
};
