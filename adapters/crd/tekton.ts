// Tekton (Task, ClusterTask, TaskRun, Pipeline, PipelineRun): one pod per TaskSpec, a container per step (merged with
// the stepTemplate the way Tekton merges them) and per sidecar, with the pod-level settings of the run's pod templates.
// A run that only references its Task or Pipeline still has its pod template judged. Field names:
// data/customResources.ts, the tekton.dev row.
import { JsonObject, Reader, isPlainObject, own, unwrapSecret } from "../../model/read";
import { ResourceContext } from "./context";
import { ASSEMBLED, Assembly, listOf, mergeWithDefaults } from "./assembly";

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
    ctx: ResourceContext,
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
        // A step that references a StepAction runs the StepAction's container: the StepAction is judged where it is
        // defined (its own resource), and its finding and fix belong there, not to this reference.
        if (isPlainObject(step) && own(step, "ref") !== undefined) return;
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
function readPodTemplateOnly(ctx: ResourceContext, pt: PodTemplate, basePath: string): void {
    if (!pt.fields.size) return;
    const a = new Assembly(basePath);
    applyPodTemplate(a, pt, `${basePath}.podTemplate.securityContext`);
    const { w, r } = ctx.workload(basePath, undefined, "");
    a.read(w, r);
}

export function readTektonTask(ctx: ResourceContext, spec: JsonObject, path: string): void {
    readTektonTaskSpec(ctx, spec, path, undefined);
}

export function readTektonTaskRun(ctx: ResourceContext, spec: JsonObject, path: string): void {
    const pt = tektonPodTemplate(ctx.r, [[spec, `${path}.podTemplate`]]);
    const ts = ctx.r.obj(spec, "taskSpec", { path: `${path}.taskSpec`, field: "all" });
    if (ts) readTektonTaskSpec(ctx, ts, `${path}.taskSpec`, pt);
    else readPodTemplateOnly(ctx, pt, path);
}

/** The embedded task specs of a PipelineSpec (`tasks` and `finally`), each with its pod template. */
function readTektonPipelineSpec(
    ctx: ResourceContext,
    ps: JsonObject,
    psPath: string,
    podTemplateFor: (taskName: string | undefined) => PodTemplate | undefined,
): void {
    for (const list of ["tasks", "finally"]) {
        listOf(ctx.r, ps, list, `${psPath}.${list}`).forEach((task, i) => {
            const tp = `${psPath}.${list}[${i}]`;
            // A pipeline in a pipeline (`pipelineSpec` of a pipeline task): its tasks run under the same templates.
            const nested = ctx.r.obj(task, "pipelineSpec", { path: `${tp}.pipelineSpec`, field: "all" });
            if (nested) readTektonPipelineSpec(ctx, nested, `${tp}.pipelineSpec`, podTemplateFor);
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

export function readTektonPipeline(ctx: ResourceContext, spec: JsonObject, path: string): void {
    readTektonPipelineSpec(ctx, spec, path, () => undefined);
}

/**
 * A PipelineRun: its embedded pipelineSpec's tasks, each under the run's pod template (v1 `taskRunTemplate.podTemplate`,
 * v1beta1 `podTemplate`) overridden by that task's `taskRunSpecs[].podTemplate` (v1beta1 `taskPodTemplate`).
 */
export function readTektonPipelineRun(ctx: ResourceContext, spec: JsonObject, path: string): void {
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
