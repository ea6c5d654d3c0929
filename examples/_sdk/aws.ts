// Stand-ins for the few @pulumi/aws constructors the AWS examples use: the same type tokens, resource names and input
// names, so the engine (and the policy pack) sees what the real SDK would register. The SDK itself is not a
// devDependency: @pulumi/aws alone is ~71 MB and 10,800 files, and with @pulumi/awsx installing both took 48 s and
// 203 MB on this project's CI machine, more than the rest of node_modules; compiling examples against its types would
// slow every build. The pack reads raw inputs by type token, so nothing it judges depends on the SDK.
import * as pulumi from "@pulumi/pulumi";

/** Registers a custom resource of `type` with the program's inputs; `outputs` are the properties examples read. */
class AwsResource extends pulumi.CustomResource {
    constructor(
        type: string,
        name: string,
        args: pulumi.Inputs,
        outputs: string[],
        opts?: pulumi.CustomResourceOptions,
    ) {
        const props: pulumi.Inputs = { ...args };
        for (const o of outputs) if (!(o in props)) props[o] = undefined;
        super(type, name, props, opts);
    }
}

class EcsCluster extends AwsResource {
    declare readonly arn: pulumi.Output<string>;
    declare readonly name: pulumi.Output<string>;
    constructor(name: string, args: pulumi.Inputs, opts?: pulumi.CustomResourceOptions) {
        super("aws:ecs/cluster:Cluster", name, args, ["arn", "name"], opts);
    }
}
class EcsTaskDefinition extends AwsResource {
    declare readonly arn: pulumi.Output<string>;
    constructor(name: string, args: pulumi.Inputs, opts?: pulumi.CustomResourceOptions) {
        super("aws:ecs/taskDefinition:TaskDefinition", name, args, ["arn"], opts);
    }
}
class EcsService extends AwsResource {
    constructor(name: string, args: pulumi.Inputs, opts?: pulumi.CustomResourceOptions) {
        super("aws:ecs/service:Service", name, args, [], opts);
    }
}
class EcsCapacityProvider extends AwsResource {
    declare readonly name: pulumi.Output<string>;
    constructor(name: string, args: pulumi.Inputs, opts?: pulumi.CustomResourceOptions) {
        super("aws:ecs/capacityProvider:CapacityProvider", name, args, ["name"], opts);
    }
}
export const ecs = {
    Cluster: EcsCluster,
    TaskDefinition: EcsTaskDefinition,
    Service: EcsService,
    CapacityProvider: EcsCapacityProvider,
};

class Ec2LaunchTemplate extends AwsResource {
    declare readonly latestVersion: pulumi.Output<number>;
    constructor(name: string, args: pulumi.Inputs, opts?: pulumi.CustomResourceOptions) {
        super("aws:ec2/launchTemplate:LaunchTemplate", name, args, ["latestVersion"], opts);
    }
}
export const ec2 = { LaunchTemplate: Ec2LaunchTemplate };

class AutoscalingGroup extends AwsResource {
    declare readonly arn: pulumi.Output<string>;
    constructor(name: string, args: pulumi.Inputs, opts?: pulumi.CustomResourceOptions) {
        super("aws:autoscaling/group:Group", name, args, ["arn"], opts);
    }
}
export const autoscaling = { Group: AutoscalingGroup };

class EksCluster extends AwsResource {
    declare readonly name: pulumi.Output<string>;
    constructor(name: string, args: pulumi.Inputs, opts?: pulumi.CustomResourceOptions) {
        super("aws:eks/cluster:Cluster", name, args, ["name"], opts);
    }
}
class EksNodeGroup extends AwsResource {
    constructor(name: string, args: pulumi.Inputs, opts?: pulumi.CustomResourceOptions) {
        super("aws:eks/nodeGroup:NodeGroup", name, args, [], opts);
    }
}
class EksFargateProfile extends AwsResource {
    constructor(name: string, args: pulumi.Inputs, opts?: pulumi.CustomResourceOptions) {
        super("aws:eks/fargateProfile:FargateProfile", name, args, [], opts);
    }
}
export const eks = { Cluster: EksCluster, NodeGroup: EksNodeGroup, FargateProfile: EksFargateProfile };
