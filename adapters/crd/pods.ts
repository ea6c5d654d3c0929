// Reading a pod template or pod spec found in a custom resource as it stands: the Kubernetes reader (readPodSpec)
// reads it at its own field path, and a template's metadata become the pod's labels and annotations. Used for the
// table's and the config's paths, by the structural fallback, and for a Spark pod template.
import { JsonObject, Reader, isPlainObject, own } from "../../model/read";
import { join } from "../shared/common";
import { readPodSpec } from "../shared/podSpec";
import { ResourceContext } from "./context";
import { resolve } from "./paths";
import { Assembly } from "./assembly";

/** Reads the pod template(s) or pod spec(s) a pattern reaches; "detect" decides by shape (a `spec` object or not). */
export function readAt(
    ctx: ResourceContext,
    root: JsonObject,
    rootPath: string,
    pattern: string,
    as: "template" | "podSpec" | "detect",
) {
    for (const [node, path] of resolve(ctx.r, root, rootPath, pattern)) {
        if (!isPlainObject(node)) {
            if (node !== undefined && node !== null) ctx.r.malformed({ path, field: "all" }, node);
            continue;
        }
        const shape = as === "detect" ? (isPlainObject(own(node, "spec")) ? "template" : "podSpec") : as;
        if (shape === "template") readTemplate(ctx, node, path);
        else readPodSpecAt(ctx, node, path);
    }
}

/** A PodTemplateSpec: its metadata are the pod's labels and annotations, its spec a PodSpec. */
export function readTemplate(ctx: ResourceContext, template: JsonObject, path: string, isPatch = false): void {
    const metaPath = join(path, "metadata");
    const specPath = join(path, "spec");
    const pre = new Reader();
    const meta = pre.obj(template, "metadata", { path: metaPath, field: "labels" });
    const { w, r } = ctx.workload(specPath, meta, metaPath, isPatch);
    r.issues.push(...pre.issues);
    const spec = r.obj(template, "spec", { path: specPath, field: "all" });
    if (spec) readPodSpec(r, spec, specPath, w);
}

export function readPodSpecAt(ctx: ResourceContext, spec: JsonObject, specPath: string): void {
    const { w, r } = ctx.workload(specPath, undefined, "");
    readPodSpec(r, spec, specPath, w);
}

/**
 * One container that is a custom resource's whole pod as far as the resource says (a Tekton StepAction's `spec`, an
 * Argo ExecutorPlugin's sidecar container): judged as a pod of that one container, at its own path.
 */
export function readContainerPod(ctx: ResourceContext, container: JsonObject, path: string): void {
    const a = new Assembly(path);
    a.append("containers", [container], () => path);
    const { w, r } = ctx.workload(path, undefined, "");
    a.read(w, r);
}
