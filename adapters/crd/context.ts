// One custom resource (or one item of a `…List`) being read: its metadata, read once; the issues every pod of it
// carries (metadata, the way to a template); and the workloads found so far, one per pod. Every reader of this folder
// (table paths, structural fallback, assembling readers) adds its pods through it, so names, namespaces, labels and
// resource-level issues come out the same whichever way a pod was found.
import { Workload } from "../../model/workload";
import { JsonObject, Reader } from "../../model/read";
import { join, newWorkload, ObjectMeta, readObjectMeta } from "../shared/common";
import { KubernetesType } from "../shared/kubernetesType";

/** Per resource (or list item): its metadata, read once; issues shared by all its pods; the pods found. */
export class ResourceContext {
    /** Issues of the resource as a whole (metadata, the way to a template): every pod of it carries them. */
    readonly r = new Reader();
    readonly meta: ObjectMeta;
    private readonly workloads: Workload[] = [];
    /**
     * Reads an object a field of this resource creates (an Argo resource template's manifest) at `rootPath`, the way
     * the adapter reads a resource of the object's own apiVersion and kind; its pods are this resource's. Set by the
     * adapter's entry point (index.ts), which knows every source; nothing is read until it is.
     */
    embedded: (obj: JsonObject, rootPath: string) => void = () => undefined;

    constructor(
        readonly type: string,
        readonly t: KubernetesType,
        readonly resourceName: string,
        props: JsonObject,
        prefix: string,
    ) {
        this.meta = readObjectMeta(this.r, props, prefix);
    }

    /**
     * A new workload for one pod of this resource, with its own reader (the workload's issue list). Its pod labels
     * and annotations are read from `holder` (a template's `metadata`, or the object that has `labels` itself).
     */
    workload(specPath: string, holder: unknown, holderPath: string, isPatch = false): { w: Workload; r: Reader } {
        const r = new Reader();
        const labels = r.strMap(holder, "labels", { path: join(holderPath, "labels"), field: "labels" });
        const annotations = r.strMap(holder, "annotations", {
            path: join(holderPath, "annotations"),
            field: "labels",
        });
        const w = newWorkload({ ...this.header(specPath), isPatch: this.t.isPatch || isPatch }, r);
        w.podLabels = labels;
        w.podAnnotations = annotations;
        this.workloads.push(w);
        return { w, r };
    }

    private header(specPath: string) {
        return {
            platform: "kubernetes" as const,
            isolation: "container" as const,
            type: this.type,
            kind: this.t.kind,
            name: this.meta.name ?? this.resourceName,
            namespace: this.meta.namespace,
            isPatch: this.t.isPatch,
            labels: this.meta.labels,
            annotations: this.meta.annotations,
            specPath,
        };
    }

    /** A workload with no pod in it that only carries issues (nothing readable where a pod should be). */
    blank(specPath: string, issues: Workload["issues"]): Workload {
        const r = new Reader();
        r.issues.push(...issues);
        return newWorkload(this.header(specPath), r);
    }

    /** The pods found, each carrying the resource-level issues; a blank one when only issues were found. */
    finish(specPath: string): Workload[] {
        if (!this.workloads.length) return this.r.issues.length ? [this.blank(specPath, this.r.issues)] : [];
        for (const w of this.workloads) w.issues.push(...this.r.issues);
        return this.workloads;
    }
}

/** An assembling reader (Argo Workflows, Tekton, Spark): reads the pods under `root`, found at `rootPath`. */
export type AssemblingReader = (ctx: ResourceContext, root: JsonObject, rootPath: string) => void;
