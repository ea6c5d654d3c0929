// A multi-tenant EKS cluster isolated with Fargate instead of a sandbox RuntimeClass. Each tenant's Namespace is
// labelled `tenancy: multi-tenant`, so everything in it is judged as multi-tenant, and an EKS Fargate profile selects
// it: EKS runs each of those pods in its own Firecracker microVM, one kernel per pod, which is what the
// multi-tenant-isolation policy asks for. Shared system pods run on a managed node group whose launch template
// requires IMDSv2 with a hop limit of 1, so no pod can take the node's role. The Kubernetes objects go through a
// provider made from the cluster, which is how the pack knows the Fargate profiles and the pods are of one cluster (a
// profile of a cluster in the stack selects no pod of another cluster, nor of an ambient kubeconfig's).
// `pulumi preview` reports nothing.
// (The AWS constructors come from ../_sdk: same type tokens and inputs as @pulumi/aws.)
import * as k8s from "@pulumi/kubernetes";
import * as aws from "../_sdk/aws";

const subnetIds = ["subnet-0123456789abcdef0", "subnet-0fedcba9876543210"];
const cluster = new aws.eks.Cluster("platform", {
    roleArn: "arn:aws:iam::123456789012:role/eks-cluster",
    vpcConfig: { subnetIds },
});

const systemNodes = new aws.ec2.LaunchTemplate("system-nodes", {
    metadataOptions: { httpTokens: "required", httpPutResponseHopLimit: 1 },
});
new aws.eks.NodeGroup("system", {
    clusterName: cluster.name,
    nodeRoleArn: "arn:aws:iam::123456789012:role/eks-node",
    subnetIds,
    scalingConfig: { desiredSize: 2, minSize: 2, maxSize: 4 },
    launchTemplate: { id: systemNodes.id, version: systemNodes.latestVersion.apply(String) },
    labels: { role: "system" },
});

// The cluster's kubeconfig, as `aws eks update-kubeconfig` writes it (authenticating through `aws eks get-token`).
const provider = new k8s.Provider("platform", {
    kubeconfig: cluster.name.apply((name) =>
        JSON.stringify({
            apiVersion: "v1",
            kind: "Config",
            clusters: [{ name, cluster: { server: `https://${name}.eks.amazonaws.com` } }],
            contexts: [{ name, context: { cluster: name, user: name } }],
            "current-context": name,
            users: [
                {
                    name,
                    user: {
                        exec: {
                            apiVersion: "client.authentication.k8s.io/v1beta1",
                            command: "aws",
                            args: ["eks", "get-token", "--cluster-name", name],
                        },
                    },
                },
            ],
        }),
    ),
});

for (const tenant of ["acme", "globex"]) {
    const namespace = `tenant-${tenant}`;
    const ns = new k8s.core.v1.Namespace(
        namespace,
        { metadata: { name: namespace, labels: { tenancy: "multi-tenant", tenant } } },
        { provider },
    );
    new aws.eks.FargateProfile(namespace, {
        clusterName: cluster.name,
        podExecutionRoleArn: "arn:aws:iam::123456789012:role/eks-fargate-pods",
        subnetIds,
        selectors: [{ namespace }],
    });
    const labels = { app: "shop", tenant };
    new k8s.apps.v1.Deployment(
        `${tenant}-shop`,
        {
            metadata: { name: "shop", namespace: ns.metadata.name },
            spec: {
                selector: { matchLabels: labels },
                template: {
                    metadata: { labels },
                    spec: {
                        securityContext: {
                            runAsNonRoot: true,
                            runAsUser: 10001,
                            seccompProfile: { type: "RuntimeDefault" },
                        },
                        containers: [
                            {
                                name: "shop",
                                image: "example.com/shop:4.2",
                                securityContext: {
                                    allowPrivilegeEscalation: false,
                                    readOnlyRootFilesystem: true,
                                    capabilities: { drop: ["ALL"] },
                                },
                            },
                        ],
                    },
                },
            },
        },
        { provider },
    );
}
