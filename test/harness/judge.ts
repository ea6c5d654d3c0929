// An example stack judged the way `pulumi preview --policy-pack .` judges it, over the analyzer protocol: capture the
// program's resources under mocks, start the pack as the language host does, ConfigureStack, Configure (the
// example's policy-config.json, if any, reconciled and validated as the engine does), Analyze every resource in
// registration order, then AnalyzeStack. Used by the golden-file test and by `npm run demo`.
import * as fs from "fs";
import * as path from "path";
import { Level, PackProcess, PolicyPackConfigFile } from "./engine";
import { CapturedResource, captureExample, EXAMPLES_DIR } from "./program";
import { jsonDocument } from "../../engine/remediation";

export interface JudgedDiagnostic {
    /** The resource the diagnostic is about ("" for a stack-level diagnostic naming none). */
    urn: string;
    policy: string;
    level: Level;
    message: string;
}

/** A resource whose inputs a `remediate` policy rewrote before Analyze. */
export interface Remediation {
    urn: string;
    policy: string;
    /** What the rewrite changed, input by input (inside JSON-string inputs such as ECS `containerDefinitions` too). */
    changes: PropertyChange[];
}

/** One changed input: its path (`containerDefinitions[0].privileged`), the value before and after (absent: none). */
export interface PropertyChange {
    path: string;
    before?: unknown;
    after?: unknown;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null;

/** The changed leaves between two input values; a JSON string on both sides is compared as the JSON it holds. */
export function diffProperties(before: unknown, after: unknown, at = ""): PropertyChange[] {
    if (JSON.stringify(before) === JSON.stringify(after)) return [];
    const [jb, ja] = [jsonDocument(before), jsonDocument(after)];
    if (jb !== undefined && ja !== undefined) return diffProperties(jb, ja, at);
    if (isRecord(before) && isRecord(after) && Array.isArray(before) === Array.isArray(after)) {
        const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
        return keys.flatMap((k) =>
            diffProperties(before[k], after[k], Array.isArray(before) ? `${at}[${k}]` : at ? `${at}.${k}` : k),
        );
    }
    return [
        {
            path: at,
            ...(before === undefined ? {} : { before }),
            ...(after === undefined ? {} : { after }),
        },
    ];
}

export interface ExampleVerdict {
    example: string;
    /** `type::name` of every registered resource, in registration order. */
    resources: string[];
    /** Present only when a policy at level `remediate` rewrote some inputs. */
    remediations?: Remediation[];
    /** From Remediate (its diagnostics) and Analyze, in the order the engine reports them. */
    diagnostics: JudgedDiagnostic[];
    /** From AnalyzeStack. */
    stackDiagnostics: JudgedDiagnostic[];
}

/** The policy-config.json of an example (by name) or of a program directory (by path), if it has one. */
export function policyConfigPath(exampleOrDir: string): string | undefined {
    const p = path.join(path.resolve(EXAMPLES_DIR, exampleOrDir), "policy-config.json");
    return fs.existsSync(p) ? p : undefined;
}

export function goldenPath(example: string): string {
    return path.join(EXAMPLES_DIR, example, "expected.json");
}

export async function judgeResources(
    example: string,
    project: string,
    resources: CapturedResource[],
    config: PolicyPackConfigFile = {},
): Promise<ExampleVerdict> {
    const pack = await PackProcess.start();
    try {
        // The engine's order (pkg/resource/plugin/analyzer_plugin.go, host.go, engine/update.go).
        await pack.configureStack({}, { stack: "dev", project, dryRun: true });
        await pack.getPluginInfo();
        await pack.configurePack(config);
        const diagnostics: JudgedDiagnostic[] = [];
        const remediations: Remediation[] = [];
        const analyzed: CapturedResource[] = [];
        for (const r of resources) {
            // As the engine's step generator: Remediate first (a policy at level `remediate` may rewrite the inputs,
            // and everything after sees the rewritten inputs), then Analyze.
            let properties = r.properties;
            for (const rem of await pack.remediate(r.type, r.name, properties, {
                urn: r.urn,
                parent: r.parent,
                provider: r.provider,
            })) {
                if (rem.diagnostic)
                    diagnostics.push({
                        urn: r.urn,
                        policy: rem.policyName,
                        level: "advisory",
                        message: rem.diagnostic,
                    });
                else if (rem.properties) {
                    remediations.push({
                        urn: r.urn,
                        policy: rem.policyName,
                        changes: diffProperties(properties, rem.properties),
                    });
                    properties = rem.properties;
                }
            }
            analyzed.push({ ...r, properties });
            for (const d of await pack.analyze(r.type, r.name, properties, {
                urn: r.urn,
                parent: r.parent,
                provider: r.provider,
            })) {
                diagnostics.push({
                    urn: d.urn || r.urn,
                    policy: d.policyName,
                    level: d.enforcementLevel,
                    message: d.message,
                });
            }
        }
        const stackDiagnostics = (await pack.analyzeStack(analyzed)).map((d) => ({
            urn: d.urn,
            policy: d.policyName,
            level: d.enforcementLevel,
            message: d.message,
        }));
        return {
            example,
            resources: resources.map((r) => `${r.type}::${r.name}`),
            ...(remediations.length ? { remediations } : {}),
            diagnostics,
            stackDiagnostics,
        };
    } finally {
        await pack.stop();
    }
}

export async function judgeExample(example: string): Promise<ExampleVerdict> {
    const { project, resources } = await captureExample(example);
    const configFile = policyConfigPath(example);
    const config = configFile ? (JSON.parse(fs.readFileSync(configFile, "utf8")) as PolicyPackConfigFile) : {};
    return judgeResources(example, project, resources, config);
}
