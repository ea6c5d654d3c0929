// What AWS does with a setting left unset, judged as AWS does it (data/platformDefaults.ts): a Batch-on-EKS pod is on
// the host network unless `hostNetwork: false`; an unset IMDS hop limit is the AMI's (2 on current AMIs); an EKS node
// group without a launch template runs on EKS's metadata settings; launch templates linked by a literal name or ID and
// launch configurations are container hosts like those linked by a dependency; Bottlerocket TOML marks a host.
import * as assert from "assert";
import { judge, judgeStack } from "../helpers";
import { toWorkloads } from "../../adapters";
import { hardenedPodSpec } from "../fixtures/kubernetes";
import {
    AUTOSCALING_GROUP,
    CAPACITY_PROVIDER,
    INSTANCE,
    JOB_DEFINITION,
    LAUNCH_TEMPLATE,
    NODE_GROUP,
    Props,
    eksNodeInstance,
    plainLaunchTemplate,
} from "../fixtures/aws";
import { UNKNOWN } from "../harness/engine";
import {
    BATCH_EKS_CAPABILITIES,
    BATCH_EKS_HOST_NETWORK,
    EC2_IMDS_HOP_LIMIT,
    EC2_IMDS_HTTP_TOKENS,
    EKS_NODE_GROUP_METADATA,
} from "../../data/platformDefaults";

const LAUNCH_CONFIGURATION = "aws:ec2/launchConfiguration:LaunchConfiguration";

function messagesOf(type: string, props: Props, check: string): string[] {
    return judge(type, props)
        .filter((d) => d.check === check)
        .map((d) => d.message);
}

function eksJob(pod: Props): Props {
    return { name: "j", type: "container", eksProperties: { podProperties: pod } };
}

describe("AWS platform defaults", () => {
    describe("Batch on EKS: hostNetwork defaults to true", () => {
        it("an unset hostNetwork shares the host network, named with AWS's default", () => {
            assert.deepStrictEqual(messagesOf(JOB_DEFINITION, eksJob(hardenedPodSpec()), "hostNamespaces"), [
                '[hostNamespaces] JobDefinition "j" must not share host namespaces (eksProperties.podProperties.hostNetwork=unset, which AWS Batch reads as true): eksProperties.podProperties.hostNetwork is "unset, which AWS Batch reads as true"; set hostNetwork to false (AWS Batch\'s default is true) and remove hostPID and hostIPC or set them to false',
            ]);
            assert.strictEqual(BATCH_EKS_HOST_NETWORK.field, "eksProperties.podProperties.hostNetwork");
        });

        it("hostNetwork null is unset too; false passes; true is reported as written", () => {
            assert.strictEqual(
                messagesOf(JOB_DEFINITION, eksJob({ ...hardenedPodSpec(), hostNetwork: null }), "hostNamespaces")
                    .length,
                1,
            );
            assert.deepStrictEqual(
                messagesOf(JOB_DEFINITION, eksJob({ ...hardenedPodSpec(), hostNetwork: false }), "hostNamespaces"),
                [],
            );
            const [w] = toWorkloads(JOB_DEFINITION, "j", eksJob({ ...hardenedPodSpec(), hostNetwork: true }));
            assert.deepStrictEqual(w.hostNamespaces, [
                { namespace: "network", path: "eksProperties.podProperties.hostNetwork", value: true },
            ]);
        });

        it("an unknown hostNetwork is deferred, not defaulted; a JSON-string eksProperties reads alike", () => {
            const [w] = toWorkloads(JOB_DEFINITION, "j", eksJob({ ...hardenedPodSpec(), hostNetwork: "x" }));
            assert.deepStrictEqual(w.hostNamespaces, []);
            assert.deepStrictEqual(
                w.issues.map((i) => [i.kind, i.path]),
                [["malformed", "eksProperties.podProperties.hostNetwork"]],
            );
            const json = { name: "j", eksProperties: JSON.stringify({ podProperties: hardenedPodSpec() }) };
            assert.strictEqual(messagesOf(JOB_DEFINITION, json, "hostNamespaces").length, 1);
        });
    });

    describe("Batch on EKS: no capabilities setting", () => {
        const capabilityChecks = { "drop-capabilities": { checks: { capabilities_restricted: true } } };
        const capIds = (pod: Props) =>
            judge(JOB_DEFINITION, eksJob({ ...pod, hostNetwork: false }), capabilityChecks)
                .filter((d) => d.check.startsWith("capabilities"))
                .map((d) => d.message);

        it("a container is not asked to drop ALL where Batch offers no field for it", () => {
            const pod = { containers: [{ name: "c", image: "i", securityContext: { runAsNonRoot: true } }] };
            assert.deepStrictEqual(capIds(pod), []);
            const [w] = toWorkloads(JOB_DEFINITION, "j", eksJob(pod));
            assert.deepStrictEqual(w.containers[0].security.paths, {
                privileged: "eksProperties.podProperties.containers[0].securityContext.privileged",
                allowPrivilegeEscalation:
                    "eksProperties.podProperties.containers[0].securityContext.allowPrivilegeEscalation",
                capAdd: "",
                capDrop: "",
            });
            assert.strictEqual(BATCH_EKS_CAPABILITIES.source.startsWith("https://docs.aws.amazon.com/batch/"), true);
        });

        it("capabilities written anyway are not read (Batch does not apply them), unknown ones defer nothing", () => {
            const sc = (capabilities: unknown) => ({
                containers: [{ name: "c", image: "i", securityContext: { capabilities } }],
            });
            const [w] = toWorkloads(JOB_DEFINITION, "j", eksJob(sc({ add: ["SYS_ADMIN"] })));
            assert.deepStrictEqual(
                [w.containers[0].security.capAdd, w.containers[0].security.capDrop],
                [undefined, undefined],
            );
            const [u] = toWorkloads(JOB_DEFINITION, "j", eksJob({ ...sc(UNKNOWN), hostNetwork: false }));
            assert.deepStrictEqual(u.issues, []);
        });

        it("other settings of the container are still judged: privileged", () => {
            const pod = { containers: [{ name: "c", image: "i", securityContext: { privileged: true } }] };
            assert.ok(
                judge(JOB_DEFINITION, eksJob({ ...pod, hostNetwork: false })).some((d) => d.check === "privileged"),
            );
        });
    });

    describe("IMDS options left to the AMI", () => {
        it("an unset hop limit on a container host is reported, saying the AMI decides", () => {
            const ds = messagesOf(INSTANCE, eksNodeInstance({ httpTokens: "required" }), "instanceMetadata");
            assert.deepStrictEqual(ds, [
                `[instanceMetadata] Instance "node-acme" hosts containers and leaves the IMDSv2 hop limit unset, so ${EC2_IMDS_HOP_LIMIT.behaviour}: metadataOptions.httpPutResponseHopLimit is unset; set metadataOptions.httpPutResponseHopLimit to 1; give pods and tasks their own role (EKS Pod Identity, IRSA, ECS task roles)`,
            ]);
        });

        it("unset httpTokens never claims IMDSv1 is AWS's default", () => {
            const [m] = messagesOf(INSTANCE, eksNodeInstance(null), "instanceMetadata");
            assert.ok(m.includes(`leaves httpTokens unset, so ${EC2_IMDS_HTTP_TOKENS.behaviour};`), m);
            assert.ok(!m.includes("AWS's default"), m);
        });

        it("httpTokens optional with the hop limit unset is one finding, whose fix sets both", () => {
            const ds = messagesOf(INSTANCE, eksNodeInstance({ httpTokens: "optional" }), "instanceMetadata");
            assert.strictEqual(ds.length, 1);
            assert.ok(ds[0].includes("allows IMDSv1"), ds[0]);
            assert.ok(ds[0].endsWith("metadataOptions.httpPutResponseHopLimit to 1"), ds[0]);
        });

        it("the hop limit within imdsHopLimit passes, unset fails whatever imdsHopLimit is", () => {
            const config = { "no-host-credentials": { imdsHopLimit: 2 } };
            const hop = (h?: number) =>
                judge(INSTANCE, eksNodeInstance({ httpTokens: "required", httpPutResponseHopLimit: h }), config)
                    .filter((d) => d.check === "instanceMetadata")
                    .map((d) => d.message);
            assert.deepStrictEqual(hop(2), []);
            assert.strictEqual(hop(undefined).length, 1);
            assert.ok(hop(undefined)[0].includes("httpPutResponseHopLimit to 2;"), hop(undefined)[0]);
        });

        it("a disabled endpoint passes with the hop limit unset", () => {
            assert.deepStrictEqual(
                messagesOf(INSTANCE, eksNodeInstance({ httpEndpoint: " Disabled " }), "instanceMetadata"),
                [],
            );
        });
    });

    describe("an EKS managed node group without a launch template", () => {
        it("is judged on EKS's default metadata settings", () => {
            assert.deepStrictEqual(messagesOf(NODE_GROUP, { nodeGroupName: "ng" }, "instanceMetadata"), [
                `[instanceMetadata] NodeGroup "ng" hosts containers with the platform's metadata settings: ${EKS_NODE_GROUP_METADATA.behaviour}: launchTemplate is unset; give it a launch template whose metadataOptions set httpTokens to "required" (IMDSv2) and httpPutResponseHopLimit to 1`,
            ]);
            const [w] = toWorkloads(NODE_GROUP, "res", { tags: { tenant: "a" } });
            assert.strictEqual(w.name, "res");
            assert.strictEqual(w.kind, "NodeGroup");
            assert.strictEqual(w.isolation, "vm");
            assert.strictEqual(w.containerHost, true);
            assert.deepStrictEqual({ ...w.labels }, { tenant: "a" });
        });

        it("with a launch template (null counts as none) it maps to nothing: the template is judged", () => {
            assert.deepStrictEqual(toWorkloads(NODE_GROUP, "ng", { launchTemplate: { name: "nodes" } }), []);
            assert.strictEqual(toWorkloads(NODE_GROUP, "ng", { launchTemplate: null }).length, 1);
        });
    });

    describe("launch templates linked by a literal name or ID", () => {
        const lt = { type: LAUNCH_TEMPLATE, name: "nodes", props: plainLaunchTemplate() };
        const stackIds = (inputs: Parameters<typeof judgeStack>[0]) =>
            judgeStack(inputs).stack.map((d) => `${d.check} ${d.urn.split("::").pop()}`);

        it("a node group naming the template by name makes it a container host; another name does not", () => {
            const ng = (name: string) => ({ type: NODE_GROUP, name: "ng", props: { launchTemplate: { name } } });
            assert.deepStrictEqual(stackIds([lt, ng("nodes")]), ["instanceMetadata nodes"]);
            assert.deepStrictEqual(stackIds([lt, ng("other")]), []);
        });

        it("a node group naming the template by ID (an existing template's id) links it", () => {
            const existing = { ...lt, props: { ...plainLaunchTemplate(), id: "lt-0123" } };
            const ng = { type: NODE_GROUP, name: "ng", props: { launchTemplate: { id: "lt-0123" } } };
            assert.deepStrictEqual(stackIds([existing, ng]), ["instanceMetadata nodes"]);
        });

        it("a capacity provider naming its group by ARN, and the group its template, link the template", () => {
            const arn = "arn:aws:autoscaling:eu-west-1:123456789012:autoScalingGroup:abcd:autoScalingGroupName/asg";
            const cp = {
                type: CAPACITY_PROVIDER,
                name: "cp",
                props: { autoScalingGroupProvider: { autoScalingGroupArn: arn } },
            };
            const group = (props: Props) => ({
                type: AUTOSCALING_GROUP,
                name: "asg",
                props: { name: "asg", ...props },
            });
            assert.deepStrictEqual(stackIds([lt, group({ launchTemplate: { name: "nodes" } }), cp]), [
                "instanceMetadata nodes",
            ]);
            const mixed = {
                mixedInstancesPolicy: {
                    launchTemplate: { launchTemplateSpecification: { launchTemplateName: "nodes" } },
                },
            };
            assert.deepStrictEqual(stackIds([lt, group(mixed), cp]), ["instanceMetadata nodes"]);
            // A group no capacity provider uses is no container host's.
            assert.deepStrictEqual(stackIds([lt, group({ launchTemplate: { name: "nodes" } })]), []);
            const otherArn = { ...cp, props: { autoScalingGroupProvider: { autoScalingGroupArn: `${arn}x` } } };
            assert.deepStrictEqual(stackIds([lt, group({ launchTemplate: { name: "nodes" } }), otherArn]), []);
        });

        it("a launch configuration named by its group is a container host", () => {
            const lc = { type: LAUNCH_CONFIGURATION, name: "lc", props: { name: "lc-nodes", imageId: "ami-1" } };
            const arn = "arn:aws:autoscaling:r:1:autoScalingGroup:u:autoScalingGroupName/asg";
            const inputs = [
                lc,
                { type: AUTOSCALING_GROUP, name: "asg", props: { name: "asg", launchConfiguration: "lc-nodes" } },
                {
                    type: CAPACITY_PROVIDER,
                    name: "cp",
                    props: { autoScalingGroupProvider: { autoScalingGroupArn: arn } },
                },
            ];
            assert.deepStrictEqual(stackIds(inputs), ["instanceMetadata lc"]);
        });
    });

    describe("launch configurations and Bottlerocket user data", () => {
        it("a launch configuration is read as a launch template: name, metadataOptions, user data", () => {
            const ecs = { name: "lc", userData: "#!/bin/bash\necho ECS_CLUSTER=prod >> /etc/ecs/ecs.config\n" };
            const [w] = toWorkloads(LAUNCH_CONFIGURATION, "res", ecs);
            assert.strictEqual(w.kind, "LaunchConfiguration");
            assert.strictEqual(w.name, "lc");
            assert.strictEqual(w.containerHost, true);
            assert.strictEqual(messagesOf(LAUNCH_CONFIGURATION, ecs, "instanceMetadata").length, 1);
            const hardened = { ...ecs, metadataOptions: { httpTokens: "required", httpPutResponseHopLimit: 1 } };
            assert.deepStrictEqual(messagesOf(LAUNCH_CONFIGURATION, hardened, "instanceMetadata"), []);
        });

        const toml = (s: string) => ({ ...plainLaunchTemplate(), userData: Buffer.from(s).toString("base64") });
        for (const [label, text] of [
            ["[settings.ecs]", '[settings.ecs]\ncluster = "prod"\n'],
            ["[settings.kubernetes]", '[settings.kubernetes]\ncluster-name = "prod"\n'],
            ["a sub-table", '[settings.kubernetes.node-labels]\ntenant = "a"\n'],
            ["an indented table", '  [ settings.ecs ]\ncluster = "prod"\n'],
            ["a dotted key", 'settings.kubernetes.cluster-name = "prod"\n'],
        ])
            it(`Bottlerocket TOML marks an ECS/EKS host: ${label}`, () => {
                assert.strictEqual(toWorkloads(LAUNCH_TEMPLATE, "lt", toml(text))[0].containerHost, true);
            });

        for (const [label, text] of [
            ["other settings", "[settings.host-containers.admin]\nenabled = true\n"],
            ["a prefix of ecs", "[settings.ecsx]\nfoo = 1\n"],
            ["a comment", "# [settings.ecs] later\n"],
        ])
            it(`is no host mark: ${label}`, () => {
                assert.strictEqual(toWorkloads(LAUNCH_TEMPLATE, "lt", toml(text))[0].containerHost, false);
            });
    });
});
