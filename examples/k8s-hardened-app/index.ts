// A web app the way isolation-guard wants every workload: non-root, read-only root filesystem, no privilege
// escalation, ALL capabilities dropped (NET_BIND_SERVICE added back), RuntimeDefault seccomp, no host namespaces,
// no host paths. `pulumi preview --policy-pack <isolation-guard>` reports nothing.
import * as k8s from "@pulumi/kubernetes";

const labels = { app: "web" };

const ns = new k8s.core.v1.Namespace("web", {
    metadata: { labels: { "pod-security.kubernetes.io/enforce": "restricted" } },
});

const containerSecurity: k8s.types.input.core.v1.SecurityContext = {
    allowPrivilegeEscalation: false,
    privileged: false,
    readOnlyRootFilesystem: true,
    runAsNonRoot: true,
    capabilities: { drop: ["ALL"], add: ["NET_BIND_SERVICE"] },
    seccompProfile: { type: "RuntimeDefault" },
};

const deployment = new k8s.apps.v1.Deployment("web", {
    metadata: { namespace: ns.metadata.name, labels },
    spec: {
        replicas: 2,
        selector: { matchLabels: labels },
        template: {
            metadata: { labels },
            spec: {
                securityContext: { runAsNonRoot: true, runAsUser: 10001, seccompProfile: { type: "RuntimeDefault" } },
                containers: [
                    {
                        name: "web",
                        image: "nginxinc/nginx-unprivileged:1.27",
                        ports: [{ containerPort: 8080, name: "http" }],
                        securityContext: containerSecurity,
                        volumeMounts: [{ name: "tmp", mountPath: "/tmp" }],
                    },
                ],
                volumes: [{ name: "tmp", emptyDir: {} }],
            },
        },
    },
});

const service = new k8s.core.v1.Service("web", {
    metadata: { namespace: ns.metadata.name, labels },
    spec: { selector: labels, ports: [{ port: 80, targetPort: "http" }] },
});

export const namespace = ns.metadata.name;
export const deploymentName = deployment.metadata.name;
export const serviceName = service.metadata.name;
