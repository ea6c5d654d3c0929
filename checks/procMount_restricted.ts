// PSA `procMount_restricted` (restricted, v1.35+): the Default /proc mask even in a user namespace. Replaces
// procMount; when that twin is in force too, containers it already reports are not reported again.
import { Check } from "../engine/types";
import { platformsWhere } from "../engine/dialect";
import { procMount, unmaskedProcFindings } from "./procMount";

export const procMount_restricted: Check = {
    id: "procMount_restricted",
    description: "Containers must keep the default /proc mask (procMount Default), user namespace or not.",
    reads: ["procMount", "hostUsers"],
    // Only a kubelet acts on procMount, and Docker on systempaths=unconfined: the engine skips other platforms.
    platforms: platformsWhere((d) => d.psa.procMount || d.unmaskedProcOption),
    replaces: ["procMount"],
    since: 35,
    run(w, o, ctx) {
        const baseline = ctx.activeChecks.has(procMount.id) ? procMount.run(w, o, ctx) : [];
        const reported = new Set(baseline.map((f) => f.container));
        return [
            ...baseline,
            ...unmaskedProcFindings(
                "procMount_restricted",
                w,
                w.containers.filter((c) => !reported.has(c)),
            ),
        ];
    },
};
