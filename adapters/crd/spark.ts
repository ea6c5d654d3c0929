// Spark operator (SparkApplication, ScheduledSparkApplication): a driver pod and an executor pod, each assembled from
// its SparkPodSpec and the application's volumes, plus the Spark 3 pod template it may name. Field names:
// data/customResources.ts, the sparkoperator.k8s.io row.
import { JsonObject, own, unwrapSecret } from "../../model/read";
import { ResourceContext } from "./context";
import { Assembly, listOf } from "./assembly";
import { readTemplate } from "./pods";

/**
 * A SparkApplicationSpec: a driver pod and an executor pod. Each SparkPodSpec names the main container's
 * `securityContext`, `volumeMounts` and `image`, the pod's `podSecurityContext`, `hostNetwork`, `runtimeClassName`,
 * `labels`/`annotations`, its `sidecars` and `initContainers`; the application's `volumes` are the pods' volumes. A
 * SparkPodSpec `template` (Spark 3 pod template) is the base Spark builds on, judged for what it sets (as a patch).
 */
export function readSparkApplication(ctx: ResourceContext, spec: JsonObject, path: string): void {
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
