// Pins for the multi-tenant stack checks (sandboxRuntimeClass, tenantSharedHost) and the sandbox name tables
// (engine/sandboxes.ts) found by mutation testing.
import * as assert from "assert";
import { runtimeClass, tenantContainer, tenantDeployment } from "../fixtures/multitenancy";
import { PackConfig, StackInput, judgeStack, stackUrn } from "../helpers";
import { UNKNOWN } from "../harness/engine";

const POLICY = "multi-tenant-isolation";

function reported(check: string, inputs: StackInput[], config: PackConfig = {}) {
    return judgeStack(inputs, config).stack.filter((d) => d.check === check || d.check === "unknownValues");
}

describe("multi-tenant checks (pinned)", () => {
    describe("sandboxRuntimeClass", () => {
        it("does not count a Docker container whose runtime has a RuntimeClass's name as a user of that class", () => {
            assert.deepStrictEqual(
                reported("sandboxRuntimeClass", [
                    runtimeClass("gvisor", "runc"),
                    tenantContainer("acme", "gvisor"),
                    tenantContainer("globex", "gvisor"),
                ]),
                [],
            );
        });

        it("matches a workload to a class when only one of them names a provider", () => {
            const type = "pulumi:providers:kubernetes";
            const a = { urn: stackUrn(type, "a"), type, props: {} };
            const rcWithProvider = { ...runtimeClass("gvisor", "runc"), provider: a };
            assert.strictEqual(
                reported("sandboxRuntimeClass", [rcWithProvider, tenantDeployment("acme", "gvisor")]).length,
                1,
            );
            const deploymentWithProvider = { ...tenantDeployment("acme", "gvisor"), provider: a };
            assert.strictEqual(
                reported("sandboxRuntimeClass", [runtimeClass("gvisor", "runc"), deploymentWithProvider]).length,
                1,
            );
        });

        const anyHandler = { [POLICY]: { sandboxHandlers: ["*"] } };
        for (const handler of [
            "nvidia",
            "nvidia-container-runtime",
            "io.containerd.runc.v1",
            "io.containerd.runc.v2",
            "io.containerd.runtime.v1.linux",
            " runc ",
            "RUNC",
        ]) {
            it(`never counts host-kernel handler ${JSON.stringify(handler)} as a sandbox, even under a glob "*"`, () => {
                const inputs = [runtimeClass("gvisor", handler), tenantDeployment("acme", "gvisor")];
                const ds = reported("sandboxRuntimeClass", inputs, anyHandler);
                assert.deepStrictEqual(
                    ds.map((d) => [d.check, d.advisory]),
                    [["sandboxRuntimeClass", false]],
                );
                // The glob alone would accept a handler that is not a host-kernel runtime.
                assert.deepStrictEqual(
                    reported("sandboxRuntimeClass", [runtimeClass("gvisor", "my-sandbox"), inputs[1]], anyHandler),
                    [],
                );
            });
        }
    });

    describe("tenantSharedHost", () => {
        it("reports (not defers) a shared-host container when another of its fields is unknown at preview", () => {
            const acme = tenantContainer("acme");
            acme.props.privileged = UNKNOWN;
            const ds = reported("tenantSharedHost", [acme, tenantContainer("globex", "runsc")]);
            assert.deepStrictEqual(
                ds.map((d) => [d.check, d.advisory, d.urn]),
                [["tenantSharedHost", false, stackUrn(acme.type, acme.name)]],
            );
            assert.ok(ds[0].message.includes(": runtime is unset;"), ds[0].message);
        });

        it("reports (not defers) a shared-host container whose runtime is malformed", () => {
            const acme = tenantContainer("acme");
            acme.props.runtime = 7;
            const ds = reported("tenantSharedHost", [acme, tenantContainer("globex", "runsc")]);
            assert.deepStrictEqual(
                ds.map((d) => [d.check, d.advisory]),
                [["tenantSharedHost", false]],
            );
        });
    });
});
