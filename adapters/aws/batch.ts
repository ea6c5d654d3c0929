// AWS Batch job definitions: Docker-shaped container, multi-node and ECS jobs, and EKS jobs whose pods are read as
// Kubernetes pod specs.
import { Workload } from "../../model/workload";
import { JsonObject, Reader, own } from "../../model/read";
import { readPodSpec } from "../shared/podSpec";
import { awsWorkload, jsonDocument } from "./workload";
import { speak } from "./dialect";
import { BATCH, readContainerDefinition, readContainerList, settleVolumeReadOnly } from "./containerDefinition";
import { readTaskSettings } from "./taskSettings";
import { BATCH_EKS_HOST_NETWORK } from "../../data/platformDefaults";

/**
 * Batch's EKS containers have no capabilities setting (data/platformDefaults.ts BATCH_EKS_CAPABILITIES): as for its
 * Docker-shaped containers, nothing can be asked of them, so no capability is read and no check asks to drop one.
 */
function withoutCapabilities(w: Workload): void {
    for (const c of w.containers) {
        c.security.capAdd = undefined;
        c.security.capDrop = undefined;
        c.security.paths.capAdd = "";
        c.security.paths.capDrop = "";
    }
    for (let i = w.issues.length - 1; i >= 0; i--) if (w.issues[i].field === "capabilities") w.issues.splice(i, 1);
}

/**
 * A Batch job definition: a container job (`containerProperties`), a multi-node job (`nodeProperties`), an ECS
 * job (`ecsProperties`) — all Docker-shaped JSON — or an EKS job (`eksProperties`, a pod spec read as Kubernetes).
 */
export function jobDefinitionWorkloads(type: string, resourceName: string, props: JsonObject): Workload[] {
    const r = new Reader();
    const name = r.str(props, "name", { path: "name", field: "other" }) ?? resourceName;
    const tags = r.strMap(props, "tags", { path: "tags", field: "labels" });
    const read = r.issues.length;
    const caps = r.strList(props, "platformCapabilities", { path: "platformCapabilities", field: "runtime" });
    // As for a task definition: an unknown or malformed entry may be EC2.
    const fargate =
        caps !== undefined && r.issues.length === read && caps.length > 0 && caps.every((c) => c.trim() === "FARGATE");
    const out: Workload[] = [];

    const present = (k: string) => own(props, k) !== undefined && own(props, k) !== null;
    if (present("eksProperties")) {
        const pr = new Reader();
        const w = awsWorkload(type, "JobDefinition", name, "container", tags, pr);
        // The provider takes an object; the API (and older providers) a JSON string: read either.
        // A pod spec, typed in the provider's schema (Kubernetes field names, exact): not decoded as Go structs.
        const doc = jsonDocument(pr, props, "eksProperties", "eksProperties", "json");
        const podPath = "eksProperties.podProperties";
        const pod = pr.obj(doc, "podProperties", { path: podPath, field: "all" });
        if (pod) {
            const meta = pr.obj(pod, "metadata", { path: `${podPath}.metadata`, field: "labels" });
            w.podLabels = pr.strMap(meta, "labels", { path: `${podPath}.metadata.labels`, field: "labels" });
            w.specPath = podPath;
            readPodSpec(pr, pod, podPath, w);
            withoutCapabilities(w);
            // Batch's default is the host network: only `hostNetwork: false` keeps the pod in its own namespace. An
            // unknown value was recorded by readPodSpec; a malformed one too, so only a value absent here is the default.
            const hostNetwork = own(pod, "hostNetwork");
            if (hostNetwork === undefined || hostNetwork === null)
                w.hostNamespaces.unshift({
                    namespace: "network",
                    path: BATCH_EKS_HOST_NETWORK.field,
                    value: "unset, which AWS Batch reads as true",
                });
        }
        speak(w, "aws");
        out.push(w);
    }

    const docKeys = ["containerProperties", "nodeProperties", "ecsProperties"];
    if (!out.length || docKeys.some(present)) {
        const w = awsWorkload(type, "JobDefinition", name, fargate ? "vm" : "container", tags, r);
        speak(w, "ecs");
        if (caps !== undefined) w.runtime = { value: caps.join(","), path: "platformCapabilities" };
        const container = jsonDocument(r, props, "containerProperties", "containerProperties");
        if (container !== undefined) {
            readContainerDefinition(r, container, "containerProperties", "job", w, BATCH);
            readTaskSettings(r, container, "containerProperties", w);
        }
        const nodes = jsonDocument(r, props, "nodeProperties", "nodeProperties");
        (
            r.list(nodes, "nodeRangeProperties", { path: "nodeProperties.nodeRangeProperties", field: "all" }) ?? []
        ).forEach((n, i) => {
            const np = `nodeProperties.nodeRangeProperties[${i}]`;
            const c = r.obj(n, "container", { path: `${np}.container`, field: "all" });
            if (!c) return;
            readContainerDefinition(r, c, `${np}.container`, `node${i}`, w, BATCH);
            readTaskSettings(r, c, `${np}.container`, w);
        });
        const ecs = jsonDocument(r, props, "ecsProperties", "ecsProperties");
        (r.list(ecs, "taskProperties", { path: "ecsProperties.taskProperties", field: "all" }) ?? []).forEach(
            (t, i) => {
                const tp = `ecsProperties.taskProperties[${i}]`;
                readTaskSettings(r, t, tp, w);
                readContainerList(
                    r,
                    r.list(t, "containers", { path: `${tp}.containers`, field: "all" }),
                    `${tp}.containers`,
                    w,
                    BATCH,
                );
            },
        );
        settleVolumeReadOnly(w);
        out.push(w);
    }
    return out;
}
