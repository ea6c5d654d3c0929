// The real-preview part of `npm run demo` (REAL_PREVIEW=1 npm run demo): each Pulumi YAML program in
// examples/real-preview/ previewed by the real CLI with the real YAML language host and Kubernetes provider
// (`pulumi preview --policy-pack <repo> [--policy-pack-config <its policy-config.json>]`), printing exactly what the
// CLI printed. Needs the CLI and the plugins built (scripts/pulumi-cli.sh, scripts/plugins.sh); says which is missing.
//   REAL_PREVIEW=1 npm run demo                        mock examples, then real previews
//   node dist/test/harness/realPreviewDemo.js [name…]  real previews only
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import {
    findRealPreviewTools,
    REAL_PREVIEW_DIR,
    realPreviewConfigPath,
    realPreviewExamples,
    RealPreviewStack,
} from "./realPreview";

const useColor = process.stdout.isTTY && !process.env.NO_COLOR;
const bold = (s: string) => (useColor ? `\u001b[1m${s}\u001b[0m` : s);
const dim = (s: string) => (useColor ? `\u001b[2m${s}\u001b[0m` : s);

/** Returns the number of previews that failed, or undefined when the tools are missing (the reason is printed). */
export async function realPreviewDemo(requested: string[] = []): Promise<number | undefined> {
    const found = findRealPreviewTools();
    console.log(bold("isolation-guard: real previews (pulumi preview --policy-pack, Pulumi YAML programs)"));
    if ("unavailable" in found) {
        console.log(`Real previews not run: ${found.unavailable}`);
        return undefined;
    }
    const examples = requested.length ? requested : realPreviewExamples();
    const work = fs.mkdtempSync(path.join(os.tmpdir(), "isolation-guard-demo-real-"));
    let failing = 0;
    try {
        for (const example of examples) {
            const s = await RealPreviewStack.create(found.tools, example, work);
            const config = realPreviewConfigPath(example);
            const run = await s.preview({ config, color: useColor });
            const shown = config ? ` --policy-pack-config ${path.relative(REAL_PREVIEW_DIR, config)}` : "";
            console.log(`\n${bold(`examples/real-preview/${example}`)}`);
            console.log(dim(`$ pulumi preview --policy-pack <isolation-guard>${shown}   (exit ${run.exitCode})`));
            process.stdout.write(run.stdout);
            process.stdout.write(run.stderr);
            if (run.exitCode !== 0) failing++;
        }
    } finally {
        fs.rmSync(work, { recursive: true, force: true });
    }
    console.log(`\n${examples.length} real previews, ${failing} failed.`);
    return failing;
}

if (require.main === module) {
    realPreviewDemo(process.argv.slice(2)).catch((e) => {
        console.error(e instanceof Error ? e.message : String(e));
        process.exit(1);
    });
}
