// What Pulumi Cloud shows and filters by (issue 24 part 2): every policy's display name, compliance framework, docs
// address and tags, and the pack's own metadata, pinned in process (policies/metadata.ts over data/compliance.ts) and
// over GetAnalyzerInfo as the engine reads them. The expected mappings are written out here, not derived from the
// table: a changed row must change this file too.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { packPolicies } from "../../policies/pack";
import { packMetadata, PACK_REPOSITORY, policyMetadata, POLICY_DOCS } from "../../policies/metadata";
import { CHECK_CONTROLS } from "../../data/compliance";
import { NEWEST_KNOWN_PSS_VERSION } from "../../engine/pssTables";
import { suitePack } from "../harness/engine";
import { REPO_ROOT } from "../harness/program";

const K = (n: string) => `cis-kubernetes-1.9.0:${n}`;
const D = (n: string) => `cis-docker-1.6.0:${n}`;

/** Policy → its PSS reference (undefined: no framework) and every tag beside "container-isolation". */
const EXPECTED: Record<string, { reference?: string; tags: string[] }> = {
    "no-privileged-containers": {
        reference: "baseline: Privileged Containers, HostProcess; restricted: Privilege Escalation",
        tags: ["pss-baseline", "pss-restricted", K("5.2.2"), K("5.2.11"), K("5.2.6"), D("5.5"), D("5.26")],
    },
    "drop-capabilities": {
        reference: "baseline: Capabilities; restricted: Capabilities",
        tags: ["pss-baseline", "pss-restricted", K("5.2.8"), K("5.2.9"), K("5.2.10"), D("5.4")],
    },
    "no-sensitive-host-mounts": {
        reference: "baseline: HostPath Volumes; restricted: Volume Types",
        tags: ["pss-baseline", "pss-restricted", K("5.2.12"), D("5.6"), D("5.32"), D("5.18"), D("5.20")],
    },
    "no-host-namespaces": {
        reference: "baseline: Host Namespaces, Host Ports, Host Probes / Lifecycle Hooks",
        tags: [
            "pss-baseline",
            K("5.2.3"),
            K("5.2.4"),
            K("5.2.5"),
            K("5.2.13"),
            D("5.10"),
            D("5.16"),
            D("5.17"),
            D("5.21"),
            D("5.31"),
        ],
    },
    "multi-tenant-isolation": { tags: [] },
    "kernel-hardening": {
        reference:
            "baseline: Seccomp, AppArmor, SELinux, /proc Mount Type, Sysctls; restricted: Seccomp, /proc Mount Type",
        tags: ["pss-baseline", "pss-restricted", K("5.7.2"), D("5.22"), D("5.2"), D("5.3")],
    },
    "run-as-non-root": {
        reference: "restricted: Running as Non-root, Running as Non-root user",
        tags: ["pss-restricted", K("5.2.7")],
    },
    "no-host-credentials": { tags: [] },
    "opaque-helm-releases": { tags: [] },
    "unused-exemptions": { tags: [] },
};

const sorted = (xs: readonly string[]) => [...xs].sort();

/** The `## name` headings of docs/policies.md, as GitHub makes their anchors (these names need no escaping). */
function policyDocAnchors(): Set<string> {
    const md = fs.readFileSync(path.join(REPO_ROOT, "docs", "policies.md"), "utf8");
    return new Set([...md.matchAll(/^## (.+)$/gm)].map((m) => m[1].trim().toLowerCase()));
}

describe("Pulumi Cloud metadata of every policy (in process)", () => {
    const entries = packPolicies();

    it("covers exactly the pack's policies", () => {
        assert.deepStrictEqual(sorted(entries.map((e) => e.policy.name)), sorted(Object.keys(EXPECTED)));
    });

    for (const [name, expected] of Object.entries(EXPECTED)) {
        it(`${name}: framework, tags, docs address and display name`, () => {
            const policy = entries.find((e) => e.policy.name === name)!.policy;
            if (expected.reference === undefined) assert.strictEqual(policy.framework, undefined);
            else
                assert.deepStrictEqual(policy.framework, {
                    name: "Pod Security Standards",
                    version: `v1.${NEWEST_KNOWN_PSS_VERSION}`,
                    reference: expected.reference,
                    specification: "https://kubernetes.io/docs/concepts/security/pod-security-standards/",
                });
            assert.deepStrictEqual(sorted(policy.tags ?? []), sorted(["container-isolation", ...expected.tags]));
            assert.strictEqual(policy.url, `${PACK_REPOSITORY}/blob/main/docs/policies.md#${name}`);
            assert.ok(policyDocAnchors().has(name), `docs/policies.md has a "## ${name}" section`);
            assert.ok(policy.displayName && policy.displayName !== name && policy.displayName.length <= 64, name);
        });
    }

    it("every check the table maps is a check some policy registers (no row outlives its check)", () => {
        const registered = new Set(entries.flatMap((e) => e.checks.map((c) => c.id as string)));
        assert.deepStrictEqual(
            Object.keys(CHECK_CONTROLS).filter((id) => !registered.has(id)),
            [],
        );
    });

    it("lists a PSS control once per level however many checks implement it", () => {
        const m = policyMetadata("x", "X", ["seccompProfile_baseline", "seccompProfile_baseline", "procMount"]);
        assert.strictEqual(m.framework?.reference, "baseline: Seccomp, /proc Mount Type");
        assert.deepStrictEqual(sorted(m.tags), sorted(["container-isolation", "pss-baseline", D("5.22")]));
    });

    it("names restricted after baseline whatever the checks' order", () => {
        const m = policyMetadata("x", "X", ["runAsNonRoot", "privileged"]);
        assert.strictEqual(m.framework?.reference, "baseline: Privileged Containers; restricted: Running as Non-root");
    });

    it("gives no framework, and only the house tag, to checks no framework covers", () => {
        const m = policyMetadata("x", "X", ["instanceMetadata", "sandboxedRuntime"]);
        assert.deepStrictEqual(m, {
            displayName: "X",
            url: `${POLICY_DOCS}#x`,
            tags: ["container-isolation"],
        });
        assert.ok(!("framework" in m));
    });

    it("package.json names the repository the metadata links to", () => {
        const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as {
            repository: { url: string };
        };
        assert.strictEqual(pkg.repository.url, `git+${PACK_REPOSITORY}.git`);
    });

    it("the pack's readme has a row per policy, linked to its section", () => {
        const meta = packMetadata(entries.map((e) => e.policy));
        for (const e of entries)
            assert.ok(
                meta.readme!.includes(
                    `| [${e.policy.displayName}](${POLICY_DOCS}#${e.policy.name}) | ${e.policy.description} |`,
                ),
                e.policy.name,
            );
        assert.strictEqual(meta.displayName, "Isolation Guard");
        assert.strictEqual(meta.provider, "kubernetes");
        assert.strictEqual(meta.repository, PACK_REPOSITORY);
        for (const t of ["kubernetes", "docker", "kubevirt", "aws", "gcp", "azure"])
            assert.ok(meta.tags!.includes(t), t);
    });
});

describe("Pulumi Cloud metadata over GetAnalyzerInfo", function () {
    this.timeout(60000);
    const pack = suitePack();

    it("carries every policy's display name, severity, framework, docs address and tags", async () => {
        const info = await pack().getAnalyzerInfo();
        assert.deepStrictEqual(sorted(info.policies.map((p) => p.name)), sorted(Object.keys(EXPECTED)));
        for (const p of info.policies) {
            const expected = EXPECTED[p.name];
            assert.ok(p.displayName.length > 0, p.name);
            assert.ok(["low", "medium", "high", "critical"].includes(p.severity), p.name);
            assert.strictEqual(p.url, `${POLICY_DOCS}#${p.name}`);
            assert.deepStrictEqual(sorted(p.tags), sorted(["container-isolation", ...expected.tags]), p.name);
            if (expected.reference === undefined) assert.strictEqual(p.framework, undefined, p.name);
            else {
                assert.strictEqual(p.framework?.name, "Pod Security Standards");
                assert.strictEqual(p.framework?.reference, expected.reference);
                assert.strictEqual(p.framework?.version, `v1.${NEWEST_KNOWN_PSS_VERSION}`);
            }
        }
    });

    it("carries the pack's display name, readme, provider, tags and repository", async () => {
        const info = await pack().getAnalyzerInfo();
        assert.strictEqual(info.displayName, "Isolation Guard");
        assert.strictEqual(info.provider, "kubernetes");
        assert.strictEqual(info.repository, PACK_REPOSITORY);
        assert.ok(info.tags.includes("container-isolation") && info.tags.includes("docker"));
        for (const p of info.policies) assert.ok(info.readme.includes(`#${p.name})`), p.name);
    });

    it("declares every resource policy not applicable to a resource no adapter reads, and none to a Pod", async () => {
        const bucket = await pack().analyzeWithApplicability("aws:s3/bucket:Bucket", "logs", { bucket: "logs" });
        assert.deepStrictEqual(bucket.diagnostics, []);
        const resourcePolicyNames = Object.keys(EXPECTED).filter((n) => n !== "unused-exemptions");
        assert.deepStrictEqual(sorted([...bucket.notApplicable.keys()]), sorted(resourcePolicyNames));
        assert.match(bucket.notApplicable.get("no-privileged-containers")!, /reads no aws:s3\/bucket:Bucket/);

        const pod = await pack().analyzeWithApplicability("kubernetes:core/v1:Pod", "web", {
            metadata: { name: "web" },
            spec: { containers: [{ name: "web", image: "nginx" }] },
        });
        assert.deepStrictEqual(
            [...pod.notApplicable.keys()],
            ["opaque-helm-releases"],
            "only the Helm Release policy is not applicable to a Pod",
        );
    });
});
