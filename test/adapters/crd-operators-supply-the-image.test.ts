// Operators that supply the image (data/customResources.ts, the operator rows): what a custom resource writes of the
// operator's pod is judged where it is written, containers without an image included, and a flag that makes the
// operator add a privileged container is that container's `privileged` field.
import * as assert from "assert";
import { toWorkloads } from "../../adapters";
import { remediateInputs } from "../../engine/remediation";
import { resourcePolicies } from "../../policies";
import { UNKNOWN } from "../harness/engine";
import { judge } from "../helpers";
import { Obj } from "../fixtures/kubernetes";

const PROMETHEUS = "kubernetes:monitoring.coreos.com/v1:Prometheus";
const ES = "kubernetes:elasticsearch.k8s.elastic.co/v1:Elasticsearch";
const KAFKA = "kubernetes:kafka.strimzi.io/v1beta2:Kafka";
const CONNECT = "kubernetes:kafka.strimzi.io/v1beta2:KafkaConnect";
const CNPG = "kubernetes:postgresql.cnpg.io/v1:Cluster";
const RUNNERS = "kubernetes:actions.summerwind.dev/v1alpha1:RunnerDeployment";
const RUNNER_SET = "kubernetes:actions.summerwind.dev/v1alpha1:RunnerSet";

const mandatory = (type: string, props: Obj) =>
    judge(type, props)
        .filter((d) => !d.advisory)
        .map((d) => `${d.check} ${/: (\S+) is /.exec(d.message)?.[1]}`);
const containers = (type: string, props: Obj) =>
    toWorkloads(type, "r", props).flatMap((w) =>
        w.containers.map(
            (c) => `${c.role} ${c.name} ${c.path} ${c.security.paths.privileged} ${c.security.privileged}`,
        ),
    );
const runnerDeployment = (spec: Obj) => ({ metadata: { name: "r" }, spec: { template: { spec } } });

describe("custom resources of operators that supply the image", () => {
    describe("Prometheus operator", () => {
        it("a Prometheus with hostNetwork and a `/` hostPath fails at spec.hostNetwork and the volume", () => {
            const props = {
                metadata: { name: "p" },
                spec: {
                    hostNetwork: true,
                    volumes: [{ name: "root", hostPath: { path: "/" } }],
                    containers: [{ name: "prometheus", volumeMounts: [{ name: "root", mountPath: "/host" }] }],
                },
            };
            const found = mandatory(PROMETHEUS, props);
            assert.ok(found.includes("hostNamespaces spec.hostNetwork"), found.join("\n"));
            assert.ok(found.includes("sensitiveHostPath spec.volumes[0].hostPath.path"), found.join("\n"));
        });

        it("a container patch with only a name and a securityContext is a container of the pod, judged as written", () => {
            const props = { spec: { containers: [{ name: "prometheus", securityContext: { privileged: true } }] } };
            assert.deepStrictEqual(containers(PROMETHEUS, props), [
                "container prometheus spec.containers[0] spec.containers[0].securityContext.privileged true",
            ]);
        });
    });

    it("ECK: the documented privileged sysctl init container of a node set fails at its own path", () => {
        const props = {
            spec: {
                version: "8.15.0",
                nodeSets: [
                    {
                        name: "default",
                        count: 3,
                        podTemplate: {
                            spec: {
                                initContainers: [
                                    {
                                        name: "sysctl",
                                        securityContext: { privileged: true, runAsUser: 0 },
                                        command: ["sh", "-c", "sysctl -w vm.max_map_count=262144"],
                                    },
                                ],
                            },
                        },
                    },
                ],
            },
        };
        assert.ok(
            mandatory(ES, props).includes(
                "privileged spec.nodeSets[0].podTemplate.spec.initContainers[0].securityContext.privileged",
            ),
        );
    });

    describe("Strimzi", () => {
        it("each component template is a pod: containers named after their ContainerTemplate key, `initContainer` an init container", () => {
            const props = {
                spec: {
                    kafka: {
                        replicas: 3,
                        template: {
                            pod: { metadata: { labels: { tier: "data" } }, securityContext: { runAsUser: 0 } },
                            kafkaContainer: { securityContext: { privileged: true } },
                            initContainer: { securityContext: { privileged: false } },
                        },
                    },
                    kafkaExporter: { template: { container: { securityContext: { privileged: true } } } },
                    clientsCa: { generateCertificateAuthority: true },
                },
            };
            const ws = toWorkloads(KAFKA, "k", props);
            assert.deepStrictEqual(
                ws.map((w) => [w.specPath, { ...w.podLabels }, w.pod.runAsUser, w.pod.path]),
                [
                    ["spec.kafka.template.pod", { tier: "data" }, 0, "spec.kafka.template.pod.securityContext"],
                    [
                        "spec.kafkaExporter.template.pod",
                        {},
                        undefined,
                        "spec.kafkaExporter.template.pod.securityContext",
                    ],
                ],
            );
            assert.deepStrictEqual(containers(KAFKA, props), [
                "container kafka spec.kafka.template.kafkaContainer spec.kafka.template.kafkaContainer.securityContext.privileged true",
                "initContainer init spec.kafka.template.initContainer spec.kafka.template.initContainer.securityContext.privileged false",
                "container container spec.kafkaExporter.template.container spec.kafkaExporter.template.container.securityContext.privileged true",
            ]);
        });

        it("reads only the PodTemplate fields Strimzi has (hostNetwork is none of them), volumes and hostUsers included", () => {
            const props = {
                spec: {
                    template: {
                        pod: {
                            hostNetwork: true,
                            hostUsers: true,
                            volumes: [{ name: "v", emptyDir: {} }],
                        },
                    },
                },
            };
            const [w] = toWorkloads(CONNECT, "c", props);
            assert.deepStrictEqual(w.hostNamespaces, []);
            assert.strictEqual(w.hostUsers, true);
            assert.deepStrictEqual(
                w.volumes.map((v) => v.path),
                ["spec.template.pod.volumes[0]"],
            );
        });

        it("KafkaConnect's build is a pod of its own (buildPod, buildContainer)", () => {
            const props = {
                spec: {
                    template: {
                        connectContainer: { securityContext: { privileged: false } },
                        buildPod: { securityContext: { runAsUser: 0 } },
                        buildContainer: { securityContext: { privileged: true } },
                    },
                },
            };
            const ws = toWorkloads(CONNECT, "c", props);
            assert.deepStrictEqual(
                ws.map((w) => [w.specPath, w.containers.map((c) => c.name)]),
                [
                    ["spec.template.pod", ["connect"]],
                    ["spec.template.buildPod", ["build"]],
                ],
            );
            assert.strictEqual(ws[1].pod.path, "spec.template.buildPod.securityContext");
        });

        it("a template with neither a pod nor a container template is no pod; one unknown at preview is recorded", () => {
            assert.deepStrictEqual(toWorkloads(CONNECT, "c", { spec: { template: { serviceAccount: {} } } }), []);
            const [w] = toWorkloads(CONNECT, "c", { spec: { template: { pod: UNKNOWN } } });
            assert.deepStrictEqual(
                w.issues.map((i) => [i.kind, i.path, i.field]),
                [["unknown", "spec.template.pod", "all"]],
            );
        });
    });

    describe("CloudNativePG Cluster", () => {
        it("podSecurityContext is the pod's, securityContext the postgres container's; nothing written is no pod", () => {
            assert.deepStrictEqual(toWorkloads(CNPG, "pg", { spec: { instances: 3 } }), []);
            const [w] = toWorkloads(CNPG, "pg", {
                spec: { podSecurityContext: { runAsUser: 0 }, securityContext: { privileged: true } },
            });
            assert.deepStrictEqual([w.pod.path, w.pod.runAsUser], ["spec.podSecurityContext", 0]);
            assert.deepStrictEqual(
                w.containers.map((c) => [c.name, c.path, c.security.paths.privileged, c.security.privileged]),
                [["postgres", "spec", "spec.securityContext.privileged", true]],
            );
            const [podOnly] = toWorkloads(CNPG, "pg", { spec: { podSecurityContext: { runAsUser: 0 } } });
            assert.deepStrictEqual(podOnly.containers, []);
        });
    });

    describe("actions-runner-controller", () => {
        it("dockerEnabled unset (true) adds a privileged docker sidecar whose privileged field is the flag", () => {
            assert.deepStrictEqual(containers(RUNNERS, runnerDeployment({ repository: "a/b" })), [
                "container docker spec.template.spec.containers[0] spec.template.spec.dockerEnabled true",
            ]);
            const found = mandatory(RUNNERS, runnerDeployment({ repository: "a/b", dockerEnabled: true }));
            assert.ok(found.includes("privileged spec.template.spec.dockerEnabled"), found.join("\n"));
        });

        it("dockerdWithinRunnerContainer makes the runner privileged instead, whatever its securityContext says", () => {
            const runner = { name: "runner", image: "r:1" };
            assert.deepStrictEqual(
                containers(RUNNERS, runnerDeployment({ dockerdWithinRunnerContainer: true, containers: [runner] })),
                [
                    "container runner spec.template.spec.containers[0] spec.template.spec.dockerdWithinRunnerContainer true",
                ],
            );
            // The controller overwrites the runner's privileged (runner_controller.go v0.27.0): false does not hold.
            const own = { ...runner, securityContext: { privileged: false } };
            assert.deepStrictEqual(
                containers(RUNNERS, runnerDeployment({ dockerdWithinRunnerContainer: true, containers: [own] })),
                [
                    "container runner spec.template.spec.containers[0] spec.template.spec.dockerdWithinRunnerContainer true",
                ],
            );
        });

        it("the docker sidecar is privileged only without a securityContext of its own (the controller keeps one)", () => {
            const docker = (securityContext?: Obj) => ({ name: "docker", image: "docker:dind", securityContext });
            assert.deepStrictEqual(containers(RUNNERS, runnerDeployment({ containers: [docker()] })), [
                "container docker spec.template.spec.containers[0] spec.template.spec.dockerEnabled true",
            ]);
            assert.deepStrictEqual(
                containers(RUNNERS, runnerDeployment({ containers: [docker({ runAsUser: 1000 })] })),
                [
                    "container docker spec.template.spec.containers[0] spec.template.spec.containers[0].securityContext.privileged undefined",
                ],
            );
        });

        it("a pod securityContext with seLinuxOptions makes the controller add no privilege", () => {
            const securityContext = { seLinuxOptions: { type: "spc_t" } };
            assert.deepStrictEqual(
                containers(RUNNERS, runnerDeployment({ securityContext })).map((c) =>
                    c.split(" ").slice(0, 2).join(" "),
                ),
                ["container docker"],
            );
            assert.ok(
                containers(RUNNERS, runnerDeployment({ securityContext })).every((c) => c.endsWith(" undefined")),
            );
            const inRunner = runnerDeployment({
                securityContext,
                dockerdWithinRunnerContainer: true,
                containers: [{ name: "runner", image: "r:1" }],
            });
            assert.deepStrictEqual(containers(RUNNERS, inRunner), [
                "container runner spec.template.spec.containers[0] spec.template.spec.containers[0].securityContext.privileged undefined",
            ]);
            // Options unknown at preview are no options: the privilege stays (fail closed).
            const unknown = runnerDeployment({ securityContext: { seLinuxOptions: UNKNOWN } });
            assert.deepStrictEqual(containers(RUNNERS, unknown), [
                "container docker spec.template.spec.containers[0] spec.template.spec.dockerEnabled true",
            ]);
        });

        it("dockerVolumeMounts reach only a docker container without mounts, and not one added beside declared ones", () => {
            const dockerVolumeMounts = [{ name: "sock", mountPath: "/var/run/docker.sock" }];
            const mountsOf = (spec: Obj) =>
                toWorkloads(RUNNERS, "r", runnerDeployment(spec)).flatMap((w) =>
                    w.containers.filter((c) => c.name === "docker").map((c) => c.mounts.map((m) => m.path)),
                );
            assert.deepStrictEqual(mountsOf({ dockerVolumeMounts }), [["spec.template.spec.dockerVolumeMounts[0]"]]);
            const declaredDocker = { name: "docker", image: "docker:dind" };
            assert.deepStrictEqual(mountsOf({ dockerVolumeMounts, containers: [declaredDocker] }), [
                ["spec.template.spec.dockerVolumeMounts[0]"],
            ]);
            const withOwn = { ...declaredDocker, volumeMounts: [{ name: "certs", mountPath: "/certs" }] };
            assert.deepStrictEqual(mountsOf({ dockerVolumeMounts, containers: [withOwn] }), [
                ["spec.template.spec.containers[0].volumeMounts[0]"],
            ]);
            assert.deepStrictEqual(mountsOf({ dockerVolumeMounts, containers: [{ name: "runner", image: "r:1" }] }), [
                [],
            ]);
        });

        it("a RunnerSet has no dockerVolumeMounts: a field of that name is not mounted", () => {
            const props = {
                spec: {
                    dockerVolumeMounts: [{ name: "sock", mountPath: "/var/run/docker.sock" }],
                    template: { spec: { containers: [{ name: "runner", image: "r:1" }] } },
                },
            };
            const [w] = toWorkloads(RUNNER_SET, "r", props);
            assert.deepStrictEqual(
                w.containers.map((c) => [c.name, c.mounts.length]),
                [
                    ["runner", 0],
                    ["docker", 0],
                ],
            );
        });

        it("dockerEnabled: false and containerMode: kubernetes add no container", () => {
            assert.deepStrictEqual(containers(RUNNERS, runnerDeployment({ dockerEnabled: false })), []);
            assert.deepStrictEqual(
                containers(
                    RUNNERS,
                    runnerDeployment({ containerMode: "kubernetes", dockerdWithinRunnerContainer: true }),
                ),
                [],
            );
        });

        for (const flag of ["dockerEnabled", "dockerdWithinRunnerContainer"])
            it(`${flag} unknown at preview is an unknown privileged value, and adds no container`, () => {
                const [w] = toWorkloads(RUNNERS, "r", runnerDeployment({ [flag]: UNKNOWN }));
                assert.deepStrictEqual(w.containers, []);
                assert.deepStrictEqual(
                    w.issues.map((i) => [i.kind, i.path, i.field]),
                    [["unknown", `spec.template.spec.${flag}`, "privileged"]],
                );
            });

        it("the runner's volumeMounts, dockerVolumeMounts and sidecarContainers stay at their own paths", () => {
            const [w] = toWorkloads(
                RUNNERS,
                "r",
                runnerDeployment({
                    volumes: [{ name: "sock", hostPath: { path: "/var/run/docker.sock" } }],
                    volumeMounts: [{ name: "sock", mountPath: "/var/run/docker.sock" }],
                    dockerVolumeMounts: [{ name: "sock", mountPath: "/host.sock" }],
                    sidecarContainers: [{ name: "proxy", image: "envoy:1" }],
                }),
            );
            assert.deepStrictEqual(
                w.containers.map((c) => [c.name, c.path, c.mounts.map((m) => m.path)]),
                [
                    ["proxy", "spec.template.spec.sidecarContainers[0]", []],
                    ["docker", "spec.template.spec.containers[1]", ["spec.template.spec.dockerVolumeMounts[0]"]],
                    ["runner", "spec.template.spec.containers[2]", ["spec.template.spec.volumeMounts[0]"]],
                ],
            );
            assert.strictEqual(w.volumes[0].path, "spec.template.spec.volumes[0].hostPath.path");
        });

        it("a RunnerSet's flags sit under spec, its pod in spec.template", () => {
            const props = {
                spec: {
                    dockerdWithinRunnerContainer: true,
                    template: {
                        metadata: { labels: { app: "r" } },
                        spec: { containers: [{ name: "runner", image: "r:1" }] },
                    },
                },
            };
            const [w] = toWorkloads(RUNNER_SET, "r", props);
            assert.deepStrictEqual({ ...w.podLabels }, { app: "r" });
            assert.deepStrictEqual(containers(RUNNER_SET, props), [
                "container runner spec.template.spec.containers[0] spec.dockerdWithinRunnerContainer true",
            ]);
        });

        it("remediation sets the flag false, and never writes into a container slot the user did not declare", () => {
            const fix = (policy: string, props: Obj) =>
                remediateInputs(
                    resourcePolicies.find((p) => p.name === policy)!,
                    {
                        type: RUNNERS,
                        name: "r",
                        urn: `urn:pulumi:dev::p::${RUNNERS}::r`,
                        props,
                        getConfig: <T extends object>() => ({}) as T,
                    },
                );
            const fixed = fix("no-privileged-containers", runnerDeployment({ dockerEnabled: true })) as Obj;
            assert.strictEqual(fixed.spec.template.spec.dockerEnabled, false);
            // capabilities_restricted would drop ALL on the docker container: it has no place in the inputs to write.
            const untouched = runnerDeployment({ repository: "a/b" });
            assert.strictEqual(fix("drop-capabilities", untouched), undefined);
            assert.strictEqual(untouched.spec.template.spec.containers, undefined);
        });
    });
});

describe("actions-runner-controller: mounts the controller adds that cannot be read", () => {
    const issuesOf = (spec: Obj) =>
        toWorkloads(RUNNERS, "r", runnerDeployment(spec)).flatMap((w) =>
            w.issues.map((i) => `${i.kind} ${i.field} ${i.path}`),
        );
    it("the RunnerSpec's volumeMounts unknown beside the runner's own mounts: recorded, the own mounts kept", () => {
        const runner = { name: "runner", image: "r:1", volumeMounts: [{ name: "work", mountPath: "/work" }] };
        const spec = { dockerEnabled: false, containers: [runner], volumeMounts: UNKNOWN };
        assert.deepStrictEqual(issuesOf(spec), ["unknown volumes spec.template.spec.volumeMounts"]);
        // The issue names the container the mounts were for.
        assert.deepStrictEqual(
            toWorkloads(RUNNERS, "r", runnerDeployment(spec)).flatMap((w) => w.issues.map((i) => i.container)),
            ["runner"],
        );
        const [w] = toWorkloads(RUNNERS, "r", runnerDeployment(spec));
        assert.deepStrictEqual(
            w.containers[0].mounts.map((m) => m.path),
            ["spec.template.spec.containers[0].volumeMounts[0]"],
        );
        assert.deepStrictEqual(issuesOf({ ...spec, volumeMounts: "x" }), [
            "malformed volumes spec.template.spec.volumeMounts",
        ]);
    });

    it("dockerVolumeMounts unknown, to a declared docker container whose own list is empty: recorded there", () => {
        const docker = { name: "docker", image: "docker:dind", volumeMounts: [] };
        assert.deepStrictEqual(issuesOf({ containers: [docker], dockerVolumeMounts: UNKNOWN }), [
            "unknown volumes spec.template.spec.dockerVolumeMounts",
        ]);
    });
});
