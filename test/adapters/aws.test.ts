// The AWS adapter judged in process (adapters → checks → evaluate, as the pack runs them): ECS task definitions and
// services, Batch job definitions, the awsx ECS components, EC2 instances and launch templates, and what a stack's
// EKS Fargate profiles, node groups and capacity providers say about other resources.
import * as assert from "assert";
import { toWorkloads } from "../../adapters";
import { memberOfAttributes } from "../../adapters/aws";
import { inputEditor } from "../../engine/remediation";
import { remediate } from "../../engine/remediation";
import { evaluate, optionsFor } from "../../engine/evaluate";
import { NO_SECRETS } from "../../engine/format";
import { resourcePolicies } from "../../policies";
import { judge, judgeStack, stackUrn } from "../helpers";
import { DEPLOYMENT, hardenedPodSpec } from "../fixtures/kubernetes";
import {
    AUTOSCALING_GROUP,
    AWSX_EC2_SERVICE,
    AWSX_FARGATE_SERVICE,
    CAPACITY_PROVIDER,
    ECS_SERVICE,
    FARGATE_PROFILE,
    INSTANCE,
    JOB_DEFINITION,
    LAUNCH_TEMPLATE,
    NODE_GROUP,
    TASK_DEFINITION,
    Props,
    eksNodeInstance,
    hardenedContainerDefinition,
    hardenedFargateBatchJob,
    hardenedFargateTask,
    hostRootBatchJob,
    multiTenantEc2Task,
    plainLaunchTemplate,
    privilegedSocketTask,
    twoTenantInstance,
} from "../fixtures/aws";
import { UNKNOWN } from "../harness/engine";

function findings(type: string, props: Props, config = {}): string[] {
    return judge(type, props, config)
        .filter((d) => !d.advisory)
        .map((d) => d.message)
        .sort();
}

function ids(type: string, props: Props, config = {}): string[] {
    return judge(type, props, config)
        .filter((d) => !d.advisory)
        .map((d) => d.check)
        .sort();
}

function task(container: Props, extra: Props = {}): Props {
    return {
        family: "t",
        requiresCompatibilities: ["EC2"],
        containerDefinitions: JSON.stringify([container]),
        ...extra,
    };
}

describe("AWS adapter", () => {
    describe("ECS task definitions", () => {
        it("a privileged, socket-mounting task on EC2 fails privileged and sensitiveHostPath, naming fields inside the JSON", () => {
            const msgs = findings(TASK_DEFINITION, privilegedSocketTask());
            assert.deepStrictEqual(ids(TASK_DEFINITION, privilegedSocketTask()), ["privileged", "sensitiveHostPath"]);
            assert.ok(
                msgs.includes(
                    '[privileged] TaskDefinition "ci-agent", container "agent" must not run privileged: containerDefinitions[0].privileged is true; remove privileged or set it to false; add only the capabilities it needs',
                ),
                msgs.join("\n"),
            );
            assert.ok(
                msgs.some((m) =>
                    m.startsWith(
                        '[sensitiveHostPath] TaskDefinition "ci-agent" must not mount a container runtime socket: volumes[0].hostPath is "/var/run/docker.sock"',
                    ),
                ),
                msgs.join("\n"),
            );
        });

        it("its hardened Fargate twin passes every policy", () => {
            assert.deepStrictEqual(
                judge(TASK_DEFINITION, hardenedFargateTask()).map((d) => d.message),
                [],
            );
            assert.strictEqual(toWorkloads(TASK_DEFINITION, "web", hardenedFargateTask())[0].isolation, "vm");
        });

        it("reads capabilities, devices, sysctls, security options, user and host modes at their JSON paths", () => {
            const c = {
                ...hardenedContainerDefinition("app"),
                user: "root",
                linuxParameters: {
                    capabilities: { add: ["SYS_ADMIN"] },
                    devices: [{ hostPath: "/dev/fuse", containerPath: "/dev/fuse" }],
                },
                systemControls: [
                    { namespace: "kernel.shm_rmid_forced", value: "1" },
                    { namespace: "net.core.somaxconn", value: "1024" },
                ],
                dockerSecurityOptions: ["apparmor:unconfined", "label:disable"],
            };
            const msgs = findings(
                TASK_DEFINITION,
                task(c, { pidMode: "host", ipcMode: "host", networkMode: "host" }),
            ).join("\n");
            for (const expected of [
                '[capabilities_restricted] TaskDefinition "t", container "app" must not add SYS_ADMIN and must drop ALL: containerDefinitions[0].linuxParameters.capabilities.add is ["SYS_ADMIN"]',
                '[hostDevices] TaskDefinition "t", container "app" must not pass through a host device: containerDefinitions[0].linuxParameters.devices[0].hostPath is "/dev/fuse"',
                '[hostNamespaces] TaskDefinition "t" must not share host namespaces (pidMode=host, ipcMode=host, networkMode=host)',
                // Issue 22: judged by what reaches the host (both sysctls' namespaces are the host's here), not the PSS list.
                "[sysctls] TaskDefinition \"t\" must not set sysctls that reach the host's kernel (kernel.shm_rmid_forced: in the host's ipc namespace, net.core.somaxconn: in the host's network namespace): containerDefinitions[0].systemControls[0].namespace",
                '[appArmorProfile] TaskDefinition "t", container "app" must not run without AppArmor confinement: containerDefinitions[0].dockerSecurityOptions[0]',
                "remove apparmor=unconfined from dockerSecurityOptions",
                '[seLinuxOptions] TaskDefinition "t", container "app" must not set a forbidden SELinux type: containerDefinitions[0].dockerSecurityOptions[1]',
                '[runAsUser] TaskDefinition "t", container "app" must not run as root: containerDefinitions[0].user is "root"',
            ])
                assert.ok(msgs.includes(expected), `${expected}\n---\n${msgs}`);
        });

        it("judges ECS containers as Docker does: user unset is root, no-new-privileges is the explicit false", () => {
            const c = hardenedContainerDefinition();
            delete c.user;
            assert.deepStrictEqual(ids(TASK_DEFINITION, task(c)), ["runAsNonRoot"]);
            const strict = { "no-privileged-containers": { allowPrivilegeEscalation: "require-false" } };
            assert.deepStrictEqual(ids(TASK_DEFINITION, task(hardenedContainerDefinition()), strict), [
                "allowPrivilegeEscalation",
            ]);
            const nnp = { ...hardenedContainerDefinition(), dockerSecurityOptions: ["no-new-privileges"] };
            assert.deepStrictEqual(ids(TASK_DEFINITION, task(nnp), strict), []);
        });

        it("a writable host mount is writable; a bind-mount Docker volume is a host path", () => {
            const c = { ...hardenedContainerDefinition(), mountPoints: [{ sourceVolume: "etc", containerPath: "/e" }] };
            const props = task(c, {
                volumes: [
                    {
                        name: "etc",
                        dockerVolumeConfiguration: {
                            driver: "local",
                            driverOpts: { type: "none", o: "bind", device: "/etc" },
                        },
                    },
                ],
            });
            const w = toWorkloads(TASK_DEFINITION, "t", props)[0];
            assert.deepStrictEqual(
                w.volumes.map((v) => [v.hostPath, v.readOnly, v.path]),
                [["/etc", false, "volumes[0].dockerVolumeConfiguration.driverOpts.device"]],
            );
            assert.deepStrictEqual(ids(TASK_DEFINITION, props), ["sensitiveHostPath"]);
        });

        it("an unparseable containerDefinitions is reported as a violation, never passed", () => {
            const props = { family: "t", containerDefinitions: '[{"name": "web", "privileged": tru' };
            const ds = judge(TASK_DEFINITION, props).filter((d) => !d.advisory);
            assert.ok(ds.length > 0);
            assert.ok(
                ds.some((d) => d.check === "privileged" && /cannot interpret.*containerDefinitions is/.test(d.message)),
                ds.map((d) => d.message).join("\n"),
            );
            const notArray = judge(TASK_DEFINITION, { family: "t", containerDefinitions: '{"name": "web"}' });
            assert.ok(
                notArray.some((d) => d.check === "privileged" && !d.advisory && /cannot interpret/.test(d.message)),
            );
        });

        it("a containerDefinitions given as a list rather than a JSON string is read the same", () => {
            const props = { ...privilegedSocketTask() };
            props.containerDefinitions = JSON.parse(props.containerDefinitions as string) as unknown;
            assert.deepStrictEqual(ids(TASK_DEFINITION, props), ["privileged", "sensitiveHostPath"]);
        });

        it("an unknown containerDefinitions is deferred (advisory note), or a violation under fail-closed", () => {
            const props = { family: "t", requiresCompatibilities: ["EC2"], containerDefinitions: UNKNOWN };
            const ds = judge(TASK_DEFINITION, props);
            assert.ok(ds.length > 0 && ds.every((d) => d.advisory), ds.map((d) => d.message).join("\n"));
            assert.ok(ds.some((d) => d.check === "unknownValues" && d.message.includes("containerDefinitions")));
            const closed = judge(TASK_DEFINITION, props, {
                "no-privileged-containers": { unknownValues: "fail-closed" },
            });
            assert.ok(
                closed.some(
                    (d) => d.check === "privileged" && !d.advisory && /unknownValues: fail-closed/.test(d.message),
                ),
            );
        });
    });

    describe("multi-tenancy on ECS", () => {
        it("a multi-tenant task on EC2 fails sandboxedRuntime; on Fargate, or pinned by memberOf to one tenant, it passes", () => {
            const msgs = findings(TASK_DEFINITION, multiTenantEc2Task());
            assert.deepStrictEqual(msgs.length, 1, msgs.join("\n"));
            assert.match(
                msgs[0],
                /^\[sandboxedRuntime\] TaskDefinition "tenant-runner" is multi-tenant \(label tenancy=multi-tenant\) and must run in a sandboxed runtime: requiresCompatibilities is "EC2"; run it on Fargate/,
            );
            assert.deepStrictEqual(
                findings(TASK_DEFINITION, { ...multiTenantEc2Task(), requiresCompatibilities: ["FARGATE"] }),
                [],
            );
            // Pinned to its own tenant's hosts (a pin proves isolation only for the workload's own tenant).
            const pinned = {
                ...multiTenantEc2Task(),
                tags: { tenancy: "multi-tenant", tenant: "acme" },
                placementConstraints: [{ type: "memberOf", expression: "attribute:tenant == acme" }],
            };
            assert.deepStrictEqual(findings(TASK_DEFINITION, pinned), []);
            // Pinning by an attribute that names no tenant, or to either of two tenants, is no confinement.
            for (const expression of [
                "attribute:ecs.instance-type == m7g.large",
                "attribute:tenant == a or attribute:tenant == b",
            ]) {
                const loose = { ...multiTenantEc2Task(), placementConstraints: [{ type: "memberOf", expression }] };
                assert.deepStrictEqual(ids(TASK_DEFINITION, loose), ["sandboxedRuntime"], expression);
            }
        });

        it("parses memberOf expressions", () => {
            assert.deepStrictEqual(
                memberOfAttributes("attribute:tenant == acme and attribute:ecs.os-type == linux", "p"),
                [
                    { name: "tenant", value: "acme", path: "p" },
                    { name: "ecs.os-type", value: "linux", path: "p" },
                ],
            );
            assert.deepStrictEqual(memberOfAttributes("attribute:tenant != acme", "p"), []);
        });

        it("a multi-tenant service: EC2 fails; FARGATE launch type or Fargate capacity providers pass", () => {
            const svc = (extra: Props) => ({
                name: "api",
                tags: { tenancy: "multi-tenant" },
                taskDefinition: UNKNOWN,
                ...extra,
            });
            assert.deepStrictEqual(ids(ECS_SERVICE, svc({ launchType: "EC2" })), ["sandboxedRuntime"]);
            assert.deepStrictEqual(ids(ECS_SERVICE, svc({})), ["sandboxedRuntime"]);
            assert.deepStrictEqual(ids(ECS_SERVICE, svc({ launchType: "FARGATE" })), []);
            assert.deepStrictEqual(
                ids(
                    ECS_SERVICE,
                    svc({ capacityProviderStrategies: [{ capacityProvider: "FARGATE_SPOT", weight: 1 }] }),
                ),
                [],
            );
            assert.deepStrictEqual(
                ids(
                    ECS_SERVICE,
                    svc({
                        capacityProviderStrategies: [{ capacityProvider: "FARGATE" }, { capacityProvider: "ec2-cp" }],
                    }),
                ),
                ["sandboxedRuntime"],
            );
            const unknown = judge(ECS_SERVICE, svc({ launchType: UNKNOWN }));
            assert.ok(unknown.every((d) => d.advisory) && unknown.some((d) => d.message.includes("launchType")));
        });
    });

    describe("Batch job definitions", () => {
        it("a job that mounts the host root fails sensitiveHostPath; its Fargate twin passes", () => {
            const msgs = findings(JOB_DEFINITION, hostRootBatchJob());
            assert.deepStrictEqual(msgs.length, 1, msgs.join("\n"));
            assert.match(
                msgs[0],
                /^\[sensitiveHostPath\] JobDefinition "backup" must not mount a sensitive host path: containerProperties\.volumes\[0\]\.host\.sourcePath is "\/"/,
            );
            assert.deepStrictEqual(
                judge(JOB_DEFINITION, hardenedFargateBatchJob()).map((d) => d.message),
                [],
            );
        });

        it("reads ecsProperties and nodeProperties containers, and eksProperties pods as Kubernetes pods", () => {
            const ecs = {
                name: "j",
                ecsProperties: JSON.stringify({
                    taskProperties: [
                        { containers: [{ ...hardenedContainerDefinition("c"), privileged: true }], pidMode: "host" },
                    ],
                }),
            };
            assert.deepStrictEqual(ids(JOB_DEFINITION, ecs), ["hostNamespaces", "privileged"]);
            assert.ok(
                findings(JOB_DEFINITION, ecs).some((m) =>
                    m.includes("ecsProperties.taskProperties[0].containers[0].privileged is true"),
                ),
            );
            const nodes = {
                name: "mpi",
                type: "multinode",
                nodeProperties: JSON.stringify({
                    numNodes: 2,
                    mainNode: 0,
                    nodeRangeProperties: [
                        { targetNodes: "0:", container: { image: "x", user: "1000", privileged: true } },
                    ],
                }),
            };
            assert.deepStrictEqual(ids(JOB_DEFINITION, nodes), ["privileged"]);
            const spec = hardenedPodSpec();
            spec.containers[0].securityContext.privileged = true;
            const eks = { name: "k", eksProperties: { podProperties: { ...spec, hostNetwork: true } } };
            assert.deepStrictEqual(ids(JOB_DEFINITION, eks), ["hostNamespaces", "privileged"]);
            assert.ok(
                findings(JOB_DEFINITION, eks).some((m) =>
                    m.includes("eksProperties.podProperties.containers[0].securityContext.privileged is true"),
                ),
            );
        });
    });

    describe("awsx ECS components (as Pulumi's mocks register them)", () => {
        it("a FargateService with a hardened container passes; an EC2Service with a privileged one fails at its own path", () => {
            const good = { taskDefinitionArgs: { container: { ...hardenedContainerDefinition(), name: "web" } } };
            assert.deepStrictEqual(
                judge(AWSX_FARGATE_SERVICE, good).map((d) => d.message),
                [],
            );
            const bad = {
                taskDefinitionArgs: {
                    containers: { agent: { ...hardenedContainerDefinition(), privileged: true } },
                    volumes: [{ name: "sock", hostPath: "/var/run/docker.sock" }],
                },
            };
            const msgs = findings(AWSX_EC2_SERVICE, bad).join("\n");
            assert.ok(
                msgs.includes(
                    'container "agent" must not run privileged: taskDefinitionArgs.containers.agent.privileged is true',
                ),
                msgs,
            );
            assert.ok(msgs.includes("taskDefinitionArgs.volumes[0].hostPath"), msgs);
        });

        // Each of the four component type tokens is read (a privileged container fails under every one), and the
        // Fargate ones are VM workloads: multi-tenant passes there and fails on EC2. A hardened container passing
        // proves nothing on its own: an unread token passes too.
        const components: Array<[string, boolean, string]> = [
            ["awsx:ecs:FargateService", true, "taskDefinitionArgs."],
            ["awsx:ecs:EC2Service", false, "taskDefinitionArgs."],
            ["awsx:ecs:FargateTaskDefinition", true, ""],
            ["awsx:ecs:EC2TaskDefinition", false, ""],
        ];
        for (const [type, fargate, prefix] of components) {
            it(`${type}: read as ${fargate ? "a VM" : "containers on EC2"}, findings at ${prefix ? "taskDefinitionArgs.*" : "top-level"} paths`, () => {
                const kind = type.slice("awsx:ecs:".length);
                const wrap = (args: Props) => (prefix ? { taskDefinitionArgs: args } : args);
                const privileged = wrap({ container: { ...hardenedContainerDefinition(), privileged: true } });
                assert.deepStrictEqual(findings(type, privileged), [
                    `[privileged] ${kind} "res", container "web" must not run privileged: ${prefix}container.privileged is true; remove privileged or set it to false; add only the capabilities it needs`,
                ]);
                const tenant = {
                    ...wrap({ container: hardenedContainerDefinition() }),
                    tags: { tenancy: "multi-tenant" },
                };
                assert.deepStrictEqual(ids(type, tenant), fargate ? [] : ["sandboxedRuntime"]);
            });
        }
    });

    describe("EC2 instances and launch templates", () => {
        it("an instance tagged for two tenants fails tenantSharedHost (AnalyzeStack); one tenant passes", () => {
            const two = judgeStack([{ type: INSTANCE, name: "shared", props: twoTenantInstance() }]);
            assert.deepStrictEqual(
                two.resource.filter((d) => !d.advisory),
                [],
            );
            assert.deepStrictEqual(
                two.stack.map((d) => d.message),
                [
                    '[tenantSharedHost] Instance "shared-runner" is labelled with more than one tenant ("acme", "globex"); run one VM per tenant',
                ],
            );
            const one = { ...twoTenantInstance(), tags: { Name: "a", tenant: "acme" } };
            assert.deepStrictEqual(judgeStack([{ type: INSTANCE, name: "a", props: one }]).stack, []);
        });

        it("a launch template's instance tags are its instances' tenants", () => {
            const lt = {
                ...plainLaunchTemplate(),
                tagSpecifications: [
                    { resourceType: "instance", tags: { tenant: "acme" } },
                    { resourceType: "volume", tags: { tenant: "x" } },
                ],
                tags: { tenant: "globex" },
            };
            const stack = judgeStack([{ type: LAUNCH_TEMPLATE, name: "nodes", props: lt }]);
            assert.deepStrictEqual(
                stack.stack.map((d) => d.check),
                ["tenantSharedHost"],
            );
        });
    });

    describe("instanceMetadata", () => {
        it("a container host (EKS node tag) must require IMDSv2 with hop limit 1", () => {
            assert.deepStrictEqual(ids(INSTANCE, eksNodeInstance()), []);
            const unset = findings(INSTANCE, eksNodeInstance(null));
            assert.deepStrictEqual(unset, [
                '[instanceMetadata] Instance "node-acme" hosts containers and leaves httpTokens unset, so the AMI\'s registered default decides whether IMDSv1 answers (older AMIs leave it on); IMDSv1 hands the instance role\'s credentials to any container: metadataOptions.httpTokens is unset; set metadataOptions.httpTokens to "required" (IMDSv2) and metadataOptions.httpPutResponseHopLimit to 1',
            ]);
            assert.deepStrictEqual(
                ids(INSTANCE, eksNodeInstance({ httpTokens: "optional", httpPutResponseHopLimit: 2 })),
                ["instanceMetadata", "instanceMetadata"],
            );
            const hop2 = eksNodeInstance({ httpTokens: "required", httpPutResponseHopLimit: 2 });
            assert.deepStrictEqual(ids(INSTANCE, hop2), ["instanceMetadata"]);
            assert.deepStrictEqual(ids(INSTANCE, hop2, { "no-host-credentials": { imdsHopLimit: 2 } }), []);
            assert.deepStrictEqual(ids(INSTANCE, eksNodeInstance({ httpEndpoint: "disabled" })), []);
        });

        it("a machine that hosts no containers is not judged; ECS user data makes a launch template a host", () => {
            assert.deepStrictEqual(ids(INSTANCE, { ami: "ami-1", instanceType: "t3.micro" }), []);
            const ecs = {
                ...plainLaunchTemplate(),
                userData: Buffer.from("#!/bin/bash\necho ECS_CLUSTER=prod >> /etc/ecs/ecs.config\n").toString("base64"),
            };
            assert.deepStrictEqual(ids(LAUNCH_TEMPLATE, ecs), ["instanceMetadata"]);
        });

        it("an EKS node group or an ECS capacity provider's group makes the launch template it uses a host, in AnalyzeStack", () => {
            const lt = { type: LAUNCH_TEMPLATE, name: "nodes", props: plainLaunchTemplate() };
            const ltUrn = stackUrn(LAUNCH_TEMPLATE, "nodes");
            const alone = judgeStack([lt]);
            assert.deepStrictEqual(
                [...alone.resource, ...alone.stack].map((d) => d.check),
                [],
            );
            const eks = judgeStack([
                lt,
                { type: NODE_GROUP, name: "ng", props: { launchTemplate: { id: UNKNOWN } }, dependencies: [ltUrn] },
            ]);
            assert.deepStrictEqual(
                eks.resource.map((d) => d.check),
                [],
            );
            assert.deepStrictEqual(
                eks.stack.map((d) => [d.check, d.urn]),
                [["instanceMetadata", ltUrn]],
            );
            const asgUrn = stackUrn(AUTOSCALING_GROUP, "asg");
            const ecs = judgeStack([
                lt,
                { type: AUTOSCALING_GROUP, name: "asg", props: {}, dependencies: [ltUrn] },
                { type: CAPACITY_PROVIDER, name: "cp", props: {}, dependencies: [asgUrn] },
            ]);
            assert.deepStrictEqual(
                ecs.stack.map((d) => d.check),
                ["instanceMetadata"],
            );
            // An auto scaling group no capacity provider uses says nothing.
            const asgOnly = judgeStack([
                lt,
                { type: AUTOSCALING_GROUP, name: "asg", props: {}, dependencies: [ltUrn] },
            ]);
            assert.deepStrictEqual(asgOnly.stack, []);
            const hardened = {
                ...lt,
                props: plainLaunchTemplate({ httpTokens: "required", httpPutResponseHopLimit: 1 }),
            };
            assert.deepStrictEqual(
                judgeStack([hardened, { type: NODE_GROUP, name: "ng", props: {}, dependencies: [ltUrn] }]).stack,
                [],
            );
        });

        it("GKE node pools must use GKE_METADATA (the Google Cloud adapter sets hostMetadata.gkeMode)", () => {
            const policy = resourcePolicies.find((p) => p.name === "no-host-credentials")!;
            const pool = (gkeMode?: string) => ({
                ...toWorkloads(INSTANCE, "x", { ami: "a" })[0],
                platform: "gcp" as const,
                kind: "NodePool",
                name: "pool",
                hostMetadata: { path: "nodeConfig.workloadMetadataConfig", gkeMode },
            });
            assert.deepStrictEqual(evaluate(policy, [pool("GKE_METADATA")], {}, NO_SECRETS).length, 0);
            const bad = evaluate(policy, [pool("GCE_METADATA")], {}, NO_SECRETS);
            assert.deepStrictEqual(
                bad.map((d) => d.message),
                [
                    '[instanceMetadata] NodePool "pool" hosts containers and exposes the node\'s metadata server (its service account credentials) to them: nodeConfig.workloadMetadataConfig.mode is "GCE_METADATA"; set workloadMetadataConfig.mode to "GKE_METADATA" (Workload Identity)',
                ],
            );
            assert.strictEqual(evaluate(policy, [pool(undefined)], {}, NO_SECRETS).length, 1);
        });
    });

    describe("EKS Fargate profiles", () => {
        const ns = (name: string) => ({
            type: "kubernetes:core/v1:Namespace",
            name,
            props: { metadata: { name, labels: { tenancy: "multi-tenant" } } },
        });
        const deployment = (namespace: string, labels: Record<string, string> = { app: "web" }) => {
            const props = DEPLOYMENT.wrap(hardenedPodSpec()) as {
                metadata: Props;
                spec: { template: { metadata: Props } };
            };
            props.metadata = { name: "web", namespace };
            props.spec.template.metadata = { labels };
            return { type: DEPLOYMENT.type, name: `web-${namespace}`, props };
        };
        const profile = (selectors: Props[]) => ({
            type: FARGATE_PROFILE,
            name: "fp",
            props: { clusterName: "prod", selectors },
        });

        it("pods of a multi-tenant Namespace selected by a Fargate profile run in microVMs: no sandboxedRuntime", () => {
            const without = judgeStack([ns("t1"), deployment("t1")]);
            assert.deepStrictEqual(
                without.stack.map((d) => d.check),
                ["sandboxedRuntime"],
            );
            const selected = judgeStack([ns("t1"), deployment("t1"), profile([{ namespace: "t1" }])]);
            assert.deepStrictEqual(selected.stack, []);
            const wildcard = judgeStack([ns("t1"), deployment("t1"), profile([{ namespace: "t*" }])]);
            assert.deepStrictEqual(wildcard.stack, []);
        });

        it("a selector's labels must all match the pod template's; another namespace is not selected", () => {
            const labelled = profile([{ namespace: "t1", labels: { runtime: "fargate" } }]);
            assert.deepStrictEqual(
                judgeStack([ns("t1"), deployment("t1"), labelled]).stack.map((d) => d.check),
                ["sandboxedRuntime"],
            );
            assert.deepStrictEqual(
                judgeStack([ns("t1"), deployment("t1", { app: "web", runtime: "fargate" }), labelled]).stack,
                [],
            );
            assert.deepStrictEqual(
                judgeStack([ns("t2"), deployment("t2"), profile([{ namespace: "t1" }])]).stack.map((d) => d.check),
                ["sandboxedRuntime"],
            );
            const unknown = profile([{ namespace: UNKNOWN }]);
            assert.deepStrictEqual(
                judgeStack([ns("t1"), deployment("t1"), unknown]).stack.map((d) => d.check),
                ["sandboxedRuntime"],
            );
        });
    });

    describe("remediation inside the JSON string", () => {
        it("sets privileged false inside containerDefinitions and changes nothing else", () => {
            const props = privilegedSocketTask();
            const before = JSON.parse(props.containerDefinitions as string) as Props[];
            const policy = resourcePolicies.find((p) => p.name === "no-privileged-containers")!;
            const ds = evaluate(policy, toWorkloads(TASK_DEFINITION, "t", props), {}, NO_SECRETS);
            assert.ok(remediate(policy, ds, inputEditor(props), optionsFor(policy, {})));
            const after = JSON.parse(props.containerDefinitions as string) as Props[];
            assert.deepStrictEqual(after, [{ ...before[0], privileged: false }]);
            const rest = privilegedSocketTask();
            delete rest.containerDefinitions;
            const restAfter = { ...props };
            delete restAfter.containerDefinitions;
            assert.deepStrictEqual(restAfter, rest);
            assert.deepStrictEqual(ids(TASK_DEFINITION, props), ["sensitiveHostPath"]);
        });

        it("keeps an indented document indented, and drops ALL where capabilities were missing", () => {
            const doc = JSON.stringify([{ name: "a", image: "x", user: "1000" }], null, 2);
            const props: Props = { family: "t", containerDefinitions: doc };
            const policy = resourcePolicies.find((p) => p.name === "drop-capabilities")!;
            const ds = evaluate(policy, toWorkloads(TASK_DEFINITION, "t", props), {}, NO_SECRETS);
            assert.ok(remediate(policy, ds, inputEditor(props), optionsFor(policy, {})));
            assert.strictEqual(
                props.containerDefinitions,
                JSON.stringify(
                    [{ name: "a", image: "x", user: "1000", linuxParameters: { capabilities: { drop: ["ALL"] } } }],
                    null,
                    2,
                ),
            );
        });
    });

    it("maps nothing for AWS types it does not read", () => {
        assert.deepStrictEqual(toWorkloads("aws:s3/bucket:Bucket", "b", { bucket: "x" }), []);
        assert.deepStrictEqual(toWorkloads(FARGATE_PROFILE, "fp", { selectors: [] }), []);
    });
});
