// Pins for engine/stack.ts found by mutation testing: findings the stack pass adds are waived by exemptions that name
// the Pulumi resource, the host-path pass re-judges only the host path checks, and a stack check's advisory flag
// reaches the diagnostic.
import * as assert from "assert";
import { evaluateStack } from "../../engine/stack";
import { NO_SECRETS } from "../../engine/format";
import { PolicyConfig, StackCheck, StackCheckId } from "../../engine/types";
import { resourcePolicies } from "../../policies";
import { stackModelOf } from "../../adapters/stack";
import { DEPLOYMENT, hardenedPodSpec } from "../fixtures/kubernetes";
import { DOCKER_CONTAINER, hardenedContainer } from "../fixtures/docker";
import { MULTI_TENANT, namespace } from "../fixtures/multitenancy";
import { judgeStack, StackInput, stackUrn } from "../helpers";

const exemptByName = (check: string, name: string): PolicyConfig => ({
    exemptions: [{ id: "EX-1", checks: [check], match: { name }, reason: "pinned", expires: "2099-12-31" }],
});

const bindVolume: StackInput = {
    type: "docker:index/volume:Volume",
    name: "sock",
    props: { name: "sock", driver: "local", driverOpts: { type: "none", o: "bind", device: "/var/run" } },
};

function mountingContainer(extraMounts: unknown[] = []): StackInput {
    const c = hardenedContainer();
    c.name = "app";
    c.mounts = [{ type: "volume", source: "sock", target: "/data" }, ...extraMounts];
    return { type: DOCKER_CONTAINER, name: "app-res", props: c };
}

describe("stack pass (pinned)", () => {
    it("a finding a Namespace's labels bring is waived by an exemption naming the Pulumi resource", () => {
        const props = DEPLOYMENT.wrap(hardenedPodSpec());
        props.metadata.namespace = "tenants";
        const inputs: StackInput[] = [
            namespace("tenants", MULTI_TENANT),
            { type: DEPLOYMENT.type, name: "shop-web", props },
        ];
        const bare = judgeStack(inputs).stack;
        assert.deepStrictEqual(
            bare.map((d) => [d.check, d.advisory]),
            [["sandboxedRuntime", false]],
        );
        const waived = judgeStack(inputs, {
            "multi-tenant-isolation": exemptByName("sandboxedRuntime", "shop-web"),
        }).stack;
        assert.deepStrictEqual(
            waived.map((d) => [d.check, d.advisory]),
            [["sandboxedRuntime", true]],
        );
        assert.match(waived[0].message, /waived by exemption "EX-1"/);
    });

    it("a host path reached through a Docker volume is waived by an exemption naming the Pulumi resource", () => {
        const config = { "no-sensitive-host-mounts": exemptByName("sensitiveHostPath", "app-res") };
        const { stack } = judgeStack([bindVolume, mountingContainer()], config);
        assert.deepStrictEqual(
            stack.map((d) => [d.check, d.advisory]),
            [["sensitiveHostPath", true]],
        );
    });

    it("the host-path pass re-judges only the checks that read host paths", () => {
        const propagating = { type: "bind", source: "/srv/x", target: "/x", bindOptions: { propagation: "rshared" } };
        const { resource, stack } = judgeStack([bindVolume, mountingContainer([propagating])]);
        assert.ok(resource.some((d) => d.check === "mountPropagation"));
        assert.deepStrictEqual(
            stack.map((d) => d.check),
            ["sensitiveHostPath"],
        );
    });

    it("passes a stack check's advisory flag through", () => {
        const base = resourcePolicies.find((p) => p.name === "multi-tenant-isolation")!;
        const urn = stackUrn(DOCKER_CONTAINER, "app");
        // A stack check of the test's own, outside the registry of check IDs.
        const NOTE = "note" as StackCheckId;
        const note: StackCheck = {
            id: NOTE,
            description: "reports one advisory and one mandatory finding",
            run: () => [
                { check: NOTE, urn, subject: "x", problem: "is advisory", field: "", fix: "none", advisory: true },
                { check: NOTE, urn, subject: "x", problem: "is mandatory", field: "", fix: "none" },
            ],
        };
        const def = { ...base, stackChecks: [note], defaultChecks: [NOTE] };
        const ds = evaluateStack(def, stackModelOf([]), {}, NO_SECRETS, {});
        assert.deepStrictEqual(
            ds.map((d) => [d.check, d.advisory]),
            [
                ["note", true],
                ["note", false],
            ],
        );
    });
});
