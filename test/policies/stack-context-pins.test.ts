// Pins for issue 23's stack context found by a targeted mutation run: which GKE pools take their cluster's default,
// that a workload's own unknown namespace is not replaced by its provider's, Namespace markers compared as tenancy
// markers are, and clusters matched when one side has no provider.
import * as assert from "assert";
import { UNKNOWN, urnOf } from "../harness/engine";
import { DEPLOYMENT, hardenedPodSpec } from "../fixtures/kubernetes";
import { NODE_POOL, nodePool } from "../fixtures/gcp";
import { namespace } from "../fixtures/multitenancy";
import { judge, judgeStack, StackInput } from "../helpers";

const PROVIDER = "pulumi:providers:kubernetes";
const provider = (name: string, props: Record<string, unknown> = {}): NonNullable<StackInput["provider"]> => ({
    urn: urnOf(PROVIDER, name),
    type: PROVIDER,
    props,
});

function app(ns: string | undefined, on?: StackInput["provider"]): StackInput {
    const props = DEPLOYMENT.wrap(hardenedPodSpec());
    if (ns === undefined) delete props.metadata.namespace;
    else props.metadata.namespace = ns;
    return { type: DEPLOYMENT.type, name: "web", props, provider: on };
}

const verdicts = (r: ReturnType<typeof judgeStack>, policy = "multi-tenant-isolation") =>
    [...r.resource, ...r.stack]
        .filter((d) => d.policy === policy)
        .map((d) => [d.check, d.advisory])
        .sort();

describe("issue 23 stack context (pinned)", () => {
    it("a pool whose mode cannot be read keeps its own verdict: no cluster default, judged in Analyze", () => {
        const cluster: StackInput = {
            type: "gcp:container/cluster:Cluster",
            name: "c1",
            props: {
                name: "c1",
                removeDefaultNodePool: true,
                workloadIdentityConfig: { workloadPool: "p.svc.id.goog" },
            },
        };
        const malformed: StackInput = {
            type: NODE_POOL,
            name: "np",
            props: nodePool({ workloadMetadataConfig: { mode: 5 } }),
        };
        const r = judgeStack([cluster, malformed]);
        assert.deepStrictEqual(verdicts(r, "no-host-credentials"), [["instanceMetadata", false]]);
        assert.strictEqual(r.stack.filter((d) => d.policy === "no-host-credentials").length, 0);
        // The same inside the cluster: a malformed mode is not defaulted to GKE_METADATA.
        const own = {
            ...cluster.props,
            nodePools: [{ name: "np", nodeConfig: { workloadMetadataConfig: { mode: 5 } } }],
        };
        assert.deepStrictEqual(
            judge(cluster.type, own)
                .filter((d) => d.policy === "no-host-credentials")
                .map((d) => d.check),
            ["instanceMetadata"],
        );
        // An unknown label of the pool is no reason to skip its cluster's default.
        const labelled: StackInput = {
            type: NODE_POOL,
            name: "np",
            props: nodePool({ labels: UNKNOWN }),
        };
        const l = judgeStack([cluster, labelled]);
        assert.deepStrictEqual(
            [...l.resource, ...l.stack].filter((d) => d.check === "instanceMetadata"),
            [],
        );
        // A nodeConfig unknown at preview ("all") is no unset mode either: noted in Analyze.
        const unknown: StackInput = {
            type: NODE_POOL,
            name: "np",
            props: { name: "np", cluster: "c1", nodeConfig: UNKNOWN },
        };
        const u = judgeStack([cluster, unknown]);
        // (The note goes to the first policy that reads it; none reports a violation, none judges it in the stack.)
        assert.ok(
            u.resource.some((d) => d.check === "unknownValues"),
            JSON.stringify(u.resource),
        );
        assert.ok(!u.resource.some((d) => d.check === "instanceMetadata"), JSON.stringify(u.resource));
        assert.deepStrictEqual(u.stack, []);
    });

    it("a workload's own unknown metadata.namespace is not replaced by its provider's default", () => {
        const p = provider("p", { namespace: "tenants" });
        const ns = { ...namespace("tenants", { tenancy: "multi-tenant" }), provider: p };
        // It may be in `tenants`: unknown, not a violation as if it were known to be there.
        assert.deepStrictEqual(verdicts(judgeStack([ns, app(UNKNOWN, p)])), [["unknownValues", true]]);
    });

    it("candidate Namespaces' markers are compared trimmed and case-insensitively, by every selector key", () => {
        const shouting = namespace("apps", { tier: " Multi-Tenant " });
        const config = {
            "multi-tenant-isolation": { multiTenantSelector: { keys: ["tenancy", "tier"], values: ["multi-tenant"] } },
        };
        assert.deepStrictEqual(verdicts(judgeStack([shouting, app(UNKNOWN)], config)), [["unknownValues", true]]);
        // Another value marks nothing.
        assert.deepStrictEqual(verdicts(judgeStack([namespace("apps", { tier: "gold" }), app(UNKNOWN)], config)), []);
        // A candidate among several that is multi-tenant is enough; one with unknown labels too.
        const plain = namespace("b", { tier: "gold" });
        assert.deepStrictEqual(verdicts(judgeStack([plain, shouting, app(UNKNOWN)], config)), [
            ["unknownValues", true],
        ]);
        const undecided = namespace("c");
        (undecided.props.metadata as Record<string, unknown>).labels = UNKNOWN;
        assert.deepStrictEqual(verdicts(judgeStack([plain, undecided, app(UNKNOWN)], config)), [
            ["unknownValues", true],
        ]);
    });

    it("a workload without a provider may be in a Namespace of any cluster, and one with unknown labels too", () => {
        const east = provider("east");
        const mt = { ...namespace("apps", { tenancy: "multi-tenant" }), provider: east };
        assert.deepStrictEqual(verdicts(judgeStack([mt, app(UNKNOWN)])), [["unknownValues", true]]);
        assert.deepStrictEqual(verdicts(judgeStack([mt, app("apps")])), [["sandboxedRuntime", false]]);
        const undecided = namespace("apps");
        (undecided.props.metadata as Record<string, unknown>).labels = UNKNOWN;
        assert.deepStrictEqual(verdicts(judgeStack([undecided, app("apps", east)])), [["unknownValues", true]]);
    });
});
