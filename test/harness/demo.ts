// `npm run demo`: the example stacks judged through the real engine path, shown the way `pulumi preview
// --policy-pack .` shows policy results: per resource, each violation with its enforcement level, then a verdict.
// Every example runs under Pulumi's mocks and the pack is driven over the analyzer protocol exactly as the engine
// drives it (test/harness/judge.ts). With PULUMI_CLI set to a pulumi binary, each stack is also run through the real
// CLI (`pulumi policy analyze`) and its own output printed. With REAL_PREVIEW=1, the Pulumi YAML programs of
// examples/real-preview/ then go through a real `pulumi preview --policy-pack` (realPreviewDemo.ts).
//   npm run demo [-- <example or program directory>...]
// An argument that is a directory with a Pulumi.yaml (anywhere, e.g. `npm run demo -- ~/src/my-infra`) is judged as
// that program: TypeScript or JavaScript, no backend or cloud credentials needed; its policy-config.json, if any, is
// passed as the examples' are.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as yaml from "js-yaml";
import { findPulumiCli, policyAnalyze } from "./cli";
import { realPreviewDemo } from "./realPreviewDemo";
import { PolicyPackConfigFile } from "./engine";
import { ExampleVerdict, JudgedDiagnostic, judgeResources, policyConfigPath } from "./judge";
import { CapturedProgram, captureExample, captureProgram, EXAMPLES_DIR, exampleNames, REPO_ROOT } from "./program";
import { toDeployment } from "./state";

const useColor = process.stdout.isTTY && !process.env.NO_COLOR;
const paint = (code: string) => (s: string) => (useColor ? `\u001b[${code}m${s}\u001b[0m` : s);
const red = paint("31");
const yellow = paint("33");
const green = paint("32");
const bold = paint("1");
const dim = paint("2");

function describeProgram(dir: string): string {
    const project = yaml.load(fs.readFileSync(path.join(dir, "Pulumi.yaml"), "utf8"));
    const description = (project as { description?: unknown } | undefined)?.description;
    return typeof description === "string" ? description : "";
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
        throw new Error(
            `${arg} is neither an example (${exampleNames().join(", ")}) nor a directory with a Pulumi.yaml`,
        );
    return { label: `examples/${arg}`, dir: path.join(EXAMPLES_DIR, arg), capture: () => captureExample(arg) };
}

function resourceLabel(urn: string): string {
    // urn:pulumi:<stack>::<project>::<qualified type>::<name> → "<type>: <name>", as pulumi prints it.
    const parts = urn.split("::");
    const type = (parts[2] ?? "").split("$").pop();
    return parts.length >= 4 ? `${type}: ${parts.slice(3).join("::")}` : "stack";
}

function printDiagnostic(d: JudgedDiagnostic): void {
    const level = d.level === "mandatory" ? red("[mandatory]") : yellow(`[${d.level}]`);
    const [first, ...rest] = d.message.split("\n");
    console.log(`        - ${level}  ${bold(d.policy)}`);
    // The pack's messages are "<policy description>\n<finding>" (notes have no description line).
    for (const line of rest.length ? rest : [first]) console.log(`          ${line}`);
    if (rest.length) console.log(dim(`          (${first})`));
}

function printVerdict(v: ExampleVerdict): void {
    const all = [...v.diagnostics, ...v.stackDiagnostics];
    const byResource = new Map<string, JudgedDiagnostic[]>();
    for (const d of all) byResource.set(d.urn, [...(byResource.get(d.urn) ?? []), d]);
    console.log(dim(`    ${v.resources.length} resources: ${v.resources.map((r) => r.split("::").pop()).join(", ")}`));
    if (!all.length) {
        console.log(`    ${green("✅ isolation-guard: no violations")}`);
        return;
    }
    for (const [urn, ds] of byResource) {
        console.log(`    ${bold(resourceLabel(urn))}`);
        ds.forEach(printDiagnostic);
    }
    const mandatory = all.filter((d) => d.level === "mandatory").length;
    const advisory = all.length - mandatory;
    const verdict = mandatory
        ? red(`❌ preview fails: ${mandatory} mandatory violation(s)`)
        : green("✅ preview passes");
    console.log(`    ${verdict}${advisory ? yellow(`, ${advisory} advisory`) : ""}`);
}

async function main(): Promise<void> {
    const requested = process.argv.slice(2);
    const targets = (requested.length ? requested : exampleNames()).map(targetOf);
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
    let failing = 0;
    for (const target of targets) {
        const { project, resources, remoteComponents } = await target.capture();
        const configFile = policyConfigPath(target.dir);
        const config = configFile ? (JSON.parse(fs.readFileSync(configFile, "utf8")) as PolicyPackConfigFile) : {};
        const verdict = await judgeResources(target.label, project, resources, config);
        console.log(
            `${bold(target.label)}  ${dim(describeProgram(target.dir))}${configFile ? dim(" (with its policy-config.json)") : ""}`,
        );
        for (const c of remoteComponents ?? [])
            console.log(
                yellow(
                    `    ! ${c} is a component its provider builds; under mocks its children are not created and not judged`,
                ),
            );
        printVerdict(verdict);
        if ([...verdict.diagnostics, ...verdict.stackDiagnostics].some((d) => d.level === "mandatory")) failing++;
        if (cliLookup && "cli" in cliLookup) {
            const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "isolation-guard-demo-"));
            const state = path.join(tmp, "state.json");
            fs.writeFileSync(state, JSON.stringify(toDeployment(resources)));
            const run = await policyAnalyze(cliLookup.cli, state, REPO_ROOT, configFile);
            fs.rmSync(tmp, { recursive: true, force: true });
            console.log(dim(`    --- real CLI: pulumi policy analyze --policy-pack . (exit ${run.exitCode}) ---`));
            for (const line of `${run.stdout}${run.stderr}`.trimEnd().split("\n")) console.log(dim(`    | ${line}`));
        }
        console.log("");
    }
    console.log(`${targets.length} stack(s), ${failing} would fail \`pulumi preview\`.`);
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
}

main().catch((e) => {
    console.error(e instanceof Error ? e.message : String(e));
    process.exit(1);
});
