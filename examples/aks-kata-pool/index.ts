// An AKS cluster whose user node pools host several tenants' pods (node label tenancy=multi-tenant):
// - "kata" has pod sandboxing on (workloadRuntime KataVmIsolation): each pod that asks for it runs in its own Kata VM,
//   so the pool passes.
// - "shared" is a plain pool for the same tenants: fails sandboxedRuntime (multi-tenant-isolation).
// - the cluster's system pool serves no tenant and passes.
//
// Written with raw azure-native type tokens rather than @pulumi/azure-native: that SDK unpacks to 136 MB in 16,744
// files, more than everything else this repository installs, for three resource types (see the README). The inputs
// are the ones @pulumi/azure-native 3.28.0 sends for `containerservice.ManagedCluster` and `containerservice.AgentPool`.
import * as pulumi from "@pulumi/pulumi";

/** An azure-native resource registered by its type token, as the SDK's class for it would register it. */
class AzureNative extends pulumi.CustomResource {
    constructor(type: string, name: string, args: pulumi.Inputs, opts?: pulumi.CustomResourceOptions) {
        super(`azure-native:${type}`, name, args, opts);
    }
}

const resourceGroupName = "platform";

const cluster = new AzureNative("containerservice:ManagedCluster", "tenants", {
    resourceGroupName,
    resourceName: "tenants",
    dnsPrefix: "tenants",
    identity: { type: "SystemAssigned" },
    agentPoolProfiles: [
        {
            name: "system",
            mode: "System",
            count: 2,
            vmSize: "Standard_D4s_v5",
            osType: "Linux",
            nodeTaints: ["CriticalAddonsOnly=true:NoSchedule"],
        },
    ],
});

function userPool(name: string, workloadRuntime?: string): AzureNative {
    return new AzureNative(
        "containerservice:AgentPool",
        name,
        {
            resourceGroupName,
            resourceName: "tenants",
            agentPoolName: name,
            mode: "User",
            count: 3,
            vmSize: "Standard_D4s_v5",
            osType: "Linux",
            osSKU: "AzureLinux",
            nodeLabels: { tenancy: "multi-tenant" },
            workloadRuntime,
        },
        { dependsOn: [cluster] },
    );
}

userPool("kata", "KataVmIsolation");
userPool("shared");
