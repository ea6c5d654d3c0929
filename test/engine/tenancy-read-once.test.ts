// engine/tenancy.ts: tenancyOf reads a workload once per (options, facts): asking again gives back the same reading
// rather than reading the workload anew.
import * as assert from "assert";
import { toWorkloads } from "../../adapters";
import { DEFAULT_OPTIONS } from "../../engine/evaluate";
import { tenancyOf } from "../../engine/tenancy";
import { DEPLOYMENT, hardenedPodSpec } from "../fixtures/kubernetes";

describe("tenancyOf: read once", () => {
    it("returns the same reading for the same workload, options and facts", () => {
        const w = toWorkloads(DEPLOYMENT.type, "web", DEPLOYMENT.wrap(hardenedPodSpec()))[0];
        const facts = { stackTags: { tenancy: "multi-tenant" } };
        const first = tenancyOf(w, DEFAULT_OPTIONS, facts);
        assert.strictEqual(first.multiTenant, true);
        assert.strictEqual(tenancyOf(w, DEFAULT_OPTIONS, facts), first);
    });
});
