// The well-known CRD table (data/customResources.ts) says, row by row, where its field names were checked, and every
// assembling reader a row names exists: a row without a source cannot be re-checked when the upstream API moves, and a
// key without a reader would silently read nothing for that kind.
import * as assert from "assert";
import { CUSTOM_RESOURCE_TABLE } from "../../data/customResources";
import { ASSEMBLING_READERS } from "../../adapters/crd/table";
import { wellKnownKinds } from "../../adapters/crd";

/** `<owner>/<repo> <API version(s)>: <file or doc> … (<release>)`, as the data file documents. */
const SOURCE_SHAPE = /^[\w.-]+\/[\w.-]+ v\d+(?:(?:alpha|beta)\d+)?(?:, v\d+(?:(?:alpha|beta)\d+)?)*: \S.*\(.*v\d/;

describe("well-known CRD table: sources and readers", () => {
    it("has rows", () => {
        assert.ok(CUSTOM_RESOURCE_TABLE.length > 0);
    });

    for (const row of CUSTOM_RESOURCE_TABLE) {
        const kinds = Object.keys(row.kinds);
        describe(`${row.group} ${kinds.join(", ")}`, () => {
            it("names its source: project, API version, file or doc, release", () => {
                assert.ok(row.source.trim() !== "", "empty source");
                assert.match(row.source, SOURCE_SHAPE);
            });

            it("has kinds, each read by paths or by a reader that exists", () => {
                assert.ok(kinds.length > 0, "no kinds");
                for (const [kind, k] of Object.entries(row.kinds)) {
                    const paths = [...(k.templates ?? []), ...(k.podSpecs ?? [])];
                    assert.ok(paths.length > 0 || k.reader !== undefined, `${kind}: neither paths nor a reader`);
                    assert.ok(
                        paths.every((p) => p !== ""),
                        `${kind}: an empty path`,
                    );
                    if (k.reader !== undefined)
                        assert.strictEqual(typeof ASSEMBLING_READERS[k.reader], "function", `${kind}: ${k.reader}`);
                    else assert.strictEqual(k.at, undefined, `${kind}: \`at\` without a reader`);
                }
            });
        });
    }

    it("names each group's kind in one row only", () => {
        const seen = CUSTOM_RESOURCE_TABLE.flatMap((row) => Object.keys(row.kinds).map((k) => `${row.group}:${k}`));
        assert.deepStrictEqual(
            seen.filter((k, i) => seen.indexOf(k) !== i),
            [],
        );
    });

    it("is what the adapter reads: every group and kind, in table order", () => {
        const fromRows = new Map<string, string[]>();
        for (const row of CUSTOM_RESOURCE_TABLE)
            fromRows.set(row.group, [...(fromRows.get(row.group) ?? []), ...Object.keys(row.kinds)]);
        assert.deepStrictEqual(
            wellKnownKinds(),
            [...fromRows].map(([group, kinds]) => ({ group, kinds })),
        );
    });

    it("uses every reader", () => {
        const used = new Set(CUSTOM_RESOURCE_TABLE.flatMap((row) => Object.values(row.kinds).map((k) => k.reader)));
        assert.deepStrictEqual(
            Object.keys(ASSEMBLING_READERS).filter((k) => !used.has(k as keyof typeof ASSEMBLING_READERS)),
            [],
        );
    });
});
