// One entry point from a Pulumi resource to workload models; policies never look at provider shapes themselves. The
// router asks the registry (registry.ts) which adapter reads a type token.
import { Workload } from "../model/workload";
import { JsonObject } from "../model/read";
import { CustomResourcePodSpecs } from "./adapter";
import { adapterFor } from "./registry";
import { customResourceAdapter } from "./crd";
import { gcpSandboxSetting } from "./gcp";
import { azureSandboxSetting } from "./azure";

export type { CustomResourcePodSpecs } from "./adapter";

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
    return adapterFor(type)?.workloads(type, resourceName, props, podSpecs) ?? [];
}

/** Where a cloud node pool turns its sandbox on, and how. */
export interface SandboxSetting {
    field: string;
    fix: string;
}

/**
 * @deprecated Checks ask the workload's dialect (engine/dialect.ts `dialectOf(w).sandbox`), which covers every
 * platform; this answers for GKE and AKS pools only.
 */
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
    if (podSpecs?.length && adapterFor(type) === customResourceAdapter) {
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
