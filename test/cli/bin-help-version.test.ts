// The `isolation-guard` bin as CI meets it: executable straight after `npm run build` (tsc writes 0644; the build sets
// the mode), `--help` on the top level and on every command (standard output, exit 0), `--version` from package.json,
// and short usage errors that name what is accepted (standard error, exit 2).
import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { main } from "../../cli/main";
import { presetNames } from "../../cli/scan";
import { PACK_DIR } from "../harness/engine";
import { json, manifestDir, pod } from "./manifests";

const MAIN_JS = path.join(PACK_DIR, "dist", "cli", "main.js");
const PKG = JSON.parse(fs.readFileSync(path.join(PACK_DIR, "package.json"), "utf8")) as {
    version: string;
    bin: Record<string, string>;
};

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
    let out = "";
    let err = "";
    const code = await main(argv, { stdout: (s) => (out += s), stderr: (s) => (err += s) });
    return { code, out, err };
}

describe("the isolation-guard bin", () => {
    it("is executable after the build and runs as a program (no `node` in front), as npx runs it", function () {
        if (process.platform === "win32") this.skip();
        const bin = path.join(PACK_DIR, PKG.bin["isolation-guard"]);
        assert.strictEqual(bin, MAIN_JS);
        assert.ok(fs.statSync(bin).mode & 0o111, `${bin} is not executable: scripts/bin-mode.mjs did not run`);
        assert.ok(fs.readFileSync(bin, "utf8").startsWith("#!/usr/bin/env node\n"));
        const r = spawnSync(bin, ["--help"], { encoding: "utf8" });
        assert.strictEqual(r.status, 0, `${r.error ?? ""} ${r.stderr}`);
        assert.match(r.stdout, /^usage: isolation-guard COMMAND/);
    });

    it("the build step makes a fresh checkout's bin executable, and fails when the bin target is missing", function () {
        if (process.platform === "win32") this.skip();
        // A clone-like copy: package.json with its bin, tsc's 0644 output, the build's script.
        const root = fs.mkdtempSync(path.join(os.tmpdir(), "isolation-guard-bin-"));
        fs.mkdirSync(path.join(root, "scripts"));
        fs.copyFileSync(path.join(PACK_DIR, "scripts", "bin-mode.mjs"), path.join(root, "scripts", "bin-mode.mjs"));
        fs.writeFileSync(path.join(root, "package.json"), JSON.stringify({ bin: PKG.bin }));
        const bin = path.join(root, PKG.bin["isolation-guard"]);
        fs.mkdirSync(path.dirname(bin), { recursive: true });
        fs.writeFileSync(bin, '#!/usr/bin/env node\nconsole.log("ran");\n', { mode: 0o644 });
        const before = spawnSync(bin, [], { encoding: "utf8" });
        assert.strictEqual(before.error && (before.error as NodeJS.ErrnoException).code, "EACCES");
        const step = spawnSync(process.execPath, [path.join(root, "scripts", "bin-mode.mjs")], { encoding: "utf8" });
        assert.strictEqual(step.status, 0, step.stderr);
        assert.strictEqual(fs.statSync(bin).mode & 0o777, 0o755);
        assert.strictEqual(spawnSync(bin, [], { encoding: "utf8" }).stdout, "ran\n");
        fs.rmSync(bin);
        const missing = spawnSync(process.execPath, [path.join(root, "scripts", "bin-mode.mjs")], { encoding: "utf8" });
        assert.notStrictEqual(missing.status, 0);
        assert.match(missing.stderr, /ENOENT/);
    });

    it("--help names both commands and every preset shipped in presets/", async () => {
        assert.deepStrictEqual(presetNames(), [
            "advisory",
            "default",
            "multi-tenant-strict",
            "pss-baseline",
            "pss-restricted",
        ]);
        for (const flag of ["--help", "-h", "help"]) {
            const r = await run([flag]);
            assert.deepStrictEqual([r.code, r.err], [0, ""], flag);
            assert.match(r.out, /^ {2}scan {4}/m);
            assert.match(r.out, /^ {2}verify {2}/m);
            for (const p of presetNames()) assert.ok(r.out.includes(p), `${flag}: ${p} missing`);
        }
    });

    for (const command of ["scan", "verify"])
        it(`${command} --help (or -h, anywhere among the arguments) prints its usage on stdout and exits 0`, async () => {
            for (const args of [["--help"], ["-h"], ["--frobnicate", "x.yaml", "--help"]]) {
                const r = await run([command, ...args]);
                assert.deepStrictEqual([r.code, r.err], [0, ""], args.join(" "));
                assert.match(r.out, new RegExp(`^usage: isolation-guard ${command} `), args.join(" "));
            }
        });

    it("--version prints the package.json version", async () => {
        for (const flag of ["--version", "-V"]) {
            const r = await run([flag]);
            assert.deepStrictEqual([r.code, r.out, r.err], [0, `isolation-guard ${PKG.version}\n`, ""]);
        }
    });

    it("no command or an unknown one: exit 2, the message and the usage on stderr, nothing on stdout", async () => {
        for (const [argv, message] of [
            [[], /no command given/],
            [["frobnicate"], /unknown command "frobnicate"/],
        ] as const) {
            const r = await run([...argv]);
            assert.deepStrictEqual([r.code, r.out], [2, ""]);
            assert.match(r.err, message);
            assert.match(r.err, /usage: isolation-guard COMMAND/);
        }
    });

    it("a bad --preset names the presets; a bad --pss-version is one short line with the pattern and the newest", async () => {
        const dir = manifestDir({ "ok.yaml": json(pod("ok")) });
        const preset = await run(["scan", "--preset", "pss-nonsense", dir]);
        assert.strictEqual(preset.code, 2);
        assert.ok(!/ENOENT/.test(preset.err), preset.err);
        assert.strictEqual(
            preset.err,
            `isolation-guard scan: unknown preset "pss-nonsense"; presets: ${presetNames().join(", ")}\n`,
        );
        assert.match((await run(["scan", "--preset", "../package", dir])).err, /unknown preset "\.\.\/package"/);
        const version = await run(["scan", "--pss-version", "v2.0", dir]);
        assert.strictEqual(version.code, 2);
        // One line, without the usage text: the message names what is accepted.
        assert.strictEqual(version.err.split("\n").length, 2, version.err);
        const first = version.err.split("\n")[0];
        assert.match(first, /--pss-version must be latest or v1\.N \(the newest known is v1\.\d+\), got "v2\.0"$/);
        assert.ok(first.length < 120, first);
        // A version newer than the tables know is accepted: it judges as the newest, as PSA does.
        assert.strictEqual((await run(["scan", "--pss-version", "v1.99", dir])).code, 0);
    });
});
