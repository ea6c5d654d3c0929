// Real previews: `pulumi preview --policy-pack <repo>` and `pulumi up` on the Pulumi YAML programs in
// examples/real-preview/, with the real YAML language host and the real Kubernetes provider rendering manifests to
// files (no cluster). Unlike the mock path, the provider runs: Helm v4 Charts and yaml/v2 ConfigGroup/ConfigFile
// register their children, Check normalizes the inputs, preview-time unknowns come from real dependencies, and a
// `remediate` fix is what the provider writes. Skipped, naming the missing tool, when the CLI or the plugins are not
// built (scripts/pulumi-cli.sh, scripts/plugins.sh); with REAL_PREVIEW_REQUIRED=1 (.ci/run) it fails instead.
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as yaml from "js-yaml";
import { REPO_ROOT } from "../harness/program";
import {
    CliRun,
    engineEvents,
    Finding,
    findingsOf,
    realPreviewToolsOrSkip,
    realPreviewConfigPath,
    realPreviewExamples,
    realPreviewGoldenPath,
    RealPreviewStack,
    RealPreviewTools,
    RealPreviewVerdict,
    verdictOf,
} from "../harness/realPreview";

const UPDATE = process.env.UPDATE_GOLDEN === "1";
const ADVISORY = path.join(REPO_ROOT, "presets", "advisory.json");

const CHART = "kubernetes:helm.sh/v4:Chart";
const DAEMONSET = "kubernetes:apps/v1:DaemonSet";
/** The node agent DaemonSet the chart renders (release "node-agent" in namespace "monitoring"). */
const AGENT_URN = `urn:pulumi:dev::helm-node-agent::${CHART}$${DAEMONSET}::node-agent:monitoring/node-agent-agent`;

function failures(run: CliRun): string {
    return `exit ${run.exitCode}\n${run.stderr}\n${run.stdout.slice(-4000)}`;
}

/** Every manifest the provider rendered, by file path relative to the render dir, parsed. */
function renderedManifests(dir: string): Map<string, unknown> {
    const out = new Map<string, unknown>();
    const walk = (d: string) => {
        for (const e of fs.readdirSync(d, { withFileTypes: true })) {
            const p = path.join(d, e.name);
            if (e.isDirectory()) walk(p);
            else out.set(path.relative(dir, p), yaml.load(fs.readFileSync(p, "utf8")));
        }
    };
    walk(dir);
    return out;
}

/** Paths (a.b[0].c) where two JSON values differ. */
function differences(a: unknown, b: unknown, at = ""): string[] {
    if (JSON.stringify(a) === JSON.stringify(b)) return [];
    const isObj = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null;
    if (isObj(a) && isObj(b) && Array.isArray(a) === Array.isArray(b)) {
        const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
        return keys.flatMap((k) => differences(a[k], b[k], Array.isArray(a) ? `${at}[${k}]` : at ? `${at}.${k}` : k));
    }
    return [at];
}

describe("real previews: pulumi preview --policy-pack with the YAML language host and the Kubernetes provider", function () {
    this.timeout(600000);
    let tools: RealPreviewTools;
    let work: string;
    /** One stack per example, created once and previewed under several configs. */
    const stacks = new Map<string, RealPreviewStack>();

    before(function () {
        this.timeout(30 * 60000);
        tools = realPreviewToolsOrSkip(this);
        console.log(`      using ${tools.cli.bin}, ${tools.languageYaml}, ${tools.resourceKubernetes}`);
        work = fs.mkdtempSync(path.join(os.tmpdir(), "isolation-guard-real-preview-"));
    });
    after(() => work && fs.rmSync(work, { recursive: true, force: true }));

    async function stack(example: string): Promise<RealPreviewStack> {
        let s = stacks.get(example);
        if (!s) stacks.set(example, (s = await RealPreviewStack.create(tools, example, work)));
        return s;
    }

    function writeConfig(name: string, config: unknown): string {
        const file = path.join(work, `${name}.policy-config.json`);
        fs.writeFileSync(file, JSON.stringify(config));
        return file;
    }

    /** Golden previews, kept to compare the advisory run with. */
    const verdicts = new Map<string, RealPreviewVerdict>();

    for (const example of realPreviewExamples()) {
        it(`${example}: the preview reports the golden findings and exit code`, async () => {
            const s = await stack(example);
            const run = await s.preview({ config: realPreviewConfigPath(example), json: true });
            const verdict = verdictOf(example, run);
            verdicts.set(example, verdict);
            const file = realPreviewGoldenPath(example);
            if (UPDATE) fs.writeFileSync(file, `${JSON.stringify(verdict, null, 2)}\n`);
            assert.ok(fs.existsSync(file), `${file} is missing; create it with UPDATE_GOLDEN=1 and review it`);
            assert.deepStrictEqual(verdict, JSON.parse(fs.readFileSync(file, "utf8")), failures(run));
            const mandatory = verdict.findings.some((f) => f.level === "mandatory");
            assert.strictEqual(run.exitCode === 0, !mandatory, failures(run));
        });
    }

    it("judges the Helm v4 chart's rendered DaemonSet: privileged, hostPID and the containerd socket, each mandatory", async () => {
        const { findings, resources } = verdicts.get("helm-node-agent") ?? assert.fail("golden preview did not run");
        assert.ok(resources.includes(`${DAEMONSET}::node-agent:monitoring/node-agent-agent`), resources.join("\n"));
        const onAgent = findings.filter((f) => f.urn === AGENT_URN && f.level === "mandatory");
        const expected: Array<[string, RegExp]> = [
            ["no-privileged-containers", /\[privileged\]/],
            ["no-host-namespaces", /\[hostNamespaces\].*hostPID/],
            ["no-sensitive-host-mounts", /\/run\/containerd\/containerd\.sock/],
        ];
        for (const [policy, message] of expected)
            assert.ok(
                onAgent.some((f) => f.policy === policy && message.test(f.message)),
                `${policy} ${message} not reported on ${AGENT_URN}:\n${JSON.stringify(findings, null, 2)}`,
            );
        // The chart's hardened Deployment and Service are judged too, and pass.
        assert.ok(!findings.some((f) => f.urn.endsWith("node-agent-api")), JSON.stringify(findings, null, 2));
    });

    it("a custom-named RuntimeClass whose handler is runsc passes the multi-tenant Pod that uses it (issue 23)", async () => {
        const { findings, resources } =
            verdicts.get("custom-runtime-class") ?? assert.fail("golden preview did not run");
        assert.ok(resources.includes("kubernetes:core/v1:Pod::tenant-job"), resources.join("\n"));
        // The handler decides: `secure` (runsc) is on no list of names, and its Pod passes.
        assert.ok(
            !findings.some((f) => /tenant-job|RuntimeClass::secure/.test(f.urn)),
            JSON.stringify(findings, null, 2),
        );
        // Its twin under `plain` (runc) is rejected, on the Pod, in AnalyzeStack.
        assert.ok(
            findings.some(
                (f) =>
                    f.urn.endsWith("Pod::tenant-batch") &&
                    f.level === "mandatory" &&
                    /\[sandboxedRuntime\]/.test(f.message),
            ),
            JSON.stringify(findings, null, 2),
        );
    });

    it("judges yaml/v2 ConfigGroup and ConfigFile children as their own resources", async () => {
        const { findings } = verdicts.get("config-group-file") ?? assert.fail("golden preview did not run");
        // Children are named `[<prefix>:]<namespace>/<name>`, typed `<component type>$<object type>`.
        const on = (urn: RegExp) => findings.filter((f) => urn.test(f.urn) && f.level === "mandatory");
        assert.ok(
            on(/yaml\/v2:ConfigGroup\$kubernetes:core\/v1:Pod::([^:]*:)?shop\/net-debug$/).some((f) =>
                /hostNetwork/.test(f.message),
            ),
            JSON.stringify(findings, null, 2),
        );
        assert.ok(
            on(/yaml\/v2:ConfigFile\$kubernetes:apps\/v1:DaemonSet::([^:]*:)?logging\/log-shipper$/).some((f) =>
                /hostPath/.test(f.message),
            ),
            JSON.stringify(findings, null, 2),
        );
        assert.ok(!findings.some((f) => f.urn.endsWith("shop/api")), JSON.stringify(findings, null, 2));
    });

    it("presets/advisory.json: every preview passes with the same findings, each advisory", async () => {
        for (const example of ["helm-node-agent", "config-group-file", "multi-tenant"]) {
            const golden = verdicts.get(example) ?? assert.fail(`golden preview of ${example} did not run`);
            const run = await (await stack(example)).preview({ config: ADVISORY, json: true });
            assert.strictEqual(run.exitCode, 0, failures(run));
            const advisory = findingsOf(run);
            assert.ok(
                advisory.every((f) => f.level === "advisory"),
                JSON.stringify(advisory, null, 2),
            );
            const strip = (fs: Finding[]) => fs.map(({ urn, policy, message }) => ({ urn, policy, message }));
            assert.deepStrictEqual(strip(advisory), strip(golden.findings), example);
        }
    });

    it("an exemption matching the chart child by name and namespace waives its findings, as named notes", async () => {
        const exemption = (id: string, checks: string[]) => ({
            id,
            checks,
            match: { name: "node-agent-agent", namespace: "monitoring" },
            reason: "node agent reads host processes; vendor fix due",
            expires: "2999-12-31",
        });
        const config = writeConfig("exempt-agent", {
            "no-privileged-containers": {
                exemptions: [exemption("SEC-1", ["privileged", "allowPrivilegeEscalation"])],
            },
            "no-host-namespaces": { exemptions: [exemption("SEC-2", ["hostNamespaces"])] },
            "no-sensitive-host-mounts": {
                exemptions: [exemption("SEC-3", ["sensitiveHostPath", "hostPathVolumes"])],
            },
        });
        const run = await (await stack("helm-node-agent")).preview({ config, json: true });
        const findings = findingsOf(run);
        assert.strictEqual(run.exitCode, 0, failures(run));
        assert.ok(!findings.some((f) => f.level === "mandatory"), JSON.stringify(findings, null, 2));
        for (const id of ["SEC-1", "SEC-2", "SEC-3"])
            assert.ok(
                findings.some((f) => f.urn === AGENT_URN && f.message.includes(`waived by exemption "${id}"`)),
                `${id}: ${JSON.stringify(findings, null, 2)}`,
            );
        // A different namespace does not match the child.
        const elsewhere = writeConfig("exempt-elsewhere", {
            "no-privileged-containers": {
                exemptions: [
                    { ...exemption("SEC-9", ["privileged"]), match: { name: "node-agent-agent", namespace: "other" } },
                ],
            },
        });
        const still = await (await stack("helm-node-agent")).preview({ config: elsewhere, json: true });
        assert.notStrictEqual(still.exitCode, 0, failures(still));
        assert.ok(
            findingsOf(still).some(
                (f) => f.urn === AGENT_URN && f.level === "mandatory" && /\[privileged\]/.test(f.message),
            ),
        );
    });

    it("remediate + pulumi up: the rendered chart child carries the fix, and nothing else differs from a plain up", async () => {
        const plain = await RealPreviewStack.create(tools, "helm-node-agent", work, "helm-plain");
        const baseline = await plain.up({ noPack: true, json: true });
        assert.strictEqual(baseline.exitCode, 0, failures(baseline));
        const fixed = await RealPreviewStack.create(tools, "helm-node-agent", work, "helm-remediated");
        const config = writeConfig("remediate", { all: "advisory", "no-privileged-containers": "remediate" });
        const run = await fixed.up({ config, json: true });
        assert.strictEqual(run.exitCode, 0, failures(run));
        const remediated = engineEvents(run).flatMap((e) =>
            e.policyRemediationEvent ? [e.policyRemediationEvent] : [],
        );
        assert.deepStrictEqual(
            remediated.map((r) => [r.resourceUrn, r.policyName]),
            [[AGENT_URN, "no-privileged-containers"]],
        );
        const before = renderedManifests(plain.renderedDir());
        const after = renderedManifests(fixed.renderedDir());
        assert.deepStrictEqual([...after.keys()].sort(), [...before.keys()].sort());
        const changed = [...after.keys()].flatMap((f) =>
            differences(before.get(f), after.get(f)).map((d) => `${f}: ${d}`),
        );
        const file =
            [...after.keys()].find((f) => /daemonset.*node-agent-agent/i.test(f)) ?? assert.fail("no DaemonSet file");
        const container = `${file}: spec.template.spec.containers[0].securityContext`;
        assert.deepStrictEqual(changed.sort(), [`${container}.allowPrivilegeEscalation`, `${container}.privileged`]);
        const agent = after.get(file) as {
            spec: { template: { spec: { containers: Array<{ securityContext: Record<string, unknown> }> } } };
        };
        const sc = agent.spec.template.spec.containers[0].securityContext;
        assert.strictEqual(sc.privileged, false);
        assert.strictEqual(sc.allowPrivilegeEscalation, false);
    });

    it("a runtimeClassName unknown at preview is deferred with a note, then judged at update", async () => {
        const s = await stack("unknown-at-preview");
        const preview = await s.preview({ json: true });
        assert.strictEqual(preview.exitCode, 0, failures(preview));
        const notes = findingsOf(preview).filter((f) => /\[unknownValues\]/.test(f.message));
        assert.ok(
            notes.length > 0 && notes.every((f) => f.level === "advisory" && /runtimeClassName/.test(f.message)),
            JSON.stringify(findingsOf(preview), null, 2),
        );
        const up = await s.up({ json: true });
        assert.notStrictEqual(up.exitCode, 0, failures(up));
        const judged = findingsOf(up).filter((f) => f.level === "mandatory");
        assert.ok(
            judged.some((f) => f.policy === "multi-tenant-isolation" && /runtimeClassName/.test(f.message)),
            JSON.stringify(findingsOf(up), null, 2),
        );
        assert.ok(!findingsOf(up).some((f) => /\[unknownValues\]/.test(f.message)), "still unknown at update");
    });
});
