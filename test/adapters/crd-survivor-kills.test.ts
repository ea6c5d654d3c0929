// Edges of the assembling readers of custom resources (Argo Workflows, Spark, Tekton) and of a resource template's
// embedded object: null read as unset, values unknown at preview or malformed recorded at their own paths, defaults
// aliased to where they are written, and an embedded object read by its own apiVersion and kind.
import * as assert from "assert";
import { toWorkloads } from "../../adapters";
import { UNKNOWN } from "../harness/engine";
import { judge } from "../helpers";
import { Obj } from "../fixtures/kubernetes";

const WORKFLOW = "kubernetes:argoproj.io/v1alpha1:Workflow";
const PIPELINE = "kubernetes:tekton.dev/v1:Pipeline";
const SPARK = "kubernetes:sparkoperator.k8s.io/v1beta2:SparkApplication";

const privileged = (type: string, props: Obj) =>
    judge(type, props)
        .filter((d) => d.check === "privileged")
        .map((d) => /: (\S+) is true/.exec(d.message)?.[1]);
const issues = (type: string, props: Obj) =>
    toWorkloads(type, "r", props).flatMap((w) => w.issues.map((i) => `${i.kind} ${i.field} ${i.path}`));
const priv = (name = "main") => ({ name, image: "alpine:3", securityContext: { privileged: true } });

describe("Argo Workflows: templateDefaults", () => {
    it("a template list written null is unset: the templateDefaults' sidecars and init containers apply", () => {
        const props = {
            spec: {
                templateDefaults: { sidecars: [priv("dind")], initContainers: [priv("setup")] },
                templates: [{ name: "t", container: { image: "a" }, sidecars: null, initContainers: null }],
            },
        };
        assert.deepStrictEqual(privileged(WORKFLOW, props), [
            "spec.templateDefaults.sidecars[0].securityContext.privileged",
            "spec.templateDefaults.initContainers[0].securityContext.privileged",
        ]);
    });

    it("templateDefaults' lists unknown at preview are recorded at the defaults' own paths", () => {
        const props = {
            spec: {
                templateDefaults: { sidecars: UNKNOWN, volumes: [UNKNOWN] },
                templates: [{ name: "t", container: { image: "a" } }],
            },
        };
        assert.deepStrictEqual(issues(WORKFLOW, props), [
            "unknown all spec.templateDefaults.volumes[0]",
            "unknown all spec.templateDefaults.sidecars",
        ]);
    });

    it("a main container field written null takes templateDefaults.container's, judged at the defaults' path", () => {
        const [w] = toWorkloads(WORKFLOW, "w", {
            spec: {
                templateDefaults: { container: { ports: [{ containerPort: 80, hostPort: 80 }] } },
                templates: [{ name: "t", container: { image: "x", ports: null } }],
            },
        });
        assert.deepStrictEqual(
            w.containers[0].ports.map((p) => p.path),
            ["spec.templateDefaults.container.ports[0].hostPort"],
        );
    });

    it("main container volumeMounts unknown at preview stay unknown at their own path, no default mount merged in", () => {
        const props = {
            spec: {
                templateDefaults: { container: { volumeMounts: [{ name: "a", mountPath: "/a" }] } },
                templates: [{ name: "t", container: { image: "x", volumeMounts: UNKNOWN } }],
            },
        };
        assert.deepStrictEqual(issues(WORKFLOW, props), ["unknown volumes spec.templates[0].container.volumeMounts"]);
        const [w] = toWorkloads(WORKFLOW, "w", props);
        assert.deepStrictEqual(w.containers[0].mounts, []);
    });

    it("templateDefaults.container volumeMounts unknown at preview are recorded at the defaults' path", () => {
        const props = {
            spec: {
                templateDefaults: { container: { volumeMounts: UNKNOWN } },
                templates: [{ name: "t", container: { image: "a", volumeMounts: [{ name: "m", mountPath: "/m" }] } }],
            },
        };
        assert.deepStrictEqual(issues(WORKFLOW, props), ["unknown all spec.templateDefaults.container.volumeMounts"]);
    });

    it("each default mount added after the template's own keeps its own index at the defaults' path", () => {
        const D = "spec.templateDefaults.container";
        const [w] = toWorkloads(WORKFLOW, "w", {
            spec: {
                templateDefaults: {
                    container: {
                        volumeMounts: [
                            { name: "a", mountPath: "/a" },
                            { name: "b", mountPath: "/b" },
                        ],
                    },
                },
                templates: [{ name: "t", container: { image: "x", volumeMounts: [{ name: "m", mountPath: "/m" }] } }],
            },
        });
        assert.deepStrictEqual(
            w.containers[0].mounts.map((m) => [m.volume, m.path]),
            [
                ["m", "spec.templates[0].container.volumeMounts[0]"],
                ["a", `${D}.volumeMounts[0]`],
                ["b", `${D}.volumeMounts[1]`],
            ],
        );
    });
});

describe("Argo Workflows: steps, DAGs and resource templates unknown or malformed", () => {
    it("inline templates, steps, dag, dag tasks and resource unknown or malformed are recorded where written", () => {
        const props = {
            spec: {
                templates: [
                    { name: "s", steps: [[{ name: "a", inline: UNKNOWN }]] },
                    { name: "d", dag: { tasks: [{ name: "t", inline: "x" }] } },
                    { name: "steps", steps: UNKNOWN },
                    { name: "dag", dag: UNKNOWN },
                    { name: "tasks", dag: { tasks: UNKNOWN } },
                    { name: "r", resource: UNKNOWN },
                    { name: "m", resource: "x" },
                ],
            },
        };
        assert.deepStrictEqual(issues(WORKFLOW, props), [
            "unknown all spec.templates[0].steps[0][0].inline",
            "malformed all spec.templates[1].dag.tasks[0].inline",
            "unknown all spec.templates[2].steps",
            "unknown all spec.templates[3].dag",
            "unknown all spec.templates[4].dag.tasks",
            "unknown all spec.templates[5].resource",
            "malformed all spec.templates[6].resource",
        ]);
    });

    it("a step group left undefined (a sparse list in a program) is skipped like null, not malformed", () => {
        const props = {
            spec: {
                templates: [{ name: "s", steps: [undefined, [{ name: "a", inline: { container: priv() } }], null] }],
            },
        };
        assert.deepStrictEqual(issues(WORKFLOW, props), []);
        assert.deepStrictEqual(privileged(WORKFLOW, props), [
            "spec.templates[0].steps[1][0].inline.container.securityContext.privileged",
        ]);
    });
});

describe("Argo Workflows: a resource template's object read by its own apiVersion and kind", () => {
    const child = (apiVersion: string) =>
        JSON.stringify({ apiVersion, kind: "Workflow", spec: { templates: [{ name: "c", container: priv() }] } });
    const creating = (manifest: string) => ({
        spec: { templates: [{ name: "r", resource: { action: "create", manifest } }] },
    });

    it("a Workflow created by a resource template has its own templates judged (the table's reader, not by shape)", () => {
        assert.deepStrictEqual(privileged(WORKFLOW, creating(child("argoproj.io/v1alpha1"))), [
            "spec.templates[0].resource.manifest.spec.templates[0].container.securityContext.privileged",
        ]);
    });

    it("an apiVersion without a slash is a version of the core group: `argoproj.io` alone makes no Workflow", () => {
        assert.deepStrictEqual(privileged(WORKFLOW, creating(child("argoproj.io"))), []);
    });

    it("a manifest without a string apiVersion is still read by its shape", () => {
        const pod = { kind: "Pod", spec: { containers: [priv("c")] } };
        const at = "spec.templates[0].resource.manifest.spec.containers[0].securityContext.privileged";
        assert.deepStrictEqual(privileged(WORKFLOW, creating(JSON.stringify(pod))), [at]);
        assert.deepStrictEqual(privileged(WORKFLOW, creating(JSON.stringify({ apiVersion: 1, ...pod }))), [at]);
    });
});

describe("Spark: volumes a role mounts, and its pod template", () => {
    const volumes = [
        { name: "d", hostPath: { path: "/d" } },
        { name: "e", hostPath: { path: "/e" } },
    ];
    const vols = (driver: Obj) =>
        toWorkloads(SPARK, "s", { spec: { volumes, driver } }).map((w) => w.volumes.map((v) => v.name));

    it("mount and container lists written null mount nothing: only the volumes mounted elsewhere are the pod's", () => {
        assert.deepStrictEqual(vols({ sidecars: null, volumeMounts: [{ name: "d", mountPath: "/d" }] }), [["d"]]);
        assert.deepStrictEqual(vols({ volumeMounts: null, sidecars: [{ name: "x", volumeMounts: null }] }), [[]]);
    });

    it("volumeMounts that are not a list (a single mount, an empty string) cannot be read: every volume is the pod's", () => {
        assert.deepStrictEqual(vols({ volumeMounts: { name: "d", mountPath: "/d" } }), [["d", "e"]]);
        assert.deepStrictEqual(vols({ volumeMounts: "" }), [["d", "e"]]);
    });

    it("a pod template's spec or volumes unknown at preview are recorded at the template's paths", () => {
        const ws = toWorkloads(SPARK, "s", {
            spec: { driver: { template: { spec: UNKNOWN } }, executor: { template: { spec: { volumes: UNKNOWN } } } },
        });
        assert.deepStrictEqual(
            ws[0].issues.map((i) => `${i.kind} ${i.field} ${i.path}`),
            ["unknown all spec.driver.template.spec", "unknown all spec.executor.template.spec.volumes"],
        );
    });

    it("a pod template without a spec adds no pod of its own", () => {
        const ws = toWorkloads(SPARK, "s", { spec: { driver: { template: { metadata: { labels: { a: "b" } } } } } });
        assert.deepStrictEqual(
            ws.map((w) => w.specPath),
            ["spec.driver"],
        );
    });

    it("a pod template's init containers are judged at the template's path", () => {
        const props = { spec: { driver: { template: { spec: { initContainers: [priv("init")] } } } } };
        assert.deepStrictEqual(privileged(SPARK, props), [
            "spec.driver.template.spec.initContainers[0].securityContext.privileged",
        ]);
    });

    it("a pod template's container lists are read only as its own fields, never through a prototype", () => {
        const spec = Object.create({ containers: [priv("c")], initContainers: [priv("i")] }) as Obj;
        const ws = toWorkloads(SPARK, "s", { spec: { driver: { template: { spec } } } });
        assert.deepStrictEqual(
            ws.map((w) => [w.specPath, w.containers.map((c) => c.path)]),
            [
                ["spec.driver", ["spec.driver"]],
                ["spec.driver.template.spec", []],
            ],
        );
    });
});

describe("Tekton: a pipeline in a pipeline unknown or malformed", () => {
    it("a pipeline task's pipelineSpec unknown at preview or malformed is recorded at its path", () => {
        const props = {
            spec: {
                tasks: [
                    { name: "i", pipelineSpec: UNKNOWN },
                    { name: "j", pipelineSpec: "x" },
                ],
            },
        };
        assert.deepStrictEqual(issues(PIPELINE, props), [
            "unknown all spec.tasks[0].pipelineSpec",
            "malformed all spec.tasks[1].pipelineSpec",
        ]);
    });
});
