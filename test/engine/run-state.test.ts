// No mutable state shared between policies or packs (engine/runState.ts): packPolicies() creates one PackRunState per
// pack and hands it to every policy it builds, and unused-exemptions completes the stack passes the engine has not run
// yet, so its verdict is the same whatever order the engine calls the stack policies in.
import * as assert from "assert";
import type {
    ReportViolation,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    StackValidationArgs,
    StackValidationPolicy,
} from "@pulumi/policy";
import type { PolicyConfig } from "../../engine/types";
import { packPolicies, PolicyEntry } from "../../policies/pack";
import { hardenedPodSpec, privilegedDeployment } from "../fixtures/kubernetes";

const DEPLOYMENT = "kubernetes:apps/v1:Deployment";
const NS = "kubernetes:core/v1:Namespace";
const RC = "kubernetes:node.k8s.io/v1:RuntimeClass";
const UNUSED_EXEMPTIONS = "unused-exemptions";
const urnOf = (type: string, name: string) => `urn:pulumi:dev::proj::${type}::${name}`;

interface Res {
    type: string;
    name: string;
    props: Record<string, unknown>;
}
type PackConfig = Record<string, PolicyConfig>;

function exemption(id: string, checks: string[], match: Record<string, string>) {
    return { id, checks, match, reason: "test", expires: "2099-12-31" };
}

/** What the engine does in one preview: Analyze every resource with every policy, then AnalyzeStack in `order`. */
function preview(
    pack: PolicyEntry[],
    resources: Res[],
    config: PackConfig,
    order: (names: string[]) => string[] = (names) => names,
): string[] {
    const unusedNotes: string[] = [];
    const configOf = (name: string) => () => config[name] ?? {};
    const ignore = (() => undefined) as ReportViolation;
    for (const r of resources) {
        for (const { policy } of pack) {
            const validate = (policy as Partial<ResourceValidationPolicy>).validateResource;
            if (typeof validate !== "function") continue;
            const args = {
                type: r.type,
                name: r.name,
                urn: urnOf(r.type, r.name),
                props: r.props,
                getConfig: configOf(policy.name),
                stackTags: new Map<string, string>(),
            } as unknown as ResourceValidationArgs;
            void validate(args, ignore);
        }
    }
    const stackPolicies = new Map(
        pack
            .filter(({ policy }) => typeof (policy as Partial<StackValidationPolicy>).validateStack === "function")
            .map(({ policy }) => [policy.name, policy as StackValidationPolicy] as const),
    );
    for (const name of order([...stackPolicies.keys()])) {
        const policy = stackPolicies.get(name)!;
        const args = {
            resources: resources.map((r) => ({
                type: r.type,
                name: r.name,
                urn: urnOf(r.type, r.name),
                props: r.props,
                dependencies: [],
                propertyDependencies: {},
            })),
            getConfig: configOf(name),
            stackTags: new Map<string, string>(),
        } as unknown as StackValidationArgs;
        const report = ((m: string | { message: string }) => {
            if (name === UNUSED_EXEMPTIONS) unusedNotes.push(typeof m === "string" ? m : m.message);
        }) as ReportViolation;
        void policy.validateStack(args, report);
    }
    return unusedNotes;
}

describe("engine/runState.ts: one pack run's state, handed to the policies of that pack only", () => {
    it("two packs built in one process do not see each other's exemption usage", () => {
        const config: PackConfig = {
            "no-privileged-containers": {
                exemptions: [exemption("AGENT", ["privileged"], { name: "agent" })],
            },
        };
        const privileged: Res = { type: DEPLOYMENT, name: "agent", props: privilegedDeployment() };
        const hardened: Res = {
            type: DEPLOYMENT,
            name: "agent",
            props: { metadata: { name: "agent" }, spec: { template: { spec: hardenedPodSpec() } } },
        };
        const first = packPolicies();
        const second = packPolicies();
        // The first pack's resource uses the exemption; the second pack's resource needs none.
        assert.deepStrictEqual(preview(first, [privileged], config), []);
        const notes = preview(second, [hardened], config);
        assert.strictEqual(notes.length, 1, JSON.stringify(notes));
        assert.ok(notes[0].includes('exemption "AGENT" of policy no-privileged-containers matches nothing'), notes[0]);
        // And the first pack still has its own record.
        assert.deepStrictEqual(preview(first, [privileged], config), []);
    });

    it("the unused-exemptions verdict does not depend on the order the engine runs the stack policies in", () => {
        // MT-USED-BY-STACK waives only a stack check's finding (a RuntimeClass "gvisor" whose handler is runc, used by
        // a multi-tenant Deployment): it is used only once multi-tenant-isolation's stack pass has run.
        const config: PackConfig = {
            "multi-tenant-isolation": {
                exemptions: [
                    exemption("MT-USED-BY-STACK", ["sandboxRuntimeClass"], { name: "gvisor" }),
                    exemption("MT-UNUSED", ["sandboxedRuntime"], { name: "nothing-has-this-name" }),
                ],
            },
        };
        const resources: Res[] = [
            {
                type: NS,
                name: "tenants",
                props: { metadata: { name: "tenants", labels: { tenancy: "multi-tenant" } } },
            },
            { type: RC, name: "gvisor", props: { metadata: { name: "gvisor" }, handler: "runc" } },
            {
                type: DEPLOYMENT,
                name: "job",
                props: {
                    metadata: { name: "job", namespace: "tenants" },
                    spec: { template: { spec: { ...hardenedPodSpec(), runtimeClassName: "gvisor" } } },
                },
            },
        ];
        const unusedFirst = (names: string[]) => [
            UNUSED_EXEMPTIONS,
            ...names.filter((n) => n !== UNUSED_EXEMPTIONS).reverse(),
        ];
        const inPackOrder = preview(packPolicies(), resources, config);
        const unusedExemptionsFirst = preview(packPolicies(), resources, config, unusedFirst);
        assert.deepStrictEqual(unusedExemptionsFirst, inPackOrder);
        assert.strictEqual(inPackOrder.length, 1, JSON.stringify(inPackOrder));
        assert.ok(inPackOrder[0].includes('exemption "MT-UNUSED"'), inPackOrder[0]);
    });
});
