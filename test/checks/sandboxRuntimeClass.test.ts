import * as assert from "assert";
import { CARRIERS, POD, hardenedPodSpec } from "../fixtures/kubernetes";
import { MULTI_TENANT, namespace, runtimeClass, tenantDeployment } from "../fixtures/multitenancy";
import { PackConfig, StackInput, judgeStack, stackUrn } from "../helpers";
import { UNKNOWN } from "../harness/engine";

const POLICY = "multi-tenant-isolation";

function reported(inputs: StackInput[], config: PackConfig = {}, stackTags: Record<string, string> = {}) {
    return judgeStack(inputs, config, stackTags).stack.filter(
        (d) => d.check === "sandboxRuntimeClass" || d.check === "unknownValues",
    );
}

describe("check sandboxRuntimeClass (stack)", () => {
    it("done when: reports a RuntimeClass gvisor with handler runc used by a tenant workload", () => {
        const ds = reported([runtimeClass("gvisor", "runc"), tenantDeployment("acme", "gvisor")]);
        assert.strictEqual(ds.length, 1);
        assert.strictEqual(ds[0].policy, POLICY);
        assert.strictEqual(ds[0].advisory, false);
        assert.strictEqual(ds[0].urn, stackUrn("kubernetes:node.k8s.io/v1:RuntimeClass", "gvisor"));
        assert.strictEqual(
            ds[0].message,
            '[sandboxRuntimeClass] RuntimeClass "gvisor" is used by multi-tenant Deployment "acme-app" but does not start a sandbox: handler is "runc"; set handler to a sandbox handler (runsc, gvisor, kata, kata-qemu, kata-clh, …), or point the workloads at a RuntimeClass that has one',
        );
    });

    for (const handler of ["runsc", "kata", "kata-qemu", "kata-clh"]) {
        it(`accepts handler ${handler}`, () => {
            assert.deepStrictEqual(reported([runtimeClass("gvisor", handler), tenantDeployment("acme", "gvisor")]), []);
        });
    }

    for (const version of ["v1", "v1beta1", "v1alpha1"]) {
        it(`reads node.k8s.io/${version} RuntimeClasses`, () => {
            assert.strictEqual(
                reported([runtimeClass("gvisor", "runc", version), tenantDeployment("acme", "gvisor")]).length,
                1,
            );
            assert.deepStrictEqual(
                reported([runtimeClass("gvisor", "runsc", version), tenantDeployment("acme", "gvisor")]),
                [],
            );
        });
    }

    for (const carrier of CARRIERS) {
        it(`follows runtimeClassName of a multi-tenant ${carrier.type}`, () => {
            const spec = hardenedPodSpec();
            spec.runtimeClassName = "gvisor";
            const w = { type: carrier.type, name: "web", props: carrier.wrap(spec, { labels: MULTI_TENANT }) };
            assert.strictEqual(reported([runtimeClass("gvisor", "runc"), w]).length, 1);
        });
    }

    it("ignores a RuntimeClass no multi-tenant workload names", () => {
        const single = tenantDeployment("acme", "gvisor");
        delete (single.props.metadata as { labels: Record<string, string> }).labels.tenancy;
        assert.deepStrictEqual(reported([runtimeClass("gvisor", "runc"), single]), []);
        assert.deepStrictEqual(reported([runtimeClass("gvisor", "runc"), tenantDeployment("acme", "kata")]), []);
    });

    it("counts workloads multi-tenant through their Namespace or the stack tags", () => {
        const spec = hardenedPodSpec();
        spec.runtimeClassName = "gvisor";
        const pod = { type: POD.type, name: "web", props: POD.wrap(spec) };
        assert.strictEqual(reported([namespace("apps", MULTI_TENANT), runtimeClass("gvisor", "runc"), pod]).length, 1);
        assert.strictEqual(reported([runtimeClass("gvisor", "runc"), pod], {}, MULTI_TENANT).length, 1);
        assert.deepStrictEqual(reported([runtimeClass("gvisor", "runc"), pod]), []);
    });

    it("names every multi-tenant user once", () => {
        const [d] = reported([
            runtimeClass("gvisor", "runc"),
            tenantDeployment("acme", "gvisor"),
            tenantDeployment("globex", "gvisor"),
        ]);
        assert.ok(d.message.includes('used by multi-tenant Deployment "acme-app", Deployment "globex-app"'), d.message);
    });

    it("only matches workloads of the same cluster (provider)", () => {
        const a = { urn: stackUrn("pulumi:providers:kubernetes", "a"), type: "pulumi:providers:kubernetes", props: {} };
        const b = { urn: stackUrn("pulumi:providers:kubernetes", "b"), type: "pulumi:providers:kubernetes", props: {} };
        const rc = { ...runtimeClass("gvisor", "runc"), provider: a };
        assert.deepStrictEqual(reported([rc, { ...tenantDeployment("acme", "gvisor"), provider: b }]), []);
        assert.strictEqual(reported([rc, { ...tenantDeployment("acme", "gvisor"), provider: a }]).length, 1);
    });

    it("honours configured sandbox handlers (globs)", () => {
        const inputs = [runtimeClass("gvisor", "my-runsc-v2"), tenantDeployment("acme", "gvisor")];
        assert.strictEqual(reported(inputs).length, 1);
        assert.deepStrictEqual(reported(inputs, { [POLICY]: { sandboxHandlers: ["my-runsc*"] } }), []);
    });

    it("reports a RuntimeClass without a handler, and a malformed one", () => {
        const noHandler = runtimeClass("gvisor", "runsc");
        delete noHandler.props.handler;
        assert.ok(reported([noHandler, tenantDeployment("acme", "gvisor")])[0].message.includes("handler is unset"));
        const malformed = runtimeClass("gvisor", "runsc");
        malformed.props.handler = 7;
        const [d] = reported([malformed, tenantDeployment("acme", "gvisor")]);
        assert.ok(d.message.includes("cannot be interpreted: handler is 7"), d.message);
    });

    it("ignores a RuntimeClassPatch that leaves the handler alone; judges one that sets it", () => {
        const type = "kubernetes:node.k8s.io/v1:RuntimeClassPatch";
        const unchanged = { type, name: "gvisor", props: { metadata: { name: "gvisor", labels: { a: "b" } } } };
        assert.deepStrictEqual(reported([unchanged, tenantDeployment("acme", "gvisor")]), []);
        const runc = { type, name: "gvisor", props: { metadata: { name: "gvisor" }, handler: "runc" } };
        assert.strictEqual(reported([runc, tenantDeployment("acme", "gvisor")]).length, 1);
    });

    describe("handler unknown at preview", () => {
        const inputs = () => [runtimeClass("gvisor", UNKNOWN), tenantDeployment("acme", "gvisor")];
        it("defers by default with an advisory note on the RuntimeClass", () => {
            const ds = reported(inputs());
            assert.strictEqual(ds.length, 1);
            assert.strictEqual(ds[0].check, "unknownValues");
            assert.strictEqual(ds[0].advisory, true);
            assert.strictEqual(ds[0].urn, stackUrn("kubernetes:node.k8s.io/v1:RuntimeClass", "gvisor"));
            assert.strictEqual(
                ds[0].message,
                '[unknownValues] RuntimeClass "gvisor" has values unknown at preview; they will be judged at update: handler',
            );
        });
        it("fails closed when configured", () => {
            const ds = reported(inputs(), { [POLICY]: { unknownValues: "fail-closed" } });
            assert.strictEqual(ds.length, 1);
            assert.strictEqual(ds[0].check, "sandboxRuntimeClass");
            assert.strictEqual(ds[0].advisory, false);
            assert.ok(ds[0].message.includes("handler is unknown at preview"), ds[0].message);
        });
    });

    it("can be switched off by config", () => {
        assert.deepStrictEqual(
            reported([runtimeClass("gvisor", "runc"), tenantDeployment("acme", "gvisor")], {
                [POLICY]: { checks: { sandboxRuntimeClass: false } },
            }),
            [],
        );
    });
});
