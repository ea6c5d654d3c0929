// The stack pass re-judges only what the stack newly reveals. A workload that is multi-tenant by the stack's tags alone
// was already judged so by Analyze (which sees the stack tags): AnalyzeStack must not report it a second time just
// because the stack also holds a Namespace (engine/stack.ts compares against what Analyze saw, stack tags included).
import * as assert from "assert";
import { hardenedPodSpec } from "../fixtures/kubernetes";
import { judgeStack } from "../helpers";

describe("stack pass: a workload multi-tenant by stack tags is reported once, by Analyze", () => {
    it("an unsandboxed Deployment in a stack tagged multi-tenant, beside a Namespace: one sandboxedRuntime finding", () => {
        const { resource, stack } = judgeStack(
            [
                { type: "kubernetes:core/v1:Namespace", name: "apps", props: { metadata: { name: "apps" } } },
                {
                    type: "kubernetes:apps/v1:Deployment",
                    name: "web",
                    props: {
                        metadata: { name: "web", namespace: "apps" },
                        spec: { template: { spec: hardenedPodSpec() } },
                    },
                },
            ],
            {},
            { tenancy: "multi-tenant" },
        );
        // Once: since issue 23 a pod's sandbox is judged in AnalyzeStack (a RuntimeClass or a Fargate profile of the
        // stack may provide it), and Analyze leaves it.
        assert.deepStrictEqual(resource, []);
        assert.strictEqual(stack.filter((d) => d.check === "sandboxedRuntime").length, 1, JSON.stringify(stack));
    });
});
