// Pods the custom-resource adapter assembles from parts (Argo Workflows templates, Tekton steps and pod templates,
// Spark driver and executor): which part ends up where in the pod, and the CR field path each part is reported at.
// The workload model is asserted field by field (container, mount, volume, namespace, runtime and securityContext
// paths are what findings name and what remediation edits).
import * as assert from "assert";
import { toWorkloads } from "../../adapters";
import { Workload } from "../../model/workload";
import { POD_SECURITY_CONTEXT } from "../fixtures/customResources";
import { Obj } from "../fixtures/kubernetes";
import { UNKNOWN } from "../harness/engine";
import { judge } from "../helpers";

interface View {
    specPath: string;
    pod: string;
    podRunAsNonRoot?: boolean;
    containers: string[];
    mounts: string[];
    volumes: string[];
    host: string[];
    runtime?: string;
    labels: Record<string, string>;
    annotations: Record<string, string>;
    issues: string[];
}

/** The parts of a workload the assembly decides, one readable line per element. */
function view(w: Workload): View {
    const v: View = {
        specPath: w.specPath,
        pod: w.pod.path,
        containers: w.containers.map((c) => {
            const p = c.security.privileged === undefined ? "" : ` privileged=${c.security.privileged}`;
            return `${c.role} ${c.name} ${c.image ?? "-"} @${c.path} sc@${c.security.path}${p}@${c.security.paths.privileged}`;
        }),
        mounts: w.containers.flatMap((c) => c.mounts.map((m) => `${c.name}:${m.volume}@${m.path}`)),
        volumes: w.volumes.map((x) => `${x.name}@${x.path}`),
        host: w.hostNamespaces.map((h) => `${h.namespace}=${h.value}@${h.path}`),
        labels: { ...w.podLabels },
        annotations: { ...w.podAnnotations },
        issues: w.issues.map((i) => `${i.kind} ${i.field} ${i.path}`),
    };
    if (w.pod.runAsNonRoot !== undefined) v.podRunAsNonRoot = w.pod.runAsNonRoot;
    if (w.runtime) v.runtime = `${w.runtime.value}@${w.runtime.path}`;
    return v;
}

function views(type: string, props: Obj): View[] {
    return toWorkloads(type, "r", props).map(view);
}

const WORKFLOW = "kubernetes:argoproj.io/v1alpha1:Workflow";
const TASK = "kubernetes:tekton.dev/v1:Task";
const TASK_RUN = "kubernetes:tekton.dev/v1:TaskRun";
const PIPELINE = "kubernetes:tekton.dev/v1:Pipeline";
const PIPELINE_RUN = "kubernetes:tekton.dev/v1:PipelineRun";
const SPARK = "kubernetes:sparkoperator.k8s.io/v1beta2:SparkApplication";

const C = "spec.templates[0]";

describe("Argo Workflows: one pod per template that runs containers", () => {
    it("main container, sidecars, init containers, containerSet; workflow and template volumes, labels, hostNetwork", () => {
        const ws = views(WORKFLOW, {
            spec: {
                podMetadata: { labels: { team: "wf", shared: "wf" }, annotations: { note: "wf" } },
                securityContext: { runAsNonRoot: false },
                hostNetwork: true,
                volumes: [{ name: "wfvol", emptyDir: {} }],
                templates: [
                    {
                        name: "t",
                        metadata: { labels: { shared: "tmpl" }, annotations: { x: "t" } },
                        securityContext: { runAsNonRoot: true },
                        container: {
                            image: "alpine",
                            securityContext: { privileged: true },
                            volumeMounts: [{ name: "tvol", mountPath: "/t" }],
                        },
                        initContainers: [{ name: "init", image: "busybox" }],
                        sidecars: [{ name: "side", image: "nginx" }],
                        volumes: [{ name: "tvol", emptyDir: {} }],
                    },
                    {
                        name: "cs",
                        containerSet: {
                            containers: [
                                { name: "a", image: "x" },
                                { name: "b", image: "y" },
                            ],
                        },
                    },
                    { name: "steps", steps: [[{ name: "a", template: "t" }]] },
                    "not a template",
                ],
            },
        });
        const T1 = "spec.templates[1]";
        assert.deepStrictEqual(ws, [
            {
                specPath: C,
                pod: `${C}.securityContext`,
                podRunAsNonRoot: true,
                containers: [
                    `container main alpine @${C}.container sc@${C}.container.securityContext privileged=true@${C}.container.securityContext.privileged`,
                    `container side nginx @${C}.sidecars[0] sc@${C}.sidecars[0].securityContext@${C}.sidecars[0].securityContext.privileged`,
                    `initContainer init busybox @${C}.initContainers[0] sc@${C}.initContainers[0].securityContext@${C}.initContainers[0].securityContext.privileged`,
                ],
                mounts: [`main:tvol@${C}.container.volumeMounts[0]`],
                volumes: ["wfvol@spec.volumes[0]", `tvol@${C}.volumes[0]`],
                host: ["network=true@spec.hostNetwork"],
                labels: { team: "wf", shared: "tmpl" },
                annotations: { note: "wf", x: "t" },
                issues: [],
            },
            {
                specPath: T1,
                pod: "spec.securityContext",
                podRunAsNonRoot: false,
                containers: [
                    `container a x @${T1}.containerSet.containers[0] sc@${T1}.containerSet.containers[0].securityContext@${T1}.containerSet.containers[0].securityContext.privileged`,
                    `container b y @${T1}.containerSet.containers[1] sc@${T1}.containerSet.containers[1].securityContext@${T1}.containerSet.containers[1].securityContext.privileged`,
                ],
                mounts: [],
                volumes: ["wfvol@spec.volumes[0]"],
                host: ["network=true@spec.hostNetwork"],
                labels: { team: "wf", shared: "wf" },
                annotations: { note: "wf" },
                issues: [],
            },
        ]);
    });

    it("templateDefaults: its pod securityContext before the workflow's; its container securityContext fills in", () => {
        const D = "spec.templateDefaults.container.securityContext";
        const ws = toWorkloads(WORKFLOW, "r", {
            spec: {
                securityContext: { runAsNonRoot: false },
                templateDefaults: {
                    securityContext: { runAsNonRoot: true },
                    container: {
                        securityContext: { privileged: true, runAsUser: 1000, capabilities: { drop: ["ALL"] } },
                    },
                },
                templates: [
                    { name: "defaults", container: { image: "a" } },
                    {
                        name: "mixed",
                        container: {
                            image: "a",
                            securityContext: {
                                runAsUser: 2000,
                                privileged: null,
                                capabilities: { add: ["NET_ADMIN"] },
                            },
                        },
                    },
                    { name: "own", container: { image: "a", securityContext: { privileged: false } } },
                    { name: "script", script: { image: "py", source: "print(1)" } },
                ],
            },
        });
        assert.deepStrictEqual(
            ws.map((w) => [w.pod.path, w.pod.runAsNonRoot]),
            Array(4).fill(["spec.templateDefaults.securityContext", true]),
        );
        const cs = ws.map((w) => w.containers[0]);
        assert.deepStrictEqual(
            cs.map((c) => [c.name, c.image, c.security.path, c.security.privileged, c.security.paths.privileged]),
            [
                ["main", "a", D, true, `${D}.privileged`],
                ["main", "a", "spec.templates[1].container.securityContext", true, `${D}.privileged`],
                [
                    "main",
                    "a",
                    "spec.templates[2].container.securityContext",
                    false,
                    "spec.templates[2].container.securityContext.privileged",
                ],
                [
                    "main",
                    "py",
                    "spec.templates[3].script.securityContext",
                    undefined,
                    "spec.templates[3].script.securityContext.privileged",
                ],
            ],
        );
        // Objects merge key by key: the template adds a capability, the default drop list stays, each at its path.
        assert.deepStrictEqual(
            [cs[1].security.capAdd, cs[1].security.paths.capAdd, cs[1].security.capDrop, cs[1].security.paths.capDrop],
            [
                ["NET_ADMIN"],
                "spec.templates[1].container.securityContext.capabilities.add",
                ["ALL"],
                `${D}.capabilities.drop`,
            ],
        );
        assert.deepStrictEqual([cs[1].security.runAsUser, cs[0].security.runAsUser], [2000, 1000]);
    });

    it("unknown and malformed parts are recorded at their own paths (and carried by every pod)", () => {
        const ws = views(WORKFLOW, {
            spec: {
                podMetadata: "x",
                templateDefaults: UNKNOWN,
                podSpecPatch: UNKNOWN,
                volumes: "x",
                templates: [
                    {
                        name: "t",
                        securityContext: "x",
                        metadata: "m",
                        container: { image: "a" },
                        volumes: UNKNOWN,
                        initContainers: "i",
                        sidecars: UNKNOWN,
                    },
                    { name: "cs", containerSet: { containers: UNKNOWN } },
                ],
            },
        });
        const shared = [
            "malformed labels spec.podMetadata",
            "unknown all spec.templateDefaults",
            "unknown all spec.podSpecPatch",
            "malformed all spec.volumes",
            `malformed all ${C}.securityContext`,
            `unknown all ${C}.volumes`,
            `malformed all ${C}.initContainers`,
            `unknown all ${C}.sidecars`,
            `malformed labels ${C}.metadata`,
            "unknown all spec.templates[1].containerSet.containers",
        ];
        assert.deepStrictEqual(
            ws.map((w) => w.issues),
            [shared, shared],
        );
        assert.deepStrictEqual(
            views(WORKFLOW, {
                spec: {
                    podMetadata: { labels: UNKNOWN, annotations: UNKNOWN },
                    templateDefaults: { securityContext: "x", container: "y" },
                    templates: [
                        { name: "t", metadata: { labels: UNKNOWN }, container: { image: "a", securityContext: "z" } },
                    ],
                },
            })[0].issues.sort(),
            [
                `malformed all ${C}.container.securityContext`,
                `malformed all ${C}.container.securityContext`,
                `unknown labels ${C}.metadata.labels`,
                "malformed all spec.templateDefaults.container",
                "malformed all spec.templateDefaults.securityContext",
                "unknown labels spec.podMetadata.annotations",
                "unknown labels spec.podMetadata.labels",
            ].sort(),
        );
        assert.deepStrictEqual(
            views(WORKFLOW, {
                spec: {
                    templateDefaults: { container: { securityContext: "d" } },
                    templates: [{ name: "t", container: { image: "a" } }],
                },
            })[0].issues,
            ["malformed all spec.templateDefaults.container.securityContext"],
        );
        assert.deepStrictEqual(
            views(WORKFLOW, { spec: { templates: UNKNOWN } }).map((w) => [w.specPath, w.issues]),
            [["spec", ["unknown all spec.templates"]]],
        );
    });
});

describe("Argo Workflows podSpecPatch: the workflow's then the template's, on top of the assembled pod", () => {
    const P = `${C}.podSpecPatch`;
    const patched = (patch: unknown, wfPatch?: unknown): Workload[] =>
        toWorkloads(WORKFLOW, "r", {
            spec: {
                ...(wfPatch === undefined ? {} : { podSpecPatch: wfPatch }),
                templates: [
                    {
                        name: "p",
                        securityContext: { runAsUser: 1000 },
                        container: { image: "a", volumeMounts: [{ name: "v0", mountPath: "/0" }] },
                        initContainers: [{ name: "init", image: "b" }],
                        podSpecPatch: patch,
                    },
                ],
            },
        });

    it("pod-level fields, securityContext, volumes and containers merged by name, each at the patch's path", () => {
        const text = [
            "hostIPC: true",
            "hostUsers: false",
            "runtimeClassName: 2024-01-01",
            "os: {name: linux}",
            "containers:",
            "  - name: main",
            "    securityContext: {privileged: true}",
            "    volumeMounts: [{name: pv, mountPath: /p1}, {name: pv, mountPath: /p2}]",
            "  - name: wait",
            "    image: argoproj/argoexec",
            "  - x",
            "initContainers:",
            "  - name: init",
            "    volumeMounts: [{name: pv, mountPath: /i}]",
            "",
        ].join("\n");
        const wfPatch = {
            hostPID: true,
            hostNetwork: true,
            securityContext: { runAsNonRoot: true },
            volumes: [{ name: "pv", emptyDir: {} }],
        };
        const [w, ...rest] = patched(text, wfPatch);
        assert.deepStrictEqual(rest, []);
        assert.deepStrictEqual(view(w), {
            specPath: C,
            pod: "spec.podSpecPatch.securityContext",
            podRunAsNonRoot: true,
            containers: [
                `container main a @${C}.container sc@${C}.container.securityContext privileged=true@${P}.containers[0].securityContext.privileged`,
                `container wait argoproj/argoexec @${P}.containers[1] sc@${P}.containers[1].securityContext@${P}.containers[1].securityContext.privileged`,
                `initContainer init b @${C}.initContainers[0] sc@${C}.initContainers[0].securityContext@${C}.initContainers[0].securityContext.privileged`,
            ],
            mounts: [
                `main:v0@${C}.container.volumeMounts[0]`,
                `main:pv@${P}.containers[0].volumeMounts[0]`,
                `main:pv@${P}.containers[0].volumeMounts[1]`,
                `init:pv@${P}.initContainers[0].volumeMounts[0]`,
            ],
            volumes: ["pv@spec.podSpecPatch.volumes[0]"],
            host: [
                "network=true@spec.podSpecPatch.hostNetwork",
                "pid=true@spec.podSpecPatch.hostPID",
                `ipc=true@${P}.hostIPC`,
            ],
            runtime: `2024-01-01@${P}.runtimeClassName`,
            labels: {},
            annotations: {},
            issues: [],
        });
        assert.deepStrictEqual([w.hostUsers, w.osName], [false, "linux"]);
        // The template's own pod securityContext field stays where it is written.
        assert.deepStrictEqual([w.pod.runAsUser, w.pod.path], [1000, "spec.podSpecPatch.securityContext"]);
    });

    it("a patch without a securityContext leaves the pod's where it is; a container without one keeps its own", () => {
        const [w] = patched({ containers: [{ name: "main", volumeMounts: [{ name: "pv", mountPath: "/p" }] }] });
        assert.strictEqual(w.pod.path, `${C}.securityContext`);
        assert.deepStrictEqual(
            w.containers.map((c) => [c.name, c.image, c.security.path, c.mounts.map((m) => m.path)]),
            [
                [
                    "main",
                    "a",
                    `${C}.container.securityContext`,
                    [`${C}.container.volumeMounts[0]`, `${P}.containers[0].volumeMounts[0]`],
                ],
                ["init", "b", `${C}.initContainers[0].securityContext`, []],
            ],
        );
    });

    it("empty, null, JSON and object patches; a list or unreadable text is malformed", () => {
        for (const empty of ["", null, "{}", {}]) {
            const [w] = patched(empty);
            assert.deepStrictEqual([w.issues, w.hostNamespaces], [[], []], JSON.stringify(empty));
        }
        // JSON text is read as JSON: a repeated key takes its last value.
        const [dup] = patched('{"hostPID": false, "hostPID": true}');
        assert.deepStrictEqual(
            dup.hostNamespaces.map((h) => h.path),
            [`${P}.hostPID`],
        );
        for (const bad of [['{"hostPID": true}'], 5, "hostPID: [true"]) {
            const [w] = patched(bad);
            assert.deepStrictEqual(
                [w.issues.map((i) => `${i.kind} ${i.field} ${i.path}`), w.hostNamespaces],
                [[`malformed all ${P}`], []],
                JSON.stringify(bad),
            );
        }
        const ds = judge(WORKFLOW, {
            spec: {
                securityContext: POD_SECURITY_CONTEXT(),
                templates: [{ name: "t", podSpecPatch: "hostPID: true\n", container: { image: "a" } }],
            },
        });
        assert.ok(
            ds.some((d) => d.check === "hostNamespaces" && d.message.includes(`${C}.podSpecPatch.hostPID`)),
            ds.map((d) => d.message).join("\n"),
        );
    });
});

describe("Tekton: a TaskSpec is one pod, steps merged with stepTemplate, pod-level fields from a run's podTemplate", () => {
    const ST = "spec.stepTemplate";
    it("stepTemplate securityContext and volumeMounts fill in each step, reported at the stepTemplate's path", () => {
        const [w, ...rest] = toWorkloads(TASK, "r", {
            spec: {
                stepTemplate: {
                    securityContext: { runAsNonRoot: true, privileged: true, capabilities: { drop: ["ALL"] } },
                    volumeMounts: [
                        { name: "t1", mountPath: "/t1" },
                        { name: "t2", mountPath: "/t2" },
                    ],
                },
                steps: [
                    {
                        name: "own",
                        image: "a",
                        securityContext: { privileged: false, capabilities: { add: ["NET_ADMIN"] } },
                        volumeMounts: [{ name: "s", mountPath: "/s" }],
                    },
                    { name: "bare", image: "b" },
                ],
                sidecars: [{ name: "side", image: "c" }],
                volumes: [
                    { name: "s", emptyDir: {} },
                    { name: "t1", emptyDir: {} },
                    { name: "t2", emptyDir: {} },
                ],
            },
        });
        assert.deepStrictEqual(rest, []);
        assert.deepStrictEqual(view(w), {
            specPath: "spec",
            pod: "spec.securityContext",
            containers: [
                "container own a @spec.steps[0] sc@spec.steps[0].securityContext privileged=false@spec.steps[0].securityContext.privileged",
                `container bare b @spec.steps[1] sc@${ST}.securityContext privileged=true@${ST}.securityContext.privileged`,
                "container side c @spec.sidecars[0] sc@spec.sidecars[0].securityContext@spec.sidecars[0].securityContext.privileged",
            ],
            mounts: [
                "own:s@spec.steps[0].volumeMounts[0]",
                `own:t1@${ST}.volumeMounts[0]`,
                `own:t2@${ST}.volumeMounts[1]`,
                `bare:t1@${ST}.volumeMounts[0]`,
                `bare:t2@${ST}.volumeMounts[1]`,
            ],
            volumes: ["s@spec.volumes[0]", "t1@spec.volumes[1]", "t2@spec.volumes[2]"],
            host: [],
            labels: {},
            annotations: {},
            issues: [],
        });
        const own = w.containers[0].security;
        assert.deepStrictEqual(
            [own.capAdd, own.paths.capAdd, own.capDrop, own.paths.capDrop, own.runAsNonRoot],
            [
                ["NET_ADMIN"],
                "spec.steps[0].securityContext.capabilities.add",
                ["ALL"],
                `${ST}.securityContext.capabilities.drop`,
                true,
            ],
        );
    });

    it("without a stepTemplate a step is read as written; a step that is no object is malformed", () => {
        const [w] = toWorkloads(TASK, "r", { spec: { steps: [{ name: "s", image: "a" }] } });
        assert.deepStrictEqual(view(w).containers, [
            "container s a @spec.steps[0] sc@spec.steps[0].securityContext@spec.steps[0].securityContext.privileged",
        ]);
        assert.deepStrictEqual(view(w).mounts, []);
        assert.deepStrictEqual(view(w).issues, []);
        const [bad] = views(TASK, { spec: { steps: ["x", { name: "s", image: "a" }] } });
        assert.deepStrictEqual(bad.issues, ["malformed all spec.steps[0]"]);
        assert.deepStrictEqual(bad.containers.length, 1);
    });

    it("unknown and malformed parts are recorded at their own paths", () => {
        const issues = (spec: Obj) => views(TASK, { spec })[0].issues;
        assert.deepStrictEqual(issues({ stepTemplate: "x", steps: [{ name: "s", image: "a" }] }), [
            "malformed all spec.stepTemplate",
        ]);
        assert.deepStrictEqual(
            issues({ stepTemplate: { securityContext: "x", volumeMounts: "y" }, steps: [{ name: "s", image: "a" }] }),
            ["malformed all spec.stepTemplate.securityContext", "malformed volumes spec.stepTemplate.volumeMounts"],
        );
        assert.deepStrictEqual(
            issues({
                stepTemplate: { securityContext: { runAsNonRoot: true } },
                steps: [{ name: "s", image: "a", securityContext: "x" }],
            }),
            ["malformed all spec.steps[0].securityContext"],
        );
        assert.deepStrictEqual(issues({ steps: UNKNOWN, sidecars: UNKNOWN, volumes: "v" }), [
            "unknown all spec.steps",
            "unknown all spec.sidecars",
            "malformed all spec.volumes",
        ]);
    });

    it("TaskRun: the run's podTemplate sets the pod's securityContext, hostNetwork, runtime and volumes", () => {
        const PT = "spec.podTemplate";
        assert.deepStrictEqual(
            views(TASK_RUN, {
                spec: {
                    podTemplate: {
                        securityContext: { runAsNonRoot: true },
                        hostNetwork: true,
                        runtimeClassName: "gvisor",
                        volumes: [{ name: "pt", emptyDir: {} }],
                        nodeSelector: { a: "b" },
                    },
                    taskSpec: { steps: [{ name: "s", image: "a" }], volumes: [{ name: "ts", emptyDir: {} }] },
                },
            }),
            [
                {
                    specPath: "spec.taskSpec",
                    pod: `${PT}.securityContext`,
                    podRunAsNonRoot: true,
                    containers: [
                        "container s a @spec.taskSpec.steps[0] sc@spec.taskSpec.steps[0].securityContext@spec.taskSpec.steps[0].securityContext.privileged",
                    ],
                    mounts: [],
                    volumes: ["ts@spec.taskSpec.volumes[0]", `pt@${PT}.volumes[0]`],
                    host: [`network=true@${PT}.hostNetwork`],
                    runtime: `gvisor@${PT}.runtimeClassName`,
                    labels: {},
                    annotations: {},
                    issues: [],
                },
            ],
        );
        // No securityContext in the podTemplate: the pod's would be written in the TaskSpec.
        const [w] = views(TASK_RUN, {
            spec: {
                podTemplate: { hostNetwork: true, volumes: "x" },
                taskSpec: { steps: [{ name: "s", image: "a" }] },
            },
        });
        assert.deepStrictEqual(
            [w.pod, w.host, w.volumes],
            ["spec.taskSpec.securityContext", [`network=true@${PT}.hostNetwork`], []],
        );
    });

    it("TaskRun with a taskRef: its podTemplate alone is judged; nothing without one", () => {
        const PT = "spec.podTemplate";
        assert.deepStrictEqual(
            views(TASK_RUN, { spec: { taskRef: { name: "t" }, podTemplate: { hostNetwork: true } } }).map((w) => [
                w.specPath,
                w.pod,
                w.host,
                w.containers,
            ]),
            [["spec", `${PT}.securityContext`, [`network=true@${PT}.hostNetwork`], []]],
        );
        assert.deepStrictEqual(toWorkloads(TASK_RUN, "r", { spec: { taskRef: { name: "t" } } }), []);
        assert.deepStrictEqual(toWorkloads(TASK_RUN, "r", { spec: { taskRef: { name: "t" }, podTemplate: {} } }), []);
        assert.deepStrictEqual(
            views(TASK_RUN, { spec: { taskSpec: "x", podTemplate: "y" } }).map((w) => [w.specPath, w.issues]),
            [["spec", ["malformed all spec.podTemplate", "malformed all spec.taskSpec"]]],
        );
        assert.deepStrictEqual(
            views(TASK_RUN, { spec: { taskSpec: "x", podTemplate: { hostPID: true, hostNetwork: true } } }).map((w) => [
                w.specPath,
                w.host,
                w.issues,
            ]),
            [["spec", [`network=true@${PT}.hostNetwork`], ["malformed all spec.taskSpec"]]],
        );
    });

    it("Pipeline: each embedded task spec is a pod with its metadata's labels; a taskRef is none", () => {
        const ws = views(PIPELINE, {
            spec: {
                tasks: [
                    { name: "ref", taskRef: { name: "x" } },
                    {
                        name: "build",
                        taskSpec: {
                            metadata: { labels: { role: "build" }, annotations: { a: "b" } },
                            steps: [{ name: "s", image: "a" }],
                        },
                    },
                ],
                finally: [{ name: "notify", taskSpec: { steps: [{ name: "n", image: "b" }] } }],
            },
        });
        assert.deepStrictEqual(
            ws.map((w) => [w.specPath, w.pod, w.labels, w.annotations, w.containers.map((c) => c.split(" sc@")[0])]),
            [
                [
                    "spec.tasks[1].taskSpec",
                    "spec.tasks[1].taskSpec.securityContext",
                    { role: "build" },
                    { a: "b" },
                    ["container s a @spec.tasks[1].taskSpec.steps[0]"],
                ],
                [
                    "spec.finally[0].taskSpec",
                    "spec.finally[0].taskSpec.securityContext",
                    {},
                    {},
                    ["container n b @spec.finally[0].taskSpec.steps[0]"],
                ],
            ],
        );
        const issues = (spec: Obj) => views(PIPELINE, { spec }).flatMap((w) => w.issues);
        assert.deepStrictEqual(issues({ tasks: UNKNOWN, finally: "x" }), [
            "unknown all spec.tasks",
            "malformed all spec.finally",
        ]);
        assert.deepStrictEqual(issues({ tasks: [{ name: "t", taskSpec: "x" }] }), [
            "malformed all spec.tasks[0].taskSpec",
        ]);
        assert.deepStrictEqual(
            issues({ tasks: [{ name: "t", taskSpec: { metadata: "m", steps: [{ name: "s", image: "a" }] } }] }),
            ["malformed labels spec.tasks[0].taskSpec.metadata"],
        );
        assert.deepStrictEqual(
            issues({
                tasks: [{ name: "t", taskSpec: { metadata: { labels: UNKNOWN }, steps: [{ name: "s", image: "a" }] } }],
            }),
            ["unknown labels spec.tasks[0].taskSpec.metadata.labels"],
        );
    });

    it("PipelineRun: the run's pod template, overridden field by field by the task's own (v1 and v1beta1 names)", () => {
        const task = (name: string) => ({ name, taskSpec: { steps: [{ name: "s", image: "a" }] } });
        const TRT = "spec.taskRunTemplate.podTemplate";
        const ws = views(PIPELINE_RUN, {
            spec: {
                taskRunTemplate: {
                    podTemplate: { securityContext: { runAsNonRoot: true }, runtimeClassName: "gvisor" },
                },
                taskRunSpecs: [
                    { pipelineTaskName: "build", podTemplate: { hostNetwork: true, securityContext: null } },
                    { pipelineTaskName: "test", taskPodTemplate: { runtimeClassName: "kata" } },
                    { pipelineTaskName: 5, podTemplate: { hostPID: true } },
                    { podTemplate: { hostPID: true } },
                ],
                pipelineSpec: {
                    tasks: [task("build"), task("test"), task("other")],
                    finally: [{ taskSpec: task("x").taskSpec }],
                },
            },
        });
        assert.deepStrictEqual(
            ws.map((w) => [w.specPath, w.pod, w.podRunAsNonRoot, w.host, w.runtime]),
            [
                [
                    "spec.pipelineSpec.tasks[0].taskSpec",
                    `${TRT}.securityContext`,
                    true,
                    ["network=true@spec.taskRunSpecs[0].podTemplate.hostNetwork"],
                    `gvisor@${TRT}.runtimeClassName`,
                ],
                [
                    "spec.pipelineSpec.tasks[1].taskSpec",
                    `${TRT}.securityContext`,
                    true,
                    [],
                    "kata@spec.taskRunSpecs[1].taskPodTemplate.runtimeClassName",
                ],
                [
                    "spec.pipelineSpec.tasks[2].taskSpec",
                    `${TRT}.securityContext`,
                    true,
                    [],
                    `gvisor@${TRT}.runtimeClassName`,
                ],
                [
                    "spec.pipelineSpec.finally[0].taskSpec",
                    `${TRT}.securityContext`,
                    true,
                    [],
                    `gvisor@${TRT}.runtimeClassName`,
                ],
            ],
        );
        // v1beta1: the run's `podTemplate`.
        assert.deepStrictEqual(
            views(PIPELINE_RUN, {
                spec: { podTemplate: { runtimeClassName: "gvisor" }, pipelineSpec: { tasks: [task("a")] } },
            }).map((w) => w.runtime),
            ["gvisor@spec.podTemplate.runtimeClassName"],
        );
    });

    it("PipelineRun with a pipelineRef: the run's pod template alone is judged; issues at their paths", () => {
        assert.deepStrictEqual(
            views(PIPELINE_RUN, {
                spec: {
                    pipelineRef: { name: "p" },
                    taskRunTemplate: { podTemplate: { hostNetwork: true, securityContext: { runAsNonRoot: true } } },
                },
            }).map((w) => [w.specPath, w.pod, w.host]),
            [
                [
                    "spec",
                    "spec.taskRunTemplate.podTemplate.securityContext",
                    ["network=true@spec.taskRunTemplate.podTemplate.hostNetwork"],
                ],
            ],
        );
        assert.deepStrictEqual(toWorkloads(PIPELINE_RUN, "r", { spec: { pipelineRef: { name: "p" } } }), []);
        assert.deepStrictEqual(
            views(PIPELINE_RUN, { spec: { taskRunTemplate: "x", taskRunSpecs: UNKNOWN, pipelineSpec: "y" } }).flatMap(
                (w) => w.issues,
            ),
            ["malformed all spec.taskRunTemplate", "unknown all spec.taskRunSpecs", "malformed all spec.pipelineSpec"],
        );
        assert.deepStrictEqual(
            views(PIPELINE_RUN, {
                spec: { podTemplate: "x", pipelineSpec: { tasks: [{ name: "a", taskSpec: { steps: [] } }] } },
            }).flatMap((w) => w.issues),
            ["malformed all spec.podTemplate"],
        );
    });
});

describe("Spark operator: a driver pod and an executor pod", () => {
    it("each SparkPodSpec field at its own path; the application's image is both pods', its volumes those each mounts", () => {
        const D = "spec.driver";
        const ws = toWorkloads(SPARK, "r", {
            spec: {
                image: "spark:3.5",
                volumes: [{ name: "v", hostPath: { path: "/data" } }],
                driver: {
                    image: "driver:1",
                    podSecurityContext: { runAsNonRoot: true },
                    securityContext: { privileged: true },
                    volumeMounts: [{ name: "v", mountPath: "/data" }],
                    hostNetwork: true,
                    runtimeClassName: "gvisor",
                    labels: { role: "driver" },
                    annotations: { x: "y" },
                    sidecars: [{ name: "side", image: "s" }],
                    initContainers: [{ name: "init", image: "i" }],
                    lifecycle: { postStart: { httpGet: { host: "169.254.169.254", path: "/", port: 80 } } },
                    template: { metadata: { labels: { t: "1" } }, spec: { hostPID: true } },
                },
                executor: { instances: 2 },
            },
        });
        assert.deepStrictEqual(
            ws.map((w) => [view(w), w.isPatch]),
            [
                [
                    {
                        specPath: D,
                        pod: `${D}.podSecurityContext`,
                        podRunAsNonRoot: true,
                        containers: [
                            `container spark-kubernetes-driver driver:1 @${D} sc@${D}.securityContext privileged=true@${D}.securityContext.privileged`,
                            `container side s @${D}.sidecars[0] sc@${D}.sidecars[0].securityContext@${D}.sidecars[0].securityContext.privileged`,
                            `initContainer init i @${D}.initContainers[0] sc@${D}.initContainers[0].securityContext@${D}.initContainers[0].securityContext.privileged`,
                        ],
                        mounts: [`spark-kubernetes-driver:v@${D}.volumeMounts[0]`],
                        volumes: ["v@spec.volumes[0].hostPath.path"],
                        // Issue 23: the pod template's pod-level settings are the driver pod's.
                        host: [`network=true@${D}.hostNetwork`, `pid=true@${D}.template.spec.hostPID`],
                        runtime: `gvisor@${D}.runtimeClassName`,
                        labels: { role: "driver" },
                        annotations: { x: "y" },
                        issues: [],
                    },
                    false,
                ],
                [
                    {
                        specPath: `${D}.template.spec`,
                        pod: `${D}.template.spec.securityContext`,
                        containers: [],
                        mounts: [],
                        volumes: [],
                        host: [],
                        labels: { t: "1" },
                        annotations: {},
                        issues: [],
                    },
                    true,
                ],
                [
                    {
                        specPath: "spec.executor",
                        pod: "spec.executor.podSecurityContext",
                        containers: [
                            "container spark-kubernetes-executor spark:3.5 @spec.executor sc@spec.executor.securityContext@spec.executor.securityContext.privileged",
                        ],
                        mounts: [],
                        // Issue 23: the executor mounts no volume, so the operator adds none to its pod.
                        volumes: [],
                        host: [],
                        labels: {},
                        annotations: {},
                        issues: [],
                    },
                    false,
                ],
            ],
        );
        assert.deepStrictEqual(
            ws[0].containers[0].hostReferences.map((h) => [h.host, h.path]),
            [["169.254.169.254", `${D}.lifecycle.postStart.httpGet.host`]],
        );
    });

    it("unknown and malformed parts are recorded at their own paths", () => {
        const issues = (spec: Obj) => views(SPARK, { spec }).flatMap((w) => w.issues);
        assert.deepStrictEqual(issues({ driver: "x", volumes: UNKNOWN }), [
            "unknown all spec.volumes",
            "malformed all spec.driver",
        ]);
        assert.deepStrictEqual(
            issues({ driver: { podSecurityContext: "x", sidecars: UNKNOWN, initContainers: "i", template: "t" } }),
            [
                "malformed all spec.driver.podSecurityContext",
                "unknown all spec.driver.sidecars",
                "malformed all spec.driver.initContainers",
                "malformed all spec.driver.template",
            ],
        );
    });
});

describe("assembled pods: how paths are mapped back", () => {
    it("a list inside a securityContext the patch leaves alone keeps the template's path (sysctls[0])", () => {
        const [w] = toWorkloads(WORKFLOW, "r", {
            spec: {
                podSpecPatch: { securityContext: { runAsNonRoot: true } },
                templates: [
                    {
                        name: "t",
                        securityContext: { sysctls: [{ name: "kernel.msgmax", value: "65536" }] },
                        container: { image: "a" },
                    },
                ],
            },
        });
        assert.deepStrictEqual(
            w.sysctls.map((s) => [s.name, s.path]),
            [["kernel.msgmax", `${C}.securityContext.sysctls[0].name`]],
        );
        assert.strictEqual(w.pod.path, "spec.podSpecPatch.securityContext");
    });

    it("labels and annotations are user data: never rewritten as paths, whatever they hold", () => {
        const data = { "example.com/config-path": "\u00a7.containers[0]", "example.com/paths": "\u00a7" };
        const [w] = toWorkloads(SPARK, "r", {
            metadata: { labels: data, annotations: data },
            spec: { driver: { image: "a", labels: data, annotations: data } },
        });
        assert.deepStrictEqual(
            [{ ...w.labels }, { ...w.annotations }, { ...w.podLabels }, { ...w.podAnnotations }],
            [data, data, data, data],
        );
    });
});

describe("assembled pods: what a part written wrong becomes", () => {
    it("a step's volumeMounts unknown or malformed is recorded (with its container), with or without stepTemplate mounts", () => {
        const task = (volumeMounts: unknown, stepTemplate?: Obj) =>
            views(TASK, {
                spec: { ...(stepTemplate ? { stepTemplate } : {}), steps: [{ name: "s", image: "a", volumeMounts }] },
            })[0];
        const withMounts = { volumeMounts: [{ name: "t", mountPath: "/t" }] };
        for (const st of [undefined, withMounts]) {
            assert.deepStrictEqual(
                task("x", st).issues.filter((i) => i.includes("spec.steps[0].volumeMounts")),
                ["malformed volumes spec.steps[0].volumeMounts"],
                JSON.stringify(st),
            );
            assert.deepStrictEqual(
                task(UNKNOWN, st).issues.filter((i) => i.includes("spec.steps[0].volumeMounts")),
                ["unknown volumes spec.steps[0].volumeMounts"],
                JSON.stringify(st),
            );
        }
        assert.deepStrictEqual(task("x", withMounts).mounts, []);
        const [raw] = toWorkloads(TASK, "r", {
            spec: { stepTemplate: withMounts, steps: [{ name: "s", image: "a", volumeMounts: "x" }] },
        });
        assert.deepStrictEqual(
            raw.issues.map((i) => i.container),
            ["s"],
        );
        assert.deepStrictEqual(task([], withMounts).mounts, ["s:t@spec.stepTemplate.volumeMounts[0]"]);
        assert.deepStrictEqual(task(null, withMounts), task(undefined, withMounts));
    });

    it("a step's capabilities written as no object over a stepTemplate's are malformed, not the template's", () => {
        const [w] = views(TASK, {
            spec: {
                stepTemplate: { securityContext: { capabilities: { drop: ["ALL"] } } },
                steps: [{ name: "s", image: "a", securityContext: { capabilities: "ALL" } }],
            },
        });
        assert.deepStrictEqual(
            w.issues.filter((i) => i.includes("capabilities")),
            ["malformed capabilities spec.steps[0].securityContext.capabilities"],
        );
    });

    it("Argo: with no securityContext anywhere, the pod's would be written in the template", () => {
        const [w] = toWorkloads(WORKFLOW, "r", { spec: { templates: [{ name: "t", container: { image: "a" } }] } });
        assert.deepStrictEqual([w.pod.path, w.pod.runAsNonRoot], [`${C}.securityContext`, undefined]);
    });
});
