#!/usr/bin/env node
// The `isolation-guard` command: `scan` (cli/scan.ts) judges manifests; `verify` (verify/cli.ts) runs them on real
// OCI runtimes and measures the boundary. verify is loaded only when asked for, so scan starts as before.
import { main as scanMain } from "./scan";

export async function main(argv: readonly string[]): Promise<number> {
    if (argv[0] === "verify") {
        const { verify } = await import("../verify/cli");
        return verify(argv.slice(1), {
            stdout: (s) => process.stdout.write(s),
            stderr: (s) => process.stderr.write(s),
        });
    }
    return scanMain(argv);
}

if (require.main === module) {
    main(process.argv.slice(2)).then(
        (code) => (process.exitCode = code),
        (e: unknown) => {
            process.stderr.write(`isolation-guard: [internal] ${(e as Error).stack ?? String(e)}\n`);
            process.exitCode = 2;
        },
    );
}
