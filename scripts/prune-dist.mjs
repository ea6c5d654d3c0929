// Removes compiled files in dist/ whose TypeScript source no longer exists, before `tsc` writes the new ones. tsc never
// deletes outputs, and Node resolves `require("./aws")` to a stale dist/adapters/aws.js before the new
// dist/adapters/aws/index.js: after a source moves into a folder, an updated checkout would otherwise run old code
// (or crash half-loaded). Only orphans go, so an unchanged build keeps every file and a clean clone is untouched.
/* global process */
import { existsSync, readdirSync, rmSync } from "node:fs";
import { join, relative } from "node:path";

// The checkout to prune: this script's own by default; a test passes another.
const root = process.argv[2] ?? join(import.meta.dirname, "..");
const dist = join(root, "dist");
/** dist/examples/x.js comes from examples/x.ts; everything else from the same path at the root. */
function sourceOf(file) {
    const rel = relative(dist, file).replace(/\.(d\.ts|js\.map|js)$/, "");
    return [join(root, `${rel}.ts`), join(root, `${rel}.tsx`)];
}
let removed = 0;
function walk(dir) {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const p = join(dir, entry.name);
        if (entry.isDirectory()) walk(p);
        else if (/\.(d\.ts|js\.map|js)$/.test(entry.name) && !sourceOf(p).some((s) => existsSync(s))) {
            rmSync(p);
            removed++;
        }
    }
}
if (existsSync(dist)) walk(dist);
if (removed) process.stdout.write(`prune-dist: removed ${removed} compiled file(s) whose source is gone\n`);
