// Inline seccomp profiles: a profile's JSON carried in the resource itself rather than named. Docker's
// `seccomp=<JSON>` security option is one (the CLI reads the file and sends its content; the daemon parses every value
// but `unconfined` and `builtin` as a profile: moby daemon/seccomp_linux.go), in ECS and Batch container definitions
// alike. The model carries the profile's defaultAction; the checks decide what it means (engine/seccomp.ts).
import { SeccompProfile } from "../../model/workload";
import { At, isPlainObject, Reader } from "../../model/read";
import { SECCOMP_ACTIONS } from "../../data/seccomp";

/** Whether a seccomp option's value is a profile written inline (JSON) rather than a name or keyword. */
export function isInlineProfile(value: string): boolean {
    return value.startsWith("{");
}

/**
 * The inline profile `json` as the model carries it: a profile of the user's own (PSA's Localhost) with its
 * defaultAction. The key is matched as the daemon's Go decoder matches it, case-insensitively, the last match winning.
 * Undefined, and a malformed issue at `at`, when the JSON does not parse, is not an object, or names no defaultAction
 * the runtime knows: the runtime refuses such a profile, and the pack cannot tell what it would allow.
 */
export function readInlineProfile(r: Reader, json: string, at: At): SeccompProfile | undefined {
    let parsed: unknown;
    try {
        parsed = JSON.parse(json);
    } catch {
        r.malformed(at, json);
        return undefined;
    }
    let defaultAction: unknown;
    if (isPlainObject(parsed))
        for (const key of Object.keys(parsed)) if (key.toLowerCase() === "defaultaction") defaultAction = parsed[key];
    if (typeof defaultAction !== "string" || !SECCOMP_ACTIONS.has(defaultAction)) {
        r.malformed(at, json);
        return undefined;
    }
    return { type: "Localhost", localhostProfile: "(inline)", defaultAction, path: at.path };
}
