// The two scripts that read a Stryker report: the CI gate (scripts/mutation-survivors.mjs) and the per-folder score
// docs/testing.md records (scripts/mutation-score.mjs). Both are judged on small reports written here, so a broken
// gate cannot pass CI unnoticed and a recorded score can be trusted to mean Stryker's score.
import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { REPO_ROOT } from "../harness/program";

type Status = "Killed" | "Timeout" | "Survived" | "NoCoverage" | "CompileError";

/** A report in Stryker's JSON schema: each mutant replaces `true` on line 1, columns 11–15, of its file. */
function report(files: Record<string, Status[]>): unknown {
    const source = "const a = true;\n";
    const mutant = (status: Status, i: number) => ({
        id: String(i),
        mutatorName: "BooleanLiteral",
        replacement: "false",
        status,
        location: { start: { line: 1, column: 11 }, end: { line: 1, column: 15 } },
    });
    return {
        schemaVersion: "1",
        thresholds: { high: 95, low: 90 },
        files: Object.fromEntries(
            Object.entries(files).map(([f, st]) => [f, { language: "typescript", source, mutants: st.map(mutant) }]),
        ),
    };
}

function run(script: string, json: Record<string, unknown>, ...rest: string[]) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ig-mutation-"));
    const args = Object.entries(json).map(([name, value]) => {
        const file = path.join(dir, name);
        fs.writeFileSync(file, JSON.stringify(value));
        return file;
    });
    const r = spawnSync(process.execPath, [path.join(REPO_ROOT, "scripts", script), ...args, ...rest], {
        encoding: "utf8",
    });
    fs.rmSync(dir, { recursive: true, force: true });
    return { status: r.status, out: r.stdout + r.stderr };
}

/** An accepted-survivors entry for the reports' one mutant, in `file`. */
const accepted = (file: string, kind = "equivalent") => ({
    file,
    mutator: "BooleanLiteral",
    original: "true",
    replacement: "false",
    kind,
    reason: "test",
});

describe("mutation report scripts", () => {
    it("the CI gate fails on an unlisted survivor or uncovered mutant and names it as file:line", () => {
        const listed = run("mutation-survivors.mjs", {
            "r.json": report({ "checks/x.ts": ["Killed", "Survived"], "engine/y.ts": ["NoCoverage"] }),
            "a.json": { accepted: [] },
        });
        assert.strictEqual(listed.status, 1, listed.out);
        assert.match(listed.out, /SURVIVED checks\/x\.ts:1 BooleanLiteral: "true" -> "false"/);
        assert.match(listed.out, /NOCOVERAGE engine\/y\.ts:1 BooleanLiteral/);
        assert.match(
            listed.out,
            /mutation survivors: 2 \(0 accepted as equivalent or message-only, 0 untriaged, 2 not listed\)/,
        );
    });

    it("the CI gate passes when every survivor is listed with a kind and a reason, and reports stale entries", () => {
        const both = { accepted: [accepted("checks/x.ts"), accepted("engine/y.ts", "message-only")] };
        const ok = run("mutation-survivors.mjs", {
            "r.json": report({ "checks/x.ts": ["Survived"], "engine/y.ts": ["NoCoverage"] }),
            "a.json": both,
        });
        assert.strictEqual(ok.status, 0, ok.out);
        const stale = run("mutation-survivors.mjs", {
            "r.json": report({ "checks/x.ts": ["Killed"], "engine/y.ts": ["NoCoverage"] }),
            "a.json": both,
        });
        assert.strictEqual(stale.status, 0, stale.out);
        assert.match(stale.out, /stale accepted survivor .*checks\/x\.ts/);
        const noReason = { accepted: [{ ...accepted("checks/x.ts"), reason: "" }] };
        const bad = run("mutation-survivors.mjs", {
            "r.json": report({ "checks/x.ts": ["Survived"] }),
            "a.json": noReason,
        });
        assert.strictEqual(bad.status, 2, bad.out);
        const badKind = { accepted: [accepted("checks/x.ts", "verdict")] };
        assert.strictEqual(
            run("mutation-survivors.mjs", { "r.json": report({ "checks/x.ts": ["Survived"] }), "a.json": badKind })
                .status,
            2,
        );
    });

    it("an entry with a context accepts only the lines holding it; --broad names entries that could hide others", () => {
        // The same text mutated the same way on two lines: harmless on the first, a read field on the second.
        const source = "const a = true;\nconst b = true;\n";
        const mutant = (line: number) => ({
            id: String(line),
            mutatorName: "BooleanLiteral",
            replacement: "false",
            status: "Survived",
            location: { start: { line, column: 11 }, end: { line, column: 15 } },
        });
        const twoLines = {
            schemaVersion: "1",
            thresholds: { high: 95, low: 90 },
            files: { "adapters/z.ts": { language: "typescript", source, mutants: [mutant(1), mutant(2)] } },
        };
        const onLineA = { accepted: [{ ...accepted("adapters/z.ts"), context: "const a" }] };
        const one = run("mutation-survivors.mjs", { "r.json": twoLines, "a.json": onLineA });
        assert.strictEqual(one.status, 1, one.out);
        assert.match(one.out, /SURVIVED adapters\/z\.ts:2 BooleanLiteral/);
        assert.doesNotMatch(one.out, /adapters\/z\.ts:1 /);
        const both = { accepted: [...onLineA.accepted, { ...accepted("adapters/z.ts"), context: "const b" }] };
        assert.strictEqual(run("mutation-survivors.mjs", { "r.json": twoLines, "a.json": both }).status, 0);
        const noContext = { accepted: [accepted("adapters/z.ts")] };
        const wide = run("mutation-survivors.mjs", { "r.json": twoLines, "a.json": noContext }, "--broad");
        assert.strictEqual(wide.status, 0, wide.out);
        assert.match(wide.out, /broad accepted entry .*adapters\/z\.ts BooleanLiteral "true"/);
        assert.doesNotMatch(
            run("mutation-survivors.mjs", { "r.json": twoLines, "a.json": both }, "--broad").out,
            /broad accepted entry/,
        );
        const emptyContext = { accepted: [{ ...accepted("adapters/z.ts"), context: " " }] };
        assert.strictEqual(run("mutation-survivors.mjs", { "r.json": twoLines, "a.json": emptyContext }).status, 2);
    });

    it("untriaged survivors pass the gate, counted apart, only with the line they hold; --write-untriaged lists them", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ig-untriaged-"));
        try {
            const out = path.join(dir, "untriaged.json");
            const r = report({ "checks/x.ts": ["Survived", "Killed"], "engine/y.ts": ["NoCoverage"] });
            const written = run(
                "mutation-survivors.mjs",
                { "r.json": r, "a.json": { accepted: [accepted("engine/y.ts")] } },
                "--write-untriaged",
                out,
                "--reason",
                "landed with issue 22",
            );
            assert.strictEqual(written.status, 1, written.out);
            assert.match(written.out, /wrote 1 untriaged entries/);
            const entries = (JSON.parse(fs.readFileSync(out, "utf8")) as { accepted: Record<string, string>[] })
                .accepted;
            assert.deepStrictEqual(entries, [
                {
                    file: "checks/x.ts",
                    mutator: "BooleanLiteral",
                    original: "true",
                    replacement: "false",
                    kind: "untriaged",
                    context: "const a = true;",
                    reason: "landed with issue 22",
                },
            ]);
            const gate = run("mutation-survivors.mjs", {
                "r.json": r,
                "a.json": { accepted: [accepted("engine/y.ts"), ...entries] },
            });
            assert.strictEqual(gate.status, 0, gate.out);
            assert.match(
                gate.out,
                /mutation survivors: 2 \(1 accepted as equivalent or message-only, 1 untriaged, 0 not listed\)/,
            );
            const { context: _context, ...withoutContext } = entries[0];
            const bad = run("mutation-survivors.mjs", { "r.json": r, "a.json": { accepted: [withoutContext] } });
            assert.strictEqual(bad.status, 2, bad.out);
            assert.match(bad.out, /untriaged entry .* needs a context/);
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });

    it("the score is Stryker's: killed and timed out over all but errors, per folder, per file lowest first", () => {
        const r = run(
            "mutation-score.mjs",
            {
                "r.json": report({
                    "checks/a.ts": ["Killed", "Killed", "Timeout", "Survived", "CompileError"],
                    "checks/b.ts": ["NoCoverage", "Killed"],
                    "engine/c.ts": ["Killed"],
                }),
            },
            "--files",
        );
        assert.strictEqual(r.status, 0, r.out);
        const rows = r.out.split("\n");
        // checks/: 4 detected of 6 valid (the compile error counts in neither)
        assert.ok(rows.includes("| checks/ | 2 | 7 (1) | 3 | 1 | 1 | 1 | 66.67% |"), r.out);
        assert.ok(rows.includes("| engine/ | 1 | 1 (0) | 1 | 0 | 0 | 0 | 100.00% |"), r.out);
        assert.ok(rows.includes("| all | 3 | 8 (1) | 4 | 1 | 1 | 1 | 71.43% |"), r.out);
        const fileRows = rows.filter((l) => /^\| (checks|engine)\/\w+\.ts /.test(l)).map((l) => l.split(" | ")[0]);
        assert.deepStrictEqual(fileRows, ["| checks/b.ts", "| checks/a.ts", "| engine/c.ts"]);
    });
});
