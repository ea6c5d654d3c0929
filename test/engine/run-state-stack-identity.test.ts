// A pack run tells stacks apart by their resources: unused-exemptions completes the stack passes the engine has not run
// yet *for this stack* (engine/runState.ts), so a pass run for an earlier stack of the same size must not count.
import * as assert from "assert";
import type { ReportViolation, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import type { PolicyConfig } from "../../engine/types";
import { packPolicies, PolicyEntry } from "../../policies/pack";
import { hardenedPodSpec } from "../fixtures/kubernetes";

const urnOf = (type: string, name: string) => `urn:pulumi:dev::proj::${type}::${name}`;
const UNUSED = "unused-exemptions";

/** A Namespace of tenants, a RuntimeClass `rc` whose handler is runc, and a tenant Deployment that asks for it. */
function stack(suffix: string) {
    return [
        {
            type: "kubernetes:core/v1:Namespace",
            name: `tenants-${suffix}`,
            props: { metadata: { name: `tenants-${suffix}`, labels: { tenancy: "multi-tenant" } } },
        },
        {
            type: "kubernetes:node.k8s.io/v1:RuntimeClass",
            name: `gvisor-${suffix}`,
            props: { metadata: { name: `gvisor-${suffix}` }, handler: "runc" },
        },
        {
            type: "kubernetes:apps/v1:Deployment",
            name: `job-${suffix}`,
            props: {
                metadata: { name: `job-${suffix}`, namespace: `tenants-${suffix}` },
                spec: { template: { spec: { ...hardenedPodSpec(), runtimeClassName: `gvisor-${suffix}` } } },
            },
        },
    ];
}

/** AnalyzeStack of `resources` with the stack policies in `names` order; the unused-exemptions notes. */
function analyzeStack(
    pack: PolicyEntry[],
    resources: ReturnType<typeof stack>,
    config: Record<string, PolicyConfig>,
    names: string[],
) {
    const notes: string[] = [];
    for (const name of names) {
        const policy = pack.find((e) => e.policy.name === name)!.policy as StackValidationPolicy;
        const args = {
            resources: resources.map((r) => ({
                ...r,
                urn: urnOf(r.type, r.name),
                dependencies: [],
                propertyDependencies: {},
            })),
            getConfig: () => config[name] ?? {},
            stackTags: new Map<string, string>(),
        } as unknown as StackValidationArgs;
        const report = ((m: string | { message: string }) => {
            if (name === UNUSED) notes.push(typeof m === "string" ? m : m.message);
        }) as ReportViolation;
        void policy.validateStack(args, report);
    }
    return notes;
}

describe("engine/runState.ts: a stack pass counts only for the stack it judged", () => {
    it("a second stack of the same size gets its own catch-up pass, so its exemption is seen as used", () => {
        const exemption = (id: string, name: string) => ({
            id,
            checks: ["sandboxRuntimeClass"],
            match: { name },
            reason: "test",
            expires: "2099-12-31",
        });
        const config = {
            "multi-tenant-isolation": { exemptions: [exemption("A", "gvisor-a"), exemption("B", "gvisor-b")] },
        };
        const pack = packPolicies();
        // Stack a in the engine's order: multi-tenant-isolation's pass runs first and uses exemption A.
        const first = analyzeStack(pack, stack("a"), config, ["multi-tenant-isolation", UNUSED]);
        assert.strictEqual(first.length, 1, JSON.stringify(first));
        assert.ok(first[0].includes('exemption "B"'), first[0]);
        // Stack b, as large as a, with unused-exemptions first: it must run b's pass itself, which uses B.
        const second = analyzeStack(pack, stack("b"), config, [UNUSED, "multi-tenant-isolation"]);
        assert.deepStrictEqual(second, []);
    });
});
