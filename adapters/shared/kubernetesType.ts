// Kubernetes type tokens (`kubernetes:<group>/<version>:<Kind>[Patch|List]`), parsed once for every Kubernetes-shaped
// adapter (core kinds, custom resources, KubeVirt).

export interface KubernetesType {
    group: string;
    version: string;
    kind: string;
    isPatch: boolean;
    isList: boolean;
}

/** Parses `kubernetes:apps/v1:DeploymentPatch` → {group: "apps", version: "v1", kind: "Deployment", isPatch: true}. */
export function parseKubernetesType(type: string): KubernetesType | undefined {
    const m = /^kubernetes:([^:/]+)\/([^:/]+):([A-Za-z0-9]+)$/.exec(type);
    if (!m) return undefined;
    let kind = m[3];
    const isPatch = kind.endsWith("Patch");
    if (isPatch) kind = kind.slice(0, -"Patch".length);
    const isList = !isPatch && kind.endsWith("List");
    if (isList) kind = kind.slice(0, -"List".length);
    return { group: m[1], version: m[2], kind, isPatch, isList };
}
