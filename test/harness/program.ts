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
    const project = projectName(example);
    const { stdout } = await promisify(execFile)(process.execPath, [__filename, program, project], {
        cwd: path.join(EXAMPLES_DIR, example),
        maxBuffer: 64 << 20,
    });
    return { project, resources: JSON.parse(stdout) as CapturedResource[] };
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
}

interface MockMonitorShape {
    registerResource(req: RegisterRequest, callback: (err: Error | null, res?: unknown) => void): Promise<void>;
    newUrn(parent: string, type: string, name: string): string;
}

async function runUnderMocks(programPath: string, project: string): Promise<CapturedResource[]> {
    /* eslint-disable @typescript-eslint/no-require-imports -- loaded only in the child, after mocks are set */
    const pulumi: typeof import("@pulumi/pulumi") = require("@pulumi/pulumi");
    const yaml: typeof import("js-yaml") = require("js-yaml");
    const settings: {
        getMonitor(): unknown;
        waitForRPCs(): Promise<void>;
    } = require("@pulumi/pulumi/runtime/settings");
    const stack: {
        runInPulumiStack(init: () => Promise<Record<string, unknown> | undefined>): Promise<unknown>;
    } = require("@pulumi/pulumi/runtime/stack");
    /* eslint-enable @typescript-eslint/no-require-imports */

    // URNs as the engine forms them: a child of the root stack has no parent prefix; deeper children carry their
    // parent's full qualified type. (The mock monitor uses a shortened form internally; we map ours onto it.)
    const engineUrns = new Map<string, string>();
    const qualifiedTypes = new Map<string, string>();
    const captured: CapturedResource[] = [];

    await pulumi.runtime.setMocks(
        {
            newResource: (args) => {
                const urn = engineUrns.get(`${args.type}::${args.name}`) ?? "";
                const state = kubernetesAutoname(args.type, args.name, urn, args.inputs as { [k: string]: Json });
                return { id: undefined, state };
            },
            call: (args) => {
                if (args.token === "kubernetes:yaml:decode") return { result: yaml.loadAll(String(args.inputs.text)) };
                throw new Error(`the example called ${args.token}, which these mocks do not answer`);
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

    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the user program, loaded under the mocks
    await stack.runInPulumiStack(async () => require(programPath) as Record<string, unknown>);
    await settings.waitForRPCs();
    return captured;
}

if (require.main === module) {
    const [programPath, project] = process.argv.slice(2);
    runUnderMocks(path.resolve(programPath), project).then(
        (resources) => process.stdout.write(JSON.stringify(resources)),
        (err) => {
            process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
            process.exit(1);
        },
    );
}
