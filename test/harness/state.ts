// A captured example as a Pulumi stack state file (the `pulumi stack export` deployment format, version 3), for
// `pulumi policy analyze --file`. That command sends each resource's `inputs` to Analyze and its `outputs` to
// AnalyzeStack; a preview would plan outputs equal to inputs, so both carry the captured inputs. Secrets are written
// in the state's unencrypted form ({sig, plaintext: <JSON>}); unknowns keep the engine's placeholder string, which
// the CLI reads back as an unknown.
import type { CapturedResource } from "./program";

const SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

export interface ResourceState {
    urn: string;
    custom: boolean;
    id?: string;
    type: string;
    inputs: Record<string, Json>;
    outputs: Record<string, Json>;
    parent?: string;
    /** `<provider URN>::<provider ID>`. */
    provider?: string;
    dependencies?: string[];
}

export interface UntypedDeployment {
    version: 3;
    deployment: { manifest: { time: string; magic: string; version: string }; resources: ResourceState[] };
}

/** The ID a captured custom resource gets in the state file (a preview has none yet). */
function stateId(name: string): string {
    return `${name}-id`;
}

/** Wire form → state form: only secrets differ. */
export function toStateValue(v: Json): Json {
    if (Array.isArray(v)) return v.map(toStateValue);
    if (typeof v !== "object" || v === null) return v;
    if (v[SIG_KEY] === SECRET_SIG) return { [SIG_KEY]: SECRET_SIG, plaintext: JSON.stringify(v.value ?? null) };
    return Object.fromEntries(Object.entries(v).map(([k, e]) => [k, toStateValue(e)]));
}

export function toDeployment(resources: CapturedResource[]): UntypedDeployment {
    return {
        version: 3,
        deployment: {
            // A fixed time keeps the file reproducible; the CLI does not read it.
            manifest: { time: "2026-01-01T00:00:00Z", magic: "", version: "v3.274.1" },
            resources: resources.map((r) => {
                const props = toStateValue(r.properties as Json) as Record<string, Json>;
                return {
                    urn: r.urn,
                    custom: r.custom,
                    ...(r.custom ? { id: stateId(r.name) } : {}),
                    type: r.type,
                    inputs: props,
                    outputs: props,
                    ...(r.parent ? { parent: r.parent } : {}),
                    ...(r.provider ? { provider: `${r.provider.urn}::${stateId(r.provider.name)}` } : {}),
                    ...(r.dependencies?.length ? { dependencies: r.dependencies } : {}),
                };
            }),
        },
    };
}
