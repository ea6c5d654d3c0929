// Runs a compiled example program under Pulumi's mocks, as a preview, and captures what the engine would hand a
// policy pack: every registered resource (type, name, URN, parent) in registration order with its inputs in wire
// form (secrets wrapped, preview-time unknowns as the unknown sentinel). Each program runs in its own Node process
// because the Pulumi runtime's state is per process.
//
// Between the program and Analyze the real engine runs the provider's Check; the only Check effect mimicked here is
// the Kubernetes provider's autonaming (metadata.name = <name>-<8 chars> plus the `pulumi.com/autonamed`
// annotation), made deterministic so golden files are stable. Docker (a bridged Terraform provider) passes inputs
// through Check unchanged apart from schema defaults the pack does not read.
import { execFile } from "child_process";
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { promisify } from "util";
import type { StackResource } from "./engine";
import { answerInvoke } from "./invokes";

export const REPO_ROOT = path.resolve(__dirname, "..", "..", "..");
export const EXAMPLES_DIR = path.join(REPO_ROOT, "examples");
const COMPILED_EXAMPLES_DIR = path.join(REPO_ROOT, "dist", "examples");
export const STACK = "dev";

const SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
const RESOURCE_REFERENCE_SIG = "5cf8f73096256a8f31e491e813e4eb8e";
const OUTPUT_VALUE_SIG = "d0e6a833031e9bbcd3f4e8bde6ca49a4";
const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export interface CapturedResource extends StackResource {
    custom: boolean;
    /** The program's own inputs as the engine holds them at preview (after the mimicked provider Check). */
    properties: Record<string, unknown>;
}

export interface CapturedProgram {
    project: string;
    resources: CapturedResource[];
    /**
     * Components a provider builds itself (registered `remote`, e.g. `kubernetes:helm.sh/v4:Chart`): under mocks their
     * children never register, so what they would create is not judged.
     */
    remoteComponents?: string[];
    /**
     * Provider functions the program called that the invoke table (invokes.ts) does not know: each was answered with
     * an empty, unknown-like result, so what the program registered may depend on it.
     */
    unknownInvokes?: string[];
}

/** What the child process writes on stdout. */
interface CaptureOutput {
    resources: CapturedResource[];
    remoteComponents: string[];
    unknownInvokes: string[];
}

/** Example directories (those with a Pulumi.yaml), sorted. */
export function exampleNames(): string[] {
    return fs
        .readdirSync(EXAMPLES_DIR, { withFileTypes: true })
        .filter((d) => d.isDirectory() && fs.existsSync(path.join(EXAMPLES_DIR, d.name, "Pulumi.yaml")))
        .map((d) => d.name)
        .sort();
}

export function projectName(example: string): string {
    const yaml = fs.readFileSync(path.join(EXAMPLES_DIR, example, "Pulumi.yaml"), "utf8");
    const m = /^name:\s*(\S+)/m.exec(yaml);
    if (!m) throw new Error(`examples/${example}/Pulumi.yaml has no name`);
    return m[1];
}

/** Runs examples/<name> (compiled into dist/examples/<name>) under mocks in a child process. */
export async function captureExample(example: string): Promise<CapturedProgram> {
    const program = path.join(COMPILED_EXAMPLES_DIR, example, "index.js");
    if (!fs.existsSync(program))
        throw new Error(`${program} is missing: run \`npm run build\` (it compiles examples/ too)`);
    return runCapture(program, projectName(example), path.join(EXAMPLES_DIR, example));
}

/** The project name in a program directory's Pulumi.yaml. */
function projectNameIn(dir: string): string {
    const file = path.join(dir, "Pulumi.yaml");
    if (!fs.existsSync(file)) throw new Error(`${dir} is not a Pulumi project: it has no Pulumi.yaml`);
    const m = /^name:\s*["']?([^\s"']+)/m.exec(fs.readFileSync(file, "utf8"));
    if (!m) throw new Error(`${file} has no name`);
    return m[1];
}

/**
 * The entry file of a Pulumi Node.js program, as the language host finds it: Pulumi.yaml `main` (a file, or a
 * directory holding the program), else package.json `main`, else index.ts or index.js.
 */
export function programEntry(dir: string): string {
    const yaml = fs.readFileSync(path.join(dir, "Pulumi.yaml"), "utf8");
    const main = /^main:\s*["']?([^\s"'#]+)/m.exec(yaml)?.[1];
    let base = main ? path.resolve(dir, main) : dir;
    if (!fs.existsSync(base)) throw new Error(`Pulumi.yaml main ${main} does not exist in ${dir}`);
    if (fs.statSync(base).isFile()) return base;
    const pkg = path.join(base, "package.json");
    if (fs.existsSync(pkg)) {
        const pkgMain = (JSON.parse(fs.readFileSync(pkg, "utf8")) as { main?: unknown }).main;
        if (typeof pkgMain === "string" && fs.existsSync(path.resolve(base, pkgMain))) {
            const resolved = path.resolve(base, pkgMain);
            if (fs.statSync(resolved).isFile()) return resolved;
            base = resolved;
        }
    }
    for (const f of ["index.ts", "index.js"]) if (fs.existsSync(path.join(base, f))) return path.join(base, f);
    throw new Error(`no program entry in ${dir}: expected index.ts or index.js (or main in Pulumi.yaml/package.json)`);
}

/**
 * Runs any Pulumi Node.js program directory (TypeScript or JavaScript) under mocks. TypeScript is transpiled as it
 * loads (types are not checked). The program's own node_modules are used when it has them, this repository's
 * otherwise; either way the program and the mocks share one @pulumi/pulumi.
 */
export async function captureProgram(dir: string): Promise<CapturedProgram> {
    const abs = path.resolve(dir);
    const project = projectNameIn(abs);
    return runCapture(programEntry(abs), project, abs);
}

async function runCapture(program: string, project: string, cwd: string): Promise<CapturedProgram> {
    try {
        const { stdout } = await promisify(execFile)(process.execPath, [__filename, program, project], {
            cwd,
            maxBuffer: 64 << 20,
            env: {
                ...process.env,
                // A program without node_modules of its own resolves @pulumi/* from this repository.
                NODE_PATH: [path.join(REPO_ROOT, "node_modules"), process.env.NODE_PATH]
                    .filter((p): p is string => !!p)
                    .join(path.delimiter),
            },
        });
        const out = JSON.parse(stdout) as CaptureOutput;
        return {
            project,
            resources: out.resources,
            ...(out.remoteComponents.length ? { remoteComponents: out.remoteComponents } : {}),
            ...(out.unknownInvokes.length ? { unknownInvokes: out.unknownInvokes } : {}),
        };
    } catch (e) {
        // The child explains itself on stderr (see fail() below); pass that on instead of "Command failed".
        const stderr = (e as { stderr?: unknown }).stderr;
        if (typeof stderr === "string" && stderr.trim()) {
            const explained: Error & { cause?: unknown } = new Error(stderr.trim());
            explained.cause = e;
            throw explained;
        }
        throw e;
    }
}

// ---- what the engine does to inputs before Analyze (FilterProperties with KeepUnknowns, KeepSecrets,
// SkipInternalKeys; output values reduced to their value/unknown; resource references to their ID or URN) ----

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

function isObject(v: Json): v is { [k: string]: Json } {
    return typeof v === "object" && v !== null && !Array.isArray(v);
}

export function toEngineWire(v: Json): Json {
    if (Array.isArray(v)) return v.map(toEngineWire);
    if (!isObject(v)) return v;
    switch (v[SIG_KEY]) {
        case SECRET_SIG:
            return { [SIG_KEY]: SECRET_SIG, value: toEngineWire(v.value) };
        case OUTPUT_VALUE_SIG: {
            const inner = "value" in v ? toEngineWire(v.value) : UNKNOWN;
            return v.secret === true ? { [SIG_KEY]: SECRET_SIG, value: inner } : inner;
        }
        case RESOURCE_REFERENCE_SIG:
            return typeof v.id === "string" && v.id !== "" ? v.id : v.urn;
        case undefined:
            break;
        default:
            return v; // assets, archives
    }
    const out: { [k: string]: Json } = {};
    for (const [k, e] of Object.entries(v)) if (!k.startsWith("__")) out[k] = toEngineWire(e);
    return out;
}

/** The Kubernetes provider's Check: an unnamed object gets `<name>-<suffix>` and the autonamed annotation. */
export function kubernetesAutoname(
    type: string,
    name: string,
    urn: string,
    inputs: { [k: string]: Json },
): { [k: string]: Json } {
    if (!type.startsWith("kubernetes:") || type.startsWith("kubernetes:yaml") || type.startsWith("kubernetes:helm"))
        return inputs;
    const metadata = isObject(inputs.metadata ?? null) ? (inputs.metadata as { [k: string]: Json }) : {};
    if (metadata.name !== undefined && metadata.name !== null) return inputs;
    const suffix = createHash("sha256").update(urn).digest("hex").slice(0, 8);
    const annotations = isObject(metadata.annotations ?? null) ? (metadata.annotations as { [k: string]: Json }) : {};
    return {
        ...inputs,
        metadata: {
            ...metadata,
            name: `${name}-${suffix}`,
            annotations: { ...annotations, "pulumi.com/autonamed": "true" },
        },
    };
}

// ---- child process: run one program under mocks ----

interface RegisterRequest {
    getType(): string;
    getName(): string;
    getParent(): string;
    getCustom(): boolean;
    getDependenciesList(): string[];
    /** `<provider URN>::<provider ID>`, or "" for the default provider. */
    getProvider(): string;
    getObject(): { toJavaScript(): { [k: string]: Json } } | undefined;
    /** A component the provider constructs (multi-language component): its children come from the provider. */
    getRemote(): boolean;
}

interface MockMonitorShape {
    registerResource(req: RegisterRequest, callback: (err: Error | null, res?: unknown) => void): Promise<void>;
    newUrn(parent: string, type: string, name: string): string;
}

/** Invokes the mocks cannot answer, with what to do instead; named when a program fails on one. */
export const UNANSWERED_INVOKES: Readonly<Record<string, string>> = {
    "kubernetes:helm:template":
        "k8s.helm.v3.Chart renders its chart through the Kubernetes provider (kubernetes:helm:template, which runs " +
        "Helm), and the mocks render no charts. Render it first (`helm template <release> <chart> > rendered.yaml`) " +
        "and judge the output with `isolation-guard scan rendered.yaml`, or apply the rendered YAML with " +
        "k8s.yaml.ConfigGroup in the program, or run `pulumi preview --policy-pack <this pack>` on a real stack.",
};

function unansweredAdvice(token: string): string {
    return (
        UNANSWERED_INVOKES[token] ??
        "Judge what it produces another way: render it to YAML and use `isolation-guard scan`, or run `pulumi " +
            "preview --policy-pack <this pack>` on a real stack."
    );
}

/** Requires a module as the program will: from the program's directory first, then this repository. */
function requireFromProgram_resolve(programDir: string, id: string): string {
    try {
        return require.resolve(id, { paths: [programDir] });
    } catch {
        return require.resolve(id);
    }
}

function requireFromProgram<T>(programDir: string, id: string): T {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only in the child, after mocks are set
    return require(requireFromProgram_resolve(programDir, id)) as T;
}

/** Lets a TypeScript program load without a build step, as `pulumi preview` would (types are not checked). */
function transpileTypeScriptOnLoad(): void {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a devDependency, only for TypeScript programs
    const ts: typeof import("typescript") = require("typescript");
    const extensions = require.extensions as Record<string, (m: NodeJS.Module, filename: string) => void>;
    extensions[".ts"] = (m, filename) => {
        const out = ts.transpileModule(fs.readFileSync(filename, "utf8"), {
            fileName: filename,
            compilerOptions: {
                module: ts.ModuleKind.CommonJS,
                target: ts.ScriptTarget.ES2020,
                esModuleInterop: true,
                sourceMap: false,
            },
        });
        (m as unknown as { _compile(code: string, file: string): void })._compile(out.outputText, filename);
    };
}

async function runUnderMocks(programPath: string, project: string): Promise<CaptureOutput> {
    const programDir = path.dirname(programPath);
    if (programPath.endsWith(".ts")) transpileTypeScriptOnLoad();
    // One @pulumi/pulumi for the mocks and the program (the program's own, if it has node_modules).
    const pulumiDir = path.dirname(requireFromProgram_resolve(programDir, "@pulumi/pulumi/package.json"));
    const pulumi: typeof import("@pulumi/pulumi") = requireFromProgram(programDir, pulumiDir);
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only in the child
    const yaml: typeof import("js-yaml") = require("js-yaml");
    const settings: {
        getMonitor(): unknown;
        waitForRPCs(): Promise<void>;
    } = requireFromProgram(programDir, path.join(pulumiDir, "runtime", "settings"));
    const stack: {
        runInPulumiStack(init: () => Promise<Record<string, unknown> | undefined>): Promise<unknown>;
    } = requireFromProgram(programDir, path.join(pulumiDir, "runtime", "stack"));

    // URNs as the engine forms them: a child of the root stack has no parent prefix; deeper children carry their
    // parent's full qualified type. (The mock monitor uses a shortened form internally; we map ours onto it.)
    const engineUrns = new Map<string, string>();
    const qualifiedTypes = new Map<string, string>();
    const captured: CapturedResource[] = [];
    const remoteComponents: string[] = [];
    const unanswered = new Set<string>();
    const unknownInvokes = new Set<string>();
    failureHint = () => [
        ...[...unanswered].map(
            (t) => `The program called ${t}, which the harness's mocks cannot answer. ${unansweredAdvice(t)}`,
        ),
        ...[...unknownInvokes].map(
            (t) =>
                `The program called ${t}, which is not in the harness's invoke table (test/harness/invokes.ts), and ` +
                "got an empty result; the failure may come from that.",
        ),
    ];

    await pulumi.runtime.setMocks(
        {
            newResource: (args) => {
                const urn = engineUrns.get(`${args.type}::${args.name}`) ?? "";
                const state = kubernetesAutoname(args.type, args.name, urn, args.inputs as { [k: string]: Json });
                return { id: undefined, state };
            },
            call: (args) => {
                if (args.token === "kubernetes:yaml:decode") return { result: yaml.loadAll(String(args.inputs.text)) };
                if (args.token in UNANSWERED_INVOKES) {
                    // The runtime turns this error into a bare `Error`; remember the token so the failure can name it.
                    unanswered.add(args.token);
                    throw new Error(`the program called ${args.token}, which these mocks do not answer`);
                }
                // Provider functions public programs call before they create anything (zones, images, the default
                // VPC, parameters, policy documents), answered as the provider would (invokes.ts).
                const answer = answerInvoke(args.token, args.inputs as Record<string, unknown>);
                if (answer) return answer;
                // Any other: the placeholder the runtime itself returns for an invoke it cannot resolve at preview
                // (an empty result), noted with the verdict because the program's result may depend on it.
                unknownInvokes.add(args.token);
                return {};
            },
        },
        project,
        STACK,
        true,
    );

    const monitor = settings.getMonitor() as MockMonitorShape;
    const register = monitor.registerResource.bind(monitor);
    monitor.registerResource = (req, callback) => {
        const type = req.getType();
        const name = req.getName();
        const mockParent = req.getParent();
        const parent = mockParent ? engineUrns.get(mockParent) : undefined;
        const parentQualified = parent ? qualifiedTypes.get(parent) : undefined;
        const qualifiedType =
            parentQualified && parentQualified !== "pulumi:pulumi:Stack" ? `${parentQualified}$${type}` : type;
        const urn = `urn:pulumi:${STACK}::${project}::${qualifiedType}::${name}`;
        qualifiedTypes.set(urn, qualifiedType);
        engineUrns.set(monitor.newUrn(mockParent, type, name), urn);
        engineUrns.set(`${type}::${name}`, urn);
        if (req.getRemote()) remoteComponents.push(`${type}::${name}`);
        const inputs = toEngineWire(req.getObject()?.toJavaScript() ?? {}) as { [k: string]: Json };
        // An explicit provider registered earlier; the engine sends its URN, type and inputs with the resource.
        const providerRef = req.getProvider();
        const providerUrn = providerRef
            ? engineUrns.get(providerRef.slice(0, providerRef.lastIndexOf("::")))
            : undefined;
        const provider = captured.find((c) => c.urn === providerUrn);
        captured.push({
            type,
            name,
            urn,
            parent,
            custom: req.getCustom(),
            properties: req.getCustom() ? kubernetesAutoname(type, name, urn, inputs) : inputs,
            dependencies: req.getDependenciesList().map((d) => engineUrns.get(d) ?? d),
            ...(provider
                ? {
                      provider: {
                          type: provider.type,
                          name: provider.name,
                          urn: provider.urn,
                          properties: provider.properties,
                      },
                  }
                : {}),
        });
        return register(req, callback);
    };

    // As the language host (cmd/run/run.js): a program whose module exports a function (`export = async () => {...}`,
    // common in public programs) is that function, called and awaited.
    await stack.runInPulumiStack(async () => {
        // eslint-disable-next-line @typescript-eslint/no-require-imports -- the user program, loaded under the mocks
        const programExport = require(programPath) as unknown;
        return (await (programExport instanceof Function ? programExport() : programExport)) as Record<string, unknown>;
    });
    await settings.waitForRPCs();
    // Components may register children after the program's body has returned (a ConfigFile reading its manifest, a
    // chart rendering): wait, as the language host does, until the event loop has nothing left to run.
    await allSettled(() => captured.length, settings.waitForRPCs);
    return { resources: captured, remoteComponents, unknownInvokes: [...unknownInvokes] };
}

/** Extra lines for a failure message (the invokes the mocks could not answer); set by runUnderMocks. */
let failureHint: () => string[] = () => [];

/**
 * Resolves once Node's event loop is empty (`beforeExit`, the moment the Pulumi language host waits for before it
 * disconnects) and a further round registered nothing new.
 */
function allSettled(count: () => number, waitForRPCs: () => Promise<void>): Promise<void> {
    return new Promise((resolve) => {
        let last = -1;
        const onIdle = () => {
            if (count() === last) {
                process.removeListener("beforeExit", onIdle);
                resolve();
                return;
            }
            last = count();
            // Another round: whatever the new registrations started runs before the next beforeExit.
            void waitForRPCs().then(() => setImmediate(() => undefined));
        };
        process.on("beforeExit", onIdle);
    });
}

function fail(err: unknown): never {
    const hints = failureHint();
    const detail =
        err instanceof Error ? (err.message ? err.stack : `${err.stack ?? "Error"} (no message)`) : String(err);
    process.stderr.write(hints.length ? `${hints.join("\n")}\n\n(${detail})\n` : `${detail}\n`);
    process.exit(1);
}

if (require.main === module) {
    const [programPath, project] = process.argv.slice(2);
    // A late registration that fails (an invoke the mocks cannot answer, inside a component) rejects outside any
    // await of ours.
    process.on("unhandledRejection", fail);
    process.on("uncaughtException", fail);
    runUnderMocks(path.resolve(programPath), project).then((out) => process.stdout.write(JSON.stringify(out)), fail);
}
