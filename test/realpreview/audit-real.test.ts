// `isolation-guard audit` on state the real CLI made: each Pulumi YAML example is deployed with `pulumi up` (file
// backend, the Kubernetes provider rendering to files), exported with `pulumi stack export --show-secrets`, and
// audited. Per stack the audit must give the findings `pulumi preview --policy-pack` gives for the same program
// (every policy that judges resources; unused-exemptions is a pack-run housekeeping note the audit does not make), and
// the exemptions file it writes must make those previews pass. Skipped like the other real previews without the CLI
// and plugins; required under REAL_PREVIEW_REQUIRED=1.
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { audit, AuditIo } from "../../cli/audit";
import { resourcePolicies } from "../../policies";
import { findingsOf, realPreviewToolsOrSkip, RealPreviewStack, RealPreviewTools } from "../harness/realPreview";

/**
 * A Helm v4 chart's children, yaml/v2 ConfigGroup objects, stack-decided RuntimeClasses (one custom-named), operators'
 * custom resources, a clean stack.
 */
const EXAMPLES = [
    "multi-tenant",
    "helm-node-agent",
    "config-group-file",
    "hardened-app",
    "operator-custom-resources",
    "custom-runtime-class",
];

function runAudit(args: string[]): { code: number; stdout: string; stderr: string } {
    let stdout = "";
    let stderr = "";
    const io: AuditIo = { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) };
    const code = audit(args, io);
    return { code, stdout, stderr };
}

/** @pulumi/policy prefixes a violation with its policy's description and a newline; the audit prints the finding. */
function withoutDescription(policy: string, message: string): string {
    const prefix = `${resourcePolicies.find((p) => p.name === policy)?.description}\n`;
    return message.startsWith(prefix) ? message.slice(prefix.length) : message;
}

describe("audit over state exported after a real `pulumi up` agrees with `pulumi preview`", function () {
    this.timeout(600000);
    let tools: RealPreviewTools;
    let work: string;
    const stacks = new Map<string, RealPreviewStack>();
    const exports = new Map<string, string>();

    before(async function () {
        this.timeout(30 * 60000);
        tools = realPreviewToolsOrSkip(this);
        work = fs.mkdtempSync(path.join(os.tmpdir(), "isolation-guard-audit-real-"));
        for (const example of EXAMPLES) {
            const s = await RealPreviewStack.create(tools, example, work, `audit-${example}`);
            // Deployed without the pack: the state is what an organization has before it enforces anything.
            const up = await s.up({ noPack: true });
            assert.strictEqual(up.exitCode, 0, `${example}: pulumi up\n${up.stderr}\n${up.stdout.slice(-3000)}`);
            const exported = await s.pulumi(["stack", "export", "--show-secrets"]);
            assert.strictEqual(exported.exitCode, 0, `${example}: pulumi stack export\n${exported.stderr}`);
            const file = path.join(work, `${example}.json`);
            fs.writeFileSync(file, exported.stdout);
            stacks.set(example, s);
            exports.set(example, file);
        }
    });
    after(() => work && fs.rmSync(work, { recursive: true, force: true }));

    interface AuditJson {
        stacks: {
            stack: string;
            file: string;
            today: { urn: string; policy: string; enforcementLevel: string; message: string }[];
            wouldBlock: unknown[];
        }[];
    }

    function auditJson(args: string[]): AuditJson {
        const r = runAudit(["--format", "json", "--quiet", ...args]);
        assert.ok(r.code === 0 || r.code === 1, `exit ${r.code}: ${r.stderr}`);
        return JSON.parse(r.stdout) as AuditJson;
    }

    for (const example of EXAMPLES) {
        it(`${example}: the audit of the exported state finds what the preview finds`, async () => {
            const s = stacks.get(example)!;
            const preview = await s.preview({ json: true });
            const fromPreview = findingsOf(preview)
                .filter((f) => f.policy !== "unused-exemptions")
                .map(
                    (f) =>
                        `${f.urn} ${f.policy} ${f.level} ${withoutDescription(f.policy, f.message).replace(/\n$/, "")}`,
                )
                .sort();
            // Today = the default config, as the preview ran: the audit's "today" findings are the preview's.
            const out = auditJson(["--current-preset", "default", exports.get(example)!]);
            assert.strictEqual(out.stacks.length, 1);
            assert.strictEqual(out.stacks[0].stack, `${s.project}/dev`);
            const fromAudit = out.stacks[0].today
                .map((f) => `${f.urn} ${f.policy} ${f.enforcementLevel} ${f.message}`)
                .sort();
            assert.deepStrictEqual(fromAudit, fromPreview);
            // hardened-app is the clean control: nothing found by either.
            if (example !== "hardened-app") assert.ok(fromPreview.length > 0, `${example}: the preview found nothing`);
        });
    }

    it("its exemptions file, accepted by the CLI as --policy-pack-config, makes every one of those previews pass", async () => {
        const config = path.join(work, "exemptions.json");
        const files = EXAMPLES.map((e) => exports.get(e)!);
        const r = runAudit(["--quiet", "--exemptions-out", config, ...files]);
        assert.strictEqual(r.code, 1, `something must block before the exemptions: ${r.stderr}\n${r.stdout}`);
        const blocked: string[] = [];
        for (const example of EXAMPLES) {
            const before = await stacks.get(example)!.preview({ json: true });
            const after = await stacks.get(example)!.preview({ json: true, config });
            if (before.exitCode !== 0) blocked.push(example);
            assert.strictEqual(after.exitCode, 0, `${example}: ${after.stderr}\n${after.stdout.slice(-3000)}`);
            assert.deepStrictEqual(
                findingsOf(after).filter((f) => f.level === "mandatory"),
                [],
                `${example}: mandatory findings under the exemptions`,
            );
        }
        assert.ok(blocked.length >= 3, `only ${blocked.join(", ")} failed before the exemptions`);
        assert.strictEqual(runAudit(["--quiet", "--config", config, ...files]).code, 0);
    });
});
