import * as assert from "assert";
import { toWorkloads } from "../../adapters";
import { DEFAULT_OPTIONS } from "../../engine/evaluate";
import { matchesGlob } from "../../engine/glob";
import { tenancyOf } from "../../engine/tenancy";
import { DEPLOYMENT, hardenedPodSpec } from "../fixtures/kubernetes";

function deployment(labels: Record<string, string> = {}, templateLabels: Record<string, string> = {}) {
    const props = DEPLOYMENT.wrap(hardenedPodSpec(), { labels: templateLabels });
    props.metadata.labels = labels;
    return toWorkloads(DEPLOYMENT.type, "web", props)[0];
}

describe("tenancy", () => {
    it("is not multi-tenant without a marking", () => {
        assert.deepStrictEqual(tenancyOf(deployment(), DEFAULT_OPTIONS), {
            multiTenant: false,
            via: undefined,
            tenants: [],
        });
    });

    it("says where the marking was found, most specific first", () => {
        const o = {
            ...DEFAULT_OPTIONS,
            stackTags: { tenancy: "multi-tenant" },
            namespaceLabels: new Map([["apps", { tenancy: "multi-tenant" }]]),
        };
        assert.strictEqual(tenancyOf(deployment({ tenancy: "multi-tenant" }), o).via, "label tenancy=multi-tenant");
        assert.strictEqual(
            tenancyOf(deployment({}, { tenancy: "multi-tenant" }), o).via,
            "pod template label tenancy=multi-tenant",
        );
        assert.strictEqual(tenancyOf(deployment(), o).via, 'Namespace "apps" label tenancy=multi-tenant');
        assert.strictEqual(
            tenancyOf(deployment(), { ...DEFAULT_OPTIONS, stackTags: { tenancy: "multi-tenant" } }).via,
            "stack tag tenancy=multi-tenant",
        );
    });

    it("takes tenants from the most specific level that names any", () => {
        const o = {
            ...DEFAULT_OPTIONS,
            stackTags: { tenant: "stack" },
            namespaceLabels: new Map([["apps", { tenant: "ns" }]]),
        };
        assert.deepStrictEqual(tenancyOf(deployment({ tenant: "own" }), o).tenants, ["own"]);
        assert.deepStrictEqual(tenancyOf(deployment({ tenant: "b" }, { tenant: "a" }), o).tenants, ["a", "b"]);
        assert.deepStrictEqual(tenancyOf(deployment(), o).tenants, ["ns"]);
        assert.deepStrictEqual(
            tenancyOf(deployment(), { ...DEFAULT_OPTIONS, stackTags: { tenant: "stack" } }).tenants,
            ["stack"],
        );
    });

    it("matches handler globs over the whole string", () => {
        assert.ok(matchesGlob("kata-qemu", "kata*"));
        assert.ok(matchesGlob("runsc", "runsc"));
        assert.ok(!matchesGlob("runsc-debug", "runsc"));
        assert.ok(!matchesGlob("not-kata", "kata*"));
        assert.ok(!matchesGlob("katarunc", "kata.runc"));
        assert.ok(matchesGlob("kata-fc", "kata-f?"));
        assert.ok(!matchesGlob("kata-fcx", "kata-f?"));
    });
});
