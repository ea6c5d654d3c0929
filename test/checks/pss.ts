// Judging with the shipped PSS presets (presets/pss-*.json), resolved as the engine resolves a --policy-pack-config,
// for the per-check tests of the Pod Security Standards checks.
import * as fs from "fs";
import * as path from "path";
import { Diagnostic } from "../../engine/types";
import { judgeResource } from "../../engine/pipeline";
import { resolvePackConfig } from "../../cli/packConfig";
import { resourcePolicies } from "../../policies";
import { PRESETS_DIR } from "../../cli/scan";
import { hardenedPodSpec } from "../fixtures/kubernetes";

export type PssLevel = "baseline" | "restricted";

export function preset(level: PssLevel): Record<string, unknown> {
    return JSON.parse(fs.readFileSync(path.join(PRESETS_DIR, `pss-${level}.json`), "utf8"));
}

/** Diagnostics of every enabled policy under the PSS preset at a version ("latest" or "v1.N"). */
export function judgePss(level: PssLevel, version: string, type: string, props: Record<string, unknown>): Diagnostic[] {
    const enabled = resolvePackConfig(resourcePolicies, preset(level), { pssVersion: version }).filter(
        (p) => p.enforcementLevel !== "disabled",
    );
    return judgeResource({ type, name: "res", props }, enabled, { noted: new Set<string>() }).map((j) => j.diagnostic);
}

/** Sorted check IDs under the preset. */
export function pssIds(level: PssLevel, version: string, type: string, props: Record<string, unknown>): string[] {
    return judgePss(level, version, type, props)
        .map((d) => d.check)
        .sort();
}

/** A hardened pod spec whose first container unmasks /proc, optionally with hostUsers set. */
export const unmasked = (hostUsers?: boolean) => {
    const spec = hardenedPodSpec();
    spec.containers[0].securityContext.procMount = "Unmasked";
    if (hostUsers !== undefined) spec.hostUsers = hostUsers;
    return spec;
};
