// Operators that supply the image, written wrong or unknown at preview: every part the operator readers take
// (adapters/crd/operators.ts) records its issue at the field the user wrote, and the readers' merges keep each
// container's own settings beside what the controller adds.
import * as assert from "assert";
import { toWorkloads } from "../../adapters";
import { Obj } from "../fixtures/kubernetes";

const CONNECT = "kubernetes:kafka.strimzi.io/v1beta2:KafkaConnect";
const CNPG = "kubernetes:postgresql.cnpg.io/v1:Cluster";
const RUNNERS = "kubernetes:actions.summerwind.dev/v1alpha1:RunnerDeployment";
const RUNNER_SET = "kubernetes:actions.summerwind.dev/v1alpha1:RunnerSet";
const RAY = "kubernetes:ray.io/v1:RayCluster";
const STRUCTURAL = "kubernetes:metrics.example.com/v1:Scraper";

const issues = (type: string, spec: Obj) =>
    toWorkloads(type, "r", { spec }).flatMap((w) => w.issues.map((i) => `${i.kind} ${i.field} ${i.path}`));
const rd = (spec: Obj) => ({ template: { spec } });

describe("operator readers: issues at the user's fields", () => {
    it("Strimzi: pod metadata and its labels", () => {
        assert.deepStrictEqual(issues(CONNECT, { template: { pod: { metadata: "x" } } }), [
            "malformed labels spec.template.pod.metadata",
        ]);
        assert.deepStrictEqual(issues(CONNECT, { template: { pod: { metadata: { labels: "x" } } } }), [
            "malformed labels spec.template.pod.metadata.labels",
        ]);
    });

    it("CloudNativePG: podSecurityContext, inheritedMetadata and its labels", () => {
        assert.deepStrictEqual(issues(CNPG, { podSecurityContext: "x" }), ["malformed all spec.podSecurityContext"]);
        assert.deepStrictEqual(issues(CNPG, { securityContext: {}, inheritedMetadata: "x" }), [
            "malformed labels spec.inheritedMetadata",
        ]);
        assert.deepStrictEqual(issues(CNPG, { securityContext: {}, inheritedMetadata: { labels: "x" } }), [
            "malformed labels spec.inheritedMetadata.labels",
        ]);
    });

    it("runner-controller: containerMode, sidecarContainers, dockerVolumeMounts written wrong", () => {
        assert.deepStrictEqual(issues(RUNNERS, rd({ containerMode: 5, dockerEnabled: false })), [
            "malformed privileged spec.template.spec.containerMode",
        ]);
        assert.deepStrictEqual(issues(RUNNERS, rd({ dockerEnabled: false, sidecarContainers: "x" })), [
            "malformed all spec.template.spec.sidecarContainers",
        ]);
        assert.deepStrictEqual(issues(RUNNERS, rd({ dockerVolumeMounts: "x" })), [
            "malformed volumes spec.template.spec.dockerVolumeMounts",
        ]);
        // A null flag is unset: docker stays enabled.
        const [w] = toWorkloads(RUNNERS, "r", { spec: rd({ dockerEnabled: null }) });
        assert.deepStrictEqual(
            w.containers.map((c) => c.name),
            ["docker"],
        );
    });

    it("runner-controller: the RunnerSpec's mounts follow the runner container's own, each at its path", () => {
        const [w] = toWorkloads(RUNNERS, "r", {
            spec: rd({
                dockerEnabled: false,
                containers: [{ name: "runner", image: "r", volumeMounts: [{ name: "own", mountPath: "/o" }] }],
                volumeMounts: [
                    { name: "a", mountPath: "/a" },
                    { name: "b", mountPath: "/b" },
                ],
            }),
        });
        assert.deepStrictEqual(
            w.containers[0].mounts.map((m) => `${m.volume}@${m.path}`),
            [
                "own@spec.template.spec.containers[0].volumeMounts[0]",
                "a@spec.template.spec.volumeMounts[0]",
                "b@spec.template.spec.volumeMounts[1]",
            ],
        );
    });

    it("runner-controller: a docker container of the user's keeps its own mounts beside dockerVolumeMounts", () => {
        const [w] = toWorkloads(RUNNERS, "r", {
            spec: rd({
                containers: [{ name: "docker", image: "d", volumeMounts: [{ name: "own", mountPath: "/o" }] }],
                dockerVolumeMounts: "x",
            }),
        });
        assert.deepStrictEqual(
            w.containers[0].mounts.map((m) => `${m.volume}@${m.path}`),
            ["own@spec.template.spec.containers[0].volumeMounts[0]"],
        );
        const [set] = toWorkloads(RUNNER_SET, "r", { spec: { dockerEnabled: false, template: { spec: {} } } });
        assert.strictEqual(set.specPath, "spec.template.spec");
    });

    it("runner-controller RunnerSet: template, its spec and metadata written wrong", () => {
        assert.deepStrictEqual(issues(RUNNER_SET, { dockerEnabled: false, template: "x" }), [
            "malformed all spec.template",
        ]);
        assert.deepStrictEqual(issues(RUNNER_SET, { dockerEnabled: false, template: { spec: "x", metadata: "y" } }), [
            "malformed all spec.template.spec",
            "malformed labels spec.template.metadata",
        ]);
        assert.deepStrictEqual(issues(RUNNER_SET, { dockerEnabled: false, template: { metadata: { labels: "x" } } }), [
            "malformed labels spec.template.metadata.labels",
        ]);
    });

    it("KubeRay: head group, template, its metadata and spec, autoscalerOptions written wrong; no head is no head pod", () => {
        assert.deepStrictEqual(issues(RAY, { headGroupSpec: "x" }), ["malformed all spec.headGroupSpec"]);
        assert.deepStrictEqual(issues(RAY, { headGroupSpec: { template: "x" } }), [
            "malformed all spec.headGroupSpec.template",
        ]);
        assert.deepStrictEqual(
            issues(RAY, {
                enableInTreeAutoscaling: true,
                autoscalerOptions: "o",
                headGroupSpec: { template: { metadata: "m", spec: "s" } },
            }),
            [
                "malformed labels spec.headGroupSpec.template.metadata",
                "malformed all spec.headGroupSpec.template.spec",
                "malformed all spec.autoscalerOptions",
            ],
        );
        assert.deepStrictEqual(
            issues(RAY, { enableInTreeAutoscaling: true, headGroupSpec: { template: { metadata: { labels: "l" } } } }),
            ["malformed labels spec.headGroupSpec.template.metadata.labels"],
        );
        assert.strictEqual(toWorkloads(RAY, "r", { spec: { workerGroupSpecs: [] } }).length, 0);
    });

    it("structural fallback: a container with an image and nothing else makes a pod", () => {
        assert.deepStrictEqual(
            toWorkloads(STRUCTURAL, "s", { spec: { agent: { containers: [{ image: "a" }] } } }).map((w) => w.specPath),
            ["spec.agent"],
        );
        assert.deepStrictEqual(
            toWorkloads(STRUCTURAL, "s", {
                spec: { agent: { volumes: [{ name: "e", emptyDir: {} }, { hostPath: {} }] } },
            }).map((w) => w.specPath),
            ["spec.agent"],
        );
        // Only a podTemplate's spec is a named pod object, not its other fields.
        assert.deepStrictEqual(
            toWorkloads(STRUCTURAL, "s", { spec: { podTemplate: { extra: { securityContext: {} } } } }),
            [],
        );
    });
});
