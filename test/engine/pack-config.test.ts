// engine/packConfig.ts in-process: the engine's handling of --policy-pack-config (parse, defaults, `all`, layering,
// gojsonschema validation with its messages) as the scan CLI and the test harness use it. test/e2e/pack-config.test.ts
// proves the same against the pack over gRPC; these pin each rule where the mutation run can see it.
import * as assert from "assert";
import type { PolicyConfigJSONSchemaDefinition } from "@pulumi/policy/schema";
import {
    JsonSchema,
    PackConfigError,
    parsePolicyPackConfig,
    PolicySchemaInfo,
    reconcilePolicyPackConfig,
    resolvePackConfig,
    validateSchema,
} from "../../cli/packConfig";
import { resourcePolicies } from "../../policies";

/** The PackConfigError message a call throws (fails if it does not throw one). */
function refusal(f: () => unknown): string {
    try {
        f();
    } catch (e) {
        assert.ok(e instanceof PackConfigError, String(e));
        return e.message;
    }
    assert.fail("accepted");
}

describe("engine/packConfig.ts: parsing a --policy-pack-config file", () => {
    const parsed = (file: unknown) => Object.fromEntries(parsePolicyPackConfig(file));

    it("reads a level string or an object whose enforcementLevel is lifted out of the properties", () => {
        assert.deepStrictEqual(
            parsed({
                a: "advisory",
                b: "mandatory",
                c: "remediate",
                d: "disabled",
                e: { enforcementLevel: "remediate", x: 1 },
                f: { y: [1] },
            }),
            {
                a: { enforcementLevel: "advisory", properties: undefined },
                b: { enforcementLevel: "mandatory", properties: undefined },
                c: { enforcementLevel: "remediate", properties: undefined },
                d: { enforcementLevel: "disabled", properties: undefined },
                e: { enforcementLevel: "remediate", properties: { x: 1 } },
                f: { enforcementLevel: undefined, properties: { y: [1] } },
            },
        );
    });

    it("copies the properties: later edits of the file do not reach the parsed config", () => {
        const file = { p: { list: ["a"] } };
        const out = parsePolicyPackConfig(file);
        file.p.list.push("b");
        assert.deepStrictEqual(out.get("p")?.properties, { list: ["a"] });
    });

    it("drops empty entries and, in an unversioned file, the `environments` key", () => {
        assert.deepStrictEqual(Object.keys(parsed({ a: {}, b: "advisory", environments: { dev: { a: 1 } } })), ["b"]);
    });

    it("reads version 2 files from `policies` only, and refuses any other version", () => {
        assert.deepStrictEqual(Object.keys(parsed({ version: 2, policies: { a: "advisory" }, b: "mandatory" })), ["a"]);
        assert.deepStrictEqual(parsed({ version: 2 }), {});
        assert.deepStrictEqual(parsed({ version: 2, policies: ["a"] }), {});
        assert.strictEqual(
            refusal(() => parsePolicyPackConfig({ version: 1, a: "advisory" })),
            '"version" must be 2',
        );
        // A version that is not a number is an ordinary (bad) entry.
        assert.strictEqual(
            refusal(() => parsePolicyPackConfig({ version: "2" })),
            'parsing enforcement level for "version": "2" is not a valid enforcement level',
        );
    });

    it("refuses a file that is not an object keyed by policy name", () => {
        for (const file of [[], null, "advisory", 3]) {
            assert.strictEqual(
                refusal(() => parsePolicyPackConfig(file)),
                "the policy pack config must be a JSON object keyed by policy name",
                JSON.stringify(file),
            );
        }
    });

    const badEntries: Array<[string, unknown, string]> = [
        ["an unknown level string", "strict", '"strict" is not a valid enforcement level'],
        ["an empty level string", "", '"" is not a valid enforcement level'],
        ["an unknown level in an object", { enforcementLevel: "strict" }, '"strict" is not a valid enforcement level'],
        ["a number as level", { enforcementLevel: 3 }, "3 is not a valid enforcement level; must be a string"],
        ["null as level", { enforcementLevel: null, x: 1 }, "null is not a valid enforcement level; must be a string"],
        [
            "an enforcementLevel key without a value",
            { enforcementLevel: undefined },
            "undefined is not a valid enforcement level; must be a string",
        ],
        [
            "a list of levels",
            { enforcementLevel: ["advisory"] },
            "advisory is not a valid enforcement level; must be a string",
        ],
    ];
    for (const [what, entry, message] of badEntries) {
        it(`refuses ${what}`, () => {
            assert.strictEqual(
                refusal(() => parsePolicyPackConfig({ ok: "advisory", p: entry })),
                `parsing enforcement level for "p": ${message}`,
            );
        });
    }

    for (const value of [[1], 3, true, null]) {
        it(`refuses an entry that is neither a string nor an object: ${JSON.stringify(value)}`, () => {
            assert.strictEqual(
                refusal(() => parsePolicyPackConfig({ p: value })),
                `parsing "p": ${JSON.stringify(value)} is not a valid value; must be a string or object`,
            );
        });
    }
});

describe("engine/packConfig.ts: validateSchema (gojsonschema's rules and messages)", () => {
    // [what, schema, value, expected errors]; the value is validated at the root unless a path is given.
    const rows: Array<[string, PolicyConfigJSONSchemaDefinition | JsonSchema, unknown, string[], string?]> = [
        ["true accepts anything", true, { a: 1 }, []],
        ["false refuses anything", false, 1, ["False always fails validation"]],
        [
            "false under a property names the field",
            { properties: { a: false } },
            { a: 1 },
            ["a: False always fails validation"],
        ],
        ["true under a property accepts", { properties: { a: true } }, { a: 1 }, []],
        [
            "a type mismatch at the root has no field prefix",
            { type: "string" },
            1,
            ["Invalid type. Expected: string, given: integer"],
        ],
        [
            "a type mismatch under a path names it",
            { type: "string" },
            1.5,
            ["xs.0: Invalid type. Expected: string, given: number"],
            "xs.0",
        ],
        ["null is its own type", { type: "string" }, null, ["Invalid type. Expected: string, given: null"]],
        ["an array is its own type", { type: "object" }, [], ["Invalid type. Expected: object, given: array"]],
        ["a boolean", { type: "integer" }, true, ["Invalid type. Expected: integer, given: boolean"]],
        ["an integer is a number", { type: "number" }, 3, []],
        [
            "a numeric string is not a number",
            { type: "number" },
            "3",
            ["Invalid type. Expected: number, given: string"],
        ],
        ["a number is not an integer", { type: "integer" }, 3.5, ["Invalid type. Expected: integer, given: number"]],
        ["a list of types accepts any of them", { type: ["string", "null"] }, null, []],
        [
            "a list of types is named with slashes",
            { type: ["string", "integer"] },
            true,
            ["Invalid type. Expected: string/integer, given: boolean"],
        ],
        ["no type: any type", { enum: [1, "a"] }, "a", []],
        [
            "a type mismatch stops there",
            { type: "string", enum: ["a"] },
            1,
            ["Invalid type. Expected: string, given: integer"],
        ],
        [
            "enum at the root names (root)",
            { enum: ["a", 1, null] },
            "b",
            ['(root) must be one of the following: "a", 1, null'],
        ],
        [
            "enum under a path names the field",
            { enum: ["defer", "fail-closed"] },
            "maybe",
            ['unknownValues: unknownValues must be one of the following: "defer", "fail-closed"'],
            "unknownValues",
        ],
        ["enum compares JSON values", { enum: [{ a: [1] }] }, { a: [1] }, []],
        ["oneOf: exactly one valid", { oneOf: [{ type: "string" }, { type: "integer" }] }, "x", []],
        [
            "oneOf: two valid",
            { oneOf: [{ type: "string" }, { minLength: 1 }] },
            "x",
            ["Must validate one and only one schema (oneOf)"],
        ],
        [
            "oneOf: none valid adds the first alternative's errors on a tie",
            { oneOf: [{ type: "string" }, { type: "integer" }] },
            true,
            ["Must validate one and only one schema (oneOf)", "Invalid type. Expected: string, given: boolean"],
        ],
        [
            "oneOf: none valid adds the closest alternative's errors",
            {
                oneOf: [
                    { type: "object", required: ["a", "b"] },
                    { type: "object", required: ["c"] },
                    { type: "object", required: ["d", "e"] },
                ],
            },
            {},
            ["Must validate one and only one schema (oneOf)", "c is required"],
        ],
        [
            "oneOf under a path",
            { oneOf: [{ type: "string" }, { type: "integer" }] },
            true,
            ["p: Must validate one and only one schema (oneOf)", "p: Invalid type. Expected: string, given: boolean"],
            "p",
        ],
        ["required: missing", { required: ["a", "b"] }, { b: 1 }, ["a is required"]],
        ["required: present", { required: ["a"] }, { a: 1 }, []],
        [
            "required under a property",
            { properties: { o: { type: "object", required: ["a"] } } },
            { o: {} },
            ["o: a is required"],
        ],
        ["required applies to objects only", { required: ["a"] }, "s", []],
        ["required applies to objects, not lists", { required: ["0"] }, ["x"], []],
        ["minProperties: too few", { minProperties: 2 }, { a: 1 }, ["Must have at least 2 properties"]],
        ["minProperties: exactly enough", { minProperties: 2 }, { a: 1, b: 2 }, []],
        ["no properties listed: any property", { type: "object" }, { a: 1 }, []],
        [
            "a listed property is validated with its path",
            { properties: { a: { type: "boolean" } } },
            { a: 1, b: 2 },
            ["a: Invalid type. Expected: boolean, given: integer"],
        ],
        [
            "nested paths are dotted",
            { properties: { a: { properties: { b: { type: "string" } } } } },
            { a: { b: 1 } },
            ["a.b: Invalid type. Expected: string, given: integer"],
        ],
        [
            "additionalProperties: false",
            { properties: { a: {} }, additionalProperties: false },
            { a: 1, b: 2 },
            ["Additional property b is not allowed"],
        ],
        [
            "additionalProperties: false under a path",
            {
                properties: {
                    checks: {
                        type: "object",
                        properties: { privileged: { type: "boolean" } },
                        additionalProperties: false,
                    },
                },
            },
            { checks: { privilegd: true } },
            ["checks: Additional property privilegd is not allowed"],
        ],
        [
            "additionalProperties: a schema",
            { properties: { a: {} }, additionalProperties: { type: "boolean" } },
            { a: 1, x: 1, y: true },
            ["x: Invalid type. Expected: boolean, given: integer"],
        ],
        ["minItems: too few", { minItems: 2 }, ["a"], ["Array must have at least 2 items"]],
        ["minItems: exactly enough", { minItems: 2 }, ["a", "b"], []],
        ["maxItems: too many", { maxItems: 1 }, ["a", "b"], ["Array must have at most 1 items"]],
        ["maxItems: exactly enough", { maxItems: 2 }, ["a", "b"], []],
        [
            "item lengths apply to lists, not strings",
            { minItems: 5, maxItems: 1, items: { type: "integer" } },
            "abc",
            [],
        ],
        [
            "items: each element with its index",
            { type: "array", items: { type: "string" } },
            ["a", 1, "b", false],
            ["1: Invalid type. Expected: string, given: integer", "3: Invalid type. Expected: string, given: boolean"],
        ],
        [
            "items under a path",
            { type: "array", items: { type: "string" } },
            ["a", 1],
            ["xs.1: Invalid type. Expected: string, given: integer"],
            "xs",
        ],
        ["no items: any elements", { type: "array" }, [1, "a"], []],
        ["minLength: too short", { minLength: 3 }, "ab", ["String length must be greater than or equal to 3"]],
        ["minLength: exactly long enough", { minLength: 2 }, "ab", []],
        ["maxLength: too long", { maxLength: 1 }, "ab", ["String length must be less than or equal to 1"]],
        ["maxLength: exactly short enough", { maxLength: 2 }, "ab", []],
        ["lengths count code points", { maxLength: 1, minLength: 1 }, "😀", []],
        ["pattern: no match", { pattern: "^a" }, "ba", ["Does not match pattern '^a'"]],
        ["pattern: match", { pattern: "^a" }, "ab", []],
        ["pattern is a Unicode regular expression", { pattern: "^\\p{Lu}" }, "Ab", []],
        ["string rules apply to strings, not numbers", { minLength: 3, maxLength: 0, pattern: "^a" }, 5, []],
        ["minimum: below", { minimum: 2 }, 1, ["Must be greater than or equal to 2"]],
        ["minimum: equal", { minimum: 2 }, 2, []],
        ["maximum: above", { maximum: 2 }, 3, ["Must be less than or equal to 2"]],
        ["maximum: equal", { maximum: 2 }, 2, []],
        ["number rules apply to numbers, not numeric strings", { minimum: 10, maximum: 0 }, "5", []],
    ];
    for (const [what, schema, value, expected, at] of rows) {
        it(what, () => {
            assert.deepStrictEqual(
                at === undefined ? validateSchema(schema, value) : validateSchema(schema, value, at),
                expected,
            );
        });
    }
});

describe("engine/packConfig.ts: reconciling config as the engine does", () => {
    const policies: PolicySchemaInfo[] = [
        {
            name: "a",
            enforcementLevel: "mandatory",
            configSchema: {
                list: { type: "array", items: { type: "string" }, default: ["x"] },
                mode: { type: "string", enum: ["on", "off"], default: "on" },
                free: { type: "string" },
            },
        },
        { name: "b", enforcementLevel: "advisory", configSchema: { n: { type: "integer" } } },
        { name: "c", enforcementLevel: "mandatory", configRequired: ["must"] },
    ];

    it("starts from each policy's level and schema defaults (copies), and leaves out properties without one", () => {
        const out = reconcilePolicyPackConfig("pack", policies);
        assert.deepStrictEqual(Object.fromEntries(out), {
            a: { enforcementLevel: "mandatory", properties: { list: ["x"], mode: "on" } },
            b: { enforcementLevel: "advisory", properties: undefined },
            c: { enforcementLevel: "mandatory", properties: undefined },
        });
        (out.get("a")?.properties?.list as string[]).push("y");
        assert.deepStrictEqual(policies[0].configSchema?.list.default, ["x"]);
    });

    it("applies `all` (its level only) first, then each entry, merging properties over the defaults", () => {
        const out = reconcilePolicyPackConfig("pack", policies, {
            all: "disabled",
            a: { mode: "off" },
            b: "remediate",
            other: { enforcementLevel: "advisory", z: 1 },
        });
        assert.deepStrictEqual(Object.fromEntries(out), {
            a: { enforcementLevel: "disabled", properties: { list: ["x"], mode: "off" } },
            b: { enforcementLevel: "remediate", properties: undefined },
            c: { enforcementLevel: "disabled", properties: undefined },
            all: { enforcementLevel: "disabled" },
            other: { enforcementLevel: "advisory", properties: { z: 1 } },
        });
    });

    it("applies the pack's initial config before the file", () => {
        const initial = new Map([
            ["a", { enforcementLevel: "advisory" as const, properties: { free: "init", mode: "off" } }],
            ["b", { properties: { n: 1 } }],
        ]);
        const out = reconcilePolicyPackConfig("pack", policies, { a: { free: "file" } }, initial);
        assert.deepStrictEqual(out.get("a"), {
            enforcementLevel: "advisory",
            properties: { list: ["x"], mode: "off", free: "file" },
        });
        assert.deepStrictEqual(out.get("b"), { enforcementLevel: "advisory", properties: { n: 1 } });
    });

    it("a level-only entry leaves a policy without properties as it was", () => {
        assert.deepStrictEqual(reconcilePolicyPackConfig("pack", policies, { b: "mandatory" }).get("b"), {
            enforcementLevel: "mandatory",
            properties: undefined,
        });
    });

    it("refuses the whole pack naming every problem, sorted, joined by '; '", () => {
        assert.strictEqual(
            refusal(() =>
                reconcilePolicyPackConfig("my-pack", [policies[1], policies[0]], {
                    b: { n: "1" },
                    a: { mode: "maybe", list: [1] },
                }),
            ),
            'validating policy config for "my-pack": a: list.0: Invalid type. Expected: string, given: integer; ' +
                'a: mode: mode must be one of the following: "on", "off"; ' +
                "b: n: Invalid type. Expected: integer, given: string",
        );
    });

    it("does not validate a policy that has no config schema", () => {
        assert.deepStrictEqual(reconcilePolicyPackConfig("pack", policies, { c: { x: 1 } }).get("c"), {
            enforcementLevel: "mandatory",
            properties: { x: 1 },
        });
    });

    it("checks required properties of a policy with a schema", () => {
        const withRequired: PolicySchemaInfo[] = [
            {
                name: "r",
                enforcementLevel: "mandatory",
                configSchema: { k: { type: "string" } },
                configRequired: ["k"],
            },
        ];
        assert.strictEqual(
            refusal(() => reconcilePolicyPackConfig("pack", withRequired, {})),
            'validating policy config for "pack": r: k is required',
        );
        assert.deepStrictEqual(
            reconcilePolicyPackConfig("pack", withRequired, { r: { k: "v" } }).get("r")?.properties,
            {
                k: "v",
            },
        );
    });
});

describe("engine/packConfig.ts: resolvePackConfig (the scan CLI's config)", () => {
    const byName = (file: unknown, overrides = {}) =>
        new Map(resolvePackConfig(resourcePolicies, file, overrides).map((p) => [p.def.name, p]));

    it("gives every policy its level and its properties with defaults filled", () => {
        const resolved = byName({
            "no-host-namespaces": "advisory",
            "drop-capabilities": { allowedCapabilities: ["CHOWN"] },
        });
        assert.deepStrictEqual(
            [...resolved.keys()],
            resourcePolicies.map((d) => d.name),
        );
        assert.strictEqual(resolved.get("no-host-namespaces")?.enforcementLevel, "advisory");
        assert.strictEqual(resolved.get("no-privileged-containers")?.enforcementLevel, "mandatory");
        const caps = resolved.get("drop-capabilities")?.config;
        assert.deepStrictEqual(caps?.allowedCapabilities, ["CHOWN"]);
        assert.strictEqual(caps?.pssVersion, "latest");
        assert.strictEqual(caps?.unknownValues, "defer");
    });

    it("overrides set a property of every policy after the file, validated like it", () => {
        const resolved = byName({ "drop-capabilities": { pssVersion: "v1.20" } }, { pssVersion: "v1.25" });
        for (const p of resolved.values()) assert.strictEqual(p.config.pssVersion, "v1.25", p.def.name);
        assert.match(
            refusal(() => byName({}, { pssVersion: "v9" })),
            /^validating policy config for "isolation-guard": .*pssVersion: Does not match pattern/,
        );
    });

    it("refuses a property no policy has, naming each (which the engine itself lets through)", () => {
        assert.strictEqual(
            refusal(() =>
                byName({
                    "no-host-namespaces": { typo: 1 },
                    "drop-capabilities": { allowedCapabilites: [] },
                }),
            ).replace(/ \(it accepts: [^)]*\)/g, ""),
            'invalid isolation-guard config: policy "drop-capabilities" has no config property "allowedCapabilites"; ' +
                'policy "no-host-namespaces" has no config property "typo"',
        );
    });

    it("names the pack isolation-guard in a validation refusal", () => {
        assert.strictEqual(
            refusal(() => byName({ "drop-capabilities": { allowedCapabilities: "SYS_ADMIN" } })),
            'validating policy config for "isolation-guard": drop-capabilities: allowedCapabilities: Invalid type. Expected: array, given: string',
        );
    });
});
