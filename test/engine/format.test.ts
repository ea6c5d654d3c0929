// engine/format.ts in-process: how user values appear in messages. Redaction keeps secrets out of every message
// (a leak, not a wording matter); cleaning and bounds keep a hostile value from forging or flooding output.
import * as assert from "assert";
import { clean, NO_SECRETS, redact, renderValue, UNKNOWN_VALUE } from "../../engine/format";

describe("engine/format.ts", () => {
    describe("clean", () => {
        it("replaces control and line-separator characters, one ? each", () => {
            assert.strictEqual(clean("a\nb\u0000c\u007fd\u009fe\u2028f\u2029g\th"), "a?b?c?d?e?f?g?h");
            assert.strictEqual(clean("ordinary text: ünïcode ok"), "ordinary text: ünïcode ok");
        });

        it("cuts past the bound with an ellipsis, and keeps a value exactly at it", () => {
            assert.strictEqual(clean("x".repeat(200)), "x".repeat(200));
            assert.strictEqual(clean("x".repeat(201)), `${"x".repeat(200)}…`);
            assert.strictEqual(clean("abcdef", 3), "abc…");
            assert.strictEqual(clean("abc", 3), "abc");
        });
    });

    describe("redact", () => {
        it("returns the text as it is when there are no secrets", () => {
            assert.strictEqual(redact("token s3cr3t", NO_SECRETS), "token s3cr3t");
            assert.strictEqual(redact("token: s3cr3t", new Set([""])), "token: s3cr3t");
            // An empty secret matches nowhere, not between two separators.
            assert.strictEqual(redact("pw: tok", new Set(["", "tok"])), "pw: [secret]");
        });

        it("replaces each secret that stands as a token, every time it appears", () => {
            const secrets = new Set(["s3cr3t", "pw"]);
            assert.strictEqual(
                redact('user=admin pw s3cr3t "s3cr3t" s3cr3tx xpw', secrets),
                'user=admin [secret] [secret] "[secret]" s3cr3tx xpw',
            );
        });

        it("prefers the longest secret where one contains another", () => {
            assert.strictEqual(redact("key abc-def", new Set(["abc", "abc-def"])), "key [secret]");
            assert.strictEqual(redact("key abc-def", new Set(["abc-def", "abc"])), "key [secret]");
        });

        it("matches regular-expression characters literally", () => {
            const secrets = new Set(["a.c", "(x|y)", "p+q*", "$1", "[z]", "\\d"]);
            assert.strictEqual(
                redact("abc a.c x y (x|y) pq p+q* $1 z [z] 5 \\d", secrets),
                "abc [secret] x y [secret] pq [secret] [secret] z [secret] 5 [secret]",
            );
        });

        it("uses the same answer for the same set again (cached per set)", () => {
            const secrets = new Set(["tok"]);
            assert.strictEqual(redact("a tok", secrets), "a [secret]");
            assert.strictEqual(redact("tok b tok", secrets), "[secret] b [secret]");
        });
    });

    describe("renderValue", () => {
        it("quotes strings (cleaned), prints numbers and booleans, and hides secret ones", () => {
            const secrets = new Set(["pw", "8080", "true"]);
            assert.strictEqual(renderValue("a\nb", secrets), '"a?b"');
            assert.strictEqual(renderValue("pw", secrets), "[secret]");
            assert.strictEqual(renderValue(8080, secrets), "[secret]");
            assert.strictEqual(renderValue(true, secrets), "[secret]");
            assert.strictEqual(renderValue(false, secrets), "false");
            assert.strictEqual(renderValue(443, secrets), "443");
        });

        it("renders lists comma-separated, the first ten then how many more", () => {
            assert.strictEqual(renderValue(["a", 1], NO_SECRETS), '["a", 1]');
            const ten = Array.from({ length: 10 }, (_, i) => i);
            assert.strictEqual(renderValue(ten, NO_SECRETS), "[0, 1, 2, 3, 4, 5, 6, 7, 8, 9]");
            assert.strictEqual(renderValue([...ten, 10, 11], NO_SECRETS), "[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, … 2 more]");
        });

        it("renders three levels of nested lists, then […]", () => {
            assert.strictEqual(renderValue([[[["deep"]], []]], NO_SECRETS), "[[[[…]], []]]");
            assert.strictEqual(renderValue([[[[]]]], NO_SECRETS), "[[[[]]]]");
            assert.strictEqual(renderValue([[["x"]]], NO_SECRETS), '[[["x"]]]');
        });

        it("names null, unset, unknown and objects", () => {
            assert.strictEqual(renderValue(null, NO_SECRETS), "null");
            assert.strictEqual(renderValue(undefined, NO_SECRETS), "unset");
            assert.strictEqual(renderValue(UNKNOWN_VALUE, NO_SECRETS), "unknown at preview");
            assert.strictEqual(renderValue({ a: 1 }, NO_SECRETS), "an object");
        });
    });
});
