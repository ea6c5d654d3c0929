// Tenant matching over the analyzer protocol: a memberOf pin proves isolation only to the workload's own tenant, Azure
// tag names match in any case, ECS dockerLabels mark tenancy, and GCE instance templates and Azure scale sets serve
// one tenant each (AnalyzeStack).
import * as assert from "assert";
import { EngineDiagnostic, StackResource, suitePack, urnOf } from "../harness/engine";
import { TASK_DEFINITION, Props, hardenedContainerDefinition } from "../fixtures/aws";

function checksOf(ds: EngineDiagnostic[]): string[] {
    return ds
        .filter((d) => d.enforcementLevel === "mandatory")
        .map((d) => `${d.policyName}/${/\[(\w+)\]/.exec(d.message)?.[1]}`)
        .sort();
}

function task(tags: Props, expression?: string, container: Props = hardenedContainerDefinition()): Props {
    return {
        family: "runner",
        requiresCompatibilities: ["EC2"],
        tags,
        ...(expression ? { placementConstraints: [{ type: "memberOf", expression }] } : {}),
        containerDefinitions: JSON.stringify([container]),
    };
}

function res(type: string, name: string, properties: Props): StackResource {
    return { type, name, urn: urnOf(type, name), properties };
}

describe("tenant matching over the analyzer protocol", function () {
    this.timeout(60000);
    const pack = suitePack();
    const acme = { tenancy: "multi-tenant", tenant: "acme" };

    it("a task pinned to its own tenant passes; to another tenant, or by !=, fails", async () => {
        assert.deepStrictEqual(await pack().analyze(TASK_DEFINITION, "t", task(acme, "attribute:tenant == acme")), []);
        for (const e of ["attribute:tenant == globex", "attribute:tenant != globex", "attribute:tenant in [acme, b]"])
            assert.deepStrictEqual(checksOf(await pack().analyze(TASK_DEFINITION, "t", task(acme, e))), [
                "multi-tenant-isolation/sandboxedRuntime",
            ]);
    });

    it("ECS dockerLabels mark a task multi-tenant", async () => {
        const labelled = { ...hardenedContainerDefinition(), dockerLabels: { tenancy: "multi-tenant" } };
        assert.deepStrictEqual(checksOf(await pack().analyze(TASK_DEFINITION, "t", task({}, undefined, labelled))), [
            "multi-tenant-isolation/sandboxedRuntime",
        ]);
    });

    it("an Azure VM tagged `Tenant` for two tenants and a scale set for two fail; one tenant passes", async () => {
        const vm = res("azure-native:compute:VirtualMachine", "vm", { tags: { Tenant: "a,b" } });
        const ss = res("azure-native:compute:VirtualMachineScaleSet", "ss", { tags: { tenant: "a,b" } });
        const stack = await pack().analyzeStack([vm, ss]);
        assert.deepStrictEqual(stack.map((d) => [checksOf([d])[0], d.urn]).sort(), [
            ["multi-tenant-isolation/tenantSharedHost", vm.urn],
            ["multi-tenant-isolation/tenantSharedHost", ss.urn],
        ]);
        assert.deepStrictEqual(await pack().analyzeStack([res(ss.type, "ss", { tags: { TENANT: "a" } })]), []);
    });

    it("a GCE instance template for two tenants fails tenantSharedHost", async () => {
        const tpl = res("gcp:compute/instanceTemplate:InstanceTemplate", "tpl", {
            machineType: "e2-medium",
            metadata: { tenant: "a,b" },
        });
        assert.deepStrictEqual(checksOf(await pack().analyzeStack([tpl])), ["multi-tenant-isolation/tenantSharedHost"]);
        const one = res(tpl.type, "tpl", { machineType: "e2-medium", labels: { tenant: "a" } });
        assert.deepStrictEqual(await pack().analyzeStack([one]), []);
    });
});
