// The path resolver for pod-template paths of the table and of config `customResourcePodSpecs`:
// `spec.workerGroupSpecs.*.template`, `spec.*ReplicaSpecs.*.template`. It returns every node a pattern reaches with
// the field path it was found at, so findings point at the custom resource's own fields; values unknown at preview or
// malformed on the way are recorded where they are met, since any of them could hide a pod.
import { Reader, isPlainObject, isUnknown, own, unwrapSecret } from "../../model/read";
import { join } from "../shared/common";

/** Keys that can be written into a field path the remediation editor parses back (engine/remediation.ts). */
export const PLAIN_KEY = /^[A-Za-z0-9_-]+$/;

/**
 * Every node a path pattern reaches from `node` (at `path`), with its field path. `*` is every list element or map
 * value; `*Suffix` every map key ending in Suffix. Unknown and malformed values on the way are recorded.
 */
export function resolve(r: Reader, node: unknown, path: string, pattern: string): Array<[unknown, string]> {
    let frontier: Array<[unknown, string]> = [[node, path]];
    for (const seg of pattern.split(".")) {
        const next: Array<[unknown, string]> = [];
        for (const [n, p] of frontier) {
            if (seg === "*" || seg.startsWith("*")) {
                // Never unknown here: a value unknown at preview is recorded where it is met, not passed on.
                const v = unwrapSecret(n);
                if (Array.isArray(v) && seg === "*") {
                    v.forEach((el, i) => {
                        const e = unwrapSecret(el);
                        if (isUnknown(e)) r.unknown({ path: `${p}[${i}]`, field: "all" });
                        else next.push([e, `${p}[${i}]`]);
                    });
                } else if (isPlainObject(v)) {
                    const suffix = seg.slice(1);
                    for (const k of Object.keys(v)) {
                        if (!k.endsWith(suffix) || !PLAIN_KEY.test(k)) continue;
                        const e = unwrapSecret(v[k]);
                        if (isUnknown(e)) r.unknown({ path: join(p, k), field: "all" });
                        else next.push([e, join(p, k)]);
                    }
                } else if (v !== undefined && v !== null) {
                    r.malformed({ path: p, field: "all" }, v);
                }
            } else {
                // Lists and objects alike: the next segment (`*` or a key) decides what it needs.
                const q = join(p, seg);
                const v = unwrapSecret(own(unwrapSecret(n), seg));
                if (isUnknown(v)) r.unknown({ path: q, field: "all" });
                else if (v !== undefined && v !== null) next.push([v, q]);
            }
        }
        frontier = next;
    }
    return frontier;
}
