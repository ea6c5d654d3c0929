// The gate behind mutation testing: every mutant that survived (or that no test covers) in the last Stryker report
// must be listed in test/mutation/accepted-survivors.json as equivalent or message-only, with a one-line reason.
// Anything else is a verdict no test pins; the exit status is 1 and each one is printed as file:line, mutator and
// replacement, which is what a killing test needs to know.
//
// An accepted entry is keyed by file, mutator, the original source text of the mutated range and its replacement, not
// by line: code moving up or down keeps its entries valid; changing the mutated code itself makes the entry stale (it
// is reported, and should be removed or re-justified). The same text mutated the same way twice in one file shares
// one key: keep such an entry only if the reason holds for every occurrence. Where it does not (a `""` or `[]` that is
// harmless on one line and a read field on another), the entry names its line by `context`, text that line must
// contain; entries sharing a key then each accept only their own lines. `--broad` lists the entries whose original
// text occurs more than once in its file without a context: the ones that could hide a future survivor elsewhere.
//
// A third kind, `untriaged`, is not a verdict on the mutant: it marks survivors of code that landed before anyone
// could tell whether a test should kill them (a branch the size of an issue, docs/testing.md). They pass the gate,
// are counted apart in its summary, and each names the line it holds (`context`), so none can hide another survivor.
// `--write-untriaged FILE` writes every survivor not listed as such entries (reason given by --reason TEXT), for
// review before they are merged into the accepted list.
//
// Usage: node scripts/mutation-survivors.mjs [report.json] [accepted.json] [--broad] [--write-untriaged FILE --reason TEXT]
/* global console, process */
import { readFileSync, writeFileSync } from "node:fs";

const argv = process.argv.slice(2);
const option = (name) => {
    const i = argv.indexOf(name);
    if (i < 0) return undefined;
    const [, value] = argv.splice(i, 2);
    if (value === undefined) {
        console.error(`${name} needs a value`);
        process.exit(2);
    }
    return value;
};
const writeUntriaged = option("--write-untriaged");
const untriagedReason = option("--reason") ?? "landed before triage";
const args = argv.filter((a) => a !== "--broad");
const broad = args.length !== argv.length;
const reportPath = args[0] ?? "reports/mutation/mutation.json";
const acceptedPath = args[1] ?? "test/mutation/accepted-survivors.json";
const report = JSON.parse(readFileSync(reportPath, "utf8"));
const accepted = JSON.parse(readFileSync(acceptedPath, "utf8")).accepted;

const KINDS = new Set(["equivalent", "message-only", "untriaged"]);
for (const a of accepted) {
    const missing = ["file", "mutator", "original", "replacement", "kind", "reason"].filter(
        (k) => typeof a[k] !== "string" || a[k] === "",
    );
    if (a.context !== undefined && (typeof a.context !== "string" || a.context.trim() === "")) missing.push("context");
    if (missing.length || !KINDS.has(a.kind)) {
        console.error(`${acceptedPath}: entry ${JSON.stringify(a)} needs file, mutator, original, replacement, kind`);
        console.error(`(equivalent, message-only or untriaged) and a one-line reason`);
        process.exit(2);
    }
    if (a.kind === "untriaged" && a.context === undefined) {
        console.error(`${acceptedPath}: untriaged entry ${JSON.stringify(a)} needs a context (the line it holds)`);
        process.exit(2);
    }
}

/** The source text a mutant replaces (locations are 1-based lines and columns, end exclusive). */
function originalText(source, { start, end }) {
    const lines = source.split("\n");
    if (start.line === end.line) return lines[start.line - 1].slice(start.column - 1, end.column - 1);
    return [
        lines[start.line - 1].slice(start.column - 1),
        ...lines.slice(start.line, end.line - 1),
        lines[end.line - 1].slice(0, end.column - 1),
    ].join("\n");
}

const key = (file, mutator, original, replacement) => JSON.stringify([file, mutator, original, replacement]);
/** Entries by key: one without a context accepts every occurrence, one with a context only the lines holding it. */
const acceptedKeys = new Map();
for (const a of accepted) {
    const k = key(a.file, a.mutator, a.original, a.replacement);
    acceptedKeys.set(k, [...(acceptedKeys.get(k) ?? []), a]);
}
const used = new Set();
const unlisted = [];
const counts = { survived: 0, accepted: 0, untriaged: 0 };

for (const [file, { source, mutants }] of Object.entries(report.files)) {
    const lines = source.split("\n");
    for (const m of mutants) {
        if (m.status !== "Survived" && m.status !== "NoCoverage") continue;
        counts.survived++;
        const original = originalText(source, m.location);
        const line = lines[m.location.start.line - 1];
        const entry = (acceptedKeys.get(key(file, m.mutatorName, original, m.replacement ?? "")) ?? []).find(
            (a) => a.context === undefined || line.includes(a.context),
        );
        if (entry) {
            used.add(entry);
            if (entry.kind === "untriaged") counts.untriaged++;
            else counts.accepted++;
            continue;
        }
        unlisted.push({ file, line: m.location.start.line, m, original });
    }
}

if (broad) {
    for (const a of accepted) {
        const source = report.files[a.file]?.source;
        if (a.context === undefined && source !== undefined && source.split(a.original).length > 2) {
            console.log(
                `broad accepted entry (its text occurs more than once in the file; give it a context): ${a.file} ${a.mutator} ${JSON.stringify(a.original)} -> ${JSON.stringify(a.replacement)}`,
            );
        }
    }
}

for (const a of accepted) {
    if (!used.has(a) && Object.prototype.hasOwnProperty.call(report.files, a.file)) {
        console.log(
            `stale accepted survivor (no such surviving mutant now; remove it): ${a.file} ${a.mutator} ${a.original}`,
        );
    }
}
for (const { file, line, m, original } of unlisted) {
    const one = (s) => JSON.stringify(s.length > 120 ? `${s.slice(0, 117)}...` : s);
    console.log(
        `${m.status.toUpperCase()} ${file}:${line} ${m.mutatorName}: ${one(original)} -> ${one(m.replacement ?? "")}`,
    );
}
if (writeUntriaged) {
    const entries = unlisted.map(({ file, line, m, original }) => ({
        file,
        mutator: m.mutatorName,
        original,
        replacement: m.replacement ?? "",
        kind: "untriaged",
        context: report.files[file].source.split("\n")[line - 1].trim(),
        reason: untriagedReason,
    }));
    writeFileSync(writeUntriaged, JSON.stringify({ accepted: entries }, null, 2) + "\n");
    console.log(`wrote ${entries.length} untriaged entries to ${writeUntriaged}`);
}
console.log(
    `mutation survivors: ${counts.survived} (${counts.accepted} accepted as equivalent or message-only, ${counts.untriaged} untriaged, ${unlisted.length} not listed)`,
);
process.exit(unlisted.length ? 1 : 0);
