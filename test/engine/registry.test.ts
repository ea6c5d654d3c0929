// engine/registry.ts: the check registry is validated when the pack loads, and a broken definition fails with a
// message naming the offender. Each rule is broken here on purpose, with definitions built for the test.
import * as assert from "assert";
import { CheckRegistryError, DEFINITION_CHECK_IDS, registeredPolicyOf, validateRegistry } from "../../engine/registry";
import { NEWEST_KNOWN_PSS_VERSION } from "../../engine/pssTables";
import { CHECK_IDS, PACK_CHECK_IDS, STACK_CHECK_IDS } from "../../engine/types";
import { resourcePolicies } from "../../policies";
import { packPolicies } from "../../policies/pack";

type Entry = Parameters<typeof validateRegistry>[0][number];

const entry = (name: string, ids: string[], defaultChecks: string[] = ids, extra: Partial<Entry> = {}): Entry => ({
    name,
    checks: ids.map((id) => ({ id })),
    defaultChecks,
    ...extra,
});

function refusal(policies: Entry[], registered: string[]): string {
    try {
        validateRegistry(policies, registered);
    } catch (e) {
        assert.ok(e instanceof CheckRegistryError, String(e));
        return e.message;
    }
    assert.fail("the registry was accepted");
}

describe("engine/registry.ts: the check registry, validated at load", () => {
    it("the pack's own registry holds: every ID belongs to exactly one policy", () => {
        assert.doesNotThrow(() => validateRegistry(resourcePolicies.map(registeredPolicyOf), DEFINITION_CHECK_IDS));
        assert.doesNotThrow(() => packPolicies());
        const owners = new Map<string, string[]>();
        for (const { policy, checks } of packPolicies())
            for (const c of checks) owners.set(c.id, [...(owners.get(c.id) ?? []), policy.name]);
        for (const id of [...CHECK_IDS, ...STACK_CHECK_IDS, ...PACK_CHECK_IDS])
            assert.strictEqual(owners.get(id)?.length, 1, `${id}: ${owners.get(id)?.join(", ")}`);
        assert.strictEqual(owners.size, CHECK_IDS.length + STACK_CHECK_IDS.length + PACK_CHECK_IDS.length);
    });

    it("refuses an ID two policies register", () => {
        assert.strictEqual(
            refusal([entry("a", ["x"]), entry("b", ["y", "x"])], ["x", "y"]),
            'isolation-guard check registry: check "x" is registered by two policies, "a" and "b"',
        );
    });

    it("refuses an ID one policy registers twice", () => {
        assert.strictEqual(
            refusal([entry("a", ["x", "x"], ["x"])], ["x"]),
            'isolation-guard check registry: check "x" is registered twice by policy "a"',
        );
    });

    it("refuses defaultChecks that name a check of another policy, or none", () => {
        assert.strictEqual(
            refusal([entry("a", ["x"], ["x", "y"]), entry("b", ["y"])], ["x", "y"]),
            'isolation-guard check registry: policy "a" lists "y" in defaultChecks, which is not one of its checks',
        );
        assert.strictEqual(
            refusal([entry("a", ["x"], ["typo"])], ["x"]),
            'isolation-guard check registry: policy "a" lists "typo" in defaultChecks, which is not one of its checks',
        );
    });

    it("refuses replaces that name a check of another policy, or the check itself", () => {
        const replacing = (replaces: string[]): Entry => ({
            name: "a",
            checks: [{ id: "x_restricted", replaces }, { id: "x" }],
            defaultChecks: [],
        });
        assert.strictEqual(
            refusal([replacing(["y"]), entry("b", ["y"])], ["x_restricted", "x", "y"]),
            'isolation-guard check registry: check "x_restricted" of policy "a" replaces "y", which is not one of that policy\'s checks',
        );
        assert.strictEqual(
            refusal([replacing(["x_restricted"])], ["x_restricted", "x"]),
            'isolation-guard check registry: check "x_restricted" of policy "a" replaces itself',
        );
        assert.doesNotThrow(() => validateRegistry([replacing(["x"])], ["x_restricted", "x"]));
    });

    it("refuses a registered ID no policy has, and a policy's check that is not registered", () => {
        assert.strictEqual(
            refusal([entry("a", ["x"])], ["x", "orphan"]),
            'isolation-guard check registry: check ID "orphan" is registered but no policy has it',
        );
        assert.strictEqual(
            refusal([entry("a", ["x", "stray"], ["x"])], ["x"]),
            'isolation-guard check registry: check "stray" of policy "a" is not a registered check ID',
        );
        assert.strictEqual(
            refusal([entry("a", ["x"])], ["x", "x"]),
            'isolation-guard check registry: check ID "x" is listed twice in the registry',
        );
    });

    it("refuses a check introduced at a PSS version newer than the tables know", () => {
        const newer = NEWEST_KNOWN_PSS_VERSION + 1;
        assert.strictEqual(
            refusal([{ name: "a", checks: [{ id: "x", since: newer }], defaultChecks: [] }], ["x"]),
            `isolation-guard check registry: check "x" of policy "a" is introduced at v1.${newer}, newer than the PSS tables know (v1.${NEWEST_KNOWN_PSS_VERSION})`,
        );
    });
});
