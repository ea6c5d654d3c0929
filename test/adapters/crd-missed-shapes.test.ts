// Custom-resource shapes the adapter used to miss (issue 23 part 3): Argo inline templates, whole templateDefaults,
// podSpecPatch parameter expressions and resource manifests; the KubeRay autoscaler; Tekton pipelines in pipelines and
// steps that reference a StepAction; Spark pod templates' pod-level settings and per-role volumes.
import * as assert from "assert";
import { toWorkloads } from "../../adapters";
import { UNKNOWN } from "../harness/engine";
import { judge } from "../helpers";
import { Obj } from "../fixtures/kubernetes";

const WORKFLOW = "kubernetes:argoproj.io/v1alpha1:Workflow";
const RAY = "kubernetes:ray.io/v1:RayCluster";
const RAYJOB = "kubernetes:ray.io/v1:RayJob";
const PIPELINE = "kubernetes:tekton.dev/v1:Pipeline";
const TASK = "kubernetes:tekton.dev/v1:Task";
const SPARK = "kubernetes:sparkoperator.k8s.io/v1beta2:SparkApplication";

const privileged = (type: string, props: Obj) =>
    judge(type, props)
        .filter((d) => d.check === "privileged")
        .map((d) => /: (\S+) is true/.exec(d.message)?.[1]);
const issues = (type: string, props: Obj) =>
    toWorkloads(type, "r", props).flatMap((w) => w.issues.map((i) => `${i.kind} ${i.field} ${i.path}`));
const priv = (name = "main") => ({ name, image: "alpine:3", securityContext: { privileged: true } });

describe("Argo Workflows shapes", () => {
    it("a template written inline in a step or a DAG task is a template: its pod is judged at the inline path", () => {
        const props = {
            spec: {
                templates: [
                    {
                        name: "s",
                        steps: [[{ name: "a", inline: { container: priv() } }], [{ name: "b", template: "x" }]],
                    },
                    { name: "d", dag: { tasks: [{ name: "t", inline: { script: { ...priv(), source: "id" } } }] } },
                    {
                        name: "nested",
                        steps: [
                            [{ name: "n", inline: { dag: { tasks: [{ name: "m", inline: { container: priv() } }] } } }],
                        ],
                    },
                ],
            },
        };
        assert.deepStrictEqual(privileged(WORKFLOW, props), [
            "spec.templates[0].steps[0][0].inline.container.securityContext.privileged",
            "spec.templates[1].dag.tasks[0].inline.script.securityContext.privileged",
            "spec.templates[2].steps[0][0].inline.dag.tasks[0].inline.container.securityContext.privileged",
        ]);
        assert.deepStrictEqual(issues(WORKFLOW, { spec: { templates: [{ steps: ["x", null] }] } }), [
            "malformed all spec.templates[0].steps[0]",
        ]);
    });

    it("templateDefaults' sidecars, init containers and volumes are every template's, an empty list of its own being none", () => {
        const props = {
            spec: {
                templateDefaults: {
                    sidecars: [priv("dind")],
                    initContainers: [priv("setup")],
                    volumes: [{ name: "sock", hostPath: { path: "/var/run/docker.sock" } }],
                },
                templates: [
                    { name: "uses-defaults", container: { image: "a" } },
                    { name: "own", container: { image: "a" }, sidecars: [], initContainers: [], volumes: [] },
                ],
            },
        };
        // Argo marshals the template before merging: `[]` is left out (omitempty), so the defaults' lists apply.
        const both = [
            "spec.templateDefaults.sidecars[0].securityContext.privileged",
            "spec.templateDefaults.initContainers[0].securityContext.privileged",
        ];
        assert.deepStrictEqual(privileged(WORKFLOW, props), [...both, ...both]);
        for (const w of toWorkloads(WORKFLOW, "w", props)) {
            assert.deepStrictEqual(
                w.volumes.map((v) => v.path),
                ["spec.templateDefaults.volumes[0].hostPath.path"],
            );
            assert.deepStrictEqual(
                w.containers.map((c) => c.name),
                ["main", "dind", "setup"],
            );
        }
    });

    it("templateDefaults' lists merge with a template's own by name (Argo's strategic merge), never replaced by them", () => {
        const props = {
            spec: {
                templateDefaults: {
                    sidecars: [priv("dind"), { name: "proxy", image: "envoy:1" }],
                    volumes: [{ name: "sock", hostPath: { path: "/var/run/docker.sock" } }],
                },
                templates: [
                    {
                        name: "own",
                        container: { image: "a" },
                        // A sidecar of its own under another name keeps the default's privileged dind beside it; the
                        // one named like a default takes what it leaves unset (here, the default's image).
                        sidecars: [{ name: "logs", image: "fluent-bit:3" }, { name: "proxy" }],
                        volumes: [{ name: "scratch", emptyDir: {} }],
                    },
                ],
            },
        };
        const [w] = toWorkloads(WORKFLOW, "w", props);
        assert.deepStrictEqual(
            w.containers.map((c) => [c.name, c.image, c.path]),
            [
                ["main", "a", "spec.templates[0].container"],
                ["logs", "fluent-bit:3", "spec.templates[0].sidecars[0]"],
                ["proxy", "envoy:1", "spec.templates[0].sidecars[1]"],
                ["dind", "alpine:3", "spec.templateDefaults.sidecars[0]"],
            ],
        );
        assert.deepStrictEqual(privileged(WORKFLOW, props), [
            "spec.templateDefaults.sidecars[0].securityContext.privileged",
        ]);
        assert.deepStrictEqual(
            w.volumes.map((v) => [v.name, v.path]),
            [
                ["scratch", "spec.templates[0].volumes[0]"],
                ["sock", "spec.templateDefaults.volumes[0].hostPath.path"],
            ],
        );
    });

    it("a same-named default sidecar's securityContext fills in the template's (privileged from the defaults is found there)", () => {
        const props = {
            spec: {
                templateDefaults: { sidecars: [priv("dind")] },
                templates: [
                    {
                        name: "own",
                        container: { image: "a" },
                        sidecars: [{ name: "dind", image: "docker:27-dind", securityContext: { runAsUser: 0 } }],
                    },
                ],
            },
        };
        assert.deepStrictEqual(privileged(WORKFLOW, props), [
            "spec.templateDefaults.sidecars[0].securityContext.privileged",
        ]);
    });

    it("the main container's ports merge by containerPort and its pod securityContext with the defaults'", () => {
        const ids = (p: Obj) =>
            judge(WORKFLOW, p)
                .filter((d) => !d.advisory)
                .map((d) => `${d.check} ${/: (\S+) is /.exec(d.message)?.[1] ?? ""}`);
        const props = {
            spec: {
                templateDefaults: {
                    container: { ports: [{ containerPort: 9100, hostPort: 9100 }] },
                    securityContext: { sysctls: [{ name: "kernel.core_pattern", value: "|/tmp/x" }] },
                },
                templates: [
                    {
                        name: "own",
                        container: { ...priv(), securityContext: undefined, ports: [{ containerPort: 8080 }] },
                        securityContext: { runAsNonRoot: true, runAsUser: 1000 },
                    },
                ],
            },
        };
        const found = ids(props);
        assert.ok(found.includes("hostPorts spec.templateDefaults.container.ports[0].hostPort"), found.join("\n"));
        assert.ok(
            found.some((f) => f.startsWith("sysctls spec.templateDefaults.securityContext.sysctls")),
            found.join("\n"),
        );
    });

    it("templateDefaults.container fills in whole fields the main container leaves unset; mounts merge by mountPath", () => {
        const D = "spec.templateDefaults.container";
        const [w] = toWorkloads(WORKFLOW, "w", {
            spec: {
                templateDefaults: {
                    container: {
                        name: "ignored",
                        volumeMounts: [
                            { name: "a", mountPath: "/a" },
                            { name: "b", mountPath: "/b" },
                        ],
                        ports: [{ containerPort: 80, hostPort: 80 }],
                    },
                },
                templates: [
                    { name: "t", container: { image: "x", volumeMounts: [{ name: "mine", mountPath: "/a" }] } },
                    { name: "s", script: { image: "x", source: "id" } },
                ],
            },
        });
        const [main] = w.containers;
        assert.strictEqual(main.name, "main");
        assert.deepStrictEqual(
            main.mounts.map((m) => [m.volume, m.path]),
            [
                ["mine", "spec.templates[0].container.volumeMounts[0]"],
                ["b", `${D}.volumeMounts[1]`],
            ],
        );
        assert.deepStrictEqual(
            main.ports.map((p) => p.path),
            [`${D}.ports[0].hostPort`],
        );
        // A script template takes templateDefaults.script, never .container.
        const [, script] = toWorkloads(WORKFLOW, "w", {
            spec: {
                templateDefaults: { container: { ports: [{ hostPort: 80 }] } },
                templates: [
                    { name: "t", container: { image: "x" } },
                    { name: "s", script: { image: "x", source: "id" } },
                ],
            },
        });
        assert.deepStrictEqual(script.containers[0].ports, []);
    });

    it("a templateDefaults podSpecPatch applies to templates without their own", () => {
        const props = {
            spec: {
                templateDefaults: { podSpecPatch: '{"hostNetwork": true}' },
                templates: [
                    { name: "t", container: { image: "x" } },
                    { name: "u", container: { image: "x" }, podSpecPatch: '{"hostPID": true}' },
                ],
            },
        };
        assert.deepStrictEqual(
            toWorkloads(WORKFLOW, "w", props).map((w) => w.hostNamespaces.map((h) => h.path)),
            [["spec.templateDefaults.podSpecPatch.hostNetwork"], ["spec.templates[1].podSpecPatch.hostPID"]],
        );
    });

    it("a podSpecPatch that is a parameter expression is unknown (known only when the workflow runs), not empty", () => {
        assert.deepStrictEqual(
            issues(WORKFLOW, {
                spec: {
                    podSpecPatch: "{{workflow.parameters.patch}}",
                    templates: [
                        {
                            name: "t",
                            container: { image: "x" },
                            podSpecPatch:
                                '{"containers":[{"name":"main","securityContext":{"privileged":{{inputs.parameters.p}}}}]}',
                        },
                    ],
                },
            }),
            ["unknown all spec.podSpecPatch", "unknown all spec.templates[0].podSpecPatch"],
        );
    });

    it("a resource template's manifest is judged as the object it creates, at the manifest's own fields", () => {
        const pod =
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: alpine\n      securityContext:\n        privileged: true\n";
        const deployment = JSON.stringify({
            apiVersion: "apps/v1",
            kind: "Deployment",
            spec: {
                template: {
                    metadata: { labels: { a: "b" } },
                    spec: { hostPID: true, containers: [{ name: "c", image: "x" }] },
                },
            },
        });
        const rollout = JSON.stringify({
            apiVersion: "argoproj.io/v1alpha1",
            kind: "Rollout",
            spec: { template: { spec: { containers: [priv("r")] } } },
        });
        const props = {
            spec: {
                templates: [
                    { name: "p", resource: { action: "create", manifest: pod } },
                    { name: "d", resource: { action: "apply", manifest: deployment } },
                    { name: "r", resource: { action: "create", manifest: rollout } },
                    {
                        name: "c",
                        resource: { action: "create", manifest: "apiVersion: v1\nkind: ConfigMap\ndata: {a: b}\n" },
                    },
                ],
            },
        };
        assert.deepStrictEqual(privileged(WORKFLOW, props), [
            "spec.templates[0].resource.manifest.spec.containers[0].securityContext.privileged",
            "spec.templates[2].resource.manifest.spec.template.spec.containers[0].securityContext.privileged",
        ]);
        const ws = toWorkloads(WORKFLOW, "w", props);
        assert.deepStrictEqual(
            ws.flatMap((w) => w.hostNamespaces.map((h) => h.path)),
            ["spec.templates[1].resource.manifest.spec.template.spec.hostPID"],
        );
        assert.deepStrictEqual({ ...ws[1].podLabels }, { a: "b" });
    });

    it("a manifest from an artifact, or parameter text that does not parse, is unknown; other unparsable text malformed", () => {
        const tmpl = (resource: Obj) => ({ spec: { templates: [{ name: "t", resource }] } });
        assert.deepStrictEqual(issues(WORKFLOW, tmpl({ manifestFrom: { artifact: { name: "m" } } })), [
            "unknown all spec.templates[0].resource.manifestFrom",
        ]);
        assert.deepStrictEqual(issues(WORKFLOW, tmpl({ manifest: "kind: Pod\nspec: {{inputs.parameters.spec}}: x" })), [
            "unknown all spec.templates[0].resource.manifest",
        ]);
        assert.deepStrictEqual(issues(WORKFLOW, tmpl({ manifest: "kind: [unclosed" })), [
            "malformed all spec.templates[0].resource.manifest",
        ]);
        assert.deepStrictEqual(issues(WORKFLOW, tmpl({ manifest: "  " })), []);
        assert.deepStrictEqual(issues(WORKFLOW, tmpl({ manifest: UNKNOWN })), [
            "unknown all spec.templates[0].resource.manifest",
        ]);
    });
});

describe("KubeRay autoscaler", () => {
    const head = { metadata: { labels: { role: "head" } }, spec: { containers: [{ name: "ray-head", image: "ray" }] } };

    it("with in-tree autoscaling the head pod has the autoscaler container, judged at autoscalerOptions", () => {
        const props = {
            spec: {
                enableInTreeAutoscaling: true,
                autoscalerOptions: { image: "ray:2", securityContext: { privileged: true } },
                headGroupSpec: { template: head },
            },
        };
        assert.deepStrictEqual(privileged(RAY, props), ["spec.autoscalerOptions.securityContext.privileged"]);
        const [w] = toWorkloads(RAY, "r", props);
        assert.deepStrictEqual(
            [w.specPath, { ...w.podLabels }, w.containers.map((c) => `${c.name}@${c.path}`)],
            [
                "spec.headGroupSpec.template.spec",
                { role: "head" },
                ["ray-head@spec.headGroupSpec.template.spec.containers[0]", "autoscaler@spec.autoscalerOptions"],
            ],
        );
        const nested = { spec: { rayClusterSpec: props.spec } };
        assert.deepStrictEqual(privileged(RAYJOB, nested), [
            "spec.rayClusterSpec.autoscalerOptions.securityContext.privileged",
        ]);
    });

    it("without in-tree autoscaling there is no autoscaler, whatever autoscalerOptions say; unknown is recorded", () => {
        const options = {
            autoscalerOptions: { securityContext: { privileged: true } },
            headGroupSpec: { template: head },
        };
        assert.deepStrictEqual(privileged(RAY, { spec: options }), []);
        assert.deepStrictEqual(privileged(RAY, { spec: { ...options, enableInTreeAutoscaling: false } }), []);
        assert.deepStrictEqual(issues(RAY, { spec: { ...options, enableInTreeAutoscaling: UNKNOWN } }), [
            "unknown all spec.enableInTreeAutoscaling",
        ]);
    });
});

describe("Tekton shapes", () => {
    it("a pipeline in a pipeline task (pipelineSpec) has its tasks judged at their nested paths", () => {
        const props = {
            spec: {
                tasks: [
                    {
                        name: "inner",
                        pipelineSpec: { tasks: [{ name: "build", taskSpec: { steps: [priv("build")] } }] },
                    },
                ],
            },
        };
        assert.deepStrictEqual(privileged(PIPELINE, props), [
            "spec.tasks[0].pipelineSpec.tasks[0].taskSpec.steps[0].securityContext.privileged",
        ]);
    });

    it("a step that references a StepAction is the StepAction's to judge, even under a privileged stepTemplate", () => {
        const props = {
            spec: {
                stepTemplate: { securityContext: { privileged: true } },
                steps: [
                    { name: "clone", ref: { name: "git-clone" } },
                    { name: "run", image: "alpine" },
                ],
            },
        };
        const [w] = toWorkloads(TASK, "t", props);
        assert.deepStrictEqual(
            w.containers.map((c) => `${c.name}@${c.path}`),
            ["run@spec.steps[1]"],
        );
    });
});

describe("Spark shapes", () => {
    it("a role's pod template sets its pod's pod-level settings where the SparkPodSpec does not", () => {
        const [driver, , executor] = toWorkloads(SPARK, "s", {
            spec: {
                driver: {
                    hostNetwork: false,
                    template: { spec: { hostNetwork: true, hostIPC: true, securityContext: { runAsUser: 0 } } },
                },
                executor: {
                    podSecurityContext: { runAsUser: 1000 },
                    template: { spec: { securityContext: { runAsUser: 0 }, volumes: [{ name: "t", emptyDir: {} }] } },
                },
            },
        });
        assert.deepStrictEqual(
            driver.hostNamespaces.map((h) => h.path),
            ["spec.driver.template.spec.hostIPC"],
        );
        assert.deepStrictEqual(
            [driver.pod.runAsUser, driver.pod.path],
            [0, "spec.driver.template.spec.securityContext"],
        );
        assert.deepStrictEqual([executor.pod.runAsUser, executor.pod.path], [1000, "spec.executor.podSecurityContext"]);
        assert.deepStrictEqual(
            executor.volumes.map((v) => v.path),
            ["spec.executor.template.spec.volumes[0]"],
        );
    });

    it("each role's pod gets only the application volumes its containers mount; unreadable mounts mean all", () => {
        const volumes = [
            { name: "d", hostPath: { path: "/d" } },
            { name: "e", hostPath: { path: "/e" } },
            { name: "s", hostPath: { path: "/s" } },
        ];
        const vols = (driver: Obj, executor: Obj) =>
            toWorkloads(SPARK, "s", { spec: { volumes, driver, executor } }).map((w) => w.volumes.map((v) => v.name));
        assert.deepStrictEqual(
            vols(
                {
                    volumeMounts: [{ name: "d", mountPath: "/d" }],
                    sidecars: [{ name: "x", volumeMounts: [{ name: "s", mountPath: "/s" }] }],
                },
                { initContainers: [{ name: "i", volumeMounts: [{ name: "e", mountPath: "/e" }] }] },
            ),
            [["d", "s"], ["e"]],
        );
        assert.deepStrictEqual(vols({ volumeMounts: UNKNOWN }, {}), [["d", "e", "s"], []]);
        assert.deepStrictEqual(vols({ sidecars: "x" }, { volumeMounts: [{ mountPath: "/x" }] }), [
            ["d", "e", "s"],
            ["d", "e", "s"],
        ]);
    });
});
