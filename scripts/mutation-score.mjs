// The mutation score per folder and per file of a Stryker JSON report, as docs/testing.md records it, so the table
// there can be reproduced from any run (`npm run mutation:full`, or the CI gate's scoped run).
//
// Score as Stryker computes it: detected (killed + timed out) over detected + undetected (survived + no coverage);
// compile and runtime errors and ignored mutants count in neither.
//
// Usage: node scripts/mutation-score.mjs [report.json | report.json.gz] [--files]
//   --files  also one row per file, lowest score first: where the killing tests are most needed
/* global console, process */
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";

const args = process.argv.slice(2);
const perFile = args.includes("--files");
const reportPath = args.find((a) => !a.startsWith("--")) ?? "reports/mutation/mutation.json";
// The committed recording is gzipped (scripts/mutation-restore.sh): read it as it is committed.
const bytes = readFileSync(reportPath);
const report = JSON.parse((reportPath.endsWith(".gz") ? gunzipSync(bytes) : bytes).toString("utf8"));

const empty = () => ({ files: 0, mutants: 0, killed: 0, timeout: 0, survived: 0, noCoverage: 0, errors: 0 });
const STATUS = { Killed: "killed", Timeout: "timeout", Survived: "survived", NoCoverage: "noCoverage" };

/** One file's row. */
function tally(mutants) {
    const row = empty();
    row.files = 1;
    for (const m of mutants) {
        row.mutants++;
        const k = STATUS[m.status];
        if (k) row[k]++;
        else row.errors++; // CompileError, RuntimeError, Ignored, Pending
    }
    return row;
}

/** Adds a file's row into a folder's or the total's. */
function add(into, row) {
    for (const k of Object.keys(row)) into[k] += row[k];
}

function score(r) {
    const detected = r.killed + r.timeout;
    const valid = detected + r.survived + r.noCoverage;
    return valid ? (100 * detected) / valid : NaN;
}

const folders = new Map();
const files = [];
const all = empty();
for (const [file, { mutants }] of Object.entries(report.files)) {
    const folder = file.includes("/") ? `${file.split("/")[0]}/` : "./";
    if (!folders.has(folder)) folders.set(folder, empty());
    const row = tally(mutants);
    add(folders.get(folder), row);
    add(all, row);
    files.push([file, row]);
}

const header = "| Folder | Files | Mutants (errors) | Killed | Timed out | Survived | No coverage | Score |";
const line = (name, r) =>
    `| ${name} | ${r.files} | ${r.mutants} (${r.errors}) | ${r.killed} | ${r.timeout} | ${r.survived} | ${r.noCoverage} | ${score(r).toFixed(2)}% |`;
console.log(header);
console.log("| --- | --- | --- | --- | --- | --- | --- | --- |");
for (const [folder, r] of [...folders].sort(([a], [b]) => a.localeCompare(b))) console.log(line(folder, r));
console.log(line("all", all));

if (perFile) {
    console.log("");
    console.log(header.replace("Folder", "File"));
    console.log("| --- | --- | --- | --- | --- | --- | --- | --- |");
    files.sort(([a, x], [b, y]) => score(x) - score(y) || a.localeCompare(b));
    for (const [file, r] of files) console.log(line(file, r));
}
