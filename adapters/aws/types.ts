// The AWS and awsx type tokens the adapter reads or links by.
export const ECS_TASK_DEFINITION = "aws:ecs/taskDefinition:TaskDefinition";
export const ECS_SERVICE = "aws:ecs/service:Service";
export const BATCH_JOB_DEFINITION = "aws:batch/jobDefinition:JobDefinition";
/** An EKS cluster: Fargate profiles and Kubernetes providers tied to it (adapters/aws/stack.ts). */
export const EKS_CLUSTER = "aws:eks/cluster:Cluster";
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
/** pulumi-eks components that build EKS nodes (provider/cmd/pulumi-resource-eks/schema.json). */
export const EKS_CLUSTER_COMPONENT = "eks:index:Cluster";
export const EKS_NODE_GROUP_COMPONENT = "eks:index:NodeGroup";
export const EKS_NODE_GROUP_V2_COMPONENT = "eks:index:NodeGroupV2";
export const EKS_MANAGED_NODE_GROUP_COMPONENT = "eks:index:ManagedNodeGroup";

/** The pulumi-eks components whose nodes the adapter judges from their inputs (./eks.ts). */
export const EKS_COMPONENT_TYPES: ReadonlySet<string> = new Set([
    EKS_CLUSTER_COMPONENT,
    EKS_NODE_GROUP_COMPONENT,
    EKS_NODE_GROUP_V2_COMPONENT,
    EKS_MANAGED_NODE_GROUP_COMPONENT,
]);

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
    ...EKS_COMPONENT_TYPES,
]);

/** Types that only link others in the stack pass (aws/stack.ts). */
export const AWS_LINK_TYPES: ReadonlySet<string> = new Set([
    EKS_FARGATE_PROFILE,
    EKS_NODE_GROUP,
    ECS_CAPACITY_PROVIDER,
    AUTOSCALING_GROUP,
]);
