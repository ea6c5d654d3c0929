// Refuses pack config with properties no policy knows (a misspelt `allowedCapabilites` would otherwise be silently
// ignored and the default applied). The engine validates types against each policy's configSchema but cannot
// reject unknown top-level properties, so the pack answers the Configure call with an error the engine prints.
// Seam: @grpc/grpc-js `Server.prototype.addService`, as used by @pulumi/policy's server (pinned versions).
import * as path from "path";
import type { PolicyConfigSchema } from "@pulumi/policy";

interface PolicyConfigMessage {
    getProperties(): { toJavaScript(): Record<string, unknown> } | undefined;
}
interface ConfigureCall {
    request: { getPolicyconfigMap(): { entries(): Iterable<[string, PolicyConfigMessage]> } };
}
type Callback = (err: { code: number; details: string } | null, res?: unknown) => void;
type Handler = (call: ConfigureCall, cb: Callback) => unknown;
interface GrpcServerModule {
    Server: { prototype: { addService(service: unknown, impl: Record<string, unknown>): void } };
    status: { INVALID_ARGUMENT: number };
}

/** What `configure` refuses: each unknown property of each known policy, with the properties it does accept. */
export function unknownConfigProperties(
    known: ReadonlyMap<string, readonly string[]>,
    config: Iterable<[string, Record<string, unknown>]>,
): string[] {
    const problems: string[] = [];
    for (const [policy, props] of config) {
        const accepted = known.get(policy);
        if (!accepted) continue; // the engine rejects unknown policy names itself
        for (const key of Object.keys(props)) {
            if (key !== "enforcementLevel" && !accepted.includes(key)) {
                problems.push(
                    `policy "${policy}" has no config property "${key}" (it accepts: ${accepted.join(", ")})`,
                );
            }
        }
    }
    return problems;
}

/** The grpc-js copies already guarded, by resolved file. */
const guarded = new Set<string>();

/**
 * Guards Configure in the grpc-js copy a @pulumi/policy copy's server uses (its package directory; by default the copy
 * this package resolves), once per grpc-js copy.
 */
export function installConfigGuard(
    policies: ReadonlyArray<{ name: string; configSchema?: PolicyConfigSchema }>,
    policyDir?: string,
): boolean {
    const from = policyDir ?? path.dirname(require.resolve("@pulumi/policy"));
    const grpcPath = require.resolve("@grpc/grpc-js", { paths: [from] });
    if (guarded.has(grpcPath)) return true;
    const known = new Map(policies.map((p) => [p.name, Object.keys(p.configSchema?.properties ?? {})] as const));
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a path resolved at run time, patched in place
    const grpc: GrpcServerModule = require(grpcPath);
    const addService = grpc.Server.prototype.addService;
    grpc.Server.prototype.addService = function (service: unknown, impl: Record<string, unknown>) {
        const configure = impl["configure"] as Handler | undefined;
        if (typeof configure === "function") {
            impl = {
                ...impl,
                configure: (call: ConfigureCall, cb: Callback) => {
                    const entries: Array<[string, Record<string, unknown>]> = [];
                    for (const [name, pc] of call.request.getPolicyconfigMap().entries())
                        entries.push([name, pc.getProperties()?.toJavaScript() ?? {}]);
                    const problems = unknownConfigProperties(known, entries);
                    if (problems.length)
                        return cb({
                            code: grpc.status.INVALID_ARGUMENT,
                            details: `invalid isolation-guard config: ${problems.join("; ")}`,
                        });
                    return configure(call, cb);
                },
            };
        }
        return addService.call(this, service, impl);
    };
    guarded.add(grpcPath);
    return true;
}
