// Pod-carrying kinds found when the operator rows were checked against the upstream Go API types (issue 23): KubeRay's
// RayCronJob, OpenKruise's UnitedDeployment, ECK's AutoOpsAgentPolicy and PackageRegistry, the scale-set listener of
// actions-runner-controller (AutoscalingRunnerSet.listenerTemplate, AutoscalingListener), and Crossplane's deprecated
// ControllerConfig, whose pod is flat fields. Each is judged at the path the user wrote, over the analyzer protocol.
import * as assert from "assert";
import { suitePack } from "../harness/engine";
import { Obj } from "../fixtures/kubernetes";

const priv = (name = "main") => ({ name, image: "alpine:3", securityContext: { privileged: true } });
const podTemplate = (name = "main") => ({ metadata: { labels: { app: "x" } }, spec: { containers: [priv(name)] } });

/** Where each privileged finding points, read from its message. */
const privilegedAt = (messages: string[]) =>
    messages.filter((m) => m.includes("[privileged]")).map((m) => /: (\S+) is true/.exec(m)?.[1]);

describe("custom-resource kinds checked against upstream types, over the analyzer protocol", function () {
    this.timeout(60000);
    const pack = suitePack();
    const analyze = async (type: string, props: Obj) =>
        (await pack().analyze(`kubernetes:${type}`, "r", props)).map((d) => d.message);

    const cases: Array<[string, Obj, string[]]> = [
        [
            "ray.io/v1:RayCronJob",
            {
                spec: {
                    schedule: "0 * * * *",
                    jobTemplate: {
                        rayClusterSpec: {
                            headGroupSpec: { template: podTemplate("head") },
                            workerGroupSpecs: [{ groupName: "w", template: podTemplate("worker") }],
                        },
                        submitterPodTemplate: podTemplate("submit"),
                    },
                },
            },
            [
                "spec.jobTemplate.rayClusterSpec.workerGroupSpecs[0].template.spec.containers[0].securityContext.privileged",
                "spec.jobTemplate.submitterPodTemplate.spec.containers[0].securityContext.privileged",
                "spec.jobTemplate.rayClusterSpec.headGroupSpec.template.spec.containers[0].securityContext.privileged",
            ],
        ],
        [
            "apps.kruise.io/v1alpha1:UnitedDeployment",
            {
                spec: {
                    template: {
                        cloneSetTemplate: { spec: { template: podTemplate() } },
                        deploymentTemplate: { spec: { template: podTemplate() } },
                    },
                },
            },
            [
                "spec.template.cloneSetTemplate.spec.template.spec.containers[0].securityContext.privileged",
                "spec.template.deploymentTemplate.spec.template.spec.containers[0].securityContext.privileged",
            ],
        ],
        [
            "autoops.k8s.elastic.co/v1alpha1:AutoOpsAgentPolicy",
            { spec: { podTemplate: podTemplate() } },
            ["spec.podTemplate.spec.containers[0].securityContext.privileged"],
        ],
        [
            "packageregistry.k8s.elastic.co/v1alpha1:PackageRegistry",
            { spec: { podTemplate: podTemplate() } },
            ["spec.podTemplate.spec.containers[0].securityContext.privileged"],
        ],
        [
            "actions.github.com/v1alpha1:AutoscalingRunnerSet",
            { spec: { template: podTemplate("runner"), listenerTemplate: podTemplate("listener") } },
            [
                "spec.template.spec.containers[0].securityContext.privileged",
                "spec.listenerTemplate.spec.containers[0].securityContext.privileged",
            ],
        ],
        [
            "actions.github.com/v1alpha1:AutoscalingListener",
            { spec: { template: podTemplate("listener") } },
            ["spec.template.spec.containers[0].securityContext.privileged"],
        ],
        [
            "pkg.crossplane.io/v1alpha1:ControllerConfig",
            { spec: { securityContext: { privileged: true } } },
            ["spec.securityContext.privileged"],
        ],
    ];
    for (const [type, props, expected] of cases) {
        it(`${type}: a privileged container is found at the path written`, async () => {
            assert.deepStrictEqual(privilegedAt(await analyze(type, props)), expected);
        });
    }

    it("ControllerConfig: its volumes are the pod's, its volumeMounts the package runtime's, at their own paths", async () => {
        const messages = await analyze("pkg.crossplane.io/v1alpha1:ControllerConfig", {
            spec: {
                volumes: [{ name: "sock", hostPath: { path: "/var/run/docker.sock" } }],
                volumeMounts: [{ name: "sock", mountPath: "/var/run/docker.sock" }],
                podSecurityContext: { runAsNonRoot: true },
            },
        });
        const socket = messages.filter((m) => m.includes("[sensitiveHostPath]"));
        assert.strictEqual(socket.length, 1, messages.join("\n"));
        assert.match(socket[0], /container runtime socket/);
        assert.match(socket[0], /spec\.volumes\[0\]\.hostPath\.path/);
    });

    it("ControllerConfig: nothing written about the pod is nothing judged (Crossplane's defaults are not assumed)", async () => {
        const messages = await analyze("pkg.crossplane.io/v1alpha1:ControllerConfig", {
            spec: { image: "xpkg.upbound.io/crossplane-contrib/provider-aws:v0.47.0", replicas: 1 },
        });
        assert.deepStrictEqual(messages, []);
    });
});
