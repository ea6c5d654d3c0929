// A platform hosting untrusted tenants, isolated the way isolation-guard wants: every tenant pod runs under gVisor
// (a RuntimeClass whose handler really is runsc), every tenant also gets its own KubeVirt VM, and tenant containers on
// the shared Docker host run under runsc. The Namespace is labelled `tenancy: multi-tenant`, so everything in it is
// judged as multi-tenant. `pulumi preview --policy-pack <isolation-guard>` reports nothing.
import * as docker from "@pulumi/docker";
import * as k8s from "@pulumi/kubernetes";

const tenants = ["acme", "globex"];
const multiTenant = { tenancy: "multi-tenant" };

const gvisor = new k8s.node.v1.RuntimeClass("gvisor", { metadata: { name: "gvisor" }, handler: "runsc" });
const ns = new k8s.core.v1.Namespace("tenants", { metadata: { name: "tenants", labels: multiTenant } });

const containerSecurity: k8s.types.input.core.v1.SecurityContext = {
    allowPrivilegeEscalation: false,
    privileged: false,
    readOnlyRootFilesystem: true,
    runAsNonRoot: true,
    capabilities: { drop: ["ALL"] },
    seccompProfile: { type: "RuntimeDefault" },
};

const tenantHost = new docker.Provider("tenant-host", { host: "ssh://ops@tenant-host.example.com" });

for (const tenant of tenants) {
    const labels = { app: `${tenant}-app`, tenant };
    new k8s.apps.v1.Deployment(
        `${tenant}-app`,
        {
            metadata: { name: `${tenant}-app`, namespace: "tenants", labels: { ...multiTenant, tenant } },
            spec: {
                selector: { matchLabels: labels },
                template: {
                    metadata: { labels },
                    spec: {
                        runtimeClassName: "gvisor",
                        securityContext: {
                            runAsNonRoot: true,
                            runAsUser: 10001,
                            seccompProfile: { type: "RuntimeDefault" },
                        },
                        containers: [
                            { name: "app", image: "example.com/tenant-app:1.0", securityContext: containerSecurity },
                        ],
                    },
                },
            },
        },
        { dependsOn: [gvisor, ns] },
    );

    // A VM per tenant: its own kernel, so no sandbox runtime is needed.
    new k8s.apiextensions.CustomResource(
        `${tenant}-vm`,
        {
            apiVersion: "kubevirt.io/v1",
            kind: "VirtualMachine",
            metadata: { name: `${tenant}-vm`, namespace: "tenants", labels: { ...multiTenant, tenant } },
            spec: {
                runStrategy: "Always",
                template: {
                    metadata: { labels: { tenant } },
                    spec: {
                        domain: {
                            resources: { requests: { memory: "1Gi" } },
                            devices: { disks: [{ name: "root", disk: { bus: "virtio" } }] },
                        },
                        volumes: [{ name: "root", containerDisk: { image: "quay.io/containerdisks/fedora:40" } }],
                    },
                },
            },
        },
        { dependsOn: [ns] },
    );

    // Two tenants on one Docker host: each container runs under gVisor.
    new docker.Container(
        `${tenant}-web`,
        {
            name: `${tenant}-web`,
            image: "nginxinc/nginx-unprivileged:1.27",
            runtime: "runsc",
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

export const runtimeClass = gvisor.metadata.name;
