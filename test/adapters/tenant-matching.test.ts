// Tenant matching as the platforms do it: an ECS memberOf constraint proves isolation only when it pins the workload to
// its own tenant (the expression read with ECS's grammar and compared by value); Azure tag names match in any case;
// ECS dockerLabels carry tenancy markers; GCE instance templates and Azure scale sets serve one tenant each.
import * as assert from "assert";
import { judge, judgeStack } from "../helpers";
import { toWorkloads } from "../../adapters";
import { memberOfPins } from "../../adapters/aws/memberOf";
import { memberOfAttributes } from "../../adapters/aws";
import { TASK_DEFINITION, Props, hardenedContainerDefinition } from "../fixtures/aws";

function pins(expression: string): Record<string, string[]> | undefined {
    const p = memberOfPins(expression);
    if (p === undefined) return undefined;
    const out: Record<string, string[]> = {};
    for (const [name, values] of p) out[name] = [...values].sort();
    return out;
}

function task(tags: Props, expressions: string[], containers: Props[] = [hardenedContainerDefinition()]): Props {
    return {
        family: "runner",
        requiresCompatibilities: ["EC2"],
        tags,
        placementConstraints: expressions.map((expression) => ({ type: "memberOf", expression })),
        containerDefinitions: JSON.stringify(containers),
    };
}

const sandboxed = (props: Props) => !judge(TASK_DEFINITION, props).some((d) => d.check === "sandboxedRuntime");
const MT = { tenancy: "multi-tenant" };

describe("tenant matching", () => {
    describe("ECS memberOf grammar", () => {
        const rows: Array<[string, Record<string, string[]> | undefined]> = [
            ["attribute:tenant == a", { tenant: ["a"] }],
            ["attribute:tenant equals a", { tenant: ["a"] }],
            ["attribute:tenant in [a, b]", { tenant: ["a", "b"] }],
            ["attribute:tenant in ['a']", { tenant: ["a"] }],
            ["attribute:tenant != b", {}],
            ["attribute:tenant not_equals b", {}],
            ["attribute:tenant !in [b]", {}],
            ["attribute:tenant not_in [b]", {}],
            ["attribute:tenant =~ a.*", {}],
            ["attribute:tenant matches a", {}],
            ["attribute:tenant !~ b", {}],
            ["attribute:tenant exists", {}],
            ["attribute:tenant !exists", {}],
            ["runningTasksCount > 2", {}],
            ["registeredAt >= 2024-01-01", {}],
            ["not(attribute:tenant == a)", {}],
            ["!(attribute:tenant == a)", {}],
            ["attribute:tenant == a or attribute:tenant == b", { tenant: ["a", "b"] }],
            ["attribute:tenant == a || attribute:tenant == a", { tenant: ["a"] }],
            ["attribute:tenant == a or attribute:os == linux", {}],
            ["attribute:tenant in [a, b] and attribute:tenant != c and attribute:tenant == b", { tenant: ["b"] }],
            ["(attribute:tenant == a or attribute:tenant == b) and attribute:tenant in [a]", { tenant: ["a"] }],
            ["attribute:tenant == a and (attribute:x == 1 or attribute:y == 2)", { tenant: ["a"] }],
            ["task:group == service:prod and attribute:tenant == a", { tenant: ["a"] }],
            // ECS would reject these: they pin nothing.
            ["attribute:tenant ==", undefined],
            ["attribute:tenant == a and", undefined],
            ["attribute:tenant in [a", undefined],
            ["attribute:tenant in [a,]", undefined],
            ["attribute:tenant in a", undefined],
            ["(attribute:tenant == a", undefined],
            ["attribute:tenant == 'a", undefined],
            ["attribute:tenant ! == a", undefined],
            ["attribute:tenant bogus a", undefined],
            ["'attribute:tenant' == a", undefined],
            ["attribute:tenant == a ~", undefined],
            ["attribute:tenant !=", undefined],
            ["attribute:tenant not_in", undefined],
            ["not", undefined],
            ["", undefined],
        ];
        for (const [expression, expected] of rows)
            it(`${JSON.stringify(expression)} → ${JSON.stringify(expected)}`, () => {
                assert.deepStrictEqual(pins(expression), expected);
            });

        it("memberOfAttributes keeps single-value pins only, in the order written", () => {
            assert.deepStrictEqual(memberOfAttributes("attribute:tenant in [a, b] and attribute:os == linux", "p"), [
                { name: "os", value: "linux", path: "p" },
            ]);
        });
    });

    describe("a pin proves isolation only to the workload's own tenant", () => {
        const acme = { ...MT, tenant: "acme" };
        it("pinned to its own tenant: sandboxed; to another: not", () => {
            assert.ok(sandboxed(task(acme, ["attribute:tenant == acme"])));
            assert.ok(!sandboxed(task(acme, ["attribute:tenant == globex"])));
            assert.ok(!sandboxed(task({ ...MT, tenant: " globex " }, ["attribute:tenant == acme"])));
        });

        it("`!=` another tenant, a regex, `in` two tenants, or no tenant of its own prove nothing", () => {
            for (const e of ["attribute:tenant != globex", "attribute:tenant =~ acme", "attribute:tenant in [acme, b]"])
                assert.ok(!sandboxed(task(acme, [e])), e);
            assert.ok(!sandboxed(task(MT, ["attribute:tenant == acme"])));
            assert.ok(!sandboxed(task({ ...MT, tenant: "acme,globex" }, ["attribute:tenant == acme"])));
        });

        it("constraints combine: `in [a, b]` and `!= b` elsewhere pin a; two different pins pin nothing", () => {
            assert.ok(sandboxed(task(acme, ["attribute:tenant in [acme, b]", "attribute:tenant == acme"])));
            assert.ok(!sandboxed(task(acme, ["attribute:tenant == acme", "attribute:tenant == b"])));
            const [w] = toWorkloads(TASK_DEFINITION, "t", task(acme, ["attribute:x == 1", "attribute:tenant == acme"]));
            assert.deepStrictEqual(w.hostAttributes, [
                { name: "x", value: "1", path: "placementConstraints[0].expression" },
                { name: "tenant", value: "acme", path: "placementConstraints[1].expression" },
            ]);
        });

        it("the own tenant may come from the stack tags", () => {
            const props = task(MT, ["attribute:tenant == acme"]);
            const ds = judge(TASK_DEFINITION, props, {}, "t", { tenant: "acme" });
            assert.ok(!ds.some((d) => d.check === "sandboxedRuntime"));
        });
    });

    describe("ECS dockerLabels carry tenancy markers", () => {
        it("a container labelled multi-tenant makes the task multi-tenant", () => {
            const labelled = { ...hardenedContainerDefinition(), dockerLabels: { tenancy: "multi-tenant" } };
            const ds = judge(TASK_DEFINITION, task({}, [], [labelled]));
            assert.deepStrictEqual(
                ds.filter((d) => d.check === "sandboxedRuntime").map((d) => /\(([^)]*)\)/.exec(d.message)?.[1]),
                ["pod template label tenancy=multi-tenant"],
            );
        });

        it("the tenant a container names is the task's own: pinned to it, sandboxed", () => {
            const a = { ...hardenedContainerDefinition("a"), dockerLabels: { tenant: "acme" } };
            assert.ok(sandboxed(task(MT, ["attribute:tenant == acme"], [a])));
            const b = { ...hardenedContainerDefinition("b"), dockerLabels: { tenant: "globex" } };
            assert.ok(!sandboxed(task(MT, ["attribute:tenant == acme"], [a, b])));
            const [w] = toWorkloads(TASK_DEFINITION, "t", task({ tenant: "t" }, [], [a, b, { ...a, name: "c" }]));
            assert.deepStrictEqual({ ...w.podLabels }, { tenant: "acme,globex" });
            assert.deepStrictEqual({ ...w.labels }, { tenant: "t" });
        });

        it("labels of two containers that mark multi-tenant in either count", () => {
            const a = { ...hardenedContainerDefinition("a"), dockerLabels: { tenancy: "single" } };
            const b = { ...hardenedContainerDefinition("b"), dockerLabels: { tenancy: "multi-tenant" } };
            assert.ok(!sandboxed(task({}, [], [a, b])));
            assert.ok(sandboxed(task({}, [], [a])));
        });
    });

    describe("Azure tag names in any case", () => {
        const VM = "azure-native:compute:VirtualMachine";
        const POOL = "azure-native:containerservice:AgentPool";
        it("a VM tagged `Tenant` for two tenants is shared", () => {
            const { stack } = judgeStack([{ type: VM, name: "vm", props: { tags: { Tenant: "a,b" } } }]);
            assert.deepStrictEqual(
                stack.map((d) => d.check),
                ["tenantSharedHost"],
            );
        });

        it("an AKS pool tagged `TENANCY: multi-tenant` is multi-tenant", () => {
            const ds = judge(POOL, { tags: { TENANCY: "multi-tenant" } });
            assert.deepStrictEqual(
                ds.map((d) => d.check),
                ["sandboxedRuntime"],
            );
            assert.ok(ds[0].message.includes("label TENANCY=multi-tenant"), ds[0].message);
        });

        it("other platforms' keys stay exact", () => {
            const { stack } = judgeStack([
                { type: "aws:ec2/instance:Instance", name: "i", props: { tags: { Tenant: "a,b" } } },
            ]);
            assert.deepStrictEqual(stack, []);
        });
    });

    describe("instance templates and scale sets serve one tenant", () => {
        const rows: Array<[string, Props, string]> = [
            [
                "gcp:compute/instanceTemplate:InstanceTemplate",
                { labels: { tenant: "a" }, metadata: { tenant: "a,b" } },
                "InstanceTemplate",
            ],
            [
                "gcp:compute/regionInstanceTemplate:RegionInstanceTemplate",
                { metadata: { tenant: "a,b" } },
                "InstanceTemplate",
            ],
            ["azure-native:compute:VirtualMachineScaleSet", { tags: { tenant: "a,b" } }, "VirtualMachineScaleSet"],
            [
                "azure-native:compute/v20240701:VirtualMachineScaleSet",
                { tags: { TENANT: "a,b" } },
                "VirtualMachineScaleSet",
            ],
        ];
        for (const [type, props, kind] of rows)
            it(`${type}: two tenants fail tenantSharedHost, one passes`, () => {
                const [w] = toWorkloads(type, "res", props);
                assert.strictEqual(w.kind, kind);
                assert.strictEqual(w.isolation, "vm");
                const shared = judgeStack([{ type, name: "res", props }]).stack;
                assert.deepStrictEqual(
                    shared.map((d) => d.check),
                    ["tenantSharedHost"],
                );
                const one = judgeStack([
                    { type, name: "res", props: { labels: { tenant: "a" }, tags: { tenant: "a" } } },
                ]);
                assert.deepStrictEqual(one.stack, []);
            });

        it("names: the template's `name`, the scale set's `vmScaleSetName`, else the resource's", () => {
            assert.strictEqual(toWorkloads(rows[0][0], "r", { name: "tpl" })[0].name, "tpl");
            assert.strictEqual(toWorkloads(rows[2][0], "r", { vmScaleSetName: "ss" })[0].name, "ss");
            assert.strictEqual(toWorkloads(rows[2][0], "r", {})[0].name, "r");
        });
    });
});
