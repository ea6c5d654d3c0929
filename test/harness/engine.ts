// Engine-side harness: starts the pack exactly as the Node.js language host does and speaks the analyzer protocol
// to it with the stubs @pulumi/pulumi ships.
import { ChildProcess, spawn } from "child_process";
import * as path from "path";
import * as grpc from "@grpc/grpc-js";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import * as analyzerRpc from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import * as analyzerPb from "@pulumi/pulumi/proto/analyzer_pb";

export const PACK_DIR = path.resolve(__dirname, "..", "..", "..");
const RUN_POLICY_PACK = require.resolve("@pulumi/pulumi/cmd/run-policy-pack", { paths: [PACK_DIR] });

export type Level = "advisory" | "mandatory" | "remediate" | "disabled";

export interface EngineDiagnostic {
    policyName: string;
    message: string;
    enforcementLevel: Level;
    urn: string;
}

export interface PolicyInfo {
    name: string;
    description: string;
    enforcementLevel: Level;
    configSchema?: Record<string, unknown>;
    remediationSteps: string;
}

export interface AnalyzerInfo {
    name: string;
    version: string;
    policies: PolicyInfo[];
}

const LEVELS: Record<number, Level> = {
    [analyzerPb.EnforcementLevel.ADVISORY]: "advisory",
    [analyzerPb.EnforcementLevel.MANDATORY]: "mandatory",
    [analyzerPb.EnforcementLevel.REMEDIATE]: "remediate",
    [analyzerPb.EnforcementLevel.DISABLED]: "disabled",
};
const LEVEL_VALUES: Record<Level, analyzerPb.EnforcementLevel> = {
    advisory: analyzerPb.EnforcementLevel.ADVISORY,
    mandatory: analyzerPb.EnforcementLevel.MANDATORY,
    remediate: analyzerPb.EnforcementLevel.REMEDIATE,
    disabled: analyzerPb.EnforcementLevel.DISABLED,
};

function unary<Req, Res>(fn: (req: Req, cb: (err: grpc.ServiceError | null, res: Res) => void) => unknown, req: Req): Promise<Res> {
    return new Promise((resolve, reject) => fn(req, (err, res) => (err ? reject(err) : resolve(res))));
}

/** A running pack process and a client connected to it. */
export class PackProcess {
    private constructor(
        readonly child: ChildProcess,
        readonly client: analyzerRpc.AnalyzerClient,
        readonly stderr: () => string,
    ) {}

    /** `node <run-policy-pack> <engine-address> <packDir>`, cwd = packDir; the first stdout line is the port. */
    static async start(packDir: string = PACK_DIR): Promise<PackProcess> {
        const child = spawn(process.execPath, [RUN_POLICY_PACK, "127.0.0.1:0", packDir], { cwd: packDir, stdio: ["ignore", "pipe", "pipe"] });
        let err = "";
        child.stderr!.on("data", (d) => (err += d));
        const port = await new Promise<number>((resolve, reject) => {
            let out = "";
            const onData = (d: Buffer) => {
                out += d;
                const nl = out.indexOf("\n");
                if (nl >= 0) {
                    child.stdout!.off("data", onData);
                    const n = Number(out.slice(0, nl).trim());
                    Number.isInteger(n) && n > 0 ? resolve(n) : reject(new Error(`first stdout line is not a port: ${out.slice(0, nl)}\n${err}`));
                }
            };
            child.stdout!.on("data", onData);
            child.on("exit", (code) => reject(new Error(`pack exited with ${code} before printing its port:\n${err}`)));
        });
        const client = new analyzerRpc.AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
        return new PackProcess(child, client, () => err);
    }

    async stop(): Promise<void> {
        this.client.close();
        if (this.child.exitCode === null) {
            const exited = new Promise((r) => this.child.once("exit", r));
            this.child.kill();
            await exited;
        }
    }

    async getAnalyzerInfo(): Promise<AnalyzerInfo> {
        const info = await unary<Empty, analyzerPb.AnalyzerInfo>(this.client.getAnalyzerInfo.bind(this.client), new Empty());
        return {
            name: info.getName(),
            version: info.getVersion(),
            policies: info.getPoliciesList().map((p) => ({
                name: p.getName(),
                description: p.getDescription(),
                enforcementLevel: LEVELS[p.getEnforcementlevel()],
                configSchema: p.getConfigschema()?.getProperties()?.toJavaScript() as Record<string, unknown> | undefined,
                remediationSteps: p.getRemediationSteps(),
            })),
        };
    }

    async configureStack(tags: Record<string, string> = {}): Promise<void> {
        const req = new analyzerPb.AnalyzerStackConfigureRequest();
        req.setStack("dev");
        req.setProject("test");
        req.setOrganization("org");
        for (const [k, v] of Object.entries(tags)) req.getTagsMap().set(k, v);
        await unary(this.client.configureStack.bind(this.client), req);
    }

    /** Sends per-policy config as the engine does: every policy with its level and properties. */
    async configure(config: Record<string, { enforcementLevel: Level; properties?: Record<string, unknown> }>): Promise<void> {
        const req = new analyzerPb.ConfigureAnalyzerRequest();
        for (const [name, c] of Object.entries(config)) {
            const pc = new analyzerPb.PolicyConfig();
            pc.setEnforcementlevel(LEVEL_VALUES[c.enforcementLevel]);
            pc.setProperties(Struct.fromJavaScript((c.properties ?? {}) as Record<string, never>));
            req.getPolicyconfigMap().set(name, pc);
        }
        await unary(this.client.configure.bind(this.client), req);
    }

    async analyze(type: string, name: string, props: Record<string, unknown>): Promise<EngineDiagnostic[]> {
        const req = new analyzerPb.AnalyzeRequest();
        req.setType(type);
        req.setName(name);
        req.setUrn(`urn:pulumi:dev::test::${type}::${name}`);
        // The engine never sends `undefined`; a JSON round trip drops it as the wire would.
        req.setProperties(Struct.fromJavaScript(JSON.parse(JSON.stringify(props))));
        req.setOptions(new analyzerPb.AnalyzerResourceOptions());
        const res = await unary<analyzerPb.AnalyzeRequest, analyzerPb.AnalyzeResponse>(this.client.analyze.bind(this.client), req);
        return res.getDiagnosticsList().map((d) => ({
            policyName: d.getPolicyname(),
            message: d.getMessage(),
            enforcementLevel: LEVELS[d.getEnforcementlevel()],
            urn: d.getUrn(),
        }));
    }
}

/** The engine's wire form of a secret. */
export function secret(value: unknown): Record<string, unknown> {
    return { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value };
}

/** The engine's wire form of an unknown value at preview. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
