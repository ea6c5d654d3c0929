// Real previews: `pulumi preview --policy-pack <repo>` and `pulumi up` on the Pulumi YAML programs in
// examples/real-preview/, with the real YAML language host and the real Kubernetes provider (built from the Go module
// proxy by scripts/plugins.sh) rendering manifests to files (`kubernetes:renderYamlToDirectory`, set in each program's
// Pulumi.yaml), so no cluster is needed. Each stack lives in a temp work dir: a copy of the program, a file backend
// (`pulumi login file://…`), its own PULUMI_HOME and a passphrase for its secrets provider. The pack starts through the
// Node.js language host on PATH (or the stand-in in scripts/language-host/, see cli.ts).
import { execFile, execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { cliEnvironment, findPulumiCli, PulumiCli } from "./cli";
import { EXAMPLES_DIR, REPO_ROOT } from "./program";
import { missingOnce } from "./requirements";

export const REAL_PREVIEW_DIR = path.join(EXAMPLES_DIR, "real-preview");
export const STACK = "dev";
const PASSPHRASE = "isolation-guard-real-preview";

export interface RealPreviewTools {
    cli: PulumiCli;
    languageYaml: string;
    resourceKubernetes: string;
}

export type ToolsLookup = { tools: RealPreviewTools } | { unavailable: string };

/** The Pulumi YAML programs under examples/real-preview/ (those with a Pulumi.yaml), sorted. */
export function realPreviewExamples(): string[] {
    return fs
        .readdirSync(REAL_PREVIEW_DIR, { withFileTypes: true })
        .filter((d) => d.isDirectory() && fs.existsSync(path.join(REAL_PREVIEW_DIR, d.name, "Pulumi.yaml")))
        .map((d) => d.name)
        .sort();
}

function executable(p: string): boolean {
    try {
        fs.accessSync(p, fs.constants.X_OK);
        return true;
    } catch {
        return false;
    }
}

/**
 * The two plugins: $PULUMI_LANGUAGE_YAML / $PULUMI_RESOURCE_KUBERNETES, else a finished build in scripts/plugins.sh's
 * cache (asked with PULUMI_PLUGINS_REUSE_ONLY=1, so a test run never starts the minutes-long provider build).
 */
export function findPlugins(): { languageYaml: string; resourceKubernetes: string } | { unavailable: string } {
    const found: Record<"yaml" | "kubernetes", string | undefined> = {
        yaml: process.env.PULUMI_LANGUAGE_YAML,
        kubernetes: process.env.PULUMI_RESOURCE_KUBERNETES,
    };
    const names = { yaml: "pulumi-language-yaml", kubernetes: "pulumi-resource-kubernetes" } as const;
    const envs = { yaml: "PULUMI_LANGUAGE_YAML", kubernetes: "PULUMI_RESOURCE_KUBERNETES" } as const;
    for (const which of ["yaml", "kubernetes"] as const) {
        const given = found[which];
        if (given) {
            if (!executable(given)) return { unavailable: `${envs[which]}=${given} is not an executable` };
            continue;
        }
        try {
            const out = execFileSync("bash", [path.join(REPO_ROOT, "scripts", "plugins.sh"), which], {
                cwd: REPO_ROOT,
                env: { ...process.env, PULUMI_PLUGINS_REUSE_ONLY: "1" },
                stdio: ["ignore", "pipe", "pipe"],
                encoding: "utf8",
            });
            found[which] = out.trim().split("\n").pop();
        } catch (e) {
            // plugins.sh's last line names the missing build ("… is not built yet (no <path>); run: …").
            const said = ((e as { stderr?: string }).stderr ?? "")
                .trim()
                .split("\n")
                .pop()
                ?.replace(/^\[plugins\] /, "");
            return {
                unavailable: `${envs[which]} is unset and ${said?.replace(/; run: .*$/, "") || `${names[which]} was not found (${String(e)})`}`,
            };
        }
    }
    return { languageYaml: found.yaml as string, resourceKubernetes: found.kubernetes as string };
}

/** The CLI and both plugins; never built here (`bash scripts/plugins.sh` builds the plugins). */
export function findRealPreviewTools(): ToolsLookup {
    const plugins = findPlugins();
    if ("unavailable" in plugins)
        return {
            unavailable: missingOnce("Pulumi YAML/Kubernetes plugins", plugins.unavailable, "bash scripts/plugins.sh"),
        };
    const cli = findPulumiCli();
    if ("unavailable" in cli) return cli;
    return { tools: { cli: cli.cli, ...plugins } };
}

/**
 * For a mocha suite of real previews (call it from `before`): the tools, found, never built. Without them the suite is
 * skipped and the reason printed, or, under REAL_PREVIEW_REQUIRED=1 (as `npm run test:all` runs), it fails instead.
 */
export function realPreviewToolsOrSkip(ctx: Mocha.Context): RealPreviewTools {
    const found = findRealPreviewTools();
    if ("unavailable" in found) {
        if (process.env.REAL_PREVIEW_REQUIRED === "1") throw new Error(`real previews required: ${found.unavailable}`);
        console.log(`      [skipped] ${found.unavailable}`);
        ctx.skip();
    }
    return found.tools;
}

export interface CliRun {
    exitCode: number;
    stdout: string;
    stderr: string;
    /** Wall time of the CLI run, in milliseconds. */
    ms: number;
}

export interface RunOptions {
    /** A `--policy-pack-config` file for isolation-guard. */
    config?: string;
    /** More policy packs to run next to isolation-guard (e.g. the input spy). */
    extraPacks?: string[];
    /** Machine-readable output (`--json`). */
    json?: boolean;
    /** Leave isolation-guard out (a plain run, e.g. to render manifests to compare against). */
    noPack?: boolean;
    /** The CLI's colors (default off). */
    color?: boolean;
}

/** One example program, copied into `<workRoot>/<name>`, with its own file backend and PULUMI_HOME. */
export class RealPreviewStack {
    readonly dir: string;
    readonly project: string;
    private readonly env: NodeJS.ProcessEnv;

    private constructor(
        readonly tools: RealPreviewTools,
        readonly example: string,
        workRoot: string,
        label: string,
    ) {
        const work = path.join(workRoot, label);
        this.dir = path.join(work, "program");
        const home = path.join(work, "pulumi-home");
        const backend = path.join(work, "backend");
        for (const d of [home, backend]) fs.mkdirSync(d, { recursive: true });
        fs.cpSync(path.join(REAL_PREVIEW_DIR, example), this.dir, {
            recursive: true,
            // Left behind by someone running the example in place.
            filter: (src) => !/(^|\/)(rendered|Pulumi\.[^/]+\.yaml)$/.test(src),
        });
        const { env } = cliEnvironment(home);
        // The AWS provider's schema stand-in (scripts/stand-in-aws says why) serves the examples that declare AWS
        // resources; no other example names the aws package, so it is never started for them.
        const pluginDirs = [
            path.dirname(tools.languageYaml),
            path.dirname(tools.resourceKubernetes),
            path.join(REPO_ROOT, "scripts", "stand-in-aws"),
        ];
        this.env = {
            ...env,
            PATH: [...new Set(pluginDirs), env.PATH ?? ""].join(path.delimiter),
            PULUMI_CONFIG_PASSPHRASE: PASSPHRASE,
            PULUMI_BACKEND_URL: `file://${backend}`,
            // `pulumi preview --json` prints one digest without policy events unless asked to stream its events.
            PULUMI_ENABLE_STREAMING_JSON_PREVIEW: "true",
        };
        const m = /^name:\s*(\S+)/m.exec(fs.readFileSync(path.join(this.dir, "Pulumi.yaml"), "utf8"));
        this.project = m ? m[1] : example;
    }

    /** Copies the example, logs in to a file backend and creates the stack. */
    static async create(
        tools: RealPreviewTools,
        example: string,
        workRoot: string,
        label = example,
    ): Promise<RealPreviewStack> {
        const s = new RealPreviewStack(tools, example, workRoot, label);
        for (const args of [
            ["login", s.env.PULUMI_BACKEND_URL as string],
            ["stack", "init", STACK, "--non-interactive"],
        ]) {
            const run = await s.pulumi(args);
            if (run.exitCode !== 0) throw new Error(`pulumi ${args.join(" ")} failed:\n${run.stdout}${run.stderr}`);
        }
        return s;
    }

    stackUrn(): string {
        return `urn:pulumi:${STACK}::${this.project}::pulumi:pulumi:Stack::${this.project}-${STACK}`;
    }

    /** Where the provider renders manifests (`kubernetes:renderYamlToDirectory: rendered`). */
    renderedDir(): string {
        return path.join(this.dir, "rendered");
    }

    pulumi(args: string[]): Promise<CliRun> {
        const start = Date.now();
        return new Promise((resolve) => {
            execFile(
                this.tools.cli.bin,
                args,
                { cwd: this.dir, env: this.env, maxBuffer: 64 << 20 },
                (err, stdout, stderr) => {
                    const code = err
                        ? typeof (err as { code?: unknown }).code === "number"
                            ? (err as { code: number }).code
                            : -1
                        : 0;
                    resolve({ exitCode: code, stdout, stderr, ms: Date.now() - start });
                },
            );
        });
    }

    private colorArgs(o: RunOptions): string[] {
        return ["--color", o.color ? "always" : "never"];
    }

    private packArgs(o: RunOptions): string[] {
        const args: string[] = [];
        if (!o.noPack) args.push("--policy-pack", REPO_ROOT);
        if (!o.noPack && o.config) args.push("--policy-pack-config", o.config);
        for (const p of o.extraPacks ?? []) args.push("--policy-pack", p);
        if (o.json) args.push("--json");
        return args;
    }

    /** `pulumi preview --policy-pack <repo> [--policy-pack-config <file>] …` */
    preview(o: RunOptions = {}): Promise<CliRun> {
        return this.pulumi(["preview", "--non-interactive", ...this.colorArgs(o), ...this.packArgs(o)]);
    }

    /** `pulumi up --yes --skip-preview --policy-pack <repo> …` */
    up(o: RunOptions = {}): Promise<CliRun> {
        return this.pulumi([
            "up",
            "--yes",
            "--skip-preview",
            "--non-interactive",
            ...this.colorArgs(o),
            ...this.packArgs(o),
        ]);
    }
}

/** A policy event of the CLI's JSON event stream (apitype.PolicyEvent). */
export interface PolicyEvent {
    resourceUrn?: string;
    message: string;
    policyName: string;
    policyPackName: string;
    enforcementLevel: string;
}

/** One line of `pulumi preview --json` (streamed) / `pulumi up --json`: an engine event (apitype.EngineEvent). */
export interface EngineEvent {
    policyEvent?: PolicyEvent;
    policyRemediationEvent?: {
        resourceUrn: string;
        policyName: string;
        policyPackName: string;
        before: Record<string, unknown>;
        after: Record<string, unknown>;
    };
    resourcePreEvent?: { metadata: { op: string; urn: string; type: string } };
    diagnosticEvent?: { urn?: string; message: string; severity: string };
}

export function engineEvents(run: CliRun): EngineEvent[] {
    return run.stdout
        .split("\n")
        .filter((l) => l.startsWith("{"))
        .map((l) => JSON.parse(l) as EngineEvent);
}

export interface Finding {
    urn: string;
    policy: string;
    level: string;
    message: string;
}

/** What a real preview decided for an example: its golden file, examples/real-preview/<name>/expected.json. */
export interface RealPreviewVerdict {
    example: string;
    /** The CLI's exit code: 0 when nothing mandatory was reported. */
    exitCode: number;
    /** `type::name` of every resource the preview planned (components, their children, providers), sorted. */
    resources: string[];
    /** isolation-guard's policy events, sorted by URN, policy and message. */
    findings: Finding[];
}

function compare(a: string, b: string): number {
    return a < b ? -1 : a > b ? 1 : 0;
}

export function findingsOf(run: CliRun, pack = "isolation-guard"): Finding[] {
    return engineEvents(run)
        .flatMap((e) => (e.policyEvent && e.policyEvent.policyPackName === pack ? [e.policyEvent] : []))
        .map((e) => ({ urn: e.resourceUrn ?? "", policy: e.policyName, level: e.enforcementLevel, message: e.message }))
        .sort((a, b) => compare(a.urn, b.urn) || compare(a.policy, b.policy) || compare(a.message, b.message));
}

export function verdictOf(example: string, run: CliRun): RealPreviewVerdict {
    const planned = new Set<string>();
    for (const e of engineEvents(run)) {
        const m = e.resourcePreEvent?.metadata;
        if (m) planned.add(`${m.type}::${m.urn.split("::").pop()}`);
    }
    return { example, exitCode: run.exitCode, resources: [...planned].sort(), findings: findingsOf(run) };
}

export function realPreviewGoldenPath(example: string): string {
    return path.join(REAL_PREVIEW_DIR, example, "expected.json");
}

export function realPreviewConfigPath(example: string): string | undefined {
    const p = path.join(REAL_PREVIEW_DIR, example, "policy-config.json");
    return fs.existsSync(p) ? p : undefined;
}
