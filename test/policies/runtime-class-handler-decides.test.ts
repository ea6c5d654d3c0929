// Issue 23 (2): a RuntimeClass the stack declares runs its pods with its handler, whatever it is called. A pod
// labelled multi-tenant that names a custom class (`secure`) whose handler is a sandbox's (runsc, a Kata handler)
// passes; the same class with handler runc, or one the stack does not declare, fails.
import * as assert from "assert";
import { suitePack, StackResource, UNKNOWN, urnOf } from "../harness/engine";
import { POD, hardenedPodSpec } from "../fixtures/kubernetes";
import { MULTI_TENANT, runtimeClass } from "../fixtures/multitenancy";
import { judgeStack, StackInput } from "../helpers";
import { stackModelOf } from "../../adapters/stack";
import { isSandboxed } from "../../engine/tenancy";
import { DEFAULT_OPTIONS } from "../../engine/evaluate";

const POLICY = "multi-tenant-isolation";

function tenantPod(runtimeClassName: string, provider?: StackInput["provider"]): StackInput {
    const spec = hardenedPodSpec();
    spec.runtimeClassName = runtimeClassName;
    return { type: POD.type, name: "p", props: POD.wrap(spec, { labels: MULTI_TENANT }), provider };
}

const k8sProvider = (name: string): NonNullable<StackInput["provider"]> => ({
    urn: urnOf("pulumi:providers:kubernetes", name),
    type: "pulumi:providers:kubernetes",
    props: {},
});

const checks = (r: ReturnType<typeof judgeStack>) => [...r.resource, ...r.stack].map((d) => d.check).sort();

describe("a RuntimeClass of the stack: its handler decides (in-process)", () => {
    for (const handler of ["runsc", "kata", "kata-qemu", "kata-clh"])
        it(`a custom-named class with handler ${handler} passes a multi-tenant pod`, () => {
            assert.deepStrictEqual(checks(judgeStack([runtimeClass("secure", handler), tenantPod("secure")])), []);
        });

    it("v1alpha1 spec.runtimeHandler counts the same", () => {
        const rc = runtimeClass("secure", "runsc", "v1alpha1");
        assert.deepStrictEqual(checks(judgeStack([rc, tenantPod("secure")])), []);
    });

    it("the same class with handler runc fails both the pod and the class", () => {
        const r = judgeStack([runtimeClass("secure", "runc"), tenantPod("secure")]);
        assert.deepStrictEqual(r.stack.map((d) => [d.check, d.urn.split("::").pop()]).sort(), [
            ["sandboxRuntimeClass", "secure"],
            ["sandboxedRuntime", "p"],
        ]);
    });

    it("a handler that is not a sandbox's (nvidia, an unlisted name) fails; a glob in sandboxHandlers admits it", () => {
        assert.ok(
            checks(judgeStack([runtimeClass("secure", "my-vm"), tenantPod("secure")])).includes("sandboxedRuntime"),
        );
        const config = { [POLICY]: { sandboxHandlers: ["my-*"] } };
        assert.deepStrictEqual(checks(judgeStack([runtimeClass("secure", "my-vm"), tenantPod("secure")], config)), []);
        // A host-kernel runtime never counts, whatever a glob admits.
        const all = { [POLICY]: { sandboxHandlers: ["*"] } };
        assert.ok(
            checks(judgeStack([runtimeClass("secure", "nvidia"), tenantPod("secure")], all)).includes(
                "sandboxedRuntime",
            ),
        );
    });

    it("a class the stack does not declare is judged by its name alone: secure fails", () => {
        assert.deepStrictEqual(checks(judgeStack([tenantPod("secure")])), ["sandboxedRuntime"]);
        assert.deepStrictEqual(checks(judgeStack([runtimeClass("other", "runsc"), tenantPod("secure")])), [
            "sandboxedRuntime",
        ]);
    });

    it("a class of another cluster (provider) does not serve the pod", () => {
        const rc = { ...runtimeClass("secure", "runsc"), provider: k8sProvider("east") };
        assert.deepStrictEqual(checks(judgeStack([rc, tenantPod("secure", k8sProvider("west"))])), [
            "sandboxedRuntime",
        ]);
        assert.deepStrictEqual(checks(judgeStack([rc, tenantPod("secure", k8sProvider("east"))])), []);
    });

    it("two classes that may serve the pod with different handlers: judged by the name alone", () => {
        const east = { ...runtimeClass("secure", "runsc"), provider: k8sProvider("east") };
        const unbound = { ...runtimeClass("secure", "runc"), name: "secure-2" };
        const r = judgeStack([east, unbound, tenantPod("secure", k8sProvider("east"))]);
        assert.ok(r.stack.some((d) => d.check === "sandboxedRuntime"));
        // The same handler twice is no ambiguity.
        const twin = { ...runtimeClass("secure", "runsc"), name: "secure-3" };
        assert.deepStrictEqual(checks(judgeStack([east, twin, tenantPod("secure", k8sProvider("east"))])), []);
    });

    it("a handler unknown at preview leaves the pod unknown: noted under defer, reported under fail-closed", () => {
        const inputs = [runtimeClass("secure", UNKNOWN), tenantPod("secure")];
        const deferred = judgeStack(inputs);
        assert.deepStrictEqual(deferred.stack.map((d) => [d.check, d.advisory, d.urn.split("::").pop()]).sort(), [
            ["unknownValues", true, "p"],
            ["unknownValues", true, "secure"],
        ]);
        assert.ok(deferred.stack.some((d) => d.message.includes('RuntimeClass "secure" handler')));
        const closed = judgeStack(inputs, { [POLICY]: { unknownValues: "fail-closed" } });
        assert.deepStrictEqual(closed.stack.map((d) => [d.check, d.advisory]).sort(), [
            ["sandboxRuntimeClass", false],
            ["sandboxedRuntime", false],
        ]);
    });

    it("the stack model records the handler on a copy: what Analyze saw keeps none", () => {
        const pod = tenantPod("secure");
        const model = stackModelOf(
            [runtimeClass("secure", "runsc"), pod].map((i) => ({ urn: urnOf(i.type, i.name), ...i })),
        );
        const w = model.workloads[0].workload;
        assert.strictEqual(w.runtimeHandler, "runsc");
        assert.strictEqual(isSandboxed(w, DEFAULT_OPTIONS), true);
        assert.strictEqual(isSandboxed({ ...w, runtimeHandler: "runc" }, DEFAULT_OPTIONS), false);
        assert.strictEqual(isSandboxed({ ...w, runtimeHandler: " runsc " }, DEFAULT_OPTIONS), true);
        assert.strictEqual(isSandboxed({ ...w, runtimeHandler: undefined }, DEFAULT_OPTIONS), false);
    });
});

function wire(inputs: StackInput[]): StackResource[] {
    return inputs.map((i) => ({ type: i.type, name: i.name, urn: urnOf(i.type, i.name), properties: i.props }));
}

describe("a RuntimeClass of the stack over the analyzer protocol", function () {
    this.timeout(60000);
    const pack = suitePack();

    it("a custom-named class with handler runsc: nothing in Analyze or AnalyzeStack", async () => {
        const { resource, stack } = await pack().analyzeAll(
            wire([runtimeClass("secure", "runsc"), tenantPod("secure")]),
        );
        assert.deepStrictEqual({ resource, stack }, { resource: [], stack: [] });
    });

    it("with handler runc: both reported in AnalyzeStack, the pod on its URN", async () => {
        const { resource, stack } = await pack().analyzeAll(
            wire([runtimeClass("secure", "runc"), tenantPod("secure")]),
        );
        assert.deepStrictEqual(resource, []);
        assert.deepStrictEqual(stack.map((d) => [d.enforcementLevel, /\[(\w+)\]/.exec(d.message)?.[1], d.urn]).sort(), [
            ["mandatory", "sandboxRuntimeClass", urnOf(runtimeClass("secure", "runc").type, "secure")],
            ["mandatory", "sandboxedRuntime", urnOf(POD.type, "p")],
        ]);
    });
});
