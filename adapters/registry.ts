// Every platform adapter, in the order the router asks them. Order matters only inside a package: KubeVirt kinds and
// custom resources are Kubernetes type tokens too, so their adapters come before the core Kubernetes one, which reads
// whatever `kubernetes:` token is left. A new platform is one line here.
import { PlatformAdapter, packageOf, ResourceTypesDoc } from "./adapter";
import { kubevirtAdapter } from "./kubevirt";
import { customResourceAdapter } from "./crd";
import { kubernetesAdapter } from "./kubernetes";
import { dockerAdapter } from "./docker";
import { awsAdapter } from "./aws";
import { gcpAdapter } from "./gcp";
import { azureAdapter } from "./azure";

export const ADAPTERS: readonly PlatformAdapter[] = [
    kubevirtAdapter,
    customResourceAdapter,
    kubernetesAdapter,
    dockerAdapter,
    awsAdapter,
    gcpAdapter,
    azureAdapter,
];

/** Package → the adapters that may read its tokens, in registry order: the router's first cut, built once. */
const BY_PACKAGE: ReadonlyMap<string, readonly PlatformAdapter[]> = (() => {
    const m = new Map<string, PlatformAdapter[]>();
    for (const a of ADAPTERS)
        for (const p of a.packages) {
            const list = m.get(p) ?? [];
            list.push(a);
            m.set(p, list);
        }
    return m;
})();

/** The adapter that reads a type token, or undefined when none does (the resource is no workload to the pack). */
export function adapterFor(type: string): PlatformAdapter | undefined {
    const candidates = BY_PACKAGE.get(packageOf(type));
    if (!candidates) return undefined;
    for (const a of candidates) if (a.reads(type)) return a;
    return undefined;
}

/** The rows of docs/resource-types.md, in registry order. */
export function resourceTypeDocs(): ResourceTypesDoc[] {
    return ADAPTERS.flatMap((a) => a.docs);
}
