// A "node agent" DaemonSet with the classic container-escape paths, each of which alone gives root on the node:
// privileged, the host PID namespace, the Docker socket mounted from the host, and CAP_SYS_ADMIN added.
// isolation-guard rejects it at `pulumi preview`.
import * as k8s from "@pulumi/kubernetes";

const labels = { app: "node-agent" };

const agent = new k8s.apps.v1.DaemonSet("node-agent", {
    metadata: { namespace: "kube-system", labels },
    spec: {
        selector: { matchLabels: labels },
        template: {
            metadata: { labels },
            spec: {
                hostPID: true,
                containers: [
                    {
                        name: "agent",
                        image: "example.com/node-agent:2.1",
                        securityContext: { privileged: true, capabilities: { add: ["SYS_ADMIN"] } },
                        volumeMounts: [{ name: "docker-sock", mountPath: "/var/run/docker.sock" }],
                    },
                ],
                volumes: [{ name: "docker-sock", hostPath: { path: "/var/run/docker.sock", type: "Socket" } }],
            },
        },
    },
});

export const daemonSet = agent.metadata.name;
