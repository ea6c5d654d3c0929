// The structural fallback, the last of the three sources: a custom resource neither the config nor the table names
// may still carry a pod (an in-house operator's CRD). A pod-spec-shaped object (a `containers` list of objects with a
// string `image`) anywhere under `spec` is read as a pod, within a bounded depth and node count so that any custom
// resource, however large, costs little; a custom resource with no such object (a Certificate) yields nothing.
import { JsonObject, isPlainObject, own, unwrapSecret } from "../../model/read";
import { join } from "../shared/common";
import { ResourceContext } from "./context";
import { PLAIN_KEY } from "./paths";
import { readPodSpecAt, readTemplate } from "./pods";

/** How deep under `spec` and how many objects the fallback looks at: cheap for any CR, deep enough for real ones. */
const FALLBACK_MAX_DEPTH = 10;
const FALLBACK_MAX_NODES = 2000;

/** A `containers` list with at least one object that has a string `image`: what a PodSpec looks like. */
function looksLikePodSpec(v: JsonObject): boolean {
    const containers = unwrapSecret(own(v, "containers"));
    if (!Array.isArray(containers)) return false;
    return containers.some((c) => {
        const o = unwrapSecret(c);
        return isPlainObject(o) && typeof unwrapSecret(own(o, "image")) === "string";
    });
}

export function readStructurally(ctx: ResourceContext, props: JsonObject, rootPath: string): void {
    const specPath = join(rootPath, "spec");
    const spec = unwrapSecret(own(props, "spec"));
    if (!isPlainObject(spec)) return;
    let budget = FALLBACK_MAX_NODES;
    // Depth-first, in document order; a pod spec found is read and not searched further.
    const visit = (node: JsonObject, path: string, parent: JsonObject | undefined, key: string, depth: number) => {
        if (budget-- <= 0) return;
        if (looksLikePodSpec(node)) {
            // Under a template (metadata + spec), the template's metadata are the pod's.
            if (key === "spec" && parent && isPlainObject(unwrapSecret(own(parent, "metadata")))) {
                readTemplate(ctx, parent, path.slice(0, -".spec".length));
            } else {
                readPodSpecAt(ctx, node, path);
            }
            return;
        }
        if (depth >= FALLBACK_MAX_DEPTH) return;
        for (const k of Object.keys(node)) {
            if (!PLAIN_KEY.test(k)) continue;
            const v = unwrapSecret(node[k]);
            if (isPlainObject(v)) visit(v, `${path}.${k}`, node, k, depth + 1);
            else if (Array.isArray(v)) {
                for (let i = 0; i < v.length && budget > 0; i++) {
                    const e = unwrapSecret(v[i]);
                    if (isPlainObject(e)) visit(e, `${path}.${k}[${i}]`, undefined, "", depth + 1);
                }
            }
        }
    };
    visit(spec, specPath, props, "spec", 0);
}
