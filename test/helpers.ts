// In-process judging through the same code path the pack uses (adapters → checks → evaluate), for fast unit tests.
import { toWorkloads } from "../adapters";
import { Diagnostic, evaluate, PolicyConfig } from "../engine/evaluate";
import { NO_SECRETS } from "../engine/format";
import { resourcePolicies } from "../policies";

export type PackConfig = Record<string, PolicyConfig>;

/** All diagnostics of every policy for one resource. */
export function judge(type: string, props: Record<string, unknown>, config: PackConfig = {}, name = "res"): Diagnostic[] {
    const workloads = toWorkloads(type, name, props);
    const noted = new Set<string>();
    return resourcePolicies.flatMap((p) => evaluate(p, workloads, config[p.name] ?? {}, NO_SECRETS, noted));
}

/** The check IDs reported (sorted, with repeats), the usual assertion target. */
export function checkIds(type: string, props: Record<string, unknown>, config: PackConfig = {}): string[] {
    return judge(type, props, config).map((d) => d.check).sort();
}
