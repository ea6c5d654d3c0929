// The flag walk `scan` and `verify` share: both must accept and refuse options identically.
import * as assert from "assert";
import { parseCommonArgs, UsageError } from "../../cli/args";

const FORMATS = ["text", "json"] as const;

describe("command-line options shared by scan and verify", () => {
    it("reads --flag value and --flag=value, PATHs in order, the first format by default", () => {
        const o = parseCommonArgs(["a.yaml", "--preset", "pss-baseline", "--pss-version=v1.30", "-", "b"], FORMATS);
        assert.deepStrictEqual(o, {
            format: "text",
            paths: ["a.yaml", "-", "b"],
            preset: "pss-baseline",
            pssVersion: "v1.30",
        });
        assert.strictEqual(parseCommonArgs(["--format=json", "x"], FORMATS).format, "json");
    });

    it("refuses a flag without its value, an unknown option, a foreign format, both --preset and --config, no PATH", () => {
        const refused: Array<[string[], RegExp]> = [
            [["--config"], /--config needs a value/],
            [["--config", "--preset", "x"], /--config needs a value/],
            [["--nope", "x"], /unknown option --nope/],
            [["--format", "sarif", "x"], /--format must be one of text, json, got sarif/],
            [["--preset", "a", "--config", "b", "x"], /either --preset or --config/],
            [["--preset", "a"], /no PATH given/],
            [
                ["--pss-version", "v2.0", "x"],
                /^--pss-version must be latest or v1\.N \(the newest known is v1\.\d+\), got "v2\.0"$/,
            ],
            [["--pss-version=1.30", "x"], /--pss-version must be latest or v1\.N/],
        ];
        for (const [argv, message] of refused) {
            assert.throws(
                () => parseCommonArgs(argv, FORMATS),
                (e: unknown) => e instanceof UsageError && message.test(e.message),
                argv.join(" "),
            );
        }
    });

    it("hands a command's own flags to it, with the same value rules", () => {
        const seen: string[] = [];
        const own = (flag: string, take: () => string) => flag === "--runtime-map" && seen.push(take()) > 0;
        parseCommonArgs(["--runtime-map", "gvisor=runsc", "--runtime-map=kata=runc", "p"], FORMATS, own);
        assert.deepStrictEqual(seen, ["gvisor=runsc", "kata=runc"]);
        assert.throws(() => parseCommonArgs(["--runtime-map"], FORMATS, own), /--runtime-map needs a value/);
    });
});
