#!/usr/bin/env node
// `isolation-guard scan`: judges Kubernetes manifests (YAML or JSON, multi-document, directories recursively, or
// stdin for `helm template … | isolation-guard scan -`) with the pack's own policies, config handling and judging
// pipeline (engine/pipeline.ts), so an audit of existing manifests or Helm output agrees with `pulumi preview`. Loads no
// engine: only adapters, policies and the pipeline (types only from @pulumi/policy).
import { CommonOptions, parseCommonArgs, UsageError } from "./args";
import * as fs from "fs";
import * as path from "path";
import * as yaml from "js-yaml";
import { judgeResource, judgeStack } from "../engine/pipeline";
import { PackConfigError, resolvePackConfig, ResolvedPolicy } from "./packConfig";
import { isPlainObject, JsonObject } from "../model/read";
import { resourcePolicies } from "../policies";
import { JudgedResource, renderReport, SCAN_FORMATS, ScanFinding, ScanFormat } from "./report";

export type { ScanFinding } from "./report";

export const PRESETS_DIR = path.resolve(__dirname, "..", "..", "presets");
const MANIFEST_EXTENSIONS = new Set([".yaml", ".yml", ".json"]);

/** The file name findings give resources read from standard input (`-`). */
export const STDIN_NAME = "<stdin>";

/** A manifest object with its Pulumi type token and the file (and 1-based line) it starts at. */
export interface Manifest {
    file: string;
    line: number;
    type: string;
    kind: string;
    name: string;
    props: JsonObject;
}

export class UnreadableInput extends Error {
    constructor(
        readonly file: string,
        readonly reason: string,
    ) {
        super(`${file}: ${reason}`);
    }
}

const USAGE = `usage: isolation-guard scan [--preset NAME | --config FILE] [--pss-version latest|v1.N] [--format text|json|sarif|junit] PATH...

Judges Kubernetes manifests (YAML/JSON files, multi-document, directories recursively; - reads standard input) with
the isolation-guard policies. --preset NAME loads presets/NAME.json (pss-baseline, pss-restricted); --config FILE a
Pulumi --policy-pack-config file. --format sarif writes SARIF 2.1.0 (code scanning), junit a JUnit XML report.
Exit code: 1 if a mandatory finding exists, 2 on unreadable input or bad usage, else 0.`;

/** `apps/v1` + Deployment → `kubernetes:apps/v1:Deployment`; `v1` + Pod → `kubernetes:core/v1:Pod`. */
export function kubernetesTypeToken(apiVersion: string, kind: string): string {
    const [group, version] = apiVersion.includes("/") ? apiVersion.split("/", 2) : ["core", apiVersion];
    return `kubernetes:${group}/${version}:${kind}`;
}

/** Every manifest file under the paths: files as given, directories recursively (.yaml, .yml, .json), sorted. */
export function manifestFiles(paths: readonly string[]): string[] {
    const out: string[] = [];
    const walk = (p: string, explicit: boolean) => {
        let st: fs.Stats;
        try {
            st = fs.statSync(p);
        } catch (e) {
            throw new UnreadableInput(
                p,
                (e as NodeJS.ErrnoException).code === "ENOENT"
                    ? "no such file or directory"
                    : String((e as Error).message),
            );
        }
        if (st.isDirectory()) {
            for (const entry of fs.readdirSync(p).sort()) walk(path.join(p, entry), false);
        } else if (explicit || MANIFEST_EXTENSIONS.has(path.extname(p).toLowerCase())) {
            out.push(p);
        }
    };
    for (const p of paths) walk(p, true);
    return out;
}

/** Where each parsed object starts (0-based line), recorded while js-yaml composes the documents. */
type StartLines = WeakMap<object, number>;

/** Splits documents into resources: `List` and typed `…List` kinds contribute their items. */
function collect(
    file: string,
    doc: unknown,
    out: Manifest[],
    lines: StartLines,
    inherited?: { apiVersion: string; kind: string },
): void {
    if (!isPlainObject(doc)) return;
    const apiVersion = typeof doc.apiVersion === "string" ? doc.apiVersion : inherited?.apiVersion;
    const kind = typeof doc.kind === "string" ? doc.kind : inherited?.kind;
    if (!apiVersion || !kind) return;
    if (kind.endsWith("List") && Array.isArray(doc.items)) {
        const itemKind = kind === "List" ? undefined : kind.slice(0, -"List".length);
        for (const item of doc.items)
            collect(file, item, out, lines, itemKind ? { apiVersion, kind: itemKind } : undefined);
        return;
    }
    const metadata = isPlainObject(doc.metadata) ? doc.metadata : {};
    const name = typeof metadata.name === "string" ? metadata.name : `${kind}#${out.length}`;
    out.push({
        file,
        line: (lines.get(doc) ?? 0) + 1,
        type: kubernetesTypeToken(apiVersion, kind),
        kind,
        name,
        props: { ...doc, apiVersion, kind },
    });
}

/** The resources of a YAML or JSON text (multi-document), each with the line it starts at. */
export function parseManifests(file: string, text: string): Manifest[] {
    const lines: StartLines = new WeakMap();
    const open: number[] = [];
    let docs: unknown[];
    try {
        docs = yaml.loadAll(text, undefined, {
            // js-yaml reports each node it composes: opened at its first line, closed with its value.
            listener(event, state) {
                if (event === "open") open.push(state.line);
                else {
                    const start = open.pop();
                    const value: unknown = state.result;
                    if (start !== undefined && typeof value === "object" && value !== null && !lines.has(value))
                        lines.set(value, start);
                }
            },
        });
    } catch (e) {
        throw new UnreadableInput(file, `not valid YAML or JSON: ${(e as Error).message.split("\n")[0]}`);
    }
    const out: Manifest[] = [];
    for (const doc of docs) collect(file, doc, out, lines);
    return out;
}

export function readManifests(file: string): Manifest[] {
    let text: string;
    try {
        text = fs.readFileSync(file, "utf8");
    } catch (e) {
        throw new UnreadableInput(file, (e as Error).message);
    }
    return parseManifests(file, text);
}

/** The URN a manifest gets in scan's stand-in program (stack `scan`, project `manifests`), for exemptions by URN. */
export function manifestUrn(m: Pick<Manifest, "type" | "name">): string {
    return `urn:pulumi:scan::manifests::${m.type}::${m.name}`;
}

/**
 * Judges manifests with resolved policies as the pack judges a program: per resource what the pack's Analyze runs,
 * then per policy what its AnalyzeStack runs over all the manifests together (engine/pipeline.ts).
 */
export function judgeManifests(manifests: readonly Manifest[], policies: readonly ResolvedPolicy[]): ScanFinding[] {
    const out: ScanFinding[] = [];
    const enabled = policies.filter((p) => p.enforcementLevel !== "disabled");
    const push = (m: Manifest, p: ResolvedPolicy, d: { check: string; message: string; advisory: boolean }) =>
        out.push({
            file: m.file,
            line: m.line,
            kind: m.kind,
            name: m.name,
            policy: p.def.name,
            check: d.check,
            enforcementLevel: d.advisory ? "advisory" : (p.enforcementLevel as ScanFinding["enforcementLevel"]),
            message: d.message,
        });
    for (const m of manifests) {
        const judged = judgeResource(m, enabled, {
            noted: new Set<string>(),
            // The stack pass below judges what other manifests decide (a RuntimeClass's handler, a Fargate profile).
            context: { deferToStack: true },
            exemptions: { urn: manifestUrn(m), resourceName: m.name },
        });
        for (const { run, diagnostic } of judged) push(m, run, diagnostic);
    }
    const byUrn = new Map(manifests.map((m) => [manifestUrn(m), m] as const));
    const resources = manifests.map((m) => ({ urn: manifestUrn(m), type: m.type, name: m.name, props: m.props }));
    for (const { run, diagnostic } of judgeStack(resources, enabled, { deferredToStack: true })) {
        const m = byUrn.get(diagnostic.urn);
        if (m) push(m, run, diagnostic);
    }
    return out;
}

type Options = CommonOptions<ScanFormat>;

function parseArgs(argv: readonly string[]): Options {
    const o = parseCommonArgs(argv, SCAN_FORMATS);
    if (o.paths.filter((p) => p === "-").length > 1) throw new UsageError("- (standard input) given more than once");
    return o;
}

export function loadConfigFile(file: string): unknown {
    let text: string;
    try {
        text = fs.readFileSync(file, "utf8");
    } catch (e) {
        throw new UnreadableInput(file, (e as Error).message);
    }
    try {
        return JSON.parse(text);
    } catch (e) {
        throw new UnreadableInput(file, `not valid JSON: ${(e as Error).message}`);
    }
}

export function presetPath(name: string): string {
    if (!/^[A-Za-z0-9_-]+$/.test(name)) throw new UsageError(`invalid preset name ${JSON.stringify(name)}`);
    return path.join(PRESETS_DIR, `${name}.json`);
}

export interface Io {
    stdout(s: string): void;
    stderr(s: string): void;
    /** Standard input, read whole (for `-`). */
    stdin?(): string;
}

/** The package version, for SARIF's tool.driver.version. */
function toolVersion(): string {
    try {
        const pkg: unknown = JSON.parse(fs.readFileSync(path.resolve(__dirname, "..", "..", "package.json"), "utf8"));
        return isPlainObject(pkg) && typeof pkg.version === "string" ? pkg.version : "unknown";
    } catch {
        return "unknown";
    }
}

/** Runs `scan` with its arguments (after the subcommand); returns the exit code. */
export function scan(argv: readonly string[], io: Io): number {
    let o: Options;
    try {
        o = parseArgs(argv);
    } catch (e) {
        io.stderr(`isolation-guard scan: ${(e as Error).message}\n${USAGE}\n`);
        return 2;
    }
    let policies: ResolvedPolicy[];
    try {
        const raw = o.preset ? loadConfigFile(presetPath(o.preset)) : o.config ? loadConfigFile(o.config) : {};
        policies = resolvePackConfig(resourcePolicies, raw, o.pssVersion ? { pssVersion: o.pssVersion } : {});
    } catch (e) {
        if (e instanceof UnreadableInput || e instanceof PackConfigError || e instanceof UsageError) {
            io.stderr(`isolation-guard scan: ${e.message}\n`);
            return 2;
        }
        throw e;
    }
    const unreadable: UnreadableInput[] = [];
    const manifests: Manifest[] = [];
    let files: string[] = [];
    for (const p of o.paths) {
        if (p === "-") {
            files.push(STDIN_NAME);
            continue;
        }
        try {
            files = files.concat(manifestFiles([p]));
        } catch (e) {
            if (!(e instanceof UnreadableInput)) throw e;
            unreadable.push(e);
        }
    }
    for (const f of files) {
        try {
            if (f === STDIN_NAME) {
                let text: string;
                try {
                    text = (io.stdin ?? readStdin)();
                } catch (e) {
                    throw new UnreadableInput(STDIN_NAME, (e as Error).message);
                }
                manifests.push(...parseManifests(STDIN_NAME, text));
            } else manifests.push(...readManifests(f));
        } catch (e) {
            if (!(e instanceof UnreadableInput)) throw e;
            unreadable.push(e);
        }
    }
    const findings = judgeManifests(manifests, policies);
    const resources: JudgedResource[] = manifests.map(({ file, line, kind, name }) => ({ file, line, kind, name }));
    io.stdout(
        renderReport(o.format, {
            findings,
            resources,
            files: files.length,
            policies: policies.filter((p) => p.enforcementLevel !== "disabled"),
            toolVersion: toolVersion(),
        }),
    );
    for (const u of unreadable) io.stderr(`isolation-guard scan: cannot read ${u.file}: ${u.reason}\n`);
    if (unreadable.length) return 2;
    return findings.some((f) => f.enforcementLevel !== "advisory") ? 1 : 0;
}

function readStdin(): string {
    return fs.readFileSync(0, "utf8");
}

export function main(argv: readonly string[]): number {
    const io: Io = { stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s), stdin: readStdin };
    const [command, ...rest] = argv;
    if (command === "scan") return scan(rest, io);
    io.stderr(
        command === undefined || command === "--help" || command === "-h"
            ? `${USAGE}\n`
            : `isolation-guard: unknown command ${JSON.stringify(command)}\n${USAGE}\n`,
    );
    return command === "--help" || command === "-h" ? 0 : 2;
}

if (require.main === module) {
    process.exitCode = main(process.argv.slice(2));
}
