// Makes every `bin` target of package.json executable after `tsc`, which writes its outputs 0644: a clone that runs
// `npm run build` and then `npx isolation-guard` (or the file itself) would otherwise get "Permission denied". npm
// sets the mode when it installs a published package, but not for the package's own checkout.
import { chmodSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

const root = join(import.meta.dirname, "..");
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
const bins = typeof pkg.bin === "string" ? [pkg.bin] : Object.values(pkg.bin ?? {});
for (const rel of bins) {
    const file = join(root, rel);
    // Fail the build when a bin target is missing: a package whose command is absent must not look built.
    const mode = statSync(file).mode;
    // Execute for whoever may read it (0644 → 0755), as npm does on install.
    chmodSync(file, mode | ((mode & 0o444) >> 2));
}
