// AWS adapter: ECS task definitions and services, Batch job definitions, the @pulumi/awsx ECS components, and the EC2
// instances and launch templates that host containers, onto the workload model. Field names are the Pulumi AWS
// provider's (v6/v7) and, inside the JSON documents it takes as strings (`containerDefinitions`, Batch
// `containerProperties`/`ecsProperties`/`nodeProperties`), the ECS and Batch API's. Paths reach into those documents
// (`containerDefinitions[0].linuxParameters.capabilities.add`) so messages and remediation name the exact field.
//
// Isolation: Fargate runs every ECS task and Batch job in its own microVM, so a Fargate-only task definition, a Fargate
// service and a Fargate job are `vm`; EC2 (the default) shares the instance's kernel between tasks: `container`. On
// EC2, a `memberOf` placement constraint such as `attribute:tenant == acme` confines a task to one tenant's
// instances (model `hostAttributes`; engine/tenancy.ts decides which attribute names a tenant). Tags are the tenancy
// markers, read as labels. The pulumi-eks components (`eks:index:*`) that build EKS nodes map to the container hosts
// they build, judged on their inputs until the hosts themselves reach the pack (./eks.ts).
import { Workload } from "../../model/workload";
import { JsonObject } from "../../model/read";
import {
    AWSX_EC2_SERVICE,
    AWSX_EC2_TASK_DEFINITION,
    AWSX_FARGATE_SERVICE,
    AWSX_FARGATE_TASK_DEFINITION,
    BATCH_JOB_DEFINITION,
    EC2_INSTANCE,
    EC2_LAUNCH_TEMPLATE,
    EC2_LAUNCH_CONFIGURATION,
    EKS_NODE_GROUP,
    ECS_SERVICE,
    AWS_LINK_TYPES,
    AWS_WORKLOAD_TYPES,
    ECS_TASK_DEFINITION,
    EKS_COMPONENT_TYPES,
} from "./types";
import { PlatformAdapter } from "../adapter";
import { awsStackLinks } from "./stack";
import { awsDialect, ecsDialect } from "./dialect";
import { serviceWorkload, taskDefinitionWorkload } from "./ecs";
import { jobDefinitionWorkloads } from "./batch";
import { machineWorkload, nodeGroupWorkloads } from "./ec2";
import { awsxWorkload } from "./awsx";
import { eksComponentWorkloads } from "./eks";

export * from "./types";
export { FargateSelector, fargateProfileSelectors } from "./stack";
export { memberOfAttributes } from "./taskSettings";

/** Maps one AWS (or awsx) resource's inputs to workloads; none for types this adapter does not read. */
export function awsWorkloads(type: string, resourceName: string, props: JsonObject): Workload[] {
    switch (type) {
        case ECS_TASK_DEFINITION:
            return [taskDefinitionWorkload(type, resourceName, props)];
        case ECS_SERVICE:
            return [serviceWorkload(type, resourceName, props)];
        case BATCH_JOB_DEFINITION:
            return jobDefinitionWorkloads(type, resourceName, props);
        case EC2_INSTANCE:
        case EC2_LAUNCH_TEMPLATE:
        case EC2_LAUNCH_CONFIGURATION:
            return [machineWorkload(type, resourceName, props)];
        case EKS_NODE_GROUP:
            return nodeGroupWorkloads(type, resourceName, props);
        case AWSX_FARGATE_SERVICE:
        case AWSX_EC2_SERVICE:
        case AWSX_FARGATE_TASK_DEFINITION:
        case AWSX_EC2_TASK_DEFINITION:
            return [awsxWorkload(type, resourceName, props)];
        default:
            return EKS_COMPONENT_TYPES.has(type) ? eksComponentWorkloads(type, resourceName, props) : [];
    }
}

export const awsAdapter: PlatformAdapter = {
    name: "aws",
    packages: ["aws", "awsx", "eks"],
    reads: (type) => AWS_WORKLOAD_TYPES.has(type) || AWS_LINK_TYPES.has(type),
    workloads: awsWorkloads,
    stackLinks: awsStackLinks,
    dialects: [ecsDialect, awsDialect],
    docs: [
        {
            platform: "AWS",
            types: "`aws:ecs/taskDefinition:TaskDefinition` (the `containerDefinitions` JSON string, read as the provider decodes it with Go's encoding/json: keys in any case, the last match winning: `privileged`, `user`, `linuxParameters.capabilities`/`devices`, `dockerSecurityOptions`, `systemControls`, `mountPoints`, `dockerLabels` (tenancy markers); task `volumes` host paths, `pidMode`/`ipcMode`/`networkMode` host, `requiresCompatibilities`, `placementConstraints`); `aws:ecs/service:Service` (`launchType`, `capacityProviderStrategies`, `placementConstraints`); `aws:batch/jobDefinition:JobDefinition` (`containerProperties`, `nodeProperties`, `ecsProperties` JSON, read as Go decodes it; `eksProperties` pods read as Kubernetes pods; `platformCapabilities`); `aws:ec2/instance:Instance`, `aws:ec2/launchTemplate:LaunchTemplate`, `aws:ec2/launchConfiguration:LaunchConfiguration` (tags as tenancy, `metadataOptions`, user data incl. Bottlerocket TOML marking ECS/EKS hosts; VM workloads); `aws:eks/nodeGroup:NodeGroup` without `launchTemplate` (a container host on EKS's default metadata settings); `awsx:ecs:FargateService`, `EC2Service`, `FargateTaskDefinition`, `EC2TaskDefinition` (their `container`/`containers` objects); the pulumi-eks components `eks:index:NodeGroupV2` (`metadataOptions` if passed, else the AMI's defaults pulumi-eks leaves on its launch template), `eks:index:NodeGroup` (a launch configuration without metadata options), `eks:index:Cluster` (its default node group unless `skipDefaultNodeGroup`, `fargate` or `autoMode.enabled`; `nodeGroupOptions.metadataOptions`), `eks:index:ManagedNodeGroup` (`enableIMDSv2`, which pulumi-eks writes with a hop limit of 2; the template arguments that make it build a launch template; EKS's default template without them; with a `launchTemplate`, that template is judged), each a container host judged in AnalyzeStack, and not at all when the children pulumi-eks builds are in the stack (they are judged instead). Tags are the tenancy markers. Fargate tasks and jobs are VM workloads (a microVM each)",
        },
        {
            platform: "AWS stack context",
            types: "`aws:eks/fargateProfile:FargateProfile` selectors (the pods they select run in microVMs); `aws:eks/nodeGroup:NodeGroup`, `eks:index:ManagedNodeGroup` and `aws:ecs/capacityProvider:CapacityProvider` → `aws:autoscaling/group:Group`, which make the launch templates, launch configurations and instances they depend on, or name by a literal name or ID, container hosts; launch templates and configurations whose parent is a pulumi-eks component are container hosts",
        },
    ],
};
