// ECS memberOf expressions (adapters/aws/memberOf.ts), the details tenant-matching.test.ts leaves open: every operator
// of the cluster query language, quoted text that is never a keyword, punctuation that is never a value, stray
// characters, incomplete comparisons, and how `and` intersects and `or` unites the values of one attribute.
import * as assert from "assert";
import { both, memberOfPins } from "../../adapters/aws/memberOf";

function pins(expression: string): Record<string, string[]> | undefined {
    const p = memberOfPins(expression);
    if (p === undefined) return undefined;
    const out: Record<string, string[]> = {};
    for (const [name, values] of p) out[name] = [...values].sort();
    return out;
}

describe("ECS memberOf expressions, operator by operator", () => {
    describe("comparisons that pin nothing still parse, and need their argument", () => {
        for (const op of [
            "!=",
            "not_equals",
            "=~",
            "matches",
            "!~",
            "not_matches",
            ">",
            "greater_than",
            ">=",
            "greater_than_equal",
            "<",
            "less_than",
            "<=",
            "less_than_equal",
        ]) {
            it(`attribute:tenant ${op} a pins nothing; with the tenant pinned elsewhere the pin holds`, () => {
                assert.deepStrictEqual(pins(`attribute:tenant ${op} a`), {});
                assert.deepStrictEqual(pins(`attribute:tenant ${op} a and attribute:tenant == b`), { tenant: ["b"] });
            });
            it(`attribute:tenant ${op} without an argument does not parse`, () => {
                assert.strictEqual(pins(`attribute:tenant ${op}`), undefined);
            });
        }
        it("operator words in any case", () => {
            assert.deepStrictEqual(pins("attribute:tenant NOT_MATCHES a"), {});
            assert.deepStrictEqual(pins("attribute:tenant IN [a]"), { tenant: ["a"] });
            assert.deepStrictEqual(pins("attribute:tenant EQUALS a"), { tenant: ["a"] });
        });
    });

    describe("exists and not_exists take no argument", () => {
        for (const op of ["exists", "not_exists", "!exists"])
            it(`attribute:tenant ${op}`, () => {
                assert.deepStrictEqual(pins(`attribute:tenant ${op}`), {});
                assert.deepStrictEqual(pins(`attribute:tenant ${op} and attribute:tenant == a`), { tenant: ["a"] });
                assert.strictEqual(pins(`attribute:tenant ${op} a`), undefined);
            });
    });

    describe("not_in needs a list", () => {
        it("attribute:tenant not_in [a, b] pins nothing; not_in a does not parse", () => {
            assert.deepStrictEqual(pins("attribute:tenant not_in [a, b]"), {});
            assert.strictEqual(pins("attribute:tenant not_in a"), undefined);
            assert.strictEqual(pins("attribute:tenant not_in [a"), undefined);
        });
    });

    describe("what does not parse", () => {
        const rows: Array<[string, string]> = [
            ["a subject without an operator", "attribute:tenant"],
            ["a subject and a negation without an operator", "attribute:tenant !"],
            ["a quoted operator", "attribute:tenant 'in' [a]"],
            ["a double-quoted operator", 'attribute:tenant "==" a'],
            ["a quoted `and`", "attribute:tenant == a 'and' attribute:tenant == a"],
            ["a quoted `or`", 'attribute:tenant == a "or" attribute:tenant == a'],
            ["a quoted parenthesis", "'(' attribute:tenant == a )"],
            ["a quoted bracket", "attribute:tenant in '[' a ]"],
            ["punctuation as the value", "attribute:tenant == ("],
            ["a closing parenthesis as the value", "attribute:tenant == )"],
            ["a comma as the value", "attribute:tenant == ,"],
            ["punctuation in a list", "attribute:tenant in [a, )]"],
            ["a list without its opening bracket", "attribute:tenant in a]"],
            ["a list without a comma", "attribute:tenant in [a b]"],
            ["an empty list", "attribute:tenant in []"],
            ["`or` without a right side", "attribute:tenant == a or"],
            ["`||` without a right side", "attribute:tenant == a ||"],
            ["`&&` without a right side", "attribute:tenant == a &&"],
            ["an unknown operator before `or`", "attribute:tenant bogus or attribute:x == 1"],
            ["an unknown operator before `and`", "attribute:tenant bogus and attribute:x == 1"],
            ["a failed group before `or`", "(attribute:tenant == ) or attribute:x == 1"],
            ["a failed group before `and`", "(attribute:tenant bogus) and attribute:x == 1"],
            ["a stray `&` before a word", "&   not attribute:tenant == a"],
            ["a stray `|`", "attribute:tenant == a | attribute:tenant == b"],
            ["a stray `~`", "~ attribute:tenant == a"],
            ["`not` before nothing in a group", "attribute:x == 1 and (not)"],
            ["a parenthesis closed twice", "(attribute:tenant == a))"],
            ["a list closed twice", "attribute:tenant in [a]]"],
            ["two comparisons without a joiner", "attribute:tenant == a attribute:x == 1"],
            ["an unterminated double quote", 'attribute:tenant == "a'],
        ];
        for (const [what, expression] of rows)
            it(`${what}: ${JSON.stringify(expression)}`, () => {
                assert.strictEqual(memberOfPins(expression), undefined);
            });
    });

    describe("what parses", () => {
        const rows: Array<[string, Record<string, string[]>]> = [
            ["attribute:tenant in [ 'a' , \"b\" ]", { tenant: ["a", "b"] }],
            ["attribute:tenant == 'a b'", { tenant: ["a b"] }],
            ["attribute:tenant == 'and'", { tenant: ["and"] }],
            ['attribute:tenant == "it\'s"', { tenant: ["it's"] }],
            ["attribute:tenant==a&&attribute:x==1", { tenant: ["a"], x: ["1"] }],
            ["attribute:tenant==a||attribute:tenant==b", { tenant: ["a", "b"] }],
            ["attribute:tenant!=a", {}],
            ["attribute:tenant!in[a]", {}],
            ["!(attribute:tenant==a)", {}],
            ["not not attribute:tenant == a", {}],
            ["((attribute:tenant == a))", { tenant: ["a"] }],
            ["attribute:tenant = a", { tenant: ["a"] }],
            ["xattribute:tenant == a", {}],
            ["attribute:a:b == c", { "a:b": ["c"] }],
            ["attribute: == a", {}],
            ["instanceType == t2.small and attribute:tenant == a", { tenant: ["a"] }],
            ["\tattribute:tenant\n==\r\na ", { tenant: ["a"] }],
        ];
        for (const [expression, expected] of rows)
            it(`${JSON.stringify(expression)} → ${JSON.stringify(expected)}`, () => {
                assert.deepStrictEqual(pins(expression), expected);
            });
    });

    describe("and intersects, or unites", () => {
        const rows: Array<[string, Record<string, string[]>]> = [
            ["attribute:tenant in [a, b] and attribute:tenant in [b, c]", { tenant: ["b"] }],
            ["attribute:tenant == a and attribute:tenant == b", { tenant: [] }],
            ["attribute:tenant in [a, b] and attribute:x == 1", { tenant: ["a", "b"], x: ["1"] }],
            ["attribute:x == 1 and attribute:tenant in [a, b]", { x: ["1"], tenant: ["a", "b"] }],
            ["attribute:tenant in [a, b] or attribute:tenant in [b, c]", { tenant: ["a", "b", "c"] }],
            ["attribute:tenant == a and attribute:x == 1 or attribute:tenant == b", { tenant: ["a", "b"] }],
            ["attribute:x == 1 or attribute:tenant == a and attribute:x == 2", { x: ["1", "2"] }],
            ["attribute:tenant == a or attribute:tenant == b or attribute:tenant == c", { tenant: ["a", "b", "c"] }],
            ["attribute:tenant == a and attribute:x == 1 and attribute:y == 2", { tenant: ["a"], x: ["1"], y: ["2"] }],
        ];
        for (const [expression, expected] of rows)
            it(`${JSON.stringify(expression)} → ${JSON.stringify(expected)}`, () => {
                assert.deepStrictEqual(pins(expression), expected);
            });

        it("both() keeps the first map's attributes, in order, and adds the second's", () => {
            const a = new Map([
                ["tenant", new Set(["a", "b"])],
                ["x", new Set(["1"])],
            ]);
            const b = new Map([
                ["y", new Set(["2"])],
                ["tenant", new Set(["b", "c"])],
            ]);
            const out = both(a, b);
            assert.deepStrictEqual(
                [...out].map(([k, v]) => [k, [...v]]),
                [
                    ["tenant", ["b"]],
                    ["x", ["1"]],
                    ["y", ["2"]],
                ],
            );
            // The inputs are left as they were.
            assert.deepStrictEqual([...a.get("tenant")!], ["a", "b"]);
            assert.strictEqual(a.size, 2);
        });
    });
});
