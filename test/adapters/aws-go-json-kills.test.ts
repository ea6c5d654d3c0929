// ECS JSON as Go decodes it (adapters/aws/goJson.ts), the details aws-go-json.test.ts leaves open: the exact text the
// parser accepts and where it stops on text it rejects, every escape and number form, the map fields' keys, merging
// at every depth, and a document handed over as a value (undefined, secrets, arrays of objects).
import * as assert from "assert";
import { decodeAsGo, foldKey, viewAsGo } from "../../adapters/aws/goJson";
import { secret } from "../harness/engine";

/** The decoded value with its null-prototype objects made plain, undefined kept (JSON.stringify would drop it). */
function norm(v: unknown): unknown {
    if (Array.isArray(v)) return v.map(norm);
    if (typeof v === "object" && v !== null && Object.getPrototypeOf(v) === null) {
        const out: Record<string, unknown> = {};
        for (const k of Object.keys(v)) out[k] = norm((v as Record<string, unknown>)[k]);
        return out;
    }
    return v;
}

describe("ECS JSON as Go decodes it: the parser, exactly", () => {
    describe("accepts what Go accepts, and decodes it to the same values", () => {
        const rows: Array<[string, string, unknown]> = [
            [
                "every whitespace JSON allows, everywhere",
                ' \t\n\r[ \t\n\r1 \t\n\r, \t\n\r{ \t\n\r"a" \t\n\r: \t\n\r2 \t\n\r} \t\n\r] \t\n\r',
                [1, { a: 2 }],
            ],
            ["numbers of several digits", "[10, 123, 900]", [10, 123, 900]],
            ["fractions of several digits", "[1.25, 0.125, -3.75]", [1.25, 0.125, -3.75]],
            [
                "exponents: e and E, signed or not, of several digits",
                "[1e10, 2E+2, 5e-1, 3E12]",
                [1e10, 200, 0.5, 3e12],
            ],
            ["zero and negative zero", "[0, -0, 0.5]", [0, -0, 0.5]],
            ["true, false and null", "[true, false, null]", [true, false, null]],
            ["every one-character escape", '["\\"\\\\\\/\\b\\f\\n\\r\\t"]', ['"\\/\b\f\n\r\t']],
            ["an escaped quote inside a string", '["a\\"b", "c"]', ['a"b', "c"]],
            ["\\u escapes with every hex digit range, in either case", '["\\u0Af9\\u0aF0"]', ["\u0af9\u0af0"]],
            ["a \\u escape takes four digits, no more", '["\\u00411"]', ["A1"]],
            ["DEL and other non-control characters raw", '["a\u007fb\u00e9"]', ["a\u007fb\u00e9"]],
            ["an empty key and an empty string", '{"": ""}', { "": "" }],
            ["nested empty containers", '{"a": [], "b": {}, "c": [[], {}]}', { a: [], b: {}, c: [[], {}] }],
            ["a lone string", '"x"', "x"],
            ["a lone number", "42", 42],
        ];
        for (const [what, text, expected] of rows)
            it(what, () => {
                assert.deepStrictEqual(norm(decodeAsGo(text)), expected);
            });
    });

    describe("rejects what Go rejects, saying where it stopped", () => {
        const rows: Array<[string, string, number]> = [
            ["a key not followed by a colon", '{"a",1}', 5],
            ["a key followed by another punctuation", '{"a"=1}', 5],
            ["an object separator other than a comma", '{"a":1;"b":2}', 7],
            ["an array separator other than a comma", "[1;2]", 3],
            ["a key with text before its quote", '{xy"a:"1"}', 1],
            ["a value with text before it", "[x1]", 1],
            ["a value with text before a word", "[xtrue]", 1],
            ["a raw tab in a string", '["a\tb"]', 1],
            ["a raw NUL in a string", '["a\u0000"]', 1],
            ["a raw U+001F in a string", '["a\u001f"]', 1],
            ["a \\u escape of three digits", '["a\\u004"]', 1],
            ["a \\u escape of two digits", '["a\\u00"]', 1],
            ["an unknown escape", '["a\\x"]', 1],
            ["an unterminated string", '["a', 1],
            ["form feed is no JSON whitespace", "\f1", 0],
            ["no-break space is no JSON whitespace", "\u00a01", 0],
            ["an empty text", "", 0],
            ["a fraction without digits", "[1.]", 3],
            ["an exponent without digits", "[1e]", 3],
            ["a plus sign", "[+1]", 1],
            ["trailing text", "[1] 2", 4],
            ["a second top-level value", "{}{}", 2],
            ["a missing value", '{"a":}', 5],
        ];
        for (const [what, text, at] of rows)
            it(`${what}: ${JSON.stringify(text)} at ${at}`, () => {
                assert.throws(
                    () => decodeAsGo(text),
                    (e: unknown) => e instanceof SyntaxError && e.message === `invalid JSON at ${at}`,
                );
            });
    });
});

describe("ECS JSON as Go decodes it: keys", () => {
    it("folds every ASCII capital, A and Z included, and nothing but capitals, ſ and the Kelvin sign", () => {
        assert.strictEqual(foldKey("AZaz09_-.:MnOp"), "azaz09_-.:mnop");
        assert.strictEqual(foldKey("\u017fS\u212aK"), "sskk");
        assert.strictEqual(foldKey("\u00c9\u0130\u1e9e"), "\u00c9\u0130\u1e9e");
    });

    for (const map of ["dockerLabels", "driverOpts", "labels", "options"])
        it(`${map}: keys that spell a field stay exact, and one key written twice keeps the last value`, () => {
            const doc = decodeAsGo(`{"${map}": {"NAME": "a", "Privileged": "b", "x": "1", "x": "2"}}`);
            assert.deepStrictEqual(norm(doc), { [map]: { NAME: "a", Privileged: "b", x: "2" } });
        });

    it("a map field inside a map is a key like any other: its object is a struct", () => {
        const doc = decodeAsGo('{"labels": {"labels": {"NAME": "x"}, "Options": {"USER": "y"}}}');
        assert.deepStrictEqual(norm(doc), { labels: { labels: { name: "x" }, Options: { user: "y" } } });
    });

    it("a map field inside a struct inside a list is a map again", () => {
        const doc = decodeAsGo('[{"VOLUMES": [{"DockerVolumeConfiguration": {"DriverOpts": {"TYPE": "none"}}}]}]');
        assert.deepStrictEqual(norm(doc), [
            { volumes: [{ dockerVolumeConfiguration: { driverOpts: { TYPE: "none" } } }] },
        ]);
    });

    it("keys that match no field are kept as written, after those that do", () => {
        const doc = decodeAsGo('{"Foo": 1, "NAME": 2, "foo": 3}');
        assert.deepStrictEqual(Object.keys(doc as object), ["Foo", "name", "foo"]);
        assert.deepStrictEqual(norm(doc), { Foo: 1, name: 2, foo: 3 });
    });

    it("a struct decoded three times merges all three; a scalar over a struct replaces it", () => {
        const doc = decodeAsGo(
            '{"linuxParameters": {"devices": []}, "LinuxParameters": {"capabilities": {"add": ["A"]}}, "LINUXPARAMETERS": {"Capabilities": {"Drop": ["ALL"]}, "initProcessEnabled": true}, "user": {"a": 1}, "User": "root"}',
        );
        assert.deepStrictEqual(norm(doc), {
            linuxParameters: { devices: [], capabilities: { add: ["A"], drop: ["ALL"] }, initProcessEnabled: true },
            user: "root",
        });
    });

    it("an object after a scalar is decoded afresh; a list is replaced, not merged", () => {
        const doc = decodeAsGo('{"user": "root", "USER": {"A": 1}, "volumes": [{"name": "a"}], "Volumes": [{}]}');
        assert.deepStrictEqual(norm(doc), { user: { A: 1 }, volumes: [{}] });
    });

    it("decoded objects have no prototype", () => {
        const doc = decodeAsGo('{"a": {"b": 1}}') as Record<string, unknown>;
        assert.strictEqual(Object.getPrototypeOf(doc), null);
        assert.strictEqual(Object.getPrototypeOf(doc.a), null);
    });
});

describe("ECS JSON as Go decodes it: a document handed over as a value", () => {
    it("undefined anywhere is null, as JSON.stringify writes it in a list (and Go reads an absent key)", () => {
        assert.deepStrictEqual(norm(viewAsGo({ a: undefined, b: [undefined] })), { a: null, b: [null] });
        assert.strictEqual(viewAsGo(undefined), null);
    });

    it("scalars stay themselves: true, false, 0, the empty string, numbers and strings", () => {
        assert.deepStrictEqual(norm(viewAsGo({ a: true, b: false, c: 0, d: "", e: 7, f: "s", g: null })), {
            a: true,
            b: false,
            c: 0,
            d: "",
            e: 7,
            f: "s",
            g: null,
        });
        assert.strictEqual(viewAsGo("x"), "x");
        assert.strictEqual(viewAsGo(3), 3);
    });

    it("objects inside lists are folded too", () => {
        assert.deepStrictEqual(norm(viewAsGo([{ Privileged: true, MountPoints: [{ ReadOnly: false }] }])), [
            { privileged: true, mountPoints: [{ readOnly: false }] },
        ]);
    });

    it("maps handed over as values keep their keys; a second spelling merges into the first", () => {
        assert.deepStrictEqual(
            norm(viewAsGo({ dockerLabels: { NAME: "a" }, DockerLabels: { Tenant: "b" }, Labels: { User: "c" } })),
            { dockerLabels: { NAME: "a", Tenant: "b" }, labels: { User: "c" } },
        );
    });

    it("a secret stays secret wherever it is, its content folded; a function is kept as it is", () => {
        const s = secret({ Privileged: true });
        const fn = () => 1;
        const view = viewAsGo({ a: s, b: [s], c: fn }) as Record<string, unknown>;
        const json = (v: unknown) => JSON.parse(JSON.stringify(v)) as unknown;
        assert.deepStrictEqual(json(view.a), secret({ privileged: true }));
        assert.deepStrictEqual(json((view.b as unknown[])[0]), secret({ privileged: true }));
        assert.strictEqual(view.c, fn);
    });
});
