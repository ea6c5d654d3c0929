// Config `customResourcePodSpecs`: explicit pod spec paths per API group and kind, the first of the three sources the
// adapter reads (before the well-known table and the structural fallback). The engine validates the option and
// reports bad entries; this keeps only the well-formed ones, so a bad entry never stops the rest from being read.
import { isPlainObject } from "../../model/read";
import { CustomResourcePodSpecs } from "../adapter";

export type { CustomResourcePodSpecs } from "../adapter";

/** The entries of config `customResourcePodSpecs` that have the documented shape (the engine validated the rest). */
export function customResourcePodSpecsOf(config: unknown): CustomResourcePodSpecs[] | undefined {
    if (!Array.isArray(config) || config.length === 0) return undefined;
    const out = config.filter(
        (e): e is CustomResourcePodSpecs =>
            isPlainObject(e) &&
            typeof e.apiGroup === "string" &&
            typeof e.kind === "string" &&
            Array.isArray(e.paths) &&
            e.paths.every((p) => typeof p === "string" && p !== ""),
    );
    return out.length ? out : undefined;
}
