// Judging with the shipped PSS presets (presets/pss-*.json), resolved as the engine resolves a --policy-pack-config,
// for the per-check tests of the Pod Security Standards checks.
import * as fs from "fs";
import * as path from "path";
import { toWorkloads } from "../../adapters";
import { evaluate } from "../../engine/evaluate";
import { Diagnostic } from "../../engine/types";
import { NO_SECRETS } from "../../engine/format";
import { resolvePackConfig } from "../../engine/packConfig";
import { resourcePolicies } from "../../policies";
import { PRESETS_DIR } from "../../cli/scan";
import { hardenedPodSpec } from "../fixtures/kubernetes";

export type PssLevel = "baseline" | "restricted";

export function preset(level: PssLevel): Record<string, unknown> {
    return JSON.parse(fs.readFileSync(path.join(PRESETS_DIR, `pss-${level}.json`), "utf8"));
}

/** Diagnostics of every enabled policy under the PSS preset at a version ("latest" or "v1.N"). */
export function judgePss(level: PssLevel, version: string, type: string, props: Record<string, unknown>): Diagnostic[] {
    const workloads = toWorkloads(type, "res", props);
    const noted = new Set<string>();
    return resolvePackConfig(resourcePolicies, preset(level), { pssVersion: version })
        .filter((p) => p.enforcementLevel !== "disabled")
        .flatMap((p) => evaluate(p.def, workloads, p.config, NO_SECRETS, noted));
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
