// Issue 23 (3): a GKE node pool that leaves `nodeConfig.workloadMetadataConfig` unset runs the GKE metadata server
// when its cluster enables Workload Identity (`workloadIdentityConfig.workloadPool`): new pools of such a cluster
// default to it. The cluster's own pools are judged so in Analyze; a standalone NodePool's cluster is another resource,
// so AnalyzeStack judges it (Analyze leaves it), reporting a failure on the pool's URN.
import * as assert from "assert";
import { suitePack, StackResource, UNKNOWN, urnOf } from "../harness/engine";
import { NODE_POOL, nodePool } from "../fixtures/gcp";
import { judge, judgeStack, StackInput, stackUrn } from "../helpers";

const CLUSTER = "gcp:container/cluster:Cluster";
const POLICY = "no-host-credentials";

function cluster(workloadPool: string | undefined, extra: Record<string, unknown> = {}, name = "c1"): StackInput {
    const props: Record<string, unknown> = { name, location: "europe-west1", removeDefaultNodePool: true, ...extra };
    if (workloadPool !== undefined) props.workloadIdentityConfig = { workloadPool };
    return { type: CLUSTER, name, props };
}

const pool = (nodeConfig: Record<string, unknown> = {}, dependencies?: string[], clusterName = "c1"): StackInput => ({
    type: NODE_POOL,
    name: "tenants",
    props: { ...nodePool(nodeConfig), cluster: clusterName },
    dependencies,
});

const metadata = (ds: { check: string }[]) =>
    ds.filter((d) => d.check === "instanceMetadata" || d.check === "unknownValues").map((d) => d.check);

describe("GKE Workload Identity: a cluster's default for pools that leave the mode unset (in-process)", () => {
    it("a standalone pool in a cluster of the stack with a workload pool passes; without one it fails, in the stack", () => {
        assert.deepStrictEqual(metadata(judgeStack([cluster("p.svc.id.goog"), pool()]).stack), []);
        const { resource, stack } = judgeStack([cluster(undefined), pool()]);
        assert.deepStrictEqual(metadata(resource), []);
        assert.deepStrictEqual(
            stack.filter((d) => d.check === "instanceMetadata").map((d) => [d.urn, d.advisory]),
            [[stackUrn(NODE_POOL, "tenants"), false]],
        );
        assert.match(stack[0].message, /nodeConfig\.workloadMetadataConfig\.mode is unset/);
    });

    it("an empty workload pool is no Workload Identity", () => {
        assert.deepStrictEqual(metadata(judgeStack([cluster(" "), pool()]).stack), ["instanceMetadata"]);
    });

    it("the pool's own mode wins: GCE_METADATA fails in Analyze whatever the cluster says", () => {
        const { resource, stack } = judgeStack([
            cluster("p.svc.id.goog"),
            pool({ workloadMetadataConfig: { mode: "GCE_METADATA" } }),
        ]);
        assert.deepStrictEqual(metadata(resource), ["instanceMetadata"]);
        assert.deepStrictEqual(metadata(stack), []);
    });

    it("links the pool by dependency when its `cluster` input is unknown at preview, else by name", () => {
        const byDependency = pool({}, [stackUrn(CLUSTER, "c1")], UNKNOWN);
        assert.deepStrictEqual(metadata(judgeStack([cluster("p.svc.id.goog"), byDependency]).stack), []);
        // An ID names the cluster in its last segment.
        const byId = pool({}, [], "projects/p/locations/europe-west1/clusters/c1");
        assert.deepStrictEqual(metadata(judgeStack([cluster("p.svc.id.goog"), byId]).stack), []);
        // Another cluster's name: not its cluster.
        assert.deepStrictEqual(metadata(judgeStack([cluster("p.svc.id.goog"), pool({}, [], "c2")]).stack), [
            "instanceMetadata",
        ]);
        // Unknown name and no dependency: no cluster, the unset mode fails.
        assert.deepStrictEqual(metadata(judgeStack([cluster("p.svc.id.goog"), pool({}, [], UNKNOWN)]).stack), [
            "instanceMetadata",
        ]);
    });

    it("two clusters that may be its own and disagree decide nothing", () => {
        const on = cluster("p.svc.id.goog");
        const off = { ...cluster(undefined), name: "c1-twin" };
        assert.deepStrictEqual(metadata(judgeStack([on, off, pool()]).stack), ["instanceMetadata"]);
    });

    it("a workload pool unknown at preview leaves the pool unknown: noted under defer, reported under fail-closed", () => {
        const inputs = [cluster(UNKNOWN), pool()];
        const deferred = judgeStack(inputs).stack.filter((d) => d.policy === POLICY);
        assert.deepStrictEqual(
            deferred.map((d) => [d.check, d.advisory]),
            [["unknownValues", true]],
        );
        assert.match(deferred[0].message, /Cluster "c1" workloadIdentityConfig\.workloadPool/);
        const closed = judgeStack(inputs, { [POLICY]: { unknownValues: "fail-closed" } }).stack;
        assert.deepStrictEqual(
            closed.map((d) => [d.check, d.advisory]),
            [["instanceMetadata", false]],
        );
    });

    it("a cluster's own pools: Analyze applies its Workload Identity to pools that leave the mode unset", () => {
        const withPools = (workloadPool: string | undefined, mode?: string) =>
            cluster(workloadPool, {
                nodePools: [{ name: "np", nodeConfig: mode ? { workloadMetadataConfig: { mode } } : {} }],
            });
        const of = (i: StackInput, config = {}) =>
            judge(i.type, i.props, config)
                .filter((d) => d.policy === POLICY)
                .map((d) => [d.check, d.advisory]);
        assert.deepStrictEqual(of(withPools("p.svc.id.goog")), []);
        assert.deepStrictEqual(of(withPools(undefined)), [["instanceMetadata", false]]);
        assert.deepStrictEqual(of(withPools("p.svc.id.goog", "GCE_METADATA")), [["instanceMetadata", false]]);
        assert.deepStrictEqual(of(withPools(UNKNOWN)), [["unknownValues", true]]);
        assert.deepStrictEqual(of(withPools(UNKNOWN), { [POLICY]: { unknownValues: "fail-closed" } }), [
            ["instanceMetadata", false],
        ]);
        // The default pool, built from the cluster's nodeConfig.
        const defaultPool = cluster("p.svc.id.goog", { removeDefaultNodePool: false, nodeConfig: {} });
        assert.deepStrictEqual(of(defaultPool), []);
        assert.deepStrictEqual(of(cluster(undefined, { removeDefaultNodePool: false, nodeConfig: {} })), [
            ["instanceMetadata", false],
        ]);
    });
});

function wire(inputs: StackInput[]): StackResource[] {
    return inputs.map((i) => ({
        type: i.type,
        name: i.name,
        urn: urnOf(i.type, i.name),
        properties: i.props,
        dependencies: i.dependencies,
    }));
}

describe("GKE Workload Identity default over the analyzer protocol", function () {
    this.timeout(60000);
    const pack = suitePack();

    it("a standalone pool of a Workload Identity cluster: nothing in Analyze or AnalyzeStack", async () => {
        assert.deepStrictEqual(await pack().analyzeAll(wire([cluster("p.svc.id.goog"), pool()])), {
            resource: [],
            stack: [],
        });
    });

    it("without Workload Identity: reported in AnalyzeStack on the pool's URN, mandatory", async () => {
        const { resource, stack } = await pack().analyzeAll(wire([cluster(undefined), pool()]));
        assert.deepStrictEqual(resource, []);
        assert.deepStrictEqual(
            stack.map((d) => [d.policyName, d.enforcementLevel, /\[(\w+)\]/.exec(d.message)?.[1], d.urn]),
            [[POLICY, "mandatory", "instanceMetadata", urnOf(NODE_POOL, "tenants")]],
        );
    });
});
