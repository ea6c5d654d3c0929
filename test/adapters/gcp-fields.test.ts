// Pins for the Google Cloud adapter found by mutation testing, one row per field it reads: where the value lands in
// the workload model, the issue a malformed or unknown value leaves (kind, the field that decides which checks see
// it, the path a finding names), and the verdict where the field decides one.
import * as assert from "assert";
import { sandboxSettingOf, toWorkloads } from "../../adapters";
import { Workload } from "../../model/workload";
import { checkIds, judge, judgeStack } from "../helpers";
import { UNKNOWN } from "../harness/engine";
import { NODE_POOL, Props, nodePool } from "../fixtures/gcp";

const CLUSTER = "gcp:container/cluster:Cluster";
const RUN_V1 = "gcp:cloudrun/service:Service";
const RUN_V2 = "gcp:cloudrunv2/service:Service";
const RUN_V2_JOB = "gcp:cloudrunv2/job:Job";
const INSTANCE = "gcp:compute/instance:Instance";
const MULTI_TENANT = { tenancy: "multi-tenant" };
const WORKLOAD_IDENTITY = { workloadMetadataConfig: { mode: "GKE_METADATA" } };

type Issue = [kind: string, field: string, path: string];

function issuesOf(w: Workload): Issue[] {
    return w.issues.map((i) => [i.kind, i.field, i.path]);
}

/** The one workload a resource maps to. */
function one(type: string, props: Props, name = "res"): Workload {
    const ws = toWorkloads(type, name, props);
    assert.strictEqual(ws.length, 1, JSON.stringify(ws.map((w) => w.name)));
    return ws[0];
}

/** A label map as a plain object (the adapter's maps have no prototype). */
function plain(m: Record<string, string> | undefined): Record<string, string> {
    return { ...m };
}

describe("Google Cloud adapter (pinned)", () => {
    describe("every field a malformed value can hide in leaves an issue naming its field and path", () => {
        // [what, type, props, workload names, issues of each workload, or of each one in turn]
        const rows: Array<[string, string, Props, string[], Issue[], Issue[][]?]> = [
            ["pool name", NODE_POOL, { name: 7, nodeConfig: {} }, ["res"], [["malformed", "other", "name"]]],
            ["pool nodeConfig", NODE_POOL, { name: "p", nodeConfig: "x" }, ["p"], [["malformed", "all", "nodeConfig"]]],
            [
                "pool resourceLabels",
                NODE_POOL,
                nodePool({ resourceLabels: 7 }),
                ["tenants"],
                [["malformed", "labels", "nodeConfig.resourceLabels"]],
            ],
            [
                "pool node labels",
                NODE_POOL,
                nodePool({ labels: 7 }),
                ["tenants"],
                [["malformed", "labels", "nodeConfig.labels"]],
            ],
            [
                "pool node label value",
                NODE_POOL,
                nodePool({ labels: { tenant: 7 } }),
                ["tenants"],
                [["malformed", "labels", "nodeConfig.labels.tenant"]],
            ],
            [
                "pool sandboxConfig",
                NODE_POOL,
                nodePool({ sandboxConfig: "GVISOR" }),
                ["tenants"],
                [["malformed", "runtime", "nodeConfig.sandboxConfig"]],
            ],
            [
                "pool sandboxConfig.type",
                NODE_POOL,
                nodePool({ sandboxConfig: { type: 1 } }),
                ["tenants"],
                [["malformed", "runtime", "nodeConfig.sandboxConfig.type"]],
            ],
            [
                "pool sandboxConfig.sandboxType",
                NODE_POOL,
                nodePool({ sandboxConfig: { sandboxType: UNKNOWN } }),
                ["tenants"],
                [["unknown", "runtime", "nodeConfig.sandboxConfig.sandboxType"]],
            ],
            [
                "pool workloadMetadataConfig",
                NODE_POOL,
                nodePool({ workloadMetadataConfig: "GKE_METADATA" }),
                ["tenants"],
                [["malformed", "instanceMetadata", "nodeConfig.workloadMetadataConfig"]],
            ],
            [
                "pool workloadMetadataConfig.mode",
                NODE_POOL,
                nodePool({ workloadMetadataConfig: { mode: 1 } }),
                ["tenants"],
                [["malformed", "instanceMetadata", "nodeConfig.workloadMetadataConfig.mode"]],
            ],
            [
                "cluster name (on every pool)",
                CLUSTER,
                { name: 7, nodePools: [{ name: "a" }, { name: "b" }] },
                ["res/a", "res/b"],
                [["malformed", "other", "name"]],
            ],
            [
                "cluster resourceLabels",
                CLUSTER,
                { name: "c", resourceLabels: 7 },
                ["c/default-pool"],
                [["malformed", "labels", "resourceLabels"]],
            ],
            [
                "cluster enableAutopilot (not Autopilot then: its pools are judged)",
                CLUSTER,
                { name: "c", enableAutopilot: "true" },
                ["c/default-pool"],
                [["malformed", "other", "enableAutopilot"]],
            ],
            [
                "cluster removeDefaultNodePool (the default pool is judged)",
                CLUSTER,
                { name: "c", removeDefaultNodePool: "true" },
                ["c/default-pool"],
                [["malformed", "other", "removeDefaultNodePool"]],
            ],
            [
                "cluster nodePools (the default pool carries it)",
                CLUSTER,
                { name: "c", nodePools: 7 },
                ["c/default-pool"],
                [["malformed", "all", "nodePools"]],
            ],
            [
                "cluster default pool nodeConfig",
                CLUSTER,
                { name: "c", nodeConfig: 7 },
                ["c/default-pool"],
                [["malformed", "all", "nodeConfig"]],
            ],
            [
                "cluster pool name",
                CLUSTER,
                { name: "c", nodePools: [{ name: 7 }] },
                ["c/nodePools[0]"],
                [["malformed", "other", "nodePools[0].name"]],
            ],
            [
                "cluster pool nodeConfig",
                CLUSTER,
                { name: "c", nodePools: [{ name: "a" }, { name: "b", nodeConfig: 7 }] },
                ["c/a", "c/b"],
                [["malformed", "all", "nodePools[1].nodeConfig"]],
                [[], [["malformed", "all", "nodePools[1].nodeConfig"]]],
            ],
            [
                "cluster pool resourceLabels",
                CLUSTER,
                { name: "c", nodePools: [{ name: "a", nodeConfig: { resourceLabels: 7 } }] },
                ["c/a"],
                [["malformed", "labels", "nodePools[0].nodeConfig.resourceLabels"]],
            ],
            [
                "cluster pool node labels",
                CLUSTER,
                { name: "c", nodePools: [{ name: "a", nodeConfig: { labels: 7 } }] },
                ["c/a"],
                [["malformed", "labels", "nodePools[0].nodeConfig.labels"]],
            ],
            [
                "cluster default pool sandboxConfig",
                CLUSTER,
                { name: "c", nodeConfig: { sandboxConfig: { type: 1 } } },
                ["c/default-pool"],
                [["malformed", "runtime", "nodeConfig.sandboxConfig.type"]],
            ],
            ["Cloud Run v1 name", RUN_V1, { name: 7 }, ["res"], [["malformed", "other", "name"]]],
            ["Cloud Run v1 metadata", RUN_V1, { name: "s", metadata: 7 }, ["s"], [["malformed", "labels", "metadata"]]],
            ["Cloud Run v1 template", RUN_V1, { name: "s", template: 7 }, ["s"], [["malformed", "all", "template"]]],
            [
                "Cloud Run v1 template metadata",
                RUN_V1,
                { name: "s", template: { metadata: 7 } },
                ["s"],
                [["malformed", "labels", "template.metadata"]],
            ],
            [
                "Cloud Run v1 labels",
                RUN_V1,
                { name: "s", metadata: { labels: 7 } },
                ["s"],
                [["malformed", "labels", "metadata.labels"]],
            ],
            [
                "Cloud Run v1 annotations",
                RUN_V1,
                { name: "s", metadata: { annotations: 7 } },
                ["s"],
                [["malformed", "labels", "metadata.annotations"]],
            ],
            [
                "Cloud Run v1 template labels",
                RUN_V1,
                { name: "s", template: { metadata: { labels: 7 } } },
                ["s"],
                [["malformed", "labels", "template.metadata.labels"]],
            ],
            [
                "Cloud Run v1 template annotations",
                RUN_V1,
                { name: "s", template: { metadata: { annotations: UNKNOWN } } },
                ["s"],
                [["unknown", "labels", "template.metadata.annotations"]],
            ],
            ...[RUN_V2, RUN_V2_JOB].flatMap((type): Array<[string, string, Props, string[], Issue[]]> => [
                [`${type} name`, type, { name: 7 }, ["res"], [["malformed", "other", "name"]]],
                [`${type} template`, type, { name: "s", template: 7 }, ["s"], [["malformed", "all", "template"]]],
                [`${type} labels`, type, { name: "s", labels: 7 }, ["s"], [["malformed", "labels", "labels"]]],
                [
                    `${type} annotations`,
                    type,
                    { name: "s", annotations: 7 },
                    ["s"],
                    [["malformed", "labels", "annotations"]],
                ],
                [
                    `${type} template labels`,
                    type,
                    { name: "s", template: { labels: 7 } },
                    ["s"],
                    [["malformed", "labels", "template.labels"]],
                ],
                [
                    `${type} template annotations`,
                    type,
                    { name: "s", template: { annotations: 7 } },
                    ["s"],
                    [["malformed", "labels", "template.annotations"]],
                ],
            ]),
            ["instance name", INSTANCE, { name: 7 }, ["res"], [["malformed", "other", "name"]]],
            ["instance labels", INSTANCE, { name: "vm", labels: 7 }, ["vm"], [["malformed", "labels", "labels"]]],
            ["instance metadata", INSTANCE, { name: "vm", metadata: 7 }, ["vm"], [["malformed", "labels", "metadata"]]],
        ];
        for (const [what, type, props, names, issues, each] of rows) {
            it(what, () => {
                const ws = toWorkloads(type, "res", props);
                assert.deepStrictEqual(
                    ws.map((w) => w.name),
                    names,
                );
                ws.forEach((w, i) => assert.deepStrictEqual(issuesOf(w), each ? each[i] : issues, w.name));
            });
        }
    });

    describe("GKE node pools", () => {
        it("the pool's own name names it; the resource name only when the name is unset", () => {
            assert.strictEqual(one(NODE_POOL, nodePool({}, "tenants"), "p").name, "tenants");
            assert.strictEqual(one(NODE_POOL, { nodeConfig: {} }, "p").name, "p");
        });

        it("an exemption for the pool's name waives its finding: the name is what matches", () => {
            const config = {
                "multi-tenant-isolation": {
                    exemptions: [
                        {
                            checks: ["sandboxedRuntime"],
                            match: { type: NODE_POOL, name: "tenants" },
                            reason: "moving",
                            expires: "2999-01-01",
                        },
                    ],
                },
            };
            const props = nodePool({ ...WORKLOAD_IDENTITY, labels: MULTI_TENANT }, "tenants");
            assert.deepStrictEqual(
                judge(NODE_POOL, props, config, "other-resource-name").map((d) => [d.check, d.advisory]),
                [["sandboxedRuntime", true]],
            );
        });

        it("GKE Sandbox written with spaces or in any case is still GKE Sandbox", () => {
            for (const sandboxConfig of [{ type: " GVISOR " }, { sandboxType: "\tgVisor\n" }]) {
                const props = nodePool({ ...WORKLOAD_IDENTITY, labels: MULTI_TENANT, sandboxConfig });
                assert.deepStrictEqual(one(NODE_POOL, props).runtime?.value, "gvisor");
                assert.deepStrictEqual(checkIds(NODE_POOL, props), []);
            }
        });

        it("sandboxConfig.type wins over the deprecated sandboxType, and names the field", () => {
            const w = one(NODE_POOL, nodePool({ sandboxConfig: { type: "runc", sandboxType: "gvisor" } }));
            assert.deepStrictEqual(w.runtime, { value: "runc", path: "nodeConfig.sandboxConfig.type" });
            const old = one(NODE_POOL, nodePool({ sandboxConfig: { sandboxType: "gvisor" } }));
            assert.deepStrictEqual(old.runtime, { value: "gvisor", path: "nodeConfig.sandboxConfig.sandboxType" });
        });

        it("a malformed sandboxConfig is reported as uninterpretable on a multi-tenant pool, not passed", () => {
            const ds = judge(NODE_POOL, nodePool({ ...WORKLOAD_IDENTITY, labels: MULTI_TENANT, sandboxConfig: "on" }));
            assert.deepStrictEqual(
                ds.map((d) => d.check),
                ["sandboxedRuntime"],
            );
            assert.ok(ds[0].message.includes("cannot interpret"), ds[0].message);
            assert.ok(ds[0].message.includes(': nodeConfig.sandboxConfig is "on"'), ds[0].message);
        });

        it("a malformed workloadMetadataConfig is reported as uninterpretable, naming it", () => {
            const ds = judge(NODE_POOL, nodePool({ workloadMetadataConfig: "GKE_METADATA" }));
            assert.deepStrictEqual(
                ds.map((d) => d.check),
                ["instanceMetadata"],
            );
            assert.ok(ds[0].message.includes(': nodeConfig.workloadMetadataConfig is "GKE_METADATA"'), ds[0].message);
        });

        it("an unreadable nodeConfig leaves every check of the pool uninterpretable, instanceMetadata included", () => {
            const ds = judge(NODE_POOL, { name: "p", nodeConfig: ["x"] });
            assert.ok(ds.length > 1);
            for (const d of ds) {
                assert.strictEqual(d.advisory, false);
                assert.ok(d.message.includes('cannot interpret, which is treated as a violation: nodeConfig is ["x"]'));
            }
            assert.ok(ds.some((d) => d.check === "instanceMetadata"));
        });

        it("node labels win over resource labels, which win over the cluster's", () => {
            const [w] = toWorkloads(CLUSTER, "c", {
                resourceLabels: { tenant: "cluster", team: "infra" },
                nodePools: [
                    {
                        name: "a",
                        nodeConfig: { resourceLabels: { tenant: "vm", zone: "z" }, labels: { tenant: "node" } },
                    },
                ],
            });
            assert.deepStrictEqual(plain(w.labels), { tenant: "node", team: "infra", zone: "z" });
        });
    });

    describe("node pools inside a Cluster", () => {
        it("names each pool cluster/pool, or cluster/nodePools[i] without a name; specPath is its nodeConfig", () => {
            const ws = toWorkloads(CLUSTER, "res", { name: "c", nodePools: [{ name: "a" }, {}] });
            assert.deepStrictEqual(
                ws.map((w) => [w.kind, w.name, w.specPath, w.hostMetadata?.path]),
                [
                    ["NodePool", "c/a", "nodePools[0].nodeConfig", "nodePools[0].nodeConfig.workloadMetadataConfig"],
                    [
                        "NodePool",
                        "c/nodePools[1]",
                        "nodePools[1].nodeConfig",
                        "nodePools[1].nodeConfig.workloadMetadataConfig",
                    ],
                ],
            );
            assert.deepStrictEqual(
                toWorkloads(CLUSTER, "res", { nodePools: [{ name: "a" }] }).map((w) => w.name),
                ["res/a"],
            );
        });

        it("the default pool reads the cluster's nodeConfig, at nodeConfig", () => {
            const w = one(CLUSTER, {
                name: "c",
                resourceLabels: { team: "infra" },
                nodeConfig: { labels: MULTI_TENANT, sandboxConfig: { type: "GVISOR" }, ...WORKLOAD_IDENTITY },
            });
            assert.deepStrictEqual(
                [w.kind, w.name, w.specPath, w.hostMetadata, w.runtime],
                [
                    "NodePool",
                    "c/default-pool",
                    "nodeConfig",
                    { path: "nodeConfig.workloadMetadataConfig", gkeMode: "GKE_METADATA" },
                    { value: "gvisor", path: "nodeConfig.sandboxConfig.type" },
                ],
            );
            assert.deepStrictEqual(plain(w.labels), { team: "infra", ...MULTI_TENANT });
        });

        it("an empty nodePools list still has the default pool", () => {
            assert.deepStrictEqual(
                toWorkloads(CLUSTER, "c", { nodePools: [] }).map((w) => w.name),
                ["c/default-pool"],
            );
        });

        it("Autopilot ignores nodePools and nodeConfig: nothing to judge", () => {
            const props = {
                enableAutopilot: true,
                resourceLabels: MULTI_TENANT,
                nodePools: [{ name: "a" }],
                nodeConfig: {},
            };
            assert.deepStrictEqual(toWorkloads(CLUSTER, "c", props), []);
            assert.deepStrictEqual(judge(CLUSTER, props), []);
        });

        it("a cluster with no pool left still reports what could not be read, on a Cluster workload", () => {
            const props = { name: "c", removeDefaultNodePool: true, nodePools: UNKNOWN };
            const w = one(CLUSTER, props);
            assert.deepStrictEqual(
                [w.platform, w.isolation, w.type, w.kind, w.name, w.isPatch, w.specPath, issuesOf(w)],
                ["gcp", "container", CLUSTER, "Cluster", "c", false, "", [["unknown", "all", "nodePools"]]],
            );
            assert.deepStrictEqual(
                judge(CLUSTER, props, {}, "c").map((d) => [d.check, d.advisory, d.message]),
                [
                    [
                        "unknownValues",
                        true,
                        '[unknownValues] Cluster "c" has values unknown at preview; they will be judged at update: nodePools',
                    ],
                ],
            );
            const closed = { "multi-tenant-isolation": { unknownValues: "fail-closed" as const } };
            assert.ok(judge(CLUSTER, props, closed, "c", MULTI_TENANT).some((d) => d.check === "sandboxedRuntime"));
        });

        it("a cluster that reads cleanly and keeps no pool maps to nothing", () => {
            assert.deepStrictEqual(toWorkloads(CLUSTER, "c", { removeDefaultNodePool: true, nodePools: [] }), []);
        });
    });

    describe("Cloud Run and Compute Engine: tenancy markers, one row per field", () => {
        const TWO = { tenant: "acme,globex" };
        const ONE = { tenant: "acme" };
        // [type, kind, where: marker map → props, which model map the marker lands in]
        const rows: Array<[string, string, (m: Props) => Props, keyof Workload]> = [
            [RUN_V1, "CloudRunService", (m) => ({ name: "api", metadata: { labels: m } }), "labels"],
            [RUN_V1, "CloudRunService", (m) => ({ name: "api", metadata: { annotations: m } }), "annotations"],
            [RUN_V1, "CloudRunService", (m) => ({ name: "api", template: { metadata: { labels: m } } }), "podLabels"],
            [
                RUN_V1,
                "CloudRunService",
                (m) => ({ name: "api", template: { metadata: { annotations: m } } }),
                "podAnnotations",
            ],
            [RUN_V2, "CloudRunService", (m) => ({ name: "api", labels: m }), "labels"],
            [RUN_V2, "CloudRunService", (m) => ({ name: "api", annotations: m }), "annotations"],
            [RUN_V2, "CloudRunService", (m) => ({ name: "api", template: { labels: m } }), "podLabels"],
            [RUN_V2, "CloudRunService", (m) => ({ name: "api", template: { annotations: m } }), "podAnnotations"],
            [RUN_V2_JOB, "CloudRunJob", (m) => ({ name: "api", labels: m }), "labels"],
            [RUN_V2_JOB, "CloudRunJob", (m) => ({ name: "api", annotations: m }), "annotations"],
            [RUN_V2_JOB, "CloudRunJob", (m) => ({ name: "api", template: { labels: m } }), "podLabels"],
            [RUN_V2_JOB, "CloudRunJob", (m) => ({ name: "api", template: { annotations: m } }), "podAnnotations"],
            [INSTANCE, "Instance", (m) => ({ name: "api", labels: m }), "labels"],
            [INSTANCE, "Instance", (m) => ({ name: "api", metadata: m }), "annotations"],
        ];
        for (const [type, kind, where, key] of rows) {
            it(`${type} ${JSON.stringify(where({}))} → ${key}`, () => {
                const w = one(type, where(TWO), "res");
                assert.deepStrictEqual(
                    [w.platform, w.isolation, w.type, w.kind, w.name, w.isPatch, w.specPath],
                    ["gcp", "vm", type, kind, "api", false, ""],
                );
                assert.deepStrictEqual(plain(w[key] as Record<string, string>), TWO);
                const shared = judgeStack([{ type, name: "res", props: where(TWO) }]);
                assert.deepStrictEqual(
                    shared.stack.map((d) => [d.check, d.message.split(" is labelled")[0]]),
                    [["tenantSharedHost", `[tenantSharedHost] ${kind} "api"`]],
                );
                const own = judgeStack([{ type, name: "res", props: where(ONE) }]);
                assert.deepStrictEqual([...own.resource, ...own.stack], []);
            });
        }

        it("the resource name names a service, job or instance only when name is unset", () => {
            for (const type of [RUN_V1, RUN_V2, RUN_V2_JOB, INSTANCE]) {
                assert.strictEqual(one(type, {}, "res").name, "res");
                assert.strictEqual(one(type, { name: "api" }, "res").name, "api");
            }
        });

        it("an unreadable Cloud Run template is reported, not passed", () => {
            for (const type of [RUN_V1, RUN_V2, RUN_V2_JOB]) {
                const ds = judge(type, { name: "api", template: "x" });
                assert.ok(ds.length > 0, type);
                for (const d of ds)
                    assert.ok(d.message.includes('cannot interpret, which is treated as a violation: template is "x"'));
            }
        });
    });

    it("only a GKE pool names GKE Sandbox as its sandbox setting", () => {
        const pool = one(NODE_POOL, nodePool({}));
        assert.deepStrictEqual(sandboxSettingOf(pool), {
            field: "nodeConfig.sandboxConfig.type",
            fix: "set nodeConfig.sandboxConfig.type to GVISOR (GKE Sandbox), or give each tenant its own node pool",
        });
        assert.strictEqual(
            sandboxSettingOf(one(NODE_POOL, nodePool({ sandboxConfig: { sandboxType: "runc" } })))?.field,
            "nodeConfig.sandboxConfig.sandboxType",
        );
        const others = [
            one(CLUSTER, { name: "c", removeDefaultNodePool: true, nodePools: UNKNOWN }),
            one(RUN_V1, {}),
            one(RUN_V2, {}),
            one(RUN_V2_JOB, {}),
            one(INSTANCE, {}),
        ];
        for (const w of others) assert.strictEqual(sandboxSettingOf(w), undefined, w.kind);
    });
});
