// Command-line parsing shared by `scan` and `verify`: the flag walk (`--flag value`, `--flag=value`, PATH arguments)
// and the options both commands take, so both spell, accept and refuse them the same way.

/** Bad usage: the command prints the message and its usage text and exits 2. */
export class UsageError extends Error {}

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
                o.pssVersion = take();
                break;
            case "--format": {
                const f = take();
                if (!formats.includes(f as F))
                    throw new UsageError(`--format must be one of ${formats.join(", ")}, got ${f}`);
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
