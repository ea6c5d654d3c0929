// The safe fixes the `remediate` enforcement level applies, one per check that has one (attached as the check's
// `remediate`). Each sets only the offending field of one container and leaves everything else as written. A value
// the fix cannot read as the documented type is left alone (the violation stays).
import { CheckOptions, InputEditor } from "../engine/types";
import { normalizeCapability } from "../engine/capabilities";
import { Container, Workload } from "../model/workload";
import { dialectOf } from "../engine/dialect";
import { baselineAllowsCapability } from "../engine/pssTables";

function stringsAt(edit: InputEditor, path: string): string[] | undefined | null {
    const v = edit.get(path);
    if (v === undefined || v === null) return undefined;
    return Array.isArray(v) && v.every((e) => typeof e === "string") ? v : null;
}

/** privileged: false. */
export function fixPrivileged(_w: Workload, c: Container | undefined, edit: InputEditor): boolean {
    return (
        c !== undefined &&
        edit.get(c.security.paths.privileged) !== false &&
        edit.set(c.security.paths.privileged, false)
    );
}

/** allowPrivilegeEscalation: false; Docker: `no-new-privileges:true` in securityOpts (replacing a `false` in place). */
export function fixAllowPrivilegeEscalation(w: Workload, c: Container | undefined, edit: InputEditor): boolean {
    if (!c || !c.security.paths.allowPrivilegeEscalation) return false;
    const path = c.security.paths.allowPrivilegeEscalation;
    const options = dialectOf(w).securityOptions;
    if (!options) return edit.get(path) !== false && edit.set(path, false);
    const opts = stringsAt(edit, path);
    if (opts === null) return false;
    return edit.set(path, options.disallowEscalation(opts ?? []));
}

/** Drops ALL (appended to the drop list as written) and removes adds outside allowedCapabilities, keeping allowed ones in order. */
export function fixCapabilitiesRestricted(
    w: Workload,
    c: Container | undefined,
    edit: InputEditor,
    o: CheckOptions,
): boolean {
    if (!c) return false;
    const { capAdd: addPath, capDrop: dropPath } = c.security.paths;
    const adds = stringsAt(edit, addPath);
    const drops = stringsAt(edit, dropPath);
    if (adds === null || drops === null) return false;
    const allowed = new Set(o.allowedCapabilities.map(normalizeCapability));
    allowed.delete("ALL");
    let changed = false;
    if (adds !== undefined) {
        const kept = adds.filter((a) => allowed.has(normalizeCapability(a)));
        if (kept.length !== adds.length) changed = edit.set(addPath, kept) || changed;
    }
    // A patch that leaves the drop list out leaves it as it was; writing one would change more than the finding.
    const dropsAll = (drops ?? []).some((d) => normalizeCapability(d) === "ALL");
    if (!dropsAll && !(drops === undefined && w.isPatch))
        changed = edit.set(dropPath, [...(drops ?? []), "ALL"]) || changed;
    return changed;
}

/** Removes the adds PSS baseline forbids (named as capabilities_baseline compares them), keeping the rest in order. */
export function fixCapabilitiesBaseline(
    w: Workload,
    c: Container | undefined,
    edit: InputEditor,
    o: CheckOptions,
): boolean {
    if (!c) return false;
    const adds = stringsAt(edit, c.security.paths.capAdd);
    if (!adds) return false;
    const spelling = dialectOf(w).capabilitySpelling.baseline;
    const kept = adds.filter((a) => baselineAllowsCapability(spelling, o.pssVersion, a));
    return kept.length !== adds.length && edit.set(c.security.paths.capAdd, kept);
}

/**
 * seccompProfile RuntimeDefault on a container that has no profile and whose pod names none either. An explicit
 * Unconfined (or any profile someone chose) is left as written: replacing a choice is not a safe fix.
 */
export function fixSeccompRuntimeDefault(w: Workload, c: Container | undefined, edit: InputEditor): boolean {
    // Only a Kubernetes-shaped seccompProfile object can be written (Docker-style options and Azure spell it differently).
    if (!c || !dialectOf(w).seccompProfileWritable || w.isPatch) return false;
    if (c.security.seccompProfile !== undefined || w.pod.seccompProfile !== undefined) return false;
    return edit.set(`${c.security.path}.seccompProfile`, { type: "RuntimeDefault" });
}
