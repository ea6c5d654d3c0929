// `npm run demo`: the example stacks judged through the real engine path, shown the way `pulumi preview
// --policy-pack .` shows policy results: per resource, each violation with its enforcement level, then a verdict.
// Every example runs under Pulumi's mocks and the pack is driven over the analyzer protocol exactly as the engine
// drives it (test/harness/judge.ts). With PULUMI_CLI set to a pulumi binary, each stack is also run through the real
// CLI (`pulumi policy analyze`) and its own output printed. With REAL_PREVIEW=1, the Pulumi YAML programs of
// examples/real-preview/ then go through a real `pulumi preview --policy-pack` (realPreviewDemo.ts).
//   npm run demo [-- [--format text|json] <example or program directory>...]
// An argument that is a directory with a Pulumi.yaml (anywhere, e.g. `npm run demo -- ~/src/my-infra`) is judged as
// that program: TypeScript or JavaScript, no backend or cloud credentials needed; its policy-config.json, if any, is
// passed as the examples' are. Provider function calls are answered from test/harness/invokes.ts.
// Exit code: 0 nothing blocking; 1 a blocking finding (mandatory, or remediate as `isolation-guard scan` counts it);
// 2 bad usage, or a program that could not be judged (the others are still judged).
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as yaml from "js-yaml";
import { findPulumiCli, policyAnalyze, PulumiCli } from "./cli";
import { realPreviewDemo } from "./realPreviewDemo";
import { PolicyPackConfigFile } from "./engine";
import { JudgedDiagnostic, judgeResources, policyConfigPath, PropertyChange } from "./judge";
import { CapturedProgram, captureExample, captureProgram, EXAMPLES_DIR, exampleNames, REPO_ROOT } from "./program";
import { toDeployment } from "./state";

const useColor = process.stdout.isTTY && !process.env.NO_COLOR;
const paint = (code: string) => (s: string) => (useColor ? `\u001b[${code}m${s}\u001b[0m` : s);
const red = paint("31");
const yellow = paint("33");
const green = paint("32");
const bold = paint("1");
const dim = paint("2");

const USAGE = `Usage: npm run demo -- [--format text|json] [EXAMPLE or DIR]...
Judges each example (by name; all of them when none is named) or Pulumi Node.js program directory (one with a
Pulumi.yaml) under Pulumi's mocks, through the analyzer protocol, as \`pulumi preview --policy-pack\` would.
  --format F   text (default) or json (one JSON document on stdout)
Exit code: 0 nothing blocking; 1 a blocking finding (mandatory, or a remediate policy rewriting inputs);
2 bad usage, or a program that could not be judged (the others are still judged).`;

class UsageError extends Error {}

interface Options {
    format: "text" | "json";
    targets: Target[];
}

function describeProgram(dir: string): string {
    try {
        const project = yaml.load(fs.readFileSync(path.join(dir, "Pulumi.yaml"), "utf8"));
        const description = (project as { description?: unknown } | undefined)?.description;
        return typeof description === "string" ? description : "";
    } catch {
        return "";
    }
}

/** A program to judge: an example by name, or any Pulumi program directory. */
interface Target {
    label: string;
    dir: string;
    capture(): Promise<CapturedProgram>;
}

function targetOf(arg: string): Target {
    if (fs.existsSync(path.join(arg, "Pulumi.yaml")) && !exampleNames().includes(arg)) {
        const dir = path.resolve(arg);
        const relative = path.relative(process.cwd(), dir);
        const label = relative === "" ? "." : relative.startsWith("..") ? dir : relative;
        return { label, dir, capture: () => captureProgram(dir) };
    }
    if (!exampleNames().includes(arg))
        throw new UsageError(
            `${arg} is neither an example (${exampleNames().join(", ")}) nor a directory with a Pulumi.yaml`,
        );
    return { label: `examples/${arg}`, dir: path.join(EXAMPLES_DIR, arg), capture: () => captureExample(arg) };
}

function parseArgs(argv: string[]): Options | "help" {
    let format: Options["format"] = "text";
    const names: string[] = [];
    for (let i = 0; i < argv.length; i++) {
        const a = argv[i];
        if (a === "--help" || a === "-h") return "help";
        if (a === "--format" || a.startsWith("--format=")) {
            const value = a === "--format" ? argv[++i] : a.slice("--format=".length);
            if (value !== "text" && value !== "json")
                throw new UsageError(`--format takes text or json, not ${value === undefined ? "nothing" : value}`);
            format = value;
        } else if (a.startsWith("-") && a !== "-") throw new UsageError(`unknown option ${a}`);
        else names.push(a);
    }
    return { format, targets: (names.length ? names : exampleNames()).map(targetOf) };
}

// ---- one program's result, as printed and as JSON ----

/** One finding as the text and JSON outputs give it (`--format json`: programs[].findings[]). */
export interface Finding {
    urn: string;
    type: string;
    name: string;
    policy: string;
    level: string;
    message: string;
}

interface RemediationResult {
    urn: string;
    type: string;
    name: string;
    policy: string;
    changes: PropertyChange[];
}

interface ProgramResult {
    label: string;
    dir: string;
    description: string;
    policyConfig?: string;
    /** pass: nothing blocking; fail: a blocking finding; error: the program could not be judged. */
    verdict: "pass" | "fail" | "error";
    exitCode: 0 | 1 | 2;
    resources: string[];
    findings: Finding[];
    remediations: RemediationResult[];
    /** What the verdict may not show: provider functions answered with a placeholder, components not judged. */
    notes: string[];
    /** Provider functions not in the invoke table (answered with an empty, unknown-like result). */
    unknownInvokes: string[];
    errors: string[];
}

/** urn:pulumi:<stack>::<project>::<qualified type>::<name> → its type (the last of the qualified type) and name. */
function typeAndName(urn: string): { type: string; name: string } {
    const parts = urn.split("::");
    if (parts.length < 4) return { type: "", name: "" };
    return { type: (parts[2] ?? "").split("$").pop() ?? "", name: parts.slice(3).join("::") };
}

function resourceLabel(urn: string): string {
    // As pulumi prints it: "<type>: <name>".
    const { type, name } = typeAndName(urn);
    return type ? `${type}: ${name}` : "stack";
}

const isBlockingLevel = (level: string) => level === "mandatory" || level === "remediate";

/** One clear line for a failure: the harness's own explanation, else the error line of the child's stack trace. */
function oneLine(e: unknown): string {
    const text = e instanceof Error ? e.message : String(e);
    const lines = text
        .split("\n")
        .map((l) => l.trim())
        .filter(Boolean);
    const errorLine = lines.find((l) => /^(\w*Error|Error)\b[:\s]/.test(l));
    const first = lines[0] ?? "unknown error";
    // The child puts the harness's hints first and the stack after them, in parentheses.
    return first.startsWith("The program called") || !errorLine ? first.replace(/^\(/, "") : errorLine;
}

function invokeNote(token: string): string {
    return (
        `the program called ${token}, which is not in the invoke table (test/harness/invokes.ts): answered with an ` +
        "empty, unknown-like result, so what the program registered may depend on it"
    );
}

/** The result, and the captured program (for the real CLI run) when it could be captured. */
async function judgeTarget(target: Target): Promise<[ProgramResult, CapturedProgram?]> {
    const configFile = policyConfigPath(target.dir);
    const base = {
        label: target.label,
        dir: target.dir,
        description: describeProgram(target.dir),
        ...(configFile ? { policyConfig: configFile } : {}),
    };
    try {
        const captured = await target.capture();
        const config = configFile ? (JSON.parse(fs.readFileSync(configFile, "utf8")) as PolicyPackConfigFile) : {};
        const verdict = await judgeResources(target.label, captured.project, captured.resources, config);
        const finding = (d: JudgedDiagnostic): Finding => ({ ...typeAndName(d.urn), ...d });
        const findings = [...verdict.diagnostics, ...verdict.stackDiagnostics].map(finding);
        const remediations = (verdict.remediations ?? []).map((r) => ({ ...r, ...typeAndName(r.urn) }));
        const unknownInvokes = captured.unknownInvokes ?? [];
        const notes = [
            ...unknownInvokes.map(invokeNote),
            ...(captured.remoteComponents ?? []).map(
                (c) =>
                    `${c} is a component its provider builds; under mocks its children are not created and not judged`,
            ),
        ];
        const blocking = findings.some((f) => isBlockingLevel(f.level)) || remediations.length > 0;
        const result: ProgramResult = {
            ...base,
            verdict: blocking ? "fail" : "pass",
            exitCode: blocking ? 1 : 0,
            resources: verdict.resources,
            findings: findings.map((f) => ({
                urn: f.urn,
                type: f.type,
                name: f.name,
                policy: f.policy,
                level: f.level,
                message: f.message,
            })),
            remediations: remediations.map((r) => ({
                urn: r.urn,
                type: r.type,
                name: r.name,
                policy: r.policy,
                changes: r.changes,
            })),
            notes,
            unknownInvokes,
            errors: [],
        };
        return [result, captured];
    } catch (e) {
        if (process.env.DEBUG) console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
        return [
            {
                ...base,
                verdict: "error",
                exitCode: 2,
                resources: [],
                findings: [],
                remediations: [],
                notes: [],
                unknownInvokes: [],
                errors: [oneLine(e)],
            },
        ];
    }
}

// ---- text ----

function printFinding(f: Finding): void {
    const level = f.level === "mandatory" ? red(`[${f.level}]`) : yellow(`[${f.level}]`);
    const [first, ...rest] = f.message.split("\n");
    console.log(`        - ${level}  ${bold(f.policy)}`);
    // The pack's messages are "<policy description>\n<finding>" (notes have no description line).
    for (const line of rest.length ? rest : [first]) console.log(`          ${line}`);
    if (rest.length) console.log(dim(`          (${first})`));
}

const shown = (v: unknown) => (v === undefined ? "(none)" : JSON.stringify(v));

function printRemediation(r: RemediationResult): void {
    console.log(`        - ${yellow("[remediate]")}  ${bold(r.policy)}  rewrites the inputs:`);
    for (const c of r.changes) console.log(`          ${c.path}: ${shown(c.before)} → ${shown(c.after)}`);
}

function printResult(r: ProgramResult): void {
    console.log(
        `${bold(r.label)}${r.description ? `  ${dim(r.description)}` : ""}${r.policyConfig ? dim(" (with its policy-config.json)") : ""}`,
    );
    if (r.verdict === "error") {
        console.log(`    ${red(`❗ could not be judged: ${r.errors.join("; ")}`)}`);
        return;
    }
    console.log(dim(`    ${r.resources.length} resources: ${r.resources.map((x) => x.split("::").pop()).join(", ")}`));
    const byResource = new Map<string, { findings: Finding[]; remediations: RemediationResult[] }>();
    const entry = (urn: string) => {
        const e = byResource.get(urn) ?? { findings: [], remediations: [] };
        byResource.set(urn, e);
        return e;
    };
    for (const rem of r.remediations) entry(rem.urn).remediations.push(rem);
    for (const f of r.findings) entry(f.urn).findings.push(f);
    for (const [urn, e] of byResource) {
        console.log(`    ${bold(resourceLabel(urn))}`);
        e.remediations.forEach(printRemediation);
        e.findings.forEach(printFinding);
    }
    for (const note of r.notes) console.log(yellow(`    ! ${note}`));
    if (!r.findings.length && !r.remediations.length) {
        console.log(`    ${green("✅ isolation-guard: no violations")}`);
        return;
    }
    const mandatory = r.findings.filter((f) => f.level === "mandatory").length;
    // A finding at level remediate that no fix removed blocks as a mandatory one does.
    const unfixed = r.findings.filter((f) => f.level === "remediate").length;
    const advisory = r.findings.length - mandatory - unfixed;
    const rewritten = r.remediations.length;
    const verdict = mandatory
        ? red(`❌ preview fails: ${mandatory} mandatory violation(s)`)
        : unfixed || rewritten
          ? red("❌ blocking")
          : green("✅ preview passes");
    const extra = [
        unfixed ? red(`, ${unfixed} remediate finding(s) without a fix`) : "",
        rewritten ? red(`, ${rewritten} remediation(s): pulumi preview would rewrite the inputs shown`) : "",
        advisory ? yellow(`, ${advisory} advisory`) : "",
    ].join("");
    console.log(`    ${verdict}${extra}`);
}

async function printRealCli(captured: CapturedProgram, r: ProgramResult, cli: PulumiCli): Promise<void> {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "isolation-guard-demo-"));
    const state = path.join(tmp, "state.json");
    fs.writeFileSync(state, JSON.stringify(toDeployment(captured.resources)));
    const run = await policyAnalyze(cli, state, REPO_ROOT, r.policyConfig);
    fs.rmSync(tmp, { recursive: true, force: true });
    console.log(dim(`    --- real CLI: pulumi policy analyze --policy-pack . (exit ${run.exitCode}) ---`));
    for (const line of `${run.stdout}${run.stderr}`.trimEnd().split("\n")) console.log(dim(`    | ${line}`));
}

async function main(): Promise<number> {
    let options: Options | "help";
    try {
        options = parseArgs(process.argv.slice(2));
    } catch (e) {
        if (!(e instanceof UsageError)) throw e;
        console.error(`${e.message}\n\n${USAGE}`);
        return 2;
    }
    if (options === "help") {
        console.log(USAGE);
        return 0;
    }
    const { format, targets } = options;
    const results: ProgramResult[] = [];
    if (format === "json") {
        for (const target of targets) results.push((await judgeTarget(target))[0]);
        const exitCode = Math.max(0, ...results.map((r) => r.exitCode));
        console.log(JSON.stringify({ tool: "isolation-guard demo", exitCode, programs: results }, null, 2));
        return exitCode;
    }
    const cliLookup = process.env.PULUMI_CLI ? findPulumiCli() : undefined;
    console.log(
        bold(
            "isolation-guard: stacks judged through the engine path (analyzer protocol, as `pulumi preview --policy-pack .`)",
        ),
    );
    console.log(
        dim(
            "Each program runs under Pulumi's mocks; the pack is started as the Node.js language host starts it and driven over gRPC.\n",
        ),
    );
    for (const target of targets) {
        const [r, captured] = await judgeTarget(target);
        results.push(r);
        printResult(r);
        if (cliLookup && "cli" in cliLookup && captured) await printRealCli(captured, r, cliLookup.cli);
        console.log("");
    }
    const failing = results.filter((r) => r.verdict === "fail").length;
    const errors = results.filter((r) => r.verdict === "error").length;
    const exitCode = Math.max(0, ...results.map((r) => r.exitCode));
    console.log(
        `${targets.length} stack(s), ${failing} blocking (\`pulumi preview\` would fail or rewrite inputs)${errors ? `, ${errors} could not be judged` : ""} (exit code ${exitCode}).`,
    );
    if (!cliLookup)
        console.log(
            dim(
                "Set PULUMI_CLI=$(bash scripts/pulumi-cli.sh | tail -n 1) to also run each stack through the real pulumi CLI.",
            ),
        );
    else if ("unavailable" in cliLookup) console.log(yellow(`Real CLI not run: ${cliLookup.unavailable}`));
    // The Pulumi YAML programs of examples/real-preview/ through a real `pulumi preview` (real provider, no mocks).
    if (process.env.REAL_PREVIEW === "1") {
        console.log("");
        await realPreviewDemo();
    } else
        console.log(
            dim(
                "Set REAL_PREVIEW=1 to also run real previews of examples/real-preview/ (needs bash scripts/pulumi-cli.sh and bash scripts/plugins.sh run once).",
            ),
        );
    return exitCode;
}

main().then(
    (code) => {
        process.exitCode = code;
    },
    (e) => {
        console.error(process.env.DEBUG && e instanceof Error ? (e.stack ?? e.message) : oneLine(e));
        process.exitCode = 2;
    },
);
