#!/usr/bin/env node
// The `isolation-guard` command: `scan` (cli/scan.ts) judges manifests; `audit` (cli/audit.ts) judges exported stacks; `verify` (verify/cli.ts) runs them on real
// OCI runtimes and measures the boundary. verify is loaded only when asked for (its --help included), so scan starts
// as before. Every command answers --help on standard output with exit 0; bad usage goes to standard error with
// exit 2 (docs/cli.md, "Exit codes").
import { wantsHelp } from "./args";
import { Io, presetNames, scan, toolVersion } from "./scan";

/** The top-level help: the commands, and the presets as they are on disk, so the list cannot go stale. */
export function topUsage(): string {
    return `usage: isolation-guard COMMAND [OPTIONS] PATH...
       isolation-guard --help | --version

Commands:
  scan    judge Kubernetes manifests (files, directories, - for standard input) with the isolation-guard policies
  audit   judge exported stack state (pulumi stack export): what enforcement would block, per stack and policy
  verify  run the manifests' containers under runc/runsc as root and measure what the kernel grants them

Presets (--preset NAME): ${presetNames().join(", ")}
Exit codes: 0 nothing blocking; 1 blocking findings (scan: mandatory or remediate; verify: a contradiction);
2 bad usage or unreadable input.
Run isolation-guard COMMAND --help for a command's options; docs/cli.md has the reference.`;
}

const defaultIo: Io = { stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s) };

export async function main(argv: readonly string[], io: Io = defaultIo): Promise<number> {
    const [command, ...rest] = argv;
    switch (command) {
        case "scan":
            return scan(rest, io);
        case "audit": {
            const { audit } = await import("./audit");
            return audit(rest, io);
        }
        case "verify": {
            const { verify, USAGE: VERIFY_USAGE } = await import("../verify/cli");
            if (wantsHelp(rest)) {
                io.stdout(`${VERIFY_USAGE}\n`);
                return 0;
            }
            return verify(rest, io);
        }
        case "--help":
        case "-h":
        case "help":
            io.stdout(`${topUsage()}\n`);
            return 0;
        case "--version":
        case "-V":
            io.stdout(`isolation-guard ${toolVersion()}\n`);
            return 0;
        case undefined:
            io.stderr(`isolation-guard: no command given\n${topUsage()}\n`);
            return 2;
        default:
            io.stderr(`isolation-guard: unknown command ${JSON.stringify(command)}\n${topUsage()}\n`);
            return 2;
    }
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
