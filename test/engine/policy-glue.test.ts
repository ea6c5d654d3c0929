// engine/policy.ts and engine/opaque.ts judged in-process: the policy objects @pulumi/policy calls, with the argument
// objects its server builds. The gRPC tests prove the same through a real server, but from a child process, which
// the mutation run cannot see into; these pin what the glue itself decides: which form a violation is reported in,
// that an error is a violation and never a pass, which dependencies a stack resource carries, and the Helm v3
// Release advisory.
import * as assert from "assert";
import type {
    PolicyResource,
    ReportViolation,
    ResourceValidation,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    StackValidationArgs,
    StackValidationPolicy,
} from "@pulumi/policy";
import { resourcePolicy } from "../../engine/policy";
import { PackRunState } from "../../engine/runState";
import type { PolicyConfig } from "../../engine/types";
import { opaqueHelmReleases } from "../../policies/opaque-helm-releases";
import { resourcePolicies } from "../../policies";
import { hardenedPodSpec, privilegedDeployment } from "../fixtures/kubernetes";
import { UNKNOWN } from "../harness/engine";

const DEPLOYMENT = "kubernetes:apps/v1:Deployment";

type Reported = { message: string; advisory: boolean; urn?: string };

/** A reportViolation that records both forms: (message, urn) and the object form for advisory findings. */
function recorder(): { report: ReportViolation; seen: Reported[] } {
    const seen: Reported[] = [];
    const report = ((m: string | { message: string; enforcementLevel?: string; urn?: string }, urn?: string) => {
        if (typeof m === "string") seen.push({ message: m, advisory: false, ...(urn ? { urn } : {}) });
        else
            seen.push({
                message: m.message,
                advisory: m.enforcementLevel === "advisory",
                ...(m.urn ? { urn: m.urn } : {}),
            });
    }) as ReportViolation;
    return { report, seen };
}

const urnOf = (type: string, name: string) => `urn:pulumi:dev::proj::${type}::${name}`;

function resourceArgs(type: string, name: string, props: Record<string, unknown>, config: PolicyConfig = {}) {
    return {
        type,
        name,
        urn: urnOf(type, name),
        props,
        getConfig: () => config,
        stackTags: new Map<string, string>(),
    } as unknown as ResourceValidationArgs;
}

const policy = (name: string) => {
    const def = resourcePolicies.find((d) => d.name === name);
    assert.ok(def, name);
    return resourcePolicy(def);
};

function validate(p: ResourceValidationPolicy, args: ResourceValidationArgs): Reported[] {
    const { report, seen } = recorder();
    void (p.validateResource as ResourceValidation)(args, report);
    return seen;
}

describe("engine/policy.ts: the policy objects the engine calls", () => {
    it("a mandatory finding is reported as a plain message; an advisory one in the object form with its level", () => {
        const mandatory = validate(
            policy("no-privileged-containers"),
            resourceArgs(DEPLOYMENT, "agent", privilegedDeployment()),
        );
        assert.ok(mandatory.length > 0);
        assert.ok(
            mandatory.every((r) => !r.advisory && r.urn === undefined),
            JSON.stringify(mandatory),
        );
        assert.match(mandatory[0].message, /^\[privileged\] Deployment "agent", container "c" must not run privileged/);
        // A preview-time unknown is deferred with an advisory note (unknownValues: defer, the default).
        const deferred = privilegedDeployment();
        deferred.spec.template.spec.containers[0].securityContext.privileged = UNKNOWN as unknown as boolean;
        const advisory = validate(policy("no-privileged-containers"), resourceArgs(DEPLOYMENT, "agent", deferred));
        assert.strictEqual(advisory.length, 1, JSON.stringify(advisory));
        assert.ok(advisory[0].advisory && advisory[0].urn === undefined, JSON.stringify(advisory));
        assert.match(advisory[0].message, /spec\.template\.spec\.containers\[0\]\.securityContext\.privileged/);
    });

    it("a resource no adapter reads reports nothing; a hardened Deployment reports nothing", () => {
        assert.deepStrictEqual(
            validate(
                policy("no-privileged-containers"),
                resourceArgs("kubernetes:core/v1:ConfigMap", "c", { data: {} }),
            ),
            [],
        );
        const hardened = { metadata: { name: "web" }, spec: { template: { spec: hardenedPodSpec() } } };
        for (const def of resourcePolicies) {
            assert.deepStrictEqual(
                validate(resourcePolicy(def), resourceArgs(DEPLOYMENT, "web", hardened)),
                [],
                def.name,
            );
        }
    });

    it("an error while judging is a violation naming the policy, never a pass", () => {
        const args = resourceArgs(DEPLOYMENT, "agent", privilegedDeployment());
        (args as unknown as { getConfig: () => never }).getConfig = () => {
            throw new Error("config exploded");
        };
        const seen = validate(policy("no-privileged-containers"), args);
        assert.deepStrictEqual(seen, [
            {
                message:
                    "[internal] no-privileged-containers could not evaluate this resource (config exploded); treated as a violation",
                advisory: false,
            },
        ]);
    });

    it("an unknown field is noted once per resource however many policies defer on it, once again for another resource", () => {
        // A whole securityContext unknown: six policies read fields of it and each would defer on it.
        const props = privilegedDeployment();
        (props.spec.template.spec.containers[0] as Record<string, unknown>).securityContext = UNKNOWN;
        // The pack's policies share one pack run's state (policies/pack.ts), which remembers what was noted.
        const run = new PackRunState();
        const notes = (p: object) =>
            resourcePolicies
                .flatMap((d) => validate(resourcePolicy(d, run), resourceArgs(DEPLOYMENT, "agent", p as typeof props)))
                .filter((r) => r.message.includes("spec.template.spec.containers[0].securityContext"));
        // The same props object, as the engine hands one resource to every policy in turn: one note.
        const once = notes(props);
        assert.strictEqual(once.length, 1, JSON.stringify(once));
        assert.ok(once[0].advisory);
        // Another resource (another props object) gets its own note.
        assert.strictEqual(notes(JSON.parse(JSON.stringify(props))).length, 1);
    });

    it("stack tags reach the checks: a stack tagged multi-tenant makes its plain Docker container need a sandbox", () => {
        // (A Deployment's sandbox is left to validateStack since issue 23: a RuntimeClass or Fargate profile may give it.)
        const tagged = new Map([["tenancy", "multi-tenant"]]);
        const plain = { metadata: { name: "web" }, spec: { template: { spec: hardenedPodSpec() } } };
        const deployment = resourceArgs(DEPLOYMENT, "web", plain);
        (deployment as unknown as { stackTags: Map<string, string> }).stackTags = tagged;
        assert.deepStrictEqual(validate(policy("multi-tenant-isolation"), deployment), []);
        const args = resourceArgs("docker:index/container:Container", "web", { name: "web", image: "nginx:1.27" });
        assert.deepStrictEqual(validate(policy("multi-tenant-isolation"), args), []);
        (args as unknown as { stackTags: Map<string, string> }).stackTags = tagged;
        const seen = validate(policy("multi-tenant-isolation"), args);
        assert.deepStrictEqual(
            seen.map((r) => r.message.slice(0, r.message.indexOf("]") + 1)),
            ["[sandboxedRuntime]"],
        );
    });

    it("a policy with a safe fix has remediateResource and it fixes the inputs; one without has none", () => {
        const noPrivileged = policy("no-privileged-containers");
        assert.ok(noPrivileged.remediateResource, "no-privileged-containers can remediate");
        const fixed = noPrivileged.remediateResource(
            resourceArgs(DEPLOYMENT, "agent", privilegedDeployment()) as never,
        ) as ReturnType<typeof privilegedDeployment> | undefined;
        assert.strictEqual(fixed?.spec.template.spec.containers[0].securityContext.privileged, false);
        assert.strictEqual(policy("no-host-namespaces").remediateResource, undefined);
        assert.strictEqual(policy("no-privileged-containers").validateStack, undefined);
    });

    describe("validateStack", () => {
        const stackPolicy = () => {
            const p = policy("multi-tenant-isolation");
            assert.ok(p.validateStack, "multi-tenant-isolation runs on the stack");
            return p as ResourceValidationPolicy & StackValidationPolicy;
        };

        function stackArgs(resources: Array<Partial<PolicyResource>>, config: PolicyConfig = {}) {
            return {
                resources: resources.map((r) => ({
                    dependencies: [],
                    propertyDependencies: {},
                    ...r,
                    urn: urnOf(r.type ?? "", r.name ?? ""),
                })),
                getConfig: () => config,
                stackTags: new Map<string, string>(),
            } as unknown as StackValidationArgs;
        }

        function validateStack(args: StackValidationArgs): Reported[] {
            const { report, seen } = recorder();
            void stackPolicy().validateStack(args, report);
            return seen;
        }

        const RC = "kubernetes:node.k8s.io/v1:RuntimeClass";
        const NS = "kubernetes:core/v1:Namespace";
        const tenantPod = (runtimeClassName: string) => ({
            metadata: { name: "job", namespace: "tenants" },
            spec: { template: { spec: { ...hardenedPodSpec(), runtimeClassName } } },
        });
        const stack = (handler: string) => [
            {
                type: NS,
                name: "tenants",
                props: { metadata: { name: "tenants", labels: { tenancy: "multi-tenant" } } },
            },
            { type: RC, name: "gvisor", props: { metadata: { name: "gvisor" }, handler } },
            { type: DEPLOYMENT, name: "job", props: tenantPod("gvisor") },
        ];

        it("a RuntimeClass in the stack whose handler shares the host kernel is reported at its own URN; runsc passes", () => {
            const seen = validateStack(stackArgs(stack("runc")));
            const onClass = seen.filter((r) => r.message.startsWith("[sandboxRuntimeClass]"));
            assert.strictEqual(onClass.length, 1, JSON.stringify(seen));
            assert.ok(!onClass[0].advisory);
            assert.strictEqual(onClass[0].urn, urnOf(RC, "gvisor"));
            assert.match(onClass[0].message, /used by multi-tenant Deployment "job" but does not start a sandbox/);
            assert.deepStrictEqual(
                validateStack(stackArgs(stack("runsc"))).filter((r) => !r.advisory),
                [],
            );
        });

        it("an error while judging the stack is a violation, never a pass", () => {
            const args = stackArgs(stack("runsc"));
            (args as unknown as { getConfig: () => never }).getConfig = () => {
                throw new Error("boom");
            };
            assert.deepStrictEqual(validateStack(args), [
                {
                    message:
                        "[internal] multi-tenant-isolation could not evaluate this stack (boom); treated as a violation",
                    advisory: false,
                },
            ]);
        });
    });
});

describe("engine/opaque.ts: Helm v3 Releases", () => {
    const RELEASE = "kubernetes:helm.sh/v3:Release";
    function judgeRelease(type: string, name: string, props: Record<string, unknown>, config: PolicyConfig = {}) {
        const { report, seen } = recorder();
        void (opaqueHelmReleases.validateResource as ResourceValidation)(
            resourceArgs(type, name, props, config),
            report,
        );
        return seen.map((r) => r.message);
    }

    it("names the release, its chart and whether values were given; any version of the type", () => {
        assert.deepStrictEqual(
            judgeRelease(RELEASE, "res", { name: "ingress", chart: "ingress-nginx", values: { a: 1 } }),
            [
                '[helmRelease] Release "ingress" (chart "ingress-nginx") is opaque to policies: the pods its chart and its values render are applied inside the Kubernetes provider and never reach the policy engine, so none of them is judged; deploy the chart with kubernetes.helm.v4.Chart instead, whose rendered resources are registered as children and judged',
            ],
        );
        const [bare] = judgeRelease("kubernetes:helm.sh/v4beta1:Release", "res", { name: "", values: {} });
        assert.match(bare, /^\[helmRelease\] Release "res" is opaque to policies: the pods its chart render are/);
    });

    it("reports nothing for a Helm v4 Chart, another type, or a Release-like name in another group", () => {
        assert.deepStrictEqual(judgeRelease("kubernetes:helm.sh/v4:Chart", "c", { chart: "x" }), []);
        assert.deepStrictEqual(judgeRelease("kubernetes:example.com/v1:Release", "c", { chart: "x" }), []);
        assert.deepStrictEqual(judgeRelease(`x${RELEASE}`, "c", { chart: "x" }), []);
        assert.deepStrictEqual(judgeRelease(`${RELEASE}s`, "c", { chart: "x" }), []);
    });

    it("is switched off with its check", () => {
        assert.deepStrictEqual(
            judgeRelease(RELEASE, "r", { chart: "x" }, { checks: { helmRelease: false } } as PolicyConfig),
            [],
        );
    });
});
