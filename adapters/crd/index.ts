// Custom-resource adapter: pod templates inside custom resources (`k8s.apiextensions.CustomResource`, or a manifest's
// apiVersion/kind in `scan`). Admission controllers judge the Pods a controller creates; a preview only ever sees the
// custom resource, so the pod specs inside it are read here and judged as pods, with findings at the CR's own paths.
//
// Three sources, most specific first:
// 1. config `customResourcePodSpecs`: explicit paths for an API group and kind (each policy's own list);
// 2. WELL_KNOWN: a table of well-known pod-carrying CRDs, any apiVersion of the group;
// 3. a structural fallback for other custom resources: a pod-spec-shaped object (a `containers` list of objects with
//    an `image`) anywhere under `spec`, within a bounded depth and node count.
// A core Kubernetes group (`apps`, `batch`, `networking.k8s.io` …) is never routed here (isCustomResourceType), and a
// custom resource with no pod spec (a cert-manager Certificate) yields nothing.
//
// Field names were checked against the projects' own API types / CRD schemas: Argo Rollouts v1alpha1 (v1.7), Argo
// Workflows v1alpha1 (v3.5/3.6 docs/fields.md), Knative Serving v1 (v1.15), KEDA v1alpha1 ScaledJob (v2.15), OpenKruise
// apps.kruise.io v1alpha1/v1beta1 (v1.7), Kubeflow training-operator kubeflow.org v1 (v1.8) and mpi-operator v2beta1,
// KubeRay ray.io v1 (v1.2), Tekton Pipelines tekton.dev v1 and v1beta1 (v0.59), spark-operator sparkoperator.k8s.io
// v1beta2 (v2.1), Volcano batch.volcano.sh v1alpha1 (v1.10).
//
// Pod specs the Kubernetes reader (adapters/kubernetes.ts readPodSpec) can read as they stand go to it directly.
// Pods a CR assembles from parts (an Argo template's container plus workflow-level volumes and security context, a
// Tekton step merged with its stepTemplate, a Spark driver) are assembled into one PodSpec first (class Assembly),
// read by the same reader, and every field path it records is mapped back to the CR field it came from.
import { Workload } from "../../model/workload";
import { JsonObject, Reader, isPlainObject, isUnknown, own, unwrapSecret } from "../../model/read";
import { join, newWorkload, ObjectMeta, readObjectMeta } from "../shared/common";
import { KubernetesType, parseKubernetesType } from "../shared/kubernetesType";
import { readPodSpec } from "../shared/podSpec";
import { CustomResourcePodSpecs, PlatformAdapter } from "../adapter";

export type { CustomResourcePodSpecs } from "../adapter";

/** The entries of config `customResourcePodSpecs` that have the documented shape (the engine validated the rest). */
export function customResourcePodSpecsOf(config: unknown): CustomResourcePodSpecs[] | undefined {
    if (!Array.isArray(config) || config.length === 0) return undefined;
    const out = config.filter(
        (e): e is CustomResourcePodSpecs =>
            isPlainObject(e) &&
            typeof e.apiGroup === "string" &&
            typeof e.kind === "string" &&
            Array.isArray(e.paths) &&
            e.paths.every((p) => typeof p === "string" && p !== ""),
    );
    return out.length ? out : undefined;
}

/**
 * Kubernetes' own API groups: never custom resources. Every group without a dot is Kubernetes' own (`core`, `apps`,
 * `batch`, `extensions`, `policy`, `autoscaling`); so are these. Other `*.k8s.io` groups are CRDs (sparkoperator.k8s.io,
 * snapshot.storage.k8s.io, gateway.networking.k8s.io).
 */
const CORE_GROUPS: ReadonlySet<string> = new Set([
    "admissionregistration.k8s.io",
    "apiextensions.k8s.io",
    "apiregistration.k8s.io",
    "apiserverinternal.k8s.io",
    "authentication.k8s.io",
    "authorization.k8s.io",
    "certificates.k8s.io",
    "coordination.k8s.io",
    "discovery.k8s.io",
    "events.k8s.io",
    "flowcontrol.apiserver.k8s.io",
    "internal.apiserver.k8s.io",
    "networking.k8s.io",
    "node.k8s.io",
    "rbac.authorization.k8s.io",
    "resource.k8s.io",
    "scheduling.k8s.io",
    "storage.k8s.io",
    "storagemigration.k8s.io",
    // Not API groups but the Kubernetes provider's own component tokens (`kubernetes:helm.sh/v4:Chart`).
    "helm.sh",
]);

/** Groups another adapter owns (adapters/kubevirt.ts). */
const OTHER_ADAPTER_GROUPS: ReadonlySet<string> = new Set(["kubevirt.io", "pool.kubevirt.io"]);

/**
 * Whether a type token is a custom resource this adapter reads: `kubernetes:<group>/<version>:<Kind>` with a group that
 * is not Kubernetes' own. Looks only at the token, so routing costs a few string operations per resource.
 */
export function isCustomResourceType(type: string): boolean {
    if (!type.startsWith("kubernetes:")) return false;
    const slash = type.indexOf("/", 11);
    const dot = type.indexOf(".", 11);
    // No dot in the group (`core`, `apps`, `batch` …): decided without building a string.
    if (slash < 0 || dot < 0 || dot > slash) return false;
    const group = type.slice(11, slash);
    return !CORE_GROUPS.has(group) && !OTHER_ADAPTER_GROUPS.has(group);
}

// ---------------------------------------------------------------------------------------------------------------------
// The table of well-known CRDs.

/** How to read one kind: paths to pod templates / pod specs, or a reader for pods assembled from parts. */
interface KindSpec {
    /** Paths to PodTemplateSpecs (metadata + spec). */
    templates?: readonly string[];
    /** Paths to PodSpecs (no metadata of their own). */
    podSpecs?: readonly string[];
    /** A family reader for pods assembled from parts (Argo Workflows, Tekton, Spark). */
    read?: (ctx: Ctx, root: JsonObject, rootPath: string) => void;
    /** Where `read` starts, e.g. `spec` or `spec.workflowSpec`. */
    at?: string;
}

const RAY_CLUSTER = ["headGroupSpec.template", "workerGroupSpecs.*.template"];

const WELL_KNOWN: Readonly<Record<string, Readonly<Record<string, KindSpec>>>> = {
    "argoproj.io": {
        Rollout: { templates: ["spec.template"] },
        Workflow: { read: readArgoWorkflowSpec, at: "spec" },
        WorkflowTemplate: { read: readArgoWorkflowSpec, at: "spec" },
        ClusterWorkflowTemplate: { read: readArgoWorkflowSpec, at: "spec" },
        CronWorkflow: { read: readArgoWorkflowSpec, at: "spec.workflowSpec" },
    },
    "serving.knative.dev": {
        Service: { templates: ["spec.template"] },
        Configuration: { templates: ["spec.template"] },
        Revision: { podSpecs: ["spec"] },
    },
    "keda.sh": { ScaledJob: { templates: ["spec.jobTargetRef.template"] } },
    "apps.kruise.io": {
        CloneSet: { templates: ["spec.template"] },
        StatefulSet: { templates: ["spec.template"] },
        DaemonSet: { templates: ["spec.template"] },
        BroadcastJob: { templates: ["spec.template"] },
        AdvancedCronJob: {
            templates: ["spec.template.jobTemplate.spec.template", "spec.template.broadcastJobTemplate.spec.template"],
        },
    },
    // Every training job kind of the training operator (PyTorchJob, TFJob, MPIJob, XGBoostJob, PaddleJob, JAXJob,
    // MXJob) keeps its pods under `spec.<framework>ReplicaSpecs.<role>.template`; one suffix pattern covers them all.
    "kubeflow.org": Object.fromEntries(
        ["PyTorchJob", "TFJob", "MPIJob", "XGBoostJob", "PaddleJob", "JAXJob", "MXJob"].map((k) => [
            k,
            { templates: ["spec.*ReplicaSpecs.*.template"] },
        ]),
    ),
    "ray.io": {
        RayCluster: { templates: RAY_CLUSTER.map((p) => `spec.${p}`) },
        RayJob: {
            templates: [...RAY_CLUSTER.map((p) => `spec.rayClusterSpec.${p}`), "spec.submitterPodTemplate"],
        },
        RayService: { templates: RAY_CLUSTER.map((p) => `spec.rayClusterConfig.${p}`) },
    },
    "tekton.dev": {
        Task: { read: readTektonTask, at: "spec" },
        ClusterTask: { read: readTektonTask, at: "spec" },
        TaskRun: { read: readTektonTaskRun, at: "spec" },
        Pipeline: { read: readTektonPipeline, at: "spec" },
        PipelineRun: { read: readTektonPipelineRun, at: "spec" },
    },
    "sparkoperator.k8s.io": {
        SparkApplication: { read: readSparkApplication, at: "spec" },
        ScheduledSparkApplication: { read: readSparkApplication, at: "spec.template" },
    },
    "batch.volcano.sh": { Job: { templates: ["spec.tasks.*.template"] } },
};

function wellKnown(group: string, kind: string): KindSpec | undefined {
    const kinds = Object.prototype.hasOwnProperty.call(WELL_KNOWN, group) ? WELL_KNOWN[group] : undefined;
    return kinds && Object.prototype.hasOwnProperty.call(kinds, kind) ? kinds[kind] : undefined;
}

/** The API groups and kinds of the table (tests check that each has a realistic fixture). */
export function wellKnownKinds(): Array<{ group: string; kinds: string[] }> {
    return Object.entries(WELL_KNOWN).map(([group, kinds]) => ({ group, kinds: Object.keys(kinds) }));
}

// ---------------------------------------------------------------------------------------------------------------------
// Entry point.

/** Maps a custom resource to one workload per pod it describes; none when it describes no pod. */
export function customResourceWorkloads(
    type: string,
    resourceName: string,
    props: JsonObject,
    explicit?: readonly CustomResourcePodSpecs[],
): Workload[] {
    const t = parseKubernetesType(type);
    if (!t) return [];
    const configured = explicit?.filter((e) => e.apiGroup === t.group && e.kind === t.kind);
    const known = configured?.length ? undefined : wellKnown(t.group, t.kind);
    const one = (name: string, item: JsonObject, prefix: string): Workload[] => {
        const ctx = new Ctx(type, t, name, item, prefix);
        const root = prefix.replace(/\.$/, "");
        if (configured?.length) {
            for (const e of configured) for (const p of e.paths) readAt(ctx, item, root, p, "detect");
        } else if (known) {
            for (const p of known.templates ?? []) readAt(ctx, item, root, p, "template");
            for (const p of known.podSpecs ?? []) readAt(ctx, item, root, p, "podSpec");
            if (known.read) {
                for (const [node, path] of resolve(ctx.r, item, root, known.at ?? "spec"))
                    if (isPlainObject(node)) known.read(ctx, node, path);
            }
        } else {
            readStructurally(ctx, item, root);
        }
        return ctx.finish(join(root, "spec"));
    };
    if (!t.isList) return one(resourceName, props, "");
    const r = new Reader();
    // Indexed, so an item after one unknown at preview keeps its own name and path.
    const items = r.indexed(props, "items", { path: "items", field: "all" }) ?? [];
    const out = items.flatMap(([i, item]) =>
        one(`${resourceName}[${i}]`, isPlainObject(item) ? item : {}, `items[${i}].`),
    );
    // Items unknown at preview or malformed: every pod of the list carries them (a blank one when there is none).
    if (r.issues.length && out.length === 0) out.push(new Ctx(type, t, resourceName, {}, "").blank("spec", r.issues));
    else for (const w of out) w.issues.push(...r.issues);
    return out;
}

/** Per resource (or list item): its metadata, read once; issues shared by all its pods; the pods found. */
class Ctx {
    /** Issues of the resource as a whole (metadata, the way to a template): every pod of it carries them. */
    readonly r = new Reader();
    readonly meta: ObjectMeta;
    private readonly workloads: Workload[] = [];

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

// ---------------------------------------------------------------------------------------------------------------------
// Paths: `spec.workerGroupSpecs.*.template`, `spec.*ReplicaSpecs.*.template`.

/** Keys that can be written into a field path the remediation editor parses back (engine/remediation.ts). */
const PLAIN_KEY = /^[A-Za-z0-9_-]+$/;

/**
 * Every node a path pattern reaches from `node` (at `path`), with its field path. `*` is every list element or map
 * value; `*Suffix` every map key ending in Suffix. Unknown and malformed values on the way are recorded.
 */
function resolve(r: Reader, node: unknown, path: string, pattern: string): Array<[unknown, string]> {
    let frontier: Array<[unknown, string]> = [[node, path]];
    for (const seg of pattern.split(".")) {
        const next: Array<[unknown, string]> = [];
        for (const [n, p] of frontier) {
            if (seg === "*" || seg.startsWith("*")) {
                // Never unknown here: a value unknown at preview is recorded where it is met, not passed on.
                const v = unwrapSecret(n);
                if (Array.isArray(v) && seg === "*") {
                    v.forEach((el, i) => {
                        const e = unwrapSecret(el);
                        if (isUnknown(e)) r.unknown({ path: `${p}[${i}]`, field: "all" });
                        else next.push([e, `${p}[${i}]`]);
                    });
                } else if (isPlainObject(v)) {
                    const suffix = seg.slice(1);
                    for (const k of Object.keys(v)) {
                        if (!k.endsWith(suffix) || !PLAIN_KEY.test(k)) continue;
                        const e = unwrapSecret(v[k]);
                        if (isUnknown(e)) r.unknown({ path: join(p, k), field: "all" });
                        else next.push([e, join(p, k)]);
                    }
                } else if (v !== undefined && v !== null) {
                    r.malformed({ path: p, field: "all" }, v);
                }
            } else {
                // Lists and objects alike: the next segment (`*` or a key) decides what it needs.
                const q = join(p, seg);
                const v = unwrapSecret(own(unwrapSecret(n), seg));
                if (isUnknown(v)) r.unknown({ path: q, field: "all" });
                else if (v !== undefined && v !== null) next.push([v, q]);
            }
        }
        frontier = next;
    }
    return frontier;
}

/** Reads the pod template(s) or pod spec(s) a pattern reaches; "detect" decides by shape (a `spec` object or not). */
function readAt(ctx: Ctx, root: JsonObject, rootPath: string, pattern: string, as: "template" | "podSpec" | "detect") {
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
function readTemplate(ctx: Ctx, template: JsonObject, path: string, isPatch = false): void {
    const metaPath = join(path, "metadata");
    const specPath = join(path, "spec");
    const pre = new Reader();
    const meta = pre.obj(template, "metadata", { path: metaPath, field: "labels" });
    const { w, r } = ctx.workload(specPath, meta, metaPath, isPatch);
    r.issues.push(...pre.issues);
    const spec = r.obj(template, "spec", { path: specPath, field: "all" });
    if (spec) readPodSpec(r, spec, specPath, w);
}

function readPodSpecAt(ctx: Ctx, spec: JsonObject, specPath: string): void {
    const { w, r } = ctx.workload(specPath, undefined, "");
    readPodSpec(r, spec, specPath, w);
}

// ---------------------------------------------------------------------------------------------------------------------
// The structural fallback.

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

function readStructurally(ctx: Ctx, props: JsonObject, rootPath: string): void {
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

// ---------------------------------------------------------------------------------------------------------------------
// Pods assembled from parts.

/** Marks paths inside an assembled PodSpec; never the start of a real field path (those start with a field name). */
const ASSEMBLED = "\u00a7";

/**
 * A PodSpec assembled from the parts of a custom resource, with where each part really lives. Read by the Kubernetes
 * reader at the path `§`; then every path it recorded (`§.containers[1].securityContext.privileged`) is mapped to the
 * CR's own field by the longest registered prefix (`spec.templates[0].sidecars[0]` + `.securityContext.privileged`).
 */
class Assembly {
    readonly spec: JsonObject = {};
    private readonly where = new Map<string, string>();

    constructor(base: string) {
        this.where.set(ASSEMBLED, base);
    }

    /** A pod-level field from `realPath`. */
    set(field: string, value: unknown, realPath: string): void {
        if (value === undefined) return;
        this.spec[field] = value;
        this.where.set(`${ASSEMBLED}.${field}`, realPath);
    }

    /** Where the pod's securityContext is read from, or would be written. */
    podSecurityContextAt(realPath: string): void {
        this.where.set(`${ASSEMBLED}.securityContext`, realPath);
    }

    /** Appends list elements (volumes, containers) that live at `realPath(i)`; returns their assembled indices. */
    append(list: string, items: readonly unknown[], realPath: (i: number) => string): number[] {
        const arr = (this.spec[list] ??= []) as unknown[];
        return items.map((item, i) => {
            arr.push(item);
            this.where.set(`${ASSEMBLED}.${list}[${arr.length - 1}]`, realPath(i));
            return arr.length - 1;
        });
    }

    /** Maps a finer path inside an assembled element (a securityContext field taken from a stepTemplate). */
    alias(assembledPath: string, realPath: string): void {
        this.where.set(assembledPath, realPath);
    }

    private realPath(p: string): string {
        for (let i = p.length; i > 0; i--) {
            if (i < p.length && p[i] !== "." && p[i] !== "[") continue;
            const real = this.where.get(p.slice(0, i));
            if (real !== undefined) return real + p.slice(i);
        }
        return p;
    }

    /** Reads the assembled PodSpec into `w` (recording into `r`, its reader) and maps every path back to the CR. */
    read(w: Workload, r: Reader): void {
        readPodSpec(r, this.spec, ASSEMBLED, w);
        this.remap(w, "");
    }

    /** Rewrites path-bearing strings (keys ending in `path`/`Path`, the entries of `paths`) of the model, in place. */
    private remap(node: unknown, parentKey: string): void {
        if (Array.isArray(node)) {
            for (const e of node) this.remap(e, parentKey);
            return;
        }
        if (!isPlainObject(node)) return;
        for (const k of Object.keys(node)) {
            if (SKIP_REMAP.has(k)) continue;
            const v = node[k];
            if (typeof v === "string") {
                if (v.startsWith(ASSEMBLED) && (parentKey === "paths" || /path$/i.test(k))) node[k] = this.realPath(v);
            } else if (typeof v === "object" && v !== null) {
                this.remap(v, k);
            }
        }
    }
}

/** User data in the model: never a path. */
const SKIP_REMAP: ReadonlySet<string> = new Set(["labels", "annotations", "podLabels", "podAnnotations", "value"]);

/**
 * Deep-merges `over` onto `base` the way a strategic merge patch does for securityContext: objects merge key by key,
 * anything else is replaced. Keys taken from `base` alone are aliased to `basePath` in the assembly.
 */
function mergeWithDefaults(
    a: Assembly,
    base: JsonObject | undefined,
    over: JsonObject | undefined,
    assembledPath: string,
    basePath: string,
): JsonObject | undefined {
    if (!base) return over;
    const out: JsonObject = { ...(over ?? {}) };
    for (const k of Object.keys(base)) {
        const b = unwrapSecret(base[k]);
        const o = over ? unwrapSecret(own(over, k)) : undefined;
        if (o === undefined || o === null) {
            out[k] = base[k];
            a.alias(`${assembledPath}.${k}`, `${basePath}.${k}`);
        } else if (isPlainObject(b) && isPlainObject(o)) {
            out[k] = mergeWithDefaults(a, b, o, `${assembledPath}.${k}`, `${basePath}.${k}`);
        }
    }
    return out;
}

/** A list field as plain elements (unknown and malformed recorded). */
function listOf(r: Reader, obj: unknown, key: string, path: string): unknown[] {
    return r.list(obj, key, { path, field: "all" }) ?? [];
}

/**
 * Argo `podSpecPatch`: a strategic-merge patch of the pod, as JSON or YAML text (or, written as an object, the patch
 * itself). Unknown at preview, or unreadable, it could set anything, so it is recorded against the whole pod.
 */
function readPodSpecPatch(r: Reader, holder: JsonObject, path: string): JsonObject | undefined {
    const raw = unwrapSecret(own(holder, "podSpecPatch"));
    if (raw === undefined || raw === null || raw === "") return undefined;
    if (isUnknown(raw)) {
        r.unknown({ path, field: "all" });
        return undefined;
    }
    if (isPlainObject(raw)) return raw;
    if (typeof raw === "string") {
        const parsed = parseYamlOrJson(raw);
        if (isPlainObject(parsed)) return parsed;
    }
    r.malformed({ path, field: "all" }, raw);
    return undefined;
}

function parseYamlOrJson(text: string): unknown {
    try {
        return JSON.parse(text);
    } catch {
        // YAML is rarer here; its parser is loaded only when a patch needs it.
    }
    try {
        // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, not at pack start
        const yaml: typeof import("js-yaml") = require("js-yaml");
        return yaml.load(text, { schema: yaml.CORE_SCHEMA });
    } catch {
        return undefined;
    }
}

const POD_LEVEL_PATCH_FIELDS = ["hostNetwork", "hostPID", "hostIPC", "hostUsers", "runtimeClassName", "os"];

/** Applies a pod spec patch to an assembly: pod-level fields replace, securityContexts merge, lists merge by name. */
function applyPatch(a: Assembly, patch: JsonObject, patchPath: string, podSc: { value?: JsonObject; path: string }) {
    for (const f of POD_LEVEL_PATCH_FIELDS)
        if (own(patch, f) !== undefined) a.set(f, own(patch, f), `${patchPath}.${f}`);
    const sc = unwrapSecret(own(patch, "securityContext"));
    if (isPlainObject(sc)) {
        // Patch fields win; fields only the template sets keep their own path.
        podSc.value = mergeWithDefaults(a, podSc.value, sc, `${ASSEMBLED}.securityContext`, podSc.path);
        a.podSecurityContextAt(`${patchPath}.securityContext`);
    }
    const volumes = unwrapSecret(own(patch, "volumes"));
    if (Array.isArray(volumes)) a.append("volumes", volumes, (i) => `${patchPath}.volumes[${i}]`);
    for (const list of ["containers", "initContainers"]) {
        const patched = unwrapSecret(own(patch, list));
        if (!Array.isArray(patched)) continue;
        patched.forEach((pc, i) => {
            const p = unwrapSecret(pc);
            if (!isPlainObject(p)) return;
            const pcPath = `${patchPath}.${list}[${i}]`;
            const existing = (a.spec[list] as unknown[] | undefined) ?? [];
            const j = existing.findIndex((c) => isPlainObject(c) && c.name === p.name);
            if (j < 0) {
                // A container the template does not declare (Argo's own `wait` or `init`): judged as the patch sets it.
                a.append(list, [p], () => pcPath);
                return;
            }
            const c = existing[j] as JsonObject;
            const cPath = `${ASSEMBLED}.${list}[${j}]`;
            const merged: JsonObject = { ...c };
            const psc = unwrapSecret(own(p, "securityContext"));
            if (isPlainObject(psc)) {
                // The container's own fields stay at their paths; the patch's are aliased to the patch.
                const base = unwrapSecret(own(c, "securityContext"));
                merged.securityContext = { ...(isPlainObject(base) ? base : {}), ...psc };
                for (const k of Object.keys(psc))
                    a.alias(`${cPath}.securityContext.${k}`, `${pcPath}.securityContext.${k}`);
            }
            const mounts = unwrapSecret(own(p, "volumeMounts"));
            if (Array.isArray(mounts)) {
                const own0 = unwrapSecret(own(c, "volumeMounts"));
                const before = Array.isArray(own0) ? own0 : [];
                merged.volumeMounts = [...before, ...mounts];
                mounts.forEach((_, k) =>
                    a.alias(`${cPath}.volumeMounts[${before.length + k}]`, `${pcPath}.volumeMounts[${k}]`),
                );
            }
            existing[j] = merged;
        });
    }
}

// --- Argo Workflows ------------------------------------------------------------------------------------------------

/**
 * A WorkflowSpec: one pod per template that runs containers (`container`, `script`, `containerSet`), with the
 * template's `initContainers` and `sidecars`, the workflow's and the template's `volumes`, the pod securityContext
 * of the template (else `templateDefaults`, else the workflow: Argo takes the most specific whole, it does not merge),
 * the workflow's `hostNetwork`, and the workflow's then the template's `podSpecPatch` applied on top.
 */
function readArgoWorkflowSpec(ctx: Ctx, wf: JsonObject, wfPath: string): void {
    const r = ctx.r;
    const podMetadata = r.obj(wf, "podMetadata", { path: `${wfPath}.podMetadata`, field: "labels" });
    const defaults = r.obj(wf, "templateDefaults", { path: `${wfPath}.templateDefaults`, field: "all" });
    const wfPatch = readPodSpecPatch(r, wf, `${wfPath}.podSpecPatch`);
    const wfVolumes = listOf(r, wf, "volumes", `${wfPath}.volumes`);
    listOf(r, wf, "templates", `${wfPath}.templates`).forEach((tmpl, i) => {
        if (!isPlainObject(tmpl)) return;
        const tp = `${wfPath}.templates[${i}]`;
        const container = unwrapSecret(own(tmpl, "container"));
        const script = unwrapSecret(own(tmpl, "script"));
        const containerSet = unwrapSecret(own(tmpl, "containerSet"));
        const runs = isPlainObject(container) ? "container" : isPlainObject(script) ? "script" : undefined;
        if (!runs && !isPlainObject(containerSet)) return; // steps, dag, suspend, resource, http …: no pod of the user's

        const a = new Assembly(tp);
        // Pod securityContext: the most specific one set, else where one would be written (the template).
        const scSources: Array<[JsonObject | undefined, string]> = [
            [tmpl, `${tp}.securityContext`],
            [defaults, `${wfPath}.templateDefaults.securityContext`],
            [wf, `${wfPath}.securityContext`],
        ];
        const podSc: { value?: JsonObject; path: string } = { path: `${tp}.securityContext` };
        for (const [holder, path] of scSources) {
            const sc = r.obj(holder, "securityContext", { path, field: "all" });
            if (sc) {
                podSc.value = sc;
                podSc.path = path;
                break;
            }
        }
        a.podSecurityContextAt(podSc.path);
        a.set("hostNetwork", own(wf, "hostNetwork"), `${wfPath}.hostNetwork`);
        a.append("volumes", wfVolumes, (k) => `${wfPath}.volumes[${k}]`);
        a.append("volumes", listOf(r, tmpl, "volumes", `${tp}.volumes`), (k) => `${tp}.volumes[${k}]`);

        if (runs) {
            // The main container is named `main` (appended first: index 0); templateDefaults' container settings fill
            // in what it leaves unset, reported at templateDefaults' path.
            const main = (runs === "container" ? container : script) as JsonObject;
            const mp = `${tp}.${runs}`;
            const dp = `${wfPath}.templateDefaults.${runs}.securityContext`;
            const dflt = r.obj(defaults, runs, { path: `${wfPath}.templateDefaults.${runs}`, field: "all" });
            const dsc = r.obj(dflt, "securityContext", { path: dp, field: "all" });
            const msc = r.obj(main, "securityContext", { path: `${mp}.securityContext`, field: "all" });
            const scPath = `${ASSEMBLED}.containers[0].securityContext`;
            const sc = mergeWithDefaults(a, dsc, msc, scPath, dp);
            if (dsc && !msc) a.alias(scPath, dp);
            a.append(
                "containers",
                [sc ? { ...main, name: "main", securityContext: sc } : { ...main, name: "main" }],
                () => mp,
            );
        }
        if (isPlainObject(containerSet)) {
            const csp = `${tp}.containerSet`;
            a.append("containers", listOf(r, containerSet, "containers", `${csp}.containers`), (k) => {
                return `${csp}.containers[${k}]`;
            });
        }
        a.append("initContainers", listOf(r, tmpl, "initContainers", `${tp}.initContainers`), (k) => {
            return `${tp}.initContainers[${k}]`;
        });
        a.append("containers", listOf(r, tmpl, "sidecars", `${tp}.sidecars`), (k) => `${tp}.sidecars[${k}]`);

        if (wfPatch) applyPatch(a, wfPatch, `${wfPath}.podSpecPatch`, podSc);
        const tmplPatch = readPodSpecPatch(r, tmpl, `${tp}.podSpecPatch`);
        if (tmplPatch) applyPatch(a, tmplPatch, `${tp}.podSpecPatch`, podSc);
        if (podSc.value) a.spec.securityContext = podSc.value;

        // Pod labels: the workflow's podMetadata, then the template's metadata.
        const tmeta = r.obj(tmpl, "metadata", { path: `${tp}.metadata`, field: "labels" });
        const { w, r: wr } = ctx.workload(tp, tmeta, `${tp}.metadata`);
        const podLabels = r.strMap(podMetadata, "labels", { path: `${wfPath}.podMetadata.labels`, field: "labels" });
        const podAnnotations = r.strMap(podMetadata, "annotations", {
            path: `${wfPath}.podMetadata.annotations`,
            field: "labels",
        });
        w.podLabels = { ...podLabels, ...w.podLabels };
        w.podAnnotations = { ...podAnnotations, ...w.podAnnotations };
        a.read(w, wr);
    });
}

// --- Tekton --------------------------------------------------------------------------------------------------------

/** A Tekton pod template (`podTemplate`): the pod-level fields it can set, each with its own path. */
interface PodTemplate {
    fields: Map<string, [unknown, string]>;
}

const TEKTON_POD_TEMPLATE_FIELDS = ["securityContext", "hostNetwork", "runtimeClassName", "volumes"];

function tektonPodTemplate(r: Reader, holders: Array<[unknown, string]>): PodTemplate {
    // Later holders (a pipeline task's own podTemplate) override earlier ones (the run's) field by field.
    const fields = new Map<string, [unknown, string]>();
    for (const [holder, path] of holders) {
        const pt = r.obj(holder, path.slice(path.lastIndexOf(".") + 1), { path, field: "all" });
        if (!pt) continue;
        for (const f of TEKTON_POD_TEMPLATE_FIELDS) {
            const v = unwrapSecret(own(pt, f));
            if (v !== undefined && v !== null) fields.set(f, [v, `${path}.${f}`]);
        }
    }
    return { fields };
}

/**
 * A TaskSpec: one pod with a container per step and sidecar. `stepTemplate` fills in what a step leaves unset
 * (Tekton merges them as a strategic merge patch): its securityContext fields count for every step that does not set
 * its own, and are reported at the stepTemplate's path. Pod-level settings come only from a run's podTemplate.
 */
function readTektonTaskSpec(
    ctx: Ctx,
    ts: JsonObject,
    tsPath: string,
    podTemplate: PodTemplate | undefined,
    podMeta?: [JsonObject | undefined, string],
): void {
    const r = ctx.r;
    const a = new Assembly(tsPath);
    const stepTemplate = r.obj(ts, "stepTemplate", { path: `${tsPath}.stepTemplate`, field: "all" });
    const stPath = `${tsPath}.stepTemplate`;
    const tsc = r.obj(stepTemplate, "securityContext", { path: `${stPath}.securityContext`, field: "all" });
    const tmounts = r.list(stepTemplate, "volumeMounts", { path: `${stPath}.volumeMounts`, field: "volumes" }) ?? [];
    const steps = listOf(r, ts, "steps", `${tsPath}.steps`);
    steps.forEach((step, i) => {
        const sp = `${tsPath}.steps[${i}]`;
        if (!isPlainObject(step)) {
            a.append("containers", [step], () => sp);
            return;
        }
        const [idx] = a.append("containers", [step], () => sp);
        const cPath = `${ASSEMBLED}.containers[${idx}]`;
        const merged: JsonObject = { ...step };
        if (tsc) {
            const ssc = r.obj(step, "securityContext", { path: `${sp}.securityContext`, field: "all" });
            merged.securityContext = mergeWithDefaults(
                a,
                tsc,
                ssc,
                `${cPath}.securityContext`,
                `${stPath}.securityContext`,
            );
            if (!ssc) a.alias(`${cPath}.securityContext`, `${stPath}.securityContext`);
        }
        const own0 = unwrapSecret(own(step, "volumeMounts"));
        // The step's own list unknown or malformed is left as written, for the reader to record.
        if (tmounts.length && (own0 === undefined || own0 === null || Array.isArray(own0))) {
            const before = Array.isArray(own0) ? own0 : [];
            merged.volumeMounts = [...before, ...tmounts];
            tmounts.forEach((_, k) =>
                a.alias(`${cPath}.volumeMounts[${before.length + k}]`, `${stPath}.volumeMounts[${k}]`),
            );
        }
        (a.spec.containers as unknown[])[idx] = merged;
    });
    a.append("containers", listOf(r, ts, "sidecars", `${tsPath}.sidecars`), (k) => `${tsPath}.sidecars[${k}]`);
    a.append("volumes", listOf(r, ts, "volumes", `${tsPath}.volumes`), (k) => `${tsPath}.volumes[${k}]`);
    // A TaskSpec has no pod securityContext of its own; unset without a run's podTemplate, and never reported then.
    applyPodTemplate(a, podTemplate, `${tsPath}.securityContext`);
    const { w, r: wr } = ctx.workload(tsPath, podMeta?.[0], podMeta?.[1] ?? "");
    a.read(w, wr);
}

function applyPodTemplate(a: Assembly, pt: PodTemplate | undefined, scFallback: string): void {
    a.podSecurityContextAt(pt?.fields.get("securityContext")?.[1] ?? scFallback);
    if (!pt) return;
    for (const [f, [v, path]] of pt.fields) {
        if (f === "volumes") {
            if (Array.isArray(v)) a.append("volumes", v, (k) => `${path}[${k}]`);
        } else if (f === "securityContext") {
            a.spec.securityContext = v;
        } else {
            a.set(f, v, path);
        }
    }
}

/** A pod template alone (a run that references its Task or Pipeline): its pod-level fields are still judged. */
function readPodTemplateOnly(ctx: Ctx, pt: PodTemplate, basePath: string): void {
    if (!pt.fields.size) return;
    const a = new Assembly(basePath);
    applyPodTemplate(a, pt, `${basePath}.podTemplate.securityContext`);
    const { w, r } = ctx.workload(basePath, undefined, "");
    a.read(w, r);
}

function readTektonTask(ctx: Ctx, spec: JsonObject, path: string): void {
    readTektonTaskSpec(ctx, spec, path, undefined);
}

function readTektonTaskRun(ctx: Ctx, spec: JsonObject, path: string): void {
    const pt = tektonPodTemplate(ctx.r, [[spec, `${path}.podTemplate`]]);
    const ts = ctx.r.obj(spec, "taskSpec", { path: `${path}.taskSpec`, field: "all" });
    if (ts) readTektonTaskSpec(ctx, ts, `${path}.taskSpec`, pt);
    else readPodTemplateOnly(ctx, pt, path);
}

/** The embedded task specs of a PipelineSpec (`tasks` and `finally`), each with its pod template. */
function readTektonPipelineSpec(
    ctx: Ctx,
    ps: JsonObject,
    psPath: string,
    podTemplateFor: (taskName: string | undefined) => PodTemplate | undefined,
): void {
    for (const list of ["tasks", "finally"]) {
        listOf(ctx.r, ps, list, `${psPath}.${list}`).forEach((task, i) => {
            const tp = `${psPath}.${list}[${i}]`;
            const ts = ctx.r.obj(task, "taskSpec", { path: `${tp}.taskSpec`, field: "all" });
            if (!ts) return;
            const name = unwrapSecret(own(task, "name"));
            // An embedded task's metadata are its pod's labels and annotations.
            const meta = ctx.r.obj(ts, "metadata", { path: `${tp}.taskSpec.metadata`, field: "labels" });
            readTektonTaskSpec(ctx, ts, `${tp}.taskSpec`, podTemplateFor(typeof name === "string" ? name : undefined), [
                meta,
                `${tp}.taskSpec.metadata`,
            ]);
        });
    }
}

function readTektonPipeline(ctx: Ctx, spec: JsonObject, path: string): void {
    readTektonPipelineSpec(ctx, spec, path, () => undefined);
}

/**
 * A PipelineRun: its embedded pipelineSpec's tasks, each under the run's pod template (v1 `taskRunTemplate.podTemplate`,
 * v1beta1 `podTemplate`) overridden by that task's `taskRunSpecs[].podTemplate` (v1beta1 `taskPodTemplate`).
 */
function readTektonPipelineRun(ctx: Ctx, spec: JsonObject, path: string): void {
    const r = ctx.r;
    const runLevel: Array<[unknown, string]> = [
        [
            r.obj(spec, "taskRunTemplate", { path: `${path}.taskRunTemplate`, field: "all" }),
            `${path}.taskRunTemplate.podTemplate`,
        ],
        [spec, `${path}.podTemplate`],
    ];
    const perTask = new Map<string, Array<[unknown, string]>>();
    listOf(r, spec, "taskRunSpecs", `${path}.taskRunSpecs`).forEach((s, i) => {
        const name = unwrapSecret(own(s, "pipelineTaskName"));
        if (typeof name !== "string") return;
        const sp = `${path}.taskRunSpecs[${i}]`;
        perTask.set(name, [
            [s, `${sp}.podTemplate`],
            [s, `${sp}.taskPodTemplate`],
        ]);
    });
    const ps = r.obj(spec, "pipelineSpec", { path: `${path}.pipelineSpec`, field: "all" });
    if (ps) {
        readTektonPipelineSpec(ctx, ps, `${path}.pipelineSpec`, (name) =>
            tektonPodTemplate(r, [...runLevel, ...((name !== undefined && perTask.get(name)) || [])]),
        );
    } else {
        readPodTemplateOnly(ctx, tektonPodTemplate(r, runLevel), path);
    }
}

// --- Spark operator ------------------------------------------------------------------------------------------------

/**
 * A SparkApplicationSpec: a driver pod and an executor pod. Each SparkPodSpec names the main container's
 * `securityContext`, `volumeMounts` and `image`, the pod's `podSecurityContext`, `hostNetwork`, `runtimeClassName`,
 * `labels`/`annotations`, its `sidecars` and `initContainers`; the application's `volumes` are the pods' volumes. A
 * SparkPodSpec `template` (Spark 3 pod template) is the base Spark builds on, judged for what it sets (as a patch).
 */
function readSparkApplication(ctx: Ctx, spec: JsonObject, path: string): void {
    const r = ctx.r;
    const volumes = listOf(r, spec, "volumes", `${path}.volumes`);
    const defaultImage = unwrapSecret(own(spec, "image"));
    for (const role of ["driver", "executor"]) {
        const rp = `${path}.${role}`;
        const pod = r.obj(spec, role, { path: rp, field: "all" });
        if (!pod) continue;
        const a = new Assembly(rp);
        a.podSecurityContextAt(`${rp}.podSecurityContext`);
        const psc = r.obj(pod, "podSecurityContext", { path: `${rp}.podSecurityContext`, field: "all" });
        if (psc) a.spec.securityContext = psc;
        a.set("hostNetwork", own(pod, "hostNetwork"), `${rp}.hostNetwork`);
        a.set("runtimeClassName", own(pod, "runtimeClassName"), `${rp}.runtimeClassName`);
        a.append("volumes", volumes, (k) => `${path}.volumes[${k}]`);
        const main: JsonObject = { name: `spark-kubernetes-${role}`, image: own(pod, "image") ?? defaultImage };
        for (const f of ["securityContext", "volumeMounts", "lifecycle"])
            if (own(pod, f) !== undefined) main[f] = pod[f];
        a.append("containers", [main], () => rp);
        a.append("containers", listOf(r, pod, "sidecars", `${rp}.sidecars`), (k) => `${rp}.sidecars[${k}]`);
        a.append("initContainers", listOf(r, pod, "initContainers", `${rp}.initContainers`), (k) => {
            return `${rp}.initContainers[${k}]`;
        });
        const { w, r: wr } = ctx.workload(rp, pod, rp);
        a.read(w, wr);
        const template = r.obj(pod, "template", { path: `${rp}.template`, field: "all" });
        if (template) readTemplate(ctx, template, `${rp}.template`, true);
    }
}

export const customResourceAdapter: PlatformAdapter = {
    name: "crd",
    packages: ["kubernetes"],
    reads: isCustomResourceType,
    workloads: customResourceWorkloads,
    docs: [
        {
            platform: "Custom resources (pod templates)",
            types: "`k8s.apiextensions.CustomResource` (and `…Patch`, `…List`), any apiVersion of the group: Argo Rollouts `Rollout`; Argo Workflows `Workflow`, `CronWorkflow`, `WorkflowTemplate`, `ClusterWorkflowTemplate` (each template's `container`, `script`, `containerSet`, `initContainers`, `sidecars`; workflow and template `volumes`, `securityContext`, `templateDefaults`, `hostNetwork`, `podSpecPatch` as an object or JSON/YAML text); Knative Serving `Service`, `Configuration`, `Revision`; KEDA `ScaledJob`; OpenKruise `CloneSet`, `StatefulSet`, `DaemonSet`, `BroadcastJob`, `AdvancedCronJob`; Kubeflow `PyTorchJob`, `TFJob`, `MPIJob`, `XGBoostJob`, `PaddleJob`, `JAXJob`, `MXJob` (`spec.*ReplicaSpecs.*.template`); KubeRay `RayCluster`, `RayJob`, `RayService` (head and worker groups, nested cluster specs, the submitter pod); Tekton `Task`, `ClusterTask`, `TaskRun`, `Pipeline`, `PipelineRun` (steps merged with `stepTemplate`, sidecars, volumes, run `podTemplate`s); Spark operator `SparkApplication`, `ScheduledSparkApplication` (driver and executor pods); Volcano `Job`. Any other custom resource: a pod-spec-shaped object (a `containers` list of objects with an `image`) under `spec`, at most 10 levels deep; config `customResourcePodSpecs` names further paths. One workload per pod, findings at the CR's own field paths (`spec.workerGroupSpecs[0].template.spec.containers[0]…`)",
        },
    ],
};
