// scripts/prune-dist.mjs runs before tsc in `npm run build`: it must remove exactly the compiled files whose source is
// gone (a moved module's stale dist/x.js shadows the new dist/x/index.js) and keep every other file.
import { strict as assert } from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const SCRIPT = path.resolve(__dirname, "..", "..", "..", "scripts", "prune-dist.mjs");

function write(root: string, rel: string): void {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), "");
}

describe("npm run build prunes compiled files whose source is gone", () => {
    it("removes dist/adapters/aws.js once adapters/aws.ts became adapters/aws/index.ts, and keeps the rest", () => {
        const root = fs.mkdtempSync(path.join(os.tmpdir(), "prune-dist-"));
        try {
            write(root, "adapters/aws/index.ts");
            write(root, "examples/demo/index.ts");
            for (const f of ["aws.js", "aws.js.map", "aws.d.ts", "aws/index.js", "aws/index.d.ts"])
                write(root, `dist/adapters/${f}`);
            write(root, "dist/examples/demo/index.js");
            write(root, "dist/examples/gone/index.js");
            write(root, "dist/notes.txt");
            const out = execFileSync(process.execPath, [SCRIPT, root], { encoding: "utf8" });
            assert.match(out, /removed 4 compiled file/);
            const left = (rel: string) => fs.existsSync(path.join(root, rel));
            assert.deepEqual(
                ["aws.js", "aws.js.map", "aws.d.ts"].map((f) => left(`dist/adapters/${f}`)),
                [false, false, false],
            );
            assert.ok(left("dist/adapters/aws/index.js") && left("dist/adapters/aws/index.d.ts"));
            assert.ok(left("dist/examples/demo/index.js"), "an example's output stays while its source exists");
            assert.ok(!left("dist/examples/gone/index.js"));
            assert.ok(left("dist/notes.txt"), "only compiler outputs are candidates");
        } finally {
            fs.rmSync(root, { recursive: true, force: true });
        }
    });
});
