// The custom-resource adapter entry by entry: every path of the table of well-known CRDs, every Kubernetes API group
// that is never a custom resource, the validation of config `customResourcePodSpecs`, the type-token edge cases, and
// the structural fallback's bounds. Each row asserts the verdict and the CR's exact field path.
import * as assert from "assert";
import { toWorkloads } from "../../adapters";
import { customResourcePodSpecsOf, isCustomResourceType } from "../../adapters/crd";
import { FieldIssue } from "../../model/workload";
import { container, hardenedSecurityContext, template } from "../fixtures/customResources";
import { Obj } from "../fixtures/kubernetes";
import { UNKNOWN } from "../harness/engine";
import { judge } from "../helpers";

/** A pod template whose one container runs privileged (its image computed at preview). */
function privilegedTemplate(): Obj {
    const t = template();
    t.spec.containers = [
        { name: "app", image: UNKNOWN, securityContext: { ...hardenedSecurityContext(), privileged: true } },
    ];
    delete t.spec.initContainers;
    return t;
}

/** The field paths of the `privileged` findings (mandatory) of a resource. */
function privilegedPaths(type: string, props: Obj, config = {}): string[] {
    return judge(type, props, config)
        .filter((d) => d.check === "privileged" && !d.advisory)
        .map((d) => /(\S+\.privileged) is true/.exec(d.message)?.[1] ?? d.message);
}

/** Sets `value` at a dotted path with `[i]` indices, creating objects and lists on the way. */
function setAt(root: Obj, path: string, value: unknown): Obj {
    const keys = path.split(/\.|(?=\[)/).map((k) => (k.startsWith("[") ? Number(k.slice(1, -1)) : k));
    let node = root;
    keys.forEach((k, i) => {
        if (i === keys.length - 1) {
            node[k] = value;
            return;
        }
        node[k] ??= typeof keys[i + 1] === "number" ? [] : {};
        node = node[k];
    });
    return root;
}

const PRIVILEGED = "spec.containers[0].securityContext.privileged";

// Every template path of the table, as a concrete path (`*` resolved to one element or map key).
const TEMPLATE_ROWS: Array<[type: string, path: string]> = [
    ["kubernetes:argoproj.io/v1alpha1:Rollout", "spec.template"],
    ["kubernetes:serving.knative.dev/v1:Service", "spec.template"],
    ["kubernetes:serving.knative.dev/v1:Configuration", "spec.template"],
    ["kubernetes:keda.sh/v1alpha1:ScaledJob", "spec.jobTargetRef.template"],
    ["kubernetes:apps.kruise.io/v1alpha1:CloneSet", "spec.template"],
    ["kubernetes:apps.kruise.io/v1beta1:StatefulSet", "spec.template"],
    ["kubernetes:apps.kruise.io/v1alpha1:DaemonSet", "spec.template"],
    ["kubernetes:apps.kruise.io/v1alpha1:BroadcastJob", "spec.template"],
    ["kubernetes:apps.kruise.io/v1alpha1:AdvancedCronJob", "spec.template.jobTemplate.spec.template"],
    ["kubernetes:apps.kruise.io/v1alpha1:AdvancedCronJob", "spec.template.broadcastJobTemplate.spec.template"],
    ["kubernetes:kubeflow.org/v1:PyTorchJob", "spec.pytorchReplicaSpecs.Worker.template"],
    ["kubernetes:kubeflow.org/v1:TFJob", "spec.tfReplicaSpecs.PS.template"],
    ["kubernetes:kubeflow.org/v2beta1:MPIJob", "spec.mpiReplicaSpecs.Launcher.template"],
    ["kubernetes:kubeflow.org/v1:XGBoostJob", "spec.xgbReplicaSpecs.Master.template"],
    ["kubernetes:kubeflow.org/v1:PaddleJob", "spec.paddleReplicaSpecs.Worker.template"],
    ["kubernetes:kubeflow.org/v1:JAXJob", "spec.jaxReplicaSpecs.Worker.template"],
    ["kubernetes:kubeflow.org/v1:MXJob", "spec.mxReplicaSpecs.Server.template"],
    ["kubernetes:ray.io/v1:RayCluster", "spec.headGroupSpec.template"],
    ["kubernetes:ray.io/v1:RayCluster", "spec.workerGroupSpecs[1].template"],
    ["kubernetes:ray.io/v1:RayJob", "spec.rayClusterSpec.headGroupSpec.template"],
    ["kubernetes:ray.io/v1:RayJob", "spec.rayClusterSpec.workerGroupSpecs[1].template"],
    ["kubernetes:ray.io/v1:RayJob", "spec.submitterPodTemplate"],
    ["kubernetes:ray.io/v1:RayService", "spec.rayClusterConfig.headGroupSpec.template"],
    ["kubernetes:ray.io/v1:RayService", "spec.rayClusterConfig.workerGroupSpecs[1].template"],
    ["kubernetes:batch.volcano.sh/v1alpha1:Job", "spec.tasks[1].template"],
];

describe("custom-resource table: a privileged container at each listed path is found at the CR's own path", () => {
    for (const [type, path] of TEMPLATE_ROWS) {
        it(`${type.split(":")[2]} ${path}`, () => {
            const props = setAt({ metadata: { name: "r" } }, path, privilegedTemplate());
            // A pod-spec-shaped object elsewhere under spec: a table kind is read at its listed paths only (the
            // structural search, for kinds the table does not know, would take it too).
            setAt(props, "spec.decoy", {
                containers: [container("d", "busybox", { securityContext: { privileged: true } })],
            });
            // A sibling list element or map value before the one that runs privileged (`*` walks them all).
            if (/\[1\]\.template$/.test(path))
                setAt(props, path.replace(/\[1\]\.template$/, "[0].template"), template());
            assert.deepStrictEqual(privilegedPaths(type, props), [`${path}.${PRIVILEGED}`]);
            const ws = toWorkloads(type, "r", props);
            assert.ok(
                ws.some((w) => w.specPath === `${path}.spec` && w.podLabels.app === "web"),
                "the template's spec is the pod, its metadata the pod's labels",
            );
        });
    }

    it("Knative Revision: spec is itself the pod spec", () => {
        const props = { spec: { ...privilegedTemplate().spec, decoy: { template: privilegedTemplate() } } };
        const type = "kubernetes:serving.knative.dev/v1:Revision";
        assert.deepStrictEqual(privilegedPaths(type, props), [PRIVILEGED]);
        assert.deepStrictEqual(
            toWorkloads(type, "r", props).map((w) => w.specPath),
            ["spec"],
        );
    });

    it("Kubeflow: only map keys ending in ReplicaSpecs are replica specs, each role's template is a pod", () => {
        const type = "kubernetes:kubeflow.org/v1:PyTorchJob";
        const props = {
            spec: {
                runPolicy: { template: privilegedTemplate() },
                pytorchReplicaSpecs: { Master: { template: template() }, Worker: { template: privilegedTemplate() } },
            },
        };
        assert.deepStrictEqual(privilegedPaths(type, props), [
            `spec.pytorchReplicaSpecs.Worker.template.${PRIVILEGED}`,
        ]);
        assert.deepStrictEqual(
            toWorkloads(type, "r", props).map((w) => w.specPath),
            ["spec.pytorchReplicaSpecs.Master.template.spec", "spec.pytorchReplicaSpecs.Worker.template.spec"],
        );
    });

    it("a kind the table does not list in a known group falls back to the structural search", () => {
        const t = template();
        t.spec.containers[0].securityContext.privileged = true;
        const props = { spec: { somewhere: { template: t } } };
        assert.deepStrictEqual(privilegedPaths("kubernetes:argoproj.io/v1alpha1:AnalysisRun", props), [
            `spec.somewhere.template.${PRIVILEGED}`,
        ]);
        // Object.prototype keys are no kinds and no groups.
        assert.deepStrictEqual(privilegedPaths("kubernetes:argoproj.io/v1alpha1:constructor", props), [
            `spec.somewhere.template.${PRIVILEGED}`,
        ]);
    });
});

// ---------------------------------------------------------------------------------------------------------------------

const CORE_GROUPS = [
    "admissionregistration.k8s.io",
    "apiextensions.k8s.io",
    "apiregistration.k8s.io",
    "apiserverinternal.k8s.io",
    "authentication.k8s.io",
    "authorization.k8s.io",
    "certificates.k8s.io",
    "coordination.k8s.io",
    "discovery.k8s.io",
    "events.k8s.io",
    "flowcontrol.apiserver.k8s.io",
    "internal.apiserver.k8s.io",
    "networking.k8s.io",
    "node.k8s.io",
    "rbac.authorization.k8s.io",
    "resource.k8s.io",
    "scheduling.k8s.io",
    "storage.k8s.io",
    "storagemigration.k8s.io",
    "helm.sh",
    // adapters/kubevirt.ts reads these.
    "kubevirt.io",
    "pool.kubevirt.io",
];

describe("custom-resource routing: Kubernetes' own API groups are never custom resources", () => {
    for (const group of CORE_GROUPS) {
        it(group, () => {
            const type = `kubernetes:${group}/v1:Widget`;
            assert.strictEqual(isCustomResourceType(type), false);
            // A pod-spec-shaped spec of such a resource is not searched as a custom resource's would be.
            const spec = { containers: [container("c", "busybox", { securityContext: { privileged: true } })] };
            assert.deepStrictEqual(privilegedPaths(type, { spec }), []);
            // The same resource in a CRD group is.
            assert.deepStrictEqual(privilegedPaths("kubernetes:example.com/v1:Widget", { spec }), [PRIVILEGED]);
        });
    }

    it("other *.k8s.io groups are CRDs (snapshot.storage.k8s.io, gateway.networking.k8s.io)", () => {
        for (const group of ["snapshot.storage.k8s.io", "gateway.networking.k8s.io", "x-k8s.io", "k8s.io"])
            assert.strictEqual(isCustomResourceType(`kubernetes:${group}/v1:Widget`), true, group);
    });
});

describe("custom-resource routing: type tokens", () => {
    const rows: Array<[string, boolean]> = [
        // Not the Kubernetes provider, even with a dotted group.
        ["crds:argoproj.io/v1alpha1:Rollout", false],
        ["kubernetes-x:argoproj.io/v1alpha1:Rollout", false],
        // No version: not a resource token.
        ["kubernetes:argoproj.io", false],
        // The dot after the slash is no part of the group: `apps` is Kubernetes' own.
        ["kubernetes:apps/v1.x:Thing", false],
        ["kubernetes:batch/v1:Job.v2", false],
        ["kubernetes:argoproj.io/v1alpha1:Rollout", true],
        ["kubernetes:argoproj.io/v1alpha1:RolloutList", true],
    ];
    for (const [type, isCr] of rows)
        it(`${type} → ${isCr ? "custom resource" : "not one"}`, () => {
            assert.strictEqual(isCustomResourceType(type), isCr);
        });

    it("a token that is not a full group/version:Kind has no workload (and does not throw)", () => {
        const spec = { containers: [container("c", "busybox", { securityContext: { privileged: true } })] };
        for (const type of [
            "kubernetes:argoproj.io/v1alpha1",
            "kubernetes:argoproj.io/v1alpha1:Roll-out",
            "kubernetes:argoproj.io/:Rollout",
        ]) {
            assert.strictEqual(isCustomResourceType(type), true, type);
            assert.deepStrictEqual(toWorkloads(type, "r", { spec }), [], type);
        }
        for (const type of ["crds:example.com/v1:Widget", "kubernetes:example.com:Widget"])
            assert.deepStrictEqual(toWorkloads(type, "r", { spec }), [], type);
    });
});

// ---------------------------------------------------------------------------------------------------------------------

describe("config customResourcePodSpecs: the documented shape is kept, anything else is ignored", () => {
    const valid = { apiGroup: "ci.example.com", kind: "Runner", paths: ["spec.jobs.*.template", "spec.pod"] };
    it("no list or an empty list: none", () => {
        for (const c of [undefined, null, "spec", {}, { apiGroup: "a", kind: "K", paths: ["spec"] }, []])
            assert.strictEqual(customResourcePodSpecsOf(c), undefined, JSON.stringify(c));
    });

    it("a valid entry is kept as it is", () => {
        assert.deepStrictEqual(customResourcePodSpecsOf([valid]), [valid]);
        assert.deepStrictEqual(customResourcePodSpecsOf([{ ...valid, paths: [] }]), [{ ...valid, paths: [] }]);
    });

    const malformed: Array<[string, unknown]> = [
        ["not an object", "ci.example.com/Runner"],
        ["null", null],
        ["a list", [valid.apiGroup, valid.kind, valid.paths]],
        ["apiGroup missing", { kind: "Runner", paths: ["spec"] }],
        ["apiGroup not a string", { apiGroup: 1, kind: "Runner", paths: ["spec"] }],
        ["kind missing", { apiGroup: "ci.example.com", paths: ["spec"] }],
        ["kind not a string", { apiGroup: "ci.example.com", kind: ["Runner"], paths: ["spec"] }],
        ["paths missing (misspelt path)", { apiGroup: "ci.example.com", kind: "Runner", path: ["spec"] }],
        ["paths a string", { apiGroup: "ci.example.com", kind: "Runner", paths: "spec" }],
        ["a path not a string", { apiGroup: "ci.example.com", kind: "Runner", paths: ["spec", 5] }],
        ["an empty path", { apiGroup: "ci.example.com", kind: "Runner", paths: ["spec", ""] }],
        ["only an empty path", { apiGroup: "ci.example.com", kind: "Runner", paths: [""] }],
    ];
    for (const [what, entry] of malformed) {
        it(`ignores an entry with ${what}, keeps the valid ones`, () => {
            assert.strictEqual(customResourcePodSpecsOf([entry]), undefined);
            assert.deepStrictEqual(customResourcePodSpecsOf([entry, valid]), [valid]);
        });
    }

    it("an ignored entry does not replace the search for its kind", () => {
        const t = template();
        t.spec.containers[0].securityContext.privileged = true;
        const props = { spec: { pools: [{ template: t }] } };
        const type = "kubernetes:ci.example.com/v1:Runner";
        const config = (entry: unknown) => ({ "no-privileged-containers": { customResourcePodSpecs: [entry] } });
        const bad = { apiGroup: "ci.example.com", kind: "Runner", paths: ["spec.none", ""] };
        assert.deepStrictEqual(privilegedPaths(type, props, config(bad)), [`spec.pools[0].template.${PRIVILEGED}`]);
        assert.deepStrictEqual(privilegedPaths(type, props, config({ ...bad, paths: ["spec.none"] })), []);
    });

    it("an entry applies to its own group and kind only (both must match)", () => {
        const type = "kubernetes:ci.example.com/v1:Runner";
        const t = template();
        t.spec.containers[0].securityContext.privileged = true;
        const props = { spec: { pools: [{ template: t }] } };
        const found = [`spec.pools[0].template.${PRIVILEGED}`];
        for (const entry of [
            { apiGroup: "ci.example.com", kind: "Other", paths: ["spec.none"] },
            { apiGroup: "other.example.com", kind: "Runner", paths: ["spec.none"] },
        ])
            assert.deepStrictEqual(
                privilegedPaths(type, props, { "no-privileged-containers": { customResourcePodSpecs: [entry] } }),
                found,
                JSON.stringify(entry),
            );
    });
});

// ---------------------------------------------------------------------------------------------------------------------

describe("configured paths: templates and pod specs by shape, `*` and `*Suffix`, unknown and malformed values", () => {
    const type = "kubernetes:ci.example.com/v1:Runner";
    const issues = (props: Obj, paths: string[]): FieldIssue[] => {
        const ws = toWorkloads(type, "r", props, [{ apiGroup: "ci.example.com", kind: "Runner", paths }]);
        return ws.flatMap((w) => w.issues.map((i) => ({ ...i })));
    };
    const specPaths = (props: Obj, paths: string[]): string[] =>
        toWorkloads(type, "r", props, [{ apiGroup: "ci.example.com", kind: "Runner", paths }]).map((w) => w.specPath);

    it("a node with a spec object is a template, any other object a pod spec", () => {
        const pod = template().spec;
        assert.deepStrictEqual(specPaths({ spec: { a: template(), b: pod } }, ["spec.a", "spec.b"]), [
            "spec.a.spec",
            "spec.b",
        ]);
        const [w] = toWorkloads(type, "r", { spec: { a: template({ team: "x" }) } }, [
            { apiGroup: "ci.example.com", kind: "Runner", paths: ["spec.a"] },
        ]);
        assert.deepStrictEqual({ ...w.podLabels }, { team: "x" });
    });

    it("`*` walks list elements and map values; `*Suffix` only map keys ending so, and only plain keys", () => {
        const props = {
            spec: {
                list: [template(), template()],
                map: { a: template(), b: template() },
                byRole: { workerPod: template(), driverPod: template(), other: template(), "x.yPod": template() },
            },
        };
        assert.deepStrictEqual(specPaths(props, ["spec.list.*"]), ["spec.list[0].spec", "spec.list[1].spec"]);
        assert.deepStrictEqual(specPaths(props, ["spec.map.*"]), ["spec.map.a.spec", "spec.map.b.spec"]);
        assert.deepStrictEqual(specPaths(props, ["spec.byRole.*Pod"]), [
            "spec.byRole.workerPod.spec",
            "spec.byRole.driverPod.spec",
        ]);
        // `*Suffix` needs a map: a list there is malformed, its elements are not taken.
        assert.deepStrictEqual(issues(props, ["spec.list.*Pod"]), [
            { kind: "malformed", field: "all", path: "spec.list", container: undefined, value: props.spec.list },
        ]);
    });

    it('an empty segment (`spec..template`) names the key "", not every key', () => {
        const props = { spec: { a: { template: template() }, b: { template: template() } } };
        assert.deepStrictEqual(specPaths(props, ["spec..template"]), []);
        assert.deepStrictEqual(specPaths(props, ["spec.*.template"]), ["spec.a.template.spec", "spec.b.template.spec"]);
    });

    it("unknown values on the way defer the resource at their own path", () => {
        assert.deepStrictEqual(issues({ spec: { list: UNKNOWN } }, ["spec.list.*"]), [
            { kind: "unknown", field: "all", path: "spec.list", container: undefined },
        ]);
        assert.deepStrictEqual(issues({ spec: { map: { a: UNKNOWN } } }, ["spec.map.*"]), [
            { kind: "unknown", field: "all", path: "spec.map.a", container: undefined },
        ]);
        assert.deepStrictEqual(issues({ spec: { list: [template(), UNKNOWN] } }, ["spec.list.*"]), [
            { kind: "unknown", field: "all", path: "spec.list[1]", container: undefined },
        ]);
        assert.deepStrictEqual(issues({ spec: { list: [{ template: UNKNOWN }] } }, ["spec.list.*.template"]), [
            { kind: "unknown", field: "all", path: "spec.list[0].template", container: undefined },
        ]);
        assert.deepStrictEqual(issues({ spec: UNKNOWN }, ["spec.pod"]), [
            { kind: "unknown", field: "all", path: "spec", container: undefined },
        ]);
    });

    it("a value of the wrong shape where a list, map or pod should be is malformed, never a pass", () => {
        for (const bad of [5, "text", true]) {
            assert.deepStrictEqual(issues({ spec: { list: bad } }, ["spec.list.*"]), [
                { kind: "malformed", field: "all", path: "spec.list", container: undefined, value: bad },
            ]);
            assert.deepStrictEqual(issues({ spec: { pod: bad } }, ["spec.pod"]), [
                { kind: "malformed", field: "all", path: "spec.pod", container: undefined, value: bad },
            ]);
            assert.deepStrictEqual(issues({ spec: { list: [bad] } }, ["spec.list.*"]), [
                { kind: "malformed", field: "all", path: "spec.list[0]", container: undefined, value: bad },
            ]);
        }
        const ds = judge(
            type,
            { spec: { pod: "privileged: true" } },
            {
                "no-privileged-containers": {
                    customResourcePodSpecs: [{ apiGroup: "ci.example.com", kind: "Runner", paths: ["spec.pod"] }],
                },
            },
        );
        assert.ok(
            ds.some((d) => d.check === "privileged" && !d.advisory && d.message.includes("spec.pod")),
            ds.map((d) => d.message).join("\n"),
        );
    });

    it("null and absent values reached by `*` are nothing: no pod, no issue", () => {
        for (const v of [null, undefined]) {
            assert.deepStrictEqual(
                toWorkloads("kubernetes:kubeflow.org/v1:PyTorchJob", "r", { spec: { pytorchReplicaSpecs: v } }),
                [],
            );
            assert.deepStrictEqual(
                issues({ spec: { map: { a: v }, list: [v] } }, ["spec.map.*.*", "spec.list.*.*"]),
                [],
            );
        }
    });

    it("null and absent values on the way are nothing: no pod, no issue", () => {
        for (const v of [null, undefined]) {
            assert.deepStrictEqual(
                toWorkloads(type, "r", { spec: { list: v, pod: v, map: { a: v } } }, [
                    { apiGroup: "ci.example.com", kind: "Runner", paths: ["spec.list.*", "spec.pod", "spec.map.*"] },
                ]),
                [],
            );
            assert.deepStrictEqual(issues({ spec: { list: [v] } }, ["spec.list.*"]), []);
        }
    });
});

describe("custom-resource table: values unknown at preview defer the resource", () => {
    it("an unknown worker group of a RayCluster (a list element) is deferred, not passed", () => {
        const type = "kubernetes:ray.io/v1:RayCluster";
        const props = { spec: { headGroupSpec: { template: template() }, workerGroupSpecs: [UNKNOWN] } };
        const ds = judge(type, props);
        assert.ok(ds.length > 0, "not a silent pass");
        assert.ok(
            ds.every((d) => d.check === "unknownValues" && d.advisory),
            ds.map((d) => d.message).join("\n"),
        );
        assert.ok(ds[0].message.includes("spec.workerGroupSpecs[0]"), ds[0].message);
    });

    it("an unknown replica spec of a Kubeflow job (a map value) is deferred, not passed", () => {
        const type = "kubernetes:kubeflow.org/v1:PyTorchJob";
        const ds = judge(type, {
            spec: { pytorchReplicaSpecs: { Master: { template: template() }, Worker: UNKNOWN } },
        });
        assert.ok(ds.length > 0 && ds.every((d) => d.check === "unknownValues" && d.advisory));
        assert.ok(ds[0].message.includes("spec.pytorchReplicaSpecs.Worker"), ds[0].message);
        // An unknown map of replica specs as a whole.
        const whole = judge(type, { spec: { pytorchReplicaSpecs: UNKNOWN } });
        assert.ok(whole.length > 0 && whole.every((d) => d.check === "unknownValues" && d.advisory));
        assert.ok(whole[0].message.includes("spec.pytorchReplicaSpecs"), whole[0].message);
    });
});

// ---------------------------------------------------------------------------------------------------------------------

const ROLLOUT = "kubernetes:argoproj.io/v1alpha1:Rollout";

function issuesOf(type: string, props: Obj): FieldIssue[] {
    return toWorkloads(type, "r", props).flatMap((w) => w.issues.map((i) => ({ ...i })));
}

describe("custom-resource pod templates: metadata and spec as read", () => {
    it("a template's labels and annotations are the pod's", () => {
        const t = template({ app: "web" });
        t.metadata.annotations = { "container.apparmor.security.beta.kubernetes.io/app": "runtime/default" };
        const [w] = toWorkloads(ROLLOUT, "r", {
            metadata: { name: "web", labels: { team: "a" } },
            spec: { template: t },
        });
        assert.deepStrictEqual({ ...w.podLabels }, { app: "web" });
        assert.deepStrictEqual({ ...w.podAnnotations }, t.metadata.annotations);
        assert.deepStrictEqual({ ...w.labels }, { team: "a" });
        assert.strictEqual(w.name, "web");
    });

    it("unknown or malformed template metadata, labels and spec are recorded at their own paths", () => {
        assert.deepStrictEqual(issuesOf(ROLLOUT, { spec: { template: { metadata: { labels: UNKNOWN }, spec: {} } } }), [
            { kind: "unknown", field: "labels", path: "spec.template.metadata.labels", container: undefined },
        ]);
        assert.deepStrictEqual(
            issuesOf(ROLLOUT, { spec: { template: { metadata: { annotations: UNKNOWN }, spec: {} } } }),
            [{ kind: "unknown", field: "labels", path: "spec.template.metadata.annotations", container: undefined }],
        );
        assert.deepStrictEqual(issuesOf(ROLLOUT, { spec: { template: { metadata: "web", spec: {} } } }), [
            { kind: "malformed", field: "labels", path: "spec.template.metadata", container: undefined, value: "web" },
        ]);
        assert.deepStrictEqual(issuesOf(ROLLOUT, { spec: { template: { metadata: {}, spec: "pod" } } }), [
            { kind: "malformed", field: "all", path: "spec.template.spec", container: undefined, value: "pod" },
        ]);
    });

    it("a template without a spec is a pod with nothing in it, and no issue", () => {
        const [w] = toWorkloads(ROLLOUT, "r", { spec: { template: { metadata: { labels: { app: "web" } } } } });
        assert.deepStrictEqual(w.containers, []);
        assert.deepStrictEqual(w.issues, []);
        assert.strictEqual(w.specPath, "spec.template.spec");
    });

    it("a resource with only issues is one blank workload at its spec, carrying them", () => {
        const [w, ...rest] = toWorkloads(ROLLOUT, "r", { spec: { template: UNKNOWN } });
        assert.deepStrictEqual(rest, []);
        assert.strictEqual(w.specPath, "spec");
        assert.deepStrictEqual(
            w.issues.map((i) => ({ ...i })),
            [{ kind: "unknown", field: "all", path: "spec.template", container: undefined }],
        );
    });

    it("a malformed spec of a family read from parts has no pod and no issue", () => {
        for (const type of ["kubernetes:tekton.dev/v1:Task", "kubernetes:argoproj.io/v1alpha1:Workflow"])
            assert.deepStrictEqual(
                toWorkloads(type, "r", { metadata: { labels: { tenancy: "multi-tenant" } }, spec: "x" }),
                [],
            );
    });
});

describe("custom-resource Lists", () => {
    const LIST = `${ROLLOUT}List`;
    it("an item without metadata.name is named after the list and its index (exemptions match on it)", () => {
        const ws = toWorkloads(LIST, "rollouts", {
            items: [{ spec: { template: template() } }, { spec: { template: template() } }],
        });
        assert.deepStrictEqual(
            ws.map((w) => w.name),
            ["rollouts[0]", "rollouts[1]"],
        );
        assert.deepStrictEqual(
            ws.map((w) => w.specPath),
            ["items[0].spec.template.spec", "items[1].spec.template.spec"],
        );
    });

    it("an item that is no object is read as an empty resource (no pod); an item of only issues is blank at its own spec", () => {
        const ws = toWorkloads(LIST, "rollouts", { items: ["x", { spec: { template: UNKNOWN } }] });
        assert.deepStrictEqual(
            ws.map((w) => [w.specPath, w.issues.map((i) => i.path)]),
            [["items[1].spec", ["items[1].spec.template"]]],
        );
    });

    it("unknown or malformed items: one blank workload at spec carries the issue", () => {
        for (const [items, issue] of [
            [UNKNOWN, { kind: "unknown", field: "all", path: "items", container: undefined }],
            ["x", { kind: "malformed", field: "all", path: "items", container: undefined, value: "x" }],
            [[UNKNOWN], { kind: "unknown", field: "all", path: "items[0]", container: undefined }],
        ] as const) {
            const ws = toWorkloads(LIST, "rollouts", { items });
            assert.deepStrictEqual(
                ws.map((w) => [w.specPath, w.name, w.issues.map((i) => ({ ...i }))]),
                [["spec", "rollouts", [issue]]],
            );
        }
        assert.deepStrictEqual(toWorkloads(LIST, "rollouts", {}), []);
        assert.deepStrictEqual(toWorkloads(LIST, "rollouts", { items: [] }), []);
    });

    it("an item unknown at preview next to a readable one defers the list, not only passes the readable one", () => {
        const ws = toWorkloads(LIST, "rollouts", { items: [{ spec: { template: template() } }, UNKNOWN] });
        assert.deepStrictEqual(
            ws.map((w) => [w.specPath, w.issues.map((i) => `${i.kind} ${i.path}`)]),
            [["items[0].spec.template.spec", ["unknown items[1]"]]],
        );
        const ds = judge(LIST, { items: [{ spec: { template: template() } }, UNKNOWN] });
        assert.ok(ds.length > 0, "not a silent pass");
        assert.ok(ds.every((d) => d.check === "unknownValues" && d.advisory));
        assert.ok(ds[0].message.includes("items[1]"), ds[0].message);
    });
});

// ---------------------------------------------------------------------------------------------------------------------

describe("custom-resource structural fallback: what counts as a pod spec, and its bounds", () => {
    const TYPE = "kubernetes:ci.example.com/v1:Runner";
    const pod = (): Obj => ({ containers: [container("c", "busybox", { securityContext: { privileged: true } })] });
    const found = (spec: unknown, props: Obj = {}): string[] => privilegedPaths(TYPE, { ...props, spec });

    it("a containers list counts when any one container has a string image", () => {
        const spec = { worker: { containers: [{ name: "sidecar" }, ...pod().containers] } };
        assert.deepStrictEqual(found(spec), ["spec.worker.containers[1].securityContext.privileged"]);
        assert.deepStrictEqual(
            found({ worker: { containers: [{ name: "c", image: UNKNOWN, securityContext: { privileged: true } }] } }),
            ["spec.worker.containers[0].securityContext.privileged"],
        );
        // Issue 23: a name and a securityContext make a container (operators supply the image), whatever `image` is.
        assert.deepStrictEqual(
            found({ worker: { containers: [{ name: "c", image: 5, securityContext: { privileged: true } }] } }),
            ["spec.worker.containers[0].securityContext.privileged"],
        );
        assert.deepStrictEqual(found({ worker: { containers: [{ name: "c", image: 5 }], hostNetwork: false } }), []);
        assert.deepStrictEqual(found({ worker: { containers: { c: { image: "busybox" } } } }), []);
    });

    it("spec itself may be the pod spec; with the resource's metadata it is read like a Pod's", () => {
        const props = { metadata: { name: "r", labels: { tenancy: "multi-tenant" } }, spec: pod() };
        assert.deepStrictEqual(found(props.spec, props), ["spec.containers[0].securityContext.privileged"]);
        const [w] = toWorkloads(TYPE, "r", props);
        assert.strictEqual(w.specPath, "spec");
        assert.deepStrictEqual({ ...w.podLabels }, { tenancy: "multi-tenant" });
        const [bare] = toWorkloads(TYPE, "r", { spec: pod() });
        assert.deepStrictEqual({ ...bare.podLabels }, {});
    });

    it("a spec that is not an object is not searched (a list spec included)", () => {
        assert.deepStrictEqual(toWorkloads(TYPE, "r", { spec: [pod()] }), []);
        assert.deepStrictEqual(toWorkloads(TYPE, "r", { spec: "containers" }), []);
        assert.deepStrictEqual(toWorkloads(TYPE, "r", { template: { spec: pod() } }), []);
    });

    it("only a pod spec under a `spec` key next to `metadata` is a template; elsewhere it is a bare pod spec", () => {
        const spec = { runner: { metadata: { labels: { a: "b" } }, pod: pod() } };
        assert.deepStrictEqual(found(spec), ["spec.runner.pod.containers[0].securityContext.privileged"]);
        const [w] = toWorkloads(TYPE, "r", { spec });
        assert.deepStrictEqual({ ...w.podLabels }, {});
        const tmpl = { runner: { metadata: { labels: { a: "b" } }, spec: pod() } };
        const [t] = toWorkloads(TYPE, "r", { spec: tmpl });
        assert.deepStrictEqual([t.specPath, { ...t.podLabels }], ["spec.runner.spec", { a: "b" }]);
        // A `spec` list element has no template around it.
        const [e] = toWorkloads(TYPE, "r", { spec: { runners: [pod()] } });
        assert.strictEqual(e.specPath, "spec.runners[0]");
    });

    it("keys a field path cannot name are not searched", () => {
        assert.deepStrictEqual(toWorkloads(TYPE, "r", { spec: { "a.b": pod() } }), []);
        assert.deepStrictEqual(toWorkloads(TYPE, "r", { spec: { "a b": pod() } }), []);
        assert.deepStrictEqual(toWorkloads(TYPE, "r", { spec: { "a[0]": pod() } }), []);
        assert.deepStrictEqual(found({ "runner_1-x": pod() }), [
            "spec.runner_1-x.containers[0].securityContext.privileged",
        ]);
    });

    it("depth: a pod spec 10 levels under spec is found, 11 is not (objects and lists alike)", () => {
        const nest = (n: number, wrap: (o: Obj) => Obj): Obj => {
            let o = pod();
            for (let i = 0; i < n; i++) o = wrap(o);
            return o;
        };
        const inObj = (o: Obj) => ({ l: o });
        const inList = (o: Obj) => ({ l: [o] });
        assert.deepStrictEqual(found(nest(10, inObj)), [
            `spec.${Array(10).fill("l").join(".")}.containers[0].securityContext.privileged`,
        ]);
        assert.deepStrictEqual(found(nest(11, inObj)), []);
        assert.deepStrictEqual(found(nest(10, inList)), [
            `spec.${Array(10).fill("l[0]").join(".")}.containers[0].securityContext.privileged`,
        ]);
        assert.deepStrictEqual(found(nest(11, inList)), []);
    });

    it("nodes: at most 2000 objects (list elements of any type included) are looked at", () => {
        const objects = (n: number) => ({ filler: Array.from({ length: n }, () => ({})), pod: pod() });
        // spec itself is the first node; 1998 more objects leave one for the pod spec.
        assert.deepStrictEqual(found(objects(1998)), ["spec.pod.containers[0].securityContext.privileged"]);
        assert.deepStrictEqual(found(objects(1999)), []);
        assert.deepStrictEqual(found(objects(5000)), []);
        // Scalars in lists cost nothing.
        assert.deepStrictEqual(found({ args: Array(3000).fill("x"), pod: pod() }), [
            "spec.pod.containers[0].securityContext.privileged",
        ]);
    });
});
