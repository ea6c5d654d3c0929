// Two Azure Container Instances groups. Each group runs in its own utility VM, so neither shares a kernel with
// another tenant, but inside it the containers' security contexts still decide what a compromise can do:
// - "log-agent" runs privileged and adds SYS_ADMIN: fails privileged and capabilities_restricted (and the
//   advisory run-as-non-root policy notes it runs as root).
// - "web" is the hardened twin (not privileged, no privilege escalation, all capabilities dropped, a non-root UID):
//   passes every policy.
//
// Written with raw azure-native type tokens rather than @pulumi/azure-native (136 MB, 16,744 files; see the README).
// The inputs are the ones @pulumi/azure-native 3.28.0 sends for `containerinstance.ContainerGroup`; the versioned
// token `azure-native:containerinstance/v20230501:ContainerGroup` (the SDK's versioned module) is read alike.
import * as pulumi from "@pulumi/pulumi";

/** An azure-native resource registered by its type token, as the SDK's class for it would register it. */
class AzureNative extends pulumi.CustomResource {
    constructor(type: string, name: string, args: pulumi.Inputs, opts?: pulumi.CustomResourceOptions) {
        super(`azure-native:${type}`, name, args, opts);
    }
}

const group = (name: string, type: string, container: Record<string, unknown>) =>
    new AzureNative(type, name, {
        resourceGroupName: "apps",
        containerGroupName: name,
        osType: "Linux",
        restartPolicy: "Always",
        sku: "Standard",
        containers: [{ resources: { requests: { cpu: 1, memoryInGB: 1.5 } }, ...container }],
    });

group("log-agent", "containerinstance:ContainerGroup", {
    name: "agent",
    image: "example.com/log-agent:3.2",
    securityContext: { privileged: true, capabilities: { add: ["SYS_ADMIN"] } },
});

group("web", "containerinstance/v20230501:ContainerGroup", {
    name: "web",
    image: "example.com/web:2.0",
    ports: [{ port: 8080, protocol: "TCP" }],
    securityContext: {
        privileged: false,
        allowPrivilegeEscalation: false,
        capabilities: { drop: ["ALL"] },
        runAsUser: 10001,
        runAsGroup: 10001,
    },
});
