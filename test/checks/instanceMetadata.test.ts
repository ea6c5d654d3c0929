// Pins for instanceMetadata found by mutation testing: which branch (GKE or AWS) judges a machine, the field a
// finding names, trimming of the GKE mode, and deferral of a mode unknown at preview.
import * as assert from "assert";
import { judge } from "../helpers";
import { INSTANCE, eksNodeInstance } from "../fixtures/aws";
import { UNKNOWN } from "../harness/engine";
import { NODE_POOL, nodePool } from "../fixtures/gcp";

function found(type: string, props: Record<string, unknown>, config = {}) {
    return judge(type, props, config)
        .filter((d) => d.check === "instanceMetadata" || d.check === "unknownValues")
        .map((d) => [d.check, d.advisory, d.message]);
}

describe("check instanceMetadata (pinned)", () => {
    it("judges a GKE pool without workloadMetadataConfig on its mode, not on AWS's httpTokens", () => {
        const ds = found(NODE_POOL, nodePool({}));
        assert.strictEqual(ds.length, 1);
        assert.strictEqual(ds[0][0], "instanceMetadata");
        assert.strictEqual(ds[0][1], false);
        assert.ok(String(ds[0][2]).includes(": nodeConfig.workloadMetadataConfig.mode is unset;"), String(ds[0][2]));
        assert.ok(!String(ds[0][2]).includes("httpTokens"), String(ds[0][2]));
    });

    it("accepts GKE_METADATA written with surrounding spaces", () => {
        assert.deepStrictEqual(found(NODE_POOL, nodePool({ workloadMetadataConfig: { mode: " GKE_METADATA " } })), []);
    });

    it("defers a GKE mode unknown at preview instead of failing it", () => {
        const ds = found(NODE_POOL, nodePool({ workloadMetadataConfig: { mode: UNKNOWN } }));
        assert.deepStrictEqual(
            ds.map((d) => [d[0], d[1]]),
            [["unknownValues", true]],
        );
        assert.ok(String(ds[0][2]).endsWith(": nodeConfig.workloadMetadataConfig.mode"), String(ds[0][2]));
    });

    it("names metadataOptions.httpPutResponseHopLimit in the hop-limit finding", () => {
        const ds = found(INSTANCE, eksNodeInstance({ httpTokens: "required", httpPutResponseHopLimit: 2 }));
        assert.strictEqual(ds.length, 1);
        assert.ok(String(ds[0][2]).includes(": metadataOptions.httpPutResponseHopLimit is 2;"), String(ds[0][2]));
    });
});
