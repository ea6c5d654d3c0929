// The README and docs/ must stay true to the repository: the README short, every relative link (and its anchor)
// pointing at something that exists, every example listed, the generated config reference current, the JSON shape
// docs/pss.md shows equal to what `scan --format json` prints, and one way to point the tools at a Pulumi CLI.
import { strict as assert } from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { CONFIG_DOCS_PATH, readPresets, renderConfigurationDocs } from "../../cli/configDocs";
import { packPolicies } from "../../policies/pack";
import { PACK_DIR } from "../harness/engine";

const README = "README.md";
const README_MAX_BYTES = 12 * 1024;

/**
 * Pages another branch adds (the CLI reference, docs/cli.md, is written on the CLI branch): a link to one is checked
 * once the page exists, and skipped until then.
 */
const PAGES_FROM_OTHER_BRANCHES = new Set(["docs/cli.md"]);

/** How `demo`, the docs and the README tell a user to point the tools at a Pulumi CLI (scripts/pulumi-cli.sh prints
 * the CLI's path as the last line of its stdout). */
const PULUMI_CLI_HINT = "PULUMI_CLI=$(bash scripts/pulumi-cli.sh | tail -n 1)";

function read(rel: string): string {
    return fs.readFileSync(path.join(PACK_DIR, rel), "utf8");
}

function markdownFiles(): string[] {
    return [
        README,
        ...fs
            .readdirSync(path.join(PACK_DIR, "docs"))
            .filter((f) => f.endsWith(".md"))
            .sort()
            .map((f) => `docs/${f}`),
    ];
}

/** The text outside fenced code blocks, inline code spans replaced by blanks (links are not read inside code). */
function prose(md: string): string[] {
    const out: string[] = [];
    let fenced = false;
    for (const line of md.split("\n")) {
        if (/^\s*(```|~~~)/.test(line)) {
            fenced = !fenced;
            out.push("");
            continue;
        }
        out.push(fenced ? "" : line.replace(/`+[^`]*`+/g, (m) => " ".repeat(m.length)));
    }
    return out;
}

/** GitHub's heading anchors: lower-cased, punctuation dropped, spaces to hyphens, repeats suffixed -1, -2 … */
export function anchors(md: string): Set<string> {
    const seen = new Map<string, number>();
    const out = new Set<string>();
    let fenced = false;
    for (const line of md.split("\n")) {
        if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
        const m = fenced ? null : /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
        if (!m) continue;
        const base = m[1]
            .toLowerCase()
            .replace(/[^\p{L}\p{N}\s_-]/gu, "")
            .replace(/\s/g, "-");
        const n = seen.get(base) ?? 0;
        seen.set(base, n + 1);
        out.add(n ? `${base}-${n}` : base);
    }
    return out;
}

interface Link {
    file: string;
    line: number;
    target: string;
}

function relativeLinks(file: string): Link[] {
    const out: Link[] = [];
    prose(read(file)).forEach((text, i) => {
        for (const m of text.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) {
            const target = m[1];
            if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto: …
            out.push({ file, line: i + 1, target });
        }
    });
    return out;
}

describe("README and docs/ (docs staleness)", () => {
    it(`README.md is at most ${README_MAX_BYTES} bytes: the reference lives in docs/`, () => {
        const size = fs.statSync(path.join(PACK_DIR, README)).size;
        assert.ok(size <= README_MAX_BYTES, `README.md is ${size} bytes; move reference into docs/`);
    });

    it("every relative link in README.md and docs/*.md resolves to a file, and its anchor to a heading", () => {
        const broken: string[] = [];
        let checked = 0;
        for (const file of markdownFiles())
            for (const link of relativeLinks(file)) {
                const [p, anchor] = link.target.split("#", 2);
                const resolved = p ? path.posix.normalize(path.posix.join(path.posix.dirname(file), p)) : file;
                const where = `${link.file}:${link.line}: ${link.target}`;
                if (!fs.existsSync(path.join(PACK_DIR, resolved))) {
                    if (!PAGES_FROM_OTHER_BRANCHES.has(resolved)) broken.push(`${where} (no ${resolved})`);
                    continue;
                }
                checked++;
                if (anchor === undefined || !resolved.endsWith(".md")) continue;
                if (!anchors(read(resolved)).has(decodeURIComponent(anchor)))
                    broken.push(`${where} (no heading #${anchor} in ${resolved})`);
            }
        assert.ok(checked > 50, `only ${checked} links found: is the link pattern still right?`);
        assert.deepEqual(broken, [], `broken links:\n${broken.join("\n")}`);
    });

    it("README.md links to every page of docs/ and names the number of policies the pack has", () => {
        const readme = read(README);
        const linked = new Set(relativeLinks(README).map((l) => l.target.split("#")[0]));
        const pages = [...markdownFiles().filter((f) => f !== README), ...PAGES_FROM_OTHER_BRANCHES];
        assert.deepEqual(
            pages.filter((f) => !linked.has(f)),
            [],
            "pages of docs/ the README does not link to",
        );
        const words = [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
        ];
        const count = packPolicies().length;
        assert.match(readme, new RegExp(`\\b${words[count] ?? count} policies\\b`, "i"));
    });

    it("every directory under examples/ (and examples/real-preview/) is listed in docs/engine-path.md", () => {
        const doc = read("docs/engine-path.md");
        const dirs = (rel: string) =>
            fs
                .readdirSync(path.join(PACK_DIR, rel), { withFileTypes: true })
                .filter((d) => d.isDirectory())
                .map((d) => d.name);
        const missing = [
            ...dirs("examples").filter((d) => !doc.includes(`| \`${d}\` |`)),
            ...dirs("examples/real-preview")
                .filter((d) => !doc.includes(`| \`${d}\` |`))
                .map((d) => `real-preview/${d}`),
        ];
        assert.deepEqual(missing, [], `examples missing from the tables of docs/engine-path.md: ${missing.join(", ")}`);
    });

    it("docs/configuration.md is generated from the config schemas and presets and current (npm run docs)", () => {
        assert.ok(
            read(CONFIG_DOCS_PATH) === renderConfigurationDocs(packPolicies(), readPresets(PACK_DIR)),
            `${CONFIG_DOCS_PATH} is out of date: run npm run docs`,
        );
    });

    it("docs/pss.md shows the fields `scan --format json` prints, in its order", () => {
        const pss = read("docs/pss.md");
        const shown = /```json\n(\{[\s\S]*?\n\})\n```/.exec(pss);
        assert.ok(shown, "docs/pss.md has no JSON finding");
        // As a user runs it, in a child process: the mutation run (test/mutation/in-process.ts) skips this test rather
        // than re-testing every mutant of the judging pipeline that it would otherwise cover.
        const run = spawnSync(
            process.execPath,
            [path.join(PACK_DIR, "dist", "cli", "main.js"), "scan", "--format", "json", "examples/verify/tenants.yaml"],
            { cwd: PACK_DIR, encoding: "utf8" },
        );
        const code = run.status;
        const out = run.stdout;
        assert.equal(code, 1);
        const printed = JSON.parse(out) as Record<string, unknown>[];
        assert.ok(printed.length > 0);
        assert.deepEqual(Object.keys(JSON.parse(shown[1]) as object), Object.keys(printed[0]));
    });

    it(`tells one way to find the Pulumi CLI: ${PULUMI_CLI_HINT}`, () => {
        const sources = [...markdownFiles(), "test/harness/demo.ts"];
        const hints: string[] = [];
        for (const file of sources)
            for (const m of read(file).matchAll(/PULUMI_CLI=\$\([^)]*\)/g))
                if (m[0] !== PULUMI_CLI_HINT) hints.push(`${file}: ${m[0]}`);
        assert.deepEqual(hints, []);
        assert.ok(read("test/harness/demo.ts").includes(PULUMI_CLI_HINT));
        assert.match(read("scripts/pulumi-cli.sh"), /Print \(last line of stdout\) the absolute path/);
    });
});
