// One ECS cluster, two services. The CI agent runs on the cluster's EC2 container instances the way many tutorials set
// it up: privileged, with the instance's Docker socket mounted so it can build images. Either lets a build job take
// over the instance and every other task on it; isolation-guard rejects the task definition, naming the fields inside
// its JSON containerDefinitions. The web front end is written with awsx as teams usually do, on Fargate (each task in
// its own microVM), non-root, with every capability dropped: it passes. The container instances require IMDSv2 with
// a hop limit of 1, so tasks cannot borrow the instance role; the capacity provider makes them container hosts.
// (The SDK constructors come from ../_sdk: same type tokens and inputs as @pulumi/aws and @pulumi/awsx.)
import * as aws from "../_sdk/aws";
import * as awsx from "../_sdk/awsx";

const cluster = new aws.ecs.Cluster("ci", {});

const nodes = new aws.ec2.LaunchTemplate("ecs-nodes", {
    imageId: "ami-0abcdef1234567890",
    instanceType: "m7g.large",
    metadataOptions: { httpTokens: "required", httpPutResponseHopLimit: 1, httpEndpoint: "enabled" },
    userData: Buffer.from("#!/bin/bash\necho ECS_CLUSTER=ci >> /etc/ecs/ecs.config\n").toString("base64"),
});
const group = new aws.autoscaling.Group("ecs-nodes", {
    minSize: 1,
    maxSize: 3,
    vpcZoneIdentifiers: ["subnet-0123456789abcdef0"],
    launchTemplate: { id: nodes.id, version: "$Latest" },
});
const capacity = new aws.ecs.CapacityProvider("ecs-nodes", {
    autoScalingGroupProvider: { autoScalingGroupArn: group.arn },
});

const agent = new aws.ecs.TaskDefinition("ci-agent", {
    family: "ci-agent",
    requiresCompatibilities: ["EC2"],
    networkMode: "bridge",
    volumes: [{ name: "docker-socket", hostPath: "/var/run/docker.sock" }],
    containerDefinitions: JSON.stringify([
        {
            name: "agent",
            image: "example.com/ci-agent:3.0",
            essential: true,
            memory: 2048,
            privileged: true,
            mountPoints: [{ sourceVolume: "docker-socket", containerPath: "/var/run/docker.sock" }],
        },
    ]),
});
new aws.ecs.Service("ci-agent", {
    cluster: cluster.arn,
    taskDefinition: agent.arn,
    desiredCount: 2,
    capacityProviderStrategies: [{ capacityProvider: capacity.name, weight: 1 }],
});

new awsx.ecs.FargateService("web", {
    cluster: cluster.arn,
    assignPublicIp: false,
    desiredCount: 2,
    taskDefinitionArgs: {
        container: {
            name: "web",
            image: "public.ecr.aws/nginx/nginx-unprivileged:1.27",
            cpu: 256,
            memory: 512,
            essential: true,
            user: "101:101",
            readonlyRootFilesystem: true,
            linuxParameters: { capabilities: { drop: ["ALL"] } },
            portMappings: [{ containerPort: 8080 }],
        },
    },
});
