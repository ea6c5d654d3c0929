import * as assert from "assert";
import { toWorkloads } from "../../adapters";
import { isCustomResourceType, wellKnownKinds } from "../../adapters/crd";
import { remediateInputs } from "../../engine/remediation";
import { resourcePolicies } from "../../policies";
import {
    CR_INSTANCES,
    POD_SECURITY_CONTEXT,
    container,
    hardenedSecurityContext,
    template,
} from "../fixtures/customResources";
import { Obj, hardenedPodSpec } from "../fixtures/kubernetes";
import { UNKNOWN } from "../harness/engine";
import { checkIds, judge } from "../helpers";

describe("custom-resource adapter: every well-known CRD family", () => {
    for (const inst of CR_INSTANCES) {
        describe(inst.name, () => {
            it("passes every default policy when hardened", () => {
                assert.deepStrictEqual(checkIds(inst.type, inst.props(false)), []);
                assert.ok(toWorkloads(inst.type, "cr", inst.props(false)).length > 0, "reads a pod");
            });

            it(`rejects the violating instance under [${inst.fault.check}] at the CR's own field path`, () => {
                const ds = judge(inst.type, inst.props(true)).filter((d) => !d.advisory);
                const hit = ds.find((d) => d.check === inst.fault.check);
                assert.ok(hit, ds.map((d) => d.message).join("\n"));
                assert.ok(hit.message.includes(`${inst.fault.path} is `), hit.message);
                assert.deepStrictEqual(
                    ds.map((d) => d.check),
                    [inst.fault.check],
                    "only the fault, nothing the hardened instance passes",
                );
            });
        });
    }

    it("the fixtures cover every kind of the table", () => {
        const covered = new Set(CR_INSTANCES.map((i) => i.type.replace(/^kubernetes:([^/]+)\/[^:]+:/, "$1:")));
        const missing = wellKnownKinds()
            .flatMap(({ group, kinds }) => kinds.map((k) => `${group}:${k}`))
            .filter((k) => !covered.has(k));
        // Knative Revision (the controller writes it), MXJob (retired framework) are read like their siblings.
        assert.deepStrictEqual(missing, ["serving.knative.dev:Revision", "kubeflow.org:MXJob"]);
    });
});

describe("custom-resource adapter: routing", () => {
    it("never takes a core Kubernetes group, takes any other dotted group (sparkoperator.k8s.io included)", () => {
        for (const t of [
            "kubernetes:core/v1:Pod",
            "kubernetes:apps/v1:Deployment",
            "kubernetes:batch/v1:CronJob",
            "kubernetes:networking.k8s.io/v1:Ingress",
            "kubernetes:rbac.authorization.k8s.io/v1:Role",
            "kubernetes:node.k8s.io/v1:RuntimeClass",
            "kubernetes:helm.sh/v3:Release",
            "kubernetes:yaml/v2:ConfigGroup",
            "kubernetes:kubevirt.io/v1:VirtualMachine",
            "docker:index/container:Container",
        ])
            assert.strictEqual(isCustomResourceType(t), false, t);
        for (const t of [
            "kubernetes:argoproj.io/v1alpha1:Rollout",
            "kubernetes:sparkoperator.k8s.io/v1beta2:SparkApplication",
            "kubernetes:cert-manager.io/v1:Certificate",
            "kubernetes:apps.kruise.io/v1beta1:StatefulSet",
        ])
            assert.strictEqual(isCustomResourceType(t), true, t);
    });

    it("reads a Kruise StatefulSet by its own table entry, not as an apps/v1 StatefulSet", () => {
        const [w] = toWorkloads("kubernetes:apps.kruise.io/v1beta1:StatefulSet", "s", {
            metadata: { name: "s" },
            spec: { template: template() },
        });
        assert.strictEqual(w.kind, "StatefulSet");
        assert.strictEqual(w.type, "kubernetes:apps.kruise.io/v1beta1:StatefulSet");
        assert.strictEqual(w.specPath, "spec.template.spec");
    });

    it("reads any apiVersion of a known group (argoproj.io/v1beta1 Rollout)", () => {
        const t = template();
        t.spec.containers[0].securityContext.privileged = true;
        assert.deepStrictEqual(checkIds("kubernetes:argoproj.io/v1beta1:Rollout", { spec: { template: t } }), [
            "privileged",
        ]);
    });
});

const ROLLOUT = "kubernetes:argoproj.io/v1alpha1:Rollout";
const WORKFLOW = "kubernetes:argoproj.io/v1alpha1:Workflow";
const TASK = "kubernetes:tekton.dev/v1:Task";

function rollout(t: Obj = template(), labels: Obj = {}): Obj {
    return {
        apiVersion: "argoproj.io/v1alpha1",
        kind: "Rollout",
        metadata: { name: "web", labels },
        spec: { template: t },
    };
}

describe("custom-resource adapter: what a CR without a pod is", () => {
    it("ignores a cert-manager Certificate: no workload, no finding", () => {
        const cert = {
            apiVersion: "cert-manager.io/v1",
            kind: "Certificate",
            metadata: { name: "web-tls", namespace: "apps" },
            spec: {
                secretName: "web-tls",
                dnsNames: ["web.example.com"],
                issuerRef: { name: "letsencrypt", kind: "ClusterIssuer" },
            },
        };
        assert.deepStrictEqual(toWorkloads("kubernetes:cert-manager.io/v1:Certificate", "web-tls", cert), []);
        assert.deepStrictEqual(judge("kubernetes:cert-manager.io/v1:Certificate", cert), []);
    });

    it("an Argo Workflow of steps only (no container template) has no pod of the user's", () => {
        const wf = {
            spec: {
                templates: [{ name: "main", steps: [[{ name: "a", templateRef: { name: "t", template: "x" } }]] }],
            },
        };
        assert.deepStrictEqual(toWorkloads(WORKFLOW, "wf", wf), []);
    });
});

describe("custom-resource adapter: structural fallback for in-house CRDs", () => {
    const RUNNER = "kubernetes:ci.example.com/v1:RunnerPool";
    function runnerPool(privileged: boolean): Obj {
        const t = template({ pool: "linux" });
        t.spec.containers[0].securityContext.privileged = privileged;
        return {
            apiVersion: "ci.example.com/v1",
            kind: "RunnerPool",
            metadata: { name: "linux", labels: { team: "ci" } },
            spec: { minRunners: 2, pools: [{ name: "default", runner: { podTemplate: t } }] },
        };
    }

    it("judges a pod-spec-shaped object under spec of an unknown group as a pod, at its own path", () => {
        const ds = judge(RUNNER, runnerPool(true));
        assert.deepStrictEqual(
            ds.map((d) => d.check),
            ["privileged"],
        );
        assert.ok(
            ds[0].message.includes(
                "spec.pools[0].runner.podTemplate.spec.containers[0].securityContext.privileged is true",
            ),
            ds[0].message,
        );
        const [w] = toWorkloads(RUNNER, "linux", runnerPool(false));
        assert.strictEqual(w.podLabels.pool, "linux", "the template's labels are the pod's");
        assert.strictEqual(w.labels.team, "ci");
        assert.deepStrictEqual(checkIds(RUNNER, runnerPool(false)), []);
    });

    it("a bare pod spec (no template around it) counts too; a containers list without images does not", () => {
        const spec = {
            worker: { containers: [{ name: "w", image: "busybox", securityContext: { privileged: true } }] },
        };
        assert.ok(checkIds(RUNNER, { spec }).includes("privileged"));
        assert.deepStrictEqual(toWorkloads(RUNNER, "x", { spec: { worker: { containers: [{ name: "w" }] } } }), []);
    });

    it("looks no deeper than its bound (config customResourcePodSpecs reaches further)", () => {
        let deep: Obj = { containers: [{ name: "c", image: "busybox", securityContext: { privileged: true } }] };
        for (let i = 0; i < 12; i++) deep = { level: deep };
        assert.deepStrictEqual(toWorkloads(RUNNER, "x", { spec: deep }), []);
        const path = `spec.${Array(12).fill("level").join(".")}`;
        const config = { customResourcePodSpecs: [{ apiGroup: "ci.example.com", kind: "RunnerPool", paths: [path] }] };
        const ds = judge(RUNNER, { spec: deep }, { "no-privileged-containers": config });
        assert.deepStrictEqual(
            ds.map((d) => d.check).filter((c) => c === "privileged"),
            ["privileged"],
        );
        assert.ok(ds[0].message.includes(`${path}.containers[0].securityContext.privileged is true`), ds[0].message);
    });

    it("configured paths replace the table for that kind (and `*` walks maps and lists)", () => {
        const t = template();
        t.spec.containers[0].securityContext.privileged = true;
        const props = { spec: { template: template(), canaries: { a: { template: t } } } };
        assert.deepStrictEqual(checkIds(ROLLOUT, props), []);
        const config = {
            customResourcePodSpecs: [{ apiGroup: "argoproj.io", kind: "Rollout", paths: ["spec.canaries.*.template"] }],
        };
        assert.deepStrictEqual(checkIds(ROLLOUT, props, { "no-privileged-containers": config }), ["privileged"]);
    });
});

describe("custom-resource adapter: pod-level defaults of pods assembled from parts", () => {
    it("Tekton: a hardened stepTemplate covers steps that set nothing; its own fault is reported at its path", () => {
        const task = (stepTemplate: Obj): Obj => ({
            spec: { stepTemplate: { securityContext: stepTemplate }, steps: [{ name: "build", image: "golang:1.23" }] },
        });
        assert.deepStrictEqual(checkIds(TASK, task(hardenedSecurityContext())), []);
        const ds = judge(TASK, task({ ...hardenedSecurityContext(), privileged: true }));
        assert.deepStrictEqual(
            ds.map((d) => d.check),
            ["privileged"],
        );
        assert.ok(ds[0].message.includes("spec.stepTemplate.securityContext.privileged is true"), ds[0].message);
        // A step's own value wins over the template's.
        const mixed = task({ ...hardenedSecurityContext(), privileged: true });
        mixed.spec.steps[0] = { ...mixed.spec.steps[0], securityContext: { privileged: false } };
        assert.deepStrictEqual(checkIds(TASK, mixed), []);
    });

    it("Tekton: without a stepTemplate or podTemplate, a Task's bare step is unset where a Deployment's would be", () => {
        const ids = checkIds(TASK, { spec: { steps: [{ name: "build", image: "golang:1.23" }] } });
        assert.deepStrictEqual(ids, ["capabilities_restricted", "runAsNonRoot"]);
    });

    it("Argo: the workflow's securityContext is the pod's; a template's own securityContext replaces it whole", () => {
        const wf = (templateSc?: Obj) => ({
            spec: {
                securityContext: POD_SECURITY_CONTEXT(),
                templates: [
                    {
                        name: "t",
                        ...(templateSc ? { securityContext: templateSc } : {}),
                        container: {
                            image: "alpine",
                            securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } },
                        },
                    },
                ],
            },
        });
        assert.deepStrictEqual(checkIds(WORKFLOW, wf()), []);
        const ds = judge(WORKFLOW, wf({ fsGroup: 2000 }));
        assert.deepStrictEqual(
            ds.map((d) => d.check),
            ["runAsNonRoot"],
        );
        assert.ok(ds[0].message.includes('container "main"'), ds[0].message);
        assert.ok(
            ds[0].message.includes("spec.templates[0].container.securityContext.runAsNonRoot is unset"),
            ds[0].message,
        );
    });

    it("Argo: templateDefaults' container securityContext fills in the main container", () => {
        const wf = {
            spec: {
                securityContext: POD_SECURITY_CONTEXT(),
                templateDefaults: {
                    container: { securityContext: { ...hardenedSecurityContext(), privileged: true } },
                },
                templates: [{ name: "t", container: { image: "alpine" } }],
            },
        };
        const ds = judge(WORKFLOW, wf);
        assert.deepStrictEqual(
            ds.map((d) => d.check),
            ["privileged"],
        );
        assert.ok(
            ds[0].message.includes("spec.templateDefaults.container.securityContext.privileged is true"),
            ds[0].message,
        );
    });

    it("Argo podSpecPatch (YAML or JSON text) is read: a privileged patch is caught, a sandbox runtime counts", () => {
        const wf = (patch: string, labels: Obj = {}) => ({
            metadata: { name: "wf", labels },
            spec: {
                securityContext: POD_SECURITY_CONTEXT(),
                templates: [{ name: "t", podSpecPatch: patch, container: container("", "alpine") }],
            },
        });
        const ds = judge(WORKFLOW, wf("containers:\n  - name: main\n    securityContext:\n      privileged: true\n"));
        assert.deepStrictEqual(
            ds.map((d) => d.check),
            ["privileged"],
        );
        assert.ok(
            ds[0].message.includes("spec.templates[0].podSpecPatch.containers[0].securityContext.privileged is true"),
        );
        assert.deepStrictEqual(checkIds(WORKFLOW, wf("{}", { tenancy: "multi-tenant" })), ["sandboxedRuntime"]);
        assert.deepStrictEqual(
            checkIds(WORKFLOW, wf('{"runtimeClassName": "gvisor"}', { tenancy: "multi-tenant" })),
            [],
        );
    });

    it("Argo podSpecPatch unknown at preview defers the whole pod; unreadable text is a violation, not a pass", () => {
        const wf = (patch: string) => ({
            spec: {
                securityContext: POD_SECURITY_CONTEXT(),
                templates: [{ name: "t", podSpecPatch: patch, container: container("", "alpine") }],
            },
        });
        const unknown = judge(WORKFLOW, wf(UNKNOWN));
        assert.ok(
            unknown.length > 0 && unknown.every((d) => d.check === "unknownValues" && d.advisory),
            unknown.map((d) => d.message).join("\n"),
        );
        assert.ok(unknown[0].message.includes("spec.templates[0].podSpecPatch"));
        const bad = judge(WORKFLOW, wf("containers: [ {name: main"));
        assert.ok(
            bad.some((d) => !d.advisory && d.message.includes("cannot interpret")),
            bad.map((d) => d.message).join("\n"),
        );
    });
});

describe("custom-resource adapter: tenancy, exemptions and remediation work as for Deployments", () => {
    it("a multi-tenant label on a Rollout's pod template (or on the Rollout) needs a sandbox", () => {
        const t = template({ app: "web", tenancy: "multi-tenant" });
        const ds = judge(ROLLOUT, rollout(t));
        assert.deepStrictEqual(
            ds.map((d) => d.check),
            ["sandboxedRuntime"],
        );
        assert.ok(ds[0].message.includes("pod template label tenancy=multi-tenant"), ds[0].message);
        assert.deepStrictEqual(checkIds(ROLLOUT, rollout(template(), { tenancy: "multi-tenant" })), [
            "sandboxedRuntime",
        ]);
        const sandboxed = template({ tenancy: "multi-tenant" });
        sandboxed.spec.runtimeClassName = "gvisor";
        assert.deepStrictEqual(checkIds(ROLLOUT, rollout(sandboxed)), []);
    });

    it("an exemption matching the CR's type waives its finding, visibly", () => {
        const t = template();
        t.spec.containers[0].securityContext.privileged = true;
        const exemptions = [
            {
                id: "CI-42",
                checks: ["privileged"],
                match: { type: "kubernetes:argoproj.io/*:Rollout", name: "web", container: "app" },
                reason: "vendor agent",
                expires: "2999-01-01",
            },
        ];
        const ds = judge(ROLLOUT, rollout(t), { "no-privileged-containers": { exemptions } });
        assert.strictEqual(ds.length, 1);
        assert.ok(ds[0].advisory && ds[0].exemption === '"CI-42"', ds[0].message);
    });

    it("remediation fixes at the CR's own paths: a Rollout container, a Tekton stepTemplate; never inside podSpecPatch text", () => {
        const fix = (type: string, props: Obj) =>
            remediateInputs(
                resourcePolicies.find((p) => p.name === "no-privileged-containers")!,
                {
                    type,
                    name: "r",
                    urn: `urn:pulumi:dev::p::${type}::r`,
                    props,
                    getConfig: <T extends object>() => ({}) as T,
                },
            );
        const t = template();
        t.spec.containers[0].securityContext.privileged = true;
        const fixed = fix(ROLLOUT, rollout(t)) as Obj;
        assert.strictEqual(fixed.spec.template.spec.containers[0].securityContext.privileged, false);
        assert.deepStrictEqual(checkIds(ROLLOUT, fixed), []);

        const task = {
            spec: {
                stepTemplate: { securityContext: { ...hardenedSecurityContext(), privileged: true } },
                steps: [{ name: "s", image: "alpine" }],
            },
        };
        const fixedTask = fix(TASK, task) as Obj;
        assert.strictEqual(fixedTask.spec.stepTemplate.securityContext.privileged, false);
        assert.strictEqual(
            fixedTask.spec.steps[0].securityContext,
            undefined,
            "nothing written where the user wrote nothing",
        );

        const patch = "containers:\n  - name: main\n    securityContext:\n      privileged: true\n";
        const wf = {
            spec: {
                securityContext: POD_SECURITY_CONTEXT(),
                templates: [{ name: "t", podSpecPatch: patch, container: container("", "alpine") }],
            },
        };
        assert.strictEqual(fix(WORKFLOW, wf), undefined);
        assert.strictEqual(wf.spec.templates[0].podSpecPatch, patch);
    });
});

describe("custom-resource adapter: …Patch and …List variants, pod specs without a template", () => {
    it("a RolloutPatch is judged for what it sets, not for what it leaves out", () => {
        const patch = {
            spec: { template: { spec: { containers: [{ name: "app", securityContext: { privileged: true } }] } } },
        };
        assert.deepStrictEqual(checkIds(`${ROLLOUT}Patch`, patch), ["privileged"]);
        const bare = { spec: { template: { spec: { containers: [{ name: "app", image: "nginx:1.27" }] } } } };
        assert.deepStrictEqual(checkIds(`${ROLLOUT}Patch`, bare), []);
    });

    it("a RolloutList yields one workload per item, named and pathed per item", () => {
        const t = template();
        t.spec.containers[0].securityContext.privileged = true;
        const list = { items: [rollout(template()), rollout(t)] };
        const ws = toWorkloads(`${ROLLOUT}List`, "rollouts", list);
        assert.deepStrictEqual(
            ws.map((w) => w.specPath),
            ["items[0].spec.template.spec", "items[1].spec.template.spec"],
        );
        const ds = judge(`${ROLLOUT}List`, list);
        assert.deepStrictEqual(
            ds.map((d) => d.check),
            ["privileged"],
        );
        assert.ok(
            ds[0].message.includes("items[1].spec.template.spec.containers[0].securityContext.privileged is true"),
        );
    });

    it("a Knative Revision's spec is itself the pod spec", () => {
        const spec = hardenedPodSpec();
        assert.deepStrictEqual(checkIds("kubernetes:serving.knative.dev/v1:Revision", { spec }), []);
        spec.hostNetwork = true;
        assert.deepStrictEqual(checkIds("kubernetes:serving.knative.dev/v1:Revision", { spec }), ["hostNamespaces"]);
    });

    it("an unknown template at preview defers the resource instead of passing it", () => {
        const ds = judge(ROLLOUT, { spec: { template: UNKNOWN } });
        assert.ok(ds.length > 0 && ds.every((d) => d.check === "unknownValues" && d.advisory));
        assert.ok(ds[0].message.includes("spec.template"), ds[0].message);
    });
});
