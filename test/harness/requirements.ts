// What some suites need beyond `npm ci`: the real Pulumi CLI, the YAML language host and Kubernetes provider, the PSA
// corpus from the Go module cache. `npm test` never builds or installs them (a Go build takes minutes and printed
// nothing); a suite whose piece is missing is skipped, and the first skip for each piece says what is missing and the
// one command that provides it. `npm run test:all` provides everything and sets REAL_PREVIEW_REQUIRED=1, under which a
// missing piece fails its suite instead of skipping it.

/** The command that provides every piece and runs every suite. */
export const PROVIDE_EVERYTHING = "npm run test:all";

/** Set by `npm run test:all` (and so .ci/run): nothing may be skipped for want of a piece. */
export function everythingRequired(): boolean {
    return process.env.REAL_PREVIEW_REQUIRED === "1";
}

const reported = new Set<string>();

/**
 * Why a piece is missing, worded for a skip line: in full with the command that provides it the first time `piece`
 * is reported, shortly after that, so a run prints each missing piece's command once however many suites need it.
 */
export function missingOnce(piece: string, why: string, provide: string): string {
    if (reported.has(piece)) return `still missing: ${piece} (see the first skip naming it)`;
    reported.add(piece);
    return `${why}; provide it with \`${provide}\` (everything: \`${PROVIDE_EVERYTHING}\`)`;
}

/** From a `before` hook: fails under REAL_PREVIEW_REQUIRED=1, otherwise prints the reason and skips the suite. */
export function skipSuite(ctx: Mocha.Context, reason: string): never {
    if (everythingRequired()) throw new Error(`required by REAL_PREVIEW_REQUIRED=1: ${reason}`);
    console.log(`      [skipped] ${reason}`);
    ctx.skip();
}
