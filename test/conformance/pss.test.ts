// PSA conformance: the upstream pod-security-admission fixture corpus (`test/conformance/pss/`, copied from
// kubernetes/pod-security-admission; see SOURCE.md there) judged with the matching preset and pssVersion, as a Pod and wrapped in a
// Deployment and a CronJob. A fail fixture must yield a finding whose check ID is its file-name prefix; a pass
// fixture must yield none.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import * as yaml from "js-yaml";
import { resolvePackConfig, ResolvedPolicy } from "../../cli/packConfig";
import { isPlainObject, JsonObject } from "../../model/read";
import { resourcePolicies } from "../../policies";
import { judgeManifests, PRESETS_DIR } from "../../cli/scan";
import { CORPUS_DIR } from "./corpus";

const LEVELS = ["baseline", "restricted"] as const;

interface Fixture {
    file: string;
    expect: "pass" | "fail";
    /** Lower-cased check ID from the file name (`seccompprofile_baseline2.yaml` → `seccompprofile_baseline`). */
    checkId: string;
    pod: JsonObject;
}

type Wrapper = { name: string; type: string; wrap(pod: JsonObject): JsonObject };

const WRAPPERS: Wrapper[] = [
    { name: "Pod", type: "kubernetes:core/v1:Pod", wrap: (pod) => pod },
    {
        name: "Deployment",
        type: "kubernetes:apps/v1:Deployment",
        wrap: (pod) => ({
            apiVersion: "apps/v1",
            kind: "Deployment",
            metadata: { name: podName(pod) },
            spec: { selector: { matchLabels: { app: "x" } }, template: { metadata: pod.metadata, spec: pod.spec } },
        }),
    },
    {
        name: "CronJob",
        type: "kubernetes:batch/v1:CronJob",
        wrap: (pod) => ({
            apiVersion: "batch/v1",
            kind: "CronJob",
            metadata: { name: podName(pod) },
            spec: {
                schedule: "@daily",
                jobTemplate: { spec: { template: { metadata: pod.metadata, spec: pod.spec } } },
            },
        }),
    },
];

function podName(pod: JsonObject): string {
    return isPlainObject(pod.metadata) && typeof pod.metadata.name === "string" ? pod.metadata.name : "pod";
}

function versionsOf(level: string): string[] {
    return fs
        .readdirSync(path.join(CORPUS_DIR, level))
        .filter((v) => /^v1\.\d+$/.test(v))
        .sort((a, b) => Number(a.slice(3)) - Number(b.slice(3)));
}

function fixturesOf(dir: string): Fixture[] {
    const out: Fixture[] = [];
    for (const expect of ["pass", "fail"] as const) {
        const d = path.join(dir, expect);
        if (!fs.existsSync(d)) continue;
        for (const f of fs
            .readdirSync(d)
            .filter((x) => x.endsWith(".yaml"))
            .sort()) {
            const pod = yaml.load(fs.readFileSync(path.join(d, f), "utf8"));
            if (!isPlainObject(pod)) throw new Error(`${f}: not an object`);
            out.push({ file: path.join(d, f), expect, checkId: f.replace(/\d*\.yaml$/, "").toLowerCase(), pod });
        }
    }
    return out;
}

function presetPolicies(level: string, pssVersion: string): ResolvedPolicy[] {
    const raw = JSON.parse(fs.readFileSync(path.join(PRESETS_DIR, `pss-${level}.json`), "utf8"));
    return resolvePackConfig(resourcePolicies, raw, { pssVersion });
}

/** The disagreements of one fixture, judged through the scan CLI's code path. */
function disagreement(fx: Fixture, wrapper: Wrapper, policies: ResolvedPolicy[]): string | undefined {
    const props = wrapper.wrap(fx.pod);
    const findings = judgeManifests(
        [{ file: fx.file, line: 1, type: wrapper.type, kind: wrapper.name, name: podName(fx.pod), props }],
        policies,
    );
    if (fx.expect === "pass")
        return findings.length
            ? `${fx.file} (${wrapper.name}): expected no finding, got ${findings.map((f) => f.message).join(" | ")}`
            : undefined;
    if (!findings.some((f) => f.check.toLowerCase() === fx.checkId && f.enforcementLevel === "mandatory")) {
        return `${fx.file} (${wrapper.name}): expected a mandatory [${fx.checkId}] finding, got ${findings.map((f) => `[${f.check}]`).join(" ") || "none"}`;
    }
    return undefined;
}

describe("PSS conformance (upstream pod-security-admission fixtures)", function () {
    this.timeout(10 * 60 * 1000);
    it("has the whole corpus in the repository", () => {
        // A missing or truncated copy must fail loudly rather than shrink what "agrees 100%" means.
        const files = LEVELS.flatMap((level) =>
            versionsOf(level).flatMap((v) => fixturesOf(path.join(CORPUS_DIR, level, v))),
        );
        assert.ok(
            files.length >= 4500,
            `expected the full corpus (4,537 fixtures) under ${CORPUS_DIR}, found ${files.length}`,
        );
    });
    const corpus = new Map<string, Fixture[]>();
    const load = (level: string, version: string) => {
        const key = `${level}/${version}`;
        if (!corpus.has(key)) corpus.set(key, fixturesOf(path.join(CORPUS_DIR, level, version)));
        return corpus.get(key)!;
    };

    for (const level of LEVELS) {
        for (const wrapper of WRAPPERS) {
            it(`agrees with PSA at ${level}, every version, as ${wrapper.name}`, () => {
                const counts = { pass: 0, fail: 0, versions: 0 };
                const problems: string[] = [];
                for (const version of versionsOf(level)) {
                    const policies = presetPolicies(level, version);
                    counts.versions++;
                    for (const fx of load(level, version)) {
                        counts[fx.expect]++;
                        const d = disagreement(fx, wrapper, policies);
                        if (d) problems.push(d);
                    }
                }
                const judged = counts.pass + counts.fail;
                console.log(
                    `    ${level}/${wrapper.name}: ${judged} files over ${counts.versions} versions (${counts.pass} pass, ${counts.fail} fail), ${judged - problems.length} agree, ${problems.length} disagree`,
                );
                assert.ok(judged > 0, "no fixtures found");
                assert.deepStrictEqual(problems.slice(0, 20), [], `${problems.length} disagreements`);
            });
        }
        it(`agrees with PSA at ${level} with pssVersion "latest" (the newest version's fixtures)`, () => {
            const newest = versionsOf(level).pop()!;
            const policies = presetPolicies(level, "latest");
            const fixtures = load(level, newest);
            const problems = fixtures
                .map((fx) => disagreement(fx, WRAPPERS[0], policies))
                .filter((d): d is string => d !== undefined);
            console.log(`    ${level}/latest: ${fixtures.length} files of ${newest}, ${problems.length} disagree`);
            assert.deepStrictEqual(problems.slice(0, 20), []);
        });
    }

    it("judged every file of the corpus", () => {
        const total = LEVELS.reduce(
            (n, level) => n + versionsOf(level).reduce((m, v) => m + load(level, v).length, 0),
            0,
        );
        console.log(`    corpus: ${total} files`);
        assert.strictEqual(total, countYaml(CORPUS_DIR));
    });
});

function countYaml(dir: string): number {
    return fs
        .readdirSync(dir, { withFileTypes: true })
        .reduce(
            (n, e) => n + (e.isDirectory() ? countYaml(path.join(dir, e.name)) : e.name.endsWith(".yaml") ? 1 : 0),
            0,
        );
}
