// The structural fallback, the last of the three sources: a custom resource neither the config nor the table names
// may still carry a pod (an in-house operator's CRD). A pod-spec-shaped object anywhere under `spec` is read as a pod,
// within a bounded depth and node count so that any custom resource, however large, costs little; a custom resource
// with no such object (a Certificate) yields nothing. Pod-spec-shaped is any of:
// - a container list (`containers`, `initContainers`, `ephemeralContainers`) with a container in it: an object with a
//   string `image`, or, since operators supply the image, a `name` and a `securityContext` (a patch of the operator's
//   container, judged as written);
// - a host namespace (`hostNetwork`, `hostPID`, `hostIPC`) that is true or unknown at preview, or a `volumes` list
//   with a `hostPath` volume: the settings that matter most, beside or without containers;
// - any PodSpec field in an object where operators keep one without containers: `podSpec`, a `podTemplate`'s `spec`,
//   a `template`'s `pod` (Strimzi's shape).
import { JsonObject, isPlainObject, isUnknown, own, unwrapSecret } from "../../model/read";
import { join } from "../shared/common";
import { ResourceContext } from "./context";
import { PLAIN_KEY } from "./paths";
import { readPodSpecAt, readTemplate } from "./pods";

/** How deep under `spec` and how many objects the fallback looks at: cheap for any CR, deep enough for real ones. */
const FALLBACK_MAX_DEPTH = 10;
const FALLBACK_MAX_NODES = 2000;

const CONTAINER_LISTS = ["containers", "initContainers", "ephemeralContainers"];
const HOST_NAMESPACES = ["hostNetwork", "hostPID", "hostIPC"];
/** PodSpec fields the checks judge: one of them in a named pod object makes it a pod. */
const POD_FIELDS = [
    ...CONTAINER_LISTS,
    ...HOST_NAMESPACES,
    "securityContext",
    "volumes",
    "hostUsers",
    "runtimeClassName",
];

/** A container as written in a CR: an image, or (the operator supplies the image) a name and a securityContext. */
function looksLikeContainer(c: unknown): boolean {
    const o = unwrapSecret(c);
    if (!isPlainObject(o)) return false;
    if (typeof unwrapSecret(own(o, "image")) === "string") return true;
    return typeof unwrapSecret(own(o, "name")) === "string" && isPlainObject(unwrapSecret(own(o, "securityContext")));
}

/** Where operators keep a pod's settings with no container of the user's: `podSpec`, `podTemplate.spec`, `template.pod`. */
function isNamedPodObject(key: string, parentKey: string): boolean {
    return (
        key === "podSpec" ||
        (key === "spec" && parentKey === "podTemplate") ||
        (key === "pod" && parentKey === "template")
    );
}

/** Whether `v` (reached by `key` from `parentKey`) is read as a PodSpec; see the header for the shapes. */
function looksLikePodSpec(v: JsonObject, key: string, parentKey: string): boolean {
    for (const list of CONTAINER_LISTS) {
        const cs = unwrapSecret(own(v, list));
        if (Array.isArray(cs) && cs.some(looksLikeContainer)) return true;
    }
    for (const f of HOST_NAMESPACES) {
        const h = unwrapSecret(own(v, f));
        if (h === true || isUnknown(h)) return true;
    }
    const volumes = unwrapSecret(own(v, "volumes"));
    if (Array.isArray(volumes) && volumes.some((e) => own(unwrapSecret(e), "hostPath") !== undefined)) return true;
    return isNamedPodObject(key, parentKey) && POD_FIELDS.some((f) => own(v, f) !== undefined);
}

export function readStructurally(ctx: ResourceContext, props: JsonObject, rootPath: string): void {
    const specPath = join(rootPath, "spec");
    const spec = unwrapSecret(own(props, "spec"));
    if (!isPlainObject(spec)) return;
    let budget = FALLBACK_MAX_NODES;
    // Depth-first, in document order; a pod spec found is read and not searched further.
    const visit = (
        node: JsonObject,
        path: string,
        parent: JsonObject | undefined,
        key: string,
        parentKey: string,
        depth: number,
    ) => {
        if (budget-- <= 0) return;
        if (looksLikePodSpec(node, key, parentKey)) {
            // Under a template (metadata + spec), the template's metadata are the pod's. (An operator's podTemplate
            // without metadata reads the same either way.)
            const template = key === "spec" && parent && isPlainObject(unwrapSecret(own(parent, "metadata")));
            if (template) readTemplate(ctx, parent, path.slice(0, -".spec".length));
            else readPodSpecAt(ctx, node, path);
            return;
        }
        if (depth >= FALLBACK_MAX_DEPTH) return;
        for (const k of Object.keys(node)) {
            if (!PLAIN_KEY.test(k)) continue;
            const v = unwrapSecret(node[k]);
            if (isPlainObject(v)) visit(v, `${path}.${k}`, node, k, key, depth + 1);
            else if (Array.isArray(v)) {
                for (let i = 0; i < v.length && budget > 0; i++) {
                    const e = unwrapSecret(v[i]);
                    if (isPlainObject(e)) visit(e, `${path}.${k}[${i}]`, undefined, "", k, depth + 1);
                }
            }
        }
    };
    visit(spec, specPath, props, "spec", "", 0);
}
