// Host path reasoning shared by the mount checks: normalization that defeats spelling tricks, and matching against
// the lists of sensitive paths, harmless read-only files and runtime sockets (data/hostPaths.ts, re-exported here).
import { RUNTIME_SOCKET_NAMES, RUNTIME_SOCKET_PATHS, SENSITIVE_SEGMENT_NAMES } from "../data/hostPaths";

export {
    DEFAULT_HARMLESS_READ_ONLY_FILES,
    DEFAULT_SENSITIVE_HOST_PATHS,
    RUNTIME_SOCKET_NAMES,
    RUNTIME_SOCKET_PATHS,
    SENSITIVE_SEGMENT_NAMES,
} from "../data/hostPaths";

/** Whether a normalized host path is one of `entries` (exact, or beneath an entry ending in `/**`). */
export function isListedFile(path: string, entries: readonly string[]): boolean {
    for (const raw of entries) {
        const tree = raw.endsWith("/**");
        const entry = normalizeHostPath(tree ? raw.slice(0, -3) : raw);
        // A root is never harmless: a tree entry of `/**` (or `C:/**`) would let everything through.
        if (isRoot(entry)) continue;
        if (path === entry || (tree && path.startsWith(entry + "/"))) return true;
    }
    return false;
}

/** `..` pops a segment (never above the root), `.` and empty segments vanish. */
function resolveSegments(segments: string[]): string[] {
    const parts: string[] = [];
    for (const seg of segments) {
        if (seg === "" || seg === ".") continue;
        if (seg === "..") parts.pop();
        else parts.push(seg);
    }
    return parts;
}

/** `C:`, `c:\`, `C:/x`: a drive letter. A drive-relative `C:x` is anchored at the drive's root, as `x` is at `/`. */
const DRIVE = /^[a-z]:/i;
/** Win32 device (`\\.\`) and verbatim (`\\?\`) prefixes, separators already folded to `/`. */
const DEVICE = /^\/\/[.?]\//;
/** The named-pipe namespace's canonical prefix. */
const PIPE_ROOT = "//./pipe/";

/**
 * Normalizes a host path lexically: collapses `//`, resolves `.` and `..` (never above the root), drops a trailing
 * `/`, folds Windows separators. A relative path is anchored at `/` (Docker and the kubelet resolve it from there or
 * reject it). A leading `~` is a home directory: shells and Docker Compose expand it before the daemon sees it, so it
 * is judged as root's home (`~`) or /home/<user> (`~user`), never as a directory called `~`.
 * Windows paths (a drive letter, or a `\\.\` / `\\?\` device prefix followed by a drive or `pipe`) are case-insensitive
 * and come out lower-cased: `C:\Windows\` → `c:/windows`, a drive root → `c:/`, `\\.\pipe\docker_engine` →
 * `//./pipe/docker_engine`. Any other `//./x` is a Linux path (`/x`), so the prefix hides nothing there.
 */
export function normalizeHostPath(p: string): string {
    const slashed = p.replace(/\\/g, "/");
    if (DEVICE.test(slashed)) {
        // The segment after the prefix (`pipe`, `C:`) is the device's root: `..` never climbs above it.
        const [first, ...rest] = slashed.slice(4).split("/");
        if (first.toLowerCase() === "pipe") return PIPE_ROOT + resolveSegments(rest).join("/").toLowerCase();
        if (first.length === 2 && DRIVE.test(first)) return windowsDrivePath(first, rest);
    }
    if (DRIVE.test(slashed)) return windowsDrivePath(slashed.slice(0, 2), slashed.slice(2).split("/"));
    const segments = slashed.split("/");
    if (segments[0].startsWith("~")) {
        const user = segments[0].slice(1);
        segments.splice(0, 1, ...(user ? ["home", user] : ["root"]));
    }
    return "/" + resolveSegments(segments).join("/");
}

/** `drive` is `C:`; the result is lower-cased, as Windows compares paths. */
function windowsDrivePath(drive: string, segments: string[]): string {
    return `${drive}/${resolveSegments(segments).join("/")}`.toLowerCase();
}

/** The root of a host file system: `/`, or a Windows drive root (`c:/`). */
export function isRoot(normalized: string): boolean {
    return normalized === "/" || /^[a-z]:\/$/.test(normalized);
}

/**
 * Segment-wise: `/var` is under `/` and an ancestor of `/var/run`, but `/var/runner` is not under `/var/run`. A
 * Windows path is under its drive's root only, never under `/`.
 */
export function isUnderOrEqual(path: string, prefix: string): boolean {
    return path === prefix || path.startsWith(prefix.endsWith("/") ? prefix : prefix + "/");
}

export type SensitiveMatch =
    { kind: "equal" | "under" | "ancestor"; sensitive: string } | { kind: "socket"; sensitive: string };

const SOCKET_PATHS: ReadonlySet<string> = new Set(RUNTIME_SOCKET_PATHS.map(normalizeHostPath));

/** The runtime socket a normalized path is, by its name (wherever it lives) or by its whole path; else undefined. */
function runtimeSocket(path: string): string | undefined {
    const last = path.split("/").pop() ?? "";
    if (RUNTIME_SOCKET_NAMES.has(last.toLowerCase()) || SOCKET_PATHS.has(path)) return last;
    return undefined;
}

/** The path up to and including the first segment named in SENSITIVE_SEGMENT_NAMES (`/srv/git/.ssh`), else undefined. */
function sensitiveSegment(path: string): string | undefined {
    const segments = path.split("/");
    const at = segments.findIndex((s) => SENSITIVE_SEGMENT_NAMES.has(s));
    return at < 0 ? undefined : segments.slice(0, at + 1).join("/");
}

/** Why a normalized path is sensitive, or undefined. Exact and "under" matches win over "ancestor". */
export function sensitiveMatch(path: string, sensitive: readonly string[]): SensitiveMatch | undefined {
    const socket = runtimeSocket(path);
    if (socket !== undefined) return { kind: "socket", sensitive: socket };
    const segment = sensitiveSegment(path);
    if (segment !== undefined) return { kind: segment === path ? "equal" : "under", sensitive: segment };
    let ancestor: string | undefined;
    for (const raw of sensitive) {
        const s = normalizeHostPath(raw);
        // Every root is the root of a host file system: a drive root is as sensitive as `/` whatever its letter.
        if (path === s || (isRoot(path) && isRoot(s))) return { kind: "equal", sensitive: s };
        // Being "under a root" is every path of it; only ancestors of listed paths count there.
        if (!isRoot(s) && isUnderOrEqual(path, s)) return { kind: "under", sensitive: s };
        if (isUnderOrEqual(s, path) && ancestor === undefined) ancestor = s;
    }
    return ancestor !== undefined ? { kind: "ancestor", sensitive: ancestor } : undefined;
}
