// scripts/mutation-remap.mjs, which carries recorded mutation results over moved files, judged on small reports in
// Stryker's schema (1-based lines and columns): a wrong shift or a reused id would make Stryker reuse a result for
// other code, or lose results it could have reused, and nothing else would notice.
import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as zlib from "zlib";
import { REPO_ROOT } from "../harness/program";

interface Mutant {
    id: string;
    mutatorName: string;
    replacement: string;
    status: string;
    killedBy?: string[];
    coveredBy?: string[];
    location: { start: { line: number; column: number }; end: { line: number; column: number } };
}
interface Report {
    files: Record<string, { language: string; source: string; mutants: Mutant[] }>;
    testFiles: Record<string, { source?: string; tests: Array<{ id: string; name: string }> }>;
}

const at = (line: number, column: number, endColumn: number) => ({
    start: { line, column },
    end: { line, column: endColumn },
});
const mutant = (id: string, line: number, column: number, endColumn: number, extra: Partial<Mutant>): Mutant => ({
    id,
    mutatorName: "BooleanLiteral",
    replacement: "false",
    status: "Killed",
    location: at(line, column, endColumn),
    ...extra,
});

/** Runs the remap in a fresh project directory holding `disk` (the files after the move); returns the new report. */
function remap(report: Report, map: unknown, disk: Record<string, string>, ...extra: string[]) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ig-remap-"));
    try {
        for (const [file, text] of Object.entries(disk)) {
            fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
            fs.writeFileSync(path.join(dir, file), text);
        }
        fs.writeFileSync(path.join(dir, "report.json.gz"), zlib.gzipSync(JSON.stringify(report)));
        fs.writeFileSync(path.join(dir, "map.json"), JSON.stringify(map));
        const r = spawnSync(
            process.execPath,
            [path.join(REPO_ROOT, "scripts", "mutation-remap.mjs"), "map.json", "--report", "report.json.gz", ...extra],
            { cwd: dir, encoding: "utf8" },
        );
        assert.strictEqual(r.status, 0, r.stdout + r.stderr);
        const out = JSON.parse(zlib.gunzipSync(fs.readFileSync(path.join(dir, "report.json.gz"))).toString()) as Report;
        const accepted = fs.existsSync(path.join(dir, "accepted.json"))
            ? JSON.parse(fs.readFileSync(path.join(dir, "accepted.json"), "utf8"))
            : undefined;
        return { report: out, accepted, out: r.stdout };
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}

const ids = (r: Report) => Object.values(r.files).flatMap((f) => f.mutants.map((m) => m.id));

describe("mutation report remap (scripts/mutation-remap.mjs)", () => {
    // One file split in two: a shared preamble copied into both, f() into one, g() into the other.
    const preamble = "const a = true;\nconst b = false;\nconst c = a && b;\n";
    const fBody = "function f() {\n    return 1 + 2;\n}\n";
    const gBody = "function g() {\n    return 3 - 4;\n}\n";
    const split: Report = {
        files: {
            "src/big.ts": {
                language: "typescript",
                source: preamble + fBody + gBody,
                mutants: [
                    mutant("0", 1, 11, 15, { killedBy: ["1"], coveredBy: ["1"] }),
                    mutant("1", 5, 12, 17, {
                        mutatorName: "ArithmeticOperator",
                        replacement: "1 - 2",
                        killedBy: ["0"],
                    }),
                    mutant("2", 8, 12, 17, {
                        mutatorName: "ArithmeticOperator",
                        replacement: "3 + 4",
                        status: "Survived",
                        coveredBy: ["0", "1"],
                    }),
                ],
            },
            "src/other.ts": { language: "typescript", source: "x\n", mutants: [mutant("3", 1, 1, 2, {})] },
        },
        testFiles: {},
    };

    it("a split keeps each mutant where its lines went, shifted; copies get fresh ids; killedBy stays", () => {
        const disk = {
            "src/f.ts": `// f\n${preamble}${fBody}`,
            "src/g.ts": `${preamble}\n${gBody}`,
            "accepted.json": JSON.stringify({
                accepted: [{ file: "src/big.ts", mutator: "BooleanLiteral", original: "true", replacement: "false" }],
            }),
        };
        const map = { files: { "src/f.ts": ["src/big.ts"], "src/g.ts": ["src/big.ts"] } };
        const { report, accepted } = remap(split, map, disk, "--accepted", "accepted.json");

        assert.deepStrictEqual(Object.keys(report.files).sort(), ["src/f.ts", "src/g.ts", "src/other.ts"]);
        const f = report.files["src/f.ts"];
        const g = report.files["src/g.ts"];
        // The entry's source is the moved file itself, so Stryker's diff finds it unchanged.
        assert.strictEqual(f.source, disk["src/f.ts"]);
        assert.deepStrictEqual(
            f.mutants.map((m) => [m.replacement, m.location]),
            [
                ["false", at(2, 11, 15)],
                ["1 - 2", at(6, 12, 17)],
            ],
        );
        assert.deepStrictEqual(
            g.mutants.map((m) => [m.replacement, m.location]),
            [
                ["false", at(1, 11, 15)],
                ["3 + 4", at(6, 12, 17)],
            ],
        );
        // The preamble's mutant is in both files: one keeps id 0, the other takes the next free id.
        assert.deepStrictEqual(ids(report).sort(), ["0", "1", "2", "3", "4"]);
        assert.deepStrictEqual(
            [...f.mutants, ...g.mutants].map((m) => [m.status, m.killedBy, m.coveredBy]),
            [
                ["Killed", ["1"], ["1"]],
                ["Killed", ["0"], undefined],
                ["Killed", ["1"], ["1"]],
                ["Survived", undefined, ["0", "1"]],
            ],
        );
        assert.deepStrictEqual(report.files["src/other.ts"], split.files["src/other.ts"]);
        // The accepted survivor in the preamble now stands in both new files.
        assert.deepStrictEqual(
            accepted.accepted.map((a: { file: string }) => a.file),
            ["src/f.ts", "src/g.ts"],
        );
    });

    it("a concatenation not yet on disk: old sources joined, each file's mutants moved down by the lines before it", () => {
        const report: Report = {
            files: {
                // No final newline: one is added, so y.ts still starts on a line of its own.
                "src/x.ts": { language: "typescript", source: "let x = true;\nlet y = 1;", mutants: [] },
                "src/y.ts": {
                    language: "typescript",
                    source: "one\ntwo\nthree = true;\n",
                    mutants: [mutant("7", 3, 9, 13, { killedBy: ["2"] })],
                },
            },
            testFiles: {},
        };
        report.files["src/x.ts"].mutants.push(mutant("6", 1, 9, 13, { killedBy: ["3"] }));
        const { report: out } = remap(report, { files: { "src/xy.ts": ["src/x.ts", "src/y.ts"] } }, {});
        const xy = out.files["src/xy.ts"];
        assert.deepStrictEqual(Object.keys(out.files), ["src/xy.ts"]);
        assert.strictEqual(xy.source, "let x = true;\nlet y = 1;\none\ntwo\nthree = true;\n");
        assert.deepStrictEqual(
            xy.mutants.map((m) => [m.id, m.location, m.killedBy]),
            [
                ["6", at(1, 9, 13), ["3"]],
                ["7", at(5, 9, 13), ["2"]],
            ],
        );
    });

    it("test files: renamed or merged keep their tests' ids; the source map line follows the name", () => {
        const report: Report = {
            files: {},
            testFiles: {
                "dist/test/a.test.js": {
                    source: '"use strict";\n//# sourceMappingURL=a.test.js.map',
                    tests: [{ id: "0", name: "a one" }],
                },
                "dist/test/b.test.js": {
                    source: '"use strict";\n//# sourceMappingURL=b.test.js.map',
                    tests: [{ id: "1", name: "b one" }],
                },
                "dist/test/c.test.js": { source: "c", tests: [{ id: "2", name: "c one" }] },
            },
        };
        const map = {
            testFiles: {
                "dist/test/sub/renamed.test.js": ["dist/test/a.test.js"],
                "dist/test/merged.test.js": ["dist/test/b.test.js", "dist/test/c.test.js"],
            },
        };
        const { report: out } = remap(report, map, {});
        assert.deepStrictEqual(Object.keys(out.testFiles).sort(), [
            "dist/test/merged.test.js",
            "dist/test/sub/renamed.test.js",
        ]);
        assert.deepStrictEqual(out.testFiles["dist/test/sub/renamed.test.js"], {
            source: '"use strict";\n//# sourceMappingURL=renamed.test.js.map',
            tests: [{ id: "0", name: "a one" }],
        });
        assert.deepStrictEqual(out.testFiles["dist/test/merged.test.js"], {
            source: '"use strict";\n//# sourceMappingURL=merged.test.js.map\nc',
            tests: [
                { id: "1", name: "b one" },
                { id: "2", name: "c one" },
            ],
        });
    });

    it("refuses a map naming a file the report does not hold, or one test file in two places", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ig-remap-"));
        try {
            fs.writeFileSync(path.join(dir, "r.json"), JSON.stringify(split));
            fs.writeFileSync(path.join(dir, "m.json"), JSON.stringify({ files: { "src/n.ts": ["src/typo.ts"] } }));
            const r = spawnSync(
                process.execPath,
                [path.join(REPO_ROOT, "scripts", "mutation-remap.mjs"), "m.json", "--report", "r.json"],
                { cwd: dir, encoding: "utf8" },
            );
            assert.strictEqual(r.status, 2, r.stdout + r.stderr);
            assert.match(r.stderr, /src\/typo\.ts is not in r\.json/);
            assert.deepStrictEqual(JSON.parse(fs.readFileSync(path.join(dir, "r.json"), "utf8")), split);
            const twice = {
                testFiles: {
                    "dist/test/x.test.js": ["dist/test/t.test.js"],
                    "dist/test/y.test.js": ["dist/test/t.test.js"],
                },
            };
            fs.writeFileSync(path.join(dir, "m.json"), JSON.stringify(twice));
            fs.writeFileSync(
                path.join(dir, "r.json"),
                JSON.stringify({ files: {}, testFiles: { "dist/test/t.test.js": { source: "", tests: [] } } }),
            );
            const t = spawnSync(
                process.execPath,
                [path.join(REPO_ROOT, "scripts", "mutation-remap.mjs"), "m.json", "--report", "r.json"],
                { cwd: dir, encoding: "utf8" },
            );
            assert.strictEqual(t.status, 2, t.stdout + t.stderr);
            assert.match(t.stderr, /dist\/test\/t\.test\.js is in two entries/);
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });
});
