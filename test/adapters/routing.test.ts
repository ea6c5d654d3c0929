// adapters/index.ts: which adapter maps a resource (by its type token), where a cloud node pool names its sandbox
// setting, and the per-request cache that maps each inputs object once (per custom-resource pod spec list).
import * as assert from "assert";
import { CustomResourcePodSpecs, sandboxSettingOf, toWorkloads, workloadsOf } from "../../adapters";
import { newWorkload } from "../../adapters/shared/common";
import { Platform } from "../../model/workload";
import { Reader } from "../../model/read";
import { hardenedPodSpec } from "../fixtures/kubernetes";

describe("adapter routing by type token", () => {
    // [type, inputs, platform and kind of the one workload, or undefined for none]
    const ROUTES: Array<[string, Record<string, unknown>, [Platform, string] | undefined]> = [
        ["kubernetes:core/v1:Pod", {}, ["kubernetes", "Pod"]],
        ["kubernetes:apps/v1:Deployment", {}, ["kubernetes", "Deployment"]],
        // KubeVirt's group has a dot like any custom resource's: it is routed to its own adapter first.
        ["kubernetes:kubevirt.io/v1:VirtualMachine", {}, ["kubevirt", "VirtualMachine"]],
        [
            "kubernetes:argoproj.io/v1alpha1:Rollout",
            { spec: { template: { spec: hardenedPodSpec() } } },
            ["kubernetes", "Rollout"],
        ],
        ["docker:index/container:Container", {}, ["docker", "Container"]],
        ["docker:index/service:Service", {}, ["docker", "Service"]],
        ["aws:ecs/taskDefinition:TaskDefinition", {}, ["aws", "TaskDefinition"]],
        ["awsx:ecs:FargateService", {}, ["aws", "FargateService"]],
        ["gcp:container/nodePool:NodePool", {}, ["gcp", "NodePool"]],
        ["azure-native:containerinstance:ContainerGroup", {}, ["azure", "ContainerGroup"]],
        ["azure-native:containerservice:AgentPool", {}, ["azure", "AgentPool"]],
        // Providers the pack has no adapter for, and look-alikes of the ones it has.
        ["random:index/randomPet:RandomPet", {}, undefined],
        ["azure:containerservice/kubernetesClusterNodePool:KubernetesClusterNodePool", {}, undefined],
        ["Docker:index/container:Container", {}, undefined],
        ["pulumi:providers:docker", {}, undefined],
        ["dockerx:index/container:Container", {}, undefined],
        ["", {}, undefined],
    ];
    for (const [type, props, expected] of ROUTES) {
        it(`${JSON.stringify(type)} → ${expected ? expected.join(" ") : "no workload"}`, () => {
            const ws = toWorkloads(type, "r", props);
            assert.deepStrictEqual(
                ws.map((w) => [w.platform, w.kind]),
                expected ? [expected] : [],
            );
        });
    }
});

describe("sandboxSettingOf", () => {
    it("names the setting of a GKE and an AKS node pool", () => {
        const [gke] = toWorkloads("gcp:container/nodePool:NodePool", "p", {});
        assert.strictEqual(sandboxSettingOf(gke)?.field, "nodeConfig.sandboxConfig.type");
        const [aks] = toWorkloads("azure-native:containerservice:AgentPool", "p", {});
        assert.strictEqual(sandboxSettingOf(aks)?.field, "workloadRuntime");
    });

    it("is decided by the platform, not by a kind that happens to share a node pool's name", () => {
        for (const platform of ["kubernetes", "docker", "aws", "kubevirt"] as const)
            for (const kind of ["AgentPool", "NodePool"]) {
                const w = newWorkload(
                    { platform, isolation: "container", type: "t", kind, name: "n", isPatch: false, specPath: "spec" },
                    new Reader(),
                );
                assert.strictEqual(sandboxSettingOf(w), undefined, `${platform} ${kind}`);
            }
        assert.strictEqual(
            sandboxSettingOf(toWorkloads("azure-native:containerinstance:ContainerGroup", "g", {})[0]),
            undefined,
        );
    });
});

describe("workloadsOf: one mapping per inputs object", () => {
    it("returns the same workloads for the same inputs object, new ones for another", () => {
        const props = { spec: hardenedPodSpec() };
        const first = workloadsOf("kubernetes:core/v1:Pod", "p", props);
        assert.strictEqual(workloadsOf("kubernetes:core/v1:Pod", "p", props), first);
        const other = workloadsOf("kubernetes:core/v1:Pod", "p", { spec: hardenedPodSpec() });
        assert.notStrictEqual(other, first);
        assert.deepStrictEqual(other, first);
    });

    describe("custom resources: per distinct customResourcePodSpecs list", () => {
        const TYPE = "kubernetes:example.com/v1:Runner";
        const spec = (name: string) => ({ containers: [{ ...hardenedPodSpec().containers[0], name }] });
        const props = () => ({ spec: { a: spec("from-a"), b: spec("from-b") } });
        const at = (path: string): CustomResourcePodSpecs[] => [
            { apiGroup: "example.com", kind: "Runner", paths: [path] },
        ];
        const names = (ws: ReturnType<typeof workloadsOf>) => ws.flatMap((w) => w.containers.map((c) => c.name));

        it("each policy's list gets its own mapping of the same inputs", () => {
            const p = props();
            assert.deepStrictEqual(names(workloadsOf(TYPE, "r", p, at("spec.a"))), ["from-a"]);
            assert.deepStrictEqual(names(workloadsOf(TYPE, "r", p, at("spec.b"))), ["from-b"]);
            assert.deepStrictEqual(names(workloadsOf(TYPE, "r", p, at("spec.a"))), ["from-a"]);
            // Without a list, the pack looks for pod specs itself, and finds both.
            assert.deepStrictEqual(names(workloadsOf(TYPE, "r", p)), ["from-a", "from-b"]);
            assert.deepStrictEqual(names(workloadsOf(TYPE, "r", p, [])), ["from-a", "from-b"]);
            assert.deepStrictEqual(names(workloadsOf(TYPE, "r", p, at("spec.b"))), ["from-b"]);
        });

        it("lists equal in content (each policy's config is its own object) share one mapping", () => {
            const p = props();
            const first = workloadsOf(TYPE, "r", p, at("spec.a"));
            assert.strictEqual(workloadsOf(TYPE, "r", p, at("spec.a")), first);
            const list = at("spec.a");
            assert.strictEqual(workloadsOf(TYPE, "r", p, list), first);
            assert.strictEqual(workloadsOf(TYPE, "r", p, list), first);
            assert.notStrictEqual(workloadsOf(TYPE, "r", props(), list), first);
        });

        it("a list given for a type that is no custom resource changes nothing", () => {
            const p = { spec: hardenedPodSpec() };
            const plain = workloadsOf("kubernetes:core/v1:Pod", "p", p);
            assert.strictEqual(workloadsOf("kubernetes:core/v1:Pod", "p", p, at("spec.a")), plain);
        });
    });
});
