// One entry point from a Pulumi resource to workload models; policies never look at provider shapes themselves.
import { Workload } from "../model/workload";
import { JsonObject } from "../model/read";
import { kubernetesWorkloads } from "./kubernetes";
import { dockerWorkloads } from "./docker";
import { isKubeVirtType, kubevirtWorkloads } from "./kubevirt";
import { awsWorkloads } from "./aws";

/** Maps a resource's inputs to zero or more workloads (a `…List` yields one per item). */
export function toWorkloads(type: string, resourceName: string, props: JsonObject): Workload[] {
    if (isKubeVirtType(type)) return kubevirtWorkloads(type, resourceName, props);
    if (type.startsWith("kubernetes:")) return kubernetesWorkloads(type, resourceName, props);
    if (type.startsWith("docker:")) return dockerWorkloads(type, resourceName, props);
    if (type.startsWith("aws:") || type.startsWith("awsx:")) return awsWorkloads(type, resourceName, props);
    return [];
}

// Every policy of the pack analyzes the same inputs object; map it once. Keyed weakly by the inputs object, so an
// entry lives exactly as long as the engine's request does.
const cache = new WeakMap<object, Workload[]>();

export function workloadsOf(type: string, resourceName: string, props: JsonObject): Workload[] {
    let ws = cache.get(props);
    if (!ws) {
        ws = toWorkloads(type, resourceName, props);
        cache.set(props, ws);
    }
    return ws;
}
