// Pins for engine/policy.ts and engine/opaque.ts found by mutation testing: a stack resource's Namespace is linked
// through the dependencies of its metadata, stack findings count as uses of the exemptions that waive them, and a
// Helm Release without a usable name is named by its Pulumi resource.
import * as assert from "assert";
import type {
    ReportViolation,
    ResourceValidation,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    StackValidationArgs,
    StackValidationPolicy,
} from "@pulumi/policy";
import { exemptionUsage, resourcePolicy } from "../../engine/policy";
import { opaqueResourceFinding } from "../../engine/opaque";
import type { PolicyConfig } from "../../engine/types";
import { resourcePolicies } from "../../policies";
import { hardenedPodSpec } from "../fixtures/kubernetes";
import { UNKNOWN } from "../harness/engine";

const DEPLOYMENT = "kubernetes:apps/v1:Deployment";
const NS = "kubernetes:core/v1:Namespace";
const RC = "kubernetes:node.k8s.io/v1:RuntimeClass";
const urnOf = (type: string, name: string) => `urn:pulumi:dev::proj::${type}::${name}`;

type Reported = { message: string; urn?: string };

function recorder(): { report: ReportViolation; seen: Reported[] } {
    const seen: Reported[] = [];
    const report = ((m: string | { message: string; urn?: string }, urn?: string) => {
        seen.push(typeof m === "string" ? { message: m, urn } : { message: m.message, urn: m.urn });
    }) as ReportViolation;
    return { report, seen };
}

function multiTenantPolicy() {
    const def = resourcePolicies.find((d) => d.name === "multi-tenant-isolation");
    assert.ok(def);
    return resourcePolicy(def) as ResourceValidationPolicy & StackValidationPolicy;
}

interface Res {
    type: string;
    name: string;
    props: Record<string, unknown>;
    dependencies?: string[];
    metadataDependencies?: string[];
}

function stackArgs(resources: Res[], config: PolicyConfig = {}): StackValidationArgs {
    return {
        resources: resources.map((r) => ({
            type: r.type,
            name: r.name,
            urn: urnOf(r.type, r.name),
            props: r.props,
            dependencies: (r.dependencies ?? []).map((urn) => ({ urn })),
            propertyDependencies: r.metadataDependencies
                ? { metadata: r.metadataDependencies.map((urn) => ({ urn })) }
                : {},
        })),
        getConfig: () => config,
        stackTags: new Map<string, string>(),
    } as unknown as StackValidationArgs;
}

const namespace = (name: string, labels: Record<string, string>): Res => ({
    type: NS,
    name,
    props: { metadata: { name, labels } },
});

describe("policy glue (pinned)", () => {
    it("links a workload whose namespace is unknown to the Namespace its metadata depends on", () => {
        const deployment: Res = {
            type: DEPLOYMENT,
            name: "job",
            props: { metadata: { name: "job", namespace: UNKNOWN }, spec: { template: { spec: hardenedPodSpec() } } },
            // The resource depends on both Namespaces; only the metadata's dependency names its own.
            dependencies: [urnOf(NS, "tenants"), urnOf(NS, "ops")],
            metadataDependencies: [urnOf(NS, "tenants")],
        };
        const { report, seen } = recorder();
        void multiTenantPolicy().validateStack(
            stackArgs([namespace("tenants", { tenancy: "multi-tenant" }), namespace("ops", {}), deployment]),
            report,
        );
        assert.deepStrictEqual(
            seen.filter((r) => r.message.startsWith("[sandboxedRuntime]")).map((r) => r.urn),
            [urnOf(DEPLOYMENT, "job")],
        );
    });

    it("a stack finding an exemption waives counts as a use of that exemption", () => {
        const config = {
            exemptions: [
                {
                    id: "MT-USED-BY-STACK",
                    checks: ["sandboxRuntimeClass"],
                    match: { name: "gvisor" },
                    reason: "pinned",
                    expires: "2099-12-31",
                },
            ],
        } as PolicyConfig;
        const resources: Res[] = [
            namespace("tenants", { tenancy: "multi-tenant" }),
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
        const p = multiTenantPolicy();
        // The resource pass over the Deployment records the policy's exemptions, as the engine runs it first; the stack
        // pass then uses one.
        void (p.validateResource as ResourceValidation)(
            {
                type: DEPLOYMENT,
                name: "job",
                urn: urnOf(DEPLOYMENT, "job"),
                props: resources[2].props,
                getConfig: () => config,
                stackTags: new Map<string, string>(),
            } as unknown as ResourceValidationArgs,
            recorder().report,
        );
        const { report, seen } = recorder();
        void p.validateStack(stackArgs(resources, config), report);
        assert.ok(
            seen.some((r) => r.message.startsWith("[sandboxRuntimeClass]") && /waived by exemption/.test(r.message)),
            JSON.stringify(seen),
        );
        assert.deepStrictEqual(
            exemptionUsage.unused().filter((u) => u.label.includes("MT-USED-BY-STACK")),
            [],
        );
    });

    it("names a Helm Release by its Pulumi resource when its name is missing or not a string", () => {
        const RELEASE = "kubernetes:helm.sh/v3:Release";
        for (const props of [{ chart: "ingress-nginx" }, { name: 7, chart: "ingress-nginx" }]) {
            const message = opaqueResourceFinding(RELEASE, "res", props);
            assert.ok(message?.startsWith('[helmRelease] Release "res" (chart "ingress-nginx")'), message);
        }
    });
});
