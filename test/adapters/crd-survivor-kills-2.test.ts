// More edges of the assembling readers of custom resources: Argo's templateDefaults merged into a template as a
// strategic merge patch (lists by their merge key, the pod securityContext key by key), the flat pod of a Crossplane
// ControllerConfig, and the docker containers and mounts the actions-runner-controller adds.
import * as assert from "assert";
import { toWorkloads } from "../../adapters";
import { UNKNOWN } from "../harness/engine";
import { Obj } from "../fixtures/kubernetes";

const WORKFLOW = "kubernetes:argoproj.io/v1alpha1:Workflow";
const CONTROLLER_CONFIG = "kubernetes:pkg.crossplane.io/v1alpha1:ControllerConfig";
const RUNNERS = "kubernetes:actions.summerwind.dev/v1alpha1:RunnerDeployment";
const RUNNER_SET = "kubernetes:actions.summerwind.dev/v1alpha1:RunnerSet";

const issues = (type: string, props: Obj) =>
    toWorkloads(type, "r", props).flatMap((w) => w.issues.map((i) => `${i.kind} ${i.field} ${i.path}`));
const D = "spec.templateDefaults";
const T = "spec.templates[0]";

describe("Argo Workflows: templateDefaults merged by patch merge key", () => {
    const main = (container: Obj, defaults: Obj) => {
        const [w] = toWorkloads(WORKFLOW, "w", {
            spec: { templateDefaults: { container: defaults }, templates: [{ name: "t", container }] },
        });
        return w.containers[0];
    };

    it("a default port with the containerPort of the template's fills in its hostPort, at the defaults' path", () => {
        const c = main(
            { image: "x", ports: [{ containerPort: 22 }, { containerPort: 80 }] },
            {
                ports: [
                    { containerPort: 443, hostPort: 443 },
                    { containerPort: 80, hostPort: 8080 },
                ],
            },
        );
        assert.deepStrictEqual(
            c.ports.map((p) => [p.containerPort, p.hostPort, p.path]),
            [
                [22, undefined, `${T}.container.ports[0].hostPort`],
                [80, 8080, `${D}.container.ports[1].hostPort`],
                [443, 443, `${D}.container.ports[0].hostPort`],
            ],
        );
    });

    it("a default mount at the template's mountPath is merged into that mount (one mount, the default's readOnly)", () => {
        const c = main(
            { image: "x", volumeMounts: [{ name: "v", mountPath: "/a" }] },
            { volumeMounts: [{ name: "w", mountPath: "/a", readOnly: true }] },
        );
        assert.deepStrictEqual(
            c.mounts.map((m) => [m.volume, m.mountPath, m.readOnly, m.path]),
            [["v", "/a", true, `${T}.container.volumeMounts[0]`]],
        );
    });

    it("mounts without a mountPath have no merge key: the default's is added beside the template's", () => {
        const c = main(
            { image: "x", volumeMounts: [{ name: "v" }] },
            { volumeMounts: [{ name: "w", readOnly: true }] },
        );
        assert.deepStrictEqual(
            c.mounts.map((m) => [m.volume, m.readOnly, m.path]),
            [
                ["v", undefined, `${T}.container.volumeMounts[0]`],
                ["w", true, `${D}.container.volumeMounts[0]`],
            ],
        );
    });

    it("an empty ports list of the template is no list: the defaults' unknown ports are judged as hostPorts", () => {
        const props = {
            spec: {
                templateDefaults: { container: { ports: UNKNOWN } },
                templates: [{ name: "t", container: { image: "x", ports: [] } }],
            },
        };
        assert.deepStrictEqual(issues(WORKFLOW, props), [`unknown hostPorts ${D}.container.ports`]);
        const item = {
            spec: {
                templateDefaults: { container: { ports: [UNKNOWN] } },
                templates: [{ name: "t", container: { image: "x", ports: [] } }],
            },
        };
        assert.deepStrictEqual(issues(WORKFLOW, item), [`unknown hostPorts ${D}.container.ports[0]`]);
    });

    it("a list without a merge key (args) is the template's whole: the defaults' list is not read", () => {
        const props = {
            spec: {
                templateDefaults: { container: { args: [UNKNOWN] } },
                templates: [{ name: "t", container: { image: "x", args: ["run"] } }],
            },
        };
        assert.deepStrictEqual(issues(WORKFLOW, props), []);
    });

    it("sidecars without a name have no merge key: the template's is not merged with the default's", () => {
        const [w] = toWorkloads(WORKFLOW, "w", {
            spec: {
                templateDefaults: { sidecars: [{ image: "b", securityContext: { privileged: true } }] },
                templates: [{ name: "t", container: { image: "x" }, sidecars: [{ image: "a" }] }],
            },
        });
        assert.deepStrictEqual(
            w.containers.map((c) => [c.image, c.path, c.security.privileged]),
            [
                ["x", `${T}.container`, undefined],
                ["a", `${T}.sidecars[0]`, undefined],
                ["b", `${D}.sidecars[0]`, true],
            ],
        );
    });

    it("templateDefaults' securityContext unknown beside the template's own is recorded at the defaults' path", () => {
        const props = {
            spec: {
                templateDefaults: { securityContext: UNKNOWN },
                templates: [{ name: "t", container: { image: "x" }, securityContext: { runAsUser: 0 } }],
            },
        };
        assert.deepStrictEqual(issues(WORKFLOW, props), [`unknown all ${D}.securityContext`]);
    });
});

describe("Crossplane ControllerConfig: the package runtime's flat pod", () => {
    it("podSecurityContext is the pod's, securityContext, image and volumeMounts the package-runtime container's", () => {
        const [w] = toWorkloads(CONTROLLER_CONFIG, "c", {
            spec: {
                image: "xpkg.upbound.io/p:v1",
                podSecurityContext: { runAsUser: 0 },
                securityContext: { privileged: true },
                volumes: [{ name: "v", hostPath: { path: "/" } }],
                volumeMounts: [{ name: "v", mountPath: "/host" }],
                metadata: { labels: { app: "p" } },
            },
        });
        assert.deepStrictEqual([w.pod.path, w.pod.runAsUser], ["spec.podSecurityContext", 0]);
        assert.deepStrictEqual(
            w.containers.map((c) => [c.name, c.image, c.path, c.security.paths.privileged, c.security.privileged]),
            [["package-runtime", "xpkg.upbound.io/p:v1", "spec", "spec.securityContext.privileged", true]],
        );
        assert.deepStrictEqual(
            w.containers[0].mounts.map((m) => [m.volume, m.mountPath, m.path]),
            [["v", "/host", "spec.volumeMounts[0]"]],
        );
        assert.deepStrictEqual(
            w.volumes.map((v) => v.path),
            ["spec.volumes[0].hostPath.path"],
        );
        assert.deepStrictEqual({ ...w.podLabels }, { app: "p" });
    });

    it("volumeMounts alone make the package-runtime container; an image alone makes none", () => {
        const [mounts] = toWorkloads(CONTROLLER_CONFIG, "c", {
            spec: { volumeMounts: [{ name: "v", mountPath: "/host" }] },
        });
        assert.deepStrictEqual(
            mounts.containers.map((c) => [c.name, c.mounts.map((m) => m.path)]),
            [["package-runtime", ["spec.volumeMounts[0]"]]],
        );
        const [image] = toWorkloads(CONTROLLER_CONFIG, "c", { spec: { image: "xpkg.upbound.io/p:v1" } });
        assert.deepStrictEqual(image.containers, []);
    });

    it("only the spec's own fields are the container's: a securityContext on its prototype is not read", () => {
        const spec = Object.create({ securityContext: { privileged: true } }) as Obj;
        spec.volumeMounts = [{ name: "v", mountPath: "/host" }];
        const [w] = toWorkloads(CONTROLLER_CONFIG, "c", { spec });
        assert.deepStrictEqual(
            w.containers.map((c) => [c.name, c.security.privileged]),
            [["package-runtime", undefined]],
        );
    });

    it("metadata and its labels unknown at preview are recorded as labels at their own paths", () => {
        assert.deepStrictEqual(issues(CONTROLLER_CONFIG, { spec: { image: "p", metadata: UNKNOWN } }), [
            "unknown labels spec.metadata",
        ]);
        assert.deepStrictEqual(issues(CONTROLLER_CONFIG, { spec: { image: "p", metadata: { labels: UNKNOWN } } }), [
            "unknown labels spec.metadata.labels",
        ]);
    });
});

describe("actions-runner-controller: docker containers and mounts", () => {
    const runnerDeployment = (spec: Obj) => ({ metadata: { name: "r" }, spec: { template: { spec } } });
    const dockerVolumeMounts = [{ name: "sock", mountPath: "/var/run/docker.sock" }];
    const dockerMounts = (type: string, props: Obj) =>
        toWorkloads(type, "r", props).flatMap((w) =>
            w.containers.filter((c) => c.name === "docker").map((c) => [c.path, c.mounts.map((m) => m.path)]),
        );

    it("dockerVolumeMounts reach a declared docker container among other declared containers", () => {
        const containers = [
            { name: "runner", image: "r:1" },
            { name: "docker", image: "docker:dind" },
        ];
        assert.deepStrictEqual(dockerMounts(RUNNERS, runnerDeployment({ dockerVolumeMounts, containers })), [
            ["spec.template.spec.containers[1]", ["spec.template.spec.dockerVolumeMounts[0]"]],
        ]);
    });

    it("a docker container's volumeMounts written null or empty are no mounts: dockerVolumeMounts reach it", () => {
        for (const volumeMounts of [null, []]) {
            const containers = [{ name: "docker", image: "docker:dind", volumeMounts }];
            assert.deepStrictEqual(dockerMounts(RUNNERS, runnerDeployment({ dockerVolumeMounts, containers })), [
                ["spec.template.spec.containers[0]", ["spec.template.spec.dockerVolumeMounts[0]"]],
            ]);
        }
    });

    it("a RunnerSet's docker sidecar gets no dockerVolumeMounts, with no container declared or docker declared", () => {
        for (const containers of [undefined, [{ name: "docker", image: "docker:dind" }]]) {
            const props = { spec: { dockerVolumeMounts, template: { spec: { containers } } } };
            assert.deepStrictEqual(dockerMounts(RUNNER_SET, props), [["spec.template.spec.containers[0]", []]]);
        }
    });

    it("a RunnerSet's added docker sidecar is at the next free slot of spec.template.spec.containers", () => {
        const [w] = toWorkloads(RUNNER_SET, "r", { spec: { template: { spec: {} } } });
        assert.deepStrictEqual(
            w.containers.map((c) => [c.name, c.path, c.security.paths.privileged, c.security.privileged]),
            [["docker", "spec.template.spec.containers[0]", "spec.dockerEnabled", true]],
        );
    });
});
