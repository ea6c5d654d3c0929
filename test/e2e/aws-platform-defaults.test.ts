// AWS platform defaults over the analyzer protocol (the pack started as the engine starts it): what AWS does with a
// setting left unset is judged (data/platformDefaults.ts), and links written as literals count.
import * as assert from "assert";
import { EngineDiagnostic, StackResource, suitePack, urnOf } from "../harness/engine";
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
import { hardenedPodSpec } from "../fixtures/kubernetes";

const LAUNCH_CONFIGURATION = "aws:ec2/launchConfiguration:LaunchConfiguration";

function checksOf(ds: EngineDiagnostic[]): string[] {
    return ds
        .filter((d) => d.enforcementLevel === "mandatory")
        .map((d) => `${d.policyName}/${/\[(\w+)\]/.exec(d.message)?.[1]}`)
        .sort();
}

function res(type: string, name: string, properties: Props): StackResource {
    return { type, name, urn: urnOf(type, name), properties };
}

describe("AWS platform defaults over the analyzer protocol", function () {
    this.timeout(60000);
    const pack = suitePack();

    it("a Batch EKS job without hostNetwork false shares the host network; with it, passes", async () => {
        const job = (pod: Props) => ({ name: "j", type: "container", eksProperties: { podProperties: pod } });
        const ds = await pack().analyze(JOB_DEFINITION, "j", job(hardenedPodSpec()));
        assert.deepStrictEqual(checksOf(ds), ["no-host-namespaces/hostNamespaces"]);
        assert.ok(ds[0].message.includes("unset, which AWS Batch reads as true"), ds[0].message);
        assert.deepStrictEqual(
            await pack().analyze(JOB_DEFINITION, "j", job({ ...hardenedPodSpec(), hostNetwork: false })),
            [],
        );
    });

    it("a Batch EKS container is not asked to drop capabilities Batch cannot set", async () => {
        await pack().configurePack({ "drop-capabilities": { checks: { capabilities_restricted: true } } });
        try {
            const pod = {
                hostNetwork: false,
                containers: [{ name: "c", image: "i", securityContext: { runAsNonRoot: true } }],
            };
            const ds = await pack().analyze(JOB_DEFINITION, "j", { name: "j", eksProperties: { podProperties: pod } });
            assert.ok(!ds.some((d) => /capabilities/.test(d.message)), JSON.stringify(ds));
        } finally {
            await pack().configurePack({});
        }
    });

    it("a container host with the hop limit unset fails, without claiming AWS's default", async () => {
        const ds = await pack().analyze(INSTANCE, "node", eksNodeInstance({ httpTokens: "required" }));
        assert.deepStrictEqual(checksOf(ds), ["no-host-credentials/instanceMetadata"]);
        assert.ok(ds[0].message.includes("hop limit unset, so the AMI's registered default applies"), ds[0].message);
        const tokens = await pack().analyze(INSTANCE, "node", eksNodeInstance(null));
        assert.ok(!tokens[0].message.includes("AWS's default"), tokens[0].message);
    });

    it("an EKS node group without a launch template fails on EKS's default metadata settings", async () => {
        const ds = await pack().analyze(NODE_GROUP, "ng", { nodeGroupName: "ng", clusterName: "prod" });
        assert.deepStrictEqual(checksOf(ds), ["no-host-credentials/instanceMetadata"]);
        assert.deepStrictEqual(await pack().analyze(NODE_GROUP, "ng", { launchTemplate: { name: "nodes" } }), []);
    });

    it("a launch template named literally by a node group is a container host (AnalyzeStack)", async () => {
        const lt = res(LAUNCH_TEMPLATE, "nodes", plainLaunchTemplate());
        const ng = res(NODE_GROUP, "ng", { launchTemplate: { name: "nodes", version: "$Latest" } });
        const stack = await pack().analyzeStack([lt, ng]);
        assert.deepStrictEqual(
            stack.map((d) => [checksOf([d])[0], d.urn]),
            [["no-host-credentials/instanceMetadata", lt.urn]],
        );
        const hardened = res(
            LAUNCH_TEMPLATE,
            "nodes",
            plainLaunchTemplate({ httpTokens: "required", httpPutResponseHopLimit: 1 }),
        );
        assert.deepStrictEqual(await pack().analyzeStack([hardened, ng]), []);
    });

    it("a launch configuration behind a capacity provider's group (by literal names) is judged", async () => {
        const arn = "arn:aws:autoscaling:eu-west-1:1:autoScalingGroup:u:autoScalingGroupName/asg";
        const lc = res(LAUNCH_CONFIGURATION, "lc", { name: "lc-nodes", imageId: "ami-1" });
        const stack = await pack().analyzeStack([
            lc,
            res(AUTOSCALING_GROUP, "asg", { name: "asg", launchConfiguration: "lc-nodes" }),
            res(CAPACITY_PROVIDER, "cp", { autoScalingGroupProvider: { autoScalingGroupArn: arn } }),
        ]);
        assert.deepStrictEqual(
            stack.map((d) => [checksOf([d])[0], d.urn]),
            [["no-host-credentials/instanceMetadata", lc.urn]],
        );
    });

    it("Bottlerocket TOML user data marks a launch template as an EKS host", async () => {
        const userData = Buffer.from('[settings.kubernetes]\ncluster-name = "prod"\n').toString("base64");
        const ds = await pack().analyze(LAUNCH_TEMPLATE, "br", { ...plainLaunchTemplate(), userData });
        assert.deepStrictEqual(checksOf(ds), ["no-host-credentials/instanceMetadata"]);
    });
});
