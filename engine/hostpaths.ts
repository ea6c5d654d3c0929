// Host path reasoning shared by the mount checks: normalization that defeats spelling tricks, and matching against
// the lists of sensitive paths, harmless read-only files and runtime sockets (data/hostPaths.ts, re-exported here).
import { RUNTIME_SOCKET_NAMES } from "../data/hostPaths";

export {
    DEFAULT_HARMLESS_READ_ONLY_FILES,
    DEFAULT_SENSITIVE_HOST_PATHS,
    RUNTIME_SOCKET_NAMES,
} from "../data/hostPaths";

/** Whether a normalized host path is one of `entries` (exact, or beneath an entry ending in `/**`). */
export function isListedFile(path: string, entries: readonly string[]): boolean {
    for (const raw of entries) {
        const tree = raw.endsWith("/**");
        const entry = normalizeHostPath(tree ? raw.slice(0, -3) : raw);
        // `/` is never harmless: a tree entry of `/**` would let everything through.
        if (entry === "/") continue;
        if (path === entry || (tree && path.startsWith(entry + "/"))) return true;
    }
    return false;
}

/**
 * Normalizes a host path lexically: collapses `//`, resolves `.` and `..` (never above `/`), drops a trailing `/`,
 * folds Windows separators. A relative path is anchored at `/` (Docker and the kubelet resolve it from there or reject it).
 */
export function normalizeHostPath(p: string): string {
    const parts: string[] = [];
    for (const seg of p.replace(/\\/g, "/").split("/")) {
        if (seg === "" || seg === ".") continue;
        if (seg === "..") parts.pop();
        else parts.push(seg);
    }
    return "/" + parts.join("/");
}

/** Segment-wise: `/var` is under `/` and an ancestor of `/var/run`, but `/var/runner` is not under `/var/run`. */
export function isUnderOrEqual(path: string, prefix: string): boolean {
    if (prefix === "/") return true;
    return path === prefix || path.startsWith(prefix + "/");
}

export type SensitiveMatch =
    { kind: "equal" | "under" | "ancestor"; sensitive: string } | { kind: "socket"; sensitive: string };

/** Why a normalized path is sensitive, or undefined. Exact and "under" matches win over "ancestor". */
export function sensitiveMatch(path: string, sensitive: readonly string[]): SensitiveMatch | undefined {
    const last = path.split("/").pop() ?? "";
    if (RUNTIME_SOCKET_NAMES.has(last.toLowerCase())) return { kind: "socket", sensitive: last };
    let ancestor: string | undefined;
    for (const raw of sensitive) {
        const s = normalizeHostPath(raw);
        if (path === s) return { kind: "equal", sensitive: s };
        if (isUnderOrEqual(path, s) && s !== "/") return { kind: "under", sensitive: s };
        if (isUnderOrEqual(s, path) && ancestor === undefined) ancestor = s;
    }
    // `/` is sensitive in itself (equal) but being "under /" is every path; only ancestors of listed paths count.
    return ancestor !== undefined ? { kind: "ancestor", sensitive: ancestor } : undefined;
}
