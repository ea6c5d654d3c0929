// engine/dialect.ts: a workload whose dialect no registered adapter speaks is refused loudly, naming the dialect,
// instead of being judged with no dialect at all.
import * as assert from "assert";
import { newWorkload } from "../../adapters/shared/common";
import { dialectOf } from "../../engine/dialect";
import { DialectName, Platform } from "../../model/workload";
import { Reader } from "../../model/read";

describe("dialectOf: a dialect no adapter speaks", () => {
    it("throws naming the dialect", () => {
        const w = newWorkload(
            {
                platform: "kubernetes" as Platform,
                isolation: "container",
                type: "t",
                kind: "Pod",
                name: "n",
                isPatch: false,
                specPath: "spec",
            },
            new Reader(),
        );
        w.dialect = "nosuch" as DialectName;
        assert.throws(() => dialectOf(w), /^Error: no adapter speaks the nosuch dialect$/);
    });
});
