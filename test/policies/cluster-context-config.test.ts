// Issue 23 (8): most application stacks deploy into a cluster another stack defines. multi-tenant-isolation's
// `clusterContext` config declares what the pack would otherwise learn from that cluster's resources — sandbox
// RuntimeClasses (name → handler), EKS Fargate selectors, sandbox node pools — and the stack pass uses it through the
// same links as the stack's own resources. The schema refuses misspelt properties.
import * as assert from "assert";
import { PackConfigError, suitePack, StackResource, urnOf } from "../harness/engine";
import { DEPLOYMENT, hardenedPodSpec } from "../fixtures/kubernetes";
import { MULTI_TENANT } from "../fixtures/multitenancy";
import { judgeStack, PackConfig, StackInput } from "../helpers";
import { packSchemaInfos } from "../harness/engine";
import { reconcilePolicyPackConfig } from "../../cli/packConfig";

const POLICY = "multi-tenant-isolation";

/** A Deployment labelled multi-tenant in `tenants`, with optional runtimeClassName and nodeSelector. */
function tenantApp(runtimeClassName?: string, nodeSelector?: Record<string, string>, podLabels = {}): StackInput {
    const spec: Record<string, unknown> = hardenedPodSpec();
    if (runtimeClassName) spec.runtimeClassName = runtimeClassName;
    if (nodeSelector) spec.nodeSelector = nodeSelector;
    const props = DEPLOYMENT.wrap(spec as ReturnType<typeof hardenedPodSpec>, { labels: MULTI_TENANT });
    props.metadata.namespace = "tenants";
    Object.assign(props.spec.template.metadata.labels, podLabels);
    return { type: DEPLOYMENT.type, name: "web", props };
}

const context = (clusterContext: Record<string, unknown>): PackConfig => ({ [POLICY]: { clusterContext } });
const failing = (inputs: StackInput[], config: PackConfig = {}) =>
    [...judgeStack(inputs, config).resource, ...judgeStack(inputs, config).stack]
        .filter((d) => d.policy === POLICY)
        .map((d) => d.check);

describe("multi-tenant-isolation clusterContext config (in-process)", () => {
    it("runtimeClasses: a declared class whose handler is a sandbox's passes; runc or an undeclared name fails", () => {
        assert.deepStrictEqual(failing([tenantApp("secure")]), ["sandboxedRuntime"]);
        assert.deepStrictEqual(failing([tenantApp("secure")], context({ runtimeClasses: { secure: "runsc" } })), []);
        assert.deepStrictEqual(
            failing([tenantApp("secure")], context({ runtimeClasses: { secure: "kata-qemu" } })),
            [],
        );
        assert.deepStrictEqual(failing([tenantApp("secure")], context({ runtimeClasses: { secure: "runc" } })), [
            "sandboxedRuntime",
        ]);
        assert.deepStrictEqual(failing([tenantApp("secure")], context({ runtimeClasses: { other: "runsc" } })), [
            "sandboxedRuntime",
        ]);
        // An inherited name (toString) is no declaration.
        assert.deepStrictEqual(failing([tenantApp("toString")], context({ runtimeClasses: {} })), ["sandboxedRuntime"]);
    });

    it("a class the stack declares wins over the config's", () => {
        const rc: StackInput = {
            type: "kubernetes:node.k8s.io/v1:RuntimeClass",
            name: "secure",
            props: { metadata: { name: "secure" }, handler: "runc" },
        };
        const found = failing([rc, tenantApp("secure")], context({ runtimeClasses: { secure: "runsc" } }));
        assert.deepStrictEqual(found.sort(), ["sandboxRuntimeClass", "sandboxedRuntime"]);
    });

    it("fargateSelectors: a selected namespace (wildcards) and labels pass; another namespace or label fails", () => {
        assert.deepStrictEqual(failing([tenantApp()], context({ fargateSelectors: [{ namespace: "ten*" }] })), []);
        assert.deepStrictEqual(failing([tenantApp()], context({ fargateSelectors: [{ namespace: "other" }] })), [
            "sandboxedRuntime",
        ]);
        const labelled = context({ fargateSelectors: [{ namespace: "tenants", labels: { compute: "fargate" } }] });
        assert.deepStrictEqual(failing([tenantApp(undefined, undefined, { compute: "fargate" })], labelled), []);
        assert.deepStrictEqual(failing([tenantApp()], labelled), ["sandboxedRuntime"]);
        // Labels that cannot be read select nothing (they would widen the selector).
        const broken = context({ fargateSelectors: [{ namespace: "tenants", labels: { compute: 1 } }] });
        assert.deepStrictEqual(failing([tenantApp()], broken), ["sandboxedRuntime"]);
    });

    it("sandboxNodePools: a pod whose nodeSelector holds a pool's labels passes; a partial match fails", () => {
        const pools = context({ sandboxNodePools: [{ labels: { pool: "gvisor", zone: "a" } }] });
        assert.deepStrictEqual(failing([tenantApp(undefined, { pool: "gvisor", zone: "a", extra: "x" })], pools), []);
        assert.deepStrictEqual(failing([tenantApp(undefined, { pool: "gvisor" })], pools), ["sandboxedRuntime"]);
        assert.deepStrictEqual(failing([tenantApp(undefined, { pool: "gvisor", zone: "b" })], pools), [
            "sandboxedRuntime",
        ]);
        assert.deepStrictEqual(failing([tenantApp()], pools), ["sandboxedRuntime"]);
        // A pool without labels selects nothing.
        assert.deepStrictEqual(
            failing([tenantApp(undefined, { pool: "gvisor" })], context({ sandboxNodePools: [{ labels: {} }] })),
            ["sandboxedRuntime"],
        );
    });

    it("the schema refuses misspelt properties at every level, and accepts the documented shape", () => {
        const infos = packSchemaInfos();
        const validate = (clusterContext: unknown) =>
            reconcilePolicyPackConfig("isolation-guard", infos, { [POLICY]: { clusterContext } });
        validate({
            runtimeClasses: { secure: "runsc" },
            fargateSelectors: [{ namespace: "tenant-*", labels: { fargate: "yes" } }],
            sandboxNodePools: [{ labels: { "cloud.google.com/gke-sandbox": "true" } }],
        });
        for (const bad of [
            { runtimeClass: { secure: "runsc" } },
            { fargateSelectors: [{ namepsace: "tenants" }] },
            { fargateSelectors: [{ namespace: "tenants", label: {} }] },
            { sandboxNodePools: [{ labels: { a: "b" }, taints: [] }] },
            { sandboxNodePools: [{ labels: {} }] },
            { runtimeClasses: { secure: 1 } },
        ])
            assert.throws(() => validate(bad), PackConfigError, JSON.stringify(bad));
    });
});

function wire(inputs: StackInput[]): StackResource[] {
    return inputs.map((i) => ({ type: i.type, name: i.name, urn: urnOf(i.type, i.name), properties: i.props }));
}

describe("multi-tenant-isolation clusterContext over the analyzer protocol", function () {
    this.timeout(60000);
    const pack = suitePack();

    it("a config-declared sandbox RuntimeClass and Fargate selector pass; without them AnalyzeStack reports", async () => {
        await pack().configurePack({});
        const { resource, stack } = await pack().analyzeAll(wire([tenantApp("secure")]));
        assert.deepStrictEqual(resource, []);
        assert.deepStrictEqual(
            stack.map((d) => /\[(\w+)\]/.exec(d.message)?.[1]),
            ["sandboxedRuntime"],
        );
        await pack().configurePack({ [POLICY]: { clusterContext: { runtimeClasses: { secure: "runsc" } } } });
        assert.deepStrictEqual(await pack().analyzeAll(wire([tenantApp("secure")])), { resource: [], stack: [] });
        await pack().configurePack({ [POLICY]: { clusterContext: { fargateSelectors: [{ namespace: "tenants" }] } } });
        assert.deepStrictEqual(await pack().analyzeAll(wire([tenantApp()])), { resource: [], stack: [] });
    });

    it("the engine's validation refuses a misspelt property", async () => {
        await assert.rejects(
            pack().configurePack({ [POLICY]: { clusterContext: { fargateSelector: [{ namespace: "t" }] } } }),
            PackConfigError,
        );
    });
});
