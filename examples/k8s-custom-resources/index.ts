// Platform teams deploy pods through operators' custom resources: an Argo Rollouts `Rollout` instead of a Deployment,
// a Knative `Service` for a scale-to-zero app. Admission controllers judge the Pods those controllers create later;
// at `pulumi preview` only the custom resource exists, so isolation-guard reads the pod template inside it.
// The Rollout is hardened and passes; the Knative Service runs a docker-in-docker build helper privileged with the
// node's runtime socket mounted, and is rejected at its own field paths (spec.template.spec.containers[0]…).
import * as k8s from "@pulumi/kubernetes";

const labels = { app: "shop" };

const hardened: k8s.types.input.core.v1.SecurityContext = {
    allowPrivilegeEscalation: false,
    privileged: false,
    readOnlyRootFilesystem: true,
    runAsNonRoot: true,
    capabilities: { drop: ["ALL"] },
    seccompProfile: { type: "RuntimeDefault" },
};

// A canary rollout of the shop front end: the pod template is a plain, hardened PodTemplateSpec.
new k8s.apiextensions.CustomResource("shop", {
    apiVersion: "argoproj.io/v1alpha1",
    kind: "Rollout",
    metadata: { name: "shop", namespace: "shop", labels },
    spec: {
        replicas: 4,
        selector: { matchLabels: labels },
        strategy: { canary: { steps: [{ setWeight: 25 }, { pause: { duration: "5m" } }, { setWeight: 50 }] } },
        template: {
            metadata: { labels },
            spec: {
                securityContext: { runAsNonRoot: true, runAsUser: 10001, seccompProfile: { type: "RuntimeDefault" } },
                containers: [
                    {
                        name: "shop",
                        image: "ghcr.io/example/shop:2.4.1",
                        ports: [{ containerPort: 8080, name: "http" }],
                        securityContext: hardened,
                        volumeMounts: [{ name: "tmp", mountPath: "/tmp" }],
                    },
                ],
                volumes: [{ name: "tmp", emptyDir: {} }],
            },
        },
    },
});

// An image-builder service on Knative: it talks to the node's Docker daemon through the mounted socket and runs
// privileged "to make docker work". Either one hands the node to whoever can reach the service.
new k8s.apiextensions.CustomResource("image-builder", {
    apiVersion: "serving.knative.dev/v1",
    kind: "Service",
    metadata: { name: "image-builder", namespace: "ci" },
    spec: {
        template: {
            metadata: { annotations: { "autoscaling.knative.dev/max-scale": "3" } },
            spec: {
                containerConcurrency: 1,
                containers: [
                    {
                        name: "builder",
                        image: "ghcr.io/example/image-builder:0.9.0",
                        securityContext: { ...hardened, privileged: true },
                        volumeMounts: [{ name: "docker-sock", mountPath: "/var/run/docker.sock" }],
                    },
                ],
                volumes: [{ name: "docker-sock", hostPath: { path: "/var/run/docker.sock", type: "Socket" } }],
            },
        },
    },
});
