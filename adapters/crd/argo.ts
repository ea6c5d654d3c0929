// Argo Workflows (Workflow, WorkflowTemplate, ClusterWorkflowTemplate, CronWorkflow): one pod per template that runs
// containers, assembled from the template and the workflow-level settings Argo applies to it, then the workflow's and
// the template's `podSpecPatch` (an object, or JSON/YAML text) on top, since a patch can grant what the template does
// not. Field names: data/customResources.ts, the argoproj.io Workflows row.
import { JsonObject, Reader, isPlainObject, isUnknown, own, unwrapSecret } from "../../model/read";
import { ResourceContext } from "./context";
import { ASSEMBLED, Assembly, listOf, mergeWithDefaults } from "./assembly";

// --- podSpecPatch ----------------------------------------------------------------------------------------------------

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
    // A parameter expression (`{{workflow.parameters.patch}}`, or one inside the text) is only known when the
    // workflow runs: unknown, never an empty patch.
    if (typeof raw === "string" && raw.includes("{{")) {
        r.unknown({ path, field: "all" });
        return undefined;
    }
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

// --- templateDefaults ------------------------------------------------------------------------------------------------

/**
 * Argo merges `templateDefaults` into every template as a strategic merge patch of the Template, the template's own
 * fields winning (workflow/controller/operator.go, mergedTemplateDefaultsInto; the template is marshalled first, so an
 * empty list is no list: `omitempty`). Lists merge by their patch merge key (Argo's Template: `sidecars`,
 * `initContainers`, `volumes` by name; corev1.Container: `volumeMounts` by mountPath, `ports` by containerPort, `env`
 * by name, `volumeDevices` by devicePath): the template's items, each over the default of the same key, then the
 * defaults' items with a key the template does not use. Objects (a securityContext) merge key by key. What comes from
 * the defaults is reported at the defaults' path.
 */
const MERGE_KEYS: Readonly<Record<string, string>> = {
    sidecars: "name",
    initContainers: "name",
    volumes: "name",
    volumeMounts: "mountPath",
    ports: "containerPort",
    env: "name",
    volumeDevices: "devicePath",
};

/**
 * Appends to the assembly's `list` the template's `key` list merged with the defaults' (see MERGE_KEYS): each item
 * at the path it was written at, the fields a same-keyed default adds to one of the template's at the defaults' path.
 */
function appendMerged(
    a: Assembly,
    r: Reader,
    list: string,
    key: string,
    tmpl: JsonObject,
    tp: string,
    defaults: JsonObject | undefined,
    dp: string,
): void {
    const mergeKey = MERGE_KEYS[key];
    const keyOf = (item: unknown) => unwrapSecret(own(item, mergeKey));
    const mine = listOf(r, tmpl, key, `${tp}.${key}`);
    const theirs = listOf(r, defaults, key, `${dp}.${key}`);
    const mineKeys = new Set<unknown>(mine.map(keyOf).filter((k) => k !== undefined));
    mine.forEach((item, i) => {
        const j = theirs.findIndex((d) => keyOf(item) !== undefined && keyOf(d) === keyOf(item));
        const [at] = a.append(list, [item], () => `${tp}.${key}[${i}]`);
        const d = theirs[j];
        if (j < 0 || !isPlainObject(item) || !isPlainObject(d)) return;
        (a.spec[list] as unknown[])[at] = mergeWithDefaults(
            a,
            d,
            item,
            `${ASSEMBLED}.${list}[${at}]`,
            `${dp}.${key}[${j}]`,
        );
    });
    theirs.forEach((d, j) => {
        const k = keyOf(d);
        if (k === undefined || !mineKeys.has(k)) a.append(list, [d], () => `${dp}.${key}[${j}]`);
    });
}

/** The main container with what `templateDefaults.<runs>` adds, each added field aliased to where it was written. */
function mainWithDefaults(
    a: Assembly,
    r: Reader,
    main: JsonObject,
    mp: string,
    dflt: JsonObject | undefined,
    dp: string,
): JsonObject {
    const cPath = `${ASSEMBLED}.containers[0]`;
    const out: JsonObject = { ...main, name: "main" };
    const msc = r.obj(main, "securityContext", { path: `${mp}.securityContext`, field: "all" });
    const dsc = r.obj(dflt, "securityContext", { path: `${dp}.securityContext`, field: "all" });
    const sc = mergeWithDefaults(a, dsc, msc, `${cPath}.securityContext`, `${dp}.securityContext`);
    if (dsc && !msc) a.alias(`${cPath}.securityContext`, `${dp}.securityContext`);
    if (sc) out.securityContext = sc;
    if (!dflt) return out;
    for (const k of Object.keys(dflt)) {
        if (k === "securityContext" || k === "name") continue;
        const mine = unwrapSecret(own(main, k));
        const mergeKey = MERGE_KEYS[k];
        if (mine === undefined || mine === null || (Array.isArray(mine) && mine.length === 0)) {
            // Unset, or an empty list (which the template's JSON leaves out): the default's, whole.
            out[k] = dflt[k];
            a.alias(`${cPath}.${k}`, `${dp}.${k}`);
        } else if (mergeKey !== undefined && Array.isArray(mine)) {
            // Merged by key: a same-keyed default item fills in what the template's leaves unset; the defaults' other
            // items are added after the template's own.
            const keyOf = (item: unknown) => unwrapSecret(own(item, mergeKey));
            const merged: unknown[] = [...mine];
            listOf(r, dflt, k, `${dp}.${k}`).forEach((d, j) => {
                const at = mine.findIndex((m) => keyOf(m) !== undefined && keyOf(m) === keyOf(d));
                if (at >= 0) {
                    if (isPlainObject(mine[at]) && isPlainObject(d))
                        merged[at] = mergeWithDefaults(a, d, mine[at], `${cPath}.${k}[${at}]`, `${dp}.${k}[${j}]`);
                } else {
                    // No item of the template has its key: the default's is added after them.
                    a.alias(`${cPath}.${k}[${merged.length}]`, `${dp}.${k}[${j}]`);
                    merged.push(d);
                }
            });
            out[k] = merged;
        }
    }
    return out;
}

// --- The WorkflowSpec ------------------------------------------------------------------------------------------------

/**
 * A WorkflowSpec: one pod per template that runs containers (`container`, `script`, `containerSet`), with the
 * template's `initContainers` and `sidecars`, the workflow's and the template's `volumes`, the pod securityContext
 * of the template (else `templateDefaults`, else the workflow: Argo takes the most specific whole, it does not merge),
 * the workflow's `hostNetwork`, and the workflow's then the template's `podSpecPatch` applied on top; `templateDefaults`
 * fill in what each template leaves unset. Templates written inline in a step or DAG task are templates too, and a
 * `resource` template's manifest is judged as the object it creates.
 */
export function readArgoWorkflowSpec(ctx: ResourceContext, wf: JsonObject, wfPath: string): void {
    const r = ctx.r;
    const podMetadata = r.obj(wf, "podMetadata", { path: `${wfPath}.podMetadata`, field: "labels" });
    const dp = `${wfPath}.templateDefaults`;
    const defaults = r.obj(wf, "templateDefaults", { path: dp, field: "all" });
    const wfPatch = readPodSpecPatch(r, wf, `${wfPath}.podSpecPatch`);
    const wfVolumes = listOf(r, wf, "volumes", `${wfPath}.volumes`);

    const inline = (holder: unknown, p: string) => {
        const t = r.obj(holder, "inline", { path: `${p}.inline`, field: "all" });
        if (t) readTemplate(t, `${p}.inline`);
    };

    const readTemplate = (tmpl: JsonObject, tp: string): void => {
        // Steps (a list of parallel groups) and DAG tasks may write their template inline.
        listOf(r, tmpl, "steps", `${tp}.steps`).forEach((group, j) => {
            if (Array.isArray(group)) group.forEach((step, k) => inline(unwrapSecret(step), `${tp}.steps[${j}][${k}]`));
            else if (group !== undefined && group !== null)
                r.malformed({ path: `${tp}.steps[${j}]`, field: "all" }, group);
        });
        const dag = r.obj(tmpl, "dag", { path: `${tp}.dag`, field: "all" });
        listOf(r, dag, "tasks", `${tp}.dag.tasks`).forEach((task, k) => inline(task, `${tp}.dag.tasks[${k}]`));
        readResourceTemplate(ctx, tmpl, tp);

        const container = unwrapSecret(own(tmpl, "container"));
        const script = unwrapSecret(own(tmpl, "script"));
        const containerSet = unwrapSecret(own(tmpl, "containerSet"));
        const runs = isPlainObject(container) ? "container" : isPlainObject(script) ? "script" : undefined;
        if (!runs && !isPlainObject(containerSet)) return; // steps, dag, suspend, resource, http …: no pod of the user's

        const a = new Assembly(tp);
        // Pod securityContext: the most specific one set, else where one would be written (the template).
        const scSources: Array<[JsonObject | undefined, string]> = [
            [tmpl, `${tp}.securityContext`],
            [defaults, `${dp}.securityContext`],
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
        // templateDefaults merge into the template's own (a strategic merge: its fields win, the defaults fill in).
        if (podSc.value && podSc.path === `${tp}.securityContext`) {
            const dsc = r.obj(defaults, "securityContext", { path: `${dp}.securityContext`, field: "all" });
            const at = `${ASSEMBLED}.securityContext`;
            if (dsc) podSc.value = mergeWithDefaults(a, dsc, podSc.value, at, `${dp}.securityContext`);
        }
        a.podSecurityContextAt(podSc.path);
        a.set("hostNetwork", own(wf, "hostNetwork"), `${wfPath}.hostNetwork`);
        a.append("volumes", wfVolumes, (k) => `${wfPath}.volumes[${k}]`);
        appendMerged(a, r, "volumes", "volumes", tmpl, tp, defaults, dp);

        if (runs) {
            // The main container is named `main` (appended first: index 0).
            const main = (runs === "container" ? container : script) as JsonObject;
            const mp = `${tp}.${runs}`;
            const dflt = r.obj(defaults, runs, { path: `${dp}.${runs}`, field: "all" });
            a.append("containers", [mainWithDefaults(a, r, main, mp, dflt, `${dp}.${runs}`)], () => mp);
        }
        if (isPlainObject(containerSet)) {
            const csp = `${tp}.containerSet`;
            a.append("containers", listOf(r, containerSet, "containers", `${csp}.containers`), (k) => {
                return `${csp}.containers[${k}]`;
            });
        }
        appendMerged(a, r, "initContainers", "initContainers", tmpl, tp, defaults, dp);
        appendMerged(a, r, "containers", "sidecars", tmpl, tp, defaults, dp);

        if (wfPatch) applyPatch(a, wfPatch, `${wfPath}.podSpecPatch`, podSc);
        const patchHolder = own(tmpl, "podSpecPatch") === undefined && defaults ? [defaults, dp] : [tmpl, tp];
        const tmplPatch = readPodSpecPatch(r, patchHolder[0] as JsonObject, `${patchHolder[1]}.podSpecPatch`);
        if (tmplPatch) applyPatch(a, tmplPatch, `${patchHolder[1]}.podSpecPatch`, podSc);
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
    };

    listOf(r, wf, "templates", `${wfPath}.templates`).forEach((tmpl, i) => {
        if (isPlainObject(tmpl)) readTemplate(tmpl, `${wfPath}.templates[${i}]`);
    });
}

// --- resource templates ----------------------------------------------------------------------------------------------

/**
 * A `resource` template creates (or applies, patches …) any object from `manifest`, a YAML or JSON text: a privileged
 * Pod as easily as a ConfigMap. The text is parsed and the object judged as what it is, through the adapter's own
 * sources (ctx.embedded), at `<template>.resource.manifest.<field>`. Text with a parameter expression that does not
 * parse, or a manifest from an artifact (`manifestFrom`), is only known when the workflow runs: unknown.
 */
function readResourceTemplate(ctx: ResourceContext, tmpl: JsonObject, tp: string): void {
    const rp = `${tp}.resource`;
    const resource = ctx.r.obj(tmpl, "resource", { path: rp, field: "all" });
    if (!resource) return;
    if (own(resource, "manifestFrom") !== undefined) ctx.r.unknown({ path: `${rp}.manifestFrom`, field: "all" });
    const mp = `${rp}.manifest`;
    const text = ctx.r.str(resource, "manifest", { path: mp, field: "all" });
    if (text === undefined || text.trim() === "") return;
    const obj = parseYamlOrJson(text);
    if (isPlainObject(obj)) ctx.embedded(obj, mp);
    else if (text.includes("{{")) ctx.r.unknown({ path: mp, field: "all" });
    else ctx.r.malformed({ path: mp, field: "all" }, text);
}
