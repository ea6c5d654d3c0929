// ECS container definitions: one JSON element of a task definition's `containerDefinitions` (or of Batch's container
// properties, or an awsx container object), Docker-shaped, onto the workload model's containers.
import { Container, ContainerSecurity, VolumeMount, Workload } from "../../model/workload";
import { At, JsonObject, Reader, isPlainObject } from "../../model/read";
import { ADD_DROP_CAPABILITIES, capabilityPath, readCapabilities } from "../shared/capabilities";
import { applySecurityOpts, readGpuRequirements, readHostDevices, readUser } from "../shared/dockerShaped";

/** One ECS/Batch container definition (a parsed JSON element, or an awsx container object) at `cp`. */
export function readContainerDefinition(
    r: Reader,
    c: unknown,
    cp: string,
    fallbackName: string,
    w: Workload,
    settable: { capabilities: boolean } = { capabilities: true },
): void {
    if (!isPlainObject(c)) return r.malformed({ path: cp, field: "all" }, c);
    const name = r.str(c, "name", { path: `${cp}.name`, field: "other" }) ?? fallbackName;
    const lp = `${cp}.linuxParameters`;
    const security: ContainerSecurity = {
        path: cp,
        paths: {
            privileged: `${cp}.privileged`,
            allowPrivilegeEscalation: `${cp}.dockerSecurityOptions`,
            // Batch containers have no capabilities setting: they keep Docker's defaults and no check can ask more.
            capAdd: settable.capabilities ? capabilityPath(lp, ADD_DROP_CAPABILITIES, "add") : "",
            capDrop: settable.capabilities ? capabilityPath(lp, ADD_DROP_CAPABILITIES, "drop") : "",
        },
    };
    security.privileged = r.bool(c, "privileged", { path: `${cp}.privileged`, field: "privileged", container: name });
    security.readOnlyRootFilesystem = r.bool(c, "readonlyRootFilesystem", {
        path: `${cp}.readonlyRootFilesystem`,
        field: "other",
        container: name,
    });
    const linux = r.obj(c, "linuxParameters", { path: lp, field: "all", container: name });
    readCapabilities(r, linux, lp, ADD_DROP_CAPABILITIES, name, security);
    readHostDevices(r, linux, `${lp}.devices`, name, w);
    readGpuRequirements(r, c, "resourceRequirements", `${cp}.resourceRequirements`, name, w);
    applySecurityOpts(
        r,
        r.strList(c, "dockerSecurityOptions", {
            path: `${cp}.dockerSecurityOptions`,
            field: "allowPrivilegeEscalation",
            container: name,
        }),
        `${cp}.dockerSecurityOptions`,
        name,
        security,
    );
    (r.list(c, "systemControls", { path: `${cp}.systemControls`, field: "sysctls", container: name }) ?? []).forEach(
        (s, i) => {
            const at: At = { path: `${cp}.systemControls[${i}].namespace`, field: "sysctls", container: name };
            const sysctl = r.str(s, "namespace", at);
            if (sysctl !== undefined) w.sysctls.push({ name: sysctl, path: at.path });
        },
    );
    const mounts: VolumeMount[] = [];
    (r.list(c, "mountPoints", { path: `${cp}.mountPoints`, field: "volumes", container: name }) ?? []).forEach(
        (m, i) => {
            const mp = `${cp}.mountPoints[${i}]`;
            mounts.push({
                volume:
                    r.str(m, "sourceVolume", { path: `${mp}.sourceVolume`, field: "volumes", container: name }) ?? "",
                mountPath: r.str(m, "containerPath", {
                    path: `${mp}.containerPath`,
                    field: "volumes",
                    container: name,
                }),
                readOnly: r.bool(m, "readOnly", { path: `${mp}.readOnly`, field: "hostPath", container: name }),
                path: mp,
            });
        },
    );
    const container: Container = {
        name,
        role: "container",
        image: r.str(c, "image", { path: `${cp}.image`, field: "other", container: name }),
        path: cp,
        security,
        ports: [],
        hostReferences: [],
        mounts,
        user: readUser(r, c, cp, name),
    };
    w.containers.push(container);
    readDockerLabels(r, c, cp, name, w);
}

/**
 * A container's `dockerLabels` carry tenancy markers as a Docker container's labels do: they join the task's
 * template labels. Two containers that name different values for a key keep both (`a,b`), as a label listing
 * several tenants does, so neither tenant is lost.
 */
function readDockerLabels(r: Reader, c: JsonObject, cp: string, container: string, w: Workload): void {
    const labels = r.strMap(c, "dockerLabels", { path: `${cp}.dockerLabels`, field: "labels", container });
    const keys = Object.keys(labels);
    if (!keys.length) return;
    // The template labels start as the tags themselves (one object, one source): the containers' labels are a source
    // of their own beside the tags.
    if (w.podLabels === w.labels) w.podLabels = Object.create(null);
    for (const k of keys) {
        const had = Object.prototype.hasOwnProperty.call(w.podLabels, k) ? w.podLabels[k].split(",") : [];
        w.podLabels[k] = had.includes(labels[k]) ? had.join(",") : [...had, labels[k]].join(",");
    }
}

/** A task volume is as read-only as its least restrictive mount (ECS mounts are writable unless readOnly). */
export function settleVolumeReadOnly(w: Workload): void {
    const writable = new Set<string>();
    for (const c of w.containers) for (const m of c.mounts) if (m.readOnly !== true) writable.add(m.volume);
    for (const v of w.volumes) if (!v.device && v.container === undefined && writable.has(v.name)) v.readOnly = false;
}

export function readContainerList(
    r: Reader,
    doc: unknown,
    path: string,
    w: Workload,
    settable?: { capabilities: boolean },
): void {
    if (doc === undefined) return;
    if (!Array.isArray(doc)) return r.malformed({ path, field: "all" }, doc);
    doc.forEach((c, i) => readContainerDefinition(r, c, `${path}[${i}]`, `#${i}`, w, settable));
}

/** Batch's container properties (all three shapes) have no Linux capabilities setting. */
export const BATCH = { capabilities: false };
