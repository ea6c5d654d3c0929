// Pins for the stack model builder (adapters/stack.ts) found by mutation testing: where a Kubernetes provider puts a
// workload (its cluster, its default namespace, one unknown at preview), which workloads stay unresolved and which
// Namespaces they may then be in, the Namespace label map keyed per cluster, sameCluster, and the cluster context
// applied only when it declares something.
import * as assert from "assert";
import { namespaceLabelsOf, sameCluster, stackModelOf, withClusterContext } from "../../adapters/stack";
import { ClusterContext, NO_CLUSTER_CONTEXT, namespaceKey, StackModel, StackResource } from "../../model/stack";
import { Workload } from "../../model/workload";
import { DEPLOYMENT, Obj, hardenedPodSpec } from "../fixtures/kubernetes";
import { stackUrn } from "../helpers";
import { UNKNOWN } from "../harness/engine";

const NS = "kubernetes:core/v1:Namespace";
const K8S = "pulumi:providers:kubernetes";
const P = stackUrn(K8S, "p");
const Q = stackUrn(K8S, "q");

type Provider = StackResource["provider"];

const k8sProvider = (props: Obj = {}, urn = P): Provider => ({ urn, type: K8S, props });

function res(type: string, name: string, props: Obj, extra: Partial<StackResource> = {}): StackResource {
    return { urn: stackUrn(type, name), type, name, props, ...extra };
}

/** A Namespace resource, on `provider` when given. */
function ns(name: string, provider?: Provider): StackResource {
    return res(NS, name, { metadata: { name, labels: {} } }, { provider });
}

/** A Deployment; `namespace` undefined leaves metadata.namespace out. */
function deployment(namespace: unknown, extra: Partial<StackResource> = {}, image?: unknown): StackResource {
    const spec = hardenedPodSpec();
    if (image !== undefined) spec.containers[0].image = image;
    const props = DEPLOYMENT.wrap(spec);
    props.metadata = namespace === undefined ? { name: "web" } : { name: "web", namespace };
    return res(DEPLOYMENT.type, "web", props, extra);
}

/** Where the model puts the one workload: its cluster, namespace and the names of its candidate Namespaces. */
function placement(resources: StackResource[]) {
    const ws = stackModelOf(resources).workloads;
    assert.strictEqual(ws.length, 1);
    const sw = ws[0];
    return {
        cluster: sw.workload.cluster,
        namespace: sw.workload.namespace,
        candidates: sw.namespaceCandidates?.map((n) => n.name),
        hasCandidates: "namespaceCandidates" in sw,
    };
}

describe("stack model (pinned): a Kubernetes provider's cluster and default namespace", () => {
    // A Namespace of the provider's cluster is always in the stack: an unresolved workload lists it as a candidate.
    const ROWS: Array<[string, Provider, unknown, { cluster?: string; namespace?: string; candidates?: string[] }]> = [
        ["a provider namespace", k8sProvider({ namespace: "team" }), undefined, { cluster: P, namespace: "team" }],
        [
            "a provider namespace with blanks, trimmed",
            k8sProvider({ namespace: " team " }),
            undefined,
            {
                cluster: P,
                namespace: "team",
            },
        ],
        [
            "a blank provider namespace: the cluster's default",
            k8sProvider({ namespace: "  " }),
            undefined,
            { cluster: P },
        ],
        ["an empty provider namespace", k8sProvider({ namespace: "" }), undefined, { cluster: P }],
        ["no provider namespace", k8sProvider(), undefined, { cluster: P }],
        [
            "a malformed provider namespace (not unknown: no candidates)",
            k8sProvider({ namespace: 7 }),
            undefined,
            {
                cluster: P,
            },
        ],
        [
            "a provider namespace unknown at preview: unresolved",
            k8sProvider({ namespace: UNKNOWN }),
            undefined,
            {
                cluster: P,
                candidates: ["tenants"],
            },
        ],
        [
            "an unknown provider namespace under the workload's own",
            k8sProvider({ namespace: UNKNOWN }),
            "a",
            {
                cluster: P,
                namespace: "a",
            },
        ],
        [
            "the workload's own namespace over the provider's",
            k8sProvider({ namespace: "team" }),
            "a",
            {
                cluster: P,
                namespace: "a",
            },
        ],
        ["the workload's own namespace on a provider without one", k8sProvider(), "a", { cluster: P, namespace: "a" }],
        [
            "the workload's own namespace unknown: not the provider's",
            k8sProvider({ namespace: "team" }),
            UNKNOWN,
            {
                cluster: P,
                candidates: ["tenants"],
            },
        ],
        ["no provider", undefined, undefined, {}],
        [
            "a provider of another package places nothing",
            { urn: P, type: "pulumi:providers:docker", props: {} },
            "a",
            {
                namespace: "a",
            },
        ],
        [
            "a Docker-typed provider with a namespace input",
            { urn: P, type: "pulumi:providers:docker", props: { namespace: "team" } },
            undefined,
            {},
        ],
    ];
    for (const [name, provider, own, expected] of ROWS)
        it(`${name}`, () => {
            const got = placement([ns("tenants", k8sProvider()), deployment(own, { provider })]);
            assert.deepStrictEqual(got, {
                cluster: expected.cluster,
                namespace: expected.namespace,
                candidates: expected.candidates,
                hasCandidates: expected.candidates !== undefined,
            });
        });

    it("another value unknown at preview (the image) neither hides the provider's namespace nor unresolves it", () => {
        assert.deepStrictEqual(
            placement([
                ns("tenants", k8sProvider()),
                deployment(undefined, { provider: k8sProvider({ namespace: "team" }) }, UNKNOWN),
            ]),
            { cluster: P, namespace: "team", candidates: undefined, hasCandidates: false },
        );
    });

    it("an item of a …List whose own namespace is unknown does not take the provider's", () => {
        const item = deployment(UNKNOWN).props;
        const list = res(
            "kubernetes:apps/v1:DeploymentList",
            "web",
            { items: [item] },
            {
                provider: k8sProvider({ namespace: "team" }),
            },
        );
        assert.deepStrictEqual(placement([ns("tenants", k8sProvider()), list]), {
            cluster: P,
            namespace: undefined,
            candidates: ["tenants"],
            hasCandidates: true,
        });
    });

    it("records the provider's URN and namespace on the stack workload", () => {
        const m = stackModelOf([deployment("a", { provider: k8sProvider({ namespace: "team" }) })]);
        assert.deepStrictEqual(
            m.workloads.map((sw) => [sw.urn, sw.providerUrn, sw.providerNamespace]),
            [[stackUrn(DEPLOYMENT.type, "web"), P, "team"]],
        );
    });
});

describe("stack model (pinned): a workload whose namespace is unknown", () => {
    const a = ns("a", k8sProvider());
    const b = ns("b", k8sProvider());
    const c = ns("c", k8sProvider());

    it("linked by its one Namespace dependency even when another value is unknown too", () => {
        const m = stackModelOf([a, b, deployment(UNKNOWN, { dependencies: [a.urn] }, UNKNOWN)]);
        assert.deepStrictEqual(
            m.workloads.map((sw) => [sw.workload.namespace, "namespaceCandidates" in sw]),
            [["a", false]],
        );
    });

    it("two Namespace dependencies: exactly those two are its candidates, not every Namespace of the cluster", () => {
        const m = stackModelOf([a, b, c, deployment(UNKNOWN, { dependencies: [a.urn, "urn:other", c.urn] })]);
        assert.deepStrictEqual(
            m.workloads.map((sw) => [sw.workload.namespace, sw.namespaceCandidates?.map((n) => n.urn)]),
            [[undefined, [a.urn, c.urn]]],
        );
    });

    it("no Namespace dependency: the Namespaces of its cluster and those of no provider, not another cluster's", () => {
        const other = res(NS, "other", { metadata: { name: "other" } }, { provider: k8sProvider({}, Q) });
        const free = res(NS, "free", { metadata: { name: "free" } });
        const m = stackModelOf([a, other, free, deployment(UNKNOWN, { provider: k8sProvider() })]);
        assert.deepStrictEqual(
            m.workloads.map((sw) => sw.namespaceCandidates?.map((n) => n.name)),
            [["a", "free"]],
        );
    });

    it("the candidates are the Namespaces as recorded (name, provider, labels)", () => {
        const m = stackModelOf([res(NS, "t", { metadata: { name: "t", labels: { x: "1" } } }), deployment(UNKNOWN)]);
        assert.deepStrictEqual(
            m.workloads[0].namespaceCandidates?.map((n) => ({ ...n, labels: { ...n.labels } })),
            [{ urn: stackUrn(NS, "t"), providerUrn: undefined, name: "t", labels: { x: "1" }, issues: [] }],
        );
    });

    it("no Namespace in the stack at all: no candidates are recorded", () => {
        const m = stackModelOf([deployment(UNKNOWN, { provider: k8sProvider() })]);
        assert.deepStrictEqual(
            m.workloads.map((sw) => ["namespaceCandidates" in sw, sw.workload.namespace]),
            [[false, undefined]],
        );
    });

    it("a known namespace, or none on no provider, is never unresolved", () => {
        for (const own of ["a", undefined]) {
            const m = stackModelOf([a, b, deployment(own)]);
            assert.deepStrictEqual(
                m.workloads.map((sw) => ["namespaceCandidates" in sw, sw.workload.namespace]),
                [[false, own]],
            );
        }
    });
});

describe("stack model (pinned): sameCluster", () => {
    const ROWS: Array<[string | undefined, string | undefined, boolean]> = [
        [undefined, undefined, true],
        [undefined, "x", true],
        ["x", undefined, true],
        ["x", "x", true],
        ["x", "y", false],
    ];
    for (const [a, b, expected] of ROWS)
        it(`${String(a)} and ${String(b)}: ${expected}`, () => assert.strictEqual(sameCluster(a, b), expected));
});

describe("stack model (pinned): Namespace labels keyed per cluster", () => {
    const sw = (cluster: string | undefined) => ({
        urn: "urn:w",
        workload: { cluster } as Workload,
    });
    const entries = (m: Map<string, Readonly<Record<string, string>>>) =>
        [...m.entries()]
            .map(([k, v]) => [k.replace("\u0000", "|"), { ...v }])
            .sort((x, y) => String(x[0]).localeCompare(String(y[0])));

    it("a provider's Namespace under its cluster and under no cluster; one of no provider under every cluster", () => {
        const model: StackModel = {
            workloads: [sw("urn:w-cluster"), sw(undefined)],
            runtimeClasses: [],
            namespaces: [
                { urn: "urn:t", name: "t", providerUrn: "urn:p", labels: { a: "1" } },
                { urn: "urn:free", name: "free", labels: { b: "2" } },
            ],
        };
        assert.deepStrictEqual(entries(namespaceLabelsOf(model)), [
            ["|free", { b: "2" }],
            ["|t", { a: "1" }],
            ["urn:p|free", { b: "2" }],
            ["urn:p|t", { a: "1" }],
            ["urn:w-cluster|free", { b: "2" }],
        ]);
    });

    it("without workloads, the clusters are those of the Namespaces' providers", () => {
        const model: StackModel = {
            workloads: [],
            runtimeClasses: [],
            namespaces: [
                { urn: "urn:t", name: "t", providerUrn: "urn:p", labels: {} },
                { urn: "urn:free", name: "free", labels: { b: "2" } },
            ],
        };
        assert.deepStrictEqual({ ...namespaceLabelsOf(model).get(namespaceKey("urn:p", "free")) }, { b: "2" });
    });

    it("same-named Namespaces of two providers: each cluster keeps its own, no cluster merges both", () => {
        const model: StackModel = {
            workloads: [],
            runtimeClasses: [],
            namespaces: [
                { urn: "urn:t1", name: "t", providerUrn: "urn:p", labels: { a: "1" } },
                { urn: "urn:t2", name: "t", providerUrn: "urn:q", labels: { b: "2" } },
            ],
        };
        assert.deepStrictEqual(entries(namespaceLabelsOf(model)), [
            ["|t", { a: "1", b: "2" }],
            ["urn:p|t", { a: "1" }],
            ["urn:q|t", { b: "2" }],
        ]);
    });
});

describe("stack model (pinned): the cluster context", () => {
    function tenantModel(spec: Obj = {}): StackModel {
        const props = DEPLOYMENT.wrap({ ...hardenedPodSpec(), ...spec });
        props.metadata = { name: "web", namespace: "tenants" };
        return stackModelOf([res(DEPLOYMENT.type, "web", props)]);
    }
    const ctx = (c: Partial<ClusterContext>): ClusterContext => ({ ...NO_CLUSTER_CONTEXT, ...c });

    it("declaring nothing: the model itself", () => {
        const model = tenantModel({ runtimeClassName: "secure" });
        assert.strictEqual(withClusterContext(model, NO_CLUSTER_CONTEXT), model);
    });

    it("runtimeClasses alone: applied to a copy", () => {
        const model = tenantModel({ runtimeClassName: "secure" });
        const out = withClusterContext(model, ctx({ runtimeClasses: { secure: "runsc" } }));
        assert.deepStrictEqual(
            out.workloads.map((sw) => sw.workload.runtimeHandler),
            ["runsc"],
        );
        assert.deepStrictEqual(
            model.workloads.map((sw) => "runtimeHandler" in sw.workload),
            [false],
        );
    });

    it("fargateSelectors alone: applied", () => {
        const out = withClusterContext(
            tenantModel(),
            ctx({ fargateSelectors: [{ namespace: "tenants", labels: {} }] }),
        );
        assert.deepStrictEqual(
            out.workloads.map((sw) => sw.workload.isolation),
            ["vm"],
        );
    });

    it("sandboxNodePools alone: applied, the model's own workloads left as they were", () => {
        const model = tenantModel({ nodeSelector: { pool: "gvisor" } });
        const out = withClusterContext(model, ctx({ sandboxNodePools: [{ labels: { pool: "gvisor" } }] }));
        assert.deepStrictEqual(
            out.workloads.map((sw) => sw.workload.isolation),
            ["vm"],
        );
        assert.deepStrictEqual(
            model.workloads.map((sw) => sw.workload.isolation),
            ["container"],
        );
    });
});
