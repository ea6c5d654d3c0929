// The stack pass (adapters/stack.ts) over a stack that also has resources no adapter reads (providers, random
// strings, buckets): they are skipped, and neither break the pass nor take workloads from the resources around them.
import * as assert from "assert";
import { stackModelOf } from "../../adapters/stack";
import { StackResource } from "../../model/stack";
import { hardenedPodSpec } from "../fixtures/kubernetes";
import { stackUrn } from "../helpers";

const POD = "kubernetes:core/v1:Pod";

function res(type: string, name: string, props: StackResource["props"]): StackResource {
    return { urn: stackUrn(type, name), type, name, props };
}

describe("stack pass over resources no adapter reads", () => {
    it("skips them and still models the workloads around them", () => {
        const model = stackModelOf([
            res("random:index/randomString:RandomString", "suffix", { length: 8 }),
            res(POD, "web", { metadata: { name: "web" }, spec: hardenedPodSpec() }),
            res("pulumi:providers:kubernetes", "k8s", {}),
        ]);
        assert.deepStrictEqual(
            model.workloads.map((sw) => [sw.urn, sw.workload.kind, sw.workload.name]),
            [[stackUrn(POD, "web"), "Pod", "web"]],
        );
    });

    it("does not let an unread resource's inputs object decide the workloads of a resource sharing it", () => {
        // One inputs object for two resources: the unread one must leave no trace in the per-inputs workload cache.
        const shared = { metadata: { name: "twin" }, spec: hardenedPodSpec() };
        const model = stackModelOf([
            res("random:index/randomPet:RandomPet", "twin-pet", shared),
            res(POD, "twin", shared),
        ]);
        assert.deepStrictEqual(
            model.workloads.map((sw) => [sw.urn, sw.workload.kind]),
            [[stackUrn(POD, "twin"), "Pod"]],
        );
    });
});
