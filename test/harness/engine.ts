// Engine-side harness: starts the pack exactly as the Node.js language host does and speaks the analyzer protocol
// to it with the stubs @pulumi/pulumi ships, in the engine's order: GetAnalyzerInfo, ConfigureStack, Configure (with
// config reconciled and validated as the engine does, see cli/packConfig.ts), Analyze per resource, AnalyzeStack.
// Values go over the wire as the engine marshals them (propertyrpc.Marshal with KeepUnknowns/KeepSecrets): an unknown
// is the UNKNOWN sentinel string, a secret is `secret(value)`.
import { ChildProcess, spawn } from "child_process";
import * as path from "path";
import * as grpc from "@grpc/grpc-js";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import * as analyzerRpc from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import * as analyzerPb from "@pulumi/pulumi/proto/analyzer_pb";
import { PluginInfo } from "@pulumi/pulumi/proto/plugin_pb";
import type { EnforcementLevel as Level } from "@pulumi/policy";
import {
    JsonSchema,
    PolicyConfigEntry,
    PolicyPackConfigFile,
    PolicySchemaInfo,
    reconcilePolicyPackConfig,
} from "../../cli/packConfig";
import { packPolicies } from "../../policies/pack";

export type { Level };
export { PackConfigError, PolicyPackConfigFile } from "../../cli/packConfig";

export const PACK_DIR = path.resolve(__dirname, "..", "..", "..");

/** What GetAnalyzerInfo tells the engine about this pack's policies, read in-process (no pack process needed). */
export function packSchemaInfos(): PolicySchemaInfo[] {
    return packPolicies().map(({ policy }) => ({
        name: policy.name,
        enforcementLevel: policy.enforcementLevel ?? "advisory",
        configSchema: policy.configSchema?.properties as PolicySchemaInfo["configSchema"],
        configRequired: policy.configSchema?.required,
    }));
}
const RUN_POLICY_PACK = require.resolve("@pulumi/pulumi/cmd/run-policy-pack", { paths: [PACK_DIR] });

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
    /** The schema's `properties`. */
    configSchema?: Record<string, JsonSchema>;
    /** The schema's `required`. */
    configRequired: string[];
    remediationSteps: string;
    /** What Pulumi Cloud shows of the policy ("" when unset, as the protocol carries it). */
    displayName: string;
    severity: string;
    url: string;
    tags: string[];
    framework?: { name: string; version: string; reference: string; specification: string };
}

export interface AnalyzerInfo {
    name: string;
    version: string;
    supportsConfig: boolean;
    policies: PolicyInfo[];
    initialConfig: Map<string, Partial<PolicyConfigEntry>>;
    /** The pack's own metadata ("" / [] when unset). */
    displayName: string;
    readme: string;
    provider: string;
    tags: string[];
    repository: string;
}

/** The stack the engine is previewing (ConfigureStack). */
export interface StackIdentity {
    stack?: string;
    project?: string;
    organization?: string;
    /** True for `pulumi preview`. */
    dryRun?: boolean;
}

/** Where a resource sits, as the engine tells the pack. */
export interface ResourceContext {
    urn?: string;
    parent?: string;
    /** The resource's provider instance, which the engine sends with every Analyze. */
    provider?: ProviderResource;
}

/** One resource of AnalyzeStack: registered type, name, wire-form properties, parent URN. */
export interface StackResource {
    type: string;
    name: string;
    urn: string;
    parent?: string;
    properties: Record<string, unknown>;
    dependencies?: string[];
    /** The provider instance, as the engine sends it (type `pulumi:providers:<pkg>`, its URN and its inputs). */
    provider?: ProviderResource;
}

export interface ProviderResource {
    type: string;
    name: string;
    urn: string;
    properties: Record<string, unknown>;
}

function providerOf(p: ProviderResource): analyzerPb.AnalyzerProviderResource {
    const pr = new analyzerPb.AnalyzerProviderResource();
    pr.setType(p.type);
    pr.setName(p.name);
    pr.setUrn(p.urn);
    pr.setProperties(toStruct(p.properties));
    return pr;
}

/** analyzer.proto PolicySeverity. */
const SEVERITIES: Record<number, string> = { 0: "", 1: "low", 2: "medium", 3: "high", 4: "critical" };

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

/** The URN the engine gives a resource of this type and name in the harness's stack (no parent chain). */
export function urnOf(type: string, name: string, stack = "dev", project = "test"): string {
    return `urn:pulumi:${stack}::${project}::${type}::${name}`;
}

function toStruct(props: Record<string, unknown>): Struct {
    // The engine never sends `undefined`; a JSON round trip drops it as the wire would.
    return Struct.fromJavaScript(JSON.parse(JSON.stringify(props)));
}

function diagnosticsOf(res: analyzerPb.AnalyzeResponse): EngineDiagnostic[] {
    return res.getDiagnosticsList().map((d) => ({
        policyName: d.getPolicyname(),
        message: d.getMessage(),
        enforcementLevel: LEVELS[d.getEnforcementlevel()],
        urn: d.getUrn(),
    }));
}

function unary<Req, Res>(
    fn: (req: Req, cb: (err: grpc.ServiceError | null, res: Res) => void) => unknown,
    req: Req,
): Promise<Res> {
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
        return PackProcess.launch(process.execPath, [RUN_POLICY_PACK, "127.0.0.1:0", packDir], packDir);
    }

    /** Any analyzer launcher that follows the plugin protocol: serve the Analyzer, print the port first on stdout. */
    static async launch(command: string, args: string[], cwd: string): Promise<PackProcess> {
        const child = spawn(command, args, { cwd, stdio: ["ignore", "pipe", "pipe"] });
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
                    if (Number.isInteger(n) && n > 0) resolve(n);
                    else reject(new Error(`first stdout line is not a port: ${out.slice(0, nl)}\n${err}`));
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

    /** The plugin's version, which the engine asks for right after starting it. */
    async getPluginInfo(): Promise<string> {
        const info = await unary<Empty, PluginInfo>(this.client.getPluginInfo.bind(this.client), new Empty());
        return info.getVersion();
    }

    async getAnalyzerInfo(): Promise<AnalyzerInfo> {
        const info = await unary<Empty, analyzerPb.AnalyzerInfo>(
            this.client.getAnalyzerInfo.bind(this.client),
            new Empty(),
        );
        const initialConfig = new Map<string, Partial<PolicyConfigEntry>>();
        info.getInitialconfigMap().forEach((c, name) => {
            const properties = c.getProperties()?.toJavaScript();
            initialConfig.set(name, {
                enforcementLevel: LEVELS[c.getEnforcementlevel()],
                properties: properties && Object.keys(properties).length ? properties : undefined,
            });
        });
        return {
            name: info.getName(),
            version: info.getVersion(),
            supportsConfig: info.getSupportsconfig(),
            initialConfig,
            displayName: info.getDisplayname(),
            readme: info.getReadme(),
            provider: info.getProvider(),
            tags: info.getTagsList(),
            repository: info.getRepository(),
            policies: info.getPoliciesList().map((p) => ({
                name: p.getName(),
                description: p.getDescription(),
                enforcementLevel: LEVELS[p.getEnforcementlevel()],
                configSchema: p.getConfigschema()?.getProperties()?.toJavaScript() as
                    Record<string, JsonSchema> | undefined,
                configRequired: p.getConfigschema()?.getRequiredList() ?? [],
                remediationSteps: p.getRemediationSteps(),
                displayName: p.getDisplayname(),
                severity: SEVERITIES[p.getSeverity()] ?? String(p.getSeverity()),
                url: p.getUrl(),
                tags: p.getTagsList(),
                framework: p.getFramework()?.toObject(),
            })),
        };
    }

    async configureStack(tags: Record<string, string> = {}, stack: StackIdentity = {}): Promise<void> {
        const req = new analyzerPb.AnalyzerStackConfigureRequest();
        req.setStack(stack.stack ?? "dev");
        req.setProject(stack.project ?? "test");
        req.setOrganization(stack.organization ?? "org");
        req.setDryRun(stack.dryRun ?? true);
        for (const [k, v] of Object.entries(tags)) req.getTagsMap().set(k, v);
        await unary(this.client.configureStack.bind(this.client), req);
    }

    /** Sends per-policy config as given (no defaults, no validation); see configurePack for the engine's way. */
    async configure(config: Record<string, PolicyConfigEntry>): Promise<void> {
        const req = new analyzerPb.ConfigureAnalyzerRequest();
        for (const [name, c] of Object.entries(config)) {
            const pc = new analyzerPb.PolicyConfig();
            // The engine marshals an unset level as ADVISORY (proto default).
            pc.setEnforcementlevel(LEVEL_VALUES[c.enforcementLevel ?? "advisory"]);
            pc.setProperties(toStruct(c.properties ?? {}));
            req.getPolicyconfigMap().set(name, pc);
        }
        await unary(this.client.configure.bind(this.client), req);
    }

    /**
     * Configures the pack as the engine does for `--policy-pack-config <file>`: every policy's schema defaults, then
     * the pack's initial config, then the file; validated against each policy's configSchema. Throws
     * PolicyConfigError with the engine's message when the engine would refuse it. Returns what was sent.
     */
    async configurePack(file: PolicyPackConfigFile = {}): Promise<Record<string, PolicyConfigEntry>> {
        const info = await this.getAnalyzerInfo();
        if (!info.supportsConfig) throw new Error(`policy pack "${info.name}" does not support config`);
        const config = Object.fromEntries(
            reconcilePolicyPackConfig(info.name, info.policies, file, info.initialConfig),
        );
        await this.configure(config);
        return config;
    }

    async analyze(
        type: string,
        name: string,
        props: Record<string, unknown>,
        where: ResourceContext = {},
    ): Promise<EngineDiagnostic[]> {
        const req = resourceRequest(type, name, props, where);
        const res = await unary<analyzerPb.AnalyzeRequest, analyzerPb.AnalyzeResponse>(
            this.client.analyze.bind(this.client),
            req,
        );
        return diagnosticsOf(res);
    }

    /** Analyze, also returning the policies that declared themselves not applicable to the resource (name → reason). */
    async analyzeWithApplicability(
        type: string,
        name: string,
        props: Record<string, unknown>,
        where: ResourceContext = {},
    ): Promise<{ diagnostics: EngineDiagnostic[]; notApplicable: Map<string, string> }> {
        const req = resourceRequest(type, name, props, where);
        const res = await unary<analyzerPb.AnalyzeRequest, analyzerPb.AnalyzeResponse>(
            this.client.analyze.bind(this.client),
            req,
        );
        return {
            diagnostics: diagnosticsOf(res),
            notApplicable: new Map(res.getNotApplicableList().map((n) => [n.getPolicyName(), n.getReason()])),
        };
    }

    /** The engine's last call: every resource of the stack at once, in registration order. */
    async analyzeStack(resources: StackResource[]): Promise<EngineDiagnostic[]> {
        const req = new analyzerPb.AnalyzeStackRequest();
        req.setResourcesList(
            resources.map((r) => {
                const ar = new analyzerPb.AnalyzerResource();
                ar.setType(r.type);
                ar.setName(r.name);
                ar.setUrn(r.urn);
                ar.setProperties(toStruct(r.properties));
                ar.setParent(r.parent ?? "");
                ar.setDependenciesList(r.dependencies ?? []);
                if (r.provider) ar.setProvider(providerOf(r.provider));
                const options = new analyzerPb.AnalyzerResourceOptions();
                if (r.parent) options.setParent(r.parent);
                ar.setOptions(options);
                return ar;
            }),
        );
        const res = await unary<analyzerPb.AnalyzeStackRequest, analyzerPb.AnalyzeResponse>(
            this.client.analyzeStack.bind(this.client),
            req,
        );
        return diagnosticsOf(res);
    }

    /** The whole preview-time sequence for a set of resources: Analyze each in order, then AnalyzeStack. */
    async analyzeAll(resources: StackResource[]): Promise<{ resource: EngineDiagnostic[]; stack: EngineDiagnostic[] }> {
        const resource: EngineDiagnostic[] = [];
        for (const r of resources)
            resource.push(
                ...(await this.analyze(r.type, r.name, r.properties, {
                    urn: r.urn,
                    parent: r.parent,
                    provider: r.provider,
                })),
            );
        return { resource, stack: await this.analyzeStack(resources) };
    }

    /**
     * The engine's Remediate call (before Analyze, for policies at level `remediate`): each remediation with its
     * policy, the full wire-form properties it returned (secrets stay in wire form) and any diagnostic.
     */
    async remediate(
        type: string,
        name: string,
        props: Record<string, unknown>,
        where: ResourceContext = {},
    ): Promise<EngineRemediation[]> {
        const req = resourceRequest(type, name, props, where);
        const res = await unary<analyzerPb.AnalyzeRequest, analyzerPb.RemediateResponse>(
            this.client.remediate.bind(this.client),
            req,
        );
        return res.getRemediationsList().map((r) => ({
            policyName: r.getPolicyname(),
            properties: r.getProperties()?.toJavaScript(),
            diagnostic: r.getDiagnostic(),
        }));
    }
}

/** One remediation as the engine receives it. */
export interface EngineRemediation {
    policyName: string;
    properties?: Record<string, unknown>;
    diagnostic: string;
}

/** One resource as the engine sends it to Analyze and Remediate. */
function resourceRequest(
    type: string,
    name: string,
    props: Record<string, unknown>,
    where: ResourceContext,
): analyzerPb.AnalyzeRequest {
    const req = new analyzerPb.AnalyzeRequest();
    req.setType(type);
    req.setName(name);
    req.setUrn(where.urn ?? urnOf(type, name));
    req.setProperties(toStruct(props));
    const options = new analyzerPb.AnalyzerResourceOptions();
    if (where.parent) options.setParent(where.parent);
    req.setOptions(options);
    if (where.provider) req.setProvider(providerOf(where.provider));
    return req;
}

/** The engine's wire form of a secret. */
export function secret(value: unknown): Record<string, unknown> {
    return { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value };
}

/** The engine's wire form of an unknown value at preview. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/**
 * One pack for the enclosing mocha suite: started (and given the stack's tags) before its tests, stopped after them.
 * Returns an accessor, since the pack exists only once `before` has run.
 */
export function suitePack(tags: Record<string, string> = {}): () => PackProcess {
    let pack: PackProcess | undefined;
    before(async function () {
        this.timeout(60000);
        pack = await PackProcess.start();
        await pack.configureStack(tags);
    });
    after(async () => pack?.stop());
    return () => {
        if (!pack) throw new Error("the suite's pack has not started");
        return pack;
    };
}
