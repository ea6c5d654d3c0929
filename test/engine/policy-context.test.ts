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
import { resourcePolicy } from "../../engine/policy";
import { PackRunState } from "../../engine/runState";
import { opaqueResourceFinding } from "../../engine/opaque";
import type { PolicyConfig } from "../../engine/types";
import { resourcePolicies } from "../../policies";
import { hardenedPodSpec, privilegedDeployment } from "../fixtures/kubernetes";
import { dockerProvider, tenantContainer } from "../fixtures/multitenancy";
import { UNKNOWN } from "../harness/engine";

const DEPLOYMENT = "kubernetes:apps/v1:Deployment";
const NS = "kubernetes:core/v1:Namespace";
const RC = "kubernetes:node.k8s.io/v1:RuntimeClass";
const urnOf = (type: string, name: string) => `urn:pulumi:dev::proj::${type}::${name}`;
/** The pack run these tests' policies share, as packPolicies() shares one among a pack's policies. */
const run = new PackRunState();

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
    return resourcePolicy(def, run) as ResourceValidationPolicy & StackValidationPolicy;
}

interface Res {
    type: string;
    name: string;
    props: Record<string, unknown>;
    dependencies?: string[];
    metadataDependencies?: string[];
    provider?: { urn: string; type: string; props: Record<string, unknown> };
}

function stackArgs(resources: Res[], config: PolicyConfig = {}): StackValidationArgs {
    return {
        resources: resources.map((r) => ({
            type: r.type,
            name: r.name,
            urn: urnOf(r.type, r.name),
            props: r.props,
            ...(r.provider ? { provider: { ...r.provider, name: r.provider.urn.split("::").pop() } } : {}),
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
            run.exemptionUsage.unused().filter((u) => u.label.includes("MT-USED-BY-STACK")),
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

    it("an exemption selects a resource by its Pulumi name and URN, and waiving a finding counts as its use", () => {
        const def = resourcePolicies.find((d) => d.name === "no-privileged-containers");
        assert.ok(def);
        const p = resourcePolicy(def, run) as ResourceValidationPolicy;
        // The Pulumi resource is "agent-res"; the object it creates is called "agent", so only the Pulumi name selects it.
        const props = privilegedDeployment();
        const urn = urnOf(DEPLOYMENT, "agent-res");
        const exemption = (id: string, match: Record<string, string>) => ({
            id,
            checks: ["privileged"],
            match,
            reason: "pinned",
            expires: "2099-12-31",
        });
        for (const [id, match] of [
            ["BY-PULUMI-NAME", { name: "agent-res" }],
            ["BY-URN", { urn: "*::agent-res" }],
        ] as const) {
            const config = { exemptions: [exemption(id, match)] } as PolicyConfig;
            const { report, seen } = recorder();
            void (p.validateResource as ResourceValidation)(
                {
                    type: DEPLOYMENT,
                    name: "agent-res",
                    urn,
                    props,
                    getConfig: () => config,
                    stackTags: new Map<string, string>(),
                } as unknown as ResourceValidationArgs,
                report,
            );
            const privilegedFindings = seen.filter((r) => r.message.startsWith("[privileged]"));
            assert.strictEqual(privilegedFindings.length, 1, `${id}: ${JSON.stringify(seen)}`);
            assert.ok(
                privilegedFindings[0].message.includes(`waived by exemption "${id}"`),
                privilegedFindings[0].message,
            );
            assert.deepStrictEqual(
                run.exemptionUsage.unused().filter((u) => u.label.includes(id)),
                [],
                `${id} matched a finding, so it is used`,
            );
        }
    });

    it("a RuntimeClass judges only the workloads on its own cluster's provider", () => {
        const k8s = (name: string) => ({
            urn: urnOf("pulumi:providers:kubernetes", name),
            type: "pulumi:providers:kubernetes",
            props: {},
        });
        const tenants = namespace("tenants", { tenancy: "multi-tenant" });
        // Cluster A declares "gvisor" with a runc handler; the workload on cluster B names a class of the same name.
        const resources = (workloadCluster: string): Res[] => [
            { ...tenants, provider: k8s("a") },
            { type: RC, name: "gvisor", props: { metadata: { name: "gvisor" }, handler: "runc" }, provider: k8s("a") },
            {
                type: DEPLOYMENT,
                name: "job",
                props: {
                    metadata: { name: "job", namespace: "tenants" },
                    spec: { template: { spec: { ...hardenedPodSpec(), runtimeClassName: "gvisor" } } },
                },
                provider: k8s(workloadCluster),
            },
        ];
        const runtimeClassFindings = (workloadCluster: string) => {
            const { report, seen } = recorder();
            void multiTenantPolicy().validateStack(stackArgs(resources(workloadCluster)), report);
            return seen.filter((r) => r.message.startsWith("[sandboxRuntimeClass]")).map((r) => r.urn);
        };
        assert.deepStrictEqual(runtimeClassFindings("a"), [urnOf(RC, "gvisor")]);
        assert.deepStrictEqual(runtimeClassFindings("b"), []);
    });

    it("tells Docker hosts apart by the provider's host: the default daemon, a remote one", () => {
        const toRes = (i: ReturnType<typeof tenantContainer>): Res => ({
            type: i.type,
            name: i.name,
            props: i.props,
            ...(i.provider ? { provider: i.provider } : {}),
        });
        const sharedHostFindings = (resources: Res[]) => {
            const { report, seen } = recorder();
            void multiTenantPolicy().validateStack(stackArgs(resources), report);
            return seen.filter((r) => r.message.startsWith("[tenantSharedHost]")).map((r) => r.urn);
        };
        const DOCKER = "docker:index/container:Container";
        // Two tenants on the default daemon (no provider) share it.
        assert.deepStrictEqual(sharedHostFindings([toRes(tenantContainer("acme")), toRes(tenantContainer("globex"))]), [
            urnOf(DOCKER, "acme-web"),
            urnOf(DOCKER, "globex-web"),
        ]);
        // One of them on a remote daemon: no shared host.
        const remote = dockerProvider("remote", "ssh://ops@host-b");
        assert.deepStrictEqual(
            sharedHostFindings([toRes(tenantContainer("acme")), toRes(tenantContainer("globex", undefined, remote))]),
            [],
        );
    });
});
