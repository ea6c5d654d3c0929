// Which EKS clusters of the stack a Fargate profile and a Kubernetes provider are tied to (adapters/aws/stack.ts):
// only clusters count, each cluster is its own unless pulumi-eks built it, and links to resources the stack does not
// hold tie nothing (they never fail the pass).
import * as assert from "assert";
import { DEPLOYMENT, hardenedPodSpec } from "../fixtures/kubernetes";
import { FARGATE_PROFILE } from "../fixtures/aws";
import { MULTI_TENANT } from "../fixtures/multitenancy";
import { judgeStack, StackInput, stackUrn } from "../helpers";
import { stackModelOf } from "../../adapters/stack";
import { applyFargateSelectors } from "../../adapters/aws/stack";

const CLUSTER = "aws:eks/cluster:Cluster";
const PROVIDER = "pulumi:providers:kubernetes";
const ROLE = "aws:iam/role:Role";

const a = stackUrn(CLUSTER, "a");
const b = stackUrn(CLUSTER, "b");

const cluster = (name: string, parent?: string): StackInput => ({
    type: CLUSTER,
    name,
    props: { roleArn: "r", vpcConfig: {} },
    ...(parent ? { parent } : {}),
});
const provider = (name: string, deps: string[]): StackInput => ({
    type: PROVIDER,
    name,
    props: {},
    dependencies: deps,
});
const profile = (deps: string[]): StackInput => ({
    type: FARGATE_PROFILE,
    name: "tenants",
    props: {
        clusterName: "eks",
        podExecutionRoleArn: "arn:aws:iam::1:role/fp",
        selectors: [{ namespace: "tenants" }],
    },
    dependencies: deps,
});

/** A Deployment labelled multi-tenant in namespace "tenants", without a sandbox runtime; on `providerName` if given. */
function tenantDeployment(providerName?: string): StackInput {
    const props = DEPLOYMENT.wrap(hardenedPodSpec(), { labels: MULTI_TENANT });
    props.metadata.namespace = "tenants";
    return {
        type: DEPLOYMENT.type,
        name: "web",
        props,
        ...(providerName ? { provider: { urn: stackUrn(PROVIDER, providerName), type: PROVIDER, props: {} } } : {}),
    };
}

const sandboxed = (inputs: StackInput[]) =>
    judgeStack(inputs).stack.filter((d) => d.check === "sandboxedRuntime").length;

describe("EKS Fargate profile: the clusters of the stack it and a pod's provider are tied to", () => {
    it("a profile depending on a stack resource that is no cluster (its pod execution role) still selects by namespace", () => {
        const role: StackInput = { type: ROLE, name: "fp", props: {} };
        assert.strictEqual(sandboxed([role, profile([stackUrn(ROLE, "fp")]), tenantDeployment()]), 0);
    });

    it("a profile depending on a resource the stack does not hold still selects by namespace", () => {
        assert.strictEqual(sandboxed([profile([stackUrn(ROLE, "elsewhere")]), tenantDeployment()]), 0);
    });

    it("two clusters under one component that is not pulumi-eks's stay two clusters", () => {
        const platform = stackUrn("acme:index:Platform", "platform");
        const inputs = [
            { type: "acme:index:Platform", name: "platform", props: {} },
            cluster("a", platform),
            cluster("b", platform),
            provider("on-a", [a]),
            provider("on-b", [b]),
            profile([a]),
        ];
        assert.strictEqual(sandboxed([...inputs, tenantDeployment("on-b")]), 1);
        assert.strictEqual(sandboxed([...inputs, tenantDeployment("on-a")]), 0);
    });

    it("a cluster whose parent the stack does not hold is its own", () => {
        const inputs = [cluster("a", stackUrn("acme:index:Platform", "gone")), provider("on-a", [a]), profile([a])];
        assert.strictEqual(sandboxed([...inputs, tenantDeployment("on-a")]), 0);
    });

    it("a pod whose provider the stack does not hold is on none of its clusters: a stack cluster's profile skips it", () => {
        const inputs = [cluster("a"), provider("on-a", [a]), profile([a])];
        assert.strictEqual(sandboxed([...inputs, tenantDeployment("elsewhere")]), 1);
    });

    it("a profile tied to two clusters selects the pods of either", () => {
        const inputs = [cluster("a"), cluster("b"), provider("on-a", [a]), provider("on-b", [b]), profile([a, b])];
        assert.strictEqual(sandboxed([...inputs, tenantDeployment("on-a")]), 0);
        assert.strictEqual(sandboxed([...inputs, tenantDeployment("on-b")]), 0);
    });

    it("applyFargateSelectors without clustersOf: a selector tied to clusters selects no pod (none is known on one)", () => {
        const model = stackModelOf([
            {
                urn: stackUrn(DEPLOYMENT.type, "web"),
                type: DEPLOYMENT.type,
                name: "web",
                props: tenantDeployment().props,
                provider: { urn: stackUrn(PROVIDER, "on-a"), type: PROVIDER, props: {} },
            },
        ]);
        const before = model.workloads.map((sw) => sw.workload.isolation);
        assert.deepStrictEqual(before, ["container"]);
        applyFargateSelectors(model, [{ namespace: "tenants", labels: {}, clusters: new Set([a]) }]);
        assert.deepStrictEqual(
            model.workloads.map((sw) => sw.workload.isolation),
            ["container"],
        );
        applyFargateSelectors(model, [{ namespace: "tenants", labels: {} }]);
        assert.deepStrictEqual(
            model.workloads.map((sw) => sw.workload.isolation),
            ["vm"],
        );
    });
});
