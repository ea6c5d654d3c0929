#!/usr/bin/env node
// `isolation-guard scan`: judges Kubernetes manifests (YAML or JSON, multi-document, directories recursively, or
// stdin for `helm template … | isolation-guard scan -`) with the pack's own policies, config handling and judging
// pipeline (engine/pipeline.ts), so an audit of existing manifests or Helm output agrees with `pulumi preview`. Loads no
// engine: only adapters, policies and the pipeline (types only from @pulumi/policy).
import { BadValueError, CommonOptions, parseCommonArgs, UsageError, wantsHelp } from "./args";
import * as fs from "fs";
import * as path from "path";
import { loadAllAsApiServer } from "./yaml";
import { judgeAsPreview } from "./previewPasses";
import { PackConfigError, resolvePackConfig, ResolvedPolicy } from "./packConfig";
import { isPlainObject, JsonObject } from "../model/read";
import { resourcePolicies } from "../policies";
import { isBlocking, JudgedResource, renderReport, SCAN_FORMATS, ScanFinding, ScanFormat } from "./report";

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

/** `scan --help`. The presets are listed as they are on disk. */
export function scanUsage(): string {
    return `usage: isolation-guard scan [--preset NAME | --config FILE] [--pss-version latest|v1.N] [--format text|json|sarif|junit] [--allow-empty] PATH...

Judges Kubernetes manifests (YAML/JSON files, multi-document, directories recursively; - reads standard input) with
the isolation-guard policies, reading YAML as the API server does (YAML 1.1: yes/no, on/off, y/n are booleans, 0777 is
octal; a duplicated key's last value, with a warning).
  --preset NAME        a preset config: ${presetNames().join(", ")}
  --config FILE        a Pulumi --policy-pack-config file (JSON)
  --pss-version V      latest (default) or v1.N: the Pod Security Standards version to judge by
  --format F           text (default), json, sarif (SARIF 2.1.0 for code scanning) or junit (JUnit XML)
  --allow-empty        accept a PATH without Kubernetes objects instead of refusing it (exit 2)
Exit code: 0 nothing blocking; 1 a blocking finding (level mandatory or remediate: Pulumi would reject the resource
or rewrite it, and nothing rewrites a manifest); 2 bad usage, unreadable input, or a PATH without Kubernetes objects.`;
}

/** `apps/v1` + Deployment → `kubernetes:apps/v1:Deployment`; `v1` + Pod → `kubernetes:core/v1:Pod`. */
export function kubernetesTypeToken(apiVersion: string, kind: string): string {
    const [group, version] = apiVersion.includes("/") ? apiVersion.split("/", 2) : ["core", apiVersion];
    return `kubernetes:${group}/${version}:${kind}`;
}

/** Every manifest file under the paths: files as given, directories recursively (.yaml, .yml, .json), sorted. */
export function manifestFiles(paths: readonly string[]): string[] {
    return filesUnder(paths, MANIFEST_EXTENSIONS);
}

/**
 * Every file under the paths: a file as given (whatever its name), directories recursively keeping the names with one
 * of `extensions` (lower case, with the dot), in name order. A path that cannot be read throws UnreadableInput.
 */
export function filesUnder(paths: readonly string[], extensions: ReadonlySet<string>): string[] {
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
        } else if (explicit || extensions.has(path.extname(p).toLowerCase())) {
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

/** Something scan read differently from a plain YAML 1.2 reading, for the reader to fix at the source. */
export interface InputWarning {
    file: string;
    /** 1-based. */
    line: number;
    message: string;
}

/**
 * The resources of a YAML or JSON text (multi-document), each with the line it starts at, read as the API server
 * reads it (cli/yaml.ts): YAML 1.1 scalars, and a duplicated key's last value, each duplicate passed to `warn`.
 */
export function parseManifests(file: string, text: string, warn?: (w: InputWarning) => void): Manifest[] {
    const lines: StartLines = new WeakMap();
    const open: number[] = [];
    let docs: unknown[];
    try {
        // js-yaml reports each node it composes: opened at its first line, closed with its value. A strict first
        // load that stops at a duplicated key leaves unclosed opens at the bottom of `open`; the last-key-wins reload
        // opens and closes in pairs above them, so each close still pops its own open.
        const read = loadAllAsApiServer(text, (event, state) => {
            if (event === "open") open.push(state.line);
            else {
                const start = open.pop();
                const value: unknown = state.result;
                if (start !== undefined && typeof value === "object" && value !== null && !lines.has(value))
                    lines.set(value, start);
            }
        });
        docs = read.docs;
        for (const d of read.duplicates)
            warn?.({
                file,
                line: d.line,
                message: `duplicated key ${/^["']/.test(d.key) ? d.key : JSON.stringify(d.key)}: its last value is read, as kubectl and Helm read it; remove the other`,
            });
    } catch (e) {
        throw new UnreadableInput(file, `not valid YAML or JSON: ${(e as Error).message.split("\n")[0]}`);
    }
    const out: Manifest[] = [];
    for (const doc of docs) collect(file, doc, out, lines);
    return out;
}

export function readManifests(file: string, warn?: (w: InputWarning) => void): Manifest[] {
    let text: string;
    try {
        text = fs.readFileSync(file, "utf8");
    } catch (e) {
        throw new UnreadableInput(file, (e as Error).message);
    }
    return parseManifests(file, text, warn);
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
    const resources = manifests.map((m) => ({ ...m, urn: manifestUrn(m) }));
    const out: ScanFinding[] = judgeAsPreview(resources, policies).map(({ resource: m, policy: p, diagnostic: d }) => ({
        file: m.file,
        line: m.line,
        kind: m.kind,
        name: m.name,
        policy: p.def.name,
        check: d.check,
        enforcementLevel: d.advisory ? "advisory" : (p.enforcementLevel as ScanFinding["enforcementLevel"]),
        message: d.message,
    }));
    // By file, then line: stack-wide findings join their resource's, and every format reads top to bottom. The sort
    // is stable, so one resource's findings keep the policies' order.
    return out.sort(byFileAndLine);
}

/** Orders by file name (code points, the same on every machine), then line. */
export function byFileAndLine(a: { file: string; line: number }, b: { file: string; line: number }): number {
    return a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line;
}

interface Options extends CommonOptions<ScanFormat> {
    /** Accept PATHs without Kubernetes objects (exit by the findings) instead of refusing them (exit 2). */
    allowEmpty: boolean;
}

function parseArgs(argv: readonly string[]): Options {
    let allowEmpty = false;
    const o = parseCommonArgs(argv, SCAN_FORMATS, (flag) => flag === "--allow-empty" && (allowEmpty = true));
    if (o.paths.filter((p) => p === "-").length > 1) throw new UsageError("- (standard input) given more than once");
    return { ...o, allowEmpty };
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

/** The presets of a presets folder (`NAME.json`), by name, sorted; throws when the folder cannot be read. */
export function listPresets(dir: string): string[] {
    return fs
        .readdirSync(dir)
        .filter((f) => f.endsWith(".json"))
        .map((f) => f.slice(0, -".json".length))
        .sort();
}

/** The presets shipped in presets/, by name, sorted; none when the folder cannot be read (help text still prints). */
export function presetNames(): string[] {
    try {
        return listPresets(PRESETS_DIR);
    } catch {
        return [];
    }
}

/** The file of a preset; an unknown name (or one that could leave presets/) is refused naming the presets. */
export function presetPath(name: string): string {
    const names = presetNames();
    if (!names.includes(name))
        throw new UsageError(`unknown preset ${JSON.stringify(name)}; presets: ${names.join(", ")}`);
    return path.join(PRESETS_DIR, `${name}.json`);
}

export interface Io {
    stdout(s: string): void;
    stderr(s: string): void;
    /** Standard input, read whole (for `-`). */
    stdin?(): string;
}

/** The package version, for --version and SARIF's tool.driver.version. */
export function toolVersion(): string {
    try {
        const pkg: unknown = JSON.parse(fs.readFileSync(path.resolve(__dirname, "..", "..", "package.json"), "utf8"));
        return isPlainObject(pkg) && typeof pkg.version === "string" ? pkg.version : "unknown";
    } catch {
        return "unknown";
    }
}

/** Runs `scan` with its arguments (after the subcommand); returns the exit code. */
export function scan(argv: readonly string[], io: Io): number {
    if (wantsHelp(argv)) {
        io.stdout(`${scanUsage()}\n`);
        return 0;
    }
    let o: Options;
    try {
        o = parseArgs(argv);
    } catch (e) {
        const usage = e instanceof BadValueError ? "" : `${scanUsage()}\n`;
        io.stderr(`isolation-guard scan: ${(e as Error).message}\n${usage}`);
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
    const { manifests, files, unreadable, warnings } = readInputs(o, io);
    const findings = judgeManifests(manifests, policies);
    const resources: JudgedResource[] = manifests
        .map(({ file, line, kind, name }) => ({ file, line, kind, name }))
        .sort(byFileAndLine);
    io.stdout(
        renderReport(o.format, {
            findings,
            resources,
            files: files.length,
            policies: policies.filter((p) => p.enforcementLevel !== "disabled"),
            toolVersion: toolVersion(),
            inputErrors: unreadable.map(({ file, reason }) => ({ file, reason })),
            warnings,
        }),
    );
    for (const w of warnings) io.stderr(`isolation-guard scan: warning: ${w.file}:${w.line}: ${w.message}\n`);
    for (const u of unreadable) io.stderr(`isolation-guard scan: cannot read ${u.file}: ${u.reason}\n`);
    if (unreadable.length) return 2;
    return findings.some((f) => isBlocking(f.enforcementLevel)) ? 1 : 0;
}

/** Why a PATH without a Kubernetes object is refused: most often the command before the pipe failed. */
const EMPTY_INPUT = "no Kubernetes objects (documents with apiVersion and kind) in it; --allow-empty accepts that";
const EMPTY_STDIN = `${EMPTY_INPUT} (did the command piping into it fail?)`;

/**
 * Reads every PATH: files, directories, `-`. Unreadable input is collected, not thrown, so the rest is still judged.
 * A PATH that yields no object (an empty file or stream, YAML of something else, a directory without manifests) is
 * input error too unless --allow-empty: a `helm template` that failed before the pipe must not pass as clean. Files a
 * directory holds are not asked one by one (a chart's values.yaml beside its rendered manifests is fine).
 */
function readInputs(
    o: Options,
    io: Io,
): { manifests: Manifest[]; files: string[]; unreadable: UnreadableInput[]; warnings: InputWarning[] } {
    const unreadable: UnreadableInput[] = [];
    const warnings: InputWarning[] = [];
    const warn = (w: InputWarning) => warnings.push(w);
    const manifests: Manifest[] = [];
    const files: string[] = [];
    const read = (f: string, load: () => Manifest[]): boolean => {
        files.push(f);
        try {
            manifests.push(...load());
            return true;
        } catch (e) {
            if (!(e instanceof UnreadableInput)) throw e;
            unreadable.push(e);
            return false;
        }
    };
    for (const p of o.paths) {
        const before = manifests.length;
        let ok = true;
        if (p === "-") {
            ok = read(STDIN_NAME, () => {
                let text: string;
                try {
                    text = (io.stdin ?? readStdin)();
                } catch (e) {
                    throw new UnreadableInput(STDIN_NAME, (e as Error).message);
                }
                return parseManifests(STDIN_NAME, text, warn);
            });
        } else {
            try {
                for (const f of manifestFiles([p])) ok = read(f, () => readManifests(f, warn)) && ok;
            } catch (e) {
                if (!(e instanceof UnreadableInput)) throw e;
                unreadable.push(e);
                ok = false;
            }
        }
        if (ok && manifests.length === before && !o.allowEmpty)
            unreadable.push(new UnreadableInput(p === "-" ? STDIN_NAME : p, p === "-" ? EMPTY_STDIN : EMPTY_INPUT));
    }
    return { manifests, files, unreadable, warnings };
}

function readStdin(): string {
    return fs.readFileSync(0, "utf8");
}

// `node dist/cli/scan.js scan …` (bench/scan.sh) runs scan alone; every other command is dist/cli/main.js's, the bin.
if (require.main === module) {
    const [command, ...rest] = process.argv.slice(2);
    const io: Io = { stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s), stdin: readStdin };
    if (command === "scan") process.exitCode = scan(rest, io);
    else {
        io.stderr(
            `isolation-guard: dist/cli/scan.js runs only "scan"; the isolation-guard command is dist/cli/main.js\n`,
        );
        process.exitCode = 2;
    }
}
