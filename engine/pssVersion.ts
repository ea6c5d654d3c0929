// The `pssVersion` config value: "latest" or "v1.N". The versions the pack knows by name run from v1.0 to the newest
// the PSS tables know (engine/pssTables.ts); a newer v1.N judges as that one, as PSA treats a version newer than its
// own as its latest.
import { NEWEST_KNOWN_PSS_VERSION } from "./pssTables";
import { LATEST, PssVersion } from "./types";

/** What the config schema accepts. */
export const PSS_VERSION_PATTERN = "^(latest|v1\\.\\d+)$";

/** Every version the tables know by name, "latest" first: v1.0 to the newest known. */
export const PSS_VERSIONS: readonly string[] = [
    "latest",
    ...Array.from({ length: NEWEST_KNOWN_PSS_VERSION + 1 }, (_, i) => `v1.${i}`),
];

export function parsePssVersion(v: string | undefined): PssVersion {
    if (v === undefined || v === "latest") return LATEST;
    const m = /^v1\.(\d+)$/.exec(v);
    if (!m) throw new Error(`pssVersion must be "latest" or "v1.N", got ${JSON.stringify(v)}`);
    return Math.min(Number(m[1]), NEWEST_KNOWN_PSS_VERSION);
}
