// The mock-harness twin of a real-preview Pulumi YAML program: registers the same resources with the same inputs
// through the TypeScript SDK classes (`kubernetes:apps/v1:Deployment` → k8s.apps.v1.Deployment, …), turning each
// `${resource.path}` into that resource's output, so test/harness/program.ts can run it under Pulumi's mocks and
// capture what the mock path would hand the pack for the very resources the real preview judged.
// Run by program.ts's child mode with the program's directory as cwd: `node program.js yamlTwin.js <project>`.
import * as fs from "fs";
import * as path from "path";
import * as yaml from "js-yaml";
import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";

interface YamlResource {
    type: string;
    properties?: Record<string, unknown>;
    options?: { dependsOn?: string[] };
}

type Ctor = new (name: string, args: unknown, opts?: pulumi.ResourceOptions) => pulumi.Resource;

/** `kubernetes:node.k8s.io/v1:RuntimeClass` → k8s.node.v1.RuntimeClass; `kubernetes:helm.sh/v4:Chart` → k8s.helm.v4.Chart. */
export function sdkClass(type: string): Ctor {
    const m = /^kubernetes:([^/:]+)\/([^:]+):(\w+)$/.exec(type);
    if (!m) throw new Error(`no SDK class for ${type}`);
    const group = m[1].split(".")[0];
    const ns = (k8s as unknown as Record<string, Record<string, Record<string, Ctor>> | undefined>)[group];
    const ctor = ns?.[m[2]]?.[m[3]];
    if (!ctor) throw new Error(`no SDK class for ${type}`);
    return ctor;
}

const REFERENCE = /^\$\{([\w-]+)((?:\.[\w-]+|\[[^\]]+\])*)\}$/;

function resolve(v: unknown, resources: Map<string, pulumi.Resource>): unknown {
    if (typeof v === "string") {
        const m = REFERENCE.exec(v);
        if (!m) return v;
        const target = resources.get(m[1]);
        if (!target) throw new Error(`${v}: ${m[1]} is not declared before its use`);
        const keys = (m[2].match(/\.[\w-]+|\[[^\]]+\]/g) ?? []).map((k) =>
            k.startsWith(".") ? k.slice(1) : k.slice(1, -1).replace(/^["']|["']$/g, ""),
        );
        if (keys[0] === "id") return (target as pulumi.CustomResource).id;
        let out: pulumi.Output<unknown> = pulumi.output((target as unknown as Record<string, unknown>)[keys[0]]);
        for (const k of keys.slice(1)) out = out.apply((o) => (o as Record<string, unknown> | undefined)?.[k]);
        return out;
    }
    if (Array.isArray(v)) return v.map((e) => resolve(e, resources));
    if (typeof v === "object" && v !== null)
        return Object.fromEntries(Object.entries(v).map(([k, e]) => [k, resolve(e, resources)]));
    return v;
}

function register(): void {
    const program = yaml.load(fs.readFileSync(path.join(process.cwd(), "Pulumi.yaml"), "utf8")) as {
        resources?: Record<string, YamlResource>;
    };
    const resources = new Map<string, pulumi.Resource>();
    // YAML programs may declare resources in any order; these twins only need declaration order.
    for (const [name, r] of Object.entries(program.resources ?? {})) {
        const Ctor = sdkClass(r.type);
        const dependsOn = (r.options?.dependsOn ?? []).map((d) => resolve(d, resources) as pulumi.Resource);
        resources.set(name, new Ctor(name, resolve(r.properties ?? {}, resources), { dependsOn }));
    }
}

register();
