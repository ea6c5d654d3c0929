// A GKE cluster whose node pools host several tenants' pods (cluster resource label tenancy=multi-tenant), written
// with @pulumi/gcp as users write it:
// - "sandbox" runs every pod under gVisor (GKE Sandbox) and hides the node's metadata server (GKE_METADATA): passes.
// - "shared" is a plain pool for the same tenants: fails sandboxedRuntime (multi-tenant-isolation), since its pods
//   share the nodes' kernels.
// - "batch" is a Cloud Run job for the same tenants: sandboxed by construction, it passes.
import * as cloudrunv2 from "@pulumi/gcp/cloudrunv2";
import * as container from "@pulumi/gcp/container";

const cluster = new container.Cluster("tenants", {
    name: "tenants",
    location: "europe-west1",
    removeDefaultNodePool: true,
    initialNodeCount: 1,
    resourceLabels: { tenancy: "multi-tenant" },
    workloadIdentityConfig: { workloadPool: "acme-platform.svc.id.goog" },
});

new container.NodePool("sandbox", {
    name: "sandbox",
    cluster: cluster.name,
    location: "europe-west1",
    nodeCount: 1,
    nodeConfig: {
        machineType: "e2-standard-4",
        imageType: "COS_CONTAINERD",
        resourceLabels: { tenancy: "multi-tenant" },
        sandboxConfig: { type: "GVISOR" },
        workloadMetadataConfig: { mode: "GKE_METADATA" },
    },
});

new container.NodePool("shared", {
    name: "shared",
    cluster: cluster.name,
    location: "europe-west1",
    nodeCount: 1,
    nodeConfig: {
        machineType: "e2-standard-4",
        labels: { tenancy: "multi-tenant" },
        workloadMetadataConfig: { mode: "GKE_METADATA" },
    },
});

new cloudrunv2.Job("batch", {
    name: "batch",
    location: "europe-west1",
    labels: { tenancy: "multi-tenant" },
    template: {
        template: {
            containers: [{ image: "europe-docker.pkg.dev/acme-platform/jobs/report:1.4" }],
            executionEnvironment: "EXECUTION_ENVIRONMENT_GEN2",
        },
    },
});
