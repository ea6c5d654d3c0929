// data/ is the bottom layer, below model/: the sourced tables (PSS, capabilities, host paths, sandbox runtimes,
// tenancy defaults) import nothing of the project outside data/, so any layer may read them and they read nothing.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { REPO_ROOT } from "../harness/program";

/** Relative module specifiers of `import … from`, `export … from`, `import "…"` and `require("…")`. */
function relativeImports(source: string): string[] {
    const re = /\bfrom\s*["']([^"']+)["']|\bimport\s*["']([^"']+)["']|\brequire\(\s*["']([^"']+)["']\s*\)/g;
    return [...source.matchAll(re)].map((m) => m[1] ?? m[2] ?? m[3]).filter((spec) => spec.startsWith("."));
}

describe("data/: the bottom layer", () => {
    const files = fs.readdirSync(path.join(REPO_ROOT, "data")).filter((f) => f.endsWith(".ts"));

    it("holds the tables", () => {
        assert.deepStrictEqual(files.sort(), [
            "capabilities.ts",
            "compliance.ts",
            "customResources.ts",
            "dockerStorage.ts",
            "hostPaths.ts",
            "namespacedKinds.ts",
            "namespacedSysctls.ts",
            "platformDefaults.ts",
            "pss.ts",
            "pulumiEksDefaults.ts",
            "sandboxes.ts",
            "seccomp.ts",
            "tenancy.ts",
        ]);
    });

    it("imports nothing of the project outside data/", () => {
        const outside: string[] = [];
        for (const f of files) {
            for (const spec of relativeImports(fs.readFileSync(path.join(REPO_ROOT, "data", f), "utf8"))) {
                const target = path.posix.normalize(path.posix.join("data", spec));
                if (!target.startsWith("data/")) outside.push(`data/${f} → ${spec}`);
            }
        }
        assert.deepStrictEqual(outside, []);
    });

    it("is imported by engine/ for the logic over it, never the other way round", () => {
        const engineImports = fs
            .readdirSync(path.join(REPO_ROOT, "engine"))
            .filter((f) => f.endsWith(".ts"))
            .flatMap((f) => relativeImports(fs.readFileSync(path.join(REPO_ROOT, "engine", f), "utf8")))
            .filter((spec) => spec.startsWith("../data/"));
        assert.ok(engineImports.length > 0);
    });
});
