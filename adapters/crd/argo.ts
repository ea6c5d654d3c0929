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

// --- The WorkflowSpec ------------------------------------------------------------------------------------------------

/**
 * A WorkflowSpec: one pod per template that runs containers (`container`, `script`, `containerSet`), with the
 * template's `initContainers` and `sidecars`, the workflow's and the template's `volumes`, the pod securityContext
 * of the template (else `templateDefaults`, else the workflow: Argo takes the most specific whole, it does not merge),
 * the workflow's `hostNetwork`, and the workflow's then the template's `podSpecPatch` applied on top.
 */
export function readArgoWorkflowSpec(ctx: ResourceContext, wf: JsonObject, wfPath: string): void {
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
