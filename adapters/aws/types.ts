// The AWS and awsx type tokens the adapter reads or links by.
export const ECS_TASK_DEFINITION = "aws:ecs/taskDefinition:TaskDefinition";
export const ECS_SERVICE = "aws:ecs/service:Service";
export const BATCH_JOB_DEFINITION = "aws:batch/jobDefinition:JobDefinition";
export const EKS_FARGATE_PROFILE = "aws:eks/fargateProfile:FargateProfile";
export const EKS_NODE_GROUP = "aws:eks/nodeGroup:NodeGroup";
export const ECS_CAPACITY_PROVIDER = "aws:ecs/capacityProvider:CapacityProvider";
export const AUTOSCALING_GROUP = "aws:autoscaling/group:Group";
export const EC2_INSTANCE = "aws:ec2/instance:Instance";
export const EC2_LAUNCH_TEMPLATE = "aws:ec2/launchTemplate:LaunchTemplate";
export const EC2_LAUNCH_CONFIGURATION = "aws:ec2/launchConfiguration:LaunchConfiguration";
export const AWSX_FARGATE_SERVICE = "awsx:ecs:FargateService";
export const AWSX_EC2_SERVICE = "awsx:ecs:EC2Service";
export const AWSX_FARGATE_TASK_DEFINITION = "awsx:ecs:FargateTaskDefinition";
export const AWSX_EC2_TASK_DEFINITION = "awsx:ecs:EC2TaskDefinition";

/** Types that map to workloads. */
export const AWS_WORKLOAD_TYPES: ReadonlySet<string> = new Set([
    ECS_TASK_DEFINITION,
    ECS_SERVICE,
    BATCH_JOB_DEFINITION,
    EC2_INSTANCE,
    EC2_LAUNCH_TEMPLATE,
    EC2_LAUNCH_CONFIGURATION,
    AWSX_FARGATE_SERVICE,
    AWSX_EC2_SERVICE,
    AWSX_FARGATE_TASK_DEFINITION,
    AWSX_EC2_TASK_DEFINITION,
]);

/** Types that only link others in the stack pass (aws/stack.ts). */
export const AWS_LINK_TYPES: ReadonlySet<string> = new Set([
    EKS_FARGATE_PROFILE,
    EKS_NODE_GROUP,
    ECS_CAPACITY_PROVIDER,
    AUTOSCALING_GROUP,
]);
