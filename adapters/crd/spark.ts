// Spark operator (SparkApplication, ScheduledSparkApplication): a driver pod and an executor pod, each assembled from
// its SparkPodSpec and the application's volumes, plus the Spark 3 pod template it may name. Field names:
// data/customResources.ts, the sparkoperator.k8s.io row.
import { JsonObject, Reader, own, unwrapSecret } from "../../model/read";
import { ResourceContext } from "./context";
import { Assembly, listOf } from "./assembly";
import { readTemplate } from "./pods";

/** Pod-level fields a role's Spark 3 pod template may set; the SparkPodSpec's own field wins over the template's. */
const TEMPLATE_POD_FIELDS = ["hostNetwork", "hostPID", "hostIPC", "hostUsers", "runtimeClassName", "securityContext"];

/**
 * The names of the application's volumes a role's pod gets: the operator adds a volume to a pod only when that role
 * mounts it (its container's, sidecars' or init containers' volumeMounts); undefined (every volume) when a mount list
 * cannot be read, since any volume could then be mounted.
 */
function mountedNames(pod: JsonObject): Set<unknown> | undefined {
    const names = new Set<unknown>();
    const lists: unknown[] = [own(pod, "volumeMounts")];
    for (const key of ["sidecars", "initContainers"]) {
        const cs = unwrapSecret(own(pod, key));
        if (Array.isArray(cs)) for (const c of cs) lists.push(own(unwrapSecret(c), "volumeMounts"));
        else if (cs !== undefined && cs !== null) return undefined;
    }
    for (const l of lists) {
        const mounts = unwrapSecret(l);
        if (mounts === undefined || mounts === null) continue;
        if (!Array.isArray(mounts)) return undefined;
        for (const m of mounts) {
            const name = unwrapSecret(own(unwrapSecret(m), "name"));
            if (typeof name !== "string") return undefined;
            names.add(name);
        }
    }
    return names;
}

/**
 * A SparkApplicationSpec: a driver pod and an executor pod. Each SparkPodSpec names the main container's
 * `securityContext`, `volumeMounts` and `image`, the pod's `podSecurityContext`, `hostNetwork`, `runtimeClassName`,
 * `labels`/`annotations`, its `sidecars` and `initContainers`; of the application's `volumes`, each pod gets those its
 * containers mount. A SparkPodSpec `template` (Spark 3 pod template) is the base Spark builds the pod on: its
 * pod-level settings and volumes are the pod's where the SparkPodSpec leaves them unset, and its containers (the base
 * of Spark's own) are judged for what they set (as a patch).
 */
export function readSparkApplication(ctx: ResourceContext, spec: JsonObject, path: string): void {
    const r = ctx.r;
    const volumes = listOf(r, spec, "volumes", `${path}.volumes`);
    const defaultImage = unwrapSecret(own(spec, "image"));
    for (const role of ["driver", "executor"]) {
        const rp = `${path}.${role}`;
        const pod = r.obj(spec, role, { path: rp, field: "all" });
        if (!pod) continue;
        // The template's issues are recorded after the SparkPodSpec's own, in the order the fields are documented.
        const pre = new Reader();
        const template = pre.obj(pod, "template", { path: `${rp}.template`, field: "all" });
        const tsp = `${rp}.template.spec`;
        const tspec = pre.obj(template, "spec", { path: tsp, field: "all" });
        const a = new Assembly(rp);
        for (const f of TEMPLATE_POD_FIELDS) a.set(f, own(tspec, f), `${tsp}.${f}`);
        const scPath =
            own(tspec, "securityContext") === undefined ? `${rp}.podSecurityContext` : `${tsp}.securityContext`;
        a.set("securityContext", own(pod, "podSecurityContext"), `${rp}.podSecurityContext`);
        a.podSecurityContextAt(own(pod, "podSecurityContext") === undefined ? scPath : `${rp}.podSecurityContext`);
        a.set("hostNetwork", own(pod, "hostNetwork"), `${rp}.hostNetwork`);
        a.set("runtimeClassName", own(pod, "runtimeClassName"), `${rp}.runtimeClassName`);
        const mounted = mountedNames(pod);
        volumes.forEach((v, k) => {
            if (!mounted || mounted.has(unwrapSecret(own(unwrapSecret(v), "name"))))
                a.append("volumes", [v], () => `${path}.volumes[${k}]`);
        });
        a.append("volumes", listOf(r, tspec, "volumes", `${tsp}.volumes`), (k) => `${tsp}.volumes[${k}]`);
        const main: JsonObject = { name: `spark-kubernetes-${role}`, image: own(pod, "image") ?? defaultImage };
        for (const f of ["securityContext", "volumeMounts", "lifecycle"])
            if (own(pod, f) !== undefined) main[f] = pod[f];
        a.append("containers", [main], () => rp);
        a.append("containers", listOf(r, pod, "sidecars", `${rp}.sidecars`), (k) => `${rp}.sidecars[${k}]`);
        a.append("initContainers", listOf(r, pod, "initContainers", `${rp}.initContainers`), (k) => {
            return `${rp}.initContainers[${k}]`;
        });
        r.issues.push(...pre.issues);
        const { w, r: wr } = ctx.workload(rp, pod, rp);
        a.read(w, wr);
        if (template && tspec) {
            // The template's containers, without the pod-level fields and volumes judged with the pod above.
            const containersOnly: JsonObject = {};
            for (const k of ["containers", "initContainers"])
                if (own(tspec, k) !== undefined) containersOnly[k] = tspec[k];
            readTemplate(ctx, { ...template, spec: containersOnly }, `${rp}.template`, true);
        }
    }
}
