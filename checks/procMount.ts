// PSA `procMount` (baseline, all versions): only the Default /proc mask; from v1.35 any value is allowed in a user
// namespace (`hostUsers: false`), where an unmasked /proc exposes nothing of the host. Docker's
// `systempaths=unconfined` security option does the same as `procMount: Unmasked` and is judged alike.
import { Check, CheckId, Finding, PssVersion } from "../engine/types";
import { dialectOf, platformsWhere } from "../engine/dialect";
import { PSS_CHANGES } from "../engine/pssTables";
import { Container, Workload } from "../model/workload";

/** Containers that set a procMount other than Default, with the finding that names them. */
export function unmaskedProcFindings(check: CheckId, w: Workload, containers: Container[] = w.containers): Finding[] {
    const wording = dialectOf(w).securityOptions;
    return containers
        .filter((c) => c.security.procMount !== undefined && c.security.procMount !== "Default")
        .map((c) => {
            // An option that unmasks /proc under another name (Docker `systempaths=unconfined`) is named as written.
            const source = c.security.procMountSource;
            if (source && wording)
                return {
                    check,
                    container: c,
                    problem: "must not unmask /proc and /sys (a writable /proc/sys reaches the host's kernel settings)",
                    field: source.path,
                    value: source.value,
                    fix: wording.unconfinedSystemPathsFix(source.path),
                };
            return {
                check,
                container: c,
                problem: "must not unmask /proc",
                field: `${c.security.path}.procMount`,
                value: c.security.procMount,
                fix:
                    check === "procMount"
                        ? 'remove procMount or set it to "Default" (or run the pod with hostUsers: false)'
                        : 'remove procMount or set it to "Default"',
            };
        });
}

/** From v1.35 a pod in a user namespace (`hostUsers: false`) is exempt from procMount, runAsNonRoot and runAsUser. */
export function userNamespaceRelaxes(w: Workload, version: PssVersion): boolean {
    return version >= PSS_CHANGES.userNamespaceRelaxes && w.hostUsers === false;
}

export const procMount: Check = {
    id: "procMount",
    description:
        "Containers must keep the default /proc mask (procMount Default), unless in a user namespace (v1.35+).",
    reads: ["procMount", "hostUsers"],
    // Only a kubelet acts on procMount, and Docker on systempaths=unconfined: the engine skips other platforms.
    platforms: platformsWhere((d) => d.psa.procMount || d.unmaskedProcOption),
    run(w, o) {
        return userNamespaceRelaxes(w, o.pssVersion) ? [] : unmaskedProcFindings("procMount", w);
    },
};
