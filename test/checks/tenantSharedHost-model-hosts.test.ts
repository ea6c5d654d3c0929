// `tenantSharedHost` over a stack model the caller built (engine/pipeline judgeStack takes one): containers are grouped
// by Docker host only when their dialect shares a daemon's kernel AND the model knows their host.
import * as assert from "assert";
import { judgeStack } from "../../engine/pipeline";
import { stackModelOf } from "../../adapters/stack";
import { resourcePolicies } from "../../policies";
import { StackResource } from "../../model/stack";
import { tenantContainer } from "../fixtures/multitenancy";
import { stackUrn } from "../helpers";

const runs = resourcePolicies.map((def) => ({ def, config: {} }));

function resources(inputs: ReturnType<typeof tenantContainer>[]): StackResource[] {
    return inputs.map((i) => ({ urn: stackUrn(i.type, i.name), type: i.type, name: i.name, props: i.props }));
}

const shared = (model: ReturnType<typeof stackModelOf>) =>
    judgeStack(model, runs)
        .map((j) => j.diagnostic)
        .filter((d) => d.check === "tenantSharedHost");

describe("check tenantSharedHost: which workloads a Docker host groups", () => {
    it("two tenants' containers on one host are reported; with no host in the model, none is", () => {
        const model = stackModelOf(resources([tenantContainer("acme"), tenantContainer("globex")]));
        assert.strictEqual(shared(model).length, 2);
        for (const sw of model.workloads) delete sw.dockerHost;
        assert.deepStrictEqual(shared(model), []);
    });

    it("workloads of a dialect that shares no daemon are not grouped, even with a host set", () => {
        const model = stackModelOf(resources([tenantContainer("acme"), tenantContainer("globex")]));
        for (const sw of model.workloads) sw.workload = { ...sw.workload, dialect: "kubernetes" };
        assert.deepStrictEqual(shared(model), []);
    });
});
