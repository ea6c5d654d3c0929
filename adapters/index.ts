// One entry point from a Pulumi resource to workload models; policies never look at provider shapes themselves.
import { Workload } from "../model/workload";
import { JsonObject } from "../model/read";
import { kubernetesWorkloads } from "./kubernetes";
import { dockerWorkloads } from "./docker";
import { isKubeVirtType, kubevirtWorkloads } from "./kubevirt";
import { gcpSandboxSetting, gcpWorkloads } from "./gcp";
import { azureSandboxSetting, azureWorkloads } from "./azure";
import { CustomResourcePodSpecs, customResourceWorkloads, isCustomResourceType } from "./customResources";
import { awsWorkloads } from "./aws";

export type { CustomResourcePodSpecs } from "./customResources";

/**
 * Maps a resource's inputs to zero or more workloads (a `…List` yields one per item). `podSpecs`: explicit pod spec
 * paths of custom resources (config `customResourcePodSpecs`); only custom resources read them.
 */
export function toWorkloads(
    type: string,
    resourceName: string,
    props: JsonObject,
    podSpecs?: readonly CustomResourcePodSpecs[],
): Workload[] {
    if (isKubeVirtType(type)) return kubevirtWorkloads(type, resourceName, props);
    if (isCustomResourceType(type)) return customResourceWorkloads(type, resourceName, props, podSpecs);
    if (type.startsWith("kubernetes:")) return kubernetesWorkloads(type, resourceName, props);
    if (type.startsWith("docker:")) return dockerWorkloads(type, resourceName, props);
    if (type.startsWith("aws:") || type.startsWith("awsx:")) return awsWorkloads(type, resourceName, props);
    if (type.startsWith("gcp:")) return gcpWorkloads(type, resourceName, props);
    if (type.startsWith("azure-native:")) return azureWorkloads(type, resourceName, props);
    return [];
}

/** Where a cloud node pool turns its sandbox on, and how: checks name the platform's field without knowing it. */
export interface SandboxSetting {
    field: string;
    fix: string;
}

export function sandboxSettingOf(w: Workload): SandboxSetting | undefined {
    if (w.platform === "gcp") return gcpSandboxSetting(w);
    if (w.platform === "azure") return azureSandboxSetting(w);
    return undefined;
}

// Every policy of the pack analyzes the same inputs object; map it once. Keyed weakly by the inputs object, so an
// entry lives exactly as long as the engine's request does.
const cache = new WeakMap<object, Workload[]>();
// A custom resource's workloads also depend on the policy's `customResourcePodSpecs` (each policy has its own config):
// those are cached per inputs object and per distinct list (by content, since each policy's config is its own object).
const customCache = new WeakMap<object, Map<string, Workload[]>>();
const podSpecsKeys = new WeakMap<object, string>();

function podSpecsKey(podSpecs: readonly CustomResourcePodSpecs[]): string {
    let key = podSpecsKeys.get(podSpecs);
    if (key === undefined) podSpecsKeys.set(podSpecs, (key = JSON.stringify(podSpecs)));
    return key;
}

export function workloadsOf(
    type: string,
    resourceName: string,
    props: JsonObject,
    podSpecs?: readonly CustomResourcePodSpecs[],
): Workload[] {
    if (podSpecs?.length && isCustomResourceType(type)) {
        let byKey = customCache.get(props);
        if (!byKey) customCache.set(props, (byKey = new Map()));
        const key = podSpecsKey(podSpecs);
        let ws = byKey.get(key);
        if (!ws) byKey.set(key, (ws = toWorkloads(type, resourceName, props, podSpecs)));
        return ws;
    }
    let ws = cache.get(props);
    if (!ws) {
        ws = toWorkloads(type, resourceName, props);
        cache.set(props, ws);
    }
    return ws;
}
