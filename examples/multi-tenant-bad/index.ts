// A multi-tenant platform that lets tenants share kernels, one resource for each multi-tenant-isolation check:
// - sandboxedRuntime: acme's Deployment has no sandbox runtimeClassName; initech's is multi-tenant only through its
//   Namespace (reported by AnalyzeStack); the Docker containers have no sandbox runtime.
// - sandboxRuntimeClass: the RuntimeClass "gvisor" has handler runc, a plain container runtime under a sandbox's name.
// - tenantSharedHost: acme and globex containers on one Docker host without a sandbox; one VM for two tenants.
// - sensitiveHostPath (no-sensitive-host-mounts): acme's VM attaches /var/run from the node as a hostDisk.
import * as docker from "@pulumi/docker";
import * as k8s from "@pulumi/kubernetes";

const multiTenant = { tenancy: "multi-tenant" };

const fakeGvisor = new k8s.node.v1.RuntimeClass("gvisor", { metadata: { name: "gvisor" }, handler: "runc" });
const shared = new k8s.core.v1.Namespace("shared", { metadata: { name: "shared", labels: multiTenant } });

function deployment(
    tenant: string,
    namespace: string,
    tenancy: Record<string, string>,
    runtimeClassName?: string,
): k8s.apps.v1.Deployment {
    const labels = { app: `${tenant}-app`, tenant };
    return new k8s.apps.v1.Deployment(
        `${tenant}-app`,
        {
            metadata: { name: `${tenant}-app`, namespace, labels: { ...tenancy, tenant } },
            spec: {
                selector: { matchLabels: labels },
                template: {
                    metadata: { labels },
                    spec: {
                        runtimeClassName,
                        securityContext: {
                            runAsNonRoot: true,
                            runAsUser: 10001,
                            seccompProfile: { type: "RuntimeDefault" },
                        },
                        containers: [
                            {
                                name: "app",
                                image: "example.com/tenant-app:1.0",
                                securityContext: {
                                    allowPrivilegeEscalation: false,
                                    runAsNonRoot: true,
                                    capabilities: { drop: ["ALL"] },
                                },
                            },
                        ],
                    },
                },
            },
        },
        { dependsOn: [fakeGvisor, shared] },
    );
}

deployment("acme", "tenants", multiTenant);
deployment("globex", "tenants", multiTenant, "gvisor");
deployment("initech", "shared", {});

function vm(name: string, tenant: string, templateTenant: string, hostDisk?: string): k8s.apiextensions.CustomResource {
    const disks: object[] = [{ name: "root", disk: { bus: "virtio" } }];
    const volumes: object[] = [{ name: "root", containerDisk: { image: "quay.io/containerdisks/fedora:40" } }];
    if (hostDisk) {
        disks.push({ name: "host", disk: { bus: "virtio" } });
        volumes.push({ name: "host", hostDisk: { path: hostDisk, type: "Disk" } });
    }
    return new k8s.apiextensions.CustomResource(name, {
        apiVersion: "kubevirt.io/v1",
        kind: "VirtualMachine",
        metadata: { name, namespace: "tenants", labels: { ...multiTenant, tenant } },
        spec: {
            runStrategy: "Always",
            template: {
                metadata: { labels: { tenant: templateTenant } },
                spec: { domain: { resources: { requests: { memory: "1Gi" } }, devices: { disks } }, volumes },
            },
        },
    });
}

vm("acme-vm", "acme", "acme", "/var/run");
vm("umbrella-vm", "umbrella", "hooli");

const tenantHost = new docker.Provider("tenant-host", { host: "ssh://ops@tenant-host.example.com" });
for (const tenant of ["acme", "globex"]) {
    new docker.Container(
        `${tenant}-web`,
        {
            name: `${tenant}-web`,
            image: "nginxinc/nginx-unprivileged:1.27",
            user: "101:101",
            readOnly: true,
            capabilities: { drops: ["ALL"] },
            securityOpts: ["no-new-privileges:true"],
            labels: [
                { label: "tenancy", value: "multi-tenant" },
                { label: "tenant", value: tenant },
            ],
        },
        { provider: tenantHost },
    );
}
