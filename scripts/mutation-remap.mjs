// Carries the recorded mutation results (reports/mutation/stryker-incremental.json.gz) over a move of source or test
// files, so the next incremental run reuses them instead of re-testing every mutant of a moved file.
//
// Why it is needed: Stryker's incremental mode keys a recorded mutant by its file, location, mutator and replacement,
// after diffing the recorded `source` of that same file against the current one; a test by its test file and name. A
// file at a new path has no recorded entry, so all its mutants count as new (moving most of adapters/ and engine/ would
// re-test ~7,700 mutants, over an hour). This script gives each new path an entry holding the old results: for a file
// already on disk, the recorded mutants whose lines it holds verbatim (runs of at least MIN_BLOCK equal lines, in
// order), at their new lines, with the current file as the entry's source, so Stryker's diff finds nothing changed and
// reuses each one whose covering tests are unchanged (it still checks that); for a file not yet on disk, the old
// source(s) as they were, left to Stryker's diff (which handles a rename but not a split, see align()). A mapped old
// file still on disk (code moved out of it) is aligned the same way.
//
// The move map (JSON):
//   { "files":     { "<new source file>": ["<old source file>", ...] },
//     "testFiles": { "<new compiled test file>": ["<old compiled test file>", ...] } }
// - Several old files for one new file: their sources are concatenated in the map's order (a newline added after any
//   that does not end with one; list them in the order their code appears in the new file, as lines are matched in
//   order) and each file's mutants are moved down by the lines before it. Stryker's report locations are
//   1-based lines and columns (it subtracts 1 from both when it reads the report), so a part starting at line k + 1 of
//   the concatenation moves by exactly k lines, columns unchanged; alignment then moves whole lines, columns unchanged.
// - One old file in several entries (a split): each new file gets the mutants of the lines it holds. A mutant in code
//   copied into two files is in both: it keeps its id the first time it is written, later copies get fresh ids (ids
//   are unique in a report); killedBy and coveredBy are test ids, untouched.
// - A mapped old source file that no longer exists on disk is removed from the report; one still on disk (code moved
//   out of it) is kept. A mapped old test file is always removed: its tests, ids and all, are the new file's. Entries
//   not in the map are left as they are (Stryker drops those whose file is gone).
// - Test files are keyed by their compiled path (dist/test/...js, what mocha runs). Their tests keep their ids, so the
//   mutants' killedBy and coveredBy stay valid. Mocha reports no test locations, so Stryker treats every test of a test
//   file as changed when anything in that file changed: only a rename whose compiled output is unchanged keeps its
//   tests. tsc's last line names the source map after the file (`//# sourceMappingURL=<name>.js.map`), so that line
//   is renamed with the file; a test file moved to another folder (its relative imports change) or merged with another
//   one gets its tests re-run, whatever this script does.
//
// Usage:
//   node scripts/mutation-remap.mjs [<map.json>] [--from-git <rev>] [--report <file>] [--accepted <file>] [--dry-run]
//   --from-git <rev>  also the renames git finds between <rev> and the working tree (`git diff -M --name-status`):
//                     source files the report holds, and test/**/*.ts as their dist/test/**/*.js; the map file (then
//                     optional) wins for a path it names. Splits and merges are not renames: write them in the map.
//   --report <file>   the report to rewrite in place (default reports/mutation/stryker-incremental.json.gz); a .gz is
//                     read with zlib and written with `gzip -n -9`, as scripts/mutation-record.sh writes it.
//   --accepted <file> also move test/mutation/accepted-survivors.json's entries (keyed by file: left alone, every
//                     survivor of a moved file would be unlisted) to each new file of their old one whose current
//                     text holds the entry's original (and context); an entry found in none is left and named.
//   --dry-run         print what would change, write nothing.
// Run it from the project root (paths are relative to it, as in the report), after the move, e.g.
// `npm run mutation:remap -- moves.json`; then `npm run mutation:record`, and commit the moves with the report.
/* global console, process */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { basename } from "node:path";
import { gunzipSync } from "node:zlib";

function fail(message) {
    console.error(`mutation-remap: ${message}`);
    process.exit(2);
}

const args = process.argv.slice(2);
const option = (name) => {
    const i = args.indexOf(name);
    if (i < 0) return undefined;
    const value = args[i + 1];
    if (value === undefined || value.startsWith("--")) fail(`${name} needs a value`);
    args.splice(i, 2);
    return value;
};
const fromGit = option("--from-git");
const reportPath = option("--report") ?? "reports/mutation/stryker-incremental.json.gz";
const acceptedPath = option("--accepted");
const dryRun = args.includes("--dry-run");
const positional = args.filter((a) => a !== "--dry-run");
if (positional.some((a) => a.startsWith("--")) || positional.length > 1 || (!positional.length && !fromGit)) {
    fail("usage: mutation-remap.mjs [<map.json>] [--from-git <rev>] [--report <file>] [--accepted <file>] [--dry-run]");
}

const gzipped = reportPath.endsWith(".gz");
const raw = readFileSync(reportPath);
const report = JSON.parse((gzipped ? gunzipSync(raw) : raw).toString("utf8"));
report.testFiles ??= {};

/** A test source file's compiled file, as the report names it (tsconfig.json compiles test/ to dist/test/). */
const compiledTest = (file) => `dist/${file.replace(/\.ts$/, ".js")}`;

/** Renames between `rev` and the working tree that the report knows of, as a map. */
function gitRenames(rev) {
    const out = execFileSync("git", ["diff", "-M", "--name-status", rev, "--"], { encoding: "utf8" });
    const map = { files: {}, testFiles: {} };
    for (const line of out.split("\n")) {
        const [status, from, to] = line.split("\t");
        if (!status?.startsWith("R")) continue;
        if (Object.hasOwn(report.files, from)) map.files[to] = [from];
        else if (/^test\/.*\.ts$/.test(from) && Object.hasOwn(report.testFiles, compiledTest(from))) {
            map.testFiles[compiledTest(to)] = [compiledTest(from)];
        }
    }
    return map;
}

const given = positional.length ? JSON.parse(readFileSync(positional[0], "utf8")) : {};
const derived = fromGit ? gitRenames(fromGit) : { files: {}, testFiles: {} };
const map = {
    files: { ...derived.files, ...given.files },
    testFiles: { ...derived.testFiles, ...given.testFiles },
};
// The map file wins: a path it maps as a destination is no longer taken from git, nor is one it maps from.
for (const kind of ["files", "testFiles"]) {
    const named = new Set(Object.values(given[kind] ?? {}).flat());
    for (const [to, from] of Object.entries(derived[kind])) {
        if (!Object.hasOwn(given[kind] ?? {}, to) && from.some((f) => named.has(f))) delete map[kind][to];
    }
}

/** Checks one section of the map against the report: a typo must not silently lose recorded results. */
function check(kind, entries) {
    for (const [to, from] of Object.entries(entries)) {
        if (!Array.isArray(from) || !from.length || from.some((f) => typeof f !== "string")) {
            fail(`${kind}["${to}"] must be a non-empty list of old paths`);
        }
        for (const f of from) if (!Object.hasOwn(report[kind], f)) fail(`${kind}: ${f} is not in ${reportPath}`);
        if (Object.hasOwn(report[kind], to) && !from.includes(to)) {
            fail(`${kind}: ${to} is already in the report; list it among its own sources to add code to it`);
        }
    }
}
check("files", map.files);
check("testFiles", map.testFiles);
// A test belongs to one file: its id in two entries would make Stryker's test lookup by id pick either.
const seen = new Set();
for (const f of Object.values(map.testFiles).flat()) {
    if (seen.has(f)) fail(`testFiles: ${f} is in two entries; a test file can move to one place only`);
    seen.add(f);
}

/** The old sources joined in order, each starting on a new line, with the number of lines before each. */
function concatenate(sources) {
    let text = "";
    const shifts = [];
    for (const s of sources) {
        if (text !== "" && !text.endsWith("\n")) text += "\n";
        shifts.push(text.split("\n").length - 1);
        text += s;
    }
    return { text, shifts };
}

const oldFiles = report.files;
const oldTestFiles = report.testFiles;
/** Mapped old paths whose entries the destinations replace (`gone`: only those no longer on disk). */
const moved = (entries, gone) => {
    const targets = new Set(Object.keys(entries));
    return new Set(
        Object.values(entries)
            .flat()
            .filter((f) => !targets.has(f) && (!gone || !existsSync(f))),
    );
};
const movedFiles = moved(map.files, true);
// A test moves whole, with its id: kept under both names its id would be in the report twice. (The compiled old file
// may also still be on disk: tsc does not delete the output of a renamed source.)
const movedTestFiles = moved(map.testFiles, false);

// Ids of the mutants that stay where they are are taken first; a copied mutant keeps its id only if still free.
const usedIds = new Set();
let nextId = 0;
for (const [file, { mutants }] of Object.entries(oldFiles)) {
    for (const m of mutants) {
        if (/^\d+$/.test(m.id)) nextId = Math.max(nextId, Number(m.id) + 1);
        if (!movedFiles.has(file) && !Object.hasOwn(map.files, file)) usedIds.add(m.id);
    }
}
const uniqueId = (id) => {
    if (!usedIds.has(id)) {
        usedIds.add(id);
        return id;
    }
    while (usedIds.has(String(nextId))) nextId++;
    usedIds.add(String(nextId));
    return String(nextId);
};
const shifted = ({ line, column }, by) => ({ line: line + by, column });

// Shorter runs of equal lines than this are taken as coincidence (a `}` or `return false;` elsewhere), not moved code.
const MIN_BLOCK = 3;

/**
 * Where each line of `a` that `b` kept verbatim is in `b` (0-based, as a Map), order kept: the longest run of equal
 * lines, then the same on either side of it (Python difflib's matching blocks).
 */
function matchLines(a, b) {
    const positions = new Map();
    b.forEach((line, j) => positions.set(line, [...(positions.get(line) ?? []), j]));
    const pairs = new Map();
    const match = (alo, ahi, blo, bhi) => {
        let [bi, bj, bk] = [alo, blo, 0];
        let runs = new Map();
        for (let i = alo; i < ahi; i++) {
            const next = new Map();
            for (const j of positions.get(a[i]) ?? []) {
                if (j < blo) continue;
                if (j >= bhi) break;
                const k = (runs.get(j - 1) ?? 0) + 1;
                next.set(j, k);
                if (k > bk) [bi, bj, bk] = [i - k + 1, j - k + 1, k];
            }
            runs = next;
        }
        if (bk < MIN_BLOCK) return;
        match(alo, bi, blo, bj);
        for (let k = 0; k < bk; k++) pairs.set(bi + k, bj + k);
        match(bi + bk, ahi, bj + bk, bhi);
    };
    match(0, a.length, 0, b.length);
    return pairs;
}

/**
 * The recorded mutants of `oldText` whose lines `newText` kept verbatim and together, moved to where they now are.
 * Stryker's own diff (diff-match-patch, then its semantic cleanup) gives up on a split: the moved part is an equality
 * smaller than the removed text on both sides of it, which the cleanup folds into one replacement, and every mutant of
 * the new file looked new (measured: 0 of 54 reused). Matched here by whole lines, and the entry's source is then the
 * current file, so Stryker's diff finds nothing changed.
 */
function align(oldText, mutants, newText) {
    const lines = matchLines(oldText.split("\n"), newText.split("\n"));
    return mutants.flatMap((m) => {
        const [s, e] = [m.location.start.line - 1, m.location.end.line - 1];
        const to = lines.get(s);
        for (let l = s; l <= e; l++) if (to === undefined || lines.get(l) !== to + (l - s)) return [];
        return [{ ...m, location: { start: shifted(m.location.start, to - s), end: shifted(m.location.end, to - s) } }];
    });
}

const files = {};
const summary = [];
for (const [file, entry] of Object.entries(oldFiles)) {
    if (movedFiles.has(file) || Object.hasOwn(map.files, file)) continue;
    const mapped = Object.values(map.files).some((from) => from.includes(file));
    if (!mapped || !existsSync(file)) {
        files[file] = entry;
        continue;
    }
    // Code moved out of a file still on disk: what is left may be too small for Stryker's diff, as for a new file.
    const mutants = align(entry.source, entry.mutants, readFileSync(file, "utf8"));
    files[file] = { ...entry, source: readFileSync(file, "utf8"), mutants };
    summary.push(`kept ${file}: ${mutants.length} of ${entry.mutants.length} recorded mutant(s) still there`);
}
for (const [to, from] of Object.entries(map.files)) {
    const { text, shifts } = concatenate(from.map((f) => oldFiles[f].source));
    const all = from.flatMap((f, i) =>
        oldFiles[f].mutants.map((m) => ({
            ...m,
            location: { start: shifted(m.location.start, shifts[i]), end: shifted(m.location.end, shifts[i]) },
        })),
    );
    const origin = from.map((f, i) => `${f} (+${shifts[i]} lines)`).join(", ");
    if (existsSync(to)) {
        const current = readFileSync(to, "utf8");
        const mutants = align(text, all, current).map((m) => ({ ...m, id: uniqueId(m.id) }));
        files[to] = { ...oldFiles[from[0]], source: current, mutants };
        summary.push(`${to}: ${mutants.length} of ${all.length} recorded mutant(s) found in it, from ${origin}`);
    } else {
        // Not moved yet: the old sources as they were, for Stryker's diff (which keeps a rename, not a split).
        files[to] = { ...oldFiles[from[0]], source: text, mutants: all.map((m) => ({ ...m, id: uniqueId(m.id) })) };
        summary.push(`${to}: not on disk; ${all.length} recorded mutant(s) from ${origin}, left to Stryker's diff`);
    }
}

/** A compiled test's source under its new name: tsc names the source map after the file on its last line. */
const renamedTestSource = (source, from, to) =>
    source.replace(
        new RegExp(`^//# sourceMappingURL=${basename(from).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\.map$`, "m"),
        `//# sourceMappingURL=${basename(to)}.map`,
    );
const testFiles = {};
for (const [file, entry] of Object.entries(oldTestFiles)) {
    if (!movedTestFiles.has(file) && !Object.hasOwn(map.testFiles, file)) testFiles[file] = entry;
}
for (const [to, from] of Object.entries(map.testFiles)) {
    const sources = from.map((f) => oldTestFiles[f].source);
    // Without a source Stryker cannot tell whether the tests changed and would reuse them unseen.
    for (const f of from)
        if (typeof oldTestFiles[f].source !== "string") fail(`testFiles: ${f} has no recorded source`);
    const source = concatenate(sources.map((s, i) => renamedTestSource(s, from[i], to))).text;
    const entry = { ...oldTestFiles[from[0]], source, tests: from.flatMap((f) => oldTestFiles[f].tests) };
    testFiles[to] = entry;
    summary.push(`${to}: ${entry.tests.length} recorded test(s) from ${from.join(", ")}`);
}
for (const [entries, gone] of [
    [map.files, movedFiles],
    [map.testFiles, movedTestFiles],
]) {
    for (const f of new Set(Object.values(entries).flat())) {
        if (gone.has(f)) summary.push(`removed ${f}: moved`);
        else if (entries === map.testFiles && !Object.hasOwn(entries, f)) summary.push(`kept ${f}`);
    }
}

/** The accepted survivors moved with their code, or undefined without --accepted. */
function moveAccepted() {
    const data = JSON.parse(readFileSync(acceptedPath, "utf8"));
    const targetsOf = new Map();
    for (const [to, from] of Object.entries(map.files))
        for (const f of from) targetsOf.set(f, [...(targetsOf.get(f) ?? []), to]);
    const holds = (file, a) => {
        if (!existsSync(file)) return false;
        const text = readFileSync(file, "utf8");
        return text.includes(a.original) && (a.context === undefined || text.includes(a.context));
    };
    let moves = 0;
    data.accepted = data.accepted.flatMap((a) => {
        const targets = targetsOf.get(a.file);
        if (!targets) return [a];
        const homes = [...new Set([a.file, ...targets])].filter((f) => holds(f, a));
        if (!homes.length) {
            summary.push(`accepted survivor left in ${a.file}: no new file holds ${JSON.stringify(a.original)}`);
            return [a];
        }
        moves += homes.filter((f) => f !== a.file).length;
        return homes.map((file) => ({ ...a, file }));
    });
    summary.push(`${acceptedPath}: ${moves} accepted survivor(s) moved with their code`);
    // As the file is written by hand and Prettier keeps it: two spaces, and non-ASCII escaped as the entries have it.
    const escaped = (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;
    return `${JSON.stringify(data, null, 2)}\n`.replace(/[\u007f-\uffff]/g, escaped);
}
const accepted = acceptedPath && moveAccepted();

report.files = files;
report.testFiles = testFiles;
console.log(summary.join("\n") || "mutation-remap: nothing to remap");
if (dryRun) process.exit(0);
if (accepted) writeFileSync(acceptedPath, accepted);

const json = JSON.stringify(report);
const tmp = `${reportPath}.tmp`;
// gzip -n -9 as scripts/mutation-record.sh: the same report always gives the same bytes.
writeFileSync(tmp, gzipped ? execFileSync("gzip", ["-n", "-9", "-c"], { input: json, maxBuffer: 1 << 30 }) : json);
renameSync(tmp, reportPath);
console.log(`rewrote ${reportPath}`);
