// A second "policy pack" for real previews that judges nothing and records what the engine sends: every Analyze
// (type, name, URN, parent, provider, wire-form inputs) and every AnalyzeStack resource, appended as JSON lines to a
// file. It serves the analyzer protocol itself (no @pulumi/policy in between, which would deserialize the values), so
// unknowns arrive as the engine's sentinel and secrets as their wire objects, exactly as isolation-guard receives them.
// Run next to the pack: `pulumi preview --policy-pack <repo> --policy-pack <spy dir>`; writeSpyPack makes the dir.
import * as fs from "fs";
import * as path from "path";
import * as grpc from "@grpc/grpc-js";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import * as analyzerRpc from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import * as analyzerPb from "@pulumi/pulumi/proto/analyzer_pb";
import { PluginInfo } from "@pulumi/pulumi/proto/plugin_pb";

export interface SpiedResource {
    /** "analyze" (one resource, as it is about to be planned) or "analyzeStack" (the whole stack at the end). */
    call: "analyze" | "analyzeStack";
    type: string;
    name: string;
    urn: string;
    parent: string;
    properties: Record<string, unknown>;
    provider?: { type: string; name: string; urn: string; properties: Record<string, unknown> };
    dependencies?: string[];
}

type Unary<Req, Res> = (call: grpc.ServerUnaryCall<Req, Res>, callback: grpc.sendUnaryData<Res>) => void;

/** Serves the spy on a free port, printing it first on stdout as the engine expects, and appends to `out`. */
export function serveSpy(out: string): void {
    const record = (r: SpiedResource) => fs.appendFileSync(out, `${JSON.stringify(r)}\n`);
    const providerOf = (p: analyzerPb.AnalyzerProviderResource | undefined) =>
        p
            ? {
                  type: p.getType(),
                  name: p.getName(),
                  urn: p.getUrn(),
                  properties: (p.getProperties()?.toJavaScript() ?? {}) as Record<string, unknown>,
              }
            : undefined;
    const analyze: Unary<analyzerPb.AnalyzeRequest, analyzerPb.AnalyzeResponse> = (call, cb) => {
        const r = call.request;
        record({
            call: "analyze",
            type: r.getType(),
            name: r.getName(),
            urn: r.getUrn(),
            parent: r.getOptions()?.getParent() ?? "",
            properties: (r.getProperties()?.toJavaScript() ?? {}) as Record<string, unknown>,
            provider: providerOf(r.getProvider()),
        });
        cb(null, new analyzerPb.AnalyzeResponse());
    };
    const analyzeStack: Unary<analyzerPb.AnalyzeStackRequest, analyzerPb.AnalyzeResponse> = (call, cb) => {
        for (const r of call.request.getResourcesList())
            record({
                call: "analyzeStack",
                type: r.getType(),
                name: r.getName(),
                urn: r.getUrn(),
                parent: r.getParent(),
                properties: (r.getProperties()?.toJavaScript() ?? {}) as Record<string, unknown>,
                provider: providerOf(r.getProvider()),
                dependencies: r.getDependenciesList(),
            });
        cb(null, new analyzerPb.AnalyzeResponse());
    };
    const info: Unary<Empty, analyzerPb.AnalyzerInfo> = (_call, cb) => {
        const i = new analyzerPb.AnalyzerInfo();
        i.setName("input-spy");
        i.setDisplayname("input-spy");
        i.setVersion("0.0.1");
        i.setSupportsconfig(false);
        cb(null, i);
    };
    const server = new grpc.Server();
    const service: analyzerRpc.IAnalyzerServer = {
        analyze,
        analyzeStack,
        getAnalyzerInfo: info,
        getPluginInfo: (_call, cb) => {
            const p = new PluginInfo();
            p.setVersion("0.0.1");
            cb(null, p);
        },
        configure: (_call, cb) => cb(null, new Empty()),
        configureStack: (_call, cb) => cb(null, new analyzerPb.AnalyzerStackConfigureResponse()),
        remediate: (_call, cb) => cb(null, new analyzerPb.RemediateResponse()),
        handshake: (_call, cb) => cb(null, new analyzerPb.AnalyzerHandshakeResponse()),
        cancel: (_call, cb) => cb(null, new Empty()),
    };
    server.addService(analyzerRpc.AnalyzerService, service);
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, port) => {
        if (err) throw err;
        process.stdout.write(`${port}\n`);
    });
}

/** Writes a policy-pack directory that starts the spy (through the Node.js language host) and returns it. */
export function writeSpyPack(dir: string, out: string): string {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "PulumiPolicy.yaml"), "runtime: nodejs\n");
    fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "input-spy", main: "index.js" }));
    fs.writeFileSync(
        path.join(dir, "index.js"),
        `require(${JSON.stringify(__filename)}).serveSpy(${JSON.stringify(out)});\n`,
    );
    return dir;
}

export function readSpied(out: string): SpiedResource[] {
    if (!fs.existsSync(out)) return [];
    return fs
        .readFileSync(out, "utf8")
        .split("\n")
        .filter((l) => l.trim())
        .map((l) => JSON.parse(l) as SpiedResource);
}
