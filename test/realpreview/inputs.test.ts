// What the pack is handed in a real preview against what the mock harness (test/harness/program.ts) captures for the
// same program: the real side is recorded by an analyzer that only listens (spyPack.ts) during `pulumi preview`; the
// mock side runs the program's TypeScript twin (yamlTwin.ts: the same resources and inputs through the SDK classes)
// under Pulumi's mocks. Both are written to JSON in the work dir and compared resource by resource. The differences
// that remain are the mock path's documented limits (docs/engine-path.md), each asserted here so a new one fails.
import * as assert from "assert";
import { execFile } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { promisify } from "util";
import { CapturedResource } from "../harness/program";
import { realPreviewToolsOrSkip, REAL_PREVIEW_DIR, RealPreviewStack, RealPreviewTools } from "../harness/realPreview";
import { readSpied, SpiedResource, writeSpyPack } from "./spyPack";

const PROGRAM_JS = path.join(__dirname, "..", "harness", "program.js");
const TWIN_JS = path.join(__dirname, "yamlTwin.js");

/** The mock harness's capture of an example's TypeScript twin. */
async function mockCapture(example: string, project: string): Promise<CapturedResource[]> {
    const { stdout } = await promisify(execFile)(process.execPath, [PROGRAM_JS, TWIN_JS, project], {
        cwd: path.join(REAL_PREVIEW_DIR, example),
        maxBuffer: 64 << 20,
    });
    // The capture prints { resources, remoteComponents }; the inputs are compared resource by resource.
    return (JSON.parse(stdout) as { resources: CapturedResource[] }).resources;
}

/** Paths (a.b[0].c) where two JSON values differ, with both sides. */
function differences(a: unknown, b: unknown, at = ""): Array<{ path: string; real: unknown; mock: unknown }> {
    if (JSON.stringify(a) === JSON.stringify(b)) return [];
    const isObj = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null;
    if (isObj(a) && isObj(b) && Array.isArray(a) === Array.isArray(b)) {
        const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
        return keys.flatMap((k) => differences(a[k], b[k], Array.isArray(a) ? `${at}[${k}]` : at ? `${at}.${k}` : k));
    }
    return [{ path: at, real: a, mock: b }];
}

interface Comparison {
    /** Resources the real preview analyzed that the mock capture does not have (URNs; providers left out). */
    onlyReal: string[];
    /** Resources the mock capture has that the real preview never analyzed (URNs). */
    onlyMock: string[];
    /** Per shared URN, the input paths that differ. */
    differ: Record<string, Array<{ path: string; real: unknown; mock: unknown }>>;
}

function compareInputs(real: SpiedResource[], mock: CapturedResource[]): Comparison {
    // Analyze is called for every resource the program (or a provider's component) registers, providers aside.
    const notProvider = (t: string) => !t.startsWith("pulumi:providers:");
    const analyzed = new Map(real.filter((r) => r.call === "analyze" && notProvider(r.type)).map((r) => [r.urn, r]));
    const captured = new Map(mock.filter((r) => notProvider(r.type)).map((r) => [r.urn, r]));
    const differ: Comparison["differ"] = {};
    for (const [urn, m] of captured) {
        const r = analyzed.get(urn);
        if (!r) continue;
        const d = differences(r.properties, m.properties);
        if (d.length) differ[urn] = d;
    }
    return {
        onlyReal: [...analyzed.keys()].filter((u) => !captured.has(u)).sort(),
        onlyMock: [...captured.keys()].filter((u) => !analyzed.has(u)).sort(),
        differ,
    };
}

describe("real preview vs mock harness: the inputs the pack is handed", function () {
    this.timeout(600000);
    let tools: RealPreviewTools;
    let work: string;

    before(function () {
        this.timeout(30 * 60000);
        tools = realPreviewToolsOrSkip(this);
        work = fs.mkdtempSync(path.join(os.tmpdir(), "isolation-guard-inputs-"));
    });
    after(() => work && fs.rmSync(work, { recursive: true, force: true }));

    /** Real preview with the spy, mock capture of the twin; both written to <work>/<example>.{real,mock}.json. */
    async function both(example: string): Promise<Comparison> {
        const s = await RealPreviewStack.create(tools, example, work, `spy-${example}`);
        const out = path.join(work, `${example}.spy.jsonl`);
        const run = await s.preview({
            noPack: true,
            extraPacks: [writeSpyPack(path.join(work, `spy-pack-${example}`), out)],
        });
        assert.strictEqual(run.exitCode, 0, `${run.stdout}\n${run.stderr}`);
        const real = readSpied(out);
        const mock = await mockCapture(example, s.project);
        fs.writeFileSync(path.join(work, `${example}.real.json`), JSON.stringify(real, null, 2));
        fs.writeFileSync(path.join(work, `${example}.mock.json`), JSON.stringify(mock, null, 2));
        return compareInputs(real, mock);
    }

    /** Kubernetes autonaming: `<name>-<suffix>`; the real provider's suffix is random, the harness's a URN hash. */
    const autonamed = (v: unknown, name: string) =>
        typeof v === "string" && new RegExp(`^${name}-[0-9a-z]{8}$`).test(v);

    it("hardened-app: same resources; inputs differ only in autonames' random suffixes", async () => {
        const c = await both("hardened-app");
        assert.deepStrictEqual([c.onlyReal, c.onlyMock], [[], []], JSON.stringify(c, null, 2));
        for (const [urn, ds] of Object.entries(c.differ)) {
            // Its own autoname, or the autonamed Namespace "web" it lives in.
            const named = { "metadata.name": urn.split("::").pop() ?? "", "metadata.namespace": "web" };
            for (const d of ds) {
                const base = named[d.path as keyof typeof named];
                assert.ok(
                    base !== undefined && autonamed(d.real, base) && autonamed(d.mock, base),
                    `${urn}: ${JSON.stringify(d)}`,
                );
            }
        }
    });

    it("multi-tenant: same resources and identical inputs", async () => {
        const c = await both("multi-tenant");
        assert.deepStrictEqual(c, { onlyReal: [], onlyMock: [], differ: {} });
    });

    it("helm-node-agent and config-group-file: the mock path sees none of the components' children", async () => {
        for (const example of ["helm-node-agent", "config-group-file"]) {
            const c = await both(example);
            assert.deepStrictEqual(c.onlyMock, [], example);
            // Every resource only the real preview has is a child of a provider-side component.
            assert.ok(c.onlyReal.length > 0, `${example}: ${JSON.stringify(c, null, 2)}`);
            assert.ok(
                c.onlyReal.every((u) => /::kubernetes:(helm\.sh\/v4:Chart|yaml\/v2:Config(Group|File))\$/.test(u)),
                JSON.stringify(c.onlyReal, null, 2),
            );
        }
    });

    it("unknown-at-preview: the runtimeClassName is the unknown sentinel on both paths", async () => {
        const c = await both("unknown-at-preview");
        assert.deepStrictEqual(c, { onlyReal: [], onlyMock: [], differ: {} });
    });
});
