// Resources whose workloads the policy engine never sees. A Helm v3 `Release` renders and applies its chart inside
// the Kubernetes provider, so its pods reach neither Analyze nor the scan CLI: every check would pass vacuously.
// Saying so is the only honest answer; `kubernetes.helm.v4.Chart` registers each rendered object as a child
// resource, and those are judged like any other.
import { isPlainObject, JsonObject } from "../model/read";
import { clean } from "./format";

export const HELM_RELEASE_CHECK = "helmRelease";

/** `kubernetes:helm.sh/v3:Release` and any other version of it. */
export function isHelmRelease(type: string): boolean {
    return /^kubernetes:helm\.sh\/[^:]+:Release$/.test(type);
}

/** The advisory finding for an opaque resource, or undefined when the resource's workloads are visible. */
export function opaqueResourceFinding(type: string, resourceName: string, props: JsonObject): string | undefined {
    if (!isHelmRelease(type)) return undefined;
    const chart = typeof props.chart === "string" ? ` (chart ${JSON.stringify(clean(props.chart))})` : "";
    const name = typeof props.name === "string" && props.name !== "" ? props.name : resourceName;
    const values = isPlainObject(props.values) && Object.keys(props.values).length ? " and its values" : "";
    return (
        `[${HELM_RELEASE_CHECK}] Release "${clean(name)}"${chart} is opaque to policies: the pods its chart${values} render are ` +
        `applied inside the Kubernetes provider and never reach the policy engine, so none of them is judged; deploy the ` +
        `chart with kubernetes.helm.v4.Chart instead, whose rendered resources are registered as children and judged`
    );
}
