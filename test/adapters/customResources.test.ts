import * as assert from "assert";
import { toWorkloads } from "../../adapters";
import { isCustomResourceType, wellKnownKinds } from "../../adapters/customResources";
import { CR_INSTANCES, template } from "../fixtures/customResources";
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
