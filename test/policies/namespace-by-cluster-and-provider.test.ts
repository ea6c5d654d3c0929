// Issue 23 (4-6): which Namespace a workload is in. (4) Without metadata.namespace, a workload is in its Kubernetes
// provider's default namespace (`namespace` input), not `default`. (5) Namespaces are a cluster's: a same-named
// Namespace on another cluster's provider does not erase (or lend) labels. (6) A namespace unknown at preview that
// the stack cannot link to one Namespace is unknown (noted, or reported under fail-closed), never `default`.
import * as assert from "assert";
import { suitePack, StackResource, UNKNOWN, urnOf } from "../harness/engine";
import { DEPLOYMENT, hardenedPodSpec } from "../fixtures/kubernetes";
import { MULTI_TENANT, namespace } from "../fixtures/multitenancy";
import { judgeStack, StackInput, stackUrn } from "../helpers";
import { namespaceLabelsOf, stackModelOf } from "../../adapters/stack";
import { namespaceKey } from "../../model/stack";

const POLICY = "multi-tenant-isolation";
const PROVIDER = "pulumi:providers:kubernetes";

const provider = (name: string, props: Record<string, unknown> = {}): NonNullable<StackInput["provider"]> => ({
    urn: urnOf(PROVIDER, name),
    type: PROVIDER,
    props,
});

/** An unlabelled Deployment without a sandbox; `ns` undefined leaves metadata.namespace out. */
function app(ns: string | undefined, on?: StackInput["provider"], name = "web"): StackInput {
    const props = DEPLOYMENT.wrap(hardenedPodSpec());
    props.metadata.name = name;
    if (ns === undefined) delete props.metadata.namespace;
    else props.metadata.namespace = ns;
    return { type: DEPLOYMENT.type, name, props, provider: on };
}

const on = (i: StackInput, p: StackInput["provider"]): StackInput => ({
    ...i,
    name: `${i.name}-${p?.urn.split("::").pop()}`,
    provider: p,
});

const verdicts = (r: ReturnType<typeof judgeStack>) =>
    [...r.resource, ...r.stack]
        .filter((d) => d.policy === POLICY)
        .map((d) => [d.check, d.advisory])
        .sort();

describe("a workload's Namespace: provider default, cluster, unknown (in-process)", () => {
    it("(4) no metadata.namespace: the provider's `namespace` input is its namespace", () => {
        const tenants = provider("tenants", { namespace: "tenants" });
        const ns = on(namespace("tenants", MULTI_TENANT), tenants);
        assert.deepStrictEqual(verdicts(judgeStack([ns, app(undefined, tenants)])), [["sandboxedRuntime", false]]);
        // Its own namespace wins over the provider's.
        assert.deepStrictEqual(verdicts(judgeStack([ns, app("other", tenants)])), []);
        // A provider without one (or an empty one) leaves `default`.
        const plain = provider("tenants", { namespace: " " });
        assert.deepStrictEqual(
            verdicts(judgeStack([on(namespace("tenants", MULTI_TENANT), plain), app(undefined, plain)])),
            [],
        );
        const model = stackModelOf([ns, app(undefined, tenants)].map((i) => ({ urn: stackUrn(i.type, i.name), ...i })));
        assert.deepStrictEqual(
            model.workloads.map((sw) => [sw.workload.namespace, sw.workload.cluster]),
            [["tenants", tenants.urn]],
        );
    });

    it("(4) a provider namespace unknown at preview: unknown when a Namespace of the cluster is multi-tenant", () => {
        const unknown = provider("p", { namespace: UNKNOWN });
        const ns = on(namespace("tenants", MULTI_TENANT), unknown);
        assert.deepStrictEqual(verdicts(judgeStack([ns, app(undefined, unknown)])), [["unknownValues", true]]);
        const closed = judgeStack([ns, app(undefined, unknown)], { [POLICY]: { unknownValues: "fail-closed" } });
        assert.deepStrictEqual(verdicts(closed), [["sandboxedRuntime", false]]);
        assert.match(closed.stack[0].message, /metadata\.namespace \(Namespace "tenants"\) metadata\.labels/);
        // No multi-tenant Namespace it could be in: nothing to note.
        assert.deepStrictEqual(verdicts(judgeStack([on(namespace("tenants"), unknown), app(undefined, unknown)])), []);
    });

    it("(5) same-named Namespaces of two clusters keep their own labels, whatever the order", () => {
        const east = provider("east");
        const west = provider("west");
        const tenantsEast = on(namespace("tenants", MULTI_TENANT), east);
        const tenantsWest = on(namespace("tenants", { team: "ops" }), west);
        for (const order of [
            [tenantsEast, tenantsWest],
            [tenantsWest, tenantsEast],
        ]) {
            assert.deepStrictEqual(verdicts(judgeStack([...order, app("tenants", east)])), [
                ["sandboxedRuntime", false],
            ]);
            assert.deepStrictEqual(verdicts(judgeStack([...order, app("tenants", west)])), []);
        }
        const labels = namespaceLabelsOf(
            stackModelOf([tenantsEast, tenantsWest].map((i) => ({ urn: stackUrn(i.type, i.name), ...i }))),
        );
        assert.deepStrictEqual({ ...labels.get(namespaceKey(east.urn, "tenants")) }, MULTI_TENANT);
        assert.deepStrictEqual({ ...labels.get(namespaceKey(west.urn, "tenants")) }, { team: "ops" });
        // Without a provider (a scan of manifests) a workload may be in either: both merge.
        assert.deepStrictEqual({ ...labels.get(namespaceKey(undefined, "tenants")) }, { ...MULTI_TENANT, team: "ops" });
    });

    it("(5) a Namespace declared without a provider may be any cluster's", () => {
        assert.deepStrictEqual(
            verdicts(judgeStack([namespace("tenants", MULTI_TENANT), app("tenants", provider("east"))])),
            [["sandboxedRuntime", false]],
        );
    });

    it("(5) a Namespace with unknown labels concerns only its own cluster", () => {
        const east = provider("east");
        const undecided = on(namespace("tenants"), east);
        (undecided.props.metadata as Record<string, unknown>).labels = UNKNOWN;
        assert.deepStrictEqual(verdicts(judgeStack([undecided, app("tenants", east)])), [["unknownValues", true]]);
        assert.deepStrictEqual(verdicts(judgeStack([undecided, app("tenants", provider("west"))])), []);
    });

    it("(6) an unknown metadata.namespace with no or several linked Namespaces is unknown, not `default`", () => {
        const ns = namespace("apps", MULTI_TENANT);
        const pod = app(UNKNOWN);
        assert.deepStrictEqual(verdicts(judgeStack([ns, pod])), [["unknownValues", true]]);
        const closed = judgeStack([ns, pod], { [POLICY]: { unknownValues: "fail-closed" } });
        assert.deepStrictEqual(verdicts(closed), [["sandboxedRuntime", false]]);
        // Candidates none of which is multi-tenant (nor undecided): no note.
        assert.deepStrictEqual(verdicts(judgeStack([namespace("apps", { team: "a" }), pod])), []);
        // Linked by its one dependency: judged in that Namespace.
        const linked = { ...pod, dependencies: [stackUrn(ns.type, ns.name)] };
        assert.deepStrictEqual(verdicts(judgeStack([ns, linked])), [["sandboxedRuntime", false]]);
        // Only the candidates of its own cluster count.
        const east = provider("east");
        assert.deepStrictEqual(verdicts(judgeStack([on(ns, east), app(UNKNOWN, provider("west"))])), []);
    });
});

function wire(inputs: StackInput[]): StackResource[] {
    return inputs.map((i) => ({
        type: i.type,
        name: i.name,
        urn: urnOf(i.type, i.name),
        properties: i.props,
        dependencies: i.dependencies,
        provider: i.provider && {
            type: i.provider.type,
            name: i.provider.urn.split("::").pop() as string,
            urn: i.provider.urn,
            properties: i.provider.props,
        },
    }));
}

describe("a workload's Namespace over the analyzer protocol", function () {
    this.timeout(60000);
    const pack = suitePack();
    const summary = (ds: { enforcementLevel: string; message: string; urn: string }[]) =>
        ds.map((d) => [d.enforcementLevel, /\[(\w+)\]/.exec(d.message)?.[1], d.urn.split("::").pop()]);

    it("(4) the provider's default namespace is multi-tenant: reported on the Deployment", async () => {
        const tenants = provider("tenants", { namespace: "tenants" });
        const { resource, stack } = await pack().analyzeAll(
            wire([on(namespace("tenants", MULTI_TENANT), tenants), app(undefined, tenants)]),
        );
        assert.deepStrictEqual(resource, []);
        assert.deepStrictEqual(summary(stack), [["mandatory", "sandboxedRuntime", "web"]]);
    });

    it("(5) a same-named Namespace on another cluster does not erase the first one's label", async () => {
        const east = provider("east");
        const west = provider("west");
        const stack = await pack().analyzeStack(
            wire([on(namespace("tenants", MULTI_TENANT), east), on(namespace("tenants"), west), app("tenants", east)]),
        );
        assert.deepStrictEqual(summary(stack), [["mandatory", "sandboxedRuntime", "web"]]);
    });

    it("(6) an unlinked unknown namespace is noted, not passed as `default`", async () => {
        const stack = await pack().analyzeStack(wire([namespace("apps", MULTI_TENANT), app(UNKNOWN)]));
        assert.deepStrictEqual(summary(stack), [["advisory", "unknownValues", "web"]]);
    });
});
