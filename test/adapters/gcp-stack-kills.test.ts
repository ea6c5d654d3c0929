// Pins for the GKE stack links (adapters/gcp/stack.ts) found by mutation testing: which cluster of the stack is a
// standalone node pool's (by dependency first, else by the name or ID its `cluster` input gives, the cluster's `name`
// input over its resource name), and what the pool's unset metadata mode becomes: the GKE metadata server, an unknown,
// or unchanged.
import * as assert from "assert";
import { stackModelOf } from "../../adapters/stack";
import { StackResource } from "../../model/stack";
import { NODE_POOL, nodePool } from "../fixtures/gcp";
import { stackUrn } from "../helpers";
import { UNKNOWN } from "../harness/engine";

const CLUSTER = "gcp:container/cluster:Cluster";
const POOL_URN = stackUrn(NODE_POOL, "np");
const UNSET = { path: "nodeConfig.workloadMetadataConfig", gkeMode: undefined };
const GKE = { path: "nodeConfig.workloadMetadataConfig", gkeMode: "GKE_METADATA" };

/** A GKE cluster resource: `workloadPool` undefined leaves Workload Identity off; `name` undefined leaves the input out. */
function cluster(resourceName: string, workloadPool: string | undefined, name?: string): StackResource {
    const props: Record<string, unknown> = { location: "europe-west1", removeDefaultNodePool: true };
    if (name !== undefined) props.name = name;
    if (workloadPool !== undefined) props.workloadIdentityConfig = { workloadPool };
    return { urn: stackUrn(CLUSTER, resourceName), type: CLUSTER, name: resourceName, props };
}

/** A standalone pool; `clusterRef` undefined leaves the `cluster` input out. */
function pool(clusterRef: unknown, dependencies?: string[], nodeConfig: Record<string, unknown> = {}): StackResource {
    const props = nodePool(nodeConfig, "np");
    if (clusterRef === undefined) delete props.cluster;
    else props.cluster = clusterRef;
    return { urn: POOL_URN, type: NODE_POOL, name: "np", props, dependencies };
}

/** The pool's metadata setting and issues as the stack model leaves them. */
function poolOf(resources: StackResource[]) {
    const sw = stackModelOf(resources).workloads.filter((w) => w.urn === POOL_URN);
    assert.strictEqual(sw.length, 1);
    return { hostMetadata: sw[0].workload.hostMetadata, issues: sw[0].workload.issues };
}

const WI = "p.svc.id.goog";

describe("GKE node pools in a cluster of the stack (pinned)", () => {
    it("the cluster's `name` input names it, not its resource name", () => {
        assert.deepStrictEqual(poolOf([cluster("c-res", WI, "prod"), pool("prod")]), { hostMetadata: GKE, issues: [] });
        assert.deepStrictEqual(poolOf([cluster("c-res", WI, "prod"), pool("c-res")]), {
            hostMetadata: UNSET,
            issues: [],
        });
    });

    it("a cluster ID names the cluster in its last segment; a name without `/` is the whole name", () => {
        assert.deepStrictEqual(poolOf([cluster("c", WI, "prod"), pool("projects/p/locations/l/clusters/prod")]), {
            hostMetadata: GKE,
            issues: [],
        });
        assert.deepStrictEqual(poolOf([cluster("c", WI, "prod"), pool("projects/p/locations/l/clusters/rod")]), {
            hostMetadata: UNSET,
            issues: [],
        });
        assert.deepStrictEqual(poolOf([cluster("c", WI, "rod"), pool("prod")]).hostMetadata, UNSET);
    });

    it("a pool without a `cluster` input is linked by its dependency", () => {
        const c = cluster("c", WI, "prod");
        assert.deepStrictEqual(poolOf([c, pool(undefined, [c.urn])]), { hostMetadata: GKE, issues: [] });
    });

    it("a pool without a `cluster` input or a dependency is in no cluster", () => {
        assert.deepStrictEqual(poolOf([cluster("c", WI, "prod"), pool(undefined)]), {
            hostMetadata: UNSET,
            issues: [],
        });
    });

    it("its dependency wins over the name it gives", () => {
        const on = cluster("on", WI, "on");
        const off = cluster("off", undefined, "off");
        assert.deepStrictEqual(poolOf([on, off, pool("off", [on.urn])]).hostMetadata, GKE);
        assert.deepStrictEqual(poolOf([on, off, pool("on", [off.urn])]).hostMetadata, UNSET);
    });

    it("two clusters it depends on that disagree decide nothing", () => {
        const on = cluster("on", WI, "on");
        const off = cluster("off", undefined, "off");
        assert.deepStrictEqual(poolOf([on, off, pool("on", [on.urn, off.urn])]), { hostMetadata: UNSET, issues: [] });
    });

    it("a cluster without Workload Identity changes nothing: no mode, no issue", () => {
        assert.deepStrictEqual(poolOf([cluster("c", undefined, "prod"), pool("prod")]), {
            hostMetadata: UNSET,
            issues: [],
        });
    });

    it("a workload pool unknown at preview adds an unknown issue naming the cluster", () => {
        assert.deepStrictEqual(poolOf([cluster("c", UNKNOWN, "prod"), pool("prod")]), {
            hostMetadata: UNSET,
            issues: [
                {
                    kind: "unknown",
                    field: "instanceMetadata",
                    path: 'Cluster "prod" workloadIdentityConfig.workloadPool',
                },
            ],
        });
    });

    it("the unknown is added to the pool's own issues", () => {
        const { issues } = poolOf([cluster("c", UNKNOWN, "prod"), pool("prod", [], { labels: UNKNOWN })]);
        assert.deepStrictEqual(
            issues.map((i) => [i.kind, i.field, i.path]),
            [
                ["unknown", "labels", "nodeConfig.labels"],
                ["unknown", "instanceMetadata", 'Cluster "prod" workloadIdentityConfig.workloadPool'],
            ],
        );
    });

    it("a pool that sets its own mode is left as it is", () => {
        const own = { workloadMetadataConfig: { mode: "GCE_METADATA" } };
        assert.deepStrictEqual(poolOf([cluster("c", WI, "prod"), pool("prod", [], own)]), {
            hostMetadata: { path: "nodeConfig.workloadMetadataConfig", gkeMode: "GCE_METADATA" },
            issues: [],
        });
    });

    it("the pool's workload of the per-resource cache keeps the unset mode", () => {
        const p = pool("prod");
        assert.deepStrictEqual(poolOf([cluster("c", WI, "prod"), p]).hostMetadata, GKE);
        assert.deepStrictEqual(poolOf([p]).hostMetadata, UNSET);
    });
});
