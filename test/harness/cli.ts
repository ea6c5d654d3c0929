// The real `pulumi` CLI, for `pulumi policy analyze --file <state> --policy-pack <pack>`.
// The binary: $PULUMI_CLI, else whatever scripts/pulumi-cli.sh prints (pulumi on PATH, or a build from the Go module
// proxy cached in .cache/pulumi-cli/). The CLI starts a directory policy pack through the language host named by
// PulumiPolicy.yaml's runtime (`pulumi-language-nodejs`, RunPlugin); when no real one is on PATH, the project's own
// minimal host in scripts/language-host/ is put first on PATH.
import { execFile, execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { REPO_ROOT } from "./program";
import { missingOnce, skipSuite } from "./requirements";

export const LANGUAGE_HOST_SHIM_DIR = path.join(REPO_ROOT, "scripts", "language-host");

export interface PulumiCli {
    bin: string;
    /** Where it came from, for test output. */
    source: string;
}

export type CliLookup = { cli: PulumiCli } | { unavailable: string };

function runs(bin: string): boolean {
    try {
        execFileSync(bin, ["version"], { stdio: "pipe", timeout: 60000 });
        return true;
    } catch {
        return false;
    }
}

let found: { cli: PulumiCli } | undefined;

/**
 * Finds a CLI that is already there: $PULUMI_CLI, else what scripts/pulumi-cli.sh finds with PULUMI_CLI_REUSE_ONLY=1
 * (`pulumi` on PATH with `policy analyze`, or a finished build in .cache/). It never builds one: that is
 * `bash scripts/pulumi-cli.sh`, which `npm run test:all` runs. Only a CLI found is remembered: in the mutation run the
 * lookup's process start is what skips each suite, so a remembered miss would fail the next suite instead.
 */
export function findPulumiCli(): CliLookup {
    if (found) return found;
    const lookup = lookUpPulumiCli();
    if ("cli" in lookup) return (found = lookup);
    return { unavailable: missingOnce("pulumi CLI", lookup.unavailable, "bash scripts/pulumi-cli.sh") };
}

function lookUpPulumiCli(): CliLookup {
    const fromEnv = process.env.PULUMI_CLI;
    if (fromEnv) {
        return runs(fromEnv)
            ? { cli: { bin: fromEnv, source: "$PULUMI_CLI" } }
            : { unavailable: `PULUMI_CLI=${fromEnv} does not run (\`${fromEnv} version\` failed)` };
    }
    const script = path.join(REPO_ROOT, "scripts", "pulumi-cli.sh");
    if (!fs.existsSync(script)) return { unavailable: "PULUMI_CLI is unset and scripts/pulumi-cli.sh does not exist" };
    try {
        const out = execFileSync("bash", [script], {
            cwd: REPO_ROOT,
            env: { ...process.env, PULUMI_CLI_REUSE_ONLY: "1" },
            stdio: ["ignore", "pipe", "pipe"],
            encoding: "utf8",
        });
        const bin = out.trim().split("\n").pop() ?? "";
        if (bin && runs(bin)) return { cli: { bin, source: "scripts/pulumi-cli.sh" } };
        return { unavailable: `scripts/pulumi-cli.sh printed ${JSON.stringify(bin)}, which does not run` };
    } catch (e) {
        const stderr = (e as { stderr?: string }).stderr ?? String(e);
        const said = stderr.trim().split("\n").pop() ?? "";
        return {
            unavailable: `no pulumi CLI: PULUMI_CLI is unset, ${said.replace(/^\[pulumi-cli\] /, "").replace(/; run: .*$/, "")}`,
        };
    }
}

function onPath(name: string, pathVar: string): string | undefined {
    for (const dir of pathVar.split(path.delimiter)) {
        const p = path.join(dir, name);
        try {
            fs.accessSync(p, fs.constants.X_OK);
            return p;
        } catch {
            // not here
        }
    }
    return undefined;
}

/** The environment the CLI runs in: isolated PULUMI_HOME, no update checks or plugin downloads, a language host. */
export function cliEnvironment(home: string): { env: NodeJS.ProcessEnv; languageHost: string } {
    const basePath = process.env.PATH ?? "";
    const real = onPath("pulumi-language-nodejs", basePath);
    const env: NodeJS.ProcessEnv = {
        ...process.env,
        PULUMI_HOME: home,
        PULUMI_SKIP_UPDATE_CHECK: "true",
        PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
        PULUMI_SUPPRESS_COPILOT_LINK: "true",
        PATH: real ? basePath : `${LANGUAGE_HOST_SHIM_DIR}${path.delimiter}${basePath}`,
    };
    return { env, languageHost: real ?? path.join(LANGUAGE_HOST_SHIM_DIR, "pulumi-language-nodejs") };
}

export interface AnalyzeRun {
    exitCode: number;
    stdout: string;
    stderr: string;
}

/** `pulumi policy analyze --file <state> --policy-pack <packDir> [--policy-pack-config <config>]`. */
export async function policyAnalyze(
    cli: PulumiCli,
    stateFile: string,
    packDir: string,
    configFile?: string,
    extraArgs: string[] = [],
): Promise<AnalyzeRun> {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), "isolation-guard-pulumi-home-"));
    const { env } = cliEnvironment(home);
    const args = [
        "policy",
        "analyze",
        "--file",
        stateFile,
        "--policy-pack",
        packDir,
        "--non-interactive",
        "--color",
        "never",
        ...extraArgs,
    ];
    if (configFile) args.push("--policy-pack-config", configFile);
    return new Promise((resolve) => {
        execFile(cli.bin, args, { cwd: path.dirname(stateFile), env, maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
            fs.rmSync(home, { recursive: true, force: true });
            const code = err
                ? typeof (err as { code?: unknown }).code === "number"
                    ? (err as { code: number }).code
                    : -1
                : 0;
            resolve({ exitCode: code, stdout, stderr });
        });
    });
}

/**
 * For a mocha suite that runs the real CLI: finds it (never builds it) and makes a temp folder before the tests,
 * removes the folder after; with no CLI the suite is skipped and the reason printed (under REAL_PREVIEW_REQUIRED=1,
 * as `npm run test:all` runs, it fails instead).
 */
export function suiteCli(tmpPrefix: string, ready: (cli: PulumiCli, tmp: string) => void): void {
    let tmp: string | undefined;
    before(function () {
        this.timeout(2 * 60000);
        const found = findPulumiCli();
        if ("unavailable" in found) skipSuite(this, found.unavailable);
        console.log(`      using ${found.cli.bin} (from ${found.cli.source})`);
        tmp = fs.mkdtempSync(path.join(os.tmpdir(), tmpPrefix));
        ready(found.cli, tmp);
    });
    after(() => tmp && fs.rmSync(tmp, { recursive: true, force: true }));
}

/** A policy violation as `pulumi policy analyze --json` prints it (one JSON event per line). */
export interface PolicyEvent {
    resourceUrn?: string;
    message: string;
    policyName: string;
    policyPackName?: string;
    enforcementLevel: string;
}

export function policyEvents(run: AnalyzeRun): PolicyEvent[] {
    return run.stdout
        .split("\n")
        .filter((l) => l.trim().startsWith("{"))
        .map((l) => JSON.parse(l) as { policyEvent?: PolicyEvent })
        .flatMap((e) => (e.policyEvent ? [e.policyEvent] : []));
}
