// Stand-ins for the @pulumi/awsx ECS components the AWS examples use (see ./aws.ts for why the SDKs are not
// installed). awsx components are remote (multi-language) components: under Pulumi's mocks only the component itself
// registers, with the inputs the program wrote, which is what these do. In a real preview the awsx provider also
// registers the component's children (an aws:ecs/taskDefinition:TaskDefinition with JSON containerDefinitions, an
// aws:ecs/service:Service), and the pack judges those too.
import * as pulumi from "@pulumi/pulumi";

class EcsFargateService extends pulumi.ComponentResource {
    constructor(name: string, args: pulumi.Inputs, opts?: pulumi.ComponentResourceOptions) {
        super("awsx:ecs:FargateService", name, args, opts, true);
    }
}
class EcsEC2Service extends pulumi.ComponentResource {
    constructor(name: string, args: pulumi.Inputs, opts?: pulumi.ComponentResourceOptions) {
        super("awsx:ecs:EC2Service", name, args, opts, true);
    }
}
export const ecs = { FargateService: EcsFargateService, EC2Service: EcsEC2Service };
