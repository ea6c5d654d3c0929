// The source layering the design keeps: model ← adapters ← engine ← checks ← policies ← entry/cli, and no import
// cycle anywhere (type-only imports count: a cycle of types is still two files that cannot be read apart).
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { REPO_ROOT } from "../harness/program";

/** Lower layers never import higher ones. Entry files (index.ts, lib.ts, cli/, verify/) sit on top; data/ at the bottom. */
const LAYERS = ["data", "model", "adapters", "engine", "checks", "policies", "entry"] as const;
type Layer = (typeof LAYERS)[number];

const SOURCE_DIRS: Record<string, Layer> = {
    data: "data",
    model: "model",
    adapters: "adapters",
    engine: "engine",
    checks: "checks",
    policies: "policies",
    cli: "entry",
    verify: "entry",
};

/** Every .ts file below `dir` (repo-relative), subfolders included: adapters/<platform>/ and the like. */
function sourceFiles(dir: string): string[] {
    const abs = path.join(REPO_ROOT, dir);
    if (!fs.existsSync(abs)) return [];
    return fs.readdirSync(abs, { withFileTypes: true }).flatMap((e) => {
        const rel = `${dir}/${e.name}`;
        if (e.isDirectory()) return sourceFiles(rel);
        return e.name.endsWith(".ts") ? [rel] : [];
    });
}

/** Relative module specifiers a TypeScript source imports, re-exports or requires. */
export function relativeImports(source: string): string[] {
    const re =
        /\b(?:import|export)\b[^;'"]*?\bfrom\s*["']([^"']+)["']|\bimport\s*["']([^"']+)["']|\b(?:require|import)\(\s*["']([^"']+)["']\s*\)/g;
    const out: string[] = [];
    for (const m of source.matchAll(re)) {
        const spec = m[1] ?? m[2] ?? m[3];
        if (spec.startsWith(".")) out.push(spec);
    }
    return out;
}

/** The import graph of the project's sources: repo-relative file → repo-relative files it imports. */
function sourceGraph(): Map<string, string[]> {
    const files: string[] = ["index.ts", "lib.ts"].filter((f) => fs.existsSync(path.join(REPO_ROOT, f)));
    for (const dir of Object.keys(SOURCE_DIRS)) files.push(...sourceFiles(dir));
    const graph = new Map<string, string[]>();
    for (const file of files) {
        const targets = relativeImports(fs.readFileSync(path.join(REPO_ROOT, file), "utf8")).map((spec) => {
            const base = path.posix.normalize(path.posix.join(path.posix.dirname(file), spec));
            const asFile = `${base}.ts`;
            if (fs.existsSync(path.join(REPO_ROOT, asFile))) return asFile;
            const asIndex = `${base}/index.ts`;
            if (fs.existsSync(path.join(REPO_ROOT, asIndex))) return asIndex;
            // JSON and other non-TypeScript modules are leaves.
            return base;
        });
        graph.set(file, targets);
    }
    return graph;
}

/** One cycle of the graph (as a path that starts and ends at the same file), or undefined when it is acyclic. */
export function findCycle(graph: ReadonlyMap<string, readonly string[]>): string[] | undefined {
    const state = new Map<string, "open" | "done">();
    const stack: string[] = [];
    const visit = (node: string): string[] | undefined => {
        if (state.get(node) === "done") return undefined;
        if (state.get(node) === "open") return [...stack.slice(stack.indexOf(node)), node];
        state.set(node, "open");
        stack.push(node);
        for (const next of graph.get(node) ?? []) {
            const cycle = visit(next);
            if (cycle) return cycle;
        }
        stack.pop();
        state.set(node, "done");
        return undefined;
    };
    for (const node of graph.keys()) {
        const cycle = visit(node);
        if (cycle) return cycle;
    }
    return undefined;
}

function layerOf(file: string): Layer | undefined {
    if (!file.includes("/")) return "entry";
    return SOURCE_DIRS[file.split("/")[0]];
}

describe("source layering", () => {
    const graph = sourceGraph();

    it("reads imports of every form, type-only and multi-line included", () => {
        const src = [
            'import type { A } from "./a";',
            "import {\n    B,\n    C,\n} from './b';",
            'export { D } from "../d";',
            'import "./side-effect";',
            'const e = require("./e");',
            'import * as fs from "fs";',
        ].join("\n");
        assert.deepEqual(relativeImports(src), ["./a", "./b", "../d", "./side-effect", "./e"]);
    });

    it("finds a cycle when there is one", () => {
        const g = new Map([
            ["a", ["b"]],
            ["b", ["c"]],
            ["c", ["a"]],
            ["d", ["a"]],
        ]);
        assert.deepEqual(findCycle(g), ["a", "b", "c", "a"]);
        assert.equal(
            findCycle(
                new Map([
                    ["a", ["b"]],
                    ["b", []],
                ]),
            ),
            undefined,
        );
    });

    it("covers the engine files", () => {
        assert.ok(graph.has("engine/evaluate.ts") && graph.has("engine/types.ts"));
        assert.ok(graph.get("engine/evaluate.ts")!.includes("engine/types.ts"));
    });

    it("covers the platform adapters' folders", () => {
        assert.ok(graph.has("adapters/docker/index.ts") && graph.has("adapters/registry.ts"));
        assert.ok(graph.get("adapters/registry.ts")!.includes("adapters/docker/index.ts"));
    });

    it("keeps checks/ away from adapters: a check learns a platform only through the model and engine", () => {
        const reached: string[] = [];
        for (const [file, targets] of graph)
            if (file.startsWith("checks/"))
                for (const t of targets) if (t.startsWith("adapters/")) reached.push(`${file} → ${t}`);
        assert.deepEqual(reached, []);
    });

    // A platform reaches what another platform also reads only through adapters/shared/, which itself imports no platform.
    it("keeps adapters/<platform>/ to its own folder, adapters/shared/, adapters/adapter.ts, model/ and data/", () => {
        const crossing: string[] = [];
        for (const [file, targets] of graph) {
            const folder = /^adapters\/([^/]+)\//.exec(file)?.[1];
            if (folder === undefined) continue;
            for (const t of targets) {
                const allowed =
                    t.startsWith(`adapters/${folder}/`) ||
                    t.startsWith("adapters/shared/") ||
                    t === "adapters/adapter.ts" ||
                    t.startsWith("model/") ||
                    t.startsWith("data/");
                if (!allowed) crossing.push(`${file} → ${t}`);
            }
        }
        assert.ok(graph.has("adapters/shared/podSpec.ts") && graph.has("adapters/aws/batch.ts"));
        assert.deepEqual(crossing, []);
    });

    it("has no import cycle", () => {
        const cycle = findCycle(graph);
        assert.equal(cycle, undefined, `import cycle: ${cycle?.join(" → ")}`);
    });

    it("imports only downward: model ← adapters ← engine ← checks ← policies ← entry/cli", () => {
        const upward: string[] = [];
        for (const [file, targets] of graph) {
            const from = layerOf(file);
            for (const target of targets) {
                const to = layerOf(target);
                if (!from || !to) continue;
                if (LAYERS.indexOf(to) > LAYERS.indexOf(from)) upward.push(`${file} → ${target}`);
            }
        }
        assert.deepEqual(upward, []);
    });

    it("keeps engine/types.ts free of engine imports, so every engine file can depend on it", () => {
        assert.deepEqual(
            graph.get("engine/types.ts")!.filter((t) => t.startsWith("engine/")),
            [],
        );
    });
});
