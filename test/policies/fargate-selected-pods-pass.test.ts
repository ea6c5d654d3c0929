// Issue 23 (1): a pod labelled multi-tenant itself, in a namespace an EKS Fargate profile of the same stack selects,
// runs in its own Fargate microVM and passes. Analyze cannot see the profile, so it leaves sandboxedRuntime on
// Kubernetes pods to AnalyzeStack, which judges it with the profile and reports a failure on the pod's URN.
import * as assert from "assert";
import { suitePack, StackResource, UNKNOWN, urnOf } from "../harness/engine";
import { DEPLOYMENT, POD, hardenedPodSpec } from "../fixtures/kubernetes";
import { FARGATE_PROFILE } from "../fixtures/aws";
import { MULTI_TENANT, namespace } from "../fixtures/multitenancy";
import { judgeStack, StackInput, stackUrn } from "../helpers";

const POLICY = "multi-tenant-isolation";

function fargateProfile(selectors: unknown[]): StackInput {
    return {
        type: FARGATE_PROFILE,
        name: "tenants",
        props: { clusterName: "eks", podExecutionRoleArn: "arn:aws:iam::1:role/fp", selectors },
    };
}

/** A Deployment labelled multi-tenant on itself and its pods, in `ns`, without a sandbox runtime. */
function labelledDeployment(ns: string | undefined, podLabels: Record<string, string> = {}): StackInput {
    const props = DEPLOYMENT.wrap(hardenedPodSpec(), { labels: MULTI_TENANT });
    if (ns) props.metadata.namespace = ns;
    else delete props.metadata.namespace;
    Object.assign(props.spec.template.metadata.labels, podLabels);
    return { type: DEPLOYMENT.type, name: "web", props };
}

const sandboxed = (ds: { check: string }[]) => ds.filter((d) => d.check === "sandboxedRuntime");

describe("EKS Fargate profile of the stack: selected multi-tenant pods pass (in-process)", () => {
    it("a Deployment labelled multi-tenant in a selected namespace passes; in another namespace it fails on the stack", () => {
        const profile = fargateProfile([{ namespace: "tenants" }]);
        assert.deepStrictEqual(judgeStack([profile, labelledDeployment("tenants")]), { resource: [], stack: [] });
        const { resource, stack } = judgeStack([profile, labelledDeployment("other")]);
        assert.deepStrictEqual(resource, []);
        assert.deepStrictEqual(
            stack.map((d) => [d.check, d.urn, d.advisory]),
            [["sandboxedRuntime", stackUrn(DEPLOYMENT.type, "web"), false]],
        );
    });

    it("a Pod labelled multi-tenant in `default` (no namespace) is selected by a `default` selector", () => {
        const pod = { type: POD.type, name: "p", props: POD.wrap(hardenedPodSpec(), { labels: MULTI_TENANT }) };
        delete (pod.props.metadata as Record<string, unknown>).namespace;
        assert.deepStrictEqual(sandboxed(judgeStack([fargateProfile([{ namespace: "default" }]), pod]).stack), []);
        assert.strictEqual(sandboxed(judgeStack([fargateProfile([{ namespace: "kube-*" }]), pod]).stack).length, 1);
    });

    it("wildcard namespaces and label selectors select by the pod template's labels", () => {
        const wild = fargateProfile([{ namespace: "ten*", labels: { fargate: "y?s" } }]);
        assert.deepStrictEqual(
            sandboxed(judgeStack([wild, labelledDeployment("tenants", { fargate: "yes" })]).stack),
            [],
        );
        // A label the selector asks for that the pods lack: not selected.
        assert.strictEqual(sandboxed(judgeStack([wild, labelledDeployment("tenants")]).stack).length, 1);
        assert.strictEqual(
            sandboxed(judgeStack([wild, labelledDeployment("tenants", { fargate: "no" })]).stack).length,
            1,
        );
    });

    it("a selector whose namespace is unknown at preview selects nothing", () => {
        const unknown = fargateProfile([{ namespace: UNKNOWN }]);
        assert.strictEqual(sandboxed(judgeStack([unknown, labelledDeployment("tenants")]).stack).length, 1);
    });

    it("without any profile, the multi-tenant Deployment still fails (in AnalyzeStack, on its URN)", () => {
        const { resource, stack } = judgeStack([labelledDeployment("tenants")]);
        assert.deepStrictEqual(resource, []);
        assert.deepStrictEqual(
            stack.map((d) => d.check),
            ["sandboxedRuntime"],
        );
        assert.match(stack[0].message, /is multi-tenant \(.*label tenancy=multi-tenant\)/);
    });

    it("a multi-tenant Namespace selected by a profile: its pods pass too", () => {
        const props = DEPLOYMENT.wrap(hardenedPodSpec());
        props.metadata.namespace = "t1";
        const inputs = [namespace("t1", MULTI_TENANT), fargateProfile([{ namespace: "t1" }])];
        assert.deepStrictEqual(judgeStack([...inputs, { type: DEPLOYMENT.type, name: "web", props }]), {
            resource: [],
            stack: [],
        });
    });
});

describe("EKS Fargate profile of a cluster of the stack: only that cluster's pods (in-process)", () => {
    // Two EKS clusters; each Kubernetes provider is made from one (its kubeconfig depends on the cluster), and the
    // profile's clusterName is cluster A's name (a dependency on it).
    const CLUSTER = "aws:eks/cluster:Cluster";
    const PROVIDER = "pulumi:providers:kubernetes";
    const cluster = (name: string): StackInput => ({ type: CLUSTER, name, props: { roleArn: "r", vpcConfig: {} } });
    const provider = (name: string, deps: string[], parent?: string): StackInput => ({
        type: PROVIDER,
        name,
        props: {},
        dependencies: deps,
        ...(parent ? { parent } : {}),
    });
    const onProvider = (input: StackInput, name: string): StackInput => ({
        ...input,
        provider: { urn: stackUrn(PROVIDER, name), type: PROVIDER, props: {} },
    });
    const profileOf = (clusterUrn: string, parent?: string): StackInput => ({
        ...fargateProfile([{ namespace: "tenants" }]),
        dependencies: [clusterUrn],
        ...(parent ? { parent } : {}),
    });
    const a = stackUrn(CLUSTER, "a");
    const b = stackUrn(CLUSTER, "b");
    const base = [cluster("a"), cluster("b"), provider("on-a", [a]), provider("on-b", [b])];

    it("selects the pods of its own cluster's provider, not a same-named namespace on another cluster", () => {
        const pods = (p: string) =>
            sandboxed(judgeStack([...base, profileOf(a), onProvider(labelledDeployment("tenants"), p)]).stack);
        assert.deepStrictEqual(pods("on-a"), []);
        assert.strictEqual(pods("on-b").length, 1);
    });

    it("selects no pod whose provider is not tied to a cluster of the stack (an ambient kubeconfig may be any)", () => {
        assert.strictEqual(
            sandboxed(judgeStack([...base, profileOf(a), labelledDeployment("tenants")]).stack).length,
            1,
        );
        const loose = provider("loose", []);
        const onLoose = onProvider(labelledDeployment("tenants"), "loose");
        assert.strictEqual(sandboxed(judgeStack([...base, loose, profileOf(a), onLoose]).stack).length, 1);
    });

    it("a profile of a cluster outside the stack (a literal clusterName) still selects by namespace and labels", () => {
        const pods = (p: string) =>
            sandboxed(
                judgeStack([
                    ...base,
                    fargateProfile([{ namespace: "tenants" }]),
                    onProvider(labelledDeployment("tenants"), p),
                ]).stack,
            );
        assert.deepStrictEqual(pods("on-a"), []);
        assert.deepStrictEqual(pods("on-b"), []);
    });

    it("a pulumi-eks Cluster's own provider and profile (its children) are of that cluster, as is its EKS cluster", () => {
        const EKS = "eks:index:Cluster";
        const component = stackUrn(EKS, "platform");
        const child = stackUrn(CLUSTER, "platform-eksCluster");
        const inputs = [
            { type: EKS, name: "platform", props: {} },
            { ...cluster("platform-eksCluster"), parent: component },
            provider("platform-provider", [], component),
            // pulumi-eks's own profile is its child; a profile of the program names the child EKS cluster.
            profileOf(child),
        ];
        const ok = judgeStack([...inputs, onProvider(labelledDeployment("tenants"), "platform-provider")]);
        assert.deepStrictEqual(sandboxed(ok.stack), []);
        const other = judgeStack([...inputs, ...base, onProvider(labelledDeployment("tenants"), "on-a")]);
        assert.strictEqual(sandboxed(other.stack).length, 1);
    });
});

describe("EKS Fargate profile of a cluster of the stack over the analyzer protocol", function () {
    this.timeout(60000);
    const pack = suitePack();

    it("a profile of cluster A does not isolate a same-named namespace's pods created through cluster B's provider", async () => {
        const cluster = (name: string): StackResource => ({
            type: "aws:eks/cluster:Cluster",
            name,
            urn: urnOf("aws:eks/cluster:Cluster", name),
            properties: { roleArn: "r", vpcConfig: {} },
        });
        const provider = (name: string, on: string): StackResource => ({
            type: "pulumi:providers:kubernetes",
            name,
            urn: urnOf("pulumi:providers:kubernetes", name),
            properties: {},
            dependencies: [urnOf("aws:eks/cluster:Cluster", on)],
        });
        const [profile, deployment] = wire([fargateProfile([{ namespace: "tenants" }]), labelledDeployment("tenants")]);
        const viaB = {
            ...deployment,
            provider: {
                type: "pulumi:providers:kubernetes",
                name: "b",
                urn: urnOf("pulumi:providers:kubernetes", "b"),
                properties: {},
            },
        };
        const resources = [
            cluster("a"),
            cluster("b"),
            provider("a", "a"),
            provider("b", "b"),
            { ...profile, dependencies: [urnOf("aws:eks/cluster:Cluster", "a")] },
            viaB,
        ];
        const { stack } = await pack().analyzeAll(resources);
        assert.deepStrictEqual(
            stack.map((d) => [d.policyName, d.enforcementLevel, /\[(\w+)\]/.exec(d.message)?.[1], d.urn]),
            [[POLICY, "mandatory", "sandboxedRuntime", urnOf(DEPLOYMENT.type, "web")]],
        );
        const viaA = {
            ...viaB,
            provider: { ...viaB.provider, name: "a", urn: urnOf("pulumi:providers:kubernetes", "a") },
        };
        assert.deepStrictEqual((await pack().analyzeAll([...resources.slice(0, 5), viaA])).stack, []);
    });
});

function wire(inputs: StackInput[]): StackResource[] {
    return inputs.map((i) => ({ type: i.type, name: i.name, urn: urnOf(i.type, i.name), properties: i.props }));
}

describe("EKS Fargate profile of the stack over the analyzer protocol", function () {
    this.timeout(60000);
    const pack = suitePack();

    it("Analyze leaves the labelled Deployment to AnalyzeStack, which passes it when a profile selects it", async () => {
        const selected = wire([fargateProfile([{ namespace: "tenants" }]), labelledDeployment("tenants")]);
        const { resource, stack } = await pack().analyzeAll(selected);
        assert.deepStrictEqual(resource, []);
        assert.deepStrictEqual(stack, []);
    });

    it("AnalyzeStack reports the Deployment no profile selects, on its URN, mandatory", async () => {
        const other = wire([fargateProfile([{ namespace: "tenants" }]), labelledDeployment("other")]);
        const { resource, stack } = await pack().analyzeAll(other);
        assert.deepStrictEqual(resource, []);
        assert.deepStrictEqual(
            stack.map((d) => [d.policyName, d.enforcementLevel, /\[(\w+)\]/.exec(d.message)?.[1], d.urn]),
            [[POLICY, "mandatory", "sandboxedRuntime", urnOf(DEPLOYMENT.type, "web")]],
        );
    });
});
