// Command-line parsing shared by `scan` and `verify`: the flag walk (`--flag value`, `--flag=value`, PATH arguments)
// and the options both commands take, so both spell, accept and refuse them the same way. Errors are one short line
// that names what is accepted: they are read in CI logs, where a schema dump helps no one.
import { NEWEST_KNOWN_PSS_VERSION } from "../engine/pssTables";

/** Bad usage: the command prints the message and its usage text and exits 2. */
export class UsageError extends Error {}

/** A flag's value refused: the message names what is accepted, so it is printed alone, without the usage text. */
export class BadValueError extends UsageError {}

/** Whether the arguments ask for a command's help (`--help` or `-h` anywhere): help wins over every other error. */
export function wantsHelp(argv: readonly string[]): boolean {
    return argv.some((a) => a === "--help" || a === "-h");
}

/**
 * Refuses a --pss-version the config schema would refuse, in one line instead of the schema's list of every version.
 * A v1.N newer than the tables know is accepted: it judges as the newest, as PSA treats a version newer than its own.
 */
export function checkPssVersion(v: string): string {
    if (v === "latest" || /^v1\.\d+$/.test(v)) return v;
    throw new BadValueError(
        `--pss-version must be latest or v1.N (the newest known is v1.${NEWEST_KNOWN_PSS_VERSION}), got ${JSON.stringify(v)}`,
    );
}

export interface CommonOptions<F extends string> {
    preset?: string;
    config?: string;
    pssVersion?: string;
    format: F;
    paths: string[];
}

/**
 * Parses `--preset`, `--config`, `--pss-version`, `--format` (one of `formats`, the first is the default) and PATHs.
 * `own` handles a command's own flags: it returns false for a flag it does not know, which is then refused.
 */
export function parseCommonArgs<F extends string>(
    argv: readonly string[],
    formats: readonly F[],
    own: (flag: string, take: () => string) => boolean = () => false,
): CommonOptions<F> {
    const o: CommonOptions<F> = { format: formats[0], paths: [] };
    for (let i = 0; i < argv.length; i++) {
        const a = argv[i];
        const eq = a.indexOf("=");
        const [flag, inline] = a.startsWith("--") && eq > 0 ? [a.slice(0, eq), a.slice(eq + 1)] : [a, undefined];
        const take = (): string => {
            if (inline !== undefined) return inline;
            const v = argv[++i];
            if (v === undefined || v.startsWith("--")) throw new UsageError(`${flag} needs a value`);
            return v;
        };
        switch (flag) {
            case "--preset":
                o.preset = take();
                break;
            case "--config":
                o.config = take();
                break;
            case "--pss-version":
                o.pssVersion = checkPssVersion(take());
                break;
            case "--format": {
                const f = take();
                if (!formats.includes(f as F))
                    throw new BadValueError(`--format must be one of ${formats.join(", ")}, got ${f}`);
                o.format = f as F;
                break;
            }
            default:
                if (!a.startsWith("--")) o.paths.push(a);
                else if (!own(flag, take)) throw new UsageError(`unknown option ${a}`);
        }
    }
    if (o.preset && o.config) throw new UsageError("use either --preset or --config, not both");
    if (!o.paths.length) throw new UsageError("no PATH given");
    return o;
}
