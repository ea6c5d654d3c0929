// Pack config as the engine handles it (engine/packConfig.ts mirrors pulumi's
// pkg/resource/analyzer/config.go): defaults filled from each policy's schema, every policy sent with its
// properties, and bad config refused before any resource is analyzed, with the engine's message.
import * as assert from "assert";
import { suitePack } from "../harness/engine";
import {
    PackConfigError,
    parsePolicyPackConfig,
    reconcilePolicyPackConfig,
    validateSchema,
} from "../../cli/packConfig";

describe("pack config through the engine's steps", function () {
    this.timeout(60000);
    const pack = suitePack();

    it("sends every policy with its level and every schema default filled", async () => {
        const info = await pack().getAnalyzerInfo();
        const sent = await pack().configurePack({
            "drop-capabilities": { allowedCapabilities: ["NET_BIND_SERVICE", "CHOWN"] },
        });
        assert.deepStrictEqual(Object.keys(sent).sort(), info.policies.map((p) => p.name).sort());
        for (const p of info.policies) {
            assert.strictEqual(sent[p.name].enforcementLevel, p.enforcementLevel, p.name);
            for (const [k, s] of Object.entries(p.configSchema ?? {})) {
                if ("default" in s && !(p.name === "drop-capabilities" && k === "allowedCapabilities")) {
                    assert.deepStrictEqual(sent[p.name].properties?.[k], s.default, `${p.name}.${k}`);
                }
            }
        }
        assert.deepStrictEqual(sent["drop-capabilities"].properties?.allowedCapabilities, [
            "NET_BIND_SERVICE",
            "CHOWN",
        ]);
    });

    it("applies `all` and per-policy levels in the engine's order", async () => {
        const sent = await pack().configurePack({ all: "advisory", "no-host-namespaces": "disabled" });
        assert.strictEqual(sent["no-privileged-containers"].enforcementLevel, "advisory");
        assert.strictEqual(sent["no-host-namespaces"].enforcementLevel, "disabled");
    });

    async function refusal(config: Record<string, unknown>): Promise<string> {
        try {
            await pack().configurePack(config);
        } catch (e) {
            assert.ok(e instanceof PackConfigError, String(e));
            return e.message;
        }
        assert.fail(`config was accepted: ${JSON.stringify(config)}`);
    }

    it('refuses allowedCapabilities: "SYS_ADMIN" (a string, not a list)', async () => {
        assert.strictEqual(
            await refusal({ "drop-capabilities": { allowedCapabilities: "SYS_ADMIN" } }),
            'validating policy config for "isolation-guard": drop-capabilities: allowedCapabilities: Invalid type. Expected: array, given: string',
        );
    });

    it("refuses an unknown check name (checks has additionalProperties: false)", async () => {
        assert.strictEqual(
            await refusal({ "no-privileged-containers": { checks: { privilegd: true } } }),
            'validating policy config for "isolation-guard": no-privileged-containers: checks: Additional property privilegd is not allowed',
        );
    });

    it("refuses a value outside an enum and an invalid enforcement level, naming each problem", async () => {
        const m = await refusal({
            "no-host-namespaces": { unknownValues: "maybe" },
            "drop-capabilities": { pssVersion: "v2.0" },
        });
        assert.ok(
            m.includes(
                'no-host-namespaces: unknownValues: unknownValues must be one of the following: "defer", "fail-closed"',
            ),
            m,
        );
        assert.ok(m.includes("drop-capabilities: pssVersion: Does not match pattern '^(latest|v1\\.\\d+)$'"), m);
        assert.strictEqual(
            await refusal({ "drop-capabilities": "strict" }),
            'parsing enforcement level for "drop-capabilities": "strict" is not a valid enforcement level',
        );
    });

    it("after a refusal nothing was sent: the pack still has its last good config", async () => {
        await pack().configurePack({});
        await refusal({ "drop-capabilities": { allowedCapabilities: "SYS_ADMIN" } });
        const ds = await pack().analyze("docker:index/container:Container", "c", {
            image: "x",
            capabilities: { drops: ["ALL"], adds: ["SYS_ADMIN"] },
        });
        assert.ok(
            ds.some((d) => d.policyName === "drop-capabilities" && d.enforcementLevel === "mandatory"),
            JSON.stringify(ds),
        );
    });
});

describe("engine config rules (unit)", () => {
    it("validates nested items with gojsonschema's field paths", () => {
        assert.deepStrictEqual(validateSchema({ type: "array", items: { type: "string" } }, ["a", 1], "xs"), [
            "xs.1: Invalid type. Expected: string, given: integer",
        ]);
    });

    it("does not refuse an unknown top-level property, as the engine does not (its wire schema has no additionalProperties)", () => {
        const policies = [
            {
                name: "p",
                enforcementLevel: "mandatory" as const,
                configSchema: { known: { type: "string" as const, default: "x" } },
            },
        ];
        const sent = reconcilePolicyPackConfig("pack", policies, { p: { typo: 1 } });
        assert.deepStrictEqual(sent.get("p"), { enforcementLevel: "mandatory", properties: { known: "x", typo: 1 } });
    });

    it("reads version 2 files and drops empty entries", () => {
        const parsed = parsePolicyPackConfig({ version: 2, policies: { a: "advisory", b: {} } });
        assert.deepStrictEqual([...parsed.keys()], ["a"]);
    });
});
