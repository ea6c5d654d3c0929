// Pulumi Cloud readiness: what `pulumi policy publish` uploads (npm pack) and what Pulumi Cloud renders (each
// policy's description, config form and remediation text), the presets admins enable, and the generated docs.
import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { renderPolicyDocs, POLICY_DOCS_PATH } from "../../cli/docs";
import { packPolicies } from "../../policies/pack";
import { PACK_DIR, packSchemaInfos } from "../harness/engine";
import { PackConfigError, reconcilePolicyPackConfig } from "../../cli/packConfig";

const PRESETS_DIR = path.join(PACK_DIR, "presets");

describe("Pulumi Cloud readiness", () => {
    it("every policy has a description, remediation text and a config schema whose properties have descriptions and defaults", () => {
        const entries = packPolicies();
        assert.ok(entries.length >= 9);
        for (const { policy, checks } of entries) {
            assert.ok(policy.description.length > 20, policy.name);
            assert.ok((policy.remediationSteps ?? "").length > 20, policy.name);
            assert.ok(policy.enforcementLevel, policy.name);
            const props = policy.configSchema?.properties;
            assert.ok(props && Object.keys(props).length, policy.name);
            for (const [name, s] of Object.entries(props)) {
                assert.ok(
                    typeof s === "object" && (s.description ?? "").length > 10,
                    `${policy.name}.${name} description`,
                );
                assert.ok(typeof s === "object" && s.default !== undefined, `${policy.name}.${name} default`);
            }
            assert.ok(checks.length, policy.name);
            for (const c of checks) assert.ok(c.description.length > 10, `${policy.name} ${c.id}`);
        }
        assert.strictEqual(new Set(entries.map((e) => e.policy.name)).size, entries.length, "policy names are unique");
    });

    it("npm pack (what pulumi policy publish uploads) holds the run-time files and nothing else", () => {
        const res = spawnSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], {
            cwd: PACK_DIR,
            encoding: "utf8",
        });
        assert.strictEqual(res.status, 0, res.stderr);
        const [tarball] = JSON.parse(res.stdout) as Array<{ version: string; files: Array<{ path: string }> }>;
        const files = tarball.files.map((f) => f.path);
        assert.strictEqual(
            tarball.version,
            (JSON.parse(fs.readFileSync(path.join(PACK_DIR, "package.json"), "utf8")) as { version: string }).version,
        );
        for (const needed of [
            "package.json",
            "PulumiPolicy.yaml",
            "dist/index.js",
            "dist/lib.js",
            "dist/lib.d.ts",
            "presets/advisory.json",
            "presets/default.json",
            "presets/multi-tenant-strict.json",
            "docs/policies.md",
            "docs/rollout.md",
        ]) {
            assert.ok(files.includes(needed), `${needed} missing from the tarball`);
        }
        const runtime = (f: string) =>
            ["package.json", "PulumiPolicy.yaml", "README.md", "LICENSE"].includes(f) ||
            /^presets\/[^/]+\.json$/.test(f) ||
            /^docs\/[^/]+\.md$/.test(f) ||
            // Compiled JS, and its type declarations for packs that import the library entry (dist/lib.d.ts).
            (/^dist\/.+\.(js|d\.ts)$/.test(f) && !/^dist\/(test|bench|examples)\//.test(f));
        assert.deepStrictEqual(
            files.filter((f) => !runtime(f)),
            [],
        );
        assert.ok(!files.some((f) => f.includes("node_modules")));
    });

    describe("presets", () => {
        const presets = fs.readdirSync(PRESETS_DIR).filter((f) => f.endsWith(".json"));
        const policyNames = packSchemaInfos().map((p) => p.name);

        it("include advisory, default and multi-tenant-strict", () => {
            for (const p of ["advisory.json", "default.json", "multi-tenant-strict.json"])
                assert.ok(presets.includes(p), p);
        });

        for (const file of presets) {
            it(`${file} is accepted by the engine's config reconciliation and names only this pack's policies`, () => {
                const content = JSON.parse(fs.readFileSync(path.join(PRESETS_DIR, file), "utf8"));
                let reconciled;
                try {
                    reconciled = reconcilePolicyPackConfig("isolation-guard", packSchemaInfos(), content);
                } catch (e) {
                    assert.fail(e instanceof PackConfigError ? e.message : String(e));
                }
                for (const name of Object.keys(content))
                    assert.ok(name === "all" || policyNames.includes(name), `${file}: unknown policy ${name}`);
                // The engine copies only the level from `all`; properties there would be silently lost.
                assert.ok(typeof content.all !== "object", `${file}: "all" may carry an enforcement level only`);
                for (const name of policyNames)
                    assert.ok(reconciled.get(name)?.enforcementLevel, `${file}: ${name} has no level`);
            });
        }

        it("default.json spells out every policy's own default level", () => {
            const content = JSON.parse(fs.readFileSync(path.join(PRESETS_DIR, "default.json"), "utf8"));
            assert.deepStrictEqual(
                content,
                Object.fromEntries(packSchemaInfos().map((p) => [p.name, p.enforcementLevel])),
            );
        });

        it("advisory.json makes every policy advisory", () => {
            const content = JSON.parse(fs.readFileSync(path.join(PRESETS_DIR, "advisory.json"), "utf8"));
            const reconciled = reconcilePolicyPackConfig("isolation-guard", packSchemaInfos(), content);
            for (const name of policyNames)
                assert.strictEqual(reconciled.get(name)?.enforcementLevel, "advisory", name);
        });
    });

    it(`${POLICY_DOCS_PATH} is generated from the policies' metadata and current (npm run docs)`, () => {
        const onDisk = fs.readFileSync(path.join(PACK_DIR, POLICY_DOCS_PATH), "utf8");
        assert.ok(onDisk === renderPolicyDocs(packPolicies()), `${POLICY_DOCS_PATH} is out of date: run npm run docs`);
    });
});
