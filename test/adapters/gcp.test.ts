import * as assert from "assert";
import { toWorkloads } from "../../adapters";
import { checkIds, judge, judgeStack } from "../helpers";
import { UNKNOWN } from "../harness/engine";
import { NODE_POOL, Props, nodePool } from "../fixtures/gcp";

const CLUSTER = "gcp:container/cluster:Cluster";
const RUN_V1 = "gcp:cloudrun/service:Service";
const RUN_V2 = "gcp:cloudrunv2/service:Service";
const RUN_V2_JOB = "gcp:cloudrunv2/job:Job";
const INSTANCE = "gcp:compute/instance:Instance";
const MULTI_TENANT = { tenancy: "multi-tenant" };

// Workload Identity hides the node's credentials from pods; the pools below set it so that each test judges the
// sandbox axis alone (instanceMetadata is asserted on its own below).
const WORKLOAD_IDENTITY = { workloadMetadataConfig: { mode: "GKE_METADATA" } };

function pool(nodeConfig: Props, name = "tenants"): Props {
    return nodePool({ ...WORKLOAD_IDENTITY, ...nodeConfig }, name);
}

describe("Google Cloud adapter", () => {
    describe("GKE node pools", () => {
        it("done when: a multi-tenant pool without GKE Sandbox fails sandboxedRuntime, naming the pool and the field", () => {
            const ds = judge(NODE_POOL, pool({ labels: MULTI_TENANT }));
            assert.deepStrictEqual(
                ds.map((d) => [d.policy, d.check, d.advisory]),
                [["multi-tenant-isolation", "sandboxedRuntime", false]],
            );
            assert.strictEqual(
                ds[0].message,
                '[sandboxedRuntime] NodePool "tenants" is multi-tenant (label tenancy=multi-tenant) and must be a sandbox ' +
                    "node pool: nodeConfig.sandboxConfig.type is unset; set nodeConfig.sandboxConfig.type to GVISOR (GKE " +
                    "Sandbox), or give each tenant its own node pool",
            );
        });

        it("done when: its GKE Sandbox twin passes (sandboxConfig.type GVISOR, or the deprecated sandboxType gvisor)", () => {
            for (const sandboxConfig of [{ type: "GVISOR" }, { sandboxType: "gvisor" }, { type: "gvisor" }])
                assert.deepStrictEqual(checkIds(NODE_POOL, pool({ labels: MULTI_TENANT, sandboxConfig })), []);
        });

        it("counts GKE Sandbox as the gvisor RuntimeClass: a policy that allows only kata rejects it", () => {
            const config = { "multi-tenant-isolation": { sandboxRuntimeClasses: ["kata"] } };
            const ds = judge(NODE_POOL, pool({ labels: MULTI_TENANT, sandboxConfig: { type: "GVISOR" } }), config);
            assert.deepStrictEqual(
                ds.map((d) => d.check),
                ["sandboxedRuntime"],
            );
            assert.ok(ds[0].message.includes('nodeConfig.sandboxConfig.type is "gvisor"'), ds[0].message);
        });

        it("an unknown sandbox type is neither a sandbox nor a crash: it is reported as written", () => {
            const ds = judge(NODE_POOL, pool({ labels: MULTI_TENANT, sandboxConfig: { type: "constructor" } }));
            assert.ok(ds[0].message.includes('nodeConfig.sandboxConfig.type is "constructor"'), ds[0].message);
        });

        it("reads tenancy from resource labels and stack tags; a single-tenant pool needs no sandbox", () => {
            assert.deepStrictEqual(checkIds(NODE_POOL, pool({ resourceLabels: MULTI_TENANT })), ["sandboxedRuntime"]);
            assert.deepStrictEqual(checkIds(NODE_POOL, pool({ labels: { tenant: "acme" } })), []);
            const viaStack = judge(NODE_POOL, pool({}), {}, "p", MULTI_TENANT);
            assert.ok(viaStack[0].message.includes("(stack tag tenancy=multi-tenant)"), viaStack[0].message);
        });

        it("a Kubernetes Namespace named default does not make a cloud pool multi-tenant", () => {
            const { resource, stack } = judgeStack([
                {
                    type: "kubernetes:core/v1:Namespace",
                    name: "default",
                    props: { metadata: { name: "default", labels: MULTI_TENANT } },
                },
                { type: NODE_POOL, name: "p", props: pool({}) },
            ]);
            assert.deepStrictEqual([...resource, ...stack], []);
        });

        it("supplies the instanceMetadata check's input: workloadMetadataConfig.mode, undefined when unset", () => {
            const [w] = toWorkloads(NODE_POOL, "p", pool({ workloadMetadataConfig: { mode: "GKE_METADATA" } }));
            assert.deepStrictEqual(w.hostMetadata, {
                path: "nodeConfig.workloadMetadataConfig",
                gkeMode: "GKE_METADATA",
            });
            const [unset] = toWorkloads(NODE_POOL, "p", nodePool({}));
            assert.deepStrictEqual(unset.hostMetadata, {
                path: "nodeConfig.workloadMetadataConfig",
                gkeMode: undefined,
            });
            const [cluster] = toWorkloads(CLUSTER, "c", {
                name: "c",
                nodePools: [{ name: "a", nodeConfig: { workloadMetadataConfig: { mode: "GCE_METADATA" } } }],
            });
            assert.deepStrictEqual(cluster.hostMetadata, {
                path: "nodePools[0].nodeConfig.workloadMetadataConfig",
                gkeMode: "GCE_METADATA",
            });
            const [unknown] = toWorkloads(NODE_POOL, "p", pool({ workloadMetadataConfig: { mode: UNKNOWN } }));
            assert.strictEqual(unknown.hostMetadata?.gkeMode, undefined);
            assert.deepStrictEqual(
                unknown.issues.map((i) => [i.kind, i.field, i.path]),
                [["unknown", "instanceMetadata", "nodeConfig.workloadMetadataConfig.mode"]],
            );
        });

        it("a pool without GKE_METADATA fails instanceMetadata, whatever its tenancy and sandbox", () => {
            for (const nodeConfig of [{}, { labels: MULTI_TENANT, sandboxConfig: { type: "GVISOR" } }]) {
                const ds = judge(NODE_POOL, nodePool(nodeConfig));
                assert.deepStrictEqual(
                    ds.map((d) => [d.policy, d.check, d.advisory]),
                    [["no-host-credentials", "instanceMetadata", false]],
                );
            }
            const metadataServer = { workloadMetadataConfig: { mode: "GCE_METADATA" } };
            assert.deepStrictEqual(checkIds(NODE_POOL, nodePool(metadataServer)), ["instanceMetadata"]);
        });

        it("defers a sandbox setting unknown at preview; fail-closed rejects it", () => {
            const props = pool({ labels: MULTI_TENANT, sandboxConfig: { type: UNKNOWN } });
            const deferred = judge(NODE_POOL, props);
            assert.deepStrictEqual(
                deferred.map((d) => [d.check, d.advisory]),
                [["unknownValues", true]],
            );
            assert.ok(deferred[0].message.endsWith(": nodeConfig.sandboxConfig.type"), deferred[0].message);
            const closed = judge(NODE_POOL, props, { "multi-tenant-isolation": { unknownValues: "fail-closed" } });
            assert.deepStrictEqual(
                closed.map((d) => [d.check, d.advisory]),
                [["sandboxedRuntime", false]],
            );
            assert.ok(closed[0].message.includes("cannot be judged at preview"), closed[0].message);
        });

        it("reports a malformed sandbox setting instead of passing it", () => {
            const ds = judge(NODE_POOL, pool({ labels: MULTI_TENANT, sandboxConfig: { type: 1 } }));
            assert.deepStrictEqual(
                ds.map((d) => d.check),
                ["sandboxedRuntime"],
            );
            assert.ok(ds[0].message.includes("cannot interpret"), ds[0].message);
            assert.ok(ds[0].message.includes("nodeConfig.sandboxConfig.type is 1"), ds[0].message);
        });

        it("an exemption in the policy's config waives the finding into a named note", () => {
            const config = {
                "multi-tenant-isolation": {
                    exemptions: [
                        {
                            id: "GKE-42",
                            checks: ["sandboxedRuntime"],
                            match: { type: "gcp:container/*", name: "tenants" },
                            reason: "migrating to a sandbox pool",
                            expires: "2999-01-01",
                        },
                    ],
                },
            };
            const ds = judge(NODE_POOL, pool({ labels: MULTI_TENANT }), config);
            assert.deepStrictEqual(
                ds.map((d) => [d.check, d.advisory, d.exemption]),
                [["sandboxedRuntime", true, '"GKE-42"']],
            );
        });
    });

    describe("node pools inside a Cluster", () => {
        it("maps each of nodePools[] with the cluster's resource labels, and judges each", () => {
            const props = {
                name: "shared",
                resourceLabels: MULTI_TENANT,
                nodePools: [
                    { name: "plain", nodeConfig: { ...WORKLOAD_IDENTITY } },
                    { name: "sandbox", nodeConfig: { ...WORKLOAD_IDENTITY, sandboxConfig: { type: "GVISOR" } } },
                ],
            };
            assert.deepStrictEqual(
                toWorkloads(CLUSTER, "c", props).map((w) => [w.kind, w.name, w.specPath]),
                [
                    ["NodePool", "shared/plain", "nodePools[0].nodeConfig"],
                    ["NodePool", "shared/sandbox", "nodePools[1].nodeConfig"],
                ],
            );
            const ds = judge(CLUSTER, props);
            assert.deepStrictEqual(
                ds.map((d) => d.check),
                ["sandboxedRuntime"],
            );
            assert.ok(ds[0].message.includes('NodePool "shared/plain"'), ds[0].message);
            assert.ok(ds[0].message.includes("nodePools[0].nodeConfig.sandboxConfig.type is unset"), ds[0].message);
        });

        it("maps the default pool from nodeConfig, unless removeDefaultNodePool or Autopilot leaves none", () => {
            const base = { name: "c", resourceLabels: MULTI_TENANT, nodeConfig: { ...WORKLOAD_IDENTITY } };
            assert.deepStrictEqual(
                toWorkloads(CLUSTER, "c", base).map((w) => w.name),
                ["c/default-pool"],
            );
            assert.deepStrictEqual(checkIds(CLUSTER, base), ["sandboxedRuntime"]);
            assert.deepStrictEqual(toWorkloads(CLUSTER, "c", { ...base, removeDefaultNodePool: true }), []);
            assert.deepStrictEqual(toWorkloads(CLUSTER, "c", { ...base, enableAutopilot: true }), []);
        });

        it("an unknown nodePools list defers every pool check rather than passing", () => {
            const ds = judge(CLUSTER, { name: "c", resourceLabels: MULTI_TENANT, nodePools: UNKNOWN });
            assert.deepStrictEqual(
                ds.map((d) => [d.check, d.advisory]),
                [["unknownValues", true]],
            );
        });
    });

    describe("Cloud Run", () => {
        const services: Array<[string, Props]> = [
            [
                RUN_V1,
                {
                    name: "api",
                    metadata: { labels: MULTI_TENANT },
                    template: { spec: { containers: [{ image: "x" }] } },
                },
            ],
            [RUN_V2, { name: "api", labels: MULTI_TENANT, template: { containers: [{ image: "x" }] } }],
            [
                RUN_V2_JOB,
                { name: "api", labels: MULTI_TENANT, template: { template: { containers: [{ image: "x" }] } } },
            ],
        ];
        for (const [type, props] of services) {
            it(`${type}: sandboxed by construction, so a multi-tenant one passes`, () => {
                const [w] = toWorkloads(type, "api", props);
                assert.strictEqual(w.isolation, "vm");
                assert.strictEqual(w.platform, "gcp");
                assert.deepStrictEqual(checkIds(type, props), []);
            });
        }

        it("one service (one sandbox per instance) labelled for two tenants is tenantSharedHost", () => {
            const props = { name: "api", labels: { tenant: "acme" }, annotations: { tenant: "acme, globex" } };
            const { stack } = judgeStack([{ type: RUN_V2, name: "api", props }]);
            assert.deepStrictEqual(
                stack.map((d) => d.check),
                ["tenantSharedHost"],
            );
            assert.ok(stack[0].message.includes('CloudRunService "api" is labelled with more than one tenant'));
        });
    });

    describe("Compute Engine instances", () => {
        it("an instance for two tenants (labels and metadata) fails tenantSharedHost; one tenant passes", () => {
            const two = { name: "vm1", labels: { tenant: "acme" }, metadata: { tenant: "acme,globex" } };
            const { stack } = judgeStack([{ type: INSTANCE, name: "vm1", props: two }]);
            assert.deepStrictEqual(
                stack.map((d) => d.check),
                ["tenantSharedHost"],
            );
            assert.ok(
                stack[0].message.includes('Instance "vm1" is labelled with more than one tenant ("acme", "globex")'),
            );
            const one = judgeStack([
                { type: INSTANCE, name: "vm2", props: { name: "vm2", labels: { tenant: "acme" } } },
            ]);
            assert.deepStrictEqual([...one.resource, ...one.stack], []);
        });
    });

    it("costs nothing for a gcp type it does not read: the inputs are never touched", () => {
        const untouchable = new Proxy(
            {},
            {
                get: () => assert.fail("read"),
                has: () => assert.fail("read"),
                ownKeys: () => assert.fail("read"),
                getOwnPropertyDescriptor: () => assert.fail("read"),
            },
        );
        assert.deepStrictEqual(toWorkloads("gcp:storage/bucket:Bucket", "b", untouchable), []);
    });
});
