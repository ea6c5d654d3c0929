// pulumi-eks components over the analyzer protocol: a NodeGroupV2 alone (as Pulumi's mocks and a program's first pass
// send it) is judged once, in AnalyzeStack; with the launch template pulumi-eks builds as its child (a real preview),
// the template is judged instead and the component is not.
import * as assert from "assert";
import { suitePack, StackResource, urnOf } from "../harness/engine";
import { PULUMI_EKS_SELF_MANAGED_METADATA } from "../../data/pulumiEksDefaults";
import { LAUNCH_TEMPLATE, plainLaunchTemplate } from "../fixtures/aws";

const NODE_GROUP_V2 = "eks:index:NodeGroupV2";
/** The engine's message: the policy's description, then the finding. */
const DESCRIPTION = "Machines that host containers must not hand their cloud credentials to the containers.\n";

describe("pulumi-eks components over the analyzer protocol", function () {
    this.timeout(60000);
    const pack = suitePack();
    const ng: StackResource = { type: NODE_GROUP_V2, name: "ng", urn: urnOf(NODE_GROUP_V2, "ng"), properties: {} };

    it("a NodeGroupV2 alone: one mandatory finding in AnalyzeStack, none in Analyze", async () => {
        const { resource, stack } = await pack().analyzeAll([ng]);
        assert.deepStrictEqual(resource, []);
        assert.deepStrictEqual(stack, [
            {
                policyName: "no-host-credentials",
                message: `${DESCRIPTION}[instanceMetadata] NodeGroupV2 "ng" hosts containers with the platform's metadata settings: ${PULUMI_EKS_SELF_MANAGED_METADATA.behaviour}: metadataOptions is unset; give it a launch template whose metadataOptions set httpTokens to "required" (IMDSv2) and httpPutResponseHopLimit to 1`,
                enforcementLevel: "mandatory",
                urn: ng.urn,
            },
        ]);
    });

    it("with its child launch template: the template is judged, the component is not", async () => {
        const child: StackResource = {
            type: LAUNCH_TEMPLATE,
            name: "ng-launchTemplate",
            urn: `urn:pulumi:dev::test::${NODE_GROUP_V2}$${LAUNCH_TEMPLATE}::ng-launchTemplate`,
            parent: ng.urn,
            properties: plainLaunchTemplate({ httpTokens: "required", httpPutResponseHopLimit: 2 }),
        };
        const { resource, stack } = await pack().analyzeAll([ng, child]);
        assert.deepStrictEqual(resource, []);
        assert.deepStrictEqual(
            stack.map((d) => [d.policyName, d.enforcementLevel, d.urn, d.message]),
            [
                [
                    "no-host-credentials",
                    "mandatory",
                    child.urn,
                    `${DESCRIPTION}[instanceMetadata] LaunchTemplate "nodes" hosts containers and lets the IMDSv2 token travel 2 network hops, into containers: metadataOptions.httpPutResponseHopLimit is 2; set metadataOptions.httpPutResponseHopLimit to 1; give pods and tasks their own role (EKS Pod Identity, IRSA, ECS task roles)`,
                ],
            ],
        );
    });
});
